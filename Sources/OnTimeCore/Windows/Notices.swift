import Foundation

/// What a late customer is offered, by how late the delivery is expected to be. The first
/// rule whose `upTo` covers the expected lateness applies (rules are kept in order); a
/// delivery expected only the next day (reached after the depot closes) gets `nextDay`,
/// by default the last rule.
public struct CompensationPolicy: Sendable, Equatable {
    public struct Rule: Sendable, Equatable {
        /// Expected lateness (input time units) this rule covers up to; nil = any.
        public var upTo: Double?
        /// Discount on the order, per cent (0 = none).
        public var discountPercent: Double
        /// Free upgrade of the shipping level on the next order.
        public var shippingUpgrade: Bool
        /// Loyalty points.
        public var points: Int
        public init(upTo: Double?, discountPercent: Double = 0, shippingUpgrade: Bool = false, points: Int = 0) {
            self.upTo = upTo; self.discountPercent = discountPercent; self.shippingUpgrade = shippingUpgrade; self.points = points
        }
        /// True when the rule gives nothing but an apology.
        public var isApologyOnly: Bool { discountPercent == 0 && !shippingUpgrade && points == 0 }
    }

    public var rules: [Rule]
    public var nextDay: Rule?

    public init(rules: [Rule], nextDay: Rule? = nil) { self.rules = rules; self.nextDay = nextDay }

    /// The rule for a delivery that slips to the next day.
    public var nextDayRule: Rule { nextDay ?? rules.last ?? Rule(upTo: nil) }

    /// The default, in time units of minutes: under 1 h late an apology; 1–4 h a 5 %
    /// coupon; beyond, 10 % and a free shipping upgrade.
    public static let standard = CompensationPolicy(rules: [
        Rule(upTo: 60), Rule(upTo: 240, discountPercent: 5), Rule(upTo: nil, discountPercent: 10, shippingUpgrade: true),
    ])

    public func rule(forLateness lateness: Double) -> Rule {
        rules.first { $0.upTo.map { lateness <= $0 } ?? true } ?? Rule(upTo: nil)
    }

    /// Reads `{"rules": [{"up_to": 60}, {"up_to": 240, "discount_percent": 5},
    /// {"discount_percent": 10, "shipping_upgrade": true, "points": 100}],
    /// "next_day": {"discount_percent": 10, "shipping_upgrade": true}}` ("next_day"
    /// optional); errors name the path.
    public static func read(path: String) throws(InputError) -> CompensationPolicy {
        try parse(contents: readText(path), path: path)
    }

    /// `read` on text already in memory; `path` is only used in errors.
    public static func parse(contents text: String, path: String) throws(InputError) -> CompensationPolicy {
        try checkSize(text.utf8.count, path: path, limit: InputLimits.maximumJSONBytes)
        func fail(_ message: String) -> InputError { InputError(file: path, line: nil, message) }
        let object = try JSONCheck.object(text, path: path, expected: "a JSON object (a compensation policy)")
        for key in object.keys.sorted() where key != "rules" && key != "next_day" {
            throw fail("at \(key): unknown key (known: rules, next_day)")
        }
        guard let list = object["rules"] as? [[String: Any]], !list.isEmpty else { throw fail("at rules: expected a non-empty list of objects") }
        func number(_ item: [String: Any], _ at: String, _ key: String, max: Double) throws(InputError) -> Double? {
            guard let raw = item[key] else { return nil }
            guard let n = jsonNumber(raw), n.isFinite, n >= 0, n <= max else {
                throw fail("at \(at).\(key): expected a number from 0 to \(Int(max))")
            }
            return n
        }
        func compensation(_ item: [String: Any], _ at: String, upTo: Double?) throws(InputError) -> Rule {
            let upgrade = item["shipping_upgrade"]
            if let upgrade, !(upgrade is Bool) { throw fail("at \(at).shipping_upgrade: expected true or false") }
            return Rule(upTo: upTo, discountPercent: try number(item, at, "discount_percent", max: 100) ?? 0,
                        shippingUpgrade: (upgrade as? Bool) ?? false, points: Int(try number(item, at, "points", max: 1e7) ?? 0))
        }
        var rules: [Rule] = []
        var previous = -Double.infinity
        for (i, item) in list.enumerated() {
            for key in item.keys where !["up_to", "discount_percent", "shipping_upgrade", "points"].contains(key) {
                throw fail("at rules[\(i)].\(key): unknown key")
            }
            let upTo = try number(item, "rules[\(i)]", "up_to", max: 1e9)
            if let upTo {
                guard upTo > previous else { throw fail("at rules[\(i)].up_to: must increase from rule to rule") }
                previous = upTo
            } else if i != list.count - 1 {
                throw fail("at rules[\(i)]: only the last rule may leave out up_to")
            }
            rules.append(try compensation(item, "rules[\(i)]", upTo: upTo))
        }
        var nextDay: Rule? = nil
        if let raw = object["next_day"] {
            guard let item = raw as? [String: Any] else { throw fail("at next_day: expected an object") }
            for key in item.keys.sorted() where !["discount_percent", "shipping_upgrade", "points"].contains(key) {
                throw fail("at next_day.\(key): unknown key")
            }
            nextDay = try compensation(item, "next_day", upTo: nil)
        }
        return CompensationPolicy(rules: rules, nextDay: nextDay)
    }
}

