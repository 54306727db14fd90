/// Alternatives (`Problem.groups`): customers of which a plan visits exactly one, at
/// most one when they are optional — the copies of a job with several time windows, one
/// per window. Moves between routes never change which alternative is visited; these
/// operators do: the cheapest alternative goes in when none is routed, and a routed one
/// trades places with another (in its place, or next to the other's neighbours in
/// another route) when that pays. Unused without groups.
extension LocalSearch {
    /// Whether an alternative of u other than u is in a route.
    @inline(__always) func alternativeRouted(_ u: Int) -> Bool {
        let g = data.groupOf[u]
        guard g >= 0 else { return false }
        return data.groupMembers[g].contains { $0 != u && routeOf[$0] >= 0 }
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
        for members in data.groupMembers {
            var kept = false
            for c in members where routeOf[c] >= 0 {
                if kept { removeCustomer(c) } else { kept = true }
            }
        }
    }

    /// Inserts the cheapest alternative of u's group at its cheapest place (none routed yet).
    mutating func insertAlternative(of u: Int) {
        var best: (customer: Int, after: Int, delta: Double)? = nil
        for c in data.groupMembers[data.groupOf[u]] {
            if let place = bestInsertion(c), place.delta < best?.delta ?? .infinity { best = (c, place.after, place.delta) }
        }
        if let best { insert(best.customer, after: best.after) }
    }

    /// Trades the routed alternative u for another of its group when that lowers the cost.
    mutating func tryAlternatives(_ u: Int) -> Bool {
        guard let trade = bestTrade(u, for: data.groupMembers[data.groupOf[u]].filter { $0 != u }, keepingFeasible: false, gain: { _ in 0 }),
              trade.delta < -1e-9 else { return false }
        applyTrade(u, trade)
        return true
    }

    /// Trades the routed optional customer u for an unrouted optional one near it with a
    /// larger prize when that pays, prizes included (u's prize is then paid, the other's
    /// saved): the move that lets a job of higher priority in when the vehicles are full.
    mutating func tryTradeOptional(_ u: Int) -> Bool {
        var candidates: [Int] = []
        for vv in data.neighbours.neighbours(of: u) {
            let v = Int(vv)
            // Only for a larger prize: to a smaller one, leaving u out and inserting v pay alone.
            if routeOf[v] < 0 && data.optional[v] && data.prize[v] > data.prize[u] && data.partnerOf[v] < 0 && !(data.grouped && alternativeRouted(v)) {
                candidates.append(v)
            }
        }
        guard !candidates.isEmpty else { return false }
        let prizes = data.prize
        guard let trade = bestTrade(u, for: candidates, keepingFeasible: true, gain: { Double(prizes[u] - prizes[$0]) }),
              trade.delta < -1e-9 else { return false }
        applyTrade(u, trade)
        return true
    }

    /// The cheapest way to take the routed customer u out and put one of `candidates`
    /// (unrouted) in: in u's place, or in another route next to the candidate's granular
    /// neighbours (or alone in an empty route of an available type); `gain(w)` is added to
    /// the change in route costs. after == u means in u's place. With `keepingFeasible`
    /// no route may break more than it does (see `keepsFeasibility`).
    func bestTrade<S: Sequence<Int>>(_ u: Int, for candidates: S, keepingFeasible: Bool,
                                     gain: (Int) -> Double) -> (customer: Int, after: Int, delta: Double)? {
        let r = Int(routeOf[u])
        var without = prefix(through: Int(prev[u]))
        append(&without, Int(next[u]), endDepot(r))
        let removal = cost(without, route: r) - routeCost[r]
        var best: (customer: Int, after: Int, delta: Double)? = nil
        for w in candidates {
            let extra = gain(w)
            if !data.skilled || allows(r, w) {
                var piece = prefix(through: Int(prev[u]))
                appendVisit(&piece, w)
                append(&piece, Int(next[u]), endDepot(r))
                if !keepingFeasible || keepsFeasibility(piece, route: r) {
                    let delta = cost(piece, route: r) - routeCost[r] + extra
                    if delta < best?.delta ?? .infinity { best = (w, u, delta) }
                }
            }
            if let place = bestInsertion(w, keepingFeasible: keepingFeasible, excluding: r) {
                let delta = removal + place.delta + extra
                if delta < best?.delta ?? .infinity { best = (w, place.after, delta) }
            }
        }
        return best
    }

    /// Applies a trade found by `bestTrade`.
    mutating func applyTrade(_ u: Int, _ trade: (customer: Int, after: Int, delta: Double)) {
        let r = Int(routeOf[u])
        var list = customers(of: r)
        if trade.after == u {
            list[Int(position[u]) - 1] = Int32(trade.customer)
            commit([(r, list)])
        } else {
            let target = Int(routeOf[trade.after])
            list.remove(at: Int(position[u]) - 1)
            var other = customers(of: target)
            other.insert(Int32(trade.customer), at: isDepot(trade.after) ? 0 : Int(position[trade.after]))
            commit([(r, list), (target, other)])
        }
        routeOf[u] = -1
    }
}
