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
        if file.lines.first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })?
            .trimmingCharacters(in: .whitespaces).hasPrefix("{") == true {
            if let rounding {
                throw InputError(file: path, line: nil, "--round \(rounding.rawValue) applies to VRPLIB and Solomon files; "
                                 + "an OnTime JSON instance gives its own integers")
            }
            return try JSONInstanceReader.parse(contents: file.lines.joined(separator: "\n"), path: path)
        }
        let head = file.lines.prefix(60).map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        if head.contains(where: isVRPLIBKeyLine) {
            return try VRPLIBReader.parse(file, rounding: rounding ?? VRPLIBReader.defaultRounding)
        }
        if head.contains("VEHICLE") || head.contains("CUSTOMER") {
            return try SolomonReader.parse(file, rounding: rounding ?? SolomonReader.defaultRounding)
        }
        throw file.error(nil, "unrecognised instance format: expected VRPLIB (DIMENSION, NODE_COORD_SECTION, ...), Solomon (VEHICLE / CUSTOMER blocks) or OnTime JSON")
    }

    /// `KEY : value` or a bare `NODE_COORD_SECTION` line, for one of `vrplibKeys`.
    static func isVRPLIBKeyLine(_ line: String) -> Bool {
        if line == "NODE_COORD_SECTION" { return true }
        guard let colon = line.firstIndex(of: ":") else { return false }
        let key = line[..<colon].trimmingCharacters(in: .whitespaces)
        return vrplibKeys.contains(key)
    }
}
