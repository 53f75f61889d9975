#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# oberig scan --state (issue #16): a rescan of an unchanged tree reads no
# file and gives the findings of a full scan; after touching, changing
# (same size and mtime), deleting, adding and renaming files it reads only
# those and still gives a full scan's findings; a changed rule file makes it
# read again, a new hash indicator does not; --full reads everything; a
# scan killed while writing the state, a damaged state file and a file that
# is no state all leave a rescan correct; the summary counts in English,
# Ukrainian and JSON lines.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed (scripts/install-deps.sh)"; exit 77; }

T=$WORK/tree
S=$WORK/scan.state
mkdir -p "$T/docs" "$T/web" "$WORK/iocs"
marker='OBERIG-STATE-TEST-MARKER'
printf '<?php // %s\n' "$marker" >"$T/web/shell.php"
printf 'quarterly figures\n' >"$T/docs/report.txt"
printf 'nothing to see here, honestly\n' >"$T/docs/plain.txt"
printf 'MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff' >"$T/docs/invoice.pdf.exe"
printf 'harmless words, same size as before!\n' >"$T/docs/same-size.txt"
printf 'a file whose name a rule looks at\n' >"$T/web/config.bak"
for i in 1 2 3 4 5; do printf 'filler %d\n' "$i" >"$T/web/filler$i.txt"; done
(cd "$T/docs" && printf 'zipped %s\n' "$marker" >inner.txt && python3 -c '
import zipfile; z = zipfile.ZipFile("bundle.zip", "w"); z.write("inner.txt"); z.close()' && rm inner.txt)

cat >"$WORK/rules.yar" <<'RULE'
rule State_Test_Marker
{
    meta:
        description = "the marker of the state test"
        score = 100
    strings:
        $marker = "OBERIG-STATE-TEST-MARKER"
    condition:
        $marker
}
RULE
# A rule that reads an external variable is in its own file, as in
# signature-base; its result follows the name, not only the content.
cat >"$WORK/by-name.yar" <<'RULE'
rule State_Test_Backup_Name
{
    meta:
        score = 50
    condition:
        extension == ".bak"
}
RULE
printf '# hashes\n' >"$WORK/iocs/hash-iocs.txt"

scan() {
  run_oberig "$WORK/out" "$WORK/err" scan -q --no-store --threads 1 -r "$WORK/rules.yar" \
    -r "$WORK/by-name.yar" --iocs "$WORK/iocs" --format jsonl "$@" "$T"
  [[ $status -le 1 ]] || { cat "$WORK/err" >&2; fail "scan $* exited $status"; }
}
# What a full scan says, apart from the start line, timing and the counts
# of how the work was done.
normal() {
  jq -cS 'select(.type != "start") | del(.seconds, .yara_reused, .files_read, .files_from_state)' "$1" | sort
}
# check NAME: a rescan with the state gives what a fresh full scan gives
# (with the options that follow the name).
check_same() {
  local name=$1; shift
  cp "$WORK/out" "$WORK/cached.jsonl"
  run_oberig "$WORK/full.jsonl" "$WORK/full.err" scan -q --no-store --threads 1 -r "$WORK/rules.yar" \
    -r "$WORK/by-name.yar" --iocs "$WORK/iocs" --format jsonl "$@" "$T"
  diff <(normal "$WORK/full.jsonl") <(normal "$WORK/cached.jsonl") >&2 ||
    fail "$name: the rescan with --state differs from a full scan"
  pass
}
counts() { jq -r 'select(.type == "summary") | "\(.files) \(.files_read) \(.files_from_state)"' "$WORK/out"; }
expect_counts() { [[ $(counts) == "$1" ]] || fail "$2: files, read, from state: $(counts), expected $1"; pass; }

# A file changed less than a second before a scan is always read again, so
# the tree gets older than that first.
sleep 2

# 1. The first scan reads everything and gives a full scan's findings.
scan --state "$S"
expect_counts "12 12 0" "first scan"
check_same "first scan"
[[ -s $S ]] || fail "no state file written"
jq_expect "$WORK/out" '[.[] | select(.type == "finding") | .path] | unique == ["'"$T"'/docs/bundle.zip", "'"$T"'/docs/invoice.pdf.exe", "'"$T"'/web/config.bak", "'"$T"'/web/shell.php"]'

# 2. Unchanged: nothing is read, the archive's members neither.
scan --state "$S"
expect_counts "12 0 12" "unchanged tree"
check_same "unchanged tree"
cp "$WORK/out" "$WORK/unchanged.jsonl"

# 3. Touched, changed with the same size and mtime, deleted, added, renamed.
touch "$T/docs/report.txt"
touch -r "$T/docs/same-size.txt" "$WORK/stamp"
printf '%s%-12s\n' "$marker" ' hidden' >"$T/docs/same-size.txt"
[[ $(stat -c %s "$T/docs/same-size.txt") == 37 ]] || fail "the changed file must keep its size"
touch -r "$WORK/stamp" "$T/docs/same-size.txt"
rm "$T/web/filler1.txt"
printf 'new %s\n' "$marker" >"$T/web/new.txt"
mv "$T/web/filler2.txt" "$T/web/filler2.bak"
scan --state "$S"
# report, same-size, new and filler2.bak are read
expect_counts "12 4 8" "changed tree"
check_same "changed tree"
jq_expect "$WORK/out" 'any(.[]; .type == "finding" and (.path | endswith("same-size.txt")))'
jq_expect "$WORK/out" 'any(.[]; .type == "finding" and (.path | endswith("filler2.bak")))'
jq_expect "$WORK/out" 'all(.[]; .type != "finding" or (.path | endswith("filler1.txt") | not))'
# The state forgets the deleted and the renamed file, and keeps one record
# for each of the 12 files there are, those read and those it answered for.
python3 - "$S" "$T" <<'PY' || fail "the state does not hold one record per file there is"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
paths = sorted(p.split(sys.argv[2] + "/", 1)[1] for (p,) in db.execute("SELECT path FROM files"))
db.close()
assert "web/filler1.txt" not in paths and "web/filler2.txt" not in paths, paths
assert len(paths) == 12 and "web/filler2.bak" in paths and "docs/plain.txt" in paths, paths
PY
pass

# 4. A hash indicator added: found in an unchanged file without reading it.
# The files changed in 3. were read within a second of that scan's start
# (unless loading took longer): the next scan reads them once more, as their
# change could hide in the same tick of the clock, and records them for
# good. (tests/unit/scan/test_state.c checks this rule exactly.)
sleep 2
scan --state "$S"
jq_expect "$WORK/out" '.[] | select(.type == "summary") | .files == 12 and .files_read >= 1 and .files_read <= 5'
check_same "files changed just before the last scan"
md5=$(md5sum "$T/docs/plain.txt" | cut -d' ' -f1)
printf '%s;state test hash\n' "$md5" >>"$WORK/iocs/hash-iocs.txt"
scan --state "$S"
expect_counts "12 0 12" "new hash indicator"
jq_expect "$WORK/out" 'any(.[]; .type == "finding" and (.path | endswith("docs/plain.txt")) and .reasons[0].signal == "hash")'
check_same "new hash indicator"

# 5. A changed rule file: every file is read again.
printf '\nrule State_Test_Figures { strings: $a = "quarterly" condition: $a }\n' >>"$WORK/rules.yar"
scan --state "$S"
expect_counts "12 12 0" "changed rules"
check_same "changed rules"
jq_expect "$WORK/out" 'any(.[]; .type == "finding" and (.path | endswith("report.txt")))'

# 6. --full reads everything and writes the state anew; then it is used.
scan --state "$S" --full
expect_counts "12 12 0" "--full"
scan --state "$S"
expect_counts "12 0 12" "after --full"
check_same "after --full"
run_oberig "$WORK/out" "$WORK/err" scan -q --no-store --full "$T"
expect_status 2 "--full without --state"
expect_contains "$WORK/err" "--full needs --state"

# 7. Killed while writing the state: the rescan is correct, and the state
#    is whole again after it.
K=$WORK/many
mkdir -p "$K"
head -c 4000000 /dev/urandom >"$WORK/random"
for i in $(seq 1 1500); do
  dd if="$WORK/random" of="$K/f$i.bin" bs=4096 skip=$((i % 900)) count=2 status=none
done
printf '%s\n' "$marker" >"$K/f700.bin"
sleep 2
KS=$WORK/killed.state
"$OBERIG" scan -q --no-store --threads 1 -r "$WORK/rules.yar" --format jsonl --state "$KS" "$K" \
  >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 200); do
  [[ -s $KS-wal ]] && break
  sleep 0.01
