#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Benchmark: start-up of oberig scan with all of signature-base's rules
# (yara/) and IOCs (iocs/) and a store of 10,000 indicators, scanning an
# empty folder: cold (--no-cache, and the first run into an empty cache)
# and warm (from the compiled-rules cache); then the same with the rules
# kept in the store by `oberig ioc import signature-base/`, and whether a
# scan with the kept rules finds what --rules/--iocs find. Prints medians
# of wall and CPU seconds; it is not a test and asserts nothing.
#
# usage: bench/bench_start.sh
# env:   OBERIG=path/to/oberig  SB=path/to/signature-base  RUNS=5
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
oberig=${OBERIG:-$root/build/oberig}
sb=${SB:-$root/../shared/data/signature-base}
runs=${RUNS:-5}
[[ -x "$oberig" ]] || { echo "bench: build oberig first (scripts/build.sh)"; exit 2; }
[[ -d "$sb/yara" && -d "$sb/iocs" ]] || { echo "bench: skipped, signature-base not found at $sb"; exit 0; }
command -v /usr/bin/time >/dev/null || { echo "bench: /usr/bin/time is missing (apt-get install time)"; exit 2; }
command -v jq >/dev/null || { echo "bench: jq is missing"; exit 2; }
tmp=$(mktemp -d /tmp/oberig-bench-start-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/empty"
export XDG_CACHE_HOME="$tmp/cache"
unset XDG_DATA_HOME

# A store of 10,000 file indicators of every kind the scan uses.
python3 - "$tmp/store.csv" <<'EOF'
import hashlib, sys
with open(sys.argv[1], "w") as out:
    out.write("type,value,description,campaign\n")
    for i in range(10000):
        h = hashlib.sha256(str(i).encode()).hexdigest()
        k = i % 10
        if k < 6:   out.write(f"sha256,{h},bench {i},bench\n")
        elif k < 7: out.write(f"md5,{h[:32]},bench {i},bench\n")
        elif k < 8: out.write(f"file-name,evil{i}.exe,bench {i},bench\n")
        elif k < 9: out.write(f"file-path,C:\\Users\\Public\\x{i}\\run{i}.dll,bench {i},bench\n")
        else:       out.write(f"file-path-regex,\\\\Temp\\\\[a-z]{{4}}{i}\\.(exe|scr)$,bench {i},bench\n")
EOF
"$oberig" ioc import --db "$tmp/store.db" "$tmp/store.csv" >/dev/null
echo "bench: $("$oberig" version); store: $("$oberig" ioc stats --db "$tmp/store.db" --format jsonl | jq .indicators) indicators; $(nproc) cores"

# measure COMMAND... : one run; prints "wall cpu" in seconds.
measure() {
  /usr/bin/time -f '%e %U %S' -o "$tmp/time" "$@" >/dev/null 2>&1 || true
  awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$tmp/time"
}
# median of the arguments
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# report LABEL COMMAND... : RUNS runs, medians of wall and CPU seconds.
report() {
  local label=$1; shift
  local walls=() cpus=() line
  for _ in $(seq "$runs"); do
    line=$(measure "$@")
    walls+=("${line% *}")
    cpus+=("${line#* }")
  done
  printf 'bench: %-44s wall %6.3f s  cpu %6.3f s  (median of %d)\n' "$label" \
    "$(median "${walls[@]}")" "$(median "${cpus[@]}")" "$runs"
  last_wall=$(median "${walls[@]}")
}

scan=("$oberig" scan --quiet --db "$tmp/store.db" --rules "$sb/yara" --iocs "$sb/iocs" "$tmp/empty")
report "nothing loaded (--no-store, empty folder)" "$oberig" scan --quiet --no-store "$tmp/empty"
report "cold: --no-cache" "${scan[@]}" --no-cache
cold=$last_wall
# The first run into an empty cache compiles and writes it.
firsts=()
for _ in $(seq "$runs"); do
  rm -rf "$XDG_CACHE_HOME"
  line=$(measure "${scan[@]}")
  firsts+=("${line% *}")
done
printf 'bench: %-44s wall %6.3f s  (median of %d)\n' "cold: first run, writing the cache" "$(median "${firsts[@]}")" "$runs"
"${scan[@]}" >/dev/null 2>&1
report "warm: from the cache" "${scan[@]}"
warm=$last_wall
printf 'bench: warm start-up %.3f s (target <= 0.200 s), %.2fx the cold one\n' "$warm" \
  "$(awk -v w="$warm" -v c="$cold" 'BEGIN { print (c > 0 ? w / c : 0) }')"

# ---- rules kept in the store ------------------------------------------------------
cp "$tmp/store.db" "$tmp/kept.db"
start=$(date +%s.%N)
"$oberig" ioc import --db "$tmp/kept.db" "$sb/" >/dev/null 2>"$tmp/import.err" || true
end=$(date +%s.%N)
printf 'bench: ioc import %s (rules compiled, kept, then compiled into the cache): %.3f s\n' "$sb/" \
  "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')"
report "warm: kept rules and indicators, no --rules" "$oberig" scan --quiet --db "$tmp/kept.db" "$tmp/empty"

# Same findings: the kept rules and lists against --rules/--iocs, on the
# rule files themselves (they hold the strings they look for).
findings() {
  jq -c 'select(.type == "finding") | {path, score, level,
    reasons: ([.reasons[] | [.signal, .name, .score]] | sort)}' "$1" | sort
}
cp -r "$sb/yara" "$tmp/corpus"
"$oberig" scan --quiet --format jsonl --db "$tmp/kept.db" "$tmp/corpus" > "$tmp/kept.jsonl" 2>/dev/null || true
"$oberig" scan --quiet --format jsonl --db "$tmp/store.db" --rules "$sb/yara" --iocs "$sb/iocs" "$tmp/corpus" \
  > "$tmp/given.jsonl" 2>/dev/null || true
findings "$tmp/kept.jsonl" > "$tmp/kept.txt"
findings "$tmp/given.jsonl" > "$tmp/given.txt"
if cmp -s "$tmp/kept.txt" "$tmp/given.txt"; then
  echo "bench: kept rules find the same as --rules/--iocs: $(wc -l < "$tmp/kept.txt") findings, identical"
else
  echo "bench: kept rules and --rules/--iocs DIFFER: $(diff "$tmp/kept.txt" "$tmp/given.txt" | grep -c '^[<>]') lines"
fi
