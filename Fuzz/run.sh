#!/usr/bin/env bash
# Builds the libFuzzer harness and fuzzes OnTime's readers one after another.
#
#   Fuzz/run.sh [SECONDS] [TARGET...]     (default: 180 s for each of all targets)
#   Fuzz/run.sh --list                    (the targets)
#   Fuzz/run.sh --minimise TARGET...      (keep <= 50 inputs / 200 KB covering the most
#                                          features in ../Tests/OnTimeCoreTests/Fixtures/fuzz/TARGET/corpus)
#
# Each run starts from the kept regression inputs and corpus in Tests/OnTimeCoreTests/
# Fixtures/fuzz/TARGET, the seeds in seeds/TARGET and the project's own fixtures, and
# grows the working corpus in corpus/TARGET. Crashes, timeouts (-timeout, seconds per
# input) and memory blow-ups (-rss_limit_mb, -malloc_limit_mb) land in artifacts/TARGET/;
# libFuzzer's output goes to logs/TARGET.log. Runs one process at a time.
set -euo pipefail
# A trap should end the process at once: no Swift backtracer (which ASan flags as a false stack-buffer-underflow).
export SWIFT_BACKTRACE=enable=no
cd "$(dirname "$0")"

targets_all=(vrplib solomon sol layout skus orders assignment travel-model policy calibration order-dates json-instance csv-orders json-solve lines)
fixtures=../Tests/OnTimeCoreTests/Fixtures
bin=.build/release/ontime-fuzz

if [[ "${1:-}" == "--list" ]]; then printf '%s\n' "${targets_all[@]}"; exit 0; fi

build() {
    swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing -Xcc -fsanitize=fuzzer-no-link,address 2>&1 \
        | grep -v 'ld.gold: warning: Cannot export local symbol' || true
    test -x "$bin"
}

# Seed folders of a target (only those that exist).
seeds() {
    local t=$1 dirs=("seeds/$t" "$fixtures/fuzz/$t")
    case $t in
        vrplib|solomon) dirs+=(../instances "$fixtures/valid" "$fixtures/malformed") ;;
        sol) dirs+=("$fixtures/malformed-sol") ;;
        json-instance) dirs+=("$fixtures/json") ;;
        json-solve) dirs+=(seeds/json-instance "$fixtures/fuzz/json-instance" "$fixtures/json") ;;
        lines) dirs+=(seeds/vrplib seeds/order-dates "$fixtures/malformed") ;;
    esac
    for d in "${dirs[@]}"; do if [[ -d $d ]]; then echo "$d"; fi; done   # libFuzzer reads folders recursively
}

if [[ "${1:-}" == "--minimise" ]]; then
    # Keeps at most 50 inputs / 200 KB per target: a greedy set cover of the features of
    # everything known (working corpus, seeds, kept inputs), see select-corpus.swift.
    shift
    build
    swiftc -O select-corpus.swift -o .build/select-corpus
    mkdir -p logs
    for t in "$@"; do
        out="$fixtures/fuzz/$t/corpus" scratch=".build/merge-$t" control="logs/$t.merge"
        rm -rf "$scratch" "$control" && mkdir -p "$scratch"
        ONTIME_FUZZ_TARGET=$t "$bin" -set_cover_merge=1 -merge_control_file="$control" -rss_limit_mb=2048 -timeout=10 \
            "$scratch" "corpus/$t" $(seeds "$t") > "logs/$t.merge.log" 2>&1
        .build/select-corpus "$control" 50 204800 > "$scratch.list" 2> "logs/$t.select.txt"
        # The chosen inputs may come from $out itself: copy them aside before replacing it.
        rm -rf "$scratch.keep" && mkdir -p "$scratch.keep"
        while IFS= read -r f; do cp "$f" "$scratch.keep/$(sha1sum "$f" | cut -c1-16)"; done < "$scratch.list"
        rm -rf "$out" && mv "$scratch.keep" "$out"
        echo "$t: $(cat "logs/$t.select.txt") -> $out"
    done
    exit 0
fi

seconds=${1:-180}
shift || true
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=("${targets_all[@]}")

build
mkdir -p logs
swift --version 2>&1 | head -1 > logs/toolchain.txt
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    echo "== $t: ${seconds}s"
    set +e
    ONTIME_FUZZ_TARGET=$t "$bin" "corpus/$t" $(seeds "$t") \
        -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=10 -max_len=16384 \
        -artifact_prefix="artifacts/$t/" -print_final_stats=1 > "logs/$t.log" 2>&1
    status=$?
    set -e
    grep -E '^#[0-9]+[[:space:]]+DONE|^Done|stat::number_of_executed_units|stat::peak_rss_mb|ERROR|SUMMARY|finding' "logs/$t.log" | sed "s/^/   /"
    echo "   exit $status; corpus/$t: $(ls "corpus/$t" | wc -l) files; artifacts: $(ls "artifacts/$t" | wc -l)"
done
