#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Generates the benchmark tree of issue 13's "oberig triage --quick"
# figure: a Linux root shaped like a typical laptop user's home folder,
# about 20,000 files and 2 GB, the same for the same seed.
#
# usage: bench/gen_home.sh OUT [SEED]      (SEED defaults to 13)
# env:   EICAR=0 leaves out the EICAR test string (by default one file in
#        Downloads holds it, so a run has one known finding)
#
# OUT receives home/olena/{Downloads,Desktop,Documents,Pictures,Music,
# Videos,.cache,.mozilla/firefox/x7k2q9ab.default-release,
# .config/google-chrome/Default,.config/...,.local/share,.local/bin,
# projects/*/node_modules}, etc/, tmp/ and var/tmp/. The mix: many small
# text and source files (node_modules, projects, etc, .config), office
# documents (real zip containers: .docx, .xlsx, .odt) and PDF-like files,
# JPEG-like and MP3-like binaries, browser caches, five large videos of
# random and zero data (100-300 MB), zip archives, SQLite databases in the
# browser profiles, and copies of real ELF programs from /usr/bin (the
# only part that depends on the machine: the same seed picks the same names
# from the sorted list). No malware. File times are spread over the two
# years before 2026-01-01. Uses only bash, coreutils and python3 (with its
# standard sqlite3 and zipfile modules); about 30-60 s on a 2-core machine.
# When done it writes OUT/.gen_home_complete with the seed, the file count
# and the size; an OUT holding that file is left as it is.
set -euo pipefail
out=${1:?usage: gen_home.sh OUT [SEED]}
seed=${2:-13}
if [[ -f "$out/.gen_home_complete" ]]; then
  echo "gen_home: $out is already complete: $(cat "$out/.gen_home_complete")"
  exit 0
fi
command -v python3 >/dev/null || { echo "gen_home: python3 is missing" >&2; exit 2; }
rm -rf "$out"
mkdir -p "$out"
start=$(date +%s)
python3 - "$out" "$seed" "${EICAR:-1}" <<'PYTHON'
import os
import random
import sqlite3
import stat
import sys
import zipfile

out, seed, eicar = sys.argv[1], int(sys.argv[2]), sys.argv[3] != "0"
rng = random.Random(seed)
EPOCH = 1767225600  # 2026-01-01 UTC: file times are the two years before
MB = 1 << 20
files = 0
total = 0

# One pool of random bytes; each binary file is a slice of it at its own
# offset behind its own header, so no two files have the same content.
POOL = rng.randbytes(32 * MB)
WORDS = ("the report meeting budget draft final notes invoice project photo "
         "travel plan review contract minutes olena kyiv lviv odesa grant "
         "proposal letter data export backup summary todo ideas").split()


def when():
    return EPOCH - rng.randrange(2 * 365 * 86400)


def finish(path, size):
    global files, total
    t = when()
    os.utime(path, (t, t))
    files += 1
    total += size


def ensure(path):
    os.makedirs(os.path.dirname(path), exist_ok=True)


def random_bytes(n):
    """n bytes from the pool, starting at a random offset, wrapping."""
    chunks = []
    off = rng.randrange(len(POOL))
    while n > 0:
        take = min(n, len(POOL) - off)
        chunks.append(POOL[off:off + take])
        n -= take
        off = 0
    return b"".join(chunks)


def write(path, data):
    ensure(path)
    with open(path, "wb") as f:
        f.write(data)
    finish(path, len(data))


def write_big(path, size, header, zero_fraction=0.0):
    """A large file written in 8 MiB pieces: random, or zeros for the
    first `zero_fraction` of it (a video recorder's preallocated tail)."""
    ensure(path)
    zeros = int(size * zero_fraction)
    with open(path, "wb") as f:
        f.write(header)
        left = size - len(header)
        while left > 0:
            n = min(left, 8 * MB)
            written = size - left
            f.write(bytes(n) if written < zeros else random_bytes(n))
            left -= n
    finish(path, size)


def text(n):
    words = []
    length = 0
    while length < n:
        w = rng.choice(WORDS)
        words.append(w)
        length += len(w) + 1
        if rng.random() < 0.08:
            words.append("\n")
    return " ".join(words)[:n].encode()


def sized(low, high):
    """A size between low and high bytes, most of them small (log-uniform)."""
    import math
    return int(math.exp(rng.uniform(math.log(low), math.log(high))))


