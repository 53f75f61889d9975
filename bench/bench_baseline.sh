#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Benchmark: `oberig baseline create` against `sha256sum` run in parallel
# over the same files (target: at least 80% of its throughput), and
# `baseline verify` without --full on the unchanged tree (target: at most
# 5% of the time create took), on web-samples, on a made-up tree of 50,000
# small files and on /usr/share (TREE=, about 57,000 files here). Prints
# times and ratios; asserts nothing. The files are read once first, so
# both sides read from the page cache; as root, one more pair of runs
# starts with the page cache dropped, as a disk handed in would.
#
# usage: bench/bench_baseline.sh
# env:   OBERIG=path/to/oberig  SAMPLES=path/to/web-samples  FILES=50000
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
oberig=${OBERIG:-$root/build/oberig}
samples=${SAMPLES:-$root/../shared/data/web-samples}
files=${FILES:-50000}
[[ -x "$oberig" ]] || { echo "bench: build oberig first (scripts/build.sh)"; exit 2; }
tmp=$(mktemp -d /tmp/oberig-bench-baseline-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
runs=5
jobs=$(nproc)

seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f\n", b - a }'
}
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
parallel_sha256sum() { find "$1" -type f -print0 | xargs -0 -P"$jobs" sha256sum; }

bench_tree() {
  local tree=$1 t_sum=() t_create=() t_verify=()
  find "$tree" -type f -print0 | xargs -0 cat >/dev/null
  for _ in $(seq $runs); do
    t_sum+=("$(seconds parallel_sha256sum "$tree")")
    t_create+=("$(seconds "$oberig" baseline create --db "$tmp/b.db" "$tree")")
    t_verify+=("$(seconds "$oberig" baseline verify --db "$tmp/b.db")")
  done
  local sum create verify count
  sum=$(median "${t_sum[@]}")
  create=$(median "${t_create[@]}")
  verify=$(median "${t_verify[@]}")
  count=$(find "$tree" -type f | wc -l)
  printf 'bench: %s (%d files, %s)\n' "$tree" "$count" "$(du -sh "$tree" | cut -f1)"
  printf 'bench:   find | xargs -0 -P%d sha256sum  median %.3f s\n' "$jobs" "$sum"
  printf 'bench:   baseline create                median %.3f s   throughput ratio %.2f (target >= 0.80)\n' \
    "$create" "$(awk -v a="$sum" -v b="$create" 'BEGIN { print a / b }')"
  printf 'bench:   baseline verify (no --full)    median %.3f s   %.1f%% of create (target <= 5%%)\n' \
    "$verify" "$(awk -v a="$verify" -v b="$create" 'BEGIN { print 100 * a / b }')"
  local walk
  walk=$(median "$(seconds find "$tree" -type f -printf '%s %T@ %C@ %i\n')" \
    "$(seconds find "$tree" -type f -printf '%s %T@ %C@ %i\n')" \
    "$(seconds find "$tree" -type f -printf '%s %T@ %C@ %i\n')")
  printf 'bench:   find -printf size, times, inode median %.3f s   %.1f%% of create (the least any verify\n' \
    "$walk" "$(awk -v a="$walk" -v b="$create" 'BEGIN { print 100 * a / b }')"
  printf 'bench:                                  that looks at every file can cost)\n'
  # A disk as a helpline receives it: nothing in the page cache. Needs root.
  if [[ -w /proc/sys/vm/drop_caches ]]; then
    local cold_create cold_verify
    sync
    echo 3 >/proc/sys/vm/drop_caches
    cold_create=$(seconds "$oberig" baseline create --db "$tmp/b.db" "$tree")
    echo 3 >/proc/sys/vm/drop_caches
    cold_verify=$(seconds "$oberig" baseline verify --db "$tmp/b.db")
    printf 'bench:   cold cache: create %.3f s, verify %.3f s   %.1f%% of create\n' \
      "$cold_create" "$cold_verify" "$(awk -v a="$cold_verify" -v b="$cold_create" 'BEGIN { print 100 * a / b }')"
  else
    echo "bench:   cold cache: skipped (dropping the page cache needs root)"
  fi
}

if [[ -d "$samples" ]]; then
  bench_tree "$(cd "$samples" && pwd)"
else
  echo "bench: web-samples not found at $samples; skipped"
fi
mkdir -p "$tmp/tree"
python3 - "$tmp/tree" "$files" <<'PY'
import os, sys
root, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    folder = os.path.join(root, "d%03d" % (i // 500))
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "f%05d.txt" % i), "w") as f:
        f.write(("line %d of a small file\n" % i) * (20 + i % 200))
PY
bench_tree "$tmp/tree"
usr=${TREE:-/usr/share}
if [[ -d "$usr" ]]; then bench_tree "$usr"; fi
