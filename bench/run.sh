#!/usr/bin/env bash
# bench/run.sh [NAME...]  --  the project's benchmark harness.
#
# Builds the release binaries (unless NOBUILD=1), then runs the shared benchmarks
# (../shared/bench/run.sh: CPython 3.11 `python3 -S` against pvm, paired and interleaved,
# checksums compared) and this directory's micro-benchmarks (bench/micro/*.py) the same way.
#
#   bench/run.sh                      # everything, REPS=3
#   REPS=5 bench/run.sh               # the numbers for docs/PERFORMANCE.md
#   bench/run.sh fib attr_instance    # some (shared or micro names)
#   STATS=1 bench/run.sh richards     # also print `pvm --stats` for each named benchmark
#
# Environment: SHARED (the shared bench directory, default /work/shared/bench), REPS, WARMUP,
# NOBUILD, STATS; everything else is passed on to the shared run.sh (BASE, CSV, KEEP...).
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
SHARED="${SHARED:-/work/shared/bench}"
export REPS="${REPS:-3}"
if [ "${NOBUILD:-0}" != 1 ]; then
    (cd "$ROOT" && cargo build --release -p vm -p compiler) || exit 1
fi
export PYC="$ROOT/target/release/pyc" PVM="$ROOT/target/release/pvm"

shared=() micro=()
for n in "$@"; do
    if [ -f "$SHARED/$n.py" ]; then shared+=("$n"); elif [ -f "$HERE/micro/$n.py" ]; then micro+=("$n");
    else echo "bench/run.sh: no benchmark named $n" >&2; exit 2; fi
done
status=0
if [ $# -eq 0 ] || [ ${#shared[@]} -gt 0 ]; then
    echo "== shared benchmarks ($SHARED)"
    "$SHARED/run.sh" "${shared[@]}" || status=1
fi
if [ $# -eq 0 ] || [ ${#micro[@]} -gt 0 ]; then
    echo "== micro-benchmarks (bench/micro)"
    # The shared script times every *.py beside itself: run a copy of it in a scratch
    # directory holding the micro-benchmarks.
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    cp "$SHARED/run.sh" "$tmp/run.sh"
    cp "$HERE"/micro/*.py "$tmp/"
    "$tmp/run.sh" "${micro[@]}" || status=1
fi
if [ "${STATS:-0}" = 1 ]; then
    for n in "$@"; do
        f="$SHARED/$n.py"; [ -f "$f" ] || f="$HERE/micro/$n.py"
        "$PYC" "$f" -o "/tmp/bench_stats_$n.pyb" && echo "== pvm --stats $n" &&
            "$PVM" --stats "/tmp/bench_stats_$n.pyb" >/dev/null
    done
fi
exit $status
