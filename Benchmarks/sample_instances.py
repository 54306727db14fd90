#!/usr/bin/env python3
"""Make smaller VRPTW instances by sampling the customers of VRPLIB VRPTW files.

Method, for every source instance NAME, size s (--sizes) and seed k (--seed):
  - the source is a VRPLIB VRPTW file with one depot (Gehring & Homberger:
    NODE_COORD_SECTION, DEMAND_SECTION, TIME_WINDOW_SECTION, scalar SERVICE_TIME or a
    SERVICE_TIME_SECTION, VEHICLES, CAPACITY, EUC_2D) with n customers;
  - s of the n customers are drawn uniformly without replacement with
    random.Random("NAME/s/k") (Python's string seeding is deterministic across runs and
    machines, and each output depends only on its own NAME, s and k, not on which other
    sizes or instances are made in the same call);
  - the depot is kept as node 1; the sampled customers keep their source order and are
    renumbered 2..s+1; coordinates, demands, time windows (the depot's too), service
    times and CAPACITY are copied unchanged, so distances and times under any rounding
    rule (e.g. --round dimacs) are those of the source;
  - VEHICLES = max(ceil(V * s / n), R, ceil(total sampled demand / CAPACITY)), capped at
    s, where V is the source's VEHICLES and R the number of routes of the source's
    best-known NAME.sol that visit at least one sampled customer. R is "enough": the
    source plan with the unsampled customers dropped is feasible for the sample (load
    only falls; skipping a customer never makes a later arrival later, because the
    skipped service time, >= 10 time units in these files, is more than the at most one
    tenth a truncated distance can lose to the triangle inequality), and it is written
    next to the instance as NAME-sS-K.restricted.sol (routes only, no Cost line) so that
    `ontime check NAME-sS-K.vrp NAME-sS-K.restricted.sol --round dimacs` proves it.
    Without a source .sol, R is left out (a warning says so);
  - NAME of the output is NAME-sS-K (e.g. R1_10_2-s200-1), with a COMMENT naming the
    source, size and seed. Files: OUT/NAME-sS-K.vrp (+ .restricted.sol), and
    OUT/sampled-list.txt, a list of the instances made by this call for
    bench.py/pyvrp_bench.py/homberger.sh (--instances, --instance-dir OUT).

No BKS exist for these instances: run the benchmarks with --bks none and compare the
solvers by cost ratio (compare.py).

Examples (from the project root):
    python3 Benchmarks/sample_instances.py --instances Benchmarks/lists/homberger-12.txt \\
        --sizes 200,400,600 --seed 1
    python3 Benchmarks/sample_instances.py --instances R1_10_2 --sizes 200 --seed 1-3 \\
        --out /tmp/sampled

Python 3 standard library only.
"""

import argparse
import math
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402

DEFAULT_INSTANCE_DIR = os.path.join("..", "shared", "instances", "vrptw", "homberger-1000")
DEFAULT_OUT = os.path.join("Benchmarks", "out", "sampled")
SECTIONS = ("NODE_COORD_SECTION", "DEMAND_SECTION", "TIME_WINDOW_SECTION", "SERVICE_TIME_SECTION")


def read_vrplib(path):
    """(header dict in file order, {section: {node id: [values as strings]}}, depots)."""
    header, sections, depots = {}, {}, []
    current = None
    with open(path, encoding="utf-8", errors="replace") as fh:
        for raw in fh:
            line = raw.strip()
            if not line:
                continue
            key = line.split(":", 1)[0].strip().upper() if ":" in line else line.split()[0].upper()
            if key == "EOF":
                break
            if key.endswith("_SECTION"):
                current = key
                if current != "DEPOT_SECTION" and current not in SECTIONS:
                    raise ValueError(f"{path}: section {current} is not supported")
                sections.setdefault(current, {})
                continue
            if current is None:
                k, _, v = line.partition(":")
                header[k.strip().upper()] = v.strip()
                continue
            toks = line.split()
            if current == "DEPOT_SECTION":
                if toks[0] != "-1":
                    depots.append(int(toks[0]))
                continue
            sections[current][int(toks[0])] = toks[1:]
    return header, sections, depots


def read_routes(path):
    """Routes of a CVRPLIB .sol: lists of customer numbers (node id - 1)."""
    routes = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            m = re.match(r"\s*Route\s*#\d+\s*:(.*)", line)
            if m:
                routes.append([int(t) for t in m.group(1).split()])
    return routes


