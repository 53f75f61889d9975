#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Poisoned indicator feeds (issue 17, failures 4 and 6): a NUL or control
# character inside a value is refused with a note naming the indicator, in
# every importer, never stored cut short ("gmail.com\0.evil.example" as
# gmail.com would flag every gmail.com sender); the clean indicators of the
# same file are kept. A campaign name over 64 KiB is cut and marked, not
# dropped.
source "$(dirname "$0")/lib.sh"
for tool in jq python3; do
  command -v $tool >/dev/null || { echo "skip: $tool is not installed"; exit 77; }
done
stix() { # ID PATTERN (JSON-escaped)
  printf '{"type":"indicator","spec_version":"2.1","id":"%s","created":"2024-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z","pattern":"%s","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"}' "$1" "$2"
}
{
  printf '{"type":"bundle","id":"bundle--1","objects":['
  stix indicator--nul-domain "[domain-name:value = 'gmail.com\\\\u0000.evil.example']"; printf ','
  stix indicator--nul-name "[file:name = 'svchost.exe\\\\u0000.evil']"; printf ','
  stix indicator--bell "[domain-name:value = 'evil\\\\u0007.example']"; printf ','
  stix indicator--clean "[domain-name:value = 'clean.example']"
  printf ']}\n'
} | sed 's/\\\\u/\\u/g' > "$WORK/poisoned.json"
grep -q 'gmail.com\\u0000' "$WORK/poisoned.json" || fail "the fixture has no \\u0000"
export OBERIG_DB="$WORK/store.db"
run_oberig "$WORK/out" "$WORK/err" ioc import "$WORK/poisoned.json"
expect_status 0 "a poisoned STIX bundle imports its clean indicators"
expect_contains "$WORK/err" "indicator--nul-domain: domain value left out: NUL byte in value"
expect_contains "$WORK/err" "indicator--nul-name: file-name value left out: NUL byte in value"
expect_contains "$WORK/err" "indicator--bell: domain value left out"
run_oberig "$WORK/out" "$WORK/err" ioc list --format jsonl
jq_expect "$WORK/out" '[.[] | select(.type == "indicator") | .value] == ["clean.example"]'

# signature-base lists, read by import and by --iocs.
mkdir -p "$WORK/sb/iocs" "$WORK/disk"
printf 'svchost\\.exe\0\\.evil;80\nevil\\.dll;90\n' > "$WORK/sb/iocs/filename-iocs.txt"
printf 'd41d8cd98f00b204e9800998ecf8427e\0xx;evil\n0cc175b9c0f1b6a831c399e269772661;good\n' > "$WORK/sb/iocs/hash-iocs.txt"
printf 'gmail.com\0.evil.example\nbad.example\n' > "$WORK/sb/iocs/c2-iocs.txt"
run_oberig "$WORK/out" "$WORK/err" ioc import "$WORK/sb"
expect_status 0 "signature-base lists with NUL lines"
expect_contains "$WORK/err" "filename-iocs.txt:1: NUL byte in line"
expect_contains "$WORK/err" "hash-iocs.txt:1: NUL byte in line"
expect_contains "$WORK/err" "c2-iocs.txt:1: NUL byte in line"
run_oberig "$WORK/out" "$WORK/err" ioc list --format jsonl
jq_expect "$WORK/out" '[.[] | select(.type == "indicator") | .value] | (index("gmail.com") == null and index("bad.example") != null and index("evil\\.dll") != null)'
touch "$WORK/disk/svchost.exe" # empty: the MD5 of nothing was the poisoned hash
run_oberig "$WORK/out" "$WORK/err" scan --format jsonl "$WORK/disk"
expect_status 0 "svchost.exe is no finding after the poisoned import"
jq_expect "$WORK/out" '[.[] | select(.type == "finding")] == []'
run_oberig "$WORK/out" "$WORK/err" scan --no-store --iocs "$WORK/sb/iocs" --format jsonl "$WORK/disk"
expect_status 0 "nor with the lists given by --iocs"
jq_expect "$WORK/out" '[.[] | select(.type == "finding")] == []'

# The project's CSV: a NUL in a field stops that file, with its line.
printf 'type,value\ndomain,gmail.com\0.evil.example\ndomain,ok.example\n' > "$WORK/list.csv"
run_oberig "$WORK/out" "$WORK/err" ioc import "$WORK/list.csv"
expect_contains "$WORK/err" "list.csv:2: NUL byte in a field"
run_oberig "$WORK/out" "$WORK/err" ioc list --format jsonl
jq_expect "$WORK/out" '[.[] | select(.type == "indicator") | .value] | index("gmail.com") == null'

# A campaign name of 70 KiB: cut at 64 KiB on a character boundary, marked.
python3 - "$WORK/long.json" <<'PY'
import json, sys
name = "Кампанія " + "x" * 70000
objects = [
    {"type": "malware", "spec_version": "2.1", "id": "malware--1", "created": "2024-01-01T00:00:00Z",
     "modified": "2024-01-01T00:00:00Z", "name": name, "is_family": True},
    {"type": "indicator", "spec_version": "2.1", "id": "indicator--1", "created": "2024-01-01T00:00:00Z",
     "modified": "2024-01-01T00:00:00Z", "pattern": "[domain-name:value = 'long-campaign.example']",
     "pattern_type": "stix", "valid_from": "2024-01-01T00:00:00Z"},
    {"type": "relationship", "spec_version": "2.1", "id": "relationship--1",
     "created": "2024-01-01T00:00:00Z", "modified": "2024-01-01T00:00:00Z",
     "relationship_type": "indicates", "source_ref": "indicator--1", "target_ref": "malware--1"}]
json.dump({"type": "bundle", "id": "bundle--2", "objects": objects}, open(sys.argv[1], "w"),
          ensure_ascii=False)
PY
run_oberig "$WORK/out" "$WORK/err" ioc import "$WORK/long.json"
expect_status 0 "a 70 KiB campaign name"
expect_contains "$WORK/err" "was cut to 65536"
run_oberig "$WORK/out" "$WORK/err" ioc list --format jsonl
jq_expect "$WORK/out" '[.[] | select(.type == "indicator" and .value == "long-campaign.example")][0].campaign
  | startswith("Кампанія xxx") and endswith("x…") and (utf8bytelength == 65536)'
finish
