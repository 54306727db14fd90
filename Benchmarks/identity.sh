#!/usr/bin/env bash
# Do two builds of ontime make the same plans? For changes meant to leave the classic
# search as it is: every instance/seed pair is solved with a fixed iteration count by
# both binaries and the .sol files are compared byte for byte.
#
#   Benchmarks/identity.sh OLD_BINARY NEW_BINARY [ITERATIONS]
#
# Instances: three Solomon, two X (from ../shared/instances) and the bundled demos (classic
# and rich: vehicle types, profiles, shipments).
# Exit status 0 when every pair is identical, 1 otherwise. Pair it with
# `valgrind --tool=callgrind` instruction counts for the cost side (see RESULTS.md).
set -u
old=${1:?usage: identity.sh OLD_BINARY NEW_BINARY [ITERATIONS]}
new=${2:?usage: identity.sh OLD_BINARY NEW_BINARY [ITERATIONS]}
iterations=${3:-300}
root=$(cd "$(dirname "$0")/.." && pwd)
shared="$root/../shared/instances"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for inst in "$shared/vrptw/solomon/R101.txt" "$shared/vrptw/solomon/RC105.txt" "$shared/vrptw/solomon/C204.txt" \
            "$shared/cvrp/X/X-n101-k25.vrp" "$shared/cvrp/X/X-n157-k13.vrp" \
            "$root/instances/demo-cvrp-30.vrp" "$root/instances/demo-json-12.json" \
            "$root/instances/demo-fleet.json" "$root/instances/demo-city.json" "$root/instances/demo-shipments.json"; do
  for seed in 1 2; do
    [ -f "$inst" ] || { echo "MISS  $(basename "$inst") (no such file)"; status=1; continue 2; }
    "$old" solve "$inst" --max-iterations "$iterations" --seed "$seed" --format vrplib --quiet > "$tmp/old.sol" 2>"$tmp/old.err"
    a=$?
    "$new" solve "$inst" --max-iterations "$iterations" --seed "$seed" --format vrplib --quiet > "$tmp/new.sol" 2>"$tmp/new.err"
    b=$?
    if [ "$a" != "$b" ] || [ ! -s "$tmp/new.sol" ]; then
      echo "FAIL  $(basename "$inst") seed $seed: exit $a (OLD) vs $b (NEW), $(wc -c < "$tmp/new.sol") bytes"; status=1
    elif cmp -s "$tmp/old.sol" "$tmp/new.sol"; then
      echo "same  $(basename "$inst") seed $seed $(tail -n 1 "$tmp/new.sol")"
    else
      echo "DIFF  $(basename "$inst") seed $seed"; status=1
    fi
  done
done
exit $status
