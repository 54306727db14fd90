#!/usr/bin/env python3
"""Benchmark the OnTime CLI on CVRPLIB instances against best-known solutions.

For every (instance, seed) pair this runs

    ontime solve INSTANCE --time-limit B --seed S --format vrplib --output TMP.sol [--round R]

measures its wall time, then verifies the plan with

    ontime check INSTANCE TMP.sol [--round R]

and keeps only the cost printed by `check` ("feasible: R routes, cost C").
A plan that `check` rejects is recorded with status "infeasible" and no cost.
The gap to the best-known solution is 100 * (cost - bks) / bks.

--round RULE (round | trunc | dimacs | exact | none, PyVRP's round_func names) is
passed to both `solve` and `check`; without it neither gets the flag and the binary
uses its default (round for VRPLIB, dimacs for Solomon). The Gehring & Homberger
VRPTW files need --round dimacs (costs in the file's units, one decimal).

--bks takes either bks.csv (set,instance,...,bks_cost,...,convention,...) or
bks-variants.csv (set,instance,dimension,bks_cost,bks_routes,pyvrp_round_func);
--bks-set picks the rows (X, solomon, homberger-1000, ...). --bks none: no BKS at
all (e.g. sampled instances); the gap column is then empty.

Outputs: <out>.csv (one row per run) and <out>.md (one row per instance plus a
summary line), and the markdown is printed on stdout. Progress goes to stderr.

Paths: the *defaults* (--instance-dir, --binary, --out, --bks) are relative to
the project root (the parent of this Benchmarks/ folder); paths you pass on the
command line are relative to the current directory, as usual.

Exit status: 0 if every run was verified feasible, 1 if some run was not
(status infeasible / solve_exit_N / timeout / ...), 2 on usage or build errors.

Python 3 standard library only.

Examples (from the project root):
    python3 Benchmarks/bench.py --instances Benchmarks/lists/x-small.txt --seeds 1,2,3
    python3 Benchmarks/bench.py --instances X-n101-k25,X-n106-k14 --time-limit 2 --seeds 1 \\
        --out Benchmarks/out/smoke
    python3 Benchmarks/bench.py --instances Benchmarks/lists/homberger-12.txt \\
        --instance-dir ../shared/instances/vrptw/homberger-1000 --round dimacs \\
        --bks ../shared/instances/bks-variants.csv --bks-set homberger-1000 --time-limit 60
"""

import argparse
import concurrent.futures
import csv
import datetime
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_INSTANCE_DIR = os.path.join("..", "shared", "instances", "cvrp", "X")
DEFAULT_BKS = os.path.join("..", "shared", "instances", "bks.csv")
DEFAULT_BINARY = os.path.join(".build", "release", "ontime")
DEFAULT_OUT = os.path.join("Benchmarks", "out", "run")

ROUND_RULES = ("round", "trunc", "dimacs", "exact", "none")
CHECK_OK = re.compile(r"^feasible:\s*(\d+)\s+routes?,\s*cost\s+(-?\d+(?:\.\d+)?)\s*$")
EXTRA_SOLVE_ARGS = []
# The summary `ontime solve` prints when --set-partitioning is on.
SET_PARTITIONING = re.compile(r"set partitioning: (\d+) calls, (\d+) improvements, ([\d.]+) s in GLPK")
CSV_FIELDS = ["instance", "n", "seed", "budget_s", "wall_s", "cost", "bks", "gap_pct", "status",
              "sp_calls", "sp_improvements", "glpk_s"]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def die(msg):
    """Usage / setup error: exit 2 (exit 1 means some runs were not verified feasible)."""
    print(f"error: {msg}", file=sys.stderr)
    sys.exit(2)


def from_root(path):
    """Resolve a default path against the project root."""
    return os.path.normpath(os.path.join(PROJECT_ROOT, path))


# --------------------------------------------------------------------------- inputs

