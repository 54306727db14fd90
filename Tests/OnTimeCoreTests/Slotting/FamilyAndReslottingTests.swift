import Testing
@testable import OnTimeCore

/// Least expected cost over every injective assignment that fits, keeping each family
/// group in one aisle when `families` is `.aisle`, and changing at most `maxMoves`
/// SKUs' slots from `current` when given (brute force, for tiny instances).
func bruteForceSlotting(_ p: SlottingProblem, families: FamilyRule = .none, current: SlotAssignment? = nil,
                        maxMoves: Int = .max) -> Double {
    let w = p.warehouse
    let groups = p.familyGroups(families)
    var groupOf = [Int](repeating: -1, count: p.skus.count)
    for (g, members) in groups.enumerated() { for s in members { groupOf[s] = g } }
    var aisleOfGroup = [Int](repeating: -1, count: groups.count)
    var placedInGroup = [Int](repeating: 0, count: groups.count)
    var used = [Bool](repeating: false, count: w.slots.count)
    var best = Double.infinity
    func place(_ s: Int, _ cost: Double, _ moved: Int) {
        if s == p.skus.count { best = min(best, cost); return }
        for k in w.slots.indices where !used[k] && w.fits(p.skus[s], w.slots[k]) {
            let changes = moved + ((current.map { $0.slotOfSKU[s] != k } ?? false) ? 1 : 0)
            guard changes <= maxMoves else { continue }
            let g = groupOf[s]
            if g >= 0 && placedInGroup[g] > 0 && aisleOfGroup[g] != w.slots[k].aisle { continue }
            used[k] = true
            if g >= 0 { if placedInGroup[g] == 0 { aisleOfGroup[g] = w.slots[k].aisle }; placedInGroup[g] += 1 }
            place(s + 1, cost + Double(p.history.picks[s]) * w.pickCost(w.slots[k]), changes)
            if g >= 0 { placedInGroup[g] -= 1 }
            used[k] = false
        }
    }
    place(0, 0, 0)
    return best
}

@Suite("Family adjacency in exact slotting")
struct FamilySlottingTests {
    /// Two aisles 5 m apart with 2 bays a side: aisle 1's pick costs are 3, 3, 5, 5 and
    /// aisle 2's 13, 13, 15, 15 (there and back). Family F: f1 (10 picks), f2 (1 pick);
    /// a, b, c (5 picks each) have no family.
    static func bindingProblem() throws -> SlottingProblem {
        let w = Warehouse(aisles: 2, baysPerAisle: 2, levels: 1, aisleSpacing: 5, bayWidth: 1, crossAisleWidth: 2, depotX: 0,
                          goldenLevels: [1])
        let skus = [SKU(id: "f1", family: "F"), SKU(id: "f2", family: "F"), SKU(id: "a"), SKU(id: "b"), SKU(id: "c")]
        let orders = Array(repeating: [0], count: 10) + [[1]] + Array(repeating: [2, 3, 4], count: 5)
        return try SlottingProblem(warehouse: w, skus: skus, history: OrderHistory(orders: orders, skuCount: 5))
    }

    @Test func theFamilyRuleBindsAndGivesTheHandCheckedOptimum() throws {
        let p = try Self.bindingProblem()
        #expect(p.history.picks == [10, 1, 5, 5, 5])
        // Without families the four busiest take aisle 1 (10·3 + 5·3 + 5·5 + 5·5 = 95)
        // and f2 goes alone to aisle 2 (13): 108, with family F split.
        let free = try p.solve(.exact)
        #expect(abs(free.expectedCost - 108) < 1e-9)
        let aisles = { (a: SlotAssignment) in a.slotOfSKU.map { p.warehouse.slots[$0].aisle } }
        #expect(aisles(free.assignment)[0] != aisles(free.assignment)[1])
        #expect(p.splitFamilies(free.assignment, rule: .aisle).count == 1)
        // With families: F in aisle 1 costs 10·3 + 5·3 + 5·5 + 1·5 + 5·13 = 140 (one of
        // a, b, c to aisle 2); F in aisle 2 costs 143 + 55 = 198.
        let kept = try p.solve(.exact, families: .aisle)
        #expect(abs(kept.expectedCost - 140) < 1e-9, "got \(kept.expectedCost)")
        #expect(abs(kept.expectedCost - bruteForceSlotting(p, families: .aisle)) < 1e-9)
        #expect(aisles(kept.assignment)[0] == 0 && aisles(kept.assignment)[1] == 0)
        #expect(p.violations(kept.assignment, families: .aisle).isEmpty)
        let bound = try #require(kept.lowerBound)
        #expect(bound <= 140 + 1e-9 && bound >= 140 * (1 - 1e-4) - 1e-9)
        #expect(kept.detail?.contains("family MIP") == true)
        // `.none` leaves the transportation LP as it was.
        #expect(try p.solve(.exact, families: .none).assignment == free.assignment)
    }

