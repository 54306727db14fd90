import Testing
@testable import OnTimeCore

@Suite("Time windows")
struct TimeWindowTests {
    /// Merging time segments in any grouping gives the time warp of a plain simulation.
    @Test func segmentsMergeLikeASimulation() {
        for seed in 1...40 as ClosedRange<UInt64> {
            var rng = RandomGenerator(seed: seed)
            let p = TestData.randomTimeWindowProblem(customers: 12, seed: seed)
            var route = Array(1...12).shuffled(using: &rng)
            route.removeLast(rng.below(6))
            func visit(_ c: Int) -> TimeSegment { TimeSegment(ready: p.readyTimes[c], due: p.dueTimes[c], service: p.serviceTimes[c]) }
            let nodes = [0] + route + [0]
            func merged(_ range: Range<Int>) -> TimeSegment {
                var s = visit(nodes[range.lowerBound])
                for k in range.dropFirst() { s = s.followed(by: visit(nodes[k]), travel: p.duration(nodes[k - 1], nodes[k])) }
                return s
            }
            let whole = merged(0..<nodes.count)
            #expect(whole.timeWarp == p.timeWarp(of: route))
            let cut = 1 + rng.below(nodes.count - 1)
            let joined = merged(0..<cut).followed(by: merged(cut..<nodes.count), travel: p.duration(nodes[cut - 1], nodes[cut]))
            #expect(joined == whole, "seed \(seed), cut \(cut)")
        }
    }

