/// A dense square matrix of non-negative integer weights, stored flat and
/// row-major as `Int32` to halve the cache footprint of the search's hottest reads.
public struct Matrix: Sendable, Equatable {
    public let size: Int
    @usableFromInline let storage: [Int32]
    /// True when `self[i, j] == self[j, i]` for every pair (computed once).
    public let isSymmetric: Bool
    /// The largest weight (computed once).
    public let maximum: Int

    /// Largest weight accepted, so that sums over any route of up to 10^5
    /// edges stay far from `Int` overflow and a single weight fits `Int32`.
    public static let maximumWeight = Int(Int32.max) / 2

    /// - Precondition: `values.count == size * size`, all in 0...maximumWeight (callers validate).
    public init(size: Int, values: [Int32]) {
        precondition(values.count == size * size, "matrix storage does not match its size")
        self.size = size
        self.storage = values
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

    @inlinable @inline(__always)
    public subscript(i: Int, j: Int) -> Int {
        Int(storage.withUnsafeBufferPointer { $0[i &* size &+ j] })
    }

}
