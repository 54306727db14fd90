import Testing
@testable import OnTimeCore

@Suite("GLPK layer")
struct GLPKTests {
    @Test func linksAndReportsItsVersion() {
        let parts = GLPK.version.split(separator: ".")
        #expect(parts.count >= 2)
        #expect((Int(parts[0]) ?? 0) >= 4)
    }

    @Test func solvesAnLP() throws {
        // max 3x + 2y s.t. x + y <= 4, x + 3y <= 6, x <= 3  →  x = 3, y = 1, objective 11.
        var m = LinearModel(sense: .maximize)
        let x = m.addVariable("x", objective: 3), y = m.addVariable("y", objective: 2)
        m.addConstraint([(x, 1), (y, 1)], upper: 4, name: "a")
        m.addConstraint([(x, 1), (y, 3)], upper: 6, name: "b")
        m.addConstraint([(x, 1)], upper: 3, name: "c")
        let s = try GLPK.solve(m)
        #expect(s.status == .optimal)
        #expect(abs((s.objective ?? 0) - 11) < 1e-9)
        #expect(abs(s.values[x] - 3) < 1e-9 && abs(s.values[y] - 1) < 1e-9)
    }

    @Test func solvesAKnapsackMIPWhereTheLPRoundsWrong() throws {
        // Weights 5, 4, 3, values 10, 7, 5, capacity 7: LP takes item 1 and 2/4 of item 2;
        // the integer optimum is items 2 and 3 (value 12).
        var m = LinearModel(sense: .maximize)
        let items = [(5.0, 10.0), (4.0, 7.0), (3.0, 5.0)].map { m.addVariable(kind: .binary, objective: $0.1) }
        m.addConstraint(zip(items, [5.0, 4.0, 3.0]).map { ($0, $1) }, upper: 7, name: "capacity")
        let s = try GLPK.solve(m)
        #expect(s.status == .optimal)
        #expect(s.objective == 12)
        #expect(s.values.map { $0.rounded() } == [0, 1, 1])
        #expect((s.relaxationBound ?? 0) > 12)  // the LP bound is weaker: 10 + 7·2/4 = 13.5
    }

    @Test func duplicateTermsAreSummed() throws {
        // min x s.t. x + x >= 3 (written as two terms)  →  x = 1.5.
        var m = LinearModel()
        let x = m.addVariable(objective: 1)
        m.addConstraint([(x, 1), (x, 1)], lower: 3)
        let s = try GLPK.solve(m)
        #expect(abs(s.values[x] - 1.5) < 1e-9)
    }

    @Test func reportsInfeasible() throws {
        var m = LinearModel()
        let x = m.addVariable(kind: .integer, lower: 0, upper: 10, objective: 1)
        m.addConstraint([(x, 1)], lower: 5)
        m.addConstraint([(x, 1)], upper: 4)
        #expect(try GLPK.solve(m).status == .infeasible)
        // Integer-infeasible although the LP is feasible: 2x = 3.
        var parity = LinearModel()
        let y = parity.addVariable(kind: .integer, lower: 0, upper: 10)
        parity.addConstraint([(y, 2)], lower: 3, upper: 3)
        #expect(try GLPK.solve(parity).status == .infeasible)
    }

    @Test func reportsUnbounded() throws {
        var m = LinearModel(sense: .maximize)
        let x = m.addVariable(objective: 1), y = m.addVariable(objective: 1)
        m.addConstraint([(x, 1), (y, -1)], upper: 1)
        #expect(try GLPK.solve(m).status == .unbounded)
    }

    @Test func honoursTheTimeLimit() throws {
        // 2·Σx = 41 over 40 binaries has no integer solution, but branch-and-bound
        // without cuts needs exponentially many nodes to prove it.
        var m = LinearModel()
        let xs = (0..<40).map { _ in m.addVariable(kind: .binary, objective: 1) }
        m.addConstraint(xs.map { ($0, 2.0) }, lower: 41, upper: 41)
        let s = try GLPK.solve(m, timeLimit: 0.2)
        #expect(s.status == .timeLimitWithoutSolution)
        #expect(s.seconds < 1.0)
    }

    @Test func aStartSolutionIsNeverLost() throws {
        // The parity model again, made feasible by one odd-weighted binary: GLPK cannot
        // find a solution in 0.2 s on its own (see above) but starts from the given one.
        var m = LinearModel()
        let xs = (0..<40).map { _ in m.addVariable(kind: .binary, objective: 1) }
        let odd = m.addVariable(kind: .binary, objective: 100)
        m.addConstraint(xs.map { ($0, 2.0) } + [(odd, 3.0)], lower: 41, upper: 41)
        let start = (0..<40).map { $0 < 19 ? 1.0 : 0.0 } + [1.0]
        let s = try GLPK.solve(m, start: start, timeLimit: 0.2)
        #expect(s.hasSolution)
        #expect(try #require(s.objective) <= 119 + 1e-9)
        #expect(s.seconds < 1.0)
    }

