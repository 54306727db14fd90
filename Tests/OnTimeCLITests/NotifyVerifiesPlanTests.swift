import Foundation
import Testing
@testable import OnTimeCLI
import OnTimeCore

/// notify checks the plan against the instance with the verifier before writing any
/// notice (issue 20, item 6).
@Suite("notify: the plan must fit the instance")
struct NotifyVerifiesPlanTests {
    @Test func aPlanOfAnotherInstanceIsRefusedWithTheVerifiersReasons() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let instance = Paths.root.appendingPathComponent("instances/demo-vrptw-25.txt").path
        let plan = folder.appendingPathComponent("plan.sol").path
        #expect(OnTime.run(["solve", instance, "--max-iterations", "100", "--output", plan, "--quiet"], console: Captured().console) == .ok)
        // Another instance: the same customers and demands, three times as far from the
        // depot. The plan keeps every capacity but reaches customers after their windows.
        var other = ""
        for line in try String(contentsOfFile: instance, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false) {
            var fields = line.split(separator: " ").map(String.init)
            if fields.count == 7, let x = Int(fields[1]), let y = Int(fields[2]), fields[0] != "0" {
                fields[1] = String(50 + 3 * (x - 50))
                fields[2] = String(50 + 3 * (y - 50))
                other += "  " + fields.joined(separator: "  ") + "\n"
            } else {
                other += line + "\n"
            }
        }
        let otherPath = folder.appendingPathComponent("other.txt").path
        try other.write(toFile: otherPath, atomically: true, encoding: .utf8)
        let checked = Captured()
        #expect(OnTime.run(["check", otherPath, plan], console: checked.console) == .infeasible)

        let out = folder.appendingPathComponent("notices.json").path
        let c = Captured()
        let code = OnTime.run(["notify", otherPath, plan, "--output", out], console: c.console)
        #expect(code == .infeasible, "\(c.err)")
        #expect(c.err.contains("the plan does not fit") && c.err.contains("after its due time"), "\(c.err)")
        #expect(!FileManager.default.fileExists(atPath: out), "notices were written")
    }
}

/// Every plan solve writes reads back, the empty one included (issue 20, item 8).
@Suite("An empty plan reads back")
struct EmptyPlanTests {
    @Test func solveWritesAnEmptyPlanThatCheckReads() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let instance = Paths.root.appendingPathComponent("Tests/OnTimeCoreTests/Fixtures/unservable/nothing-servable.vrp").path
        let sol = folder.appendingPathComponent("empty.sol").path
        let solved = Captured()
        #expect(OnTime.run(["solve", instance, "--max-iterations", "10", "--output", sol, "--quiet"], console: solved.console) == .infeasible)
        #expect(try String(contentsOfFile: sol, encoding: .utf8) == "Cost 0\n")
        let checked = Captured()
        let code = OnTime.run(["check", instance, sol], console: checked.console)
        #expect(code == .infeasible, "\(checked.err)")
        #expect(checked.err.isEmpty, "\(checked.err)")
        #expect(checked.out.hasPrefix("feasible for every customer that can be served: 0 routes, cost 0; 2 left out"), "\(checked.out)")
    }
}
