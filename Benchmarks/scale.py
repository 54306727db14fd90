#!/usr/bin/env python3
"""Time-limit adherence and peak memory from 10 to 10,000 customers (issue 9).

Generates uniform random CVRP instances (EUC_2D, demands 1-10, capacity 100, seeded),
runs `ontime solve --time-limit T` on each under /usr/bin/time -v, and prints a
markdown table of wall time (median of --runs), its overrun of the limit, and peak
resident memory. With --baseline BINARY the same runs are made with a second binary,
interleaved, for a side-by-side ratio.

Example (from the project root, release build):
    python3 Benchmarks/scale.py --limits 1 10 --runs 3
"""
import argparse
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
    args = ap.parse_args()
    folder = tempfile.mkdtemp(prefix="ontime-scale-")
    binaries = [("ontime", args.binary)] + ([("baseline", args.baseline)] if args.baseline else [])
    print(f"cores: {os.cpu_count()}")
    print("| customers | limit (s) | binary | wall (median s) | overrun | peak RSS (MB) | cost (median, verified) |")
    print("|---:|---:|---|---:|---:|---:|---:|")
    for n in args.sizes:
        instance = generate(n, folder)
        for limit in args.limits:
            results = {name: [] for name, _ in binaries}
            for _ in range(args.runs):
                for name, binary in binaries:
                    results[name].append(run(binary, instance, limit, os.path.join(folder, "out.sol")))
            for name, _ in binaries:
                walls = [w for w, _, _ in results[name]]
                rss = max(m for _, m, _ in results[name])
                cost = statistics.median(c for _, _, c in results[name])
                wall = statistics.median(walls)
                print(f"| {n} | {limit:g} | {name} | {wall:.2f} | {100 * (wall / limit - 1):+.1f} % (max {100 * (max(walls) / limit - 1):+.1f} %) "
                      f"| {rss:.0f} | {cost:.0f} |", flush=True)


if __name__ == "__main__":
    main()
