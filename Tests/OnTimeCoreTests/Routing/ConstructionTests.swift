import Foundation
import Testing
@testable import OnTimeCore

@Suite("Sweep and nearest-neighbour constructions")
struct ConstructionTests {
    static let demoVRPTW = TestData.root.appendingPathComponent("instances/demo-vrptw-25.txt").path
    static let fixtures = TestData.root.appendingPathComponent("Tests/OnTimeCoreTests/Fixtures")

    /// Every customer exactly once, capacity and windows kept, by the verifier (fleet aside
    /// when `fleet` is false: neither construction enforces a fixed fleet).
    func expectComplete(_ p: Problem, _ s: Solution, fleet: Bool = true, _ label: String) {
        let report = Verifier.check(p, routes: s.routes)
        let violations = fleet ? report.violations : report.violations.filter { !$0.contains("vehicles") }
        #expect(violations.isEmpty, "\(label): \(report.violations)")
        #expect(s.routes.joined().sorted() == Array(1...p.customerCount), "\(label)")
    }

    @Test func sweepAndNearestNeighbourAreFeasibleOnTheDemos() throws {
        let cvrp = try InstanceReader.read(path: TestData.demo)
        expectComplete(cvrp, try #require(Sweep.solve(cvrp)), "sweep cvrp")
        expectComplete(cvrp, NearestNeighbour.solve(cvrp), "nn cvrp")
        let vrptw = try InstanceReader.read(path: Self.demoVRPTW)
        #expect(vrptw.hasTimeWindows)
        expectComplete(vrptw, try #require(Sweep.solve(vrptw)), fleet: false, "sweep vrptw")
        expectComplete(vrptw, NearestNeighbour.solve(vrptw), fleet: false, "nn vrptw")
    }

    @Test func feasibleOnRandomInstancesWithAndWithoutWindows() throws {
        for seed in 1...6 as ClosedRange<UInt64> {
            let cvrp = TestData.randomProblem(customers: 60, capacity: 40, seed: seed)
            expectComplete(cvrp, try #require(Sweep.solve(cvrp)), "sweep cvrp \(seed)")
            expectComplete(cvrp, NearestNeighbour.solve(cvrp), "nn cvrp \(seed)")
            let vrptw = TestData.randomTimeWindowProblem(customers: 60, capacity: 40, seed: seed)
            expectComplete(vrptw, try #require(Sweep.solve(vrptw)), "sweep vrptw \(seed)")
            expectComplete(vrptw, NearestNeighbour.solve(vrptw), "nn vrptw \(seed)")
        }
    }

    @Test func routesAreFullEnough() throws {
        // Neither construction may open a route a customer could have joined: every route
        // but the last of a sweep had no room for the next customer, so the plan uses at
        // most twice the capacity bound's routes on a CVRP.
        let p = try InstanceReader.read(path: TestData.demo)
        let bound = (p.totalDemand + p.capacity - 1) / p.capacity
        #expect(try #require(Sweep.solve(p)).routes.count <= 2 * bound)
        #expect(NearestNeighbour.solve(p).routes.count <= 2 * bound)
    }

    @Test func sweepNeedsCoordinates() {
        let p = Problem(name: "matrix", originalIDs: [1, 2, 3], coordinates: nil, demands: [0, 1, 1], capacity: 5, vehicleLimit: nil,
                        distances: Matrix(size: 3) { $0 == $1 ? 0 : 10 }, convention: .explicit)
        #expect(Sweep.solve(p) == nil)
        expectComplete(p, NearestNeighbour.solve(p), "nn explicit")
    }

    @Test func unservableCustomersAreLeftOut() throws {
        let p = try InstanceReader.read(path: Self.fixtures.appendingPathComponent("unservable/demand-above-capacity.vrp").path)
        let left = Screening.unservable(p).map(\.customer)
        #expect(!left.isEmpty)
        for s in [try #require(Sweep.solve(p)), NearestNeighbour.solve(p)] {
            #expect(Set(s.routes.joined()).isDisjoint(with: left))
            #expect(Verifier.check(p, routes: s.routes, unassigned: left).isFeasible)
        }
    }

    @Test func insertionTestAgreesWithTheVerifier() throws {
        // RouteTimes.canInsert (push-forward) against a full re-check of the longer route.
        var rng = RandomGenerator(seed: 9)
        for seed in 1...5 as ClosedRange<UInt64> {
            let p = TestData.randomTimeWindowProblem(customers: 30, capacity: 200, seed: seed)
            var route = RouteTimes(problem: p)
            for c in (1...p.customerCount).shuffled(using: &rng) {
                for k in 0...route.customers.count {
                    var candidate = route.customers
                    candidate.insert(c, at: k)
                    let verified = Verifier.check(p, routes: [candidate] + (1...p.customerCount)
                        .filter { !candidate.contains($0) }.map { [$0] }).violations
                        .filter { $0.hasPrefix("route 1:") }.isEmpty
                    #expect(route.canInsert(c, at: k) == verified, "seed \(seed) customer \(c) at \(k) of \(route.customers)")
                }
                if let k = route.cheapestInsertion(of: c) { route.insert(c, at: k) }
            }
        }
    }
}
