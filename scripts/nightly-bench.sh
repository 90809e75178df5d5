#!/usr/bin/env bash
# Nightly (--state) timing: the bundled corpus copied N times (default 200),
# a first run, a second run over the unchanged folder, and a third after
# touching one file and editing another. Prints the times and checks that
# the incremental tables equal a full run's.
#   scripts/nightly-bench.sh [N]        (BIN=path/to/news-extract to skip the build)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
if [ -z "${BIN:-}" ]; then
    cargo build --release -q
    BIN=${CARGO_TARGET_DIR:-target}/release/news-extract
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for i in $(seq 1 "$n"); do
    mkdir -p "$work/in/copy$i"
    cp -r corpus/. "$work/in/copy$i/"
done
echo "input: $(find "$work/in" -type f | wc -l) files, $(du -sh "$work/in" | cut -f1)"
t() { local s e; s=$(date +%s.%N); "$@"; e=$(date +%s.%N); echo "$e - $s" | bc; }
first=$(t "$BIN" "$work/in" -o "$work/out" --state "$work/state.bin" -q --progress never || true)
second=$(t "$BIN" "$work/in" -o "$work/out" --state "$work/state.bin" -q --progress never || true)
touch "$work/in/copy1/$(ls corpus | head -1)"
f=$(ls "$work/in/copy2" | grep '\.txt$' | head -1)
echo "One more sentence." >> "$work/in/copy2/$f"
third=$(t "$BIN" "$work/in" -o "$work/out" --state "$work/state.bin" -q --progress never || true)
"$BIN" "$work/in" -o "$work/full" -q --progress never || true
for c in "$work"/full/*.csv; do
    cmp -s "$c" "$work/out/$(basename "$c")" || { echo "DIFFERENT: $(basename "$c")"; exit 1; }
done
echo "state file: $(du -h "$work/state.bin" | cut -f1)"
printf 'first run (everything new):      %6.2f s\n' "$first"
printf 'second run (nothing changed):    %6.2f s\n' "$second"
printf 'third run (1 touched, 1 edited): %6.2f s\n' "$third"
echo "incremental tables identical to a full run: yes"
