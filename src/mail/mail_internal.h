/* SPDX-License-Identifier: Apache-2.0 */
/* Private to src/mail: the parsed message the checks read, and the verdict
 * they fill. The GMime adapter builds the message; each check file adds
 * reasons and indicators to the verdict. */
#ifndef OB_MAIL_INTERNAL_H
#define OB_MAIL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/i18n.h"
#include "oberig/mail.h"

_Static_assert(sizeof(((struct ob_mail_stats *)0)->verdicts) / sizeof(uint64_t) ==
                   OB_MAIL_PHISHING + 1,
               "verdicts[] has one counter per enum ob_mail_verdict");

/* Limits that keep hostile messages bounded in time and memory. */
#define OB_MAIL_MESSAGE_MAX ((size_t)64 << 20) /* bytes of one message read */
#define OB_MAIL_PARTS_MAX 1000                 /* MIME parts looked at */
#define OB_MAIL_DEPTH_MAX 32                   /* nested multiparts */
#define OB_MAIL_HEADER_MAX ((size_t)64 << 10)  /* one header value kept */
#define OB_MAIL_HEADERS_MAX 2000               /* headers kept */
#define OB_MAIL_TEXT_MAX ((size_t)4 << 20)     /* decoded text per body part */
#define OB_MAIL_URLS_MAX 2000                  /* links kept per message */
#define OB_MAIL_ATTACHMENTS_MAX 200

/* ---- the parsed message (filled by gmime_adapter.c) ------------------------ */

struct ob_mail_header {
    const char *name;  /* as written, e.g. "Authentication-Results" */
    const char *value; /* unfolded; RFC 2047 words decoded to UTF-8 */
    const char *raw;   /* unfolded, not decoded */
};

struct ob_mail_address {
    const char *display; /* decoded display name, "" when none */
    const char *address; /* addr-spec as written, "" when it could not be parsed */
    const char *domain;  /* part after '@', lower case, "" when none */
};

struct ob_mail_body {
    bool html;        /* text/html, else text/plain */
    const char *text; /* decoded to UTF-8 (charset converted), NUL-terminated */
    size_t length;
};

/* A link found in a body. For HTML, `shown` is the text of the <a> element
 * (tags removed, whitespace collapsed), "" for bare URLs in text. */
struct ob_mail_link {
    const char *url;   /* as written in href/src/action, entities decoded */
    const char *shown; /* what the reader sees */
    enum { OB_LINK_TEXT, OB_LINK_ANCHOR, OB_LINK_FORM, OB_LINK_IMAGE } kind;
    /* Filled by mail_resolve_links, once per message, for every check: */
    const char *target; /* where it really goes: url, or the address a
                           link-protection service (Safe Links...) wraps */
    const char *host;   /* target's host in lower case, "" when none */
    const char *site;   /* host's registrable domain, "" when none */
};

struct ob_mail_attachment {
    const char *filename;      /* decoded (RFC 2231/2047), "" when none */
    const char *content_type;  /* "type/subtype", lower case */
    const unsigned char *data; /* decoded content */
    size_t size;
    bool inline_part; /* Content-Disposition inline (e.g. an image in HTML) */
};

struct ob_mail_message {
    struct ob_arena text; /* every string and buffer of the message */
    const char *source;
    struct ob_mail_header *headers;
    size_t header_count;
    struct ob_mail_address from, sender, return_path;
    struct ob_mail_address *reply_to;
    size_t reply_to_count;
    const char *subject;    /* decoded, "" when none */
    const char *message_id; /* without <>, "" when none */
    int64_t date;           /* the Date header, Unix seconds; 0 when none or not readable */
    struct ob_mail_body *bodies;
    size_t body_count;
    struct ob_mail_link *links;
    size_t link_count;
    struct ob_mail_attachment *attachments;
    size_t attachment_count;
    /* A message forwarded inside this one, inline ("From: ... Subject: ..."
     * block after a forward line) or attached (message/rfc822): its
     * original sender, who sent it on that sender's behalf, and subject. */
    struct ob_mail_forwarded {
        bool present;
        bool attached; /* a message/rfc822 part, else an inline block */
        struct ob_mail_address from, sender;
        const char *subject; /* "" when none */
        /* Where replies and bounces of the original would go ("" when
         * not shown): an attached message's Reply-To and Return-Path, an
         * inline block's "Reply-To:" line (Thunderbird writes one). */
        struct ob_mail_address reply_to, return_path;
        /* An attached message's own headers, as the original recipient's
         * server wrote them (authentication results, the filter's
         * verdict); none for an inline block. */
        struct ob_mail_header *headers;
        size_t header_count;
    } forwarded;
    bool headers_only; /* no body at all: a pasted header block */
    char **notices;    /* what was wrong with the message (limits, broken MIME) */
    size_t notice_count;
};

/* Parses one message. Never fails on malformed input: problems become
 * notices and as much as could be read is kept. Errors: OB_ERR_NOMEM only.
 * Release with mail_message_release. */
enum ob_status mail_message_parse(const char *source, const char *data, size_t length,
                                  struct ob_mail_message *out) OB_WARN_UNUSED;
void mail_message_release(struct ob_mail_message *message);

/* Adds a notice to the message (a limit hit, broken MIME); the text is kept
 * in message->text, a notice already present is not added twice, and at
 * most a few dozen are kept. Used by gmime_adapter.c and urls.c. */
