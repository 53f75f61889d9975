#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# oberig ioc in Ukrainian: help, usage errors, the import, list, stats and
# remove summaries, warnings and notes say it in Ukrainian under --lang uk
# and under a Ukrainian locale, with no English sentence left; every count
# takes the plural form Ukrainian wants (1, 2, 5, 11, 21, 22 indicators);
# JSON lines and exports are the same in both languages.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }

# in_uk HOW OUT ERR args...: runs oberig in Ukrainian, HOW being "option"
# (--lang uk) or "locale" (LANG=uk_UA.UTF-8 in an otherwise empty
# environment, as a desktop session would give it).
in_uk() {
  local how=$1 out=$2 err=$3; shift 3
  last_err=$err
  status=0
  if [[ $how == option ]]; then
    "$OBERIG" --lang uk "$@" >"$out" 2>"$err" || status=$?
  else
    env -i "${OB_SANITIZER_ENV[@]}" PATH="$PATH" LANG=uk_UA.UTF-8 "$OBERIG" "$@" >"$out" 2>"$err" || status=$?
  fi
}
# none_of FILE sentence...: not one of the English sentences is in FILE.
none_of() {
  local file=$1; shift
  for sentence in "$@"; do expect_not_contains "$file" "$sentence"; done
}

# Inputs: the example STIX bundle, a CSV with one value that is not a hash,
# a signature-base hash list, and a bundle with a pattern type oberig does not use.
printf 'type,value,description,campaign\nsha256,not-a-hash,,Wave\nmd5,0123456789abcdef0123456789abcdef,seen in a wave,Wave\ndomain,evil.example,,\n' \
  > "$WORK/helpline.csv"
printf '%s;80;test hash\n' "$(printf '%064x' 7)" > "$WORK/hash-iocs.txt"
printf '{"type":"bundle","objects":[{"type":"indicator","id":"indicator--s1","pattern":"title: x","pattern_type":"sigma"}]}\n' \
  > "$WORK/sigma.stix2"
inputs=("$ROOT/examples/indicators" "$WORK/helpline.csv" "$WORK/hash-iocs.txt" "$WORK/sigma.stix2")

for how in option locale; do
  db="$WORK/$how.db"

  # ---- help and usage errors ---------------------------------------------------
  in_uk $how "$WORK/out" "$WORK/err" ioc --help
  expect_status 0 "help ($how)"
  expect_contains "$WORK/out" "виклик: oberig ioc <дія> [параметри]"
  expect_contains "$WORK/out" "індикатори компрометації"
  expect_contains "$WORK/out" "Що імпортується"
  expect_contains "$WORK/out" "код завершення"
  none_of "$WORK/out" "usage: oberig ioc" "Keeps the indicators of compromise" \
    "read files or folders into the store" "count indicators by type" \
    "What is imported" "exit status" "show every warning"

  in_uk $how "$WORK/out" "$WORK/err" ioc frobnicate
  expect_status 2 "unknown action ($how)"
  expect_contains "$WORK/err" "невідома дія «frobnicate»"
  none_of "$WORK/err" "unknown action" "actions are"
  in_uk $how "$WORK/out" "$WORK/err" ioc stats --db "$db" extra
  expect_status 2 "stats with a file ($how)"
  expect_contains "$WORK/err" "дії stats не потрібні файли"
  expect_not_contains "$WORK/err" "takes no file arguments"
  in_uk $how "$WORK/out" "$WORK/err" ioc export --db "$db"
  expect_status 2 "export without --format ($how)"
  expect_contains "$WORK/err" "для export потрібен --format"
  expect_not_contains "$WORK/err" "export needs"

  # ---- import ------------------------------------------------------------------
  in_uk $how "$WORK/out" "$WORK/err" ioc import --db "$db" "${inputs[@]}"
  expect_status 0 "import ($how)"
  expect_contains "$WORK/out" "імпортовано 6 індикаторів за"
  expect_contains "$WORK/out" "нових — 6, уже відомих — 0"
  expect_contains "$WORK/out" "прочитано 4 файли"
  expect_contains "$WORK/out" "1 індикатор не імпортовано: oberig не використовує такий вид"
  expect_contains "$WORK/out" "1 індикатор не імпортовано: його значення не відповідає типу"
  expect_contains "$WORK/out" "не імпортовано 1 індикатор з pattern_type STIX «sigma» (перший: "
  expect_contains "$WORK/err" "рядок 2: значення типу sha256 пропущено: не 64-значне шістнадцяткове число sha256"
  none_of "$WORK/out" "imported" "indicator record" "files read" "not imported" "of a kind" "first at"
  none_of "$WORK/err" "value left out" "line 2" "digit hex"

  # A malformed file: the error, and that nothing was imported, in Ukrainian.
  echo '{"Event":{"Attribute":[5]}}' > "$WORK/event.json"
  in_uk $how "$WORK/out" "$WORK/err" ioc import --db "$db" "$WORK/event.json"
  expect_status 2 "malformed MISP event ($how)"
  expect_contains "$WORK/err" "неправильна подія MISP: подія 0, атрибут 0: не об'єкт"
  expect_contains "$WORK/err" "нічого не імпортовано"
  none_of "$WORK/err" "malformed" "is not an object" "nothing was imported"

  # ---- list, stats, remove -------------------------------------------------------
  in_uk $how "$WORK/out" "$WORK/err" ioc list --db "$db"
  expect_status 0 "list ($how)"
  expect_contains "$WORK/out" "кампанія: Demo Campaign (fictional); джерело: indicators ("
  expect_contains "$WORK/out" "кампанія: Wave; джерело: helpline ("
  none_of "$WORK/out" "campaign:" "source:"
  [[ ! -s $WORK/err ]] || fail "list wrote to stderr: $(cat "$WORK/err")"

  in_uk $how "$WORK/out" "$WORK/err" ioc stats --db "$db"
  expect_status 0 "stats ($how)"
  expect_contains "$WORK/out" "у сховищі 6 індикаторів"
  expect_contains "$WORK/out" "6 записів про походження"
  expect_contains "$WORK/out" "за типом:"
  expect_contains "$WORK/out" "за джерелом:"
  expect_contains "$WORK/out" "за кампанією:"
  expect_contains "$WORK/out" "(без кампанії)"
  none_of "$WORK/out" "in the store" "provenance" "by type:" "by source:" "by campaign:" "(no campaign)"

  in_uk $how "$WORK/out" "$WORK/err" ioc remove --db "$db" --source helpline
  expect_status 0 "remove ($how)"
  expect_contains "$WORK/out" "джерело «helpline» видалено: 2 індикатори не мали іншого джерела і зникли"
  none_of "$WORK/out" "removed source" "had no other source"
