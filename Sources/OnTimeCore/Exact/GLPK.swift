import CGLPK
import Dispatch

/// The GLPK layer: solves a `LinearModel` as an LP or, when it has integer variables,
/// as a MIP (LP relaxation by simplex, then branch-and-cut).
///
/// Rules that keep GLPK from ending the process:
/// - every model is validated in Swift first (`LinearModel.validate`): GLPK calls
///   `abort()` on invalid indices, bounds or duplicate matrix entries;
/// - duplicate entries in a row are summed and zeros dropped before they reach GLPK;
/// - an error hook is installed that reports on stderr what GLPK complained of, should a
///   case slip through validation;
/// - GLPK's terminal output is off unless `verbose` is true, and then goes to stderr.
///
/// Threading: one GLPK problem object per call, created and deleted inside `solve`, on
/// the calling thread. GLPK keeps per-thread state; never share a model object between
/// threads (this layer never does) and call `solve` from any thread freely.
public enum GLPK {
    /// The linked GLPK library's version, e.g. "5.0" — proves the system library links.
    public static var version: String { String(cString: glp_version()) }

    /// Solves `model` within `timeLimit` seconds (nil: none), stopping a MIP once the
    /// relative gap between incumbent and bound is at most `relativeGap`.
    ///
    /// `start`, when given, is a known feasible solution of a MIP (one value per variable,
    /// integral where the variable is): branch-and-cut starts with it as its incumbent, so
    /// the answer is never worse than `start` and bounds prune from the first node.
    public static func solve(_ model: LinearModel, start: [Double]? = nil, timeLimit: Double? = nil,
                             relativeGap: Double = 0, verbose: Bool = false) throws(GLPKError) -> LinearSolution {
        try model.validate()
        guard relativeGap >= 0 && relativeGap.isFinite else { throw .invalidModel("relative gap must be >= 0") }
        if let start { try model.validateStart(start) }
        if model.variables.isEmpty {
            // Nothing to decide; GLPK refuses empty problems, so answer here.
            let feasible = model.constraints.allSatisfy { ($0.lower ?? 0) <= 0 && 0 <= ($0.upper ?? 0) }
            return LinearSolution(status: feasible ? .optimal : .infeasible, objective: feasible ? 0 : nil,
                                  values: [], relaxationBound: feasible ? 0 : nil, seconds: 0, bestBound: feasible ? 0 : nil)
        }
        // GLPK looks at the clock only between steps of branch-and-cut, which on set-covering
        // models of a few thousand columns last 0.1–0.2 s (measured); it is asked to stop at
        // 60 % of the limit so that the whole call fits.
        let clock = Deadline(seconds: timeLimit.map { $0 * 0.6 })
        func elapsed() -> Double { clock.elapsedSeconds }
        func remainingMilliseconds() -> Int32 {
            guard timeLimit != nil else { return Int32.max }
            return Int32(max(1, min(Double(Int32.max), (clock.remainingSeconds * 1000).rounded(.down))))
        }

        _ = glp_term_out(verbose ? GLP_ON : GLP_OFF)
        // When on, GLPK's output goes to stderr: stdout may be carrying the plan.
        glp_term_hook({ _, text in
            if let text { fputsStderr(String(cString: text)) }
            return 1
        }, nil)
        glp_error_hook({ _ in
            let message = "ontime: GLPK reported an internal error (a model passed validation but GLPK rejected it)\n"
            fputsStderr(message)
        }, nil)

        guard let problem = glp_create_prob() else { throw .solverFailed("could not create a problem") }
        defer { glp_delete_prob(problem) }
        glp_set_obj_dir(problem, model.sense == .minimize ? GLP_MIN : GLP_MAX)

        let isMIP = model.variables.contains { $0.kind != .continuous }
        if !model.variables.isEmpty { glp_add_cols(problem, Int32(model.variables.count)) }
        for (j, v) in model.variables.enumerated() {
            let column = Int32(j + 1)
            let (type, lo, up) = boundType(v.lower, v.upper)
            glp_set_col_bnds(problem, column, type, lo, up)
            glp_set_obj_coef(problem, column, v.objective)
            switch v.kind {
            case .continuous: glp_set_col_kind(problem, column, GLP_CV)
            case .integer: glp_set_col_kind(problem, column, GLP_IV)
            case .binary: glp_set_col_kind(problem, column, GLP_BV)
            }
        }
        if !model.constraints.isEmpty { glp_add_rows(problem, Int32(model.constraints.count)) }
        var merged: [Int: Double] = [:]
        for (i, c) in model.constraints.enumerated() {
            let row = Int32(i + 1)
            let (type, lo, up) = boundType(c.lower, c.upper)
            glp_set_row_bnds(problem, row, type, lo, up)
            merged.removeAll(keepingCapacity: true)
            for t in c.terms { merged[t.variable, default: 0] += t.coefficient }
            let entries = merged.filter { $0.value != 0 }.sorted { $0.key < $1.key }
            // GLPK arrays are 1-based: element 0 is ignored.
            var indices: [Int32] = [0] + entries.map { Int32($0.key + 1) }
            var values: [Double] = [0] + entries.map(\.value)
            glp_set_mat_row(problem, row, Int32(entries.count), &indices, &values)
        }

        // GLPK's simplex refuses a problem without rows: give it one free, empty row.
        if model.constraints.isEmpty {
            glp_add_rows(problem, 1)
            glp_set_row_bnds(problem, 1, GLP_FR, 0, 0)
        }

        // LP (or the MIP's relaxation) by simplex, without presolve so that statuses are exact.
        var simplex = glp_smcp()
        glp_init_smcp(&simplex)
        simplex.msg_lev = verbose ? GLP_MSG_ON : GLP_MSG_OFF
        simplex.tm_lim = remainingMilliseconds()
        let lpCode = glp_simplex(problem, &simplex)
        /// Out of time without a solution of GLPK's own: the start, when there is one.
        func outOfTime(bound: Double?) -> LinearSolution {
            guard let start else {
                return LinearSolution(status: .timeLimitWithoutSolution, objective: nil, values: [], relaxationBound: bound, seconds: elapsed(),
                                      bestBound: bound)
            }
            let objective = zip(model.variables, start).reduce(0.0) { $0 + $1.0.objective * $1.1 }
            return LinearSolution(status: .feasible, objective: objective, values: start, relaxationBound: bound, seconds: elapsed(),
                                  bestBound: bound)
        }
        if lpCode == GLP_ETMLIM { return outOfTime(bound: nil) }
        guard lpCode == 0 else { throw .solverFailed("simplex returned code \(lpCode)") }
        switch glp_get_status(problem) {
        case GLP_OPT: break
        case GLP_NOFEAS, GLP_INFEAS:
            return LinearSolution(status: .infeasible, objective: nil, values: [], relaxationBound: nil, seconds: elapsed())
        case GLP_UNBND:
            return LinearSolution(status: .unbounded, objective: nil, values: [], relaxationBound: nil, seconds: elapsed())
        case let status:
            throw .solverFailed("simplex ended with status \(status)")
        }
        let relaxation = glp_get_obj_val(problem)
        if !isMIP {
            let values = (0..<model.variables.count).map { glp_get_col_prim(problem, Int32($0 + 1)) }
            return LinearSolution(status: .optimal, objective: relaxation, values: values, relaxationBound: relaxation, seconds: elapsed(),
                                  bestBound: relaxation)
        }

        var branch = glp_iocp()
        glp_init_iocp(&branch)
        branch.msg_lev = verbose ? GLP_MSG_ON : GLP_MSG_OFF
        branch.tm_lim = remainingMilliseconds()
        branch.mip_gap = relativeGap
        // GLPK checks tm_lim only now and then; the callback, called at every step of
        // branch-and-cut, also ends the search once our own deadline has passed.
        // It also hands GLPK the start solution the first time GLPK asks for heuristic ones.
        let context = BranchContext(end: clock.end, start: start)
        branch.cb_info = Unmanaged.passUnretained(context).toOpaque()
        branch.cb_func = { tree, info in
            guard let tree, let info else { return }
            let context = Unmanaged<BranchContext>.fromOpaque(info).takeUnretainedValue()
            if DispatchTime.now().uptimeNanoseconds >= context.end {
                glp_ios_terminate(tree)
                return
            }
            // The best bound among open subproblems, for an honest bound when stopped early.
            let best = glp_ios_best_node(tree)
            if best != 0 { context.nodeBound = glp_ios_node_bound(tree, best) }
            if glp_ios_reason(tree) == GLP_IHEUR && !context.startOffered && !context.start.isEmpty {
                context.startOffered = true
                // 0: accepted as the new incumbent; otherwise GLPK already had a better one.
                context.startAccepted = context.start.withUnsafeBufferPointer { glp_ios_heur_sol(tree, $0.baseAddress) } == 0
            }
        }
        let mipCode = withExtendedLifetime(context) { glp_intopt(problem, &branch) }
        // GLP_ESTOP: our callback ended the search at the deadline — a time limit too.
        let stoppedByClock = mipCode == GLP_ETMLIM || mipCode == GLP_ESTOP
        guard mipCode == 0 || stoppedByClock || mipCode == GLP_EMIPGAP else {
            throw .solverFailed("branch-and-cut returned code \(mipCode)")
        }
        let status = glp_mip_status(problem)
        func values() -> [Double] { (0..<model.variables.count).map { glp_mip_col_val(problem, Int32($0 + 1)) } }
        let minimizing = model.sense == .minimize
        /// The stronger of two bounds (the larger when minimising).
        func stronger(_ a: Double, _ b: Double) -> Double { minimizing ? max(a, b) : min(a, b) }
        /// A proven bound given the incumbent's objective: the relaxation, improved by the
        /// best open subproblem's bound (never past the incumbent, which bounds the
        /// subproblems already pruned) and, when the search ended within the requested
        /// gap, by what that gap guarantees.
        func bound(incumbent: Double?, withinGap: Bool) -> Double {
            var b = relaxation
            if let node = context.nodeBound, let incumbent {
                b = stronger(b, minimizing ? min(node, incumbent) : max(node, incumbent))
            }
            if withinGap, let incumbent {
                let slack = relativeGap * (abs(incumbent) + Double.ulpOfOne)
                b = stronger(b, minimizing ? incumbent - slack : incumbent + slack)
            }
            return b
        }
        switch status {
        case GLP_OPT:
            let objective = glp_mip_obj_val(problem)
            return LinearSolution(status: .optimal, objective: objective, values: values(), relaxationBound: relaxation, seconds: elapsed(),
                                  bestBound: relativeGap == 0 ? objective : bound(incumbent: objective, withinGap: true))
        case GLP_FEAS:
            // Stopped early: proven within the gap when intopt says so, otherwise by the clock.
            let proven = !stoppedByClock
            let objective = glp_mip_obj_val(problem)
            return LinearSolution(status: proven ? .optimal : .feasible, objective: objective, values: values(),
                                  relaxationBound: relaxation, seconds: elapsed(), bestBound: bound(incumbent: objective, withinGap: proven))
        case GLP_NOFEAS:
            return LinearSolution(status: .infeasible, objective: nil, values: [], relaxationBound: relaxation, seconds: elapsed())
        default:
            if stoppedByClock {
                var answer = outOfTime(bound: relaxation)
                answer.bestBound = bound(incumbent: answer.objective, withinGap: false)
                return answer
            }
            throw .solverFailed("branch-and-cut ended with status \(status)")
        }
    }

    /// What the branch-and-cut callback needs; lives for the duration of `glp_intopt`.
    private final class BranchContext {
        let end: UInt64
        /// 1-based as GLPK wants it (element 0 unused); empty without a start.
        let start: [Double]
        var startOffered = false
        var startAccepted = false
        /// The local bound of the best open subproblem when the callback last ran.
        var nodeBound: Double?
        init(end: UInt64, start: [Double]?) {
            self.end = end
            self.start = start.map { [0] + $0 } ?? []
        }
    }

    /// GLPK's bound type and values for optional lower/upper bounds.
    static func boundType(_ lower: Double?, _ upper: Double?) -> (Int32, Double, Double) {
        switch (lower, upper) {
        case (nil, nil): return (GLP_FR, 0, 0)
        case (let lo?, nil): return (GLP_LO, lo, 0)
        case (nil, let up?): return (GLP_UP, 0, up)
        case (let lo?, let up?): return lo == up ? (GLP_FX, lo, up) : (GLP_DB, lo, up)
        }
    }
}
