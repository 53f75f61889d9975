#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The version is written once, in project(VERSION) of CMakeLists.txt, which
# tests/CMakeLists.txt passes here as OB_VERSION: the program, its JSON
# output and every manual page must say the same.
source "$(dirname "$0")/lib.sh"
version=${OB_VERSION:?OB_VERSION is set by tests/CMakeLists.txt from project(VERSION)}

for option in version --version -V; do
  run_oberig "$WORK/out" "$WORK/err" "$option"
  expect_status 0 "$option"
  [[ $(<"$WORK/out") == "oberig $version" ]] ||
    fail "'oberig $option' printed '$(<"$WORK/out")', expected 'oberig $version'"
  pass
done

run_oberig "$WORK/out" "$WORK/err" --help
expect_status 0 "--help"
[[ $(head -n 1 "$WORK/out") == "oberig $version "* ]] || fail "--help does not start with 'oberig $version'"
pass

mkdir "$WORK/empty"
run_oberig "$WORK/out" "$WORK/err" scan --quiet --no-yara --format jsonl "$WORK/empty"
expect_status 0 "scan of an empty folder"
expect_contains "$WORK/out" "\"type\":\"start\",\"version\":\"$version\""

pages=("$ROOT"/docs/*.1)
[[ -e ${pages[0]} ]] || fail "no manual pages in $ROOT/docs"
for page in "${pages[@]}"; do
  title=$(grep -m 1 '^\.TH ' "$page") || fail "$page has no .TH line"
  [[ $title == *"\"oberig $version\""* ]] ||
    fail "$(basename "$page"): '$title' should name \"oberig $version\" (project(VERSION) in CMakeLists.txt)"
  pass
done
finish
