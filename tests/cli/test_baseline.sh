#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# oberig baseline (issue #12): create, verify an unchanged tree (nothing),
# each kind of change, a WhisperGate-style wipe reported file by file with
# its extent, baselines that must not be trusted (damaged, newer, another
# host, other paths) refused with exit 2, an atomic rewrite, and Ukrainian.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed (scripts/install-deps.sh)"; exit 77; }
command -v sqlite3 >/dev/null || { echo "skip: the sqlite3 program is not installed"; exit 77; }
command -v python3 >/dev/null || { echo "skip: python3 is not installed"; exit 77; }

# A tree of ordinary documents: text with the entropy of prose, and a program.
make_tree() {
  mkdir -p "$1/docs" "$1/bin"
  for i in $(seq 1 10); do
    for j in $(seq 1 $((40 + i * 7))); do
      echo "Paragraph $j of report $i: the committee met on Tuesday and agreed the budget."
    done >"$1/docs/report$i.txt"
  done
  cp "$OBERIG" "$1/bin/tool"
  printf 'key = value\n' >"$1/settings.conf"
}
changes() { jq -c 'select(.type == "baseline-change")' "$1"; }

db=$WORK/base.db
make_tree "$WORK/tree"
run_oberig "$WORK/out" "$WORK/err" baseline create --db "$db" "$WORK/tree"
expect_status 0 "create"
expect_contains "$WORK/out" "12 files recorded in"
[[ $(sqlite3 "$db" "SELECT value FROM meta WHERE key = 'host'") == "$(hostname)" ]] || fail "host not in meta"
pass
[[ $(sqlite3 "$db" "SELECT path FROM roots") == "$WORK/tree" ]] || fail "root not in the baseline"
pass
[[ $(sqlite3 "$db" "SELECT lower(hex(sha256)) FROM files WHERE path LIKE '%/settings.conf'") == \
  "$(sha256sum "$WORK/tree/settings.conf" | cut -d' ' -f1)" ]] || fail "sha256 not as sha256sum says"
pass
[[ -z $(find "$WORK" -maxdepth 1 -name 'base.db.tmp-*') ]] || fail "a temporary file was left"
pass

# Unchanged: exit 0, nothing reported, nothing read again.
run_oberig "$WORK/out" "$WORK/err" baseline verify --db "$db" --format jsonl
expect_status 0 "verify unchanged"
[[ -z $(changes "$WORK/out") ]] || fail "unchanged tree reported changes"
pass
jq_expect "$WORK/out" '.[-1] | .type == "baseline-summary" and .files == 12 and .files_read == 0 and .wiped == 0'
run_oberig "$WORK/out" "$WORK/err" baseline verify --db "$db" --format jsonl --full
expect_status 0 "verify --full unchanged"
jq_expect "$WORK/out" '.[-1] | .files_read == 12 and .added == 0 and .content_changed == 0'

# Each kind of change.
sleep 0.1
echo "one more line" >>"$WORK/tree/docs/report1.txt"
echo "new" >"$WORK/tree/docs/new.txt"
rm "$WORK/tree/docs/report2.txt"
chmod 600 "$WORK/tree/docs/report3.txt"
run_oberig "$WORK/out" "$WORK/err" baseline verify --db "$db" --format jsonl
expect_status 1 "verify after changes"
reason_of() { jq -r --arg p "$2" 'select(.type == "baseline-change" and .path == $p) | [.reasons[].signal] | join(",")' "$1"; }
[[ $(reason_of "$WORK/out" "$WORK/tree/docs/report1.txt") == baseline-content-changed ]] || fail "modified file"
pass
[[ $(reason_of "$WORK/out" "$WORK/tree/docs/new.txt") == baseline-added ]] || fail "added file"
pass
[[ $(reason_of "$WORK/out" "$WORK/tree/docs/report2.txt") == baseline-removed ]] || fail "removed file"
pass
[[ $(reason_of "$WORK/out" "$WORK/tree/docs/report3.txt") == baseline-metadata-changed ]] || fail "chmod"
pass
jq_expect "$WORK/out" '[.[] | select(.type == "baseline-change")] | length == 4'
jq_expect "$WORK/out" '[.[] | select(.type == "baseline-change" and (.path | endswith("report3.txt")))][0] | .before.mode != .after.mode and .level == "notice"'
run_oberig "$WORK/out" "$WORK/err" baseline verify --db "$db"
expect_status 1 "human verify after changes"
expect_contains "$WORK/out" "1 file added"
expect_contains "$WORK/out" "1 file removed"
expect_contains "$WORK/out" "1 file with changed content"
expect_contains "$WORK/out" "1 file with changed permissions, owner or times"
expect_not_contains "$WORK/out" "wipers"

