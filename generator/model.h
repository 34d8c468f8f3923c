/* model.h: one committee paper as clerk understands it, whatever it was
 * read from (Markdown with front matter, or clerk's Akoma Ntoso XML) and
 * whatever it becomes (PDF, XML). Everything lives in the paper's arena.
 * Back ends switch over enum node_type without a default, so adding a type
 * breaks the build until each handles it (-Wswitch-enum). */
#ifndef CLERK_MODEL_H
#define CLERK_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "template.h"
#include "text.h"

struct arena;
struct extpdf;
struct image_info;
struct source;

enum purpose {
	PURPOSE_NONE,        /* not given */
	PURPOSE_DECISION,    /* "For Decision" */
	PURPOSE_INFORMATION, /* "For Information" */
	PURPOSE_DISCUSSION,  /* "For Discussion" */
};

/* One committee the paper goes to (a row of the front sheet). */
struct committee {
	const char *name;     /* "Safer City Partnership" */
	struct date date;     /* the meeting */
	enum purpose purpose; /* this committee's, or the paper's */
	struct pos pos;       /* where it is given */
};

struct contact {
	const char *name, *title, *phone, *mobile, *email; /* NULL if absent */
};

/* clerk's limit on the size of one included PDF file. */
#define CLERK_MAX_PDF_SIZE (128u * 1024u * 1024u)

struct appendix {
	const char *title;   /* "Appendix 1 – <title>"; NULL when withheld */
	const char *file;    /* as written, or NULL: listed only */
	const char *path;    /* file resolved against the paper's folder */
	struct pos file_pos; /* where file is given */
	bool is_pdf;         /* file names a PDF (".pdf"): an external
			       appendix, its pages included as they are */
	const struct extpdf *pdf; /* that file as read (paper.c), or NULL
			       when it could not be */
	char sha256[65];          /* of that file, in hex; "" when none */
	bool public;              /* false: goes to Part 2 in a pack */
	int exempt[7];            /* its Schedule 12A paragraphs, ascending (a
			       non-public appendix of a public paper) */
	size_t nexempt;
	struct pos pos;
	struct paper *doc; /* the file read (paper.c): one section (def
			       NULL) holding its blocks, its own footnotes;
			       NULL when there is no file or it could not be
			       read */
	bool withheld;     /* non-public and left out of the public
			       edition it was read from (clerk's XML):
			       title, file and doc unknown */
};

/* A template-declared key's value (for the front sheet). */
struct extra {
	const struct tpl_key *key;
	const char *value; /* as text; dates as YYYY-MM-DD; lists joined
				with "; " */
	struct pos pos;
};

struct meta {
	enum paper_kind kind;
	const char *template_id;      /* as given, or NULL: chosen by date */
	struct committee *committees; /* at least one in a valid paper */
	size_t ncommittees;
	const char *subject;    /* the title */
	const char **report_of; /* chief officer(s) */
	size_t nreport_of;
	const char *report_author; /* or NULL */
	bool public;               /* default true */
	struct pos public_pos;     /* where "public" is given (line 0:
					not given) */
	int exempt[7];             /* Schedule 12A paragraphs, ascending */
	size_t nexempt;
	const char *reference; /* or NULL */
	bool has_contact;
	struct contact contact;
	struct appendix *appendices;
	size_t nappendices;
	const char **background_papers;
	size_t nbackground_papers;
	struct extra *extras; /* template-declared keys given */
	size_t nextras;
	/* Minutes (committees[0] holds the committee and date) */
	const char *time; /* "11.00 am" */
	const char *venue;
	const char **present;
	size_t npresent;
	const char **officers;
	size_t nofficers;
	const char **in_attendance;
	size_t nin_attendance;
};

/* Every output of a paper is an edition of it (PRODUCT.md, Editions).
 * The public edition holds nothing non-public: a public paper's
 * non-public appendices are listed without their titles and left out,
 * and a non-public paper has none. The full edition holds everything,
 * and each of its pages with non-public matter carries the template's
 * exempt notice in its running header. */
