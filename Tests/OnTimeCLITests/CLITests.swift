import Foundation
import Synchronization
import Testing
@testable import OnTimeCLI
import OnTimeCore

/// Captures what a command prints.
final class Captured: Sendable {
    private let outText = Mutex(""), errText = Mutex("")
    var out: String { outText.withLock { $0 } }
    var err: String { errText.withLock { $0 } }
    var console: Console {
        Console(out: { s in self.outText.withLock { $0 += s } }, err: { s in self.errText.withLock { $0 += s } })
    }
}

enum Paths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let demo = root.appendingPathComponent("instances/demo-cvrp-30.vrp").path
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared/instances")
    static var sharedAvailable: Bool { FileManager.default.fileExists(atPath: shared.path) }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ontime-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

@Suite("ontime command line")
struct CLITests {
    func run(_ args: [String]) -> (ExitCode, Captured) {
        let c = Captured()
        return (OnTime.run(args, console: c.console), c)
    }

    @Test func usageErrorsExitTwo() {
        #expect(run([]).0 == .badInput)
        #expect(run(["frobnicate"]).0 == .badInput)
        #expect(run(["solve"]).0 == .badInput)
        #expect(run(["solve", Paths.demo, "--time-limit", "soon"]).0 == .badInput)
        #expect(run(["solve", Paths.demo, "--format", "xml"]).0 == .badInput)
        #expect(run(["solve", Paths.demo, "--bogus"]).0 == .badInput)
        #expect(run(["check", Paths.demo]).0 == .badInput)
        let (code, c) = run(["solve", Paths.demo, "--seed", "-3"])
        #expect(code == .badInput)
        #expect(c.err.contains("--seed must be an integer"))
    }

    @Test func movesCanBeSwitchedOffByName() throws {
        let (code, c) = run(["solve", Paths.demo, "--max-iterations", "20", "--log-json", "--format", "vrplib", "--moves-off", "swap-star,exchange22"])
        #expect(code == .ok, "\(c.err)")
        let last = try #require(c.err.split(separator: "\n").last)
        let done = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
        let moves = try #require(done["moves"] as? [String: Any])
        #expect(moves["swap-star"] == nil && moves["exchange22"] == nil && moves["exchange21"] != nil, "\(moves)")
        let (bad, b) = run(["solve", Paths.demo, "--moves-off", "swap-star,relocate"])
        #expect(bad == .badInput)
        #expect(b.err.hasPrefix("ontime solve: --moves-off: unknown move 'relocate' (moves: exchange10,"), "\(b.err)")
        #expect(run(["bench", Paths.demo, "--moves-off", "bogus"]).0 == .badInput)
    }

    @Test func helpForEveryCommand() {
        for args in [["help"], ["--help"], ["help", "solve"], ["help", "check"], ["solve", "--help"], ["check", "--help"]] {
            let (code, c) = run(args)
            #expect(code == .ok)
            #expect(c.out.contains("Usage"), "\(args)")
        }
    }

    @Test func missingInstanceFileIsOneLine() {
        let (code, c) = run(["solve", "/nonexistent/x.vrp", "--max-iterations", "1"])
        #expect(code == .badInput)
        #expect(c.err == "/nonexistent/x.vrp: no such file\n")
    }

