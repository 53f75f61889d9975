#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Hostile YARA rule files (issue 17): an `include` is never followed (a
# feed's rule file could name any file of this machine, whose text reached
# the compiler's messages, or a FIFO, on which the compile would wait
# forever), and a rule path that is a FIFO is refused at once. The rest of
# the rules still load, from --rules and from `ioc import`.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }
mkdir -p "$WORK/rules" "$WORK/disk"
printf 'secret line that must not be read\n' > "$WORK/private.txt"
printf 'include "%s"\nrule from_index { condition: true }\n' "$WORK/private.txt" > "$WORK/rules/index.yar"
mkfifo "$WORK/pipe"
printf 'include "%s"\nrule from_pipe { condition: true }\n' "$WORK/pipe" > "$WORK/rules/waits.yar"
printf 'rule planted { strings: $a = "planted-marker" condition: $a }\n' > "$WORK/rules/good.yar"
printf 'planted-marker\n' > "$WORK/disk/file.txt"
run_oberig "$WORK/out" "$WORK/err" scan --no-store --no-cache --rules "$WORK/rules" --format jsonl "$WORK/disk"
expect_status 1 "the good rule still finds its file"
jq_expect "$WORK/out" '[.[] | select(.type == "finding")][0].reasons | map(.name) == ["planted"]'
expect_contains "$WORK/err" "index.yar: include \"$WORK/private.txt\" not followed"
expect_contains "$WORK/err" "waits.yar: include \"$WORK/pipe\" not followed"
expect_not_contains "$WORK/err" "secret line"

mkfifo "$WORK/rules.yar"
run_oberig "$WORK/out" "$WORK/err" scan --no-store --no-cache --rules "$WORK/rules.yar" "$WORK/disk"
expect_status 2 "a FIFO given as rules"
expect_contains "$WORK/err" "cannot read rules '$WORK/rules.yar': not a regular file"

export OBERIG_DB="$WORK/store.db"
run_oberig "$WORK/out" "$WORK/err" ioc import "$WORK/rules"
expect_status 0 "importing the folder keeps the good file"
expect_contains "$WORK/err" "not followed"
run_oberig "$WORK/out" "$WORK/err" ioc list --format jsonl
jq_expect "$WORK/out" '[.[] | select(.type == "rule_file") | .path] == ["good.yar"]'
LANG=uk_UA.UTF-8 LANGUAGE=uk run_oberig "$WORK/out" "$WORK/err" scan --no-store --no-cache --rules "$WORK/rules" "$WORK/disk"
expect_contains "$WORK/err" "не враховано"
finish
