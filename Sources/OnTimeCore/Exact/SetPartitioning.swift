/// A pool of distinct, feasible routes met during the search, each kept with the
/// cheapest order seen for its set of customers.
struct RoutePool {
    /// Most routes kept; later routes are ignored once the pool is full.
    let capacity: Int
    private(set) var routes: [[Int32]] = []
    private(set) var costs: [Int] = []
    private var indexBySet: [[Int32]: Int] = [:]

    init(capacity: Int = 20_000) { self.capacity = capacity }

    var count: Int { routes.count }

    /// Adds a route (customers in driving order) with its distance, unless the pool is full.
    mutating func add(_ route: [Int32], cost: Int) {
        insert(route, cost: cost, evenWhenFull: false)
    }

    /// Adds a route even when the pool is full; returns its index (nil for an empty route).
    @discardableResult
    mutating func forceAdd(_ route: [Int32], cost: Int) -> Int? {
        insert(route, cost: cost, evenWhenFull: true)
    }

    @discardableResult
    private mutating func insert(_ route: [Int32], cost: Int, evenWhenFull: Bool) -> Int? {
        guard !route.isEmpty else { return nil }
        let key = route.sorted()
        if let k = indexBySet[key] {
            if cost < costs[k] { routes[k] = route; costs[k] = cost }
            return k
        }
        guard routes.count < capacity || evenWhenFull else { return nil }
        indexBySet[key] = routes.count
        routes.append(route)
        costs.append(cost)
        return routes.count - 1
    }
}

/// Set covering over a route pool, solved exactly (up to a time limit) with GLPK:
/// choose routes of least total distance so that every customer is on at least one;
/// customers covered twice are then dropped from all but one route, which with
/// triangle-inequality distances never costs more. The result is a plan at least as
/// good as the best combination of pooled routes GLPK found in time.
enum SetPartitioning {
    struct Outcome {
        let solution: Solution
        let cost: Int
        let proven: Bool
    }

    /// `incumbent` (routes of a feasible plan, when known) joins the columns and is given
    /// to GLPK as its starting solution, so the answer is never worse than it.
    static func solve(pool: RoutePool, problem: Problem, incumbent: [[Int32]]? = nil, timeLimit: Double,
                      verbose: Bool = false) -> Outcome? {
        let n = problem.customerCount
        guard pool.count > 0 || incumbent != nil, timeLimit > 0 else { return nil }
        var columns = pool
        var startColumns: Set<Int> = []
        for route in incumbent ?? [] where !route.isEmpty {
            if let k = columns.forceAdd(route, cost: problem.routeDistance(route)) { startColumns.insert(k) }
        }
        var model = LinearModel()
        var covering = [[(variable: Int, coefficient: Double)]](repeating: [], count: n + 1)
        for (r, route) in columns.routes.enumerated() {
            let x = model.addVariable(kind: .binary, objective: Double(columns.costs[r]))
            for c in route { covering[Int(c)].append((x, 1)) }
        }
        for c in 1...max(1, n) where n >= 1 {
            guard !covering[c].isEmpty else { return nil }  // the pool cannot cover c
            model.addConstraint(covering[c], lower: 1)
        }
        let start = incumbent == nil ? nil : (0..<columns.count).map { startColumns.contains($0) ? 1.0 : 0.0 }
        guard let result = try? GLPK.solve(model, start: start, timeLimit: timeLimit, verbose: verbose), result.hasSolution else { return nil }
        var seen = [Bool](repeating: false, count: n + 1)
        var routes: [[Int]] = []
        for (r, value) in result.values.enumerated() where value > 0.5 {
            var kept: [Int] = []
            for c32 in columns.routes[r] {
                let c = Int(c32)
                if !seen[c] { seen[c] = true; kept.append(c) }
            }
            if !kept.isEmpty { routes.append(kept) }
        }
        let solution = Solution(routes: routes)
        return Outcome(solution: solution, cost: problem.cost(of: solution), proven: result.status == .optimal)
    }
}
