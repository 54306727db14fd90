import Foundation

/// Reads TSPLIB/VRPLIB CVRP files (and the VRPTW extension with
/// `TIME_WINDOW_SECTION` / `SERVICE_TIME_SECTION`).
///
/// Supported: `EDGE_WEIGHT_TYPE` `EUC_2D` and `EXPLICIT` with `FULL_MATRIX`,
/// `LOWER_ROW`, `UPPER_ROW`, `LOWER_DIAG_ROW`, `UPPER_DIAG_ROW`; one depot; time windows
/// (`TIME_WINDOW_SECTION`), service times (`SERVICE_TIME_SECTION`, or one `SERVICE_TIME`
/// for every customer) and a fleet size (`VEHICLES`).
///
/// Numbers become integers by a `Rounding` (PyVRP's `round_func`): by default `round`,
/// the nearest integer per edge that the CVRPLIB best-known solutions assume; the
/// Gehring & Homberger VRPTW files need `dimacs` (tenths, truncated).
/// Everything is validated here; the problem returned is consistent.
public enum VRPLIBReader {
    /// The rounding used when none is asked for.
    public static let defaultRounding = Rounding.round

    public static func read(path: String, rounding: Rounding = defaultRounding) throws(InputError) -> Problem {
        try parse(TextFile.read(path), rounding: rounding)
    }

    public static func parse(contents: String, path: String = "<input>", rounding: Rounding = defaultRounding) throws(InputError) -> Problem {
        try checkSize(contents.utf8.count, path: path)
        return try parse(TextFile(path: path, contents: contents), rounding: rounding)
    }

    /// One section: its header's line number and where its data lines are. They are
    /// contiguous (any keyword line ends a section, and a section appears once), so a range
    /// of line indices with the blank lines skipped is all there is to keep; fields are split
    /// when a row is read. (Keeping each weight of an explicit matrix as a `Substring` took
    /// 32 bytes per weight.)
    private struct Section {
        let headerLine: Int
        /// 0-based indices of the first line after the header and of the line after the last data line.
        var start: Int
        var end: Int
        /// Data lines so far.
        var count = 0

        init(headerLine: Int) {
            self.headerLine = headerLine
            start = headerLine
            end = headerLine
        }

        /// 0-based indices of the data lines.
        func rows(_ file: TextFile) -> LazyFilterSequence<Range<Int>> {
            (start..<end).lazy.filter { !file.lines[$0].trimmingCharacters(in: .whitespaces).isEmpty }
        }

        func tokenCount(_ file: TextFile) -> Int { rows(file).reduce(0) { $0 + file.fields($1).count } }
    }

    private static let sectionNames: Set<String> = [
        "NODE_COORD_SECTION", "DEMAND_SECTION", "DEPOT_SECTION", "EDGE_WEIGHT_SECTION",
        "TIME_WINDOW_SECTION", "SERVICE_TIME_SECTION", "DISPLAY_DATA_SECTION",
    ]

