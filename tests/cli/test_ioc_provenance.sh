#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Issue 15: every indicator dated and sourced. What the publisher says
# (publisher, dates, references, upstream version, valid_until) is kept,
# listed and exported as it was; filters are for people; an expired
# indicator is kept but not used; scan and mail say how old their
# indicators are.
source "$(dirname "$0")/lib.sh"
data=$ROOT/tests/data/ioc
db=$WORK/store.db
today=$(date -u +%F)

run_oberig "$WORK/out" "$WORK/err" ioc import --db "$db" "$data/dated.stix2" "$data/dated-misp.json"
expect_status 0 "import of dated STIX and MISP"

# ---- provenance kept and shown ----
run_oberig "$WORK/list.jsonl" "$WORK/err" ioc list --db "$db" --format jsonl
expect_status 0 "list jsonl"
jq_expect "$WORK/list.jsonl" 'map(select(.value == "quietfox-c2.example"))[0] | .publisher == "Test Helpline Lab" and .published == "2024-03-15T08:30:00Z" and .created == "2024-03-10T09:00:00Z" and .modified == "2024-03-11T10:00:00Z" and .valid_from == "2024-03-10T09:00:00Z" and .valid_until == null and .expired == false and .source_description == "Test spyware, attributed to nobody in particular." and (.references | sort) == ["https://lab.example/quietfox", "https://lab.example/reports/quietfox.pdf"] and (.imported | startswith("'"$today"'"))'
jq_expect "$WORK/list.jsonl" 'map(select(.value == "quietfox-old.exe"))[0] | .valid_until == "2024-06-01T00:00:00Z" and .expired == true'
jq_expect "$WORK/list.jsonl" 'map(select(.value == "quietfox.exe"))[0] | .valid_until == "2099-01-01T00:00:00Z" and .expired == false'
jq_expect "$WORK/list.jsonl" 'map(select(.value == "coruna-login.example"))[0] | .publisher == "CERT-Test" and .published == "2025-01-20T00:00:00Z" and .created == "2025-01-20T00:00:00Z" and .modified == "2025-01-20T16:20:00Z" and .tlp == "green" and .references == ["https://cert.example/advisories/coruna"]'
run_oberig "$WORK/out" "$WORK/err" ioc list --db "$db"
expect_contains "$WORK/out" "valid until 2024-06-01: expired, kept but not used by scan and mail"
expect_contains "$WORK/out" "Quietfox (dated) — Test Helpline Lab, published 2024-03-15, imported $today (3 indicators)"
expect_contains "$WORK/out" "1 indicator is past its valid_until: kept, not used by scan and mail"
run_oberig "$WORK/out" "$WORK/err" ioc stats --db "$db"
expect_status 0 "stats"
expect_contains "$WORK/out" "Coruna phishing wave (dated-misp) — CERT-Test, published 2025-01-20, imported $today (2 indicators)"
run_oberig "$WORK/stats.jsonl" "$WORK/err" ioc stats --db "$db" --format jsonl
jq_expect "$WORK/stats.jsonl" '.[0].sources | map({source, campaign, publisher, published, indicators, expired}) == [{"source":"dated","campaign":"Quietfox","publisher":"Test Helpline Lab","published":"2024-03-15T08:30:00Z","indicators":3,"expired":1},{"source":"dated-misp","campaign":"Coruna phishing wave","publisher":"CERT-Test","published":"2025-01-20T00:00:00Z","indicators":2,"expired":0}]'
run_oberig "$WORK/out" "$WORK/err" ioc stats --db "$db" --lang uk
expect_contains "$WORK/out" "Quietfox (dated) — Test Helpline Lab, опубліковано 2024-03-15, імпортовано $today (3 індикатори)"
expect_not_contains "$WORK/out" "published"
LANG=uk_UA.UTF-8 LC_ALL= LANGUAGE= run_oberig "$WORK/out" "$WORK/err" ioc list --db "$db"
expect_contains "$WORK/out" "дійсний до 2024-06-01: уже недійсний"
expect_contains "$WORK/out" "Coruna phishing wave (dated-misp) — CERT-Test, опубліковано 2025-01-20"
expect_not_contains "$WORK/out" "kept but not used"
# JSON lines hold no sentences: the same in either language.
run_oberig "$WORK/list-uk.jsonl" "$WORK/err" ioc list --db "$db" --format jsonl --lang uk
cmp -s "$WORK/list.jsonl" "$WORK/list-uk.jsonl" || fail "ioc list JSON lines differ between languages"
pass

