import Foundation
import Testing
import OnTimeCore

/// Issue 20 item 13: the whole command keeps the time limit and answers signals at the
/// largest size OnTime accepts, on a JSON instance (vehicle types, so the genetic search
/// beyond the classic problem runs). Part of the serialized "ontime process" suite.
extension ProcessTests {
    /// Jobs on a 10,000 × 10,000 square around a depot open 0–20,000, two vehicle types,
    /// service 5, a third of the jobs with a window of 4,000 (opening 3,500 to 8,900, so that each can be served); coordinates only (no
    /// matrix). The shape of `Benchmarks/scale.py --kind jobs`.
    static func generatedJobs(_ jobs: Int, in folder: URL) throws -> String {
        var rng = RandomGenerator(seed: UInt64(jobs))
        var text = "{\"name\": \"jobs-\(jobs)\",\n\"depots\": [{\"id\": \"hub\", \"location\": [5000, 5000], \"time_window\": [0, 20000]}],\n"
        text += "\"vehicles\": [{\"id\": \"van\", \"count\": \(max(1, jobs / 10)), \"capacity\": 100, \"fixed_cost\": 10, \"shift\": [0, 20000]},\n"
        text += "  {\"id\": \"truck\", \"count\": \(max(1, jobs / 20)), \"capacity\": 200, \"fixed_cost\": 25, \"shift\": [0, 20000]}],\n\"jobs\": [\n"
        for i in 0..<jobs {
            text += "{\"id\": \"job-\(i + 1)\", \"location\": [\(rng.below(10_001)), \(rng.below(10_001))], \"demand\": \(1 + rng.below(10)), \"service\": 5"
            if i % 3 == 0 {
                let a = 3_500 + rng.below(5_401)  // every window reachable from the depot and back in the day
                text += ", \"time_windows\": [[\(a), \(a + 4000)]]"
            }
            text += i == jobs - 1 ? "}\n" : "},\n"
        }
        text += "]}\n"
        let path = folder.appendingPathComponent("jobs-\(jobs).json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Reading, screening, search, verification and writing the plan fit within 5 % of the
    /// limit at 20,000 nodes, and the plan written reads back. (The JSON plan with the
    /// arrival forecast is timed on the release build by `Benchmarks/scale.py --kind jobs`,
    /// Benchmarks/RESULTS.md: this debug build forecasts and writes JSON several times
    /// slower than the release build the reserve is measured for.)
    @Test(.enabled(if: binary != nil && !sanitized))
    func twentyThousandJobsKeepTheTimeLimit() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let instance = try Self.generatedJobs(19_999, in: folder)
        let plan = folder.appendingPathComponent("plan.sol").path
        let limit = 4.0
        let result = try run(["solve", instance, "--time-limit", String(limit), "--output", plan])
        // 0 with a feasible plan, 4 when none was found in time (the least infeasible is written).
        #expect([0, 4].contains(result.status), "\(result.stderr)")
        #expect(result.seconds <= limit * 1.05, "\(result.seconds) s for a \(limit) s limit\n\(result.stderr)")
        let file = try SolutionFile.read(path: plan)
        #expect(file.routes.joined().count > 0)
    }

    /// SIGINT during the search at 20,000 nodes: answered within a second with exit 130
    /// and the best plan so far, which the verifier accepts or names as least infeasible.
    @Test(.enabled(if: binary != nil && !sanitized))
    func sigintDuringTheSearchOnTwentyThousandJobsWritesThePlanWithinASecond() throws {
        let folder = try Paths.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let instance = try Self.generatedJobs(19_999, in: folder)
        let plan = folder.appendingPathComponent("plan.sol").path
        let result = try interrupt(["solve", instance, "--time-limit", "120", "--output", plan], after: 4)
        if let file = try interruptedPlan(result, at: plan, within: 1) {
            #expect(!file.routes.isEmpty)
        }
    }
}
