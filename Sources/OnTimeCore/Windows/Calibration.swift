import Foundation

/// Fits a `TravelTimeModel` to history: rows of planned and actual leg durations.
///
/// The ratio actual / planned gives the bias (its mean) and the spread: legs are grouped
/// into length classes (quantiles of the planned duration), each class's coefficient of
/// variation of the ratio is measured, and cv(d) = legCV + (shortLegCV − legCV)·exp(−d/s)
/// is fitted to those points by least squares (exactly, for each s on a grid, since the
/// model is linear in the two cvs once s is fixed). Service rows (kind "service") give
/// the service-time spread. With a `day` column, each day's mean ratio is a factor shared
/// by its legs (`dayCV`); with an `hour` column, each hour of day with enough legs gets its
/// own mean factor and cv scale (`hourly`). With `carrier` or `region` columns, a model is
/// also fitted for each carrier and region with enough legs (`variants`). Per carrier,
/// the on-time rate counts rows with a `late` value of 0 among those that have one.
public struct CalibrationResult: Sendable {
    public let model: TravelTimeModel
    public let legs: Int
    public let services: Int
    /// Carrier → (deliveries with an on-time flag, on time).
    public let carriers: [String: (deliveries: Int, onTime: Int)]
    /// What the history was too small to fit, each naming the quantity left at its default.
    public let warnings: [String]
}

public enum Calibration {
    public struct Row: Sendable {
        public var planned: Double
        public var actual: Double
        public var isService: Bool
        public var carrier: String
        public var late: Bool?
        /// Which day (or shift) the row belongs to, when known: legs of one day share a factor.
        public var day: String
        /// Hour of day the leg departed (0 ≤ hour < 24), when known.
        public var hour: Double?
        public var region: String
        public init(planned: Double, actual: Double, isService: Bool = false, carrier: String = "", late: Bool? = nil, day: String = "",
                    hour: Double? = nil, region: String = "") {
            self.planned = planned; self.actual = actual; self.isService = isService; self.carrier = carrier; self.late = late
            self.day = day; self.hour = hour; self.region = region
        }
    }

    /// HISTORY.csv: columns `planned` and `actual` (required), `kind` (leg or service,
    /// default leg), `day`, `hour` (departure hour of day, 0 to 23.99, or HH:MM),
    /// `carrier`, `region`, `late` (0/1). An actual above 1000 times its planned duration (the
    /// largest bias a model file holds), or history whose legs all took 0, is refused.
    public static func read(path: String) throws(InputError) -> [Row] {
        try parse(contents: readText(path), path: path)
    }

