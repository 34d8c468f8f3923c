/* layout_text.c: inline text for the layout engine. Inline nodes become
 * words, each a list of frags (runs of one font and style) measured once
 * through the metrics; a character the wanted face lacks is set in the
 * fallback font, and one no font has is reported and left out. Words are
 * broken into lines greedily, a word wider than the line by character, and
 * a line becomes text, rule and link boxes. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "layout-int.h"
#include "paper_text.h"
#include "source.h"
#include "text.h"

struct style
plain_style(double size)
{
	struct style st;
	memset(&st, 0, sizeof st);
	st.size = size;
	return st;
}

/* The face a style asks for. */
enum font
face(const struct style *st)
{
	static const enum font faces[2][2][2] = {
	    {{FONT_REGULAR, FONT_ITALIC}, {FONT_BOLD, FONT_BOLD_ITALIC}},
	    {{FONT_MONO, FONT_MONO_ITALIC},
	        {FONT_MONO_BOLD, FONT_MONO_BOLD_ITALIC}},
	};
	return faces[st->mono][st->bold][st->italic];
}

static bool
has(struct lay *L, enum font f, uint32_t cp)
{
	if (cp >= 128)
		return L->m->has_glyph(L->m->ctx, f, cp);
	signed char *c = &L->glyph[f][cp];
	if (*c == 0)
		*c = L->m->has_glyph(L->m->ctx, f, cp) ? 1 : -1;
	return *c > 0;
}

/* Is this the first time cp is missing? */
static bool
missing_first(struct lay *L, uint32_t cp)
{
	char key[16];
	snprintf(key, sizeof key, "%lx", (unsigned long)cp);
	if (strset_get(&L->missing, key) != NULL)
		return false;
	const char *k = arena_strdup(L->a, key);
	return strset_put(L->a, &L->missing, k, k);
}

/* Where to report a character no font has: the node being set, or for
 * text from the front matter (which has no node), the character's first
 * place in the front matter of the file. */
static struct pos
glyph_pos(const struct lay *L, const char *utf8)
{
	const struct source *src = L->doc->src;
	if (L->pos.line > 0 || src == NULL || !src->has_front)
		return L->pos;
	const char *start = src->text + src->front_off;
	const char *end = start + src->front_len;
	size_t n = strlen(utf8);
	for (const char *s = start; s + n <= end; s++)
		if (memcmp(s, utf8, n) == 0)
			return source_pos(src, (size_t)(s - src->text));
	return L->pos;
}

/* The font that sets cp in style st: the face wanted, else its fallback,
 * else any font that has it. Returns false, reporting cp once per paper,
 * when no font has it. */
static bool
pick(struct lay *L, uint32_t cp, const struct style *st, enum font *f)
{
	*f = face(st);
	if (has(L, *f, cp))
		return true;
	*f = st->bold ? FONT_FALLBACK_BOLD : FONT_FALLBACK;
	if (has(L, *f, cp))
		return true;
	/* Any font that has it: reading took a character that one of the
	 * fonts has (glyphs.h). */
	for (int g = 0; g < FONT__COUNT; g++)
		if (has(L, (enum font)g, cp)) {
			*f = (enum font)g;
			return true;
		}
	/* Reading has reported it: this is only a safety net. */
	if (missing_first(L, cp)) {
		char buf[5];
		buf[utf8_encode(cp, buf)] = '\0';
		diag(L->d, L->doc->path, glyph_pos(L, buf), D_NO_GLYPH,
		    (unsigned)cp, buf);
	}
	return false;
}

/* Width in points of n bytes at s, all in font f. A long run is measured
 * in pieces cut between characters (widths add up: there is no kerning),
 * as the PDF library takes at most 65,535 bytes at a time. */
static double
measure(struct lay *L, enum font f, const char *s, size_t n, double size)
{
	double w = 0;
	while (n > MEASURE_MAX) {
		size_t k = MEASURE_MAX;
		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		if (k == 0)
			k = MEASURE_MAX;
		w += L->m->width(L->m->ctx, f, s, k);
		s += k;
		n -= k;
	}
	return (w + L->m->width(L->m->ctx, f, s, n)) * size / 1000;
}

static double
space_width(struct lay *L, enum font f, double size)
{
	if (L->spacew[f] < 0)
		L->spacew[f] = L->m->width(L->m->ctx, f, " ", 1);
	return L->spacew[f] * size / 1000;
}

