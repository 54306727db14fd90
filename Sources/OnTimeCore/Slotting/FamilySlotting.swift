/// Exact slotting with family adjacency (`FamilyRule.aisle`): a MIP solved by GLPK.
///
/// Family groups (see `FamilyRule`) must each sit in one aisle; within its aisle a SKU
/// may take any slot that fits it. So only the aisle of a family SKU is tied to its
/// family, and within an aisle SKUs with the same picks and fitting slot kinds are
/// interchangeable whatever their family. The model counts SKUs by *type* — same
/// fitting kinds, same picks, and whether in a family group — sent to slot groups
/// (kind × pick cost × aisle). With x[t,j] ≥ 0 the number of SKUs of type t in slot
/// group j, y[f,a] binary "family group f uses aisle a", and n[t,f] the members of f
/// of type t:
///
///     minimise   Σ picks(t) · cost(j) · x[t,j]
///     subject to Σ_j x[t,j] = |t|                               every type without a family
///                Σ_{j in aisle a} x[t,j] = Σ_f n[t,f] · y[f,a]  every family type t and aisle a
///                Σ_t x[t,j] ≤ |j|                               every slot group
///                Σ_a y[f,a] = 1                                 every family group
///
/// with columns only where the type fits and y[f,a] only for aisles that can hold the
/// whole family group. Once y is integral the rest is a network flow, so optimal x are
/// integral (checked when the plan is recovered). Aggregating family SKUs by type
/// rather than one row per SKU and aisle gives the same LP relaxation with far fewer
/// rows. When there would be more than `maximumColumns` columns, slot costs are
/// bucketed per aisle and priced at each bucket's cheapest slot: the model then
/// bounds the cost from below and the plan puts each bucket's busiest SKUs into its
/// cheapest slots.
///
/// How it runs, within one time limit: a greedy plan keeping families together
/// (`FamilyGreedy`); the same model with the greedy plan's aisles fixed, which is a
/// transportation LP and gives the best plan for those aisles; then the MIP, started
/// from that plan so that it always has one, stopped at the time limit. Its bound is
/// GLPK's best proven bound, never weaker than the transportation LP without families
/// (also solved, first, as a bound of last resort).
struct FamilySlotting {
    let problem: SlottingProblem
    let families: [[Int]]
    /// Per family group, the aisles that can hold it, ascending.
    let allowedAisles: [[Int]]

    /// Most columns before slot costs are bucketed.
    static let maximumColumns = 150_000

    /// SKU types: members (ascending), picks, fitting kinds, and per family group the
    /// number of its members of this type (empty for a type without a family).
    private let types: [(members: [Int], picks: Int, fitting: [Bool], perFamily: [(family: Int, count: Int)])]
    private let typeOfSKU: [Int]
    /// Per type, the aisles one of its family groups may use (all aisles without family).
    private let aislesOfType: [[Int]]
    /// Slot groups: kind, price (cheapest slot), aisle, members (ascending slot index).
    private let slotGroups: [(kind: Int, cost: Double, aisle: Int, members: [Int])]
    private let groupOfSlot: [Int]
    let bucketed: Bool
    let columnCount: Int

