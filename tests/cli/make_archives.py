# SPDX-License-Identifier: Apache-2.0
"""Writes the archives test_archive_names.sh needs that bsdtar cannot:
zips whose names are in a DOS code page (with and without the Info-ZIP
Unicode Path extra field) or flagged UTF-8 whatever their bytes, and a
stored RAR5 file.

usage: make_archives.py KIND OUT PROGRAM NAME... [--codepage CP]
  zip-utf8          each NAME's bytes as given, with the UTF-8 flag (bit 11)
  zip-codepage      each NAME in CP (cp866, cp1125), no flag
  zip-unicode-path  each NAME in CP, letters it lacks as '?', no flag, and
                    the whole NAME in UTF-8 in an extra field 0x7075
  rar5              each NAME in UTF-8 in a RAR5 archive, stored
Each archive holds PROGRAM under every NAME and, first, a harmless text
"опис.txt" in the folder of the first NAME.
"""
import argparse
import os
import struct
import zlib

NOTE = b"A harmless note beside the program.\n"
UTF8_FLAG = 0x0800


def note_name(name):
    folder = name.rpartition("/")[0]
    return (folder + "/" if folder else "") + "опис.txt"


def write_zip(out, members, flag_bits=0, system=0):
    """A stored zip. members: (name as raw bytes, content, extra); the
    names go in exactly as given (zipfile would flag and re-encode them)."""
    date = (2024 - 1980) << 9 | 3 << 5 | 1      # 1 March 2024
    time = 9 << 11 | 30 << 5                    # 09:30
    attributes = 0o100644 << 16 if system == 3 else 0x20
    data, directory = b"", b""
    for raw, content, extra in members:
        crc = zlib.crc32(content)
        common = struct.pack("<HHHHHIIIHH", 20, flag_bits, 0, time, date, crc,
                             len(content), len(content), len(raw), len(extra))
        directory += (struct.pack("<IH", 0x02014B50, system << 8 | 20) + common
                      + struct.pack("<HHHII", 0, 0, 0, attributes, len(data)) + raw + extra)
        data += struct.pack("<I", 0x04034B50) + common + raw + extra + content
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members),
                      len(directory), len(data), 0)
    with open(out, "wb") as f:
        f.write(data + directory + end)


def unicode_path_extra(raw, name):
    utf8 = name.encode("utf-8")
    return struct.pack("<HHBI", 0x7075, 5 + len(utf8), 1, zlib.crc32(raw)) + utf8


def vint(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def rar5_block(fields):
    """A RAR5 header: the CRC32 of what follows it, the size of the fields
    (from the type on), the fields."""
    body = vint(len(fields)) + fields
    return struct.pack("<I", zlib.crc32(body)) + body


def rar5_file(name, content):
    utf8 = name.encode("utf-8")
    fields = (vint(2)                      # file header
              + vint(0x0002)               # a data area follows
              + vint(len(content))         # its size (stored: packed = unpacked)
              + vint(0x0004)               # the data CRC32 is present
              + vint(len(content))         # unpacked size
              + vint(0x20)                 # Windows attributes: archive
              + struct.pack("<I", zlib.crc32(content))
              + vint(0)                    # version 0, method 0: stored
              + vint(0)                    # written on Windows
              + vint(len(utf8)) + utf8)
    return rar5_block(fields) + content


def write_rar5(out, members):
    data = b"Rar!\x1a\x07\x01\x00"
    data += rar5_block(vint(1) + vint(0) + vint(0))   # main header, no flags
    for name, content in members:
        data += rar5_file(name, content)
    data += rar5_block(vint(5) + vint(0) + vint(0))   # end of archive
    with open(out, "wb") as f:
        f.write(data)


def main():
    parser = argparse.ArgumentParser(usage=__doc__)
    parser.add_argument("kind", choices=["zip-utf8", "zip-codepage", "zip-unicode-path", "rar5"])
    parser.add_argument("out")
    parser.add_argument("program")
    parser.add_argument("names", nargs="+")
    parser.add_argument("--codepage", default="cp866")
    args = parser.parse_args()
    with open(args.program, "rb") as f:
        content = f.read()
    # Names come as the bytes they were given, invalid UTF-8 included.
    raw_names = [os.fsencode(name) for name in args.names]
    names = [raw.decode("utf-8", errors="replace") for raw in raw_names]
    note = note_name(names[0])
    if args.kind == "zip-utf8":
        members = [(note.encode("utf-8"), NOTE, b"")]
        members += [(raw, content, b"") for raw in raw_names]
        write_zip(args.out, members, flag_bits=UTF8_FLAG, system=3)
    elif args.kind == "zip-codepage":
        members = [(note.encode(args.codepage), NOTE, b"")]
        members += [(name.encode(args.codepage), content, b"") for name in names]
        write_zip(args.out, members)
    elif args.kind == "zip-unicode-path":
        members = []
        for name in [note] + names:
            raw = name.encode(args.codepage, errors="replace")
            members.append((raw, NOTE if name == note else content, unicode_path_extra(raw, name)))
        write_zip(args.out, members)
    else:
        write_rar5(args.out, [(note, NOTE)] + [(name, content) for name in names])


if __name__ == "__main__":
    main()
