/// A fixed-size buffer of plain values for the search's hottest state, read and written
/// without copy-on-write checks and, in release builds, without bounds checks.
///
/// Why this is safe: `LocalSearch` sizes every buffer once, for the largest plan it can
/// hold (one route per customer plus spares), and only indexes it with node or route
/// ids below that size; debug builds still check each index with `assert`, and the
/// move-delta tests exercise every operator in debug.
///
/// A buffer owns its memory and cannot be copied (`~Copyable`): a struct holding one
/// cannot be copied either, so two searches never share state by accident, and writing
/// an element is `mutating`, so a function that does not say it changes the search
/// cannot change it (the compiler checks both).
struct FlatBuffer<Element: BitwiseCopyable>: ~Copyable {
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
    mutating func fill(_ value: Element) {
        base.update(repeating: value, count: count)
    }
}
