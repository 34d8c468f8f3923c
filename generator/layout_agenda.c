/* layout_agenda.c: the front sheet and agenda of a committee pack, in the
 * City's style: the pack's stamp, the committee, date, time and venue, the
 * members with their roles, enquiries, notes, the signatory, then AGENDA
 * with each line's number, title in capitals, description, clerk's note,
 * purpose, Part 2 exemption and "(Pages x - y)"; Part 2 opened by the
 * motion to exclude the public and its table of items and paragraphs. The
 * engine is the papers' (layout-int.h); the agenda stands in as the
 * document for messages. A supplement's is headed SUPPLEMENTARY AGENDA; a
 * late item its pack does not carry reads "TITLE (TO FOLLOW)". */
#include <string.h>

#include "agenda.h"
#include "arena.h"
#include "layout-int.h"
#include "pack.h"
#include "pack_layout.h"
#include "text.h"

#define TITLE_SCALE 1.5  /* the committee's name */
#define LABEL_WIDTH 0.22 /* of the text width: "Date:", "Members:" */
#define SUB_INDENT  24.0 /* a sub-item's title after its letter */

/* s in capitals: ASCII and Latin-1 letters (the City prints titles, day,
 * month and venue so); other characters as they are. */
static const char *
upper(struct arena *a, const char *s)
{
	size_t n = strlen(s);
	char *o = arena_alloc(a, n + 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'a' && c <= 'z') {
			o[i] = (char)(c - 32);
		} else if (c == 0xC3 && i + 1 < n &&
		    (unsigned char)s[i + 1] >= 0xA0 &&
		    (unsigned char)s[i + 1] <= 0xBE &&
		    (unsigned char)s[i + 1] != 0xB7) {
			o[i] = (char)c;
			o[i + 1] = (char)((unsigned char)s[i + 1] - 0x20);
			i++;
		} else {
			o[i] = (char)c;
		}
	}
	o[n] = '\0';
	return o;
}

/* Keeps the last item made with the next one. */
static void keep(struct lay *L);

/* Lines of text as text_lines sets them; together: kept on one page, and
 * with the item after. dest >= 0: each line links to that page (counted
 * from the first page after the agenda). */
static size_t
text_link(struct lay *L, const char *s, struct style st, double x, double w,
    double before, enum align al, bool together, int dest)
{
	size_t first = text_lines(L, s, st, x, w, before, al, together, dest);
	if (together)
		keep(L);
	return first;
}

/* text_link with no link, as an element of type t. */
static size_t
text(struct lay *L, enum stag t, const char *s, struct style st, double x,
    double w, double before, enum align al, bool together)
{
	int e = tag_open(L, t);
	size_t first = text_link(L, s, st, x, w, before, al, together, -1);
	tag_close(L, e);
	return first;
}

/* Keeps the last item made with the next one. */
static void
keep(struct lay *L)
{
	if (L->main.n > 0)
		L->main.items[L->main.n - 1].keep = true;
}

/* A front-sheet row: label in bold at the left, value lines beside it.
 * The rows are a Table (table[0], its TBody table[1]: opened by the first
 * row, closed by the caller), each a TR of a TH (the label, heading its
 * row) and a TD (the value). */
static void
row(struct lay *L, int table[2], const char *label, const char *value,
    bool bold, double before)
{
	if (value == NULL || *value == '\0')
		return;
	struct style reg = plain_style(L->size), b = reg;
	b.bold = true;
	double lw = LABEL_WIDTH * L->width;
	if (table[0] == 0) {
		table[0] = tag_open(L, TAG_TABLE);
		table[1] = tag_open(L, TAG_TBODY);
	}
	int tr = tag_open(L, TAG_TR), th = tag_open(L, TAG_TH);
	L->tags[th - 1].scope = SCOPE_ROW;
	set_marker(L, label, b, L->x0);
	tag_close(L, th);
	text(L, TAG_TD, value, bold ? b : reg, L->x0 + lw, L->width - lw,
	    before, ALIGN_LEFT, false);
	tag_close(L, tr);
}

static const char *
join_lines(struct arena *a, const char *const *v, size_t n)
{
	size_t len = 1;
	for (size_t i = 0; i < n; i++)
		len += strlen(v[i]) + 1;
	char *s = arena_alloc(a, len), *q = s;
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(v[i]);
		memcpy(q, v[i], k);
		q += k;
		if (i + 1 < n)
			*q++ = '\n';
	}
	*q = '\0';
	return s;
}

