/* SPDX-License-Identifier: Apache-2.0 */
/* The scan-state file: what a scan learnt from each file's content, kept
 * in SQLite so that a rescan reads only files that changed. */
#ifndef OB_SCAN_STATE_H
#define OB_SCAN_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "core/buffer.h"
#include "core/hash.h"
#include "oberig/scan.h"

/* What a record says about its content besides the reasons. */
enum scan_state_flags {
    SCAN_STATE_COMPLETE = 1, /* the analysis ran to its end (not a false positive) */
    SCAN_STATE_WIPER = 2,    /* the wiper checks ran */
    SCAN_STATE_YARA = 4,     /* the rules ran, under the rules key of the record */
    /* The archive part ran (members read, or the depth limit noted) and its
     * events are in `members`, under the limits `archive_view` names. */
    SCAN_STATE_MEMBERS = 8,
    SCAN_STATE_ARCHIVE_LIMIT = 16,  /* a limit cut the reading of its members */
    SCAN_STATE_FALSE_POSITIVE = 32, /* a member whose hash is a false positive: not analysed */
};

/* The reasons of a record, by the step of the pipeline that gave them. */
enum scan_state_segment {
    SCAN_STATE_NAME, /* disguise checks of the name and content type */
    SCAN_STATE_WIPER_REASONS,
    SCAN_STATE_RULES, /* YARA */
    SCAN_STATE_SEGMENTS
};

/* The content-derived facts of one file on disk, as recorded while it was
 * read, or as decoded from the state for a file that did not change. */
struct scan_state_facts {
    /* The file as stat showed it before it was read. */
    uint64_t dev, ino, size;
    int64_t mtime_ns, ctime_ns;
    uint32_t uid, mode;
    int64_t scan_start; /* wall-clock second the recording scan started */
    unsigned flags;     /* enum scan_state_flags */
    unsigned archive_kind;
    uint64_t view;     /* how YARA's filepath was shown: --windows-drive and root */
    uint64_t language; /* the explanations the built-in reasons were written with */
    struct ob_digests digests;
    char label[32]; /* the `filetype` label */
    char type[512]; /* libmagic's description */
    char owner[64]; /* the owner's name the rules saw */
    unsigned char rules_key[OB_SHA256_LEN];
    /* The wiper tally's share of this file (tally: it counted). */
    bool tally, renamed, note, system;
    unsigned char pattern[16];
    size_t period;
    struct ob_buffer reasons[SCAN_STATE_SEGMENTS]; /* encoded, see state.c */
    /* A file on disk's archive part, in the order it happened: each member
     * analysed (its path inside, depth, size and the facts above) and each
     * notice given; encoded, see state.c. */
    struct ob_buffer members;
    uint64_t archive_view; /* the archive limits its members were read under */
    bool storable;         /* false once anything went wrong: never stored */
};

void scan_state_facts_init(struct scan_state_facts *facts);
void scan_state_facts_release(struct scan_state_facts *facts);
/* Takes the stat fields of `st` into `facts`. */
void scan_state_facts_stat(struct scan_state_facts *facts, const struct stat *st);

/* Appends `count` reasons to segment `segment` of `facts` (on failure the
 * facts become unstorable). */
void scan_state_keep_reasons(struct scan_state_facts *facts, enum scan_state_segment segment,
                             const struct ob_reason *reasons, size_t count);

/* Keeps a file's share of the wiper tally, as scan_wiper_tally_add takes it
 * (`data` is the file's content, of which the first `period` bytes count). */
void scan_state_keep_tally(struct scan_state_facts *facts, const unsigned char *data, size_t length,
                           size_t period, bool renamed, bool note, bool system);

/* Calls `add` with each reason of `segment`, in recorded order; the
 * strings are valid during the call. */
void scan_state_replay_reasons(const struct scan_state_facts *facts,
                               enum scan_state_segment segment,
                               void (*add)(void *user, enum ob_signal signal,
                                           const struct ob_indicator_ref *reason),
                               void *user);

