/* layout.c: the layout engine (layout.h). Blocks of the paper become items
 * of a flow (lines, table rows, images), each holding boxes placed
 * relative to its own top; the flow is then cut into pages in one walk,
 * which keeps headings with what follows, avoids widows and orphans, sets
 * footnotes at the foot of the page that refers to them and repeats table
 * headers. Text is measured only through struct metrics. See
 * layout-int.h for the parts.
 *
 * As it lays the model out the engine builds the structure tree of a
 * tagged PDF (layout.h: struct selem; box.tag, box.seq): a Document of
 * the front sheet (a Table, the left cells TH of their row), headings
 * (section(): H1 the sections, H2 the numbered ones below a main
 * heading, minutes' items H2 below the committee's H1, subheadings one
 * level down per Markdown level, never a level skipped: head_tag),
 * paragraphs P, numbered paragraphs and lists L > LI > Lbl (the number,
 * hung by set_marker) + LBody, tables Table > THead/TBody > TR > TH/TD,
 * images Figure (alt: the description) with their Caption, footnotes a
 * Note placed right after their first reference (emit_line), links a Link
 * owning their text and rectangles, BlockQuote, P > Code, an appendix a
 * Sect. Rules, page furniture (page_box) and a repeated table header are
 * artifacts (tag 0). Elements are numbered in the order of the tree, each
 * after its parent (lay_finish); seq orders an element's kids. */
#include "layout.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "assets.h"
#include "extpdf.h"
#include "layout-int.h"
#include "model.h"
#include "paper_text.h"
#include "template.h"
#include "text.h"

/* Where blocks go and how they look there. */
struct ctx {
	double x, w;  /* the text's left edge and width */
	double numx;  /* where paragraph numbers hang */
	double size;  /* body text here */
	double after; /* space after a paragraph */
	int depth;    /* lists around */
	bool justify; /* paragraphs justified */
	bool minutes; /* "RESOLVED" set in bold */
};

static void blocks(struct lay *L, const struct node *first,
    const struct ctx *c);

/* ---- Arrays, boxes, items ---------------------------------------- */

/* arr with room for need elements of size bytes, grown geometrically in
 * the arena; *cap is updated. */
void *
lay_grow(struct lay *L, void *arr, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return arr;
	size_t n = *cap ? *cap : 16;
	while (n < need)
		n *= 2;
	arr = arena_grow(L->a, arr, *cap, n, size);
	*cap = n;
	return arr;
}

struct rbox *
box_add(struct lay *L, enum box_type t)
{
	L->boxes = lay_grow(L, L->boxes, &L->cboxes, L->nboxes + 1,
	    sizeof *L->boxes);
	struct rbox *b = &L->boxes[L->nboxes++];
	memset(b, 0, sizeof *b);
	b->b.type = t;
	b->b.tag = t == BOX_RULE ? 0 : L->tag;
	b->b.seq = L->seq++;
	return b;
}

int
tag_open(struct lay *L, enum stag t)
{
	L->tags = lay_grow(L, L->tags, &L->ctags, L->ntags + 1,
	    sizeof *L->tags);
	struct selem *e = &L->tags[L->ntags++];
	memset(e, 0, sizeof *e);
	e->type = t;
	e->parent = L->tag > 0 ? L->tag : 1;
	e->seq = L->seq++;
	L->tag = (int)L->ntags;
	return L->tag;
}

void
tag_close(struct lay *L, int tag)
{
	assert(tag == L->tag && tag > 1);
	L->tag = L->tags[tag - 1].parent;
}

enum stag
head_tag(struct lay *L, int want)
{
	int level = want > L->hlevel + 1 ? L->hlevel + 1 : want;
	if (level < 1)
		level = 1;
	if (level > 6)
		level = 6;
	L->hlevel = level;
	return (enum stag)(TAG_H1 + level - 1);
}

/* The baseline of a line of text at size, below the line's top. */
double
baseline(const struct lay *L, double size)
{
	double asc = L->m->ascent[FONT_REGULAR] / 1000 * size;
	double desc = -L->m->descent[FONT_REGULAR] / 1000 * size;
	return -((LEADING * size - asc - desc) / 2 + asc);
}

/* Starts the boxes of the next item. */
static void
item_begin(struct lay *L)
{
	L->ib0 = L->nboxes;
	L->ifend = 0;
}

/* Hangs text in style st at x beside the first line of the next item. */
void
set_marker(struct lay *L, const char *text, struct style st, double x)
{
	struct flow *f = L->fl;
	f->markers = lay_grow(L, f->markers, &f->cmarkers, f->nmarkers + 1,
	    sizeof *f->markers);
	f->markers[f->nmarkers++] = (struct marker){text, st, x, L->tag,
	    L->seq};
	L->seq += MARKER_SEQS;
}

/* Adds to the flow an item of height h holding the boxes made since
 * item_begin, with space before it (or what the flow owes, if more), and
 * the pending markers set on baseline base. The pointer is valid until the
 * next item. */
struct item *
item_end(struct lay *L, double h, double before, double base)
{
	struct flow *f = L->fl;
	int open = L->tag;
	for (size_t i = 0; i < f->nmarkers; i++) {
		const struct marker *mk = &f->markers[i];
		size_t b0 = L->nboxes;
		L->tag = mk->tag;
		put_text(L, mk->text, &mk->st, mk->x, base);
		for (size_t k = b0; k < L->nboxes; k++)
			L->boxes[k].b.seq = mk->seq +
			    (uint32_t)(k - b0 < MARKER_SEQS ? k - b0 :
			                                      MARKER_SEQS - 1);
	}
	L->tag = open;
	f->nmarkers = 0;
	f->items = lay_grow(L, f->items, &f->cap, f->n + 1, sizeof *f->items);
	struct item *it = &f->items[f->n++];
	memset(it, 0, sizeof *it);
	it->h = h;
	it->before = before > f->pending ? before : f->pending;
	it->b0 = L->ib0;
	it->b1 = L->nboxes;
	it->fend = L->ifend;
	it->newpage = f->newpage;
	it->pos = L->pos;
	it->path = L->doc->path;
	L->flow_h += it->before + h;
	f->pending = 0;
	f->newpage = false;
	item_begin(L);
	return it;
}

/* An item of one empty line, for markers with nothing beside them. */
static void
empty_line(struct lay *L, double size)
{
	item_end(L, LEADING * size, 0, baseline(L, size));
}

static void
owe(struct lay *L, double space)
{
	if (space > L->fl->pending)
		L->fl->pending = space;
}

/* An outline entry's title has its pasted spaces made spaces and its
 * invisible characters left out (text_plain_spaces), and is cut to at
 * most OUTLINE_MAX bytes, between characters, ending in an ellipsis: a
 * bookmark is no place for a heading of pages, and the PDF library takes
 * no string over 65,535 bytes. */
enum { OUTLINE_MAX = 1024 };

/* title as a bookmark holds it (NULL stays NULL). */
static const char *
outline_title(struct lay *L, const char *title)
{
	if (title != NULL) /* a bookmark holds no soft hyphen */
		title = text_plain_spaces(L->a, title);
	if (title != NULL && strlen(title) > OUTLINE_MAX) {
		size_t k = OUTLINE_MAX - 3;
		while (k > 0 && ((unsigned char)title[k] & 0xC0) == 0x80)
			k--;
		title = arena_printf(L->a, "%.*s\xe2\x80\xa6", (int)k, title);
	}
	return title;
}

static void
mark(struct lay *L, size_t item, int level, const char *title,
    const struct node *node)
{
	if (L->fl != &L->main)
		return;
	title = outline_title(L, title);
	L->marks = lay_grow(L, L->marks, &L->cmarks, L->nmarks + 1,
	    sizeof *L->marks);
	L->marks[L->nmarks++] = (struct mark){item, level, title, node};
}

/* "4." for a paragraph numbered 4; "2.3" as it is. */
static const char *
number_label(struct lay *L, const char *num)
{
	return paper_number_label(L->a, num);
}

/* ---- Lines --------------------------------------------------------- */

/* Makes items of the lines [l0, l1) set at x in width w. together: all
 * kept on one page (headings); otherwise a paragraph's first line keeps
 * with its second and its last with the one before (no orphan or widow;
 * a paragraph of two lines stays whole). */
static void
put_lines(struct lay *L, size_t l0, size_t l1, double x, double w, double size,
    enum align al, double before, bool together)
{
	size_t n = l1 - l0;
	double base = baseline(L, size);
	for (size_t i = l0; i < l1; i++) {
		emit_line(L, &L->lines[i], x, w, base, al);
		struct item *it = item_end(L, LEADING * size,
		    i == l0 ? before : 0, base);
		size_t k = i - l0;
		if (together ? k + 1 < n :
		               (k == 0 && n >= 2) || (n >= 3 && k == n - 2))
			it->keep = true;
		if (lay_past_pages(L, L->doc->path, L->pos))
			break; /* a paragraph of many thousand pages */
	}
}

