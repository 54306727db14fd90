/// Block exchange: block A = positions i..<i+la of route ru trades places with
/// block B = positions j..<j+lb of route rv. With lb = 0 it is a relocation of A to
/// just before position j of rv; (la, lb) = (1,0), (2,0), (1,1), (2,1), (2,2) give
/// relocate-1, relocate-2, swap 1-1, swap 2-1 and swap 2-2, inside one route or between two.
extension LocalSearch {
    /// Whether the blocks are inside their routes and, within one route, do not overlap
    /// nor describe a move that changes nothing.
    @inline(__always)
    func exchangeIsValid(_ ru: Int, _ i: Int, _ la: Int, _ rv: Int, _ j: Int, _ lb: Int) -> Bool {
        guard i >= 1, i + la - 1 <= routes[ru].count, j >= 1, j + lb - 1 <= routes[rv].count else { return false }
        if ru != rv { return true }
        if lb == 0 { return j < i || j > i + la }
        return i + la <= j || j + lb <= i
    }

    /// Change in penalised cost of the exchange; +infinity when the move is invalid.
    func evaluateExchange(_ ru: Int, _ i: Int, _ la: Int, _ rv: Int, _ j: Int, _ lb: Int) -> Double {
        guard exchangeIsValid(ru, i, la, rv, j, lb) else { return .infinity }
        if ru != rv {
            var newU = prefix(ru, through: i - 1)
            append(&newU, rv, j, j + lb - 1)
            append(&newU, ru, i + la, routes[ru].end)
            var newV = prefix(rv, through: j - 1)
            append(&newV, ru, i, i + la - 1)
            append(&newV, rv, j + lb, routes[rv].end)
            return cost(newU) + cost(newV) - routes[ru].cost - routes[rv].cost
        }
        let r = ru
        var piece: RoutePiece
        if i < j {
            piece = prefix(r, through: i - 1)
            append(&piece, r, j, j + lb - 1)
            append(&piece, r, i + la, j - 1)
            append(&piece, r, i, i + la - 1)
            append(&piece, r, j + lb, routes[r].end)
        } else {
            piece = prefix(r, through: j - 1)
            append(&piece, r, i, i + la - 1)
            append(&piece, r, j + lb, i - 1)
            append(&piece, r, j, j + lb - 1)
            append(&piece, r, i + la, routes[r].end)
        }
        return cost(piece) - routes[r].cost
    }

    /// Applies the exchange (which must be valid).
    mutating func applyExchange(_ ru: Int, _ i: Int, _ la: Int, _ rv: Int, _ j: Int, _ lb: Int) {
        let u = routes[ru].nodes, v = routes[rv].nodes
        if ru != rv {
            commit(ru, Array(u[..<i]) + v[j..<(j + lb)] + u[(i + la)...])
            commit(rv, Array(v[..<j]) + u[i..<(i + la)] + v[(j + lb)...])
        } else if i < j {
            commit(ru, Array(u[..<i]) + u[j..<(j + lb)] + u[(i + la)..<j] + u[i..<(i + la)] + u[(j + lb)...])
        } else {
            commit(ru, Array(u[..<j]) + u[i..<(i + la)] + u[(j + lb)..<i] + u[j..<(j + lb)] + u[(i + la)...])
        }
        finishMove()
    }

    @inline(__always)
    mutating func improveExchange(_ ru: Int, _ i: Int, _ la: Int, _ rv: Int, _ j: Int, _ lb: Int) -> Bool {
        guard evaluateExchange(ru, i, la, rv, j, lb) < -1e-9 else { return false }
        applyExchange(ru, i, la, rv, j, lb)
        return true
    }
}
