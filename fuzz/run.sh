#!/usr/bin/env bash
# Fuzzes with cargo-fuzz (libFuzzer). The machine has only the stable toolchain;
# RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its unstable flags to it.
# Usage: fuzz/run.sh [TARGET] [SECONDS]   (default: pipeline 600)
#   pipeline     the whole document pipeline: no input panics
#   yaml_simple  the hand-written front-matter reader never disagrees with yaml_serde
# The corpus lives in fuzz/corpus/TARGET, outside git: seeded from every fixture and
# example document and from fuzz/seeds/. Findings land in fuzz/artifacts/TARGET/; add
# each as a file under fuzz/regressions/ (tests/fuzz_corpus.rs replays them).
set -euo pipefail
cd "$(dirname "$0")"
target=${1:-pipeline}
seconds=${2:-600}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
mkdir -p "corpus/$target"
if [ -z "$(ls "corpus/$target")" ]; then
  { find ../tests/fixtures ../example-repo -name '*.md' -size -64k; find seeds regressions -type f ! -name README; } |
    while read -r f; do
      if [ "$target" = yaml_simple ]; then
        # The front matter only: what `simple` reads.
        awk 'NR==1 && /^---/ {inside=1; next} inside && /^(---|\.\.\.)/ {exit} inside {print}' "$f" > "corpus/$target/$(sha1sum "$f" | cut -c1-16)"
      else
        cp "$f" "corpus/$target/$(sha1sum "$f" | cut -c1-16)"
      fi
    done
fi
export RUSTC_BOOTSTRAP=1
cargo fuzz run "$target" --sanitizer none --release "corpus/$target" -- \
  -dict=pipeline.dict -max_total_time="$seconds" -max_len=65536 -timeout=5 -rss_limit_mb=2048 -print_final_stats=1
