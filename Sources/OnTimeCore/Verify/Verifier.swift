/// The independent checker: every number a solver reports passes through here.
///
/// It deliberately does not reuse the search's data structures or the problem's
/// precomputed matrix when coordinates are available: edge costs are recomputed
/// from the raw coordinates under the instance's convention, so a bug in matrix
/// construction or in move deltas cannot hide behind itself.
public enum Verifier {
    public struct Report: Sendable, Equatable {
        /// Human-readable descriptions of every broken constraint (empty when feasible).
        public var violations: [String]
        /// Recomputed total distance, internal units.
        public var cost: Int
        public var routeCount: Int
        public var isFeasible: Bool { violations.isEmpty }
    }

    /// Checks `routes` (internal customer indices) against `problem`. When `claimedCost`
    /// (internal units) is given, a mismatch with the recomputed cost is a violation.
    /// `unassigned`: customers the plan leaves out as unservable; each is accepted only
    /// if the verifier confirms on its own that no vehicle can serve it (alone on a route:
    /// load, window, return to the depot).
    public static func check(_ problem: Problem, routes: [[Int]], claimedCost: Int? = nil, unassigned: [Int] = []) -> Report {
        var violations: [String] = []
        let n = problem.customerCount
        var seen = [Int](repeating: 0, count: n + 1)
        var total = 0
        var usedRoutes = 0
        for (r, route) in routes.enumerated() where !route.isEmpty {
            usedRoutes += 1
            let label = "route \(r + 1)"
            var load = 0
            var previous = 0
            var time = problem.readyTimes[0]
            var routeCost = 0
            for node in route {
                guard node >= 1 && node <= n else {
                    violations.append("\(label): customer \(node) does not exist (valid: 1...\(n))")
                    continue
                }
                seen[node] += 1
                load += problem.demands[node]
                let weight = edge(problem, previous, node)
                if weight >= Matrix.unreachable { violations.append("\(label): there is no road from node \(previous) to customer \(node)") }
                routeCost += weight
                if problem.hasTimeWindows {
                    let arrival = time + problem.duration(previous, node)
                    let start = max(arrival, problem.readyTimes[node])
                    if start > problem.dueTimes[node] {
                        violations.append("\(label): customer \(node) served at \(problem.format(start)), after its due time \(problem.format(problem.dueTimes[node]))")
                    }
                    time = start + problem.serviceTimes[node]
                }
                previous = node
            }
            routeCost += edge(problem, previous, 0)
            if problem.hasTimeWindows {
                let back = time + problem.duration(previous, 0)
                if back > problem.dueTimes[0] {
                    violations.append("\(label): returns to the depot at \(problem.format(back)), after it closes at \(problem.format(problem.dueTimes[0]))")
                }
            }
            if load > problem.capacity {
                violations.append("\(label): load \(load) exceeds capacity \(problem.capacity)")
            }
            total += routeCost
        }
        var leftOut = Set<Int>()
        for c in unassigned {
            guard c >= 1 && c <= n else { violations.append("left-out customer \(c) does not exist"); continue }
            if alone(problem, c) { violations.append("customer \(c) is left out but a vehicle could serve it") }
            if !leftOut.insert(c).inserted { violations.append("customer \(c) is listed as left out twice") }
        }
        for c in stride(from: 1, through: n, by: 1) {
            if seen[c] == 0 && !leftOut.contains(c) { violations.append("customer \(c) is not visited") }
            if seen[c] > 0 && leftOut.contains(c) { violations.append("customer \(c) is visited but listed as left out") }
            if seen[c] > 1 { violations.append("customer \(c) is visited \(seen[c]) times") }
        }
        if let limit = problem.vehicleLimit, usedRoutes > limit {
            violations.append("\(usedRoutes) routes used but the fleet has \(limit) vehicles")
        }
        if let claimedCost, claimedCost != total {
            violations.append("claimed cost \(problem.format(claimedCost)) differs from the recomputed cost \(problem.format(total))")
        }
        return Report(violations: violations, cost: total, routeCount: usedRoutes)
    }

    /// Whether a vehicle can serve customer c on a route of its own (capacity, window,
    /// return before the depot closes), simulated here rather than taken from `Screening`.
    static func alone(_ problem: Problem, _ c: Int) -> Bool {
        guard problem.demands[c] <= problem.capacity else { return false }
        guard edge(problem, 0, c) < Matrix.unreachable && edge(problem, c, 0) < Matrix.unreachable else { return false }
        guard problem.hasTimeWindows else { return true }
        let start = max(problem.readyTimes[0] + problem.duration(0, c), problem.readyTimes[c])
        guard start <= problem.dueTimes[c] else { return false }
        return start + problem.serviceTimes[c] + problem.duration(c, 0) <= problem.dueTimes[0]
    }

    /// Edge cost recomputed from first principles (coordinates) where the convention allows.
    private static func edge(_ problem: Problem, _ i: Int, _ j: Int) -> Int {
        guard let points = problem.coordinates, problem.convention != .explicit else {
            return problem.distance(i, j)
        }
        if i == j { return 0 }
        let dx = points[i].x - points[j].x, dy = points[i].y - points[j].y
        let euclid = (dx * dx + dy * dy).squareRoot()
        switch problem.convention {
        case .roundedEuclidean: return Int(euclid.rounded(.toNearestOrAwayFromZero))
        case .truncatedTenths: return Int((euclid * 10).rounded(.towardZero))
        case .explicit: return problem.distance(i, j)
        }
    }
}
