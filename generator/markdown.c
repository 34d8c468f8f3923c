/* markdown.c: the Markdown body read with cmark-gfm (CommonMark plus the
 * GitHub extensions) and turned into model nodes with file positions.
 * The only file that includes cmark-gfm. */
#include "markdown.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <threads.h>

#include "arena.h"
#include "model.h"
#include "source.h"

/* Node types of the table and strikethrough extensions: exported by
 * libcmark-gfm-extensions and set when the extensions are registered, but
 * declared in no installed header. */
extern cmark_node_type CMARK_NODE_TABLE, CMARK_NODE_TABLE_ROW,
    CMARK_NODE_TABLE_CELL, CMARK_NODE_STRIKETHROUGH;
/* Declared only in <cmark-gfm/registry.h>, which pulls in private headers. */
void cmark_release_plugins(void);

/* Longest "{#label}" and "[^note]" recognised in text. */
enum { MAX_MARKER = 64 };

/* What an open container is, for the limits and the checks on exit. */
enum frame_kind {
	FR_OTHER,  /* the document, an item, a table, a row, a footnote */
	FR_NEST,   /* a list or block quote: counts towards the limit */
	FR_BLOCK,  /* a leaf block holding inlines (paragraph, heading,
		       table cell): its inlines are checked on exit */
	FR_INLINE, /* emphasis, link ...: counts towards the inline limit */
};

/* A container open during the conversion. */
struct frame {
	cmark_node *cn; /* the cmark node */
	struct node *n; /* its model node */
	enum frame_kind kind;
};

/* Kinds of markers looked up in the source of a block, each with its own
 * cursor so that repeated markers are found one after the other. */
enum marker {
	MARK_LABEL,    /* "{#label}" */
	MARK_FOOTNOTE, /* "[^note]" */
	MARK_XREF,     /* "(#label)" */
	MARK_IMAGE,    /* the image's URL */
	MARK_HTML,     /* raw HTML */
	MARK__COUNT
};

/* Byte columns turned into character columns along a line without
 * counting from the line's start each time: a paragraph may be one line
 * of megabytes. */
struct colcache {
	int line;    /* 0: empty */
	size_t byte; /* 0-based byte offset in the line */
	int col;     /* its 1-based character column */
};

/* The leaf block whose inlines are being converted. */
struct block {
	struct pos pos;            /* where it starts */
	int first_line, last_line; /* its lines in the file */
	int first_byte;            /* 0-based byte offset of its start on
				     first_line */
	struct {
		int line; /* where to look next */
		size_t off;
	} cursor[MARK__COUNT];
	struct colcache cols[MARK__COUNT];
	bool html_reported; /* one D_RAW_HTML per block is enough */
};

/* Ranges of lines of the file, heap. */
struct lines {
	int (*r)[2]; /* first and last line of each */
	size_t n, cap;
};

/* A footnote reference without a definition, reported once the
 * definitions are known (to say which was meant). */
struct note_ref {
	const char *label;
	struct pos pos;
};

struct conv {
	struct paper *p;
	struct arena *a;
	struct diags *d;
	const struct source *src;
	struct frame *stack; /* open containers, heap */
	size_t depth, cap;
	int nesting;      /* open lists and block quotes */
	int inline_depth; /* open inline containers */
	bool nesting_reported;
	struct block blk;
	struct colcache cols;       /* for the positions cmark gives */
	struct node *last_note;     /* the last footnote definition */
	int notes;                  /* footnote definitions seen */
	struct lines code;          /* lines of code blocks */
	struct lines kept;          /* first lines of the footnote definitions
				     cmark kept (those referred to) */
	struct note_ref *undefined; /* "[^x]" without a definition, heap */
	size_t nundefined, capundefined;
};

/* ---- Positions ---------------------------------------------------- */

/* The position of byte offset byte (0-based) of a line of the file. */
static struct pos
cached_pos(const struct source *src, struct colcache *cc, int line, size_t byte)
{
	size_t len;
	const char *s = source_line(src, line, &len);
	if (byte > len)
		byte = len;
	if (cc->line != line || cc->byte > byte) {
		cc->line = line;
		cc->byte = 0;
		cc->col = 1;
	}
	cc->col += (int)utf8_count(s + cc->byte, byte - cc->byte);
	cc->byte = byte;
	return (struct pos){line, cc->col};
}

/* The file position of a cmark node, or fallback when cmark gives none. */
static struct pos
cm_pos(struct conv *c, cmark_node *cn, struct pos fallback)
{
	int line = cmark_node_get_start_line(cn);
	int col = cmark_node_get_start_column(cn);
	if (line <= 0)
		return fallback;
	return cached_pos(c->src, &c->cols, c->src->body_line + line - 1,
	    col > 1 ? (size_t)col - 1 : 0);
}

static int
cm_line(const struct conv *c, int line)
{
	return c->src->body_line + line - 1;
}

/* Starts a leaf block: its lines, for finding markers in its source. */
static void
block_begin(struct conv *c, cmark_node *cn, struct pos p)
{
	memset(&c->blk, 0, sizeof c->blk);
	c->blk.pos = p;
	int l0 = cmark_node_get_start_line(cn),
	    l1 = cmark_node_get_end_line(cn);
	int col = cmark_node_get_start_column(cn);
	if (l0 <= 0) {
		c->blk.first_line = c->blk.last_line = p.line;
		c->blk.first_byte = 0;
	} else {
		c->blk.first_line = cm_line(c, l0);
		c->blk.last_line = cm_line(c, l1 >= l0 ? l1 : l0);
		c->blk.first_byte = col > 1 ? col - 1 : 0;
	}
	for (int k = 0; k < MARK__COUNT; k++) {
		c->blk.cursor[k].line = c->blk.first_line;
		c->blk.cursor[k].off = (size_t)c->blk.first_byte;
	}
}

/* Finds needle (n bytes, on one line) in the source of the current block,
 * from the cursor of kind k, and moves the cursor past it. *before is set
 * to the byte before the match (0 at a line's start). Returns false when
 * the source does not hold it (the text was escaped or rewritten). */