    /// Groups SKUs and slots for the MIP, or with `fixed` (an aisle per family group) for
    /// the transportation LP with those aisles, bucketing slot costs only when the model
    /// would have more than `columnLimit` columns.
    init(_ p: SlottingProblem, families: [[Int]], fixed: [Int]? = nil, columnLimit: Int = maximumColumns) throws(SlottingError) {
        self.problem = p
        self.families = families
        let w = p.warehouse
        var kindIndex: [Slot.Kind: Int] = [:]
        var representative: [Int] = []
        var kindOfSlot = [Int](repeating: 0, count: w.slots.count)
        for slot in w.slots {
            if kindIndex[slot.kind] == nil { kindIndex[slot.kind] = representative.count; representative.append(slot.index) }
            kindOfSlot[slot.index] = kindIndex[slot.kind]!
        }
        let kindCount = representative.count
        let fitting = p.skus.map { sku in representative.map { w.fits(sku, w.slots[$0]) } }
        var slotsOfKind = [[Int]](repeating: [Int](repeating: 0, count: kindCount), count: w.aisles)
        for slot in w.slots { slotsOfKind[slot.aisle][kindOfSlot[slot.index]] += 1 }

        // Aisles that can hold each family group: every member fits some slot there, and
        // there are as many slots fitting some member as members.
        var allowed: [[Int]] = []
        for group in families {
            let aisles = (0..<w.aisles).filter { a in
                let everyMemberFits = group.allSatisfy { s in (0..<kindCount).contains { fitting[s][$0] && slotsOfKind[a][$0] > 0 } }
                let usable = (0..<kindCount).reduce(0) { total, k in total + (group.contains { fitting[$0][k] } ? slotsOfKind[a][k] : 0) }
                return everyMemberFits && usable >= group.count
            }
            guard !aisles.isEmpty else {
                throw .infeasible("no aisle can hold all of \(p.describeFamily(group)) (their sizes, weights and class)")
            }
            allowed.append(aisles)
        }
        self.allowedAisles = allowed

        var familyOf = [Int](repeating: -1, count: p.skus.count)
        for (f, group) in families.enumerated() { for s in group { familyOf[s] = f } }
        struct TypeKey: Hashable { let fitting: [Bool]; let picks: Int; let inFamily: Bool }
        var typeIndex: [TypeKey: Int] = [:]
        var types: [(members: [Int], picks: Int, fitting: [Bool], perFamily: [(family: Int, count: Int)])] = []
        var typeOfSKU = [Int](repeating: 0, count: p.skus.count)
        for s in p.skus.indices {
            let key = TypeKey(fitting: fitting[s], picks: p.history.picks[s], inFamily: familyOf[s] >= 0)
            if let t = typeIndex[key] { types[t].members.append(s); typeOfSKU[s] = t } else {
                typeIndex[key] = types.count
                typeOfSKU[s] = types.count
                types.append(([s], key.picks, key.fitting, []))
            }
        }
        var aislesOfType: [[Int]] = []
        for t in types.indices {
            var counts: [Int: Int] = [:]
            for s in types[t].members where familyOf[s] >= 0 { counts[familyOf[s], default: 0] += 1 }
            types[t].perFamily = counts.map { ($0.key, $0.value) }.sorted { $0.family < $1.family }
            let aisles = counts.keys.flatMap { family in fixed.map { [$0[family]] } ?? allowed[family] }
            aislesOfType.append(counts.isEmpty ? Array(0..<w.aisles) : Set(aisles).sorted())
        }
        self.types = types
        self.typeOfSKU = typeOfSKU
        self.aislesOfType = aislesOfType

        // Slot groups: exact costs when the model fits, else buckets per aisle, shrunk
        // until it does.
        let cost = w.slots.map { w.pickCost($0) }
        var low = [Double](repeating: .infinity, count: w.aisles), high = [Double](repeating: -.infinity, count: w.aisles)
        for slot in w.slots { low[slot.aisle] = min(low[slot.aisle], cost[slot.index]); high[slot.aisle] = max(high[slot.aisle], cost[slot.index]) }
        let span = zip(low, high).map { $1 - $0 }.max() ?? 0
        struct SlotKey: Hashable { let kind: Int; let cost: Double; let aisle: Int }
        func key(_ slot: Slot, _ width: Double) -> SlotKey {
            SlotKey(kind: kindOfSlot[slot.index],
                    cost: width > 0 ? ((cost[slot.index] - low[slot.aisle]) / width).rounded(.down) : cost[slot.index], aisle: slot.aisle)
        }
        func columns(_ width: Double) -> Int {
            var groups = [[Int]](repeating: [Int](repeating: 0, count: w.aisles), count: kindCount)
            for k in Set(w.slots.map { key($0, width) }) { groups[k.kind][k.aisle] += 1 }
            var count = 0
            for (t, type) in types.enumerated() {
                for k in 0..<kindCount where type.fitting[k] { for a in aislesOfType[t] { count += groups[k][a] } }
            }
            return count
        }
        var width = 0.0
        var count = columns(0)
        var buckets = Set(cost).count
        while count > columnLimit && buckets > 1 {
            buckets = max(1, min(buckets - 1, Int(Double(buckets) * Double(columnLimit) / Double(count) * 0.95)))
            width = max(1e-9, span / Double(buckets))
            count = columns(width)
        }
        self.bucketed = width > 0
        self.columnCount = count
        var groupIndex: [SlotKey: Int] = [:]
        var slotGroups: [(kind: Int, cost: Double, aisle: Int, members: [Int])] = []
        var groupOfSlot = [Int](repeating: 0, count: w.slots.count)
        for slot in w.slots {
            let k = key(slot, width)
            if let g = groupIndex[k] {
                slotGroups[g].members.append(slot.index)
                slotGroups[g].cost = min(slotGroups[g].cost, cost[slot.index])
                groupOfSlot[slot.index] = g
            } else {
                groupIndex[k] = slotGroups.count
                groupOfSlot[slot.index] = slotGroups.count
                slotGroups.append((k.kind, cost[slot.index], slot.aisle, [slot.index]))
            }
        }
        self.slotGroups = slotGroups
        self.groupOfSlot = groupOfSlot
    }

