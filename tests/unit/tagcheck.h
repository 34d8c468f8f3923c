/* tagcheck.h: what must hold of every layout's structure tree (layout.h:
 * struct selem, box.tag and box.seq), for the unit tests of papers and
 * packs. Included by the test files that need it; static inline functions only. */
#ifndef CLERK_TAGCHECK_H
#define CLERK_TAGCHECK_H

#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"

/* The element that owns box b of page pg (1-based, counted over the
 * whole tree), or 0 for an artifact. */
static inline int
tc_owner(const struct lpage *pg, const struct box *b)
{
	return b->tag > 0 ? pg->tag_base + b->tag : 0;
}

static inline enum stag
tc_type(const struct layout *l, int e)
{
	return l->tags[e - 1].type;
}

static inline bool
tc_heading(enum stag t)
{
	return t >= TAG_H1 && t <= TAG_H6;
}

/* Is text box b of page pg a copy of a table's header row, repeated atop
 * a page: an artifact whose text an earlier TH holds at the same x? */
static inline bool
tc_repeated_header(const struct layout *l, size_t pg, const struct box *b)
{
	for (size_t p = 0; p <= pg; p++)
		for (size_t i = 0; i < l->pages[p].nbody; i++) {
			const struct box *o = &l->pages[p].boxes[i];
			int e = tc_owner(&l->pages[p], o);
			if (e > 0 && o->type == BOX_TEXT && o->len == b->len &&
			    memcmp(o->text, b->text, b->len) == 0 &&
			    o->x == b->x && tc_type(l, e) == TAG_TH)
				return true;
		}
	return false;
}

/* Is b the notice of a page left blank (layout_pad), furniture among
 * the body's boxes? */
static inline bool
tc_blank_page(const struct box *b)
{
	static const char s[] = "This page is intentionally left blank";
	return b->len == sizeof s - 1 && memcmp(b->text, s, b->len) == 0;
}

/* The tree of l is sound: the root a Document, every element after its
 * parent; every text and image of the body owned by an element other
 * than the root (but a repeated table header, an artifact, and an image
 * of no description, decorative, is an artifact, and the notice on a
 * page left blank), the furniture (the running header and
 * footer, stamps, the blank-page notice: boxes after nbody) and rules
 * artifacts, every link rectangle owned by a Link with a description;
 * a Figure's description never empty; no element of text without a kid;
 * heading levels never skipped, in the order of the tree, from H1. */
