#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# oberig triage end to end: a Linux tree and a Windows tree (registry hives
# made here with hivexsh) with planted files, persistence pointing at them
# and phishing in the mail; the report's JSON and HTML (in headless Chromium
# when installed), --skip, --quick, --redact, --encrypt-to, exit statuses.
source "$(dirname "$0")/lib.sh"

# report_expect FILE FILTER: the filter gives true on the one JSON object of FILE.
report_expect() { jq_expect "$1" ".[0] | ($2)"; }
eicar() { printf 'X5O!P%%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*' >"$1"; }
cat >"$WORK/tiny.yar" <<'EOF'
rule Triage_Test_EICAR
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

# ---- a Linux tree ------------------------------------------------------------------
L=$WORK/linux
home=$L/home/olena
mkdir -p "$home/Downloads" "$home/Завантаження" "$home/Documents" "$home/.config" \
  "$home/.mozilla/firefox/ab12.default-release/extensions" \
  "$home/.mozilla/firefox/ab12.default-release/cache2" \
  "$home/.thunderbird/xy.default/Mail/Local Folders" "$home/Maildir/new" "$home/Maildir/cur" \
  "$L/etc/cron.d" "$L/tmp/.cache-x" "$L/var/tmp"
echo 'XDG_DOWNLOAD_DIR="$HOME/Завантаження"' >"$home/.config/user-dirs.dirs"
eicar "$home/Downloads/invoice.exe"
eicar "$home/Завантаження/акт.exe"
eicar "$home/Documents/old.exe"
eicar "$home/.mozilla/firefox/ab12.default-release/extensions/helper@x.xpi"
eicar "$home/.mozilla/firefox/ab12.default-release/cache2/entry"
eicar "$L/tmp/.cache-x/upd"
touch -d '2024-05-01 10:00:00 UTC' "$L/tmp/.cache-x/upd"
echo '*/5 * * * * root /tmp/.cache-x/upd' >"$L/etc/cron.d/upd"
{
  echo 'From - Thu May  2 08:00:00 2024'
  sed 's/^Subject: .*/Subject: olena.kovalenko@example.net: your password expires today/' \
    "$ROOT/examples/mail/password-reset.eml"
} >"$home/.thunderbird/xy.default/Mail/Local Folders/Inbox"
cp "$home/.thunderbird/xy.default/Mail/Local Folders/Inbox" \
  "$home/.thunderbird/xy.default/Mail/Local Folders/Archives"
cp "$ROOT/examples/mail/colleague.eml" "$home/Maildir/new/1714636800.M1P1.laptop"

cd "$WORK" || fail "no work folder"
run_oberig "$WORK/out" "$WORK/err" triage --root "$L" --no-store --rules "$WORK/tiny.yar" -o "$WORK/r1"
expect_status 1 "the Linux tree has planted findings"
json=$WORK/r1/report.json
html=$WORK/r1/report.html
[[ $(stat -c %a "$json") == 600 && $(stat -c %a "$html") == 600 ]] || fail "report files are not 0600"
pass
report_expect "$json" '.verdict == "compromised" and .schema == 1'
report_expect "$json" '[.steps[].name] == ["persistence","startup-programs","processes","user-files","temp","app-data","browser","packages","bootrec","mail"]'
report_expect "$json" '.steps | map(select(.skipped == null)) | map(.name) == ["persistence","startup-programs","user-files","temp","browser","mail"]'
report_expect "$json" '.steps[] | select(.name == "processes") | .skipped == "only on the running system, not with --root"'
report_expect "$json" '.steps[] | select(.name == "bootrec") | .skipped == "the root folder is not a mounted disk"'
report_expect "$json" '.steps | map(select(.skipped == null)) | all(.seconds >= 0)'
# Each step names what it read.
report_expect "$json" '.steps[] | select(.name == "user-files") | .source | (contains("/home/olena/Downloads") and contains("/home/olena/Завантаження"))'
for planted in "Downloads/invoice.exe" "Завантаження/акт.exe" "Documents/old.exe" \
  "extensions/helper@x.xpi" "tmp/.cache-x/upd"; do
  report_expect "$json" "[.findings[] | select(.kind == \"file\" and (.path | endswith(\"$planted\")) and .level == \"alert\")] | length >= 1"
