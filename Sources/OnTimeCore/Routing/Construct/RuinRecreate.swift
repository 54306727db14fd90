/// Ruin and recreate in the manner of SISR (Christiaens & Vanden Berghe, 2020):
/// remove strings of consecutive customers from a few routes around a random seed
/// customer, then reinsert the removed customers one by one at their cheapest
/// capacity-feasible position, skipping each candidate position with a small
/// "blink" probability, in one of several orders (random, largest demand first,
/// farthest from the depot first, closest first).
///
/// With time windows a position must also keep every window of the route (an O(1) test
/// against each position's earliest departure and latest arrival, `TimedRoutes`), and a
/// fifth order inserts the earliest windows first.
enum RuinRecreate {
    /// Average number of customers removed per ruin.
    static let averageRemoved = 10.0
    /// Longest string removed from one route.
    static let maximumStringLength = 10.0
    static let blinkRate = 0.01

    /// Perturbs `routes` in place. Route indices are kept (emptied routes stay as empty
    /// entries, new routes reuse an empty entry or are appended), so that the local search
    /// can rebuild only what changed.
    static func perturb(_ routes: inout [[Int]], problem: Problem, neighbours: Neighbourhood, rng: inout RandomGenerator,
                        averageRemoved: Double = RuinRecreate.averageRemoved) {
        let n = problem.customerCount
        guard n >= 2 else { return }
        var routeOf = [Int](repeating: -1, count: n + 1)
        for (r, route) in routes.enumerated() { for c in route { routeOf[c] = r } }

        // Ruin.
        let averageLength = Double(n) / Double(max(1, routes.filter { !$0.isEmpty }.count))
        let maxString = min(maximumStringLength, averageLength)
        let maxStrings = 4 * averageRemoved / (1 + maxString) - 1
        let stringCount = max(1, Int(rng.unit() * maxStrings) + 1)
        let seed = 1 + rng.below(n)
        var removed: [Int] = []
        var ruinedRoutes = Set<Int>()
        var adjacency = [seed]
        adjacency.append(contentsOf: neighbours.neighbours(of: seed).map(Int.init))
        for c in adjacency where ruinedRoutes.count < stringCount {
            let r = routeOf[c]
            guard r >= 0, !ruinedRoutes.contains(r) else { continue }
            ruinedRoutes.insert(r)
            let route = routes[r]
            let length = 1 + Int(rng.unit() * min(Double(route.count), maxString))
            let position = route.firstIndex(of: c) ?? 0
            // A window of `length` positions containing `position`, chosen at random.
            let lowest = max(0, position - length + 1), highest = min(position, route.count - length)
            let start = lowest + rng.below(max(1, highest - lowest + 1))
            for k in start..<min(route.count, start + length) {
                removed.append(route[k]); routeOf[route[k]] = -1
            }
            routes[r] = Array(route[..<start]) + route[min(route.count, start + length)...]
        }
        var loads = routes.map { $0.reduce(0) { $0 + problem.demands[$1] } }

        if problem.hasTimeWindows {
            recreateTimed(&routes, removed: &removed, loads: &loads, problem: problem, rng: &rng)
            return
        }
        // Recreate.
        switch rng.below(4) {
        case 0: removed.shuffle(using: &rng)
        case 1: removed.sort { problem.demands[$0] != problem.demands[$1] ? problem.demands[$0] > problem.demands[$1] : $0 < $1 }
        case 2: removed.sort { problem.distance(0, $0) != problem.distance(0, $1) ? problem.distance(0, $0) > problem.distance(0, $1) : $0 < $1 }
        default: removed.sort { problem.distance(0, $0) != problem.distance(0, $1) ? problem.distance(0, $0) < problem.distance(0, $1) : $0 < $1 }
        }
        for c in removed {
            var bestDelta = Int.max
            var bestRoute = -1, bestPosition = 0
            for (r, route) in routes.enumerated() where !route.isEmpty && loads[r] + problem.demands[c] <= problem.capacity {
                var previous = 0
                for p in 0...route.count {
                    let next = p < route.count ? route[p] : 0
                    if rng.unit() >= blinkRate {
                        let delta = problem.distance(previous, c) + problem.distance(c, next) - problem.distance(previous, next)
                        if delta < bestDelta { bestDelta = delta; bestRoute = r; bestPosition = p }
                    }
                    previous = next
                }
            }
            // A fixed fleet with every vehicle in use: the cheapest position anyway (the
            // search then prices the load excess).
            if bestRoute < 0, let fleet = problem.vehicleLimit, routes.count(where: { !$0.isEmpty }) >= fleet {
                var previousBest = Int.max
                for (r, route) in routes.enumerated() where !route.isEmpty {
                    var previous = 0
                    for p in 0...route.count {
                        let next = p < route.count ? route[p] : 0
                        let delta = problem.distance(previous, c) + problem.distance(c, next) - problem.distance(previous, next)
                        if delta < previousBest { previousBest = delta; bestRoute = r; bestPosition = p }
                        previous = next
                    }
                }
            }
            if bestRoute < 0 {
                if let empty = routes.firstIndex(where: { $0.isEmpty }) {
                    routes[empty] = [c]; loads[empty] = problem.demands[c]
                } else {
                    routes.append([c]); loads.append(problem.demands[c])
                }
            } else {
                routes[bestRoute].insert(c, at: bestPosition); loads[bestRoute] += problem.demands[c]
            }
        }
    }
}

