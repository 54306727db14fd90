/// Ordered crossover (OX) on giant tours: the child keeps a random circular stretch of
/// the first parent in place and fills the rest with the remaining customers in the
/// order they appear in the second parent, starting after the stretch.
enum Crossover {
    static func ordered(_ first: [Int32], _ second: [Int32], customers n: Int, rng: inout RandomGenerator) -> [Int32] {
        let size = first.count
        guard size > 1 else { return first }
        let start = rng.below(size)
        var end = rng.below(size)
        while end == start { end = rng.below(size) }
        var child = [Int32](repeating: 0, count: size)
        var taken = [Bool](repeating: false, count: n + 1)
        var k = start
        while true {
            child[k] = first[k]
            taken[Int(first[k])] = true
            if k == end { break }
            k = (k + 1) % size
        }
        var write = (end + 1) % size
        for t in 1...size {
            let c = second[(end + t) % size]
            if taken[Int(c)] { continue }
            child[write] = c
            write = (write + 1) % size
        }
        return child
    }
}

extension Crossover {
    /// Route-based crossover for problems beyond the classic one, where a giant tour has no
    /// single depot or fleet to be split for (in the spirit of SREX, Nagata and Kobayashi
    /// 2010): a run of consecutive routes of `first` (routes are ordered by direction from
    /// the depot, so the run covers a sector), about a quarter to a half of them, kept
    /// with their vehicles; then the routes of `second` without the customers already
    /// placed, each kept while its vehicle type has vehicles left. Customers that end up in
    /// no route are inserted by the local search (`LocalSearch.insertUnrouted`).
    static func routes(_ first: Individual, _ second: Individual, problem: Problem, rng: inout RandomGenerator) -> Solution {
        var used = [Int](repeating: 0, count: problem.vehicleTypes.count)
        var placed = [Bool](repeating: false, count: problem.customerCount + 1)
        var routes: [[Int]] = [], vehicles: [Int] = []
        func take(_ route: [Int], _ type: Int) {
            routes.append(route)
            vehicles.append(type)
            used[type] += 1
            for c in route {
                placed[c] = true
                // Alternatives of a job: one placed places them all.
                if problem.groupOf[c] >= 0 { for other in problem.groups[problem.groupOf[c]] { placed[other] = true } }
            }
        }
        let m = first.routes.count
        if m > 0 {
            let count = max(1, m / 4 + rng.below(max(1, m / 4 + 1)))
            let start = rng.below(m)
            for k in 0..<min(count, m) {
                let r = (start + k) % m
                take(first.routes[r].map(Int.init), first.vehicles[r])
            }
        }
        for (route, type) in zip(second.routes, second.vehicles) {
            let rest = route.map(Int.init).filter { !placed[$0] }
            guard !rest.isEmpty, used[type] < problem.vehicleTypes[type].count ?? Int.max else { continue }
            take(rest, type)
        }
        return Solution(routes: routes, vehicles: vehicles)
    }
}
