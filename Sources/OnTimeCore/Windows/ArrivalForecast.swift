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
    /// Probability that the vehicle reaches the stop only after the depot closes (the end
    /// of the working day), so the delivery slips to the next day.
    public var nextDayRisk = 0.0
    /// Already served (from reported progress): the times are not a forecast.
    public var completed = false
}

/// What has happened on a route so far: its first `completed` stops are served and the
/// vehicle left the last of them (or the depot, when 0) at `departure` (internal units).
public struct RouteProgress: Sendable, Equatable {
    public let completed: Int
    public let departure: Int
    public init(completed: Int, departure: Int) { self.completed = completed; self.departure = departure }
}

/// When a forecast must end (see `ArrivalForecast.forecast(_:problem:model:options:progress:now:budget:fewestSamples:)`).
public struct ForecastBudget: Sendable {
    /// Finish by then (nil: no limit).
    public var finishBy: Deadline?
    /// Raised (Ctrl-C): finish with the fewest samples.
    public var stop: StopFlag?
    public init(finishBy: Deadline? = nil, stop: StopFlag? = nil) {
        self.finishBy = finishBy
        self.stop = stop
    }
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
    /// Most samples × stops simulated for one route (80 MB of arrival times).
    public static let maximumDraws = 10_000_000

    ///
    /// `progress[r]` (route index) restarts route r's simulation after its completed stops;
    /// `now` (internal units), when given, is the earliest time a route that has reported
    /// nothing can still leave the depot.
    public static func forecast(_ solution: Solution, problem: Problem, model: TravelTimeModel,
                                options: ForecastOptions = ForecastOptions(), progress: [Int: RouteProgress] = [:],
                                now: Int? = nil) -> [[StopForecast]] {
        var reduced: Int? = nil
        return forecast(solution, problem: problem, model: model, options: options, progress: progress, now: now,
                        budget: ForecastBudget(), fewestSamples: &reduced)
    }

    /// Fewest samples a route gets when the budget runs short.
    public static let minimumSamples = 100

