/// Optimal split of a giant tour into routes: the cheapest way to cut the tour into
/// consecutive routes, each priced at its distance plus the capacity-excess penalty
/// (soft capacity, unlimited fleet, as in HGS-CVRP).
///
/// Linear time (Vidal 2016, "Split algorithm in O(n) for the capacitated vehicle
/// routing problem"): the shortest path over tour positions is computed with a deque
/// of candidate predecessors, kept in an order where each dominates the next for all
/// later positions, because route cost with a linear excess penalty makes the
/// difference between two predecessors monotone in the end position.
///
/// With time windows the route cost also has a time-warp term, which is not linear in
/// the end position, so the split is the plain shortest path over positions (Bellman's
/// recursion, routes up to 1.5× the capacity in load), each route's time warp grown
/// visit by visit with `TimeSegment`: O(n · route length).
enum Split {
    static func split(_ tour: [Int32], problem: Problem, penalties: Penalties) -> [[Int32]] {
        let free = problem.hasTimeWindows ? splitWithTimeWindows(tour, problem: problem, penalties: penalties)
            : split(tour, problem: problem, penalty: penalties.capacity)
        // A fixed fleet: when the free split gives a plan that keeps capacity and windows
        // but needs a few more routes than there are vehicles, the best split into at
        // most that many (when one exists within 1.5× the capacity per route). Only then:
        // the limited split costs about `fleet` free splits, and early in a run splits
        // into far more routes are common (time warp priced high makes short routes);
        // those count as infeasible (`Individual.fleetExcess`) and the local search,
        // which opens no route beyond the fleet, brings them down.
        guard let fleet = problem.vehicleLimit, free.count > fleet, free.count <= fleet + max(2, fleet / 10) else { return free }
        let keeps = free.allSatisfy { route in
            route.reduce(0) { $0 + problem.demands[Int($1)] } <= problem.capacity
                && (!problem.hasTimeWindows || problem.timeWarp(of: route.map(Int.init)) == 0)
        }
        guard keeps else { return free }
        return splitWithTimeWindows(tour, problem: problem, penalties: penalties, fleet: fleet) ?? free
    }

    /// Bellman's recursion over tour positions (see above); with `fleet`, over (routes
    /// used, position) — O(fleet · n · route length) — and nil when no split into at
    /// most `fleet` routes keeps every route within 1.5× the capacity.
    static func splitWithTimeWindows(_ tour: [Int32], problem: Problem, penalties: Penalties) -> [[Int32]] {
        splitWithTimeWindows(tour, problem: problem, penalties: penalties, fleet: nil)!
    }

    static func splitWithTimeWindows(_ tour: [Int32], problem: Problem, penalties: Penalties, fleet: Int?) -> [[Int32]]? {
        let n = tour.count
        guard n > 0 else { return [] }
        if let fleet { return limited(tour, problem: problem, penalties: penalties, fleet: fleet) }
        var potential = [Double](repeating: .infinity, count: n + 1)
        var predecessor = [Int](repeating: 0, count: n + 1)
        potential[0] = 0
        for i in 0..<n where potential[i] < .infinity {
            routesFrom(i, tour, problem: problem, penalties: penalties) { j, cost in
                if potential[i] + cost < potential[j] { potential[j] = potential[i] + cost; predecessor[j] = i }
            }
        }
        return routes(tour, predecessor: predecessor)
    }