done
# The browser's cache is left out; the program cron starts is scanned with
# its entry, and the entry itself is in the report.
report_expect "$json" '[.findings[] | select(.path | contains("cache2"))] | length == 0'
report_expect "$json" '[.findings[] | select(.kind == "file" and (.path | endswith("/tmp/.cache-x/upd")))] | length == 1 and .[0].step == "temp" and (.[0].persistence | length > 0)'
report_expect "$json" '[.persistence[] | select(.kind == "cron" and (.program | endswith("/tmp/.cache-x/upd")))] | length == 1'
report_expect "$json" '[.timeline[] | select(.time | startswith("2024-05-01"))] | length >= 1'
# Mail: the Thunderbird inbox and archive, and the Maildir.
report_expect "$json" '[.findings[] | select(.kind == "mail")] | length == 2'
report_expect "$json" '.steps[] | select(.name == "mail") | .summary.messages == 3'
# A message's Date header places it on the timeline.
report_expect "$json" '[.findings[] | select(.kind == "mail")] | all(.time == "2026-01-14T06:58:10Z")'
report_expect "$json" '[.timeline[] | select(.time == "2026-01-14T06:58:10Z")] | length == 2'
report_expect "$json" '[.indicators[] | select(.type == "sha256" and .value == "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f")] | length == 1'
expect_contains "$WORK/out" "Signs of compromise found"
expect_contains "$WORK/out" "report written to $WORK/r1"
expect_contains "$WORK/err" "[1/10] what is set to start by itself"
expect_contains "$WORK/err" "[3/10] the programs of running processes: skipped"

# The page in a browser: the verdict and every finding.
if browse_page "$html"; then
  expect_contains "$WORK/dom.html" "Signs of compromise found"
  for id in $(jq -r '.findings[].id' "$json"); do
    expect_contains "$WORK/dom.html" "id=\"finding-$id\""
  done
  expect_contains "$WORK/dom.html" "акт.exe"
fi

# --skip and --quick: Documents, the whole browser profile and the archive
# folder of mail are not part of a quick run.
run_oberig "$WORK/out" "$WORK/err" triage --root "$L" --no-store --rules "$WORK/tiny.yar" \
  -o "$WORK/r2" --quick --skip mail,temp -q
expect_status 1 "a quick run still finds the downloads"
report_expect "$WORK/r2/report.json" '.steps[] | select(.name == "mail") | .skipped == "--skip"'
report_expect "$WORK/r2/report.json" '.steps[] | select(.name == "temp") | .skipped == "--skip"'
report_expect "$WORK/r2/report.json" '[.findings[] | select(.path | contains("Documents"))] | length == 0'
report_expect "$WORK/r2/report.json" '[.findings[] | select(.path | endswith("helper@x.xpi"))] | length == 1'
[[ ! -s $WORK/err ]] || { cat "$WORK/err" >&2; fail "--quiet printed progress"; }
pass
run_oberig "$WORK/out" "$WORK/err" triage --root "$L" --no-store --rules "$WORK/tiny.yar" \
  -o "$WORK/r3" --quick -q
report_expect "$WORK/r3/report.json" '.steps[] | select(.name == "mail") | .summary.messages == 2'

# --redact: no user name or home folder in any of the three forms.
run_oberig "$WORK/out" "$WORK/err" triage --root "$L" --no-store --rules "$WORK/tiny.yar" \
  -o "$WORK/r4" --redact
expect_status 1 "a redacted report"
for form in "$WORK/r4/report.json" "$WORK/r4/report.html" "$WORK/out"; do
  expect_not_contains "$form" "olena"
done
report_expect "$WORK/r4/report.json" '.redacted and ([.findings[] | select(.path | contains("/home/[user1]/Downloads/invoice.exe"))] | length == 1)'

