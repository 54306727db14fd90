import Foundation

/// Plans as maps: GeoJSON for GIS tools and web maps, SVG for a picture to look at.
/// Both need the instance's coordinates (x, y as read; for geographic instances these
/// are longitude and latitude).
public enum PlanPictures {
    /// Colour of route k: hues spread by the golden angle, so neighbouring route numbers
    /// never look alike; fixed saturation and lightness readable on white.
    public static func colour(_ k: Int) -> String {
        let hue = (Double(k) * 137.507_764).truncatingRemainder(dividingBy: 360)
        return String(format: "hsl(%.0f, 70%%, %d%%)", hue, k % 2 == 0 ? 40 : 48)
    }

    /// A GeoJSON FeatureCollection: one LineString per route (depot → stops → depot) with
    /// its vehicle, load, distance and colour; one Point per stop with its route, position,
    /// customer, demand and schedule; the depot; and unassigned customers. Nil without
    /// geographic coordinates (planar x/y are not longitude/latitude).
    public static func geoJSON(_ solution: Solution, problem: Problem, unassigned: [Unservable] = []) -> String? {
        guard let points = problem.coordinates, problem.hasGeographicCoordinates else { return nil }
        func position(_ node: Int) -> String { "[\(number(points[node].x)), \(number(points[node].y))]" }
        var features: [String] = []
        for depot in problem.depotNodes {
            features.append("{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": \(position(depot))}, "
                            + "\"properties\": {\"role\": \"depot\", \"node_id\": \(problem.originalIDs[depot])}}")
        }
        for (k, route) in solution.routes.enumerated() where !route.isEmpty {
            let s = problem.schedule(route, vehicle: solution.vehicles[k])
            let type = problem.vehicleTypes[solution.vehicles[k]]
            let line = ([type.startDepot] + route + [type.endDepot]).map(position).joined(separator: ", ")
            features.append("{\"type\": \"Feature\", \"geometry\": {\"type\": \"LineString\", \"coordinates\": [\(line)]}, "
                            + "\"properties\": {\"role\": \"route\", \"vehicle\": \(k + 1), \"load\": \(s.load), "
                            + "\"distance\": \(problem.format(s.distance)), \"stops\": \(route.count), \"colour\": \"\(colour(k))\"}}")
            for (index, stop) in s.stops.enumerated() {
                features.append("{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": \(position(stop.node))}, "
                                + "\"properties\": {\"role\": \"stop\", \"vehicle\": \(k + 1), \"sequence\": \(index + 1), "
                                + "\"customer\": \(stop.node), \"node_id\": \(problem.originalIDs[stop.node]), "
                                + "\"demand\": \(problem.demands[stop.node]), \"arrival\": \(problem.format(stop.arrival)), "
                                + "\"departure\": \(problem.format(stop.departure))}}")
            }
        }
        for u in unassigned {
            features.append("{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": \(position(u.customer))}, "
                            + "\"properties\": {\"role\": \"unassigned\", \"customer\": \(u.customer), "
                            + "\"node_id\": \(problem.originalIDs[u.customer]), \"reason\": \(PlanWriter.quoted(u.reason))}}")
        }
        return "{\"type\": \"FeatureCollection\", \"properties\": {\"instance\": \(PlanWriter.quoted(problem.name)), "
            + "\"cost\": \(problem.format(problem.cost(of: solution))), \"routes\": \(solution.routes.filter { !$0.isEmpty }.count)},\n"
            + "\"features\": [\n" + features.joined(separator: ",\n") + "\n]}\n"
    }

    /// An SVG picture: each route a polyline in its own colour, stops as dots, the depot
    /// as a black square, unassigned customers as grey crosses, a title with the cost and
    /// a legend with each route's load and length (the first `legendRoutes` routes).
    public static func svg(_ solution: Solution, problem: Problem, unassigned: [Unservable] = [], legendRoutes: Int = 40) -> String? {
        guard let given = problem.coordinates else { return nil }
        // Longitude/latitude: degrees of longitude shrink by cos(latitude), so the map keeps
        // its proportions (an equirectangular projection at the mean latitude).
        let squeeze = problem.convention == .haversineTenths
            ? cos(given.map(\.y).reduce(0, +) / Double(given.count) * .pi / 180) : 1
        let points = given.map { Point(x: $0.x * squeeze, y: $0.y) }
        let routes = solution.routes.enumerated().filter { !$0.element.isEmpty }
        let skipped = PlanWriter.skipped(solution, problem: problem)
        let minX = points.map(\.x).min()!, maxX = points.map(\.x).max()!
        let minY = points.map(\.y).min()!, maxY = points.map(\.y).max()!
        // The map is 800 units on its longer side; y grows upwards as on a map.
        let span = max(maxX - minX, maxY - minY, 1e-9)
        let scale = 800 / span
        let mapWidth = (maxX - minX) * scale, mapHeight = (maxY - minY) * scale
        let margin = 30.0, legendWidth = problem.isClassic ? 230.0 : 310.0, titleHeight = 40.0
        let shown = min(routes.count, legendRoutes)
        let legendHeight = Double(shown + (routes.count > shown ? 1 : 0) + (unassigned.isEmpty ? 1 : 2) + (skipped.isEmpty ? 0 : 1)) * 18 + 20
        let width = mapWidth + 2 * margin + legendWidth
        let height = max(mapHeight + 2 * margin + titleHeight, legendHeight + titleHeight + margin)
        func x(_ node: Int) -> Double { margin + (points[node].x - minX) * scale }
        func y(_ node: Int) -> Double { titleHeight + margin + (maxY - points[node].y) * scale }
        let dot = max(1.5, min(4, 300 / Double(max(1, problem.customerCount)).squareRoot()))
        var out = String(format: "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
                         + "font-family=\"DejaVu Sans, Arial, sans-serif\">\n", width, height, width, height)
        out += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        let cost = problem.format(problem.cost(of: solution))
        out += "<text x=\"\(number(margin))\" y=\"26\" font-size=\"18\" font-weight=\"bold\">\(escape(problem.name)): "
            + "\(routes.count) routes, \(problem.isClassic ? "distance" : "cost") \(cost)</text>\n"
        out += "<g id=\"routes\" fill=\"none\" stroke-width=\"1.6\" stroke-linejoin=\"round\">\n"
        for (k, route) in routes {
            let type = problem.vehicleTypes[solution.vehicles[k]]
            let coordinates = ([type.startDepot] + route + [type.endDepot]).map { String(format: "%.1f,%.1f", x($0), y($0)) }
                .joined(separator: " ")
            out += "<polyline class=\"route\" data-vehicle=\"\(k + 1)\" stroke=\"\(colour(k))\" points=\"\(coordinates)\"/>\n"
        }
        out += "</g>\n<g id=\"stops\">\n"
        for (k, route) in routes {
            for node in route {
                out += String(format: "<circle class=\"stop\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%@\"><title>customer %d (route %d)</title></circle>\n",
                              x(node), y(node), dot, colour(k), problem.originalIDs[node], k + 1)
            }
        }
        out += "</g>\n"
        for c in skipped {
            out += String(format: "<circle class=\"skipped\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"white\" stroke=\"#777\" stroke-width=\"1.5\">",
                          x(c), y(c), dot + 1)
                + "<title>customer \(problem.originalIDs[c]) skipped (optional)</title></circle>\n"
        }
        for u in unassigned {
            let cx = x(u.customer), cy = y(u.customer), r = dot + 2
            out += String(format: "<path class=\"unassigned\" d=\"M%.1f,%.1f L%.1f,%.1f M%.1f,%.1f L%.1f,%.1f\" stroke=\"#777\" stroke-width=\"2\">",
                          cx - r, cy - r, cx + r, cy + r, cx - r, cy + r, cx + r, cy - r)
                + "<title>customer \(problem.originalIDs[u.customer]) left out: \(escape(u.reason))</title></path>\n"
        }
        for (index, depot) in problem.depotNodes.enumerated() {
            out += String(format: "<rect id=\"%@\" class=\"depot\" x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"black\"><title>%@</title></rect>\n",
                          index == 0 ? "depot" : "depot-\(index + 1)", x(depot) - 6, y(depot) - 6,
                          escape(problem.labels?[depot] ?? "depot \(problem.originalIDs[depot])"))
        }
        // Legend.
        let lx = mapWidth + 2 * margin, ly0 = titleHeight + margin
        out += "<g id=\"legend\" font-size=\"12\">\n"
        out += "<rect x=\"\(number(lx))\" y=\"\(number(ly0 - 6))\" width=\"12\" height=\"12\" fill=\"black\"/>"
            + "<text x=\"\(number(lx + 20))\" y=\"\(number(ly0 + 5))\">depot</text>\n"
        var ly = ly0 + 18
        for (k, route) in routes.prefix(shown) {
            let s = problem.schedule(route, vehicle: solution.vehicles[k])
            out += "<line x1=\"\(number(lx))\" y1=\"\(number(ly))\" x2=\"\(number(lx + 14))\" y2=\"\(number(ly))\" stroke=\"\(colour(k))\" stroke-width=\"3\"/>"
                + "<text class=\"legend-route\" x=\"\(number(lx + 20))\" y=\"\(number(ly + 4))\">route \(k + 1)"
                + (problem.isClassic ? "" : " (\(escape(problem.vehicleTypes[solution.vehicles[k]].name)))")
                + ": load \(s.load)/\(problem.vehicleTypes[solution.vehicles[k]].capacity), "
                + "length \(problem.format(s.distance))</text>\n"
            ly += 18
        }
        if routes.count > shown {
            out += "<text x=\"\(number(lx + 20))\" y=\"\(number(ly + 4))\">… and \(routes.count - shown) more routes</text>\n"
            ly += 18
        }
        if !unassigned.isEmpty {
            out += "<text x=\"\(number(lx))\" y=\"\(number(ly + 4))\" fill=\"#555\">✕ \(unassigned.count) customers left out</text>\n"
            ly += 18
        }
        if !skipped.isEmpty {
            out += "<circle cx=\"\(number(lx + 6))\" cy=\"\(number(ly))\" r=\"4\" fill=\"white\" stroke=\"#777\" stroke-width=\"1.5\"/>"
                + "<text x=\"\(number(lx + 20))\" y=\"\(number(ly + 4))\" fill=\"#555\">\(skipped.count) optional stop\(skipped.count == 1 ? "" : "s") skipped</text>\n"
        }
        out += "</g>\n</svg>\n"
        return out
    }

    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(format: "%.6g", v)
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