    /// `forecast` within a time budget: each route gets `options.samples` samples while
    /// the pace so far (seconds per simulated stop) says the rest still fits before
    /// `budget.finishBy`, else as many as fit, never fewer than `minimumSamples`; once
    /// `budget.stop` is raised, every route left gets `minimumSamples`. `fewestSamples` is
    /// set to the fewest samples a route got when the budget made it fewer than the rest
    /// (to say so), else nil.
    /// When the budget never binds, the result is exactly `forecast`'s.
    public static func forecast(_ solution: Solution, problem: Problem, model: TravelTimeModel,
                                options: ForecastOptions, progress: [Int: RouteProgress] = [:],
                                now: Int? = nil, budget: ForecastBudget, fewestSamples: inout Int?) -> [[StopForecast]] {
        var rng = RandomGenerator(seed: options.seed)
        // Memory and time stay bounded: at most `maximumDraws` simulated stops per route.
        let longest = solution.routes.map(\.count).max() ?? 1
        let full = max(1, min(options.samples, max(100, maximumDraws / max(1, longest))))
        let floor = min(full, minimumSamples)
        let scale = Double(problem.scale)
        let slot = max(1, options.slot * scale)
        let started = DispatchTime.now().uptimeNanoseconds
        var stopsLeft = solution.routes.reduce(0) { $0 + $1.count }
        var simulated = 0.0  // stop-samples simulated so far
        var fewest = full
        defer { fewestSamples = fewest < full ? fewest : nil }
        return solution.routes.enumerated().map { r, route in
            var samples = full
            if budget.stop?.isRaised == true {
                samples = floor
            } else if let finishBy = budget.finishBy {
                if finishBy.hasPassed {
                    samples = floor
                } else if simulated > 0 && stopsLeft > 0 {
                    let perStopSample = Double(DispatchTime.now().uptimeNanoseconds &- started) / 1e9 / simulated
                    let affordable = finishBy.remainingSeconds / max(1e-12, perStopSample * Double(stopsLeft))
                    samples = max(floor, min(full, Int(min(affordable, Double(full)))))
                }
            }
            fewest = min(fewest, samples)
            simulated += Double(samples * max(1, route.count))
            stopsLeft -= route.count
            let done = min(route.count, max(0, progress[r]?.completed ?? 0))
            // The vehicle's own depots and hours (for the classic problem: the depot's).
            let type = problem.vehicleTypes[solution.vehicles[r]]
            let planned = problem.isClassic ? problem.readyTimes[0] : problem.schedule(route, vehicle: solution.vehicles[r]).departure
            let startTime = Double(progress[r]?.departure ?? max(planned, now ?? planned))
            // Lognormal parameters per leg and per service, fixed for the route.
            // mean: the expected duration, used as it is when there is no spread (σ = 0).
            // With an hour-of-day profile, one entry per leg and hour (the hour it departs).
            let hours = model.hourly == nil ? 1 : 24
            var legs: [(mu: Double, sigma: Double, mean: Double, cv: Double)] = []
            legs.reserveCapacity(route.count * hours)
            var services: [(mu: Double, sigma: Double, mean: Double)] = []
            var previous = type.startDepot
            for node in route {
                let planned = Double(problem.duration(previous, node, vehicle: solution.vehicles[r]))
                for h in 0..<hours {
                    let effect = model.hourly?[h] ?? TravelTimeModel.HourEffect()
                    let mean = planned * model.bias * effect.factor, cv = model.cv(ofLeg: planned / scale) * effect.cvScale
                    let p = TravelTimeModel.lognormal(mean: mean, cv: cv)
                    legs.append((p.mu, p.sigma, mean, cv))
                }
                let service = Double(problem.serviceTimes[node])
                let q = TravelTimeModel.lognormal(mean: service, cv: model.serviceCV)
                services.append((q.mu, q.sigma, service))
                previous = node
            }
            var arrivals = [[Double]](repeating: [Double](repeating: 0, count: samples), count: route.count)
            var late = [Int](repeating: 0, count: route.count), overtime = [Int](repeating: 0, count: route.count)
            let closing = Double(min(problem.dueTimes[type.endDepot], type.shiftEnd))
            let day = TravelTimeModel.lognormal(mean: 1, cv: model.dayCV)
            for sample in 0..<samples {
                var time = startTime
                // One shared factor per simulated day: the legs of a route move together.
                let dayFactor = model.dayCV > 0 ? exp(day.mu + day.sigma * rng.normal()) : 1
                for (k, node) in route.enumerated() where k >= done {
                    let leg = legs[hours == 1 ? k : k * 24 + model.hour(atTime: time / scale)]
                    let duration: Double
                    if leg.mean <= 0 || leg.sigma <= 0 {
                        duration = leg.mean
                    } else if let shape = model.shape {
                        duration = leg.mean * max(0, 1 + leg.cv * model.shapeQuantile(rng.unit(), shape))
                    } else {
                        duration = exp(leg.mu + leg.sigma * rng.normal())
                    }
                    time += dayFactor * duration
                    arrivals[k][sample] = time
                    if time > closing { overtime[k] += 1 }
                    let start = max(time, Double(problem.readyTimes[node]))
                    if start > Double(problem.dueTimes[node]) { late[k] += 1 }
                    let service = services[k]
                    time = start + (service.mean > 0 && service.sigma > 0 ? exp(service.mu + service.sigma * rng.normal()) : service.mean)
                }
            }
            return route.enumerated().map { k, node in
                if k < done {
                    var served = StopForecast(node: node, low: 0, median: 0, high: 0, windowStart: 0, windowEnd: 0, lateRisk: 0)
                    served.completed = true
                    return served
                }
                arrivals[k].sort()
                func quantile(_ q: Double) -> Double {
                    let position = q * Double(samples - 1)
                    let below = Int(position.rounded(.down)), above = min(samples - 1, below + 1)
                    return arrivals[k][below] + (arrivals[k][above] - arrivals[k][below]) * (position - Double(below))
                }
                let low = quantile(options.lowQuantile), high = quantile(options.highQuantile)
                var stop = StopForecast(node: node, low: Int(low.rounded()), median: Int(quantile(0.5).rounded()), high: Int(high.rounded()),
                                        windowStart: Int((low / slot).rounded(.down) * slot),
                                        windowEnd: Int((high / slot).rounded(.up) * slot),
                                        lateRisk: Double(late[k]) / Double(samples))
                stop.nextDayRisk = Double(overtime[k]) / Double(samples)
                return stop
            }
        }
    }
}
