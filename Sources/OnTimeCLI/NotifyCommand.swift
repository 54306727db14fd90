import Foundation
import OnTimeCore

/// `ontime notify`: proactive delay notices for a plan, from its arrival forecast.
enum NotifyCommand {
    static let usage = """
        Usage: ontime notify INSTANCE PLAN.sol [--threshold P] [--policy POLICY.json]
                             [--progress PROGRESS.csv] [--now T] [--language en|zh-TW]
                             [--templates TEMPLATES.json] [--tracking-link URL]
                             [--travel-model MODEL.json [--carrier C | --region R]]
                             [--samples N] [--window-slot T]
                             [--seed N] [--output FILE] [--vehicles FILE [--speed KMH]]
                             [--code-ledger LEDGER.txt]

        Forecasts every stop's arrival (see `ontime help solve`, --travel-model) and
        writes a ready-to-send message for each stop whose risk of missing its promised
        window is at least P (default 0.3): the reason, the new window, a tracking link
        and the compensation POLICY.json gives for the expected lateness (default: under
        60 time units an apology, up to 240 a 5 % coupon, beyond 10 % and a free
        shipping upgrade), each with a unique redemption code.

        Redemption codes are drawn from the system's cryptographic generator (--seed
        only seeds the forecast). --code-ledger LEDGER.txt keeps every code issued, one a
        line: codes in it are never issued again and the new ones are added (the file is
        rewritten atomically; do not share one ledger between runs at the same time).
        --deterministic-codes-for-tests SEED makes the codes reproducible from SEED: for
        tests only, never for codes sent to customers.

        PROGRESS.csv (route,completed,departure) says how far each route has got: the
        first `completed` stops are served and the vehicle left the last one at
        `departure`; --now T is the earliest time routes with no report can still leave.
        POLICY.json: {"rules": [{"up_to": 60}, {"up_to": 240, "discount_percent": 5},
        {"discount_percent": 10, "shipping_upgrade": true, "points": 100}]}.
        TEMPLATES.json: {"en": "...", "zh-TW": "..."} with {customer}, {window_start},
        {window_end}, {reason}, {compensation}, {code}, {tracking_link}.
        Output: JSON (default) or CSV when FILE ends in .csv.

        The plan is checked against INSTANCE first, as `ontime check` does: a plan that
        breaks any constraint (another instance's plan, a late plan) gets no notices and
        exit code 3, with the verifier's first reasons.

        Example:
          ontime solve instances/demo-vrptw-25.txt --time-limit 2 --output plan.sol
          ontime notify instances/demo-vrptw-25.txt plan.sol --threshold 0.2 --language zh-TW
        """