static bool
block_find(struct conv *c, enum marker k, const char *needle, size_t n,
    struct pos *where, char *before)
{
	if (n == 0)
		return false;
	for (int line = c->blk.cursor[k].line; line <= c->blk.last_line;
	     line++) {
		size_t len;
		const char *s = source_line(c->src, line, &len);
		size_t from = line == c->blk.cursor[k].line ?
		    c->blk.cursor[k].off :
		    0;
		for (size_t i = from; i + n <= len; i++) {
			if (memcmp(s + i, needle, n) != 0)
				continue;
			*where = cached_pos(c->src, &c->blk.cols[k], line, i);
			*before = i > 0 ? s[i - 1] : 0;
			c->blk.cursor[k].line = line;
			c->blk.cursor[k].off = i + n;
			return true;
		}
	}
	return false;
}

/* ---- Tree helpers ------------------------------------------------- */

static bool
blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n')
			return false;
	return true;
}

static bool
label_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
}

/* ---- Checks on a finished leaf block ------------------------------ */

/* A paragraph beginning "{#label}": the label is taken off the text and
 * set on the paragraph. The label is read from the source where it can be
 * (smart punctuation may have rewritten "--" in the text). */
static void
take_label(struct conv *c, struct node *para)
{
	struct node *t = para->first;
	if (t == NULL || t->type != N_TEXT || strncmp(t->text, "{#", 2) != 0)
		return;
	const char *close = strchr(t->text, '}');
	if (close == NULL || close - t->text > MAX_MARKER)
		return;
	const char *label = arena_strndup(c->a, t->text + 2,
	    (size_t)(close - t->text - 2));
	size_t len;
	const char *line = source_line(c->src, c->blk.first_line, &len);
	size_t at = (size_t)c->blk.first_byte;
	if (at + 2 < len && strncmp(line + at, "{#", 2) == 0) {
		const char *e = memchr(line + at, '}', len - at);
		if (e != NULL)
			label = arena_strndup(c->a, line + at + 2,
			    (size_t)(e - line - at - 2));
	}
	bool ok = *label != '\0';
	for (const char *s = label; *s; s++)
		ok = ok && label_char(*s);
	if (!ok) {
		diag(c->d, c->p->path, para->pos, D_LABEL_SYNTAX, label);
	} else {
		para->label = label;
		para->label_pos = para->pos;
	}
	const char *rest = close + 1;
	if (*rest == ' ')
		rest++;
	t->text = rest;
	if (*rest == '\0') {
		node_remove(t);
		t = para->first;
		if (t != NULL &&
		    (t->type == N_SOFTBREAK || t->type == N_LINEBREAK))
			node_remove(t);
	}
	/* The position of the paragraph's first inline moves with it. */
	c->blk.cursor[MARK_LABEL].off = (size_t)c->blk.first_byte + 2;
}

/* "{#label}" inside a text, where it is no label. */
static void
check_stray_labels(struct conv *c, const char *s)
{
	for (const char *m = strstr(s, "{#"); m != NULL;
	     m = strstr(m + 2, "{#")) {
		const char *e = m + 2;
		while (label_char(*e) && e - m < MAX_MARKER)
			e++;
		if (e == m + 2 || *e != '}')
			continue;
		const char *label = arena_strndup(c->a, m + 2,
		    (size_t)(e - m - 2));
		struct pos where = c->blk.pos;
		char before;
		(void)block_find(c, MARK_LABEL, m, (size_t)(e - m + 1), &where,
		    &before);
		diag(c->d, c->p->path, where, D_LABEL_NOT_PARAGRAPH, label);
	}
}

/* "[^note]" left as text: a footnote reference without a definition. */
static void
check_undefined_notes(struct conv *c, const char *s)
{
	for (const char *m = strstr(s, "[^"); m != NULL;
	     m = strstr(m + 2, "[^")) {
		const char *e = m + 2;
		while (*e && *e != ']' && *e != '[' && *e != ' ' &&
		    *e != '\t' && *e != '\n' && e - m < MAX_MARKER)
			e++;
		if (e == m + 2 || *e != ']')
			continue;
		struct pos where = c->blk.pos;
		char before = 0;
		if (block_find(c, MARK_FOOTNOTE, m, (size_t)(e - m + 1), &where,
		        &before) &&
		    before == '\\')
			continue; /* written "\[^x]": meant as text */
		if (c->nundefined == c->capundefined) {
			c->capundefined = c->capundefined ?
			    2 * c->capundefined :
			    8;
			c->undefined = xrealloc(c->undefined,
			    c->capundefined * sizeof(*c->undefined));
		}
		c->undefined
		    [c->nundefined++] = (struct note_ref){arena_strndup(c->a,
		                                              m + 2,
		                                              (size_t)(e - m -
		                                                  2)),
		    where};
	}
}

static void
lines_add(struct lines *l, int first, int last)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->r = xrealloc(l->r, l->cap * sizeof(*l->r));
	}
	l->r[l->n][0] = first;
	l->r[l->n][1] = last;
	l->n++;
}

static int
range_cmp(const void *x, const void *y)
{
	const int *a = x, *b = y;
	return a[0] < b[0] ? -1 : a[0] > b[0];
}

/* Is line in one of the ranges of l, sorted by lines_sort? The ranges
 * are blocks, so they do not overlap. */