void
inl_reset(struct lay *L)
{
	L->nfrags = L->nwords = L->nlines = L->wbase = 0;
	L->wopen = L->nomerge = false;
	L->link = 0;
}

/* Ends the growing word, measuring its frags. */
static void
word_close(struct lay *L)
{
	if (!L->wopen)
		return;
	struct word *w = &L->words[L->nwords - 1];
	w->w = 0;
	for (size_t i = w->f0; i < w->f1; i++) {
		struct frag *f = &L->frags[i];
		if (f->w == 0)
			f->w = measure(L, f->font, f->s, f->n, f->size);
		w->w += f->w;
	}
	L->wopen = false;
}

static struct word *
word_push(struct lay *L)
{
	L->words = lay_grow(L, L->words, &L->cwords, L->nwords + 1,
	    sizeof *L->words);
	struct word *w = &L->words[L->nwords++];
	memset(w, 0, sizeof *w);
	w->f0 = w->f1 = L->nfrags;
	return w;
}

static struct frag *
frag_push(struct lay *L)
{
	L->frags = lay_grow(L, L->frags, &L->cfrags, L->nfrags + 1,
	    sizeof *L->frags);
	struct frag *f = &L->frags[L->nfrags++];
	memset(f, 0, sizeof *f);
	return f;
}

static bool
same_style(const struct frag *f, enum font font, const struct style *st)
{
	return f->font == font && f->size == st->size && f->rise == st->rise &&
	    f->strike == st->strike && f->underline == st->underline &&
	    f->uri == st->uri && f->target == st->target && f->note == 0;
}

/* Appends the character of len bytes at s to the growing word. */
static void
add_char(struct lay *L, const char *s, size_t len, enum font f,
    const struct style *st)
{
	if (!L->wopen) {
		word_push(L);
		L->wopen = true;
	} else if (!L->nomerge) {
		struct word *w = &L->words[L->nwords - 1];
		struct frag *last = &L->frags[L->nfrags - 1];
		if (w->f1 > w->f0 && last->s + last->n == s &&
		    same_style(last, f, st)) {
			last->n += len;
			return;
		}
	}
	L->nomerge = false;
	struct frag *fr = frag_push(L);
	fr->s = s;
	fr->n = len;
	fr->font = f;
	fr->size = st->size;
	fr->rise = st->rise;
	fr->strike = st->strike;
	fr->underline = st->underline;
	fr->uri = st->uri;
	fr->target = st->target;
	L->words[L->nwords - 1].f1 = L->nfrags;
}

void
inl_space(struct lay *L, const struct style *st)
{
	struct word *w;
	if (L->wopen) {
		word_close(L);
		w = &L->words[L->nwords - 1];
	} else if (L->nwords > L->wbase && L->words[L->nwords - 1].glue &&
	    !L->words[L->nwords - 1].brk) {
		/* a soft hyphen or zero-width space before a space: the
		 * space is the gap */
		w = &L->words[L->nwords - 1];
		w->glue = false;
		w->hyphen = 0;
	} else {
		return;
	}
	w->space_font = face(st);
	w->space = space_width(L, w->space_font, st->size);
}

/* A soft hyphen (hyphen true) or zero-width space inside a word: the word
 * ends there with no gap after it, so that a line may end there; after a
 * soft hyphen, a line that ends there ends in a hyphen, measured in the
 * word's last font. At a word's start or after a gap, nothing. */
static void
inl_glue(struct lay *L, bool hyphen)
{
	if (!L->wopen)
		return;
	word_close(L);
	struct word *w = &L->words[L->nwords - 1];
	w->glue = true;
	w->space = 0;
	if (hyphen && w->f1 > w->f0) {
		const struct frag *f = &L->frags[w->f1 - 1];
		w->hyphen = measure(L, f->font, "-", 1, f->size);
	}
}

void
inl_break(struct lay *L)
{
	word_close(L);
	if (L->nwords > L->wbase && !L->words[L->nwords - 1].brk) {
		struct word *w = &L->words[L->nwords - 1];
		w->brk = true;
		w->glue = false;
		w->hyphen = 0;
	} else {
		word_push(L)->brk = true;
	}
}

void
inl_close(struct lay *L)
{
	word_close(L);
	L->wbase = L->nwords;
}

