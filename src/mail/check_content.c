/* SPDX-License-Identifier: Apache-2.0 */
/* Words that press for urgency or ask for credentials, in English,
 * Ukrainian, Russian and the languages of the countries where most
 * Ukrainians abroad live and of common phishing (data/mail/cues-*.txt), in
 * the subject and the visible text. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buffer.h"
#include "core/icu_adapter.h"
#include "core/text.h"
#include "mail/mail_internal.h"

#define TEXT_SCANNED_MAX ((size_t)256 << 10) /* of each body: cues come early */
#define TEXT_MAX ((size_t)8 << 20)           /* of all the text scanned */
#define CUES_LISTED 4

/* Eight ASCII bytes (none has its high bit set) in lower case: 0x20 is
 * added to each byte from 'A' to 'Z', all eight at once. */
static uint64_t lower_ascii8(uint64_t bytes)
{
    const uint64_t ones = 0x0101010101010101u;
    uint64_t from_a = bytes + ones * (0x80 - 'A');     /* high bit: byte >= 'A' */
    uint64_t past_z = bytes + ones * (0x80 - 'Z' - 1); /* high bit: byte > 'Z' */
    uint64_t upper = (from_a & ~past_z) & ones * 0x80;
    return bytes | upper >> 2;
}

/* How far text folded by ICU may grow: full case folding turns one
 * character into at most three, each no longer in UTF-8 than three times
 * the bytes of the one it replaces. */
#define FOLD_GROWTH 3
#define ASCII_RUN 16 /* bytes of ASCII that end a run handed to ICU */

/* True when the eight bytes at `p` are all ASCII. */
static bool ascii8(const unsigned char *p)
{
    uint64_t eight;
    memcpy(&eight, p, 8);
    return (eight & 0x8080808080808080u) == 0;
}

/* Where the run of text that starts with a non-ASCII byte at `i` ends: at
 * the first ASCII_RUN bytes of ASCII after it (and on a character's
 * start), or at the end. */
static size_t non_ascii_run_end(const unsigned char *p, size_t i, size_t length)
{
    for (size_t at = i + 1; at + ASCII_RUN <= length; at++)
        if (p[at] < 0x80 && ascii8(p + at) && ascii8(p + at + 8))
            return at;
    return length;
}

/* The text folded for cue matching: ASCII lowered eight bytes at a time,
 * and only runs that hold other characters given to ICU's full case
 * folding ("ТЕРМІНОВО" -> "терміново"). */
static void append_lower(struct ob_buffer *out, const char *text, size_t length)
{
    /* ASCII keeps its length when lowered, so the room needed for it is
     * known in advance and bytes are written directly; a folded run
     * reserves its own room. */
    if (length == 0 || core_buffer_reserve(out, length) != OB_OK)
        return;
    const unsigned char *p = (const unsigned char *)text;
    for (size_t i = 0; i < length;) {
        unsigned char *to = out->data + out->length;
        /* Most text is ASCII: eight bytes at a time while it is. */
        if (length - i >= 8 && ascii8(p + i)) {
            uint64_t eight;
            memcpy(&eight, p + i, 8);
            eight = lower_ascii8(eight);
            memcpy(to, &eight, 8);
            out->length += 8;
            i += 8;
            continue;
        }
        if (p[i] < 0x80) {
            *to = (unsigned char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]);
            out->length++;
            i++;
            continue;
        }
        size_t end = non_ascii_run_end(p, i, length), folded = 0;
        size_t room = (end - i) * FOLD_GROWTH + 1;
        if (core_buffer_reserve(out, room + (length - end)) != OB_OK)
            break;
        to = out->data + out->length;
        if (core_text_fold_case(text + i, end - i, (char *)to, room, &folded) != OB_OK) {
            memcpy(to, p + i, end - i); /* left as it is when ICU cannot fold it */
            folded = end - i;
        }
        out->length += folded;
        i = end;
    }
    out->data[out->length] = '\0';
}

