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

struct arena;
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
	FONT_FALLBACK,      /* for characters the font above lacks */
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

enum box_type {
	BOX_TEXT,  /* a run of text in one font, baseline at (x, y) */
	BOX_RULE,  /* a straight line from (x, y) to (x + w, y + h) */
	BOX_IMAGE, /* an image file drawn in the rectangle (x, y, w, h) */
	BOX_LINK,  /* a clickable rectangle (x, y, w, h) */
};

/* Something on a page. Coordinates are points with the origin at the
 * bottom left of the page, as in PDF; (x, y) of a rectangle is its bottom
 * left corner. */
struct box {
	enum box_type type;
	double x, y, w, h;
	/* BOX_TEXT: w is the run's width; h is 0 */
	enum font font;
	double size;            /* font size, points */
	const char *text;       /* UTF-8, not NUL-terminated */
	size_t len;
	/* BOX_RULE */
	double line_width;      /* points */
	/* BOX_IMAGE */
	const char *path;       /* the file (assets.c resolved it) */
	enum image_type image;
	const char *alt;        /* the description, for the document */
	/* BOX_LINK: to uri, or when uri is NULL to page dest_page (0-based)
	 * at height dest_y */
	const char *uri;
	int dest_page;
	double dest_y;
};

struct lpage {
	struct box *boxes;      /* in drawing order */
	size_t nboxes;
	size_t cap;
};

/* A bookmark: a section, an appendix. */
struct outline_entry {
	int level;              /* 0: top level; 1: below the entry before */
	const char *title;      /* UTF-8 */
	int page;               /* 0-based */
	double y;               /* top of the heading */
};

struct layout {
	double width, height;   /* of every page, points */
	struct lpage *pages;
	size_t npages;
	struct outline_entry *outline;
	size_t noutline;
};

/* Lays out the paper p, which must have been read without errors and
 * have a template, onto pages, in p's arena. Every character is set in a
 * font that has it, the fallback fonts standing in for the main ones; a
 * character that no font has is recorded in d (D_NO_GLYPH) at its
 * paragraph, and the layout is still returned. Returns NULL only when d
 * received an error. */
struct layout *layout_paper(const struct paper *p, const struct metrics *m,
    struct diags *d);

/* The pages as text, one line per box, for golden tests:
 *   page 1
 *   text 56.69 785.20 12 regular "Committee(s):"
 *   rule 56.69 780.00 481.89 0.00 0.5
 *   image 56.69 400.00 200.00 150.00 "chart.png"
 *   link 56.69 300.00 40.00 12.00 uri "https://..."  (or: page 2 y 700.00)
 *   outline 0 "Summary" page 1 y 700.00
 * Numbers with two decimals. */
void layout_dump(FILE *fp, const struct layout *l);

const char *font_name(enum font f); /* "regular", "bold" ... */

#endif