/* Decodes a record as the state file keeps it, its 64-bit FNV-1a checksum
 * last, into `facts` (initialised); false when it is damaged. A record whose
 * checksum holds is still read as hostile input (tests/fuzzing). */
bool scan_state_decode(const unsigned char *bytes, size_t length, struct scan_state_facts *facts);

/* The archive part of a file: what happened in it, as it is replayed. */
struct scan_state_events {
    /* A member, with its facts (valid during the call); false stops. */
    bool (*member)(void *user, const char *member, unsigned depth,
                   const struct scan_state_facts *facts);
    /* A notice given (never an error: a record with one is not kept). */
    void (*notice)(void *user, const char *member, const char *message);
    void *user;
};

/* Adds to `log`, a file's record, the member `member` (its path inside the
 * archives) at `depth` with its `facts` (its size in facts->size). */
void scan_state_log_member(struct scan_state_facts *log, const char *member, unsigned depth,
                           const struct scan_state_facts *facts);
/* Adds a notice given while reading the file's archive part (`member` may
 * be NULL: the notice is about the file). */
void scan_state_log_notice(struct scan_state_facts *log, const char *member, const char *message);
/* Calls `to` for each event of the archive part, in recorded order; false
 * when one is malformed or a callback stopped. */
bool scan_state_each_event(const struct scan_state_facts *facts,
                           const struct scan_state_events *to);

/* The identity of the archive limits of `options`. */
uint64_t scan_state_archive_view(const struct ob_scan_options *options);

/* The identity of how `view` shows folders to the rules. */
uint64_t scan_state_view(char windows_drive, const char *windows_root, size_t root_length);

/* An open state file, shared by the walker and the workers. */
struct scan_state;

/* What a scan asks of the state. */
struct scan_state_setup {
    const char *path;
    bool full;                    /* use no record; write them all again */
    const struct ob_rules *rules; /* NULL, or the rules YARA runs */
    const struct ob_scan_options *options;
};

/* Opens or creates the state file. A damaged state file is replaced, a file
 * that is not one is left alone: either way *notice gets a sentence for the
 * user (else ""). On failure *out stays NULL and *notice says why; the
 * scan goes on without a state. */
void scan_state_open(const struct scan_state_setup *setup, struct scan_state **out, char *notice,
                     size_t notice_size);

/* Commits what is pending; with `complete` (the scan was not cancelled),
 * first forgets the files below the roots given to scan_state_root_done
 * that this scan did not see. Then closes the file. NULL is ignored. */
void scan_state_close(struct scan_state *state, bool complete);

/* A root was walked to its end: its records not seen in this scan may go
 * when the state is closed. */
void scan_state_root_done(struct scan_state *state, const char *absolute_root);

/* The record of `path`, usable for the file that `st` describes (the walk's
 * stat of it) below a root of `root_length` bytes, decoded into a new
 * object; NULL when there is none or it cannot be trusted: the file
 * changed, or changed within a second of the scan that wrote it, or its
 * file system keeps whole seconds, or it needs what the record lacks
 * (YARA under these rules, the wiper checks, its archive members read
 * under these limits and in this language). Marks
 * the record as seen. Called by the walker only. */
struct scan_state_facts *scan_state_lookup(struct scan_state *state, const char *path,
                                           const struct stat *st, size_t root_length);
void scan_state_facts_free(struct scan_state_facts *facts);

/* Stores the facts recorded for `path`, unless they are unstorable. */
void scan_state_store(struct scan_state *state, const char *path, struct scan_state_facts *facts);

/* The rules key a record needs (all zeros without rules), and the start of
 * this scan in wall-clock seconds. */
const unsigned char *scan_state_rules_key(const struct scan_state *state);
int64_t scan_state_started(const struct scan_state *state);

/* True, once, when the state could not be read or written since the last
 * call, or held damaged records: *notice says so for the user. */
bool scan_state_take_notice(struct scan_state *state, char *notice, size_t notice_size);

#endif
