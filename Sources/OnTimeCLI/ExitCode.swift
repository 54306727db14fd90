import OnTimeCore

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

extension Console {
    /// Longest line written to stderr, in characters: a name of megabytes quoted in a
    /// message is cut there (stdout, which may carry a plan, is never cut).
    public static let maximumErrorLine = 2_000

    /// This console with what reaches a terminal made safe: control characters other than
    /// line feed and tab (escape sequences that could rewrite the screen or the title, NUL,
    /// carriage returns, C1 controls) are shown escaped (`\u{1B}`), and stderr lines are cut
    /// at `maximumErrorLine` characters.
    public var sanitised: Console {
        let out = self.out, err = self.err
        return Console(out: { out(TerminalText.safe($0, maximumLine: nil)) },
                       err: { err(TerminalText.safe($0, maximumLine: Console.maximumErrorLine)) })
    }
}

/// Text made safe to print on a terminal (see `Console.sanitised`).
public enum TerminalText {
    public static func safe(_ text: String, maximumLine: Int?) -> String {
        let escaped = ControlCharacters.escaped(text, keepingLineFeeds: true)
        guard let maximumLine, escaped.utf8.count > maximumLine else { return escaped }
        var out = ""
        for (k, line) in escaped.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if k > 0 { out += "\n" }
            if line.count > maximumLine {
                out += line.prefix(maximumLine) + "… [\(line.count - maximumLine) more characters not shown]"
            } else {
                out += line
            }
        }
        return out
    }
}
