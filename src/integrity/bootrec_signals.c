/* SPDX-License-Identifier: Apache-2.0 */
/* The boot-record signal table: every reason `oberig bootrec` can give,
 * and the advice that closes its report, declared once. */
#include "core/i18n.h"
#include "oberig/bootrec.h"

static const struct ob_signal_def signals[] = {
    [OB_BOOTREC_RANSOM_NOTE] =
        {
            .id = "bootrec-ransom-note",
            .score = 100,
            .title = N_("the boot code holds a message instead of code"),
            .summary = N_("The boot code of the master boot record holds a long run of readable "
                          "text where machine code should be. Wipers such as WhisperGate "
                          "replace the boot code with a program that shows a fake ransom note "
                          "when the computer starts."),
            .explanation = N_(
                /* TRANSLATORS: %s is the text found in the boot code, shown escaped. */
                "the boot code contains the text \"%s\": a boot record that shows a message "
                "when the computer starts, as wipers like WhisperGate write"),
            .advice = "bootrec-wiped",
        },
    [OB_BOOTREC_UNKNOWN_CODE] =
        {
            .id = "bootrec-unknown-code",
            .score = 40,
            .title = N_("the boot code is not one oberig knows"),
            .summary = N_("The boot code is not that of a boot loader in oberig's list (GRUB, "
                          "SYSLINUX). The standard Windows boot code is not in the list, so "
                          "a Windows disk shows this too."),
            .explanation = N_(
                /* TRANSLATORS: %s is the SHA-256 of the boot code. */
                "the boot code (SHA-256 %s) is not that of a boot loader oberig knows; a "
                "helper can compare it with the boot code of a clean disk of the same kind"),
        },
    [OB_BOOTREC_EMPTY] =
        {
            .id = "bootrec-empty",
            .score = 40,
            .title = N_("the boot code is empty"),
            .summary = N_("The boot code is all zero bytes. That is normal for a data disk or "
                          "a disk that starts only with UEFI; on a disk the computer started "
                          "from with BIOS it means the boot code was erased."),
            .explanation = N_(
                /* TRANSLATORS: %s is the size of the boot code area ("446"). */
                "all %s bytes of the boot code are zero: normal for a data disk, but a disk "
                "that started the computer through BIOS has lost its boot code"),
        },
    [OB_BOOTREC_NO_SIGNATURE] =
        {
            .id = "bootrec-no-signature",
            .score = 60,
            .title = N_("the first sector is not a boot record"),
            .summary = N_("The first sector holds data but does not end with the boot "
                          "signature 55 AA: the master boot record was overwritten or the "
                          "disk was never partitioned."),
            .explanation = N_(
                /* TRANSLATORS: %s is the two last bytes of the sector in hex ("00 00"). */
                "the first sector ends with %s instead of the boot signature 55 AA: the "
                "master boot record is overwritten or missing"),
            .advice = "bootrec-wiped",
        },
    [OB_BOOTREC_GPT_HEADER_DAMAGED] =
        {
            .id = "gpt-header-damaged",
            .score = 80,
            .title = N_("the GPT header is damaged"),
            .summary = N_("The disk has a GPT partition table whose header fails its CRC32 "
                          "check, or the protective MBR announces a GPT that is not there. "
                          "Wipers such as HermeticWiper damage these structures."),
            .explanation = N_(
                /* TRANSLATORS: %s says what failed, in English codes ("crc 1a2b3c4d, "
                 * "expected 5e6f7a8b"). */
                "the GPT header fails its check (%s): the partition table was damaged or "
                "overwritten"),
            .advice = "bootrec-wiped",
        },
    [OB_BOOTREC_GPT_ENTRIES_DAMAGED] =
        {
            .id = "gpt-entries-damaged",
            .score = 80,
            .title = N_("the GPT partition entries are damaged"),
            .summary = N_("The GPT partition entries fail the CRC32 check recorded in the "
                          "GPT header."),
            .explanation = N_(
                /* TRANSLATORS: %s gives the CRC values ("crc 1a2b3c4d, expected 5e6f7a8b"). */
                "the GPT partition entries fail their check (%s): the partition table was "
                "damaged or overwritten"),
            .advice = "bootrec-wiped",
        },
    [OB_BOOTREC_GPT_BACKUP_DAMAGED] =
        {
            .id = "gpt-backup-damaged",
            .score = 60,
            .title = N_("the backup GPT header is damaged or missing"),
            .summary = N_("The backup GPT header at the last sector of the disk is missing or "
                          "fails its CRC32 check. A disk image cut short shows this too."),
            .explanation = N_(
                /* TRANSLATORS: %s says what failed, in English codes ("missing at lba 2047",
                 * "crc 1a2b3c4d, expected 5e6f7a8b"). */
                "the backup GPT header at the end of the disk fails its check (%s): it was "
                "damaged, or the image is not the whole disk"),
        },
};

static const struct ob_advice_def advice[] = {
    {.id = "bootrec-wiped",
     .text = N_(/* TRANSLATORS: follows the heading "What now:"; keep the lines shorter than
                   80 characters. */
                "the boot records of this disk look wiped or overwritten. Do not\n"
                "restart the computer and do not repair the disk yet: keep it as it is,\n"
                "make an image of it if you can, and share this report with your helpline.")},
    {.id = "bootrec-clean",
     .text = N_(/* TRANSLATORS: follows the heading "What now:"; keep the lines shorter than
                   80 characters. */
                "nothing in the boot records looks damaged. Notices above are usually\n"
                "harmless; a helper can confirm them.")},
};

static const struct ob_signal_table table = {
    .capability = "bootrec",
    .signals = signals,
    .signal_count = sizeof(signals) / sizeof(signals[0]),
    .advice = advice,
    .advice_count = sizeof(advice) / sizeof(advice[0]),
};

const struct ob_signal_table *ob_bootrec_signals(void)
{
    return &table;
}
