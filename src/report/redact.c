/* SPDX-License-Identifier: Apache-2.0 */
/* --redact: the person's user names, home folders and e-mail addresses
 * replaced by placeholders, indicators (hashes, rules, the senders, domains
 * and URLs of suspicious mail) left as they are. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report/report_internal.h"

#define USERS_MAX 64
#define USER_NAME_MAX 64

struct report_redactor {
    const struct ob_report *report;
    bool enabled;
    char users[USERS_MAX][USER_NAME_MAX + 1];
    size_t user_count;
};

/* Folders under a home root that are not a person. */
static bool is_shared_profile(const char *name)
{
    static const char *const shared[] = {"Public",    "Default", "Default User",
                                         "All Users", "Shared",  "Guest",
                                         ".",         ".."};
    for (size_t i = 0; i < sizeof(shared) / sizeof(shared[0]); i++)
        if (strcasecmp(name, shared[i]) == 0)
            return true;
    return false;
}

static void add_user(struct report_redactor *redactor, const char *name, size_t length)
{
    /* a one-letter name would replace every such word of every text */
    if (length < 2 || length > USER_NAME_MAX || redactor->user_count >= USERS_MAX)
        return;
    char copy[USER_NAME_MAX + 1];
    memcpy(copy, name, length);
    copy[length] = '\0';
    if (is_shared_profile(copy) || strchr(copy, '[') != NULL)
        return;
    for (size_t i = 0; i < redactor->user_count; i++)
        if (strcasecmp(redactor->users[i], copy) == 0)
            return;
    memcpy(redactor->users[redactor->user_count++], copy, length + 1);
}

/* The names after /home/, /Users/ and \Users\ (any case) in `path`. */
static void find_users(struct report_redactor *redactor, const char *path)
{
    static const char *const roots[] = {"/home/", "/users/", "\\users\\",
                                        "/documents and settings/"};
    for (const char *at = path; *at != '\0'; at++) {
        for (size_t r = 0; r < sizeof(roots) / sizeof(roots[0]); r++) {
            size_t length = strlen(roots[r]);
            if (strncasecmp(at, roots[r], length) != 0)
                continue;
            const char *name = at + length;
            size_t name_length = strcspn(name, "/\\");
            add_user(redactor, name, name_length);
        }
    }
}

enum ob_status report_redactor_new(const struct ob_report *report, bool enabled,
                                   struct report_redactor **out)
{
    struct report_redactor *redactor = calloc(1, sizeof(*redactor));
    if (redactor == NULL)
        return OB_ERR_NOMEM;
    redactor->report = report;
    redactor->enabled = enabled;
    for (size_t i = 0; i < report->finding_count; i++) {
        const struct report_finding *f = &report->findings[i];
        find_users(redactor, f->path);
        find_users(redactor, f->member);
        find_users(redactor, f->persistence);
    }
    for (size_t i = 0; i < report->entry_count; i++) {
        const struct report_entry *e = &report->entries[i];
        find_users(redactor, e->file);
        find_users(redactor, e->program);
        find_users(redactor, e->command);
        /* the account an entry belongs to, unless it is the system's own */
        if (strcmp(e->user, "root") != 0)
            add_user(redactor, e->user, strlen(e->user));
    }
    for (size_t i = 0; i < report->problem_count; i++)
        find_users(redactor, report->problems[i].path);
    for (size_t i = 0; i < report->step_count; i++)
        find_users(redactor, report->steps[i].source);
    *out = redactor;
    return OB_OK;
}

void report_redactor_free(struct report_redactor *redactor)
{
    free(redactor);
}

static bool is_mail_kind(const char *kind)
{
    return strcmp(kind, "from") == 0 || strcmp(kind, "reply-to") == 0 ||
           strcmp(kind, "return-path") == 0 || strcmp(kind, "forwarded-from") == 0 ||
           strcmp(kind, "contact-address") == 0;
}

bool report_is_indicator_address(const struct ob_report *report, const char *address)
{
    for (size_t i = 0; i < report->finding_count; i++) {
        const struct report_finding *f = &report->findings[i];
        for (size_t k = 0; k < f->item_count; k++)
            if (is_mail_kind(f->items[k].kind) && strcasecmp(f->items[k].value, address) == 0)
                return true;
    }
    return false;
}

static bool is_local_char(unsigned char c)
{
    return isalnum(c) || strchr("._%+-", c) != NULL;
}

static bool is_domain_char(unsigned char c)
{
    return isalnum(c) || c == '.' || c == '-' || c >= 0x80;
}

