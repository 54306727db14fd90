import Foundation
import Testing
@testable import OnTimeCore

/// Large instances keep O(n) memory: weights computed from coordinates instead of an
/// n × n matrix, and neighbour lists found through a grid instead of all pairs — both
/// must give exactly what the stored matrix and the all-pairs search give.
@Suite("Scale: computed distances and grid neighbours")
struct ScaleTests {
    static func points(_ count: Int, seed: UInt64, spread: Double = 1_000, fractional: Bool = true) -> [Point] {
        var rng = RandomGenerator(seed: seed)
        return (0..<count).map { _ in
            fractional ? Point(x: rng.unit() * spread, y: rng.unit() * spread)
                : Point(x: Double(rng.below(Int(spread) + 1)), y: Double(rng.below(Int(spread) + 1)))
        }
    }

    @Test(arguments: [Matrix.EuclideanRule.rounded, .truncatedTenths])
    func computedWeightsEqualStoredOnes(rule: Matrix.EuclideanRule) {
        let pts = Self.points(300, seed: 9)
        let stored = Matrix(points: pts, rule: rule, stored: true), computed = Matrix(points: pts, rule: rule, stored: false)
        #expect(!stored.isComputed && computed.isComputed && stored.stored != nil && computed.stored == nil)
        for i in 0..<pts.count {
            for j in 0..<pts.count {
                #expect(computed[i, j] == stored[i, j])
                #expect(stored.stored![i, j] == stored[i, j])
            }
        }
        #expect(computed.maximum >= stored.maximum && computed.isSymmetric)
        // Large coordinate instances are computed by default, small ones stored.
        #expect(Matrix(points: Self.points(Matrix.storedLimit + 1, seed: 1), rule: rule).isComputed)
        #expect(!Matrix(points: pts, rule: rule).isComputed)
    }

    static func sameLists(_ p: Problem, size: Int) -> Bool {
        let grid = Neighbourhood(problem: p, size: size), all = Neighbourhood(problem: p, size: size, grid: false)
        return (1...p.customerCount).allSatisfy { Array(grid.neighbours(of: $0)) == Array(all.neighbours(of: $0)) }
    }

    @Test func gridNeighboursEqualAllPairs() {
        for seed: UInt64 in 1...3 {
            // Integer grid points: many equal distances, so ties by index are exercised.
            #expect(Self.sameLists(TestData.randomProblem(customers: 400, seed: seed), size: 12))
            #expect(Self.sameLists(TestData.randomProblem(customers: 60, seed: seed), size: 59))
            #expect(Self.sameLists(TestData.randomTimeWindowProblem(customers: 250, seed: seed), size: 15))
        }
        // Clustered: most customers in a tiny square, a few far away; repeated points.
        var pts = Self.points(300, seed: 4, spread: 5)
        pts += Self.points(20, seed: 5, spread: 100_000)
        pts += Array(repeating: Point(x: 3, y: 3), count: 30)
        let n = pts.count - 1
        let p = Problem(name: "clustered", originalIDs: Array(1...(n + 1)), coordinates: pts, demands: [0] + Array(repeating: 1, count: n),
                        capacity: 10, vehicleLimit: nil, distances: Matrix(points: pts, rule: .rounded, stored: false),
                        convention: .roundedEuclidean)
        #expect(Self.sameLists(p, size: 25))
        #expect(Self.sameLists(p, size: 1))
    }

    @Test func searchOnComputedWeightsMatchesStored() {
        let pts = Self.points(151, seed: 6, spread: 100)
        var rng = RandomGenerator(seed: 1)
        let demands = (0...150).map { $0 == 0 ? 0 : 1 + rng.below(20) }
        func problem(_ stored: Bool) -> Problem {
            Problem(name: "p", originalIDs: Array(1...151), coordinates: pts, demands: demands, capacity: 60, vehicleLimit: nil,
                    distances: Matrix(points: pts, rule: .rounded, stored: stored), convention: .roundedEuclidean)
        }
        let a = problem(true), b = problem(false)
        let start = TestData.randomSolution(a, routeCount: 12, rng: &rng)
        var results: [Solution] = []
        for p in [a, b] {
            var search = LocalSearch<Matrix, ClassicFeatures>(problem: p, neighbours: Neighbourhood(problem: p, size: 10), penalties: Penalties(capacity: 1e6))
            search.load(start)
            var r = RandomGenerator(seed: 7)
            search.run(rng: &r)
            results.append(search.solution())
        }
        #expect(results[0] == results[1])
        #expect(a.cost(of: results[0]) == b.cost(of: results[1]))
    }

    @Test func aTenThousandCustomerInstanceIsReadWithoutAMatrix() throws {
        var rng = RandomGenerator(seed: 3)
        var text = "NAME : big\nTYPE : CVRP\nDIMENSION : 10001\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 100\nNODE_COORD_SECTION\n"
        for i in 1...10_001 { text += "\(i) \(rng.below(10_001)) \(rng.below(10_001))\n" }
        text += "DEMAND_SECTION\n1 0\n"
        for i in 2...10_001 { text += "\(i) \(1 + rng.below(10))\n" }
        text += "DEPOT_SECTION\n1\n-1\nEOF\n"
        let p = try VRPLIBReader.parse(contents: text)
        #expect(p.distances.isComputed && p.customerCount == 10_000)
        // Neighbour lists through the grid: spot-check against a direct scan.
        let lists = Neighbourhood(problem: p, size: 8)
        for c in stride(from: 1, through: 10_000, by: 997) {
            let direct = (1...10_000).filter { $0 != c }.sorted {
                let a = p.distance(c, $0), b = p.distance(c, $1)
                return a != b ? a < b : $0 < $1
            }.prefix(8)
            #expect(Array(lists.neighbours(of: c)).map(Int.init) == Array(direct))
        }
    }
}
