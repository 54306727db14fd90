#!/usr/bin/env python3
"""Accuracy of OnTime's predicted arrival windows against a simulated ground truth.

The "true" world is deliberately not the model OnTime assumes: every day has its own
congestion factor shared by all legs (correlated delays, lognormal, mean 1.05, cv 0.10),
each leg has lognormal noise (cv 0.15) plus, with probability 0.1, an incident that
adds an exponential delay (mean 50 % of the leg), and service times are lognormal
(cv 0.35). Travel also depends on the hour of day (time 0 is 08:00, one unit is a
minute): legs that start in the morning rush (08-09) take 20 % longer, at lunch
(12-13) 10 % longer, in the evening rush (16-18) 30 % longer and at night (20-06)
15 % less. OnTime assumes lognormal legs and services, a shared day factor, and per
hour a mean factor and a spread, all fitted from the history.

1. Plan: `ontime solve INSTANCE` (fixed seed and iteration count).
2. History: the plan is driven on 30 simulated days; every leg and service becomes a
   row of planned vs actual time, with its day and (unless --no-hours) the hour of day
   the leg started.
3. Calibration: `ontime calibrate history.csv --output model.json`.
4. Forecast: `ontime solve ... --travel-model model.json --format json` gives each
   stop's P10/P50/P90 arrival and late risk.
5. Test: 30 more simulated days. Reported: coverage of the P10-P90 range (goal 80 %
   +- 3), its mean width; the naive rule "planned arrival +- b" with b tuned so that it
   reaches the same coverage on the test days, and its width; precision and recall of
   the late warnings (late risk >= threshold) against the stops that were actually
   late; the forecast's time for a 1,000-stop plan.

Python 3 standard library only; uses the release build of ontime.

Example (from the project root):
    python3 Benchmarks/windows_study.py --instance ../shared/instances/vrptw/solomon/R101.txt
"""

import argparse
import csv
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_solomon(path):
    rows = []
    for line in open(path):
        t = line.split()
        if len(t) == 7 and all(x.lstrip("-").isdigit() for x in t):
            rows.append([int(x) for x in t])
    pts = [(r[1], r[2]) for r in rows]
    ready = [r[4] for r in rows]
    due = [r[5] for r in rows]
    service = [r[6] for r in rows]

    def dist(i, j):  # DIMACS: truncated to one decimal, in input units
        return int(math.sqrt((pts[i][0] - pts[j][0]) ** 2 + (pts[i][1] - pts[j][1]) ** 2) * 10) / 10.0
    return dist, ready, due, service


def lognormal(rng, mean, cv):
    if mean <= 0 or cv <= 0:
        return mean
    s2 = math.log(1 + cv * cv)
    return math.exp(math.log(mean) - s2 / 2 + math.sqrt(s2) * rng.gauss(0, 1))


HOUR_FACTOR = {8: 1.2, 12: 1.1, 16: 1.3, 17: 1.3}


def hour_factor(hour):
    if hour in HOUR_FACTOR:
        return HOUR_FACTOR[hour]
    return 0.85 if hour >= 20 or hour < 6 else 1.0


def clock_hour(t):
    return int(8 + t / 60.0) % 24


