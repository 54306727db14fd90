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

    /// The demo orders, whose coordinates are latitude/longitude.
    static func geographicPlan() throws -> (Problem, Solution) {
        let folder = TestData.root.appendingPathComponent("instances")
        let p = try CSVInstanceReader.read(orders: folder.appendingPathComponent("demo-orders.csv").path,
                                           vehicles: folder.appendingPathComponent("demo-vehicles.csv").path)
        let result = try RoutingSolver.solve(p, options: SolverOptions(timeLimit: nil, maxIterations: 50))
        return (p, result.solution)
    }

    @Test func geoJSONHasOneLineStringPerRouteAndAPointPerStop() throws {
        let (p, s) = try Self.geographicPlan()
        #expect(p.hasGeographicCoordinates)
        let text = try #require(PlanPictures.geoJSON(s, problem: p, unassigned: [Unservable(customer: 3, reason: "a \"test\"")]))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["type"] as? String == "FeatureCollection")
        let features = try #require(json["features"] as? [[String: Any]])
        func role(_ f: [String: Any]) -> String? { (f["properties"] as? [String: Any])?["role"] as? String }
        let lines = features.filter { role($0) == "route" }, stops = features.filter { role($0) == "stop" }
        #expect(lines.count == s.routes.count && stops.count == s.routes.joined().count)
        #expect(features.filter { role($0) == "depot" }.count == p.depotNodes.count && features.filter { role($0) == "unassigned" }.count == 1)
        let routes = s.routes.enumerated().filter { !$0.element.isEmpty }
        for (line, (k, route)) in zip(lines, routes) {
            let coordinates = try #require((line["geometry"] as? [String: Any])?["coordinates"] as? [[Double]])
            // Its depot, the route's customers in order, its depot; as [longitude, latitude].
            let type = p.vehicleTypes[s.vehicles[k]]
            let expected = ([type.startDepot] + route + [type.endDepot]).map { [p.coordinates![$0].x, p.coordinates![$0].y] }
            #expect(coordinates.count == expected.count)
            for (a, b) in zip(coordinates, expected) { #expect(abs(a[0] - b[0]) < 1e-6 && abs(a[1] - b[1]) < 1e-6) }
            #expect(coordinates.allSatisfy { abs($0[0]) <= 180 && abs($0[1]) <= 90 })
        }
    }

    /// Planar x/y are not longitude/latitude (a demo point at y = 991 would be a latitude
    /// of 991): no GeoJSON for them.
    @Test func geoJSONIsRefusedForPlanarCoordinates() throws {
        let (p, s) = try Self.plan()
        #expect(!p.hasGeographicCoordinates)
        #expect(PlanPictures.geoJSON(s, problem: p) == nil)
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