def parse_instance_names(spec):
    """A file (one name per line, '#' comments) or a comma-separated list."""
    names = []
    if os.path.isfile(spec):
        with open(spec, encoding="utf-8") as fh:
            for line in fh:
                line = line.split("#", 1)[0].strip()
                if line:
                    names.extend(tok.strip() for tok in line.replace(",", " ").split())
    else:
        if spec.endswith(".txt") or os.sep in spec:
            die(f"instance list file not found: {spec}")
        names = [tok.strip() for tok in spec.split(",") if tok.strip()]
    cleaned = []
    for name in names:
        name = os.path.basename(name)
        if name.endswith(".vrp") or name.endswith(".txt"):
            name = name[:-4]
        if name not in cleaned:
            cleaned.append(name)
    if not cleaned:
        die(f"no instance names in {spec!r}")
    return cleaned


def parse_seeds(spec):
    seeds = []
    for tok in spec.split(","):
        tok = tok.strip()
        if not tok:
            continue
        if re.fullmatch(r"\d+-\d+", tok):  # allow ranges like 1-5
            lo, hi = map(int, tok.split("-"))
            seeds.extend(range(lo, hi + 1))
        else:
            seeds.append(int(tok))
    if not seeds:
        die("--seeds is empty")
    return seeds


def solomon_customers(path):
    """Number of customers in a Solomon file: rows of 7 integers after CUSTOMER, minus the depot."""
    rows, started = 0, False
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if line.strip().upper().startswith("CUSTOMER"):
                started = True
                continue
            if started and len(line.split()) == 7 and all(t.lstrip("-").isdigit() for t in line.split()):
                rows += 1
    if rows == 0:
        raise ValueError(f"no customer rows in {path}")
    return rows - 1


def plan_instances(names, instance_dir, time_limit, per_customer):
    """(name, path, n customers, budget) per instance: NAME.vrp (VRPLIB) or NAME.txt
    (Solomon) in instance_dir. Dies listing every file not found."""
    plan, missing = [], []
    for name in names:
        vrp = os.path.abspath(os.path.join(instance_dir, name + ".vrp"))
        txt = os.path.abspath(os.path.join(instance_dir, name + ".txt"))
        if os.path.isfile(vrp):
            path, n = vrp, read_dimension(vrp) - 1
        elif os.path.isfile(txt):
            path, n = txt, solomon_customers(txt)
        else:
            missing.append(vrp + " (or .txt)")
            continue
        budget = time_limit if time_limit is not None else per_customer * n
        plan.append((name, path, n, budget))
    if missing:
        die("instance file(s) not found:\n  " + "\n  ".join(missing))
    return plan


def read_dimension(path):
    """DIMENSION from a VRPLIB header (files may have CRLF and tabs)."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            s = line.strip()
            if s.upper().startswith("DIMENSION"):
                return int(s.split(":", 1)[1].strip())
            if s.upper().startswith("NODE_COORD_SECTION"):
                break
    raise ValueError(f"no DIMENSION in header of {path}")


def load_bks(path, bks_set):
    """instance -> (bks_cost, convention) for rows of the given set (e.g. 'X').
    Reads bks.csv (convention column) and bks-variants.csv (no convention column:
    its pyvrp_round_func, e.g. 'dimacs', is reported as 'round_func dimacs')."""
    table = {}
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if bks_set and row.get("set") != bks_set:
                continue
            convention = row.get("convention") or ""
            if not convention and row.get("pyvrp_round_func"):
                convention = "round_func " + row["pyvrp_round_func"]
            try:
                table[row["instance"]] = (float(row["bks_cost"]), convention)
            except (KeyError, ValueError, TypeError):
                continue
    return table


def load_bks_for(args, names, bks_path):
    """The BKS table for this run ({} with --bks none), with warnings for missing rows
    and for a --round that differs from the rows' round_func; and the conventions."""
    if bks_path is None:
        return {}, []
    bks_table = load_bks(bks_path, args.bks_set) if os.path.isfile(bks_path) else {}
    if not bks_table:
        log(f"warning: no BKS rows for set {args.bks_set!r} in {bks_path}; gaps will be empty")
    for nm in names:
        if bks_table and nm not in bks_table:
            log(f"warning: no BKS for {nm}; its gap will be empty")
    conventions = sorted({bks_table[nm][1] for nm in names if nm in bks_table and bks_table[nm][1]})
    rules = {c.split()[-1] for c in conventions if c.startswith("round_func ")}
    if rules and getattr(args, "round", None) not in rules:
        log(f"warning: the BKS rows are for round_func {', '.join(sorted(rules))} but this run uses "
            f"--round {getattr(args, 'round', None) or '(binary default)'}; gaps are not comparable")
    return bks_table, conventions


