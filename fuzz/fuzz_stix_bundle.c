/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: imports the input as a STIX 2.1 bundle into a batch. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Once with the campaigns from the bundle, once with an override. */
static enum ob_status import_twice(struct ob_ioc_batch *batch, const char *text, size_t length)
{
    fuzz_check_batch(batch, ioc_import_stix(batch, text, length, NULL));
    return ioc_import_stix(batch, text, length, "override");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_import("fuzz.stix2", import_twice, data, size);
    return 0;
}