/* Visible text of HTML: tags removed, each replaced by a space. */
static void append_visible(struct ob_buffer *out, const char *html, size_t length)
{
    const char *end = html + length, *start = html;
    for (;;) {
        const char *open = memchr(start, '<', (size_t)(end - start));
        if (open == NULL)
            break;
        append_lower(out, start, (size_t)(open - start));
        const char *close = memchr(open + 1, '>', (size_t)(end - open - 1));
        if (close == NULL)
            return; /* the rest is inside a tag that never ends */
        start = close + 1;
        if (core_buffer_append(out, " ", 1) != OB_OK)
            return;
    }
    append_lower(out, start, (size_t)(end - start));
}

/* A random-looking code such as "fg46qFdZiRVH3jI": 12 or more letters and
 * digits with upper case, lower case and digits mixed, as bulk mailers put
 * into each copy to defeat filters that compare messages. */
static bool find_random_token(const char *text, char *out, size_t size)
{
    for (const char *at = text; *at;) {
        while (*at && !isalnum((unsigned char)*at))
            at++;
        size_t length = 0, upper = 0, lower = 0, digits = 0, changes = 0;
        while (at[length] && isalnum((unsigned char)at[length])) {
            unsigned char c = (unsigned char)at[length];
            upper += isupper(c) != 0;
            lower += islower(c) != 0;
            digits += isdigit(c) != 0;
            if (length > 0 && (isupper(c) != 0) != (isupper((unsigned char)at[length - 1]) != 0))
                changes++;
            length++;
        }
        if (length >= 12 && upper >= 2 && lower >= 2 && digits >= 1 && changes >= 4 &&
            length < size) {
            memcpy(out, at, length);
            out[length] = '\0';
            return true;
        }
        at += length;
    }
    return false;
}

static void mark_cue(void *user, size_t cue)
{
    ((bool *)user)[cue] = true;
}

