/// Granular local search over a penalised CVRP objective.
///
/// Contract of every move (as in the operator contract of PyVRP): `evaluate…` returns
/// the exact change in penalised cost the move would make; the search applies a move
/// only when that change is negative. Moves are evaluated in O(1) by concatenating
/// prefix-summed stretches of the touched routes (`RoutePiece`), and applied by
/// rebuilding the touched routes (O(route length)).
///
/// Neighbourhoods (for a customer u and each of its granular neighbours v):
/// relocate of 1–2 customers (`Operators/Exchange.swift`, lb = 0), swaps 1-1, 2-1, 2-2
/// (same operator, lb ≥ 1), 2-opt within a route and 2-opt* between routes
/// (`Operators/TwoOpt.swift`), and relocation into an empty route.
public struct LocalSearch {
    let problem: Problem
    let neighbours: Neighbourhood
    let capacity: Int
    let symmetric: Bool
    /// Cost per unit of load above capacity.
    public var capacityPenalty: Double

    var routes: [SearchRoute] = []
    /// routeOf[c], positionOf[c]: where customer c currently is.
    var routeOf: [Int32]
    var positionOf: [Int32]

    // Bookkeeping that skips (u, v) pairs whose routes are unchanged since u was last tested.
    var moveCount = 0
    var routeStamp: [Int] = []
    var testedStamp: [Int]

    /// Number of moves applied since creation (for statistics and tests).
    public private(set) var appliedMoves = 0

    public init(problem: Problem, neighbours: Neighbourhood, capacityPenalty: Double) {
        self.problem = problem
        self.neighbours = neighbours
        self.capacity = problem.capacity
        self.symmetric = problem.distances.isSymmetric
        self.capacityPenalty = capacityPenalty
        let n = problem.customerCount
        routeOf = [Int32](repeating: -1, count: n + 1)
        positionOf = [Int32](repeating: 0, count: n + 1)
        testedStamp = [Int](repeating: -1, count: n + 1)
    }

    // MARK: Loading and exporting

    /// Replaces the search state by `solution`, keeping at least one empty route spare.
    public mutating func load(_ solution: Solution) {
        let needed = solution.routes.count + 1
        routes = [SearchRoute](repeating: SearchRoute(), count: needed)
        routeStamp = [Int](repeating: 0, count: needed)
        for c in routeOf.indices { routeOf[c] = -1 }
        for (r, route) in solution.routes.enumerated() {
            setRoute(r, [0] + route.map(Int32.init) + [0])
        }
        for c in testedStamp.indices { testedStamp[c] = -1 }
        moveCount = 0
        for r in routeStamp.indices { routeStamp[r] = 0 }
    }

    public func solution() -> Solution {
        Solution(routes: routes.map { $0.nodes.dropFirst().dropLast().map(Int.init) })
    }

    /// Current penalised cost.
    public var penalisedCost: Double { routes.reduce(0) { $0 + $1.cost } }

    /// Rebuilds route r from its node sequence (depots included) and refreshes its sums.
    mutating func setRoute(_ r: Int, _ nodes: [Int32]) {
        var route = SearchRoute()
        route.nodes = nodes
        let m = nodes.count
        route.cumDistance = [Int](repeating: 0, count: m)
        route.cumReverse = [Int](repeating: 0, count: m)
        route.cumLoad = [Int](repeating: 0, count: m)
        for k in 1..<m {
            let a = Int(nodes[k - 1]), b = Int(nodes[k])
            route.cumDistance[k] = route.cumDistance[k - 1] + problem.distance(a, b)
            route.cumReverse[k] = route.cumReverse[k - 1] + problem.distance(b, a)
            route.cumLoad[k] = route.cumLoad[k - 1] + problem.demands[b]
        }
        route.cost = cost(distance: route.distance, load: route.load)
        for k in 1..<(m - 1) {
            routeOf[Int(nodes[k])] = Int32(r)
            positionOf[Int(nodes[k])] = Int32(k)
        }
        routes[r] = route
        moveCount += 1
        routeStamp[r] = moveCount
    }

    @inline(__always) func cost(distance: Int, load: Int) -> Double {
        Double(distance) + capacityPenalty * Double(max(0, load - capacity))
    }

    @inline(__always) func cost(_ piece: RoutePiece) -> Double {
        cost(distance: piece.distance, load: piece.load)
    }

    // MARK: Pieces

    /// Positions 0...k of route r.
    @inline(__always) func prefix(_ r: Int, through k: Int) -> RoutePiece {
        let route = routes[r]
        return RoutePiece(last: route.nodes[k], distance: route.cumDistance[k], load: route.cumLoad[k])
    }

