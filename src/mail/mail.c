/* SPDX-License-Identifier: Apache-2.0 */
/* The mail triage engine: finds the messages in a path, parses each, runs
 * the checks, matches the indicator store, has the scan engine hash, type
 * and check every attachment, and turns the score into a verdict with
 * advice. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/buffer.h"
#include "core/walk.h"
#include "mail/mail_internal.h"

#define FOLDER_FILES_MAX 1000000
#define FOLDER_DEPTH_MAX 16

struct ob_mail {
    struct ob_context *ctx;
    struct ob_mail_options options;
    struct ob_mail_data data;
    struct ob_mail_stats stats;
    struct ob_scan *scan; /* every attachment; with YARA when rules are given */
    struct timespec started;
};

const char *ob_mail_verdict_name(enum ob_mail_verdict verdict)
{
    switch (verdict) {
    case OB_MAIL_PHISHING: return "phishing";
    case OB_MAIL_SUSPICIOUS: return "suspicious";
    default: return "no signs found";
    }
}

void ob_mail_options_init(struct ob_mail_options *options)
{
    memset(options, 0, sizeof(*options));
    options->suspicious_score = OB_MAIL_DEFAULT_SUSPICIOUS;
    options->phishing_score = OB_MAIL_DEFAULT_PHISHING;
}

/* ---- one message ------------------------------------------------------------ */

/* Where a value looked up in the store was found: each place has its own
 * sentences for a match, without and with the campaign the indicator
 * names. */
enum lookup_place {
    LOOKUP_SENDER,
    LOOKUP_REPLY,
    LOOKUP_BOUNCE,
    LOOKUP_SENDER_HEADER,
    LOOKUP_ORIGINAL_SENDER,
    LOOKUP_ORIGINAL_SENDER_HEADER,
    LOOKUP_LINK,
    LOOKUP_LINK_DOMAIN,
    LOOKUP_LINK_ADDRESS,
};

static const struct lookup_wordings {
    enum mail_wording plain, campaign;
} lookup_wordings[] = {
    [LOOKUP_SENDER] = {OB_MAIL_WORDING_INDICATOR_MATCH_SENDER,
                       OB_MAIL_WORDING_INDICATOR_MATCH_SENDER_CAMPAIGN},
    [LOOKUP_REPLY] = {OB_MAIL_WORDING_INDICATOR_MATCH_REPLY,
                      OB_MAIL_WORDING_INDICATOR_MATCH_REPLY_CAMPAIGN},
    [LOOKUP_BOUNCE] = {OB_MAIL_WORDING_INDICATOR_MATCH_BOUNCE,
                       OB_MAIL_WORDING_INDICATOR_MATCH_BOUNCE_CAMPAIGN},
    [LOOKUP_SENDER_HEADER] = {OB_MAIL_WORDING_INDICATOR_MATCH_SENDER_HEADER,
                              OB_MAIL_WORDING_INDICATOR_MATCH_SENDER_HEADER_CAMPAIGN},
    [LOOKUP_ORIGINAL_SENDER] = {OB_MAIL_WORDING_INDICATOR_MATCH_ORIGINAL_SENDER,
                                OB_MAIL_WORDING_INDICATOR_MATCH_ORIGINAL_SENDER_CAMPAIGN},
    [LOOKUP_ORIGINAL_SENDER_HEADER] =
        {OB_MAIL_WORDING_INDICATOR_MATCH_ORIGINAL_SENDER_HEADER,
         OB_MAIL_WORDING_INDICATOR_MATCH_ORIGINAL_SENDER_HEADER_CAMPAIGN},
    [LOOKUP_LINK] = {OB_MAIL_WORDING_INDICATOR_MATCH_LINK,
                     OB_MAIL_WORDING_INDICATOR_MATCH_LINK_CAMPAIGN},
    [LOOKUP_LINK_DOMAIN] = {OB_MAIL_WORDING_INDICATOR_MATCH_LINK_DOMAIN,
                            OB_MAIL_WORDING_INDICATOR_MATCH_LINK_DOMAIN_CAMPAIGN},
    [LOOKUP_LINK_ADDRESS] = {OB_MAIL_WORDING_INDICATOR_MATCH_LINK_ADDRESS,
                             OB_MAIL_WORDING_INDICATOR_MATCH_LINK_ADDRESS_CAMPAIGN},
};

