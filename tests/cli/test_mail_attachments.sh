#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# oberig mail on disguised attachments: each piece of evidence is scored
# once, whichever route scans the attachment (no store, --iocs, a store,
# --rules), and text that merely starts with "MZ" is not called a program.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }

m="$WORK/mail"
mkdir -p "$m"

# A DOS header with a PE header behind it: libmagic calls it a program.
{ printf 'MZ\220\000'; head -c 56 /dev/zero; printf '\100\000\000\000'
  printf 'PE\000\000\114\001\001\000'; head -c 12 /dev/zero; printf '\340\000\002\001\013\001'
  head -c 66 /dev/zero; printf '\002\000'; head -c 154 /dev/zero; } > "$m/program.bin"
printf 'MZ notes: the meeting moved to Thursday; bring the draft.\n' > "$m/mz-notes.txt"
printf 'Plain notes from the meeting.\n' > "$m/notes.txt"
mail_with_attachment "$m/rtlo.eml" 'notes%E2%80%AEfdp.txt' "$m/notes.txt"
mail_with_attachment "$m/double.eml" 'invoice.pdf.exe' "$m/program.bin"
mail_with_attachment "$m/disguised.eml" 'scan.pdf' "$m/program.bin"
mail_with_attachment "$m/mz-text.eml" 'mz-notes.txt' "$m/mz-notes.txt"
messages=("$m/rtlo.eml" "$m/double.eml" "$m/disguised.eml" "$m/mz-text.eml")

# Each route's verdicts, scores and reasons, in message order.
outcome() { jq -c 'select(.type == "message") | [.source, .verdict, .score,
                    [.reasons[] | [.signal, .score]]]' "$1"; }

run_oberig "$WORK/plain.jsonl" "$WORK/err" mail --no-store --format jsonl "${messages[@]}"
expect_status 1 "no store"
run_oberig "$WORK/iocs.jsonl" "$WORK/err" mail --no-store --iocs "$ROOT/examples/iocs" \
  --format jsonl "${messages[@]}"
expect_status 1 "--iocs"
printf 'type,value,description\ndomain,unrelated.example,a domain none of the messages names\n' > "$m/feed.csv"
run_oberig "$WORK/out" "$WORK/err" ioc import --db "$WORK/i.db" "$m/feed.csv"
expect_status 0 "store"
run_oberig "$WORK/store.jsonl" "$WORK/err" mail --db "$WORK/i.db" --format jsonl "${messages[@]}"
expect_status 1 "a store"
run_oberig "$WORK/rules.jsonl" "$WORK/err" mail --no-store --rules "$ROOT/examples/rules" \
  --format jsonl "${messages[@]}"
expect_status 1 "--rules"

# The same verdict, score and reasons whichever way the attachment was scanned.
outcome "$WORK/plain.jsonl" > "$WORK/plain.outcome"
for route in iocs store rules; do
  outcome "$WORK/$route.jsonl" > "$WORK/$route.outcome"
  diff "$WORK/plain.outcome" "$WORK/$route.outcome" >&2 || fail "--no-store and $route differ"
  pass
done

# One reason per piece of evidence, with mail's ids and scores.
for route in plain iocs store rules; do
  out="$WORK/$route.jsonl"
  jq_expect "$out" 'map(select(.type == "message")) | all([.reasons[].signal] | length == (unique | length))'
  jq_expect "$out" 'map(select(.type == "message" and (.source | endswith("/rtlo.eml")))) | .[0]
                    | [.reasons[] | select(.signal | startswith("attachment-")) | [.signal, .score]]
                    == [["attachment-rtlo", 60]]'
  jq_expect "$out" 'map(select(.type == "message" and (.source | endswith("/double.eml")))) | .[0]
                    | [.reasons[] | select(.signal | startswith("attachment-")) | [.signal, .score]] | sort
                    == [["attachment-double-extension", 50], ["attachment-program", 60]]'
  jq_expect "$out" 'map(select(.type == "message" and (.source | endswith("/disguised.eml")))) | .[0]
                    | [.reasons[] | select(.signal | startswith("attachment-")) | [.signal, .score]]
                    == [["attachment-disguised-program", 60]]'
  # "MZ notes: ..." is text: not a Windows program, whatever its first two letters.
  jq_expect "$out" 'map(select(.type == "message" and (.source | endswith("/mz-text.eml")))) | .[0]
                    | [.reasons[] | select(.signal | startswith("attachment-"))] == []'
  # The hashes shared for each attachment are those of its content.
  sha=$(sha256sum < "$m/program.bin" | cut -d' ' -f1)
  md5=$(md5sum < "$m/program.bin" | cut -d' ' -f1)
  jq_expect "$out" 'map(select(.type == "message" and (.source | endswith("/disguised.eml")))) | .[0].indicators
                    | any(.kind == "attachment" and .value == "scan.pdf" and .sha256 == "'"$sha"'" and .md5 == "'"$md5"'")'
