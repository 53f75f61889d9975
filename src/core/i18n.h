/* SPDX-License-Identifier: Apache-2.0 */
/* Marking and translating the texts people read (GNU gettext, text domain
 * "oberig"): the library and the program share one catalog per language. */
#ifndef OB_CORE_I18N_H
#define OB_CORE_I18N_H

#include <libintl.h>

#define OB_TEXT_DOMAIN "oberig"

/* A text to translate where it is used: _("no such file"). */
#define _(text) dgettext(OB_TEXT_DOMAIN, text)

/* A text only marked here (a table entry); translated later with _(). */
#define N_(text) text

/* A text with a count in it, in the plural form the language wants for
 * `count` (Ukrainian has three: 1 файл, 2 файли, 5 файлів). */
#define P_(singular, plural, count)                                                                \
    dngettext(OB_TEXT_DOMAIN, singular, plural, (unsigned long)(count))

/* A short text whose translation depends on where it stands: C_("verdict",
 * "clean"). `context` and `text` must be string literals. */
#define C_(context, text) core_i18n_in_context(context "\004" text, text)

/* The translation of "context\004text", or `text` itself when there is none. */
const char *core_i18n_in_context(const char *key, const char *text);

#endif
