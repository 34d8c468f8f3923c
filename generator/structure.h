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

#endif
