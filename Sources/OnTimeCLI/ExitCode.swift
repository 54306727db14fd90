/// Exit codes of `ontime`, documented in the README.
public enum ExitCode: Int32, Sendable {
    case ok = 0
    /// An unexpected internal failure (a bug: please report it).
    case internalError = 1
    /// Bad command line or bad input file.
    case badInput = 2
    /// The plan (or checked solution) breaks a constraint.
    case infeasible = 3
    /// The time limit passed before any feasible plan was found.
    case noFeasibleInTime = 4
    /// Stopped by SIGINT/SIGTERM; the best plan so far was written.
    case interrupted = 130
}

/// Where the commands print: injectable so tests can capture it.
public struct Console: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void
    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void) {
        self.out = out
        self.err = err
    }
}
