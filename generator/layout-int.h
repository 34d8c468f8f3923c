/* layout-int.h: what the parts of the layout engine share, and nothing
 * else includes. layout_text.c turns inline nodes into measured words and
 * words into lines; layout.c lays blocks out as a flow of items (a line, a
 * table row, an image) and breaks the flow into pages; layout_table.c and
 * layout_front.c make the items of tables and of the front sheet, contact
 * block and page furniture.
 *
 * Two passes. First every block becomes items stacked in one flow, each
 * with its height, the space owed above it, whether it must stay on the
 * page of the item after it, and its boxes placed relative to its own top.
 * Then the paginator walks the flow once, filling pages top-down and
 * stepping back over "keep" items when one does not fit; only then are
 * boxes given their page and absolute y. */
#ifndef CLERK_LAYOUT_INT_H
#define CLERK_LAYOUT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layout.h"
#include "model.h"
#include "strset.h"

/* Proportions of the City of London look, times the template's size. */
#define LEADING       1.2         /* line height */
#define PARA_AFTER    0.6         /* space after a paragraph, list, table */
#define HEAD_BEFORE   1.0         /* space before a heading */
#define CODE_SCALE    0.85        /* code blocks */
#define CODE_INLINE   0.9         /* code spans */
#define NOTE_SCALE    (5.0 / 6.0) /* footnotes: 10pt beside 12pt */
#define SUP_SCALE     0.7         /* footnote reference numbers */
#define SUP_RISE      0.35
#define CAPTION_SCALE 0.85
/* Fixed lengths, points. */
#define HANG         36.0 /* numbered paragraphs' text */
#define LIST_INDENT  18.0 /* per list level */
#define QUOTE_INDENT 24.0
#define RULE_WIDTH   0.5
#define TABLE_PAD    3.0
#define FRONT_PAD    4.0
#define FRONT_LEFT   0.72 /* the front sheet's left column */
#define NOTE_RULE    72.0 /* the rule above footnotes */
#define EPS          1e-6
/* Bytes of text measured at a time, and at most in one text box: the PDF
 * library takes no string longer than 65,535 bytes. A word longer than
 * BOX_MAX_BYTES (which fits the line only if its characters are of no
 * width) is cut as a word wider than the line is. */
#define MEASURE_MAX   4096
#define BOX_MAX_BYTES 4096

enum align {
	ALIGN_LEFT,
	ALIGN_CENTRE,
	ALIGN_RIGHT,
	ALIGN_JUSTIFY, /* all lines but the last of a paragraph */
};

/* A box placed relative to the top of its item (y below it negative). */
struct rbox {
	struct box b;
	const struct node *target; /* BOX_LINK to a paragraph, resolved
				      when every page is known; or NULL */
};

/* How inline text is set. */
struct style {
	bool bold, italic, mono;
	bool strike, underline;
	double size;               /* points */
	double rise;               /* above the baseline, points */
	const char *uri;           /* inside a link */
	const struct node *target; /* inside a cross-reference */
};

/* A run of text in one font and style, measured once. */
struct frag {
	const char *s; /* UTF-8 in the paper's arena; not
				      NUL-terminated */
	size_t n;
	enum font font;
	double size, rise;
	double w; /* width, points */
	bool strike, underline;
	const char *uri;
	const struct node *target;
	size_t note; /* 1 + index in lay.notes of the
				      footnote this number refers to */
};

/* What lies between two break opportunities. */
struct word {
	size_t f0, f1; /* its frags */
	double w;      /* points */
	double space;  /* the space after it, points (0: none) */
	enum font space_font;
	bool brk;      /* a forced line break after it */
	bool glue;     /* the next word follows with no gap (a
				      soft hyphen or zero-width space ends
				      it): the gap is never stretched */
	double hyphen; /* > 0: a soft hyphen ends it, and a
				      line ending here ends in a hyphen of
				      this width, points */
};

/* A line as the breaker made it. */
struct line {
	size_t w0, w1; /* its words */
	double w;      /* natural width, points */
	bool last;     /* ends its paragraph or a forced break:
				      never justified */
};

/* Something stacked in a flow. */
struct item {
	double h;         /* height */
	double before;    /* space above, dropped at a page's top */
	size_t b0, b1;    /* its boxes in lay.boxes */
	size_t fend;      /* end of the footnote lines (lay.foot)
				      of the notes it refers to first; 0:
				      none */
	size_t header;    /* 1 + index of its table's header item,
				      repeated above it atop a page; 0:
				      none */
	bool keep;        /* on the same page as the item after */
	bool newpage;     /* begins a page */
	struct pos pos;   /* where its text is in the source, for
				      messages; line 0: none */
	const char *path; /* and of which file */
};

/* A number or bullet set at x on the first line of the next item. */
struct marker {
	const char *text;
	struct style st;
	double x;
	int tag;      /* its owner (L->tag when set): a Lbl, a heading */
	uint32_t seq; /* its place there, taken when set: before the text
			 it labels, whenever it is drawn */
};
/* Seqs a marker takes: one per box of it (a run per font). */
#define MARKER_SEQS 16