void mail_check_content(struct ob_mail_check_context *check)
{
    /* HTML with no plain-text version: honest mail programs and mailing
     * services send both; bulk and phishing kits often only HTML. Weak. */
    bool html = false, plain = false;
    for (size_t i = 0; i < check->message->body_count; i++) {
        html |= check->message->bodies[i].html;
        plain |= !check->message->bodies[i].html && check->message->bodies[i].length > 0;
    }
    if (html && !plain)
        mail_reason_add(check->verdict, OB_MAIL_SIGNAL_CONTENT_HTML_ONLY, "");
    /* The same trick in the subject, the sender's name, those of a
     * forwarded message, and attachments' names ("csWuYjyqO2IR.pdf"). */
    char token[128];
    const struct ob_mail_message *message = check->message;
    const char *texts[] = {message->subject, message->from.display, message->forwarded.subject,
                           message->forwarded.from.display};
    /* Each place has its own sentence. */
    const enum mail_wording wordings[] = {
        OB_MAIL_WORDING_CONTENT_RANDOM_CODE_SUBJECT,
        OB_MAIL_WORDING_CONTENT_RANDOM_CODE_SENDER_NAME,
        OB_MAIL_WORDING_CONTENT_RANDOM_CODE_FORWARDED_SUBJECT,
        OB_MAIL_WORDING_CONTENT_RANDOM_CODE_ORIGINAL_SENDER_NAME,
    };
    _Static_assert(sizeof(texts) / sizeof(texts[0]) == 4 &&
                       sizeof(wordings) / sizeof(wordings[0]) == 4,
                   "four texts, each with its wording, come before the attachments' names");
    size_t places = 4 + message->attachment_count;
    for (size_t i = 0; i < places; i++) {
        const char *where = i < 4 ? texts[i] : message->attachments[i - 4].filename;
        if (find_random_token(where, token, sizeof(token))) {
            mail_reason_add_worded(check->verdict,
                                   i < 4 ? wordings[i]
                                         : OB_MAIL_WORDING_CONTENT_RANDOM_CODE_ATTACHMENT_NAME,
                                   token, token);
            break;
        }
    }
    const struct ob_mail_data *data = check->data;
    struct ob_buffer text;
    core_buffer_init(&text, TEXT_MAX);
    /* Room for all of it at once rather than growing piece by piece: the
     * lower-case and the visible text are never longer than what they are
     * made of. Over the cap, the text grows as it is appended, up to the
     * cap. */
    size_t subject_length = strlen(message->subject), room = subject_length + 3;
    for (size_t i = 0; i < message->body_count; i++) {
        size_t length = message->bodies[i].length;
        room += (length < TEXT_SCANNED_MAX ? length : TEXT_SCANNED_MAX) + 3;
    }
    if (room <= TEXT_MAX && core_buffer_reserve(&text, room) != OB_OK) {
        core_buffer_release(&text); /* out of memory */
        return;
    }
    append_lower(&text, message->subject, subject_length);
    if (core_buffer_append(&text, " \n ", 3) != OB_OK) {
        core_buffer_release(&text);
        return;
    }
    for (size_t i = 0; i < message->body_count; i++) {
        const struct ob_mail_body *body = &message->bodies[i];
        size_t length = body->length < TEXT_SCANNED_MAX ? body->length : TEXT_SCANNED_MAX;
        if (body->html)
            append_visible(&text, body->text, length);
        else
            append_lower(&text, body->text, length);
        if (core_buffer_append(&text, " \n ", 3) != OB_OK)
            break;
    }
    /* Which cues occur, marked in one pass over the text, then listed in
     * the order of the cue files. */
    bool *seen = calloc(data->cue_count + 1, sizeof(*seen));
    if (seen == NULL) {
        core_buffer_release(&text);
        return;
    }
    mail_find_cues(data, core_buffer_str(&text), text.length, mark_cue, seen);
    /* Of each kind: how many, and the first few quoted. */
    size_t found_of[2] = {0, 0};
    char listed_of[2][512] = {"", ""};
    size_t used_of[2] = {0, 0};
    for (size_t i = 0; i < data->cue_count; i++) {
        if (!seen[i])
            continue;
        size_t kind = data->cue_kinds[i] == MAIL_CUE_ROMANCE ? 1 : 0;
        if (found_of[kind] < CUES_LISTED && used_of[kind] < sizeof(listed_of[kind])) {
            int n = snprintf(listed_of[kind] + used_of[kind],
                             sizeof(listed_of[kind]) - used_of[kind], "%s\"%s\"",
                             found_of[kind] ? ", " : "", data->cues[i]);
            used_of[kind] += n > 0 ? (size_t)n : 0;
        }
        found_of[kind]++;
    }
    free(seen);
    core_buffer_release(&text);
    if (found_of[1] > 0) {
        /* Dating spam and romance scams: one phrase says it, a second adds
         * a little. */
        const struct ob_signal_def *romance = mail_signal(OB_MAIL_SIGNAL_CONTENT_ROMANCE);
        char shown[sizeof(listed_of[1]) + 8];
        snprintf(shown, sizeof(shown), "%s%s", listed_of[1],
                 found_of[1] > CUES_LISTED ? ", ..." : "");
        mail_reason_add_scored(check->verdict, OB_MAIL_SIGNAL_CONTENT_ROMANCE,
                               found_of[1] > 1 ? romance->score_max : romance->score, listed_of[1],
                               shown);
    }
    size_t found = found_of[0];
    const char *listed = listed_of[0];
    if (found == 0)
        return;
    /* One phrase is common in honest mail too; several together are the
     * pattern of a message that wants you to act before you think: the
     * table's score for each, up to its highest. */
    char shown[sizeof(listed_of[0]) + 8];
    snprintf(shown, sizeof(shown), "%s%s", listed, found > CUES_LISTED ? ", ..." : "");
    if (found == 1) {
        mail_reason_add(check->verdict, OB_MAIL_SIGNAL_CONTENT_PRESSURE, listed, found, shown);
        return;
    }
    const struct ob_signal_def *pressure = mail_signal(OB_MAIL_SIGNAL_CONTENT_PRESSURE);
    size_t score = found * (size_t)pressure->score;
    if (score > (size_t)pressure->score_max)
        score = (size_t)pressure->score_max;
    mail_reason_add_worded_scored(check->verdict, OB_MAIL_WORDING_CONTENT_PRESSURE_PLURAL,
                                  (int)score, listed, found, shown);
}