void
inl_text(struct lay *L, const char *s, size_t n, const struct style *st,
    bool newlines)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n' && newlines) {
			inl_break(L);
			i++;
			continue;
		}
		if ((c == ' ' || c == '\t' || c == '\n' || c == '\r') &&
		    !L->keep_spaces) {
			inl_space(L, st);
			i++;
			continue;
		}
		if (c > 0x20 && c < 0x7F) {
			/* a run of ASCII that the style's own face has: one
			 * frag, as character by character would make it */
			enum font f = face(st);
			size_t j = i;
			while (j < n && (unsigned char)s[j] > 0x20 &&
			    (unsigned char)s[j] < 0x7F &&
			    has(L, f, (unsigned char)s[j]))
				j++;
			if (j > i) {
				add_char(L, s + i, j - i, f, st);
				i = j;
				continue;
			}
		}
		uint32_t cp;
		size_t len = utf8_decode((const unsigned char *)s + i, n - i,
		    &cp);
		if (len == 0) { /* not in a checked paper */
			i++;
			continue;
		}
		if (cp == 0xAD || cp == 0x200B) {
			inl_glue(L, cp == 0xAD);
			i += len;
			continue;
		}
		if (invisible_len(s + i, n - i) > 0) { /* U+2060, U+FEFF */
			L->nomerge = true;
			i += len;
			continue;
		}
		enum font f;
		if (cp >= 0x20 && pick(L, cp, st, &f))
			add_char(L, s + i, len, f, st);
		else
			L->nomerge = true;
		i += len;
	}
}

/* A footnote reference: its number raised, remembering the note. */
static void
footnote_ref(struct lay *L, const struct node *n, const struct style *st)
{
	int num = n->u.footnote.number;
	const char *text = arena_printf(L->a, "%d", num);
	struct style sup = *st;
	sup.size = st->size * SUP_SCALE;
	sup.rise = st->rise + st->size * SUP_RISE;
	sup.underline = sup.strike = false;
	size_t first = L->nfrags;
	L->nomerge = true;
	inl_text(L, text, strlen(text), &sup, false);
	if (L->nfrags > first && num >= 1 && (size_t)num <= L->doc_notes)
		L->frags[first].note = L->note0 + (size_t)num;
	L->nomerge = true;
}

/* Reads the inline nodes from first and its siblings, in style st, into
 * words. Without recursion: the styles of the nodes being read are kept on
 * L->stack. Images are gathered in L->images when L->collect_images,
 * otherwise their descriptions are set in italics. */
void
inl_nodes(struct lay *L, const struct node *first, const struct style *st0)
{
	struct style st = *st0;
	size_t depth = 0;
	for (const struct node *n = first; n != NULL;) {
		struct style in = st;
		bool descend = false;
		if (n->pos.line > 0)
			L->pos = n->pos;
		switch (n->type) {
		case N_TEXT:
			inl_text(L, n->text, strlen(n->text), &st, false);
			break;
		case N_SOFTBREAK:
			inl_space(L, &st);
			break;
		case N_LINEBREAK:
			inl_break(L);
			break;
		case N_CODE:
			in.mono = true;
			in.size = st.size * CODE_INLINE;
			inl_text(L, n->text, strlen(n->text), &in, false);
			break;
		case N_EMPH:
			in.italic = true;
			descend = true;
			break;
		case N_STRONG:
			in.bold = true;
			descend = true;
			break;
		case N_STRIKETHROUGH:
			in.strike = true;
			descend = true;
			break;
		case N_LINK:
			/* A link with no address ("[text]()") is set as
			 * plain text: there is nowhere to go. */
			if (n->u.link.url != NULL && *n->u.link.url) {
				in.uri = n->u.link.url;
				in.underline = true;
			}
			descend = true;
			break;
		case N_IMAGE:
			if (L->collect_images) {
				L->images = lay_grow(L, L->images, &L->cimages,
				    L->nimages + 1, sizeof *L->images);
				L->images[L->nimages++] = n;
			} else {
				in.italic = true;
				descend = true;
			}
			break;
		case N_XREF:
			in.target = n->u.xref.target;
			if (n->first != NULL) {
				descend = true;
			} else {
				const char *num = paper_xref_text(n);
				inl_text(L, num, strlen(num), &in, false);
			}
			break;
		case N_FOOTNOTE_REF:
			footnote_ref(L, n, &st);
			break;
		case N_PARAGRAPH:
		case N_SUBHEADING:
		case N_LIST:
		case N_ITEM:
		case N_BLOCKQUOTE:
		case N_CODE_BLOCK:
		case N_THEMATIC_BREAK:
		case N_TABLE:
		case N_TABLE_ROW:
		case N_TABLE_CELL:
		case N_FOOTNOTE_DEF:
			break; /* blocks are not inline content */
		}
		if (descend && n->first != NULL) {
			L->stack = lay_grow(L, L->stack, &L->cstack, depth + 1,
			    sizeof *L->stack);
			L->stack[depth].n = n;
			L->stack[depth].st = st;
			depth++;
			st = in;
			n = n->first;
			continue;
		}
		while (n->next == NULL && depth > 0) {
			depth--;
			n = L->stack[depth].n;
			st = L->stack[depth].st;
		}
		n = n->next;
	}
}