    /// `read` on text already in memory; `path` is only used in errors.
    public static func parse(contents text: String, path: String) throws(InputError) -> [Row] {
        try checkSize(text.utf8.count, path: path)
        var rows: [Row] = []
        try HeaderCSV.forEachRow(text, path: path, required: ["planned", "actual"]) { (line: Int, value: (String) -> String?) throws(InputError) in
            guard let planned = Double(value("planned") ?? ""), planned.isFinite, planned > 0 else {
                throw InputError(file: path, line: line, "planned must be a positive number")
            }
            guard let actual = Double(value("actual") ?? ""), actual.isFinite, actual >= 0 else {
                throw InputError(file: path, line: line, "actual must be a non-negative number")
            }
            // The model's bias (mean actual / planned) is at most 1000; a single row beyond is a unit mix-up.
            guard actual <= TravelTimeModel.Limits.bias * planned else {
                throw InputError(file: path, line: line, "actual \(actual) is more than \(Int(TravelTimeModel.Limits.bias)) times planned \(planned)")
            }
            let kind = value("kind") ?? "leg"
            guard kind == "leg" || kind == "service" || kind.isEmpty else {
                throw InputError(file: path, line: line, "kind must be leg or service, got '\(kind)'")
            }
            var late: Bool? = nil
            if let flag = value("late"), !flag.isEmpty {
                guard flag == "0" || flag == "1" else { throw InputError(file: path, line: line, "late must be 0 or 1, got '\(flag)'") }
                late = flag == "1"
            }
            var hour: Double? = nil
            if let text = value("hour"), !text.isEmpty {
                let parts = text.split(separator: ":", omittingEmptySubsequences: false)
                if parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) {
                    hour = Double(h) + Double(m) / 60
                } else if let h = Double(text), h >= 0, h < 24 {
                    hour = h
                } else {
                    throw InputError(file: path, line: line, "hour must be 0 to 23.99 or HH:MM, got '\(text)'")
                }
            }
            guard rows.count < InputLimits.maximumHistoryRows else {
                throw InputError(file: path, line: line, "more than \(InputLimits.maximumHistoryRows) rows; calibrate on a sample of the history")
            }
            rows.append(Row(planned: planned, actual: actual, isService: kind == "service", carrier: value("carrier") ?? "", late: late,
                            day: value("day") ?? "", hour: hour, region: value("region") ?? ""))
        }
        guard rows.contains(where: { !$0.isService }) else { throw InputError(file: path, line: nil, "no leg rows to calibrate from") }
        guard rows.contains(where: { !$0.isService && $0.actual > 0 }) else {
            throw InputError(file: path, line: nil, "every leg's actual is 0: no travel times to calibrate from")
        }
        return rows
    }

    /// Fewest legs for an hour of day to get its own factor, and for a carrier or region
    /// to get its own model.
    public static let minimumHourLegs = 30
    public static let minimumVariantLegs = 200
    /// Fewest legs to measure the spread of leg times (`leg_cv`, `short_leg_cv`): below it
    /// both keep their defaults, and a warning says so.
    public static let minimumSpreadLegs = 30
    /// Fewest legs to estimate the bias at all.
    public static let minimumBiasLegs = 10
    /// Fewest service rows to measure `service_cv`.
    public static let minimumServices = 10

    public static func fit(_ rows: [Row], classes: Int = 20) -> CalibrationResult {
        var warnings: [String] = []
        var model = fitModel(rows, classes: classes, warnings: &warnings)
        for group in ["carrier", "region"] {
            func key(_ row: Row) -> String { group == "carrier" ? row.carrier : row.region }
            let names = Set(rows.map(key).filter { !$0.isEmpty })
            guard names.count >= 2 else { continue }
            for name in names.sorted() {
                let subset = rows.filter { key($0) == name }
                guard subset.count(where: { !$0.isService }) >= minimumVariantLegs else { continue }
                var ignored: [String] = []  // variants have at least minimumVariantLegs legs
                model.variants["\(group):\(name)"] = fitModel(subset, classes: classes, warnings: &ignored)
            }
        }
        var carriers: [String: (deliveries: Int, onTime: Int)] = [:]
        for row in rows {
            guard let late = row.late else { continue }
            let key = row.carrier.isEmpty ? "(none)" : row.carrier
            var entry = carriers[key] ?? (0, 0)
            entry.deliveries += 1
            if !late { entry.onTime += 1 }
            carriers[key] = entry
        }
        return CalibrationResult(model: model, legs: rows.count(where: { !$0.isService }), services: rows.count(where: \.isService),
                                 carriers: carriers, warnings: warnings)
    }

    static func fitModel(_ rows: [Row], classes: Int, warnings: inout [String]) -> TravelTimeModel {
        let defaults = TravelTimeModel()
        let legs = rows.filter { !$0.isService }
        var ratios = legs.map { $0.actual / $0.planned }
        // Fitted values stay within what `TravelTimeModel.read` accepts, so files round-trip.
        var bias = min(1_000, max(1e-6, ratios.reduce(0, +) / Double(max(1, ratios.count))))
        if legs.count < minimumBiasLegs {
            bias = defaults.bias
            warnings.append("only \(legs.count) leg\(legs.count == 1 ? "" : "s") (at least \(minimumBiasLegs) are needed to estimate "
                            + "the bias): bias left at its default \(defaults.bias)")
        }
        // With days: each day's mean ratio is its shared factor; its spread (less what the
        // legs' own noise explains) is the day cv, and the legs' cv is measured with the
        // day factor divided out.
        var dayCV = 0.0
        var byDay: [String: [Int]] = [:]
        for (k, leg) in legs.enumerated() where !leg.day.isEmpty { byDay[leg.day, default: []].append(k) }
        let daysFit = byDay.count >= 3 && byDay.values.allSatisfy({ $0.count >= 2 })
        if daysFit {
            var factors: [String: Double] = [:]
            var noise = 0.0
            for (day, members) in byDay {
                let r = members.map { ratios[$0] }
                let mean = r.reduce(0, +) / Double(r.count)
                factors[day] = mean / bias
                let variance = r.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(r.count - 1)
                noise += variance / Double(r.count) / (bias * bias)
            }
            let f = Array(factors.values)
            let fMean = f.reduce(0, +) / Double(f.count)
            let between = f.reduce(0) { $0 + ($1 - fMean) * ($1 - fMean) } / Double(f.count - 1)
            dayCV = max(0, between - noise / Double(f.count)).squareRoot() / max(fMean, 1e-12)
            for (k, leg) in legs.enumerated() where !leg.day.isEmpty { ratios[k] /= factors[leg.day] ?? 1 }
        }
        // Hours of day: each hour's mean ratio relative to the bias, divided out.
        var byHour: [Int: [Int]] = [:]
        for (k, leg) in legs.enumerated() { if let h = leg.hour { byHour[min(23, Int(h)), default: []].append(k) } }
        let fittedHours = byHour.filter { $0.value.count >= minimumHourLegs }.keys.sorted()
        var hourly: [TravelTimeModel.HourEffect]? = nil
        if fittedHours.count >= 2 {
            var effects = [TravelTimeModel.HourEffect](repeating: .init(), count: 24)
            for h in fittedHours {
                let members = byHour[h]!
                let factor = members.reduce(0) { $0 + ratios[$1] } / Double(members.count) / bias
                effects[h].factor = min(100, max(1e-3, factor))
                for k in members { ratios[k] /= effects[h].factor }
            }
            hourly = effects
        }
        // Length classes of about equal size.
        let sorted = legs.indices.sorted { legs[$0].planned < legs[$1].planned }
        let groups = max(1, min(classes, sorted.count / 30))
        var points: [(length: Double, cv: Double, weight: Double)] = []
        for g in 0..<groups {
            let members = sorted[(g * sorted.count / groups)..<((g + 1) * sorted.count / groups)]
            guard members.count >= 2 else { continue }
            let r = members.map { ratios[$0] }
            let mean = r.reduce(0, +) / Double(r.count)
            let variance = r.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(r.count - 1)
            let length = members.map { legs[$0].planned }.reduce(0, +) / Double(members.count)
            points.append((length, variance.squareRoot() / max(mean, 1e-12), Double(members.count)))
        }
        // Least squares of cv = a + (b − a)·e = a(1 − e) + b·e, e = exp(−length/s), over a grid of s.
        var best = (error: Double.infinity, model: TravelTimeModel(legCV: 0.2, shortLegCV: 0.2, bias: bias))
        let longest = points.map(\.length).max() ?? 1
        for step in 1...40 {
            let s = longest * Double(step) / 40
            var sxx = 0.0, sxy = 0.0, syy = 0.0, sxc = 0.0, syc = 0.0
            for p in points {
                let e = exp(-p.length / s), x = 1 - e, y = e
                sxx += p.weight * x * x; sxy += p.weight * x * y; syy += p.weight * y * y
                sxc += p.weight * x * p.cv; syc += p.weight * y * p.cv
            }
            let det = sxx * syy - sxy * sxy
            var a: Double, b: Double
            if abs(det) <= 1e-9 * max(1e-300, sxx * syy) {
                let mean = points.reduce(0) { $0 + $1.weight * $1.cv } / max(1e-12, points.reduce(0) { $0 + $1.weight })
                a = mean; b = mean
            } else {
                a = (sxc * syy - syc * sxy) / det
                b = (syc * sxx - sxc * sxy) / det
            }
            a = min(100, max(0, a)); b = min(100, max(0, b))
            let error = points.reduce(0.0) { total, p in
                let e = exp(-p.length / s)
                let d = a + (b - a) * e - p.cv
                return total + p.weight * d * d
            }
            if error < best.error {
                best = (error, TravelTimeModel(legCV: a, shortLegCV: b, shortLegScale: min(1e9, max(1e-6, s)), bias: bias))
            }
        }
        var model = best.model
        if legs.count < minimumSpreadLegs {
            model.legCV = defaults.legCV; model.shortLegCV = defaults.shortLegCV; model.shortLegScale = defaults.shortLegScale
            warnings.append("only \(legs.count) leg\(legs.count == 1 ? "" : "s") (at least \(minimumSpreadLegs) are needed to measure "
                            + "their spread): leg_cv, short_leg_cv and short_leg_scale left at their defaults "
                            + "\(defaults.legCV), \(defaults.shortLegCV) and \(defaults.shortLegScale)")
        }
        model.dayCV = min(100, dayCV)
        if !byDay.isEmpty && !daysFit {
            warnings.append("day_cv left at \(defaults.dayCV): it needs at least 3 days with 2 legs or more each "
                            + "(the history has \(byDay.count) day\(byDay.count == 1 ? "" : "s"))")
        }
        // Each fitted hour's spread relative to cv(d): the root mean square of its z.
        func z(_ k: Int) -> Double { (ratios[k] / bias - 1) / max(1e-9, model.cv(ofLeg: legs[k].planned)) }
        if var effects = hourly {
            for h in fittedHours {
                let members = byHour[h]!
                effects[h].cvScale = min(100, (members.reduce(0) { $0 + z($1) * z($1) } / Double(members.count)).squareRoot())
            }
            model.hourly = effects
        }
        // The residuals' own shape: 49 quantiles of z = (r / bias − 1) / (cv(d) · hour cv scale).
        if legs.count >= 200 {
            var z = legs.indices.map { k in
                z(k) / max(1e-9, legs[k].hour.map { model.hourly?[min(23, Int($0))].cvScale ?? 1 } ?? 1)
            }
            z.sort()
            let count = 49
            model.shape = (0..<count).map { q in
                let position = (Double(q) + 0.5) / Double(count) * Double(z.count - 1)
                let below = Int(position), above = min(z.count - 1, below + 1)
                return min(1e6, max(-1e6, z[below] + (z[above] - z[below]) * (position - Double(below))))
            }
        }
        let services = rows.filter(\.isService)
        if !services.isEmpty && services.count < minimumServices {
            warnings.append("only \(services.count) service row\(services.count == 1 ? "" : "s") (at least \(minimumServices) are needed): "
                            + "service_cv left at its default \(defaults.serviceCV)")
        }
        if services.count >= minimumServices {
            let r = services.map { $0.actual / $0.planned }
            let mean = r.reduce(0, +) / Double(r.count)
            let variance = r.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(r.count - 1)
            model.serviceCV = min(100, variance.squareRoot() / max(mean, 1e-12))
        }
        // Extreme history (tiny or wildly spread ratios) must still give a model that reads back.
        return model.withinFileLimits()
    }
}
