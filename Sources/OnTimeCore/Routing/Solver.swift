import Foundation

/// What the caller asks of a solve.
public struct SolverOptions: Sendable {
    /// Wall-clock budget in seconds; nil means none (then `maxIterations` must bound the run).
    public var timeLimit: Double?
    public var seed: UInt64
    /// Stop after this many iterations — offspring for HGS, perturbations for ILS — for
    /// reproducible runs independent of machine speed.
    public var maxIterations: Int?
    /// Granular neighbourhood size Γ.
    public var neighbourCount: Int
    public var algorithm: Algorithm
    /// Route-pool set partitioning with GLPK inside HGS (every 1,000 offspring and at the end).
    public var setPartitioning: Bool
    /// Let GLPK print its own progress (it is silent otherwise).
    public var verbose = false
    /// The local-search moves the search may make (all but those switched off, e.g. for
    /// an ablation: `--moves-off`).
    public var moves = MoveSet.all

    public init(timeLimit: Double? = 10, seed: UInt64 = 1, maxIterations: Int? = nil, neighbourCount: Int = 20,
                algorithm: Algorithm = .auto, setPartitioning: Bool = false) {
        self.setPartitioning = setPartitioning
        self.timeLimit = timeLimit
        self.seed = seed
        self.maxIterations = maxIterations
        self.neighbourCount = neighbourCount
        self.algorithm = algorithm
    }
}

/// The search strategies `ontime solve` offers.
public enum Algorithm: String, Sendable, CaseIterable {
    /// Chooses by instance size: `hgs` up to `autoHGSLimit` customers (with time windows
    /// `autoTimeWindowHGSLimit`), `ils` above.
    case auto
    /// Hybrid genetic search with SWAP*.
    case hgs
    /// Iterated ruin-and-recreate with incremental local search: with time windows, late
    /// acceptance on penalised cost (adaptive weights, only feasible plans become the best);
    /// otherwise simulated annealing on plans that keep every constraint.
    case ils

    /// Largest instance `auto` gives to the genetic search. Measured side by side at
    /// 0.1 s per customer (Benchmarks/RESULTS.md): HGS wins clearly up to n = 411, ties
    /// at n = 561, and loses at n = 701 and 1000, where each offspring's full local
    /// search is too slow for the budget and the incremental ILS gets far more iterations.
    public static let autoHGSLimit = 500

    /// Largest instance with time windows `auto` gives to the genetic search. Measured
    /// (Benchmarks/RESULTS.md, issue 16): on the 100-customer Solomon set HGS leads PyVRP;
    /// on customers sampled from the Gehring & Homberger instances, 20 s each, ILS beat HGS
    /// on 5 of 6 instances at 200 customers, 6 of 6 at 400 and 5 of 6 at 600, and at 1,000
    /// HGS finds its first plan keeping every window only after most of a minute.
    public static let autoTimeWindowHGSLimit = 150

    /// The concrete algorithm for a problem. Anything beyond the classic problem goes to
    /// the genetic search, the only one that handles it.
    public func resolved(for problem: Problem) -> Algorithm {
        guard self == .auto else { return self }
        if !problem.isClassic { return .hgs }
        if problem.hasTimeWindows { return problem.customerCount <= Algorithm.autoTimeWindowHGSLimit ? .hgs : .ils }
        return problem.customerCount <= Algorithm.autoHGSLimit ? .hgs : .ils
    }
}

/// Why a search ended.
public enum StopReason: String, Sendable {
    case timeLimit = "time-limit"
    case iterationLimit = "iteration-limit"
    case interrupted = "interrupted"
    /// Nothing left to search (an instance with a single customer).
    case exhausted = "exhausted"
}

/// A snapshot reported to progress observers each time the best solution improves.
public struct SearchProgress: Sendable {
    public let elapsedSeconds: Double
    public let iteration: Int
    /// Best feasible cost so far, internal units.
    public let bestCost: Int
}

