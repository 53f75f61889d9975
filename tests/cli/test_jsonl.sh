#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# JSON-lines output: valid JSON and UTF-8 on every line, the documented
# fields, archive members, and exact bytes for names that are not UTF-8.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed (scripts/install-deps.sh)"; exit 77; }
command -v zip >/dev/null || { echo "skip: zip is not installed"; exit 77; }
"$ROOT/examples/make-tree.sh" "$WORK/tree" >/dev/null
# A name that is not UTF-8 (Latin-1 "résumé") holding a rule hit.
eicar() { printf '%s%s' 'X5O!P%@AP[4\PZX54(P^)7CC)7}$' 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'; }
eicar > "$WORK/tree/$(printf 'r\xe9sum\xe9.com')"

run_oberig "$WORK/out" "$WORK/err" scan --format jsonl --rules "$ROOT/examples/rules" --iocs "$ROOT/examples/iocs" "$WORK/tree"
expect_status 1 "findings"
out="$WORK/out"
iconv -f UTF-8 -t UTF-8 "$out" >/dev/null || fail "output is not valid UTF-8"
while IFS= read -r line; do
  jq -e . >/dev/null <<<"$line" || fail "not JSON: $line"
done <"$out"
pass
jq_expect "$out" '.[0].type == "start" and .[0].rules == 3 and .[0].hash_iocs == 2 and .[0].filename_iocs == 2'
jq_expect "$out" '.[-1].type == "summary" and (.[-1] | has("files") and has("bytes") and has("findings") and has("errors") and has("seconds"))'
jq_expect "$out" '(map(select(.type == "finding")) | length) == (.[-1].findings)'
jq_expect "$out" 'map(select(.type == "finding")) | all(has("path") and has("size") and has("md5") and has("sha1") and has("sha256") and has("score") and has("level") and (.reasons | length > 0))'
jq_expect "$out" 'map(select(.type == "finding")) | all(.reasons[] | has("signal") and has("name") and has("score") and has("source") and has("description"))'
jq_expect "$out" 'map(select(.type == "finding")) | all(.score == ([.reasons[].score] | add))'
# The EICAR file: hash and YARA reasons, alert level, and its digests.
jq_expect "$out" 'map(select(.type == "finding" and (.path | endswith("/Downloads/eicar.com")))) | length == 1 and .[0].level == "alert" and .[0].md5 == "44d88612fea8a8f36de82e1278abb02f" and ([.[0].reasons[].signal] | index("yara") != null and index("hash") != null)'
# The zip member: path is the archive on disk, member is inside.
jq_expect "$out" 'map(select(.type == "finding" and .member == "eicar.com")) | length == 1 and (.[0].path | endswith("invoice-archive.zip"))'
jq_expect "$out" 'map(select(.type == "finding") | .reasons[] | select(.signal == "filename")) | length >= 1'
jq_expect "$out" 'map(select(.type == "finding") | .reasons[] | select(.signal == "hash") | .source) | all(test("hash-iocs.txt:[0-9]+$"))'
# Non-UTF-8 name: replacement characters in "path", exact bytes in "path_hex".
jq_expect "$out" 'map(select(.type == "finding" and has("path_hex"))) | length == 1 and (.[0].path | endswith("r\ufffdsum\ufffd.com")) and (.[0].path_hex | endswith("72e973756de92e636f6d"))'

# --output writes the same lines to a file and nothing to stdout.
run_oberig "$WORK/out2" "$WORK/err" scan --format jsonl --output "$WORK/results.jsonl" --rules "$ROOT/examples/rules" "$WORK/tree"
expect_status 1 "findings with --output"
[[ ! -s "$WORK/out2" ]] || fail "stdout should be empty with --output"
jq_expect "$WORK/results.jsonl" '.[-1].type == "summary"'
finish
