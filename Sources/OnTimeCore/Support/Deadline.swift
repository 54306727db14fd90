import Dispatch
import Synchronization

/// A point in monotonic time after which a search must stop.
public struct Deadline: Sendable {
    public let start: UInt64
    public let end: UInt64

    /// - Parameter seconds: budget from now; nil or non-finite means no time limit.
    public init(seconds: Double?) {
        start = DispatchTime.now().uptimeNanoseconds
        if let seconds, seconds.isFinite, seconds >= 0 {
            end = start &+ UInt64(min(seconds, 1e7) * 1e9)
        } else {
            end = .max
        }
    }

    private init(start: UInt64, end: UInt64) {
        self.start = start
        self.end = end
    }

    /// The same start, ending once `fraction` of this budget has passed (no limit when
    /// this has none): e.g. the part of a time limit a preparatory step may use.
    public func share(_ fraction: Double) -> Deadline {
        guard end != .max else { return self }
        return Deadline(start: start, end: start &+ UInt64(Double(end &- start) * min(1, max(0, fraction))))
    }

    @inline(__always) public var hasPassed: Bool { DispatchTime.now().uptimeNanoseconds >= end }
    public var elapsedSeconds: Double { Double(DispatchTime.now().uptimeNanoseconds &- start) / 1e9 }
    public var remainingSeconds: Double {
        let now = DispatchTime.now().uptimeNanoseconds
        return now >= end ? 0 : Double(end &- now) / 1e9
    }
}

/// A flag another thread (e.g. a SIGINT handler) raises to ask a running search to stop
/// and hand back the best solution found so far.
public final class StopFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    private let acted = Atomic<Bool>(false)
    public init() {}
    public func raise() { raised.store(true, ordering: .relaxed) }
    @inline(__always) public var isRaised: Bool { raised.load(ordering: .relaxed) }

    /// Whether the work under way answers a raised flag itself (a search with a plan in
    /// hand, a bench run): until then a signal ends the process at once, since there is
    /// nothing to save and reading or preparing a large instance may not look at the flag
    /// for seconds.
    public var isAnswered: Bool { acted.load(ordering: .relaxed) }
    /// Says that the flag will be answered from now on (see `isAnswered`).
    public func willAnswer() { acted.store(true, ordering: .relaxed) }
}
