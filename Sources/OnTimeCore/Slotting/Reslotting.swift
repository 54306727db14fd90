/// Re-slotting with a budget: from the current assignment, the least expected cost
/// reachable when at most `maxMoves` SKUs change slot.
///
/// Two methods (`ReslottingMethod`): an exact MIP solved by GLPK when the model is small
/// enough, and a greedy one (largest saving per move first) otherwise; the MIP starts
/// from the greedy plan, so it is never worse. Either way a lower bound on the best
/// reachable cost is reported with where it comes from (`ReslottingPlan.BoundSource`),
/// and the moves are listed in an order that can be carried out (`MoveOrder`).
///
/// The exact model. With x[s,k] binary for SKU s in a slot k that fits it, the problem
/// is: minimise Σ picks(s)·cost(k)·x[s,k] with every SKU in one slot, every slot holding
/// at most one SKU, and Σ_s Σ_{k ≠ current(s)} x[s,k] ≤ K. It is solved in an
/// equivalent aggregated form: slots of one kind (level, reserved class) and pick cost
/// form a slot group j; SKUs with the same fitting kinds, picks and current slot group
/// form a SKU group G. Integer variables stay[G] (how many of G keep their slot) and
/// z[G,j] (how many move into group j ≠ G's own group):
///
///     minimise   Σ picks(G) · (cost(own group) · stay[G] + Σ_j cost(j) · z[G,j])
///     subject to stay[G] + Σ_j z[G,j] = |G|                            every SKU group
///                Σ_{G in j} stay[G] + Σ_G z[G,j] ≤ |j|                 every slot group
///                Σ_G (|G| − stay[G]) ≤ K                               the budget
///
/// Any solution is realised slot by slot: stayers keep their (distinct) slots and
/// movers fill the group's other slots, which all cost the same and fit the same SKUs;
/// a move within a group would spend budget for nothing, so z[G, own group] is left out.
public enum ReslottingMethod: String, Sendable, CaseIterable {
    /// The exact MIP when it has at most `Reslotting.exactColumns` columns, else greedy.
    case auto
    /// The exact MIP (refused beyond `Reslotting.maximumColumns` columns).
    case exact
    /// Greedy: the best relocation or swap per move, step by step.
    case greedy
}

public struct ReslottingPlan: Sendable {
    public struct Move: Sendable, Equatable {
        public let sku: Int
        public let from: Int
        public let to: Int
    }
    /// Where `lowerBound` comes from.
    public enum BoundSource: String, Sendable {
        /// The exact MIP's own bound: equal to the plan's cost when it was proven optimal,
        /// otherwise GLPK's best bound when the time limit stopped it.
        case exactModel = "exact re-slotting MIP"
        /// The LP relaxation of the exact model (slot costs bucketed down when it would be
        /// too large), for a greedy plan. At least as strong as the unconstrained exact
        /// optimum, which is the same LP without the budget row.
        case budgetRelaxation = "LP relaxation of the re-slotting model"
        /// No bound: GLPK did not finish in time.
        case none = "no bound (GLPK ran out of time)"
    }

    public let assignment: SlotAssignment
    /// The moves in an order that can be carried out (see `MoveOrder`). A SKU appears
    /// twice when it opened a cycle through a spare slot.
    public let moves: [Move]
    /// SKUs whose slot changes: what the budget counts.
    public let skusMoved: Int
    public let costBefore: Double
    public let costAfter: Double
    /// Which method made the plan (`.exact` or `.greedy`; never `.auto`).
    public let method: ReslottingMethod
    /// Why that method, e.g. "the exact model would have 2,400,000 columns, more than 400,000".
    public let why: String
    /// Whether the plan is proven the cheapest within the budget.
    public let proven: Bool
    /// A proven lower bound on the least cost within the budget (nil without one).
    public let lowerBound: Double?
    public let boundSource: BoundSource
    /// Cycles of moves that found no free slot to open them: see `MoveOrder`.
    public let cyclesWithoutSpare: Int
    public let seconds: Double
}