    /// The model's variables: x per (type, slot group) column, then y per (family, aisle).
    private struct Built {
        var model: LinearModel
        var columns: [(type: Int, group: Int, variable: Int)]
        var column: [Int: Int]  // type · slotGroups.count + group → variable
        var y: [[Int: Int]]     // per family group: aisle → variable (empty with fixed aisles)
    }

    /// The MIP, or with `fixed` (an aisle per family group) the transportation LP for
    /// those aisles.
    private func build(fixed: [Int]? = nil) -> Built {
        var model = LinearModel()
        var columns: [(type: Int, group: Int, variable: Int)] = []
        var column: [Int: Int] = [:]
        var capacity = [[(variable: Int, coefficient: Double)]](repeating: [], count: slotGroups.count)
        var supply = [[(variable: Int, coefficient: Double)]](repeating: [], count: types.count)
        var perAisle = [[Int: [(variable: Int, coefficient: Double)]]](repeating: [:], count: types.count)
        var groupsOfAisle = [[Int]](repeating: [], count: problem.warehouse.aisles)
        for (j, group) in slotGroups.enumerated() { groupsOfAisle[group.aisle].append(j) }
        for (t, type) in types.enumerated() {
            let aisles = fixed.map { f in type.perFamily.isEmpty ? aislesOfType[t] : Set(type.perFamily.map { f[$0.family] }).sorted() }
                ?? aislesOfType[t]
            for a in aisles {
                for j in groupsOfAisle[a] where type.fitting[slotGroups[j].kind] {
                    let x = model.addVariable(kind: .continuous, lower: 0, upper: Double(min(type.members.count, slotGroups[j].members.count)),
                                              objective: Double(type.picks) * slotGroups[j].cost)
                    columns.append((t, j, x))
                    column[t * slotGroups.count + j] = x
                    capacity[j].append((x, 1))
                    if type.perFamily.isEmpty { supply[t].append((x, 1)) } else { perAisle[t][a, default: []].append((x, 1)) }
                }
            }
        }
        var y = [[Int: Int]](repeating: [:], count: families.count)
        if fixed == nil {
            for (f, aisles) in allowedAisles.enumerated() {
                for a in aisles { y[f][a] = model.addVariable("y[\(f),\(a)]", kind: .binary) }
                model.addConstraint(aisles.map { (y[f][$0]!, 1.0) }, lower: 1, upper: 1, name: "one aisle for family \(f)")
            }
        }
        for (t, type) in types.enumerated() {
            if type.perFamily.isEmpty {
                let n = Double(type.members.count)
                model.addConstraint(supply[t], lower: n, upper: n)
                continue
            }
            let aisles = fixed.map { f in Set(type.perFamily.map { f[$0.family] }).sorted() } ?? aislesOfType[t]
            for a in aisles {
                let row = perAisle[t][a] ?? []
                if let fixed {
                    let n = Double(type.perFamily.reduce(0) { $0 + (fixed[$1.family] == a ? $1.count : 0) })
                    model.addConstraint(row, lower: n, upper: n)
                } else {
                    let ys = type.perFamily.compactMap { entry in y[entry.family][a].map { ($0, -Double(entry.count)) } }
                    model.addConstraint(row + ys, lower: 0, upper: 0)
                }
            }
        }
        for (j, row) in capacity.enumerated() where !row.isEmpty {
            model.addConstraint(row, upper: Double(slotGroups[j].members.count))
        }
        return Built(model: model, columns: columns, column: column, y: y)
    }

