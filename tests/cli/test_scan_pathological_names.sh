#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# File-name patterns from a hostile list (issue 17, failure 5): a pattern
# such as "(.*a){20}$" made a backtracking engine take 237 s on 30 files
# under a 3.8 KB-deep path and 40 s on one zip member with an 8 KB path.
# Here the same patterns, from --iocs and from the store, give the right
# findings over the same shapes of input (the automaton never goes back
# over a path: test_path_nfa counts its steps), a pattern too complex to
# match in linear time or that would match every path is refused with its
# line, and nothing counts as an error.
source "$(dirname "$0")/lib.sh"
for tool in jq python3; do
  command -v $tool >/dev/null || { echo "skip: $tool is not installed"; exit 77; }
done
mkdir -p "$WORK/sb/iocs"
cat > "$WORK/sb/iocs/filename-iocs.txt" <<'LIST'
# Twenty a's, each after anything, at the end
(.*a){20}$;80
# Nested repeats before a name
(a+)+\.evil$;70
# Too many states once written out
x{1,99999};50
# Matches every path
();50
# The planted one
\\deep\\planted\.exe$;90
LIST
# 19 folders of 200 a's: a 3.8 KB-deep path.
deep="$WORK/tree"
for i in $(seq 19); do deep="$deep/$(printf 'a%.0s' $(seq 200))"; done
mkdir -p "$deep/deep"
for i in $(seq 30); do : > "$deep/f$i"; done   # do not end in 'a': no match
: > "$deep/xa"                                 # ends in 'a' after 3,800 of them
: > "$deep/deep/planted.exe"
: > "$deep/aaaa.evil"
python3 - "$WORK/tree/names.zip" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("a/" * 4000 + "b", b"")           # an 8 KB member name, no match
    z.writestr("a/" * 4000 + "deep/planted.exe", b"")
PY
check_findings() { # WHAT
  expect_status 1 "$1: findings"
  jq_expect "$WORK/out" "[.[] | select(.type == \"finding\" and (.path | endswith(\"/xa\")))][0].reasons | map(.name) | index(\"(.*a){20}\$\") != null"
  jq_expect "$WORK/out" "[.[] | select(.type == \"finding\" and (.path | endswith(\"/planted.exe\")))] | length == 1"
  jq_expect "$WORK/out" "[.[] | select(.type == \"finding\" and (.path | endswith(\"/aaaa.evil\")))][0].reasons | map(.name) | index(\"(a+)+\\\\.evil\$\") != null"
  jq_expect "$WORK/out" "[.[] | select(.type == \"finding\" and (.path | test(\"/f[0-9]+\$\")))] == []"
  jq_expect "$WORK/out" "[.[] | select(.type == \"finding\" and .member != null)] | map(.member | endswith(\"deep/planted.exe\")) == [true]"
  jq_expect "$WORK/out" "[.[] | select(.type == \"summary\")][0] | .errors == 0 and .incomplete == false and .files == 34"
}
run_oberig "$WORK/out" "$WORK/err" scan --no-store --no-yara --iocs "$WORK/sb/iocs" --format jsonl "$WORK/tree"
check_findings "--iocs"
expect_contains "$WORK/err" "filename-iocs.txt:6: file-name regex skipped: too complex to match in time proportional to the path's length"
expect_contains "$WORK/err" "filename-iocs.txt:8: file-name regex skipped: matches an empty name, so it would match every path"

# The same patterns kept in the store.
export OBERIG_DB="$WORK/store.db"
run_oberig "$WORK/out" "$WORK/err" ioc import "$WORK/sb"
expect_status 0 "importing the list"
run_oberig "$WORK/out" "$WORK/err" scan --no-yara --format jsonl "$WORK/tree"
check_findings "the store"

# In Ukrainian, the refusal says why.
LANG=uk_UA.UTF-8 LANGUAGE=uk run_oberig "$WORK/out" "$WORK/err" scan --no-store --no-yara --iocs "$WORK/sb/iocs" --format jsonl "$WORK/tree"
expect_contains "$WORK/err" "надто складний, щоб перевірити його за час, пропорційний довжині шляху"
finish
