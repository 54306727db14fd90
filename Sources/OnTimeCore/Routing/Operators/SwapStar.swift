/// SWAP* (Vidal 2022): exchange customer u of one route with customer v of another,
/// each inserted at its best position in the other route rather than in the other's
/// place. For every u the three cheapest insertion points in the other route are
/// preprocessed, so the best (u, v) pair of two routes is found in O(|ru|·|rv|).
/// Only routes whose polar sectors overlap are paired. The pair search prices distance
/// and load; with time windows the move it picks is then priced exactly.
extension LocalSearch {
    /// Up to three cheapest places to insert one customer into a route: `after[k]` is the
    /// node the customer would follow, `cost[k]` the added distance.
    struct BestInsertions {
        var cost: (Int, Int, Int) = (.max, .max, .max)
        var after: (Int32, Int32, Int32) = (-1, -1, -1)

        mutating func add(_ c: Int, after node: Int) {
            if c >= cost.2 { return }
            if c >= cost.1 { cost.2 = c; after.2 = Int32(node); return }
            cost.2 = cost.1; after.2 = after.1
            if c >= cost.0 { cost.1 = c; after.1 = Int32(node); return }
            cost.1 = cost.0; after.1 = after.0
            cost.0 = c; after.0 = Int32(node)
        }
    }

    /// The three cheapest insertion points of every customer of `from` into route `into`.
    func insertions(from: Int, into: Int) -> [BestInsertions] {
        var result: [BestInsertions] = []
        result.reserveCapacity(routeSize[from])
        var u = Int(next[startDepot(from)])
        while !isDepot(u) {
            var best = BestInsertions()
            var p = startDepot(into)
            while p != endDepot(into) {
                let q = Int(next[p])
                best.add(dist(p, u) + dist(u, q) - dist(p, q), after: p)
                p = q
            }
            result.append(best)
            u = Int(next[u])
        }
        return result
    }

    /// Cheapest insertion of a customer into the route of `removed` while `removed`
    /// leaves it: either at a preprocessed place not touching `removed`, or in its gap.
    @inline(__always)
    func insertionCost(of c: Int, _ best: BestInsertions, whileRemoving removed: Int) -> (cost: Int, after: Int) {
        let p = Int(prev[removed]), q = Int(next[removed])
        let gap = dist(p, c) + dist(c, q) - dist(p, q)
        // The list is sorted, so the first place not touching `removed` is the cheapest.
        @inline(__always) func usable(_ a: Int32) -> Bool {
            a >= 0 && Int(a) != removed && Int(next[Int(a)]) != removed
        }
        var bestCost = gap, bestAfter = p
        if usable(best.after.0) {
            if best.cost.0 < gap { bestCost = best.cost.0; bestAfter = Int(best.after.0) }
        } else if usable(best.after.1) {
            if best.cost.1 < gap { bestCost = best.cost.1; bestAfter = Int(best.after.1) }
        } else if usable(best.after.2) {
            if best.cost.2 < gap { bestCost = best.cost.2; bestAfter = Int(best.after.2) }
        }
        return (bestCost, bestAfter)
    }

    /// Finds the best SWAP* between routes ru and rv; its exact delta and the move.
    func bestSwapStar(_ ru: Int, _ rv: Int) -> (delta: Double, u: Int, uAfter: Int, v: Int, vAfter: Int)? {
        let uInto = insertions(from: ru, into: rv)
        let vInto = insertions(from: rv, into: ru)
        let loadU = routeLoad(ru), loadV = routeLoad(rv)
        let baseU = Double(routeDistance(ru)), baseV = Double(routeDistance(rv))
        var best: (delta: Double, u: Int, uAfter: Int, v: Int, vAfter: Int)? = nil
        var u = Int(next[startDepot(ru)])
        var iu = 0
        while !isDepot(u) {
            let removeU = dist(Int(prev[u]), Int(next[u])) - dist(Int(prev[u]), u) - dist(u, Int(next[u]))
            var v = Int(next[startDepot(rv)])
            var iv = 0
            while !isDepot(v) {
                let newLoadU = loadU - demand(u) + demand(v), newLoadV = loadV - demand(v) + demand(u)
                let penaltyChange = cost(distance: 0, load: newLoadU) + cost(distance: 0, load: newLoadV)
                    - cost(distance: 0, load: loadU) - cost(distance: 0, load: loadV)
                let removeV = dist(Int(prev[v]), Int(next[v])) - dist(Int(prev[v]), v) - dist(v, Int(next[v]))
                // Cheap bound first: insertions cost at least 0 under the triangle inequality.
                if penaltyChange + Double(removeU + removeV) < 0 {
                    let vIn = insertionCost(of: v, vInto[iv], whileRemoving: u)
                    let uIn = insertionCost(of: u, uInto[iu], whileRemoving: v)
                    let newU = Double(routeDistance(ru) + removeU + vIn.cost)
                    let newV = Double(routeDistance(rv) + removeV + uIn.cost)
                    let delta = newU + newV - baseU - baseV + penaltyChange
                    if delta < (best?.delta ?? -1e-9) {
                        best = (delta, u, uIn.after, v, vIn.after)
                    }
                }
                v = Int(next[v]); iv += 1
            }
            u = Int(next[u]); iu += 1
        }
        return best.flatMap { $0.delta < -1e-9 ? $0 : nil }
    }

