import Testing
@testable import OnTimeCore

/// Every operator's O(1) delta must equal the change in a from-scratch recomputation
/// of the penalised cost after the move is applied.
@Suite("Move deltas")
struct MoveDeltaTests {
    static let penalty = 7.5
    static let timeWarpPenalty = 0.75

    /// Runs `body` on many random (problem, solution) states with overloaded routes, so that
    /// both distance and penalty terms are exercised: CVRP states for the first 25 seeds,
    /// VRPTW states (random routes, so plenty of time warp) for the next 25.
    func forRandomStates(_ body: (inout LocalSearch<Matrix, ClassicFeatures>, Problem, inout RandomGenerator) -> Void) {
        for seed in 1...50 as ClosedRange<UInt64> {
            var rng = RandomGenerator(seed: seed)
            let size = 8 + rng.below(12)
            let problem = seed <= 25 ? TestData.randomProblem(customers: size, capacity: 40, seed: seed)
                : TestData.randomTimeWindowProblem(customers: size, capacity: 40, seed: seed)
            let neighbours = Neighbourhood(problem: problem, size: 5)
            var search = LocalSearch<Matrix, ClassicFeatures>(problem: problem, neighbours: neighbours,
                                     penalties: Penalties(capacity: Self.penalty, timeWarp: Self.timeWarpPenalty))
            search.load(TestData.randomSolution(problem, routeCount: 2 + rng.below(3), rng: &rng))
            if seed > 25 { #expect(search.totalTimeWarp > 0, "the time-window states must exercise time warp") }
            for _ in 0..<40 { body(&search, problem, &rng) }
        }
    }

    func cost(_ problem: Problem, _ solution: Solution) -> Double {
        TestData.penalisedCost(problem, solution, penalty: Self.penalty, timeWarpPenalty: Self.timeWarpPenalty)
    }

    /// A random node of the search: a customer, or (when `depots`) also a depot copy.
    func randomNode(_ search: borrowing LocalSearch<Matrix, ClassicFeatures>, _ rng: inout RandomGenerator, depots: Bool) -> Int {
        depots ? 1 + rng.below(search.data.n + 2 * search.routeCount) : 1 + rng.below(search.data.n)
    }

    func checkApplied(_ search: borrowing LocalSearch<Matrix, ClassicFeatures>, _ problem: Problem, before: Double, delta: Double, _ what: String) {
        let after = cost(problem, search.solution())
        #expect(abs((after - before) - delta) < 1e-6, "\(what): predicted \(delta), actual \(after - before)")
        #expect(abs(search.penalisedCost - after) < 1e-6, "\(what): cached route costs are stale")
    }

    @Test func exchangeDeltasMatchRecomputation() {
        var tested = 0
        forRandomStates { search, problem, rng in
            let a = randomNode(search, &rng, depots: false)
            let la = 1 + rng.below(2), lb = rng.below(3)
            let b = randomNode(search, &rng, depots: lb == 0)
            let delta = search.evaluateExchange(a, la, b, lb)
            guard delta.isFinite else { return }
            // Leaving time warp out gives a lower bound (exact without windows).
            let bound = search.evaluateExchange(a, la, b, lb, time: false)
            #expect(search.data.timed ? bound <= delta + 1e-9 : abs(bound - delta) < 1e-9)
            let before = cost(problem, search.solution())
            search.applyExchange(a, la, b, lb)
            checkApplied(search, problem, before: before, delta: delta, "exchange(\(a),\(la),\(b),\(lb))")
            tested += 1
        }
        #expect(tested > 300)
    }

    @Test func twoOptDeltasMatchRecomputation() {
        var tested = 0
        forRandomStates { search, problem, rng in
            let a = randomNode(search, &rng, depots: false), b = randomNode(search, &rng, depots: false)
            let delta = search.evaluateTwoOpt(a, b)
            guard delta.isFinite else { return }
            #expect(search.evaluateTwoOpt(a, b, time: false) <= delta + 1e-9)
            let before = cost(problem, search.solution())
            #expect(search.improveTwoOpt(a, b) == (delta < -1e-9))
            if delta < -1e-9 { checkApplied(search, problem, before: before, delta: delta, "2-opt(\(a),\(b))") }
            tested += 1
        }
        #expect(tested > 100)
    }

    /// Applies a 2-opt* variant whatever its delta, to compare with the prediction.
    @Test func twoOptStarDeltasMatchRecomputation() {
        var tested = 0
        forRandomStates { search, problem, rng in
            let u = randomNode(search, &rng, depots: true), v = randomNode(search, &rng, depots: true)
            let reversed = rng.below(2) == 1
            let delta = reversed ? search.evaluateTwoOptStarReversed(u, v) : search.evaluateTwoOptStar(u, v)
            guard delta.isFinite else { return }
            if !reversed { #expect(search.evaluateTwoOptStar(u, v, time: false) <= delta + 1e-9) }
            let before = cost(problem, search.solution())
            if reversed { search.applyTwoOptStarReversed(u, v) } else { search.applyTwoOptStar(u, v) }
            checkApplied(search, problem, before: before, delta: delta, "2-opt*(\(u),\(v),rev=\(reversed))")
            tested += 1
        }
        #expect(tested > 300)
    }

    @Test func swapStarDeltasMatchRecomputation() {
        var tested = 0
        forRandomStates { search, problem, rng in
            let ru = rng.below(search.routeCount), rv = rng.below(search.routeCount)
            guard ru != rv, search.routeSize[ru] > 0, search.routeSize[rv] > 0 else { return }
            guard let move = search.bestSwapStar(ru, rv) else { return }
            let before = cost(problem, search.solution())
            // Without windows the pair search's delta is exact; with them the exact one is
            // computed separately (the pair search prices distance and load only).
            let delta = search.data.timed ? search.exactSwapStarDelta(u: move.u, uAfter: move.uAfter, v: move.v, vAfter: move.vAfter)
                : move.delta
            search.applySwapStar(u: move.u, uAfter: move.uAfter, v: move.v, vAfter: move.vAfter)
            checkApplied(search, problem, before: before, delta: delta, "swap*(\(move))")
            tested += 1
        }
        #expect(tested > 50)
    }

    @Test func invalidExchangesAreRejected() {
        let problem = TestData.randomProblem(customers: 6, seed: 1)
        var search = LocalSearch<Matrix, ClassicFeatures>(problem: problem, neighbours: Neighbourhood(problem: problem, size: 3), penalties: Penalties(capacity: 1))
        search.load(Solution(routes: [[1, 2, 3, 4, 5, 6]]))
        #expect(search.evaluateExchange(2, 2, 3, 0) == .infinity)  // insertion inside the moved block
        #expect(search.evaluateExchange(2, 1, 2, 0) == .infinity)  // no-op: before itself
        #expect(search.evaluateExchange(2, 1, 3, 0) == .infinity)  // no-op: after itself
        #expect(search.evaluateExchange(2, 2, 3, 1) == .infinity)  // overlapping blocks
        #expect(search.evaluateExchange(6, 2, 1, 1) == .infinity)  // block past the route's end
        #expect(search.evaluateExchange(1, 1, search.startDepot(0), 0) == .infinity)  // before a start depot
    }
}