    static func parse(_ file: TextFile, rounding: Rounding = defaultRounding) throws(InputError) -> Problem {
        var spec: [String: (line: Int, value: String)] = [:]
        var sections: [String: Section] = [:]
        var current: String? = nil
        // DIMENSION once read: a per-node section may not run longer, so that a huge file
        // is refused at its first surplus row instead of being held in memory to the end.
        var dimension: Int? = nil

        for (index, raw) in file.lines.enumerated() {
            let lineNo = index + 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            guard let first = line.first else { continue }
            if first.isLetter {
                // A keyword line: `KEY : value`, `KEY: value`, or a section header.
                let key: String
                let value: String?
                if let colon = line.firstIndex(of: ":") {
                    key = line[..<colon].trimmingCharacters(in: .whitespaces).uppercased()
                    value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                } else {
                    let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                    key = parts.first.map { String($0).uppercased() } ?? ""
                    value = parts.count > 1 ? parts.dropFirst().joined(separator: " ") : nil
                }
                if key == "EOF" { current = nil; break }
                if sectionNames.contains(key) {
                    if sections[key] != nil { throw file.error(lineNo, "\(key) appears twice") }
                    sections[key] = Section(headerLine: lineNo)
                    current = key
                    continue
                }
                if key.hasSuffix("_SECTION") {
                    throw file.error(lineNo, "unsupported section \(key)")
                }
                guard let quoted = value, !quoted.isEmpty else {
                    throw file.error(lineNo, "expected 'KEY : value', found '\(line.prefix(60))'")
                }
                if spec[key] != nil { throw file.error(lineNo, "\(key) is given twice") }
                let cleaned = quoted.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                spec[key] = (lineNo, cleaned)
                current = nil
                // Refuse absurd sizes before reading any data.
                if key == "DIMENSION" {
                    guard let n = Int(cleaned), n >= 1 else {
                        throw file.error(lineNo, "DIMENSION must be a positive integer, found '\(cleaned.prefix(40))'")
                    }
                    if n > InputLimits.maximumNodes {
                        throw file.error(lineNo, "DIMENSION \(n) exceeds OnTime's limit of \(InputLimits.maximumNodes) nodes")
                    }
                    if n < 2 { throw file.error(lineNo, "DIMENSION \(n): an instance needs a depot and at least one customer") }
                    dimension = n
                }
                continue
            }
            guard let name = current else {
                throw file.error(lineNo, "data outside of any section: '\(line.prefix(60))'")
            }
            if let dimension, name != "EDGE_WEIGHT_SECTION", name != "DEPOT_SECTION", sections[name]!.count >= dimension {
                throw file.error(lineNo, "\(name) has more rows than DIMENSION \(dimension)")
            }
            sections[name]!.end = index + 1
            sections[name]!.count += 1
        }

        func required(_ key: String) throws(InputError) -> (line: Int, value: String) {
            guard let entry = spec[key] else { throw file.error(nil, "missing \(key)") }
            return entry
        }
        func positiveInt(_ key: String) throws(InputError) -> Int {
            let entry = try required(key)
            guard let v = Int(entry.value), v > 0 else {
                throw file.error(entry.line, "\(key) must be a positive integer, found '\(entry.value.prefix(40))'")
            }
            return v
        }

        if let type = spec["TYPE"], !["CVRP", "VRPTW", "CVRPTW", "TSP", "VRP"].contains(type.value.uppercased()) {
            throw file.error(type.line, "unsupported TYPE '\(type.value.prefix(40))'; OnTime reads CVRP and VRPTW")
        }
        let n = try positiveInt("DIMENSION")
        let capacity = try positiveInt("CAPACITY")
        guard capacity <= Matrix.maximumWeight else {
            throw file.error(spec["CAPACITY"]?.line, "CAPACITY \(capacity) is too large")
        }
        let vehicles: Int? = spec["VEHICLES"] == nil ? nil : try positiveInt("VEHICLES")
        if let vehicles, vehicles > InputLimits.maximumNodes {
            throw file.error(spec["VEHICLES"]?.line, "VEHICLES \(vehicles) is above the limit of \(InputLimits.maximumNodes)")
        }
        let weightType = (spec["EDGE_WEIGHT_TYPE"]?.value ?? "EUC_2D").uppercased()

        // Node ids are 1...n in the file.
        func nodeID(_ s: Substring, line: Int, section: String) throws(InputError) -> Int {
            guard let id = Int(s) else { throw file.error(line, "\(section): node id '\(s.prefix(30))' is not an integer") }
            guard id >= 1 && id <= n else { throw file.error(line, "\(section): node id \(id) is outside 1...\(n) (DIMENSION)") }
            return id
        }
        /// The line number of node `id`'s row in section `name`; a linear scan, so only for error messages.
        func rowLine(_ name: String, _ id: Int) -> Int? {
            sections[name]?.rows(file).first { Int(file.fields($0)[0]) == id }.map { $0 + 1 }
        }
        /// Reads a section of `id value...` rows with exactly one row per node.
        func perNode(_ name: String, width: Int, optional: Bool = false) throws(InputError) -> [[Substring]]? {
            guard let section = sections[name] else {
                if optional { return nil }
                throw file.error(nil, "missing \(name)")
            }
            var rows = [[Substring]?](repeating: nil, count: n + 1)
            for index in section.rows(file) {
                let fields = file.fields(index), line = index + 1
                guard fields.count == width + 1 else {
                    throw file.error(line, "\(name): expected \(width + 1) fields (id and \(width) value\(width == 1 ? "" : "s")), found \(fields.count)")
                }
                let id = try nodeID(fields[0], line: line, section: name)
                if rows[id] != nil { throw file.error(line, "\(name): node \(id) is listed twice") }
                rows[id] = Array(fields.dropFirst())
            }
            if section.count != n {
                throw file.error(section.headerLine, "\(name) has \(section.count) rows but DIMENSION is \(n)")
            }
            return rows.dropFirst().map { $0 ?? [] }
        }

        // Depot.
        guard let depotSection = sections["DEPOT_SECTION"] else { throw file.error(nil, "missing DEPOT_SECTION") }
        var depots: [Int] = []
        var terminated = false
        for index in depotSection.rows(file) {
            for token in file.fields(index) {
                if terminated { throw file.error(index + 1, "DEPOT_SECTION: data after the terminating -1") }
                if token == "-1" { terminated = true; continue }
                depots.append(try nodeID(token, line: index + 1, section: "DEPOT_SECTION"))
            }
        }
        guard let depot = depots.first else { throw file.error(depotSection.headerLine, "DEPOT_SECTION lists no depot") }
        if depots.count > 1 {
            throw file.error(depotSection.headerLine, "DEPOT_SECTION lists \(depots.count) depots; only single-depot instances are supported so far")
        }
        // Internal order: depot first, then the other nodes in id order.
        let order = [depot] + (1...n).filter { $0 != depot }

        // Demands.
        let demandRows = try perNode("DEMAND_SECTION", width: 1)!
        var demands = [Int](repeating: 0, count: n)
        for id in 1...n {
            guard let d = parseInt(demandRows[id - 1][0]) else {
                throw file.error(rowLine("DEMAND_SECTION", id), "DEMAND_SECTION: demand '\(demandRows[id - 1][0].prefix(30))' of node \(id) is not an integer")
            }
            if d < 0 { throw file.error(rowLine("DEMAND_SECTION", id), "DEMAND_SECTION: node \(id) has negative demand \(d)") }
            // Demand above the capacity is not an input error: the customer is reported as
            // unservable (Screening) and the rest is solved. Absurd values are refused.
            if d > Matrix.maximumWeight { throw file.error(rowLine("DEMAND_SECTION", id), "DEMAND_SECTION: node \(id) has demand \(d), above the limit of \(Matrix.maximumWeight)") }
            if id == depot && d != 0 { throw file.error(rowLine("DEMAND_SECTION", id), "DEMAND_SECTION: the depot (node \(id)) has non-zero demand \(d)") }
            demands[id - 1] = d
        }

        // Coordinates (required for EUC_2D, optional otherwise for pictures).
        var coordinates: [Point]? = nil
        if let coordRows = try perNode("NODE_COORD_SECTION", width: 2, optional: weightType != "EUC_2D") {
            var points: [Point] = []
            points.reserveCapacity(n)
            for id in 1...n {
                guard let x = parseDouble(coordRows[id - 1][0]), let y = parseDouble(coordRows[id - 1][1]) else {
                    throw file.error(rowLine("NODE_COORD_SECTION", id), "NODE_COORD_SECTION: coordinates of node \(id) are not numbers")
                }
                guard abs(x) <= 1e8 && abs(y) <= 1e8 else {
                    throw file.error(rowLine("NODE_COORD_SECTION", id), "NODE_COORD_SECTION: coordinates of node \(id) exceed ±1e8")
                }
                points.append(Point(x: x, y: y))
            }
            coordinates = points
        }

        // Distances.
        let distances: Matrix
        let convention: DistanceConvention
        switch weightType {
        case "EUC_2D":
            guard let rule = rounding.euclideanRule, let euclidean = rounding.convention else {
                throw file.error(spec["EDGE_WEIGHT_TYPE"]?.line, "EUC_2D distances are not integers: OnTime computes in integers, "
                                 + "so --round none reads explicit integer matrices only; choose round, trunc, dimacs or exact")
            }
            let pts = order.map { coordinates![$0 - 1] }
            guard rounding.fits(pts) else {
                throw file.error(spec["EDGE_WEIGHT_TYPE"]?.line, "NODE_COORD_SECTION: nodes lie too far apart for distances in "
                                 + "1/\(rounding.scale) units (--round \(rounding.rawValue)); the longest edge would exceed \(Matrix.maximumWeight)")
            }
            distances = Matrix(points: pts, rule: rule)
            convention = euclidean
        case "EXPLICIT":
            distances = try explicitMatrix(file: file, spec: spec, section: sections["EDGE_WEIGHT_SECTION"], n: n, depot: depot,
                                           rounding: rounding)
            convention = .explicit
        default:
            throw file.error(spec["EDGE_WEIGHT_TYPE"]?.line, "unsupported EDGE_WEIGHT_TYPE '\(weightType.prefix(30))'; use EUC_2D or EXPLICIT")
        }

        // Optional time windows and service times (VRPLIB VRPTW).
        // Optional time windows and service times (VRPLIB VRPTW), under the rounding.
        func time(_ token: Substring) -> Int? {
            guard let v = parseDouble(token), v >= 0, let t = rounding.apply(v), t <= Matrix.maximumWeight else { return nil }
            return t
        }
        let wanted = rounding == .none ? "integers" : "numbers"
        var ready: [Int]? = nil, due: [Int]? = nil, service: [Int]? = nil
        if let rows = try perNode("TIME_WINDOW_SECTION", width: 2, optional: true) {
            var r = [Int](), d = [Int]()
            for id in order {
                guard let a = time(rows[id - 1][0]), let b = time(rows[id - 1][1]), a <= b else {
                    throw file.error(rowLine("TIME_WINDOW_SECTION", id), "TIME_WINDOW_SECTION: window of node \(id) is not a pair of \(wanted) 0 <= ready <= due")
                }
                r.append(a); d.append(b)
            }
            ready = r; due = d
        }
        if let entry = spec["SERVICE_TIME"] {
            if sections["SERVICE_TIME_SECTION"] != nil {
                throw file.error(entry.line, "SERVICE_TIME and SERVICE_TIME_SECTION are both given")
            }
            guard let v = time(Substring(entry.value)) else {
                throw file.error(entry.line, "SERVICE_TIME must be a non-negative number, found '\(entry.value.prefix(40))'")
            }
            // The depot serves no one (as PyVRP reads a single value).
            service = order.map { $0 == depot ? 0 : v }
        }
        if let rows = try perNode("SERVICE_TIME_SECTION", width: 1, optional: true) {
            var s = [Int]()
            for id in order {
                guard let v = time(rows[id - 1][0]) else {
                    throw file.error(rowLine("SERVICE_TIME_SECTION", id), "SERVICE_TIME_SECTION: service time of node \(id) is not a non-negative \(wanted == "integers" ? "integer" : "number")")
                }
                s.append(v)
            }
            service = s
        }

        return Problem(
            name: spec["NAME"]?.value ?? URL(fileURLWithPath: file.path).deletingPathExtension().lastPathComponent,
            originalIDs: order,
            coordinates: coordinates.map { pts in order.map { pts[$0 - 1] } },
            demands: order.map { demands[$0 - 1] },
            capacity: capacity,
            vehicleLimit: vehicles,
            distances: distances,
            convention: convention, scale: rounding.scale,
            readyTimes: ready, dueTimes: due, serviceTimes: service
        )
    }

