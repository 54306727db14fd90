import Dispatch

/// Granular local search over a penalised objective: distance, plus a penalty per unit
/// of load above capacity, plus (with time windows) a penalty per unit of time warp.
///
/// Contract of every move (as in the operator contract of PyVRP): `evaluate…` returns
/// the exact change in penalised cost the move would make (+infinity for an invalid
/// move); the search applies a move only when that change is negative. Moves are
/// evaluated in O(1) by concatenating prefix-summed stretches of the touched routes
/// (`RoutePiece`) and applied by rebuilding the touched routes (O(route length)).
/// With time windows each piece also carries a `TimeSegment`: a route's prefix and
/// suffix segments are stored per node, so moves between routes stay O(1); a stretch in
/// the middle of a route is merged visit by visit (intra-route moves, reversals).
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
///
/// Beyond the classic problem (`Problem.isClassic`), each route belongs to a vehicle type
/// (its depots, hours, capacity, costs and limits: `Operators/Fleet.swift`): a route
/// that leaves no vehicle of its type exceeds nothing, since the search never opens a
/// route of a type whose vehicles are all in use. Optional customers can be left out of
/// every route (`routeOf` −1) at the price of their prize, and customers that must be
/// served but are in no route (after a route-based crossover) are inserted first.
///
/// `Features` says at compile time which of these the search must handle, so that the
/// classic problem's specialisation carries none of their work (see `SearchFeatures`).
public struct LocalSearch<Weights: EdgeWeights, Features: SearchFeatures>: ~Copyable {
    /// The problem as the search reads it: built once, never written (`SearchData`).
    /// Everything below is route state, which only `mutating` functions change.
    let data: SearchData<Weights, Features>
    /// Whether routes have vehicle types, several depots or optional customers (see above).
    @inline(__always) var rich: Bool { Features.rich }
    /// Pickup-and-delivery pairs (`Operators/Pairs.swift`).
    @inline(__always) var paired: Bool { Features.paired }
    /// Travel profiles (`Problem.profiles`): whether some vehicle type drives by one other
    /// than 0. A piece is priced by the profile of the route it is built for
    /// (`RoutePiece.profile`); a stretch of a route of another profile is re-priced visit
    /// by visit (see `append`).
    @inline(__always) var profiled: Bool { Features.profiled }

    /// Weights of load excess and time warp in the penalised cost.
    private(set) var penalties: Penalties
    /// Whether to run SWAP* (needs coordinates).
    public var useSwapStar: Bool
    /// The moves the search may make (all unless some are switched off for an ablation).
    public var moves: MoveSet = .all
    /// Per move (`MoveKind`): evaluations, improvements, sampled nanoseconds (`attempt`).
    var moveTally: FlatBuffer<Int>
    /// Wall time spent in `run` since creation.
    var searchNanoseconds = 0

    // Per node (customers 1...n, then depot copies): fixed-size flat buffers.
    var next: FlatBuffer<Int32>
    var prev: FlatBuffer<Int32>
    var routeOf: FlatBuffer<Int32>
    var position: FlatBuffer<Int32>
    /// Physical location of each node: the customer itself; for depot copies the depot
    /// of the route's vehicle type (0 for the classic problem).
    var location: FlatBuffer<Int32>
    /// Prefix sums from the route's start depot up to and including the node.
    var cumLoad: FlatBuffer<Int>
    var cumDistance: FlatBuffer<Int>
    /// Distance of driving from the node back to the route's start, edge by edge reversed.
    var cumReverse: FlatBuffer<Int>
    /// Time windows: each node's own segment (window and service; depot copies get their
    /// depot's), the segment from the route's start depot through the node, and the
    /// segment from the node through the route's end depot. Unused without windows.
    var visit: FlatBuffer<TimeSegment>
    var forwardTime: FlatBuffer<TimeSegment>
    var backwardTime: FlatBuffer<TimeSegment>

    // Per route; routes 0..<routeCount are in use.
    var routeCount = 0
    var routeSize: FlatBuffer<Int>
    var routeCost: FlatBuffer<Double>
    var routeStamp: FlatBuffer<Int>
    var sector: FlatBuffer<CircleSector>
    var swapStarStamp: FlatBuffer<Int>

