#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Ukrainian everywhere scan, signals and version speak (issue #11): the demo
# scan, --help and usage errors under --lang uk and under a Ukrainian locale
# hold Ukrainian and none of the English sentences; counts take Ukrainian's
# three plural forms; JSON lines are the same in both languages but for the
# human-language fields; --lang takes only uk or en, on every command.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed (scripts/install-deps.sh)"; exit 77; }
command -v zip >/dev/null || { echo "skip: zip is not installed (scripts/install-deps.sh)"; exit 77; }

# in_language HOW OUT ERR args...: runs oberig with nothing of this shell's
# environment but PATH and the test store. HOW is "flag" (--lang uk, no
# locale), "locale" (LANG=uk_UA.UTF-8, no --lang) or "c" (neither).
in_language() {
  local how=$1 out=$2 err=$3
  shift 3
  local env=(env -i "${OB_SANITIZER_ENV[@]}" "PATH=$PATH" "OBERIG_DB=$OBERIG_DB")
  case $how in
    flag) set -- --lang uk "$@" ;;
    locale) env+=("LANG=uk_UA.UTF-8") ;;
    c) ;;
  esac
  last_err=$err
  status=0
  "${env[@]}" "$OBERIG" "$@" >"$out" 2>"$err" || status=$?
}
# expect_none FILE SENTENCE...: none of the sentences is in FILE.
expect_none() {
  local file=$1
  shift
  for sentence in "$@"; do
    expect_not_contains "$file" "$sentence"
  done
}

"$ROOT/examples/make-tree.sh" "$WORK/tree" >/dev/null
touch "$WORK/x.eml"
scan_args=(scan --threads 1 --rules "$ROOT/examples/rules" --iocs "$ROOT/examples/iocs"
  "$WORK/tree" "$WORK/no-such-folder")

# English sentences of the scan's human output (stdout and stderr); rule
# and indicator descriptions from examples/ stay as they are written.
scan_english=("What now:" "summary" "  scanned   " "  findings  " "  errors    " "  skipped   "
  "very likely malicious" "suspicious, look closer" "  why:" "  file:   " "  inside: " "size 68 bytes"
  "score " "matches the YARA rule" "is a known malicious file (hash)" "hides its real extension"
  "is a program disguised as another type" "uses a reversed-text trick in its name"
  "the name ends in" "but really ends in" "contains the invisible character"
  "      from " "file name check" "content type check" "oberig: loaded" "YARA rules from"
  "known-good" "something here matches known malware" "Do not" "oberig: error" "cannot scan"
  "no such file or directory" "archive members")
