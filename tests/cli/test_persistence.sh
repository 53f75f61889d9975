#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# oberig persistence on a Linux tree and a Windows tree made here: the
# Windows registry hives are written with hivex's own hivexsh, starting from
# an empty hive this script writes (libhivex ships none).
source "$(dirname "$0")/lib.sh"

# ---- a Linux tree ------------------------------------------------------------------
L=$WORK/linux
mkdir -p "$L/etc/cron.d" "$L/var/spool/cron/crontabs" "$L/home/olena/.config/systemd/user" \
  "$L/home/olena/.ssh" "$L/tmp" "$L/usr/bin" "$L/root"
echo '17 * * * * root /usr/bin/backup --quiet' >"$L/etc/cron.d/backup"
touch "$L/usr/bin/backup"
printf 'SHELL=/bin/sh\n# a comment\n@reboot /tmp/x --daemon\n' >"$L/var/spool/cron/crontabs/olena"
printf '[Unit]\nDescription=updater\n[Service]\nExecStart=-/tmp/x --run\n' \
  >"$L/home/olena/.config/systemd/user/upd.service"
touch "$L/tmp/x"
echo '/usr/lib/libhide.so' >"$L/etc/ld.so.preload"
printf 'ssh-ed25519 AAAAC3Nza olena@laptop\nssh-rsa AAAAB3Nza intruder@vps\n' \
  >"$L/home/olena/.ssh/authorized_keys"
echo 'export PATH' >"$L/home/olena/.bashrc"

run_oberig "$WORK/l.jsonl" "$WORK/err" persistence --root "$L" --format jsonl
expect_status 1 "the Linux tree has entries at WARNING"
jq_expect "$WORK/l.jsonl" 'map(select(.type == "persistence" and .kind == "cron" and .when == "boot")) | length == 1 and .[0].user == "olena" and .[0].command == "/tmp/x --daemon" and .[0].program_exists and (.[0].signals | map(.signal) == ["persistence-temp-folder"])'
jq_expect "$WORK/l.jsonl" 'map(select(.kind == "cron" and .when == "schedule")) | .[0].user == "root" and .[0].level == "none" and (.[0].program | endswith("/usr/bin/backup"))'
jq_expect "$WORK/l.jsonl" 'map(select(.kind == "systemd")) | length == 1 and .[0].when == "logon" and .[0].command == "/tmp/x --run" and .[0].level == "warning"'
jq_expect "$WORK/l.jsonl" 'map(select(.kind == "ld-preload")) | length == 1 and (.[0].signals | map(.signal) | index("persistence-preload-library") != null)'
jq_expect "$WORK/l.jsonl" 'map(select(.kind == "authorized-key")) | map(.command) == ["ssh-ed25519 AAAAC3Nza olena@laptop", "ssh-rsa AAAAB3Nza intruder@vps"]'
jq_expect "$WORK/l.jsonl" 'map(select(.kind == "shell-startup")) | length == 1 and .[0].level == "none"'
# a file-held entry's time is its file's
touch -d '2023-03-04 05:06:07 UTC' "$L/etc/cron.d/backup"
run_oberig "$WORK/l.jsonl" "$WORK/err" persistence --root "$L" --format jsonl
jq_expect "$WORK/l.jsonl" 'map(select(.type == "persistence")) | all(.mtime | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"))'
jq_expect "$WORK/l.jsonl" 'map(select(.kind == "cron" and .when == "schedule")) | .[0].mtime == "2023-03-04T05:06:07Z"'
jq_expect "$WORK/l.jsonl" 'map(select(.type == "persistence_summary")) | length == 1 and .[0].entries == 7 and .[0].levels.warning == 2 and .[0].notices == 0'

