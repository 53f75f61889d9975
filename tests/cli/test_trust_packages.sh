#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# oberig scan --trust-packages (issue #12) on a small fake dpkg root built
# here: a package file that matches a YARA rule is not matched while its MD5
# is the package's, and is once it differs or without the option; a hash
# indicator of it still matches; a configuration file and a file outside
# the root are never trusted; merged /usr is followed; no dpkg database is
# an error; the summary says how many files were trusted, in English, in
# Ukrainian and in JSON lines.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed (scripts/install-deps.sh)"; exit 77; }

R=$WORK/root
info=$R/var/lib/dpkg/info
mkdir -p "$info" "$R/usr/bin" "$R/usr/share/tool" "$R/etc"
ln -s usr/bin "$R/bin" # merged /usr: the package lists bin/, the file is in usr/bin
marker='OBERIG-TRUST-TEST-MARKER'
printf '#!/bin/sh\n# %s\necho tool\n' "$marker" >"$R/usr/bin/tool"
printf '#!/bin/sh\n# %s\necho legacy\n' "$marker" >"$R/usr/bin/legacy"
printf 'setting = 1\n# %s\n' "$marker" >"$R/etc/tool.conf"
printf 'plain data\n' >"$R/usr/share/tool/data"
sum() { md5sum "$R/$1" | cut -d' ' -f1; }
cat >"$R/var/lib/dpkg/status" <<STATUS
Package: tool
Status: install ok installed
Architecture: amd64
Version: 1.0
Conffiles:
 /etc/tool.conf $(sum etc/tool.conf)
Description: a tool
STATUS
{
  echo "$(sum usr/bin/tool)  usr/bin/tool"
  echo "$(sum usr/bin/legacy)  bin/legacy"
  echo "$(sum usr/share/tool/data)  usr/share/tool/data"
  # A conffile in md5sums too: the status file's word wins, never trusted.
  echo "$(sum etc/tool.conf)  etc/tool.conf"
} >"$info/tool.md5sums"
echo /usr/bin/tool >"$info/tool.list"

cat >"$WORK/marker.yar" <<'RULE'
rule Trust_Test_Marker
{
    meta:
        description = "the marker of the trust-packages test"
        score = 100
    strings:
        $marker = "OBERIG-TRUST-TEST-MARKER"
    condition:
        $marker
}
RULE

scan() { run_oberig "$WORK/out" "$WORK/err" scan -q --no-store -r "$WORK/marker.yar" "$@"; }
findings() { jq -r 'select(.type == "finding") | .path' "$WORK/out" | sort | tr '\n' ' '; }

# 1. Without the option, the rule fires on the three files that carry the marker.
scan --format jsonl "$R/usr" "$R/etc"
expect_status 1 "without --trust-packages"
[[ $(findings) == "$R/etc/tool.conf $R/usr/bin/legacy $R/usr/bin/tool " ]] || fail "findings: $(findings)"
pass
jq_expect "$WORK/out" 'last | .skipped.package_verified == 0'

# 2. Trusted: unchanged package files are not matched, the conffile is.
scan --format jsonl --trust-packages="$R" "$R/usr" "$R/etc"
expect_status 1 "the configuration file still matches"
[[ $(findings) == "$R/etc/tool.conf " ]] || fail "trusted findings: $(findings)"
pass
jq_expect "$WORK/out" 'last | .type == "summary" and .skipped.package_verified == 3 and .files == 4'

# The human summary says so; one file alone takes the singular.
scan --trust-packages="$R" "$R/usr/bin/tool"
expect_status 0 "one trusted file"
expect_contains "$WORK/out" "            1 file verified unchanged against its package, not matched against rules (--trust-packages)"
expect_not_contains "$WORK/out" "Trust_Test_Marker"
scan --trust-packages="$R" "$R/usr/bin"
expect_contains "$WORK/out" "            2 files verified unchanged against their packages, not matched against rules (--trust-packages)"
# Without the option the line is not there.
scan "$R/usr/share"
expect_not_contains "$WORK/out" "verified unchanged"