struct lookup_visit {
    struct ob_mail_verdict_builder *verdict;
    const struct lookup_wordings *place;
    const char *value;
};

static void on_store_match(void *user, const struct ob_ioc_match *match)
{
    struct lookup_visit *visit = user;
    /* The evidence is the indicator: matched again (by another address of
     * the message, or through another of its sources), it counts once. */
    char evidence[OB_IOC_VALUE_MAX + 64];
    snprintf(evidence, sizeof(evidence), "%s indicator '%s'", ob_ioc_type_name(match->type),
             match->value);
    if (match->campaign[0] != '\0')
        mail_reason_add_worded(visit->verdict, visit->place->campaign, evidence, visit->value,
                               match->source, match->campaign);
    else
        mail_reason_add_worded(visit->verdict, visit->place->plain, evidence, visit->value,
                               match->source);
}

static void look_up(const struct ob_mail *mail, struct ob_mail_verdict_builder *verdict,
                    enum ob_ioc_type type, enum lookup_place place, const char *value)
{
    if (mail->options.lookup == NULL || value == NULL || value[0] == '\0')
        return;
    struct lookup_visit visit = {.verdict = verdict,
                                 .place = &lookup_wordings[place],
                                 .value = value};
    (void)ob_ioc_lookup_find(mail->options.lookup, type, value, strlen(value), on_store_match,
                             &visit);
}

/* Indicators to share, and matches against the store. */
static void extract_and_match(struct ob_mail *mail, const struct ob_mail_message *message,
                              struct ob_mail_verdict_builder *verdict)
{
    mail_indicator_add(verdict, "from", message->from.address, NULL, NULL);
    look_up(mail, verdict, OB_IOC_EMAIL, LOOKUP_SENDER, message->from.address);
    for (size_t i = 0; i < message->reply_to_count; i++) {
        mail_indicator_add(verdict, "reply-to", message->reply_to[i].address, NULL, NULL);
        look_up(mail, verdict, OB_IOC_EMAIL, LOOKUP_REPLY, message->reply_to[i].address);
    }
    mail_indicator_add(verdict, "return-path", message->return_path.address, NULL, NULL);
    look_up(mail, verdict, OB_IOC_EMAIL, LOOKUP_BOUNCE, message->return_path.address);
    if (message->sender.address[0] != '\0')
        look_up(mail, verdict, OB_IOC_EMAIL, LOOKUP_SENDER_HEADER, message->sender.address);
    if (message->forwarded.present) {
        mail_indicator_add(verdict, "forwarded-from", message->forwarded.from.address, NULL, NULL);
        look_up(mail, verdict, OB_IOC_EMAIL, LOOKUP_ORIGINAL_SENDER,
                message->forwarded.from.address);
        if (message->forwarded.sender.address[0] != '\0') {
            mail_indicator_add(verdict, "forwarded-sender", message->forwarded.sender.address, NULL,
                               NULL);
            look_up(mail, verdict, OB_IOC_EMAIL, LOOKUP_ORIGINAL_SENDER_HEADER,
                    message->forwarded.sender.address);
        }
        /* Where its replies and bounces would go, from its own headers. */
        mail_indicator_add(verdict, "forwarded-reply-to", message->forwarded.reply_to.address, NULL,
                           NULL);
        look_up(mail, verdict, OB_IOC_EMAIL, LOOKUP_REPLY, message->forwarded.reply_to.address);
        mail_indicator_add(verdict, "forwarded-return-path", message->forwarded.return_path.address,
                           NULL, NULL);
        look_up(mail, verdict, OB_IOC_EMAIL, LOOKUP_BOUNCE, message->forwarded.return_path.address);
    }
    for (size_t i = 0; i < message->link_count; i++) {
        /* Where the link really goes: a link-protection wrapper's own
         * address says nothing about the attack. */
        const char *url = message->links[i].target, *host = message->links[i].host;
        bool web = strncasecmp(url, "http", 4) == 0 || strncasecmp(url, "ftp", 3) == 0;
        bool ip = mail_host_is_ip(host);
        if (web) {
            mail_indicator_add(verdict, "url", url, NULL, NULL);
            look_up(mail, verdict, OB_IOC_URL, LOOKUP_LINK, url); /* its domain too */
        }
        /* A "www." link without a scheme, or only a domain (Mimecast wraps
         * those), still has a host to share and match. */
        if (host[0] != '\0')
            mail_indicator_add(verdict, ip ? "ip" : "domain", host, NULL, NULL);
        if (host[0] != '\0' && !web && !ip)
            look_up(mail, verdict, OB_IOC_DOMAIN, LOOKUP_LINK_DOMAIN, host);
        if (ip && host[0] != '[')
            look_up(mail, verdict, OB_IOC_IPV4, LOOKUP_LINK_ADDRESS, host);
    }
}