static inline void
tc_check(const struct layout *l, const char *what)
{
	cr_assert_geq(l->ntags, 1, "%s: no tree", what);
	cr_assert_eq(l->tags[0].type, TAG_DOCUMENT, "%s: root", what);
	cr_assert_eq(l->tags[0].parent, 0, "%s: root's parent", what);
	size_t n = l->ntags;
	int *kids = calloc(n + 1, sizeof *kids);
	for (size_t i = 1; i < n; i++) {
		int p = l->tags[i].parent;
		cr_assert(p >= 1 && (size_t)p <= i, "%s: element %zu (%s) has "
		    "parent %d, not before it", what, i + 1,
		    stag_name(l->tags[i].type), p);
		kids[p]++;
		if (l->tags[i].type == TAG_FIGURE)
			cr_assert(l->tags[i].alt != NULL && *l->tags[i].alt,
			    "%s: a Figure without alt", what);
		if (l->tags[i].type == TAG_LINK)
			cr_assert(l->tags[i].alt != NULL && *l->tags[i].alt,
			    "%s: a Link without a description", what);
	}
	for (size_t p = 0; p < l->npages; p++) {
		const struct lpage *pg = &l->pages[p];
		for (size_t i = 0; i < pg->nboxes; i++) {
			const struct box *b = &pg->boxes[i];
			int e = tc_owner(pg, b);
			cr_assert(e >= 0 && (size_t)e <= n, "%s: page %zu: "
			    "box owned by %d of %zu", what, p + 1, e, n);
			if (e > 0)
				kids[e]++;
			if (i >= pg->nbody || b->type == BOX_RULE) {
				cr_assert_eq(e, 0, "%s: page %zu: furniture or "
				    "rule \"%.*s\" owned by %s", what, p + 1,
				    (int)(b->type == BOX_TEXT ? b->len : 0),
				    b->text ? b->text : "",
				    e > 0 ? stag_name(tc_type(l, e)) : "");
				continue;
			}
			if (b->type == BOX_TEXT && e == 0)
				cr_assert(tc_repeated_header(l, p, b) ||
				        tc_blank_page(b),
				    "%s: page %zu: \"%.*s\" is owned by no "
				    "element", what, p + 1, (int)b->len,
				    b->text);
			if (b->type == BOX_LINK && e > 0)
				cr_assert_eq(tc_type(l, e), TAG_LINK,
				    "%s: page %zu: a link rectangle owned by "
				    "%s", what, p + 1,
				    stag_name(tc_type(l, e)));
			if (b->type == BOX_LINK)
				cr_assert_gt(e, 0, "%s: page %zu: a link "
				    "rectangle owned by nothing", what, p + 1);
			if (b->type == BOX_TEXT || b->type == BOX_IMAGE)
				cr_assert(e != 1, "%s: page %zu: \"%.*s\" "
				    "owned by the root", what, p + 1,
				    (int)b->len, b->text ? b->text : "");
		}
	}
	int last = 0;
	for (size_t i = 0; i < n; i++) {
		enum stag t = l->tags[i].type;
		if (t == TAG_PART)
			last = 0; /* each paper of a pack from H1 */
		if (t == TAG_P || tc_heading(t) || t == TAG_LBL ||
		    t == TAG_LINK || t == TAG_FIGURE || t == TAG_NOTE ||
		    t == TAG_L || t == TAG_LI || t == TAG_TOCI)
			cr_assert_gt(kids[i + 1], 0, "%s: element %zu (%s) "
			    "has no kid", what, i + 1, stag_name(t));
		if (!tc_heading(t))
			continue;
		int level = (int)(t - TAG_H1) + 1;
		cr_assert_leq(level, last + 1, "%s: H%d after H%d (element "
		    "%zu)", what, level, last, i + 1);
		last = level;
	}
	free(kids);
}

/* A kid of an element: an element, or a box. */
struct tc_kid {
	bool box;
	int e;              /* element */
	const struct box *b; /* box */
	uint32_t seq;
};

static inline int
tc_kid_cmp(const void *a, const void *b)
{
	const struct tc_kid *x = a, *y = b;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The kids of element e, elements and body boxes of every page, sorted
 * by seq; *n of them (free the array). */
static inline struct tc_kid *
tc_kids(const struct layout *l, int e, size_t *n)
{
	size_t cap = 16;
	struct tc_kid *k = malloc(cap * sizeof *k);
	*n = 0;
	for (size_t i = 0; i < l->ntags; i++) {
		if (l->tags[i].parent != e)
			continue;
		if (*n == cap)
			k = realloc(k, (cap *= 2) * sizeof *k);
		k[(*n)++] = (struct tc_kid){false, (int)i + 1, NULL,
		    l->tags[i].seq};
	}
	for (size_t p = 0; p < l->npages; p++)
		for (size_t i = 0; i < l->pages[p].nbody; i++) {
			const struct box *b = &l->pages[p].boxes[i];
			if (tc_owner(&l->pages[p], b) != e)
				continue;
			if (*n == cap)
				k = realloc(k, (cap *= 2) * sizeof *k);
			k[(*n)++] = (struct tc_kid){true, 0, b, b->seq};
		}
	qsort(k, *n, sizeof *k, tc_kid_cmp);
	return k;
}

/* The text of element e's boxes and its kids' (depth first, in reading
 * order), each box's text followed by a space, into buf of size n. */
static inline void
tc_text(const struct layout *l, int e, char *buf, size_t size)
{
	size_t nk;
	struct tc_kid *k = tc_kids(l, e, &nk);
	for (size_t i = 0; i < nk; i++) {
		size_t len = strlen(buf);
		if (!k[i].box)
			tc_text(l, k[i].e, buf, size);
		else if (k[i].b->type == BOX_TEXT && len + k[i].b->len + 2 <
		    size)
			snprintf(buf + len, size - len, "%.*s ",
			    (int)k[i].b->len, k[i].b->text);
	}
	free(k);
}

#endif
