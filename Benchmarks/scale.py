#!/usr/bin/env python3
"""Time-limit adherence and peak memory from 10 to 20,000 customers (issues 9 and 20).

Generates uniform random instances (seeded) and runs `ontime solve --time-limit T` on
each under /usr/bin/time -v; prints a markdown table of wall time (median of --runs),
its overrun of the limit, and peak resident memory. With --baseline BINARY the same runs
are made with a second binary, interleaved, for a side-by-side ratio.

--kind cvrp (default): VRPLIB EUC_2D, demands 1-10, capacity 100; the plan (.sol) is
  verified by `ontime check` and its cost reported.
--kind jobs: our JSON format, the path beyond the classic problem (genetic search with
  vehicle types): two vehicle types (van 100, truck 200, fixed costs), service 5, a third
  of the jobs with a window of 4,000 (opening 3,500-8,900, all servable) in a day of 20,000; the plan is written as JSON, so
  the arrival forecast and the JSON writer are inside the timed run. Exit 0 (feasible) or
  4 (no plan keeping every constraint in time) are both timed; the table says which and
  the verified cost `solve` printed.

Example (from the project root, release build):
    python3 Benchmarks/scale.py --limits 1 10 --runs 3
    python3 Benchmarks/scale.py --kind jobs --sizes 1000 5000 19999 --limits 3 --runs 3
    python3 Benchmarks/scale.py --kind jobs --sizes 19999 --id-length 2400 --limits 3 --runs 3
"""
import argparse
import json
import os
import random
import re
import statistics
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def generate(n, folder):
    r = random.Random(n)
    path = os.path.join(folder, f"gen-{n}.vrp")
    with open(path, "w") as f:
        f.write(f"NAME : gen-{n}\nTYPE : CVRP\nDIMENSION : {n + 1}\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 100\nNODE_COORD_SECTION\n")
        for i in range(n + 1):
            f.write(f"{i + 1} {r.randint(0, 10000)} {r.randint(0, 10000)}\n")
        f.write("DEMAND_SECTION\n")
        for i in range(n + 1):
            f.write(f"{i + 1} {0 if i == 0 else r.randint(1, 10)}\n")
        f.write("DEPOT_SECTION\n1\n-1\nEOF\n")
    return path


def generate_jobs(n, folder, id_length=0):
    r = random.Random(n)
    jobs = []
    for i in range(n):
        name = f"job-{i + 1}"
        job = {"id": name + "-" * max(0, id_length - len(name)), "location": [r.randint(0, 10000), r.randint(0, 10000)], "demand": r.randint(1, 10), "service": 5}
        if i % 3 == 0:
            a = r.randint(3500, 8900)  # every window reachable from the depot and back in the day
            job["time_windows"] = [[a, a + 4000]]
        jobs.append(job)
    doc = {"name": f"jobs-{n}", "depots": [{"id": "hub", "location": [5000, 5000], "time_window": [0, 20000]}],
           "vehicles": [{"id": "van", "count": max(1, n // 10), "capacity": 100, "fixed_cost": 10, "shift": [0, 20000]},
                        {"id": "truck", "count": max(1, n // 20), "capacity": 200, "fixed_cost": 25, "shift": [0, 20000]}],
           "jobs": jobs}
    path = os.path.join(folder, f"jobs-{n}{f'-id{id_length}' if id_length else ''}.json")
    with open(path, "w") as f:
        json.dump(doc, f)
    return path


def run_jobs(binary, instance, limit, out):
    p = subprocess.run(["/usr/bin/time", "-v", binary, "solve", instance, "--time-limit", str(limit), "--format", "json", "--output", out],
                       stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    if p.returncode not in (0, 4):
        raise SystemExit(f"failed ({p.returncode}): {p.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\d+):([\d.]+)", p.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    verified = re.search(r"verified cost (\S+) with (\d+) routes", p.stderr)
    with open(out) as f:
        json.load(f)  # the plan written is whole JSON
    note = f"{verified.group(1)} ({'feasible' if p.returncode == 0 else 'exit 4: none feasible in time'})"
    return int(wall.group(1)) * 60 + float(wall.group(2)), int(rss.group(1)) / 1024, note


def run(binary, instance, limit, out):
    p = subprocess.run(["/usr/bin/time", "-v", binary, "solve", instance, "--time-limit", str(limit), "--output", out, "--quiet"],
                       stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    if p.returncode != 0:
        raise SystemExit(f"failed: {p.stderr}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\d+):([\d.]+)", p.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    check = subprocess.run([binary, "check", instance, out], stdout=subprocess.PIPE, text=True)
    if check.returncode != 0:
        raise SystemExit(f"plan not verified: {check.stdout}")
    cost = int(re.search(r"cost (\d+)", check.stdout).group(1))
    return int(wall.group(1)) * 60 + float(wall.group(2)), int(rss.group(1)) / 1024, cost


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "ontime"))
    ap.add_argument("--baseline")
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 10000])
    ap.add_argument("--limits", type=float, nargs="+", default=[1, 10])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--kind", choices=["cvrp", "jobs"], default="cvrp")
    ap.add_argument("--id-length", type=int, default=0,
                    help="--kind jobs: pad every job id to this many characters (2400 at 19,999 jobs makes a 50 MB file)")
    args = ap.parse_args()
    jobs = args.kind == "jobs"
    folder = tempfile.mkdtemp(prefix="ontime-scale-")
    binaries = [("ontime", args.binary)] + ([("baseline", args.baseline)] if args.baseline else [])
    print(f"cores: {os.cpu_count()}")
    print("| customers | limit (s) | binary | wall (median s) | overrun | peak RSS (MB) | cost (median, verified) |")
    print("|---:|---:|---|---:|---:|---:|---:|")
    for n in args.sizes:
        instance = generate_jobs(n, folder, args.id_length) if jobs else generate(n, folder)
        for limit in args.limits:
            results = {name: [] for name, _ in binaries}
            for _ in range(args.runs):
                for name, binary in binaries:
                    if jobs:
                        results[name].append(run_jobs(binary, instance, limit, os.path.join(folder, "out.json")))
                    else:
                        results[name].append(run(binary, instance, limit, os.path.join(folder, "out.sol")))
            for name, _ in binaries:
                walls = [w for w, _, _ in results[name]]
                rss = max(m for _, m, _ in results[name])
                wall = statistics.median(walls)
                cost = "; ".join(c for _, _, c in results[name]) if jobs else f"{statistics.median(c for _, _, c in results[name]):.0f}"
                print(f"| {n} | {limit:g} | {name} | {wall:.2f} | {100 * (wall / limit - 1):+.1f} % (max {100 * (max(walls) / limit - 1):+.1f} %) "
                      f"| {rss:.0f} | {cost} |", flush=True)


if __name__ == "__main__":
    main()
