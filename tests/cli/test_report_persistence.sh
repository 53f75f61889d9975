#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# oberig report merge of oberig persistence and oberig scan on a tree made
# here: a cron line that starts a planted file scan flags. The entry, its
# link to the scan finding (whatever order the inputs come in), its time on
# the timeline, the page's section, Ukrainian.
source "$(dirname "$0")/lib.sh"

T=$WORK/tree
mkdir -p "$T/etc/cron.d" "$T/var/spool/cron/crontabs" "$T/tmp" "$T/usr/bin"
printf 'X5O!P%%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*' >"$T/tmp/.svc"
printf '@reboot /tmp/.svc --daemon\n' >"$T/var/spool/cron/crontabs/olena"
touch -d '2023-03-04 05:06:07 UTC' "$T/var/spool/cron/crontabs/olena"
echo '17 * * * * root /usr/bin/backup --quiet' >"$T/etc/cron.d/backup"
touch "$T/usr/bin/backup"

run_oberig "$WORK/p.jsonl" "$WORK/err" persistence --root "$T" --format jsonl
expect_status 1 "persistence flags the cron line"
jq_expect "$WORK/p.jsonl" 'map(select(.type == "persistence" and .when == "boot")) | .[0].mtime == "2023-03-04T05:06:07Z" and .[0].program == "'"$T"'/tmp/.svc"'
run_oberig "$WORK/s.jsonl" "$WORK/err" scan --no-store -f jsonl --rules "$ROOT/examples/rules/demo.yar" "$T"
expect_status 1 "scan flags the planted file"

program=$T/tmp/.svc
for order in "p s" "s p"; do
  read -r first second <<<"$order"
  run_oberig "$WORK/out" "$WORK/err" report merge "$WORK/$first.jsonl" "$WORK/$second.jsonl" \
    -o "$WORK/r-$first"
  expect_status 1 "merge with the persistence lines $([[ $first == p ]] && echo before || echo after) the scan's"
  json=$WORK/r-$first/report.json
  jq_expect "$json" '.[0].persistence | length == 2 and (map(.when) | sort == ["boot", "schedule"])'
  jq_expect "$json" '.[0].steps | map(select(.kind == "persistence")) | length == 1 and .[0].summary.entries == 2 and .[0].summary["levels.warning"] == 1'
  # the entry: its own finding, the scan finding about its program, its time
  jq_expect "$json" '.[0] as $r | $r.persistence | map(select(.when == "boot"))[0] as $e
    | $e.program == "'"$program"'" and $e.time == "2023-03-04T05:06:07Z"
    and $e.user == "olena" and ($e.signals | map(.signal) == ["persistence-temp-folder"])
    and ($e.findings | length == 1)
    and ($r.findings[$e.findings[0] - 1] | .kind == "file" and .path == "'"$program"'")
    and ($r.findings[$e.finding - 1] | .kind == "persistence" and .path == "'"$program"'" and .level == "warning")'
  # the scan finding shows what starts it
  jq_expect "$json" '.[0].findings | map(select(.kind == "file")) | .[0].persistence == "starts at every start of the computer, as olena (cron)"'
  # the timeline holds the entry with its time, and points at it
  jq_expect "$json" '.[0] as $r | $r.timeline | map(select(.persistence != null)) | map(.time) | index("2023-03-04T05:06:07Z") != null'
  jq_expect "$json" '.[0].timeline | all(.persistence != null or .finding != null)'
  jq_expect "$json" '.[0].indicators | map(select(.type == "file-path")) | map(.value) == ["'"$program"'"]'
  html=$WORK/r-$first/report.html
  expect_contains "$html" '<section id="persistence">'
  expect_contains "$html" "What starts by itself"
  expect_contains "$html" "<details>"
  expect_contains "$WORK/out" "2 programs set to start by themselves; flagged: 1"
done
# the same report whatever the order, but for the finding ids
strip='del(.created) | .steps |= map(del(.source)) | del(.findings, .persistence[].finding, .persistence[].findings, .timeline[].finding) | .indicators |= (map(del(.finding, .description)) | sort_by(.type, .value)) | .steps |= sort_by(.name) | .sets |= sort_by(.kind)'
[[ "$(jq -S "$strip" "$WORK/r-p/report.json")" == "$(jq -S "$strip" "$WORK/r-s/report.json")" ]] ||
  { diff <(jq -S "$strip" "$WORK/r-p/report.json") <(jq -S "$strip" "$WORK/r-s/report.json") >&2; fail "the order of the inputs changes the persistence part of the report"; }
pass

# --redact: the entry's user is gone from every form
run_oberig "$WORK/out" "$WORK/err" report merge --redact "$WORK/p.jsonl" "$WORK/s.jsonl" -o "$WORK/rr"
for form in "$WORK/rr/report.json" "$WORK/rr/report.html" "$WORK/out"; do
  grep -q olena "$form" && fail "the user name is left in $form"
  pass
done

# Ukrainian
run_oberig "$WORK/out" "$WORK/err" --lang uk persistence --root "$T" --format jsonl
cp "$WORK/out" "$WORK/p-uk.jsonl"
run_oberig "$WORK/out" "$WORK/err" --lang uk report merge "$WORK/p-uk.jsonl" "$WORK/s.jsonl" \
  -o "$WORK/r-uk"
expect_status 1 "merge in Ukrainian"
expect_contains "$WORK/r-uk/report.html" "Що запускається само"
expect_contains "$WORK/out" "2 програми з автозапуском; з них позначено: 1"
for english in "What starts by itself" "Where it is kept" "When the computer starts" \
  "programs set to start by themselves" "with nothing flagged" "needs a closer look"; do
  expect_not_contains "$WORK/r-uk/report.html" "$english"
  expect_not_contains "$WORK/out" "$english"
done
jq_expect "$WORK/r-uk/report.json" '.[0].findings | map(select(.kind == "persistence")) | .[0].what | test("автозапуск")'

# The page in a browser: the section and a link to the scan finding.
chromium_bin=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $chromium_bin ]]; then
  echo "skip: chromium is not installed; the browser part was not run"
else
  id=$(jq '.persistence[] | select(.when == "boot") | .findings[0]' "$WORK/r-p/report.json")
  HOME=$WORK timeout 120 "$chromium_bin" --headless --no-sandbox --disable-gpu --no-first-run \
    --user-data-dir="$WORK/chromium" --dump-dom "file://$WORK/r-p/report.html" \
    >"$WORK/dom.html" 2>>"$WORK/chromium.err" || fail "chromium could not load the report"
  expect_contains "$WORK/dom.html" '<section id="persistence">'
  expect_contains "$WORK/dom.html" "<a href=\"#finding-$id\">"
fi
finish