public enum Reslotting {
    /// Candidates examined on each side of a swap per step (greedy).
    static let swapCandidates = 300
    /// Most columns of the exact model for `.auto` to choose it. On the generated
    /// instances a model this size (1,000 SKUs, 1,600 slots) is solved and proven in
    /// about 7 s: its LP relaxation is nearly integral (one budget row on a
    /// transportation problem). Larger models get the greedy plan and, as its bound, the
    /// LP relaxation with slot costs bucketed down to this size.
    public static let exactColumns = 400_000
    /// Most columns of the exact model when `.exact` is forced.
    public static let maximumColumns = 1_000_000

    /// The plan from `current` with at most `maxMoves` SKUs changing slot. Throws only
    /// for an invalid current assignment or when `.exact` is forced and the model is too
    /// large or GLPK fails; `.auto` falls back to greedy instead.
    public static func plan(_ p: SlottingProblem, current: SlotAssignment, maxMoves: Int, method: ReslottingMethod = .auto,
                            timeLimit: Double = 30) throws(SlottingError) -> ReslottingPlan {
        let clock = Deadline(seconds: nil)
        let problems = p.violations(current)
        guard problems.isEmpty else { throw .invalidInput("the current assignment is not valid: \(problems.prefix(3).joined(separator: "; "))") }
        guard maxMoves >= 0 else { throw .invalidInput("the move budget must be at least 0, got \(maxMoves)") }
        let before = p.expectedCost(current)
        let greedyTarget = greedy(p, current: current, maxMoves: maxMoves)
        let exactModel = BudgetModel(p, current: current, maxMoves: maxMoves, bucketed: false)
        let useExact: Bool
        switch method {
        case .greedy: useExact = false
        case .auto: useExact = exactModel.columnCount <= exactColumns
        case .exact:
            guard exactModel.columnCount <= maximumColumns else {
                throw .solverFailed("the exact re-slotting model would have \(exactModel.columnCount) columns, more than \(maximumColumns); "
                                    + "use the greedy method")
            }
            useExact = true
        }

        var target = greedyTarget
        var used = ReslottingMethod.greedy
        var why = method == .greedy ? "as asked"
            : "the exact model would have \(exactModel.columnCount) columns, more than \(exactColumns)"
        var proven = false
        var bound: Double? = nil
        var source = ReslottingPlan.BoundSource.none
        var exactOutOfTime = false
        if useExact {
            do {
                let outcome = try exactModel.solve(start: greedyTarget, timeLimit: timeLimit)
                if outcome.bound == nil {
                    // Not even the LP relaxation in time: the same LP would not give a bound either.
                    exactOutOfTime = true
                    why = "GLPK ran out of time on the exact model of \(exactModel.columnCount) columns"
                } else {
                    // The start is the greedy plan: never worse (checked, not assumed).
                    if p.expectedCost(outcome.assignment) <= p.expectedCost(greedyTarget) + 1e-9 { target = outcome.assignment }
                    used = .exact
                    why = "exact model of \(exactModel.columnCount) columns"
                    proven = outcome.proven
                    bound = outcome.bound
                    source = .exactModel
                }
            } catch {
                if method == .exact { throw error }
                why = "GLPK failed on the exact model (\(error))"
            }
        }
        if used == .greedy && !exactOutOfTime {
            // A bound for the greedy plan: the exact model's LP relaxation.
            let model = exactModel.columnCount <= exactColumns ? exactModel
                : BudgetModel(p, current: current, maxMoves: maxMoves, bucketed: true)
            if let relaxation = try? model.relaxation(timeLimit: timeLimit) {
                bound = relaxation
                source = .budgetRelaxation
                proven = p.expectedCost(target) <= relaxation + 1e-7 * max(1, abs(relaxation))
            }
        }
        let order = MoveOrder(p, from: current, to: target)
        let after = p.expectedCost(target)
        return ReslottingPlan(assignment: target, moves: order.moves, skusMoved: order.skusMoved, costBefore: before, costAfter: after,
                              method: used, why: why, proven: proven, lowerBound: bound.map { min($0, after) }, boundSource: source,
                              cyclesWithoutSpare: order.cyclesWithoutSpare, seconds: clock.elapsedSeconds)
    }

