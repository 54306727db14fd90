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