static bool
lines_have(const struct lines *l, int line)
{
	size_t lo = 0, hi = l->n;
	while (lo < hi) { /* the first range that starts after line */
		size_t mid = lo + (hi - lo) / 2;
		if (l->r[mid][0] <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && l->r[lo - 1][1] >= line;
}

static void
lines_sort(struct lines *l)
{
	if (l->n > 1)
		qsort(l->r, l->n, sizeof(*l->r), range_cmp);
}

/* A footnote definition as written: "[^label]:" at the start of a line,
 * after indentation and the marks of block quotes. */
struct note_def {
	const char *label;
	struct pos pos;
	bool kept;  /* cmark kept it: it is referred to */
	bool meant; /* a "did you mean" named it */
};

/* The footnote definitions written in the body, outside code blocks, in
 * order (heap; *n set). cmark drops the definitions nothing refers to,
 * without their labels, so they are found in the source. */
static struct note_def *
find_note_defs(struct conv *c, size_t *n)
{
	struct note_def *defs = NULL;
	size_t cap = 0;
	struct colcache cc = {0};
	*n = 0;
	for (int line = c->src->body_line; line <= (int)c->src->nlines;
	     line++) {
		size_t len, i = 0;
		const char *s = source_line(c->src, line, &len);
		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '>'))
			i++;
		if (len - i < 5 || s[i] != '[' || s[i + 1] != '^')
			continue;
		size_t e = i + 2;
		while (e < len && s[e] != ']' && s[e] != '[' && s[e] != ' ' &&
		    s[e] != '\t' && e - i < MAX_MARKER)
			e++;
		if (e == i + 2 || e + 1 >= len || s[e] != ']' ||
		    s[e + 1] != ':' || lines_have(&c->code, line))
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			defs = xrealloc(defs, cap * sizeof(*defs));
		}
		defs[(*n)++] = (struct note_def){arena_strndup(c->a, s + i + 2,
		                                     e - i - 2),
		    cached_pos(c->src, &cc, line, i),
		    lines_have(&c->kept, line), false};
	}
	return defs;
}

static int
def_cmp(const void *x, const void *y)
{
	const struct note_def *a = *(struct note_def *const *)x;
	const struct note_def *b = *(struct note_def *const *)y;
	int c = strcasecmp(a->label, b->label);
	if (c != 0)
		return c;
	return a->pos.line < b->pos.line ? -1 : a->pos.line > b->pos.line;
}

/* Beyond this many pairs of undefined references and definitions, no
 * "did you mean" is looked for: each costs an edit distance. */
enum { NOTE_PAIRS = 1000000 };

/* Footnotes, once the whole body is read: each reference without a
 * definition (with the definition it most likely meant), each definition
 * that nothing refers to, and each second definition of a label (cmark
 * matches labels regardless of case). */
static void
check_notes(struct conv *c)
{
	lines_sort(&c->code);
	lines_sort(&c->kept);
	size_t n;
	struct note_def *defs = find_note_defs(c, &n);
	const char **labels = arena_alloc(c->a, (n + 1) * sizeof(*labels));
	for (size_t i = 0; i < n; i++)
		labels[i] = defs[i].label;
	bool suggest = n > 0 && c->nundefined <= NOTE_PAIRS / n;
	for (size_t i = 0; i < c->nundefined; i++) {
		const struct note_ref *r = &c->undefined[i];
		const char *near = suggest ? closest(r->label, labels) : NULL;
		const char *hint = arena_printf(c->a,
		    ": add a line "
		    "\"[^%s]: ...\"",
		    r->label);
		for (size_t j = 0; near != NULL && j < n; j++)
			if (labels[j] == near) {
				defs[j].meant = true;
				hint = arena_printf(c->a,
				    " (did you mean "
				    "\"[^%s]\"?)",
				    near);
			}
		diag(c->d, c->p->path, r->pos, D_FOOTNOTE_UNDEFINED, r->label,
		    hint);
	}
	/* The definitions grouped by label; the one cmark kept, else the
	 * first, is the label's. */
	struct note_def **by = xmalloc((n + 1) * sizeof(*by));
	for (size_t i = 0; i < n; i++)
		by[i] = &defs[i];
	if (n > 1)
		qsort(by, n, sizeof(*by), def_cmp);
	for (size_t i = 0, e; i < n; i = e) {
		const struct note_def *own = by[i];
		for (e = i;
		     e < n && strcasecmp(by[e]->label, by[i]->label) == 0; e++)
			if (by[e]->kept)
				own = by[e];
		for (size_t k = i; k < e; k++) {
			const struct note_def *x = by[k];
			if (x->kept || x->meant)
				continue;
			if (x == own)
				diag(c->d, c->p->path, x->pos,
				    D_FOOTNOTE_UNUSED, x->label, x->label);
			else
				diag(c->d, c->p->path, x->pos,
				    D_FOOTNOTE_REPEATED, x->label,
				    own->pos.line);
		}
	}
	free(by);
	free(defs);
}

/* Walks the inlines of a finished leaf block in source order: stray
 * labels, undefined footnotes, and the real columns of cross-references
 * and images. */
static void
check_inlines(struct conv *c, struct node *blk)
{
	for (struct node *n = blk->first; n != NULL;
	     n = node_walk_next(n, blk)) {
		struct pos where;
		char before;
		switch (n->type) {
		case N_TEXT:
			check_stray_labels(c, n->text);
			check_undefined_notes(c, n->text);
			break;
		case N_XREF: {
			const char *needle = arena_printf(c->a, "(#%s)",
			    n->u.xref.label);
			if (block_find(c, MARK_XREF, needle, strlen(needle),
			        &where, &before)) {
				where.col++;
				n->pos = where;
			}
			break;
		}
		case N_IMAGE:
			if (block_find(c, MARK_IMAGE, n->u.link.url,
			        strlen(n->u.link.url), &where, &before))
				n->pos = where;
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
		case N_SOFTBREAK:
		case N_LINEBREAK:
		case N_CODE:
		case N_EMPH:
		case N_STRONG:
		case N_STRIKETHROUGH:
		case N_LINK:
		case N_FOOTNOTE_REF:
			break;
		}
	}
}

/* The length of a bullet that a word processor leaves when its list is
 * pasted as text (•, ◦, ▪, · or –, then a tab or a space) at s, or 0. */
static size_t
pasted_bullet(const char *s, size_t n)
{
	static const char *const bullets[] = {"\xe2\x80\xa2", "\xe2\x97\xa6",
	    "\xe2\x96\xaa", "\xc2\xb7", "\xe2\x80\x93"};
	for (size_t i = 0; i < sizeof bullets / sizeof *bullets; i++) {
		size_t l = strlen(bullets[i]);
		if (n > l && memcmp(s, bullets[i], l) == 0 &&
		    (s[l] == ' ' || s[l] == '\t'))
			return l;
	}
	return 0;
}

/* Lines of a paragraph that begin with a pasted bullet: each is a
 * warning at its bullet, and each after the first line begins a line of
 * its own (its soft break made a hard one), set as typed, rather than
 * running on from the line before. A line is taken to be one when both
 * its source and its text begin with the bullet (not so "-- " made a dash
 * by smart punctuation); an en dash only where the line before ends a
 * sentence or clause or is itself a bullet, since a line may begin with
 * a dash inside a sentence. */
