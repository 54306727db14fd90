import Foundation

/// The simple case in two spreadsheets: one row per order and one row per kind of vehicle.
///
/// Orders (header names in any order, case-insensitive):
///
///     id,lat,lon,demand,window_start,window_end,service,prize
///     A-1001,52.5200,13.4050,3,08:00,10:30,5,
///
/// with `x,y` (planar, kilometres) instead of `lat,lon`. Only `id` and the coordinates are
/// required; `demand` defaults to 0, the window to the whole day, `service` (minutes) to
/// 0; an order with a `prize` is optional (a plan may skip it and pays the prize).
///
/// Vehicles:
///
///     id,count,capacity,depot_lat,depot_lon,end_lat,end_lon,shift_start,shift_end,fixed_cost,max_duration,max_distance,speed
///     van,4,40,52.5000,13.3000,,,07:00,17:00,,,,
///     bike,2,8,52.5000,13.3000,,,07:00,15:00,,,,15
///
/// (`depot_x,depot_y`, `end_x,end_y` with planar orders). Each row is a vehicle type:
/// `count` vehicles (default 1) leaving from the depot (and returning there, or to the
/// end location), within the shift (default the whole day), costing `fixed_cost` per
/// vehicle used, with optional limits on route minutes and kilometres, driving at `speed`
/// km/h (default: the speed given to the reader). Each distinct depot location becomes a
/// depot; each distinct speed a travel profile (same kilometres, its own minutes).
///
/// Units: distances in kilometres (great-circle by the haversine formula for lat/lon,
/// Euclidean for x/y), each edge rounded to 0.1 km; travel time at `speedKmh`; times
/// as `HH:MM` or minutes after midnight; internally everything is in tenths (0.1 km,
/// 0.1 minute), so plans print kilometres and minutes with one decimal.
public enum CSVInstanceReader {
    /// Most locations (orders plus depots) of a CSV instance: its matrices are stored.
    public static let maximumLocations = Matrix.storedLimit

    public static func read(orders: String, vehicles: String, speedKmh: Double = 30) throws(InputError) -> Problem {
        try parse(orders: readText(orders), vehicles: readText(vehicles), ordersPath: orders, vehiclesPath: vehicles, speedKmh: speedKmh)
    }