/* Measures (emit false) or sets at x on baseline base (relative to the
 * item's top) the NUL-terminated text s in style st, a box per font. For
 * numbers, bullets and labels, which are never broken. Returns the
 * width. */
static double
runs(struct lay *L, const char *s, const struct style *st, bool emit, double x,
    double base)
{
	double w = 0;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		size_t start = i, j = i;
		enum font f = FONT_REGULAR;
		bool have = false;
		while (j < n) {
			uint32_t cp;
			size_t len = utf8_decode((const unsigned char *)s + j,
			    n - j, &cp);
			if (len == 0)
				len = 1;
			enum font g;
			if (invisible_len(s + j, n - j) > 0 ||
			    !pick(L, cp, st, &g)) {
				if (have)
					break;
				start = j += len; /* left out: invisible,
						     or in no font */
				continue;
			}
			if (have && g != f)
				break;
			f = g;
			have = true;
			j += len;
		}
		if (have) {
			double rw = measure(L, f, s + start, j - start,
			    st->size);
			if (emit) {
				struct rbox *b = box_add(L, BOX_TEXT);
				b->b.x = x + w;
				b->b.y = base + st->rise;
				b->b.w = rw;
				b->b.font = f;
				b->b.size = st->size;
				b->b.text = s + start;
				b->b.len = j - start;
			}
			w += rw;
		}
		i = j;
	}
	return w;
}

double
text_width(struct lay *L, const char *s, const struct style *st)
{
	return runs(L, s, st, false, 0, 0);
}

double
put_text(struct lay *L, const char *s, const struct style *st, double x,
    double base)
{
	return runs(L, s, st, true, x, base);
}

/* Appends the bytes [a, b) of fr, of width w, as a frag. */
static void
piece(struct lay *L, struct frag fr, size_t a, size_t b, double w)
{
	if (b <= a)
		return;
	struct frag *p = frag_push(L);
	*p = fr;
	p->s = fr.s + a;
	p->n = b - a;
	p->w = w;
	if (a > 0)
		p->note = 0;
}

/* Does word w fit a line of width: not wider, nor longer in bytes than a
 * text box takes? */
static bool
word_fits(const struct lay *L, const struct word *w, double width)
{
	if (w->w > width + EPS)
		return false;
	size_t n = 0;
	for (size_t i = w->f0; i < w->f1; i++)
		n += L->frags[i].n;
	return n <= BOX_MAX_BYTES;
}

/* Words of [*w0, *w1) that do not fit (word_fits) are cut by character
 * into pieces that do, each ending its line; the range is then a copy at
 * the end of L->words. Unchanged when every word fits. Only such words
 * have their characters measured one by one. */
