/* SPDX-License-Identifier: Apache-2.0 */
/* Attachments: their risks to mail, from name, declared type and structure
 * (programs, scripts, shortcuts, disk images, HTML, Office macros,
 * password-protected archives, iOS profiles, calendar invitations with
 * links), and the scan engine's view of each (hashes, disguises, rule and
 * indicator hits) turned into mail's reasons, each piece of evidence once. */
#include <ctype.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "mail/mail_internal.h"

#define ZIP_HEADERS_MAX 4096 /* local headers looked at per archive */

/* A kind of file risky by its name: its signal is its wording's. */
struct kind {
    const char *extension;
    int score;
    enum mail_wording wording; /* the sentence that says what it is in plain words */
};

static const struct kind dangerous[] = {
    {"exe", 60, OB_MAIL_WORDING_ATTACHMENT_PROGRAM_WINDOWS},
    {"scr", 60, OB_MAIL_WORDING_ATTACHMENT_PROGRAM_SCREEN_SAVER},
    {"com", 60, OB_MAIL_WORDING_ATTACHMENT_PROGRAM_WINDOWS},
    {"pif", 60, OB_MAIL_WORDING_ATTACHMENT_PROGRAM_WINDOWS},
    {"cpl", 60, OB_MAIL_WORDING_ATTACHMENT_PROGRAM_CONTROL_PANEL},
    {"msi", 60, OB_MAIL_WORDING_ATTACHMENT_PROGRAM_INSTALLER},
    {"dll", 60, OB_MAIL_WORDING_ATTACHMENT_PROGRAM_LIBRARY},
    {"jar", 50, OB_MAIL_WORDING_ATTACHMENT_PROGRAM_JAVA},
    {"apk", 60, OB_MAIL_WORDING_ATTACHMENT_PROGRAM_ANDROID},
    {"app", 50, OB_MAIL_WORDING_ATTACHMENT_PROGRAM_MACOS},
    {"js", 60, OB_MAIL_WORDING_ATTACHMENT_SCRIPT_WINDOWS},
    {"jse", 60, OB_MAIL_WORDING_ATTACHMENT_SCRIPT_WINDOWS},
    {"vbs", 60, OB_MAIL_WORDING_ATTACHMENT_SCRIPT_WINDOWS},
    {"vbe", 60, OB_MAIL_WORDING_ATTACHMENT_SCRIPT_WINDOWS},
    {"wsf", 60, OB_MAIL_WORDING_ATTACHMENT_SCRIPT_WINDOWS},
    {"hta", 60, OB_MAIL_WORDING_ATTACHMENT_SCRIPT_WINDOWS},
    {"ps1", 60, OB_MAIL_WORDING_ATTACHMENT_SCRIPT_POWERSHELL},
    {"bat", 60, OB_MAIL_WORDING_ATTACHMENT_SCRIPT_COMMANDS},
    {"cmd", 60, OB_MAIL_WORDING_ATTACHMENT_SCRIPT_COMMANDS},
    {"reg", 50, OB_MAIL_WORDING_ATTACHMENT_SCRIPT_SETTINGS},
    {"lnk", 60, OB_MAIL_WORDING_ATTACHMENT_SHORTCUT_WINDOWS},
    {"url", 40, OB_MAIL_WORDING_ATTACHMENT_SHORTCUT_INTERNET},
    {"iso", 50, OB_MAIL_WORDING_ATTACHMENT_DISK_IMAGE_DISK},
    {"img", 50, OB_MAIL_WORDING_ATTACHMENT_DISK_IMAGE_DISK},
    {"vhd", 50, OB_MAIL_WORDING_ATTACHMENT_DISK_IMAGE_VIRTUAL},
    {"vhdx", 50, OB_MAIL_WORDING_ATTACHMENT_DISK_IMAGE_VIRTUAL},
    {"html", 40, OB_MAIL_WORDING_ATTACHMENT_HTML_WEB_PAGE},
    {"htm", 40, OB_MAIL_WORDING_ATTACHMENT_HTML_WEB_PAGE},
    {"shtml", 40, OB_MAIL_WORDING_ATTACHMENT_HTML_WEB_PAGE},
    {"xhtml", 40, OB_MAIL_WORDING_ATTACHMENT_HTML_WEB_PAGE},
    {"svg", 30, OB_MAIL_WORDING_ATTACHMENT_HTML_SVG},
    {"docm", 50, OB_MAIL_WORDING_ATTACHMENT_MACRO_DOCUMENT},
    {"xlsm", 50, OB_MAIL_WORDING_ATTACHMENT_MACRO_SPREADSHEET},
    {"pptm", 50, OB_MAIL_WORDING_ATTACHMENT_MACRO_PRESENTATION},
    {"dotm", 50, OB_MAIL_WORDING_ATTACHMENT_MACRO_TEMPLATE},
    {"xlam", 50, OB_MAIL_WORDING_ATTACHMENT_MACRO_ADD_IN},
    {"one", 40, OB_MAIL_WORDING_ATTACHMENT_SCRIPT_ONENOTE},
    {"chm", 50, OB_MAIL_WORDING_ATTACHMENT_SCRIPT_HELP},
    {"mobileconfig", 50, OB_MAIL_WORDING_ATTACHMENT_IOS_PROFILE_BY_NAME},
};

