import Foundation

/// Readers for the slotting inputs. Every problem is an `InputError` naming the file
/// and the line (CSV) or the JSON path (layout).
public enum SlottingReaders {
    /// The layout file, e.g.
    /// `{"aisles": 10, "bays_per_aisle": 20, "levels": 4, "aisle_spacing": 3, "bay_width": 1,
    ///   "cross_aisle_width": 2, "depot_x": 0, "level_volume": [1,1,1,0.6],
    ///   "level_max_weight": [500,200,100,50], "golden_levels": [2,3], "level_penalty": 4,
    ///   "reserved_aisles": {"cold": [1]}}` — only the first three keys are required.
    struct LayoutFile: Decodable {
        let aisles: Int
        let bays_per_aisle: Int
        let levels: Int
        let aisle_spacing: Double?
        let bay_width: Double?
        let cross_aisle_width: Double?
        let depot_x: Double?
        let level_volume: [Double]?
        let level_max_weight: [Double]?
        let golden_levels: [Int]?
        let level_penalty: Double?
        let reserved_aisles: [String: [Int]]?
    }

    /// The keys of a layout file.
    public static let layoutKeys = ["aisles", "bays_per_aisle", "levels", "aisle_spacing", "bay_width", "cross_aisle_width", "depot_x",
                                    "level_volume", "level_max_weight", "golden_levels", "level_penalty", "reserved_aisles"]

    /// Largest length in a layout (metres): walking distances over the largest layout stay
    /// finite and exact enough in a Double, and GLPK gets a well-scaled model.
    public static let maximumLength = 100_000.0

    /// Largest level volume, weight limit or level penalty a layout may give.
    public static let maximumLevelValue = 1e9

    /// Most slots a layout may describe.
    public static let maximumSlots = 2_000_000

    public static func layout(path: String) throws(InputError) -> Warehouse {
        let text = try readText(path)
        return try layout(json: text, path: path)
    }

