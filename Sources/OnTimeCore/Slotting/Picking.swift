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
    /// The shortest tour, for any number of picks: the Ratliff–Rosenthal (1983) dynamic
    /// programme over the aisles from left to right, linear in their number.
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
            return shortestTour(byAisle)
        }
    }

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

    /// Held–Karp over the depot and the distinct pick locations in the aisle graph's
    /// shortest-path metric, O(2^k·k²): the brute-force reference the tests check
    /// `optimal` against; nil above 16 locations.
    func heldKarpLength(_ slots: [Int]) -> Double? {
        let stops = locations(slots)
        let k = stops.count
        guard k <= 16 else { return nil }
        guard k > 0 else { return 0 }
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

// MARK: - The Ratliff–Rosenthal dynamic programme

extension PickingRouter {
    /// One column of the aisle graph: an aisle (with its pick positions, maybe none) or,
    /// where the depot is on no aisle, the depot's own column, which has no aisle.
    private struct Column {
        let x: Double
        /// Pick positions along the aisle, ascending; nil for the depot's own column.
        let picks: [Double]?
        /// The depot is this column's front end, so the tour must pass through it.
        let hasDepot: Bool
    }

    /// The shortest tour from the depot through every pick position and back (Ratliff and
    /// Rosenthal 1983, Operations Research 31(3)). A tour is a connected multigraph of
    /// arcs along aisles and cross aisles with even degrees everywhere. Sweeping the columns
    /// left to right, a partial tour is summed up by its `TourClass` at the current column;
    /// each column takes one of the `AisleArcs` sets and each cross-aisle segment between two
    /// columns 0, 1 or 2 arcs at the front and at the back. Linear in the number of columns
    /// whatever the number of picks (each aisle's picks are only sorted).
    fileprivate func shortestTour(_ byAisle: [Int: [Double]]) -> Double {
        let w = warehouse
        let length = w.backY
        func x(_ a: Int) -> Double { Double(a) * w.aisleSpacing }
        let tolerance = 1e-9 * max(1, abs(w.depotX))
        // Columns from the leftmost to the rightmost of the depot and the aisles with picks,
        // empty aisles between included (the tour may cross them); beyond, nothing helps.
        var first = byAisle.keys.min()!, last = byAisle.keys.max()!
        while first > 0 && x(first - 1) >= w.depotX - tolerance { first -= 1 }
        while last < w.aisles - 1 && x(last + 1) <= w.depotX + tolerance { last += 1 }
        var columns: [Column] = []
        columns.reserveCapacity(last - first + 2)
        var depotPlaced = false
        for a in first...last {
            if !depotPlaced && w.depotX < x(a) - tolerance {
                columns.append(Column(x: w.depotX, picks: nil, hasDepot: true))
                depotPlaced = true
            }
            let depotHere = !depotPlaced && abs(w.depotX - x(a)) <= tolerance
            if depotHere { depotPlaced = true }
            columns.append(Column(x: x(a), picks: byAisle[a]?.sorted() ?? [], hasDepot: depotHere))
        }
        if !depotPlaced { columns.append(Column(x: w.depotX, picks: nil, hasDepot: true)) }

        // cost[c]: shortest partial tour of class c over the columns so far.
        let classes = TourClass.allCases.count
        var cost = [Double](repeating: .infinity, count: classes)
        var next = cost
        cost[TourClass.empty.rawValue] = 0
        for (i, column) in columns.enumerated() {
            if i > 0 {
                // Across from the previous column, whose front and back ends are then final.
                let previous = columns[i - 1]
                let dx = column.x - previous.x
                // The back cross aisle does not reach a depot that is beyond every aisle.
                let backOpen = !(i == 1 && previous.picks == nil) && !(i == columns.count - 1 && column.picks == nil)
                for c in 0..<classes { next[c] = .infinity }
                for c in 0..<classes where cost[c] < .infinity {
                    for front in 0...2 {
                        for back in 0...(backOpen ? 2 : 0) {
                            guard let to = TourClass.across(c, front: front, back: back, frontRequired: previous.hasDepot) else { continue }
                            next[to] = min(next[to], cost[c] + Double(front + back) * dx)
                        }
                    }
                }
                swap(&cost, &next)
            }
            // Along the column.
            for c in 0..<classes { next[c] = .infinity }
            func relax(_ arcs: AisleArcs, _ extra: Double) {
                for c in 0..<classes where cost[c] < .infinity {
                    guard let to = TourClass.along(c, arcs) else { continue }
                    next[to] = min(next[to], cost[c] + extra)
                }
            }
            if let picks = column.picks {
                if picks.isEmpty {
                    relax(.notEntered, 0)
                } else {
                    var gap = max(picks[0], length - picks[picks.count - 1])
                    for (p, q) in zip(picks, picks.dropFirst()) { gap = max(gap, q - p) }
                    relax(.fromBack, 2 * (length - picks[0]))
                    relax(.fromFront, 2 * picks[picks.count - 1])
                    relax(.largestGap, 2 * (length - gap))
                }
                relax(.traverse, length)
                relax(.traverseTwice, 2 * length)
            } else {
                relax(.notEntered, 0)
            }
            swap(&cost, &next)
        }
        // Leaving the last column with no arcs must close the tour.
        var shortest = Double.infinity
        for c in 0..<classes where cost[c] < .infinity {
            if TourClass.across(c, front: 0, back: 0, frontRequired: columns[columns.count - 1].hasDepot) == TourClass.closed.rawValue {
                shortest = min(shortest, cost[c])
            }
        }
        return shortest
    }
}

/// The arc sets along one aisle that an optimal tour needs (Ratliff and Rosenthal):
/// with picks, every one of them reaches them all.
private enum AisleArcs: Int, CaseIterable {
    /// No arcs (only for an aisle without picks, or the depot's own column).
    case notEntered
    /// End to end once.
    case traverse
    /// End to end twice.
    case traverseTwice
    /// In from the back cross aisle to the pick nearest the front, and back out.
    case fromBack
    /// In from the front cross aisle to the pick nearest the back, and back out.
    case fromFront
    /// In from both ends, leaving out the largest gap between adjacent picks (or between
    /// a pick and a cross aisle).
    case largestGap

    /// Arcs added at the front and at the back end, and whether they join the two ends.
    var ends: (front: Int, back: Int, joins: Bool) {
        switch self {
        case .notEntered: (0, 0, false)
        case .traverse: (1, 1, true)
        case .traverseTwice: (2, 2, true)
        case .fromBack: (0, 2, false)
        case .fromFront: (2, 0, false)
        case .largestGap: (2, 2, false)
        }
    }
}

/// Ratliff and Rosenthal's seven equivalence classes of a partial tour (the part of the
/// tour left of a point in the sweep) at the current column: the degree of the column's
/// front and back ends (0, odd "U" or even "E"), and its number of connected components
/// (with two, the ends lie in different ones). Every vertex further left is final, so it
/// has even degree, and each component must still reach an end of the current column,
/// except that of a tour already closed. Two partial tours of one class have the same
/// completions, so only the shortest of each class is kept.
private enum TourClass: Int, CaseIterable {
    /// (0, 0, 0 components): nothing yet.
    case empty
    /// (U, U, 1).
    case oddOdd
    /// (E, 0, 1).
    case evenNone
    /// (0, E, 1).
    case noneEven
    /// (E, E, 1).
    case evenEven
    /// (E, E, 2): the front and the back end are not yet connected.
    case evenEvenApart
    /// (0, 0, 1): a whole tour, closed further left.
    case closed

    /// Degree of an end: 0, odd (1) or even and positive (2).
    private typealias Degree = Int

    private struct Ends {
        var front: Degree, back: Degree
        /// Front and back end in one component (meaningful when both have arcs).
        var joined: Bool
        var closed: Bool
    }

    private var ends: Ends {
        switch self {
        case .empty: Ends(front: 0, back: 0, joined: false, closed: false)
        case .oddOdd: Ends(front: 1, back: 1, joined: true, closed: false)
        case .evenNone: Ends(front: 2, back: 0, joined: false, closed: false)
        case .noneEven: Ends(front: 0, back: 2, joined: false, closed: false)
        case .evenEven: Ends(front: 2, back: 2, joined: true, closed: false)
        case .evenEvenApart: Ends(front: 2, back: 2, joined: false, closed: false)
        case .closed: Ends(front: 0, back: 0, joined: false, closed: true)
        }
    }

    private init?(_ e: Ends) {
        if e.closed {
            guard e.front == 0 && e.back == 0 else { return nil }
            self = .closed
            return
        }
        switch (e.front, e.back) {
        case (0, 0): self = .empty
        case (1, 1) where e.joined: self = .oddOdd  // apart, each component would have one odd vertex
        case (2, 0): self = .evenNone
        case (0, 2): self = .noneEven
        case (2, 2): self = e.joined ? .evenEven : .evenEvenApart
        default: return nil
        }
    }

    /// Degree class after adding `arcs` arcs to an end of degree class `d`.
    private static func adding(_ arcs: Int, to d: Degree) -> Degree {
        arcs == 0 ? d : ((d + arcs) % 2 == 1 ? 1 : 2)
    }

    /// The class after `front` and `back` arcs from the current column's ends to the next
    /// column's; nil if that leaves a current end with odd degree, a required front end
    /// (the depot) unvisited, or a component that can never join the rest.
    private static func computeAcross(_ c: TourClass, front: Int, back: Int, frontRequired: Bool) -> TourClass? {
        let e = c.ends
        if e.closed { return front == 0 && back == 0 && !frontRequired ? .closed : nil }
        let finalFront = adding(front, to: e.front), finalBack = adding(back, to: e.back)
        guard finalFront != 1 && finalBack != 1, !frontRequired || finalFront != 0 else { return nil }
        let joined = e.front > 0 && e.back > 0 && e.joined
        // Components that stop here: with arcs still going on elsewhere they can never join them.
        let stopping = joined ? (front == 0 && back == 0 ? 1 : 0)
            : (e.front > 0 && front == 0 ? 1 : 0) + (e.back > 0 && back == 0 ? 1 : 0)
        if stopping > 0 { return stopping == 1 && front == 0 && back == 0 ? .closed : nil }
        return TourClass(Ends(front: front, back: back, joined: joined && front > 0 && back > 0, closed: false))
    }

    /// The class after the arc set `arcs` along the current column.
    private static func computeAlong(_ c: TourClass, _ arcs: AisleArcs) -> TourClass? {
        let e = c.ends, (front, back, joins) = arcs.ends
        if e.closed { return front == 0 && back == 0 ? .closed : nil }
        return TourClass(Ends(front: adding(front, to: e.front), back: adding(back, to: e.back),
                              joined: (e.front > 0 && e.back > 0 && e.joined) || joins, closed: false))
    }

    /// Transition tables by raw values (-1: not allowed).
    private static let acrossTable: [Int8] = {
        var table: [Int8] = []
        for c in allCases { for front in 0...2 { for back in 0...2 { for required in [false, true] {
            table.append(Int8(computeAcross(c, front: front, back: back, frontRequired: required)?.rawValue ?? -1))
        } } } }
        return table
    }()

    private static let alongTable: [Int8] = {
        var table: [Int8] = []
        for c in allCases { for arcs in AisleArcs.allCases { table.append(Int8(computeAlong(c, arcs)?.rawValue ?? -1)) } }
        return table
    }()

    /// `computeAcross` by raw values.
    static func across(_ c: Int, front: Int, back: Int, frontRequired: Bool) -> Int? {
        let to = acrossTable[((c * 3 + front) * 3 + back) * 2 + (frontRequired ? 1 : 0)]
        return to < 0 ? nil : Int(to)
    }

    /// `computeAlong` by raw values.
    static func along(_ c: Int, _ arcs: AisleArcs) -> Int? {
        let to = alongTable[c * AisleArcs.allCases.count + arcs.rawValue]
        return to < 0 ? nil : Int(to)
    }
}

/// Replays an order history against an assignment: orders are batched in file order
/// (`batchSize` orders per tour) and each batch is one tour under the policy.
public struct PickingSimulation: Sendable {
    public struct Outcome: Sendable, Equatable {
        public let tours: Int
        public let orders: Int
        public let totalDistance: Double
        public var perOrder: Double { orders == 0 ? 0 : totalDistance / Double(orders) }
    }

    public static func run(_ problem: SlottingProblem, _ assignment: SlotAssignment, policy: PickingPolicy,
                           batchSize: Int = 1) -> Outcome {
        let router = PickingRouter(warehouse: problem.warehouse)
        let size = max(1, batchSize)
        var total = 0.0, tours = 0
        var start = 0
        let orders = problem.history.orders
        while start < orders.count {
            let batch = orders[start..<min(orders.count, start + size)]
            let slots = batch.flatMap { $0.map { assignment.slotOfSKU[$0] } }
            if !slots.isEmpty {
                total += router.tourLength(slots, policy: policy)
                tours += 1
            }
            start += size
        }
        return Outcome(tours: tours, orders: orders.count, totalDistance: total)
    }
}