    @Test func violationsRejectASplitFamilyOnlyWhenAsked() throws {
        let p = try Self.bindingProblem()
        let split = try p.solve(.exact).assignment
        #expect(p.violations(split).isEmpty)
        #expect(p.violations(split, families: .none).isEmpty)
        let problems = p.violations(split, families: .aisle)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("family F") == true && problems.first?.contains("split over aisles 1, 2") == true)
        // Families of one member, and SKUs of another class, are not tied.
        let w = p.warehouse
        let lone = try SlottingProblem(warehouse: w, skus: [SKU(id: "x", family: "G"), SKU(id: "y", family: "H")],
                                       history: OrderHistory(orders: [[0, 1]], skuCount: 2))
        #expect(lone.familyGroups(.aisle).isEmpty)
        let apart = SlotAssignment(slotOfSKU: [w.slot(aisle: 0, bay: 0).index, w.slot(aisle: 1, bay: 0).index])
        #expect(lone.violations(apart, families: .aisle).isEmpty)
    }

    /// Random tiny instances with families (one family with a cold member, which the rule
    /// keeps apart from its general members): exact equals brute force.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func matchesBruteForce(seed: UInt64) throws {
        var rng = RandomGenerator(seed: seed)
        let w = Warehouse(aisles: 3, baysPerAisle: 2, levels: 1, aisleSpacing: 3, bayWidth: 1, crossAisleWidth: 2, depotX: 3,
                          goldenLevels: [1], reservedAisles: ["cold": [2]])
        let skus = (0..<6).map { k in
            SKU(id: "S\(k)", storageClass: k == 5 ? "cold" : "", family: ["F", "F", "G", "G", "G", "F"][k])
        }
        let orders = (0..<40).map { _ in [rng.below(6)] }
        let p = try SlottingProblem(warehouse: w, skus: skus, history: OrderHistory(orders: orders, skuCount: 6))
        #expect(p.familyGroups(.aisle) == [[0, 1], [2, 3, 4]])
        let exact = try p.solve(.exact, families: .aisle)
        let optimum = bruteForceSlotting(p, families: .aisle)
        #expect(p.violations(exact.assignment, families: .aisle).isEmpty)
        #expect(abs(exact.expectedCost - optimum) < 1e-6, "exact \(exact.expectedCost) vs brute force \(optimum)")
        #expect(try #require(exact.lowerBound) <= optimum + 1e-6)
        #expect(exact.expectedCost >= bruteForceSlotting(p) - 1e-9)
    }

    @Test func aFamilyNoAisleCanHoldIsAClearError() throws {
        // Five members, four slots per aisle.
        let w = Warehouse(aisles: 2, baysPerAisle: 2, levels: 1)
        let skus = (0..<5).map { SKU(id: "S\($0)", family: "big") }
        let p = try SlottingProblem(warehouse: w, skus: skus, history: OrderHistory(orders: [[0, 1, 2]], skuCount: 5))
        #expect(throws: SlottingError.self) { try p.solve(.exact, families: .aisle) }
        do {
            _ = try p.solve(.exact, families: .aisle)
        } catch {
            #expect(error.description.contains("family big"), "\(error)")
        }
        // Two families that each fit an aisle but not both in one: kept apart.
        let pairs = (0..<6).map { SKU(id: "T\($0)", family: $0 < 3 ? "A" : "B") }
        let q = try SlottingProblem(warehouse: w, skus: pairs, history: OrderHistory(orders: [[0, 1, 2, 3, 4, 5]], skuCount: 6))
        let r = try q.solve(.exact, families: .aisle)
        #expect(q.violations(r.assignment, families: .aisle).isEmpty)
    }
}

@Suite("Exact re-slotting with a move budget")
struct SlottingWithMoveBudgetTests {
    /// Two aisles, one bay a side, two levels (8 slots); level 2 takes only small SKUs
    /// and costs a penalty. `skuCount` SKUs with random picks and sizes, placed at random.
    static func tinyProblem(skuCount: Int, seed: UInt64) throws -> (SlottingProblem, SlotAssignment) {
        var rng = RandomGenerator(seed: seed)
        let w = Warehouse(aisles: 2, baysPerAisle: 1, levels: 2, aisleSpacing: 3, bayWidth: 1, crossAisleWidth: 2, depotX: 0,
                          levelVolume: [1, 0.3], goldenLevels: [1], levelPenalty: 2)
        let skus = (0..<skuCount).map { SKU(id: "S\($0)", volume: rng.below(4) == 0 ? 0.8 : 0.2) }
        let orders = (0..<50).map { _ in [min(rng.below(skuCount), rng.below(skuCount))] }
        let p = try SlottingProblem(warehouse: w, skus: skus, history: OrderHistory(orders: orders, skuCount: skuCount))
        let current = try p.solve(.random, seed: seed &+ 17).assignment
        return (p, current)
    }

