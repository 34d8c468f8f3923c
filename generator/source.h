/* source.h: reading one input file into memory as clean UTF-8 text, and
 * finding its front matter, keeping what is needed to point every message at
 * the line and column of the original file. */
#ifndef CLERK_SOURCE_H
#define CLERK_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct arena;

/* clerk's limit on the size of one input file. */
#define CLERK_MAX_FILE_SIZE (16u * 1024u * 1024u)

struct source {
	const char *path; /* as named by the user */
	char *text;       /* the text: BOM removed, CRLF and lone CR made LF,
			      invalid bytes replaced by U+FFFD; NUL-terminated */
	size_t len;       /* bytes in text */
	size_t *lines;    /* byte offset in text of the start of each line */
	size_t nlines;    /* lines in text (a final line without LF counts) */
	bool has_front;   /* a front matter block was found */
	bool front_unclosed; /* a first line '---' was never closed */
	size_t front_off;   /* offset of the YAML text (after the '---' line) */
	size_t front_len;   /* bytes of YAML text */
	int front_line;     /* line of the opening '---' */
	int front_end_line; /* line of the closing '---' or '...' */
	size_t body_off;    /* offset of the Markdown body */
	int body_line;      /* line where the body starts */
};

enum source_status {
	SOURCE_OK,    /* read; src may still carry error diagnostics */
	SOURCE_BAD,   /* unusable as text (empty, binary, too big): an error
			  diagnostic was recorded, src is not filled */
	SOURCE_SYSTEM /* cannot be read (errno is set); nothing recorded */
};

/* Reads the file at path into src, in the arena. Problems with its bytes
 * (invalid UTF-8, NUL, control characters) are recorded in d with their
 * positions, and the text is still returned, with the bad bytes replaced, so
 * that the rest of the file can be checked. */
enum source_status source_read(struct arena *a, struct diags *d,
    const char *path, struct source *src);

/* The bytes of the file at path as they are (an included PDF), into *buf
 * (heap; the caller frees), *len of them, at most one past max (more is
 * too big: *len > max). SOURCE_BAD: it kept changing while read
 * (D_FILE_CHANGING recorded); SOURCE_SYSTEM: errno is set. */
enum source_status source_read_bytes(struct diags *d, const char *path,
    size_t max, unsigned char **buf, size_t *len);

/* The same, for text already in memory (tests, and papers inside XML).
 * buf need not be NUL-terminated. */
enum source_status source_from_memory(struct arena *a, struct diags *d,
    const char *path, const char *buf, size_t len, struct source *src);

/* Finds the front matter: a first line "---", then lines up to a line "---"
 * or "...". Sets has_front and the offsets; records D_NO_FRONT_MATTER or
 * D_FRONT_MATTER_UNCLOSED when required and missing. */
void source_split(struct source *src, struct diags *d, bool required);

/* A document's file (a paper, an agenda) read into a new arena and split
 * at its front matter: source_read, then source_split with the front
 * matter required. Returns the source, in the arena put in *arena (the
 * caller frees it), its path a copy of path. NULL, with nothing left
 * allocated, when the file cannot be used: *system_error is then true
 * for a system failure (errno set), else false and the reason is in d. */
struct source *source_load(const char *path, struct diags *d,
    struct arena **arena, bool *system_error);

/* The folder part of path ("." when it has none), in the arena: where a
 * file's images and linked files are looked for. */
const char *source_dir(struct arena *a, const char *path);

/* The position of byte offset off of text. */
struct pos source_pos(const struct source *src, size_t off);

/* The position of a line (1-based, of the whole file) and a byte column
 * (1-based) in that line. */
struct pos source_pos_line(const struct source *src, int line, int bytecol);

/* The text of line n (1-based) and its length without the newline. */
const char *source_line(const struct source *src, int n, size_t *len);

#endif
