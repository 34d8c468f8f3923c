/* glyphs.c: the characters a paper prints, looked up in its template's
 * fonts when the paper has been read. Each character no font has is
 * reported at the place it was typed: the text of a node is found in the
 * file from the node's position on (within a window, so that text the
 * file does not hold as such, an entity, costs little), and the front
 * matter's values in the front matter, each place taken once. */
#include "glyphs.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "agenda.h"
#include "arena.h"
#include "layout.h"
#include "model.h"
#include "pack.h"
#include "pdf.h"
#include "source.h"
#include "text.h"

/* A map from code points to two sizes, open addressing. */
struct set {
	uint64_t *keys; /* 0: empty; else the code point + 1 */
	size_t *val, *val2;
	size_t n, cap;
};

static size_t
set_slot(const struct set *s, uint64_t key)
{
	size_t h = (size_t)((key * 0x9E3779B97F4A7C15u) >> 17) & (s->cap - 1);
	while (s->keys[h] != 0 && s->keys[h] != key)
		h = (h + 1) & (s->cap - 1);
	return h;
}

/* The slot of key k in s, added (with value 0) when absent; *added says
 * whether it was. */
static size_t
set_put(struct set *s, uint64_t k, bool *added)
{
	uint64_t key = k + 1;
	if (2 * (s->n + 1) > s->cap) {
		struct set t = {NULL, NULL, NULL, 0, s->cap ? 2 * s->cap : 64};
		t.keys = xcalloc(t.cap, sizeof *t.keys);
		t.val = xcalloc(t.cap, sizeof *t.val);
		t.val2 = xcalloc(t.cap, sizeof *t.val2);
		for (size_t i = 0; i < s->cap; i++)
			if (s->keys[i] != 0) {
				size_t h = set_slot(&t, s->keys[i]);
				t.keys[h] = s->keys[i];
				t.val[h] = s->val[i];
				t.val2[h] = s->val2[i];
				t.n++;
			}
		free(s->keys);
		free(s->val);
		free(s->val2);
		*s = t;
	}
	size_t h = set_slot(s, key);
	*added = s->keys[h] == 0;
	if (*added) {
		s->keys[h] = key;
		s->n++;
	}
	return h;
}

static void
set_free(struct set *s)
{
	free(s->keys);
	free(s->val);
	free(s->val2);
}

struct gl {
	const struct metrics *m;
	struct diags *d;
	struct set chars;         /* code points looked up: val 1 when some
				      font has it, 2 when none */
	const char *path;         /* the document being read */
	const struct source *src; /* its text, or NULL (read from XML):
				      messages go to the nodes' places */
	struct pos asked;         /* the position last turned into an
				      offset (pos_offset) */
	size_t asked_off;         /* that offset */
	size_t last_off;          /* the offset in src last reported at */
	struct pos last;          /* its position (line 0: none) */
	struct set next;          /* per code point, the offset in src
				      after its place last reported (val)
				      and where that search began (val2) */
};

/* Has any of the fonts character cp? The faces the text of a paper uses
 * most come first, so that a face a paper does not use is not loaded. */
static bool
covered(struct gl *g, uint32_t cp)
{
	static const enum font order[] = {
	    FONT_REGULAR,
	    FONT_FALLBACK,
	    FONT_BOLD,
	    FONT_FALLBACK_BOLD,
	    FONT_ITALIC,
	    FONT_BOLD_ITALIC,
	    FONT_MONO,
	    FONT_MONO_BOLD,
	    FONT_MONO_ITALIC,
	    FONT_MONO_BOLD_ITALIC,
	};
	bool added;
	size_t h = set_put(&g->chars, cp, &added);
	if (added) {
		g->chars.val[h] = 2;
		for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
			if (g->m->has_glyph(g->m->ctx, order[i], cp)) {
				g->chars.val[h] = 1;
				break;
			}
	}
	return g->chars.val[h] == 1;
}

/* The byte offset in the document's source of position p (a line and a
 * column counted in characters), or its length when p is past the end.
 * Counted on from the position asked last when p is further on its line. */
