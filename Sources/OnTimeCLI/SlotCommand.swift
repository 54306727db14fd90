import Foundation
import OnTimeCore

/// `ontime slot`: slotting by pick frequency, with the picking simulation as proof.
enum SlotCommand {
    static let usage = """
        Usage: ontime slot LAYOUT.json SKUS.csv ORDERS.csv [--current CURRENT.csv]
                           [--method exact|coi|abc|random|all] [--policy all|s-shape|return|largest-gap|optimal]
                           [--families none|aisle] [--batch N] [--max-moves K]
                           [--reslot auto|exact|greedy] [--seed N] [--time-limit S]
                           [--output ASSIGNMENT.csv] [--moves MOVES.csv] [--heatmap PICTURE.svg]

        Assigns every SKU a storage slot so that frequently picked SKUs sit close to the
        depot (the pick/drop point), then replays the order history with a picker to
        show the walking distance before and after.

        Methods: exact (default) minimises Σ picks × (walk to the slot and back + a
        penalty outside the golden levels) with GLPK and reports a proven lower bound
        (a transportation LP; a MIP with --families aisle); coi places SKUs by
        cube-per-order index; abc by A/B/C pick-share classes into zones; random is the
        baseline; all compares them. With --current, the baseline is today's
        assignment, and --max-moves K re-slots it with at most K SKUs changing slot
        instead of from scratch: exactly (a MIP solved by GLPK) when the model is small
        enough, otherwise greedily (largest saving per move first); the output says
        which, with a lower bound on the best cost within K moves.

        Files: LAYOUT.json (aisles, bays_per_aisle, levels, optional geometry, per-level
        volume and weight limits, golden_levels, level_penalty, reserved_aisles),
        SKUS.csv (sku[,volume,weight,class,family]), ORDERS.csv (order,sku[,quantity]),
        CURRENT.csv (sku,slot with slot ids such as A03-R-B012-L2).

        Options:
          --families R     none (default): families are ignored; aisle: the exact
                           method keeps the SKUs of each family (those of one storage
                           class, when at least two) in one aisle — a MIP with GLPK,
                           stopped at --time-limit with its bound and gap reported.
                           The other methods ignore families; the report counts the
                           families each assignment splits. Not with --max-moves
          --reslot M       with --max-moves: auto (default; exact up to \(Reslotting.exactColumns)
                           model columns, else greedy), exact or greedy
          --policy P       picker routing for the simulation (default all): s-shape,
                           return, largest-gap, or optimal (the shortest tour, exact
                           for any number of picks)
          --batch N        orders per picking tour (default 1)
          --seed N         for random and abc (default 1)
          --time-limit S   seconds for GLPK (default 30); the family MIP and the
                           exact re-slotting stop there with the best plan found
          --output FILE    the new assignment as CSV (sku,slot,aisle,side,bay,level,picks)
          --heatmap FILE   an SVG picture of the warehouse, each slot coloured by the
                           pick frequency of its SKU (empty slots grey), drawn before
                           (the --current assignment, else the random baseline) and
                           after (the new assignment: with --method all, exact's)
                           side by side, each titled with its expected picking distance
          --moves FILE     with --current: the moves as CSV (step,sku,from,to), in an
                           order that can be carried out: each into a slot empty at
                           that moment. A cycle of SKUs taking each other's slots goes
                           through a free slot first (its first SKU appears twice); if
                           no free slot fits, the output says so and that cycle is
                           listed as a swap: lift the SKU in each row's target aside
                           and place it by the next row

        Examples:
          ontime slot-generate --skus 1000 --orders 5000 --out wh
          ontime slot wh/layout.json wh/skus.csv wh/orders.csv --current wh/current.csv --method all
          ontime slot wh/layout.json wh/skus.csv wh/orders.csv --current wh/current.csv --max-moves 50 --moves moves.csv
          ontime slot wh/layout.json wh/skus.csv wh/orders.csv --current wh/current.csv --heatmap heat.svg
          ontime slot wh/layout.json wh/skus.csv wh/orders.csv --families aisle
        """

