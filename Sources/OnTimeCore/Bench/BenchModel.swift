import Foundation

/// How long a searching heuristic may run on an instance.
public enum BudgetRule: Sendable, Equatable, Hashable {
    /// Seconds per customer (the DIMACS habit: bigger instances get more time).
    case perCustomer(Double)
    /// The same seconds for every instance.
    case seconds(Double)

    public func seconds(customers: Int) -> Double {
        switch self {
        case .perCustomer(let s): return s * Double(max(1, customers))
        case .seconds(let s): return s
        }
    }

    public var label: String {
        switch self {
        case .perCustomer(let s): return "\(BenchFormat.number(s)) s/customer"
        case .seconds(let s): return "\(BenchFormat.number(s)) s"
        }
    }
}

/// What a bench runs: which heuristics, seeds and budgets.
public struct BenchOptions: Sendable {
    public var heuristics: [BenchHeuristic] = BenchHeuristic.defaults
    public var seeds: [UInt64] = [1]
    /// One run of each searching heuristic per budget; may be empty when `maxIterations` bounds the runs.
    public var budgets: [BudgetRule] = [.perCustomer(0.05)]
    /// Offspring (hgs) or perturbations (ils) per run, for runs that give the same plan on any machine.
    public var maxIterations: Int? = nil
    /// Granular neighbourhood size, as `SolverOptions.neighbourCount` (savings and the local search use it too).
    public var neighbourCount = 20
    /// The local-search moves the searches may make (`--moves-off` takes some out).
    public var moves = MoveSet.all
    public var bestKnown: BestKnown? = nil
    public init() {}
}

/// One instance of a bench, as checked before any run.
public struct BenchInstance: Sendable {
    public let path: String
    public let name: String
    public let customers: Int
    public let hasTimeWindows: Bool
    /// The best-known cost from `--bks`, when it lists the instance.
    public let bestKnown: BestKnown.Entry?
}

/// What became of one run.
public enum RunStatus: String, Sendable {
    /// The verifier accepts the plan.
    case feasible
    /// The verifier found violations (recorded in `violations`).
    case infeasible
    /// The heuristic does not apply to this instance (`note` says why); no plan.
    case unsupported
}

/// One heuristic on one instance with one seed (and budget): its plan as the verifier saw it.
public struct BenchRun: Sendable {
    public let instance: String
    public let path: String
    public let customers: Int
    public let heuristic: BenchHeuristic
    public let seed: UInt64
    /// The budget rule this run stands for (nil for heuristics that stop by themselves).
    public let budget: BudgetRule?
    /// Time limit given to the run, seconds (nil: none, e.g. constructions or iteration-limited runs).
    public let timeLimit: Double?
    public let status: RunStatus
    /// The verifier's recomputed cost in the instance's units (e.g. 827.3), nil when unsupported.
    public let cost: Double?
    /// The same, formatted as the instance prints costs.
    public let costText: String
    public let routes: Int
    /// Wall seconds from the start of the heuristic to its plan (reading and verifying excluded).
    public let seconds: Double
    /// Offspring (hgs) or perturbations (ils); nil for the others.
    public let iterations: Int?
    /// What ran, e.g. `hgs`, `ils`, `nn+ls` or `nn (local search kept nothing)`.
    public let detail: String
    /// Customers no vehicle can serve, left out of the plan (the same for every heuristic).
    public let leftOut: Int
    public let violationCount: Int
    /// The first few violations the verifier found.
    public let violations: [String]
    public let note: String
    /// What each local-search move did (searching heuristics only).
    public var moveStatistics: [MoveStatistics] = []
}

/// The yardstick gaps are measured against for one instance.
public struct BenchReference: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// From `--bks`.
        case bestKnown = "bks"
        /// The best feasible plan of any run of this bench.
        case bestFound = "best-found"
    }
    public let cost: Double
    public let kind: Kind
}

