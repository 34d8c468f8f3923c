/* agenda.h: a committee meeting's agenda (the input of "clerk pack"): its
 * front matter and its items read into a model, each linked paper read and
 * checked with it, every problem of the agenda and of its papers reported
 * in one run.
 *
 * THE FORMAT. An agenda is Markdown with YAML front matter, as a paper is.
 *
 * Detection: a Markdown file is an agenda when its front matter holds
 * "kind: agenda" (or a "kind" closer to "agenda" than to "report" or
 * "minutes": a misspelling, reported as such), or holds no "kind" and any
 * of the keys "members", "enquiries", "signatory". When the YAML cannot be
 * parsed, the same keys are looked for at the start of its lines. Anything
 * else is a paper.
 *
 * Front matter (unknown keys are errors with a "did you mean"; a paper's
 * key is "not a key of an agenda"; duplicates, aliases and tags as for
 * papers):
 *     kind       "agenda"                        optional
 *     committee  text                            required
 *     date       YYYY-MM-DD, a real date         required
 *     time       text ("11.00 am")               required
 *     venue      text                            required
 *     members    list of text, roles in brackets required, not empty
 *                ("Deputy Chairman of X (Chairman)")
 *     enquiries  {name, phone, email}            optional
 *     signatory  {name, title}                   optional
 *     notes      list of text (or one text)      optional
 *
 * Body: headings name the parts, and nothing else: "Part 1 - Public
 * Agenda" and "Part 2 - Non-Public Agenda", at any level, matched loosely
 * ("part 2", "PART 2 – NON-PUBLIC AGENDA", "Part II": the word "part" and
 * the number decide). Items before any heading are in Part 1. Part 1, if
 * its heading is given, comes first, before any item; each heading once.
 * Under each part, ONE numbered list of items:
 *
 *     1. Apologies
 *     2. [Street Tree Planting Programme](street-tree-programme.md)
 *
 *        Report of the Executive Director Environment.
 *     3. Minutes
 *        1. [](minutes-2024-01-16.md)
 *        2. [Sub-committee minutes](sub-minutes.md)
 *
 * - Items are numbered by clerk in order, 1, 2, 3 ... across the whole
 *   agenda, parts included; a typed number that differs is a warning.
 * - An item's first paragraph is its title. A link in it to a .md file
 *   makes a report item: the paper is read (paper_read) and checked, its
 *   messages under its own path. The link text is the title on the
 *   agenda; empty text ("[](paper.md)") means the paper's subject. A link
 *   to anything else (.pdf, a web address) is an error, as are two papers
 *   in one title, a paper linked twice, and a path that is absolute, leads
 *   outside the agenda's folder or names no file.
 * - Further blocks of the item (indented under it) are its description.
 * - A numbered list inside an item holds its sub-items, lettered 4a, 4b
 *   ... whatever their typed numbers; a sub-item is like an item, except
 *   that a numbered list inside it is an error.
 * - Items without a paper are standing or verbal items.
 * - Late items: an item whose title (its first paragraph) ends with
 *   "(TO FOLLOW)" (any case) is to follow. The words are not part of its
 *   title. Its paper may not exist yet: a link to a missing file is then
 *   no error (but its title must be the link's text, or it has none: an
 *   error). A paper that does exist is read and checked as any other. A
 *   mark on an item that links no paper is a warning (nothing could be
 *   supplemented). Without the mark, a missing paper is an error; with
 *   missing_ok (clerk pack --agenda-only), no paper is required to exist.
 * - A non-public paper (public: false, minutes included) in Part 1 is an
 *   error; a public report in Part 2 is a warning (minutes are not
 *   warned about); a report none of whose committees is the agenda's
 *   committee on the agenda's date is a warning at its item, saying what
 *   differs (minutes, of an earlier meeting, are not compared); a part
 *   heading without items is a warning; an agenda
 *   without items is an error; text outside the items is an error.
 */
#ifndef CLERK_AGENDA_H
#define CLERK_AGENDA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "text.h"

struct arena;
struct node;
struct paper;
struct source;
struct template_set;
struct ynode;

/* One item or sub-item. Nodes and strings live in the agenda's arena; the
 * paper has an arena of its own (freed by agenda_free). */
