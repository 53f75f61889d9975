#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# oberig mail end to end on synthetic messages: a phishing message and an
# ordinary one as .eml, mbox, Maildir and standard input; a headers-only
# paste; the indicator store and attachment scanning; hostile messages that
# must finish quickly with a notice; exit statuses and the JSON fields.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }

m="$WORK/mail"
mkdir -p "$m"
# A credential phish: a look-alike of paypal.com with a Cyrillic letter, a
# failed DMARC check, a link whose text shows paypal.com, and urgency.
cat > "$m/phish.eml" <<'EOF'
Authentication-Results: mx.example.net; spf=fail smtp.mailfrom=secure-pаypal.com; dkim=none; dmarc=fail header.from=secure-pаypal.com
Received: from unknown (HELO mail.secure-xn--pypal-4ve.com) (203.0.113.9) by mx.example.net
From: "PayPal Service" <service@secure-pаypal.com>
Reply-To: <verify.desk@freemail-inbox.example>
To: olena@example.org
Subject: =?UTF-8?B?VXJnZW50OiB2ZXJpZnkgeW91ciBhY2NvdW50?=
Message-ID: <phish-1@secure-xn--pypal-4ve.com>
Date: Mon, 07 Feb 2022 09:12:00 +0200
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8

<html><body><p>Your account will be suspended. Verify your account within 24 hours.</p>
<p><a href="http://203.0.113.9/paypal/login.php">https://www.paypal.com/signin</a></p>
</body></html>
EOF
cat > "$m/ordinary.eml" <<'EOF'
From: Taras Shevchuk <taras@example.org>
To: olena@example.org
Subject: Notes from Tuesday
Message-ID: <notes-2@example.org>
Date: Tue, 08 Feb 2022 18:40:00 +0200
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Hi Olena,

here are my notes from the editorial meeting. See you on Thursday.

Taras
EOF

# ---- usage -----------------------------------------------------------------------
run_oberig "$WORK/out" "$WORK/err" mail --help
expect_status 0 "help"
expect_contains "$WORK/out" "Maildir"
run_oberig "$WORK/out" "$WORK/err" mail
expect_status 2 "no path"
run_oberig "$WORK/out" "$WORK/err" mail --format xml "$m/phish.eml"
expect_status 2 "bad format"
run_oberig "$WORK/out" "$WORK/err" mail "$m/absent.eml"
expect_status 2 "a path that does not exist"
expect_contains "$WORK/out" "1 inputs unreadable"
# Beside a readable message, the missing one is counted, not passed over.
run_oberig "$WORK/out" "$WORK/err" mail --format jsonl "$m/phish.eml" "$m/absent.eml"
expect_status 2 "a path that does not exist beside a readable one"
jq_expect "$WORK/out" '(map(select(.type == "message")) | length) == 1'
jq_expect "$WORK/out" 'map(select(.type == "summary")) | .[0].errors == 1 and .[0].messages == 1'

# ---- one message each way ----------------------------------------------------------
run_oberig "$WORK/out" "$WORK/err" mail --format jsonl "$m/phish.eml"
expect_status 1 "the phish is flagged"
jq_expect "$WORK/out" '.[0].type == "message" and .[0].verdict == "phishing" and .[0].score >= 80'
jq_expect "$WORK/out" '.[0].message_id == "phish-1@secure-xn--pypal-4ve.com" and .[0].subject == "Urgent: verify your account"'
jq_expect "$WORK/out" '.[0].reasons | length >= 3 and all(.signal != "" and .explanation != "" and (.score | type) == "number")'
jq_expect "$WORK/out" '.[0].reasons | . == (sort_by(-.score))'
jq_expect "$WORK/out" '.[0].indicators | any(.kind == "url" and .value == "http://203.0.113.9/paypal/login.php")'
jq_expect "$WORK/out" '.[0].indicators | any(.kind == "reply-to" and .value == "verify.desk@freemail-inbox.example")'
jq_expect "$WORK/out" '.[0].advice | contains("password")'
jq_expect "$WORK/out" '.[1].type == "summary" and .[1].messages == 1 and .[1].phishing == 1'

run_oberig "$WORK/out" "$WORK/err" mail --format jsonl "$m/ordinary.eml"
expect_status 0 "an ordinary message is not flagged"
jq_expect "$WORK/out" '.[0].verdict == "no signs found"'

run_oberig "$WORK/out" "$WORK/err" mail --color never "$m/phish.eml" "$m/ordinary.eml"
expect_status 1 "human output"
expect_contains "$WORK/out" "PHISHING"
expect_contains "$WORK/out" "NO SIGNS FOUND"
expect_contains "$WORK/out" "what to do now:"
expect_contains "$WORK/out" "summary: 2 messages"