public struct SolverResult: Sendable {
    public let solution: Solution
    /// Cost as computed by the search (internal units); callers verify it independently.
    public let cost: Int
    public let iterations: Int
    public let elapsedSeconds: Double
    public let stopReason: StopReason
    /// Cost of the construction the search started from.
    public let initialCost: Int
    /// The algorithm that ran (never `.auto`).
    public let algorithm: Algorithm
    /// Set-partitioning calls, how many improved the best plan, and the wall seconds of
    /// those calls (building the model and GLPK; printed as "s in GLPK").
    public var setPartitioningCalls = 0
    public var setPartitioningImprovements = 0
    public var setPartitioningSeconds = 0.0
    /// Customers no vehicle can serve (see `Screening`), left out of the plan, with why.
    public var unassigned: [Unservable] = []
    /// What each local-search move did (`MoveKind` order; empty when no search ran).
    public var moveStatistics: [MoveStatistics] = []
}

public enum SolverError: Error, Sendable, CustomStringConvertible {
    case unsupported(String)
    public var description: String {
        switch self { case .unsupported(let what): return what }
    }
}

/// The routing solver. Clarke–Wright savings gives a first plan (and a safety net);
/// then either the hybrid genetic search (default) or iterated ruin-and-recreate
/// (SISR-style string removals, local search, late acceptance on penalised cost with
/// windows, simulated annealing without) runs until the time
/// or iteration limit, or until the stop flag is raised.
public enum RoutingSolver {
    public static func solve(
        _ problem: Problem,
        options: SolverOptions,
        stop: StopFlag? = nil,
        deadline givenDeadline: Deadline? = nil,
        progress: ((SearchProgress) -> Void)? = nil
    ) throws(SolverError) -> SolverResult {
        if !problem.isClassic && options.algorithm == .ils {
            throw .unsupported("\(problem.name): --algorithm ils handles one vehicle type from one depot with every customer required; "
                               + "use hgs (or auto)")
        }
        if problem.isProfiled && problem.nodeCount > Matrix.storedLimit {
            throw .unsupported("\(problem.name): travel profiles work with up to \(Matrix.storedLimit) locations (\(problem.nodeCount) given)")
        }
        if options.timeLimit == nil && options.maxIterations == nil {
            throw .unsupported("a time limit or an iteration limit is needed")
        }
        // The caller may start the clock earlier (e.g. before reading the file), so that
        // the whole command, not just the search, fits in the time limit.
        let deadline = givenDeadline ?? Deadline(seconds: options.timeLimit)
        // Customers nobody can serve are left out, with their reasons; the rest is solved.
        // Screening may use a fifth of the time limit (its shortest paths are O(n²) per
        // source); what it has not settled by then is kept for the search.
        let screeningEnds = deadline.share(0.2)
        let unservable = Screening.unservable(problem) { screeningEnds.hasPassed || (stop?.isRaised ?? false) }
        if !unservable.isEmpty {
            let left = Set(unservable.map(\.customer))
            let kept = (1...problem.customerCount).filter { !left.contains($0) }
            let inner = try solve(problem.restricted(to: kept), options: options, stop: stop, deadline: deadline, progress: progress)
            let solution = Solution(routes: inner.solution.routes.map { $0.map { kept[$0 - 1] } }, vehicles: inner.solution.vehicles)
            var result = SolverResult(solution: solution, cost: inner.cost, iterations: inner.iterations,
                                      elapsedSeconds: inner.elapsedSeconds, stopReason: inner.stopReason,
                                      initialCost: inner.initialCost, algorithm: inner.algorithm)
            result.setPartitioningCalls = inner.setPartitioningCalls
            result.setPartitioningImprovements = inner.setPartitioningImprovements
            result.setPartitioningSeconds = inner.setPartitioningSeconds
            result.moveStatistics = inner.moveStatistics
            result.unassigned = unservable
            return result
        }
        var rng = RandomGenerator(seed: options.seed)
        let neighbours = Neighbourhood(problem: problem, size: options.neighbourCount)
        if !problem.isClassic {
            return solveTyped(problem, options: options, neighbours: neighbours, deadline: deadline, rng: &rng, stop: stop, progress: progress)
        }
        let algorithm = options.algorithm.resolved(for: problem)
        // With windows, ils starts from an insertion plan that keeps them; otherwise from
        // savings, which ignores windows and the fleet size: its plan is a safety net only
        // when it keeps both.
        let initial = problem.hasTimeWindows && algorithm == .ils && problem.customerCount >= 1
            ? Solution(routes: RuinRecreate.constructTimed(problem, rng: &rng))
            : Savings.solve(problem, neighbours: neighbours)
        let initialIsFeasible = initial.routes.allSatisfy { problem.timeWarp(of: $0) == 0 }
            && problem.vehicleLimit.map { initial.routes.filter { !$0.isEmpty }.count <= $0 } ?? true
        let initialCost = problem.cost(of: initial)
        // From here a stop request is answered with a plan (the initial one at worst).
        stop?.willAnswer()
        if problem.customerCount <= 1 {
            // One customer has one plan: there is nothing to search.
            return SolverResult(solution: initial, cost: initialCost, iterations: 0, elapsedSeconds: deadline.elapsedSeconds,
                                stopReason: .exhausted, initialCost: initialCost, algorithm: algorithm)
        }

        func shouldStop() -> Bool { deadline.hasPassed || (stop?.isRaised ?? false) }
        func reason(_ iterations: Int) -> StopReason {
            if stop?.isRaised ?? false { return .interrupted }
            if let limit = options.maxIterations, iterations >= limit { return .iterationLimit }
            return .timeLimit
        }

        switch algorithm {
        case .hgs, .auto:
            var hgs = HybridGeneticSearch(problem: problem, neighbours: neighbours)
            if options.setPartitioning { hgs.parameters.setPartitioningInterval = 1000 }
            hgs.parameters.verboseGLPK = options.verbose
            hgs.parameters.moves = options.moves
            func genetic<W: EdgeWeights>(_ distances: W, _ durations: W) -> (best: Solution?, cost: Int, iterations: Int, fallback: Solution?) {
                hgs.run(features: ClassicFeatures.self, distances: distances, durations: durations, rng: &rng, maxIterations: options.maxIterations,
                        deadline: options.timeLimit == nil ? nil : deadline, shouldStop: shouldStop) { _, cost, iteration in
                    progress?(SearchProgress(elapsedSeconds: deadline.elapsedSeconds, iteration: iteration, bestCost: cost))
                }
            }
            // Stored matrices get the search specialised for them (no branch per read).
            let outcome: (best: Solution?, cost: Int, iterations: Int, fallback: Solution?)
            if let d = problem.distances.stored, let t = problem.durations.stored {
                outcome = genetic(d, t)
            } else {
                outcome = genetic(problem.distances, problem.durations)
            }
            // The savings plan is the safety net when no feasible offspring appeared in time.
            let useSearch = outcome.best != nil && (outcome.cost <= initialCost || !initialIsFeasible)
            var result = SolverResult(solution: useSearch ? outcome.best! : initial, cost: useSearch ? outcome.cost : initialCost,
                                      iterations: outcome.iterations, elapsedSeconds: deadline.elapsedSeconds,
                                      stopReason: reason(outcome.iterations), initialCost: initialCost, algorithm: .hgs)
            result.setPartitioningCalls = hgs.setPartitioningStats.calls
            result.setPartitioningImprovements = hgs.setPartitioningStats.improvements
            result.setPartitioningSeconds = hgs.setPartitioningStats.seconds
            result.moveStatistics = hgs.moveStatistics
            return result
        case .ils:
            func iterated<W: EdgeWeights>(_ distances: W, _ durations: W) -> SolverResult {
                iteratedLocalSearch(problem, distances: distances, durations: durations, options: options, neighbours: neighbours,
                                    initial: initial, initialCost: initialCost, deadline: deadline, rng: &rng, shouldStop: shouldStop,
                                    stopReason: reason, progress: progress)
            }
            if let d = problem.distances.stored, let t = problem.durations.stored { return iterated(d, t) }
            return iterated(problem.distances, problem.durations)
        }
    }

