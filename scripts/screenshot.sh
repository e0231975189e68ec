#!/usr/bin/env bash
# Re-renders docs/report.png: the HTML report of example-repo, as a manager sees it in a
# browser. Needs headless Chromium (Debian package `chromium`; installed if missing, as root).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null; then
  apt-get update -qq && apt-get install -y -qq chromium
fi
cargo build --release --locked

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./target/release/cairn report --repo example-repo --as-of 2026-11-25 -o "$work/report.html"

# The flags keep Chromium off the network: no background requests, no updates, no sync.
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/profile" --hide-scrollbars --window-size=1100,1800 \
  --screenshot="$PWD/docs/report.png" "file://$work/report.html"
echo "wrote docs/report.png"