done
kill -KILL "$pid" 2>/dev/null || echo "note: the scan ended before it could be killed"
wait "$pid" 2>/dev/null || true
scan_many() {
  run_oberig "$WORK/out" "$WORK/err" scan -q --no-store --threads 1 -r "$WORK/rules.yar" \
    --format jsonl "$@" "$K"
}
scan_many --state "$KS"
expect_status 1 "rescan after a kill"
expect_not_contains "$WORK/out" '"type":"notice"'
cp "$WORK/out" "$WORK/cached.jsonl"
scan_many
diff <(normal "$WORK/out") <(normal "$WORK/cached.jsonl") >&2 || fail "rescan after a kill differs"
pass
sleep 1.1
scan_many --state "$KS"
jq_expect "$WORK/out" '.[] | select(.type == "summary") | .files == 1500 and .files_from_state == 1500'

# 8. A damaged state file: a notice, every file read, the same findings,
#    and a good state afterwards.
size=$(stat -c %s "$S")
head -c $((size - 2048)) /dev/urandom | dd of="$S" bs=1 seek=2048 conv=notrunc status=none
scan --state "$S"
expect_counts "12 12 0" "damaged state"
jq_expect "$WORK/out" 'any(.[]; .type == "notice" and (.message | test("damaged")))'
grep -v '"type":"notice"' "$WORK/out" >"$WORK/out.clean" && mv "$WORK/out.clean" "$WORK/out"
check_same "damaged state"
sleep 1.1
scan --state "$S"
expect_counts "12 0 12" "replaced state"
expect_not_contains "$WORK/out" '"type":"notice"'
# A truncated one too.
truncate -s 3000 "$S"
rm -f "$S-wal" "$S-shm"
scan --state "$S"
expect_counts "12 12 0" "truncated state"
jq_expect "$WORK/out" 'any(.[]; .type == "notice")'