def resolve_bks_path(arg):
    """--bks value -> path, or None for 'none'."""
    if arg is not None and arg.lower() == "none":
        return None
    return arg or from_root(DEFAULT_BKS)


def round_args(rule):
    return ["--round", rule] if rule else []


# --------------------------------------------------------------------------- running

def fmt_num(x, digits=None):
    if x is None:
        return ""
    if digits is None:
        return str(int(x)) if float(x).is_integer() else repr(float(x))
    return f"{x:.{digits}f}"


def fmt_budget(b):
    return f"{b:.3f}".rstrip("0").rstrip(".")


def tail(text, lines=5):
    return "\n".join(text.strip().splitlines()[-lines:])


def run_one(binary, inst_path, name, n, seed, budget, bks, tmpdir, keep_dir, timeout_extra,
            round_rule=None):
    sol = os.path.join(tmpdir, f"{name}.seed{seed}.sol")
    if os.path.exists(sol):
        os.remove(sol)
    row = {"instance": name, "n": n, "seed": seed, "budget_s": fmt_budget(budget),
           "wall_s": "", "cost": "", "bks": fmt_num(bks) if bks is not None else "",
           "gap_pct": "", "status": ""}
    cmd = [binary, "solve", inst_path, "--time-limit", fmt_budget(budget), "--seed", str(seed),
           "--format", "vrplib", "--output", sol] + round_args(round_rule) + EXTRA_SOLVE_ARGS
    t0 = time.monotonic()
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=budget * 2 + timeout_extra)
    except subprocess.TimeoutExpired:
        row["wall_s"] = f"{time.monotonic() - t0:.2f}"
        row["status"] = "timeout"
        return row, f"solve killed after {row['wall_s']} s"
    row["wall_s"] = f"{time.monotonic() - t0:.2f}"
    note = ""
    sp = SET_PARTITIONING.search(proc.stderr or "")
    if sp:
        row["sp_calls"], row["sp_improvements"], row["glpk_s"] = sp.group(1), sp.group(2), sp.group(3)
    if proc.returncode != 0:
        # 4 = no feasible plan in time, 2 = bad input, 1 = internal error, ...
        row["status"] = f"solve_exit_{proc.returncode}"
        return row, tail(proc.stderr or proc.stdout)
    if not os.path.exists(sol):
        row["status"] = "no_output"
        return row, "solve exited 0 but wrote no file"

    note = verify(binary, inst_path, sol, bks, row, round_rule)
    if keep_dir:
        os.replace(sol, os.path.join(keep_dir, os.path.basename(sol)))
    return row, note


def verify(binary, inst_path, sol, bks, row, round_rule=None):
    """Runs `ontime check` (with --round round_rule if given) on a plan and fills row's
    cost, status and gap from the verifier's output only. Returns a note for the log
    ("" when verified)."""
    chk = subprocess.run([binary, "check", inst_path, sol] + round_args(round_rule), stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True, timeout=120)
    first = (chk.stdout.strip().splitlines() or [""])[0].strip()
    m = CHECK_OK.match(first)
    if chk.returncode == 0 and m:
        cost = float(m.group(2))
        row["cost"] = fmt_num(cost)
        row["status"] = "ok"
        if bks is not None:
            row["gap_pct"] = f"{100.0 * (cost - bks) / bks:.3f}"
        return ""
    if chk.returncode == 0:
        row["status"] = "check_unparsed"
        return f"check output not understood: {first!r}"
    row["status"] = "infeasible"
    return "\n".join(chk.stdout.strip().splitlines()[:4])


