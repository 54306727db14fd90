/// Optimal split of a giant tour into routes (Prins 2004; soft capacity as in
/// HGS-CVRP): a shortest path over tour positions where the arc i→j is one route
/// serving tour[i..<j], priced at distance plus the capacity-excess penalty. Routes are
/// capped at 1.5× capacity, which keeps the work O(n · route length).
enum Split {
    static func split(_ tour: [Int32], problem: Problem, penalty: Double) -> [[Int32]] {
        let n = tour.count
        guard n > 0 else { return [] }
        let limit = problem.capacity + problem.capacity / 2
        var potential = [Double](repeating: .infinity, count: n + 1)
        var predecessor = [Int](repeating: 0, count: n + 1)
        potential[0] = 0
        for i in 0..<n where potential[i] < .infinity {
            var load = 0, distance = 0
            var previous = 0
            for j in i..<n {
                let c = Int(tour[j])
                load += problem.demands[c]
                if j > i && load > limit { break }
                distance += problem.distance(previous, c)
                previous = c
                let cost = Double(distance + problem.distance(c, 0)) + penalty * Double(max(0, load - problem.capacity))
                if potential[i] + cost < potential[j + 1] {
                    potential[j + 1] = potential[i] + cost
                    predecessor[j + 1] = i
                }
            }
        }
        var routes: [[Int32]] = []
        var end = n
        while end > 0 {
            let start = predecessor[end]
            routes.append(Array(tour[start..<end]))
            end = start
        }
        return routes.reversed()
    }
}
