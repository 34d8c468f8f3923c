/* fixture.h: what the unit tests of the reading stages share: the real
 * templates (from $CLERK_TEMPLATES), a diagnostics collection, and a paper
 * built from text. Each test file includes it once and declares
 * TestSuite(name, .init = fixture_setup, .fini = fixture_teardown). */
#ifndef CLERK_TEST_FIXTURE_H
#define CLERK_TEST_FIXTURE_H

#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "model.h"
#include "source.h"
#include "template.h"

static struct template_set set;  /* the templates of the repository */
static struct diags *d;          /* what the code under test reports */
static struct paper paper;       /* the paper of the test */
static struct source src;        /* its text */
static FILE *devnull;

static void
fixture_setup(void)
{
	d = diags_new();
	devnull = fopen("/dev/null", "w");
	const char *dir = getenv("CLERK_TEMPLATES");
	cr_assert(dir != NULL, "CLERK_TEMPLATES is not set");
	cr_assert(templates_load(dir, d, &set), "cannot read %s", dir);
	cr_assert_eq(diags_pending(d), 0, "the templates have errors: %s",
	    diags_text(d, 0));
}

static void
fixture_teardown(void)
{
	arena_free(paper.arena);
	templates_free(&set);
	diags_free(d);
	fclose(devnull);
}

/* The messages recorded in d, one "line:col: level: message" a line, into
 * out (size bytes; the test fails rather than overflow it); d is emptied.
 * Returns out. */
static inline char *
fixture_messages(char *out, size_t size)
{
	size_t n = 0;
	out[0] = '\0';
	for (size_t i = 0; i < diags_pending(d); i++) {
		const char *t = diags_text(d, i);
		size_t l = strlen(t);
		cr_assert_lt(n + l + 2, size, "messages overflow the buffer");
		memcpy(out + n, t, l);
		n += l;
		out[n++] = '\n';
		out[n] = '\0';
	}
	diags_flush(d, devnull);
	return out;
}

/* The whole file at path (heap, NUL-terminated; the caller frees), *len
 * bytes of it when len is not NULL. The test fails when it cannot be
 * read. */
static inline char *
fixture_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	cr_assert(f != NULL, "cannot open %s: %s", path, strerror(errno));
	char *buf = NULL;
	size_t n = 0;
	FILE *m = open_memstream(&buf, &n);
	cr_assert(m != NULL);
	char chunk[65536];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		fwrite(chunk, 1, got, m);
	fclose(f);
	fclose(m);
	if (len != NULL)
		*len = n;
	return buf;
}

#endif
