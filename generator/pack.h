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
 *   lines, so each document has the same pages in both packs.
 *
 * LATE ITEMS AND WHAT IS BUILT (enum pack_mode).
 * - The main packs (PACK_MAIN) were published before a late item's paper
 *   existed: a line of an item marked (TO FOLLOW) carries no document,
 *   purpose or paragraphs, whether its paper exists by now or not, and is
 *   printed with "(TO FOLLOW)" after its title; so the main packs are the
 *   same bytes before and after the paper is written. Its paper's
 *   non-public appendices are not routed. The lines are numbered so.
 * - The supplement (PACK_SUPPLEMENT) holds the lines of the items marked
 *   (TO FOLLOW) that link a paper, with the main plan's numbers, in order
 *   (a late sub-item under a line of its item's title alone, when that
 *   item is not late itself): each carries its paper as the main plan
 *   carries any other (a Part 2 one in the full supplement only), or,
 *   when the paper still does not exist, is printed "(TO FOLLOW)" (a
 *   warning at its item). A non-public appendix with a file of a late
 *   Part 1 paper is carried by a line added to Part 2, numbered on after
 *   the main agenda's last item. No motion: the main agenda's stands.
 *   An agenda without such an item, or whose late papers are all still
 *   missing, is an error: there is nothing to supplement.
 * - The agenda alone (PACK_AGENDA) has the main plan's lines and one
 *   kind, public: every paper read is listed from (title, purpose,
 *   paragraphs, minutes' lead, routed appendices), and no document is
 *   held. */
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

/* What is built from the agenda (THE RULES above). */
enum pack_mode {
	PACK_MAIN,       /* <stem>-public, <stem>-full */
	PACK_SUPPLEMENT, /* <stem>-supplement-public, -supplement-full */
	PACK_AGENDA,     /* <stem>-agenda: the front sheet and agenda, public */
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
	bool to_follow; /* "(TO FOLLOW)" after its title: a late item
				      this pack carries no document of */
	bool listed;    /* its paper is read for what the agenda says
				      of it, its document held by no pack
				      (PACK_AGENDA) */
};

struct pack {
	const struct agenda *agenda;
	enum pack_mode mode;
	struct pack_entry *entries; /* Part 1 lines, then Part 2 lines */
	size_t nentries;
	size_t part2;           /* index of the first Part 2 line
				      (nentries: none) */
	bool motion_unnumbered; /* Part 2 has lines but no exclusion item:
				      the motion stands under its heading */
};

/* Plans the main packs of agenda a (read without errors). Problems are
 * recorded in d; returns false when d received an error. Allocates in a's
 * arena. */
bool pack_plan(const struct agenda *a, struct pack *pk, struct diags *d);

/* The same, for what mode builds. */
bool pack_plan_mode(const struct agenda *a, enum pack_mode mode,
    struct pack *pk, struct diags *d);

/* Whether pack k holds e's document (e has one that is not only listed,
 * and k is full or e is in Part 1). */
bool pack_holds(const struct pack_entry *e, enum pack_kind k);

/* The kinds pk is built in: 2 (public and full), or 1 (public) for the
 * agenda alone. */
int pack_kinds(const struct pack *pk);

/* "3" or "3, 7" for e's paragraphs, in the arena; "" when none. */
const char *pack_paragraphs(struct arena *a, const struct pack_entry *e);

/* "-public" or "-full". */
const char *pack_suffix(enum pack_kind k);

/* What follows the agenda's stem in the name of kind k of pk:
 * pack_suffix(k), "-supplement-public", "-supplement-full", or
 * "-agenda". */
const char *pack_name(const struct pack *pk, enum pack_kind k);

struct template_set;

/* The template whose page and fonts set agenda a's front sheet and
 * agenda: the report template in force on its date, else the nearest,
 * else the newest; NULL when set has no report template. */
const struct template *pack_template(const struct agenda *a,
    const struct template_set *set);

#endif