/* Names that promise a document or a picture. */
static const char *const harmless_extensions[] = {"pdf",  "doc",  "docx", "xls", "xlsx",
                                                  "ppt",  "pptx", "txt",  "rtf", "jpg",
                                                  "jpeg", "png",  "gif",  "odt", "csv"};

static const char *extension_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot != NULL && dot[1] != '\0' ? dot + 1 : "";
}

static const struct kind *kind_of(const char *extension)
{
    for (size_t i = 0; i < sizeof(dangerous) / sizeof(dangerous[0]); i++)
        if (strcasecmp(dangerous[i].extension, extension) == 0)
            return &dangerous[i];
    return NULL;
}

static bool is_harmless_extension(const char *extension)
{
    for (size_t i = 0; i < sizeof(harmless_extensions) / sizeof(harmless_extensions[0]); i++)
        if (strcasecmp(harmless_extensions[i], extension) == 0)
            return true;
    return false;
}

static bool starts_with(const unsigned char *data, size_t size, const char *magic, size_t length)
{
    return size >= length && memcmp(data, magic, length) == 0;
}

static bool contains(const unsigned char *data, size_t size, const char *needle)
{
    return memmem(data, size, needle, strlen(needle)) != NULL;
}

static uint16_t le16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Walks a zip's local file headers: encrypted members, macro projects in
 * Office files, programs inside. */
struct zip_facts {
    bool encrypted, vba_project, program;
    char program_name[128];
};

static void read_zip(const unsigned char *data, size_t size, struct zip_facts *facts)
{
    size_t offset = 0;
    for (size_t n = 0; n < ZIP_HEADERS_MAX && offset + 30 <= size; n++) {
        const unsigned char *header = data + offset;
        if (le32(header) != 0x04034b50)
            break;
        uint16_t flags = le16(header + 6);
        uint32_t compressed = le32(header + 18);
        uint16_t name_length = le16(header + 26), extra_length = le16(header + 28);
        if (offset + 30 + name_length > size)
            break;
        const char *name = (const char *)header + 30;
        if (flags & 1)
            facts->encrypted = true;
        if (name_length >= 14 && memmem(name, name_length, "vbaProject.bin", 14) != NULL)
            facts->vba_project = true;
        char member[128];
        size_t copy = name_length < sizeof(member) - 1 ? name_length : sizeof(member) - 1;
        memcpy(member, name, copy);
        member[copy] = '\0';
        const struct kind *kind = kind_of(extension_of(member));
        if (kind != NULL && mail_wording(kind->wording)->signal != OB_MAIL_SIGNAL_ATTACHMENT_HTML &&
            !facts->program) {
            facts->program = true;
            snprintf(facts->program_name, sizeof(facts->program_name), "%s", member);
        }
        /* A data descriptor (flag bit 3) leaves the size unknown here. */
        if (flags & 8)
            break;
        offset += 30 + (size_t)name_length + extra_length + compressed;
    }
}

static bool has_urls(const unsigned char *data, size_t size)
{
    return contains(data, size, "http://") || contains(data, size, "https://");
}

