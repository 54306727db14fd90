import Foundation
import OnTimeCore

/// `ontime bench`: heuristics side by side over instances, seeds and budgets.
enum BenchCommand {
    static let usage = """
        Usage: ontime bench INSTANCE|FOLDER... [--heuristics LIST] [--seeds LIST]
                                               [--time-per-customer S[,S...]] [--time-limit S[,S...]]
                                               [--max-iterations N] [--moves-off LIST] [--bks FILE]
                                               [--out PREFIX] [--quiet]

        Runs several heuristics over a set of instances (a folder stands for its .vrp and
        .txt files) with several seeds, one run at a time, and compares them: every plan
        is priced and checked by the independent verifier (a plan it rejects is recorded
        as infeasible, with its violations), and each feasible plan's gap is measured to
        the best-known cost (--bks) or, without one, to the best plan of the bench.
        Writes a markdown report (a row per heuristic, a column per heuristic for each
        instance) on stdout, or with --out three files: PREFIX.csv (a row per run),
        PREFIX.md and PREFIX.svg (gap against time, a series per heuristic).

        Heuristics (comma-separated, default savings,sweep,nn+ls,hgs,hgs+sp):
          savings   Clarke–Wright parallel savings (the solver's first plan)
          sweep     sweep by polar angle with cheapest feasible insertion (needs coordinates)
          nn        nearest neighbour (with time windows, Solomon's distance/time/urgency blend)
          nn+ls     nearest neighbour, then the granular local search to a local optimum
          hgs       the hybrid genetic search of `ontime solve --algorithm hgs`, until the budget
          hgs+sp    the same with set partitioning over its route pool (GLPK)
          ils       iterated ruin-and-recreate (`solve --algorithm ils`; not with time windows)
        hgs, hgs+sp and ils search until their budget is spent: they run once per budget.
        The others stop by themselves (nn+ls capped by the largest budget), once per seed.

        Options:
          --heuristics LIST          which heuristics, e.g. savings,nn+ls,hgs
          --seeds LIST               seeds, e.g. 1-3 or 1,5,9 (default 1)
          --time-per-customer S,...  budget: S seconds per customer of the instance (default
                                     0.05 unless --time-limit or --max-iterations is given)
          --time-limit S,...         budget: S seconds for every instance. Several values (of
                                     either option) run the searches once per budget and the
                                     plot joins their means: what more time buys
          --max-iterations N         also stop each search after N offspring (hgs) or
                                     perturbations (ils); alone, runs repeat on any machine
          --moves-off LIST           switch these local-search moves off (an ablation), e.g.
                                     swap-star,two-opt; PREFIX.csv's moves column and the
                                     report give each move's evaluations, improvements and
                                     time (moves: \(MoveKind.allCases.map(\.name).joined(separator: ", ")))
          --bks FILE                 best-known costs, CSV with columns instance and bks_cost
                                     (optional convention: rows for another distance
                                     convention than the instance's are ignored), e.g.
                                     ../shared/instances/bks.csv
          --out PREFIX               write PREFIX.csv, PREFIX.md and PREFIX.svg (atomically)
          --quiet                    no progress line per run on stderr

        Exit codes: 0 done (infeasible plans are results, not errors), 2 bad input or
        usage, 130 interrupted (the runs done so far are written), 1 a file cannot be written.

        Examples:
          ontime bench instances/demo-cvrp-30.vrp instances/demo-vrptw-25.txt --seeds 1-3 --time-limit 2
          ontime bench ../shared/instances/cvrp/X --heuristics savings,sweep,nn+ls,hgs \\
                --time-per-customer 0.02 --bks ../shared/instances/bks.csv --out results/x
          ontime bench ../shared/instances/vrptw/solomon --seeds 1-3 --time-limit 1,5,20 \\
                --heuristics nn+ls,hgs,hgs+sp --bks ../shared/instances/bks.csv --out results/solomon
          ontime bench instances/demo-cvrp-30.vrp --max-iterations 2000 --seeds 1-5
        """

