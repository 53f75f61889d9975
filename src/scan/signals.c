/* SPDX-License-Identifier: Apache-2.0 */
/* The scan's signal table: every reason a finding can give, and the advice
 * that closes a scan, declared once. */
#include "core/i18n.h"
#include "oberig/scan.h"

static const struct ob_signal_def signals[] = {
    [OB_SIGNAL_YARA] =
        {
            .id = "yara",
            .score = OB_SIGNAL_SCORE_FROM_INDICATOR,
            .score_note = N_("The rule's `score` value. If the rule has none: 75."),
            .title = N_("matches the YARA rule"),
            .summary = N_("A YARA rule matched the content. Its `description` meta is shown."),
        },
    [OB_SIGNAL_HASH] =
        {
            .id = "hash",
            .score = OB_SIGNAL_SCORE_FROM_INDICATOR,
            .score_note = N_("The score on the list line. If it has none: 100."),
            .title = N_("is a known malicious file (hash)"),
            .summary = N_("The MD5, SHA-1 or SHA-256 of the content is on a hash list."),
        },
    [OB_SIGNAL_FILENAME] =
        {
            .id = "filename",
            .score = OB_SIGNAL_SCORE_FROM_INDICATOR,
            .score_note = N_("The score on the list line."),
            .title = N_("has a name used by known malware or attackers"),
            .summary = N_(
                "The full path (for a file inside an archive: the archive's path, `/`, and the "
                "member's path) matches a pattern on a file-name list."),
        },
    [OB_SIGNAL_TYPE_MISMATCH] =
        {
            .id = "type-mismatch",
            .score = 60,
            .title = N_("is a program disguised as another type"),
            .summary = N_(
                "The content is a program (Windows EXE/DLL, Linux ELF, macOS Mach-O), but the "
                "name ends like a document, picture, media file, text or archive (`.pdf`, "
                "`.docx`, `.jpg`, `.mp4`, `.txt`, `.zip` ...). A Windows program is known only "
                "by the two letters `MZ` at its start, so for it the type description (as "
                "`file` gives it) must also call it an executable: a text that happens to "
                "begin with \"MZ\" is not flagged. ELF and Mach-O headers need no such check."),
            .explanation = N_(
                /* TRANSLATORS: the first %s is the end of the file name (".jpg"), the
                 * second the type of the content as libmagic describes it. */
                "the name ends in \"%s\" so it looks like a document or picture, but the "
                "content is a program (%s); opening it would run it"),
        },
    [OB_SIGNAL_DOUBLE_EXTENSION] =
        {
            .id = "double-extension",
            .score = 50,
            .title = N_("hides its real extension"),
            .summary = N_(
                "The name ends in a type that runs when opened (`.exe`, `.scr`, `.js`, "
                "`.lnk`, `.iso` ...), just after a harmless one (`.pdf`, `.jpg` ...). Spaces, "
                "dots or underscores in between also count (`photo.jpg      .scr`)."),
            .explanation = N_(
                /* TRANSLATORS: the file name, the extension it shows (".pdf") and the
                 * one it really ends in (".exe"). */
                "the name \"%s\" shows \"%s\" but really ends in \"%s\", a type that runs "
                "when opened: a classic way to disguise a program as a document"),
        },
    [OB_SIGNAL_RTLO] =
        {
            .id = "rtlo",
            .score = 70,
            .title = N_("uses a reversed-text trick in its name"),
            .summary = N_(
                "The name contains a right-to-left override or another invisible character "
                "that reorders text (U+202A–U+202E, U+2066–U+2069). The reason names the "
                "character found, for example `U+202E` or `U+2066`."),
            .explanation = N_(
                /* TRANSLATORS: the file name and the invisible character found in it
                 * ("U+202E"). */
                "the name \"%s\" contains the invisible character %s, which reverses the "
                "text after it on screen, so a program named like \"photo[U+202E]gpj.exe\" "
                "is shown as \"photoexe.jpg\""),
        },
    [OB_SIGNAL_WIPER_OVERWRITTEN] =
        {
            .id = "wiper-overwritten",
            .score = 70,
            .title = N_("was overwritten, as wipers do"),
            .summary = N_(
                "The name ends like a file that begins with a format header (`.docx`, `.pdf`, "
                "`.jpg`, `.zip`, `.exe` ...; the list is data/scan/structured-extensions.txt), "
                "but its first 4 KiB (all of a smaller file of at least 512 bytes) are one "
                "byte repeated, or a pattern of up to 16 bytes repeated. WhisperGate (January "
                "2022) overwrote the start of every file with the byte 0xCC. The reason names "
                "the bytes, for example `0xcc`."),
            .explanation = N_(
                /* TRANSLATORS: the end of the file name (".docx") and the repeated
                 * bytes ("0xcc" or "0x00 0xff"). */
                "the name ends in \"%s\", a type that begins with a format header, but the "
                "start of the file is nothing but %s repeated: the content was destroyed, as "
                "wipers do"),
        },
    [OB_SIGNAL_WIPER_RENAMED] =
        {
            .id = "wiper-renamed",
            .score = 40,
            .title = N_("was renamed with an extension no program uses"),
            .summary = N_(
                "The name ends in an extension of 3 to 8 letters and digits that no program "
                "uses, added after a document's, picture's or program's own extension "
                "(`report.docx.9fa2`). Ransomware and wipers rename files this way. Weak "
                "alone; many such names in one scan are shown together in the summary. "
                "Extensions that tools do add (`.bak`, `.part`, `.gpg` ...) are in "
                "data/scan/known-extensions.txt and do not count, nor do digits alone "
                "(`.001`)."),
            .explanation = N_(
                /* TRANSLATORS: the file name, the extension added at its end (".9fa2")
                 * and the file's own extension before it (".docx"). */
                "the name \"%s\" ends in \"%s\", an extension no program uses, added after "
                "the file's own \"%s\": ransomware and wipers rename files this way"),
        },
    [OB_SIGNAL_RANSOM_NOTE] =
        {
            .id = "ransom-note",
            .score = 70,
            .title = N_("looks like a ransom note"),
            .summary = N_(
                "The file name is one that ransomware or a wiper leaves behind "
                "(`@Please_Read_Me@.txt`, `RyukReadMe.txt` ...), or a small text file "
                "(`.txt`, `.html`, `.htm`, `.hta`, `.rtf` or no extension) "
                "contains a phrase of such notes (\"your hard drive has been corrupted\" "
                "...). Names and phrases, each with its origin, are in "
                "data/scan/ransom-notes.txt. The reason names the name or phrase matched."),
            .explanation = N_(
                /* TRANSLATORS: the name or phrase matched, then where it comes from
                 * ("WhisperGate (January 2022)"), in English as the list has it. */
                "this looks like a ransom note left by ransomware or a wiper: it matches "
                "\"%s\" from the list of known notes (%s)"),
        },
    [OB_SIGNAL_SYSTEM_EMPTY] =
        {
            .id = "system-program-empty",
            .score = 70,
            .title = N_("is a system program emptied to zero bytes"),
            .summary = N_(
                "A file where the system keeps its programs and libraries holds zero bytes: "
                "an executable file directly in a folder named `bin` or `sbin`, a shared "
                "library (`.so`) in a `lib` folder, or a `.exe`, `.dll` or `.sys` in "
                "`Windows/System32`. Such files are never empty; wipers empty them so that "
                "the system cannot start. Judged by the path and permissions, so it works on "
                "a mounted disk too."),
            .explanation = N_("this file is where the system keeps its programs and "
                              "libraries, but it holds nothing: such a file is never empty "
                              "unless something destroyed it, as wipers do"),
        },
    [OB_SIGNAL_SYSTEM_OVERWRITTEN] =
        {
            .id = "system-program-overwritten",
            .score = 100,
            .title = N_("is a system program overwritten, as wipers do"),
            .summary = N_(
                "A system program or library (the folders of `system-program-empty`) whose "
                "first 4 KiB (all of a smaller file of at least 512 bytes) are one byte or a "
                "pattern of up to 16 bytes repeated, where a program header belongs. The "
                "reason names the bytes, for example `0xcc`."),
            .explanation = N_(
                /* TRANSLATORS: the repeated bytes ("0xcc" or "0x00 0xff"). */
                "this system program or library no longer starts as a program does: its "
                "start is nothing but %s repeated, so it was destroyed, as wipers do"),
        },
    [OB_SIGNAL_SYSTEM_SCRAMBLED] =
        {
            .id = "system-program-scrambled",
            .score = 80,
            .title = N_("is a system program overwritten with random-looking bytes"),
            .summary = N_(
                "A system program or library (the folders of `system-program-empty`) of at "
                "least 512 bytes that starts with none of the headers programs start with "
                "(ELF, `MZ`, `#!`) and whose first 4 KiB look random (more than 7.2 bits of "
                "entropy per byte): overwritten with random data, as HermeticWiper did, or "
                "encrypted. The reason gives the entropy."),
            .explanation = N_(
                /* TRANSLATORS: the entropy of its first 4 KiB in bits per byte ("7.95"). */
                "this system program or library no longer starts as a program does: its "
                "start is random-looking bytes (%s bits per byte), as when a wiper overwrites "
                "it with random data or ransomware encrypts it"),
        },
    [OB_SIGNAL_BROWSER_HISTORY] =
        {
            .id = "browser-history",
            .score = OB_SIGNAL_SCORE_FROM_INDICATOR,
            .score_note = N_("100 for each source of the indicator."),
            .title = N_("records visits to a site on an indicator list"),
            .summary = N_(
                "A browser's history database (Firefox and Tor Browser `places.sqlite`; "
                "Chromium, Chrome, Edge, Brave, Opera and Vivaldi `History`), known by its name, "
                "its SQLite header and its tables, holds visits to an address that matches a "
                "domain (or a subdomain of it), URL or IP address of the indicator store or of "
                "the `--iocs` C2 lists. The database is read from a private read-only copy "
                "(with its write-ahead log), never where it lies. One finding per indicator, "
                "with the number of visits, the first and last, and the first 20 with their "
                "page titles. A damaged or hostile database gives a notice."),
            .explanation = N_(
                /* TRANSLATORS: %s is the indicator (a domain, URL or IP address). */
                "this browser history records visits to an address that matches \"%s\", an "
                "indicator of attacks: the times of the visits tell when this device may have "
                "been exposed"),
        },
    [OB_SIGNAL_PROCESS_INDICATOR] =
        {
            .id = "process-indicator",
            .score = OB_SIGNAL_SCORE_FROM_INDICATOR,
            .score_note = N_("100 for each source of the indicator."),
            .title = N_("runs as a process whose name is on an indicator list"),
            .summary = N_("With `--processes`: the name of a running process is a process-name or "
                          "file-name indicator of the indicator store."),
            .explanation = N_(
                /* TRANSLATORS: %s is the process name that is an indicator. */
                "a running process is named \"%s\", a name that known malware or attackers' "
                "tools use"),
        },
    [OB_SIGNAL_PROCESS_DELETED] =
        {
            .id = "process-deleted",
            .score = 40,
            .title = N_("is the program of a running process, deleted from the disk"),
            .summary = N_(
                "With `--processes`: the program a running process was started from has been "
                "deleted (or exists only in memory), so the program is read through "
                "`/proc/PID/exe` and scanned there. Updates leave this until a restart; "
                "malware does it to hide its file."),
            .explanation = N_(
                /* TRANSLATORS: %s is the deleted program's path. */
                "a running process was started from \"%s\", which has since been deleted: "
                "updates leave this until a restart, and so does malware that hides its file"),
        },
    [OB_SIGNAL_PROCESS_TEMP] =
        {
            .id = "process-temp-folder",
            .score = 50,
            .title = N_("is the program of a running process, in a temporary or download "
                        "folder"),
            .summary = N_(
                "With `--processes`: a running process's program lies in a temporary or "
                "user-writable folder where programs are not installed: `/tmp`, `/var/tmp`, "
                "`/dev/shm`, `/run/user`, or a home folder's `Downloads`, `Desktop`, `.cache` "
                "or `tmp`. Malware often runs from such places."),
            .explanation = N_(
                /* TRANSLATORS: %s is the program's path. */
                "a running process runs \"%s\", from a temporary or download folder where "
                "programs are not installed: malware often runs from such places"),
        },
    [OB_SIGNAL_ARCHIVE_APPENDED] =
        {
            .id = "archive-appended",
            .score = 40,
            .title = N_("is a program with an archive appended"),
            .summary = N_(
                "A program (Windows EXE, Linux ELF) carries a zip, 7z or RAR archive after "
                "its own code: the shape of a self-extracting archive, which unpacks and often "
                "runs what it holds, and a common way to deliver malware. Installers are also "
                "built like this. oberig finds the archive as its readers do (a zip by the "
                "record at its end, 7z and RAR by their checked headers) and scans its members "
                "like those of any archive."),
            .explanation = N_(
                /* TRANSLATORS: the archive format ("zip", "7z", "RAR") and the byte
                 * offset where it starts. */
                "this program carries a %s archive, starting at byte %s: the shape of a "
                "self-extracting archive, a common way to deliver malware; what it holds "
                "is scanned as well"),
        },
    [OB_SIGNAL_ARCHIVE_AFTER_DATA] =
        {
            .id = "archive-after-data",
            .score = 40,
            .title = N_("hides an archive after other data"),
            .summary = N_(
                "A zip archive starts after other bytes that are not a program (a picture, "
                "text, random data). Archive programs still open it, so files can hide there "
                "from a quick look at the first bytes. oberig scans its members like those "
                "of any archive."),
            .explanation = N_(
                /* TRANSLATORS: the archive format ("zip") and the byte offset where it
                 * starts. */
                "a %s archive starts at byte %s, after other data: archive programs open it, "
                "so it can hide files from a quick look; what it holds is scanned as well"),
        },
};

