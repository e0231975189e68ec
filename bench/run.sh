#!/usr/bin/env bash
# The benchmark of the scale issue, in one run, side by side: cairn check and cairn report
# against rg (reading every byte once), the Markdown floor (examples/floor.rs: every file
# read and parsed by pulldown-cmark with cairn's options, nothing else), rumdl and
# markdownlint-cli2 with only MD043, at 1k, 10k and 100k generated documents.
# Installs what it needs (as root):
# hyperfine and ripgrep from Debian, rumdl into bench/.venv, markdownlint-cli2 into
# bench/node_modules. Prints a Markdown table of medians, ratios and peak memory.
# Usage: bench/run.sh [SIZES...]   (default: 1000 10000 100000)
# With BASELINE=/path/to/an/older/cairn, that binary's check and report run in the same
# hyperfine runs ("check (baseline)", "report (baseline)"), so a change is measured
# side by side with what it replaces. SKIP_MARKDOWNLINT=1 leaves markdownlint-cli2 out
# (its 100k run alone takes a quarter of an hour).
set -euo pipefail
cd "$(dirname "$0")"
sizes=("${@:-1000 10000 100000}")
read -r -a sizes <<<"${sizes[*]}"

command -v hyperfine >/dev/null && command -v rg >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine ripgrep; }
[ -x .venv/bin/rumdl ] || { python3 -m venv .venv && .venv/bin/pip install -q rumdl; }
[ -n "${SKIP_MARKDOWNLINT:-}" ] || [ -x node_modules/.bin/markdownlint-cli2 ] || npm install --no-save --silent markdownlint-cli2@0.22
(cd .. && cargo build --release --locked --bin cairn --example generate --example floor)
cairn=$(cd .. && pwd)/target/release/cairn
generate=$(cd .. && pwd)/target/release/examples/generate
floor=$(cd .. && pwd)/target/release/examples/floor
results=$(mktemp -d)

for n in "${sizes[@]}"; do
  corpus="$PWD/corpus-$n"
  [ -f "$corpus/cairn.yaml" ] || "$generate" "$corpus" "$n" 1
  cp .markdownlint-cli2.jsonc "$corpus/"
  runs=$([ "$n" -ge 100000 ] && echo 3 || echo 5)
  commands=(
    -n rg "rg -c '^## ' $corpus"
    -n floor "$floor $corpus"
    -n "cairn check" "$cairn check --format json -C $corpus"
    -n "cairn report" "$cairn report --format json --as-of 2026-11-25 -C $corpus"
    -n rumdl "$PWD/.venv/bin/rumdl check --no-cache --config $PWD/rumdl.toml $corpus"
  )
  if [ -n "${BASELINE:-}" ]; then
    commands+=(
      -n "check (baseline)" "$BASELINE check --format json -C $corpus"
      -n "report (baseline)" "$BASELINE report --format json --as-of 2026-11-25 -C $corpus"
    )
  fi
  # markdownlint-cli2 at 100k only if one run finishes within 5 minutes.
  if [ -n "${SKIP_MARKDOWNLINT:-}" ]; then :
  elif [ "$n" -lt 100000 ] || (cd "$corpus" && timeout 300 "$OLDPWD/node_modules/.bin/markdownlint-cli2" "**/*.md" >/dev/null 2>&1; [ $? -ne 124 ]); then
    commands+=(-n markdownlint-cli2 "cd $corpus && $PWD/node_modules/.bin/markdownlint-cli2 '**/*.md'")
  fi
  hyperfine --ignore-failure --warmup 1 --runs "$runs" --style basic --export-json "$results/$n.json" "${commands[@]}" >&2
  names=(rg floor "cairn check" "cairn report" rumdl)
  [ -n "${BASELINE:-}" ] && names+=("check (baseline)" "report (baseline)")
  for name in "${names[@]}"; do
    case "$name" in
      rg) cmd=(rg -c '^## ' "$corpus");;
      floor) cmd=("$floor" "$corpus");;
      "cairn check") cmd=("$cairn" check --format json -C "$corpus");;
      "cairn report") cmd=("$cairn" report --format json --as-of 2026-11-25 -C "$corpus");;
      rumdl) cmd=("$PWD/.venv/bin/rumdl" check --no-cache --config "$PWD/rumdl.toml" "$corpus");;
      "check (baseline)") cmd=("$BASELINE" check --format json -C "$corpus");;
      "report (baseline)") cmd=("$BASELINE" report --format json --as-of 2026-11-25 -C "$corpus");;
    esac
    /usr/bin/time -f "%M" -o "$results/$n-$name.rss" "${cmd[@]}" >/dev/null 2>&1 || true
  done
done

python3 - "$results" "${sizes[@]}" <<'PY'
import json, os, sys
results, sizes = sys.argv[1], sys.argv[2:]
def medians(n):
    data = json.load(open(os.path.join(results, f"{n}.json")))["results"]
    return {r["command"]: r["median"] for r in data}
def rss(n, name):
    try:
        return int(open(os.path.join(results, f"{n}-{name}.rss")).read().split()[-1]) / 1024
    except Exception:
        return None
print("| documents | command | median (s) | vs rg | peak RSS (MB) |")
print("|---:|---|---:|---:|---:|")
for n in sizes:
    m = medians(n)
    for name, t in m.items():
        r = rss(n, name)
        print(f"| {int(n):,} | {name} | {t:.3f} | {t / m['rg']:.2f}x | {'' if r is None else f'{r:.0f}'} |")
print()
for n in sizes:
    m = medians(n)
    line = [f"{int(n):,} documents: cairn check is {m['cairn check'] / m['rg']:.2f}x rg, report {m['cairn report'] / m['rg']:.2f}x rg"]
    line.append(f"rumdl / cairn check = {m['rumdl'] / m['cairn check']:.1f}x")
    if "check (baseline)" in m:
        line.append(f"baseline / cairn check = {m['check (baseline)'] / m['cairn check']:.2f}x, baseline / cairn report = {m['report (baseline)'] / m['cairn report']:.2f}x")
    if "markdownlint-cli2" in m:
        line.append(f"markdownlint-cli2 / cairn check = {m['markdownlint-cli2'] / m['cairn check']:.0f}x")
    print("- " + "; ".join(line))
if len(sizes) > 1:
    a, b = sizes[0], sizes[-1]
    growth = medians(b)["cairn check"] / medians(a)["cairn check"]
    print(f"- growth of cairn check from {int(a):,} to {int(b):,} documents: {growth:.0f}x for {int(b) // int(a)}x the documents")
PY
