import Foundation

/// OnTime's own JSON instance format, close to what VROOM and PyVRP users know (see
/// `instances/ontime.schema.json` and the README):
///
///     {"name": "...", "distance": "euclidean" | "dimacs",
///      "depots": [{"id": "D", "location": [x, y] | "location_index": i, "time_window": [a, b]}, ...],
///      "vehicles": [{"id": "v", "capacity": [c] | c, "count": k, "shift": [a, b],
///                    "depot": "D" | "start_depot": "D", "end_depot": "E",
///                    "fixed_cost": f, "cost_per_distance": k, "cost_per_time": k,
///                    "max_duration": t, "max_distance": d, "profile": "bike", "speed_factor": f}, ...],
///      "jobs": [{"id": "j", "location": [x, y] | "location_index": i, "demand": [d] | d,
///                "service": s, "time_windows": [[a, b], ...], "prize": p | "priority": k}],
///      "matrices": {"distances": [[...]], "durations": [[...]]} | "osrm-table.json"
///                  | {"car": {...} | "car-table.json", "bike": ...}}
///
/// Each entry of `vehicles` is a vehicle type (`count` vehicles, 1 by default) starting
/// and ending at `depot` (the first depot by default). A job with a `prize` is optional:
/// a plan may skip it and then pays the prize. The objective is documented at
/// `VehicleType` and `Problem.cost(of:)`; costs, prizes and limits are in input units,
/// `cost_per_distance` and `cost_per_time` are whole numbers per unit.
///
/// Without matrices, distances come from the coordinates under `distance` (rounded
/// Euclidean, or DIMACS tenths — then times are read in input units and held in tenths)
/// and travel time equals distance. With matrices (or the path of an OSRM `table`
/// response, whose `durations`/`distances` arrays drop straight in; `null` = no route),
/// every location is a `location_index`; numbers are rounded to integers. Matrices keyed
/// by profile name give each vehicle type its own network: a vehicle drives by its
/// `profile` (the only one, else "car" when there is one); `speed_factor` (0 to 5, as in
/// VROOM) divides its travel times, with matrices or coordinates. A job with several
/// `time_windows` becomes one node per window, alternatives of which a plan visits one
/// (`Problem.groups`). A job's `priority` (0 to 100, as in VROOM) lets the plan leave it
/// out when not every job can be served, lower priorities first (see `priorityUnit`).
/// Unknown keys are refused with a clear message rather than ignored. Errors name the JSON path, e.g. `at jobs[3].demand`.
public enum JSONInstanceReader {
    /// The keys the reader accepts, per object (the published schema lists the same).
    public enum Keys {
        public static let root = ["name", "distance", "depots", "vehicles", "jobs", "shipments", "matrices"]
        public static let depot = ["id", "location", "location_index", "time_window"]
        public static let vehicle = ["id", "capacity", "count", "depot", "start_depot", "end_depot", "shift", "fixed_cost",
                                     "cost_per_distance", "cost_per_time", "max_duration", "max_distance", "skills",
                                     "profile", "speed_factor"]
        public static let job = ["id", "location", "location_index", "demand", "service", "time_windows", "prize", "priority", "skills"]
        public static let shipment = ["id", "amount", "pickup", "delivery", "skills"]
        public static let shipmentStop = ["location", "location_index", "service", "time_windows"]
    }

    public static func read(path: String) throws(InputError) -> Problem {
        try parse(contents: try readText(path), path: path)
    }

    /// Largest `cost_per_distance` and `cost_per_time`: a route of every node, each leg at
    /// the largest weight (or a missing road), then costs at most about 10^18 in all, within
    /// `Int` (at 1e8 per unit a route of some 90 legs of 10^9 overflowed).
    public static let maximumUnitCost = 10_000.0

    /// Most travel profiles (distinct sets of matrices and speed factors) of an instance.
    public static let maximumProfiles = 8

    /// Most time windows of one job (each is a node of its own for the search).
    public static let maximumWindows = 16

