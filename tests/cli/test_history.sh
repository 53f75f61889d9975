#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# oberig scan on browser histories made here with sqlite3: a Chromium History
# (WebKit microseconds) and a Firefox places.sqlite (Unix microseconds), one
# in WAL mode kept open by a writer, a damaged one, a hostile one (a view
# named like the table); visits to the store's domains, URLs and IPs and to
# --iocs C2 hosts; the scanned tree is never written to.
source "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "skip: no sqlite3"; exit 77; }
command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }

tree=$WORK/tree
chrome=$tree/home/olena/.config/google-chrome/Default
edge=$tree/Users/olena/AppData/Local/Microsoft/Edge/User\ Data/Default
firefox=$tree/home/olena/.mozilla/firefox/ab12.default-release
tor=$tree/home/olena/tor-browser/Browser/TorBrowser/Data/Browser/profile.default
mkdir -p "$chrome" "$edge" "$firefox" "$tor" "$tree/damaged" "$tree/hostile" "$tree/other"

# Chromium's schema (the columns oberig reads and a few more). Times are
# microseconds since 1601-01-01: 13390000000000000 is 2025-04-24T20:26:40Z.
cat >"$WORK/chromium.sql" <<'EOF'
CREATE TABLE urls(id INTEGER PRIMARY KEY AUTOINCREMENT,url LONGVARCHAR,title LONGVARCHAR,
  visit_count INTEGER DEFAULT 0 NOT NULL,typed_count INTEGER DEFAULT 0 NOT NULL,
  last_visit_time INTEGER NOT NULL,hidden INTEGER DEFAULT 0 NOT NULL);
CREATE TABLE visits(id INTEGER PRIMARY KEY,url INTEGER NOT NULL,visit_time INTEGER NOT NULL,
  from_visit INTEGER,transition INTEGER DEFAULT 0 NOT NULL,segment_id INTEGER,
  visit_duration INTEGER DEFAULT 0 NOT NULL);
CREATE INDEX visits_url_index ON visits (url);
INSERT INTO urls VALUES(1,'https://news.novosti.dn.ua/2026/03/war?id=7','Новини Донбасу',2,0,13390000000000000,0);
INSERT INTO urls VALUES(2,'https://novosti.dn.ua/','Новини',1,0,13389990000000000,0);
INSERT INTO urls VALUES(3,'https://example.org/','Example',1,0,13390000000000000,0);
INSERT INTO urls VALUES(4,'http://192.0.2.7:8080/panel','',1,0,13390000000000000,0);
INSERT INTO visits VALUES(1,1,13390000000000000,0,0,0,0);
INSERT INTO visits VALUES(2,1,13389995000000000,0,0,0,0);
INSERT INTO visits VALUES(3,2,13389990000000000,0,0,0,0);
INSERT INTO visits VALUES(4,3,13390000000000000,0,0,0,0);
INSERT INTO visits VALUES(5,4,13390000000000000,0,0,0,0);
EOF
sqlite3 "$chrome/History" <"$WORK/chromium.sql"
sqlite3 "$edge/History" <"$WORK/chromium.sql"

# Firefox's schema; times in microseconds since 1970: 1700000000000000 is
# 2023-11-14T22:13:20Z.
cat >"$WORK/firefox.sql" <<'EOF'
CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url LONGVARCHAR, title LONGVARCHAR,
  rev_host LONGVARCHAR, visit_count INTEGER DEFAULT 0, hidden INTEGER DEFAULT 0 NOT NULL,
  typed INTEGER DEFAULT 0 NOT NULL, frecency INTEGER DEFAULT -1 NOT NULL,
  last_visit_date INTEGER, guid TEXT, foreign_count INTEGER DEFAULT 0 NOT NULL,
  url_hash INTEGER DEFAULT 0 NOT NULL);
CREATE TABLE moz_historyvisits (id INTEGER PRIMARY KEY, from_visit INTEGER,
  place_id INTEGER, visit_date INTEGER, visit_type INTEGER, session INTEGER);