# --------------------------------------------------------------------------- report

def mean(xs):
    return statistics.fmean(xs) if xs else None


def build_markdown(rows, instances, meta):
    lines = [f"# OnTime benchmark: {meta['title']}", ""]
    if meta["bks_file"]:
        bks_desc = (f"Gap = 100·(verified cost − BKS)/BKS, BKS from `{meta['bks_file']}` set "
                    f"{meta['bks_set']} ({meta['convention']}).")
    else:
        bks_desc = "No BKS (gap empty)."
    lines.append(f"Budget: {meta['budget_desc']}. Seeds: {meta['seeds']}. "
                 f"Rounding: {meta['round']}. {bks_desc} "
                 "Only costs verified by `ontime check` count.")
    lines.append("")
    lines.append("| instance | n | BKS | budget s | ok/runs | mean cost | best cost "
                 "| mean gap % | min gap % | mean wall s |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    inst_mean_gaps = []
    n_runs = n_ok = 0
    for name in instances:
        rs = [r for r in rows if r["instance"] == name]
        if not rs:
            continue
        ok = [r for r in rs if r["status"] == "ok"]
        n_runs += len(rs)
        n_ok += len(ok)
        costs = [float(r["cost"]) for r in ok]
        gaps = [float(r["gap_pct"]) for r in ok if r["gap_pct"] != ""]
        walls = [float(r["wall_s"]) for r in rs if r["wall_s"] != ""]
        mg = mean(gaps)
        if mg is not None:
            inst_mean_gaps.append(mg)
        bad = sorted({r["status"] for r in rs if r["status"] != "ok"})
        okcol = f"{len(ok)}/{len(rs)}" + (f" ({', '.join(bad)})" if bad else "")
        lines.append("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
            name, rs[0]["n"], rs[0]["bks"] or "—", rs[0]["budget_s"], okcol,
            fmt_num(mean(costs), 1) if costs else "—",
            fmt_num(min(costs)) if costs else "—",
            fmt_num(mg, 2) if mg is not None else "—",
            fmt_num(min(gaps), 2) if gaps else "—",
            fmt_num(mean(walls), 2) if walls else "—"))
    lines.append("")
    overall = mean(inst_mean_gaps)
    lines.append(
        "**Mean gap over {k} instances: {g}** ({ok}/{runs} runs verified feasible) · "
        "date {date} · nproc {nproc} · jobs {jobs} · command: `{cmd}`".format(
            k=len(inst_mean_gaps), g=(f"{overall:.2f} %" if overall is not None else "n/a"),
            ok=n_ok, runs=n_runs, date=meta["date"], nproc=meta["nproc"], jobs=meta["jobs"],
            cmd=meta["cmdline"]))
    return "\n".join(lines) + "\n"


def nproc():
    """The machine's core count, and the core this process is pinned to, if any
    (`nproc` alone would report 1 under pinning)."""
    total = os.cpu_count() or 0
    allowed = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else set(range(total))
    if len(allowed) < total:
        return f"{total} (this run pinned to core {','.join(map(str, sorted(allowed)))})"
    return total