static void
pasted_bullets(struct conv *c, struct node *para)
{
	int line = c->blk.first_line;
	bool line_start = true, prev_bullet = false;
	struct node *brk = NULL; /* the break that ended the line before */
	for (struct node *k = para->first; k != NULL; k = k->next) {
		if (line_start && k->type == N_TEXT &&
		    pasted_bullet(k->text, strlen(k->text)) > 0 &&
		    line <= c->blk.last_line) {
			size_t len, at = 0;
			const char *s = source_line(c->src, line, &len);
			if (line == c->blk.first_line)
				at = (size_t)c->blk.first_byte;
			else
				while (at < len &&
				    (s[at] == ' ' || s[at] == '\t' ||
				        s[at] == '>'))
					at++;
			size_t bl = pasted_bullet(s + at, len - at);
			bool dash = bl > 0 &&
			    memcmp(s + at, "\xe2\x80\x93", 3) == 0;
			if (bl > 0 && dash && line > c->blk.first_line &&
			    !prev_bullet) {
				size_t pl;
				const char *ps = source_line(c->src, line - 1,
				    &pl);
				while (pl > 0 &&
				    (ps[pl - 1] == ' ' || ps[pl - 1] == '\t'))
					pl--;
				if (pl == 0 ||
				    strchr(".:;!?", ps[pl - 1]) == NULL)
					bl = 0;
			}
			prev_bullet = bl > 0;
			if (bl > 0) {
				struct colcache cc = {0};
				diag(c->d, c->p->path,
				    cached_pos(c->src, &cc, line, at),
				    D_PASTED_BULLET);
				if (brk != NULL && brk->type == N_SOFTBREAK)
					brk->type = N_LINEBREAK;
			}
		} else if (line_start) {
			prev_bullet = false;
		}
		line_start = false;
		/* Every break in k's subtree ends a line of the source. */
		for (struct node *n = k; n != NULL; n = node_walk_next(n, k))
			if (n->type == N_SOFTBREAK || n->type == N_LINEBREAK) {
				line++;
				line_start = n == k;
				brk = n;
			}
	}
}

/* ---- Conversion --------------------------------------------------- */

static void
push(struct conv *c, cmark_node *cn, struct node *n, enum frame_kind kind)
{
	if (c->depth == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 32;
		c->stack = xrealloc(c->stack, c->cap * sizeof(*c->stack));
	}
	c->stack[c->depth++] = (struct frame){cn, n, kind};
	if (kind == FR_NEST)
		c->nesting++;
	else if (kind == FR_INLINE)
		c->inline_depth++;
}

static struct node *
top(const struct conv *c)
{
	return c->stack[c->depth - 1].n;
}

/* A container ends: tidy its children and check a finished leaf block. */
static void
finish(struct conv *c, struct frame *f)
{
	struct node *n = f->n;
	if (f->kind == FR_NEST)
		c->nesting--;
	else if (f->kind == FR_INLINE)
		c->inline_depth--;
	node_merge_texts(c->a, n);
	if (f->kind != FR_BLOCK)
		return;
	if (n->type == N_PARAGRAPH) {
		take_label(c, n);
		pasted_bullets(c, n);
	}
	check_inlines(c, n);
	if (n->type == N_SUBHEADING && blank(node_text(c->a, n))) {
		diag(c->d, c->p->path, n->pos, D_EMPTY_HEADING);
		node_remove(n);
	} else if (n->type == N_PARAGRAPH && n->first == NULL &&
	    n->label == NULL) {
		node_remove(n); /* it held only raw HTML */
	}
}

/* A new node of type t at cn's position (its block's, for inlines that
 * cmark gives none), appended to the open container. */
static struct node *
add(struct conv *c, cmark_node *cn, enum node_type t)
{
	struct node *n = node_new(c->a, t, cm_pos(c, cn, c->blk.pos));
	node_append(top(c), n);
	return n;
}

static const char *
literal(struct conv *c, cmark_node *cn)
{
	const char *s = cmark_node_get_literal(cn);
	return arena_strdup(c->a, s ? s : "");
}

static void
raw_html(struct conv *c, cmark_node *cn, bool inl)
{
	struct pos where = cm_pos(c, cn, c->blk.pos);
	if (inl) {
		if (c->blk.html_reported)
			return;
		c->blk.html_reported = true;
		where = c->blk.pos;
		const char *s = cmark_node_get_literal(cn);
		const char *nl = s ? strchr(s, '\n') : NULL;
		size_t n = s ? (nl ? (size_t)(nl - s) : strlen(s)) : 0;
		char before;
		(void)block_find(c, MARK_HTML, s ? s : "", n, &where, &before);
	}
	diag(c->d, c->p->path, where, D_RAW_HTML);
}

/* Blocks of the extensions (tables, strikethrough). Returns false for
 * another type. */
static bool
enter_extension(struct conv *c, cmark_node *cn, cmark_node_type t)
{
	struct node *n;
	if (t == CMARK_NODE_TABLE) {
		n = add(c, cn, N_TABLE);
		int cols = cmark_gfm_extensions_get_table_columns(cn);
		const uint8_t
		    *al = cmark_gfm_extensions_get_table_alignments(cn);
		char *align = arena_alloc(c->a, (size_t)cols + 1);
		for (int i = 0; i < cols; i++)
			align[i] = al &&
			        (al[i] == 'l' || al[i] == 'c' || al[i] == 'r') ?
			    (char)al[i] :
			    ' ';
		n->u.table.columns = cols;
		n->u.table.align = align;
		push(c, cn, n, FR_OTHER);
	} else if (t == CMARK_NODE_TABLE_ROW) {
		n = add(c, cn, N_TABLE_ROW);
		n->u.row
		    .header = cmark_gfm_extensions_get_table_row_is_header(cn);
		push(c, cn, n, FR_OTHER);
	} else if (t == CMARK_NODE_TABLE_CELL) {
		n = add(c, cn, N_TABLE_CELL);
		block_begin(c, cn, n->pos);
		push(c, cn, n, FR_BLOCK);
	} else if (t == CMARK_NODE_STRIKETHROUGH) {
		if (c->inline_depth >= CLERK_MAX_NESTING)
			return true; /* flattened: its text stays */
		n = add(c, cn, N_STRIKETHROUGH);
		push(c, cn, n, FR_INLINE);
	} else {
		return false;
	}
	return true;
}

