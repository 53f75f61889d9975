#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# YARA rules kept like the indicators, and the compiled-rules cache: import
# a signature-base-like folder (one rule file does not compile), list,
# count, scan with the kept rules as with --rules/--iocs, start warm from
# the cache, rebuild it when a rule file changes or the cache is damaged,
# write nothing with --no-cache, and remove the source with its files.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }

fixture="$ROOT/tests/data/rules-store"
rules_dir="$WORK/rules" # beside $OBERIG_DB
cache="$XDG_CACHE_HOME/oberig"
t="$WORK/disk"
mkdir -p "$t/www" "$t/Users/olena/Downloads" "$t/oberig-drop"
echo '<?php /* OBERIG-TEST-WEBSHELL-MARK */ ?>' > "$t/www/shell.php"
echo 'OBERIG-TEST-SECOND-MARK' > "$t/www/second.txt"
printf 'MZ\x90\x00' > "$t/Users/olena/Downloads/invoice-2026.pdf.exe"
echo "oberig planted payload" > "$t/Users/olena/Downloads/payload.bin"
echo "library" > "$t/oberig-drop/evil.dll"
echo "an ordinary note" > "$t/www/readme.txt"

# Findings without what names where the indicators came from.
findings() {
  jq -c 'select(.type == "finding") | {path, score, level,
    reasons: ([.reasons[] | [.signal, .name, .score]] | sort)}' "$1" | sort
}

# ---- import ------------------------------------------------------------------
run_oberig "$WORK/out" "$WORK/err" ioc import "$fixture"
expect_status 0 "a folder with one broken rule file imports the rest"
expect_contains "$WORK/out" "YARA rules kept: 3, from 2 rule files"
expect_contains "$WORK/out" "1 YARA rule file left out: it does not compile"
expect_contains "$WORK/err" "broken.yar"
expect_contains "$WORK/err" "no_such_identifier_anywhere"
[[ -f "$rules_dir/rules-store/yara/webshell.yar" ]] || fail "no kept copy of webshell.yar"
[[ -f "$rules_dir/rules-store/yara/names.yar" ]] || fail "no kept copy of names.yar"
[[ ! -e "$rules_dir/rules-store/yara/broken.yar" ]] || fail "the broken rule file was kept"
cmp -s "$fixture/yara/webshell.yar" "$rules_dir/rules-store/yara/webshell.yar" || fail "copy differs"
pass
# The import compiled the kept rules into the cache for the first scan.
ls "$cache"/rules-*.cache >/dev/null 2>&1 || fail "the import left no compiled rules in the cache"
pass

run_oberig "$WORK/out" "$WORK/err" ioc import --format jsonl "$fixture"
expect_status 0 "import again"
jq_expect "$WORK/out" '.[0].rule_files == 2 and .[0].rule_files_failed == 1 and .[0].rules == 3'

# ---- list and stats ------------------------------------------------------------
run_oberig "$WORK/out" "$WORK/err" ioc stats
expect_status 0 "stats"
expect_contains "$WORK/out" "YARA rules kept, by source:"
expect_contains "$WORK/out" "3 YARA rules, files: 2  rules-store"
run_oberig "$WORK/out" "$WORK/err" ioc stats --format jsonl
jq_expect "$WORK/out" '.[0].rule_sets == [.[0].rule_sets[0]] and .[0].rule_sets[0].source == "rules-store"
  and .[0].rule_sets[0].files == 2 and .[0].rule_sets[0].rules == 3 and .[0].rules == 3'
run_oberig "$WORK/out" "$WORK/err" ioc list --format jsonl
expect_status 0 "list"
jq_expect "$WORK/out" '[.[] | select(.type == "rule_file")] | map(.path) == ["yara/names.yar", "yara/webshell.yar"]'
# --source matches kept rule files as it matches indicators: by part of the
# name, in any case; one that matches nothing says so.
run_oberig "$WORK/part" "$WORK/err" ioc list --format jsonl --source RULES-st
expect_status 0 "list --source by part of the name"
jq_expect "$WORK/part" '[.[] | select(.type == "rule_file")] | map(.path) == ["yara/names.yar", "yara/webshell.yar"]'
run_oberig "$WORK/part" "$WORK/err" ioc list --format jsonl --source no-such-source
expect_status 1 "list --source that matches nothing"
expect_contains "$WORK/err" "no-such-source"
jq_expect "$WORK/out" '[.[] | select(.type == "rule_file" and .path == "yara/webshell.yar")][0]
  | .rules == 2 and (.sha256 | length) == 64 and (.source_file | endswith("rules-store/yara/webshell.yar"))'
run_oberig "$WORK/out" "$WORK/err" ioc list
expect_contains "$WORK/out" "yara/webshell.yar"
run_oberig "$WORK/out" "$WORK/err" ioc list --type sha256 --format jsonl
jq_expect "$WORK/out" 'map(select(.type == "rule_file")) | length == 0'