# 3. A path reached through the root's link is the same file.
scan --format jsonl --trust-packages="$R" "$R/bin/legacy"
expect_status 0 "through the bin link"
jq_expect "$WORK/out" 'last | .skipped.package_verified == 1'

# 4. A hash indicator of a trusted file still matches.
mkdir -p "$WORK/iocs"
echo "$(sum usr/bin/tool);100;known bad tool" >"$WORK/iocs/hash-iocs.txt"
scan --format jsonl --trust-packages="$R" -i "$WORK/iocs" "$R/usr/bin/tool"
expect_status 1 "a hash indicator of a trusted file"
jq_expect "$WORK/out" '(map(select(.type == "finding")) | length == 1 and (.[0].reasons | map(.signal) == ["hash"])) and (last | .skipped.package_verified == 1)'

# 5. Changed content is not trusted: the rule fires.
printf '# changed\n' >>"$R/usr/bin/tool"
scan --format jsonl --trust-packages="$R" "$R/usr/bin"
expect_status 1 "a changed package file"
[[ $(findings) == "$R/usr/bin/tool " ]] || fail "changed findings: $(findings)"
pass
jq_expect "$WORK/out" 'last | .skipped.package_verified == 1'

# 6. Files outside the package root are never trusted (a copy of the root).
cp -a "$R" "$WORK/copy"
scan --format jsonl --trust-packages="$R" "$WORK/copy/usr/bin/legacy"
expect_status 1 "a file outside the root"
jq_expect "$WORK/out" 'last | .skipped.package_verified == 0'

# 7. No dpkg database, an empty root: errors, exit 2.
mkdir "$WORK/empty"
scan --trust-packages="$WORK/empty" "$R/usr"
expect_status 2 "no dpkg database"
expect_contains "$WORK/err" "no dpkg database under '$WORK/empty'"
scan --trust-packages= "$R/usr"
expect_status 2 "an empty root"
expect_contains "$WORK/err" "--trust-packages: the root folder is empty"

# 8. Ukrainian, by --lang and by the locale; JSON lines equal but for the
# human-language fields.
english=("verified unchanged" "not matched against rules" "summary" "What now:")
for how in flag locale; do
  if [[ $how == flag ]]; then
    run_oberig "$WORK/uk" "$WORK/err" --lang uk scan --no-store -r "$WORK/marker.yar" --trust-packages="$R" "$R/usr/bin"
  else
    status=0
    env -i "${OB_SANITIZER_ENV[@]}" "PATH=$PATH" "OBERIG_DB=$OBERIG_DB" LANG=uk_UA.UTF-8 "$OBERIG" scan --no-store \
      -r "$WORK/marker.yar" --trust-packages="$R" "$R/usr/bin" >"$WORK/uk" 2>"$WORK/err" || status=$?
  fi
  expect_status 1 "Ukrainian ($how)"
  expect_contains "$WORK/uk" "1 файл перевірено"
  expect_contains "$WORK/err" "файли встановлених пакунків"
  for sentence in "${english[@]}"; do
    expect_not_contains "$WORK/uk" "$sentence"
    expect_not_contains "$WORK/err" "$sentence"
  done
done
machine='map(del(.seconds, .yara_reused) | if .reasons then .reasons |= map(del(.description)) else . end)'
for lang in en uk; do
  run_oberig "$WORK/jsonl_$lang" "$WORK/err" --lang "$lang" scan -q --no-store -r "$WORK/marker.yar" \
    --trust-packages="$R" --format jsonl -t 1 "$R/usr/bin"
  expect_status 1 "jsonl ($lang)"
done
[[ $(jq -sc "$machine" "$WORK/jsonl_en") == "$(jq -sc "$machine" "$WORK/jsonl_uk")" ]] ||
  fail "JSON lines differ between English and Ukrainian beyond the descriptions"
pass
jq_expect "$WORK/jsonl_uk" 'last | .skipped.package_verified == 1'

finish
