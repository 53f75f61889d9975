/* SPDX-License-Identifier: Apache-2.0 */
/* The baseline's signal table: every reason `baseline verify` can give, declared once. */
#include "core/i18n.h"
#include "oberig/baseline.h"

static const struct ob_signal_def signals[] = {
    [OB_BASELINE_ADDED] =
        {
            .id = "baseline-added",
            .score = 40,
            .title = N_("is new since the baseline"),
            .summary = N_("The file was not there when the baseline was recorded."),
            .explanation = N_("this file was not there when the baseline was recorded"),
        },
    [OB_BASELINE_REMOVED] =
        {
            .id = "baseline-removed",
            .score = 60,
            .title = N_("is gone since the baseline"),
            .summary = N_("A file recorded in the baseline is no longer there."),
            .explanation = N_("this file was recorded in the baseline and is no longer there"),
        },
    [OB_BASELINE_CONTENT_CHANGED] =
        {
            .id = "baseline-content-changed",
            .score = 60,
            .title = N_("has different content than in the baseline"),
            .summary = N_("The SHA-256 of the content differs from the one recorded."),
            .explanation = N_("the content of this file is not the same as when the baseline "
                              "was recorded (its SHA-256 differs)"),
        },
    [OB_BASELINE_METADATA] =
        {
            .id = "baseline-metadata-changed",
            .score = 40,
            .title = N_("has different permissions, owner or times than in the baseline"),
            .summary = N_("The mode, owner, group, modification time or inode differ from the "
                          "ones recorded; the content may be the same."),
            .explanation = N_("the permissions, owner, modification time or inode of this file "
                              "changed since the baseline was recorded"),
        },
    [OB_BASELINE_RENAMED] =
        {
            .id = "baseline-renamed",
            .score = 40,
            .title = N_("was renamed since the baseline"),
            .summary = N_("A recorded file is gone and a new one has its inode: the file was "
                          "renamed or moved."),
            .explanation = N_("this file had another name when the baseline was recorded"),
        },
    [OB_BASELINE_MASS_RENAME] =
        {
            .id = "baseline-mass-rename",
            .score = 60,
            .title = N_("was renamed together with many other files"),
            .summary = N_("At least 5 recorded files were renamed since the baseline: "
                          "ransomware and wipers rename the files they damage."),
            .explanation = N_("many files were renamed since the baseline; ransomware and wipers "
                              "such as WhisperGate rename the files they damage"),
        },
    [OB_BASELINE_WIPED] =
        {
            .id = "baseline-wiped",
            .score = 100,
            .title = N_("was overwritten with a repeating pattern, like a wiper does"),
            .summary = N_("The content changed and its first block is now one repeated byte or "
                          "a short repeated pattern, where it was not before."),
            .explanation = N_("the start of this file is now one byte or a short pattern "
                              "repeated, where it held real content before; wipers such as "
                              "WhisperGate destroy files this way"),
        },
    [OB_BASELINE_ENCRYPTED] =
        {
            .id = "baseline-encrypted",
            .score = 100,
            .title = N_("looks encrypted since the baseline"),
            .summary = N_("The content changed and the entropy of its first block jumped from "
                          "below 6 to above 7.5 bits per byte: it now looks random, as "
                          "encrypted data does."),
            .explanation = N_("the content now looks random where it was ordinary before; "
                              "ransomware encrypts files this way"),
        },
    [OB_BASELINE_TRUNCATED] =
        {
            .id = "baseline-truncated",
            .score = 80,
            .title = N_("was emptied since the baseline"),
            .summary = N_("The file had content when recorded and is now zero bytes long."),
            .explanation = N_("this file had content when the baseline was recorded and is now "
                              "empty"),
        },
    [OB_BASELINE_BOOT_CODE_BAD] =
        {
            .id = "baseline-boot-code-bad",
            .score = 100,
            .title = N_("boot code replaced with a ransom note or other known-bad code"),
            .summary = N_("The boot code of a recorded disk changed since the baseline and is "
                          "now text where code should be, or code known to be malicious."),
            .explanation = N_("the boot code of this disk changed since the baseline and now "
                              "holds text where code should be: wipers such as WhisperGate "
                              "replace it with a fake ransom note, and the computer will not "
                              "start normally"),
        },
    [OB_BASELINE_BOOT_CODE_CHANGED] =
        {
            .id = "baseline-boot-code-changed",
            .score = 60,
            .title = N_("boot code changed to unknown code"),
            .summary = N_("The boot code of a recorded disk changed since the baseline and is "
                          "now code oberig does not know, or zeros."),
            .explanation = N_("the boot code of this disk changed since the baseline and is now "
                              "unknown code or empty; a boot loader installed by hand can do "
                              "this, and so can malware that wants to run before the system"),
        },
    [OB_BASELINE_BOOT_CODE_UPDATED] =
        {
            .id = "baseline-boot-code-updated",
            .score = 40,
            .title = N_("boot code changed to another known boot loader"),
            .summary = N_("The boot code of a recorded disk changed since the baseline to the "
                          "code of a known boot loader, as an update of the boot loader does."),
            .explanation = N_("the boot code of this disk changed since the baseline to that of "
                              "a known boot loader; an update of the boot loader (GRUB, for "
                              "example) does this"),
        },
    [OB_BASELINE_PARTITIONS_CHANGED] =
        {
            .id = "baseline-partitions-changed",
            .score = 60,
            .title = N_("partition table changed since the baseline"),
            .summary = N_("The MBR or GPT partition table of a recorded disk differs from the "
                          "one recorded."),
            .explanation = N_("the partition table of this disk is not the same as when the "
                              "baseline was recorded; if nobody changed the partitions, "
                              "malware such as HermeticWiper may have"),
        },
    [OB_BASELINE_GPT_DAMAGED] =
        {
            .id = "baseline-gpt-damaged",
            .score = 80,
            .title = N_("GPT damaged since the baseline"),
            .summary = N_("The GPT of a recorded disk was intact when recorded and now fails "
                          "its checksums or is gone."),
            .explanation = N_("the GPT partition table of this disk was intact when the baseline "
                              "was recorded and is now damaged or gone; wipers damage it so "
                              "that the disk cannot be used"),
        },
};

static const struct ob_advice_def advice[] = {
    {"baseline-found",
     N_("Files changed in ways an attack would change them. Do not write to this disk; copy "
        "the baseline and this report somewhere safe, and ask someone experienced for help "
        "before restoring anything.")},
    {"baseline-boot-found",
     N_("The boot sectors of a disk changed in ways an attack would change them. Do not start "
        "the computer from this disk and do not write to it; copy the baseline and this report "
        "somewhere safe, and ask someone experienced for help before repairing the boot "
        "record.")},
    {"baseline-clean", N_("Nothing changed in a way that needs your attention.")},
};

static const struct ob_signal_table table = {
    .capability = "baseline",
    .signals = signals,
    .signal_count = sizeof(signals) / sizeof(signals[0]),
    .advice = advice,
    .advice_count = sizeof(advice) / sizeof(advice[0]),
};

const struct ob_signal_table *ob_baseline_signals(void)
{
    return &table;
}

const struct ob_signal_def *ob_baseline_signal(enum ob_baseline_signal signal)
{
    return (unsigned)signal < OB_BASELINE_SIGNAL_COUNT ? &signals[signal] : NULL;
}
