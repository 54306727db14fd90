#!/usr/bin/env python3
"""Benchmark PyVRP (peer solver) on CVRPLIB instances, verified by OnTime's checker.

Same interface and output as bench.py, but the solver is PyVRP. For every
(instance, seed) pair a fresh worker process (this script with --worker) runs

    data = pyvrp.read(INSTANCE, round_func=RULE)         # VRPLIB .vrp (RULE: --round, default round)
    data = solomon_data(INSTANCE)                         # Solomon .txt (Model API, DIMACS integers)
    res  = pyvrp.solve(data, stop=pyvrp.stop.MaxRuntime(B), seed=S, display=False)

and writes res.best as a CVRPLIB .sol file (customers numbered as in CVRPLIB:
file node id - 1 = PyVRP location index, depot 0 is implicit), which is then
verified with

    ontime check INSTANCE TMP.sol [--round RULE]

Only the cost printed by `check` ("feasible: R routes, cost C") counts. PyVRP's
own cost, divided by the rule's scale (10 for dimacs, 1000 for exact, 1 otherwise;
10 for Solomon files) to be in the file's units, goes to the extra column
peer_cost; peer_match is "no" when it differs from the verified cost (such runs
are flagged on stderr and in the markdown, and make the exit status 1).

--round RULE (round | trunc | dimacs | exact | none) is PyVRP's round_func for
VRPLIB files and is passed to `ontime check` too; without it PyVRP reads with
"round" and `check` gets no --round (its VRPLIB default is round), as before.
The Gehring & Homberger files need --round dimacs. Solomon .txt files are always
DIMACS (solomon_data); --round other than dimacs is refused for them.

Timings: wall_s = wall time of the pyvrp.solve call (comparable to the budget);
total_s = read + solve + writing the .sol, inside the worker; proc_s = wall time
of the whole worker process (interpreter start and `import pyvrp` included),
which is what bench.py's wall_s measures for the ontime binary.

Each worker is killed after 2*budget + --timeout-extra seconds (status timeout);
a crash is recorded as solve_exit_N (N < 0: killed by signal -N, e.g. OOM).

--cpu N pins this process (and so every worker and checker) to core N with
os.sched_setaffinity, so OnTime and PyVRP can run side by side on different
cores under symmetric conditions. Runs are sequential (no --jobs).

Reuses bench.py (imported as a module) for parsing, BKS and the markdown table.
Python 3 standard library + pyvrp. The ontime binary is never (re)built here.

Example (from the project root):
    python3 Benchmarks/pyvrp_bench.py --instances X-n101-k25,X-n106-k14 --time-limit 2 \\
        --seeds 1 --out Benchmarks/out/pyvrp-smoke
"""

import argparse
import csv
import datetime
import json
import math
import os
import shlex
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (bench.py next to this file; its main() only runs as a script)

from bench import (CHECK_OK, CSV_FIELDS, DEFAULT_BINARY, DEFAULT_BKS,  # noqa: E402
                   DEFAULT_INSTANCE_DIR, die, fmt_budget, fmt_num, from_root, log, tail)

SOLVER = "PyVRP"
DEFAULT_OUT = os.path.join("Benchmarks", "out", "pyvrp-run")
EXTRA_FIELDS = ["peer_cost", "peer_match", "total_s", "proc_s", "iterations"]
# PyVRP's integer data are the file's values times this scale (see pyvrp.read's ROUND_FUNCS).
ROUND_SCALE = {"dimacs": 10, "exact": 1000}
# Decimals of a cost in the file's units, for the .sol's Cost line.
SCALE_DECIMALS = {1: 0, 10: 1, 1000: 3}


def pyvrp_version():
    try:
        from importlib.metadata import version
        return version("pyvrp")
    except Exception:  # not installed: the worker will fail and say so
        return "unknown"


def pin_cpu(cpu):
    if cpu is None:
        return
    allowed = os.sched_getaffinity(0)
    if cpu not in allowed:
        die(f"--cpu {cpu} is not among the allowed cores {sorted(allowed)}")
    os.sched_setaffinity(0, {cpu})


# --------------------------------------------------------------------------- worker

def route_locations(data, route):
    """CVRPLIB customer numbers (= PyVRP location indices) visited by a route, in order."""
    if hasattr(route, "visits"):  # PyVRP <= 0.11: visits() already returns location indices
        return [int(v) for v in route.visits()]
    # PyVRP >= 0.12: a route iterates over activities; a client activity's idx is the
    # *client* index (0-based), its location index is data.client(idx).location.
    return [int(data.client(a.idx).location) for a in route if a.is_client()]


