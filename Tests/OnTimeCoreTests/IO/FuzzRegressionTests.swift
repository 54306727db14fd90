import Foundation
import Testing
@testable import OnTimeCore

/// What fuzzing the readers found (see FUZZING.md), kept as regression tests.
///
/// `Fixtures/fuzz/<reader>/` holds, per reader of the libFuzzer harness in `Fuzz/`, the
/// inputs that once failed it (`crashers/`) and a minimised corpus (`corpus/`). Every
/// file goes through its reader exactly as the harness feeds it: the reader must return
/// or throw an `InputError` whose message is one line of bounded length (a trap fails the
/// whole run). Further tests pin the fixes for slow or memory-hungry inputs that are too
/// large for the fuzzer to reach.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // IO/
        .deletingLastPathComponent()  // OnTimeCoreTests/
        .appendingPathComponent("Fixtures/fuzz")

    /// The harness's targets that read files (`lines` is a differential check, no folder).
    static let readers = ["vrplib", "solomon", "sol", "layout", "skus", "orders", "assignment",
                          "travel-model", "policy", "calibration", "order-dates", "json-instance", "csv-orders"]

    /// The harness's small warehouse, for the readers that need one.
    static let slotting: SlottingProblem = {
        let generated = WarehouseGenerator.generate(skus: 24, orders: 40, seed: 7)
        let warehouse = try! SlottingReaders.layout(json: generated.layoutJSON, path: "layout.json")
        let skus = try! SlottingReaders.skusFromCSV(generated.skusCSV)
        let history = try! SlottingReaders.ordersFromCSV(generated.ordersCSV, skus: skus)
        return try! SlottingProblem(warehouse: warehouse, skus: skus, history: history)
    }()

    /// Runs one input through `reader` as `Fuzz/Sources/ontime-fuzz/Harness.swift` does.
    static func read(_ reader: String, _ data: Data, path: String) throws(InputError) {
        if reader == "csv-orders" {
            // The orders file, a NUL byte, the vehicles file (no NUL: no vehicles).
            let cut = data.firstIndex(of: 0)
            let orders = Data(data[..<(cut ?? data.endIndex)]), vehicles = cut.map { Data(data[($0 + 1)...]) } ?? Data()
            let vehiclesPath = path + " (vehicles)"
            _ = try CSVInstanceReader.parse(orders: try decodeText(orders, path: path), vehicles: try decodeText(vehicles, path: vehiclesPath),
                                            ordersPath: path, vehiclesPath: vehiclesPath)
            return
        }
        let text = try decodeText(data, path: path)
        switch reader {
        case "vrplib": _ = try VRPLIBReader.parse(contents: text, path: path)
        case "solomon": _ = try SolomonReader.parse(contents: text, path: path)
        case "sol": _ = try SolutionFile.parse(contents: text, path: path)
        case "layout": _ = try SlottingReaders.layout(json: text, path: path)
        case "skus": _ = try SlottingReaders.skusFromCSV(text, path: path)
        case "orders": _ = try SlottingReaders.ordersFromCSV(text, path: path, skus: slotting.skus)
        case "assignment": _ = try SlottingReaders.assignmentFromCSV(text, path: path, problem: slotting)
        case "travel-model": _ = try TravelTimeModel.parse(contents: text, path: path)
        case "policy": _ = try CompensationPolicy.parse(contents: text, path: path)
        case "json-instance": _ = try JSONInstanceReader.parse(contents: text, path: path)
        case "order-dates":
            _ = try DayWindows.parseOrderDates(contents: text, path: path, customers: 30, dispatch: CivilDate("2025-03-14")!)
        case "calibration":
            let model = Calibration.fit(try Calibration.parse(contents: text, path: path)).model
            // What `ontime calibrate` writes must read back.
            _ = try TravelTimeModel.parse(contents: model.json, path: path + " (calibrated model)")
        default: fatalError("unknown reader \(reader)")
        }
    }

    static func files(_ reader: String) -> [URL] {
        let root = folder.appendingPathComponent(reader)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        return walker.compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .sorted { $0.path < $1.path }
    }

    @Test func everyFolderIsAReader() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { !$0.hasPrefix(".") }
        #expect(Set(folders) == Set(Self.readers))
    }

    @Test(arguments: readers)
    func keptInputsReturnOrThrowAOneLineInputError(reader: String) throws {
        let files = Self.files(reader)
        #expect(!files.isEmpty, "no inputs kept for \(reader)")
        for url in files {
            let data = try Data(contentsOf: url)
            let name = url.path.replacingOccurrences(of: Self.folder.path + "/", with: "")
            do {
                try Self.read(reader, data, path: name)
            } catch {
                let oneLine = !error.message.contains { $0.isNewline }
                #expect(oneLine, "\(name): \(error)")
                #expect(error.message.count <= InputError.maximumMessageLength, "\(name): \(error.message.count) characters")
                #expect(error.file.hasPrefix(name), "\(name): \(error)")
            }
        }
    }

    // MARK: Messages

    @Test func errorMessagesAreOneBoundedLine() {
        let e = InputError(file: "f.json", line: nil, "at a\nb\r\u{1B}[31mc\u{2028}d\te: unknown key")
        #expect(e.message == "at a\\nb\\r\\u{1B}[31mc\\u{2028}d\te: unknown key")
        let long = InputError(file: "f.csv", line: 1, String(repeating: "x", count: 5_000))
        #expect(long.message.count == InputError.maximumMessageLength && long.message.hasSuffix("…"))
        // Equal inputs still give equal errors (tests compare whole errors).
        #expect(InputError(file: "f", line: 2, "a\nb") == InputError(file: "f", line: 2, "a\nb"))
    }

    // MARK: Line splitting

    @Test func textLinesSplitLikeCharacters() {
        let samples = [
            "", "a", "\n", "a\r\nb\rc\n\u{0B}d\u{0C}e\u{85}f\u{2028}g\u{2029}h\r\r\n\n\u{301}i\r\u{301}\n",
            "x\r", "\r\n\r\n", "é\u{301}\n\u{1F1E6}\u{1F1E8}\r\nend", "\u{FEFF}NAME : x\r\n", "a\u{85}",
        ]
        var rng = RandomGenerator(seed: 99)
        let alphabet: [String] = ["a", " ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}",
                                  "\u{301}", "é", "\u{1F600}", "\u{200D}", "\u{0600}", "\u{E2}", ","]
        let random = (0..<300).map { _ in (0..<rng.below(40)).map { _ in alphabet[rng.below(alphabet.count)] }.joined() }
        for text in samples + random {
            let expected = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
            #expect(TextLines(text).map(String.init) == expected, "\(text.debugDescription)")
        }
    }

    // MARK: Inputs too large for the fuzzer

    /// Reading a CSV looked each column up in the header for every row, so a wide header
    /// and many short rows took header × rows string comparisons for each optional column
    /// that is missing (minutes for a 1 MB file).
    @Test func wideHeaderWithManyRowsIsLinear() throws {
        let width = 50_000
        let header = (0..<width).map { "c\($0)" }.joined(separator: ",")
        let start = ContinuousClock.now
        let skus = try SlottingReaders.skusFromCSV("sku," + header + "\n" + (0..<width).map { "S\($0)\n" }.joined())
        #expect(skus.count == width)
        let rows = try Calibration.parse(contents: "planned,actual," + header + "\n" + String(repeating: "10,12\n", count: width),
                                         path: "history.csv")
        #expect(rows.count == width)
        #expect(ContinuousClock.now - start < .seconds(20))
    }

    /// A field with a long unquoted start and then many quotes was trimmed at every quote.
    @Test func quotesInALongFieldAreLinear() throws {
        let field = String(repeating: "a", count: 100_000) + String(repeating: "\"", count: 100_000)
        let start = ContinuousClock.now
        let skus = try SlottingReaders.skusFromCSV("sku,family\nS1," + field + "\n")
        #expect(skus[0].family.count == 200_000)
        #expect(ContinuousClock.now - start < .seconds(20))
    }

    /// A per-node section is refused at its first row beyond DIMENSION, not after the whole
    /// (possibly huge) file has been held in memory.
    @Test func surplusRowsAreRefusedWhereTheyStart() {
        let text = "NAME : x\nDIMENSION : 3\nCAPACITY : 5\nNODE_COORD_SECTION\n" + (1...100_000).map { "\($0) 0 0\n" }.joined()
        #expect(throws: InputError(file: "big.vrp", line: 8, "NODE_COORD_SECTION has more rows than DIMENSION 3")) {
            try VRPLIBReader.parse(contents: text, path: "big.vrp")
        }
    }

    /// Row and size caps that bound memory, each refused where the input crosses it.
    @Test func sizeCapsAreRefusedUpFront() throws {
        let csv = "sku\nA\nB\nC\n"
        #expect(throws: InputError(file: "s.csv", line: 4, "more than 2 rows; OnTime refuses files this large")) {
            try SlottingReaders.Table(path: "s.csv", text: csv, required: ["sku"], maximumRows: 2)
        }
        let visits = "Route #1: " + String(repeating: "1 ", count: InputLimits.maximumNodes + 1) + "\n"
        #expect(throws: InputError(file: "p.sol", line: 1, "more than \(InputLimits.maximumNodes) customer visits; larger than any supported instance")) {
            try SolutionFile.parse(contents: visits, path: "p.sol")
        }
        let routes = String(repeating: "Route #1:\n", count: InputLimits.maximumNodes + 1)
        #expect(throws: InputError(file: "p.sol", line: InputLimits.maximumNodes + 1, "more than \(InputLimits.maximumNodes) routes; larger than any supported instance")) {
            try SolutionFile.parse(contents: routes, path: "p.sol")
        }
        let padded = String(repeating: " ", count: InputLimits.maximumJSONBytes) + "{}"
        #expect(throws: InputError(file: "m.json", line: nil, "input is \(InputLimits.maximumJSONBytes + 2) bytes, larger than the \(InputLimits.maximumJSONBytes)-byte limit")) {
            try TravelTimeModel.parse(contents: padded, path: "m.json")
        }
        #expect(throws: InputError.self) { try CompensationPolicy.parse(contents: padded, path: "p.json") }
        #expect(throws: InputError.self) { try SlottingReaders.layout(json: padded, path: "l.json") }
    }

    /// An explicit matrix is now read straight into internal order (depot first): check it
    /// against the file's weights for a depot in the middle and an asymmetric matrix.
    @Test(arguments: [1, 2, 4])
    func explicitMatrixWithAnyDepot(depot: Int) throws {
        let w = [[0, 1, 2, 3], [4, 0, 5, 6], [7, 8, 0, 9], [10, 11, 12, 0]]
        let text = (["NAME : asym", "DIMENSION : 4", "CAPACITY : 10", "EDGE_WEIGHT_TYPE : EXPLICIT",
                     "EDGE_WEIGHT_FORMAT : FULL_MATRIX", "EDGE_WEIGHT_SECTION"]
                    + w.map { $0.map(String.init).joined(separator: " ") }
                    + ["DEMAND_SECTION"] + (1...4).map { "\($0) \($0 == depot ? 0 : 1)" }
                    + ["DEPOT_SECTION", "\(depot)", "-1", "EOF"]).joined(separator: "\n")
        let p = try VRPLIBReader.parse(contents: text)
        #expect(p.originalIDs[0] == depot)
        for a in 0..<4 { for b in 0..<4 { #expect(p.distance(a, b) == w[p.originalIDs[a] - 1][p.originalIDs[b] - 1]) } }
        let lower = (["NAME : lower", "DIMENSION : 4", "CAPACITY : 10", "EDGE_WEIGHT_TYPE : EXPLICIT",
                      "EDGE_WEIGHT_FORMAT : LOWER_ROW", "EDGE_WEIGHT_SECTION", "4", "7 8", "10 11 12"]
                     + ["DEMAND_SECTION"] + (1...4).map { "\($0) \($0 == depot ? 0 : 1)" }
                     + ["DEPOT_SECTION", "\(depot)", "-1", "EOF"]).joined(separator: "\n")
        let q = try VRPLIBReader.parse(contents: lower)
        for a in 0..<4 { for b in 0..<4 {
            let (i, j) = (q.originalIDs[a] - 1, q.originalIDs[b] - 1)
            #expect(q.distance(a, b) == (i == j ? 0 : w[max(i, j)][min(i, j)]))
        } }
    }

    // MARK: Calibration

    /// History whose fit leaves the ranges the model file accepts: calibrate wrote a model it
    /// then refused (all actuals 0 gave bias 0; tiny ratios printed as 0.0000).
    @Test func extremeHistoryStillCalibratesToAReadableModel() throws {
        #expect(throws: InputError(file: "h.csv", line: nil, "every leg's actual is 0: no travel times to calibrate from")) {
            try Calibration.parse(contents: "planned,actual\n10,0\n5,0\n", path: "h.csv")
        }
        #expect(throws: InputError(file: "h.csv", line: 3, "actual 20000.0 is more than 1000 times planned 10.0")) {
            try Calibration.parse(contents: "planned,actual\n10,12\n10,20000\n", path: "h.csv")
        }
        let tiny = (1...40).map { "\($0),\(Double($0) * 1e-9)" }.joined(separator: "\n")
        let spread = (1...300).map { "\(Double($0) * 1e-300),\($0 % 7 == 0 ? 1e-297 : 0)" }.joined(separator: "\n")
        for history in [tiny, spread] {
            let model = Calibration.fit(try Calibration.parse(contents: "planned,actual\n" + history, path: "h.csv")).model
            let back = try TravelTimeModel.parse(contents: model.json, path: "model.json")
            #expect(back.bias > 0 && back.shortLegScale > 0)
        }
        var slow = TravelTimeModel()
        slow.unitsPerHour = 1e-6  // `calibrate --units-per-hour` accepts it
        #expect(try TravelTimeModel.parse(contents: slow.json, path: "model.json").unitsPerHour == 1e-6)
    }
}