CREATE INDEX moz_historyvisits_placedateindex ON moz_historyvisits (place_id, visit_date);
INSERT INTO moz_places(id, url, title) VALUES(1, 'https://phish.example.net/login?next=1', 'Sign in');
INSERT INTO moz_places(id, url, title) VALUES(2, 'https://www.wikipedia.org/', 'Wikipedia');
INSERT INTO moz_historyvisits(place_id, visit_date) VALUES(1, 1700000000000000);
INSERT INTO moz_historyvisits(place_id, visit_date) VALUES(2, 1700000000000000);
EOF
sqlite3 "$tor/places.sqlite" <"$WORK/firefox.sql"

# Many visits to one indicator: one finding, a count, a capped list.
{
  echo 'BEGIN;'
  for i in $(seq 1 30); do
    echo "INSERT INTO moz_historyvisits(place_id, visit_date) VALUES(1, $((1700000000 + i * 60))000000);"
  done
  echo 'COMMIT;'
} >"$WORK/many.sql"
sqlite3 "$tor/places.sqlite" <"$WORK/many.sql"

# Damaged: cut short, and a page overwritten.
head -c 9000 "$chrome/History" >"$tree/damaged/History"
mkdir -p "$tree/damaged/b"
python3 - "$chrome/History" "$tree/damaged/b/History" <<'EOF'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
for i in range(4096 + 8, len(data), 7):
    data[i] = 0xFF
open(sys.argv[2], "wb").write(data)
EOF
# Hostile: views and a trigger named like the tables; a huge row.
sqlite3 "$tree/hostile/History" "CREATE TABLE u(id, url, title); CREATE VIEW urls AS SELECT * FROM u;
  CREATE TABLE visits(id, url, visit_time);
  CREATE TRIGGER visits_t AFTER INSERT ON u BEGIN DELETE FROM visits; END;"
mkdir -p "$tree/hostile/big"
sqlite3 "$tree/hostile/big/History" <"$WORK/chromium.sql"
sqlite3 "$tree/hostile/big/History" \
  "INSERT INTO urls VALUES(9, 'https://novosti.dn.ua/' || hex(zeroblob(2000000)), 'x', 1, 0, 0, 0);"
# Named like a history but another database, and a text file named History.
sqlite3 "$tree/other/places.sqlite" "CREATE TABLE notes(t);"
echo "not a database" >"$tree/other/History"

# The store: a domain with its campaign, a URL and an IP address.
cat >"$WORK/darksword.csv" <<'EOF'
type,value,description,campaign
domain,novosti.dn.ua,exploit delivery site,DarkSword
url,https://phish.example.net/login?next=1,credential phishing page,Wave
ipv4,192.0.2.7,panel,DarkSword
EOF
run_oberig "$WORK/out" "$WORK/err" ioc import --source "Test Lab" "$WORK/darksword.csv"
expect_status 0 "import"

# What is in the tree before the scan, to check nothing is added beside it.
(cd "$tree" && find . -printf '%p %s %T@\n' | sort) >"$WORK/before"

run_oberig "$WORK/out" "$WORK/err" scan -q --no-yara -f jsonl "$tree"
expect_status 1 "visits to indicators are found"
f='map(select(.type == "finding"))'
chrome_finding="$f | map(select(.path | endswith(\"google-chrome/Default/History\")))"
jq_expect "$WORK/out" "($chrome_finding | length) == 2"
jq_expect "$WORK/out" "$chrome_finding | map(select(.history.indicator == \"novosti.dn.ua\"))[0] |
  .history.browser == \"chrome\" and .history.indicator_type == \"domain\" and .history.visits == 3
  and .history.first_visit == \"2025-04-24T17:40:00Z\" and .history.last_visit == \"2025-04-24T20:26:40Z\"
  and (.history.shown | length) == 3 and .history.shown[2].title == \"Новини Донбасу\"
  and .history.shown[0].url == \"https://novosti.dn.ua/\"
  and .reasons[0].signal == \"browser-history\" and .reasons[0].campaign == \"DarkSword\"
  and .reasons[0].source == \"Test Lab\" and .level == \"alert\""
