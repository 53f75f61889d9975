#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# oberig report merge and export: scan, mail and bootrec results made here
# merged into report.json and report.html (checked in headless Chromium
# when it is installed), --redact, Ukrainian, and the MISP and STIX export
# read back into a fresh store.
source "$(dirname "$0")/lib.sh"

command -v sfdisk >/dev/null || { echo "skip: sfdisk (package fdisk) is not installed"; exit 0; }

# The person's files: the EICAR test file in Downloads, a phishing message
# that names the person's own address, a disk whose boot code is a note.
home=$WORK/home/olena
mkdir -p "$home/Downloads" "$home/Mail"
printf 'X5O!P%%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*' >"$home/Downloads/eicar.com"
touch -d '2024-05-01 10:00:00 UTC' "$home/Downloads/eicar.com"
eicar_sha256=275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f
cat >"$WORK/tiny.yar" <<'EOF'
rule Report_Test_EICAR
{
    meta:
        description = "the EICAR test file"
        score = 100
    strings:
        $eicar = "EICAR-STANDARD-ANTIVIRUS-TEST-FILE"
    condition:
        $eicar
}
EOF
sed 's/^Subject: .*/Subject: olena.kovalenko@example.net: your password expires today/' \
  "$ROOT/examples/mail/password-reset.eml" >"$home/Mail/reset.eml"
truncate -s 2M "$WORK/disk.img"
printf 'label: dos\n2048,,83,*\n' | sfdisk -q "$WORK/disk.img"
{
  printf '\xfa\x31\xc0\x8e\xd8\xbe\x20\x7c\xac\x08\xc0\x74\xfe\xb4\x0e\xcd\x10\xeb\xf5'
  printf 'This test disk was locked. Pay 1 test coin to get your files back.'
} >"$WORK/note.bin"
put_code "$WORK/disk.img" "$WORK/note.bin" "$(stat -c %s "$WORK/note.bin")"

run_oberig "$WORK/scan.jsonl" "$WORK/err" scan --no-store -f jsonl --rules "$WORK/tiny.yar" "$home"
expect_status 1 "scan finds the EICAR file"
run_oberig "$WORK/mail.jsonl" "$WORK/err" mail --no-store -f jsonl "$home/Mail/reset.eml" \
  "$ROOT/examples/mail/colleague.eml"
expect_status 1 "mail finds the phishing message"
run_oberig "$WORK/bootrec.jsonl" "$WORK/err" bootrec -f jsonl "$WORK/disk.img"
expect_status 1 "bootrec finds the note"

# Documents recorded in a baseline, then one wiped with a fill as
# WhisperGate does.
mkdir -p "$home/Documents"
for n in 1 2 3; do head -c 20000 /dev/urandom >"$home/Documents/notes$n.odt"; done
run_oberig "$WORK/out" "$WORK/err" baseline create --db "$WORK/base.db" "$home/Documents"
expect_status 0 "baseline create"
sleep 0.1
head -c 20000 /dev/zero | tr '\0' '\314' >"$home/Documents/notes2.odt"
touch -d '2024-05-02 08:30:00 UTC' "$home/Documents/notes2.odt"
run_oberig "$WORK/baseline.jsonl" "$WORK/err" baseline verify --db "$WORK/base.db" --format jsonl
expect_status 1 "baseline verify finds the wiped file"