# 8b. Damage after a run that ended cleanly. Such a file is not checked
#     whole at the next start (that costs a tenth of a rescan): the lookups
#     meet the damage, with a notice, every file read and the same findings.
#     That run did not end cleanly, so the next checks the file and
#     replaces it, and the one after reads nothing again.
sleep 1.1
scan --state "$S"
expect_counts "12 0 12" "state before the damage"
[[ ! -s "$S-wal" ]] || fail "the state's write-ahead log was not folded into the file at the end"
python3 - "$S" <<'PY' || fail "could not damage the state's table of files"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
assert db.execute("SELECT value FROM meta WHERE key = 'clean'").fetchone() == ("1",)
root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'files'").fetchone()[0]
size = db.execute("PRAGMA page_size").fetchone()[0]
db.close()
with open(sys.argv[1], "r+b") as f:
    f.seek((root - 1) * size)
    f.write(b"\xff" * size)
PY
rm -f "$S-wal" "$S-shm"
scan --state "$S"
expect_counts "12 12 0" "state damaged after a clean end"
jq_expect "$WORK/out" 'any(.[]; .type == "notice" and (.message | test("could not be (read|written)")))'
grep -v '"type":"notice"' "$WORK/out" >"$WORK/out.clean" && mv "$WORK/out.clean" "$WORK/out"
check_same "state damaged after a clean end"
scan --state "$S"
expect_counts "12 12 0" "state checked after a run that met damage"
jq_expect "$WORK/out" 'any(.[]; .type == "notice" and (.message | test("damaged")))'
sleep 1.1
scan --state "$S"
expect_counts "12 0 12" "state replaced after the check"
expect_not_contains "$WORK/out" '"type":"notice"'

