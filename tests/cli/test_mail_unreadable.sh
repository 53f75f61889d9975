#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A mail triage that read nothing does not say it found nothing (issue 17,
# failure 2): only unreadable inputs exit 2 with "nothing could be read";
# with a readable message beside them the result is marked incomplete,
# in the human summary and in the JSON summary, and the status follows the
# verdicts.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }
mkfifo "$WORK/pipe.eml"   # not a regular file: never read, never waited on
run_oberig "$WORK/out" "$WORK/err" mail --no-store "$WORK/pipe.eml"
expect_status 2 "only an unreadable input"
expect_contains "$WORK/err" "cannot read '$WORK/pipe.eml': not a regular file"
expect_contains "$WORK/err" "nothing could be read, so nothing was checked"
run_oberig "$WORK/out" "$WORK/err" mail --no-store --format jsonl "$WORK/pipe.eml"
expect_status 2 "the same in JSON lines"
jq_expect "$WORK/out" '[.[] | select(.type == "summary")][0] | .messages == 0 and .errors == 1 and .nothing_read == true and .incomplete == true'

run_oberig "$WORK/out" "$WORK/err" mail --no-store "$WORK/pipe.eml" "$ROOT/examples/mail/colleague.eml"
expect_status 0 "a readable message beside it: the status follows the verdicts"
expect_contains "$WORK/out" "The result is incomplete: 1 input could not be read"
run_oberig "$WORK/out" "$WORK/err" mail --no-store --format jsonl "$WORK/pipe.eml" "$ROOT/examples/mail/colleague.eml"
jq_expect "$WORK/out" '[.[] | select(.type == "summary")][0] | .messages == 1 and .nothing_read == false and .incomplete == true'
run_oberig "$WORK/out" "$WORK/err" mail --no-store --format jsonl "$ROOT/examples/mail/colleague.eml"
jq_expect "$WORK/out" '[.[] | select(.type == "summary")][0] | .nothing_read == false and .incomplete == false'
LANG=uk_UA.UTF-8 LANGUAGE=uk run_oberig "$WORK/out" "$WORK/err" mail --no-store "$WORK/pipe.eml" "$ROOT/examples/mail/colleague.eml"
expect_contains "$WORK/out" "Результат неповний"
finish
