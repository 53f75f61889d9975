#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# oberig mail on messages that carry no verdict of the receiving service
# (no X-Spam-*, no Microsoft SCL): the marks of bulk-mailing software in the
# message itself (a malformed sender address, a picture instead of text,
# pictures from a public picture-sharing site, pictographs in the sender's
# name), pressure phrases in a neighbouring language, and an ordinary
# newsletter with its own pictures that must stay clean.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }
data="$(cd "$(dirname "$0")/../data/mail" && pwd)"

# None of the messages has a filter verdict to lean on.
for f in "$data"/bulk-*.eml; do
  expect_not_contains "$f" "X-Spam"
  expect_not_contains "$f" "SCL"
done

run_oberig "$WORK/out" "$WORK/err" mail --no-store --format jsonl "$data/bulk-picture-spam.eml"
expect_status 1 "the picture spam is flagged"
jq_expect "$WORK/out" '.[0].verdict != "no signs found"'
jq_expect "$WORK/out" '[.[0].reasons[].signal] | index("sender-malformed-address") != null'
jq_expect "$WORK/out" '[.[0].reasons[].signal] | index("content-picture-only") != null'
jq_expect "$WORK/out" '.[0].reasons[] | select(.signal == "content-image-host") | .evidence == "i.imgur.com"'
jq_expect "$WORK/out" '[.[0].reasons[].signal] | index("sender-name-decorated") != null'
jq_expect "$WORK/out" '[.[0].reasons[].signal | select(startswith("filter-"))] | length == 0'

run_oberig "$WORK/out" "$WORK/err" mail --no-store --format jsonl "$data/bulk-quoted-sender.eml"
expect_status 1 "the quoted sender is flagged"
jq_expect "$WORK/out" '.[0].reasons[] | select(.signal == "sender-malformed-address") | .evidence | contains("<\"noreply@shop.example\">")'
# Dutch pressure phrases: "u heeft gewonnen", "bevestig uw account", "binnen 24 uur".
jq_expect "$WORK/out" '.[0].reasons[] | select(.signal == "content-pressure") | .score == 30'

# Human output, English and Ukrainian.
run_oberig "$WORK/out" "$WORK/err" mail --no-store "$data/bulk-picture-spam.eml"
expect_contains "$WORK/out" "public site where anyone can upload pictures"
expect_contains "$WORK/out" "a picture with a link and almost no text"
run_oberig "$WORK/out" "$WORK/err" mail --no-store --lang uk "$data/bulk-picture-spam.eml"
expect_contains "$WORK/out" "публічного сайту"
expect_contains "$WORK/out" "картинка з посиланням"
expect_not_contains "$WORK/out" "almost no text"

# An ordinary newsletter with its own pictures and its text: nothing.
run_oberig "$WORK/out" "$WORK/err" mail --no-store --format jsonl "$data/bulk-ordinary-newsletter.eml"
expect_status 0 "the newsletter is clean"
jq_expect "$WORK/out" '.[0].verdict == "no signs found"'
jq_expect "$WORK/out" '[.[0].reasons[].signal | select(. == "content-picture-only" or . == "content-image-host" or . == "sender-malformed-address")] | length == 0'
finish
