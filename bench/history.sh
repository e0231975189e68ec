#!/usr/bin/env bash
# The cost of git as the clock (docs/history.md), in one hyperfine run: `cairn report` on
# 10,000 generated documents with a year of daily commits (each day ticks an open box in
# about 27 files, so every file holds ticks git must date), with done dates from git (the
# default), without them (`--no-git-dates`), and with `--history`. The target: within 2×
# of the same command without git.
# Usage: bench/history.sh [DOCUMENTS]   (default: 10000)
set -euo pipefail
cd "$(dirname "$0")"
n=${1:-10000}
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
(cd .. && cargo build --release --locked --bin cairn --example generate)
cairn=$(cd .. && pwd)/target/release/cairn
generate=$(cd .. && pwd)/target/release/examples/generate
corpus="$PWD/history-$n"
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
commit() {
  GIT_AUTHOR_DATE="$1T18:00:00+00:00" GIT_COMMITTER_DATE="$1T18:00:00+00:00" \
    git -C "$corpus" -c user.name=Bench -c user.email=bench@example.com commit -qam "$1"
}
if [ ! -f "$corpus/.done" ]; then
  rm -rf "$corpus"
  "$generate" "$corpus" "$n" 1
  git -C "$corpus" init -q -b main
  git -C "$corpus" add -A
  commit 2025-11-25
  mapfile -t files < <(cd "$corpus" && git ls-files 'people/*.md')
  for day in $(seq 1 365); do
    date=$(date -u -d "2025-11-25 + $day days" +%F)
    for ((i = day % 365; i < ${#files[@]}; i += 365)); do
      sed -i '0,/- \[ \]/s//- [x]/' "$corpus/${files[$i]}"
    done
    commit "$date"
  done
  touch "$corpus/.done"
fi
echo "corpus: $n documents, $(git -C "$corpus" rev-list --count HEAD) commits" >&2
hyperfine --warmup 1 --runs 5 --style basic --export-markdown /dev/stdout \
  -n "report --no-git-dates" "$cairn report --format json --as-of 2026-11-25 --no-git-dates -C $corpus" \
  -n "report (done dates from git)" "$cairn report --format json --as-of 2026-11-25 -C $corpus" \
  -n "report --history" "$cairn report --format json --as-of 2026-11-25 --history -C $corpus" \
  -n "report --history --no-git-dates" "$cairn report --format json --as-of 2026-11-25 --history --no-git-dates -C $corpus"