# A signature-base list is dated by its file; a SOURCE file names the upstream version.
mkdir -p "$WORK/sigbase/iocs"
printf 'commit 0123abc of github.com/example/signature-base\n' >"$WORK/sigbase/SOURCE"
printf '44d88612fea8a8f36de82e1278abb02f;Quietfox list entry\n' >"$WORK/sigbase/iocs/hash-iocs.txt"
touch -d '2023-05-06 07:08:09 UTC' "$WORK/sigbase/iocs/hash-iocs.txt"
run_oberig "$WORK/out" "$WORK/err" ioc import --db "$WORK/sig.db" "$WORK/sigbase/iocs"
expect_status 0 "signature-base import"
run_oberig "$WORK/sig.jsonl" "$WORK/err" ioc list --db "$WORK/sig.db" --format jsonl
jq_expect "$WORK/sig.jsonl" '.[0] | .published == "2023-05-06T07:08:09Z" and .version == "commit 0123abc of github.com/example/signature-base" and .publisher == ""'
run_oberig "$WORK/out" "$WORK/err" ioc stats --db "$WORK/sig.db"
expect_contains "$WORK/out" "upstream version: commit 0123abc of github.com/example/signature-base"

# ---- exports that do not lie ----
for format in stix misp; do
  run_oberig "$WORK/first.$format" "$WORK/err" ioc export --db "$db" --format "$format"
  expect_status 0 "export $format"
  run_oberig "$WORK/out" "$WORK/err" ioc import --db "$WORK/again-$format.db" --source again "$WORK/first.$format"
  expect_status 0 "import of the $format export"
  run_oberig "$WORK/second.$format" "$WORK/err" ioc export --db "$WORK/again-$format.db" --format "$format"
  cmp -s "$WORK/first.$format" "$WORK/second.$format" || fail "$format: export, import, export differ"
  pass
done
jq_expect "$WORK/first.stix" '.[0].objects | map(select(.type == "indicator" and .pattern == "[domain-name:value = '"'quietfox-c2.example'"']"))[0] | .created == "2024-03-10T09:00:00.000Z" and .modified == "2024-03-11T10:00:00.000Z" and .valid_from == "2024-03-10T09:00:00.000Z" and (.created_by_ref | startswith("identity--"))'
jq_expect "$WORK/first.stix" '.[0].objects | map(select(.type == "indicator" and .pattern == "[file:name = '"'quietfox-old.exe'"']"))[0].valid_until == "2024-06-01T00:00:00.000Z"'
jq_expect "$WORK/first.stix" '.[0].objects | map(select(.type == "identity")) | map(.name) | sort == ["CERT-Test", "Test Helpline Lab"]'
jq_expect "$WORK/first.stix" '.[0].objects | map(select(.type == "report" and .name == "Quietfox"))[0] | .published == "2024-03-15T08:30:00.000Z" and .description == "Test spyware, attributed to nobody in particular." and ([.external_references[].url] | sort) == ["https://lab.example/quietfox", "https://lab.example/reports/quietfox.pdf"]'
# No date of today where the publisher gave one.
expect_not_contains "$WORK/first.stix" "$today"
jq_expect "$WORK/first.misp" '.[0].response | map(.Event) | map(select(.info == "Coruna phishing wave"))[0] | .date == "2025-01-20" and .Orgc.name == "CERT-Test" and ([.Tag[].name] | index("tlp:green") != null) and ([.Attribute[] | select(.type == "link") | .value] == ["https://cert.example/advisories/coruna"])'
jq_expect "$WORK/first.misp" '.[0].response | map(.Event) | map(select(.info == "Quietfox"))[0] | .date == "2024-03-10" and .Orgc.name == "Test Helpline Lab" and ([.Tag[].name] | index("tlp:clear") != null)'
run_oberig "$WORK/amber.misp" "$WORK/err" ioc export --db "$db" --format misp --tlp amber
jq_expect "$WORK/amber.misp" '[.[0].response[].Event.Tag[].name | select(startswith("tlp:"))] | unique == ["tlp:amber"]'
run_oberig "$WORK/out" "$WORK/err" ioc export --db "$db" --format misp --tlp purple
expect_status 2 "unknown TLP level"
run_oberig "$WORK/out" "$WORK/err" ioc list --db "$db" --tlp green
expect_status 2 "--tlp with list"

# ---- filters for people ----
for campaign in QUIETFOX fox; do
  run_oberig "$WORK/f.jsonl" "$WORK/err" ioc list --db "$db" --campaign "$campaign" --format jsonl
  expect_status 0 "--campaign $campaign"
  jq_expect "$WORK/f.jsonl" 'length == 3 and (map(.campaign) | unique) == ["Quietfox"]'