def office(path, kind):
    """A real zip container with XML inside, as .docx/.xlsx/.odt are."""
    ensure(path)
    names = {"docx": ["[Content_Types].xml", "word/document.xml", "word/styles.xml", "docProps/core.xml"],
             "xlsx": ["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml", "docProps/core.xml"],
             "odt": ["mimetype", "content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"]}[kind]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=(2025, 3, 14, 12, 0, 0))
            body = b"application/vnd.oasis.opendocument.text" if name == "mimetype" else \
                b"<?xml version=\"1.0\"?><doc>" + text(sized(2000, 400000)) + b"</doc>"
            z.writestr(info, body, zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED)
        if rng.random() < 0.3:  # an embedded picture
            info = zipfile.ZipInfo("media/image1.jpeg", date_time=(2025, 3, 14, 12, 0, 0))
            z.writestr(info, b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + random_bytes(sized(20000, 900000)),
                       zipfile.ZIP_STORED)
    finish(path, os.path.getsize(path))


def archive(path, members):
    ensure(path)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data, method in members:
            info = zipfile.ZipInfo(name, date_time=(2025, 6, 1, 9, 30, 0))
            z.writestr(info, data, method)
    finish(path, os.path.getsize(path))


def sqlite_db(path, tables):
    """A SQLite database: tables is [(create statement, insert statement, rows)]."""
    ensure(path)
    db = sqlite3.connect(path)
    for create, insert, rows in tables:
        db.execute(create)
        db.executemany(insert, rows)
    db.commit()
    db.close()
    finish(path, os.path.getsize(path))


def urls(n):
    hosts = ["example.org", "news.example.net", "mail.example.com", "docs.example.org",
             "kyiv.example.ua", "shop.example.com", "video.example.net", "bank.example.ua"]
    return ["https://%s/%s/%d" % (rng.choice(hosts), rng.choice(WORDS), rng.randrange(10 ** 6))
            for _ in range(n)]


home = os.path.join(out, "home", "olena")
H = lambda *p: os.path.join(home, *p)

# ---- large files: videos (random, one mostly zeros), ~1 GB -------------------
for i, (mb, zero) in enumerate([(280, 0.0), (220, 0.0), (180, 0.6), (150, 0.0), (100, 0.0)]):
    name = ["wedding-2024.mp4", "screen-recording.mkv", "dashcam-0412.mp4",
            "lecture-week3.webm", "kids-concert.mov"][i]
    where = "Videos" if i % 2 == 0 else "Downloads"
    write_big(H(where, name), mb * MB, b"\x00\x00\x00\x20ftypisom" + bytes(20), zero)

# ---- pictures and music -----------------------------------------------------
for i in range(1200):
    album = "%d-%02d" % (2024 + i % 2, 1 + i % 12)
    write(H("Pictures", album, "IMG_%04d.jpg" % i),
          b"\xff\xd8\xff\xe1\x00\x18Exif\x00\x00" + random_bytes(sized(40000, 1200000)))
for i in range(8):
    write(H("Pictures", "Screenshots", "Screenshot %d.png" % i),
          b"\x89PNG\r\n\x1a\n" + random_bytes(sized(30000, 400000)))
for i in range(60):
    write(H("Music", "Artist %d" % (i % 9), "track%02d.mp3" % i),
          b"ID3\x04\x00\x00\x00\x00\x00\x00" + random_bytes(sized(2 * MB, 6 * MB)))

# ---- documents --------------------------------------------------------------
for i in range(700):
    folder = H("Documents", rng.choice(["work", "personal", "grants", "taxes", "travel", ""]))
    kind = rng.choice(["docx", "docx", "xlsx", "odt", "pdf", "txt", "md"])
    name = "%s-%s-%03d.%s" % (rng.choice(WORDS), rng.choice(WORDS), i, kind)
    path = os.path.join(folder, name)
    if kind in ("docx", "xlsx", "odt"):
        office(path, kind)
    elif kind == "pdf":
        write(path, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + random_bytes(sized(30000, 3 * MB)) + b"\n%%EOF\n")
    else:
        write(path, text(sized(200, 40000)))
for i in range(30):
    write(H("Desktop", "%s %d.%s" % (rng.choice(WORDS), i, rng.choice(["txt", "odt", "pdf", "desktop"]))),
          text(sized(100, 20000)))

# ---- downloads: programs, archives, documents, the EICAR test string -------
elfs = []
for name in sorted(os.listdir("/usr/bin")):
    path = os.path.join("/usr/bin", name)
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > 30 * MB or st.st_size < 20000:
            continue
        with open(path, "rb") as f:
            if f.read(4) == b"\x7fELF":
                elfs.append(path)
    except OSError:
        continue
chosen = rng.sample(elfs, min(40, len(elfs)))
for i, path in enumerate(chosen):
    where = [H("Downloads"), H(".local", "bin"), os.path.join(out, "tmp"),
             H("projects", "tools", "bin")][i % 4]
    with open(path, "rb") as f:
        data = f.read()
    write(os.path.join(where, os.path.basename(path)), data)