enum edition {
	EDITION_PUBLIC,
	EDITION_FULL,
};

/* Whether the full edition of p holds non-public matter (p is
 * non-public, or has a non-public appendix, listed or with a file): when
 * not, its two editions are one document. */
bool paper_has_nonpublic(const struct paper *p);

/* Whether p has edition e; when not, records why in d and returns
 * false. A non-public paper has no public edition (D_EDITION_NONPUBLIC),
 * nor has the XML of a full edition (D_EDITION_FULL_XML); the XML of a
 * public edition that left appendices out has no full edition
 * (D_EDITION_PUBLIC_XML). */
bool paper_edition_ok(const struct paper *p, enum edition e, struct diags *d);

/* "Appendix 2 – non-public: exempt under paragraph 3 of Part 1 of
 * Schedule 12A" ("paragraphs 3 and 5"): how the public edition lists
 * appendix i of p (non-public), in arena a. */
const char *appendix_listing(struct arena *a, const struct paper *p, size_t i);

/* Whether appendix ap is carried by the documents clerk makes of it: a
 * Markdown file read (doc) or a PDF file read (pdf). One listed only, or
 * whose file could not be read, is not. */
bool appendix_has_file(const struct appendix *ap);

/* The paragraphs of Schedule 12A that exempt appendix ap of p: its
 * entry's, or else the paper's; *n of them, ascending. */
const int *appendix_exempt(const struct paper *p, const struct appendix *ap,
    size_t *n);

enum node_type {
	/* blocks */
	N_PARAGRAPH,  /* children: inlines */
	N_SUBHEADING, /* a heading inside a section; children: inlines */
	N_LIST,       /* children: N_ITEM */
	N_ITEM,       /* children: blocks */
	N_BLOCKQUOTE, /* children: blocks */
	N_CODE_BLOCK, /* text: the code */
	N_THEMATIC_BREAK,
	N_TABLE,        /* children: N_TABLE_ROW, the header row first */
	N_TABLE_ROW,    /* children: N_TABLE_CELL */
	N_TABLE_CELL,   /* children: inlines */
	N_FOOTNOTE_DEF, /* children: blocks; in paper.footnotes */
	/* inlines */
	N_TEXT, /* text */
	N_SOFTBREAK,
	N_LINEBREAK,
	N_CODE, /* text: a code span */
	N_EMPH,
	N_STRONG,
	N_STRIKETHROUGH,
	N_LINK,         /* u.link.url; children: the link text */
	N_IMAGE,        /* u.link.url, u.link.path; children: alt text */
	N_XREF,         /* u.xref; children: optional link text */
	N_FOOTNOTE_REF, /* u.footnote.number */
};

struct node {
	enum node_type type;
	struct node *parent;
	struct node *first, *last; /* children */
	struct node *next, *prev;  /* siblings */
	struct pos pos;            /* where it starts in the source */
	const char *text;          /* N_TEXT, N_CODE, N_CODE_BLOCK */
	union {
		struct {
			bool ordered;
			int start; /* first number of an ordered list */
			bool tight;
			char delim; /* '.' or ')' */
		} list;
		struct {
			bool task; /* a task-list item */
			bool checked;
		} item;
		struct {
			int level; /* N_SUBHEADING: 1 under a section,
					     2 below that ... */
		} heading;
		struct {
			const char *info; /* N_CODE_BLOCK: fence info */
			bool indented;    /* N_CODE_BLOCK: made by indenting
					     lines, not by a fence */
		} code;
		struct {
			const char *url; /* as written */
			const char *title;
			const char *path; /* N_IMAGE: resolved file */
			const struct image_info *image; /* N_IMAGE: what
					     the file holds (assets.c);
					     set with path */
		} link;
		struct {
			const char *label;         /* "costs" */
			const struct node *target; /* the labelled paragraph */
		} xref;
		struct {
			int columns;
			const char *align; /* per column: 'l','c','r' or ' ' */
		} table;
		struct {
			bool header; /* the table's header row */
		} row;
		struct {
			int number; /* 1-based, order of first use */
		} footnote;
	} u;
	/* Numbered paragraphs (N_PARAGRAPH at the top of a numbered section,
	 * or the blocks of an item of a typed numbered list) */
	const char *number; /* "4", "2.3"; NULL if not numbered */
	const char *label;  /* {#label}, or NULL */
	struct pos label_pos;
};