run_oberig "$WORK/l.txt" "$WORK/err" persistence --root "$L"
expect_status 1 "human output of the Linux tree"
expect_contains "$WORK/l.txt" "Starts when the computer starts"
expect_contains "$WORK/l.txt" "starts at every log-on of olena, as a user service (systemd)"
expect_contains "$WORK/l.txt" "lets whoever holds this key log in as olena (SSH)"
expect_contains "$WORK/l.txt" "persistence-preload-library: loads a library into every program"
expect_contains "$WORK/l.txt" "7 entries found, 3 need a closer look."

# Nothing set to start: exit 0.
mkdir -p "$WORK/empty/etc"
run_oberig "$WORK/out" "$WORK/err" persistence --root "$WORK/empty"
expect_status 0 "an empty tree"
expect_contains "$WORK/out" "0 entries found"

run_oberig "$WORK/out" "$WORK/err" persistence --root "$WORK/missing"
expect_status 2 "a root that does not exist"
run_oberig "$WORK/out" "$WORK/err" persistence extra
expect_status 2 "an operand"
expect_contains "$WORK/err" "Try 'oberig persistence --help'."

# ---- a Windows tree ------------------------------------------------------------------
if ! command -v hivexsh >/dev/null || ! command -v python3 >/dev/null; then
  echo "skip: the Windows part needs hivexsh (Debian's libhivex-bin) and python3"
  finish
  exit 0
fi

source "$(dirname "$0")/hives.sh"

# stamp HIVE KEY SECONDS: sets the last-write time of every key named KEY
# to SECONDS after 1970 (hivexsh leaves it 0), as FILETIME.
stamp() {
  python3 - "$@" <<'EOF'
import re, struct, sys
path, name, seconds = sys.argv[1], sys.argv[2].encode(), int(sys.argv[3])
data = bytearray(open(path, "rb").read())
found = 0
for match in re.finditer(b"nk", data):
    at = match.start()
    if at < 4096 + 32 or at + 76 > len(data):
        continue
    length = struct.unpack_from("<H", data, at + 72)[0]
    if bytes(data[at + 76:at + 76 + length]) == name:
        struct.pack_into("<Q", data, at + 4, (seconds + 11644473600) * 10000000)
        found += 1
open(path, "wb").write(data)
sys.exit(0 if found else 1)
EOF
}

W=$WORK/windows
mkdir -p "$W/Windows/System32/config" "$W/Windows/Temp" "$W/Users/olena/AppData/Roaming/Upd" \
  "$W/Windows/System32/Tasks/Vendor" \
  "$W/Users/olena/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup"
touch "$W/Users/olena/AppData/Roaming/Upd/SVC.exe" "$W/Windows/Temp/evil.exe" \
  "$W/Windows/System32/cmd.exe" "$W/Windows/System32/svchost.exe" \
  "$W/Windows/System32/userinit.exe" "$W/Windows/explorer.exe" \
  "$W/Users/olena/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup/helper.lnk"
