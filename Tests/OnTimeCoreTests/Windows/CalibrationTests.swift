import Foundation
import Testing
@testable import OnTimeCore

@Suite("Calibration")
struct CalibrationTests {
    /// History drawn from a known model: the fit must find its parameters again.
    @Test func recoversKnownParametersFromSyntheticHistory() {
        let truth = TravelTimeModel(legCV: 0.15, shortLegCV: 0.5, shortLegScale: 8, bias: 1.1, serviceCV: 0.25)
        var rng = RandomGenerator(seed: 42)
        var rows: [Calibration.Row] = []
        for k in 0..<40_000 {
            let planned = 1 + Double(rng.below(60))
            let (mu, sigma) = TravelTimeModel.lognormal(mean: planned * truth.bias, cv: truth.cv(ofLeg: planned))
            rows.append(.init(planned: planned, actual: exp(mu + sigma * rng.normal()), carrier: k % 2 == 0 ? "A" : "B",
                              late: k % 2 == 0 ? (k % 10 == 0) : (k % 4 == 1)))
        }
        for _ in 0..<4_000 {
            let (mu, sigma) = TravelTimeModel.lognormal(mean: 10, cv: truth.serviceCV)
            rows.append(.init(planned: 10, actual: exp(mu + sigma * rng.normal()), isService: true))
        }
        let fit = Calibration.fit(rows)
        #expect(abs(fit.model.bias - 1.1) < 0.01)
        #expect(abs(fit.model.serviceCV - 0.25) < 0.02)
        // The cv curve, where it is observed, within 0.03 of the truth.
        for d in [2.0, 5, 10, 20, 40, 60] {
            #expect(abs(fit.model.cv(ofLeg: d) - truth.cv(ofLeg: d)) < 0.03, "cv at \(d): \(fit.model.cv(ofLeg: d)) vs \(truth.cv(ofLeg: d))")
        }
        #expect(fit.carriers["A"]?.deliveries == 20_000 && fit.carriers["A"]?.onTime == 16_000)
        #expect(fit.carriers["B"]?.onTime == 10_000)
    }

    @Test func recoversTheSharedDayFactor() {
        // 60 days, each with its own congestion factor (cv 0.1) on top of leg noise (cv 0.2).
        var rng = RandomGenerator(seed: 7)
        var rows: [Calibration.Row] = []
        let day = TravelTimeModel.lognormal(mean: 1, cv: 0.1), leg = TravelTimeModel.lognormal(mean: 1, cv: 0.2)
        for d in 0..<60 {
            let factor = exp(day.mu + day.sigma * rng.normal())
            for _ in 0..<400 {
                let planned = 5 + Double(rng.below(30))
                rows.append(.init(planned: planned, actual: planned * factor * exp(leg.mu + leg.sigma * rng.normal()), day: "d\(d)"))
            }
        }
        let fit = Calibration.fit(rows)
        #expect(abs(fit.model.dayCV - 0.1) < 0.03, "day cv \(fit.model.dayCV)")
        #expect(abs(fit.model.cv(ofLeg: 20) - 0.2) < 0.03, "leg cv \(fit.model.cv(ofLeg: 20))")
    }

    @Test func modelRoundTripsThroughItsFileWithTheShape() throws {
        var model = TravelTimeModel(legCV: 0.25, shortLegCV: 0.3, shortLegScale: 12, bias: 1.05, serviceCV: 0.2, dayCV: 0.1)
        model.shape = [-1.5, -0.5, 0, 0.4, 2.5]
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ontime-model-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.json.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try TravelTimeModel.read(path: path) == model)
        try "{\"shape\": [1, 0]}".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try TravelTimeModel.read(path: path) }
        // A calibrated shape is sorted and keeps the skew of incident-heavy legs.
        var rng = RandomGenerator(seed: 3)
        let rows = (0..<5_000).map { _ in
            Calibration.Row(planned: 10, actual: 10 * (rng.unit() < 0.1 ? 2.0 : 0.9 + 0.2 * rng.unit()))
        }
        let shape = try #require(Calibration.fit(rows).model.shape)
        #expect(shape == shape.sorted())
        #expect(shape.last! > 2 * abs(shape.first!), "long right tail")
    }

    @Test func historyErrorsNameTheLine() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ontime-history-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "planned,actual,late\n10,11,0\n0,5,1\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError(file: path, line: 3, "planned must be a positive number")) { try Calibration.read(path: path) }
        try "planned,actual,late\n10,11,2\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError(file: path, line: 2, "late must be 0 or 1, got '2'")) { try Calibration.read(path: path) }
        try "planned,late\n10,1\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try Calibration.read(path: path) }
    }
}
