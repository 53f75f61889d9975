#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Ctrl-C in the middle of a scan (issue 17): the workers finish the file in
# hand, the summary of what was scanned so far is still written (human and
# JSON lines), the message says the result is incomplete, and the exit
# status is 2.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }
# Enough files, each slow to match, that the scan is still running when the
# signal comes: a rule whose regular expression is tried at every byte.
tree="$WORK/tree"
mkdir -p "$tree"
# Each file differs (its number at the end), so no result is reused.
head -c 200000 /dev/zero | tr '\0' 'a' > "$WORK/base.txt"
for i in $(seq 1 200); do
  cp "$WORK/base.txt" "$tree/file-$i.txt" && echo "$i" >> "$tree/file-$i.txt"
done
echo 'rule slow_everywhere { strings: $r = /a[^b]{0,40}b/ condition: $r }' > "$WORK/slow.yar"

interrupt() { # OUT ERR args...: starts oberig, waits for its first file, sends SIGINT
  local out=$1 err=$2; shift 2
  "$OBERIG" "$@" > "$out" 2> "$err" &
  local pid=$! waited=0
  # The rules are loaded (said on stderr) before the first file; then give
  # it a moment to be in the middle of the tree.
  while [[ ! -s $err ]] && (( waited < 300 )); do sleep 0.1; waited=$((waited + 1)); done
  sleep 0.5
  kill -INT "$pid" 2>/dev/null || true
  set +e; wait "$pid"; status=$?; set -e
}

interrupt "$WORK/out" "$WORK/err" scan --no-store --threads 1 --no-cache --rules "$WORK/slow.yar" \
  --format jsonl "$tree"
[[ $status -eq 2 ]] || { cat "$WORK/err" >&2; fail "exit status $status after SIGINT, expected 2"; }
pass
expect_contains "$WORK/err" "interrupted; the results above are incomplete"
jq_expect "$WORK/out" '[.[] | select(.type == "summary")] | length == 1'
# Part of the tree, not all of it, was scanned: the scan really was cut.
jq_expect "$WORK/out" '[.[] | select(.type == "summary")][0] | .files < 200'

interrupt "$WORK/out" "$WORK/err" scan --no-store --threads 1 --no-cache --rules "$WORK/slow.yar" "$tree"
[[ $status -eq 2 ]] || fail "exit status $status after SIGINT (human output), expected 2"
pass
expect_contains "$WORK/out" "summary"
expect_contains "$WORK/out" "scanned"
finish