    /// Appends positions i...j of route r in order (nothing when i > j).
    @inline(__always) func append(_ piece: inout RoutePiece, _ r: Int, _ i: Int, _ j: Int) {
        guard i <= j else { return }
        let route = routes[r]
        piece.distance += problem.distance(Int(piece.last), Int(route.nodes[i])) + route.cumDistance[j] - route.cumDistance[i]
        piece.load += route.cumLoad[j] - (i > 0 ? route.cumLoad[i - 1] : 0)
        piece.last = route.nodes[j]
    }

    /// Appends positions j, j-1, ..., i of route r (nothing when i > j).
    @inline(__always) func appendReversed(_ piece: inout RoutePiece, _ r: Int, _ i: Int, _ j: Int) {
        guard i <= j else { return }
        let route = routes[r]
        piece.distance += problem.distance(Int(piece.last), Int(route.nodes[j])) + route.cumReverse[j] - route.cumReverse[i]
        piece.load += route.cumLoad[j] - (i > 0 ? route.cumLoad[i - 1] : 0)
        piece.last = route.nodes[i]
    }

    // MARK: The search

    /// Runs the local search to a local optimum (or until `shouldStop` says so).
    /// Returns true when at least one move was applied.
    @discardableResult
    public mutating func run(rng: inout RandomGenerator, shouldStop: () -> Bool = { false }) -> Bool {
        let n = problem.customerCount
        var order = Array(1...max(1, n))
        if n == 0 { return false }
        order.shuffle(using: &rng)
        let startMoves = appliedMoves
        var firstPass = true
        var improved = true
        while improved {
            improved = false
            for (k, u) in order.enumerated() {
                if k & 31 == 0 && shouldStop() { return appliedMoves > startMoves }
                let lastTested = testedStamp[u]
                testedStamp[u] = moveCount
                for vv in neighbours.neighbours(of: u) {
                    let v = Int(vv)
                    let ru = Int(routeOf[u]), rv = Int(routeOf[v])
                    if !firstPass && max(routeStamp[ru], routeStamp[rv]) <= lastTested { continue }
                    if tryMoves(u, v) { improved = true }
                }
                if tryEmptyRoute(u) { improved = true }
            }
            firstPass = false
        }
        return appliedMoves > startMoves
    }

    /// Tries the move list for the pair (u, v) in order and applies the first improving one.
    mutating func tryMoves(_ u: Int, _ v: Int) -> Bool {
        let ru = Int(routeOf[u]), rv = Int(routeOf[v])
        let i = Int(positionOf[u]), j = Int(positionOf[v])
        let uCount = routes[ru].count, vCount = routes[rv].count
        let hasX = i < uCount, hasY = j < vCount
        // Relocations of u (and u plus its successor) right after / right before v.
        if improveExchange(ru, i, 1, rv, j + 1, 0) { return true }
        if improveExchange(ru, i, 1, rv, j, 0) { return true }
        if hasX && improveExchange(ru, i, 2, rv, j + 1, 0) { return true }
        // Swaps.
        if improveExchange(ru, i, 1, rv, j, 1) { return true }
        if hasX && improveExchange(ru, i, 2, rv, j, 1) { return true }
        if hasX && hasY && improveExchange(ru, i, 2, rv, j, 2) { return true }
        if ru == rv {
            if improveTwoOpt(ru, min(i, j) + 1, max(i, j)) { return true }
        } else {
            if improveTwoOptStar(ru, i, rv, j) { return true }
            if improveTwoOptStar(ru, i, rv, j - 1) { return true }
            if symmetric && improveTwoOptStarReversed(ru, i, rv, j) { return true }
        }
        return false
    }

    /// Moves u to an empty route when that pays (e.g. to shed an overloaded route's excess).
    mutating func tryEmptyRoute(_ u: Int) -> Bool {
        guard let empty = routes.firstIndex(where: { $0.isEmpty }) else { return false }
        let ru = Int(routeOf[u])
        if routes[ru].count == 1 { return false }
        return improveExchange(ru, Int(positionOf[u]), 1, empty, 1, 0)
    }

    /// Keeps one empty route spare so that moves into a new route stay possible.
    mutating func ensureSpareRoute() {
        if !routes.contains(where: { $0.isEmpty }) {
            routes.append(SearchRoute())
            routeStamp.append(moveCount)
        }
    }

    mutating func commit(_ r: Int, _ nodes: [Int32]) {
        setRoute(r, nodes)
    }

    mutating func finishMove() {
        appliedMoves += 1
        ensureSpareRoute()
    }
}
