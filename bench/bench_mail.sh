#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Benchmark of oberig mail on the shared corpora: the share of real phishing
# messages that reach SUSPICIOUS or PHISHING (target >= 95%), the share of
# legitimate messages that do (target <= 1%), every miss and false alarm
# with its reasons, and messages per second on one core, without and with
# YARA scanning of attachments. Prints figures; it is not a test.
#
# usage: bench/bench_mail.sh [--quiet]    (--quiet: rates and speed only)
# env:   OBERIG=path/to/oberig  DATA=path/to/shared/data  ROUNDS=5 (timed runs;
#        the median is reported)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
oberig=${OBERIG:-$root/build/oberig}
data=${DATA:-$root/../shared/data}
quiet=${1:-}
phish="$data/phishing-train" ham="$data/ham-train" sb="$data/signature-base"
[[ -x "$oberig" ]] || { echo "bench: build oberig first (scripts/build.sh)"; exit 2; }
[[ -d "$phish" && -d "$ham" ]] || { echo "bench: corpora not found under $data"; exit 2; }
command -v jq >/dev/null || { echo "bench: jq is needed"; exit 2; }
tmp=$(mktemp -d /tmp/oberig-bench-mail-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pin=(); command -v taskset >/dev/null && pin=(taskset -c 0)

# seconds of one run, pinned to one core
timed() {
  local start end
  start=$(date +%s.%N)
  "${pin[@]}" "$@" >"$tmp/timed.out" 2>/dev/null || true
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}

for corpus in phish ham; do
  dir=${!corpus}
  # The messages only: the folders also hold SOURCE and LICENSE files.
  "$oberig" mail --no-store --format jsonl "$dir"/*.eml >"$tmp/$corpus.jsonl" 2>"$tmp/$corpus.err" || true
done

rate() { # FILE: messages, flagged, percent
  jq -rs 'map(select(.type == "message")) | [length, (map(select(.verdict != "no signs found")) | length)]
          | "\(.[0]) \(.[1]) \(if .[0] > 0 then (.[1] * 1000 / .[0] | round / 10) else 0 end)"' "$1"
}
read -r p_total p_flagged p_pct < <(rate "$tmp/phish.jsonl")
read -r h_total h_flagged h_pct < <(rate "$tmp/ham.jsonl")

if [[ $quiet != --quiet ]]; then
  echo "== phishing messages that reached no verdict (misses)"
  jq -r 'select(.type == "message" and .verdict == "no signs found")
         | "\(.source | split("/") | last)  score \(.score): " + ([.reasons[] | "\(.signal)(\(.score))"] | join(", "))' \
    "$tmp/phish.jsonl"
  echo
  echo "== legitimate messages flagged (false alarms)"
  jq -r 'select(.type == "message" and .verdict != "no signs found")
         | "\(.source | split("/") | last)  \(.verdict) \(.score): " + ([.reasons[] | "\(.signal)(\(.score))"] | join(", "))' \
    "$tmp/ham.jsonl"
  echo
  echo "== how often each signal fires (phishing / legitimate)"
  jq -r 'select(.type == "message") | .reasons[].signal' "$tmp/phish.jsonl" | sed 's/-[0-9]*$//' | sort | uniq -c | sort -rn >"$tmp/p.sig"
  jq -r 'select(.type == "message") | .reasons[].signal' "$tmp/ham.jsonl" | sed 's/-[0-9]*$//' | sort | uniq -c | sort -rn >"$tmp/h.sig"
  awk 'NR == FNR { h[$2] = $1; next } { printf "  %-34s %4d / %d\n", $2, $1, ($2 in h) ? h[$2] : 0; seen[$2] = 1 }
       END { for (s in h) if (!(s in seen)) printf "  %-34s %4d / %d\n", s, 0, h[s] }' "$tmp/h.sig" "$tmp/p.sig"
  echo
fi

cat "$phish"/*.eml "$ham"/*.eml >/dev/null # warm the page cache
messages=$((p_total + h_total))
# The machine's speed varies from run to run: the median of ROUNDS runs.
runs=()
for _ in $(seq "${ROUNDS:-5}"); do
  runs+=("$(timed "$oberig" mail --no-store --format jsonl "$phish"/*.eml "$ham"/*.eml)")
done
secs=$(printf '%s\n' "${runs[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
echo "bench: runs (s): ${runs[*]}"
echo "bench: phishing-train: $p_flagged of $p_total reach suspicious or phishing: $p_pct%   (target >= 95%)"
echo "bench: ham-train:      $h_flagged of $h_total reach suspicious or phishing: $h_pct%   (target <= 1%)"
echo "bench: speed, one core, no attachment YARA (median of ${#runs[@]}): $messages messages in $secs s = $(awk -v n=$messages -v s="$secs" 'BEGIN { printf "%.0f", n / s }') messages/s   (target >= 1000)"
if [[ -d "$sb/yara" ]]; then
  secs=$(timed "$oberig" mail --no-store --rules "$sb/yara" --iocs "$sb/iocs" --format jsonl "$phish"/*.eml "$ham"/*.eml)
  echo "bench: with signature-base YARA and IOCs on attachments (rule loading included): $messages messages in $secs s = $(awk -v n=$messages -v s="$secs" 'BEGIN { printf "%.0f", n / s }') messages/s"
fi