/* Breaks the words read since inl_reset into lines of width w and makes
 * them items. Returns the number of items made. */
static size_t
set_words(struct lay *L, double x, double w, double size, enum align al,
    double before, bool together)
{
	inl_close(L);
	size_t w0 = 0, w1 = L->nwords, n0 = L->fl->n;
	fit_words(L, &w0, &w1, w);
	size_t l0 = break_lines(L, w0, w1, w);
	put_lines(L, l0, L->nlines, x, w, size, al, before, together);
	if (L->fl->n == n0 && L->fl->nmarkers > 0)
		empty_line(L, size);
	return L->fl->n - n0;
}

/* A paragraph of plain text (newlines break lines), an element of type
 * t. */
static void
plain_para(struct lay *L, enum stag t, const char *text, struct style st,
    double x, double w, double before, double after, bool together)
{
	int e = tag_open(L, t);
	inl_reset(L);
	inl_text(L, text, strlen(text), &st, true);
	set_words(L, x, w, st.size, ALIGN_LEFT, before, together);
	owe(L, after);
	tag_close(L, e);
}

/* A heading wanted at level (1: H1; head_tag; 0: a P): inline nodes (or
 * plain text), with a number hung at numx, which is part of it. Its lines stay
 * together and with the item after it (the first line of a paragraph,
 * which keeps with its second). Returns the index of its first item. */
static size_t
heading(struct lay *L, int level, const struct node *inl, const char *plain,
    struct style st, double x, double w, const char *num, double numx,
    double before, double after)
{
	size_t first = L->fl->n;
	int e = tag_open(L, level > 0 ? head_tag(L, level) : TAG_P);
	inl_reset(L);
	if (inl != NULL)
		inl_nodes(L, inl, &st);
	else
		inl_text(L, plain, strlen(plain), &st, true);
	if (num != NULL)
		set_marker(L, num, st, numx);
	if (set_words(L, x, w, st.size, ALIGN_LEFT, before, true) > 0)
		L->fl->items[L->fl->n - 1].keep = true;
	owe(L, after);
	tag_close(L, e);
	return first;
}

/* ---- Blocks -------------------------------------------------------- */

/* Is image img decorative: marked so by its title (image_decorative), or
 * with no description (reading reported it)? An artifact, then. */
static bool
decorative(const struct node *img, const char *alt)
{
	return image_decorative(img) || alt == NULL ||
	    alt[strspn(alt, " \t\n")] == '\0';
}

/* An image as a block at c->x, scaled to fit the width and half the text
 * height, with its description as a caption below: a Figure, its
 * description its alternate text, the caption its Caption; a decorative
 * image an artifact (its caption, if any, a P). */
static void
figure(struct lay *L, const struct node *img, const struct ctx *c)
{
	const char *path = img->u.link.path;
	const struct image_info *info = img->u.link.image;
	if (path == NULL || info == NULL)
		return; /* reading reported it */
	double w = info->width * 0.75, h = info->height * 0.75;
	double s = 1, maxh = 0.5 * (L->ytop - L->ybot);
	if (w * s > c->w)
		s = c->w / w;
	if (h * s > maxh)
		s = maxh / h;
	w *= s;
	h *= s;
	const char *alt = node_text(L->a, img);
	bool deco = decorative(img, alt);
	int fig = 0, open = L->tag;
	if (deco) {
		L->tag = 0;
	} else {
		fig = tag_open(L, TAG_FIGURE);
		L->tags[fig - 1].alt = alt;
	}
	struct rbox *b = box_add(L, BOX_IMAGE);
	L->tag = deco ? open : L->tag;
	b->b.x = c->x;
	b->b.y = -h;
	b->b.w = w;
	b->b.h = h;
	b->b.path = path;
	b->b.image = info->type;
	b->b.alt = alt;
	struct item *it = item_end(L, h, 0.3 * c->size,
	    -L->m->ascent[FONT_REGULAR] / 1000 * c->size);
	if (alt != NULL && alt[strspn(alt, " ")] != '\0') {
		it->keep = true;
		struct style st = plain_style(c->size * CAPTION_SCALE);
		st.italic = true;
		int cap = tag_open(L, deco ? TAG_P : TAG_CAPTION);
		inl_reset(L);
		inl_nodes(L, img->first, &st);
		set_words(L, c->x, c->w, st.size, ALIGN_LEFT, 0.3 * c->size,
		    false);
		tag_close(L, cap);
	}
	if (fig > 0)
		tag_close(L, fig);
	owe(L, c->after);
}

static bool
is_resolution(const struct node *t)
{
	return t != NULL && t->type == N_TEXT &&
	    strncmp(t->text, "RESOLVED", 8) == 0;
}

static void
paragraph(struct lay *L, const struct node *n, const struct ctx *c)
{
	struct style st = plain_style(c->size);
	const struct node *first = n->first;
	inl_reset(L);
	L->pos = n->pos;
	L->nimages = 0;
	L->collect_images = true;
	if (c->minutes && is_resolution(first)) {
		struct style b = st;
		b.bold = true;
		L->pos = first->pos;
		inl_text(L, first->text, 8, &b, false);
		inl_text(L, first->text + 8, strlen(first->text + 8), &st,
		    false);
		first = first->next;
	}
	inl_nodes(L, first, &st);
	L->collect_images = false;
	size_t nimg = L->nimages;
	const struct node **imgs = NULL;
	if (nimg > 0) {
		imgs = arena_alloc(L->a, nimg * sizeof *imgs);
		memcpy(imgs, L->images, nimg * sizeof *imgs);
	}
	if (n->label != NULL)
		mark(L, L->main.n, -1, NULL, n);
	if (L->nwords > 0 || nimg == 0) {
		/* no P for no words: a number beside nothing is its Lbl's */
		int e = L->nwords > 0 ? tag_open(L, TAG_P) : 0;
		set_words(L, c->x, c->w, c->size,
		    c->justify ? ALIGN_JUSTIFY : ALIGN_LEFT, 0, false);
		if (e > 0)
			tag_close(L, e);
	}
	owe(L, c->after);
	for (size_t i = 0; i < nimg; i++)
		figure(L, imgs[i], c);
}

static void
subheading(struct lay *L, const struct node *n, const struct ctx *c)
{
	struct style st = plain_style(c->size);
	st.bold = st.italic = true;
	L->pos = n->pos;
	double x = c->numx;
	/* a heading in a footnote is no heading of the paper's: a P */
	int level = L->fl == &L->foot ? 0 : L->hsect + n->u.heading.level;
	size_t item = heading(L, level, n->first, NULL, st, x, c->x + c->w - x,
	    NULL, 0, HEAD_BEFORE * c->size, 0.3 * c->size);
	mark(L, item, 1, node_text(L->a, n), NULL);
}

/* The marker of the item numbered num of a list at depth. */
static const char *
list_marker(struct lay *L, const struct node *list, const struct node *item,
    int num, int depth)
{
	return paper_list_marker(L->a, L->t, list, item, num, depth);
}

/* How the labels of list run at depth (the /ListNumbering of its L). */
static enum list_numbering
list_numbering(struct lay *L, const struct node *list, int depth)
{
	if (list->first != NULL && list->first->u.item.task)
		return NUM_NONE; /* boxes, ticked or not */
	if (!list->u.list.ordered)
		return NUM_DISC;
	const char *o = L->t->ordered != NULL && *L->t->ordered ?
	    L->t->ordered :
	    "1";
	switch (o[(size_t)depth % strlen(o)]) {
	case 'a':
		return NUM_LOWER_ALPHA;
	case 'A':
		return NUM_UPPER_ALPHA;
	case 'i':
		return NUM_LOWER_ROMAN;
	case 'I':
		return NUM_UPPER_ROMAN;
	default:
		return NUM_DECIMAL;
	}
}

/* Opens the LI of a list item whose label (marker) is text in style st
 * hung at x: its Lbl holds the label, and the LBody opened, which the
 * caller closes with tag_close(L, li_open(...)) and tag_close(L, li). */
static int
li_open(struct lay *L, const char *text, struct style st, double x, int *li)
{
	*li = tag_open(L, TAG_LI);
	int lbl = tag_open(L, TAG_LBL);
	set_marker(L, text, st, x);
	tag_close(L, lbl);
	return tag_open(L, TAG_LBODY);
}

