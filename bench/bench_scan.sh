#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Benchmark: oberig scan against `yara -C -r -p <cores>` (rules compiled
# beforehand with yarac) with all of signature-base: first over
# ../shared/data/web-samples (many small script files; with the false-alarm
# rates on its benign half), then over a ~1 GB corpus copied from this
# machine, with --no-yara against plain reading of the same files and
# --threads 1 against the default. Prints times, ratios and peak memory; it
# is not a test and asserts nothing.
#
# usage: bench/bench_scan.sh [CORPUS_DIR]   (default /tmp/oberig-bench-corpus)
# env:   OBERIG=path/to/oberig  SB=path/to/signature-base  TARGET_MB=1000
#        WEB=path/to/web-samples  PARTS="web corpus state" (any of them;
#        state: rescans with --state)  STATE_ONLY=1 (the same as PARTS=state)
#        STATE_SETS="web web_archives corpus corpus_archives" (the trees and
#        options of the rescans: _archives opens archives)  ROUNDS=3
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-/tmp/oberig-bench-corpus}
oberig=${OBERIG:-$root/build/oberig}
sb=${SB:-$root/../shared/data/signature-base}
target_mb=${TARGET_MB:-1000}
web=$(realpath -m "${WEB:-$root/../shared/data/web-samples}")
parts=${PARTS:-web corpus state}
[[ ${STATE_ONLY:-0} == 1 ]] && parts=state
cores=$(nproc)

