#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# oberig mail's explanations that name a place (an attachment, a file inside
# one, the subject, the sender's name), the alignment of passed checks, an
# abused top-level domain or a campaign are whole sentences in each
# language: under --lang uk (and LANG=uk_UA.UTF-8) each is one Ukrainian
# sentence with its evidence in it and no English piece left, mail's
# notices and errors are Ukrainian too, and the JSONL is that of --lang en
# but for the human-language fields.
source "$(dirname "$0")/lib.sh"
for tool in jq zip; do
  command -v "$tool" >/dev/null || { echo "skip: $tool is not installed (scripts/install-deps.sh)"; exit 77; }
done

m="$WORK/mail"
mkdir -p "$m"
eicar='X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'
printf '%s' "$eicar" > "$m/eicar.bin"
# A DOS header with a PE header behind it: the engine calls it a Windows program.
{ printf 'MZ\220\000'; head -c 56 /dev/zero; printf '\100\000\000\000'
  printf 'PE\000\000\114\001\001\000'; head -c 12 /dev/zero; printf '\340\000\002\001\013\001'
  head -c 66 /dev/zero; printf '\002\000'; head -c 154 /dev/zero; } > "$m/program.bin"

# An archive attached, with known malware, a double extension and a program
# named like a PDF inside it; the malware's hash and the sender's address are
# in the store with a campaign each.
mkdir -p "$m/zip/tools"
cp "$m/eicar.bin" "$m/zip/tools/update.bin"
cp "$m/program.bin" "$m/zip/invoice.pdf.exe"
cp "$m/program.bin" "$m/zip/scan.pdf"
(cd "$m/zip" && zip -q -r ../bundle.zip tools invoice.pdf.exe scan.pdf)
mail_with_attachment "$m/archive.eml" bundle.zip "$m/bundle.zip"
mail_with_attachment "$m/double.eml" invoice.pdf.exe "$m/program.bin"
sha=$(sha256sum < "$m/eicar.bin" | cut -d' ' -f1)
printf 'type,value,description,campaign\nsha256,%s,test file,Wave22-files\nemail,taras@example.org,sender,Wave22\n' \
  "$sha" > "$m/wave.csv"
run_oberig "$WORK/out" "$WORK/err" ioc import --db "$WORK/s.db" "$m/wave.csv"
expect_status 0 "the store"

# message FILE FROM SUBJECT [HEADER]: a short message.
message() {
  { printf 'From: %s\nTo: olena@example.org\nSubject: %s\nMessage-ID: <%s@example.org>\n' \
      "$2" "$3" "$(basename "$1" .eml)"
    [[ -n ${4:-} ]] && printf '%s\n' "$4"
    printf 'Content-Type: text/plain; charset=utf-8\n\nSee you on Thursday.\n'; } > "$1"
}
zwsp=$'\u200b'
message "$m/subject.eml" 'Taras <taras@example.org>' "Your acc${zwsp}ount"
message "$m/name.eml" "\"Ta${zwsp}ras\" <taras@example.org>" 'Notes'
message "$m/aligned.eml" 'Colleague <a@org.example>' 'Notes' \
  'Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=bounce.org.example; dkim=pass header.d=org.example; dmarc=pass header.from=org.example'
message "$m/tld.eml" 'Shop <deals@mail.shop-deals.top>' 'Deals'
messages=("$m/archive.eml" "$m/double.eml" "$m/subject.eml" "$m/name.eml" "$m/aligned.eml" "$m/tld.eml")

# ---- Ukrainian: whole sentences, the evidence inside ---------------------------------
uk_sentences=(
  "Файл «tools/update.bin» у вкладенні «bundle.zip» збігається з відомою шкідливою програмою або інструментом атак (рівень «тривога» під час перевірки як файлу). Він — частина кампанії «Wave22-files» (джерело: wave ($m/wave.csv)). Не відкривайте його."
  "Файл «invoice.pdf.exe» у вкладенні «bundle.zip» видає себе за документ чи зображення, але насправді його тип — .exe."
  "Файл «scan.pdf» у вкладенні «bundle.zip» насправді — програма для Windows, хоч би що казала його назва."
  "Адреса відправника (taras@example.org) є в списку відомих індикаторів атак (джерело: wave, кампанія: Wave22). Вважайте цей лист частиною атаки."
  "Вкладення «invoice.pdf.exe» — це програма для Windows. Не відкривайте його, якщо не чекали саме цього файлу від цього відправника."
  "Вкладення «invoice.pdf.exe» видає себе за документ чи зображення, але насправді його тип — .exe."
  "У темі листа є невидимий символ або символ керування напрямком тексту (U+200B). Такими символами маскують імена й слова."
  "В імені відправника є невидимий символ або символ керування напрямком тексту (U+200B). Такими символами маскують імена й слова."
  "Деякі перевірки відправника пройшли (SPF, DKIM або DMARC). Це показує лише, з якого домену надіслано лист, а не те, що відправник чесний: зловмисники надсилають листи з власних доменів-двійників, і ті теж проходять перевірку. Перевірено саме домен з адреси From: org.example (DKIM і SPF)."
  "Відправник пише з mail.shop-deals.top, у домені верхнього рівня .top. Імена там коштують майже нічого, і, за звітами про зловживання, саме його зловмисники обирають чи не найчастіше. Ним користуються й чесні сайти, тому ця ознака важить мало."
)
# The English pieces the explanations were once assembled from, and the
# English of each sentence above.
english=(
  "The attachment '" "inside the attachment" "The file '" "It is part of the campaign" "level when scanned"
  "The domain of the From address" "None of the checks that passed" "The sender writes from" "under .top"
  "The subject contains" "The sender's name contains" "is on a list of known attack indicators"
  "pretends to be a document" "is really a Windows program" "Do not open it"
)
run_oberig "$WORK/uk.txt" "$WORK/err" mail --lang uk --color never --db "$WORK/s.db" "${messages[@]}"
expect_status 1 "--lang uk"
for sentence in "${uk_sentences[@]}"; do expect_contains "$WORK/uk.txt" "$sentence"; done
for piece in "${english[@]}"; do expect_not_contains "$WORK/uk.txt" "$piece"; done

