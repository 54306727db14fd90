/// 2-opt within one route (reverse a stretch) and 2-opt* between two routes
/// (exchange their tails, or for symmetric instances join a head with a reversed head).
extension LocalSearch {
    /// Reversing the stretch a...b (customers of one route, a strictly before b).
    @inline(__always)
    func evaluateTwoOpt(_ a: Int, _ b: Int, time: Bool = true) -> Double {
        guard !isDepot(a), !isDepot(b), routeOf[a] == routeOf[b], position[a] < position[b] else { return .infinity }
        let r = Int(routeOf[a])
        if paired && routePairs[r] > 0 && !reversalKeepsPairs(a, b) { return .infinity }
        var piece = prefix(through: Int(prev[a]), time: time)
        appendReversed(&piece, a, b, time: time)
        append(&piece, Int(next[b]), endDepot(r), time: time)
        return cost(piece, route: r) - routeCost[r]
    }

    mutating func improveTwoOpt(_ a: Int, _ b: Int) -> Bool {
        guard evaluateTwoOpt(a, b, time: false) < -1e-9 else { return false }
        if data.timed { guard evaluateTwoOpt(a, b) < -1e-9 else { return false } }
        let r = Int(routeOf[a])
        let i = Int(position[a]), j = Int(position[b])
        let nodes = positional(r)
        commit([(r, Array((Array(nodes[..<i]) + nodes[i...j].reversed() + nodes[(j + 1)...]).dropFirst().dropLast()))])
        return true
    }

    /// Tails exchange after nodes u and v of different routes (either may be a start
    /// depot): u's route continues with what followed v, and v's with what followed u.
    @inline(__always)
    func evaluateTwoOptStar(_ u: Int, _ v: Int, time: Bool = true) -> Double {
        let ru = Int(routeOf[u]), rv = Int(routeOf[v])
        guard ru != rv, u != endDepot(ru), v != endDepot(rv) else { return .infinity }
        // Shipments: no pair may be cut between head and tail.
        if paired && (openAfter[u] > 0 || openAfter[v] > 0) { return .infinity }
        // Skills: each tail must suit the vehicle it moves to.
        if rich && data.skilled && !(tailFits(Int(next[v]), into: ru) && tailFits(Int(next[u]), into: rv)) { return .infinity }
        var newU = prefix(through: u, time: time)
        var newV = prefix(through: v, time: time)
        // Tails joining a route of another profile are re-priced there (`appendTail`).
        if rich && (!sameEnd(ru, rv) || (profiled && routeProfile[ru] != routeProfile[rv])) {
            appendTail(&newU, from: Int(next[v]), of: rv, endingAs: ru, time: time)
            appendTail(&newV, from: Int(next[u]), of: ru, endingAs: rv, time: time)
        } else {
            append(&newU, Int(next[v]), endDepot(rv), time: time)
            append(&newV, Int(next[u]), endDepot(ru), time: time)
        }
        return cost(newU, route: ru) + cost(newV, route: rv) - routeCost[ru] - routeCost[rv]
    }

    mutating func improveTwoOptStar(_ u: Int, _ v: Int) -> Bool {
        guard evaluateTwoOptStar(u, v, time: false) < -1e-9 else { return false }
        if data.timed { guard evaluateTwoOptStar(u, v) < -1e-9 else { return false } }
        applyTwoOptStar(u, v)
        return true
    }

    mutating func applyTwoOptStar(_ u: Int, _ v: Int) {
        let ru = Int(routeOf[u]), rv = Int(routeOf[v])
        let i = Int(position[u]), j = Int(position[v])
        let a = customers(of: ru), b = customers(of: rv)
        commit([(ru, Array(a[..<i]) + b[j...]), (rv, Array(b[..<j]) + a[i...])])
    }

    /// Heads joined (customers u and v of different routes): u's route becomes its start
    /// through u, then v back to v's start; v's route becomes u's end back to just after u,
    /// then what followed v. Only for symmetric distances (heads are driven backwards).
    @inline(__always)
    func evaluateTwoOptStarReversed(_ u: Int, _ v: Int) -> Double {
        let ru = Int(routeOf[u]), rv = Int(routeOf[v])
        // With time windows the reversed head would need its segment rebuilt visit by
        // visit; the move is left to the others there (as in HGS-TW).
        guard ru != rv, !isDepot(u), !isDepot(v), !data.timed, !rich else { return .infinity }
        var newU = prefix(through: u)
        appendReversed(&newU, startDepot(rv), v)
        let x = Int(next[u]), end = endDepot(ru)
        var newV = RoutePiece(last: Int32(x), distance: cumReverse[end] - cumReverse[x],
                              load: cumLoad[end] - cumLoad[u], time: .zero,
                              visits: Int(position[end] - position[u]))
        append(&newV, Int(next[v]), endDepot(rv))
        return cost(newU, route: ru) + cost(newV, route: rv) - routeCost[ru] - routeCost[rv]
    }

    mutating func improveTwoOptStarReversed(_ u: Int, _ v: Int) -> Bool {
        guard evaluateTwoOptStarReversed(u, v) < -1e-9 else { return false }
        applyTwoOptStarReversed(u, v)
        return true
    }

    mutating func applyTwoOptStarReversed(_ u: Int, _ v: Int) {
        let ru = Int(routeOf[u]), rv = Int(routeOf[v])
        let i = Int(position[u]), j = Int(position[v])
        let a = customers(of: ru), b = customers(of: rv)
        commit([(ru, Array(a[..<i]) + b[..<j].reversed()), (rv, Array(a[i...].reversed()) + b[j...])])
    }
}