def drive_day(routes, inst, rng):
    """One simulated day: per stop (route, position) -> (arrival, start, late), plus leg/service rows."""
    dist, ready, due, service = inst
    congestion = lognormal(rng, 1.05, 0.10)
    result, legs, services = {}, [], []
    for r, route in enumerate(routes):
        t, prev = float(ready[0]), 0
        for k, c in enumerate(route):
            planned = dist(prev, c)
            hour = clock_hour(t)
            actual = planned * congestion * hour_factor(hour) * lognormal(rng, 1.0, 0.15)
            if rng.random() < 0.1:
                actual += rng.expovariate(1.0) * 0.5 * planned
            legs.append((planned, actual, hour))
            t += actual
            start = max(t, ready[c])
            late = start > due[c]
            result[(r, k)] = (t, start, late)
            s = lognormal(rng, service[c], 0.35)
            services.append((service[c], s))
            t = start + s
            prev = c
    return result, legs, services


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr}")
    return p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--instance", default=os.path.join(ROOT, "..", "shared", "instances", "vrptw", "solomon", "R101.txt"))
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "ontime"))
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threshold", type=float, default=0.3)
    ap.add_argument("--iterations", type=int, default=2000)
    ap.add_argument("--no-hours", action="store_true", help="leave the hour column out of the history (ablation)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    inst = read_solomon(args.instance)
    tmp = tempfile.mkdtemp(prefix="ontime-windows-")

    plan_sol = os.path.join(tmp, "plan.sol")
    run([args.binary, "solve", args.instance, "--max-iterations", str(args.iterations), "--seed", "1",
         "--output", plan_sol, "--quiet"])
    routes = [[int(x) for x in line.split(":", 1)[1].split()] for line in open(plan_sol) if line.startswith("Route")]
    stops = sum(len(r) for r in routes)

    # 2. History.
    history = os.path.join(tmp, "history.csv")
    history_days = []
    with open(history, "w") as fh:
        fh.write("planned,actual,kind,day,hour\n")
        history_errors = []  # |actual - planned arrival| on the history days, for the naive rule
        planned_arrival = None
        for d in range(args.days):
            day, legs, services = drive_day(routes, inst, rng)
            history_days.append(day)
            for (p, a, h) in legs:
                if p > 0:
                    fh.write(f"{p},{a:.4f},leg,{d},{'' if args.no_hours else h}\n")
            for (p, a) in services:
                if p > 0:
                    fh.write(f"{p},{a:.4f},service,{d},\n")
    # 3. Calibration.
    model = os.path.join(tmp, "model.json")
    cal = run([args.binary, "calibrate", history, "--output", model])
    # 4. Forecast with the calibrated model.
    plan_json = os.path.join(tmp, "plan.json")
    run([args.binary, "solve", args.instance, "--max-iterations", str(args.iterations), "--seed", "1",
         "--travel-model", model, "--format", "json", "--output", plan_json, "--quiet"])
    plan = json.load(open(plan_json))
    forecast = {}
    for r, route in enumerate(plan["routes"]):
        assert route["sequence"] == routes[r], "the two solves must give the same plan"
        for k, s in enumerate(route["stops"]):
            forecast[(r, k)] = (s["arrival"], s["eta"]["low"], s["eta"]["high"], s["eta"]["late_risk"])

    # 5. Test days.
    inside = total = 0
    widths = []
    errors = []  # |actual - planned| for the naive rule
    tp = fp = fn = tn = 0
    for _ in range(args.days):
        day, _, _ = drive_day(routes, inst, rng)
        for key, (arrival, start, late) in day.items():
            planned, low, high, risk = forecast[key]
            total += 1
            inside += low <= arrival <= high
            widths.append(high - low)
            errors.append(abs(arrival - planned))
            warned = risk >= args.threshold
            tp += warned and late
            fp += warned and not late
            fn += (not warned) and late
            tn += (not warned) and not late
    coverage = inside / total
    errors.sort()
    b = errors[min(len(errors) - 1, max(0, math.ceil(coverage * len(errors)) - 1))]
    naive_cov = sum(e <= b for e in errors) / len(errors)
    # The naive rule as a planner could tune it: buffer for 80 % on the history days.
    past = sorted(abs(day[key][0] - forecast[key][0]) for day in history_days for key in day)
    b_past = past[min(len(past) - 1, math.ceil(0.8 * len(past)) - 1)]
    naive_past_cov = sum(e <= b_past for e in errors) / len(errors)

    # Speed: the forecast of a 1,000-stop plan (notify forecasts and writes notices).
    big = os.path.join(ROOT, "..", "shared", "instances", "cvrp", "X", "X-n1001-k43.vrp")
    speed = ""
    if os.path.exists(big):
        big_sol = os.path.join(tmp, "big.sol")
        run([args.binary, "solve", big, "--max-iterations", "5", "--output", big_sol, "--quiet"])
        times = []
        for _ in range(5):
            t0 = time.monotonic()
            run([args.binary, "notify", big, big_sol, "--threshold", "1", "--output", os.path.join(tmp, "n.json")])
            times.append(time.monotonic() - t0)
        times.sort()
        speed = f"{times[2]:.3f}"

    print(f"instance {os.path.basename(args.instance)}: {len(routes)} routes, {stops} stops; "
          f"{args.days} days of history{' without hours' if args.no_hours else ''}, {args.days} test days")
    print("calibrated:", cal.stdout.strip().splitlines()[-1])
    print(f"P10-P90 coverage {100 * coverage:.1f} % (goal 80 +- 3), mean width {sum(widths) / len(widths):.2f}")
    print(f"naive planned +- {b:.2f} (tuned on the test days to the same coverage): coverage {100 * naive_cov:.1f} %, width {2 * b:.2f}")
    print(f"naive planned +- {b_past:.2f} (tuned on the history days for 80 %): test coverage {100 * naive_past_cov:.1f} %, width {2 * b_past:.2f}")
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    print(f"late warnings (risk >= {args.threshold}): precision {precision:.3f}, recall {recall:.3f} "
          f"(tp {tp}, fp {fp}, fn {fn}, tn {tn}; {100 * (tp + fn) / total:.1f} % of stops late)")
    if speed:
        print(f"notify on a 1,000-stop plan (read, verify, 1,000-sample forecast, notices), median of 5: {speed} s")


if __name__ == "__main__":
    main()
