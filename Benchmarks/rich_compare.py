#!/usr/bin/env python3
"""OnTime vs PyVRP on generated fleet instances: two depots, three vehicle types (counts,
capacities, fixed costs, a depot-to-depot type with a distance limit), time windows on
half of the customers, and a fifth of them optional with a prize.

Each instance is written as OnTime JSON (Benchmarks/out/rich/NAME.json) and given to
PyVRP through its Model API with the same integers (rounded Euclidean distances, used
as durations too). Both solvers run at the same time, OnTime pinned to core 0 and PyVRP
to core 1, with the same time limit and seeds. Every plan of both is written as a
`.sol` with `Vehicle #k:` lines and checked by `ontime check`; only the verifier's cost
is reported (objective: fixed costs + distance + prizes of skipped customers).

    python3 Benchmarks/rich_compare.py --binary .build/release/ontime --instances 6 --seeds 1-2 --time-limit 10

Variants (`--variant`): `fleet` as above; `profiles`, where the small vehicles ride a
network of their own (a bike's: paths 0.85 × the straight line, ridden at half the
speed; matrices given to both solvers per profile); `windows`, where half of the
windowed customers have a second window 200 later (OnTime: a job with two
`time_windows`; PyVRP: a required client group of two optional copies); `shipments`,
where 30 of the 100 customers are replaced by 15 pickup-and-delivery pairs (amount 1-10,
service 5, no windows; OnTime `shipments`, PyVRP `Model.add_shipment`).

Python 3 standard library plus pyvrp (pip install pyvrp).
"""

import argparse
import json
import math
import os
import random
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Benchmarks", "out", "rich")

TYPES = [
    # name, count, capacity, start depot, end depot, fixed cost, max distance
    ("small", 8, 30, 0, 0, 20, None),
    ("large", 3, 80, 1, 1, 60, None),
    ("shuttle", 2, 50, 0, 1, 30, 250),
]


def generate(k, customers=100, variant="fleet"):
    rng = random.Random(1000 + k)
    depots = [(25, 50), (75, 50)]
    jobs = []
    pairs = 15 if variant == "shipments" else 0
    for j in range(customers - 2 * pairs):
        x, y = rng.randint(0, 100), rng.randint(0, 100)
        job = {"id": f"c{j + 1}", "location": [x, y], "demand": rng.randint(1, 10), "service": 5}
        if rng.random() < 0.5:
            a = rng.randint(30, 330)
            width = rng.randint(60, 120)
            job["time_windows"] = [[a, a + width]]
            if variant == "windows" and a + 200 + width <= 480 and rng.random() < 0.5:
                job["time_windows"].append([a + 200, a + 200 + width])
        if rng.random() < 0.2:
            job["prize"] = rng.randint(20, 60)
        jobs.append(job)
    vehicles = []
    for name, count, cap, s, e, fixed, maxd in TYPES:
        v = {"id": name, "count": count, "capacity": cap, "start_depot": f"d{s}", "end_depot": f"d{e}",
             "fixed_cost": fixed, "shift": [0, 480]}
        if maxd:
            v["max_distance"] = maxd
        if variant == "profiles":
            v["profile"] = "bike" if name == "small" else "car"
        vehicles.append(v)
    inst = {"name": f"rich-{k}", "distance": "euclidean",
            "depots": [{"id": f"d{i}", "location": list(p)} for i, p in enumerate(depots)],
            "vehicles": vehicles, "jobs": jobs}
    if pairs:
        inst["shipments"] = [{"id": f"s{q + 1}", "amount": rng.randint(1, 10),
                              "pickup": {"location": [rng.randint(0, 100), rng.randint(0, 100)], "service": 5},
                              "delivery": {"location": [rng.randint(0, 100), rng.randint(0, 100)], "service": 5}}
                             for q in range(pairs)]
    if variant == "profiles":
        # Matrices per profile over the locations depots + jobs, indices instead of coordinates.
        pts = [list(p) for p in depots] + [j["location"] for j in jobs]
        car = [[nint(a, b) for b in pts] for a in pts]
        bike = [[int(math.floor(0.85 * math.hypot(a[0] - b[0], a[1] - b[1]) + 0.5)) for b in pts] for a in pts]
        inst["matrices"] = {"car": {"distances": car, "durations": car},
                            "bike": {"distances": bike, "durations": [[2 * w for w in row] for row in bike]}}
        inst["points"] = pts  # for the PyVRP side only; removed before writing
        for i, d in enumerate(inst["depots"]):
            del d["location"]
            d["location_index"] = i
        for k2, j in enumerate(jobs):
            del j["location"]
            j["location_index"] = len(depots) + k2
        del inst["distance"]
    return inst


