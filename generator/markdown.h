/* markdown.h: the Markdown body (CommonMark with the GitHub extensions)
 * read into model nodes. Only markdown.c includes cmark-gfm. */
#ifndef CLERK_MARKDOWN_H
#define CLERK_MARKDOWN_H

#include "diag.h"

struct paper;
struct node;
struct source;

/* clerk's limit on the nesting of blocks (lists, quotes) in a paper. */
#define CLERK_MAX_NESTING 32

/* Parses the body of src (from src->body_off) into a detached list of
 * top-level blocks (linked by next), which is returned. Headings come out
 * as N_SUBHEADING with u.heading.level set to their Markdown level (1-6);
 * structure.c makes sections of them. Footnote definitions are appended to
 * p->footnotes. Along the way: a paragraph beginning "{#label}" gets
 * node.label (the marker is removed); a link whose URL is "#label" becomes
 * N_XREF (resolved later); raw HTML is dropped with D_RAW_HTML; an undefined
 * footnote is D_FOOTNOTE_UNDEFINED. (Whether a link has text and an address
 * is a paper's question, asked by structure.c: an agenda's "[](x.md)" is
 * meant.) Positions are those of the file.
 * Safe to call from several threads: parses take turns (cmark-gfm has
 * process-wide state), while the rest of a paper's work runs in parallel. */
struct node *markdown_parse(struct paper *p, struct diags *d,
    const struct source *src);

/* Frees what the Markdown library keeps for the whole process (its
 * extension registry); call once, at exit. */
void markdown_release(void);

#endif
