#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# oberig signals: the registry as people, the docs and scripts read it, and
# the user guide's and man pages' signal tables kept equal to it.
source "$(dirname "$0")/lib.sh"

run_oberig "$WORK/out" "$WORK/err" signals
expect_status 0 "signals lists every signal"
for id in yara hash filename type-mismatch double-extension rtlo; do
  expect_contains "$WORK/out" "scan $id"
done
for id in auth-dmarc-fail forwarded-sender-brand-mismatch attachment-known-malware indicator-match; do
  expect_contains "$WORK/out" "mail $id"
done
for id in persistence-temp-folder persistence-preload-library persistence-ifeo-debugger; do
  expect_contains "$WORK/out" "persistence $id"
done

run_oberig "$WORK/one" "$WORK/err" signals scan rtlo
expect_status 0 "one signal"
expect_contains "$WORK/one" "score: 70"
expect_contains "$WORK/one" 'contains the invisible character …'
[[ $(grep -c '^scan ' "$WORK/one") -eq 1 ]] || fail "one signal asked, more listed"
pass

run_oberig "$WORK/jsonl" "$WORK/err" signals --format jsonl
expect_status 0 "jsonl"
jq_expect "$WORK/jsonl" 'all(.[]; (.id | test("^[a-z0-9]+(-[a-z0-9]+)*$")) and (.summary | length > 0))'
jq_expect "$WORK/jsonl" '[.[] | .capability + " " + .id] | length == (unique | length)'
jq_expect "$WORK/jsonl" 'map(select(.id == "rtlo"))[0].score == 70'
jq_expect "$WORK/jsonl" 'map(select(.id == "yara"))[0].score == null'
jq_expect "$WORK/jsonl" 'map(select(.id == "indicator-match"))[0] | .per_evidence and .score == 100'
jq_expect "$WORK/jsonl" 'map(select(.id == "filter-spam"))[0] | .score == 30 and .score_max == 40'

run_oberig "$WORK/out" "$WORK/err" signals scan no-such-signal
expect_status 1 "an unknown signal"
expect_contains "$WORK/err" "no signal 'no-such-signal'"
run_oberig "$WORK/out" "$WORK/err" signals nothing
expect_status 1 "an unknown capability"
run_oberig "$WORK/out" "$WORK/err" signals --format pdf
expect_status 2 "a bad format"
expect_contains "$WORK/err" "Try 'oberig signals --help'."

# The tables in docs/ are the registry's, word for word.
bash "$ROOT/scripts/signal-docs.sh" --check "$OBERIG" || fail "docs differ from the signal registry: run scripts/signal-docs.sh"
pass
# ...and the check notices a table edited by hand.
mkdir -p "$WORK/tree/scripts" "$WORK/tree/docs"
cp "$ROOT/scripts/signal-docs.sh" "$WORK/tree/scripts/"
mkdir -p "$WORK/tree/docs/uk"
cp "$ROOT"/docs/user-guide.md "$ROOT"/docs/*.1 "$WORK/tree/docs/"
cp "$ROOT"/docs/uk/user-guide.md "$WORK/tree/docs/uk/"
sed -i 's/^| `rtlo` | 70 |/| `rtlo` | 75 |/' "$WORK/tree/docs/user-guide.md"
status=0
bash "$WORK/tree/scripts/signal-docs.sh" --check "$OBERIG" 2>"$WORK/err" || status=$?
expect_status 1 "a hand-edited score in the user guide"
expect_contains "$WORK/err" "the scan signals in docs/user-guide.md differ"
finish
