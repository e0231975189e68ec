#!/usr/bin/env bash
# The language server's latency (target: under 50 ms at 10,000 documents): the
# time from a didChange to the publishDiagnostics for it, median and worst of 100 edits,
# at 1k and 10k generated documents, through `cairn lsp` over stdio as an editor runs it.
# Usage: bench/lsp-latency.sh [SIZES...]   (default: 1000 10000)
set -euo pipefail
cd "$(dirname "$0")"
sizes=("${@:-1000 10000}")
read -r -a sizes <<<"${sizes[*]}"
(cd .. && cargo build --release --locked --bin cairn --example generate --example lsp_latency)
target=$(cd .. && pwd)/target/release
for n in "${sizes[@]}"; do
  corpus="$PWD/corpus-$n"
  [ -f "$corpus/cairn.yaml" ] || "$target/examples/generate" "$corpus" "$n" 1
  printf '%6d documents: ' "$n"
  "$target/examples/lsp_latency" "$target/cairn" "$corpus"
done