    /// Classic problem: [0] the routes with customers (all routes, not only those in use),
    /// [1] the first empty route in use (−1: not known, −2: none), so that the fleet test
    /// and the empty-route move per customer take O(1) instead of a scan of every route.
    var routeTally: FlatBuffer<Int>

    // Rich problems (`Operators/Fleet.swift`).
    /// Per route: its vehicle type (always 0 for the classic problem) and its travel profile.
    var routeType: FlatBuffer<Int>
    var routeProfile: FlatBuffer<Int32>
    /// Per vehicle type: routes with customers.
    var usedOfType: [Int]
    /// Further load dimensions: prefix sums per node.
    var cumExtra0: FlatBuffer<Int>
    var cumExtra1: FlatBuffer<Int>
    /// Skills: from the node to its route's end, the vehicle types allowed to serve all of
    /// that tail.
    var tailAllowed: FlatBuffer<UInt64>
    /// Pairs: from the route's start the summed pair load and the peak load on board, from
    /// the node to the route's end the peak (relative to the load when reaching it); the
    /// pairs still open after the node; per route its paired customers.
    var cumNet: FlatBuffer<Int>
    var prefixPeak: FlatBuffer<Int>
    var suffixPeak: FlatBuffer<Int>
    var openAfter: FlatBuffer<Int>
    var routePairs: FlatBuffer<Int>
    /// Scratch for `keepsPairs` (an evaluation, which may not change the search).
    let pairCheck: PairCheckScratch

    // Bookkeeping that skips (u, v) pairs whose routes are unchanged since u was last tested.
    var moveCount = 0
    var testedStamp: FlatBuffer<Int>
    /// Classic problem: per customer, the move count when moving it to an empty route was
    /// last priced (and did not pay); its route unchanged since, the price is the same.
    var emptyTestedStamp: FlatBuffer<Int>

    /// Number of moves applied since creation (for statistics and tests).
    public private(set) var appliedMoves = 0

    init(problem: Problem, neighbours: Neighbourhood, penalties: Penalties, distances: Weights, durations: Weights) {
        self.init(data: SearchData(problem: problem, neighbours: neighbours, distances: distances, durations: durations),
                  penalties: penalties)
    }

    /// A search over `data` with every route empty.
    init(data: consuming SearchData<Weights, Features>, penalties: Penalties) {
        let n = data.n, problem = data.problem, maximumRoutes = data.maximumRoutes
        self.penalties = penalties
        useSwapStar = problem.coordinates != nil && data.symmetric && problem.isClassic
        let nodes = n + 1 + 2 * maximumRoutes
        routeType = FlatBuffer(count: maximumRoutes, repeating: 0)
        routeProfile = FlatBuffer(count: maximumRoutes, repeating: 0)
        usedOfType = Array(repeating: 0, count: problem.vehicleTypes.count)
        cumExtra0 = FlatBuffer(count: nodes, repeating: 0)
        cumExtra1 = FlatBuffer(count: nodes, repeating: 0)
        tailAllowed = FlatBuffer(count: nodes, repeating: UInt64.max)
        cumNet = FlatBuffer(count: nodes, repeating: 0)
        prefixPeak = FlatBuffer(count: nodes, repeating: 0)
        suffixPeak = FlatBuffer(count: nodes, repeating: 0)
        openAfter = FlatBuffer(count: nodes, repeating: 0)
        routePairs = FlatBuffer(count: maximumRoutes, repeating: 0)
        pairCheck = PairCheckScratch(nodes: Features.paired ? nodes : 1)
        next = FlatBuffer(count: nodes, repeating: 0)
        prev = FlatBuffer(count: nodes, repeating: 0)
        routeOf = FlatBuffer(count: nodes, repeating: -1)
        position = FlatBuffer(count: nodes, repeating: 0)
        location = FlatBuffer(count: nodes, repeating: 0)
        for c in 0...n { location[c] = Int32(c) }
        cumLoad = FlatBuffer(count: nodes, repeating: 0)
        cumDistance = FlatBuffer(count: nodes, repeating: 0)
        cumReverse = FlatBuffer(count: nodes, repeating: 0)
        visit = FlatBuffer(count: nodes, repeating: .zero)
        forwardTime = FlatBuffer(count: nodes, repeating: .zero)
        backwardTime = FlatBuffer(count: nodes, repeating: .zero)
        for node in 0..<nodes {
            // Depot copies get the depot's hours and no service time: vehicles leave when it
            // opens (as `Problem.schedule`, `timeWarp` and the verifier assume).
            let c = node <= n ? node : 0
            visit[node] = TimeSegment(ready: problem.readyTimes[c], due: problem.dueTimes[c], service: c == 0 ? 0 : problem.serviceTimes[c])
        }
        routeSize = FlatBuffer(count: maximumRoutes, repeating: 0)
        routeCost = FlatBuffer(count: maximumRoutes, repeating: 0)
        routeStamp = FlatBuffer(count: maximumRoutes, repeating: 0)
        sector = FlatBuffer(count: maximumRoutes, repeating: CircleSector())
        swapStarStamp = FlatBuffer(count: maximumRoutes, repeating: -1)
        testedStamp = FlatBuffer(count: n + 1, repeating: -1)
        emptyTestedStamp = FlatBuffer(count: n + 1, repeating: -1)
        routeTally = FlatBuffer(count: 2, repeating: 0)
        routeTally[1] = -1
        moveTally = FlatBuffer(count: 3 * MoveKind.allCases.count, repeating: 0)
        self.data = data
    }

    @inline(__always) func startDepot(_ r: Int) -> Int { data.n + 1 + 2 * r }
    @inline(__always) func endDepot(_ r: Int) -> Int { data.n + 2 + 2 * r }
    @inline(__always) func isDepot(_ node: Int) -> Bool { node > data.n }
    @inline(__always) func dist(_ a: Int, _ b: Int) -> Int { data.distances[Int(location[a]), Int(location[b])] }
    @inline(__always) func travel(_ a: Int, _ b: Int) -> Int { data.durations[Int(location[a]), Int(location[b])] }
    /// Distance and travel time under profile p (0 without profiles: the plain ones).
    @inline(__always) func dist(_ a: Int, _ b: Int, _ p: Int32) -> Int {
        if rich && profiled { return profileWeight(a, b, 2 * Int(p)) }
        return dist(a, b)
    }
    @inline(__always) func travel(_ a: Int, _ b: Int, _ p: Int32) -> Int {
        if rich && profiled { return profileWeight(a, b, 2 * Int(p) + 1) }
        return travel(a, b)
    }
    /// Entry (a, b) of block k of `profileWeights` (2p: profile p's distances, 2p + 1: its durations).
    @inline(__always) func profileWeight(_ a: Int, _ b: Int, _ block: Int) -> Int {
        Int(data.profileWeights[(block &* data.nodeCount &+ Int(location[a])) &* data.nodeCount &+ Int(location[b])])
    }
    /// The profile of the route node is in (0 without profiles).
    @inline(__always) func profile(of node: Int) -> Int32 { rich && profiled ? routeProfile[Int(routeOf[node])] : 0 }
    @inline(__always) func routeTimeWarp(_ r: Int) -> Int { data.timed ? forwardTime[endDepot(r)].timeWarp : 0 }
    @inline(__always) func demand(_ node: Int) -> Int { data.nodeDemand[node] }
    @inline(__always) func routeLoad(_ r: Int) -> Int { cumLoad[endDepot(r)] }
    @inline(__always) func routeDistance(_ r: Int) -> Int { cumDistance[endDepot(r)] }

    // MARK: Loading and exporting

