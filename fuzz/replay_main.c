/* SPDX-License-Identifier: Apache-2.0 */
/* Replays every file of a fuzz corpus folder through LLVMFuzzerTestOneInput,
 * so the seed corpus runs as an ordinary test without libFuzzer. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay(const char *path)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        fprintf(stderr, "replay: cannot open '%s'\n", path);
        return 1;
    }
    uint8_t *data = NULL;
    size_t size = 0, capacity = 0;
    for (;;) {
        if (size == capacity) {
            capacity = capacity ? capacity * 2 : 4096;
            uint8_t *grown = realloc(data, capacity);
            if (grown == NULL) {
                free(data);
                fclose(file);
                return 1;
            }
            data = grown;
        }
        size_t n = fread(data + size, 1, capacity - size, file);
        if (n == 0)
            break;
        size += n;
    }
    fclose(file);
    LLVMFuzzerTestOneInput(data, size);
    free(data);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: replay CORPUS_DIR\n");
        return 2;
    }
    DIR *dir = opendir(argv[1]);
    if (dir == NULL) {
        fprintf(stderr, "replay: cannot open corpus '%s'\n", argv[1]);
        return 1;
    }
    int failures = 0, count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", argv[1], entry->d_name);
        failures += replay(path);
        count++;
    }
    closedir(dir);
    printf("replayed %d inputs, %d could not be read\n", count, failures);
    return failures == 0 && count > 0 ? 0 : 1;
}
