import Foundation
@testable import OnTimeCore  // built with -enable-testing (run.sh), for TextLines

/// The readers under test. Each gets the fuzzer's bytes through `decodeText` (the checks
/// `readText` makes on a file's bytes: size, NUL, UTF-8, blank) and then its
/// `parse(contents:)`-style entry point. A reader may return or throw `InputError`;
/// anything else — a trap, an ASan report, a timeout, memory above -rss_limit_mb — is a
/// finding. The harness also traps (so libFuzzer keeps the input) when an error message
/// is not one line of at most `maximumMessage` characters, and when a history file
/// calibrates to a model that `TravelTimeModel.parse` refuses.
enum Target: String, CaseIterable {
    case vrplib, solomon, sol, layout, skus, orders, assignment
    case travelModel = "travel-model", policy, calibration, orderDates = "order-dates"
    case jsonInstance = "json-instance"
    /// `CSVInstanceReader.parse(orders:vehicles:)`: the input is the orders file, a NUL
    /// byte, then the vehicles file (no NUL: vehicles empty).
    case csvOrders = "csv-orders"
    /// What `ontime solve` does with a JSON instance it reads (up to 30 customers): solve
    /// briefly and verify. A trap in the solver, or a feasible plan whose claimed cost the
    /// verifier does not confirm, is a finding.
    case jsonSolve = "json-solve"
    /// Differential: `TextLines` (the byte-level line splitter every reader uses) against
    /// `split(whereSeparator: \.isNewline)` on Characters, for any bytes.
    case lines
}

let maximumMessage = 600

/// Chosen once in `LLVMFuzzerInitialize`, read-only afterwards (libFuzzer runs inputs on one thread).
nonisolated(unsafe) var target: Target = .vrplib
/// ONTIME_FUZZ_VERBOSE=1 prints each input's outcome (to check seeds and replay findings).
nonisolated(unsafe) var verbose = false

/// A small generated warehouse for the readers that need one (orders, assignment).
let slotting: SlottingProblem = {
    let generated = WarehouseGenerator.generate(skus: 24, orders: 40, seed: 7)
    do {
        let warehouse = try SlottingReaders.layout(json: generated.layoutJSON, path: "layout.json")
        let skus = try SlottingReaders.skusFromCSV(generated.skusCSV)
        let history = try SlottingReaders.ordersFromCSV(generated.ordersCSV, skus: skus)
        return try SlottingProblem(warehouse: warehouse, skus: skus, history: history)
    } catch {
        fatalError("harness: the generated warehouse does not read: \(error)")
    }
}()

let dispatch = CivilDate("2025-03-14")!

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutableRawPointer, _ argv: UnsafeMutableRawPointer) -> CInt {
    // ONTIME_FUZZ_WRITE_WAREHOUSE=DIR writes the generated warehouse (seeds of the slotting targets).
    if let folder = ProcessInfo.processInfo.environment["ONTIME_FUZZ_WRITE_WAREHOUSE"] {
        let generated = WarehouseGenerator.generate(skus: 24, orders: 40, seed: 7)
        for (name, text) in [("layout.json", generated.layoutJSON), ("skus.csv", generated.skusCSV),
                             ("orders.csv", generated.ordersCSV), ("current.csv", generated.currentCSV)] {
            _ = FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(text.utf8))
        }
        exit(0)
    }
    let name = ProcessInfo.processInfo.environment["ONTIME_FUZZ_TARGET"] ?? ""
    guard let chosen = Target(rawValue: name) else {
        let names = Target.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("ontime-fuzz: set ONTIME_FUZZ_TARGET to one of: \(names)\n".utf8))
        exit(2)
    }
    target = chosen
    verbose = ProcessInfo.processInfo.environment["ONTIME_FUZZ_VERBOSE"] == "1"
    _ = slotting
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    run(target, data)
    return 0
}

