/// The local search beyond the classic problem: routes priced by their vehicle type
/// (depots, hours, capacity, fixed and per-unit costs, limits on duration and distance),
/// spare routes per type within the fleet, and optional customers inserted or left out
/// against their prize. Unused (and never reached) for the classic problem.
extension LocalSearch {
    /// Capacity of route r's vehicle.
    @inline(__always) func capacity(of r: Int) -> Int { rich ? data.fleet[routeType[r]].capacity : data.capacity }

    /// Penalised cost of a piece through an end depot, as a route driven by type t:
    /// the route's cost (`VehicleType`) plus the load excess priced by the capacity
    /// weight and the time warp, duration overrun and distance overrun priced by the
    /// time-warp weight. An empty route costs nothing. Without the time segment (the
    /// search's quick bound) duration counts 0, which keeps the value a lower bound.
    @inline(__always) func typedCost(_ piece: RoutePiece, type t: Int) -> Double {
        guard piece.visits > 1 else { return 0 }
        let terms = typedTerms(piece, type: t)
        return Double(terms.base) + penalties.capacity * Double(terms.excess)
            + penalties.timeWarp * Double(terms.overrun)
    }

    /// The terms of `typedCost`: the route's cost, its load excess and its overrun.
    @inline(__always) func typedTerms(_ piece: RoutePiece, type t: Int) -> (base: Int, excess: Int, overrun: Int) {
        let type = data.fleet[t]
        let duration = data.timed ? piece.time.duration : 0
        var overrun = data.timed ? piece.time.timeWarp : 0
        if let limit = type.maxDuration { overrun += max(0, duration - limit) }
        if let limit = type.maxDistance { overrun += max(0, piece.distance - limit) }
        let base = type.fixedCost + type.distanceCost * piece.distance + type.durationCost * duration
        let load = paired ? piece.peak : piece.load
        var excess = max(0, load - type.capacity)
        if data.extraDimensions > 0 {
            excess += max(0, piece.extra0 - type.extraCapacities[0])
            if data.extraDimensions > 1 { excess += max(0, piece.extra1 - type.extraCapacities[1]) }
        }
        return (base, excess, overrun)
    }

    /// Whether `piece`, as route r, breaks no more (load excess plus overrun) than route r
    /// does now: optional customers go in only where they fit, so that a large prize never
    /// buys a plan that breaks a constraint (the penalty weights may be far below it).
    func keepsFeasibility(_ piece: RoutePiece, route r: Int) -> Bool {
        let t = routeType[r]
        let now = routeSize[r] == 0 ? (base: 0, excess: 0, overrun: 0) : typedTerms(prefix(through: endDepot(r)), type: t)
        let then = typedTerms(piece, type: t)
        return then.excess + then.overrun <= now.excess + now.overrun
    }

    /// Points route r's depot copies at its vehicle type's depots and hours (the start
    /// within the depot's opening and the shift, the end by the earlier of the depot's
    /// closing and the shift's end), and keeps the count of used vehicles per type.
    mutating func prepareTyped(_ r: Int, customers count: Int) {
        let t = routeType[r], type = data.fleet[t]
        let start = startDepot(r), end = endDepot(r)
        location[start] = Int32(type.startDepot)
        location[end] = Int32(type.endDepot)
        if profiled { routeProfile[r] = Int32(type.profile) }
        visit[start] = data.problem.departureSegment(vehicle: t)
        visit[end] = TimeSegment(ready: 0, due: min(data.problem.dueTimes[type.endDepot], type.shiftEnd), service: 0)
        let was = routeSize[r] > 0, now = count > 0
        if was != now { usedOfType[t] += now ? 1 : -1 }
    }

    /// Whether routes a and b end alike (same depot, same closing), so that a tail moved
    /// from one to the other can keep its stored segment through the end depot.
    @inline(__always) func sameEnd(_ a: Int, _ b: Int) -> Bool {
        routeType[a] == routeType[b]
            || (location[endDepot(a)] == location[endDepot(b)] && visit[endDepot(a)] == visit[endDepot(b)])
    }