    /// A plan keeping families together, as values of `built`'s variables (nil when it
    /// uses a column the model lacks).
    private func values(of plan: SlotAssignment, in built: Built) -> [Double]? {
        var values = [Double](repeating: 0, count: built.model.variables.count)
        for (s, k) in plan.slotOfSKU.enumerated() {
            guard let x = built.column[typeOfSKU[s] * slotGroups.count + groupOfSlot[k]] else { return nil }
            values[x] += 1
        }
        for (f, group) in families.enumerated() where !built.y[f].isEmpty {
            guard let y = built.y[f][problem.warehouse.slots[plan.slotOfSKU[group[0]]].aisle] else { return nil }
            values[y] = 1
        }
        return values
    }

    /// The plan a solution of `built` describes, with the aisle of every family group.
    private func recover(_ solution: LinearSolution, _ built: Built, fixed: [Int]?) throws(SlottingError) -> SlotAssignment {
        let p = problem, w = p.warehouse
        var aisleOf = fixed ?? []
        if fixed == nil {
            for f in families.indices {
                guard let a = built.y[f].keys.sorted().first(where: { solution.values[built.y[f][$0]!] > 0.5 }) else {
                    throw .solverFailed("GLPK left family group \(f) without an aisle")
                }
                aisleOf.append(a)
            }
        }
        // Per type and aisle, the SKUs still to place there (family SKUs in their
        // family's aisle; SKUs without a family under the key -1), ascending.
        var waiting = [[Int: [Int]]](repeating: [:], count: types.count)
        var familyOf = [Int](repeating: -1, count: p.skus.count)
        for (f, group) in families.enumerated() { for s in group { familyOf[s] = f } }
        for (t, type) in types.enumerated() {
            for s in type.members.reversed() { waiting[t][familyOf[s] >= 0 ? aisleOf[familyOf[s]] : -1, default: []].append(s) }
        }
        var intoGroup = [[Int]](repeating: [], count: slotGroups.count)
        for column in built.columns {
            let value = solution.values[column.variable], amount = Int(value.rounded())
            guard abs(value - Double(amount)) < 1e-6 else {
                throw .solverFailed("GLPK returned a fractional family slotting solution (not expected of this model)")
            }
            guard amount > 0 else { continue }
            let where_ = types[column.type].perFamily.isEmpty ? -1 : slotGroups[column.group].aisle
            for _ in 0..<amount {
                guard let s = waiting[column.type][where_]?.popLast() else {
                    throw .solverFailed("the family slotting solution places more SKUs in an aisle than its families bring")
                }
                intoGroup[column.group].append(s)
            }
        }
        guard waiting.allSatisfy({ $0.values.allSatisfy(\.isEmpty) }) else {
            throw .solverFailed("the family slotting solution leaves SKUs without a slot")
        }
        let cost = w.slots.map { w.pickCost($0) }
        var result = [Int](repeating: -1, count: p.skus.count)
        for (j, group) in slotGroups.enumerated() {
            let skus = intoGroup[j].sorted { p.history.picks[$0] != p.history.picks[$1] ? p.history.picks[$0] > p.history.picks[$1] : $0 < $1 }
            let slots = group.members.sorted { cost[$0] != cost[$1] ? cost[$0] < cost[$1] : $0 < $1 }
            guard skus.count <= slots.count else { throw .solverFailed("slot group over capacity in the family slotting solution") }
            for (s, k) in zip(skus, slots) { result[s] = k }
        }
        return SlotAssignment(slotOfSKU: result)
    }

