#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# docs/architecture.md's inventory against the tree: every file, folder and
# fuzz target the page names exists, and every src/ folder, src/**/*.c,
# adapter, unit-test folder and fuzz target is named in it (fuzz targets
# also built by fuzz/CMakeLists.txt and replayed by tests/CMakeLists.txt).
set -euo pipefail
shopt -s extglob
root=${1:-${OB_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}}
doc=$root/docs/architecture.md
[[ -f $doc ]] || { echo "FAIL: no $doc" >&2; exit 1; }
failures=0
checks=0
problem() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# The page's code spans, one per line, fenced blocks left out.
spans_of() { sed '/^```/,/^```/d' | grep -o '`[^`]*`' | tr -d '`' | sort -u; }
spans=$(spans_of <"$doc")
adapter_spans=$(sed -n '/^## Adapters/,/^## [^A]/p' "$doc" | spans_of)
named() { grep -qxF -- "$1" <<<"$spans"; }

# ---- what the page names exists ----------------------------------------------
while IFS= read -r name; do
  case $name in
    *[\ \*\<\>\$]*) continue ;; # globs, placeholders, commands
    fuzz_+([a-z0-9_]))
      checks=$((checks + 1))
      [[ -f $root/fuzz/$name.c ]] || problem "the page names fuzz target '$name', but fuzz/$name.c does not exist" ;;
    *.c | *.h | *.cmake | *.supp)
      checks=$((checks + 1))
      if [[ $name == */* ]]; then
        [[ -e $root/$name || -e $root/src/$name || -e $root/include/$name ]] ||
          problem "the page names '$name', which does not exist"
      elif [[ -z $(find "$root/src" "$root/include" "$root/fuzz" -name "$name" -print -quit) ]]; then
        problem "the page names '$name', which is in none of src/, include/, fuzz/"
      fi ;;
    src/*/ | include/*/ | tests/*/ | fuzz/*/ | cmake/*/ | data/*/ | tests/unit/*)
      checks=$((checks + 1))
      [[ -d $root/$name ]] || problem "the page names folder '$name', which does not exist" ;;
  esac
done <<<"$spans"

# ---- what the tree holds is named ------------------------------------------------
for folder in "$root"/src/*/; do
  name=src/$(basename "$folder")/
  checks=$((checks + 1))
  named "$name" || problem "folder $name is not in the table of folders"
done
for folder in "$root"/tests/unit/*/; do
  name=tests/unit/$(basename "$folder")
  checks=$((checks + 1))
  named "$name" || named "$name/" || problem "unit-test folder $name is not in the table of tests"
done

# A .c file is named by its base name, or by its path where two share one.
mapfile -t sources < <(cd "$root" && find src -name '*.c' | sort)
shared=$(for file in "${sources[@]}"; do basename "$file"; done | sort | uniq -d)
for file in "${sources[@]}"; do
  base=$(basename "$file")
  checks=$((checks + 1))
  if grep -qxF -- "$base" <<<"$shared"; then
    named "$file" || named "${file#src/}" ||
      problem "$file is not in docs/architecture.md (as '$file': another file is also called $base)"
  else
    named "$base" || named "$file" || named "${file#src/}" ||
      problem "$file is not in docs/architecture.md: name it in the row of its folder"
  fi
  if [[ $base == *_adapter.c ]]; then
    checks=$((checks + 1))
    grep -qxF -- "$base" <<<"$adapter_spans" || problem "$file is not in the table of adapters"
  fi
done

for file in "$root"/fuzz/*.c; do
  base=$(basename "$file")
  target=${base%.c}
  checks=$((checks + 1))
  named "$target" || named "$base" || named "fuzz/$base" ||
    problem "fuzz/$base is not in docs/architecture.md: add it to the fuzz targets under Testing"
  [[ $target == replay_main ]] && continue
  checks=$((checks + 1))
  grep -qw -- "$target" "$root/fuzz/CMakeLists.txt" ||
    problem "fuzz/$base is not built by fuzz/CMakeLists.txt"
  grep -qE "^ob_fuzz_replay\\($target[ )]" "$root/tests/CMakeLists.txt" ||
    problem "fuzz/$base is not replayed by tests/CMakeLists.txt (ob_fuzz_replay)"
done

if ((failures > 0)); then
  echo "docs/architecture.md and the tree disagree in $failures places" >&2
  exit 1
fi
echo "ok: docs/architecture.md matches the tree ($checks checks)"
