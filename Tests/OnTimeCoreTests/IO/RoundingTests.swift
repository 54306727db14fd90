import Foundation
import Testing
@testable import OnTimeCore

/// `--round`: PyVRP's rounding functions for VRPLIB and Solomon files, and the Gehring &
/// Homberger VRPTW files (VRPLIB, DIMACS convention) read under them.
@Suite("Rounding")
struct RoundingTests {
    static let homberger = TestData.shared.appendingPathComponent("vrptw/homberger-1000")

    @Test func roundingFunctionsAreNumpysOnValues() {
        // numpy: round → np.round, trunc → astype(int), dimacs → (10·v).astype(int), exact → np.round(1000·v).
        #expect(Rounding.round.apply(2.4) == 2 && Rounding.round.apply(2.6) == 3)
        #expect(Rounding.trunc.apply(2.99) == 2)
        #expect(Rounding.dimacs.apply(12.38) == 123)
        #expect(Rounding.exact.apply(1.23456) == 1235)
        #expect(Rounding.none.apply(7) == 7 && Rounding.none.apply(7.5) == nil)
        #expect(Rounding.exact.apply(1e9) == nil)  // beyond a weight
        #expect(Rounding.allCases.map(\.scale) == [1, 1, 10, 1000, 1])
    }

    /// Three nodes: the depot at (0, 0), customers at (3, 4.5) and (10, 0); distance 0→1 = 5.40833…
    static func instance(serviceLine: String = "SERVICE_TIME : 2.5", extra: String = "") -> String {
        """
        NAME : tiny
        TYPE : VRPTW
        DIMENSION : 3
        VEHICLES : 2
        CAPACITY : 10
        \(serviceLine)
        EDGE_WEIGHT_TYPE : EUC_2D
        \(extra)NODE_COORD_SECTION
        1 0 0
        2 3 4.5
        3 10 0
        DEMAND_SECTION
        1 0
        2 3
        3 4
        TIME_WINDOW_SECTION
        1 0 100
        2 1.25 50
        3 0 60
        DEPOT_SECTION
        1
        -1
        EOF
        """
    }

    @Test func everyRoundingScalesDistancesAndTimes() throws {
        let expected: [(Rounding, distance: Int, ready: Int, service: Int, convention: DistanceConvention)] = [
            (.round, 5, 1, 3, .roundedEuclidean),       // 5.408 → 5; 1.25 → 1; 2.5 → 3 (halves away from zero, as TSPLIB)
            (.trunc, 5, 1, 2, .truncatedEuclidean),
            (.dimacs, 54, 12, 25, .truncatedTenths),
            (.exact, 5408, 1250, 2500, .exactMilli),
        ]
        for (rounding, distance, ready, service, convention) in expected {
            let p = try VRPLIBReader.parse(contents: Self.instance(), rounding: rounding)
            #expect(p.distance(0, 1) == distance, "\(rounding)")
            #expect(p.readyTimes[1] == ready, "\(rounding)")
            #expect(p.serviceTimes[0] == 0 && p.serviceTimes[1] == service && p.serviceTimes[2] == service, "\(rounding)")
            #expect(p.scale == rounding.scale && p.convention == convention, "\(rounding)")
            #expect(p.vehicleLimit == 2)
        }
    }

    @Test func noneRefusesCoordinatesAndFractionsWithTheLine() {
        #expect(throws: InputError.self) { try VRPLIBReader.parse(contents: Self.instance(), rounding: .none) }
        do {
            _ = try VRPLIBReader.parse(contents: Self.instance(serviceLine: "SERVICE_TIME : -1"), path: "t.vrp")
            Issue.record("a negative service time was read")
        } catch {
            #expect(error.line == 6)
            #expect(error.description.contains("SERVICE_TIME"))
        }
        let both = Self.instance(extra: "SERVICE_TIME_SECTION\n1 0\n2 1\n3 1\n")
        #expect(throws: InputError.self) { try VRPLIBReader.parse(contents: both) }
    }

    @Test func explicitMatricesScaleButKeepMissingRoads() throws {
        let text = """
        NAME : explicit
        DIMENSION : 3
        CAPACITY : 10
        EDGE_WEIGHT_TYPE : EXPLICIT
        EDGE_WEIGHT_FORMAT : LOWER_ROW
        EDGE_WEIGHT_SECTION
        4.25
        -1 7
        DEMAND_SECTION
        1 0
        2 1
        3 1
        DEPOT_SECTION
        1
        -1
        EOF
        """
        let dimacs = try VRPLIBReader.parse(contents: text, rounding: .dimacs)
        #expect(dimacs.distance(1, 0) == 42 && dimacs.distance(2, 1) == 70)
        // -1 is no road: the shortest path 0 → 1 → 2 replaces it (42 + 70).
        #expect(dimacs.distance(0, 2) == 112)
        #expect(throws: InputError.self) { try VRPLIBReader.parse(contents: text, rounding: .none) }
        let integers = text.replacingOccurrences(of: "4.25", with: "4")
        #expect(try VRPLIBReader.parse(contents: integers, rounding: .none).distance(0, 1) == 4)
    }

    @Test(.enabled(if: TestData.sharedAvailable))
    func solomonDefaultIsDimacsAndOthersApply() throws {
        let dimacs = try InstanceReader.read(path: TestData.solomon("R101"))
        let explicitDimacs = try InstanceReader.read(path: TestData.solomon("R101"), rounding: .dimacs)
        #expect(dimacs.convention == .truncatedTenths && dimacs.scale == 10)
        #expect(dimacs.distance(0, 1) == explicitDimacs.distance(0, 1) && dimacs.dueTimes == explicitDimacs.dueTimes)
        let rounded = try InstanceReader.read(path: TestData.solomon("R101"), rounding: .round)
        #expect(rounded.scale == 1 && rounded.convention == .roundedEuclidean)
        #expect(rounded.dueTimes[1] * 10 == dimacs.dueTimes[1])
    }

    @Test func jsonRefusesARounding() throws {
        let path = TestData.root.appendingPathComponent("instances/demo-json-12.json").path
        #expect(throws: InputError.self) { try InstanceReader.read(path: path, rounding: .dimacs) }
    }

    /// Every best-known solution of the folder, recomputed by the verifier under the DIMACS
    /// rounding, is feasible and costs exactly its `Cost` line.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: homberger.path)))
    func everyHombergerBestKnownSolutionIsRecomputed() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.homberger.path).filter { $0.hasSuffix(".vrp") }.sorted()
        #expect(names.count >= 40)
        for name in names {
            let path = Self.homberger.appendingPathComponent(name).path
            let problem = try InstanceReader.read(path: path, rounding: .dimacs)
            #expect(problem.customerCount == 1000 && problem.hasTimeWindows && problem.vehicleLimit != nil)
            #expect(problem.serviceTimes.dropFirst().allSatisfy { $0 > 0 }, "\(name): SERVICE_TIME read")
            let sol = try SolutionFile.read(path: String(path.dropLast(4)) + ".sol")
            let claimed = try #require(sol.cost.flatMap(Double.init))
            let report = Verifier.check(problem, routes: sol.routes, claimedCost: Int((claimed * 10).rounded()))
            #expect(report.isFeasible, "\(name): \(report.violations.prefix(3))")
            #expect(problem.format(report.cost) == sol.cost, "\(name)")
        }
    }
}