done
run_oberig "$WORK/f.jsonl" "$WORK/err" ioc list --db "$db" --source MISP --format jsonl
jq_expect "$WORK/f.jsonl" 'length == 2 and (map(.source) | unique) == ["dated-misp"]'
run_oberig "$WORK/out" "$WORK/err" ioc list --db "$db" --campaign coruna --type sha256
expect_status 0 "campaign and type"
expect_contains "$WORK/out" "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f"
run_oberig "$WORK/out" "$WORK/err" ioc list --db "$db" --campaign predator
expect_status 1 "a campaign that matches nothing"
expect_contains "$WORK/err" "oberig ioc: no indicator matches --campaign 'predator'"
[[ ! -s $WORK/out ]] || fail "a filter that matched nothing printed indicators"
run_oberig "$WORK/out" "$WORK/err" ioc export --db "$db" --format stix --source nowhere
expect_status 1 "export with a source that matches nothing"
expect_contains "$WORK/err" "oberig ioc: no indicator matches --source 'nowhere'"
[[ ! -s $WORK/out ]] || fail "an export that matched nothing wrote a document"
run_oberig "$WORK/out" "$WORK/err" ioc list --db "$db" --campaign predator --lang uk
expect_status 1 "no match in Ukrainian"
expect_contains "$WORK/err" "жоден індикатор не відповідає --campaign «predator»"

# --older-than: the stale sources, not their indicators.
printf 'type,value,description,campaign\ndomain,fresh.example,,Fresh\n' >"$WORK/fresh.csv"
run_oberig "$WORK/out" "$WORK/err" ioc import --db "$db" "$WORK/fresh.csv"
run_oberig "$WORK/out" "$WORK/err" ioc list --db "$db" --older-than 90d
expect_status 0 "--older-than 90d"
expect_contains "$WORK/out" "Quietfox (dated) — Test Helpline Lab, published 2024-03-15"
expect_contains "$WORK/out" "Coruna phishing wave (dated-misp) — CERT-Test, published 2025-01-20"
expect_not_contains "$WORK/out" "Fresh"
expect_not_contains "$WORK/out" "quietfox-c2.example"
run_oberig "$WORK/stale.jsonl" "$WORK/err" ioc list --db "$db" --older-than 90d --format jsonl
jq_expect "$WORK/stale.jsonl" 'map(.type) == ["source", "source"] and (map(.source) | sort) == ["dated", "dated-misp"]'
run_oberig "$WORK/out" "$WORK/err" ioc list --db "$db" --older-than 100000d
expect_status 1 "nothing that old"
expect_contains "$WORK/err" "oberig ioc: no source is older than 100000 days"
run_oberig "$WORK/out" "$WORK/err" ioc list --db "$db" --older-than soon
expect_status 2 "--older-than needs days"

# import --campaign does what it says.
printf 'type,value,description,campaign\ndomain,one.example,,Own\nmd5,44d88612fea8a8f36de82e1278abb02f,,\n' >"$WORK/given.csv"
run_oberig "$WORK/out" "$WORK/err" ioc import --db "$WORK/given.db" --campaign "Given Wave" "$WORK/given.csv" "$data/dated-misp.json"
expect_status 0 "import --campaign"
run_oberig "$WORK/given.jsonl" "$WORK/err" ioc list --db "$WORK/given.db" --format jsonl
jq_expect "$WORK/given.jsonl" 'length == 4 and (map(.campaign) | unique) == ["Given Wave"]'
run_oberig "$WORK/out" "$WORK/err" ioc stats --db "$WORK/given.db" --campaign x
expect_status 2 "--campaign with stats"

