import Foundation
import Testing
@testable import OnTimeCore

/// Travel profiles: vehicle types driving by their own distance and duration matrices
/// (a bicycle's paths, a slower truck). A tiny instance where the profile decides the
/// plan, the verifier pricing each route by its type's profile, every move's delta on
/// random states whose routes drive by different profiles, and the readers (JSON
/// matrices per profile, OSRM tables per profile, speed factors, CSV speed per row).
@Suite("Travel profiles")
struct ProfileTests {
    /// Depot at the origin, one customer 100 away on the van's roads. The bike's network
    /// has a 70-long path there, ridden in 35. The customer closes at 60.
    static func shortcut(bikeCount: Int = 1) -> Problem {
        let points = [Point(x: 0, y: 0), Point(x: 100, y: 0)]
        let bikeDistances = Matrix(size: 2) { _, _ in 70 }
        let bikeDurations = Matrix(size: 2) { _, _ in 35 }
        let types = [VehicleType(name: "van", count: 1, capacity: 10),
                     VehicleType(name: "bike", count: bikeCount, capacity: 10, fixedCost: 5, distanceCost: 2, profile: 1)]
        return Problem(name: "shortcut", originalIDs: [1, 2], coordinates: points, demands: [0, 1], capacity: 10, vehicleLimit: 1 + bikeCount,
                       distances: Matrix(points: points, rule: .rounded), convention: .roundedEuclidean,
                       readyTimes: [0, 0], dueTimes: [1000, 60], serviceTimes: [0, 0], vehicleTypes: types,
                       profileName: "road", extraProfiles: [TravelProfile(name: "bike", distances: bikeDistances, durations: bikeDurations)])
    }

    @Test func theProfileDecidesTheVehicle() throws {
        let p = Self.shortcut()
        #expect(p.isProfiled && !p.isClassic && p.profiles.map(\.name) == ["road", "bike"])
        #expect(p.distance(0, 1, vehicle: 0) == 100 && p.distance(0, 1, vehicle: 1) == 70 && p.duration(0, 1, vehicle: 1) == 35)
        let result = try VehicleTypeTests.solve(p)
        // Only the bike arrives by 60: 5 + 2 × (70 + 70) = 285.
        #expect(result.solution.routes == [[1]] && result.solution.vehicles == [1])
        #expect(result.cost == 285)
        let byBike = Verifier.check(p, routes: [[1]], vehicles: [1], claimedCost: 285)
        #expect(byBike.isFeasible && byBike.cost == 285)
        // The van would be late (it drives 100 at travel time = distance), and a claim priced
        // by the van's roads is refused for the bike.
        #expect(Verifier.check(p, routes: [[1]], vehicles: [0]).violations.contains { $0.contains("after its due time") })
        #expect(!Verifier.check(p, routes: [[1]], vehicles: [1], claimedCost: 5 + 2 * 200).isFeasible)
        // The schedule and the plan's distance follow the bike's network.
        let s = p.schedule([1], vehicle: 1)
        #expect(s.stops[0].arrival == 35 && s.distance == 140 && s.returnTime == 70)
    }

    /// A random rich instance (see `VehicleTypeTests.randomRich`) whose types b and c
    /// drive by their own networks: b by a detour-prone asymmetric one at half speed, c
    /// on the same roads at twice the speed.
    static func randomProfiled(customers n: Int, seed: UInt64, shipments pairs: Int = 0) -> Problem {
        let base = VehicleTypeTests.randomRich(customers: n, seed: seed, shipments: pairs)
        var rng = RandomGenerator(seed: seed &+ 99)
        let size = base.nodeCount
        let detour = (0..<(size * size)).map { _ in 100 + rng.below(60) }
        let bikeDistances = Matrix(size: size) { i, j in base.distance(i, j) * detour[i * size + j] / 100 }
        let bikeDurations = Matrix(size: size) { i, j in 2 * bikeDistances[i, j] }
        let fast = Matrix(size: size) { i, j in base.duration(i, j) / 2 }
        var types = base.vehicleTypes
        types[1].profile = 1
        types[2].profile = 2
        var p = Problem(name: "profiled", originalIDs: base.originalIDs, coordinates: base.coordinates, demands: base.demands,
                        capacity: base.capacity, vehicleLimit: base.vehicleLimit, distances: base.distances, convention: .roundedEuclidean,
                        readyTimes: base.readyTimes, dueTimes: base.dueTimes, serviceTimes: base.serviceTimes, depotCount: 2,
                        vehicleTypes: types, prizes: base.prizes, shipments: base.shipments, requiredSkills: base.requiredSkills,
                        extraDemands: base.extraDemands,
                        extraProfiles: [TravelProfile(name: "bike", distances: bikeDistances, durations: bikeDurations),
                                        TravelProfile(name: "fast", distances: base.distances, durations: fast)])
        p.labels = nil
        return p
    }