def write_outputs(rows, fields, out_prefix, names, args, per_customer, seeds, conventions, jobs):
    """Writes <out>.csv and returns the run's metadata for the markdown table."""
    csv_path = out_prefix + ".csv"
    with open(csv_path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)
    if args.time_limit is not None:
        budget_desc = f"fixed {fmt_budget(args.time_limit)} s per run"
    else:
        budget_desc = f"{fmt_budget(per_customer)} s per customer"
    return csv_path, {
        "title": os.path.basename(args.instances) if os.path.isfile(args.instances)
        else f"{len(names)} instance(s)",
        "budget_desc": budget_desc,
        "seeds": ",".join(map(str, seeds)),
        "bks_set": args.bks_set,
        "bks_file": (None if args.bks is not None and args.bks.lower() == "none"
                     else os.path.basename(args.bks or DEFAULT_BKS)),
        "round": f"`--round {args.round}`" if args.round else "binary default (no --round)",
        "convention": ", ".join(conventions) or "convention unknown",
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "nproc": nproc(),
        "jobs": jobs,
        "cmdline": shlex.join([os.path.basename(sys.executable) or "python3"] + sys.argv),
    }


# --------------------------------------------------------------------------- main

def add_common_arguments(ap):
    """Options shared by bench.py and the peer scripts: instances, seeds and budget."""
    ap.add_argument("--instances", required=True,
                    help="file with one instance name per line ('#' comments) or a comma-separated list")
    ap.add_argument("--instance-dir", default=None,
                    help=f"folder with NAME.vrp or NAME.txt (Solomon) (default {DEFAULT_INSTANCE_DIR} from the project root)")
    ap.add_argument("--seeds", default="1", help="comma-separated seeds, ranges allowed (default 1)")
    budget = ap.add_mutually_exclusive_group()
    budget.add_argument("--budget-per-customer", type=float, default=None, metavar="SECONDS",
                        help="time limit = SECONDS * n customers, n = DIMENSION-1 (default 0.1)")
    budget.add_argument("--time-limit", type=float, default=None, metavar="SECONDS",
                        help="fixed time limit per run instead of a per-customer budget")
    ap.add_argument("--bks", default=None,
                    help=f"best-known costs CSV: bks.csv or bks-variants.csv (default {DEFAULT_BKS}); "
                    "'none' for no BKS (gap column empty)")
    ap.add_argument("--bks-set", default="X",
                    help="'set' column of the BKS rows to use (default X; e.g. solomon, homberger-1000)")
    ap.add_argument("--round", default=None, choices=ROUND_RULES, metavar="RULE",
                    help="rounding of a VRPLIB/Solomon file's distances and times, as PyVRP's round_func: "
                    + " | ".join(ROUND_RULES) + " (default: not passed; the binary's default, "
                    "round for VRPLIB, dimacs for Solomon). Homberger files: dimacs")



