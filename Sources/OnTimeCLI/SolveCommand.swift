import Foundation
import OnTimeCore

enum SolveCommand {
    static func run(_ args: [String], console: Console, stop: StopFlag) -> ExitCode {
        let parsed: Arguments
        let timeLimit: Double?
        let seed: Int?
        let maxIterations: Int?
        let samples: Int?, windowSlot: Double?, bks: Double?
        let moves: MoveSet
        do {
            parsed = try Arguments(args, valueOptions: Set(["time-limit", "seed", "max-iterations", "output", "format", "algorithm", "set-partitioning", "moves-off",
                                                         "samples", "window-slot", "dispatch-date", "order-dates", "bks"]).union(TravelModelOptions.names)
                                                         .union(InstanceOptions.names),
                                   flagOptions: ["quiet", "help", "verbose", "log-json"])
            timeLimit = try parsed.double("time-limit", range: 0...1e7)
            seed = try parsed.int("seed", range: 0...Int.max)
            maxIterations = try parsed.int("max-iterations", range: 0...Int.max)
            samples = try parsed.int("samples", range: 1...100_000)
            windowSlot = try parsed.double("window-slot", range: 1e-6...1e9)
            bks = try parsed.double("bks", range: 1e-9...1e15)
            moves = try parsed.value("moves-off").map(BenchCommand.movesOff) ?? .all
        } catch {
            console.err("ontime solve: \(error)\n\n\(OnTime.solveUsage)\n")
            return .badInput
        }
        if parsed.has("help") { console.out(OnTime.solveUsage + "\n"); return .ok }
        guard parsed.positional.count == 1, let instancePath = parsed.positional.first else {
            console.err("ontime solve: expected exactly one INSTANCE file\n\n\(OnTime.solveUsage)\n")
            return .badInput
        }
        var algorithm = Algorithm.auto
        if let raw = parsed.value("algorithm") {
            guard let a = Algorithm(rawValue: raw) else {
                console.err("ontime solve: --algorithm must be one of \(Algorithm.allCases.map(\.rawValue).joined(separator: ", ")); got '\(raw)'\n")
                return .badInput
            }
            algorithm = a
        }
        var setPartitioning = false
        if let raw = parsed.value("set-partitioning") {
            guard raw == "on" || raw == "off" else {
                console.err("ontime solve: --set-partitioning must be on or off; got '\(raw)'\n")
                return .badInput
            }
            setPartitioning = raw == "on"
        }
        let output = parsed.value("output")
        let format: PlanFormat
        if let raw = parsed.value("format") {
            guard let f = PlanFormat(rawValue: raw) else {
                console.err("ontime solve: --format must be one of json, vrplib, csv, text, geojson, svg; got '\(raw)'\n")
                return .badInput
            }
            format = f
        } else if let output {
            switch URL(fileURLWithPath: output).pathExtension.lowercased() {
            case "sol": format = .vrplib
            case "csv": format = .csv
            case "txt": format = .text
            case "geojson": format = .geojson
            case "svg": format = .svg
            default: format = .json
            }
        } else {
            format = .text
        }
        // An unwritable output fails now, not after the search.
        if let output {
            do { try AtomicFile.checkWritable(output) } catch {
                console.err("ontime solve: \(error)\n")
                return .badInput
            }
        }
        if let code = OutputChecks.refuseClash("solve", outputs: [("--output", output)],
                                               inputs: [("INSTANCE", instancePath), ("--vehicles", parsed.value("vehicles")),
                                                        ("--travel-model", parsed.value("travel-model")),
                                                        ("--order-dates", parsed.value("order-dates"))], console: console) { return code }

        // The clock starts before reading, so the whole command (reading, search, verifying,
        // forecast, writing) fits in the time limit.
        let budget = timeLimit ?? (maxIterations == nil ? 10 : nil)
        let clock = Deadline(seconds: budget)
        let travelModel: TravelTimeModel
        do { travelModel = try TravelModelOptions.load(parsed) } catch {
            console.err("ontime: \(error)\n")
            return .badInput
        }
        let problem: Problem
        do { problem = try InstanceOptions.read(instancePath, parsed) } catch {
            console.err("\(error)\n")
            return .badInput
        }
        // The search ends early to leave time for verifying, the forecast and writing the plan:
        // 2 % of the limit (at most 0.1 s), plus what grows with the plan, at most a quarter of
        // the limit: 12 µs per customer (measured at 20,000 jobs with a JSON plan: forecast at
        // its fewest samples 0.165 s, JSON 0.067 s, writing 0.017 s) and 10 ns per byte of the
        // names the plan repeats (a 50 MB file of 2,400-character ids: 0.35 s to render the
        // 53 MB JSON plan, 0.05 s to write it).
        let deadline = budget.map { b in
            b <= 0 ? clock : clock.share(1 - (min(0.02 * b, 0.1) + min(0.25 * b, Self.planReserve(problem))) / b)
        } ?? clock
        if format.needsCoordinates && problem.coordinates == nil {
            console.err("ontime solve: \(instancePath) has no coordinates (an EXPLICIT matrix without NODE_COORD_SECTION) to draw "
                        + "a \(format.rawValue) map on; use json, csv, vrplib or text\n")
            return .badInput
        }
        if format == .geojson && !problem.hasGeographicCoordinates {
            console.err("ontime solve: \(instancePath) has planar x/y coordinates, and GeoJSON positions are longitude/latitude; "
                        + "use --format svg for a picture of the routes (GeoJSON is written for orders with lat/lon columns)\n")
            return .badInput
        }
        // Multi-day shipping: the plan's date and, optionally, when each customer ordered.
        var dispatch: CivilDate? = nil, orderDates: [Int: CivilDate] = [:]
        if let text = parsed.value("dispatch-date") {
            guard let date = CivilDate(text) else {
                console.err("ontime solve: --dispatch-date must be a date YYYY-MM-DD; got '\(text)'\n")
                return .badInput
            }
            dispatch = date
        }
        if let path = parsed.value("order-dates") {
            guard let dispatch else { console.err("ontime solve: --order-dates needs --dispatch-date\n"); return .badInput }
            do { orderDates = try DayWindows.readOrderDates(path: path, customers: problem.customerCount, dispatch: dispatch) } catch {
                console.err("ontime: \(error)\n")
                return .badInput
            }
        }

        var options = SolverOptions(timeLimit: budget,
                                    seed: UInt64(seed ?? 1), maxIterations: maxIterations, algorithm: algorithm,
                                    setPartitioning: setPartitioning)
        options.verbose = parsed.has("verbose")
        options.moves = moves
        let quiet = parsed.has("quiet") || parsed.has("log-json")  // no human lines beside the JSON log
        if !quiet {
            let fleet = problem.isClassic ? "capacity \(problem.capacity)"
                : "\(problem.vehicleTypes.count) vehicle type\(problem.vehicleTypes.count == 1 ? "" : "s"), \(problem.depotNodes.count) depot\(problem.depotNodes.count == 1 ? "" : "s")"
                    + (problem.hasOptionalStops ? ", optional stops" : "")
                    + (problem.isProfiled ? ", \(problem.profiles.count) travel profiles" : "")
                    + (problem.groups.isEmpty ? "" : ", \(problem.groups.count) jobs with several windows")
            console.err("ontime: \(problem.name): \(problem.customerCount) customers, \(fleet), "
                        + "time limit \(options.timeLimit.map { "\($0) s" } ?? "none"), seed \(options.seed), algorithm \(algorithm.resolved(for: problem).rawValue)\n")
        }
        if let limit = problem.vehicleLimit, !quiet, algorithm.resolved(for: problem) == .ils, !problem.hasTimeWindows {
            console.err("ontime: note: ils keeps to the fleet of \(limit) vehicles only once its plan does (hgs enforces it)\n")
        }
        // Progress: the first plan found, then a line per new best at most once a second,
        // with the gap to --bks; --log-json: JSON lines for machines instead.
        let logJSON = parsed.has("log-json")
        func gap(_ cost: Int) -> Double? { bks.map { 100 * (Double(cost) / Double(problem.scale) - $0) / $0 } }
        var lastLine = -Double.infinity
        let result: SolverResult
        do {
            result = try RoutingSolver.solve(problem, options: options, stop: stop, deadline: deadline) { p in
                if logJSON {
                    guard p.elapsedSeconds - lastLine >= 0.1 else { return }
                    lastLine = p.elapsedSeconds
                    console.err("{\"event\": \"progress\", \"elapsed\": \(String(format: "%.3f", p.elapsedSeconds)), "
                                + "\"iteration\": \(p.iteration), \"best\": \(problem.format(p.bestCost))"
                                + (gap(p.bestCost).map { String(format: ", \"gap_percent\": %.4f", $0) } ?? "") + "}\n")
                } else if !quiet && p.elapsedSeconds - lastLine >= 1 {
                    lastLine = p.elapsedSeconds
                    console.err(String(format: "ontime: %7.2fs  iteration %6d  best %@", p.elapsedSeconds, p.iteration, problem.format(p.bestCost))
                                + (gap(p.bestCost).map { String(format: "  gap %.2f %%", $0) } ?? "") + "\n")
                }
            }
        } catch {
            console.err("ontime solve: \(error)\n")
            return .badInput
        }

        // Independent verification before anything is reported.
        let report = Verifier.check(problem, routes: result.solution.routes, vehicles: result.solution.vehicles, claimedCost: result.cost,
                                    unassigned: result.unassigned.map(\.customer))
        let run = RunInfo(seed: options.seed, timeLimit: options.timeLimit, iterations: result.iterations,
                          elapsedSeconds: result.elapsedSeconds, stopReason: result.stopReason.rawValue,
                          algorithm: result.algorithm.rawValue)
        // Predicted arrival windows for the JSON and CSV plans (see ArrivalForecast).
        var forecast: [[StopForecast]]? = nil
        if format == .json || format == .csv {
            var forecastOptions = ForecastOptions()
            forecastOptions.seed = options.seed
            if let samples { forecastOptions.samples = samples }
            if let windowSlot { forecastOptions.slot = windowSlot }
            // The forecast keeps to the time limit too (it may take what the search left,
            // less the writer's share: about 5 µs per customer and 10 ns per byte of names),
            // and to Ctrl-C.
            let finishBy = options.timeLimit.map { _ in
                Deadline(seconds: max(0, clock.remainingSeconds - Self.writerReserve(problem)))
            }
            var reduced: Int? = nil
            forecast = ArrivalForecast.forecast(result.solution, problem: problem, model: travelModel, options: forecastOptions,
                                                budget: ForecastBudget(finishBy: finishBy, stop: stop), fewestSamples: &reduced)
            if let reduced, !quiet {
                console.err("ontime: the arrival forecast used as few as \(reduced) samples per route (of \(forecastOptions.samples)) "
                            + "to keep the time limit\(stop.isRaised ? " after the interruption" : "")\n")
            }
        }
        var days: DayWindows? = nil
        if let forecast, let dispatch { days = DayWindows(forecast: forecast, dispatch: dispatch, orderDates: orderDates) }
        let rendered = PlanWriter.render(result.solution, problem: problem, format: format, run: run, forecast: forecast, days: days,
                                         unassigned: result.unassigned)
        if let output {
            do { try AtomicFile.write(rendered, to: output) } catch {
                console.err("ontime solve: \(error)\n")
                return .internalError
            }
        } else {
            console.out(rendered)
        }
        if logJSON {
            console.err("{\"event\": \"done\", \"cost\": \(problem.format(report.cost)), \"verified\": \(report.isFeasible), "
                        + "\"routes\": \(report.routeCount), \"iterations\": \(result.iterations), "
                        + "\"elapsed\": \(String(format: "%.3f", result.elapsedSeconds)), \"stop_reason\": \"\(result.stopReason.rawValue)\", "
                        + "\"unassigned\": \(result.unassigned.count), \"moves\": \(MoveStatistics.json(result.moveStatistics))"
                        + (gap(report.cost).map { String(format: ", \"gap_percent\": %.4f", $0) } ?? "") + "}\n")
        } else if !quiet {
            console.err("ontime: verified cost \(problem.format(report.cost)) with \(report.routeCount) routes "
                        + "after \(result.iterations) iterations in \(String(format: "%.2f", result.elapsedSeconds)) s "
                        + "(\(result.stopReason.rawValue))\(output.map { "; written to \($0)" } ?? "")\n")
        }
        if setPartitioning && !quiet && result.algorithm == .ils {
            console.err("ontime: set partitioning is only part of the genetic search (hgs); not used with ils\n")
        } else if setPartitioning && !quiet {
            console.err("ontime: set partitioning: \(result.setPartitioningCalls) calls, \(result.setPartitioningImprovements) improvements, "
                        + String(format: "%.3f s in GLPK\n", result.setPartitioningSeconds))
        }
        if !report.isFeasible {
            for v in report.violations.prefix(20) { console.err("ontime: infeasible: \(v)\n") }
            // With time windows the search may simply not have found a feasible plan yet.
            if problem.hasTimeWindows && result.stopReason != .interrupted && problem.isClassic {
                console.err("ontime: no plan keeping every time window was found within the limit; "
                            + "the plan written is the construction's, which breaks the windows above\n")
                return .noFeasibleInTime
            }
            if !problem.isClassic && result.stopReason != .interrupted {
                console.err("ontime: no plan keeping every constraint was found within the limit; "
                            + "the plan written is the least infeasible one found, which breaks the constraints above\n")
                return .noFeasibleInTime
            }
            // Interrupted: what was written is the best plan so far, feasible or not (exit 130).
            if result.stopReason == .interrupted {
                console.err("ontime: interrupted before a plan keeping every constraint was found; the least infeasible plan "
                            + "so far was written, and it breaks the constraints above\n")
                return .interrupted
            }
            return .infeasible
        }
        if result.stopReason == .interrupted {
            console.err("ontime: interrupted; the best plan found so far was written\n")
            return .interrupted
        }
        if !result.unassigned.isEmpty {
            // Said even with --quiet: the plan does not serve everyone.
            for u in result.unassigned.prefix(50) {
                console.err("ontime: left out: customer \(u.customer) (node \(problem.originalIDs[u.customer])): \(u.reason)\n")
            }
            if result.unassigned.count > 50 { console.err("ontime: ... and \(result.unassigned.count - 50) more\n") }
            let count = result.unassigned.count
            console.err("ontime: \(count) customer\(count == 1 ? "" : "s") cannot be served by any vehicle; the plan serves the other "
                        + "\(problem.customerCount - count) and lists \(count == 1 ? "it" : "them") as unassigned\n")
            return .infeasible
        }
        return .ok
    }

    /// Seconds the writing of `problem`'s plan is expected to need beyond the search (see
    /// where the search's deadline is set).
    static func planReserve(_ problem: Problem) -> Double {
        let nameBytes = (problem.labels ?? []).reduce(0) { $0 + $1.utf8.count }
            + problem.vehicleTypes.reduce(0) { $0 + $1.name.utf8.count }
        return 12e-6 * Double(problem.customerCount) + 10e-9 * Double(nameBytes)
    }

    /// The writer's part of `planReserve`: what the forecast must leave.
    static func writerReserve(_ problem: Problem) -> Double {
        planReserve(problem) - 7e-6 * Double(problem.customerCount)
    }
}
