#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Wiper damage with no baseline (issue #12): an ordinary tree of documents,
# pictures and programs gives no wiper finding; after a WhisperGate-style
# wipe (the start of each file overwritten with 0xCC, a random extension
# appended) every file is reported, ransom notes too, and the summary gives
# the extent in one sentence (human, in English and Ukrainian with its
# plural forms) and as fields (JSONL).
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed (scripts/install-deps.sh)"; exit 77; }
command -v python3 >/dev/null || { echo "skip: python3 is not installed"; exit 77; }

# ordinary DIR: small files with real headers, and a few legitimate
# look-alikes (zeros in a file whose name asks for no structure, a backup
# copy, a small empty document, a split archive's part).
ordinary() {
  mkdir -p "$1/docs" "$1/pics" "$1/bin"
  python3 - "$1" <<'PY'
import sys, zipfile, os
root = sys.argv[1]
with zipfile.ZipFile(f"{root}/docs/report.docx", "w") as z:
    z.writestr("word/document.xml", "<w:document>" + "report " * 400 + "</w:document>")
open(f"{root}/docs/budget.pdf", "wb").write(b"%PDF-1.7\n" + b"\0" * 3000 + b"%%EOF\n")
open(f"{root}/pics/photo.png", "wb").write(b"\x89PNG\r\n\x1a\n" + b"\0" * 5000)
open(f"{root}/pics/photo.jpg", "wb").write(b"\xff\xd8\xff\xe0\0\x10JFIF" + b"\0" * 5000)
open(f"{root}/bin/tool.exe", "wb").write(b"MZ\x90\0" + b"\0" * 6000)
open(f"{root}/bin/zeros.bin", "wb").write(b"\0" * 8192)
open(f"{root}/docs/empty.docx", "wb").write(b"\0" * 100)
open(f"{root}/docs/report.docx.bak", "wb").write(open(f"{root}/docs/report.docx", "rb").read())
open(f"{root}/docs/archive.zip.001", "wb").write(b"PK\3\4" + b"x" * 600)
open(f"{root}/docs/notes.txt", "w").write("Minutes: the old hard drive was replaced.\n")
PY
}

# wipe DIR N: N files overwritten at the start with 0xCC (the first MiB, or
# the whole of a smaller file) and renamed with a random-looking extension,
# modified between 14:02 and 14:09 on 2022-01-14 (UTC).
wipe() {
  python3 - "$1" "$2" <<'PY'
import calendar, os, sys
folder, count = sys.argv[1], int(sys.argv[2])
exts = "9fa2 k3qz x7b0 a1c9 m4n8 q2w9 z8y1 t5r3 h6j2 p0o4 u7i3".split()
os.makedirs(folder, exist_ok=True)
for i in range(count):
    name = f"{folder}/file{i}.docx"
    with open(name, "wb") as f:
        f.write(b"PK\3\4 real document %d" % i + os.urandom(3000))
    size = os.path.getsize(name)
    with open(name, "r+b") as f:  # the first MiB, or the whole smaller file
        f.write(b"\xcc" * min(size, 1 << 20))
    wiped = f"{name}.{exts[i % len(exts)]}{i // len(exts)}"
    os.rename(name, wiped)
    when = calendar.timegm((2022, 1, 14, 14, 2 + i % 8, 0))
    os.utime(wiped, (when, when))
PY
}

# 1. An ordinary tree: no wiper finding, no extent.
ordinary "$WORK/plain"
run_oberig "$WORK/plain.jsonl" "$WORK/plain.err" scan --format jsonl --threads 2 "$WORK/plain"
expect_status 0 "an ordinary tree is clean"
jq_expect "$WORK/plain.jsonl" '[.[] | select(.type == "finding")] | length == 0'
jq_expect "$WORK/plain.jsonl" '.[-1].type == "summary" and (.[-1] | has("wiper") | not) and .[-1].files == 10'
run_oberig "$WORK/plain.out" "$WORK/plain.err" scan "$WORK/plain"
expect_status 0 "an ordinary tree is clean (human)"
expect_not_contains "$WORK/plain.out" "damage"

