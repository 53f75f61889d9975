#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A file-name pattern written for the root of a Windows drive ("C:\\x.exe")
# matches at the root of the scanned disk, with or without --windows-drive,
# and not in a folder of the same name below it (issue 16: S-CMS ships a
# folder named "1.com.php").
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }
disk="$WORK/mnt/client-laptop"
mkdir -p "$disk/Windows/Temp" "$disk/www/S-CMS_v3/1.com.php/admin" "$disk/www/Windows/Temp" "$WORK/iocs"
echo x > "$disk/1.com"
echo x > "$disk/Windows/Temp/svchost.exe"
echo x > "$disk/www/S-CMS_v3/1.com.php/admin/tpl.php"
echo x > "$disk/www/S-CMS_v3/ab.exe"
echo x > "$disk/www/Windows/Temp/svchost.exe"
cat > "$WORK/iocs/filename-iocs.txt" <<'IOCS'
# Malware locations
[Cc]:\\[\w]{1,2}\.(exe|com|scr);45

# Fake svchost in the drive's temporary folder
C:\\Windows\\Temp\\svchost\.exe$;70
IOCS
found() { jq -rs '[.[] | select(.type == "finding") | .path | ltrimstr("'"$disk"'")] | sort | join(" ")' "$1"; }
for drive in "" "--windows-drive c"; do
  # shellcheck disable=SC2086 # the option and its value are two words
  run_oberig "$WORK/out" "$WORK/err" scan --format jsonl --no-store --notice 1 $drive --iocs "$WORK/iocs" "$disk"
  expect_status 1 "drive-root patterns ${drive:-without --windows-drive}"
  [ "$(found "$WORK/out")" = "/1.com /Windows/Temp/svchost.exe" ] ||
    fail "${drive:-no drive}: found $(found "$WORK/out")"
  pass
done
# Scanning a folder below the disk: that folder is the root now.
run_oberig "$WORK/out" "$WORK/err" scan --format jsonl --no-store --notice 1 --iocs "$WORK/iocs" "$disk/www/S-CMS_v3"
[ "$(found "$WORK/out")" = "/www/S-CMS_v3/ab.exe" ] || fail "below the disk: found $(found "$WORK/out")"
pass
# A drive root written in an archive member's name is one too.
if command -v zip >/dev/null; then
  mkdir -p "$WORK/zip/sub" && echo x > "$WORK/zip/x.txt"
  (cd "$WORK/zip" && zip -q member.zip x.txt && printf '@ x.txt\n@=C:\\Windows\\Temp\\svchost.exe\n' | zipnote -w member.zip && mv member.zip sub/)
  run_oberig "$WORK/out" "$WORK/err" scan --format jsonl --no-store --notice 1 --iocs "$WORK/iocs" "$WORK/zip"
  jq_expect "$WORK/out" 'map(select(.type == "finding" and (.member | test("^C:[/\\\\]Windows[/\\\\]Temp[/\\\\]svchost[.]exe$")))) | length == 1'
fi
finish
