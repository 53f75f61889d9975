# SPDX-License-Identifier: Apache-2.0
# Prints the name of every YARA rule, in the rule files given, whose text
# condition names one of the external variables Loki and THOR define per file
# (filename, filepath, extension, filetype, owner). bench_scan.sh gives
# yara these variables empty and oberig gives the real values, so a match
# of such a rule can differ between the two for a good reason.
# usage: awk -f bench/rules_reading_externals.awk RULE_FILE...
function flush() {
  if (name != "" && uses) print name
  name = ""; uses = 0; in_condition = 0
}
/^[ \t]*((private|global)[ \t]+)*rule[ \t]+[A-Za-z_][A-Za-z0-9_]*/ {
  flush()
  line = $0
  sub(/^[ \t]*((private|global)[ \t]+)*rule[ \t]+/, "", line)
  match(line, /^[A-Za-z_][A-Za-z0-9_]*/)
  name = substr(line, RSTART, RLENGTH)
}
name != "" && /^[ \t]*condition[ \t]*:/ { in_condition = 1 }
in_condition && /(^|[^A-Za-z0-9_.$"])(filename|filepath|extension|filetype|owner)([^A-Za-z0-9_"]|$)/ { uses = 1 }

END { flush() }
