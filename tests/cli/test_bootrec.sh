#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# oberig bootrec on disk images made here: a ransom-note boot code, GRUB's
# and SYSLINUX's boot code, a GPT with damaged CRCs, a file too short, and
# the same report in Ukrainian.
source "$(dirname "$0")/lib.sh"

command -v sfdisk >/dev/null || { echo "skip: sfdisk (package fdisk) is not installed"; exit 0; }

mbr_image() { truncate -s 2M "$1" && printf 'label: dos\n2048,,83,*\n' | sfdisk -q "$1"; }
gpt_image() { truncate -s 4M "$1" && printf 'label: gpt\nsize=1M\nname="data"\n' | sfdisk -q "$1"; }

# A ransom-note boot code: a little code, then a long message (our own text).
mbr_image "$WORK/note.img"
{
  printf '\xfa\x31\xc0\x8e\xd8\xbe\x20\x7c\xac\x08\xc0\x74\xfe\xb4\x0e\xcd\x10\xeb\xf5'
  printf 'This test disk was locked. Pay 1 test coin to get your files back.\r\n'
  printf 'Write to nobody@example.invalid with your key: 0000-TEST.'
} >"$WORK/note.bin"
put_code "$WORK/note.img" "$WORK/note.bin" "$(stat -c %s "$WORK/note.bin")"
run_oberig "$WORK/out" "$WORK/err" bootrec "$WORK/note.img"
expect_status 1 "a ransom-note boot code"
expect_contains "$WORK/out" "bootrec-ransom-note"
expect_contains "$WORK/out" "ALERT"
expect_contains "$WORK/out" "text where code should be (known bad)"
# the message is shown, its CR LF escaped, never raw
expect_contains "$WORK/out" 'Pay 1 test coin to get your files back.\u{000d}\u{000a}Write to'
grep -q $'\r' "$WORK/out" && fail "a raw carriage return reached the output"
pass
expect_contains "$WORK/out" "type 0x83"
run_oberig "$WORK/jsonl" "$WORK/err" bootrec --format jsonl "$WORK/note.img"
expect_status 1 "a ransom-note boot code, jsonl"
jq_expect "$WORK/jsonl" '.[0] | .type == "bootrec" and .boot_code.class == "known-bad" and .level == "alert"'
jq_expect "$WORK/jsonl" '.[0].findings | map(.signal) == ["bootrec-ransom-note"]'
jq_expect "$WORK/jsonl" '.[0].boot_code.text | any(test("^This test disk was locked"))'
jq_expect "$WORK/jsonl" '.[0].mbr_partitions[0] | .type == 131 and .bootable and .first_lba == 2048'
jq_expect "$WORK/jsonl" '.[0].gpt == null'

# GRUB's boot.img, as grub-install leaves it: the BIOS parameter block, the
# sector of core.img and the drive check patched; still known-good.
grub=/usr/lib/grub/i386-pc/boot.img
if [[ -r $grub ]]; then
  mbr_image "$WORK/grub.img"
  put_code "$WORK/grub.img" "$grub" 440
  run_oberig "$WORK/out" "$WORK/err" bootrec "$WORK/grub.img"
  expect_status 0 "GRUB boot code"
  expect_contains "$WORK/out" "known boot loader"
  expect_contains "$WORK/out" "GRUB 2 boot.img"
  expect_contains "$WORK/out" '"GRUB "'
  poke "$WORK/grub.img" 11 00 02 01 # bytes per sector, sectors per cluster
  poke "$WORK/grub.img" 92 00 08 00 00 00 00 00 00
  poke "$WORK/grub.img" 102 90 90
  run_oberig "$WORK/jsonl" "$WORK/err" bootrec --format jsonl "$WORK/grub.img"
  expect_status 0 "GRUB boot code as installed"
  jq_expect "$WORK/jsonl" '.[0] | .boot_code.class == "known-good" and .findings == [] and .level == "none"'
  # one byte of GRUB's code changed: no longer known
  poke "$WORK/grub.img" 200 00
  run_oberig "$WORK/jsonl" "$WORK/err" bootrec --format jsonl "$WORK/grub.img"
  expect_status 0 "changed GRUB code is a notice"
  jq_expect "$WORK/jsonl" '.[0] | .boot_code.class == "unknown" and .findings[0].signal == "bootrec-unknown-code" and .level == "notice"'