def solomon_data(path):
    """A Solomon VRPTW file as PyVRP ProblemData, built with the Model API from the same
    integers OnTime uses (DIMACS convention): distance = duration = trunc(10 * euclid)
    per edge, time windows and service times * 10, NUMBER vehicles of CAPACITY at the
    depot, open during the depot's window. Location k is Solomon customer k (0 = depot)."""
    import pyvrp
    with open(path, encoding="utf-8") as fh:
        lines = [ln.split() for ln in fh]
    number = capacity = None
    rows = []
    for k, toks in enumerate(lines):
        if toks[:2] == ["NUMBER", "CAPACITY"]:
            number, capacity = int(lines[k + 1][0]), int(lines[k + 1][1])
        if len(toks) == 7 and all(t.lstrip("-").isdigit() for t in toks):
            rows.append([int(t) for t in toks])
    if number is None or not rows or [r[0] for r in rows] != list(range(len(rows))):
        raise ValueError(f"{path}: not a Solomon file this script understands")
    m = pyvrp.Model()
    locations = [m.add_location(x=r[1], y=r[2]) for r in rows]
    depot_row = rows[0]
    depot = m.add_depot(locations[0], tw_early=10 * depot_row[4], tw_late=10 * depot_row[5])
    m.add_vehicle_type(num_available=number, capacity=capacity, start_depot=depot, end_depot=depot,
                       tw_early=10 * depot_row[4], tw_late=10 * depot_row[5])
    for r in rows[1:]:
        m.add_client(locations[r[0]], delivery=r[3], service_duration=10 * r[6],
                     tw_early=10 * r[4], tw_late=10 * r[5])
    for i, a in enumerate(rows):
        for j, b in enumerate(rows):
            dx, dy = float(a[1] - b[1]), float(a[2] - b[2])
            d = 0 if i == j else int(math.sqrt(dx * dx + dy * dy) * 10)  # truncation toward zero
            m.add_edge(locations[i], locations[j], distance=d, duration=d)
    return m.data()


def worker(args):
    """Solve one instance/seed; write the .sol and a JSON summary. Exit 0 if a plan was written."""
    pin_cpu(args.cpu)
    import pyvrp
    from pyvrp.stop import MaxRuntime

    t_begin = time.monotonic()  # total_s runs from here (import excluded) to the .sol written
    solomon = args.instance.endswith(".txt")
    rule = args.round or ("dimacs" if solomon else "round")
    data = solomon_data(args.instance) if solomon else pyvrp.read(args.instance, round_func=rule)
    # PyVRP's integers are the file's values x scale; costs are reported in the file's units.
    scale = ROUND_SCALE.get(rule, 1)
    t_read = time.monotonic() - t_begin
    if data.num_depots != 1:
        print(f"expected 1 depot, got {data.num_depots}", file=sys.stderr)
        return 3

    t0 = time.monotonic()
    res = pyvrp.solve(data, stop=MaxRuntime(args.budget), seed=args.seed, display=False)
    t_solve = time.monotonic() - t0

    best = res.best
    peer_cost = res.cost() / scale  # inf if PyVRP considers its best solution infeasible
    routes = [locs for locs in (route_locations(data, r) for r in best.routes()) if locs]
    claimed = peer_cost if math.isfinite(peer_cost) else best.distance() / scale
    decimals = SCALE_DECIMALS.get(scale)
    with open(args.sol, "w", encoding="utf-8") as fh:
        for k, locs in enumerate(routes, 1):
            fh.write(f"Route #{k}: {' '.join(map(str, locs))}\n")
        fh.write(f"Cost {fmt_num(claimed, decimals) if decimals is not None else fmt_num(claimed)}\n")
    t_total = time.monotonic() - t_begin

    summary = {
        "pyvrp_version": pyvrp_version(),
        "feasible": bool(best.is_feasible()),
        "peer_cost": peer_cost if math.isfinite(peer_cost) else None,
        "distance": best.distance() / scale,
        "routes": len(routes),
        "iterations": res.num_iterations,
        "round_func": rule,
        "scale": scale,
        "pyvrp_runtime_s": res.runtime,
        "read_s": t_read,
        "solve_s": t_solve,
        "total_s": t_total,
    }
    with open(args.result, "w", encoding="utf-8") as fh:
        json.dump(summary, fh)
    return 0


# --------------------------------------------------------------------------- parent