done

# --lang en wins over a Ukrainian locale.
env -i "${OB_SANITIZER_ENV[@]}" PATH="$PATH" LANG=uk_UA.UTF-8 "$OBERIG" --lang en ioc stats --db "$WORK/option.db" > "$WORK/out"
expect_contains "$WORK/out" "4 indicators in the store"
expect_contains "$WORK/out" "by campaign:"
pass

# ---- plural forms: 1, 2, 5, 11, 21 and 22 imported indicators -----------------------
# hashes N FILE: a CSV of N different SHA-256 values.
hashes() {
  { echo "type,value"; for ((i = 1; i <= $1; i++)); do printf 'sha256,%064x\n' "$i"; done; } > "$2"
}
declare -A uk_form=([1]="індикатор" [2]="індикатори" [5]="індикаторів" [11]="індикаторів"
  [21]="індикатор" [22]="індикатори")
for n in 1 2 5 11 21 22; do
  hashes "$n" "$WORK/hashes-$n.csv"
  in_uk option "$WORK/out" "$WORK/err" ioc import --db "$WORK/plural-$n.db" "$WORK/hashes-$n.csv"
  expect_status 0 "import of $n hashes"
  expect_contains "$WORK/out" "імпортовано $n ${uk_form[$n]} за "
  expect_contains "$WORK/out" "прочитано 1 файл"
  in_uk option "$WORK/out" "$WORK/err" ioc stats --db "$WORK/plural-$n.db"
  expect_contains "$WORK/out" "у сховищі $n ${uk_form[$n]}"
  "$OBERIG" --lang en ioc stats --db "$WORK/plural-$n.db" > "$WORK/out"
  if [[ $n == 1 ]]; then
    expect_contains "$WORK/out" "1 indicator in the store"
  else
    expect_contains "$WORK/out" "$n indicators in the store"
  fi
  "$OBERIG" --lang en ioc remove --db "$WORK/plural-$n.db" --source "hashes-$n" > "$WORK/out"
  if [[ $n == 1 ]]; then
    expect_contains "$WORK/out" "1 indicator had no other source and is gone"
  else
    expect_contains "$WORK/out" "$n indicators had no other source and are gone"
  fi
done
# English says "record" for one only, "records" for 21 as for 2.
"$OBERIG" --lang en ioc import --db "$WORK/en-1.db" "$WORK/hashes-1.csv" > "$WORK/out"
expect_contains "$WORK/out" "imported 1 indicator record in "
expect_contains "$WORK/out" "1 file read"
"$OBERIG" --lang en ioc import --db "$WORK/en-21.db" "$WORK/hashes-21.csv" > "$WORK/out"
expect_contains "$WORK/out" "imported 21 indicator records in "

# ---- what machines read is the same in both languages -----------------------------
for language in en uk; do
  "$OBERIG" --lang $language ioc import --db "$WORK/jsonl-$language.db" --format jsonl "${inputs[@]}" \
    > "$WORK/import.$language" 2>/dev/null
done
jq_expect "$WORK/import.uk" '.[0].notes | length == 1 and (.[0] | startswith("не імпортовано 1 індикатор"))'
jq_expect "$WORK/import.en" '.[0].notes | length == 1 and (.[0] | startswith("not imported: 1 x"))'
cmp -s <(jq -c 'del(.seconds, .notes)' "$WORK/import.en") <(jq -c 'del(.seconds, .notes)' "$WORK/import.uk") ||
  fail "import JSON lines differ between en and uk beyond notes and seconds"
pass
db="$WORK/jsonl-en.db"
for action in "list --format jsonl" "stats --format jsonl" "export --format stix" \
  "export --format misp" "export --format csv"; do
  # shellcheck disable=SC2086
  "$OBERIG" --lang en ioc $action --db "$db" > "$WORK/en.out"
  # shellcheck disable=SC2086
  "$OBERIG" --lang uk ioc $action --db "$db" > "$WORK/uk.out"
  [[ -s $WORK/en.out ]] || fail "ioc $action wrote nothing"
  cmp -s "$WORK/en.out" "$WORK/uk.out" || fail "ioc $action differs between en and uk"
  pass
done
finish