jq_expect "$WORK/out" "$chrome_finding | map(select(.history.indicator == \"192.0.2.7\"))[0] |
  .history.indicator_type == \"ipv4\" and .history.visits == 1"
jq_expect "$WORK/out" "$f | map(select(.path | contains(\"Microsoft/Edge\")))[0].history.browser == \"edge\""
tor_finding="$f | map(select(.path | endswith(\"profile.default/places.sqlite\")))"
jq_expect "$WORK/out" "($tor_finding | length) == 1"
jq_expect "$WORK/out" "$tor_finding[0] | .history.browser == \"tor-browser\"
  and .history.indicator_type == \"url\" and .history.visits == 31
  and .history.first_visit == \"2023-11-14T22:13:20Z\" and .history.last_visit == \"2023-11-14T22:43:20Z\"
  and (.history.shown | length) == 20 and .history.shown[0].time == \"2023-11-14T22:13:20Z\"
  and .reasons[0].campaign == \"Wave\""
# Nothing for sites on no list, nor for databases that are no history.
jq_expect "$WORK/out" "$f | all(.history.indicator != \"example.org\" and (.path | contains(\"/other/\") | not))"
# Damaged and hostile ones: notices, the scan goes on.
n='map(select(.type == "notice"))'
jq_expect "$WORK/out" "$n | any(.path | endswith(\"damaged/History\"))"
jq_expect "$WORK/out" "$n | any(.path | endswith(\"damaged/b/History\"))"
jq_expect "$WORK/out" "$n | any(.path | endswith(\"hostile/History\")) and
  ($f | all(.path | endswith(\"hostile/History\") | not))"
jq_expect "$WORK/out" "$n | any(.path | endswith(\"hostile/big/History\"))"
# The big row stops the reading; the visits before it are still reported or
# none are, but the scan never fails.
jq_expect "$WORK/out" 'map(select(.type == "summary"))[0].errors == 0'

# The tree is as it was: no -wal, -shm or -journal beside the originals.
(cd "$tree" && find . -printf '%p %s %T@\n' | sort) >"$WORK/after"
diff "$WORK/before" "$WORK/after" >&2 || fail "the scan changed the scanned tree"
pass
ls "${TMPDIR:-/tmp}" | grep -q '^oberig-history-' && fail "a private copy was left behind"
pass

# Human output: the browser, the visits and their times.
run_oberig "$WORK/out" "$WORK/err" scan -q --no-yara "$chrome"
expect_status 1 "human"
expect_contains "$WORK/out" "browser chrome: 3 visits, from 2025-04-24T17:40:00Z to 2025-04-24T20:26:40Z"
expect_contains "$WORK/out" "records visits to a site on an indicator list (browser-history"
expect_contains "$WORK/out" "campaign: DarkSword"

# In Ukrainian: the sentences are, the codes and values are not.
run_oberig "$WORK/out" "$WORK/err" scan -q --no-yara --lang uk "$chrome"
expect_status 1 "human, Ukrainian"
expect_contains "$WORK/out" "браузер chrome: 3 відвідування, з 2025-04-24T17:40:00Z до 2025-04-24T20:26:40Z"
expect_contains "$WORK/out" "містить відвідини сайту зі списку індикаторів (browser-history"
expect_contains "$WORK/out" "ця історія браузера містить відвідини адреси, що збігається з «novosti.dn.ua»"
expect_not_contains "$WORK/out" "records visits"
expect_not_contains "$WORK/out" "visits, from"
status=0
LANG=uk_UA.UTF-8 LC_ALL= LANGUAGE= "$OBERIG" scan -q --no-yara "$chrome" >"$WORK/out" 2>"$WORK/err" ||
  status=$?
expect_status 1 "human, LANG=uk_UA.UTF-8"
expect_contains "$WORK/out" "браузер chrome: 3 відвідування"
# The JSON lines differ only in the human-language fields.
strip='map(del(.seconds, .message) | if .reasons then .reasons |= map(del(.description)) else . end)
  | sort_by(.type, .path, (.history.indicator // ""))'
run_oberig "$WORK/en.jsonl" "$WORK/err" scan -q --no-yara --lang en -f jsonl "$tree"
run_oberig "$WORK/uk.jsonl" "$WORK/err" scan -q --no-yara --lang uk -f jsonl "$tree"
diff <(jq -S -s "$strip" "$WORK/en.jsonl") <(jq -S -s "$strip" "$WORK/uk.jsonl") >&2 ||
  fail "JSON lines differ between --lang en and --lang uk beyond the human-language fields"
pass
jq_expect "$WORK/uk.jsonl" "$n | any(.message | test(\"історі\"))"

# A report made from these lines says what a visit finding is.
run_oberig "$WORK/out" "$WORK/err" report merge "$WORK/en.jsonl" -o "$WORK/report"
expect_status 1 "report of the visits"
visits=$(jq -s 'map(select(.type == "finding" and .history != null)) | length' "$WORK/en.jsonl")
jq_expect "$WORK/report/report.json" ".[0].findings | map(select(.reasons[0].signal == \"browser-history\"))
  | length == $visits and $visits >= 5
  and all(.what == \"A browser history with visits to a site used in attacks\")"


# --iocs C2 lists alone, without the store.
mkdir -p "$WORK/iocs"
printf '# DarkSword delivery\nnovosti.dn.ua\n' >"$WORK/iocs/c2-iocs.txt"
run_oberig "$WORK/out" "$WORK/err" scan -q --no-store -i "$WORK/iocs" -f jsonl "$chrome"
expect_status 1 "C2 list"
jq_expect "$WORK/out" "$f | length == 1 and .[0].history.visits == 3 and
  (.[0].reasons[0].source | endswith(\"c2-iocs.txt:2\"))"
# No indicators at all: the histories are not even opened.
run_oberig "$WORK/out" "$WORK/err" scan -q --no-store -f jsonl "$tree"
expect_status 0 "no indicators"
jq_expect "$WORK/out" "($f | length) == 0 and ($n | length) == 0"

# WAL mode, the newest visits only in the -wal file, kept open by a writer.
wal=$WORK/wal/.mozilla/firefox/w.default
mkdir -p "$wal"
cat >"$WORK/writer.py" <<'EOF'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA wal_autocheckpoint=0")
db.executescript(open(sys.argv[2]).read())
db.execute("INSERT INTO moz_places(id, url, title) VALUES(9, 'http://192.0.2.7/x', 'panel')")
db.execute("INSERT INTO moz_historyvisits(place_id, visit_date) VALUES(9, 1710000000000000)")
open(sys.argv[3], "w").close()
while not __import__("os").path.exists(sys.argv[4]):
    time.sleep(0.05)
EOF
python3 "$WORK/writer.py" "$wal/places.sqlite" "$WORK/firefox.sql" "$WORK/ready" "$WORK/done" &
writer=$!
for _ in $(seq 1 100); do [[ -e $WORK/ready ]] && break; sleep 0.05; done
[[ -e $WORK/ready ]] || fail "the writer did not start"
[[ -s $wal/places.sqlite-wal ]] || fail "the fixture is not in WAL mode"
ls -A "$wal" >"$WORK/wal-before"
run_oberig "$WORK/out" "$WORK/err" scan -q --no-yara -f jsonl "$WORK/wal"
ls -A "$wal" >"$WORK/wal-after"
touch "$WORK/done"
wait "$writer"
expect_status 1 "WAL"
diff "$WORK/wal-before" "$WORK/wal-after" >&2 || fail "files appeared beside the WAL database"
pass
jq_expect "$WORK/out" "$f | map(.history.indicator) | sort == [\"192.0.2.7\", \"https://phish.example.net/login?next=1\"]"
jq_expect "$WORK/out" "$f | map(select(.history.indicator == \"192.0.2.7\"))[0].history.first_visit == \"2024-03-09T16:00:00Z\""
finish