# mbox, with a ">From " line to unquote, and a Maildir
{ echo "From service@example Mon Feb  7 09:12:00 2022"; cat "$m/phish.eml"; echo
  echo "From taras@example.org Tue Feb  8 18:40:00 2022"; sed 's/^See you/>From now on, see you/' "$m/ordinary.eml"; } > "$m/inbox.mbox"
run_oberig "$WORK/out" "$WORK/err" mail --format jsonl "$m/inbox.mbox"
expect_status 1 "mbox"
jq_expect "$WORK/out" '[.[] | select(.type == "message") | .source] == ["'"$m"'/inbox.mbox#1", "'"$m"'/inbox.mbox#2"]'
jq_expect "$WORK/out" '[.[] | select(.type == "message") | .verdict] == ["phishing", "no signs found"]'
mkdir -p "$m/Maildir/cur" "$m/Maildir/new" "$m/Maildir/tmp"
cp "$m/phish.eml" "$m/Maildir/new/1644217920.1.host"
cp "$m/ordinary.eml" "$m/Maildir/cur/1644338400.2.host:2,S"
cp "$m/phish.eml" "$m/Maildir/tmp/1644338400.3.host"
printf 'Notes about this mailbox, not a message.\n' > "$m/Maildir/notes.txt"
run_oberig "$WORK/out" "$WORK/err" mail --format jsonl "$m/Maildir"
expect_status 1 "Maildir"
jq_expect "$WORK/out" '.[-1].messages == 2 and .[-1].phishing == 1 and .[-1].skipped == 1'

# standard input, and a pasted header block without a body
"$OBERIG" mail --format jsonl - < "$m/phish.eml" > "$WORK/out" 2>"$WORK/err" && status=0 || status=$?
expect_status 1 "standard input"
jq_expect "$WORK/out" '.[0].source == "-" and .[0].verdict == "phishing"'
sed '/^$/,$d' "$m/phish.eml" > "$m/headers-only.txt"
run_oberig "$WORK/out" "$WORK/err" mail --format jsonl "$m/headers-only.txt"
jq_expect "$WORK/out" '.[0].verdict != "no signs found"'

# ---- the indicator store and attachments -----------------------------------------
printf 'type,value,description,campaign\nemail,verify.desk@freemail-inbox.example,reply address of a 2022 wave,Wave22\n' > "$m/wave.csv"
run_oberig "$WORK/out" "$WORK/err" ioc import --db "$WORK/i.db" "$m/wave.csv"
expect_status 0 "store"
run_oberig "$WORK/out" "$WORK/err" mail --db "$WORK/i.db" --format jsonl "$m/phish.eml"
jq_expect "$WORK/out" '.[0].reasons | any(.score >= 100 and (.explanation | contains("Wave22")))'
run_oberig "$WORK/out" "$WORK/err" mail --db "$WORK/i.db" --no-store --format jsonl "$m/phish.eml"
jq_expect "$WORK/out" '.[0].reasons | all(.explanation | contains("Wave22") | not)'

# A link wrapped by Microsoft Safe Links (as in mail forwarded from Outlook) is
# shared and matched by where it really goes, not by the wrapper's address.
cat > "$m/wrapped.eml" <<'EOF'
From: "IT Helpdesk" <it@org.example>
To: olena@org.example
Subject: Mailbox quota
Message-ID: <wrapped-1@org.example>
Content-Type: text/html; charset=utf-8

<p>Your mailbox is full. <a href="https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fquota-owa.example%2Flogin&amp;data=05%7C01&amp;reserved=0">Open</a></p>
<p><a href="https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Furldefense.proofpoint.com%2Fv2%2Furl%3Fu%3Dhttps-3A__quota-2Dowa2.example_x%26d%3DDwMF&amp;data=1">Help</a>
<a href="https://protect-eu.mimecast.com/s/AbCdEf?domain=quota-owa3.example">Help</a></p>
EOF
printf 'type,value,description,campaign\nurl,https://quota-owa.example/login,quota lure,Wave23\n' > "$m/wave23.csv"
run_oberig "$WORK/out" "$WORK/err" ioc import --db "$WORK/i.db" "$m/wave23.csv"
expect_status 0 "store"
run_oberig "$WORK/out" "$WORK/err" mail --db "$WORK/i.db" --format jsonl "$m/wrapped.eml"
jq_expect "$WORK/out" '.[0].reasons | any(.score >= 100 and (.explanation | contains("Wave23")))'
jq_expect "$WORK/out" '.[0].indicators | any(.kind == "url" and .value == "https://quota-owa.example/login")'
jq_expect "$WORK/out" '.[0].indicators | any(.kind == "domain" and .value == "quota-owa.example")'
jq_expect "$WORK/out" '.[0].indicators | any(.kind == "url" and .value == "https://quota-owa2.example/x")'
jq_expect "$WORK/out" '.[0].indicators | any(.kind == "domain" and .value == "quota-owa3.example")'
jq_expect "$WORK/out" '.[0].indicators | all(.value | test("safelinks|urldefense|mimecast") | not)'

