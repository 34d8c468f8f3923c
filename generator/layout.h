/* layout.h: the layout engine's contract. The engine turns a checked paper
 * (model.h) into pages of positioned boxes, measuring text only through a
 * struct metrics; the PDF painter (pdf.c) draws those pages and nothing
 * else. Nothing here includes libharu, so the engine is tested with fixed
 * fake metrics (metrics_fixed) and a text dump of its pages. */
#ifndef CLERK_LAYOUT_H
#define CLERK_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "assets.h"
#include "diag.h"
#include "model.h"

struct arena;
struct extpdf;
struct paper;
struct node;

/* The fonts a layout uses. The painter maps them to the template's TTF
 * files (template.h: font, mono, fallback). */
enum font {
	FONT_REGULAR,
	FONT_BOLD,
	FONT_ITALIC,
	FONT_BOLD_ITALIC,
	FONT_MONO,
	FONT_MONO_BOLD,
	FONT_MONO_ITALIC,
	FONT_MONO_BOLD_ITALIC,
	FONT_FALLBACK, /* for characters the font above lacks */
	FONT_FALLBACK_BOLD,
	FONT__COUNT
};

/* Text measurement, supplied by the device. All values in thousandths of
 * an em (multiply by size / 1000 for points). */
struct metrics {
	void *ctx;
	/* The advance width of the n bytes of UTF-8 at s in font f, each of
	 * whose characters f has (has_glyph). No kerning. */
	double (*width)(void *ctx, enum font f, const char *s, size_t n);
	/* Has font f a glyph for code point cp? */
	bool (*has_glyph)(void *ctx, enum font f, uint32_t cp);
	double ascent[FONT__COUNT];  /* above the baseline, positive */
	double descent[FONT__COUNT]; /* below the baseline, negative */
};

/* Fake metrics for tests: every character 500 wide (a space 250, a
 * character of FONT_MONO* 600), ascent 800, descent -200; no font has a
 * character above U+FFFF; only the fallback fonts have U+2713 (✓) and
 * U+2190..U+21FF (arrows). Static; never NULL. */
const struct metrics *metrics_fixed(void);

/* The structure of a tagged PDF (ISO 32000-1, 14.8.4): what each piece of
 * a page is, in reading order, built by the engine from the model as it
 * lays it out, never guessed from positions. */
enum stag {
	TAG_DOCUMENT, /* the root of a paper's or a pack's tree */
	TAG_PART,     /* a pack's agenda or item (a paper's own root
			 becomes one when packs are joined) */
	TAG_SECT,
	TAG_H1, /* TAG_H1 + k - 1 is Hk; no level skipped */
	TAG_H2,
	TAG_H3,
	TAG_H4,
	TAG_H5,
	TAG_H6,
	TAG_P,
	TAG_L,     /* a list, numbered paragraphs too: numbering */
	TAG_LI,    /* Lbl, then LBody */
	TAG_LBL,   /* the number or bullet */
	TAG_LBODY, /* what it labels */
	TAG_TABLE,
	TAG_THEAD,
	TAG_TBODY,
	TAG_TR,
	TAG_TH, /* scope */
	TAG_TD,
	TAG_FIGURE, /* alt */
	TAG_CAPTION,
	TAG_NOTE, /* a footnote, after the text that refers to it */
	TAG_LINK, /* owns its text and its BOX_LINK rectangles */
	TAG_BLOCKQUOTE,
	TAG_CODE,
	TAG_TOC,  /* the agenda */
	TAG_TOCI, /* one line of it */
	TAG_SPAN,
	TAG_DIV, /* an included page: its content, untagged */
	TAG__COUNT
};

/* How a list's labels run (the /ListNumbering attribute of an L). */
enum list_numbering {
	NUM_NONE,
	NUM_DECIMAL,
	NUM_DISC,
	NUM_LOWER_ALPHA,
	NUM_UPPER_ALPHA,
	NUM_LOWER_ROMAN,
	NUM_UPPER_ROMAN,
};

/* How far a table header cell reaches (the /Scope attribute of a TH). */
enum scope { SCOPE_COLUMN, SCOPE_ROW, SCOPE_BOTH };

/* A structure element. Its kids are the elements whose parent it is and
 * the boxes it owns, in the order of their seq: reading order, whatever
 * order the boxes are drawn in. */
struct selem {
	enum stag type;
	int parent;       /* 1 + index in layout.tags; 0: the root */
	uint32_t seq;     /* its place among its parent's kids */
	const char *alt;  /* TAG_FIGURE: the alternate description (UTF-8,
			    never NULL nor empty); TAG_LINK: what the
			    link is for (its /Contents), or NULL */
	enum scope scope; /* TAG_TH */
	enum list_numbering numbering; /* TAG_L */
};

