#!/usr/bin/env bash
# Linear-cost check: 1 MB vs 10 MB single-document inputs of hostile text
# (capitalized words, number words, one trigger word repeated, a citation or
# a charge list without end, distinct organizations with abbreviations), one long
# line each, and a clemency list of distinct names, one per line. Prints seconds and the 10 MB / 1 MB ratio (about 10 = linear).
#   scripts/hostile-bench.sh            (BIN=path/to/news-extract to skip the build)
#   scripts/hostile-bench.sh --check    (exit 1 when a ratio passes 30 or a run
#                                        passes LIMIT seconds, 60 by default: CI)
set -euo pipefail
check=0
if [ "${1:-}" = "--check" ]; then check=1; LIMIT=${LIMIT:-60}; fi
bad=()
cd "$(dirname "$0")/.."
if [ -z "${BIN:-}" ]; then
    cargo build --release -q
    BIN=${CARGO_TARGET_DIR:-target}/release/news-extract
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gen() { # gen NAME MB WORDS...
    python3 - "$work/$1-$2mb.txt" "$2" "${@:3}" <<'PY'
import sys, itertools
path, mb, words = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
target = mb * 1_000_000
with open(path, "w") as f:
    n = 0
    for w in itertools.cycle(words):
        f.write(w + " ")
        n += len(w) + 1
        if n >= target:
            break
PY
}
gendistinct() { # gendistinct KIND NAME MB: text that names a new person or organization each line or sentence
    python3 - "$1" "$work/$2-$3mb.txt" "$3" <<'PY'
import sys
kind, path, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
def tag(i):
    s = ""
    while True:
        s += "abcdefghijklmnopqrstuvwxyz"[i % 26]
        i //= 26
        if i == 0:
            return s
def piece(i):
    t = tag(i)
    if kind == "list":  # a clemency list: one name a line
        return f"Ann{t} Lee{tag(7 * i + 3)}\t{i % 100000:05}-{i % 1000:03}\n"
    # one line of organizations, each with an abbreviation used later
    a = "ONI" + t.upper()
    return (f"The Office of Northern {t.capitalize()}lake Investigation ({a}) said the {a} "
            f"and the Federal Bureau of Investigation (FBI) met. The {a} said so. ")
with open(path, "w") as f:
    if kind == "list":
        f.write("Today the governor is commuting the sentences of the following people:\n\nName\tNumber\n")
    n, i = 0, 0
    while n < mb * 1_000_000:
        s = piece(i)
        f.write(s)
        n += len(s)
        i += 1
PY
}
secs() {
    local s e
    s=$(date +%s.%N)
    local rc=0
    timeout "${LIMIT:-300}" "$BIN" "$1" -o "$work/out" -q -j 1 --progress never 2>/dev/null || rc=$?
    e=$(date +%s.%N)
    if [ "$rc" = 124 ]; then
        echo "timed out after ${LIMIT:-300}s: $1" >&2
        echo "$e - $s + 1000000" | bc   # marks the row superlinear
    else
        echo "$e - $s" | bc
    fi
}
base_file="$work/base.txt"; echo "x" > "$base_file"
base=$(secs "$base_file")
printf '%-26s %9s %9s %7s\n' "input (one line)" "1 MB s" "10 MB s" "ratio"
measure() { # measure LABEL NAME: time NAME's 1 MB and 10 MB files
    local a b
    a=$(secs "$work/$2-1mb.txt"); b=$(secs "$work/$2-10mb.txt")
    local ratio
    ratio=$(echo "scale=2; $b / ($a + 0.001)" | bc)
    printf '%-26s %9.2f %9.2f %7.1f\n' "$1" "$a" "$b" "$ratio"
    if [ "$(echo "$ratio > 30" | bc)" = 1 ]; then bad+=("$1"); fi
}
row() { # row LABEL NAME WORDS...: one line of WORDS repeated
    gen "$2" 1 "${@:3}"; gen "$2" 10 "${@:3}"; measure "$1" "$2"
}
distinctrow() { # distinctrow LABEL KIND: gendistinct's text
    gendistinct "$2" "$2" 1; gendistinct "$2" "$2" 10; measure "$1" "$2"
}
row "capitalized words" caps Alden Brook Carver Dunmore Ellery Foster Garrick Holloway Ingram Jessup
row "number words" numbers twenty three hundred forty-five thousand seven million eighty-one
row "pardoned x N" pardoned pardoned
row "sentenced to x N" sentenced sentenced to
row "statute citations x N" citations wire fraud "(18" U.S.C. "1343),"
row "charge list x N" chargelist the wire fraud charges and
row "mixed legal words" mixed Judge Smith sentenced to five years in prison for wire fraud and was pardoned by Governor Jones
distinctrow "clemency list (lines)" list
distinctrow "organizations + abbrevs" orgs
echo "(whole-run seconds, -j 1; a run on a 2-byte file takes ${base}s; ratio about 10 = linear, much more = superlinear)"
if [ "$check" = 1 ] && [ "${#bad[@]}" -gt 0 ]; then
    echo "superlinear (10 MB / 1 MB over 30): ${bad[*]}" >&2
    exit 1
fi
