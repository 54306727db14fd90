import Testing
@testable import OnTimeCore

@Suite("Route pool and set partitioning")
struct SetPartitioningTests {
    @Test func poolKeepsTheCheapestOrderPerCustomerSet() {
        var pool = RoutePool(capacity: 3)
        pool.add([1, 2, 3], cost: 30)
        pool.add([3, 2, 1], cost: 25)  // same set, cheaper order replaces it
        pool.add([4], cost: 8)
        pool.add([2, 1, 3], cost: 40)  // same set, dearer: ignored
        #expect(pool.count == 2)
        #expect(pool.routes[0] == [3, 2, 1] && pool.costs[0] == 25)
        pool.add([5], cost: 1)
        pool.add([6], cost: 1)  // over capacity: ignored
        #expect(pool.count == 3)
    }

    @Test func choosesTheCheapestCoverAndRemovesDuplicates() throws {
        let p = TestData.randomProblem(customers: 6, capacity: 1000, seed: 21)
        func cost(_ r: [Int32]) -> Int { p.cost(of: Solution(routes: [r.map(Int.init)])) }
        var pool = RoutePool()
        let candidates: [[Int32]] = [[1], [2], [3], [4], [5], [6], [1, 2, 3], [4, 5, 6], [3, 4], [1, 2, 3, 4, 5, 6]]
        for r in candidates { pool.add(r, cost: cost(r)) }
        let outcome = try #require(SetPartitioning.solve(pool: pool, problem: p, timeLimit: 5))
        #expect(outcome.proven)
        // Brute force over all subsets of the pool that cover every customer.
        var best = Int.max
        for mask in 1..<(1 << candidates.count) {
            var covered = Set<Int32>()
            var total = 0
            for k in 0..<candidates.count where mask & (1 << k) != 0 { covered.formUnion(candidates[k]); total += cost(candidates[k]) }
            if covered.count == 6 { best = min(best, total) }
        }
        let report = Verifier.check(p, routes: outcome.solution.routes, claimedCost: outcome.cost)
        #expect(report.isFeasible, "\(report.violations)")
        // Removing duplicates can only help under the triangle inequality (up to rounding).
        #expect(outcome.cost <= best + 2)
    }

    @Test func theIncumbentJoinsAFullPoolAndBoundsTheAnswer() throws {
        let p = TestData.randomProblem(customers: 6, capacity: 1000, seed: 21)
        func cost(_ r: [Int32]) -> Int { p.cost(of: Solution(routes: [r.map(Int.init)])) }
        var pool = RoutePool(capacity: 2)
        pool.add([1, 2, 3], cost: cost([1, 2, 3]))
        pool.add([4, 5], cost: cost([4, 5]))
        pool.add([6], cost: cost([6]))  // full: ignored, so the pool alone covers nothing whole
        #expect(pool.count == 2)
        #expect(SetPartitioning.solve(pool: pool, problem: p, timeLimit: 1) == nil)
        let incumbent: [[Int32]] = [[1, 2], [3, 4], [5, 6]]
        let outcome = try #require(SetPartitioning.solve(pool: pool, problem: p, incumbent: incumbent, timeLimit: 1))
        let incumbentCost = p.cost(of: Solution(routes: incumbent.map { $0.map(Int.init) }))
        #expect(outcome.cost <= incumbentCost)
        #expect(Verifier.check(p, routes: outcome.solution.routes, claimedCost: outcome.cost).isFeasible)
    }

    @Test func uncoverableCustomerGivesNoPlan() {
        let p = TestData.randomProblem(customers: 3, seed: 2)
        var pool = RoutePool()
        pool.add([1, 2], cost: 10)
        #expect(SetPartitioning.solve(pool: pool, problem: p, timeLimit: 1) == nil)
    }

    @Test func hgsWithSetPartitioningIsVerifiedAndNoWorse() throws {
        let p = try InstanceReader.read(path: TestData.demo)
        var on = SolverOptions(timeLimit: nil, seed: 5, maxIterations: 1200, algorithm: .hgs)
        on.setPartitioning = true
        let r = try RoutingSolver.solve(p, options: on)
        #expect(r.setPartitioningCalls >= 2)  // at 1,000 offspring and at the end
        #expect(Verifier.check(p, routes: r.solution.routes, claimedCost: r.cost).isFeasible)
    }
}