# Nothing to find: exit 0; the default folder is made in the current one.
mkdir -p "$WORK/clean/home/anna/Downloads" "$WORK/cwd"
echo "notes" >"$WORK/clean/home/anna/Downloads/notes.txt"
(cd "$WORK/cwd" && "$OBERIG" triage --root "$WORK/clean" --no-store --rules "$WORK/tiny.yar" \
  >"$WORK/out" 2>"$WORK/err")
status=$?
[[ $status == 0 ]] || { cat "$WORK/err" >&2; fail "a clean tree exits $status"; }
pass
folder=$(ls "$WORK/cwd")
[[ $folder =~ ^oberig-report-[0-9]{8}-[0-9]{6}$ && -s $WORK/cwd/$folder/report.json ]] ||
  fail "the default report folder is '$folder'"
pass
report_expect "$WORK/cwd/$folder/report.json" '.verdict == "clean"'
expect_contains "$WORK/out" "No known signs found"

# In Ukrainian: the progress, the summary and the report; the codes stay.
run_oberig "$WORK/out" "$WORK/err" --lang uk triage --root "$WORK/clean" --no-store \
  --rules "$WORK/tiny.yar" -o "$WORK/uk"
expect_status 0 "a clean tree in Ukrainian"
expect_contains "$WORK/out" "Відомих ознак не знайдено"
expect_contains "$WORK/out" "звіт записано в"
expect_contains "$WORK/err" "[4/10] завантаження, стільниця й документи користувачів: 1 файл"
expect_contains "$WORK/err" "[3/10] програми запущених процесів: пропущено (лише на цьому комп'ютері, не з --root)"
expect_not_contains "$WORK/err" "skipped"
report_expect "$WORK/uk/report.json" '.language == "uk" and .verdict == "clean" and ([.steps[].name] | index("user-files") == 3)'

# Errors: exit 2.
run_oberig "$WORK/out" "$WORK/err" triage --root "$WORK/missing" -o "$WORK/r5"
expect_status 2 "a root that does not exist"
[[ ! -e $WORK/r5 ]] || fail "a report folder was made for a missing root"
pass
run_oberig "$WORK/out" "$WORK/err" triage --skip mail,nothing
expect_status 2 "an unknown step"
expect_contains "$WORK/err" "unknown step 'nothing'"
run_oberig "$WORK/out" "$WORK/err" triage /home
expect_status 2 "an operand"
expect_contains "$WORK/err" "use --root"

# ---- encrypted hand-off ------------------------------------------------------------
if command -v gpg >/dev/null && command -v gpgconf >/dev/null; then
  keys=$WORK/keys
  mkdir -m 700 "$keys"
  kgpg() { gpg --homedir "$keys" --batch --quiet "$@"; }
  trap 'gpgconf --homedir "$keys" --kill all 2>/dev/null || true' EXIT
  kgpg --passphrase '' --quick-gen-key 'Helpline <help@example.org>' default default never 2>/dev/null
  kgpg --armor --export help@example.org >"$WORK/helpline.asc"
  run_oberig "$WORK/out" "$WORK/err" triage --root "$L" --no-store --rules "$WORK/tiny.yar" \
    -o "$WORK/r6" --encrypt-to "$WORK/helpline.asc" --skip mail
  expect_status 1 "an encrypted report"
  [[ $(ls "$WORK/r6" | tr '\n' ' ') == "report.html.gpg report.json.gpg " ]] ||
    fail "the encrypted folder holds: $(ls -a "$WORK/r6")"
  pass
  for form in html json; do
    sum=$(sha256sum "$WORK/r6/report.$form.gpg" | cut -d' ' -f1)
    expect_contains "$WORK/out" "report.$form.gpg  SHA-256 $sum"
  done
  kgpg --decrypt "$WORK/r6/report.json.gpg" >"$WORK/decrypted.json" 2>/dev/null ||
    fail "the helpline's key cannot decrypt the report"
  report_expect "$WORK/decrypted.json" '.verdict == "compromised" and ([.findings[] | select(.path | endswith("invoice.exe"))] | length == 1)'
  kgpg --decrypt "$WORK/r6/report.html.gpg" >"$WORK/decrypted.html" 2>/dev/null ||
    fail "the helpline's key cannot decrypt the page"
  expect_contains "$WORK/decrypted.html" "Signs of compromise found"
  # A key file without a key: refused before anything runs.
  echo "not a key" >"$WORK/bad.asc"
  run_oberig "$WORK/out" "$WORK/err" triage --root "$L" --no-store -o "$WORK/r7" \
    --encrypt-to "$WORK/bad.asc"
  expect_status 2 "a key file without a key"
  [[ -z $(ls -A "$WORK/r7") ]] || fail "files were left after a bad key: $(ls -A "$WORK/r7")"
  pass
