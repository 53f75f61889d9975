#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The mail signal table in Ukrainian: `oberig signals` lists the same mail
# signals, ids and scores under --lang uk and LANG=uk_UA.UTF-8 as in English,
# and the catalog beside the program gives the advice and the signals from
# lookalike-brand-name on their Ukrainian texts.
source "$(dirname "$0")/lib.sh"

run_oberig "$WORK/en.jsonl" "$WORK/err" --lang en signals --format jsonl mail
expect_status 0 "signals in English"
run_oberig "$WORK/uk.jsonl" "$WORK/err" --lang uk signals --format jsonl mail
expect_status 0 "signals under --lang uk"
LC_ALL='' LANGUAGE='' LANG=uk_UA.UTF-8 run_oberig "$WORK/lang.jsonl" "$WORK/err" signals --format jsonl mail
expect_status 0 "signals under LANG=uk_UA.UTF-8"

# What machines read is the same in every language: only the human-language
# fields may differ.
machine() { jq -c 'del(.summary, .explanation, .advice, .score_note)' "$1"; }
machine "$WORK/en.jsonl" >"$WORK/en.machine"
[[ $(wc -l <"$WORK/en.machine") -ge 60 ]] || fail "fewer mail signals than expected"
for run in uk lang; do
  machine "$WORK/$run.jsonl" >"$WORK/$run.machine"
  cmp -s "$WORK/en.machine" "$WORK/$run.machine" ||
    fail "$run: ids, scores or advice ids differ from English: $(diff "$WORK/en.machine" "$WORK/$run.machine" | head -5)"
  pass
done

run_oberig "$WORK/en.txt" "$WORK/err" --lang en signals mail
expect_status 0 "signals as text in English"
run_oberig "$WORK/uk.txt" "$WORK/err" --lang uk signals mail
expect_status 0 "signals as text under --lang uk"
# The ids, and the scores' numbers under their label in each language (a
# score's note is words, translated).
sed -n -e 's/^\(mail .*\)/\1/p' -e 's/^  score: \([0-9 /]*[0-9]\).*/\1/p' "$WORK/en.txt" >"$WORK/en.ids"
sed -n -e 's/^\(mail .*\)/\1/p' -e 's/^  бал: \([0-9 /]*[0-9]\).*/\1/p' "$WORK/uk.txt" >"$WORK/uk.ids"
[[ $(wc -l <"$WORK/en.ids") -gt 100 ]] || fail "too few ids and scores in the English listing"
cmp -s "$WORK/en.ids" "$WORK/uk.ids" || fail "the text listing's ids or scores differ under --lang uk"
expect_contains "$WORK/uk.txt" "mail lookalike-brand-name"
expect_contains "$WORK/uk.txt" "  показується як: "
expect_not_contains "$WORK/uk.txt" "  shown as: "
expect_contains "$WORK/uk.txt" "mail attachment-known-malware"

# The catalog the program reads (locale/ beside it) has the Ukrainian of the
# texts it prints, whether asked through LANGUAGE or through LANG.
catalog=$(dirname "$OBERIG")/locale
[[ -f $catalog/uk/LC_MESSAGES/oberig.mo ]] || fail "no Ukrainian catalog beside the program"
in_ukrainian() {
  local english=$1 translated
  local -a asked
  for asked_by in LANGUAGE LANG; do
    if [[ $asked_by == LANGUAGE ]]; then asked=(LANGUAGE=uk LC_ALL=C.UTF-8); else asked=(LANG=uk_UA.UTF-8); fi
    translated=$(env -u LANGUAGE -u LC_ALL -u LC_MESSAGES "${asked[@]}" TEXTDOMAINDIR="$catalog" \
      gettext -d oberig -- "$english")
    [[ $translated != "$english" ]] || fail "${asked[*]}: no Ukrainian for '$english'"
    LC_ALL=C.UTF-8 grep -q '[абвгґдеєжзиіїйклмнопрстуфхцчшщьюя]' <<<"$translated" ||
      fail "${asked[*]}: '$translated' is not Ukrainian"
    pass
  done
}
for id in lookalike-brand-name link-shortener attachment-double-extension attachment-known-malware \
  indicator-match content-pressure; do
  jq -c --arg id "$id" 'select(.id == $id)' "$WORK/en.jsonl" >"$WORK/one.json"
  [[ -s $WORK/one.json ]] || fail "no mail signal '$id'"
  for field in summary explanation advice; do
    text=$(jq -r ".$field // empty" "$WORK/one.json")
    [[ -z $text ]] || in_ukrainian "$text"
  done
done
# ...among them the advice after a known attack: urgent and concrete.
advice=$(jq -r 'select(.id == "indicator-match") | .advice' "$WORK/en.jsonl")
translated=$(LANGUAGE=uk LC_ALL=C.UTF-8 TEXTDOMAINDIR="$catalog" gettext -d oberig -- "$advice")
[[ $translated == "Цей лист — частина відомої цільової атаки"*"Це терміново. Не видаляйте лист"* ]] ||
  fail "the advice of indicator-match reads '$translated'"
pass
finish