    @Test func theBestBoundIsProvenAndNeverPastTheAnswer() throws {
        // The knapsack above: proven optimal, so the bound is the optimum itself.
        var knapsack = LinearModel(sense: .maximize)
        let items = [(5.0, 10.0), (4.0, 7.0), (3.0, 5.0)].map { knapsack.addVariable(kind: .binary, objective: $0.1) }
        knapsack.addConstraint(zip(items, [5.0, 4.0, 3.0]).map { ($0, $1) }, upper: 7)
        let solved = try GLPK.solve(knapsack)
        #expect(solved.bestBound == 12 && solved.relaxationBound == 13.5)
        // The parity model stopped by the clock: the optimum is 119 (the odd item and 19
        // others), the LP relaxation 20.5; the bound lies between, the answer above it.
        var m = LinearModel()
        let xs = (0..<40).map { _ in m.addVariable(kind: .binary, objective: 1) }
        let odd = m.addVariable(kind: .binary, objective: 100)
        m.addConstraint(xs.map { ($0, 2.0) } + [(odd, 3.0)], lower: 41, upper: 41)
        let start = (0..<40).map { $0 < 19 ? 1.0 : 0.0 } + [1.0]
        let s = try GLPK.solve(m, start: start, timeLimit: 0.2)
        let bound = try #require(s.bestBound)
        #expect(bound >= 20.5 - 1e-9 && bound <= 119 + 1e-9)
        #expect(bound <= (s.objective ?? 0) + 1e-9)
        // An LP's bound is its optimum.
        var lp = LinearModel()
        let x = lp.addVariable(objective: 2)
        lp.addConstraint([(x, 1)], lower: 3)
        #expect(try GLPK.solve(lp).bestBound == 6)
    }

    @Test func aStartIsUsedAsTheFirstIncumbent() throws {
        // A knapsack (maximise) with its optimum as start: the answer keeps that value.
        var m = LinearModel(sense: .maximize)
        let values = [10.0, 13, 7, 8, 9, 4, 11, 6]
        let weights = [5.0, 7, 4, 4, 5, 2, 6, 3]
        let xs = values.map { m.addVariable(kind: .binary, objective: $0) }
        m.addConstraint(zip(xs, weights).map { ($0, $1) }, upper: 15)
        var best = 0.0, bestMask = 0
        for mask in 0..<(1 << 8) {
            var w = 0.0, v = 0.0
            for k in 0..<8 where mask & (1 << k) != 0 { w += weights[k]; v += values[k] }
            if w <= 15 && v > best { best = v; bestMask = mask }
        }
        let start = (0..<8).map { bestMask & (1 << $0) != 0 ? 1.0 : 0.0 }
        let s = try GLPK.solve(m, start: start, timeLimit: 5)
        #expect(s.status == .optimal)
        #expect(s.objective == best)
    }

    @Test func badStartsAreRejectedBeforeGLPKSeesThem() {
        var m = LinearModel()
        let x = m.addVariable(kind: .binary, objective: 1), y = m.addVariable(kind: .integer, upper: 5, objective: 1)
        m.addConstraint([(x, 1), (y, 1)], lower: 2)
        #expect(throws: GLPKError.self) { try GLPK.solve(m, start: [1]) }          // wrong length
        #expect(throws: GLPKError.self) { try GLPK.solve(m, start: [1, 1.5]) }     // not integral
        #expect(throws: GLPKError.self) { try GLPK.solve(m, start: [2, 0]) }       // outside bounds
        #expect(throws: GLPKError.self) { try GLPK.solve(m, start: [0, 1]) }       // violates the row
        #expect(throws: GLPKError.self) { try GLPK.solve(m, start: [1, .nan]) }
        #expect((try? GLPK.solve(m, start: [0, 2]))?.objective == 2)
    }

    @Test func invalidModelsAreSwiftErrorsNotAborts() {
        var badIndex = LinearModel()
        _ = badIndex.addVariable()
        badIndex.addConstraint([(5, 1)], upper: 1)
        #expect(throws: GLPKError.self) { try GLPK.solve(badIndex) }

        var badBounds = LinearModel()
        _ = badBounds.addVariable(lower: 3, upper: 1)
        #expect(throws: GLPKError.self) { try GLPK.solve(badBounds) }

        var notFinite = LinearModel()
        let x = notFinite.addVariable(objective: .nan)
        notFinite.addConstraint([(x, 1)], upper: 1)
        #expect(throws: GLPKError.self) { try GLPK.solve(notFinite) }

        #expect(throws: GLPKError.self) { try GLPK.solve(LinearModel(), relativeGap: -1) }
    }
}

@Suite("GLPK edge cases")
struct GLPKEdgeCaseTests {
    @Test func emptyAndUnconstrainedModels() throws {
        #expect(try GLPK.solve(LinearModel()).status == .optimal)
        var m = LinearModel()
        let x = m.addVariable(kind: .integer, lower: 2, upper: 9, objective: 1)
        let s = try GLPK.solve(m)
        #expect(s.status == .optimal)
        #expect(s.values[x] == 2)
    }
}
