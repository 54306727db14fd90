import Testing
@testable import OnTimeCore

@Suite("Solver")
struct SolverTests {
    @Test func sameSeedSamePlan() throws {
        let p = try InstanceReader.read(path: TestData.demo)
        let options = SolverOptions(timeLimit: nil, seed: 42, maxIterations: 150)
        let a = try RoutingSolver.solve(p, options: options)
        let b = try RoutingSolver.solve(p, options: options)
        #expect(a.solution == b.solution)
        #expect(a.iterations == 150 && a.stopReason == .iterationLimit)
        let report = Verifier.check(p, routes: a.solution.routes, claimedCost: a.cost)
        #expect(report.isFeasible, "\(report.violations)")
        #expect(a.cost <= a.initialCost)
    }

    @Test func costIsVerifiedOnRandomInstances() throws {
        for seed in 1...4 as ClosedRange<UInt64> {
            let p = TestData.randomProblem(customers: 40, capacity: 45, seed: seed)
            let r = try RoutingSolver.solve(p, options: SolverOptions(timeLimit: nil, seed: seed, maxIterations: 60))
            let report = Verifier.check(p, routes: r.solution.routes, claimedCost: r.cost)
            #expect(report.isFeasible, "seed \(seed): \(report.violations)")
        }
    }

    @Test(.enabled(if: TestData.sharedAvailable))
    func timeLimitIsHonoured() throws {
        let p = try InstanceReader.read(path: TestData.x("X-n101-k25.vrp"))
        let limit = 1.0
        let deadline = Deadline(seconds: nil)
        let r = try RoutingSolver.solve(p, options: SolverOptions(timeLimit: limit, seed: 1))
        let wall = deadline.elapsedSeconds
        #expect(r.stopReason == .timeLimit)
        // 5 % of the budget plus a small allowance for the final local-search step (debug build).
        #expect(wall < limit * 1.05 + 0.15, "took \(wall) s for a \(limit) s limit")
        #expect(wall >= limit)
        #expect(Verifier.check(p, routes: r.solution.routes, claimedCost: r.cost).isFeasible)
    }

    @Test func stopFlagEndsTheSearchWithTheBestSoFar() throws {
        let p = try InstanceReader.read(path: TestData.demo)
        let stop = StopFlag()
        var reports = 0
        let r = try RoutingSolver.solve(p, options: SolverOptions(timeLimit: 60, seed: 3), stop: stop) { _ in
            reports += 1
            stop.raise()
        }
        #expect(r.stopReason == .interrupted)
        #expect(reports >= 1)
        #expect(Verifier.check(p, routes: r.solution.routes, claimedCost: r.cost).isFeasible)
    }

}

@Suite("Algorithm choice and ILS")
struct AlgorithmTests {
    @Test func autoPicksBySize() {
        let small = TestData.randomProblem(customers: 50, seed: 1)
        let large = TestData.randomProblem(customers: Algorithm.autoHGSLimit + 1, seed: 1)
        #expect(Algorithm.auto.resolved(for: small) == .hgs)
        #expect(Algorithm.auto.resolved(for: large) == .ils)
        #expect(Algorithm.ils.resolved(for: small) == .ils)
    }

    @Test func iteratedLocalSearchIsRepeatableAndVerified() throws {
        let p = TestData.randomProblem(customers: 60, capacity: 45, seed: 12)
        let options = SolverOptions(timeLimit: nil, seed: 4, maxIterations: 400, algorithm: .ils)
        let a = try RoutingSolver.solve(p, options: options)
        let b = try RoutingSolver.solve(p, options: options)
        #expect(a.solution == b.solution)
        #expect(a.algorithm == .ils && a.iterations == 400)
        let report = Verifier.check(p, routes: a.solution.routes, claimedCost: a.cost)
        #expect(report.isFeasible, "\(report.violations)")
        #expect(a.cost < a.initialCost)
    }

    @Test func updateRebuildsOnlyChangedRoutes() {
        let p = TestData.randomProblem(customers: 9, capacity: 100, seed: 2)
        var search = LocalSearch<Matrix, ClassicFeatures>(problem: p, neighbours: Neighbourhood(problem: p, size: 4), penalties: Penalties(capacity: 1e6))
        search.load(Solution(routes: [[1, 2, 3], [4, 5, 6], [7, 8, 9]]))
        let stamps = (0..<3).map { search.routeStamp[$0] }
        search.update(routes: [[1, 2, 3], [4, 6, 5], [7, 8, 9]])
        #expect(search.routeStamp[0] == stamps[0])
        #expect(search.routeStamp[1] > stamps[1])
        #expect(search.routeStamp[2] == stamps[2])
        #expect(search.indexedRoutes().prefix(3) == [[1, 2, 3], [4, 6, 5], [7, 8, 9]])
        #expect(search.totalDistance == p.cost(of: Solution(routes: [[1, 2, 3], [4, 6, 5], [7, 8, 9]])))
        // Emptying a route keeps its index.
        search.update(routes: [[1, 2, 3, 4, 5, 6], [], [7, 8, 9]])
        #expect(search.indexedRoutes()[1] == [])
        #expect(search.indexedRoutes()[2] == [7, 8, 9])
    }
}

@Suite("Solver edge cases")
struct SolverEdgeCaseTests {
    @Test func singleCustomerReturnsAtOnce() throws {
        let p = TestData.randomProblem(customers: 1, seed: 3)
        let start = Deadline(seconds: nil)
        let r = try RoutingSolver.solve(p, options: SolverOptions(timeLimit: 30))
        #expect(start.elapsedSeconds < 1)
        #expect(r.stopReason == .exhausted)
        #expect(r.solution.routes == [[1]])
    }

    @Test func aLimitIsRequired() {
        let p = TestData.randomProblem(customers: 5, seed: 3)
        #expect(throws: SolverError.self) { try RoutingSolver.solve(p, options: SolverOptions(timeLimit: nil, maxIterations: nil)) }
    }

    @Test func zeroDemandsAndIdenticalPoints() throws {
        // All customers at the depot with no demand: any plan costs 0; must not crash or loop.
        let points = [Point](repeating: Point(x: 5, y: 5), count: 8)
        let p = Problem(name: "degenerate", originalIDs: Array(1...8), coordinates: points, demands: [Int](repeating: 0, count: 8),
                        capacity: 1, vehicleLimit: nil, distances: Matrix(size: 8) { _, _ in 0 }, convention: .roundedEuclidean)
        for algorithm in [Algorithm.hgs, .ils] {
            let r = try RoutingSolver.solve(p, options: SolverOptions(timeLimit: nil, maxIterations: 50, algorithm: algorithm))
            #expect(Verifier.check(p, routes: r.solution.routes, claimedCost: r.cost).isFeasible)
            #expect(r.cost == 0)
        }
    }
}
