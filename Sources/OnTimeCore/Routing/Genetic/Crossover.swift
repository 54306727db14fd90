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