# 9. A file that is not a state is neither used nor touched.
printf 'my notes, not a state\n' >"$WORK/notes.txt"
scan --state "$WORK/notes.txt"
expect_counts "12 12 0" "not a state file"
jq_expect "$WORK/out" 'any(.[]; .type == "notice" and (.message | test("not a scan state")))'
[[ $(cat "$WORK/notes.txt") == 'my notes, not a state' ]] || fail "a file that is no state was changed"
pass

# 10. The summary says it, in English and Ukrainian; JSON lines are the
#     same in both languages apart from the human-language fields.
sleep 1.1
scan --state "$S"
run_oberig "$WORK/human" "$WORK/err" scan --no-store --threads 1 -r "$WORK/rules.yar" \
  -r "$WORK/by-name.yar" --iocs "$WORK/iocs" --color never --state "$S" "$T"
expect_contains "$WORK/human" "12 files unchanged since the last scan, not read again; 0 read"
run_oberig "$WORK/human.uk" "$WORK/err" scan --lang uk --no-store --threads 1 -r "$WORK/rules.yar" \
  -r "$WORK/by-name.yar" --iocs "$WORK/iocs" --color never --state "$S" "$T"
expect_not_contains "$WORK/human.uk" "unchanged since the last scan"
expect_contains "$WORK/human.uk" "не змінювалися"
LANG=uk_UA.UTF-8 LC_ALL= LANGUAGE= run_oberig "$WORK/human.lang" "$WORK/err" scan --no-store --threads 1 \
  -r "$WORK/rules.yar" -r "$WORK/by-name.yar" --iocs "$WORK/iocs" --color never --state "$S" "$T"
expect_contains "$WORK/human.lang" "не змінювалися"
expect_not_contains "$WORK/human.lang" "unchanged since the last scan"
run_oberig "$WORK/human.uk" "$WORK/err" scan --lang uk -v --no-store --threads 1 -r "$WORK/rules.yar" \
  --color never --state "$WORK/notes.txt" "$T"
expect_contains "$WORK/err" "не файл стану перевірки oberig"
expect_not_contains "$WORK/err" "is not a scan state file"
run_oberig "$WORK/en.jsonl" "$WORK/err" scan --lang en --no-store --threads 1 -r "$WORK/rules.yar" \
  -r "$WORK/by-name.yar" --iocs "$WORK/iocs" --format jsonl --state "$WORK/lang.state" "$T"
run_oberig "$WORK/uk.jsonl" "$WORK/err" scan --lang uk --no-store --threads 1 -r "$WORK/rules.yar" \
  -r "$WORK/by-name.yar" --iocs "$WORK/iocs" --format jsonl --state "$WORK/lang.state" "$T"
machine='select(.type != "start") | del(.seconds, .yara_reused, .files_read, .files_from_state, .message) | if .reasons then .reasons |= map(del(.description)) else . end'
diff <(jq -cS "$machine" "$WORK/en.jsonl" | sort) <(jq -cS "$machine" "$WORK/uk.jsonl" | sort) >&2 ||
  fail "JSON lines differ between --lang en and --lang uk"
