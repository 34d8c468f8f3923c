/* layout_table.c: tables for the layout engine: GitHub tables in the body
 * and the front sheet. A row is an item (so rows are never split between
 * pages), with grid lines of RULE_WIDTH; a row taller than a page is cut
 * between lines into several items; the rows after the header carry its
 * index so that the paginator repeats it atop each page the table
 * continues on. */
#include <string.h>

#include "arena.h"
#include "layout-int.h"

/* Opens the TR of a row and makes its cells (closed; their text is set
 * into them later), in cell[0..ncols): TH of its column in the header
 * rows, or of its row in the first column when row_heads, else TD. */
static int
row_tags(struct lay *L, int *cell, size_t ncols, bool header, bool row_heads)
{
	int tr = tag_open(L, TAG_TR);
	for (size_t c = 0; c < ncols; c++) {
		bool th = header || (row_heads && c == 0);
		cell[c] = tag_open(L, th ? TAG_TH : TAG_TD);
		L->tags[cell[c] - 1].scope = header ? SCOPE_COLUMN : SCOPE_ROW;
		tag_close(L, cell[c]);
	}
	return tr;
}

/* Makes items of nrows rows of ncols cells (cells[r * ncols + c], their
 * words read), the columns colw wide from x, padding pad around the text
 * at size. The first header_rows (0 or 1) rows form the header: kept with
 * the row after, and repeated where the table goes on to a new page. A
 * Table: the header rows in a THead, the others in a TBody, each row a TR
 * of TH (the header's, of their column; with row_heads the first
 * column's, of their row) and TD; its rules artifacts. */
void
grid_rows(struct lay *L, struct cell *cells, size_t nrows, size_t ncols,
    double x, const double *colw, double pad, double size, size_t header_rows,
    bool row_heads)
{
	int table = tag_open(L, TAG_TABLE);
	int part = tag_open(L, header_rows > 0 ? TAG_THEAD : TAG_TBODY);
	int *cell = arena_alloc(L->a, ncols * sizeof *cell);
	double lead = LEADING * size, base = baseline(L, size);
	double total = 0;
	for (size_t c = 0; c < ncols; c++)
		total += colw[c];
	for (size_t i = 0; i < nrows * ncols; i++) {
		struct cell *cl = &cells[i];
		double inner = colw[i % ncols] - 2 * pad;
		if (inner < 1)
			inner = 1;
		fit_words(L, &cl->w0, &cl->w1, inner);
		cl->l0 = break_lines(L, cl->w0, cl->w1, inner);
		cl->l1 = L->nlines;
	}
	double avail = L->ytop - L->ybot, hdr_h = 0;
	size_t hdr = 0;
	for (size_t r = 0; r < nrows; r++) {
		struct cell *row = &cells[r * ncols];
		if (r > 0 && r == header_rows) {
			tag_close(L, part);
			part = tag_open(L, TAG_TBODY);
		}
		int tr = row_tags(L, cell, ncols, r < header_rows, row_heads);
		size_t lines = 1;
		for (size_t c = 0; c < ncols; c++)
			if (row[c].l1 - row[c].l0 > lines)
				lines = row[c].l1 - row[c].l0;
		double room = avail - hdr_h - 2 * pad;
		size_t per = room > lead ? (size_t)(room / lead) : 1;
		for (size_t k = 0; k < lines; k += per) {
			size_t take = lines - k < per ? lines - k : per;
			double h = (double)take * lead + 2 * pad;
			double cx = x;
			for (size_t c = 0; c < ncols; c++) {
				const struct cell *cl = &row[c];
				L->tag = cell[c];
				for (size_t i = cl->l0 + k;
				     i < cl->l1 && i < cl->l0 + k + take; i++)
					emit_line(L, &L->lines[i], cx + pad,
					    colw[c] - 2 * pad,
					    -pad -
					        (double)(i - cl->l0 - k) *
					            lead +
					        base,
					    cl->al);
				L->tag = tr;
				cx += colw[c];
			}
			if (r == 0 && k == 0) {
				struct rbox *b = box_add(L, BOX_RULE);
				b->b.x = x;
				b->b.w = total;
				b->b.line_width = RULE_WIDTH;
			}
			struct rbox *b = box_add(L, BOX_RULE);
			b->b.x = x;
			b->b.y = -h;
			b->b.w = total;
			b->b.line_width = RULE_WIDTH;
			cx = x;
			for (size_t c = 0; c <= ncols; c++) {
				b = box_add(L, BOX_RULE);
				b->b.x = cx;
				b->b.y = -h;
				b->b.h = h;
				b->b.line_width = RULE_WIDTH;
				if (c < ncols)
					cx += colw[c];
			}
			struct item *it = item_end(L, h, 0, base - pad);
			if (r < header_rows) {
				it->keep = true;
			} else if (header_rows > 0) {
				it->header = hdr + 1;
			}
		}
		tag_close(L, tr);
		if (r + 1 == header_rows) {
			hdr = L->fl->n - 1;
			hdr_h = L->fl->items[hdr].h;
		}
		if (lay_past_pages(L, L->doc->path, row[0].pos))
			break; /* a table of many thousand pages */
	}
	tag_close(L, part);
	tag_close(L, table);
}