void
fit_words(struct lay *L, size_t *w0, size_t *w1, double width)
{
	size_t i = *w0;
	while (i < *w1 && word_fits(L, &L->words[i], width))
		i++;
	if (i == *w1)
		return;
	size_t start = L->nwords;
	for (i = *w0; i < *w1; i++) {
		struct word wd = L->words[i];
		if (word_fits(L, &wd, width)) {
			*word_push(L) = wd;
			continue;
		}
		size_t cw = L->nwords;
		word_push(L);
		double used = 0;
		size_t bytes = 0;
		for (size_t fi = wd.f0; fi < wd.f1; fi++) {
			struct frag fr = L->frags[fi];
			size_t a = 0, len;
			double pw = 0;
			for (size_t j = 0; j < fr.n; j += len) {
				uint32_t cp;
				len = utf8_decode((const unsigned char *)fr.s +
				        j,
				    fr.n - j, &cp);
				if (len == 0)
					len = 1;
				double c = measure(L, fr.font, fr.s + j, len,
				    fr.size);
				if (bytes > 0 &&
				    (used + c > width + EPS ||
				        bytes + len > BOX_MAX_BYTES)) {
					piece(L, fr, a, j, pw);
					struct word *w = &L->words[cw];
					w->f1 = L->nfrags;
					w->w = used;
					w->brk = true;
					cw = L->nwords;
					word_push(L);
					used = pw = 0;
					bytes = 0;
					a = j;
				}
				used += c;
				pw += c;
				bytes += len;
			}
			piece(L, fr, a, fr.n, pw);
			L->words[cw].f1 = L->nfrags;
		}
		struct word *w = &L->words[cw];
		w->w = used;
		w->space = wd.space;
		w->space_font = wd.space_font;
		w->brk = wd.brk;
		w->glue = wd.glue;
		w->hyphen = wd.hyphen;
	}
	*w0 = start;
	*w1 = L->nwords;
	L->wbase = L->nwords;
}

/* Breaks the words [w0, w1) into lines no wider than width, first fit,
 * appending them to L->lines. Returns the index of the first. A line may
 * end after a word that ends in a soft hyphen only where it fits with the
 * hyphen it then ends in. */
size_t
break_lines(struct lay *L, size_t w0, size_t w1, double width)
{
	size_t first = L->nlines;
	for (size_t i = w0; i < w1;) {
		size_t j = i, end = 0; /* end: the last fitting line's end */
		double cw = 0, end_w = 0;
		for (;;) {
			const struct word *w = &L->words[j];
			double nw = j == i ? w->w :
			                     cw + L->words[j - 1].space + w->w;
			if (j > i && nw > width + EPS)
				break;
			cw = nw;
			j++;
			bool stop = w->brk || j == w1;
			double lw = stop ? cw : cw + w->hyphen;
			if (end == 0 || lw <= width + EPS) {
				end = j;
				end_w = lw;
			}
			if (stop)
				break;
		}
		L->lines = lay_grow(L, L->lines, &L->clines, L->nlines + 1,
		    sizeof *L->lines);
		struct line *ln = &L->lines[L->nlines++];
		ln->w0 = i;
		ln->w1 = end;
		ln->w = end_w;
		ln->last = end == w1 || L->words[end - 1].brk;
		i = end;
	}
	return first;
}

/* A rule or link being drawn along a line. */
struct deco {
	bool on;
	double x0, x1, size;
	const char *uri;
	const struct node *target;
};

static void
deco_flush(struct lay *L, struct deco *d, enum box_type t, double y, double h,
    double lw)
{
	if (!d->on)
		return;
	d->on = false;
	struct rbox *b = box_add(L, t);
	b->b.x = d->x0;
	b->b.y = y;
	b->b.w = d->x1 - d->x0;
	b->b.h = h;
	b->b.line_width = lw;
	b->b.uri = d->uri;
	b->target = d->target;
}

static void
flush_link(struct lay *L, struct deco *d, double base)
{
	const struct metrics *m = L->m;
	deco_flush(L, d, BOX_LINK,
	    base + m->descent[FONT_REGULAR] / 1000 * d->size,
	    (m->ascent[FONT_REGULAR] - m->descent[FONT_REGULAR]) / 1000 *
	        d->size,
	    0);
}

static void
flush_under(struct lay *L, struct deco *d, double base)
{
	deco_flush(L, d, BOX_RULE,
	    base + L->m->descent[FONT_REGULAR] / 2000 * d->size, 0, RULE_WIDTH);
}

static void
flush_strike(struct lay *L, struct deco *d, double base)
{
	deco_flush(L, d, BOX_RULE, base + 0.3 * d->size, 0, 0.05 * d->size);
}

/* Carries decoration d over [x0, x1) when on (flushing it first where
 * the key changes), or ends it. */
static void
deco_step(struct lay *L, struct deco *d, bool on, const char *uri,
    const struct node *target, double x0, double x1, double size,
    void (*flush)(struct lay *, struct deco *, double), double base)
{
	if (d->on && (!on || d->uri != uri || d->target != target))
		flush(L, d, base);
	if (!on)
		return;
	if (d->on) {
		d->x1 = x1;
		if (size > d->size)
			d->size = size;
	} else {
		*d = (struct deco){true, x0, x1, size, uri, target};
	}
}