for tool in yara yarac /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install yara time)"; exit 2; }
done
[[ -x "$oberig" ]] || { echo "bench: build oberig first (scripts/build.sh)"; exit 2; }
[[ -d "$sb/yara" ]] || { echo "bench: signature-base not found at $sb"; exit 2; }
rules=("$sb"/yara/*.yar "$sb"/yara/*.yara)
defines=(-d filename= -d filepath= -d extension= -d filetype= -d owner=)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# yara is given its rules compiled beforehand, as a responder would keep them.
yarac "${defines[@]}" "${rules[@]}" "$tmp/rules.yarc"
rounds=${ROUNDS:-3}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# measure NAME command... : runs it, keeps wall seconds, peak RSS (KiB) and
# CPU seconds (user + system)
measure() {
  local name=$1; shift
  /usr/bin/time -f '%e %M %U %S' -o "$tmp/$name.time" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" || true
  # time(1) writes "Command exited with non-zero status N" first when the
  # command reports findings; the figures are on the last line.
  read -r secs rss user sys < <(tail -n 1 "$tmp/$name.time")
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
  eval "${name}_s=$secs ${name}_rss=$rss ${name}_cpu=$cpu"
  printf 'bench: %-22s %8.2f s  peak RSS %6d MiB  CPU %7.1f s\n' "$name" "$secs" $((rss / 1024)) "$cpu"
}
# rounds NAME command... : `rounds` runs of NAME_<i>; NAME_s is their median,
# NAME_rss the largest peak.
rounds_of() {
  local name=$1; shift
  local times=() rss=() i
  for i in $(seq "$rounds"); do
    measure "${name}_$i" "$@"
    eval 'times+=("$'"${name}_$i"'_s") rss+=("$'"${name}_$i"'_rss")'
  done
  eval "${name}_s=$(median "${times[@]}") ${name}_rss=$(printf '%s\n' "${rss[@]}" | sort -g | tail -n 1)"
  eval "${name}_all=\"${times[*]}\""
  cp "$tmp/${name}_1.out" "$tmp/$name.out"
}
# pairs FILE: the (rule, path) pairs of yara's output or oberig's JSON lines.
yara_pairs() { awk '{ rule = $1; sub(/^[^ ]+ /, ""); print rule "\t" $0 }' "$1" | sort -u; }
oberig_pairs() {
  jq -r 'select(.type == "finding" and .member == null) | .path as $p | .reasons[] | select(.signal == "yara") | .name + "\t" + $p' "$1" | sort -u
}

# ---- web-samples: many small script files ---------------------------------------
if [[ " $parts " == *" web "* && -d "$web" ]] && command -v jq >/dev/null; then
  echo "bench: web-samples $web: $(find "$web" -type f | wc -l) files, $(du -sm --apparent-size "$web" | cut -f1) MB; $cores cores"
  echo "bench: $(yara --version | sed 's/^/yara /'), $("$oberig" version)"
  empty="$tmp/empty" && mkdir -p "$empty"
  find "$web" -type f -print0 | xargs -0 cat >/dev/null  # warm
  oberig_web=("$oberig" scan --quiet --no-store --rules "$sb/yara" --iocs "$sb/iocs" --notice 1 --format jsonl)
  yara_web=(yara -C -r -N -w -p "$cores" -z 67108864 "${defines[@]}" "$tmp/rules.yarc")
  # Side by side, alternating, so a busy machine slows both alike.
  yt=() ot=() at=() yr=() orss=() yc=() oc=()
  for i in $(seq "$rounds"); do
    measure "web_yara_$i" "${yara_web[@]}" "$web"
    measure "web_oberig_$i" "${oberig_web[@]}" --no-archives "$web"
    measure "web_archives_$i" "${oberig_web[@]}" "$web"
    eval 'yt+=("$web_yara_'"$i"'_s") ot+=("$web_oberig_'"$i"'_s") at+=("$web_archives_'"$i"'_s")'
    eval 'yr+=("$web_yara_'"$i"'_rss") orss+=("$web_oberig_'"$i"'_rss")'
    eval 'yc+=("$web_yara_'"$i"'_cpu") oc+=("$web_oberig_'"$i"'_cpu")'
  done
  web_yara_s=$(median "${yt[@]}") web_oberig_s=$(median "${ot[@]}") web_archives_s=$(median "${at[@]}")
  web_yara_rss=$(printf '%s\n' "${yr[@]}" | sort -g | tail -n 1)
  web_oberig_rss=$(printf '%s\n' "${orss[@]}" | sort -g | tail -n 1)
  # Start-up alone: the same commands on an empty folder.
  rounds_of web_yara_empty "${yara_web[@]}" "$empty"
  rounds_of web_oberig_empty "${oberig_web[@]}" --no-archives "$empty"
  yara_pairs "$tmp/web_yara_1.out" >"$tmp/web_yara.pairs"
  oberig_pairs "$tmp/web_oberig_1.out" >"$tmp/web_oberig.pairs"
  web_missing=$(comm -23 "$tmp/web_yara.pairs" "$tmp/web_oberig.pairs" | wc -l)
  # Of those, the matches of rules whose condition reads a per-file variable
  # that yara was given empty and oberig the real value.
  find "$sb/yara" -type f \( -name '*.yar' -o -name '*.yara' \) -exec awk -f "$(dirname "$0")/rules_reading_externals.awk" {} + |
    sort -u >"$tmp/rules_ext"
  web_missing_ext=$(comm -23 "$tmp/web_yara.pairs" "$tmp/web_oberig.pairs" |
    awk -F'\t' 'NR == FNR { ext[$0] = 1; next } ($1 in ext)' "$tmp/rules_ext" - | wc -l)
  { comm -23 "$tmp/web_yara.pairs" "$tmp/web_oberig.pairs" | head -5 | sed 's/^/bench: missing: /'; } || true
  # False alarms on ordinary web applications.
  measure web_benign "$oberig" scan --quiet --no-store --rules "$sb/yara" --iocs "$sb/iocs" --format jsonl "$web/benign"
  benign_files=$(find "$web/benign" -type f | wc -l)
  benign_high=$(jq -s '[.[] | select(.type == "finding" and (.level == "warning" or .level == "alert"))] | length' "$tmp/web_benign.out")
  benign_notice=$(jq -s '[.[] | select(.type == "finding" and .level == "notice")] | length' "$tmp/web_benign.out")
  echo
  echo "== web-samples results (medians of $rounds; wall time including start-up)"
  echo "yara -C -r -p $cores:                  ${web_yara_s} s (${yt[*]}), start-up ${web_yara_empty_s} s, peak RSS $((web_yara_rss / 1024)) MiB"
  echo "oberig scan --no-archives:          ${web_oberig_s} s (${ot[*]}), start-up ${web_oberig_empty_s} s, peak RSS $((web_oberig_rss / 1024)) MiB"
  echo "oberig scan (archives opened):      ${web_archives_s} s (${at[*]})"
  echo "ratio --no-archives / yara:         $(ratio "$web_oberig_s" "$web_yara_s")   (target <= 0.90)"
  echo "ratio with archives / yara:         $(ratio "$web_archives_s" "$web_yara_s")   (target <= 1.00)"
  echo "ratios without start-up (each minus its empty-folder run): --no-archives $(ratio "$(awk -v a="$web_oberig_s" -v b="$web_oberig_empty_s" 'BEGIN { print a - b }')" "$(awk -v a="$web_yara_s" -v b="$web_yara_empty_s" 'BEGIN { print a - b }')"), with archives $(ratio "$(awk -v a="$web_archives_s" -v b="$web_oberig_empty_s" 'BEGIN { print a - b }')" "$(awk -v a="$web_yara_s" -v b="$web_yara_empty_s" 'BEGIN { print a - b }')")"
  echo "CPU seconds (user + system), medians: yara $(median "${yc[@]}"), oberig --no-archives $(median "${oc[@]}"), start-up yara $(median "${web_yara_empty_1_cpu}" "${web_yara_empty_2_cpu:-}" "${web_yara_empty_3_cpu:-}") oberig $(median "${web_oberig_empty_1_cpu}" "${web_oberig_empty_2_cpu:-}" "${web_oberig_empty_3_cpu:-}"); ratio $(ratio "$(median "${oc[@]}")" "$(median "${yc[@]}")") (shows the work done when other jobs make wall times unreliable)"
  echo "peak RSS oberig - yara:             $(( (web_oberig_rss - web_yara_rss) / 1024 )) MiB   (target <= 100)"
  echo "yara matches missing from oberig:   $web_missing of $(wc -l <"$tmp/web_yara.pairs")   (target 0); of them $web_missing_ext of rules reading filename, filepath, extension, filetype or owner (given empty to yara, the real value to oberig)"
  echo "benign ($benign_files files): WARNING or ALERT on $benign_high ($(awk -v a="$benign_high" -v b="$benign_files" 'BEGIN { printf "%.2f", 100 * a / b }')%, target <= 0.05%), NOTICE on $benign_notice ($(awk -v a="$benign_notice" -v b="$benign_files" 'BEGIN { printf "%.2f", 100 * a / b }')%, target <= 0.5%)"
  echo
fi
[[ " $parts " == *" corpus "* || " $parts " == *" state "* ]] || exit 0

# ---- corpus -------------------------------------------------------------------
if [[ ! -f "$corpus/.complete" ]]; then
  echo "bench: building a ~${target_mb} MB corpus in $corpus"
  rm -rf "$corpus" && mkdir -p "$corpus"
  # Sources that do not overlap, so the corpus holds no copy of itself.
  for src in /usr/bin /usr/lib/python3 /usr/lib/python3.11 /usr/share/doc /usr/lib/x86_64-linux-gnu /usr/share; do
    [[ -d $src ]] || continue
    have=$(du -sm "$corpus" | cut -f1)
    (( have >= target_mb )) && break
    dest="$corpus/$(echo "$src" | tr / _)"
    mkdir -p "$dest"
    # Regular files only, up to the target size.
    prune=(); [[ $src == /usr/share ]] && prune=(-path ./doc -prune -o)
    (cd "$src" && find . "${prune[@]}" -type f -size -60M -printf '%s %p\n' 2>/dev/null) |
      awk -v left=$(( (target_mb - have) * 1000000 )) '{ if (sum + $1 <= left) { sum += $1; sub(/^[0-9]+ /, ""); print } }' |
      (cd "$src" && tar -cf - --no-recursion -T - 2>/dev/null) | (cd "$dest" && tar -xf -)
  done
  touch "$corpus/.complete"
fi
# Files that many rules match, so "a superset of yara's findings" is tested
# on real matches: the rule files themselves hold the strings they look for.
if [[ ! -d "$corpus/signature-base-rules" ]]; then
  cp -r "$sb/yara" "$corpus/signature-base-rules"
fi
files=$(find "$corpus" -type f ! -name .complete | wc -l)
mb=$(du -sm --apparent-size "$corpus" | cut -f1)
echo "bench: corpus $corpus: $files files, $mb MB; $cores cores"
echo "bench: $(yara --version | sed 's/^/yara /'), $("$oberig" version)"


drop_caches() {
  sync
  if [[ -w /proc/sys/vm/drop_caches ]]; then echo 3 >/proc/sys/vm/drop_caches; return 0; fi
  return 1
}

# ---- rescans with the scan state (--state) -------------------------------------
# state_section NAME DIR OPTIONS...: $rounds rounds of a first scan with a
# new state file, a second scan of the unchanged DIR with it, and a scan
# with 100 more hash indicators (the MD5s of 100 files of DIR, so they all
# become findings). Ratios to the first scan are given with the start-up
# (compiling the rules, reading the lists: an empty folder scanned with the
# same options) and without it.
state_section() {
  local name=$1 dir=$2; shift 2
  local opts=(--quiet --no-store --rules "$sb/yara" --format jsonl "$@")
  local more=$tmp/iocs-more empty=$tmp/empty state=$tmp/scan.state
  mkdir -p "$empty"; rm -rf "$more"; cp -r "$sb/iocs" "$more"
  local picked=()
  mapfile -t picked < <(find "$dir" -type f -size +0 | head -n 100)
  md5sum "${picked[@]}" | awk '{ print $1 ";bench: a file of the corpus" }' >>"$more/hash-iocs.txt"
  local starts=() firsts=() seconds=() thirds=() from=""
  local starts_cpu=() firsts_cpu=() seconds_cpu=() thirds_cpu=()
  for round in $(seq "$rounds"); do
    measure "${name}_startup_$round" "$OBERIG_BIN" scan "${opts[@]}" --iocs "$sb/iocs" "$empty"
    rm -f "$state" "$state-wal" "$state-shm"
    measure "${name}_first_$round" "$OBERIG_BIN" scan "${opts[@]}" --iocs "$sb/iocs" --state "$state" "$dir"
    sleep 1 # a file changed in the second before a scan is read again
    measure "${name}_second_$round" "$OBERIG_BIN" scan "${opts[@]}" --iocs "$sb/iocs" --state "$state" "$dir"
    from=$(tail -n 1 "$tmp/${name}_second_$round.out" | jq -r '"\(.files_from_state) of \(.files) files from the state, \(.files_read) read"')
    measure "${name}_more_$round" "$OBERIG_BIN" scan "${opts[@]}" --iocs "$more" --state "$state" "$dir"
    eval 'starts+=("$'"${name}_startup_${round}"'_s") firsts+=("$'"${name}_first_${round}"'_s")'
    eval 'seconds+=("$'"${name}_second_${round}"'_s") thirds+=("$'"${name}_more_${round}"'_s")'
    eval 'starts_cpu+=("$'"${name}_startup_${round}"'_cpu") firsts_cpu+=("$'"${name}_first_${round}"'_cpu")'
    eval 'seconds_cpu+=("$'"${name}_second_${round}"'_cpu") thirds_cpu+=("$'"${name}_more_${round}"'_cpu")'
  done
  local start first second third
  start=$(median "${starts[@]}") first=$(median "${firsts[@]}")
  second=$(median "${seconds[@]}") third=$(median "${thirds[@]}")
  local findings_first findings_more
  findings_first=$(tail -n 1 "$tmp/${name}_first_1.out" | jq .findings)
  findings_more=$(tail -n 1 "$tmp/${name}_more_1.out" | jq .findings)
  # The rescan must say what the first scan said (timing fields aside).
  local same=no
  cmp -s <(jq -cS 'select(.type != "summary" and .type != "start")' "$tmp/${name}_first_1.out" | sort) \
    <(jq -cS 'select(.type != "summary" and .type != "start")' "$tmp/${name}_second_1.out" | sort) && same=yes
  echo "state $name ($*): start-up $start s, first $first s, unchanged $second s ($from), +100 hash indicators $third s (findings $findings_first -> $findings_more)"
  echo "  the unchanged rescan's findings and notices are the first scan's: $same"
  echo "  unchanged / first:           $(state_ratio "$second" "$first") with start-up, $(state_ratio "$(awk -v a="$second" -v b="$start" 'BEGIN { print a - b }')" "$(awk -v a="$first" -v b="$start" 'BEGIN { print a - b }')") without   (target <= 0.05; medians)"
  echo "  +100 hash indicators / first: $(state_ratio "$third" "$first") with start-up, $(state_ratio "$(awk -v a="$third" -v b="$start" 'BEGIN { print a - b }')" "$(awk -v a="$first" -v b="$start" 'BEGIN { print a - b }')") without   (target <= 0.10; medians)"
  # On a busy machine wall time waits for other work; CPU time does not.
  local cs cf c2 c3
  cs=$(median "${starts_cpu[@]}") cf=$(median "${firsts_cpu[@]}")
  c2=$(median "${seconds_cpu[@]}") c3=$(median "${thirds_cpu[@]}")
  echo "  CPU seconds (user + system): start-up $cs, first $cf, unchanged $c2, +100 hash indicators $c3"
  echo "  CPU unchanged / first:        $(state_ratio "$c2" "$cf") with start-up, $(state_ratio "$(awk -v a="$c2" -v b="$cs" 'BEGIN { print a - b }')" "$(awk -v a="$cf" -v b="$cs" 'BEGIN { print a - b }')") without"
  echo "  CPU +100 hash indicators / first: $(state_ratio "$c3" "$cf") with start-up, $(state_ratio "$(awk -v a="$c3" -v b="$cs" 'BEGIN { print a - b }')" "$(awk -v a="$cf" -v b="$cs" 'BEGIN { print a - b }')") without"
}
state_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }'; }
OBERIG_BIN=$oberig
state_sections() {
  echo "== rescans with --state"
  local set
  for set in ${STATE_SETS:-web web_archives corpus corpus_archives}; do
    case $set in
    web) [[ -d $web ]] && state_section web "$web" --no-archives ;;
    web_archives) [[ -d $web ]] && state_section web_archives "$web" ;;
    corpus) state_section corpus "$corpus" --no-archives ;;
    corpus_archives) state_section corpus_archives "$corpus" ;;
    *) echo "bench: unknown STATE_SETS entry '$set'" ;;
    esac
  done
}
if [[ " $parts " != *" corpus "* ]]; then
  state_sections
  exit 0
fi

read_all() { find "$corpus" -type f -print0 | xargs -0 -n 256 -P "$cores" cat >/dev/null; }
export -f read_all; export corpus cores

echo
echo "== warm cache (files in memory: pure CPU cost)"
read_all  # warm
# yara opens no archives; "same" runs give oberig the same files to read
# (--no-archives), "default" runs show the cost of looking inside archives.
measure read_files bash -c read_all
measure oberig_no_yara "$oberig" scan --quiet --no-store --no-yara --no-archives --iocs "$sb/iocs" --format jsonl "$corpus"
measure oberig_no_yara_default "$oberig" scan --quiet --no-store --no-yara --iocs "$sb/iocs" --format jsonl "$corpus"
# The head-to-head runs alternate, $rounds rounds, and the medians are
# compared: on a shared machine one run can be 10% off either way.
yara_times=() oberig_times=() yara_rss_all=() oberig_rss_all=()
for round in $(seq "$rounds"); do
  measure "yara_r_$round" yara -C -r -N -w -p "$cores" -z 67108864 "${defines[@]}" "$tmp/rules.yarc" "$corpus"
  measure "oberig_full_$round" "$oberig" scan --quiet --no-store --no-archives --rules "$sb/yara" --iocs "$sb/iocs" --notice 1 --format jsonl "$corpus"
  eval 'yara_times+=("$yara_r_'"$round"'_s") oberig_times+=("$oberig_full_'"$round"'_s")'
  eval 'yara_rss_all+=("$yara_r_'"$round"'_rss") oberig_rss_all+=("$oberig_full_'"$round"'_rss")'
done
yara_r_s=$(median "${yara_times[@]}") oberig_full_s=$(median "${oberig_times[@]}")
yara_r_rss=$(printf '%s\n' "${yara_rss_all[@]}" | sort -g | tail -n 1)
oberig_full_rss=$(printf '%s\n' "${oberig_rss_all[@]}" | sort -g | tail -n 1)
cp "$tmp/yara_r_1.out" "$tmp/yara_r.out"; cp "$tmp/oberig_full_1.out" "$tmp/oberig_full.out"
measure oberig_default "$oberig" scan --quiet --no-store --rules "$sb/yara" --iocs "$sb/iocs" --format jsonl "$corpus"
# Scaling: one worker thread against one per core, same files (medians:
# one run of each varies by a fifth on a shared machine).
rounds_of oberig_threads_1 "$oberig" scan --quiet --no-store --no-archives --threads 1 --rules "$sb/yara" --iocs "$sb/iocs" --notice 1 --format jsonl "$corpus"

echo
echo "== cold cache (as on a freshly mounted disk)"
if drop_caches; then
  measure read_files_cold bash -c read_all
  drop_caches
  measure oberig_no_yara_cold "$oberig" scan --quiet --no-store --no-yara --no-archives --iocs "$sb/iocs" --format jsonl "$corpus"
else
  echo "bench: cannot drop the page cache here (needs root); cold run skipped"
  read_files_cold_s=0 oberig_no_yara_cold_s=0
fi

# ---- findings: is oberig's set a superset of yara's? ----------------------------
# yara prints "RULE PATH"; oberig's yara reasons give (rule, path) for files on disk.
awk '{ rule = $1; sub(/^[^ ]+ /, ""); print rule "\t" $0 }' "$tmp/yara_r.out" | sort -u >"$tmp/yara.pairs"
if command -v jq >/dev/null; then
  jq -r 'select(.type == "finding" and .member == null) | .path as $p | .reasons[] | select(.signal == "yara") | .name + "\t" + $p' \
    "$tmp/oberig_full.out" | sort -u >"$tmp/oberig.pairs"
  missing=$(comm -23 "$tmp/yara.pairs" "$tmp/oberig.pairs" | wc -l)
  extra=$(comm -13 "$tmp/yara.pairs" "$tmp/oberig.pairs" | wc -l)
  { comm -23 "$tmp/yara.pairs" "$tmp/oberig.pairs" | head -5 | sed 's/^/bench: missing: /'; } || true
else
  missing="?" extra="?"
fi
members=$(grep -c '"type":"finding","path":"[^"]*","member"' "$tmp/oberig_default.out" || true)

echo
echo "== results"
echo "yara -C -r -p $cores:            ${yara_r_s} s (median of ${yara_times[*]}), peak RSS $((yara_r_rss / 1024)) MiB, $(wc -l <"$tmp/yara.pairs") rule matches"
echo "oberig scan --no-archives (rules+IOCs, same files as yara): ${oberig_full_s} s (median of ${oberig_times[*]}), peak RSS $((oberig_full_rss / 1024)) MiB, $(wc -l <"$tmp/oberig.pairs" 2>/dev/null || echo ?) rule matches"
echo "oberig scan, defaults (also inside archives): ${oberig_default_s} s, peak RSS $((oberig_default_rss / 1024)) MiB, $members findings in archive members"
echo "  archives opened: $(tail -1 "$tmp/oberig_default.out" | sed 's/.*"members":\([0-9]*\),"member_bytes":\([0-9]*\).*/\1 members, \2 bytes expanded/')"
echo "wall-time ratio oberig/yara:          $(ratio "$oberig_full_s" "$yara_r_s")   (target <= 0.90; medians)"
echo "peak RSS oberig - yara:               $(( (oberig_full_rss - yara_r_rss) / 1024 )) MiB   (target <= 100)"
echo "yara matches missing from oberig:     $missing   (target 0); oberig matches yara lacks: $extra"
echo "--no-yara throughput / plain reading: warm $(ratio "$read_files_s" "$oberig_no_yara_s"), cold $(ratio "$read_files_cold_s" "$oberig_no_yara_cold_s")   (target >= 0.60)"
echo "--no-yara with archives opened: ${oberig_no_yara_default_s} s warm"
echo "--threads 1 / --threads $cores speed-up:   $(ratio "$oberig_threads_1_s" "$oberig_full_s")   (target >= 1.80; medians; --threads 1: $oberig_threads_1_all)"
if [[ " $parts " == *" state "* ]]; then
  echo
  state_sections
fi
