/* diag.h: every message clerk gives, about its input, its command line or
 * the system, and the one place that prints them, in the GNU form editors
 * understand:
 *     file:line:col: level: message
 * Messages about input are collected per input, sorted by position and
 * printed together, so that one run reports every problem of every input.
 * Each call names its message by id; the compiler checks the arguments
 * against that message's format (-Wformat), through the macros below and
 * diag-formats.h, which the Makefile makes from diag-messages.h. */
#ifndef CLERK_DIAG_H
#define CLERK_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "diag-formats.h" /* DIAG_FMT_<id>: each message's format */

/* A place in a source file: 1-based line and column (in characters, a tab
 * counting one). line 0 means "the whole file"; col 0 "the whole line". */
struct pos {
	int line;
	int col;
};

enum diag_level {
	DIAG_WARNING, /* output is still written */
	DIAG_ERROR,   /* nothing is written for that input */
	DIAG_SYSTEM,  /* the system failed (I/O, memory, a library); printed
			 "error", as it is one to the reader; exit status 3 */
	DIAG_USAGE,   /* the command line is wrong (exit status 2): printed
			 by cli_usage as "clerk: message" and the usage */
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

/* Only checks, at compile time, the arguments of message id against its
 * format; never called (sizeof does not evaluate its operand). */
int diag_check_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define DIAG_CHECK(id, ...) \
	((void)sizeof(diag_check_(DIAG_FMT_##id, ##__VA_ARGS__)))

/* Each function below has a macro of the same name, which checks the
 * arguments first; id is the message's name (D_...), never a variable. */

/* Records message id about file at p; the arguments fill its format.
 * file is copied. */
void diag_at(struct diags *d, const char *file, struct pos p, enum diag_id id,
    ...);
#define diag(d, file, p, id, ...) \
	(DIAG_CHECK(id, ##__VA_ARGS__), diag_at(d, file, p, id, ##__VA_ARGS__))

/* The position line:col. A compound literal, (struct pos){line, col},
 * would be two arguments of the macro diag: write pos_at(line, col). */
static inline struct pos
pos_at(int line, int col)
{
	return (struct pos){line, col};
}

/* Prints message id about the whole of file (or "clerk", for the program)
 * to fp at once: "file: level: message". Allocates nothing, so that it can
 * say memory ran out. */
void diag_print(FILE *fp, const char *file, enum diag_id id, ...);
#define diag_print(fp, file, id, ...) \
	(DIAG_CHECK(id, ##__VA_ARGS__), diag_print(fp, file, id, ##__VA_ARGS__))

/* The line diag_print prints, without its newline, into buf of n bytes (cut
 * short to fit); returns buf. For wrappers that check their own calls with
 * DIAG_CHECK (pdf.c's set_failure). */
char *diag_vline(char *buf, size_t n, const char *file, enum diag_id id,
    va_list ap);

/* The line diag_print prints, without its newline, on the heap (the
 * caller frees it). */
char *diag_string(const char *file, enum diag_id id, ...);
#define diag_string(file, id, ...) \
	(DIAG_CHECK(id, ##__VA_ARGS__), diag_string(file, id, ##__VA_ARGS__))

/* Prints usage message id to stderr, "clerk: message", then, unless
 * synopsis is NULL, "usage: synopsis". For wrappers that check their own
 * calls with DIAG_CHECK (cli_usage). */
void diag_vusage(const char *synopsis, enum diag_id id, va_list ap);

/* The text of errno value e, as strerror gives it but safe in threads
 * (strerror_r), in buf of n bytes; returns buf. */
const char *diag_errno(int e, char *buf, size_t n);

/* A buffer large enough for diag_errno. */
#define DIAG_ERRNO_MAX 128

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

size_t diags_errors(const struct diags *d);   /* errors (system and usage
						 ones too) recorded so far */
size_t diags_warnings(const struct diags *d); /* warnings recorded so far */

/* Number of files that pending errors are about. */
size_t diags_error_files(const struct diags *d);

/* Number of messages waiting to be flushed, and one of them as text
 * (for tests): "line:col: level: message". */
size_t diags_pending(struct diags *d);
const char *diags_text(const struct diags *d, size_t i);

#endif
