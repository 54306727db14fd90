import Foundation
import Testing
@testable import OnTimeCore

@Suite("Arrival forecasts")
struct ArrivalForecastTests {
    /// Depot at 0, customers on a line: 1 at x = 30, 2 at x = 60 (integer distances).
    static func line(ready: [Int] = [0, 0, 0], due: [Int] = [100_000, 100_000, 100_000], service: [Int] = [0, 0, 0]) -> Problem {
        let points = [Point(x: 0, y: 0), Point(x: 30, y: 0), Point(x: 60, y: 0)]
        return Problem(name: "line", originalIDs: [1, 2, 3], coordinates: points, demands: [0, 1, 1], capacity: 10,
                       vehicleLimit: nil, distances: Matrix(size: 3) { EdgeWeight.roundedEuclidean(points[$0], points[$1]) },
                       convention: .roundedEuclidean, readyTimes: ready, dueTimes: due, serviceTimes: service)
    }

    /// Φ⁻¹(0.9); Φ⁻¹(0.1) is its negative.
    static let z90 = 1.2815515655446004

    func options(_ samples: Int = 20_000, seed: UInt64 = 3) -> ForecastOptions {
        var o = ForecastOptions()
        o.samples = samples
        o.seed = seed
        o.slot = 15
        return o
    }

    /// Issue 20 item 13: a budget that never binds changes nothing; one already spent, or
    /// a raised stop flag, gives every route the fewest samples, and says so.
    @Test func aBudgetCutsSamplesOnlyWhenItBinds() {
        let model = TravelTimeModel(legCV: 0.25, shortLegCV: 0.25, bias: 1.1)
        let plan = Solution(routes: [[1], [2], [1, 2]])
        let free = ArrivalForecast.forecast(plan, problem: Self.line(), model: model, options: options(5_000))
        var reduced: Int? = 7
        let roomy = ArrivalForecast.forecast(plan, problem: Self.line(), model: model, options: options(5_000),
                                             budget: ForecastBudget(finishBy: Deadline(seconds: 600)), fewestSamples: &reduced)
        #expect(roomy == free && reduced == nil)
        let spent = ArrivalForecast.forecast(plan, problem: Self.line(), model: model, options: options(5_000),
                                             budget: ForecastBudget(finishBy: Deadline(seconds: 0)), fewestSamples: &reduced)
        #expect(reduced == ArrivalForecast.minimumSamples && spent.count == 3)
        let flag = StopFlag()
        flag.raise()
        reduced = nil
        _ = ArrivalForecast.forecast(plan, problem: Self.line(), model: model, options: options(5_000),
                                     budget: ForecastBudget(stop: flag), fewestSamples: &reduced)
        #expect(reduced == ArrivalForecast.minimumSamples)
    }

    @Test func firstStopMatchesTheLognormalClosedForm() {
        let model = TravelTimeModel(legCV: 0.25, shortLegCV: 0.25, bias: 1.1)
        let f = ArrivalForecast.forecast(Solution(routes: [[1, 2]]), problem: Self.line(), model: model, options: options())[0][0]
        let (mu, sigma) = TravelTimeModel.lognormal(mean: 30 * 1.1, cv: 0.25)
        #expect(abs(Double(f.low) - exp(mu - Self.z90 * sigma)) <= 1)
        #expect(abs(Double(f.median) - exp(mu)) <= 1)
        #expect(abs(Double(f.high) - exp(mu + Self.z90 * sigma)) <= 1)
        // The customer-facing window is the 10–90 % range widened to 15-unit slots.
        #expect(f.windowStart % 15 == 0 && f.windowEnd % 15 == 0)
        #expect(f.windowStart <= f.low && f.windowEnd >= f.high && f.windowEnd - f.windowStart < (f.high - f.low) + 30)
    }

    @Test func legsFollowTheHourTheyDepartIn() {
        // 08:00 at time 0, minutes. The first leg leaves at 8 o'clock (factor 1.5, cv
        // 0.1 × 2); customer 1 opens at 200 (11:20), so the second leg always leaves in
        // the 11 o'clock hour (factor 2, cv 0.1): the arrival at 2 is 200 + lognormal(60, 0.1).
        let p = Self.line(ready: [0, 200, 0])
        var model = TravelTimeModel(legCV: 0.1, shortLegCV: 0.1, serviceCV: 0)
        var hourly = [TravelTimeModel.HourEffect](repeating: .init(), count: 24)
        hourly[8] = .init(factor: 1.5, cvScale: 2)
        hourly[11] = .init(factor: 2, cvScale: 1)
        model.hourly = hourly
        let f = ArrivalForecast.forecast(Solution(routes: [[1, 2]]), problem: p, model: model, options: options())[0]
        let first = TravelTimeModel.lognormal(mean: 45, cv: 0.2), second = TravelTimeModel.lognormal(mean: 60, cv: 0.1)
        #expect(abs(Double(f[0].low) - exp(first.mu - Self.z90 * first.sigma)) <= 1)
        #expect(abs(Double(f[0].high) - exp(first.mu + Self.z90 * first.sigma)) <= 1)
        #expect(abs(Double(f[1].low) - (200 + exp(second.mu - Self.z90 * second.sigma))) <= 1)
        #expect(abs(Double(f[1].high) - (200 + exp(second.mu + Self.z90 * second.sigma))) <= 1)
        // A clock that starts at 09:00 puts the first leg in an hour with no effect.
        model.clockStart = 9
        let shifted = ArrivalForecast.forecast(Solution(routes: [[1, 2]]), problem: p, model: model, options: options())[0][0]
        let plain = TravelTimeModel.lognormal(mean: 30, cv: 0.1)
        #expect(abs(Double(shifted.median) - exp(plain.mu)) <= 1)
    }

