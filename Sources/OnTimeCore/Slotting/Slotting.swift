/// Which SKU goes in which slot: `slotOfSKU[s]` is a slot index, each slot used at most once.
public struct SlotAssignment: Sendable, Equatable {
    public var slotOfSKU: [Int]
    public init(slotOfSKU: [Int]) { self.slotOfSKU = slotOfSKU }
}

/// The slotting methods `ontime slot --method` offers.
public enum SlottingMethod: String, Sendable, CaseIterable {
    /// Each SKU in a random slot that fits it (the baseline).
    case random
    /// ABC classes by pick share (A: first 80 % of picks, B: next 15 %, C: the rest) into
    /// zones of slots ordered by pick cost; random within a zone.
    case abc
    /// Cube-per-order index: SKUs by volume / picks ascending, each into the cheapest free
    /// slot that fits it.
    case coi
    /// Minimum expected pick cost, exactly, as a transportation problem solved by GLPK
    /// (a MIP when families must be kept together: see `FamilyRule`).
    case exact
}

public enum SlottingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Some SKU fits no slot, or there are not enough slots.
    case infeasible(String)
    case solverFailed(String)
    /// An argument is unusable, e.g. a current assignment that is not valid.
    case invalidInput(String)
    public var description: String {
        switch self {
        case .infeasible(let why): return "no assignment possible: \(why)"
        case .solverFailed(let why): return why
        case .invalidInput(let why): return why
        }
    }
}

/// An assignment with how it was obtained.
public struct SlottingResult: Sendable {
    public let assignment: SlotAssignment
    /// Σ picks × pick cost (metres-equivalent) of the assignment.
    public let expectedCost: Double
    /// A proven lower bound on the least expected cost (exact method only; nil when
    /// GLPK stopped before proving one).
    public let lowerBound: Double?
    public let seconds: Double
    /// What the exact method solved and how it ended, e.g. "transportation LP (… columns),
    /// optimal"; nil for the other methods.
    public var detail: String? = nil
}

/// Slotting by pick frequency over one warehouse, SKU list and order history (all
/// immutable); every method returns an assignment in which each SKU's slot fits it.
public struct SlottingProblem: Sendable {
    public let warehouse: Warehouse
    public let skus: [SKU]
    public let history: OrderHistory

    public init(warehouse: Warehouse, skus: [SKU], history: OrderHistory) throws(SlottingError) {
        self.warehouse = warehouse
        self.skus = skus
        self.history = history
        guard skus.count <= warehouse.slots.count else {
            throw .infeasible("\(skus.count) SKUs but only \(warehouse.slots.count) slots")
        }
        for sku in skus where !warehouse.slots.contains(where: { warehouse.fits(sku, $0) }) {
            throw .infeasible("SKU \(sku.id) (volume \(sku.volume), weight \(sku.weight), class '\(sku.storageClass)') fits no slot")
        }
    }

    /// Σ over SKUs of picks × pick cost of its slot.
    public func expectedCost(_ assignment: SlotAssignment) -> Double {
        var total = 0.0
        for (s, slot) in assignment.slotOfSKU.enumerated() {
            total += Double(history.picks[s]) * warehouse.pickCost(warehouse.slots[slot])
        }
        return total
    }

    /// What is wrong with an assignment (empty when valid): every SKU in an existing slot
    /// that fits it, no slot used twice, and every family group kept together as
    /// `families` asks (see `FamilyRule`; by default families are not checked).
    public func violations(_ assignment: SlotAssignment, families: FamilyRule = .none) -> [String] {
        var problems: [String] = []
        guard assignment.slotOfSKU.count == skus.count else {
            return ["assignment has \(assignment.slotOfSKU.count) entries for \(skus.count) SKUs"]
        }
        var used = [Bool](repeating: false, count: warehouse.slots.count)
        for (s, k) in assignment.slotOfSKU.enumerated() {
            guard k >= 0 && k < used.count else { problems.append("SKU \(skus[s].id): slot \(k) does not exist"); continue }
            if used[k] { problems.append("slot \(warehouse.slots[k].id) holds more than one SKU") }
            used[k] = true
            if !warehouse.fits(skus[s], warehouse.slots[k]) {
                problems.append("SKU \(skus[s].id) does not fit slot \(warehouse.slots[k].id)")
            }
        }
        for group in splitFamilies(assignment, rule: families) {
            let aisles = Set(group.map { warehouse.slots[assignment.slotOfSKU[$0]].aisle + 1 }).sorted()
            problems.append("\(describeFamily(group)) is split over aisles \(aisles.map(String.init).joined(separator: ", "))")
        }
        return problems
    }

    /// Slot indices ordered by pick cost (ties by index, so the order is deterministic).
    var slotsByCost: [Int] {
        warehouse.slots.indices.sorted {
            let a = warehouse.pickCost(warehouse.slots[$0]), b = warehouse.pickCost(warehouse.slots[$1])
            return a != b ? a < b : $0 < $1
        }
    }

