import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
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

    /// Penalised cost computed from scratch, independently of the search's prefix sums
    /// and time segments: distance + penalty × load excess + timeWarpPenalty × time warp.
    static func penalisedCost(_ problem: Problem, _ solution: Solution, penalty: Double, timeWarpPenalty: Double = 0) -> Double {
        solution.routes.reduce(0.0) { total, route in
            let s = problem.schedule(route)
            return total + Double(s.distance) + penalty * Double(max(0, s.load - problem.capacity))
                + timeWarpPenalty * Double(problem.timeWarp(of: route))
        }
    }

    /// A random VRPTW instance: points on a 100×100 grid, DIMACS distances (tenths) used
    /// as travel times, windows of 30–150 time units placed up to 600 after the direct
    /// drive from the depot, 10 units of service, depot open [0, 2000].
    static func randomTimeWindowProblem(customers n: Int, capacity: Int = 50, seed: UInt64) -> Problem {
        var rng = RandomGenerator(seed: seed &+ 1000)
        let points = (0...n).map { _ in Point(x: Double(rng.below(101)), y: Double(rng.below(101))) }
        let demands = (0...n).map { $0 == 0 ? 0 : 1 + rng.below(20) }
        let matrix = Matrix(size: n + 1) { EdgeWeight.truncatedTenths(points[$0], points[$1]) }
        var ready = [0], due = [20_000], service = [0]
        for c in 1...n {
            let earliest = matrix[0, c] + 10 * rng.below(601)
            ready.append(earliest)
            due.append(earliest + 10 * (30 + rng.below(121)))
            service.append(100)
        }
        return Problem(
            name: "random-tw-\(n)-\(seed)", originalIDs: Array(0...n), coordinates: points, demands: demands,
            capacity: capacity, vehicleLimit: nil, distances: matrix, convention: .truncatedTenths, scale: 10,
            readyTimes: ready, dueTimes: due, serviceTimes: service)
    }
}

/// An XML parser delegate that keeps every element's name and attributes, in document
/// order (for the SVG outputs' structural tests).
final class XMLElementCollector: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []

    /// The elements of `text`, or a description of why it is not well-formed XML.
    static func parse(_ text: String) -> Result<[(name: String, attributes: [String: String])], XMLFailure> {
        let parser = XMLParser(data: Data(text.utf8))
        let collector = XMLElementCollector()
        parser.delegate = collector
        guard parser.parse() else { return .failure(XMLFailure(reason: String(describing: parser.parserError))) }
        return .success(collector.elements)
    }
    struct XMLFailure: Error { let reason: String }
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append((name, attributes))
    }
}