/// A ready-to-send message for one stop at risk.
public struct DelayNotice: Sendable, Equatable {
    public let route: Int
    /// 1-based position in the route.
    public let sequence: Int
    public let node: Int
    public let customerID: Int
    public let reason: String
    /// The promised window and the predicted one (internal units).
    public let promised: ClosedRange<Int>
    public let predicted: ClosedRange<Int>
    /// Median expected lateness (internal units; 0 when the median is on time).
    public let expectedLateness: Int
    public let lateRisk: Double
    public let compensation: String
    public let code: String
    public let message: String
}

public struct NoticeOptions: Sendable {
    /// Notify when the late risk is at least this.
    public var riskThreshold = 0.3
    public var language = "en"
    /// Message templates by language; placeholders {customer}, {window_start},
    /// {window_end}, {reason}, {compensation}, {code}, {tracking_link}.
    public var templates: [String: String] = NoticeOptions.standardTemplates
    public var trackingLink = "https://track.example.com/{code}"
    /// Seed of the arrival forecast's sampling; redemption codes never come from it.
    public var seed: UInt64 = 1
    /// Redemption codes are worth money: by default (nil) they are drawn from the system's
    /// cryptographic generator (`SystemRandomNumberGenerator`, getrandom on Linux), so no
    /// run's codes can be predicted from another's. A seed makes them reproducible: for
    /// tests only, never in production (`notify --deterministic-codes-for-tests`).
    public var deterministicCodeSeed: UInt64? = nil
    /// Codes issued before (e.g. a `CodeLedger`'s): never issued again.
    public var issuedCodes: Set<String> = []
    public var policy = CompensationPolicy.standard
    public init() {}

    public static let standardTemplates: [String: String] = [
        "en": "Dear customer {customer}, your delivery is now expected between {window_start} and {window_end} "
            + "({reason}). We are sorry. {compensation} Track it here: {tracking_link}",
        "zh-TW": "親愛的顧客 {customer}：您的包裹預計於 {window_start} 至 {window_end} 之間送達（{reason}）。"
            + "造成不便，敬請見諒。{compensation} 追蹤連結：{tracking_link}",
    ]
}

