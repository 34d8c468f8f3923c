/* frontmatter.h: the front matter of a paper or minutes (a YAML tree) read
 * into the model's meta, validated exactly as clerk-paper(5) says, and the
 * paper's template chosen. */
#ifndef CLERK_FRONTMATTER_H
#define CLERK_FRONTMATTER_H

#include <stdbool.h>

#include "diag.h"

struct paper;
struct ynode;
struct template_set;

/* clerk's limit on the appendices of a paper: each is a document read,
 * typeset from a new page and written into the XML; an entry past it is
 * an error, and is not read. */
#define CLERK_MAX_APPENDICES 100

/* Fills p->meta from root (NULL when the front matter was empty or could
 * not be parsed) and sets p->tpl: the template named by "template:", else
 * the one in force on the first meeting date (a warning when only the
 * nearest could be taken), else the newest of the paper's kind so that the
 * body can still be checked. Every problem is recorded in d at its
 * position; missing keys point at the closing '---' line. Returns false
 * when there was an error. p->src, p->path and p->dir must be set. */
bool frontmatter_read(struct paper *p, struct diags *d,
    const struct ynode *root, const struct template_set *set);

#endif