    func solve(timeLimit: Double, relativeGap: Double = 1e-4) throws(SlottingError) -> ExactSlotting.Outcome {
        let p = problem
        let clock = Deadline(seconds: timeLimit)
        func remaining() -> Double { max(0.05, clock.remainingSeconds) }
        var best: SlotAssignment? = nil
        func consider(_ plan: SlotAssignment) {
            if best == nil || p.expectedCost(plan) < p.expectedCost(best!) - 1e-9 { best = plan }
        }
        // The bound of last resort: without families (the transportation LP).
        let relaxed = try? ExactSlotting.transportation(p, timeLimit: remaining())
        var bound = relaxed?.lowerBound
        var steps: [String] = []
        // The greedy plan, then the best plan for its aisles (a transportation LP, with
        // the columns budget of the one without families).
        if let greedy = FamilyGreedy.place(p, families: families, allowedAisles: allowedAisles) {
            consider(greedy)
            let aisles = families.map { p.warehouse.slots[greedy.slotOfSKU[$0[0]]].aisle }
            if let fixed = try? FamilySlotting(p, families: families, fixed: aisles, columnLimit: ExactSlotting.maximumColumns) {
                let model = fixed.build(fixed: aisles)
                if let solution = try? GLPK.solve(model.model, timeLimit: remaining()), solution.status == .optimal,
                   let plan = try? fixed.recover(solution, model, fixed: aisles) {
                    consider(plan)
                }
            }
            steps.append("greedy + LP for its aisles \(String(format: "%.1f", p.expectedCost(best!)))")
        }
        // The MIP from the best plan so far.
        let built = build()
        let start = best.flatMap { values(of: $0, in: built) }
        let solution: LinearSolution
        do { solution = try GLPK.solve(built.model, start: start, timeLimit: remaining(), relativeGap: relativeGap) } catch {
            throw .solverFailed("GLPK: \(error)")
        }
        switch solution.status {
        case .optimal, .feasible:
            consider(try recover(solution, built, fixed: nil))
        case .infeasible:
            throw .infeasible("no assignment keeps every family group in one aisle (checked exactly)")
        case .timeLimitWithoutSolution:
            guard best != nil else {
                throw .solverFailed("no assignment keeping families in one aisle found within \(timeLimit) s (raise --time-limit)")
            }
        case .unbounded:
            throw .solverFailed("the family slotting MIP is unbounded (a bug)")
        }
        if let b = solution.bestBound { bound = max(bound ?? b, b) }
        guard let plan = best else { throw .solverFailed("no assignment keeping families in one aisle found") }
        let how: String
        switch solution.status {
        case .optimal where relativeGap == 0 && !bucketed: how = "optimal"
        case .optimal: how = "stopped within \(relativeGap * 100) % of the model's bound"
        case .feasible: how = "stopped by the time limit"
        default: how = "stopped by the time limit before the MIP's LP relaxation was solved"
        }
        let size = "\(families.count) family groups, \(built.model.variables.count) variables\(bucketed ? ", slot costs bucketed" : "")"
        let boundSource = bound == nil ? "no bound" : (solution.bestBound ?? -.infinity) >= (relaxed?.lowerBound ?? -.infinity)
            ? "bound from the MIP" : "bound from the LP without families"
        return ExactSlotting.Outcome(assignment: plan, lowerBound: bound,
                                     detail: "family MIP (\(size)), \(how) in \(String(format: "%.1f", clock.elapsedSeconds)) s; \(boundSource)"
                                        + (steps.isEmpty ? "" : "; start: " + steps.joined(separator: ", ")))
    }
}

/// A quick plan that keeps every family group in one aisle: units (a family group, or
/// a single SKU outside any) by picks per member, busiest first; a single SKU takes the
/// cheapest free slot that fits it, a family group the aisle where its members, busiest
/// into cheapest, cost least. Deterministic (ties by index); nil when it strands a SKU
/// (it is not a matching), after retrying with the most constrained units first.
enum FamilyGreedy {
    static func place(_ p: SlottingProblem, families: [[Int]], allowedAisles: [[Int]]) -> SlotAssignment? {
        let w = p.warehouse
        var inFamily = [Bool](repeating: false, count: p.skus.count)
        for group in families { for s in group { inFamily[s] = true } }
        // Units: family groups and lone SKUs; `f` ≥ 0 names the family group.
        var units: [(members: [Int], family: Int)] = families.enumerated().map { ($1, $0) }
        units += p.skus.indices.filter { !inFamily[$0] }.map { ([$0], -1) }
        func density(_ u: (members: [Int], family: Int)) -> Double {
            Double(u.members.reduce(0) { $0 + p.history.picks[$1] }) / Double(u.members.count)
        }
        let busiest = units.sorted { density($0) != density($1) ? density($0) > density($1) : $0.members[0] < $1.members[0] }
        if let plan = attempt(p, units: busiest, allowedAisles: allowedAisles) { return plan }
        // Retry: units whose SKUs fit the fewest slots first.
        var slotsOfKind: [Slot.Kind: (representative: Int, count: Int)] = [:]
        for slot in w.slots { slotsOfKind[slot.kind, default: (slot.index, 0)].count += 1 }
        let kinds = slotsOfKind.values.sorted { $0.representative < $1.representative }
        let fitting = p.skus.map { sku in kinds.reduce(0) { $0 + (w.fits(sku, w.slots[$1.representative]) ? $1.count : 0) } }
        func tightness(_ u: (members: [Int], family: Int)) -> Int { u.members.map { fitting[$0] }.min()! }
        let constrained = units.sorted {
            tightness($0) != tightness($1) ? tightness($0) < tightness($1)
                : density($0) != density($1) ? density($0) > density($1) : $0.members[0] < $1.members[0]
        }
        return attempt(p, units: constrained, allowedAisles: allowedAisles)
    }