for i in range(80):
    kind = rng.choice(["pdf", "docx", "zip", "deb", "AppImage", "txt", "odt"])
    name = "%s_%s_%d.%s" % (rng.choice(WORDS), rng.choice(WORDS), i, kind)
    path = H("Downloads", name)
    if kind == "zip":
        members = [("%s/%s.txt" % (rng.choice(WORDS), rng.choice(WORDS) + str(j)), text(sized(500, 60000)),
                    zipfile.ZIP_DEFLATED) for j in range(rng.randrange(3, 40))]
        members += [("photos/IMG_%d.jpg" % j, b"\xff\xd8\xff\xe0" + random_bytes(sized(50000, 2 * MB)),
                     zipfile.ZIP_STORED) for j in range(rng.randrange(0, 12))]
        archive(path, members)
    elif kind in ("docx", "odt"):
        office(path, kind)
    elif kind in ("deb", "AppImage"):
        header = b"!<arch>\ndebian-binary   " if kind == "deb" else b"\x7fELF\x02\x01\x01\x00AI\x02"
        write(path, header + random_bytes(sized(500000, 12 * MB)))
    else:
        write(path, b"%PDF-1.5\n" + random_bytes(sized(20000, 2 * MB)) if kind == "pdf" else text(sized(200, 20000)))