    static func run(_ args: [String], console: Console, stop: StopFlag) -> ExitCode {
        let parsed: Arguments
        var options = BenchOptions()
        do {
            parsed = try Arguments(args, valueOptions: ["heuristics", "seeds", "time-per-customer", "time-limit", "max-iterations", "moves-off", "bks", "out"],
                                   flagOptions: ["quiet", "help"])
            options.maxIterations = try parsed.int("max-iterations", range: 1...Int.max)
            if let text = parsed.value("heuristics") {
                let (heuristics, unknown) = BenchHeuristic.parseList(text)
                if let unknown {
                    throw Arguments.UsageError(description: "--heuristics: unknown heuristic '\(unknown)'; choose from "
                                               + BenchHeuristic.allCases.map(\.rawValue).joined(separator: ", "))
                }
                options.heuristics = heuristics
            }
            if let text = parsed.value("seeds") { options.seeds = try seeds(text) }
            if let text = parsed.value("moves-off") { options.moves = try movesOff(text) }
            let perCustomer = try budgets(parsed.value("time-per-customer"), option: "time-per-customer").map(BudgetRule.perCustomer)
            let fixed = try budgets(parsed.value("time-limit"), option: "time-limit").map(BudgetRule.seconds)
            options.budgets = perCustomer + fixed
            if options.budgets.isEmpty && options.maxIterations == nil { options.budgets = [.perCustomer(0.05)] }
        } catch {
            console.err("ontime bench: \(error)\n\n\(usage)\n")
            return .badInput
        }
        if parsed.has("help") { console.out(usage + "\n"); return .ok }
        guard !parsed.positional.isEmpty else {
            console.err("ontime bench: expected at least one INSTANCE file or FOLDER\n\n\(usage)\n")
            return .badInput
        }
        let quiet = parsed.has("quiet")

        // Everything that can be wrong with the input is found before the first run.
        let outputs = parsed.value("out").map { prefix in ["csv", "md", "svg"].map { "\(prefix).\($0)" } }
        if let prefix = parsed.value("out") {
            if prefix.isEmpty || prefix.hasSuffix("/") {
                console.err("ontime bench: --out needs a file name prefix such as results/x (got '\(prefix)')\n")
                return .badInput
            }
            for path in outputs ?? [] {
                do { try AtomicFile.checkWritable(path) } catch {
                    console.err("ontime bench: \(error)\n")
                    return .badInput
                }
            }
        }
        let instances: [BenchInstance]
        do {
            if let path = parsed.value("bks") { options.bestKnown = try BestKnown.read(path: path) }
            instances = try Bench.load(try Bench.instancePaths(parsed.positional), bestKnown: options.bestKnown)
        } catch {
            console.err("\(error)\n")
            return .badInput
        }
        // Instances of a FOLDER are known only now; still before the first run.
        if let code = OutputChecks.refuseClash("bench", outputs: (outputs ?? []).map { ("--out", $0) },
                                               inputs: [("--bks", parsed.value("bks"))] + instances.map { ("INSTANCE", $0.path) },
                                               console: console) { return code }
        if let bks = options.bestKnown {
            let missing = instances.filter { $0.bestKnown == nil }
            if !missing.isEmpty {
                let names = missing.prefix(5).map(\.name).joined(separator: ", ") + (missing.count > 5 ? ", ..." : "")
                console.err("ontime bench: note: \(bks.path) has no best-known cost for \(missing.count) instance"
                            + "\(missing.count == 1 ? "" : "s") (\(names)) under its distance convention; "
                            + "their gaps are to the best plan of this bench\n")
            }
        }

        let total = Bench.runCount(instances, options)
        if !quiet {
            // The most the searches may take (constructions and nn+ls add a little).
            let searchSeconds = instances.reduce(0.0) { sum, instance in
                sum + Double(options.seeds.count) * Double(options.heuristics.filter(\.usesBudget).count)
                    * options.budgets.reduce(0) { $0 + $1.seconds(customers: instance.customers) }
            }
            let estimate = options.budgets.isEmpty ? "" : ", searches up to \(duration(searchSeconds)) in all"
            console.err("ontime bench: \(instances.count) instance\(instances.count == 1 ? "" : "s") × \(options.seeds.count) seed"
                        + "\(options.seeds.count == 1 ? "" : "s") × \(options.heuristics.map(\.rawValue).joined(separator: ", ")): "
                        + "\(total) runs\(estimate)\n")
        }
        let width = String(total).count
        var bestKnown: [String: Double] = [:]
        for instance in instances { bestKnown[instance.path] = instance.bestKnown?.cost }
        let results: BenchResults
        do {
            stop.willAnswer()  // a stopped bench writes the runs done so far
            results = try Bench.run(instances, options: options, stop: stop) { run, done, total in
                guard !quiet else { return }
                let counter = String(repeating: " ", count: max(0, width - String(done).count)) + "\(done)/\(total)"
                console.err("ontime bench: [\(counter)] \(run.instance) seed \(run.seed) \(run.heuristic.rawValue)"
                            + (run.timeLimit.map { " (limit \(duration($0)))" } ?? "") + ": \(outcome(run, bestKnown: bestKnown[run.path])), "
                            + String(format: "%.3f s\n", run.seconds))
            }
        } catch {
            // An instance that changed between the check and its turn.
            console.err("\(error)\n")
            return .badInput
        }

        if let outputs {
            let texts = [BenchReport.csv(results), BenchReport.markdown(results), GapTimePlot.svg(results)]
            for (path, text) in zip(outputs, texts) {
                do { try AtomicFile.write(text, to: path) } catch {
                    console.err("ontime bench: \(error)\n")
                    return .internalError
                }
            }
            if !quiet { console.err("ontime bench: wrote \(outputs.joined(separator: ", "))\n") }
        } else {
            console.out(BenchReport.markdown(results))
        }
        if results.interrupted {
            console.err("ontime bench: interrupted after \(results.runs.count) of \(total) runs; the results written cover those\n")
            return .interrupted
        }
        return .ok
    }

