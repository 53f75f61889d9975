#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Bad input gets a clear message and the rest of the work goes on: archive
# bombs, corrupt and deeply nested archives, FIFOs, symlinks out of the
# root, unreadable files, missing paths and oversized files.
source "$(dirname "$0")/lib.sh"
for tool in zip gzip jq; do
  command -v $tool >/dev/null || { echo "skip: $tool is not installed"; exit 77; }
done
eicar() { printf '%s%s' 'X5O!P%@AP[4\PZX54(P^)7CC)7}$' 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'; }
t="$WORK/tree"
mkdir -p "$t/nest" "$WORK/outside"

# A bomb: 200 MB of zeros in about 200 KB of gzip (a ratio near 1000).
head -c 200000000 /dev/zero | gzip -9 > "$t/bomb.bin.gz"
# A corrupt zip, a truncated gzip holding EICAR, and garbage that looks like a zip.
eicar > "$WORK/e.com"
(cd "$WORK" && zip -q corrupt.zip e.com) && head -c 60 "$WORK/corrupt.zip" > "$t/corrupt.zip"
eicar | gzip > "$t/eicar.com.gz"
printf 'PK\003\004garbage garbage garbage' > "$t/fake.zip"
# Nested archives: found down to the depth limit (4), then a notice.
cp "$WORK/e.com" "$WORK/level0.com"
prev="$WORK/level0.com"
for i in 1 2 3 4 5 6; do
  (cd "$WORK" && rm -f "level$i.zip" && zip -q -j "level$i.zip" "$prev")
  prev="$WORK/level$i.zip"
done
cp "$WORK/level4.zip" "$t/nest/deep.zip"
cp "$WORK/level6.zip" "$t/nest/deeper.zip"
# Things never to open or follow.
mkfifo "$t/pipe"
eicar > "$WORK/outside/escaped.com"
ln -s "$WORK/outside" "$t/link-out"
ln -s "$WORK/outside/escaped.com" "$t/link-file.com"
# Too large for --max-size 1M.
head -c 2000000 /dev/zero > "$t/large.bin"
eicar > "$t/plain-eicar.com"

run_oberig "$WORK/out" "$WORK/err" scan --format jsonl --max-size 1M --rules "$ROOT/examples/rules" "$t" "$WORK/does-not-exist"
expect_status 1 "findings despite bad input"
out="$WORK/out"
# Under --max-size 1M the bomb's one member is simply too large to scan.
jq_expect "$out" 'map(select(.type == "notice" and (.path | endswith("bomb.bin.gz")) and (.message | test("larger than the maximum")))) | length == 1'
jq_expect "$out" '.[-1].skipped.archive_limits == 2'    # the bomb's big member, the depth limit
jq_expect "$out" 'map(select(.type == "notice" and (.path | endswith("corrupt.zip")))) | length >= 1'
jq_expect "$out" 'map(select(.type == "finding" and (.path | endswith("eicar.com.gz")) and .member == "eicar.com")) | length == 1'
jq_expect "$out" 'map(select(.type == "finding" and (.path | endswith("deep.zip")))) | length == 1 and (.[0].member | split("/") | length) == 4'
jq_expect "$out" 'map(select(.type == "notice" and (.path | endswith("deeper.zip")) and (.message | test("nested deeper")))) | length == 1'
jq_expect "$out" 'map(select(.type == "finding" and (.path | test("escaped|link-")))) | length == 0'
jq_expect "$out" 'map(select(.type == "finding" and (.path | endswith("plain-eicar.com")))) | length == 1'
jq_expect "$out" 'map(select(.type == "error" and (.path | endswith("does-not-exist")))) | length == 1'
jq_expect "$out" '.[-1].errors == 1 and .[-1].skipped.size == 1 and .[-1].skipped.type == 3'

# With default limits the bomb expands until its ratio gives it away.
run_oberig "$WORK/out" "$WORK/err" scan --format jsonl "$t/bomb.bin.gz"
expect_status 0 "a bomb alone is a notice, not a finding"
jq_expect "$WORK/out" 'map(select(.type == "notice" and (.message | test("archive bomb")))) | length == 1'
jq_expect "$WORK/out" '.[-1].skipped.archive_limits == 1 and .[-1].files == 1'

# A tar.gz is counted once against --archive-max-bytes, not twice (the tar
# and then its files): 3 MB of incompressible files fit in a 4 MB budget.
mkdir -p "$WORK/tgz" && head -c 3000000 /dev/urandom > "$WORK/tgz/random.bin" && eicar > "$WORK/tgz/e.com"
tar -C "$WORK/tgz" -czf "$WORK/bundle.tar.gz" random.bin e.com
run_oberig "$WORK/out" "$WORK/err" scan --format jsonl --archive-max-bytes 4M --rules "$ROOT/examples/rules" "$WORK/bundle.tar.gz"
expect_status 1 "EICAR inside the tar.gz"
jq_expect "$WORK/out" '.[-1].skipped.archive_limits == 0 and (map(select(.type == "finding")) | .[0].member) == "bundle.tar/e.com"'
# A limit reached inside a nested archive (the tar in the gzip stream) is
# counted once for the file on disk.
run_oberig "$WORK/out" "$WORK/err" scan --format jsonl --archive-max-entries 1 "$WORK/bundle.tar.gz"
jq_expect "$WORK/out" '.[-1].skipped.archive_limits == 1 and (map(select(.type == "notice" and (.message | test("more members than the limit")))) | length == 1)'

# Permission denied, as an unprivileged user (root reads everything).
if [[ $(id -u) -eq 0 ]] && command -v setpriv >/dev/null; then
  d="$WORK/perm"
  mkdir -p "$d/locked-dir" && chmod 755 "$WORK" "$d"
  echo secret > "$d/locked.txt" && chmod 000 "$d/locked.txt"
  echo secret > "$d/locked-dir/x" && chmod 000 "$d/locked-dir"
  eicar > "$d/readable.com" && chmod 644 "$d/readable.com"
  # The checkout may sit in a folder only root can enter: give the
  # unprivileged user its own copy of the program and rules.
  mkdir -p "$WORK/bin" && cp "$OBERIG" "$WORK/bin/oberig" && cp -r "$ROOT/examples/rules" "$WORK/bin/rules"
  cp "$ROOT/tests/tsan.supp" "$WORK/bin/" # read by ThreadSanitizer builds
  chmod -R a+rX "$WORK/bin"
  status=0
  tsan=${TSAN_OPTIONS:+${TSAN_OPTIONS/suppressions=*([^ ])/suppressions=$WORK/bin/tsan.supp}}
  TSAN_OPTIONS=$tsan setpriv --reuid=65534 --regid=65534 --clear-groups "$WORK/bin/oberig" scan --format jsonl \
    --rules "$WORK/bin/rules" "$d" >"$WORK/perm.out" 2>"$WORK/perm.err" || status=$?
  [[ $status -eq 1 ]] || cat "$WORK/perm.err" >&2
  expect_status 1 "unreadable files are not fatal"
  jq_expect "$WORK/perm.out" 'map(select(.type == "error" and (.message | test("permission denied")))) | length == 2'
  jq_expect "$WORK/perm.out" '.[-1].errors == 2 and .[-1].files == 1'
  expect_contains "$WORK/perm.err" "permission denied"
else
  echo "note: not root, permission test skipped"
fi

# Nothing scanned was changed: contents and access times stay as they were.
before=$(find "$t" -type f -printf '%p %s %T@\n' | sort | md5sum)
run_oberig "$WORK/out" "$WORK/err" scan --rules "$ROOT/examples/rules" "$t"
after=$(find "$t" -type f -printf '%p %s %T@\n' | sort | md5sum)
[[ "$before" == "$after" ]] || fail "the scan changed files"
pass
finish