    /// Greedy: at each step the change with the largest saving per move, while the
    /// budget lasts. A change is either a relocation (one SKU into a free slot that fits
    /// it: one move) or a swap (two SKUs trade slots: two moves). Returns the final
    /// assignment (a SKU moved twice counts twice against the budget here).
    static func greedy(_ p: SlottingProblem, current: SlotAssignment, maxMoves: Int) -> SlotAssignment {
        let w = p.warehouse
        let picks = p.history.picks.map(Double.init)
        let cost = w.slots.map { w.pickCost($0) }
        var slotOf = current.slotOfSKU
        var occupant = [Int](repeating: -1, count: w.slots.count)
        for (s, k) in slotOf.enumerated() { occupant[k] = s }
        var spent = 0

        while spent < maxMoves {
            // Best relocation into a free slot.
            var bestSaving = 0.0, bestPerMove = 0.0
            var relocation: (sku: Int, to: Int)? = nil
            // Slots of one kind (level, reserved class) fit the same SKUs: the cheapest
            // free slot of each kind is the only one worth trying.
            var cheapestFree: [Slot.Kind: Int] = [:]
            for k in w.slots.indices where occupant[k] == -1 {
                let kind = w.slots[k].kind
                if let c = cheapestFree[kind], cost[c] <= cost[k] { continue }
                cheapestFree[kind] = k
            }
            // Sorted with ties by index: dictionary order differs between runs.
            let heads = Array(cheapestFree.values).sorted { cost[$0] != cost[$1] ? cost[$0] < cost[$1] : $0 < $1 }
            for s in p.skus.indices where picks[s] > 0 {
                guard let f = heads.first(where: { cost[$0] < cost[slotOf[s]] && w.fits(p.skus[s], w.slots[$0]) }) else { continue }
                let saving = picks[s] * (cost[slotOf[s]] - cost[f])
                if saving > bestSaving { bestSaving = saving; relocation = (s, f) }
            }
            bestPerMove = bestSaving
            // Best swap among busy SKUs in dear slots and quiet SKUs in cheap slots.
            var swap: (a: Int, b: Int)? = nil
            if maxMoves - spent >= 2 {
                let busy = p.skus.indices.sorted {
                    let x = picks[$0] * cost[slotOf[$0]], y = picks[$1] * cost[slotOf[$1]]
                    return x != y ? x > y : $0 < $1
                }.prefix(swapCandidates)
                let quiet = p.skus.indices.sorted {
                    let x = (picks[$0] + 1) / (cost[slotOf[$0]] + 1e-9), y = (picks[$1] + 1) / (cost[slotOf[$1]] + 1e-9)
                    return x != y ? x < y : $0 < $1
                }.prefix(swapCandidates)
                for a in busy {
                    for b in quiet where a != b {
                        let saving = (picks[a] - picks[b]) * (cost[slotOf[a]] - cost[slotOf[b]])
                        guard saving / 2 > bestPerMove,
                              w.fits(p.skus[a], w.slots[slotOf[b]]), w.fits(p.skus[b], w.slots[slotOf[a]]) else { continue }
                        bestPerMove = saving / 2
                        swap = (a, b)
                    }
                }
            }
            if let (a, b) = swap {
                let ka = slotOf[a], kb = slotOf[b]
                slotOf[a] = kb; slotOf[b] = ka
                occupant[kb] = a; occupant[ka] = b
                spent += 2
            } else if let (s, f) = relocation {
                occupant[slotOf[s]] = -1
                occupant[f] = s
                slotOf[s] = f
                spent += 1
            } else {
                break
            }
        }
        return SlotAssignment(slotOfSKU: slotOf)
    }
}

/// The aggregated re-slotting model (see `Reslotting`), built once and solved either
/// as the exact MIP or as its LP relaxation. With `bucketed`, slot costs are grouped
/// into buckets priced at their cheapest slot (moves within a bucket allowed), which
/// keeps it small and makes it a relaxation: only its bound is used then.
struct BudgetModel {
    let problem: SlottingProblem
    let current: SlotAssignment
    let maxMoves: Int
    let bucketed: Bool
    /// Slot groups: members (slot indices, ascending) and the price of the group.
    let slotGroups: [(members: [Int], cost: Double)]
    /// SKU groups: members (SKU indices, ascending), picks, current slot group, and the
    /// exact cost of their current slots.
    let skuGroups: [(members: [Int], picks: Int, own: Int, ownCost: Double)]
    /// Per SKU group, which slot kinds fit it; per slot group, its kind.
    private let fittingOfGroup: [[Bool]]
    private let kindOfGroup: [Int]
    /// Columns of the model (one stay per SKU group, one per possible move), counted
    /// without building it.
    let columnCount: Int

