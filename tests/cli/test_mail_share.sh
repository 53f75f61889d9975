#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# oberig mail's indicators fit to share: addresses only (never a display
# name, never the recipient's), a look-alike IDN domain also in punycode,
# defanged in the human output and exact in JSONL, a brand's own sites,
# CDNs and tracking hosts kept out of the list and marked as context, and
# --export misp|stix: TLP marking, no recipient, read back by ioc import.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }
data="$(cd "$(dirname "$0")/../data/mail" && pwd)"
idn="$data/share-idn-lookalike.eml"
name_only="$data/share-name-only.eml"
recipients=(olena.petrenko@newsroom.example taras.bondar@newsroom.example Olena Petrenko Taras Bondar)

# JSONL: exact values, the punycode form beside the written one.
run_oberig "$WORK/out" "$WORK/err" mail --no-store --format jsonl "$idn"
expect_status 1 "the look-alike is flagged"
jq_expect "$WORK/out" '.[0].indicators[] | select(.kind == "domain" and .value == "gооgle.com") | .ascii == "xn--ggle-55da.com"'
jq_expect "$WORK/out" '.[0].indicators[] | select(.kind == "from") | .value == "no-reply@gооgle.com" and .ascii == "no-reply@xn--ggle-55da.com"'
jq_expect "$WORK/out" '.[0].indicators[] | select(.kind == "url" and (.value | startswith("https://gооgle.com"))) | .ascii == "https://xn--ggle-55da.com/signin?continue=mail"'
jq_expect "$WORK/out" '[.[0].indicators[] | select(.value == "accounts-check.online") | has("ascii")] == [false]'
# Context: marked, with its reason; what is to share has no mark.
jq_expect "$WORK/out" '.[0].indicators[] | select(.value == "www.gstatic.com") | .context == true and .context_reason == "cdn"'
jq_expect "$WORK/out" '.[0].indicators[] | select(.value == "d111abcdef8.cloudfront.net") | .context_reason == "cdn"'
jq_expect "$WORK/out" '.[0].indicators[] | select(.value == "newsroom.list-manage.com") | .context == true and .context_reason == "tracking"'
jq_expect "$WORK/out" '.[0].indicators[] | select(.value == "policies.google.com") | .context == true and .context_reason == "brand-domain"'
jq_expect "$WORK/out" '[.[0].indicators[] | select(.value == "gооgle.com" or .value == "accounts-check.online") | has("context")] == [false, false]'
# Never the recipients': not the link that carries her address, not To or Cc.
for r in "${recipients[@]}"; do
  jq_expect "$WORK/out" "[.[0].indicators[] | tostring | contains(\"$r\")] | any | not"
done
jq_expect "$WORK/out" '[.[0].indicators[] | select(.kind == "url" and (.value | contains("accounts-check")))] | length == 0'

# Human output: defanged, both forms, context left out.
run_oberig "$WORK/out" "$WORK/err" mail --no-store "$idn"
expect_contains "$WORK/out" "hxxps://gооgle[.]com/signin?continue=mail  (ASCII: hxxps://xn--ggle-55da[.]com/signin?continue=mail)"
expect_contains "$WORK/out" "no-reply@gооgle[.]com  (ASCII: no-reply@xn--ggle-55da[.]com)"
expect_contains "$WORK/out" "accounts-check[.]online"
expect_not_contains "$WORK/out" "https://gооgle.com"
for host in gstatic cloudfront list-manage policies.google; do
  sed -n '/to share with your helpline/,/what to do now/p' "$WORK/out" > "$WORK/list"
  expect_not_contains "$WORK/list" "$host"
done
run_oberig "$WORK/out" "$WORK/err" mail --no-store --lang uk "$idn"
expect_contains "$WORK/out" "(запис ASCII: hxxps://xn--ggle-55da[.]com/signin?continue=mail)"
expect_not_contains "$WORK/out" "to share with your helpline"
LANG=uk_UA.UTF-8 LC_ALL=uk_UA.UTF-8 "$OBERIG" mail --no-store "$idn" > "$WORK/out.lc" 2>/dev/null || true
expect_contains "$WORK/out.lc" "(запис ASCII: no-reply@xn--ggle-55da[.]com)"

# JSONL is the same in both languages but for the human-language fields.
"$OBERIG" mail --no-store --format jsonl --lang en "$idn" > "$WORK/en.jsonl" || true
"$OBERIG" mail --no-store --format jsonl --lang uk "$idn" > "$WORK/uk.jsonl" || true
strip='del(.reasons[]?.explanation, .advice, .seconds) | del(.summary)'
diff <(jq -cS "$strip" "$WORK/en.jsonl") <(jq -cS "$strip" "$WORK/uk.jsonl") >&2 || fail "JSONL differs between languages"
pass

# A sender with a name and no address, a reply address without a domain:
# no "from" or "reply-to" indicator, the rest defanged; the attachment's hash.
run_oberig "$WORK/out" "$WORK/err" mail --no-store --format jsonl "$name_only"
expect_status 1 "the parcel lure is flagged"
jq_expect "$WORK/out" '[.[0].indicators[] | select(.kind == "from" or .kind == "reply-to")] | length == 0'
jq_expect "$WORK/out" '[.[0].indicators[].value | select(test("Ukrposhta Support|^support$|Служба"))] | length == 0'
jq_expect "$WORK/out" '.[0].indicators[] | select(.kind == "attachment") | .value == "invoice.zip" and (.sha256 | length) == 64'
run_oberig "$WORK/out" "$WORK/err" mail --no-store "$name_only"
expect_contains "$WORK/out" "hxxps://docs-view[.]online/ukrposhta/pay"
expect_contains "$WORK/out" "hxxp://203.0.113[.]9/pay"
expect_contains "$WORK/out" "203.0.113[.]9"
expect_contains "$WORK/out" "invoice.zip  sha256 8739c76e681f900923b900c9df0ef75cf421d39cabb54650c4b9ad19b6a76d85"
sed -n '/to share with your helpline/,/what to do now/p' "$WORK/out" > "$WORK/list"
expect_not_contains "$WORK/list" "Ukrposhta Support"