static int compare_reasons(const void *a, const void *b)
{
    const struct ob_mail_reason *left = a, *right = b;
    if (left->score != right->score)
        return left->score > right->score ? -1 : 1;
    return strcmp(left->signal, right->signal);
}

/* The threats a message's reasons can point to, most urgent first: the
 * advice each signal names in mail's table (.advice), and the code the
 * JSONL `threat` field gives for it. */
static const struct {
    const char *advice; /* id in mail's advice table */
    const char *threat; /* code */
} threats[] = {
    {"mail-known-attack", "targeted-attack"},
    {"mail-opened-malware", "malicious-attachment"},
    {"mail-credential-phishing", "credential-phishing"},
    {"mail-scam", "scam"},
};
#define THREATS (sizeof(threats) / sizeof(threats[0]))
#define SCAM (THREATS - 1)
#define CREDENTIALS (THREATS - 2)

/* What to do now, chosen by the verdict and the threats its reasons point
 * to, in the language of messages, with the ids of the advice it is made
 * of (ids[], at most ADVICE_IDS_MAX) and the threat's code:
 * - no signs found: the verdict's general advice, threat "none";
 * - phishing: the advice of each threat found, most urgent first, each
 *   once (the scam advice only when nothing worse was found, since it says
 *   to delete the message, and then after the general phishing advice);
 *   with none found, the general phishing advice, threat "unclassified";
 * - suspicious: the general suspicious advice first, which already says
 *   what to do after a click, then the other threats' advice.
 * The text is kept in the verdict's text; the general advice alone when it
 * cannot be kept. */
#define ADVICE_IDS_MAX (THREATS + 1)
static const char *choose_advice(struct ob_mail_verdict_builder *verdict,
                                 enum ob_mail_verdict level, const char **ids, size_t *id_count,
                                 const char **threat)
{
    const struct ob_signal_table *table = ob_mail_signals();
    const char *general_id = level == OB_MAIL_PHISHING     ? "mail-phishing"
                             : level == OB_MAIL_SUSPICIOUS ? "mail-suspicious"
                                                           : "mail-clean";
    const char *general = _(ob_advice_find(table, general_id)->text);
    *id_count = 0;
    *threat = "none";
    if (level == OB_MAIL_CLEAN) {
        ids[(*id_count)++] = general_id;
        return general;
    }
    bool found[THREATS] = {false};
    for (size_t i = 0; i < verdict->reason_count; i++) {
        const struct ob_signal_def *def = ob_signal_find(table, verdict->reasons[i].signal);
        for (size_t t = 0; def != NULL && def->advice != NULL && t < THREATS; t++)
            found[t] |= strcmp(def->advice, threats[t].advice) == 0;
    }
    /* An attachment known to belong to a named campaign is a targeted
     * attack too. */
    found[0] |= verdict->campaign_attachment;
    *threat = "unclassified";
    bool worse_than_scam = false;
    for (size_t t = 0; t < THREATS; t++) {
        if (found[t] && strcmp(*threat, "unclassified") == 0)
            *threat = threats[t].threat;
        worse_than_scam |= found[t] && t < SCAM;
    }
    /* A suspicious message, and a phishing one whose only threat told is
     * bulk mail, get the verdict's general advice first: mass phishing has
     * the marks of bulk mail too, and the general advice says what to do
     * after a click. */
    if (level == OB_MAIL_SUSPICIOUS || !worse_than_scam)
        ids[(*id_count)++] = general_id;
    for (size_t t = 0; t < THREATS; t++) {
        if (!found[t] || (t == SCAM && worse_than_scam) ||
            (t == CREDENTIALS && level == OB_MAIL_SUSPICIOUS))
            continue;
        ids[(*id_count)++] = threats[t].advice;
    }
    if (*id_count == 0) {
        ids[(*id_count)++] = general_id;
        return general;
    }
    char text[8192]; /* Ukrainian takes about twice the bytes of English */
    size_t used = 0;
    for (size_t i = 0; i < *id_count; i++) {
        const char *translated = _(ob_advice_find(table, ids[i])->text);
        int n = snprintf(text + used, sizeof(text) - used, "%s%s", used > 0 ? " " : "", translated);
        if (n < 0 || (size_t)n >= sizeof(text) - used) {
            *id_count = i; /* what fitted */
            break;
        }
        used += (size_t)n;
    }
    const char *kept = used > 0 ? mail_verdict_keep(verdict, text) : NULL;
    if (kept == NULL) {
        ids[0] = general_id;
        *id_count = 1;
        return general;
    }
    return kept;
}

