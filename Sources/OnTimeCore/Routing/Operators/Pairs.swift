/// Pickup-and-delivery pairs in the local search: both ends on one route, the pickup
/// first. Moves that would split a pair or put a delivery before its pickup are invalid
/// (+infinity); whole pairs move with `tryPairRelocate`, and unrouted pairs are inserted
/// together. The load on board peaks anywhere along a route (deliveries from the depot
/// leave, pickups come aboard), so pieces carry the net pair load and its peak.
extension LocalSearch {
    /// Whether the block first...last (at most two nodes, in route order) holds the whole
    /// of every pair it touches, pickup first.
    @inline(__always) func blockIsClosed(_ first: Int, _ last: Int) -> Bool {
        let pf = Int(data.partnerOf[first])
        if first == last { return pf < 0 }
        let pl = Int(data.partnerOf[last])
        if pf < 0 && pl < 0 { return true }
        return pf == last && pl == first && data.isPickup[first]
    }

    /// Whether `sequence` (customers of one route) has every delivery after its pickup
    /// and both ends of every pair it touches.
    func keepsPairs(_ sequence: [Int32]) -> Bool {
        let stamp = pairCheck.nextStamp()
        var open = 0
        for c32 in sequence {
            let c = Int(c32), p = Int(data.partnerOf[c])
            guard p >= 0 else { continue }
            if data.isPickup[c] {
                pairCheck.seen[c] = stamp
                open += 1
            } else {
                guard pairCheck.seen[p] == stamp else { return false }
                open -= 1
            }
        }
        return open == 0
    }

    @inline(__always) func net(_ node: Int) -> Int { data.nodeNet[node] }
}

/// Memory that `keepsPairs` overwrites on every call and that holds nothing between
/// calls: per node the stamp of the last check that saw it as an open pickup. It is the
/// one piece of the search a non-`mutating` function writes, so it lives apart from the
/// search's state, in a class of its own.
final class PairCheckScratch {
    private(set) var stamp = 0
    var seen: FlatBuffer<Int>

    init(nodes: Int) { seen = FlatBuffer(count: nodes, repeating: 0) }

    /// A stamp no node carries yet.
    func nextStamp() -> Int { stamp += 1; return stamp }
}

extension LocalSearch {
    /// The cheapest way to put the pair (p, d) into a route: candidate routes are those of
    /// p's and d's granular neighbours and an empty route of each available type; p goes
    /// first in the route or right after one of its neighbours, d anywhere after p. Each
    /// candidate is priced visit by visit. `from` (with `without`): the route the pair
    /// leaves, as it is without the pair.
    func bestPairPlacement(_ p: Int, _ d: Int, from: Int?, without: [Int32]) -> (delta: Double, route: Int, sequence: [Int32])? {
        var routes: [Int] = []
        func offer(_ r: Int) { if !routes.contains(r) { routes.append(r) } }
        for vv in data.neighbours.neighbours(of: p) where routeOf[Int(vv)] >= 0 { offer(Int(routeOf[Int(vv)])) }
        for vv in data.neighbours.neighbours(of: d) where routeOf[Int(vv)] >= 0 { offer(Int(routeOf[Int(vv)])) }
        if let from { offer(from) }
        for r in 0..<routeCount where routeSize[r] == 0 && isAvailable(routeType[r]) { offer(r) }
        if routes.isEmpty { for r in 0..<routeCount where routeSize[r] > 0 { offer(r) } }
        var best: (delta: Double, route: Int, sequence: [Int32])? = nil
        for r in routes {
            if data.skilled && !(allows(r, p) && allows(r, d)) { continue }
            let base = r == from ? without : customers(of: r)
            let old = routeCost[r]
            // Where p may go: first, or after a neighbour of p in this route.
            var starts = [0]
            for (k, c) in base.enumerated() where data.neighbours.neighbours(of: p).contains(c) { starts.append(k + 1) }
            for i in starts {
                var sequence = base
                sequence.insert(Int32(p), at: i)
                for j in (i + 1)...sequence.count {
                    var candidate = sequence
                    candidate.insert(Int32(d), at: j)
                    let delta = cost(ofRoute: r, visiting: candidate) - old
                    if delta < best?.delta ?? .infinity { best = (delta, r, candidate) }
                }
            }
        }
        return best
    }