/* Closes what li_open opened. */
static void
li_close(struct lay *L, int body, int li)
{
	tag_close(L, body);
	tag_close(L, li);
}

/* A list: each item's marker hung at c->x, its blocks indented by at
 * least LIST_INDENT (more when a marker is wider). An L of LIs, each a
 * Lbl (the marker) and an LBody (the blocks). */
static void
list(struct lay *L, const struct node *n, const struct ctx *c)
{
	size_t count = 0;
	for (const struct node *it = n->first; it; it = it->next)
		count++;
	if (count == 0)
		return;
	const char **marks = arena_alloc(L->a, count * sizeof *marks);
	struct style ms = plain_style(c->size);
	double widest = 0;
	size_t k = 0;
	int num = n->u.list.start;
	for (const struct node *it = n->first; it; it = it->next, k++) {
		marks[k] = list_marker(L, n, it, num++, c->depth);
		double w = text_width(L, marks[k], &ms);
		if (w > widest)
			widest = w;
	}
	double ind = LIST_INDENT;
	if (widest + 0.25 * c->size > ind)
		ind = widest + 0.25 * c->size;
	bool tight = n->u.list.tight;
	struct ctx ic = *c;
	ic.x = c->x + ind;
	ic.w = c->w - ind;
	ic.numx = ic.x;
	ic.depth = c->depth + 1;
	ic.after = tight ? 0 : c->after;
	ic.minutes = false;
	k = 0;
	int l = tag_open(L, TAG_L);
	L->tags[l - 1].numbering = list_numbering(L, n, c->depth);
	for (const struct node *it = n->first; it; it = it->next, k++) {
		if (k > 0)
			owe(L, tight ? 0.3 * c->size : c->after);
		int li, body = li_open(L, marks[k], ms, c->x, &li);
		blocks(L, it->first, &ic);
		if (L->fl->nmarkers > 0)
			empty_line(L, c->size);
		li_close(L, body, li);
	}
	tag_close(L, l);
	owe(L, c->after);
}

/* Code keeps its spaces; tabs go to the next multiple of four columns. */
static const char *
expand_tabs(struct lay *L, const char *s)
{
	if (strchr(s, '\t') == NULL)
		return s;
	size_t tabs = 0;
	for (const char *p = s; *p; p++)
		tabs += *p == '\t';
	char *out = arena_alloc(L->a, strlen(s) + 3 * tabs + 1), *o = out;
	size_t col = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '\t') {
			do
				*o++ = ' ';
			while (++col % 4 != 0);
		} else {
			*o++ = *p;
			if (*p == '\n')
				col = 0;
			else if (((unsigned char)*p & 0xC0) != 0x80)
				col++;
		}
	}
	*o = '\0';
	return out;
}

static void
code_block(struct lay *L, const struct node *n, const struct ctx *c)
{
	struct style st = plain_style(c->size * CODE_SCALE);
	st.mono = true;
	const char *s = expand_tabs(L, n->text != NULL ? n->text : "");
	int p = tag_open(L, TAG_P), code = tag_open(L, TAG_CODE);
	inl_reset(L);
	L->pos = n->pos;
	L->keep_spaces = true;
	while (*s != '\0') {
		size_t len = strcspn(s, "\n");
		size_t end = len;
		while (end > 0 && s[end - 1] == ' ')
			end--;
		inl_text(L, s, end, &st, false);
		inl_break(L);
		s += len + (s[len] == '\n');
	}
	L->keep_spaces = false;
	set_words(L, c->x, c->w, st.size, ALIGN_LEFT, 0, false);
	owe(L, c->after);
	tag_close(L, code);
	tag_close(L, p);
}

static void
thematic_break(struct lay *L, const struct ctx *c)
{
	struct rbox *b = box_add(L, BOX_RULE);
	b->b.x = c->x;
	b->b.y = -0.5 * c->size;
	b->b.w = c->w;
	b->b.line_width = RULE_WIDTH;
	item_end(L, c->size, 0, baseline(L, c->size));
	owe(L, c->after);
}

/* A block; a numbered one's number is hung by blocks. */
static void
block(struct lay *L, const struct node *n, const struct ctx *c)
{
	if (n->pos.line > 0)
		L->pos = n->pos;
	switch (n->type) {
	case N_PARAGRAPH:
		paragraph(L, n, c);
		break;
	case N_SUBHEADING:
		subheading(L, n, c);
		break;
	case N_LIST:
		list(L, n, c);
		break;
	case N_ITEM:
	case N_FOOTNOTE_DEF:
		blocks(L, n->first, c);
		break;
	case N_BLOCKQUOTE: {
		struct ctx q = *c;
		q.x += QUOTE_INDENT;
		q.w -= QUOTE_INDENT;
		q.numx = q.x;
		int e = tag_open(L, TAG_BLOCKQUOTE);
		blocks(L, n->first, &q);
		tag_close(L, e);
		break;
	}
	case N_CODE_BLOCK:
		code_block(L, n, c);
		break;
	case N_THEMATIC_BREAK:
		thematic_break(L, c);
		break;
	case N_TABLE:
		layout_table(L, n, c->x, c->w, c->size, c->after);
		break;
	case N_TABLE_ROW:
	case N_TABLE_CELL:
	case N_TEXT:
	case N_SOFTBREAK:
	case N_LINEBREAK:
	case N_CODE:
	case N_EMPH:
	case N_STRONG:
	case N_STRIKETHROUGH:
	case N_LINK:
	case N_IMAGE:
	case N_XREF:
	case N_FOOTNOTE_REF:
		break; /* only inside their parents */
	}
	if (L->fl->nmarkers > 0 && n->number != NULL)
		empty_line(L, c->size);
}

bool
lay_past_pages(struct lay *L, const char *path, struct pos pos)
{
	if (L->too_long)
		return true;
	if (L->flow_h <= CLERK_MAX_PAGES * (L->ytop - L->ybot))
		return false;
	diag(L->d, path, pos, D_TOO_MANY_PAGES, CLERK_MAX_PAGES);
	L->too_long = true;
	return true;
}

/* Blocks in order. A run of numbered blocks (paragraphs numbered in
 * their section) is one L (Decimal) of LIs, each the number in its Lbl
 * and the block in its LBody. */
static void
blocks(struct lay *L, const struct node *first, const struct ctx *c)
{
	int l = 0;
	for (const struct node *n = first; n != NULL && !L->too_long;
	     n = n->next) {
		if (n->number == NULL && l > 0) {
			tag_close(L, l);
			l = 0;
		}
		if (n->number == NULL) {
			block(L, n, c);
		} else {
			if (l == 0) {
				l = tag_open(L, TAG_L);
				L->tags[l - 1].numbering = NUM_DECIMAL;
			}
			int li,
			    body = li_open(L, number_label(L, n->number),
			        plain_style(c->size), c->numx, &li);
			block(L, n, c);
			li_close(L, body, li);
		}
		(void)lay_past_pages(L, L->doc->path, n->pos);
	}
	if (l > 0)
		tag_close(L, l);
}

/* ---- The paper ----------------------------------------------------- */

static struct ctx
body_ctx(const struct lay *L, double indent)
{
	struct ctx c;
	memset(&c, 0, sizeof c);
	c.numx = L->x0;
	c.x = L->x0 + indent;
	c.w = L->width - indent;
	c.size = L->size;
	c.after = PARA_AFTER * L->size;
	c.justify = L->t->justify;
	c.minutes = L->t->kind == KIND_MINUTES;
	return c;
}

/* The indent of numbered paragraphs: HANG, or more for wide numbers. */
static double
hang(struct lay *L)
{
	struct style st = plain_style(L->size);
	double widest = 0;
	for (const struct section *s = L->p->sections; s; s = s->next) {
		if (s->number != NULL) {
			double w = text_width(L, number_label(L, s->number),
			    &st);
			if (w > widest)
				widest = w;
		}
		for (const struct node *n = s->first; n; n = n->next) {
			if (n->number == NULL || strlen(n->number) < 4)
				continue; /* "123." is narrower than HANG */
			double w = text_width(L, number_label(L, n->number),
			    &st);
			if (w > widest)
				widest = w;
		}
	}
	return widest + 0.5 * L->size > HANG ? widest + 0.5 * L->size : HANG;
}

/* Lays out the footnotes of doc into the footnote flow, note N at
 * L->notes[L->note0 + N - 1]. */
