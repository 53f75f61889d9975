/* SPDX-License-Identifier: Apache-2.0 */
/* User names read from a system's etc/passwd as a file, never through NSS. */
#include "core/passwd.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/array.h"

struct user {
    uid_t uid;
    size_t name; /* offset in names */
};

struct core_passwd {
    struct user *users;
    size_t count, capacity;
    char *names;
    size_t names_length, names_capacity;
};

static int compare_users(const void *a, const void *b)
{
    const struct user *x = a, *y = b;
    if (x->uid != y->uid)
        return x->uid < y->uid ? -1 : 1;
    return x->name < y->name ? -1 : x->name > y->name; /* first line first */
}

/* "name:password:uid:..." -> the name and uid; false for a malformed line. */
static bool parse_line(char *line, const char **name, uid_t *uid)
{
    char *colon = strchr(line, ':');
    if (colon == NULL || colon == line)
        return false;
    *colon = '\0';
    char *field = strchr(colon + 1, ':');
    if (field == NULL)
        return false;
    field++;
    if (*field < '0' || *field > '9')
        return false;
    char *end;
    errno = 0;
    unsigned long value = strtoul(field, &end, 10);
    if (errno != 0 || *end != ':' || value > (uid_t)-1 - 1)
        return false;
    for (const char *c = line; *c != '\0'; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            return false; /* a name no terminal should be sent */
    *name = line;
    *uid = (uid_t)value;
    return true;
}

static enum ob_status add_user(struct core_passwd *table, const char *name, uid_t uid)
{
    size_t length = strlen(name);
    enum ob_status status = core_array_grow((void **)&table->users, &table->capacity,
                                            table->count + 1, sizeof(*table->users), 64,
                                            CORE_PASSWD_MAX_USERS);
    if (status == OB_OK)
        status = core_array_grow((void **)&table->names, &table->names_capacity,
                                 table->names_length + length + 1, 1, 1024, SIZE_MAX);
    if (status != OB_OK)
        return status;
    table->users[table->count++] = (struct user){.uid = uid, .name = table->names_length};
    memcpy(table->names + table->names_length, name, length + 1);
    table->names_length += length + 1;
    return OB_OK;
}

/* Reads the open file line by line; a line longer than the cap is skipped. */
static enum ob_status read_users(struct core_passwd *table, FILE *file)
{
    char line[CORE_PASSWD_MAX_LINE + 2];
    bool skipping = false;
    while (fgets(line, sizeof(line), file) != NULL) {
        size_t length = strlen(line);
        bool whole = length > 0 && line[length - 1] == '\n';
        if (skipping || (!whole && !feof(file))) {
            skipping = !whole; /* the rest of a long line */
            continue;
        }
        if (whole)
            line[--length] = '\0';
        if (strlen(line) != length)
            continue; /* a NUL inside the line */
        const char *name;
        uid_t uid;
        if (line[0] == '#' || line[0] == '+' || line[0] == '-' || !parse_line(line, &name, &uid))
            continue;
        enum ob_status status = add_user(table, name, uid);
        if (status == OB_ERR_LIMIT)
            break;
        if (status != OB_OK)
            return status;
    }
    return OB_OK;
}

enum ob_status core_passwd_load(const char *root, struct core_passwd **out)
{
    *out = NULL;
    struct core_passwd *table = calloc(1, sizeof(*table));
    if (table == NULL)
        return OB_ERR_NOMEM;
    enum ob_status status = OB_OK;
    size_t root_length = root == NULL ? 0 : strlen(root);
    while (root_length > 0 && root[root_length - 1] == '/')
        root_length--;
    size_t path_size = root_length + sizeof("/etc/passwd");
    char *path = malloc(path_size);
    if (path == NULL) {
        status = OB_ERR_NOMEM;
        goto out;
    }
    snprintf(path, path_size, "%.*s/etc/passwd", (int)root_length, root_length ? root : "");
    /* A FIFO or a device put there must not stall the scan. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    free(path);
    struct stat st;
    if (fd < 0)
        goto out;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        goto out;
    }
    FILE *file = fdopen(fd, "r");
    if (file == NULL) {
        close(fd);
        goto out;
    }
    status = read_users(table, file);
    fclose(file);
    if (status == OB_OK && table->count > 1)
        qsort(table->users, table->count, sizeof(*table->users), compare_users);
out:
    if (status != OB_OK) {
        core_passwd_free(table);
        return status;
    }
    *out = table;
    return OB_OK;
}

static int compare_uid(const void *key, const void *item)
{
    uid_t uid = *(const uid_t *)key, other = ((const struct user *)item)->uid;
    return uid < other ? -1 : uid > other;
}

const char *core_passwd_name(const struct core_passwd *table, uid_t uid)
{
    if (table == NULL)
        return NULL;
    /* the first line of that uid: users are sorted by uid, then line */
    size_t low = core_array_lower_bound(table->users, table->count, sizeof(*table->users), &uid,
                                        compare_uid);
    if (low < table->count && table->users[low].uid == uid)
        return table->names + table->users[low].name;
    return NULL;
}

void core_passwd_free(struct core_passwd *table)
{
    if (table == NULL)
        return;
    free(table->users);
    free(table->names);
    free(table);
}
