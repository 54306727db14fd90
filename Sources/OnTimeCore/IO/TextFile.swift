import Foundation

/// A text file split into lines, CRLF or LF, with 1-based line numbers kept for errors.
struct TextFile {
    let path: String
    let lines: [Substring]

    init(path: String, contents: String) {
        self.path = path
        // "\r\n" is a single Character in Swift, and isNewline covers it, "\n" and a lone "\r".
        self.lines = contents.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    }

    static func read(_ path: String) throws(InputError) -> TextFile {
        TextFile(path: path, contents: try readText(path))
    }

    func error(_ line: Int?, _ message: String) -> InputError {
        InputError(file: path, line: line, message)
    }

    /// Whitespace-separated fields of line `index` (0-based).
    func fields(_ index: Int) -> [Substring] {
        lines[index].split(whereSeparator: { $0 == " " || $0 == "\t" })
    }
}

/// Reads a UTF-8 text file, refusing directories, unreadable, huge or binary files with a clear message.
public func readText(_ path: String) throws(InputError) -> String {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw InputError(file: path, line: nil, "no such file")
    }
    if isDirectory.boolValue { throw InputError(file: path, line: nil, "is a directory, expected a file") }
    if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
       size.intValue > InputLimits.maximumFileBytes {
        throw InputError(file: path, line: nil, "file is \(size.intValue) bytes, larger than the \(InputLimits.maximumFileBytes)-byte limit")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw InputError(file: path, line: nil, "cannot read file (permission denied?)")
    }
    if data.isEmpty { throw InputError(file: path, line: nil, "file is empty") }
    if data.contains(0) { throw InputError(file: path, line: nil, "file contains NUL bytes; not a text file") }
    guard let text = String(data: data, encoding: .utf8) else {
        throw InputError(file: path, line: nil, "file is not valid UTF-8 text")
    }
    if text.allSatisfy(\.isWhitespace) { throw InputError(file: path, line: nil, "file has only whitespace") }
    return text
}

/// Parses an integer field strictly (no trailing garbage), for error reporting by the caller.
@inline(__always) func parseInt(_ s: Substring) -> Int? {
    if let v = Int(s) { return v }
    // Accept integral decimals such as "12.0" written by some generators.
    if let d = Double(s), d.isFinite, d == d.rounded(), abs(d) < 9e15 { return Int(d) }
    return nil
}

/// Parses a finite floating-point field.
@inline(__always) func parseDouble(_ s: Substring) -> Double? {
    guard let d = Double(s), d.isFinite else { return nil }
    return d
}
