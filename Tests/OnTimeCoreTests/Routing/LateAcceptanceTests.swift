import Testing
@testable import OnTimeCore

@Suite("Late acceptance")
struct LateAcceptanceTests {
    typealias Entry = LateAcceptance.Entry
    func plain(_ distance: Int) -> Entry { Entry(distance: distance, excess: 0, timeWarp: 0) }
    let weights = Penalties(capacity: 10, timeWarp: 100)
    func decide(_ acceptance: inout LateAcceptance, _ candidate: Entry, _ current: Entry, _ penalties: Penalties) -> Bool {
        acceptance.accepts(candidate, current: current, penalties: penalties)
    }

    @Test func whileTheHistoryIsEmptyTheStartPlanIsTheMeasure() {
        var acceptance = LateAcceptance(length: 3, start: plain(100))
        // Worse than the current plan (90) but cheaper than the start (100): accepted.
        #expect(decide(&acceptance, plain(95), plain(90), weights))
        // Dearer than both: refused.
        #expect(!decide(&acceptance, plain(101), plain(90), weights))
    }

    @Test func aCandidateIsMeasuredAgainstThePlanOfLengthDecisionsAgo() {
        var acceptance = LateAcceptance(length: 2, start: plain(1_000))
        // Two decisions fill the history with the plans current after them: 50, then 40.
        #expect(decide(&acceptance, plain(50), plain(60), weights))
        #expect(decide(&acceptance, plain(40), plain(50), weights))
        // The third decision compares with the entry of two decisions ago (50): 45 passes
        // although the current plan is 40, and takes that entry's place.
        #expect(decide(&acceptance, plain(45), plain(40), weights))
        // The fourth compares with 40: 46 is dearer than it and than the current 45.
        #expect(!decide(&acceptance, plain(46), plain(45), weights))
        // The fifth compares with 45 (written by the third), not 50: 47 is refused.
        #expect(!decide(&acceptance, plain(47), plain(43), weights))
    }

    @Test func entriesArePricedUnderTheWeightsOfTheMoment() {
        var acceptance = LateAcceptance(length: 1, start: plain(100))
        let warped = Entry(distance: 80, excess: 0, timeWarp: 1)
        // Under weight 100 a unit of time warp makes 80 dearer than the start's 100.
        #expect(!decide(&acceptance, warped, plain(100), weights))
        // Under weight 1 it is cheaper.
        #expect(decide(&acceptance, warped, plain(100), Penalties(capacity: 1, timeWarp: 1)))
    }
}
