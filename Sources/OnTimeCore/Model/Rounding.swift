/// How a VRPLIB or Solomon file's numbers become OnTime's integers: PyVRP's rounding
/// functions (`pyvrp.read(where, round_func=...)`), under the same names and meanings.
///
/// | name | a value v becomes | internal units per input unit |
/// |---|---|---|
/// | `round` | v rounded to the nearest integer | 1 |
/// | `trunc` | v truncated towards zero | 1 |
/// | `dimacs` | 10 · v truncated (tenths, the DIMACS VRPTW convention) | 10 |
/// | `exact` | 1000 · v rounded to the nearest integer | 1000 |
/// | `none` | v as it is; it must already be an integer | 1 |
///
/// As in PyVRP, the function applies to every edge weight (the Euclidean distance of two
/// nodes for `EUC_2D`, the file's weight for `EXPLICIT`, used as both distance and travel
/// time), and to time windows and service times. Demands and capacities are kept in the
/// file's integers (PyVRP scales both alike, which changes no plan). OnTime computes in
/// integers, so `none` refuses coordinate instances (their distances are not integers)
/// and non-integer values; it reads explicit integer matrices as they are.
///
/// `round` is TSPLIB's `nint` (halves away from zero) where numpy rounds halves to even:
/// the two differ only on an exact half, which the Euclidean distance of integer
/// coordinates never is (a square root of an integer is an integer or irrational).
public enum Rounding: String, Sendable, CaseIterable {
    case round, trunc, dimacs, exact, none

    /// Internal units per input unit.
    public var scale: Int {
        switch self {
        case .dimacs: return 10
        case .exact: return 1000
        case .round, .trunc, .none: return 1
        }
    }

    /// The integer a value becomes; nil when it cannot be one (`none` and a fraction, or
    /// a value too large for a weight).
    public func apply(_ value: Double) -> Int? {
        let scaled: Double
        switch self {
        case .round: scaled = value.rounded(.toNearestOrAwayFromZero)
        case .trunc: scaled = value.rounded(.towardZero)
        case .dimacs: scaled = (10 * value).rounded(.towardZero)
        case .exact: scaled = (1000 * value).rounded(.toNearestOrAwayFromZero)
        case .none:
            guard value == value.rounded(.towardZero) else { return nil }
            scaled = value
        }
        guard scaled.isFinite, abs(scaled) <= Double(Matrix.maximumWeight) else { return nil }
        return Int(scaled)
    }

    /// Whether every distance among `points` (at most the bounding box's diagonal) is a
    /// weight under this rounding.
    public func fits(_ points: [Point]) -> Bool {
        guard let first = points.first else { return true }
        var low = first, high = first
        for p in points {
            low.x = Swift.min(low.x, p.x); low.y = Swift.min(low.y, p.y)
            high.x = Swift.max(high.x, p.x); high.y = Swift.max(high.y, p.y)
        }
        let (dx, dy) = (high.x - low.x, high.y - low.y)
        return apply((dx * dx + dy * dy).squareRoot()) != nil
    }

    /// The rule computing weights from coordinates; nil for `none`.
    public var euclideanRule: Matrix.EuclideanRule? {
        switch self {
        case .round: return .rounded
        case .trunc: return .truncated
        case .dimacs: return .truncatedTenths
        case .exact: return .exactMilli
        case .none: return nil
        }
    }

    /// The distance convention of weights computed from coordinates under this rounding.
    public var convention: DistanceConvention? {
        switch self {
        case .round: return .roundedEuclidean
        case .trunc: return .truncatedEuclidean
        case .dimacs: return .truncatedTenths
        case .exact: return .exactMilli
        case .none: return nil
        }
    }

    /// The rounding a best-known list names by PyVRP's `round_func` (e.g. the
    /// `pyvrp_round_func` column of `bks-variants.csv`), as a convention of OnTime's.
    public static func convention(pyvrpName name: String) -> DistanceConvention? {
        Rounding(rawValue: name.lowercased())?.convention
    }
}