    public static func parse(contents: String, path: String = "<input>") throws(InputError) -> Problem {
        func fail(_ at: String, _ message: String) -> InputError { InputError(file: path, line: nil, at.isEmpty ? message : "at \(at): \(message)") }
        let root = try JSONCheck.object(contents, path: path,
                                        expected: "a JSON object (the instance format is described in instances/ontime.schema.json)")
        try JSONCheck.known(root, Keys.root, at: "", fail)
        let name = (root["name"] as? String) ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent

        // Matrices, when given: one set, or one per profile keyed by the profile's name
        // (`{"car": {...}, "bike": {...}}`); each inline or the path of an OSRM table response.
        var matrixProfiles: [(name: String, distances: [[Int]]?, durations: [[Int]]?)] = []
        func readMatrices(_ raw: Any, name: String, at: String) throws(InputError) {
            var object: [String: Any]
            var at = at
            if let file = raw as? String {
                let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
                let target = file.hasPrefix("/") ? file : folder.appendingPathComponent(file).path
                object = try JSONCheck.object(try readText(target), path: target, expected: "a JSON object (an OSRM table response)")
                at = file
            } else if let inline = raw as? [String: Any] {
                object = inline
            } else {
                throw fail(at, "expected {\"distances\": [[...]], \"durations\": [[...]]} or the path of an OSRM table response")
            }
            let distances = try matrix(object["distances"], at: at + ".distances", fail)
            let durations = try matrix(object["durations"], at: at + ".durations", fail)
            guard let first = distances ?? durations else { throw fail(at, "needs distances or durations") }
            if let d = distances, let t = durations, d.count != t.count {
                throw fail(at, "distances are \(d.count) × \(d.count) but durations \(t.count) × \(t.count)")
            }
            if let other = matrixProfiles.first, let size = (other.distances ?? other.durations)?.count, size != first.count {
                throw fail(at, "is \(first.count) × \(first.count) but the matrices of profile '\(other.name)' are \(size) × \(size)")
            }
            matrixProfiles.append((name, distances, durations))
        }
        if let raw = root["matrices"] {
            if let object = raw as? [String: Any], object["distances"] == nil, object["durations"] == nil, !object.isEmpty {
                guard object.count <= 64 else { throw fail("matrices", "more than 64 profiles") }
                for key in object.keys.sorted() { try readMatrices(object[key]!, name: key, at: "matrices." + key) }
            } else {
                try readMatrices(raw, name: "car", at: "matrices")
            }
        }
        let size = matrixProfiles.first.flatMap { ($0.distances ?? $0.durations)?.count }

        // Locations: coordinates, or indices into the matrices.
        func location(_ item: [String: Any], at: String) throws(InputError) -> (point: Point?, index: Int?) {
            if let raw = item["location_index"] {
                guard let size else { throw fail(at + ".location_index", "needs matrices") }
                guard let i = integer(raw), i >= 0, i < size else { throw fail(at + ".location_index", "expected an index from 0 to \(size - 1)") }
                return (nil, i)
            }
            guard let raw = item["location"] else { throw fail(at, "needs location [x, y] or location_index") }
            guard let pair = raw as? [Any], pair.count == 2, let x = number(pair[0]), let y = number(pair[1]),
                  abs(x) <= 1e7, abs(y) <= 1e7 else {
                throw fail(at + ".location", "expected [x, y], numbers within ±1e7")
            }
            guard size == nil else { throw fail(at + ".location", "with matrices, give location_index instead") }
            return (Point(x: x, y: y), nil)
        }
        func window(_ raw: Any?, at: String) throws(InputError) -> (Double, Double)? {
            guard let raw else { return nil }
            guard let pair = raw as? [Any], pair.count == 2, let a = number(pair[0]), let b = number(pair[1]),
                  a >= 0, a <= b, b <= 1e8 else {
                throw fail(at, "expected [start, end] with 0 ≤ start ≤ end ≤ 1e8")
            }
            return (a, b)
        }

        // Depots: the first is node 0, the others follow the jobs.
        guard let depots = root["depots"] as? [[String: Any]], !depots.isEmpty else { throw fail("depots", "expected a list of depots") }
        guard depots.count <= 1_000 else { throw fail("depots", "more than 1,000 depots") }
        var depotPlaces: [(point: Point?, index: Int?)] = [], depotWindows: [(Double, Double)?] = [], depotIDs: [String] = []
        for (d, depot) in depots.enumerated() {
            let at = "depots[\(d)]"
            try JSONCheck.known(depot, Keys.depot, at: at, fail)
            let id = (depot["id"] as? String) ?? integer(depot["id"] ?? "").map(String.init) ?? "depot-\(d + 1)"
            guard !depotIDs.contains(id) else { throw fail(at + ".id", "'\(id)' is used twice") }
            depotIDs.append(id)
            depotPlaces.append(try location(depot, at: at))
            depotWindows.append(try window(depot["time_window"], at: at + ".time_window"))
        }

        // Vehicle types.
        guard let vehicles = root["vehicles"] as? [[String: Any]], !vehicles.isEmpty else { throw fail("vehicles", "expected a list of vehicles") }
        guard vehicles.count <= 1_000 else { throw fail("vehicles", "more than 1,000 vehicle types") }
        struct RawType { var name: String; var count: Int; var capacity: Int; var start: Int; var end: Int
                         var fixed: Double; var perDistance: Int; var perTime: Int; var shift: (Double, Double)?
                         var maxDuration: Double?; var maxDistance: Double?; var skills: Set<String>; var extra: [Int]
                         var profile: Int; var speedFactor: Double }
        var kinds: [RawType] = []
        for (v, vehicle) in vehicles.enumerated() {
            let at = "vehicles[\(v)]"
            try JSONCheck.known(vehicle, Keys.vehicle, at: at, fail)
            let name = (vehicle["id"] as? String) ?? integer(vehicle["id"] ?? "").map(String.init) ?? "vehicle-\(v + 1)"
            // The name is written into plans (`Vehicle #k: NAME` in a .sol) and read back trimmed, one line.
            guard !name.isEmpty, name == name.trimmingCharacters(in: .whitespacesAndNewlines), !name.contains(where: \.isNewline) else {
                throw fail(at + ".id", "expected a name that is not blank, on one line, without spaces at either end (plans name the vehicle type by it)")
            }
            guard !kinds.contains(where: { $0.name == name }) else { throw fail(at + ".id", "'\(name)' is used twice") }
            guard let capacities = try amounts(vehicle["capacity"], at: at + ".capacity", fail), capacities[0] > 0 else {
                throw fail(at + ".capacity", "expected a positive integer capacity ([c] or c, or [c1, c2, c3] in several dimensions)")
            }
            if let first = kinds.first, first.extra.count != capacities.count - 1 {
                throw fail(at + ".capacity", "has \(capacities.count) dimensions but vehicles[0] has \(first.extra.count + 1)")
            }
            let c = capacities[0]
            var count = 1
            if let value = vehicle["count"] {
                guard let k = integer(value), k >= 1, k <= InputLimits.maximumNodes else { throw fail(at + ".count", "expected 1 to \(InputLimits.maximumNodes)") }
                count = k
            }
            func depot(_ key: String) throws(InputError) -> Int? {
                guard let value = vehicle[key] else { return nil }
                guard let id = (value as? String) ?? integer(value).map(String.init), let d = depotIDs.firstIndex(of: id) else {
                    throw fail(at + "." + key, "names no depot of this instance (known: \(depotIDs.prefix(10).joined(separator: ", ")))")
                }
                return d
            }
            let both = try depot("depot")
            let start = try depot("start_depot") ?? both ?? 0, end = try depot("end_depot") ?? both ?? start
            func nonNegative(_ key: String, whole: Bool = false, limit: Double = 1e8) throws(InputError) -> Double? {
                guard let value = vehicle[key] else { return nil }
                guard let x = number(value), x >= 0, x <= limit, !whole || x == x.rounded() else {
                    let most = limit == 1e8 ? "1e8" : String(Int(limit))
                    throw fail(at + "." + key, whole ? "expected a whole number from 0 to \(most)" : "expected a number from 0 to \(most)")
                }
                return x
            }
            // The profile: named, or the only one, or VROOM's default "car".
            var profile = 0
            if let value = vehicle["profile"] {
                guard let wanted = value as? String, let k = matrixProfiles.firstIndex(where: { $0.name == wanted }) else {
                    throw fail(at + ".profile", matrixProfiles.isEmpty
                        ? "profiles name sets of matrices, and this instance has none (its distances come from coordinates)"
                        : "names no profile of the matrices (known: \(matrixProfiles.map(\.name).joined(separator: ", ")))")
                }
                profile = k
            } else if matrixProfiles.count > 1 {
                guard let k = matrixProfiles.firstIndex(where: { $0.name == "car" }) else {
                    throw fail(at, "the matrices have several profiles (\(matrixProfiles.map(\.name).joined(separator: ", "))): say which with \"profile\"")
                }
                profile = k
            }
            var speedFactor = 1.0
            if let value = vehicle["speed_factor"] {
                guard let x = number(value), x >= 0.01, x <= 5 else { throw fail(at + ".speed_factor", "expected a number from 0.01 to 5") }
                speedFactor = x
            }
            kinds.append(RawType(name: name, count: count, capacity: c, start: start, end: end,
                               fixed: try nonNegative("fixed_cost") ?? 0,
                               perDistance: Int(try nonNegative("cost_per_distance", whole: true, limit: maximumUnitCost) ?? 1),
                               perTime: Int(try nonNegative("cost_per_time", whole: true, limit: maximumUnitCost) ?? 0),
                               shift: try window(vehicle["shift"], at: at + ".shift"),
                               maxDuration: try nonNegative("max_duration"), maxDistance: try nonNegative("max_distance"),
                               skills: try skillSet(vehicle["skills"], at: at + ".skills", fail), extra: Array(capacities.dropFirst()),
                               profile: profile, speedFactor: speedFactor))
        }
        // With one depot and one kind of vehicle the shift narrows the depot's hours (as
        // before vehicle types existed), which keeps such instances classic.
        var depotWindow = depotWindows[0]
        if depots.count == 1, let (a, b) = kinds.first?.shift, kinds.allSatisfy({ $0.shift.map { [$0.0, $0.1] } == [a, b] }) {
            let start = max(a, depotWindow?.0 ?? a), end = min(b, depotWindow?.1 ?? b)
            guard start <= end else { throw fail("vehicles[0].shift", "does not overlap the depot's time window") }
            depotWindow = (start, end)
            for k in kinds.indices { kinds[k].shift = nil }
        }
        let depot = depotPlaces[0]

        // Jobs.
        // Jobs, shipments or both: an instance of shipments only has no (or empty) jobs.
        let hasShipments = (root["shipments"] as? [Any]).map { !$0.isEmpty } ?? false
        let jobs: [[String: Any]]
        if root["jobs"] == nil && hasShipments {
            jobs = []
        } else {
            guard let list = root["jobs"] as? [[String: Any]], !list.isEmpty || hasShipments else {
                throw fail("jobs", "expected a non-empty list of jobs (or shipments)")
            }
            jobs = list
        }
        guard jobs.count < InputLimits.maximumNodes else { throw fail("jobs", "more than \(InputLimits.maximumNodes - 1) jobs") }
        var points: [Point] = [], indices: [Int] = []
        if let p = depot.point { points.append(p) } else { indices.append(depot.index!) }
        var labels = [depotIDs[0]]
        var demands = [0], service = [0.0], ready = [0.0], due = [1e8]
        var prizes: [Double?] = [nil]
        var skills: [Set<String>] = [[]]
        var priorities: [Int?] = [nil]
        var extraDemands: [[Int]] = [Array(repeating: 0, count: kinds[0].extra.count)]
        var timed = depotWindow != nil || depotWindows.contains { $0 != nil }
        var seen = Set<String>()
        // A job with several windows becomes one node per window, alternatives of one group.
        var groups: [[Int]] = []
        for (j, job) in jobs.enumerated() {
            let at = "jobs[\(j)]"
            try JSONCheck.known(job, Keys.job, at: at, fail)
            let needed = try skillSet(job["skills"], at: at + ".skills", fail)
            let label = (job["id"] as? String) ?? integer(job["id"] ?? "").map(String.init) ?? "\(j + 1)"
            guard seen.insert(label).inserted else { throw fail(at + ".id", "'\(label)' is used twice") }
            let place = try location(job, at: at)
            let dimensions = kinds[0].extra.count + 1
            let demand = try amounts(job["demand"], at: at + ".demand", fail) ?? Array(repeating: 0, count: dimensions)
            guard demand.count == dimensions else {
                throw fail(at + ".demand", "has \(demand.count) dimension\(demand.count == 1 ? "" : "s") but the vehicles' capacity has \(dimensions)")
            }
            var serviceTime = 0.0
            if let raw = job["service"] {
                guard let s = number(raw), s >= 0, s <= 1e8 else { throw fail(at + ".service", "expected a number from 0 to 1e8") }
                serviceTime = s
            }
            var windows: [(Double, Double)] = [(0, 1e8)]
            if let raw = job["time_windows"] {
                guard let list = raw as? [Any], !list.isEmpty, list.count <= maximumWindows else {
                    throw fail(at + ".time_windows", "expected 1 to \(maximumWindows) windows [[start, end], ...]")
                }
                windows = []
                for (k, item) in list.enumerated() { windows.append(try window(item, at: at + ".time_windows[\(k)]")!) }
                timed = true
            }
            var prize: Double? = nil
            if let value = job["prize"] {
                guard let p = number(value), p >= 0, p <= 1e8 else { throw fail(at + ".prize", "expected a number from 0 to 1e8") }
                prize = p
            }
            var priority: Int? = nil
            if let value = job["priority"] {
                guard let p = integer(value), p >= 0, p <= maximumPriority else { throw fail(at + ".priority", "expected an integer from 0 to \(maximumPriority)") }
                guard prize == nil else { throw fail(at + ".priority", "give a job a prize or a priority, not both") }
                priority = p
            }
            guard demands.count + windows.count <= InputLimits.maximumNodes else { throw fail(at + ".time_windows", "too many jobs and windows") }
            if windows.count > 1 { groups.append(Array(demands.count..<(demands.count + windows.count))) }
            for (a, b) in windows {
                labels.append(label)
                skills.append(needed)
                if let p = place.point { points.append(p) } else { indices.append(place.index!) }
                demands.append(demand[0])
                extraDemands.append(Array(demand.dropFirst()))
                service.append(serviceTime)
                ready.append(a); due.append(b)
                prizes.append(prize)
                priorities.append(priority)
            }
        }
        if let (a, b) = depotWindow { ready[0] = a; due[0] = b }
        // Shipments: a pickup node then a delivery node each, after the jobs.
        var shipments: [Shipment] = []
        if let raw = root["shipments"] {
            guard let list = raw as? [[String: Any]] else { throw fail("shipments", "expected a list of shipments") }
            guard demands.count + 2 * list.count < InputLimits.maximumNodes else { throw fail("shipments", "too many jobs and shipments") }
            for (k, shipment) in list.enumerated() {
                let at = "shipments[\(k)]"
                try JSONCheck.known(shipment, Keys.shipment, at: at, fail)
                let needed = try skillSet(shipment["skills"], at: at + ".skills", fail)
                let label = (shipment["id"] as? String) ?? integer(shipment["id"] ?? "").map(String.init) ?? "shipment-\(k + 1)"
                guard seen.insert(label).inserted else { throw fail(at + ".id", "'\(label)' is used twice") }
                let amount = try amount(shipment["amount"], at: at + ".amount", fail) ?? 0
                for end in ["pickup", "delivery"] {
                    guard let stop = shipment[end] as? [String: Any] else { throw fail(at + "." + end, "expected {\"location\": [x, y], ...}") }
                    try JSONCheck.known(stop, Keys.shipmentStop, at: at + "." + end, fail)
                    let place = try location(stop, at: at + "." + end)
                    if let p = place.point { points.append(p) } else { indices.append(place.index!) }
                    labels.append(label + ":" + end)
                    demands.append(0)
                    prizes.append(nil)
                    priorities.append(nil)
                    skills.append(needed)
                    extraDemands.append(Array(repeating: 0, count: kinds[0].extra.count))
                    if let value = stop["service"] {
                        guard let s = number(value), s >= 0, s <= 1e8 else { throw fail(at + "." + end + ".service", "expected a number from 0 to 1e8") }
                        service.append(s)
                    } else {
                        service.append(0)
                    }
                    if let value = stop["time_windows"] {
                        guard let windows = value as? [Any], windows.count == 1 else {
                            throw fail(at + "." + end + ".time_windows", "expected one window [[start, end]]")
                        }
                        let (a, b) = try window(windows[0], at: at + "." + end + ".time_windows[0]")!
                        ready.append(a); due.append(b)
                        timed = true
                    } else {
                        ready.append(0); due.append(1e8)
                    }
                }
                shipments.append(Shipment(pickup: demands.count - 2, delivery: demands.count - 1, amount: amount))
            }
        }
        // The other depots follow the jobs and shipments.
        for d in depotPlaces.indices.dropFirst() {
            labels.append(depotIDs[d])
            if let p = depotPlaces[d].point { points.append(p) } else { indices.append(depotPlaces[d].index!) }
            demands.append(0); service.append(0); prizes.append(nil); priorities.append(nil); skills.append([])
            extraDemands.append(Array(repeating: 0, count: kinds[0].extra.count))
            ready.append(depotWindows[d]?.0 ?? 0); due.append(depotWindows[d]?.1 ?? 1e8)
        }

        // Distances and the convention.
        let n = demands.count
        let convention: DistanceConvention
        // Per set of matrices (one set without matrices): distances and durations.
        var matrixSets: [(distances: Matrix, durations: Matrix)] = []
        var scale = 1
        if size != nil {
            guard indices.count == n else { throw fail("", "with matrices every location must be a location_index") }
            for set in matrixProfiles {
                let d = set.distances ?? set.durations!, t = set.durations ?? set.distances!
                let distances = Matrix(size: n) { a, b in d[indices[a]][indices[b]] }
                matrixSets.append((distances, set.durations == nil || set.distances == nil ? distances : Matrix(size: n) { a, b in t[indices[a]][indices[b]] }))
            }
            convention = .explicit
        } else {
            let distances: Matrix
            guard points.count == n else { throw fail("", "every location needs coordinates when no matrices are given") }
            switch root["distance"] as? String ?? "euclidean" {
            case "euclidean":
                distances = Matrix(points: points, rule: .rounded); convention = .roundedEuclidean
            case "dimacs":
                distances = Matrix(points: points, rule: .truncatedTenths); convention = .truncatedTenths; scale = 10
            default:
                throw fail("distance", "expected euclidean or dimacs")
            }
            matrixSets = [(distances, distances)]
        }
        // Travel profiles: each set of matrices at each speed factor some vehicle uses,
        // the first vehicle's first; a speed factor divides travel times.
        var profileKeys: [(set: Int, factor: Double)] = []
        for t in kinds where !profileKeys.contains(where: { $0.set == t.profile && $0.factor == t.speedFactor }) {
            profileKeys.append((t.profile, t.speedFactor))
        }
        // Each profile holds matrices of its own (the search a flat copy of them all).
        if profileKeys.count > 1 {
            guard profileKeys.count <= maximumProfiles else {
                throw fail("vehicles", "\(profileKeys.count) travel profiles (sets of matrices × speed factors); at most \(maximumProfiles)")
            }
            guard n <= Matrix.storedLimit else {
                throw fail("vehicles", "travel profiles work with up to \(Matrix.storedLimit) locations (\(n) given)")
            }
        }
        let profiles = profileKeys.map { key -> TravelProfile in
            let set = matrixSets[key.set]
            var name = matrixProfiles.isEmpty ? "default" : matrixProfiles[key.set].name
            if key.factor != 1 { name += " ×\(key.factor)" }
            let durations = key.factor == 1 ? set.durations : Matrix(size: n) { a, b in
                let t = set.durations[a, b]
                guard t < Matrix.unreachable else { return t }
                // At most 100 × a weight below `unreachable`: stays far inside Int; capped below it.
                return min(Matrix.maximumWeight - 1, Int((Double(t) / key.factor).rounded()))
            }
            return TravelProfile(name: name, distances: set.distances, durations: durations)
        }
        func inUnits(_ v: Double) -> Int { Int((v * Double(scale)).rounded()) }
        let firstOtherDepot = demands.count - depots.count + 1
        func node(ofDepot d: Int) -> Int { d == 0 ? 0 : firstOtherDepot + d - 1 }
        timed = timed || kinds.contains { $0.maxDuration != nil || $0.perTime > 0 || $0.shift != nil }
        let readyUnits = ready.map(inUnits), dueUnits = due.map(inUnits)
        // Without any schedule the shifts are unbounded (as `Problem` assumes then).
        let opening = timed ? readyUnits[0] : 0, closing = timed ? dueUnits[0] : Int(Int32.max)
        if skills.contains(where: { !$0.isEmpty }) && kinds.count > 64 {
            throw fail("vehicles", "skills work with at most 64 vehicle types (\(kinds.count) given)")
        }
        let types = kinds.map { t in
            VehicleType(name: t.name, count: t.count, capacity: t.capacity, startDepot: node(ofDepot: t.start), endDepot: node(ofDepot: t.end),
                        fixedCost: inUnits(t.fixed), distanceCost: t.perDistance, durationCost: t.perTime,
                        shiftStart: t.shift.map { inUnits($0.0) } ?? opening, shiftEnd: t.shift.map { inUnits($0.1) } ?? closing,
                        maxDuration: t.maxDuration.map(inUnits), maxDistance: t.maxDistance.map(inUnits), skills: t.skills,
                        extraCapacities: t.extra,
                        profile: profileKeys.firstIndex { $0.set == t.profile && $0.factor == t.speedFactor }!)
        }
        // Priorities: optional jobs whose prize is above what serving any one job can cost.
        var prizeUnits = prizes.map { $0.map(inUnits) }
        if priorities.contains(where: { $0 != nil }) {
            let unit = priorityUnit(types: types, profiles: profiles, service: service.map(inUnits), ready: readyUnits)
            let count = priorities.count { $0 != nil }
            guard unit <= maximumPriorityTotal / (maximumPriority + 1) / count else {
                throw fail("jobs", "priorities cannot be ranked above costs this large (serving one job may cost up to "
                           + "\(unit / scale)); lower cost_per_distance or cost_per_time, or give prizes instead")
            }
            for (c, p) in priorities.enumerated() { if let p { prizeUnits[c] = unit * (1 + p) } }
        }
        var problem = Problem(
            name: name, originalIDs: Array(0..<n), coordinates: points.count == n ? points : nil, demands: demands,
            capacity: kinds.map(\.capacity).max()!, vehicleLimit: kinds.reduce(0) { $0 + $1.count },
            distances: profiles[0].distances, durations: profiles[0].durations,
            convention: convention, scale: scale,
            readyTimes: timed ? readyUnits : nil, dueTimes: timed ? dueUnits : nil, serviceTimes: service.map(inUnits),
            depotCount: depots.count, vehicleTypes: types, prizes: prizeUnits, shipments: shipments,
            requiredSkills: skills, extraDemands: (0..<kinds[0].extra.count).map { d in extraDemands.map { $0[d] } },
            profileName: profiles[0].name, extraProfiles: Array(profiles.dropFirst()), groups: groups)
        problem.labels = labels
        return problem
    }

