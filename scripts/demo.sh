#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Quick start: installs what is missing, builds, imports the example
# indicators into a throw-away store, scans the bundled example tree with
# the bundled rules and indicators, and triages two example messages.
#   scripts/demo.sh [--lang uk|en]   (default: the language of the locale)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
lang=()
if [[ ${1:-} == --lang ]]; then
  lang=(--lang "${2:?--lang needs uk or en}")
elif [[ ${1:-} == --lang=* ]]; then
  lang=("$1")
fi
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"

# This script's own lines, from oberig's catalog (gettext(1)), in the same
# language as oberig's.
export TEXTDOMAIN=oberig TEXTDOMAINDIR="$root/build/locale"
say() {
  local text=$1
  shift
  if [[ ${#lang[@]} -gt 0 ]]; then
    local code=${lang[-1]#--lang=}
    text=$(LC_ALL=C.UTF-8 LANGUAGE=$code gettext "$text")
  else
    text=$(gettext "$text")
  fi
  # shellcheck disable=SC2059 # the format is the catalog's
  printf "$text\n" "$@"
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
oberig="$root/build/oberig"
"$root/examples/make-tree.sh" "$work/laptop"
db="$work/indicators.db"

echo
echo "== oberig ioc import --db $db examples/indicators"
echo
"$oberig" ioc import "${lang[@]}" --db "$db" --source demo "$root/examples/indicators"

echo
echo "== oberig scan --db $db --rules examples/rules --iocs examples/iocs $work/laptop"
echo
status=0
"$oberig" scan "${lang[@]}" --db "$db" --rules "$root/examples/rules" --iocs "$root/examples/iocs" "$work/laptop" || status=$?
echo
say "(exit status %s: 0 = nothing found, 1 = findings at WARNING or above, 2 = error)" "$status"
[[ $status -le 1 ]]

echo
echo "== oberig mail --db $db examples/mail"
echo
status=0
"$oberig" mail "${lang[@]}" --db "$db" "$root/examples/mail" || status=$?
say "(exit status %s: 0 = no message suspicious, 1 = at least one is, 2 = error)" "$status"
[[ $status -le 1 ]]
