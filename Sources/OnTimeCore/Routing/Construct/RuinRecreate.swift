/// Ruin and recreate in the manner of SISR (Christiaens & Vanden Berghe, 2020):
/// remove strings of consecutive customers from a few routes around a random seed
/// customer, then reinsert the removed customers one by one at their cheapest
/// capacity-feasible position, skipping each candidate position with a small
/// "blink" probability, in one of several orders (random, largest demand first,
/// farthest from the depot first, closest first).
enum RuinRecreate {
    /// Average number of customers removed per ruin.
    static let averageRemoved = 10.0
    /// Longest string removed from one route.
    static let maximumStringLength = 10.0
    static let blinkRate = 0.01

    /// Perturbs `routes` in place. Route indices are kept (emptied routes stay as empty
    /// entries, new routes reuse an empty entry or are appended), so that the local search
    /// can rebuild only what changed.
    static func perturb(_ routes: inout [[Int]], problem: Problem, neighbours: Neighbourhood, rng: inout RandomGenerator) {
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
