import Foundation

/// The heuristics `ontime bench` compares.
public enum BenchHeuristic: String, Sendable, CaseIterable {
    /// Clarke–Wright parallel savings over granular neighbours (`Savings`), the
    /// construction the solver starts from.
    case savings
    /// Sweep by polar angle with cheapest feasible insertion (`Sweep`); needs coordinates.
    case sweep
    /// Nearest neighbour alone (`NearestNeighbour`).
    case nn
    /// Nearest neighbour, then the solver's granular local search to a local optimum.
    case nnLocalSearch = "nn+ls"
    /// The hybrid genetic search (`RoutingSolver`, algorithm hgs), whatever the size.
    case hgs
    /// The hybrid genetic search with route-pool set partitioning (GLPK).
    case hgsSetPartitioning = "hgs+sp"
    /// Iterated ruin-and-recreate (`RoutingSolver`, algorithm ils); not with time windows.
    case ils

    /// What `ontime bench` runs unless told otherwise.
    public static let defaults: [BenchHeuristic] = [.savings, .sweep, .nnLocalSearch, .hgs, .hgsSetPartitioning]

    /// Whether the heuristic searches until its budget runs out, so that each budget of a
    /// bench is a run of its own; the others stop by themselves (nn+ls at a local optimum,
    /// capped by the largest budget) and run once per instance and seed.
    public var usesBudget: Bool {
        switch self {
        case .hgs, .hgsSetPartitioning, .ils: return true
        case .savings, .sweep, .nn, .nnLocalSearch: return false
        }
    }

    /// Parses a comma-separated list such as `savings,sweep,nn+ls`; nil names the first unknown entry.
    public static func parseList(_ text: String) -> (heuristics: [BenchHeuristic], unknown: String?) {
        var result: [BenchHeuristic] = []
        for raw in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
            guard let h = BenchHeuristic(rawValue: name) else { return ([], name) }
            if !result.contains(h) { result.append(h) }
        }
        return (result, nil)
    }
}
