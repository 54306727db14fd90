/// Hybrid genetic search for the CVRP and VRPTW (Vidal et al. 2012, 2013; Vidal 2022),
/// written from the published algorithm: ordered crossover of giant tours, split,
/// granular local search with SWAP* under penalised capacity and time-warp constraints,
/// repair of infeasible offspring, a population ranked by biased fitness, and restarts
/// when the search stalls.
struct HybridGeneticSearch {
    struct Parameters {
        var population = Population.Parameters()
        /// Random individuals seeded at the start (and at each restart): 4 × minimum size.
        var initialIndividuals = 100
        /// Iterations without improvement of the best feasible cost before a restart.
        var restartAfter = 20_000
        /// Probability of repairing an infeasible offspring with a 10× penalty.
        var repairProbability = 0.5
        /// Route-pool set partitioning (GLPK) every `setPartitioningInterval` offspring
        /// and once at the end; off when nil.
        var setPartitioningInterval: Int? = nil
        /// Share of the time budget each periodic set-partitioning solve may take, and the
        /// share reserved for the final one.
        var setPartitioningShare = 0.03
        /// GLPK's terminal output on (off by default).
        var verboseGLPK = false
        /// The moves the local search may make.
        var moves = MoveSet.all
    }

    let problem: Problem
    let neighbours: Neighbourhood
    var parameters = Parameters()
    /// Told once the search has a plan (see `StopFlag.willAnswer`).
    var stopFlag: StopFlag? = nil

    private var nextID = 0

    init(problem: Problem, neighbours: Neighbourhood) {
        self.problem = problem
        self.neighbours = neighbours
    }

    mutating func makeIndividual(_ routes: [[Int32]]) -> Individual {
        nextID += 1
        return Individual(id: nextID, routes: routes, problem: problem)
    }

    mutating func makeIndividual(_ solution: Solution) -> Individual {
        nextID += 1
        return Individual(id: nextID, routes: solution.routes.map { $0.map(Int32.init) }, vehicles: solution.vehicles, problem: problem)
    }

    /// Statistics of the set-partitioning step (for the ablation).
    struct SetPartitioningStats {
        var calls = 0
        var improvements = 0
        var seconds = 0.0
    }
    private(set) var setPartitioningStats = SetPartitioningStats()
    /// What each local-search move did in the last `run`.
    private(set) var moveStatistics: [MoveStatistics] = []

