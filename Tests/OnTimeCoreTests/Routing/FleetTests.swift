import Foundation
import Testing
@testable import OnTimeCore

/// A fixed fleet that binds: two heavy customers far east (demand 6 each, capacity 10)
/// and two light ones west. Without a limit the best plan has 3 routes (each heavy one
/// alone, the light pair together); with 2 vehicles each route must go east and west.
@Suite("Fixed fleet")
struct FleetTests {
    static func problem(vehicles: Int?) -> Problem {
        let points = [Point(x: 0, y: 0), Point(x: 100, y: 0), Point(x: 100, y: 1), Point(x: -50, y: 0), Point(x: -50, y: 1)]
        return Problem(name: "fleet", originalIDs: Array(1...5), coordinates: points, demands: [0, 6, 6, 4, 4], capacity: 10,
                       vehicleLimit: vehicles, distances: Matrix(points: points, rule: .rounded), convention: .roundedEuclidean)
    }

    @Test func theSearchKeepsToTheFleet() throws {
        let free = try RoutingSolver.solve(Self.problem(vehicles: nil), options: SolverOptions(timeLimit: nil, maxIterations: 300))
        #expect(free.solution.routes.count == 3 && free.cost == 501)
        let limited = Self.problem(vehicles: 2)
        let result = try RoutingSolver.solve(limited, options: SolverOptions(timeLimit: nil, maxIterations: 300))
        #expect(result.solution.routes.count == 2)
        #expect(result.cost == 600, "each route: 100 east, 150 across, 50 back")
        #expect(Verifier.check(limited, routes: result.solution.routes, claimedCost: result.cost).isFeasible)
        // The verifier refuses the free plan under the limit.
        #expect(Verifier.check(limited, routes: free.solution.routes).violations == ["3 routes used but the fleet has 2 vehicles"])
    }

    @Test func theLimitedSplitMatchesBruteForce() {
        // Every way to cut a tour into at most m consecutive routes, priced with the
        // penalised cost: the limited split must find the cheapest.
        let p = TestData.randomProblem(customers: 9, capacity: 40, seed: 5)
        let tour = (1...9).map(Int32.init)
        let penalties = Penalties(capacity: 10)
        func cost(_ routes: [[Int32]]) -> Double {
            routes.reduce(0.0) { total, r in
                let s = p.schedule(r.map(Int.init))
                return total + penalties.cost(distance: s.distance, excess: max(0, s.load - p.capacity), timeWarp: 0)
            }
        }
        for m in 1...4 {
            var best = Double.infinity
            for cuts in 0..<(1 << 8) where cuts.nonzeroBitCount < m {
                var routes: [[Int32]] = [], current: [Int32] = [tour[0]]
                for k in 1..<9 {
                    if cuts & (1 << (k - 1)) != 0 { routes.append(current); current = [] }
                    current.append(tour[k])
                }
                routes.append(current)
                // The split keeps routes within 1.5× the capacity (a route of one customer always).
                guard routes.allSatisfy({ $0.count == 1 || $0.reduce(0, { $0 + p.demands[Int($1)] }) <= p.capacity * 3 / 2 }) else { continue }
                best = min(best, cost(routes))
            }
            let split = Split.limited(tour, problem: p, penalties: penalties, fleet: m)
            if best == .infinity {
                #expect(split == nil)
            } else {
                let routes = try! #require(split)
                #expect(routes.count <= m && routes.joined().map { $0 } == tour)
                #expect(abs(cost(routes) - best) < 1e-9, "m = \(m): \(cost(routes)) vs \(best)")
            }
        }
    }
}