    /// Most nodes of an explicit matrix with missing roads (the closure is O(n³)).
    static let maximumNodesWithMissingRoads = 1_000

    /// Replaces each weight by the shortest path through the given roads (Floyd–Warshall;
    /// -1 = no road). Pairs still without a path get `Matrix.unreachable`, which
    /// `Screening` reports for customers the depot cannot reach or be reached from.
    /// Returns a pair (file order, 0-based) whose path is too long to be a weight, if any.
    static func closeOverPaths(_ m: inout [Int32], n: Int) -> (Int, Int)? {
        let none = Int64.max / 4
        var d = m.map { $0 < 0 ? none : Int64($0) }
        for k in 0..<n {
            for i in 0..<n where d[i * n + k] < none {
                let ik = d[i * n + k]
                for j in 0..<n where d[k * n + j] < none && ik + d[k * n + j] < d[i * n + j] {
                    d[i * n + j] = ik + d[k * n + j]
                }
            }
        }
        if let k = d.firstIndex(where: { $0 >= Int64(Matrix.unreachable) && $0 < none }) { return (k / n, k % n) }
        m = d.map { Int32(min($0, Int64(Matrix.unreachable))) }
        return nil
    }

    /// Reads `EDGE_WEIGHT_SECTION` in one of the supported formats straight into a matrix in
    /// internal node order (the depot first, then the other nodes in id order): one n×n buffer.
    private static func explicitMatrix(
        file: TextFile, spec: [String: (line: Int, value: String)], section: Section?, n: Int, depot: Int, rounding: Rounding
    ) throws(InputError) -> Matrix {
        guard let section else { throw file.error(nil, "EDGE_WEIGHT_TYPE is EXPLICIT but EDGE_WEIGHT_SECTION is missing") }
        guard let formatEntry = spec["EDGE_WEIGHT_FORMAT"] else { throw file.error(nil, "EDGE_WEIGHT_TYPE is EXPLICIT but EDGE_WEIGHT_FORMAT is missing") }
        let format = formatEntry.value.uppercased()
        // (row, column) pairs in the order the format lists them, 0-based file ids.
        let expected: Int
        switch format {
        case "FULL_MATRIX": expected = n * n
        case "LOWER_ROW", "UPPER_ROW": expected = n * (n - 1) / 2
        case "LOWER_DIAG_ROW", "UPPER_DIAG_ROW": expected = n * (n + 1) / 2
        default:
            throw file.error(formatEntry.line, "unsupported EDGE_WEIGHT_FORMAT '\(format.prefix(30))'")
        }
        let found = section.tokenCount(file)
        if found != expected {
            throw file.error(section.headerLine, "EDGE_WEIGHT_SECTION has \(found) weights but \(format) with DIMENSION \(n) needs \(expected)")
        }
        // Internal index of the node with 0-based file index i.
        let position = (0..<n).map { i in i + 1 == depot ? 0 : (i + 1 < depot ? i + 1 : i) }
        var values = [Int32](repeating: 0, count: n * n)
        var k = 0
        // Walk the triangle/full layout in file order; `next` yields the (i, j) cell of the k-th weight.
        var i = 0, j = 0
        switch format {
        case "FULL_MATRIX": (i, j) = (0, 0)
        case "LOWER_ROW": (i, j) = (1, 0)
        case "UPPER_ROW": (i, j) = (0, 1)
        default: (i, j) = (0, 0)
        }
        for index in section.rows(file) {
            for token in file.fields(index) {
                // -1 (no road) stays -1 whatever the rounding; integers need none under a scale of 1.
                let w: Int
                if let integer = parseInt(token), integer == -1 || rounding.scale == 1 {
                    w = integer
                } else if let value = parseDouble(token), value >= 0, let rounded = rounding.apply(value) {
                    w = rounded
                } else {
                    throw file.error(index + 1, "EDGE_WEIGHT_SECTION: weight '\(token.prefix(30))' is not "
                                     + (rounding == .none ? "an integer (--round none)" : "a number"))
                }
                // -1: no direct road between the two nodes (paths through others are found below).
                guard w >= -1 && w < Matrix.unreachable else {
                    throw file.error(index + 1, "EDGE_WEIGHT_SECTION: weight \(w) is negative (only -1, no road, is allowed) or too large")
                }
                let (a, b) = (position[i], position[j])
                values[a * n + b] = Int32(w)
                if format != "FULL_MATRIX" { values[b * n + a] = Int32(w) }
                k += 1
                switch format {
                case "FULL_MATRIX": j += 1; if j == n { j = 0; i += 1 }
                case "LOWER_ROW": j += 1; if j == i { i += 1; j = 0 }
                case "LOWER_DIAG_ROW": j += 1; if j > i { i += 1; j = 0 }
                case "UPPER_ROW": j += 1; if j == n { i += 1; j = i + 1 }
                default /* UPPER_DIAG_ROW */: j += 1; if j == n { i += 1; j = i }
                }
            }
        }
        for d in 0..<n where values[position[d] * (n + 1)] != 0 {
            throw file.error(section.headerLine, "EDGE_WEIGHT_SECTION: diagonal weight of node \(d + 1) is \(values[position[d] * (n + 1)]), expected 0")
        }
        if values.contains(-1) {
            guard n <= maximumNodesWithMissingRoads else {
                throw file.error(section.headerLine, "EDGE_WEIGHT_SECTION: missing roads (-1) are supported up to \(maximumNodesWithMissingRoads) nodes; this instance has \(n)")
            }
            if let (a, b) = closeOverPaths(&values, n: n) {
                var fileID = [Int](repeating: 0, count: n)
                for d in 0..<n { fileID[position[d]] = d + 1 }
                throw file.error(section.headerLine, "EDGE_WEIGHT_SECTION: the shortest path from node \(fileID[a]) to node \(fileID[b]) "
                                 + "is \(Matrix.unreachable) or longer, above the limit for a weight")
            }
        }
        return Matrix(size: n, values: values)
    }
}

