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

    public init(legCV: Double = 0.2, shortLegCV: Double = 0.4, shortLegScale: Double = 10, bias: Double = 1,
                serviceCV: Double = 0.3, dayCV: Double = 0) {
        self.legCV = legCV
        self.shortLegCV = shortLegCV
        self.shortLegScale = shortLegScale
        self.bias = bias
        self.serviceCV = serviceCV
        self.dayCV = dayCV
    }

    /// Coefficient of variation of a leg planned at `planned` (input units).
    public func cv(ofLeg planned: Double) -> Double {
        legCV + (shortLegCV - legCV) * exp(-planned / max(1e-9, shortLegScale))
    }

    /// The model as a JSON object, as `read` accepts it.
    public var json: String {
        var fields = String(format: "\"leg_cv\": %.4f, \"short_leg_cv\": %.4f, \"short_leg_scale\": %.4f, \"bias\": %.4f, "
                            + "\"service_cv\": %.4f, \"day_cv\": %.4f", legCV, shortLegCV, shortLegScale, bias, serviceCV, dayCV)
        if let shape { fields += ", \"shape\": [" + shape.map { String(format: "%.4f", $0) }.joined(separator: ", ") + "]" }
        return "{" + fields + "}\n"
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

    /// Reads `{"leg_cv": 0.2, "short_leg_cv": 0.4, "short_leg_scale": 10, "bias": 1.0,
    /// "service_cv": 0.3}` (every key optional); errors name the key.
    public static func read(path: String) throws(InputError) -> TravelTimeModel {
        let text = try readText(path)
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)), let fields = object as? [String: Any] else {
            throw InputError(file: path, line: nil, "not a JSON object")
        }
        var model = TravelTimeModel()
        let known = ["leg_cv", "short_leg_cv", "short_leg_scale", "bias", "service_cv", "day_cv", "shape"]
        for key in fields.keys.sorted() where !known.contains(key) {
            throw InputError(file: path, line: nil, "at \(key): unknown key (known: \(known.joined(separator: ", ")))")
        }
        func value(_ key: String, positive: Bool = false, max limit: Double) throws(InputError) -> Double? {
            guard let raw = fields[key] else { return nil }
            guard let number = jsonNumber(raw), number.isFinite,
                  number >= 0, !positive || number > 0, number <= limit else {
                throw InputError(file: path, line: nil, "at \(key): expected a number \(positive ? "above" : "at least") 0 and at most \(limit)")
            }
            return number
        }
        if let v = try value("leg_cv", max: 100) { model.legCV = v }
        if let v = try value("short_leg_cv", max: 100) { model.shortLegCV = v }
        if let v = try value("short_leg_scale", positive: true, max: 1e9) { model.shortLegScale = v }
        if let v = try value("bias", positive: true, max: 1_000) { model.bias = v }
        if let v = try value("service_cv", max: 100) { model.serviceCV = v }
        if let v = try value("day_cv", max: 100) { model.dayCV = v }
        if let raw = fields["shape"] {
            guard let list = raw as? [Any], (2...1_000).contains(list.count) else {
                throw InputError(file: path, line: nil, "at shape: expected a list of 2 to 1000 numbers")
            }
            var values: [Double] = []
            for (i, item) in list.enumerated() {
                guard let n = jsonNumber(item), n.isFinite, abs(n) <= 1e6 else {
                    throw InputError(file: path, line: nil, "at shape[\(i)]: expected a finite number")
                }
                guard values.last.map({ $0 <= n }) ?? true else {
                    throw InputError(file: path, line: nil, "at shape[\(i)]: quantiles must not decrease")
                }
                values.append(n)
            }
            model.shape = values
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
