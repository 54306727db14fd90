import Foundation
import Testing
@testable import OnTimeCLI
import OnTimeCore

@Suite("ontime bench command")
struct BenchCommandTests {
    static let vrptw = Paths.root.appendingPathComponent("instances/demo-vrptw-25.txt").path
    static let malformed = Paths.root.appendingPathComponent("Tests/OnTimeCoreTests/Fixtures/malformed").path

    func run(_ args: [String]) -> (ExitCode, Captured) {
        let c = Captured()
        return (OnTime.run(args, console: c.console), c)
    }

    @Test func helpHasExamples() {
        for args in [["help", "bench"], ["bench", "--help"]] {
            let (code, c) = run(args)
            #expect(code == .ok)
            #expect(c.out.contains("Usage: ontime bench") && c.out.contains("Examples:") && c.out.contains("nn+ls"))
        }
        #expect(run(["help"]).1.out.contains("ontime bench"))
    }

    @Test func badUsageExitsTwo() {
        let cases: [([String], String)] = [
            (["bench"], "at least one INSTANCE"),
            (["bench", Paths.demo, "--heuristics", "savings,tabu"], "unknown heuristic 'tabu'"),
            (["bench", Paths.demo, "--seeds", "3-1"], "--seeds"),
            (["bench", Paths.demo, "--seeds", "x"], "--seeds"),
            (["bench", Paths.demo, "--time-per-customer", "0"], "--time-per-customer"),
            (["bench", Paths.demo, "--time-limit", "1,soon"], "--time-limit"),
            (["bench", Paths.demo, "--max-iterations", "0"], "--max-iterations"),
            (["bench", Paths.demo, "--out", "/nonexistent-folder/x"], "does not exist"),
            (["bench", "/nonexistent/x.vrp"], "/nonexistent/x.vrp: no such file or folder"),
        ]
        for (args, message) in cases {
            let (code, c) = run(args)
            #expect(code == .badInput, "\(args)")
            #expect(c.err.contains(message), "\(args): \(c.err)")
            #expect(c.out.isEmpty)
        }
    }

    @Test func badInstanceNamesFileAndLine() {
        let bad = Self.malformed + "/demand-not-numeric.vrp"
        let (code, c) = run(["bench", Paths.demo, bad, "--max-iterations", "5", "--quiet"])
        #expect(code == .badInput)
        // One line, `file:line: message`, and no run was made.
        #expect(c.err.hasPrefix(bad + ":") && c.err.split(separator: "\n").count == 1, "\(c.err)")
        #expect(c.err.split(separator: ":").count >= 3 && Int(c.err.split(separator: ":")[1]) != nil, "\(c.err)")
    }

    @Test func badBestKnownFileNamesTheLine() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bks = folder.appendingPathComponent("bks.csv").path
        try "instance,bks_cost\ndemo-cvrp-30,abc\n".write(toFile: bks, atomically: true, encoding: .utf8)
        let (code, c) = run(["bench", Paths.demo, "--bks", bks, "--max-iterations", "5"])
        #expect(code == .badInput)
        #expect(c.err.contains("\(bks):2:"), "\(c.err)")
    }

    @Test func writesCSVMarkdownAndSVG() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let prefix = folder.appendingPathComponent("bench").path
        let (code, c) = run(["bench", Paths.demo, Self.vrptw, "--heuristics", "savings,sweep,nn+ls,hgs", "--seeds", "1-2",
                             "--time-limit", "0.2", "--out", prefix])
        #expect(code == .ok, "\(c.err)")
        // A line per run on stderr (plus the plan of the bench and the files written).
        let runLines = c.err.split(separator: "\n").filter { $0.hasPrefix("ontime bench: [") }
        #expect(runLines.count == 2 * 2 * 4, "\(c.err)")
        #expect(runLines.allSatisfy { $0.contains(" s") })
        #expect(c.out.isEmpty)
        let csv = try String(contentsOfFile: prefix + ".csv", encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 1 + 16)
        let markdown = try String(contentsOfFile: prefix + ".md", encoding: .utf8)
        #expect(markdown.contains("| nn+ls |") && markdown.contains("| hgs |"))
        let svg = try String(contentsOfFile: prefix + ".svg", encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.components(separatedBy: "class=\"series\"").count == 5)
        // No temporary files left beside them.
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["bench.csv", "bench.md", "bench.svg"])
    }

    @Test func quietPrintsTheMarkdownOnly() {
        let (code, c) = run(["bench", Paths.demo, "--heuristics", "savings,nn", "--quiet", "--max-iterations", "1"])
        #expect(code == .ok)
        #expect(c.err.isEmpty, "\(c.err)")
        #expect(c.out.hasPrefix("# OnTime bench") && c.out.contains("| savings |") && c.out.contains("| nn |"))
    }
}
