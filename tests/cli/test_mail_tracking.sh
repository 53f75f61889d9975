#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# oberig mail on newsletters: a newsletter's click
# tracking is not a disguised link, but a tracked link that names a brand
# the sender is not, or that carries another address than it shows, is.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }
data="$ROOT/tests/data/mail"

signals() { jq -r 'select(.type == "message") | [.reasons[].signal] | join(" ")' "$1"; }

# ---- click tracking ------------------------------------------------------------------
# Mailchimp-style links whose text shows the sender's own site, with
# List-Unsubscribe and a DKIM signature of the sender: not deceptive.
run_oberig "$WORK/out" "$WORK/err" mail --no-store --format jsonl "$data/tracked-newsletter.eml"
expect_status 0 "a tracked newsletter is not flagged"
[[ $(signals "$WORK/out") != *link-text-mismatch* ]] || fail "tracked newsletter: link-text-mismatch"
pass
# The same tracker, the text shows a bank's site and the sender is not the bank.
run_oberig "$WORK/out" "$WORK/err" mail --no-store --format jsonl "$data/tracked-phish-bank.eml"
expect_status 1 "a tracked link naming a bank is flagged"
[[ $(signals "$WORK/out") == *link-text-mismatch* ]] || fail "tracked bank phish: no link-text-mismatch"
pass
jq_expect "$WORK/out" '[.[] | select(.type == "message") | .reasons[] | select(.signal == "link-text-mismatch")
  | .evidence | test("privatbank.ua")] == [true]'
# A tracker that carries its destination (Amazon SES) to another site than shown.
run_oberig "$WORK/out" "$WORK/err" mail --no-store --format jsonl "$data/tracked-phish-carried.eml"
[[ $(signals "$WORK/out") == *link-text-mismatch* ]] || fail "tracker carrying another site: no link-text-mismatch"
pass

finish
