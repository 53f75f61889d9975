/* SPDX-License-Identifier: Apache-2.0 */
/* Internal face of the libyara adapter: its shared initialisation; the
 * public rule API is in oberig/indicators.h. */
#ifndef OB_INDICATORS_YARA_ADAPTER_H
#define OB_INDICATORS_YARA_ADAPTER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buffer.h"
#include "oberig/core.h"

/* Reference-counted libyara initialisation; call from set-up code only
 * (single-threaded). Each successful acquire needs one release. */
enum ob_status indicators_yara_acquire(void) OB_WARN_UNUSED;
void indicators_yara_release(void);

#endif