pass
# 11. Archives: their members come from the state with the notices of a
#     full scan; a new hash indicator of a member is found without reading;
#     other archive limits, or a member that became a false positive, make
#     the archive be read again; --no-archives lends no member's reasons to
#     the archive that held it.
T=$WORK/archives
S=$WORK/archives.state
mkdir -p "$T" "$WORK/iocs-archives"
(cd "$T" && python3 -c '
import io, sys, zipfile
marker = sys.argv[1]
def zipped(members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(name, data)
    return out.getvalue()
level3 = zipped([("deep.txt", (marker + " ") * 40)])
level2 = zipped([("level3.zip", level3)])
open("deep.zip", "wb").write(zipped([("level2.zip", level2), ("note.txt", "a plain note\n"),
                                     ("invoice.pdf.exe", b"MZ\x90\x00\x03" + b"\x00" * 64)]))
open("flat.zip", "wb").write(zipped([("payload.txt", (marker + " ") * 40),
                                     ("plain.txt", "nothing here\n")]))
' "$marker")
sleep 2
scan --state "$S" --archive-depth 2
expect_counts "2 2 0" "archives, first scan"
check_same "archives, first scan" --archive-depth 2
jq_expect "$WORK/out" 'any(.[]; .type == "notice" and .member == "level2.zip/level3.zip")'
scan --state "$S" --archive-depth 2
expect_counts "2 0 2" "archives, unchanged"
check_same "archives, unchanged" --archive-depth 2
jq_expect "$WORK/out" 'any(.[]; .type == "notice" and .member == "level2.zip/level3.zip")'
jq_expect "$WORK/out" '.[] | select(.type == "summary") | .members == 6 and .skipped.archive_limits == 1'
jq_expect "$WORK/out" 'any(.[]; .type == "finding" and .member == "invoice.pdf.exe")'
# Other limits: read again, and the deepest member is found.
scan --state "$S"
expect_counts "2 2 0" "archives, other limits"
check_same "archives, other limits"
jq_expect "$WORK/out" 'any(.[]; .type == "finding" and .member == "level2.zip/level3.zip/deep.txt")'
scan --state "$S"
expect_counts "2 0 2" "archives, unchanged again"
check_same "archives, unchanged again"
jq_expect "$WORK/out" 'any(.[]; .type == "finding" and .member == "level2.zip/level3.zip/deep.txt")'
# A member's hash becomes an indicator.
note_md5=$(printf 'a plain note\n' | md5sum | cut -d' ' -f1)
printf '%s;archived note\n' "$note_md5" >"$WORK/iocs/hash-iocs-archive.txt"
scan --state "$S"
expect_counts "2 0 2" "archives, member hash indicator"
check_same "archives, member hash indicator"
jq_expect "$WORK/out" 'any(.[]; .type == "finding" and .member == "note.txt" and .reasons[0].signal == "hash")'
# A member that holds others becomes a false positive: its own members are
# no longer looked at, so its archive is read again.
level2_md5=$(python3 -c '
import hashlib, sys, zipfile
print(hashlib.md5(zipfile.ZipFile(sys.argv[1]).read("level2.zip")).hexdigest())' "$T/deep.zip")
printf '%s;known good\n' "$level2_md5" >"$WORK/iocs/falsepositive-hashes.txt"
scan --state "$S"
expect_counts "2 1 1" "archives, member false positive"
check_same "archives, member false positive"
jq_expect "$WORK/out" 'all(.[]; .type != "finding" or (.member // "" | startswith("level2.zip") | not))'
rm "$WORK/iocs/falsepositive-hashes.txt"
scan --state "$S"
expect_counts "2 1 1" "archives, false positive removed"
check_same "archives, false positive removed"
# Without archives: the archives' own findings only, none lent by members.
scan --state "$S" --no-archives
expect_counts "2 0 2" "archives, --no-archives"
check_same "archives, --no-archives" --no-archives
jq_expect "$WORK/out" 'all(.[]; .type != "finding" or .member != null)'
rm "$WORK/iocs/hash-iocs-archive.txt"
finish
