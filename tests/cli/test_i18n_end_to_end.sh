#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Ukrainian end to end: the demo's scan and mail triage, and a usage error of
# every command, under --lang uk and under LANG=uk_UA.UTF-8, leave no English
# sentence (none of the catalog's English texts appears) and are Ukrainian;
# counts take the right plural form for 1, 2, 5, 11, 21 and 22; and the JSON
# lines of the same runs are identical in every key and code in both
# languages.
source "$(dirname "$0")/lib.sh"
command -v zip >/dev/null || { echo "skip: zip is not installed (scripts/install-deps.sh)"; exit 77; }
locale -a 2>/dev/null | grep -qi '^uk_UA\.utf-\?8$' ||
  { echo "skip: the uk_UA.UTF-8 locale is not installed (scripts/install-deps.sh)"; exit 77; }
catalog_template=$ROOT/po/oberig.pot

# Runs oberig with a clean environment plus the given variables:
# in_env OUT ERR "VAR=value ..." args...
in_env() {
  local out=$1 err=$2 vars=$3
  shift 3
  last_err=$err
  status=0
  # shellcheck disable=SC2086
  env -i "${OB_SANITIZER_ENV[@]}" PATH="$PATH" HOME="$WORK" OBERIG_DB="$OBERIG_DB" $vars "$OBERIG" "$@" >"$out" 2>"$err" ||
    status=$?
}

# The English texts of the catalog, cut where a value is inserted: every piece
# of three words or more is one English sentence that must not be left in
# Ukrainian output. Example command lines in help texts stay as they are.
msgids() {
  # msgid and msgid_plural values, joined across continuation lines.
  awk '
    /^msgid(_plural)? "/ { if (text != "") print text; text = substr($0, index($0, "\"")); next }
    /^"/ && text != "" { text = text $0; next }
    { if (text != "") print text; text = "" }
    END { if (text != "") print text }' "$catalog_template" |
    sed -e 's/^"//' -e 's/"$//' -e 's/""//g'
}
msgids | sed -e 's/\\n/\n/g' -e 's/%[-+ #0-9.*$]*\(l\|ll\|z\|j\|h\)\?[a-zA-Z]/\n/g' \
  -e 's/\\"/"/g' -e 's/\\t/\n/g' | grep -v '^ *oberig ' |
  grep -oE "[A-Za-z]+( [A-Za-z']+){2,}" | awk 'length($0) >= 12' | sort -u >"$WORK/english"
[[ $(wc -l <"$WORK/english") -gt 100 ]] || fail "too few English texts read from $catalog_template"
pass

# no_english FILE WHAT: none of the English texts in FILE, and Ukrainian in it.
no_english() {
  local hits
  hits=$(grep -F -o -f "$WORK/english" "$1" | sort -u || true)
  [[ -z $hits ]] || { cat "$1" >&2; fail "$2: English left: $(head -c 400 <<<"$hits")"; }
  LC_ALL=C.UTF-8 grep -qP '\p{Cyrillic}{4,}' "$1" || { cat "$1" >&2; fail "$2: no Ukrainian in it"; }
  pass
}

"$ROOT/examples/make-tree.sh" "$WORK/tree" >/dev/null
db="$WORK/demo.db"
"$OBERIG" ioc import --db "$db" --source demo "$ROOT/examples/indicators" >/dev/null 2>&1 ||
  fail "importing the example indicators"
scan_args=(scan --db "$db" --rules "$ROOT/examples/rules" --iocs "$ROOT/examples/iocs" "$WORK/tree")
mail_args=(mail --db "$db" "$ROOT/examples/mail")

for how in "--lang uk" "LANG=uk_UA.UTF-8" "LC_ALL=uk_UA.UTF-8" "LANGUAGE=uk LANG=en_US.UTF-8"; do
  if [[ $how == --lang* ]]; then vars="LANG=C"; lang=(--lang uk); else vars=$how; lang=(); fi
  in_env "$WORK/scan.out" "$WORK/scan.err" "$vars" "${scan_args[@]}" "${lang[@]}"
  expect_status 1 "demo scan ($how)"
  no_english "$WORK/scan.out" "demo scan, $how"
  no_english "$WORK/scan.err" "demo scan's messages, $how"
  in_env "$WORK/mail.out" "$WORK/mail.err" "$vars" "${mail_args[@]}" "${lang[@]}"
  expect_status 1 "demo mail ($how)"
  no_english "$WORK/mail.out" "demo mail, $how"
  for command in scan ioc mail signals version; do
    in_env "$WORK/usage.out" "$WORK/usage.err" "$vars" "$command" --no-such-option "${lang[@]}"
    expect_status 2 "usage error of $command ($how)"
    no_english "$WORK/usage.err" "usage error of $command, $how"
    in_env "$WORK/help.out" "$WORK/help.err" "$vars" "$command" --help "${lang[@]}"
    expect_status 0 "$command --help ($how)"
    no_english "$WORK/help.out" "$command --help, $how"
  done
  in_env "$WORK/usage.out" "$WORK/usage.err" "$vars" "${lang[@]}" no-such-command
  expect_status 2 "unknown command ($how)"
  no_english "$WORK/usage.err" "unknown command, $how"
