import Foundation
import Testing
@testable import OnTimeCore

/// Jobs with several time windows: one node per window, alternatives of one group of
/// which a plan visits exactly one (`Problem.groups`). A tiny instance where only the
/// second window can be kept, the verifier's rules for groups, the search keeping one
/// alternative per group, screening, and the JSON reader.
@Suite("Several windows per job")
struct AlternativeTests {
    /// Depot at the origin; job "a" 50 away with windows [0, 10] (nodes 1) and [100, 120]
    /// (node 2); job "b" 30 away with one window.
    static func twoWindows(optional: Bool = false) -> Problem {
        let points = [Point(x: 0, y: 0), Point(x: 50, y: 0), Point(x: 50, y: 0), Point(x: 0, y: 30)]
        return Problem(name: "windows", originalIDs: [0, 1, 2, 3], coordinates: points, demands: [0, 2, 2, 1], capacity: 10,
                       vehicleLimit: 2, distances: Matrix(points: points, rule: .rounded), convention: .roundedEuclidean,
                       readyTimes: [0, 0, 100, 0], dueTimes: [1000, 10, 120, 500], serviceTimes: [0, 5, 5, 5],
                       vehicleTypes: [VehicleType(name: "van", count: 2, capacity: 10, shiftStart: 0, shiftEnd: 1000)],
                       prizes: optional ? [nil, 500, 500, nil] : nil, groups: [[1, 2]])
    }

    @Test func theWindowThatCanBeKeptIsChosen() throws {
        let p = Self.twoWindows()
        #expect(!p.isClassic && p.groupOf == [-1, 0, 0, -1])
        let result = try VehicleTypeTests.solve(p)
        let visited = Set(result.solution.routes.joined())
        #expect(visited == [2, 3], "the second window of a, and b")
        // One route 0 → 3 → 2 → 0 or two routes: either way the verifier agrees.
        #expect(Verifier.check(p, routes: result.solution.routes, vehicles: result.solution.vehicles, claimedCost: result.cost).isFeasible)
    }

