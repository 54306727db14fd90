import Foundation

/// Seeded generator of realistic slotting instances: skewed demand (Zipf with exponent
/// 1, so about 20 % of the SKUs take 80 % of the picks), small multi-line orders,
/// families whose members are ordered together, a few cold-storage SKUs with their own
/// reserved aisles, bulky and heavy items that only fit low levels, and a random
/// current assignment to re-slot from.
public enum WarehouseGenerator {
    public struct Instance: Sendable {
        public let layoutJSON: String
        public let skusCSV: String
        public let ordersCSV: String
        public let currentCSV: String
    }

    public static func generate(skus requested: Int, orders m: Int, seed: UInt64) -> Instance {
        let n = max(1, requested)
        var rng = RandomGenerator(seed: seed)
        let levels = 4, bays = 40
        let perAisle = 2 * bays * levels
        let coldCount = max(1, n * 3 / 100)
        let coldAisles = (coldCount + perAisle * 7 / 10 - 1) / (perAisle * 7 / 10)
        let generalAisles = (n - coldCount + perAisle * 85 / 100 - 1) / (perAisle * 85 / 100)
        let aisles = coldAisles + generalAisles
        let reserved = (0..<coldAisles).map { String(aisles - $0) }.joined(separator: ", ")
        let layout = """
            {"aisles": \(aisles), "bays_per_aisle": \(bays), "levels": \(levels), "aisle_spacing": 3.0,
             "bay_width": 1.2, "cross_aisle_width": 2.5, "depot_x": \(Double(aisles / 2) * 3.0),
             "level_volume": [1.0, 1.0, 0.8, 0.5], "level_max_weight": [800, 150, 60, 25],
             "golden_levels": [2, 3], "level_penalty": 4.0,
             "reserved_aisles": {"cold": [\(reserved)]}}

            """
        // SKUs in popularity order are shuffled so that ids carry no hint of demand.
        var ids = (1...n).map { "SKU\(String(format: "%06d", $0))" }
        ids.shuffle(using: &rng)
        var skus = "sku,volume,weight,class,family\n"
        var isCold = [Bool](repeating: false, count: n)
        var colds = 0
        for k in 0..<n {
            let bulky = rng.unit() < 0.1
            let volume = bulky ? 0.6 + 0.4 * rng.unit() : 0.02 + 0.45 * rng.unit()
            let weight = bulky ? 20 + 200 * rng.unit() : 0.2 + 15 * rng.unit()
            isCold[k] = k % max(1, n / coldCount) == 3 % max(1, n / coldCount) && colds < coldCount
            if isCold[k] { colds += 1 }
            skus += "\(CSV.field(ids[k])),\(String(format: "%.3f", volume)),\(String(format: "%.2f", weight)),\(isCold[k] ? "cold" : ""),F\(k / 8)\n"
        }
        // Zipf(1) popularity by rank; sampling by inverting the cumulative weights.
        var cumulative = [Double](repeating: 0, count: n)
        var total = 0.0
        for r in 0..<n { total += 1 / Double(r + 1); cumulative[r] = total }
        func draw(_ rng: inout RandomGenerator) -> Int {
            let u = rng.unit() * total
            var lo = 0, hi = n - 1
            while lo < hi { let mid = (lo + hi) / 2; if cumulative[mid] < u { lo = mid + 1 } else { hi = mid } }
            return lo
        }
        var orders = "order,sku,quantity\n"
        for o in 1...max(1, m) {
            var lines = Set<Int>()
            let size = 1 + min(19, Int(-log(max(1e-12, rng.unit())) / 0.6))  // about 2.5 lines on average
            while lines.count < min(size, n) {
                let s = draw(&rng)
                lines.insert(s)
                // Family members are often ordered together.
                if rng.unit() < 0.3 && lines.count < size {
                    let family = s / 8, mate = family * 8 + rng.below(8)
                    if mate < n { lines.insert(mate) }
                }
            }
            for s in lines.sorted() { orders += "O\(o),\(CSV.field(ids[s])),\(1 + rng.below(3))\n" }
        }
        // Today's assignment: random among the slots that fit.
        let warehouse = try? SlottingReaders.layout(json: layout, path: "generated")
        var current = "sku,slot\n"
        if let warehouse, let list = try? SlottingReaders.skusFromCSV(skus),
           let problem = try? SlottingProblem(warehouse: warehouse, skus: list, history: OrderHistory(orders: [], skuCount: list.count)),
           let random = try? problem.solve(.random, seed: seed ^ 0x5EED) {
            for (s, k) in random.assignment.slotOfSKU.enumerated() { current += "\(CSV.field(list[s].id)),\(CSV.field(warehouse.slots[k].id))\n" }
        }
        return Instance(layoutJSON: layout, skusCSV: skus, ordersCSV: orders, currentCSV: current)
    }
}