static void check_one(struct ob_mail_verdict_builder *verdict,
                      const struct ob_mail_attachment *attachment)
{
    const char *name = attachment->filename;
    const char *extension = extension_of(name);
    const unsigned char *data = attachment->data;
    size_t size = attachment->size;
    char evidence[512];
    snprintf(evidence, sizeof(evidence), "%s (%s, %zu bytes)", name[0] ? name : "(no name)",
             attachment->content_type, size);

    const struct kind *kind = kind_of(extension);
    if (kind != NULL)
        mail_reason_add_worded_scored(verdict, kind->wording, kind->score, evidence, name);
    if (starts_with(data, size, "PK\x03\x04", 4)) {
        struct zip_facts facts = {0};
        read_zip(data, size, &facts);
        if (facts.encrypted)
            mail_reason_add(verdict, OB_MAIL_SIGNAL_ATTACHMENT_ENCRYPTED_ARCHIVE, evidence, name);
        if (facts.vba_project)
            mail_reason_add(verdict, OB_MAIL_SIGNAL_ATTACHMENT_MACRO, evidence, name);
        if (facts.program)
            mail_reason_add(verdict, OB_MAIL_SIGNAL_ATTACHMENT_ARCHIVE_PROGRAM, facts.program_name,
                            name, facts.program_name);
        if (is_harmless_extension(extension) && strcasecmp(extension, "docx") != 0 &&
            strcasecmp(extension, "xlsx") != 0 && strcasecmp(extension, "pptx") != 0)
            mail_reason_add(verdict, OB_MAIL_SIGNAL_ATTACHMENT_TYPE_MISMATCH, evidence, name,
                            extension);
    } else if (starts_with(data, size, "Rar!\x1a\x07", 6) ||
               starts_with(data, size, "7z\xbc\xaf\x27\x1c", 6)) {
        if (is_harmless_extension(extension))
            mail_reason_add_worded(verdict, OB_MAIL_WORDING_ATTACHMENT_TYPE_MISMATCH_ARCHIVE,
                                   evidence, name, extension);
    } else if (starts_with(data, size, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) &&
               (contains(data, size, "_VBA_PROJECT") || contains(data, size, "Attribute VB_"))) {
        mail_reason_add(verdict, OB_MAIL_SIGNAL_ATTACHMENT_MACRO, evidence, name);
    }
    if (starts_with(data, size, "%PDF", 4)) {
        /* Active content: scripts, launching programs, embedded files. */
        if (contains(data, size, "/JavaScript") || contains(data, size, "/Launch") ||
            contains(data, size, "/EmbeddedFile"))
            mail_reason_add(verdict, OB_MAIL_SIGNAL_ATTACHMENT_PDF_ACTIVE, evidence, name);
        else if (contains(data, size, "/URI"))
            mail_reason_add(verdict, OB_MAIL_SIGNAL_ATTACHMENT_PDF_LINK, evidence, name);
    }
    if (strcasecmp(attachment->content_type, "text/html") == 0 && kind == NULL &&
        !attachment->inline_part)
        mail_reason_add_scored(verdict, OB_MAIL_SIGNAL_ATTACHMENT_HTML, 40, evidence);
    if ((strcasecmp(attachment->content_type, "text/calendar") == 0 ||
         strcasecmp(extension, "ics") == 0) &&
        has_urls(data, size))
        mail_reason_add(verdict, OB_MAIL_SIGNAL_ATTACHMENT_CALENDAR_LINK, evidence);
}

void mail_check_attachments(struct ob_mail_check_context *check)
{
    for (size_t i = 0; i < check->message->attachment_count; i++)
        check_one(check->verdict, &check->message->attachments[i]);
}

/* ---- the scan engine's view of each attachment ------------------------------- */

/* One attachment while the scan engine looks at it (the user data of that
 * one ob_scan_buffer call). */
struct attachment_scan {
    struct ob_mail_verdict_builder *verdict;
    struct ob_mail_message *message; /* where the engine's notices go */
    const struct ob_mail_attachment *attachment;
    const char *name;         /* its file name, or a stand-in */
    const char *shown;        /* the same in the explanations, the stand-in translated */
    char md5[33], sha256[65]; /* as the engine hashed it; "" until then */
};