    @Test func everyMoveDeltaMatchesRecomputationAcrossProfiles() {
        var tested = 0
        for seed in 1...30 as ClosedRange<UInt64> {
            let make = { (n: Int, pairs: Int) in Self.randomProfiled(customers: n, seed: seed, shipments: pairs) }
            // Odd seeds: without pairs; even seeds: with shipments.
            tested += seed % 2 == 0 ? VehicleTypeTests.checkDeltas(seed: seed, ProfiledPairedFeatures.self, make: make)
                                    : VehicleTypeTests.checkDeltas(seed: seed, ProfiledFeatures.self, make: make)
        }
        #expect(tested > 350)
    }

    /// The search's pricing of a route against the verifier's, per type and profile.
    @Test func searchAndVerifierPriceProfilesAlike() {
        var agreed = 0
        for seed in 1...60 as ClosedRange<UInt64> {
            var rng = RandomGenerator(seed: seed)
            let n = 2 + rng.below(6)
            let p = Self.randomProfiled(customers: n, seed: seed)
            agreed += VehicleTypeTests.expectSamePricing(p, customers: n, seed: seed, rng: &rng)
        }
        #expect(agreed > 50)
    }

    @Test func randomProfiledInstancesSolveToVerifiedPlans() throws {
        for seed in 1...4 as ClosedRange<UInt64> {
            try VehicleTypeTests.expectVerified(Self.randomProfiled(customers: 25, seed: seed, shipments: seed % 2 == 0 ? 4 : 0), seed: seed)
        }
    }

    // MARK: Readers

    static let twoProfiles = """
        {"matrices": {"car": {"distances": [[0, 100, 90], [100, 0, 50], [90, 50, 0]],
                              "durations": [[0, 100, 90], [100, 0, 50], [90, 50, 0]]},
                      "bike": {"distances": [[0, 60, 80], [60, 0, 40], [80, 40, 0]], "durations": [[0, 120, 160], [120, 0, 80], [160, 80, 0]]}},
         "depots": [{"id": "hub", "location_index": 0}],
         "vehicles": [VEHICLES],
         "jobs": [{"id": "a", "location_index": 1, "demand": 1}, {"id": "b", "location_index": 2, "demand": 1}]}
        """

    static func read(vehicles: String) throws(InputError) -> Problem {
        try JSONInstanceReader.parse(contents: twoProfiles.replacingOccurrences(of: "VEHICLES", with: vehicles))
    }

    @Test func jsonMatricesPerProfile() throws {
        let p = try Self.read(vehicles: """
            {"id": "van", "capacity": 5}, {"id": "bike", "capacity": 5, "profile": "bike"}, {"id": "quick", "capacity": 5, "speed_factor": 2}
            """)
        #expect(p.vehicleTypes.map(\.profile) == [0, 1, 2] && p.profiles.map(\.name) == ["car", "bike", "car ×2.0"])
        #expect(p.distance(0, 1, vehicle: 0) == 100 && p.distance(0, 1, vehicle: 1) == 60 && p.duration(0, 1, vehicle: 1) == 120)
        #expect(p.distance(0, 1, vehicle: 2) == 100 && p.duration(0, 1, vehicle: 2) == 50)
        let (result, report) = try RichInputTests.roundTrip(p)
        #expect(report.isFeasible && result.cost == report.cost)
        // The bike's network is shortest (60 + 40 + 80): one bike route is the optimum.
        #expect(result.cost == 180 && result.solution.vehicles == [1])
    }

    @Test func jsonProfileErrorsNameThePath() {
        func error(_ vehicles: String) -> String {
            do { _ = try Self.read(vehicles: vehicles); return "no error" } catch { return error.message }
        }
        #expect(error("{\"capacity\": 5, \"profile\": \"boat\"}") == "at vehicles[0].profile: names no profile of the matrices (known: bike, car)")
        #expect(error("{\"capacity\": 5, \"speed_factor\": 0}") == "at vehicles[0].speed_factor: expected a number from 0.01 to 5")
        // A tiny factor was a trap (a travel time beyond Int); refused now.
        #expect(error("{\"capacity\": 5, \"speed_factor\": 1e-300}") == "at vehicles[0].speed_factor: expected a number from 0.01 to 5")
        // Each distinct speed factor is a profile of its own: at most 8.
        let nine = (1...9).map { "{\"id\": \"v\($0)\", \"capacity\": 5, \"speed_factor\": \(Double($0) / 2)}" }.joined(separator: ", ")
        #expect(error(nine) == "at vehicles: 9 travel profiles (sets of matrices × speed factors); at most 8")
        // Without "car" every vehicle must name its profile.
        let noCar = Self.twoProfiles.replacingOccurrences(of: "\"car\"", with: "\"truck\"").replacingOccurrences(of: "VEHICLES", with: "{\"capacity\": 5}")
        do { _ = try JSONInstanceReader.parse(contents: noCar); Issue.record("accepted") } catch {
            #expect(error.message == "at vehicles[0]: the matrices have several profiles (bike, truck): say which with \"profile\"")
        }
        let mismatch = Self.twoProfiles.replacingOccurrences(of: "[[0, 60, 80], [60, 0, 40], [80, 40, 0]]", with: "[[0, 1], [1, 0]]")
            .replacingOccurrences(of: "\"durations\": [[0, 120, 160], [120, 0, 80], [160, 80, 0]]", with: "\"durations\": [[0, 1], [1, 0]]")
            .replacingOccurrences(of: "VEHICLES", with: "{\"capacity\": 5}")
        do { _ = try JSONInstanceReader.parse(contents: mismatch); Issue.record("accepted") } catch {
            #expect(error.message == "at matrices.car: is 3 × 3 but the matrices of profile 'bike' are 2 × 2")
        }
        let coordinates = """
            {"depots": [{"location": [0, 0]}], "vehicles": [{"capacity": 5, "profile": "bike"}], "jobs": [{"location": [1, 1]}]}
            """
        do { _ = try JSONInstanceReader.parse(contents: coordinates); Issue.record("accepted") } catch {
            #expect(error.message.hasPrefix("at vehicles[0].profile: profiles name sets of matrices, and this instance has none"))
        }
    }