static void
front_sheet(struct lay *L, const struct agenda *a, enum pack_mode mode)
{
	struct arena *ar = L->a;
	struct style reg = plain_style(L->size), b = reg, big = reg;
	b.bold = true;
	big.bold = true;
	big.size = L->size * TITLE_SCALE;
	double gap = PARA_AFTER * L->size;

	/* the committee is the agenda's heading (H1), AGENDA below it (H2),
	 * the parts' headings below that (H3) */
	text(L, head_tag(L, 1), a->committee != NULL ? a->committee : "", big,
	    L->x0, L->width, 0, ALIGN_LEFT, false);
	int table[2] = {0, 0};
	if (a->has_date) {
		char d[32];
		date_long(a->date, d);
		row(L, table, "Date:",
		    upper(ar,
		        arena_printf(ar, "%s, %s", date_weekday(a->date), d)),
		    true, 2 * gap);
	}
	row(L, table, "Time:", a->time, true, gap);
	row(L, table, "Venue:", a->venue != NULL ? upper(ar, a->venue) : NULL,
	    true, gap);
	row(L, table, "Members:", join_lines(ar, a->members, a->nmembers),
	    false, 2 * gap);
	if (a->has_enquiries) {
		const char *v[3];
		size_t n = 0;
		if (a->enquiries.name != NULL)
			v[n++] = a->enquiries.name;
		if (a->enquiries.phone != NULL)
			v[n++] = arena_printf(ar, "tel. no.: %s",
			    a->enquiries.phone);
		if (a->enquiries.email != NULL)
			v[n++] = a->enquiries.email;
		row(L, table, "Enquiries:", join_lines(ar, v, n), false,
		    2 * gap);
	}
	if (table[0] > 0) {
		tag_close(L, table[1]);
		tag_close(L, table[0]);
	}
	for (size_t i = 0; i < a->nnotes; i++)
		text(L, TAG_P, a->notes[i], reg, L->x0, L->width,
		    i == 0 ? 2 * gap : gap, ALIGN_LEFT, false);
	if (a->has_signatory) {
		const char *v[2];
		size_t n = 0;
		if (a->signatory.name != NULL)
			v[n++] = a->signatory.name;
		if (a->signatory.title != NULL)
			v[n++] = a->signatory.title;
		if (n > 0) {
			text(L, TAG_P, v[0], b, L->x0, L->width, 3 * gap,
			    ALIGN_LEFT, n > 1);
			if (n > 1)
				text(L, TAG_P, v[1], reg, L->x0, L->width, 0,
				    ALIGN_LEFT, false);
		}
	}
	struct style h = b;
	h.size = L->size * 1.2;
	text(L, head_tag(L, 2),
	    mode == PACK_SUPPLEMENT ? "SUPPLEMENTARY AGENDA" : "AGENDA", h,
	    L->x0, L->width, 3 * gap, ALIGN_CENTRE, true);
	L->hsect = L->hlevel;
}

static void
part_heading(struct lay *L, const char *s)
{
	struct style b = plain_style(L->size);
	b.bold = true;
	text(L, head_tag(L, 3), s, b, L->x0, L->width, 2 * PARA_AFTER * L->size,
	    ALIGN_CENTRE, true);
	L->hsect = L->hlevel;
}

/* The motion (the item's description, or clerk's words) and the table of
 * Part 2 items and their paragraphs, at x in width w. The table's header
 * keeps with its rows, which keep with each other: the table moves whole
 * to the next page when it does not fit at the foot of one; a table longer
 * than a page runs on with its header repeated atop each page. */
