#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Where oberig scan's time goes, phase by phase: samples the whole run with
# perf (call graphs by DWARF unwinding, so libraries without frame pointers
# are attributed to oberig's caller) and gives each sample to the first
# phase found on its stack. Prints CPU seconds per phase, and from the
# samples' times the wall time of start-up, the scan and tear-down. Not a
# test; needs perf (linux-perf) and permission to use it.
#
# usage: bench/profile_scan.sh [PATH] [extra oberig scan options]
#        (default PATH ../shared/data/web-samples, options --no-archives)
# env:   OBERIG=path/to/oberig  SB=path/to/signature-base  HZ=250
#        PERF_DATA=file: read that recording (made at HZ) instead of running
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
oberig=${OBERIG:-$root/build/oberig}
sb=${SB:-$root/../shared/data/signature-base}
target=${1:-$root/../shared/data/web-samples}
shift || true
options=("$@")
[[ ${#options[@]} -gt 0 ]] || options=(--no-archives)
hz=${HZ:-250}
command -v perf >/dev/null || { echo "profile: perf is missing (apt-get install linux-perf)"; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
data=${PERF_DATA:-}
if [[ -z $data ]]; then
  data="$tmp/perf.data"
  /usr/bin/time -f '%e' -o "$tmp/wall" perf record -q -F "$hz" --call-graph dwarf,16384 -o "$data" \
    "$oberig" scan --quiet --no-store --rules "$sb/yara" --iocs "$sb/iocs" --format jsonl "${options[@]}" "$target" \
    >/dev/null 2>"$tmp/err" || true
  echo "profile: oberig scan ${options[*]} $target: $(tail -n 1 "$tmp/wall") s wall under perf, $hz samples a second"
fi
# perf script: a header line "comm tid time: ..." then one frame a line
# (innermost first), blocks separated by blank lines.
perf script -i "$data" -F comm,tid,time,ip,sym 2>/dev/null | awk -v hz="$hz" '
  # phase: the first of these functions found on the stack, innermost first
  BEGIN {
    n = split("scan_magic_describe:libmagic (finding type),indicators_yara_set_scan:file-name patterns (YARA),ob_filename_matcher_match_below:file-name gate and exact names,ob_rule_scanner_scan:YARA rule sets,core_hasher_digest:hashing,core_hasher_sha256:hashing,core_hasher_stream_update:hashing,scan_emit_finding:output,cli_output_finding:output,cli_output_summary:output,check_wiper:wiper checks,scan_archive:archives,read:reading,scan_worker_scan_file:reading and the rest of the pipeline,core_walk:walking,on_walk:walking,ob_rules_compile:start-up: compiling YARA rules,ob_rules_add_path:start-up: compiling YARA rules,ob_indicators_finalize:start-up: IOC lists,ob_indicators_load_dir_counted:start-up: IOC lists,cli_sources_load:start-up: other,scan_worker_new:start-up: workers,scan_worker_free:tear-down,cli_sources_release:tear-down,cli_sources_release_at_exit:tear-down,ob_scan_free:tear-down,__run_exit_handlers:tear-down,_dl_start:start-up: loading libraries", pairs, ",")
    for (i = 1; i <= n; i++) { split(pairs[i], kv, ":"); fn[i] = kv[1]; phase[i] = substr(pairs[i], length(kv[1]) + 2) }
  }
  function flush(   i, j, found) {
    if (frames == 0) return
    found = "other"
    for (i = 1; i <= n && found == "other"; i++)
      for (j = 1; j <= frames; j++) if (stack[j] == fn[i]) { found = phase[i]; break }
    count[found]++; total++
    if (found ~ /^start-up/ && t > startup_end) startup_end = t
    frames = 0
  }
  /^[^ \t]/ { flush(); t = $3; sub(":", "", t); t += 0; if (first == 0) first = t; last = t
              if ($1 == "oberig" && $2 != main_tid && main_tid != "") { if (wfirst == 0) wfirst = t; wlast = t }
              if (main_tid == "") main_tid = $2; next }
  /^[ \t]+[0-9a-f]+ / { s = $2; sub(/\+0x[0-9a-f]+$/, "", s); stack[++frames] = s; next }
  END {
    flush()
    for (p in count) printf "%7.2f s CPU  %5.1f%%  %s\n", count[p] / hz, 100 * count[p] / total, p | "sort -gr"
    close("sort -gr")
    printf "samples: %d; start-up (to the first worker sample) %.2f s, workers %.2f s, after the last worker sample %.3f s\n", total, wfirst - first, wlast - wfirst, last - wlast
  }'