    /// Replaces the search state by `solution`, keeping spare empty routes.
    ///
    /// - Precondition: the solution has at most `customerCount` non-empty routes (always true
    ///   when every customer appears once).
    public mutating func load(_ solution: Solution) {
        precondition(solution.routes.count <= data.n, "more routes than customers")
        if rich { return loadTyped(solution) }
        routeCount = min(data.maximumRoutes, max(solution.routes.count + 2, routeCount))
        routeTally[1] = -1
        for r in 0..<routeCount {
            setRoute(r, r < solution.routes.count ? solution.routes[r].map(Int32.init) : [])
        }
        testedStamp.fill(-1)
        emptyTestedStamp.fill(-1)
        swapStarStamp.fill(-1)
    }

    /// Moves the state to `routes` (route r of the list becomes route r of the state; empty
    /// entries allowed) rebuilding only the routes that differ. Customers whose routes did
    /// not change keep their "tested" marks, so the next `run` only works near the change:
    /// this is what makes ruin-and-recreate iterations cheap.
    public mutating func update(routes: [[Int]]) {
        precondition(routes.count <= data.maximumRoutes, "more routes than the state can hold")
        if routes.count + 1 > routeCount { useRoutes(routes.count + 1) }
        for r in 0..<routeCount {
            let target = r < routes.count ? routes[r] : []
            if !route(r, equals: target) { setRoute(r, target.map(Int32.init)) }
        }
    }

    /// The routes of the state by index, empty ones included (for `update(routes:)`).
    public func indexedRoutes() -> [[Int]] {
        (0..<routeCount).map { customers(of: $0).map(Int.init) }
    }

    func route(_ r: Int, equals customers: [Int]) -> Bool {
        guard routeSize[r] == customers.count else { return false }
        var node = Int(next[startDepot(r)])
        for c in customers {
            if node != c { return false }
            node = Int(next[node])
        }
        return true
    }

    /// Total distance of the current state (internal units).
    public var totalDistance: Int { (0..<routeCount).reduce(0) { $0 + routeDistance($1) } }
    /// Total load above capacity over all routes; 0 when the state is capacity-feasible.
    public var totalExcess: Int { (0..<routeCount).reduce(0) { $0 + max(0, routeLoad($1) - capacity(of: $1)) } }
    /// Total time warp over all routes; 0 when every time window is kept.
    public var totalTimeWarp: Int { (0..<routeCount).reduce(0) { $0 + routeTimeWarp($1) } }

    /// Brings routes up to `count` into use (empty), within `maximumRoutes`.
    mutating func useRoutes(_ count: Int) {
        let old = routeCount
        routeCount = min(data.maximumRoutes, count)
        routeTally[1] = -1
        for r in old..<max(old, routeCount) { setRoute(r, []) }
    }

    public func solution() -> Solution {
        let routes = (0..<routeCount).map { customers(of: $0).map(Int.init) }
        return rich ? Solution(routes: routes, vehicles: (0..<routeCount).map { routeType[$0] }) : Solution(routes: routes)
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
    public var penalisedCost: Double { (0..<routeCount).reduce(0) { $0 + routeCost[$1] } }

    /// Rewrites route r to visit `customers` in order and refreshes its sums, sector and stamp.
    mutating func setRoute(_ r: Int, _ customers: [Int32]) {
        let start = startDepot(r), end = endDepot(r)
        if rich { prepareTyped(r, customers: customers.count) }
        let p: Int32 = rich && profiled ? routeProfile[r] : 0
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
            cumLoad[c] = cumLoad[previous] + data.nodeDemand[c]
            if rich && data.extraDimensions > 0 {
                cumExtra0[c] = cumExtra0[previous] + data.extraDemand0[c]
                cumExtra1[c] = cumExtra1[previous] + data.extraDemand1[c]
            }
            cumDistance[c] = cumDistance[previous] + dist(previous, c, p)
            cumReverse[c] = cumReverse[previous] + dist(c, previous, p)
            sector.extend(with: data.polarAngle[c])
            previous = c
        }
        next[previous] = Int32(end); prev[end] = Int32(previous)
        routeOf[end] = Int32(r); position[end] = k + 1
        cumLoad[end] = cumLoad[previous]
        if rich && data.extraDimensions > 0 { cumExtra0[end] = cumExtra0[previous]; cumExtra1[end] = cumExtra1[previous] }
        cumDistance[end] = cumDistance[previous] + dist(previous, end, p)
        cumReverse[end] = cumReverse[previous] + dist(end, previous, p)
        next[end] = Int32(end); prev[start] = Int32(start)
        if paired { setPairSums(r) }
        if rich && data.skilled { setSkillMasks(r) }
        if data.timed {
            forwardTime[start] = visit[start]
            var node = start
            while node != end {
                let following = Int(next[node])
                forwardTime[following] = forwardTime[node].followed(by: visit[following], travel: travel(node, following, p))
                node = following
            }
            backwardTime[end] = visit[end]
            while node != start {
                let before = Int(prev[node])
                backwardTime[before] = visit[before].followed(by: backwardTime[node], travel: travel(before, node, p))
                node = before
            }
        }
        if (routeSize[r] > 0) != (customers.count > 0) {
            routeTally[0] += customers.count > 0 ? 1 : -1
            routeTally[1] = -1
        }
        routeSize[r] = customers.count
        routeCost[r] = cost(prefix(through: end), route: r)
        self.sector[r] = sector
        moveCount += 1
        routeStamp[r] = moveCount
    }

