#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Benchmark: how long `oberig ioc import` takes for the MVT indicator
# collection (target: under 2 s) and for signature-base's IOC lists, and
# what the store adds to the start of a scan. Prints times and ratios; it
# is not a test and asserts nothing.
#
# usage: bench/bench_ioc.sh
# env:   OBERIG=path/to/oberig  MVT=path/to/mvt-indicators  SB=path/to/signature-base
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
oberig=${OBERIG:-$root/build/oberig}
mvt=${MVT:-$root/../shared/data/mvt-indicators}
sb=${SB:-$root/../shared/data/signature-base}
[[ -x "$oberig" ]] || { echo "bench: build oberig first (scripts/build.sh)"; exit 2; }
[[ -f "$mvt/indicators.yaml" ]] || { echo "bench: mvt-indicators not found at $mvt"; exit 2; }
tmp=$(mktemp -d /tmp/oberig-bench-ioc-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
runs=5

# seconds COMMAND... : wall time of one run, in seconds.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f\n", b - a }'
}
# median of the arguments
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

import_fresh() { rm -f "$tmp/i.db"; "$oberig" ioc import --db "$tmp/i.db" "$@"; }

times=()
for _ in $(seq $runs); do times+=("$(seconds import_fresh "$mvt")"); done
mvt_s=$(median "${times[@]}")
records=$("$oberig" ioc stats --db "$tmp/i.db" --format jsonl | jq '.indicators')
printf 'bench: import %s into a new store: median of %d runs %.3f s (%s indicators)\n' \
  "$mvt" "$runs" "$mvt_s" "$records"
printf 'bench: ratio to the 2 s target: %.3f   (target < 1.00)\n' "$(awk -v s="$mvt_s" 'BEGIN { print s / 2 }')"

times=()
for _ in $(seq $runs); do times+=("$(seconds "$oberig" ioc import --db "$tmp/i.db" "$mvt")"); done
printf 'bench: import it again (all already known): median %.3f s\n' "$(median "${times[@]}")"

if [[ -d "$sb/iocs" ]]; then
  times=()
  for _ in $(seq $runs); do times+=("$(seconds import_fresh "$sb/iocs")"); done
  printf 'bench: import %s into a new store: median %.3f s (%s indicators)\n' "$sb/iocs" \
    "$(median "${times[@]}")" "$("$oberig" ioc stats --db "$tmp/i.db" --format jsonl | jq '.indicators')"
  "$oberig" ioc import --db "$tmp/i.db" "$mvt" >/dev/null
fi

# What the store costs a scan: loading it into the in-memory sets, once.
mkdir -p "$tmp/empty"
times=(); for _ in $(seq $runs); do times+=("$(seconds "$oberig" scan --quiet --no-store "$tmp/empty")"); done
without=$(median "${times[@]}")
times=(); for _ in $(seq $runs); do times+=("$(seconds "$oberig" scan --quiet --db "$tmp/i.db" "$tmp/empty")"); done
with=$(median "${times[@]}")
printf 'bench: scan start-up without the store %.3f s, with it (%s indicators) %.3f s\n' "$without" \
  "$("$oberig" ioc stats --db "$tmp/i.db" --format jsonl | jq '.indicators')" "$with"
