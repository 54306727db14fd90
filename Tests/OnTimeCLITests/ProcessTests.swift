import Foundation
import Testing
import OnTimeCore

/// End-to-end tests of the built `ontime` executable: signals and exit codes as a
/// shell sees them.
/// Serialized: these tests measure wall time, so they do not run beside each other.
@Suite("ontime process", .serialized)
struct ProcessTests {
    /// The `ontime` binary built beside this test bundle, if any.
    static var binary: String? {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for _ in 0..<4 {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("ontime").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    func launch(_ arguments: [String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.binary))
        process.arguments = arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return (process, err)
    }

    /// How a run ended: exit status and reason, standard error, and the seconds it took
    /// (from the start for `run`, from the signal for `interrupt`).
    struct Outcome: CustomStringConvertible {
        let status: Int32
        let reason: Process.TerminationReason
        let stderr: String
        let seconds: Double
        var exitedWith130: Bool { reason == .exit && status == 130 }
        var description: String { "\(reason == .exit ? "exit" : "signal") \(status) after \(seconds) s; stderr:\n\(stderr)" }
    }

    /// Runs `ontime ARGUMENTS` to its end.
    func run(_ arguments: [String]) throws -> Outcome {
        let started = Date()
        let (process, err) = try launch(arguments)
        process.waitUntilExit()
        return Self.outcome(process, err, since: started)
    }

    /// Runs `ontime ARGUMENTS` and sends SIGINT (SIGTERM with `terminate`) after `delay`
    /// seconds; the outcome's seconds count from the signal.
    func interrupt(_ arguments: [String], after delay: Double, terminate: Bool = false) throws -> Outcome {
        let (process, err) = try launch(arguments)
        Thread.sleep(forTimeInterval: delay)
        let sent = Date()
        if terminate { process.terminate() } else { process.interrupt() }
        process.waitUntilExit()
        return Self.outcome(process, err, since: sent)
    }

    /// What an interrupted run must answer: exit 130 within `seconds` of the signal, and
    /// either the plan it wrote (read back and returned) or, when none existed yet, the
    /// message that nothing was written (nil).
    func interruptedPlan(_ result: Outcome, at path: String, within seconds: Double) throws -> SolutionFile? {
        #expect(result.exitedWith130, "\(result)")
        #expect(result.seconds < seconds, "took \(result.seconds) s to stop after the signal\n\(result.stderr)")
        guard FileManager.default.fileExists(atPath: path) else {
            #expect(result.stderr.contains("interrupted before any plan was found; nothing written"), "\(result.stderr)")
            return nil
        }
        return try SolutionFile.read(path: path)
    }

    private static func outcome(_ process: Process, _ err: Pipe, since start: Date) -> Outcome {
        let seconds = Date().timeIntervalSince(start)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return Outcome(status: process.terminationStatus, reason: process.terminationReason, stderr: stderr, seconds: seconds)
    }

    @Test(.enabled(if: binary != nil))
    func sigintWritesTheBestPlanSoFarAndExits130() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sol = folder.appendingPathComponent("interrupted.sol").path
        let result = try interrupt(["solve", Paths.demo, "--time-limit", "60", "--output", sol], after: 1.5)
        #expect(result.exitedWith130, "\(result)")
        #expect(result.seconds < 2, "took \(result.seconds) s to stop after SIGINT")
        #expect(result.stderr.contains("interrupted"))
        let problem = try InstanceReader.read(path: Paths.demo)
        let file = try SolutionFile.read(path: sol)
        #expect(Verifier.check(problem, routes: file.routes).isFeasible)
    }

    /// A uniform random CVRP instance with n customers (EUC_2D, capacity 100).
    static func generated(_ n: Int, in folder: URL) throws -> String {
        var rng = RandomGenerator(seed: UInt64(n))
        var text = "NAME : gen-\(n)\nTYPE : CVRP\nDIMENSION : \(n + 1)\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 100\nNODE_COORD_SECTION\n"
        for i in 1...(n + 1) { text += "\(i) \(rng.below(10_001)) \(rng.below(10_001))\n" }
        text += "DEMAND_SECTION\n1 0\n"
        for i in 2...(n + 1) { text += "\(i) \(1 + rng.below(10))\n" }
        text += "DEPOT_SECTION\n1\n-1\nEOF\n"
        let path = folder.appendingPathComponent("gen-\(n).vrp").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Sanitizer builds (`ONTIME_SANITIZER=1`, see Benchmarks/RESULTS.md) run many times
    /// slower: wall-clock bounds are not checked there.
    static var sanitized: Bool { ProcessInfo.processInfo.environment["ONTIME_SANITIZER"] != nil }

    /// The time limit counts from the start of the process (reading included) and holds
    /// within 5 % from 10 to 10,000 customers.
    @Test(.enabled(if: binary != nil && !sanitized), arguments: [10, 1_000, 10_000])
    func timeLimitIsHonouredWithinFivePercent(customers: Int) throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let instance = try Self.generated(customers, in: folder)
        let sol = folder.appendingPathComponent("plan.sol").path
        let limit = 4.0
        let result = try run(["solve", instance, "--time-limit", String(limit), "--output", sol, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.seconds <= limit * 1.05, "\(customers) customers: \(result.seconds) s for a \(limit) s limit")
        let problem = try InstanceReader.read(path: instance)
        #expect(Verifier.check(problem, routes: try SolutionFile.read(path: sol).routes).isFeasible)
    }

    @Test(.enabled(if: binary != nil))
    func sigtermOnTenThousandCustomersWritesTheBestPlanSoFar() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let instance = try Self.generated(10_000, in: folder)
        let sol = folder.appendingPathComponent("plan.sol").path
        let result = try interrupt(["solve", instance, "--time-limit", "120", "--output", sol], after: 2, terminate: true)
        #expect(result.exitedWith130, "\(result)")
        #expect(result.seconds < 2 || Self.sanitized, "took \(result.seconds) s to stop after SIGTERM")
        let problem = try InstanceReader.read(path: instance)
        #expect(Verifier.check(problem, routes: try SolutionFile.read(path: sol).routes).isFeasible)
    }

    /// Issue 20 item 13: a signal while a 20,000-node instance is still being read and
    /// prepared is answered at once with exit 130 (nothing to save yet), or, should a plan
    /// already exist, with that plan; either way within a second.
    @Test(.enabled(if: binary != nil && !sanitized))
    func sigintWhileTwentyThousandCustomersAreReadIsAnsweredAtOnce() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let instance = try Self.generated(19_999, in: folder)  // 20,000 nodes with the depot: the largest allowed
        let sol = folder.appendingPathComponent("plan.sol").path
        let result = try interrupt(["solve", instance, "--time-limit", "120", "--output", sol], after: 0.5)
        if let file = try interruptedPlan(result, at: sol, within: 1) {
            let problem = try InstanceReader.read(path: instance)
            #expect(Verifier.check(problem, routes: file.routes).isFeasible)
        }
    }

    @Test(.enabled(if: binary != nil))
    func badInputExitsTwoWithOneLine() throws {
        let result = try run(["solve", "/nonexistent.vrp"])
        #expect(result.status == 2)
        #expect(result.stderr == "/nonexistent.vrp: no such file\n")
    }
}