/* a, then sep, then b, in the arena (the text of a box that runs across
 * inline nodes). */
static const char *
join(struct lay *L, const char *a, size_t na, const char *sep, const char *b,
    size_t nb)
{
	size_t ns = strlen(sep);
	char *t = arena_alloc(L->a, na + ns + nb + 1);
	memcpy(t, a, na);
	memcpy(t + na, sep, ns);
	memcpy(t + na + ns, b, nb);
	return t;
}

/* The hyphen that ends a line broken at a soft hyphen, after frag f (the
 * word's last) at cx: added to the text box open (index open, or -1)
 * when f is its last text, else a box of its own; the link, underline
 * and strike-through of f run on under it (deco: those three). Returns
 * the x after it. */
static double
soft_hyphen(struct lay *L, const struct frag *f, size_t open, double cx,
    double base, struct deco *deco[3])
{
	double hw = measure(L, f->font, "-", 1, f->size);
	struct box *ob = open != (size_t)-1 ? &L->boxes[open].b : NULL;
	if (ob != NULL && ob->font == f->font && ob->size == f->size &&
	    ob->y == base + f->rise && ob->len + 1 <= BOX_MAX_BYTES) {
		ob->text = join(L, ob->text, ob->len, "", "-", 1);
		ob->len += 1;
		ob->w += hw;
	} else {
		struct rbox *b = box_add(L, BOX_TEXT);
		b->b.x = cx;
		b->b.y = base + f->rise;
		b->b.w = hw;
		b->b.font = f->font;
		b->b.size = f->size;
		b->b.text = "-";
		b->b.len = 1;
	}
	if (deco[0]->on)
		deco[0]->x1 = cx + hw;
	if (deco[1]->on)
		deco[1]->x1 = cx + hw;
	if (deco[2]->on)
		deco[2]->x1 = cx + hw;
	return cx + hw;
}

/* What a link is for, as a screen reader says it (a Link's /Contents):
 * "Link to https://...", "Email name@example.org", "Go to paragraph 4.2". */
static const char *
link_alt(struct lay *L, const char *uri, const struct node *target)
{
	if (uri != NULL && strncmp(uri, "mailto:", 7) == 0 && uri[7] != '\0')
		return arena_printf(L->a, "Email %s", uri + 7);
	if (uri != NULL)
		return arena_printf(L->a, "Link to %s", uri);
	if (target != NULL && target->number != NULL)
		return arena_printf(L->a, "Go to paragraph %s", target->number);
	return "Go to the paragraph referred to";
}

/* Frag f in a link: makes the open element its TAG_LINK (the one of the
 * line before when f begins the line and goes on with that link, else a
 * new one), which owns the link's text and rectangles. */
static void
link_enter(struct lay *L, const struct frag *f, bool line_start)
{
	if (line_start && L->link > 0 &&
	    L->tags[L->link - 1].parent == L->tag && L->link_uri == f->uri &&
	    L->link_target == f->target) {
		L->tag = L->link;
		return;
	}
	L->link = tag_open(L, TAG_LINK);
	L->tags[L->link - 1].alt = link_alt(L, f->uri, f->target);
	L->link_uri = f->uri;
	L->link_target = f->target;
}

/* The first reference to note nt is set in the open element: the note
 * (its TAG_NOTE) becomes the element's kid, right after the reference
 * (in a link, after the link). Not when that would put the note inside
 * itself (a note referring to itself). */
static void
note_place(struct lay *L, struct note *nt)
{
	int at = L->tag;
	if (nt->tag <= 0 || nt->placed || at <= 0)
		return;
	if (L->tags[at - 1].type == TAG_LINK)
		at = L->tags[at - 1].parent;
	for (int e = at; e > 0; e = L->tags[e - 1].parent)
		if (e == nt->tag)
			return;
	L->tags[nt->tag - 1].parent = at;
	L->tags[nt->tag - 1].seq = L->seq++;
	nt->placed = true;
}

/* Sets line ln with its left edge at x in a measure of width, baseline at
 * base (relative to the item's top), aligned as al. Frags that follow
 * each other in the same font and size make one text box (sharing the
 * source text where they are next to each other in it); justified lines
 * place each word. The
 * notes the line refers to first are noted for the item. */
