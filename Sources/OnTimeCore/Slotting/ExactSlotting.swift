/// Exact slotting as a transportation problem solved by GLPK.
///
/// SKUs that fit the same slots and have the same pick count are interchangeable, and
/// so are slots of the same kind (level, reserved class) and pick cost: the assignment
/// problem collapses to a transportation problem from SKU groups (supply = how many)
/// to slot groups (capacity = how many), cost picks × pick cost. Its constraint matrix
/// is totally unimodular, so the LP optimum is integral and GLPK's simplex solves it
/// exactly. When there would be too many columns, slot costs are bucketed: each bucket
/// is priced at its cheapest slot, which makes the LP a lower bound, and the plan is
/// recovered by putting each bucket's busiest SKUs in its cheapest slots (an upper
/// bound); both are reported.
///
/// When families must be kept together (`FamilyRule`) and some are, the problem is a
/// MIP instead: see `FamilySlotting`.
enum ExactSlotting {
    struct Outcome {
        let assignment: SlotAssignment
        /// A proven lower bound on the least expected cost (nil when none was proven in time).
        let lowerBound: Double?
        /// What was solved and how it ended, for the report.
        let detail: String
    }

    /// Most LP columns before slot costs are bucketed.
    static let maximumColumns = 400_000

    static func solve(_ p: SlottingProblem, families rule: FamilyRule = .none, timeLimit: Double) throws(SlottingError) -> Outcome {
        let families = p.familyGroups(rule)
        if !families.isEmpty { return try FamilySlotting(p, families: families).solve(timeLimit: timeLimit) }
        return try transportation(p, timeLimit: timeLimit)
    }

    /// The transportation problem (no family constraint).
    static func transportation(_ p: SlottingProblem, timeLimit: Double) throws(SlottingError) -> Outcome {
        let w = p.warehouse
        // Slot kinds, and for each SKU the kinds it fits.
        var kindIndex: [Slot.Kind: Int] = [:]
        var kinds: [Slot.Kind] = []
        var kindOfSlot = [Int](repeating: 0, count: w.slots.count)
        var representative: [Int] = []
        for slot in w.slots {
            let kind = slot.kind
            if kindIndex[kind] == nil { kindIndex[kind] = kinds.count; kinds.append(kind); representative.append(slot.index) }
            kindOfSlot[slot.index] = kindIndex[kind]!
        }
        // SKU groups: same fitting kinds, same picks.
        struct SKUKey: Hashable { let fitting: [Bool]; let picks: Int }
        var skuGroupIndex: [SKUKey: Int] = [:]
        var skuGroups: [(key: SKUKey, members: [Int])] = []
        for (s, sku) in p.skus.enumerated() {
            let key = SKUKey(fitting: representative.map { w.fits(sku, w.slots[$0]) }, picks: p.history.picks[s])
            if let g = skuGroupIndex[key] { skuGroups[g].members.append(s) } else {
                skuGroupIndex[key] = skuGroups.count
                skuGroups.append((key, [s]))
            }
        }
        // Slot groups: kind × cost (bucketed when there would be too many columns).
        let costs = w.slots.map { w.pickCost($0) }
        let distinct = Set(costs).count
        let bucketsWanted = max(1, maximumColumns / max(1, skuGroups.count * max(1, kinds.count)))
        let bucketed = distinct > bucketsWanted
        let lo = costs.min() ?? 0, hi = costs.max() ?? 0
        let width = bucketed ? max(1e-9, (hi - lo) / Double(bucketsWanted)) : 0
        struct SlotKey: Hashable { let kind: Int; let cost: Double }
        var slotGroupIndex: [SlotKey: Int] = [:]
        var slotGroups: [(kind: Int, cost: Double, members: [Int])] = []
        for slot in w.slots {
            let key = SlotKey(kind: kindOfSlot[slot.index],
                              cost: bucketed ? ((costs[slot.index] - lo) / width).rounded(.down) : costs[slot.index])
            if let g = slotGroupIndex[key] {
                slotGroups[g].members.append(slot.index)
                slotGroups[g].cost = min(slotGroups[g].cost, costs[slot.index])
            } else {
                slotGroupIndex[key] = slotGroups.count
                slotGroups.append((key.kind, costs[slot.index], [slot.index]))
            }
        }

        var model = LinearModel()
        var columns: [(skuGroup: Int, slotGroup: Int, variable: Int)] = []
        var supplyRows = [[(variable: Int, coefficient: Double)]](repeating: [], count: skuGroups.count)
        var capacityRows = [[(variable: Int, coefficient: Double)]](repeating: [], count: slotGroups.count)
        for (i, group) in skuGroups.enumerated() {
            for (j, slots) in slotGroups.enumerated() where group.key.fitting[slots.kind] {
                let x = model.addVariable(kind: .continuous, lower: 0, upper: Double(min(group.members.count, slots.members.count)),
                                          objective: Double(group.key.picks) * slots.cost)
                columns.append((i, j, x))
                supplyRows[i].append((x, 1))
                capacityRows[j].append((x, 1))
            }
        }
        for (i, row) in supplyRows.enumerated() {
            let supply = Double(skuGroups[i].members.count)
            model.addConstraint(row, lower: supply, upper: supply)
        }
        for (j, row) in capacityRows.enumerated() where !row.isEmpty {
            model.addConstraint(row, upper: Double(slotGroups[j].members.count))
        }
        let solution: LinearSolution
        do { solution = try GLPK.solve(model, timeLimit: timeLimit) } catch {
            throw .solverFailed("GLPK: \(error)")
        }
        switch solution.status {
        case .optimal: break
        case .infeasible: throw .infeasible("the slots that fit cannot hold every SKU (checked exactly)")
        case .timeLimitWithoutSolution, .feasible:
            throw .solverFailed("GLPK did not finish the slotting LP within \(timeLimit) s")
        case .unbounded: throw .solverFailed("the slotting LP is unbounded (a bug)")
        }

        // Recover the plan: per slot group, the SKUs sent there, busiest into cheapest.
        var remaining = skuGroups.map { $0.members }
        var intoGroup = [[Int]](repeating: [], count: slotGroups.count)
        for column in columns {
            let amount = Int(solution.values[column.variable].rounded())
            guard amount > 0 else { continue }
            let take = min(amount, remaining[column.skuGroup].count)
            intoGroup[column.slotGroup] += remaining[column.skuGroup].suffix(take)
            remaining[column.skuGroup].removeLast(take)
        }
        guard remaining.allSatisfy(\.isEmpty) else {
            throw .solverFailed("GLPK returned a fractional slotting LP solution (not expected of a transportation problem)")
        }
        var result = [Int](repeating: -1, count: p.skus.count)
        for (j, group) in slotGroups.enumerated() {
            let skus = intoGroup[j].sorted { p.history.picks[$0] != p.history.picks[$1] ? p.history.picks[$0] > p.history.picks[$1] : $0 < $1 }
            let slots = group.members.sorted { costs[$0] != costs[$1] ? costs[$0] < costs[$1] : $0 < $1 }
            guard skus.count <= slots.count else { throw .solverFailed("slot group over capacity in the LP solution") }
            for (s, k) in zip(skus, slots) { result[s] = k }
        }
        let detail = bucketed ? "transportation LP with slot costs bucketed (\(columns.count) columns): its optimum is a bound"
                              : "transportation LP (\(columns.count) columns), optimal"
        return Outcome(assignment: SlotAssignment(slotOfSKU: result), lowerBound: solution.objective ?? 0, detail: detail)
    }
}
