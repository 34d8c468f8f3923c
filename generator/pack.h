/* pack.h: a committee pack planned from an agenda read without errors
 * (agenda.h): the lines of the agenda in order, with the documents each
 * carries, the parts clerk generates, and which pack holds what. The plan
 * is only read once made: the pack stage (pack_layout.h) keeps each pack
 * kind's pages, and the XML (akn_pack.c) writes from the plan itself. No
 * output library is used here.
 *
 * THE RULES.
 * - The lines are the agenda's items and sub-items in order, Part 1 then
 *   Part 2, numbered 1, 2, 3 ... and 4a, 4b ... by clerk.
 * - A report item carries its paper. A non-public appendix (with a file)
 *   of a paper in Part 1 is taken out of that paper and carried by an item
 *   clerk adds to Part 2, after the last Part 2 item with a paper (items
 *   after it are numbered on): "<paper's subject> – Non-Public Appendix
 *   <N>", noted "To be read in conjunction with Item <n>."; the Part 1
 *   item is noted "NB – To be read in conjunction with the non-public
 *   appendix at Item <m>." Its exempt paragraphs are its entry's
 *   (exempt_paragraphs, which a public paper must give: reading the
 *   paper reports it missing), else the paper's. A Part 1 paper is laid
 *   out as its public edition: its non-public appendices, listed or with
 *   a file, are listed without their titles and left out.
 * - A minutes item without a description of its own gets clerk's, from
 *   the minutes' own committee and date: "To agree the public minutes of
 *   the meeting held on 16 January 2024." ("non-public minutes" for
 *   non-public ones; "To note the public minutes of the meeting of the
 *   <committee> held on ..." for another committee's).
 * - Part 2 opens with the motion to exclude the public under section
 *   100A(4) of the Local Government Act 1972: the "Exclusion of the
 *   Public" item's own description when it has one, else clerk's text
 *   (PACK_MOTION); an agenda with Part 2 items and no such item gets the
 *   motion unnumbered under the Part 2 heading. The motion is followed by
 *   the table of each Part 2 line with a document and its paragraphs of
 *   Schedule 12A, kept whole on one page when it fits in one, and its
 *   header repeated atop each page it runs on to when not.
 * - The public pack holds every line, but the documents of Part 1 only: a
 *   Part 2 line is listed by its title, "Non-public" and its paragraphs.
 *   The full pack holds every document. Part 1 lines come before Part 2
 *   lines, so each document has the same pages in both packs. */
#ifndef CLERK_PACK_H
#define CLERK_PACK_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"

struct agenda;
struct agenda_item;

/* clerk's words of the motion, when the agenda gives none; "Part 1 of
 * Schedule 12A" as each Part 2 line says it. */
#define PACK_MOTION \
	"MOTION \xe2\x80\x93 That under Section 100A(4) of the " \
	"Local Government Act 1972, the public be excluded from the meeting " \
	"for the following items on the grounds that they involve the " \
	"likely disclosure of exempt information as defined in Part 1 of " \
	"Schedule 12A to the Local Government Act 1972."

/* clerk's limit on the pages of one pack (the PDF library holds at most
 * 32,767 pages in a document; the agenda's are below the rest). */
#define CLERK_MAX_PACK_PAGES 30000

enum pack_kind {
	PACK_PUBLIC, /* <stem>-public: Part 1 documents only */
	PACK_FULL,   /* <stem>-full: everything */
};

/* One line of the agenda. Strings live in the agenda's arena. */
struct pack_entry {
	const char *number; /* "4", "3a" */
	int level;          /* 0: an item; 1: a sub-item */
	int part;           /* 1 or 2 */
	const char *title;  /* as written (the paper's subject when the
				      link has no text) */
	const struct node *description; /* the agenda's blocks, or NULL */
	const char *lead; /* clerk's words when the agenda gives the
				      item no description, or NULL: for
				      minutes, "To agree the public minutes
				      of the meeting held on 16 January
				      2024." */
	const char *note; /* clerk's line under the description, or
				      NULL: "To be read in conjunction with
				      Item 4." or "NB – To be read ..." */
	const struct agenda_item *item; /* as read; NULL when clerk added it */
	/* The document it carries: paper, or only its appendix appendix
	 * (>= 0). paper NULL: a standing or verbal item. */
	const struct paper *paper;
	int appendix;         /* -1: the paper; k: its appendix k */
	bool omit_nonpublic;  /* a Part 1 paper with non-public
				      appendices: its public edition (those
				      with a file are carried in Part 2) */
	enum purpose purpose; /* of the paper for this committee, or
				      PURPOSE_NONE */
	int exempt[7];        /* Schedule 12A paragraphs of a Part 2
				      document, ascending */
	size_t nexempt;
	bool exclusion; /* the motion's item */
};

struct pack {
	const struct agenda *agenda;
	struct pack_entry *entries; /* Part 1 lines, then Part 2 lines */
	size_t nentries;
	size_t part2;           /* index of the first Part 2 line
				      (nentries: none) */
	bool motion_unnumbered; /* Part 2 has lines but no exclusion item:
				      the motion stands under its heading */
};

/* Plans the pack of agenda a (read without errors). Problems are
 * recorded in d; returns false when d received an error. Allocates in a's
 * arena. */
bool pack_plan(const struct agenda *a, struct pack *pk, struct diags *d);

/* Whether pack k holds e's document (e has one, and k is full or e is in
 * Part 1). */
bool pack_holds(const struct pack_entry *e, enum pack_kind k);

/* "3" or "3, 7" for e's paragraphs, in the arena; "" when none. */
const char *pack_paragraphs(struct arena *a, const struct pack_entry *e);

/* "-public" or "-full". */
const char *pack_suffix(enum pack_kind k);

struct template_set;

/* The template whose page and fonts set agenda a's front sheet and
 * agenda: the report template in force on its date, else the nearest,
 * else the newest; NULL when set has no report template. */
const struct template *pack_template(const struct agenda *a,
    const struct template_set *set);

#endif