static void
layout_notes(struct lay *L, const struct paper *doc)
{
	L->note0 = L->nnotes;
	L->doc_notes = doc->nfootnotes;
	if (doc->nfootnotes == 0)
		return;
	struct note *notes = arena_alloc(L->a,
	    (L->nnotes + doc->nfootnotes) * sizeof *notes);
	if (L->nnotes > 0)
		memcpy(notes, L->notes, L->nnotes * sizeof *notes);
	L->notes = notes;
	L->nnotes += doc->nfootnotes;
	double fs = L->size * NOTE_SCALE;
	struct style st = plain_style(fs);
	double ind = text_width(L, arena_printf(L->a, "%zu", doc->nfootnotes),
	                 &st) +
	    0.6 * fs;
	if (ind < 1.5 * fs)
		ind = 1.5 * fs;
	struct ctx c = body_ctx(L, ind);
	c.size = fs;
	c.after = 0.25 * fs;
	c.minutes = false;
	c.numx = L->x0;
	L->fl = &L->foot;
	for (const struct node *def = doc->footnotes; def; def = def->next) {
		int num = def->u.footnote.number;
		if (num < 1 || (size_t)num > doc->nfootnotes)
			continue;
		struct note *nt = &L->notes[L->note0 + (size_t)num - 1];
		nt->i0 = L->foot.n;
		/* a Note, its number in it; emit_line moves it beside its
		 * first reference */
		nt->tag = tag_open(L, TAG_NOTE);
		nt->placed = false;
		L->foot.pending = 0;
		set_marker(L, arena_printf(L->a, "%d", num), st, L->x0);
		L->pos = def->pos;
		blocks(L, def->first, &c);
		if (L->foot.nmarkers > 0)
			empty_line(L, fs);
		nt->i1 = L->foot.n;
		tag_close(L, nt->tag);
	}
	L->fl = &L->main;
}

static void
section(struct lay *L, const struct section *s, bool *main_done)
{
	const struct template *t = L->t;
	bool minutes = t->kind == KIND_MINUTES;
	bool numbered = s->def != NULL && s->def->numbered;
	struct style hs = plain_style(L->size);
	hs.bold = true;
	/* Heading levels (head_tag): a report's sections are H1 but for the
	 * numbered ones after the template's main heading ("Main Report",
	 * H1), which are H2; minutes' items are H2, below the minutes'
	 * heading (the committee, H1); a section's subheadings are one
	 * level below it per Markdown level (### under ##). */
	int level = minutes ? 2 : 1;
	if (!minutes && numbered && !*main_done) {
		*main_done = true;
		if (t->main_heading != NULL && *t->main_heading) {
			heading(L, 1, NULL, t->main_heading, hs, L->x0,
			    L->width, NULL, 0, HEAD_BEFORE * L->size,
			    PARA_AFTER * L->size);
			L->main_heading = true;
		}
	}
	if (!minutes && numbered && L->main_heading)
		level = 2;
	const char *num = s->number ? number_label(L, s->number) : NULL;
	double hx = num != NULL ? L->x0 + L->hang : L->x0;
	L->pos = s->pos;
	size_t item = heading(L, level, NULL, s->heading, hs, hx, L->x1 - hx,
	    num, L->x0, HEAD_BEFORE * L->size, PARA_AFTER * L->size);
	L->hsect = L->hlevel;
	mark(L, item, 0,
	    minutes && num ? arena_printf(L->a, "%s %s", num, s->heading) :
	                     s->heading,
	    NULL);
	struct ctx c = body_ctx(L, numbered || minutes ? L->hang : 0);
	blocks(L, s->first, &c);
}

/* In the full edition, keeps the items made since item i0, which hold
 * non-public appendix ap (its entry in the list, or its text), in
 * L->exempt_runs, so that their pages are marked. */
static void
exempt_run(struct lay *L, size_t i0, const struct appendix *ap)
{
	if (L->opt->edition != EDITION_FULL || L->main.n == i0)
		return;
	struct exempt_run *r = &L->exempt_runs[L->nexempt_runs++];
	r->i0 = i0;
	r->i1 = L->main.n;
	r->exempt = appendix_exempt(L->p, ap, &r->nexempt);
}

/* The sections made from front matter keys, in the template's order. */
static void
key_sections(struct lay *L)
{
	const struct meta *m = &L->p->meta;
	struct style hs = plain_style(L->size), st = plain_style(L->size);
	hs.bold = true;
	for (size_t i = 0; i < L->t->nsections; i++) {
		const struct tpl_section *def = &L->t->sections[i];
		if (def->from_key == NULL)
			continue;
		bool apps = strcmp(def->from_key, "appendices") == 0;
		size_t n = apps ? m->nappendices : m->nbackground_papers;
		if (n == 0 ||
		    (!apps && strcmp(def->from_key, "background_papers") != 0))
			continue;
		size_t item = heading(L, 1, NULL, def->heading, hs, L->x0,
		    L->width, NULL, 0, HEAD_BEFORE * L->size,
		    PARA_AFTER * L->size);
		mark(L, item, 0, def->heading, NULL);
		/* the papers or appendices listed: an L of unlabelled LIs */
		int l = tag_open(L, TAG_L);
		for (size_t k = 0; k < n; k++) {
			/* the public edition does not name a non-public
			 * appendix: a pack's Part 1 paper says where it
			 * is carried, others why it is left out */
			const struct appendix *ap = apps ? &m->appendices[k] :
			                                   NULL;
			const char *text = apps ?
			    paper_appendix_line(L->a, L->p, k, L->opt->edition,
			        L->opt->routed) :
			    m->background_papers[k];
			size_t i0 = L->main.n;
			int li = tag_open(L, TAG_LI);
			plain_para(L, TAG_LBODY, text, st, L->x0, L->width, 0,
			    k + 1 < n ? 0.3 * L->size : PARA_AFTER * L->size,
			    false);
			tag_close(L, li);
			if (ap != NULL && !ap->public)
				exempt_run(L, i0, ap); /* its title */
		}
		tag_close(L, l);
	}
}

/* Appendix i of the paper, on new pages: "Appendix N" and its title,
 * then its blocks as unnumbered text (a first heading repeating the title
 * left out), with its own footnotes. */
static void
appendix(struct lay *L, size_t i, bool newpage)
{
	const struct appendix *ap = &L->p->meta.appendices[i];
	struct style hs = plain_style(L->size);
	hs.bold = true;
	if (L->too_long)
		return;
	L->doc = ap->doc;
	layout_notes(L, ap->doc);
	/* a Sect: its heading (H1, "Appendix N" and its title), its blocks
	 * (their subheadings below it) */
	int sect = tag_open(L, TAG_SECT);
	L->main.newpage = newpage;
	if (newpage)
		L->main.pending = 0;
	const char *title = ap->title != NULL ? ap->title : "";
	L->pos = (struct pos){0, 0};
	/* alone (carried by a Part 2 item), it names its paper first */
	const char *head = arena_printf(L->a, "Appendix %zu\n%s", i + 1, title);
	if (!newpage && L->p->meta.subject != NULL)
		head = arena_printf(L->a, "%s\n%s", L->p->meta.subject, head);
	size_t item = heading(L, 1, NULL, head, hs, L->x0, L->width, NULL, 0, 0,
	    PARA_AFTER * L->size);
	L->hsect = L->hlevel;
	for (size_t k = item; k < L->main.n; k++) {
		/* its place is its entry in the paper's front matter */
		L->main.items[k].pos = ap->pos;
		L->main.items[k].path = L->p->path;
	}
	mark(L, item, 0,
	    arena_printf(L->a, "Appendix %zu \xe2\x80\x93 %s", i + 1, title),
	    NULL);
	if (lay_past_pages(L, L->p->path, ap->pos)) {
		L->doc = L->p;
		tag_close(L, sect);
		return;
	}
	struct ctx c = body_ctx(L, 0);
	c.minutes = false;
	for (const struct section *s = ap->doc->sections; s; s = s->next)
		blocks(L, paper_appendix_first(L->a, L->p, i, s), &c);
	L->doc = L->p;
	tag_close(L, sect);
}

static void page_put(struct lay *L, size_t pg, const struct rbox *rb,
    double dy);

/* The ruled stamp text (bold) at the top right of a page w wide and h
 * high, dy below the place of a pack's "Agenda Item" stamp, on white:
 * its boxes made in L->boxes, the text owned by the element open. */
