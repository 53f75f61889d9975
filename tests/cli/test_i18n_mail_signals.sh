#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# oberig mail in Ukrainian: the explanations of the sender and authentication
# signals (the first part of src/mail/signals.c) come out translated under
# --lang uk and under a Ukrainian locale, with the evidence filled in, and
# none of their English sentences is left; the JSON lines of an English and
# a Ukrainian run differ only in the human-language fields.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }

m="$WORK/mail"
mkdir -p "$m"
cp "$ROOT/examples/mail/password-reset.eml" "$m/"
# Mass mail: a spam flag from the receiving service, a broken DKIM signature,
# no DMARC policy, no To, a number in the sender's name, bounces elsewhere,
# and a request to write to a free mail address.
cat > "$m/bulk.eml" <<'EOF'
Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=mailer.example; dkim=fail header.d=mailer.example; dmarc=none header.from=mailer.example
X-Spam-Flag: YES
From: "Support-31665876" <notice@mailer.example>
Return-Path: <bounce@bulk-sender.example>
Subject: Your parcel is waiting
Message-ID: <bulk-1@mailer.example>
Date: Mon, 07 Feb 2022 09:12:00 +0200
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Your parcel is waiting. Write to me at parcel.desk@gmail.com to arrange delivery.
EOF
# A forwarded message whose original sender is a "department" on free mail.
cat > "$m/forwarded.eml" <<'EOF'
From: Olena Koval <olena@example.org>
To: helpdesk@example.org
Subject: Fwd: Invoice overdue
Message-ID: <fwd-1@example.org>
Date: Tue, 08 Feb 2022 10:00:00 +0200
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Is this real?

---------- Forwarded message ---------
From: Billing Department <billing.department.desk@gmail.com>
Date: Mon, 7 Feb 2022 at 09:12
Subject: Invoice overdue
To: <olena@example.org>

Please pay the attached invoice today.
EOF

# message|signal|the start of its Ukrainian explanation, evidence filled in
# (auth-pass ends with a sentence formatted elsewhere, so only its start).
expected=(
  "password-reset.eml|auth-dmarc-fail|Лист нібито надійшов від ukr-net-login.example, але власні правила цього домену (DMARC) кажуть, що сервер, який його надіслав, не мав на це права. Так виглядають листи з підробленим відправником."
  "password-reset.eml|sender-brand-mismatch|Відправник називає себе «UKR.NET», але пише з домену ukr-net-login.example, яким UKR.NET не користується."
  "password-reset.eml|auth-unverified|Про відправника нічого не вдалося перевірити: чинного підпису немає, а сервер, що надіслав лист, не зареєстрований для домену відправника."
  "password-reset.eml|sender-reply-to-elsewhere|Відповіді підуть на ukrnet.security.team@gmail.example, а не на домен відправника ukr-net-login.example."
  "password-reset.eml|auth-spf-softfail|Сервер, що надіслав цей лист, імовірно, не належить до серверів, якими користується ukr-net-login.example (м'яка відмова SPF)."
  "bulk.eml|filter-spam|Власний фільтр поштової служби, яка отримала цей лист, уже визнав його спамом."
  "bulk.eml|auth-dkim-fail|Лист має цифровий підпис (DKIM), який не збігається: лист змінили дорогою або підпис підроблено."
  "bulk.eml|auth-no-dmarc|Домен відправника mailer.example не має чинних правил DMARC, тож ніщо не заважає іншим надсилати листи від його імені."
  "bulk.eml|auth-pass|Деякі перевірки відправника пройшли (SPF, DKIM або DMARC)."
  "bulk.eml|sender-name-number|В імені відправника є довге число (31665876), ніби номер справи чи протоколу."
  "bulk.eml|sender-name-unrelated-domain|Відправник видає себе за «Support-31665876», але пише з домену mailer.example, у якому немає нічого з цієї назви."
  "bulk.eml|sender-hidden-recipients|У листі не сказано, кому його надіслано: так буває, коли лист розсилають багатьом людям одразу."
  "bulk.eml|sender-return-path-elsewhere|Недоставлені копії повернуться на bulk-sender.example — не на домен відправника mailer.example, а на інший."
  "bulk.eml|content-write-elsewhere|Текст просить вас написати на адресу parcel.desk@gmail.com на безплатній пошті, а не відповісти відправникові."
  "forwarded.eml|forwarded-sender-freemail-organisation|Початковий відправник видає себе за службу організації («Billing Department»), але пише з безплатного облікового запису на gmail.com, який може завести будь-хто."
  "forwarded.eml|forwarded-message|Цей лист пересилає інший, який спершу надіслав Billing Department <billing.department.desk@gmail.com> (тема: «Invoice overdue»). Ознаки, що згадують «початкового відправника», стосуються того повідомлення."
)

