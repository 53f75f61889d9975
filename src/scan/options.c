/* SPDX-License-Identifier: Apache-2.0 */
/* Scan defaults and the names of levels. */
#include "oberig/scan.h"

#include <string.h>

void ob_scan_options_init(struct ob_scan_options *options)
{
    memset(options, 0, sizeof(*options));
    options->max_file_size = (uint64_t)64 << 20;
    options->threads = 0;
    options->use_yara = true;
    options->scan_archives = true;
    options->wiper_checks = true;
    options->notice_score = OB_DEFAULT_NOTICE_SCORE;
    options->warning_score = OB_DEFAULT_WARNING_SCORE;
    options->alert_score = OB_DEFAULT_ALERT_SCORE;
    options->archive_max_depth = 4;
    options->archive_max_entries = 10000;
    options->archive_max_total = (uint64_t)1 << 30;
    options->archive_max_ratio = 200;
    options->yara_timeout_seconds = 60;
}

const char *ob_level_name(enum ob_level level)
{
    switch (level) {
    case OB_LEVEL_NONE: return "none";
    case OB_LEVEL_NOTICE: return "notice";
    case OB_LEVEL_WARNING: return "warning";
    case OB_LEVEL_ALERT: return "alert";
    }
    return "none";
}
