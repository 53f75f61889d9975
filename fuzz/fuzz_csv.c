/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: imports the input as indicator CSV (type,value,
 * description,campaign) into a batch. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_import("fuzz.csv", ioc_import_csv, data, size);
    return 0;
}
