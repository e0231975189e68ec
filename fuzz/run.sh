#!/usr/bin/env bash
# Fuzzes the document pipeline with cargo-fuzz (libFuzzer). The machine has only the
# stable toolchain; RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its unstable flags to it.
# Usage: fuzz/run.sh [SECONDS] (default 600). Findings land in fuzz/artifacts/pipeline/;
# add each as a regression under fuzz/regressions/ (tests/fuzz_corpus.rs runs them).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
# Seed from every test fixture document, once.
if [ -z "$(ls corpus/pipeline 2>/dev/null)" ]; then
  mkdir -p corpus/pipeline
  find ../tests/fixtures ../example-repo -name '*.md' -size -64k | while read -r f; do
    cp "$f" "corpus/pipeline/$(sha1sum "$f" | cut -c1-16)"
  done
fi
export RUSTC_BOOTSTRAP=1
cargo fuzz run pipeline --sanitizer none --release corpus/pipeline -- \
  -dict=pipeline.dict -max_total_time="$seconds" -max_len=65536 -timeout=5 -rss_limit_mb=2048 -print_final_stats=1
