/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: parses the input as the boot records of a disk, the
 * input being both its first and its last bytes (MBR, GPT, backup GPT). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "oberig/bootrec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > OB_BOOTREC_HEAD_SIZE)
        return 0;
    struct ob_bootrec *bootrec = NULL;
    if (ob_bootrec_parse(NULL, data, size, data, size, size, &bootrec) != OB_OK)
        return 0;
    /* The text shown is printable ASCII only, each run within the code. */
    if (bootrec->string_count > OB_BOOTREC_MAX_STRINGS ||
        bootrec->finding_count > OB_BOOTREC_MAX_FINDINGS)
        abort();
    for (size_t i = 0; i < bootrec->string_count; i++) {
        const char *text = bootrec->text + bootrec->string_offset[i];
        size_t length = strlen(text);
        if (length < OB_BOOTREC_MIN_TEXT || length > OB_BOOTREC_CODE_SIZE)
            abort();
        for (size_t j = 0; j < length; j++)
            if ((unsigned char)text[j] >= 0x7F)
                abort();
    }
    ob_bootrec_free(bootrec);
    return 0;
}
