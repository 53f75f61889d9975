/* SPDX-License-Identifier: Apache-2.0 */
/* The mail checks' data: brands, free mail providers, URL shorteners,
 * link-protection wrappers and cue phrases, read from the text files of
 * data/mail that the build embeds, plus the user's own brands file. */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/array.h"
#include "core/buffer.h"
#include "core/icu_adapter.h"
#include "mail/mail_internal.h"

#define DATA_ENTRIES_MAX 100000
#define BRAND_DOMAINS_MAX 64
#define BRAND_NAMES_MAX 16

/* Generated from the files of data/mail by cmake/embed_data.cmake. */
extern const unsigned char mail_embedded_shared_platforms[], mail_embedded_abused_tlds[],
    mail_embedded_image_hosts[], mail_embedded_lure_words[], mail_embedded_context_hosts[];
extern const size_t mail_embedded_shared_platforms_size, mail_embedded_abused_tlds_size,
    mail_embedded_image_hosts_size, mail_embedded_lure_words_size, mail_embedded_context_hosts_size;
extern const unsigned char mail_embedded_brands[], mail_embedded_free_mail[],
    mail_embedded_shorteners[], mail_embedded_safelinks[], mail_embedded_cues_en[],
    mail_embedded_cues_uk[], mail_embedded_cues_ru[];
extern const size_t mail_embedded_brands_size, mail_embedded_free_mail_size,
    mail_embedded_shorteners_size, mail_embedded_safelinks_size, mail_embedded_cues_en_size,
    mail_embedded_cues_uk_size, mail_embedded_cues_ru_size;
extern const unsigned char mail_embedded_cues_de[], mail_embedded_cues_pl[],
    mail_embedded_cues_cs[], mail_embedded_cues_fr[], mail_embedded_cues_es[],
    mail_embedded_cues_pt[], mail_embedded_cues_nl[];
extern const size_t mail_embedded_cues_de_size, mail_embedded_cues_pl_size,
    mail_embedded_cues_cs_size, mail_embedded_cues_fr_size, mail_embedded_cues_es_size,
    mail_embedded_cues_pt_size, mail_embedded_cues_nl_size;
extern const unsigned char mail_embedded_click_trackers[];
extern const size_t mail_embedded_click_trackers_size;

/* Makes room for one more entry; the lists keep no capacity fields. */
static bool grow(void **items, size_t count, size_t size)
{
    return core_array_grow_counted(items, count, size, 8, DATA_ENTRIES_MAX) == OB_OK;
}

/* Calls `line_fn` with each trimmed, non-blank, non-comment line. */
static enum ob_status each_line(struct ob_mail_data *data, const char *text, size_t length,
                                enum ob_status (*line_fn)(struct ob_mail_data *, char *))
{
    enum ob_status status = OB_OK;
    size_t start = 0;
    while (status == OB_OK && start < length) {
        const char *end = memchr(text + start, '\n', length - start);
        size_t stop = end != NULL ? (size_t)(end - text) : length;
        char line[4096];
        size_t used = stop - start < sizeof(line) - 1 ? stop - start : sizeof(line) - 1;
        memcpy(line, text + start, used);
        line[used] = '\0';
        start = stop + 1;
        char *begin = line;
        while (*begin == ' ' || *begin == '\t')
            begin++;
        size_t n = strlen(begin);
        while (n > 0 && isspace((unsigned char)begin[n - 1]))
            begin[--n] = '\0';
        if (n == 0 || begin[0] == '#')
            continue;
        status = line_fn(data, begin);
    }
    return status;
}

static enum ob_status keep(struct ob_mail_data *data, const char *text, const char **out)
{
    return core_arena_strdup(&data->text, text, strlen(text), out);
}

static void lower(char *text)
{
    for (; *text; text++)
        *text = (char)tolower((unsigned char)*text);
}

/* Copies an array of `count` string pointers; the data owns the copy. */
static enum ob_status keep_pointers(struct ob_mail_data *data, const char **items, size_t count,
                                    const char ***out)
{
    if (!grow((void **)&data->owned, data->owned_count, sizeof(*data->owned)))
        return OB_ERR_LIMIT;
    const char **copy = malloc(count * sizeof(*copy));
    if (copy == NULL)
        return OB_ERR_NOMEM;
    memcpy(copy, items, count * sizeof(*copy));
    data->owned[data->owned_count++] = copy;
    *out = copy;
    return OB_OK;
}

