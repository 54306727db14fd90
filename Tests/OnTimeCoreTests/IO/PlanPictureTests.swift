import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import OnTimeCore

@Suite("GeoJSON and SVG plans")
struct PlanPictureTests {
    static func plan() throws -> (Problem, Solution) {
        let p = try InstanceReader.read(path: TestData.demo)
        let result = try RoutingSolver.solve(p, options: SolverOptions(timeLimit: nil, maxIterations: 50))
        return (p, result.solution)
    }

    @Test func geoJSONHasOneLineStringPerRouteAndAPointPerStop() throws {
        let (p, s) = try Self.plan()
        let text = try #require(PlanPictures.geoJSON(s, problem: p, unassigned: [Unservable(customer: 3, reason: "a \"test\"")]))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["type"] as? String == "FeatureCollection")
        let features = try #require(json["features"] as? [[String: Any]])
        func role(_ f: [String: Any]) -> String? { (f["properties"] as? [String: Any])?["role"] as? String }
        let lines = features.filter { role($0) == "route" }, stops = features.filter { role($0) == "stop" }
        #expect(lines.count == s.routes.count && stops.count == s.routes.joined().count)
        #expect(features.filter { role($0) == "depot" }.count == 1 && features.filter { role($0) == "unassigned" }.count == 1)
        let depot = p.coordinates![0]
        for (k, line) in lines.enumerated() {
            let coordinates = try #require((line["geometry"] as? [String: Any])?["coordinates"] as? [[Double]])
            // Depot, the route's customers in order, depot.
            let expected = ([0] + s.routes[k] + [0]).map { [p.coordinates![$0].x, p.coordinates![$0].y] }
            #expect(coordinates == expected)
            #expect(coordinates.first == [depot.x, depot.y])
        }
    }


    @Test func svgIsWellFormedWithARoutePerPolylineAndALegend() throws {
        let (p, s) = try Self.plan()
        let text = try #require(PlanPictures.svg(s, problem: p, unassigned: [Unservable(customer: 3, reason: "x < y & z")]))
        let e = try XMLElementCollector.parse(text).get()
        #expect(e.first?.name == "svg")
        #expect(e.filter { $0.name == "polyline" }.count == s.routes.count)
        #expect(e.filter { $0.name == "circle" }.count == s.routes.joined().count)
        #expect(e.filter { $0.attributes["id"] == "depot" }.count == 1)
        #expect(e.filter { $0.attributes["class"] == "unassigned" }.count == 1)
        #expect(e.filter { $0.attributes["class"] == "legend-route" }.count == s.routes.count)
        // Distinct colours per route, every polyline starting and ending at the depot.
        let polylines = e.filter { $0.name == "polyline" }
        #expect(Set(polylines.compactMap { $0.attributes["stroke"] }).count == s.routes.count)
        for line in polylines {
            let points = (line.attributes["points"] ?? "").split(separator: " ")
            #expect(points.first == points.last && points.count >= 3)
        }
        // A long plan's legend stops at the limit and says how many more.
        let capped = try #require(PlanPictures.svg(s, problem: p, legendRoutes: 2))
        #expect(capped.contains("… and \(s.routes.count - 2) more routes"))
    }
}