    /// Runs until `shouldStop`, or `maxIterations` offspring; reports each new best.
    /// `deadline` (when given) lets the set-partitioning step size its GLPK time limits.
    /// `distances` and `durations` are the problem's, in the representation the local
    /// search is specialised for (see `EdgeWeights`).
    mutating func run<Weights: EdgeWeights, Features: SearchFeatures>(
        features: Features.Type, distances: Weights, durations: Weights, rng: inout RandomGenerator, maxIterations: Int?, deadline: Deadline? = nil, shouldStop: () -> Bool,
        onImprovement: (Solution, Int, Int) -> Void
    ) -> (best: Solution?, cost: Int, iterations: Int, fallback: Solution?) {
        let n = problem.customerCount
        // Bounded so that each GLPK step stays short (see GLPK.solve on its clock checks).
        var pool = RoutePool(capacity: 3_000)
        let budget = deadline.map { Double($0.end &- $0.start) / 1e9 } ?? 0
        // The genetic loop stops early enough to leave the final set-partitioning its share.
        let share = parameters.setPartitioningInterval == nil || deadline == nil ? 0 : budget * parameters.setPartitioningShare
        /// Wall seconds of the longest set-partitioning call so far.
        var longestCall = 0.0
        /// Time kept back for the final call: its share of the budget until a call has been
        /// timed; then three times the longest call (GLPK cannot be stopped inside a simplex
        /// or branch-and-cut step; twice was measured to overrun by up to 0.14 s), or nothing
        /// when that does not fit in the share, since the final call is then skipped.
        func reserve() -> Double {
            guard share > 0, longestCall > 0 else { return share }
            return 3 * longestCall + 0.02 <= share ? 3 * longestCall + 0.02 : 0
        }
        func geneticStop() -> Bool {
            if let deadline, share > 0, deadline.remainingSeconds <= reserve() { return true }
            return shouldStop()
        }
        var manager = PenaltyManager(problem: problem)
        var search = LocalSearch<Weights, Features>(problem: problem, neighbours: neighbours, penalties: manager.penalties,
                                 distances: distances, durations: durations)
        search.moves = parameters.moves
        var population = Population(parameters: parameters.population)
        var best: Individual? = nil
        /// The least penalised infeasible offspring, returned when no feasible one appears.
        var leastInfeasible: Individual? = nil
        /// Best feasible distance since the last restart: stalls are measured against it.
        var restartBest = Int.max
        var iteration = 0
        var sinceImprovement = 0

        func stop() -> Bool {
            if let maxIterations, iteration >= maxIterations { return true }
            return geneticStop()
        }

        /// Local search (plus repair when infeasible) on some routes; adds the outcomes.
        func educate(_ start: Solution, _ search: inout LocalSearch<Weights, Features>, _ population: inout Population,
                     _ rng: inout RandomGenerator, _ me: inout HybridGeneticSearch) {
            search.setPenalties(manager.penalties)
            search.load(start)
            search.run(rng: &rng, shouldStop: geneticStop)
            var child = me.makeIndividual(search.solution())
            if manager.record(excess: child.excess, timeWarp: child.timeWarp) { population.updateFitness(penalties: manager.penalties) }
            population.add(child, penalties: manager.penalties)
            consider(child, &me)
            if !child.isFeasible && rng.unit() < me.parameters.repairProbability && !geneticStop() {
                search.setPenalties(manager.penalties.scaled(by: 10))
                search.load(child.solution)
                search.run(rng: &rng, shouldStop: geneticStop)
                child = me.makeIndividual(search.solution())
                if child.isFeasible {
                    population.add(child, penalties: manager.penalties)
                    consider(child, &me)
                }
            }
        }

        func consider(_ child: Individual, _ me: inout HybridGeneticSearch) {
            // A plan exists (the least infeasible at worst): a stop request is answered with it.
            me.stopFlag?.willAnswer()
            guard child.isFeasible else {
                let weights = manager.penalties.scaled(by: 10)
                if best == nil && (leastInfeasible.map { child.penalisedCost(weights) < $0.penalisedCost(weights) } ?? true) {
                    leastInfeasible = child
                }
                return
            }
            if me.parameters.setPartitioningInterval != nil {
                for route in child.routes { pool.add(route, cost: me.problem.routeDistance(route)) }
            }
            if child.distance < restartBest {
                restartBest = child.distance
                sinceImprovement = 0
            }
            if best == nil || child.distance < best!.distance {
                best = child
                onImprovement(child.solution, child.distance, iteration)
            }
        }

        func seed(_ population: inout Population, _ search: inout LocalSearch<Weights, Features>, _ rng: inout RandomGenerator,
                  _ me: inout HybridGeneticSearch) {
            for _ in 0..<me.parameters.initialIndividuals {
                if stop() { return }
                guard me.problem.isClassic else {
                    // No routes: the local search inserts every customer, in random order.
                    educate(Solution(routes: [], vehicles: []), &search, &population, &rng, &me)
                    continue
                }
                var tour = (1...n).map(Int32.init)
                tour.shuffle(using: &rng)
                educate(Solution(routes: Split.split(tour, problem: me.problem, penalties: manager.penalties).map { $0.map(Int.init) }),
                        &search, &population, &rng, &me)
            }
        }

        /// Solves set partitioning over the pool; a better plan is polished by local search
        /// and joins the population. Never makes the best worse: it is only taken if better.
        func partition(timeLimit: Double, _ search: inout LocalSearch<Weights, Features>, _ population: inout Population,
                       _ rng: inout RandomGenerator, _ me: inout HybridGeneticSearch) {
            guard timeLimit > 0.001 else { return }
            let clock = Deadline(seconds: nil)
            let result = SetPartitioning.solve(pool: pool, problem: me.problem, incumbent: best?.routes, timeLimit: timeLimit,
                                               verbose: me.parameters.verboseGLPK)
            me.setPartitioningStats.calls += 1
            me.setPartitioningStats.seconds += clock.elapsedSeconds
            longestCall = max(longestCall, clock.elapsedSeconds)
            guard let outcome = result else { return }
            guard best == nil || outcome.cost < best!.distance else { return }
            search.setPenalties(manager.penalties)
            search.load(outcome.solution)
            search.run(rng: &rng, shouldStop: shouldStop)
            let polished = me.makeIndividual(search.solution())
            let candidate = polished.isFeasible && polished.distance <= outcome.cost ? polished
                : me.makeIndividual(outcome.solution.routes.map { $0.map(Int32.init) })
            if candidate.isFeasible && (best == nil || candidate.distance < best!.distance) { me.setPartitioningStats.improvements += 1 }
            population.add(candidate, penalties: manager.penalties)
            consider(candidate, &me)
        }
        func periodicLimit() -> Double {
            guard let deadline else { return 1 }
            return min(share, deadline.remainingSeconds - reserve())
        }

        guard n > 0 else { return (Solution(routes: []), 0, 0, nil) }
        seed(&population, &search, &rng, &self)
        while !stop() {
            iteration += 1
            sinceImprovement += 1
            population.updateFitness(penalties: manager.penalties)
            let first = population.tournament(rng: &rng)
            let second = population.tournament(rng: &rng)
            if problem.isClassic {
                let tour = Crossover.ordered(first.tour, second.tour, customers: n, rng: &rng)
                let routes = Split.split(tour, problem: problem, penalties: manager.penalties)
                educate(Solution(routes: routes.map { $0.map(Int.init) }), &search, &population, &rng, &self)
            } else {
                educate(Crossover.routes(first, second, problem: problem, rng: &rng), &search, &population, &rng, &self)
            }
            if let interval = parameters.setPartitioningInterval, iteration % interval == 0, !stop() {
                partition(timeLimit: periodicLimit(), &search, &population, &rng, &self)
            }
            if sinceImprovement >= parameters.restartAfter {
                population.clear()
                sinceImprovement = 0
                restartBest = Int.max
                seed(&population, &search, &rng, &self)
            }
        }
        // GLPK cannot be stopped inside a simplex or branch-and-cut step, so the final call
        // is only made when what is left is three times the longest call so far (measured).
        if parameters.setPartitioningInterval != nil && !shouldStop() {
            let finalLimit = deadline.map { $0.remainingSeconds - 0.01 } ?? 1
            if finalLimit > 0.001 && finalLimit + 0.03 >= 3 * longestCall { partition(timeLimit: finalLimit, &search, &population, &rng, &self) }
        }
        moveStatistics = search.moveStatistics()
        return (best?.solution, best?.distance ?? 0, iteration, leastInfeasible?.solution)
    }
}
