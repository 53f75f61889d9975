#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Benchmark of oberig mail on the shared corpora: the share of real phishing
# messages that reach SUSPICIOUS or PHISHING (target >= 95%), the share of
# legitimate messages that do (target <= 1%), every miss and false alarm
# with its reasons, and messages per second on one core, without and with
# YARA scanning of attachments. Each corpus is measured twice: as received,
# and with the receiving service's own verdict removed (the headers
# X-MS-Exchange-Organization-SCL, X-Forefront-Antispam-Report*,
# X-Microsoft-Antispam*, X-Spam-*: bench/strip_filter_headers.awk), as a
# forwarded message or one saved from a webmail would arrive (target >= 90%
# flagged, <= 1% false alarms). Prints figures; it is not a test.
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
  # The same messages without the receiving service's verdict.
  mkdir -p "$tmp/stripped-$corpus"
  for f in "$dir"/*.eml; do
    awk -f "$root/bench/strip_filter_headers.awk" "$f" >"$tmp/stripped-$corpus/${f##*/}"
  done
  "$oberig" mail --no-store --format jsonl "$tmp/stripped-$corpus"/*.eml >"$tmp/$corpus-stripped.jsonl" 2>/dev/null || true
done

rate() { # FILE: messages, flagged, percent
  jq -rs 'map(select(.type == "message")) | [length, (map(select(.verdict != "no signs found")) | length)]
          | "\(.[0]) \(.[1]) \(if .[0] > 0 then (.[1] * 1000 / .[0] | round / 10) else 0 end)"' "$1"
}
read -r p_total p_flagged p_pct < <(rate "$tmp/phish.jsonl")
read -r h_total h_flagged h_pct < <(rate "$tmp/ham.jsonl")
read -r _ ps_flagged ps_pct < <(rate "$tmp/phish-stripped.jsonl")
read -r _ hs_flagged hs_pct < <(rate "$tmp/ham-stripped.jsonl")

misses() { # FILE
  jq -r 'select(.type == "message" and .verdict == "no signs found")
         | "\(.source | split("/") | last)  score \(.score): " + ([.reasons[] | "\(.signal)(\(.score))"] | join(", "))' "$1"
}
alarms() { # FILE
  jq -r 'select(.type == "message" and .verdict != "no signs found")
         | "\(.source | split("/") | last)  \(.verdict) \(.score): " + ([.reasons[] | "\(.signal)(\(.score))"] | join(", "))' "$1"
}
signals() { # FILE OUT: how many messages each signal fires on
  jq -r 'select(.type == "message") | [.reasons[].signal | sub("-[0-9]+$"; "")] | unique[]' "$1" | sort | uniq -c | sort -rn >"$2"
}

if [[ $quiet != --quiet ]]; then
  echo "== phishing messages that reached no verdict (misses)"
  misses "$tmp/phish.jsonl"
  echo
  echo "== legitimate messages flagged (false alarms)"
  alarms "$tmp/ham.jsonl"
  echo
  echo "== without the receiving service's verdict: misses"
  misses "$tmp/phish-stripped.jsonl"
  echo
  echo "== without the receiving service's verdict: false alarms"
  alarms "$tmp/ham-stripped.jsonl"
  echo
  echo "== messages each signal fires on: phishing / legitimate, as received | without the service's verdict"
  signals "$tmp/phish.jsonl" "$tmp/p.sig"
  signals "$tmp/ham.jsonl" "$tmp/h.sig"
  signals "$tmp/phish-stripped.jsonl" "$tmp/ps.sig"
  signals "$tmp/ham-stripped.jsonl" "$tmp/hs.sig"
  awk 'FNR == 1 { file++ } { n[file, $2] = $1; names[$2] = 1 }
       END { for (s in names) printf "  %-38s %4d / %-4d | %4d / %d\n", s, n[1, s], n[2, s], n[3, s], n[4, s] }' \
    "$tmp/p.sig" "$tmp/h.sig" "$tmp/ps.sig" "$tmp/hs.sig" | sort -k2,2nr -k1,1
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
echo "bench: without the receiving service's verdict headers:"
echo "bench: phishing-train: $ps_flagged of $p_total reach suspicious or phishing: $ps_pct%   (target >= 90%)"
echo "bench: ham-train:      $hs_flagged of $h_total reach suspicious or phishing: $hs_pct%   (target <= 1%)"
echo "bench: speed, one core, no attachment YARA (median of ${#runs[@]}): $messages messages in $secs s = $(awk -v n=$messages -v s="$secs" 'BEGIN { printf "%.0f", n / s }') messages/s   (target >= 1000)"
if [[ -d "$sb/yara" ]]; then
  secs=$(timed "$oberig" mail --no-store --rules "$sb/yara" --iocs "$sb/iocs" --format jsonl "$phish"/*.eml "$ham"/*.eml)
  echo "bench: with signature-base YARA and IOCs on attachments (rule loading included): $messages messages in $secs s = $(awk -v n=$messages -v s="$secs" 'BEGIN { printf "%.0f", n / s }') messages/s"
fi
