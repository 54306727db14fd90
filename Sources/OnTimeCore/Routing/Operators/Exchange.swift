/// Block exchange: block A (`la` customers starting at node a) trades places with
/// block B (`lb` customers starting at node b). With lb = 0, A is relocated to just
/// before node b (b may be an end depot, not a start depot).
/// (la, lb) = (1,0), (2,0), (1,1), (2,1), (2,2) give relocate-1, relocate-2, swap 1-1,
/// swap 2-1 and swap 2-2, inside one route or between two.
extension LocalSearch {
    /// The last node of a block of `length` nodes starting at `first`, or nil if the block
    /// would run into the end depot.
    @inline(__always) func blockEnd(_ first: Int, _ length: Int) -> Int? {
        var node = first
        if isDepot(node) { return nil }
        for _ in 1..<max(1, length) {
            node = Int(next[node])
            if isDepot(node) { return nil }
        }
        return node
    }

    /// Change in penalised cost of the exchange; +infinity when the move is invalid
    /// (blocks overlapping, running off a route, or a no-op). With `time` false, time
    /// warp of the new routes is left out: a lower bound, exact without time windows.
    @inline(__always)
    func evaluateExchange(_ a: Int, _ la: Int, _ b: Int, _ lb: Int, time: Bool = true) -> Double {
        guard let aLast = blockEnd(a, la) else { return .infinity }
        let bLast: Int
        if lb == 0 {
            guard position[b] > 0 else { return .infinity }  // cannot insert before a start depot
            bLast = Int(prev[b])
        } else {
            guard let e = blockEnd(b, lb) else { return .infinity }
            bLast = e
        }
        let ru = Int(routeOf[a]), rv = Int(routeOf[b])
        if paired && !exchangeKeepsPairs(a, aLast, la, b, bLast, lb) { return .infinity }
        if rich && data.skilled && ru != rv && !(blockFits(a, aLast, into: rv) && (lb == 0 || blockFits(b, bLast, into: ru))) { return .infinity }
        let aPrev = Int(prev[a]), aNext = Int(next[aLast])
        let bPrev = Int(prev[b]), bNext = lb == 0 ? b : Int(next[bLast])
        if ru != rv {
            if rich && profiled && routeProfile[ru] != routeProfile[rv] {
                return evaluateExchangeAcrossProfiles(a, aLast, b, bLast, lb, time: time)
            }
            var newU = prefix(through: aPrev, time: time)
            if lb > 0 { append(&newU, b, bLast, time: time) }
            append(&newU, aNext, endDepot(ru), time: time)
            var newV = prefix(through: bPrev, time: time)
            append(&newV, a, aLast, time: time)
            append(&newV, bNext, endDepot(rv), time: time)
            return cost(newU, route: ru) + cost(newV, route: rv) - routeCost[ru] - routeCost[rv]
        }
        let i = Int(position[a]), j = Int(position[b])
        if lb == 0 {
            guard j < i || j > i + la else { return .infinity }
        } else {
            guard i + la <= j || j + lb <= i else { return .infinity }
        }
        var piece: RoutePiece
        if i < j {
            piece = prefix(through: aPrev, time: time)
            if lb > 0 { append(&piece, b, bLast, time: time) }
            append(&piece, aNext, bPrev, time: time)
            append(&piece, a, aLast, time: time)
            append(&piece, bNext, endDepot(ru), time: time)
        } else {
            piece = prefix(through: bPrev, time: time)
            append(&piece, a, aLast, time: time)
            append(&piece, bNext, aPrev, time: time)
            if lb > 0 { append(&piece, b, bLast, time: time) }
            append(&piece, aNext, endDepot(ru), time: time)
        }
        return cost(piece, route: ru) - routeCost[ru]
    }

