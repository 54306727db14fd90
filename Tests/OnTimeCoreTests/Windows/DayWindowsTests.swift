import Foundation
import Testing
@testable import OnTimeCore

@Suite("Multi-day windows")
struct DayWindowsTests {
    @Test func civilDatesAgreeWithFoundationsCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        // Every 7th day from 1900 to 2100, leap days and century years included.
        for day in stride(from: -25_567, through: 47_482, by: 7) {
            let date = CivilDate(day: day)
            let c = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(day) * 86_400))
            let expected = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
            #expect(date.description == expected)
            #expect(CivilDate(expected) == date)
        }
        #expect(CivilDate("2024-02-29") != nil && CivilDate("2023-02-29") == nil && CivilDate("1900-02-29") == nil)
        #expect(CivilDate("2000-02-29") != nil && CivilDate("2026-13-01") == nil && CivilDate("2026-1-01") == nil)
        #expect(CivilDate("2026-11-26")! + 5 == CivilDate("2026-12-01")!)
    }

    @Test func nextDayRiskMatchesTheClosedForm() {
        // The depot closes at 30, exactly the planned arrival at customer 1 (an unbiased
        // lognormal leg): the stop slips to the next day with P(X > 30) = 1 − Φ(σ/2).
        let p = ArrivalForecastTests.line(due: [30, 100_000, 100_000])
        let model = TravelTimeModel(legCV: 0.2, shortLegCV: 0.2)
        var o = ForecastOptions()
        o.samples = 20_000
        let f = ArrivalForecast.forecast(Solution(routes: [[1, 2]]), problem: p, model: model, options: o)[0]
        let sigma = TravelTimeModel.lognormal(mean: 30, cv: 0.2).sigma
        #expect(abs(f[0].nextDayRisk - 0.5 * erfc((sigma / 2) / 2.0.squareRoot())) < 0.015)
        #expect(f[1].nextDayRisk == 1, "customer 2 is always reached after 30")
    }

    @Test func windowsAreTheQuantilesOfTheSlip() throws {
        func stop(_ node: Int, _ risk: Double) -> StopForecast {
            var f = StopForecast(node: node, low: 0, median: 0, high: 0, windowStart: 0, windowEnd: 0, lateRisk: 0)
            f.nextDayRisk = risk
            return f
        }
        let dispatch = try #require(CivilDate("2026-11-30"))
        let ordered = try #require(CivilDate("2026-11-27"))
        var served = stop(4, 1)
        served.completed = true
        let w = DayWindows(forecast: [[stop(1, 0.05), stop(2, 0.5)], [stop(3, 0.95), served]], dispatch: dispatch,
                           orderDates: [1: ordered, 2: ordered, 3: ordered])
        let s = w.stops
        #expect(s[0][0]?.lowDays == 3 && s[0][0]?.highDays == 3, "5 % slip: the dispatch date only")
        #expect(s[0][1]?.lowDays == 3 && s[0][1]?.highDays == 4 && s[0][1]?.latest == dispatch + 1)
        #expect(s[1][0]?.lowDays == 4 && s[1][0]?.highDays == 4, "95 % slip: the next day only")
        #expect(s[1][1] == nil)
        #expect(w.lowDays == 3 && w.highDays == 4)
        #expect(DayWindows.phrase(low: 3, high: 4) == "expected in 3 to 4 days")
        #expect(DayWindows.phrase(low: 0, high: 1) == "expected within 1 day")
        #expect(DayWindows.phrase(low: 0, high: 0) == "expected the same day")
        // Without an order date the days count from the dispatch date.
        let fromDispatch = DayWindows(forecast: [[stop(1, 0.5)]], dispatch: dispatch)
        #expect(fromDispatch.stops[0][0]?.lowDays == 0 && fromDispatch.stops[0][0]?.highDays == 1)
    }

    @Test func orderDateErrorsNameTheLine() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ontime-orders-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let dispatch = try #require(CivilDate("2026-11-30"))
        func read(_ text: String) throws -> [Int: CivilDate] {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return try DayWindows.readOrderDates(path: path, customers: 5, dispatch: dispatch)
        }
        #expect(try read("customer,ordered\n2,2026-11-28\n") == [2: CivilDate("2026-11-28")!])
        #expect(throws: InputError(file: path, line: 3, "ordered must be a date YYYY-MM-DD, got '2026-02-30'")) {
            try read("customer,ordered\n1,2026-11-28\n2,2026-02-30\n")
        }
        #expect(throws: InputError(file: path, line: 2, "customer must be 1 to 5, got '9'")) { try read("customer,ordered\n9,2026-11-28\n") }
        #expect(throws: InputError(file: path, line: 2, "customer 1 ordered on 2026-12-01, after the dispatch date 2026-11-30")) {
            try read("customer,ordered\n1,2026-12-01\n")
        }
        #expect(throws: InputError(file: path, line: 3, "customer 1 appears twice")) { try read("customer,ordered\n1,2026-11-28\n1,2026-11-29\n") }
        #expect(throws: InputError(file: path, line: 1, "header has no 'ordered' column")) { try read("customer,date\n") }
    }
}
