/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: imports the input as MISP event JSON into a batch. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_import("fuzz.json", ioc_import_misp, data, size);
    return 0;
}
