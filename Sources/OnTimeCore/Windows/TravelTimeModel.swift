import Foundation

/// How uncertain travel and service times are: each leg's duration is lognormal around
/// its planned duration, each service time too. The coefficient of variation (standard
/// deviation / mean) of a leg shrinks with its length, from `shortLegCV` for very short
/// legs towards `legCV` for long ones (short hops are dominated by parking, lifts and
/// doors): cv(d) = legCV + (shortLegCV − legCV) · exp(−d / shortLegScale).
///
/// All times are in the instance's units (internal units of `Problem`: tenths for Solomon).
public struct TravelTimeModel: Sendable, Equatable {
    public var legCV: Double
    public var shortLegCV: Double
    /// Planned duration (instance units, as printed) at which a leg is "long".
    public var shortLegScale: Double
    /// Mean actual / planned duration (1 = plans are unbiased; 1.1 = legs take 10 % longer).
    public var bias: Double
    public var serviceCV: Double
    /// Spread of a factor shared by every leg of a day (congestion, weather): legs are
    /// not independent, so delays add up along a route. 0 = independent legs.
    public var dayCV: Double
    /// The shape of leg noise, when calibrated from history: quantiles (at levels
    /// (k + ½)/count) of the standardised residual z = (actual / (planned · bias) − 1) / cv.
    /// A leg then takes planned · bias · (1 + cv · z) with z drawn from these quantiles,
    /// which keeps heavy tails and skew the lognormal would smooth away. nil = lognormal.
    public var shape: [Double]? = nil
    /// The clock hour at time 0 of a plan, and the plan's time units per hour: how a time
    /// in a plan maps to an hour of day for `hourly` (defaults: 08:00, minutes).
    public var clockStart: Double = 8
    public var unitsPerHour: Double = 60
    /// Per hour of day (index 0–23): how a leg that departs in that hour differs, its mean
    /// multiplied by `factor` and its cv by `cvScale` (rush hours). nil = no hour effect.
    public var hourly: [HourEffect]? = nil
    /// Models fitted for one carrier or one region, keyed "carrier:NAME" or "region:NAME"
    /// (see `variant(_:)`); empty when history had no such column.
    public var variants: [String: TravelTimeModel] = [:]

    public struct HourEffect: Sendable, Equatable {
        public var factor: Double
        public var cvScale: Double
        public init(factor: Double = 1, cvScale: Double = 1) { self.factor = factor; self.cvScale = cvScale }
    }

    public init(legCV: Double = 0.2, shortLegCV: Double = 0.4, shortLegScale: Double = 10, bias: Double = 1,
                serviceCV: Double = 0.3, dayCV: Double = 0) {
        self.legCV = legCV
        self.shortLegCV = shortLegCV
        self.shortLegScale = shortLegScale
        self.bias = bias
        self.serviceCV = serviceCV
        self.dayCV = dayCV
    }

    /// The hour of day (0–23) at time `t` of a plan (input units).
    public func hour(atTime t: Double) -> Int {
        let clock = (clockStart + t / max(1e-9, unitsPerHour)).truncatingRemainder(dividingBy: 24)
        guard clock.isFinite else { return Int(clockStart) % 24 }
        let h = Int(clock.rounded(.down))
        return h < 0 ? h + 24 : min(h, 23)
    }

    /// The hour effect at time `t` (input units); no effect without `hourly`.
    public func hourEffect(atTime t: Double) -> HourEffect {
        guard let hourly else { return HourEffect() }
        return hourly[hour(atTime: t)]
    }

    /// The model fitted for `key` ("carrier:NAME" or "region:NAME"), keeping this model's
    /// clock; errors list the keys there are.
    public func variant(_ key: String) throws(InputError) -> TravelTimeModel {
        guard var model = variants[key] else {
            let known = variants.keys.sorted()
            throw InputError(file: "travel model", line: nil,
                             "no model for \(key)" + (known.isEmpty ? " (the file has no carrier or region models)" : "; it has \(known.joined(separator: ", "))"))
        }
        model.clockStart = clockStart
        model.unitsPerHour = unitsPerHour
        return model
    }

    /// Coefficient of variation of a leg planned at `planned` (input units).
    public func cv(ofLeg planned: Double) -> Double {
        legCV + (shortLegCV - legCV) * exp(-planned / max(1e-9, shortLegScale))
    }

    /// The model as a JSON object, as `read` accepts it.
    public var json: String { jsonObject(indent: "") + "\n" }

