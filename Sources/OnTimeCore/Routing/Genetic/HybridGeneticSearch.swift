/// Hybrid genetic search for the CVRP (Vidal et al. 2012; Vidal 2022), written from the
/// published algorithm: ordered crossover of giant tours, optimal split, granular local
/// search with SWAP* under a penalised capacity constraint, repair of infeasible
/// offspring, a population ranked by biased fitness, and restarts when the search stalls.
struct HybridGeneticSearch {
    struct Parameters {
        var population = Population.Parameters()
        /// Random individuals seeded at the start (and at each restart): 4 × minimum size.
        var initialIndividuals = 100
        /// Iterations without improvement of the best feasible cost before a restart.
        var restartAfter = 20_000
        /// Probability of repairing an infeasible offspring with a 10× penalty.
        var repairProbability = 0.5
    }

    let problem: Problem
    let neighbours: Neighbourhood
    var parameters = Parameters()

    private var nextID = 0

    init(problem: Problem, neighbours: Neighbourhood) {
        self.problem = problem
        self.neighbours = neighbours
    }

    mutating func makeIndividual(_ routes: [[Int32]]) -> Individual {
        nextID += 1
        return Individual(id: nextID, routes: routes, problem: problem)
    }

    /// Runs until `shouldStop`, or `maxIterations` offspring; reports each new best.
    mutating func run(
        rng: inout RandomGenerator, maxIterations: Int?, shouldStop: () -> Bool,
        onImprovement: (Solution, Int, Int) -> Void
    ) -> (best: Solution?, cost: Int, iterations: Int) {
        let n = problem.customerCount
        var penalties = PenaltyManager(problem: problem)
        var search = LocalSearch(problem: problem, neighbours: neighbours, capacityPenalty: penalties.penalty)
        var population = Population(parameters: parameters.population)
        var best: Individual? = nil
        /// Best feasible distance since the last restart: stalls are measured against it.
        var restartBest = Int.max
        var iteration = 0
        var sinceImprovement = 0

        func stop() -> Bool {
            if let maxIterations, iteration >= maxIterations { return true }
            return shouldStop()
        }

        /// Local search (plus repair when infeasible) on some routes; adds the outcomes.
        func educate(_ routes: [[Int32]], _ search: inout LocalSearch, _ population: inout Population,
                     _ rng: inout RandomGenerator, _ me: inout HybridGeneticSearch) {
            search.setCapacityPenalty(penalties.penalty)
            search.load(Solution(routes: routes.map { $0.map(Int.init) }))
            search.run(rng: &rng, shouldStop: shouldStop)
            var child = me.makeIndividual(search.solution().routes.map { $0.map(Int32.init) })
            if penalties.record(feasible: child.isFeasible) { population.updateFitness(penalty: penalties.penalty) }
            population.add(child, penalty: penalties.penalty)
            consider(child, &me)
            if !child.isFeasible && rng.unit() < me.parameters.repairProbability && !shouldStop() {
                search.setCapacityPenalty(penalties.penalty * 10)
                search.load(child.solution)
                search.run(rng: &rng, shouldStop: shouldStop)
                child = me.makeIndividual(search.solution().routes.map { $0.map(Int32.init) })
                if child.isFeasible {
                    population.add(child, penalty: penalties.penalty)
                    consider(child, &me)
                }
            }
        }

        func consider(_ child: Individual, _ me: inout HybridGeneticSearch) {
            guard child.isFeasible else { return }
            if child.distance < restartBest {
                restartBest = child.distance
                sinceImprovement = 0
            }
            if best == nil || child.distance < best!.distance {
                best = child
                onImprovement(child.solution, child.distance, iteration)
            }
        }

        func seed(_ population: inout Population, _ search: inout LocalSearch, _ rng: inout RandomGenerator,
                  _ me: inout HybridGeneticSearch) {
            for _ in 0..<me.parameters.initialIndividuals {
                if stop() { return }
                var tour = (1...n).map(Int32.init)
                tour.shuffle(using: &rng)
                educate(Split.split(tour, problem: me.problem, penalty: penalties.penalty), &search, &population, &rng, &me)
            }
        }

        guard n > 0 else { return (Solution(routes: []), 0, 0) }
        seed(&population, &search, &rng, &self)
        while !stop() {
            iteration += 1
            sinceImprovement += 1
            population.updateFitness(penalty: penalties.penalty)
            let first = population.tournament(rng: &rng)
            let second = population.tournament(rng: &rng)
            let tour = Crossover.ordered(first.tour, second.tour, customers: n, rng: &rng)
            educate(Split.split(tour, problem: problem, penalty: penalties.penalty), &search, &population, &rng, &self)
            if sinceImprovement >= parameters.restartAfter {
                population.clear()
                sinceImprovement = 0
                restartBest = Int.max
                seed(&population, &search, &rng, &self)
            }
        }
        return (best?.solution, best?.distance ?? 0, iteration)
    }
}
