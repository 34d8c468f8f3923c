/* layout_front.c: the parts of a paper made from its front matter and the
 * template rather than its body: the exempt notice, the front sheet table,
 * the heading block of minutes, the contact block, and the running header
 * and footer, with the template's {placeholders} filled in. */
#include <math.h>
#include <string.h>

#include "arena.h"
#include "layout-int.h"
#include "paper_text.h"
#include "template.h"
#include "text.h"

/* What a placeholder is filled from (paper_text.h): the row's
 * committee, the page, and the paragraphs of {exempt_paragraphs}: those
 * given, or when NULL the layout's (L->exempt). */
static struct paper_fill
fill_of(struct lay *L, const struct committee *c, size_t page, size_t pages,
    const int *exempt, size_t nexempt)
{
	return (struct paper_fill){L->a, L->p, c, page, pages,
	    exempt != NULL ? exempt : L->exempt,
	    exempt != NULL ? nexempt : L->nexempt};
}

size_t
text_lines(struct lay *L, const char *text, struct style st, double x, double w,
    double before, enum align al, bool together, int dest)
{
	size_t first = L->main.n;
	inl_reset(L);
	inl_text(L, text, strlen(text), &st, true);
	inl_close(L);
	size_t w0 = 0, w1 = L->nwords;
	fit_words(L, &w0, &w1, w);
	size_t l0 = break_lines(L, w0, w1, w);
	double base = baseline(L, st.size);
	int link = 0;
	if (dest >= 0) {
		link = tag_open(L, TAG_LINK);
		L->tags[link - 1].alt = arena_printf(L->a, "Go to page %d",
		    dest + 1);
	}
	for (size_t i = l0; i < L->nlines; i++) {
		emit_line(L, &L->lines[i], x, w, base, al);
		if (dest >= 0) {
			struct rbox *lk = box_add(L, BOX_LINK);
			lk->b.x = x;
			lk->b.y = -LEADING * st.size;
			lk->b.w = L->lines[i].w;
			lk->b.h = LEADING * st.size;
			lk->b.dest_page = dest;
			lk->b.dest_y = L->t->page_height;
		}
		struct item *it = item_end(L, LEADING * st.size,
		    i == l0 ? before : 0, base);
		if (together && i + 1 < L->nlines)
			it->keep = true;
	}
	if (link > 0)
		tag_close(L, link);
	return first;
}

/* Lines of plain text at x in width w, left-aligned, as items: an element
 * of type t. */
static void
lines(struct lay *L, enum stag t, const char *text, struct style st, double x,
    double w, double before, bool together)
{
	int e = tag_open(L, t);
	text_lines(L, text, st, x, w, before, ALIGN_LEFT, together, -1);
	tag_close(L, e);
}

void
layout_exempt(struct lay *L)
{
	if ((L->p->meta.public && L->opt->appendix < 0) ||
	    L->t->exempt_notice == NULL)
		return;
	struct paper_fill f = fill_of(L, NULL, 0, 0, NULL, 0);
	const char *text = template_expand(L->a, L->t->exempt_notice,
	    paper_lookup, &f, NULL);
	struct style st = plain_style(L->size);
	st.bold = true;
	L->pos = (struct pos){0, 0};
	lines(L, TAG_P, text, st, L->x0, L->width, 0, true);
	L->fl->pending = PARA_AFTER * L->size;
}

/* The words of a front-sheet cell: label in bold, then the value. */
static void
front_cell(struct lay *L, struct cell *cl, const char *label, const char *value,
    bool bold_value)
{
	struct style reg = plain_style(L->size), bold = reg;
	bold.bold = true;
	cl->w0 = L->nwords;
	cl->al = ALIGN_LEFT;
	if (label != NULL && *label) {
		inl_text(L, label, strlen(label), &bold, true);
		if (value != NULL && *value)
			inl_space(L, &reg);
	}
	if (value != NULL)
		inl_text(L, value, strlen(value), bold_value ? &bold : &reg,
		    true);
	inl_close(L);
	cl->w1 = L->nwords;
}

/* Appends the row r (for committee c) to cells, unless every
 * placeholder in it is empty. */