/* What stopped the engine's look inside an attachment (a limit, damage, an
 * encrypted member) is a notice on the message, naming the attachment and
 * the file inside it. */
static void on_attachment_problem(void *user, const struct ob_scan_problem *problem)
{
    struct attachment_scan *scan = user;
    if (problem->member != NULL)
        /* TRANSLATORS: the attachment's name, a file inside it, what the
         * scan engine said (lower case) */
        mail_message_notice(scan->message, _("attachment '%s', file '%s' inside it: %s"),
                            scan->shown, problem->member, problem->message);
    else
        /* TRANSLATORS: the attachment's name, what the scan engine said */
        mail_message_notice(scan->message, _("attachment '%s': %s"), scan->shown, problem->message);
}

static void on_attachment_hashes(void *user, const struct ob_file_hashes *hashes)
{
    struct attachment_scan *scan = user;
    snprintf(scan->md5, sizeof(scan->md5), "%s", hashes->md5);
    snprintf(scan->sha256, sizeof(scan->sha256), "%s", hashes->sha256);
}

/* The sentence for program content under another name, by the kind of
 * program the engine found (its type label), in the attachment itself or
 * in a file inside it. */
static enum mail_wording disguised_wording(const char *label, bool member)
{
    if (strcmp(label, "EXE") == 0)
        return member ? OB_MAIL_WORDING_ATTACHMENT_DISGUISED_WINDOWS_MEMBER
                      : OB_MAIL_WORDING_ATTACHMENT_DISGUISED_WINDOWS;
    if (strcmp(label, "ELF") == 0)
        return member ? OB_MAIL_WORDING_ATTACHMENT_DISGUISED_LINUX_MEMBER
                      : OB_MAIL_WORDING_ATTACHMENT_DISGUISED_LINUX;
    if (strcmp(label, "MACH-O") == 0)
        return member ? OB_MAIL_WORDING_ATTACHMENT_DISGUISED_MACOS_MEMBER
                      : OB_MAIL_WORDING_ATTACHMENT_DISGUISED_MACOS;
    return member ? OB_MAIL_WORDING_ATTACHMENT_DISGUISED_PROGRAM_MEMBER
                  : OB_MAIL_WORDING_ATTACHMENT_DISGUISED_PROGRAM;
}

/* The sentences of attachment-known-malware: in the attachment or in a
 * file inside it, by the finding's level (alert, warning, notice), and
 * with no campaign, a campaign, or a campaign and its source. */
static const enum mail_wording known_malware_wordings[2][3][3] = {
    {
        {OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_ALERT,
         OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_ALERT_CAMPAIGN,
         OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_ALERT_CAMPAIGN_SOURCE},
        {OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_WARNING,
         OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_WARNING_CAMPAIGN,
         OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_WARNING_CAMPAIGN_SOURCE},
        {OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_NOTICE,
         OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_NOTICE_CAMPAIGN,
         OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_NOTICE_CAMPAIGN_SOURCE},
    },
    {
        {OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_ALERT_MEMBER,
         OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_ALERT_CAMPAIGN_MEMBER,
         OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_ALERT_CAMPAIGN_SOURCE_MEMBER},
        {OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_WARNING_MEMBER,
         OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_WARNING_CAMPAIGN_MEMBER,
         OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_WARNING_CAMPAIGN_SOURCE_MEMBER},
        {OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_NOTICE_MEMBER,
         OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_NOTICE_CAMPAIGN_MEMBER,
         OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_NOTICE_CAMPAIGN_SOURCE_MEMBER},
    },
};

/* The engine's hits from rules and file indicators (YARA, hashes, names),
 * as one reason per file they were found in. */
