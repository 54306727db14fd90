/// Granular local search over a penalised CVRP objective.
///
/// Contract of every move (as in the operator contract of PyVRP): `evaluate…` returns
/// the exact change in penalised cost the move would make (+infinity for an invalid
/// move); the search applies a move only when that change is negative. Moves are
/// evaluated in O(1) by concatenating prefix-summed stretches of the touched routes
/// (`RoutePiece`) and applied by rebuilding the touched routes (O(route length)).
///
/// State is node-based and flat, in the manner of HGS-CVRP: customers are nodes
/// 1...n; route r has its own start and end depot nodes (n+1+2r, n+2+2r). Per node:
/// successor, predecessor, route, position and prefix sums from the route's start.
///
/// Neighbourhoods, for a customer u and each of its granular neighbours v:
/// relocate of 1–2 customers and swaps 1-1, 2-1, 2-2 (`Operators/Exchange.swift`),
/// 2-opt within a route and 2-opt* between routes (`Operators/TwoOpt.swift`),
/// relocation into an empty route; then SWAP* between routes whose polar sectors
/// overlap (`Operators/SwapStar.swift`).
public struct LocalSearch {
    let problem: Problem
    let neighbours: Neighbourhood
    let n: Int
    let capacity: Int
    let symmetric: Bool
    /// Cost per unit of load above capacity.
    public var capacityPenalty: Double
    /// Whether to run SWAP* (needs coordinates).
    public var useSwapStar: Bool

    // Per node (customers and depot copies).
    var next: [Int32] = []
    var prev: [Int32] = []
    var routeOf: [Int32] = []
    var position: [Int32] = []
    /// Physical location of each node: the customer itself, 0 for depot copies.
    var location: [Int32] = []
    /// Prefix sums from the route's start depot up to and including the node.
    var cumLoad: [Int] = []
    var cumDistance: [Int] = []
    /// Distance of driving from the node back to the route's start, edge by edge reversed.
    var cumReverse: [Int] = []

    // Per route.
    var routeCount = 0
    var routeSize: [Int] = []
    var routeCost: [Double] = []
    var routeStamp: [Int] = []
    var sector: [CircleSector] = []
    var swapStarStamp: [Int] = []

    // Bookkeeping that skips (u, v) pairs whose routes are unchanged since u was last tested.
    var moveCount = 0
    var testedStamp: [Int]

    /// Number of moves applied since creation (for statistics and tests).
    public private(set) var appliedMoves = 0

    public init(problem: Problem, neighbours: Neighbourhood, capacityPenalty: Double) {
        self.problem = problem
        self.neighbours = neighbours
        self.n = problem.customerCount
        self.capacity = problem.capacity
        self.symmetric = problem.distances.isSymmetric
        self.capacityPenalty = capacityPenalty
        self.useSwapStar = problem.coordinates != nil && symmetric
        testedStamp = [Int](repeating: -1, count: problem.customerCount + 1)
    }

    @inline(__always) func startDepot(_ r: Int) -> Int { n + 1 + 2 * r }
    @inline(__always) func endDepot(_ r: Int) -> Int { n + 2 + 2 * r }
    @inline(__always) func isDepot(_ node: Int) -> Bool { node > n }
    @inline(__always) func dist(_ a: Int, _ b: Int) -> Int { problem.distance(Int(location[a]), Int(location[b])) }
    @inline(__always) func demand(_ node: Int) -> Int { problem.demands[Int(location[node])] }
    @inline(__always) func routeLoad(_ r: Int) -> Int { cumLoad[endDepot(r)] }
    @inline(__always) func routeDistance(_ r: Int) -> Int { cumDistance[endDepot(r)] }

    // MARK: Loading and exporting

    /// Replaces the search state by `solution`, keeping spare empty routes.
    public mutating func load(_ solution: Solution) {
        let wanted = max(solution.routes.count + 2, routeCount)
        if wanted != routeCount { allocate(routes: wanted) }
        for r in 0..<routeCount {
            setRoute(r, r < solution.routes.count ? solution.routes[r].map(Int32.init) : [])
        }
        for c in testedStamp.indices { testedStamp[c] = -1 }
        for r in 0..<routeCount { swapStarStamp[r] = -1 }
    }