    init(_ p: SlottingProblem, current: SlotAssignment, maxMoves: Int, bucketed: Bool) {
        self.problem = p
        self.current = current
        self.maxMoves = maxMoves
        self.bucketed = bucketed
        let w = p.warehouse
        let cost = w.slots.map { w.pickCost($0) }
        var kindIndex: [Slot.Kind: Int] = [:]
        var representative: [Int] = []
        var kindOfSlot = [Int](repeating: 0, count: w.slots.count)
        for slot in w.slots {
            if kindIndex[slot.kind] == nil { kindIndex[slot.kind] = representative.count; representative.append(slot.index) }
            kindOfSlot[slot.index] = kindIndex[slot.kind]!
        }
        let fitting = p.skus.map { sku in representative.map { w.fits(sku, w.slots[$0]) } }
        // Bucket width so that about `Reslotting.exactColumns` columns remain.
        var width = 0.0
        let lo = cost.min() ?? 0, hi = cost.max() ?? 0
        if bucketed {
            let buckets = max(1, Reslotting.exactColumns / max(1, p.skus.count * max(1, representative.count)))
            width = max(1e-9, (hi - lo) / Double(buckets))
        }
        struct SlotKey: Hashable { let kind: Int; let cost: Double }
        var slotIndex: [SlotKey: Int] = [:]
        var slotGroups: [(members: [Int], cost: Double)] = []
        var groupOfSlot = [Int](repeating: 0, count: w.slots.count)
        var kindOfGroup: [Int] = []
        for slot in w.slots {
            let key = SlotKey(kind: kindOfSlot[slot.index], cost: bucketed ? ((cost[slot.index] - lo) / width).rounded(.down) : cost[slot.index])
            if let g = slotIndex[key] {
                slotGroups[g].members.append(slot.index)
                slotGroups[g].cost = min(slotGroups[g].cost, cost[slot.index])
                groupOfSlot[slot.index] = g
            } else {
                slotIndex[key] = slotGroups.count
                groupOfSlot[slot.index] = slotGroups.count
                slotGroups.append(([slot.index], cost[slot.index]))
                kindOfGroup.append(key.kind)
            }
        }
        struct SKUKey: Hashable { let fitting: [Bool]; let picks: Int; let own: Int; let ownCost: Double }
        var skuIndex: [SKUKey: Int] = [:]
        var skuGroups: [(members: [Int], picks: Int, own: Int, ownCost: Double)] = []
        var fittingOfGroup: [[Bool]] = []
        for (s, k) in current.slotOfSKU.enumerated() {
            let key = SKUKey(fitting: fitting[s], picks: p.history.picks[s], own: groupOfSlot[k], ownCost: cost[k])
            if let g = skuIndex[key] { skuGroups[g].members.append(s) } else {
                skuIndex[key] = skuGroups.count
                skuGroups.append(([s], key.picks, key.own, key.ownCost))
                fittingOfGroup.append(key.fitting)
            }
        }
        self.slotGroups = slotGroups
        self.skuGroups = skuGroups
        self.fittingOfGroup = fittingOfGroup
        self.kindOfGroup = kindOfGroup
        var groupsOfKind = [Int](repeating: 0, count: representative.count)
        for kind in kindOfGroup { groupsOfKind[kind] += 1 }
        var columns = 0
        for g in skuGroups.indices {
            columns += 1 + groupsOfKind.indices.reduce(0) { $0 + (fittingOfGroup[g][$1] ? groupsOfKind[$1] : 0) }
            if !bucketed { columns -= 1 }  // no move within the own group
        }
        self.columnCount = columns
    }

    /// The slot groups SKU group `g` may move into, ascending.
    func targets(_ g: Int) -> [Int] {
        slotGroups.indices.filter { j in fittingOfGroup[g][kindOfGroup[j]] && (bucketed || j != skuGroups[g].own) }
    }

