import Foundation

/// The bench's tables: a CSV with one row per run (for scripts) and a markdown report
/// with a row per heuristic and a table per instance (for people).
public enum BenchReport {
    public static let csvColumns = [
        "instance", "file", "customers", "heuristic", "seed", "budget", "time_limit_s", "status", "cost", "routes",
        "reference", "reference_cost", "gap_percent", "time_s", "iterations", "left_out", "violations", "first_violation", "detail",
        "moves",
    ]

    /// One row per run, in run order. Costs are the verifier's, in the instance's units;
    /// `gap_percent` is empty unless the run is feasible and its instance has a reference.
    public static func csv(_ results: BenchResults) -> String {
        var out = csvColumns.joined(separator: ",") + "\n"
        for run in results.runs {
            let reference = results.references[run.path]
            let fields: [String] = [
                run.instance, run.path, String(run.customers), run.heuristic.rawValue, String(run.seed),
                run.budget?.label ?? "", run.timeLimit.map { BenchFormat.number($0, digits: 4) } ?? "",
                run.status.rawValue, run.costText, run.status == .unsupported ? "" : String(run.routes),
                reference?.kind.rawValue ?? "", reference.map { BenchFormat.number($0.cost) } ?? "",
                results.gap(of: run).map { BenchFormat.fixed($0, 4) } ?? "",
                BenchFormat.fixed(run.seconds, 4), run.iterations.map(String.init) ?? "", String(run.leftOut),
                String(run.violationCount), run.violations.first ?? "", run.note.isEmpty ? run.detail : "\(run.detail): \(run.note)",
                run.moveStatistics.isEmpty ? "" : MoveStatistics.json(run.moveStatistics),
            ]
            out += fields.map(CSV.field).joined(separator: ",") + "\n"
        }
        return out
    }

    /// The markdown report: what ran, the summary (a row per heuristic, or per heuristic
    /// and budget when several budgets ran), the mean gap per instance, and the
    /// infeasible runs with the verifier's first complaint.
    public static func markdown(_ results: BenchResults) -> String {
        let options = results.options
        var out = "# OnTime bench\n\n"
        let seeds = options.seeds.map(String.init).joined(separator: ", ")
        out += "\(results.instances.count) instance\(results.instances.count == 1 ? "" : "s") × seed\(options.seeds.count == 1 ? "" : "s") \(seeds)"
            + " × \(options.heuristics.count) heuristic\(options.heuristics.count == 1 ? "" : "s"): \(results.runs.count) run\(results.runs.count == 1 ? "" : "s")"
            + (results.interrupted ? " (**interrupted**: the bench was stopped before the end)" : "") + ".\n"
        out += "Budget: \(budgetSentence(options)).\n"
        out += "Costs are recomputed by OnTime's independent verifier, never taken from the heuristic. \(referenceSentence(results))\n"
        out += "Times are wall-clock seconds of the heuristic alone (reading and verifying excluded), runs one at a time.\n\n"

        out += "| heuristic | runs | feasible | mean gap % | best gap % | worst gap % | mean time s |\n"
        out += "|---|---:|---:|---:|---:|---:|---:|\n"
        for series in results.series {
            let s = results.summary(results.runs(of: series))
            let feasible = "\(s.feasible)" + (s.unsupported > 0 ? " (\(s.unsupported) n/a)" : "")
            out += "| \(cell(series.label)) | \(s.runs) | \(feasible) | \(gapText(s.meanGap)) | \(gapText(s.bestGap)) | "
                + "\(gapText(s.worstGap)) | \(s.meanSeconds.map { BenchFormat.fixed($0, 3) } ?? "—") |\n"
        }

        out += "\n## Mean gap % per instance (over seeds)\n\n"
        let series = results.series
        out += "| instance | n | reference | " + series.map { cell($0.label) }.joined(separator: " | ") + " |\n"
        out += "|---|---:|---:|" + String(repeating: "---:|", count: series.count) + "\n"
        for instance in results.instances {
            let reference = results.references[instance.path].map { "\(BenchFormat.number($0.cost)) (\($0.kind.rawValue))" } ?? "—"
            var row = "| \(cell(instance.name)) | \(instance.customers) | \(reference) |"
            for s in series {
                let runs = results.runs(of: s).filter { $0.path == instance.path }
                row += " \(instanceCell(results, runs)) |"
            }
            out += row + "\n"
        }

        out += movesSection(results)

        let infeasible = results.runs.filter { $0.status == .infeasible }
        if !infeasible.isEmpty {
            out += "\n## Infeasible runs\n\n| instance | heuristic | seed | violations | first violation |\n|---|---|---:|---:|---|\n"
            for run in infeasible.prefix(50) {
                out += "| \(cell(run.instance)) | \(cell(run.heuristic.rawValue)) | \(run.seed) | \(run.violationCount) | "
                    + "\(cell(run.violations.first ?? "")) |\n"
            }
            if infeasible.count > 50 { out += "\n… and \(infeasible.count - 50) more (see the CSV).\n" }
        }
        let unsupported = results.runs.filter { $0.status == .unsupported }
        if !unsupported.isEmpty {
            out += "\nNot applicable (n/a): "
            let reasons = Dictionary(grouping: unsupported) { "\($0.heuristic.rawValue): \($0.note)" }
            out += reasons.sorted { $0.key < $1.key }
                .map { "\(cell($0.key)) (\($0.value.count) run\($0.value.count == 1 ? "" : "s"))" }
                .joined(separator: "; ") + ".\n"
        }
        return out
    }

