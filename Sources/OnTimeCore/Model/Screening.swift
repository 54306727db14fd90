/// A customer no vehicle can serve, even on a route of its own, and why.
public struct Unservable: Sendable, Equatable {
    /// Customer index (1...customerCount) in the problem that was screened.
    public let customer: Int
    public let reason: String
}

/// Finds, before any search, the customers that cannot be served at all: no road to or
/// from the depot (explicit matrices with missing entries); demand above
/// the vehicle capacity; a time window that closes before a vehicle leaving when the
/// depot opens can get there; or a visit after which the vehicle cannot be back before
/// the depot closes. Everything else can be served (each on a route of its own), so
/// the search works on the rest and the plan lists these with their reasons.
///
/// A matrix may break the triangle inequality (explicit matrices, road networks, even
/// rounded coordinates): a vehicle may reach a customer sooner through other stops than
/// directly, or only through them. So a customer the direct legs fail is tested again
/// with shortest paths over the whole matrix (lower bounds on any route's travel: the
/// service of every stop passed through counted, waiting left out), and left out only
/// when even those fail — only what no plan can serve. Such a customer may then need
/// another stop's route to be served at all.
///
/// Shortest paths cost O(n²) per source. Where weights are computed from coordinates and
/// every customer's service takes at least one unit, direct travel times are already the
/// shortest a route can do (see `ShortestPaths.directTimesSuffice`), so at scale only
/// route-distance limits may need them; `shouldStop` (e.g. a share of the time limit)
/// ends a search for them early, and the customer is then kept (never left out wrongly).
public enum Screening {
    public static func unservable(_ p: Problem, shouldStop: @escaping () -> Bool = { false }) -> [Unservable] {
        if !p.isClassic { return unservableTyped(p, shouldStop: shouldStop) }
        var result: [Unservable] = []
        var paths = ShortestPaths(p, shouldStop: shouldStop)
        for c in stride(from: 1, through: p.customerCount, by: 1) {
            if p.distance(0, c) >= Matrix.unreachable || p.distance(c, 0) >= Matrix.unreachable {
                let to = paths.from(0, vehicle: 0, time: false)[c], back = paths.to(0, vehicle: 0, time: false)[c]
                if to >= Matrix.unreachable || back >= Matrix.unreachable {
                    let way = to >= Matrix.unreachable ? "from the depot to it" : "from it back to the depot"
                    result.append(Unservable(customer: c, reason: "there is no road \(way), not even through other stops (the matrix is disconnected)"))
                    continue
                }
            }
            if p.demands[c] > p.capacity {
                result.append(Unservable(customer: c, reason: "demand \(p.demands[c]) is above the vehicle capacity \(p.capacity)"))
                continue
            }
            guard p.hasTimeWindows else { continue }
            var arrival = p.readyTimes[0] + p.duration(0, c)
            var back = max(arrival, p.readyTimes[c]) + p.serviceTimes[c] + p.duration(c, 0)
            if arrival > p.dueTimes[c] || back > p.dueTimes[0] || p.duration(0, c) >= Matrix.unreachable || p.duration(c, 0) >= Matrix.unreachable {
                // Through other stops it may be quicker (the matrix need not be metric).
                arrival = p.readyTimes[0] + min(p.duration(0, c), paths.from(0, vehicle: 0, time: true)[c])
                back = max(arrival, p.readyTimes[c]) + p.serviceTimes[c] + min(p.duration(c, 0), paths.to(0, vehicle: 0, time: true)[c])
            }
            if arrival > p.dueTimes[c] {
                result.append(Unservable(customer: c, reason: "its time window closes at \(p.format(p.dueTimes[c])), "
                                         + "before the earliest possible arrival at \(p.format(arrival))"))
                continue
            }
            if back > p.dueTimes[0] {
                result.append(Unservable(customer: c, reason: "a vehicle serving it cannot be back before the depot closes at "
                                         + "\(p.format(p.dueTimes[0])) (earliest return \(p.format(back)))"))
            }
        }
        return result
    }
}

