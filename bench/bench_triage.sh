#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Benchmark of issue 13: `oberig triage --quick` over a generated laptop
# home folder (bench/gen_home.sh: ~20,000 files, ~2 GB) with all of
# signature-base, once with a cold page cache (dropped first; root only)
# and once warm. Prints wall time, peak RSS and the per-step breakdown
# from report.json; the goal is under 3 minutes on a 2-core machine. It
# is not a test and asserts nothing; record the figures in
# docs/performance.md.
#
# usage: bench/bench_triage.sh [TREE_DIR]   (default /tmp/oberig-bench-home;
#        generated there when it is not complete yet)
# env:   OBERIG=path/to/oberig  SB=path/to/signature-base  SEED=13
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tree=${1:-/tmp/oberig-bench-home}
oberig=${OBERIG:-$root/build/oberig}
sb=${SB:-$root/../shared/data/signature-base}
limit=180 # seconds: issue 13's "under 3 minutes"

[[ -x /usr/bin/time ]] || { echo "bench: /usr/bin/time is missing (apt-get install time)"; exit 2; }
[[ -x "$oberig" ]] || { echo "bench: build oberig first (scripts/build.sh)"; exit 2; }
if [[ ! -d "$sb/yara" || ! -d "$sb/iocs" ]]; then
  echo "bench: skipped: signature-base not found at $sb (set SB=...)"
  exit 0
fi
if ! "$oberig" triage --help >/dev/null 2>&1; then
  echo "bench: skipped: this oberig has no 'triage' command yet"
  exit 0
fi

"$root/bench/gen_home.sh" "$tree" "${SEED:-13}"
files=$(find "$tree" -type f | wc -l)
mb=$(du -sm --apparent-size "$tree" | cut -f1)
echo "bench: tree $tree: $files files, $mb MB; $(nproc) cores; $("$oberig" version | head -n 1)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

drop_caches() {
  sync
  [[ -w /proc/sys/vm/drop_caches ]] && echo 3 >/proc/sys/vm/drop_caches
}

# steps REPORT_JSON: one line per step, its name and seconds.
steps() {
  python3 - "$1" <<'PYTHON'
import json, sys
report = json.load(open(sys.argv[1]))
if isinstance(report, list):
    report = report[0]
for step in report.get("steps", []):
    seconds = step.get("seconds")
    shown = "%8.2f s" % seconds if isinstance(seconds, (int, float)) else "       - "
    note = "  (skipped: %s)" % step["skipped"] if step.get("skipped") else ""
    print("bench:     %-24s %s%s" % (step.get("name", "?"), shown, note))
PYTHON
}

# run NAME: one triage --quick run, its figures and its steps.
run() {
  local name=$1 report=$tmp/report-$1
  local status=0
  /usr/bin/time -v -o "$tmp/$name.time" "$oberig" triage --quick --root "$tree" \
    --rules "$sb/yara" --iocs "$sb/iocs" --no-store -o "$report" \
    >"$tmp/$name.out" 2>"$tmp/$name.err" || status=$?
  if (( status > 1 )); then
    echo "bench: $name run failed with exit status $status:"
    tail -n 20 "$tmp/$name.err"
    return 1
  fi
  local wall rss seconds
  wall=$(awk -F': ' '/Elapsed \(wall clock\) time/ { print $NF }' "$tmp/$name.time")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $NF }' "$tmp/$name.time")
  # h:mm:ss or m:ss.ss into seconds
  seconds=$(awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.1f", s }' <<<"$wall")
  printf 'bench: %-5s %7s s wall, peak RSS %5d MiB, exit %d, %s\n' "$name" "$seconds" \
    $((rss / 1024)) "$status" \
    "$(awk -v s="$seconds" -v l=$limit 'BEGIN { print (s < l) ? "within 3 minutes" : "OVER 3 minutes" }')"
  if [[ -f "$report/report.json" ]]; then
    steps "$report/report.json"
  else
    echo "bench:     no report.json in $report"
  fi
}

if [[ $(id -u) -eq 0 ]] && drop_caches; then
  run cold
else
  echo "bench: cold run skipped: dropping the page cache needs root"
fi
# Warm: the tree and signature-base are in the page cache after one run.
find "$tree" "$sb" -type f -print0 | xargs -0 cat >/dev/null 2>&1 || true
run warm