/* A list or block quote beyond the limit is flattened: its blocks go to
 * the innermost container kept. Reported once. */
static bool
too_deep(struct conv *c, cmark_node *cn)
{
	if (c->nesting < CLERK_MAX_NESTING)
		return false;
	if (!c->nesting_reported)
		diag(c->d, c->p->path, cm_pos(c, cn, c->blk.pos),
		    D_NESTING_TOO_DEEP, CLERK_MAX_NESTING);
	c->nesting_reported = true;
	return true;
}

static void
enter_list(struct conv *c, cmark_node *cn)
{
	struct node *n = add(c, cn, N_LIST);
	n->u.list.ordered = cmark_node_get_list_type(cn) == CMARK_ORDERED_LIST;
	n->u.list.start = n->u.list.ordered ? cmark_node_get_list_start(cn) : 0;
	n->u.list.tight = cmark_node_get_list_tight(cn) != 0;
	n->u.list.delim = !n->u.list.ordered                   ? 0 :
	    cmark_node_get_list_delim(cn) == CMARK_PAREN_DELIM ? ')' :
	                                                         '.';
	push(c, cn, n, FR_NEST);
}

static void
enter_item(struct conv *c, cmark_node *cn)
{
	struct node *n = add(c, cn, N_ITEM);
	n->u.item.task = strcmp(cmark_node_get_type_string(cn), "tasklist") ==
	    0;
	n->u.item.checked = n->u.item.task &&
	    cmark_gfm_extensions_get_tasklist_item_checked(cn);
	push(c, cn, n, FR_OTHER);
}

static void
enter_code_block(struct conv *c, cmark_node *cn)
{
	struct node *n = add(c, cn, N_CODE_BLOCK);
	lines_add(&c->code, cm_line(c, cmark_node_get_start_line(cn)),
	    cm_line(c, cmark_node_get_end_line(cn)));
	n->text = literal(c, cn);
	const char *info = cmark_node_get_fence_info(cn);
	n->u.code.info = info && *info ? arena_strdup(c->a, info) : NULL;
	int flen, foff;
	char fch;
	n->u.code.indented = !cmark_node_get_fenced(cn, &flen, &foff, &fch);
}

/* A link or an image; a link to "#label" is a cross-reference. */
static void
enter_link(struct conv *c, cmark_node *cn, cmark_node_type t)
{
	struct node *n;
	const char *url = cmark_node_get_url(cn);
	const char *title = cmark_node_get_title(cn);
	url = url ? url : "";
	if (t == CMARK_NODE_LINK && url[0] == '#') {
		n = add(c, cn, N_XREF);
		n->u.xref.label = arena_strdup(c->a, url + 1);
	} else {
		n = add(c, cn, t == CMARK_NODE_LINK ? N_LINK : N_IMAGE);
		n->u.link.url = arena_strdup(c->a, url);
		n->u.link.title = title && *title ? arena_strdup(c->a, title) :
		                                    NULL;
	}
	push(c, cn, n, FR_INLINE);
}

/* A node of the cmark tree entered: its node made in the model (and, for
 * a container, pushed), or flattened past clerk's limits. */
static void
enter(struct conv *c, cmark_node *cn)
{
	cmark_node_type t = cmark_node_get_type(cn);
	struct node *n;
	if (enter_extension(c, cn, t))
		return;
	switch (t) {
	case CMARK_NODE_DOCUMENT:
	case CMARK_NODE_NONE:
	case CMARK_NODE_CUSTOM_BLOCK:
	case CMARK_NODE_CUSTOM_INLINE:
		break; /* not made by the parser; contents kept */
	case CMARK_NODE_BLOCK_QUOTE:
		if (too_deep(c, cn))
			break;
		n = add(c, cn, N_BLOCKQUOTE);
		push(c, cn, n, FR_NEST);
		break;
	case CMARK_NODE_LIST:
		if (!too_deep(c, cn))
			enter_list(c, cn);
		break;
	case CMARK_NODE_ITEM:
		if (top(c)->type == N_LIST) /* else its list was flattened */
			enter_item(c, cn);
		break;
	case CMARK_NODE_CODE_BLOCK:
		enter_code_block(c, cn);
		break;
	case CMARK_NODE_HTML_BLOCK:
		raw_html(c, cn, false);
		break;
	case CMARK_NODE_PARAGRAPH:
		n = add(c, cn, N_PARAGRAPH);
		block_begin(c, cn, n->pos);
		push(c, cn, n, FR_BLOCK);
		break;
	case CMARK_NODE_HEADING:
		n = add(c, cn, N_SUBHEADING);
		n->u.heading.level = cmark_node_get_heading_level(cn);
		block_begin(c, cn, n->pos);
		push(c, cn, n, FR_BLOCK);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		add(c, cn, N_THEMATIC_BREAK);
		break;
	case CMARK_NODE_FOOTNOTE_DEFINITION:
		/* cmark moves the definitions to the end of the document, in
		 * the order of their first reference: the Nth is note N. */
		n = node_new(c->a, N_FOOTNOTE_DEF, cm_pos(c, cn, c->blk.pos));
		n->u.footnote.number = ++c->notes;
		lines_add(&c->kept, n->pos.line, n->pos.line);
		push(c, cn, n, FR_OTHER);
		break;
	case CMARK_NODE_TEXT:
		add(c, cn, N_TEXT)->text = literal(c, cn);
		break;
	case CMARK_NODE_SOFTBREAK:
		add(c, cn, N_SOFTBREAK);
		break;
	case CMARK_NODE_LINEBREAK:
		add(c, cn, N_LINEBREAK);
		break;
	case CMARK_NODE_CODE:
		add(c, cn, N_CODE)->text = literal(c, cn);
		break;
	case CMARK_NODE_HTML_INLINE:
		raw_html(c, cn, true);
		break;
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
		if (c->inline_depth >= CLERK_MAX_NESTING)
			break; /* flattened: its text stays */
		n = add(c, cn, t == CMARK_NODE_EMPH ? N_EMPH : N_STRONG);
		push(c, cn, n, FR_INLINE);
		break;
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		if (c->inline_depth < CLERK_MAX_NESTING)
			enter_link(c, cn, t);
		break;
	case CMARK_NODE_FOOTNOTE_REFERENCE: {
		const char *num = cmark_node_get_literal(cn);
		n = add(c, cn, N_FOOTNOTE_REF);
		n->u.footnote.number = num ? atoi(num) : 0;
		break;
	}
	}
}