func run(_ target: Target, _ data: Data) {
    let path = "fuzz-input"
    if target == .lines {
        let text = String(decoding: data, as: UTF8.self)
        let expected = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        let found = TextLines(text).map(String.init)
        if found != expected { fatalError("finding: TextLines \(found.debugDescription) != split \(expected.debugDescription)") }
        return
    }
    do {
        if target == .csvOrders {
            let (orders, vehicles) = splitAtNUL(data)
            _ = try CSVInstanceReader.parse(orders: try decodeText(orders, path: "fuzz/orders.csv"),
                                            vehicles: try decodeText(vehicles, path: "fuzz/vehicles.csv"),
                                            ordersPath: "fuzz/orders.csv", vehiclesPath: "fuzz/vehicles.csv")
            if verbose { FileHandle.standardError.write(Data("ontime-fuzz: accepted\n".utf8)) }
            return
        }
        let text = try decodeText(data, path: path)
        switch target {
        case .vrplib: _ = try VRPLIBReader.parse(contents: text, path: path)
        case .solomon: _ = try SolomonReader.parse(contents: text, path: path)
        case .sol: _ = try SolutionFile.parse(contents: text, path: path)
        case .layout: _ = try SlottingReaders.layout(json: text, path: path)
        case .skus: _ = try SlottingReaders.skusFromCSV(text, path: path)
        case .orders: _ = try SlottingReaders.ordersFromCSV(text, path: path, skus: slotting.skus)
        case .assignment: _ = try SlottingReaders.assignmentFromCSV(text, path: path, problem: slotting)
        case .travelModel: _ = try TravelTimeModel.parse(contents: text, path: path)
        case .policy: _ = try CompensationPolicy.parse(contents: text, path: path)
        case .jsonInstance: _ = try JSONInstanceReader.parse(contents: text, path: "fuzz/instance.json")
        case .orderDates: _ = try DayWindows.parseOrderDates(contents: text, path: path, customers: 30, dispatch: dispatch)
        case .jsonSolve:
            let problem = try JSONInstanceReader.parse(contents: text, path: "fuzz/instance.json")
            guard problem.customerCount <= 30 else { break }
            let result: SolverResult
            do { result = try RoutingSolver.solve(problem, options: SolverOptions(timeLimit: 0.05, maxIterations: 3)) } catch {
                break  // options the solver does not support for this instance
            }
            let report = Verifier.check(problem, routes: result.solution.routes, vehicles: result.solution.vehicles,
                                        claimedCost: result.cost, unassigned: result.unassigned.map(\.customer))
            if report.violations.contains(where: { $0.hasPrefix("claimed cost") || $0.contains("left out but") }) {
                fatalError("finding: the verifier disagrees with the solver: \(report.violations)")
            }
            _ = PlanWriter.text(result.solution, problem: problem, unassigned: result.unassigned)
            _ = PlanWriter.json(result.solution, problem: problem, run: nil)
            // The .sol written reads back with the same routes and vehicle types (what `check` does).
            if !result.solution.routes.isEmpty {
                do {
                    let file = try SolutionFile.parse(contents: PlanWriter.vrplib(result.solution, problem: problem))
                    let vehicles = try file.vehicleTypes(in: problem, path: "plan.sol")
                    if file.routes != result.solution.routes || vehicles != result.solution.vehicles {
                        fatalError("finding: the .sol plan reads back differently")
                    }
                } catch {
                    fatalError("finding: the .sol plan does not read back: \(error)")
                }
            }
        case .lines, .csvOrders: break
        case .calibration:
            // What `ontime calibrate` does with the file: read, fit, write the model.
            let rows = try Calibration.parse(contents: text, path: path)
            let model = Calibration.fit(rows).model
            do { _ = try TravelTimeModel.parse(contents: model.json, path: "calibrated.json") } catch {
                fatalError("finding: the calibrated model does not read back: \(error)\n\(model.json)")
            }
        }
        if verbose { FileHandle.standardError.write(Data("ontime-fuzz: accepted\n".utf8)) }
    } catch {
        if verbose { FileHandle.standardError.write(Data("ontime-fuzz: refused: \(error)\n".utf8)) }
        check(error)
    }
}

func check(_ error: InputError) {
    if error.message.contains(where: \.isNewline) {
        fatalError("finding: error message spans lines: \(error.message.debugDescription)")
    }
    if error.message.count > maximumMessage {
        fatalError("finding: error message of \(error.message.count) characters: \(error.message.prefix(200))…")
    }
}

/// The two files of the csv-orders target: before and after the first NUL byte.
func splitAtNUL(_ data: Data) -> (Data, Data) {
    guard let k = data.firstIndex(of: 0) else { return (data, Data()) }
    return (Data(data[data.startIndex..<k]), Data(data[(k + 1)...]))
}