eicar='X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'
printf '%s' "$eicar" > "$m/eicar.bin"
mail_with_attachment "$m/attachment.eml" notes.bin "$m/eicar.bin"
run_oberig "$WORK/out" "$WORK/err" mail --no-store --rules "$ROOT/examples/rules" --format jsonl "$m/attachment.eml"
expect_status 1 "an attachment that matches a rule"
sha=$(printf '%s' "$eicar" | sha256sum | cut -d' ' -f1)
jq_expect "$WORK/out" '.[0].indicators | any(.kind == "attachment" and .value == "notes.bin" and .sha256 == "'"$sha"'")'
jq_expect "$WORK/out" '.[0].reasons | any(.evidence | contains("yara:"))'
# An attachment whose hash is in the store names the store's campaign.
printf 'type,value,description,campaign\nsha256,%s,test file,Wave22-files\n' "$sha" > "$m/files.csv"
run_oberig "$WORK/out" "$WORK/err" ioc import --db "$WORK/i.db" "$m/files.csv"
run_oberig "$WORK/out" "$WORK/err" mail --db "$WORK/i.db" --format jsonl "$m/attachment.eml"
expect_status 1 "an attachment whose hash is in the store"
jq_expect "$WORK/out" '.[0].reasons | any(.signal == "attachment-known-malware" and (.explanation | contains("campaign '"'"'Wave22-files'"'"'")) and (.evidence | contains("campaign Wave22-files")))'

# ---- a phish forwarded to the helpline: the original sender is examined ----------
cat > "$m/forwarded.eml" <<'EOF2'
From: Olena <olena@example.org>
To: help@helpline.example
Subject: Fwd: Your account is limited
Message-ID: <fwd-1@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Is this real? I did not click.

---------- Forwarded message ---------
From: PayPal <service@account-review.example>
Date: Mon, 7 Feb 2022 at 09:12
Subject: Your account is limited
To: <olena@example.org>

We could not verify your account. Email me at review.desk84@gmail.com
EOF2
run_oberig "$WORK/out" "$WORK/err" mail --format jsonl "$m/forwarded.eml"
expect_status 1 "a forwarded phish is flagged"
jq_expect "$WORK/out" '.[0].indicators | any(.kind == "forwarded-from" and .value == "service@account-review.example")'
jq_expect "$WORK/out" '.[0].indicators | any(.kind == "contact-address" and .value == "review.desk84@gmail.com")'
jq_expect "$WORK/out" '.[0].reasons | any(.signal == "forwarded-sender-brand-mismatch") and any(.signal == "forwarded-message")'
jq_expect "$WORK/out" '.[0].reasons | all(.signal != "sender-brand-mismatch")'

# ---- hostile messages: bounded, with a notice --------------------------------------
{ printf 'From: a@example.org\nSubject: parts\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="p"\n\n'
  for _ in $(seq 10000); do printf -- '--p\nContent-Type: text/plain\n\nx\n'; done
  printf -- '--p--\n'; } > "$m/parts.eml"
{ printf 'From: a@example.org\nSubject: '; head -c 1048576 /dev/zero | tr '\0' 'A'; printf '\n\nbody\n'; } > "$m/long-header.eml"
{ printf 'From: a@example.org\nMIME-Version: 1.0\n'
  for i in $(seq 500); do printf 'Content-Type: multipart/mixed; boundary="n%d"\n\n--n%d\n' "$i" "$i"; done
  printf 'Content-Type: text/plain\n\ndeep\n'; } > "$m/deep.eml"
head -c 200000 /dev/urandom > "$m/random.eml"
printf 'From: a@example.org\nContent-Type: multipart/mixed; boundary="never"\n\n--wrong\nbroken\n' > "$m/broken.eml"
start=$(date +%s)
run_oberig "$WORK/out" "$WORK/err" mail --format jsonl "$m/parts.eml" "$m/long-header.eml" "$m/deep.eml" "$m/random.eml" "$m/broken.eml"
[[ $status -eq 0 || $status -eq 1 ]] || fail "hostile messages: exit $status"
pass
jq_expect "$WORK/out" '.[-1].messages == 5'
jq_expect "$WORK/out" 'map(select(.type == "message" and (.source | endswith("parts.eml")))) | .[0].notices | length >= 1'
jq_expect "$WORK/out" 'map(select(.type == "message" and (.source | endswith("deep.eml")))) | .[0].notices | length >= 1'
(( $(date +%s) - start < 60 )) || fail "hostile messages took a minute or more"
pass
finish