def run_one(binary, inst_path, name, n, seed, budget, bks, tmpdir, keep_dir, timeout_extra, cpu,
            round_rule=None):
    sol = os.path.join(tmpdir, f"{name}.seed{seed}.sol")
    res_json = os.path.join(tmpdir, f"{name}.seed{seed}.json")
    for p in (sol, res_json):
        if os.path.exists(p):
            os.remove(p)
    row = {"instance": name, "n": n, "seed": seed, "budget_s": fmt_budget(budget),
           "wall_s": "", "cost": "", "bks": fmt_num(bks) if bks is not None else "",
           "gap_pct": "", "status": "", "peer_cost": "", "peer_match": "", "total_s": "",
           "proc_s": "", "iterations": ""}
    cmd = [sys.executable, os.path.abspath(__file__), "--worker", "--instance", inst_path,
           "--seed", str(seed), "--budget", repr(float(budget)), "--sol", sol, "--result", res_json]
    if cpu is not None:
        cmd += ["--cpu", str(cpu)]
    if round_rule:
        cmd += ["--round", round_rule]
    t0 = time.monotonic()
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=budget * 2 + timeout_extra)
    except subprocess.TimeoutExpired:
        row["proc_s"] = f"{time.monotonic() - t0:.2f}"
        row["status"] = "timeout"
        return row, f"worker killed after {row['proc_s']} s"
    row["proc_s"] = f"{time.monotonic() - t0:.2f}"
    if proc.returncode != 0:
        row["status"] = f"solve_exit_{proc.returncode}"
        return row, tail(proc.stderr or proc.stdout)
    if not (os.path.exists(sol) and os.path.exists(res_json)):
        row["status"] = "no_output"
        return row, "worker exited 0 but wrote no .sol/.json"
    with open(res_json, encoding="utf-8") as fh:
        info = json.load(fh)
    row["wall_s"] = f"{info['solve_s']:.2f}"
    row["total_s"] = f"{info['total_s']:.2f}"
    row["iterations"] = str(info["iterations"])
    peer = info["peer_cost"]
    row["peer_cost"] = fmt_num(peer) if peer is not None else ""

    note = bench.verify(binary, inst_path, sol, bks, row, round_rule)
    if row["status"] == "ok":
        cost = float(row["cost"])
        if peer is None:
            row["peer_match"] = "no"
            note = f"MISMATCH: ontime check accepts cost {row['cost']}, PyVRP says infeasible"
        elif abs(peer - cost) > 1e-6 * max(1.0, abs(cost)):
            row["peer_match"] = "no"
            note = f"MISMATCH: ontime check cost {row['cost']} != PyVRP cost {row['peer_cost']}"
        else:
            row["peer_match"] = "yes"
    elif row["status"] == "infeasible":
        row["peer_match"] = "no" if peer is not None else "yes"
        if peer is not None:
            note = f"MISMATCH: PyVRP says feasible (cost {row['peer_cost']}), ontime check rejects:\n" + note
    if keep_dir:
        os.replace(sol, os.path.join(keep_dir, os.path.basename(sol)))
    return row, note