    /// Highest job priority (VROOM's range).
    public static let maximumPriority = 100
    /// Bound on the prizes priorities may add up to (internal units), far from `Int` overflow.
    static let maximumPriorityTotal = 1_000_000_000_000_000

    /// The prize unit of priorities (internal units): more than serving any one job can add
    /// to a plan's cost with any vehicle type — its fixed cost, a detour of two of the
    /// profile's longest legs at its cost per distance, and with a cost per time, two of its
    /// longest travel times, the longest service and the latest window opening as waiting.
    /// A job of priority p has the prize (1 + p) × unit: each fits is worth serving, and
    /// when not all fit the plan leaves out lower priorities first (by their sum).
    static func priorityUnit(types: [VehicleType], profiles: [TravelProfile], service: [Int], ready: [Int]) -> Int {
        func longest(_ m: Matrix) -> Int {
            guard m.size <= Matrix.storedLimit else { return m.maximum }
            var most = 0
            for i in 0..<m.size { for j in 0..<m.size where m[i, j] < Matrix.unreachable { most = max(most, m[i, j]) } }
            return most
        }
        var lengths: [Int: (distance: Int, duration: Int)] = [:]
        var unit = 0
        for t in types {
            if lengths[t.profile] == nil { lengths[t.profile] = (longest(profiles[t.profile].distances), longest(profiles[t.profile].durations)) }
            let leg = lengths[t.profile]!
            var cost = t.fixedCost + t.distanceCost * 2 * leg.distance
            if t.durationCost > 0 { cost += t.durationCost * (2 * leg.duration + (service.max() ?? 0) + (ready.max() ?? 0)) }
            unit = max(unit, cost)
        }
        return unit + 1
    }

