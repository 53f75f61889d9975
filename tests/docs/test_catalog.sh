#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The message catalogs against the sources: the template po/oberig.pot is
# what xgettext finds marked in src/ now, every catalog is merged with it,
# and the Ukrainian one translates every message (no untranslated, no fuzzy
# entry), with format strings that match and Ukrainian's three plural forms.
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root"
failures=0
problem() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# Regenerated template and merged catalogs equal the committed ones.
scripts/po-update.sh --check || problem "po/ is out of date with the sources (run scripts/po-update.sh)"

# What msgfmt says of a catalog: "N translated messages[, M fuzzy ...][, K untranslated ...]".
complete() {
  local statistics
  statistics=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$1" 2>&1) || {
    echo "$statistics"
    return 1
  }
  echo "$statistics"
  ! grep -Eq 'fuzzy|untranslated' <<<"$statistics"
}

while read -r language; do
  [[ "$language" =~ ^[a-z] ]] || continue
  catalog=po/$language.po
  statistics=$(complete "$catalog") || problem "$catalog: $statistics"
  echo "$catalog: $statistics"
  msgcmp "$catalog" po/oberig.pot 2>/dev/null ||
    problem "$catalog: a message of the template has no translation (msgcmp $catalog po/oberig.pot)"
done <po/LINGUAS

grep -q '^"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"' po/uk.po ||
  problem "po/uk.po does not declare Ukrainian's three plural forms"

# The check itself catches a catalog with a message left untranslated, and one
# left fuzzy.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp po/uk.po "$work/untranslated.po"
printf '\nmsgid "a text nobody translated"\nmsgstr ""\n' >>"$work/untranslated.po"
complete "$work/untranslated.po" >/dev/null && problem "an untranslated message was not caught"
cp po/uk.po "$work/fuzzy.po"
printf '\n#, fuzzy\nmsgid "a text guessed"\nmsgstr "вгадано"\n' >>"$work/fuzzy.po"
complete "$work/fuzzy.po" >/dev/null && problem "a fuzzy message was not caught"

if [[ $failures -gt 0 ]]; then
  echo "$failures problem(s) with the message catalogs" >&2
  exit 1
fi
echo "PASS: message catalogs"
