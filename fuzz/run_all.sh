#!/usr/bin/env bash
# fuzz/run_all.sh SECONDS: runs every target for SECONDS, one after the other.
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
S="${1:?usage: $0 SECONDS}"
rc=0
for t in parse compile load run; do
    "$HERE/run.sh" "$t" "$S" || rc=1
done
exit $rc
