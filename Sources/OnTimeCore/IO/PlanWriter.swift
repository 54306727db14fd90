import Foundation

/// Output formats of a routing plan.
public enum PlanFormat: String, Sendable, CaseIterable {
    case json, vrplib, csv, text, geojson, svg

    /// Whether the format draws the plan on the instance's coordinates.
    public var needsCoordinates: Bool { self == .geojson || self == .svg }
}

/// Facts about the run that produced a plan, printed alongside it.
public struct RunInfo: Sendable {
    public var seed: UInt64
    public var timeLimit: Double?
    public var iterations: Int
    public var elapsedSeconds: Double
    public var stopReason: String
    public var algorithm: String
    public init(seed: UInt64, timeLimit: Double?, iterations: Int, elapsedSeconds: Double, stopReason: String, algorithm: String) {
        self.seed = seed; self.timeLimit = timeLimit; self.iterations = iterations
        self.elapsedSeconds = elapsedSeconds; self.stopReason = stopReason; self.algorithm = algorithm
    }
}

/// Renders a verified solution in each output format. Times and costs are printed in
/// the instance's own units (e.g. Solomon distances with one decimal).
public enum PlanWriter {
    /// `forecast` (per route, per stop, as from `ArrivalForecast`) adds the predicted
    /// arrival windows and late risks to the JSON and CSV outputs; `days` (multi-day
    /// shipping, from `DayWindows`) the delivery dates and "expected in X to Y days".
    public static func render(_ solution: Solution, problem: Problem, format: PlanFormat, run: RunInfo? = nil,
                              forecast: [[StopForecast]]? = nil, days: DayWindows? = nil, unassigned: [Unservable] = []) -> String {
        switch format {
        case .json: return json(solution, problem: problem, run: run, forecast: forecast, days: days, unassigned: unassigned)
        case .vrplib: return vrplib(solution, problem: problem)
        case .csv: return csv(solution, problem: problem, forecast: forecast, days: days)
        case .text: return text(solution, problem: problem, unassigned: unassigned)
        // The CLI checks for coordinates before the search; without them these are empty.
        case .geojson: return PlanPictures.geoJSON(solution, problem: problem, unassigned: unassigned) ?? ""
        case .svg: return PlanPictures.svg(solution, problem: problem, unassigned: unassigned) ?? ""
        }
    }

    /// CVRPLIB `.sol`: `Route #k: c1 c2 ...` (customers 1..n, depot omitted), then `Cost N`.
    /// With several vehicle types, a `Vehicle #k: name` line after each route says which
    /// type drives it (readers of plain `.sol` files skip lines they do not know).
    public static func vrplib(_ solution: Solution, problem: Problem) -> String {
        var out = ""
        for (k, route) in solution.routes.enumerated() {
            out += "Route #\(k + 1): " + route.map(String.init).joined(separator: " ") + "\n"
            if !problem.isClassic { out += "Vehicle #\(k + 1): \(problem.vehicleTypes[solution.vehicles[k]].name)\n" }
        }
        out += "Cost \(problem.format(problem.cost(of: solution)))\n"
        return out
    }

    /// One row per stop, for spreadsheets and drivers. `demand` is what is handled at the
    /// stop (a shipment's amount at its pickup and delivery); `load_after` is, with
    /// shipments, the load on board after the stop, else the load delivered so far.
    public static func csv(_ solution: Solution, problem: Problem, forecast: [[StopForecast]]? = nil, days: DayWindows? = nil) -> String {
        var out = problem.isClassic ? "" : "vehicle_type,"
        out += "route,sequence,customer,node_id,demand,arrival,waiting,departure,load_after"
        if forecast != nil { out += ",eta_low,eta_median,eta_high,window_start,window_end,late_risk" }
        if days != nil { out += ",ordered,earliest_date,latest_date,days_low,days_high,next_day_risk" }
        if problem.labels != nil { out += ",job" }
        out += "\n"
        for (k, route) in solution.routes.enumerated() {
            let schedule = problem.schedule(route, vehicle: solution.vehicles[k])
            let onBoard = problem.shipments.isEmpty ? nil : problem.loadOnBoard(route)
            for (s, stop) in schedule.stops.enumerated() {
                if !problem.isClassic { out += CSV.field(problem.vehicleTypes[solution.vehicles[k]].name) + "," }
                out += "\(k + 1),\(s + 1),\(stop.node),\(problem.originalIDs[stop.node]),\(problem.handledAmount(stop.node)),"
                out += "\(problem.format(stop.arrival)),\(problem.format(stop.waiting)),\(problem.format(stop.departure)),\(onBoard?[s] ?? stop.cumulativeLoad)"
                if let f = forecast?[k][s] {
                    out += ",\(problem.format(f.low)),\(problem.format(f.median)),\(problem.format(f.high)),"
                        + "\(problem.format(f.windowStart)),\(problem.format(f.windowEnd)),\(String(format: "%.3f", f.lateRisk))"
                }
                if let days {
                    if let d = days.stops[k][s] {
                        out += ",\(d.ordered.map(String.init(describing:)) ?? ""),\(d.earliest),\(d.latest),\(d.lowDays),\(d.highDays),"
                            + String(format: "%.3f", d.nextDayRisk)
                    } else {
                        out += ",,,,,,"
                    }
                }
                if let labels = problem.labels { out += "," + CSV.field(labels[stop.node]) }
                out += "\n"
            }
        }
        return out
    }

