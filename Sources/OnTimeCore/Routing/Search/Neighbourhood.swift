/// Granular neighbour lists: for each customer, its `size` nearest other customers
/// (by symmetric distance d(i,j) + d(j,i)), nearest first. Local search only
/// considers moves that bring a customer next to one of its neighbours.
public struct Neighbourhood: Sendable {
    public let size: Int
    /// Flat row-major: neighbours of customer c are `lists[(c-1)*size ..< c*size]`.
    @usableFromInline let lists: [Int32]

    public init(problem: Problem, size requested: Int) {
        let n = problem.customerCount
        let k = max(0, min(requested, n - 1))
        size = k
        var lists = [Int32](repeating: 0, count: n * k)
        guard k > 0 else { self.lists = lists; return }
        var candidates: [(key: Int, node: Int)] = []
        candidates.reserveCapacity(n)
        for c in 1...n {
            candidates.removeAll(keepingCapacity: true)
            for v in 1...n where v != c {
                candidates.append((problem.distance(c, v) + problem.distance(v, c), v))
            }
            // Partial selection of the k nearest, ties broken by index for determinism.
            candidates.sort { $0.key != $1.key ? $0.key < $1.key : $0.node < $1.node }
            for t in 0..<k { lists[(c - 1) * k + t] = Int32(candidates[t].node) }
        }
        self.lists = lists
    }

    @inlinable public func neighbours(of customer: Int) -> ArraySlice<Int32> {
        lists[((customer - 1) * size)..<(customer * size)]
    }
}
