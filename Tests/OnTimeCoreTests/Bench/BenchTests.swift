import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import OnTimeCore

/// Splits CSV text (RFC 4180: quoted fields, doubled quotes) into rows of fields.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], field = ""
    var quoted = false, wasQuoted = false
    var chars = Array(text)[...]
    while let c = chars.popFirst() {
        if quoted {
            if c == "\"" {
                if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
            } else {
                field.append(c)
            }
        } else if c == "\"" && field.isEmpty && !wasQuoted {
            quoted = true; wasQuoted = true
        } else if c == "," {
            row.append(field); field = ""; wasQuoted = false
        } else if c == "\n" {
            row.append(field); rows.append(row); row = []; field = ""; wasQuoted = false
        } else {
            field.append(c)
        }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}

@Suite("ontime bench: runner, reports and plot")
struct BenchTests {
    static let demoVRPTW = TestData.root.appendingPathComponent("instances/demo-vrptw-25.txt").path

    /// Two tiny instances (a CVRP, a VRPTW) × two seeds × the default heuristics, 0.3 s a
    /// search (an iteration limit would be slower: in a debug build the genetic search's
    /// first population alone takes seconds; with a time limit it is cut short, and a
    /// feasible plan of both demos was measured within 0.05 s).
    static let outcome = Result { () throws(InputError) -> BenchResults in
        var options = BenchOptions()
        options.seeds = [1, 2]
        options.budgets = [.seconds(0.3)]
        let instances = try Bench.load([TestData.demo, demoVRPTW], bestKnown: nil)
        return try Bench.run(instances, options: options)
    }
    static var results: BenchResults { get throws { try outcome.get() } }


    @Test func everyRunIsVerifiedAndPlanned() throws {
        let r = try Self.results
        #expect(r.runs.count == 2 * 2 * BenchHeuristic.defaults.count)
        #expect(!r.interrupted)
        for run in r.runs {
            #expect(run.status != .unsupported, "\(run.instance) \(run.heuristic): \(run.note)")
            #expect(run.cost != nil && run.seconds >= 0)
        }
        // Every plan the searches and local search report is feasible on both demos.
        for run in r.runs where [.nnLocalSearch, .hgs, .hgsSetPartitioning].contains(run.heuristic) {
            #expect(run.status == .feasible, "\(run.instance) \(run.heuristic): \(run.violations)")
        }
        // Gaps are to the best plan of the bench (no BKS): none negative, some exactly zero.
        for instance in r.instances {
            #expect(r.references[instance.path]?.kind == .bestFound)
            let gaps = r.runs.filter { $0.path == instance.path }.compactMap(r.gap(of:))
            #expect(gaps.allSatisfy { $0 >= 0 } && gaps.contains(0))
        }
    }

    @Test func hgsIsNeverWorseThanSavings() throws {
        let r = try Self.results
        for instance in r.instances {
            for seed in r.options.seeds {
                let runs = r.runs.filter { $0.path == instance.path && $0.seed == seed }
                let savings = try #require(runs.first { $0.heuristic == .savings })
                let hgs = try #require(runs.first { $0.heuristic == .hgs })
                #expect(hgs.status == .feasible)
                if savings.status == .feasible {
                    #expect(try #require(hgs.cost) <= (try #require(savings.cost)), "\(instance.name) seed \(seed)")
                }
            }
        }
    }