static void add_known_malware(struct attachment_scan *scan, const struct ob_finding *finding,
                              const char *where)
{
    char evidence[2048];
    int score = 0;
    size_t hits = 0;
    int written = snprintf(evidence, sizeof(evidence), "%s:", where);
    size_t used = written > 0 && (size_t)written < sizeof(evidence) ? (size_t)written : 0;
    evidence[used] = '\0';
    /* The first campaign an indicator names, for the explanation. */
    const struct ob_reason *named = NULL;
    for (size_t i = 0; i < finding->reason_count; i++) {
        const struct ob_reason *reason = &finding->reasons[i];
        if (reason->signal != OB_SIGNAL_YARA && reason->signal != OB_SIGNAL_HASH &&
            reason->signal != OB_SIGNAL_FILENAME)
            continue;
        score += reason->score;
        bool campaign = reason->campaign != NULL && reason->campaign[0] != '\0';
        if (campaign && named == NULL)
            named = reason;
        written = used + 2 < sizeof(evidence)
                      ? snprintf(evidence + used, sizeof(evidence) - used, "%s %s:%s%s%s%s%s",
                                 hits > 0 ? "," : "", ob_signal_name(reason->signal), reason->name,
                                 reason->source != NULL && reason->source[0] ? " from " : "",
                                 reason->source != NULL ? reason->source : "",
                                 campaign ? ", campaign " : "", campaign ? reason->campaign : "")
                      : 0;
        if (written > 0)
            used += (size_t)written < sizeof(evidence) - used ? (size_t)written
                                                              : sizeof(evidence) - used - 1;
        hits++;
    }
    if (hits == 0)
        return;
    bool member = finding->member != NULL;
    size_t level = finding->level == OB_LEVEL_ALERT     ? 0
                   : finding->level == OB_LEVEL_WARNING ? 1
                                                        : 2;
    bool source = named != NULL && named->source != NULL && named->source[0] != '\0';
    enum mail_wording wording = known_malware_wordings[member][level][named == NULL ? 0
                                                                      : source      ? 2
                                                                                    : 1];
    /* Once per file: the same hits in another attachment count again. The
     * arguments the sentence does not use are ignored. */
    const char *campaign = named != NULL ? named->campaign : "";
    const char *source_name = source ? named->source : "";
    /* A campaign's file is a targeted attack, not only malware (mail.c). */
    scan->verdict->campaign_attachment |= named != NULL;
    if (member)
        mail_reason_add_worded_scored(scan->verdict, wording, score, evidence, finding->member,
                                      scan->shown, campaign, source_name);
    else
        mail_reason_add_worded_scored(scan->verdict, wording, score, evidence, scan->shown,
                                      campaign, source_name);
}

/* A finding of the scan engine in an attachment or a file inside it. Its
 * disguise reasons become mail's own signals; each counts once per
 * message, like every other signal. */
static void on_attachment_finding(void *user, const struct ob_finding *finding)
{
    struct attachment_scan *scan = user;
    const struct ob_mail_attachment *attachment = scan->attachment;
    char where[1024], evidence[1024];
    bool member = finding->member != NULL;
    if (!member) {
        snprintf(where, sizeof(where), "%s", scan->name);
        snprintf(evidence, sizeof(evidence), "%s (%s, %zu bytes)", scan->name,
                 attachment->content_type, attachment->size);
    } else {
        snprintf(where, sizeof(where), "%s/%s", scan->name, finding->member);
        snprintf(evidence, sizeof(evidence), "%s inside %s (%" PRIu64 " bytes)", finding->member,
                 scan->name, finding->size);
    }
    for (size_t i = 0; i < finding->reason_count; i++) {
        const struct ob_reason *reason = &finding->reasons[i];
        switch (reason->signal) {
        case OB_SIGNAL_RTLO:
            /* The name is not quoted: its control character would turn the
             * sentence around. The evidence has it. */
            if (!member)
                mail_reason_add(scan->verdict, OB_MAIL_SIGNAL_ATTACHMENT_RTLO, evidence);
            else
                mail_reason_add_worded(scan->verdict, OB_MAIL_WORDING_ATTACHMENT_RTLO_MEMBER,
                                       evidence, scan->shown);
            break;
        case OB_SIGNAL_DOUBLE_EXTENSION:
            if (!member)
                mail_reason_add_worded(scan->verdict,
                                       OB_MAIL_WORDING_ATTACHMENT_DOUBLE_EXTENSION_ATTACHMENT,
                                       evidence, scan->shown, reason->name);
            else
                mail_reason_add_worded(scan->verdict,
                                       OB_MAIL_WORDING_ATTACHMENT_DOUBLE_EXTENSION_MEMBER, evidence,
                                       finding->member, scan->shown, reason->name);
            break;
        case OB_SIGNAL_TYPE_MISMATCH:
            if (!member)
                mail_reason_add_worded(scan->verdict, disguised_wording(reason->name, false),
                                       evidence, scan->shown);
            else
                mail_reason_add_worded(scan->verdict, disguised_wording(reason->name, true),
                                       evidence, finding->member, scan->shown);
            break;
        case OB_SIGNAL_YARA:
        case OB_SIGNAL_HASH:
        case OB_SIGNAL_FILENAME:
        case OB_SIGNAL_WIPER_OVERWRITTEN: /* the wiper checks are for files on disk */
        case OB_SIGNAL_WIPER_RENAMED:
        case OB_SIGNAL_RANSOM_NOTE:
        case OB_SIGNAL_SYSTEM_EMPTY:
        case OB_SIGNAL_SYSTEM_OVERWRITTEN:
        case OB_SIGNAL_SYSTEM_SCRAMBLED:
        case OB_SIGNAL_BROWSER_HISTORY: /* not asked for: mail gives the scan no lookup */
        case OB_SIGNAL_PROCESS_INDICATOR:
        case OB_SIGNAL_PROCESS_DELETED:
        case OB_SIGNAL_PROCESS_TEMP:
        case OB_SIGNAL_ARCHIVE_APPENDED:   /* a program attached is a reason of its own; */
        case OB_SIGNAL_ARCHIVE_AFTER_DATA: /* what the archive holds is scanned */
        case OB_SIGNAL_COUNT: break;       /* together, below */
        }
    }
    add_known_malware(scan, finding, where);
}

