import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files so that readers never see half of one, and so that a hostile folder
/// cannot turn a write into the overwrite of another file.
///
/// What is written where, by what `path` names:
/// - nothing, or a regular file: atomic replace. The text goes to a new temporary file
///   in the same folder, with a random name, created with `O_CREAT | O_EXCL |
///   O_NOFOLLOW` and mode 0600 (a planted file or symlink of that name is never opened);
///   every byte is written and synced, the file gets its final mode (the replaced file's
///   mode, else 0644 less the umask) and is renamed over `path`. On any failure the
///   temporary file is removed and `path` is left as it was.
/// - a character device (`/dev/null`, a terminal) or a FIFO: written through, opened
///   for writing without creating or truncating, so the device node stays what it is.
/// - a symlink: followed to the file it finally names, which is then written as above
///   (atomically, renamed in the target's folder; a special target written through).
///   The link stays a link and is never swapped for a regular file. A dangling link is
///   refused: creating its target would write wherever the link points.
/// - a directory, a block device or a socket: refused with a message.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// How a path is written, after following symlinks.
    enum Destination: Equatable {
        /// Atomic replace of `path` (a regular file or nothing yet); `mode`: the replaced file's.
        case replace(path: String, mode: mode_t?)
        /// Written in place: a character device or FIFO.
        case writeThrough(path: String)
    }

    /// Fails early (before any long computation) if `path` cannot be written.
    public static func checkWritable(_ path: String) throws(WriteError) {
        switch try destination(path) {
        case .replace(let target, _):
            let folder = folderOf(target)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw WriteError(description: "\(path): folder \(folder) does not exist")
            }
            guard access(folder, W_OK | X_OK) == 0 else {
                throw WriteError(description: "\(path): folder \(folder) is not writable")
            }
        case .writeThrough(let target):
            guard access(target, W_OK) == 0 else {
                throw WriteError(description: "\(path): cannot write: \(String(cString: strerror(errno)))")
            }
        }
    }

    public static func write(_ text: String, to path: String) throws(WriteError) {
        let bytes = Array(text.utf8)
        switch try destination(path) {
        case .replace(let target, let mode):
            try replace(target, with: bytes, mode: mode ?? (0o644 & ~currentUmask()), reportedAs: path)
        case .writeThrough(let target):
            let fd = open(target, O_WRONLY | O_CLOEXEC | O_NOCTTY)
            guard fd >= 0 else { throw WriteError(description: "\(path): cannot write: \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            if let reason = writeAll(fd, bytes) { throw WriteError(description: "\(path): cannot write: \(reason)") }
        }
    }

    /// What `path` is, following symlinks to the end (see the type's comment).
    static func destination(_ path: String) throws(WriteError) -> Destination {
        var st = stat()
        guard lstat(path, &st) == 0 else {
            guard errno == ENOENT else { throw WriteError(description: "\(path): cannot write: \(String(cString: strerror(errno)))") }
            return .replace(path: path, mode: nil)
        }
        var target = path
        if st.st_mode & S_IFMT == S_IFLNK {
            guard let resolved = realpath(path, nil) else {
                throw WriteError(description: "\(path): is a symlink to a file that does not exist; refusing to create it through the link "
                                 + "(give the target's path instead)")
            }
            target = String(cString: resolved)
            free(resolved)
            guard stat(target, &st) == 0 else {
                throw WriteError(description: "\(path): cannot write: \(String(cString: strerror(errno)))")
            }
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .replace(path: target, mode: st.st_mode & 0o7777)
        case S_IFCHR, S_IFIFO: return .writeThrough(path: target)
        case S_IFDIR: throw WriteError(description: "\(path): is a directory, cannot write the output there")
        default: throw WriteError(description: "\(path): is a block device or socket, not a file; refusing to write there")
        }
    }

    /// Atomic replace of `target` by a fresh temporary file renamed over it.
    static func replace(_ target: String, with bytes: [UInt8], mode: mode_t, reportedAs path: String) throws(WriteError) {
        let folder = folderOf(target)
        let name = URL(fileURLWithPath: target).lastPathComponent
        var generator = SystemRandomNumberGenerator()
        var temporary = "", fd: Int32 = -1
        for _ in 0..<16 {
            let suffix = String(generator.next() as UInt64, radix: 36)
            temporary = folder + "/." + name + "." + suffix + ".tmp"
            fd = open(temporary, O_CREAT | O_EXCL | O_NOFOLLOW | O_WRONLY | O_CLOEXEC, 0o600)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else {
            throw WriteError(description: "\(path): cannot create a temporary file in \(folder): \(String(cString: strerror(errno)))")
        }
        var failure = writeAll(fd, bytes)
        if failure == nil && fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if failure == nil && fchmod(fd, mode) != 0 { failure = String(cString: strerror(errno)) }
        if close(fd) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil && rename(temporary, target) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw WriteError(description: "\(path): cannot write: \(failure)")
        }
        // Make the rename itself durable; a folder that cannot be synced is no error.
        let folderFD = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderFD >= 0 { fsync(folderFD); close(folderFD) }
    }

    /// Writes every byte (short writes and EINTR continue); the reason on failure.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> String? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            offset += written
        }
        return nil
    }

    static func folderOf(_ path: String) -> String {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return folder.isEmpty ? "." : folder
    }

    /// The process umask, read from /proc (calling umask(2) to read it would change it
    /// for a moment under other threads); 022 where /proc does not say.
    static func currentUmask() -> mode_t {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Umask:") }),
              let value = mode_t(line.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8) else { return 0o022 }
        return value
    }
}
