#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# oberig baseline --device (issue #12): the boot sectors of a disk image
# made here are recorded; verify finds nothing on the same image, and then
# a ransom-note boot code (ALERT, its text escaped), another known boot
# loader (a notice), an edited partition table, a damaged GPT, and a device
# gone; an old schema 1 baseline still verifies, a damaged devices table is
# refused; the same in Ukrainian.
source "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed (scripts/install-deps.sh)"; exit 77; }
command -v sqlite3 >/dev/null || { echo "skip: the sqlite3 program is not installed"; exit 77; }
command -v sfdisk >/dev/null || { echo "skip: sfdisk (package fdisk) is not installed"; exit 77; }
grub=/usr/lib/grub/i386-pc/boot.img
syslinux=/usr/lib/syslinux/mbr/mbr.bin
[[ -r $grub ]] || { echo "skip: $grub (package grub-pc-bin) is not installed"; exit 77; }

device_changes() { jq -c 'select(.type == "baseline-device-change")' "$1"; }

mkdir -p "$WORK/tree"
printf 'key = value\n' >"$WORK/tree/settings.conf"
# A disk with one partition and GRUB's boot code, kept pristine in a copy.
truncate -s 2M "$WORK/pristine.img"
printf 'label: dos\n2048,,83,*\n' | sfdisk -q "$WORK/pristine.img"
put_code "$WORK/pristine.img" "$grub" 440
cp "$WORK/pristine.img" "$WORK/disk.img"

db=$WORK/base.db
# a relative device path is recorded as an absolute one
(cd "$WORK" && "$OBERIG" baseline create --db "$db" --device disk.img tree >"$WORK/out" 2>"$WORK/err") ||
  fail "create with --device failed: $(cat "$WORK/err")"
pass
expect_contains "$WORK/out" "1 file recorded in"
expect_contains "$WORK/out" "boot sectors of 1 device recorded"
[[ $(sqlite3 "$db" "SELECT path, code_class, known_name FROM devices") == "$WORK/disk.img|known-good|GRUB 2 boot.img" ]] ||
  fail "the device is not in the baseline: $(sqlite3 "$db" "SELECT * FROM devices")"
pass
[[ $(sqlite3 "$db" "SELECT value FROM meta WHERE key = 'schema_version'") == 2 ]] || fail "schema version not 2"
pass
[[ $(sqlite3 "$db" "SELECT code_sha256 FROM devices") == "$(head -c 440 "$WORK/disk.img" | sha256sum | cut -d' ' -f1)" ]] ||
  fail "the boot code's SHA-256 is not that of its first 440 bytes"
pass

# Unchanged: exit 0, no boot finding.
run_oberig "$WORK/out" "$WORK/err" baseline verify --db "$db"
expect_status 0 "unchanged image"
expect_contains "$WORK/out" "boot sectors of 1 device read again"
expect_not_contains "$WORK/out" "device:"
run_oberig "$WORK/jsonl" "$WORK/err" baseline verify --db "$db" --format jsonl
expect_status 0 "unchanged image, jsonl"
[[ -z $(device_changes "$WORK/jsonl") ]] || fail "an unchanged image gave a boot finding"
pass
jq_expect "$WORK/jsonl" 'map(select(.type == "baseline-summary"))[0] | .devices == 1 and .devices_changed == 0 and .device_errors == 0 and .boot_code_bad == 0'

# A ransom-note boot code (our own text) over the MBR: ALERT, exit 1.
{
  printf '\xfa\x31\xc0\x8e\xd8\xbe\x20\x7c\xac\x08\xc0\x74\xfe\xb4\x0e\xcd\x10\xeb\xf5'
  printf 'This test disk was locked. Pay 1 test coin to get your files back.\r\n'
  printf 'Write to nobody@example.invalid with your key: 0000-TEST.\x1b[2J'
} >"$WORK/note.bin"
put_code "$WORK/disk.img" "$WORK/note.bin" "$(stat -c %s "$WORK/note.bin")"
run_oberig "$WORK/out" "$WORK/err" baseline verify --db "$db"
expect_status 1 "a ransom-note boot code"
expect_contains "$WORK/out" "ALERT"
expect_contains "$WORK/out" "device: $WORK/disk.img"
expect_contains "$WORK/out" "boot code when recorded: known boot loader"
expect_contains "$WORK/out" "boot loader: GRUB 2 boot.img"
expect_contains "$WORK/out" "boot code now: text where code should be (known bad)"
expect_contains "$WORK/out" "boot code replaced with a ransom note or other known-bad code"
expect_contains "$WORK/out" 'Pay 1 test coin to get your files back.\u{000d}\u{000a}Write to'
expect_contains "$WORK/out" "1 device with changed boot sectors"
expect_not_contains "$WORK/out" "partition table changed"
expect_contains "$WORK/out" "Do not start the computer from this disk"
expect_not_contains "$WORK/out" "Files changed in ways"
grep -q $'\r' "$WORK/out" && fail "a raw carriage return reached the output"
grep -q $'\x1b' "$WORK/out" && fail "a raw escape reached the output"
pass
run_oberig "$WORK/jsonl" "$WORK/err" baseline verify --db "$db" --format jsonl
expect_status 1 "a ransom-note boot code, jsonl"
device_changes "$WORK/jsonl" >"$WORK/change.jsonl"
jq_expect "$WORK/change.jsonl" 'length == 1 and .[0].device == "'"$WORK/disk.img"'" and .[0].level == "alert"'
jq_expect "$WORK/change.jsonl" '.[0].reasons | map(.signal) == ["baseline-boot-code-bad"]'
jq_expect "$WORK/change.jsonl" '.[0] | .before.boot_code == "known-good" and .after.boot_code == "known-bad" and .before.known_name == "GRUB 2 boot.img" and (.after | has("known_name") | not)'
jq_expect "$WORK/change.jsonl" '.[0] | .before.table_sha256 == .after.table_sha256 and .before.code_sha256 != .after.code_sha256'
jq_expect "$WORK/change.jsonl" '.[0].text | any(test("^This test disk was locked"))'
jq_expect "$WORK/jsonl" 'map(select(.type == "baseline-summary"))[0] | .boot_code_bad == 1 and .devices_changed == 1 and .levels.alert == 1'