if eicar:
    write(H("Downloads", "test-file-from-helpline.txt"),
          b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*")

# ---- browser profiles: SQLite databases and caches ----------------------------
ff = H(".mozilla", "firefox", "x7k2q9ab.default-release")
places = urls(6000)
sqlite_db(os.path.join(ff, "places.sqlite"), [
    ("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT, title TEXT, visit_count INTEGER, last_visit_date INTEGER)",
     "INSERT INTO moz_places (url, title, visit_count, last_visit_date) VALUES (?, ?, ?, ?)",
     [(u, rng.choice(WORDS), rng.randrange(1, 50), (EPOCH - rng.randrange(10 ** 7)) * 10 ** 6) for u in places])])
sqlite_db(os.path.join(ff, "cookies.sqlite"), [
    ("CREATE TABLE moz_cookies (id INTEGER PRIMARY KEY, host TEXT, name TEXT, value TEXT, expiry INTEGER)",
     "INSERT INTO moz_cookies (host, name, value, expiry) VALUES (?, ?, ?, ?)",
     [(u.split("/")[2], rng.choice(WORDS), random_bytes(24).hex(), EPOCH + rng.randrange(10 ** 7)) for u in places[:2500]])])
sqlite_db(os.path.join(ff, "formhistory.sqlite"), [
    ("CREATE TABLE moz_formhistory (id INTEGER PRIMARY KEY, fieldname TEXT, value TEXT)",
     "INSERT INTO moz_formhistory (fieldname, value) VALUES (?, ?)",
     [(rng.choice(WORDS), rng.choice(WORDS)) for _ in range(800)])])
for name in ["prefs.js", "user.js", "times.json", "extensions.json", "handlers.json", "xulstore.json"]:
    write(os.path.join(ff, name), text(sized(200, 30000)))
for i in range(1500):
    write(H(".cache", "mozilla", "firefox", "x7k2q9ab.default-release", "cache2", "entries",
            "%040X" % rng.getrandbits(160)), random_bytes(sized(300, 200000)))
for i in range(6):
    write(os.path.join(ff, "extensions", "ext%d@example.org.xpi" % i), random_bytes(sized(50000, 2 * MB)))

chrome = H(".config", "google-chrome", "Default")
sqlite_db(os.path.join(chrome, "History"), [
    ("CREATE TABLE urls (id INTEGER PRIMARY KEY, url TEXT, title TEXT, visit_count INTEGER, last_visit_time INTEGER)",
     "INSERT INTO urls (url, title, visit_count, last_visit_time) VALUES (?, ?, ?, ?)",
     [(u, rng.choice(WORDS), rng.randrange(1, 30), rng.randrange(10 ** 15)) for u in urls(5000)])])
for db in ["Cookies", "Login Data", "Web Data", "Favicons", "Top Sites"]:
    sqlite_db(os.path.join(chrome, db), [
        ("CREATE TABLE entries (id INTEGER PRIMARY KEY, key TEXT, value BLOB)",
         "INSERT INTO entries (key, value) VALUES (?, ?)",
         [(rng.choice(WORDS), random_bytes(sized(20, 400))) for _ in range(rng.randrange(200, 2000))])])
for name in ["Preferences", "Secure Preferences", "Bookmarks"]:
    write(os.path.join(chrome, name), text(sized(2000, 60000)))
for i in range(1500):
    write(os.path.join(chrome, "Cache", "Cache_Data", "%016x_0" % rng.getrandbits(64)),
          random_bytes(sized(300, 150000)))
for i in range(300):
    ext = "%032x" % rng.getrandbits(128)
    write(os.path.join(chrome, "Extensions", ext[:32], "1.%d.0_0" % (i % 7), "%s.js" % rng.choice(WORDS)),
          text(sized(500, 60000)))

# ---- other caches, config and data -----------------------------------------------
for i in range(2100):
    app = rng.choice(["thumbnails/normal", "thumbnails/large", "pip/http", "fontconfig", "mesa_shader_cache",
                      "tracker3", "gnome-software", "vlc"])
    write(H(".cache", app, "%032x" % rng.getrandbits(128)), random_bytes(sized(200, 120000)))
for i in range(500):
    app = rng.choice(["gtk-3.0", "dconf", "libreoffice/4/user", "Code/User", "pulse", "evolution", "autostart",
                      "Signal", "Element", "keepassxc"])
    write(H(".config", app, "%s-%d.%s" % (rng.choice(WORDS), i, rng.choice(["conf", "json", "ini", "xml", "cfg"]))),
          text(sized(50, 15000)))
for i in range(900):
    app = rng.choice(["icons/hicolor/48x48/apps", "applications", "recently-used", "Trash/files", "Trash/info",
                      "gvfs-metadata", "keyrings", "flatpak/exports/share", "nautilus"])
    write(H(".local", "share", app, "%s-%d" % (rng.choice(WORDS), i)), random_bytes(sized(100, 50000))
          if i % 3 else text(sized(100, 8000)))
for name in [".bashrc", ".profile", ".bash_logout", ".bash_history", ".gitconfig", ".ssh/authorized_keys",
             ".ssh/known_hosts", ".ssh/config"]:
    write(H(name), text(sized(100, 8000)))

# ---- projects: sources and node_modules (many small files) ------------------
for p in range(4):
    project = H("projects", ["site", "grant-tracker", "bot", "thesis-tools"][p])
    for i in range(450):
        folder = rng.choice(["src", "src/lib", "tests", "docs", "scripts", ""])
        ext = rng.choice(["c", "h", "py", "js", "ts", "md", "json", "sh", "css", "html"])
        write(os.path.join(project, folder, "%s_%d.%s" % (rng.choice(WORDS), i, ext)), text(sized(100, 30000)))
    for i in range(2100):
        package = "%s-%s" % (rng.choice(WORDS), rng.choice(WORDS))
        folder = os.path.join(project, "node_modules", package, rng.choice(["", "lib", "dist", "src"]))
        name = rng.choice(["index.js", "package.json", "README.md", "LICENSE", "%s.js" % rng.choice(WORDS),
                           "%s.d.ts" % rng.choice(WORDS), "%s.min.js" % rng.choice(WORDS)])
        path = os.path.join(folder, name)
        if os.path.exists(path):
            name = "%d-%s" % (i, name)
            path = os.path.join(folder, name)
        write(path, text(sized(60, 25000)))

# ---- the rest of the root: etc, tmp, var/tmp -----------------------------------
for i in range(700):
    folder = rng.choice(["", "apt/sources.list.d", "systemd/system", "cron.d", "xdg/autostart", "ssh",
                         "default", "profile.d", "NetworkManager/system-connections", "fonts/conf.d",
                         "apparmor.d", "udev/rules.d", "security", "ld.so.conf.d"])
    write(os.path.join(out, "etc", folder, "%s-%d.conf" % (rng.choice(WORDS), i)), text(sized(40, 6000)))
write(os.path.join(out, "etc", "passwd"),
      b"root:x:0:0:root:/root:/bin/bash\nolena:x:1000:1000:Olena,,,:/home/olena:/bin/bash\n")
write(os.path.join(out, "etc", "hostname"), b"olena-laptop\n")
for i in range(120):
    where = os.path.join(out, rng.choice(["tmp", "var/tmp"]), rng.choice(["", "systemd-private-x", ".X11-unix",
                                                                          "mozilla_olena0", "tmp.%d" % (i % 9)]))
    write(os.path.join(where, "%s.%d.tmp" % (rng.choice(WORDS), i)),
          random_bytes(sized(100, 3 * MB)) if i % 2 else text(sized(50, 9000)))

os.chmod(os.path.join(out, "tmp"), 0o1777)
with open(os.path.join(out, ".gen_home_complete"), "w") as f:
    f.write("seed %d, %d files, %d bytes\n" % (seed, files, total))
PYTHON
echo "gen_home: $(cat "$out/.gen_home_complete") in $(( $(date +%s) - start )) s into $out"
