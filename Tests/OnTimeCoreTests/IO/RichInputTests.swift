import Foundation
import Testing
@testable import OnTimeCore

/// Vehicle types, several depots and optional jobs through the JSON and CSV readers:
/// each bundled demo solves, and its plan round-trips through the `.sol` writer and
/// reader into the verifier with the same cost.
@Suite("Rich instances: JSON and CSV")
struct RichInputTests {
    static func path(_ name: String) -> String { TestData.root.appendingPathComponent("instances/\(name)").path }

    /// Solves, writes the plan as `.sol`, reads it back and verifies it.
    static func roundTrip(_ p: Problem, iterations: Int = 200) throws -> (SolverResult, Verifier.Report) {
        let result = try RoutingSolver.solve(p, options: SolverOptions(timeLimit: nil, maxIterations: iterations))
        let text = PlanWriter.vrplib(result.solution, problem: p)
        let file = try SolutionFile.parse(contents: text)
        let vehicles = try file.vehicleTypes(in: p, path: "<plan>")
        #expect(vehicles == result.solution.vehicles && file.routes == result.solution.routes)
        let claimed = Int((Double(file.cost!)! * Double(p.scale)).rounded())
        let report = Verifier.check(p, routes: file.routes, vehicles: vehicles, claimedCost: claimed,
                                    unassigned: result.unassigned.map(\.customer))
        #expect(report.isFeasible, "\(report.violations)")
        #expect(report.cost == result.cost)
        return (result, report)
    }

    @Test func theFleetDemoReadsSolvesAndRoundTrips() throws {
        let p = try InstanceReader.read(path: Self.path("demo-fleet.json"))
        #expect(p.customerCount == 16 && p.depotNodes == [0, 17] && !p.isClassic && p.isTimed)
        #expect(p.vehicleTypes.map(\.name) == ["truck", "van", "shuttle"])
        let van = p.vehicleTypes[1], shuttle = p.vehicleTypes[2]
        #expect(van.startDepot == 17 && van.endDepot == 17 && van.capacity == 25 && van.fixedCost == 15 && van.maxDuration == 300)
        #expect(van.shiftStart == 60 && van.shiftEnd == 480 && van.count == 3)
        #expect(shuttle.startDepot == 17 && shuttle.endDepot == 0 && shuttle.maxDistance == 180)
        #expect(p.prizes[13] == 20 && p.prizes[14] == 60 && p.prizes[1] == nil)
        #expect(p.labels?[17] == "south-hub")
        let (result, _) = try Self.roundTrip(p)
        let json = PlanWriter.json(result.solution, problem: p, run: nil)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let routes = try #require(parsed["routes"] as? [[String: Any]])
        #expect(routes.allSatisfy { ($0["vehicle_type"] as? String).map { ["truck", "van", "shuttle"].contains($0) } == true })
        #expect(parsed["skipped"] is [Any])
    }

    @Test func theShipmentsDemoReadsSolvesAndRoundTrips() throws {
        let p = try InstanceReader.read(path: Self.path("demo-shipments.json"))
        #expect(p.customerCount == 12 && p.shipments.count == 3 && !p.isClassic)
        #expect(p.shipments[0] == Shipment(pickup: 7, delivery: 8, amount: 6) && p.labels?[7] == "return-41:pickup")
        #expect(p.partner[8] == 7 && p.pairLoad[7] == 6 && p.pairLoad[8] == -6 && p.demands[7] == 0)
        let (result, _) = try Self.roundTrip(p)
        for s in p.shipments {
            let route = try #require(result.solution.routes.first { $0.contains(s.pickup) })
            #expect(route.firstIndex(of: s.pickup)! < (route.firstIndex(of: s.delivery) ?? -1))
        }
    }

