import Foundation
import Testing
@testable import OnTimeCore

/// Hostile destinations for `AtomicFile` (issue 20, items 1 and 2): special files stay
/// special, symlinks stay links, planted temporary names are never followed.
@Suite("Atomic file writes")
struct AtomicFileTests {
    static func folder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ontime-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static func fileType(_ path: String) -> mode_t? {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & S_IFMT : nil
    }

    static func mode(_ path: String) -> mode_t? {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & 0o7777 : nil
    }

    @Test func symlinkToADeviceWritesThroughAndStaysALink() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let link = dir + "/plan.sol"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/null")
        try AtomicFile.write("Route #1: 1\nCost 0\n", to: link)
        #expect(Self.fileType(link) == S_IFLNK, "the symlink was replaced")
        #expect(Self.fileType("/dev/null") == S_IFCHR)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["plan.sol"])
    }

    @Test func fifoIsWrittenThroughNotReplaced() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fifo = dir + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        // A reader first (non-blocking), so opening for writing does not wait.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        try AtomicFile.write("hello\n", to: fifo)
        #expect(Self.fileType(fifo) == S_IFIFO, "the FIFO was replaced by a regular file")
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(reader, &buffer, buffer.count)
        #expect(count == 6)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["pipe"])
    }

    @Test func symlinkToARegularFileReplacesTheTargetAtomically() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/runs", withIntermediateDirectories: true)
        let target = dir + "/runs/today.sol", link = dir + "/latest.sol"
        try "old\n".write(toFile: target, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "runs/today.sol")
        try AtomicFile.write("new\n", to: link)
        #expect(Self.fileType(link) == S_IFLNK, "the symlink was replaced by a regular file")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/runs") == ["today.sol"])
    }

    @Test func danglingSymlinkIsRefused() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let link = dir + "/plan.sol"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: dir + "/elsewhere/victim")
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.checkWritable(link) }
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("x\n", to: link) }
        #expect(Self.fileType(link) == S_IFLNK)
    }

    @Test func plantedSymlinkUnderTheOldTemporaryNameIsNotFollowed() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let victim = dir + "/victim.txt"
        try "precious\n".write(toFile: victim, atomically: false, encoding: .utf8)
        // The name the temporary file used to have: guessable from the process id.
        let planted = dir + "/.plan.sol.\(ProcessInfo.processInfo.processIdentifier).tmp"
        try FileManager.default.createSymbolicLink(atPath: planted, withDestinationPath: victim)
        try AtomicFile.write("Route #1: 1\nCost 0\n", to: dir + "/plan.sol")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n", "the write went through the planted symlink")
        #expect(try String(contentsOfFile: dir + "/plan.sol", encoding: .utf8) == "Route #1: 1\nCost 0\n")
        #expect(Self.fileType(planted) == S_IFLNK)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir)) == [".plan.sol.\(ProcessInfo.processInfo.processIdentifier).tmp", "plan.sol", "victim.txt"])
    }

    @Test func replacingKeepsTheModeAndNewFilesFollowTheUmask() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let existing = dir + "/secret.json"
        try "{}\n".write(toFile: existing, atomically: false, encoding: .utf8)
        #expect(chmod(existing, 0o640) == 0)
        try AtomicFile.write("{\"a\": 1}\n", to: existing)
        #expect(Self.mode(existing) == 0o640)
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "{\"a\": 1}\n")
        try AtomicFile.write("new\n", to: dir + "/new.txt")
        #expect(Self.mode(dir + "/new.txt") == 0o644 & ~AtomicFile.currentUmask())
    }

    @Test func largeTextIsWrittenWhole() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = String(repeating: "Route #1: 1 2 3 4 5 6 7 8 9\n", count: 200_000)
        try AtomicFile.write(text, to: dir + "/big.sol")
        #expect(try String(contentsOfFile: dir + "/big.sol", encoding: .utf8) == text)
    }

    @Test func directoryIsRefused() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.checkWritable(dir) }
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("x", to: dir) }
    }
}