else
  echo "skip: gpg is not installed; the encrypted hand-off was not run"
fi

# ---- a Windows tree ------------------------------------------------------------------
if ! command -v hivexsh >/dev/null || ! command -v python3 >/dev/null; then
  echo "skip: the Windows part needs hivexsh (Debian's libhivex-bin) and python3"
  finish
  exit 0
fi
source "$ROOT/tests/cli/hives.sh"
W=$WORK/windows
mkdir -p "$W/Windows/System32/config" "$W/Users/olena/AppData/Roaming/upd" \
  "$W/Users/olena/Downloads" "$W/Users/olena/AppData/Local/Temp" "$W/ProgramData/x"
eicar "$W/Users/olena/AppData/Roaming/upd/svc.exe"
eicar "$W/Users/olena/Downloads/scan.pdf.exe"
hive "$W/Windows/System32/config/SOFTWARE" <<'EOF'
add Microsoft
cd Microsoft
add Windows
cd Windows
add CurrentVersion
cd CurrentVersion
add Run
cd Run
setval 1
Updater
string:"C:\Users\olena\AppData\Roaming\upd\svc.exe" -k
commit
EOF
# YARA sees the folders as Windows shows them, from the disk's root.
cp "$WORK/tiny.yar" "$WORK/windows.yar"
echo 'rule Triage_Test_Roaming { meta: score = 40 condition: filepath == "C:\\Users\\olena\\AppData\\Roaming\\upd" }' >>"$WORK/windows.yar"
run_oberig "$WORK/out" "$WORK/err" triage --root "$W" --no-store --rules "$WORK/windows.yar" -o "$WORK/w1"
expect_status 1 "the Windows tree"
wjson=$WORK/w1/report.json
report_expect "$wjson" '.steps | map(select(.skipped == null)) | map(.name) == ["persistence","startup-programs","user-files","app-data"]'
report_expect "$wjson" '[.persistence[] | select(.kind == "run-key" and (.program | endswith("AppData/Roaming/upd/svc.exe")))] | length == 1'
report_expect "$wjson" '[.findings[] | select((.path | endswith("upd/svc.exe")) and .level == "alert")] | length == 1 and (.[0].persistence | length > 0)'
report_expect "$wjson" '[.findings[] | select(.path | endswith("Downloads/scan.pdf.exe"))] | length == 1'
expect_contains "$WORK/err" "examining a Windows disk"
report_expect "$wjson" '[.findings[] | select(.path | endswith("upd/svc.exe")) | .reasons[].name] | index("Triage_Test_Roaming") != null'

# A damaged hive: a notice, and the rest of the triage goes on.
head -c 6000 /dev/urandom >"$W/Users/olena/NTUSER.DAT"
run_oberig "$WORK/out" "$WORK/err" triage --root "$W" --no-store --rules "$WORK/tiny.yar" -o "$WORK/w2"
expect_status 1 "a damaged hive"
report_expect "$WORK/w2/report.json" '[.problems[] | select(.step == "persistence" and (.path | endswith("NTUSER.DAT")))] | length == 1'
report_expect "$WORK/w2/report.json" '[.findings[] | select(.path | endswith("Downloads/scan.pdf.exe"))] | length == 1'
finish