def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="Defaults for paths are relative to the project root.")
    add_common_arguments(ap)
    ap.add_argument("--binary", default=None, help=f"ontime binary (default {DEFAULT_BINARY})")
    ap.add_argument("--no-build", action="store_true",
                    help="do not run `swift build -c release` first")
    ap.add_argument("--out", default=None,
                    help=f"output prefix; writes PREFIX.csv and PREFIX.md (default {DEFAULT_OUT})")
    ap.add_argument("--jobs", type=int, default=1,
                    help="parallel runs (default 1; more than 1 on a shared 2-core box skews timings)")
    ap.add_argument("--keep-solutions", action="store_true",
                    help="keep the .sol files in PREFIX_solutions/")
    ap.add_argument("--cpu", type=int, default=None, metavar="N",
                    help="pin this runner and the solver to core N (for side-by-side runs with a peer on another core)")
    ap.add_argument("--extra", default="", metavar="ARGS",
                    help="extra arguments passed to `ontime solve`, e.g. \"--algorithm ils\"")
    ap.add_argument("--timeout-extra", type=float, default=60.0,
                    help="kill a solve after 2*budget + this many seconds (default 60)")
    args = ap.parse_args(argv)
    if args.cpu is not None:
        try:
            os.sched_setaffinity(0, {args.cpu})
        except (OSError, ValueError) as e:
            die(f"--cpu {args.cpu}: {e}")
    global EXTRA_SOLVE_ARGS
    EXTRA_SOLVE_ARGS = shlex.split(args.extra)

    instance_dir = args.instance_dir or from_root(DEFAULT_INSTANCE_DIR)
    binary = os.path.abspath(args.binary) if args.binary else from_root(DEFAULT_BINARY)
    out_prefix = args.out or from_root(DEFAULT_OUT)
    bks_path = resolve_bks_path(args.bks)
    per_customer = args.budget_per_customer
    if args.time_limit is None and per_customer is None:
        per_customer = 0.1
    if args.jobs < 1:
        die("--jobs must be >= 1")

    names = parse_instance_names(args.instances)
    seeds = parse_seeds(args.seeds)

    # Resolve instances and sizes up front, so a typo fails before any solving.
    plan = plan_instances(names, instance_dir, args.time_limit, per_customer)

    bks_table, conventions = load_bks_for(args, names, bks_path)

    ncores = nproc()
    if args.jobs > 1:
        log(f"note: --jobs {args.jobs} on {ncores} core(s); runs compete for CPU, "
            "wall times and solution quality are not comparable to --jobs 1")

    if not args.no_build:
        log("building: swift build -c release ...")
        t0 = time.monotonic()
        b = subprocess.run(["swift", "build", "-c", "release"], cwd=PROJECT_ROOT,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if b.returncode != 0:
            log(tail(b.stdout, 40))
            die(f"swift build failed (exit {b.returncode})")
        log(f"build ok in {time.monotonic() - t0:.0f} s")
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        die(f"binary not found or not executable: {binary}")

    out_dir = os.path.dirname(os.path.abspath(out_prefix))
    os.makedirs(out_dir, exist_ok=True)
    keep_dir = None
    if args.keep_solutions:
        keep_dir = os.path.abspath(out_prefix) + "_solutions"
        os.makedirs(keep_dir, exist_ok=True)

    tasks = [(name, path, n, b, seed) for (name, path, n, b) in plan for seed in seeds]
    total_budget = sum(t[3] for t in tasks)
    log(f"{len(plan)} instance(s) x {len(seeds)} seed(s) = {len(tasks)} run(s), "
        f"total budget {total_budget:.0f} s, jobs {args.jobs}")

    rows = []
    with tempfile.TemporaryDirectory(prefix="ontime-bench-") as tmpdir:
        def job(t):
            name, path, n, b, seed = t
            bks = bks_table.get(name, (None, ""))[0]
            return run_one(binary, path, name, n, seed, b, bks, tmpdir, keep_dir, args.timeout_extra,
                           args.round)

        done = 0
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            futures = [pool.submit(job, t) for t in tasks]
            try:
                for fut in concurrent.futures.as_completed(futures):
                    row, note = fut.result()
                    rows.append(row)
                    done += 1
                    log(f"[{done}/{len(tasks)}] {row['instance']} seed {row['seed']}: "
                        f"{row['status']} cost={row['cost'] or '-'} gap={row['gap_pct'] or '-'}% "
                        f"wall={row['wall_s']}s (budget {row['budget_s']}s)")
                    if note:
                        log("    " + note.replace("\n", "\n    "))
            except KeyboardInterrupt:
                for f in futures:
                    f.cancel()
                log("interrupted: writing the runs finished so far")

    order = {name: i for i, name in enumerate(names)}
    rows.sort(key=lambda r: (order[r["instance"]], r["seed"]))

    csv_path, meta = write_outputs(rows, CSV_FIELDS, out_prefix, names, args, per_customer, seeds,
                                   conventions, args.jobs)
    md = build_markdown(rows, names, meta)
    md_path = out_prefix + ".md"
    with open(md_path, "w", encoding="utf-8") as fh:
        fh.write(md)
    log(f"wrote {csv_path} and {md_path}")
    sys.stdout.write(md)
    return 0 if rows and all(r["status"] == "ok" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
