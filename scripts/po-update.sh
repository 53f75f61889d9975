#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Regenerates the message template po/oberig.pot from every text marked for
# translation in src/ (_, N_, P_, C_; see src/core/i18n.h) and in
# scripts/demo.sh (say), and merges it into
# each catalog po/<language>.po: new texts arrive untranslated, texts gone
# from the sources are dropped. Translate the new entries (msgstr), then
# `msgfmt --check --statistics po/uk.po` must report no untranslated and no
# fuzzy message.
#   scripts/po-update.sh           update po/ in place
#   scripts/po-update.sh --check   change nothing; exit 1 when po/ is out of date
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
check=false
[[ "${1:-}" == "--check" ]] && check=true

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

version=$(sed -n 's/^project(oberig VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
find src -name '*.[ch]' | LC_ALL=C sort >"$work/files"

# File names without line numbers: moving code does not change the template.
xgettext --language=C --from-code=UTF-8 --files-from="$work/files" \
  --keyword= --keyword=_ --keyword=N_ --keyword=P_:1,2 --keyword=C_:1c,2 \
  --add-comments=TRANSLATORS: --add-location=file --sort-by-file \
  --package-name=oberig --package-version="$version" --msgid-bugs-address="the oberig issue tracker" \
  --copyright-holder="the oberig authors" -o "$work/oberig.pot"
# The demo's own lines (gettext(1) in scripts/demo.sh), joined to the same template.
xgettext --language=Shell --from-code=UTF-8 --join-existing --keyword= --keyword=say \
  --add-comments=TRANSLATORS: --add-location=file --sort-by-file -o "$work/oberig.pot" \
  scripts/demo.sh

# The creation date changes on every run; the comparison leaves it out.
strip_date() { grep -v '^"POT-Creation-Date:' "$1"; }

status=0
if $check; then
  if ! cmp -s <(strip_date "$work/oberig.pot") <(strip_date po/oberig.pot); then
    echo "po-update: po/oberig.pot is out of date (run scripts/po-update.sh):" >&2
    diff <(strip_date po/oberig.pot) <(strip_date "$work/oberig.pot") | head -40 >&2 || true
    status=1
  fi
else
  if ! cmp -s <(strip_date "$work/oberig.pot") <(strip_date po/oberig.pot 2>/dev/null || true); then
    cp "$work/oberig.pot" po/oberig.pot
  fi
fi

while read -r language; do
  [[ "$language" =~ ^[a-z] ]] || continue
  catalog="po/$language.po"
  # No fuzzy matching: a changed text comes back untranslated, never guessed.
  msgmerge --quiet --no-fuzzy-matching --no-wrap --add-location=file --sort-by-file \
    -o "$work/$language.po" "$catalog" "$work/oberig.pot"
  # Texts gone from the sources are dropped, not kept as #~ entries.
  msgattrib --no-obsolete --no-wrap --add-location=file --sort-by-file \
    -o "$work/$language.po" "$work/$language.po"
  if $check; then
    if ! cmp -s <(strip_date "$work/$language.po") <(strip_date "$catalog"); then
      echo "po-update: $catalog is not merged with the template (run scripts/po-update.sh):" >&2
      diff <(strip_date "$catalog") <(strip_date "$work/$language.po") | head -40 >&2 || true
      status=1
    fi
  else
    cmp -s "$work/$language.po" "$catalog" || cp "$work/$language.po" "$catalog"
  fi
done <po/LINGUAS
exit $status