    /// Appends the tail of route `source` from x (x may be its end depot) and ends the piece
    /// at route `target`'s end depot, which is not like `source`'s (see `sameEnd`).
    func appendTail(_ piece: inout RoutePiece, from x: Int, of source: Int, endingAs target: Int, time: Bool) {
        let end = endDepot(source)
        if x != end {
            if profiled { appendAny(&piece, x, Int(prev[end]), time: time) } else { append(&piece, x, Int(prev[end]), time: time) }
        }
        let node = endDepot(target)
        if data.timed && time { piece.time = piece.time.followed(by: visit[node], travel: travel(Int(piece.last), node, piece.profile)) }
        if paired { pushPair(&piece, node) }
        piece.distance += dist(Int(piece.last), node, piece.profile)
        piece.visits += 1
        piece.last = Int32(node)
    }

    /// Replaces the state by `solution`, routes keeping their vehicle types; customers in
    /// no route are left unrouted; then one spare route per type with vehicles left.
    mutating func loadTyped(_ solution: Solution) {
        for c in stride(from: 1, through: data.n, by: 1) { routeOf[c] = -1 }
        routeSize.fill(0)
        usedOfType = Array(repeating: 0, count: data.fleet.count)
        routeCount = min(data.maximumRoutes, solution.routes.count)
        for r in 0..<routeCount {
            routeType[r] = solution.vehicles[r]
            setRoute(r, solution.routes[r].map(Int32.init))
        }
        ensureSpares()
        testedStamp.fill(-1)
        swapStarStamp.fill(-1)
    }

    /// Whether another route of type t may be opened.
    @inline(__always) func isAvailable(_ t: Int) -> Bool {
        guard let count = data.fleet[t].count else { return true }
        return usedOfType[t] < count
    }

    /// Keeps one empty route for every vehicle type that has vehicles left.
    mutating func ensureSpares() {
        for t in data.fleet.indices where isAvailable(t) {
            if (0..<routeCount).contains(where: { routeType[$0] == t && routeSize[$0] == 0 }) { continue }
            guard routeCount < data.maximumRoutes else { return }
            let r = routeCount
            routeCount += 1
            routeType[r] = t
            routeSize[r] = 0
            setRoute(r, [])
        }
    }

    /// Moves u to an empty route of a type with vehicles left, when that pays.
    mutating func tryEmptyTypedRoute(_ u: Int) -> Bool {
        let ru = Int(routeOf[u])
        for r in 0..<routeCount where routeSize[r] == 0 && isAvailable(routeType[r]) {
            if routeSize[ru] == 1 && routeType[ru] == routeType[r] { continue }
            if data.skilled && !allows(r, u) { continue }
            if attempt(.emptyRoute, { $0.improveExchange(u, 1, $0.endDepot(r), 0) }) { return true }
        }
        return false
    }

    /// Change in penalised cost of inserting the unrouted customer u right after `after`
    /// (a customer or a start depot).
    /// With `keepingFeasible`, +infinity where the route would break more than it does.
    func insertionDelta(_ u: Int, after: Int, keepingFeasible: Bool = false) -> Double {
        let r = Int(routeOf[after])
        var piece = prefix(through: after)
        appendVisit(&piece, u)
        append(&piece, Int(next[after]), endDepot(r))
        if keepingFeasible && !keepsFeasibility(piece, route: r) { return .infinity }
        return cost(piece, route: r) - routeCost[r]
    }

    /// The cheapest place for the unrouted customer u: next to its granular neighbours or
    /// alone in an empty route of an available type; when none of those exists, at the
    /// start of any route.
    /// With `excluding` a route, places in it are left out, and so is the fallback (a
    /// trade of u's place in that route looks only near the customer coming in).
    func bestInsertion(_ u: Int, keepingFeasible: Bool = false, excluding: Int = -1) -> (after: Int, delta: Double)? {
        var best: (after: Int, delta: Double)? = nil
        func consider(_ after: Int) {
            if Int(routeOf[after]) == excluding { return }
            if data.skilled && !allows(Int(routeOf[after]), u) { return }
            let delta = insertionDelta(u, after: after, keepingFeasible: keepingFeasible)
            if delta < best?.delta ?? .infinity { best = (after, delta) }
        }
        for vv in data.neighbours.neighbours(of: u) where routeOf[Int(vv)] >= 0 {
            consider(Int(vv))
            consider(Int(prev[Int(vv)]))
        }
        for r in 0..<routeCount where routeSize[r] == 0 && isAvailable(routeType[r]) { consider(startDepot(r)) }
        if best == nil && excluding < 0 {
            for r in 0..<routeCount where routeSize[r] > 0 { consider(startDepot(r)) }
        }
        return best
    }