    public static func parse(orders: String, vehicles: String, ordersPath: String = "<orders>", vehiclesPath: String = "<vehicles>",
                             speedKmh: Double = 30) throws(InputError) -> Problem {
        guard speedKmh.isFinite, speedKmh >= 0.1, speedKmh <= 1000 else {
            throw InputError(file: ordersPath, line: nil, "the speed must be from 0.1 to 1000 km/h (given \(speedKmh))")
        }
        let day = 24 * 60 * 10  // tenths of a minute
        // Orders.
        var points: [Point] = [], labels: [String] = [], demands: [Int] = [], ready: [Int] = [], due: [Int] = []
        var service: [Int] = [], prizes: [Int?] = []
        var geographic: Bool? = nil
        var seen = Set<String>()
        try HeaderCSV.forEachRow(orders, path: ordersPath, required: ["id"]) { line, value throws(InputError) in
            func fail(_ message: String) -> InputError { InputError(file: ordersPath, line: line, message) }
            guard let id = value("id"), !id.isEmpty else { throw fail("an order needs an id") }
            guard seen.insert(id).inserted else { throw fail("order id '\(id.prefix(40))' is used twice") }
            guard points.count < maximumLocations else { throw fail("more than \(maximumLocations) orders") }
            let (point, isGeo) = try location(value, lat: "lat", lon: "lon", x: "x", y: "y", fail)
            if let geographic, geographic != isGeo { throw fail("mixes lat/lon and x/y coordinates") }
            geographic = isGeo
            points.append(point)
            labels.append(id)
            demands.append(try whole(value("demand"), "demand", fail) ?? 0)
            let start = try clock(value("window_start"), "window_start", fail) ?? 0
            let end = try clock(value("window_end"), "window_end", fail) ?? day
            guard start <= end else { throw fail("window_start is after window_end") }
            ready.append(start)
            due.append(end)
            service.append(try minutes(value("service"), "service", fail) ?? 0)
            prizes.append(try amount(value("prize"), "prize", fail))
        }
        guard !points.isEmpty, let geographic else { throw InputError(file: ordersPath, line: nil, "no orders") }

        // Vehicle types and their depots.
        struct Row { var name: String; var count: Int; var capacity: Int; var start: Point; var end: Point
                     var shift: (Int, Int); var fixed: Int; var maxDuration: Int?; var maxDistance: Int?; var speed: Double }
        var rows: [Row] = []
        try HeaderCSV.forEachRow(vehicles, path: vehiclesPath, required: ["capacity"]) { line, value throws(InputError) in
            func fail(_ message: String) -> InputError { InputError(file: vehiclesPath, line: line, message) }
            let name = value("id").flatMap { $0.isEmpty ? nil : $0 } ?? "vehicle-\(rows.count + 1)"
            guard !rows.contains(where: { $0.name == name }) else { throw fail("vehicle id '\(name.prefix(40))' is used twice") }
            guard rows.count < 1_000 else { throw fail("more than 1,000 vehicle rows") }
            guard let capacity = try whole(value("capacity"), "capacity", fail), capacity > 0 else { throw fail("capacity must be a positive whole number") }
            let count = try whole(value("count"), "count", fail) ?? 1
            guard count >= 1, count <= InputLimits.maximumNodes else { throw fail("count must be from 1 to \(InputLimits.maximumNodes)") }
            let (start, startGeo) = try location(value, lat: "depot_lat", lon: "depot_lon", x: "depot_x", y: "depot_y", fail)
            guard startGeo == geographic else { throw fail("the depot's coordinates must be of the orders' kind (\(geographic ? "lat/lon" : "x/y"))") }
            var end = start
            if [value(geographic ? "end_lat" : "end_x"), value(geographic ? "end_lon" : "end_y")].contains(where: { !($0 ?? "").isEmpty }) {
                end = try location(value, lat: "end_lat", lon: "end_lon", x: "end_x", y: "end_y", fail).0
            }
            let shift = (try clock(value("shift_start"), "shift_start", fail) ?? 0, try clock(value("shift_end"), "shift_end", fail) ?? day)
            guard shift.0 <= shift.1 else { throw fail("shift_start is after shift_end") }
            var speed = speedKmh
            if let text = value("speed"), !text.isEmpty {
                guard let v = Double(text), v.isFinite, v >= 0.1, v <= 1000 else {
                    throw fail("speed '\(text.prefix(20))' is not a number of km/h from 0.1 to 1000 (as --speed)")
                }
                speed = v
            }
            rows.append(Row(name: name, count: count, capacity: capacity, start: start, end: end, shift: shift,
                            fixed: try amount(value("fixed_cost"), "fixed_cost", fail) ?? 0,
                            maxDuration: try minutes(value("max_duration"), "max_duration", fail),
                            maxDistance: try amount(value("max_distance"), "max_distance", fail), speed: speed))
        }
        guard !rows.isEmpty else { throw InputError(file: vehiclesPath, line: nil, "no vehicles") }

        // Depots: the first vehicle's start is node 0, the other distinct locations follow the orders.
        var depots: [Point] = []
        func depotIndex(_ p: Point) -> Int {
            if let k = depots.firstIndex(of: p) { return k }
            depots.append(p)
            return depots.count - 1
        }
        let ends = rows.map { (depotIndex($0.start), depotIndex($0.end)) }
        let n = points.count
        guard n + depots.count <= maximumLocations else {
            throw InputError(file: ordersPath, line: nil, "more than \(maximumLocations) locations (orders and depots); use the JSON format with matrices")
        }
        func node(_ depot: Int) -> Int { depot == 0 ? 0 : n + depot }
        let all = [depots[0]] + points + depots.dropFirst()
        let ids = ["depot-1"] + labels + (1..<depots.count).map { "depot-\($0 + 1)" }
        let zero = [0], rest = Array(repeating: 0, count: depots.count - 1)
        let distances = Matrix(size: all.count) { i, j in
            geographic ? EdgeWeight.haversineTenths(all[i], all[j]) : EdgeWeight.roundedTenths(all[i], all[j])
        }
        // Tenths of a km at a speed, in tenths of a minute: × 60 / speed. One travel profile
        // per distinct speed, the first vehicle row's first.
        var speeds: [Double] = []
        for row in rows where !speeds.contains(row.speed) { speeds.append(row.speed) }
        func durations(at speed: Double) -> Matrix { Matrix(size: all.count) { i, j in Int((Double(distances[i, j]) * 60 / speed).rounded()) } }
        func profileName(_ speed: Double) -> String { speed == speed.rounded() ? "\(Int(speed)) km/h" : "\(speed) km/h" }
        // Depots are open as long as any shift lasts; with one kind of vehicle from one depot
        // its shift is the depot's hours (which keeps the instance classic when nothing
        // else is set).
        var opens = 0, closes = max(day, rows.map(\.shift.1).max()!)
        if rows.count == 1 && depots.count == 1 { (opens, closes) = rows[0].shift }
        let types = zip(rows, ends).map { row, depot in
            VehicleType(name: row.name, count: row.count, capacity: row.capacity, startDepot: node(depot.0), endDepot: node(depot.1),
                        fixedCost: row.fixed, shiftStart: row.shift.0, shiftEnd: row.shift.1,
                        maxDuration: row.maxDuration, maxDistance: row.maxDistance, profile: speeds.firstIndex(of: row.speed)!)
        }
        var problem = Problem(
            name: URL(fileURLWithPath: ordersPath).deletingPathExtension().lastPathComponent,
            originalIDs: Array(0..<all.count), coordinates: all, demands: zero + demands + rest,
            capacity: rows.map(\.capacity).max()!, vehicleLimit: rows.reduce(0) { $0 + $1.count },
            distances: distances, durations: durations(at: speeds[0]), convention: geographic ? .haversineTenths : .roundedTenths, scale: 10,
            readyTimes: [opens] + ready + Array(repeating: opens, count: depots.count - 1),
            dueTimes: [closes] + due + Array(repeating: closes, count: depots.count - 1),
            serviceTimes: zero + service + rest, depotCount: depots.count, vehicleTypes: types, prizes: [nil] + prizes + rest.map { _ in nil },
            profileName: profileName(speeds[0]),
            extraProfiles: speeds.dropFirst().map { TravelProfile(name: profileName($0), distances: distances, durations: durations(at: $0)) })
        problem.labels = ids
        problem.clockTimes = true
        return problem
    }