    /// `evaluateExchange` between two routes driving by different profiles: the blocks
    /// moved are re-priced for the route they join (`appendAny`).
    @inline(__always)
    func evaluateExchangeAcrossProfiles(_ a: Int, _ aLast: Int, _ b: Int, _ bLast: Int, _ lb: Int, time: Bool) -> Double {
        let ru = Int(routeOf[a]), rv = Int(routeOf[b])
        let aNext = Int(next[aLast]), bNext = lb == 0 ? b : Int(next[bLast])
        var newU = prefix(through: Int(prev[a]), time: time)
        if lb > 0 { appendAny(&newU, b, bLast, time: time) }
        append(&newU, aNext, endDepot(ru), time: time)
        var newV = prefix(through: Int(prev[b]), time: time)
        appendAny(&newV, a, aLast, time: time)
        append(&newV, bNext, endDepot(rv), time: time)
        return cost(newU, route: ru) + cost(newV, route: rv) - routeCost[ru] - routeCost[rv]
    }

    /// Applies the exchange (which must be valid).
    mutating func applyExchange(_ a: Int, _ la: Int, _ b: Int, _ lb: Int) {
        let ru = Int(routeOf[a]), rv = Int(routeOf[b])
        let i = Int(position[a]), j = Int(position[b])
        let u = positional(ru), v = positional(rv)
        func strip(_ s: [Int32]) -> [Int32] { Array(s.dropFirst().dropLast()) }
        if ru != rv {
            commit([(ru, strip(Array(u[..<i]) + v[j..<(j + lb)] + u[(i + la)...])),
                    (rv, strip(Array(v[..<j]) + u[i..<(i + la)] + v[(j + lb)...]))])
        } else {
            commit([(ru, exchangedWithin(ru, i, la, j, lb))])
        }
    }

    /// Customers of route r after blocks at positions i (la long) and j (lb long; 0 = insert
    /// before position j) trade places.
    func exchangedWithin(_ r: Int, _ i: Int, _ la: Int, _ j: Int, _ lb: Int) -> [Int32] {
        let u = positional(r)
        func strip(_ s: [Int32]) -> [Int32] { Array(s.dropFirst().dropLast()) }
        if i < j { return strip(Array(u[..<i]) + u[j..<(j + lb)] + u[(i + la)..<j] + u[i..<(i + la)] + u[(j + lb)...]) }
        return strip(Array(u[..<j]) + u[i..<(i + la)] + u[(j + lb)..<i] + u[j..<(j + lb)] + u[(i + la)...])
    }

    /// With shipments: whether the exchange keeps both ends of every pair on one route,
    /// pickup first. Between routes each moved block must hold whole pairs; within a
    /// route the new order is checked when a moved customer has a partner.
    func exchangeKeepsPairs(_ a: Int, _ aLast: Int, _ la: Int, _ b: Int, _ bLast: Int, _ lb: Int) -> Bool {
        let ru = Int(routeOf[a]), rv = Int(routeOf[b])
        if ru != rv { return blockIsClosed(a, aLast) && (lb == 0 || blockIsClosed(b, bLast)) }
        guard routePairs[ru] > 0 else { return true }
        let moved = [a, aLast] + (lb > 0 ? [b, bLast] : [])
        guard moved.contains(where: { data.partnerOf[$0] >= 0 }) else { return true }
        let i = Int(position[a]), j = Int(position[b])
        if lb == 0 { guard j < i || j > i + la else { return true } } else { guard i + la <= j || j + lb <= i else { return true } }
        return keepsPairs(exchangedWithin(ru, i, la, j, lb))
    }

    @inline(__always)
    mutating func improveExchange(_ a: Int, _ la: Int, _ b: Int, _ lb: Int) -> Bool {
        // The bound without time warp rejects most moves before any segment is merged.
        guard evaluateExchange(a, la, b, lb, time: false) < -1e-9 else { return false }
        if data.timed { guard evaluateExchange(a, la, b, lb) < -1e-9 else { return false } }
        applyExchange(a, la, b, lb)
        return true
    }
}
