#!/usr/bin/env bash
# Throughput and memory of the release binary on a large corpus.
#
#   scripts/bench.sh [TARGET_MB]      (default 200)
#
# Builds a corpus of at least TARGET_MB by copying the bundled articles
# (uncompressed) into numbered folders, runs the whole extraction (all seven
# tables) at -j1 and -j2, and prints MB/s, documents/s and peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
target_mb=${1:-200}
work=${BENCH_DIR:-/tmp/news-extract-bench}
cargo build --release -q
bin=${CARGO_TARGET_DIR:-target}/release/news-extract

src=$work/src
rm -rf "$src"; mkdir -p "$src"
# One copy of the corpus, gzip expanded so every byte is article text.
cp corpus/* "$src/"
for f in "$src"/*.gz; do [ -e "$f" ] && gunzip -f "$f"; done
one=$(du -sb "$src" | cut -f1)
copies=$(( (target_mb * 1000000 + one - 1) / one ))
big=$work/corpus
if [ ! -f "$big/.copies-$copies" ]; then
  rm -rf "$big"; mkdir -p "$big"
  for i in $(seq 1 "$copies"); do
    mkdir -p "$big/c$i"; cp "$src"/* "$big/c$i/"
  done
  touch "$big/.copies-$copies"
fi
bytes=$(du -sb --exclude=.copies-* "$big" | cut -f1)
files=$(find "$big" -type f ! -name '.copies-*' | wc -l)
echo "corpus: $copies copies, $files files, $((bytes / 1000000)) MB in $big"
cat /proc/cpuinfo | grep -m1 "model name" || true
for j in 1 2; do
  out=$work/out-j$j; rm -rf "$out"
  # warm the page cache so that both runs read from memory
  find "$big" -type f -exec cat {} + >/dev/null
  /usr/bin/time -f "%e %M %U %S" -o "$work/time-j$j" "$bin" "$big" -o "$out" -q -j "$j"
  read -r secs kb usr sys < "$work/time-j$j"
  docs=$(($(wc -l < "$out/documents.csv") - 1))
  awk -v b="$bytes" -v s="$secs" -v k="$kb" -v d="$docs" -v j="$j" -v u="$usr" -v y="$sys" 'BEGIN {
    printf "-j%d: %.2f s, %.1f MB/s, %.0f documents/s, peak memory %.1f MB, CPU %.2f s user + %.2f s system\n", j, s, b/1e6/s, d/s, k/1024, u, y }'
done
t1=$(cut -d' ' -f1 "$work/time-j1"); t2=$(cut -d' ' -f1 "$work/time-j2")
awk -v a="$t1" -v b="$t2" 'BEGIN { printf "speed-up -j2 over -j1: %.2fx\n", a/b }'
cmp -s "$work/out-j1/mentions.csv" "$work/out-j2/mentions.csv" && echo "outputs identical at -j1 and -j2"

# Gazetteer scale: 100,000 extra person names.
gz=$work/gaz; mkdir -p "$gz"
python3 - "$gz/people-bench.tsv" <<'PY'
import random, sys
random.seed(7)
first = ["Ada","Bram","Cleo","Dov","Esme","Fitz","Gale","Hugo","Ines","Jory","Kai","Lior","Mira","Nico","Odile","Pax","Quin","Remy","Sol","Tove"]
with open(sys.argv[1], "w") as f:
    f.write("id\tname\taliases\trole\tjurisdiction\tstart\tend\n")
    for i in range(100000):
        last = "".join(random.choice("bcdfghjklmnprstvz") + random.choice("aeiou") for _ in range(3)).capitalize()
        f.write(f"bench:{i}\t{random.choice(first)} {last}{i}\t\t\t\t\t\n")
PY
/usr/bin/time -f "%e %M" -o "$work/time-gz0" "$bin" --table documents -q "$src/$(ls "$src" | head -1)" >/dev/null
/usr/bin/time -f "%e %M" -o "$work/time-gz1" "$bin" --table documents -q --gazetteers "$gz" "$src/$(ls "$src" | head -1)" >/dev/null
echo "one short document, process start to exit: $(cut -d' ' -f1 "$work/time-gz0") s built-in lists, $(cut -d' ' -f1 "$work/time-gz1") s with 100,000 extra names"
out=$work/out-gz; rm -rf "$out"
/usr/bin/time -f "%e %M" -o "$work/time-gzrun" "$bin" "$big" -o "$out" -q -j 2 --gazetteers "$gz"
read -r secs kb < "$work/time-gzrun"
awk -v b="$bytes" -v s="$secs" -v t="$t2" 'BEGIN { printf "with 100,000 extra names: %.1f MB/s at -j2 (%.0f%% of default)\n", b/1e6/s, 100*t/s }'