extension Screening {
    /// Beyond the classic problem: the required customers that no vehicle type can serve on
    /// a route of its own (capacity, roads to and from its depots, windows within its
    /// shift, its limits on duration and distance). Optional customers are never listed:
    /// a plan may leave them out anyway, at the price of their prize. Both ends of a
    /// shipment are listed when no vehicle type can carry it alone (pickup, then delivery).
    static func unservableTyped(_ p: Problem, shouldStop: @escaping () -> Bool) -> [Unservable] {
        let largest = p.vehicleTypes.map(\.capacity).max() ?? 0
        var result: [Unservable] = []
        var paths = ShortestPaths(p, shouldStop: shouldStop)
        /// Whether a vehicle of type t may carry c at all: its skills, capacity and further
        /// capacity dimensions.
        func fits(_ c: Int, _ t: Int) -> Bool {
            let type = p.vehicleTypes[t]
            return p.allows(t, c) && p.demands[c] <= type.capacity
                && p.extraDemands.indices.allSatisfy({ p.extraDemands[$0][c] <= type.extraCapacities[$0] })
        }
        /// Whether type t might serve c on some route: its own route's checks with shortest
        /// paths (through any stops) for the legs, which no route can beat.
        func mightServe(_ c: Int, _ t: Int) -> Bool {
            let type = p.vehicleTypes[t]
            guard fits(c, t) else { return false }
            // Time paths exist exactly where distance paths do (a leg needs a road in both).
            let go = paths.from(type.startDepot, vehicle: t, time: true)[c], come = paths.to(type.endDepot, vehicle: t, time: true)[c]
            guard go < Matrix.unreachable, come < Matrix.unreachable else { return false }
            // It must be able to leave: its depot open and its shift begun, both before they end.
            let leave = max(p.readyTimes[type.startDepot], type.shiftStart)
            guard leave <= p.dueTimes[type.startDepot] && leave <= type.shiftEnd else { return false }
            let arrival = leave + go
            guard arrival <= p.dueTimes[c] else { return false }
            let back = max(arrival, p.readyTimes[c]) + p.serviceTimes[c] + come
            guard back <= min(p.dueTimes[type.endDepot], type.shiftEnd) else { return false }
            if let limit = type.maxDuration, go + p.serviceTimes[c] + come > limit { return false }
            if let limit = type.maxDistance {
                // Paths through other stops only when the direct legs are too long.
                let direct = p.distance(type.startDepot, c, vehicle: t) + p.distance(c, type.endDepot, vehicle: t)
                if direct > limit && paths.from(type.startDepot, vehicle: t, time: false)[c]
                    + paths.to(type.endDepot, vehicle: t, time: false)[c] > limit { return false }
            }
            return true
        }
        for c in stride(from: 1, through: p.customerCount, by: 1) where p.prizes[c] == nil && p.partner[c] < 0 {
            if p.demands[c] > largest {
                result.append(Unservable(customer: c, reason: "demand \(p.demands[c]) is above every vehicle's capacity (largest \(largest))"))
                continue
            }
            let roads = p.vehicleTypes.indices.filter { t in
                let type = p.vehicleTypes[t]
                return p.distance(type.startDepot, c, vehicle: t) < Matrix.unreachable && p.distance(c, type.endDepot, vehicle: t) < Matrix.unreachable
            }
            if roads.isEmpty && !p.vehicleTypes.indices.contains(where: { t in
                let type = p.vehicleTypes[t]
                return paths.from(type.startDepot, vehicle: t, time: false)[c] < Matrix.unreachable
                    && paths.to(type.endDepot, vehicle: t, time: false)[c] < Matrix.unreachable
            }) {
                result.append(Unservable(customer: c, reason: "there is no road between it and any vehicle's depots (the matrix is disconnected)"))
                continue
            }
            let served = p.vehicleTypes.indices.contains { t in
                let type = p.vehicleTypes[t]
                guard fits(c, t), p.distance(type.startDepot, c, vehicle: t) < Matrix.unreachable,
                      p.distance(c, type.endDepot, vehicle: t) < Matrix.unreachable else { return false }
                let e = p.searchEvaluation([Int32(c)], vehicle: t)
                return e.excess == 0 && e.overrun == 0
            } || p.vehicleTypes.indices.contains { mightServe(c, $0) }
            if !served {
                let skilled = p.vehicleTypes.indices.contains { p.allows($0, c) }
                result.append(Unservable(customer: c, reason: skilled
                    ? "no vehicle can visit it within its time window, the vehicles' shifts and the limits on route duration and distance"
                    : "no vehicle has the skills it needs (\(p.requiredSkills[c].sorted().joined(separator: ", ")))"))
            }
        }
        for s in p.shipments where !p.vehicleTypes.indices.contains(where: { p.canCarry(s, vehicle: $0) }) {
            let reason = "no vehicle can carry shipment \(s.pickup) → \(s.delivery) on a route of its own (capacity, roads, "
                + "time windows, shifts, limits on route duration and distance)"
            result += [Unservable(customer: s.pickup, reason: reason), Unservable(customer: s.delivery, reason: reason)]
        }
        // Alternatives (a job's windows): one that cannot be served is simply never chosen
        // while another can; the job is left out only when none can.
        if !p.groups.isEmpty {
            let listed = Set(result.map(\.customer))
            result.removeAll { c in p.groupOf[c.customer] >= 0 && !p.groups[p.groupOf[c.customer]].allSatisfy(listed.contains) }
        }
        result.sort { $0.customer < $1.customer }
        return result
    }