/// Everything a bench produced, with gaps worked out.
public struct BenchResults: Sendable {
    public let instances: [BenchInstance]
    public let options: BenchOptions
    public let runs: [BenchRun]
    /// Whether the bench was stopped (SIGINT/SIGTERM) before all runs were done.
    public let interrupted: Bool
    /// Reference per instance path; missing when no reference exists (no BKS, nothing feasible).
    public let references: [String: BenchReference]

    public init(instances: [BenchInstance], options: BenchOptions, runs: [BenchRun], interrupted: Bool) {
        self.instances = instances
        self.options = options
        self.runs = runs
        self.interrupted = interrupted
        var references: [String: BenchReference] = [:]
        for instance in instances {
            if let entry = instance.bestKnown {
                references[instance.path] = BenchReference(cost: entry.cost, kind: .bestKnown)
            } else if let best = runs.filter({ $0.path == instance.path && $0.status == .feasible }).compactMap(\.cost).min() {
                references[instance.path] = BenchReference(cost: best, kind: .bestFound)
            }
        }
        self.references = references
    }

    /// Gap of a feasible run to its instance's reference, percent; nil otherwise.
    public func gap(of run: BenchRun) -> Double? {
        guard run.status == .feasible, let cost = run.cost, let reference = references[run.path], reference.cost > 0 else { return nil }
        return 100 * (cost - reference.cost) / reference.cost
    }

    /// The kinds of reference in use, for captions: bks, best-found or both.
    public var referenceKinds: Set<BenchReference.Kind> { Set(references.values.map(\.kind)) }

    /// A row of the summary: a heuristic, and the budget when it searches and several were run.
    public struct Series: Sendable, Hashable {
        public let heuristic: BenchHeuristic
        public let budget: BudgetRule?
        public var label: String { budget.map { "\(heuristic.rawValue) @ \($0.label)" } ?? heuristic.rawValue }
    }

    /// The series in the order of the options: heuristics, then budgets.
    public var series: [Series] {
        var result: [Series] = []
        for h in options.heuristics {
            if h.usesBudget && options.budgets.count > 1 {
                result += options.budgets.map { Series(heuristic: h, budget: $0) }
            } else {
                result.append(Series(heuristic: h, budget: nil))
            }
        }
        return result
    }

    public func runs(of series: Series) -> [BenchRun] {
        runs.filter { $0.heuristic == series.heuristic && (series.budget == nil || $0.budget == series.budget) }
    }

    /// Summary figures of a set of runs.
    public struct Summary: Sendable {
        public let runs: Int
        public let feasible: Int
        public let unsupported: Int
        /// Over the feasible runs with a reference.
        public let meanGap: Double?
        public let bestGap: Double?
        public let worstGap: Double?
        /// Over every run that produced a plan.
        public let meanSeconds: Double?
    }

    public func summary(_ runs: [BenchRun]) -> Summary {
        let gaps = runs.compactMap(gap(of:))
        let timed = runs.filter { $0.status != .unsupported }.map(\.seconds)
        return Summary(runs: runs.count, feasible: runs.filter { $0.status == .feasible }.count,
                       unsupported: runs.filter { $0.status == .unsupported }.count,
                       meanGap: gaps.isEmpty ? nil : gaps.reduce(0, +) / Double(gaps.count),
                       bestGap: gaps.min(), worstGap: gaps.max(),
                       meanSeconds: timed.isEmpty ? nil : timed.reduce(0, +) / Double(timed.count))
    }
}

/// Number formatting shared by the bench's writers: plain decimals, no exponent, no locale.
enum BenchFormat {
    /// Up to `digits` decimals, trailing zeros dropped (0.05, 2, 0.001).
    static func number(_ v: Double, digits: Int = 6) -> String {
        guard v.isFinite else { return "" }
        var text = String(format: "%.\(digits)f", v)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    static func fixed(_ v: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", v) }
}
