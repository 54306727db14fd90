/// Routing policies for a picker in a single-block parallel-aisle warehouse (the
/// standard ones of the order-picking literature, e.g. de Koster, Le-Duc and
/// Roodbergen 2007). The picker starts and ends at the depot on the front cross aisle.
public enum PickingPolicy: String, Sendable, CaseIterable {
    /// S-shape (traversal): every aisle with a pick is walked end to end; with an odd
    /// number of such aisles, the last is entered from the front and left the same way.
    case sShape = "s-shape"
    /// Return: each aisle with picks is entered from the front up to its farthest pick.
    case `return` = "return"
    /// Largest gap: the first and last aisles with picks are traversed; each aisle in
    /// between is entered from the front and from the back up to its largest gap
    /// between adjacent pick positions (or the cross aisles), which is never walked.
    case largestGap = "largest-gap"
    /// The shortest tour: an exact travelling-salesman tour over the depot and the distinct
    /// pick locations in the aisle graph's shortest-path metric (Held–Karp), for tours of
    /// up to `PickingRouter.exactLimit` locations; longer tours take the best of the
    /// three policies above and are counted as not exact.
    case optimal = "optimal"
}

/// Tour lengths of pick lists under each policy.
public struct PickingRouter: Sendable {
    public let warehouse: Warehouse

    public init(warehouse: Warehouse) { self.warehouse = warehouse }

    /// Walking distance of one tour from the depot that visits `slots` (slot indices;
    /// repeats and several picks in one slot are fine) and returns.
    public func tourLength(_ slots: [Int], policy: PickingPolicy) -> Double {
        guard !slots.isEmpty else { return 0 }
        let w = warehouse
        // Pick positions (y) per aisle that has picks, aisles in increasing x.
        var byAisle: [Int: [Double]] = [:]
        for k in slots { byAisle[w.slots[k].aisle, default: []].append(w.slots[k].y) }
        let aisles = byAisle.keys.sorted()
        let left = Double(aisles.first!) * w.aisleSpacing, right = Double(aisles.last!) * w.aisleSpacing
        // Along the cross aisles: from the depot out to the farther end and back.
        let horizontal = 2 * (max(right, w.depotX) - min(left, w.depotX))
        let full = w.backY
        func farthest(_ a: Int) -> Double { byAisle[a]!.max()! }
        switch policy {
        case .return:
            return horizontal + aisles.reduce(0) { $0 + 2 * farthest($1) }
        case .sShape:
            if aisles.count % 2 == 0 { return horizontal + Double(aisles.count) * full }
            return horizontal + Double(aisles.count - 1) * full + 2 * farthest(aisles.last!)
        case .largestGap:
            if aisles.count == 1 { return horizontal + 2 * farthest(aisles[0]) }
            var vertical = 2 * full  // the first and last aisles, end to end
            for a in aisles.dropFirst().dropLast() {
                let ys = byAisle[a]!.sorted()
                var gap = max(ys.first!, full - ys.last!)  // from either cross aisle
                for (p, q) in zip(ys, ys.dropFirst()) { gap = max(gap, q - p) }
                vertical += 2 * (full - gap)
            }
            return horizontal + vertical
        case .optimal:
            return optimalTour(slots) ?? [PickingPolicy.sShape, .return, .largestGap].map { tourLength(slots, policy: $0) }.min()!
        }
    }

    /// Most distinct pick locations for which `optimal` is exact (Held–Karp is O(2^k·k²)).
    public static let exactLimit = 14

    /// Whether `optimal` is exact for this pick list.
    public func isExact(_ slots: [Int]) -> Bool { locations(slots).count <= Self.exactLimit }

    /// Distinct pick positions (aisle, y): both sides of a bay and all levels are one stop.
    func locations(_ slots: [Int]) -> [Slot] {
        var seen = Set<[Double]>()
        var result: [Slot] = []
        for k in slots {
            let slot = warehouse.slots[k]
            if seen.insert([Double(slot.aisle), slot.y]).inserted { result.append(slot) }
        }
        return result
    }

    /// Held–Karp over the depot and the pick locations; nil above `exactLimit` locations.
    func optimalTour(_ slots: [Int]) -> Double? {
        let stops = locations(slots)
        let k = stops.count
        guard k <= Self.exactLimit else { return nil }
        let w = warehouse
        var between = [Double](repeating: 0, count: k * k)
        for i in 0..<k { for j in 0..<k { between[i * k + j] = w.walkingDistance(stops[i], stops[j]) } }
        let fromDepot = stops.map { w.depotDistance($0) }
        // best[mask * k + last]: shortest path from the depot through the stops in mask, ending at last.
        let full = 1 << k
        var best = [Double](repeating: .infinity, count: full * k)
        for i in 0..<k { best[(1 << i) * k + i] = fromDepot[i] }
        for mask in 1..<full {
            for last in 0..<k where mask & (1 << last) != 0 {
                let here = best[mask * k + last]
                guard here < .infinity else { continue }
                for next in 0..<k where mask & (1 << next) == 0 {
                    let m = mask | (1 << next)
                    let candidate = here + between[last * k + next]
                    if candidate < best[m * k + next] { best[m * k + next] = candidate }
                }
            }
        }
        var shortest = Double.infinity
        for last in 0..<k { shortest = min(shortest, best[(full - 1) * k + last] + fromDepot[last]) }
        return shortest
    }
}

/// Replays an order history against an assignment: orders are batched in file order
/// (`batchSize` orders per tour) and each batch is one tour under the policy.
public struct PickingSimulation: Sendable {
    public struct Outcome: Sendable, Equatable {
        public let tours: Int
        public let orders: Int
        public let totalDistance: Double
        /// Tours of the `optimal` policy too long to solve exactly (0 for the other policies).
        public var inexactTours = 0
        public var perOrder: Double { orders == 0 ? 0 : totalDistance / Double(orders) }
    }

    public static func run(_ problem: SlottingProblem, _ assignment: SlotAssignment, policy: PickingPolicy,
                           batchSize: Int = 1) -> Outcome {
        let router = PickingRouter(warehouse: problem.warehouse)
        let size = max(1, batchSize)
        var total = 0.0, tours = 0, inexact = 0
        var start = 0
        let orders = problem.history.orders
        while start < orders.count {
            let batch = orders[start..<min(orders.count, start + size)]
            let slots = batch.flatMap { $0.map { assignment.slotOfSKU[$0] } }
            if !slots.isEmpty {
                total += router.tourLength(slots, policy: policy)
                tours += 1
                if policy == .optimal && !router.isExact(slots) { inexact += 1 }
            }
            start += size
        }
        var outcome = Outcome(tours: tours, orders: orders.count, totalDistance: total)
        outcome.inexactTours = inexact
        return outcome
    }
}