done

# Known malware: each attachment the engine knows counts once, and its
# disguise once more, not again inside the engine's own score.
eicar='X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'
printf '%s' "$eicar" > "$m/eicar.bin"
mail_with_attachment "$m/eicar-double.eml" 'invoice.pdf.exe' "$m/eicar.bin"
{ sed '$d' "$m/eicar-double.eml"
  printf -- '--b1\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename="notes.bin"\nContent-Transfer-Encoding: base64\n\n'
  base64 < "$m/eicar.bin"; printf -- '--b1--\n'; } > "$m/eicar-two.eml"
run_oberig "$WORK/out" "$WORK/err" mail --no-store --rules "$ROOT/examples/rules" --format jsonl "$m/eicar-two.eml"
expect_status 1 "known malware"
jq_expect "$WORK/out" '.[0].reasons | map(select(.signal | startswith("attachment-"))) | map([.signal, .score]) | sort
                       == [["attachment-double-extension", 50], ["attachment-known-malware", 100],
                           ["attachment-known-malware", 100], ["attachment-program", 60]]'
jq_expect "$WORK/out" '[.[0].reasons[] | select(.signal == "attachment-known-malware") | .evidence]
                       | map(split(":")[0]) | sort == ["invoice.pdf.exe", "notes.bin"]'
# The advice is what a malicious attachment calls for, once, instead of the
# verdict's general advice.
jq_expect "$WORK/out" '.[0].threat == "malicious-attachment" and .[0].advice_ids == ["mail-opened-malware"]'
jq_expect "$WORK/out" '.[0].advice | startswith("Do not open the attachment")
                       and (split("may be compromised") | length == 2)
                       and (contains("This looks like phishing") | not)'

# The store: an indicator counts once however often it matches (sender and
# reply address alike, listed by two sources); another indicator counts too.
cat > "$m/store.eml" <<'EOF'
From: Desk <desk@evil.example>
Reply-To: desk@evil.example
To: olena@example.org
Subject: hello
Message-ID: <store-1@evil.example>
Content-Type: text/plain; charset=utf-8

Hello.
EOF
printf 'type,value,description\nemail,desk@evil.example,a desk address\n' > "$m/first.csv"
printf 'type,value,description\nemail,desk@evil.example,the same address\ndomain,evil.example,its domain\n' > "$m/second.csv"
run_oberig "$WORK/out" "$WORK/err" ioc import --db "$WORK/s.db" "$m/first.csv"
expect_status 0 "first source"
run_oberig "$WORK/out" "$WORK/err" ioc import --db "$WORK/s.db" "$m/second.csv"
expect_status 0 "second source"
run_oberig "$WORK/out" "$WORK/err" mail --db "$WORK/s.db" --format jsonl "$m/store.eml"
expect_status 1 "store matches"
jq_expect "$WORK/out" '[.[0].reasons[] | select(.signal == "indicator-match") | [.evidence, .score]] | sort
                       == [["domain indicator '"'"'evil.example'"'"'", 100], ["email indicator '"'"'desk@evil.example'"'"'", 100]]'
jq_expect "$WORK/out" '.[0].advice | startswith("This message belongs to a known targeted attack")
                       and contains("This is urgent") and (contains("compromised") | not)'
jq_expect "$WORK/out" '.[0].threat == "targeted-attack" and .[0].advice_ids[0] == "mail-known-attack"'
# Under --lang uk the same choice, in Ukrainian.
run_oberig "$WORK/out" "$WORK/err" --lang uk mail --db "$WORK/s.db" --format jsonl "$m/store.eml"
jq_expect "$WORK/out" '.[0].threat == "targeted-attack" and (.[0].advice | startswith("Цей лист — частина відомої цільової атаки"))'
finish
