/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: arbitrary bytes parsed as one mail message (headers,
 * MIME tree, charsets, links) and as an mbox, then released. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mail/mail_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Touches every string of the model so a dangling pointer shows up. */
static size_t walk_model(const struct ob_mail_message *message)
{
    size_t total = strlen(message->subject) + strlen(message->message_id) +
                   strlen(message->from.address) + strlen(message->from.domain) +
                   strlen(message->from.display);
    for (size_t i = 0; i < message->header_count; i++)
        total += strlen(message->headers[i].name) + strlen(message->headers[i].value) +
                 strlen(message->headers[i].raw);
    for (size_t i = 0; i < message->reply_to_count; i++)
        total += strlen(message->reply_to[i].domain);
    for (size_t i = 0; i < message->body_count; i++) {
        if (strlen(message->bodies[i].text) != message->bodies[i].length)
            __builtin_trap(); /* bodies hold no NUL bytes */
        total += message->bodies[i].length;
    }
    for (size_t i = 0; i < message->link_count; i++)
        total += strlen(message->links[i].url) + strlen(message->links[i].shown);
    for (size_t i = 0; i < message->attachment_count; i++) {
        const struct ob_mail_attachment *attachment = &message->attachments[i];
        total += strlen(attachment->filename) + strlen(attachment->content_type);
        if (attachment->size > 0)
            total += attachment->data[attachment->size - 1];
    }
    for (size_t i = 0; i < message->notice_count; i++)
        total += strlen(message->notices[i]);
    return total;
}

static enum ob_status on_piece(void *user, size_t index, const char *data, size_t length)
{
    size_t *total = user;
    *total += index + length + (length > 0 ? (unsigned char)data[length - 1] : 0);
    return OB_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ob_mail_message message;
    if (mail_message_parse("fuzz", (const char *)data, size, &message) != OB_OK)
        return 0; /* only OB_ERR_NOMEM, which leaves nothing to release */
    volatile size_t total = walk_model(&message);
    mail_message_release(&message);

    size_t pieces = 0;
    if (mail_is_mbox((const char *)data, size) &&
        mail_mbox_split((const char *)data, size, on_piece, &pieces) != OB_OK)
        __builtin_trap(); /* on_piece never fails, so neither may the split */
    total += pieces;
    (void)total;
    return 0;
}
