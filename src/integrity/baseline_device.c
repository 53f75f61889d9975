/* SPDX-License-Identifier: Apache-2.0 */
/* The boot sectors of a baseline's devices: recorded with ob_bootrec at
 * create, read again at verify and compared (boot code, partition tables, GPT). */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buffer.h"
#include "core/hash.h"
#include "core/i18n.h"
#include "core/text.h"
#include "integrity/baseline_internal.h"

static bool gpt_intact(const struct ob_bootrec *bootrec)
{
    return bootrec->gpt.present && bootrec->gpt.header_ok &&
           (!bootrec->gpt.entries_checked || bootrec->gpt.entries_ok) &&
           bootrec->gpt.backup_found && bootrec->gpt.backup_ok;
}

static bool append_partition(struct ob_buffer *text, const struct ob_bootrec_partition *p)
{
    return core_buffer_printf(text, "%u %02x %d %" PRIu64 " %" PRIu64 " %s %s\n", p->number,
                              p->mbr_type, p->bootable ? 1 : 0, p->first_lba, p->last_lba,
                              p->type_guid, p->name) == OB_OK;
}

/* The SHA-256 of the partition tables as parsed: the MBR's signature and
 * slots, the GPT's disk GUID and entries. A text form, so that the same
 * table always gives the same digest whatever the padding of the structs. */
static enum ob_status table_digest(struct ob_hasher *hasher, const struct ob_bootrec *bootrec,
                                   char out[65])
{
    struct ob_buffer text;
    core_buffer_init(&text, 1 << 20);
    bool ok = core_buffer_printf(&text, "mbr %d\n", bootrec->mbr_signature ? 1 : 0) == OB_OK;
    for (size_t i = 0; ok && i < bootrec->mbr_partition_count; i++)
        ok = append_partition(&text, &bootrec->mbr_partitions[i]);
    if (ok && bootrec->gpt.present)
        ok = core_buffer_printf(&text, "gpt %s %" PRIu32 "\n", bootrec->gpt.disk_guid,
                                bootrec->gpt.entry_count) == OB_OK;
    for (size_t i = 0; ok && i < bootrec->gpt_partition_count; i++)
        ok = append_partition(&text, &bootrec->gpt_partitions[i]);
    unsigned char digest[32];
    enum ob_status status = ok ? core_hasher_sha256(hasher, text.data, text.length, digest)
                               : OB_ERR_NOMEM;
    if (status == OB_OK)
        core_hex_encode(digest, sizeof(digest), out);
    core_buffer_release(&text);
    return status;
}

/* What a baseline keeps of `bootrec`; `path` is borrowed. */
static enum ob_status device_of(struct ob_hasher *hasher, const char *path,
                                const struct ob_bootrec *bootrec, struct ob_baseline_device *out)
{
    memset(out, 0, sizeof(*out));
    out->path = path;
    out->size = bootrec->size;
    out->mbr_signature = bootrec->mbr_signature;
    snprintf(out->code_sha256, sizeof(out->code_sha256), "%s", bootrec->code_sha256);
    out->code_class = bootrec->code_class;
    snprintf(out->known_name, sizeof(out->known_name), "%s", bootrec->known_name);
    out->gpt_present = bootrec->gpt.present;
    out->gpt_intact = gpt_intact(bootrec);
    return table_digest(hasher, bootrec, out->table_sha256);
}

enum ob_status integrity_devices_record(struct ob_context *ctx, const char *const *paths,
                                        size_t count, struct ob_baseline_device **out,
                                        size_t *out_count)
{
    *out = NULL;
    *out_count = 0;
    if (count > OB_BASELINE_MAX_DEVICES)
        return ob_context_fail(ctx, OB_ERR_INVALID_ARGUMENT,
                               _("too many devices: at most %d can be recorded"),
                               OB_BASELINE_MAX_DEVICES);
    if (count == 0)
        return OB_OK;
    struct ob_hasher *hasher = NULL;
    struct ob_baseline_device *devices = calloc(count, sizeof(*devices));
    size_t recorded = 0;
    enum ob_status status = devices != NULL ? core_hasher_new(&hasher) : OB_ERR_NOMEM;
    for (size_t i = 0; status == OB_OK && i < count; i++) {
        struct ob_bootrec *bootrec = NULL;
        status = ob_bootrec_read(ctx, paths[i], &bootrec);
        /* An image named by a relative path is found again from elsewhere. */
        char *absolute = status == OB_OK ? realpath(paths[i], NULL) : NULL;
        if (status == OB_OK && absolute == NULL)
            status = ob_context_fail(ctx, ob_status_from_errno(errno), _("cannot read '%s': %s"),
                                     paths[i], strerror(errno));
        bool again = false; /* the same device named twice is recorded once */
        for (size_t j = 0; absolute != NULL && j < recorded; j++)
            again = again || strcmp(devices[j].path, absolute) == 0;
        if (status == OB_OK && !again)
            status = device_of(hasher, absolute, bootrec, &devices[recorded]);
        if (status == OB_OK && !again)
            recorded++;
        else
            free(absolute);
        ob_bootrec_free(bootrec);
    }
    core_hasher_free(hasher);
    if (status != OB_OK) {
        integrity_devices_free(devices, recorded);
        return status;
    }
    *out = devices;
    *out_count = recorded;
    return OB_OK;
}

