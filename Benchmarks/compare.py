#!/usr/bin/env python3
"""Merge two benchmark CSVs (from bench.py / pyvrp_bench.py) into one markdown table.

    python3 Benchmarks/compare.py OURS.csv PEER.csv [--names OnTime,PyVRP] [--by-class]

Only (instance, seed) pairs both solvers verified feasible (status ok) count.
Per instance: mean verified cost and mean gap over seeds for each solver, the mean
cost ratio (100 * mean over seeds of (OURS cost / PEER cost - 1), negative = OURS
cheaper) and which is better by mean cost; then the mean gap over all pairs, the
mean cost ratio over all pairs, and win/tie/loss counts by instance.

Gaps need a BKS: rows without one (gap_pct empty, e.g. sampled instances) show "—"
in the gap columns, and the mean gap is given over the pairs that have a gap on both
sides (with their count); the cost ratio needs no BKS and is always given.

--by-class adds a table per instance class, the name's prefix before the first '_'
(C1, C2, R1, R2, RC1, RC2 for Gehring & Homberger; R1_10_2-s200-1 -> R1): instances,
pairs, mean gap per solver, mean cost ratio, wins/ties/losses by instance.
"""
import argparse
import csv
import statistics
import sys


def load(path):
    """(instance, seed) -> (cost, gap or None, n, wall) for verified runs."""
    rows = {}
    with open(path, newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r.get("status") == "ok" and r.get("cost"):
                gap = float(r["gap_pct"]) if r.get("gap_pct") else None
                wall = float(r["wall_s"]) if r.get("wall_s") else None
                rows[(r["instance"], r["seed"])] = (float(r["cost"]), gap, int(r["n"]), wall)
    return rows


def fmt(x, digits):
    return "—" if x is None else f"{x:.{digits}f}"


def mean_or_none(xs):
    xs = [x for x in xs if x is not None]
    return statistics.mean(xs) if xs else None


class Group:
    """Pairs of one instance or one class: means of costs, gaps (where both have one)
    and cost ratios."""

    def __init__(self, a, b, keys):
        self.keys = keys
        self.ca = statistics.mean(a[k][0] for k in keys)
        self.cb = statistics.mean(b[k][0] for k in keys)
        gapped = [k for k in keys if a[k][1] is not None and b[k][1] is not None]
        self.n_gapped = len(gapped)
        self.ga = mean_or_none(a[k][1] for k in gapped)
        self.gb = mean_or_none(b[k][1] for k in gapped)
        self.ratio = 100.0 * statistics.mean(a[k][0] / b[k][0] - 1.0 for k in keys)


def better(name_a, name_b, ca, cb):
    eps = 1e-9 * max(1.0, abs(ca), abs(cb))  # means of the same decimals can differ in the last bit
    return name_a if ca < cb - eps else (name_b if cb < ca - eps else "tie")


def instance_class(name):
    return name.split("_", 1)[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ours")
    ap.add_argument("peer")
    ap.add_argument("--names", default="OnTime,PyVRP")
    ap.add_argument("--by-class", action="store_true",
                    help="also a table per class (instance name prefix before the first '_')")
    args = ap.parse_args()
    a_name, b_name = args.names.split(",")
    a, b = load(args.ours), load(args.peer)
    common = sorted(set(a) & set(b), key=lambda k: (a[k][2], k[0], int(k[1])))
    missing = sorted((set(a) | set(b)) - set(common))
    if not common:
        print("No (instance, seed) pair was verified feasible for both solvers.")
        return 1
    instances = []
    for k in common:
        if k[0] not in instances:
            instances.append(k[0])
    print(f"| instance | n | {a_name} mean cost | {b_name} mean cost | {a_name} gap % | {b_name} gap % "
          f"| {a_name}/{b_name} − 1 % | better |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    verdict = {}
    for inst in instances:
        g = Group(a, b, [k for k in common if k[0] == inst])
        verdict[inst] = better(a_name, b_name, g.ca, g.cb)
        print(f"| {inst} | {a[g.keys[0]][2]} | {g.ca:.1f} | {g.cb:.1f} | {fmt(g.ga, 2)} | {fmt(g.gb, 2)} "
              f"| {g.ratio:+.2f} | {verdict[inst]} |")

    if args.by_class:
        classes = []
        for inst in instances:
            if instance_class(inst) not in classes:
                classes.append(instance_class(inst))
        classes.sort()
        print()
        print(f"| class | instances | pairs | {a_name} mean gap % | {b_name} mean gap % "
              f"| {a_name}/{b_name} − 1 % | {a_name} better / {b_name} better / tie |")
        print("|---|---:|---:|---:|---:|---:|---|")
        for cls in classes:
            insts = [i for i in instances if instance_class(i) == cls]
            g = Group(a, b, [k for k in common if instance_class(k[0]) == cls])
            w = sum(verdict[i] == a_name for i in insts)
            l_ = sum(verdict[i] == b_name for i in insts)
            t = sum(verdict[i] == "tie" for i in insts)
            print(f"| {cls} | {len(insts)} | {len(g.keys)} | {fmt(g.ga, 3)} | {fmt(g.gb, 3)} "
                  f"| {g.ratio:+.3f} | {w} / {l_} / {t} |")

    g = Group(a, b, common)
    wins = sum(v == a_name for v in verdict.values())
    losses = sum(v == b_name for v in verdict.values())
    ties = sum(v == "tie" for v in verdict.values())
    print()
    if g.n_gapped == len(common):
        gap_text = (f"Mean gap over {len(instances)} instances × seeds ({len(common)} runs each): "
                    f"{a_name} {g.ga:.3f} %, {b_name} {g.gb:.3f} %. ")
    elif g.n_gapped:
        gap_text = (f"Mean gap over the {g.n_gapped} of {len(common)} pairs with a BKS: "
                    f"{a_name} {g.ga:.3f} %, {b_name} {g.gb:.3f} %. ")
    else:
        gap_text = "No BKS: no gaps. "
    print(f"**{gap_text}Mean cost ratio {a_name}/{b_name} − 1 over {len(common)} pairs: "
          f"{g.ratio:+.3f} %.** By instance (mean cost): "
          f"{a_name} better on {wins}, {b_name} better on {losses}, tied on {ties}.")
    if missing:
        print(f"\nRuns verified for only one solver (left out): {', '.join(f'{i} seed {s}' for i, s in missing)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
