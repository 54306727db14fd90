import Foundation
import Testing
@testable import OnTimeCore

/// Pickup-and-delivery pairs: same vehicle, pickup first, the load on board within capacity.
@Suite("Pickups and deliveries")
struct PairTests {
    /// Customer 1 (demand 5) at x = 20; a shipment of 5 from x = 10 (node 2) to x = 30
    /// (node 3); one truck of capacity 5. Without capacity the best order would be
    /// 2, 1, 3 (60); with it the truck must drop customer 1's goods first: 1, 2, 3 (80).
    static func problem(count: Int = 1) -> Problem {
        let points = [Point(x: 0, y: 0), Point(x: 20, y: 0), Point(x: 10, y: 0), Point(x: 30, y: 0)]
        return VehicleTypeTests.make(points, demands: [0, 5, 0, 0], types: [VehicleType(name: "truck", count: count, capacity: 5)],
                                     shipments: [Shipment(pickup: 2, delivery: 3, amount: 5)])
    }

    @Test func theSearchKeepsPairsOrderAndLoad() throws {
        let p = Self.problem()
        let result = try VehicleTypeTests.solve(p)
        #expect(result.solution.routes == [[1, 2, 3]] && result.cost == 80)
        #expect(Verifier.check(p, routes: [[2, 1, 3]], vehicles: [0]).violations
                == ["route 1: the load on board reaches 10, above the capacity 5 of a truck"])
        #expect(Verifier.check(p, routes: [[3, 1, 2]], vehicles: [0]).violations == ["shipment 1: delivery 3 comes before its pickup 2"])
        let two = Self.problem(count: 2)
        #expect(Verifier.check(two, routes: [[1, 2], [3]], vehicles: [0, 0]).violations
                == ["shipment 1: pickup 2 and delivery 3 are on different routes"])
    }

    /// A shipment of amount 0 (the JSON reader's default: papers, a signature) is still a
    /// pair: the search used the sign of the pair load to tell pickups from deliveries, so
    /// it never inserted such a pair and its plan left both ends out.
    @Test func aShipmentOfNothingIsStillServed() throws {
        let points = [Point(x: 0, y: 0), Point(x: 20, y: 0), Point(x: 10, y: 0), Point(x: 30, y: 0), Point(x: 0, y: 20)]
        let p = VehicleTypeTests.make(points, demands: [0, 5, 0, 0, 3], types: [VehicleType(name: "truck", count: 2, capacity: 10)],
                                      shipments: [Shipment(pickup: 2, delivery: 3, amount: 0)])
        let result = try VehicleTypeTests.solve(p)
        #expect(result.solution.routes.joined().sorted() == [1, 2, 3, 4])
        let json = """
            {"depots": [{"id": "d", "location": [0, 0]}], "vehicles": [{"id": "v", "capacity": 5, "fixed_cost": 1}],
             "jobs": [{"id": "j", "location": [5, 5], "demand": 1}],
             "shipments": [{"id": "papers", "pickup": {"location": [10, 0]}, "delivery": {"location": [0, 10]}}]}
            """
        let q = try JSONInstanceReader.parse(contents: json, path: "papers.json")
        #expect(q.shipments.count == 1 && q.shipments[0].amount == 0)
        let plan = try VehicleTypeTests.solve(q)
        #expect(plan.solution.routes.joined().sorted() == [1, 2, 3])
    }

    /// A shipment no vehicle can carry (larger than every capacity, or a pickup too far for
    /// the shift) is left out with both its ends and a reason, like a job nobody can serve;
    /// the rest is planned. It used to end in "no plan keeping every constraint" (exit 4).
    @Test func aShipmentNobodyCanCarryIsLeftOutWithItsReason() throws {
        for (amount, far) in [(9, false), (1, true)] {
            let points = [Point(x: 0, y: 0), Point(x: 3, y: 4), Point(x: 5, y: 0), Point(x: 0, y: 5), Point(x: far ? 500 : 6, y: 0), Point(x: 0, y: 6)]
            let p = VehicleTypeTests.make(points, demands: [0, 1, 0, 0, 0, 0], types: [VehicleType(name: "v", count: 2, capacity: 5, fixedCost: 3)],
                                          ready: [0, 0, 0, 0, 0, 0], due: [100, 100, 100, 100, 100, 100],
                                          shipments: [Shipment(pickup: 2, delivery: 3, amount: 2), Shipment(pickup: 4, delivery: 5, amount: amount)])
            #expect(Screening.unservable(p).map(\.customer) == [4, 5])
            let result = try RoutingSolver.solve(p, options: SolverOptions(timeLimit: nil, maxIterations: 50))
            #expect(result.unassigned.map(\.customer) == [4, 5] && result.solution.routes.joined().sorted() == [1, 2, 3])
            let report = Verifier.check(p, routes: result.solution.routes, vehicles: result.solution.vehicles, claimedCost: result.cost,
                                        unassigned: [4, 5])
            #expect(report.isFeasible, "\(report.violations)")
            // Only when the pair cannot be carried: the first one can.
            #expect(Verifier.check(p, routes: [[1]], vehicles: [0], unassigned: [2, 3, 4, 5]).violations
                    == ["customer 2 is left out but a vehicle could serve it", "customer 3 is left out but a vehicle could serve it"])
            #expect(Verifier.check(p, routes: [[1, 3]], vehicles: [0], unassigned: [2, 4, 5]).violations.contains(
                "shipment 1: only one of pickup 2 and delivery 3 is visited"))
        }
    }
}
