#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Names tell public from internal: every symbol liboberig exports with the
# ob_ prefix is declared in include/oberig/, and every other function it
# exports carries its module's prefix (core_, indicators_, scan_, ioc_,
# mail_, integrity_, report_), as the style guide asks.
source "$(dirname "$0")/lib.sh"

lib=$(dirname "$OBERIG")/liboberig.a
[[ -f $lib ]] || fail "no liboberig.a beside $OBERIG"
command -v nm >/dev/null || fail "nm is missing (binutils)"
# (symbols starting "__" are the compiler's, e.g. AddressSanitizer's __odr_asan.*)
nm -g --defined-only "$lib" | awk '$2 ~ /^[TDRB]$/ && $3 !~ /^__/ {print $3}' | sort -u >"$WORK/exported"
[[ -s $WORK/exported ]] || fail "nm listed nothing in $lib"
grep -rhoE '\bob_[a-z0-9_]+' "$ROOT"/include/oberig/*.h | sort -u >"$WORK/declared"

bad=$(grep '^ob_' "$WORK/exported" | comm -23 - "$WORK/declared" || true)
[[ -z $bad ]] || fail "exported with ob_ but not declared in include/oberig (make it public or give it its module's prefix): $bad"
pass
bad=$(grep -vE '^(ob_|core_|indicators_|scan_|ioc_|mail_|integrity_|triage_|report_)' "$WORK/exported" || true)
[[ -z $bad ]] || fail "exported without ob_ or a module prefix: $bad"
pass
# Each module prefix is defined only in its own folder ("lib.a:file.c.o:address T name").
nm -A -g --defined-only "$lib" | awk '$2 ~ /^[TDRB]$/ && $3 !~ /^__/ {split($1, at, ":"); print at[2], $3}' >"$WORK/where"
checked=0
while read -r object name; do
  module=${name%%_*}
  case $module in core | indicators | scan | ioc | mail | integrity | triage | report) ;; *) continue ;; esac
  source_name=${object%.o}
  [[ -f $ROOT/src/$module/$source_name || $source_name == mail_data.c || $source_name == bootrec_data.c ||
     $module/$source_name == scan/scan_data.c ]] ||
    fail "$name is defined in $source_name, outside src/$module"
  checked=$((checked + 1))
done <"$WORK/where"
(( checked > 100 )) || fail "only $checked internal names checked: nm output not understood"
pass
finish
