# SPDX-License-Identifier: Apache-2.0
# Windows registry hives for the tests, written with hivex's own hivexsh
# from an empty hive made here (libhivex ships none). Sourced after lib.sh.

# An empty hive: the regf header, one hbin holding the root key, its
# security cell, and free space.
empty_hive() {
  python3 - "$1" <<'EOF'
import struct, sys
hbin = bytearray(4096)
hbin[0:4] = b"hbin"
struct.pack_into("<II", hbin, 4, 0, 4096)
nk = bytearray(88)
struct.pack_into("<i2sH", nk, 0, -88, b"nk", 0x2C)
struct.pack_into("<IIIIIIIII", nk, 20, 0, 0, 0, 0xFFFFFFFF, 0xFFFFFFFF, 0, 0xFFFFFFFF, 0x78,
                 0xFFFFFFFF)
struct.pack_into("<HH", nk, 76, 4, 0)
nk[80:84] = b"ROOT"
sk = bytearray(48)
struct.pack_into("<i2sHIIII", sk, 0, -48, b"sk", 0, 0x78, 0x78, 1, 20)
struct.pack_into("<BBH", sk, 24, 1, 0, 0x8000)
hbin[0x20:0x20 + 88] = nk
hbin[0x78:0x78 + 48] = sk
struct.pack_into("<i", hbin, 0xA8, 4096 - 0xA8)
header = bytearray(4096)
header[0:4] = b"regf"
struct.pack_into("<IIQIIIIIII", header, 4, 1, 1, 0, 1, 3, 0, 1, 0x20, 4096, 1)
checksum = 0
for i in range(0, 508, 4):
    checksum ^= struct.unpack_from("<I", header, i)[0]
struct.pack_into("<I", header, 508, checksum)
open(sys.argv[1], "wb").write(header + hbin)
EOF
}
# hive FILE: an empty hive filled by the hivexsh commands on standard input.
hive() {
  empty_hive "$1"
  hivexsh -w "$1" || fail "hivexsh could not write $1"
}

