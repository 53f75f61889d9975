#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The real MVT indicator collection: importing the folder (indicators.yaml
# and its STIX bundles) gives, per type, exactly the number of distinct
# indicators in those bundles, counted here independently with jq and awk,
# and every bundle's malware or index entry name becomes a campaign.
source "$(dirname "$0")/lib.sh"
mvt="$ROOT/../shared/data/mvt-indicators"
if [[ ! -f "$mvt/indicators.yaml" ]]; then
  echo "skip: $mvt is absent (shared data is not in this checkout)"
  exit 77
fi
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }

# Independent count: every pattern in every bundle is a single comparison
# [object-path = 'value'] (checked below); map the path to oberig's type
# name and count distinct values, hashes and host names without case.
find "$mvt" -name '*.stix2' -print0 | xargs -0 jq -r '.objects[] | select(.type == "indicator") | .pattern' \
  > "$WORK/patterns"
total=$(wc -l < "$WORK/patterns")
simple=$(grep -cE "^\[[a-z0-9-]+:[A-Za-z0-9.'_-]+ ?= ?'[^']*'\]$" "$WORK/patterns" || true)
[[ $total -gt 1000 && $simple -eq $total ]] || fail "expected only simple patterns, got $simple of $total"
pass
sed -E "s/^\[([^ =]+) ?= ?'(.*)'\]$/\1\t\2/" "$WORK/patterns" | awk -F'\t' '
  BEGIN {
    t["domain-name:value"] = "domain"; t["url:value"] = "url"; t["email-addr:value"] = "email"
    t["ipv4-addr:value"] = "ipv4"; t["ipv6-addr:value"] = "ipv6"; t["file:name"] = "file-name"
    t["file:path"] = "file-path"; t["file:hashes.sha256"] = "sha256"; t["file:hashes.'"'"'SHA-256'"'"'"] = "sha256"
    t["file:hashes.md5"] = "md5"; t["file:hashes.sha1"] = "sha1"; t["process:name"] = "process-name"
    t["app:id"] = "app-id"; t["app:cert.sha256"] = "app-cert-sha256"
    t["configuration-profile:id"] = "configuration-profile-id"
  }
  {
    type = t[$1]; if (type == "") { print "unmapped " $1 > "/dev/stderr"; exit 1 }
    value = $2
    if (type ~ /^(domain|email|sha256|md5|sha1|app-cert-sha256)$/) value = tolower(value)
    sub(/\.+$/, "", value)
    seen[type "\t" value] = 1
  }
  END { for (k in seen) { split(k, p, "\t"); n[p[1]]++ } for (k in n) print k "\t" n[k] }' \
  | sort > "$WORK/expected"

run_oberig "$WORK/out" "$WORK/err" ioc import --format jsonl "$mvt"
expect_status 0 "import of the MVT collection"
jq_expect "$WORK/out" '.[0].invalid == 0 and .[0].unsupported == 0'
run_oberig "$WORK/stats" "$WORK/err" ioc stats --format jsonl
expect_status 0 "stats"
jq -r '.by_type | to_entries[] | "\(.key)\t\(.value)"' "$WORK/stats" | sort > "$WORK/got"
diff -u "$WORK/expected" "$WORK/got" >&2 || fail "ioc stats differs from the bundles"
pass
# Campaigns: the index names its entries; every bundle present has one.
jq_expect "$WORK/stats" '.[0].by_campaign["Predator Spyware Indicators of Compromise"] > 500'
jq_expect "$WORK/stats" '.[0].by_campaign | has("(none)") | not'
jq_expect "$WORK/out" '.[0].missing_files >= 1 and (.[0].notes | any(startswith("missing:")))'
# Importing again adds nothing and keeps one provenance per indicator.
run_oberig "$WORK/out" "$WORK/err" ioc import --format jsonl "$mvt"
jq_expect "$WORK/out" '.[0].added == 0'
run_oberig "$WORK/stats2" "$WORK/err" ioc stats --format jsonl
jq_expect "$WORK/stats2" '.[0].indicators == .[0].provenances'
finish
