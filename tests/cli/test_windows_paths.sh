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
finish
