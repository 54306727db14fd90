/// A problem with an input file, reported as `file:line: message`.
///
/// Every reader throws this instead of trapping; the CLI maps it to exit code 2.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    /// 1-based line number, or nil when the problem concerns the whole file.
    public let line: Int?
    public let message: String

    public init(file: String, line: Int?, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// Hard limits that keep any input from exhausting memory before it is refused.
public enum InputLimits {
    /// Largest node count a dense-matrix instance may have (a full Int32 matrix of
    /// 20,000 nodes is 1.6 GB; beyond this OnTime refuses up front).
    public static let maximumNodes = 20_000
    /// Largest file read into memory.
    public static let maximumFileBytes = 512 * 1024 * 1024
}
