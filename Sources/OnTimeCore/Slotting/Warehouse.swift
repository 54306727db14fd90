/// A parallel-aisle, single-block warehouse: `aisles` pick aisles side by side, a front
/// cross aisle (with the depot, the pick/drop point) and a back cross aisle. Each aisle
/// has `baysPerAisle` bays on each of its two sides, each bay `levels` levels high.
///
/// Geometry (metres): aisle a's centre line is at x = a · aisleSpacing; along an aisle,
/// y runs from the front cross aisle's centre line (y = 0) to the back one's
/// (y = `backY`), and bay b's pick face is at y = crossAisleWidth/2 + (b + ½) · bayWidth.
/// Walking is along aisle centre lines and cross aisles only (rectilinear), never
/// through racks: see `walkingDistance`.
public struct Warehouse: Sendable {
    public let aisles: Int
    public let baysPerAisle: Int
    public let levels: Int
    public let aisleSpacing: Double
    public let bayWidth: Double
    public let crossAisleWidth: Double
    /// Depot position along the front cross aisle (y = 0).
    public let depotX: Double
    /// Storage volume and weight limit of a slot on each level (index 0 = level 1).
    public let levelVolume: [Double]
    public let levelMaxWeight: [Double]
    /// Levels (1 = floor) at waist height; picks elsewhere cost `levelPenalty` metres-equivalent.
    public let goldenLevels: Set<Int>
    public let levelPenalty: Double
    /// Aisles reserved for a storage class (e.g. "cold": [0]). A reserved aisle takes only
    /// SKUs of its class, and SKUs of that class go only there; other SKUs go anywhere else.
    public let reservedAisles: [String: Set<Int>]
    public let slots: [Slot]

    public var aisleLength: Double { Double(baysPerAisle) * bayWidth }
    public var backY: Double { aisleLength + crossAisleWidth }

    public init(aisles: Int, baysPerAisle: Int, levels: Int, aisleSpacing: Double = 3, bayWidth: Double = 1,
                crossAisleWidth: Double = 2, depotX: Double = 0, levelVolume: [Double]? = nil, levelMaxWeight: [Double]? = nil,
                goldenLevels: Set<Int> = [2], levelPenalty: Double = 0, reservedAisles: [String: Set<Int>] = [:]) {
        self.aisles = aisles
        self.baysPerAisle = baysPerAisle
        self.levels = levels
        self.aisleSpacing = aisleSpacing
        self.bayWidth = bayWidth
        self.crossAisleWidth = crossAisleWidth
        self.depotX = depotX
        self.levelVolume = levelVolume ?? Array(repeating: 1, count: max(1, levels))
        self.levelMaxWeight = levelMaxWeight ?? Array(repeating: 1_000, count: max(1, levels))
        self.goldenLevels = goldenLevels
        self.levelPenalty = levelPenalty
        self.reservedAisles = reservedAisles
        var classOfAisle: [Int: String] = [:]
        for (name, set) in reservedAisles { for a in set { classOfAisle[a] = name } }
        var slots: [Slot] = []
        slots.reserveCapacity(aisles * 2 * baysPerAisle * levels)
        for a in 0..<aisles {
            for side in 0..<2 {
                for b in 0..<baysPerAisle {
                    for level in 1...max(1, levels) {
                        slots.append(Slot(index: slots.count, aisle: a, side: side, bay: b, level: level,
                                          x: Double(a) * aisleSpacing,
                                          y: crossAisleWidth / 2 + (Double(b) + 0.5) * bayWidth,
                                          reservedFor: classOfAisle[a]))
                    }
                }
            }
        }
        self.slots = slots
    }

    /// One-way walking distance from the depot to a slot's pick face.
    public func depotDistance(_ slot: Slot) -> Double { abs(slot.x - depotX) + slot.y }

    /// Walking distance between two pick faces: straight along the aisle when both are in
    /// the same one, otherwise out through the front or the back cross aisle, whichever
    /// is shorter, and across.
    public func walkingDistance(_ a: Slot, _ b: Slot) -> Double {
        if a.aisle == b.aisle { return abs(a.y - b.y) }
        return abs(a.x - b.x) + min(a.y + b.y, 2 * backY - a.y - b.y)
    }

    /// Expected cost of one pick from the slot: there and back, plus the level penalty.
    public func pickCost(_ slot: Slot) -> Double {
        2 * depotDistance(slot) + (goldenLevels.contains(slot.level) ? 0 : levelPenalty)
    }

    /// Whether the SKU may be stored in the slot (volume, weight, storage class).
    public func fits(_ sku: SKU, _ slot: Slot) -> Bool {
        guard sku.volume <= levelVolume[slot.level - 1], sku.weight <= levelMaxWeight[slot.level - 1] else { return false }
        if let reserved = slot.reservedFor { return sku.storageClass == reserved }
        return sku.storageClass.isEmpty || reservedAisles[sku.storageClass] == nil
    }
}

/// One storage location.
public struct Slot: Sendable, Equatable {
    public let index: Int
    public let aisle: Int
    /// 0 = left, 1 = right side of the aisle.
    public let side: Int
    public let bay: Int
    /// 1 = floor level.
    public let level: Int
    public let x: Double
    public let y: Double
    /// The storage class whose reserved aisle this is, if any.
    public let reservedFor: String?

    /// What decides which SKUs fit the slot (see `Warehouse.fits`): slots of one kind
    /// take exactly the same SKUs.
    public struct Kind: Hashable, Sendable {
        public let level: Int
        public let reserved: String?
    }
    public var kind: Kind { Kind(level: level, reserved: reservedFor) }

    /// A stable, human-readable identifier, e.g. "A03-R-B012-L2" (1-based numbers).
    public var id: String {
        func pad(_ v: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(v).count)) + String(v) }
        return "A\(pad(aisle + 1, 2))-\(side == 0 ? "L" : "R")-B\(pad(bay + 1, 3))-L\(level)"
    }
}

/// A stock-keeping unit: what is stored in one slot.
public struct SKU: Sendable, Equatable {
    public let id: String
    /// Volume and weight of what the slot must hold.
    public let volume: Double
    public let weight: Double
    /// Storage class ("" = general).
    public let storageClass: String
    /// Items that should sit together ("" = none): kept in one aisle by the exact method
    /// when asked to (`FamilyRule.aisle`); ignored otherwise.
    public let family: String

    public init(id: String, volume: Double = 0.1, weight: Double = 1, storageClass: String = "", family: String = "") {
        self.id = id
        self.volume = volume
        self.weight = weight
        self.storageClass = storageClass
        self.family = family
    }
}

/// Historical order lines with the statistics slotting needs.
public struct OrderHistory: Sendable {
    /// Per order (in file order), the SKU indices it picks (each once).
    public let orders: [[Int]]
    /// Pick frequency per SKU: the number of order lines that pick it.
    public let picks: [Int]

    public init(orders: [[Int]], skuCount: Int) {
        var picks = [Int](repeating: 0, count: skuCount)
        var cleaned: [[Int]] = []
        cleaned.reserveCapacity(orders.count)
        for order in orders {
            var seen = Set<Int>()
            let unique = order.filter { seen.insert($0).inserted }
            for s in unique { picks[s] += 1 }
            cleaned.append(unique)
        }
        self.orders = cleaned
        self.picks = picks
    }

    /// Cube-per-order index: storage volume over pick frequency (low = store close).
    public func cubePerOrder(_ skus: [SKU]) -> [Double] {
        zip(skus, picks).map { sku, p in p == 0 ? .infinity : max(sku.volume, 1e-9) / Double(p) }
    }
}
