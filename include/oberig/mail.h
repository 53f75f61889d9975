/* SPDX-License-Identifier: Apache-2.0 */
/* oberig mail: explainable phishing triage of .eml files, mbox files,
 * Maildir folders and messages on standard input. Nothing is fetched: no
 * link is opened, no sender looked up. */
#ifndef OBERIG_MAIL_H
#define OBERIG_MAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oberig/core.h"
#include "oberig/ioc.h"
#include "oberig/scan.h"

#ifdef __cplusplus
extern "C" {
#endif

enum ob_mail_verdict { OB_MAIL_CLEAN, OB_MAIL_SUSPICIOUS, OB_MAIL_PHISHING };
/* "no signs found", "suspicious", "phishing" */
const char *ob_mail_verdict_name(enum ob_mail_verdict verdict);

/* The mail signal table (src/mail/signals.c): id, score, summary and
 * explanation of every reason oberig mail can give, and the advice for each
 * verdict ("mail-phishing", "mail-suspicious", "mail-clean"). Static;
 * thread-safe. */
const struct ob_signal_table *ob_mail_signals(void);

#define OB_MAIL_DEFAULT_SUSPICIOUS 40
#define OB_MAIL_DEFAULT_PHISHING 80

/* One reason: what fired, its weight, and a sentence for a non-expert. */
struct ob_mail_reason {
    const char *signal; /* stable id, e.g. "auth-dmarc-fail", "link-text-mismatch" */
    int score;
    const char *explanation; /* plain language, one or two sentences */
    const char *evidence;    /* exact detail for an analyst (header, URL, name); may be "" */
};

/* An indicator extracted from the message, ready to share with a helpline.
 * Addresses are always addresses (local@domain), never a display name, and
 * never one of the recipient's (To, Cc, Delivered-To): an indicator holding
 * a recipient's address is left out. */
struct ob_mail_indicator {
    const char *kind;   /* "from", "reply-to", "return-path", "forwarded-from",
                           "forwarded-sender", "contact-address", "domain", "url",
                           "ip", "attachment" */
    const char *value;  /* address, domain, URL, IP, or attachment file name, exact */
    const char *sha256; /* attachments only, else NULL */
    const char *md5;    /* attachments only, else NULL */
    /* The value with its host in punycode ("xn--ggle-55da.com") when the
     * host is not ASCII, else NULL. */
    const char *ascii;
    /* NULL for an indicator to share; else why it is only context and not
     * worth sharing: "brand-domain" (a domain a known brand really uses),
     * "cdn" (a content-delivery or static host), "tracking" (an e-mail
     * service's click-tracking or a web-analytics host). */
    const char *context;
};

/* The defanged form of an indicator of `kind` (struct ob_mail_indicator),
 * the way helplines paste them so that no program turns them into a link:
 * the scheme of a URL ("hxxps://") and the last dot of a host
 * ("docs-view[.]online", "user@evil[.]example", "203.0.113[.]9"); an
 * attachment name is copied as it is. Written NUL-terminated into `out`,
 * cut to `size`; returns the length written. Pure; thread-safe. */
size_t ob_mail_defang(const char *kind, const char *value, char *out, size_t size);

/* The triage of one message. Strings live until the callback returns. */
struct ob_mail_result {
    const char *source;     /* file path; for mbox "path#N" (N from 1); Maildir: the file */
    const char *message_id; /* may be "" */
    const char *from;       /* the From header as decoded, may be "" */
    const char *subject;    /* decoded, may be "" */
    /* The subject to put in a shared document: each word of the recipients'
     * names and addresses (To, Cc, ...) replaced by "[recipient]". */
    const char *subject_to_share;
    int64_t date; /* its Date header, Unix seconds; 0 when none or not readable */
    enum ob_mail_verdict verdict;
    int score;
    const struct ob_mail_reason *reasons; /* highest score first */
    size_t reason_count;
    const struct ob_mail_indicator *indicators;
    size_t indicator_count;
    const char *advice;            /* what to do now, in the language of messages: the advice of
                                      the threats its reasons point to, most urgent first, each
                                      once, or the verdict's general advice (mail.c) */
    const char *const *advice_ids; /* the ids in mail's advice table it is made of */
    size_t advice_id_count;
    const char *threat;         /* "targeted-attack", "malicious-attachment", "credential-phishing",
                                   "scam", "unclassified" (flagged, no threat told), "none" */
    const char *const *notices; /* parse problems (broken MIME, limits hit) */
    size_t notice_count;
};

struct ob_mail_options {
    int suspicious_score; /* OB_MAIL_DEFAULT_SUSPICIOUS */
    int phishing_score;   /* OB_MAIL_DEFAULT_PHISHING */
    /* Optional, owned by the caller, read-only and outliving the engine:
     * indicators from the store (sender, domains, URLs, IPs), and the rules
     * and file indicators that attachments are scanned with. Every
     * attachment is scanned like a file on disk, archives inside included:
     * hashed and checked for disguise always, matched against these when
     * given (NULL: not). Each piece of evidence gives one reason, whichever
     * of these found it. */
    const struct ob_ioc_lookup *lookup;
    const struct ob_rules *rules;
    const struct ob_indicators *iocs;
    /* Extra protected brands, one per line "Brand Name: domain1 domain2"
     * (the same format as the built-in list); may be NULL. */
    const char *brands_file;
};

void ob_mail_options_init(struct ob_mail_options *options);

struct ob_mail_stats {
    uint64_t messages;
    uint64_t verdicts[3]; /* by enum ob_mail_verdict */
    uint64_t errors;      /* inputs that could not be read */
    uint64_t notices;     /* messages parsed with problems */
    uint64_t skipped;     /* files in folders that do not look like mail */
    double seconds;
};

typedef void (*ob_mail_result_fn)(void *user, const struct ob_mail_result *result);

/* A triage engine: the built-in data (brands, cue words, shorteners) is
 * loaded once. Not thread-safe: one per thread. */
struct ob_mail;

enum ob_status ob_mail_new(struct ob_context *ctx, const struct ob_mail_options *options,
                           struct ob_mail **out) OB_WARN_UNUSED;
void ob_mail_free(struct ob_mail *mail);

/* Triage of every message in `path`: an .eml file, an mbox file, a Maildir
 * folder (cur/ and new/), or a folder of .eml files; "-" reads one message
 * from standard input. `fn` is called once per message. Unreadable inputs
 * are logged through ctx and counted; only a path that does not exist at
 * all returns an error (OB_ERR_NOT_FOUND). */
enum ob_status ob_mail_triage_path(struct ob_mail *mail, const char *path, ob_mail_result_fn fn,
                                   void *user) OB_WARN_UNUSED;

/* Triage of one message held in memory; `source` names it in the result. */
enum ob_status ob_mail_triage_buffer(struct ob_mail *mail, const char *source, const char *data,
                                     size_t length, ob_mail_result_fn fn,
                                     void *user) OB_WARN_UNUSED;

void ob_mail_stats(const struct ob_mail *mail, struct ob_mail_stats *out);

/* True when no message could be read although inputs were given: an
 * input could not be read and none held a message. The CLI then exits 2;
 * the summary's `nothing_read` says the same. */
bool ob_mail_stats_nothing_read(const struct ob_mail_stats *stats);

#ifdef __cplusplus
}
#endif
#endif
