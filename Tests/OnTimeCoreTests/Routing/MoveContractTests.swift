import Testing
@testable import OnTimeCore

/// The moves' contract as the search uses it: switching a move off takes it out of the
/// search, and the statistics count every applied move exactly once.
@Suite("Moves: switches and statistics")
struct MoveContractTests {
    func search(_ p: Problem, moves: MoveSet, seed: UInt64 = 1) -> (statistics: [MoveStatistics], applied: Int, cost: Int, solution: Solution) {
        let neighbours = Neighbourhood(problem: p, size: 10)
        var search = LocalSearch<Matrix, ClassicFeatures>(problem: p, neighbours: neighbours,
                                                          penalties: Penalties(capacity: 1e6, timeWarp: p.hasTimeWindows ? 1e6 : 0))
        search.moves = moves
        var rng = RandomGenerator(seed: seed)
        search.load(TestData.randomSolution(p, routeCount: 8, rng: &rng))
        search.run(rng: &rng)
        return (search.moveStatistics(), search.appliedMoves, search.totalDistance, search.solution())
    }

    @Test(arguments: [false, true])
    func everyAppliedMoveIsCountedOnceAsAnImprovement(windows: Bool) {
        let p = windows ? TestData.randomTimeWindowProblem(customers: 60, seed: 3) : TestData.randomProblem(customers: 60, seed: 3)
        let run = search(p, moves: .all)
        #expect(run.applied > 0)
        #expect(run.statistics.reduce(0) { $0 + $1.improvements } == run.applied)
        #expect(run.statistics.allSatisfy { $0.improvements <= $0.evaluations && $0.seconds >= 0 })
        #expect(run.statistics.map(\.kind) == MoveKind.allCases)
    }

    @Test func aMoveSwitchedOffIsNeverEvaluated() {
        let p = TestData.randomProblem(customers: 60, seed: 4)
        let all = search(p, moves: .all)
        #expect(all.statistics[MoveKind.exchange10.rawValue].evaluations > 0)
        #expect(all.statistics[MoveKind.twoOptStar.rawValue].evaluations > 0)
        let off = search(p, moves: MoveSet.all.removing([.exchange10, .twoOptStar]))
        #expect(off.statistics[MoveKind.exchange10.rawValue].evaluations == 0)
        #expect(off.statistics[MoveKind.twoOptStar.rawValue].evaluations == 0)
        #expect(off.statistics[MoveKind.exchange11.rawValue].evaluations > 0)
        #expect(Verifier.check(p, routes: off.solution.routes).cost == off.cost)
        // Nothing on: the plan stays as loaded.
        let none = search(p, moves: .none)
        #expect(none.applied == 0 && none.statistics.allSatisfy { $0.evaluations == 0 })
        var rng = RandomGenerator(seed: 1)
        #expect(none.solution.routes.filter { !$0.isEmpty } == TestData.randomSolution(p, routeCount: 8, rng: &rng).routes.filter { !$0.isEmpty })
    }

    @Test func movesAreNamedForTheCommandLine() throws {
        for kind in MoveKind.allCases { #expect(MoveKind(name: kind.name) == kind) }
        #expect(Set(MoveKind.allCases.map(\.name)).count == MoveKind.allCases.count)
        let parsed = try MoveSet.parse("swap-star, two-opt").get()
        #expect(parsed == [.swapStar, .twoOpt])
        switch MoveSet.parse("swap-star,relocate") {
        case .success: Issue.record("an unknown name was accepted")
        case .failure(let error): #expect(error.name == "relocate" && error.description.contains("exchange10"))
        }
        let set = MoveSet.all.removing([.swapStar])
        #expect(!set.contains(.swapStar) && set.contains(.twoOpt) && MoveKind.allCases.allSatisfy(MoveSet.all.contains))
    }

    @Test func theSolverPassesSwitchesAndReportsStatistics() throws {
        let p = TestData.randomProblem(customers: 40, seed: 5)
        for algorithm in [Algorithm.hgs, .ils] {
            var options = SolverOptions(timeLimit: nil, seed: 1, maxIterations: 30, algorithm: algorithm)
            options.moves = MoveSet.all.removing([.exchange20])
            let result = try RoutingSolver.solve(p, options: options)
            #expect(result.moveStatistics.count == MoveKind.allCases.count, "\(algorithm)")
            #expect(result.moveStatistics[MoveKind.exchange20.rawValue].evaluations == 0, "\(algorithm)")
            #expect(result.moveStatistics[MoveKind.exchange10.rawValue].improvements > 0, "\(algorithm)")
        }
    }
}