    @Test func shipmentsAloneMakeAnInstance() throws {
        let json = """
            {"depots": [{"id": "d", "location": [0, 0]}], "vehicles": [{"id": "van", "count": 2, "capacity": 10}],
             "shipments": [{"id": "s", "amount": 4, "pickup": {"location": [10, 0]}, "delivery": {"location": [20, 0]}}]}
            """
        let p = try JSONInstanceReader.parse(contents: json)
        #expect(p.customerCount == 2 && p.shipments == [Shipment(pickup: 1, delivery: 2, amount: 4)])
        let (result, _) = try Self.roundTrip(p)
        #expect(result.solution.routes == [[1, 2]] && result.cost == 40)
        #expect(throws: InputError(file: "<input>", line: nil, "at jobs: expected a non-empty list of jobs (or shipments)")) {
            try JSONInstanceReader.parse(contents: "{\"depots\": [{\"id\": \"d\", \"location\": [0, 0]}], \"vehicles\": [{\"capacity\": 1}], \"jobs\": []}")
        }
    }

    @Test func jsonVehicleErrorsNameThePath() {
        func error(_ vehicles: String) -> String {
            let text = """
                {"depots": [{"id": "d", "location": [0, 0]}], "vehicles": [\(vehicles)],
                 "jobs": [{"id": "a", "location": [1, 1], "demand": 2}]}
                """
            do { _ = try JSONInstanceReader.parse(contents: text); return "no error" } catch { return error.message }
        }
        #expect(error("{\"capacity\": 5, \"depot\": \"x\"}") == "at vehicles[0].depot: names no depot of this instance (known: d)")
        #expect(error("{\"id\": \"v\", \"capacity\": 5}, {\"id\": \"v\", \"capacity\": 6}") == "at vehicles[1].id: 'v' is used twice")
        #expect(error("{\"capacity\": 5, \"cost_per_distance\": 1.5}") == "at vehicles[0].cost_per_distance: expected a whole number from 0 to 10000")
        #expect(error("{\"capacity\": 5, \"skills\": \"cold\"}") == "at vehicles[0].skills: expected a list of skill names or integers")
        #expect(error("{\"capacity\": 5, \"skills\": [\"cold\", 2]}") == "no error")
        // A name that a .sol cannot carry back (`Vehicle #k: NAME`, read trimmed, one line):
        // `check` refused the plan `solve` had just written for it.
        for id in ["", " van", "van ", "night\\nvan"] {
            #expect(error("{\"id\": \"\(id)\", \"capacity\": 5}") == "at vehicles[0].id: expected a name that is not blank, on one line, "
                    + "without spaces at either end (plans name the vehicle type by it)", "id \(id.debugDescription)")
        }
        #expect(error("{\"capacity\": 5, \"fixed_cost\": 3}") == "no error")
    }

    /// Costs per unit up to 1e8 overflowed `Int` (a trap) once a route ran through some 90
    /// legs of 10^9 (e.g. missing roads): `ontime solve` trapped on a fleet of one through
    /// 100 jobs whose only roads are to and from the depot, at 1e8 per unit of distance.
    @Test func costsPerUnitAreBoundedSoThatNoPlanOverflows() throws {
        func instance(costPerDistance: Int, costPerTime: Int = 0, jobs n: Int = 100) -> String {
            let rows = (0...n).map { i in "[" + (0...n).map { j in i == j ? "0" : i == 0 || j == 0 ? "5" : "null" }.joined(separator: ",") + "]" }
            let jobs = (1...n).map { "{\"id\": \"j\($0)\", \"location_index\": \($0), \"demand\": 1}" }
            return """
                {"depots": [{"id": "d", "location_index": 0}],
                 "vehicles": [{"id": "v", "capacity": 1000, "cost_per_distance": \(costPerDistance), "cost_per_time": \(costPerTime)}],
                 "jobs": [\(jobs.joined(separator: ", "))], "matrices": {"distances": [\(rows.joined(separator: ", "))]}}
                """
        }
        for (distance, time, key) in [(100_000_000, 0, "cost_per_distance"), (1, 10_001, "cost_per_time")] {
            #expect(throws: InputError(file: "big.json", line: nil, "at vehicles[0].\(key): expected a whole number from 0 to 10000")) {
                try JSONInstanceReader.parse(contents: instance(costPerDistance: distance, costPerTime: time), path: "big.json")
            }
        }
        // At the largest cost allowed the search prices such routes without a trap.
        let p = try JSONInstanceReader.parse(contents: instance(costPerDistance: 10_000, costPerTime: 10_000, jobs: 25), path: "big.json")
        let result = try RoutingSolver.solve(p, options: SolverOptions(timeLimit: nil, maxIterations: 1))
        #expect(result.solution.routes.joined().count == 25)
    }

    @Test func vehicleNamesRoundTripThroughTheSolutionFile() throws {
        let text = """
            {"depots": [{"id": "d", "location": [0, 0]}],
             "vehicles": [{"id": "small van", "capacity": 5}, {"id": "truck #2: big", "capacity": 50, "fixed_cost": 10}],
             "jobs": [{"id": "a", "location": [1, 1], "demand": 2}, {"id": "b", "location": [9, 9], "demand": 20}]}
            """
        _ = try Self.roundTrip(try JSONInstanceReader.parse(contents: text), iterations: 20)
    }

    @Test func theCityDemoReadsSolvesAndRoundTrips() throws {
        let p = try InstanceReader.read(path: Self.path("demo-city.json"))
        // A slow cargo bike (speed factor 0.6), four jobs with two windows, four with priorities.
        #expect(p.vehicleTypes.map(\.name) == ["van", "cargo-bike"] && p.profiles.count == 2 && p.isProfiled)
        #expect(p.duration(0, 1, vehicle: 1) == Int((Double(p.duration(0, 1, vehicle: 0)) / 0.6).rounded()))
        #expect(p.groups.count == 4 && p.groups.allSatisfy { $0.count == 2 })
        let prized = (1...p.customerCount).filter { p.prizes[$0] != nil }
        #expect(prized.count == 4)
        let (result, _) = try Self.roundTrip(p)
        for members in p.groups { #expect(members.count { Set(result.solution.routes.joined()).contains($0) } == 1) }
    }

    @Test func theCSVDemoReadsSolvesAndRoundTrips() throws {
        let p = try CSVInstanceReader.read(orders: Self.path("demo-orders.csv"), vehicles: Self.path("demo-vehicles.csv"))
        #expect(p.customerCount == 30 && p.depotNodes.count == 2 && p.convention == .haversineTenths && p.scale == 10)
        #expect(p.labels?[1] == "order-1001" && p.vehicleTypes.map(\.name) == ["van", "cargo-bike"])
        // 08:00 in tenths of a minute; 3 minutes of service; a prize in tenths.
        #expect(p.readyTimes[1] == 4800 && p.serviceTimes[1] == 30)
        #expect(p.vehicleTypes[1].maxDistance == 350 && p.vehicleTypes[0].shiftStart == 4500)
        // The cargo bike rides at its own 15 km/h, the vans at the default 30.
        #expect(p.profiles.map(\.name) == ["30 km/h", "15 km/h"] && p.vehicleTypes.map(\.profile) == [0, 1])
        #expect(p.duration(1, 2, vehicle: 0) > 0 && abs(p.duration(1, 2, vehicle: 1) - 2 * p.duration(1, 2, vehicle: 0)) <= 1, "rounded to 0.1 minute")
        // The text plan shows clock times.
        #expect(p.formatTime(4800) == "08:00" && p.formatTime(6055) == "10:06" && p.formatTime(14_410) == "00:01+1d")
        _ = try Self.roundTrip(p)
    }

    @Test func haversineAndSpeed() throws {
        // One degree of latitude is πR/180 = 111.195 km; at 60 km/h that is 111.2 minutes.
        let orders = "id,lat,lon\na,53.0,13.0\n"
        let vehicles = "capacity,depot_lat,depot_lon\n10,52.0,13.0\n"
        let p = try CSVInstanceReader.parse(orders: orders, vehicles: vehicles, speedKmh: 60)
        #expect(p.distance(0, 1) == 1112 && p.duration(0, 1) == 1112)
        #expect(p.isClassic, "one vehicle row from one depot with nothing else set")
        let planar = try CSVInstanceReader.parse(orders: "id,x,y\na,3,4\n", vehicles: "capacity,depot_x,depot_y\n10,0,0\n", speedKmh: 30)
        #expect(planar.distance(0, 1) == 50 && planar.duration(0, 1) == 100 && planar.convention == .roundedTenths)
        #expect(Verifier.check(planar, routes: [[1]], claimedCost: 100).isFeasible)
    }

    @Test func csvErrorsNameFileAndLine() {
        func error(_ orders: String, _ vehicles: String = "capacity,depot_x,depot_y\n10,0,0\n") -> String {
            do { _ = try CSVInstanceReader.parse(orders: orders, vehicles: vehicles, ordersPath: "o.csv", vehiclesPath: "v.csv"); return "no error" } catch {
                return error.description
            }
        }
        #expect(error("id,x,y,window_start\na,1,1,25:99\n") == "o.csv:2: window_start '25:99' is not a time (HH:MM or minutes after midnight, up to 48:00)")
        #expect(error("x,y\n1,1\n") == "o.csv:1: header has no 'id' column")
        #expect(error("id,x,y\na,1,1\na,2,2\n") == "o.csv:3: order id 'a' is used twice")
        #expect(error("id,x,y,lat,lon\na,1,1,,\nb,,,52,13\n") == "o.csv:3: mixes lat/lon and x/y coordinates")
        #expect(error("id,x,y,demand\na,1,1,-3\n") == "o.csv:2: demand '-3' is not a whole number from 0 to 1073741823")
        #expect(error("id,x,y\na,1,1\n", "capacity,depot_lat,depot_lon\n10,52,13\n")
                == "v.csv:2: the depot's coordinates must be of the orders' kind (x/y)")
        #expect(error("id,x,y\na,1,1\n", "capacity\n10\n") == "v.csv:2: needs numeric depot_lat,depot_lon or depot_x,depot_y")
        #expect(error("id,x,y\n") == "o.csv: no orders")
    }
}