static void
motion(struct lay *L, const struct pack *pk, const struct pack_entry *e,
    double x, double w)
{
	struct style reg = plain_style(L->size), b = reg;
	b.bold = true;
	double gap = PARA_AFTER * L->size;
	if (e != NULL && e->description != NULL) {
		lay_blocks(L, e->description, x, w);
	} else {
		text(L, TAG_P, PACK_MOTION, reg, x, w, gap, ALIGN_LEFT, false);
		L->main.pending = gap;
	}
	bool rows = false;
	for (size_t i = pk->part2; i < pk->nentries; i++)
		rows = rows || pk->entries[i].paper != NULL;
	if (!rows)
		return; /* no Part 2 document: no table */
	/* a Table: a THead of one TR of two THs, a TBody of a TR per item,
	 * its number and its paragraphs in TDs */
	double col = 0.4 * w;
	int table = tag_open(L, TAG_TABLE), part = tag_open(L, TAG_THEAD);
	int tr = tag_open(L, TAG_TR), cell = tag_open(L, TAG_TH);
	set_marker(L, "Item No.", b, x);
	tag_close(L, cell);
	text(L, TAG_TH, "Paragraph No.", b, x + col, w - col, gap, ALIGN_LEFT,
	    true);
	tag_close(L, tr);
	tag_close(L, part);
	part = tag_open(L, TAG_TBODY);
	size_t hdr = L->main.n - 1; /* the header: one line */
	for (size_t i = pk->part2; i < pk->nentries; i++) {
		const struct pack_entry *r = &pk->entries[i];
		if (r->paper == NULL)
			continue;
		const char *pars = pack_paragraphs(L->a, r);
		tr = tag_open(L, TAG_TR);
		cell = tag_open(L, TAG_TD);
		set_marker(L, r->number, reg, x);
		tag_close(L, cell);
		size_t first = text(L, TAG_TD, *pars ? pars : "\xe2\x80\x93",
		    reg, x + col, w - col, 0, ALIGN_LEFT, true);
		tag_close(L, tr);
		for (size_t k = first; k < L->main.n; k++)
			L->main.items[k].header = hdr + 1;
	}
	tag_close(L, part);
	tag_close(L, table);
	L->main.items[L->main.n - 1].keep = false; /* the table ends */
	L->main.pending = gap;
}

/* The agenda as tagged: a TOC per part of TOCIs, one per line; a line's
 * sub-items a TOC inside its TOCI. The elements open now: */
struct toc {
	int toc;  /* the part's TOC */
	int item; /* the TOCI of the last line at level 0 */
	int sub;  /* the TOC of its sub-items */
};

/* Closes what t has open, the inner first. */
static void
toc_close(struct lay *L, struct toc *t, bool all)
{
	if (t->sub > 0)
		tag_close(L, t->sub);
	if (t->item > 0)
		tag_close(L, t->item);
	t->sub = t->item = 0;
	if (all && t->toc > 0)
		tag_close(L, t->toc);
	if (all)
		t->toc = 0;
}

/* Opens the TOCI of line e, in its place in t; returns it unless it is
 * a line at level 0, which stays open (t->item) for its sub-items. */
static int
toc_item(struct lay *L, struct toc *t, const struct pack_entry *e)
{
	if (e->level == 0)
		toc_close(L, t, false);
	if (t->toc == 0)
		t->toc = tag_open(L, TAG_TOC);
	if (e->level == 0) {
		t->item = tag_open(L, TAG_TOCI);
		return 0;
	}
	if (t->item > 0 && t->sub == 0)
		t->sub = tag_open(L, TAG_TOC);
	return tag_open(L, TAG_TOCI);
}

/* One line of the agenda, e, with its pages ln in pack kind. Returns
 * the item of its title. */
static size_t
entry(struct lay *L, const struct pack *pk, const struct pack_entry *e,
    const struct pack_line *ln, enum pack_kind kind)
{
	struct arena *ar = L->a;
	struct style reg = plain_style(L->size), b = reg;
	b.bold = true;
	double gap = PARA_AFTER * L->size;
	double x = L->x0 + L->hang, w = L->x1 - x;
	/* its number a Lbl, its title a P (a Link to its first page) */
	int lbl = tag_open(L, TAG_LBL);
	if (e->level == 0) {
		set_marker(L, arena_printf(ar, "%s.", e->number), b, L->x0);
	} else {
		const char *n = e->number;
		while (*n >= '0' && *n <= '9')
			n++;
		set_marker(L, arena_printf(ar, "%s)", n), b, x);
		x += SUB_INDENT;
		w -= SUB_INDENT;
	}
	tag_close(L, lbl);
	const char *title = upper(ar, e->title != NULL ? e->title : "");
	if (e->to_follow) /* a late item: no pages */
		title = arena_printf(ar, "%s (TO FOLLOW)", title);
	bool linked = ln->first_page > 0 && pack_holds(e, kind);
	int p = tag_open(L, TAG_P);
	size_t first = text_link(L, title, b, x, w,
	    e->level == 0 ? 2 * gap : gap, ALIGN_LEFT, true,
	    linked ? ln->first_page - 1 : -1);
	tag_close(L, p);
	if (e->exclusion) {
		keep(L);
		motion(L, pk, e, x, w);
	} else if (e->description != NULL) {
		keep(L);
		L->main.pending = 0.3 * L->size;
		lay_blocks(L, e->description, x, w);
	} else if (e->lead != NULL) {
		text(L, TAG_P, e->lead, reg, x, w, 0.3 * L->size, ALIGN_LEFT,
		    false);
	}
	if (e->note != NULL)
		text(L, TAG_P, e->note, reg, x, w, 0.3 * L->size, ALIGN_LEFT,
		    false);
	bool withheld = e->paper != NULL && !pack_holds(e, kind);
	if (e->purpose != PURPOSE_NONE)
		text(L, TAG_P, purpose_label(e->purpose), b, x, w,
		    0.3 * L->size, ALIGN_LEFT, e->part == 2 || linked);
	if (e->part == 2 && e->paper != NULL) {
		const char *pars = pack_paragraphs(ar, e);
		text(L, TAG_P,
		    *pars ?
		        arena_printf(ar,
		            "Non-public \xe2\x80\x93 "
		            "exempt under paragraph%s %s of Part 1 of Schedule 12A",
		            e->nexempt > 1 ? "s" : "", pars) :
		        "Non-public",
		    b, x, w, 0.3 * L->size, ALIGN_LEFT, linked && !withheld);
	}
	if (linked)
		text(L, TAG_P,
		    ln->first_page == ln->last_page ?
		        arena_printf(ar, "(Page %d)", ln->first_page) :
		        arena_printf(ar, "(Pages %d - %d)", ln->first_page,
		            ln->last_page),
		    b, x, w, 0.3 * L->size, ALIGN_LEFT, false);
	/* one line of the agenda is not split over two pages */
	for (size_t i = first; i + 1 < L->main.n; i++)
		L->main.items[i].keep = true;
	L->main.pending = gap;
	return first;
}