void
emit_line(struct lay *L, const struct line *ln, double x, double width,
    double base, enum align al)
{
	size_t nsp = 0; /* gaps that stretch */
	for (size_t wi = ln->w0; wi + 1 < ln->w1; wi++)
		nsp += !L->words[wi].glue;
	double extra = 0, off = 0;
	switch (al) {
	case ALIGN_LEFT:
		break;
	case ALIGN_CENTRE:
		off = (width - ln->w) / 2;
		break;
	case ALIGN_RIGHT:
		off = width - ln->w;
		break;
	case ALIGN_JUSTIFY:
		if (!ln->last && nsp > 0 && width > ln->w)
			extra = (width - ln->w) / (double)nsp;
		break;
	}
	if (off < 0)
		off = 0;
	double cx = x + off;
	size_t open = (size_t)-1; /* the text box that may grow */
	bool after_space = false;
	double space = 0;
	enum font space_font = FONT_REGULAR;
	struct deco link = {0}, under = {0}, strike = {0};
	int outer = L->tag; /* the element the line is in, out of links */
	bool start = true;
	for (size_t wi = ln->w0; wi < ln->w1; wi++) {
		const struct word *w = &L->words[wi];
		for (size_t fi = w->f0; fi < w->f1; fi++) {
			const struct frag *f = &L->frags[fi];
			bool joined = false;
			bool lk = outer > 0 &&
			    (f->uri != NULL || f->target != NULL);
			if (L->tag != outer &&
			    (!lk || f->uri != L->link_uri ||
			        f->target != L->link_target)) {
				/* a link ends: its rectangle is its */
				flush_link(L, &link, base);
				L->tag = outer;
				open = (size_t)-1;
			}
			if (lk && L->tag == outer) {
				link_enter(L, f, start);
				open = (size_t)-1;
			}
			start = false;
			if (open != (size_t)-1) {
				struct box *ob = &L->boxes[open].b;
				bool same = ob->font == f->font &&
				    ob->size == f->size &&
				    ob->y == base + f->rise &&
				    ob->len + 1 + f->n <= BOX_MAX_BYTES;
				if (same && !after_space &&
				    ob->text + ob->len == f->s) {
					ob->len += f->n;
					ob->w += f->w;
					joined = true;
				} else if (same && after_space && extra == 0 &&
				    space_font == f->font && space > 0) {
					if (ob->text + ob->len + 1 != f->s ||
					    ob->text[ob->len] != ' ')
						ob->text = join(L, ob->text,
						    ob->len, " ", f->s, f->n);
					ob->len += 1 + f->n;
					ob->w += space + f->w;
					joined = true;
				} else if (same && !after_space) {
					ob->text = join(L, ob->text, ob->len,
					    "", f->s, f->n);
					ob->len += f->n;
					ob->w += f->w;
					joined = true;
				}
			}
			if (!joined) {
				struct rbox *b = box_add(L, BOX_TEXT);
				b->b.x = cx;
				b->b.y = base + f->rise;
				b->b.w = f->w;
				b->b.font = f->font;
				b->b.size = f->size;
				b->b.text = f->s;
				b->b.len = f->n;
				open = (size_t)(b - L->boxes);
			}
			after_space = false;
			deco_step(L, &link, f->uri != NULL || f->target != NULL,
			    f->uri, f->target, cx, cx + f->w, f->size,
			    flush_link, base);
			deco_step(L, &under, f->underline, NULL, NULL, cx,
			    cx + f->w, f->size, flush_under, base);
			deco_step(L, &strike, f->strike, NULL, NULL, cx,
			    cx + f->w, f->size, flush_strike, base);
			if (f->note != 0 && !L->notes[f->note - 1].seen) {
				struct note *nt = &L->notes[f->note - 1];
				nt->seen = true;
				if (nt->i1 > L->ifend)
					L->ifend = nt->i1;
				if (outer > 0)
					note_place(L, nt);
			}
			cx += f->w;
		}
		if (wi + 1 == ln->w1 && w->hyphen > 0 && !ln->last &&
		    w->f1 > w->f0)
			cx = soft_hyphen(L, &L->frags[w->f1 - 1], open, cx,
			    base, (struct deco *[]){&link, &under, &strike});
		if (w->f1 > w->f0) {
			after_space = !w->glue;
			space = w->space;
			space_font = w->space_font;
		}
		cx += w->glue ? 0 : w->space + extra;
	}
	flush_link(L, &link, base);
	L->tag = outer; /* a link going on goes on in the next line */
	flush_under(L, &under, base);
	flush_strike(L, &strike, base);
}
