#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# oberig mail on phishing forwarded inline in Ukrainian ("Пересланий лист",
# "Від:", "Тема:", a subject "Пересл.:") and in Russian ("Пересланное
# сообщение", "От:"): the original sender's look-alike domain is found and
# named as the forwarded message's (tests/data/mail/fwd-*.eml).
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }

d="$ROOT/tests/data/mail"
for name in inline-uk inline-ru; do
  run_oberig "$WORK/$name" "$WORK/err" mail --no-store --format jsonl "$d/fwd-$name.eml"
  expect_status 1 "$name is flagged"
  jq_expect "$WORK/$name" '.[0].verdict == "phishing" and .[0].threat == "credential-phishing"'
  jq_expect "$WORK/$name" '.[0].reasons | any(.signal == "forwarded-message" and .evidence == "support@ukrp0shta.example")'
  jq_expect "$WORK/$name" '.[0].reasons | any(.signal == "forwarded-sender-brand-mismatch"
                             and .evidence == "From: Ukrposhta <support@ukrp0shta.example>")'
  jq_expect "$WORK/$name" '.[0].reasons | any(.signal == "lookalike-brand"
                             and (.evidence | startswith("original sender'"'"'s ukrp0shta.example")))'
  jq_expect "$WORK/$name" '.[0].indicators | any(.kind == "forwarded-from" and .value == "support@ukrp0shta.example")'
  # The sender who forwarded it is not blamed.
  jq_expect "$WORK/$name" '.[0].reasons | all(.evidence | contains("olena.koval") | not)'
done

# Forwarded as an attachment: the attached message's own headers are read
# like the outer ones, and the forwarder, who passed every check, is not
# what the reasons are about.
run_oberig "$WORK/att" "$WORK/err" mail --no-store --format jsonl "$d/fwd-attached-phish.eml"
expect_status 1 "a phish forwarded as an attachment is flagged"
jq_expect "$WORK/att" '.[0].verdict == "phishing"'
jq_expect "$WORK/att" '.[0].reasons | any(.signal == "forwarded-filter-phishing" and .score == 50
                         and .evidence == "X-Forefront-Antispam-Report: CAT:PHSH")'
jq_expect "$WORK/att" '.[0].reasons | any(.signal == "forwarded-auth-fail" and .score == 40
                         and (.explanation | contains("ukrposhta.ua: the DMARC check failed")))'
jq_expect "$WORK/att" '.[0].reasons | any(.signal == "forwarded-reply-to-elsewhere" and .score == 30
                         and .evidence == "ukrposhta.dostavka@gmail.com")'
jq_expect "$WORK/att" '.[0].reasons | any(.signal == "forwarded-return-path-elsewhere"
                         and (.explanation | contains("mass-mailer.example")))'
# The outer message passed its checks: none of the outer failures fire.
jq_expect "$WORK/att" '.[0].reasons | all(.signal != "auth-dmarc-fail" and .signal != "filter-phishing"
                         and .signal != "sender-reply-to-elsewhere")'
jq_expect "$WORK/att" '.[0].indicators | any(.kind == "forwarded-reply-to" and .value == "ukrposhta.dostavka@gmail.com")'
jq_expect "$WORK/att" '.[0].indicators | any(.kind == "forwarded-return-path" and .value == "bounces@mass-mailer.example")'

# High-confidence spam by the first recipient's filter scores as the outer
# signal does (40), and nothing else is said of it.
run_oberig "$WORK/spam" "$WORK/err" mail --no-store --format jsonl "$d/fwd-attached-spam.eml"
jq_expect "$WORK/spam" '.[0].reasons | any(.signal == "forwarded-filter-spam" and .score == 40
                          and .evidence == "X-Forefront-Antispam-Report: CAT:HSPM")'
jq_expect "$WORK/spam" '[.[0].reasons[] | select(.signal | startswith("forwarded-") and . != "forwarded-message")] | length == 1'

# A bounce returns one's own message: its failures and Reply-To are not a
# forward's, and nothing is said of them.
run_oberig "$WORK/bounce" "$WORK/err" mail --no-store --format jsonl "$d/bounce-report.eml"
expect_status 0 "a bounce is not flagged"
jq_expect "$WORK/bounce" '.[0].reasons | all(.signal | startswith("forwarded-") | not)'
jq_expect "$WORK/bounce" '.[0].indicators | all(.kind | startswith("forwarded-") | not)'

# Thunderbird's inline forward names the original's Reply-To.
run_oberig "$WORK/tb" "$WORK/err" mail --no-store --format jsonl "$d/fwd-inline-reply-to.eml"
jq_expect "$WORK/tb" '.[0].reasons | any(.signal == "forwarded-message" and .evidence == "accounts@printhouse.example")'
jq_expect "$WORK/tb" '.[0].reasons | any(.signal == "forwarded-reply-to-elsewhere" and .score == 30
                        and .evidence == "printhouse.billing@gmail.com")'

# In Ukrainian too.
run_oberig "$WORK/att-uk.txt" "$WORK/err" --lang uk mail --no-store "$d/fwd-attached-phish.eml"
expect_contains "$WORK/att-uk.txt" "Цей лист переслано як вкладення"
expect_contains "$WORK/att-uk.txt" "перевірка DMARC не пройшла"
expect_not_contains "$WORK/att-uk.txt" "forwarded as an attachment"

# In Ukrainian, the reasons say it is about the original sender.
run_oberig "$WORK/uk.txt" "$WORK/err" --lang uk mail --no-store "$d/fwd-inline-uk.eml"
expect_status 1 "human output in Ukrainian"
expect_contains "$WORK/uk.txt" "ФІШИНГ"
expect_contains "$WORK/uk.txt" "support@ukrp0shta.example"
expect_contains "$WORK/uk.txt" "Домен початкового відправника ukrp0shta.example"
expect_not_contains "$WORK/uk.txt" "original sender"
finish