# ---- expired indicators are not used; freshness in every result ----
mkdir -p "$WORK/files"
printf 'old\n' >"$WORK/files/quietfox-old.exe"
printf 'new\n' >"$WORK/files/quietfox.exe"
run_oberig "$WORK/scan.jsonl" "$WORK/err" scan --db "$db" --format jsonl "$WORK/files"
expect_status 1 "scan finds the valid indicator"
jq_expect "$WORK/scan.jsonl" '[.[] | select(.type == "finding") | .path | split("/") | last] == ["quietfox.exe"]'
jq_expect "$WORK/scan.jsonl" 'map(select(.type == "start"))[0].sets | map(select(.name == "dated"))[0] | .publisher == "Test Helpline Lab" and .published == "2024-03-15" and .date == "2024-03-15" and .expired == 1 and .count == 1'
months=$(( ($(date -u +%s) - $(date -u -d 2025-01-20 +%s)) / 86400 / 30 ))
jq_expect "$WORK/scan.jsonl" 'map(select(.type == "summary"))[0] | .indicators_newest == "2025-01-20" and .indicators_expired == 1 and .message == "your indicators are '"$months"' months old: ask your helpline for an update" and (.indicator_sources | map(.name) | index("dated") != null)'
run_oberig "$WORK/out" "$WORK/err" scan --db "$db" "$WORK/files"
expect_contains "$WORK/err" "oberig: 1 indicator of source 'dated' is past its valid_until: kept, not used"
expect_contains "$WORK/err" "oberig: indicator store source 'dated' (Test Helpline Lab): 1 indicator, published 2024-03-15, imported $today"
expect_contains "$WORK/out" "indicators used: 'dated' by Test Helpline Lab, published 2024-03-15"
expect_contains "$WORK/out" "1 indicator past its valid_until was not used"
expect_contains "$WORK/out" "warning: your indicators are $months months old: ask your helpline for an update"
run_oberig "$WORK/out" "$WORK/err" scan --db "$db" --lang uk "$WORK/files"
expect_contains "$WORK/out" "вашим індикаторам уже $months"
expect_not_contains "$WORK/out" "ask your helpline"
expect_not_contains "$WORK/out" "indicators used"
run_oberig "$WORK/uk.jsonl" "$WORK/err" scan --db "$db" --lang uk --format jsonl "$WORK/files"
machine='del(.seconds, .bytes_per_second, .message, .yara_reused) | if .reasons then .reasons |= map(del(.description)) else . end'
cmp -s <(jq -c "$machine" "$WORK/scan.jsonl") <(jq -c "$machine" "$WORK/uk.jsonl") ||
  fail "scan JSON lines differ between English and Ukrainian beyond the human fields"
pass
# The report (report merge, and triage's) says the same.
run_oberig "$WORK/out" "$WORK/err" report merge "$WORK/scan.jsonl" -o "$WORK/report"
expect_status 1 "report of a scan with old indicators and a finding"
expect_contains "$WORK/out" "warning: your indicators are $months months old: ask your helpline for an update"
expect_contains "$WORK/report/report.html" "your indicators are $months months old: ask your helpline for an update"
jq_expect "$WORK/report/report.json" '.[0] | .indicators_newest == "2025-01-20" and .indicators_age_days > 90'
run_oberig "$WORK/out" "$WORK/err" report merge --lang uk "$WORK/scan.jsonl" -o "$WORK/report-uk"
expect_contains "$WORK/out" "вашим індикаторам уже $months"
# Fresh indicators: no warning.
run_oberig "$WORK/out" "$WORK/err" ioc import --db "$WORK/fresh.db" "$WORK/fresh.csv"
printf 'type,value\nfile-name,quietfox.exe\n' >"$WORK/fresh-file.csv"
run_oberig "$WORK/out" "$WORK/err" ioc import --db "$WORK/fresh.db" "$WORK/fresh-file.csv"
run_oberig "$WORK/out" "$WORK/err" scan --db "$WORK/fresh.db" "$WORK/files"
expect_contains "$WORK/out" "indicators used: 'fresh-file', publication date not given, imported $today"
expect_not_contains "$WORK/out" "months old"

# mail names the sources of the addresses and links it checked, with their age.
cat >"$WORK/coruna.eml" <<MAIL
From: Support <support@coruna-login.example>
To: olena@example.org
Subject: your account
Message-ID: <coruna-1@coruna-login.example>
Content-Type: text/plain; charset=utf-8

Sign in at https://coruna-login.example/login to keep your account.
MAIL
run_oberig "$WORK/out" "$WORK/err" ioc import --db "$WORK/mail.db" "$data/dated.stix2" "$data/dated-misp.json"
run_oberig "$WORK/mail.jsonl" "$WORK/err" mail --db "$WORK/mail.db" --format jsonl "$WORK/coruna.eml"
jq_expect "$WORK/mail.jsonl" 'map(select(.type == "summary"))[0] | .indicators_newest == "2025-01-20" and (.message | test("months old")) and (.indicator_sources | map(select(.name == "dated-misp"))[0] | .publisher == "CERT-Test" and .published == "2025-01-20")'
run_oberig "$WORK/out" "$WORK/err" mail --db "$WORK/mail.db" "$WORK/coruna.eml"
expect_contains "$WORK/out" "indicators used: 'dated-misp' by CERT-Test, published 2025-01-20"
expect_contains "$WORK/out" "warning: your indicators are $months months old: ask your helpline for an update"
finish
