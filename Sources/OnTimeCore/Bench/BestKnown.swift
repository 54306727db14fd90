import Foundation

/// Best-known costs to measure gaps against, read from a CSV such as the shared
/// `instances/bks.csv` (`set,instance,n_customers,bks_cost,bks_vehicles,convention,source`).
///
/// Needed columns: `instance` and `bks_cost` (in the instance's own units: 827.3 for a
/// Solomon instance, not tenths). Optional `convention`: a file may list one instance
/// under several objectives (the shared file has Solomon's distance-only optimum under
/// `dimacs-trunc1-distance-only` and the vehicles-first classic under
/// `exact-euclid-vehicles-first`); a row counts for an instance only when its convention
/// is the instance's distance convention (`nint-euclid`, `dimacs-trunc1`, `explicit`),
/// alone or followed by `-` and a qualifier. Rows without a convention count for any.
public struct BestKnown: Sendable {
    public struct Entry: Sendable, Equatable {
        public let cost: Double
        public let convention: String?
        /// Where it was read (`file:line`), for messages.
        public let source: String
    }

    public let path: String
    /// Entries by instance name, lowercased.
    private let entries: [String: [Entry]]

    public init(path: String, entries: [String: [Entry]]) {
        self.path = path
        self.entries = entries
    }

    public static func read(path: String) throws(InputError) -> BestKnown {
        let text = try readText(path)
        var entries: [String: [Entry]] = [:]
        try HeaderCSV.forEachRow(text, path: path, required: ["instance", "bks_cost"]) { line, value throws(InputError) in
            guard let name = value("instance"), !name.isEmpty else {
                throw InputError(file: path, line: line, "no instance name")
            }
            guard let raw = value("bks_cost"), let cost = Double(raw), cost.isFinite, cost > 0 else {
                throw InputError(file: path, line: line, "bks_cost of \(name) must be a positive number, got '\(value("bks_cost") ?? "")'")
            }
            let convention = value("convention").flatMap { $0.isEmpty ? nil : $0.lowercased() }
            let entry = Entry(cost: cost, convention: convention, source: "\(path):\(line)")
            let key = name.lowercased()
            if let twin = entries[key]?.first(where: { $0.convention == convention }), twin.cost != cost {
                throw InputError(file: path, line: line, "\(name) is listed twice with different costs "
                                 + "(\(number(twin.cost)) at \(twin.source), \(number(cost)) here)"
                                 + (convention.map { " for the convention \($0)" } ?? ""))
            }
            entries[key, default: []].append(entry)
        }
        if entries.isEmpty { throw InputError(file: path, line: nil, "no best-known costs in the file") }
        return BestKnown(path: path, entries: entries)
    }

    /// The best-known cost for `problem` (looked up by its name, then by the file name
    /// without extension), under the problem's distance convention; nil when none is listed.
    public func entry(for problem: Problem, path instancePath: String) -> Entry? {
        let stem = URL(fileURLWithPath: instancePath).deletingPathExtension().lastPathComponent
        for key in [problem.name.lowercased(), stem.lowercased()] {
            let matching = (entries[key] ?? []).filter { entry in
                guard let convention = entry.convention else { return true }
                let own = problem.convention.rawValue
                return convention == own || convention.hasPrefix(own + "-")
            }
            // Of several matching rows (e.g. no convention column and two sets), the lowest.
            if let best = matching.min(by: { $0.cost < $1.cost }) { return best }
        }
        return nil
    }

    static func number(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }
}
