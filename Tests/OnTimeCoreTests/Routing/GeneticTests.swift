import Testing
@testable import OnTimeCore

@Suite("Genetic components")
struct GeneticTests {
    /// Brute force over all 2^(n-1) ways to cut a tour into consecutive routes.
    func bruteForceSplit(_ tour: [Int32], cost: ([[Int32]]) -> Double) -> Double {
        let n = tour.count
        var best = Double.infinity
        for mask in 0..<(1 << (n - 1)) {
            var routes: [[Int32]] = [[tour[0]]]
            for k in 1..<n {
                if mask & (1 << (k - 1)) != 0 { routes.append([]) }
                routes[routes.count - 1].append(tour[k])
            }
            best = min(best, cost(routes))
        }
        return best
    }

    func bruteForceSplit(_ tour: [Int32], _ problem: Problem, penalty: Double) -> Double {
        bruteForceSplit(tour) { TestData.penalisedCost(problem, Solution(routes: $0.map { $0.map(Int.init) }), penalty: penalty) }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func splitIsOptimal(seed: UInt64) {
        var rng = RandomGenerator(seed: seed)
        let problem = TestData.randomProblem(customers: 10, capacity: 25, seed: seed)
        var tour = (1...10).map(Int32.init)
        tour.shuffle(using: &rng)
        for penalty in [0.5, 3.0, 100.0] {
            let routes = Split.split(tour, problem: problem, penalty: penalty)
            #expect(routes.flatMap { $0 } == tour, "split must keep the tour order")
            let cost = TestData.penalisedCost(problem, Solution(routes: routes.map { $0.map(Int.init) }), penalty: penalty)
            #expect(abs(cost - bruteForceSplit(tour, problem, penalty: penalty)) < 1e-9, "penalty \(penalty)")
        }
    }

    @Test func orderedCrossoverKeepsAStretchAndIsAPermutation() {
        var rng = RandomGenerator(seed: 5)
        let n = 30
        for _ in 0..<200 {
            var a = (1...n).map(Int32.init), b = a
            a.shuffle(using: &rng); b.shuffle(using: &rng)
            let child = Crossover.ordered(a, b, customers: n, rng: &rng)
            #expect(child.sorted() == (1...n).map(Int32.init))
            // At least two positions hold the first parent's customers in place.
            #expect(zip(child, a).filter { $0 == $1 }.count >= 2)
        }
        // Identical parents give the same tour.
        let p = (1...n).map(Int32.init)
        #expect(Crossover.ordered(p, p, customers: n, rng: &rng) == p)
    }

    @Test func brokenPairsDistance() {
        let problem = TestData.randomProblem(customers: 6, seed: 2)
        let a = Individual(id: 1, routes: [[1, 2, 3], [4, 5, 6]], problem: problem)
        let same = Individual(id: 2, routes: [[3, 2, 1], [6, 5, 4]], problem: problem)  // reversed routes
        let other = Individual(id: 3, routes: [[1, 4], [2, 5], [3, 6]], problem: problem)
        #expect(a.brokenPairsDistance(to: a) == 0)
        #expect(a.brokenPairsDistance(to: same) == 0)
        #expect(a.brokenPairsDistance(to: other) > 0.5)
        #expect(a.distance == problem.cost(of: a.solution))
    }

    @Test func penaltyFollowsTheFeasibleShare() {
        let problem = TestData.randomProblem(customers: 10, seed: 3)
        var manager = PenaltyManager(problem: problem)
        let start = manager.penalties.capacity
        #expect(manager.penalties.timeWarp == 0)  // no windows: time warp is never priced
        for _ in 0..<100 { _ = manager.record(excess: 1, timeWarp: 0) }
        #expect(manager.penalties.capacity > start * 1.19)
        let raised = manager.penalties.capacity
        for _ in 0..<100 { _ = manager.record(excess: 0, timeWarp: 0) }
        #expect(manager.penalties.capacity < raised * 0.86)
        let lowered = manager.penalties.capacity
        for k in 0..<100 { _ = manager.record(excess: k % 5 == 0 ? 0 : 3, timeWarp: 0) }  // exactly the 20 % target
        #expect(manager.penalties.capacity == lowered)
        #expect(manager.penalties.timeWarp == 0)
    }

    @Test func timeWarpPenaltyAdaptsOnItsOwn() {
        let problem = TestData.randomTimeWindowProblem(customers: 10, seed: 3)
        var manager = PenaltyManager(problem: problem)
        let load = manager.penalties.capacity, warp = manager.penalties.timeWarp
        #expect(warp > 0)
        // Load always kept (too many feasible: its weight falls), windows never kept (rises).
        for _ in 0..<100 { _ = manager.record(excess: 0, timeWarp: 5) }
        #expect(manager.penalties.capacity < load * 0.86)
        #expect(manager.penalties.timeWarp > warp * 1.19)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func timeWindowSplitIsOptimal(seed: UInt64) {
        // Capacity high enough that the 1.5× load bound of the split never binds.
        var rng = RandomGenerator(seed: seed)
        let problem = TestData.randomTimeWindowProblem(customers: 10, capacity: 1000, seed: seed)
        var tour = (1...10).map(Int32.init)
        tour.shuffle(using: &rng)
        for warpPenalty in [0.2, 1.0, 50.0] {
            let penalties = Penalties(capacity: 1, timeWarp: warpPenalty)
            let routes = Split.split(tour, problem: problem, penalties: penalties)
            #expect(routes.flatMap { $0 } == tour, "split must keep the tour order")
            func cost(_ routes: [[Int32]]) -> Double {
                TestData.penalisedCost(problem, Solution(routes: routes.map { $0.map(Int.init) }), penalty: 1, timeWarpPenalty: warpPenalty)
            }
            #expect(abs(cost(routes) - bruteForceSplit(tour, cost: cost)) < 1e-9, "time-warp penalty \(warpPenalty)")
        }
    }

    @Test func populationStaysBoundedAndKeepsTheBest() {
        let problem = TestData.randomProblem(customers: 25, capacity: 40, seed: 4)
        var population = Population()
        var rng = RandomGenerator(seed: 4)
        var bestCost = Int.max
        for id in 1...200 {
            var tour = (1...25).map(Int32.init)
            tour.shuffle(using: &rng)
            let ind = Individual(id: id, routes: Split.split(tour, problem: problem, penalties: Penalties(capacity: 1e6)), problem: problem)
            #expect(ind.isFeasible)
            bestCost = min(bestCost, ind.distance)
            population.add(ind, penalties: Penalties(capacity: 1e6))
            #expect(population.feasible.count <= 65)
        }
        #expect(population.feasible.count >= 25)
        #expect(population.feasible.map(\.distance).min() == bestCost)
        population.updateFitness(penalties: Penalties(capacity: 1e6))
        #expect(population.feasible.allSatisfy { $0.biasedFitness >= 0 && $0.biasedFitness <= 2 })
    }

    @Test func hybridGeneticSearchIsRepeatableAndVerified() throws {
        let p = try InstanceReader.read(path: TestData.demo)
        let options = SolverOptions(timeLimit: nil, seed: 9, maxIterations: 300, algorithm: .hgs)
        let a = try RoutingSolver.solve(p, options: options)
        let b = try RoutingSolver.solve(p, options: options)
        #expect(a.solution == b.solution)
        #expect(a.iterations == 300)
        let report = Verifier.check(p, routes: a.solution.routes, claimedCost: a.cost)
        #expect(report.isFeasible, "\(report.violations)")
        #expect(a.cost <= a.initialCost)
    }
}