done

# Plural forms: Ukrainian has three (1 лист, 2 листи, 5 листів; 11 листів,
# 21 лист, 22 листи), English two.
declare -A mail_uk=([1]="1 лист" [2]="2 листи" [5]="5 листів" [11]="11 листів" [21]="21 лист" [22]="22 листи")
declare -A scan_uk=([1]="1 файл" [2]="2 файли" [5]="5 файлів" [11]="11 файлів" [21]="21 файл" [22]="22 файли")
for count in 1 2 5 11 21 22; do
  mkdir -p "$WORK/mail$count" "$WORK/files$count"
  for i in $(seq 1 "$count"); do
    cp "$ROOT/examples/mail/colleague.eml" "$WORK/mail$count/message$i.eml"
    printf 'note %s\n' "$i" >"$WORK/files$count/note$i.txt"
  done
  for how in "--lang uk" "LANG=uk_UA.UTF-8"; do
    if [[ $how == --lang* ]]; then vars="LANG=C"; lang=(--lang uk); else vars=$how; lang=(); fi
    in_env "$WORK/out" "$WORK/err" "$vars" mail --no-store "${lang[@]}" "$WORK/mail$count"
    expect_status 0 "$count ordinary messages ($how)"
    expect_contains "$WORK/out" "підсумок: ${mail_uk[$count]} за "
    in_env "$WORK/out" "$WORK/err" "$vars" scan --no-store "${lang[@]}" "$WORK/files$count"
    expect_status 0 "$count harmless files ($how)"
    expect_contains "$WORK/out" "перевірено ${scan_uk[$count]} ("
  done
  in_env "$WORK/out" "$WORK/err" "LANG=C" mail --no-store "$WORK/mail$count"
  if [[ $count == 1 ]]; then
    expect_contains "$WORK/out" "summary: 1 message in "
  else
    expect_contains "$WORK/out" "summary: $count messages in "
  fi
done

# A Ukrainian locale this machine lacks (never generated here) still means
# Ukrainian messages, in UTF-8.
in_env "$WORK/help.out" "$WORK/help.err" "LANG=uk_UA.CP1251" scan --help
expect_status 0 "scan --help under a Ukrainian locale that is not installed"
no_english "$WORK/help.out" "scan --help, LANG=uk_UA.CP1251"

# The English run is English: the check above is not blind.
in_env "$WORK/scan.out" "$WORK/scan.err" "LANG=uk_UA.UTF-8" "${scan_args[@]}" --lang en
grep -q -F -f "$WORK/english" "$WORK/scan.out" || fail "--lang en printed none of the English texts"
expect_not_contains "$WORK/scan.out" "шкідлив"
pass

# JSON lines: keys, codes, scores, paths and hashes do not depend on the language;
# only the human-language fields do (and they do change).
human='["description","explanation","advice","message","notices","notes"]'
normal() {
  jq -c --argjson human "$human" '
    walk(if type == "object" then
           with_entries(if (.key as $k | $human | index($k)) then .value = "" else . end)
           | del(.seconds, .elapsed_seconds, .yara_reused) # timing, and a count that depends on the threads
         else . end)' "$1" | LC_ALL=C sort # the scan's threads report in any order
}
for command in scan mail; do
  if [[ $command == scan ]]; then args=("${scan_args[@]}"); else args=("${mail_args[@]}"); fi
  in_env "$WORK/en.jsonl" "$WORK/en.err" "LANG=C" "${args[@]}" --format jsonl --lang en
  in_env "$WORK/uk.jsonl" "$WORK/uk.err" "LANG=C" "${args[@]}" --format jsonl --lang uk
  [[ -s $WORK/en.jsonl ]] || fail "$command: no JSON lines"
  cmp -s <(normal "$WORK/en.jsonl") <(normal "$WORK/uk.jsonl") ||
    { diff <(normal "$WORK/en.jsonl") <(normal "$WORK/uk.jsonl") | head -20 >&2;
      fail "$command: JSON lines differ between languages beyond the human-language fields"; }
  cmp -s "$WORK/en.jsonl" "$WORK/uk.jsonl" && fail "$command: the JSON lines' explanations were not translated"
  LC_ALL=C.UTF-8 grep -qP '\p{Cyrillic}{4,}' "$WORK/uk.jsonl" || fail "$command: no Ukrainian in the JSON lines"
  pass
done

finish
