#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Benchmark: oberig scan of installed system folders with all of
# signature-base, with and without --trust-packages (files that verify
# unchanged against the dpkg database are not matched against rules).
# Prints the median times, the speed-up and how many files were trusted;
# it is not a test and asserts nothing.
#
# usage: bench/bench_trust_packages.sh [FOLDER...]
#        (default /usr/bin /usr/sbin /usr/lib/x86_64-linux-gnu /usr/share)
# env:   OBERIG=path/to/oberig  SB=path/to/signature-base  ROUNDS=3
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
oberig=${OBERIG:-$root/build/oberig}
sb=${SB:-$root/../shared/data/signature-base}
rounds=${ROUNDS:-3}
folders=("$@")
if [[ ${#folders[@]} -eq 0 ]]; then
  folders=()
  for folder in /usr/bin /usr/sbin /usr/lib/x86_64-linux-gnu /usr/share; do
    [[ -d $folder ]] && folders+=("$folder")
  done
fi

command -v /usr/bin/time >/dev/null || { echo "bench: /usr/bin/time is missing (apt-get install time)"; exit 2; }
command -v jq >/dev/null || { echo "bench: jq is missing"; exit 2; }
[[ -x "$oberig" ]] || { echo "bench: build oberig first (scripts/build.sh)"; exit 2; }
[[ -d "$sb/yara" ]] || { echo "bench: signature-base not found at $sb"; exit 2; }
[[ -f /var/lib/dpkg/status ]] || { echo "bench: this machine has no dpkg database"; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

files=$(find "${folders[@]}" -xdev -type f 2>/dev/null | wc -l)
mb=$(du -scm --apparent-size "${folders[@]}" 2>/dev/null | tail -n 1 | cut -f1)
echo "bench: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $("$oberig" version | head -n 1)"
echo "bench: ${folders[*]}: $files files, $mb MB; signature-base rules and IOCs; $rounds rounds"

# measure NAME command... : runs it, keeps the wall seconds and CPU seconds
measure() {
  local name=$1; shift
  /usr/bin/time -f '%e %U %S' -o "$tmp/$name.time" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" || true
  read -r secs user sys < <(tail -n 1 "$tmp/$name.time")
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
  eval "${name}_s=$secs"
  printf 'bench: %-16s %8.2f s  CPU %7.1f s\n' "$name" "$secs" "$cpu"
}
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

scan=("$oberig" scan --quiet --no-store --rules "$sb/yara" --iocs "$sb/iocs" --format jsonl)
plain_times=() trusted_times=()
# A first read of every file, so both runs start with the page cache warm.
"${scan[@]}" --no-yara "${folders[@]}" >/dev/null 2>&1 || true
for round in $(seq 1 "$rounds"); do
  measure "plain_$round" "${scan[@]}" "${folders[@]}"
  v=plain_${round}_s; plain_times+=("${!v}")
  measure "trusted_$round" "${scan[@]}" --trust-packages "${folders[@]}"
  v=trusted_${round}_s; trusted_times+=("${!v}")
done

plain=$(median "${plain_times[@]}")
trusted=$(median "${trusted_times[@]}")
summary() { jq -c 'select(.type == "summary")' "$tmp/$1.out"; }
skipped=$(summary trusted_1 | jq '.skipped.package_verified')
scanned=$(summary trusted_1 | jq '.files')
plain_findings=$(summary plain_1 | jq '.findings')
trusted_findings=$(summary trusted_1 | jq '.findings')
echo
echo "without --trust-packages: ${plain} s (median of ${plain_times[*]}), $plain_findings findings"
echo "with --trust-packages:    ${trusted} s (median of ${trusted_times[*]}), $trusted_findings findings"
echo "speed-up: $(awk -v a="$plain" -v b="$trusted" 'BEGIN { printf "%.2f", a / b }')x;" \
  "$skipped of $scanned files scanned verified unchanged against their packages and were not matched"