/* The domains of a "Name: domain1 domain2" line, after its colon: lower
 * case, kept in the data's text, at most BRAND_DOMAINS_MAX; none is a
 * parse error. */
static enum ob_status read_domains(struct ob_mail_data *data, char *text, const char **domains,
                                   size_t *count)
{
    enum ob_status status = OB_OK;
    *count = 0;
    for (char *save = NULL, *word = strtok_r(text, " \t,", &save);
         status == OB_OK && word != NULL && *count < BRAND_DOMAINS_MAX;
         word = strtok_r(NULL, " \t,", &save)) {
        lower(word);
        status = keep(data, word, &domains[(*count)++]);
    }
    return status == OB_OK && *count == 0 ? OB_ERR_PARSE : status;
}

/* Splits "Name | Other Name" into trimmed names; returns how many. */
static size_t split_names(char *text, const char **names, size_t max)
{
    size_t count = 0;
    for (char *save = NULL, *name = strtok_r(text, "|", &save); name != NULL && count < max;
         name = strtok_r(NULL, "|", &save)) {
        while (*name == ' ' || *name == '\t')
            name++;
        size_t length = strlen(name);
        while (length > 0 && (name[length - 1] == ' ' || name[length - 1] == '\t'))
            name[--length] = '\0';
        if (length > 0)
            names[count++] = name;
    }
    return count;
}

/* Each name as written, folded, and the folded name's skeleton. */
static enum ob_status keep_names(struct ob_mail_data *data, struct ob_mail_brand *brand,
                                 const char **names, size_t count)
{
    const char *folded[BRAND_NAMES_MAX], *skeletons[BRAND_NAMES_MAX];
    enum ob_status status = OB_OK;
    for (size_t i = 0; status == OB_OK && i < count; i++) {
        char fold[OB_MAIL_NAME_MAX], skeleton[OB_MAIL_NAME_MAX];
        mail_text_fold(names[i], fold, sizeof(fold));
        mail_name_skeleton(names[i], skeleton, sizeof(skeleton));
        status = keep(data, names[i], &names[i]);
        if (status == OB_OK)
            status = keep(data, fold, &folded[i]);
        if (status == OB_OK)
            status = keep(data, skeleton, &skeletons[i]);
    }
    const char **lists[3] = {NULL, NULL, NULL};
    const char **sources[3] = {names, folded, skeletons};
    for (size_t k = 0; status == OB_OK && k < 3; k++)
        status = keep_pointers(data, sources[k], count, &lists[k]);
    if (status != OB_OK)
        return status;
    brand->name = lists[0][0];
    brand->names = lists[0];
    brand->folded_names = lists[1];
    brand->name_skeletons = lists[2];
    brand->name_count = count;
    return OB_OK;
}

/* "Brand Name | Other Name: domain1 domain2  # where the domains were
 * confirmed" */
static enum ob_status add_brand(struct ob_mail_data *data, char *line)
{
    char *colon = strchr(line, ':');
    if (colon == NULL || colon == line)
        return OB_ERR_PARSE;
    *colon = '\0';
    /* A comment after the domains. */
    for (char *hash = strchr(colon + 1, '#'); hash != NULL; hash = strchr(hash + 1, '#'))
        if (hash[-1] == ' ' || hash[-1] == '\t') {
            *hash = '\0';
            break;
        }
    if (!grow((void **)&data->brands, data->brand_count, sizeof(*data->brands)))
        return OB_ERR_LIMIT;
    struct ob_mail_brand *brand = &data->brands[data->brand_count];
    memset(brand, 0, sizeof(*brand));
    const char *names[BRAND_NAMES_MAX];
    size_t name_count = split_names(line, names, BRAND_NAMES_MAX);
    if (name_count == 0)
        return OB_ERR_PARSE;
    enum ob_status status = keep_names(data, brand, names, name_count);
    const char *domains[BRAND_DOMAINS_MAX];
    size_t count = 0;
    if (status == OB_OK)
        status = read_domains(data, colon + 1, domains, &count);
    if (status != OB_OK)
        return status;
    const char *labels[BRAND_DOMAINS_MAX], *skeletons[BRAND_DOMAINS_MAX];
    for (size_t i = 0; status == OB_OK && i < count; i++) {
        size_t length = strcspn(domains[i], ".");
        char skeleton[512];
        status = core_arena_strdup(&data->text, domains[i], length, &labels[i]);
        if (status == OB_OK &&
            core_confusable_skeleton(labels[i], length, skeleton, sizeof(skeleton)) != OB_OK)
            skeleton[0] = '\0';
        if (status == OB_OK)
            status = keep(data, skeleton, &skeletons[i]);
    }
    const char **lists[3] = {NULL, NULL, NULL};
    const char **sources[3] = {domains, labels, skeletons};
    for (size_t k = 0; status == OB_OK && k < 3; k++)
        status = keep_pointers(data, sources[k], count, &lists[k]);
    if (status != OB_OK)
        return status;
    brand->domains = lists[0];
    brand->labels = lists[1];
    brand->skeletons = lists[2];
    brand->domain_count = count;
    data->brand_count++;
    return OB_OK;
}