static bool is_word_char(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

/* The e-mail address around the '@' at text[at]: its start and end. */
static bool address_at(const char *text, size_t at, size_t *start, size_t *end)
{
    size_t left = at, right = at + 1;
    while (left > 0 && is_local_char((unsigned char)text[left - 1]))
        left--;
    while (text[right] != '\0' && is_domain_char((unsigned char)text[right]))
        right++;
    while (right > at + 1 && (text[right - 1] == '.' || text[right - 1] == '-'))
        right--;
    if (left == at || right == at + 1 || memchr(text + at + 1, '.', right - at - 1) == NULL)
        return false;
    *start = left;
    *end = right;
    return true;
}

/* The person's addresses in `text` replaced, into `out`. */
static enum ob_status redact_addresses(const struct report_redactor *redactor,
                                       struct ob_buffer *out, const char *text, bool *changed)
{
    enum ob_status status = OB_OK;
    size_t length = strlen(text), copied = 0;
    for (size_t i = 0; i < length && status == OB_OK; i++) {
        size_t start, end;
        if (text[i] != '@' || !address_at(text, i, &start, &end) || start < copied)
            continue;
        char address[512];
        size_t address_length = end - start < sizeof(address) - 1 ? end - start
                                                                  : sizeof(address) - 1;
        memcpy(address, text + start, address_length);
        address[address_length] = '\0';
        if (report_is_indicator_address(redactor->report, address))
            continue;
        status = core_buffer_append(out, text + copied, start - copied);
        if (status == OB_OK)
            status = core_buffer_append_str(out, "[email]");
        copied = end;
        i = end - 1;
        *changed = true;
    }
    if (status == OB_OK)
        status = core_buffer_append(out, text + copied, length - copied);
    return status;
}

/* Replaces the person's addresses, then user names, into `out`. Returns 1
 * when anything was replaced, 0 when not, -1 when it failed. */
static int redact_into(const struct report_redactor *redactor, struct ob_buffer *out,
                       const char *text)
{
    struct ob_buffer first;
    core_buffer_init(&first, OB_REPORT_TEXT_MAX * 4);
    core_buffer_reset(out, 1 << 16);
    bool changed = false;
    enum ob_status status = redact_addresses(redactor, &first, text, &changed);
    const char *from = core_buffer_str(&first);
    size_t length = first.length;
    for (size_t i = 0; i < length && status == OB_OK;) {
        bool replaced = false;
        if (i == 0 || !is_word_char((unsigned char)from[i - 1])) {
            for (size_t u = 0; u < redactor->user_count && !replaced; u++) {
                size_t name_length = strlen(redactor->users[u]);
                if (strncasecmp(from + i, redactor->users[u], name_length) == 0 &&
                    !is_word_char((unsigned char)from[i + name_length])) {
                    status = core_buffer_printf(out, "[user%zu]", u + 1);
                    i += name_length;
                    replaced = changed = true;
                }
            }
        }
        if (!replaced && status == OB_OK)
            status = core_buffer_append(out, from + i++, 1);
    }
    if (status == OB_OK)
        status = core_buffer_append(out, "", 0);
    core_buffer_release(&first);
    return status != OB_OK ? -1 : changed ? 1 : 0;
}

const char *report_redact_always(const struct report_redactor *redactor, struct ob_buffer *scratch,
                                 const char *text)
{
    if (text == NULL || text[0] == '\0' || redactor == NULL)
        return text != NULL ? text : "";
    int result = redact_into(redactor, scratch, text);
    /* text that could not be redacted is never shown */
    return result < 0 ? "[redacted]" : result > 0 ? core_buffer_str(scratch) : text;
}

const char *report_redact(const struct report_redactor *redactor, struct ob_buffer *scratch,
                          const char *text)
{
    if (redactor == NULL || !redactor->enabled)
        return text != NULL ? text : "";
    return report_redact_always(redactor, scratch, text);
}

bool report_redactor_is_personal(const struct report_redactor *redactor, const char *text)
{
    if (redactor == NULL)
        return false;
    struct ob_buffer scratch;
    core_buffer_init(&scratch, 1 << 20);
    bool personal = redact_into(redactor, &scratch, text) != 0;
    core_buffer_release(&scratch);
    static const char *const roots[] = {"/home/", "/users/", "\\users\\"};
    for (size_t r = 0; r < 3 && !personal; r++)
        for (const char *at = text; *at != '\0' && !personal; at++)
            personal = strncasecmp(at, roots[r], strlen(roots[r])) == 0;
    return personal;
}
