#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the Debian 12 packages oberig needs to build and test, only those
# missing. Run as root (or with sudo). Safe to run again.
set -euo pipefail

packages=(
  build-essential cmake pkg-config clang-format
  libyara-dev libssl-dev libarchive-dev libmagic-dev libmagic-mgc libcmocka-dev
  libsqlite3-dev libjansson-dev libicu-dev libyaml-dev libgmime-3.0-dev libpsl-dev publicsuffix
  yara          # the reference scanner, used by bench/ for comparison
  groff-base    # groff: the man pages, English and Ukrainian, are checked to render cleanly
  gettext       # msgfmt, xgettext: the message catalogs (po/), built by CMake and checked by tests
  locales       # uk_UA.UTF-8, generated below: the tests run oberig under it
  zip xz-utils bzip2 jq sqlite3 # used by the end-to-end tests (archive fixtures, JSON checks,
                                 # a store of an older schema)
  strace                        # tests/cli/test_scan_owners.sh: a scan opens no socket
  time                          # /usr/bin/time: CPU and wall seconds in the bench/ scripts
  libarchive-tools python3      # bsdtar and a script write the tests' 7z, tar, ISO, zip and
                                # rar archives with Cyrillic member names
  libgpgme-dev gnupg            # OpenPGP: signed indicator bundles and the encrypted hand-off
                                # (src/handoff/pgp.c runs gpg through GPGME)
  fdisk grub-pc-bin syslinux-common # sfdisk writes the bootrec tests' disk images; GRUB's
                                # boot.img and SYSLINUX's mbr.bin are their known-good code
  libhivex-dev libhivex-bin     # oberig persistence reads Windows registry hives; hivexsh
                                # writes the persistence tests' hives
  chromium      # headless: tests/cli/test_report.sh loads report.html, checks its DOM and
                # takes a screenshot (skipped when absent)
  fonts-dejavu-core # a font with Cyrillic for that screenshot (chromium depends on none)
)

# Locales the tests run oberig under, besides C and C.UTF-8 (always present).
locales=(uk_UA.UTF-8 en_US.UTF-8)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done

missing_locales=()
have_locales=$(locale -a 2>/dev/null | tr '[:upper:]' '[:lower:]' | sed 's/utf-8/utf8/')
for wanted in "${locales[@]}"; do
  normal=$(echo "$wanted" | tr '[:upper:]' '[:lower:]' | sed 's/utf-8/utf8/')
  grep -qx "$normal" <<<"$have_locales" || missing_locales+=("$wanted")
done

if [[ ${#missing[@]} -eq 0 && ${#missing_locales[@]} -eq 0 ]]; then
  echo "install-deps: all packages and locales present"
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then
    exec sudo "$0" "$@"
  fi
  echo "install-deps: run as root to install: ${missing[*]} ${missing_locales[*]}" >&2
  exit 2
fi

if [[ ${#missing[@]} -gt 0 ]]; then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [[ ${#missing_locales[@]} -gt 0 ]]; then
  echo "install-deps: generating the locales ${missing_locales[*]}"
  for wanted in "${missing_locales[@]}"; do
    # /etc/locale.gen lists every locale, commented out; enable the wanted one.
    if grep -q "^# *$wanted UTF-8" /etc/locale.gen; then
      sed -i "s/^# *\($wanted UTF-8\)/\1/" /etc/locale.gen
    elif ! grep -q "^$wanted UTF-8" /etc/locale.gen; then
      echo "$wanted UTF-8" >>/etc/locale.gen
    fi
  done
  locale-gen
fi