    /// Places SKUs in `order`, each into the first free slot of `slotOrder` that fits it.
    /// Slots that fit exactly the same SKUs share one cursor, so this is O(S + N · kinds).
    func greedy(_ order: [Int], slotOrder: [Int]) throws(SlottingError) -> SlotAssignment {
        var queues: [Slot.Kind: [Int]] = [:]
        for k in slotOrder {
            let slot = warehouse.slots[k]
            queues[slot.kind, default: []].append(k)
        }
        let kinds = Array(queues.keys)
        var cursor = [Slot.Kind: Int]()
        var rankOf = [Int](repeating: 0, count: warehouse.slots.count)
        for (rank, k) in slotOrder.enumerated() { rankOf[k] = rank }
        var result = [Int](repeating: -1, count: skus.count)
        for s in order {
            var bestKind: Slot.Kind? = nil, bestRank = Int.max
            for kind in kinds {
                let queue = queues[kind]!, c = cursor[kind, default: 0]
                guard c < queue.count, warehouse.fits(skus[s], warehouse.slots[queue[c]]) else { continue }
                if rankOf[queue[c]] < bestRank { bestRank = rankOf[queue[c]]; bestKind = kind }
            }
            guard let kind = bestKind else {
                throw .infeasible("no free slot left that fits SKU \(skus[s].id)")
            }
            let c = cursor[kind, default: 0]
            result[s] = queues[kind]![c]
            cursor[kind] = c + 1
        }
        return SlotAssignment(slotOfSKU: result)
    }

    /// Slots every SKU by `method`. `families` applies to the exact method only (the
    /// others ignore families; `splitFamilies` tells how many they split); `timeLimit`
    /// (seconds) bounds GLPK's work.
    public func solve(_ method: SlottingMethod, seed: UInt64 = 1, timeLimit: Double = 30,
                      families: FamilyRule = .none) throws(SlottingError) -> SlottingResult {
        let clock = Deadline(seconds: nil)
        var rng = RandomGenerator(seed: seed)
        let assignment: SlotAssignment
        var bound: Double? = nil
        var detail: String? = nil
        switch method {
        case .random:
            // SKUs with the fewest fitting slots first, so random choices cannot strand them.
            var slotOrder = Array(warehouse.slots.indices)
            slotOrder.shuffle(using: &rng)
            assignment = try greedy(constrainedFirst(), slotOrder: slotOrder)
        case .coi:
            let coi = history.cubePerOrder(skus)
            let order = skus.indices.sorted { coi[$0] != coi[$1] ? coi[$0] < coi[$1] : $0 < $1 }
            assignment = try greedy(order, slotOrder: slotsByCost)
        case .abc:
            assignment = try abc(&rng)
        case .exact:
            let exact = try ExactSlotting.solve(self, families: families, timeLimit: timeLimit)
            assignment = exact.assignment
            bound = exact.lowerBound
            detail = exact.detail
        }
        return SlottingResult(assignment: assignment, expectedCost: expectedCost(assignment), lowerBound: bound,
                              seconds: clock.elapsedSeconds, detail: detail)
    }

    /// SKUs ordered by how few slots fit them (restricted classes and bulky items first).
    func constrainedFirst() -> [Int] {
        var levelsFitting = [Int](repeating: 0, count: skus.count)
        for (s, sku) in skus.enumerated() {
            levelsFitting[s] = (0..<warehouse.levels).filter {
                sku.volume <= warehouse.levelVolume[$0] && sku.weight <= warehouse.levelMaxWeight[$0]
            }.count * (sku.storageClass.isEmpty ? 2 : 1)
        }
        return skus.indices.sorted { levelsFitting[$0] != levelsFitting[$1] ? levelsFitting[$0] < levelsFitting[$1] : $0 < $1 }
    }

    /// ABC: SKUs ranked by picks; A up to 80 % of all picks, B up to 95 %, C the rest.
    /// The cheapest slots form zone A (as many as A has SKUs), then B, then C; within its
    /// zone a SKU takes a random fitting slot, spilling to later zones when none is left.
    func abc(_ rng: inout RandomGenerator) throws(SlottingError) -> SlotAssignment {
        let ranked = skus.indices.sorted { history.picks[$0] != history.picks[$1] ? history.picks[$0] > history.picks[$1] : $0 < $1 }
        let total = max(1, history.picks.reduce(0, +))
        var classOf = [Int](repeating: 2, count: skus.count)
        var cumulative = 0
        var counts = [0, 0, 0]
        for s in ranked {
            let share = Double(cumulative) / Double(total)
            classOf[s] = share < 0.80 ? 0 : share < 0.95 ? 1 : 2
            counts[classOf[s]] += 1
            cumulative += history.picks[s]
        }
        let byCost = slotsByCost
        var zones: [[Int]] = [Array(byCost.prefix(counts[0])), Array(byCost.dropFirst(counts[0]).prefix(counts[1])),
                              Array(byCost.dropFirst(counts[0] + counts[1]))]
        for z in 0..<3 { zones[z].shuffle(using: &rng) }
        // Zone by zone, random slot order within each; constrained SKUs of a class first.
        let slotOrder = zones.flatMap { $0 }
        var order: [Int] = []
        let constrained = constrainedFirst()
        for c in 0..<3 { order += constrained.filter { classOf[$0] == c } }
        return try greedy(order, slotOrder: slotOrder)
    }
}