    @Test func waitingAbsorbsEarlierDelays() {
        // Customer 1 opens at 200, long after any arrival (about 30): the vehicle always
        // waits, so the arrival at 2 is 200 + 10 (fixed service) + the 30-unit leg,
        // whatever happened before — not the sum of both legs' distributions.
        let p = Self.line(ready: [0, 200, 0], service: [0, 10, 0])
        let model = TravelTimeModel(legCV: 0.3, shortLegCV: 0.3, serviceCV: 0)
        let f = ArrivalForecast.forecast(Solution(routes: [[1, 2]]), problem: p, model: model, options: options())[0][1]
        let (mu, sigma) = TravelTimeModel.lognormal(mean: 30, cv: 0.3)
        #expect(abs(Double(f.low) - (210 + exp(mu - Self.z90 * sigma))) <= 1)
        #expect(abs(Double(f.high) - (210 + exp(mu + Self.z90 * sigma))) <= 1)
    }

    @Test func lateRiskMatchesTheClosedForm() {
        // The window of 1 closes exactly at the planned arrival (30): late whenever the
        // leg runs long, P = P(X > 30) = 1 − Φ(σ/2) for an unbiased lognormal X.
        let p = Self.line(due: [100_000, 30, 100_000])
        let model = TravelTimeModel(legCV: 0.2, shortLegCV: 0.2)
        let f = ArrivalForecast.forecast(Solution(routes: [[1, 2]]), problem: p, model: model, options: options())[0][0]
        let sigma = TravelTimeModel.lognormal(mean: 30, cv: 0.2).sigma
        let expected = 0.5 * erfc((sigma / 2) / 2.0.squareRoot())
        #expect(abs(f.lateRisk - expected) < 0.015, "risk \(f.lateRisk), closed form \(expected)")
        // Without uncertainty nothing is late and the window is the plan.
        let certain = ArrivalForecast.forecast(Solution(routes: [[1, 2]]), problem: p, model: TravelTimeModel(legCV: 0, shortLegCV: 0, serviceCV: 0),
                                               options: options(50))[0]
        #expect(certain.map(\.lateRisk) == [0, 0])
        #expect(certain.map(\.median) == [30, 60])
    }

    /// Speed is measured in Benchmarks (windows_study.py: 0.18 s for notify on 1,000
    /// stops, release build); a wall-clock bound here would fail under sanitizers.
    @Test func seededOnAThousandStops() {
        let p = TestData.randomProblem(customers: 1000, capacity: 1_000_000, seed: 5)
        var routes = [[Int]](repeating: [], count: 10)
        for c in 1...1000 { routes[c % 10].append(c) }
        let a = ArrivalForecast.forecast(Solution(routes: routes), problem: p, model: TravelTimeModel(), options: options(1000))
        let b = ArrivalForecast.forecast(Solution(routes: routes), problem: p, model: TravelTimeModel(), options: options(1000))
        #expect(a == b)
        #expect(a.flatMap { $0 }.count == 1000)
        #expect(a.flatMap { $0 }.allSatisfy { $0.low <= $0.median && $0.median <= $0.high })
    }

    @Test func modelFileErrorsNameTheKey() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ontime-model-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "{\"leg_cv\": 0.3, \"bias\": 1.2}".write(toFile: path, atomically: true, encoding: .utf8)
        let model = try TravelTimeModel.read(path: path)
        #expect(model.legCV == 0.3 && model.bias == 1.2 && model.serviceCV == 0.3)
        for (json, key) in [("{\"leg_cv\": -1}", "leg_cv"), ("{\"bias\": 0}", "bias"), ("{\"legcv\": 1}", "legcv"), ("[1]", "JSON object")] {
            try json.write(toFile: path, atomically: true, encoding: .utf8)
            #expect(throws: InputError.self) { try TravelTimeModel.read(path: path) }
            do { _ = try TravelTimeModel.read(path: path) } catch { #expect(error.description.contains(key)) }
        }
    }
}
