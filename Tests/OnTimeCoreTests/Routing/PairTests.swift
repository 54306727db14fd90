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
}