/* "Name: domain1 domain2": the name kept in *name, the domains (lower
 * case, at most BRAND_DOMAINS_MAX) in `domains`, their number in *count. */
static enum ob_status read_named_domains(struct ob_mail_data *data, char *line, const char **name,
                                         const char **domains, size_t *count)
{
    char *colon = strchr(line, ':');
    if (colon == NULL || colon == line)
        return OB_ERR_PARSE;
    *colon = '\0';
    size_t trimmed = strlen(line);
    while (trimmed > 0 && line[trimmed - 1] == ' ')
        line[--trimmed] = '\0';
    enum ob_status status = keep(data, line, name);
    return status == OB_OK ? read_domains(data, colon + 1, domains, count) : status;
}

/* "Service Name: domain1 domain2" (click-trackers.txt) */
static enum ob_status add_click_tracker(struct ob_mail_data *data, char *line)
{
    const char *name = NULL, *domains[BRAND_DOMAINS_MAX];
    size_t count = 0;
    enum ob_status status = read_named_domains(data, line, &name, domains, &count);
    if (status != OB_OK)
        return status;
    if (!grow((void **)&data->click_trackers, data->click_tracker_count,
              sizeof(*data->click_trackers)))
        return OB_ERR_LIMIT;
    const char **kept = NULL;
    if ((status = keep_pointers(data, domains, count, &kept)) != OB_OK)
        return status;
    data->click_trackers[data->click_tracker_count++] =
        (struct ob_mail_service){.name = name, .domains = kept, .domain_count = count};
    return OB_OK;
}

const struct ob_mail_service *mail_click_tracker(const struct ob_mail_data *data, const char *host)
{
    for (size_t i = 0; i < data->click_tracker_count; i++)
        if (mail_service_owns(&data->click_trackers[i], host))
            return &data->click_trackers[i];
    return NULL;
}

bool mail_service_owns(const struct ob_mail_service *service, const char *host)
{
    return mail_host_listed(service->domains, service->domain_count, host);
}

static enum ob_status add_word(const char ***items, size_t *count, struct ob_mail_data *data,
                               char *line)
{
    if (!grow((void **)items, *count, sizeof(**items)))
        return OB_ERR_LIMIT;
    lower(line);
    enum ob_status status = keep(data, line, &(*items)[*count]);
    if (status == OB_OK)
        (*count)++;
    return status;
}

static enum ob_status add_free_mail(struct ob_mail_data *data, char *line)
{
    return add_word(&data->free_mail, &data->free_mail_count, data, line);
}

static enum ob_status add_shortener(struct ob_mail_data *data, char *line)
{
    return add_word(&data->shorteners, &data->shortener_count, data, line);
}

static enum ob_status add_platform(struct ob_mail_data *data, char *line)
{
    return add_word(&data->platforms, &data->platform_count, data, line);
}

static enum ob_status add_abused_tld(struct ob_mail_data *data, char *line)
{
    return add_word(&data->abused_tlds, &data->abused_tld_count, data, line);
}

static enum ob_status add_image_host(struct ob_mail_data *data, char *line)
{
    return add_word(&data->image_hosts, &data->image_host_count, data, line);
}

/* Ends the first word of a "word rest" line and returns the rest, NULL
 * when the line has one word. */
static char *second_word(char *line)
{
    char *space = strpbrk(line, " \t");
    if (space == NULL)
        return NULL;
    *space = '\0';
    char *rest = space + 1;
    while (*rest == ' ' || *rest == '\t')
        rest++;
    return rest;
}

