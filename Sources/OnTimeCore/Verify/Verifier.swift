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
    ///
    /// Beyond the classic problem, `vehicles[r]` is the vehicle type of route r (see
    /// `checkTyped`); for the classic problem it is ignored.
    public static func check(_ problem: Problem, routes: [[Int]], vehicles: [Int]? = nil, claimedCost: Int? = nil,
                             unassigned: [Int] = []) -> Report {
        if !problem.isClassic {
            return checkTyped(problem, routes: routes, vehicles: vehicles ?? Array(repeating: 0, count: routes.count),
                              claimedCost: claimedCost, unassigned: unassigned)
        }
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

    /// The check beyond the classic problem: each route against its vehicle type (depots,
    /// capacity, the depot's hours and the shift, windows, maximum duration and distance),
    /// the number of vehicles of each type, every required customer visited once and each
    /// optional one at most once; the objective recomputed as the routes' costs plus the
    /// prizes of the optional customers left out. Times come from `Problem.schedule`, a
    /// plain simulation apart from the search's time segments.
    static func checkTyped(_ problem: Problem, routes: [[Int]], vehicles: [Int], claimedCost: Int?, unassigned: [Int]) -> Report {
        var violations: [String] = []
        let n = problem.customerCount, types = problem.vehicleTypes
        var seen = [Int](repeating: 0, count: n + 1)
        var used = [Int](repeating: 0, count: types.count)
        var total = 0, usedRoutes = 0
        for (r, route) in routes.enumerated() where !route.isEmpty {
            usedRoutes += 1
            let label = "route \(r + 1)"
            guard r < vehicles.count, vehicles[r] >= 0, vehicles[r] < types.count else {
                violations.append("\(label): has no vehicle type of this instance")
                continue
            }
            let valid = route.filter { $0 >= 1 && $0 <= n }
            for node in route where !(node >= 1 && node <= n) {
                violations.append("\(label): customer \(node) does not exist (valid: 1...\(n))")
            }
            for node in valid { seen[node] += 1 }
            used[vehicles[r]] += 1
            let outcome = typedRoute(problem, valid, vehicle: vehicles[r], label: label)
            violations += outcome.violations
            total += outcome.cost
        }
        // Shipments: both ends on one route, the pickup first.
        var place = [Int: (route: Int, index: Int)]()
        for (r, route) in routes.enumerated() { for (k, c) in route.enumerated() where c >= 1 && c <= n { place[c] = (r, k) } }
        for (k, s) in problem.shipments.enumerated() {
            if (place[s.pickup] == nil) != (place[s.delivery] == nil) {
                violations.append("shipment \(k + 1): only one of pickup \(s.pickup) and delivery \(s.delivery) is visited")
            }
            guard let a = place[s.pickup], let b = place[s.delivery] else { continue }
            if a.route != b.route {
                violations.append("shipment \(k + 1): pickup \(s.pickup) and delivery \(s.delivery) are on different routes")
            } else if a.index > b.index {
                violations.append("shipment \(k + 1): delivery \(s.delivery) comes before its pickup \(s.pickup)")
            }
        }
        for (t, type) in types.enumerated() {
            if let count = type.count, used[t] > count {
                violations.append("\(used[t]) routes use a \(type.name) but the fleet has \(count)")
            }
        }
        var leftOut = Set<Int>()
        for c in unassigned {
            guard c >= 1 && c <= n else { violations.append("left-out customer \(c) does not exist"); continue }
            // A shipment's end is left out with the other: only when no vehicle can carry the pair.
            let alone = problem.partner[c] < 0 ? [c] : problem.shipments.first { $0.pickup == c || $0.delivery == c }.map { [$0.pickup, $0.delivery] }!
            if types.indices.contains(where: { typedRoute(problem, alone, vehicle: $0, label: "").violations.isEmpty }) {
                violations.append("customer \(c) is left out but a vehicle could serve it")
            }
            if !leftOut.insert(c).inserted { violations.append("customer \(c) is listed as left out twice") }
        }
        for c in stride(from: 1, through: n, by: 1) {
            if seen[c] == 0 && !leftOut.contains(c) && problem.groupOf[c] < 0 {
                if let prize = problem.prizes[c] { total += prize } else { violations.append("customer \(c) is not visited") }
            }
            if seen[c] > 0 && leftOut.contains(c) { violations.append("customer \(c) is visited but listed as left out") }
            if seen[c] > 1 { violations.append("customer \(c) is visited \(seen[c]) times") }
        }
        // Alternatives (the windows of one job): exactly one visited, at most one when optional.
        for members in problem.groups {
            let visits = members.reduce(0) { $0 + seen[$1] }
            let list = members.map(String.init).joined(separator: ", ")
            if visits > 1 { violations.append("customers \(list) are alternatives (one job's windows) but \(visits) visits serve them") }
            guard visits == 0, !members.allSatisfy(leftOut.contains) else { continue }
            if let prize = problem.prizes[members[0]] { total += prize } else { violations.append("none of the alternatives \(list) (one job's windows) is visited") }
        }
        if let claimedCost, claimedCost != total {
            violations.append("claimed cost \(problem.format(claimedCost)) differs from the recomputed cost \(problem.format(total))")
        }
        return Report(violations: violations, cost: total, routeCount: usedRoutes)
    }

    /// One route driven by a vehicle of type `vehicle`: what it breaks and what it costs.
    static func typedRoute(_ problem: Problem, _ route: [Int], vehicle: Int, label: String) -> (violations: [String], cost: Int) {
        let type = problem.vehicleTypes[vehicle]
        var violations: [String] = []
        var load = 0, distance = 0, previous = type.startDepot
        for node in route + [type.endDepot] {
            let weight = edge(problem, previous, node, vehicle: vehicle)
            if weight >= Matrix.unreachable { violations.append("\(label): there is no road from node \(previous) to node \(node)") }
            distance += weight
            load += problem.demands[node]  // 0 at the depot
            previous = node
        }
        if load > type.capacity { violations.append("\(label): load \(load) exceeds the capacity \(type.capacity) of a \(type.name)") }
        for (d, demand) in problem.extraDemands.enumerated() {
            let total = route.reduce(0) { $0 + demand[$1] }
            if total > type.extraCapacities[d] {
                violations.append("\(label): load \(total) in dimension \(d + 2) exceeds the capacity \(type.extraCapacities[d]) of a \(type.name)")
            }
        }
        for c in route where !problem.requiredSkills[c].isSubset(of: type.skills) {
            let missing = problem.requiredSkills[c].subtracting(type.skills).sorted().joined(separator: ", ")
            violations.append("\(label): customer \(c) needs \(missing), which a \(type.name) lacks")
        }
        if !problem.shipments.isEmpty {
            // Deliveries from the depot leave the vehicle one by one; shipments ride from
            // their pickup to their delivery.
            var onBoard = load, peak = load
            for c in route {
                onBoard -= problem.demands[c]
                let other = problem.partner[c]
                if other >= 0 { onBoard += problem.shipments.first { $0.pickup == c || $0.delivery == c }.map { $0.pickup == c ? $0.amount : -$0.amount } ?? 0 }
                peak = max(peak, onBoard)
            }
            if peak > type.capacity && peak > load {
                violations.append("\(label): the load on board reaches \(peak), above the capacity \(type.capacity) of a \(type.name)")
            }
        }
        if let limit = type.maxDistance, distance > limit {
            violations.append("\(label): distance \(problem.format(distance)) is above the \(type.name)'s maximum \(problem.format(limit))")
        }
        var duration = 0
        if problem.isTimed {
            let scheduled = problem.schedule(route, vehicle: vehicle)
            for stop in scheduled.stops where stop.start > problem.dueTimes[stop.node] {
                violations.append("\(label): customer \(stop.node) served at \(problem.format(stop.start)), after its due time \(problem.format(problem.dueTimes[stop.node]))")
            }
            let opens = max(problem.readyTimes[type.startDepot], type.shiftStart)
            let closes = min(problem.dueTimes[type.endDepot], type.shiftEnd)
            if scheduled.departure > min(problem.dueTimes[type.startDepot], type.shiftEnd) || opens > scheduled.departure {
                violations.append("\(label): cannot leave its depot within the depot's hours and the \(type.name)'s shift")
            }
            if scheduled.returnTime > closes {
                violations.append("\(label): returns at \(problem.format(scheduled.returnTime)), after \(problem.format(closes)) (depot closing or end of shift)")
            }
            duration = scheduled.returnTime - scheduled.departure
            if let limit = type.maxDuration, duration > limit {
                violations.append("\(label): lasts \(problem.format(duration)), above the \(type.name)'s maximum \(problem.format(limit))")
            }
        }
        return (violations, route.isEmpty ? 0 : type.fixedCost + type.distanceCost * distance + type.durationCost * duration)
    }

    /// Edge cost recomputed from first principles (coordinates) where the convention allows.
    /// A vehicle type driving by a profile with a distance matrix of its own gets that
    /// matrix's entry (`Problem.sharesDistances`).
    private static func edge(_ problem: Problem, _ i: Int, _ j: Int, vehicle: Int = 0) -> Int {
        guard let points = problem.coordinates, problem.convention != .explicit,
              problem.sharesDistances[problem.typeProfile[vehicle]] else {
            return problem.distance(i, j, vehicle: vehicle)
        }
        if i == j { return 0 }
        let dx = points[i].x - points[j].x, dy = points[i].y - points[j].y
        let euclid = (dx * dx + dy * dy).squareRoot()
        switch problem.convention {
        case .roundedEuclidean: return Int(euclid.rounded(.toNearestOrAwayFromZero))
        case .truncatedTenths: return Int((euclid * 10).rounded(.towardZero))
        case .truncatedEuclidean: return Int(euclid.rounded(.towardZero))
        case .exactMilli: return Int((euclid * 1000).rounded(.toNearestOrAwayFromZero))
        case .roundedTenths: return EdgeWeight.roundedTenths(points[i], points[j])
        case .haversineTenths: return EdgeWeight.haversineTenths(points[i], points[j])
        case .explicit: return problem.distance(i, j, vehicle: vehicle)
        }
    }
}
