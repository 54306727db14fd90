import Testing
@testable import OnTimeCore

@Suite("Solution files")
struct SolutionFileTests {
    @Test(.enabled(if: TestData.sharedAvailable))
    func readsBestKnownSolution() throws {
        let sol = try SolutionFile.read(path: TestData.x("X-n101-k25.sol"))
        #expect(sol.routes.count == 26)
        #expect(sol.routes[0] == [31, 46, 35])
        #expect(sol.cost == "27591")
        #expect(sol.routes.flatMap { $0 }.sorted() == Array(1...100))
    }

    @Test func writerRoundTrips() throws {
        let problem = TestData.randomProblem(customers: 12, seed: 3)
        let solution = Solution(routes: [[3, 1, 2], [4, 5, 6, 7], [8, 9, 10, 11, 12]])
        let text = PlanWriter.vrplib(solution, problem: problem)
        #expect(text.hasPrefix("Route #1: 3 1 2\n"))
        let back = try SolutionFile.parse(contents: text)
        #expect(back.routes == solution.routes)
        #expect(back.cost == String(problem.cost(of: solution)))
    }

    /// A plan that serves nobody (every customer unservable) is `Cost 0` and no routes,
    /// and reads back as such (issue 20, item 8).
    @Test func emptyPlanRoundTrips() throws {
        let problem = TestData.randomProblem(customers: 3, seed: 1)
        let text = PlanWriter.vrplib(Solution(routes: []), problem: problem)
        #expect(text == "Cost 0\n")
        let back = try SolutionFile.parse(contents: text)
        #expect(back.routes.isEmpty && back.cost == "0")
        #expect(try back.vehicleTypes(in: problem, path: "<input>").isEmpty)
    }
}