enum ob_status ob_mail_triage_buffer(struct ob_mail *mail, const char *source, const char *data,
                                     size_t length, ob_mail_result_fn fn, void *user)
{
    struct ob_mail_message message;
    enum ob_status status = mail_message_parse(source, data, length, &message);
    if (status != OB_OK)
        return status;
    struct ob_mail_verdict_builder verdict;
    mail_verdict_init(&verdict);
    struct ob_mail_sites sites = {0};
    mail_resolve_links(&message, &mail->data, &sites);
    struct ob_mail_check_context check = {.message = &message,
                                          .data = &mail->data,
                                          .options = &mail->options,
                                          .verdict = &verdict,
                                          .sites = &sites};
    mail_check_auth(&check);
    mail_check_sender(&check);
    mail_check_lookalike(&check);
    mail_check_links(&check);
    mail_check_attachments(&check);
    mail_check_content(&check);
    mail_check_bulk(&check);
    extract_and_match(mail, &message, &verdict);
    mail_scan_attachments(&check, &message, mail->scan, mail->ctx);
    mail_indicators_prepare(&message, &mail->data, &sites, &verdict);

    if (verdict.reason_count > 1)
        qsort(verdict.reasons, verdict.reason_count, sizeof(*verdict.reasons), compare_reasons);
    int score = 0;
    for (size_t i = 0; i < verdict.reason_count; i++)
        score += verdict.reasons[i].score;
    enum ob_mail_verdict level = score >= mail->options.phishing_score     ? OB_MAIL_PHISHING
                                 : score >= mail->options.suspicious_score ? OB_MAIL_SUSPICIOUS
                                                                           : OB_MAIL_CLEAN;
    const struct ob_mail_header *from = mail_header_find(&message, "From");
    const char *advice_ids[ADVICE_IDS_MAX];
    size_t advice_id_count = 0;
    const char *threat = "none";
    const char *advice = choose_advice(&verdict, level, advice_ids, &advice_id_count, &threat);
    struct ob_mail_result result = {
        .source = source,
        .message_id = message.message_id,
        .from = from != NULL ? from->value : "",
        .subject = message.subject,
        .subject_to_share = mail_subject_to_share(&message, &verdict),
        .date = message.date,
        .verdict = level,
        .score = score,
        .reasons = verdict.reasons,
        .reason_count = verdict.reason_count,
        .indicators = verdict.indicators,
        .indicator_count = verdict.indicator_count,
        .advice = advice,
        .advice_ids = advice_ids,
        .advice_id_count = advice_id_count,
        .threat = threat,
        .notices = (const char *const *)message.notices,
        .notice_count = message.notice_count,
    };
    mail->stats.messages++;
    mail->stats.verdicts[level]++;
    if (message.notice_count > 0)
        mail->stats.notices++;
    fn(user, &result);
    mail_verdict_release(&verdict);
    mail_message_release(&message);
    return OB_OK;
}

/* ---- inputs ----------------------------------------------------------------- */

struct mbox_visit {
    struct ob_mail *mail;
    const char *path;
    ob_mail_result_fn fn;
    void *user;
};

static enum ob_status on_mbox_message(void *user, size_t index, const char *data, size_t length)
{
    struct mbox_visit *visit = user;
    char source[4096];
    snprintf(source, sizeof(source), "%s#%zu", visit->path, index + 1);
    return ob_mail_triage_buffer(visit->mail, source, data, length, visit->fn, visit->user);
}

