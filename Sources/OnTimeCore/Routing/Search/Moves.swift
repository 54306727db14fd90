import Foundation

/// The local search's moves, by the name `--moves-off` and the statistics use.
///
/// **The contract every move keeps** (one file per family in `Routing/Operators/`, named
/// after it; the search calls them through `LocalSearch.attempt`):
/// - `evaluate…(…) -> Double` reads the route state and changes nothing (it is not
///   `mutating`; the compiler holds it to that). It returns the exact change in
///   penalised cost (`LocalSearch.penalties`) the move would make, or +infinity when the
///   move is invalid (a pair cut, a skill missing, a vehicle type with none left).
///   Evaluators may first return a lower bound computed without time segments
///   (`time: false`), which can only reject: a move is applied only when the exact
///   delta is below −1e-9.
/// - `apply…(…)` is called only right after an evaluation of the same arguments that
///   improved, on the same state; it rebuilds the touched routes through `commit` (their
///   prefix sums, segments, stamps), after which every cached route cost is exact again.
/// - `improve…(…) -> Bool` is evaluate-then-apply and says whether it applied.
/// - A move may assume: every routed node's `next`/`prev`/`routeOf`/`position` and prefix
///   sums are current; routes `0..<routeCount` are in use and at least one is empty
///   (a spare, kept by `commit`); nodes it is given are customers or depot copies of
///   routes in use. It may not assume the plan is feasible.
/// Their deltas are tested against a full recomputation on random states
/// (`MoveDeltaTests`).
public enum MoveKind: Int, CaseIterable, Sendable {
    /// u moved after v (PyVRP's Exchange10).
    case exchange10
    /// u and its successor moved after v (Exchange20).
    case exchange20
    /// u and v swapped (Exchange11).
    case exchange11
    /// u and its successor swapped with v (Exchange21).
    case exchange21
    /// u and its successor swapped with v and its successor (Exchange22).
    case exchange22
    /// A stretch of one route reversed.
    case twoOpt
    /// Two routes exchange their tails.
    case twoOptStar
    /// Two routes: a head joined to the other's head reversed (symmetric, no windows).
    case twoOptStarReversed
    /// A customer moved to an empty route.
    case emptyRoute
    /// SWAP* between routes whose polar sectors overlap (Vidal 2022).
    case swapStar
    /// A pickup-and-delivery pair moved together.
    case pairRelocate
    /// An optional customer visited, left out, or traded for another.
    case optional
    /// A customer swapped for another of its group (one of several alternatives).
    case alternatives

    /// The name on the command line and in statistics.
    public var name: String {
        switch self {
        case .exchange10: "exchange10"
        case .exchange20: "exchange20"
        case .exchange11: "exchange11"
        case .exchange21: "exchange21"
        case .exchange22: "exchange22"
        case .twoOpt: "two-opt"
        case .twoOptStar: "two-opt-star"
        case .twoOptStarReversed: "two-opt-star-reversed"
        case .emptyRoute: "empty-route"
        case .swapStar: "swap-star"
        case .pairRelocate: "pair-relocate"
        case .optional: "optional"
        case .alternatives: "alternatives"
        }
    }

    public init?(name: String) {
        guard let kind = MoveKind.allCases.first(where: { $0.name == name }) else { return nil }
        self = kind
    }

    /// The moves of `exchange(a, la, b, lb)`: la customers from a, lb from b.
    @inline(__always) static func exchange(_ la: Int, _ lb: Int) -> MoveKind {
        switch (la, lb) {
        case (1, 0): .exchange10
        case (2, 0): .exchange20
        case (1, 1): .exchange11
        case (2, 1): .exchange21
        default: .exchange22
        }
    }
}

/// A set of moves (a bit per `MoveKind`).
public struct MoveSet: Sendable, Equatable {
    public var bits: UInt32
    public init(bits: UInt32) { self.bits = bits }
    public static let all = MoveSet(bits: (1 << UInt32(MoveKind.allCases.count)) - 1)
    public static let none = MoveSet(bits: 0)
    @inline(__always) public func contains(_ kind: MoveKind) -> Bool { bits & (1 << UInt32(kind.rawValue)) != 0 }
    public mutating func remove(_ kind: MoveKind) { bits &= ~(1 << UInt32(kind.rawValue)) }
    public func removing(_ kinds: [MoveKind]) -> MoveSet {
        var set = self
        for kind in kinds { set.remove(kind) }
        return set
    }