static void
front_row(struct lay *L, const struct tpl_row *r, const struct committee *c,
    struct cell *cells, size_t *nrows)
{
	struct paper_fill f = fill_of(L, c, 0, 0, NULL, 0);
	struct tpl_fill n = {0, 0};
	const char *label = template_expand(L->a, r->label, paper_lookup, &f,
	    &n);
	const char *value = template_expand(L->a, r->value, paper_lookup, &f,
	    &n);
	const char *right = template_expand(L->a, r->right, paper_lookup, &f,
	    &n);
	if (n.placeholders > 0 && n.filled == 0)
		return;
	struct cell *row = &cells[2 * (*nrows)++];
	front_cell(L, &row[0], label, value, false);
	/* a right-hand text without placeholders is a label, in bold */
	front_cell(L, &row[1], NULL, right,
	    r->right != NULL && strchr(r->right, '{') == NULL);
}

/* Is r a row of labels only ("Committee(s):" and "Date(s):"), which
 * heads the columns of the rows under it? */
static bool
heads_columns(const struct tpl_row *r)
{
	return r->label != NULL && strchr(r->label, '{') == NULL &&
	    (r->value == NULL || strchr(r->value, '{') == NULL) &&
	    r->right != NULL && strchr(r->right, '{') == NULL;
}

/* The front sheet: the template's rows in a two-column grid across the
 * text width, a row for each committee where a row names one. A Table:
 * a first row of labels only is its THead (TH of their columns, read
 * with each committee and date under them), the other rows TD, a label
 * and its value in one cell as printed. */
void
layout_front(struct lay *L)
{
	const struct template *t = L->t;
	const struct meta *m = &L->p->meta;
	size_t max = 0;
	for (size_t i = 0; i < t->nrows; i++)
		max += tpl_row_per_committee(&t->rows[i]) ? m->ncommittees : 1;
	if (max == 0)
		return;
	struct cell *cells = arena_alloc(L->a, 2 * max * sizeof *cells);
	size_t nrows = 0;
	inl_reset(L);
	L->pos = (struct pos){0, 0};
	for (size_t i = 0; i < t->nrows; i++) {
		const struct tpl_row *r = &t->rows[i];
		if (tpl_row_per_committee(r))
			for (size_t k = 0; k < m->ncommittees; k++)
				front_row(L, r, &m->committees[k], cells,
				    &nrows);
		else
			front_row(L, r, NULL, cells, &nrows);
	}
	if (nrows == 0)
		return;
	size_t head = t->nrows > 0 && heads_columns(&t->rows[0]) && nrows > 1;
	double colw[2] = {L->width * FRONT_LEFT, L->width * (1 - FRONT_LEFT)};
	grid_rows(L, cells, nrows, 2, L->x0, colw, FRONT_PAD, L->size, head,
	    false);
	L->fl->pending = PARA_AFTER * L->size;
}

/* A label in bold and the names under it, indented: a P, then an L of
 * unlabelled LIs. */
static void
people(struct lay *L, const char *label, const char *const *names, size_t n)
{
	if (n == 0)
		return;
	struct style bold = plain_style(L->size), reg = bold;
	bold.bold = true;
	lines(L, TAG_P, label, bold, L->x0, L->width, PARA_AFTER * L->size,
	    false);
	L->fl->items[L->fl->n - 1].keep = true;
	int l = tag_open(L, TAG_L);
	for (size_t i = 0; i < n; i++) {
		int li = tag_open(L, TAG_LI);
		lines(L, TAG_LBODY, smart_quotes(L->a, names[i]), reg,
		    L->x0 + LIST_INDENT, L->width - LIST_INDENT, 0, false);
		tag_close(L, li);
	}
	tag_close(L, l);
}

/* Minutes begin as the City's do: the committee, the day, then "Minutes
 * of the meeting of the <committee> held at <venue> on <day> at <time>",
 * then who was there. The committee is the minutes' heading, H1 (its
 * items are H2); the rest P and L. */
void
layout_minutes_head(struct lay *L)
{
	const struct meta *m = &L->p->meta;
	struct style bold = plain_style(L->size), reg = bold;
	bold.bold = true;
	L->pos = (struct pos){0, 0};
	if (m->ncommittees == 0)
		return;
	const char *name = smart_quotes(L->a, m->committees[0].name);
	lines(L, head_tag(L, 1), name, bold, L->x0, L->width, 0, true);
	lines(L, TAG_P, paper_minutes_day(L->a, L->p), reg, L->x0, L->width, 0,
	    true);
	const char *text = paper_minutes_line(L->a, L->p);
	lines(L, TAG_P, text, reg, L->x0, L->width, PARA_AFTER * L->size,
	    false);
	people(L, "Present:", m->present, m->npresent);
	people(L, "Officers:", m->officers, m->nofficers);
	people(L, "In attendance:", m->in_attendance, m->nin_attendance);
	L->fl->pending = PARA_AFTER * L->size;
}

