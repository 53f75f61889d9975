#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A tree deeper than PATH_MAX (issue 17): the walk used to stop at depth
# 2,045 with "File name too long" and leave the subtree unscanned, a place
# to hide a payload. EICAR 3,000 folders down (a 9 KB path) is found, the
# scan is complete; past 4,096 folders the scan says the part it did not
# enter and counts it, so the result is marked incomplete. With --state, a
# deep archive whose record no longer serves is read again through the
# walk's folder, not by its too-long path. oberig baseline records and
# verifies the deep files as well, and the human output shortens a path
# over 1,024 bytes.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }
command -v python3 >/dev/null || { echo "skip: python3 is not installed"; exit 77; }
rules="$ROOT/examples/rules"
# Folders are made by descriptor: no tool is handed a path over PATH_MAX.
make_tree() { # ROOT LEVELS
  python3 - "$1" "$2" <<'PY'
import os, sys
root, levels = sys.argv[1], int(sys.argv[2])
os.makedirs(root)
fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
with open(os.path.join(root, "readme.txt"), "w") as note:
    note.write("an ordinary file near the top\n")
for _ in range(levels):
    os.mkdir("dd", dir_fd=fd)
    nxt = os.open("dd", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
    os.close(fd)
    fd = nxt
eicar = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
out = os.open("payload.com", os.O_WRONLY | os.O_CREAT, 0o600, dir_fd=fd)
os.write(out, eicar)
os.close(out)
import io, zipfile
zipped = io.BytesIO()
with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("inner.txt", "an ordinary note, deep down\n")
out = os.open("bundle.zip", os.O_WRONLY | os.O_CREAT, 0o600, dir_fd=fd)
os.write(out, zipped.getvalue())
os.close(out)
os.close(fd)
PY
}
make_tree "$WORK/deep" 3000
run_oberig "$WORK/out" "$WORK/err" scan --no-store --rules "$rules" --format jsonl "$WORK/deep"
expect_status 1 "EICAR 3,000 folders down is found"
jq_expect "$WORK/out" '[.[] | select(.type == "finding")] | length == 1 and (.[0].path | endswith("/dd/payload.com")) and (.[0].path | length) > 9000'
jq_expect "$WORK/out" '[.[] | select(.type == "summary")][0] | .files == 3 and .members == 1 and .errors == 0 and .incomplete == false'

# The state: the deep files come from it; once the archive's member is a
# known-good hash, its record no longer serves and it is read again.
sleep 2
mkdir "$WORK/iocs"
printf '# none yet\n' >"$WORK/iocs/falsepositive-hashes.txt"
state_scan() {
  run_oberig "$WORK/out" "$WORK/err" scan --no-store --rules "$rules" --iocs "$WORK/iocs" \
    --format jsonl --state "$WORK/deep.state" "$WORK/deep"
  expect_status 1 "EICAR found with --state ($1)"
}
state_scan "first"
state_scan "unchanged"
jq_expect "$WORK/out" '[.[] | select(.type == "summary")][0] | .files_from_state == 3 and .errors == 0'
printf '%s;known good\n' "$(printf 'an ordinary note, deep down\n' | md5sum | cut -d' ' -f1)" \
  >"$WORK/iocs/falsepositive-hashes.txt"
state_scan "a member became known good"
jq_expect "$WORK/out" '[.[] | select(.type == "summary")][0] | .files_read == 1 and .errors == 0 and .skipped.false_positive == 1'

# oberig baseline reads the deep files too: it records them, and finds a
# change to the one 3,000 folders down without an error.
run_oberig "$WORK/out" "$WORK/err" baseline create --db "$WORK/deep.db" "$WORK/deep"
expect_status 0 "baseline of the deep tree"
expect_contains "$WORK/out" "3 files recorded in"
expect_not_contains "$WORK/err" "too long"
python3 - "$WORK/deep" <<'PY'
import os, sys
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_DIRECTORY)
for _ in range(3000):
    nxt = os.open("dd", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
    os.close(fd)
    fd = nxt
out = os.open("payload.com", os.O_WRONLY | os.O_APPEND, dir_fd=fd)
os.write(out, b"changed")
os.close(out)
PY
run_oberig "$WORK/out" "$WORK/err" baseline verify --db "$WORK/deep.db" --format jsonl --full
expect_status 1 "the deep change is found"
jq_expect "$WORK/out" '[.[] | select(.type == "baseline-change")] | length == 1 and (.[0].path | endswith("/dd/payload.com"))'
jq_expect "$WORK/out" '[.[] | select(.type == "error")] | length == 0'
jq_expect "$WORK/out" '.[-1] | .type == "baseline-summary" and .files_read == 3'

make_tree "$WORK/deeper" 4100
run_oberig "$WORK/out" "$WORK/err" scan --no-store --rules "$rules" --format jsonl "$WORK/deeper"
expect_status 0 "nothing found above the limit"
jq_expect "$WORK/out" '[.[] | select(.type == "notice" or .type == "error") | select(.message | test("more than 4,096 folders deep"))] | length == 1'
jq_expect "$WORK/out" '[.[] | select(.type == "summary")][0] | .files == 1 and .errors == 1 and .incomplete == true'
run_oberig "$WORK/out" "$WORK/err" scan --no-store --rules "$rules" "$WORK/deeper"
expect_contains "$WORK/out" "The result is incomplete"
# People get the too-deep folder's path shortened, not 12 KB of it.
cat "$WORK/out" "$WORK/err" >"$WORK/all"
expect_contains "$WORK/all" "folders left out; --format jsonl has the whole path"
longest=$(awk '{ if (length($0) > n) n = length($0) } END { print n + 0 }' "$WORK/all")
((longest < 1200)) || fail "a line of $longest characters in the human output"
pass
finish