inputs=("$WORK/scan.jsonl" "$WORK/mail.jsonl" "$WORK/bootrec.jsonl" "$WORK/baseline.jsonl")
run_oberig "$WORK/out" "$WORK/err" report merge "${inputs[@]}" -o "$WORK/r1"
expect_status 1 "merge of results with an alert"
expect_contains "$WORK/out" "Signs of compromise found"
expect_contains "$WORK/out" "report written to"
json=$WORK/r1/report.json
html=$WORK/r1/report.html
jq_expect "$json" '.[0] | .schema == 1 and .verdict == "compromised" and .level == "alert"'
jq_expect "$json" '.[0].steps | map(.name) == ["scan", "mail", "bootrec", "baseline"]'
jq_expect "$json" '.[0].findings | map(.step) == ["scan", "mail", "bootrec", "baseline"]'
jq_expect "$json" '.[0].findings[0] | .sha256 == "'$eicar_sha256'" and (.path | endswith("Downloads/eicar.com")) and .reasons[0].name == "Report_Test_EICAR"'
jq_expect "$json" '.[0].findings[1] | .kind == "mail" and .verdict == "phishing" and .level == "warning"'
jq_expect "$json" '.[0].findings[2] | .kind == "boot-record" and .level == "alert"'
jq_expect "$json" '.[0].findings[3] | .kind == "file-change" and (.path | endswith("Documents/notes2.odt")) and (.reasons | map(.signal) | index("baseline-wiped") != null)'
jq_expect "$json" '.[0].steps[3].summary.wiped == 1'
jq_expect "$json" '.[0].sets[0] | .kind == "yara-rules" and .count == 1'
# the timeline: the files' times from scan's mtime and baseline's mtime_ns, oldest first
jq_expect "$json" '.[0].timeline | map([.time, .finding]) == [["2024-05-01T10:00:00Z", 1], ["2024-05-02T08:30:00Z", 4], ["2026-01-14T06:58:10Z", 2]]'
jq_expect "$json" '.[0].indicators | map(.value) | index("'$eicar_sha256'") != null and index("support@ukr-net-login.example") != null and index("http://ukr-net-login.example/auth") != null and index("eicar.com") != null'
# every finding of every input is in the report
wanted=$(jq -s '[.[] | select(.type == "finding")] | length' "$WORK/scan.jsonl")
wanted=$((wanted + $(jq -s '[.[] | select(.type == "message" and .verdict != "no signs found")] | length' "$WORK/mail.jsonl")))
wanted=$((wanted + $(jq -s '[.[] | select(.type == "bootrec" and .level != "none")] | length' "$WORK/bootrec.jsonl")))
wanted=$((wanted + $(jq -s '[.[] | select(.type == "baseline-change" and .level != "none")] | length' "$WORK/baseline.jsonl")))
jq_expect "$json" ".[0].findings | length == $wanted"
expect_contains "$html" '<html lang="en">'
expect_contains "$html" "Signs of compromise found"
expect_contains "$html" "Report_Test_EICAR"
expect_contains "$html" "Do not wipe, reset or reinstall"
expect_contains "$html" "@media print"
expect_contains "$html" "2024-05-01 10:00 UTC"
expect_not_contains "$html" "<script"
# nothing fetched: no sources, no external links or style imports
for external in "src=" 'href="http' "@import" "url("; do
  expect_not_contains "$html" "$external"
done
[[ $(stat -c %a "$html") == 600 ]] || fail "report.html is not readable by its owner only"
pass

# --redact: no user name, home path or address of the person in any form
run_oberig "$WORK/out2" "$WORK/err" report merge --redact "${inputs[@]}" -o "$WORK/r2"
expect_status 1 "merge --redact"
for form in "$WORK/r2/report.json" "$WORK/r2/report.html" "$WORK/out2"; do
  grep -qi olena "$form" && fail "a user name is left in $form"
  grep -q "kovalenko@example.net" "$form" && fail "the person's address is left in $form"
  pass
done
expect_contains "$WORK/r2/report.html" "/home/[user1]/Downloads/eicar.com"
expect_contains "$WORK/r2/report.html" "[email]"
for indicator in "$eicar_sha256" Report_Test_EICAR support@ukr-net-login.example \
  ukrnet.security.team@gmail.example http://ukr-net-login.example/auth; do
  expect_contains "$WORK/r2/report.json" "$indicator"
  expect_contains "$WORK/r2/report.html" "$indicator"
done
jq_expect "$WORK/r2/report.json" '.[0].redacted'

# Ukrainian: the page and the summary; the same codes in report.json
run_oberig "$WORK/out3" "$WORK/err" --lang uk report merge "${inputs[@]}" -o "$WORK/r3"
expect_status 1 "merge in Ukrainian"
expect_contains "$WORK/r3/report.html" '<html lang="uk">'
expect_contains "$WORK/r3/report.html" "Знайдено ознаки зламу"
expect_contains "$WORK/out3" "Знайдено ознаки зламу"
for english in "Signs of compromise found" "What to do now" "What was checked" "files scanned"; do
  expect_not_contains "$WORK/r3/report.html" "$english"
  expect_not_contains "$WORK/out3" "$english"
