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

    /// `grid: false` compares every pair (the reference the grid search must match).
    public init(problem: Problem, size requested: Int, grid useGrid: Bool = true) {
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
        /// Offers v as a neighbour of c: kept when among the k nearest so far.
        @inline(__always) func offer(_ key: Double, _ v: Int) {
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
        @inline(__always) func key(_ c: Int, _ v: Int) -> Double {
            timed ? min(proximity(c, v), proximity(v, c))
                : Double(symmetric ? 2 * problem.distance(c, v) : problem.distance(c, v) + problem.distance(v, c))
        }
        let grid = useGrid ? CustomerGrid(problem: problem) : nil
        for c in 1...n {
            heap.removeAll(keepingCapacity: true)
            if let grid {
                // Rings of grid cells around c until no unvisited customer can be nearer
                // than the k-th found: each key is at least the distance, which is at
                // least the rule's weight of the gap to the unvisited cells (2× without
                // windows, where the key is d(c,v) + d(v,c)).
                let factor = timed ? 1.0 : 2.0
                var ring = 0
                while true {
                    grid.forEach(inRing: ring, around: c) { v in if v != c { offer(key(c, v), v) } }
                    if grid.coversAll(ring: ring, around: c) { break }
                    if heap.count == k && factor * Double(grid.weight(ofGap: Double(ring) * grid.side)) > heap[0].key { break }
                    ring += 1
                }
            } else {
                for v in 1...n where v != c { offer(key(c, v), v) }
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

/// Customers bucketed into square cells, for nearest-neighbour queries on instances whose
/// distances are a monotone rule of the Euclidean distance (EUC_2D, DIMACS): then the
/// customers outside the ring of cells around c that has been searched are at least
/// the gap to that ring away, and never nearer than the rule's weight of that gap.
struct CustomerGrid {
    let side: Double
    let columns: Int
    let rows: Int
    let minX: Double
    let minY: Double
    /// Customers of each cell: `members[start[cell] ..< start[cell + 1]]`.
    let start: [Int32]
    let members: [Int32]
    let cellOf: [Int32]
    let rule: Matrix.EuclideanRule

    init?(problem: Problem) {
        let n = problem.customerCount
        guard n >= 2, let points = problem.coordinates else { return nil }
        switch problem.convention {
        case .roundedEuclidean: rule = .rounded
        case .truncatedTenths: rule = .truncatedTenths
        case .truncatedEuclidean: rule = .truncated
        case .exactMilli: rule = .exactMilli
        case .explicit, .roundedTenths, .haversineTenths: return nil
        }
        let customers = points[1...n]
        let minX = customers.map(\.x).min()!, maxX = customers.map(\.x).max()!
        let minY = customers.map(\.y).min()!, maxY = customers.map(\.y).max()!
        // About two customers per cell.
        let area = max(maxX - minX, 1e-9) * max(maxY - minY, 1e-9)
        let side = max((2 * area / Double(n)).squareRoot(), 1e-9)
        let columns = min(4_096, Int((maxX - minX) / side) + 1), rows = min(4_096, Int((maxY - minY) / side) + 1)
        self.minX = minX; self.minY = minY; self.columns = columns; self.rows = rows
        self.side = max((maxX - minX) / Double(columns), (maxY - minY) / Double(rows), side)
        var cellOf = [Int32](repeating: 0, count: n + 1)
        var count = [Int32](repeating: 0, count: columns * rows + 1)
        for c in 1...n {
            let col = min(columns - 1, Int((points[c].x - minX) / self.side)), row = min(rows - 1, Int((points[c].y - minY) / self.side))
            cellOf[c] = Int32(row * columns + col)
            count[Int(cellOf[c]) + 1] += 1
        }
        for i in 1..<count.count { count[i] += count[i - 1] }
        var fill = count
        var members = [Int32](repeating: 0, count: n)
        for c in 1...n { members[Int(fill[Int(cellOf[c])])] = Int32(c); fill[Int(cellOf[c])] += 1 }
        self.start = count
        self.members = members
        self.cellOf = cellOf
    }

    /// Calls `body` with every customer in the cells at Chebyshev distance `ring` from c's cell.
    @inline(__always) func forEach(inRing ring: Int, around c: Int, _ body: (Int) -> Void) {
        let cell = Int(cellOf[c]), col = cell % columns, row = cell / columns
        func visit(_ x: Int, _ y: Int) {
            guard x >= 0, x < columns, y >= 0, y < rows else { return }
            let k = y * columns + x
            for i in Int(start[k])..<Int(start[k + 1]) { body(Int(members[i])) }
        }
        if ring == 0 { visit(col, row); return }
        for x in (col - ring)...(col + ring) { visit(x, row - ring); visit(x, row + ring) }
        for y in (row - ring + 1)..<(row + ring) { visit(col - ring, y); visit(col + ring, y) }
    }

    /// Whether rings 0...ring around c's cell cover the whole grid.
    func coversAll(ring: Int, around c: Int) -> Bool {
        let cell = Int(cellOf[c]), col = cell % columns, row = cell / columns
        return col - ring <= 0 && row - ring <= 0 && col + ring >= columns - 1 && row + ring >= rows - 1
    }

    /// The least weight of an edge of Euclidean length at least `gap` (slightly less, for
    /// rounding safety).
    func weight(ofGap gap: Double) -> Int {
        Matrix.weight(Point(x: 0, y: 0), Point(x: max(0, gap * (1 - 1e-9)), y: 0), rule)
    }
}