/* "host reason": the reason is one word, "cdn" or "tracking". */
static enum ob_status add_context_host(struct ob_mail_data *data, char *line)
{
    char *reason = second_word(line);
    if (reason == NULL)
        return OB_ERR_PARSE;
    if (strcmp(reason, "cdn") != 0 && strcmp(reason, "tracking") != 0)
        return OB_ERR_PARSE;
    size_t count = data->context_host_count;
    enum ob_status status = add_word(&data->context_hosts, &data->context_host_count, data, line);
    if (status != OB_OK)
        return status;
    if (!grow((void **)&data->context_reasons, count, sizeof(*data->context_reasons)))
        return OB_ERR_LIMIT;
    /* Static strings: the two reasons the file may give. */
    data->context_reasons[count] = strcmp(reason, "cdn") == 0 ? "cdn" : "tracking";
    return OB_OK;
}

const char *mail_context_host(const struct ob_mail_data *data, const char *host)
{
    for (size_t i = 0; i < data->context_host_count; i++)
        if (mail_host_listed(&data->context_hosts[i], 1, host))
            return data->context_reasons[i];
    return NULL;
}

bool mail_host_listed(const char *const *hosts, size_t count, const char *host)
{
    size_t host_length = strlen(host);
    for (size_t i = 0; i < count; i++) {
        size_t length = strlen(hosts[i]);
        if (host_length == length && strcmp(hosts[i], host) == 0)
            return true;
        if (host_length > length + 1 && host[host_length - length - 1] == '.' &&
            strcmp(host + host_length - length, hosts[i]) == 0)
            return true;
    }
    return false;
}

bool mail_tld_is_abused(const struct ob_mail_data *data, const char *host, const char **tld)
{
    const char *dot = strrchr(host, '.');
    if (dot == NULL || dot[1] == '\0')
        return false;
    for (size_t i = 0; i < data->abused_tld_count; i++)
        if (strcasecmp(dot + 1, data->abused_tlds[i]) == 0) {
            *tld = data->abused_tlds[i];
            return true;
        }
    return false;
}

static enum ob_status add_lure_word(struct ob_mail_data *data, char *line)
{
    return add_word(&data->lure_words, &data->lure_word_count, data, line);
}

static enum ob_status add_cue(struct ob_mail_data *data, char *line)
{
    if (strcmp(line, "[romance]") == 0) {
        data->cue_section = MAIL_CUE_ROMANCE;
        return OB_OK;
    }
    /* Folded as the text they are looked for in is (check_content.c). A
     * phrase two languages share ("dringend") is kept once, so that it
     * counts once. */
    char folded[512];
    mail_text_fold(line, folded, sizeof(folded));
    for (size_t i = 0; i < data->cue_count; i++)
        if (strcmp(data->cues[i], folded) == 0)
            return OB_OK;
    if (!grow((void **)&data->cue_kinds, data->cue_count, sizeof(*data->cue_kinds)))
        return OB_ERR_LIMIT;
    data->cue_kinds[data->cue_count] = data->cue_section;
    return add_word(&data->cues, &data->cue_count, data, folded);
}

static enum ob_status add_safelink(struct ob_mail_data *data, char *line)
{
    char *param = second_word(line);
    if (param == NULL)
        return OB_ERR_PARSE;
    if (!grow((void **)&data->safelinks, data->safelink_count, sizeof(*data->safelinks)))
        return OB_ERR_LIMIT;
    struct ob_mail_safelink *link = &data->safelinks[data->safelink_count];
    lower(line);
    enum ob_status status = keep(data, line, &link->host);
    if (status == OB_OK)
        status = keep(data, param, &link->param);
    if (status == OB_OK)
        data->safelink_count++;
    return status;
}

static uint16_t prefix_of(const char *text)
{
    return (uint16_t)((unsigned char)text[0] << 8 | (unsigned char)text[1]);
}

static int compare_prefixes(const void *a, const void *b)
{
    const struct ob_mail_cue_prefix *left = a, *right = b;
    if (left->prefix != right->prefix)
        return left->prefix < right->prefix ? -1 : 1;
    return left->cue < right->cue ? -1 : left->cue > right->cue;
}

static int compare_prefix(const void *key, const void *entry)
{
    uint16_t prefix = *(const uint16_t *)key;
    uint16_t other = ((const struct ob_mail_cue_prefix *)entry)->prefix;
    return prefix < other ? -1 : prefix > other;
}

