import Foundation

/// The one CSV reader and writer of the project (RFC 4180 both ways), used by every
/// file OnTime reads (orders, vehicles, SKUs, order lines, current slots, travel history,
/// order dates, best-known costs, progress) and writes (plans, notices, slot assignments
/// and moves, generated warehouses, bench results).
///
/// Reading: records end at CRLF, LF or CR; fields are separated by commas; a field in
/// double quotes may hold commas, line breaks and doubled quotes (`""`); a leading byte
/// order mark is skipped. Spaces and tabs
/// around an unquoted field, and around a quoted one, are dropped; blank lines are
/// skipped. A NUL character anywhere is refused (no id may hold one). Errors name the
/// file and the line a record starts on.
///
/// Writing: `field` quotes a field when it holds a comma, a quote, a line break or
/// leading/trailing spaces, and neutralises spreadsheet formulas (OWASP's rule for CSV
/// injection): a text field that starts with `=`, `+`, `-`, `@`, a tab or a carriage
/// return — and is not a plain number — is written as `"'…"`, which spreadsheets show as
/// text. The reader undoes exactly that (a quoted field starting with `'` then one of
/// those characters or a second `'` loses its first `'`), so every file OnTime writes
/// reads back to the same ids.
public enum CSV {
    /// One record: the 1-based line it starts on and its fields.
    public struct Record: Sendable {
        public let line: Int
        public let fields: [String]
    }

    /// Calls `body` for each non-blank record of `text`, in order.
    public static func forEachRecord(_ text: String, path: String,
                                     _ body: (Record) throws(InputError) -> Void) throws(InputError) {
        var text = text
        text.makeContiguousUTF8()
        var failure: InputError? = nil
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            do throws(InputError) {
                try scan(bytes, path: path, body)
            } catch {
                failure = error
            }
        }
        precondition(done != nil, "contiguous UTF-8 was just made")
        if let failure { throw failure }
    }

    /// Every non-blank record of `text`.
    public static func records(_ text: String, path: String) throws(InputError) -> [Record] {
        var out: [Record] = []
        try forEachRecord(text, path: path) { (record: Record) throws(InputError) in out.append(record) }
        return out
    }

    private static let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
    private static let space: UInt8 = 0x20, tab: UInt8 = 0x09

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, path: String,
                             _ body: (Record) throws(InputError) -> Void) throws(InputError) {
        let count = bytes.count
        var i = 0, line = 1
        var fields: [String] = []
        var recordLine = 1
        var field: [UInt8] = []
        var quotedField = false   // the current field was quoted
        var sawContent = false    // the current record has a non-blank byte (blank records are skipped)

        func finishField() {
            if quotedField {
                fields.append(unneutralised(String(decoding: field, as: UTF8.self)))
            } else {
                fields.append(trimmed(field))
            }
            field.removeAll(keepingCapacity: true)
            quotedField = false
        }
        func finishRecord() throws(InputError) {
            finishField()
            if sawContent { try body(Record(line: recordLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
            sawContent = false
        }

        // A UTF-8 byte order mark (spreadsheets write one) is not part of the first field.
        if count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
        while i < count {
            let b = bytes[i]
            if b == 0 { throw InputError(file: path, line: line, "a NUL character (byte 0) is not allowed in a CSV file") }
            if fields.isEmpty && field.isEmpty && !quotedField && !sawContent { recordLine = line }
            switch b {
            case quote where !quotedField && field.allSatisfy({ $0 == space || $0 == tab }):
                // An opening quote (spaces before it are dropped): read to the closing one.
                quotedField = true
                sawContent = true
                field.removeAll(keepingCapacity: true)
                i += 1
                var closed = false
                while i < count {
                    let c = bytes[i]
                    if c == 0 { throw InputError(file: path, line: line, "a NUL character (byte 0) is not allowed in a CSV file") }
                    if c == quote {
                        if i + 1 < count && bytes[i + 1] == quote { field.append(quote); i += 2; continue }
                        closed = true; i += 1; break
                    }
                    if c == lf || (c == cr && !(i + 1 < count && bytes[i + 1] == lf)) { line += 1 }
                    field.append(c)
                    i += 1
                }
                guard closed else { throw InputError(file: path, line: recordLine, "unterminated quoted field (a \" opened on this line is never closed)") }
                // Only spaces may follow the closing quote before the separator.
                while i < count && (bytes[i] == space || bytes[i] == tab) { i += 1 }
                if i < count && bytes[i] != comma && bytes[i] != lf && bytes[i] != cr {
                    throw InputError(file: path, line: line, "unexpected character after a closing quote (quote a field whole, and double any quote inside it)")
                }
                continue
            case comma:
                sawContent = true
                finishField()
            case lf:
                try finishRecord(); line += 1
            case cr:
                try finishRecord(); line += 1
                if i + 1 < count && bytes[i + 1] == lf { i += 1 }
            default:
                if b != space && b != tab { sawContent = true }
                field.append(b)
            }
            i += 1
        }
        if sawContent { try finishRecord() }
    }

    /// An unquoted field without the spaces around it (Unicode spaces too, as before).
    private static func trimmed(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let first = bytes.first, let last = bytes.last else { return text }
        if first == space || first == tab || first >= 0x80 || last == space || last == tab || last >= 0x80 {
            return text.trimmingCharacters(in: .whitespaces)
        }
        return text
    }

    /// The characters that start a spreadsheet formula (OWASP).
    static func startsFormula(_ c: Character) -> Bool { c == "=" || c == "+" || c == "-" || c == "@" || c == "\t" || c == "\r" }

    /// Whether `text` would be neutralised by `field` (a formula prefix, or a leading `'`
    /// that must be kept apart from one `field` adds).
    static func needsGuard(_ text: String) -> Bool {
        guard let first = text.first else { return false }
        if startsFormula(first) { return Double(text) == nil }
        if first == "'", let second = text.dropFirst().first { return startsFormula(second) || second == "'" }
        return false
    }

    private static func unneutralised(_ text: String) -> String {
        guard text.first == "'", let second = text.dropFirst().first, startsFormula(second) || second == "'" else { return text }
        return String(text.dropFirst())
    }

    /// A text field as written to a CSV file (see the type's comment). Numbers OnTime
    /// formats itself need no call.
    public static func field(_ text: String) -> String {
        if needsGuard(text) { return "\"'" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        let special = text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
            || text.first.map { $0 == " " || $0 == "\t" } == true || text.last.map { $0 == " " || $0 == "\t" } == true
        guard special else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A row of text fields, each through `field`, ending in a line break.
    public static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }
}
