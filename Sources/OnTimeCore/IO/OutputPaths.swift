import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Keeps a command from writing an output over one of its own inputs (`solve X --output
/// X`) or two outputs over each other. Files are compared by device and inode, never by
/// name, so `./x`, `x`, `dir/../x`, a symlink to `x` and a hard link of `x` are all `x`.
/// Only regular files count: writing onto a device or FIFO (`/dev/null`) destroys no
/// input, so it may be both an input and an output. Outputs that do not exist yet are
/// compared by their folder's device and inode and their name.
public enum OutputPaths {
    /// A labelled path, e.g. `("--output", "plan.sol")` or `("INSTANCE", "x.vrp")`.
    public typealias Labelled = (label: String, path: String)

    /// Throws, naming both, for the first output that is an input or an earlier output.
    public static func checkDistinct(outputs: [Labelled], inputs: [Labelled]) throws(AtomicFile.WriteError) {
        var seen: [Key: Labelled] = [:]
        for input in inputs {
            if let key = key(input.path, mustExist: true), seen[key] == nil { seen[key] = input }
        }
        for output in outputs {
            guard let key = key(output.path, mustExist: false) else { continue }
            if let earlier = seen[key] {
                let what = inputs.contains(where: { $0.label == earlier.label && $0.path == earlier.path }) ? "the input" : "the output"
                throw AtomicFile.WriteError(description: "\(output.label) \(output.path) is the same file as \(what) \(earlier.label) "
                                            + "\(earlier.path); refusing to overwrite it (write to another file)")
            }
            seen[key] = output
        }
    }

    struct Key: Hashable {
        let device: UInt64, inode: UInt64
        /// For a file that does not exist yet: its name in the folder (device, inode).
        let name: String?
    }

    /// The identity of `path` (symlinks followed); nil for special files and for paths
    /// that cannot be looked up.
    static func key(_ path: String, mustExist: Bool) -> Key? {
        var st = stat()
        if stat(path, &st) == 0 {
            guard st.st_mode & S_IFMT == S_IFREG else { return nil }
            return Key(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), name: nil)
        }
        guard !mustExist, errno == ENOENT, stat(AtomicFile.folderOf(path), &st) == 0 else { return nil }
        return Key(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), name: URL(fileURLWithPath: path).lastPathComponent)
    }
}
