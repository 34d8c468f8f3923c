/* inputs.h: the files an output is made from, found in what was read: a
 * paper (its file, its appendices' files, Markdown and PDF, and every
 * image of the paper and of its Markdown appendices), the template it was
 * laid out with and that template's font files; a pack's agenda and each
 * of its papers. clerk build -u records them (update.h), --deps writes
 * them for make (inputs_write_rule) and clerk watch watches them. No
 * library is used. */
#ifndef CLERK_INPUTS_H
#define CLERK_INPUTS_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

struct agenda;
struct paper;
struct template;

/* The inputs of one output. Starts zeroed; paths are copied (heap). */
struct inputs {
	char **files; /* the paper's own files, each once, in the order
			 met: the paper first; paths as clerk opened
			 them (relative to the current folder, or as
			 given) */
	bool *absent; /* for each file: it was looked for and did not
			 exist (a late paper still to follow) */
	size_t nfiles, cap;
	const struct template **tpls; /* the templates used, each once */
	size_t ntpls;
};

/* Adds the file at path (not yet held) to in; absent: it does not exist. */
void inputs_add(struct inputs *in, const char *path, bool absent);

/* Adds t (not yet held) to in's templates. */
void inputs_add_template(struct inputs *in, const struct template *t);

/* Adds what edition e of paper p is made from: p->path, each appendix's
 * file and what a Markdown appendix holds, every image resolved, and p's
 * template. The public edition is not made from a non-public appendix
 * (left out), nor from more of a non-public paper than its file (a public
 * pack lists it from its front matter): their files are not added, so
 * that neither the rule nor the record beside a public output names them
 * or carries their digests, and a change to them rebuilds only full
 * editions. p may have errors: what could be resolved is added (an image
 * not found is not). */
void inputs_of_paper(struct inputs *in, const struct paper *p, enum edition e);

/* Adds what agenda a's pack of edition e is made from: a's file, each
 * linked paper's inputs for e (a paper linked and missing as absent),
 * and the template t the agenda is laid out with (NULL: none). */
void inputs_of_agenda(struct inputs *in, const struct agenda *a,
    const struct template *t, enum edition e);

/* Every path of in, files present then each template's file and its
 * fonts (each once), calling fn for each. */
void inputs_each(const struct inputs *in,
    void (*fn)(void *ctx, const char *path), void *ctx);

/* A make rule in the form GCC's -MD -MP writes: "target: prerequisites"
 * (lines continued by " \"), then an empty rule for each prerequisite, so
 * that make does not stop when one is deleted. Absent files are left out.
 * Spaces, '#' and '$' in paths are escaped as make reads them. Returns
 * the text (heap, NUL-terminated) and its length in *len. */
char *inputs_make_rule(const struct inputs *in, const char *target,
    size_t *len);

/* OUTPUT.d, where --deps writes the rule of the output at out (heap). */
char *inputs_rule_path(const char *out);

/* Whether the rule of the output at out is there. */
bool inputs_rule_exists(const char *out);

/* Writes the rule of out, made from in, to inputs_rule_path(out), whole
 * or not at all (output.h). Returns false with errno set. */
bool inputs_write_rule(const struct inputs *in, const char *out);

void inputs_free(struct inputs *in);

#endif
