import Foundation

/// What a customer is told about one stop: when the vehicle is expected and how sure
/// that is. Times in internal units (see `Problem.format`).
public struct StopForecast: Sendable, Equatable {
    public let node: Int
    /// Arrival quantiles (10th, 50th, 90th percentile by default).
    public let low: Int
    public let median: Int
    public let high: Int
    /// The customer-facing window: `low` rounded down and `high` rounded up to the slot.
    public let windowStart: Int
    public let windowEnd: Int
    /// Probability that service starts after the stop's promised window closes.
    public let lateRisk: Double
}

public struct ForecastOptions: Sendable, Equatable {
    /// Monte Carlo samples per route.
    public var samples = 1_000
    public var seed: UInt64 = 1
    /// Quantiles of the window.
    public var lowQuantile = 0.1
    public var highQuantile = 0.9
    /// Customer-facing windows are rounded to multiples of this many input time units.
    public var slot = 30.0
    public init() {}
}

/// Arrival-time distributions along planned routes, by Monte Carlo simulation of the
/// travel-time model. Waiting is simulated, not summed away: a vehicle that arrives
/// before a window opens waits, which absorbs earlier delays (so the arrival at a later
/// stop is not the plain sum of leg distributions). Seeded: the same seed gives the
/// same forecast.
public enum ArrivalForecast {
    public static func forecast(_ solution: Solution, problem: Problem, model: TravelTimeModel,
                                options: ForecastOptions = ForecastOptions()) -> [[StopForecast]] {
        var rng = RandomGenerator(seed: options.seed)
        let samples = max(1, options.samples)
        let scale = Double(problem.scale)
        let slot = max(1, options.slot * scale)
        func normal(_ rng: inout RandomGenerator) -> Double {
            let u = max(rng.unit(), 1e-300), v = rng.unit()
            return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
        }
        return solution.routes.map { route in
            // Lognormal parameters per leg and per service, fixed for the route.
            // mean: the expected duration, used as it is when there is no spread (σ = 0).
            var legs: [(mu: Double, sigma: Double, mean: Double)] = []
            var services: [(mu: Double, sigma: Double, mean: Double)] = []
            var previous = 0
            for node in route {
                let planned = Double(problem.duration(previous, node))
                let p = TravelTimeModel.lognormal(mean: planned * model.bias, cv: model.cv(ofLeg: planned / scale))
                legs.append((p.mu, p.sigma, planned * model.bias))
                let service = Double(problem.serviceTimes[node])
                let q = TravelTimeModel.lognormal(mean: service, cv: model.serviceCV)
                services.append((q.mu, q.sigma, service))
                previous = node
            }
            var arrivals = [[Double]](repeating: [Double](repeating: 0, count: samples), count: route.count)
            var late = [Int](repeating: 0, count: route.count)
            for sample in 0..<samples {
                var time = Double(problem.readyTimes[0])
                for (k, node) in route.enumerated() {
                    let leg = legs[k]
                    time += leg.mean > 0 && leg.sigma > 0 ? exp(leg.mu + leg.sigma * normal(&rng)) : leg.mean
                    arrivals[k][sample] = time
                    let start = max(time, Double(problem.readyTimes[node]))
                    if start > Double(problem.dueTimes[node]) { late[k] += 1 }
                    let service = services[k]
                    time = start + (service.mean > 0 && service.sigma > 0 ? exp(service.mu + service.sigma * normal(&rng)) : service.mean)
                }
            }
            return route.enumerated().map { k, node in
                arrivals[k].sort()
                func quantile(_ q: Double) -> Double {
                    let position = q * Double(samples - 1)
                    let below = Int(position.rounded(.down)), above = min(samples - 1, below + 1)
                    return arrivals[k][below] + (arrivals[k][above] - arrivals[k][below]) * (position - Double(below))
                }
                let low = quantile(options.lowQuantile), high = quantile(options.highQuantile)
                return StopForecast(node: node, low: Int(low.rounded()), median: Int(quantile(0.5).rounded()), high: Int(high.rounded()),
                                    windowStart: Int((low / slot).rounded(.down) * slot),
                                    windowEnd: Int((high / slot).rounded(.up) * slot),
                                    lateRisk: Double(late[k]) / Double(samples))
            }
        }
    }
}