extension RuinRecreate {
    /// Sorts `removed` in one of SISR's orders, or (fifth) by opening time, and inserts
    /// each customer at its cheapest position keeping capacity and every window; a new
    /// route when there is none (while the fleet allows), else the cheapest position by
    /// distance alone (the search then prices what it breaks).
    static func recreateTimed(_ routes: inout [[Int]], removed: inout [Int], loads: inout [Int], problem: Problem,
                              rng: inout RandomGenerator) {
        switch rng.below(5) {
        case 0: removed.shuffle(using: &rng)
        case 1: removed.sort { problem.demands[$0] != problem.demands[$1] ? problem.demands[$0] > problem.demands[$1] : $0 < $1 }
        case 2: removed.sort { problem.distance(0, $0) != problem.distance(0, $1) ? problem.distance(0, $0) > problem.distance(0, $1) : $0 < $1 }
        case 3: removed.sort { problem.distance(0, $0) != problem.distance(0, $1) ? problem.distance(0, $0) < problem.distance(0, $1) : $0 < $1 }
        default: removed.sort { problem.readyTimes[$0] != problem.readyTimes[$1] ? problem.readyTimes[$0] < problem.readyTimes[$1] : $0 < $1 }
        }
        var timed = TimedRoutes(routes, problem: problem)
        for c in removed { timed.insert(c, routes: &routes, loads: &loads, blink: blinkRate, rng: &rng) }
    }

    /// A first plan keeping every window: all customers inserted one by one (farthest
    /// from the depot first) at their cheapest feasible position, as `recreateTimed`.
    ///
    /// - Precondition: at least one customer.
    static func constructTimed(_ problem: Problem, rng: inout RandomGenerator) -> [[Int]] {
        var routes: [[Int]] = [], loads: [Int] = []
        let order = (1...problem.customerCount).sorted { problem.distance(0, $0) != problem.distance(0, $1) ? problem.distance(0, $0) > problem.distance(0, $1) : $0 < $1 }
        var timed = TimedRoutes(routes, problem: problem)
        for c in order { timed.insert(c, routes: &routes, loads: &loads, blink: 0, rng: &rng) }
        return routes
    }
}

/// Per route, per position, the earliest departure (position 0 is the start depot) and
/// the latest arrival that keeps every later window (the last position is the end
/// depot): inserting a customer between two positions keeps the route's windows exactly
/// when it can be reached in its window from the first and the second still be reached
/// in time: O(1) per candidate position, O(route length) to refresh after an insertion.
struct TimedRoutes {
    let problem: Problem
    var departure: [[Int]]
    var latest: [[Int]]