static void
leave(struct conv *c, cmark_node *cn)
{
	if (c->depth == 0 || c->stack[c->depth - 1].cn != cn)
		return; /* flattened or dropped: no frame */
	struct frame f = c->stack[--c->depth];
	finish(c, &f);
	struct node *n = f.n;
	if (n->type == N_FOOTNOTE_DEF) {
		if (c->last_note != NULL) {
			c->last_note->next = n;
			n->prev = c->last_note;
		} else {
			c->p->footnotes = n;
		}
		c->last_note = n;
		c->p->nfootnotes++;
	}
}

/* ---- Guards ------------------------------------------------------- */
/* Clerk's limits on what makes cmark-gfm 0.29.0.gfm.6 slow (none
 * of its fixes of 0.29.0.gfm.7 to .13 is in Debian 12). Its time grows
 * with the square of the cells of a table row (and it fills every row out
 * to the header's width), of the '@' (or a web address's ')') in a word,
 * and of the quotation marks of a paragraph when it makes them curly; and
 * with a paragraph's images times its brackets. Before the parse, the
 * body is scanned for these; what is over a limit is reported, and
 * blanked (made a space) in a copy of the body that is parsed instead, or
 * for quotation marks, the body is parsed without curly quotes; so the
 * parse stays quick and the rest of the paper is still checked, at the
 * same places. */

/* Messages of one kind given for one body, at most. */
enum { GUARD_MESSAGES = 10 };

struct guard {
	struct paper *p;
	struct diags *d;
	const struct source *src;
	const char *body; /* src->text + off */
	size_t off, len;
	char *safe;        /* the copy parsed, heap; NULL: no change */
	int tables, words; /* messages given */
};

static void
guard_blank(struct guard *g, size_t i)
{
	if (g->safe == NULL) {
		g->safe = xmalloc(g->len + 1);
		memcpy(g->safe, g->body, g->len);
		g->safe[g->len] = '\0';
	}
	g->safe[i] = ' ';
}

/* The file position of byte i of the body. */
static struct pos
guard_pos(const struct guard *g, size_t i)
{
	return source_pos(g->src, g->off + i);
}

/* The end of the line starting at i (its '\n', or len). */
static size_t
line_end(const struct guard *g, size_t i)
{
	const char *nl = memchr(g->body + i, '\n', g->len - i);
	return nl ? (size_t)(nl - g->body) : g->len;
}

/* Where the line [i, e) begins after the marks of block quotes and the
 * indentation. */
static size_t
line_content(const struct guard *g, size_t i, size_t e)
{
	while (i < e &&
	    (g->body[i] == ' ' || g->body[i] == '\t' || g->body[i] == '>'))
		i++;
	return i;
}

/* Could the line be a table's delimiter row ("|---|:--:|", or "---")? */
static bool
delimiter_row(const struct guard *g, size_t i, size_t e)
{
	i = line_content(g, i, e);
	bool dash = false;
	for (; i < e; i++) {
		char c = g->body[i];
		if (c == '-')
			dash = true;
		else if (c != '|' && c != ':' && c != ' ' && c != '\t')
			return false;
	}
	return dash;
}

/* A line of a table: its cells beyond CLERK_MAX_TABLE_COLUMNS are
 * reported (once per table) and their pipes blanked. */
static void
guard_row(struct guard *g, size_t i, size_t e, bool *reported)
{
	size_t c = line_content(g, i, e), last = e;
	while (last > c &&
	    (g->body[last - 1] == ' ' || g->body[last - 1] == '\t'))
		last--;
	bool lead = c < e && g->body[c] == '|';
	/* The pipe that would begin cell CLERK_MAX_TABLE_COLUMNS + 1. */
	size_t over = CLERK_MAX_TABLE_COLUMNS + (lead ? 1 : 0), pipes = 0;
	for (size_t k = c; k < e; k++) {
		if (g->body[k] == '\\') {
			k++;
			continue;
		}
		if (g->body[k] != '|')
			continue;
		if (++pipes < over || (pipes == over && k + 1 == last))
			continue;
		/* a trailing pipe ends the last cell and begins none */
		if (!*reported && g->tables < GUARD_MESSAGES) {
			diag(g->d, g->p->path, guard_pos(g, k),
			    D_TABLE_TOO_WIDE, CLERK_MAX_TABLE_COLUMNS,
			    CLERK_MAX_TABLE_COLUMNS);
			g->tables++;
		}
		*reported = true;
		guard_blank(g, k);
	}
}

/* Tables: a line that could be a delimiter row makes the line before it
 * a header and the lines after it, up to a blank line, rows. */
static void
guard_tables(struct guard *g)
{
	bool table = false, reported = false;
	size_t prev = (size_t)-1; /* start of the line before, in the run */
	for (size_t i = 0; i < g->len;) {
		size_t e = line_end(g, i);
		if (line_content(g, i, e) == e) {
			table = reported = false;
			prev = (size_t)-1;
		} else if (table) {
			guard_row(g, i, e, &reported);
		} else if (prev != (size_t)-1 && delimiter_row(g, i, e)) {
			table = true;
			guard_row(g, prev, line_end(g, prev), &reported);
			guard_row(g, i, e, &reported);
		} else {
			prev = i;
		}
		i = e + 1;
	}
}

/* The length of an HTML entity for '@' at s ("&#64;", "&#x40;",
 * "&commat;"), which cmark-gfm decodes before it looks for e-mail
 * addresses; 0 for anything else. */
