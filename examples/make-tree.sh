#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds a small synthetic "client laptop" tree for the demo and the tests.
# Nothing here is malware: the EICAR anti-virus test string is assembled at
# run time, and the "programs" are a few header bytes, not code.
set -euo pipefail
dest=${1:?usage: make-tree.sh DEST_DIR}
mkdir -p "$dest"
cd "$dest"

eicar() { printf '%s%s' 'X5O!P%@AP[4\PZX54(P^)7CC)7}$' 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'; }
pe_header() { printf 'MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00'; head -c 200 /dev/zero; printf 'This program cannot be run in DOS mode.'; }

mkdir -p Users/olena/Documents Users/olena/Downloads Users/olena/AppData/Local/Temp Windows/System32 www
printf 'Minutes of the editorial meeting, 14 January.\n' > Users/olena/Documents/minutes.txt
printf '%%PDF-1.4\n%% a harmless document\n' > Users/olena/Documents/report.pdf

# Known test "malware": the EICAR string, on disk and inside a zip.
eicar > Users/olena/Downloads/eicar.com
if command -v zip >/dev/null; then
  (cd Users/olena/Downloads && zip -q -j invoice-archive.zip eicar.com)
fi

# A program dressed up as a document, and a double extension.
pe_header > "Users/olena/Downloads/scan_passport.jpg"
pe_header > "Users/olena/Downloads/invoice.pdf.exe"
# The right-to-left override makes this display as "reportexe.doc".
pe_header > "$(printf 'Users/olena/Downloads/report\u202ecod.exe')"

# A tool name that attackers use, in a temporary folder.
printf 'not really mimikatz\n' > Users/olena/AppData/Local/Temp/mimikatz.exe

# The fictional campaign of examples/indicators drops this "updater".
mkdir -p Users/olena/AppData/Roaming/Updater
printf 'a harmless stand-in for a dropped program\n' > Users/olena/AppData/Roaming/Updater/svc-updater.exe

# A web shell-like script (inert: it only contains the tell-tale strings).
printf '<?php /* demo */ if(isset($_REQUEST["cmd"])){ echo "<pre>"; system_demo($_REQUEST["cmd"]); } ?>\n' > www/upload.php

echo "make-tree: example tree written to $dest"
