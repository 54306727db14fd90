#!/usr/bin/env python3
"""Merge two benchmark CSVs (from bench.py / pyvrp_bench.py) into one markdown table.

    python3 Benchmarks/compare.py OURS.csv PEER.csv [--names OnTime,PyVRP]

Per instance: mean verified cost and mean gap over seeds for each solver, and which
is better; then the mean gap over all instances, counted only over (instance, seed)
pairs both solvers verified, and win/tie/loss counts by instance.
"""
import argparse
import csv
import statistics
import sys


def load(path):
    rows = {}
    for r in csv.DictReader(open(path)):
        if r.get("status") == "ok" and r.get("gap_pct"):
            rows[(r["instance"], r["seed"])] = (float(r["cost"]), float(r["gap_pct"]), int(r["n"]), float(r["wall_s"]))
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ours")
    ap.add_argument("peer")
    ap.add_argument("--names", default="OnTime,PyVRP")
    args = ap.parse_args()
    a_name, b_name = args.names.split(",")
    a, b = load(args.ours), load(args.peer)
    common = sorted(set(a) & set(b), key=lambda k: (a[k][2], k[0], int(k[1])))
    missing = sorted((set(a) | set(b)) - set(common))
    instances = []
    for k in common:
        if k[0] not in instances:
            instances.append(k[0])
    print(f"| instance | n | {a_name} mean cost | {b_name} mean cost | {a_name} gap % | {b_name} gap % | better |")
    print("|---|---:|---:|---:|---:|---:|---|")
    wins = ties = losses = 0
    for inst in instances:
        ks = [k for k in common if k[0] == inst]
        ca = statistics.mean(a[k][0] for k in ks)
        cb = statistics.mean(b[k][0] for k in ks)
        ga = statistics.mean(a[k][1] for k in ks)
        gb = statistics.mean(b[k][1] for k in ks)
        eps = 1e-9 * max(1.0, abs(ca), abs(cb))  # means of the same decimals can differ in the last bit
        better = a_name if ca < cb - eps else (b_name if cb < ca - eps else "tie")
        wins += better == a_name
        losses += better == b_name
        ties += better == "tie"
        print(f"| {inst} | {a[ks[0]][2]} | {ca:.1f} | {cb:.1f} | {ga:.2f} | {gb:.2f} | {better} |")
    ga = statistics.mean(a[k][1] for k in common)
    gb = statistics.mean(b[k][1] for k in common)
    print()
    print(f"**Mean gap over {len(instances)} instances × seeds ({len(common)} runs each): "
          f"{a_name} {ga:.3f} %, {b_name} {gb:.3f} %.** By instance (mean cost): "
          f"{a_name} better on {wins}, {b_name} better on {losses}, tied on {ties}.")
    if missing:
        print(f"\nRuns verified for only one solver (left out): {', '.join(f'{i} seed {s}' for i, s in missing)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