def nint(a, b):
    return int(math.floor(math.hypot(a[0] - b[0], a[1] - b[1]) + 0.5))


def pyvrp_run(inst, seed, limit, sol_path):
    from pyvrp import Model
    from pyvrp.stop import MaxRuntime
    m = Model()
    stops = [s[end]["location"] for s in inst.get("shipments", []) for end in ("pickup", "delivery")]
    pts = inst.get("points") or [d["location"] for d in inst["depots"]] + [j["location"] for j in inst["jobs"]] + stops
    locs = [m.add_location(x=p[0], y=p[1]) for p in pts]
    depots = [m.add_depot(locs[i]) for i in range(len(inst["depots"]))]
    ids = {d["id"]: i for i, d in enumerate(inst["depots"])}
    profiles = {}
    if "matrices" in inst:
        profiles = {name: m.add_profile(name=name) for name in sorted(inst["matrices"])}
    for v in inst["vehicles"]:
        kw = dict(num_available=v["count"], capacity=v["capacity"], start_depot=depots[ids[v["start_depot"]]],
                  end_depot=depots[ids[v["end_depot"]]], fixed_cost=v["fixed_cost"], tw_early=v["shift"][0],
                  tw_late=v["shift"][1], name=v["id"])
        if "max_distance" in v:
            kw["max_distance"] = v["max_distance"]
        if profiles:
            kw["profile"] = profiles[v.get("profile", "car")]
        m.add_vehicle_type(**kw)
    nd = len(inst["depots"])
    for k, j in enumerate(inst["jobs"]):
        windows = j.get("time_windows", [[0, 100_000_000]])
        # Several windows: a required group of optional copies, one per window, in order
        # (OnTime numbers the copies of a job consecutively as well).
        group = m.add_client_group(required="prize" not in j) if len(windows) > 1 else None
        for a, b in windows:
            kw = dict(delivery=j["demand"], service_duration=j["service"], tw_early=a, tw_late=b)
            if "prize" in j:
                kw.update(prize=j["prize"], required=False)
            if group is not None:
                kw.update(required=False, group=group)
            m.add_client(locs[nd + k], **kw)
    # Shipments: OnTime numbers their pickup and delivery after the jobs' nodes.
    first_stop = nd + len(inst["jobs"])
    for q, s in enumerate(inst.get("shipments", [])):
        m.add_shipment(locs[first_stop + 2 * q], locs[first_stop + 2 * q + 1], amount=s["amount"],
                       pickup_service_duration=s["pickup"]["service"], delivery_service_duration=s["delivery"]["service"])
    if profiles:
        for name, profile in profiles.items():
            mat = inst["matrices"][name]
            for i, frm in enumerate(locs):
                for k, to in enumerate(locs):
                    m.add_edge(frm, to, distance=mat["distances"][i][k], duration=mat["durations"][i][k], profile=profile)
    else:
        for i, frm in enumerate(locs):
            for k, to in enumerate(locs):
                w = nint(pts[i], pts[k])
                m.add_edge(frm, to, distance=w, duration=w)
    start = time.monotonic()
    res = m.solve(stop=MaxRuntime(limit), seed=seed, display=False)
    wall = time.monotonic() - start
    lines = []
    for r, route in enumerate(res.best.routes()):
        # A route iterates over its activities; a client's idx is its 0-based client
        # index, which is OnTime's customer number minus one (jobs in the same order).
        jobs = sum(len(j.get("time_windows", [[0, 0]])) for j in inst["jobs"])
        visits = [int(a.idx) + 1 if a.is_client() else jobs + 2 * int(a.idx) + (1 if a.is_pickup() else 2)
                  for a in route if a.is_client() or a.is_shipment()]
        lines.append(f"Route #{r + 1}: " + " ".join(map(str, visits)))
        lines.append(f"Vehicle #{r + 1}: " + inst["vehicles"][route.vehicle_type()]["id"])
    with open(sol_path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return wall, res.cost() if res.is_feasible() else None


def check(binary, inst_path, sol_path):
    out = subprocess.run([binary, "check", inst_path, sol_path], capture_output=True, text=True)
    m = re.search(r"cost ([0-9.]+)", out.stdout)
    first = (out.stdout.strip().splitlines() or [out.stderr.strip()[:200]])[0]
    return (float(m.group(1)) if m and out.stdout.startswith("feasible") else None), first


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "ontime"))
    ap.add_argument("--instances", type=int, default=6)
    ap.add_argument("--seeds", default="1-2")
    ap.add_argument("--time-limit", type=float, default=10)
    ap.add_argument("--variant", choices=["fleet", "profiles", "windows", "shipments"], default="fleet")
    args = ap.parse_args()
    lo, hi = (int(x) for x in args.seeds.split("-")) if "-" in args.seeds else (int(args.seeds),) * 2
    os.makedirs(OUT, exist_ok=True)
    rows = []
    for k in range(1, args.instances + 1):
        inst = generate(k, variant=args.variant)
        path = os.path.join(OUT, f"{args.variant}-{k}.json")
        with open(path, "w") as f:
            json.dump({key: value for key, value in inst.items() if key != "points"}, f)
        for seed in range(lo, hi + 1):
            ours = os.path.join(OUT, f"{args.variant}-{k}-s{seed}-ontime.sol")
            theirs = os.path.join(OUT, f"{args.variant}-{k}-s{seed}-pyvrp.sol")
            proc = subprocess.Popen(["taskset", "-c", "0", args.binary, "solve", path, "--time-limit", str(args.time_limit),
                                     "--seed", str(seed), "--quiet", "--format", "vrplib", "--output", ours])
            child = os.fork()
            if child == 0:
                os.sched_setaffinity(0, {1})
                wall, cost = pyvrp_run(inst, seed, args.time_limit, theirs)
                with open(theirs + ".meta", "w") as f:
                    json.dump({"wall": wall, "cost": cost}, f)
                os._exit(0)
            os.waitpid(child, 0)
            proc.wait()
            a, why_a = check(args.binary, path, ours)
            b, why_b = check(args.binary, path, theirs)
            meta = json.load(open(theirs + ".meta"))
            rows.append((f"{args.variant}-{k}", seed, a, b, meta["cost"], why_a, why_b))
            print(f"{args.variant}-{k} seed {seed}: OnTime {a} ({why_a}) | PyVRP {b} (own {meta['cost']}; {why_b})", file=sys.stderr)
    print("| instance | seed | OnTime cost | PyVRP cost | difference % |")
    print("|---|---:|---:|---:|---:|")
    diffs = []
    for name, seed, a, b, own, _, _ in rows:
        d = 100 * (a - b) / b if a is not None and b is not None else None
        if d is not None:
            diffs.append(d)
        print(f"| {name} | {seed} | {a if a is not None else 'infeasible'} | {b if b is not None else 'infeasible'} | "
              f"{'' if d is None else f'{d:+.2f}'} |")
    feasible_a = sum(r[2] is not None for r in rows)
    feasible_b = sum(r[3] is not None for r in rows)
    if diffs:
        print(f"\n**Mean difference (OnTime − PyVRP) / PyVRP over {len(diffs)} runs: {statistics.mean(diffs):+.2f} %** "
              f"(negative: OnTime cheaper). Feasible: OnTime {feasible_a}/{len(rows)}, PyVRP {feasible_b}/{len(rows)}. "
              f"OnTime cheaper on {sum(d < -1e-9 for d in diffs)}, PyVRP on {sum(d > 1e-9 for d in diffs)}, "
              f"tied on {sum(abs(d) <= 1e-9 for d in diffs)}.")


if __name__ == "__main__":
    main()
