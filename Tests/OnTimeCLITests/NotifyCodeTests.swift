import Foundation
import Testing
@testable import OnTimeCLI
import OnTimeCore

/// Redemption codes are unpredictable and never repeat across runs with a ledger
/// (issue 20, item 5).
@Suite("notify: redemption codes")
struct NotifyCodeTests {
    func run(_ args: [String]) -> (ExitCode, Captured) {
        let c = Captured()
        return (OnTime.run(args, console: c.console), c)
    }

    /// A plan of the demo whose first route reports a late departure: notices follow.
    func latePlan(in folder: URL) throws -> (instance: String, plan: String, progress: String) {
        let instance = Paths.root.appendingPathComponent("instances/demo-vrptw-25.txt").path
        let plan = folder.appendingPathComponent("plan.sol").path
        #expect(run(["solve", instance, "--max-iterations", "100", "--output", plan, "--quiet"]).0 == .ok)
        let progress = folder.appendingPathComponent("progress.csv").path
        try "route,completed,departure\n1,1,400\n".write(toFile: progress, atomically: true, encoding: .utf8)
        return (instance, plan, progress)
    }

    func codes(_ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let (code, c) = run(args)
        #expect(code == .ok, "\(c.err)", sourceLocation: sourceLocation)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(c.out.utf8)) as? [String: Any])
        let notices = try #require(json["notices"] as? [[String: Any]])
        return notices.compactMap { $0["code"] as? String }
    }

    @Test func twoRunsGiveDifferentCodes() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (instance, plan, progress) = try latePlan(in: folder)
        let args = ["notify", instance, plan, "--progress", progress, "--threshold", "0.5"]
        let first = try codes(args), second = try codes(args)
        #expect(!first.isEmpty)
        #expect(first.first != second.first && Set(first).isDisjoint(with: second), "\(first) vs \(second)")
        // The test mode reproduces its codes.
        let seeded = args + ["--deterministic-codes-for-tests", "3"]
        #expect(try codes(seeded) == codes(seeded))
    }

    @Test func aLedgerNeverIssuesACodeTwice() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (instance, plan, progress) = try latePlan(in: folder)
        let ledger = folder.appendingPathComponent("codes.txt").path
        // The same test seed would give the same codes; the ledger forbids it.
        let args = ["notify", instance, plan, "--progress", progress, "--threshold", "0.5", "--deterministic-codes-for-tests", "3",
                    "--code-ledger", ledger]
        let first = try codes(args), second = try codes(args)
        #expect(!first.isEmpty && Set(first).isDisjoint(with: second))
        let recorded = try String(contentsOfFile: ledger, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(recorded == first + second)
        // A ledger that is some other file is refused, not appended to (an input as ledger
        // is refused as the same file).
        let notes = folder.appendingPathComponent("notes.txt").path
        try "keep me\n".write(toFile: notes, atomically: true, encoding: .utf8)
        let (code, c) = run(["notify", instance, plan, "--progress", progress, "--code-ledger", notes])
        #expect(code == .badInput && c.err.contains("is not a redemption code"), "\(c.err)")
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "keep me\n")
        let (clash, d) = run(["notify", instance, plan, "--progress", progress, "--code-ledger", progress])
        #expect(clash == .badInput && d.err.contains("is the same file as"), "\(d.err)")
    }
}
