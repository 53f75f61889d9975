#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Signed indicator bundles: a helpline packs indicator files and rule folders
# with `oberig ioc bundle create --sign-with`, a person imports the bundle
# with `oberig ioc import --trust`; the import shows and records the key
# that vouched for it. A bundle with one byte changed, signed by another
# key, unsigned or truncated is refused (exit 2) and the store stays byte
# for byte the same. Messages in Ukrainian under --lang uk and a Ukrainian
# locale. oberig never touches HOME (~/.gnupg) and leaves no temporary
# GnuPG home and no gpg-agent behind. Keys are made here.
source "$(dirname "$0")/lib.sh"
command -v gpg >/dev/null && command -v gpgconf >/dev/null ||
  { echo "skip: gpg (GnuPG) is not installed"; exit 77; }
command -v jq >/dev/null || { echo "skip: jq is not installed"; exit 77; }

# oberig and the gpg it runs must leave HOME (and a GNUPGHOME in it) alone;
# every temporary folder of theirs goes under $TMPDIR, checked at the end.
export HOME=$WORK/home TMPDIR=$WORK/tmp GNUPGHOME=$WORK/home/.gnupg
mkdir -p "$HOME" "$TMPDIR"
chmod 700 "$HOME"
keys=$WORK/keys
mkdir -m 700 "$keys"
kgpg() { gpg --homedir "$keys" --batch --quiet "$@"; }
cleanup_keys() { gpgconf --homedir "$keys" --kill all 2>/dev/null || true; }
trap 'cleanup_keys; chmod -R u+rwx "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT

# ---- keys: the helpline's, another one, and one with a passphrase -------------
kgpg --passphrase '' --quick-gen-key 'Helpline <help@example.org>' ed25519 sign never 2>/dev/null
kgpg --passphrase '' --quick-gen-key 'Stranger <other@example.org>' ed25519 sign never 2>/dev/null
kgpg --pinentry-mode loopback --passphrase 'secret words' \
  --quick-gen-key 'Guarded <guarded@example.org>' ed25519 sign never 2>/dev/null
