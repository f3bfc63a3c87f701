#!/usr/bin/env bash
# fuzz/seed.sh TARGET: fills seeds/TARGET from the conformance corpora (once): Python sources
# for parse and compile, `.pyb` files compiled from them for load and run.
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
T="$1"
D="$HERE/seeds/$T"
[ -d "$D" ] && [ -n "$(ls -A "$D")" ] && exit 0
mkdir -p "$D"
CONF="${CONFORMANCE:-$ROOT/../../shared/conformance}"
SRCS=$(ls "$ROOT"/tests/cases/*/*.py "$CONF"/cases/*/*.py 2>/dev/null || true)
case "$T" in
parse|compile)
    for f in $SRCS; do cp "$f" "$D/$(echo "$f" | md5sum | cut -c1-16).py"; done ;;
load|run)
    PYC="${PYC:-}"
    if [ -z "$PYC" ]; then
        (cd "$ROOT" && cargo build -q -p compiler) && PYC="$ROOT/target/debug/pyc"
    fi
    for f in $SRCS; do
        out="$D/$(echo "$f" | md5sum | cut -c1-16).pyb"
        "$PYC" "$f" -o "$out" >/dev/null 2>&1 || rm -f "$out"
    done ;;
*) echo "unknown target $T" >&2; exit 2 ;;
esac
echo "seeded $T: $(ls "$D" | wc -l) files"