void mail_message_notice(struct ob_mail_message *message, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* First header named `name` (case-insensitive), or NULL. */
const struct ob_mail_header *mail_header_find(const struct ob_mail_message *message,
                                              const char *name);
/* The same in any list of headers (an attached message's). */
const struct ob_mail_header *mail_headers_find(const struct ob_mail_header *headers, size_t count,
                                               const char *name);

/* Finds a message forwarded inline in the first plain-text body (a
 * "From: ... Subject: ..." block in a forward) and fills
 * message->forwarded, unless an attached message already did
 * (forwarded.c). Strings are kept in message->text. */
void mail_find_forwarded(struct ob_mail_message *message);

/* Splits an mbox into messages: calls fn with each message's bytes (the
 * "From " separator line removed, ">From " unquoted), index from 0. A
 * message longer than OB_MAIL_MESSAGE_MAX is cut to that length. Returns
 * OB_OK, or the first error fn returns (which stops the split). */
typedef enum ob_status (*ob_mail_piece_fn)(void *user, size_t index, const char *data,
                                           size_t length);
enum ob_status mail_mbox_split(const char *data, size_t length, ob_mail_piece_fn fn,
                               void *user) OB_WARN_UNUSED;
/* True when the text starts like an mbox ("From " line). */
bool mail_is_mbox(const char *data, size_t length);

/* Finds the links in a body (urls.c): bare URLs and www. hosts in text; in
 * HTML, href/src/action attributes with the shown text of anchors. */
enum ob_status mail_find_links(struct ob_mail_message *message,
                               const struct ob_mail_body *body) OB_WARN_UNUSED;

/* ---- the signals: every reason oberig mail can give (signals.c) --------------- */

/* Indexes of the mail signal table (ob_mail_signals), in the order the
 * checks run. A check raises a reason by its signal; the id, score and
 * explanation come from the table. */
enum mail_signal {
    /* check_auth.c */
    OB_MAIL_SIGNAL_FILTER_PHISHING,
    OB_MAIL_SIGNAL_FILTER_SPAM,
    OB_MAIL_SIGNAL_AUTH_DMARC_FAIL,
    OB_MAIL_SIGNAL_AUTH_NO_DMARC,
    OB_MAIL_SIGNAL_AUTH_COMPAUTH_FAIL,
    OB_MAIL_SIGNAL_AUTH_SPF_FAIL,
    OB_MAIL_SIGNAL_AUTH_SPF_SOFTFAIL,
    OB_MAIL_SIGNAL_AUTH_DKIM_FAIL,
    OB_MAIL_SIGNAL_AUTH_UNVERIFIED,
    OB_MAIL_SIGNAL_AUTH_PASS,
    /* check_auth.c: what the first recipient's servers recorded of an
     * attached (forwarded) message */
    OB_MAIL_SIGNAL_FORWARDED_FILTER_PHISHING,
    OB_MAIL_SIGNAL_FORWARDED_FILTER_SPAM,
    OB_MAIL_SIGNAL_FORWARDED_AUTH_FAIL,
    /* check_sender.c: the message's sender */
    OB_MAIL_SIGNAL_SENDER_NAME_SHOWS_OTHER_ADDRESS,
    OB_MAIL_SIGNAL_SENDER_BRAND_MISMATCH,
    OB_MAIL_SIGNAL_SENDER_NAME_NUMBER,
    OB_MAIL_SIGNAL_SENDER_NAME_DECORATED,
    OB_MAIL_SIGNAL_SENDER_FREEMAIL_ORGANISATION,
    OB_MAIL_SIGNAL_SENDER_SHARED_PLATFORM,
    OB_MAIL_SIGNAL_SENDER_NAME_UNRELATED_DOMAIN,
    /* check_sender.c: the original sender of a forwarded message */
    OB_MAIL_SIGNAL_FORWARDED_MESSAGE,
    OB_MAIL_SIGNAL_FORWARDED_SENDER_NAME_SHOWS_OTHER_ADDRESS,
    OB_MAIL_SIGNAL_FORWARDED_SENDER_BRAND_MISMATCH,
    OB_MAIL_SIGNAL_FORWARDED_SENDER_NAME_NUMBER,
    OB_MAIL_SIGNAL_FORWARDED_SENDER_NAME_DECORATED,
    OB_MAIL_SIGNAL_FORWARDED_SENDER_FREEMAIL_ORGANISATION,
    OB_MAIL_SIGNAL_FORWARDED_SENDER_SHARED_PLATFORM,
    OB_MAIL_SIGNAL_FORWARDED_SENDER_NAME_UNRELATED_DOMAIN,
    OB_MAIL_SIGNAL_FORWARDED_SENDER_ON_BEHALF,
    OB_MAIL_SIGNAL_FORWARDED_REPLY_TO_ELSEWHERE,
    OB_MAIL_SIGNAL_FORWARDED_RETURN_PATH_ELSEWHERE,
    /* check_sender.c: recipients, replies, bounces */
    OB_MAIL_SIGNAL_SENDER_HIDDEN_RECIPIENTS,
    OB_MAIL_SIGNAL_SENDER_RECIPIENT_ADDRESS_IN_TEXT,
    OB_MAIL_SIGNAL_CONTENT_WRITE_ELSEWHERE,
    OB_MAIL_SIGNAL_DOMAIN_ABUSED_TLD,
    OB_MAIL_SIGNAL_DOMAIN_LURE_WORDS,
    OB_MAIL_SIGNAL_SENDER_REPLY_TO_ELSEWHERE,
    OB_MAIL_SIGNAL_SENDER_RETURN_PATH_ELSEWHERE,
    /* check_lookalike.c */
    OB_MAIL_SIGNAL_LOOKALIKE_INVISIBLE,
    OB_MAIL_SIGNAL_LOOKALIKE_DISGUISED_LETTERS,
    OB_MAIL_SIGNAL_LOOKALIKE_NAME_MIXED_SCRIPT,
    OB_MAIL_SIGNAL_LOOKALIKE_SUBJECT_MIXED_SCRIPT,
    OB_MAIL_SIGNAL_LOOKALIKE_PUNYCODE_SENDER,
    OB_MAIL_SIGNAL_LOOKALIKE_MIXED_SCRIPT,
    OB_MAIL_SIGNAL_LOOKALIKE_CONFUSABLE,
    OB_MAIL_SIGNAL_LOOKALIKE_BRAND,
    OB_MAIL_SIGNAL_LOOKALIKE_BRAND_NAME_OF_SENDER,
    OB_MAIL_SIGNAL_LOOKALIKE_BRAND_NAME,
    OB_MAIL_SIGNAL_LOOKALIKE_BRAND_IN_HOST,
    OB_MAIL_SIGNAL_LOOKALIKE_BRAND_IN_ADDRESS,
    /* check_links.c */
    OB_MAIL_SIGNAL_LINK_SCRIPT,
    OB_MAIL_SIGNAL_LINK_CREDENTIALS,
    OB_MAIL_SIGNAL_LINK_FORM_PASSWORD,
    OB_MAIL_SIGNAL_LINK_FORM,
    OB_MAIL_SIGNAL_LINK_SHARED_PLATFORM,
    OB_MAIL_SIGNAL_LINK_MALFORMED_HOST,
    OB_MAIL_SIGNAL_LINK_IP_ADDRESS,
    OB_MAIL_SIGNAL_LINK_PUNYCODE,
    OB_MAIL_SIGNAL_LINK_SHORTENER,
    OB_MAIL_SIGNAL_LINK_PROGRAM_DOWNLOAD,
    OB_MAIL_SIGNAL_LINK_TEXT_MISMATCH,
    /* check_attachments.c: what an attachment is, by its name and content */
    OB_MAIL_SIGNAL_ATTACHMENT_PROGRAM,
    OB_MAIL_SIGNAL_ATTACHMENT_SCRIPT,
    OB_MAIL_SIGNAL_ATTACHMENT_SHORTCUT,
    OB_MAIL_SIGNAL_ATTACHMENT_DISK_IMAGE,
    OB_MAIL_SIGNAL_ATTACHMENT_HTML,
    OB_MAIL_SIGNAL_ATTACHMENT_MACRO,
    OB_MAIL_SIGNAL_ATTACHMENT_IOS_PROFILE,
    OB_MAIL_SIGNAL_ATTACHMENT_RTLO,
    OB_MAIL_SIGNAL_ATTACHMENT_DOUBLE_EXTENSION,
    OB_MAIL_SIGNAL_ATTACHMENT_DISGUISED_PROGRAM,
    OB_MAIL_SIGNAL_ATTACHMENT_ENCRYPTED_ARCHIVE,
    OB_MAIL_SIGNAL_ATTACHMENT_ARCHIVE_PROGRAM,
    OB_MAIL_SIGNAL_ATTACHMENT_TYPE_MISMATCH,
    OB_MAIL_SIGNAL_ATTACHMENT_PDF_ACTIVE,
    OB_MAIL_SIGNAL_ATTACHMENT_PDF_LINK,
    OB_MAIL_SIGNAL_ATTACHMENT_CALENDAR_LINK,
    /* mail.c: the scan engine's findings on attachments, the store's matches */
    OB_MAIL_SIGNAL_ATTACHMENT_KNOWN_MALWARE,
    OB_MAIL_SIGNAL_ATTACHMENT_NOT_FULLY_EXAMINED,
    OB_MAIL_SIGNAL_INDICATOR_MATCH,
    /* check_content.c */
    OB_MAIL_SIGNAL_CONTENT_HTML_ONLY,
    OB_MAIL_SIGNAL_CONTENT_RANDOM_CODE,
    OB_MAIL_SIGNAL_CONTENT_PRESSURE,
    OB_MAIL_SIGNAL_CONTENT_ROMANCE,
    /* check_bulk.c: signs of bulk-mailing software */
    OB_MAIL_SIGNAL_SENDER_MALFORMED_ADDRESS,
    OB_MAIL_SIGNAL_CONTENT_PICTURE_ONLY,
    OB_MAIL_SIGNAL_CONTENT_IMAGE_HOST,
    OB_MAIL_SIGNAL_LINK_ALL_ELSEWHERE,
    OB_MAIL_SIGNAL_COUNT
};

/* Other wordings of a signal's explanation, for where the sentence itself
 * changes with the evidence (a domain that is missing, a plural): each is a
 * whole sentence with its arguments, so that it translates as one. */
enum mail_wording {
    OB_MAIL_WORDING_FILTER_SPAM_HIGH,                 /* high-confidence spam */
    OB_MAIL_WORDING_AUTH_DMARC_FAIL_NO_DOMAIN,        /* no From domain to name */
    OB_MAIL_WORDING_AUTH_COMPAUTH_FAIL_NO_DOMAIN,     /* no From domain to name */
    OB_MAIL_WORDING_AUTH_SPF_FAIL_NO_DOMAIN,          /* no envelope domain to name */
    OB_MAIL_WORDING_AUTH_SPF_SOFTFAIL_NO_DOMAIN,      /* no envelope domain to name */
    OB_MAIL_WORDING_FORWARDED_MESSAGE_NO_NAME,        /* the original sender has no name */
    OB_MAIL_WORDING_SENDER_REPLY_TO_FREE_MAIL,        /* replies go to a free mail account */
    OB_MAIL_WORDING_LINK_IP_ADDRESS_DISGUISED,        /* the address is written in disguise */
    OB_MAIL_WORDING_ATTACHMENT_RTLO_MEMBER,           /* in the name of a file inside it */
    OB_MAIL_WORDING_ATTACHMENT_TYPE_MISMATCH_ARCHIVE, /* a RAR or 7-Zip archive */
    OB_MAIL_WORDING_CONTENT_PRESSURE_PLURAL,          /* more than one phrase */
    /* check_auth.c: what the passes say of the From domain */
    OB_MAIL_WORDING_AUTH_PASS_ALIGNED_DKIM,       /* verified by DKIM */
    OB_MAIL_WORDING_AUTH_PASS_ALIGNED_SPF,        /* verified by SPF */
    OB_MAIL_WORDING_AUTH_PASS_ALIGNED_DKIM_SPF,   /* verified by both */
    OB_MAIL_WORDING_AUTH_PASS_UNALIGNED,          /* passes for other domains only */
    OB_MAIL_WORDING_AUTH_PASS_UNALIGNED_SPF,      /* ... naming SPF's domain */
    OB_MAIL_WORDING_AUTH_PASS_UNALIGNED_DKIM,     /* ... naming DKIM's domain */
    OB_MAIL_WORDING_AUTH_PASS_UNALIGNED_SPF_DKIM, /* ... naming both */
    /* check_sender.c, check_links.c: where the abused top-level domain is */
    OB_MAIL_WORDING_DOMAIN_ABUSED_TLD_SENDER,
    OB_MAIL_WORDING_DOMAIN_ABUSED_TLD_REPLY,
    OB_MAIL_WORDING_DOMAIN_ABUSED_TLD_LINK,
    /* check_sender.c: where the lure domain is (a link: the signal's own) */
    OB_MAIL_WORDING_DOMAIN_LURE_WORDS_SENDER,
    OB_MAIL_WORDING_DOMAIN_LURE_WORDS_REPLY,
    /* check_lookalike.c: where the character, domain or address is */
    OB_MAIL_WORDING_LOOKALIKE_INVISIBLE_SENDER_NAME,
    OB_MAIL_WORDING_LOOKALIKE_INVISIBLE_SUBJECT,
    OB_MAIL_WORDING_LOOKALIKE_INVISIBLE_SENDER_ADDRESS,
    OB_MAIL_WORDING_LOOKALIKE_INVISIBLE_ORIGINAL_SENDER_NAME,
    OB_MAIL_WORDING_LOOKALIKE_INVISIBLE_FORWARDED_SUBJECT,
    OB_MAIL_WORDING_LOOKALIKE_INVISIBLE_ORIGINAL_SENDER_ADDRESS,
    OB_MAIL_WORDING_LOOKALIKE_DISGUISED_LETTERS_SUBJECT,
    OB_MAIL_WORDING_LOOKALIKE_DISGUISED_LETTERS_SENDER_NAME,
    OB_MAIL_WORDING_LOOKALIKE_DISGUISED_LETTERS_FORWARDED_SUBJECT,
    OB_MAIL_WORDING_LOOKALIKE_DISGUISED_LETTERS_ORIGINAL_SENDER_NAME,
    OB_MAIL_WORDING_LOOKALIKE_MIXED_SCRIPT_SENDER,
    OB_MAIL_WORDING_LOOKALIKE_MIXED_SCRIPT_ORIGINAL_SENDER,
    OB_MAIL_WORDING_LOOKALIKE_MIXED_SCRIPT_REPLY,
    OB_MAIL_WORDING_LOOKALIKE_MIXED_SCRIPT_LINK,
    OB_MAIL_WORDING_LOOKALIKE_CONFUSABLE_SENDER,
    OB_MAIL_WORDING_LOOKALIKE_CONFUSABLE_ORIGINAL_SENDER,
    OB_MAIL_WORDING_LOOKALIKE_CONFUSABLE_REPLY,
    OB_MAIL_WORDING_LOOKALIKE_CONFUSABLE_LINK,
    OB_MAIL_WORDING_LOOKALIKE_BRAND_SENDER,
    OB_MAIL_WORDING_LOOKALIKE_BRAND_ORIGINAL_SENDER,
    OB_MAIL_WORDING_LOOKALIKE_BRAND_REPLY,
    OB_MAIL_WORDING_LOOKALIKE_BRAND_LINK,
    OB_MAIL_WORDING_LOOKALIKE_BRAND_NAME_SENDER,
    OB_MAIL_WORDING_LOOKALIKE_BRAND_NAME_ORIGINAL_SENDER,
    OB_MAIL_WORDING_LOOKALIKE_BRAND_NAME_REPLY,
    OB_MAIL_WORDING_LOOKALIKE_BRAND_NAME_LINK,
    OB_MAIL_WORDING_LOOKALIKE_BRAND_IN_HOST_SENDER,
    OB_MAIL_WORDING_LOOKALIKE_BRAND_IN_HOST_ORIGINAL_SENDER,
    OB_MAIL_WORDING_LOOKALIKE_BRAND_IN_HOST_REPLY,
    OB_MAIL_WORDING_LOOKALIKE_BRAND_IN_HOST_LINK,
    OB_MAIL_WORDING_LOOKALIKE_BRAND_IN_ADDRESS_SENDER,
    OB_MAIL_WORDING_LOOKALIKE_BRAND_IN_ADDRESS_ORIGINAL_SENDER,
    /* check_attachments.c: an attachment risky by its name, said in plain words */
    OB_MAIL_WORDING_ATTACHMENT_PROGRAM_WINDOWS,
    OB_MAIL_WORDING_ATTACHMENT_PROGRAM_SCREEN_SAVER,
    OB_MAIL_WORDING_ATTACHMENT_PROGRAM_CONTROL_PANEL,
    OB_MAIL_WORDING_ATTACHMENT_PROGRAM_INSTALLER,
    OB_MAIL_WORDING_ATTACHMENT_PROGRAM_LIBRARY,
    OB_MAIL_WORDING_ATTACHMENT_PROGRAM_JAVA,
    OB_MAIL_WORDING_ATTACHMENT_PROGRAM_ANDROID,
    OB_MAIL_WORDING_ATTACHMENT_PROGRAM_MACOS,
    OB_MAIL_WORDING_ATTACHMENT_SCRIPT_WINDOWS,
    OB_MAIL_WORDING_ATTACHMENT_SCRIPT_POWERSHELL,
    OB_MAIL_WORDING_ATTACHMENT_SCRIPT_COMMANDS,
    OB_MAIL_WORDING_ATTACHMENT_SCRIPT_SETTINGS,
    OB_MAIL_WORDING_ATTACHMENT_SCRIPT_ONENOTE,
    OB_MAIL_WORDING_ATTACHMENT_SCRIPT_HELP,
    OB_MAIL_WORDING_ATTACHMENT_SHORTCUT_WINDOWS,
    OB_MAIL_WORDING_ATTACHMENT_SHORTCUT_INTERNET,
    OB_MAIL_WORDING_ATTACHMENT_DISK_IMAGE_DISK,
    OB_MAIL_WORDING_ATTACHMENT_DISK_IMAGE_VIRTUAL,
    OB_MAIL_WORDING_ATTACHMENT_HTML_WEB_PAGE,
    OB_MAIL_WORDING_ATTACHMENT_HTML_SVG,
    OB_MAIL_WORDING_ATTACHMENT_MACRO_DOCUMENT,
    OB_MAIL_WORDING_ATTACHMENT_MACRO_SPREADSHEET,
    OB_MAIL_WORDING_ATTACHMENT_MACRO_PRESENTATION,
    OB_MAIL_WORDING_ATTACHMENT_MACRO_TEMPLATE,
    OB_MAIL_WORDING_ATTACHMENT_MACRO_ADD_IN,
    OB_MAIL_WORDING_ATTACHMENT_IOS_PROFILE_BY_NAME,
    /* check_attachments.c: the scan engine's findings, in an attachment or
     * in a file inside it (_MEMBER) */
    OB_MAIL_WORDING_ATTACHMENT_DOUBLE_EXTENSION_ATTACHMENT,
    OB_MAIL_WORDING_ATTACHMENT_DOUBLE_EXTENSION_MEMBER,
    OB_MAIL_WORDING_ATTACHMENT_DISGUISED_WINDOWS,
    OB_MAIL_WORDING_ATTACHMENT_DISGUISED_LINUX,
    OB_MAIL_WORDING_ATTACHMENT_DISGUISED_MACOS,
    OB_MAIL_WORDING_ATTACHMENT_DISGUISED_PROGRAM,
    OB_MAIL_WORDING_ATTACHMENT_DISGUISED_WINDOWS_MEMBER,
    OB_MAIL_WORDING_ATTACHMENT_DISGUISED_LINUX_MEMBER,
    OB_MAIL_WORDING_ATTACHMENT_DISGUISED_MACOS_MEMBER,
    OB_MAIL_WORDING_ATTACHMENT_DISGUISED_PROGRAM_MEMBER,
    /* by the finding's level, and the campaign an indicator names (with
     * its source) */
    OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_ALERT,
    OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_ALERT_CAMPAIGN,
    OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_ALERT_CAMPAIGN_SOURCE,
    OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_WARNING,
    OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_WARNING_CAMPAIGN,
    OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_WARNING_CAMPAIGN_SOURCE,
    OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_NOTICE,
    OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_NOTICE_CAMPAIGN,
    OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_NOTICE_CAMPAIGN_SOURCE,
    OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_ALERT_MEMBER,
    OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_ALERT_CAMPAIGN_MEMBER,
    OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_ALERT_CAMPAIGN_SOURCE_MEMBER,
    OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_WARNING_MEMBER,
    OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_WARNING_CAMPAIGN_MEMBER,
    OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_WARNING_CAMPAIGN_SOURCE_MEMBER,
    OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_NOTICE_MEMBER,
    OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_NOTICE_CAMPAIGN_MEMBER,
    OB_MAIL_WORDING_ATTACHMENT_KNOWN_MALWARE_NOTICE_CAMPAIGN_SOURCE_MEMBER,
    /* mail.c: a match in the indicator store, by where the value was
     * found, and with the campaign the indicator names */
    OB_MAIL_WORDING_INDICATOR_MATCH_SENDER,
    OB_MAIL_WORDING_INDICATOR_MATCH_SENDER_CAMPAIGN,
    OB_MAIL_WORDING_INDICATOR_MATCH_REPLY,
    OB_MAIL_WORDING_INDICATOR_MATCH_REPLY_CAMPAIGN,
    OB_MAIL_WORDING_INDICATOR_MATCH_BOUNCE,
    OB_MAIL_WORDING_INDICATOR_MATCH_BOUNCE_CAMPAIGN,
    OB_MAIL_WORDING_INDICATOR_MATCH_SENDER_HEADER,
    OB_MAIL_WORDING_INDICATOR_MATCH_SENDER_HEADER_CAMPAIGN,
    OB_MAIL_WORDING_INDICATOR_MATCH_ORIGINAL_SENDER,
    OB_MAIL_WORDING_INDICATOR_MATCH_ORIGINAL_SENDER_CAMPAIGN,
    OB_MAIL_WORDING_INDICATOR_MATCH_ORIGINAL_SENDER_HEADER,
    OB_MAIL_WORDING_INDICATOR_MATCH_ORIGINAL_SENDER_HEADER_CAMPAIGN,
    OB_MAIL_WORDING_INDICATOR_MATCH_LINK,
    OB_MAIL_WORDING_INDICATOR_MATCH_LINK_CAMPAIGN,
    OB_MAIL_WORDING_INDICATOR_MATCH_LINK_DOMAIN,
    OB_MAIL_WORDING_INDICATOR_MATCH_LINK_DOMAIN_CAMPAIGN,
    OB_MAIL_WORDING_INDICATOR_MATCH_LINK_ADDRESS,
    OB_MAIL_WORDING_INDICATOR_MATCH_LINK_ADDRESS_CAMPAIGN,
    /* check_content.c: where the random-looking code is */
    OB_MAIL_WORDING_CONTENT_RANDOM_CODE_SUBJECT,
    OB_MAIL_WORDING_CONTENT_RANDOM_CODE_SENDER_NAME,
    OB_MAIL_WORDING_CONTENT_RANDOM_CODE_FORWARDED_SUBJECT,
    OB_MAIL_WORDING_CONTENT_RANDOM_CODE_ORIGINAL_SENDER_NAME,
    OB_MAIL_WORDING_CONTENT_RANDOM_CODE_ATTACHMENT_NAME,
    /* check_bulk.c */
    OB_MAIL_WORDING_SENDER_MALFORMED_ADDRESS_NONE, /* no address at all */
    OB_MAIL_WORDING_COUNT
};

struct ob_mail_wording_def {
    enum mail_signal signal; /* whose explanation it words */
    const char *explanation; /* printf template, as a signal's explanation */
};

/* The mail table's entry for `signal`, or NULL for a value out of range. */
const struct ob_signal_def *mail_signal(enum mail_signal signal);

/* The wording `wording`, or NULL for a value out of range. */
const struct ob_mail_wording_def *mail_wording(enum mail_wording wording);

/* ---- the verdict (filled by the checks) ------------------------------------- */

struct ob_mail_verdict_builder {
    struct ob_arena text;
    struct ob_mail_reason *reasons;
    size_t reason_count, reason_capacity;
    struct ob_mail_indicator *indicators;
    size_t indicator_count, indicator_capacity;
    int score;
    bool campaign_attachment; /* an attachment matched an indicator that names its campaign */
};

void mail_verdict_init(struct ob_mail_verdict_builder *verdict);
void mail_verdict_release(struct ob_mail_verdict_builder *verdict);
/* A copy of `text` (cut to OB_MAIL_HEADER_MAX bytes) kept in the verdict's
 * text until it is released, or NULL when the text is full. */
const char *mail_verdict_keep(struct ob_mail_verdict_builder *verdict, const char *text);

/* Adds a reason of `signal` at the table's score, its explanation the
 * table's template filled with the arguments that follow (the template
 * says which: %s strings, %d int, %zu size_t); evidence may be NULL. A
 * signal already present is not added twice (the first wins); one flagged
 * OB_SIGNAL_PER_EVIDENCE is added once per distinct evidence. */
void mail_reason_add(struct ob_mail_verdict_builder *verdict, enum mail_signal signal,
                     const char *evidence, ...);
/* The same at `score`, for a signal whose score depends on the evidence. A
 * score outside the table's range for the signal (score to score_max; 0 to
 * score_max when it comes from the indicator) is brought to its nearest
 * end. */
void mail_reason_add_scored(struct ob_mail_verdict_builder *verdict, enum mail_signal signal,
                            int score, const char *evidence, ...);
/* The same as mail_reason_add and mail_reason_add_scored, explained
 * with another wording of the signal. */
void mail_reason_add_worded(struct ob_mail_verdict_builder *verdict, enum mail_wording wording,
                            const char *evidence, ...);
void mail_reason_add_worded_scored(struct ob_mail_verdict_builder *verdict,
                                   enum mail_wording wording, int score, const char *evidence, ...);

/* Adds an indicator unless the same (kind, value) is there already. */
void mail_indicator_add(struct ob_mail_verdict_builder *verdict, const char *kind,
                        const char *value, const char *sha256, const char *md5);
/* ---- indicators fit to share (share.c) -------------------------------------- */

/* True for the kinds whose value is an e-mail address ("from", "reply-to",
 * "contact-address", ...). */
bool mail_indicator_is_address(const char *kind);
/* True when `value` is an address (local@domain.tld), not a display name
 * or a bare word a loose parser took for one. */
bool mail_looks_like_address(const char *value);
/* The value of an indicator of `kind` with its host in punycode
 * ("https://xn--ggle-55da.com/x") into `out`: OB_OK; OB_ERR_NOT_FOUND when
 * the kind has no host or the host is ASCII (ICU is not called then);
 * OB_ERR_PARSE when the host is not a valid domain name; OB_ERR_LIMIT when
 * `out` is too small. */
enum ob_status mail_indicator_ascii(const char *kind, const char *value, char *out, size_t size);

/* The subject with every word (three bytes or longer) of the recipients'
 * names and addresses replaced by "[recipient]", for a shared document;
 * kept in the verdict's text. */
const char *mail_subject_to_share(const struct ob_mail_message *message,
                                  struct ob_mail_verdict_builder *verdict);

/* True when a reason of `signal` has been added. */
bool mail_has_reason(const struct ob_mail_verdict_builder *verdict, enum mail_signal signal);

/* ---- shared data, loaded once per engine (data.c) --------------------------- */

struct ob_mail_brand {
    const char *name;                  /* its first name, "PayPal": the one explanations use */
    const char *const *names;          /* every name it goes by ("Укрпошта", "Ukrposhta") */
    const char *const *folded_names;   /* each name case-folded (mail_text_fold) */
    const char *const *name_skeletons; /* each folded name's UTS #39 skeleton, "" if none */
    size_t name_count;
    const char *const *domains;   /* registrable domains it really uses */
    const char *const *labels;    /* each domain's first label ("paypal") */
    const char *const *skeletons; /* each label's UTS #39 skeleton, "" if none */
    size_t domain_count;
};

/* An e-mail service that sends newsletters for others (click-trackers.txt). */
struct ob_mail_service {
    const char *name;           /* "Mailchimp" */
    const char *const *domains; /* its tracking hosts and DKIM domains, as host suffixes */
    size_t domain_count;
};

struct ob_mail_data {
    struct ob_arena text;
    struct ob_mail_brand *brands;
    size_t brand_count;
    struct ob_mail_service *click_trackers;
    size_t click_tracker_count;
    const char **free_mail; /* registrable domains of free mail providers */
    size_t free_mail_count;
    const char **shorteners; /* URL shortener hosts */
    size_t shortener_count;
    const char **platforms; /* tenant platforms: anyone gets a subdomain */
    size_t platform_count;
    const char **abused_tlds; /* top-level domains where abuse is common */
    size_t abused_tld_count;
    const char **image_hosts; /* public picture-sharing sites */
    size_t image_host_count;
    const char **lure_words; /* document-share and sign-in words of lure domains */
    size_t lure_word_count;
    /* hosts of CDNs and e-mail services' tracking (data/mail/context-hosts.txt),
     * each with its reason, "cdn" or "tracking" */
    const char **context_hosts;
    const char **context_reasons;
    size_t context_host_count;
    void **owned; /* pointer arrays of the brands, freed with the data */
    size_t owned_count;
    const char **cues;        /* lower-case phrases asking for urgency or credentials */
    unsigned char *cue_kinds; /* enum mail_cue_kind of each cue */
    size_t cue_count;
    unsigned char cue_section; /* while loading: the kind of the file's current section */
    /* The cues by their first two bytes, for one pass over a text: a bit
     * per two-byte prefix, and (prefix, cue index) pairs sorted by prefix. */
    unsigned char *cue_prefix_bits; /* 65536 bits */
    struct ob_mail_cue_prefix {
        uint16_t prefix;
        uint16_t cue;
    } * cue_prefixes;
    size_t cue_prefix_count;
    struct ob_mail_safelink {
        const char *host;  /* host suffix of the wrapping service */
        const char *param; /* query parameter that holds the real URL */
    } * safelinks;
    size_t safelink_count;
};

/* ---- names in any script (names.c) ------------------------------------------ */

#define OB_MAIL_NAME_MAX 1024 /* bytes of a display name compared */

/* A display name made ready for comparison with brand and organisation
 * names: case-folded and, when it holds anything but ASCII, the
 * confusable skeleton of its NFKC form too (full-width letters become
 * plain, and "Ukrpоshta" with a Cyrillic 'о' has the skeleton of
 * "ukrposhta"). A pure ASCII name costs no ICU call. */
struct mail_name {
    char folded[OB_MAIL_NAME_MAX];
    char skeleton[OB_MAIL_NAME_MAX]; /* "" for a pure ASCII name, or when none */
};
void mail_name_prepare(const char *display, struct mail_name *out);

/* Folds `text` for comparison into `out` (cut to `size`): ASCII letters
 * lowered directly, anything else through full Unicode case folding. */
void mail_text_fold(const char *text, char *out, size_t size);
/* The skeleton mail_name_prepare gives a name (NFKC, case folding, then
 * UTS #39), "" when ICU refuses the text. */
void mail_name_skeleton(const char *name, char *out, size_t size);

/* True when the name holds `folded_word` (folded with mail_text_fold) as a
 * whole word, or `skeleton_word` (may be NULL or "") as a whole word of its
 * skeleton. A Cyrillic word of five letters or more also matches its
 * inflected forms: "Укрпошта" is found in "Служба підтримки Укрпошти". */
bool mail_name_has_word(const struct mail_name *name, const char *folded_word,
                        const char *skeleton_word);

/* The first brand one of whose names the display name holds as a word
 * (names of fewer than three letters are never looked for), or NULL. */
const struct ob_mail_brand *mail_name_brand(const struct ob_mail_data *data,
                                            const struct mail_name *name);

/* What a cue phrase is a sign of: a cue file's lines are pressure phrases
 * until a line "[romance]" starts the phrases of dating and romance scams. */
enum mail_cue_kind {
    MAIL_CUE_PRESSURE,
    MAIL_CUE_ROMANCE,
};

/* Calls fn(user, cue index) for each cue that starts at a word start of
 * `text` (lower case): where the byte before is not an ASCII letter or
 * digit. Cyrillic letters are never ASCII, so Ukrainian and Russian cues
 * are found inside words too, as before. fn may be called more than once
 * for a cue. */
void mail_find_cues(const struct ob_mail_data *data, const char *text, size_t length,
                    void (*fn)(void *user, size_t cue), void *user);

/* The real URL inside a link-protection wrapper (Microsoft Safe Links,
 * Proofpoint versions 2 and 3, Mimecast, Symantec...), decoded into `out`,
 * cut to `size`; false when `url` is not a known wrapper. Mimecast keeps
 * only a domain, which is what `out` then holds. One layer: a wrapper
 * inside is left as it is (unwrap.c). */
bool mail_safelink_unwrap(const struct ob_mail_data *data, const char *url, char *out, size_t size);

/* Fills each link's target, host and site (see struct ob_mail_link), in
 * message->text, asking mail_site_of with `sites`. When the text is
 * full, a link keeps its url as target and an empty host and site. */
struct ob_mail_sites;
void mail_resolve_links(struct ob_mail_message *message, const struct ob_mail_data *data,
                        struct ob_mail_sites *sites);

/* The host of an absolute URL (or of "www." links), lower case, without
 * user information or port; false when there is none. */
bool mail_url_host(const char *url, char *out, size_t size);
/* Where that host is in `url`: its first byte and length, as written. */
bool mail_url_host_span(const char *url, size_t *start, size_t *length);

/* True when the host's top-level domain is on the list of those where
 * abuse is common (data/mail/abused-tlds.txt); *tld gets it. */
/* True when `registrable` is a free mail provider's (check_sender.c). */
bool mail_is_free_mail(const struct ob_mail_data *data, const char *registrable);
/* True when `host` is one of `hosts` or a subdomain of one. */
bool mail_host_listed(const char *const *hosts, size_t count, const char *host);
bool mail_tld_is_abused(const struct ob_mail_data *data, const char *host, const char **tld);

/* Why `host` (lower case) is only context in the indicators: "cdn" or
 * "tracking" when it or a parent is in data/mail/context-hosts.txt, else
 * NULL. */
const char *mail_context_host(const struct ob_mail_data *data, const char *host);
/* The e-mail service whose domains hold `host` (lower case), or NULL. */
const struct ob_mail_service *mail_click_tracker(const struct ob_mail_data *data, const char *host);
/* True when `host` (lower case) is one of the service's domains or under one. */
bool mail_service_owns(const struct ob_mail_service *service, const char *host);

/* True when `registrable` is one of the brand's own domains. */
bool mail_brand_owns(const struct ob_mail_brand *brand, const char *registrable);

/* True when a URL host (as mail_url_host gives it) is an IP address:
 * "[...]" for IPv6, or a dotted IPv4 address. */
bool mail_host_is_ip(const char *host);

/* The registrable domain of a host (libpsl): "mail.google.com" ->
 * "google.com"; an IP literal or a public suffix gives itself. */
void mail_registrable(const char *host, char *out, size_t size);

/* Loads the built-in data, embedded at build time from data/mail/, and the
 * user's extra brands file (may be NULL) (data.c). Release with
 * mail_data_release. */
enum ob_status mail_data_load(struct ob_mail_data *out, const char *extra_brands,
                              struct ob_context *ctx) OB_WARN_UNUSED;
void mail_data_release(struct ob_mail_data *data);

/* ---- the checks (one file each), run in this order by mail.c -------------------- */

/* Registrable domains already worked out for one message: the checks ask
 * about the same few domains (the sender's above all) again and again, and
 * each answer from the public suffix list costs thousands of instructions. */
#define OB_MAIL_SITES 16
struct ob_mail_sites {
    size_t count, next; /* entries used; the one replaced next when full */
    struct {
        char host[256], site[256];
    } entries[OB_MAIL_SITES];
};

struct ob_mail_check_context {
    const struct ob_mail_message *message;
    const struct ob_mail_data *data;
    const struct ob_mail_options *options;
    struct ob_mail_verdict_builder *verdict;
    struct ob_mail_sites *sites; /* for mail_site_of; NULL: not remembered */
    /* Filled by mail_check_auth for the checks after it: the domain
     * (header.d) of the first DKIM signature that passed, "" when none. */
    char dkim_pass_domain[256];
};

/* mail_registrable, remembered in `sites` (NULL: not remembered). */
void mail_site_of(struct ob_mail_sites *sites, const char *host, char *out, size_t size);

/* (share.c) */
/* Makes the verdict's indicators fit to share: leaves out those that hold
 * a recipient's address (To, Cc, Delivered-To ...), gives each non-ASCII
 * host's punycode form, and marks context (a brand's own domain, a CDN or
 * tracking host). */
void mail_indicators_prepare(const struct ob_mail_message *message, const struct ob_mail_data *data,
                             struct ob_mail_sites *sites, struct ob_mail_verdict_builder *verdict);

void mail_check_auth(struct ob_mail_check_context *check);   /* auth.c */
void mail_check_sender(struct ob_mail_check_context *check); /* sender.c */
/* A reason when `host` is under a top-level domain where abuse is common,
 * explained by `wording` (one of OB_MAIL_WORDING_DOMAIN_ABUSED_TLD_*,
 * which says where the host was seen). Once per message. */
void mail_check_abused_tld(struct ob_mail_check_context *check, const char *host,
                           enum mail_wording wording); /* sender.c */
/* A reason when the registrable domain of `host` is made only of
 * document-share and sign-in words ("docs-view.online",
 * "secureloginverify.site"; data/mail/lure-words.txt), stronger under a
 * top-level domain where abuse is common; `wording` says where the host
 * was seen (one of OB_MAIL_WORDING_DOMAIN_LURE_WORDS_*, or
 * OB_MAIL_WORDING_COUNT for a link, which the signal's own explanation
 * names). Once per message.
 * (lure.c) */
void mail_check_lure_domain(struct ob_mail_check_context *check, const char *host,
                            enum mail_wording wording);
/* The lure words `label` (one domain label, lower case ASCII) is made
 * of: how many, or 0 when some part of it is not a lure word. Parts
 * split at '-' and digits are each read as a run of words. (lure.c) */
size_t mail_lure_word_count(const struct ob_mail_data *data, const char *label);
void mail_check_lookalike(struct ob_mail_check_context *check);   /* lookalike.c */
void mail_check_links(struct ob_mail_check_context *check);       /* links.c */
void mail_check_attachments(struct ob_mail_check_context *check); /* attachments.c */
/* Has the scan engine hash each attachment, type it and check it for
 * disguise, archives inside included (and match it against the rules and
 * file indicators `engine` was made with): its disguise reasons become
 * mail's attachment-rtlo, -double-extension and -disguised-program, its
 * rule and indicator hits attachment-known-malware, and each attachment
 * worth sharing an indicator with the engine's hashes. An attachment the
 * engine cannot scan is logged through ctx. (attachments.c) */
void mail_scan_attachments(struct ob_mail_check_context *check, struct ob_mail_message *message,
                           struct ob_scan *engine, struct ob_context *ctx);
void mail_check_content(struct ob_mail_check_context *check); /* content.c */
void mail_check_bulk(struct ob_mail_check_context *check);    /* bulk.c */

#endif
