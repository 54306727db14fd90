import Foundation

/// The sweep heuristic (Gillett & Miller 1974), cluster first, route second in one pass:
/// customers are taken in order of their polar angle around the depot; each joins the
/// open route at its cheapest position that keeps the vehicle's capacity and (with time
/// windows) every window of the route; when no position does, the route is closed and
/// the customer opens the next one. Cheapest insertion stands in for the per-route TSP
/// of the original. Several starting angles are tried and the shortest plan is kept.
///
/// Customers no vehicle can serve even alone (see `Screening`) are left out of the plan;
/// the fleet size is not enforced (the verifier reports a plan with too many routes).
public enum Sweep {
    /// Starting angles tried: the sweep starts at `starts` customers evenly spaced in
    /// angular order (fewer when there are fewer customers).
    public static let defaultStarts = 8

    /// A plan for `problem`, or nil when the instance has no coordinates to sweep.
    public static func solve(_ problem: Problem, starts: Int = defaultStarts) -> Solution? {
        guard let points = problem.coordinates else { return nil }
        let left = Set(Screening.unservable(problem).map(\.customer))
        let depot = points[0]
        // Angular order, ties (same direction) nearest first; atan2 is in (-π, π].
        struct Polar { let customer: Int; let angle: Double; let distance: Int }
        var polar: [Polar] = []
        for c in stride(from: 1, through: problem.customerCount, by: 1) where !left.contains(c) {
            polar.append(Polar(customer: c, angle: atan2(points[c].y - depot.y, points[c].x - depot.x), distance: problem.distance(0, c)))
        }
        polar.sort { a, b in
            if a.angle != b.angle { return a.angle < b.angle }
            return a.distance != b.distance ? a.distance < b.distance : a.customer < b.customer
        }
        let order = polar.map(\.customer)
        guard !order.isEmpty else { return Solution(routes: []) }

        var best: (solution: Solution, withinFleet: Bool, cost: Int)? = nil
        let count = min(max(1, starts), order.count)
        for k in 0..<count {
            let offset = k * order.count / count
            let rotated = Array(order[offset...] + order[..<offset])
            let solution = sweep(problem, rotated)
            let withinFleet = problem.vehicleLimit.map { solution.routes.count <= $0 } ?? true
            let cost = problem.cost(of: solution)
            // A plan within the fleet beats any that is not; then the shorter one.
            if best.map({ (withinFleet && !$0.withinFleet) || (withinFleet == $0.withinFleet && cost < $0.cost) }) ?? true {
                best = (solution, withinFleet, cost)
            }
        }
        return best?.solution
    }

    /// One sweep over customers in the given order.
    static func sweep(_ problem: Problem, _ order: [Int]) -> Solution {
        var routes: [[Int]] = []
        var route = RouteTimes(problem: problem)
        for c in order {
            if let position = route.cheapestInsertion(of: c) {
                route.insert(c, at: position)
            } else {
                if !route.customers.isEmpty { routes.append(route.customers) }
                route = RouteTimes(problem: problem)
                // Every customer left in `order` can be served alone (screened above).
                route.insert(c, at: 0)
            }
        }
        if !route.customers.isEmpty { routes.append(route.customers) }
        return Solution(routes: routes)
    }
}

/// One route under construction with what insertion checks need in O(1) per position:
/// its load, each stop's start of service (earliest, as driven) and the latest start of
/// service at each stop that still lets every later stop and the return to the depot keep
/// their windows (Solomon's push-forward test). Without time windows the times are
/// computed all the same and never bind (due times are Int32.max).
///
/// Conventions as the verifier's: the vehicle leaves the depot when it opens, waits for
/// a window to open, must start service by its close and be back by the depot's close.
struct RouteTimes {
    let problem: Problem
    private(set) var customers: [Int] = []
    private(set) var load = 0
    /// Start of service at each customer, as driven.
    private var start: [Int] = []
    /// Latest start of service at each customer that keeps the rest of the route feasible.
    private var latest: [Int] = []

    init(problem: Problem) { self.problem = problem }

    /// Departure time from position `k` (-1 is the depot).
    private func departure(after k: Int) -> Int {
        k < 0 ? problem.readyTimes[0] : start[k] + problem.serviceTimes[customers[k]]
    }

    /// The node at position `k` (the depot before the first and after the last customer).
    private func node(_ k: Int) -> Int { k < 0 || k >= customers.count ? 0 : customers[k] }

    /// Whether `c` can be inserted before position `k` (0...count) keeping capacity and windows.
    func canInsert(_ c: Int, at k: Int) -> Bool {
        guard load + problem.demands[c] <= problem.capacity else { return false }
        let p = node(k - 1), q = node(k)
        let arrival = departure(after: k - 1) + problem.duration(p, c)
        let begin = max(arrival, problem.readyTimes[c])
        guard begin <= problem.dueTimes[c] else { return false }
        let reachQ = begin + problem.serviceTimes[c] + problem.duration(c, q)
        let latestQ = k < customers.count ? latest[k] : problem.dueTimes[0]
        return reachQ <= latestQ
    }

    /// The feasible position adding the least distance, if any (ties: the earliest position).
    func cheapestInsertion(of c: Int) -> Int? {
        var best: (position: Int, delta: Int)? = nil
        for k in 0...customers.count where canInsert(c, at: k) {
            let p = node(k - 1), q = node(k)
            let delta = problem.distance(p, c) + problem.distance(c, q) - problem.distance(p, q)
            if best.map({ delta < $0.delta }) ?? true { best = (k, delta) }
        }
        return best?.position
    }

    /// Inserts `c` before position `k` and recomputes the times (O(route length)).
    mutating func insert(_ c: Int, at k: Int) {
        customers.insert(c, at: k)
        load += problem.demands[c]
        let m = customers.count
        start = [Int](repeating: 0, count: m)
        latest = [Int](repeating: 0, count: m)
        var previous = 0, time = problem.readyTimes[0]
        for (i, node) in customers.enumerated() {
            start[i] = max(time + problem.duration(previous, node), problem.readyTimes[node])
            time = start[i] + problem.serviceTimes[node]
            previous = node
        }
        var next = 0, bound = problem.dueTimes[0]
        for i in stride(from: m - 1, through: 0, by: -1) {
            let node = customers[i]
            latest[i] = min(problem.dueTimes[node], bound - problem.duration(node, next) - problem.serviceTimes[node])
            bound = latest[i]
            next = node
        }
    }
}
