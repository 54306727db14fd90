/// A square matrix of non-negative integer weights. Two representations behind one
/// subscript:
/// - **stored**: flat, row-major `Int32` (half the cache footprint of `Int` for the
///   search's hottest reads) — explicit matrices, and coordinate instances up to
///   `storedLimit` nodes;
/// - **computed**: for larger coordinate instances, each weight is computed from the two
///   points under the distance rule when asked (a square root), so memory stays O(n)
///   instead of O(n²): 10,000 nodes would otherwise take 400 MB.
public struct Matrix: EdgeWeights, Equatable {
    public let size: Int
    @usableFromInline let storage: [Int32]
    /// The rule when weights are computed; nil when they are stored.
    @usableFromInline let rule: EuclideanRule?
    @usableFromInline let xs: [Double]
    @usableFromInline let ys: [Double]
    /// True when `self[i, j] == self[j, i]` for every pair (computed once).
    public let isSymmetric: Bool
    /// The largest weight, computed once (for computed matrices, an upper bound: the
    /// weight of the bounding box's diagonal).
    public let maximum: Int

    /// How a weight follows from two points (see `EdgeWeight`).
    public enum EuclideanRule: Sendable, Equatable {
        /// TSPLIB `nint`.
        case rounded
        /// DIMACS: truncated to one decimal, in tenths.
        case truncatedTenths
        /// Truncated to an integer.
        case truncated
        /// In thousandths, rounded to the nearest integer.
        case exactMilli
    }

    /// Most nodes of a coordinate instance whose weights are stored (36 MB).
    public static let storedLimit = 3_000

    /// Largest weight accepted, so that sums over any route of up to 10^5
    /// edges stay far from `Int` overflow and a single weight fits `Int32`.
    public static let maximumWeight = Int(Int32.max) / 2

    /// The weight of a pair with no road between them (explicit matrices with missing
    /// entries): larger than any weight a file may give.
    public static let unreachable = maximumWeight

    /// - Precondition: `values.count == size * size`, all in 0...maximumWeight (callers validate).
    public init(size: Int, values: [Int32]) {
        precondition(values.count == size * size, "matrix storage does not match its size")
        self.size = size
        self.storage = values
        self.rule = nil
        self.xs = []
        self.ys = []
        var symmetric = true
        var largest: Int32 = 0
        for i in 0..<size {
            for j in 0..<size {
                let w = values[i * size + j]
                largest = max(largest, w)
                if j > i && w != values[j * size + i] { symmetric = false }
            }
        }
        isSymmetric = symmetric
        maximum = Int(largest)
    }

    /// Builds a matrix by evaluating `weight(i, j)` for every ordered pair.
    public init(size: Int, weight: (Int, Int) -> Int) {
        var values = [Int32](repeating: 0, count: size * size)
        values.withUnsafeMutableBufferPointer { buffer in
            for i in 0..<size {
                for j in 0..<size where i != j {
                    buffer[i * size + j] = Int32(clamping: weight(i, j))
                }
            }
        }
        self.init(size: size, values: values)
    }

    /// The weights of `points` under `rule`: stored up to `storedLimit` points (or when
    /// `stored` is true), computed on demand above.
    public init(points: [Point], rule: EuclideanRule, stored: Bool? = nil) {
        if stored ?? (points.count <= Self.storedLimit) {
            self.init(size: points.count) { i, j in Self.weight(points[i], points[j], rule) }
        } else {
            self.init(computed: points, rule: rule)
        }
    }

    private init(computed points: [Point], rule: EuclideanRule) {
        size = points.count
        storage = []
        self.rule = rule
        xs = points.map(\.x)
        ys = points.map(\.y)
        isSymmetric = true
        let corner = Point(x: xs.min() ?? 0, y: ys.min() ?? 0), opposite = Point(x: xs.max() ?? 0, y: ys.max() ?? 0)
        maximum = Self.weight(corner, opposite, rule)
    }

    static func weight(_ a: Point, _ b: Point, _ rule: EuclideanRule) -> Int {
        switch rule {
        case .rounded: return EdgeWeight.roundedEuclidean(a, b)
        case .truncatedTenths: return EdgeWeight.truncatedTenths(a, b)
        case .truncated: return EdgeWeight.truncatedEuclidean(a, b)
        case .exactMilli: return EdgeWeight.exactMilli(a, b)
        }
    }

    /// The weights among `nodes` only (node k of the result is `nodes[k]` here), in the
    /// same representation.
    public func restricted(to nodes: [Int]) -> Matrix {
        if let rule {
            return Matrix(computed: nodes.map { Point(x: xs[$0], y: ys[$0]) }, rule: rule)
        }
        var values = [Int32](repeating: 0, count: nodes.count * nodes.count)
        for (a, i) in nodes.enumerated() {
            for (b, j) in nodes.enumerated() { values[a * nodes.count + b] = storage[i * size + j] }
        }
        return Matrix(size: nodes.count, values: values)
    }

    /// Whether the weights are computed from coordinates rather than stored.
    public var isComputed: Bool { rule != nil }

    /// The stored weights as a type of their own, without the computed case's branch
    /// (nil for computed matrices): the local search is specialised for it.
    public var stored: StoredWeights? { rule == nil ? StoredWeights(size: size, storage: storage) : nil }

    @inlinable @inline(__always)
    public subscript(i: Int, j: Int) -> Int {
        // The stored case is the hot one: keep it a load; the computed one out of line.
        if _fastPath(rule == nil) { return Int(storage.withUnsafeBufferPointer { $0[i &* size &+ j] }) }
        return computed(i, j)
    }

    @usableFromInline @inline(never)
    func computed(_ i: Int, _ j: Int) -> Int {
        Self.weight(Point(x: xs[i], y: ys[i]), Point(x: xs[j], y: ys[j]), rule!)
    }
}

/// Integer edge weights by node pair: what the local search reads in its innermost
/// loops, as a generic parameter so that each representation gets specialised code.
public protocol EdgeWeights: Sendable {
    subscript(i: Int, j: Int) -> Int { get }
}

/// A stored, row-major weight matrix and nothing else: reading it is one load.
public struct StoredWeights: EdgeWeights {
    @usableFromInline let size: Int
    @usableFromInline let storage: [Int32]

    @inlinable @inline(__always)
    public subscript(i: Int, j: Int) -> Int { Int(storage.withUnsafeBufferPointer { $0[i &* size &+ j] }) }
}
