#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A scan that could read nothing does not say it found nothing (issue 17,
# failure 2): exit status 2, "nothing could be read" in the summary and the
# advice, nothing_read in JSON. A scan that missed a part says the result
# is incomplete and how much was missed, and its status follows the
# findings. Mail behaves the same way for unreadable inputs.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }
mkdir -p "$WORK/tree"
echo "an ordinary note" > "$WORK/tree/note.txt"

run_oberig "$WORK/out" "$WORK/err" scan --no-store "$WORK/does-not-exist"
expect_status 2 "nothing could be read"
expect_contains "$WORK/err" "nothing could be read, so nothing was checked"
expect_contains "$WORK/out" "The result is empty: nothing could be read."
expect_contains "$WORK/out" "What now: nothing could be read, so nothing was checked."
expect_not_contains "$WORK/out" "nothing known was found"
run_oberig "$WORK/out" "$WORK/err" scan --no-store --format jsonl "$WORK/does-not-exist"
expect_status 2 "nothing could be read, JSON lines"
jq_expect "$WORK/out" '[.[] | select(.type == "summary")][0] | .nothing_read == true and .incomplete == true and .errors == 1'

# One path read, one not: incomplete, and the status follows the findings.
run_oberig "$WORK/out" "$WORK/err" scan --no-store "$WORK/tree" "$WORK/does-not-exist"
expect_status 0 "part read, nothing found"
expect_contains "$WORK/out" "The result is incomplete: 1 file or archive member could not be read or fully scanned"
expect_contains "$WORK/out" "What now: nothing known was found in what could be read, but not everything"
expect_not_contains "$WORK/out" "nothing known was found in what was scanned"
run_oberig "$WORK/out" "$WORK/err" scan --no-store --format jsonl "$WORK/tree" "$WORK/does-not-exist"
jq_expect "$WORK/out" '[.[] | select(.type == "summary")][0] | .nothing_read == false and .incomplete == true and .files == 1'

# Everything read: complete, as before.
run_oberig "$WORK/out" "$WORK/err" scan --no-store --format jsonl "$WORK/tree"
expect_status 0 "all read"
jq_expect "$WORK/out" '[.[] | select(.type == "summary")][0] | .nothing_read == false and .incomplete == false'
run_oberig "$WORK/out" "$WORK/err" scan --no-store "$WORK/tree"
expect_not_contains "$WORK/out" "The result is"

# An unreadable file inside a tree (not as root, who reads everything).
if [[ $(id -u) -ne 0 ]]; then
  mkdir -p "$WORK/locked"
  echo "secret" > "$WORK/locked/only.txt"
  chmod 000 "$WORK/locked/only.txt"
  run_oberig "$WORK/out" "$WORK/err" scan --no-store "$WORK/locked"
  chmod 600 "$WORK/locked/only.txt"
  expect_status 2 "a tree whose only file is unreadable"
  expect_contains "$WORK/out" "The result is empty"
else
  echo "note: running as root, the unreadable-file case is left out (root reads every file)"
fi

# In Ukrainian.
run_oberig "$WORK/out" "$WORK/err" --lang uk scan --no-store "$WORK/tree" "$WORK/does-not-exist"
expect_contains "$WORK/out" "Результат неповний"
expect_not_contains "$WORK/out" "The result is incomplete"

# Mail: only unreadable inputs is an error too.
run_oberig "$WORK/out" "$WORK/err" mail --no-store "$WORK/does-not-exist.eml"
expect_status 2 "mail with only unreadable inputs"
finish