    /// Puts the unrouted customer u into the route of `after`, right after it.
    mutating func insert(_ u: Int, after: Int) {
        let r = Int(routeOf[after])
        var list = customers(of: r)
        list.insert(Int32(u), at: isDepot(after) ? 0 : Int(position[after]))
        commit([(r, list)])
    }

    /// Inserts every customer that must be served but is in no route, each at its
    /// cheapest place, in the given order; stops early when `shouldStop` says so (polled
    /// every 32 customers; those left out make the plan infeasible, never wrong).
    /// Returns false when stopped.
    @discardableResult
    mutating func insertUnrouted(_ order: [Int], shouldStop: () -> Bool = { false }) -> Bool {
        if data.grouped { dropExtraAlternatives() }
        for (k, u) in order.enumerated() where routeOf[u] < 0 && !data.optional[u] {
            if k & 31 == 0 && shouldStop() { return false }
            if data.partnerOf[u] >= 0 {
                if data.isPickup[u] { insertPair(u) }  // a delivery goes in with its pickup
                continue
            }
            if data.grouped && data.groupOf[u] >= 0 {
                if !alternativeRouted(u) { insertAlternative(of: u) }
                continue
            }
            if let place = bestInsertion(u) { insert(u, after: place.after) }
        }
        return true
    }

    /// Visits the unrouted optional customer u where it costs less than its prize.
    mutating func tryInsertOptional(_ u: Int) -> Bool {
        if data.grouped && alternativeRouted(u) { return false }
        guard let place = bestInsertion(u, keepingFeasible: true), place.delta - Double(data.prize[u]) < -1e-9 else { return false }
        insert(u, after: place.after)
        return true
    }

    /// Leaves the optional customer u out when visiting it costs more than its prize.
    mutating func tryRemoveOptional(_ u: Int) -> Bool {
        let r = Int(routeOf[u])
        var piece = prefix(through: Int(prev[u]))
        append(&piece, Int(next[u]), endDepot(r))
        guard cost(piece, route: r) - routeCost[r] + Double(data.prize[u]) < -1e-9 else { return false }
        removeCustomer(u)
        return true
    }

    /// The further load dimensions of the stretch a...b of one route (either direction).
    @inline(__always) func appendExtra(_ piece: inout RoutePiece, _ a: Int, _ b: Int) {
        piece.extra0 += cumExtra0[b] - cumExtra0[a] + data.extraDemand0[a]
        piece.extra1 += cumExtra1[b] - cumExtra1[a] + data.extraDemand1[a]
    }

    // MARK: Skills

    /// Refreshes route r's tail masks (after `setRoute` has linked it).
    mutating func setSkillMasks(_ r: Int) {
        let start = startDepot(r)
        var node = endDepot(r)
        tailAllowed[node] = UInt64.max
        while node != start {
            let before = Int(prev[node])
            tailAllowed[before] = data.allowed[before] & tailAllowed[node]
            node = before
        }
    }

    /// Whether route r's vehicle type may serve node (a customer or a depot copy).
    @inline(__always) func allows(_ r: Int, _ node: Int) -> Bool { data.allowed[node] & (1 << UInt64(routeType[r] & 63)) != 0 }

    /// Whether route r's vehicle type may serve the block first...last (at most two nodes).
    @inline(__always) func blockFits(_ first: Int, _ last: Int, into r: Int) -> Bool {
        allows(r, first) && (last == first || allows(r, last))
    }

    /// Whether route r's vehicle type may serve the whole tail from x (x may be an end depot).
    @inline(__always) func tailFits(_ x: Int, into r: Int) -> Bool { tailAllowed[x] & (1 << UInt64(routeType[r] & 63)) != 0 }
}