/* Indexes the cues by their first two bytes (see mail_find_cues). */
static enum ob_status index_cues(struct ob_mail_data *data)
{
    if (data->cue_count > UINT16_MAX)
        return OB_ERR_LIMIT;
    data->cue_prefix_bits = calloc(65536 / 8, 1);
    data->cue_prefixes = calloc(data->cue_count + 1, sizeof(*data->cue_prefixes));
    if (data->cue_prefix_bits == NULL || data->cue_prefixes == NULL)
        return OB_ERR_NOMEM;
    for (size_t i = 0; i < data->cue_count; i++) {
        if (strlen(data->cues[i]) < 2)
            continue; /* a one-letter cue would match everywhere anyway */
        uint16_t prefix = prefix_of(data->cues[i]);
        data->cue_prefix_bits[prefix >> 3] |= (unsigned char)(1u << (prefix & 7));
        data->cue_prefixes[data->cue_prefix_count++] = (struct ob_mail_cue_prefix){prefix,
                                                                                   (uint16_t)i};
    }
    qsort(data->cue_prefixes, data->cue_prefix_count, sizeof(*data->cue_prefixes),
          compare_prefixes);
    return OB_OK;
}

static bool is_ascii_letter_or_digit(unsigned char c)
{
    return (unsigned char)(c - '0') < 10 || (unsigned char)((c | 0x20) - 'a') < 26;
}

void mail_find_cues(const struct ob_mail_data *data, const char *text, size_t length,
                    void (*fn)(void *user, size_t cue), void *user)
{
    const unsigned char *bytes = (const unsigned char *)text;
    /* Each i is where a word may start; `next` is where the run of ASCII
     * letters and digits from i ends (i itself when there is none), so the
     * next place a word may start is just after it. */
    for (size_t i = 0, next; i + 1 < length; i = next + 1) {
        next = i;
        while (next < length && is_ascii_letter_or_digit(bytes[next]))
            next++;
        uint16_t prefix = prefix_of(text + i);
        if ((data->cue_prefix_bits[prefix >> 3] & (1u << (prefix & 7))) == 0)
            continue;
        /* The first entry with this prefix, then each one after it. */
        size_t low = core_array_lower_bound(data->cue_prefixes, data->cue_prefix_count,
                                            sizeof(*data->cue_prefixes), &prefix, compare_prefix);
        for (; low < data->cue_prefix_count && data->cue_prefixes[low].prefix == prefix; low++) {
            /* The first two bytes are equal; most cues differ at the third. */
            const unsigned char *cue =
                (const unsigned char *)data->cues[data->cue_prefixes[low].cue];
            size_t k = 2;
            while (cue[k] != '\0' && i + k < length && bytes[i + k] == cue[k])
                k++;
            if (cue[k] == '\0')
                fn(user, data->cue_prefixes[low].cue);
        }
    }
}

static enum ob_status read_user_brands(struct ob_mail_data *data, const char *path,
                                       struct ob_context *ctx)
{
    struct ob_buffer text;
    core_buffer_init(&text, (size_t)4 << 20);
    const char *reason = "";
    enum ob_status status = core_buffer_read_file(&text, path, &reason);
    if (status != OB_OK) {
        core_buffer_release(&text);
        return ob_context_fail(ctx, status, _("cannot read brands file '%s': %s"), path, reason);
    }
    status = each_line(data, core_buffer_str(&text), text.length, add_brand);
    if (status == OB_ERR_PARSE)
        status = ob_context_fail(
            ctx, status, _("brands file '%s': each line is 'Name | Other Name: domain ...'"), path);
    else if (status != OB_OK)
        status = ob_context_fail(ctx, status, _("brands file '%s' could not be loaded"), path);
    core_buffer_release(&text);
    return status;
}