/* True when the text starts like a message: a header field ("Name:") or
 * an mbox "From " line, after any blank lines. */
static bool looks_like_mail(const char *data, size_t length)
{
    size_t i = 0;
    while (i < length && (data[i] == '\n' || data[i] == '\r' || data[i] == ' ' || data[i] == '\t'))
        i++;
    if (mail_is_mbox(data + i, length - i))
        return true;
    size_t name = 0;
    while (i + name < length && name < 80 && data[i + name] > ' ' && data[i + name] < 127 &&
           data[i + name] != ':')
        name++;
    return name > 0 && i + name < length && data[i + name] == ':';
}

/* `named`: given on the command line; files met in a folder walk that do
 * not look like mail (README, LICENSE) are passed over and counted. */
static enum ob_status triage_file(struct ob_mail *mail, const char *path, bool named,
                                  ob_mail_result_fn fn, void *user)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    struct stat info;
    if (fd < 0 || fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        if (fd < 0)
            ob_context_log(mail->ctx, OB_LOG_ERROR, _("cannot read '%s': %s"), path,
                           strerror(errno));
        else
            ob_context_log(mail->ctx, OB_LOG_ERROR, _("cannot read '%s': not a regular file"),
                           path);
        if (fd >= 0)
            close(fd);
        mail->stats.errors++;
        return OB_OK;
    }
    if (info.st_size == 0) {
        close(fd);
        return ob_mail_triage_buffer(mail, path, "", 0, fn, user);
    }
    /* Mapped, not read: an mbox may be far larger than one message. */
    void *map = mmap(NULL, (size_t)info.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        ob_context_log(mail->ctx, OB_LOG_ERROR, _("cannot read '%s': %s"), path, strerror(errno));
        mail->stats.errors++;
        return OB_OK;
    }
    const char *data = map;
    size_t length = (size_t)info.st_size;
    enum ob_status status;
    if (!named && !looks_like_mail(data, length)) {
        ob_context_log(mail->ctx, OB_LOG_INFO, _("'%s' does not look like a message; passed over"),
                       path);
        mail->stats.skipped++;
        munmap(map, (size_t)info.st_size);
        return OB_OK;
    }
    if (mail_is_mbox(data, length)) {
        struct mbox_visit visit = {.mail = mail, .path = path, .fn = fn, .user = user};
        status = mail_mbox_split(data, length, on_mbox_message, &visit);
    } else {
        if (length > OB_MAIL_MESSAGE_MAX) {
            ob_context_log(mail->ctx, OB_LOG_WARNING,
                           P_("'%s' is larger than %zu MiB; only its start is examined",
                              "'%s' is larger than %zu MiB; only its start is examined",
                              OB_MAIL_MESSAGE_MAX >> 20),
                           path, OB_MAIL_MESSAGE_MAX >> 20);
            length = OB_MAIL_MESSAGE_MAX;
        }
        status = ob_mail_triage_buffer(mail, path, data, length, fn, user);
    }
    munmap(map, (size_t)info.st_size);
    return status;
}

static enum ob_status triage_folder(struct ob_mail *mail, const char *folder, int depth,
                                    ob_mail_result_fn fn, void *user)
{
    if (depth > FOLDER_DEPTH_MAX)
        return OB_OK;
    char **names = NULL;
    size_t count = 0;
    enum ob_status status = core_folder_names(folder, FOLDER_FILES_MAX, &names, &count);
    if (status == OB_ERR_NOMEM)
        return status;
    if (status != OB_OK) {
        ob_context_log(mail->ctx, OB_LOG_ERROR, _("cannot open folder '%s': %s"), folder,
                       strerror(errno));
        mail->stats.errors++;
        return OB_OK;
    }
    for (size_t i = 0; status == OB_OK && i < count; i++) {
        char *path = NULL;
        if (asprintf(&path, "%s/%s", folder, names[i]) < 0) {
            status = OB_ERR_NOMEM;
            break;
        }
        struct stat info;
        if (lstat(path, &info) == 0 && S_ISDIR(info.st_mode)) {
            /* A Maildir's tmp/ holds messages still being delivered. */
            if (strcmp(names[i], "tmp") != 0)
                status = triage_folder(mail, path, depth + 1, fn, user);
        } else if (lstat(path, &info) == 0 && S_ISREG(info.st_mode)) {
            status = triage_file(mail, path, false, fn, user);
        }
        free(path);
    }
    core_folder_names_free(names, count);
    return status;
}

