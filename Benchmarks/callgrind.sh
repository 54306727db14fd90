#!/usr/bin/env bash
# A stable before/after of the search's cost: instructions counted by
# `valgrind --tool=callgrind` for the same fixed-iteration runs with two binaries (wall
# time on these shared 2-core machines varies by several per cent; instruction counts
# by well under one).
#
#   Benchmarks/callgrind.sh OLD_BINARY NEW_BINARY [ITERATIONS] [TOLERANCE_PERCENT]
#
# Runs: X-n101-k25 (CVRP, ../shared/instances), R101 (Solomon VRPTW) and the bundled
# demo-fleet.json (vehicle types, the rich path), each `--max-iterations ITERATIONS`
# (default 100), seed 1. Prints instructions per run and NEW/OLD − 1; exit status 1 when
# any run of NEW costs more than TOLERANCE_PERCENT (default 2) above OLD. Pair it with
# Benchmarks/identity.sh, which checks the plans are the same.
set -u
old=${1:?usage: callgrind.sh OLD_BINARY NEW_BINARY [ITERATIONS] [TOLERANCE_PERCENT]}
new=${2:?usage: callgrind.sh OLD_BINARY NEW_BINARY [ITERATIONS] [TOLERANCE_PERCENT]}
iterations=${3:-100}
tolerance=${4:-2}
command -v valgrind > /dev/null || { echo "callgrind.sh: valgrind is needed (apt-get install -y valgrind)" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
shared="$root/../shared/instances"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
count() {  # binary instance -> instructions (Ir) of one run; nothing when the run failed
  rm -f "$tmp/cg.out"
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$1" solve "$2" --max-iterations "$iterations" --seed 1 \
    --format vrplib --quiet > /dev/null 2> "$tmp/cg.err" || return 0
  [ -f "$tmp/cg.out" ] && sed -n 's/^summary: \([0-9]*\).*/\1/p' "$tmp/cg.out"
}
status=0
printf '| instance | OLD instructions | NEW instructions | NEW/OLD − 1 |\n|---|---:|---:|---:|\n'
for inst in "$shared/cvrp/X/X-n101-k25.vrp" "$shared/vrptw/solomon/R101.txt" "$root/instances/demo-fleet.json"; do
  [ -f "$inst" ] || { echo "callgrind.sh: no instance $inst" >&2; exit 2; }
  a=$(count "$old" "$inst")
  [ -n "$a" ] || { echo "callgrind.sh: OLD failed on $(basename "$inst"):" >&2; tail -n 20 "$tmp/cg.err" >&2; exit 2; }
  b=$(count "$new" "$inst")
  [ -n "$b" ] || { echo "callgrind.sh: NEW failed on $(basename "$inst"):" >&2; tail -n 20 "$tmp/cg.err" >&2; exit 2; }
  change=$(python3 -c "print(f'{100 * ($b / $a - 1):+.2f} %')")
  over=$(python3 -c "print(1 if 100 * ($b / $a - 1) > $tolerance else 0)")
  [ "$over" = 1 ] && status=1
  printf '| %s | %s | %s | %s |\n' "$(basename "$inst")" "$a" "$b" "$change"
done
exit $status