for how in flag locale; do
  in_language $how "$WORK/out" "$WORK/err" "${scan_args[@]}"
  expect_status 1 "demo scan ($how): findings"
  cat "$WORK/out" "$WORK/err" >"$WORK/all"
  for text in "oberig: завантажено правил YARA: 3, з 1 файлу" "ТРИВОГА      — дуже ймовірно шкідливий" \
    "ПОПЕРЕДЖЕННЯ — підозрілий" "  файл:     " "  в архіві: eicar.com" "  чому:" "розмір 68 байтів, тип" \
    "відомий шкідливий файл (хеш) (hash, +100 балів): 44d88612fea8a8f36de82e1278abb02f" \
    "приховує своє справжнє розширення (double-extension, +50 балів): .exe" \
    "назва «invoice.pdf.exe» показує «.pdf», але насправді закінчується на «.exe»" \
    "назва закінчується на «.jpg»" "має в назві трюк із перевернутим текстом (rtlo, +70 балів)" \
    'назва «report\u{202e}cod.exe» містить невидимий знак U+202E' \
    "джерело: перевірка назви файлу" "джерело: перевірка вмісту" "джерело: $ROOT/examples/rules/demo.yar" \
    "підсумок" "  перевірено 10 файлів (" "  знахідки   тривога: 3, попередження: 4" \
    "  помилки    1 (файли, які не вдалося прочитати" "  пропущено  0 — більші за 64 МіБ" \
    "Що робити зараз: тут є збіги з відомими шкідливими програмами" \
    "oberig: помилка: " "не вдалося перевірити: такого файлу або теки немає"; do
    expect_contains "$WORK/all" "$text"
  done
  expect_none "$WORK/all" "${scan_english[@]}"

  # --help of each command: Ukrainian, the option names and example lines as they are.
  in_language $how "$WORK/help" "$WORK/err" scan --help
  expect_status 0 "scan --help ($how)"
  for text in "виклик: oberig scan [параметри] ШЛЯХ..." "індикатори (для найповнішої перевірки" \
    "  -r, --rules ШЛЯХ       правила YARA" "      --no-yara          лише хеші" \
    "  oberig scan -r signature-base/yara -i signature-base/iocs /mnt/client-disk" \
    "  oberig scan --no-yara -i signature-base/iocs --format jsonl / > hits.jsonl" \
    "--exclude '*.iso' --exclude '/mnt/disk/Windows/WinSxS'" "код завершення: 0" \
    "показати цю довідку" "мова повідомлень: uk або en"; do
    expect_contains "$WORK/help" "$text"
  done
  for option in --rules --iocs --db --no-store --strict --no-yara --exclude --max-size --cross-fs \
    --scan-special --windows-drive --no-archives --archive-depth --archive-max-entries \
    --archive-max-bytes --archive-max-ratio --threads --timeout --alert --warning --notice \
    --format --output --color --quiet --verbose --lang --help; do
    expect_contains "$WORK/help" "$option"
  done
  expect_none "$WORK/help" "usage:" "Scans files" "indicators (use both" "what to scan:" "scoring (" \
    "output:" "exit status" "examples:" "repeatable" "default" "show this help" "language of the"
  in_language $how "$WORK/help" "$WORK/err" mail --help
  expect_status 0 "mail --help ($how)"
  expect_contains "$WORK/help" "виклик: oberig mail [параметри] ШЛЯХ..."
  expect_contains "$WORK/help" "бал для висновку ФІШИНГ (PHISHING; типово 80)"
  expect_contains "$WORK/help" "  xclip -o | oberig mail -"
  expect_none "$WORK/help" "usage:" "Reads suspicious e-mail" "scoring (" "exit status" "examples:"
  in_language $how "$WORK/help" "$WORK/err" signals --help
  expect_status 0 "signals --help ($how)"
  expect_contains "$WORK/help" "виклик: oberig signals [--format text|markdown|man|jsonl] [КОМАНДА] [ID]"
  expect_contains "$WORK/help" "  oberig signals scan rtlo"
  expect_none "$WORK/help" "usage:" "Lists every reason" "examples:" "exit status"
  in_language $how "$WORK/help" "$WORK/err" version --help
  expect_status 0 "version --help ($how)"
  expect_contains "$WORK/help" "Показує версію oberig."
  expect_none "$WORK/help" "usage:" "Prints the version" "options:"

  # One usage error of each command, in Ukrainian and in the one shape.
  for call in "scan|--threads 0 $WORK/tree|--threads: «0» — не число від 1 до 256" \
    "mail|--suspicious 0 $WORK/x.eml|--suspicious: «0» — не ціле число від 1 до 100000" \
    "signals|--format pdf|--format: «pdf» — не text, не markdown, не man і не jsonl" \
    "version|extra|зайвий аргумент «extra»"; do
    IFS='|' read -r command arguments message <<<"$call"
    # shellcheck disable=SC2086 # the arguments are words
    in_language $how "$WORK/out" "$WORK/err" $command $arguments
    expect_status 2 "usage error of $command ($how)"
    expect_contains "$WORK/err" "oberig $command: $message"
    expect_contains "$WORK/err" "Довідка: «oberig $command --help»."
    expect_none "$WORK/err" "Try '" "is not"
  done

  # The signal table for people: translated fields, ids and scores as they are.
  in_language $how "$WORK/out" "$WORK/err" signals scan rtlo
  expect_status 0 "signals ($how)"
  expect_contains "$WORK/out" "scan rtlo"
  expect_contains "$WORK/out" "  бал: 70"
  expect_contains "$WORK/out" "  показується як: назва «…» містить невидимий знак …"
  expect_none "$WORK/out" "score:" "shown as:" "The name contains"
done

# "перевірено N файл/файли/файлів": Ukrainian's three plural forms; English's two.
for count in 1 2 5 11 21 22; do
  mkdir -p "$WORK/files-$count"
  for ((i = 1; i <= count; i++)); do echo "$i" >"$WORK/files-$count/$i.txt"; done