    /// The genetic search beyond the classic problem (vehicle types, several depots,
    /// optional customers): no savings construction or set partitioning, which assume one
    /// depot and routes priced by distance. When no feasible plan appears in time, the
    /// least infeasible one found is returned (the verifier then says what it breaks).
    static func solveTyped(
        _ problem: Problem, options: SolverOptions, neighbours: Neighbourhood, deadline: Deadline, rng: inout RandomGenerator,
        stop: StopFlag?, progress: ((SearchProgress) -> Void)?
    ) -> SolverResult {
        func shouldStop() -> Bool { deadline.hasPassed || (stop?.isRaised ?? false) }
        var hgs = HybridGeneticSearch(problem: problem, neighbours: neighbours)
        hgs.parameters.verboseGLPK = options.verbose
        hgs.parameters.moves = options.moves
        hgs.stopFlag = stop
        // One specialisation of the search per feature set, reading the matrices as they are.
        func genetic<F: SearchFeatures>(_ features: F.Type) -> (best: Solution?, cost: Int, iterations: Int, fallback: Solution?) {
            hgs.run(features: features, distances: problem.distances, durations: problem.durations, rng: &rng,
                    maxIterations: options.maxIterations, deadline: options.timeLimit == nil ? nil : deadline,
                    shouldStop: shouldStop) { _, cost, iteration in
                progress?(SearchProgress(elapsedSeconds: deadline.elapsedSeconds, iteration: iteration, bestCost: cost))
            }
        }
        let outcome = problem.isProfiled ? (problem.shipments.isEmpty ? genetic(ProfiledFeatures.self) : genetic(ProfiledPairedFeatures.self))
            : problem.shipments.isEmpty ? genetic(RichFeatures.self) : genetic(PairedFeatures.self)
        let solution = outcome.best ?? outcome.fallback ?? Solution(routes: [], vehicles: [])
        let cost = outcome.best != nil ? outcome.cost : problem.cost(of: solution)
        let reason: StopReason = (stop?.isRaised ?? false) ? .interrupted
            : options.maxIterations.map { outcome.iterations >= $0 } == true ? .iterationLimit : .timeLimit
        var result = SolverResult(solution: solution, cost: cost, iterations: outcome.iterations, elapsedSeconds: deadline.elapsedSeconds,
                                  stopReason: reason, initialCost: cost, algorithm: .hgs)
        result.moveStatistics = hgs.moveStatistics
        return result
    }

