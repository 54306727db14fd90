import Testing
@testable import OnTimeCore

@Suite("Verifier")
struct VerifierTests {
    @Test(.enabled(if: TestData.sharedAvailable))
    func acceptsBestKnownSolutionWithItsCost() throws {
        let p = try InstanceReader.read(path: TestData.x("X-n101-k25.vrp"))
        let sol = try SolutionFile.read(path: TestData.x("X-n101-k25.sol"))
        let report = Verifier.check(p, routes: sol.routes, claimedCost: 27591)
        #expect(report.isFeasible, "\(report.violations)")
        #expect(report.cost == 27591)
        #expect(report.routeCount == 26)
    }

    @Test(.enabled(if: TestData.sharedAvailable))
    func rejectsAWrongClaimedCost() throws {
        let p = try InstanceReader.read(path: TestData.x("X-n101-k25.vrp"))
        let sol = try SolutionFile.read(path: TestData.x("X-n101-k25.sol"))
        let report = Verifier.check(p, routes: sol.routes, claimedCost: 27590)
        #expect(!report.isFeasible)
        #expect(report.violations.contains { $0.contains("claimed cost 27590") })
    }

    static let problem = TestData.randomProblem(customers: 6, capacity: 100, seed: 11)

    @Test func missingAndDuplicateAndUnknownCustomers() {
        let report = Verifier.check(Self.problem, routes: [[1, 2, 2], [3, 4, 5, 9]])
        #expect(report.violations.contains("customer 6 is not visited"))
        #expect(report.violations.contains("customer 2 is visited 2 times"))
        #expect(report.violations.contains { $0.contains("customer 9 does not exist") })
        #expect(!report.isFeasible)
    }

    @Test func capacity() {
        let p = TestData.randomProblem(customers: 6, capacity: 20, seed: 5)
        let all = Array(1...6)
        let load = all.reduce(0) { $0 + p.demands[$1] }
        #expect(load > 20, "the instance must be too heavy for one vehicle")
        let report = Verifier.check(p, routes: [all])
        #expect(report.violations.contains("route 1: load \(load) exceeds capacity 20"))
        let split = Verifier.check(p, routes: all.map { [$0] })
        #expect(split.isFeasible)
    }

    @Test func costIsRecomputedFromCoordinatesNotTheMatrix() {
        // A problem whose stored matrix disagrees with its coordinates: the verifier must
        // follow the convention (coordinates), so a corrupted matrix cannot fake a cost.
        let points = [Point(x: 0, y: 0), Point(x: 3, y: 4), Point(x: 6, y: 8)]
        let wrong = Matrix(size: 3) { _, _ in 1 }
        let p = Problem(name: "t", originalIDs: [1, 2, 3], coordinates: points, demands: [0, 1, 1], capacity: 5,
                        vehicleLimit: nil, distances: wrong, convention: .roundedEuclidean)
        #expect(Verifier.check(p, routes: [[1, 2]]).cost == 20)
    }

    @Test func timeWindowsAndDepotClosing() throws {
        let text = """
            TW
            VEHICLE
            NUMBER CAPACITY
            3 100
            CUSTOMER
            0 0 0 0 0 100 0
            1 10 0 1 0 15 5
            2 20 0 1 0 30 5
            """
        let p = try SolomonReader.parse(contents: text)
        // 0 -> 1 arrives 10 (ok), leaves 15, -> 2 arrives 25 (ok), back at 45 (ok).
        #expect(Verifier.check(p, routes: [[1, 2]]).isFeasible)
        // 0 -> 2 arrives 20, leaves 25, -> 1 arrives 35 > due 15.
        let late = Verifier.check(p, routes: [[2, 1]])
        #expect(late.violations == ["route 1: customer 1 served at 35.0, after its due time 15.0"])
        // Fleet limit: three vehicles exist.
        #expect(Verifier.check(p, routes: [[1], [2], []]).isFeasible)
    }

    @Test func fleetLimit() throws {
        let p = try SolomonReader.parse(contents: "T\nVEHICLE\nNUMBER CAPACITY\n1 10\nCUSTOMER\n0 0 0 0 0 1000 0\n1 0 1 1 0 1000 0\n2 1 0 1 0 1000 0\n")
        let report = Verifier.check(p, routes: [[1], [2]])
        #expect(report.violations == ["2 routes used but the fleet has 1 vehicles"])
    }
}
