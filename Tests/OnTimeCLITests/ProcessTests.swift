import Foundation
import Testing
import OnTimeCore

/// End-to-end tests of the built `ontime` executable: signals and exit codes as a
/// shell sees them.
@Suite("ontime process")
struct ProcessTests {
    /// The `ontime` binary built beside this test bundle, if any.
    static var binary: String? {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for _ in 0..<4 {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("ontime").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    func launch(_ arguments: [String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.binary))
        process.arguments = arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return (process, err)
    }

    @Test(.enabled(if: binary != nil))
    func sigintWritesTheBestPlanSoFarAndExits130() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sol = folder.appendingPathComponent("interrupted.sol").path
        let (process, err) = try launch(["solve", Paths.demo, "--time-limit", "60", "--output", sol])
        Thread.sleep(forTimeInterval: 1.5)
        let sent = Date()
        process.interrupt()  // SIGINT
        process.waitUntilExit()
        let stopDelay = Date().timeIntervalSince(sent)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130, "\(stderr)")
        #expect(stopDelay < 2, "took \(stopDelay) s to stop after SIGINT")
        #expect(stderr.contains("interrupted"))
        let problem = try InstanceReader.read(path: Paths.demo)
        let file = try SolutionFile.read(path: sol)
        #expect(Verifier.check(problem, routes: file.routes).isFeasible)
    }

    @Test(.enabled(if: binary != nil))
    func badInputExitsTwoWithOneLine() throws {
        let (process, err) = try launch(["solve", "/nonexistent.vrp"])
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 2)
        #expect(stderr == "/nonexistent.vrp: no such file\n")
    }
}