    /// Skills: a list of names or integers (as VROOM writes them), kept as names.
    static func skillSet(_ raw: Any?, at: String, _ fail: (String, String) -> InputError) throws(InputError) -> Set<String> {
        guard let raw else { return [] }
        guard let list = raw as? [Any], list.count <= 1_000 else { throw fail(at, "expected a list of skill names or integers") }
        var result = Set<String>()
        for item in list {
            if let name = item as? String, !name.isEmpty, name.count <= 100 { result.insert(name); continue }
            guard let k = integer(item) else { throw fail(at, "expected a list of skill names or integers") }
            result.insert(String(k))
        }
        return result
    }

    /// An amount in one to three dimensions: `d` or `[d1, d2, d3]`, integers from 0 to the weight limit.
    static func amounts(_ raw: Any?, at: String, _ fail: (String, String) -> InputError) throws(InputError) -> [Int]? {
        guard let raw else { return nil }
        let list = (raw as? [Any]) ?? [raw]
        guard !list.isEmpty, list.count <= 1 + Problem.maximumExtraDimensions else {
            throw fail(at, "expected 1 to \(1 + Problem.maximumExtraDimensions) amounts (capacity dimensions)")
        }
        var result: [Int] = []
        for value in list {
            guard let v = integer(value), v >= 0, v <= Matrix.maximumWeight else { throw fail(at, "expected integers from 0 to \(Matrix.maximumWeight)") }
            result.append(v)
        }
        return result
    }

