/// A solution in the genetic population: its routes, the giant tour they concatenate
/// into, its cost terms, and neighbour links used by the broken-pairs distance.
final class Individual {
    let id: Int
    var routes: [[Int32]]
    /// Customers in route order, routes ordered by the polar angle of their barycentre.
    var tour: [Int32]
    var distance: Int
    /// Total load above capacity, summed over routes.
    var excess: Int
    /// Total time warp (see `TimeSegment`), summed over routes; 0 without time windows.
    var timeWarp: Int
    /// Routes beyond the fleet size (0 without a fixed fleet).
    var fleetExcess: Int
    var isFeasible: Bool { excess == 0 && timeWarp == 0 && fleetExcess == 0 }
    /// successor[c] / predecessor[c]: the node after / before customer c (0 = depot).
    var successor: [Int32]
    var predecessor: [Int32]
    /// Broken-pairs distances to the other members of its subpopulation, ascending.
    var proximity: [(distance: Double, other: Int)] = []
    var biasedFitness: Double = 0

    init(id: Int, routes: [[Int32]], problem: Problem) {
        self.id = id
        let n = problem.customerCount
        var sorted = routes.filter { !$0.isEmpty }
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
            sorted = sorted.map { (angle($0), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
        }
        self.routes = sorted
        tour = sorted.flatMap { $0 }
        successor = [Int32](repeating: 0, count: n + 1)
        predecessor = [Int32](repeating: 0, count: n + 1)
        var d = 0, ex = 0, warp = 0
        for route in sorted {
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
        fleetExcess = problem.vehicleLimit.map { max(0, sorted.count - $0) } ?? 0
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

    var solution: Solution { Solution(routes: routes.map { $0.map(Int.init) }) }
}
