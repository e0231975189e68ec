#!/usr/bin/env bash
# Usage: [CAIRN=path/to/cairn] scripts/screenshot.sh
#
# Re-renders docs/report.png (1280 px wide) and docs/report-400.png (400 px wide, a phone):
# the HTML report of example-repo as a manager sees it in a browser. On the way it checks
# what SPEC.md 5.1 promises of the page: no sideways scrolling at either width, every
# person's block and timeline visible, overdue markers visible, no external request.
# It fails (exit 1) with the offending elements and their measurements if not.
#
# Builds cairn (cargo build --release --locked) unless CAIRN names a binary to use instead.
# Installs what is missing, so run it as root on Debian: Chromium (apt), Node.js (apt), and
# playwright-core (npm, into a throwaway folder; it drives Debian's Chromium, and never
# downloads a browser of its own).
set -euo pipefail
cd "$(dirname "$0")/.."

# Pinned so the run is the same tomorrow; 1.61.x is the last line that still runs on
# Debian 12's Node.js 18.
playwright_version=1.61.1
# Pinned so the picture and the example's story ("overdue since ...") do not drift.
as_of=2026-11-25
chromium=/usr/bin/chromium

# --- What the script needs -------------------------------------------------------------
missing=()
[[ -x $chromium ]] || missing+=(chromium)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  if ((EUID != 0)); then
    echo "screenshot: missing ${missing[*]}; run as root to install, or: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "installing ${missing[*]} (apt)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "installing playwright-core@$playwright_version into $work (npm)"
# PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: belt and braces; playwright-core alone downloads nothing.
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-save --no-audit --no-fund --silent \
  --prefix "$work" "playwright-core@$playwright_version"

# --- cairn -----------------------------------------------------------------------------
if [[ -n ${CAIRN:-} ]]; then
  [[ -x $CAIRN ]] || { echo "screenshot: CAIRN=$CAIRN is not an executable" >&2; exit 1; }
  cairn=$CAIRN
  echo "using $cairn (CAIRN)"
else
  echo "building cairn (cargo build --release --locked)"
  cargo build --release --locked
  cairn=./target/release/cairn
fi

# --- The page --------------------------------------------------------------------------
"$cairn" report --repo example-repo --as-of "$as_of" -o "$work/report.html"
echo "rendered $work/report.html ($(wc -c <"$work/report.html") bytes) as of $as_of"
# How many person blocks the page must show: as many as the JSON report lists people.
people=$("$cairn" report --repo example-repo --as-of "$as_of" --format json |
  node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).people.length))')

# --- Check and photograph it at both widths -------------------------------------------
mkdir -p docs
PLAYWRIGHT_DIR="$work" CHROMIUM="$chromium" PROFILE_DIR="$work/profile" \
  node scripts/screenshot.mjs "$work/report.html" "$people" \
  1280=docs/report.png 400=docs/report-400.png

echo "ok: $people people, no sideways scrolling at 1280 or 400 px; wrote docs/report.png and docs/report-400.png"
