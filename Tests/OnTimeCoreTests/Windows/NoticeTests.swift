import Foundation
import Testing
@testable import OnTimeCore

@Suite("Delay notices")
struct NoticeTests {
    @Test func policyRulesByLateness() throws {
        let standard = CompensationPolicy.standard
        #expect(standard.rule(forLateness: 0).isApologyOnly)
        #expect(standard.rule(forLateness: 60).isApologyOnly)
        #expect(standard.rule(forLateness: 61).discountPercent == 5)
        #expect(standard.rule(forLateness: 240).discountPercent == 5)
        let worst = standard.rule(forLateness: 1_000)
        #expect(worst.discountPercent == 10 && worst.shippingUpgrade)

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ontime-policy-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        // 0 and 1 are numbers here, not booleans (Linux's JSONSerialization blurs the two).
        try "{\"rules\": [{\"up_to\": 1, \"discount_percent\": 0}, {\"up_to\": 30}, {\"points\": 200, \"shipping_upgrade\": true}]}"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let custom = try CompensationPolicy.read(path: path)
        #expect(custom.rule(forLateness: 45).points == 200 && custom.rule(forLateness: 45).shippingUpgrade)
        #expect(custom.rules.count == 3 && custom.rule(forLateness: 0.5).isApologyOnly)
        try "{\"rules\": [{\"up_to\": true}]}".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try CompensationPolicy.read(path: path) }
        // A next-day rule of its own; without one, next-day deliveries get the last rule.
        #expect(custom.nextDayRule == custom.rules.last)
        try "{\"rules\": [{\"up_to\": 60}], \"next_day\": {\"discount_percent\": 15, \"points\": 50}}"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let withNextDay = try CompensationPolicy.read(path: path)
        #expect(withNextDay.nextDayRule.discountPercent == 15 && withNextDay.nextDayRule.points == 50)
        #expect(standard.nextDayRule.discountPercent == 10 && standard.nextDayRule.shippingUpgrade)
        for bad in ["{\"rules\": [{\"up_to\": 1}], \"next_day\": {\"up_to\": 5}}", "{\"rules\": [{\"up_to\": 1}], \"later\": {}}",
                    "{\"rules\": []}", "{\"rules\": [{\"up_to\": 30}, {\"up_to\": 20}]}", "{\"rules\": [{\"points\": 1}, {\"up_to\": 5}]}",
                    "{\"rules\": [{\"discount_percent\": 120}]}", "{\"rules\": [{\"coupon\": 5}]}"] {
            try bad.write(toFile: path, atomically: true, encoding: .utf8)
            #expect(throws: InputError.self) { try CompensationPolicy.read(path: path) }
        }
    }

    /// The line instance of the forecast tests, with customer 1's window closing at the
    /// planned arrival (30) and customer 2's at 75 (planned 60).
    static let problem = ArrivalForecastTests.line(due: [100_000, 30, 75])
    static let plan = Solution(routes: [[1, 2]])

    func forecast(progress: [Int: RouteProgress] = [:]) -> [[StopForecast]] {
        var o = ForecastOptions()
        o.samples = 4_000
        return ArrivalForecast.forecast(Self.plan, problem: Self.problem, model: TravelTimeModel(legCV: 0.2, shortLegCV: 0.2),
                                        options: o, progress: progress)
    }

    @Test func stopsAtRiskGetANoticeWithAUniqueCode() {
        let f = forecast()
        var options = NoticeOptions()
        options.riskThreshold = 0.3
        let notices = Notices.make(Self.plan, problem: Self.problem, forecast: f, options: options)
        // Customer 1 (risk about 0.46) is notified, customer 2 (15 units of slack) is not.
        #expect(notices.map(\.node) == [1])
        let n = notices[0]
        #expect(n.reason == "traffic may delay it" && n.expectedLateness == 0 && n.compensation.isEmpty)
        #expect(n.message.contains("https://track.example.com/\(n.code)"))
        #expect(n.message.contains("between \(f[0][0].windowStart) and \(f[0][0].windowEnd)"))
        #expect(n.code.hasPrefix("OT-") && n.code.count == 11)
        options.riskThreshold = 0
        let all = Notices.make(Self.plan, problem: Self.problem, forecast: f, options: options)
        #expect(Set(all.map(\.code)).count == all.count)
    }

    @Test func codesComeFromTheSystemGeneratorAndIssuedOnesAreSkipped() {
        let f = forecast()
        var options = NoticeOptions()
        options.riskThreshold = 0
        let first = Notices.make(Self.plan, problem: Self.problem, forecast: f, options: options).map(\.code)
        let second = Notices.make(Self.plan, problem: Self.problem, forecast: f, options: options).map(\.code)
        #expect(first.count == 2 && first.allSatisfy(CodeLedger.isCode))
        #expect(first != second, "two runs issued the same codes")
        // Reproducible only when asked for, and never a code issued before.
        options.deterministicCodeSeed = 5
        let a = Notices.make(Self.plan, problem: Self.problem, forecast: f, options: options).map(\.code)
        #expect(Notices.make(Self.plan, problem: Self.problem, forecast: f, options: options).map(\.code) == a)
        options.issuedCodes = Set(a)
        let b = Notices.make(Self.plan, problem: Self.problem, forecast: f, options: options).map(\.code)
        #expect(b.count == 2 && Set(b).isDisjoint(with: a))
    }

    @Test func aStopReachedAfterTheDepotClosesGetsTheNextDayRule() {
        // The depot closes at 40: customer 2 (planned 60) is almost always reached after it, so it
        // is told it would come the next working day and gets the policy's next-day rule.
        let problem = ArrivalForecastTests.line(due: [40, 100_000, 100_000])
        var o = ForecastOptions()
        o.samples = 2_000
        let f = ArrivalForecast.forecast(Self.plan, problem: problem, model: TravelTimeModel(legCV: 0.2, shortLegCV: 0.2), options: o)
        #expect(f[0][1].nextDayRisk > 0.99 && f[0][1].lateRisk == 0 && f[0][0].nextDayRisk < 0.1)
        var options = NoticeOptions()
        options.policy = CompensationPolicy(rules: [CompensationPolicy.Rule(upTo: nil)],
                                            nextDay: CompensationPolicy.Rule(upTo: nil, discountPercent: 20))
        let notices = Notices.make(Self.plan, problem: problem, forecast: f, options: options)
        #expect(notices.map(\.node) == [2])
        #expect(notices.first?.reason.contains("the next day") == true)
        #expect(notices.first?.compensation.contains("refund 20 %") == true)
    }

    @Test func aLateRouteGetsCompensationInTheCustomersLanguage() {
        // The vehicle left customer 1 at 200: customer 2 (due 75) will be about 155 late,
        // which the standard policy answers with a 5 % coupon.
        let f = forecast(progress: [0: RouteProgress(completed: 1, departure: 200)])
        #expect(f[0][0].completed && f[0][0].lateRisk == 0)
        var options = NoticeOptions()
        options.language = "zh-TW"
        let notices = Notices.make(Self.plan, problem: Self.problem, forecast: f, options: options)
        #expect(notices.map(\.node) == [2])
        let n = notices[0]
        #expect(n.lateRisk == 1)
        #expect(abs(n.expectedLateness - 155) <= 3)
        #expect(n.reason == "車輛目前延誤")
        #expect(n.compensation.contains("5% 折扣") && n.compensation.contains(n.code))
        #expect(n.message.hasPrefix("親愛的顧客 3"))
    }
}
