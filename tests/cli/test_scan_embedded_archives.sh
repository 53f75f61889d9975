#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Archives that do not start at the first byte (issue 17, failure 1): a zip
# after a program's code (a self-extracting archive), after junk bytes, with
# its offsets counted from the file (zip -A), and a 7z after a program are
# found the way their readers find them, their members scanned, and the
# file given a reason that says so. A lying end record is no archive, and
# the rest of the scan goes on.
source "$(dirname "$0")/lib.sh"
for tool in zip jq bsdtar python3; do
  command -v $tool >/dev/null || { echo "skip: $tool is not installed"; exit 77; }
done
eicar() { printf '%s%s' 'X5O!P%@AP[4\PZX54(P^)7CC)7}$' 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'; }
rules="$ROOT/examples/rules"
t="$WORK/tree"
mkdir -p "$t" "$WORK/src"
# The member is compressed (EICAR then 4 KiB of the same line), so the test
# string is not in the outer file's bytes: only the member can match.
{ eicar; for _ in $(seq 60); do echo 'padding padding padding padding padding padding padding'; done; } \
  > "$WORK/src/invoice.com"
echo "an ordinary note" > "$WORK/src/note.txt"
(cd "$WORK/src" && zip -q -9 "$WORK/e.zip" invoice.com note.txt)
if grep -aq "EICAR-STANDARD" "$WORK/e.zip"; then fail "the member was stored, not compressed"; fi
(cd "$WORK/src" && bsdtar --format 7zip -cf "$WORK/e.7z" invoice.com note.txt)

{ printf 'MZ'; head -c 1048576 /dev/zero; cat "$WORK/e.zip"; } > "$t/setup.exe"
{ printf 'MZ'; head -c 1048576 /dev/zero; cat "$WORK/e.zip"; } > "$t/setup-adjusted.exe"
(cd "$t" && zip -q -A setup-adjusted.exe)
{ printf '0123456789abcdef'; cat "$WORK/e.zip"; } > "$t/photo.bin"
{ printf '\177ELF'; head -c 200000 /dev/zero; cat "$WORK/e.7z"; } > "$t/installer"
# An end record that points outside the file: no archive, no crash.
python3 - "$t/liar.exe" <<'PY'
import struct, sys
body = b"MZ" + b"\0" * 4096
eocd = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, 1, 1, 0x7fffffff, 0x7ffffff0, 0)
open(sys.argv[1], "wb").write(body + eocd)
PY
cp "$WORK/e.zip" "$t/plain.zip"
# A program that merely holds the 7z and RAR signatures as constants (as
# libarchive itself does) has no archive: their header checksums fail.
python3 - "$t/reader-library" <<'PY'
import sys
body = b"\x7fELF" + b"\0" * 100 + b"7z\xbc\xaf\x27\x1c\x00\x04" + b"\x11" * 40
body += b"Rar!\x1a\x07\x00" + b"\x22" * 40 + b"Rar!\x1a\x07\x01\x00" + b"\x33" * 40
open(sys.argv[1], "wb").write(body)
PY

listing() { find "$t" -printf '%p %s %T@ %C@ %m\n' | sort; }
listing > "$WORK/before.lst"
run_oberig "$WORK/out" "$WORK/err" scan --no-store --rules "$rules" --format jsonl "$t"
expect_status 1 "EICAR inside each embedded archive is found"
# oberig never writes into what it scans: no file added, changed or touched.
listing > "$WORK/after.lst"
diff "$WORK/before.lst" "$WORK/after.lst" >&2 || fail "the scan changed the scanned tree"
pass
for f in setup.exe setup-adjusted.exe photo.bin installer plain.zip; do
  jq_expect "$WORK/out" "[.[] | select(.type == \"finding\" and .path == \"$t/$f\" and .member == \"invoice.com\")
    | .reasons | any(.signal == \"yara\")] == [true]"
done
# What the outer file is, said in its reasons.
jq_expect "$WORK/out" "[.[] | select(.type == \"finding\" and .path == \"$t/setup.exe\" and .member == null)][0]
  | .reasons | any(.signal == \"archive-appended\" and .name == \"zip\")"
jq_expect "$WORK/out" "[.[] | select(.type == \"finding\" and .path == \"$t/setup.exe\" and .member == null)][0]
  | .reasons | all(.signal != \"yara\")"
jq_expect "$WORK/out" "[.[] | select(.type == \"finding\" and .path == \"$t/setup-adjusted.exe\" and .member == null)][0]
  | .reasons | any(.signal == \"archive-appended\")"
jq_expect "$WORK/out" "[.[] | select(.type == \"finding\" and .path == \"$t/installer\" and .member == null)][0]
  | .reasons | any(.signal == \"archive-appended\" and .name == \"7z\")"
jq_expect "$WORK/out" "[.[] | select(.type == \"finding\" and .path == \"$t/photo.bin\" and .member == null)][0]
  | .reasons | any(.signal == \"archive-after-data\" and .name == \"zip\")"
# A plain zip and the liar get no such reason; the liar is no finding at all.
jq_expect "$WORK/out" "[.[] | select(.type == \"finding\" and .path == \"$t/plain.zip\")
  | .reasons[] | select(.signal == \"archive-appended\" or .signal == \"archive-after-data\")] == []"
jq_expect "$WORK/out" "[.[] | select(.type == \"finding\" and .path == \"$t/liar.exe\")] == []"
jq_expect "$WORK/out" "[.[] | select(.type == \"finding\" and .path == \"$t/reader-library\")] == []"
jq_expect "$WORK/out" '[.[] | select(.type == "summary")][0] | .errors == 0 and .members >= 10'

# --no-archives still says what the file is.
run_oberig "$WORK/out" "$WORK/err" scan --no-store --no-archives --format jsonl "$t/setup.exe"
expect_status 0 "the reason alone is a notice, below WARNING"
jq_expect "$WORK/out" '[.[] | select(.type == "finding")] | length == 1 and .[0].level == "notice"
  and (.[0].reasons | map(.signal) == ["archive-appended"])'

# In Ukrainian.
run_oberig "$WORK/uk" "$WORK/err" --lang uk scan --no-store --no-archives "$t/setup.exe"
expect_not_contains "$WORK/uk" "self-extracting"
expect_contains "$WORK/uk" "zip"

# A message with the self-extractor attached: the member inside is found.
python3 - "$t/setup.exe" "$WORK/sfx.eml" <<'PY'
import sys
from email.message import EmailMessage
m = EmailMessage()
m["From"] = "Accounts <accounts@partner.example>"
m["To"] = "olena@redaktsiia.example"
m["Subject"] = "Installer"
m.set_content("Please run the installer attached.")
m.add_attachment(open(sys.argv[1], "rb").read(), maintype="application", subtype="octet-stream",
                 filename="setup.exe")
open(sys.argv[2], "wb").write(bytes(m))
PY
run_oberig "$WORK/mail" "$WORK/err" mail --no-store --rules "$rules" --format jsonl "$WORK/sfx.eml"
expect_status 1 "the attached self-extractor's EICAR is found"
jq_expect "$WORK/mail" '.[0].reasons | any(.signal == "attachment-known-malware")'
finish