/* A structure element's name in PDF ("H1", "LBody"). */
const char *stag_name(enum stag t);

enum box_type {
	BOX_TEXT,  /* a run of text in one font, baseline at (x, y) */
	BOX_RULE,  /* a straight line from (x, y) to (x + w, y + h) */
	BOX_IMAGE, /* an image file drawn in the rectangle (x, y, w, h) */
	BOX_LINK,  /* a clickable rectangle (x, y, w, h) */
	BOX_PAGE,  /* the included page of its lpage (lpage.ext), drawn in
		      (x, y, w, h) under everything else on the page */
	BOX_BLANK, /* a white rectangle (x, y, w, h) hiding what is under
		      it: behind clerk's words on an included page */
};

/* Something on a page. Coordinates are points with the origin at the
 * bottom left of the page, as in PDF; (x, y) of a rectangle is its bottom
 * left corner. */
struct box {
	enum box_type type;
	double x, y, w, h;
	/* BOX_TEXT: w is the run's width; h is 0 */
	enum font font;
	double size;      /* font size, points */
	const char *text; /* UTF-8, not NUL-terminated */
	size_t len;
	/* BOX_RULE */
	double line_width; /* points */
	/* BOX_IMAGE */
	const char *path; /* the file (assets.c resolved it) */
	enum image_type image;
	const char *alt; /* the description, for the document */
	/* BOX_LINK: to uri, or when uri is NULL to page dest_page (0-based)
	 * at height dest_y */
	const char *uri;
	int dest_page;
	double dest_y;
	/* Tagging: the structure element that owns the box, 1 + index in
	 * layout.tags counted from the page's tag_base; 0: an artifact
	 * (page furniture: running header and footer, page numbers,
	 * stamps, rules and borders, a repeated table header, the blank
	 * page notice). A BOX_LINK's owner is its TAG_LINK. */
	int tag;
	uint32_t seq; /* its place among its owner's kids */
};

struct lpage {
	struct box *boxes; /* in drawing order */
	size_t nboxes;
	size_t cap;
	size_t nbody;       /* boxes before the running header, footer
				   and stamp (layout_number replaces those) */
	int dest_base;      /* BOX_LINK dest_page on this page counts
				   from this page of the document (a pack
				   puts layouts one after another) */
	const char *source; /* the file of the document it shows, for
				   messages; NULL: the layout's */
	const int *exempt;  /* non-NULL: the page holds non-public
				   matter (a full edition), exempt under
				   these paragraphs of Schedule 12A: its
				   running header carries the template's
				   exempt notice */
	size_t nexempt;
	int tag_base; /* a box's tag on this page counts from this
				   element of the document (as dest_base) */
	/* An included page (a PDF appendix): page ext_page of ext, whose
	 * size this page takes (width, height: as a reader shows it); its
	 * BOX_PAGE draws it. Otherwise ext is NULL, and width and height
	 * are 0: the layout's. */
	const struct extpdf *ext;
	size_t ext_page;
	double width, height;
};

/* A bookmark: a section, an appendix. */
struct outline_entry {
	int level;         /* 0: top level; 1: below the entry before */
	const char *title; /* UTF-8 */
	int page;          /* 0-based */
	double y;          /* top of the heading */
};

/* How a viewer numbers the pages from page on: style, starting at first. */
enum label_style { LABEL_DECIMAL, LABEL_ROMAN };
struct page_label {
	size_t page; /* 0-based */
	enum label_style style;
	int first;
};

/* clerk's limit on the pages of one paper (with its appendices): a paper
 * that runs past it is an error where it does. (libharu keeps a
 * document's pages in one array of at most 32,767.) */
#define CLERK_MAX_PAGES 10000

struct lay;

struct layout {
	double width, height; /* of every page, points */
	struct lpage *pages;
	size_t npages;
	struct outline_entry *outline;
	size_t noutline;
	struct page_label *labels; /* ascending pages; none: decimal from 1 */
	size_t nlabels;
	struct selem *tags; /* the structure tree: tags[0] is the root
			       (TAG_DOCUMENT), each element after its
			       parent */
	size_t ntags;
	struct lay *engine; /* the engine's state, for layout_number and
				   layout_pad; NULL in a joined layout */
};

/* The width and height of page pg of l. */
double lpage_width(const struct layout *l, const struct lpage *pg);
double lpage_height(const struct layout *l, const struct lpage *pg);

