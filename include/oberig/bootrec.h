/* SPDX-License-Identifier: Apache-2.0 */
/* oberig bootrec: reads the boot records of a disk or disk image (MBR, GPT
 * header, partition entries and backup header) and classifies the boot code. */
#ifndef OBERIG_BOOTREC_H
#define OBERIG_BOOTREC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oberig/core.h"
#include "oberig/scan.h"

#ifdef __cplusplus
extern "C" {
#endif

#define OB_BOOTREC_CODE_SIZE 446 /* boot code area of the MBR */
#define OB_BOOTREC_HASHED_SIZE                                                                     \
    440                              /* what the known-good hashes cover: the disk                 \
                                        signature (bytes 440-445) differs per disk */
#define OB_BOOTREC_HEAD_SIZE 1048576 /* at most this much is read from the start */
#define OB_BOOTREC_TAIL_SIZE 65536   /* and this much from the end (backup GPT header) */
#define OB_BOOTREC_MAX_PARTITIONS 128
#define OB_BOOTREC_MAX_STRINGS 32
#define OB_BOOTREC_MAX_FINDINGS 8
#define OB_BOOTREC_MIN_TEXT 4     /* shortest printable run shown as text */
#define OB_BOOTREC_RANSOM_TEXT 48 /* a run this long is a message, not code */

/* The signals of bootrec, in the order of its signal table. */
enum ob_bootrec_signal {
    OB_BOOTREC_RANSOM_NOTE,
    OB_BOOTREC_UNKNOWN_CODE,
    OB_BOOTREC_EMPTY,
    OB_BOOTREC_NO_SIGNATURE,
    OB_BOOTREC_GPT_HEADER_DAMAGED,
    OB_BOOTREC_GPT_ENTRIES_DAMAGED,
    OB_BOOTREC_GPT_BACKUP_DAMAGED,
    OB_BOOTREC_SIGNAL_COUNT
};

/* bootrec's signal table (src/integrity/bootrec_signals.c), in enum order.
 * Static; thread-safe. */
const struct ob_signal_table *ob_bootrec_signals(void);

/* What the boot code is. */
enum ob_bootrec_code {
    OB_BOOTREC_CODE_KNOWN_GOOD, /* a known boot loader's code */
    OB_BOOTREC_CODE_EMPTY,      /* all zero */
    OB_BOOTREC_CODE_UNKNOWN,    /* code, but none we know */
    OB_BOOTREC_CODE_KNOWN_BAD,  /* text where code should be (a ransom note) */
};
/* "known-good", "empty", "unknown", "known-bad": codes, never translated. */
const char *ob_bootrec_code_name(enum ob_bootrec_code code);

/* One partition, from the MBR or from the GPT entry array. */
struct ob_bootrec_partition {
    unsigned number;  /* 1-based slot in its table */
    uint8_t mbr_type; /* MBR partition type; 0 for a GPT entry */
    bool bootable;    /* MBR active flag */
    uint64_t first_lba, last_lba;
    char type_guid[37]; /* GPT: lowercase GUID text; "" for MBR */
    char name[109];     /* GPT: the UTF-16 name as UTF-8 (may be anything) */
};

/* A finding: a signal with its score and its explanation filled in. */
struct ob_bootrec_finding {
    enum ob_bootrec_signal signal;
    const char *id; /* the signal's id */
    int score;
    enum ob_level level;
    char explanation[512]; /* in the language of messages; may hold text from the disk */
};

/* Everything read from one disk or image. */
struct ob_bootrec {
    uint64_t size;      /* of the device or file */
    bool mbr_signature; /* 0x55 0xAA at bytes 510-511 */
    unsigned char code[OB_BOOTREC_CODE_SIZE];
    char code_sha256[65]; /* SHA-256 of the first 440 bytes, lowercase hex */
    enum ob_bootrec_code code_class;
    char known_name[128], known_origin[256]; /* for KNOWN_GOOD, else "" */
    /* Printable runs of the boot code (at least OB_BOOTREC_MIN_TEXT bytes;
     * tab, CR and LF count as printable), NUL-separated in `text`. */
    char text[OB_BOOTREC_CODE_SIZE + OB_BOOTREC_MAX_STRINGS];
    uint16_t string_offset[OB_BOOTREC_MAX_STRINGS];
    size_t string_count;
    struct ob_bootrec_partition mbr_partitions[4];
    size_t mbr_partition_count; /* non-empty slots */
    bool protective_mbr;        /* a slot of type 0xEE */
    struct {
        bool present;         /* "EFI PART" found at LBA 1 */
        uint32_t sector_size; /* 512 or 4096 */
        bool header_ok;       /* header CRC32 matches */
        bool entries_checked; /* the entry array lay within what was read */
        bool entries_ok;      /* entry array CRC32 matches */
        bool backup_found;    /* "EFI PART" at the last LBA */
        bool backup_ok;       /* backup header CRC32 matches */
        char disk_guid[37];
        uint64_t backup_lba;
        uint32_t entry_count; /* as the header says */
    } gpt;
    struct ob_bootrec_partition gpt_partitions[OB_BOOTREC_MAX_PARTITIONS];
    size_t gpt_partition_count; /* used entries, at most OB_BOOTREC_MAX_PARTITIONS */
    struct ob_bootrec_finding findings[OB_BOOTREC_MAX_FINDINGS];
    size_t finding_count;
    int score;           /* sum of the findings' scores */
    enum ob_level level; /* from `score` with scan's default thresholds */
};

/* Reads the boot records of the block device or image at `path`: at most
 * OB_BOOTREC_HEAD_SIZE bytes from the start and OB_BOOTREC_TAIL_SIZE from
 * the end, with pread. On OB_OK *out is a new record the caller frees with
 * ob_bootrec_free. Errors: OB_ERR_NOT_FOUND, OB_ERR_PERMISSION, OB_ERR_IO,
 * OB_ERR_PARSE (shorter than one sector), OB_ERR_NOMEM; the context's last
 * error names the path. Thread-safe with one context per thread. */
enum ob_status ob_bootrec_read(struct ob_context *ctx, const char *path,
                               struct ob_bootrec **out) OB_WARN_UNUSED;

/* Parses boot records already in memory: `head` (the first bytes of the
 * disk, at least 512), `tail` (its last bytes, may be NULL) and the disk's
 * `size`. Same results and errors as ob_bootrec_read; `ctx` may be NULL. */
enum ob_status ob_bootrec_parse(struct ob_context *ctx, const unsigned char *head,
                                size_t head_length, const unsigned char *tail, size_t tail_length,
                                uint64_t size, struct ob_bootrec **out) OB_WARN_UNUSED;

void ob_bootrec_free(struct ob_bootrec *bootrec);

#ifdef __cplusplus
}
#endif
#endif