static size_t
pos_offset(struct gl *g, struct pos p)
{
	const struct source *src = g->src;
	if (p.line < 1 || (size_t)p.line > src->nlines)
		return p.line < 1 ? 0 : src->len;
	size_t off = src->lines[p.line - 1];
	int c = 1;
	if (g->asked.line == p.line && g->asked.col <= p.col) {
		off = g->asked_off;
		c = g->asked.col;
	}
	for (; c < p.col && off < src->len && src->text[off] != '\n'; c++) {
		off++;
		while (off < src->len &&
		    ((unsigned char)src->text[off] & 0xC0) == 0x80)
			off++;
	}
	g->asked = (struct pos){p.line, c};
	g->asked_off = off;
	return off;
}

/* The first of the n bytes u in the len bytes at s, or NULL. */
static const char *
find(const char *s, size_t len, const char *u, size_t n)
{
	const char *end = s + len;
	while ((size_t)(end - s) >= n) {
		const char *c = memchr(s, u[0], (size_t)(end - s) - n + 1);
		if (c == NULL)
			return NULL;
		if (memcmp(c, u, n) == 0)
			return c;
		s = c + 1;
	}
	return NULL;
}

/* The position of offset off in the document's source, counted on from
 * the place reported last when off is further on that line. */
static struct pos
place(struct gl *g, size_t off)
{
	const struct source *src = g->src;
	struct pos p;
	if (g->last.line > 0 && g->last_off <= off &&
	    ((size_t)g->last.line == src->nlines ||
	        off < src->lines[g->last.line])) {
		p.line = g->last.line;
		p.col = g->last.col +
		    (int)utf8_count(src->text + g->last_off, off - g->last_off);
	} else {
		p = source_pos(src, off);
	}
	g->last = p;
	g->last_off = off;
	return p;
}

/* Reports character cp (its UTF-8 u, n bytes) at its first place in the
 * document's source from offset from on (before offset end), else at
 * fallback. A search from where the last one for cp began, or from
 * before, goes on past the place that one found: so repeated characters
 * of a text, and texts found from one place (the inlines of a block, the
 * values of the front matter), take their places in turn. */
static void
report(struct gl *g, uint32_t cp, const char *u, size_t n, size_t from,
    size_t end, struct pos fallback)
{
	const struct source *src = g->src;
	struct pos at = fallback;
	if (src != NULL) {
		bool added;
		size_t h = set_put(&g->next, cp, &added);
		size_t off = from;
		if (!added && g->next.val2[h] <= from && g->next.val[h] > from)
			off = g->next.val[h];
		if (end > src->len)
			end = src->len;
		const char *hit = NULL;
		if (off + n <= end)
			hit = find(src->text + off, end - off, u, n);
		g->next.val2[h] = from;
		g->next.val[h] = end; /* none up to end */
		if (hit != NULL) {
			off = (size_t)(hit - src->text);
			at = place(g, off);
			g->next.val[h] = off + n;
		}
	}
	char buf[5];
	memcpy(buf, u, n);
	buf[n] = '\0';
	diag(g->d, g->path, at, D_NO_GLYPH, (unsigned)cp, buf);
}

/* The offset of the first character at or after i of the n bytes of
 * text s that no font has (its code point in *cp, its length in *len),
 * or n. The characters the layout does not set (spaces, line ends,
 * controls) and bytes that are not UTF-8 are passed over. */
static size_t
next_missing(struct gl *g, const char *s, size_t n, size_t i, uint32_t *cp,
    size_t *len)
{
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c == 0x7F) {
			i++;
			continue;
		}
		*len = utf8_decode((const unsigned char *)s + i, n - i, cp);
		if (*len == 0) {
			i++;
			continue;
		}
		if (!covered(g, *cp))
			return i;
		i += *len;
	}
	return n;
}

/* Has some font each character of the n bytes of text s? */
static bool
clean(struct gl *g, const char *s, size_t n)
{
	uint32_t cp;
	size_t len;
	return next_missing(g, s, n, 0, &cp, &len) == n;
}

/* Checks the n bytes of text s, found in the document's source between
 * offsets from and end (at fallback when not found there). The
 * characters the layout does not set (spaces, line ends, controls) are
 * left alone. */
