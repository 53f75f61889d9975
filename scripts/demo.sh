#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Quick start: installs what is missing, builds, imports the example
# indicators into a throw-away store, scans the bundled example tree with
# the bundled rules and indicators, and triages two example messages.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
oberig="$root/build/oberig"
"$root/examples/make-tree.sh" "$work/laptop"
db="$work/indicators.db"

echo
echo "== oberig ioc import --db $db examples/indicators"
echo
"$oberig" ioc import --db "$db" --source demo "$root/examples/indicators"

echo
echo "== oberig scan --db $db --rules examples/rules --iocs examples/iocs $work/laptop"
echo
status=0
"$oberig" scan --db "$db" --rules "$root/examples/rules" --iocs "$root/examples/iocs" "$work/laptop" || status=$?
echo
echo "(exit status $status: 0 = nothing found, 1 = findings at WARNING or above, 2 = error)"
[[ $status -le 1 ]]

echo
echo "== oberig mail --db $db examples/mail"
echo
status=0
"$oberig" mail --db "$db" "$root/examples/mail" || status=$?
echo "(exit status $status: 0 = no message suspicious, 1 = at least one is, 2 = error)"
[[ $status -le 1 ]]