    /// A one-dimensional amount: `d` or `[d]`, an integer from 0 to the weight limit.
    static func amount(_ raw: Any?, at: String, _ fail: (String, String) -> InputError) throws(InputError) -> Int? {
        guard let raw else { return nil }
        var value = raw
        if let list = raw as? [Any] {
            guard list.count == 1 else { throw fail(at, "a shipment's amount has one dimension (the first of the capacity)") }
            value = list[0]
        }
        guard let v = integer(value), v >= 0, v <= Matrix.maximumWeight else { throw fail(at, "expected an integer from 0 to \(Matrix.maximumWeight)") }
        return v
    }

    static func number(_ raw: Any) -> Double? {
        guard let v = jsonNumber(raw), v.isFinite else { return nil }
        return v
    }

    static func integer(_ raw: Any) -> Int? {
        guard let v = number(raw), v == v.rounded(), abs(v) <= 1e15 else { return nil }
        return Int(v)
    }

    /// A square matrix of non-negative numbers (rounded), `null` = no route.
    static func matrix(_ raw: Any?, at: String, _ fail: (String, String) -> InputError) throws(InputError) -> [[Int]]? {
        guard let raw else { return nil }
        guard let rows = raw as? [Any], !rows.isEmpty, rows.count <= InputLimits.maximumNodes else {
            throw fail(at, "expected a square list of lists of numbers")
        }
        var result: [[Int]] = []
        result.reserveCapacity(rows.count)
        for (i, row) in rows.enumerated() {
            guard let cells = row as? [Any], cells.count == rows.count else { throw fail("\(at)[\(i)]", "expected \(rows.count) numbers (a square matrix)") }
            var values: [Int] = []
            values.reserveCapacity(cells.count)
            for (j, cell) in cells.enumerated() {
                if cell is NSNull { values.append(i == j ? 0 : Matrix.unreachable); continue }
                guard let v = number(cell), v >= 0, v < Double(Matrix.unreachable) else {
                    throw fail("\(at)[\(i)][\(j)]", "expected a non-negative number below \(Matrix.unreachable) or null")
                }
                values.append(Int(v.rounded()))
            }
            result.append(values)
        }
        return result
    }
}