/* The contact block: the template's lines with their placeholders
 * filled, those with none filled left out, the first in bold, kept
 * together; a P each. */
void
layout_contact(struct lay *L)
{
	const struct template *t = L->t;
	struct paper_fill f = fill_of(L, NULL, 0, 0, NULL, 0);
	struct style reg = plain_style(L->size), bold = reg;
	bold.bold = true;
	bool first = true;
	L->pos = (struct pos){0, 0};
	for (size_t i = 0; i < t->ncontact; i++) {
		struct tpl_fill fill = {0, 0};
		const char *text = template_expand(L->a, t->contact[i],
		    paper_contact_lookup, &f, &fill);
		if ((fill.placeholders > 0 && fill.filled == 0) ||
		    text == NULL || *text == '\0')
			continue;
		if (!first)
			L->fl->items[L->fl->n - 1].keep = true;
		lines(L, TAG_P, text, first ? bold : reg, L->x0, L->width,
		    first ? HEAD_BEFORE * L->size : 0, true);
		first = false;
	}
}

/* Puts on page pg the boxes made from b0 on (and takes them back from
 * L->boxes), on white when pg is an included page, whose own marks may be
 * under them. */
static void
put_furniture(struct lay *L, size_t pg, size_t b0, double y0)
{
	if (L->out->pages[pg].ext != NULL && L->nboxes > b0) {
		double x0 = 1e9, x1 = -1e9, lo = 1e9, hi = -1e9;
		for (size_t i = b0; i < L->nboxes; i++) {
			const struct box *b = &L->boxes[i].b;
			double asc = L->m->ascent[b->font] / 1000 * b->size;
			double desc = L->m->descent[b->font] / 1000 * b->size;
			x0 = fmin(x0, b->x);
			x1 = fmax(x1, b->x + b->w);
			lo = fmin(lo, b->y + y0 + desc);
			hi = fmax(hi, b->y + y0 + asc);
		}
		struct box blank;
		memset(&blank, 0, sizeof blank);
		blank.type = BOX_BLANK;
		blank.x = x0 - FRONT_PAD / 2;
		blank.y = lo - FRONT_PAD / 2;
		blank.w = x1 - x0 + FRONT_PAD;
		blank.h = hi - lo + FRONT_PAD;
		page_box(L, pg, &blank);
	}
	for (size_t i = b0; i < L->nboxes; i++) {
		struct box b = L->boxes[i].b;
		b.y += y0;
		page_box(L, pg, &b);
	}
	L->nboxes = b0;
}

/* The width kept clear at the top right of page pg for its stamps: a
 * pack's "Agenda Item" stamp on the first page (L->stamp_w), and the
 * "Appendix N" stamp on the first page of a PDF appendix. */
static double
stamp_clear(struct lay *L, size_t pg)
{
	double w = pg == 0 ? L->stamp_w : 0;
	for (size_t e = 0; e < L->nexts; e++) {
		const struct ext_run *r = &L->exts[e];
		if (r->npages == 0 || r->page0 != pg)
			continue;
		double s = layout_stamp_width(L,
		    arena_printf(L->a, "Appendix %zu", r->appendix + 1));
		if (s > w)
			w = s;
	}
	return w;
}

/* Running text centred on each page, its first baseline at the header's
 * place in the top margin (header true) or the footer's in the bottom
 * one, of the page's own size. The header of a page with non-public
 * matter (lpage.exempt) is the template's exempt notice with the page's
 * paragraphs, above the template's header; moved up when its lines would
 * reach the text, and kept clear of the stamps (stamp_clear). */