static enum align
cell_align(const struct node *table, size_t c)
{
	const char *a = table->u.table.align;
	if (a == NULL || c >= strlen(a))
		return ALIGN_LEFT;
	switch (a[c]) {
	case 'c':
		return ALIGN_CENTRE;
	case 'r':
		return ALIGN_RIGHT;
	default:
		return ALIGN_LEFT;
	}
}

/* A GitHub table at x, at most width wide. Each column is given between
 * its longest word and its longest cell, in proportion, so the table fits
 * the width; never wider (words are then broken). */
void
layout_table(struct lay *L, const struct node *table, double x, double width,
    double size, double after)
{
	size_t ncols = table->u.table.columns > 0 ?
	    (size_t)table->u.table.columns :
	    1,
	       nrows = 0;
	for (const struct node *r = table->first; r; r = r->next)
		nrows++;
	if (nrows == 0)
		return;
	struct cell *cells = arena_alloc(L->a, nrows * ncols * sizeof *cells);
	double *mn = arena_alloc(L->a, 3 * ncols * sizeof *mn);
	double *mx = mn + ncols, *colw = mx + ncols;
	double pad = TABLE_PAD;
	inl_reset(L);
	size_t r = 0, header = 0;
	for (const struct node *row = table->first; row; row = row->next, r++) {
		struct style st = plain_style(size);
		st.bold = row->u.row.header;
		if (r == 0 && row->u.row.header)
			header = 1;
		const struct node *cn = row->first;
		for (size_t c = 0; c < ncols; c++) {
			struct cell *cl = &cells[r * ncols + c];
			cl->w0 = L->nwords;
			cl->al = cell_align(table, c);
			cl->pos = cn != NULL ? cn->pos : row->pos;
			if (cn != NULL) {
				L->pos = cn->pos;
				inl_nodes(L, cn->first, &st);
				cn = cn->next;
			}
			inl_close(L);
			cl->w1 = L->nwords;
			/* longest word (with the hyphen it ends in when a
			 * line breaks at its soft hyphen), and the widest
			 * line unbroken */
			double longest = 0, line = 0, widest = 0;
			for (size_t i = cl->w0; i < cl->w1; i++) {
				const struct word *w = &L->words[i];
				if (w->w + w->hyphen > longest)
					longest = w->w + w->hyphen;
				line += w->w;
				if (line > widest)
					widest = line;
				line = w->brk ? 0 : line + w->space;
			}
			if (longest + 2 * pad > mn[c])
				mn[c] = longest + 2 * pad;
			if (widest + 2 * pad > mx[c])
				mx[c] = widest + 2 * pad;
		}
	}
	double smin = 0, smax = 0;
	for (size_t c = 0; c < ncols; c++) {
		if (mn[c] < 2 * pad + 0.5 * size)
			mn[c] = 2 * pad + 0.5 * size;
		if (mx[c] < mn[c])
			mx[c] = mn[c];
		smin += mn[c];
		smax += mx[c];
	}
	for (size_t c = 0; c < ncols; c++) {
		if (smax <= width)
			colw[c] = mx[c];
		else if (smin >= width)
			colw[c] = mn[c] * width / smin;
		else
			colw[c] = mn[c] +
			    (mx[c] - mn[c]) * (width - smin) / (smax - smin);
	}
	grid_rows(L, cells, nrows, ncols, x, colw, pad, size, header, false);
	if (after > L->fl->pending)
		L->fl->pending = after;
}