    /// Moves the pair whose pickup is p to its best place, when that pays.
    mutating func tryPairRelocate(_ p: Int) -> Bool {
        let d = Int(data.partnerOf[p]), r0 = Int(routeOf[p])
        let without = customers(of: r0).filter { Int($0) != p && Int($0) != d }
        let removal = cost(ofRoute: r0, visiting: without) - routeCost[r0]
        guard let place = bestPairPlacement(p, d, from: r0, without: without) else { return false }
        let delta = place.route == r0 ? place.delta : place.delta + removal
        guard delta < -1e-9 else { return false }
        commit(place.route == r0 ? [(r0, place.sequence)] : [(r0, without), (place.route, place.sequence)])
        return true
    }

    /// Inserts the unrouted pair whose pickup is p at its cheapest place.
    mutating func insertPair(_ p: Int) {
        let d = Int(data.partnerOf[p])
        guard let place = bestPairPlacement(p, d, from: nil, without: []) else { return }
        commit([(place.route, place.sequence)])
    }
}

extension LocalSearch {
    /// Refreshes route r's pair sums (after `setRoute` has linked it and summed its loads).
    mutating func setPairSums(_ r: Int) {
        let start = startDepot(r), end = endDepot(r)
        cumNet[start] = 0; prefixPeak[start] = 0; openAfter[start] = 0
        var node = start, open = 0, pairs = 0
        while node != end {
            let c = Int(next[node])
            cumNet[c] = cumNet[node] + data.nodeNet[c]
            prefixPeak[c] = max(prefixPeak[node] + data.nodeDemand[c], cumNet[node] + data.nodeNet[c])
            if data.partnerOf[c] >= 0 { pairs += 1; open += data.isPickup[c] ? 1 : -1 }
            openAfter[c] = open
            node = c
        }
        suffixPeak[end] = 0
        var after = end
        node = Int(prev[end])
        while node != start {
            suffixPeak[node] = data.nodeNet[node] + max(cumLoad[end] - cumLoad[node], suffixPeak[after])
            after = node
            node = Int(prev[node])
        }
        routePairs[r] = pairs
    }

    /// One node after the piece: its deliveries leave, its pair load comes aboard or leaves.
    @inline(__always) func pushPair(_ piece: inout RoutePiece, _ node: Int) {
        piece.peak = max(piece.peak + data.nodeDemand[node], piece.net + data.nodeNet[node])
        piece.net += data.nodeNet[node]
    }

    /// The pair part of `append`: O(1) through the end depot, else node by node.
    @inline(__always) func appendPairs(_ piece: inout RoutePiece, _ a: Int, _ b: Int) {
        if isDepot(b) {
            let delivered = cumLoad[b] - cumLoad[a] + data.nodeDemand[a]
            piece.peak = max(piece.peak + delivered, piece.net + suffixPeak[a])
            piece.net += cumNet[b] - cumNet[a] + data.nodeNet[a]
            return
        }
        var node = a
        while true {
            pushPair(&piece, node)
            if node == b { return }
            node = Int(next[node])
        }
    }

    /// Whether reversing a...b (one route) keeps every pickup before its delivery: no pair
    /// may lie wholly inside the reversed stretch.
    func reversalKeepsPairs(_ a: Int, _ b: Int) -> Bool {
        let low = position[a], high = position[b], r = routeOf[a]
        var node = a
        while true {
            let p = Int(data.partnerOf[node])
            if p >= 0 && routeOf[p] == r && position[p] >= low && position[p] <= high { return false }
            if node == b { return true }
            node = Int(next[node])
        }
    }
}
