#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The man pages, English (docs/*.1) and Ukrainian (docs/uk/*.1): groff renders
# each without a warning, each English page has a Ukrainian one whose NAME
# names the same command, whose SYNOPSIS keeps the same commands and options,
# and which points to the English page; CMake installs all of them.
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root"
if ! command -v groff >/dev/null; then
  echo "SKIP: groff is not installed (Debian: groff-base, in scripts/install-deps.sh)"
  exit 77
fi
failures=0
problem() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# What groff says of a page, as man renders it: UTF-8 input (-k), every
# warning (-ww), no output (-z). Nothing for a clean page.
warnings() { groff -k -man -Tutf8 -ww -z "$1" 2>&1; }

# The source lines of one section of a page, between its .SH and the next.
section() {
  awk -v wanted="$2" '
    /^\.SH / { title = $0; sub(/^\.SH +/, "", title); gsub(/"/, "", title); inside = (title == wanted); next }
    inside' "$1"
}

# A SYNOPSIS's literal parts: its bold lines (commands, options) and line breaks.
literal_synopsis() { grep -E '^\.(B|BR|RB|br)( |$)' || true; }

# The command a NAME line names: "oberig\-scan \- ..." gives "oberig\-scan".
named_command() { head -1 | sed 's/ \\- .*//'; }

# Every check on the Ukrainian page $2 of the English page $1.
check_translation() {
  local english=$1 ukrainian=$2 base
  base=$(basename "$english" .1)
  [[ "$(section "$english" NAME | named_command)" == "$(section "$ukrainian" НАЗВА | named_command)" ]] ||
    problem "$ukrainian: its НАЗВА does not name the command of $english's NAME"
  diff <(section "$english" SYNOPSIS | literal_synopsis) \
    <(section "$ukrainian" "КОРОТКИЙ ОПИС" | literal_synopsis) >/dev/null ||
    problem "$ukrainian: its КОРОТКИЙ ОПИС does not keep the commands and options of $english's SYNOPSIS"
  [[ -n "$(section "$ukrainian" ОПИС)" ]] || problem "$ukrainian: no ОПИС section"
  section "$ukrainian" "ДИВ. ТАКОЖ" | grep -qF "man \\-L en ${base//-/\\-}\"" ||
    problem "$ukrainian: its ДИВ. ТАКОЖ does not point to the English page (man -L en $base)"
}

pages=0
for english in docs/*.1; do
  base=$(basename "$english")
  ukrainian=docs/uk/$base
  for page in "$english" "$ukrainian"; do
    [[ -f $page ]] || { problem "$english has no Ukrainian page $page"; continue; }
    pages=$((pages + 1))
    said=$(warnings "$page") || problem "groff cannot render $page"
    [[ -z $said ]] || problem "groff warns about $page: $said"
    [[ $page == docs/uk/* ]] && check_translation "$english" "$page"
    folder=man1
    [[ $page == docs/uk/* ]] && folder=uk/man1
    grep -F "DESTINATION \${CMAKE_INSTALL_MANDIR}/$folder)" CMakeLists.txt | tr ' ' '\n' | grep -qxF "$page" ||
      problem "CMakeLists.txt does not install $page into \${CMAKE_INSTALL_MANDIR}/$folder"
  done
done
for ukrainian in docs/uk/*.1; do
  [[ -f docs/$(basename "$ukrainian") ]] || problem "$ukrainian has no English page"
done
[[ $pages -ge 20 ]] || problem "only $pages man pages found"
# oberig(1), in both languages, names every command's page in its SEE ALSO.
for english in docs/oberig-*.1; do
  base=$(basename "$english" .1)
  for index in docs/oberig.1 docs/uk/oberig.1; do
    grep -qxF ".BR ${base//-/\\-} (1)," "$index" ||
      problem "$index does not name $base(1)"
  done
done

# The checks themselves catch a page groff warns about, a synopsis that lost
# an option, and a NAME that names another command.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '.XY an undefined macro\n' | cat docs/uk/oberig-ioc.1 - >"$work/warns.1"
[[ -n "$(warnings "$work/warns.1")" ]] || problem "a groff warning was not caught"
# caught COMMAND...: whether COMMAND found a problem (which is not counted).
caught() {
  local before=$failures
  "$@" 2>/dev/null
  local found=$((failures - before))
  failures=$before
  [[ $found -gt 0 ]]
}
sed 's/^\.RB \[ \\-\\-campaign$/.RB [/' docs/uk/oberig-ioc.1 >"$work/no-campaign.1"
caught check_translation docs/oberig-ioc.1 "$work/no-campaign.1" || problem "a synopsis without --campaign was not caught"
sed 's/^oberig\\-ioc \\- /oberig\\-scan \\- /' docs/uk/oberig-ioc.1 >"$work/other-name.1"
caught check_translation docs/oberig-ioc.1 "$work/other-name.1" || problem "a NAME of another command was not caught"

if [[ $failures -gt 0 ]]; then
  echo "$failures problem(s) with the man pages" >&2
  exit 1
fi
echo "PASS: $pages man pages render without warnings; the Ukrainian ones keep the English synopses"
