import Foundation
import Testing
@testable import OnTimeCLI
import OnTimeCore

/// Issue 20, items 10, 12, 14 and 15 through the command line: what reaches a terminal is
/// escaped and capped, `slot` writes CSV it can read back (quoted ids, formula prefixes
/// neutralised), a misspelt layout key is refused, and `calibrate` warns about what it
/// could not fit.
@Suite("Hostile text through the command line")
struct HostileOutputTests {
    func run(_ args: [String]) -> (ExitCode, Captured) {
        let c = Captured()
        return (OnTime.run(args, console: c.console), c)
    }

    @Test func escapeSequencesFromAnInstanceNameNeverReachTheTerminalRaw() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let demo = try String(contentsOfFile: Paths.demo, encoding: .utf8)
        let lines = demo.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("NAME") ? "NAME : evil\u{1B}]0;pwned\u{07}\u{1B}[2J" : String(line)
        }
        let path = folder.appendingPathComponent("evil.vrp").path
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let (code, c) = run(["solve", path, "--max-iterations", "5", "--format", "text"])
        #expect(code == .ok, "\(c.err)")
        #expect(!c.out.contains("\u{1B}") && !c.err.contains("\u{1B}") && !c.out.contains("\u{07}"))
        #expect(c.out.contains("evil\\u{1B}]0;pwned\\u{07}\\u{1B}[2J"), "\(c.out.prefix(200))")
    }

    @Test func longStringsEchoedOnStderrAreCut() {
        let huge = String(repeating: "x", count: 200_000)
        let (code, c) = run(["solve", Paths.demo, "--format", huge])
        #expect(code == .badInput)
        let longest = c.err.split(separator: "\n").map(\.count).max() ?? 0
        #expect(longest < Console.maximumErrorLine + 100 && c.err.contains("more characters not shown"), "\(longest)")
        #expect(TerminalText.safe("a\u{9B}b\rc\n", maximumLine: nil) == "a\\u{009B}b\\rc\n")
    }

    /// SKU ids with a comma and a formula: the assignment has 7 fields on every row, keeps
    /// the ids, starts no cell with `=`, and `slot` reads it back as `--current`.
    @Test func slotWritesCSVThatReadsBack() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(_ name: String, _ text: String) throws -> String {
            let path = folder.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let layout = try write("layout.json", "{\"aisles\": 1, \"bays_per_aisle\": 2, \"levels\": 2}")
        let ids = ["A,1", "=HYPERLINK(\"http://x\",\"y\")", "plain", "-cmd"]
        let skus = try write("skus.csv", "sku\n" + ids.map { CSV.row([$0]) }.joined())
        let orders = try write("orders.csv", "order,sku\n" + ids.enumerated().map { CSV.row(["o\($0.offset)", $0.element]) }.joined()
                               + CSV.row(["o9", "A,1"]))
        let out = folder.appendingPathComponent("assignment.csv").path
        let (code, c) = run(["slot", layout, skus, orders, "--output", out])
        #expect(code == .ok, "\(c.err)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let records = try CSV.records(text, path: out)
        #expect(records.count == ids.count + 1 && records.allSatisfy { $0.fields.count == 7 }, "\(text)")
        #expect(Set(records.dropFirst().map { $0.fields[0] }) == Set(ids))
        #expect(!text.contains("\n=") && !text.contains(",=") && !text.contains("\n-cmd"))
        let (again, a) = run(["slot", layout, skus, orders, "--current", out, "--max-moves", "1"])
        #expect(again == .ok, "\(a.err)")
    }

    @Test func aMisspeltLayoutKeyIsRefused() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let layout = folder.appendingPathComponent("layout.json").path
        try "{\"aisles\": 1, \"bays_per_aisle\": 2, \"levels\": 2, \"golden_level\": [1]}".write(toFile: layout, atomically: true, encoding: .utf8)
        let skus = folder.appendingPathComponent("skus.csv").path, orders = folder.appendingPathComponent("orders.csv").path
        try "sku\nA\n".write(toFile: skus, atomically: true, encoding: .utf8)
        try "order,sku\no1,A\n".write(toFile: orders, atomically: true, encoding: .utf8)
        let (code, c) = run(["slot", layout, skus, orders])
        #expect(code == .badInput && c.err.contains("at golden_level: unknown key"), "\(c.err)")
    }

    @Test func calibrateFromOneRowWarns() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let history = folder.appendingPathComponent("history.csv").path
        try "planned,actual\n10,13\n".write(toFile: history, atomically: true, encoding: .utf8)
        let (code, c) = run(["calibrate", history])
        #expect(code == .ok)
        #expect(c.err.contains("warning") && c.err.contains("leg_cv"), "\(c.err)")
        #expect(c.out.contains("\"leg_cv\": 0.2"), "\(c.out)")
    }
}