/// Turns arrival forecasts into delay notices: every stop whose late risk (or risk of
/// slipping to the next day) reaches the threshold gets one, with its new window, the
/// reason, the compensation the policy gives for the median expected lateness (or its
/// next-day rule, when the stop is more likely than not reached only after the depot
/// closes), and a unique redemption code.
public enum Notices {
    public static func make(_ solution: Solution, problem: Problem, forecast: [[StopForecast]],
                            options: NoticeOptions = NoticeOptions()) -> [DelayNotice] {
        var seeded = options.deterministicCodeSeed.map { RandomGenerator(seed: $0) }
        var system = SystemRandomNumberGenerator()
        var codes = options.issuedCodes
        let alphabet = CodeLedger.alphabet
        func letter() -> Character {
            if seeded != nil { return alphabet[seeded!.below(alphabet.count)] }
            return alphabet[Int.random(in: 0..<alphabet.count, using: &system)]
        }
        let zh = options.language == "zh-TW"
        var notices: [DelayNotice] = []
        for (r, route) in solution.routes.enumerated() {
            let stops = forecast[r]
            for (k, f) in stops.enumerated() where (f.lateRisk >= options.riskThreshold && f.lateRisk > 0)
                                                    || (f.nextDayRisk >= options.riskThreshold && f.nextDayRisk > 0) {
                let node = route[k]
                let due = problem.dueTimes[node]
                let lateness = max(0, f.median - due)
                let nextDay = f.nextDayRisk >= 0.5
                let reason: String
                if nextDay {
                    reason = zh ? "今日恐無法送達，將於隔日配送" : "it may not make it today and would come the next day"
                } else if lateness > 0 {
                    reason = zh ? "車輛目前延誤" : "the vehicle is running late"
                } else {
                    reason = zh ? "路況可能造成延誤" : "traffic may delay it"
                }
                let rule = nextDay ? options.policy.nextDayRule : options.policy.rule(forLateness: Double(lateness) / Double(problem.scale))
                var parts: [String] = []
                if rule.discountPercent > 0 {
                    parts.append(zh ? "我們將提供 \(format(rule.discountPercent))% 折扣" : "We will refund \(format(rule.discountPercent)) % of your order")
                }
                if rule.shippingUpgrade { parts.append(zh ? "下次訂單免費升級運送" : "your next order ships with a free upgrade") }
                if rule.points > 0 { parts.append(zh ? "並贈送 \(rule.points) 點紅利" : "and \(rule.points) loyalty points are yours") }
                var code = ""
                repeat {
                    code = "OT-" + String((0..<8).map { _ in letter() })
                } while !codes.insert(code).inserted
                let compensation: String
                if rule.isApologyOnly {
                    compensation = ""
                } else {
                    compensation = (zh ? parts.joined(separator: "，") + "，兌換碼 \(code)。" : parts.joined(separator: "; ") + " (code \(code)).")
                }
                let template = options.templates[options.language] ?? NoticeOptions.standardTemplates["en"]!
                let link = options.trackingLink.replacingOccurrences(of: "{code}", with: code)
                let message = template
                    // The job as the input named it (JSON and CSV ids; the copies of a job
                    // with several windows share it), else the node's number in the file.
                    .replacingOccurrences(of: "{customer}", with: problem.labels?[node] ?? String(problem.originalIDs[node]))
                    .replacingOccurrences(of: "{window_start}", with: problem.format(f.windowStart))
                    .replacingOccurrences(of: "{window_end}", with: problem.format(f.windowEnd))
                    .replacingOccurrences(of: "{reason}", with: reason)
                    .replacingOccurrences(of: "{compensation}", with: compensation)
                    .replacingOccurrences(of: "{code}", with: code)
                    .replacingOccurrences(of: "{tracking_link}", with: link)
                notices.append(DelayNotice(route: r + 1, sequence: k + 1, node: node, customerID: problem.originalIDs[node],
                                           reason: reason, promised: problem.readyTimes[node]...max(problem.readyTimes[node], due),
                                           predicted: f.windowStart...max(f.windowStart, f.windowEnd), expectedLateness: lateness,
                                           lateRisk: f.lateRisk, compensation: compensation, code: code,
                                           message: message.replacingOccurrences(of: "  ", with: " ")))
            }
        }
        return notices
    }

    static func format(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v) }
}
