import Foundation

/// A CVRPLIB-style solution file: `Route #k: c1 c2 ...` lines with customers
/// numbered 1...n (internal node indices; the depot omitted), then `Cost N`. With
/// several vehicle types, `Vehicle #k: name` after route k names its type. A plan that
/// serves nobody is just `Cost 0` (no routes).
public struct SolutionFile: Sendable, Equatable {
    public var routes: [[Int]]
    /// The cost line as written, if present (e.g. "27591" or "827.3").
    public var cost: String?
    /// Per route: the vehicle type named for it, if any.
    public var vehicleNames: [String?]
    /// Line of each route in the file (for messages).
    var routeLines: [Int] = []

    public init(routes: [[Int]], cost: String?, vehicleNames: [String?]? = nil) {
        self.routes = routes
        self.cost = cost
        self.vehicleNames = vehicleNames ?? Array(repeating: nil, count: routes.count)
    }

    /// The vehicle type index of each route in `problem`: by name, or the only type.
    public func vehicleTypes(in problem: Problem, path: String) throws(InputError) -> [Int] {
        var result: [Int] = []
        for (r, name) in vehicleNames.enumerated() {
            let line = r < routeLines.count ? routeLines[r] : nil
            guard let name else {
                guard problem.vehicleTypes.count == 1 else {
                    throw InputError(file: path, line: line, "route \(r + 1) needs a 'Vehicle #\(r + 1): name' line: the instance has "
                                     + "\(problem.vehicleTypes.count) vehicle types")
                }
                result.append(0)
                continue
            }
            guard let t = problem.vehicleTypes.firstIndex(where: { $0.name == name }) else {
                throw InputError(file: path, line: line, "vehicle type '\(name.prefix(40))' is not in the instance (known: "
                                 + problem.vehicleTypes.map(\.name).prefix(10).joined(separator: ", ") + ")")
            }
            result.append(t)
        }
        return result
    }

    public static func read(path: String) throws(InputError) -> SolutionFile {
        try parse(TextFile.read(path))
    }

    public static func parse(contents: String, path: String = "<input>") throws(InputError) -> SolutionFile {
        try checkSize(contents.utf8.count, path: path)
        return try parse(TextFile(path: path, contents: contents))
    }

    static func parse(_ file: TextFile) throws(InputError) -> SolutionFile {
        var routes: [[Int]] = []
        var names: [String?] = [], lines: [Int] = []
        var cost: String? = nil
        // A plan for the largest instance visits at most maximumNodes customers on as many routes.
        var visits = 0
        for (index, raw) in file.lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let lower = line.lowercased()
            if lower.hasPrefix("route") {
                guard let colon = line.firstIndex(of: ":") else {
                    throw file.error(index + 1, "expected 'Route #k: c1 c2 ...'")
                }
                var route: [Int] = []
                for token in line[line.index(after: colon)...].split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                    guard let c = Int(token), c >= 1 else {
                        throw file.error(index + 1, "customer '\(token.prefix(30))' is not a positive integer")
                    }
                    guard c <= InputLimits.maximumNodes else {
                        throw file.error(index + 1, "customer number \(c) is larger than any supported instance")
                    }
                    visits += 1
                    guard visits <= InputLimits.maximumNodes else {
                        throw file.error(index + 1, "more than \(InputLimits.maximumNodes) customer visits; larger than any supported instance")
                    }
                    route.append(c)
                }
                guard routes.count < InputLimits.maximumNodes else {
                    throw file.error(index + 1, "more than \(InputLimits.maximumNodes) routes; larger than any supported instance")
                }
                routes.append(route)
                names.append(nil)
                lines.append(index + 1)
            } else if lower.hasPrefix("vehicle") {
                guard let colon = line.firstIndex(of: ":"), !routes.isEmpty, names[routes.count - 1] == nil else {
                    throw file.error(index + 1, "expected 'Vehicle #k: name' right after the line of route k")
                }
                let name = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { throw file.error(index + 1, "'Vehicle #k:' needs a vehicle type name") }
                names[routes.count - 1] = name
            } else if lower.hasPrefix("cost") {
                if cost != nil { throw file.error(index + 1, "a second Cost line") }
                let value = line.dropFirst(4).trimmingCharacters(in: CharacterSet(charactersIn: " \t:"))
                guard let number = Double(value), number.isFinite, abs(number) <= 1e15 else {
                    throw file.error(index + 1, "Cost '\(value.prefix(30))' is not a finite number up to 1e15")
                }
                cost = value
            } else {
                throw file.error(index + 1, "expected 'Route #k: ...' or 'Cost N', found '\(line.prefix(60))'")
            }
        }
        // No routes and a Cost line is a plan that serves nobody (every customer left
        // out), as `PlanWriter.vrplib` writes it: `Cost 0`.
        if routes.isEmpty && cost == nil { throw file.error(nil, "no 'Route #k:' lines and no Cost line") }
        var result = SolutionFile(routes: routes, cost: cost, vehicleNames: names)
        result.routeLines = lines
        return result
    }
}
