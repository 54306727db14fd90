/// 2-opt within one route (reverse a stretch) and 2-opt* between two routes
/// (exchange their tails, or for symmetric instances join a head with a reversed head).
extension LocalSearch {
    /// Reversing positions a...b (1 <= a < b <= count) of route r.
    func evaluateTwoOpt(_ r: Int, _ a: Int, _ b: Int) -> Double {
        guard a >= 1, a < b, b <= routes[r].count else { return .infinity }
        var piece = prefix(r, through: a - 1)
        appendReversed(&piece, r, a, b)
        append(&piece, r, b + 1, routes[r].end)
        return cost(piece) - routes[r].cost
    }

    mutating func improveTwoOpt(_ r: Int, _ a: Int, _ b: Int) -> Bool {
        guard evaluateTwoOpt(r, a, b) < -1e-9 else { return false }
        let nodes = routes[r].nodes
        commit(r, Array(nodes[..<a]) + nodes[a...b].reversed() + nodes[(b + 1)...])
        finishMove()
        return true
    }

    /// Tails exchange: ru keeps 0...i and continues with rv's (j+1)...end; rv keeps 0...j
    /// and continues with ru's (i+1)...end. Requires ru != rv, 0 <= i <= count(ru), 0 <= j <= count(rv).
    func evaluateTwoOptStar(_ ru: Int, _ i: Int, _ rv: Int, _ j: Int) -> Double {
        guard ru != rv, i >= 0, j >= 0, i <= routes[ru].count, j <= routes[rv].count else { return .infinity }
        var newU = prefix(ru, through: i)
        append(&newU, rv, j + 1, routes[rv].end)
        var newV = prefix(rv, through: j)
        append(&newV, ru, i + 1, routes[ru].end)
        return cost(newU) + cost(newV) - routes[ru].cost - routes[rv].cost
    }

    mutating func improveTwoOptStar(_ ru: Int, _ i: Int, _ rv: Int, _ j: Int) -> Bool {
        guard evaluateTwoOptStar(ru, i, rv, j) < -1e-9 else { return false }
        let u = routes[ru].nodes, v = routes[rv].nodes
        commit(ru, Array(u[...i]) + v[(j + 1)...])
        commit(rv, Array(v[...j]) + u[(i + 1)...])
        finishMove()
        return true
    }

    /// Heads joined: ru becomes 0...i of ru then j, j-1, ..., 0 of rv; rv becomes
    /// end...i+1 of ru then j+1...end of rv. Only for symmetric distances (a reversed
    /// head is driven backwards).
    func evaluateTwoOptStarReversed(_ ru: Int, _ i: Int, _ rv: Int, _ j: Int) -> Double {
        guard ru != rv, i >= 1, j >= 1, i <= routes[ru].count, j <= routes[rv].count else { return .infinity }
        var newU = prefix(ru, through: i)
        appendReversed(&newU, rv, 0, j)
        let uRoute = routes[ru]
        var newV = RoutePiece(
            last: uRoute.nodes[i + 1],
            distance: uRoute.cumReverse[uRoute.end] - uRoute.cumReverse[i + 1],
            load: uRoute.load - uRoute.cumLoad[i])
        append(&newV, rv, j + 1, routes[rv].end)
        return cost(newU) + cost(newV) - routes[ru].cost - routes[rv].cost
    }

    mutating func improveTwoOptStarReversed(_ ru: Int, _ i: Int, _ rv: Int, _ j: Int) -> Bool {
        guard evaluateTwoOptStarReversed(ru, i, rv, j) < -1e-9 else { return false }
        let u = routes[ru].nodes, v = routes[rv].nodes
        commit(ru, Array(u[...i]) + v[...j].reversed())
        commit(rv, Array(u[(i + 1)...].reversed()) + v[(j + 1)...])
        finishMove()
        return true
    }
}
