#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# File-name indicators written for Windows (backslashes, drive letters) match
# the same files on a Windows disk mounted on Linux.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }
disk="$WORK/mnt/client-laptop"
mkdir -p "$disk/Windows/Temp" "$disk/Program Files (x86)/LNVSuite" "$disk/Users/olena/AppData/Roaming" "$WORK/iocs"
echo x > "$disk/Windows/Temp/svchost.exe"
echo x > "$disk/Program Files (x86)/LNVSuite/LnrAuth.dll"
echo x > "$disk/Users/olena/AppData/Roaming/Setup-Helper.EXE"
echo x > "$disk/Users/olena/AppData/Roaming/notes.txt"
cat > "$WORK/iocs/filename-iocs.txt" <<'IOCS'
# Fake svchost outside System32
\\Windows\\Temp\\svchost\.exe$;70

# Lenovo supply-chain case
C:\\Program Files \(x86\)\\LNVSuite\\LnrAuth\.dll;60

# Executables in roaming profile folders
(?i)\\AppData\\Roaming\\[^\\]+\.exe$;50;\\Roaming\\Microsoft\\
IOCS
run_oberig "$WORK/out" "$WORK/err" scan --format jsonl --iocs "$WORK/iocs" "$disk"
expect_status 1 "windows indicators match"
out="$WORK/out"
jq_expect "$out" 'map(select(.type == "finding")) | length == 3'
jq_expect "$out" 'map(select(.type == "finding" and (.path | endswith("svchost.exe")))) | .[0].reasons[0] | .description == "Fake svchost outside System32" and .score == 70 and (.source | endswith("filename-iocs.txt:2"))'
jq_expect "$out" 'map(select(.type == "finding" and (.path | endswith("LnrAuth.dll")))) | length == 1'
jq_expect "$out" 'map(select(.type == "finding" and (.path | endswith("Setup-Helper.EXE")))) | .[0].level == "notice"'
jq_expect "$out" '.[0].filename_iocs == 3'

# YARA's filepath: as mounted here, or with --windows-drive as Windows shows it.
echo x > "$disk/boot.ini"
mkdir -p "$disk/Users/olena/AppData/Local/Google/Chrome/User Data/Default/Cache"
echo x > "$disk/Users/olena/AppData/Local/Google/Chrome/User Data/Default/Cache/f_000001"
cat > "$WORK/paths.yar" <<'RULES'
rule In_Roaming { condition: filepath contains "\\AppData\\Roaming" }
rule At_Drive_Root { condition: filepath == "C:\\" }
rule Outside_Cache { condition: filename == "f_000001" and not filepath contains "\\Cache" }
rule Mounted_Path { condition: filepath contains "/Users/olena/" }
RULES
hits() { jq -rs "[.[] | select(.type == \"finding\") | .reasons[] | select(.name == \"$2\")] | length" "$1"; }
run_oberig "$out" "$WORK/err" scan --format jsonl --no-store --notice 1 --rules "$WORK/paths.yar" "$disk"
[ "$(hits "$out" In_Roaming)" = 0 ] && [ "$(hits "$out" At_Drive_Root)" = 0 ] || fail "Windows paths without --windows-drive"
[ "$(hits "$out" Outside_Cache)" = 1 ] && [ "$(hits "$out" Mounted_Path)" = 3 ] || fail "mounted paths"
pass
run_oberig "$out" "$WORK/err" scan --format jsonl --no-store --notice 1 --windows-drive c: --rules "$WORK/paths.yar" "$disk"
[ "$(hits "$out" In_Roaming)" = 2 ] || fail "In_Roaming: $(hits "$out" In_Roaming)"
[ "$(hits "$out" At_Drive_Root)" = 1 ] || fail "At_Drive_Root: $(hits "$out" At_Drive_Root)"
[ "$(hits "$out" Outside_Cache)" = 0 ] && [ "$(hits "$out" Mounted_Path)" = 0 ] || fail "still mounted paths"
jq_expect "$out" 'map(select(.type == "finding" and (.reasons | any(.name == "At_Drive_Root")))) | .[0].path | endswith("/boot.ini")'
run_oberig "$out" "$WORK/err" scan --windows-drive CD "$disk"
expect_status 2 "bad drive letter"
expect_contains "$WORK/err" "not a drive letter"
finish
