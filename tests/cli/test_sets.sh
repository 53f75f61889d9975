#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The rule and indicator sets a scan used, each with its count and date
# (issue 13): each --rules PATH and --iocs DIR dated by its newest file,
# each store source by its last import, in scan's start line, its human
# start lines (English and Ukrainian) and a merged report.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed (scripts/install-deps.sh)"; exit 77; }

mkdir -p "$WORK/rules/old" "$WORK/iocs" "$WORK/files"
cat >"$WORK/rules/old/one.yar" <<'EOF'
rule Sets_One { condition: false }
rule Sets_Two { condition: false }
EOF
printf 'rule Sets_Three { condition: false }\n' >"$WORK/rules/three.yara"
printf 'rule Sets_Eicar { strings: $a = "EICAR-STANDARD-ANTIVIRUS-TEST-FILE" condition: $a }\n' \
  >"$WORK/eicar.yar"
printf '44d88612fea8a8f36de82e1278abb02f;the EICAR test file\n' >"$WORK/iocs/hash-iocs.txt"
printf '# a test name\n\\\\sets-test\\.exe$;80\n' >"$WORK/iocs/filename-iocs.txt"
printf 'not an IOC list\n' >"$WORK/iocs/README"
# The newest file of each set gives its date; the README is not read.
touch -d '2023-02-01 12:00:00 UTC' "$WORK/rules/old/one.yar"
touch -d '2024-06-30 23:30:00 UTC' "$WORK/rules/three.yara"
touch -d '2021-11-05 08:00:00 UTC' "$WORK/eicar.yar"
touch -d '2022-03-04 00:00:01 UTC' "$WORK/iocs/hash-iocs.txt"
touch -d '2022-01-01 00:00:00 UTC' "$WORK/iocs/filename-iocs.txt"
touch -d '2025-01-01 00:00:00 UTC' "$WORK/iocs/README"
printf 'hello\n' >"$WORK/files/a.txt"

sources=(--rules "$WORK/rules" --rules "$WORK/eicar.yar" --iocs "$WORK/iocs")
run_oberig "$WORK/scan.jsonl" "$WORK/err" scan --no-store -f jsonl "${sources[@]}" "$WORK/files"
expect_status 0 "scan of a clean folder"
jq_expect "$WORK/scan.jsonl" '.[0].type == "start" and (.[0].sets | length) == 3'
jq_expect "$WORK/scan.jsonl" '.[0].sets[0] == {"kind":"yara-rules","name":"'"$WORK/rules"'","count":3,"files":2,"date":"2024-06-30"}'
jq_expect "$WORK/scan.jsonl" '.[0].sets[1] == {"kind":"yara-rules","name":"'"$WORK/eicar.yar"'","count":1,"files":1,"date":"2021-11-05"}'
jq_expect "$WORK/scan.jsonl" '.[0].sets[2] == {"kind":"ioc-lists","name":"'"$WORK/iocs"'","count":2,"files":2,"date":"2022-03-04"}'
# the sets add up to the totals
jq_expect "$WORK/scan.jsonl" '.[0] | ([.sets[] | select(.kind == "yara-rules") | .count] | add) == .rules'

# The human start names each set in one line, in English and in Ukrainian.
run_oberig "$WORK/out" "$WORK/err" scan --no-store "${sources[@]}" "$WORK/files"
expect_status 0 "human scan"
expect_contains "$WORK/err" "oberig: rules '$WORK/rules': 3 YARA rules, newest file dated 2024-06-30"
expect_contains "$WORK/err" "oberig: rules '$WORK/eicar.yar': 1 YARA rule, newest file dated 2021-11-05"
expect_contains "$WORK/err" "oberig: indicator lists '$WORK/iocs': 2 indicators, newest file dated 2022-03-04"
run_oberig "$WORK/out" "$WORK/err" scan --lang uk --no-store "${sources[@]}" "$WORK/files"
expect_status 0 "human scan in Ukrainian"
expect_contains "$WORK/err" "правила «$WORK/rules»: 3 правила YARA, найновіший файл від 2024-06-30"
expect_contains "$WORK/err" "правила «$WORK/eicar.yar»: 1 правило YARA, найновіший файл від 2021-11-05"
expect_contains "$WORK/err" "списки індикаторів «$WORK/iocs»: 2 індикатори, найновіший файл від 2022-03-04"
expect_not_contains "$WORK/err" "newest file dated"
run_oberig "$WORK/uk.jsonl" "$WORK/err" scan --lang uk --no-store -f jsonl "${sources[@]}" "$WORK/files"
jq -c 'del(.seconds, .bytes_per_second, .message, .advice)' "$WORK/scan.jsonl" >"$WORK/en.cmp"
jq -c 'del(.seconds, .bytes_per_second, .message, .advice)' "$WORK/uk.jsonl" >"$WORK/uk.cmp"
cmp -s "$WORK/en.cmp" "$WORK/uk.cmp" || fail "the JSON lines differ between English and Ukrainian"
pass