static enum ob_status triage_stdin(struct ob_mail *mail, ob_mail_result_fn fn, void *user)
{
    struct ob_buffer input;
    core_buffer_init(&input, OB_MAIL_MESSAGE_MAX);
    char chunk[65536];
    enum ob_status status = OB_OK;
    bool cut = false;
    for (;;) {
        ssize_t n = read(STDIN_FILENO, chunk, sizeof(chunk));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (!cut && core_buffer_append(&input, chunk, (size_t)n) != OB_OK)
            cut = true; /* keep reading so the writer is not blocked */
    }
    if (cut)
        ob_context_log(mail->ctx, OB_LOG_WARNING,
                       P_("standard input is larger than %zu MiB; only its start is examined",
                          "standard input is larger than %zu MiB; only its start is examined",
                          OB_MAIL_MESSAGE_MAX >> 20),
                       OB_MAIL_MESSAGE_MAX >> 20);
    const char *data = input.data != NULL ? (const char *)input.data : "";
    if (mail_is_mbox(data, input.length)) {
        struct mbox_visit visit = {.mail = mail, .path = "-", .fn = fn, .user = user};
        status = mail_mbox_split(data, input.length, on_mbox_message, &visit);
    } else {
        status = ob_mail_triage_buffer(mail, "-", data, input.length, fn, user);
    }
    core_buffer_release(&input);
    return status;
}

enum ob_status ob_mail_triage_path(struct ob_mail *mail, const char *path, ob_mail_result_fn fn,
                                   void *user)
{
    if (strcmp(path, "-") == 0)
        return triage_stdin(mail, fn, user);
    struct stat info;
    if (stat(path, &info) != 0) {
        int error = errno;
        mail->stats.errors++; /* an input given that could not be read */
        return ob_context_fail(mail->ctx, error == ENOENT ? OB_ERR_NOT_FOUND : OB_ERR_IO,
                               _("cannot read '%s': %s"), path, strerror(error));
    }
    if (S_ISDIR(info.st_mode))
        return triage_folder(mail, path, 0, fn, user);
    return triage_file(mail, path, true, fn, user);
}

/* ---- lifecycle ------------------------------------------------------------- */

enum ob_status ob_mail_new(struct ob_context *ctx, const struct ob_mail_options *options,
                           struct ob_mail **out)
{
    *out = NULL;
    struct ob_mail *mail = calloc(1, sizeof(*mail));
    if (mail == NULL)
        return OB_ERR_NOMEM;
    mail->ctx = ctx;
    mail->options = *options;
    mail->started = core_clock_now();
    enum ob_status status = mail_data_load(&mail->data, options->brands_file, ctx);
    if (status == OB_OK) {
        /* Without rules or file indicators the engine still hashes, types
         * and checks each attachment for disguise, without YARA. */
        struct ob_scan_options scan_options;
        ob_scan_options_init(&scan_options);
        scan_options.use_yara = options->rules != NULL;
        scan_options.max_file_size = OB_MAIL_MESSAGE_MAX; /* no attachment is larger */
        status = ob_scan_new(&scan_options, options->rules, options->iocs, NULL, &mail->scan);
        if (status != OB_OK)
            ob_context_fail(ctx, status, _("cannot set up the checks of attachments: %s"),
                            ob_strerror(status));
    }
    if (status != OB_OK) {
        ob_mail_free(mail);
        return status;
    }
    *out = mail;
    return OB_OK;
}

void ob_mail_free(struct ob_mail *mail)
{
    if (mail == NULL)
        return;
    ob_scan_free(mail->scan);
    mail_data_release(&mail->data);
    free(mail);
}

void ob_mail_stats(const struct ob_mail *mail, struct ob_mail_stats *out)
{
    *out = mail->stats;
    out->seconds = core_clock_seconds_since(&mail->started);
}

bool ob_mail_stats_nothing_read(const struct ob_mail_stats *stats)
{
    return stats->messages == 0 && stats->errors > 0;
}
