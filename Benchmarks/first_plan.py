#!/usr/bin/env python3
"""How soon does `ontime solve` have a plan keeping every window and the fleet?

For every instance of a list: `ontime solve INSTANCE --round RULE --time-limit LIMIT
--log-json --format vrplib` (the whole command, reading and writing included, within
LIMIT seconds), then `ontime check` on the plan it wrote. A row per instance: the time
of the first progress event (the first plan found), the whole run's wall time, the
verified cost and whether the check found the plan feasible. Exit status 1 when any
instance has no feasible plan within the limit.

    python3 Benchmarks/first_plan.py --instances Benchmarks/lists/homberger-all.txt \\
        --instance-dir ../shared/instances/vrptw/homberger-1000 --round dimacs --time-limit 3 \\
        --binary .build/release/ontime
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time


def names(spec):
    if os.path.isfile(spec):
        with open(spec, encoding="utf-8") as fh:
            return [ln.split("#")[0].strip() for ln in fh if ln.split("#")[0].strip()]
    return [s for s in spec.split(",") if s]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--instances", required=True)
    ap.add_argument("--instance-dir", required=True)
    ap.add_argument("--round", default="dimacs")
    ap.add_argument("--time-limit", type=float, default=3.0)
    ap.add_argument("--binary", default=".build/release/ontime")
    ap.add_argument("--seed", default="1")
    args = ap.parse_args()
    print("| instance | first plan s | run s | verified cost | feasible |")
    print("|---|---:|---:|---:|---|")
    failures = 0
    firsts = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names(args.instances):
            path = os.path.join(args.instance_dir, name + ".vrp")
            sol = os.path.join(tmp, name + ".sol")
            t0 = time.monotonic()
            run = subprocess.run([args.binary, "solve", path, "--round", args.round, "--time-limit", str(args.time_limit),
                                  "--seed", args.seed, "--log-json", "--output", sol, "--format", "vrplib"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            wall = time.monotonic() - t0
            first = None
            for line in run.stderr.splitlines():
                try:
                    event = json.loads(line)
                except ValueError:
                    continue
                if event.get("event") == "progress":
                    first = event["elapsed"]
                    break
            check = subprocess.run([args.binary, "check", path, sol, "--round", args.round],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) if os.path.exists(sol) else None
            text = check.stdout.strip().splitlines()[-1] if check else "no plan written"
            feasible = check is not None and check.returncode == 0 and text.startswith("feasible")
            cost = text.rsplit("cost ", 1)[-1] if feasible else "—"
            failures += not feasible
            if first is not None:
                firsts.append(first)
            print(f"| {name} | {first if first is not None else '—'} | {wall:.2f} | {cost} | {'yes' if feasible else 'NO: ' + text} |")
    if firsts:
        print(f"\nFirst plan: at most {max(firsts):.2f} s, median {sorted(firsts)[len(firsts) // 2]:.2f} s over {len(firsts)} instances; "
              f"{failures} without a feasible plan within {args.time_limit:g} s.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
