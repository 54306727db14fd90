import Foundation

/// The smallest arc of directions (seen from the depot) covering a route's customers,
/// on a 0..<65536 circle. SWAP* only pairs routes whose arcs overlap.
struct CircleSector: Equatable {
    var start: Int = 0
    var end: Int = 0
    var isEmpty = true

    static func angle(_ p: Point, from depot: Point) -> Int {
        let a = CircleSector.atan2(p.y - depot.y, p.x - depot.x)  // -pi...pi
        return Int((a / (2 * Double.pi)) * 65536 + 65536) & 65535
    }

    @inline(__always) static func positiveMod(_ x: Int) -> Int { ((x % 65536) + 65536) % 65536 }

    func contains(_ a: Int) -> Bool { CircleSector.positiveMod(a - start) <= CircleSector.positiveMod(end - start) }

    /// Grows the arc by the smaller of the two ways to include direction `a`.
    mutating func extend(with a: Int) {
        if isEmpty { start = a; end = a; isEmpty = false; return }
        if contains(a) { return }
        if CircleSector.positiveMod(a - end) <= CircleSector.positiveMod(start - a) { end = a } else { start = a }
    }

    func overlaps(_ other: CircleSector, tolerance: Int = 0) -> Bool {
        if isEmpty || other.isEmpty { return false }
        var a = self, b = other
        a.start = CircleSector.positiveMod(a.start - tolerance); a.end = CircleSector.positiveMod(a.end + tolerance)
        b.start = CircleSector.positiveMod(b.start - tolerance); b.end = CircleSector.positiveMod(b.end + tolerance)
        return CircleSector.positiveMod(b.start - a.start) <= CircleSector.positiveMod(a.end - a.start)
            || CircleSector.positiveMod(a.start - b.start) <= CircleSector.positiveMod(b.end - b.start)
    }

    /// Polar angle in -pi...pi (Foundation's atan2, wrapped so callers need not import it).
    static func atan2(_ y: Double, _ x: Double) -> Double { Foundation.atan2(y, x) }
}
