import Foundation
import Testing
@testable import OnTimeCore

@Suite("JSON instances")
struct JSONInstanceTests {
    static let fixtures = TestData.root.appendingPathComponent("Tests/OnTimeCoreTests/Fixtures/json")

    /// The Solomon demo written as OnTime JSON reads to the same problem, and solves to
    /// the same verified plan.
    @Test func theSolomonDemoRoundTripsThroughJSON() throws {
        let solomon = try InstanceReader.read(path: TestData.root.appendingPathComponent("instances/demo-vrptw-25.txt").path)
        let p = solomon.coordinates!
        func f(_ v: Int) -> String { solomon.format(v) }
        var jobs: [String] = []
        for c in 1...solomon.customerCount {
            jobs.append("{\"id\": \"c\(c)\", \"location\": [\(p[c].x), \(p[c].y)], \"demand\": [\(solomon.demands[c])], "
                        + "\"service\": \(f(solomon.serviceTimes[c])), \"time_windows\": [[\(f(solomon.readyTimes[c])), \(f(solomon.dueTimes[c]))]]}")
        }
        let text = """
            {"name": "demo", "distance": "dimacs",
             "depots": [{"id": "depot", "location": [\(p[0].x), \(p[0].y)], "time_window": [\(f(solomon.readyTimes[0])), \(f(solomon.dueTimes[0]))]}],
             "vehicles": [{"id": "truck", "capacity": \(solomon.capacity), "count": \(solomon.vehicleLimit!)}],
             "jobs": [\(jobs.joined(separator: ",\n"))]}
            """
        let json = try JSONInstanceReader.parse(contents: text)
        #expect(json.customerCount == solomon.customerCount && json.capacity == solomon.capacity && json.vehicleLimit == solomon.vehicleLimit)
        #expect(json.scale == 10 && json.convention == .truncatedTenths)
        #expect(json.demands == solomon.demands && json.readyTimes == solomon.readyTimes && json.dueTimes == solomon.dueTimes)
        #expect(json.serviceTimes == solomon.serviceTimes)
        for i in 0...json.customerCount { for j in 0...json.customerCount { #expect(json.distance(i, j) == solomon.distance(i, j)) } }
        #expect(json.labels?[3] == "c3")
        let options = SolverOptions(timeLimit: nil, seed: 2, maxIterations: 150)
        let a = try RoutingSolver.solve(json, options: options), b = try RoutingSolver.solve(solomon, options: options)
        #expect(a.solution == b.solution)
        #expect(Verifier.check(json, routes: a.solution.routes, claimedCost: a.cost).isFeasible)
    }

    @Test func anOSRMTableDropsStraightIn() throws {
        let text = """
            {"name": "city", "matrices": "osrm-table.json",
             "depots": [{"id": "hub", "location_index": 0}],
             "vehicles": [{"id": "van", "capacity": [10], "count": 2}],
             "jobs": [{"id": "a", "location_index": 1, "demand": 3}, {"id": "b", "location_index": 2, "demand": [4]},
                      {"id": "c", "location_index": 3, "demand": 2, "service": 30}, {"id": "island", "location_index": 4, "demand": 1}]}
            """
        let path = Self.fixtures.appendingPathComponent("city.json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let p = try InstanceReader.read(path: path)
        #expect(p.convention == .explicit && p.coordinates == nil && p.vehicleLimit == 2)
        #expect(p.distance(0, 1) == 811 && p.distance(1, 0) == 805 && p.duration(0, 1) == 61 && p.duration(2, 3) == 40)
        #expect(p.distance(0, 4) == Matrix.unreachable)
        let result = try RoutingSolver.solve(p, options: SolverOptions(timeLimit: nil, maxIterations: 30))
        #expect(result.unassigned.map(\.customer) == [4])
        #expect(result.unassigned.first?.reason.contains("no road") == true)
        #expect(Verifier.check(p, routes: result.solution.routes, claimedCost: result.cost, unassigned: [4]).isFeasible)
    }

    @Test func errorsNameTheJSONPath() {
        let base = """
            {"depots": [{"id": "d", "location": [0, 0]}], "vehicles": [{"capacity": 10}],
             "jobs": [{"id": "a", "location": [1, 1], "demand": 2}, JOB]}
            """
        func error(_ job: String) -> String {
            do { _ = try JSONInstanceReader.parse(contents: base.replacingOccurrences(of: "JOB", with: job)); return "no error" } catch {
                return error.message
            }
        }
        #expect(error("{\"id\": \"b\", \"location\": [2, 2], \"demand\": \"x\"}") == "at jobs[1].demand: expected integers from 0 to 1073741823")
        #expect(error("{\"id\": \"b\", \"location\": [2]}") == "at jobs[1].location: expected [x, y], numbers within ±1e7")
        #expect(error("{\"id\": \"a\", \"location\": [2, 2]}") == "at jobs[1].id: 'a' is used twice")
        #expect(error("{\"id\": \"b\", \"location\": [2, 2], \"skills\": [{}]}") == "at jobs[1].skills: expected a list of skill names or integers")
        #expect(error("{\"id\": \"b\", \"location\": [2, 2], \"priority\": 300}") == "at jobs[1].priority: expected an integer from 0 to 100")
        #expect(error("{\"id\": \"b\", \"location\": [2, 2], \"colour\": 1}").hasPrefix("at jobs[1].colour: unknown key"))
        #expect(error("{\"id\": \"b\", \"location\": [2, 2], \"time_windows\": [[5, 1]]}")
                == "at jobs[1].time_windows[0]: expected [start, end] with 0 ≤ start ≤ end ≤ 1e8")
        #expect(error("{\"id\": \"b\", \"location\": [2, 2], \"demand\": [1, 2]}") == "at jobs[1].demand: has 2 dimensions but the vehicles' capacity has 1")
        #expect(error("{\"id\": \"b\", \"location_index\": 2}") == "at jobs[1].location_index: needs matrices")
        #expect(throws: InputError.self) { try JSONInstanceReader.parse(contents: "[1, 2]") }
        #expect(throws: InputError(file: "<input>", line: nil, "at shipments[0].pickup: expected {\"location\": [x, y], ...}")) {
            try JSONInstanceReader.parse(contents: base.replacingOccurrences(of: ", JOB]}", with: "], \"shipments\": [{}]}"))
        }
    }

    /// The published schema names exactly the keys the reader accepts (the reader's own
    /// lists, `JSONInstanceReader.Keys`), and the reader refuses a key the schema lacks.
    @Test func theSchemaMatchesTheReader() throws {
        let url = TestData.root.appendingPathComponent("instances/ontime.schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let properties = try #require(schema["properties"] as? [String: Any])
        typealias Keys = JSONInstanceReader.Keys
        #expect(Set(properties.keys) == Set(Keys.root))
        func itemKeys(_ key: String) -> Set<String> {
            let items = (properties[key] as? [String: Any])?["items"] as? [String: Any]
            return Set(((items?["properties"] as? [String: Any]) ?? [:]).keys)
        }
        #expect(itemKeys("jobs") == Set(Keys.job))
        #expect(itemKeys("vehicles") == Set(Keys.vehicle))
        #expect(itemKeys("depots") == Set(Keys.depot))
        #expect(itemKeys("shipments") == Set(Keys.shipment))
        // Each list is what the reader enforces: one key more is refused, in each object.
        let valid = """
            {"depots": [{"location": [0, 0]DEPOT}], "vehicles": [{"capacity": 5VEHICLE}],
             "jobs": [{"location": [1, 1]JOB}], "shipments": [{"pickup": {"location": [2, 2]}, "delivery": {"location": [3, 3]}SHIPMENT}]ROOT}
            """
        func clean(_ text: String) -> String {
            ["DEPOT", "VEHICLE", "JOB", "SHIPMENT", "ROOT"].reduce(text) { $0.replacingOccurrences(of: $1, with: "") }
        }
        #expect(throws: Never.self) { try JSONInstanceReader.parse(contents: clean(valid)) }
        for marker in ["DEPOT", "VEHICLE", "JOB", "SHIPMENT", "ROOT"] {
            #expect(throws: InputError.self, "\(marker)") {
                try JSONInstanceReader.parse(contents: clean(valid.replacingOccurrences(of: marker, with: ", \"extra_key\": 1")))
            }
        }
        // The bundled demo follows it and solves.
        let demo = try InstanceReader.read(path: TestData.root.appendingPathComponent("instances/demo-json-12.json").path)
        #expect(demo.customerCount == 12 && demo.labels?[1] == "order-1001" && demo.hasTimeWindows)
    }
}