def sample_one(src_path, name, size, seed, out_dir):
    header, sec, depots = read_vrplib(src_path)
    if header.get("EDGE_WEIGHT_TYPE", "").upper() != "EUC_2D":
        raise ValueError(f"{src_path}: EDGE_WEIGHT_TYPE {header.get('EDGE_WEIGHT_TYPE')} (EUC_2D only)")
    for needed in ("NODE_COORD_SECTION", "DEMAND_SECTION", "TIME_WINDOW_SECTION"):
        if needed not in sec:
            raise ValueError(f"{src_path}: no {needed}")
    if depots != [1]:
        raise ValueError(f"{src_path}: depot(s) {depots}, expected node 1 only")
    dim = int(header["DIMENSION"])
    ids = sorted(sec["NODE_COORD_SECTION"])
    if ids != list(range(1, dim + 1)):
        raise ValueError(f"{src_path}: nodes are not numbered 1..DIMENSION")
    n = dim - 1
    if not 1 <= size <= n:
        raise ValueError(f"size {size} outside 1..{n} for {name}")

    rng = random.Random(f"{name}/{size}/{seed}")
    chosen = sorted(rng.sample(range(2, dim + 1), size))  # source node ids of the customers
    nodes = [1] + chosen                                   # new id = position + 1

    capacity = int(header["CAPACITY"])
    vehicles_src = int(header.get("VEHICLES", n))
    demand = sum(int(sec["DEMAND_SECTION"][i][0]) for i in chosen)
    scaled = math.ceil(vehicles_src * size / n)
    by_load = math.ceil(demand / capacity)
    new_name = f"{name}-s{size}-{seed}"

    # The source's best-known plan restricted to the sample: a feasible plan (see docstring).
    sol_path = os.path.splitext(src_path)[0] + ".sol"
    restricted = None
    if os.path.isfile(sol_path):
        new_customer = {src_id - 1: k for k, src_id in enumerate(nodes) if k > 0}  # old cust -> new cust
        restricted = [[new_customer[c] for c in r if c in new_customer] for r in read_routes(sol_path)]
        restricted = [r for r in restricted if r]
    else:
        print(f"warning: no {sol_path}; VEHICLES for {new_name} not checked against a known plan",
              file=sys.stderr)
    vehicles = max(scaled, by_load, len(restricted) if restricted is not None else 0)
    vehicles = min(vehicles, size)

    out = [f"NAME : {new_name}",
           f"COMMENT : {size} customers of {name} sampled uniformly with random.Random('{name}/{size}/{seed}'); "
           f"depot kept; VEHICLES = max(ceil({vehicles_src}*{size}/{n}), routes of the source BKS "
           f"restricted to the sample, ceil(demand/capacity)); Benchmarks/sample_instances.py",
           f"TYPE : {header.get('TYPE', 'VRPTW')}",
           f"DIMENSION : {size + 1}",
           f"VEHICLES : {vehicles}",
           f"CAPACITY : {capacity}"]
    if "SERVICE_TIME" in header:
        out.append(f"SERVICE_TIME : {header['SERVICE_TIME']}")
    out.append("EDGE_WEIGHT_TYPE : EUC_2D")
    for section in SECTIONS:
        if section in sec:
            out.append(section)
            out.extend(f"{k} {' '.join(sec[section][src])}" for k, src in enumerate(nodes, 1))
    out += ["DEPOT_SECTION", "1", "-1", "EOF"]

    path = os.path.join(out_dir, new_name + ".vrp")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(out) + "\n")
    if restricted is not None:
        with open(os.path.join(out_dir, new_name + ".restricted.sol"), "w", encoding="utf-8") as fh:
            for k, r in enumerate(restricted, 1):
                fh.write(f"Route #{k}: {' '.join(map(str, r))}\n")
    return new_name, vehicles, scaled, (len(restricted) if restricted is not None else None), by_load


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="Defaults for paths are relative to the project root.")
    ap.add_argument("--instances", required=True,
                    help="source instances: list file (one name per line, '#' comments) or comma list")
    ap.add_argument("--instance-dir", default=None,
                    help=f"folder with the source NAME.vrp (and NAME.sol) (default {DEFAULT_INSTANCE_DIR})")
    ap.add_argument("--sizes", default="200,400,600", help="customers per sample, comma list (default 200,400,600)")
    ap.add_argument("--seed", default="1", help="sampling seed(s): comma list, ranges allowed (default 1)")
    ap.add_argument("--out", default=None, help=f"output folder (default {DEFAULT_OUT}, ignored by git)")
    args = ap.parse_args(argv)

    instance_dir = args.instance_dir or bench.from_root(DEFAULT_INSTANCE_DIR)
    out_dir = args.out or bench.from_root(DEFAULT_OUT)
    names = bench.parse_instance_names(args.instances)
    seeds = bench.parse_seeds(args.seed)
    try:
        sizes = [int(t) for t in args.sizes.split(",") if t.strip()]
    except ValueError:
        bench.die(f"--sizes {args.sizes!r}: expected integers")
    if not sizes:
        bench.die("--sizes is empty")
    missing = [nm for nm in names if not os.path.isfile(os.path.join(instance_dir, nm + ".vrp"))]
    if missing:
        bench.die(f"not found in {instance_dir}: " + ", ".join(m + ".vrp" for m in missing))
    os.makedirs(out_dir, exist_ok=True)

    made = []
    for nm in names:
        for size in sizes:
            for seed in seeds:
                try:
                    new_name, v, scaled, r, by_load = sample_one(
                        os.path.join(instance_dir, nm + ".vrp"), nm, size, seed, out_dir)
                except (ValueError, KeyError) as e:
                    bench.die(f"{nm}: {e}")
                made.append(new_name)
                bench.log(f"{new_name}: VEHICLES {v} (scaled {scaled}, restricted BKS routes "
                          f"{r if r is not None else '-'}, by load {by_load})")
    list_path = os.path.join(out_dir, "sampled-list.txt")
    with open(list_path, "w", encoding="utf-8") as fh:
        fh.write(f"# Made by Benchmarks/sample_instances.py --instances {args.instances} "
                 f"--sizes {args.sizes} --seed {args.seed}\n# from {instance_dir}\n")
        fh.write("\n".join(made) + "\n")
    bench.log(f"wrote {len(made)} instance(s) to {out_dir} and the list {list_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