    @inline(__always) func cost(distance: Int, load: Int, timeWarp: Int = 0) -> Double {
        penalties.cost(distance: distance, excess: max(0, load - data.capacity), timeWarp: timeWarp)
    }

    /// Penalised cost of a piece that runs through an end depot, as route r: for the
    /// classic problem its distance plus penalties; else priced by r's vehicle type.
    @inline(__always) func cost(_ piece: RoutePiece, route r: Int) -> Double {
        if rich { return typedCost(piece, type: routeType[r]) }
        return cost(distance: piece.distance, load: piece.load, timeWarp: data.timed ? piece.time.timeWarp : 0)
    }

    /// Recomputes cached route costs after a penalty change.
    mutating func setPenalties(_ new: Penalties) {
        penalties = new
        emptyTestedStamp.fill(-1)
        for r in 0..<routeCount { routeCost[r] = cost(prefix(through: endDepot(r)), route: r) }
    }

    /// Penalised cost of a whole route visiting `customers` in order, computed visit by
    /// visit (for moves whose result is not a few concatenated stretches, e.g. SWAP*).
    func cost(ofRoute r: Int, visiting customers: [Int32]) -> Double {
        var piece = prefix(through: startDepot(r))
        for c in customers { appendVisit(&piece, Int(c)) }
        appendVisit(&piece, endDepot(r))
        return cost(piece, route: r)
    }

    // MARK: Pieces

    /// The route from its start depot through `node`.
    /// With `time` false the piece's time segment is left at zero: its cost is then a
    /// lower bound (time warp is never negative), which moves use to skip segment work.
    @inline(__always) func prefix(through node: Int, time: Bool = true) -> RoutePiece {
        RoutePiece(last: Int32(node), profile: profile(of: node), distance: cumDistance[node], load: cumLoad[node],
                   time: data.timed && time ? forwardTime[node] : .zero, visits: rich ? Int(position[node]) : 0,
                   net: paired ? cumNet[node] : 0, peak: paired ? prefixPeak[node] : 0,
                   extra0: rich && data.extraDimensions > 0 ? cumExtra0[node] : 0, extra1: rich && data.extraDimensions > 1 ? cumExtra1[node] : 0)
    }

    /// Appends the stretch a...b of one route in driving order (nothing when b precedes a).
    /// The stretch's route drives by the piece's profile (`appendAny` for any route).
    @inline(__always) func append(_ piece: inout RoutePiece, _ a: Int, _ b: Int, time: Bool = true) {
        guard position[a] <= position[b] else { return }
        if data.timed && time { appendTime(&piece, a, b) }
        if paired { appendPairs(&piece, a, b) }
        piece.distance += dist(Int(piece.last), a, piece.profile) + cumDistance[b] - cumDistance[a]
        piece.load += cumLoad[b] - cumLoad[a] + demand(a)
        if rich { piece.visits += Int(position[b] - position[a]) + 1 }
        if rich && data.extraDimensions > 0 { appendExtra(&piece, a, b) }
        piece.last = Int32(b)
    }