    /// The model: variables stay[G] then z[G,j] in `targets` order (the same layout
    /// whatever the arguments); integer or continuous. `fixing`, when given, holds values
    /// per variable: those that are integral are fixed there.
    func build(integer: Bool, fixing: [Double]? = nil) -> (model: LinearModel, stay: [Int], move: [[Int]]) {
        var model = LinearModel()
        let kind: LinearModel.Kind = integer ? .integer : .continuous
        var stay: [Int] = [], move: [[Int]] = []
        var capacity = [[(variable: Int, coefficient: Double)]](repeating: [], count: slotGroups.count)
        var budget: [(variable: Int, coefficient: Double)] = []
        func add(upper: Double, objective: Double) -> Int {
            var lower = 0.0, upper = upper
            if let fixing {
                let v = fixing[model.variables.count], r = v.rounded()
                if abs(v - r) < 1e-9 { lower = r; upper = r }
            }
            return model.addVariable(kind: kind, lower: lower, upper: upper, objective: objective)
        }
        for group in skuGroups {
            let x = add(upper: Double(group.members.count), objective: Double(group.picks) * group.ownCost)
            stay.append(x)
            capacity[group.own].append((x, 1))
            budget.append((x, 1))
        }
        for (g, group) in skuGroups.enumerated() {
            var row: [(variable: Int, coefficient: Double)] = [(stay[g], 1)]
            var zs: [Int] = []
            for j in targets(g) {
                let z = add(upper: Double(min(group.members.count, slotGroups[j].members.count)), objective: Double(group.picks) * slotGroups[j].cost)
                zs.append(z)
                row.append((z, 1))
                capacity[j].append((z, 1))
            }
            move.append(zs)
            let size = Double(group.members.count)
            model.addConstraint(row, lower: size, upper: size)
        }
        for (j, row) in capacity.enumerated() where !row.isEmpty {
            model.addConstraint(row, upper: Double(slotGroups[j].members.count))
        }
        // Σ (|G| − stay[G]) ≤ K  ⇔  Σ stay[G] ≥ N − K.
        model.addConstraint(budget, lower: Double(problem.skus.count - min(maxMoves, problem.skus.count)))
        return (model, stay, move)
    }

    /// The LP relaxation's optimum: a lower bound on the least cost within the budget.
    func relaxation(timeLimit: Double) throws(SlottingError) -> Double {
        let (model, _, _) = build(integer: false)
        let solution: LinearSolution
        do { solution = try GLPK.solve(model, timeLimit: timeLimit) } catch { throw .solverFailed("GLPK: \(error)") }
        guard solution.status == .optimal, let objective = solution.objective else {
            throw .solverFailed("GLPK did not solve the re-slotting LP relaxation in time")
        }
        return objective
    }

    /// The exact model from `plan` (a plan within the budget, e.g. the greedy one);
    /// never bucketed. Returns the best plan found, whether it is proven optimal, and
    /// the bound proven (nil when even the LP relaxation ran out of time).
    ///
    /// First the LP relaxation: integral, it is the answer. Otherwise its optimum is a
    /// vertex on an edge of the transportation polytope cut by the budget row, so what it
    /// left fractional is typically one cycle of moves: with every variable the LP made
    /// integral fixed, a small MIP rounds that cycle the best way. Only when that leaves
    /// a gap does the full MIP run, from the best plan so far, for the rest of the time.
    func solve(start plan: SlotAssignment, timeLimit: Double) throws(SlottingError) -> (assignment: SlotAssignment, proven: Bool, bound: Double?) {
        precondition(!bucketed, "a bucketed model is a relaxation only")
        let clock = Deadline(seconds: timeLimit)
        func remaining() -> Double { max(0.05, clock.remainingSeconds) }
        var best = plan, bestCost = problem.expectedCost(plan)
        func consider(_ values: [Double], _ stay: [Int], _ move: [[Int]]) {
            guard let candidate = try? assignment(values, stay: stay, move: move) else { return }
            let cost = problem.expectedCost(candidate)
            if cost < bestCost - 1e-9 { best = candidate; bestCost = cost }
        }
        func proven(_ bound: Double) -> Bool { bestCost <= bound + 1e-7 * max(1, abs(bound)) }

        let relaxed = build(integer: false)
        let lp: LinearSolution
        do { lp = try GLPK.solve(relaxed.model, timeLimit: remaining()) } catch { throw .solverFailed("GLPK: \(error)") }
        guard lp.status == .optimal, var bound = lp.objective else {
            if lp.status == .infeasible { throw .solverFailed("the re-slotting model is infeasible (a bug: today's assignment satisfies it)") }
            return (best, false, nil)
        }
        if lp.values.allSatisfy({ abs($0 - $0.rounded()) < 1e-9 }) {
            consider(lp.values, relaxed.stay, relaxed.move)
        } else {
            let rounding = build(integer: true, fixing: lp.values)
            if let r = try? GLPK.solve(rounding.model, timeLimit: remaining()), r.hasSolution {
                consider(r.values, rounding.stay, rounding.move)
            }
        }
        if proven(bound) { return (best, true, bound) }

        let full = build(integer: true)
        let start = values(of: best, stay: full.stay, move: full.move, count: full.model.variables.count)
        let startValid = (try? full.model.validateStart(start)) != nil
        let solution: LinearSolution
        do { solution = try GLPK.solve(full.model, start: startValid ? start : nil, timeLimit: remaining()) } catch {
            throw .solverFailed("GLPK: \(error)")
        }
        if solution.hasSolution { consider(solution.values, full.stay, full.move) }
        if let b = solution.bestBound { bound = max(bound, b) }
        return (best, proven(bound), bound)
    }

