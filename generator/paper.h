/* paper.h: the whole reading of one paper: the file into the model, checked
 * against its template. source -> yaml -> frontmatter -> markdown ->
 * structure (-> assets). */
#ifndef CLERK_PAPER_H
#define CLERK_PAPER_H

#include "diag.h"
#include "model.h"

struct template_set;

/* Reads the paper at path. Returns the paper (its own arena; free with
 * paper_free) with every problem recorded in d, or NULL when the file could
 * not be read at all: a system error (errno set, nothing recorded) or a file
 * that is not text (recorded in d). *system_error tells which. The paper is
 * usable for output only when d gained no error. */
struct paper *paper_read(const char *path, const struct template_set *set,
    struct diags *d, bool *system_error);

/* The same, with the template named on the command line (clerk build -t):
 * template_id stands for the front matter's "template" key, whether the
 * paper gives one or not, and is checked as that key is (kind, existence);
 * its messages point at the whole file. NULL: as paper_read. */
struct paper *paper_read_as(const char *path, const struct template_set *set,
    const char *template_id, struct diags *d, bool *system_error);

void paper_free(struct paper *p);

struct appendix;

/* Reads and checks the PDF file of appendix ap of p (ap->path, resolved)
 * into ap->pdf and ap->sha256, recording what is wrong with it at
 * ap->file_pos, where the paper names it; a file read gives the warning
 * that the document will claim neither PDF/A nor PDF/UA. */
void paper_read_pdf(struct paper *p, struct appendix *ap, struct diags *d);

#endif