hive "$W/Windows/System32/config/SOFTWARE" <<'EOF'
add Microsoft
cd Microsoft
add Windows
add Windows NT
cd Windows
add CurrentVersion
cd CurrentVersion
add Run
cd Run
setval 1
Updater
string:"C:\Users\olena\AppData\Roaming\upd\svc.exe" -k
cd ..
cd ..
cd ..
cd Windows NT
add CurrentVersion
cd CurrentVersion
add Winlogon
add Image File Execution Options
cd Winlogon
setval 2
Shell
string:explorer.exe
Userinit
string:C:\Windows\system32\userinit.exe,
cd ..
cd Image File Execution Options
add sethc.exe
cd sethc.exe
setval 1
Debugger
string:C:\Windows\System32\cmd.exe
commit
EOF
hive "$W/Windows/System32/config/SYSTEM" <<'EOF'
add Select
cd Select
setval 1
Current
dword:0x1
cd ..
add ControlSet001
cd ControlSet001
add Services
cd Services
add evilsvc
add netsvc
add manual
cd evilsvc
setval 2
Start
dword:0x2
ImagePath
expandstring:%SystemRoot%\Temp\evil.exe -svc
cd ..
cd netsvc
setval 2
Start
dword:0x2
ImagePath
expandstring:%SystemRoot%\system32\svchost.exe -k netsvcs
add Parameters
cd Parameters
setval 1
ServiceDll
expandstring:%ProgramData%\x\y.dll
cd ..
cd ..
cd manual
setval 2
Start
dword:0x3
ImagePath
string:C:\Program Files\Manual\manual.exe
commit
EOF
hive "$W/Users/olena/NTUSER.DAT" <<'EOF'
add Software
cd Software
add Microsoft
cd Microsoft
add Windows
cd Windows
add CurrentVersion
cd CurrentVersion
add Run
cd Run
setval 1
Sync
expandstring:%LOCALAPPDATA%\Sync\sync.exe /background
commit
EOF
# A scheduled task in UTF-16 with its byte-order mark, as Windows writes them.
{
  printf '\xff\xfe'
  printf '<?xml version="1.0" encoding="UTF-16"?>\n<Task><Triggers><LogonTrigger><Enabled>true</Enabled></LogonTrigger></Triggers><Actions Context="Author"><Exec><Command>C:\\ProgramData\\upd\\task.exe</Command><Arguments>-q &amp; -z</Arguments></Exec></Actions></Task>\n' |
    iconv -f UTF-8 -t UTF-16LE
} >"$W/Windows/System32/Tasks/Vendor/Refresh"

run_oberig "$WORK/w.jsonl" "$WORK/err" persistence --root "$W" --format jsonl
expect_status 1 "the Windows tree has entries at WARNING"
jq_expect "$WORK/w.jsonl" 'all(.[] | select(.type == "persistence"); .system == "windows")'
# a registry entry's time is its key's last write; a time of 0 (as hivexsh
# leaves it) or out of 1980..2200 gives none
jq_expect "$WORK/w.jsonl" 'map(select(.type == "persistence" and .key != null)) | length == 8 and all(has("mtime") | not)'
stamp "$W/Windows/System32/config/SOFTWARE" Run 1714557600 || fail "no key Run to stamp"
stamp "$W/Windows/System32/config/SOFTWARE" Winlogon 16725225600 || fail "no key Winlogon to stamp"
stamp "$W/Windows/System32/config/SYSTEM" evilsvc "$(date +%s)" || fail "no key evilsvc to stamp"
run_oberig "$WORK/w.jsonl" "$WORK/err" persistence --root "$W" --format jsonl
jq_expect "$WORK/w.jsonl" 'map(select(.value == "Updater")) | .[0].mtime == "2024-05-01T10:00:00Z"'
jq_expect "$WORK/w.jsonl" 'map(select(.kind == "winlogon")) | length == 2 and all(has("mtime") | not)'
now=$(date +%s)
jq_expect "$WORK/w.jsonl" 'map(select(.key == "ControlSet001\\Services\\evilsvc")) | .[0].mtime | fromdateiso8601 | . >= '"$((now - 600))"' and . <= '"$((now + 5))"
jq_expect "$WORK/w.jsonl" 'map(select(.kind == "startup-folder" or .kind == "scheduled-task")) | length == 2 and all(.mtime | fromdateiso8601 | . >= '"$((now - 600))"')'
jq_expect "$WORK/w.jsonl" 'map(select(.kind == "run-key" and .value == "Updater")) | length == 1 and .[0].user == null and .[0].key == "Microsoft\\Windows\\CurrentVersion\\Run" and (.[0].program | endswith("/Users/olena/AppData/Roaming/Upd/SVC.exe")) and .[0].program_exists and (.[0].signals | map(.signal) == ["persistence-user-folder"])'
jq_expect "$WORK/w.jsonl" 'map(select(.kind == "run-key" and .value == "Sync")) | length == 1 and .[0].user == "olena" and (.[0].program | endswith("/Users/olena/AppData/Local/Sync/sync.exe")) and (.[0].program_exists | not) and (.[0].signals | map(.signal) == ["persistence-missing-program"])'
jq_expect "$WORK/w.jsonl" 'map(select(.kind == "service" and .value == "ImagePath")) | map(.key) == ["ControlSet001\\Services\\evilsvc", "ControlSet001\\Services\\netsvc"]'
jq_expect "$WORK/w.jsonl" 'map(select(.key == "ControlSet001\\Services\\evilsvc")) | .[0].program_exists and (.[0].program | endswith("/Windows/Temp/evil.exe")) and (.[0].signals | map(.signal) == ["persistence-temp-folder"]) and .[0].when == "boot"'
jq_expect "$WORK/w.jsonl" 'map(select(.value == "ServiceDll")) | length == 1 and (.[0].signals | map(.signal) | index("persistence-service-dll") != null)'
jq_expect "$WORK/w.jsonl" 'map(select(.kind == "ifeo-debugger")) | length == 1 and .[0].program_exists and (.[0].signals | map(.signal) == ["persistence-ifeo-debugger"]) and .[0].level == "warning"'
jq_expect "$WORK/w.jsonl" 'map(select(.kind == "winlogon")) | length == 2 and all(.[]; .signals == [] and .program_exists) and (.[0].program | endswith("/Windows/explorer.exe"))'
jq_expect "$WORK/w.jsonl" 'map(select(.kind == "scheduled-task")) | length == 1 and .[0].when == "logon" and .[0].trigger == "starts at log-on as the scheduled task \"\\Vendor\\Refresh\"" and .[0].command == "C:\\ProgramData\\upd\\task.exe -q & -z" and (.[0].program | endswith("/ProgramData/upd/task.exe")) and (.[0].signals | map(.signal) == ["persistence-missing-program"])'
jq_expect "$WORK/w.jsonl" 'map(select(.kind == "startup-folder")) | length == 1 and .[0].user == "olena" and .[0].program_exists and .[0].signals == []'
jq_expect "$WORK/w.jsonl" 'map(select(.type == "persistence_summary")) | .[0].entries == 10 and .[0].notices == 0'

