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

# In Ukrainian, the reasons say it is about the original sender.
run_oberig "$WORK/uk.txt" "$WORK/err" --lang uk mail --no-store "$d/fwd-inline-uk.eml"
expect_status 1 "human output in Ukrainian"
expect_contains "$WORK/uk.txt" "ФІШИНГ"
expect_contains "$WORK/uk.txt" "support@ukrp0shta.example"
expect_contains "$WORK/uk.txt" "Домен початкового відправника ukrp0shta.example"
expect_not_contains "$WORK/uk.txt" "original sender"
finish