    /// A readable summary for the terminal.
    public static func text(_ solution: Solution, problem: Problem, unassigned: [Unservable] = []) -> String {
        let cost = problem.cost(of: solution)
        var out = "\(problem.name): \(solution.routes.count) routes, " + (problem.isClassic ? "total distance" : "cost")
            + " \(problem.format(cost))\n"
        for (k, route) in solution.routes.enumerated() {
            let s = problem.schedule(route, vehicle: solution.vehicles[k])
            let type = problem.vehicleTypes[solution.vehicles[k]]
            let vehicle = problem.isClassic ? "" : "  \(type.name)"
            out += "Route #\(k + 1)\(vehicle)  load \(s.load)/\(type.capacity)  distance \(problem.format(s.distance))\n"
            // Several depots: say which (by the instance's name for it).
            func depot(_ node: Int) -> String { problem.depotNodes.count > 1 ? problem.labels?[node] ?? "depot \(node)" : "depot" }
            out += "  \(depot(type.startDepot)) @\(problem.formatTime(s.departure))"
            for stop in s.stops {
                out += " -> \(stop.node) @\(problem.formatTime(stop.arrival))"
                if stop.waiting > 0 || stop.departure != stop.arrival {
                    // Waiting for the window and service: say when the vehicle leaves.
                    let wait = stop.waiting > 0 ? "wait \(problem.format(stop.waiting)), " : ""
                    out += " (\(wait)leave \(problem.formatTime(stop.departure)))"
                }
            }
            out += " -> \(depot(type.endDepot)) @\(problem.formatTime(s.returnTime))\n"
        }
        for u in unassigned { out += "Unassigned: customer \(u.customer): \(u.reason)\n" }
        for c in skipped(solution, problem: problem) { out += "Skipped (optional): customer \(c), prize \(problem.format(problem.prizes[c] ?? 0))\n" }
        return out
    }

