/* diag.c: collecting, ordering and printing diagnostics; the text of errno
 * values. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

static const struct {
	const char *name;
	enum diag_level level;
	const char *fmt;
} table[D__COUNT] = {
#define DIAG(id, lvl, f) [id] = {#id, lvl, f},
#include "diag-messages.h"
#undef DIAG
};

struct message {
	size_t file;    /* index into diags.files */
	struct pos pos; /* where */
	size_t seq;     /* order of recording, to keep ties stable */
	enum diag_level level;
	char *text; /* the formatted message, heap */
	char *line; /* "line:col: level: message" for tests, heap */
};

struct diags {
	char **files; /* file names in the order first named, heap */
	size_t nfiles;
	struct message *msgs; /* pending messages */
	size_t nmsgs, cap;
	size_t seq;      /* messages recorded so far */
	size_t errors;   /* errors recorded so far */
	size_t warnings; /* warnings recorded so far */
};

enum diag_level
diag_level(enum diag_id id)
{
	return table[id].level;
}

const char *
diag_format(enum diag_id id)
{
	return table[id].fmt;
}

const char *
diag_name(enum diag_id id)
{
	return table[id].name;
}

struct diags *
diags_new(void)
{
	return xcalloc(1, sizeof(struct diags));
}

static void
clear(struct diags *d)
{
	for (size_t i = 0; i < d->nmsgs; i++) {
		free(d->msgs[i].text);
		free(d->msgs[i].line);
	}
	d->nmsgs = 0;
}

void
diags_free(struct diags *d)
{
	if (d == NULL)
		return;
	clear(d);
	free(d->msgs);
	for (size_t i = 0; i < d->nfiles; i++)
		free(d->files[i]);
	free(d->files);
	free(d);
}

static size_t
file_index(struct diags *d, const char *file)
{
	for (size_t i = 0; i < d->nfiles; i++)
		if (strcmp(d->files[i], file) == 0)
			return i;
	d->files = xrealloc(d->files, (d->nfiles + 1) * sizeof(*d->files));
	d->files[d->nfiles] = xstrdup(file);
	return d->nfiles++;
}

