/* structure.h: the body's blocks made into the template's sections and
 * checked against it: section names, required sections, order, repeats,
 * sub-headings; paragraph numbering; cross-references. */
#ifndef CLERK_STRUCTURE_H
#define CLERK_STRUCTURE_H

#include "diag.h"

struct paper;
struct node;

/* Builds p->sections from blocks (from markdown_parse) following p->tpl
 * (a report's sections, or the items of minutes), numbers paragraphs,
 * resolves every N_XREF to its labelled paragraph. Every problem is
 * recorded in d. With p->tpl NULL, only cross-references are resolved. */
void structure_build(struct paper *p, struct diags *d, struct node *blocks);

/* Finishes reading an appendix file ap of paper p: its cross-references
 * are resolved against the labels of p (an appendix's own paragraphs are
 * not numbered, so a label in it is an error), its images checked against
 * its own folder. ap holds one section (def NULL) with the blocks. */
void structure_appendix(struct paper *p, struct paper *ap, struct diags *d);

/* For a paper whose sections are already made (read from clerk's XML):
 * every cross-reference of p and of its appendix documents resolved to the
 * labelled paragraph of p, labels checked (unique; on numbered paragraphs),
 * as structure_build and structure_appendix do. */
void structure_resolve(struct paper *p, struct diags *d);

#endif
