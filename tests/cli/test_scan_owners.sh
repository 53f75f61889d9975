#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# File owners (the YARA external variable "owner") are named from the
# scanned system's own etc/passwd, read as a file: a folder holding
# etc/passwd is a system root whose names win over this machine's, and the
# scan opens no socket of any family (no nscd, LDAP or SSSD through NSS).
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed (scripts/install-deps.sh)"; exit 77; }

me=$(id -u)
R=$WORK/mounted
mkdir -p "$R/etc" "$R/home/olena"
{
  printf 'someoneelse:x:%s:0::/:/bin/sh\n' $((me + 4242))
  printf 'this line is malformed\n'
  printf 'broken:x:notanumber:0::/:/bin/sh\n'
  printf '%s\n' "long:x:$(printf '9%.0s' {1..5000}):0::/:/bin/sh"
  printf 'mountedowner:x:%s:%s::/home/olena:/bin/bash\n' "$me" "$me"
  printf 'second:x:%s:%s::/:/bin/sh\n' "$me" "$me"
} >"$R/etc/passwd"
printf 'OBERIG-OWNER-TEST-MARKER\n' >"$R/home/olena/note.txt"
cat >"$WORK/owner.yar" <<'RULE'
rule Owner_Is_Mounted
{
    meta:
        score = 80
    strings:
        $marker = "OBERIG-OWNER-TEST-MARKER"
    condition:
        $marker and owner == "mountedowner"
}
RULE

# The mounted system's name for our uid, from its etc/passwd (first line wins).
run_oberig "$WORK/out.jsonl" "$WORK/err" scan --format jsonl --no-store --rules "$WORK/owner.yar" "$R"
jq_expect "$WORK/out.jsonl" 'map(select(.type == "finding") | .reasons[]?.name) | index("Owner_Is_Mounted") != null'

# A folder that is no system root gets this machine's name, not the mounted one.
mkdir -p "$WORK/plain"
cp "$R/home/olena/note.txt" "$WORK/plain/"
run_oberig "$WORK/plain.jsonl" "$WORK/err" scan --format jsonl --no-store --rules "$WORK/owner.yar" "$WORK/plain"
expect_not_contains "$WORK/plain.jsonl" Owner_Is_Mounted

# No socket of any family, not even AF_UNIX to nscd.
if command -v strace >/dev/null; then
  strace -f -qq -e trace=socket,connect -o "$WORK/trace" \
    "$OBERIG" scan --no-store --rules "$WORK/owner.yar" "$WORK/plain" >/dev/null 2>&1 || true
  [[ -s $WORK/trace || -f $WORK/trace ]] || fail "strace wrote no trace"
  if grep -E 'socket\(|connect\(' "$WORK/trace"; then fail "oberig scan opened a socket"; fi
  pass
else
  echo "note: strace is not installed (scripts/install-deps.sh): the socket check is skipped"
fi
finish