    static let generateUsage = """
        Usage: ontime slot-generate --skus N --orders M [--seed S] --out FOLDER [--force]

        Writes a generated warehouse to FOLDER: layout.json, skus.csv, orders.csv and a
        random current.csv. If FOLDER already holds any of these four files, nothing is
        written unless --force is given (then they are replaced). Demand is skewed (Zipf: about 20 % of the SKUs take 80 % of
        the picks), orders have about 2.5 lines, family members are ordered together,
        3 % of the SKUs need cold aisles and bulky or heavy items only fit low levels.
        """

    static func run(_ args: [String], console: Console) -> ExitCode {
        let parsed: Arguments
        let seed: Int?, batch: Int?, maxMoves: Int?, timeLimit: Double?
        do {
            parsed = try Arguments(args, valueOptions: ["current", "method", "policy", "batch", "max-moves", "seed", "time-limit", "output", "moves",
                                                        "families", "reslot", "heatmap"],
                                   flagOptions: ["help"])
            seed = try parsed.int("seed", range: 0...Int.max)
            batch = try parsed.int("batch", range: 1...10_000)
            maxMoves = try parsed.int("max-moves", range: 0...10_000_000)
            timeLimit = try parsed.double("time-limit", range: 0.01...1e6)
        } catch {
            console.err("ontime slot: \(error)\n\n\(usage)\n")
            return .badInput
        }
        if parsed.has("help") { console.out(usage + "\n"); return .ok }
        guard parsed.positional.count == 3 else {
            console.err("ontime slot: expected LAYOUT.json SKUS.csv ORDERS.csv\n\n\(usage)\n")
            return .badInput
        }
        let methodName = parsed.value("method") ?? "exact"
        let methods: [SlottingMethod]
        if methodName == "all" { methods = SlottingMethod.allCases } else if let m = SlottingMethod(rawValue: methodName) {
            methods = [m]
        } else {
            console.err("ontime slot: --method must be exact, coi, abc, random or all; got '\(methodName)'\n")
            return .badInput
        }
        let policyName = parsed.value("policy") ?? "all"
        let policies: [PickingPolicy]
        if policyName == "all" { policies = PickingPolicy.allCases } else if let p = PickingPolicy(rawValue: policyName) {
            policies = [p]
        } else {
            console.err("ontime slot: --policy must be s-shape, return, largest-gap, optimal or all; got '\(policyName)'\n")
            return .badInput
        }
        if maxMoves != nil && parsed.value("current") == nil {
            console.err("ontime slot: --max-moves needs --current (the assignment to re-slot)\n")
            return .badInput
        }
        let familiesName = parsed.value("families") ?? "none"
        guard let families = FamilyRule(rawValue: familiesName) else {
            console.err("ontime slot: --families must be none or aisle; got '\(familiesName)'\n")
            return .badInput
        }
        if families != .none && maxMoves != nil {
            console.err("ontime slot: --families applies to slotting from scratch; re-slotting with --max-moves does not keep families together\n")
            return .badInput
        }
        let reslotName = parsed.value("reslot") ?? "auto"
        guard let reslot = ReslottingMethod(rawValue: reslotName) else {
            console.err("ontime slot: --reslot must be auto, exact or greedy; got '\(reslotName)'\n")
            return .badInput
        }
        if parsed.value("reslot") != nil && maxMoves == nil {
            console.err("ontime slot: --reslot needs --max-moves (it chooses the re-slotting method)\n")
            return .badInput
        }
        for option in ["output", "moves", "heatmap"] {
            if let path = parsed.value(option) {
                do { try AtomicFile.checkWritable(path) } catch {
                    console.err("ontime slot: \(error)\n")
                    return .badInput
                }
            }
        }
        if let code = OutputChecks.refuseClash("slot", outputs: ["output", "moves", "heatmap"].map { ("--" + $0, parsed.value($0)) },
                                               inputs: [("LAYOUT", parsed.positional[0]), ("SKUS", parsed.positional[1]),
                                                        ("ORDERS", parsed.positional[2]), ("--current", parsed.value("current"))],
                                               console: console) { return code }

        let problem: SlottingProblem
        var current: SlotAssignment? = nil
        do {
            let warehouse = try SlottingReaders.layout(path: parsed.positional[0])
            let skus = try SlottingReaders.skus(path: parsed.positional[1])
            let history = try SlottingReaders.orders(path: parsed.positional[2], skus: skus)
            do { problem = try SlottingProblem(warehouse: warehouse, skus: skus, history: history) } catch {
                console.err("ontime slot: \(error)\n")
                return .infeasible
            }
            if let path = parsed.value("current") { current = try SlottingReaders.assignment(path: path, problem: problem) }
        } catch {
            console.err("ontime: \(error)\n")
            return .badInput
        }

        let lines = problem.history.orders.reduce(0) { $0 + $1.count }
        console.out("Slotting \(problem.skus.count) SKUs into \(problem.warehouse.slots.count) slots "
                    + "(\(problem.warehouse.aisles) aisles); \(problem.history.orders.count) orders, \(lines) lines\n\n")
        // Layout limits keep every figure finite; should one not be, it says so rather than "inf".
        func number(_ v: Double) -> String { v.isFinite ? String(format: "%.1f", v) : "n/a" }
        func percent(_ v: Double, _ format: String) -> String { v.isFinite ? String(format: format, v) : "n/a" }
        func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count) }

        // Baseline: today's assignment, else a random one (none if even that cannot be built).
        var columns: [(name: String, assignment: SlotAssignment)] = []
        var baseline: Double? = nil
        var baselineAssignment: SlotAssignment? = nil
        var report = pad("method", 14) + pad("expected cost", 16) + pad("vs baseline", 13) + pad("lower bound", 14) + pad("gap", 9) + "seconds\n"
        var notes: [String] = []
        func boundColumns(_ cost: Double, _ bound: Double?) -> String {
            guard let bound else { return pad("", 14) + pad("", 9) }
            return pad(number(bound), 14) + pad(percent(max(0, 100 * (cost - bound) / max(1e-9, bound)), "%.2f %%"), 9)
        }
        func versus(_ cost: Double) -> String {
            guard let baseline else { return "—" }
            return percent(100 * (cost - baseline) / max(1e-9, baseline), "%+.1f %%")
        }
        if let current {
            baseline = problem.expectedCost(current)
            columns.append(("current", current))
            report += pad("current", 14) + pad(number(baseline!), 16) + "—\n"
        } else if let random = try? problem.solve(.random, seed: UInt64(seed ?? 1)) {
            baseline = random.expectedCost
            baselineAssignment = random.assignment
            if !methods.contains(.random) { columns.append(("random", random.assignment)) }
        }
        var chosen: SlotAssignment? = nil
        var chosenName = ""
        var plan: ReslottingPlan? = nil
        if let current, let maxMoves {
            let made: ReslottingPlan
            do { made = try Reslotting.plan(problem, current: current, maxMoves: maxMoves, method: reslot, timeLimit: timeLimit ?? 30) } catch {
                console.err(report + "ontime slot: re-slotting failed: \(error)\n")
                return .infeasible
            }
            plan = made
            let after = made.costAfter
            report += pad("re-slot \(made.method.rawValue)", 14) + pad(number(after), 16) + pad(versus(after), 13)
                + boundColumns(after, made.lowerBound) + String(format: "%.2f\n", made.seconds)
            let how: String
            if made.method == .exact {
                how = "exact MIP (GLPK, \(made.why)), " + (made.proven ? "proven optimal within the budget" : "stopped by the time limit")
            } else {
                how = "greedy (\(made.why))" + (made.proven ? ", proven optimal by the bound" : "")
            }
            notes.append("re-slotting: \(how); \(made.skusMoved) of at most \(maxMoves) SKUs change slot in \(made.moves.count) moves; "
                         + "lower bound: \(made.boundSource.rawValue)")
            if made.cyclesWithoutSpare > 0 {
                notes.append("re-slotting: \(made.cyclesWithoutSpare) cycles of moves found no free slot that fits; they are listed as swaps "
                             + "(lift the SKU in each row's target aside and place it by the next row)")
            }
            columns.append(("re-slotted", made.assignment))
            chosen = made.assignment
            chosenName = "re-slotted (\(made.method.rawValue), \(made.skusMoved) of at most \(maxMoves) SKUs moved)"
        } else {
            for method in methods {
                let result: SlottingResult
                do { result = try problem.solve(method, seed: UInt64(seed ?? 1), timeLimit: timeLimit ?? 30, families: families) } catch {
                    // The greedy methods can fail where an assignment exists (they are not
                    // matchings); report it and go on with the others.
                    report += pad(method.rawValue, 14) + "failed: \(error)\n"
                    continue
                }
                let violations = problem.violations(result.assignment, families: method == .exact ? families : .none)
                guard violations.isEmpty else {
                    console.err("ontime slot: \(method.rawValue) produced an invalid assignment (a bug): \(violations.prefix(3))\n")
                    return .internalError
                }
                let row = pad(method.rawValue, 14) + pad(number(result.expectedCost), 16) + pad(versus(result.expectedCost), 13)
                    + boundColumns(result.expectedCost, result.lowerBound)
                report += row + String(format: "%.2f\n", result.seconds)
                if let detail = result.detail { notes.append("\(method.rawValue): \(detail)") }
                columns.append((method.rawValue, result.assignment))
                chosen = result.assignment
                chosenName = method.rawValue
            }
            if chosen == nil {
                console.err(report + "ontime slot: no method found an assignment\n")
                return .infeasible
            }
        }
        if families != .none {
            let groups = problem.familyGroups(families)
            if groups.isEmpty {
                notes.append("families: no family has two or more SKUs of one storage class; nothing to keep together")
            } else {
                let split = columns.map { "\($0.name) \(problem.splitFamilies($0.assignment, rule: families).count)" }
                notes.append("families: \(groups.count) groups of 2+ SKUs (one family, one class); split over aisles: "
                             + split.joined(separator: ", ") + " (only exact keeps them together)")
            }
        }
        console.out(report + notes.map { $0 + "\n" }.joined() + "\n")

        // The proof: replay the orders.
        let size = batch ?? 1
        var walk = "Walking distance replaying the \(problem.history.orders.count) orders (\(size) per tour), metres per order:\n"
        walk += pad("policy", 14) + columns.map { pad($0.name, 14) }.joined() + "\n"
        for policy in policies {
            walk += pad(policy.rawValue, 14)
            for column in columns {
                let outcome = PickingSimulation.run(problem, column.assignment, policy: policy, batchSize: size)
                walk += pad(number(outcome.perOrder), 14)
            }
            walk += "\n"
        }
        console.out(walk)

        if let path = parsed.value("output"), let chosen {
            var csv = "sku,slot,aisle,side,bay,level,picks\n"
            for (s, k) in chosen.slotOfSKU.enumerated() {
                let slot = problem.warehouse.slots[k]
                csv += "\(CSV.field(problem.skus[s].id)),\(CSV.field(slot.id)),\(slot.aisle + 1),\(slot.side == 0 ? "L" : "R"),\(slot.bay + 1),\(slot.level),\(problem.history.picks[s])\n"
            }
            do { try AtomicFile.write(csv, to: path) } catch { console.err("ontime slot: \(error)\n"); return .internalError }
        }
        if let path = parsed.value("heatmap"), let chosen {
            let after = WarehousePicture.Panel(heading: "After: \(chosenName)", assignment: chosen)
            let before: WarehousePicture.Panel?, title: String
            if let current {
                before = WarehousePicture.Panel(heading: "Before: current assignment", assignment: current)
                title = "Pick frequency by slot: current assignment (before) and \(chosenName) (after)"
            } else if let baselineAssignment {
                before = WarehousePicture.Panel(heading: "Before: random baseline (seed \(seed ?? 1))", assignment: baselineAssignment)
                title = "Pick frequency by slot: no --current given, so before is a random baseline; after is \(chosenName)"
            } else {
                before = nil
                title = "Pick frequency by slot after slotting (\(chosenName)); no --current and no random baseline to compare"
            }
            let svg = WarehousePicture.heatMap(problem, before: before, after: after, title: title)
            do { try AtomicFile.write(svg, to: path) } catch { console.err("ontime slot: \(error)\n"); return .internalError }
        }
        if let path = parsed.value("moves") {
            var csv = "step,sku,from,to\n"
            if let plan {
                for (k, move) in plan.moves.enumerated() {
                    csv += "\(k + 1),\(CSV.field(problem.skus[move.sku].id)),\(CSV.field(problem.warehouse.slots[move.from].id)),\(CSV.field(problem.warehouse.slots[move.to].id))\n"
                }
            } else if let current, let chosen {
                let order = MoveOrder(problem, from: current, to: chosen)
                for (k, move) in order.moves.enumerated() {
                    csv += "\(k + 1),\(CSV.field(problem.skus[move.sku].id)),\(CSV.field(problem.warehouse.slots[move.from].id)),\(CSV.field(problem.warehouse.slots[move.to].id))\n"
                }
                if order.cyclesWithoutSpare > 0 {
                    console.out("moves: \(order.cyclesWithoutSpare) cycles found no free slot that fits; they are listed as swaps "
                                + "(lift the SKU in each row's target aside and place it by the next row)\n")
                }
            }
            do { try AtomicFile.write(csv, to: path) } catch { console.err("ontime slot: \(error)\n"); return .internalError }
        }
        return .ok
    }

    static func generate(_ args: [String], console: Console) -> ExitCode {
        let parsed: Arguments
        let skus: Int?, orders: Int?, seed: Int?
        do {
            parsed = try Arguments(args, valueOptions: ["skus", "orders", "seed", "out"], flagOptions: ["help", "force"])
            skus = try parsed.int("skus", range: 1...200_000)
            orders = try parsed.int("orders", range: 1...2_000_000)
            seed = try parsed.int("seed", range: 0...Int.max)
        } catch {
            console.err("ontime slot-generate: \(error)\n\n\(generateUsage)\n")
            return .badInput
        }
        if parsed.has("help") { console.out(generateUsage + "\n"); return .ok }
        guard let skus, let orders, let folder = parsed.value("out"), parsed.positional.isEmpty else {
            console.err("ontime slot-generate: --skus, --orders and --out are required\n\n\(generateUsage)\n")
            return .badInput
        }
        let names = ["layout.json", "skus.csv", "orders.csv", "current.csv"]
        // lstat: a dangling symlink of one of these names counts as a file too.
        var st = stat()
        if !parsed.has("force"), let existing = names.first(where: { lstat(folder + "/" + $0, &st) == 0 }) {
            console.err("ontime slot-generate: \(folder)/\(existing) already exists; refusing to overwrite it (give --force to replace "
                        + "the generated files, or another --out folder)\n")
            return .badInput
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            console.err("ontime slot-generate: cannot create \(folder): \(error.localizedDescription)\n")
            return .badInput
        }
        let instance = WarehouseGenerator.generate(skus: skus, orders: orders, seed: UInt64(seed ?? 1))
        do {
            try AtomicFile.write(instance.layoutJSON, to: folder + "/layout.json")
            try AtomicFile.write(instance.skusCSV, to: folder + "/skus.csv")
            try AtomicFile.write(instance.ordersCSV, to: folder + "/orders.csv")
            try AtomicFile.write(instance.currentCSV, to: folder + "/current.csv")
        } catch {
            console.err("ontime slot-generate: \(error)\n")
            return .badInput
        }
        console.out("wrote \(folder)/layout.json, skus.csv, orders.csv, current.csv\n")
        return .ok
    }
}
