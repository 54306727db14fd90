import Foundation
import OnTimeCore

/// The `ontime` command line: parses arguments, calls the library, prints. Nothing else.
public enum OnTime {
    public static let version = "0.1.0"

    static let usage = """
        OnTime \(version) — route and warehouse optimisation

        Usage:
          ontime solve INSTANCE [options]     solve a CVRP or VRPTW instance (VRPLIB or Solomon file)
          ontime check INSTANCE SOLUTION      verify a VRPLIB .sol against an instance
          ontime bench INSTANCES [options]    compare heuristics over instances and seeds (CSV, markdown, SVG)
          ontime notify INSTANCE PLAN.sol     delay notices for stops at risk of missing their window
          ontime calibrate HISTORY.csv        fit the travel-time model to planned-vs-actual history
          ontime slot LAYOUT SKUS ORDERS      slot SKUs by pick frequency, prove it by simulation
          ontime slot-generate --skus N ...   write a generated warehouse to slot
          ontime help [COMMAND]               show help

        Exit codes: 0 ok, 2 bad input or usage, 3 infeasible, 4 no feasible plan in time,
                    130 interrupted (best plan so far written), 1 internal error.
        """

    static let solveUsage = """
        Usage: ontime solve INSTANCE [--vehicles FILE [--speed KMH]]
                                     [--time-limit SECONDS] [--seed N] [--max-iterations N]
                                     [--algorithm auto|hgs|ils] [--output FILE]
                                     [--format json|vrplib|csv|text|geojson|svg] [--quiet] [--verbose]
                                     [--bks COST] [--log-json]
                                     [--travel-model MODEL.json [--carrier C | --region R]]
                                     [--dispatch-date DATE [--order-dates FILE]]

        Searches for the shortest plan until the time limit (default 10 s) or the
        iteration limit, and prints or writes the best plan found, with each stop's
        arrival, waiting and departure times. Two searches: hgs, a hybrid genetic
        search (giant-tour crossover, split, granular local search with relocate,
        swap, 2-opt, 2-opt* and SWAP*, penalised capacity and time warp), and ils,
        iterated ruin-and-recreate with incremental local search from a Clarke–Wright
        plan (with time windows: from an insertion plan keeping every window and the
        fleet). auto (default) uses hgs up to 500 customers without windows and up to
        150 with windows, ils above; hgs for vehicle types, depots, optional jobs and
        shipments.
        With vehicle types (capacities, counts, fixed and per-unit costs, shifts,
        maximum route duration or distance, travel profiles: matrices or a speed of
        their own), several depots, optional jobs with prizes or priorities, jobs with
        several time windows or pickup-and-delivery shipments (JSON or CSV input), hgs
        minimises the fleet's cost plus the prizes of skipped jobs, with a route-based
        crossover instead of split.
        Every plan is checked by the independent verifier before it is written.
        The same --seed and --max-iterations give the same plan on any machine.

        Options:
          --time-limit SECONDS   wall-clock budget of the whole command, reading and
                                 writing included (default 10)
          --seed N               random seed (default 1)
          --max-iterations N     stop after N iterations (offspring for hgs)
          --algorithm A          auto (default), hgs or ils
          --set-partitioning on  with hgs: set partitioning over a pool of the routes
                                 found (GLPK) every 1,000 offspring and at the end,
                                 started from the best plan. Off by default (see the
                                 ablation in Benchmarks/RESULTS.md)
          --output FILE          write the plan here (atomically) instead of stdout
          --format F             json | vrplib | csv | text | geojson | svg (default:
                                 text on stdout, otherwise from the FILE's extension
                                 (.json .sol .csv .txt .geojson .svg), else json);
                                 geojson and svg draw the routes on the coordinates
        \(InstanceOptions.help)
        \(TravelModelOptions.help)
          --samples N            Monte Carlo samples per route for the windows (default 1000)
          --window-slot T        customer windows are rounded to T time units (default 30)
          --dispatch-date DATE   multi-day shipping: the plan runs on DATE (YYYY-MM-DD);
                                 JSON/CSV plans give each stop its delivery date(s) and
                                 "expected in X to Y days" (a stop reached only after the
                                 depot closes slips to the next day), and the plan its
                                 overall day window
          --order-dates FILE     CSV customer,ordered (YYYY-MM-DD): count the days from
                                 each customer's order instead of from DATE
          --bks COST             best known cost: progress lines show the gap to it
          --quiet                no progress lines on stderr (by default a line per new
                                 best, at most once a second, and a summary)
          --log-json             progress and the summary as JSON lines on stderr
                                 ({"event": "progress"|"done", "elapsed", "iteration",
                                 "best"/"cost", "gap_percent", ...}) instead
          --verbose              let GLPK print its own progress (set partitioning)
          --moves-off LIST       switch these local-search moves off (an ablation),
                                 comma-separated: \(MoveKind.allCases.map(\.name).joined(separator: ", "))
                                 (--log-json's summary gives each move's evaluations,
                                 improvements and estimated seconds)

        Examples:
          ontime solve instances/demo-cvrp-30.vrp --time-limit 2
          ontime solve instances/demo-vrptw-25.txt --time-limit 2 --format csv
          ontime solve X-n101-k25.vrp --time-limit 5 --format vrplib --output out.sol
          ontime solve instances/demo-cvrp-30.vrp --time-limit 2 --output plan.svg
          ontime solve instances/demo-fleet.json --time-limit 5
          ontime solve instances/demo-orders.csv --vehicles instances/demo-vehicles.csv --speed 25 --output plan.csv
        """