void mail_scan_attachments(struct ob_mail_check_context *check, struct ob_mail_message *message,
                           struct ob_scan *engine, struct ob_context *ctx)
{
    struct ob_mail_verdict_builder *verdict = check->verdict;
    for (size_t i = 0; i < message->attachment_count; i++) {
        const struct ob_mail_attachment *attachment = &message->attachments[i];
        /* The stand-in names the attachment to the engine, in the evidence
         * and in the indicator as it is, and translated in the sentences. */
        bool named = attachment->filename[0] != '\0';
        const char *name = named ? attachment->filename : "(attachment without a name)";
        /* TRANSLATORS: stands in, quoted, for the name of an attachment
         * that has none: "The attachment '(attachment without a name)'..." */
        const char *shown = named ? attachment->filename : _("(attachment without a name)");
        /* A picture shown in the text without a name is not worth sharing. */
        bool shared = !attachment->inline_part || attachment->filename[0] != '\0';
        struct attachment_scan scan = {.verdict = verdict,
                                       .message = message,
                                       .attachment = attachment,
                                       .name = name,
                                       .shown = shown};
        struct ob_scan_callbacks callbacks = {
            .finding = on_attachment_finding,
            .problem = on_attachment_problem,
            .hashes = shared ? on_attachment_hashes : NULL,
            .user = &scan,
        };
        /* The engine counts an archive its limits cut short (nesting,
         * members, total size, expansion) and a file too large to look at;
         * what it did for this attachment is the difference. */
        struct ob_scan_stats before, after;
        ob_scan_progress(engine, &before);
        if (ob_scan_buffer(engine, name, attachment->data, attachment->size, &callbacks) != OB_OK)
            ob_context_log(ctx, OB_LOG_WARNING, _("%s: attachment '%s' could not be scanned"),
                           message->source, name);
        ob_scan_progress(engine, &after);
        if (after.skipped_size > before.skipped_size)
            mail_message_notice(message,
                                _("attachment '%s' is larger than the largest file examined; "
                                  "it was not examined"),
                                shown);
        /* Hiding a program below the limits scanners stop at is itself a
         * sign: an archive that could not be fully examined is a reason. */
        if (after.archive_limits > before.archive_limits)
            mail_reason_add(verdict, OB_MAIL_SIGNAL_ATTACHMENT_NOT_FULLY_EXAMINED, name, shown);
        if (shared)
            mail_indicator_add(verdict, "attachment", name, scan.sha256[0] ? scan.sha256 : NULL,
                               scan.md5[0] ? scan.md5 : NULL);
    }
}
