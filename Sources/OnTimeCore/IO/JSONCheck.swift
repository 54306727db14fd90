import Foundation

/// A strict check of JSON text (RFC 8259) before Foundation parses it, so that a bad file
/// is refused with where and what rather than "not a JSON object":
/// - a syntax error names its line and column and the JSON path it is in
///   (truncated files, `NaN`/`Infinity`, trailing commas, comments, bad escapes);
/// - a key repeated in one object is refused, naming the path (Foundation would keep the
///   last one silently);
/// - a NUL character (`\u0000`) in a string is refused (no id or name may hold one);
/// - nesting deeper than `maximumDepth` is refused (no stack exhaustion on hostile input).
/// One pass over the UTF-8 bytes; what it accepts, Foundation parses.
public enum JSONCheck {
    public static let maximumDepth = 256

    public static func validate(_ text: String, path: String) throws(InputError) {
        var text = text
        text.makeContiguousUTF8()
        var failure: InputError? = nil
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            var scanner = Scanner(bytes: bytes, path: path)
            do throws(InputError) { try scanner.document() } catch { failure = error }
        }
        precondition(done != nil, "contiguous UTF-8 was just made")
        if let failure { throw failure }
    }

    /// `text` checked, then parsed by Foundation; the top level must be an object
    /// (`expected` says what kind, for the message).
    public static func object(_ text: String, path: String, expected: String = "a JSON object") throws(InputError) -> [String: Any] {
        try validate(text, path: path)
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8)) else {
            throw InputError(file: path, line: nil, "not valid JSON")  // not reached: validate accepts only what parses
        }
        guard let object = parsed as? [String: Any] else {
            throw InputError(file: path, line: 1, "the top level is \(kind(of: parsed)); expected \(expected)")
        }
        return object
    }

    /// Refuses the first key of `object` (in sorted order) that is not in `keys`, naming its
    /// path below `at`: an unknown key is a misspelling far more often than a wish to be ignored.
    static func known(_ object: [String: Any], _ keys: [String], at: String, _ fail: (String, String) -> InputError) throws(InputError) {
        for key in object.keys.sorted() where !keys.contains(key) {
            let path = at.isEmpty ? key : at + "." + key
            throw fail(path, "unknown key (known here: \(keys.joined(separator: ", ")))")
        }
    }

    static func kind(of value: Any) -> String {
        if value is [Any] { return "an array" }
        if value is String { return "a string" }
        if value is NSNull { return "null" }
        return "a number or true/false"
    }

    private enum Container {
        case object(keys: Set<String>, key: String?)
        case array(index: Int)
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        let path: String
        var i = 0
        var line = 1
        var lineStart = 0
        var stack: [Container] = []

        init(bytes: UnsafeBufferPointer<UInt8>, path: String) {
            self.bytes = bytes
            self.path = path
        }

        /// The JSON path of the value being read, e.g. `jobs[3].demand` (empty at the root).
        var jsonPath: String {
            var out = ""
            for c in stack {
                switch c {
                case .object(_, let key?): out += out.isEmpty ? key : "." + key
                case .object(_, nil): break
                case .array(let index): out += "[\(index)]"
                }
            }
            return out
        }

        func error(_ message: String) -> InputError {
            let column = i - lineStart + 1
            let at = jsonPath
            return InputError(file: path, line: line, "column \(column): \(message)" + (at.isEmpty ? "" : " (in \(at))"))
        }

        mutating func skipSpace() {
            while i < bytes.count {
                switch bytes[i] {
                case 0x20, 0x09: i += 1
                // LF, CRLF and a lone CR (old Mac files) each end a line, for the messages.
                case 0x0D where i + 1 < bytes.count && bytes[i + 1] == 0x0A: i += 1
                case 0x0A, 0x0D: i += 1; line += 1; lineStart = i
                default: return
                }
            }
        }

        func describe(_ b: UInt8) -> String {
            if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
            return String(format: "byte 0x%02X", b)
        }

        mutating func document() throws(InputError) {
            // A UTF-8 byte order mark is tolerated (Foundation accepts it).
            if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3; lineStart = 3 }
            skipSpace()
            guard i < bytes.count else { throw error("the file is empty; expected a JSON value") }
            try value()
            skipSpace()
            if i < bytes.count { throw error("unexpected \(describe(bytes[i])) after the end of the JSON value") }
        }

        mutating func value() throws(InputError) {
            guard i < bytes.count else { throw error("unexpected end of the file (the JSON is cut short)") }
            switch bytes[i] {
            case UInt8(ascii: "{"): try object()
            case UInt8(ascii: "["): try array()
            case UInt8(ascii: "\""): _ = try string(keep: false)
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            case UInt8(ascii: "N"), UInt8(ascii: "I"):
                throw error("NaN and Infinity are not JSON numbers")
            default:
                throw error("unexpected \(describe(bytes[i])); expected a JSON value")
            }
        }

        mutating func literal(_ word: String) throws(InputError) {
            for b in word.utf8 {
                guard i < bytes.count else { throw error("unexpected end of the file (the JSON is cut short)") }
                guard bytes[i] == b else { throw error("unexpected \(describe(bytes[i])); expected \(word)") }
                i += 1
            }
        }

        mutating func number() throws(InputError) {
            func digits() -> Int { let s = i; while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }; return i - s }
            if bytes[i] == UInt8(ascii: "-") {
                i += 1
                if i < bytes.count && (bytes[i] == UInt8(ascii: "I") || bytes[i] == UInt8(ascii: "N")) {
                    throw error("NaN and Infinity are not JSON numbers")
                }
            }
            guard i < bytes.count else { throw error("unexpected end of the file in a number") }
            if bytes[i] == UInt8(ascii: "0") {
                i += 1
                if i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { throw error("a number may not start with 0 followed by digits") }
            } else if digits() == 0 {
                throw error("a number needs digits")
            }
            if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard digits() > 0 else { throw error("a number needs digits after the decimal point") }
            }
            if i < bytes.count && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
                i += 1
                if i < bytes.count && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
                guard digits() > 0 else { throw error("a number needs digits in its exponent") }
            }
        }

        /// Reads a string; returns its text when `keep` (for keys), else nil.
        mutating func string(keep: Bool) throws(InputError) -> String? {
            i += 1  // the opening quote
            let start = i
            var plain = true  // no escapes: the text is the bytes as they are
            var decoded: [UInt8] = []
            while true {
                guard i < bytes.count else { throw error("unexpected end of the file inside a string (a \" is never closed)") }
                let b = bytes[i]
                if b == UInt8(ascii: "\"") { break }
                if b < 0x20 {
                    if b == 0 { throw error("a NUL character is not allowed in a string") }
                    throw error("a control character (\(describe(b))) must be escaped in a string")
                }
                if b == UInt8(ascii: "\\") {
                    if plain && keep { decoded.append(contentsOf: bytes[start..<i]) }
                    plain = false
                    i += 1
                    guard i < bytes.count else { throw error("unexpected end of the file in an escape") }
                    switch bytes[i] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
                        if keep { decoded.append(bytes[i]) }
                        i += 1
                    case UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        if keep {
                            let map: [UInt8: UInt8] = [UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A,
                                                       UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09]
                            decoded.append(map[bytes[i]]!)
                        }
                        i += 1
                    case UInt8(ascii: "u"):
                        i += 1
                        var code: UInt32 = 0
                        for _ in 0..<4 {
                            guard i < bytes.count, let h = hex(bytes[i]) else { throw error("\\u needs four hexadecimal digits") }
                            code = code * 16 + UInt32(h)
                            i += 1
                        }
                        if code == 0 { throw error("a NUL character (\\u0000) is not allowed in a string") }
                        if keep {
                            // A surrogate pair written as two escapes is one character.
                            if code >= 0xD800 && code < 0xDC00, i + 5 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u"),
                               let a = hex(bytes[i + 2]), let b = hex(bytes[i + 3]), let c = hex(bytes[i + 4]), let d = hex(bytes[i + 5]) {
                                let low = UInt32(a << 12 | b << 8 | c << 4 | d)
                                if low >= 0xDC00 && low < 0xE000 {
                                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                                    i += 6
                                }
                            }
                            decoded.append(contentsOf: Array(String(Unicode.Scalar(code).map(Character.init) ?? "\u{FFFD}").utf8))
                        }
                    default:
                        throw error("unknown escape \\\(Character(Unicode.Scalar(bytes[i]))) in a string")
                    }
                    continue
                }
                if !plain && keep { decoded.append(b) }
                i += 1
            }
            let end = i
            i += 1  // the closing quote
            guard keep else { return nil }
            return plain ? String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                         : String(decoding: decoded, as: UTF8.self)
        }

        func hex(_ b: UInt8) -> Int? {
            switch b {
            case 0x30...0x39: return Int(b - 0x30)
            case 0x41...0x46: return Int(b - 0x41 + 10)
            case 0x61...0x66: return Int(b - 0x61 + 10)
            default: return nil
            }
        }

        mutating func push(_ c: Container) throws(InputError) {
            guard stack.count < JSONCheck.maximumDepth else { throw error("nested deeper than \(JSONCheck.maximumDepth) levels") }
            stack.append(c)
        }

        mutating func object() throws(InputError) {
            try push(.object(keys: [], key: nil))
            i += 1
            skipSpace()
            if i < bytes.count && bytes[i] == UInt8(ascii: "}") { i += 1; stack.removeLast(); return }
            while true {
                skipSpace()
                guard i < bytes.count else { throw error("unexpected end of the file (an object is never closed)") }
                guard bytes[i] == UInt8(ascii: "\"") else {
                    throw error("unexpected \(describe(bytes[i])); expected a key in double quotes")
                }
                let key = try string(keep: true)!
                guard case .object(var keys, _) = stack[stack.count - 1] else { preconditionFailure("object on the stack") }
                // The keys are held here while the value is read (so inserting does not copy them).
                stack[stack.count - 1] = .object(keys: [], key: key)
                if keys.contains(key) {
                    throw error("duplicate key '\(key)' (each key may appear once in an object)")
                }
                keys.insert(key)
                skipSpace()
                guard i < bytes.count else { throw error("unexpected end of the file (the JSON is cut short)") }
                guard bytes[i] == UInt8(ascii: ":") else { throw error("unexpected \(describe(bytes[i])); expected ':' after the key") }
                i += 1
                skipSpace()
                try value()
                stack[stack.count - 1] = .object(keys: keys, key: key)
                skipSpace()
                guard i < bytes.count else { throw error("unexpected end of the file (an object is never closed)") }
                if bytes[i] == UInt8(ascii: ",") {
                    i += 1
                    skipSpace()
                    if i < bytes.count && bytes[i] == UInt8(ascii: "}") { throw error("a trailing comma before '}' is not JSON") }
                    continue
                }
                if bytes[i] == UInt8(ascii: "}") { i += 1; stack.removeLast(); return }
                throw error("unexpected \(describe(bytes[i])); expected ',' or '}'")
            }
        }

        mutating func array() throws(InputError) {
            try push(.array(index: 0))
            i += 1
            skipSpace()
            if i < bytes.count && bytes[i] == UInt8(ascii: "]") { i += 1; stack.removeLast(); return }
            var index = 0
            while true {
                stack[stack.count - 1] = .array(index: index)
                skipSpace()
                try value()
                skipSpace()
                guard i < bytes.count else { throw error("unexpected end of the file (an array is never closed)") }
                if bytes[i] == UInt8(ascii: ",") {
                    i += 1
                    skipSpace()
                    if i < bytes.count && bytes[i] == UInt8(ascii: "]") { throw error("a trailing comma before ']' is not JSON") }
                    index += 1
                    continue
                }
                if bytes[i] == UInt8(ascii: "]") { i += 1; stack.removeLast(); return }
                throw error("unexpected \(describe(bytes[i])); expected ',' or ']'")
            }
        }
    }
}