/* A list of items, with what the next item added needs. */
struct flow {
	struct item *items;
	size_t n, cap;
	double pending; /* space owed above the next item */
	bool newpage;   /* the next item begins a page */
	/* Numbers and bullets hung beside the next item's first line (a
	 * list item whose first block is a list has two) */
	struct marker *markers;
	size_t nmarkers, cmarkers;
};

/* Something that needs the final page and y of an item. */
struct mark {
	size_t item;             /* in lay.main */
	int level;               /* outline level; -1: an anchor */
	const char *title;       /* outline entry */
	const struct node *node; /* anchor: the paragraph */
};

/* A footnote, laid out in lay.foot. */
struct note {
	size_t i0, i1; /* its items */
	bool seen;     /* its first reference is laid out */
	int tag;       /* its TAG_NOTE: made with its text, moved beside its
			  first reference when that is laid out (placed) */
	bool placed;
};

/* The items of a non-public appendix in the full edition. */
struct exempt_run {
	size_t i0, i1;     /* its items in lay.main */
	const int *exempt; /* its paragraphs of Schedule 12A */
	size_t nexempt;
};

/* A PDF appendix laid out: its boxes are made with the flow's (so that
 * the structure tree orders them), its pages after the flow's. */
struct ext_run {
	size_t appendix; /* its index in the paper's appendices */
	size_t b0, b1;   /* the boxes of its stamp ("Appendix N"), in
			    lay.boxes, for its first page */
	size_t pbox;     /* its pages' BOX_PAGEs: pbox, pbox + 1, ... */
	size_t page0;    /* its first page, once placed */
	size_t npages;   /* placed */
};

/* The layout engine's state for one paper. */
struct lay {
	const struct paper *p;   /* the paper */
	const struct paper *doc; /* being laid out: p or an appendix */
	const struct template *t;
	const struct metrics *m;
	struct diags *d;
	struct arena *a;
	double size;               /* body text */
	double x0, x1, ytop, ybot; /* the text area */
	double width;              /* x1 - x0 */
	double hang;               /* numbered paragraphs' text indent */

	struct rbox *boxes; /* of every item */
	size_t nboxes, cboxes;
	struct flow main, foot; /* the body; the footnotes' lines */
	double flow_h;          /* height of every item made, with the
				      space above it: pages are at least
				      that over the text area's height */
	bool too_long;          /* past CLERK_MAX_PAGES (reported): no
				      more blocks are laid out */
	struct flow *fl;        /* where items go now */
	size_t ib0;             /* first box of the item being made */
	size_t ifend;           /* its footnotes' end */

	struct mark *marks;
	size_t nmarks, cmarks;
	struct note *notes; /* of every document, in order */
	size_t nnotes;
	size_t note0;     /* index of the document's note 1 */
	size_t doc_notes; /* the document's footnotes */

	/* Inline scratch, reused */
	struct frag *frags;
	size_t nfrags, cfrags;
	struct word *words;
	size_t nwords, cwords;
	size_t wbase;     /* first word of the cell being read */
	bool wopen;       /* the last word is still growing */
	bool nomerge;     /* the next character begins a frag */
	bool keep_spaces; /* code: spaces are characters */
	struct line *lines;
	size_t nlines, clines;
	const struct node **images; /* images met in a paragraph */
	size_t nimages, cimages;
	bool collect_images; /* gather images instead of alt text */
	struct pos pos;      /* of the node being read, for messages */

	struct frame *stack; /* inl_nodes: the styles of open nodes */
	size_t cstack;
	double spacew[FONT__COUNT]; /* width of a space, thousandths of an
				       em; < 0 until measured */
	signed char glyph[FONT__COUNT][128]; /* has_glyph cache: 0 unknown,
						1 yes, -1 no */
	struct strset missing; /* characters reported, by code point
				      in hex */

	const struct layout_options *opt;
	const int *exempt; /* the exempt notice's paragraphs */
	size_t nexempt;
	struct exempt_run *exempt_runs; /* one per non-public appendix laid
					   out, at most */
	size_t nexempt_runs;
	struct ext_run *exts; /* the PDF appendices laid out, in order */
	size_t nexts;
	size_t flow_pages; /* the pages of the flow, before the included
			      ones */
	int page_first;    /* the number printed on the first page */
	int page_total;    /* {pages} */
	double stamp_w;    /* kept clear at the top right of the
				      first page for the stamp; 0: none */

	/* The structure tree (layout.tags): boxes made now belong to
	 * element tag (1 + index; 0: artifacts); seq orders elements and
	 * boxes as they are made, which is reading order */
	struct selem *tags;
	size_t ntags, ctags;
	int tag;
	uint32_t seq;
	int hlevel;        /* of the last heading made (1: H1): a heading is at
		       most one below it (head_tag), never skipping one */
	int hsect;         /* of the heading of the section being laid out: its
		       subheadings of level k are hsect + k */
	bool main_heading; /* the template's main heading is set: the
			      numbered sections are below it */
	int link;          /* the TAG_LINK being set, or the last one: a line
		       that begins with the same link goes on with it */
	const char *link_uri;
	const struct node *link_target;

