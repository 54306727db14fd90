import Foundation
import Testing
@testable import OnTimeCLI
import OnTimeCore

/// An output that is one of the command's inputs is refused with exit 2 before any work,
/// whatever name reaches it (issue 20, item 3).
@Suite("Outputs never overwrite inputs")
struct OutputClashTests {
    func run(_ args: [String]) -> (ExitCode, Captured) {
        let c = Captured()
        return (OnTime.run(args, console: c.console), c)
    }

    /// Runs `args`, expects the refusal, and that `input` still holds `contents`.
    func expectRefused(_ args: [String], keeps input: String, _ contents: Data,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (code, c) = run(args)
        #expect(code == .badInput, "\(args.joined(separator: " ")): \(c.err)", sourceLocation: sourceLocation)
        #expect(c.err.contains("is the same file as"), "\(c.err)", sourceLocation: sourceLocation)
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == contents, "the input was overwritten", sourceLocation: sourceLocation)
    }

    @Test func solveRefusesItsInstanceByAnyName() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let instance = folder.appendingPathComponent("x.vrp").path
        try FileManager.default.copyItem(atPath: Paths.demo, toPath: instance)
        let hardLink = folder.appendingPathComponent("hard.vrp").path
        try FileManager.default.linkItem(atPath: instance, toPath: hardLink)
        let symlink = folder.appendingPathComponent("soft.sol").path
        try FileManager.default.createSymbolicLink(atPath: symlink, withDestinationPath: instance)
        let contents = try Data(contentsOf: URL(fileURLWithPath: instance))
        for output in [instance, folder.path + "/./x.vrp", folder.path + "/sub/../x.vrp", hardLink, symlink] {
            if output.contains("sub/") { try FileManager.default.createDirectory(atPath: folder.path + "/sub", withIntermediateDirectories: true) }
            try expectRefused(["solve", instance, "--max-iterations", "10", "--quiet", "--output", output], keeps: instance, contents)
        }
        // A distinct output is fine.
        #expect(run(["solve", instance, "--max-iterations", "10", "--quiet", "--output", folder.path + "/plan.sol"]).0 == .ok)
    }

    @Test func calibrateRefusesItsHistory() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let history = folder.appendingPathComponent("h.csv").path
        try "planned,actual\n10,12\n20,19\n30,33\n".write(toFile: history, atomically: true, encoding: .utf8)
        let contents = try Data(contentsOf: URL(fileURLWithPath: history))
        try expectRefused(["calibrate", history, "--output", folder.path + "/./h.csv"], keeps: history, contents)
    }

    @Test func notifyRefusesItsPlanAndInstance() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let instance = folder.appendingPathComponent("i.txt").path
        try FileManager.default.copyItem(atPath: Paths.root.appendingPathComponent("instances/demo-vrptw-25.txt").path, toPath: instance)
        let plan = folder.appendingPathComponent("plan.sol").path
        #expect(run(["solve", instance, "--max-iterations", "50", "--output", plan, "--quiet"]).0 == .ok)
        let planContents = try Data(contentsOf: URL(fileURLWithPath: plan))
        try expectRefused(["notify", instance, plan, "--output", plan], keeps: plan, planContents)
        let instanceContents = try Data(contentsOf: URL(fileURLWithPath: instance))
        try expectRefused(["notify", instance, plan, "--output", folder.path + "/../" + folder.lastPathComponent + "/i.txt"],
                          keeps: instance, instanceContents)
    }

    @Test func slotRefusesItsInputsAndOutputsOverEachOther() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let wh = folder.appendingPathComponent("wh").path
        #expect(run(["slot-generate", "--skus", "40", "--orders", "100", "--out", wh]).0 == .ok)
        let inputs = ["\(wh)/layout.json", "\(wh)/skus.csv", "\(wh)/orders.csv"]
        let current = "\(wh)/current.csv"
        let contents = try Data(contentsOf: URL(fileURLWithPath: current))
        try expectRefused(["slot"] + inputs + ["--current", current, "--method", "coi", "--output", current], keeps: current, contents)
        let skus = try Data(contentsOf: URL(fileURLWithPath: inputs[1]))
        try expectRefused(["slot"] + inputs + ["--method", "coi", "--moves", "\(wh)/./skus.csv"], keeps: inputs[1], skus)
        // Two outputs onto one file.
        let (code, c) = run(["slot"] + inputs + ["--method", "coi", "--output", "\(wh)/a.csv", "--heatmap", "\(wh)/./a.csv"])
        #expect(code == .badInput && c.err.contains("the output --output"), "\(c.err)")
    }

    @Test func benchRefusesItsBestKnownFile() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bks = folder.appendingPathComponent("results.csv").path
        try "instance,bks_cost\ndemo-cvrp-30,500\n".write(toFile: bks, atomically: true, encoding: .utf8)
        let contents = try Data(contentsOf: URL(fileURLWithPath: bks))
        try expectRefused(["bench", Paths.demo, "--heuristics", "savings", "--max-iterations", "1", "--quiet", "--bks", bks,
                           "--out", folder.path + "/results"], keeps: bks, contents)
    }
}

/// `slot-generate --out DIR` never silently replaces files (issue 20, item 4).
@Suite("slot-generate keeps existing files")
struct SlotGenerateOverwriteTests {
    @Test func existingFilesAreReplacedOnlyWithForce() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let wh = folder.appendingPathComponent("wh").path
        try FileManager.default.createDirectory(atPath: wh, withIntermediateDirectories: true)
        try "mine\n".write(toFile: wh + "/orders.csv", atomically: true, encoding: .utf8)
        let c = Captured()
        let code = OnTime.run(["slot-generate", "--skus", "20", "--orders", "50", "--out", wh], console: c.console)
        #expect(code == .badInput)
        #expect(c.err.contains("\(wh)/orders.csv already exists") && c.err.contains("--force"), "\(c.err)")
        #expect(try String(contentsOfFile: wh + "/orders.csv", encoding: .utf8) == "mine\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: wh) == ["orders.csv"], "nothing else is written either")
        let forced = OnTime.run(["slot-generate", "--skus", "20", "--orders", "50", "--out", wh, "--force"], console: Captured().console)
        #expect(forced == .ok)
        #expect(try String(contentsOfFile: wh + "/orders.csv", encoding: .utf8) != "mine\n")
        // An existing but empty folder is fine without --force.
        let empty = folder.appendingPathComponent("empty").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        #expect(OnTime.run(["slot-generate", "--skus", "20", "--orders", "50", "--out", empty], console: Captured().console) == .ok)
    }
}