def main(argv=None):
    if argv is None:
        argv = sys.argv[1:]
    if "--worker" in argv:
        wp = argparse.ArgumentParser(prog="pyvrp_bench.py --worker")
        wp.add_argument("--worker", action="store_true")
        wp.add_argument("--instance", required=True)
        wp.add_argument("--seed", type=int, required=True)
        wp.add_argument("--budget", type=float, required=True)
        wp.add_argument("--sol", required=True)
        wp.add_argument("--result", required=True)
        wp.add_argument("--cpu", type=int, default=None)
        wp.add_argument("--round", default=None, choices=bench.ROUND_RULES)
        return worker(wp.parse_args(argv))

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="Defaults for paths are relative to the project root.")
    bench.add_common_arguments(ap)
    ap.add_argument("--binary", default=None,
                    help=f"ontime binary used for `check` (default {DEFAULT_BINARY}; never rebuilt)")
    ap.add_argument("--out", default=None,
                    help=f"output prefix; writes PREFIX.csv and PREFIX.md (default {DEFAULT_OUT})")
    ap.add_argument("--keep-solutions", action="store_true",
                    help="keep the .sol files in PREFIX_solutions/")
    ap.add_argument("--timeout-extra", type=float, default=60.0,
                    help="kill a worker after 2*budget + this many seconds (default 60)")
    ap.add_argument("--cpu", type=int, default=None, metavar="N",
                    help="pin this script, its workers and checks to core N (os.sched_setaffinity)")
    args = ap.parse_args(argv)

    pin_cpu(args.cpu)
    instance_dir = args.instance_dir or from_root(DEFAULT_INSTANCE_DIR)
    binary = os.path.abspath(args.binary) if args.binary else from_root(DEFAULT_BINARY)
    out_prefix = args.out or from_root(DEFAULT_OUT)
    bks_path = bench.resolve_bks_path(args.bks)
    per_customer = args.budget_per_customer
    if args.time_limit is None and per_customer is None:
        per_customer = 0.1

    names = bench.parse_instance_names(args.instances)
    seeds = bench.parse_seeds(args.seeds)
    plan = bench.plan_instances(names, instance_dir, args.time_limit, per_customer)
    if args.round not in (None, "dimacs") and any(p[1].endswith(".txt") for p in plan):
        die(f"--round {args.round}: Solomon .txt files are read as DIMACS only (solomon_data)")

    bks_table, conventions = bench.load_bks_for(args, names, bks_path)
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        die(f"checker binary not found or not executable: {binary} (this script does not build it)")
    version = pyvrp_version()
    if version == "unknown":
        die("pyvrp is not installed for " + sys.executable)

    os.makedirs(os.path.dirname(os.path.abspath(out_prefix)), exist_ok=True)
    keep_dir = None
    if args.keep_solutions:
        keep_dir = os.path.abspath(out_prefix) + "_solutions"
        os.makedirs(keep_dir, exist_ok=True)

    tasks = [(name, path, n, b, seed) for (name, path, n, b) in plan for seed in seeds]
    total_budget = sum(t[3] for t in tasks)
    where = f"core {args.cpu}" if args.cpu is not None else "unpinned"
    log(f"{SOLVER} {version}: {len(plan)} instance(s) x {len(seeds)} seed(s) = {len(tasks)} run(s), "
        f"total budget {total_budget:.0f} s, {where}")

    rows = []
    with tempfile.TemporaryDirectory(prefix="pyvrp-bench-") as tmpdir:
        try:
            for i, (name, path, n, b, seed) in enumerate(tasks, 1):
                bks = bks_table.get(name, (None, ""))[0]
                row, note = run_one(binary, path, name, n, seed, b, bks, tmpdir, keep_dir,
                                    args.timeout_extra, args.cpu, args.round)
                rows.append(row)
                log(f"[{i}/{len(tasks)}] {name} seed {seed}: {row['status']} "
                    f"cost={row['cost'] or '-'} (pyvrp {row['peer_cost'] or '-'}) "
                    f"gap={row['gap_pct'] or '-'}% wall={row['wall_s'] or '-'}s "
                    f"proc={row['proc_s']}s (budget {row['budget_s']}s)")
                if note:
                    log("    " + note.replace("\n", "\n    "))
        except KeyboardInterrupt:
            log("interrupted: writing the runs finished so far")

    csv_path, meta = bench.write_outputs(rows, CSV_FIELDS + EXTRA_FIELDS, out_prefix, names, args,
                                         per_customer, seeds, conventions, 1)
    md_lines = bench.build_markdown(rows, names, meta).splitlines()
    md_lines[0] = f"# {SOLVER} {version} benchmark: {meta['title']}"
    mismatches = [r for r in rows if r["peer_match"] == "no"]
    md_lines.append("")
    md_lines.append(
        f"Solver: {SOLVER} {version}, "
        + ("Solomon files built with the `pyvrp.Model` API from OnTime's integers (`solomon_data`: "
           "trunc(10·euclid) distances = durations, windows and service × 10, NUMBER vehicles)"
           if any(p[1].endswith(".txt") for p in plan)
           else f"`pyvrp.read(path, round_func=\"{args.round or 'round'}\")`"
           + (f" (costs ÷ {ROUND_SCALE[args.round]})" if args.round in ROUND_SCALE else ""))
        + f" + `pyvrp.solve(data, stop=MaxRuntime(budget), seed=seed)`, one fresh process per run, "
        f"{'pinned to core ' + str(args.cpu) if args.cpu is not None else 'not pinned'}. "
        f"Wall s = the `solve` call only (mean process wall incl. startup/import/read: "
        f"{fmt_num(bench.mean([float(r['proc_s']) for r in rows if r['proc_s']]), 2) if rows else '—'} s). "
        f"PyVRP-reported cost ≠ verified cost: "
        + (", ".join(f"{r['instance']}/s{r['seed']}" for r in mismatches) if mismatches else "none")
        + ".")
    md = "\n".join(md_lines) + "\n"
    md_path = out_prefix + ".md"
    with open(md_path, "w", encoding="utf-8") as fh:
        fh.write(md)
    log(f"wrote {csv_path} and {md_path}")
    sys.stdout.write(md)
    ok = rows and len(rows) == len(tasks) and all(r["status"] == "ok" for r in rows)
    return 0 if ok and not mismatches else 1


if __name__ == "__main__":
    sys.exit(main())