void integrity_devices_free(struct ob_baseline_device *devices, size_t count)
{
    for (size_t i = 0; devices != NULL && i < count; i++)
        free((char *)devices[i].path);
    free(devices);
}

static void add_reason(struct ob_baseline_device_change *change, enum ob_baseline_signal signal)
{
    change->reasons[change->reason_count++] = signal;
    change->score += ob_baseline_signal(signal)->score;
}

/* The reasons why `now` differs from `before`, in change. */
static void compare(const struct ob_baseline_device *before, const struct ob_baseline_device *now,
                    struct ob_baseline_device_change *change)
{
    if (strcmp(before->code_sha256, now->code_sha256) != 0)
        add_reason(change, now->code_class == OB_BOOTREC_CODE_KNOWN_BAD ? OB_BASELINE_BOOT_CODE_BAD
                           : now->code_class == OB_BOOTREC_CODE_KNOWN_GOOD
                               ? OB_BASELINE_BOOT_CODE_UPDATED
                               : OB_BASELINE_BOOT_CODE_CHANGED);
    if (strcmp(before->table_sha256, now->table_sha256) != 0)
        add_reason(change, OB_BASELINE_PARTITIONS_CHANGED);
    if (before->gpt_intact && !now->gpt_intact)
        add_reason(change, OB_BASELINE_GPT_DAMAGED);
}

void integrity_devices_verify(struct ob_context *ctx, const struct ob_baseline_device *recorded,
                              size_t count, const struct ob_baseline_callbacks *callbacks,
                              struct ob_baseline_stats *stats)
{
    struct ob_hasher *hasher = NULL;
    if (count > 0 && core_hasher_new(&hasher) != OB_OK)
        hasher = NULL;
    for (size_t i = 0; i < count; i++) {
        const struct ob_baseline_device *before = &recorded[i];
        struct ob_bootrec *bootrec = NULL;
        struct ob_baseline_device now;
        enum ob_status status = hasher != NULL ? ob_bootrec_read(ctx, before->path, &bootrec)
                                               : OB_ERR_NOMEM;
        if (status == OB_OK)
            status = device_of(hasher, before->path, bootrec, &now);
        if (status != OB_OK) {
            char message[1024];
            /* TRANSLATORS: %s says why, often with the device's path. */
            snprintf(message, sizeof(message),
                     _("the boot sectors recorded in the baseline cannot be read again: %s"),
                     bootrec == NULL && hasher != NULL ? ob_context_last_error(ctx)
                                                       : ob_strerror(status));
            /* Counted apart from files: the summary names it as a device. */
            stats->device_errors++;
            if (callbacks != NULL && callbacks->problem != NULL)
                callbacks->problem(callbacks->user, before->path, message);
            ob_bootrec_free(bootrec);
            continue;
        }
        stats->devices++;
        struct ob_baseline_device_change change = {.before = before, .after = &now, .now = bootrec};
        compare(before, &now, &change);
        if (change.reason_count > 0) {
            change.level = integrity_level_of(change.score);
            stats->devices_changed++;
            stats->devices_found += change.level >= OB_LEVEL_WARNING;
            stats->findings[change.level]++;
            for (size_t r = 0; r < change.reason_count; r++)
                stats->counts[change.reasons[r]]++;
            if (callbacks != NULL && callbacks->device_change != NULL)
                callbacks->device_change(callbacks->user, &change);
        }
        ob_bootrec_free(bootrec);
    }
    core_hasher_free(hasher);
}
