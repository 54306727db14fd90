/// Alternatives (`Problem.groups`): customers of which a plan visits exactly one, at
/// most one when they are optional — the copies of a job with several time windows, one
/// per window. Moves between routes never change which alternative is visited; these
/// operators do: the cheapest alternative goes in when none is routed, and a routed one
/// trades places with another (in its place, or next to the other's neighbours in
/// another route) when that pays. Unused without groups.
extension LocalSearch {
    /// Whether an alternative of u other than u is in a route.
    @inline(__always) func alternativeRouted(_ u: Int) -> Bool {
        let g = groupOf[u]
        guard g >= 0 else { return false }
        return groupMembers[g].contains { $0 != u && routeOf[$0] >= 0 }
    }

    /// Takes the routed customer u out of its route.
    mutating func removeCustomer(_ u: Int) {
        let r = Int(routeOf[u])
        var list = customers(of: r)
        list.remove(at: Int(position[u]) - 1)
        commit([(r, list)])
        routeOf[u] = -1
    }

    /// Keeps one alternative of each group in the routes (a crossover or a plan read in
    /// may hold two): the first one routed, in index order.
    mutating func dropExtraAlternatives() {
        for members in groupMembers {
            var kept = false
            for c in members where routeOf[c] >= 0 {
                if kept { removeCustomer(c) } else { kept = true }
            }
        }
    }

    /// Inserts the cheapest alternative of u's group at its cheapest place (none routed yet).
    mutating func insertAlternative(of u: Int) {
        var best: (customer: Int, after: Int, delta: Double)? = nil
        for c in groupMembers[groupOf[u]] {
            if let place = bestInsertion(c), place.delta < best?.delta ?? .infinity { best = (c, place.after, place.delta) }
        }
        if let best { insert(best.customer, after: best.after) }
    }

    /// Trades the routed alternative u for another of its group when that lowers the cost:
    /// in u's place, or in another route next to the other's granular neighbours (or alone
    /// in an empty route of an available type).
    mutating func tryAlternatives(_ u: Int) -> Bool {
        let r = Int(routeOf[u])
        var without = prefix(through: Int(prev[u]))
        append(&without, Int(next[u]), endDepot(r))
        let removal = cost(without, route: r) - routeCost[r]
        // after == u: in u's place.
        var best: (customer: Int, after: Int, delta: Double)? = nil
        for w in groupMembers[groupOf[u]] where w != u {
            if !skilled || allows(r, w) {
                var piece = prefix(through: Int(prev[u]))
                appendVisit(&piece, w)
                append(&piece, Int(next[u]), endDepot(r))
                let delta = cost(piece, route: r) - routeCost[r]
                if delta < best?.delta ?? .infinity { best = (w, u, delta) }
            }
            func consider(_ after: Int) {
                let target = Int(routeOf[after])
                guard target != r, !skilled || allows(target, w) else { return }
                let delta = removal + insertionDelta(w, after: after)
                if delta < best?.delta ?? .infinity { best = (w, after, delta) }
            }
            for vv in neighbours.neighbours(of: w) where routeOf[Int(vv)] >= 0 {
                consider(Int(vv))
                consider(Int(prev[Int(vv)]))
            }
            for e in 0..<routeCount where routeSize[e] == 0 && isAvailable(routeType[e]) { consider(startDepot(e)) }
        }
        guard let best, best.delta < -1e-9 else { return false }
        if best.after == u {
            var list = customers(of: r)
            list[Int(position[u]) - 1] = Int32(best.customer)
            commit([(r, list)])
            routeOf[u] = -1
        } else {
            let target = Int(routeOf[best.after])
            var list = customers(of: r)
            list.remove(at: Int(position[u]) - 1)
            var other = customers(of: target)
            other.insert(Int32(best.customer), at: isDepot(best.after) ? 0 : Int(position[best.after]))
            commit([(r, list), (target, other)])
            routeOf[u] = -1
        }
        return true
    }
}