run_oberig "$WORK/w.txt" "$WORK/err" persistence --root "$W"
expect_status 1 "human output of the Windows tree"
expect_contains "$WORK/w.txt" "starts at every log-on of olena"
expect_contains "$WORK/w.txt" 'starts at boot as the service "evilsvc"'
expect_contains "$WORK/w.txt" 'whenever "sethc.exe" is started, Windows starts "C:\Windows\System32\cmd.exe" instead'
expect_contains "$WORK/w.txt" "key:     Microsoft\\Windows\\CurrentVersion\\Run"

# A Winlogon Shell with more than explorer.exe is flagged.
hive "$WORK/shell.hive" <<'EOF'
add Microsoft
cd Microsoft
add Windows NT
cd Windows NT
add CurrentVersion
cd CurrentVersion
add Winlogon
cd Winlogon
setval 1
Shell
string:explorer.exe, C:\Users\Public\run.exe
commit
EOF
cp -r "$W" "$WORK/shell"
cp "$WORK/shell.hive" "$WORK/shell/Windows/System32/config/SOFTWARE"
run_oberig "$WORK/s.jsonl" "$WORK/err" persistence --root "$WORK/shell" --format jsonl
jq_expect "$WORK/s.jsonl" 'map(select(.kind == "winlogon")) | length == 1 and (.[0].signals | map(.signal) == ["persistence-winlogon"])'