    public static func json(_ solution: Solution, problem: Problem, run: RunInfo?, forecast: [[StopForecast]]? = nil,
                            days: DayWindows? = nil, unassigned: [Unservable] = []) -> String {
        func number(_ v: Int) -> String { problem.format(v) }
        let pickups = Set(problem.shipments.map(\.pickup))
        var routesJSON: [String] = []
        for (k, route) in solution.routes.enumerated() {
            let s = problem.schedule(route, vehicle: solution.vehicles[k])
            let onBoard = problem.shipments.isEmpty ? nil : problem.loadOnBoard(route)
            let stops = s.stops.enumerated().map { index, stop in
                let job = problem.labels.map { "\"job\": \(quoted($0[stop.node])), " } ?? ""
                var fields = "{\"customer\": \(stop.node), \"node_id\": \(problem.originalIDs[stop.node]), " + job
                if problem.partner[stop.node] >= 0 {
                    fields += "\"shipment\": \"\(pickups.contains(stop.node) ? "pickup" : "delivery")\", "
                }
                fields += "\"demand\": \(problem.handledAmount(stop.node)), "
                + "\"arrival\": \(number(stop.arrival)), \"waiting\": \(number(stop.waiting)), \"start\": \(number(stop.start)), "
                + "\"departure\": \(number(stop.departure)), \"load_after\": \(onBoard?[index] ?? stop.cumulativeLoad)"
                if let f = forecast?[k][index] {
                    fields += ", \"eta\": {\"low\": \(number(f.low)), \"median\": \(number(f.median)), \"high\": \(number(f.high)), "
                        + "\"window\": [\(number(f.windowStart)), \(number(f.windowEnd))], \"late_risk\": \(String(format: "%.3f", f.lateRisk))}"
                }
                if let d = days?.stops[k][index] {
                    fields += ", \"delivery\": {" + (d.ordered.map { "\"ordered\": \"\($0)\", " } ?? "")
                        + "\"earliest\": \"\(d.earliest)\", \"latest\": \"\(d.latest)\", \"days\": [\(d.lowDays), \(d.highDays)], "
                        + "\"next_day_risk\": \(String(format: "%.3f", d.nextDayRisk)), "
                        + "\"text\": \(quoted(DayWindows.phrase(low: d.lowDays, high: d.highDays)))}"
                }
                return fields + "}"
            }
            let typed = problem.isClassic ? "" : "\"vehicle_type\": \(quoted(problem.vehicleTypes[solution.vehicles[k]].name)), "
                + "\"cost\": \(number(problem.routeCost(route, vehicle: solution.vehicles[k]))), "
            routesJSON.append("""
                {"vehicle": \(k + 1), \(typed)"load": \(s.load), "distance": \(number(s.distance)), \
                "depot_departure": \(number(s.departure)), "depot_return": \(number(s.returnTime)), \
                "sequence": [\(route.map(String.init).joined(separator: ", "))],
                      "stops": [
                        \(stops.joined(separator: ",\n        "))
                      ]}
                """)
        }
        var fields: [String] = [
            "\"instance\": \(quoted(problem.name))",
            "\"distance_convention\": \(quoted(problem.convention.rawValue))",
            "\"cost\": \(number(problem.cost(of: solution)))",
            "\"route_count\": \(solution.routes.count)",
        ]
        if let run {
            let limit = run.timeLimit.map { String($0) } ?? "null"
            fields.append("\"run\": {\"algorithm\": \(quoted(run.algorithm)), \"seed\": \(run.seed), \"time_limit\": \(limit), \"iterations\": \(run.iterations), \"elapsed_seconds\": \(String(format: "%.3f", run.elapsedSeconds)), \"stop_reason\": \(quoted(run.stopReason))}")
        }
        if let days {
            fields.append("\"day_window\": {\"dispatch_date\": \"\(days.dispatch)\", \"days\": [\(days.lowDays), \(days.highDays)], "
                          + "\"text\": \(quoted(DayWindows.phrase(low: days.lowDays, high: days.highDays)))}")
        }
        // Customers no vehicle can serve, with why (always present, usually empty).
        let left = unassigned.map { u -> String in
            let job = problem.labels.map { "\"job\": \(quoted($0[u.customer])), " } ?? ""
            return "{\"customer\": \(u.customer), \"node_id\": \(problem.originalIDs[u.customer]), " + job + "\"reason\": \(quoted(u.reason))}"
        }
        fields.append("\"unassigned\": [" + left.joined(separator: ", ") + "]")
        if problem.hasOptionalStops {
            let list = skipped(solution, problem: problem).map { c -> String in
                let job = problem.labels.map { "\"job\": \(quoted($0[c])), " } ?? ""
                return "{\"customer\": \(c), " + job + "\"prize\": \(number(problem.prizes[c] ?? 0))}"
            }
            fields.append("\"skipped\": [" + list.joined(separator: ", ") + "]")
        }
        fields.append("\"routes\": [\n    " + routesJSON.joined(separator: ",\n    ") + "\n  ]")
        return "{\n  " + fields.joined(separator: ",\n  ") + "\n}\n"
    }

    /// Optional customers the plan does not visit.
    static func skipped(_ solution: Solution, problem: Problem) -> [Int] {
        guard problem.hasOptionalStops else { return [] }
        return problem.unvisited(solution.routes).filter { problem.prizes[$0] != nil }
    }

    /// A JSON string literal.
    static func quoted(_ s: String) -> String {
        // Most names need no escape: copied whole (scalar by scalar, a 50 MB plan of long ids
        // took 1.6 s to write).
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + s + "\""
        }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
