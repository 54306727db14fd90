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

    @Test func recoversHourOfDayEffects() {
        // Legs leave at 8, 9 and 10 o'clock; the 9 o'clock rush is 30 % slower and more
        // spread out (cv 0.3 instead of 0.2), 10 o'clock 10 % faster.
        let truth: [Int: (mean: Double, cv: Double)] = [8: (1.0, 0.2), 9: (1.3, 0.3), 10: (0.9, 0.2)]
        var rng = RandomGenerator(seed: 11)
        var rows: [Calibration.Row] = []
        for k in 0..<30_000 {
            let hour = 8 + k % 3
            let planned = 5 + Double(rng.below(40))
            let (mu, sigma) = TravelTimeModel.lognormal(mean: planned * truth[hour]!.mean, cv: truth[hour]!.cv)
            rows.append(.init(planned: planned, actual: exp(mu + sigma * rng.normal()), hour: Double(hour) + rng.unit()))
        }
        // Too few legs at 13 o'clock for an effect of their own.
        rows.append(contentsOf: (0..<10).map { _ in Calibration.Row(planned: 10, actual: 30, hour: 13.5) })
        let model = Calibration.fit(rows).model
        let hourly = try! #require(model.hourly)
        for (hour, t) in truth {
            #expect(abs(model.bias * hourly[hour].factor - t.mean) < 0.01, "mean at \(hour): \(model.bias * hourly[hour].factor)")
            let cv = model.cv(ofLeg: 20) * hourly[hour].cvScale
            #expect(abs(cv - t.cv) < 0.02, "cv at \(hour): \(cv)")
        }
        #expect(hourly[13] == TravelTimeModel.HourEffect())
        // The plan's clock: with the default 08:00 start and minutes, t = 75 is 9 o'clock.
        #expect(model.hour(atTime: 75) == 9 && model.hourEffect(atTime: 75) == hourly[9])
        #expect(model.hour(atTime: 16 * 60 + 5) == 0)
    }

    /// A carrier or region name with a quote, a backslash or a line break is escaped in
    /// the model file, which then reads back with the same names.
    @Test func namesWithQuotesSurviveTheModelFile() throws {
        var rng = RandomGenerator(seed: 9)
        let names = ["Smith \"Express\"", "back\\slash", "two\nlines"]
        var rows: [Calibration.Row] = []
        for k in 0..<600 {
            let (mu, sigma) = TravelTimeModel.lognormal(mean: 20, cv: 0.2)
            rows.append(.init(planned: 20, actual: exp(mu + sigma * rng.normal()), carrier: names[k % 3]))
        }
        let model = Calibration.fit(rows).model
        #expect(model.variants.keys.sorted() == names.map { "carrier:" + $0 }.sorted())
        let read = try TravelTimeModel.parse(contents: model.json, path: "model.json")
        #expect(read.variants.keys.sorted() == model.variants.keys.sorted())
    }

    @Test func fitsAModelPerCarrierAndRegion() throws {
        var rng = RandomGenerator(seed: 5)
        var rows: [Calibration.Row] = []
        for k in 0..<4_000 {
            let carrier = k % 2 == 0 ? "fast" : "slow", region = k % 4 < 2 ? "north" : "south"
            let mean = (carrier == "fast" ? 1.0 : 1.25) * (region == "north" ? 1.0 : 1.1)
            let (mu, sigma) = TravelTimeModel.lognormal(mean: 20 * mean, cv: 0.2)
            rows.append(.init(planned: 20, actual: exp(mu + sigma * rng.normal()), carrier: carrier, region: region))
        }
        rows.append(contentsOf: (0..<50).map { _ in Calibration.Row(planned: 20, actual: 20, carrier: "rare") })
        let model = Calibration.fit(rows).model
        #expect(model.variants.keys.sorted() == ["carrier:fast", "carrier:slow", "region:north", "region:south"])
        #expect(abs(try model.variant("carrier:fast").bias - 1.05) < 0.02)
        #expect(abs(try model.variant("carrier:slow").bias - 1.3125) < 0.02)
        #expect(abs(try model.variant("region:north").bias - 1.125) < 0.02)
        #expect(throws: InputError.self) { try model.variant("carrier:rare") }
        // The whole model, variants and hours included, survives its file.
        var saved = model
        saved.clockStart = 7.5
        saved.unitsPerHour = 600
        saved.hourly = (0..<24).map { TravelTimeModel.HourEffect(factor: $0 == 9 ? 1.25 : 1, cvScale: $0 == 9 ? 1.5 : 1) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ontime-model-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try saved.json.write(toFile: path, atomically: true, encoding: .utf8)
        let read = try TravelTimeModel.read(path: path)
        #expect(read.hourly == saved.hourly && read.clockStart == 7.5 && read.unitsPerHour == 600)
        #expect(read.variants.keys.sorted() == saved.variants.keys.sorted())
        let slow = try read.variant("carrier:slow")
        #expect(abs(slow.bias - saved.variants["carrier:slow"]!.bias) < 1e-4 && slow.clockStart == 7.5)
        // Errors name the JSON path.
        try "{\"by_carrier\": {\"x\": {\"bias\": -1}}}".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError(file: path, line: nil, "at by_carrier.x.bias: expected a number above 0 and at most 1000.0")) {
            try TravelTimeModel.read(path: path)
        }
        try "{\"by_hour\": {\"24\": {\"factor\": 1}}}".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError(file: path, line: nil, "at by_hour.24: hours are 0 to 23")) { try TravelTimeModel.read(path: path) }
    }

    @Test func calibratedFilesAlwaysReadBackAndOddClocksDoNotTrap() throws {
        // Every actual 0: bias, factors and spreads at their limits, still a valid file.
        var rows: [Calibration.Row] = []
        for k in 0..<300 {
            let planned = Double(1 + k % 50), hour = Double(8 + k % 2)
            rows.append(Calibration.Row(planned: planned, actual: 0, hour: hour))
        }
        for k in 0..<300 {
            let planned = 1e-300 + Double(k)
            rows.append(Calibration.Row(planned: planned, actual: 1e300, hour: 10))
        }
        var model = Calibration.fit(rows).model
        model.unitsPerHour = 1e-6
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ontime-model-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.json.write(toFile: path, atomically: true, encoding: .utf8)
        let read = try TravelTimeModel.read(path: path)
        #expect(read.unitsPerHour == 1e-6 && read.bias == model.bias && read.hourly == model.hourly)
        // Huge times or tiny units give an hour of day, never a trap.
        #expect((0..<24).contains(read.hour(atTime: 1e300)) && (0..<24).contains(read.hour(atTime: -1e300)))
        try "{\"units_per_hour\": 1e-300}".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try TravelTimeModel.read(path: path) }
    }

    @Test func historyErrorsNameTheLine() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ontime-history-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "planned,actual,late\n10,11,0\n0,5,1\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError(file: path, line: 3, "planned must be a positive number")) { try Calibration.read(path: path) }
        try "planned,actual,late\n10,11,2\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError(file: path, line: 2, "late must be 0 or 1, got '2'")) { try Calibration.read(path: path) }
        try "planned,actual,hour\n10,11,8:30\n10,12,25\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError(file: path, line: 3, "hour must be 0 to 23.99 or HH:MM, got '25'")) { try Calibration.read(path: path) }
        try "planned,late\n10,1\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try Calibration.read(path: path) }
    }
}
