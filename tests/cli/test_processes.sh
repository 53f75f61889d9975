#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# oberig scan --processes: a program copied into a temporary folder, started
# and deleted while it runs; a process whose name is a file-name indicator
# of the store; a program whose path a --iocs file-name pattern matches;
# what could not be read is counted, also for a user without privileges.
source "$(dirname "$0")/lib.sh"
[[ -r /proc/self/exe ]] || { echo "skip: no /proc"; exit 77; }
sleeper=$(command -v sleep)

bin=$WORK/bin
mkdir -p "$bin"
cp "$sleeper" "$bin/oberig-gone"
cp "$sleeper" "$bin/evilname"
cp "$sleeper" "$bin/dropper-x1"
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; }
trap 'cleanup; chmod -R u+rwx "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
"$bin/oberig-gone" 300 &
gone=$!
pids+=("$gone")
"$bin/evilname" 300 &
named=$!
pids+=("$named")
"$bin/dropper-x1" 300 &
dropper=$!
pids+=("$dropper")
# Wait until each runs its own program, then delete one.
for pid in "$gone" "$named" "$dropper"; do
  for _ in $(seq 1 100); do
    [[ $(readlink "/proc/$pid/exe" 2>/dev/null) == "$bin/"* ]] && break
    sleep 0.02
  done
done
rm "$bin/oberig-gone"

printf 'type,value,description,campaign\nfile-name,evilname,implant,TestSpy\n' >"$WORK/names.csv"
run_oberig "$WORK/out" "$WORK/err" ioc import --source "Test Lab" "$WORK/names.csv"
expect_status 0 "import"
mkdir -p "$WORK/iocs"
printf '# test dropper\n/dropper-x[0-9]$;75\n' >"$WORK/iocs/filename-iocs.txt"

run_oberig "$WORK/out" "$WORK/err" scan -q --no-yara --processes -i "$WORK/iocs" -f jsonl
expect_status 1 "processes found"
p='map(select(.type == "finding" and .process != null))'
jq_expect "$WORK/out" "$p | map(select(.process.pid == $gone))[0] |
  .process.deleted and .process.program == \"$bin/oberig-gone\" and .path == \"$bin/oberig-gone\"
  and (.reasons | map(.signal) | sort) == [\"process-deleted\", \"process-temp-folder\"]
  and .level == \"warning\" and (.sha256 | length) == 64"
# Its content was read through /proc: the hashes are those of the program.
want=$(sha256sum "$sleeper" | cut -d' ' -f1)
jq_expect "$WORK/out" "$p | map(select(.process.pid == $gone))[0].sha256 == \"$want\""
jq_expect "$WORK/out" "$p | map(select(.process.pid == $named))[0] |
  (.process.deleted | not) and .process.name == \"evilname\" and
  (.reasons | map(select(.signal == \"process-indicator\"))[0] |
    .name == \"evilname\" and .campaign == \"TestSpy\" and .source == \"Test Lab\")"
jq_expect "$WORK/out" "$p | map(select(.process.pid == $dropper))[0] |
  (.reasons | map(.signal) | sort) == [\"filename\", \"process-temp-folder\"]"
jq_expect "$WORK/out" 'map(select(.type == "summary"))[0].files >= 3'

# Human output names the process.
run_oberig "$WORK/out" "$WORK/err" scan -q --no-yara --no-store --processes
expect_status 1 "human"
expect_contains "$WORK/out" "process $gone (oberig-gone)"
expect_contains "$WORK/out" "is the program of a running process, deleted from the disk"

# In Ukrainian, from --lang and from the locale.
run_oberig "$WORK/out" "$WORK/err" scan -q --no-yara --no-store --processes --lang uk
expect_status 1 "human, Ukrainian"
expect_contains "$WORK/out" "процес $gone (oberig-gone)"
expect_contains "$WORK/out" "це програма запущеного процесу, видалена з диска (process-deleted"
expect_not_contains "$WORK/out" "is the program of a running process"
status=0
LANG=uk_UA.UTF-8 LC_ALL= LANGUAGE= "$OBERIG" scan -q --no-yara --no-store --processes \
  >"$WORK/out" 2>"$WORK/err" || status=$?
expect_status 1 "human, LANG=uk_UA.UTF-8"
expect_contains "$WORK/out" "запущений процес стартував із «$bin/oberig-gone»"

# Without privileges: the user's own processes are checked, the rest counted.
if [[ $(id -u) -eq 0 ]] && command -v setpriv >/dev/null; then
  chmod 755 "$WORK" "$bin"
  # A sanitizer's suppressions file inside a private checkout (a mktemp -d
  # clone is mode 0700) cannot be read by nobody: give it a readable copy.
  tsan_options=${TSAN_OPTIONS:-}
  if [[ $tsan_options =~ suppressions=([^ :]+) && -f ${BASH_REMATCH[1]} ]]; then
    cp "${BASH_REMATCH[1]}" "$WORK/tsan.supp" && chmod 644 "$WORK/tsan.supp"
    tsan_options=${tsan_options/${BASH_REMATCH[1]}/$WORK/tsan.supp}
  fi
  status=0
  TSAN_OPTIONS=$tsan_options setpriv --reuid=65534 --regid=65534 --clear-groups "$OBERIG" scan \
    -q --no-yara --no-store --processes -f jsonl >"$WORK/out" 2>"$WORK/err" || status=$?
  expect_status 0 "unprivileged: nobody's processes hold nothing"
  jq_expect "$WORK/out" 'map(select(.type == "notice" and .path == "/proc"))[0].message |
    test("^the programs? of [0-9]+ process(es)? could not be read \\(run as root")'
fi

# A path to scan is still needed without --processes.
run_oberig "$WORK/out" "$WORK/err" scan -q
expect_status 2 "no path"
expect_contains "$WORK/err" "or --processes"
finish
