/// Re-slotting with a budget: improve the current assignment by at most `maxMoves`
/// SKU moves, taking at each step the change with the largest saving per move.
///
/// A change is either a relocation (one SKU into a free slot that fits it: one move) or
/// a swap (two SKUs trade slots: two moves). Greedy: each step is the best available
/// change, not an optimal set of changes (which would need the exact model; not done).
public struct ReslottingPlan: Sendable {
    public struct Move: Sendable, Equatable {
        public let sku: Int
        public let from: Int
        public let to: Int
    }
    public let assignment: SlotAssignment
    /// The moves in the order to carry them out (a swap is two moves through a free hand).
    public let moves: [Move]
    public let costBefore: Double
    public let costAfter: Double
}

public enum Reslotting {
    /// Candidates examined on each side of a swap per step.
    static let swapCandidates = 300

    public static func plan(_ p: SlottingProblem, current: SlotAssignment, maxMoves: Int) -> ReslottingPlan {
        let w = p.warehouse
        let picks = p.history.picks.map(Double.init)
        let cost = w.slots.map { w.pickCost($0) }
        var slotOf = current.slotOfSKU
        var occupant = [Int](repeating: -1, count: w.slots.count)
        for (s, k) in slotOf.enumerated() { occupant[k] = s }
        var moves: [ReslottingPlan.Move] = []
        let before = p.expectedCost(current)

        while moves.count < maxMoves {
            // Best relocation into a free slot.
            var bestSaving = 0.0, bestPerMove = 0.0
            var relocation: (sku: Int, to: Int)? = nil
            // Slots of one kind (level, reserved class) fit the same SKUs: the cheapest
            // free slot of each kind is the only one worth trying.
            var cheapestFree: [Slot.Kind: Int] = [:]
            for k in w.slots.indices where occupant[k] == -1 {
                let kind = w.slots[k].kind
                if let c = cheapestFree[kind], cost[c] <= cost[k] { continue }
                cheapestFree[kind] = k
            }
            // Sorted with ties by index: dictionary order differs between runs.
            let heads = Array(cheapestFree.values).sorted { cost[$0] != cost[$1] ? cost[$0] < cost[$1] : $0 < $1 }
            for s in p.skus.indices where picks[s] > 0 {
                guard let f = heads.first(where: { cost[$0] < cost[slotOf[s]] && w.fits(p.skus[s], w.slots[$0]) }) else { continue }
                let saving = picks[s] * (cost[slotOf[s]] - cost[f])
                if saving > bestSaving { bestSaving = saving; relocation = (s, f) }
            }
            bestPerMove = bestSaving
            // Best swap among busy SKUs in dear slots and quiet SKUs in cheap slots.
            var swap: (a: Int, b: Int)? = nil
            if maxMoves - moves.count >= 2 {
                let busy = p.skus.indices.sorted {
                    let x = picks[$0] * cost[slotOf[$0]], y = picks[$1] * cost[slotOf[$1]]
                    return x != y ? x > y : $0 < $1
                }.prefix(swapCandidates)
                let quiet = p.skus.indices.sorted {
                    let x = (picks[$0] + 1) / (cost[slotOf[$0]] + 1e-9), y = (picks[$1] + 1) / (cost[slotOf[$1]] + 1e-9)
                    return x != y ? x < y : $0 < $1
                }.prefix(swapCandidates)
                for a in busy {
                    for b in quiet where a != b {
                        let saving = (picks[a] - picks[b]) * (cost[slotOf[a]] - cost[slotOf[b]])
                        guard saving / 2 > bestPerMove,
                              w.fits(p.skus[a], w.slots[slotOf[b]]), w.fits(p.skus[b], w.slots[slotOf[a]]) else { continue }
                        bestPerMove = saving / 2
                        swap = (a, b)
                    }
                }
            }
            if let (a, b) = swap {
                let ka = slotOf[a], kb = slotOf[b]
                moves.append(.init(sku: a, from: ka, to: kb))
                moves.append(.init(sku: b, from: kb, to: ka))
                slotOf[a] = kb; slotOf[b] = ka
                occupant[kb] = a; occupant[ka] = b
            } else if let (s, f) = relocation {
                moves.append(.init(sku: s, from: slotOf[s], to: f))
                occupant[slotOf[s]] = -1
                occupant[f] = s
                slotOf[s] = f
            } else {
                break
            }
        }
        let after = SlotAssignment(slotOfSKU: slotOf)
        return ReslottingPlan(assignment: after, moves: moves, costBefore: before, costAfter: p.expectedCost(after))
    }
}
