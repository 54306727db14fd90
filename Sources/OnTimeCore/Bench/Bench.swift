import Foundation

/// Runs heuristics over instances, seeds and budgets, one run at a time, and has the
/// independent verifier price every plan: a bench reports no cost a heuristic computed
/// for itself. A plan the verifier rejects is kept as `infeasible` with its violations.
public enum Bench {
    /// File extensions taken from a folder (JSON instances are named one by one, since a
    /// folder of them may hold other JSON files).
    public static let folderExtensions: Set<String> = ["vrp", "txt"]

    /// The instance files named by `arguments`: files as given, folders as their `.vrp`
    /// and `.txt` files (not recursively) in name order. Duplicates are dropped.
    public static func instancePaths(_ arguments: [String]) throws(InputError) -> [String] {
        var paths: [String] = []
        for argument in arguments {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) else {
                throw InputError(file: argument, line: nil, "no such file or folder")
            }
            if isFolder.boolValue {
                let names: [String]
                do { names = try FileManager.default.contentsOfDirectory(atPath: argument) } catch {
                    throw InputError(file: argument, line: nil, "cannot list the folder: \(error.localizedDescription)")
                }
                let found = names.filter { !$0.hasPrefix(".") && folderExtensions.contains(URL(fileURLWithPath: $0).pathExtension.lowercased()) }
                    .sorted()
                    .map { URL(fileURLWithPath: argument).appendingPathComponent($0).path }
                if found.isEmpty { throw InputError(file: argument, line: nil, "no .vrp or .txt instance files in this folder") }
                paths += found
            } else {
                paths.append(argument)
            }
        }
        var seen = Set<String>()
        return paths.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }
    }

    /// Reads every instance once, before any run, so that a bad file stops the bench at
    /// once (with its file and line) rather than an hour in. Problems are read again when
    /// their turn comes, so a large set is never held in memory at once.
    public static func load(_ paths: [String], bestKnown: BestKnown?) throws(InputError) -> [BenchInstance] {
        var instances: [BenchInstance] = []
        for path in paths {
            let problem = try InstanceReader.read(path: path)
            instances.append(BenchInstance(path: path, name: problem.name, customers: problem.customerCount,
                                           hasTimeWindows: problem.hasTimeWindows,
                                           bestKnown: bestKnown?.entry(for: problem, path: path)))
        }
        return instances
    }

    /// Runs needed for `instances` under `options`.
    public static func runCount(_ instances: [BenchInstance], _ options: BenchOptions) -> Int {
        let perSeed = options.heuristics.reduce(0) { $0 + ($1.usesBudget ? max(1, options.budgets.count) : 1) }
        return instances.count * options.seeds.count * perSeed
    }

    /// Runs the bench. `progress` is called after each run with the run and how many are
    /// done out of how many. Raising `stop` ends the bench after (or inside) the current
    /// run; the results then hold the runs completed and `interrupted` is true.
    ///
    /// - Precondition: `options.budgets` is not empty or `options.maxIterations` is set.
    public static func run(_ instances: [BenchInstance], options: BenchOptions, stop: StopFlag? = nil,
                           progress: (BenchRun, Int, Int) -> Void = { _, _, _ in }) throws(InputError) -> BenchResults {
        let total = runCount(instances, options)
        var runs: [BenchRun] = []
        var interrupted = false
        outer: for instance in instances {
            let problem = try InstanceReader.read(path: instance.path)
            for seed in options.seeds {
                for heuristic in options.heuristics {
                    let budgets: [BudgetRule?] = heuristic.usesBudget && !options.budgets.isEmpty ? options.budgets.map { Optional($0) } : [nil]
                    for budget in budgets {
                        if stop?.isRaised ?? false { interrupted = true; break outer }
                        // Heuristics that stop by themselves are capped by the largest budget.
                        let limit = (budget.map { [$0] } ?? options.budgets).map { $0.seconds(customers: problem.customerCount) }.max()
                        let run = runOne(problem, instance: instance, heuristic: heuristic, seed: seed, budget: budget,
                                         timeLimit: limit, options: options, stop: stop)
                        if stop?.isRaised ?? false { interrupted = true; break outer }
                        runs.append(run)
                        progress(run, runs.count, total)
                    }
                }
            }
        }
        return BenchResults(instances: instances, options: options, runs: runs, interrupted: interrupted)
    }

    /// One heuristic on one problem, verified.
    static func runOne(_ problem: Problem, instance: BenchInstance, heuristic: BenchHeuristic, seed: UInt64, budget: BudgetRule?,
                       timeLimit: Double?, options: BenchOptions, stop: StopFlag?) -> BenchRun {
        let clock = Deadline(seconds: timeLimit)
        let unservable = Screening.unservable(problem).map(\.customer)
        var solution: Solution? = nil
        var claimed: Int? = nil
        var iterations: Int? = nil
        var moveStatistics: [MoveStatistics] = []
        var detail = heuristic.rawValue
        var note = ""
        // The constructions and ils know one vehicle type at one depot, every customer required.
        let classicOnly: Set<BenchHeuristic> = [.savings, .sweep, .nn, .nnLocalSearch, .ils]
        switch heuristic {
        case _ where !problem.isClassic && classicOnly.contains(heuristic):
            note = "\(heuristic.rawValue) handles one vehicle type from one depot with every customer required"
        case .savings:
            solution = onServable(problem) { p in Savings.solve(p, neighbours: Neighbourhood(problem: p, size: options.neighbourCount)) }
        case .sweep:
            if problem.coordinates == nil {
                note = "no coordinates to sweep around the depot"
            } else {
                solution = onServable(problem) { p in Sweep.solve(p) ?? Solution(routes: []) }
            }
        case .nn:
            solution = onServable(problem) { p in NearestNeighbour.solve(p) }
        case .nnLocalSearch:
            var kept = true
            solution = onServable(problem) { p in
                let start = NearestNeighbour.solve(p)
                let improved = improve(start, problem: p, seed: seed, neighbourCount: options.neighbourCount, moves: options.moves,
                                       statistics: &moveStatistics) {
                    clock.hasPassed || (stop?.isRaised ?? false)
                }
                kept = improved != nil
                return improved ?? start
            }
            if !kept { detail = "nn (the local search ended on an infeasible plan; the nn plan is reported)" }
        case .ils where problem.hasTimeWindows:
            note = "ils does not handle time windows yet"
        case .hgs, .hgsSetPartitioning, .ils:
            let algorithm: Algorithm = heuristic == .ils ? .ils : .hgs
            var solverOptions = SolverOptions(timeLimit: timeLimit, seed: seed, maxIterations: options.maxIterations,
                                              neighbourCount: options.neighbourCount, algorithm: algorithm,
                                              setPartitioning: heuristic == .hgsSetPartitioning)
            solverOptions.moves = options.moves
            do {
                let result = try RoutingSolver.solve(problem, options: solverOptions, stop: stop, deadline: clock)
                solution = result.solution
                claimed = result.cost
                iterations = result.iterations
                moveStatistics = result.moveStatistics
                detail = result.algorithm.rawValue + (heuristic == .hgsSetPartitioning
                    ? " + set partitioning (\(result.setPartitioningCalls) calls, \(result.setPartitioningImprovements) improving)" : "")
                if result.stopReason == .interrupted { note = "interrupted" }
            } catch {
                note = error.description
            }
        }
        let seconds = clock.elapsedSeconds
        // Constructions had no limit: the clock only timed them.
        let timeLimit = heuristic.usesBudget || heuristic == .nnLocalSearch ? timeLimit : nil
        guard let solution else {
            return BenchRun(instance: instance.name, path: instance.path, customers: problem.customerCount, heuristic: heuristic, seed: seed,
                            budget: budget, timeLimit: timeLimit, status: .unsupported, cost: nil, costText: "", routes: 0,
                            seconds: seconds, iterations: nil, detail: detail, leftOut: unservable.count, violationCount: 0,
                            violations: [], note: note)
        }
        // Only the verifier's numbers are reported; a solver's claimed cost that differs is a violation.
        let report = Verifier.check(problem, routes: solution.routes, vehicles: solution.vehicles, claimedCost: claimed, unassigned: unservable)
        return BenchRun(instance: instance.name, path: instance.path, customers: problem.customerCount, heuristic: heuristic, seed: seed,
                        budget: budget, timeLimit: timeLimit, status: report.isFeasible ? .feasible : .infeasible,
                        cost: Double(report.cost) / Double(problem.scale), costText: problem.format(report.cost),
                        routes: report.routeCount, seconds: seconds, iterations: iterations, detail: detail,
                        leftOut: unservable.count, violationCount: report.violations.count,
                        violations: Array(report.violations.prefix(3)), note: note, moveStatistics: moveStatistics)
    }

    /// Runs `build` on the customers some vehicle can serve (as the solver does) and maps
    /// the plan back to the problem's customer indices.
    static func onServable(_ problem: Problem, _ build: (Problem) -> Solution) -> Solution {
        let left = Set(Screening.unservable(problem).map(\.customer))
        guard !left.isEmpty else { return build(problem) }
        let kept = stride(from: 1, through: problem.customerCount, by: 1).filter { !left.contains($0) }
        guard !kept.isEmpty else { return Solution(routes: []) }
        let inner = build(problem.restricted(to: kept))
        return Solution(routes: inner.routes.map { $0.map { kept[$0 - 1] } })
    }

    /// The solver's granular local search from `start` to a local optimum, with load
    /// excess and time warp priced far above any distance (as in the solver's ILS), so a
    /// feasible start stays feasible. Nil when it nevertheless ends infeasible.
    static func improve(_ start: Solution, problem: Problem, seed: UInt64, neighbourCount: Int, moves: MoveSet = .all,
                        statistics: inout [MoveStatistics], shouldStop: () -> Bool) -> Solution? {
        guard problem.customerCount > 1 else { return start }
        let penalty = Double(problem.distances.maximum + 1) * Double(problem.customerCount + 1)
        var search = LocalSearch<Matrix, ClassicFeatures>(problem: problem, neighbours: Neighbourhood(problem: problem, size: neighbourCount),
                                 penalties: Penalties(capacity: penalty, timeWarp: penalty))
        search.moves = moves
        var rng = RandomGenerator(seed: seed)
        search.load(start)
        search.run(rng: &rng, shouldStop: shouldStop)
        statistics = search.moveStatistics()
        guard search.totalExcess == 0 && search.totalTimeWarp == 0 else { return nil }
        return search.solution()
    }
}