static size_t
at_entity(const char *s, size_t n)
{
	if (n >= 8 && memcmp(s, "&commat;", 8) == 0)
		return 8;
	if (n < 4 || s[0] != '&' || s[1] != '#')
		return 0;
	size_t i = 2;
	unsigned long v = 0;
	bool hex = s[i] == 'x' || s[i] == 'X';
	if (hex)
		i++;
	size_t d0 = i;
	for (; i < n && i < 12; i++) {
		char c = s[i];
		int dv = c >= '0' && c <= '9'   ? c - '0' :
		    hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 :
		    hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 :
		                                  -1;
		if (dv < 0)
			break;
		v = v * (hex ? 16 : 10) + (unsigned long)dv;
	}
	return i > d0 && i < n && s[i] == ';' && v == '@' ? i + 1 : 0;
}

/* Words: at most CLERK_MAX_WORD_MARKS '@' in one, and as many ')' in one
 * holding a web address; those beyond are reported (once per word) and
 * blanked. */
static void
guard_words(struct guard *g)
{
	const char *b = g->body;
	for (size_t i = 0; i < g->len;) {
		if (b[i] == ' ' || b[i] == '\t' || b[i] == '\n') {
			i++;
			continue;
		}
		size_t e = i;
		int ats = 0, parens = 0;
		bool web = false;
		while (e < g->len && b[e] != ' ' && b[e] != '\t' &&
		    b[e] != '\n') {
			ats += b[e] == '@' ||
			    (b[e] == '&' && at_entity(b + e, g->len - e) > 0);
			parens += b[e] == ')';
			web = web ||
			    (e + 4 <= g->len &&
			        (memcmp(b + e, "www.", 4) == 0 ||
			            memcmp(b + e, "://", 3) == 0));
			e++;
		}
		if (ats > CLERK_MAX_WORD_MARKS ||
		    (web && parens > CLERK_MAX_WORD_MARKS)) {
			int na = 0, np = 0;
			bool reported = false;
			for (size_t k = i; k < e; k++) {
				bool at = b[k] == '@' ||
				    (b[k] == '&' &&
				        at_entity(b + k, g->len - k) > 0);
				bool paren = web && b[k] == ')';
				if (!((at && ++na > CLERK_MAX_WORD_MARKS) ||
				        (paren && ++np > CLERK_MAX_WORD_MARKS)))
					continue;
				if (!reported && g->words < GUARD_MESSAGES) {
					diag(g->d, g->p->path, guard_pos(g, k),
					    D_WORD_TOO_MANY,
					    CLERK_MAX_WORD_MARKS,
					    at ? "@" : ")");
					g->words++;
				}
				reported = true;
				guard_blank(g, k);
			}
		}
		i = e;
	}
}

/* The marks of bytes [i, e) of text t that make a paragraph slow to read:
 * quotation marks (' and "), images ("![") and brackets ('['). */
struct marks {
	size_t quotes, images, brackets;
};

static bool
is_quote(char c)
{
	return c == '\'' || c == '"';
}

static void
count_marks(struct marks *m, const char *t, size_t i, size_t e)
{
	for (; i < e; i++) {
		m->quotes += is_quote(t[i]);
		m->brackets += t[i] == '[';
		m->images += t[i] == '!' && i + 1 < e && t[i + 1] == '[';
	}
}

/* The work of reading a paragraph with such marks, in its two parts:
 * cmark-gfm's grows with the square of its quotation marks (when it makes
 * them curly), and with its images times its brackets (each link looks
 * back over the images still open). */
static double
quote_cost(const struct marks *m)
{
	return (double)m->quotes * (double)m->quotes;
}

static double
image_cost(const struct marks *m)
{
	return (double)m->images * (double)m->brackets;
}

/* A paragraph (heading, table row) of the exact count: its body bytes. */
struct span {
	size_t i, e;
};

/* The body offset of line l (1-based, of the body), byte column col
 * (1-based) in it. */
static size_t
body_offset(const struct guard *g, int l, int col)
{
	size_t len;
	const char *s = source_line(g->src, g->src->body_line + l - 1, &len);
	size_t at = (size_t)(s - g->src->text);
	if (col > 1)
		at += (size_t)col - 1 < len ? (size_t)col - 1 : len;
	return at >= g->off ? at - g->off : 0;
}

/* The paragraphs, headings and table rows of the body as cmark-gfm reads
 * them, found by a parse of text that cannot be slow: no curly quotes, no
 * autolinks, no images ('!' blanked; tables already guarded). */
static struct span *
exact_spans(struct guard *g, const char *text, size_t *n)
{
	char *t = xmalloc(g->len + 1);
	memcpy(t, text, g->len);
	for (size_t i = 0; i < g->len; i++)
		if (t[i] == '!')
			t[i] = ' ';
	cmark_parser *parser = cmark_parser_new(CMARK_OPT_SOURCEPOS |
	    CMARK_OPT_FOOTNOTES);
	if (parser == NULL)
		out_of_memory();
	cmark_syntax_extension *table = cmark_find_syntax_extension("table");
	if (table != NULL)
		cmark_parser_attach_syntax_extension(parser, table);
	cmark_parser_feed(parser, t, g->len);
	cmark_node *doc = cmark_parser_finish(parser);
	if (doc == NULL)
		out_of_memory();
	size_t cap = 64, k = 0;
	struct span *v = xmalloc(cap * sizeof *v);
	cmark_iter *it = cmark_iter_new(doc);
	if (it == NULL)
		out_of_memory();
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *cn = cmark_iter_get_node(it);
		cmark_node_type ty = cmark_node_get_type(cn);
		if (ev != CMARK_EVENT_ENTER ||
		    (ty != CMARK_NODE_PARAGRAPH && ty != CMARK_NODE_HEADING &&
		        ty != CMARK_NODE_TABLE_ROW))
			continue;
		int l0 = cmark_node_get_start_line(cn);
		int l1 = cmark_node_get_end_line(cn);
		if (l0 <= 0)
			continue;
		if (l1 < l0)
			l1 = l0;
		struct span sp;
		if (ty == CMARK_NODE_TABLE_ROW) {
			/* a row is a line; its cells are read one by one */
			sp.i = body_offset(g, l0, 1);
			sp.e = line_end(g, sp.i);
		} else {
			sp.i = body_offset(g, l0,
			    cmark_node_get_start_column(cn));
			sp.e = line_end(g, body_offset(g, l1, 1));
		}
		if (k == cap) {
			cap *= 2;
			v = xrealloc(v, cap * sizeof *v);
		}
		v[k++] = sp;
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	cmark_parser_free(parser);
	free(t);
	*n = k;
	return v;
}

