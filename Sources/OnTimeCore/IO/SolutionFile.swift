import Foundation

/// A CVRPLIB-style solution file: `Route #k: c1 c2 ...` lines with customers
/// numbered 1...n (internal node indices; the depot omitted), then `Cost N`.
public struct SolutionFile: Sendable, Equatable {
    public var routes: [[Int]]
    /// The cost line as written, if present (e.g. "27591" or "827.3").
    public var cost: String?

    public init(routes: [[Int]], cost: String?) {
        self.routes = routes
        self.cost = cost
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
        if routes.isEmpty { throw file.error(nil, "no 'Route #k:' lines") }
        return SolutionFile(routes: routes, cost: cost)
    }
}
