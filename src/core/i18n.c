/* SPDX-License-Identifier: Apache-2.0 */
/* Translation of texts that carry a context (gettext's pgettext, which
 * libintl.h does not declare). */
#include "core/i18n.h"

const char *core_i18n_in_context(const char *key, const char *text)
{
    const char *translated = dgettext(OB_TEXT_DOMAIN, key);
    return translated == key ? text : translated;
}
