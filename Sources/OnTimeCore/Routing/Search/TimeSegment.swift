/// Time-window summary of a stretch of consecutive visits, mergeable in O(1): the
/// "time warp" model of Vidal, Crainic, Gendreau and Prins (2013, "A hybrid genetic
/// algorithm with adaptive diversity management for a large class of vehicle routing
/// problems with time-windows").
///
/// A vehicle that would arrive after a window closes is allowed to "travel back in
/// time" to the closing time, and the amount travelled back is the time warp: a stretch
/// is time-window feasible exactly when its time warp is 0, and the search prices time
/// warp with a penalty instead of forbidding it, so that every move stays evaluable.
/// Starting as early as possible never increases time warp (waiting is allowed), so the
/// time warp of a whole route equals a forward simulation that leaves the depot when it
/// opens and warps back at each late arrival (`Problem.timeWarp(of:)`).
struct TimeSegment: Equatable {
    /// Least total time of the stretch: service, travel and unavoidable waiting.
    var duration: Int
    /// Time warp accumulated inside the stretch.
    var timeWarp: Int
    /// Earliest and latest start of service at its first visit that achieve `duration`
    /// and `timeWarp`.
    var earliest: Int
    var latest: Int

    /// One visit with window [ready, due] and `service` time units spent there.
    @inline(__always) init(ready: Int, due: Int, service: Int) {
        duration = service; timeWarp = 0; earliest = ready; latest = due
    }

    @inline(__always) init(duration: Int, timeWarp: Int, earliest: Int, latest: Int) {
        self.duration = duration; self.timeWarp = timeWarp; self.earliest = earliest; self.latest = latest
    }

    static let zero = TimeSegment(duration: 0, timeWarp: 0, earliest: 0, latest: 0)

    /// This stretch followed by `next`, `travel` time units apart.
    @inline(__always) func followed(by next: TimeSegment, travel: Int) -> TimeSegment {
        // Time from the start of service at our first visit to arrival at next's first,
        // when we start at our latest feasible moment minus what is warped.
        let reach = duration - timeWarp + travel
        let waiting = max(next.earliest - reach - latest, 0)
        let warp = max(earliest + reach - next.latest, 0)
        return TimeSegment(duration: duration + next.duration + travel + waiting,
                           timeWarp: timeWarp + next.timeWarp + warp,
                           earliest: max(next.earliest - reach, earliest) - waiting,
                           latest: min(next.latest - reach, latest) + warp)
    }
}

/// Weights of the penalised objective the search works with: distance, plus
/// `capacity` per unit of load above capacity, plus `timeWarp` per unit of time warp.
struct Penalties: Equatable {
    var capacity: Double
    var timeWarp: Double

    init(capacity: Double, timeWarp: Double = 0) {
        self.capacity = capacity
        self.timeWarp = timeWarp
    }

    @inline(__always) func cost(distance: Int, excess: Int, timeWarp warp: Int) -> Double {
        Double(distance) + capacity * Double(excess) + timeWarp * Double(warp)
    }

    /// Both weights multiplied by `factor` (e.g. for repair).
    func scaled(by factor: Double) -> Penalties { Penalties(capacity: capacity * factor, timeWarp: timeWarp * factor) }
}
