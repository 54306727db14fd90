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

    @Test(.enabled(if: binary != nil))
    func sigintWritesTheBestPlanSoFarAndExits130() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sol = folder.appendingPathComponent("interrupted.sol").path
        let (process, err) = try launch(["solve", Paths.demo, "--time-limit", "60", "--output", sol])
        Thread.sleep(forTimeInterval: 1.5)
        let sent = Date()
        process.interrupt()  // SIGINT
        process.waitUntilExit()
        let stopDelay = Date().timeIntervalSince(sent)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130, "\(stderr)")
        #expect(stopDelay < 2, "took \(stopDelay) s to stop after SIGINT")
        #expect(stderr.contains("interrupted"))
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
        let started = Date()
        let (process, err) = try launch(["solve", instance, "--time-limit", String(limit), "--output", sol, "--quiet"])
        process.waitUntilExit()
        let wall = Date().timeIntervalSince(started)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(stderr)")
        #expect(wall <= limit * 1.05, "\(customers) customers: \(wall) s for a \(limit) s limit")
        let problem = try InstanceReader.read(path: instance)
        #expect(Verifier.check(problem, routes: try SolutionFile.read(path: sol).routes).isFeasible)
    }

    @Test(.enabled(if: binary != nil))
    func sigtermOnTenThousandCustomersWritesTheBestPlanSoFar() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let instance = try Self.generated(10_000, in: folder)
        let sol = folder.appendingPathComponent("plan.sol").path
        let (process, err) = try launch(["solve", instance, "--time-limit", "120", "--output", sol])
        Thread.sleep(forTimeInterval: 2)
        let sent = Date()
        process.terminate()  // SIGTERM
        process.waitUntilExit()
        let stopDelay = Date().timeIntervalSince(sent)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit && process.terminationStatus == 130, "\(stderr)")
        #expect(stopDelay < 2 || Self.sanitized, "took \(stopDelay) s to stop after SIGTERM")
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
        let (process, err) = try launch(["solve", instance, "--time-limit", "120", "--output", sol])
        Thread.sleep(forTimeInterval: 0.5)
        let sent = Date()
        process.interrupt()  // SIGINT
        process.waitUntilExit()
        let stopDelay = Date().timeIntervalSince(sent)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit && process.terminationStatus == 130, "\(stderr)")
        #expect(stopDelay < 1, "took \(stopDelay) s to stop after SIGINT")
        if FileManager.default.fileExists(atPath: sol) {
            let problem = try InstanceReader.read(path: instance)
            #expect(Verifier.check(problem, routes: try SolutionFile.read(path: sol).routes).isFeasible)
        } else {
            #expect(stderr.contains("interrupted before any plan was found; nothing written"), "\(stderr)")
        }
    }

    @Test(.enabled(if: binary != nil))
    func badInputExitsTwoWithOneLine() throws {
        let (process, err) = try launch(["solve", "/nonexistent.vrp"])
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 2)
        #expect(stderr == "/nonexistent.vrp: no such file\n")
    }
}
