import Foundation
import Testing
@testable import OnTimeCore

/// Customers nobody can serve are found before the search, left out with a reason, and
/// the verifier accepts a plan without them only when it agrees they are unservable.
@Suite("Screening of unservable customers")
struct ScreeningTests {
    static let fixtures = TestData.root.appendingPathComponent("Tests/OnTimeCoreTests/Fixtures/unservable")

    @Test func aCustomerHeavierThanAnyVehicleIsLeftOutAndTheRestServed() throws {
        let p = try InstanceReader.read(path: Self.fixtures.appendingPathComponent("demand-above-capacity.vrp").path)
        #expect(Screening.unservable(p) == [Unservable(customer: 4, reason: "demand 11 is above the vehicle capacity 10")])
        let result = try RoutingSolver.solve(p, options: SolverOptions(timeLimit: nil, maxIterations: 50))
        #expect(result.unassigned.map(\.customer) == [4])
        #expect(Set(result.solution.routes.joined()) == [1, 2, 3])
        #expect(Verifier.check(p, routes: result.solution.routes, claimedCost: result.cost, unassigned: [4]).isFeasible)
        // Without the list the plan misses a customer; listing a servable one is refused.
        #expect(Verifier.check(p, routes: result.solution.routes).violations == ["customer 4 is not visited"])
        let wrong = Verifier.check(p, routes: result.solution.routes.map { $0.filter { $0 != 1 } }, unassigned: [4, 1])
        #expect(wrong.violations.contains("customer 1 is left out but a vehicle could serve it"))
        #expect(Verifier.check(p, routes: result.solution.routes, unassigned: [4, 4]).violations == ["customer 4 is listed as left out twice"])
        // Read back from a file, the left-out customers are found again.
        #expect(Screening.leftOut(p, routes: result.solution.routes).map(\.customer) == [4])
        #expect(Screening.leftOut(p, routes: [[1, 2, 3, 4]]).isEmpty)
        let solomon = try InstanceReader.read(path: Self.fixtures.appendingPathComponent("solomon-demand-above-capacity.txt").path)
        #expect(Screening.unservable(solomon).map(\.customer) == [4])
    }

    @Test func windowsNoVehicleCanKeepAreExplained() throws {
        // Depot open [0, 100]; on a line: 1 at x = 10 (fine), 2 at x = 30 closes at 20
        // (earliest arrival 30), 3 at x = 40 opens at 80 with service 10 (back at 130 > 100).
        let points = [Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 30, y: 0), Point(x: 40, y: 0)]
        let p = Problem(name: "tw", originalIDs: [0, 1, 2, 3], coordinates: points, demands: [0, 1, 1, 1], capacity: 10,
                        vehicleLimit: nil, distances: Matrix(points: points, rule: .rounded), convention: .roundedEuclidean,
                        readyTimes: [0, 0, 0, 80], dueTimes: [100, 50, 20, 90], serviceTimes: [0, 0, 0, 10])
        let found = Screening.unservable(p)
        #expect(found.map(\.customer) == [2, 3])
        #expect(found[0].reason == "its time window closes at 20, before the earliest possible arrival at 30")
        #expect(found[1].reason == "a vehicle serving it cannot be back before the depot closes at 100 (earliest return 130)")
        let result = try RoutingSolver.solve(p, options: SolverOptions(timeLimit: nil, maxIterations: 20))
        #expect(result.solution.routes == [[1]] && result.unassigned.map(\.customer) == [2, 3])
        #expect(Verifier.check(p, routes: result.solution.routes, unassigned: [2, 3]).isFeasible)
    }

    @Test(arguments: [true, false])
    func restrictingKeepsTheDataOfTheKeptNodes(stored: Bool) {
        let p = TestData.randomTimeWindowProblem(customers: 30, seed: 4)
        let points = p.coordinates!
        let q = Problem(name: p.name, originalIDs: p.originalIDs, coordinates: points, demands: p.demands, capacity: p.capacity,
                        vehicleLimit: nil, distances: Matrix(points: points, rule: .truncatedTenths, stored: stored),
                        convention: .truncatedTenths, scale: 10, readyTimes: p.readyTimes, dueTimes: p.dueTimes, serviceTimes: p.serviceTimes)
        let kept = [5, 2, 17, 30]
        let r = q.restricted(to: kept)
        let nodes = [0] + kept
        #expect(r.customerCount == 4 && r.distances.isComputed == !stored)
        for (a, i) in nodes.enumerated() {
            #expect(r.originalIDs[a] == q.originalIDs[i] && r.demands[a] == q.demands[i] && r.readyTimes[a] == q.readyTimes[i])
            #expect(r.dueTimes[a] == q.dueTimes[i] && r.serviceTimes[a] == q.serviceTimes[i])
            for (b, j) in nodes.enumerated() { #expect(r.distance(a, b) == q.distance(i, j) && r.duration(a, b) == q.duration(i, j)) }
        }
    }
}

@Suite("Explicit matrices with missing roads")
struct MissingRoadTests {
    /// Depot 1; 2–3 and 3–4 are roads, 2–4 has none (-1) but a path through 3; node 5
    /// has no road at all.
    static let text = """
        NAME : roads
        TYPE : CVRP
        DIMENSION : 5
        EDGE_WEIGHT_TYPE : EXPLICIT
        EDGE_WEIGHT_FORMAT : FULL_MATRIX
        CAPACITY : 10
        EDGE_WEIGHT_SECTION
        0 4 6 9 -1
        4 0 3 -1 -1
        6 3 0 2 -1
        9 -1 2 0 -1
        -1 -1 -1 -1 0
        DEMAND_SECTION
        1 0
        2 1
        3 1
        4 1
        5 1
        DEPOT_SECTION
        1
        -1
        EOF
        """

