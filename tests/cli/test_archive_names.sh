#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Archive members keep their Cyrillic names whatever the locale and however
# the archive stores them (zip flagged UTF-8, in CP866 or CP1125, with an
# Info-ZIP Unicode Path field; 7z, RAR5, pax, GNU tar, ISO 9660 Joliet),
# and every check still runs on them; names that are not UTF-8, in an
# archive or on disk, are shown escaped and still checked.
source "$(dirname "$0")/lib.sh"
for tool in jq python3 bsdtar od; do
  command -v $tool >/dev/null || { echo "skip: $tool is not installed"; exit 77; }
done
locale -a 2>/dev/null | grep -qix 'c\.utf-\?8' || { echo "skip: no C.UTF-8 locale for bsdtar"; exit 77; }
locales=(C)
if locale -a 2>/dev/null | grep -qix 'uk_UA\.utf-\?8'; then
  locales+=(uk_UA.UTF-8)
else
  echo "note: uk_UA.UTF-8 is not generated; checked under LC_ALL=C only"
fi

a="$WORK/archives"
mkdir -p "$a" "$WORK/tree/Документи"
# A DOS header with a PE header behind it: libmagic calls it a program.
{ printf 'MZ\220\000'; head -c 56 /dev/zero; printf '\100\000\000\000'
  printf 'PE\000\000\114\001\001\000'; head -c 12 /dev/zero; printf '\340\000\002\001\013\001'
  head -c 66 /dev/zero; printf '\002\000'; head -c 154 /dev/zero; } > "$WORK/program.bin"
make_archive() { python3 "$ROOT/tests/cli/make_archives.py" "$1" "$a/$2" "$WORK/program.bin" "${@:3}"; }
# A name with і, ї, є and ґ, and one that CP866 can write: its є and ї
# (0xF3, 0xF5) are ґ and є in CP1125, so a wrong guess of the code page shows.
name='Документи/Повістка_ґанок_їжа_єдність.pdf'
name866='Документи/Повестка_їжа_єдина.pdf'
declare -A expected=(
  [utf8-flag.zip]=$name [cp1125.zip]=$name [cp866.zip]=$name866 [unicode-path.zip]=$name
  [rar5.rar]=$name [7zip.7z]=$name [pax.tar]=$name [gnu.tar]=$name [joliet.iso]=$name)
make_archive zip-utf8 utf8-flag.zip "$name"
make_archive zip-codepage cp1125.zip "$name" --codepage cp1125
make_archive zip-codepage cp866.zip "$name866" --codepage cp866
# The plain name field has '?' for і and ґ, which CP866 lacks.
make_archive zip-unicode-path unicode-path.zip "$name" --codepage cp866
make_archive rar5 rar5.rar "$name"
cp "$WORK/program.bin" "$WORK/tree/$name"
echo 'A harmless note.' > "$WORK/tree/Документи/опис.txt"
(cd "$WORK/tree"
 export LC_ALL=C.UTF-8 # bsdtar reads the names on disk as UTF-8
 bsdtar --format 7zip -cf "$a/7zip.7z" Документи
 bsdtar --format pax -cf "$a/pax.tar" Документи
 bsdtar --format gnutar -cf "$a/gnu.tar" Документи
 bsdtar --format iso9660 --options 'iso9660:joliet,!rockridge' -cf "$a/joliet.iso" Документи)
# Each archive stores the name the way it is meant to.
contains_bytes() {
  python3 -c 'import sys; sys.exit(sys.argv[3].encode(sys.argv[2]) not in open(sys.argv[1], "rb").read())' "$@"
}
contains_bytes "$a/pax.tar" utf-8 "path=$name" || fail "pax.tar has no UTF-8 path record"
contains_bytes "$a/gnu.tar" utf-8 "path=" && fail "gnu.tar has a pax record"
contains_bytes "$a/joliet.iso" utf-16-be "${name#*/}" || fail "joliet.iso has no UCS-2 name"
contains_bytes "$a/cp1125.zip" cp1125 "$name" || fail "cp1125.zip is not in CP1125"
contains_bytes "$a/cp866.zip" cp866 "$name866" || fail "cp866.zip is not in CP866"
pass