static void
ext_stamp(struct lay *L, const char *text, double w, double h, double dy)
{
	const struct template *t = L->t;
	struct style st = plain_style(L->size);
	st.bold = true;
	double tw = text_width(L, text, &st), pad = FRONT_PAD;
	double asc = L->m->ascent[FONT_BOLD] / 1000 * st.size;
	double desc = -L->m->descent[FONT_BOLD] / 1000 * st.size;
	double x1 = w - t->margin_right, x = x1 - pad - tw;
	double top = h - t->margin_top / 4 - dy;
	double base = top - pad - asc;
	double x0 = x - pad, y0 = base - desc - pad;
	struct rbox *blank = box_add(L, BOX_BLANK);
	blank->b.tag = 0;
	blank->b.x = x0;
	blank->b.y = y0;
	blank->b.w = x1 - x0;
	blank->b.h = top - y0;
	put_text(L, text, &st, x, base);
	const double r[4][4] = {
	    {x0, y0, x1 - x0, 0},
	    {x0, top, x1 - x0, 0},
	    {x0, y0, 0, top - y0},
	    {x1, y0, 0, top - y0},
	};
	for (size_t i = 0; i < 4; i++) {
		struct rbox *b = box_add(L, BOX_RULE);
		b->b.x = r[i][0];
		b->b.y = r[i][1];
		b->b.w = r[i][2];
		b->b.h = r[i][3];
		b->b.line_width = RULE_WIDTH;
	}
}

/* Appendix i of the paper, a PDF file: a Sect holding an H1, its stamp
 * "Appendix N" at the top right of its first page (lower when a pack's
 * "Agenda Item" stamp will sit there: the appendix carried alone by a
 * Part 2 item), and a Div per included page owning it. Its pages are
 * placed after the flow's (place_ext). */
static void
ext_appendix(struct lay *L, size_t i)
{
	const struct extpdf *x = L->p->meta.appendices[i].pdf;
	struct ext_run *r = &L->exts[L->nexts++];
	memset(r, 0, sizeof *r);
	r->appendix = i;
	int sect = tag_open(L, TAG_SECT);
	int h1 = tag_open(L, TAG_H1);
	r->b0 = L->nboxes;
	double dy = 0;
	if (L->opt->appendix >= 0)
		dy = L->size * LEADING + 2 * FRONT_PAD +
		    L->m->ascent[FONT_BOLD] / 1000 * L->size;
	ext_stamp(L, arena_printf(L->a, "Appendix %zu", i + 1),
	    x->pages[0].width, x->pages[0].height, dy);
	r->b1 = L->nboxes;
	tag_close(L, h1);
	r->pbox = L->nboxes;
	for (size_t k = 0; k < x->npages; k++) {
		int div = tag_open(L, TAG_DIV);
		struct rbox *b = box_add(L, BOX_PAGE);
		b->b.w = x->pages[k].width;
		b->b.h = x->pages[k].height;
		tag_close(L, div);
	}
	tag_close(L, sect);
}

/* Each appendix with a file, but the non-public ones in the public
 * edition: the Markdown ones in the flow, the PDF ones after it. */
static void
appendices(struct lay *L)
{
	const struct meta *m = &L->p->meta;
	for (size_t i = 0; i < m->nappendices; i++) {
		const struct appendix *ap = &m->appendices[i];
		if (ap->doc == NULL ||
		    (!ap->public && L->opt->edition != EDITION_FULL))
			continue;
		size_t i0 = L->main.n;
		appendix(L, i, true);
		if (!ap->public)
			exempt_run(L, i0, ap);
	}
	for (size_t i = 0; i < m->nappendices; i++) {
		const struct appendix *ap = &m->appendices[i];
		if (ap->pdf != NULL &&
		    (ap->public || L->opt->edition == EDITION_FULL))
			ext_appendix(L, i);
	}
}

/* The pages of the PDF appendices laid out, after the flow's, each with
 * its BOX_PAGE (and the first its stamp), and their bookmarks:
 * "Appendix N – title", the file's own below it. */
static void
place_ext(struct lay *L)
{
	struct layout *o = L->out;
	size_t nout = o->noutline;
	for (size_t e = 0; e < L->nexts; e++)
		nout += 1 +
		    L->p->meta.appendices[L->exts[e].appendix].pdf->noutline;
	if (L->nexts > 0) {
		struct outline_entry *out = arena_alloc(L->a,
		    (nout + 1) * sizeof *out);
		memcpy(out, o->outline, o->noutline * sizeof *out);
		o->outline = out;
	}
	for (size_t e = 0; e < L->nexts && !L->too_long; e++) {
		struct ext_run *r = &L->exts[e];
		const struct appendix *ap = &L->p->meta.appendices[r->appendix];
		const struct extpdf *x = ap->pdf;
		r->page0 = o->npages;
		for (size_t k = 0; k < x->npages; k++) {
			if (o->npages == CLERK_MAX_PAGES) {
				diag(L->d, L->p->path, ap->file_pos,
				    D_TOO_MANY_PAGES, CLERK_MAX_PAGES);
				L->too_long = true;
				break;
			}
			struct lpage *pg = page_new(L);
			pg->ext = x;
			pg->ext_page = k;
			pg->width = x->pages[k].width;
			pg->height = x->pages[k].height;
			size_t n = o->npages - 1;
			page_put(L, n, &L->boxes[r->pbox + k], 0);
			for (size_t b = r->b0; k == 0 && b < r->b1; b++)
				page_put(L, n, &L->boxes[b], 0);
			r->npages++;
		}
		if (r->npages == 0)
			continue;
		o->outline[o->noutline++] = (struct outline_entry){0,
		    outline_title(L,
		        arena_printf(L->a, "Appendix %zu \xe2\x80\x93 %s",
		            r->appendix + 1,
		            ap->title != NULL ? ap->title : "")),
		    (int)r->page0, x->pages[0].height};
		for (size_t m = 0; m < x->noutline; m++) {
			const struct extpdf_mark *mk = &x->outline[m];
			if (mk->page >= r->npages)
				continue;
			o->outline[o->noutline++] = (struct outline_entry){1 +
			        mk->level,
			    outline_title(L, mk->title),
			    (int)(r->page0 + mk->page),
			    x->pages[mk->page].height};
		}
	}
}

/* Adds the n paragraphs x to those of page pg (in the arena; ascending,
 * each once). */
static void
page_exempt(struct lay *L, size_t pg, const int *x, size_t n)
{
	struct lpage *page = &L->out->pages[pg];
	bool seen[8] = {false};
	for (size_t i = 0; i < page->nexempt; i++)
		seen[page->exempt[i]] = true;
	for (size_t i = 0; i < n; i++)
		if (x[i] >= 1 && x[i] <= 7)
			seen[x[i]] = true;
	int *out = arena_alloc(L->a, 7 * sizeof *out);
	size_t k = 0;
	for (int p = 1; p <= 7; p++)
		if (seen[p])
			out[k++] = p;
	page->exempt = out;
	page->nexempt = k;
}

/* Marks the pages of the full edition that hold non-public matter, with
 * the paragraphs that exempt what is on each: every page of a non-public
 * paper or of an appendix laid out alone, and the pages of the runs of
 * items of non-public appendices (their entries in the list, their text:
 * the last run of a paper's items goes on to its last page, where its
 * footnotes may end). */
static void
mark_exempt_pages(struct lay *L)
{
	struct layout *o = L->out;
	if (L->opt->edition != EDITION_FULL)
		return;
	if (!L->p->meta.public || L->opt->appendix >= 0)
		for (size_t pg = 0; pg < o->npages; pg++)
			page_exempt(L, pg, L->exempt, L->nexempt);
	for (size_t k = 0; k < L->nexempt_runs; k++) {
		const struct exempt_run *r = &L->exempt_runs[k];
		if (r->i0 >= L->main.n || o->npages == 0)
			continue;
		size_t first = (size_t)L->ipage[r->i0];
		size_t last = r->i1 >= L->main.n ? L->flow_pages - 1 :
		                                   (size_t)L->ipage[r->i1 - 1];
		for (size_t pg = first; pg <= last && pg < o->npages; pg++)
			page_exempt(L, pg, r->exempt, r->nexempt);
	}
	for (size_t e = 0; e < L->nexts; e++) {
		const struct ext_run *r = &L->exts[e];
		const struct appendix *ap = &L->p->meta.appendices[r->appendix];
		if (ap->public)
			continue;
		size_t nx;
		const int *x = appendix_exempt(L->p, ap, &nx);
		for (size_t pg = r->page0; pg < r->page0 + r->npages; pg++)
			page_exempt(L, pg, x, nx);
	}
}

/* ---- Pages --------------------------------------------------------- */

double
lpage_width(const struct layout *l, const struct lpage *pg)
{
	return pg->width > 0 ? pg->width : l->width;
}

double
lpage_height(const struct layout *l, const struct lpage *pg)
{
	return pg->height > 0 ? pg->height : l->height;
}

