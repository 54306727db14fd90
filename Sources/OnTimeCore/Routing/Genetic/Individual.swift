/// A solution in the genetic population: its routes, the giant tour they concatenate
/// into, its cost terms, and neighbour links used by the broken-pairs distance.
final class Individual {
    let id: Int
    var routes: [[Int32]]
    /// Vehicle type of each route (all 0 for the classic problem).
    var vehicles: [Int]
    /// Customers in route order, routes ordered by the polar angle of their barycentre.
    var tour: [Int32]
    /// The objective (distance for the classic problem; see `Problem.cost(of:)`).
    var distance: Int
    /// Total load above capacity, summed over routes.
    var excess: Int
    /// Total time warp (see `TimeSegment`), summed over routes; 0 without time windows.
    /// Beyond the classic problem, also duration and distance above the routes' limits.
    var timeWarp: Int
    /// Routes beyond the fleet size (0 without a fixed fleet), summed over vehicle types.
    var fleetExcess: Int
    var isFeasible: Bool { excess == 0 && timeWarp == 0 && fleetExcess == 0 }
    /// successor[c] / predecessor[c]: the node after / before customer c (0 = depot).
    var successor: [Int32]
    var predecessor: [Int32]
    /// Broken-pairs distances to the other members of its subpopulation, ascending.
    var proximity: [(distance: Double, other: Int)] = []
    var biasedFitness: Double = 0

    init(id: Int, routes: [[Int32]], vehicles: [Int]? = nil, problem: Problem) {
        self.id = id
        let n = problem.customerCount
        let kept = routes.indices.filter { !routes[$0].isEmpty }
        var sorted = kept.map { (routes[$0], vehicles?[$0] ?? 0) }
        if let points = problem.coordinates {
            // Ordering routes by direction from the depot keeps nearby routes adjacent in
            // the giant tour, so crossover inherits coherent stretches.
            let depot = points[0]
            func angle(_ r: [Int32]) -> Double {
                var x = 0.0, y = 0.0
                for c in r { x += points[Int(c)].x; y += points[Int(c)].y }
                let k = Double(r.count)
                return CircleSector.atan2(y / k - depot.y, x / k - depot.x)
            }
            sorted = sorted.map { (angle($0.0), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
        }
        self.routes = sorted.map(\.0)
        self.vehicles = sorted.map(\.1)
        tour = self.routes.flatMap { $0 }
        successor = [Int32](repeating: 0, count: n + 1)
        predecessor = [Int32](repeating: 0, count: n + 1)
        var d = 0, ex = 0, warp = 0
        for route in self.routes {
            warp += problem.timeWarp(of: route)
            var prev = 0, load = 0
            for c32 in route {
                let c = Int(c32)
                d += problem.distance(prev, c)
                load += problem.demands[c]
                predecessor[c] = Int32(prev)
                if prev != 0 { successor[prev] = c32 }
                prev = c
            }
            successor[prev] = 0
            d += problem.distance(prev, 0)
            ex += max(0, load - problem.capacity)
        }
        distance = d
        excess = ex
        timeWarp = warp
        let routeCount = self.routes.count
        fleetExcess = problem.vehicleLimit.map { max(0, routeCount - $0) } ?? 0
        if !problem.isClassic { evaluateTyped(problem) }
    }

    /// Cost terms beyond the classic problem: each route priced by its vehicle type (as the
    /// search prices it), the prizes of optional customers left out, and routes beyond each
    /// type's count.
    private func evaluateTyped(_ problem: Problem) {
        var cost = 0, ex = 0, over = 0
        var used = [Int](repeating: 0, count: problem.vehicleTypes.count)
        for (route, type) in zip(routes, vehicles) {
            let e = problem.searchEvaluation(route, vehicle: type)
            cost += e.cost; ex += e.excess; over += e.overrun
            used[type] += 1
        }
        // Customers in no route: an optional one costs its prize; a required one (the local
        // search found no vehicle allowed to take it, e.g. for lack of skills) makes the plan
        // infeasible, priced as load excess.
        for c in problem.unvisited(routes) {
            if let prize = problem.prizes[c] { cost += prize } else { ex += problem.demands[c] + 1 }
        }
        // Two alternatives of one job both visited (the search never makes such a plan).
        if !problem.groups.isEmpty {
            var visits = [Int](repeating: 0, count: problem.groups.count)
            for route in routes { for c in route where problem.groupOf[Int(c)] >= 0 { visits[problem.groupOf[Int(c)]] += 1 } }
            for (g, k) in visits.enumerated() where k > 1 { ex += (k - 1) * (problem.demands[problem.groups[g][0]] + 1) }
        }
        distance = cost
        excess = ex
        timeWarp = over
        fleetExcess = zip(used, problem.vehicleTypes).reduce(0) { $0 + max(0, $1.0 - ($1.1.count ?? Int.max)) }
    }

    @inline(__always) func penalisedCost(_ penalties: Penalties) -> Double {
        penalties.cost(distance: distance, excess: excess, timeWarp: timeWarp)
    }

    /// Broken-pairs distance: the share of customers whose neighbours differ (symmetric form).
    func brokenPairsDistance(to other: Individual) -> Double {
        let n = successor.count - 1
        guard n > 0 else { return 0 }
        var broken = 0
        for c in 1...n {
            let s = successor[c], p = predecessor[c]
            if s != other.successor[c] && s != other.predecessor[c] { broken += 1 }
            if p == 0 && other.predecessor[c] != 0 && other.successor[c] != 0 { broken += 1 }
        }
        return Double(broken) / Double(n)
    }

    var solution: Solution { Solution(routes: routes.map { $0.map(Int.init) }, vehicles: vehicles) }
}
