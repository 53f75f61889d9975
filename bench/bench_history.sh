#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Benchmark: what reading a browser history costs a scan. A Chromium
# History made here (URLS addresses, 3 visits each) is scanned with a C2
# list of 1,001 hosts (one of them visited) and without indicators (the
# history is then not opened). Prints the median of 5 runs of each and the
# difference; asserts nothing.
#
# usage: bench/bench_history.sh
# env:   OBERIG=path/to/oberig  URLS=100000
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
oberig=${OBERIG:-$root/build/oberig}
urls=${URLS:-100000}
[[ -x "$oberig" ]] || { echo "bench: build oberig first (scripts/build.sh)"; exit 2; }
command -v python3 >/dev/null || { echo "bench: needs python3"; exit 2; }
tmp=$(mktemp -d /tmp/oberig-bench-history-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
profile=$tmp/home/.config/google-chrome/Default
mkdir -p "$profile" "$tmp/iocs"
python3 - "$profile/History" "$urls" <<'PY'
import sqlite3, sys
path, count = sys.argv[1], int(sys.argv[2])
db = sqlite3.connect(path)
db.executescript("""
CREATE TABLE urls(id INTEGER PRIMARY KEY AUTOINCREMENT, url LONGVARCHAR, title LONGVARCHAR,
  visit_count INTEGER DEFAULT 0 NOT NULL, typed_count INTEGER DEFAULT 0 NOT NULL,
  last_visit_time INTEGER NOT NULL, hidden INTEGER DEFAULT 0 NOT NULL);
CREATE TABLE visits(id INTEGER PRIMARY KEY, url INTEGER NOT NULL, visit_time INTEGER NOT NULL,
  from_visit INTEGER, transition INTEGER DEFAULT 0 NOT NULL, segment_id INTEGER,
  visit_duration INTEGER DEFAULT 0 NOT NULL);
CREATE INDEX visits_url_index ON visits (url);
""")
db.executemany("INSERT INTO urls VALUES(?, ?, ?, 3, 0, 0, 0)",
               ((i, f"https://site{i % 5000}.example{i % 7}.org/page/{i}?q={i * 7}", f"Title {i}")
                for i in range(1, count + 1)))
db.executemany("INSERT INTO visits VALUES(NULL, ?, ?, 0, 0, 0, 0)",
               ((1 + i % count, 13390000000000000 + i * 1000000) for i in range(3 * count)))
db.commit()
PY
{ echo site42.example0.org; for i in $(seq 1 1000); do echo "c2-$i.bad.example"; done; } \
  >"$tmp/iocs/c2-iocs.txt"

median() {
  local times=()
  for _ in 1 2 3 4 5; do
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 3p
}
size=$(stat -c %s "$profile/History")
with=$(median "$oberig" scan -q --no-store -i "$tmp/iocs" -f jsonl "$tmp/home")
without=$(median "$oberig" scan -q --no-store -f jsonl "$tmp/home")
echo "History: $urls addresses, $((3 * urls)) visits, $size bytes"
echo "scan with a C2 list (history read):   $with s"
echo "scan without indicators (not read):   $without s"
awk -v a="$with" -v b="$without" 'BEGIN { printf "reading the history: %.3f s\n", a - b }'