    /// The time part of `append`: O(1) through the end depot, else visit by visit.
    @inline(__always) func appendTime(_ piece: inout RoutePiece, _ a: Int, _ b: Int) {
        if isDepot(b) {
            piece.time = piece.time.followed(by: backwardTime[a], travel: travel(Int(piece.last), a, piece.profile))
            return
        }
        var last = Int(piece.last), node = a
        while true {
            piece.time = piece.time.followed(by: visit[node], travel: travel(last, node, piece.profile))
            if node == b { return }
            last = node
            node = Int(next[node])
        }
    }

    /// Appends the stretch a...b of one route driven backwards, b first (nothing when b precedes a).
    @inline(__always) func appendReversed(_ piece: inout RoutePiece, _ a: Int, _ b: Int, time: Bool = true) {
        guard position[a] <= position[b] else { return }
        if data.timed && time {
            var last = Int(piece.last), node = b
            while true {
                piece.time = piece.time.followed(by: visit[node], travel: travel(last, node, piece.profile))
                if node == a { break }
                last = node
                node = Int(prev[node])
            }
        }
        if paired {
            var node = b
            while true {
                pushPair(&piece, node)
                if node == a { break }
                node = Int(prev[node])
            }
        }
        piece.distance += dist(Int(piece.last), b, piece.profile) + cumReverse[b] - cumReverse[a]
        piece.load += cumLoad[b] - cumLoad[a] + demand(a)
        if rich { piece.visits += Int(position[b] - position[a]) + 1 }
        if rich && data.extraDimensions > 0 { appendExtra(&piece, a, b) }
        piece.last = Int32(a)
    }

    /// Appends one node (a customer or an end depot) after the piece (its time segment
    /// left alone with `time` false, as `append` does).
    @inline(__always) func appendVisit(_ piece: inout RoutePiece, _ node: Int, time: Bool = true) {
        if data.timed && time { piece.time = piece.time.followed(by: visit[node], travel: travel(Int(piece.last), node, piece.profile)) }
        if paired { pushPair(&piece, node) }
        piece.distance += dist(Int(piece.last), node, piece.profile)
        piece.load += demand(node)
        if rich { piece.visits += 1 }
        if rich && data.extraDimensions > 0 { piece.extra0 += data.extraDemand0[node]; piece.extra1 += data.extraDemand1[node] }
        piece.last = Int32(node)
    }

    /// `append` for a stretch of any route: one driven by another profile than the
    /// piece's is re-priced visit by visit, O(length). (Moves between two routes of
    /// different profiles use it; kept out of `append` so that the inlined evaluators of
    /// every other move stay as small as without profiles.)
    @inline(never) func appendAny(_ piece: inout RoutePiece, _ a: Int, _ b: Int, time: Bool = true) {
        if rich && profiled && profile(of: a) != piece.profile {
            guard position[a] <= position[b] else { return }
            appendWalking(&piece, a, b, reversed: false, time: time)
        } else {
            append(&piece, a, b, time: time)
        }
    }

    /// Appends the stretch a...b of a route driven by another profile than the piece's
    /// (in driving order, or b first when `reversed`), re-priced visit by visit: O(length).
    @inline(__always) func appendWalking(_ piece: inout RoutePiece, _ a: Int, _ b: Int, reversed: Bool, time: Bool) {
        var node = reversed ? b : a
        let last = reversed ? a : b
        while true {
            appendVisit(&piece, node, time: time)
            if node == last { return }
            node = Int(reversed ? prev[node] : next[node])
        }
    }

    // MARK: The search

    /// Runs the local search to a local optimum (or until `shouldStop` says so).
    /// Returns true when at least one move was applied.
    @discardableResult
    public mutating func run(rng: inout RandomGenerator, shouldStop: () -> Bool = { false }) -> Bool {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { searchNanoseconds &+= Int(DispatchTime.now().uptimeNanoseconds &- start) }
        return descend(rng: &rng, shouldStop: shouldStop)
    }