    @Test func theVerifierWantsExactlyOneAlternative() {
        let p = Self.twoWindows()
        #expect(Verifier.check(p, routes: [[2], [3]], vehicles: [0, 0]).isFeasible)
        #expect(Verifier.check(p, routes: [[1], [3]], vehicles: [0, 0]).violations.contains { $0.contains("after its due time") })
        #expect(Verifier.check(p, routes: [[1, 2], [3]], vehicles: [0, 0]).violations
                .contains("customers 1, 2 are alternatives (one job's windows) but 2 visits serve them"))
        #expect(Verifier.check(p, routes: [[3]], vehicles: [0]).violations == ["none of the alternatives 1, 2 (one job's windows) is visited"])
        // Optional: skipping the job pays its prize once.
        let optional = Self.twoWindows(optional: true)
        let skipped = Verifier.check(optional, routes: [[3]], vehicles: [0])
        #expect(skipped.isFeasible && skipped.cost == 60 + 500)
        #expect(optional.unvisited([[3]]) == [1] && p.unvisited([[2, 3]]).isEmpty)
    }

    @Test func theSearchKeepsOneAlternativePerGroup() {
        // Random rich instances where pairs of required customers are made alternatives;
        // the search starts from plans visiting both and must end with one per group, its
        // cached cost exact.
        for seed in 1...12 as ClosedRange<UInt64> {
            let base = VehicleTypeTests.randomRich(customers: 14, seed: seed)
            let candidates = (1...14).filter { base.prizes[$0] == nil }
            let groups = stride(from: 0, to: candidates.count - 1, by: 4).map { [candidates[$0], candidates[$0 + 1]] }
            let p = Self.rebuilt(base, groups: groups)
            let w = Penalties(capacity: 7.5, timeWarp: 0.75)
            var search = LocalSearch<Matrix, RichFeatures>(problem: p, neighbours: Neighbourhood(problem: p, size: 5), penalties: w)
            var rng = RandomGenerator(seed: seed)
            var routes = [[Int]](repeating: [], count: 4)
            for c in (1...14).shuffled(using: &rng) where p.requiredSkills[c].isEmpty { routes[rng.below(4)].append(c) }
            for c in 1...14 where !p.requiredSkills[c].isEmpty { routes[[0, 3][rng.below(2)]].append(c) }
            search.load(Solution(routes: routes, vehicles: [0, 1, 1, 2]))
            search.run(rng: &rng)
            let final = search.solution()
            let visited = final.routes.joined()
            for members in groups { #expect(members.count { visited.contains($0) } == 1, "seed \(seed): \(members)") }
            let reference = VehicleTypeTests.reference(p, final, w)
            #expect(abs(search.penalisedCost + Double(p.skippedPrizes(final.routes)) - reference) < 1e-6)
            #expect(!Verifier.check(p, routes: final.routes, vehicles: final.vehicles).violations.contains { $0.contains("alternatives") })
        }
    }

    /// `p` with alternatives (the rest unchanged).
    static func rebuilt(_ p: Problem, groups: [[Int]]) -> Problem {
        Problem(name: p.name, originalIDs: p.originalIDs, coordinates: p.coordinates, demands: p.demands, capacity: p.capacity,
                vehicleLimit: p.vehicleLimit, distances: p.distances, convention: p.convention,
                readyTimes: p.readyTimes, dueTimes: p.dueTimes, serviceTimes: p.serviceTimes, depotCount: p.depotNodes.count,
                vehicleTypes: p.vehicleTypes, prizes: p.prizes, shipments: p.shipments, requiredSkills: p.requiredSkills,
                extraDemands: p.extraDemands, groups: groups)
    }

    @Test func randomInstancesWithAlternativesSolveToVerifiedPlans() throws {
        for seed in 1...3 as ClosedRange<UInt64> {
            let base = VehicleTypeTests.randomRich(customers: 24, seed: seed)
            let candidates = (1...24).filter { base.prizes[$0] == nil }
            let p = Self.rebuilt(base, groups: stride(from: 0, to: candidates.count - 2, by: 6).map { Array(candidates[$0...($0 + 2)]) })
            try VehicleTypeTests.expectVerified(p, seed: seed, never: ["alternatives"])
        }
    }

    @Test func screeningLeavesOutAJobOnlyWhenNoWindowCanBeKept() {
        // Window [0, 10] cannot be reached (50 away): not listed while [100, 120] can be.
        #expect(Screening.unservable(Self.twoWindows()).isEmpty)
        let points = [Point(x: 0, y: 0), Point(x: 50, y: 0), Point(x: 50, y: 0)]
        let hopeless = Problem(name: "w", originalIDs: [0, 1, 2], coordinates: points, demands: [0, 1, 1], capacity: 10, vehicleLimit: 1,
                               distances: Matrix(points: points, rule: .rounded), convention: .roundedEuclidean,
                               readyTimes: [0, 0, 0], dueTimes: [1000, 10, 20], serviceTimes: [0, 0, 0],
                               vehicleTypes: [VehicleType(name: "van", count: 1, capacity: 10, shiftStart: 0, shiftEnd: 1000)], groups: [[1, 2]])
        #expect(Screening.unservable(hopeless).map(\.customer) == [1, 2])
    }

    @Test func jsonJobsWithSeveralWindows() throws {
        let text = """
            {"depots": [{"id": "hub", "location": [0, 0], "time_window": [0, 1000]}],
             "vehicles": [{"id": "van", "capacity": 10, "count": 2}],
             "jobs": [{"id": "a", "location": [50, 0], "demand": 2, "service": 5, "time_windows": [[0, 10], [100, 120]]},
                      {"id": "b", "location": [0, 30], "demand": 1, "time_windows": [[0, 500]]}]}
            """
        let p = try JSONInstanceReader.parse(contents: text)
        #expect(p.customerCount == 3 && p.groups == [[1, 2]] && p.labels == ["hub", "a", "a", "b"])
        #expect(p.readyTimes[1...3] == [0, 100, 0] && p.dueTimes[1...3] == [10, 120, 500])
        let (result, _) = try RichInputTests.roundTrip(p)
        #expect(Set(result.solution.routes.joined()) == [2, 3])
        // The plan names the job once, with the window kept.
        let json = PlanWriter.json(result.solution, problem: p, run: nil)
        #expect(json.components(separatedBy: "\"job\": \"a\"").count == 2)
        let many = (0...16).map { "[\($0 * 10), \($0 * 10 + 5)]" }.joined(separator: ", ")
        do {
            _ = try JSONInstanceReader.parse(contents: text.replacingOccurrences(of: "[[0, 10], [100, 120]]", with: "[\(many)]"))
            Issue.record("accepted")
        } catch {
            #expect(error.message == "at jobs[0].time_windows: expected 1 to 16 windows [[start, end], ...]")
        }
        do {
            _ = try JSONInstanceReader.parse(contents: text.replacingOccurrences(of: "[100, 120]", with: "[100, 90]"))
            Issue.record("accepted")
        } catch {
            #expect(error.message == "at jobs[0].time_windows[1]: expected [start, end] with 0 ≤ start ≤ end ≤ 1e8")
        }
    }
}