    static let checkUsage = """
        Usage: ontime check INSTANCE SOLUTION [--vehicles FILE [--speed KMH]]

        Verifies a CVRPLIB-style solution (Route #k: ... / Cost N, and with several
        vehicle types a Vehicle #k: NAME line after each route): every required customer
        exactly once (optional ones at most once), each vehicle type's capacity, depots,
        shift, maximum duration and distance and count, time windows, and the cost
        recomputed under the instance's distance convention (plus the prizes of skipped
        optional customers).
        Exit code 0 when feasible (and the Cost line, if any, matches), 3 otherwise.

        Options:
        \(InstanceOptions.help)

        Examples:
          ontime check X-n101-k25.vrp out.sol
          ontime check orders.csv plan.sol --vehicles vehicles.csv
        """

    /// Runs one command line; returns the process exit code.
    public static func run(_ arguments: [String], console unsafeConsole: Console, stop: StopFlag = StopFlag()) -> ExitCode {
        // Names and ids from input files reach the terminal: no raw escape sequences.
        let console = unsafeConsole.sanitised
        guard let command = arguments.first else {
            console.err(usage + "\n")
            return .badInput
        }
        let rest = Array(arguments.dropFirst())
        switch command {
        case "solve": return SolveCommand.run(rest, console: console, stop: stop)
        case "check": return CheckCommand.run(rest, console: console)
        case "bench": return BenchCommand.run(rest, console: console, stop: stop)
        case "notify": return NotifyCommand.run(rest, console: console)
        case "calibrate": return CalibrateCommand.run(rest, console: console)
        case "slot": return SlotCommand.run(rest, console: console)
        case "slot-generate": return SlotCommand.generate(rest, console: console)
        case "help", "--help", "-h":
            switch rest.first {
            case "solve": console.out(solveUsage + "\n")
            case "check": console.out(checkUsage + "\n")
            case "bench": console.out(BenchCommand.usage + "\n")
            case "notify": console.out(NotifyCommand.usage + "\n")
            case "calibrate": console.out(CalibrateCommand.usage + "\n")
            case "slot": console.out(SlotCommand.usage + "\n")
            case "slot-generate": console.out(SlotCommand.generateUsage + "\n")
            default: console.out(usage + "\n")
            }
            return .ok
        case "--version", "version":
            console.out("ontime \(version) (GLPK \(GLPK.version))\n")
            return .ok
        default:
            console.err("ontime: unknown command '\(command)'\n\n" + usage + "\n")
            return .badInput
        }
    }
}
