import Foundation
import Testing
@testable import OnTimeCore

/// 3 aisles 3 m apart, 4 bays of 1 m per side, cross aisles 2 m wide, depot in front of
/// aisle 1: pick faces at y = 1.5, 2.5, 3.5, 4.5; the back cross aisle at y = 6.
func smallWarehouse(levels: Int = 1, reserved: [String: Set<Int>] = [:], volume: [Double]? = nil,
                    weight: [Double]? = nil, levelPenalty: Double = 0) -> Warehouse {
    Warehouse(aisles: 3, baysPerAisle: 4, levels: levels, aisleSpacing: 3, bayWidth: 1, crossAisleWidth: 2, depotX: 0,
              levelVolume: volume, levelMaxWeight: weight, goldenLevels: [1], levelPenalty: levelPenalty, reservedAisles: reserved)
}

extension Warehouse {
    func slot(aisle: Int, bay: Int, side: Int = 0, level: Int = 1) -> Slot {
        slots.first { $0.aisle == aisle && $0.bay == bay && $0.side == side && $0.level == level }!
    }
}

@Suite("Warehouse geometry and picking policies")
struct PickingTests {
    @Test func distancesFollowTheAisles() {
        let w = smallWarehouse()
        #expect(w.slots.count == 3 * 2 * 4)
        let a = w.slot(aisle: 0, bay: 1), b = w.slot(aisle: 2, bay: 3), c = w.slot(aisle: 2, bay: 0, side: 1)
        #expect(a.y == 2.5 && b.y == 4.5 && c.y == 1.5)
        #expect(w.backY == 6)
        #expect(w.depotDistance(a) == 2.5)
        let viaFront: Double = 6 + 2.5 + 1.5, viaBack: Double = 6 + (6 - 2.5) + (6 - 4.5)
        #expect(w.depotDistance(b) == 10.5)
        #expect(w.walkingDistance(b, c) == 3)          // same aisle: straight
        #expect(w.walkingDistance(a, c) == viaFront)   // 4 < 8
        #expect(w.walkingDistance(a, b) == viaBack)    // 5 < 7
        #expect(w.slot(aisle: 1, bay: 2, side: 1).id == "A02-R-B003-L1")
    }

