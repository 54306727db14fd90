import OnTimeCore

/// Reading the INSTANCE argument, shared by solve, check and notify: a VRPLIB, Solomon or
/// JSON file by its contents, or a CSV of orders with `--vehicles FILE [--speed KMH]`.
enum InstanceOptions {
    static let names: Set<String> = ["vehicles", "speed", "round"]

    static let help = """
          --vehicles FILE        INSTANCE is a CSV of orders (id, lat, lon or x, y, demand,
                                 window_start, window_end, service minutes, prize) and FILE
                                 the vehicles CSV (id, count, capacity, depot_lat, depot_lon
                                 or depot_x, depot_y, shift_start, shift_end, fixed_cost,
                                 max_duration, max_distance, speed km/h); see the README
          --speed KMH            travel speed for CSV orders, for vehicle rows without
                                 their own speed (default 30 km/h)
          --round RULE           how a VRPLIB or Solomon file's distances and times
                                 become integers, as PyVRP's round_func: round (nearest
                                 integer; VRPLIB default), trunc (truncated), dimacs
                                 (tenths, truncated; Solomon default, and what the
                                 Gehring & Homberger VRPTW files need), exact (thousandths,
                                 rounded), none (integers as given: explicit matrices)
        """

    static func read(_ path: String, _ parsed: Arguments) throws(InputError) -> Problem {
        let speed: Double
        do { speed = try parsed.double("speed", range: 0.1...1000) ?? 30 } catch {
            throw InputError(file: "command line", line: nil, error.description)
        }
        if let vehicles = parsed.value("vehicles") {
            if parsed.value("round") != nil { throw InputError(file: "command line", line: nil, "--round applies to VRPLIB and Solomon files, not CSV orders") }
            return try CSVInstanceReader.read(orders: path, vehicles: vehicles, speedKmh: speed)
        }
        if parsed.value("speed") != nil { throw InputError(file: "command line", line: nil, "--speed applies to CSV orders read with --vehicles") }
        var rounding: Rounding? = nil
        if let raw = parsed.value("round") {
            guard let rule = Rounding(rawValue: raw) else {
                throw InputError(file: "command line", line: nil, "--round must be one of "
                                 + Rounding.allCases.map(\.rawValue).joined(separator: ", ") + ", got '\(raw.prefix(40))'")
            }
            rounding = rule
        }
        if path.lowercased().hasSuffix(".csv") {
            throw InputError(file: path, line: nil, "a CSV of orders needs its vehicles: --vehicles FILE")
        }
        return try InstanceReader.read(path: path, rounding: rounding)
    }
}