    /// A plan in model terms: per SKU group, who stays and where the others go.
    private func values(of plan: SlotAssignment, stay: [Int], move: [[Int]], count: Int) -> [Double] {
        let w = problem.warehouse
        var values = [Double](repeating: 0, count: count)
        var groupOfSlot = [Int](repeating: 0, count: w.slots.count)
        for (j, group) in slotGroups.enumerated() { for k in group.members { groupOfSlot[k] = j } }
        for (g, group) in skuGroups.enumerated() {
            let into = targets(g)
            for s in group.members {
                let to = groupOfSlot[plan.slotOfSKU[s]]
                // A move within the own group costs the same as staying: counted as a stay.
                if plan.slotOfSKU[s] == current.slotOfSKU[s] || to == group.own {
                    values[stay[g]] += 1
                } else if let t = into.firstIndex(of: to) {
                    values[move[g][t]] += 1
                }
            }
        }
        return values
    }

    /// The plan integral model values describe. Stayers keep their slots; movers fill
    /// the other slots of their target group, slots empty today first (fewer cycles to
    /// carry out), then by index.
    private func assignment(_ values: [Double], stay: [Int], move: [[Int]]) throws(SlottingError) -> SlotAssignment {
        let w = problem.warehouse
        func count(_ v: Int) throws(SlottingError) -> Int {
            let value = values[v], n = Int(value.rounded())
            guard abs(value - Double(n)) < 1e-6, n >= 0 else { throw .solverFailed("GLPK returned a fractional re-slotting plan") }
            return n
        }
        var slotOf = current.slotOfSKU
        var taken = [Bool](repeating: false, count: w.slots.count)
        var movers = [[Int]](repeating: [], count: slotGroups.count)
        for (g, group) in skuGroups.enumerated() {
            let staying = try count(stay[g])
            for s in group.members.prefix(staying) { taken[current.slotOfSKU[s]] = true }
            var leaving = group.members.dropFirst(staying).makeIterator()
            for (t, j) in targets(g).enumerated() {
                for _ in 0..<(try count(move[g][t])) {
                    guard let s = leaving.next() else { throw .solverFailed("re-slotting plan moves more SKUs than a group has") }
                    movers[j].append(s)
                }
            }
            guard leaving.next() == nil else { throw .solverFailed("re-slotting plan leaves a SKU without a slot") }
        }
        var occupiedToday = [Bool](repeating: false, count: w.slots.count)
        for k in current.slotOfSKU { occupiedToday[k] = true }
        for (j, group) in slotGroups.enumerated() where !movers[j].isEmpty {
            let free = group.members.filter { !taken[$0] }.sorted {
                occupiedToday[$0] != occupiedToday[$1] ? !occupiedToday[$0] : $0 < $1
            }
            guard free.count >= movers[j].count else { throw .solverFailed("re-slotting plan over a slot group's capacity") }
            for (s, k) in zip(movers[j].sorted(), free) { slotOf[s] = k; taken[k] = true }
        }
        let result = SlotAssignment(slotOfSKU: slotOf)
        let moved = zip(slotOf, current.slotOfSKU).filter { $0 != $1 }.count
        guard problem.violations(result).isEmpty, moved <= maxMoves else { throw .solverFailed("the re-slotting plan is not valid (a bug)") }
        return result
    }
}

