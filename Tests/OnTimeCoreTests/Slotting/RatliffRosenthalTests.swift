import Foundation
import Testing
@testable import OnTimeCore

@Suite("Optimal picker tours (Ratliff–Rosenthal)")
struct SlottingRatliffRosenthalTests {
    static let heuristics: [PickingPolicy] = [.sShape, .return, .largestGap]

    /// Random warehouses and pick lists of up to 10 distinct locations: the programme
    /// matches Held–Karp and never loses to a heuristic. The depot takes turns being on
    /// an aisle, between aisles, left of every aisle and right of every aisle.
    @Test func matchesHeldKarpOnRandomWarehouses() {
        var rng = RandomGenerator(seed: 2024)
        for instance in 0..<400 {
            let aisles = 1 + rng.below(8), bays = 1 + rng.below(8)
            let spacing = [1, 3, 4.2][rng.below(3)], bayWidth = [0.7, 1, 1.5][rng.below(3)]
            let crossAisle = [0, 1, 2, 3.5][rng.below(4)]
            let span = Double(aisles - 1) * spacing
            let depotX: Double
            switch instance % 4 {
            case 0: depotX = Double(rng.below(aisles)) * spacing
            case 1: depotX = aisles == 1 ? 0 : (Double(rng.below(aisles - 1)) + 0.1 + 0.8 * rng.unit()) * spacing
            case 2: depotX = -0.5 - 6 * rng.unit()
            default: depotX = span + 0.5 + 6 * rng.unit()
            }
            let w = Warehouse(aisles: aisles, baysPerAisle: bays, levels: 1 + rng.below(2), aisleSpacing: spacing,
                              bayWidth: bayWidth, crossAisleWidth: crossAisle, depotX: depotX)
            let router = PickingRouter(warehouse: w)
            // Half the lists crowd a few aisles, so that aisles carry several picks.
            let narrow = rng.below(2) == 0 ? Array(0..<aisles).shuffled(using: &rng).prefix(1 + rng.below(3)) : Array(0..<aisles)[...]
            var picks: [Int] = []
            for _ in 0..<(1 + rng.below(14)) {
                let aisle = narrow.randomElement(using: &rng)!
                let candidate = w.slot(aisle: aisle, bay: rng.below(bays), side: rng.below(2), level: 1 + rng.below(w.levels))
                if router.locations(picks + [candidate.index]).count <= 10 { picks.append(candidate.index) }
            }
            let optimal = router.tourLength(picks, policy: .optimal)
            let reference = router.heldKarpLength(picks)!
            #expect(abs(optimal - reference) < 1e-9, "instance \(instance): \(optimal) vs Held–Karp \(reference), depot \(depotX)")
            for policy in Self.heuristics {
                #expect(optimal <= router.tourLength(picks, policy: policy) + 1e-9, "instance \(instance): \(policy)")
            }
        }
    }