    init(_ routes: [[Int]], problem: Problem) {
        self.problem = problem
        departure = []; latest = []
        departure.reserveCapacity(routes.count + 8); latest.reserveCapacity(routes.count + 8)
        for route in routes {
            departure.append([]); latest.append([])
            refresh(departure.count - 1, route)
        }
    }

    /// Recomputes route r's times for `route`.
    mutating func refresh(_ r: Int, _ route: [Int]) {
        let m = route.count
        var out = [Int](repeating: 0, count: m + 1), late = [Int](repeating: 0, count: m + 2)
        var time = problem.readyTimes[0], previous = 0
        out[0] = time
        for (k, c) in route.enumerated() {
            time = max(problem.readyTimes[c], time + problem.duration(previous, c)) + problem.serviceTimes[c]
            out[k + 1] = time
            previous = c
        }
        late[m + 1] = problem.dueTimes[0]
        var following = 0
        for k in stride(from: m, through: 1, by: -1) {
            let c = route[k - 1]
            late[k] = min(problem.dueTimes[c], late[k + 1] - problem.duration(c, following) - problem.serviceTimes[c])
            following = c
        }
        late[0] = late.count > 1 ? late[1] : problem.dueTimes[0]
        departure[r] = out; latest[r] = late
    }

    /// Whether visiting c between positions p and p + 1 of route r (`previous` and `next`
    /// the nodes there, 0 for a depot) keeps every window of the route and c's own.
    @inline(__always) func keepsWindows(_ c: Int, route r: Int, position p: Int, previous: Int, next: Int) -> Bool {
        let arrival = max(problem.readyTimes[c], departure[r][p] + problem.duration(previous, c))
        return arrival <= problem.dueTimes[c] && arrival + problem.serviceTimes[c] + problem.duration(c, next) <= latest[r][p + 1]
    }

    /// Inserts c at its cheapest position keeping capacity and windows (each position
    /// skipped with probability `blink`), else into a new route while the fleet allows,
    /// else at its cheapest position by distance.
    mutating func insert(_ c: Int, routes: inout [[Int]], loads: inout [Int], blink: Double, rng: inout RandomGenerator) {
        let demand = problem.demands[c]
        var bestDelta = Int.max, bestRoute = -1, bestPosition = 0
        for (r, route) in routes.enumerated() where !route.isEmpty && loads[r] + demand <= problem.capacity {
            var previous = 0
            for p in 0...route.count {
                let next = p < route.count ? route[p] : 0
                defer { previous = next }
                if blink > 0 && rng.unit() < blink { continue }
                if !keepsWindows(c, route: r, position: p, previous: previous, next: next) { continue }
                let delta = problem.distance(previous, c) + problem.distance(c, next) - problem.distance(previous, next)
                if delta < bestDelta { bestDelta = delta; bestRoute = r; bestPosition = p }
            }
        }
        let used = routes.count(where: { !$0.isEmpty })
        if bestRoute < 0 && problem.vehicleLimit.map({ used >= $0 }) ?? false {
            // Every vehicle in use: the cheapest position anyway.
            for (r, route) in routes.enumerated() where !route.isEmpty {
                var previous = 0
                for p in 0...route.count {
                    let next = p < route.count ? route[p] : 0
                    let delta = problem.distance(previous, c) + problem.distance(c, next) - problem.distance(previous, next)
                    if delta < bestDelta { bestDelta = delta; bestRoute = r; bestPosition = p }
                    previous = next
                }
            }
        }
        if bestRoute < 0 {
            if let empty = routes.firstIndex(where: { $0.isEmpty }) {
                bestRoute = empty
            } else {
                routes.append([]); loads.append(0); departure.append([]); latest.append([])
                bestRoute = routes.count - 1
            }
            bestPosition = 0
        }
        routes[bestRoute].insert(c, at: bestPosition)
        loads[bestRoute] += demand
        refresh(bestRoute, routes[bestRoute])
    }
}
