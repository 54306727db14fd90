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

    public init(legCV: Double = 0.2, shortLegCV: Double = 0.4, shortLegScale: Double = 10, bias: Double = 1,
                serviceCV: Double = 0.3) {
        self.legCV = legCV
        self.shortLegCV = shortLegCV
        self.shortLegScale = shortLegScale
        self.bias = bias
        self.serviceCV = serviceCV
    }

    /// Coefficient of variation of a leg planned at `planned` (input units).
    public func cv(ofLeg planned: Double) -> Double {
        legCV + (shortLegCV - legCV) * exp(-planned / max(1e-9, shortLegScale))
    }

    /// Parameters (μ, σ) of the lognormal with the given mean and coefficient of variation.
    static func lognormal(mean: Double, cv: Double) -> (mu: Double, sigma: Double) {
        let s2 = log(1 + cv * cv)
        return (log(max(mean, 1e-12)) - s2 / 2, s2.squareRoot())
    }

    /// Reads `{"leg_cv": 0.2, "short_leg_cv": 0.4, "short_leg_scale": 10, "bias": 1.0,
    /// "service_cv": 0.3}` (every key optional); errors name the key.
    public static func read(path: String) throws(InputError) -> TravelTimeModel {
        let text = try readText(path)
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)), let fields = object as? [String: Any] else {
            throw InputError(file: path, line: nil, "not a JSON object")
        }
        var model = TravelTimeModel()
        let known = ["leg_cv", "short_leg_cv", "short_leg_scale", "bias", "service_cv"]
        for key in fields.keys.sorted() where !known.contains(key) {
            throw InputError(file: path, line: nil, "at \(key): unknown key (known: \(known.joined(separator: ", ")))")
        }
        func value(_ key: String, positive: Bool = false, max limit: Double) throws(InputError) -> Double? {
            guard let raw = fields[key] else { return nil }
            guard let number = raw as? NSNumber, !(raw is Bool), number.doubleValue.isFinite,
                  number.doubleValue >= 0, !positive || number.doubleValue > 0, number.doubleValue <= limit else {
                throw InputError(file: path, line: nil, "at \(key): expected a number \(positive ? "above" : "at least") 0 and at most \(limit)")
            }
            return number.doubleValue
        }
        if let v = try value("leg_cv", max: 100) { model.legCV = v }
        if let v = try value("short_leg_cv", max: 100) { model.shortLegCV = v }
        if let v = try value("short_leg_scale", positive: true, max: 1e9) { model.shortLegScale = v }
        if let v = try value("bias", positive: true, max: 1_000) { model.bias = v }
        if let v = try value("service_cv", max: 100) { model.serviceCV = v }
        return model
    }
}