	struct layout *out;
	size_t cpages;
	int *ipage;            /* per item of main: its page */
	double *iy;            /* and the y of its top */
	struct pending *xrefs; /* links to paragraphs to resolve */
	size_t nxrefs, cxrefs;
};

/* An inline node whose children are being read, and the style around it. */
struct frame {
	const struct node *n;
	struct style st;
};

/* A link to a paragraph, placed before the paragraph's page is known. */
struct pending {
	size_t page, box;
	const struct node *target;
};

/* layout.c */
/* A new engine for document p (its arena, path and source for messages)
 * with template t; the caller adds items to L->main, then lay_finish. */
struct lay *lay_new(const struct paper *p, const struct template *t,
    const struct metrics *m, struct diags *d);
/* Breaks the main flow into pages and resolves links and the outline. */
void lay_finish(struct lay *L);
/* Is the paper past CLERK_MAX_PAGES, what is laid out so far filling more
 * pages than that? Reported once, at pos of path, where it goes past;
 * then nothing more need be laid out. */
bool lay_past_pages(struct lay *L, const char *path, struct pos pos);
/* Blocks (a description) as body text at x, width w, unnumbered. */
void lay_blocks(struct lay *L, const struct node *first, double x, double w);
struct lpage *page_new(struct lay *L);
void page_box(struct lay *L, size_t pg, const struct box *b);
void *lay_grow(struct lay *L, void *arr, size_t *cap, size_t need, size_t size);
/* A new box of type t in the item being made, owned by the open element
 * (L->tag; a rule is always an artifact). */
struct rbox *box_add(struct lay *L, enum box_type t);
/* Opens a structure element of type t as the last kid of the open one
 * (the root when none is) and makes it the open one; returns its number
 * (1 + index), for tag_close. */
int tag_open(struct lay *L, enum stag t);
/* Closes element tag, opened by tag_open and still open: the element that
 * was open before it is open again. */
void tag_close(struct lay *L, int tag);
/* A heading element for a heading wanted at level want (1: H1), at most
 * one level below the last heading made and at most H6. */
enum stag head_tag(struct lay *L, int want);
struct item *item_end(struct lay *L, double h, double before, double base);
double baseline(const struct lay *L, double size);
void set_marker(struct lay *L, const char *text, struct style st, double x);

/* layout_text.c */
void inl_reset(struct lay *L);
void inl_text(struct lay *L, const char *s, size_t n, const struct style *st,
    bool newlines);
void inl_space(struct lay *L, const struct style *st);
void inl_break(struct lay *L);
void inl_nodes(struct lay *L, const struct node *first, const struct style *st);
void inl_close(struct lay *L);
void fit_words(struct lay *L, size_t *w0, size_t *w1, double width);
size_t break_lines(struct lay *L, size_t w0, size_t w1, double width);
void emit_line(struct lay *L, const struct line *ln, double x, double width,
    double base, enum align al);
double text_width(struct lay *L, const char *s, const struct style *st);
double put_text(struct lay *L, const char *s, const struct style *st, double x,
    double base);
struct style plain_style(double size);
enum font face(const struct style *st);

/* layout_table.c */
struct cell {
	size_t w0, w1; /* its words */
	size_t l0, l1; /* its lines */
	enum align al;
	struct pos pos; /* where it is in the source; line 0:
				      none */
};
void layout_table(struct lay *L, const struct node *table, double x,
    double width, double size, double after);
/* row_heads: the first column's cells are headers of their rows (the
 * front sheet), the other cells data. */
void grid_rows(struct lay *L, struct cell *cells, size_t nrows, size_t ncols,
    double x, const double *colw, double pad, double size, size_t header_rows,
    bool row_heads);

/* layout_front.c */
void layout_exempt(struct lay *L);
void layout_front(struct lay *L);
void layout_minutes_head(struct lay *L);
void layout_contact(struct lay *L);
void layout_furniture(struct lay *L);
void layout_stamp(struct lay *L, const char *text);
/* The width layout_stamp's box of text takes, with a gap before it. */
double layout_stamp_width(struct lay *L, const char *text);
/* Lines of plain text (newlines break them) at x in width w, aligned al,
 * as items of the main flow; the first owes before. together: the lines
 * kept on one page. dest >= 0: each line links to page dest (a BOX_LINK;
 * layout_agenda.c says from where it counts), the lines and their links
 * owned by one TAG_LINK ("Go to page N", N = dest + 1). Returns the index
 * of the first item. */
size_t text_lines(struct lay *L, const char *text, struct style st, double x,
    double w, double before, enum align al, bool together, int dest);
void layout_blank_text(struct lay *L, size_t pg);

#endif
