import OnTimeCore

enum CheckCommand {
    static func run(_ args: [String], console: Console) -> ExitCode {
        let parsed: Arguments
        do { parsed = try Arguments(args, valueOptions: InstanceOptions.names, flagOptions: ["help"]) } catch {
            console.err("ontime check: \(error)\n\n\(OnTime.checkUsage)\n")
            return .badInput
        }
        if parsed.has("help") { console.out(OnTime.checkUsage + "\n"); return .ok }
        guard parsed.positional.count == 2 else {
            console.err("ontime check: expected INSTANCE and SOLUTION\n\n\(OnTime.checkUsage)\n")
            return .badInput
        }
        let problem: Problem
        let file: SolutionFile
        let vehicles: [Int]
        do {
            problem = try InstanceOptions.read(parsed.positional[0], parsed)
            file = try SolutionFile.read(path: parsed.positional[1])
            vehicles = try file.vehicleTypes(in: problem, path: parsed.positional[1])
        } catch {
            console.err("\(error)\n")
            return .badInput
        }
        var claimed: Int? = nil
        if let text = file.cost, let value = Double(text) {
            claimed = Int((value * Double(problem.scale)).rounded())
        }
        // Customers no vehicle can serve may be left out (as `solve` does); the verifier
        // confirms each on its own.
        let leftOut = Screening.leftOut(problem, routes: file.routes)
        let report = Verifier.check(problem, routes: file.routes, vehicles: vehicles, claimedCost: claimed,
                                    unassigned: leftOut.map(\.customer))
        if report.isFeasible && leftOut.isEmpty {
            console.out("feasible: \(report.routeCount) routes, cost \(problem.format(report.cost))\n")
            return .ok
        }
        if report.isFeasible {
            console.out("feasible for every customer that can be served: \(report.routeCount) routes, cost \(problem.format(report.cost)); "
                        + "\(leftOut.count) left out because no vehicle can serve them:\n")
            for u in leftOut.prefix(50) { console.out("  customer \(u.customer): \(u.reason)\n") }
            return .infeasible
        }
        console.out("infeasible: \(report.violations.count) violation\(report.violations.count == 1 ? "" : "s"), recomputed cost \(problem.format(report.cost))\n")
        for v in report.violations.prefix(50) { console.out("  \(v)\n") }
        return .infeasible
    }
}
