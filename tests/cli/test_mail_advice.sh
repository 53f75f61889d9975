#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# oberig mail's advice fits the threat: a credential phish, a shortcut
# attachment, a message matching the indicator store (a targeted attack)
# and bulk spam each get their own advice and `threat` code, most urgent
# first and each once; a clean message gets the general advice; the same
# choice is made in Ukrainian.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }
data="$(cd "$(dirname "$0")/../data/mail" && pwd)"

threat_of() { # FILE EXPECTED-THREAT EXPECTED-ADVICE-IDS-JSON [options...]
  local file=$1 threat=$2 ids=$3
  shift 3
  run_oberig "$WORK/out" "$WORK/err" mail --format jsonl "$@" "$data/$file"
  jq_expect "$WORK/out" ".[0].threat == \"$threat\" and .[0].advice_ids == $ids"
}

threat_of advice-credentials.eml credential-phishing '["mail-credential-phishing"]' --no-store
jq_expect "$WORK/out" '.[0].advice | startswith("This message tries to get your password")
                       and contains("check the account'"'"'s recent sign-ins")'
# A suspicious message: the general advice first, then the attachment's.
threat_of advice-shortcut.eml malicious-attachment '["mail-suspicious", "mail-opened-malware"]' --no-store
jq_expect "$WORK/out" '.[0].advice | startswith("Be careful") and contains("the device may be compromised")
                       and contains("oberig triage")'
threat_of bulk-picture-spam.eml scam '["mail-scam"]' --no-store
jq_expect "$WORK/out" '.[0].advice | contains("Mark it as spam and delete it")'
threat_of bulk-ordinary-newsletter.eml none '["mail-clean"]' --no-store

# The same picture spam with its sender in the indicator store: a targeted
# attack comes first, and the scam advice (delete it) is left out, since
# the helpline needs the message.
printf 'type,value,description\ndomain,offers-deck.example,campaign domain\n' >"$WORK/campaign.csv"
run_oberig "$WORK/out" "$WORK/err" ioc import --db "$WORK/s.db" --campaign "Test campaign" "$WORK/campaign.csv"
expect_status 0 "import the campaign domain"
threat_of bulk-picture-spam.eml targeted-attack '["mail-known-attack"]' --db "$WORK/s.db"
jq_expect "$WORK/out" '.[0].advice | contains("This is urgent") and (contains("delete it") | not)'

# Human output: under "what to do now", in English and in Ukrainian.
run_oberig "$WORK/out" "$WORK/err" mail --no-store "$data/advice-credentials.eml"
expect_contains "$WORK/out" "what to do now: This message tries to get your password."
run_oberig "$WORK/out" "$WORK/err" --lang uk mail --no-store "$data/advice-credentials.eml"
expect_contains "$WORK/out" "Цей лист намагається виманити ваш пароль."
expect_not_contains "$WORK/out" "tries to get your password"
run_oberig "$WORK/out" "$WORK/err" --lang uk mail --no-store "$data/bulk-picture-spam.eml"
expect_contains "$WORK/out" "Позначте лист як спам і видаліть його."
# The codes are the same in every language.
run_oberig "$WORK/en.jsonl" "$WORK/err" mail --no-store --format jsonl "$data"/advice-*.eml "$data"/bulk-*.eml
run_oberig "$WORK/uk.jsonl" "$WORK/err" --lang uk mail --no-store --format jsonl "$data"/advice-*.eml "$data"/bulk-*.eml
codes() { jq -c 'select(.type == "message") | [.threat, .advice_ids]' "$1"; }
[[ "$(codes "$WORK/en.jsonl")" == "$(codes "$WORK/uk.jsonl")" ]] || fail "threat codes differ between languages"
pass
finish