    static func split(_ tour: [Int32], problem: Problem, penalty: Double) -> [[Int32]] {
        let n = tour.count
        guard n > 0 else { return [] }
        // Position k = 1...n holds tour[k-1]. Prefix sums along the tour:
        // load[k] = demand of positions 1...k; along[k] = distance from position 1 to k.
        var load = [Int](repeating: 0, count: n + 1)
        var along = [Int](repeating: 0, count: n + 2)
        var fromDepot = [Int](repeating: 0, count: n + 2)
        var toDepot = [Int](repeating: 0, count: n + 2)
        for k in 1...n {
            let c = Int(tour[k - 1])
            load[k] = load[k - 1] + problem.demands[c]
            along[k] = k == 1 ? 0 : along[k - 1] + problem.distance(Int(tour[k - 2]), c)
            fromDepot[k] = problem.distance(0, c)
            toDepot[k] = problem.distance(c, 0)
        }
        along[n + 1] = along[n]
        let capacity = problem.capacity

        var potential = [Double](repeating: .infinity, count: n + 1)
        var predecessor = [Int](repeating: 0, count: n + 1)
        potential[0] = 0

        /// Cost of reaching position j with a route starting right after position i.
        @inline(__always) func propagate(_ i: Int, _ j: Int) -> Double {
            potential[i] + Double(along[j] - along[i + 1] + fromDepot[i + 1] + toDepot[j])
                + penalty * Double(max(0, load[j] - load[i] - capacity))
        }
        /// Whether predecessor i is better than j (> i) for every later end position.
        @inline(__always) func dominates(_ i: Int, _ j: Int) -> Bool {
            potential[j] + Double(fromDepot[j + 1])
                > potential[i] + Double(fromDepot[i + 1] + along[j + 1] - along[i + 1]) + penalty * Double(load[j] - load[i])
        }
        /// Whether j (> i) is better than i for every later end position.
        @inline(__always) func dominatesRight(_ i: Int, _ j: Int) -> Bool {
            potential[j] + Double(fromDepot[j + 1])
                < potential[i] + Double(fromDepot[i + 1] + along[j + 1] - along[i + 1]) + 1e-9
        }

        var queue = [Int](repeating: 0, count: n + 1)
        var front = 0, back = 0  // queue[front...back]
        queue[0] = 0
        for i in 1...n {
            potential[i] = propagate(queue[front], i)
            predecessor[i] = queue[front]
            if i < n {
                if !dominates(queue[back], i) {
                    while back >= front && dominatesRight(queue[back], i) { back -= 1 }
                    back += 1
                    queue[back] = i
                }
                while back > front && propagate(queue[front], i + 1) > propagate(queue[front + 1], i + 1) - 1e-9 {
                    front += 1
                }
            }
        }

        return routes(tour, predecessor: predecessor)
    }

    static func limited(_ tour: [Int32], problem: Problem, penalties: Penalties, fleet: Int) -> [[Int32]]? {
        let n = tour.count
        let layers = min(fleet, n)
        // potential[k][j]: cheapest cost of positions 1...j in exactly k routes.
        var potential = [[Double]](repeating: [Double](repeating: .infinity, count: n + 1), count: layers + 1)
        var predecessor = [[Int]](repeating: [Int](repeating: 0, count: n + 1), count: layers + 1)
        potential[0][0] = 0
        for k in 1...layers {
            for i in (k - 1)..<n where potential[k - 1][i] < .infinity {
                routesFrom(i, tour, problem: problem, penalties: penalties) { j, cost in
                    if potential[k - 1][i] + cost < potential[k][j] { potential[k][j] = potential[k - 1][i] + cost; predecessor[k][j] = i }
                }
            }
        }
        guard let best = (1...layers).min(by: { potential[$0][n] < potential[$1][n] }), potential[best][n] < .infinity else { return nil }
        var routes: [[Int32]] = []
        var end = n, k = best
        while end > 0 {
            let start = predecessor[k][end]
            routes.append(Array(tour[start..<end]))
            end = start; k -= 1
        }
        return routes.reversed()
    }

    /// Grows a route that starts right after tour position i (tour[i] is its first
    /// customer) visit by visit, and calls `body(j, cost)` with the penalised cost of the
    /// route ending at each position j, while its load stays within 1.5× the capacity.
    @inline(__always)
    static func routesFrom(_ i: Int, _ tour: [Int32], problem: Problem, penalties: Penalties, _ body: (Int, Double) -> Void) {
        let depot = TimeSegment(ready: problem.readyTimes[0], due: problem.dueTimes[0], service: 0)
        let loadLimit = problem.capacity + problem.capacity / 2
        var time = depot, last = 0, distance = 0, load = 0
        for j in (i + 1)...tour.count {
            let c = Int(tour[j - 1])
            load += problem.demands[c]
            if j > i + 1 && load > loadLimit { break }
            distance += problem.distance(last, c)
            time = time.followed(by: TimeSegment(ready: problem.readyTimes[c], due: problem.dueTimes[c], service: problem.serviceTimes[c]),
                                 travel: problem.duration(last, c))
            last = c
            let closed = time.followed(by: depot, travel: problem.duration(c, 0))
            body(j, penalties.cost(distance: distance + problem.distance(c, 0), excess: max(0, load - problem.capacity), timeWarp: closed.timeWarp))
        }
    }

    /// The routes of the shortest path: `predecessor[j]` is where the route ending at
    /// position j starts (positions are 1-based, 0 = before the first customer).
    static func routes(_ tour: [Int32], predecessor: [Int]) -> [[Int32]] {
        var routes: [[Int32]] = []
        var end = tour.count
        while end > 0 {
            let start = predecessor[end]
            routes.append(Array(tour[start..<end]))
            end = start
        }
        return routes.reversed()
    }
}