# In Ukrainian, the same finding; JSONL differs only in the explanations.
run_oberig "$WORK/uk" "$WORK/err" --lang uk baseline verify --db "$db"
expect_status 1 "a ransom-note boot code, in Ukrainian"
expect_contains "$WORK/uk" "ТРИВОГА"
expect_contains "$WORK/uk" "пристрій: $WORK/disk.img"
expect_contains "$WORK/uk" "завантажувальний код"
for english in "boot code when recorded" "boot code now" "known boot loader" "device:" \
  "boot code replaced" "text where code should be" "device with changed boot sectors"; do
  expect_not_contains "$WORK/uk" "$english"
done
status=0
LANG=uk_UA.UTF-8 LC_ALL= "$OBERIG" baseline verify --db "$db" >"$WORK/uk2" 2>"$WORK/err" || status=$?
expect_status 1 "LANG=uk_UA.UTF-8"
expect_contains "$WORK/uk2" "ТРИВОГА"
expect_not_contains "$WORK/uk2" "boot code now"
run_oberig "$WORK/uk.jsonl" "$WORK/err" --lang uk baseline verify --db "$db" --format jsonl
strip() { jq -c 'del(.reasons[]?.explanation, .seconds)' "$1"; }
[[ $(strip "$WORK/jsonl") == "$(strip "$WORK/uk.jsonl")" ]] || fail "jsonl differs between en and uk beyond the explanations"
pass
jq_expect "$WORK/uk.jsonl" 'map(select(.type == "baseline-device-change"))[0].reasons[0].explanation | test("[а-яіїє]")'

# Another known boot loader (a boot loader update): a notice, exit 0.
cp "$WORK/pristine.img" "$WORK/disk.img"
if [[ -r $syslinux ]]; then
  put_code "$WORK/disk.img" "$syslinux" 440
  run_oberig "$WORK/jsonl" "$WORK/err" baseline verify --db "$db" --format jsonl
  expect_status 0 "another known boot loader"
  device_changes "$WORK/jsonl" >"$WORK/change.jsonl"
  jq_expect "$WORK/change.jsonl" '.[0] | .level == "notice" and (.reasons | map(.signal)) == ["baseline-boot-code-updated"] and .after.known_name == "SYSLINUX mbr.bin"'
  cp "$WORK/pristine.img" "$WORK/disk.img"
else
  echo "skip: $syslinux (package syslinux-common) is not installed"
fi

# The partition table edited (the partition's type 0x83 to 0x07): a finding.
poke "$WORK/disk.img" $((446 + 4)) 07
run_oberig "$WORK/out" "$WORK/err" baseline verify --db "$db"
expect_status 1 "an edited partition table"
expect_contains "$WORK/out" "WARNING"
expect_contains "$WORK/out" "partition table changed since the baseline"
expect_not_contains "$WORK/out" "boot code now"
run_oberig "$WORK/jsonl" "$WORK/err" baseline verify --db "$db" --format jsonl
device_changes "$WORK/jsonl" >"$WORK/change.jsonl"
jq_expect "$WORK/change.jsonl" '.[0] | (.reasons | map(.signal)) == ["baseline-partitions-changed"] and .level == "warning" and (has("text") | not)'
cp "$WORK/pristine.img" "$WORK/disk.img"