    /// The customers of u's route after a SWAP*: u removed, v inserted after `vAfter`
    /// (the start depot or a customer of that route).
    func routeAfterSwapStar(removing out: Int, inserting inn: Int, after: Int) -> [Int32] {
        let r = Int(routeOf[out])
        var result: [Int32] = []
        result.reserveCapacity(routeSize[r])
        if after == startDepot(r) { result.append(Int32(inn)) }
        for c in customers(of: r) {
            if Int(c) != out { result.append(c) }
            if Int(c) == after { result.append(Int32(inn)) }
        }
        return result
    }

    /// Exact change in penalised cost of a SWAP* (time warp included), visit by visit.
    func exactSwapStarDelta(u: Int, uAfter: Int, v: Int, vAfter: Int) -> Double {
        let ru = Int(routeOf[u]), rv = Int(routeOf[v])
        return cost(ofRoute: ru, visiting: routeAfterSwapStar(removing: u, inserting: v, after: vAfter))
            + cost(ofRoute: rv, visiting: routeAfterSwapStar(removing: v, inserting: u, after: uAfter))
            - routeCost[ru] - routeCost[rv]
    }

    /// Applies a SWAP*: u goes into v's route after `uAfter`, v into u's route after `vAfter`
    /// (an `after` equal to the removed customer's predecessor means "in its gap").
    mutating func applySwapStar(u: Int, uAfter: Int, v: Int, vAfter: Int) {
        let ru = Int(routeOf[u]), rv = Int(routeOf[v])
        commit([(ru, routeAfterSwapStar(removing: u, inserting: v, after: vAfter)),
                (rv, routeAfterSwapStar(removing: v, inserting: u, after: uAfter))])
    }

    /// The best SWAP* between routes ru and rv, applied when it improves. The pair search
    /// prices distance and load only; with time windows the chosen move is priced exactly
    /// and kept only if it still improves.
    mutating func improveSwapStar(_ ru: Int, _ rv: Int) -> Bool {
        guard let move = bestSwapStar(ru, rv) else { return false }
        if data.timed && exactSwapStarDelta(u: move.u, uAfter: move.uAfter, v: move.v, vAfter: move.vAfter) >= -1e-9 {
            return false
        }
        applySwapStar(u: move.u, uAfter: move.uAfter, v: move.v, vAfter: move.vAfter)
        return true
    }

    /// One pass of SWAP* over all pairs of overlapping routes that changed since last tried.
    mutating func swapStarPass(shouldStop: () -> Bool = { false }) -> Bool {
        var improved = false
        let passStart = moveCount
        for ru in 0..<routeCount where routeSize[ru] > 0 {
            if shouldStop() { return improved }
            for rv in (ru + 1)..<max(ru + 1, routeCount) where routeSize[rv] > 0 {
                if max(routeStamp[ru], routeStamp[rv]) <= min(swapStarStamp[ru], swapStarStamp[rv]) { continue }
                guard sector[ru].overlaps(sector[rv]) else { continue }
                if attempt(.swapStar, { $0.improveSwapStar(ru, rv) }) { improved = true }
            }
        }
        for r in 0..<routeCount { swapStarStamp[r] = passStart }
        return improved
    }
}