    @Test func osrmTablesPerProfileAndSpeedFactorsOnCoordinates() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ontime-profiles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let table = try String(contentsOf: TestData.root.appendingPathComponent("Tests/OnTimeCoreTests/Fixtures/json/osrm-table.json"), encoding: .utf8)
        try table.write(to: folder.appendingPathComponent("car.json"), atomically: true, encoding: .utf8)
        try table.replacingOccurrences(of: "61.4", with: "30.0").write(to: folder.appendingPathComponent("bike.json"), atomically: true, encoding: .utf8)
        let instance = """
            {"matrices": {"car": "car.json", "bike": "bike.json"}, "depots": [{"location_index": 0}],
             "vehicles": [{"id": "van", "capacity": 9}, {"id": "bike", "capacity": 9, "profile": "bike"}],
             "jobs": [{"location_index": 1, "demand": 1}, {"location_index": 2, "demand": 1}]}
            """
        let path = folder.appendingPathComponent("city.json").path
        try instance.write(toFile: path, atomically: true, encoding: .utf8)
        let p = try InstanceReader.read(path: path)
        #expect(p.duration(0, 1, vehicle: 0) == 61 && p.duration(0, 1, vehicle: 1) == 30 && p.distance(0, 1, vehicle: 1) == 811)
        _ = try RichInputTests.roundTrip(p)
        // Coordinates and a speed factor: the same distances, travel times divided.
        let planar = try JSONInstanceReader.parse(contents: """
            {"depots": [{"location": [0, 0], "time_window": [0, 1000]}],
             "vehicles": [{"id": "slow", "capacity": 5}, {"id": "quick", "capacity": 5, "speed_factor": 1.25}],
             "jobs": [{"location": [30, 40], "demand": 1}]}
            """)
        #expect(planar.distance(0, 1, vehicle: 1) == 50 && planar.duration(0, 1, vehicle: 0) == 50 && planar.duration(0, 1, vehicle: 1) == 40)
        _ = try RichInputTests.roundTrip(planar)
    }

    @Test func csvSpeedPerVehicleRow() throws {
        let orders = "id,x,y,window_start,window_end\na,3,4,00:00,00:12\nb,6,8,,\n"
        let vehicles = "id,capacity,depot_x,depot_y,speed,fixed_cost\nvan,10,0,0,,0\nbike,10,0,0,60,50\n"
        let p = try CSVInstanceReader.parse(orders: orders, vehicles: vehicles, speedKmh: 20)
        // 5 km: 15 minutes at 20 km/h, 5 at 60.
        #expect(p.profiles.map(\.name) == ["20 km/h", "60 km/h"] && p.vehicleTypes.map(\.profile) == [0, 1])
        #expect(p.distance(0, 1, vehicle: 1) == 50 && p.duration(0, 1, vehicle: 0) == 150 && p.duration(0, 1, vehicle: 1) == 50)
        let (result, _) = try RichInputTests.roundTrip(p)
        // Only the bike reaches a by 00:12.
        #expect(VehicleTypeTests.type(of: 1, in: result.solution) == 1)
        func error(_ vehicles: String) -> String {
            do { _ = try CSVInstanceReader.parse(orders: orders, vehicles: vehicles, vehiclesPath: "v.csv"); return "no error" } catch {
                return error.description
            }
        }
        #expect(error("capacity,depot_x,depot_y,speed\n10,0,0,fast\n") == "v.csv:2: speed 'fast' is not a number of km/h from 0.1 to 1000 (as --speed)")
        #expect(error("capacity,depot_x,depot_y,speed\n10,0,0,1e-300\n") == "v.csv:2: speed '1e-300' is not a number of km/h from 0.1 to 1000 (as --speed)")
    }
}
