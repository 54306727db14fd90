/// Adapts the penalty weights so that about `targetFeasible` of the local-search outcomes
/// keep each constraint (HGS-CVRP's rule, applied to load and to time warp separately):
/// every `window` outcomes, a weight rises by 20 % when too few kept its constraint and
/// falls by 15 % when too many did.
struct PenaltyManager {
    private(set) var penalties: Penalties
    var targetFeasible = 0.2
    var window = 100
    private var outcomes = 0
    private var loadFeasible = 0
    private var timeFeasible = 0
    private let timed: Bool
    /// Highest weight: 100,000, or twice the largest prize when prizes are larger (a unit
    /// of excess or time warp must not be worth keeping an optional job in a plan).
    private let cap: Double

    init(problem: Problem) {
        let maxDistance = problem.distances.maximum
        let maxDemand = max(1, problem.demands.max() ?? 1)
        // A unit of time warp starts at the price of a unit of distance: distances and
        // durations are usually on the same scale (they are one matrix for Solomon).
        // Beyond the classic problem a unit of distance may cost more than one, and the
        // time-warp weight also prices duration and distance above the routes' limits.
        // A fixed cost per vehicle makes an extra route dear: the weights start high
        // enough that shedding excess onto a new vehicle can pay (0 for the classic problem).
        let unitCost = Double(problem.vehicleTypes.map(\.distanceCost).max() ?? 1)
        let fixed = Double(problem.vehicleTypes.map(\.fixedCost).max() ?? 0)
        timed = problem.hasTimeWindows || problem.isTimed || problem.vehicleTypes.contains { $0.maxDistance != nil }
        cap = max(100_000, 2 * Double(problem.prizes.compactMap { $0 }.max() ?? 0))
        penalties = Penalties(capacity: max(0.1, min(1000 + fixed, (unitCost * Double(maxDistance) + fixed) / Double(maxDemand))),
                              timeWarp: timed ? max(1, unitCost) + fixed / Double(max(1, maxDistance)) : 0)
    }

    /// Records one local-search outcome; returns true when a weight changed.
    mutating func record(excess: Int, timeWarp: Int) -> Bool {
        outcomes += 1
        if excess == 0 { loadFeasible += 1 }
        if timeWarp == 0 { timeFeasible += 1 }
        guard outcomes >= window else { return false }
        let old = penalties
        penalties.capacity = adapted(penalties.capacity, feasible: loadFeasible)
        if timed { penalties.timeWarp = adapted(penalties.timeWarp, feasible: timeFeasible) }
        outcomes = 0; loadFeasible = 0; timeFeasible = 0
        return penalties != old
    }

    private func adapted(_ weight: Double, feasible: Int) -> Double {
        let fraction = Double(feasible) / Double(outcomes)
        if fraction < targetFeasible - 0.05 { return min(cap, weight * 1.2) }
        if fraction > targetFeasible + 0.05 { return max(0.1, weight * 0.85) }
        return weight
    }
}
