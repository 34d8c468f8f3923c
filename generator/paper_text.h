/* paper_text.h: the words clerk prints about a paper, whatever the format
 * (the PDF's layout, the HTML pages): paragraph numbers and list markers
 * as the template says, the front sheet's and the contact block's
 * placeholders filled in, the heading lines of minutes, the appendices as
 * listed in either edition. Every string lives in the arena given; no
 * output library is used. */
#ifndef CLERK_PAPER_TEXT_H
#define CLERK_PAPER_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

struct arena;

/* "4." for a paragraph numbered 4; "2.3" as it is. */
const char *paper_number_label(struct arena *a, const char *num);

/* The marker of item (numbered num, from the list's start) of list at
 * depth (0: a list in the text; 1: a list in its items ...), as template
 * t prints it: a ticked or empty box for a task; the bullet of the depth
 * (t's bullets, "•" by default); "4.", "b)", "iv)" or "B)" as t's ordered
 * styles give for the depth ("1ai" by default). */
const char *paper_list_marker(struct arena *a, const struct template *t,
    const struct node *list, const struct node *item, int num, int depth);

/* "3", "3 and 7", "3, 5 and 7" for the n paragraphs x. */
const char *paper_exempt_list(struct arena *a, const int *x, size_t n);

/* What the placeholders of a paper's template texts are filled from
 * (template_expand with paper_lookup or paper_contact_lookup). */
struct paper_fill {
	struct arena *a;
	const struct paper *p;
	const struct committee *c; /* a front-sheet row's committee, or
				      NULL: the first */
	size_t page, pages;        /* running header and footer; else 0 */
	const int *exempt;         /* {exempt_paragraphs} */
	size_t nexempt;
};

/* A placeholder of the front sheet, the exempt notice or the running
 * header and footer (ctx: a struct paper_fill): its value, quotes made
 * typographic as in the body, or NULL. */
const char *paper_lookup(void *ctx, const char *name);

/* A placeholder of the contact block (ctx: a struct paper_fill). */
const char *paper_contact_lookup(void *ctx, const char *name);

/* The template's exempt notice of p with the n paragraphs x, or NULL
 * when the template has none. */
const char *paper_exempt_notice(struct arena *a, const struct paper *p,
    const int *x, size_t n);

/* Minutes: "Tuesday, 16 January 2024" (the meeting's day), and
 * "Minutes of the meeting of the <committee> held at <venue> on <day> at
 * <time>." NULL when the minutes name no committee. */
const char *paper_minutes_day(struct arena *a, const struct paper *p);
const char *paper_minutes_line(struct arena *a, const struct paper *p);

/* Appendix i of p as the list under "Appendices" shows it in edition e:
 * "Appendix 1 – Site plans"; a non-public one in the public edition
 * without its title, "Appendix 2 – non-public: exempt under paragraph 3
 * of Part 1 of Schedule 12A" (appendix_listing), or, in a pack's Part 1
 * paper (routed) when it has a file, "Appendix 2 – non-public, in Part 2
 * of the agenda". */
const char *paper_appendix_line(struct arena *a, const struct paper *p,
    size_t i, enum edition e, bool routed);

/* The first block of section s of appendix i's document that is
 * printed: a first sub-heading of the document that repeats the
 * appendix's title (the heading above already says it) is left out. */
const struct node *paper_appendix_first(struct arena *a, const struct paper *p,
    size_t i, const struct section *s);

/* The text of a cross-reference without link text: its target's number
 * as written ("4", "2.3"), or "?" when it has none. */
const char *paper_xref_text(const struct node *xref);

#endif