done
plural() {
  local count=$1 want=$2
  in_language flag "$WORK/out" "$WORK/err" scan --no-yara "$WORK/files-$count"
  expect_status 0 "$count files"
  expect_contains "$WORK/out" "  перевірено $count $want ("
}
plural 1 файл
plural 2 файли
plural 5 файлів
plural 11 файлів
plural 21 файл
plural 22 файли
in_language locale "$WORK/out" "$WORK/err" scan "$WORK/files-21"
expect_contains "$WORK/out" "  перевірено 21 файл ("
in_language c "$WORK/out" "$WORK/err" scan "$WORK/files-1"
expect_contains "$WORK/out" "  scanned   1 file ("
in_language c "$WORK/out" "$WORK/err" scan "$WORK/files-2"
expect_contains "$WORK/out" "  scanned   2 files ("

# JSON lines: the same in English and Ukrainian once the timing and the
# human-language fields (descriptions, messages) are left out; built-in
# sources ("file name check") are codes and stay English.
in_language c "$WORK/en.jsonl" "$WORK/err" --lang en "${scan_args[@]}" --format jsonl
expect_status 1 "jsonl in English"
in_language flag "$WORK/uk.jsonl" "$WORK/err" "${scan_args[@]}" --format jsonl
expect_status 1 "jsonl in Ukrainian"
machine='del(.seconds, .yara_reused, .message) | if .reasons then .reasons |= map(del(.description)) else . end'
jq -cS "$machine" "$WORK/en.jsonl" | sort >"$WORK/en.machine"
jq -cS "$machine" "$WORK/uk.jsonl" | sort >"$WORK/uk.machine"
[[ -s $WORK/en.machine ]] || fail "no JSON lines"
cmp -s "$WORK/en.machine" "$WORK/uk.machine" || {
  diff "$WORK/en.machine" "$WORK/uk.machine" >&2
  fail "JSON lines differ between English and Ukrainian beyond the human-language fields"
}
pass
jq_expect "$WORK/uk.jsonl" 'map(select(.type == "finding")) | length == 7'
jq_expect "$WORK/uk.jsonl" 'any(.[]; .type == "finding" and .level == "alert")'
jq_expect "$WORK/uk.jsonl" 'any(.[].reasons[]?; .signal == "double-extension" and .source == "file name check"
  and (.description | startswith("назва «invoice.pdf.exe» показує «.pdf»")))'
jq_expect "$WORK/en.jsonl" 'any(.[].reasons[]?; .signal == "double-extension"
  and (.description | startswith("the name \"invoice.pdf.exe\" shows \".pdf\"")))'
jq_expect "$WORK/uk.jsonl" 'any(.[]; .type == "error" and .message == "не вдалося перевірити: такого файлу або теки немає")'
jq_expect "$WORK/en.jsonl" 'any(.[]; .type == "error" and .message == "cannot scan: no such file or directory")'

# signals --format jsonl: ids, scores and keys the same, the texts translated.
in_language c "$WORK/en.jsonl" "$WORK/err" signals --format jsonl
in_language locale "$WORK/uk.jsonl" "$WORK/err" signals --format jsonl
keys='[.[] | [.capability, .id, .score, .score_max, .per_evidence, .advice_id, (keys | join(","))]]'
[[ $(jq -cs "$keys" "$WORK/en.jsonl") == "$(jq -cs "$keys" "$WORK/uk.jsonl")" ]] ||
  fail "signals jsonl: ids, scores or keys differ between English and Ukrainian"
pass
jq_expect "$WORK/uk.jsonl" 'map(select(.capability == "scan" and .id == "hash"))[0].summary
  == "MD5, SHA-1 або SHA-256 вмісту є у списку хешів."'

# --lang takes uk or en only, for the program and for every command.
for call in "" "scan $WORK/tree" "mail $WORK/x.eml" "ioc list" "signals" "version"; do
  # shellcheck disable=SC2086 # the call is words
  set -- $call
  command=${1:-}
  for form in "--lang xx" "--lang=xx"; do
    # shellcheck disable=SC2086
    in_language c "$WORK/out" "$WORK/err" "$@" $form
    expect_status 2 "$form with '${call:-no command}'"
    expect_contains "$WORK/err" "--lang: 'xx' is not uk or en"
    expect_contains "$WORK/err" "Try 'oberig${command:+ $command} --help'."
  done
  # shellcheck disable=SC2086
  in_language c "$WORK/out" "$WORK/err" --lang xx "$@"
  expect_status 2 "--lang xx before '${call:-no command}'"
  expect_contains "$WORK/err" "--lang: 'xx' is not uk or en"
done
finish