struct lpage *
page_new(struct lay *L)
{
	struct layout *o = L->out;
	o->pages = lay_grow(L, o->pages, &L->cpages, o->npages + 1,
	    sizeof *o->pages);
	struct lpage *pg = &o->pages[o->npages++];
	memset(pg, 0, sizeof *pg);
	return pg;
}

/* Adds a copy of b to page pg: page furniture (no pending links), an
 * artifact. */
void
page_box(struct lay *L, size_t pg, const struct box *b)
{
	struct lpage *p = &L->out->pages[pg];
	if (p->nboxes == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 16;
		p->boxes = arena_grow(L->a, p->boxes, p->nboxes, cap,
		    sizeof *p->boxes);
		p->cap = cap;
	}
	p->boxes[p->nboxes] = *b;
	p->boxes[p->nboxes++].tag = 0;
}

/* Puts a copy of rb on page pg, dy above its place. */
static void
page_put(struct lay *L, size_t pg, const struct rbox *rb, double dy)
{
	struct lpage *p = &L->out->pages[pg];
	if (p->nboxes == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 64;
		p->boxes = arena_grow(L->a, p->boxes, p->nboxes, cap,
		    sizeof *p->boxes);
		p->cap = cap;
	}
	struct box *b = &p->boxes[p->nboxes++];
	*b = rb->b;
	b->y += dy;
	if (b->type == BOX_LINK && rb->target != NULL) {
		L->xrefs = lay_grow(L, L->xrefs, &L->cxrefs, L->nxrefs + 1,
		    sizeof *L->xrefs);
		L->xrefs[L->nxrefs++] = (struct pending){pg, p->nboxes - 1,
		    rb->target};
	}
}

static void
put_item(struct lay *L, size_t pg, const struct item *it, double top)
{
	for (size_t i = it->b0; i < it->b1; i++)
		page_put(L, pg, &L->boxes[i], top);
}

/* put_item for a table's header repeated atop a page: page furniture,
 * an artifact (its first place is the one the tree holds). */
static void
put_repeat(struct lay *L, size_t pg, const struct item *it, double top)
{
	struct lpage *p = &L->out->pages[pg];
	size_t b0 = p->nboxes;
	put_item(L, pg, it, top);
	for (size_t i = b0; i < p->nboxes; i++)
		p->boxes[i].tag = 0;
}

/* Cuts the main flow into pages, top-down. An item that does not fit
 * (with the footnotes it brings) goes to the next page, and with it the
 * items before it that keep with it, unless that would empty the page.
 * The first item of a page is always placed. Footnote lines are set at
 * the foot, below a short rule; lines that cannot fit there (only under
 * a forced item) go to the foot of the next page. */
static void
paginate(struct lay *L)
{
	const struct item *it = L->main.items, *ft = L->foot.items;
	size_t n = L->main.n, nf = L->foot.n;
	double avail = L->ytop - L->ybot, sep = 0.8 * L->size;
	/* P[i]: height of the footnote lines before i */
	double *P = arena_alloc(L->a, (nf + 1) * sizeof *P);
	for (size_t i = 0; i < nf; i++)
		P[i + 1] = P[i] + ft[i].before + ft[i].h;
	L->ipage = arena_alloc(L->a, (n + 1) * sizeof *L->ipage);
	L->iy = arena_alloc(L->a, (n + 1) * sizeof *L->iy);
	size_t s = 0, fnext = 0, fowed = 0;
	while (s < n || fnext < fowed ||
	    (L->out->npages == 0 && (n > 0 || L->nexts == 0))) {
		if (L->out->npages == CLERK_MAX_PAGES) {
			if (!L->too_long)
				diag(L->d, s < n ? it[s].path : L->p->path,
				    s < n ? it[s].pos : pos_at(0, 0),
				    D_TOO_MANY_PAGES, CLERK_MAX_PAGES);
			L->too_long = true;
			break;
		}
		size_t hdr = s < n && s > 0 ? it[s].header : 0;
		double y = hdr ? it[hdr - 1].h : 0;
		size_t fend = fowed, k;
		for (k = s; k < n; k++) {
			if (k > s && it[k].newpage)
				break;
			double b = k == s ? 0 : it[k].before;
			size_t fe = it[k].fend > fend ? it[k].fend : fend;
			double F = fe > fnext ? sep + P[fe] - P[fnext] : 0;
			if (k == s || y + b + it[k].h + F <= avail + EPS) {
				y += b + it[k].h;
				fend = fe;
				continue;
			}
			size_t j = k;
			while (j > s && it[j - 1].keep)
				j--;
			if (j > s)
				k = j;
			break;
		}
		/* place [s, k) */
		page_new(L);
		size_t pg = L->out->npages - 1;
		double top = L->ytop;
		fend = fowed;
		if (hdr) {
			put_repeat(L, pg, &it[hdr - 1], top);
			top -= it[hdr - 1].h;
		}
		for (size_t i = s; i < k; i++) {
			if (i > s)
				top -= it[i].before;
			put_item(L, pg, &it[i], top);
			L->ipage[i] = (int)pg;
			L->iy[i] = top;
			top -= it[i].h;
			if (it[i].fend > fend)
				fend = it[i].fend;
		}
		if (k == n)
			fend = nf; /* notes no line refers to: at the end */
		/* footnotes [fnext, fend): as many lines as fit */
		double room = top - L->ybot - sep;
		size_t f = fnext;
		while (f < fend && P[f + 1] - P[fnext] <= room + EPS)
			f++;
		if (f == fnext && s == k && fend > fnext)
			f++; /* a page of notes only takes at least one */
		if (f > fnext) {
			double h = P[f] - P[fnext];
			double y0 = L->ybot + h;
			struct rbox rule;
			memset(&rule, 0, sizeof rule);
			rule.b.type = BOX_RULE;
			rule.b.x = L->x0;
			rule.b.y = y0 + 0.3 * L->size;
			rule.b.w = NOTE_RULE < L->width ? NOTE_RULE : L->width;
			rule.b.line_width = RULE_WIDTH;
			page_put(L, pg, &rule, 0);
			for (size_t i = fnext; i < f; i++) {
				if (i > fnext)
					y0 -= ft[i].before;
				put_item(L, pg, &ft[i], y0);
				y0 -= ft[i].h;
			}
		}
		fnext = f;
		fowed = fend;
		s = k;
	}
}

static int
anchor_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct mark *)a)->node;
	uintptr_t y = (uintptr_t)((const struct mark *)b)->node;
	return x < y ? -1 : x > y;
}

/* The outline from the marks, and links to paragraphs pointed at the page
 * and height where each paragraph begins. */
static void
resolve(struct lay *L)
{
	struct layout *o = L->out;
	size_t nout = 0, nanch = 0;
	for (size_t i = 0; i < L->nmarks; i++) {
		if (L->marks[i].item >= L->main.n)
			continue;
		if (L->marks[i].level >= 0)
			nout++;
		else
			nanch++;
	}
	o->outline = arena_alloc(L->a, (nout + 1) * sizeof *o->outline);
	struct mark *anch = arena_alloc(L->a, (nanch + 1) * sizeof *anch);
	nanch = 0;
	for (size_t i = 0; i < L->nmarks; i++) {
		const struct mark *mk = &L->marks[i];
		if (mk->item >= L->main.n)
			continue;
		if (mk->level < 0) {
			anch[nanch++] = *mk;
			continue;
		}
		struct outline_entry *e = &o->outline[o->noutline++];
		e->level = mk->level;
		e->title = mk->title;
		e->page = L->ipage[mk->item];
		e->y = L->iy[mk->item];
	}
	qsort(anch, nanch, sizeof *anch, anchor_cmp);
	for (size_t i = 0; i < L->nxrefs; i++) {
		struct pending *x = &L->xrefs[i];
		struct box *b = &o->pages[x->page].boxes[x->box];
		struct mark key = {0, -1, NULL, x->target};
		const struct mark *a = nanch ?
		    bsearch(&key, anch, nanch, sizeof *anch, anchor_cmp) :
		    NULL;
		b->uri = NULL;
		b->dest_page = a ? L->ipage[a->item] : (int)x->page;
		b->dest_y = a ? L->iy[a->item] : L->ytop;
	}
}