/// Edge-weight conventions shared by readers and the verifier.
public enum EdgeWeight {
    /// TSPLIB `nint`: Euclidean distance rounded to the nearest integer.
    @inlinable public static func roundedEuclidean(_ a: Point, _ b: Point) -> Int {
        let dx = a.x - b.x, dy = a.y - b.y
        return Int((dx * dx + dy * dy).squareRoot().rounded(.toNearestOrAwayFromZero))
    }

    /// DIMACS: Euclidean distance truncated to one decimal, as integer tenths.
    @inlinable public static func truncatedTenths(_ a: Point, _ b: Point) -> Int {
        let dx = a.x - b.x, dy = a.y - b.y
        // sqrt is correctly rounded, so this matches the reference int(10 * sqrt(...)).
        return Int((dx * dx + dy * dy).squareRoot() * 10)
    }

    /// Euclidean distance truncated to an integer (PyVRP's `trunc`).
    @inlinable public static func truncatedEuclidean(_ a: Point, _ b: Point) -> Int {
        let dx = a.x - b.x, dy = a.y - b.y
        return Int((dx * dx + dy * dy).squareRoot())
    }

    /// Euclidean distance in thousandths, rounded to the nearest integer (PyVRP's `exact`).
    @inlinable public static func exactMilli(_ a: Point, _ b: Point) -> Int {
        let dx = a.x - b.x, dy = a.y - b.y
        return Int(((dx * dx + dy * dy).squareRoot() * 1000).rounded(.toNearestOrAwayFromZero))
    }

    /// Euclidean distance rounded to one decimal, as integer tenths.
    @inlinable public static func roundedTenths(_ a: Point, _ b: Point) -> Int {
        let dx = a.x - b.x, dy = a.y - b.y
        return Int(((dx * dx + dy * dy).squareRoot() * 10).rounded(.toNearestOrAwayFromZero))
    }

    /// Mean Earth radius in kilometres (IUGG).
    public static let earthRadiusKm = 6371.0088

    /// Great-circle distance between two points given as (x: longitude, y: latitude) in
    /// degrees, by the haversine formula, in tenths of a kilometre (rounded).
    @inlinable public static func haversineTenths(_ a: Point, _ b: Point) -> Int {
        let radians = Double.pi / 180
        let dLat = (b.y - a.y) * radians, dLon = (b.x - a.x) * radians
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.y * radians) * cos(b.y * radians) * sin(dLon / 2) * sin(dLon / 2)
        let km = 2 * earthRadiusKm * asin(min(1, h.squareRoot()))
        return Int((km * 10).rounded(.toNearestOrAwayFromZero))
    }
}