    static func iteratedLocalSearch<W: EdgeWeights>(
        _ problem: Problem, distances: W, durations: W, options: SolverOptions, neighbours: Neighbourhood, initial: Solution, initialCost: Int,
        deadline: Deadline, rng: inout RandomGenerator, shouldStop: () -> Bool, stopReason: (Int) -> StopReason,
        progress: ((SearchProgress) -> Void)?
    ) -> SolverResult {
        // Moves that overload a vehicle or break a window are priced far above any distance
        // saving: the search keeps a feasible plan feasible.
        let penalty = Double(problem.distances.maximum + 1) * Double(problem.customerCount + 1)
        let penalties = Penalties(capacity: penalty, timeWarp: problem.hasTimeWindows ? penalty : 0)
        var search = LocalSearch<W, ClassicFeatures>(problem: problem, neighbours: neighbours, penalties: penalties,
                                 distances: distances, durations: durations)
        search.moves = options.moves
        search.load(initial)
        search.run(rng: &rng, shouldStop: shouldStop)
        var best = initial, bestCost = initialCost
        if search.totalExcess == 0 && search.totalTimeWarp == 0 && search.totalDistance < initialCost {
            best = search.solution(); bestCost = search.totalDistance
        } else {
            search.load(initial)
        }
        // SWAP* picks its move by distance and load and prices time warp only afterwards:
        // in a search that keeps every window most of its picks break one. Off with windows
        // (measured on 1,000 customers: about 1.6× the iterations, a better plan on three
        // instances of four; Benchmarks/RESULTS.md, issue 16).
        if problem.hasTimeWindows { search.useSwapStar = false }
        var current = search.indexedRoutes(), currentCost = bestCost
        // A first plan that breaks something (windows with too small a fleet) is left for
        // any feasible one, or for one the search prices as less infeasible.
        var currentFeasible = search.totalExcess == 0 && search.totalTimeWarp == 0
        var bestFeasible = currentFeasible
        var currentPenalised = search.penalisedCost
        // With windows, after the first local search, the search and the acceptance work on
        // penalised cost, as PyVRP 0.14's ILS does: plans that break a window or a capacity
        // may be passed through, priced by weights that adapt so that about 65 % of the
        // outcomes keep each constraint, and late acceptance (history 300) decides; only a
        // plan that keeps everything can become the best. Keeping every window at every step
        // stalled at 1,000 customers (C1_10_2: +2.05 % to the BKS at 60 s, +2.03 % at 300 s);
        // annealing on penalised cost instead lost on R2; late acceptance did better than
        // both on 12 instances × 2 seeds at 60 s (mean gap 1.70 % vs 2.30 % keeping every
        // window), with OnTime's weight rhythm as good as PyVRP's (every 500 outcomes,
        // ×1.5 / ×0.9: 1.74 %; Benchmarks/RESULTS.md, issue 16).
        let penalised = problem.hasTimeWindows
        var manager = PenaltyManager(problem: problem)
        manager.targetFeasible = 0.65
        var currentEntry = LateAcceptance.Entry(distance: currentCost, excess: search.totalExcess, timeWarp: search.totalTimeWarp)
        var acceptance = LateAcceptance(length: 300, start: currentEntry)
        if penalised { search.setPenalties(manager.penalties) }
        if bestFeasible { progress?(SearchProgress(elapsedSeconds: deadline.elapsedSeconds, iteration: 0, bestCost: bestCost)) }

        var iteration = 0
        while !shouldStop() {
            if let limit = options.maxIterations, iteration >= limit { break }
            iteration += 1

            // Ruin and recreate, then local search only around what changed.
            var candidate = current
            RuinRecreate.perturb(&candidate, problem: problem, neighbours: neighbours, rng: &rng)
            search.update(routes: candidate)
            search.run(rng: &rng, shouldStop: shouldStop)
            let feasible = search.totalExcess == 0 && search.totalTimeWarp == 0
            let cost = search.totalDistance

            let accept: Bool
            if penalised {
                let entry = LateAcceptance.Entry(distance: cost, excess: search.totalExcess, timeWarp: search.totalTimeWarp)
                if manager.record(excess: entry.excess, timeWarp: entry.timeWarp) { search.setPenalties(manager.penalties) }
                accept = acceptance.accepts(entry, current: currentEntry, penalties: manager.penalties)
                if accept { currentEntry = entry }
            } else {
                // Simulated annealing with a temperature relative to the construction's
                // cost, cooling geometrically from 0.3 % to 0.003 % of it over the run.
                let progressFraction: Double
                if let limit = options.timeLimit, limit > 0 {
                    progressFraction = min(1, deadline.elapsedSeconds / limit)
                } else if let limit = options.maxIterations, limit > 0 {
                    progressFraction = Double(iteration) / Double(limit)
                } else {
                    progressFraction = 1
                }
                let temperature = Double(initialCost) * 0.003 * pow(0.01, progressFraction)
                accept = currentFeasible
                    ? feasible && Double(cost) < Double(currentCost) - temperature * log(max(1e-300, rng.unit()))
                    : feasible || search.penalisedCost < currentPenalised
                if accept {
                    currentCost = cost
                    currentFeasible = feasible
                    currentPenalised = search.penalisedCost
                }
            }
            if accept {
                current = search.indexedRoutes()
                if feasible && (cost < bestCost || !bestFeasible) {
                    best = search.solution()
                    bestCost = cost
                    bestFeasible = true
                    progress?(SearchProgress(elapsedSeconds: deadline.elapsedSeconds, iteration: iteration, bestCost: bestCost))
                }
            } else {
                search.update(routes: current)
            }
        }
        var result = SolverResult(solution: best, cost: bestCost, iterations: iteration,
                                  elapsedSeconds: deadline.elapsedSeconds, stopReason: stopReason(iteration), initialCost: initialCost,
                                  algorithm: .ils)
        result.moveStatistics = search.moveStatistics()
        return result
    }
}
