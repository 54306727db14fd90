/// A calendar date as a day number (days since 1970-01-01, proleptic Gregorian), for
/// the multi-day windows of `DayWindows`.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let day: Int

    public init(day: Int) { self.day = day }

    /// Parses `YYYY-MM-DD`; nil when it is not a real date.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= CivilDate.daysIn(month: m, year: y) else { return nil }
        // Days from 1970-01-01: whole years from March 1 of year 0, the March-based month offset.
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yearOfEra = yy - era * 400
        let dayOfYear = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        day = era * 146_097 + dayOfEra - 719_468
    }

    static func daysIn(month m: Int, year y: Int) -> Int {
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0)
        func pad(_ v: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(v).count)) + String(v) }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.day < b.day }
    public static func + (a: CivilDate, days: Int) -> CivilDate { CivilDate(day: a.day + days) }
}

/// Multi-day shipping: "expected in X to Y days" per stop and for the whole plan.
///
/// The plan runs on the dispatch date. A stop the vehicle reaches only after the depot
/// closes slips to the next day (`StopForecast.nextDayRisk`), so its delivery date is the
/// dispatch date with probability 1 − p and the next day with probability p; the window
/// is that two-point distribution's low and high quantiles (by default 10 % and 90 %:
/// the next day enters the window once p > 10 % and is the whole window once p > 90 %).
/// Counted from each stop's order date when known, else from the dispatch date.
public struct DayWindows: Sendable, Equatable {
    public struct Stop: Sendable, Equatable {
        public let ordered: CivilDate?
        public let earliest: CivilDate
        public let latest: CivilDate
        /// Days from the order date (or the dispatch date) to the earliest and latest date.
        public let lowDays: Int
        public let highDays: Int
        public let nextDayRisk: Double
    }
    public let dispatch: CivilDate
    /// Per route, per stop (nil for stops already served).
    public let stops: [[Stop?]]
    /// The plan's window: the fewest and most days over its stops.
    public var lowDays: Int { stops.joined().compactMap { $0?.lowDays }.min() ?? 0 }
    public var highDays: Int { stops.joined().compactMap { $0?.highDays }.max() ?? 0 }

    public init(forecast: [[StopForecast]], dispatch: CivilDate, orderDates: [Int: CivilDate] = [:],
                lowQuantile: Double = 0.1, highQuantile: Double = 0.9) {
        self.dispatch = dispatch
        stops = forecast.map { route in
            route.map { f in
                guard !f.completed else { return nil }
                // P(same day) = 1 − p: the q-quantile is the next day when q > 1 − p.
                let early = dispatch + (lowQuantile > 1 - f.nextDayRisk ? 1 : 0)
                let late = dispatch + (highQuantile > 1 - f.nextDayRisk ? 1 : 0)
                let start = orderDates[f.node] ?? dispatch
                return Stop(ordered: orderDates[f.node], earliest: early, latest: late, lowDays: early.day - start.day,
                            highDays: late.day - start.day, nextDayRisk: f.nextDayRisk)
            }
        }
    }

    /// "expected the same day", "expected within 1 day", "expected in 2 days" or
    /// "expected in 2 to 3 days".
    public static func phrase(low: Int, high: Int) -> String {
        func days(_ n: Int) -> String { n == 1 ? "1 day" : "\(n) days" }
        if high <= 0 { return "expected the same day" }
        if low <= 0 { return "expected within \(days(high))" }
        return low == high ? "expected in \(days(low))" : "expected in \(low) to \(days(high))"
    }

    /// ORDER_DATES.csv: columns `customer` (as numbered in the plan) and `ordered`
    /// (YYYY-MM-DD); errors name the line. Order dates after the dispatch date are errors.
    public static func readOrderDates(path: String, customers: Int, dispatch: CivilDate) throws(InputError) -> [Int: CivilDate] {
        try parseOrderDates(contents: readText(path), path: path, customers: customers, dispatch: dispatch)
    }

    /// `readOrderDates` on text already in memory; `path` is only used in errors.
    public static func parseOrderDates(contents text: String, path: String, customers: Int, dispatch: CivilDate) throws(InputError) -> [Int: CivilDate] {
        try checkSize(text.utf8.count, path: path)
        var dates: [Int: CivilDate] = [:]
        try HeaderCSV.forEachRow(text, path: path, required: ["customer", "ordered"]) { (line: Int, field: (String) -> String?) throws(InputError) in
            func value(_ name: String) -> String { field(name) ?? "" }
            guard let customer = Int(value("customer")), customer >= 1, customer <= customers else {
                throw InputError(file: path, line: line, "customer must be 1 to \(customers), got '\(value("customer"))'")
            }
            guard let date = CivilDate(value("ordered")) else {
                throw InputError(file: path, line: line, "ordered must be a date YYYY-MM-DD, got '\(value("ordered"))'")
            }
            guard date <= dispatch else {
                throw InputError(file: path, line: line, "customer \(customer) ordered on \(date), after the dispatch date \(dispatch)")
            }
            guard dates[customer] == nil else { throw InputError(file: path, line: line, "customer \(customer) appears twice") }
            dates[customer] = date
        }
        return dates
    }
}