# A WhisperGate-style wipe: the first MiB of 8 files overwritten with 0xCC
# and each renamed with a random four-character extension; one file emptied,
# one encrypted.
rm -rf "$WORK/tree"
make_tree "$WORK/tree"
run_oberig "$WORK/out" "$WORK/err" baseline create --db "$db" "$WORK/tree"
expect_status 0 "create again over the old baseline"
sleep 0.1
python3 - "$WORK/tree/docs" <<'PY'
import os, sys, secrets
folder = sys.argv[1]
for i in range(1, 9):
    path = os.path.join(folder, "report%d.txt" % i)
    with open(path, "r+b") as f:
        f.write(b"\xcc" * (1 << 20))
    os.rename(path, path + "." + secrets.token_hex(2))
open(os.path.join(folder, "report9.txt"), "w").close()
with open(os.path.join(folder, "report10.txt"), "r+b") as f:
    f.write(os.urandom(8192))
PY
run_oberig "$WORK/out" "$WORK/err" baseline verify --db "$db" --format jsonl
expect_status 1 "verify after the wipe"
jq_expect "$WORK/out" '[.[] | select(.type == "baseline-change" and ([.reasons[].signal] | index("baseline-wiped") and index("baseline-mass-rename")) and (.old_path | test("report[1-8]\\.txt$")) and (.path | test("\\.txt\\.[0-9a-f]{4}$")))] | length == 8'
jq_expect "$WORK/out" '[.[] | select(.type == "baseline-change" and .level == "alert" and (.path | test("report[1-8]\\.txt\\.")))] | length == 8'
jq_expect "$WORK/out" '[.[] | select(.type == "baseline-change" and (.path | endswith("report9.txt")))][0] | [.reasons[].signal] | index("baseline-truncated") != null'
jq_expect "$WORK/out" '[.[] | select(.type == "baseline-change" and (.path | endswith("report10.txt")))][0] | [.reasons[].signal] | index("baseline-encrypted") != null'
jq_expect "$WORK/out" '.[-1] | .wiped == 8 and .mass_renamed == 8 and .truncated == 1 and .encrypted == 1 and .removed == 0 and .added == 0 and .wipe_byte == 204 and (.first_change | test("^[0-9-]+T[0-9:]+Z$"))'
run_oberig "$WORK/out.en" "$WORK/err" baseline verify --db "$db"
expect_status 1 "human verify after the wipe"
expect_contains "$WORK/out.en" "8 of 12 recorded files were overwritten at the start with a repeating pattern (mostly the byte 0xCC), as wipers do"
expect_contains "$WORK/out.en" "8 of 12 recorded files were renamed"
expect_contains "$WORK/out.en" "1 of 12 recorded files was emptied"
expect_contains "$WORK/out.en" "1 of 12 recorded files now looks encrypted"
expect_contains "$WORK/out.en" "the changed files were modified between"
expect_contains "$WORK/out.en" "  was:    $WORK/tree/docs/report1.txt"

# The same in Ukrainian, by --lang and by the locale; JSON lines the same
# but for the explanations and the time taken.
for how in flag locale; do
  if [[ $how == flag ]]; then
    env -i "${OB_SANITIZER_ENV[@]}" "PATH=$PATH" "OBERIG_DB=$OBERIG_DB" "$OBERIG" --lang uk baseline verify --db "$db" >"$WORK/out.uk" 2>&1 || true
  else
    env -i "${OB_SANITIZER_ENV[@]}" "PATH=$PATH" "OBERIG_DB=$OBERIG_DB" LANG=uk_UA.UTF-8 "$OBERIG" baseline verify --db "$db" >"$WORK/out.uk" 2>&1 || true
  fi
  expect_contains "$WORK/out.uk" "8 з 12 записаних файлів на початку перезаписано однаковим повторюваним вмістом (здебільшого байтом 0xCC), як це роблять вайпери"
  expect_contains "$WORK/out.uk" "8 з 12 записаних файлів перейменовано"
  expect_contains "$WORK/out.uk" "ТРИВОГА"
  expect_contains "$WORK/out.uk" "з еталонним знімком звірено 12 файлів"
  for sentence in "recorded files" "wipers" "was renamed" "checked against the baseline" "very likely" "Do not write"; do
    expect_not_contains "$WORK/out.uk" "$sentence"
  done
done
blank='del(.seconds) | if .reasons then .reasons |= map(del(.explanation)) else . end'
"$OBERIG" --lang en baseline verify --db "$db" --format jsonl | jq -c "$blank" >"$WORK/en.jsonl" || true
"$OBERIG" --lang uk baseline verify --db "$db" --format jsonl | jq -c "$blank" >"$WORK/uk.jsonl" || true
cmp -s "$WORK/en.jsonl" "$WORK/uk.jsonl" || { diff "$WORK/en.jsonl" "$WORK/uk.jsonl" | head >&2; fail "JSON lines differ between languages"; }
pass
"$OBERIG" --lang uk baseline verify --db "$db" --format jsonl >"$WORK/uk.raw" || true
jq_expect "$WORK/uk.raw" '[.[] | select(.type == "baseline-change") | .reasons[] | select(.signal == "baseline-wiped") | .explanation | test("вайпери")] | all and length == 8'

# Baselines that must not be trusted.
cp "$db" "$WORK/cut.db"
truncate -s $(($(stat -c %s "$db") / 2)) "$WORK/cut.db"
run_oberig "$WORK/out" "$WORK/err" baseline verify --db "$WORK/cut.db"
expect_status 2 "truncated baseline"
expect_contains "$WORK/err" "is not an oberig baseline"
[[ ! -s $WORK/out ]] || fail "a damaged baseline gave results"
pass
head -c 100 "$db" >"$WORK/head.db"
run_oberig "$WORK/out" "$WORK/err" baseline verify --db "$WORK/head.db"
expect_status 2 "baseline cut to its header"
expect_contains "$WORK/err" "is not an oberig baseline"
printf 'not a database\n' >"$WORK/text.db"
run_oberig "$WORK/out" "$WORK/err" baseline verify --db "$WORK/text.db"
expect_status 2 "text file as baseline"
expect_contains "$WORK/err" "is not an oberig baseline"
sqlite3 "$WORK/other.db" "CREATE TABLE t (x)"
run_oberig "$WORK/out" "$WORK/err" baseline verify --db "$WORK/other.db"
expect_status 2 "another SQLite file"
expect_contains "$WORK/err" "is not an oberig baseline"
cp "$db" "$WORK/host.db"
sqlite3 "$WORK/host.db" "UPDATE meta SET value = 'kyiv-office-pc' WHERE key = 'host'"
run_oberig "$WORK/out" "$WORK/err" baseline verify --db "$WORK/host.db"
expect_status 2 "baseline of another host"
expect_contains "$WORK/err" "was recorded on the host 'kyiv-office-pc', not on this one"
[[ ! -s $WORK/out ]] || fail "another host's baseline gave results"
pass
run_oberig "$WORK/out" "$WORK/err" --lang uk baseline verify --db "$WORK/host.db"
expect_status 2 "baseline of another host, in Ukrainian"
expect_contains "$WORK/err" "записано на комп'ютері «kyiv-office-pc», а не на цьому"
run_oberig "$WORK/out" "$WORK/err" baseline verify --db "$WORK/host.db" --other-host
expect_status 1 "--other-host compares anyway"
cp "$db" "$WORK/new.db"
sqlite3 "$WORK/new.db" "UPDATE meta SET value = '3' WHERE key = 'schema_version'"
run_oberig "$WORK/out" "$WORK/err" baseline verify --db "$WORK/new.db"
expect_status 2 "newer schema"
expect_contains "$WORK/err" "was written by a newer oberig (schema 3"
run_oberig "$WORK/out" "$WORK/err" baseline verify --db "$db" "$WORK"
expect_status 2 "other paths"
expect_contains "$WORK/err" "was recorded for other paths"
run_oberig "$WORK/out" "$WORK/err" baseline verify --db "$WORK/missing.db"
expect_status 2 "no baseline"
expect_contains "$WORK/err" "cannot read baseline"

# A create that fails leaves the earlier baseline as it was.
before=$(sha256sum <"$db")
run_oberig "$WORK/out" "$WORK/err" baseline create --db "$db" "$WORK/no-such-folder"
expect_status 2 "create of a missing folder"
[[ $(sha256sum <"$db") == "$before" ]] || fail "a failed create changed the baseline"
pass
[[ -z $(find "$WORK" -maxdepth 1 -name 'base.db.tmp-*') ]] || fail "a failed create left a temporary file"
pass

# The default file sits beside the indicator store.
run_oberig "$WORK/out" "$WORK/err" baseline create "$WORK/tree/bin"
expect_status 0 "create at the default place"
[[ -f $WORK/baseline.db ]] || fail "default baseline not beside \$OBERIG_DB"
pass
run_oberig "$WORK/out" "$WORK/err" baseline verify
expect_status 0 "verify at the default place"

# ...or in $XDG_DATA_HOME/oberig, made when missing, private to the user.
status=0
env -u OBERIG_DB XDG_DATA_HOME="$WORK/xdg/data" "$OBERIG" baseline create "$WORK/tree/bin" >"$WORK/out" 2>"$WORK/err" || status=$?
expect_status 0 "create at the XDG place"
[[ -f $WORK/xdg/data/oberig/baseline.db && $(stat -c %a "$WORK/xdg/data/oberig") == 700 ]] || fail "default baseline not made in \$XDG_DATA_HOME/oberig"
pass

# verify walks as create did: an excluded folder stays excluded.
mkdir -p "$WORK/ex/keep" "$WORK/ex/cache"
echo a >"$WORK/ex/keep/a"
echo b >"$WORK/ex/cache/b"
run_oberig "$WORK/out" "$WORK/err" baseline create --db "$WORK/ex.db" --exclude cache "$WORK/ex"
expect_status 0 "create with --exclude"
expect_contains "$WORK/out" "1 file recorded in"
echo c >"$WORK/ex/cache/c"
run_oberig "$WORK/out" "$WORK/err" baseline verify --db "$WORK/ex.db" --format jsonl
expect_status 0 "verify keeps the exclusion"
jq_expect "$WORK/out" '.[-1] | .files == 1 and .added == 0'

# Usage errors.
run_oberig "$WORK/out" "$WORK/err" baseline create --db "$db"
expect_status 2 "create without PATH"
run_oberig "$WORK/out" "$WORK/err" baseline frobnicate
expect_status 2 "unknown subcommand"
run_oberig "$WORK/out" "$WORK/err" baseline verify --help
expect_status 0 "help"
expect_contains "$WORK/out" "usage: oberig baseline create"
run_oberig "$WORK/out" "$WORK/err" --lang uk baseline verify --help
expect_status 0 "help in Ukrainian"
expect_contains "$WORK/out" "використання: oberig baseline create"
expect_not_contains "$WORK/out" "records every file"
run_oberig "$WORK/out" "$WORK/err" --lang uk baseline frobnicate
expect_status 2 "unknown subcommand in Ukrainian"
expect_contains "$WORK/err" "вкажіть «create» або «verify»"
finish
