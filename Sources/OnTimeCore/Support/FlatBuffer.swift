/// A fixed-size buffer of plain values for the search's hottest state, read and written
/// without copy-on-write checks and, in release builds, without bounds checks.
///
/// Why this is safe: `LocalSearch` sizes every buffer once, for the largest plan it can
/// hold (one route per customer plus spares), and only indexes it with node or route
/// ids below that size; debug builds still check each index with `assert`, and the
/// move-delta tests exercise every operator in debug. A buffer is a reference: copies of
/// the struct that holds it share it.
final class FlatBuffer<Element: BitwiseCopyable> {
    let count: Int
    @usableFromInline let base: UnsafeMutablePointer<Element>

    init(count: Int, repeating value: Element) {
        self.count = count
        base = UnsafeMutablePointer<Element>.allocate(capacity: max(1, count))
        base.initialize(repeating: value, count: max(1, count))
    }

    deinit { base.deallocate() }

    @inlinable @inline(__always)
    subscript(index: Int) -> Element {
        get {
            assert(index >= 0 && index < count, "FlatBuffer index \(index) out of 0..<\(count)")
            return base[index]
        }
        set {
            assert(index >= 0 && index < count, "FlatBuffer index \(index) out of 0..<\(count)")
            base[index] = newValue
        }
    }

    /// Sets every element to `value`.
    func fill(_ value: Element) {
        base.update(repeating: value, count: count)
    }
}