done
codes='del(.created, .answer, .language) | .findings |= map(del(.what, .why, .todo))'
[[ "$(jq -S "$codes" "$json")" == "$(jq -S "$codes" "$WORK/r3/report.json")" ]] ||
  { diff <(jq -S "$codes" "$json") <(jq -S "$codes" "$WORK/r3/report.json") >&2; fail "report.json differs between English and Ukrainian in more than its texts"; }
pass
LANG=uk_UA.UTF-8 LC_ALL= run_oberig "$WORK/out4" "$WORK/err" report merge "${inputs[@]}" -o "$WORK/r4"
expect_contains "$WORK/out4" "Знайдено ознаки зламу"

# export: MISP and STIX, TLP:AMBER by default, read back with every indicator
mapfile -t indicators < <(jq -r '.indicators[] | "\(.type) \(.value)"' "$json")
[[ ${#indicators[@]} -ge 8 ]] || fail "expected at least 8 indicators, got ${#indicators[@]}"
for format in misp stix; do
  run_oberig "$WORK/export.$format" "$WORK/err" report export --format "$format" "$json"
  expect_status 0 "export $format"
  grep -qi olena "$WORK/export.$format" && fail "the $format export names the person"
  grep -q "kovalenko" "$WORK/export.$format" && fail "the $format export has the person's address"
  pass
  OBERIG_DB=$WORK/$format.db run_oberig "$WORK/out" "$WORK/err" ioc import "$WORK/export.$format"
  expect_status 0 "import of the $format export"
  OBERIG_DB=$WORK/$format.db run_oberig "$WORK/list" "$WORK/err" ioc list --format jsonl
  for indicator in "${indicators[@]}"; do
    jq_expect "$WORK/list" "map(select(.indicator_type == \"${indicator%% *}\" and .value == \"${indicator#* }\")) | length >= 1"
  done
done
expect_contains "$WORK/export.misp" '"tlp:amber"'
expect_contains "$WORK/export.stix" "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
run_oberig "$WORK/out" "$WORK/err" report export --format stix --tlp red "$json" -o "$WORK/red.json"
expect_status 0 "export --tlp red -o FILE"
expect_contains "$WORK/red.json" "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"

# hostile and wrong input: notices, never a crash; usage errors exit 2
printf '{"type":"finding","path":7}\nnot json\n{"type":"message","verdict":[1]}\n' >"$WORK/bad.jsonl"
head -c 9000000 /dev/zero | tr '\0' 'a' >>"$WORK/bad.jsonl"
run_oberig "$WORK/out" "$WORK/err" report merge "$WORK/bad.jsonl" -o "$WORK/r5"
expect_status 0 "merge of lines it does not understand"
expect_contains "$WORK/out" "No known signs found"
jq_expect "$WORK/r5/report.json" '.[0].notices | length >= 3'
jq_expect "$WORK/r5/report.json" '.[0].steps[0].ignored == 3'
echo '{}' | run_oberig "$WORK/out" "$WORK/err" report merge - -o "$WORK/r6"
expect_status 0 "merge of standard input"
run_oberig "$WORK/out" "$WORK/err" report merge "$WORK/missing.jsonl" -o "$WORK/r7"
expect_status 2 "a missing input"
run_oberig "$WORK/out" "$WORK/err" report merge
expect_status 2 "merge without files"
run_oberig "$WORK/out" "$WORK/err" report export "$json"
expect_status 2 "export without --format"
run_oberig "$WORK/out" "$WORK/err" report export --format misp --tlp purple "$json"
expect_status 2 "an unknown TLP level"
run_oberig "$WORK/out" "$WORK/err" report export --format misp "$WORK/scan.jsonl"
expect_status 2 "export of what is not a report"
run_oberig "$WORK/out" "$WORK/err" report frobnicate
expect_status 2 "an unknown action"
oberig_path=$(realpath "$OBERIG")
(cd "$WORK" && "$oberig_path" report merge "${inputs[@]}" >/dev/null) && fail "expected exit 1"
ls -d "$WORK"/oberig-report-*/report.html >/dev/null || fail "no default report folder"
pass

# The page in a browser: the verdict and every finding in the DOM, and a
# screenshot that is a PNG.
if browse_page "$html"; then
  expect_contains "$WORK/dom.html" "Signs of compromise found"
  for id in $(jq -r '.findings[].id' "$json"); do
    expect_contains "$WORK/dom.html" "id=\"finding-$id\""
  done
  expect_contains "$WORK/dom.html" "eicar.com"
fi
finish
