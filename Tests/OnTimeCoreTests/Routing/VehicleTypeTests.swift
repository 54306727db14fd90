import Foundation
import Testing
@testable import OnTimeCore

/// Vehicle types, several depots, shifts, route limits and optional stops: for each, a
/// tiny instance where it binds and the solver obeys it, and a plan breaking it that the
/// verifier refuses; then random rich states where every move's delta is checked.
@Suite("Vehicle types and rich constraints")
struct VehicleTypeTests {
    /// An instance on the plane (rounded Euclidean distances; travel time = distance).
    /// The last `depotCount - 1` points are the extra depots.
    static func make(_ points: [Point], demands: [Int], depotCount: Int = 1, types: [VehicleType],
                     ready: [Int]? = nil, due: [Int]? = nil, service: [Int]? = nil, prizes: [Int?]? = nil,
                     shipments: [Shipment] = [], skills: [Set<String>]? = nil, extraDemands: [[Int]] = []) -> Problem {
        let limit: Int? = types.contains { $0.count == nil } ? nil : types.reduce(0) { $0 + $1.count! }
        return Problem(name: "rich", originalIDs: Array(1...points.count), coordinates: points, demands: demands,
                       capacity: types.map(\.capacity).max()!, vehicleLimit: limit, distances: Matrix(points: points, rule: .rounded),
                       convention: .roundedEuclidean, readyTimes: ready, dueTimes: due, serviceTimes: service,
                       depotCount: depotCount, vehicleTypes: types, prizes: prizes, shipments: shipments,
                       requiredSkills: skills, extraDemands: extraDemands)
    }

    static func solve(_ p: Problem, iterations: Int = 300) throws -> SolverResult {
        let result = try RoutingSolver.solve(p, options: SolverOptions(timeLimit: nil, maxIterations: iterations))
        let report = Verifier.check(p, routes: result.solution.routes, vehicles: result.solution.vehicles, claimedCost: result.cost)
        #expect(report.isFeasible, "\(report.violations)")
        return result
    }

    /// The vehicle type driving the route that visits customer c.
    static func type(of c: Int, in s: Solution) -> Int? {
        s.routes.firstIndex { $0.contains(c) }.map { s.vehicles[$0] }
    }

    @Test func theClassicProblemStaysClassic() {
        let p = TestData.randomProblem(customers: 10, seed: 1)
        #expect(p.isClassic && p.vehicleTypes.count == 1 && p.depotNodes == [0] && !p.isTimed)
        let rich = Self.make([Point(x: 0, y: 0), Point(x: 1, y: 0)], demands: [0, 1],
                             types: [VehicleType(name: "v", count: 1, capacity: 5, fixedCost: 3)])
        #expect(!rich.isClassic)
    }