fingerprint() { kgpg --with-colons --list-keys "$1" | awk -F: '$1 == "fpr" { print $10; exit }'; }
helpline_fpr=$(fingerprint help@example.org)
other_fpr=$(fingerprint other@example.org)
[[ ${#helpline_fpr} -eq 40 && ${#other_fpr} -eq 40 ]] || fail "keys were not made"
kgpg --armor --export help@example.org >"$WORK/helpline.asc"
kgpg --export-secret-keys help@example.org >"$WORK/helpline.key"
kgpg --export-secret-keys other@example.org >"$WORK/other.key"
kgpg --pinentry-mode loopback --passphrase 'secret words' \
  --export-secret-keys guarded@example.org >"$WORK/guarded.key"
cleanup_keys

# ---- what a helpline sends ------------------------------------------------------
mkdir -p "$WORK/send/iocs/lists" "$WORK/send/rules" "$WORK/send/iocs/.git"
printf 'domain,evil-update.example,update server,Wave Nine\nemail,drop@evil-update.example,,Wave Nine\n' \
  >"$WORK/send/iocs/lists/wave.csv"
printf '%s;Wave Nine dropper\n' "$(printf 'dropper' | sha256sum | cut -d' ' -f1)" \
  >"$WORK/send/iocs/hash-iocs.txt"
echo 'rule wave_nine { strings: $a = "wave-nine" condition: $a }' >"$WORK/send/rules/wave.yar"
echo 'not sent' >"$WORK/send/iocs/.git/config"
ln -s /etc/passwd "$WORK/send/iocs/link.csv"

cd "$WORK"
run_oberig out err ioc bundle create send/iocs send/rules -o update.bundle --sign-with helpline.key
expect_status 0 "bundle create"
expect_contains out "signed bundle written: update.bundle"
expect_contains out "3 files packed"
expect_contains out "2 hidden files, links or special files left out"
expect_contains out "$helpline_fpr"
[[ -s update.bundle ]] || fail "no bundle written"
ls -a | grep -q '^\.update\.bundle\.' && fail "a temporary file of the bundle was left"
pass
# What it holds is readable with gpg alone: the manifest, then the files.
kgpg --import helpline.asc 2>/dev/null
kgpg --decrypt update.bundle >content 2>/dev/null || fail "gpg does not verify the bundle"
cleanup_keys
expect_contains content "oberig-indicator-bundle 1"
expect_contains content " rules/wave.yar"
expect_contains content " iocs/lists/wave.csv"
expect_not_contains content "not sent"
expect_not_contains content "root:"
run_oberig out err ioc bundle create send/iocs -o jsonl.bundle --sign-with helpline.key --format jsonl
expect_status 0 "bundle create, jsonl"
jq_expect out "length == 1 and .[0].type == \"bundle\" and .[0].files == 2 and .[0].signer == \"$helpline_fpr\""

# ---- bundle create refuses what it cannot sign ------------------------------------
run_oberig out err ioc bundle create send/iocs -o guarded.bundle --sign-with guarded.key
expect_status 2 "a key with a passphrase"
expect_contains err "is protected by a passphrase"
[[ ! -e guarded.bundle ]] || fail "a bundle was written without a signature"
run_oberig out err ioc bundle create send/iocs -o public.bundle --sign-with helpline.asc
expect_status 2 "a public key cannot sign"
expect_contains err "holds no secret key that can sign"
run_oberig out err ioc bundle create send/iocs -o x.bundle
expect_status 2 "no --sign-with"
run_oberig out err ioc bundle create -o x.bundle --sign-with helpline.key
expect_status 2 "nothing to pack"
run_oberig out err ioc import update.bundle --sign-with helpline.key
expect_status 2 "--sign-with on import"
run_oberig out err ioc import update.bundle other.bundle --trust helpline.asc
expect_status 2 "--trust takes one bundle"

# ---- the good bundle imports, vouched for by the helpline's key -------------------
db=$WORK/store.db
run_oberig out err ioc import update.bundle --trust helpline.asc --db "$db"
expect_status 0 "import the signed bundle"
expect_contains out "the bundle's signature is good, made by the key: $helpline_fpr"
run_oberig list err ioc list --db "$db" --format jsonl
dropper_sha=$(printf 'dropper' | sha256sum | cut -d' ' -f1)
jq_expect list "map(select(.type == \"indicator\")) | (map(.value) | sort) == ([\"drop@evil-update.example\", \"evil-update.example\", \"$dropper_sha\"] | sort)"
jq_expect list "map(select(.type == \"indicator\")) | length == 3 and all(.signer == \"$helpline_fpr\")"
jq_expect list 'map(select(.type == "indicator")) | all(.source_file | startswith("update.bundle:iocs/"))'
jq_expect list 'map(select(.type == "indicator")) | (map(.source) | unique) == ["iocs"]'
# The rule file is kept too, vouched for by the same key.
jq_expect list "map(select(.type == \"rule_file\")) | length == 1 and .[0].source_file == \"update.bundle:rules/wave.yar\" and .[0].signer == \"$helpline_fpr\" and .[0].rules == 1"
run_oberig human err ioc list --db "$db"
expect_contains human "vouched for by the key: $helpline_fpr"
# The rule file came along: kept with the rules, not counted as ignored.
run_oberig out err ioc import update.bundle --trust helpline.asc --db "$db" --format jsonl
expect_status 0 "import again, jsonl"
jq_expect out ".[0].type == \"import\" and .[0].signer == \"$helpline_fpr\" and .[0].ignored_files == 0 and .[0].rule_files == 1"
# Indicators imported from plain files carry no signer.
run_oberig out err ioc import send/iocs/lists/wave.csv --db "$WORK/plain.db"
run_oberig out err ioc list --db "$WORK/plain.db" --format jsonl
jq_expect out 'all(has("signer") | not)'

# ---- refused: the store stays byte for byte the same -------------------------------
snapshot() { sha256sum "$db" | cut -d' ' -f1; }
# refused BUNDLE EXPECTED_MESSAGE: exit 2, the message, nothing imported.
refused() {
  local before listed_before
  before=$(snapshot)
  "$OBERIG" ioc list --db "$db" --format jsonl >listed_before
  run_oberig out err ioc import "$1" --trust helpline.asc --db "$db"
  expect_status 2 "refuse $1"
  expect_contains err "$2"
  expect_contains err "nothing was imported"
  [[ $(snapshot) == "$before" ]] || fail "$1 changed the store"
  "$OBERIG" ioc list --db "$db" --format jsonl >listed_after
  cmp -s listed_before listed_after || fail "$1 changed what the store lists"
  pass
}
# One byte changed, anywhere: in the signed text, in the manifest, at the end.
size=$(stat -c %s update.bundle)
for offset in $((size / 2)) 40 $((size - 20)); do
  cp update.bundle altered.bundle
  byte=$(od -An -tu1 -j "$offset" -N1 altered.bundle | tr -d ' ')
  printf "$(printf '\\%03o' $(((byte + 1) % 256)))" |
    dd of=altered.bundle bs=1 seek="$offset" conv=notrunc status=none
  cmp -s update.bundle altered.bundle && fail "the byte at $offset was not changed"
  refused altered.bundle "after it was signed"
done
# A changed indicator in the signed text: a bad signature, said so.
grep -c 'evil-update.example' update.bundle >/dev/null || fail "the bundle is compressed"
sed 's/evil-update\.example/evil-updatf.example/' update.bundle >changed.bundle
refused changed.bundle "was changed after it was signed (bad signature)"
# Signed by another key.
run_oberig out err ioc bundle create send/iocs -o other.bundle --sign-with other.key
expect_status 0 "a bundle signed by another key"
refused other.bundle "is signed by another key ($other_fpr), not by the key in 'helpline.asc'"
# Unsigned: the content alone, or an OpenPGP message without a signature.
refused content "is not signed"
kgpg --store --output stored.gpg content
cleanup_keys
refused stored.gpg "refused"
# Truncated, empty, a key file given as the bundle, and a missing bundle.
head -c $((size / 2)) update.bundle >truncated.bundle
refused truncated.bundle "refused"
: >empty.bundle
refused empty.bundle "is not signed"
refused helpline.asc "refused"
# Refused before any store is opened: none is made where there was none.
run_oberig out err ioc import other.bundle --trust helpline.asc --db "$WORK/never-made.db"
expect_status 2 "refuse into a store that does not exist"
[[ ! -e $WORK/never-made.db ]] || fail "a refused bundle made a store"
pass
run_oberig out err ioc import missing.bundle --trust helpline.asc --db "$db"
expect_status 2 "missing bundle"
run_oberig out err ioc import update.bundle --trust missing.asc --db "$db"
expect_status 2 "missing key file"
expect_contains err "cannot read key file 'missing.asc'"
run_oberig out err ioc import update.bundle --trust content --db "$db"
expect_status 2 "a key file without a key"
expect_contains err "holds no OpenPGP key"
# The secret key file also holds the public key: it may be trusted.
run_oberig out err ioc import update.bundle --trust helpline.key --db "$WORK/from-secret.db"
expect_status 0 "trust the secret key file"

# ---- extract: the rules come out for oberig scan --rules -------------------------
run_oberig out err ioc bundle extract update.bundle -o received --trust helpline.asc
expect_status 0 "bundle extract"
expect_contains out "its files are in the folder: received"
expect_contains out "3 files written"
expect_contains out "$helpline_fpr"
cmp -s received/rules/wave.yar send/rules/wave.yar || fail "the rule file did not come out whole"
cmp -s received/iocs/lists/wave.csv send/iocs/lists/wave.csv || fail "the CSV did not come out whole"
[[ ! -e received/iocs/.git && ! -e received/iocs/link.csv ]] || fail "a hidden file or link came out"
[[ $(stat -c %a received) == 700 ]] || fail "the folder extracted into is not private"
pass
echo 'wave-nine' >sample.txt
run_oberig out err scan --no-store --rules received/rules sample.txt --format jsonl
expect_status 1 "the extracted rules find the sample"
jq_expect out 'map(select(.type == "finding")) | .[0].reasons[0].name == "wave_nine"'
run_oberig out err ioc bundle extract update.bundle -o received --trust helpline.asc
expect_status 2 "extract into a folder that exists"
run_oberig out err ioc bundle extract changed.bundle -o refused --trust helpline.asc
expect_status 2 "extract a changed bundle"
expect_contains err "was changed after it was signed"
expect_contains err "nothing was extracted"
[[ ! -e refused ]] || fail "a refused bundle made its folder"
pass
run_oberig out err ioc bundle extract other.bundle -o refused --trust helpline.asc --format jsonl
expect_status 2 "extract a bundle signed by another key"
[[ ! -s out && ! -e refused ]] || fail "a refused extract wrote something"
pass
run_oberig out err ioc bundle extract update.bundle -o received-jsonl --trust helpline.asc --format jsonl
jq_expect out ".[0].type == \"extract\" and .[0].files == 3 and .[0].signer == \"$helpline_fpr\""
run_oberig out err ioc bundle extract update.bundle -o x
expect_status 2 "extract needs --trust"

# ---- in Ukrainian ---------------------------------------------------------------
for how in option locale; do
  if [[ $how == option ]]; then
    uk() { "$OBERIG" --lang uk "$@"; }
  else
    uk() { env -i "${OB_SANITIZER_ENV[@]}" PATH="$PATH" HOME="$HOME" TMPDIR="$TMPDIR" \
      LANG=uk_UA.UTF-8 "$OBERIG" "$@"; }
  fi
  status=0
  uk ioc import other.bundle --trust helpline.asc --db "$db" >out 2>err || status=$?
  expect_status 2 "other key, $how"
  expect_contains err "підписаний іншим ключем ($other_fpr), а не ключем з «helpline.asc»: відхилено"
  expect_contains err "нічого не імпортовано"
  expect_not_contains err "refused"
  expect_not_contains err "signed by another key"
  status=0
  uk ioc import changed.bundle --trust helpline.asc --db "$db" >out 2>err || status=$?
  expect_status 2 "changed, $how"
  expect_contains err "змінили після того, як його підписали"
  status=0
  uk ioc import content --trust helpline.asc --db "$db" >out 2>err || status=$?
  expect_status 2 "unsigned, $how"
  expect_contains err "не підписаний"
  status=0
  uk ioc bundle create send/iocs -o uk.bundle --sign-with helpline.key >out 2>err || status=$?
  expect_status 0 "bundle create, $how"
  expect_contains out "підписаний пакет індикаторів записано: uk.bundle"
  expect_contains out "запаковано 2 файли"
  expect_contains out "пропущено 2 приховані файли, посилання чи спеціальні файли"
  expect_contains out "підписано ключем: $helpline_fpr"
  expect_not_contains out "signed"
  status=0
  uk ioc import uk.bundle --trust helpline.asc --db "$WORK/uk-$how.db" >out 2>err || status=$?
  expect_status 0 "import, $how"
  expect_contains out "підпис пакета справжній, його зроблено ключем: $helpline_fpr"
  uk ioc list --db "$WORK/uk-$how.db" >out
  expect_contains out "ручається ключ: $helpline_fpr"
  expect_not_contains out "vouched"
  status=0
  uk ioc bundle extract uk.bundle -o "uk-$how" --trust helpline.asc >out 2>err || status=$?
  expect_status 0 "extract, $how"
  expect_contains out "його файли — у теці: uk-$how"
  expect_contains out "записано 2 файли"
  expect_not_contains out "written"
done
# The same JSON lines in both languages, but for the import's time.
"$OBERIG" --lang en ioc list --db "$db" --format jsonl >list-en
"$OBERIG" --lang uk ioc list --db "$db" --format jsonl >list-uk
cmp -s list-en list-uk || fail "ioc list --format jsonl differs between English and Ukrainian"
pass
"$OBERIG" ioc import update.bundle --trust helpline.asc --db "$WORK/en.db" --format jsonl |
  jq -c 'del(.seconds)' >import-en
"$OBERIG" --lang uk ioc import update.bundle --trust helpline.asc --db "$WORK/uk.db" --format jsonl |
  jq -c 'del(.seconds)' >import-uk
cmp -s import-en import-uk || fail "the import's JSON line differs between English and Ukrainian"
pass

# ---- nothing left behind -----------------------------------------------------------
[[ -z $(ls -A "$HOME") ]] || { ls -la "$HOME" >&2; fail "HOME was written to"; }
pass
leftovers=$(ls -A "$TMPDIR")
[[ -z $leftovers ]] || fail "temporary folders left in TMPDIR: $leftovers"
pass
if pgrep -f "$TMPDIR/oberig-gpg" >/dev/null; then
  pgrep -af "$TMPDIR/oberig-gpg" >&2
  fail "a gpg-agent of oberig is still running"
fi
pass
finish