# ---- kept rules give the findings of --rules and --iocs -------------------------
run_oberig "$WORK/kept.jsonl" "$WORK/err" scan --format jsonl --verbose "$t"
expect_status 1 "kept rules and indicators find the planted files"
expect_contains "$WORK/err" "rule files from the compiled-rules cache"
jq_expect "$WORK/kept.jsonl" '.[0].sets | map(select(.kind == "stored-rules")) | .[0].name == "rules-store" and .[0].count == 3 and .[0].files == 2'
run_oberig "$WORK/given.jsonl" "$WORK/err" scan --format jsonl --no-store \
  --rules "$fixture/yara" --iocs "$fixture/iocs" "$t"
expect_status 1 "--rules and --iocs find them too"
findings "$WORK/kept.jsonl" > "$WORK/kept.txt"
findings "$WORK/given.jsonl" > "$WORK/given.txt"
diff "$WORK/kept.txt" "$WORK/given.txt" >&2 || fail "kept rules give other findings than --rules/--iocs"
pass
for name in Oberig_Test_Webshell_Marker Oberig_Test_Second_Marker Oberig_Test_Cloaked_Invoice; do
  expect_contains "$WORK/kept.txt" "\"$name\""
done
expect_contains "$WORK/kept.txt" "payload.bin"
expect_contains "$WORK/kept.txt" "evil.dll"
expect_not_contains "$WORK/kept.txt" "readme.txt"

# --no-store leaves out the kept rules as it leaves out the indicators.
run_oberig "$WORK/out" "$WORK/err" scan --format jsonl --no-store "$t"
jq_expect "$WORK/out" '[.[] | select(.type == "finding") | .reasons[] | select(.signal == "yara")] | length == 0'
jq_expect "$WORK/out" '[.[] | select(.type == "finding") | .path | select(endswith("shell.php") or endswith("payload.bin") or endswith("evil.dll"))] | length == 0'
# --rules adds to the kept rules for one run.
printf 'rule Oberig_Test_Extra { strings: $a = "an ordinary note" condition: $a }\n' > "$WORK/extra.yar"
run_oberig "$WORK/out" "$WORK/err" scan --format jsonl --rules "$WORK/extra.yar" "$t"
jq_expect "$WORK/out" '[.[] | select(.type == "finding") | .reasons[].name] | (index("Oberig_Test_Extra") != null) and (index("Oberig_Test_Webshell_Marker") != null)'
# --no-yara: neither.
run_oberig "$WORK/out" "$WORK/err" scan --format jsonl --no-yara "$t"
jq_expect "$WORK/out" '[.[] | select(.type == "finding") | .reasons[] | select(.signal == "yara")] | length == 0'

# ---- the cache -------------------------------------------------------------------
# Rules never compiled before are compiled, then taken from the cache.
cp -r "$fixture/yara" "$WORK/yara"
run_oberig "$WORK/out" "$WORK/err" scan --format jsonl --verbose --no-store --rules "$WORK/yara" "$t"
expect_not_contains "$WORK/err" "from the compiled-rules cache"
run_oberig "$WORK/warm.jsonl" "$WORK/err" scan --format jsonl --verbose --no-store --rules "$WORK/yara" "$t"
expect_contains "$WORK/err" "rule files from the compiled-rules cache"
diff <(findings "$WORK/out") <(findings "$WORK/warm.jsonl") >&2 || fail "cached rules give other findings"
pass

# A rule file's content changes (same size, same modification time): rebuilt.
sed -i 's/OBERIG-TEST-SECOND-MARK/OBERIG-TEST-SECONDXMARK/' "$WORK/yara/webshell.yar"
touch -d @1000000000 "$WORK/yara/webshell.yar"
run_oberig "$WORK/out" "$WORK/err" scan --format jsonl --verbose --no-store --rules "$WORK/yara" "$t"
expect_not_contains "$WORK/err" "from the compiled-rules cache"
jq_expect "$WORK/out" '[.[] | select(.type == "finding") | .reasons[].name] | index("Oberig_Test_Second_Marker") == null'

# A damaged cache file is ignored with a notice and rebuilt: cut short, or a
# byte changed in the part its own SHA-256 covers (just after the header of
# a file of format 2: magic, format, order, key, index, length, digest and
# the length of that part: 128 bytes).
for damage in truncate tamper; do
  for file in "$cache"/rules-*.cache; do
    if [[ $damage == truncate ]]; then
      truncate -s 200 "$file"
    else
      printf 'X' | dd of="$file" bs=1 seek=130 conv=notrunc status=none
    fi
  done
  run_oberig "$WORK/out" "$WORK/err" scan --format jsonl --verbose "$t"
  expect_status 1 "a $damage cache does not stop the scan"
  expect_contains "$WORK/err" "is ignored and rebuilt"
  diff <(findings "$WORK/out") "$WORK/kept.txt" >&2 || fail "after a $damage cache: other findings"
  pass
  run_oberig "$WORK/out" "$WORK/err" scan --format jsonl --verbose "$t"
  expect_contains "$WORK/err" "rule files from the compiled-rules cache"
  expect_not_contains "$WORK/err" "is ignored and rebuilt"