# The indicator store: one set per source, dated by its last import as
# 'oberig ioc list' knows it; only the file indicators count.
printf 'type,value,description,campaign\nsha256,275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f,eicar,Test\nfile-name,sets-store.exe,,Test\ndomain,evil.example,,Test\n' \
  >"$WORK/helpline.csv"
printf 'type,value\nmd5,44d88612fea8a8f36de82e1278abb02f\n' >"$WORK/other.csv"
run_oberig "$WORK/out" "$WORK/err" ioc import --source helpline "$WORK/helpline.csv"
expect_status 0 "import helpline"
run_oberig "$WORK/out" "$WORK/err" ioc import --source other "$WORK/other.csv"
expect_status 0 "import other"
run_oberig "$WORK/list.jsonl" "$WORK/err" ioc list --format jsonl
day() { date -u -d "@$1" +%F; }
helpline_day=$(day "$(jq -s '[.[] | select(.source == "helpline") | .last_import] | max' "$WORK/list.jsonl")")
other_day=$(day "$(jq -s '[.[] | select(.source == "other") | .last_import] | max' "$WORK/list.jsonl")")
run_oberig "$WORK/store.jsonl" "$WORK/err" scan -f jsonl --rules "$WORK/eicar.yar" "$WORK/files"
expect_status 0 "scan with the store"
jq_expect "$WORK/store.jsonl" '.[0].store_indicators == 3 and (.[0].sets | length) == 3'
jq_expect "$WORK/store.jsonl" '[.[0].sets[] | select(.kind == "indicator-store")] | sort_by(.name) == [{"kind":"indicator-store","name":"helpline","count":2,"date":"'"$helpline_day"'"},{"kind":"indicator-store","name":"other","count":1,"date":"'"$other_day"'"}]'
run_oberig "$WORK/out" "$WORK/err" scan --rules "$WORK/eicar.yar" "$WORK/files"
expect_contains "$WORK/err" "oberig: indicator store source 'helpline': 2 file indicators, imported $helpline_day"
expect_contains "$WORK/err" "oberig: indicator store source 'other': 1 file indicator, imported $other_day"

# A merged report names the sets with their dates, in all three forms.
run_oberig "$WORK/out" "$WORK/err" report merge "$WORK/scan.jsonl" "$WORK/store.jsonl" -o "$WORK/r"
expect_status 0 "merge of clean results"
jq_expect "$WORK/r/report.json" '.[0].sets | length == 6'
jq_expect "$WORK/r/report.json" '.[0].sets[0] | .step == "scan" and .kind == "yara-rules" and .name == "'"$WORK/rules"'" and .count == 3 and .files == 2 and .date == "2024-06-30"'
jq_expect "$WORK/r/report.json" '.[0].sets[2] | .kind == "ioc-lists" and .count == 2 and .date == "2022-03-04"'
jq_expect "$WORK/r/report.json" '[.[0].sets[] | select(.kind == "indicator-store") | .date] | sort == (["'"$helpline_day"'", "'"$other_day"'"] | sort)'
expect_contains "$WORK/r/report.html" "2024-06-30"
expect_contains "$WORK/out" "YARA rules '$WORK/rules': 3 entries, dated 2024-06-30"
expect_contains "$WORK/out" "indicator store 'other': 1 entry, dated $other_day"

# A start line without sets (an older scan) still gives the counts, undated.
printf '{"type":"start","version":"0.1.0","rules":5,"rule_files":2,"hash_iocs":0,"filename_iocs":0,"store_indicators":0}\n{"type":"summary","files":0}\n' \
  >"$WORK/old.jsonl"
run_oberig "$WORK/out" "$WORK/err" report merge "$WORK/old.jsonl" -o "$WORK/r2"
jq_expect "$WORK/r2/report.json" '.[0].sets[0] | .kind == "yara-rules" and .count == 5 and .date == null'
expect_contains "$WORK/out" "YARA rules: 5 entries, date not given"
finish
