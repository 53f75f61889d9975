/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: the input is written as the SOFTWARE, SYSTEM and a
 * user's NTUSER.DAT registry hive of a Windows tree, and as a scheduled
 * task of it; the whole persistence listing then reads that tree. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "oberig/persistence.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const folders[] = {
    "Windows", "Windows/System32", "Windows/System32/config", "Windows/System32/Tasks",
    "Users",   "Users/olena"};
static const char *const files[] = {"Windows/System32/config/SOFTWARE",
                                    "Windows/System32/config/SYSTEM", "Users/olena/NTUSER.DAT",
                                    "Windows/System32/Tasks/task"};

static bool write_file(const char *path, const uint8_t *data, size_t size)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return false;
    bool ok = write(fd, data, size) == (ssize_t)size;
    close(fd);
    return ok;
}

/* Every entry holds NUL-terminated fields and a consistent score. */
static void check_entry(void *user, const struct ob_persistence_entry *entry)
{
    (void)user;
    if (entry->finding_count > OB_PERSISTENCE_MAX_FINDINGS ||
        strnlen(entry->command, sizeof(entry->command)) == sizeof(entry->command) ||
        strnlen(entry->program, sizeof(entry->program)) == sizeof(entry->program) ||
        strnlen(entry->trigger, sizeof(entry->trigger)) == sizeof(entry->trigger))
        abort();
    int score = 0;
    for (size_t i = 0; i < entry->finding_count; i++)
        score += entry->findings[i].score;
    if (score != entry->score)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > OB_PERSISTENCE_MAX_FILE)
        return 0;
    char root[] = "/tmp/fuzz_hive_XXXXXX";
    if (mkdtemp(root) == NULL)
        return 0;
    char path[256];
    bool ok = true;
    for (size_t i = 0; i < sizeof(folders) / sizeof(folders[0]) && ok; i++) {
        snprintf(path, sizeof(path), "%s/%s", root, folders[i]);
        ok = mkdir(path, 0700) == 0;
    }
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]) && ok; i++) {
        snprintf(path, sizeof(path), "%s/%s", root, files[i]);
        ok = write_file(path, data, size);
    }
    if (ok) {
        const struct ob_persistence_callbacks callbacks = {.entry = check_entry};
        if (ob_persistence_list(NULL, root, &callbacks) != OB_OK)
            abort();
    }
    for (size_t i = sizeof(files) / sizeof(files[0]); i-- > 0;) {
        snprintf(path, sizeof(path), "%s/%s", root, files[i]);
        unlink(path);
    }
    for (size_t i = sizeof(folders) / sizeof(folders[0]); i-- > 0;) {
        snprintf(path, sizeof(path), "%s/%s", root, folders[i]);
        rmdir(path);
    }
    rmdir(root);
    return 0;
}
