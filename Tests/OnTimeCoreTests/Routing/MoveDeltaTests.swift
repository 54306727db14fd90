import Testing
@testable import OnTimeCore

/// Every operator's O(1) delta must equal the change in a from-scratch recomputation
/// of the penalised cost after the move is applied.
@Suite("Move deltas")
struct MoveDeltaTests {
    static let penalty = 7.5

    /// Runs `body` on many random (problem, solution) states with overloaded routes, so that
    /// both distance and penalty terms are exercised.
    func forRandomStates(_ body: (inout LocalSearch, Problem, inout RandomGenerator) -> Void) {
        for seed in 1...25 as ClosedRange<UInt64> {
            var rng = RandomGenerator(seed: seed)
            let problem = TestData.randomProblem(customers: 8 + rng.below(12), capacity: 40, seed: seed)
            let neighbours = Neighbourhood(problem: problem, size: 5)
            var search = LocalSearch(problem: problem, neighbours: neighbours, capacityPenalty: Self.penalty)
            search.load(TestData.randomSolution(problem, routeCount: 2 + rng.below(3), rng: &rng))
            for _ in 0..<40 { body(&search, problem, &rng) }
        }
    }

    func checkApplied(_ search: LocalSearch, _ problem: Problem, before: Double, delta: Double, _ what: String) {
        let after = TestData.penalisedCost(problem, search.solution(), penalty: Self.penalty)
        #expect(abs((after - before) - delta) < 1e-6, "\(what): predicted \(delta), actual \(after - before)")
        #expect(abs(search.penalisedCost - after) < 1e-6, "\(what): cached route costs are stale")
    }

    @Test func exchangeDeltasMatchRecomputation() {
        var tested = 0
        forRandomStates { search, problem, rng in
            let ru = rng.below(search.routes.count), rv = rng.below(search.routes.count)
            let la = 1 + rng.below(2), lb = rng.below(3)
            let i = 1 + rng.below(max(1, search.routes[ru].count)), j = 1 + rng.below(search.routes[rv].count + 1)
            let delta = search.evaluateExchange(ru, i, la, rv, j, lb)
            guard delta.isFinite else { return }
            let before = TestData.penalisedCost(problem, search.solution(), penalty: Self.penalty)
            search.applyExchange(ru, i, la, rv, j, lb)
            checkApplied(search, problem, before: before, delta: delta, "exchange(\(ru),\(i),\(la),\(rv),\(j),\(lb))")
            tested += 1
        }
        #expect(tested > 300)
    }

    @Test func twoOptDeltasMatchRecomputation() {
        var tested = 0
        forRandomStates { search, problem, rng in
            let r = rng.below(search.routes.count)
            let count = search.routes[r].count
            guard count >= 2 else { return }
            let a = 1 + rng.below(count - 1), b = a + 1 + rng.below(count - a)
            let delta = search.evaluateTwoOpt(r, a, b)
            let before = TestData.penalisedCost(problem, search.solution(), penalty: Self.penalty)
            let nodes = search.routes[r].nodes
            search.commit(r, Array(nodes[..<a]) + nodes[a...b].reversed() + nodes[(b + 1)...])
            checkApplied(search, problem, before: before, delta: delta, "2-opt(\(r),\(a),\(b))")
            tested += 1
        }
        #expect(tested > 300)
    }

    @Test func twoOptStarDeltasMatchRecomputation() {
        var tested = 0
        forRandomStates { search, problem, rng in
            let ru = rng.below(search.routes.count), rv = rng.below(search.routes.count)
            guard ru != rv else { return }
            let i = rng.below(search.routes[ru].count + 1), j = rng.below(search.routes[rv].count + 1)
            let reversed = rng.below(2) == 1
            let delta = reversed ? search.evaluateTwoOptStarReversed(ru, i, rv, j) : search.evaluateTwoOptStar(ru, i, rv, j)
            guard delta.isFinite else { return }
            let before = TestData.penalisedCost(problem, search.solution(), penalty: Self.penalty)
            let u = search.routes[ru].nodes, v = search.routes[rv].nodes
            if reversed {
                search.commit(ru, Array(u[...i]) + v[...j].reversed())
                search.commit(rv, Array(u[(i + 1)...].reversed()) + v[(j + 1)...])
            } else {
                search.commit(ru, Array(u[...i]) + v[(j + 1)...])
                search.commit(rv, Array(v[...j]) + u[(i + 1)...])
            }
            checkApplied(search, problem, before: before, delta: delta, "2-opt*(\(ru),\(i),\(rv),\(j),rev=\(reversed))")
            tested += 1
        }
        #expect(tested > 300)
    }

    @Test func invalidExchangesAreRejected() {
        let problem = TestData.randomProblem(customers: 6, seed: 1)
        var search = LocalSearch(problem: problem, neighbours: Neighbourhood(problem: problem, size: 3), capacityPenalty: 1)
        search.load(Solution(routes: [[1, 2, 3, 4, 5, 6]]))
        #expect(search.evaluateExchange(0, 2, 2, 0, 3, 0) == .infinity)  // insertion inside the moved block
        #expect(search.evaluateExchange(0, 2, 1, 0, 2, 0) == .infinity)  // no-op: before itself
        #expect(search.evaluateExchange(0, 2, 1, 0, 3, 0) == .infinity)  // no-op: after itself
        #expect(search.evaluateExchange(0, 2, 2, 0, 3, 1) == .infinity)  // overlapping blocks
        #expect(search.evaluateExchange(0, 6, 2, 0, 1, 1) == .infinity)  // block past the route's end
    }
}