static char *
vformat(const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	char *s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

static const char *
level_name(enum diag_level l)
{
	switch (l) {
	case DIAG_WARNING:
		return "warning";
	case DIAG_ERROR:
	case DIAG_SYSTEM:
	case DIAG_USAGE:
		return "error";
	}
	return "error";
}

static char *
where(const struct pos p)
{
	char buf[64];
	if (p.line <= 0)
		buf[0] = '\0';
	else if (p.col <= 0)
		snprintf(buf, sizeof buf, "%d:", p.line);
	else
		snprintf(buf, sizeof buf, "%d:%d:", p.line, p.col);
	return xstrdup(buf);
}

static void
record(struct diags *d, const char *file, struct pos p, enum diag_level lvl,
    char *text)
{
	if (d->nmsgs == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 16;
		d->msgs = xrealloc(d->msgs, d->cap * sizeof(*d->msgs));
	}
	struct message *m = &d->msgs[d->nmsgs++];
	m->file = file_index(d, file);
	m->pos = p;
	m->seq = d->seq++;
	m->level = lvl;
	m->text = text;
	char *w = where(p);
	size_t n = strlen(w) + strlen(text) + 16;
	m->line = xmalloc(n);
	snprintf(m->line, n, "%s%s%s: %s", w, *w ? " " : "", level_name(lvl),
	    text);
	free(w);
	if (lvl == DIAG_WARNING)
		d->warnings++;
	else
		d->errors++;
}

void
diag_at(struct diags *d, const char *file, struct pos p, enum diag_id id, ...)
{
	va_list ap;
	va_start(ap, id);
	char *text = vformat(table[id].fmt, ap);
	va_end(ap);
	record(d, file, p, table[id].level, text);
}

static int
cmp(const void *a, const void *b)
{
	const struct message *x = a, *y = b;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->pos.line != y->pos.line)
		return x->pos.line < y->pos.line ? -1 : 1;
	if (x->pos.col != y->pos.col)
		return x->pos.col < y->pos.col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
diags_flush(struct diags *d, FILE *fp)
{
	if (d->nmsgs > 1)
		qsort(d->msgs, d->nmsgs, sizeof(*d->msgs), cmp);
	for (size_t i = 0; i < d->nmsgs; i++) {
		const struct message *m = &d->msgs[i];
		char *w = where(m->pos);
		fprintf(fp, "%s:%s %s: %s\n", d->files[m->file], w,
		    level_name(m->level), m->text);
		free(w);
	}
	fflush(fp);
	clear(d);
}

void
diags_move(struct diags *dst, struct diags *src)
{
	for (size_t i = 0; i < src->nmsgs; i++) {
		struct message *m = &src->msgs[i];
		record(dst, src->files[m->file], m->pos, m->level, m->text);
		free(m->line);
	}
	src->nmsgs = 0;
}

size_t
diags_errors(const struct diags *d)
{
	return d->errors;
}

size_t
diags_warnings(const struct diags *d)
{
	return d->warnings;
}

size_t
diags_error_files(const struct diags *d)
{
	size_t n = 0;
	for (size_t f = 0; f < d->nfiles; f++)
		for (size_t i = 0; i < d->nmsgs; i++)
			if (d->msgs[i].file == f &&
			    d->msgs[i].level != DIAG_WARNING) {
				n++;
				break;
			}
	return n;
}

size_t
diags_pending(struct diags *d)
{
	if (d->nmsgs > 1)
		qsort(d->msgs, d->nmsgs, sizeof(*d->msgs), cmp);
	return d->nmsgs;
}

const char *
diags_text(const struct diags *d, size_t i)
{
	return i < d->nmsgs ? d->msgs[i].line : NULL;
}

/* ---- messages printed at once ------------------------------------------ */

/* The names below are in parentheses, as diag.h has macros of the same
 * names that check each call. */

void(diag_print)(FILE *fp, const char *file, enum diag_id id, ...)
{
	va_list ap;
	va_start(ap, id);
	fprintf(fp, "%s: %s: ", file, level_name(table[id].level));
	vfprintf(fp, table[id].fmt, ap);
	va_end(ap);
	fputc('\n', fp);
	fflush(fp);
}

char *
diag_vline(char *buf, size_t n, const char *file, enum diag_id id, va_list ap)
{
	int k = snprintf(buf, n, "%s: %s: ", file, level_name(table[id].level));
	if (k >= 0 && (size_t)k < n)
		vsnprintf(buf + k, n - (size_t)k, table[id].fmt, ap);
	return buf;
}

char *(diag_string)(const char *file, enum diag_id id, ...)
{
	va_list ap;
	va_start(ap, id);
	char *text = vformat(table[id].fmt, ap);
	va_end(ap);
	const char *level = level_name(table[id].level);
	size_t n = strlen(file) + strlen(level) + strlen(text) + 5;
	char *s = xmalloc(n);
	snprintf(s, n, "%s: %s: %s", file, level, text);
	free(text);
	return s;
}

void
diag_vusage(const char *synopsis, enum diag_id id, va_list ap)
{
	fputs("clerk: ", stderr);
	vfprintf(stderr, table[id].fmt, ap);
	fputc('\n', stderr);
	if (synopsis != NULL)
		fprintf(stderr, "usage: %s\n", synopsis);
}

/* ---- the text of errno values ------------------------------------------ */

/* strerror_r is the XSI one (returning 0 or an error number) unless
 * _GNU_SOURCE makes glibc give the GNU one (returning the text, which may
 * be a static string rather than buf); _Generic picks the reader for the
 * one this build has. */
static const char *
xsi_text(int r, int e, char *buf, size_t n)
{
	if (r != 0)
		snprintf(buf, n, "error %d", e);
	return buf;
}

static const char *
gnu_text(const char *r, int e, char *buf, size_t n)
{
	(void)e;
	if (r != buf)
		snprintf(buf, n, "%s", r);
	return buf;
}

const char *
diag_errno(int e, char *buf, size_t n)
{
	if (n == 0)
		return "";
	return _Generic(strerror_r(e, buf, n),
	    int: xsi_text,
	    char *: gnu_text)(strerror_r(e, buf, n), e, buf, n);
}