/* Quotation marks and images: the work of reading each paragraph, in each
 * of its two parts, may add up to CLERK_MAX_MARKS squared over the body.
 * A first count takes the lines between blank lines as paragraphs, which
 * holds every paragraph but may join several (a table's rows, a code
 * block); only when it is over is the exact count made. Past the limit of
 * quotation marks, the paragraph that goes over is reported with a warning
 * and the body is read with its quotation marks and dashes as typed
 * (*smart false). Past that of images, the paragraph that goes over is an
 * error, and the brackets of it and of every paragraph after it are
 * blanked. */
static void
guard_marks(struct guard *g, bool *smart)
{
	const double budget = (double)CLERK_MAX_MARKS * CLERK_MAX_MARKS;
	const char *t = g->safe != NULL ? g->safe : g->body;
	double quotes = 0, images = 0;
	struct marks run = {0};
	for (size_t i = 0; i < g->len;) {
		size_t e = line_end(g, i);
		if (line_content(g, i, e) == e) {
			quotes += quote_cost(&run);
			images += image_cost(&run);
			run = (struct marks){0};
		} else {
			count_marks(&run, t, i, e);
		}
		i = e + 1;
	}
	quotes += quote_cost(&run);
	images += image_cost(&run);
	if (quotes <= budget && images <= budget)
		return;
	size_t n;
	struct span *v = exact_spans(g, t, &n);
	quotes = images = 0;
	bool over = false;
	for (size_t k = 0; k < n; k++) {
		struct marks m = {0};
		count_marks(&m, t, v[k].i, v[k].e);
		if (*smart) {
			quotes += quote_cost(&m);
			if (quotes > budget) {
				*smart = false;
				diag(g->d, g->p->path, guard_pos(g, v[k].i),
				    D_QUOTES_TOO_MANY, (int)m.quotes);
			}
		}
		if (!over) {
			images += image_cost(&m);
			if (images <= budget)
				continue;
			over = true;
			diag(g->d, g->p->path, guard_pos(g, v[k].i),
			    D_IMAGES_TOO_MANY, (int)m.images, (int)m.brackets);
		}
		for (size_t j = v[k].i; j < v[k].e; j++)
			if (t[j] == '[')
				guard_blank(g, j);
	}
	free(v);
}

/* The body of src from off, guarded: NULL when it can be parsed as it
 * is, otherwise a copy (heap, NUL-terminated, as long) to parse. *smart
 * is set to whether quotation marks and dashes may be made typographic. */
static char *
guard_body(struct paper *p, struct diags *d, const struct source *src,
    size_t off, bool *smart)
{
	struct guard g = {.p = p,
	    .d = d,
	    .src = src,
	    .body = src->text + off,
	    .off = off,
	    .len = src->len - off};
	*smart = true;
	guard_tables(&g);
	guard_words(&g);
	guard_marks(&g, smart);
	return g.safe;
}

/* cmark-gfm keeps process-wide tables that every parse changes (its
 * inline and node-type registries), so parses are not safe in parallel:
 * one at a time, under this lock. Converting the tree runs inside it too,
 * as it reads cmark's nodes. */
static mtx_t parse_lock;

static void
register_extensions(void)
{
	cmark_gfm_core_extensions_ensure_registered();
	if (mtx_init(&parse_lock, mtx_plain) != thrd_success)
		out_of_memory();
}

struct node *
markdown_parse(struct paper *p, struct diags *d, const struct source *src)
{
	static once_flag once = ONCE_FLAG_INIT;
	static const char *const names[] = {"table", "strikethrough",
	    "autolink", "tagfilter", "tasklist"};
	call_once(&once, register_extensions);
	mtx_lock(&parse_lock);

	size_t off = src->body_off <= src->len ? src->body_off : src->len;
	bool smart;
	char *safe = guard_body(p, d, src, off, &smart);
	cmark_parser *parser = cmark_parser_new(CMARK_OPT_SOURCEPOS |
	    CMARK_OPT_FOOTNOTES | (smart ? CMARK_OPT_SMART : 0) |
	    CMARK_OPT_VALIDATE_UTF8);
	if (parser == NULL)
		out_of_memory();
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		cmark_syntax_extension
		    *e = cmark_find_syntax_extension(names[i]);
		if (e != NULL)
			cmark_parser_attach_syntax_extension(parser, e);
	}
	cmark_parser_feed(parser, safe != NULL ? safe : src->text + off,
	    src->len - off);
	free(safe);
	cmark_node *doc = cmark_parser_finish(parser);
	if (doc == NULL)
		out_of_memory();

	struct conv c = {.p = p, .a = p->arena, .d = d, .src = src};
	c.last_note = p->footnotes;
	while (c.last_note != NULL && c.last_note->next != NULL)
		c.last_note = c.last_note->next;
	c.blk.pos = (struct pos){src->body_line, 1};
	struct node *root = node_new(p->arena, N_BLOCKQUOTE, c.blk.pos);
	push(&c, doc, root, FR_OTHER);

	cmark_iter *it = cmark_iter_new(doc);
	if (it == NULL)
		out_of_memory();
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *cn = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cn != doc)
			enter(&c, cn);
		else if (ev == CMARK_EVENT_EXIT && cn != doc)
			leave(&c, cn);
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	cmark_parser_free(parser);
	mtx_unlock(&parse_lock);
	free(c.stack);
	check_notes(&c);
	free(c.code.r);
	free(c.kept.r);
	free(c.undefined);

	node_merge_texts(p->arena, root);
	for (struct node *n = root->first; n != NULL; n = n->next)
		n->parent = NULL;
	return root->first;
}

/* After this no paper can be parsed: the extensions are registered once per
 * process. */
void
markdown_release(void)
{
	cmark_release_plugins();
}