# 2. The same tree wiped: five documents overwritten and renamed, plus the
# ordinary files and two ransom notes.
ordinary "$WORK/wiped"
wipe "$WORK/wiped/docs/wiped" 5
printf 'Your hard drive has been corrupted.\nIn case you want to recover, pay.\n' >"$WORK/wiped/note.txt"
printf 'contact us\n' >"$WORK/wiped/RyukReadMe.txt"
run_oberig "$WORK/wiped.jsonl" "$WORK/wiped.err" scan --format jsonl --threads 2 "$WORK/wiped"
expect_status 1 "a wiped tree is found"
jq_expect "$WORK/wiped.jsonl" '[.[] | select(.type == "finding" and (.path | test("/wiped/file[0-4]\\.docx\\.[a-z0-9]+$")))
  | [.reasons[].signal] | sort == ["wiper-overwritten", "wiper-renamed"]] | length == 5 and all'
jq_expect "$WORK/wiped.jsonl" '[.[] | select(.type == "finding") | .reasons[] | select(.signal == "wiper-overwritten")
  | .name == "0xcc" and (.description | contains("\".docx\""))] | length == 5 and all'
jq_expect "$WORK/wiped.jsonl" '[.[] | select(.type == "finding" and .level == "alert")] | length == 5'
jq_expect "$WORK/wiped.jsonl" '[.[] | select(.type == "finding") | select(any(.reasons[]; .signal == "ransom-note"))
  | .path | split("/") | last] | sort == ["RyukReadMe.txt", "note.txt"]'
jq_expect "$WORK/wiped.jsonl" '[.[] | select(.type == "finding")] | length == 7'
jq_expect "$WORK/wiped.jsonl" '.[-1].wiper == {"overwritten": 5, "files": 5, "of": 17, "byte": "0xcc",
  "renamed": 5, "mtime_first": "2022-01-14T14:02:00Z", "mtime_last": "2022-01-14T14:06:00Z",
  "renamed_total": 5, "renamed_first": "2022-01-14T14:02:00Z", "renamed_last": "2022-01-14T14:06:00Z",
  "ransom_notes": 2, "system_damaged": 0}'
run_oberig "$WORK/wiped.out" "$WORK/wiped.err" scan --threads 2 "$WORK/wiped"
expect_status 1 "a wiped tree is found (human)"
sentence="  damage    5 of 17 files overwritten with the byte 0xCC at the start and renamed with random extensions, modified between 2022-01-14 14:02 and 14:06 UTC"
expect_contains "$WORK/wiped.out" "$sentence"
[[ $(grep -c "damage" "$WORK/wiped.out") -eq 1 ]] || fail "the extent is not one line"
pass
expect_contains "$WORK/wiped.out" 'the start of the file is nothing but 0xcc repeated'

# 3. Ukrainian, with --lang and with the locale: the same sentence whole, in
# the plural form of each count (5 файлів, 21 файл, 22 файли).
run_oberig "$WORK/uk.out" "$WORK/uk.err" --lang uk scan --threads 2 "$WORK/wiped"
expect_status 1 "a wiped tree is found (Ukrainian)"
expect_contains "$WORK/uk.out" "  пошкоджено 5 файлів із 17: початок кожного перезаписано байтом 0xCC, до назви додано випадкове розширення; змінено між 2022-01-14 14:02 і 14:06 UTC"
expect_contains "$WORK/uk.out" "перезаписаний, як це роблять вайпери"
expect_contains "$WORK/uk.out" "схожий на записку з вимогою викупу"
for english in "damage" "overwritten with the byte" "was overwritten, as wipers do" \
  "looks like a ransom note" "an extension no program uses" "wiper check"; do
  expect_not_contains "$WORK/uk.out" "$english"
