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
        // For each customer keep the k nearest in a bounded max-heap (O(n log k) per
        // customer), ties broken by index so the lists are deterministic.
        var heap: [(key: Int, node: Int)] = []
        heap.reserveCapacity(k)
        @inline(__always) func worse(_ a: (key: Int, node: Int), _ b: (key: Int, node: Int)) -> Bool {
            a.key != b.key ? a.key > b.key : a.node > b.node
        }
        let symmetric = problem.distances.isSymmetric
        for c in 1...n {
            heap.removeAll(keepingCapacity: true)
            for v in 1...n where v != c {
                let d = problem.distance(c, v)
                let entry = (key: symmetric ? 2 * d : d + problem.distance(v, c), node: v)
                if heap.count < k {
                    heap.append(entry)
                    var i = heap.count - 1
                    while i > 0 {
                        let parent = (i - 1) / 2
                        guard worse(heap[i], heap[parent]) else { break }
                        heap.swapAt(i, parent); i = parent
                    }
                } else if worse(heap[0], entry) {
                    heap[0] = entry
                    var i = 0
                    while true {
                        let l = 2 * i + 1, r = l + 1
                        var top = i
                        if l < k && worse(heap[l], heap[top]) { top = l }
                        if r < k && worse(heap[r], heap[top]) { top = r }
                        if top == i { break }
                        heap.swapAt(i, top); i = top
                    }
                }
            }
            heap.sort { worse($1, $0) }
            for t in 0..<k { lists[(c - 1) * k + t] = Int32(heap[t].node) }
        }
        self.lists = lists
    }

    @inlinable public func neighbours(of customer: Int) -> ArraySlice<Int32> {
        lists[((customer - 1) * size)..<(customer * size)]
    }
}
