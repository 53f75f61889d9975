#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Every usage error of every command has one shape: exit status 2, nothing
# on stdout, and on stderr exactly "oberig <command>: <what>" and
# "Try 'oberig <command> --help'.".
source "$(dirname "$0")/lib.sh"

touch "$WORK/x.eml"
# usage_error COMMAND ARGS...: `oberig ARGS...` is a usage error of COMMAND
# ("" for the program itself).
usage_error() {
  local command=$1; shift
  local name="oberig${command:+ $command}"
  run_oberig "$WORK/out" "$WORK/err" "$@"
  expect_status 2 "$*"
  [[ ! -s $WORK/out ]] || { cat "$WORK/out" >&2; fail "$*: something on stdout"; }
  local lines
  mapfile -t lines < "$WORK/err"
  if [[ ${#lines[@]} -ne 2 || ${lines[0]} != "$name: "?* || ${lines[1]} != "Try '$name --help'." ]]; then
    cat "$WORK/err" >&2
    fail "$*: not a usage error of '$name'"
  fi
  pass
}

usage_error scan scan
usage_error scan scan --bogus "$WORK"
usage_error scan scan -Z "$WORK"
usage_error scan scan --rules
usage_error scan scan --format xml "$WORK"
usage_error scan scan --color sometimes "$WORK"
usage_error scan scan --threads 0 "$WORK"
usage_error scan scan --max-size lots "$WORK"
usage_error scan scan --notice 90 --warning 50 "$WORK"
usage_error scan scan --windows-drive 7 "$WORK"

usage_error mail mail
usage_error mail mail --bogus "$WORK/x.eml"
usage_error mail mail --quiet "$WORK/x.eml"          # a shared option mail does not take
usage_error mail mail --format xml "$WORK/x.eml"
usage_error mail mail --color sometimes "$WORK/x.eml"
usage_error mail mail --suspicious 0 "$WORK/x.eml"
usage_error mail mail --suspicious 90 --phishing 50 "$WORK/x.eml"
usage_error mail mail --db

usage_error ioc ioc
usage_error ioc ioc frobnicate
usage_error ioc ioc --bogus
usage_error ioc ioc list --bogus
usage_error ioc ioc list --rules "$WORK"           # a shared option ioc does not take
usage_error ioc ioc list --format xml
usage_error ioc ioc list --type nonsense
usage_error ioc ioc list extra
usage_error ioc ioc import
usage_error ioc ioc remove
usage_error ioc ioc export
usage_error ioc ioc export --format yaml

usage_error signals signals --bogus
usage_error signals signals --format pdf
usage_error signals signals scan rtlo extra

usage_error version version --bogus
usage_error version version extra

usage_error "" frobnicate
usage_error "" help frobnicate

# --help is no error: the help on stdout, status 0, the same as 'oberig help'.
for command in scan mail ioc signals version; do
  run_oberig "$WORK/out" "$WORK/err" "$command" --help
  expect_status 0 "$command --help"
  expect_contains "$WORK/out" "usage: oberig $command"
  run_oberig "$WORK/out2" "$WORK/err" help "$command"
  cmp -s "$WORK/out" "$WORK/out2" || fail "help $command differs from $command --help"
  pass
done
finish
