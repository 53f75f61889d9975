#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Every C file is as .clang-format writes it, so formatting never mixes
# with a change of behaviour in a diff.
source "$(dirname "$0")/lib.sh"
command -v clang-format >/dev/null || fail "clang-format is missing (scripts/install-deps.sh installs it)"
cd "$ROOT"
mapfile -t files < <(git ls-files '*.c' '*.h' 2>/dev/null || find src include tests fuzz -name '*.[ch]')
(( ${#files[@]} > 50 )) || fail "only ${#files[@]} C files found"
clang-format --dry-run --Werror "${files[@]}" 2>"$WORK/err" ||
  { head -n 30 "$WORK/err" >&2; fail "not formatted: run clang-format -i on the files above"; }
pass
finish