    /// Two customers near the depot whose windows both close at 15: no vehicle reaches
    /// both in time, so the plan needs two routes although one would be shorter.
    static func bindingInstance() -> Problem {
        let points = [Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 0, y: 10), Point(x: 20, y: 0)]
        let matrix = Matrix(size: 4) { EdgeWeight.truncatedTenths(points[$0], points[$1]) }
        return Problem(name: "binding", originalIDs: [0, 1, 2, 3], coordinates: points, demands: [0, 1, 1, 1],
                       capacity: 10, vehicleLimit: nil, distances: matrix, convention: .truncatedTenths, scale: 10,
                       readyTimes: [0, 0, 0, 0], dueTimes: [10_000, 150, 150, 10_000], serviceTimes: [0, 0, 0, 0])
    }

    @Test func solverKeepsAWindowThatBinds() throws {
        let p = Self.bindingInstance()
        // Without windows one route 0-2-1-3-0 (54.1) is best; the verifier refuses it here.
        let shortest = Verifier.check(p, routes: [[2, 1, 3]])
        #expect(shortest.cost == 541)
        #expect(shortest.violations.contains { $0.contains("customer 1") && $0.contains("after its due time") })
        for seed in 1...3 as ClosedRange<UInt64> {
            let r = try RoutingSolver.solve(p, options: SolverOptions(timeLimit: nil, seed: seed, maxIterations: 200))
            let report = Verifier.check(p, routes: r.solution.routes, claimedCost: r.cost)
            #expect(report.isFeasible, "\(report.violations)")
            #expect(r.cost == 600)  // 0-1-3-0 (40) and 0-2-0 (20)
            #expect(r.solution.routes.allSatisfy { p.timeWarp(of: $0) == 0 })
        }
    }

    @Test func verifierRejectsALateReturnToTheDepot() {
        let base = Self.bindingInstance()
        let p = Problem(name: "late-return", originalIDs: base.originalIDs, coordinates: base.coordinates, demands: base.demands,
                        capacity: 10, vehicleLimit: nil, distances: base.distances, convention: .truncatedTenths, scale: 10,
                        readyTimes: [0, 0, 0, 0], dueTimes: [450, 10_000, 10_000, 10_000], serviceTimes: [0, 0, 0, 0])
        #expect(Verifier.check(p, routes: [[1, 3], [2]]).isFeasible)  // back at 40 and 20
        let late = Verifier.check(p, routes: [[2, 1, 3]])              // back at 54.1
        #expect(late.violations.contains { $0.contains("returns to the depot") })
    }

    @Test func searchOnRandomWindowsEndsFeasibleAndVerified() throws {
        for seed in 1...3 as ClosedRange<UInt64> {
            let p = TestData.randomTimeWindowProblem(customers: 30, capacity: 60, seed: seed)
            let r = try RoutingSolver.solve(p, options: SolverOptions(timeLimit: nil, seed: seed, maxIterations: 300))
            #expect(r.algorithm == .hgs)
            let report = Verifier.check(p, routes: r.solution.routes, claimedCost: r.cost)
            #expect(report.isFeasible, "seed \(seed): \(report.violations)")
        }
    }

    @Test func iteratedLocalSearchKeepsWindowsAndRepeats() throws {
        for seed in 1...3 as ClosedRange<UInt64> {
            let p = TestData.randomTimeWindowProblem(customers: 60, capacity: 60, seed: seed)
            let options = SolverOptions(timeLimit: nil, seed: seed, maxIterations: 300, algorithm: .ils)
            let r = try RoutingSolver.solve(p, options: options)
            #expect(r.algorithm == .ils)
            let report = Verifier.check(p, routes: r.solution.routes, claimedCost: r.cost)
            #expect(report.isFeasible, "seed \(seed): \(report.violations)")
            #expect(r.cost <= r.initialCost)
            #expect(try RoutingSolver.solve(p, options: options).solution.routes == r.solution.routes)
        }
        // The binding instance: its one window-keeping plan.
        let binding = try RoutingSolver.solve(Self.bindingInstance(), options: SolverOptions(timeLimit: nil, maxIterations: 20, algorithm: .ils))
        #expect(Verifier.check(Self.bindingInstance(), routes: binding.solution.routes, claimedCost: binding.cost).isFeasible)
    }

    /// The O(1) insertion test of ruin-and-recreate agrees with a from-scratch schedule
    /// on every position of random routes, and the insertion plan keeps every window.
    @Test func insertionTestAgreesWithTheScheduleAndConstructionKeepsWindows() {
        for seed in 1...4 as ClosedRange<UInt64> {
            let p = TestData.randomTimeWindowProblem(customers: 40, capacity: 1_000, seed: seed)
            var rng = RandomGenerator(seed: seed)
            // Random short routes; those keeping their windows are tested with every other customer.
            let routes = TestData.randomSolution(p, routeCount: 12, rng: &rng).routes
            let timed = TimedRoutes(routes, problem: p)
            var checked = 0
            for (r, route) in routes.enumerated() where p.timeWarp(of: route) == 0 {
                for c in 1...p.customerCount where !route.contains(c) {
                    for position in 0...route.count {
                        var candidate = route
                        candidate.insert(c, at: position)
                        let previous = position == 0 ? 0 : route[position - 1], next = position < route.count ? route[position] : 0
                        #expect(timed.keepsWindows(c, route: r, position: position, previous: previous, next: next)
                                == (p.timeWarp(of: candidate) == 0), "seed \(seed) route \(r) customer \(c) at \(position)")
                        checked += 1
                    }
                }
            }
            #expect(checked > 0)
            var construction = RandomGenerator(seed: seed)
            let plan = RuinRecreate.constructTimed(p, rng: &construction)
            #expect(plan.flatMap { $0 }.sorted() == Array(1...p.customerCount))
            #expect(Verifier.check(p, routes: plan).isFeasible)
        }
    }

    @Test func solomonInstanceIsSolvedFeasibly() throws {
        guard TestData.sharedAvailable else { return }
        let p = try InstanceReader.read(path: TestData.solomon("R101"))
        let r = try RoutingSolver.solve(p, options: SolverOptions(timeLimit: nil, seed: 1, maxIterations: 150))
        let report = Verifier.check(p, routes: r.solution.routes, claimedCost: r.cost)
        #expect(report.isFeasible, "\(report.violations.prefix(3))")
        // BKS 1637.7 (distance only, DIMACS); 150 offspring land within a few per cent.
        #expect(r.cost < 17_500)
    }
}
