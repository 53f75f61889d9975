#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs every test: installs what is missing, builds a normal and an
# AddressSanitizer+UndefinedBehaviorSanitizer build and runs the whole suite
# (unit, CLI end-to-end, fuzz-corpus replays) under CTest in both, then the
# threaded scanner's tests under ThreadSanitizer. Every build treats compiler
# warnings as errors (OB_WERROR).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
jobs=$(nproc)

echo "== release build"
"$root/scripts/build.sh" "$root/build" -DOB_WERROR=ON
ctest --test-dir "$root/build" --output-on-failure -j"$jobs"

echo "== ASan + UBSan build"
"$root/scripts/build.sh" "$root/build-asan" -DCMAKE_BUILD_TYPE=Debug -DOB_SANITIZE=ON -DOB_WERROR=ON
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir "$root/build-asan" --output-on-failure -j"$jobs"
echo "== ThreadSanitizer build (the threaded scanner: engine unit tests and end-to-end scans)"
"$root/scripts/build.sh" "$root/build-tsan" -DCMAKE_BUILD_TYPE=Debug -DOB_TSAN=ON -DOB_WERROR=ON
TSAN_OPTIONS="halt_on_error=1 suppressions=$root/tests/tsan.supp" ctest --test-dir "$root/build-tsan" --output-on-failure -j"$jobs" \
  -R '^(test_scan|cli_test_.*)$'
echo "== all tests passed in the release, ASan+UBSan and TSan builds"