    public static func layout(json text: String, path: String) throws(InputError) -> Warehouse {
        func fail(_ message: String) -> InputError { InputError(file: path, line: nil, message) }
        try checkSize(text.utf8.count, path: path, limit: InputLimits.maximumJSONBytes)
        // Strict JSON first (where a syntax error is, duplicate keys), then no unknown key:
        // a misspelt one (`golden_level`) would otherwise be ignored without a word.
        let raw = try JSONCheck.object(text, path: path, expected: "a JSON object (a warehouse layout)")
        try JSONCheck.known(raw, layoutKeys, at: "") { at, message in fail("at \(at): \(message)") }
        let file: LayoutFile
        do {
            file = try JSONDecoder().decode(LayoutFile.self, from: Data(text.utf8))
        } catch let error as DecodingError {
            throw fail(describe(error))
        } catch {
            throw fail("not valid JSON: \(error.localizedDescription)")
        }
        guard file.aisles >= 1 else { throw fail("at aisles: must be at least 1") }
        guard file.bays_per_aisle >= 1 else { throw fail("at bays_per_aisle: must be at least 1") }
        guard file.levels >= 1 && file.levels <= 100 else { throw fail("at levels: must be between 1 and 100") }
        let (a, b, l) = (file.aisles, file.bays_per_aisle, file.levels)
        guard a <= maximumSlots, b <= maximumSlots, a * b <= maximumSlots, a * b * l * 2 <= maximumSlots else {
            throw fail("layout has more than \(maximumSlots) slots")
        }
        func positive(_ v: Double?, _ key: String, default d: Double) throws(InputError) -> Double {
            guard let v else { return d }
            guard v.isFinite && v > 0 && v <= maximumLength else { throw fail("at \(key): must be a positive number of at most \(Int(maximumLength)) (metres)") }
            return v
        }
        let spacing = try positive(file.aisle_spacing, "aisle_spacing", default: 3)
        let bay = try positive(file.bay_width, "bay_width", default: 1)
        let cross = try positive(file.cross_aisle_width, "cross_aisle_width", default: 2)
        let depot = file.depot_x ?? 0
        guard depot.isFinite && abs(depot) <= maximumLength else { throw fail("at depot_x: must be a number between -\(Int(maximumLength)) and \(Int(maximumLength)) (metres)") }
        func perLevel(_ values: [Double]?, _ key: String, default d: Double) throws(InputError) -> [Double] {
            guard let values else { return Array(repeating: d, count: l) }
            guard values.count == l else { throw fail("at \(key): needs one value per level (\(l)), got \(values.count)") }
            for (i, v) in values.enumerated() where !(v.isFinite && v >= 0 && v <= maximumLevelValue) {
                throw fail("at \(key)[\(i)]: must be a non-negative number of at most 1e9")
            }
            return values
        }
        let volume = try perLevel(file.level_volume, "level_volume", default: 1)
        let weight = try perLevel(file.level_max_weight, "level_max_weight", default: 1_000)
        let golden = file.golden_levels ?? [min(2, l)]
        for (i, g) in golden.enumerated() where g < 1 || g > l {
            throw fail("at golden_levels[\(i)]: level \(g) does not exist (1...\(l))")
        }
        let penalty = file.level_penalty ?? 0
        guard penalty.isFinite && penalty >= 0 && penalty <= maximumLength else {
            throw fail("at level_penalty: must be a non-negative number of at most \(Int(maximumLength))")
        }
        var reserved: [String: Set<Int>] = [:]
        var owner: [Int: String] = [:]
        for (name, list) in (file.reserved_aisles ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard !name.isEmpty else { throw fail("at reserved_aisles: a class name is empty") }
            for (i, aisle) in list.enumerated() {
                guard aisle >= 1 && aisle <= a else { throw fail("at reserved_aisles.\(name)[\(i)]: aisle \(aisle) does not exist (1...\(a))") }
                if let other = owner[aisle - 1] { throw fail("at reserved_aisles.\(name)[\(i)]: aisle \(aisle) is already reserved for \(other)") }
                owner[aisle - 1] = name
                reserved[name, default: []].insert(aisle - 1)
            }
        }
        return Warehouse(aisles: a, baysPerAisle: b, levels: l, aisleSpacing: spacing, bayWidth: bay, crossAisleWidth: cross,
                         depotX: depot, levelVolume: volume, levelMaxWeight: weight, goldenLevels: Set(golden),
                         levelPenalty: penalty, reservedAisles: reserved)
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "at the top level" : "at " + String(keys.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context):
            let inner = path(context)
            return "\(inner == "at the top level" ? "" : inner + ": ")missing key \"\(key.stringValue)\""
        case .typeMismatch(let type, let context): return "\(path(context)): expected \(type == Int.self ? "an integer" : "\(type)")"
        case .valueNotFound(_, let context): return "\(path(context)): value is null"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "\(path(context)): \(context.debugDescription)"
        @unknown default: return "not a valid layout"
        }
    }

    // MARK: CSV

    /// A CSV file with a header row, read by `CSV` (RFC 4180); header names lowercased.
    struct Table {
        let path: String
        let header: [String]
        /// The first column of each header name: looked up per row, so a wide header does
        /// not make reading quadratic.
        let columns: [String: Int]
        /// (1-based line number, fields) per data row; blank lines skipped.
        let rows: [(line: Int, fields: [String])]

        init(path: String, required: [String], maximumRows: Int) throws(InputError) {
            try self.init(path: path, text: try readText(path), required: required, maximumRows: maximumRows)
        }

        /// Refuses more than `maximumRows` data rows at the first one beyond.
        init(path: String, text: String, required: [String], maximumRows: Int) throws(InputError) {
            try checkSize(text.utf8.count, path: path)
            self.path = path
            var rows: [(Int, [String])] = []
            var header: [String]? = nil
            try CSV.forEachRecord(text, path: path) { (record: CSV.Record) throws(InputError) in
                if header == nil { header = record.fields.map { $0.lowercased() }; return }
                guard rows.count < maximumRows else {
                    throw InputError(file: path, line: record.line, "more than \(maximumRows) rows; OnTime refuses files this large")
                }
                rows.append((record.line, record.fields))
            }
            self.header = header ?? []
            self.rows = rows
            var columns: [String: Int] = [:]
            for (c, name) in self.header.enumerated() where columns[name] == nil { columns[name] = c }
            self.columns = columns
            for name in required where columns[name] == nil {
                throw InputError(file: path, line: 1, "header has no '\(name)' column (columns: \(self.header.joined(separator: ", ")))")
            }
        }

        func column(_ name: String) -> Int? { columns[name] }

        func value(_ row: (line: Int, fields: [String]), _ name: String) -> String? {
            guard let c = column(name), c < row.fields.count else { return nil }
            return row.fields[c]
        }

        func number(_ row: (line: Int, fields: [String]), _ name: String, default d: Double) throws(InputError) -> Double {
            guard let text = value(row, name), !text.isEmpty else { return d }
            guard let v = Double(text), v.isFinite, v >= 0 else {
                throw InputError(file: path, line: row.line, "\(name) '\(text)' is not a non-negative number")
            }
            return v
        }
    }

    /// SKUs: columns `sku` (required), `volume`, `weight`, `class`, `family`.
    public static func skus(path: String) throws(InputError) -> [SKU] {
        try skus(Table(path: path, text: try readText(path), required: ["sku"], maximumRows: maximumSlots))
    }

    /// SKUs from CSV text (as written by the generator).
    public static func skusFromCSV(_ text: String, path: String = "skus.csv") throws(InputError) -> [SKU] {
        try skus(Table(path: path, text: text, required: ["sku"], maximumRows: maximumSlots))
    }

    static func skus(_ csv: Table) throws(InputError) -> [SKU] {
        let path = csv.path
        var seen: [String: Int] = [:]
        var skus: [SKU] = []
        for row in csv.rows {
            guard row.fields.count <= csv.header.count else {
                throw InputError(file: path, line: row.line, "\(row.fields.count) fields but the header has \(csv.header.count)")
            }
            let id = csv.value(row, "sku") ?? ""
            guard !id.isEmpty else { throw InputError(file: path, line: row.line, "empty sku") }
            if let first = seen[id] { throw InputError(file: path, line: row.line, "sku '\(id)' already listed on line \(first)") }
            seen[id] = row.line
            skus.append(SKU(id: id, volume: try csv.number(row, "volume", default: 0.1), weight: try csv.number(row, "weight", default: 1),
                            storageClass: csv.value(row, "class") ?? "", family: csv.value(row, "family") ?? ""))
        }
        guard !skus.isEmpty else { throw InputError(file: path, line: nil, "no SKUs listed") }
        return skus
    }

    /// Order lines: columns `order` and `sku` (required), `quantity` (ignored beyond > 0).
    public static func orders(path: String, skus: [SKU]) throws(InputError) -> OrderHistory {
        try orders(Table(path: path, required: ["order", "sku"], maximumRows: InputLimits.maximumOrderLines), skus: skus)
    }

    /// Order lines from CSV text; `path` is only used in errors.
    public static func ordersFromCSV(_ text: String, path: String = "orders.csv", skus: [SKU]) throws(InputError) -> OrderHistory {
        try orders(Table(path: path, text: text, required: ["order", "sku"], maximumRows: InputLimits.maximumOrderLines), skus: skus)
    }

    static func orders(_ csv: Table, skus: [SKU]) throws(InputError) -> OrderHistory {
        let path = csv.path
        var index: [String: Int] = [:]
        for (k, sku) in skus.enumerated() { index[sku.id] = k }
        var orderIndex: [String: Int] = [:]
        var orders: [[Int]] = []
        for row in csv.rows {
            let order = csv.value(row, "order") ?? "", id = csv.value(row, "sku") ?? ""
            guard !order.isEmpty else { throw InputError(file: path, line: row.line, "empty order id") }
            guard let s = index[id] else { throw InputError(file: path, line: row.line, "sku '\(id)' is not in the SKU list") }
            if try csv.number(row, "quantity", default: 1) <= 0 {
                throw InputError(file: path, line: row.line, "quantity must be positive")
            }
            if let k = orderIndex[order] { orders[k].append(s) } else { orderIndex[order] = orders.count; orders.append([s]) }
        }
        guard !orders.isEmpty else { throw InputError(file: path, line: nil, "no order lines") }
        return OrderHistory(orders: orders, skuCount: skus.count)
    }

    /// The current assignment: columns `sku` and `slot` (a slot id such as A03-R-B012-L2).
    /// SKUs not listed are reported; the result is checked by `SlottingProblem.violations`.
    public static func assignment(path: String, problem: SlottingProblem) throws(InputError) -> SlotAssignment {
        try assignment(Table(path: path, required: ["sku", "slot"], maximumRows: maximumSlots), problem: problem)
    }

    /// The current assignment from CSV text; `path` is only used in errors.
    public static func assignmentFromCSV(_ text: String, path: String = "current.csv", problem: SlottingProblem) throws(InputError) -> SlotAssignment {
        try assignment(Table(path: path, text: text, required: ["sku", "slot"], maximumRows: maximumSlots), problem: problem)
    }

    static func assignment(_ csv: Table, problem: SlottingProblem) throws(InputError) -> SlotAssignment {
        let path = csv.path
        var skuIndex: [String: Int] = [:]
        for (k, sku) in problem.skus.enumerated() { skuIndex[sku.id] = k }
        var slotIndex: [String: Int] = [:]
        for slot in problem.warehouse.slots { slotIndex[slot.id] = slot.index }
        var result = [Int](repeating: -1, count: problem.skus.count)
        var holder: [Int: String] = [:]
        for row in csv.rows {
            let id = csv.value(row, "sku") ?? "", slotID = csv.value(row, "slot") ?? ""
            guard let s = skuIndex[id] else { throw InputError(file: path, line: row.line, "sku '\(id)' is not in the SKU list") }
            guard let k = slotIndex[slotID] else { throw InputError(file: path, line: row.line, "slot '\(slotID)' does not exist in the layout") }
            guard result[s] == -1 else { throw InputError(file: path, line: row.line, "sku '\(id)' is listed twice") }
            if let other = holder[k] { throw InputError(file: path, line: row.line, "slot '\(slotID)' already holds sku '\(other)'") }
            guard problem.warehouse.fits(problem.skus[s], problem.warehouse.slots[k]) else {
                throw InputError(file: path, line: row.line, "sku '\(id)' does not fit slot '\(slotID)' (volume, weight or class)")
            }
            holder[k] = id
            result[s] = k
        }
        if let missing = result.firstIndex(of: -1) {
            throw InputError(file: path, line: nil, "sku '\(problem.skus[missing].id)' has no slot")
        }
        return SlotAssignment(slotOfSKU: result)
    }
}