# A device that cannot be read at verify: a message, the files still verified.
mv "$WORK/disk.img" "$WORK/moved.img"
run_oberig "$WORK/out" "$WORK/err" baseline verify --db "$db"
expect_status 0 "a device gone"
expect_contains "$WORK/err" "oberig baseline: $WORK/disk.img: the boot sectors recorded in the baseline cannot be read again"
expect_contains "$WORK/err" "No such file or directory"
expect_contains "$WORK/out" "boot sectors of 1 device could not be read"
expect_contains "$WORK/out" "1 file checked against the baseline"
expect_not_contains "$WORK/out" "Nothing changed in a way"
run_oberig "$WORK/jsonl" "$WORK/err" baseline verify --db "$db" --format jsonl
jq_expect "$WORK/jsonl" 'map(select(.type == "error"))[0] | .path == "'"$WORK/disk.img"'" and (.message | test("cannot be read again"))'
jq_expect "$WORK/jsonl" 'map(select(.type == "baseline-summary"))[0] | .device_errors == 1 and .devices == 0'
run_oberig "$WORK/uk" "$WORK/err" --lang uk baseline verify --db "$db"
expect_not_contains "$WORK/err" "cannot be read again"
expect_not_contains "$WORK/uk" "could not be read"
# too short to hold a sector
truncate -s 100 "$WORK/disk.img"
run_oberig "$WORK/out" "$WORK/err" baseline verify --db "$db"
expect_status 0 "a device too short"
expect_contains "$WORK/err" "is shorter than one sector"
rm "$WORK/disk.img"
mv "$WORK/moved.img" "$WORK/disk.img"

# A GPT disk: intact, then its header's CRC damaged.
truncate -s 4M "$WORK/gpt.img"
printf 'label: gpt\nsize=1M\nname="data"\n' | sfdisk -q "$WORK/gpt.img"
run_oberig "$WORK/out" "$WORK/err" baseline create --db "$WORK/gpt.db" --device "$WORK/gpt.img" "$WORK/tree"
expect_status 0 "create with a GPT disk"
[[ $(sqlite3 "$WORK/gpt.db" "SELECT gpt_present, gpt_intact FROM devices") == "1|1" ]] || fail "the GPT not recorded as intact"
pass
run_oberig "$WORK/out" "$WORK/err" baseline verify --db "$WORK/gpt.db"
expect_status 0 "an intact GPT"
expect_not_contains "$WORK/out" "device:"
poke "$WORK/gpt.img" $((512 + 16)) ff # the header's CRC field
run_oberig "$WORK/jsonl" "$WORK/err" baseline verify --db "$WORK/gpt.db" --format jsonl
expect_status 1 "a damaged GPT header"
device_changes "$WORK/jsonl" >"$WORK/change.jsonl"
jq_expect "$WORK/change.jsonl" '.[0] | (.reasons | map(.signal) | index("baseline-gpt-damaged") != null) and .before.gpt_intact and (.after.gpt_intact | not)'
jq_expect "$WORK/change.jsonl" '.[0].reasons | map(.signal) | index("baseline-boot-code-bad") == null'

# Usage: --device belongs to create; a missing device fails create and
# leaves the earlier baseline as it was.
run_oberig "$WORK/out" "$WORK/err" baseline verify --db "$db" --device "$WORK/disk.img"
expect_status 2 "--device with verify"
expect_contains "$WORK/err" "--device is for create"
before=$(sha256sum <"$db")
run_oberig "$WORK/out" "$WORK/err" baseline create --db "$db" --device "$WORK/no-such.img" "$WORK/tree"
expect_status 2 "create with a missing device"
expect_contains "$WORK/err" "no-such.img"
[[ $(sha256sum <"$db") == "$before" ]] || fail "a failed create changed the baseline"
pass
# the same device named twice is recorded once
run_oberig "$WORK/out" "$WORK/err" baseline create --db "$WORK/twice.db" --device "$WORK/disk.img" \
  --device "$WORK/../$(basename "$WORK")/disk.img" "$WORK/tree"
expect_status 0 "the same device twice"
expect_contains "$WORK/out" "boot sectors of 1 device recorded"
[[ $(sqlite3 "$WORK/twice.db" "SELECT count(*) FROM devices") == 1 ]] || fail "a device recorded twice"
pass
args=()
for i in $(seq 1 17); do args+=(--device "$WORK/disk.img"); done
run_oberig "$WORK/out" "$WORK/err" baseline create --db "$db" "${args[@]}" "$WORK/tree"
expect_status 2 "17 devices"
expect_contains "$WORK/err" "too many --device (at most 16)"

# A schema 1 baseline (no devices table) still verifies; a damaged devices
# table is refused.
cp "$db" "$WORK/old.db"
sqlite3 "$WORK/old.db" "DROP TABLE devices; UPDATE meta SET value = '1' WHERE key = 'schema_version'; PRAGMA user_version = 1"
run_oberig "$WORK/out" "$WORK/err" baseline verify --db "$WORK/old.db"
expect_status 0 "a schema 1 baseline"
expect_not_contains "$WORK/out" "boot sectors"
cp "$db" "$WORK/bad.db"
sqlite3 "$WORK/bad.db" "UPDATE devices SET code_class = 'excellent'"
run_oberig "$WORK/out" "$WORK/err" baseline verify --db "$WORK/bad.db"
expect_status 2 "a damaged devices table"
expect_contains "$WORK/err" "is not an oberig baseline (its table of devices is damaged)"
cp "$db" "$WORK/bad.db"
sqlite3 "$WORK/bad.db" "DROP TABLE devices"
run_oberig "$WORK/out" "$WORK/err" baseline verify --db "$WORK/bad.db"
expect_status 2 "a schema 2 baseline without its devices table"
expect_contains "$WORK/err" "its table of devices is damaged"

finish