/* A section of the paper (or, in minutes, an item). */
struct section {
	const struct tpl_section *def; /* the template's section; NULL for an
					  item of minutes */
	const char *heading;           /* as the author wrote it */
	struct pos pos;                /* of the heading */
	const char *number;            /* NUMBERING_DECIMAL: "2"; minutes: item
				  number; else NULL */
	struct node *first, *last;     /* blocks, in order */
	struct section *next;
};

struct paper {
	struct arena *arena; /* owns everything below */
	const char *path;    /* as named by the user */
	const char *dir;     /* its folder ("." when none) */
	struct source *src;
	struct meta meta;
	const struct template *tpl; /* NULL when none could be chosen */
	bool tpl_guessed;           /* the front matter did not say which
				       (no date): paper.c takes the template
				       the headings fit best */
	bool front_unread;          /* the front matter could not be read
				       (missing, not closed, not YAML, not
				       a mapping): the body is not checked
				       against any template */
	struct section *sections;   /* in order */
	size_t nsections;
	char digest[33];        /* of the source text and the appendix
				       files' (hex; paper.c), or as carried
				       by clerk's XML: the full edition's
				       PDF /ID comes from it, so a paper
				       rebuilt from its XML gives the same
				       bytes */
	char digest_public[33]; /* the same without the non-public
				       appendices' files: the public
				       edition's (equal to digest when it
				       has none) */
	struct node *footnotes; /* first N_FOOTNOTE_DEF (linked by next) */
	size_t nfootnotes;
	bool full_xml;          /* read from clerk's XML of a full
				       edition, which holds non-public
				       matter: it gives the full edition
				       only */
	struct pos edition_pos; /* where that XML names its edition */
};

/* Tree helpers. */
struct node *node_new(struct arena *a, enum node_type t, struct pos p);
void node_append(struct node *parent, struct node *child);
void node_remove(struct node *n);
void node_insert_after(struct node *where, struct node *n);

/* The node after n in a pre-order walk of root's subtree (n itself is in
 * the subtree), or NULL at its end: for (n = root; n; n = node_walk_next(n,
 * root)). No recursion, so no limit on depth. */
struct node *node_walk_next(struct node *n, const struct node *root);

/* Joins each run of adjacent N_TEXT children of parent into one node (in
 * a), as both readers leave their text: the model holds no two texts side
 * by side. */
void node_merge_texts(struct arena *a, struct node *parent);

/* The plain text of a node's inline content (for headings, titles). */
char *node_text(struct arena *a, const struct node *n);

/* The title that marks an image as decorative, ![](rule.png "decorative"):
 * it needs no description, and a tagged PDF leaves it out of the text
 * (an artifact). */
#define IMAGE_DECORATIVE "decorative"

/* Is the image node img marked decorative (its title IMAGE_DECORATIVE,
 * any case, spaces around it ignored)? */
bool image_decorative(const struct node *img);

const char *node_type_name(enum node_type t);
const char *purpose_name(enum purpose p);  /* "decision" */
const char *purpose_label(enum purpose p); /* "For Decision" */

/* The paper's purpose for the front sheet: decision when any committee's is
 * decision, else the first committee's. */
enum purpose paper_purpose(const struct paper *p);

#endif
