/// A linear or mixed-integer model, built in Swift and solved by `GLPK.solve`.
///
/// The model is plain data: building it never touches GLPK, and `validate()` checks
/// everything GLPK would otherwise abort the process over.
public struct LinearModel: Sendable {
    public enum Sense: Sendable { case minimize, maximize }
    public enum Kind: Sendable { case continuous, integer, binary }

    public struct Variable: Sendable {
        public var name: String
        public var kind: Kind
        /// nil means unbounded on that side.
        public var lower: Double?
        public var upper: Double?
        public var objective: Double
    }

    /// `lower <= Σ coefficient·x[variable] <= upper`; nil bounds are open.
    public struct Constraint: Sendable {
        public var name: String
        public var terms: [(variable: Int, coefficient: Double)]
        public var lower: Double?
        public var upper: Double?
    }

    public var sense: Sense
    public private(set) var variables: [Variable] = []
    public private(set) var constraints: [Constraint] = []

    public init(sense: Sense = .minimize) { self.sense = sense }

    /// Adds a variable and returns its index. Binary variables get bounds [0, 1].
    @discardableResult
    public mutating func addVariable(_ name: String = "", kind: Kind = .continuous, lower: Double? = 0,
                                     upper: Double? = nil, objective: Double = 0) -> Int {
        let (lo, up) = kind == .binary ? (Double?(0), Double?(1)) : (lower, upper)
        variables.append(Variable(name: name, kind: kind, lower: lo, upper: up, objective: objective))
        return variables.count - 1
    }

    /// Adds a constraint; repeated variables in `terms` are summed.
    public mutating func addConstraint(_ terms: [(variable: Int, coefficient: Double)],
                                       lower: Double? = nil, upper: Double? = nil, name: String = "") {
        constraints.append(Constraint(name: name, terms: terms, lower: lower, upper: upper))
    }

    /// What is wrong with the model, if anything, before GLPK sees it.
    public func validate() throws(GLPKError) {
        let limit = Int(Int32.max / 2)
        guard variables.count < limit, constraints.count < limit else {
            throw .invalidModel("model too large for GLPK (\(variables.count) variables, \(constraints.count) constraints)")
        }
        for (j, v) in variables.enumerated() {
            guard v.objective.isFinite else { throw .invalidModel("variable \(j) \(v.name): objective coefficient is not finite") }
            if let lo = v.lower, !lo.isFinite { throw .invalidModel("variable \(j) \(v.name): lower bound is not finite") }
            if let up = v.upper, !up.isFinite { throw .invalidModel("variable \(j) \(v.name): upper bound is not finite") }
            if let lo = v.lower, let up = v.upper, lo > up {
                throw .invalidModel("variable \(j) \(v.name): lower bound \(lo) above upper bound \(up)")
            }
        }
        var nonZeros = 0
        for (i, c) in constraints.enumerated() {
            if let lo = c.lower, !lo.isFinite { throw .invalidModel("constraint \(i) \(c.name): lower bound is not finite") }
            if let up = c.upper, !up.isFinite { throw .invalidModel("constraint \(i) \(c.name): upper bound is not finite") }
            if let lo = c.lower, let up = c.upper, lo > up {
                throw .invalidModel("constraint \(i) \(c.name): lower bound \(lo) above upper bound \(up)")
            }
            for t in c.terms {
                guard t.variable >= 0 && t.variable < variables.count else {
                    throw .invalidModel("constraint \(i) \(c.name): variable index \(t.variable) does not exist")
                }
                guard t.coefficient.isFinite else { throw .invalidModel("constraint \(i) \(c.name): coefficient is not finite") }
            }
            nonZeros += c.terms.count
            guard nonZeros < limit else { throw .invalidModel("model has too many non-zero coefficients for GLPK") }
        }
    }
}

extension LinearModel {
    /// Checks a start solution: one finite value per variable, within its bounds,
    /// integral where the variable is, and satisfying every constraint (GLPK takes a
    /// start as it is, so it is checked here).
    public func validateStart(_ start: [Double]) throws(GLPKError) {
        guard start.count == variables.count else {
            throw .invalidModel("start has \(start.count) values for \(variables.count) variables")
        }
        for (j, (v, x)) in zip(variables, start).enumerated() {
            guard x.isFinite else { throw .invalidModel("start value of variable \(j) \(v.name) is not finite") }
            if let lo = v.lower, x < lo { throw .invalidModel("start value of variable \(j) \(v.name) below its lower bound") }
            if let up = v.upper, x > up { throw .invalidModel("start value of variable \(j) \(v.name) above its upper bound") }
            if v.kind != .continuous && x != x.rounded() {
                throw .invalidModel("start value of integer variable \(j) \(v.name) is not integral")
            }
        }
        for (i, c) in constraints.enumerated() {
            let activity = c.terms.reduce(0.0) { $0 + $1.coefficient * start[$1.variable] }
            let tolerance = 1e-7 * max(1, abs(activity))
            if let lo = c.lower, activity < lo - tolerance { throw .invalidModel("start violates constraint \(i) \(c.name)") }
            if let up = c.upper, activity > up + tolerance { throw .invalidModel("start violates constraint \(i) \(c.name)") }
        }
    }
}

/// The outcome of a solve.
public struct LinearSolution: Sendable {
    public enum Status: Sendable, Equatable {
        /// Proven optimal (for a MIP: within the requested relative gap).
        case optimal
        /// A feasible solution, not proven optimal (time limit reached).
        case feasible
        case infeasible
        case unbounded
        /// The time limit passed before any feasible solution was found.
        case timeLimitWithoutSolution
    }

    public let status: Status
    /// Objective of the returned solution (nil without one).
    public let objective: Double?
    /// Variable values of the returned solution (empty without one).
    public let values: [Double]
    /// For a MIP, the objective of its LP relaxation: a bound on the optimum.
    public let relaxationBound: Double?
    public let seconds: Double
    /// The strongest proven bound on the optimum (below it when minimising, above when
    /// maximising), nil when none is known: for an LP its optimum; for a MIP the better of
    /// the LP relaxation and the best bound among the subproblems branch-and-cut still had
    /// open when it stopped (the objective itself once proven optimal with gap 0).
    public internal(set) var bestBound: Double? = nil

    public var hasSolution: Bool { status == .optimal || status == .feasible }
}

/// Failures of the exact layer, as Swift errors (GLPK itself is never allowed to abort).
public enum GLPKError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidModel(String)
    case solverFailed(String)

    public var description: String {
        switch self {
        case .invalidModel(let why): return "invalid model: \(why)"
        case .solverFailed(let why): return "GLPK failed: \(why)"
        }
    }
}