    func jsonObject(indent: String) -> String {
        // Shortest text that reads back as the same Double (e.g. 0.2, 1e-05): files round-trip.
        func number(_ v: Double) -> String { v.isFinite ? "\(v)" : "0" }
        var fields = ["\"leg_cv\": \(number(legCV))", "\"short_leg_cv\": \(number(shortLegCV))",
                      "\"short_leg_scale\": \(number(shortLegScale))", "\"bias\": \(number(bias))",
                      "\"service_cv\": \(number(serviceCV))", "\"day_cv\": \(number(dayCV))"]
        if let shape { fields.append("\"shape\": [" + shape.map(number).joined(separator: ", ") + "]") }
        if indent.isEmpty && (clockStart != 8 || unitsPerHour != 60 || hourly != nil || !variants.isEmpty) {
            fields.append("\"clock_start\": \(number(clockStart))")
            fields.append("\"units_per_hour\": \(number(unitsPerHour))")
        }
        if let hourly {
            let hours = hourly.indices.filter { hourly[$0] != HourEffect() }.map {
                "\"\($0)\": {\"factor\": \(number(hourly[$0].factor)), \"cv_scale\": \(number(hourly[$0].cvScale))}"
            }
            fields.append("\"by_hour\": {" + hours.joined(separator: ", ") + "}")
        }
        for group in ["carrier", "region"] {
            let keys = variants.keys.filter { $0.hasPrefix(group + ":") }.sorted()
            guard !keys.isEmpty else { continue }
            let inner = indent + "    "
            let entries = keys.map { key in
                inner + "  " + PlanWriter.quoted(String(key.dropFirst(group.count + 1))) + ": " + variants[key]!.jsonObject(indent: inner + "  ")
            }
            fields.append("\"by_\(group)\": {\n" + entries.joined(separator: ",\n") + "\n" + inner + "}")
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// z for a uniform draw u in [0, 1), interpolating the shape's quantiles.
    @inline(__always) func shapeQuantile(_ u: Double, _ shape: [Double]) -> Double {
        let position = u * Double(shape.count) - 0.5
        if position <= 0 { return shape[0] }
        let below = Int(position)
        if below >= shape.count - 1 { return shape[shape.count - 1] }
        return shape[below] + (shape[below + 1] - shape[below]) * (position - Double(below))
    }

    /// Parameters (μ, σ) of the lognormal with the given mean and coefficient of variation.
    static func lognormal(mean: Double, cv: Double) -> (mu: Double, sigma: Double) {
        let s2 = log(1 + cv * cv)
        return (log(max(mean, 1e-12)) - s2 / 2, s2.squareRoot())
    }

    /// The ranges `parse` accepts (below: a positive scale, bias or factor, at least 0 otherwise).
    enum Limits {
        static let cv = 100.0
        static let scale = 1e9
        static let bias = 1_000.0
        static let factor = 100.0
        static let shape = 1e6
    }

    /// This model with every parameter brought into the ranges `parse` accepts (NaN to
    /// the default), so that a model fitted from extreme history can be written and read back.
    func withinFileLimits() -> TravelTimeModel {
        func clamp(_ v: Double, _ low: Double, _ high: Double, _ otherwise: Double) -> Double {
            v.isNaN ? otherwise : Swift.min(high, Swift.max(low, v))
        }
        let tiny = Double.leastNormalMagnitude
        var m = self
        m.legCV = clamp(legCV, 0, Limits.cv, 0.2)
        m.shortLegCV = clamp(shortLegCV, 0, Limits.cv, 0.4)
        m.shortLegScale = clamp(shortLegScale, tiny, Limits.scale, 10)
        m.bias = clamp(bias, tiny, Limits.bias, 1)
        m.serviceCV = clamp(serviceCV, 0, Limits.cv, 0.3)
        m.dayCV = clamp(dayCV, 0, Limits.cv, 0)
        m.clockStart = clamp(clockStart, 0, 24, 8)
        m.unitsPerHour = clamp(unitsPerHour, tiny, Limits.scale, 60)
        if let shape {
            m.shape = shape.contains(where: \.isNaN) ? nil : shape.map { clamp($0, -Limits.shape, Limits.shape, 0) }
        }
        m.hourly = hourly?.map { HourEffect(factor: clamp($0.factor, tiny, Limits.factor, 1), cvScale: clamp($0.cvScale, 0, Limits.factor, 1)) }
        m.variants = variants.mapValues { $0.withinFileLimits() }
        return m
    }

    /// Reads `{"leg_cv": 0.2, "short_leg_cv": 0.4, "short_leg_scale": 10, "bias": 1.0,
    /// "service_cv": 0.3, "day_cv": 0.05, "clock_start": 8, "units_per_hour": 60,
    /// "by_hour": {"9": {"factor": 1.2, "cv_scale": 1.1}}, "by_carrier": {"NAME": {…}},
    /// "by_region": {"NAME": {…}}}` (every key optional); errors name the JSON path.
    public static func read(path: String) throws(InputError) -> TravelTimeModel {
        try parse(contents: readText(path), path: path)
    }

    /// `read` on text already in memory; `path` is only used in errors.
    public static func parse(contents text: String, path: String) throws(InputError) -> TravelTimeModel {
        try checkSize(text.utf8.count, path: path, limit: InputLimits.maximumJSONBytes)
        let fields = try JSONCheck.object(text, path: path, expected: "a JSON object (a travel-time model)")
        return try parse(fields, path: path, at: "", nested: false)
    }

    static func parse(_ fields: [String: Any], path: String, at prefix: String, nested: Bool) throws(InputError) -> TravelTimeModel {
        func fail(_ key: String, _ message: String) -> InputError { InputError(file: path, line: nil, "at \(prefix)\(key): \(message)") }
        var model = TravelTimeModel()
        var known = ["leg_cv", "short_leg_cv", "short_leg_scale", "bias", "service_cv", "day_cv", "shape", "by_hour"]
        if !nested { known += ["clock_start", "units_per_hour", "by_carrier", "by_region"] }
        for key in fields.keys.sorted() where !known.contains(key) {
            throw fail(key, "unknown key (known here: \(known.joined(separator: ", ")))")
        }
        func value(_ raw: Any?, _ key: String, positive: Bool = false, max limit: Double) throws(InputError) -> Double? {
            guard let raw else { return nil }
            guard let number = jsonNumber(raw), number.isFinite,
                  number >= 0, !positive || number > 0, number <= limit else {
                throw fail(key, "expected a number \(positive ? "above" : "at least") 0 and at most \(limit)")
            }
            return number
        }
        if let v = try value(fields["leg_cv"], "leg_cv", max: Limits.cv) { model.legCV = v }
        if let v = try value(fields["short_leg_cv"], "short_leg_cv", max: Limits.cv) { model.shortLegCV = v }
        if let v = try value(fields["short_leg_scale"], "short_leg_scale", positive: true, max: Limits.scale) { model.shortLegScale = v }
        if let v = try value(fields["bias"], "bias", positive: true, max: Limits.bias) { model.bias = v }
        if let v = try value(fields["service_cv"], "service_cv", max: Limits.cv) { model.serviceCV = v }
        if let v = try value(fields["day_cv"], "day_cv", max: Limits.cv) { model.dayCV = v }
        if let v = try value(fields["clock_start"], "clock_start", max: 24) { model.clockStart = v }
        if let v = try value(fields["units_per_hour"], "units_per_hour", positive: true, max: Limits.scale) {
            guard v >= 1e-6 else { throw fail("units_per_hour", "expected a number from 1e-06 to 1e9") }
            model.unitsPerHour = v
        }
        if let raw = fields["shape"] {
            guard let list = raw as? [Any], (2...1_000).contains(list.count) else {
                throw fail("shape", "expected a list of 2 to 1000 numbers")
            }
            var values: [Double] = []
            for (i, item) in list.enumerated() {
                guard let n = jsonNumber(item), n.isFinite, abs(n) <= Limits.shape else { throw fail("shape[\(i)]", "expected a finite number") }
                guard values.last.map({ $0 <= n }) ?? true else { throw fail("shape[\(i)]", "quantiles must not decrease") }
                values.append(n)
            }
            model.shape = values
        }
        if let raw = fields["by_hour"] {
            guard let hours = raw as? [String: Any] else { throw fail("by_hour", "expected an object keyed by hour 0 to 23") }
            var hourly = [HourEffect](repeating: HourEffect(), count: 24)
            for key in hours.keys.sorted() {
                guard let h = Int(key), (0..<24).contains(h) else { throw fail("by_hour.\(key)", "hours are 0 to 23") }
                guard let effect = hours[key] as? [String: Any] else { throw fail("by_hour.\(key)", "expected {\"factor\": …, \"cv_scale\": …}") }
                for name in effect.keys.sorted() where name != "factor" && name != "cv_scale" {
                    throw fail("by_hour.\(key).\(name)", "unknown key (known here: factor, cv_scale)")
                }
                if let v = try value(effect["factor"], "by_hour.\(key).factor", positive: true, max: Limits.factor) { hourly[h].factor = v }
                if let v = try value(effect["cv_scale"], "by_hour.\(key).cv_scale", max: Limits.factor) { hourly[h].cvScale = v }
            }
            model.hourly = hourly
        }
        for group in ["carrier", "region"] {
            guard let raw = fields["by_" + group] else { continue }
            guard let members = raw as? [String: Any] else { throw fail("by_" + group, "expected an object keyed by \(group) name") }
            for name in members.keys.sorted() {
                guard let inner = members[name] as? [String: Any] else { throw fail("by_\(group).\(name)", "expected a model object") }
                var variant = try parse(inner, path: path, at: "\(prefix)by_\(group).\(name).", nested: true)
                variant.clockStart = model.clockStart
                variant.unitsPerHour = model.unitsPerHour
                model.variants["\(group):\(name)"] = variant
            }
        }
        return model
    }
}

/// A JSON number from `JSONSerialization`, but not a JSON `true`/`false`. (On Linux the
/// numbers 0 and 1 also answer `is Bool`; booleans are a distinct NSNumber subclass.)
func jsonNumber(_ raw: Any) -> Double? {
    guard let number = raw as? NSNumber, !String(describing: type(of: raw)).hasSuffix("Boolean") else { return nil }
    return number.doubleValue
}
