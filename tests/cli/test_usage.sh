#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Usage, help and exit statuses of the command line.
source "$(dirname "$0")/lib.sh"

run_oberig "$WORK/out" "$WORK/err"
expect_status 2 "no command"
expect_contains "$WORK/err" "usage: oberig [--lang LANG] <command>"

run_oberig "$WORK/out" "$WORK/err" --help
expect_status 0 "--help"
expect_contains "$WORK/out" "scan"

run_oberig "$WORK/out" "$WORK/err" scan --help
expect_status 0 "scan --help"
expect_contains "$WORK/out" "--max-size SIZE"
expect_contains "$WORK/out" "exit status"

run_oberig "$WORK/out2" "$WORK/err" help scan
expect_status 0 "help scan"
cmp -s "$WORK/out" "$WORK/out2" || fail "help scan differs from scan --help"

run_oberig "$WORK/out" "$WORK/err" version
expect_status 0 "version"
expect_contains "$WORK/out" "oberig 0."

run_oberig "$WORK/out" "$WORK/err" frobnicate
expect_status 2 "unknown command"
expect_contains "$WORK/err" "unknown command 'frobnicate'"

run_oberig "$WORK/out" "$WORK/err" scan --bogus "$WORK"
expect_status 2 "unknown option"
expect_contains "$WORK/err" "unknown option '--bogus'"

run_oberig "$WORK/out" "$WORK/err" scan --max-size lots "$WORK"
expect_status 2 "bad size"
expect_contains "$WORK/err" "is not a size"

run_oberig "$WORK/out" "$WORK/err" scan --format xml "$WORK"
expect_status 2 "bad format"

run_oberig "$WORK/out" "$WORK/err" scan
expect_status 2 "nothing to scan"
expect_contains "$WORK/err" "at least one file or folder"

run_oberig "$WORK/out" "$WORK/err" scan --rules "$WORK/missing.yar" "$WORK"
expect_status 2 "missing rules"
expect_contains "$WORK/err" "missing.yar"

run_oberig "$WORK/out" "$WORK/err" scan --notice 90 --warning 50 "$WORK"
expect_status 2 "thresholds out of order"

# A clean folder: exit 0 and a summary that says nothing was found.
mkdir -p "$WORK/clean" && echo hello > "$WORK/clean/a.txt"
run_oberig "$WORK/out" "$WORK/err" scan --rules "$ROOT/examples/rules" "$WORK/clean"
expect_status 0 "clean folder"
expect_contains "$WORK/out" "scanned   1 file ("
expect_contains "$WORK/out" "nothing known was found"
finish