_Static_assert(sizeof(signals) / sizeof(signals[0]) == OB_SIGNAL_COUNT,
               "every enum ob_signal has its entry in the table");

static const struct ob_advice_def advice[] = {
    {.id = "scan-found",
     .text = N_(/* TRANSLATORS: follows the heading "What now:" at the end of a scan; keep
                   the lines shorter than 80 characters. */
                "something here matches known malware or attacker tools. Do not\n"
                "open, run or delete the files listed above. Keep the device as it is (unplug\n"
                "it from the network if you can) and share this report with your helpline.")},
    {.id = "scan-notice",
     .text = N_(/* TRANSLATORS: follows the heading "What now:" at the end of a scan; keep
                   the lines shorter than 80 characters. */
                "nothing strongly suspicious was found; the notices above are\n"
                "unusual but usually harmless. A helper can confirm them.")},
    {.id = "scan-clean",
     .text = N_(/* TRANSLATORS: follows the heading "What now:" at the end of a scan; keep
                   the lines shorter than 80 characters. */
                "nothing known was found in what was scanned. This cannot prove\n"
                "a device is clean: new malware is not yet in any list.")},
    {.id = "scan-incomplete",
     .text = N_(/* TRANSLATORS: follows the heading "What now:" at the end of a scan; keep
                   the lines shorter than 80 characters. */
                "nothing known was found in what could be read, but not everything\n"
                "could be read (see the errors above). Scan those files again with the\n"
                "right permissions (as administrator or root) before calling the device clean.")},
    {.id = "scan-unread",
     .text = N_(/* TRANSLATORS: follows the heading "What now:" at the end of a scan; keep
                   the lines shorter than 80 characters. */
                "nothing could be read, so nothing was checked. Look at the errors\n"
                "above: is the path right, is the disk mounted, do you have the rights\n"
                "to read it (as administrator or root)?")},
};

static const struct ob_signal_table table = {
    .capability = "scan",
    .signals = signals,
    .signal_count = sizeof(signals) / sizeof(signals[0]),
    .advice = advice,
    .advice_count = sizeof(advice) / sizeof(advice[0]),
};

const struct ob_signal_table *ob_scan_signals(void)
{
    return &table;
}

const struct ob_signal_def *ob_scan_signal(enum ob_signal signal)
{
    return (unsigned)signal < OB_SIGNAL_COUNT ? &signals[signal] : NULL;
}

const char *ob_signal_name(enum ob_signal signal)
{
    const struct ob_signal_def *def = ob_scan_signal(signal);
    return def != NULL ? def->id : "unknown";
}
