#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# oberig mail on names and domains in any script (tests/data/mail): a brand
# named in Ukrainian, capitals, Cyrillic and full-width look-alikes, a
# user's own organisation from --brands writing from free mail, lure
# domains of document-share words, brand names inside other domains, and a
# real Ukrposhta message that must raise no brand reason; the lure-domain
# reason in Ukrainian.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }
d="$ROOT/tests/data/mail"
# signals MESSAGE [options...]: the signals of one message, space-separated
signals() {
  local message=$1; shift
  run_oberig "$WORK/out.jsonl" "$WORK/err" mail --no-store --format jsonl "$@" "$d/$message"
  [[ $status -le 1 ]] || fail "$message: exit $status"
  jq -r 'select(.type == "message") | [.reasons[].signal] | join(" ")' "$WORK/out.jsonl"
}
has() { [[ " $2 " == *" $3 "* ]] || fail "$1: no $3 in: $2"; pass; }
lacks() { [[ " $2 " != *" $3 "* ]] || fail "$1: unexpected $3 in: $2"; pass; }
explanation() { jq -r --arg s "$1" 'select(.type == "message") | .reasons[] | select(.signal == $s) | .explanation' "$WORK/out.jsonl"; }

# The document-share phish of issue 14: no urgency, a Cyrillic name of a
# newsroom on gmail.com, a link to docs-view.online.
printf 'Громадське | Hromadske: hromadske.ua  # the newsroom'"'"'s own site\n' >"$WORK/brands.txt"
got=$(signals uk-docshare-freemail.eml)
has docshare "$got" domain-lure-words
has docshare "$got" sender-freemail-organisation
lacks docshare "$got" sender-brand-mismatch
expect_contains <(explanation domain-lure-words) "docs-view.online"
expect_contains <(explanation sender-freemail-organisation) "gmail.com"
jq_expect "$WORK/out.jsonl" '[.[] | select(.type == "message") | .verdict != "no signs found"] == [true]'
jq_expect "$WORK/out.jsonl" '[.[] | select(.type == "message") | .reasons[] | select(.signal == "domain-lure-words") | .score] == [35]'
got=$(signals uk-docshare-freemail.eml --brands "$WORK/brands.txt")
has "docshare --brands" "$got" sender-brand-mismatch
has "docshare --brands" "$got" domain-lure-words
expect_contains <(explanation sender-brand-mismatch) "'Громадське', but writes from gmail.com"
jq_expect "$WORK/out.jsonl" '[.[] | select(.type == "message") | .verdict] == ["phishing"]'
# The old one-name format is still read.
printf 'Hromadske Newsroom: hromadske.ua\n' >"$WORK/old.txt"
run_oberig "$WORK/out" "$WORK/err" mail --no-store --brands "$WORK/old.txt" "$d/uk-docshare-freemail.eml"
expect_status 1 "a one-name brands file is read"
printf 'no colon here\n' >"$WORK/bad.txt"
run_oberig "$WORK/out" "$WORK/err" mail --no-store --brands "$WORK/bad.txt" "$d/uk-docshare-freemail.eml"
expect_status 2 "a malformed brands file is refused"
expect_contains "$WORK/err" "each line is 'Name | Other Name: domain ...'"

# "Служба підтримки Укрпошти": the brand by its Ukrainian name, inflected.
got=$(signals uk-ukrposhta-support-elsewhere.eml)
has ukrposhta "$got" sender-brand-mismatch
expect_contains <(explanation sender-brand-mismatch) "'Укрпошта', but writes from post-delivery-ua.com"
# The real Ukrposhta naming itself: no brand reason of any kind.
got=$(signals uk-ukrposhta-legitimate.eml)
for signal in sender-brand-mismatch lookalike-brand lookalike-brand-name lookalike-confusable domain-lure-words; do
  lacks "ukrposhta.ua" "$got" "$signal"
done
jq_expect "$WORK/out.jsonl" '[.[] | select(.type == "message") | .verdict] == ["no signs found"]'
# Capitals in Cyrillic: the cue phrases are found folded.
got=$(signals uk-capital-cues.eml)
has capitals "$got" content-pressure
# As many as in the same text in lower case (ТЕРМІНОВО counted, not shown).
expect_contains <(explanation content-pressure) "uses 5 phrases"
expect_contains <(explanation content-pressure) '"підтвердіть"'
expect_contains <(explanation content-pressure) '"буде заблоковано"'
# "Ukrpоshta" with a Cyrillic 'о', and full-width "Ｕｋｒｐｏｓｈｔａ".
got=$(signals en-lookalike-cyrillic-name.eml)
has "Cyrillic look-alike" "$got" sender-brand-mismatch
expect_contains <(explanation sender-brand-mismatch) "'Укрпошта', but writes from gmail.com"
got=$(signals en-fullwidth-name.eml)
has "full-width" "$got" sender-brand-mismatch
# Brand names inside other domains, and a transliterated lure domain.
got=$(signals uk-brand-in-lure-domain.eml)
has "brand in domain" "$got" lookalike-brand-name
has "brand in domain" "$got" domain-lure-words
expect_contains <(explanation lookalike-brand-name) "privat24-bonus.site"
expect_contains <(explanation domain-lure-words) "dokumenty-vkhid.top"
# The brand's name cut in two by a hyphen.
got=$(signals uk-brand-split-domain.eml)
has "split name" "$got" lookalike-brand-name
expect_contains <(explanation lookalike-brand-name) "nova-poshta-delivery.online contains the name novaposhta"

# In Ukrainian: the lure-domain reason translated, no English left, and the
# JSON lines the same beyond the human-language fields.
run_oberig "$WORK/en.jsonl" "$WORK/err" mail --no-store --lang en --format jsonl "$d/uk-docshare-freemail.eml"
run_oberig "$WORK/uk.jsonl" "$WORK/err" mail --no-store --lang uk --format jsonl "$d/uk-docshare-freemail.eml"
run_oberig "$WORK/uk.txt" "$WORK/err" mail --no-store --lang uk "$d/uk-docshare-freemail.eml"
english=$(jq -r 'select(.type == "message") | .reasons[] | select(.signal == "domain-lure-words") | .explanation' "$WORK/en.jsonl")
expect_contains "$WORK/uk.txt" "Посилання веде на docs-view.online. Цей домен складено лише зі слів"
expect_not_contains "$WORK/uk.txt" "$english"
expect_not_contains "$WORK/uk.jsonl" "$english"
status=0
env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=uk_UA.UTF-8 \
  "$OBERIG" mail --no-store "$d/uk-docshare-freemail.eml" >"$WORK/locale.txt" 2>"$WORK/err" || status=$?
expect_status 1 "suspicious under LANG=uk_UA.UTF-8"
expect_contains "$WORK/locale.txt" "Посилання веде на docs-view.online. Цей домен складено лише зі слів"
machine_part='[.[] | walk(if type == "object" then del(.explanation, .advice, .description, .message, .seconds) else . end)]'
[[ $(jq -s -S -c "$machine_part" "$WORK/en.jsonl") == "$(jq -s -S -c "$machine_part" "$WORK/uk.jsonl")" ]] ||
  fail "the JSON lines differ beyond the human-language fields"
pass
finish