    @Test(arguments: [(5, 1), (5, 2), (6, 3), (8, 4), (8, 5)] as [(Int, UInt64)])
    func exactMatchesBruteForceAndBeatsGreedy(skuCount: Int, seed: UInt64) throws {
        let (p, current) = try Self.tinyProblem(skuCount: skuCount, seed: seed)
        for budget in 0...3 {
            let exact = try Reslotting.plan(p, current: current, maxMoves: budget, method: .exact)
            let greedy = try Reslotting.plan(p, current: current, maxMoves: budget, method: .greedy)
            let optimum = bruteForceSlotting(p, current: current, maxMoves: budget)
            #expect(exact.method == .exact && exact.proven)
            #expect(abs(exact.costAfter - optimum) < 1e-6, "K = \(budget): exact \(exact.costAfter) vs brute force \(optimum)")
            #expect(abs(try #require(exact.lowerBound) - optimum) < 1e-6)
            #expect(exact.costAfter <= greedy.costAfter + 1e-9)
            #expect(try #require(greedy.lowerBound) <= optimum + 1e-6)
            for plan in [exact, greedy] {
                #expect(plan.skusMoved <= budget)
                #expect(p.violations(plan.assignment).isEmpty)
                let changed = zip(current.slotOfSKU, plan.assignment.slotOfSKU).filter { $0 != $1 }.count
                #expect(changed == plan.skusMoved)
                // With 8 SKUs in 8 slots there is no spare: cycles are then swaps.
                let replayed = SlottingMethodTests().replay(p, current, plan.moves, intoOccupied: plan.cyclesWithoutSpare * 64)
                #expect(replayed == plan.assignment.slotOfSKU)
                if skuCount < 8 { #expect(plan.cyclesWithoutSpare == 0) }
            }
        }
        // `.auto` takes the exact model at this size.
        #expect(try Reslotting.plan(p, current: current, maxMoves: 2).method == .exact)
    }

    @Test func movesAreOrderedSoThatEachGoesIntoAnEmptySlot() throws {
        let w = Warehouse(aisles: 1, baysPerAisle: 2, levels: 1)  // 4 slots
        let slots = [w.slot(aisle: 0, bay: 0).index, w.slot(aisle: 0, bay: 1).index,
                     w.slot(aisle: 0, bay: 0, side: 1).index, w.slot(aisle: 0, bay: 1, side: 1).index]
        let skus = (0..<3).map { SKU(id: "S\($0)") }
        let p = try SlottingProblem(warehouse: w, skus: skus, history: OrderHistory(orders: [[0]], skuCount: 3))
        // A chain: S0 into the free slot, S1 into S0's; then a swap of S1 and S2 is a cycle.
        let current = SlotAssignment(slotOfSKU: [slots[0], slots[1], slots[2]])
        let chain = MoveOrder(p, from: current, to: SlotAssignment(slotOfSKU: [slots[3], slots[0], slots[2]]))
        #expect(chain.moves == [.init(sku: 0, from: slots[0], to: slots[3]), .init(sku: 1, from: slots[1], to: slots[0])])
        let swap = MoveOrder(p, from: current, to: SlotAssignment(slotOfSKU: [slots[0], slots[2], slots[1]]))
        #expect(swap.skusMoved == 2 && swap.cyclesWithoutSpare == 0)
        #expect(swap.moves.count == 3, "through the spare slot")
        #expect(SlottingMethodTests().replay(p, current, swap.moves) == [slots[0], slots[2], slots[1]])
        // No free slot: the cycle is listed as a swap through a free hand.
        let full = try SlottingProblem(warehouse: w, skus: (0..<4).map { SKU(id: "S\($0)") },
                                       history: OrderHistory(orders: [[0]], skuCount: 4))
        let all = SlotAssignment(slotOfSKU: slots)
        let rotated = SlotAssignment(slotOfSKU: [slots[1], slots[2], slots[3], slots[0]])
        let hand = MoveOrder(full, from: all, to: rotated)
        #expect(hand.cyclesWithoutSpare == 1 && hand.moves.count == 4)
        #expect(SlottingMethodTests().replay(full, all, hand.moves, intoOccupied: 3) == rotated.slotOfSKU)
    }

    @Test func invalidInputsAreErrorsNotTraps() throws {
        let (p, current) = try Self.tinyProblem(skuCount: 5, seed: 1)
        #expect(throws: SlottingError.self) { try Reslotting.plan(p, current: SlotAssignment(slotOfSKU: [0]), maxMoves: 1) }
        #expect(throws: SlottingError.self) { try Reslotting.plan(p, current: current, maxMoves: -1) }
    }
}
