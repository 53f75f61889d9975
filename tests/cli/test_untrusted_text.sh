#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Text from outside (file names, paths, option values) never reaches the
# terminal raw: an IOC list whose name holds an escape sequence, missing
# paths and bad values that hold one, through scan, mail and ioc import, in
# human output without colour. The escaped form is shown instead.
source "$(dirname "$0")/lib.sh"

esc=$'\033'
iocs="$WORK/iocs"
mkdir -p "$iocs" "$WORK/tree"
eicar() { printf '%s%s' 'X5O!P%@AP[4\PZX54(P^)7CC)7}$' 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'; }
eicar > "$WORK/tree/sample.com"
md5=$(md5sum "$WORK/tree/sample.com" | cut -d' ' -f1)
# A malformed line (a warning names the file) and a hash that matches (the
# finding names the file as its source).
printf 'not a hash\n%s;test file\n' "$md5" > "$iocs/hash-iocs-${esc}[31mRED.txt"
cat > "$WORK/message.eml" <<'MAIL'
From: Taras <taras@example.org>
To: olena@example.org
Subject: notes
Message-ID: <notes-1@example.org>

See you on Thursday.
MAIL

# no_raw_escape LABEL: neither stdout nor stderr of the last run holds ESC.
no_raw_escape() {
  local file
  for file in "$WORK/out" "$WORK/err"; do
    if LC_ALL=C grep -qF -- "$esc" "$file"; then
      cat -v "$file" >&2
      fail "raw ESC byte in $(basename "$file") of $1"
    fi
  done
  pass
}

run_oberig "$WORK/out" "$WORK/err" scan --color never --quiet --no-store --iocs "$iocs" "$WORK/tree"
expect_status 1 "scan: the hash from the list is found"
no_raw_escape "scan"
expect_contains "$WORK/err" 'hash-iocs-\u{001b}[31mRED.txt:1'
expect_contains "$WORK/out" 'hash-iocs-\u{001b}[31mRED.txt:2'

run_oberig "$WORK/out" "$WORK/err" mail --color never --no-store --iocs "$iocs" "$WORK/message.eml"
expect_status 0 "mail: an ordinary message"
no_raw_escape "mail"
expect_contains "$WORK/err" 'hash-iocs-\u{001b}[31mRED.txt:1'

run_oberig "$WORK/out" "$WORK/err" ioc import --db "$WORK/i.db" "$iocs"
expect_status 0 "ioc import"
no_raw_escape "ioc import"
expect_contains "$WORK/err" 'hash-iocs-\u{001b}[31mRED.txt:1'

# Failures that quote what was given: each command's own error message.
missing="$WORK/missing-${esc}[31mRED"
run_oberig "$WORK/out" "$WORK/err" scan --color never --no-store --iocs "$missing" "$WORK/tree"
expect_status 2 "scan: a missing --iocs folder"
no_raw_escape "scan with a missing --iocs folder"
expect_contains "$WORK/err" 'oberig scan: '
expect_contains "$WORK/err" 'missing-\u{001b}[31mRED'

run_oberig "$WORK/out" "$WORK/err" mail --color never --no-store --iocs "$missing" "$WORK/message.eml"
expect_status 2 "mail: a missing --iocs folder"
no_raw_escape "mail with a missing --iocs folder"
expect_contains "$WORK/err" 'oberig mail: '
expect_contains "$WORK/err" 'missing-\u{001b}[31mRED'

run_oberig "$WORK/out" "$WORK/err" ioc import --db "$WORK/i.db" "$missing"
expect_status 2 "ioc import: a missing folder"
no_raw_escape "ioc import of a missing folder"
expect_contains "$WORK/err" 'oberig ioc: '
expect_contains "$WORK/err" 'missing-\u{001b}[31mRED'

run_oberig "$WORK/out" "$WORK/err" scan --color never --db "$missing.db" "$WORK/tree"
expect_status 2 "scan: a missing --db"
no_raw_escape "scan with a missing --db"
expect_contains "$WORK/err" 'missing-\u{001b}[31mRED.db'

run_oberig "$WORK/out" "$WORK/err" mail --color never --db "$missing.db" "$WORK/message.eml"
expect_status 2 "mail: a missing --db"
no_raw_escape "mail with a missing --db"

run_oberig "$WORK/out" "$WORK/err" mail --color never --no-store "$missing.eml"
expect_status 2 "mail: a missing message"
no_raw_escape "mail with a missing message"

run_oberig "$WORK/out" "$WORK/err" scan --color never --output "$missing/out.txt" "$WORK/tree"
expect_status 2 "scan: an --output that cannot be written"
no_raw_escape "scan with an --output that cannot be written"

# Usage errors quote the bad value, escaped.
run_oberig "$WORK/out" "$WORK/err" scan --max-size "${esc}[31m" "$WORK/tree"
expect_status 2 "scan: a bad --max-size"
no_raw_escape "scan with a bad --max-size"
expect_contains "$WORK/err" "'\\u{001b}[31m' is not a size"

run_oberig "$WORK/out" "$WORK/err" mail --format "${esc}[31m" "$WORK/message.eml"
expect_status 2 "mail: a bad --format"
no_raw_escape "mail with a bad --format"

run_oberig "$WORK/out" "$WORK/err" ioc list --type "${esc}[31m"
expect_status 2 "ioc: a bad --type"
no_raw_escape "ioc list with a bad --type"

run_oberig "$WORK/out" "$WORK/err" "${esc}[31m"
expect_status 2 "an unknown command"
no_raw_escape "an unknown command"
finish
