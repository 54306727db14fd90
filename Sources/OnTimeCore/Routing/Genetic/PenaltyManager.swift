/// Adapts the capacity penalty so that about `targetFeasible` of the local-search
/// outcomes are feasible (HGS-CVRP's rule): every `window` outcomes, raise the weight
/// by 20 % when too few were feasible, lower it by 15 % when too many were.
struct PenaltyManager {
    var penalty: Double
    var targetFeasible = 0.2
    var window = 100
    private var outcomes = 0
    private var feasibleOutcomes = 0

    init(problem: Problem) {
        let maxDistance = problem.distances.maximum
        let maxDemand = max(1, problem.demands.max() ?? 1)
        penalty = max(0.1, min(1000, Double(maxDistance) / Double(maxDemand)))
    }

    /// Records one local-search outcome; returns true when the penalty changed.
    mutating func record(feasible: Bool) -> Bool {
        outcomes += 1
        if feasible { feasibleOutcomes += 1 }
        guard outcomes >= window else { return false }
        let fraction = Double(feasibleOutcomes) / Double(outcomes)
        outcomes = 0; feasibleOutcomes = 0
        if fraction < targetFeasible - 0.05 { penalty = min(100_000, penalty * 1.2); return true }
        if fraction > targetFeasible + 0.05 { penalty = max(0.1, penalty * 0.85); return true }
        return false
    }
}