# Export: one MISP event, TLP:AMBER by default, no recipient anywhere, the
# subject and date in each comment; the JSONL results stay on -o.
run_oberig "$WORK/event.json" "$WORK/err" mail --no-store --export misp "$idn" "$name_only"
expect_status 1 "export of flagged messages"
jq_expect "$WORK/event.json" '.[0].response | length == 1'
jq_expect "$WORK/event.json" '[.[0].response[0].Event.Tag[].name] | index("tlp:amber") != null'
jq_expect "$WORK/event.json" '[.[0].response[0].Event.Attribute[] | [.type, .value]] | any(. == ["domain", "xn--ggle-55da.com"])'
jq_expect "$WORK/event.json" '[.[0].response[0].Event.Attribute[] | [.type, .value]] | any(. == ["email-src", "no-reply@xn--ggle-55da.com"])'
jq_expect "$WORK/event.json" '[.[0].response[0].Event.Attribute[] | [.type, .value]] | any(. == ["ip-dst", "203.0.113.9"])'
jq_expect "$WORK/event.json" '[.[0].response[0].Event.Attribute[] | select(.type == "sha256") | .comment | contains("invoice.zip")] == [true]'
jq_expect "$WORK/event.json" '[.[0].response[0].Event.Attribute[] | .comment | contains("Subject: Security alert") or contains("Subject: Ваша посилка")] | all'
jq_expect "$WORK/event.json" '[.[0].response[0].Event.Attribute[].value | select(test("gstatic|cloudfront|list-manage|google\\.com"))] | length == 0'
for r in "${recipients[@]}"; do expect_not_contains "$WORK/event.json" "$r"; done

# A recipient's name in the subject is left out of the comment.
sed -e 's/^Subject: .*/Subject: Olena, verify your account/' "$idn" > "$WORK/named.eml"
run_oberig "$WORK/event2.json" "$WORK/err" mail --no-store --export misp "$WORK/named.eml"
jq_expect "$WORK/event2.json" '[.[0].response[0].Event.Attribute[].comment | contains("Subject: [recipient], verify your account")] | all'
for r in "${recipients[@]}"; do expect_not_contains "$WORK/event2.json" "$r"; done

# STIX 2.1, TLP:AMBER+STRICT, to a file while the results go to standard output.
run_oberig "$WORK/out" "$WORK/err" mail --no-store --format jsonl --export stix --tlp amber+strict \
  --export-file "$WORK/bundle.json" "$idn" "$name_only"
expect_status 1 "stix export"
jq_expect "$WORK/out" 'length == 3 and .[0].verdict == "phishing"'
jq_expect "$WORK/bundle.json" '.[0].type == "bundle"'
jq_expect "$WORK/bundle.json" '[.[0].objects[] | select(.type == "marking-definition") | .name] == ["TLP:AMBER+STRICT"]'
jq_expect "$WORK/bundle.json" '[.[0].objects[] | select(.type == "indicator") | .object_marking_refs == ["marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"]] | all'
jq_expect "$WORK/bundle.json" '[.[0].objects[] | select(.type == "indicator") | .pattern] | any(contains("xn--ggle-55da.com"))'
for r in "${recipients[@]}"; do expect_not_contains "$WORK/bundle.json" "$r"; done
run_oberig "$WORK/out" "$WORK/err" mail --no-store --export stix --tlp green "$idn"
jq_expect "$WORK/out" '[.[0].objects[] | select(.type == "marking-definition") | .definition.tlp] == ["green"]'

# Both read back by oberig ioc import into a fresh store.
for doc in event.json bundle.json; do
  rm -f "$WORK/fresh.db"
  run_oberig "$WORK/out" "$WORK/err" ioc import --db "$WORK/fresh.db" "$WORK/$doc"
  expect_status 0 "import of $doc"
  run_oberig "$WORK/list.jsonl" "$WORK/err" ioc list --db "$WORK/fresh.db" --format jsonl
  jq_expect "$WORK/list.jsonl" '[.[] | select(.type == "indicator") | .value] | (index("xn--ggle-55da.com") != null) and (index("no-reply@xn--ggle-55da.com") != null) and (index("https://docs-view.online/ukrposhta/pay") != null) and (index("8739c76e681f900923b900c9df0ef75cf421d39cabb54650c4b9ad19b6a76d85") != null)'
done

# Usage errors, English and Ukrainian.
run_oberig "$WORK/out" "$WORK/err" mail --no-store --export csv "$idn"
expect_status 2 "csv is not a mail export"
expect_contains "$WORK/err" "--export: 'csv' is not misp or stix"
run_oberig "$WORK/out" "$WORK/err" mail --no-store --lang uk --tlp red "$idn"
expect_status 2 "--tlp without --export"
expect_contains "$WORK/err" "працюють лише разом із --export"
run_oberig "$WORK/out" "$WORK/err" mail --no-store --export misp --tlp purple "$idn"
expect_status 2 "an unknown TLP level"
expect_contains "$WORK/err" "'purple' is not a TLP level"
finish
