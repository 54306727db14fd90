import Foundation

/// A text file split into lines, CRLF or LF, with 1-based line numbers kept for errors.
struct TextFile {
    let path: String
    let lines: TextLines

    init(path: String, contents: String) {
        self.path = path
        self.lines = TextLines(contents)
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

/// The lines of a text, as `text.split(omittingEmptySubsequences: false, whereSeparator:
/// \.isNewline)` gives them — LF, CR, CRLF (one break), VT, FF, NEL, U+2028 and U+2029
/// end a line — but found in one pass over the UTF-8 bytes and kept as a 4-byte offset per
/// line instead of a 32-byte `Substring`: a file of short lines (up to the 512 MB input
/// limit) must not take 16 times its size just to be split.
struct TextLines: RandomAccessCollection {
    let text: String
    /// UTF-8 offset of each line's first byte; a line ends where the break before the next
    /// line's start begins (see `end(of:)`), the last one at the end of the text.
    private let starts: [UInt32]

    init(_ contents: String) {
        var text = contents
        text.makeContiguousUTF8()
        precondition(text.utf8.count < Int(UInt32.max), "text too large for TextLines (callers check InputLimits first)")
        var starts: [UInt32] = [0]
        let scanned: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            let count = bytes.count
            var i = 0
            while i < count {
                let b = bytes[i]
                var length = 0  // bytes of the line break starting at i; 0 = none
                switch b {
                case 0x0A, 0x0B, 0x0C: length = 1
                case 0x0D: length = i + 1 < count && bytes[i + 1] == 0x0A ? 2 : 1
                case 0xC2: if i + 1 < count && bytes[i + 1] == 0x85 { length = 2 }                                     // NEL
                case 0xE2: if i + 2 < count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9) { length = 3 } // LS, PS
                default: break
                }
                if length > 0 {
                    starts.append(UInt32(i + length))
                    i += length
                } else {
                    i += 1
                }
            }
        }
        precondition(scanned != nil, "a contiguous UTF-8 string gave no contiguous storage")
        self.text = text
        self.starts = starts
    }

    /// UTF-8 offset just past line `index`: before the line break that precedes the next
    /// line (recognised from its last bytes: LF after CR, LF, VT, FF, CR, NEL, LS or PS).
    private func end(of index: Int) -> Int {
        let utf8 = text.utf8
        guard index + 1 < starts.count else { return utf8.count }
        let next = Int(starts[index + 1])
        func byte(_ offset: Int) -> UInt8 { utf8[utf8.index(utf8.startIndex, offsetBy: offset)] }
        switch byte(next - 1) {
        case 0x0A: return next >= 2 && byte(next - 2) == 0x0D && next - 2 >= Int(starts[index]) ? next - 2 : next - 1
        case 0x85: return next - 2  // C2 85
        case 0xA8, 0xA9: return next - 3  // E2 80 A8/A9
        default: return next - 1  // VT, FF, a lone CR
        }
    }

    var startIndex: Int { 0 }
    var endIndex: Int { starts.count }

    subscript(index: Int) -> Substring {
        let utf8 = text.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: Int(starts[index]))
        let to = utf8.index(utf8.startIndex, offsetBy: end(of: index))
        return text[from..<to]
    }
}

/// Reads a UTF-8 text file, refusing directories, unreadable, huge or binary files with a clear message.
public func readText(_ path: String) throws(InputError) -> String {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw InputError(file: path, line: nil, "no such file")
    }
    if isDirectory.boolValue { throw InputError(file: path, line: nil, "is a directory, expected a file") }
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    // Devices and pipes (e.g. /dev/zero) could be read forever.
    if let type = attributes?[.type] as? FileAttributeType, type != .typeRegular {
        throw InputError(file: path, line: nil, "is not a regular file")
    }
    if let size = attributes?[.size] as? NSNumber,
       size.intValue > InputLimits.maximumFileBytes {
        throw InputError(file: path, line: nil, "file is \(size.intValue) bytes, larger than the \(InputLimits.maximumFileBytes)-byte limit")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw InputError(file: path, line: nil, "cannot read file (permission denied?)")
    }
    return try decodeText(data, path: path)
}

/// The checks of `readText` on bytes already in memory: refuses huge, empty, binary
/// (NUL bytes), non-UTF-8 and whitespace-only input. `path` is only used in errors.
public func decodeText(_ data: Data, path: String) throws(InputError) -> String {
    try checkSize(data.count, path: path)
    if data.isEmpty { throw InputError(file: path, line: nil, "file is empty") }
    if data.withUnsafeBytes({ raw in raw.baseAddress.map { memchr($0, 0, raw.count) != nil } ?? false }) { throw InputError(file: path, line: nil, "file contains NUL bytes; not a text file") }
    guard let text = String(data: data, encoding: .utf8) else {
        throw InputError(file: path, line: nil, "file is not valid UTF-8 text")
    }
    if text.allSatisfy(\.isWhitespace) { throw InputError(file: path, line: nil, "file has only whitespace") }
    return text
}

/// Refuses input larger than `limit` (by default `InputLimits.maximumFileBytes`), so that
/// text handed to a `parse(contents:)` entry point is bounded like a file read from disk.
func checkSize(_ bytes: Int, path: String, limit: Int = InputLimits.maximumFileBytes) throws(InputError) {
    if bytes > limit {
        throw InputError(file: path, line: nil, "input is \(bytes) bytes, larger than the \(limit)-byte limit")
    }
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
