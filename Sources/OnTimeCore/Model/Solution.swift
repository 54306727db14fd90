/// A set of routes, each the customers visited in order (internal node
/// indices 1...customerCount; the depot is implicit at both ends).
///
/// This is the exchange type between search, verifier and writers; the search's
/// own mutable state lives apart (see `Routing/Search`).
public struct Solution: Sendable, Equatable {
    public var routes: [[Int]]
    public init(routes: [[Int]]) { self.routes = routes.filter { !$0.isEmpty } }
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
    /// Works out arrival, waiting and departure times along `route`: the vehicle leaves
    /// the depot at its opening time, travels by the duration matrix, waits for windows to open.
    func schedule(_ route: [Int]) -> ScheduledRoute {
        var time = readyTimes[0]
        let departure = time
        var previous = 0
        var load = 0, distance = 0, lateness = 0
        var stops: [ScheduledStop] = []
        stops.reserveCapacity(route.count)
        for node in route {
            let arrival = time + duration(previous, node)
            let start = max(arrival, readyTimes[node])
            lateness += max(0, start - dueTimes[node])
            load += demands[node]
            distance += self.distance(previous, node)
            time = start + serviceTimes[node]
            stops.append(ScheduledStop(node: node, arrival: arrival, waiting: start - arrival, start: start, departure: time, cumulativeLoad: load))
            previous = node
        }
        distance += self.distance(previous, 0)
        let back = time + duration(previous, 0)
        lateness += max(0, back - dueTimes[0])
        return ScheduledRoute(stops: stops, load: load, distance: distance, departure: departure, returnTime: back, lateness: lateness)
    }

    /// Distance of one route (customers in order, depot at both ends implied), internal units.
    func routeDistance<Route: Sequence>(_ route: Route) -> Int where Route.Element: BinaryInteger {
        var previous = 0, d = 0
        for node in route { d += distance(previous, Int(node)); previous = Int(node) }
        return d + distance(previous, 0)
    }

    /// Total distance of a solution in internal units.
    func cost(of solution: Solution) -> Int {
        solution.routes.reduce(0) { $0 + routeDistance($1) }
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
