/// The HGS population (Vidal 2012): a feasible and an infeasible subpopulation, each
/// kept between `minimumSize` and `minimumSize + generationSize` members. Members are
/// ranked by *biased fitness*, mixing their cost rank with their rank in diversity
/// contribution (mean broken-pairs distance to their closest neighbours), so that
/// survivors stay both good and different.
struct Population {
    struct Parameters {
        var minimumSize = 25
        var generationSize = 40
        var eliteCount = 4
        var closeCount = 5
    }

    let parameters: Parameters
    private(set) var feasible: [Individual] = []
    private(set) var infeasible: [Individual] = []

    init(parameters: Parameters = Parameters()) {
        self.parameters = parameters
    }

    var count: Int { feasible.count + infeasible.count }

    /// Adds a member; trims its subpopulation by survivor selection when it gets too large.
    mutating func add(_ individual: Individual, penalties: Penalties) {
        if individual.isFeasible {
            Self.insert(individual, into: &feasible, penalties: penalties)
            if feasible.count > parameters.minimumSize + parameters.generationSize {
                Self.selectSurvivors(&feasible, keep: parameters.minimumSize, parameters: parameters, penalties: penalties)
            }
        } else {
            Self.insert(individual, into: &infeasible, penalties: penalties)
            if infeasible.count > parameters.minimumSize + parameters.generationSize {
                Self.selectSurvivors(&infeasible, keep: parameters.minimumSize, parameters: parameters, penalties: penalties)
            }
        }
    }

    private static func insert(_ individual: Individual, into group: inout [Individual], penalties: Penalties) {
        for other in group {
            let d = individual.brokenPairsDistance(to: other)
            insertSorted(&individual.proximity, (d, other.id))
            insertSorted(&other.proximity, (d, individual.id))
        }
        let cost = individual.penalisedCost(penalties)
        let index = group.firstIndex { $0.penalisedCost(penalties) > cost } ?? group.count
        group.insert(individual, at: index)
    }

    private static func insertSorted(_ list: inout [(distance: Double, other: Int)], _ entry: (Double, Int)) {
        let index = list.firstIndex { $0.distance > entry.0 } ?? list.count
        list.insert(entry, at: index)
    }

    /// Removes members, worst biased fitness first and clones before anything else,
    /// until `keep` remain.
    private static func selectSurvivors(_ group: inout [Individual], keep: Int, parameters: Parameters, penalties: Penalties) {
        while group.count > keep {
            updateBiasedFitness(&group, parameters: parameters, penalties: penalties)
            var worst = -1
            var worstIsClone = false
            var worstFitness = -Double.infinity
            // Index 0 is the best by cost and is never removed.
            for k in 1..<group.count {
                let isClone = (group[k].proximity.first?.distance ?? 1) < 1e-12
                if (isClone && !worstIsClone) || (isClone == worstIsClone && group[k].biasedFitness > worstFitness) {
                    worst = k; worstIsClone = isClone; worstFitness = group[k].biasedFitness
                }
            }
            let removed = group.remove(at: worst)
            for other in group { other.proximity.removeAll { $0.other == removed.id } }
        }
    }

    /// Biased fitness = cost rank + (1 − elite/size) · diversity rank, both scaled to [0, 1].
    static func updateBiasedFitness(_ group: inout [Individual], parameters: Parameters, penalties: Penalties) {
        let size = group.count
        guard size > 1 else { group.first?.biasedFitness = 0; return }
        group.sort { $0.penalisedCost(penalties) < $1.penalisedCost(penalties) }
        let close = min(parameters.closeCount, size - 1)
        let diversity = group.map { ind -> Double in
            ind.proximity.prefix(close).reduce(0) { $0 + $1.distance } / Double(max(1, close))
        }
        // Rank by diversity, most diverse first.
        let byDiversity = (0..<size).sorted { diversity[$0] != diversity[$1] ? diversity[$0] > diversity[$1] : $0 < $1 }
        var diversityRank = [Int](repeating: 0, count: size)
        for (rank, k) in byDiversity.enumerated() { diversityRank[k] = rank }
        let eliteWeight = 1 - Double(min(parameters.eliteCount, size)) / Double(size)
        for k in 0..<size {
            let costRank = Double(k) / Double(size - 1)
            let divRank = Double(diversityRank[k]) / Double(size - 1)
            group[k].biasedFitness = costRank + eliteWeight * divRank
        }
    }

    /// Refreshes fitness in both subpopulations (after adds or a penalty change).
    mutating func updateFitness(penalties: Penalties) {
        Self.updateBiasedFitness(&feasible, parameters: parameters, penalties: penalties)
        Self.updateBiasedFitness(&infeasible, parameters: parameters, penalties: penalties)
    }

    /// Binary tournament on biased fitness over both subpopulations.
    func tournament(rng: inout RandomGenerator) -> Individual {
        func pick(_ rng: inout RandomGenerator) -> Individual {
            let k = rng.below(count)
            return k < feasible.count ? feasible[k] : infeasible[k - feasible.count]
        }
        let a = pick(&rng), b = pick(&rng)
        return a.biasedFitness <= b.biasedFitness ? a : b
    }

    mutating func clear() {
        feasible.removeAll()
        infeasible.removeAll()
    }
}
