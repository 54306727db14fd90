#!/usr/bin/env bash
# Side-by-side OnTime vs PyVRP on Gehring & Homberger VRPTW instances (or samples of them).
#
#   Benchmarks/homberger.sh LIST BUDGET SEEDS OUT_PREFIX BINARY
#
#   LIST        instance list file (Benchmarks/lists/homberger-all.txt, homberger-12.txt,
#               OUT/sampled-list.txt from sample_instances.py) or a comma list of names
#   BUDGET      seconds per run (--time-limit for both solvers)
#   SEEDS       e.g. 1,2 or 1-3
#   OUT_PREFIX  writes OUT_PREFIX-ontime.{csv,md,log}, OUT_PREFIX-pyvrp.{csv,md,log} and
#               OUT_PREFIX-compare.md (e.g. Benchmarks/out/homberger-48x2x60)
#   BINARY      the ontime binary; it is copied first (a rebuild during the run does not
#               change the binary under test) and its sha256 goes into the report
#
# Optional environment:
#   INSTANCE_DIR  folder of NAME.vrp (default ../shared/instances/vrptw/homberger-1000 from
#                 the project root; Benchmarks/out/sampled for sampled instances)
#   ROUND         rounding rule for both solvers and the checker (default dimacs)
#   ONTIME_ARGS   extra arguments for `ontime solve` (default none, i.e. --algorithm auto;
#                 e.g. ONTIME_ARGS="--algorithm ils")
#   BKS, BKS_SET  BKS file and set (default ../shared/instances/bks-variants.csv,
#                 homberger-1000); BKS=none for sampled instances (no gaps; compare by cost)
#
# Protocol: bench.py --cpu 0 (OnTime and its checks pinned to core 0) and pyvrp_bench.py
# --cpu 1 (PyVRP workers and checks pinned to core 1) run at the same time, each over
# every (instance, seed) in turn with the same BUDGET and seeds, and every plan is
# verified by `ontime check --round ROUND`. Then compare.py --by-class merges the two
# CSVs: per-instance table, per-class table (C1, C2, R1, R2, RC1, RC2: mean gap per
# solver, mean cost ratio, wins), overall mean gap and cost ratio. Needs 2 free cores:
# do not run it next to a build. Progress: tail -f OUT_PREFIX-ontime.log OUT_PREFIX-pyvrp.log
#
# Exit status: 0 when every run of both solvers was verified feasible (and PyVRP's cost
# matched the verifier's), 1 otherwise, 2 on usage errors.
set -u
if [ $# -ne 5 ]; then
  awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
list=$1 budget=$2 seeds=$3 out=$4 binary=$5
root=$(cd "$(dirname "$0")/.." && pwd)
instance_dir=${INSTANCE_DIR:-$(cd "$root/.." && pwd)/shared/instances/vrptw/homberger-1000}
round=${ROUND:-dimacs}
ontime_args=${ONTIME_ARGS:-}
bks=${BKS:-$(cd "$root/.." && pwd)/shared/instances/bks-variants.csv}
bks_set=${BKS_SET:-homberger-1000}

[ -x "$binary" ] || { echo "error: binary not executable: $binary" >&2; exit 2; }
[ -d "$instance_dir" ] || { echo "error: no instance folder $instance_dir" >&2; exit 2; }
cores=$(python3 -c 'import os; print(" ".join(map(str, sorted(os.sched_getaffinity(0)))))')
case " $cores " in *" 0 "*) ;; *) echo "error: core 0 not available (allowed: $cores)" >&2; exit 2;; esac
case " $cores " in *" 1 "*) ;; *) echo "error: core 1 not available (allowed: $cores)" >&2; exit 2;; esac

mkdir -p "$(dirname "$out")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$binary" "$tmp/ontime"
sha=$(sha256sum "$tmp/ontime" | cut -c1-12)

common=(--instances "$list" --instance-dir "$instance_dir" --time-limit "$budget" --seeds "$seeds"
        --round "$round" --bks "$bks" --bks-set "$bks_set" --binary "$tmp/ontime")

echo "OnTime on core 0 -> $out-ontime.log, PyVRP on core 1 -> $out-pyvrp.log" >&2
python3 "$root/Benchmarks/bench.py" "${common[@]}" --no-build --cpu 0 --extra "$ontime_args" \
  --out "$out-ontime" > /dev/null 2> "$out-ontime.log" &
pid_ontime=$!
python3 "$root/Benchmarks/pyvrp_bench.py" "${common[@]}" --cpu 1 \
  --out "$out-pyvrp" > /dev/null 2> "$out-pyvrp.log" &
pid_pyvrp=$!
wait $pid_ontime; rc_ontime=$?
wait $pid_pyvrp; rc_pyvrp=$?
[ -f "$out-ontime.csv" ] || { echo "error: bench.py wrote no CSV (exit $rc_ontime), see $out-ontime.log" >&2; exit 2; }
[ -f "$out-pyvrp.csv" ] || { echo "error: pyvrp_bench.py wrote no CSV (exit $rc_pyvrp), see $out-pyvrp.log" >&2; exit 2; }

{
  echo "# OnTime vs PyVRP: $(basename "$list"), ${budget} s per run, seeds $seeds"
  echo
  echo "Same time, pinned: OnTime (\`bench.py --cpu 0\`, binary sha256 $sha${ontime_args:+, \`$ontime_args\`}) and"
  echo "PyVRP $(python3 -c 'from importlib.metadata import version; print(version("pyvrp"))')" \
       "(\`pyvrp_bench.py --cpu 1\`); \`--round $round\` for both; every plan verified by \`ontime check --round $round\`."
  echo "BKS: $( [ "$bks" = none ] && echo "none (no gaps; compare by cost ratio)" || echo "$(basename "$bks") set $bks_set"). Instances: $instance_dir. $(date '+%Y-%m-%d %H:%M %Z'), nproc $(nproc --all)."
  echo "bench.py exit $rc_ontime, pyvrp_bench.py exit $rc_pyvrp (0 = every run verified; PyVRP: and its cost = the verifier's)."
  python3 - "$out-ontime.csv" "$out-pyvrp.csv" <<'EOF'
import csv, sys
a, b = (list(csv.DictReader(open(p, newline=""))) for p in sys.argv[1:3])
bad = lambda rows: sum(r["status"] != "ok" for r in rows)
print(f"Runs: OnTime {len(a)} ({bad(a)} not verified), PyVRP {len(b)} ({bad(b)} not verified); "
      f"PyVRP cost ≠ verified cost: {sum(r.get('peer_match') == 'no' for r in b)}.")
EOF
  echo
  python3 "$root/Benchmarks/compare.py" "$out-ontime.csv" "$out-pyvrp.csv" --by-class
} > "$out-compare.md"
cat "$out-compare.md"
echo "wrote $out-compare.md (details: $out-ontime.md, $out-pyvrp.md)" >&2
[ "$rc_ontime" -eq 0 ] && [ "$rc_pyvrp" -eq 0 ]
