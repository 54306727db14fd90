import Foundation

/// What the caller asks of a solve.
public struct SolverOptions: Sendable {
    /// Wall-clock budget in seconds; nil means none (then `maxIterations` must bound the run).
    public var timeLimit: Double?
    public var seed: UInt64
    /// Stop after this many improvement iterations (for reproducible runs independent of machine speed).
    public var maxIterations: Int?
    /// Granular neighbourhood size Γ.
    public var neighbourCount: Int

    public init(timeLimit: Double? = 10, seed: UInt64 = 1, maxIterations: Int? = nil, neighbourCount: Int = 40) {
        self.timeLimit = timeLimit
        self.seed = seed
        self.maxIterations = maxIterations
        self.neighbourCount = neighbourCount
    }
}

/// Why a search ended.
public enum StopReason: String, Sendable {
    case timeLimit = "time-limit"
    case iterationLimit = "iteration-limit"
    case interrupted = "interrupted"
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
}

public enum SolverError: Error, Sendable, CustomStringConvertible {
    case unsupported(String)
    public var description: String {
        switch self { case .unsupported(let what): return what }
    }
}

/// The routing solver: Clarke–Wright savings, then granular local search, then
/// iterated ruin-and-recreate (SISR-style string removals) with local search until the
/// time or iteration limit, accepting by simulated annealing.
public enum RoutingSolver {
    public static func solve(
        _ problem: Problem,
        options: SolverOptions,
        stop: StopFlag? = nil,
        progress: ((SearchProgress) -> Void)? = nil
    ) throws(SolverError) -> SolverResult {
        if problem.hasTimeWindows {
            throw .unsupported("\(problem.name): time windows are read and verified, but the search does not handle them yet")
        }
        let deadline = Deadline(seconds: options.timeLimit)
        var rng = RandomGenerator(seed: options.seed)
        let neighbours = Neighbourhood(problem: problem, size: options.neighbourCount)
        let initial = Savings.solve(problem, neighbours: neighbours)
        let initialCost = problem.cost(of: initial)

        // Moves that overload a vehicle are priced far above any distance saving.
        let penalty = Double(maxEdge(problem) + 1) * Double(problem.customerCount + 1)
        var search = LocalSearch(problem: problem, neighbours: neighbours, capacityPenalty: penalty)
        func shouldStop() -> Bool { deadline.hasPassed || (stop?.isRaised ?? false) }

        search.load(initial)
        search.run(rng: &rng, shouldStop: shouldStop)
        var current = search.solution()
        var currentCost = problem.cost(of: current)
        if !isCapacityFeasible(problem, current) { current = initial; currentCost = initialCost }
        var best = current, bestCost = currentCost
        progress?(SearchProgress(elapsedSeconds: deadline.elapsedSeconds, iteration: 0, bestCost: bestCost))

        var iteration = 0
        let reason: StopReason
        while true {
            if stop?.isRaised ?? false { reason = .interrupted; break }
            if deadline.hasPassed { reason = .timeLimit; break }
            if let limit = options.maxIterations, iteration >= limit { reason = .iterationLimit; break }
            iteration += 1

            var candidate = current
            RuinRecreate.perturb(&candidate, problem: problem, neighbours: neighbours, rng: &rng)
            search.load(candidate)
            search.run(rng: &rng, shouldStop: shouldStop)
            candidate = search.solution()
            guard isCapacityFeasible(problem, candidate) else { continue }
            let cost = problem.cost(of: candidate)

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
            if Double(cost) < Double(currentCost) - temperature * log(max(1e-300, rng.unit())) {
                current = candidate
                currentCost = cost
            }
            if cost < bestCost {
                best = candidate
                bestCost = cost
                progress?(SearchProgress(elapsedSeconds: deadline.elapsedSeconds, iteration: iteration, bestCost: bestCost))
            }
        }
        return SolverResult(solution: best, cost: bestCost, iterations: iteration,
                            elapsedSeconds: deadline.elapsedSeconds, stopReason: reason, initialCost: initialCost)
    }

    static func isCapacityFeasible(_ problem: Problem, _ solution: Solution) -> Bool {
        solution.routes.allSatisfy { route in route.reduce(0) { $0 + problem.demands[$1] } <= problem.capacity }
    }

    static func maxEdge(_ problem: Problem) -> Int {
        var m = 0
        for i in 0..<problem.nodeCount { for j in 0..<problem.nodeCount { m = max(m, problem.distance(i, j)) } }
        return m
    }
}
