#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The demo tree: every kind of finding, human output and exit status.
source "$(dirname "$0")/lib.sh"
command -v zip >/dev/null || { echo "skip: zip is not installed (scripts/install-deps.sh)"; exit 77; }
"$ROOT/examples/make-tree.sh" "$WORK/tree" >/dev/null

run_oberig "$WORK/out" "$WORK/err" scan --rules "$ROOT/examples/rules" --iocs "$ROOT/examples/iocs" "$WORK/tree"
expect_status 1 "findings at alert level"
out="$WORK/out"
expect_contains "$out" "Downloads/eicar.com"
expect_contains "$out" "Demo_EICAR_Test_File"
expect_contains "$out" "44d88612fea8a8f36de82e1278abb02f"          # hash reason
expect_contains "$out" "inside: eicar.com"                           # zip member
expect_contains "$out" "scan_passport.jpg"
expect_contains "$out" "type-mismatch"
expect_contains "$out" "double-extension"
expect_contains "$out" "mimikatz.exe"
expect_contains "$out" "Demo_PHP_Command_Webshell"
expect_contains "$out" "rtlo"
expect_contains "$out" 'report\u{202e}cod.exe'                       # escaped, never raw
expect_not_contains "$out" $'\u202e'
expect_contains "$out" "What now:"
expect_not_contains "$out" $'\033['                                  # no colour into a file
expect_not_contains "$out" "minutes.txt"                             # harmless file: no finding
expect_contains "$WORK/err" "loaded 3 YARA rules from 1 file"

# --color always forces colour codes; --no-yara drops YARA reasons.
run_oberig "$WORK/out" "$WORK/err" scan --color always --rules "$ROOT/examples/rules" "$WORK/tree"
expect_contains "$WORK/out" $'\033['
run_oberig "$WORK/out" "$WORK/err" scan --no-yara --rules "$ROOT/examples/rules" --iocs "$ROOT/examples/iocs" "$WORK/tree"
expect_status 1 "hash hits remain"
expect_not_contains "$WORK/out" "Demo_EICAR_Test_File"
expect_contains "$WORK/out" "44d88612fea8a8f36de82e1278abb02f"

# Raising the thresholds turns the same findings into notices: exit 0.
run_oberig "$WORK/out" "$WORK/err" scan --notice 1 --warning 5000 --alert 9000 --rules "$ROOT/examples/rules" "$WORK/tree"
expect_status 0 "only notices"
expect_contains "$WORK/out" "NOTICE"

# --exclude removes a folder from the scan and is counted.
run_oberig "$WORK/out" "$WORK/err" scan --exclude Downloads --rules "$ROOT/examples/rules" "$WORK/tree"
expect_not_contains "$WORK/out" "eicar.com"
expect_contains "$WORK/out" "1 excluded"

# The example campaign: imported into a store, it names the dropped updater
# and the look-alike login domain of the example phish.
expect_not_contains "$out" "svc-updater.exe"
run_oberig "$WORK/out" "$WORK/err" ioc import --db "$WORK/demo.db" --source demo "$ROOT/examples/indicators"
expect_status 0 "example indicators"
run_oberig "$WORK/out" "$WORK/err" scan --db "$WORK/demo.db" "$WORK/tree"
expect_contains "$WORK/out" "svc-updater.exe"
expect_contains "$WORK/out" "campaign: Demo Campaign (fictional)"
run_oberig "$WORK/out" "$WORK/err" mail --db "$WORK/demo.db" --color never "$ROOT/examples/mail"
expect_status 1 "the example phish"
expect_contains "$WORK/out" "PHISHING"
expect_contains "$WORK/out" "NO SIGNS FOUND"
expect_contains "$WORK/out" "Demo Campaign (fictional)"
expect_contains "$WORK/out" "summary: 2 messages"
finish
