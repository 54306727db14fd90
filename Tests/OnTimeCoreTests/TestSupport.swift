import Foundation
@testable import OnTimeCore

/// Paths and small generated instances shared by the tests.
enum TestData {
    /// The project root (two levels above this file's folder).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// Public benchmark instances, kept beside the project (never copied into it).
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared/instances")
    static var sharedAvailable: Bool { FileManager.default.fileExists(atPath: shared.path) }
    static func x(_ name: String) -> String { shared.appendingPathComponent("cvrp/X/\(name)").path }
    static func solomon(_ name: String) -> String { shared.appendingPathComponent("vrptw/solomon/\(name).txt").path }
    static let demo = root.appendingPathComponent("instances/demo-cvrp-30.vrp").path

    /// A random CVRP instance on a 100×100 grid, rounded Euclidean distances.
    static func randomProblem(customers n: Int, capacity: Int = 50, seed: UInt64) -> Problem {
        var rng = RandomGenerator(seed: seed)
        let points = (0...n).map { _ in Point(x: Double(rng.below(101)), y: Double(rng.below(101))) }
        let demands = (0...n).map { $0 == 0 ? 0 : 1 + rng.below(20) }
        return Problem(
            name: "random-\(n)-\(seed)", originalIDs: Array(1...(n + 1)), coordinates: points, demands: demands,
            capacity: capacity, vehicleLimit: nil,
            distances: Matrix(size: n + 1) { EdgeWeight.roundedEuclidean(points[$0], points[$1]) },
            convention: .roundedEuclidean)
    }

    /// A random assignment of customers to `routeCount` routes (capacity ignored).
    static func randomSolution(_ problem: Problem, routeCount: Int, rng: inout RandomGenerator) -> Solution {
        var routes = [[Int]](repeating: [], count: routeCount)
        for c in (1...problem.customerCount).shuffled(using: &rng) { routes[rng.below(routeCount)].append(c) }
        return Solution(routes: routes)
    }

    /// Penalised cost computed from scratch, independently of the search's prefix sums.
    static func penalisedCost(_ problem: Problem, _ solution: Solution, penalty: Double) -> Double {
        solution.routes.reduce(0.0) { total, route in
            let s = problem.schedule(route)
            return total + Double(s.distance) + penalty * Double(max(0, s.load - problem.capacity))
        }
    }
}