    @Test func solveWritesAVerifiedSolAndCheckAcceptsIt() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sol = folder.appendingPathComponent("demo.sol").path
        let (code, c) = run(["solve", Paths.demo, "--max-iterations", "100", "--seed", "5", "--output", sol, "--quiet"])
        #expect(code == .ok, "\(c.err)")
        #expect(c.out.isEmpty)
        let text = try String(contentsOfFile: sol, encoding: .utf8)
        #expect(text.hasPrefix("Route #1: "))
        #expect(text.split(separator: "\n").last?.hasPrefix("Cost ") == true)
        // No temporary file is left beside the output.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["demo.sol"])
        let (checkCode, checked) = run(["check", Paths.demo, sol])
        #expect(checkCode == .ok)
        #expect(checked.out.hasPrefix("feasible: "))
    }

    @Test func checkRejectsAnInfeasibleSolution() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sol = folder.appendingPathComponent("bad.sol").path
        // Customers 1..29 in one route (over capacity), customer 30 missing.
        try ("Route #1: " + (1...29).map(String.init).joined(separator: " ") + "\nCost 1\n").write(toFile: sol, atomically: true, encoding: .utf8)
        let (code, c) = run(["check", Paths.demo, sol])
        #expect(code == .infeasible)
        #expect(c.out.contains("customer 30 is not visited"))
        #expect(c.out.contains("exceeds capacity 100"))
        #expect(c.out.contains("claimed cost 1 differs"))
    }

    @Test func unwritableOutputFailsBeforeTheSearch() {
        let start = Date()
        let (code, c) = run(["solve", Paths.demo, "--time-limit", "30", "--output", "/nonexistent-folder/out.sol"])
        #expect(code == .badInput)
        #expect(c.err.contains("does not exist"))
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func jsonPlanHasArrivalTimesAndMatchesTheVerifier() throws {
        let (code, c) = run(["solve", Paths.demo, "--max-iterations", "30", "--format", "json", "--quiet"])
        #expect(code == .ok)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(c.out.utf8)) as? [String: Any])
        let routes = try #require(json["routes"] as? [[String: Any]])
        #expect(!routes.isEmpty)
        let problem = try InstanceReader.read(path: Paths.demo)
        var sequences: [[Int]] = []
        for route in routes {
            let stops = try #require(route["stops"] as? [[String: Any]])
            var previous = 0, time = 0
            for stop in stops {
                let customer = try #require(stop["customer"] as? Int)
                let arrival = try #require(stop["arrival"] as? Int)
                // Travel time equals distance for CVRP; no service times.
                time += problem.distance(previous, customer)
                #expect(arrival == time)
                previous = customer
            }
            sequences.append(try #require(route["sequence"] as? [Int]))
        }
        let report = Verifier.check(problem, routes: sequences)
        #expect(report.isFeasible)
        #expect(json["cost"] as? Int == report.cost)
    }

    @Test func csvAndTextFormats() {
        let (code, c) = run(["solve", Paths.demo, "--max-iterations", "10", "--format", "csv", "--quiet"])
        #expect(code == .ok)
        let lines = c.out.split(separator: "\n")
        let header = "route,sequence,customer,node_id,demand,arrival,waiting,departure,load_after,"
            + "eta_low,eta_median,eta_high,window_start,window_end,late_risk"
        #expect(lines.first.map(String.init) == header)
        #expect(lines.count == 31)
        let (textCode, text) = run(["solve", Paths.demo, "--max-iterations", "10", "--quiet"])
        #expect(textCode == .ok)
        #expect(text.out.contains("Route #1"))
        #expect(text.out.contains("depot @0"))
    }

    @Test(.enabled(if: Paths.sharedAvailable))
    func solveAndCheckXn101WithinTheTimeLimit() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let instance = Paths.shared.appendingPathComponent("cvrp/X/X-n101-k25.vrp").path
        let sol = folder.appendingPathComponent("out.sol").path
        let start = Date()
        let (code, c) = run(["solve", instance, "--time-limit", "2", "--format", "vrplib", "--output", sol])
        let wall = Date().timeIntervalSince(start)
        #expect(code == .ok, "\(c.err)")
        #expect(wall < 2 * 1.05 + 0.5)
        #expect(c.err.contains("verified cost"))
        let (checkCode, checked) = run(["check", instance, sol])
        #expect(checkCode == .ok, "\(checked.out)")
    }

    @Test func timeWindowPlanReportsArrivalWaitingAndDeparture() throws {
        let instance = Paths.root.appendingPathComponent("instances/demo-vrptw-25.txt").path
        let (code, c) = run(["solve", instance, "--max-iterations", "100", "--format", "json", "--quiet"])
        #expect(code == .ok)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(c.out.utf8)) as? [String: Any])
        let routes = try #require(json["routes"] as? [[String: Any]])
        let problem = try InstanceReader.read(path: instance)
        var sequences: [[Int]] = [], waited = 0
        for route in routes {
            let stops = try #require(route["stops"] as? [[String: Any]])
            var previous = 0, time = 0
            for stop in stops {
                let node = try #require(stop["customer"] as? Int)
                let arrival = try #require(stop["arrival"] as? Double)
                let waiting = try #require(stop["waiting"] as? Double)
                let departure = try #require(stop["departure"] as? Double)
                // Times are printed in input units (tenths for Solomon under DIMACS).
                time += problem.duration(previous, node)
                #expect(Int((arrival * 10).rounded()) == time)
                let start = max(time, problem.readyTimes[node])
                #expect(Int((waiting * 10).rounded()) == start - time)
                #expect(start <= problem.dueTimes[node])
                time = start + problem.serviceTimes[node]
                #expect(Int((departure * 10).rounded()) == time)
                if waiting > 0 { waited += 1 }
                previous = node
            }
            sequences.append(try #require(route["sequence"] as? [Int]))
        }
        #expect(waited > 0, "the demo's windows make some vehicle wait")
        // Every stop carries its predicted window and late risk.
        for route in routes {
            for stop in try #require(route["stops"] as? [[String: Any]]) {
                let eta = try #require(stop["eta"] as? [String: Any])
                let window = try #require(eta["window"] as? [Double])
                let risk = try #require(eta["late_risk"] as? Double)
                #expect(window.count == 2 && window[0] <= window[1] && (0...1).contains(risk))
            }
        }
        #expect(Verifier.check(problem, routes: sequences).isFeasible)
    }

    @Test func slotGenerateThenSlotAndReslot() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let wh = folder.appendingPathComponent("wh").path
        #expect(run(["slot-generate", "--skus", "200", "--orders", "800", "--seed", "3", "--out", wh]).0 == .ok)
        let inputs = ["\(wh)/layout.json", "\(wh)/skus.csv", "\(wh)/orders.csv"]
        let assignment = folder.appendingPathComponent("new.csv").path, moves = folder.appendingPathComponent("moves.csv").path
        let (code, c) = run(["slot"] + inputs + ["--current", "\(wh)/current.csv", "--method", "all", "--output", assignment, "--moves", moves])
        #expect(code == .ok, "\(c.err)")
        for word in ["current", "random", "abc", "coi", "exact", "s-shape", "return", "largest-gap", "lower bound", "transportation LP"] {
            #expect(c.out.contains(word), "report lacks \(word)")
        }
        let rows = try String(contentsOfFile: assignment, encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "sku,slot,aisle,side,bay,level,picks" && rows.count == 201)
        // The moves to the new assignment can be carried out in their order.
        try expectExecutable(moves: moves, current: "\(wh)/current.csv", maxSKUs: 200)
        let (reslot, r) = run(["slot"] + inputs + ["--current", "\(wh)/current.csv", "--max-moves", "10", "--moves", moves, "--policy", "return"])
        #expect(reslot == .ok, "\(r.err)")
        #expect(r.out.contains("re-slot exact") && r.out.contains("exact MIP (GLPK") && r.out.contains("proven optimal within the budget"), "\(r.out)")
        try expectExecutable(moves: moves, current: "\(wh)/current.csv", maxSKUs: 10)
        let (greedy, g) = run(["slot"] + inputs + ["--current", "\(wh)/current.csv", "--max-moves", "10", "--reslot", "greedy", "--policy", "return"])
        #expect(greedy == .ok && g.out.contains("re-slot greedy") && g.out.contains("LP relaxation of the re-slotting model"), "\(g.out)")
        // Families kept in one aisle by the exact method.
        let (families, f) = run(["slot"] + inputs + ["--method", "exact", "--families", "aisle", "--policy", "return", "--output", assignment])
        #expect(families == .ok, "\(f.err)")
        #expect(f.out.contains("family MIP") && f.out.contains("exact 0"), "\(f.out)")
        // Usage errors: exit 2 with a message, never a trap.
        for bad in [["--families", "bay"], ["--families", "aisle", "--current", "\(wh)/current.csv", "--max-moves", "3"],
                    ["--reslot", "exact"], ["--current", "\(wh)/current.csv", "--max-moves", "3", "--reslot", "best"]] {
            let (code, b) = run(["slot"] + inputs + bad)
            #expect(code == .badInput && !b.err.isEmpty, "\(bad)")
        }
        // Bad input: exit 2 with the file named; --max-moves without --current is a usage error.
        try "{\"aisles\": 1}".write(toFile: "\(wh)/layout.json", atomically: true, encoding: .utf8)
        let (bad, b) = run(["slot"] + inputs)
        #expect(bad == .badInput && b.err.contains("layout.json") && b.err.contains("bays_per_aisle"))
        #expect(run(["slot"] + inputs + ["--max-moves", "3"]).0 == .badInput)
    }

    /// Replays a moves CSV on a current assignment CSV: every move starts where its SKU
    /// is and ends in a slot empty at that moment; at most `maxSKUs` SKUs move.
    func expectExecutable(moves: String, current: String, maxSKUs: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var slotOf: [String: String] = [:]
        for line in try String(contentsOfFile: current, encoding: .utf8).split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",").map(String.init)
            slotOf[fields[0]] = fields[1]
        }
        var holder: [String: String] = [:]
        for (sku, slot) in slotOf { holder[slot] = sku }
        let rows = try String(contentsOfFile: moves, encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "step,sku,from,to", sourceLocation: sourceLocation)
        var moved = Set<String>()
        for (k, row) in rows.dropFirst().enumerated() {
            let fields = row.split(separator: ",").map(String.init)
            #expect(fields.count == 4 && fields[0] == String(k + 1), sourceLocation: sourceLocation)
            let (sku, from, to) = (fields[1], fields[2], fields[3])
            #expect(slotOf[sku] == from, "step \(k + 1)", sourceLocation: sourceLocation)
            #expect(holder[to] == nil, "step \(k + 1) goes into an occupied slot", sourceLocation: sourceLocation)
            holder[from] = nil
            holder[to] = sku
            slotOf[sku] = to
            moved.insert(sku)
        }
        #expect(moved.count <= maxSKUs, sourceLocation: sourceLocation)
    }

    @Test func notifyWritesNoticesForAPlan() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let instance = Paths.root.appendingPathComponent("instances/demo-vrptw-25.txt").path
        let plan = folder.appendingPathComponent("plan.sol").path
        #expect(run(["solve", instance, "--max-iterations", "100", "--output", plan, "--quiet"]).0 == .ok)
        // Route 1 reports its first stop served and a departure far too late: notices follow.
        let progress = folder.appendingPathComponent("progress.csv").path
        try "route,completed,departure\n1,1,400\n".write(toFile: progress, atomically: true, encoding: .utf8)
        let (code, c) = run(["notify", instance, plan, "--progress", progress, "--threshold", "0.5"])
        #expect(code == .ok, "\(c.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(c.out.utf8)) as? [String: Any])
        let notices = try #require(json["notices"] as? [[String: Any]])
        #expect(!notices.isEmpty)
        #expect(notices.allSatisfy { ($0["message"] as? String)?.contains("expected between") == true })
        let codes = notices.compactMap { $0["code"] as? String }
        #expect(Set(codes).count == notices.count)
        // CSV output, and bad progress named with its line.
        let out = folder.appendingPathComponent("notices.csv").path
        #expect(run(["notify", instance, plan, "--progress", progress, "--output", out, "--language", "zh-TW"]).0 == .ok)
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("route,sequence,customer,"))
        try "route,completed,departure\n99,1,4\n".write(toFile: progress, atomically: true, encoding: .utf8)
        let (bad, b) = run(["notify", instance, plan, "--progress", progress])
        #expect(bad == .badInput && b.err.contains("progress.csv:2"))
    }

    @Test func calibrateByHourAndCarrierThenSolveWithACarriersModel() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var history = "planned,actual,hour,carrier\n"
        var rng = RandomGenerator(seed: 2)
        for k in 0..<1_200 {
            let planned = 5 + rng.below(30), carrier = k % 2 == 0 ? "A" : "B"
            let slow = (k % 3 == 1 ? 1.3 : 1.0) * (carrier == "B" ? 1.2 : 1.0)
            history += "\(planned),\(Double(planned) * slow * (0.8 + 0.4 * rng.unit())),\(8 + k % 3):15,\(carrier)\n"
        }
        let historyPath = folder.appendingPathComponent("history.csv").path, model = folder.appendingPathComponent("model.json").path
        try history.write(toFile: historyPath, atomically: true, encoding: .utf8)
        let (code, c) = run(["calibrate", historyPath, "--clock-start", "7", "--output", model])
        #expect(code == .ok, "\(c.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: model))) as? [String: Any])
        #expect((json["by_hour"] as? [String: Any])?.keys.sorted() == ["10", "8", "9"])
        #expect((json["by_carrier"] as? [String: Any])?.keys.sorted() == ["A", "B"])
        #expect(json["clock_start"] as? Double == 7)
        let instance = Paths.root.appendingPathComponent("instances/demo-vrptw-25.txt").path
        let (solved, s) = run(["solve", instance, "--max-iterations", "50", "--travel-model", model, "--carrier", "B", "--format", "json", "--quiet"])
        #expect(solved == .ok, "\(s.err)")
        #expect(s.out.contains("\"late_risk\""))
        let (bad, b) = run(["solve", instance, "--max-iterations", "50", "--travel-model", model, "--carrier", "C", "--quiet"])
        #expect(bad == .badInput && b.err.contains("no model for carrier:C; it has carrier:A, carrier:B"), "\(b.err)")
    }

    @Test func dispatchAndOrderDatesGiveDayWindows() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let instance = Paths.root.appendingPathComponent("instances/demo-vrptw-25.txt").path
        let orders = folder.appendingPathComponent("orders.csv").path
        try "customer,ordered\n1,2026-11-23\n2,2026-11-25\n".write(toFile: orders, atomically: true, encoding: .utf8)
        let (code, c) = run(["solve", instance, "--max-iterations", "50", "--format", "json", "--quiet",
                             "--dispatch-date", "2026-11-26", "--order-dates", orders])
        #expect(code == .ok, "\(c.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(c.out.utf8)) as? [String: Any])
        let window = try #require(json["day_window"] as? [String: Any])
        #expect(window["dispatch_date"] as? String == "2026-11-26")
        #expect((window["days"] as? [Int])?.first == 0 && ((window["days"] as? [Int])?.last ?? 0) >= 3)
        let stops = (json["routes"] as? [[String: Any]] ?? []).flatMap { $0["stops"] as? [[String: Any]] ?? [] }
        let first = try #require(stops.first { $0["customer"] as? Int == 1 }?["delivery"] as? [String: Any])
        #expect(first["ordered"] as? String == "2026-11-23" && (first["days"] as? [Int])?.first == 3)
        #expect((first["text"] as? String)?.hasPrefix("expected in 3") == true)
        // Bad dates are input errors with the file and line.
        try "customer,ordered\n1,yesterday\n".write(toFile: orders, atomically: true, encoding: .utf8)
        let (bad, b) = run(["solve", instance, "--max-iterations", "5", "--quiet", "--dispatch-date", "2026-11-26", "--order-dates", orders])
        #expect(bad == .badInput && b.err.contains("orders.csv:2"), "\(b.err)")
        #expect(run(["solve", instance, "--quiet", "--dispatch-date", "26/11/2026"]).0 == .badInput)
    }

    @Test func unservableCustomersAreListedAndTheRestPlannedWithExitThree() throws {
        let instance = Paths.root.appendingPathComponent("Tests/OnTimeCoreTests/Fixtures/unservable/demand-above-capacity.vrp").path
        let (code, c) = run(["solve", instance, "--max-iterations", "20", "--format", "json", "--quiet"])
        #expect(code == .infeasible)
        #expect(c.err.contains("left out: customer 4 (node 5): demand 11 is above the vehicle capacity 10"), "\(c.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(c.out.utf8)) as? [String: Any])
        let unassigned = try #require(json["unassigned"] as? [[String: Any]])
        #expect(unassigned.count == 1 && unassigned[0]["customer"] as? Int == 4 && unassigned[0]["node_id"] as? Int == 5)
        #expect((json["routes"] as? [[String: Any]])?.flatMap { $0["sequence"] as? [Int] ?? [] }.sorted() == [1, 2, 3])
        // The plan read back: check says what is left out and why; notify accepts it.
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sol = folder.appendingPathComponent("plan.sol").path
        #expect(run(["solve", instance, "--max-iterations", "20", "--output", sol, "--quiet"]).0 == .infeasible)
        let (checked, k) = run(["check", instance, sol])
        #expect(checked == .infeasible && k.out.contains("feasible for every customer that can be served") && k.out.contains("customer 4: demand 11"))
        #expect(run(["notify", instance, sol]).0 == .ok)
    }

    @Test func svgAndGeoJSONFromTheOutputExtension() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let orders = Paths.root.appendingPathComponent("instances/demo-orders.csv").path
        let vehicles = Paths.root.appendingPathComponent("instances/demo-vehicles.csv").path
        for name in ["plan.svg", "plan.geojson"] {
            let path = folder.appendingPathComponent(name).path
            // GeoJSON positions are longitude/latitude: the orders with lat/lon columns.
            let instance = name.hasSuffix("svg") ? [Paths.demo] : [orders, "--vehicles", vehicles]
            let (code, c) = run(["solve"] + instance + ["--max-iterations", "20", "--output", path, "--quiet"])
            #expect(code == .ok, "\(c.err)")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(name.hasSuffix("svg") ? text.hasPrefix("<svg") : text.hasPrefix("{\"type\": \"FeatureCollection\""))
        }
        // Planar x/y as GeoJSON: refused before the search, pointing to SVG.
        let planar = folder.appendingPathComponent("planar.geojson").path
        let (refused, r) = run(["solve", Paths.demo, "--max-iterations", "5", "--output", planar])
        #expect(refused == .badInput && r.err.contains("planar x/y") && r.err.contains("--format svg"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: planar))
        // No coordinates, no map: refused before the search.
        let explicit = Paths.root.appendingPathComponent("Tests/OnTimeCoreTests/Fixtures/unservable/demand-above-capacity.vrp").path
        let matrix = folder.appendingPathComponent("matrix.vrp").path
        try """
            NAME : m
            TYPE : CVRP
            DIMENSION : 3
            EDGE_WEIGHT_TYPE : EXPLICIT
            EDGE_WEIGHT_FORMAT : LOWER_ROW
            CAPACITY : 10
            EDGE_WEIGHT_SECTION
            4 5 3
            DEMAND_SECTION
            1 0
            2 1
            3 1
            DEPOT_SECTION
            1
            -1
            EOF
            """.write(toFile: matrix, atomically: true, encoding: .utf8)
        let (bad, b) = run(["solve", matrix, "--max-iterations", "5", "--format", "svg"])
        #expect(bad == .badInput && b.err.contains("has no coordinates"), "\(b.err)")
        #expect(run(["solve", explicit, "--max-iterations", "5", "--format", "svg", "--quiet"]).0 == .infeasible)
    }

    @Test func logJSONGivesMachineReadableProgressWithTheGapToTheBKS() throws {
        let (code, c) = run(["solve", Paths.demo, "--time-limit", "1.5", "--bks", "700", "--log-json", "--format", "vrplib"])
        #expect(code == .ok, "\(c.err)")
        let events = try c.err.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let done = try #require(events.last)
        #expect(done["event"] as? String == "done" && done["verified"] as? Bool == true)
        let cost = try #require(done["cost"] as? Double), gap = try #require(done["gap_percent"] as? Double)
        #expect(abs(gap - 100 * (cost - 700) / 700) < 1e-3)
        #expect(events.dropLast().allSatisfy { $0["event"] as? String == "progress" && $0["best"] != nil })
        let moves = try #require(done["moves"] as? [String: [String: Any]])
        #expect((moves["exchange10"]?["evaluations"] as? Int ?? 0) > 0, "\(moves)")
        // Human progress: a line at most once a second, then the summary.
        let (_, h) = run(["solve", Paths.demo, "--time-limit", "1.5", "--bks", "700", "--format", "vrplib"])
        let lines = h.err.split(separator: "\n")
        #expect(lines.last?.hasPrefix("ontime: verified cost") == true)
        #expect(lines.filter { $0.contains("  best ") }.allSatisfy { $0.contains("  gap ") })
    }

    @Test func jsonInstancesKeepTheirJobIdsInThePlan() throws {
        let instance = Paths.root.appendingPathComponent("instances/demo-json-12.json").path
        let (code, c) = run(["solve", instance, "--max-iterations", "50", "--format", "json", "--quiet"])
        #expect(code == .ok, "\(c.err)")
        #expect(c.out.contains("\"job\": \"order-1001\""))
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sol = folder.appendingPathComponent("plan.sol").path
        #expect(run(["solve", instance, "--max-iterations", "50", "--output", sol, "--quiet"]).0 == .ok)
        #expect(run(["check", instance, sol]).0 == .ok)
    }

    @Test func noFeasiblePlanInTimeExitsFour() throws {
        // Customers 1 and 2 both close at 15 and cannot share a vehicle; the savings plan
        // (which ignores windows) puts everyone on one route. With no search at all
        // (--max-iterations 0) that plan is all there is: exit 4, and it is said why.
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("tight.txt").path
        try "TIGHT\nVEHICLE\nNUMBER CAPACITY\n5 10\nCUSTOMER\n0 0 0 0 0 1000 0\n1 10 0 1 0 15 0\n2 0 10 1 0 15 0\n3 20 0 1 0 1000 0\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let (code, c) = run(["solve", file, "--max-iterations", "0", "--format", "vrplib"])
        #expect(code == .noFeasibleInTime, "\(c.err)")
        #expect(c.err.contains("no plan keeping every time window"))
        let (solved, s) = run(["solve", file, "--max-iterations", "200", "--format", "vrplib", "--quiet"])
        #expect(solved == .ok && s.out.contains("Cost 60.0"), "\(s.out)")
    }

    @Test func timeWindowsWithILSGiveAVerifiedPlanAndItsFirstProgressLine() throws {
        let instance = Paths.root.appendingPathComponent("instances/demo-vrptw-25.txt").path
        let (code, c) = run(["solve", instance, "--max-iterations", "50", "--algorithm", "ils", "--format", "vrplib"])
        #expect(code == .ok, "\(c.err)")
        #expect(c.err.contains("algorithm ils") && c.err.contains("iteration      0  best "), "\(c.err)")
        #expect(c.err.contains("ontime: verified cost"))
        #expect(c.out.contains("Route #1:"))
    }
}

