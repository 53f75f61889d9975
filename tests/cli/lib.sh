# SPDX-License-Identifier: Apache-2.0
# Helpers for the end-to-end tests: each test script gets the oberig binary
# as $1 and runs in its own temporary folder, removed on exit.
set -euo pipefail
shopt -s extglob
OBERIG=${1:?usage: test.sh PATH_TO_OBERIG}
ROOT=${OB_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
WORK=$(mktemp -d /tmp/oberig-cli-XXXXXX)
trap 'chmod -R u+rwx "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
# Never read or write the indicator store of whoever runs the tests.
export OBERIG_DB="$WORK/indicators.db"
unset XDG_DATA_HOME
# Nor its compiled-rules cache.
export XDG_CACHE_HOME="$WORK/cache"
# The sanitizers' settings, for a run in a clean environment (env -i
# "${OB_SANITIZER_ENV[@]}" ...): without them a TSan build reports glibc's
# known races that the suppressions file names.
OB_SANITIZER_ENV=()
for variable in TSAN_OPTIONS ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; do
  [[ -n ${!variable:-} ]] && OB_SANITIZER_ENV+=("$variable=${!variable}")
done
checks=0

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { checks=$((checks + 1)); }
# run_oberig OUT ERR args... : runs oberig, stores the exit status in $status
run_oberig() {
  local out=$1 err=$2; shift 2
  last_err=$err
  status=0
  "$OBERIG" "$@" >"$out" 2>"$err" || status=$?
}
expect_status() {
  if [[ $status -ne $1 ]]; then
    [[ -n ${last_err:-} && -f $last_err ]] && tail -n 40 "$last_err" >&2
    fail "expected exit $1, got $status ($2)"
  fi
  pass
}
expect_contains() { grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "'$2' not in $1"; }; pass; }
expect_not_contains() {
  grep -qF -- "$2" "$1" || { pass; return; }
  grep -F -- "$2" "$1" | head -n 5 >&2
  fail "'$2' unexpectedly in $1"
}
# jq_expect FILE FILTER : the jq filter must print true
jq_expect() {
  local got
  got=$(jq -s "$2" "$1") || fail "jq failed on $1 for $2"
  [[ $got == true ]] || { cat "$1" >&2; fail "jq '$2' gave $got"; }
  pass
}
finish() { echo "ok: $(basename "$0") ($checks checks)"; }
# For disk images (bootrec, baseline --device):
# put_code IMAGE FILE COUNT: the first COUNT bytes of FILE as the boot code.
put_code() { dd if="$2" of="$1" bs=1 count="$3" conv=notrunc status=none; }
# poke IMAGE OFFSET HEX...: writes bytes at OFFSET.
poke() {
  local image=$1 offset=$2; shift 2
  local bytes=""
  for byte in "$@"; do bytes+="\\x$byte"; done
  printf "$bytes" | dd of="$image" bs=1 seek="$offset" conv=notrunc status=none
}
# mail_with_attachment FILE NAME CONTENT: writes a short message with the
# file CONTENT attached in base64 as NAME (RFC 2231: percent-encoded UTF-8).
mail_with_attachment() {
  { cat <<EOF
From: Taras Shevchuk <taras@example.org>
To: olena@example.org
Subject: the file you asked for
Message-ID: <$(basename "$1" .eml)@example.org>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

Here it is.
--b1
Content-Type: application/octet-stream
Content-Disposition: attachment; filename*=utf-8''$2
Content-Transfer-Encoding: base64

EOF
    base64 < "$3"
    printf -- '--b1--\n'; } > "$1"
}
# browse_page HTML: loads the page in headless Chromium, its DOM into
# $WORK/dom.html, and checks that a screenshot of it is a PNG. Returns 1
# with a note when Chromium is not installed.
browse_page() {
  local chromium_bin
  chromium_bin=$(command -v chromium || command -v chromium-browser || true)
  if [[ -z $chromium_bin ]]; then
    echo "skip: chromium is not installed; the browser part was not run"
    return 1
  fi
  browse() { HOME=$WORK timeout 120 "$chromium_bin" --headless --no-sandbox --disable-gpu \
    --no-first-run --user-data-dir="$WORK/chromium" "$@" 2>>"$WORK/chromium.err"; }
  browse --dump-dom "file://$1" >"$WORK/dom.html" || fail "chromium could not load $1"
  (cd "$WORK" && browse --screenshot="$WORK/page.png" --window-size=1200,2000 "file://$1") ||
    fail "chromium could not take a screenshot of $1"
  [[ -s $WORK/page.png && $(head -c 8 "$WORK/page.png" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] ||
    fail "the screenshot of $1 is not a PNG"
  pass
}