/// The moves from one assignment to another, in an order that can be carried out:
/// every move goes into a slot that is empty at that moment.
///
/// SKUs whose target slot is empty today go first, and each frees its slot for the
/// SKU that wants it next (chains). What is left are cycles of SKUs taking each
/// other's slots; each is opened by moving one of its SKUs to a spare — a free slot
/// that fits it, the nearest by walking distance — after which the others follow and it
/// comes last from the spare to its target: one extra move per cycle. A cycle in which
/// no SKU fits any free slot is listed as a swap through a free hand: each move's target
/// is emptied by the next move (the SKU there is lifted aside), and the last move goes
/// into the slot the first one left; `cyclesWithoutSpare` counts those.
public struct MoveOrder: Sendable {
    public let moves: [ReslottingPlan.Move]
    /// SKUs whose slot differs between the two assignments.
    public let skusMoved: Int
    public let cyclesWithoutSpare: Int

    public init(_ p: SlottingProblem, from current: SlotAssignment, to target: SlotAssignment) {
        let w = p.warehouse
        var occupant = [Int](repeating: -1, count: w.slots.count)
        for (s, k) in current.slotOfSKU.enumerated() { occupant[k] = s }
        let moving = p.skus.indices.filter { current.slotOfSKU[$0] != target.slotOfSKU[$0] }
        // wants[k]: the moving SKU whose target is slot k.
        var wants = [Int](repeating: -1, count: w.slots.count)
        for s in moving { wants[target.slotOfSKU[s]] = s }
        var done = [Bool](repeating: false, count: p.skus.count)
        var moves: [ReslottingPlan.Move] = []
        var at = current.slotOfSKU
        func move(_ s: Int, to k: Int) {
            moves.append(.init(sku: s, from: at[s], to: k))
            occupant[at[s]] = -1
            occupant[k] = s
            at[s] = k
        }
        /// Moves `s` into its (empty) target, then whoever wanted the slot it left, and so on.
        func unwind(from s: Int) {
            var next = s
            while next >= 0 && !done[next] {
                let left = at[next]
                move(next, to: target.slotOfSKU[next])
                done[next] = true
                next = wants[left]
            }
        }
        // Chains: SKUs whose target is empty today, in index order.
        for s in moving where occupant[target.slotOfSKU[s]] == -1 && !done[s] { unwind(from: s) }
        // Cycles, each from its lowest-index SKU.
        var withoutSpare = 0
        for s in moving where !done[s] {
            var cycle = [s]
            while true {
                let t = occupant[target.slotOfSKU[cycle.last!]]
                if t == s || t < 0 { break }
                cycle.append(t)
            }
            // Open it at the first SKU (in cycle order) that fits a free slot.
            var opened = false
            for first in cycle {
                let from = w.slots[at[first]]
                var spare = -1, best = Double.infinity
                for k in w.slots.indices where occupant[k] == -1 && w.fits(p.skus[first], w.slots[k]) {
                    let d = w.walkingDistance(from, w.slots[k])
                    if d < best { best = d; spare = k }
                }
                guard spare >= 0 else { continue }
                let origin = at[first]
                move(first, to: spare)
                // Whoever wanted `origin`, and so on around the cycle back to `first`.
                var next = wants[origin]
                while next != first {
                    let left = at[next]
                    move(next, to: target.slotOfSKU[next])
                    done[next] = true
                    next = wants[left]
                }
                move(first, to: target.slotOfSKU[first])
                done[first] = true
                opened = true
                break
            }
            if !opened {
                // Through a free hand: each SKU into the next one's slot, in cycle order.
                withoutSpare += 1
                let slots = cycle.map { at[$0] }
                for (i, t) in cycle.enumerated() {
                    moves.append(.init(sku: t, from: slots[i], to: target.slotOfSKU[t]))
                    done[t] = true
                }
                for t in cycle { at[t] = target.slotOfSKU[t] }
                for t in cycle { occupant[at[t]] = t }
            }
        }
        self.moves = moves
        self.skusMoved = moving.count
        self.cyclesWithoutSpare = withoutSpare
    }
}