static void
running(struct lay *L, const char *tpl, bool header)
{
	struct style st = plain_style(L->size * NOTE_SCALE);
	struct layout *o = L->out;
	double lead = LEADING * st.size;
	L->pos = (struct pos){0, 0};
	L->doc = L->p;
	for (size_t pg = 0; pg < o->npages; pg++) {
		const struct lpage *page = &o->pages[pg];
		struct paper_fill f = fill_of(L, NULL,
		    (size_t)L->page_first + pg, (size_t)L->page_total,
		    page->exempt, page->nexempt);
		const char *text = tpl != NULL && *tpl != '\0' ?
		    template_expand(L->a, tpl, paper_lookup, &f, NULL) :
		    NULL;
		if (header && page->exempt != NULL) {
			const char *notice = template_expand(L->a,
			    L->t->exempt_notice, paper_lookup, &f, NULL);
			text = text != NULL && *text != '\0' ?
			    arena_printf(L->a, "%s\n%s", notice, text) :
			    notice;
		}
		if (text == NULL || *text == '\0')
			continue;
		const struct template *t = L->t;
		double ph = lpage_height(o, page);
		double x = L->x0,
		       w = lpage_width(o, page) - t->margin_left -
		    t->margin_right;
		double y = header ? ph - t->margin_top / 2 :
		                    t->margin_bottom / 2;
		double sw = header ? stamp_clear(L, pg) : 0;
		if (sw > 0 && sw < 0.5 * w)
			w -= sw;
		inl_reset(L);
		inl_text(L, text, strlen(text), &st, true);
		inl_close(L);
		size_t w0 = 0, w1 = L->nwords;
		fit_words(L, &w0, &w1, w);
		size_t l0 = break_lines(L, w0, w1, w);
		double y0 = y;
		if (header) {
			double below = y0 -
			    (double)(L->nlines - l0 - 1) * lead +
			    L->m->descent[FONT_REGULAR] / 1000 * st.size;
			double top = ph - st.size;
			double ytop = ph - t->margin_top;
			if (below < ytop + 0.2 * st.size)
				y0 += ytop + 0.2 * st.size - below;
			if (y0 > top)
				y0 = top;
		}
		size_t b0 = L->nboxes;
		for (size_t i = l0; i < L->nlines; i++)
			emit_line(L, &L->lines[i], x, w,
			    -(double)(i - l0) * lead, ALIGN_CENTRE);
		put_furniture(L, pg, b0, y0);
	}
}

/* The running header in the top margin and footer in the bottom one,
 * once the number of pages is known. */
void
layout_furniture(struct lay *L)
{
	const struct template *t = L->t;
	running(L, t->header, true);
	running(L, t->footer, false);
}

double
layout_stamp_width(struct lay *L, const char *text)
{
	struct style st = plain_style(L->size);
	st.bold = true;
	return text_width(L, text, &st) + 3 * FRONT_PAD;
}

/* text ("Agenda Item 4") in bold, in a ruled box at the top right of the
 * first page, in the top margin. */
void
layout_stamp(struct lay *L, const char *text)
{
	const struct template *t = L->t;
	struct style st = plain_style(L->size);
	st.bold = true;
	text = arena_strdup(L->a, text); /* the boxes point into it */
	double w = text_width(L, text, &st), pad = FRONT_PAD;
	double asc = L->m->ascent[FONT_BOLD] / 1000 * st.size;
	double desc = -L->m->descent[FONT_BOLD] / 1000 * st.size;
	const struct lpage *pg = &L->out->pages[0];
	double x1 = lpage_width(L->out, pg) - t->margin_right;
	double x = x1 - pad - w;
	double top = lpage_height(L->out, pg) - t->margin_top / 4;
	double base = top - pad - asc;
	double y1 = top, y0 = base - desc - pad, x0 = x - pad;
	if (pg->ext != NULL) {
		struct box blank;
		memset(&blank, 0, sizeof blank);
		blank.type = BOX_BLANK;
		blank.x = x0;
		blank.y = y0;
		blank.w = x1 - x0;
		blank.h = y1 - y0;
		page_box(L, 0, &blank);
	}
	size_t b0 = L->nboxes;
	put_text(L, text, &st, x, base);
	for (size_t i = b0; i < L->nboxes; i++)
		page_box(L, 0, &L->boxes[i].b);
	L->nboxes = b0;
	const double r[4][4] = {
	    {x0, y0, x1 - x0, 0},
	    {x0, y1, x1 - x0, 0},
	    {x0, y0, 0, y1 - y0},
	    {x1, y0, 0, y1 - y0},
	};
	for (size_t i = 0; i < 4; i++) {
		struct box b;
		memset(&b, 0, sizeof b);
		b.type = BOX_RULE;
		b.x = r[i][0];
		b.y = r[i][1];
		b.w = r[i][2];
		b.h = r[i][3];
		b.line_width = RULE_WIDTH;
		page_box(L, 0, &b);
	}
}

/* "This page is intentionally left blank", centred on page pg. */
void
layout_blank_text(struct lay *L, size_t pg)
{
	static const char text[] = "This page is intentionally left blank";
	struct style st = plain_style(L->size);
	double w = text_width(L, text, &st);
	double y = (L->ytop + L->ybot) / 2;
	size_t b0 = L->nboxes;
	put_text(L, text, &st, L->x0 + (L->width - w) / 2, y);
	for (size_t i = b0; i < L->nboxes; i++)
		page_box(L, pg, &L->boxes[i].b);
	L->nboxes = b0;
}