# A damaged hive: a notice, and the rest is still listed.
cp -r "$W" "$WORK/damaged"
truncate -s 6000 "$WORK/damaged/Users/olena/NTUSER.DAT"
head -c 8192 /dev/urandom >"$WORK/damaged/Windows/System32/config/SYSTEM"
run_oberig "$WORK/d.jsonl" "$WORK/d.err" persistence --root "$WORK/damaged" --format jsonl
expect_status 1 "damaged hives"
jq_expect "$WORK/d.jsonl" 'map(select(.type == "notice")) | map(.path | split("/") | last) | sort == ["NTUSER.DAT", "SYSTEM"]'
jq_expect "$WORK/d.jsonl" 'map(select(.kind == "run-key" or .kind == "ifeo-debugger" or .kind == "scheduled-task")) | length == 3'
jq_expect "$WORK/d.jsonl" 'map(select(.type == "persistence_summary")) | .[0].notices == 2'
expect_contains "$WORK/d.err" "registry hive not read"
run_oberig "$WORK/d.txt" "$WORK/d.err" persistence --root "$WORK/damaged"
expect_contains "$WORK/d.txt" "2 places could not be read fully"

# A value that is not valid UTF-16, and one that is not text: a notice
# each, and the good value beside them is listed.
cp -r "$W" "$WORK/badvalue"
hive "$WORK/badvalue/Windows/System32/config/SOFTWARE" <<'EOF'
add Microsoft
cd Microsoft
add Windows
cd Windows
add CurrentVersion
cd CurrentVersion
add Run
cd Run
setval 3
Bad
hex:1:00,d8,41,00,00,00
Number
dword:0x5
Good
string:C:\Windows\System32\cmd.exe /c exit
commit
EOF
run_oberig "$WORK/b.jsonl" "$WORK/b.err" persistence --root "$WORK/badvalue" --format jsonl
jq_expect "$WORK/b.jsonl" 'map(select(.type == "notice") | .message | test("\"(Bad|Number)\" of .*not valid UTF-16")) == [true, true]'
jq_expect "$WORK/b.jsonl" 'map(select(.kind == "run-key" and .user == null)) | map(.value) == ["Good"] and .[0].program_exists'

# ---- Ukrainian -------------------------------------------------------------------
english=("Starts when the computer starts" "starts at every log-on" "What now:" "entries found"
  "need a closer look" "starts a program kept in" "does not exist" "where:" "command:")
check_ukrainian() {
  local file=$1
  for sentence in "${english[@]}"; do expect_not_contains "$file" "$sentence"; done
}
run_oberig "$WORK/uk" "$WORK/err" --lang uk persistence --root "$W"
expect_status 1 "Ukrainian listing"
expect_contains "$WORK/uk" "ПОПЕРЕДЖЕННЯ"
expect_contains "$WORK/uk" "persistence-ifeo-debugger"
check_ukrainian "$WORK/uk"
status=0
LANG=uk_UA.UTF-8 LC_ALL= "$OBERIG" persistence --root "$L" >"$WORK/uk2" 2>"$WORK/err" || status=$?
expect_status 1 "Ukrainian by the locale"
check_ukrainian "$WORK/uk2"
for tree in "$L" "$W"; do
  run_oberig "$WORK/en.jsonl" "$WORK/err" --lang en persistence --root "$tree" --format jsonl
  run_oberig "$WORK/uk.jsonl" "$WORK/err" --lang uk persistence --root "$tree" --format jsonl
  blank='del(.trigger) | del(.signals[]?.explanation)'
  [[ "$(jq -cS "$blank" "$WORK/en.jsonl")" == "$(jq -cS "$blank" "$WORK/uk.jsonl")" ]] ||
    fail "the JSONL of $tree differs between languages beyond the human texts"
  cmp -s "$WORK/en.jsonl" "$WORK/uk.jsonl" && fail "the triggers of $tree are not translated"
  pass
done

# The signal table is in `oberig signals`.
run_oberig "$WORK/out" "$WORK/err" signals persistence
expect_status 0 "signals persistence"
for id in persistence-temp-folder persistence-user-folder persistence-missing-program \
  persistence-preload-library persistence-ifeo-debugger persistence-winlogon persistence-service-dll; do
  expect_contains "$WORK/out" "persistence $id"
done
finish