    mutating func allocate(routes count: Int) {
        let old = routeCount
        routeCount = count
        let nodes = n + 1 + 2 * count
        func resize<T>(_ a: inout [T], _ size: Int, _ fill: T) {
            if a.count < size { a.append(contentsOf: repeatElement(fill, count: size - a.count)) } else { a.removeLast(a.count - size) }
        }
        resize(&next, nodes, 0); resize(&prev, nodes, 0); resize(&routeOf, nodes, -1); resize(&position, nodes, 0)
        resize(&cumLoad, nodes, 0); resize(&cumDistance, nodes, 0); resize(&cumReverse, nodes, 0)
        resize(&location, nodes, 0)
        for c in 0...n { location[c] = Int32(c) }
        resize(&routeSize, count, 0); resize(&routeCost, count, 0); resize(&routeStamp, count, 0)
        resize(&sector, count, CircleSector()); resize(&swapStarStamp, count, -1)
        for r in old..<max(old, count) { setRoute(r, []) }
    }

    public func solution() -> Solution {
        Solution(routes: (0..<routeCount).map { customers(of: $0).map(Int.init) })
    }

    /// The customers of route r in order.
    func customers(of r: Int) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(routeSize[r])
        var node = Int(next[startDepot(r)])
        while !isDepot(node) { out.append(Int32(node)); node = Int(next[node]) }
        return out
    }

    /// Current penalised cost.
    public var penalisedCost: Double { routeCost.reduce(0, +) }

    /// Rewrites route r to visit `customers` in order and refreshes its sums, sector and stamp.
    mutating func setRoute(_ r: Int, _ customers: [Int32]) {
        let start = startDepot(r), end = endDepot(r)
        var previous = start
        routeOf[start] = Int32(r); position[start] = 0
        cumLoad[start] = 0; cumDistance[start] = 0; cumReverse[start] = 0
        var k: Int32 = 0
        var sector = CircleSector()
        for c32 in customers {
            let c = Int(c32)
            k += 1
            next[previous] = c32; prev[c] = Int32(previous)
            routeOf[c] = Int32(r); position[c] = k
            cumLoad[c] = cumLoad[previous] + problem.demands[c]
            cumDistance[c] = cumDistance[previous] + dist(previous, c)
            cumReverse[c] = cumReverse[previous] + dist(c, previous)
            if let points = problem.coordinates { sector.extend(with: CircleSector.angle(points[c], from: points[0])) }
            previous = c
        }
        next[previous] = Int32(end); prev[end] = Int32(previous)
        routeOf[end] = Int32(r); position[end] = k + 1
        cumLoad[end] = cumLoad[previous]
        cumDistance[end] = cumDistance[previous] + dist(previous, end)
        cumReverse[end] = cumReverse[previous] + dist(end, previous)
        next[end] = Int32(end); prev[start] = Int32(start)
        routeSize[r] = customers.count
        routeCost[r] = cost(distance: cumDistance[end], load: cumLoad[end])
        self.sector[r] = sector
        moveCount += 1
        routeStamp[r] = moveCount
    }

    @inline(__always) func cost(distance: Int, load: Int) -> Double {
        Double(distance) + capacityPenalty * Double(max(0, load - capacity))
    }

    @inline(__always) func cost(_ piece: RoutePiece) -> Double {
        cost(distance: piece.distance, load: piece.load)
    }

    /// Recomputes cached route costs after a penalty change.
    public mutating func setCapacityPenalty(_ penalty: Double) {
        capacityPenalty = penalty
        for r in 0..<routeCount { routeCost[r] = cost(distance: routeDistance(r), load: routeLoad(r)) }
    }

    // MARK: Pieces

    /// The route from its start depot through `node`.
    @inline(__always) func prefix(through node: Int) -> RoutePiece {
        RoutePiece(last: Int32(node), distance: cumDistance[node], load: cumLoad[node])
    }

    /// Appends the stretch a...b of one route in driving order (nothing when b precedes a).
    @inline(__always) func append(_ piece: inout RoutePiece, _ a: Int, _ b: Int) {
        guard position[a] <= position[b] else { return }
        piece.distance += dist(Int(piece.last), a) + cumDistance[b] - cumDistance[a]
        piece.load += cumLoad[b] - cumLoad[a] + demand(a)
        piece.last = Int32(b)
    }

    /// Appends the stretch a...b of one route driven backwards, b first (nothing when b precedes a).
    @inline(__always) func appendReversed(_ piece: inout RoutePiece, _ a: Int, _ b: Int) {
        guard position[a] <= position[b] else { return }
        piece.distance += dist(Int(piece.last), b) + cumReverse[b] - cumReverse[a]
        piece.load += cumLoad[b] - cumLoad[a] + demand(a)
        piece.last = Int32(a)
    }

    // MARK: The search

    /// Runs the local search to a local optimum (or until `shouldStop` says so).
    /// Returns true when at least one move was applied.
    @discardableResult
    public mutating func run(rng: inout RandomGenerator, shouldStop: () -> Bool = { false }) -> Bool {
        guard n > 0 else { return false }
        var order = Array(1...n)
        order.shuffle(using: &rng)
        let startMoves = appliedMoves
        var firstPass = true
        while true {
            var improved = false
            for (k, u) in order.enumerated() {
                if k & 31 == 0 && shouldStop() { return appliedMoves > startMoves }
                let lastTested = testedStamp[u]
                testedStamp[u] = moveCount
                for vv in neighbours.neighbours(of: u) {
                    let v = Int(vv)
                    if !firstPass && max(routeStamp[Int(routeOf[u])], routeStamp[Int(routeOf[v])]) <= lastTested { continue }
                    if tryMoves(u, v) { improved = true }
                }
                if tryEmptyRoute(u) { improved = true }
            }
            if useSwapStar && !shouldStop() && swapStarPass() { improved = true }
            firstPass = false
            if !improved { break }
        }
        return appliedMoves > startMoves
    }

    /// Tries the move list for the pair (u, v) in order and applies the first improving one.
    mutating func tryMoves(_ u: Int, _ v: Int) -> Bool {
        let x = Int(next[u]), y = Int(next[v])
        let hasX = !isDepot(x), hasY = !isDepot(y)
        // Relocations of u (and u plus its successor) right after / right before v.
        if improveExchange(u, 1, y, 0) { return true }
        if improveExchange(u, 1, v, 0) { return true }
        if hasX && improveExchange(u, 2, y, 0) { return true }
        // Swaps.
        if improveExchange(u, 1, v, 1) { return true }
        if hasX && improveExchange(u, 2, v, 1) { return true }
        if hasX && hasY && improveExchange(u, 2, v, 2) { return true }
        if routeOf[u] == routeOf[v] {
            if position[u] < position[v] {
                if improveTwoOpt(x, v) { return true }
            } else {
                if improveTwoOpt(y, u) { return true }
            }
        } else {
            if improveTwoOptStar(u, v) { return true }
            if improveTwoOptStar(u, Int(prev[v])) { return true }
            if symmetric && improveTwoOptStarReversed(u, v) { return true }
        }
        return false
    }

    /// Moves u to an empty route when that pays (e.g. to shed an overloaded route's excess).
    mutating func tryEmptyRoute(_ u: Int) -> Bool {
        guard routeSize[Int(routeOf[u])] > 1 else { return false }
        guard let empty = (0..<routeCount).first(where: { routeSize[$0] == 0 }) else { return false }
        return improveExchange(u, 1, endDepot(empty), 0)
    }

    /// Rebuilds routes from customer sequences after a move, keeping spare routes available.
    mutating func commit(_ changes: [(route: Int, customers: [Int32])]) {
        for change in changes { setRoute(change.route, change.customers) }
        appliedMoves += 1
        if !(0..<routeCount).contains(where: { routeSize[$0] == 0 }) {
            allocate(routes: routeCount + 1)
        }
    }

    /// The customers of route r with a placeholder (0) for each depot, so that array
    /// indices equal node positions.
    func positional(_ r: Int) -> [Int32] { [0] + customers(of: r) + [0] }
}

/// A partial route built during move evaluation: where it currently ends,
/// its distance and its load. Concatenating pieces is O(1) per piece.
struct RoutePiece {
    var last: Int32
    var distance: Int
    var load: Int
}
