import OnTimeCore

/// Reading the INSTANCE argument, shared by solve, check and notify: a VRPLIB, Solomon or
/// JSON file by its contents, or a CSV of orders with `--vehicles FILE [--speed KMH]`.
enum InstanceOptions {
    static let names: Set<String> = ["vehicles", "speed"]

    static let help = """
          --vehicles FILE        INSTANCE is a CSV of orders (id, lat, lon or x, y, demand,
                                 window_start, window_end, service minutes, prize) and FILE
                                 the vehicles CSV (id, count, capacity, depot_lat, depot_lon
                                 or depot_x, depot_y, shift_start, shift_end, fixed_cost,
                                 max_duration, max_distance, speed km/h); see the README
          --speed KMH            travel speed for CSV orders, for vehicle rows without
                                 their own speed (default 30 km/h)
        """

    static func read(_ path: String, _ parsed: Arguments) throws(InputError) -> Problem {
        let speed: Double
        do { speed = try parsed.double("speed", range: 0.1...1000) ?? 30 } catch {
            throw InputError(file: "command line", line: nil, error.description)
        }
        if let vehicles = parsed.value("vehicles") {
            return try CSVInstanceReader.read(orders: path, vehicles: vehicles, speedKmh: speed)
        }
        if parsed.value("speed") != nil { throw InputError(file: "command line", line: nil, "--speed applies to CSV orders read with --vehicles") }
        if path.lowercased().hasSuffix(".csv") {
            throw InputError(file: path, line: nil, "a CSV of orders needs its vehicles: --vehicles FILE")
        }
        return try InstanceReader.read(path: path)
    }
}
