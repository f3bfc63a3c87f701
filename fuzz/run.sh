#!/usr/bin/env bash
# fuzz/run.sh TARGET SECONDS [libFuzzer args...]
#
# Runs fuzz target TARGET (parse, compile, load, run) for SECONDS with cargo-fuzz, one job.
# Seeds come from the conformance corpora (seed.sh); the working corpus grows in
# corpus/TARGET, crashing inputs land in artifacts/TARGET, the log in logs/TARGET.log.
# Needs `cargo install cargo-fuzz`; works on stable Rust through RUSTC_BOOTSTRAP=1.
# Environment: SANITIZER (address by default; none is faster), RSS_MB (default 2048).
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
[ $# -ge 2 ] || { echo "usage: $0 TARGET SECONDS [libFuzzer args...]" >&2; exit 2; }
T="$1"; S="$2"; shift 2
export RUSTC_BOOTSTRAP=1
# Large allocations the VM asks for (`[0] * 10**12`) must fail softly into MemoryError.
export ASAN_OPTIONS="${ASAN_OPTIONS:-allocator_may_return_null=1:detect_leaks=0}"
"$HERE/seed.sh" "$T"
mkdir -p "$HERE/corpus/$T" "$HERE/artifacts/$T" "$HERE/logs" "$HERE/work"
cd "$HERE"
cargo fuzz build -s "${SANITIZER:-address}" "$T"
# The run target executes programs: give them an empty scratch directory and stdin.
cd "$HERE/work"
exec cargo fuzz run --fuzz-dir "$HERE" -s "${SANITIZER:-address}" "$T" \
    "$HERE/corpus/$T" "$HERE/seeds/$T" -- \
    -max_total_time="$S" -timeout=20 -rss_limit_mb="${RSS_MB:-2048}" -malloc_limit_mb=1048576 \
    -close_fd_mask=3 -artifact_prefix="$HERE/artifacts/$T/" -print_final_stats=1 "$@" \
    </dev/null 2>&1 | tee "$HERE/logs/$T.log"
