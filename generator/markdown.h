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

/* clerk's limit on the columns of a table: a row of more cells (a header,
 * its delimiter row or a body row) is an error. Also what keeps cmark-gfm
 * 0.29.0.gfm.6, whose time per row grows with the square of its cells,
 * and which fills every row out to the header's width, in bounds. */
#define CLERK_MAX_TABLE_COLUMNS 64

/* clerk's limit on the '@' in one word (characters between spaces), and
 * on the ')' in one word holding a web address ("www." or "://"):
 * cmark-gfm's autolinker reads a word again for each of them. */
#define CLERK_MAX_WORD_MARKS 32

/* clerk's limit on the quotation marks and images of paragraphs:
 * cmark-gfm's time for a paragraph (a heading, a table row) grows with
 * the square of its quotation marks (' and ", when it makes them curly),
 * and with its images ("![") times its brackets ('['). Each, added up
 * over the paper's paragraphs, may be at most CLERK_MAX_MARKS squared:
 * one paragraph of that many quotation marks, or a hundred of a tenth as
 * many. Past it, quotation marks are left straight (a warning); images
 * are an error. */
#define CLERK_MAX_MARKS 16000

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