/* How layout_paper_with lays a paper out. */
struct layout_options {
	enum edition edition; /* public: the non-public appendices left
				   out, each listed as "Appendix N –
				   non-public: exempt under paragraph 3 of
				   Part 1 of Schedule 12A" (appendix_listing);
				   full: everything, each page with
				   non-public matter marked (lpage.exempt) */
	bool routed;          /* a pack's Part 1 paper: in the public
				   edition a non-public appendix with a file
				   is listed as "non-public, in Part 2 of the
				   agenda", where it is carried */
	int appendix;         /* -1: the paper; k >= 0: only its appendix k
				   (a non-public one, carried by a Part 2
				   item; edition full): "Appendix N" and its
				   title, the exempt notice with paragraphs
				   exempt, its blocks */
	const int *exempt;    /* for appendix >= 0 */
	size_t nexempt;
	bool defer_numbers; /* no running header or footer yet: the
				   caller numbers the pages (layout_number) */
};

/* Lays out edition e of the paper p, which must have been read without
 * errors and have a template, onto pages, in p's arena. Every character
 * is set in a font that has it, the fallback fonts standing in for the
 * main ones; a character that no font has is recorded in d (D_NO_GLYPH)
 * at its paragraph, and the layout is still returned. Returns NULL when d
 * received an error, and, with nothing recorded, for an edition p does
 * not have (paper_edition_ok: the caller says why first). */
struct layout *layout_paper(const struct paper *p, const struct metrics *m,
    struct diags *d, enum edition e);

/* layout_paper with options o. */
struct layout *layout_paper_with(const struct paper *p, const struct metrics *m,
    struct diags *d, const struct layout_options *o);

/* Sets l's running header and footer (replacing any set before) with the
 * pages numbered from first, of total ({page}, {pages}); when stamp is
 * not NULL, stamps it ("Agenda Item 4") in a box at the top right of the
 * first page. l must come from layout_paper_with or layout_agenda; m
 * measures with the same fonts as l was laid out with (it may be another
 * device's), and d receives what cannot be set. */
void layout_number(struct layout *l, const struct metrics *m, struct diags *d,
    int first, int total, const char *stamp);

/* Adds to l a page saying "This page is intentionally left blank" (for
 * duplex printing: the next document starts on a right-hand page). Call
 * before layout_number; m and d as for it. */
void layout_pad(struct layout *l, const struct metrics *m, struct diags *d);

/* Puts the layouts parts[0..n) one after another into one layout (in
 * arena a; the pages' boxes are shared, not copied): outlines follow each
 * other, internal links keep pointing into their own part, the structure
 * trees become one whose root holds each part's, as a TAG_PART, and each
 * part's first page gets labels[i] (style and first number; ignored when
 * labels is NULL). Every part must have the same page size. */
struct layout *layout_join(struct arena *a, struct layout *const *parts,
    size_t n, const struct page_label *labels);

struct pack;
struct pack_pages;
struct template;

/* The front sheet and agenda of pack pk for the pack kind of pp
 * (pack_layout.h), set with template t's page, margins and fonts,
 * unnumbered, labelled i, ii ... (layout_agenda.c describes the look). A
 * line whose document the pack holds shows "(Pages x - y)" from the
 * first_page and last_page of its pp->lines and links to its first page:
 * that link's dest_page is the printed number less one, counted from the
 * first page after the agenda (the caller sets dest_base on the agenda's
 * pages). Where each line stands is written to the agenda_page and
 * agenda_y of its pp->lines. In the agenda's arena. NULL when d received
 * an error (a character no font has). */
struct layout *layout_agenda(const struct pack *pk, struct pack_pages *pp,
    const struct template *t, const struct metrics *m, struct diags *d);

/* The pages as text, one line per box, for golden tests:
 *   page 1
 *   text 56.69 785.20 12 regular "Committee(s):"
 *   rule 56.69 780.00 481.89 0.00 0.5
 *   image 56.69 400.00 200.00 150.00 "chart.png"
 *   link 56.69 300.00 40.00 12.00 uri "https://..."  (or: page 2 y 700.00)
 *   outline 0 "Summary" page 1 y 700.00
 *   tag 3 P parent 2
 * A box owned by a structure element ends in " #N", N its number on the
 * "tag" lines (1 the root); an artifact in nothing. Numbers with two
 * decimals. */
void layout_dump(FILE *fp, const struct layout *l);

const char *font_name(enum font f); /* "regular", "bold" ... */

#endif
