/// A set of routes, each the customers visited in order (internal node
/// indices 1...customerCount; the depots are implicit at both ends), and the vehicle
/// type driving each (an index into `Problem.vehicleTypes`; all 0 for one type).
/// Optional customers in no route are skipped.
///
/// This is the exchange type between search, verifier and writers; the search's
/// own mutable state lives apart (see `Routing/Search`).
public struct Solution: Sendable, Equatable {
    public var routes: [[Int]]
    public var vehicles: [Int]
    public init(routes: [[Int]]) {
        self.routes = routes.filter { !$0.isEmpty }
        self.vehicles = Array(repeating: 0, count: self.routes.count)
    }
    /// Routes with their vehicle types (`vehicles[r]` drives `routes[r]`); empty routes are dropped.
    public init(routes: [[Int]], vehicles: [Int]) {
        precondition(routes.count == vehicles.count, "one vehicle type per route")
        let kept = routes.indices.filter { !routes[$0].isEmpty }
        self.routes = kept.map { routes[$0] }
        self.vehicles = kept.map { vehicles[$0] }
    }
}

/// One visit in a scheduled route, in internal units.
public struct ScheduledStop: Sendable, Equatable {
    public let node: Int
    public let arrival: Int
    /// Time spent waiting for the window to open.
    public let waiting: Int
    /// Start of service (arrival + waiting).
    public let start: Int
    public let departure: Int
    /// Load on board after this stop is served (pickups) / cumulative delivered load.
    public let cumulativeLoad: Int
}

/// A route with its timing, load and distance worked out.
public struct ScheduledRoute: Sendable, Equatable {
    public let stops: [ScheduledStop]
    public let load: Int
    public let distance: Int
    public let departure: Int
    /// Arrival back at the depot.
    public let returnTime: Int
    /// Total lateness over the stops (0 when every window is met).
    public let lateness: Int
}

public extension Problem {
    /// Works out arrival, waiting and departure times along `route`, driven by a vehicle of
    /// type `vehicle`: it travels by the duration matrix and waits for windows to open.
    /// It leaves its start depot as early as it may (the depot's opening, its shift start)
    /// and, when that only makes it wait somewhere, that much later (the same arrivals
    /// from the first wait on, a shorter day: what a route's duration counts).
    func schedule(_ route: [Int], vehicle: Int = 0) -> ScheduledRoute {
        let type = vehicleTypes[vehicle]
        let home = type.startDepot, back = type.endDepot
        let earliest = max(readyTimes[home], type.shiftStart)
        let latest = min(dueTimes[home], type.shiftEnd)
        let delay = isClassic ? 0 : min(departureDelay(route, from: home, at: earliest, vehicle: vehicle), max(0, latest - earliest))
        var time = earliest + delay
        let departure = time
        var previous = home
        var load = 0, distance = 0, lateness = 0
        var stops: [ScheduledStop] = []
        stops.reserveCapacity(route.count)
        for node in route {
            let arrival = time + duration(previous, node, vehicle: vehicle)
            let start = max(arrival, readyTimes[node])
            lateness += max(0, start - dueTimes[node])
            load += demands[node]
            distance += self.distance(previous, node, vehicle: vehicle)
            time = start + serviceTimes[node]
            stops.append(ScheduledStop(node: node, arrival: arrival, waiting: start - arrival, start: start, departure: time, cumulativeLoad: load))
            previous = node
        }
        distance += self.distance(previous, back, vehicle: vehicle)
        let returnTime = time + duration(previous, back, vehicle: vehicle)
        lateness += max(0, returnTime - min(dueTimes[back], type.shiftEnd))
        return ScheduledRoute(stops: stops, load: load, distance: distance, departure: departure, returnTime: returnTime, lateness: lateness)
    }

    /// The load on board after each stop of `route`: the route's deliveries leave the depot
    /// with the vehicle and come off one by one; a shipment rides from its pickup to its
    /// delivery (what the verifier checks against the capacity).
    func loadOnBoard(_ route: [Int]) -> [Int] {
        var onBoard = route.reduce(0) { $0 + demands[$1] }
        return route.map { c in
            onBoard += pairLoad[c] - demands[c]
            return onBoard
        }
    }

    /// What is handled at `node`: a shipment's amount at its pickup and its delivery, else
    /// the node's demand.
    func handledAmount(_ node: Int) -> Int { partner[node] >= 0 ? abs(pairLoad[node]) : demands[node] }