done
status=0
# (TSAN_OPTIONS kept: its suppressions name a race in glibc, see tests/tsan.supp)
env -i "PATH=$PATH" "OBERIG_DB=$OBERIG_DB" ${TSAN_OPTIONS:+"TSAN_OPTIONS=$TSAN_OPTIONS"} \
  LANG=uk_UA.UTF-8 "$OBERIG" scan --threads 2 "$WORK/wiped" \
  >"$WORK/locale.out" 2>/dev/null || status=$?
expect_status 1 "a wiped tree is found (Ukrainian locale)"
expect_contains "$WORK/locale.out" "  пошкоджено 5 файлів із 17:"
wipe "$WORK/many21" 21
run_oberig "$WORK/21.out" "$WORK/21.err" --lang uk scan --threads 2 "$WORK/many21"
expect_contains "$WORK/21.out" "  пошкоджено 21 файл із 21: початок кожного"
run_oberig "$WORK/21en.out" "$WORK/21en.err" scan --threads 2 "$WORK/many21"
expect_contains "$WORK/21en.out" "  damage    21 of 21 files overwritten with the byte 0xCC at the start and renamed with random extensions, modified between 2022-01-14 14:02 and 14:09 UTC"
wipe "$WORK/many22" 22
run_oberig "$WORK/22.out" "$WORK/22.err" --lang uk scan --threads 2 "$WORK/many22"
expect_contains "$WORK/22.out" "  пошкоджено 22 файли із 22: початок кожного"

# 4. JSON lines are the same in both languages but the human-language
# fields (a reason's description, a notice's message) and the timing.
same_json() {
  jq -c 'del(.seconds, .message) | if .reasons then .reasons |= map(del(.description)) else . end' "$1"
}
run_oberig "$WORK/uk.jsonl" "$WORK/uk.err" --lang uk scan --format jsonl --threads 1 "$WORK/wiped"
run_oberig "$WORK/en.jsonl" "$WORK/en.err" --lang en scan --format jsonl --threads 1 "$WORK/wiped"
[[ $(same_json "$WORK/uk.jsonl") == "$(same_json "$WORK/en.jsonl")" ]] ||
  fail "JSON lines differ between languages beyond the human-language fields"
pass
jq_expect "$WORK/uk.jsonl" '[.[] | select(.type == "finding") | .reasons[] | select(.signal == "wiper-overwritten")
  | .description | contains("вайпери")] | length == 5 and all'

# 5. Overwritten but not renamed, with a two-byte pattern: the sentence of
# that case.
mkdir -p "$WORK/pattern"
for i in 1 2 3; do
  python3 -c 'import sys; open(sys.argv[1], "wb").write(b"\x00\xff" * 2048)' "$WORK/pattern/p$i.pdf"
  touch -d "2022-02-23 16:5$i:00Z" "$WORK/pattern/p$i.pdf"
done
touch -d "2022-02-24 01:00:00Z" "$WORK/pattern/p3.pdf"
run_oberig "$WORK/pattern.out" "$WORK/pattern.err" scan --threads 2 "$WORK/pattern"
expect_status 1 "overwritten with a pattern"
expect_contains "$WORK/pattern.out" "  damage    3 of 3 files overwritten with the bytes 0x00 0xFF repeated at the start, modified between 2022-02-23 16:51 and 2022-02-24 01:00 UTC"
run_oberig "$WORK/pattern.jsonl" "$WORK/pattern.err" scan --format jsonl --threads 2 "$WORK/pattern"
jq_expect "$WORK/pattern.jsonl" '.[-1].wiper.pattern == "0x00 0xff" and .[-1].wiper.renamed == 0 and (.[-1].wiper | has("byte") | not)'