    static func run(_ args: [String], console: Console) -> ExitCode {
        let parsed: Arguments
        let threshold: Double?, now: Double?, seed: Int?, samples: Int?, slot: Double?, codeSeed: Int?
        do {
            parsed = try Arguments(args, valueOptions: Set(["threshold", "policy", "progress", "now", "language", "templates", "tracking-link",
                                                        "samples", "window-slot", "seed", "output", "code-ledger",
                                                        "deterministic-codes-for-tests"]).union(TravelModelOptions.names)
                                                        .union(InstanceOptions.names),
                                   flagOptions: ["help"])
            threshold = try parsed.double("threshold", range: 0...1)
            now = try parsed.double("now", range: -1e12...1e12)
            seed = try parsed.int("seed", range: 0...Int.max)
            codeSeed = try parsed.int("deterministic-codes-for-tests", range: 0...Int.max)
            samples = try parsed.int("samples", range: 1...100_000)
            slot = try parsed.double("window-slot", range: 1e-6...1e9)
        } catch {
            console.err("ontime notify: \(error)\n\n\(usage)\n")
            return .badInput
        }
        if parsed.has("help") { console.out(usage + "\n"); return .ok }
        guard parsed.positional.count == 2 else {
            console.err("ontime notify: expected INSTANCE and PLAN.sol\n\n\(usage)\n")
            return .badInput
        }
        var options = NoticeOptions()
        if let threshold { options.riskThreshold = threshold }
        if let seed { options.seed = UInt64(seed) }
        options.deterministicCodeSeed = codeSeed.map(UInt64.init)
        if let language = parsed.value("language") {
            guard language == "en" || language == "zh-TW" else {
                console.err("ontime notify: --language must be en or zh-TW; got '\(language)'\n")
                return .badInput
            }
            options.language = language
        }
        if let link = parsed.value("tracking-link") { options.trackingLink = link }
        for path in [parsed.value("output"), parsed.value("code-ledger")].compactMap({ $0 }) {
            do { try AtomicFile.checkWritable(path) } catch { console.err("ontime notify: \(error)\n"); return .badInput }
        }
        if let code = OutputChecks.refuseClash("notify", outputs: [("--output", parsed.value("output")),
                                                                   ("--code-ledger", parsed.value("code-ledger"))],
                                               inputs: [("INSTANCE", parsed.positional[0]), ("PLAN", parsed.positional[1]),
                                                        ("--vehicles", parsed.value("vehicles")), ("--policy", parsed.value("policy")),
                                                        ("--progress", parsed.value("progress")), ("--templates", parsed.value("templates")),
                                                        ("--travel-model", parsed.value("travel-model"))], console: console) { return code }

        let problem: Problem
        let plan: SolutionFile
        let vehicles: [Int]
        var model = TravelTimeModel()
        var progress: [Int: RouteProgress] = [:]
        var ledger: CodeLedger? = nil
        do {
            problem = try InstanceOptions.read(parsed.positional[0], parsed)
            plan = try SolutionFile.read(path: parsed.positional[1])
            vehicles = try plan.vehicleTypes(in: problem, path: parsed.positional[1])
            if let path = parsed.value("policy") { options.policy = try CompensationPolicy.read(path: path) }
            model = try TravelModelOptions.load(parsed)
            if let path = parsed.value("templates") { options.templates.merge(try readTemplates(path)) { $1 } }
            if let path = parsed.value("progress") { progress = try readProgress(path, plan: plan, scale: problem.scale) }
            if let path = parsed.value("code-ledger") {
                ledger = try CodeLedger.read(path: path)
                options.issuedCodes = ledger?.codes ?? []
            }
        } catch {
            console.err("ontime: \(error)\n")
            return .badInput
        }
        if let empty = plan.routes.firstIndex(where: \.isEmpty) {
            console.err("ontime notify: route \(empty + 1) of the plan is empty; remove it (routes are numbered as in the file)\n")
            return .badInput
        }
        // Notices carry coupons: only for a plan the verifier accepts for this instance
        // (customers no vehicle can serve may be left out, as `check` allows). Exit 3, as
        // `check` gives for the same plan.
        let report = Verifier.check(problem, routes: plan.routes, vehicles: vehicles,
                                    unassigned: Screening.leftOut(problem, routes: plan.routes).map(\.customer))
        guard report.isFeasible else {
            let count = report.violations.count
            console.err("ontime notify: the plan does not fit the instance (\(count) violation\(count == 1 ? "" : "s"), "
                        + "see `ontime check INSTANCE PLAN`); no notices written:\n")
            for v in report.violations.prefix(5) { console.err("  \(v)\n") }
            return .infeasible
        }
        var forecastOptions = ForecastOptions()
        forecastOptions.seed = options.seed
        if let samples { forecastOptions.samples = samples }
        if let slot { forecastOptions.slot = slot }
        let solution = Solution(routes: plan.routes, vehicles: vehicles)
        let forecast = ArrivalForecast.forecast(solution, problem: problem, model: model, options: forecastOptions, progress: progress,
                                                now: now.map { Int(($0 * Double(problem.scale)).rounded()) })
        let notices = Notices.make(solution, problem: problem, forecast: forecast, options: options)
        // The ledger first: a code recorded but never sent is harmless, one sent but not
        // recorded could be issued again.
        if let ledger, !notices.isEmpty {
            do { try AtomicFile.write(ledger.appending(notices.map(\.code)), to: ledger.path) } catch {
                console.err("ontime notify: \(error)\n")
                return .internalError
            }
        }
        let output = parsed.value("output")
        let rendered = output?.lowercased().hasSuffix(".csv") == true ? csv(notices, problem) : json(notices, problem)
        if let output {
            do { try AtomicFile.write(rendered, to: output) } catch { console.err("ontime notify: \(error)\n"); return .internalError }
            console.err("ontime: \(notices.count) notice\(notices.count == 1 ? "" : "s") written to \(output)\n")
        } else {
            console.out(rendered)
        }
        return .ok
    }