static void
check_text(struct gl *g, const char *s, size_t n, size_t from, size_t end,
    struct pos fallback)
{
	uint32_t cp;
	size_t len;
	for (size_t i = next_missing(g, s, n, 0, &cp, &len); i < n;
	     i = next_missing(g, s, n, i + len, &cp, &len))
		report(g, cp, s + i, len, from, end, fallback);
}

/* How far past a node's own length its text is looked for in the file
 * (bytes): its markup, from the start of its block. */
#define WINDOW 4096

/* The text of the blocks from first on (and of their siblings), each
 * node's found from its position (or its nearest ancestor's) on. */
static void
check_blocks(struct gl *g, const struct node *first)
{
	const struct source *src = g->src;
	size_t end = src != NULL ? src->len : 0;
	for (const struct node *top = first; top != NULL; top = top->next)
		for (const struct node *n = top; n != NULL;
		     n = node_walk_next((struct node *)n, top)) {
			if (n->text == NULL ||
			    (n->type != N_TEXT && n->type != N_CODE &&
			        n->type != N_CODE_BLOCK))
				continue;
			const struct node *at = n;
			while (at->pos.line < 1 && at->parent != NULL)
				at = at->parent;
			size_t len = strlen(n->text);
			if (clean(g, n->text, len))
				continue; /* where it is need not be found */
			size_t from = src != NULL ? pos_offset(g, at->pos) : 0;
			size_t until = from + WINDOW + 4 * len;
			check_text(g, n->text, len, from,
			    until < end ? until : end, at->pos);
		}
}

/* Starts on the document at path, of text src. */
static void
begin_doc(struct gl *g, const char *path, const struct source *src)
{
	struct set none = {NULL, NULL, NULL, 0, 0};
	set_free(&g->next);
	g->next = none;
	g->last = (struct pos){0, 0};
	g->asked = (struct pos){0, 0};
	g->path = path;
	g->src = src;
}

/* A line of text s (a heading, a title) found from position p on. */
static void
check_line(struct gl *g, const char *s, struct pos p)
{
	if (s == NULL)
		return;
	const struct source *src = g->src;
	if (clean(g, s, strlen(s)))
		return;
	check_text(g, s, strlen(s), src != NULL ? pos_offset(g, p) : 0,
	    src != NULL ? src->len : 0, p);
}

/* The sections' headings and blocks, and the footnotes, of document doc. */
static void
check_doc(struct gl *g, const struct paper *doc, bool headings)
{
	begin_doc(g, doc->path, doc->src);
	for (const struct section *s = doc->sections; s != NULL; s = s->next) {
		if (headings)
			check_line(g, s->heading, s->pos);
		check_blocks(g, s->first);
	}
	check_blocks(g, doc->footnotes);
}

/* A value of the front matter, found there. */
static void
check_value(struct gl *g, const char *s)
{
	if (s == NULL || clean(g, s, strlen(s)))
		return;
	const struct source *src = g->src;
	bool front = src != NULL && src->has_front;
	size_t from = front ? src->front_off : 0;
	size_t end = front ? src->front_off + src->front_len : 0;
	struct pos fallback = front ? (struct pos){src->front_line + 1, 0} :
	                              (struct pos){0, 0};
	/* A character written as an escape ("\U0001F600") is not in the
	 * file as such: it is reported at the value, found by the text
	 * before it. */
	size_t k = 0;
	while (s[k] != '\0' && (unsigned char)s[k] < 0x80 && k < 32)
		k++;
	const char *at = front && k >= 3 ?
	    find(src->text + from, end - from, s, k) :
	    NULL;
	if (at != NULL)
		fallback = source_pos(src, (size_t)(at - src->text));
	check_text(g, s, strlen(s), from, end, fallback);
}

static void
check_values(struct gl *g, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		check_value(g, v[i]);
}

