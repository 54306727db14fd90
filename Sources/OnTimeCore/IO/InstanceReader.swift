import Foundation

/// Chooses the reader for an instance file by its contents.
public enum InstanceReader {
    /// Keywords whose `KEY : value` lines mark a VRPLIB/TSPLIB file.
    static let vrplibKeys = ["DIMENSION", "CAPACITY", "EDGE_WEIGHT_TYPE", "TYPE", "NODE_COORD_SECTION"]

    /// - Parameter rounding: how a VRPLIB or Solomon file's numbers become integers (nil:
    ///   each format's default, `VRPLIBReader.defaultRounding` / `SolomonReader.defaultRounding`);
    ///   JSON instances carry integers and refuse one.
    public static func read(path: String, rounding: Rounding? = nil) throws(InputError) -> Problem {
        let file = try TextFile.read(path)
        if firstNonBlankByte(file.lines.text) == UInt8(ascii: "{") {
            if let rounding {
                throw InputError(file: path, line: nil, "--round \(rounding.rawValue) applies to VRPLIB and Solomon files; "
                                 + "an OnTime JSON instance gives its own integers")
            }
            // The text as read: JSON has its own whitespace (RFC 8259), and a U+2028 inside a
            // string is a character of that string, not a line break.
            return try JSONInstanceReader.parse(contents: file.lines.text, path: path)
        }
        // Keys and block names are short: a line's first 256 characters decide, so a file of
        // one 50 MB line is not trimmed and upper-cased whole just to be told apart.
        let head = file.lines.prefix(60).map { String($0.prefix(256)).trimmingCharacters(in: .whitespaces).uppercased() }
        if head.contains(where: isVRPLIBKeyLine) {
            return try VRPLIBReader.parse(file, rounding: rounding ?? VRPLIBReader.defaultRounding)
        }
        if head.contains("VEHICLE") || head.contains("CUSTOMER") {
            return try SolomonReader.parse(file, rounding: rounding ?? SolomonReader.defaultRounding)
        }
        throw file.error(nil, "unrecognised instance format: expected VRPLIB (DIMENSION, NODE_COORD_SECTION, ...), Solomon (VEHICLE / CUSTOMER blocks) or OnTime JSON")
    }

    /// The first byte after a byte-order mark that is not JSON whitespace (space, tab, LF,
    /// CR; RFC 8259), nil for blank text: one pass over the bytes, where Foundation's
    /// trimming of a one-line 50 MB JSON file took seconds.
    static func firstNonBlankByte(_ text: String) -> UInt8? {
        var bytes = text.utf8[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return bytes.first { b in !(b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D) }
    }

    /// `KEY : value` or a bare `NODE_COORD_SECTION` line, for one of `vrplibKeys`.
    static func isVRPLIBKeyLine(_ line: String) -> Bool {
        if line == "NODE_COORD_SECTION" { return true }
        guard let colon = line.firstIndex(of: ":") else { return false }
        let key = line[..<colon].trimmingCharacters(in: .whitespaces)
        return vrplibKeys.contains(key)
    }
}
