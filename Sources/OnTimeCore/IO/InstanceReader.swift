/// Chooses the reader for an instance file by its contents.
public enum InstanceReader {
    public static func read(path: String) throws(InputError) -> Problem {
        let file = try TextFile.read(path)
        let head = file.lines.prefix(40).map { $0.uppercased() }
        if head.contains(where: { $0.contains("DIMENSION") || $0.contains("NODE_COORD_SECTION") || $0.hasPrefix("TYPE") }) {
            return try VRPLIBReader.parse(file)
        }
        if head.contains(where: { $0.trimmingCharacters(in: .whitespaces) == "VEHICLE" }) {
            return try SolomonReader.parse(file)
        }
        throw file.error(nil, "unrecognised instance format: expected VRPLIB (DIMENSION, NODE_COORD_SECTION, ...) or Solomon (VEHICLE / CUSTOMER blocks)")
    }
}