    /// Coordinates from `lat`/`lon` (geographic) or `x`/`y` (planar) columns.
    static func location(_ value: (String) -> String?, lat: String, lon: String, x: String, y: String,
                         _ fail: (String) -> InputError) throws(InputError) -> (Point, Bool) {
        func number(_ name: String) -> Double? { value(name).flatMap { Double($0) }.flatMap { $0.isFinite ? $0 : nil } }
        if let a = number(lat), let b = number(lon) {
            guard abs(a) <= 90, abs(b) <= 180 else { throw fail("\(lat)/\(lon) must be within ±90 / ±180 degrees") }
            return (Point(x: b, y: a), true)
        }
        if let a = number(x), let b = number(y) {
            guard abs(a) <= 1e6, abs(b) <= 1e6 else { throw fail("\(x)/\(y) must be within ±1e6 km") }
            return (Point(x: a, y: b), false)
        }
        throw fail("needs numeric \(lat),\(lon) or \(x),\(y)")
    }

    /// A whole number from 0 to the weight limit, or nil for an empty field.
    static func whole(_ text: String?, _ name: String, _ fail: (String) -> InputError) throws(InputError) -> Int? {
        guard let text, !text.isEmpty else { return nil }
        guard let v = Int(text), v >= 0, v <= Matrix.maximumWeight else { throw fail("\(name) '\(text.prefix(20))' is not a whole number from 0 to \(Matrix.maximumWeight)") }
        return v
    }

    /// A non-negative amount in input units (costs, prizes, kilometres), held in tenths.
    static func amount(_ text: String?, _ name: String, _ fail: (String) -> InputError) throws(InputError) -> Int? {
        guard let text, !text.isEmpty else { return nil }
        guard let v = Double(text), v.isFinite, v >= 0, v <= 1e8 else { throw fail("\(name) '\(text.prefix(20))' is not a number from 0 to 1e8") }
        return Int((v * 10).rounded())
    }

    /// Minutes (a number), held in tenths of a minute.
    static func minutes(_ text: String?, _ name: String, _ fail: (String) -> InputError) throws(InputError) -> Int? {
        guard let text, !text.isEmpty else { return nil }
        guard let v = Double(text), v.isFinite, v >= 0, v <= 1e6 else { throw fail("\(name) '\(text.prefix(20))' is not a number of minutes from 0 to 1e6") }
        return Int((v * 10).rounded())
    }

    /// A time of day, `HH:MM` or minutes after midnight (up to 48:00 for shifts past
    /// midnight), held in tenths of a minute.
    static func clock(_ text: String?, _ name: String, _ fail: (String) -> InputError) throws(InputError) -> Int? {
        guard let text, !text.isEmpty else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...48).contains(h), (0..<60).contains(m), h * 60 + m <= 48 * 60 {
            return (h * 60 + m) * 10
        }
        if parts.count == 1, let v = Double(text), v.isFinite, v >= 0, v <= 48 * 60 { return Int((v * 10).rounded()) }
        throw fail("\(name) '\(text.prefix(20))' is not a time (HH:MM or minutes after midnight, up to 48:00)")
    }
}
