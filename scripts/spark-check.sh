#!/usr/bin/env bash
# Runs the README's Apache Spark recipe (RDD.pipe) in local mode over the
# bundled corpus and checks that its rows equal a plain local run.
#
#   scripts/spark-check.sh
#
# Installs pyspark from the Python package registry when it is missing
# (Spark needs Java 17). Exit 0 = rows equal; 3 = pyspark or Java could not
# be had (nothing was checked, and the script says so); 1 = rows differ.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
bin=$(pwd)/${CARGO_TARGET_DIR:-target}/release/news-extract
[[ "$bin" = /* ]] || bin=$(pwd)/$bin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! command -v java >/dev/null; then
  echo "spark-check: SKIPPED, no java on this machine" >&2; exit 3
fi
if ! python3 -c "import pyspark" 2>/dev/null; then
  echo "spark-check: installing pyspark" >&2
  if ! python3 -m pip install -q pyspark >&2; then
    echo "spark-check: SKIPPED, pyspark could not be installed" >&2; exit 3
  fi
fi

# The corpus as JSON Lines records (id = path in corpus/), the form an
# engine hands to the tool.
python3 - corpus "$work/articles.jsonl" <<'PY'
import gzip, json, os, sys
root, dest = sys.argv[1], sys.argv[2]
with open(dest, "w", encoding="utf-8") as out:
    for name in sorted(os.listdir(root)):
        path = os.path.join(root, name)
        if name.endswith((".txt", ".md")):
            text = open(path, encoding="utf-8").read()
        elif name.endswith(".txt.gz"):
            text = gzip.open(path, "rt", encoding="utf-8").read()
        elif name.endswith(".html"):
            text = open(path, encoding="utf-8").read()  # the tool strips markup
        else:
            continue
        out.write(json.dumps({"id": name, "text": text}) + "\n")
PY

# Plain local run over the same records.
"$bin" --input-format jsonl --output-format jsonl --table all -q - \
  < "$work/articles.jsonl" > "$work/local.jsonl"

# The recipe: each partition's records piped through the tool.
python3 - "$bin" "$work/articles.jsonl" "$work/spark.jsonl" <<'PY'
import sys
from pyspark import SparkConf, SparkContext
bin, src, dest = sys.argv[1:4]
sc = SparkContext(conf=SparkConf().setMaster("local[2]").setAppName("news-extract-check"))
sc.setLogLevel("ERROR")
records = sc.textFile(src, minPartitions=4)
rows = records.pipe(f"{bin} --input-format jsonl --output-format jsonl --table all -q -")
with open(dest, "w", encoding="utf-8") as f:
    for line in rows.collect():
        f.write(line + "\n")
print(f"spark partitions: {records.getNumPartitions()}", file=sys.stderr)
sc.stop()
PY

n=$(wc -l < "$work/local.jsonl")
if cmp -s <(sort "$work/local.jsonl") <(sort "$work/spark.jsonl"); then
  echo "spark-check: OK, $n rows from Spark (local[2], RDD.pipe) equal the local run"
else
  echo "spark-check: FAILED, rows differ:" >&2
  diff <(sort "$work/local.jsonl") <(sort "$work/spark.jsonl") | head -20 >&2
  exit 1
fi