    /// Per searching heuristic, each move's evaluations, improvements and estimated
    /// seconds summed over its runs (what an ablation with `--moves-off` weighs), and the
    /// moves switched off. Empty when no run searched.
    static func movesSection(_ results: BenchResults) -> String {
        let off = MoveKind.allCases.filter { !results.options.moves.contains($0) }
        var out = ""
        for series in results.series {
            let runs = results.runs(of: series).filter { !$0.moveStatistics.isEmpty }
            guard !runs.isEmpty else { continue }
            let total = runs.map(\.moveStatistics).reduce([], MoveStatistics.sum)
            if out.isEmpty {
                out += "\n## Local-search moves\n\n"
                out += off.isEmpty ? "All moves on.\n" : "Switched off (`--moves-off`): \(off.map(\.name).joined(separator: ", ")).\n"
                out += "Time is estimated: one attempt in \(MoveStatistics.timingStride) is timed.\n"
            }
            out += "\n\(cell(series.label)) (\(runs.count) run\(runs.count == 1 ? "" : "s")):\n\n"
            out += "| move | evaluations | improvements | improving % | seconds |\n|---|---:|---:|---:|---:|\n"
            for m in total where m.evaluations > 0 {
                out += "| \(m.kind.name) | \(m.evaluations) | \(m.improvements) | "
                    + "\(BenchFormat.fixed(100 * Double(m.improvements) / Double(m.evaluations), 3)) | \(BenchFormat.fixed(m.seconds, 3)) |\n"
            }
        }
        return out
    }

    /// "infeasible", "n/a", "1.23" or "1.23 (1/2 feasible)".
    static func instanceCell(_ results: BenchResults, _ runs: [BenchRun]) -> String {
        if runs.isEmpty { return "" }
        if runs.allSatisfy({ $0.status == .unsupported }) { return "n/a" }
        let gaps = runs.compactMap(results.gap(of:))
        let planned = runs.filter { $0.status != .unsupported }
        let feasible = planned.filter { $0.status == .feasible }.count
        if feasible == 0 { return "infeasible" }
        let mean = gaps.isEmpty ? "—" : BenchFormat.fixed(gaps.reduce(0, +) / Double(gaps.count), 2)
        return feasible == planned.count ? mean : "\(mean) (\(feasible)/\(planned.count) feasible)"
    }

    static func gapText(_ gap: Double?) -> String { gap.map { BenchFormat.fixed($0, 2) } ?? "—" }

    /// Markdown table cell text: pipes escaped, line breaks flattened.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
    }

    static func budgetSentence(_ options: BenchOptions) -> String {
        let searching = options.heuristics.filter(\.usesBudget).map(\.rawValue)
        var clauses: [String] = []
        if !searching.isEmpty {
            var limits = options.budgets.map(\.label)
            if let iterations = options.maxIterations { limits.append("at most \(iterations) iterations") }
            clauses.append("\(limits.joined(separator: ", ")) for \(searching.joined(separator: ", "))")
        }
        if options.heuristics.contains(.nnLocalSearch) {
            let cap = options.budgets.isEmpty ? "" : options.budgets.count == 1 ? " (capped by the budget)" : " (capped by the largest budget)"
            clauses.append("nn+ls stops at a local optimum" + cap)
        }
        if options.heuristics.contains(where: { !$0.usesBudget && $0 != .nnLocalSearch }) {
            clauses.append("constructions run to completion")
        }
        return clauses.joined(separator: "; ")
    }

    static func referenceSentence(_ results: BenchResults) -> String {
        let kinds = results.referenceKinds
        let bks = results.options.bestKnown.map { URL(fileURLWithPath: $0.path).lastPathComponent } ?? "the --bks file"
        if kinds == [.bestKnown] {
            return "Gaps are to the best-known costs in \(cell(bks)) (the row of each instance's distance convention)."
        }
        if kinds == [.bestFound] {
            return "Gaps are to the best feasible plan any run of this bench found on the instance"
                + (results.options.bestKnown == nil ? " (no --bks given)." : " (\(cell(bks)) lists none of these instances).")
        }
        if kinds.isEmpty { return "No gaps: no best-known cost and no feasible plan." }
        return "Gaps are to the best-known cost in \(cell(bks)) where it lists the instance (reference `bks`), "
            + "otherwise to the best feasible plan of this bench (`best-found`)."
    }
}