# jq_true FILE FILTER [jq options]: the filter, over all lines, prints true.
jq_true() {
  local file=$1 filter=$2 got; shift 2
  got=$(jq -s "$@" "$filter" "$file") || fail "jq failed on $file for $filter"
  [[ $got == true ]] || { cat "$file" >&2; fail "jq '$filter' ($*) gave $got"; }
  pass
}
expect_utf8() {
  python3 -c 'import sys; open(sys.argv[1], encoding="utf-8", errors="strict").read()' "$1" \
    || fail "$1 is not valid UTF-8"
  pass
}
hex() { printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n'; }

# The disguised program is flagged, named exactly, in both outputs.
archives=("${!expected[@]}")
for loc in "${locales[@]}"; do
  LC_ALL=$loc run_oberig "$WORK/out.jsonl" "$WORK/err" scan --no-store --format jsonl "${archives[@]/#/$a/}"
  expect_status 1 "archives under $loc"
  expect_utf8 "$WORK/out.jsonl"
  jq_true "$WORK/out.jsonl" 'map(select(.type == "notice" or .type == "error")) == []'
  for archive in "${archives[@]}"; do
    jq_true "$WORK/out.jsonl" 'map(select(.type == "finding" and .path == $path)) | length == 1
      and .[0].member == $name and (.[0] | has("member_hex") | not)
      and ([.[0].reasons[].signal] == ["type-mismatch"])' \
      --arg path "$a/$archive" --arg name "${expected[$archive]}"
  done
  # The labels in English (--lang en) whatever the locale: its character set is what varies.
  LC_ALL=$loc run_oberig "$WORK/out.txt" "$WORK/err" scan --lang en --no-store "${archives[@]/#/$a/}"
  expect_status 1 "archives under $loc, human output"
  for archive in "${archives[@]}"; do
    shown=$(grep -A1 -xF "  file:   $a/$archive" "$WORK/out.txt" | sed -n 2p)
    [[ $shown == "  inside: ${expected[$archive]}" ]] || { cat "$WORK/out.txt" >&2; fail "$archive under $loc: $shown"; }
    pass
  done
  [[ $(grep -c '(type-mismatch, score' "$WORK/out.txt") == "${#archives[@]}" ]] || fail "type-mismatch under $loc"
  pass
done

# Every check runs on a decoded name: file-name indicators and YARA see it,
# a double extension is found, and oberig mail names the file inside.
mkdir -p "$WORK/iocs"
printf '%s\n' 'Повістка_ґанок_.*\.pdf$;70' > "$WORK/iocs/filename-iocs.txt"
cat > "$WORK/names.yar" <<'RULES'
rule Summons_Program { condition: uint16(0) == 0x5A4D and filename contains "ґанок_їжа_єдність" }
RULES
double='Документи/Рахунок_їжа.pdf.exe'
make_archive zip-codepage checks.zip "$name" "$double" --codepage cp1125
mail_with_attachment "$WORK/checks.eml" 'archive.zip' "$a/checks.zip"
for loc in "${locales[@]}"; do
  LC_ALL=$loc run_oberig "$WORK/out.jsonl" "$WORK/err" scan --no-store --format jsonl \
    --iocs "$WORK/iocs" --rules "$WORK/names.yar" "$a/checks.zip"
  expect_status 1 "checks under $loc"
  jq_true "$WORK/out.jsonl" 'map(select(.type == "finding" and .member == $name)) | length == 1
    and ([.[0].reasons[].signal] | sort == ["filename", "type-mismatch", "yara"])
    and any(.[0].reasons[]; .name == "Summons_Program")' --arg name "$name"
  jq_true "$WORK/out.jsonl" 'map(select(.type == "finding" and .member == $name))
    | length == 1 and any(.[0].reasons[]; .signal == "double-extension")' --arg name "$double"
  LC_ALL=$loc run_oberig "$WORK/out.jsonl" "$WORK/err" mail --no-store --format jsonl \
    --rules "$WORK/names.yar" "$WORK/checks.eml"
  expect_status 1 "mail under $loc"
  jq_true "$WORK/out.jsonl" 'map(select(.type == "message")) | .[0].reasons
    | any(.signal == "attachment-disguised-program" and (.evidence | startswith($name + " inside archive.zip")))
      and any(.signal == "attachment-known-malware" and (.evidence | contains("archive.zip/" + $name + ":")))' \
    --arg name "$name"
done

# Names that are not UTF-8 stay, escaped: a file on disk, a GNU tar member
# and a zip member flagged UTF-8 whose bytes are not (libarchive drops that
# name; it is read from the member's local header), each "Повістка.pdf"
# in Windows-1251.
escaped='\xcf\xee\xe2\xb3\xf1\xf2\xea\xe0.pdf'
raw=$(printf "$escaped")
mkdir -p "$WORK/raw/disk" "$WORK/raw/tar"
cp "$WORK/program.bin" "$WORK/raw/disk/$raw"
cp "$WORK/program.bin" "$WORK/raw/tar/$raw"
(cd "$WORK/raw/tar" && LC_ALL=C bsdtar --format gnutar -cf "$a/raw.tar" "$raw")
make_archive zip-utf8 raw-flagged.zip "$raw"
for loc in "${locales[@]}"; do
  LC_ALL=$loc run_oberig "$WORK/out.jsonl" "$WORK/err" scan --no-store --format jsonl \
    "$WORK/raw/disk" "$a/raw.tar" "$a/raw-flagged.zip"
  expect_status 1 "names that are not UTF-8 under $loc"
  expect_utf8 "$WORK/out.jsonl"
  jq_true "$WORK/out.jsonl" 'map(select(.type == "finding" and .path_hex == $hex)) | length == 1
    and ([.[0].reasons[].signal] == ["type-mismatch"]) and (.[0].path | endswith("\ufffd.pdf"))' \
    --arg hex "$(hex "$WORK/raw/disk/$raw")"
  for archive in raw.tar raw-flagged.zip; do
    jq_true "$WORK/out.jsonl" 'map(select(.type == "finding" and (.path | endswith($archive))))
      | length == 1 and .[0].member_hex == $hex and ([.[0].reasons[].signal] == ["type-mismatch"])' \
      --arg archive "/$archive" --arg hex "$(hex "$raw")"
  done
  LC_ALL=$loc run_oberig "$WORK/out.txt" "$WORK/err" scan --lang en --no-store \
    "$WORK/raw/disk" "$a/raw.tar" "$a/raw-flagged.zip"
  expect_status 1 "names that are not UTF-8 under $loc, human output"
  expect_contains "$WORK/out.txt" "file:   $WORK/raw/disk/$escaped"
  [[ $(grep -cxF "  inside: $escaped" "$WORK/out.txt") == 2 ]] || { cat "$WORK/out.txt" >&2; fail "members not shown escaped"; }
  pass
done
finish
