#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The real signature-base set: every rule file compiles with the Loki/THOR
# externals, the IOC lists load, and rules that use the externals behave.
source "$(dirname "$0")/lib.sh"
sb="$ROOT/../shared/data/signature-base"
if [[ ! -d "$sb/yara" || ! -d "$sb/iocs" ]]; then
  echo "skip: $sb is absent (shared data is not in this checkout)"
  exit 77
fi
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }
t="$WORK/disk"
mkdir -p "$t/Users/olena/Pictures" "$t/Windows/Temp"
# A Windows program named as a photo: SUSP_Known_Type_Cloaked_as_JPG needs
# extension == ".jpg" and filetype == "EXE" to be defined per file.
printf 'MZ\x90\x00\x03\x00\x00\x00' > "$t/Users/olena/Pictures/holiday.jpg"
head -c 300 /dev/urandom >> "$t/Users/olena/Pictures/holiday.jpg"
echo "an ordinary photo caption" > "$t/Users/olena/Pictures/caption.txt"

run_oberig "$WORK/out" "$WORK/err" scan --format jsonl --rules "$sb/yara" --iocs "$sb/iocs" "$t"
expect_status 1 "the cloaked program is found"
out="$WORK/out"
jq_expect "$out" '.[0].rule_files > 700 and .[0].rule_files_failed == 0 and .[0].rules > 3000'
jq_expect "$out" '.[0].hash_iocs > 3000 and .[0].filename_iocs > 3500 and .[0].c2_iocs > 1000'
jq_expect "$out" 'map(select(.type == "finding" and (.path | endswith("holiday.jpg"))) | .reasons[] | select(.signal == "yara") | .name) | index("SUSP_Known_Type_Cloaked_as_JPG") != null'
jq_expect "$out" 'map(select(.type == "finding" and (.path | endswith("holiday.jpg"))) | .reasons[] | select(.signal == "yara") | .source) | all(endswith(".yar"))'
jq_expect "$out" 'map(select(.type == "finding" and (.path | endswith("caption.txt")))) | length == 0'
expect_not_contains "$WORK/err" "does not compile"
finish
