import Foundation
import Testing
@testable import OnTimeCore

/// Issue 20, items 7, 9–12, 14–16: CSV both ways (RFC 4180, formula injection, NUL), JSON
/// that says where it is wrong (duplicate keys, truncation, NaN, NUL), layouts that refuse
/// unknown keys and overflowing sizes, calibration that says what it could not fit,
/// screening on matrices that break the triangle inequality, and the load on board of
/// shipments.
@Suite("Hostile text: CSV, JSON, layouts, calibration, screening")
struct HostileTextTests {
    // MARK: CSV

    @Test func csvReadsQuotedFieldsWithCommasQuotesAndLineBreaks() throws {
        let text = "id,name,note\r\n1,\"Smith, J\",\"said \"\"hi\"\"\"\r\n\r\n2 , plain ,\"two\nlines\"\n3,\"\",last"
        let records = try CSV.records(text, path: "t.csv")
        #expect(records.map(\.line) == [1, 2, 4, 6])
        #expect(records[1].fields == ["1", "Smith, J", "said \"hi\""])
        #expect(records[2].fields == ["2", "plain", "two\nlines"])
        #expect(records[3].fields == ["3", "", "last"])
        // A spreadsheet's byte order mark is not part of the first header name.
        #expect(try CSV.records("\u{FEFF}id,x\n1,2\n", path: "t.csv")[0].fields == ["id", "x"])
    }