    @Test func pathsReplaceMissingRoadsAndDisconnectedCustomersAreLeftOut() throws {
        let p = try VRPLIBReader.parse(contents: Self.text)
        #expect(p.distance(1, 3) == 5, "2 -> 4 through 3: 3 + 2")
        #expect(p.distance(0, 3) == 8, "1 -> 4 through 3 is shorter than the direct 9")
        #expect(p.distance(0, 4) == Matrix.unreachable && p.distance(4, 2) == Matrix.unreachable)
        let found = Screening.unservable(p)
        #expect(found == [Unservable(customer: 4, reason: "there is no road from the depot to it, not even through other stops (the matrix is disconnected)")])
        let result = try RoutingSolver.solve(p, options: SolverOptions(timeLimit: nil, maxIterations: 20))
        #expect(Set(result.solution.routes.joined()) == [1, 2, 3] && result.unassigned.map(\.customer) == [4])
        #expect(Verifier.check(p, routes: result.solution.routes, claimedCost: result.cost, unassigned: [4]).isFeasible)
        // A plan through the missing road is refused by the verifier.
        #expect(Verifier.check(p, routes: [[1, 2, 3, 4]]).violations.contains("route 1: there is no road from node 3 to customer 4"))
    }

    @Test func pathsTooLongForAWeightAreRefused() {
        // 1 -> 2 -> 3 adds up to 1.2e9, above the largest weight; 1 -> 3 has no road.
        let long = Self.text
            .replacingOccurrences(of: "0 4 6 9 -1\n", with: "0 600000000 -1 9 -1\n")
            .replacingOccurrences(of: "4 0 3 -1 -1\n", with: "600000000 0 600000000 -1 -1\n")
            .replacingOccurrences(of: "6 3 0 2 -1\n", with: "-1 600000000 0 -1 -1\n")
            .replacingOccurrences(of: "9 -1 2 0 -1\n", with: "9 -1 -1 0 -1\n")
        #expect(throws: InputError.self) { try VRPLIBReader.parse(contents: long) }
    }

    @Test func otherNegativeWeightsAreInputErrors() {
        let bad = Self.text.replacingOccurrences(of: "0 4 6 9 -1", with: "0 4 6 9 -2")
        #expect(throws: InputError(file: "<input>", line: 8, "EDGE_WEIGHT_SECTION: weight -2 is negative (only -1, no road, is allowed) or too large")) {
            try VRPLIBReader.parse(contents: bad)
        }
    }
}

/// Screening at scale (issue 20 item 13): with weights computed from coordinates and every
/// service at least one unit, the direct travel times are used as the shortest-path bound;
/// the customers left out must be exactly those the exact search leaves out.
@Suite("Screening's shortcut for computed weights")
struct ScreeningShortcutTests {
    /// n customers on a 100 × 100 square, windows that many cannot reach (opening at
    /// 0–400 and 20–150 long against legs up to ~1,400 tenths), service `service` tenths.
    func problem(_ n: Int, rule: Matrix.EuclideanRule, stored: Bool, service: Int, seed: UInt64) -> Problem {
        var rng = RandomGenerator(seed: seed)
        let points = (0...n).map { _ in Point(x: Double(rng.below(101)), y: Double(rng.below(101))) }
        let matrix = Matrix(points: points, rule: rule, stored: stored)
        var ready = [0], due = [5_000], serviceTimes = [0]
        for _ in 1...n {
            let open = rng.below(401)
            ready.append(open)
            due.append(open + 20 + rng.below(131))
            serviceTimes.append(service)
        }
        return Problem(name: "shortcut-\(seed)", originalIDs: Array(0...n), coordinates: points, demands: [0] + Array(repeating: 1, count: n),
                       capacity: 10, vehicleLimit: nil, distances: matrix, convention: rule == .rounded ? .roundedEuclidean : .truncatedTenths,
                       scale: rule == .rounded ? 1 : 10, readyTimes: ready, dueTimes: due, serviceTimes: serviceTimes)
    }

    @Test(arguments: [Matrix.EuclideanRule.rounded, .truncatedTenths], [1, 2, 3] as [UInt64])
    func theShortcutLeavesOutWhatTheExactSearchLeavesOut(rule: Matrix.EuclideanRule, seed: UInt64) {
        let computed = problem(300, rule: rule, stored: false, service: 1, seed: seed)
        let stored = problem(300, rule: rule, stored: true, service: 1, seed: seed)
        #expect(ShortestPaths(computed).directTimesSuffice && !ShortestPaths(stored).directTimesSuffice)
        let exact = Screening.unservable(stored).map(\.customer)
        #expect(!exact.isEmpty && exact.count < 300)
        #expect(Screening.unservable(computed).map(\.customer) == exact)
    }

    @Test func withoutServiceTheExactSearchIsKept() {
        #expect(!ShortestPaths(problem(50, rule: .rounded, stored: false, service: 0, seed: 4)).directTimesSuffice)
    }

    /// A search stopped early bounds by 0: customers it was needed for are kept, never left
    /// out wrongly (what the direct legs settle, e.g. capacity, is still found).
    @Test func aStoppedSearchKeepsTheCustomersItWasAskedAbout() {
        let stored = problem(300, rule: .rounded, stored: true, service: 1, seed: 5)
        #expect(!Screening.unservable(stored).isEmpty)
        #expect(Screening.unservable(stored, shouldStop: { true }).isEmpty)
    }
}