# The fields people read; everything else in a JSON line is for machines.
machine_part='[.[] | walk(if type == "object" then del(.explanation, .advice, .description, .message, .seconds) else . end)]'
# The signals of a run with their scores, in order.
ids() { jq -c '[.reasons[]? | [.signal, .score]]' "$1"; }

for name in password-reset.eml bulk.eml forwarded.eml; do
  run_oberig "$WORK/en.jsonl" "$WORK/err" mail --lang en --format jsonl "$m/$name"
  en_status=$status
  [[ $en_status -le 1 ]] || fail "$name: exit $en_status in English"
  run_oberig "$WORK/uk.jsonl" "$WORK/err" mail --lang uk --format jsonl "$m/$name"
  expect_status "$en_status" "$name: the same exit status in Ukrainian"
  run_oberig "$WORK/uk.txt" "$WORK/err" mail --lang uk "$m/$name"
  expect_status "$en_status" "$name: the same exit status, human output"
  status=0
  env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=uk_UA.UTF-8 \
    "$OBERIG" mail "$m/$name" >"$WORK/locale.txt" 2>"$WORK/err" || status=$?
  expect_status "$en_status" "$name: the same exit status under LANG=uk_UA.UTF-8"

  # The same signals at the same scores, in the same order.
  [[ $(ids "$WORK/en.jsonl") == "$(ids "$WORK/uk.jsonl")" ]] ||
    fail "$name: signals or scores differ: $(ids "$WORK/en.jsonl") vs $(ids "$WORK/uk.jsonl")"
  [[ $(ids "$WORK/en.jsonl") != "[]" ]] || fail "$name: no signal raised"
  pass
  # Nothing but the human-language fields differs between the languages.
  [[ $(jq -s -S -c "$machine_part" "$WORK/en.jsonl") == "$(jq -s -S -c "$machine_part" "$WORK/uk.jsonl")" ]] ||
    fail "$name: the JSON lines differ beyond the human-language fields"
  pass

  for entry in "${expected[@]}"; do
    IFS='|' read -r message signal text <<<"$entry"
    [[ $message == "$name" ]] || continue
    english=$(jq -r --arg s "$signal" '.reasons[]? | select(.signal == $s) | .explanation' "$WORK/en.jsonl")
    [[ -n $english ]] || fail "$name: $signal is not raised"
    jq_expect "$WORK/uk.jsonl" \
      "[.[0].reasons[] | select(.signal == \"$signal\") | .explanation | startswith(\"$text\")] == [true]"
    expect_contains "$WORK/uk.txt" "$text"
    expect_contains "$WORK/locale.txt" "$text"
    expect_not_contains "$WORK/uk.txt" "$english"
    expect_not_contains "$WORK/uk.jsonl" "$english"
    expect_not_contains "$WORK/locale.txt" "$english"
  done
done

# English stays English: the default C locale and --lang en.
run_oberig "$WORK/out" "$WORK/err" mail "$m/bulk.eml"
expect_contains "$WORK/out" "The sender's name carries a long number (31665876)"
expect_not_contains "$WORK/out" "В імені відправника"
finish
