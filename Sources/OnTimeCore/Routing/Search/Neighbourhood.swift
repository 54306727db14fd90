/// Granular neighbour lists: for each customer, its `size` nearest other customers
/// (by symmetric distance d(i,j) + d(j,i)), nearest first. Local search only
/// considers moves that bring a customer next to one of its neighbours.
///
/// With time windows "near" also means "compatible in time" (Vidal et al. 2013): the
/// proximity of i then j is d(i,j) + 0.2 × the least waiting at j + 1 × the least
/// time warp at j when j directly follows i, and a pair's proximity is the smaller of
/// its two directions.
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
        var heap: [(key: Double, node: Int)] = []
        heap.reserveCapacity(k)
        @inline(__always) func worse(_ a: (key: Double, node: Int), _ b: (key: Double, node: Int)) -> Bool {
            a.key != b.key ? a.key > b.key : a.node > b.node
        }
        let symmetric = problem.distances.isSymmetric
        let timed = problem.hasTimeWindows
        func proximity(_ i: Int, _ j: Int) -> Double {
            let travel = problem.duration(i, j), service = problem.serviceTimes[i]
            let waiting = max(problem.readyTimes[j] - service - travel - problem.dueTimes[i], 0)
            let warp = max(problem.readyTimes[i] + service + travel - problem.dueTimes[j], 0)
            return Double(problem.distance(i, j)) + 0.2 * Double(waiting) + Double(warp)
        }
        for c in 1...n {
            heap.removeAll(keepingCapacity: true)
            for v in 1...n where v != c {
                let d = problem.distance(c, v)
                let key = timed ? min(proximity(c, v), proximity(v, c))
                    : Double(symmetric ? 2 * d : d + problem.distance(v, c))
                let entry = (key: key, node: v)
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