else
  echo "skip: $grub (package grub-pc-bin) is not installed"
fi

syslinux=/usr/lib/syslinux/mbr/mbr.bin
if [[ -r $syslinux ]]; then
  mbr_image "$WORK/syslinux.img"
  put_code "$WORK/syslinux.img" "$syslinux" 440
  poke "$WORK/syslinux.img" 440 12 34 56 78 # the disk signature is not hashed
  run_oberig "$WORK/jsonl" "$WORK/err" bootrec --format jsonl "$WORK/syslinux.img"
  expect_status 0 "SYSLINUX boot code"
  jq_expect "$WORK/jsonl" '.[0].boot_code | .class == "known-good" and .known_name == "SYSLINUX mbr.bin"'
  jq_expect "$WORK/jsonl" '.[0].boot_code.text | any(startswith("Missing operating system.\r\n"))'
else
  echo "skip: $syslinux (package syslinux-common) is not installed"
fi

# GPT: intact, then its header, entries and backup header damaged.
gpt_image "$WORK/gpt.img"
run_oberig "$WORK/jsonl" "$WORK/err" bootrec --format jsonl "$WORK/gpt.img"
expect_status 0 "an intact GPT"
jq_expect "$WORK/jsonl" '.[0].gpt | .header_ok and .entries_ok and .backup_ok and .sector_size == 512'
jq_expect "$WORK/jsonl" '.[0].gpt.partitions | length == 2 and .[1].name == "data"'
jq_expect "$WORK/jsonl" '.[0].findings | map(.signal) == ["bootrec-empty"]'
cp "$WORK/gpt.img" "$WORK/header.img"
poke "$WORK/header.img" $((512 + 16)) ff # the header's CRC field
run_oberig "$WORK/out" "$WORK/err" bootrec "$WORK/header.img"
expect_status 1 "a GPT header with a wrong CRC"
expect_contains "$WORK/out" "gpt-header-damaged"
expect_contains "$WORK/out" "header:            DAMAGED"
run_oberig "$WORK/jsonl" "$WORK/err" bootrec --format jsonl "$WORK/header.img"
jq_expect "$WORK/jsonl" '.[0] | .gpt.header_ok == false and .gpt.backup_ok and (.findings | map(.signal) | index("gpt-header-damaged") != null)'
cp "$WORK/gpt.img" "$WORK/entries.img"
poke "$WORK/entries.img" 1024 00 # first byte of the first entry's type
run_oberig "$WORK/jsonl" "$WORK/err" bootrec --format jsonl "$WORK/entries.img"
expect_status 1 "GPT entries with a wrong CRC"
jq_expect "$WORK/jsonl" '.[0] | .gpt.header_ok and .gpt.entries_ok == false and (.findings | map(.signal) | index("gpt-entries-damaged") != null)'
cp "$WORK/gpt.img" "$WORK/backup.img"
poke "$WORK/backup.img" $((4 * 1024 * 1024 - 512)) 00 # the backup's "EFI PART"
run_oberig "$WORK/jsonl" "$WORK/err" bootrec --format jsonl "$WORK/backup.img"
expect_status 1 "a missing backup GPT header"
jq_expect "$WORK/jsonl" '.[0] | .gpt.header_ok and .gpt.backup_ok == false and (.findings | map(.signal) | index("gpt-backup-damaged") != null)'
# a protective MBR with no GPT behind it
cp "$WORK/gpt.img" "$WORK/nogpt.img"
poke "$WORK/nogpt.img" 512 00 00 00 00 00 00 00 00
run_oberig "$WORK/jsonl" "$WORK/err" bootrec --format jsonl "$WORK/nogpt.img"
expect_status 1 "a protective MBR without a GPT"
jq_expect "$WORK/jsonl" '.[0].findings | map(.signal) | index("gpt-header-damaged") != null'

# A GPT of 4096-byte sectors (the fuzz seed, written by a script).
run_oberig "$WORK/jsonl" "$WORK/err" bootrec --format jsonl "$ROOT/fuzz/corpus/fuzz_bootrec/gpt-4k"
expect_status 0 "a GPT of 4096-byte sectors"
jq_expect "$WORK/jsonl" '.[0].gpt | .sector_size == 4096 and .header_ok and .entries_ok and .backup_ok and .partitions[0].name == "fat"'