struct lay *
lay_new(const struct paper *p, const struct template *t,
    const struct metrics *m, struct diags *d)
{
	static const struct layout_options whole = {.edition = EDITION_PUBLIC,
	    .appendix = -1};
	struct lay *L = arena_alloc(p->arena, sizeof *L);
	L->p = L->doc = p;
	L->t = t;
	L->m = m;
	L->d = d;
	L->a = p->arena;
	L->opt = &whole;
	L->size = t->font_size > 0 ? t->font_size : 12;
	L->x0 = t->margin_left;
	L->x1 = t->page_width - t->margin_right;
	L->ytop = t->page_height - t->margin_top;
	L->ybot = t->margin_bottom;
	L->width = L->x1 - L->x0;
	L->hang = HANG;
	for (size_t i = 0; i < FONT__COUNT; i++)
		L->spacew[i] = -1;
	L->out = arena_alloc(p->arena, sizeof *L->out);
	L->out->width = t->page_width;
	L->out->height = t->page_height;
	L->out->engine = L;
	L->fl = &L->main;
	item_begin(L);
	L->tags = lay_grow(L, NULL, &L->ctags, 64, sizeof *L->tags);
	memset(L->tags, 0, sizeof *L->tags);
	L->tags[0].type = TAG_DOCUMENT;
	L->ntags = 1;
	L->tag = 1;
	return L;
}

/* An element's place among its parent's kids, for tree_order. */
struct kid {
	int parent;
	uint32_t seq;
	int e; /* index in L->tags */
};

static int
kid_cmp(const void *a, const void *b)
{
	const struct kid *x = a, *y = b;
	if (x->parent != y->parent)
		return x->parent < y->parent ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Renumbers the elements in the order of the tree, each before its kids
 * and after its elder siblings' subtrees (a Note made before the element
 * it was moved into comes after it), and the boxes' owners with them. */
static void
tree_order(struct lay *L)
{
	size_t n = L->ntags;
	struct kid *k = arena_alloc(L->a, n * sizeof *k);
	size_t *first = arena_alloc(L->a, (n + 2) * sizeof *first);
	int *map = arena_alloc(L->a, (n + 1) * sizeof *map);
	int *stack = arena_alloc(L->a, (n + 1) * sizeof *stack);
	size_t *next = arena_alloc(L->a, (n + 1) * sizeof *next);
	for (size_t i = 1; i < n; i++)
		k[i - 1] = (struct kid){L->tags[i].parent, L->tags[i].seq,
		    (int)i};
	qsort(k, n - 1, sizeof *k, kid_cmp);
	/* the kids of element e (1-based) are k[first[e], first[e + 1]) */
	for (size_t i = 0, e = 0; e <= n + 1; e++) {
		while (i < n - 1 && (size_t)k[i].parent < e)
			i++;
		first[e] = i;
	}
	struct selem *out = arena_alloc(L->a, n * sizeof *out);
	size_t nout = 0, depth = 0;
	stack[depth] = 1;
	next[depth] = first[1];
	map[1] = 1;
	out[nout++] = L->tags[0];
	while (true) {
		int e = stack[depth];
		if (next[depth] == first[e + 1]) {
			if (depth-- == 0)
				break;
			continue;
		}
		int kid = k[next[depth]++].e + 1;
		out[nout] = L->tags[kid - 1];
		out[nout].parent = map[e];
		map[kid] = (int)++nout;
		stack[++depth] = kid;
		next[depth] = first[kid];
	}
	assert(nout == n);
	for (size_t i = 0; i < L->nboxes; i++)
		if (L->boxes[i].b.tag > 0)
			L->boxes[i].b.tag = map[L->boxes[i].b.tag];
	memcpy(L->tags, out, n * sizeof *out);
}

void
lay_finish(struct lay *L)
{
	assert(L->tag == 1); /* every element made is closed */
	for (size_t i = 0; i < L->nnotes; i++)
		if (L->notes[i].tag > 0 && !L->notes[i].placed) {
			/* a note no line refers to: at the end */
			L->tags[L->notes[i].tag - 1].parent = 1;
			L->tags[L->notes[i].tag - 1].seq = L->seq++;
		}
	/* elements are made in the order of the tree (tag_open), but for
	 * the notes, moved */
	if (L->nnotes > 0)
		tree_order(L);
	paginate(L);
	resolve(L);
	L->flow_pages = L->out->npages;
	place_ext(L);
	L->out->tags = L->tags;
	L->out->ntags = L->ntags;
	for (size_t i = 0; i < L->out->npages; i++) {
		L->out->pages[i].nbody = L->out->pages[i].nboxes;
		L->out->pages[i].source = L->p->path;
	}
}

void
lay_blocks(struct lay *L, const struct node *first, double x, double w)
{
	struct ctx c = body_ctx(L, 0);
	c.x = x;
	c.w = w;
	c.numx = x;
	c.minutes = false;
	c.justify = false;
	blocks(L, first, &c);
}

struct layout *
layout_paper(const struct paper *p, const struct metrics *m, struct diags *d,
    enum edition e)
{
	const struct layout_options o = {.edition = e, .appendix = -1};
	return layout_paper_with(p, m, d, &o);
}

/* Whether p has edition e, without a word (paper_edition_ok says why). */
static bool
has_edition(const struct paper *p, enum edition e)
{
	struct diags *quiet = diags_new();
	bool ok = paper_edition_ok(p, e, quiet);
	diags_free(quiet);
	return ok;
}

struct layout *
layout_paper_with(const struct paper *p, const struct metrics *m,
    struct diags *d, const struct layout_options *o)
{
	const struct template *t = p->tpl;
	if (t == NULL)
		return NULL; /* the paper was read with errors */
	if (o->appendix >= 0 &&
	    ((size_t)o->appendix >= p->meta.nappendices ||
	        !appendix_has_file(&p->meta.appendices[o->appendix]) ||
	        o->edition != EDITION_FULL))
		return NULL; /* no such document */
	if (o->appendix < 0 && !has_edition(p, o->edition))
		return NULL; /* never a public edition of a non-public
				paper */
	struct lay *L = lay_new(p, t, m, d);
	L->opt = o;
	L->exempt_runs = arena_alloc(L->a,
	    (2 * p->meta.nappendices + 1) * sizeof *L->exempt_runs);
	L->exts = arena_alloc(L->a,
	    (p->meta.nappendices + 1) * sizeof *L->exts);
	L->exempt = o->appendix >= 0 ? o->exempt : p->meta.exempt;
	L->nexempt = o->appendix >= 0 ? o->nexempt : p->meta.nexempt;
	L->hang = hang(L);

	if (o->appendix >= 0 && p->meta.appendices[o->appendix].pdf != NULL) {
		/* its pages alone: the exempt notice is in their running
		 * header */
		ext_appendix(L, (size_t)o->appendix);
	} else if (o->appendix >= 0) {
		layout_exempt(L);
		appendix(L, (size_t)o->appendix, false);
	} else {
		layout_notes(L, p);
		layout_exempt(L);
		if (t->kind == KIND_MINUTES)
			layout_minutes_head(L);
		else
			layout_front(L);
		bool main_done = false;
		for (const struct section *s = p->sections; s; s = s->next)
			section(L, s, &main_done);
		if (t->kind == KIND_REPORT)
			key_sections(L);
		layout_contact(L);
		appendices(L);
	}

	lay_finish(L);
	mark_exempt_pages(L);
	if (!o->defer_numbers)
		layout_number(L->out, m, d, 1, (int)L->out->npages, NULL);
	return L->out;
}

void
layout_number(struct layout *l, const struct metrics *m, struct diags *d,
    int first, int total, const char *stamp)
{
	struct lay *L = l->engine;
	if (L == NULL)
		return;
	L->m = m;
	L->d = d;
	for (size_t i = 0; i < l->npages; i++)
		l->pages[i].nboxes = l->pages[i].nbody;
	L->page_first = first;
	L->page_total = total;
	L->stamp_w = stamp != NULL ? layout_stamp_width(L, stamp) : 0;
	layout_furniture(L);
	if (stamp != NULL && l->npages > 0)
		layout_stamp(L, stamp);
}

void
layout_pad(struct layout *l, const struct metrics *m, struct diags *d)
{
	struct lay *L = l->engine;
	if (L == NULL)
		return;
	L->m = m;
	L->d = d;
	page_new(L)->source = L->p->path;
	layout_blank_text(L, l->npages - 1);
	l->pages[l->npages - 1].nbody = l->pages[l->npages - 1].nboxes;
}