# 6. System programs and libraries, judged by their folder: emptied,
# overwritten with 0xCC, overwritten with random bytes; real ones and a
# data file in a project's bin folder are not flagged.
sys="$WORK/disk"
mkdir -p "$sys/usr/bin" "$sys/usr/lib/x86_64-linux-gnu" "$sys/Windows/System32" "$sys/project/bin"
cp /bin/ls "$sys/usr/bin/ls"
python3 - "$sys" <<'PY'
import random, sys
root = sys.argv[1]
open(f"{root}/usr/bin/true", "wb").write(b"")
open(f"{root}/usr/bin/cat", "wb").write(b"\xcc" * 70000)
random.seed(7)
open(f"{root}/usr/bin/sh", "wb").write(bytes(random.getrandbits(8) for _ in range(9000)))
open(f"{root}/usr/lib/x86_64-linux-gnu/libz.so.1", "wb").write(b"")
open(f"{root}/usr/lib/x86_64-linux-gnu/libc.so", "w").write("/* GNU ld script */\nGROUP ( libc.so.6 )\n")
open(f"{root}/Windows/System32/kernel32.dll", "wb").write(b"\0" * 5000)
open(f"{root}/project/bin/zeros.bin", "wb").write(b"\0" * 8192)
PY
chmod 755 "$sys/usr/bin/ls" "$sys/usr/bin/true" "$sys/usr/bin/cat" "$sys/usr/bin/sh"
chmod 644 "$sys/project/bin/zeros.bin"
run_oberig "$WORK/sys.jsonl" "$WORK/sys.err" scan --format jsonl --threads 2 "$sys"
expect_status 1 "damaged system programs are found"
jq_expect "$WORK/sys.jsonl" '[.[] | select(.type == "finding") | {(.path | split("/disk/") | last): [.reasons[].signal]}]
  | add == {"usr/bin/true": ["system-program-empty"], "usr/bin/cat": ["system-program-overwritten"],
  "usr/bin/sh": ["system-program-scrambled"], "usr/lib/x86_64-linux-gnu/libz.so.1": ["system-program-empty"],
  "Windows/System32/kernel32.dll": ["system-program-overwritten"]}'
jq_expect "$WORK/sys.jsonl" '[.[] | select(.type == "finding" and (.path | endswith("/usr/bin/cat")))][0]
  | .level == "alert" and .reasons[0].name == "0xcc"'
jq_expect "$WORK/sys.jsonl" '[.[] | select(.type == "finding" and (.path | endswith("/usr/bin/sh")))][0]
  | .level == "warning" and (.reasons[0].name | tonumber) > 7.9'
jq_expect "$WORK/sys.jsonl" '.[-1].wiper.system_damaged == 5'
run_oberig "$WORK/sys.out" "$WORK/sys.err" scan --threads 2 "$sys"
expect_contains "$WORK/sys.out" "  damage    5 system programs and libraries emptied or overwritten"
expect_contains "$WORK/sys.out" "this system program or library no longer starts as a program does: its start is nothing but 0xcc repeated"
run_oberig "$WORK/sys-uk.out" "$WORK/sys-uk.err" --lang uk scan --threads 2 "$sys"
expect_contains "$WORK/sys-uk.out" "  пошкоджено 5 системних програм і бібліотек: спорожнено або перезаписано"
expect_not_contains "$WORK/sys-uk.out" "system program"

# 7. --no-wiper-checks leaves all of them out.
run_oberig "$WORK/off.jsonl" "$WORK/off.err" scan --no-wiper-checks --format jsonl --threads 2 "$WORK/wiped" "$sys"
expect_status 0 "no wiper checks: nothing found"
jq_expect "$WORK/off.jsonl" '[.[] | select(.type == "finding")] | length == 0 and (.[-1] | has("wiper") | not)'

# 8. The real system's programs give no such finding.
if [[ -d /usr/sbin ]]; then
  run_oberig "$WORK/real.jsonl" "$WORK/real.err" scan --format jsonl --threads 2 /usr/sbin
  jq_expect "$WORK/real.jsonl" '[.[] | select(.type == "finding") | .reasons[].signal | select(startswith("system-program"))] | length == 0'
fi
finish
