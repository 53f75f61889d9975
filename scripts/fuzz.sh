#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The standing fuzzing campaign: builds every libFuzzer target (clang,
# -fsanitize=fuzzer,address,undefined) in build-fuzz/, runs each for a
# given time from a copy of its seed corpus, merges the inputs that found
# new coverage back into fuzz/corpus/<target> (libFuzzer's -merge=1 keeps
# only those), keeps any crashing input in fuzz/crashes/<target>/, and
# prints one line per target: executions, executions per second, edges
# covered, features, corpus size before and after, crashes. Those lines are
# what docs/security.md records.
#
# usage: scripts/fuzz.sh [-t SECONDS] [-j PARALLEL] [TARGET...]
#        (default: 600 seconds each, one target at a time, every target)
# env:   FUZZ_BUILD=build-fuzz  FUZZ_NICE=10
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=600
parallel=1
while getopts "t:j:h" opt; do
  case $opt in
    t) seconds=$OPTARG ;;
    j) parallel=$OPTARG ;;
    h) sed -n '3,14p' "$0"; exit 0 ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[[ $seconds =~ ^[0-9]+$ && $seconds -gt 0 ]] || { echo "fuzz: -t takes seconds (> 0)" >&2; exit 2; }
[[ $parallel =~ ^[0-9]+$ && $parallel -gt 0 ]] || { echo "fuzz: -j takes a count (> 0)" >&2; exit 2; }
command -v clang >/dev/null || { echo "fuzz: clang is needed (apt-get install clang)" >&2; exit 2; }
build=${FUZZ_BUILD:-$root/build-fuzz}
nice_level=${FUZZ_NICE:-10}

echo "== libFuzzer build in $build" >&2
CC=clang cmake -S "$root" -B "$build" -DOB_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null

if [[ $# -eq 0 ]]; then
  mapfile -t targets < <(find "$build/fuzz" -maxdepth 1 -type f -executable -name 'fuzz_*' \
    -printf '%f\n' | sort)
else
  targets=("$@")
fi

work=$(mktemp -d /tmp/oberig-fuzz-XXXXXX)
trap 'rm -rf "$work"' EXIT

run_one() { # TARGET: prints its result line
  local target=$1 binary="$build/fuzz/$1" seeds="$root/fuzz/corpus/$1"
  [[ -x $binary ]] || { echo "fuzz: no target $target in $build/fuzz" >&2; return 1; }
  mkdir -p "$seeds" "$work/$target/corpus" "$work/$target/crashes"
  cp -r "$seeds/." "$work/$target/corpus/" 2>/dev/null || true
  local before after
  before=$(find "$seeds" -type f | wc -l)
  # rss_limit and malloc_limit keep a memory-hungry input from taking the
  # machine; a slow input (-timeout) is reported like a crash.
  (cd "$work/$target/crashes" &&
    nice -n "$nice_level" "$binary" -max_total_time="$seconds" -print_final_stats=1 \
      -rss_limit_mb=2048 -malloc_limit_mb=1024 -timeout=25 \
      "$work/$target/corpus" >"$work/$target/log" 2>&1) || true
  # Only the inputs that add coverage go back into the seed corpus.
  nice -n "$nice_level" "$binary" -merge=1 "$seeds" "$work/$target/corpus" \
    >"$work/$target/merge.log" 2>&1 || true
  after=$(find "$seeds" -type f | wc -l)
  local crashes=0
  if compgen -G "$work/$target/crashes/*-*" >/dev/null; then
    mkdir -p "$root/fuzz/crashes/$target"
    cp "$work/$target/crashes/"*-* "$root/fuzz/crashes/$target/"
    crashes=$(find "$work/$target/crashes" -type f -name '*-*' | wc -l)
  fi
  local execs rate cov ft
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$target/log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/$target/log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$work/$target/log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$work/$target/log" | tail -1 | cut -d' ' -f2)
  printf '%s\t%ss\texecs %s\t%s/s\tcov %s\tft %s\tcorpus %s -> %s\tcrashes %s\n' "$target" \
    "$seconds" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$before" "$after" "$crashes"
  if [[ $crashes -gt 0 ]]; then
    echo "fuzz: $target: $crashes crashing input(s) kept in fuzz/crashes/$target; log:" >&2
    grep -m5 -E 'ERROR|SUMMARY|==[0-9]+==' "$work/$target/log" >&2 || true
  fi
}

echo "== ${#targets[@]} targets, ${seconds}s each, $parallel at a time" >&2
running=0
for target in "${targets[@]}"; do
  run_one "$target" &
  running=$((running + 1))
  if [[ $running -ge $parallel ]]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait
