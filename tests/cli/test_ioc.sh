#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# oberig ioc end to end: import a STIX bundle, a CSV and a MISP event into
# a fresh store, list and count them, scan with them (campaign and source in
# each reason), export in all three formats and re-import to the same set,
# refuse a malformed file without importing anything, remove a source.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }

db="$WORK/indicators.db"
disk="$WORK/disk"
mkdir -p "$disk/private/var/db/com.apple.xpc.roleaccountd.staging" "$disk/Users/Public"
echo "implant" > "$disk/private/var/db/com.apple.xpc.roleaccountd.staging/subridged"
echo "payload" > "$disk/payload.bin"
echo "harmless" > "$disk/Users/Public/notes.txt"
echo "dropper" > "$disk/Users/Public/it's.exe"
hash=$(sha256sum "$disk/payload.bin" | cut -d' ' -f1)

# ---- usage -----------------------------------------------------------------
run_oberig "$WORK/out" "$WORK/err" ioc --help
expect_status 0 "help"
expect_contains "$WORK/out" "import PATH"
run_oberig "$WORK/out" "$WORK/err" ioc frobnicate
expect_status 2 "unknown action"
run_oberig "$WORK/out" "$WORK/err" ioc list --type nonsense
expect_status 2 "unknown type"
run_oberig "$WORK/out" "$WORK/err" ioc list
expect_status 0 "listing a store that does not exist yet is not an error"
expect_contains "$WORK/err" "no indicator store yet"
[[ ! -e $db ]] || fail "listing created the store"
pass

# ---- import ----------------------------------------------------------------
obj() { # common STIX properties
  printf '"spec_version":"2.1","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z"'
}
cat > "$WORK/spy.stix2" <<EOF
{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[
{"type":"malware","id":"malware--00000000-0000-4000-8000-000000000001",$(obj),"name":"TestSpy","is_family":false},
{"type":"indicator","id":"indicator--00000000-0000-4000-8000-000000000002",$(obj),"pattern":"[file:hashes.'SHA-256' = '${hash^^}']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"},
{"type":"indicator","id":"indicator--00000000-0000-4000-8000-000000000003",$(obj),"pattern":"[file:path = '/private/var/db/com.apple.xpc.roleaccountd.staging/subridged'] OR [domain-name:value = 'Evil.Example.']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"},
{"type":"indicator","id":"indicator--00000000-0000-4000-8000-000000000004",$(obj),"pattern":"[file:name = 'it\\\\'s.exe' AND process:name = 'spyd']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"},
{"type":"indicator","id":"indicator--00000000-0000-4000-8000-000000000005",$(obj),"pattern":"title: x","pattern_type":"sigma","valid_from":"2024-01-01T00:00:00Z"},
{"type":"relationship","id":"relationship--00000000-0000-4000-8000-000000000006",$(obj),"relationship_type":"indicates","source_ref":"indicator--00000000-0000-4000-8000-000000000002","target_ref":"malware--00000000-0000-4000-8000-000000000001"},
{"type":"relationship","id":"relationship--00000000-0000-4000-8000-000000000007",$(obj),"relationship_type":"indicates","source_ref":"indicator--00000000-0000-4000-8000-000000000003","target_ref":"malware--00000000-0000-4000-8000-000000000001"},
{"type":"relationship","id":"relationship--00000000-0000-4000-8000-000000000008",$(obj),"relationship_type":"indicates","source_ref":"indicator--00000000-0000-4000-8000-000000000004","target_ref":"malware--00000000-0000-4000-8000-000000000001"}]}
EOF
run_oberig "$WORK/out" "$WORK/err" ioc import --db "$db" --format jsonl "$WORK/spy.stix2"
expect_status 0 "STIX import"
jq_expect "$WORK/out" '.[0].type == "import" and .[0].files == 1 and .[0].added == 5'
jq_expect "$WORK/out" '.[0].by_type == {"domain":1,"file-name":1,"file-path":1,"sha256":1,"process-name":1}'
jq_expect "$WORK/out" '.[0].unsupported == 1 and (.[0].notes | any(contains("sigma")))'

# The same domain from a second source keeps both provenances.
printf 'type,value,description,campaign\ndomain,evil.example,"seen in a phishing wave, 2024",Wave\nipv4,192.0.2.7,,Wave\n' \
  > "$WORK/helpline.csv"
run_oberig "$WORK/out" "$WORK/err" ioc import --db "$db" --source helpline "$WORK/helpline.csv"
expect_status 0 "CSV import"
expect_contains "$WORK/out" "2 indicator records"
run_oberig "$WORK/out" "$WORK/err" ioc stats --db "$db" --format jsonl
expect_status 0 "stats"
jq_expect "$WORK/out" '.[0].indicators == 6 and .[0].provenances == 7'
jq_expect "$WORK/out" '.[0].by_source == {"helpline":2,"spy":5}'
jq_expect "$WORK/out" '.[0].by_campaign == {"TestSpy":5,"Wave":2}'
run_oberig "$WORK/out" "$WORK/err" ioc list --db "$db" --type domain --format jsonl
jq_expect "$WORK/out" 'length == 2 and (map(.value) | unique == ["evil.example"]) and (map(.source) | sort == ["helpline","spy"])'
run_oberig "$WORK/out" "$WORK/err" ioc list --db "$db" --campaign Wave
expect_status 0 "list by campaign"
expect_contains "$WORK/out" "seen in a phishing wave, 2024"
expect_not_contains "$WORK/out" "TestSpy"

# A malformed file fails the whole import: nothing from the good file lands.
printf 'type,value\nmd5,0123456789abcdef0123456789abcdef\n' > "$WORK/good.csv"
head -c 300 "$WORK/spy.stix2" > "$WORK/broken.json"
run_oberig "$WORK/out" "$WORK/err" ioc import --db "$db" "$WORK/good.csv" "$WORK/broken.json"
expect_status 2 "malformed file"
expect_contains "$WORK/err" "broken.json:"
expect_contains "$WORK/err" "nothing was imported"
run_oberig "$WORK/out" "$WORK/err" ioc stats --db "$db" --format jsonl
jq_expect "$WORK/out" '.[0].indicators == 6'
echo "just text" > "$WORK/notes.txt"
run_oberig "$WORK/out" "$WORK/err" ioc import --db "$db" "$WORK/notes.txt"
expect_status 2 "a file in no known format, named directly"

# ---- scan with the store ------------------------------------------------------
run_oberig "$WORK/out" "$WORK/err" scan --db "$db" --format jsonl "$disk"
expect_status 1 "files named by the store are found"
jq_expect "$WORK/out" '.[0].store_indicators == 3'
jq_expect "$WORK/out" 'map(select(.type == "finding" and (.path | endswith("payload.bin"))) | .reasons[]) | any(.signal == "hash" and .campaign == "TestSpy" and (.source | startswith("spy (")))'
jq_expect "$WORK/out" 'map(select(.type == "finding" and (.path | endswith("/subridged"))) | .reasons[]) | any(.signal == "filename" and .campaign == "TestSpy")'
jq_expect "$WORK/out" "map(select(.type == \"finding\" and (.path | endswith(\"it's.exe\")))) | length == 1"
jq_expect "$WORK/out" 'map(select(.type == "finding" and (.path | endswith("notes.txt")))) | length == 0'
OBERIG_DB="$db" run_oberig "$WORK/out" "$WORK/err" scan --format jsonl "$disk"
expect_status 1 "the store is used by default (OBERIG_DB)"
OBERIG_DB="$db" run_oberig "$WORK/out" "$WORK/err" scan --no-store --format jsonl "$disk"
expect_status 0 "--no-store"
run_oberig "$WORK/out" "$WORK/err" scan --db "$WORK/absent.db" "$disk"
expect_status 2 "a store named with --db must exist"

# ---- export and re-import --------------------------------------------------
triples() { jq -r '[.indicator_type, .value, .campaign] | @tsv' "$1" | sort -u; }
run_oberig "$WORK/list" "$WORK/err" ioc list --db "$db" --format jsonl
triples "$WORK/list" > "$WORK/expected"
for format in stix misp csv; do
  run_oberig "$WORK/export.$format" "$WORK/err" ioc export --db "$db" --format "$format"
  expect_status 0 "export $format"
  case $format in
    stix) jq_expect "$WORK/export.$format" '.[0].type == "bundle" and (.[0].objects | map(select(.type == "indicator")) | length) == 7' ;;
    misp) jq_expect "$WORK/export.$format" '.[0].response | map(.Event.info) | sort == ["TestSpy","Wave"]' ;;
    csv) expect_contains "$WORK/export.$format" "type,value,description,campaign" ;;
  esac
  cp "$WORK/export.$format" "$WORK/reimport.$format"
  run_oberig "$WORK/out" "$WORK/err" ioc import --db "$WORK/$format.db" "$WORK/reimport.$format"
  expect_status 0 "re-import $format"
  run_oberig "$WORK/relist" "$WORK/err" ioc list --db "$WORK/$format.db" --format jsonl
  triples "$WORK/relist" > "$WORK/got.$format"
  diff -u "$WORK/expected" "$WORK/got.$format" >&2 || fail "$format export does not re-import to the same set"
  pass
done
run_oberig "$WORK/out" "$WORK/err" ioc export --db "$db" --format yaml
expect_status 2 "unknown export format"
run_oberig "$WORK/out" "$WORK/err" ioc export --db "$WORK/never-made.db" --format stix
expect_status 0 "a store that does not exist exports as an empty bundle"
jq_expect "$WORK/out" '.[0].type == "bundle" and (.[0].objects | map(select(.type == "indicator")) | length) == 0'
[[ ! -e $WORK/never-made.db ]] || fail "export created the store"
pass

# ---- remove ------------------------------------------------------------------
run_oberig "$WORK/out" "$WORK/err" ioc remove --db "$db" --source spy
expect_status 0 "remove"
expect_contains "$WORK/out" "4 indicators"
run_oberig "$WORK/out" "$WORK/err" ioc stats --db "$db" --format jsonl
jq_expect "$WORK/out" '.[0].indicators == 2 and .[0].by_source == {"helpline":2}'
run_oberig "$WORK/out" "$WORK/err" ioc remove --db "$db"
expect_status 2 "remove needs --source"

# ---- a store of the first schema on read-only media --------------------------
# It is read as it is (not migrated), and refuses changes with a clear message.
# Needs sqlite3 to make it, and a private read-only bind mount (root in a mount
# namespace) or another user (setpriv) for the read-only cases.
old_store() {
  sqlite3 "$1" "CREATE TABLE indicators (id INTEGER PRIMARY KEY, type TEXT NOT NULL,
  value TEXT NOT NULL, value_unicode TEXT NOT NULL DEFAULT '', UNIQUE (type, value));
  CREATE TABLE provenance (indicator_id INTEGER NOT NULL, source TEXT NOT NULL,
  source_file TEXT NOT NULL, campaign TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '',
  score INTEGER, first_import INTEGER NOT NULL, last_import INTEGER NOT NULL,
  UNIQUE (indicator_id, source, source_file, campaign));
  CREATE TABLE imports (id INTEGER PRIMARY KEY, time INTEGER NOT NULL, files INTEGER NOT NULL,
  records INTEGER NOT NULL, added INTEGER NOT NULL);
  INSERT INTO indicators VALUES (1, 'file-name', 'evil.exe', '');
  INSERT INTO provenance VALUES (1, 'old', 'old.csv', 'Old Wave', '', NULL, 1, 1);
  PRAGMA user_version = 1;"
}
if ! command -v sqlite3 >/dev/null; then
  echo "note: sqlite3 is not installed; the older-store cases are not checked"
else
  mkdir -p "$WORK/media" "$WORK/ro"
  old_store "$WORK/media/old.db"
  printf 'type,value,description,campaign\nfile-name,new.exe,,New\n' > "$WORK/new.csv"
  if command -v unshare >/dev/null && unshare -m true 2>/dev/null; then
    unshare -m sh -c 'mount --bind "$1/media" "$1/ro" && mount -o remount,bind,ro "$1/ro" &&
      "$2" ioc list --db "$1/ro/old.db" --format jsonl > "$1/out" 2>"$1/err";
      echo $? > "$1/list-status";
      "$2" ioc import --db "$1/ro/old.db" "$1/new.csv" > /dev/null 2>"$1/import-err";
      echo $? > "$1/import-status"' sh "$WORK" "$OBERIG"
    [[ $(cat "$WORK/list-status") == 0 ]] || { cat "$WORK/err" >&2; fail "read-only old store not listed"; }
    jq_expect "$WORK/out" '.[0].value == "evil.exe" and .[0].campaign == "Old Wave"'
    [[ $(cat "$WORK/import-status") == 2 ]] || fail "import into a read-only store did not fail"
    expect_contains "$WORK/import-err" "is read-only"
    [[ $(sqlite3 "$WORK/media/old.db" "PRAGMA user_version") == 1 ]] || fail "read-only store changed"
    pass
  else
    echo "note: no mount namespace here; the read-only media case is not checked"
  fi
  # A writable file in a folder this user cannot write (no journal): the same.
  as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$OBERIG" "$@"; }
  mkdir -p "$WORK/locked"
  chmod 755 "$WORK" "$WORK/locked"
  # The other user must be able to run this build (its folders, a sanitizer's
  # suppression file) for the case to mean anything.
  if [[ $(id -u) == 0 ]] && command -v setpriv >/dev/null && as_nobody version >/dev/null 2>&1; then
    old_store "$WORK/locked/old.db"
    chmod 666 "$WORK/locked/old.db"; chmod 644 "$WORK/new.csv"
    as_nobody ioc list --db "$WORK/locked/old.db" --format jsonl > "$WORK/out" 2>"$WORK/err" ||
      { cat "$WORK/err" >&2; fail "old store in a locked folder not listed"; }
    jq_expect "$WORK/out" '.[0].value == "evil.exe"'
    as_nobody ioc import --db "$WORK/locked/old.db" "$WORK/new.csv" > /dev/null 2>"$WORK/err" &&
      fail "import into a store in a locked folder did not fail"
    expect_contains "$WORK/err" "is read-only"
  else
    echo "note: cannot run oberig as another user here; the locked-folder case is not checked"
  fi
  # Writable, the same store is brought to the current schema and keeps its data.
  run_oberig "$WORK/out" "$WORK/err" ioc list --db "$WORK/media/old.db" --format jsonl
  jq_expect "$WORK/out" '.[0].value == "evil.exe" and .[0].campaign == "Old Wave"'
  [[ $(sqlite3 "$WORK/media/old.db" "PRAGMA user_version") == 5 ]] || fail "old store not migrated"
  pass
fi
finish