# A sector of random-looking data without the boot signature.
head -c 512 /dev/urandom >"$WORK/noise.img"
poke "$WORK/noise.img" 510 00 00
run_oberig "$WORK/jsonl" "$WORK/err" bootrec --format jsonl "$WORK/noise.img"
jq_expect "$WORK/jsonl" '.[0].findings | map(.signal) | index("bootrec-no-signature") != null'

# Too short, missing, or a folder: a clear error, exit 2.
head -c 300 /dev/zero >"$WORK/short.img"
run_oberig "$WORK/out" "$WORK/err" bootrec "$WORK/short.img"
expect_status 2 "a file shorter than a sector"
expect_contains "$WORK/err" "is shorter than one sector (512 bytes)"
[[ ! -s $WORK/out ]] || fail "output for a file too short"
pass
run_oberig "$WORK/out" "$WORK/err" bootrec "$WORK/missing.img"
expect_status 2 "a missing file"
expect_contains "$WORK/err" "cannot open"
run_oberig "$WORK/out" "$WORK/err" bootrec "$WORK"
expect_status 2 "a folder"
run_oberig "$WORK/out" "$WORK/err" bootrec
expect_status 2 "no disk"
expect_contains "$WORK/err" "Try 'oberig bootrec --help'."

# Ukrainian: the same report, in Ukrainian, with no English sentence left.
english=("master boot record" "boot code" "text where code should be" "What now"
  "very likely malicious" "the boot code contains the text" "shorter than one sector"
  "GPT header fails its check" "sectors")
check_ukrainian() {
  local file=$1
  for sentence in "${english[@]}"; do expect_not_contains "$file" "$sentence"; done
}
run_oberig "$WORK/uk" "$WORK/err" --lang uk bootrec "$WORK/note.img" "$WORK/header.img"
expect_status 1 "Ukrainian report"
expect_contains "$WORK/uk" "ТРИВОГА"
expect_contains "$WORK/uk" "завантажувальний код"
expect_contains "$WORK/uk" "bootrec-ransom-note"
expect_contains "$WORK/uk" 'Pay 1 test coin' # the disk's own text stays as it is
check_ukrainian "$WORK/uk"
status=0
LANG=uk_UA.UTF-8 LC_ALL= "$OBERIG" bootrec "$WORK/note.img" >"$WORK/uk2" 2>"$WORK/err" || status=$?
expect_status 1 "Ukrainian by the locale"
cmp -s "$WORK/uk" "$WORK/uk2" && fail "two disks and one disk gave the same output"
expect_contains "$WORK/uk2" "ТРИВОГА"
check_ukrainian "$WORK/uk2"
run_oberig "$WORK/out" "$WORK/err" --lang uk bootrec "$WORK/short.img"
expect_status 2 "Ukrainian error"
check_ukrainian "$WORK/err"
[[ -s $WORK/err ]] || fail "no error message in Ukrainian"
pass
# JSONL: equal in both languages except the explanations.
for disk in note header; do
  run_oberig "$WORK/en.jsonl" "$WORK/err" --lang en bootrec --format jsonl "$WORK/$disk.img"
  run_oberig "$WORK/uk.jsonl" "$WORK/err" --lang uk bootrec --format jsonl "$WORK/$disk.img"
  blank='del(.findings[].explanation)'
  [[ "$(jq -cS "$blank" "$WORK/en.jsonl")" == "$(jq -cS "$blank" "$WORK/uk.jsonl")" ]] ||
    fail "the JSONL of $disk differs between languages beyond the explanations"
  cmp -s "$WORK/en.jsonl" "$WORK/uk.jsonl" && fail "the explanations of $disk are not translated"
  pass
done

# The signal table is in `oberig signals`.
run_oberig "$WORK/out" "$WORK/err" signals bootrec
expect_status 0 "signals bootrec"
for id in bootrec-ransom-note bootrec-unknown-code bootrec-empty bootrec-no-signature \
  gpt-header-damaged gpt-entries-damaged gpt-backup-damaged; do
  expect_contains "$WORK/out" "bootrec $id"
done
finish