    /// 4 aisles 3 m apart (x = 0, 3, 6, 9), back cross aisle at y = 6, depot at x = 0.
    /// Picks: aisle 1 at 3.5; aisle 2 at 1.5 and 4.5; aisle 3 at 3.5; aisle 4 at 1.5.
    /// Shortest: up aisle 1 (6), along the back to x = 6 (6) with a dip into aisle 2 down
    /// to 4.5 and back (3), down aisle 3 (6), along the front to x = 9 (3), into aisle 4 to
    /// 1.5 and back (3), along the front home (9) with a dip into aisle 2 up to 1.5 and back
    /// (3): 39. Aisle 2 is split at its largest gap (1.5 to 4.5), entered from both ends.
    /// S-shape: 18 across + 4 × 6 = 42; return: 18 + 7 + 9 + 7 + 3 = 44; largest gap (which
    /// must traverse aisles 1 and 4): 18 + 12 + 6 + 2 × (6 − 3.5) = 41.
    @Test func largestGapSplitBeatsEveryHeuristic() {
        let w = Warehouse(aisles: 4, baysPerAisle: 4, levels: 1, aisleSpacing: 3, bayWidth: 1, crossAisleWidth: 2, depotX: 0)
        let router = PickingRouter(warehouse: w)
        let picks = [w.slot(aisle: 0, bay: 2), w.slot(aisle: 1, bay: 0), w.slot(aisle: 1, bay: 3, side: 1),
                     w.slot(aisle: 2, bay: 2), w.slot(aisle: 3, bay: 0)].map(\.index)
        #expect(router.tourLength(picks, policy: .optimal) == 39)
        #expect(router.heldKarpLength(picks) == 39)
        #expect(router.tourLength(picks, policy: .sShape) == 42)
        #expect(router.tourLength(picks, policy: .return) == 44)
        #expect(router.tourLength(picks, policy: .largestGap) == 41)
        // The depot left of every aisle (x = −3): the same tour and 3 m each way, 45.
        // Right of every aisle (x = 12), no split: along the front to x = 3 (9), up aisle 2
        // (6), back to x = 0 (3), into aisle 1 from the back to 3.5 and out (5), along the
        // back to x = 6 (6), down aisle 3 (6), along the front to x = 9 (3), into aisle 4 to
        // 1.5 and back (3), home (3): 44.
        for (depotX, expected) in [(-3.0, 45.0), (12, 44)] {
            let moved = PickingRouter(warehouse: Warehouse(aisles: 4, baysPerAisle: 4, levels: 1, aisleSpacing: 3, bayWidth: 1,
                                                           crossAisleWidth: 2, depotX: depotX))
            #expect(moved.tourLength(picks, policy: .optimal) == expected, "depot at \(depotX)")
            #expect(moved.heldKarpLength(picks) == expected, "depot at \(depotX)")
        }
    }

    /// 3 aisles (x = 0, 3, 6), depot between the second and third at x = 4.5, one pick at
    /// y = 4.5 in the first and one in the third aisle: the back cross aisle must pass the
    /// depot's column.
    @Test func depotBetweenAislesUsesTheBackCrossAisle() {
        let w = Warehouse(aisles: 3, baysPerAisle: 4, levels: 1, aisleSpacing: 3, bayWidth: 1, crossAisleWidth: 2, depotX: 4.5)
        let router = PickingRouter(warehouse: w)
        let picks = [w.slot(aisle: 0, bay: 3).index, w.slot(aisle: 2, bay: 3).index]
        // Front to x = 0 (4.5), up aisle 1 (6), back to x = 6 (6), down aisle 3 (6), front to 4.5 (1.5).
        #expect(router.tourLength(picks, policy: .optimal) == 24)
        #expect(router.heldKarpLength(picks) == 24)
        // Returning into both aisles instead: 2 × 4.5 + 2 × 1.5 + 2 × 4.5 + 2 × 4.5 = 30.
        #expect(router.tourLength(picks, policy: .return) == 30)
    }

    /// 200 picks over 30 aisles: no heuristic is shorter, the tour covers the span, longer
    /// pick lists never get shorter tours, and it is fast (one pass over the aisles).
    @Test func largePickListsAreFastAndNeverLongerThanAHeuristic() {
        let w = Warehouse(aisles: 30, baysPerAisle: 25, levels: 3, aisleSpacing: 3, bayWidth: 1.2, crossAisleWidth: 2.5, depotX: 43)
        let router = PickingRouter(warehouse: w)
        var rng = RandomGenerator(seed: 7)
        let elapsed = ContinuousClock().measure {
            for _ in 0..<20 {
                let picks = (0..<200).map { _ in rng.below(w.slots.count) }
                let optimal = router.tourLength(picks, policy: .optimal)
                for policy in Self.heuristics {
                    #expect(optimal <= router.tourLength(picks, policy: policy) + 1e-9, "\(policy)")
                }
                let xs = picks.map { w.slots[$0].x }
                #expect(optimal >= 2 * (max(xs.max()!, w.depotX) - min(xs.min()!, w.depotX)))
                // Prefixes of the list: a tour through more picks is never shorter.
                var previous = 0.0
                for count in stride(from: 10, through: 200, by: 10) {
                    let length = router.tourLength(Array(picks.prefix(count)), policy: .optimal)
                    #expect(length >= previous - 1e-9, "\(count) picks")
                    previous = length
                }
            }
        }
        #expect(elapsed < .seconds(10), "\(elapsed)")
    }
}