@Suite("Project conventions")
struct ProjectConventionTests {
    /// The README opens with exactly two commands (run the demo, run the tests), and
    /// `.ci/run` runs the second verbatim.
    @Test func readmeStartsWithTheTwoCommandsAndCIRunsTheTestOne() throws {
        let readme = try String(contentsOf: Paths.root.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let fence = try #require(lines.firstIndex { $0.hasPrefix("```") })
        #expect(lines[..<fence].allSatisfy { $0.hasPrefix("#") || $0.isEmpty }, "nothing but the title before the commands")
        let close = try #require(lines[(fence + 1)...].firstIndex { $0.hasPrefix("```") })
        let commands = Array(lines[(fence + 1)..<close])
        #expect(commands.count == 2)
        #expect(commands.first?.contains("ontime solve instances/") == true)
        let ci = try String(contentsOf: Paths.root.appendingPathComponent(".ci/run"), encoding: .utf8)
        let testCommand = try #require(commands.last)
        #expect(ci.split(separator: "\n").map(String.init).contains(testCommand))
    }
}

@Suite("ontime with vehicle types and CSV orders")
struct RichCLITests {
    func run(_ args: [String]) -> (ExitCode, Captured) {
        let c = Captured()
        return (OnTime.run(args, console: c.console), c)
    }

