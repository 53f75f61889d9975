#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# oberig mail on an attachment the scan engine could not fully examine: an
# EICAR test file in a zip nested six deep, below the archive depth limit
# (4). The cut is a notice on the message and a reason of its own
# (attachment-not-fully-examined); the same file in a flat zip is found.
source "$(dirname "$0")/lib.sh"
for tool in zip jq python3; do
  command -v $tool >/dev/null || { echo "skip: $tool is not installed"; exit 77; }
done
eicar() { printf '%s%s' 'X5O!P%@AP[4\PZX54(P^)7CC)7}$' 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'; }

# Neither the member nor the archives have a program's name, so only what
# is inside them can make the message suspicious.
eicar > "$WORK/report.txt"
(cd "$WORK" && zip -q -j flat.zip report.txt)
prev="$WORK/report.txt"
for i in 1 2 3 4 5 6; do
  (cd "$WORK" && rm -f "part$i.zip" && zip -q -j "part$i.zip" "$prev")
  prev="$WORK/part$i.zip"
done
message() { # ZIP OUT
  python3 - "$1" "$2" <<'PY'
import sys
from email.message import EmailMessage
m = EmailMessage()
m["From"] = "Accounts <accounts@partner.example>"
m["To"] = "olena@redaktsiia.example"
m["Subject"] = "Documents for the contract"
m.set_content("Please find the documents attached.")
m.add_attachment(open(sys.argv[1], "rb").read(), maintype="application", subtype="zip",
                 filename="documents.zip")
open(sys.argv[2], "wb").write(bytes(m))
PY
}
message "$WORK/flat.zip" "$WORK/flat.eml"
message "$WORK/part6.zip" "$WORK/nested.eml"

run_oberig "$WORK/flat" "$WORK/err" mail --no-store --rules "$ROOT/examples/rules" --format jsonl "$WORK/flat.eml"
expect_status 1 "the flat zip's EICAR is found"
jq_expect "$WORK/flat" '.[0].reasons | any(.signal == "attachment-known-malware")'
jq_expect "$WORK/flat" '.[0].reasons | all(.signal != "attachment-not-fully-examined")'
jq_expect "$WORK/flat" '.[0].notices == []'

run_oberig "$WORK/nested" "$WORK/err" mail --no-store --rules "$ROOT/examples/rules" --format jsonl "$WORK/nested.eml"
expect_status 1 "an attachment cut short by a limit is not 'no signs found'"
jq_expect "$WORK/nested" '.[0].verdict == "suspicious" and .[0].score == 40'
jq_expect "$WORK/nested" '.[0].reasons | any(.signal == "attachment-not-fully-examined" and .evidence == "documents.zip")'
jq_expect "$WORK/nested" '.[0].advice_ids | index("mail-opened-malware") != null'
jq_expect "$WORK/nested" '.[0].notices | length == 1 and (.[0] | startswith("attachment '"'"'documents.zip'"'"', file '"'"'part5.zip/part4.zip/part3.zip/part2.zip'"'"' inside it: archive nested deeper than the limit"))'

# The human output shows the notice, in Ukrainian too.
run_oberig "$WORK/nested.txt" "$WORK/err" mail --no-store --rules "$ROOT/examples/rules" "$WORK/nested.eml"
expect_contains "$WORK/nested.txt" "could not be fully examined"
expect_contains "$WORK/nested.txt" "note: attachment 'documents.zip', file 'part5.zip/part4.zip/part3.zip/part2.zip' inside it"
run_oberig "$WORK/nested-uk.txt" "$WORK/err" --lang uk mail --no-store --rules "$ROOT/examples/rules" "$WORK/nested.eml"
expect_contains "$WORK/nested-uk.txt" "ПІДОЗРІЛИЙ"
expect_not_contains "$WORK/nested-uk.txt" "could not be fully examined"
expect_not_contains "$WORK/nested-uk.txt" "inside it"
finish