    /// `run` without its clock.
    mutating func descend(rng: inout RandomGenerator, shouldStop: () -> Bool) -> Bool {
        guard data.n > 0 else { return false }
        var order = Array(1...data.n)
        order.shuffle(using: &rng)
        let startMoves = appliedMoves
        if rich && !insertUnrouted(order, shouldStop: shouldStop) { return appliedMoves > startMoves }
        while true {
            var improved = false
            for (k, u) in order.enumerated() {
                if k & 31 == 0 && shouldStop() { return appliedMoves > startMoves }
                if rich {
                    if routeOf[u] < 0 {
                        if data.optional[u] && attempt(.optional, { $0.tryInsertOptional(u) }) { improved = true }
                        continue
                    }
                    if data.optional[u] && attempt(.optional, { $0.tryRemoveOptional(u) || ($0.data.partnerOf[u] < 0 && $0.tryTradeOptional(u)) }) {
                        improved = true; continue
                    }
                    if data.grouped && data.groupOf[u] >= 0 && attempt(.alternatives, { $0.tryAlternatives(u) }) { improved = true; continue }
                }
                let lastTested = testedStamp[u]
                testedStamp[u] = moveCount
                for vv in data.neighbours.neighbours(of: u) {
                    let v = Int(vv)
                    if rich && routeOf[v] < 0 { continue }
                    if max(routeStamp[Int(routeOf[u])], routeStamp[Int(routeOf[v])]) <= lastTested { continue }
                    if tryMoves(u, v) { improved = true }
                }
                if tryEmptyRoute(u) { improved = true }
                if paired && data.isPickup[u] && attempt(.pairRelocate, { $0.tryPairRelocate(u) }) { improved = true }
            }
            if useSwapStar && moves.contains(.swapStar) && !shouldStop() && swapStarPass(shouldStop: shouldStop) { improved = true }
            if !improved { break }
        }
        return appliedMoves > startMoves
    }

    /// Tries the move list for the pair (u, v) in order and applies the first improving one.
    mutating func tryMoves(_ u: Int, _ v: Int) -> Bool {
        let x = Int(next[u]), y = Int(next[v])
        let hasX = !isDepot(x), hasY = !isDepot(y)
        // Relocations of u (and u plus its successor) right after / right before v.
        if attempt(.exchange10, { $0.improveExchange(u, 1, y, 0) }) { return true }
        if attempt(.exchange10, { $0.improveExchange(u, 1, v, 0) }) { return true }
        if hasX && attempt(.exchange20, { $0.improveExchange(u, 2, y, 0) }) { return true }
        // Swaps.
        if attempt(.exchange11, { $0.improveExchange(u, 1, v, 1) }) { return true }
        if hasX && attempt(.exchange21, { $0.improveExchange(u, 2, v, 1) }) { return true }
        if hasX && hasY && attempt(.exchange22, { $0.improveExchange(u, 2, v, 2) }) { return true }
        if routeOf[u] == routeOf[v] {
            if position[u] < position[v] {
                if attempt(.twoOpt, { $0.improveTwoOpt(x, v) }) { return true }
            } else {
                if attempt(.twoOpt, { $0.improveTwoOpt(y, u) }) { return true }
            }
        } else {
            if attempt(.twoOptStar, { $0.improveTwoOptStar(u, v) }) { return true }
            if attempt(.twoOptStar, { $0.improveTwoOptStar(u, Int($0.prev[v])) }) { return true }
            if data.symmetric && !data.timed && attempt(.twoOptStarReversed, { $0.improveTwoOptStarReversed(u, v) }) { return true }
        }
        return false
    }

    /// Moves u to an empty route when that pays (e.g. to shed an overloaded route's excess).
    mutating func tryEmptyRoute(_ u: Int) -> Bool {
        if rich { return tryEmptyTypedRoute(u) }
        let ru = Int(routeOf[u])
        guard routeSize[ru] > 1, routeStamp[ru] > emptyTestedStamp[u] else { return false }
        // A fixed fleet: no new route once every vehicle has one.
        if let limit = data.problem.vehicleLimit, routeTally[0] >= limit { return false }
        guard let empty = firstEmptyRoute() else { return false }
        if attempt(.emptyRoute, { $0.improveExchange(u, 1, $0.endDepot(empty), 0) }) { return true }
        emptyTestedStamp[u] = moveCount
        return false
    }

