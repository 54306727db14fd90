/// Late-acceptance hill climbing (Burke and Bykov, EJOR 2017) on penalised cost, with both
/// enhancements of their section 4.2, the acceptance PyVRP 0.14's iterated local search
/// uses: a candidate is accepted when it is cheaper than the current plan or than the plan
/// that was current `length` decisions ago (the start plan while the history is empty);
/// the current plan enters the history only when it is cheaper than the entry it replaces.
///
/// Entries are kept as (distance, excess, time warp), not as prices, so every comparison
/// is made under the penalty weights of the moment, which adapt during the search.
struct LateAcceptance {
    struct Entry: Equatable {
        var distance: Int
        var excess: Int
        var timeWarp: Int

        func price(_ penalties: Penalties) -> Double {
            penalties.cost(distance: distance, excess: excess, timeWarp: timeWarp)
        }
    }

    private var history: [Entry?]
    private var index = 0
    private let start: Entry

    /// `length` ≥ 1 decisions of memory; `start` stands in for entries not yet written.
    init(length: Int, start: Entry) {
        history = Array(repeating: nil, count: max(1, length))
        self.start = start
    }

    /// Whether `candidate` replaces `current` under `penalties`; advances the history by one.
    mutating func accepts(_ candidate: Entry, current: Entry, penalties: Penalties) -> Bool {
        let late = history[index]
        let latePrice = (late ?? start).price(penalties)
        let candidatePrice = candidate.price(penalties)
        let accepted = candidatePrice < latePrice || candidatePrice < current.price(penalties)
        let now = accepted ? candidate : current
        if late == nil || now.price(penalties) < latePrice { history[index] = now }
        index = (index + 1) % history.count
        return accepted
    }
}
