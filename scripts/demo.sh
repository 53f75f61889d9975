#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Quick start: installs what is missing, builds, and scans the bundled
# example tree with the bundled example rules and indicators.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
"$root/examples/make-tree.sh" "$tree"
echo
echo "== oberig scan --rules examples/rules --iocs examples/iocs $tree"
echo
status=0
"$root/build/oberig" scan --rules "$root/examples/rules" --iocs "$root/examples/iocs" "$tree" || status=$?
echo
echo "(exit status $status: 0 = nothing found, 1 = findings at WARNING or above, 2 = error)"
[[ $status -le 1 ]]