    /// Rebuilds routes from customer sequences after a move, keeping spare routes available.
    mutating func commit(_ changes: [(route: Int, customers: [Int32])]) {
        for change in changes { setRoute(change.route, change.customers) }
        appliedMoves += 1
        if rich {
            ensureSpares()
        } else if firstEmptyRoute() == nil {
            useRoutes(routeCount + 1)
        }
    }

    /// The first route in use that has no customers (a spare), if any (cached until a
    /// route empties or fills, or the routes in use change).
    mutating func firstEmptyRoute() -> Int? {
        if rich { return (0..<routeCount).first { routeSize[$0] == 0 } }
        if routeTally[1] == -1 { routeTally[1] = (0..<routeCount).first { routeSize[$0] == 0 } ?? -2 }
        return routeTally[1] >= 0 ? routeTally[1] : nil
    }

    /// The customers of route r with a placeholder (0) for each depot, so that array
    /// indices equal node positions.
    func positional(_ r: Int) -> [Int32] { [0] + customers(of: r) + [0] }
}

/// A partial route built during move evaluation: where it currently ends, its
/// distance, its load and (with time windows) its time segment.
struct RoutePiece {
    var last: Int32
    /// The travel profile of the route the piece is built for (0 without profiles); next
    /// to `last`, it fills what would be padding.
    var profile: Int32 = 0
    var distance: Int
    var load: Int
    var time: TimeSegment
    /// Nodes after the start depot (through an end depot: customers + 1).
    var visits: Int
    /// With shipments: pair load picked up minus delivered so far, and the most load on
    /// board at any node of the piece (both 0 without shipments).
    var net: Int = 0
    var peak: Int = 0
    /// Load in the further dimensions (0 when there are none).
    var extra0: Int = 0
    var extra1: Int = 0
}

/// Which problem features a `LocalSearch` specialisation handles; `for(_:)` picks the
/// one a problem needs.
public protocol SearchFeatures {
    /// Vehicle types, several depots, optional customers (anything beyond the classic problem).
    static var rich: Bool { get }
    /// Pickup-and-delivery pairs.
    static var paired: Bool { get }
    /// Vehicle types driving by different travel profiles (`Problem.profiles`).
    static var profiled: Bool { get }
}
public enum ClassicFeatures: SearchFeatures {
    @inline(__always) public static var rich: Bool { false }
    @inline(__always) public static var paired: Bool { false }
    @inline(__always) public static var profiled: Bool { false }
}
public enum RichFeatures: SearchFeatures {
    @inline(__always) public static var rich: Bool { true }
    @inline(__always) public static var paired: Bool { false }
    @inline(__always) public static var profiled: Bool { false }
}
public enum PairedFeatures: SearchFeatures {
    @inline(__always) public static var rich: Bool { true }
    @inline(__always) public static var paired: Bool { true }
    @inline(__always) public static var profiled: Bool { false }
}
/// Travel profiles (their checks would otherwise enlarge every inlined move evaluator
/// of the other specialisations past the compiler's inlining limits), without and with
/// pickup-and-delivery pairs.
public enum ProfiledFeatures: SearchFeatures {
    @inline(__always) public static var rich: Bool { true }
    @inline(__always) public static var paired: Bool { false }
    @inline(__always) public static var profiled: Bool { true }
}
public enum ProfiledPairedFeatures: SearchFeatures {
    @inline(__always) public static var rich: Bool { true }
    @inline(__always) public static var paired: Bool { true }
    @inline(__always) public static var profiled: Bool { true }
}

extension LocalSearch where Weights == Matrix {
    /// A search reading the problem's matrices as they are (stored or computed).
    init(problem: Problem, neighbours: Neighbourhood, penalties: Penalties) {
        self.init(problem: problem, neighbours: neighbours, penalties: penalties, distances: problem.distances, durations: problem.durations)
    }
}