    /// The moves named in a comma-separated list (`--moves-off`), or the first unknown name.
    public static func parse(_ list: String) -> Result<[MoveKind], MoveNameError> {
        var kinds: [MoveKind] = []
        for raw in list.split(separator: ",", omittingEmptySubsequences: false) {
            let name = raw.trimmingCharacters(in: .whitespaces)
            guard let kind = MoveKind(name: name) else { return .failure(MoveNameError(name: name)) }
            kinds.append(kind)
        }
        return .success(kinds)
    }
}

public struct MoveNameError: Error, Sendable, CustomStringConvertible {
    public let name: String
    public var description: String {
        "unknown move '\(name)' (moves: \(MoveKind.allCases.map(\.name).joined(separator: ", ")))"
    }
}

/// What one move did during a search: how often it was evaluated, how often it improved
/// (and was applied), and an estimate of the time it took: one attempt in
/// `MoveStatistics.timingStride` is timed (evaluation and application together; a clock
/// read per attempt would cost as much as the attempt), and the search's time is shared
/// among the moves in proportion.
public struct MoveStatistics: Sendable, Equatable {
    public let kind: MoveKind
    public var evaluations: Int
    public var improvements: Int
    public var seconds: Double

    /// One attempt in this many is timed.
    public static let timingStride = 256

    /// `{"exchange10": {"evaluations": …, "improvements": …, "seconds": …}, …}` for the
    /// moves that were evaluated at least once.
    public static func json(_ statistics: [MoveStatistics]) -> String {
        let entries = statistics.filter { $0.evaluations > 0 }.map {
            "\"\($0.kind.name)\": {\"evaluations\": \($0.evaluations), \"improvements\": \($0.improvements), \"seconds\": \(String(format: "%.3f", $0.seconds))}"
        }
        return "{" + entries.joined(separator: ", ") + "}"
    }

    /// Adds `other`'s counts move by move (both lists in `MoveKind` order).
    public static func sum(_ a: [MoveStatistics], _ b: [MoveStatistics]) -> [MoveStatistics] {
        guard !a.isEmpty else { return b }
        guard !b.isEmpty else { return a }
        return zip(a, b).map { MoveStatistics(kind: $0.kind, evaluations: $0.evaluations + $1.evaluations,
                                              improvements: $0.improvements + $1.improvements, seconds: $0.seconds + $1.seconds) }
    }
}

extension LocalSearch {
    /// Runs one attempt of `kind` (`body`: an `improve…` call) when the move is on,
    /// counting it; returns whether it improved.
    @inline(__always)
    mutating func attempt(_ kind: MoveKind, _ body: (inout Self) -> Bool) -> Bool {
        guard moves.contains(kind) else { return false }
        let k = kind.rawValue
        let count = moveTally[3 &* k] &+ 1
        moveTally[3 &* k] = count
        let improved: Bool
        if count & (MoveStatistics.timingStride - 1) != 0 {
            improved = body(&self)
        } else {
            improved = timedAttempt(k, body)
        }
        if improved { moveTally[3 &* k &+ 1] &+= 1 }
        return improved
    }

    @inline(never)
    mutating func timedAttempt(_ k: Int, _ body: (inout Self) -> Bool) -> Bool {
        let start = DispatchTime.now().uptimeNanoseconds
        let improved = body(&self)
        moveTally[3 &* k &+ 2] &+= Int(DispatchTime.now().uptimeNanoseconds &- start)
        return improved
    }

    /// Each move's evaluations, improvements and estimated seconds since the search was
    /// made: the wall time spent in `run` shared among the moves in proportion to their
    /// timed attempts (so the seconds add up to the search's time, its bookkeeping included).
    public func moveStatistics() -> [MoveStatistics] {
        let sampled = MoveKind.allCases.reduce(0) { $0 + moveTally[3 * $1.rawValue + 2] }
        return MoveKind.allCases.map { kind in
            let k = kind.rawValue
            let share = sampled > 0 ? Double(moveTally[3 * k + 2]) / Double(sampled) : 0
            return MoveStatistics(kind: kind, evaluations: moveTally[3 * k], improvements: moveTally[3 * k + 1],
                                  seconds: share * Double(searchNanoseconds) / 1e9)
        }
    }
}