    /// How much later than `earliest` a vehicle can leave `home` without arriving anywhere
    /// later or serving anyone after their window: the waiting it would do before the
    /// first stop whose slack runs out (forward time slack, Savelsbergh 1992).
    func departureDelay(_ route: [Int], from home: Int, at earliest: Int, vehicle: Int = 0) -> Int {
        var time = earliest, previous = home
        var waited = 0, delay = Int.max
        for node in route {
            let arrival = time + duration(previous, node, vehicle: vehicle)
            let start = max(arrival, readyTimes[node])
            waited += start - arrival
            // Leaving d later moves this start by max(0, d - waited); it must stay in the window.
            delay = min(delay, max(0, dueTimes[node] - start) + waited)
            time = start + serviceTimes[node]
            previous = node
        }
        return min(delay, waited)
    }

    /// Distance of one route (customers in order, the vehicle type's depots at both ends
    /// implied), internal units.
    func routeDistance<Route: Sequence>(_ route: Route, vehicle: Int = 0) -> Int where Route.Element: BinaryInteger {
        let type = vehicleTypes[vehicle]
        var previous = type.startDepot, d = 0
        for node in route { d += distance(previous, Int(node), vehicle: vehicle); previous = Int(node) }
        return d + distance(previous, type.endDepot, vehicle: vehicle)
    }

    /// What one route costs with a vehicle of type `vehicle` (see `VehicleType`): its
    /// distance for the classic problem; 0 for an empty route.
    func routeCost(_ route: [Int], vehicle: Int = 0) -> Int {
        guard !route.isEmpty else { return 0 }
        let type = vehicleTypes[vehicle]
        var cost = type.fixedCost + type.distanceCost * routeDistance(route, vehicle: vehicle)
        if type.durationCost > 0 {
            let scheduled = schedule(route, vehicle: vehicle)
            cost += type.durationCost * (scheduled.returnTime - scheduled.departure)
        }
        return cost
    }

    /// The objective, in internal units: the routes' costs plus the prizes of the optional
    /// customers left unvisited. For the classic problem, the total distance.
    func cost(of solution: Solution) -> Int {
        if isClassic { return solution.routes.reduce(0) { $0 + routeDistance($1) } }
        var total = zip(solution.routes, solution.vehicles).reduce(0) { $0 + routeCost($1.0, vehicle: $1.1) }
        total += skippedPrizes(solution.routes)
        return total
    }

    /// The most load on board along `route`: it leaves the depot with every delivery of
    /// the route, drops each at its customer, and carries each shipment from its pickup to
    /// its delivery (the route's total demand when there are no shipments).
    func peakLoad(_ route: [Int]) -> Int {
        var onBoard = route.reduce(0) { $0 + demands[$1] }, peak = onBoard
        guard !shipments.isEmpty else { return onBoard }
        for c in route {
            onBoard += pairLoad[c] - demands[c]
            peak = max(peak, onBoard)
        }
        return peak
    }

    /// Sum of the prizes of optional customers that no route visits.
    func skippedPrizes(_ routes: [[Int]]) -> Int {
        guard hasOptionalStops else { return 0 }
        return unvisited(routes).reduce(0) { $0 + (prizes[$1] ?? 0) }
    }

    /// The customers no route visits, in index order (out-of-range entries ignored). Of a
    /// group of alternatives (`groups`) none is listed when one is visited, else only
    /// the first stands for the group.
    func unvisited<Route: Sequence>(_ routes: [Route]) -> [Int] where Route.Element: BinaryInteger {
        var visited = [Bool](repeating: false, count: nodeCount)
        for route in routes { for c in route where c >= 0 && Int(c) < nodeCount { visited[Int(c)] = true } }
        if !groups.isEmpty {
            for members in groups where members.contains(where: { visited[$0] }) { for c in members { visited[c] = true } }
            for members in groups { for c in members.dropFirst() { visited[c] = true } }
        }
        return stride(from: 1, through: customerCount, by: 1).filter { !visited[$0] }
    }
}

public extension Problem {
    /// Time warp of one route (see `TimeSegment`): leave the depot when it opens, wait for
    /// windows to open, and at every arrival after a window closes (and at a late return
    /// to the depot) count the lateness and continue as if on time. 0 when the route keeps
    /// every window. Written as a plain simulation, apart from the search's segments.
    func timeWarp<Route: Sequence>(of route: Route) -> Int where Route.Element: BinaryInteger {
        guard hasTimeWindows else { return 0 }
        var time = readyTimes[0], previous = 0, warp = 0
        for element in route {
            let node = Int(element)
            time = max(time + duration(previous, node), readyTimes[node])
            if time > dueTimes[node] { warp += time - dueTimes[node]; time = dueTimes[node] }
            time += serviceTimes[node]
            previous = node
        }
        time += duration(previous, 0)
        return warp + max(0, time - dueTimes[0])
    }
}