    /// "feasible 722 (gap 0.00 % to bks)", "infeasible: 2 violations (...)" or "n/a: reason".
    static func outcome(_ run: BenchRun, bestKnown: Double?) -> String {
        switch run.status {
        case .feasible:
            var text = "cost \(run.costText), \(run.routes) routes"
            if let cost = run.cost, let bestKnown {
                text += String(format: ", gap %.2f %% to bks", 100 * (cost - bestKnown) / bestKnown)
            }
            return text
        case .infeasible:
            return "INFEASIBLE cost \(run.costText), \(run.violationCount) violation\(run.violationCount == 1 ? "" : "s")"
                + (run.violations.first.map { " (\($0))" } ?? "")
        case .unsupported:
            return "n/a: \(run.note)"
        }
    }

    /// `1-3`, `1,5,9` or a mix (`1-3,10`); at most 10,000 seeds.
    /// The moves left on when those of `text` (comma-separated names) are switched off.
    static func movesOff(_ text: String) throws(Arguments.UsageError) -> MoveSet {
        switch MoveSet.parse(text) {
        case .success(let kinds): return MoveSet.all.removing(kinds)
        case .failure(let error): throw Arguments.UsageError(description: "--moves-off: \(error)")
        }
    }

    static func seeds(_ text: String) throws(Arguments.UsageError) -> [UInt64] {
        var result: [UInt64] = []
        for raw in text.split(separator: ",", omittingEmptySubsequences: false) {
            let part = raw.trimmingCharacters(in: .whitespaces)
            let bounds = part.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard let first = UInt64(bounds[0]), let last = UInt64(bounds.count == 2 ? bounds[1] : bounds[0]), first <= last else {
                throw Arguments.UsageError(description: "--seeds must be seeds like 1-3 or 1,5,9 (non-negative integers); got '\(text)'")
            }
            guard last - first < 10_000 else { throw Arguments.UsageError(description: "--seeds: at most 10,000 seeds; got '\(part)'") }
            for seed in first...last where !result.contains(seed) { result.append(seed) }
            if result.count > 10_000 { throw Arguments.UsageError(description: "--seeds: at most 10,000 seeds") }
        }
        return result
    }

    /// A comma-separated list of positive seconds, or [] when the option is absent.
    static func budgets(_ text: String?, option: String) throws(Arguments.UsageError) -> [Double] {
        guard let text else { return [] }
        var result: [Double] = []
        for raw in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let v = Double(raw.trimmingCharacters(in: .whitespaces)), v.isFinite, v > 0, v <= 1e6 else {
                throw Arguments.UsageError(description: "--\(option) must be seconds above 0 (up to 1e6), comma-separated; got '\(text)'")
            }
            if !result.contains(v) { result.append(v) }
        }
        return result
    }

    /// "0.5 s", "3 min", "1.2 h".
    static func duration(_ seconds: Double) -> String {
        if seconds < 120 {
            var text = String(format: "%.3f", seconds)
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            return text + " s"
        }
        if seconds < 7200 { return String(format: "%.0f min", seconds / 60) }
        return String(format: "%.1f h", seconds / 3600)
    }
}
