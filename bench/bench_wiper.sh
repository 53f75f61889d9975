#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Benchmark: what the wiper checks that need no baseline (overwritten
# starts, random extensions, ransom notes, damaged system programs) add to
# `oberig scan` (target: at most 5%). Runs the same scan with and without
# --no-wiper-checks, alternating, and prints the median wall and CPU times
# and the added share. Two corpora: web-samples with all of signature-base
# (the scan benchmark's corpus), and /usr/share with YARA off, where the
# checks are the largest share of the work they can be. Asserts nothing.
#
# usage: bench/bench_wiper.sh
# env:   OBERIG=path/to/oberig  SAMPLES=path/to/web-samples  SB=path/to/signature-base
#        TREE=/usr/share  ROUNDS=5
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
oberig=${OBERIG:-$root/build/oberig}
samples=${SAMPLES:-$root/../shared/data/web-samples}
sb=${SB:-$root/../shared/data/signature-base}
tree=${TREE:-/usr/share}
rounds=${ROUNDS:-5}
command -v /usr/bin/time >/dev/null || { echo "bench: /usr/bin/time is missing (scripts/install-deps.sh)"; exit 2; }
[[ -x "$oberig" ]] || { echo "bench: build oberig first (scripts/build.sh)"; exit 2; }
tmp=$(mktemp -d /tmp/oberig-bench-wiper-XXXXXX)
trap 'rm -rf "$tmp"' EXIT

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# run NAME command...: prints "wall cpu" of one run
run() {
  /usr/bin/time -f '%e %U %S' -o "$tmp/time" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$tmp/time" | awk '{ printf "%s %.2f\n", $1, $2 + $3 }'
}

# compare LABEL command...: the command with and without the checks
compare() {
  local label=$1; shift
  local on_wall=() on_cpu=() off_wall=() off_cpu=() wall cpu
  "$@" >/dev/null 2>&1 || true # warm the page cache
  for _ in $(seq "$rounds"); do
    read -r wall cpu < <(run "$@")
    on_wall+=("$wall") on_cpu+=("$cpu")
    read -r wall cpu < <(run "$@" --no-wiper-checks)
    off_wall+=("$wall") off_cpu+=("$cpu")
  done
  local w1 c1 w0 c0
  w1=$(median "${on_wall[@]}") c1=$(median "${on_cpu[@]}")
  w0=$(median "${off_wall[@]}") c0=$(median "${off_cpu[@]}")
  echo "bench: $label"
  printf 'bench:   without the checks  wall %7.2f s  CPU %7.2f s\n' "$w0" "$c0"
  printf 'bench:   with the checks     wall %7.2f s  CPU %7.2f s\n' "$w1" "$c1"
  printf 'bench:   added               wall %+6.1f%%   CPU %+6.1f%%   (target <= 5%%)\n' \
    "$(awk -v a="$w1" -v b="$w0" 'BEGIN { print 100 * (a - b) / b }')" \
    "$(awk -v a="$c1" -v b="$c0" 'BEGIN { print 100 * (a - b) / b }')"
}

echo "bench: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $("$oberig" version | head -n 1), median of $rounds"
if [[ -d "$samples" && -d "$sb/yara" ]]; then
  compare "web-samples ($(find "$samples" -type f | wc -l) files), signature-base rules and IOCs" \
    "$oberig" scan --quiet --no-store --format jsonl --rules "$sb/yara" --iocs "$sb/iocs" "$samples"
else
  echo "bench: web-samples or signature-base not found; that corpus skipped"
fi
if [[ -d "$tree" ]]; then
  compare "$tree ($(find "$tree" -xdev -type f 2>/dev/null | wc -l) files), YARA off" \
    "$oberig" scan --quiet --no-store --no-yara --format jsonl "$tree"
fi
