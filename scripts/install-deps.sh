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
  zip xz-utils bzip2 jq sqlite3 # used by the end-to-end tests (archive fixtures, JSON checks,
                                 # a store of an older schema)
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all packages present"
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then
    exec sudo "$0" "$@"
  fi
  echo "install-deps: run as root to install: ${missing[*]}" >&2
  exit 2
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