    /// The unservable customers a plan (read back from a file) leaves out: what `solve`
    /// lists as unassigned, for `check` and `notify` to pass to the verifier.
    public static func leftOut(_ p: Problem, routes: [[Int]]) -> [Unservable] {
        let visited = Set(routes.joined())
        return unservable(p).filter { !visited.contains($0.customer) }
    }
}

/// Shortest travel times and distances over a problem's matrices (dense Dijkstra, O(n²)
/// per source), computed only when screening asks for them and kept per vehicle type,
/// node, direction and kind. An entry of `Matrix.unreachable` or more is no road.
///
/// Entries are lower bounds on what any route can do; two shortcuts keep them so:
/// - `directTimesSuffice`: travel times computed from coordinates (each the Euclidean
///   length, scaled, rounded or truncated: off by less than one unit) with every
///   customer's service at least one unit. A route reaching a stop through k − 1 other
///   stops then spends more than (true direct length − k) in travel plus k − 1 in service,
///   so at least the direct weight: the direct row is the bound, with no search.
/// - `shouldStop`: a search stopped early gives 0 everywhere (the trivial bound), so a
///   customer it was asked about is kept, not left out.
struct ShortestPaths {
    let p: Problem
    let shouldStop: () -> Bool
    let directTimesSuffice: Bool
    private var cache: [Key: [Int]] = [:]
    private struct Key: Hashable { let vehicle: Int, node: Int, reverse: Bool, time: Bool }

    init(_ p: Problem, shouldStop: @escaping () -> Bool = { false }) {
        self.p = p
        self.shouldStop = shouldStop
        directTimesSuffice = !p.isProfiled && p.distances.isComputed && p.durations.isComputed
            && (1...max(1, p.customerCount)).allSatisfy { $0 >= p.serviceTimes.count || p.serviceTimes[$0] >= 1 }
    }

    /// From `node` to every node.
    mutating func from(_ node: Int, vehicle: Int, time: Bool) -> [Int] { paths(Key(vehicle: vehicle, node: node, reverse: false, time: time)) }
    /// From every node to `node`.
    mutating func to(_ node: Int, vehicle: Int, time: Bool) -> [Int] { paths(Key(vehicle: vehicle, node: node, reverse: true, time: time)) }

