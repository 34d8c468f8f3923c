/* diag.h: every message clerk gives about its input, and the one place that
 * prints them, in the GNU form editors understand:
 *     file:line:col: level: message
 * Messages are collected per input, sorted by position and printed together,
 * so that one run reports every problem of every input. */
#ifndef CLERK_DIAG_H
#define CLERK_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* A place in a source file: 1-based line and column (in characters, a tab
 * counting one). line 0 means "the whole file"; col 0 "the whole line". */
struct pos {
	int line;
	int col;
};

enum diag_level {
	DIAG_WARNING, /* output is still written */
	DIAG_ERROR,   /* nothing is written for that input */
};

/* The list of every message: id, level, printf format. */
enum diag_id {
#define DIAG(id, level, fmt) id,
#include "diag-messages.h"
#undef DIAG
	D__COUNT
};

struct diags;

/* A new, empty collection. Never NULL. */
struct diags *diags_new(void);
void diags_free(struct diags *d);

/* Records message id about file at p; the arguments fill its format.
 * file is copied. */
void diag(struct diags *d, const char *file, struct pos p, enum diag_id id,
    ...);

/* The level and the format of a message id. */
enum diag_level diag_level(enum diag_id id);
const char *diag_format(enum diag_id id);
const char *diag_name(enum diag_id id);

/* Prints the collected messages to fp, ordered by file (in the order files
 * were first named), line and column, and empties the collection. The counts
 * of errors and warnings keep growing across flushes. */
void diags_flush(struct diags *d, FILE *fp);

/* Moves every message of src into dst (src is left empty). */
void diags_move(struct diags *dst, struct diags *src);

size_t diags_errors(const struct diags *d);   /* errors recorded so far */
size_t diags_warnings(const struct diags *d); /* warnings recorded so far */

/* Number of files that pending errors are about. */
size_t diags_error_files(const struct diags *d);

/* Number of messages waiting to be flushed, and one of them as text
 * (for tests): "line:col: level: message". */
size_t diags_pending(struct diags *d);
const char *diags_text(const struct diags *d, size_t i);

#endif