# The locale alone chooses Ukrainian the same way.
LANG=uk_UA.UTF-8 LC_ALL= LANGUAGE= run_oberig "$WORK/locale.txt" "$WORK/err" mail --color never \
  --db "$WORK/s.db" "${messages[@]}"
expect_status 1 "LANG=uk_UA.UTF-8"
for sentence in "${uk_sentences[@]}"; do expect_contains "$WORK/locale.txt" "$sentence"; done
for piece in "${english[@]}"; do expect_not_contains "$WORK/locale.txt" "$piece"; done

# English stays as it was, sentence for sentence.
run_oberig "$WORK/en.txt" "$WORK/err" mail --lang en --color never --db "$WORK/s.db" "${messages[@]}"
expect_status 1 "--lang en"
expect_contains "$WORK/en.txt" "The file 'tools/update.bin' inside the attachment 'bundle.zip' matches known malware or attack tools (alert level when scanned as a file). It is part of the campaign 'Wave22-files' (source: wave ($m/wave.csv)). Do not open it."
expect_contains "$WORK/en.txt" "The sender address (taras@example.org) is on a list of known attack indicators (source: wave, campaign: Wave22). Treat this message as part of an attack."
expect_contains "$WORK/en.txt" "The subject contains an invisible or text-direction control character (U+200B), used to disguise names and words."
expect_contains "$WORK/en.txt" "The sender's name contains an invisible or text-direction control character (U+200B), used to disguise names and words."
expect_contains "$WORK/en.txt" "and those pass too. The domain of the From address is the one verified: org.example (DKIM and SPF)."
expect_contains "$WORK/en.txt" "The sender writes from mail.shop-deals.top, under .top: a top-level domain"

# ---- JSONL: the same signals, scores and data in both languages ---------------------
run_oberig "$WORK/en.jsonl" "$WORK/err" mail --lang en --format jsonl --db "$WORK/s.db" "${messages[@]}"
expect_status 1 "jsonl, --lang en"
run_oberig "$WORK/uk.jsonl" "$WORK/err" mail --lang uk --format jsonl --db "$WORK/s.db" "${messages[@]}"
expect_status 1 "jsonl, --lang uk"
signals() { jq -c 'select(.type == "message") | [.source, .verdict, .score, [.reasons[] | [.signal, .score]]]' "$1"; }
signals "$WORK/en.jsonl" > "$WORK/en.signals"
signals "$WORK/uk.jsonl" > "$WORK/uk.signals"
[[ $(wc -l < "$WORK/en.signals") -eq ${#messages[@]} ]] || fail "one line per message expected"
pass
diff "$WORK/en.signals" "$WORK/uk.signals" >&2 || fail "signals or scores differ between --lang en and --lang uk"
pass
# Everything but the human-language fields (and the time taken) is identical.
data() { jq -c 'del(.reasons[]?.explanation, .advice, .notices, .seconds)' "$1"; }
diff <(data "$WORK/en.jsonl") <(data "$WORK/uk.jsonl") >&2 || fail "JSONL data differs between languages"
pass
# ... and those fields are translated.
jq_expect "$WORK/uk.jsonl" 'map(select(.type == "message")) | map(.reasons[].explanation)
                            | any(startswith("Файл «tools/update.bin» у вкладенні «bundle.zip»"))'

# ---- notices and errors of mail ----------------------------------------------------
: > "$m/empty.eml"
{ printf 'From: a@example.org\nSubject: parts\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="p"\n\n'
  for _ in $(seq 1100); do printf -- '--p\nContent-Type: text/plain\n\nx\n'; done
  printf -- '--p--\n'; } > "$m/parts.eml"
run_oberig "$WORK/out" "$WORK/err" mail --lang uk --color never "$m/empty.eml" "$m/parts.eml"
expect_contains "$WORK/out" "вхідні дані порожні"
expect_contains "$WORK/out" "у листі понад 1000 частин; решту не перевірено"
expect_not_contains "$WORK/out" "the input is empty"
expect_not_contains "$WORK/out" "the rest were not examined"
run_oberig "$WORK/out" "$WORK/err" mail --lang uk /dev/null
expect_contains "$WORK/err" "не вдалося прочитати «/dev/null»: це не звичайний файл"
expect_not_contains "$WORK/err" "not a regular file"
finish