struct layout *
layout_agenda(const struct pack *pk, struct pack_pages *pp,
    const struct template *t, const struct metrics *m, struct diags *d)
{
	enum pack_kind kind = pp->kind;
	const struct agenda *a = pk->agenda;
	size_t errors = diags_errors(d);
	/* The agenda stands in as the document being laid out: its arena,
	 * path and source (for messages about characters no font has). */
	struct paper *doc = arena_alloc(a->arena, sizeof *doc);
	doc->arena = a->arena;
	doc->path = a->path;
	doc->dir = a->dir;
	doc->src = a->src;
	doc->tpl = t;
	doc->meta.public = true;
	struct lay *L = lay_new(doc, t, m, d);
	struct style b = plain_style(L->size);
	b.bold = true;
	/* Numbers hang as wide as the widest. */
	for (size_t i = 0; i < pk->nentries; i++) {
		double nw = text_width(L,
		                arena_printf(L->a, "%s.",
		                    pk->entries[i].number),
		                &b) +
		    0.5 * L->size;
		if (nw > L->hang)
			L->hang = nw;
	}

	front_sheet(L, a, pk->mode);
	struct toc toc = {0, 0, 0};
	size_t *items = arena_alloc(L->a, (pk->nentries + 1) * sizeof *items);
	bool parts = pk->part2 < pk->nentries || a->part_heading[1] != NULL;
	if (parts)
		part_heading(L,
		    a->part_heading[1] != NULL ? a->part_heading[1] :
		                                 "Part 1 - Public Agenda");
	for (size_t i = 0; i < pk->nentries; i++) {
		const struct pack_entry *e = &pk->entries[i];
		if (i == pk->part2) {
			toc_close(L, &toc, true);
			part_heading(L,
			    a->part_heading[2] != NULL ?
			        a->part_heading[2] :
			        "Part 2 - Non-Public Agenda");
			if (pk->motion_unnumbered) {
				L->main.pending = PARA_AFTER * L->size;
				motion(L, pk, NULL, L->x0, L->width);
			}
		}
		int toci = toc_item(L, &toc, e);
		items[i] = entry(L, pk, e, &pp->lines[i], kind);
		if (toci > 0)
			tag_close(L, toci);
	}
	toc_close(L, &toc, true);
	lay_finish(L);
	for (size_t i = 0; i < pk->nentries; i++) {
		pp->lines[i].agenda_page = L->ipage[items[i]];
		pp->lines[i].agenda_y = L->iy[items[i]];
	}
	layout_stamp(L,
	    kind == PACK_PUBLIC ? "Public Document Pack" :
	                          "Non-Public Document Pack");
	L->out->labels = arena_alloc(L->a, sizeof *L->out->labels);
	L->out->labels[0] = (struct page_label){0, LABEL_ROMAN, 1};
	L->out->nlabels = 1;
	return diags_errors(d) > errors ? NULL : L->out;
}
