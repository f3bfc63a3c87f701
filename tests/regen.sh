#!/usr/bin/env bash
# regen.sh [PATTERN...] -- regenerate tests/cases/**/<name>.out and .exit with CPython 3.11,
# the oracle (stdout; line 1 of .exit: status, line 2: last non-blank stderr line).
# Runs each case as shared/conformance/run.sh does: empty cwd, stdin from <name>.in or
# /dev/null, arguments from <name>.args.
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
PY="$(python3 -c 'import sys; assert sys.version_info[:2] == (3, 11), sys.version; print(sys.executable)')"
export PYTHONDONTWRITEBYTECODE=1 PYTHONUTF8=1 PYTHONHASHSEED=0
cd "$HERE/cases"
for src in */*.py */*/main.py; do
    [ -e "$src" ] || continue
    case "$src" in */*/main.py) base="${src%/main.py}" ;; *) base="${src%.py}" ;; esac
    if [ $# -gt 0 ]; then m=0; for p in "$@"; do [[ "$base" == *"$p"* ]] && m=1; done; [ $m = 1 ] || continue; fi
    args=(); [ -f "$base.args" ] && read -r -a args <"$base.args"
    input=/dev/null; [ -f "$base.in" ] && input="$HERE/cases/$base.in"
    d="$(mktemp -d)"
    set +e
    (cd "$d" && "$PY" "$HERE/cases/$src" ${args[@]+"${args[@]}"} <"$input" >"$d/out" 2>"$d/err")
    rc=$?
    set -e
    cp "$d/out" "$base.out"
    err="$(sed -e 's/[[:space:]]*$//' "$d/err" | awk 'NF { l = $0 } END { print l }')"
    printf '%s\n%s\n' "$rc" "$err" >"$base.exit"
    rm -rf "$d"
    echo "$base: exit $rc"
done