struct agenda_item {
	const char *number;           /* "4", or "4a" for a sub-item */
	int part;                     /* 1 or 2 (a sub-item's is its item's) */
	const char *title;            /* plain text of the first paragraph as
				      written, trimmed; NULL when empty (as
				      in "[](paper.md)") or missing */
	struct node *title_para;      /* that paragraph (N_PARAGRAPH, its
				      inlines with the link), or NULL */
	struct node *description;     /* the further blocks, linked by next
				      (the sub-items' list taken out), or
				      NULL */
	const char *link;             /* the paper's link as written, or NULL
				      for a standing or verbal item */
	struct pos link_pos;          /* where the link is */
	const char *paper_path;       /* the link resolved against the
				      agenda's folder, or NULL when it
				      could not be */
	struct paper *paper;          /* the paper read, or NULL (no link, bad
				      link, unreadable, or already linked
				      from an earlier item) */
	bool to_read;                 /* its link names a paper to read (while
				      agenda_read runs) */
	bool exclusion;               /* the title reads "Exclusion of the
				      Public...": the motion before Part 2 */
	bool to_follow;               /* the title ended with "(TO FOLLOW)"
				      (taken off it): a late item */
	bool missing;                 /* its paper does not exist (yet): a
				      late item's, or any with missing_ok;
				      paper is NULL */
	struct agenda_item *subitems; /* in order; none in a sub-item */
	size_t nsubitems;
	struct pos pos; /* of the item's number */
};

struct agenda_enquiries {
	const char *name, *phone, *email; /* NULL if absent */
};

struct agenda_signatory {
	const char *name, *title; /* NULL if absent */
};

struct agenda {
	struct arena *arena; /* owns everything below but the papers */
	const char *path;    /* as named by the user */
	const char *dir;     /* its folder ("." when none): papers are
				      found from here, never outside it */
	struct source *src;
	const char *committee; /* NULL when missing or bad (an error) */
	struct date date;      /* valid when has_date */
	bool has_date;
	const char *time; /* "11.00 am" */
	const char *venue;
	const char **members; /* as written, roles in brackets */
	size_t nmembers;
	bool has_enquiries;
	struct agenda_enquiries enquiries;
	bool has_signatory;
	struct agenda_signatory signatory;
	const char **notes;
	size_t nnotes;
	struct agenda_item *items; /* top-level items, in order, both parts */
	size_t nitems;
	const char *part_heading[3]; /* [1], [2]: the heading as written, or
				        NULL when not given */
	struct pos part_pos[3];      /* where each heading is */
};

/* Is root (a front matter's YAML tree, or NULL) an agenda's, by the rule
 * above? */
bool agenda_front_is_agenda(const struct ynode *root);

/* Is the Markdown file at path an agenda, by the rule above? Reads only its
 * front matter and reports nothing (reading the file as what it is reports
 * its problems). false when it cannot be read or has no front matter. */
bool agenda_detect(const char *path);

/* Reads and checks the agenda at path and every paper it links (each with
 * paper_read and the templates of set). Every problem is recorded in d:
 * the agenda's first, then each paper's in agenda order, under the
 * paper's own path. Returns the agenda (free with agenda_free), or NULL
 * when the file could not be read at all: a system error (*system_error,
 * errno set, nothing recorded) or not text (recorded in d). The agenda is
 * usable for a pack only when d gained no error. */
struct agenda *agenda_read(const char *path, const struct template_set *set,
    struct diags *d, bool *system_error);

/* The same, reading the papers on up to njobs threads (the messages are
 * the same, in the same order); with missing_ok, a paper that does not
 * exist is no error for any item (the agenda published before its
 * papers). */
struct agenda *agenda_read_jobs(const char *path,
    const struct template_set *set, size_t njobs, bool missing_ok,
    struct diags *d, bool *system_error);

/* Frees the agenda and the papers it holds. NULL is allowed. */
void agenda_free(struct agenda *a);

/* The title to print for an item: its own, else its paper's subject, else
 * "Minutes" for minutes; NULL when there is none (an agenda with errors).
 * In agenda_item.c, which uses no library. */
const char *agenda_item_title(const struct agenda_item *it);

/* The agenda as indented text, one line per fact ("clerk check --dump"). */
void agenda_dump(FILE *fp, const struct agenda *a);

#endif
