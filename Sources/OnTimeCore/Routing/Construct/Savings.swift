/// Clarke–Wright parallel savings, restricted to granular neighbour pairs so it
/// scales to large instances: start with one route per customer and merge the
/// routes of i and j (ends joined) in decreasing order of d(0,i) + d(j,0) - d(i,j)
/// while capacity allows.
public enum Savings {
    public static func solve(_ problem: Problem, neighbours: Neighbourhood) -> Solution {
        let n = problem.customerCount
        guard n > 0 else { return Solution(routes: []) }
        let symmetric = problem.distances.isSymmetric
        struct Saving { var value: Int; var i: Int32; var j: Int32 }
        var savings: [Saving] = []
        savings.reserveCapacity(n * neighbours.size)
        for i in 1...n {
            for jj in neighbours.neighbours(of: i) {
                let j = Int(jj)
                if symmetric && j < i { continue }  // (i, j) and (j, i) are the same merge
                let s = problem.distance(i, 0) + problem.distance(0, j) - problem.distance(i, j)
                if s > 0 { savings.append(Saving(value: s, i: Int32(i), j: jj)) }
            }
        }
        savings.sort { a, b in a.value != b.value ? a.value > b.value : (a.i != b.i ? a.i < b.i : a.j < b.j) }

        // Routes as arrays; owner[c] is the route index holding c.
        var routes: [[Int]] = (0...n).map { $0 == 0 ? [] : [$0] }
        var owner = Array(0...n)
        var load = problem.demands

        for s in savings {
            let i = Int(s.i), j = Int(s.j)
            let ri = owner[i], rj = owner[j]
            if ri == rj || load[ri] + load[rj] > problem.capacity { continue }
            // Directed merge: route ending in i, then route starting with j.
            let iLast = routes[ri].last == i, iFirst = routes[ri].first == i
            let jFirst = routes[rj].first == j, jLast = routes[rj].last == j
            var merged: [Int]
            if iLast && jFirst {
                merged = routes[ri] + routes[rj]
            } else if symmetric && iFirst && jLast {
                merged = routes[rj] + routes[ri]
            } else if symmetric && iLast && jLast {
                merged = routes[ri] + routes[rj].reversed()
            } else if symmetric && iFirst && jFirst {
                merged = routes[ri].reversed() + routes[rj]
            } else {
                continue
            }
            routes[ri] = merged
            routes[rj] = []
            load[ri] += load[rj]
            load[rj] = 0
            for c in merged { owner[c] = ri }
        }
        return Solution(routes: routes)
    }
}
