import Foundation

/// Reads the classic Solomon VRPTW text format:
///
///     C101
///     VEHICLE
///     NUMBER     CAPACITY
///       25         200
///     CUSTOMER
///     CUST NO.  XCOORD.  YCOORD.  DEMAND  READY TIME  DUE DATE  SERVICE TIME
///         0      40        50       0        0         1236        0
///
/// Customer 0 is the depot. By default distances and travel times follow the DIMACS
/// convention: Euclidean distance truncated to one decimal, held as integer
/// tenths (`scale` 10); times are scaled by 10 to match. Another `Rounding` (PyVRP's
/// `round_func`) may be asked for; `none` is refused (the distances are not integers).
public enum SolomonReader {
    /// The rounding used when none is asked for.
    public static let defaultRounding = Rounding.dimacs

    public static func read(path: String, rounding: Rounding = defaultRounding) throws(InputError) -> Problem {
        try parse(TextFile.read(path), rounding: rounding)
    }

    public static func parse(contents: String, path: String = "<input>", rounding: Rounding = defaultRounding) throws(InputError) -> Problem {
        try checkSize(contents.utf8.count, path: path)
        return try parse(TextFile(path: path, contents: contents), rounding: rounding)
    }

    static func parse(_ file: TextFile, rounding: Rounding = defaultRounding) throws(InputError) -> Problem {
        guard let rule = rounding.euclideanRule, let convention = rounding.convention else {
            throw file.error(nil, "Solomon distances are not integers: OnTime computes in integers, so --round none does not apply; "
                             + "choose round, trunc, dimacs (the default) or exact")
        }
        let lines = file.lines
        guard let nameIndex = lines.firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw file.error(nil, "file is empty")
        }
        let name = lines[nameIndex].trimmingCharacters(in: .whitespaces)
        func isKeyword(_ i: Int, _ word: String) -> Bool {
            lines[i].trimmingCharacters(in: .whitespaces).uppercased() == word
        }
        guard let vehicleIndex = lines.indices.first(where: { isKeyword($0, "VEHICLE") }) else {
            throw file.error(nil, "missing VEHICLE block")
        }
        guard let customerIndex = lines.indices.first(where: { isKeyword($0, "CUSTOMER") }), customerIndex > vehicleIndex else {
            throw file.error(nil, "missing CUSTOMER block after the VEHICLE block")
        }
        // The first all-numeric line of the vehicle block holds NUMBER and CAPACITY.
        var fleet: (number: Int, capacity: Int, line: Int)? = nil
        for i in (vehicleIndex + 1)..<customerIndex {
            let fields = file.fields(i)
            guard let first = fields.first, first.first?.isLetter == false else { continue }
            guard fields.count == 2, let number = parseInt(fields[0]), let capacity = parseInt(fields[1]) else {
                throw file.error(i + 1, "VEHICLE block: expected 'NUMBER CAPACITY' as two integers")
            }
            guard number > 0, capacity > 0 else {
                throw file.error(i + 1, "VEHICLE block: NUMBER and CAPACITY must be positive")
            }
            guard capacity <= Matrix.maximumWeight, number <= InputLimits.maximumNodes else {
                throw file.error(i + 1, "VEHICLE block: NUMBER \(number) or CAPACITY \(capacity) is too large")
            }
            fleet = (number, capacity, i + 1)
            break
        }
        guard let fleet else { throw file.error(vehicleIndex + 1, "VEHICLE block has no 'NUMBER CAPACITY' line") }

        struct Row { var id: Int; var point: Point; var demand: Int; var ready: Int; var due: Int; var service: Int; var line: Int }
        var rows: [Row] = []
        for i in (customerIndex + 1)..<lines.count {
            let fields = file.fields(i)
            guard let first = fields.first else { continue }
            if first.first?.isLetter == true {
                if rows.isEmpty { continue }  // the column header
                throw file.error(i + 1, "unexpected text in the CUSTOMER table: '\(lines[i].prefix(60))'")
            }
            guard fields.count == 7 else {
                throw file.error(i + 1, "CUSTOMER row: expected 7 fields (no, x, y, demand, ready, due, service), found \(fields.count)")
            }
            guard let id = parseInt(fields[0]), id >= 0 else { throw file.error(i + 1, "customer number '\(fields[0].prefix(30))' is not a non-negative integer") }
            guard let x = parseDouble(fields[1]), let y = parseDouble(fields[2]), abs(x) <= 1e7, abs(y) <= 1e7 else {
                throw file.error(i + 1, "customer \(id): coordinates are not numbers within ±1e7")
            }
            guard let demand = parseInt(fields[3]) else { throw file.error(i + 1, "customer \(id): demand '\(fields[3].prefix(30))' is not an integer") }
            if demand < 0 { throw file.error(i + 1, "customer \(id): negative demand \(demand)") }
            // Above the capacity: reported as unservable (Screening), not an input error.
            if demand > Matrix.maximumWeight { throw file.error(i + 1, "customer \(id): demand \(demand) above the limit of \(Matrix.maximumWeight)") }
            let times = fields[4...6].map(parseDouble)
            guard let ready = times[0], let due = times[1], let service = times[2], ready >= 0, service >= 0 else {
                throw file.error(i + 1, "customer \(id): ready, due and service times must be non-negative numbers")
            }
            guard due <= 1e8, service <= 1e8 else {
                throw file.error(i + 1, "customer \(id): due or service time above the limit of 1e8")
            }
            if ready > due { throw file.error(i + 1, "customer \(id): ready time \(ready) is after due date \(due)") }
            guard let readyTime = rounding.apply(ready), let dueTime = rounding.apply(due), let serviceTime = rounding.apply(service) else {
                throw file.error(i + 1, "customer \(id): times too large for 1/\(rounding.scale) units (--round \(rounding.rawValue))")
            }
            rows.append(Row(id: id, point: Point(x: x, y: y), demand: demand,
                            ready: readyTime, due: dueTime, service: serviceTime, line: i + 1))
            if rows.count > InputLimits.maximumNodes {
                throw file.error(i + 1, "more than \(InputLimits.maximumNodes) customers; OnTime refuses instances this large")
            }
        }
        guard rows.count >= 2 else { throw file.error(customerIndex + 1, "CUSTOMER table needs the depot (0) and at least one customer") }
        guard rows[0].id == 0 else { throw file.error(rows[0].line, "the first CUSTOMER row must be the depot, numbered 0") }
        for (k, row) in rows.enumerated() where row.id != k {
            throw file.error(row.line, "customer numbers must run 0, 1, 2, ...; expected \(k), found \(row.id)")
        }
        if rows[0].demand != 0 { throw file.error(rows[0].line, "the depot has non-zero demand \(rows[0].demand)") }

        let points = rows.map(\.point)
        guard rounding.fits(points) else {
            throw file.error(customerIndex + 1, "customers lie too far apart for distances in 1/\(rounding.scale) units (--round \(rounding.rawValue)); "
                             + "the longest edge would exceed \(Matrix.maximumWeight)")
        }
        let distances = Matrix(points: points, rule: rule)
        return Problem(
            name: name, originalIDs: rows.map(\.id), coordinates: points, demands: rows.map(\.demand),
            capacity: fleet.capacity, vehicleLimit: fleet.number, distances: distances,
            convention: convention, scale: rounding.scale,
            readyTimes: rows.map(\.ready), dueTimes: rows.map(\.due), serviceTimes: rows.map(\.service)
        )
    }
}