    /// CSV orders and vehicles: solve to a .sol, then check it with the same files; and the
    /// multi-depot JSON demo with per-stop times in the text plan.
    @Test func csvOrdersSolveAndCheck() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let orders = Paths.root.appendingPathComponent("instances/demo-orders.csv").path
        let vehicles = Paths.root.appendingPathComponent("instances/demo-vehicles.csv").path
        let plan = folder.appendingPathComponent("plan.sol").path
        let (code, c) = run(["solve", orders, "--vehicles", vehicles, "--max-iterations", "100", "--quiet", "--output", plan])
        #expect(code == .ok, "\(c.err)")
        let text = try String(contentsOfFile: plan, encoding: .utf8)
        #expect(text.contains("Vehicle #1: "))
        let (checked, out) = run(["check", orders, plan, "--vehicles", vehicles])
        #expect(checked == .ok && out.out.hasPrefix("feasible"), "\(out.out)\(out.err)")
        // Without --vehicles the CSV cannot be read.
        let (bad, err) = run(["check", orders, plan])
        #expect(bad == .badInput && err.err.contains("--vehicles"))

        let fleet = Paths.root.appendingPathComponent("instances/demo-fleet.json").path
        let (ok, shown) = run(["solve", fleet, "--max-iterations", "100", "--quiet"])
        #expect(ok == .ok, "\(shown.err)")
        #expect(shown.out.contains("truck") && shown.out.contains(" @") && shown.out.contains("cost"))
    }
}
