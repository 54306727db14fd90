import Testing
@testable import OnTimeCore

@Suite("Construction and search")
struct SearchTests {
    func isPartition(_ solution: Solution, _ n: Int) -> Bool {
        solution.routes.flatMap { $0 }.sorted() == Array(1...n)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func savingsIsFeasibleAndBeatsOneRoutePerCustomer(seed: UInt64) {
        let p = TestData.randomProblem(customers: 60, capacity: 60, seed: seed)
        let s = Savings.solve(p, neighbours: Neighbourhood(problem: p, size: 20))
        #expect(isPartition(s, 60))
        #expect(Verifier.check(p, routes: s.routes).isFeasible)
        let singletons = (1...60).reduce(0) { $0 + p.distance(0, $1) + p.distance($1, 0) }
        #expect(p.cost(of: s) < singletons * 6 / 10)
    }

    @Test func savingsMergesTheObviousPair() {
        // Two customers side by side far from the depot must share a route.
        let points = [Point(x: 0, y: 0), Point(x: 100, y: 0), Point(x: 100, y: 1)]
        let p = Problem(name: "pair", originalIDs: [1, 2, 3], coordinates: points, demands: [0, 1, 1], capacity: 2,
                        vehicleLimit: nil, distances: Matrix(size: 3) { EdgeWeight.roundedEuclidean(points[$0], points[$1]) },
                        convention: .roundedEuclidean)
        let s = Savings.solve(p, neighbours: Neighbourhood(problem: p, size: 1))
        #expect(s.routes.count == 1)
        #expect(p.cost(of: s) == 201)
    }

    @Test(arguments: [4, 5] as [UInt64])
    func localSearchImprovesToALocalOptimum(seed: UInt64) {
        let p = TestData.randomProblem(customers: 50, capacity: 60, seed: seed)
        let neighbours = Neighbourhood(problem: p, size: 10)
        let start = Savings.solve(p, neighbours: neighbours)
        var search = LocalSearch<Matrix, ClassicFeatures>(problem: p, neighbours: neighbours, penalties: Penalties(capacity: 1e6))
        search.load(start)
        var rng = RandomGenerator(seed: seed)
        search.run(rng: &rng)
        let result = search.solution()
        let report = Verifier.check(p, routes: result.routes)
        #expect(report.isFeasible)
        #expect(report.cost <= p.cost(of: start))
        #expect(abs(search.penalisedCost - Double(report.cost)) < 1e-9)
        // Local optimum: no relocate or swap between any pair improves.
        var improving = 0
        for u in 1...50 {
            for vv in neighbours.neighbours(of: u) {
                let v = Int(vv)
                if search.evaluateExchange(u, 1, Int(search.next[v]), 0) < -1e-9 { improving += 1 }
                if search.evaluateExchange(u, 1, v, 1) < -1e-9 { improving += 1 }
                if search.evaluateTwoOptStar(u, v) < -1e-9 { improving += 1 }
            }
        }
        #expect(improving == 0)
    }

    @Test func penaltyTradesDistanceForLoad() {
        // With a tiny penalty the search may overload a route to save distance; with a
        // large one the result must respect capacity.
        let p = TestData.randomProblem(customers: 30, capacity: 40, seed: 9)
        let neighbours = Neighbourhood(problem: p, size: 10)
        var rng = RandomGenerator(seed: 1)
        var cheap = LocalSearch<Matrix, ClassicFeatures>(problem: p, neighbours: neighbours, penalties: Penalties(capacity: 0))
        cheap.load(Solution(routes: (1...30).map { [$0] }))
        cheap.run(rng: &rng)
        var strict = LocalSearch<Matrix, ClassicFeatures>(problem: p, neighbours: neighbours, penalties: Penalties(capacity: 1e6))
        strict.load(Solution(routes: (1...30).map { [$0] }))
        strict.run(rng: &rng)
        // Both visit every customer once, so the verifier can only object to capacity.
        #expect(!Verifier.check(p, routes: cheap.solution().routes).isFeasible)
        #expect(Verifier.check(p, routes: strict.solution().routes).isFeasible)
        #expect(p.cost(of: cheap.solution()) < p.cost(of: strict.solution()))
    }
}

@Suite("Random generator")
struct RandomGeneratorTests {
    @Test func belowCoversItsRangeUniformly() {
        var rng = RandomGenerator(seed: 7)
        var counts = [Int](repeating: 0, count: 10)
        for _ in 0..<100_000 { counts[rng.below(10)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 600 }, "\(counts)")
        let u = (0..<1000).map { _ in rng.unit() }
        #expect(u.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(abs(u.reduce(0, +) / 1000 - 0.5) < 0.05)
    }

    @Test func sameSeedSameStream() {
        var a = RandomGenerator(seed: 99), b = RandomGenerator(seed: 99), c = RandomGenerator(seed: 100)
        let sa = (0..<5).map { _ in a.next() }, sb = (0..<5).map { _ in b.next() }, sc = (0..<5).map { _ in c.next() }
        #expect(sa == sb)
        #expect(sa != sc)
    }
}