done

# The rule sets after that part are each checked against their own SHA-256
# when first loaded, not at the start: a byte changed in each of them is
# found by the scan, which takes the rules from their files instead, gives
# the same findings, says so, and leaves the cache to be rebuilt.
command -v python3 >/dev/null || { echo "skip: python3 is not installed"; exit 77; }
# The file the last scan used is the newest (the loop above damaged others).
file=$(ls -t "$cache"/rules-*.cache | head -n 1)
python3 - "$file" <<'PY'
import struct, sys
path = sys.argv[1]
with open(path, "r+b") as f:
    data = bytearray(f.read())
    assert struct.unpack_from("=I", data, 8)[0] == 2, "not a file of format 2"
    checked = struct.unpack_from("=Q", data, 120)[0]
    at = 128 + checked
    table = 128 + checked - 3 * (8 + 32)   # length and SHA-256 of each set
    for k in range(3):
        length = struct.unpack_from("=Q", data, table + k * 40)[0]
        if length > 0:
            data[at + length // 2] ^= 0x5A
        at += length
    assert at == len(data), "the sets do not end the file"
    f.seek(0)
    f.write(data)
PY
run_oberig "$WORK/out" "$WORK/err" scan --format jsonl --verbose "$t"
expect_status 1 "damaged rule sets do not stop the scan"
expect_contains "$WORK/err" "rule files from the compiled-rules cache"
diff <(findings "$WORK/out") "$WORK/kept.txt" >&2 || fail "after damaged sets: other findings"
pass
jq_expect "$WORK/out" '[.[] | select(.type == "notice" and (.message | contains("did not match its SHA-256")))] | length == 1'
[[ ! -e "$file" ]] || fail "the damaged cache file was kept"
pass
run_oberig "$WORK/out" "$WORK/err" scan --format jsonl --verbose "$t"
expect_not_contains "$WORK/err" "rule files from the compiled-rules cache"
jq_expect "$WORK/out" '[.[] | select(.type == "notice")] | length == 0'
run_oberig "$WORK/out" "$WORK/err" scan --format jsonl --verbose "$t"
expect_contains "$WORK/err" "rule files from the compiled-rules cache"
diff <(findings "$WORK/out") "$WORK/kept.txt" >&2 || fail "rebuilt: other findings"
pass

# --no-cache reads and writes nothing there.
export XDG_CACHE_HOME="$WORK/other-cache"
run_oberig "$WORK/out" "$WORK/err" scan --format jsonl --verbose --no-cache "$t"
expect_status 1 "--no-cache"
expect_not_contains "$WORK/err" "cache"
[[ ! -e "$WORK/other-cache" ]] || fail "--no-cache wrote into the cache folder"
pass
diff <(findings "$WORK/out") "$WORK/kept.txt" >&2 || fail "--no-cache gives other findings"
pass

# ---- Ukrainian ---------------------------------------------------------------------
run_oberig "$WORK/out" "$WORK/err" ioc stats --lang uk
expect_not_contains "$WORK/out" "YARA rules kept, by source"
expect_contains "$WORK/out" "правил"
run_oberig "$WORK/en.jsonl" "$WORK/err" ioc stats --format jsonl --lang en
run_oberig "$WORK/uk.jsonl" "$WORK/err" ioc stats --format jsonl --lang uk
cmp -s "$WORK/en.jsonl" "$WORK/uk.jsonl" || fail "ioc stats JSONL differs between languages"
pass
run_oberig "$WORK/out" "$WORK/err" scan --lang uk --verbose "$t"
expect_not_contains "$WORK/err" "rule files from the compiled-rules cache"
expect_not_contains "$WORK/out" "kept rules of source"

# ---- remove ------------------------------------------------------------------------
run_oberig "$WORK/out" "$WORK/err" ioc remove --source rules-store
expect_status 0 "remove"
expect_contains "$WORK/out" "2 kept YARA rule files are gone"
[[ ! -e "$rules_dir/rules-store" ]] || fail "the kept rule files are still there"
pass
run_oberig "$WORK/out" "$WORK/err" ioc stats --format jsonl
jq_expect "$WORK/out" '.[0].rule_sets == [] and .[0].rules == 0'
run_oberig "$WORK/out" "$WORK/err" scan --format jsonl "$t"
expect_status 0 "nothing kept any more"
jq_expect "$WORK/out" '.[0].sets | map(select(.kind == "stored-rules")) | length == 0'
finish