    @Test func policiesMatchHandComputedTours() {
        let w = smallWarehouse()
        let router = PickingRouter(warehouse: w)
        // Aisles 1 and 3: from the depot to x = 6 and back is 12 along the cross aisles.
        let two = [w.slot(aisle: 0, bay: 1).index, w.slot(aisle: 2, bay: 3).index, w.slot(aisle: 2, bay: 0).index]
        let returnTwo: Double = 12 + 2 * 2.5 + 2 * 4.5, traverseTwo: Double = 12 + 2 * 6
        #expect(router.tourLength(two, policy: .return) == returnTwo)
        #expect(router.tourLength(two, policy: .sShape) == traverseTwo)
        #expect(router.tourLength(two, policy: .largestGap) == traverseTwo)
        // Add aisle 2 with picks at 1.5 and 4.5: its largest gap is the 3 m between them.
        let three = two + [w.slot(aisle: 1, bay: 0).index, w.slot(aisle: 1, bay: 3, side: 1).index]
        let returnThree: Double = 12 + 5 + 9 + 9
        let sShapeThree: Double = 12 + 2 * 6 + 2 * 4.5  // odd: the last aisle is returned
        let gapThree: Double = 12 + 2 * 6 + 2 * (6 - 3)
        #expect(router.tourLength(three, policy: .return) == returnThree)
        #expect(router.tourLength(three, policy: .sShape) == sShapeThree)
        #expect(router.tourLength(three, policy: .largestGap) == gapThree)
        // One aisle: every policy enters and returns (S-shape with one aisle is a return).
        let one = [w.slot(aisle: 1, bay: 2).index]
        let returnOne: Double = 2 * 3 + 2 * 3.5
        for policy in PickingPolicy.allCases { #expect(router.tourLength(one, policy: policy) == returnOne) }
        #expect(router.tourLength(three, policy: .optimal) <= gapThree)
        #expect(router.tourLength([], policy: .sShape) == 0)
    }

    @Test func optimalIsNeverLongerThanAPolicyAndMatchesBruteForce() {
        let w = Warehouse(aisles: 5, baysPerAisle: 6, levels: 2, aisleSpacing: 3, bayWidth: 1, crossAisleWidth: 2, depotX: 6)
        let router = PickingRouter(warehouse: w)
        var rng = RandomGenerator(seed: 11)
        for _ in 0..<60 {
            let picks = (0..<(1 + rng.below(6))).map { _ in rng.below(w.slots.count) }
            let optimal = router.tourLength(picks, policy: .optimal)
            for policy in [PickingPolicy.sShape, .return, .largestGap] {
                #expect(optimal <= router.tourLength(picks, policy: policy) + 1e-9, "\(policy)")
            }
            // Brute force over every visiting order of the distinct locations.
            let stops = router.locations(picks)
            var bestOrder = Double.infinity
            func permute(_ rest: [Slot], _ at: Slot?, _ length: Double) {
                if rest.isEmpty { bestOrder = min(bestOrder, length + (at.map { w.depotDistance($0) } ?? 0)); return }
                for (i, next) in rest.enumerated() {
                    var others = rest; others.remove(at: i)
                    permute(others, next, length + (at.map { w.walkingDistance($0, next) } ?? w.depotDistance(next)))
                }
            }
            permute(stops, nil, 0)
            #expect(abs(optimal - bestOrder) < 1e-9)
        }
    }

    @Test func simulationBatchesOrdersInFileOrder() throws {
        let w = smallWarehouse()
        let skus = (0..<3).map { SKU(id: "S\($0)") }
        let history = OrderHistory(orders: [[0], [1], [2, 0]], skuCount: 3)
        let p = try SlottingProblem(warehouse: w, skus: skus, history: history)
        let assignment = SlotAssignment(slotOfSKU: [w.slot(aisle: 0, bay: 0).index, w.slot(aisle: 0, bay: 3).index, w.slot(aisle: 2, bay: 0).index])
        let router = PickingRouter(warehouse: w)
        let single = PickingSimulation.run(p, assignment, policy: .return, batchSize: 1)
        let expected = [[0], [1], [2, 0]].reduce(0.0) { $0 + router.tourLength($1.map { assignment.slotOfSKU[$0] }, policy: .return) }
        #expect(single.totalDistance == expected && single.tours == 3 && single.orders == 3)
        let batched = PickingSimulation.run(p, assignment, policy: .return, batchSize: 2)
        #expect(batched.tours == 2)
        #expect(batched.totalDistance < single.totalDistance)
    }
}

@Suite("Slotting methods")
struct SlottingMethodTests {
    /// Two levels: level 2 holds only light, small SKUs and is outside the golden zone;
    /// aisle 3 is reserved for cold SKUs.
    static func constrainedProblem(skuCount: Int, seed: UInt64) throws -> SlottingProblem {
        var rng = RandomGenerator(seed: seed)
        let w = Warehouse(aisles: 3, baysPerAisle: 2, levels: 2, aisleSpacing: 3, bayWidth: 1, crossAisleWidth: 2, depotX: 3,
                          levelVolume: [1, 0.3], levelMaxWeight: [100, 5], goldenLevels: [1], levelPenalty: 2.5,
                          reservedAisles: ["cold": [2]])
        let skus = (0..<skuCount).map { k in
            SKU(id: "S\(k)", volume: rng.below(3) == 0 ? 0.8 : 0.2, weight: Double(1 + rng.below(8)),
                storageClass: k % 4 == 1 ? "cold" : "")
        }
        let orders = (0..<60).map { _ in (0..<(1 + rng.below(3))).map { _ in min(rng.below(skuCount), rng.below(skuCount)) } }
        return try SlottingProblem(warehouse: w, skus: skus, history: OrderHistory(orders: orders, skuCount: skuCount))
    }

