import Foundation
import Testing
@testable import OnTimeCore

@Suite("VRPLIB reader")
struct VRPLIBReaderTests {
    @Test(.enabled(if: TestData.sharedAvailable))
    func readsCVRPLIBFileWithCRLF() throws {
        let p = try VRPLIBReader.read(path: TestData.x("X-n101-k25.vrp"))
        #expect(p.name == "X-n101-k25")
        #expect(p.nodeCount == 101)
        #expect(p.capacity == 206)
        #expect(p.convention == .roundedEuclidean)
        #expect(p.vehicleLimit == nil)
        // Node 1 (365, 689) to node 2 (146, 180): sqrt(219² + 509²) = 554.1… → 554.
        #expect(p.distance(0, 1) == 554)
        #expect(p.demands[0] == 0)
        #expect(p.demands.allSatisfy { $0 >= 0 && $0 <= 206 })
    }

    @Test func readsDemoInstance() throws {
        let p = try InstanceReader.read(path: TestData.demo)
        #expect(p.customerCount == 30)
        #expect(!p.hasTimeWindows)
    }

    /// Four nodes with coordinates whose EUC_2D matrix is written out in every explicit format.
    static let coordinates: [(Double, Double)] = [(0, 0), (3, 4), (6, 8), (10, 0)]
    static func weight(_ i: Int, _ j: Int) -> Int {
        let a = coordinates[i], b = coordinates[j]
        return Int((((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1)).squareRoot() + 0.5))
    }

    static func file(type: String, body: [String]) -> String {
        ([
            "NAME : tiny", "TYPE : CVRP", "DIMENSION : 4", "CAPACITY : 10",
        ] + body + [
            "DEMAND_SECTION", "1 0", "2 3", "3 4", "4 5", "DEPOT_SECTION", "1", "-1", "EOF",
        ]).joined(separator: "\n")
    }

    static func explicit(_ format: String, rows: [[Int]]) -> String {
        file(type: "EXPLICIT", body: [
            "EDGE_WEIGHT_TYPE : EXPLICIT", "EDGE_WEIGHT_FORMAT : \(format)", "EDGE_WEIGHT_SECTION",
        ] + rows.map { $0.map(String.init).joined(separator: " ") })
    }

    @Test(arguments: ["FULL_MATRIX", "LOWER_ROW", "UPPER_ROW", "LOWER_DIAG_ROW", "UPPER_DIAG_ROW"])
    func explicitFormatsAgreeWithEuclidean(format: String) throws {
        let n = 4
        var rows: [[Int]] = []
        for i in 0..<n {
            switch format {
            case "FULL_MATRIX": rows.append((0..<n).map { Self.weight(i, $0) })
            case "LOWER_ROW": if i > 0 { rows.append((0..<i).map { Self.weight(i, $0) }) }
            case "UPPER_ROW": if i < n - 1 { rows.append(((i + 1)..<n).map { Self.weight(i, $0) }) }
            case "LOWER_DIAG_ROW": rows.append((0...i).map { Self.weight(i, $0) })
            default: rows.append((i..<n).map { Self.weight(i, $0) })
            }
        }
        let p = try VRPLIBReader.parse(contents: Self.explicit(format, rows: rows))
        #expect(p.convention == .explicit)
        for i in 0..<n { for j in 0..<n { #expect(p.distance(i, j) == Self.weight(i, j), "\(format) (\(i),\(j))") } }
        // The same weights laid out one per line must give the same matrix.
        let flat = try VRPLIBReader.parse(contents: Self.explicit(format, rows: rows.flatMap { $0 }.map { [$0] }))
        #expect(flat.distances == p.distances)
    }

    @Test func depotNeedNotBeNodeOne() throws {
        let text = """
            NAME : depot3
            DIMENSION : 3
            CAPACITY : 10
            EDGE_WEIGHT_TYPE : EUC_2D
            NODE_COORD_SECTION
            1 0 0
            2 3 4
            3 6 8
            DEMAND_SECTION
            1 2
            2 3
            3 0
            DEPOT_SECTION
            3
            -1
            EOF
            """
        let p = try VRPLIBReader.parse(contents: text)
        #expect(p.originalIDs == [3, 1, 2])
        #expect(p.demands == [0, 2, 3])
        #expect(p.distance(0, 1) == 10)
        #expect(p.distance(0, 2) == 5)
    }

    @Test func keyValueWithoutSpacesAndVehicles() throws {
        let text = "NAME:t\nDIMENSION:3\nCAPACITY:5\nVEHICLES:2\nEDGE_WEIGHT_TYPE:EUC_2D\nNODE_COORD_SECTION\n1 0 0\n2 1 0\n3 0 1\nDEMAND_SECTION\n1 0\n2 1\n3 1\nDEPOT_SECTION\n1\n-1\n"
        let p = try VRPLIBReader.parse(contents: text)
        #expect(p.vehicleLimit == 2)
        #expect(p.nodeCount == 3)
    }

    @Test func errorsCarryFileAndLine() {
        let text = "NAME : t\nDIMENSION : 3\nCAPACITY : 5\nEDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n1 0 0\n2 1 0\n3 0 1\nDEMAND_SECTION\n1 0\n2 -4\n3 1\nDEPOT_SECTION\n1\n-1\n"
        do {
            _ = try VRPLIBReader.parse(contents: text, path: "bad.vrp")
            Issue.record("negative demand was accepted")
        } catch {
            #expect(error.file == "bad.vrp")
            #expect(error.line == 11)
            #expect(error.description.hasPrefix("bad.vrp:11: "))
            #expect(error.description.contains("negative demand"))
        }
    }
}