    @Test func csvRefusesNULUnterminatedQuotesAndJunkAfterAQuote() {
        #expect(throws: InputError(file: "t.csv", line: 2, "a NUL character (byte 0) is not allowed in a CSV file")) {
            try CSV.records("id\nA\u{0}B\n", path: "t.csv")
        }
        #expect(throws: InputError(file: "t.csv", line: 2, "unterminated quoted field (a \" opened on this line is never closed)")) {
            try CSV.records("id\n\"open\nmore\n", path: "t.csv")
        }
        #expect(throws: InputError.self) { try CSV.records("id\n\"a\"b\n", path: "t.csv") }
    }

    /// Every text field written reads back the same, and no cell a spreadsheet opens
    /// starts with a formula character (OWASP).
    @Test func csvFieldsRoundTripAndNeverStartAFormula() throws {
        let tricky = ["plain", "A,1", "said \"hi\"", "two\nlines", " padded ", "=1+2", "+cmd", "-x", "@SUM(A1)", "\tx", "\rx",
                      "'=x", "''", "'plain", "-5", "+3.5", "=HYPERLINK(\"http://x\",\"y\")", ""]
        let text = "v\n" + tricky.map { CSV.row([$0]) }.joined()
        let back = try CSV.records(text, path: "t.csv").dropFirst()
        // An empty field alone on a line is a blank line, skipped.
        #expect(back.map { $0.fields[0] } == tricky.filter { !$0.isEmpty })
        for field in tricky.map(CSV.field) {
            let cell = field.hasPrefix("\"") ? String(field.dropFirst()) : field
            if let first = cell.first, "=+-@\t\r".contains(first) { #expect(Double(cell) != nil, "\(field)") }
        }
    }

    @Test func ordersWithAQuotedCommaAreRead() throws {
        let orders = "id,x,y,demand\n\"Smith, J\",1,1,1\n\"=cmd|' /C calc'!A0\",2,2,1\n"
        let vehicles = "id,count,capacity,depot_x,depot_y\nvan,1,10,0,0\n"
        let p = try CSVInstanceReader.parse(orders: orders, vehicles: vehicles)
        #expect(p.labels?.contains("Smith, J") == true)
        let plan = Solution(routes: [[1, 2]])
        let csv = PlanWriter.csv(plan, problem: p)
        let rows = try CSV.records(csv, path: "plan.csv")
        let header = rows[0].fields
        #expect(rows.dropFirst().allSatisfy { $0.fields.count == header.count })
        let job = try #require(header.firstIndex(of: "job"))
        #expect(rows.dropFirst().map { $0.fields[job] } == ["Smith, J", "=cmd|' /C calc'!A0"])
        #expect(!csv.contains(",=cmd"))
    }

    // MARK: JSON

    @Test func jsonErrorsSayWhereAndWhat() {
        func message(_ text: String) -> String {
            do { try JSONCheck.validate(text, path: "i.json"); return "accepted" } catch { return error.description }
        }
        #expect(message("{\"jobs\": [{\"id\": \"a\", \"id\": \"b\"}]}").contains("duplicate key 'id'"))
        #expect(message("{\"jobs\": [{\"id\": \"a\", \"id\": \"b\"}]}").contains("(in jobs[0].id)"))
        #expect(message("{\"name\": \"x\",\n \"jobs\": [1, 2") == "i.json:2: column 15: unexpected end of the file (an array is never closed) (in jobs[1])")
        #expect(message("{\"a\": NaN}").contains("NaN and Infinity are not JSON numbers"))
        #expect(message("{\"a\": -Infinity}").contains("NaN and Infinity"))
        #expect(message("{\"id\": \"a\\u0000b\"}").contains("NUL"))
        #expect(message("{\"a\": [1, 2,]}").contains("trailing comma"))
        #expect(message(String(repeating: "[", count: 10_000)).contains("nested deeper than"))
        #expect(message("") == "i.json:1: column 1: the file is empty; expected a JSON value")
        #expect(message("{\"a\": [1, 2.5e3, -0, true, false, null, \"\\u00e9\\n\"], \"b\": {\"a\": 1}}") == "accepted")
        // Keys equal once escapes are decoded are the same key.
        #expect(message("{\"\\u0061\": 1, \"a\": 2}").contains("duplicate key 'a'"))
    }

    @Test func instanceWithADuplicateKeyOrAMissingMatrixFileIsRefusedByName() throws {
        #expect(throws: InputError.self) {
            try JSONInstanceReader.parse(contents: "{\"jobs\": [], \"jobs\": []}", path: "i.json")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ontime-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = "{\"depots\": [{\"id\": \"D\", \"location_index\": 0}], \"vehicles\": [{\"id\": \"v\", \"capacity\": 5}],"
            + "\"jobs\": [{\"id\": \"a\", \"location_index\": 1}], \"matrices\": \"missing-table.json\"}"
        do {
            _ = try JSONInstanceReader.parse(contents: text, path: folder.appendingPathComponent("i.json").path)
            Issue.record("accepted")
        } catch {
            #expect(error.file.hasSuffix("missing-table.json") && error.message == "no such file", "\(error)")
        }
    }

    /// A file is JSON when its first byte that is not blank (after a byte-order mark) is `{`,
    /// and it is parsed as written: a U+2028 inside an id belongs to the id (RFC 8259). The
    /// reader used to split the text into lines and join them with LF, which made that
    /// character a raw line break inside a string and refused the file.
    @Test func jsonIsToldByItsFirstByteAndReadAsWritten() throws {
        #expect(InstanceReader.firstNonBlankByte("\u{FEFF} \r\n\t{}") == UInt8(ascii: "{"))
        #expect(InstanceReader.firstNonBlankByte("\u{0B}{}") == 0x0B)  // a vertical tab is not JSON whitespace
        #expect(InstanceReader.firstNonBlankByte(" NAME : x") == UInt8(ascii: "N"))
        #expect(InstanceReader.firstNonBlankByte(" \n\t") == nil && InstanceReader.firstNonBlankByte("") == nil)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ontime-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("i.json").path
        let text = "\u{FEFF}\r\n  {\"name\": \"ls\", \"depots\": [{\"id\": \"hub\", \"location\": [0, 0]}],\r\n"
            + "\"vehicles\": [{\"id\": \"van\", \"capacity\": 10, \"count\": 1}],\r\n"
            + "\"jobs\": [{\"id\": \"a\u{2028}b\u{85}c\", \"location\": [3, 4], \"demand\": 1}]}\r\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let problem = try InstanceReader.read(path: path)
        #expect(problem.labels == ["hub", "a\u{2028}b\u{85}c"])
        // Errors still name their line: CRLF counts once, a lone CR (old Mac files) too.
        let broken = text.replacingOccurrences(of: "\"count\": 1", with: "\"count\": 1,")
        for file in [broken, broken.replacingOccurrences(of: "\r\n", with: "\r")] {
            try file.write(toFile: path, atomically: true, encoding: .utf8)
            do { _ = try InstanceReader.read(path: path); Issue.record("accepted") } catch {
                #expect(error.line == 3 && error.message.contains("trailing comma"), "\(error)")
            }
        }
    }

    /// The plan's JSON strings read back as the names they quote, with or without escapes
    /// (names without any take the fast path).
    @Test func planStringsReadBackAsTheirNames() throws {
        for name in ["plain", "say \"hi\"", "back\\slash", "tab\tand\nline", "bell\u{07}", "ünï 𝄞 \u{2028}", String(repeating: "x", count: 3000)] {
            let quoted = PlanWriter.quoted(name)
            let back = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String]
            #expect(back == [name], "\(quoted)")
        }
        #expect(PlanWriter.quoted("a\"b") == "\"a\\\"b\"")
    }

    // MARK: Layouts

    @Test func layoutsRefuseUnknownKeysAndSizesThatOverflow() {
        func message(_ text: String) -> String {
            do { _ = try SlottingReaders.layout(json: text, path: "l.json"); return "accepted" } catch { return error.description }
        }
        let base = "\"aisles\": 2, \"bays_per_aisle\": 3, \"levels\": 2"
        #expect(message("{\(base)}") == "accepted")
        #expect(message("{\(base), \"golden_level\": [1]}").hasPrefix("l.json: at golden_level: unknown key"))
        #expect(message("{\(base), \"depot_x\": 1e308}").contains("at depot_x: must be a number between"))
        #expect(message("{\(base), \"aisle_spacing\": 1e300}").contains("at aisle_spacing"))
        #expect(message("{\(base), \"level_penalty\": 1e300}").contains("at level_penalty"))
        #expect(message("{\(base), \"aisles\": 3}").contains("duplicate key 'aisles'"))
    }

    // MARK: Calibration

    @Test func calibrationFromOneRowKeepsDefaultsAndSaysSo() {
        let result = Calibration.fit([Calibration.Row(planned: 10, actual: 13)])
        let defaults = TravelTimeModel()
        #expect(result.model.legCV == defaults.legCV && result.model.shortLegCV == defaults.shortLegCV)
        #expect(result.model.bias == defaults.bias)
        #expect(result.warnings.contains { $0.contains("leg_cv") && $0.contains("at least \(Calibration.minimumSpreadLegs)") })
        #expect(result.warnings.contains { $0.contains("bias left at its default") })
        // Enough legs: fitted, no warning.
        var rng = RandomGenerator(seed: 3)
        let rows = (0..<400).map { _ in
            let planned = 1 + 30 * rng.unit()
            return Calibration.Row(planned: planned, actual: planned * (1.1 + 0.2 * (rng.unit() - 0.5)))
        }
        let fitted = Calibration.fit(rows)
        #expect(fitted.warnings.isEmpty, "\(fitted.warnings)")
        #expect(abs(fitted.model.bias - 1.1) < 0.02 && fitted.model.legCV != defaults.legCV)
    }

    // MARK: Screening

    /// Depot → b directly takes 1000, but depot → a → b takes 2: b's window [0, 10] can be
    /// kept, so screening must not leave b out; a window b cannot make even so is still
    /// screened out, with the shortest-path arrival as the reason.
    @Test func screeningUsesShortestPathsWhenTheMatrixIsNotMetric() throws {
        func instance(_ bDue: Int) -> String {
            """
            NAME : nonmetric
            TYPE : CVRPTW
            DIMENSION : 3
            CAPACITY : 10
            EDGE_WEIGHT_TYPE : EXPLICIT
            EDGE_WEIGHT_FORMAT : FULL_MATRIX
            EDGE_WEIGHT_SECTION
            0 1 1000
            1 0 1
            1 1 0
            DEMAND_SECTION
            1 0
            2 1
            3 1
            TIME_WINDOW_SECTION
            1 0 5000
            2 0 5000
            3 0 \(bDue)
            DEPOT_SECTION
            1
            -1
            EOF
            """
        }
        let p = try VRPLIBReader.parse(contents: instance(10), path: "n.vrp")
        #expect(Screening.unservable(p).isEmpty)
        let report = Verifier.check(p, routes: [[1, 2]])
        #expect(report.isFeasible, "\(report.violations)")
        let tight = try VRPLIBReader.parse(contents: instance(1), path: "n.vrp")
        let left = Screening.unservable(tight)
        #expect(left.map(\.customer) == [2] && left[0].reason.contains("earliest possible arrival at 2"), "\(left)")
    }

    @Test func typedScreeningUsesShortestPathsToo() throws {
        let text = """
            {"depots": [{"id": "D", "location_index": 0, "time_window": [0, 5000]}],
             "vehicles": [{"id": "v", "capacity": 10, "count": 2}],
             "jobs": [{"id": "a", "location_index": 1, "demand": 1},
                      {"id": "b", "location_index": 2, "demand": 1, "time_windows": [[0, 10]]},
                      {"id": "c", "location_index": 3, "demand": 1, "priority": 0}],
             "matrices": {"durations": [[0, 1, 1000, 1], [1, 0, 1, 1], [1, 1, 0, 1], [1, 1, 1, 0]]}}
            """
        let p = try JSONInstanceReader.parse(contents: text, path: "n.json")
        #expect(!p.isClassic)
        let b = try #require(p.labels?.firstIndex(of: "b"))
        #expect(!Screening.unservable(p).contains { $0.customer == b })
    }

    // MARK: Shipments

    @Test func shipmentStopsShowTheirAmountAndTheLoadOnBoard() throws {
        let text = """
            {"depots": [{"id": "D", "location": [0, 0]}],
             "vehicles": [{"id": "v", "capacity": 20}],
             "jobs": [{"id": "j", "location": [1, 0], "demand": 4}],
             "shipments": [{"id": "s", "amount": 7, "pickup": {"location": [2, 0]}, "delivery": {"location": [3, 0]}}]}
            """
        let p = try JSONInstanceReader.parse(contents: text, path: "s.json")
        let s = try #require(p.shipments.first)
        let job = try #require((1...p.customerCount).first { p.partner[$0] < 0 })
        let plan = Solution(routes: [[job, s.pickup, s.delivery]])
        #expect(Verifier.check(p, routes: plan.routes).isFeasible)
        // Leaves with the job's 4, delivers it (0), picks up 7 (7), delivers them (0).
        #expect(p.loadOnBoard(plan.routes[0]) == [0, 7, 0])
        let rows = try CSV.records(PlanWriter.csv(plan, problem: p), path: "p.csv")
        let header = rows[0].fields
        let demand = try #require(header.firstIndex(of: "demand")), load = try #require(header.firstIndex(of: "load_after"))
        #expect(rows.dropFirst().map { $0.fields[demand] } == ["4", "7", "7"])
        #expect(rows.dropFirst().map { $0.fields[load] } == ["0", "7", "0"])
        let json = PlanWriter.json(plan, problem: p, run: nil)
        #expect(json.contains("\"shipment\": \"pickup\"") && json.contains("\"shipment\": \"delivery\""))
    }
}