enum ob_status mail_data_load(struct ob_mail_data *out, const char *extra_brands,
                              struct ob_context *ctx)
{
    memset(out, 0, sizeof(*out));
    core_arena_init(&out->text, (size_t)64 << 20);
    struct {
        const unsigned char *text;
        size_t size;
        enum ob_status (*line_fn)(struct ob_mail_data *, char *);
    } sources[] = {
        {mail_embedded_brands, mail_embedded_brands_size, add_brand},
        {mail_embedded_free_mail, mail_embedded_free_mail_size, add_free_mail},
        {mail_embedded_shorteners, mail_embedded_shorteners_size, add_shortener},
        {mail_embedded_shared_platforms, mail_embedded_shared_platforms_size, add_platform},
        {mail_embedded_abused_tlds, mail_embedded_abused_tlds_size, add_abused_tld},
        {mail_embedded_image_hosts, mail_embedded_image_hosts_size, add_image_host},
        {mail_embedded_click_trackers, mail_embedded_click_trackers_size, add_click_tracker},
        {mail_embedded_lure_words, mail_embedded_lure_words_size, add_lure_word},
        {mail_embedded_context_hosts, mail_embedded_context_hosts_size, add_context_host},
        {mail_embedded_safelinks, mail_embedded_safelinks_size, add_safelink},
        {mail_embedded_cues_en, mail_embedded_cues_en_size, add_cue},
        {mail_embedded_cues_uk, mail_embedded_cues_uk_size, add_cue},
        {mail_embedded_cues_ru, mail_embedded_cues_ru_size, add_cue},
        {mail_embedded_cues_de, mail_embedded_cues_de_size, add_cue},
        {mail_embedded_cues_pl, mail_embedded_cues_pl_size, add_cue},
        {mail_embedded_cues_cs, mail_embedded_cues_cs_size, add_cue},
        {mail_embedded_cues_fr, mail_embedded_cues_fr_size, add_cue},
        {mail_embedded_cues_es, mail_embedded_cues_es_size, add_cue},
        {mail_embedded_cues_pt, mail_embedded_cues_pt_size, add_cue},
        {mail_embedded_cues_nl, mail_embedded_cues_nl_size, add_cue},
    };
    enum ob_status status = OB_OK;
    for (size_t i = 0; status == OB_OK && i < sizeof(sources) / sizeof(sources[0]); i++) {
        out->cue_section = MAIL_CUE_PRESSURE; /* each cue file starts with them */
        status = each_line(out, (const char *)sources[i].text, sources[i].size, sources[i].line_fn);
    }
    if (status == OB_OK)
        status = index_cues(out);
    if (status != OB_OK)
        status = ob_context_fail(ctx, status, _("the built-in mail data is malformed"));
    if (status == OB_OK && extra_brands != NULL)
        status = read_user_brands(out, extra_brands, ctx);
    if (status != OB_OK)
        mail_data_release(out);
    return status;
}

void mail_data_release(struct ob_mail_data *data)
{
    free(data->brands);
    free(data->free_mail);
    free(data->shorteners);
    free(data->platforms);
    free(data->abused_tlds);
    free(data->image_hosts);
    free(data->lure_words);
    free(data->context_hosts);
    free(data->context_reasons);
    free(data->cues);
    free(data->cue_kinds);
    free(data->cue_prefix_bits);
    free(data->cue_prefixes);
    free(data->safelinks);
    free(data->click_trackers);
    for (size_t i = 0; i < data->owned_count; i++)
        free(data->owned[i]);
    free(data->owned);
    core_arena_release(&data->text);
    memset(data, 0, sizeof(*data));
}

/* ---- URL helpers ------------------------------------------------------------- */

bool mail_url_host_span(const char *url, size_t *start, size_t *length)
{
    const char *begin = strstr(url, "://");
    if (begin != NULL && (size_t)(begin - url) <= strcspn(url, "/?#"))
        begin += 3;
    else if (strncasecmp(url, "www.", 4) == 0)
        begin = url;
    else
        return false;
    size_t authority = strcspn(begin, "/?#\\");
    const char *at = memrchr(begin, '@', authority);
    if (at != NULL) {
        authority -= (size_t)(at + 1 - begin);
        begin = at + 1;
    }
    size_t host = begin[0] == '[' ? strcspn(begin, "]") + 1 : strcspn(begin, ":/?#\\");
    if (host > authority)
        host = authority;
    while (host > 0 && begin[host - 1] == '.')
        host--;
    *start = (size_t)(begin - url);
    *length = host;
    return host > 0;
}

bool mail_url_host(const char *url, char *out, size_t size)
{
    out[0] = '\0';
    size_t start, host;
    if (!mail_url_host_span(url, &start, &host) || host >= size)
        return false;
    for (size_t i = 0; i < host; i++)
        out[i] = (char)tolower((unsigned char)url[start + i]);
    out[host] = '\0';
    return true;
}

bool mail_host_is_ip(const char *host)
{
    unsigned char address[4];
    return host[0] == '[' || inet_pton(AF_INET, host, address) == 1;
}