    private mutating func paths(_ key: Key) -> [Int] {
        if let known = cache[key] { return known }
        let p = self.p, n = p.distances.size, t = key.vehicle
        if key.time && directTimesSuffice {
            let row = (0..<n).map { key.reverse ? p.duration($0, key.node, vehicle: t) : p.duration(key.node, $0, vehicle: t) }
            cache[key] = row
            return row
        }
        // A leg exists where both matrices have a road.
        func weight(_ a: Int, _ b: Int) -> Int {
            let (i, j) = key.reverse ? (b, a) : (a, b)
            let d = p.distance(i, j, vehicle: t), s = p.duration(i, j, vehicle: t)
            guard d < Matrix.unreachable && s < Matrix.unreachable else { return Matrix.unreachable }
            // A route passing through a stop serves it: its service counts in time (a, the
            // settled end, is that stop unless it is where the search starts).
            return key.time ? s + (a == key.node ? 0 : p.serviceTimes[a]) : d
        }
        var best = [Int](repeating: Matrix.unreachable, count: n)
        var done = [Bool](repeating: false, count: n)
        best[key.node] = 0
        for step in 0..<n {
            if step & 255 == 255 && shouldStop() {
                best = [Int](repeating: 0, count: n)
                break
            }
            var u = -1, low = Matrix.unreachable
            for v in 0..<n where !done[v] && best[v] < low { low = best[v]; u = v }
            guard u >= 0 else { break }
            done[u] = true
            for v in 0..<n where !done[v] {
                let w = weight(u, v)
                if w < Matrix.unreachable && low + w < best[v] { best[v] = low + w }
            }
        }
        cache[key] = best
        return best
    }
}

extension Problem {
    /// Whether a vehicle of type `vehicle` can carry shipment `s` on a route of its own.
    func canCarry(_ s: Shipment, vehicle: Int) -> Bool {
        let type = vehicleTypes[vehicle]
        let legs = [(type.startDepot, s.pickup), (s.pickup, s.delivery), (s.delivery, type.endDepot)]
        guard legs.allSatisfy({ distance($0.0, $0.1, vehicle: vehicle) < Matrix.unreachable }) else { return false }
        let e = searchEvaluation([Int32(s.pickup), Int32(s.delivery)], vehicle: vehicle)
        return e.excess == 0 && e.overrun == 0
    }

    /// The same instance with only the depot and `customers` (in that order): node k of
    /// the result is node `customers[k - 1]` here. Names and identifiers are kept.
    public func restricted(to customers: [Int]) -> Problem {
        let extraDepots = Array(depotNodes.dropFirst())
        let nodes = [0] + customers + extraDepots
        // Depots keep their order after the kept customers.
        func depot(_ d: Int) -> Int { d == 0 ? 0 : customers.count + 1 + extraDepots.firstIndex(of: d)! }
        let types = vehicleTypes.map { type -> VehicleType in
            var t = type
            t.startDepot = depot(type.startDepot)
            t.endDepot = depot(type.endDepot)
            return t
        }
        var result = Problem(
            name: name, originalIDs: nodes.map { originalIDs[$0] }, coordinates: coordinates.map { c in nodes.map { c[$0] } },
            demands: nodes.map { demands[$0] }, capacity: capacity, vehicleLimit: vehicleLimit,
            distances: distances.restricted(to: nodes),
            durations: durations == distances ? nil : durations.restricted(to: nodes),
            convention: convention, scale: scale,
            readyTimes: hasTimeWindows ? nodes.map { readyTimes[$0] } : nil,
            dueTimes: hasTimeWindows ? nodes.map { dueTimes[$0] } : nil,
            serviceTimes: nodes.map { serviceTimes[$0] },
            depotCount: depotNodes.count, vehicleTypes: types, prizes: nodes.map { prizes[$0] },
            shipments: shipments.compactMap { s in
                // Screening leaves out both ends of a shipment or neither.
                guard let a = customers.firstIndex(of: s.pickup), let b = customers.firstIndex(of: s.delivery) else { return nil }
                return Shipment(pickup: a + 1, delivery: b + 1, amount: s.amount)
            }, requiredSkills: nodes.map { requiredSkills[$0] }, extraDemands: extraDemands.map { d in nodes.map { d[$0] } },
            profileName: profiles[0].name,
            extraProfiles: profiles.dropFirst().map {
                TravelProfile(name: $0.name, distances: $0.distances.restricted(to: nodes), durations: $0.durations.restricted(to: nodes))
            },
            groups: groups.compactMap { members in
                // A group with one alternative left is a plain customer.
                let kept = members.compactMap { c in customers.firstIndex(of: c).map { $0 + 1 } }
                return kept.count >= 2 ? kept : nil
            })
        result.labels = labels.map { l in nodes.map { l[$0] } }
        return result
    }
}
