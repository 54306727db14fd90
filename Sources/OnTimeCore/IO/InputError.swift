/// A problem with an input file, reported as `file:line: message`.
///
/// Every reader throws this instead of trapping; the CLI maps it to exit code 2.
/// The message is always one line of at most `maximumMessageLength` characters, even
/// when it quotes the input: control characters (newlines included) are escaped and
/// a longer message is cut with "…".
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    /// 1-based line number, or nil when the problem concerns the whole file.
    public let line: Int?
    public let message: String

    /// Longest message kept, in characters.
    public static let maximumMessageLength = 400

    public init(file: String, line: Int?, _ message: String) {
        self.file = file
        self.line = line
        self.message = InputError.oneLine(message)
    }

    /// `message` with control characters escaped (`\n`, `\u{1B}`, ...) and cut to `maximumMessageLength`.
    static func oneLine(_ message: String) -> String {
        var text = ControlCharacters.escaped(message, keepingLineFeeds: false)
        if text.count > maximumMessageLength { text = String(text.prefix(maximumMessageLength - 1)) + "…" }
        return text
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// Control characters shown escaped (`\n`, `\u{1B}`, ...), for text that quotes input
/// and reaches a terminal or a one-line message: tabs stay, and line feeds when asked;
/// every other control (C0, DEL, C1: escape sequences, carriage returns, NUL) and
/// U+2028/U+2029 do not.
public enum ControlCharacters {
    public static func escaped(_ text: String, keepingLineFeeds: Bool) -> String {
        func escape(_ s: Unicode.Scalar) -> Bool {
            s != "\t" && !(keepingLineFeeds && s == "\n") && (s.properties.generalCategory == .control || s.properties.isNewlineLike)
        }
        guard text.unicodeScalars.contains(where: escape) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if escape(scalar) { out += scalar.escaped(asASCII: true) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}

extension Unicode.Scalar.Properties {
    /// Line and paragraph separators (U+2028, U+2029), which split lines without being controls.
    var isNewlineLike: Bool { generalCategory == .lineSeparator || generalCategory == .paragraphSeparator }
}

/// Hard limits that keep any input from exhausting memory before it is refused.
public enum InputLimits {
    /// Largest node count a dense-matrix instance may have (a full Int32 matrix of
    /// 20,000 nodes is 1.6 GB; beyond this OnTime refuses up front).
    public static let maximumNodes = 20_000
    /// Largest file read into memory.
    public static let maximumFileBytes = 512 * 1024 * 1024
    /// Largest JSON settings file (layout, travel-time model, compensation policy): parsed
    /// JSON takes tens of bytes per input byte, and real ones are a few kilobytes.
    public static let maximumJSONBytes = 16 * 1024 * 1024
    /// Most rows of a history CSV (`Calibration`): about 250 bytes each once read.
    public static let maximumHistoryRows = 5_000_000
    /// Most lines of an order-lines CSV (slotting).
    public static let maximumOrderLines = 10_000_000
}