    /// Least expected cost over every injective assignment that fits (brute force).
    func bruteForce(_ p: SlottingProblem) -> Double {
        var best = Double.infinity
        var used = [Bool](repeating: false, count: p.warehouse.slots.count)
        var slotOf = [Int](repeating: 0, count: p.skus.count)
        func place(_ s: Int) {
            if s == p.skus.count { best = min(best, p.expectedCost(SlotAssignment(slotOfSKU: slotOf))); return }
            for k in p.warehouse.slots.indices where !used[k] && p.warehouse.fits(p.skus[s], p.warehouse.slots[k]) {
                used[k] = true; slotOf[s] = k
                place(s + 1)
                used[k] = false
            }
        }
        place(0)
        return best
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func exactIsOptimalAndEveryMethodIsValid(seed: UInt64) throws {
        let p = try Self.constrainedProblem(skuCount: 6, seed: seed)
        let optimum = bruteForce(p)
        let exact = try p.solve(.exact)
        #expect(p.violations(exact.assignment).isEmpty)
        #expect(abs(exact.expectedCost - optimum) < 1e-6, "exact \(exact.expectedCost) vs brute force \(optimum)")
        #expect(abs((exact.lowerBound ?? -1) - optimum) < 1e-6)
        for method in [SlottingMethod.random, .abc, .coi] {
            let r = try p.solve(method, seed: seed)
            #expect(p.violations(r.assignment).isEmpty, "\(method)")
            #expect(r.expectedCost >= optimum - 1e-6)
        }
    }

    @Test func constraintsBind() throws {
        let p = try Self.constrainedProblem(skuCount: 12, seed: 7)
        let exact = try p.solve(.exact).assignment
        for (s, k) in exact.slotOfSKU.enumerated() {
            let slot = p.warehouse.slots[k], sku = p.skus[s]
            #expect((slot.aisle == 2) == (sku.storageClass == "cold"))
            if sku.volume > 0.3 || sku.weight > 5 { #expect(slot.level == 1) }
        }
        // A SKU too heavy for any slot is refused up front, with its id.
        let heavy = [SKU(id: "anvil", weight: 1e6)]
        #expect(throws: SlottingError.self) {
            try SlottingProblem(warehouse: p.warehouse, skus: heavy, history: OrderHistory(orders: [[0]], skuCount: 1))
        }
    }

    @Test func reslottingNeverWorsensAndKeepsTheBudget() throws {
        let p = try Self.constrainedProblem(skuCount: 12, seed: 9)
        let current = try p.solve(.random, seed: 3).assignment
        #expect(try Reslotting.plan(p, current: current, maxMoves: 0).moves.isEmpty)
        for method in [ReslottingMethod.greedy, .exact] {
            var previous = p.expectedCost(current)
            for budget in [1, 2, 4, 8, 40] {
                let plan = try Reslotting.plan(p, current: current, maxMoves: budget, method: method)
                #expect(plan.method == method)
                #expect(plan.skusMoved <= budget)
                #expect(p.violations(plan.assignment).isEmpty)
                #expect(plan.costAfter <= previous + 1e-9, "a larger budget never ends worse")
                #expect(abs(plan.costAfter - p.expectedCost(plan.assignment)) < 1e-9)
                #expect(try #require(plan.lowerBound) <= plan.costAfter + 1e-9)
                previous = plan.costAfter
            }
        }
        // Replaying the moves on the current assignment gives the plan's assignment, each
        // move into a slot that is empty at that moment.
        let plan = try Reslotting.plan(p, current: current, maxMoves: 6, method: .greedy)
        #expect(replay(p, current, plan.moves) == plan.assignment.slotOfSKU)
        #expect(plan.costAfter >= (try p.solve(.exact).expectedCost) - 1e-9)
    }

    /// The moves applied one by one to `current`, expecting each to start where the SKU
    /// is and to end in an empty slot (unless `intoOccupied` allows that many not to).
    func replay(_ p: SlottingProblem, _ current: SlotAssignment, _ moves: [ReslottingPlan.Move], intoOccupied: Int = 0,
                sourceLocation: SourceLocation = #_sourceLocation) -> [Int] {
        var slotOf = current.slotOfSKU
        var occupant = [Int](repeating: -1, count: p.warehouse.slots.count)
        for (s, k) in slotOf.enumerated() { occupant[k] = s }
        var occupied = 0
        for move in moves {
            #expect(slotOf[move.sku] == move.from, sourceLocation: sourceLocation)
            if occupant[move.to] >= 0 { occupied += 1 }
            if occupant[move.from] == move.sku { occupant[move.from] = -1 }
            occupant[move.to] = move.sku
            slotOf[move.sku] = move.to
        }
        #expect(occupied <= intoOccupied, "moves into occupied slots", sourceLocation: sourceLocation)
        return slotOf
    }

    @Test func generatedInstancesAreSkewedAndSolvable() throws {
        let instance = WarehouseGenerator.generate(skus: 300, orders: 1500, seed: 4)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ontime-slot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in [("layout.json", instance.layoutJSON), ("skus.csv", instance.skusCSV), ("orders.csv", instance.ordersCSV),
                             ("current.csv", instance.currentCSV)] {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let w = try SlottingReaders.layout(path: folder.appendingPathComponent("layout.json").path)
        let skus = try SlottingReaders.skus(path: folder.appendingPathComponent("skus.csv").path)
        let history = try SlottingReaders.orders(path: folder.appendingPathComponent("orders.csv").path, skus: skus)
        let p = try SlottingProblem(warehouse: w, skus: skus, history: history)
        let current = try SlottingReaders.assignment(path: folder.appendingPathComponent("current.csv").path, problem: p)
        #expect(p.violations(current).isEmpty)
        // About 20 % of the SKUs take most of the picks.
        let sorted = history.picks.sorted(by: >)
        let top = sorted.prefix(skus.count / 5).reduce(0, +), all = sorted.reduce(0, +)
        #expect(Double(top) / Double(all) > 0.6)
        let exact = try p.solve(.exact)
        #expect(exact.expectedCost < p.expectedCost(current))
        // Same seed, same instance.
        #expect(WarehouseGenerator.generate(skus: 300, orders: 1500, seed: 4).ordersCSV == instance.ordersCSV)
    }
}

@Suite("Slotting readers")
struct SlottingReaderTests {
    func write(_ text: String, _ name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ontime-\(UUID().uuidString)-\(name)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func layoutErrorsNameTheJSONPath() throws {
        let cases: [(String, String)] = [
            ("{\"aisles\": 2, \"levels\": 1}", "missing key \"bays_per_aisle\""),
            ("{\"aisles\": \"two\", \"bays_per_aisle\": 2, \"levels\": 1}", "at aisles: expected an integer"),
            ("{\"aisles\": 2, \"bays_per_aisle\": 2, \"levels\": 2, \"level_volume\": [1]}", "at level_volume: needs one value per level"),
            ("{\"aisles\": 2, \"bays_per_aisle\": 2, \"levels\": 1, \"reserved_aisles\": {\"cold\": [3]}}", "at reserved_aisles.cold[0]: aisle 3 does not exist"),
            ("{\"aisles\": 0, \"bays_per_aisle\": 2, \"levels\": 1}", "at aisles: must be at least 1"),
            ("{\"aisles\": 2, ", "unexpected end of the file (an object is never closed)"),
            ("{\"aisles\": 100000, \"bays_per_aisle\": 100000, \"levels\": 10}", "more than"),
        ]
        for (json, expected) in cases {
            let path = try write(json, "layout.json")
            defer { try? FileManager.default.removeItem(atPath: path) }
            do {
                _ = try SlottingReaders.layout(path: path)
                Issue.record("accepted: \(json)")
            } catch {
                #expect(error.description.contains(expected), "\(error.description) should say \(expected)")
                #expect(error.file == path)
            }
        }
    }

    @Test func csvErrorsNameTheLine() throws {
        let skus = try write("sku,volume,weight\nA,0.1,1\n\"B, the second\",0.2,2\nC,abc,1\n", "skus.csv")
        defer { try? FileManager.default.removeItem(atPath: skus) }
        #expect(throws: InputError(file: skus, line: 4, "volume 'abc' is not a non-negative number")) {
            try SlottingReaders.skus(path: skus)
        }
        let good = try write("sku,volume\nA,0.1\n\"B, the second\",0.2\n\nA2,0.3\n", "skus.csv")
        defer { try? FileManager.default.removeItem(atPath: good) }
        let list = try SlottingReaders.skus(path: good)
        #expect(list.map(\.id) == ["A", "B, the second", "A2"])
        let orders = try write("order,sku\n1,A\n1,Z\n", "orders.csv")
        defer { try? FileManager.default.removeItem(atPath: orders) }
        #expect(throws: InputError(file: orders, line: 3, "sku 'Z' is not in the SKU list")) {
            try SlottingReaders.orders(path: orders, skus: list)
        }
        let noColumn = try write("id,sku\n1,A\n", "orders.csv")
        defer { try? FileManager.default.removeItem(atPath: noColumn) }
        #expect(throws: InputError.self) { try SlottingReaders.orders(path: noColumn, skus: list) }
        let p = try SlottingProblem(warehouse: smallWarehouse(), skus: list, history: OrderHistory(orders: [[0]], skuCount: 3))
        let current = try write("sku,slot\nA,A01-L-B001-L1\nB, the second,A09-L-B001-L1\n", "current.csv")
        defer { try? FileManager.default.removeItem(atPath: current) }
        #expect(throws: InputError.self) { try SlottingReaders.assignment(path: current, problem: p) }
    }
}