    @Test func capacitiesPerType() throws {
        // Customer 1 (demand 25) fits only the big truck, which costs 100 to use.
        let points = [Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 0, y: 10), Point(x: -10, y: 0)]
        let types = [VehicleType(name: "small", count: 3, capacity: 10), VehicleType(name: "big", count: 1, capacity: 30, fixedCost: 100)]
        let p = Self.make(points, demands: [0, 25, 5, 5], types: types)
        let result = try Self.solve(p)
        #expect(Self.type(of: 1, in: result.solution) == 1)
        #expect(result.solution.vehicles.filter { $0 == 1 }.count == 1)
        let broken = Verifier.check(p, routes: [[1], [2, 3]], vehicles: [0, 0])
        #expect(broken.violations == ["route 1: load 25 exceeds the capacity 10 of a small"])
    }

    @Test func fixedCostsAndCountsPerType() throws {
        // Two routes are needed (4 × 5 for capacity 10); only one cheap vehicle exists.
        let points = [Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 10, y: 1), Point(x: -10, y: 0), Point(x: -10, y: 1)]
        let types = [VehicleType(name: "cheap", count: 1, capacity: 10), VehicleType(name: "dear", count: 5, capacity: 10, fixedCost: 1000)]
        let p = Self.make(points, demands: [0, 5, 5, 5, 5], types: types)
        let result = try Self.solve(p)
        #expect(result.solution.vehicles.sorted() == [0, 1])
        #expect(result.cost == 1000 + 2 * 21, "two routes of 10 + 1 + 10 plus one dear vehicle")
        let report = Verifier.check(p, routes: [[1, 2], [3, 4]], vehicles: [0, 0])
        #expect(report.violations == ["2 routes use a cheap but the fleet has 1"])
        // Per-distance costs multiply the distance.
        var doubled = types
        doubled[0].distanceCost = 2
        let q = Self.make(points, demands: [0, 5, 5, 5, 5], types: doubled)
        #expect(Verifier.check(q, routes: [[1, 2], [3, 4]], vehicles: [0, 1]).cost == 2 * 21 + 21 + 1000)
    }

    @Test func severalDepots() throws {
        // Depot 0 in the west, depot 5 (the last point) in the east, a pair of customers near
        // each; each depot has one vehicle. A plan from the wrong depots costs far more.
        let points = [Point(x: 0, y: 0), Point(x: 0, y: 5), Point(x: 0, y: -5), Point(x: 100, y: 5), Point(x: 100, y: -5), Point(x: 100, y: 0)]
        let types = [VehicleType(name: "west", count: 1, capacity: 10), VehicleType(name: "east", count: 1, capacity: 10, startDepot: 5, endDepot: 5)]
        let p = Self.make(points, demands: [0, 5, 5, 5, 5, 0], depotCount: 2, types: types)
        #expect(p.customerCount == 4 && p.depotNodes == [0, 5])
        let result = try Self.solve(p)
        #expect(result.cost == 40)
        #expect(Self.type(of: 1, in: result.solution) == 0 && Self.type(of: 3, in: result.solution) == 1)
        #expect(Verifier.check(p, routes: [[1, 2], [3, 4]], vehicles: [1, 0]).cost == 2 * (100 + 10 + 100))
        // A vehicle may end elsewhere: west to east through all four.
        let oneWay = Self.make(points, demands: [0, 5, 5, 5, 5, 0], depotCount: 2,
                               types: [VehicleType(name: "through", count: 1, capacity: 20, startDepot: 0, endDepot: 5)])
        let through = try Self.solve(oneWay)
        #expect(through.cost == 5 + 10 + 100 + 10 + 5, "0 → (0,5) → (0,-5) → (100,-5) → (100,5) → east depot")
    }

    @Test func shiftsPerType() throws {
        // Customer 2's window opens at 300; only the late shift is on the road then.
        let points = [Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 0, y: 10)]
        let types = [VehicleType(name: "early", count: 2, capacity: 10, shiftStart: 0, shiftEnd: 100),
                     VehicleType(name: "late", count: 1, capacity: 10, fixedCost: 50, shiftStart: 100, shiftEnd: 1000)]
        let p = Self.make(points, demands: [0, 1, 1], types: types, ready: [0, 0, 300], due: [1000, 50, 400])
        let result = try Self.solve(p)
        #expect(Self.type(of: 1, in: result.solution) == 0 && Self.type(of: 2, in: result.solution) == 1)
        let late = Verifier.check(p, routes: [[1], [2]], vehicles: [0, 0])
        #expect(late.violations == ["route 2: returns at 310, after 100 (depot closing or end of shift)"])
        // Its schedule says when it leaves and arrives.
        let s = p.schedule([2], vehicle: 1)
        #expect(s.departure == 290 && s.stops[0].arrival == 300 && s.returnTime == 310)
    }

    /// A shift that starts after its start depot closes allows no departure (the verifier
    /// says so); the search used to price such a route as if it left at the shift's start,
    /// so it drove the cheap "early" vehicle and `solve` ended with no feasible plan.
    @Test func aShiftStartingAfterTheDepotClosesCannotDrive() throws {
        let points = [Point(x: 0, y: 0), Point(x: 3, y: 4), Point(x: 6, y: 8)]
        let early = VehicleType(name: "early", count: 1, capacity: 5, startDepot: 0, endDepot: 2, shiftStart: 20, shiftEnd: 100)
        let late = VehicleType(name: "late", count: 1, capacity: 5, startDepot: 0, endDepot: 2, fixedCost: 100, shiftStart: 0, shiftEnd: 50)
        let p = Self.make(points, demands: [0, 1, 0], depotCount: 2, types: [early, late], ready: [0, 0, 0], due: [10, 1000, 1000])
        #expect(p.searchEvaluation([1], vehicle: 0).overrun > 0)
        let result = try Self.solve(p)
        #expect(result.solution.vehicles == [1] && result.cost == 110)
        // With only the early vehicle nobody can serve customer 1: it is left out, with a reason.
        let q = Self.make(points, demands: [0, 1, 0], depotCount: 2, types: [early], ready: [0, 0, 0], due: [10, 1000, 1000])
        #expect(Screening.unservable(q).map(\.customer) == [1])
    }

    @Test func maximumDurationAndDistance() throws {
        let points = [Point(x: 0, y: 0), Point(x: 20, y: 0), Point(x: -20, y: 0)]
        for limitDuration in [true, false] {
            let type = VehicleType(name: "van", count: 5, capacity: 100, maxDuration: limitDuration ? 50 : nil, maxDistance: limitDuration ? nil : 50)
            let p = Self.make(points, demands: [0, 1, 1], types: [type])
            let result = try Self.solve(p)
            #expect(result.solution.routes.count == 2 && result.cost == 80)
            let one = Verifier.check(p, routes: [[1, 2]], vehicles: [0])
            #expect(one.violations == [limitDuration ? "route 1: lasts 80, above the van's maximum 50"
                                                     : "route 1: distance 80 is above the van's maximum 50"])
        }
    }

    @Test func optionalStopsWithPrizes() throws {
        // Customer 2 is far for its small prize and is skipped; customer 3 pays its detour.
        let points = [Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 60, y: 0), Point(x: 0, y: 10)]
        let p = Self.make(points, demands: [0, 1, 1, 1], types: [VehicleType(name: "van", count: 1, capacity: 10)],
                          prizes: [nil, nil, 10, 100])
        let result = try Self.solve(p)
        #expect(result.solution.routes.joined().sorted() == [1, 3])
        #expect(result.cost == 10 + 14 + 10 + 10, "route 0 → 1 → 3 → 0 (10 + 14 + 10) plus the prize of 2")
        let missing = Verifier.check(p, routes: [[3]], vehicles: [0])
        #expect(missing.violations == ["customer 1 is not visited"])
        #expect(missing.cost == 20 + 10)
    }

    @Test func skillsPerType() throws {
        // Customer 2 needs a cold chain; only the fridge van (at the far depot) has one, and
        // serving customer 1 too would take it the long way (220 against 176 + 20).
        let points = [Point(x: 0, y: 0), Point(x: -10, y: 0), Point(x: 12, y: 0), Point(x: 100, y: 0)]
        let types = [VehicleType(name: "van", count: 2, capacity: 10),
                     VehicleType(name: "fridge", count: 1, capacity: 10, startDepot: 3, endDepot: 3, skills: ["cold"])]
        let p = Self.make(points, demands: [0, 1, 1, 0], depotCount: 2, types: types, skills: [[], [], ["cold"], []])
        #expect(!p.isClassic && p.allows(1, 2) && !p.allows(0, 2) && p.allows(0, 1))
        let result = try Self.solve(p)
        #expect(Self.type(of: 2, in: result.solution) == 1 && Self.type(of: 1, in: result.solution) == 0)
        #expect(Verifier.check(p, routes: [[1, 2]], vehicles: [0]).violations == ["route 1: customer 2 needs cold, which a van lacks"])
        // Nobody with the skill: the customer is left out before the search, with the reason.
        let none = Self.make(points, demands: [0, 1, 1, 0], depotCount: 2, types: [types[0]], skills: [[], [], ["cold"], []])
        let alone = try RoutingSolver.solve(none, options: SolverOptions(timeLimit: nil, maxIterations: 50))
        #expect(alone.unassigned.map(\.customer) == [2] && alone.unassigned[0].reason.contains("skills"))
    }

    @Test func severalLoadDimensions() throws {
        // Weight fits one van (4 of 10), volume does not (6 of 5): two routes.
        let points = [Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 10, y: 1)]
        let van = VehicleType(name: "van", count: 2, capacity: 10, extraCapacities: [5])
        let p = Self.make(points, demands: [0, 2, 2], types: [van], extraDemands: [[0, 3, 3]])
        let result = try Self.solve(p)
        #expect(result.solution.routes.count == 2 && result.cost == 40)
        #expect(Verifier.check(p, routes: [[1, 2]], vehicles: [0]).violations == ["route 1: load 6 in dimension 2 exceeds the capacity 5 of a van"])
        // Through JSON: capacity and demand as lists.
        let json = """
            {"depots": [{"id": "d", "location": [0, 0]}], "vehicles": [{"id": "van", "count": 2, "capacity": [10, 5]}],
             "jobs": [{"id": "a", "location": [10, 0], "demand": [2, 3]}, {"id": "b", "location": [10, 1], "demand": [2, 3]}]}
            """
        let q = try JSONInstanceReader.parse(contents: json)
        #expect(q.extraDemands == [[0, 3, 3]] && q.vehicleTypes[0].extraCapacities == [5] && !q.isClassic)
        #expect(try Self.solve(q).solution.routes.count == 2)
    }

    @Test func durationCostsLeaveAsLateAsUseful() throws {
        // The window opens at 100: leaving at 90 makes a 20-unit day, priced 1 per unit.
        let points = [Point(x: 0, y: 0), Point(x: 10, y: 0)]
        let p = Self.make(points, demands: [0, 1], types: [VehicleType(name: "van", count: 1, capacity: 5, durationCost: 1)],
                          ready: [0, 100], due: [1000, 200])
        let result = try Self.solve(p)
        #expect(result.cost == 20 + 20)
        #expect(p.schedule([1], vehicle: 0).departure == 90)
    }

    /// A random rich instance: two depots, three vehicle types (capacities, fixed and
    /// per-distance costs, shifts, a distance limit), windows, and a third of the
    /// customers optional. Duration costs and limits are left out here, so that the
    /// from-scratch reference below needs only a forward simulation.
    static func randomRich(customers n: Int, seed: UInt64, shipments pairs: Int = 0) -> Problem {
        var rng = RandomGenerator(seed: seed)
        let points = (0...(n + 1)).map { _ in Point(x: Double(rng.below(101)), y: Double(rng.below(101))) }
        // The first 2 × pairs customers are shipments (pickup k, delivery k + 1), required.
        let shipments = (0..<pairs).map { Shipment(pickup: 1 + 2 * $0, delivery: 2 + 2 * $0, amount: 1 + rng.below(15)) }
        let demands = (0...(n + 1)).map { $0 == 0 || $0 == n + 1 || $0 <= 2 * pairs ? 0 : 1 + rng.below(20) }
        let ready = (0...(n + 1)).map { $0 == 0 || $0 == n + 1 ? 0 : rng.below(300) }
        let due = ready.enumerated().map { k, r in k == 0 || k == n + 1 ? 1000 : r + 50 + rng.below(200) }
        let service = (0...(n + 1)).map { $0 == 0 || $0 == n + 1 ? 0 : rng.below(10) }
        let prizes: [Int?] = (0...(n + 1)).map { $0 == 0 || $0 == n + 1 || $0 <= 2 * pairs || rng.below(3) > 0 ? nil : rng.below(80) }
        let types = [
            VehicleType(name: "a", count: 2, capacity: 40, fixedCost: 30, shiftStart: 0, shiftEnd: 600),
            VehicleType(name: "b", count: nil, capacity: 25, startDepot: n + 1, endDepot: n + 1, distanceCost: 2, shiftStart: 100, shiftEnd: 1000),
            VehicleType(name: "c", count: 1, capacity: 60, startDepot: 0, endDepot: n + 1, maxDistance: 250),
        ]
        // Every third seed, a quarter of the customers need a skill only types a and c have.
        let skilled = seed % 3 == 0
        var typed = types
        if skilled { typed[0].skills = ["x"]; typed[2].skills = ["x"] }
        let skills: [Set<String>] = (0...(n + 1)).map { k in skilled && k >= 1 && k <= n && k % 4 == 0 ? ["x"] : [] }
        // Odd seeds: a second and a third load dimension.
        let dimensions = seed % 2 == 1 ? 2 : 0
        let extra = (0..<dimensions).map { _ in (0...(n + 1)).map { $0 == 0 || $0 == n + 1 ? 0 : rng.below(12) } }
        for t in typed.indices { typed[t].extraCapacities = (0..<dimensions).map { _ in 20 + rng.below(30) } }
        return make(points, demands: demands, depotCount: 2, types: typed, ready: ready, due: due, service: service, prizes: prizes,
                    shipments: shipments, skills: skills, extraDemands: extra)
    }

    /// Penalised cost from scratch: per route the type's costs, load excess × `capacity`,
    /// (time warp of a forward simulation + distance above the limit) × `timeWarp`; plus
    /// the prizes of the optional customers left out.
    static func reference(_ p: Problem, _ s: Solution, _ w: Penalties) -> Double {
        var total = Double(p.skippedPrizes(s.routes))
        for (route, t) in zip(s.routes, s.vehicles) {
            let type = p.vehicleTypes[t]
            var time = max(p.readyTimes[type.startDepot], type.shiftStart), previous = type.startDepot, warp = 0, load = 0
            // Load on board: all deliveries at the start, then stop by stop.
            var onBoard = route.reduce(0) { $0 + p.demands[$1] }, peak = onBoard
            for c in route {
                onBoard += (p.shipments.first { $0.pickup == c }?.amount ?? 0) - (p.shipments.first { $0.delivery == c }?.amount ?? 0) - p.demands[c]
                peak = max(peak, onBoard)
            }
            for c in route {
                time = max(time + p.duration(previous, c, vehicle: t), p.readyTimes[c])
                if time > p.dueTimes[c] { warp += time - p.dueTimes[c]; time = p.dueTimes[c] }
                time += p.serviceTimes[c]
                load += p.demands[c]
                previous = c
            }
            time += p.duration(previous, type.endDepot, vehicle: t)
            warp += max(0, time - min(p.dueTimes[type.endDepot], type.shiftEnd))
            let distance = p.routeDistance(route, vehicle: t)
            let over = type.maxDistance.map { max(0, distance - $0) } ?? 0
            let extraExcess = p.extraDemands.enumerated().reduce(0) { sum, entry in
                sum + max(0, route.reduce(0) { $0 + entry.element[$1] } - type.extraCapacities[entry.offset])
            }
            total += Double(type.fixedCost + type.distanceCost * distance)
                + w.capacity * Double(max(0, max(load, peak) - type.capacity) + extraExcess)
                + w.timeWarp * Double(warp + over)
        }
        return total
    }

    @Test func everyMoveDeltaMatchesRecomputationOnRichStates() {
        var tested = 0
        for seed in 1...30 as ClosedRange<UInt64> {
            // Odd seeds: the specialisation without pairs; even seeds: with shipments.
            tested += seed % 2 == 0 ? Self.checkDeltas(seed: seed, PairedFeatures.self) : Self.checkDeltas(seed: seed, RichFeatures.self)
        }
        #expect(tested > 500)
    }

    /// Random moves on a random rich state: each delta against the from-scratch reference.
    static func checkDeltas<F: SearchFeatures>(seed: UInt64, _ features: F.Type,
                                               make: ((Int, Int) -> Problem)? = nil) -> Int {
        let w = Penalties(capacity: 7.5, timeWarp: 0.75)
        var tested = 0
        do {
            var rng = RandomGenerator(seed: seed)
            let n = 8 + rng.below(10)
            let pairs = F.paired ? 3 : 0
            let p = make?(n, pairs) ?? Self.randomRich(customers: n, seed: seed, shipments: pairs)
            var search = LocalSearch<Matrix, F>(problem: p, neighbours: Neighbourhood(problem: p, size: 5), penalties: w)
            // Random routes of random types; some optional customers left out; each
            // shipment in one route, pickup first.
            var routes = [[Int]](repeating: [], count: 4)
            // Routes 0 and 3 (types a and c) take the customers that need a skill.
            func route(for cs: [Int]) -> Int { cs.allSatisfy { p.requiredSkills[$0].isEmpty } ? rng.below(4) : [0, 3][rng.below(2)] }
            for c in (1...n).shuffled(using: &rng) where c > 2 * pairs && (p.prizes[c] == nil || rng.below(2) == 0) { routes[route(for: [c])].append(c) }
            for s in p.shipments {
                let r = route(for: [s.pickup, s.delivery]), i = rng.below(routes[r].count + 1)
                routes[r].insert(s.pickup, at: i)
                routes[r].insert(s.delivery, at: i + 1 + rng.below(routes[r].count - i))
            }
            let start = Solution(routes: routes, vehicles: [0, 1, 1, 2])
            search.load(start)
            #expect(abs(search.penalisedCost + Double(p.skippedPrizes(start.routes)) - Self.reference(p, start, w)) < 1e-6)
            for _ in 0..<100 {
                let before = Self.reference(p, search.solution(), w)
                let a = 1 + rng.below(n), b = 1 + rng.below(n + 2 * search.routeCount)
                guard search.routeOf[a] >= 0, search.routeOf[b] >= 0 else { continue }
                let delta: Double
                switch rng.below(3) {
                case 0:
                    let la = 1 + rng.below(2), lb = b > n ? 0 : rng.below(3)
                    delta = search.evaluateExchange(a, la, b, lb)
                    guard delta.isFinite else { continue }
                    #expect(search.evaluateExchange(a, la, b, lb, time: false) <= delta + 1e-9)
                    search.applyExchange(a, la, b, lb)
                case 1:
                    delta = search.evaluateTwoOptStar(a, b)
                    guard delta.isFinite else { continue }
                    #expect(search.evaluateTwoOptStar(a, b, time: false) <= delta + 1e-9)
                    search.applyTwoOptStar(a, b)
                default:
                    // 2-opt is applied only when it improves.
                    delta = search.evaluateTwoOpt(a, b)
                    guard delta < -1e-9 else { continue }
                    let applied = search.improveTwoOpt(a, b)
                    #expect(applied)
                }
                let after = Self.reference(p, search.solution(), w)
                #expect(abs((after - before) - delta) < 1e-6, "seed \(seed): predicted \(delta), actual \(after - before)")
                tested += 1
            }
            // The whole search only ever lowers the penalised cost, and its cache stays exact.
            let before = Self.reference(p, search.solution(), w)
            search.run(rng: &rng)
            let after = Self.reference(p, search.solution(), w)
            #expect(after <= before + 1e-9)
            #expect(abs(search.penalisedCost + Double(p.skippedPrizes(search.solution().routes)) - after) < 1e-6)
            #expect(search.solution().routes.joined().count + (1...n).count { p.prizes[$0] != nil && !search.solution().routes.joined().contains($0) } == n,
                    "every required customer is routed")
            let final = search.solution()
            #expect(Verifier.check(p, routes: final.routes, vehicles: final.vehicles).violations.allSatisfy { !$0.hasPrefix("shipment") },
                    "seed \(seed): moves never split a pair or reverse it")
            #expect(Verifier.check(p, routes: final.routes, vehicles: final.vehicles).violations.allSatisfy { !$0.contains("lacks") },
                    "seed \(seed): moves never put a customer on a vehicle without its skills")
        }
        return tested
    }

    /// The search's pricing of one route (time segments) against the verifier's (a plain
    /// schedule leaving as late as useful): the same verdict and, when feasible, the same
    /// cost, with duration costs, duration limits and shifts that may miss the depots' hours.
    @Test func searchAndVerifierPriceRoutesAlike() {
        var agreed = 0
        for seed in 1...200 as ClosedRange<UInt64> {
            var rng = RandomGenerator(seed: seed)
            let n = 2 + rng.below(6)
            let base = Self.randomRich(customers: n, seed: seed)
            var types = base.vehicleTypes
            for t in types.indices {
                // Timing only here: no skills or further load dimensions.
                types[t].skills = []
                types[t].extraCapacities = []
                types[t].durationCost = rng.below(3)
                if rng.below(2) == 0 { types[t].maxDuration = 100 + rng.below(400) }
                types[t].shiftStart = rng.below(4) == 0 ? 1100 : rng.below(200)
                types[t].shiftEnd = types[t].shiftStart + 200 + rng.below(900)
            }
            // Depot 0 closes at 1000, the other at 5000; customers' windows are wide half the time.
            let points = (0...(n + 1)).map { base.coordinates![$0] }, wide = rng.below(2) == 0
            let due = base.dueTimes.enumerated().map { $0.offset == 0 ? 1000 : $0.offset == n + 1 || wide ? 5000 : $0.element }
            let p = Self.make(points, demands: base.demands, depotCount: 2, types: types, ready: base.readyTimes, due: due,
                              service: base.serviceTimes)
            agreed += Self.expectSamePricing(p, customers: n, seed: seed, rng: &rng)
        }
        #expect(agreed > 200)
    }

    /// Twenty random routes of p (customers 1...n), each by a random vehicle type allowed
    /// to serve it: the search's pricing and the verifier's give the same verdict and, when
    /// feasible, the same cost. Returns how many were feasible.
    static func expectSamePricing(_ p: Problem, customers n: Int, seed: UInt64, rng: inout RandomGenerator) -> Int {
        var agreed = 0
        for _ in 0..<20 {
            let route = Array((1...n).shuffled(using: &rng).prefix(1 + rng.below(n)))
            let t = rng.below(p.vehicleTypes.count)
            // Skills are the search's moves' business, not its route pricing.
            guard route.allSatisfy({ p.allows(t, $0) }) else { continue }
            let search = p.searchEvaluation(route.map(Int32.init), vehicle: t)
            let verdict = Verifier.typedRoute(p, route, vehicle: t, label: "r")
            let feasible = search.excess == 0 && search.overrun == 0
            #expect(feasible == verdict.violations.isEmpty, "seed \(seed) route \(route) type \(t): \(search) vs \(verdict.violations)")
            if feasible && verdict.violations.isEmpty {
                #expect(search.cost == verdict.cost, "seed \(seed) route \(route) type \(t)")
                agreed += 1
            }
        }
        return agreed
    }

    @Test func randomRichInstancesSolveToVerifiedPlans() throws {
        for seed in 1...6 as ClosedRange<UInt64> {
            try Self.expectVerified(Self.randomRich(customers: 25, seed: seed, shipments: seed % 2 == 0 ? 4 : 0), seed: seed)
        }
    }

    /// Solves p (150 offspring): the claimed cost and every constraint agree with the
    /// verifier, or the plan is the least infeasible one and the verifier says so (never a
    /// cost mismatch, nor a violation containing any of `never`).
    static func expectVerified(_ p: Problem, seed: UInt64, never: [String] = []) throws {
        let result = try RoutingSolver.solve(p, options: SolverOptions(timeLimit: nil, seed: seed, maxIterations: 150))
        let report = Verifier.check(p, routes: result.solution.routes, vehicles: result.solution.vehicles, claimedCost: result.cost,
                                    unassigned: result.unassigned.map(\.customer))
        #expect(!report.violations.contains { v in v.hasPrefix("claimed cost") || never.contains { v.contains($0) } },
                "seed \(seed): \(report.violations)")
        if report.isFeasible { #expect(result.cost == report.cost) }
    }
}
