#!/usr/bin/env bash
# Run the cargo-fuzz targets one after the other, SECONDS each (default 660).
# Needs a nightly toolchain and cargo-fuzz:
#   rustup toolchain install nightly && cargo install cargo-fuzz
# Seeds come from corpus/; findings land in fuzz/artifacts/<target>/.
set -uo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${1:-660}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(extract_doc decoders)
cargo +nightly fuzz build -O -s none
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t"
    cp -n ../corpus/* "corpus/$t/" 2>/dev/null || true
    echo "== fuzzing $t for ${secs}s"
    cargo +nightly fuzz run -O -s none "$t" "corpus/$t" -- \
        -max_total_time="$secs" -max_len=65536 -timeout=60 -rss_limit_mb=4096 \
        -print_final_stats=1 -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1
done