    private static func attempt(_ p: SlottingProblem, units: [(members: [Int], family: Int)], allowedAisles: [[Int]]) -> SlotAssignment? {
        let w = p.warehouse
        let cost = w.slots.map { w.pickCost($0) }
        // Free slots per aisle and kind, cheapest first (ties by index); slots are only
        // ever taken, so a cursor per list suffices.
        var kindIndex: [Slot.Kind: Int] = [:]
        for slot in w.slots where kindIndex[slot.kind] == nil { kindIndex[slot.kind] = kindIndex.count }
        var lists = [[[Int]]](repeating: [[Int]](repeating: [], count: kindIndex.count), count: w.aisles)
        for slot in w.slots { lists[slot.aisle][kindIndex[slot.kind]!].append(slot.index) }
        for a in lists.indices {
            for k in lists[a].indices { lists[a][k].sort { cost[$0] != cost[$1] ? cost[$0] < cost[$1] : $0 < $1 } }
        }
        var cursor = [[Int]](repeating: [Int](repeating: 0, count: kindIndex.count), count: w.aisles)
        /// The cheapest free slot in `aisles` fitting `s`, given the cursors.
        func cheapest(_ s: Int, in aisles: [Int], _ cursor: [[Int]]) -> (aisle: Int, kind: Int, slot: Int)? {
            var best: (aisle: Int, kind: Int, slot: Int)? = nil
            for a in aisles {
                for k in lists[a].indices where cursor[a][k] < lists[a][k].count {
                    let slot = lists[a][k][cursor[a][k]]
                    guard w.fits(p.skus[s], w.slots[slot]) else { continue }
                    if let b = best, cost[b.slot] < cost[slot] || (cost[b.slot] == cost[slot] && b.slot < slot) { continue }
                    best = (a, k, slot)
                }
            }
            return best
        }
        let everyAisle = Array(0..<w.aisles)
        var result = [Int](repeating: -1, count: p.skus.count)
        for unit in units {
            if unit.family < 0 {
                let s = unit.members[0]
                guard let c = cheapest(s, in: everyAisle, cursor) else { return nil }
                result[s] = c.slot
                cursor[c.aisle][c.kind] += 1
                continue
            }
            let members = unit.members.sorted { p.history.picks[$0] != p.history.picks[$1] ? p.history.picks[$0] > p.history.picks[$1] : $0 < $1 }
            var best: (cost: Double, aisle: Int, slots: [Int], cursor: [[Int]])? = nil
            for a in allowedAisles[unit.family] {
                var trial = cursor, slots: [Int] = [], total = 0.0, placed = true
                for s in members {
                    guard let c = cheapest(s, in: [a], trial) else { placed = false; break }
                    slots.append(c.slot)
                    total += Double(p.history.picks[s]) * cost[c.slot]
                    trial[c.aisle][c.kind] += 1
                }
                if placed && (best == nil || total < best!.cost) { best = (total, a, slots, trial) }
            }
            guard let chosen = best else { return nil }
            for (s, k) in zip(members, chosen.slots) { result[s] = k }
            cursor = chosen.cursor
        }
        return SlotAssignment(slotOfSKU: result)
    }
}