    static func readTemplates(_ path: String) throws(InputError) -> [String: String] {
        let text = try readText(path)
        guard let object = try JSONCheck.object(text, path: path, expected: "a JSON object of language → template strings") as? [String: String] else {
            throw InputError(file: path, line: nil, "expected a JSON object of language → template strings")
        }
        for key in object.keys where key != "en" && key != "zh-TW" {
            throw InputError(file: path, line: nil, "at \(key): only en and zh-TW templates are known")
        }
        return object
    }

    static func readProgress(_ path: String, plan: SolutionFile, scale: Int) throws(InputError) -> [Int: RouteProgress] {
        let text = try readText(path)
        var result: [Int: RouteProgress] = [:]
        var header = true
        try CSV.forEachRecord(text, path: path) { (record: CSV.Record) throws(InputError) in
            let fields = record.fields, line = record.line
            if header {
                header = false
                guard fields.map({ $0.lowercased() }) == ["route", "completed", "departure"] else {
                    throw InputError(file: path, line: line, "header must be route,completed,departure")
                }
                return
            }
            guard fields.count == 3, let route = Int(fields[0]), let done = Int(fields[1]), let departure = Double(fields[2]),
                  departure.isFinite, abs(departure) <= 1e12 else {
                throw InputError(file: path, line: line, "expected route,completed,departure (integers and a time)")
            }
            guard route >= 1 && route <= plan.routes.count else {
                throw InputError(file: path, line: line, "route \(route) is not in the plan (1...\(plan.routes.count))")
            }
            guard done >= 0 && done <= plan.routes[route - 1].count else {
                throw InputError(file: path, line: line, "route \(route) has \(plan.routes[route - 1].count) stops; completed \(done)")
            }
            guard result[route - 1] == nil else { throw InputError(file: path, line: line, "route \(route) reported twice") }
            result[route - 1] = RouteProgress(completed: done, departure: Int((departure * Double(scale)).rounded()))
        }
        return result
    }

    static func json(_ notices: [DelayNotice], _ problem: Problem) -> String {
        func quoted(_ s: String) -> String {
            let data = try? JSONSerialization.data(withJSONObject: [s], options: [.withoutEscapingSlashes])
            let array = data.flatMap { String(data: $0, encoding: .utf8) } ?? "[\"\"]"
            return String(array.dropFirst().dropLast())
        }
        let items = notices.map { n in
            "{\"route\": \(n.route), \"sequence\": \(n.sequence), \"customer\": \(n.customerID), "
            + "\"promised\": [\(problem.format(n.promised.lowerBound)), \(problem.format(n.promised.upperBound))], "
            + "\"predicted\": [\(problem.format(n.predicted.lowerBound)), \(problem.format(n.predicted.upperBound))], "
            + "\"expected_lateness\": \(problem.format(n.expectedLateness)), \"late_risk\": \(String(format: "%.3f", n.lateRisk)), "
            + "\"reason\": \(quoted(n.reason)), \"code\": \(quoted(n.code)), \"compensation\": \(quoted(n.compensation)), "
            + "\"message\": \(quoted(n.message))}"
        }
        return "{\"notices\": [\n  " + items.joined(separator: ",\n  ") + "\n]}\n"
    }

    static func csv(_ notices: [DelayNotice], _ problem: Problem) -> String {
        var out = "route,sequence,customer,promised_start,promised_end,predicted_start,predicted_end,expected_lateness,late_risk,code,message\n"
        for n in notices {
            out += "\(n.route),\(n.sequence),\(n.customerID),\(problem.format(n.promised.lowerBound)),\(problem.format(n.promised.upperBound)),"
                + "\(problem.format(n.predicted.lowerBound)),\(problem.format(n.predicted.upperBound)),\(problem.format(n.expectedLateness)),"
                + "\(String(format: "%.3f", n.lateRisk)),\(CSV.field(n.code)),\(CSV.field(n.message))\n"
        }
        return out
    }
}