struct layout *
layout_join(struct arena *a, struct layout *const *parts, size_t n,
    const struct page_label *labels)
{
	struct layout *o = arena_alloc(a, sizeof *o);
	size_t np = 0, nout = 0;
	for (size_t i = 0; i < n; i++) {
		np += parts[i]->npages;
		nout += parts[i]->noutline;
	}
	o->pages = arena_alloc(a, (np + 1) * sizeof *o->pages);
	o->outline = arena_alloc(a, (nout + 1) * sizeof *o->outline);
	o->labels = arena_alloc(a, (n + 1) * sizeof *o->labels);
	size_t nt = 1;
	for (size_t i = 0; i < n; i++)
		nt += parts[i]->ntags;
	o->tags = arena_alloc(a, nt * sizeof *o->tags);
	o->tags[0].type = TAG_DOCUMENT;
	o->ntags = 1;
	for (size_t i = 0; i < n; i++) {
		const struct layout *l = parts[i];
		if (i == 0) {
			o->width = l->width;
			o->height = l->height;
		}
		size_t base = o->npages, tbase = o->ntags;
		for (size_t k = 0; k < l->ntags; k++) {
			struct selem *e = &o->tags[o->ntags++];
			*e = l->tags[k];
			e->parent += (int)tbase;
			if (k == 0) { /* the part's root */
				e->type = TAG_PART;
				e->parent = 1;
				e->seq = (uint32_t)i;
			}
		}
		for (size_t k = 0; k < l->npages; k++) {
			o->pages[o->npages] = l->pages[k];
			o->pages[o->npages].dest_base = (int)base +
			    l->pages[k].dest_base;
			o->pages[o->npages].tag_base = (int)tbase +
			    l->pages[k].tag_base;
			o->npages++;
		}
		for (size_t k = 0; k < l->noutline; k++) {
			o->outline[o->noutline] = l->outline[k];
			o->outline[o->noutline].page += (int)base;
			o->noutline++;
		}
		if (labels != NULL && l->npages > 0 &&
		    (o->nlabels == 0 ||
		        o->labels[o->nlabels - 1].style != labels[i].style ||
		        labels[i].first !=
		            o->labels[o->nlabels - 1].first +
		                (int)(base - o->labels[o->nlabels - 1].page))) {
			o->labels[o->nlabels] = labels[i];
			o->labels[o->nlabels].page = base;
			o->nlabels++;
		}
	}
	return o;
}

/* ---- Dump ---------------------------------------------------------- */

const char *
font_name(enum font f)
{
	switch (f) {
	case FONT_REGULAR:
		return "regular";
	case FONT_BOLD:
		return "bold";
	case FONT_ITALIC:
		return "italic";
	case FONT_BOLD_ITALIC:
		return "bold-italic";
	case FONT_MONO:
		return "mono";
	case FONT_MONO_BOLD:
		return "mono-bold";
	case FONT_MONO_ITALIC:
		return "mono-italic";
	case FONT_MONO_BOLD_ITALIC:
		return "mono-bold-italic";
	case FONT_FALLBACK:
		return "fallback";
	case FONT_FALLBACK_BOLD:
		return "fallback-bold";
	case FONT__COUNT:
		break;
	}
	return "?";
}

const char *
stag_name(enum stag t)
{
	static const char *const names[TAG__COUNT] = {
	    [TAG_DOCUMENT] = "Document",
	    [TAG_PART] = "Part",
	    [TAG_SECT] = "Sect",
	    [TAG_H1] = "H1",
	    [TAG_H2] = "H2",
	    [TAG_H3] = "H3",
	    [TAG_H4] = "H4",
	    [TAG_H5] = "H5",
	    [TAG_H6] = "H6",
	    [TAG_P] = "P",
	    [TAG_L] = "L",
	    [TAG_LI] = "LI",
	    [TAG_LBL] = "Lbl",
	    [TAG_LBODY] = "LBody",
	    [TAG_TABLE] = "Table",
	    [TAG_THEAD] = "THead",
	    [TAG_TBODY] = "TBody",
	    [TAG_TR] = "TR",
	    [TAG_TH] = "TH",
	    [TAG_TD] = "TD",
	    [TAG_FIGURE] = "Figure",
	    [TAG_CAPTION] = "Caption",
	    [TAG_NOTE] = "Note",
	    [TAG_LINK] = "Link",
	    [TAG_BLOCKQUOTE] = "BlockQuote",
	    [TAG_CODE] = "Code",
	    [TAG_TOC] = "TOC",
	    [TAG_TOCI] = "TOCI",
	    [TAG_SPAN] = "Span",
	    [TAG_DIV] = "Div",
	};
	return (unsigned)t < TAG__COUNT ? names[t] : "?";
}

static const char *
numbering_name(enum list_numbering n)
{
	switch (n) {
	case NUM_NONE:
		return "None";
	case NUM_DECIMAL:
		return "Decimal";
	case NUM_DISC:
		return "Disc";
	case NUM_LOWER_ALPHA:
		return "LowerAlpha";
	case NUM_UPPER_ALPHA:
		return "UpperAlpha";
	case NUM_LOWER_ROMAN:
		return "LowerRoman";
	case NUM_UPPER_ROMAN:
		return "UpperRoman";
	}
	return "?";
}

/* Two decimals, never "-0.00". */
static void
num2(FILE *fp, double v)
{
	fprintf(fp, " %.2f", fabs(v) < 0.005 ? 0.0 : v);
}

/* A size or width: two decimals at most, trailing zeros dropped. */
static void
num_short(FILE *fp, double v)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%.2f", fabs(v) < 0.005 ? 0.0 : v);
	char *e = buf + strlen(buf);
	while (e[-1] == '0')
		*--e = '\0';
	if (e[-1] == '.')
		e[-1] = '\0';
	fprintf(fp, " %s", buf);
}

static void
quoted(FILE *fp, const char *s, size_t n)
{
	fputs(" \"", fp);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\\')
			fputc('\\', fp);
		fputc(s[i], fp);
	}
	fputc('"', fp);
}

void
layout_dump(FILE *fp, const struct layout *l)
{
	for (size_t i = 0; i < l->npages; i++) {
		const struct lpage *pg = &l->pages[i];
		fprintf(fp, "page %zu", i + 1);
		if (pg->ext != NULL) {
			fprintf(fp, " included page %zu of", pg->ext_page + 1);
			num2(fp, pg->width);
			num2(fp, pg->height);
		}
		fputc('\n', fp);
		for (size_t j = 0; j < pg->nboxes; j++) {
			const struct box *b = &pg->boxes[j];
			switch (b->type) {
			case BOX_TEXT:
				fputs("text", fp);
				num2(fp, b->x);
				num2(fp, b->y);
				num_short(fp, b->size);
				fprintf(fp, " %s", font_name(b->font));
				quoted(fp, b->text, b->len);
				break;
			case BOX_RULE:
				fputs("rule", fp);
				num2(fp, b->x);
				num2(fp, b->y);
				num2(fp, b->w);
				num2(fp, b->h);
				num_short(fp, b->line_width);
				break;
			case BOX_IMAGE:
				fputs("image", fp);
				num2(fp, b->x);
				num2(fp, b->y);
				num2(fp, b->w);
				num2(fp, b->h);
				quoted(fp, b->path, strlen(b->path));
				break;
			case BOX_PAGE:
			case BOX_BLANK:
				fputs(b->type == BOX_PAGE ? "page" : "blank",
				    fp);
				num2(fp, b->x);
				num2(fp, b->y);
				num2(fp, b->w);
				num2(fp, b->h);
				break;
			case BOX_LINK:
				fputs("link", fp);
				num2(fp, b->x);
				num2(fp, b->y);
				num2(fp, b->w);
				num2(fp, b->h);
				if (b->uri != NULL) {
					fputs(" uri", fp);
					quoted(fp, b->uri, strlen(b->uri));
				} else {
					fprintf(fp, " page %d y",
					    b->dest_page + 1);
					num2(fp, b->dest_y);
				}
				break;
			}
			if (b->tag > 0)
				fprintf(fp, " #%d", pg->tag_base + b->tag);
			fputc('\n', fp);
		}
	}
	for (size_t i = 0; i < l->noutline; i++) {
		const struct outline_entry *e = &l->outline[i];
		fprintf(fp, "outline %d", e->level);
		quoted(fp, e->title, strlen(e->title));
		fprintf(fp, " page %d y", e->page + 1);
		num2(fp, e->y);
		fputc('\n', fp);
	}
	for (size_t i = 0; i < l->ntags; i++) {
		const struct selem *e = &l->tags[i];
		fprintf(fp, "tag %zu %s parent %d", i + 1, stag_name(e->type),
		    e->parent);
		if (e->type == TAG_L)
			fprintf(fp, " numbering %s",
			    numbering_name(e->numbering));
		if (e->type == TAG_TH)
			fprintf(fp, " scope %s",
			    e->scope == SCOPE_ROW      ? "Row" :
			        e->scope == SCOPE_BOTH ? "Both" :
			                                 "Column");
		if (e->alt != NULL)
			quoted(fp, e->alt, strlen(e->alt));
		fputc('\n', fp);
	}
}