    @Test func csvHasAParsableRowPerRun() throws {
        let r = try Self.results
        let rows = parseCSV(BenchReport.csv(r))
        #expect(rows.first == BenchReport.csvColumns)
        let body = rows.dropFirst()
        #expect(body.count == r.runs.count)
        let column = Dictionary(uniqueKeysWithValues: BenchReport.csvColumns.enumerated().map { ($1, $0) })
        for (row, run) in zip(body, r.runs) {
            #expect(row.count == BenchReport.csvColumns.count, "\(row)")
            #expect(row[column["heuristic"]!] == run.heuristic.rawValue)
            #expect(UInt64(row[column["seed"]!]) == run.seed)
            #expect(Int(row[column["customers"]!]) == run.customers)
            #expect(RunStatus(rawValue: row[column["status"]!]) == run.status)
            #expect(Double(row[column["cost"]!]) == run.cost)
            #expect(Double(row[column["time_s"]!]) != nil)
            #expect(Int(row[column["routes"]!]) == run.routes)
            let gap = row[column["gap_percent"]!]
            if run.status == .feasible { #expect(Double(gap) != nil) } else { #expect(gap.isEmpty) }
            // Searching runs say what each move did; constructions leave the column empty.
            let moves = row[column["moves"]!]
            if run.heuristic == .hgs {
                let parsed = try #require(try JSONSerialization.jsonObject(with: Data(moves.utf8)) as? [String: [String: Double]])
                #expect((parsed["exchange10"]?["evaluations"] ?? 0) > 0, "\(moves)")
            } else if run.heuristic == .savings {
                #expect(moves.isEmpty)
            }
        }
        #expect(BenchReport.markdown(r).contains("## Local-search moves"))
    }

    @Test func markdownHasARowPerHeuristic() throws {
        let r = try Self.results
        let text = BenchReport.markdown(r)
        let lines = text.split(separator: "\n").map(String.init)
        for h in BenchHeuristic.defaults {
            #expect(lines.filter { $0.hasPrefix("| \(h.rawValue) |") }.count == 1, "\(h.rawValue)")
        }
        // A row per instance in the per-instance table.
        for instance in r.instances {
            #expect(lines.contains { $0.hasPrefix("| \(instance.name) | \(instance.customers) |") })
        }
        #expect(text.contains("independent verifier"))
    }

    @Test func svgParsesWithASeriesPerHeuristic() throws {
        let r = try Self.results
        let e = try XMLElementCollector.parse(GapTimePlot.svg(r)).get()
        #expect(e.first?.name == "svg")
        let series = e.filter { $0.attributes["class"] == "series" }
        #expect(series.map { $0.attributes["data-heuristic"] ?? "" }.sorted() == BenchHeuristic.defaults.map(\.rawValue).sorted())
        #expect(e.filter { $0.attributes["class"] == "legend-heuristic" }.count == BenchHeuristic.defaults.count)
        // A marker per run with a gap, and a mean per heuristic.
        #expect(e.filter { $0.attributes["class"] == "run" }.count == r.runs.filter { r.gap(of: $0) != nil }.count)
        #expect(e.filter { $0.attributes["class"] == "mean" }.count == BenchHeuristic.defaults.count)
    }

    @Test func severalBudgetsMakeALinePerSearch() throws {
        var options = BenchOptions()
        options.heuristics = [.savings, .hgs]
        options.budgets = [.seconds(0.05), .seconds(0.15)]
        let instances = try Bench.load([TestData.demo], bestKnown: nil)
        let r = try Bench.run(instances, options: options)
        #expect(r.runs.count == 3)
        #expect(r.series.map(\.label) == ["savings", "hgs @ 0.05 s", "hgs @ 0.15 s"])
        let hgs = r.runs.filter { $0.heuristic == .hgs }
        #expect(hgs.map(\.timeLimit) == [0.05, 0.15])
        #expect(r.runs.first { $0.heuristic == .savings }?.timeLimit == nil)
        let text = GapTimePlot.svg(r)
        #expect(text.components(separatedBy: "class=\"mean-line\"").count == 2)
        #expect(BenchReport.markdown(r).contains("| hgs @ 0.15 s |"))
    }

    @Test func unsupportedHeuristicsAreRecordedNotFatal() throws {
        var options = BenchOptions()
        options.heuristics = [.ils, .nn]
        options.budgets = []
        options.maxIterations = 20
        let r = try Bench.run(try Bench.load([Self.demoVRPTW], bestKnown: nil), options: options)
        let ils = try #require(r.runs.first { $0.heuristic == .ils })
        #expect(ils.status == .unsupported && ils.note.contains("time windows"))
        #expect(BenchReport.markdown(r).contains("n/a"))
        #expect(parseCSV(BenchReport.csv(r)).count == 3)
    }

    /// A fleet instance (vehicle types, two depots): the classic-only heuristics say so, the
    /// genetic search runs and is verified.
    @Test func fleetInstancesRunTheGeneticSearchOnly() throws {
        var options = BenchOptions()
        options.heuristics = [.savings, .nnLocalSearch, .hgs]
        options.budgets = []
        options.maxIterations = 30
        let fleet = TestData.root.appendingPathComponent("instances/demo-fleet.json").path
        let r = try Bench.run(try Bench.load([fleet], bestKnown: nil), options: options)
        #expect(r.runs.filter { $0.heuristic != .hgs }.allSatisfy { $0.status == .unsupported && $0.note.contains("one vehicle type") })
        let hgs = try #require(r.runs.first { $0.heuristic == .hgs })
        #expect(hgs.status == .feasible)
    }

    @Test func stopFlagEndsTheBenchWithTheRunsDone() throws {
        let stop = StopFlag()
        var options = BenchOptions()
        options.heuristics = [.savings, .nn, .hgs]
        options.budgets = [.seconds(30)]
        let instances = try Bench.load([TestData.demo], bestKnown: nil)
        let r = try Bench.run(instances, options: options, stop: stop) { _, done, _ in if done == 2 { stop.raise() } }
        #expect(r.interrupted && r.runs.count == 2)
        #expect(BenchReport.markdown(r).contains("interrupted"))
    }

    @Test func bestKnownFollowsTheInstanceConvention() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ontime-bks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bks.csv").path
        try """
            set,instance,n_customers,bks_cost,bks_vehicles,convention,source
            X,demo-cvrp-30,30,700,6,nint-euclid,made up
            solomon,DEMO-VRPTW-25,25,480.5,5,dimacs-trunc1-distance-only,made up
            solomon-hierarchical,DEMO-VRPTW-25,25,490.123,5,exact-euclid-vehicles-first,made up
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let bks = try BestKnown.read(path: path)
        let instances = try Bench.load([TestData.demo, Self.demoVRPTW], bestKnown: bks)
        #expect(instances.map { $0.bestKnown?.cost } == [700, 480.5])

        var options = BenchOptions()
        options.heuristics = [.savings]
        options.budgets = []
        options.maxIterations = 1
        options.bestKnown = bks
        let r = try Bench.run(instances, options: options)
        let savings = try #require(r.runs.first { $0.path == TestData.demo })
        #expect(r.references[TestData.demo] == BenchReference(cost: 700, kind: .bestKnown))
        let gap: Double = try #require(r.gap(of: savings))
        let cost: Double = try #require(savings.cost)
        #expect(abs(gap - 100 * (cost - 700) / 700) < 1e-9)
        #expect(BenchReport.markdown(r).contains("best-known costs in bks.csv"))
    }

    @Test func badBestKnownFilesNameTheLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ontime-bks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases: [(String, Int?, String)] = [
            ("instance,bks_cost\na,10\nb,ten\n", 3, "positive number"),
            ("instance,bks_cost\na,-1\n", 2, "positive number"),
            ("name,cost\na,10\n", 1, "no 'instance' column"),
            ("instance,bks_cost\na,10\na,11\n", 3, "listed twice"),
            ("instance,bks_cost\n", nil, "no best-known costs"),
        ]
        for (k, (text, line, message)) in cases.enumerated() {
            let path = folder.appendingPathComponent("bks\(k).csv").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let e = #expect(throws: InputError.self) { try BestKnown.read(path: path) }
            #expect(e?.file == path && e?.line == line && e?.message.contains(message) == true, "\(String(describing: e))")
        }
    }

    @Test func foldersExpandToTheirInstanceFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ontime-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["b.vrp", "a.txt", "a.sol", "notes.md", ".hidden.vrp"] {
            try "x".write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let paths = try Bench.instancePaths([folder.path, folder.appendingPathComponent("b.vrp").path])
        #expect(paths.map { URL(fileURLWithPath: $0).lastPathComponent } == ["a.txt", "b.vrp"])
        #expect(throws: InputError.self) { try Bench.instancePaths([folder.appendingPathComponent("missing").path]) }
        // A bad file among them stops the bench before any run, with its file and line.
        let e = #expect(throws: InputError.self) { try Bench.load(paths, bestKnown: nil) }
        #expect(e?.file.hasSuffix("a.txt") == true)
    }

    @Test func gapAxisCoversTheDataWithRoundTicks() {
        #expect(GapTimePlot.gapTicks(low: 0, high: 7.3) == [0, 0.1, 0.2, 0.5, 1, 2, 5, 10])
        #expect(GapTimePlot.gapTicks(low: 0, high: 0) == [0, 0.1])
        for (low, high) in [(-0.4, 0.1), (0, 0.1), (-3.0, 41.7), (0, 1e-6), (0, 260), (-12, 3)] {
            let ticks = GapTimePlot.gapTicks(low: low, high: high)
            #expect(ticks.contains(0) && ticks == ticks.sorted() && ticks.count <= 12, "\(low)...\(high): \(ticks)")
            #expect(ticks.first! <= min(low, 0) && ticks.last! >= high, "\(low)...\(high): \(ticks)")
        }
        // Symmetric, monotone and linear near zero.
        #expect(GapTimePlot.symlog(-3) == -GapTimePlot.symlog(3) && GapTimePlot.symlog(0) == 0)
        #expect(GapTimePlot.symlog(0.2) > GapTimePlot.symlog(0.1) && GapTimePlot.symlog(50) > GapTimePlot.symlog(5))
    }
}
