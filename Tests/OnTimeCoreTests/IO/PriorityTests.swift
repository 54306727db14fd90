import Foundation
import Testing
@testable import OnTimeCore

/// Job priorities (JSON `priority`, 0 to 100): a job that may be left out when not every
/// job can be served, lower priorities first; served whenever it fits.
@Suite("Job priorities")
struct PriorityTests {
    /// One vehicle of capacity 10 and three jobs of demands 6, 6 and 3: not all fit.
    static func instance(priorities: [Int?], capacity: Int = 10) -> String {
        let jobs = zip([(10, 0, 6), (0, 10, 6), (-10, 0, 3)], priorities).enumerated().map { k, entry in
            let ((x, y, d), p) = entry
            return "{\"id\": \"j\(k + 1)\", \"location\": [\(x), \(y)], \"demand\": \(d)" + (p.map { ", \"priority\": \($0)" } ?? "") + "}"
        }
        return """
            {"depots": [{"id": "hub", "location": [0, 0]}], "vehicles": [{"id": "van", "capacity": \(capacity)}],
             "jobs": [\(jobs.joined(separator: ", "))]}
            """
    }

    @Test func lowerPrioritiesAreLeftOutFirst() throws {
        let p = try JSONInstanceReader.parse(contents: Self.instance(priorities: [1, 5, 0]))
        let unit = try #require(p.prizes[3])
        // The unit is above what serving one job can cost: a detour of two longest legs (20 each).
        #expect(unit > 2 * 20 && p.prizes[1] == 2 * unit && p.prizes[2] == 6 * unit)
        let (result, report) = try RichInputTests.roundTrip(p)
        // j2 (priority 5) and j3 fit together (6 + 3); j1 (priority 1) is left out.
        #expect(Set(result.solution.routes.joined()) == [2, 3])
        #expect(report.cost == 10 + 14 + 10 + 2 * unit, "the route 0 → j2 → j3 → 0 (or back) and j1's prize")
        // With priorities the other way round, j1 stays.
        let q = try JSONInstanceReader.parse(contents: Self.instance(priorities: [5, 1, 0]))
        #expect(Set(try RichInputTests.roundTrip(q).0.solution.routes.joined()) == [1, 3])
    }

    @Test func everyJobThatFitsIsServed() throws {
        // Capacity 20: everything fits, so no job is left out whatever its priority, even
        // priority 0, and the cost is the route's alone.
        let p = try JSONInstanceReader.parse(contents: Self.instance(priorities: [0, 0, 0], capacity: 20))
        let (result, report) = try RichInputTests.roundTrip(p)
        #expect(Set(result.solution.routes.joined()) == [1, 2, 3])
        let routing = zip(result.solution.routes, result.solution.vehicles).reduce(0) { $0 + p.routeCost($1.0, vehicle: $1.1) }
        #expect(report.cost == routing, "no prize in the objective")
    }

    @Test func aFullVehicleTradesALowPriorityForAHighOne() throws {
        // Capacity 10 and the plan j1 + j3 (6 + 3): j2 (priority 5) only gets in if j1
        // (priority 1) goes out — one move, the trade, with load excess priced out of reach.
        let p = try JSONInstanceReader.parse(contents: Self.instance(priorities: [1, 5, 0]))
        var search = LocalSearch<Matrix, RichFeatures>(problem: p, neighbours: Neighbourhood(problem: p, size: 5),
                                                       penalties: Penalties(capacity: 1e9, timeWarp: 1e9))
        search.load(Solution(routes: [[1, 3]], vehicles: [0]))
        var rng = RandomGenerator(seed: 1)
        search.run(rng: &rng)
        #expect(Set(search.solution().routes.joined()) == [2, 3])
        #expect(search.totalExcess == 0)
    }

    @Test func priorityErrors() {
        func error(_ job: String) -> String {
            let text = """
                {"depots": [{"location": [0, 0]}], "vehicles": [{"capacity": 5}], "jobs": [\(job)]}
                """
            do { _ = try JSONInstanceReader.parse(contents: text); return "no error" } catch { return error.message }
        }
        #expect(error("{\"location\": [1, 1], \"priority\": 2, \"prize\": 10}") == "at jobs[0].priority: give a job a prize or a priority, not both")
        #expect(error("{\"location\": [1, 1], \"priority\": 2.5}") == "at jobs[0].priority: expected an integer from 0 to 100")
        #expect(error("{\"location\": [1, 1], \"priority\": 7}") == "no error")
    }
}