/* The front matter's values that a paper prints. */
static void
check_meta(struct gl *g, const struct meta *m)
{
	for (size_t i = 0; i < m->ncommittees; i++)
		check_value(g, m->committees[i].name);
	check_value(g, m->subject);
	check_values(g, m->report_of, m->nreport_of);
	check_value(g, m->report_author);
	check_value(g, m->reference);
	if (m->has_contact) {
		check_value(g, m->contact.name);
		check_value(g, m->contact.title);
		check_value(g, m->contact.phone);
		check_value(g, m->contact.mobile);
		check_value(g, m->contact.email);
	}
	for (size_t i = 0; i < m->nappendices; i++)
		check_value(g, m->appendices[i].title);
	check_values(g, m->background_papers, m->nbackground_papers);
	for (size_t i = 0; i < m->nextras; i++)
		check_value(g, m->extras[i].value);
	check_value(g, m->time);
	check_value(g, m->venue);
	check_values(g, m->present, m->npresent);
	check_values(g, m->officers, m->nofficers);
	check_values(g, m->in_attendance, m->nin_attendance);
}

void
glyphs_check(const struct paper *p, const struct metrics *m, struct diags *d)
{
	struct gl g = {.m = m, .d = d};
	check_doc(&g, p, true);
	check_meta(&g, &p->meta);
	for (size_t i = 0; i < p->meta.nappendices; i++)
		if (p->meta.appendices[i].doc != NULL)
			check_doc(&g, p->meta.appendices[i].doc, false);
	set_free(&g.chars);
	set_free(&g.next);
}

bool
glyphs_check_fonts(const struct paper *p, struct pdf_devices *ds,
    struct diags *d, const char **why)
{
	if (p == NULL || p->tpl == NULL)
		return true;
	const struct metrics *m = pdf_devices_metrics(ds, p->tpl, why);
	if (m == NULL)
		return false;
	struct diags *gd = diags_new();
	glyphs_check(p, m, gd);
	/* when the device failed under it, its glyphs were all "missing":
	 * only the failure is true */
	bool ok = pdf_devices_metrics(ds, p->tpl, why) != NULL;
	if (ok)
		diags_move(d, gd);
	diags_free(gd);
	return ok;
}

/* An item of the agenda and its sub-items: the title as written, the
 * description. */
static void
check_item(struct gl *g, const struct agenda_item *it)
{
	check_line(g, it->title, it->pos);
	check_blocks(g, it->description);
	for (size_t k = 0; k < it->nsubitems; k++)
		check_item(g, &it->subitems[k]);
}

/* What the front sheet and the agenda print of agenda a as written. */
static void
check_agenda_text(const struct agenda *a, const struct metrics *m,
    struct diags *d)
{
	struct gl g = {.m = m, .d = d};
	begin_doc(&g, a->path, a->src);
	check_value(&g, a->committee);
	check_value(&g, a->time);
	check_value(&g, a->venue);
	check_values(&g, a->members, a->nmembers);
	if (a->has_enquiries) {
		check_value(&g, a->enquiries.name);
		check_value(&g, a->enquiries.phone);
		check_value(&g, a->enquiries.email);
	}
	if (a->has_signatory) {
		check_value(&g, a->signatory.name);
		check_value(&g, a->signatory.title);
	}
	check_values(&g, a->notes, a->nnotes);
	for (int part = 1; part <= 2; part++)
		check_line(&g, a->part_heading[part], a->part_pos[part]);
	for (size_t i = 0; i < a->nitems; i++)
		check_item(&g, &a->items[i]);
	set_free(&g.chars);
	set_free(&g.next);
}

bool
glyphs_check_agenda(const struct agenda *a, const struct template_set *set,
    struct pdf_devices *ds, struct diags *d, const char **why)
{
	if (a == NULL)
		return true;
	const struct template *t = pack_template(a, set);
	if (t != NULL) {
		const struct metrics *m = pdf_devices_metrics(ds, t, why);
		if (m == NULL)
			return false;
		struct diags *gd = diags_new();
		check_agenda_text(a, m, gd);
		bool ok = pdf_devices_metrics(ds, t, why) != NULL;
		if (ok)
			diags_move(d, gd);
		diags_free(gd);
		if (!ok)
			return false;
	}
	for (size_t i = 0; i < a->nitems; i++) {
		const struct agenda_item *it = &a->items[i];
		if (!glyphs_check_fonts(it->paper, ds, d, why))
			return false;
		for (size_t k = 0; k < it->nsubitems; k++)
			if (!glyphs_check_fonts(it->subitems[k].paper, ds, d,
			        why))
				return false;
	}
	return true;
}
