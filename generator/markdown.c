/* markdown.c: the Markdown body read with cmark-gfm (CommonMark plus the
 * GitHub extensions) and turned into model nodes with file positions.
 * The only file that includes cmark-gfm. */
#include "markdown.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <stdlib.h>
#include <string.h>
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
	FR_OTHER,   /* the document, an item, a table, a row, a footnote */
	FR_NEST,    /* a list or block quote: counts towards the limit */
	FR_BLOCK,   /* a leaf block holding inlines (paragraph, heading,
		       table cell): its inlines are checked on exit */
	FR_INLINE,  /* emphasis, link ...: counts towards the inline limit */
};

/* A container open during the conversion. */
struct frame {
	cmark_node *cn;       /* the cmark node */
	struct node *n;       /* its model node */
	enum frame_kind kind;
};

/* Kinds of markers looked up in the source of a block, each with its own
 * cursor so that repeated markers are found one after the other. */
enum marker {
	MARK_LABEL,     /* "{#label}" */
	MARK_FOOTNOTE,  /* "[^note]" */
	MARK_XREF,      /* "(#label)" */
	MARK_IMAGE,     /* the image's URL */
	MARK_HTML,      /* raw HTML */
	MARK__COUNT
};

/* Byte columns turned into character columns along a line without
 * counting from the line's start each time: a paragraph may be one line
 * of megabytes. */
struct colcache {
	int line;     /* 0: empty */
	size_t byte;  /* 0-based byte offset in the line */
	int col;      /* its 1-based character column */
};

/* The leaf block whose inlines are being converted. */
struct block {
	struct pos pos;           /* where it starts */
	int first_line, last_line;/* its lines in the file */
	int first_byte;           /* 0-based byte offset of its start on
				     first_line */
	struct {
		int line;         /* where to look next */
		size_t off;
	} cursor[MARK__COUNT];
	struct colcache cols[MARK__COUNT];
	bool html_reported;       /* one D_RAW_HTML per block is enough */
};

struct conv {
	struct paper *p;
	struct arena *a;
	struct diags *d;
	const struct source *src;
	struct frame *stack;      /* open containers, heap */
	size_t depth, cap;
	int nesting;              /* open lists and block quotes */
	int inline_depth;         /* open inline containers */
	bool nesting_reported;
	struct block blk;
	struct colcache cols;     /* for the positions cmark gives */
	struct node *last_note;   /* the last footnote definition */
	int notes;                /* footnote definitions seen */
};

/* ------------------------------------------------------------------ */
/* Positions */

/* The position of byte offset byte (0-based) of a line of the file. */
static struct pos
cached_pos(const struct source *src, struct colcache *cc, int line,
    size_t byte)
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
	int l0 = cmark_node_get_start_line(cn), l1 = cmark_node_get_end_line(cn);
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
		    c->blk.cursor[k].off : 0;
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

/* ------------------------------------------------------------------ */
/* Tree helpers */

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

/* ------------------------------------------------------------------ */
/* Checks on a finished leaf block */

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
		if (t != NULL && (t->type == N_SOFTBREAK ||
		    t->type == N_LINEBREAK))
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
		if (block_find(c, MARK_FOOTNOTE, m, (size_t)(e - m + 1),
		    &where, &before) && before == '\\')
			continue; /* written "\[^x]": meant as text */
		const char *label = arena_strndup(c->a, m + 2,
		    (size_t)(e - m - 2));
		diag(c->d, c->p->path, where, D_FOOTNOTE_UNDEFINED, label,
		    label);
	}
}

/* Walks the inlines of a finished leaf block in source order: stray
 * labels, undefined footnotes, and the real columns of cross-references
 * and images. */
static void
check_inlines(struct conv *c, struct node *blk)
{
	for (struct node *n = blk->first; n != NULL; n = node_walk_next(n, blk)) {
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

/* ------------------------------------------------------------------ */
/* Conversion */

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
	if (n->type == N_PARAGRAPH)
		take_label(c, n);
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
		const uint8_t *al = cmark_gfm_extensions_get_table_alignments(cn);
		char *align = arena_alloc(c->a, (size_t)cols + 1);
		for (int i = 0; i < cols; i++)
			align[i] = al && (al[i] == 'l' || al[i] == 'c' ||
			    al[i] == 'r') ? (char)al[i] : ' ';
		n->u.table.columns = cols;
		n->u.table.align = align;
		push(c, cn, n, FR_OTHER);
	} else if (t == CMARK_NODE_TABLE_ROW) {
		n = add(c, cn, N_TABLE_ROW);
		n->u.row.header = cmark_gfm_extensions_get_table_row_is_header(cn);
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
		if (too_deep(c, cn))
			break;
		n = add(c, cn, N_LIST);
		n->u.list.ordered =
		    cmark_node_get_list_type(cn) == CMARK_ORDERED_LIST;
		n->u.list.start = n->u.list.ordered ?
		    cmark_node_get_list_start(cn) : 0;
		n->u.list.tight = cmark_node_get_list_tight(cn) != 0;
		n->u.list.delim = !n->u.list.ordered ? 0 :
		    cmark_node_get_list_delim(cn) == CMARK_PAREN_DELIM ? ')' :
		    '.';
		push(c, cn, n, FR_NEST);
		break;
	case CMARK_NODE_ITEM:
		if (top(c)->type != N_LIST)
			break; /* its list was flattened */
		n = add(c, cn, N_ITEM);
		n->u.item.task =
		    strcmp(cmark_node_get_type_string(cn), "tasklist") == 0;
		n->u.item.checked = n->u.item.task &&
		    cmark_gfm_extensions_get_tasklist_item_checked(cn);
		push(c, cn, n, FR_OTHER);
		break;
	case CMARK_NODE_CODE_BLOCK: {
		n = add(c, cn, N_CODE_BLOCK);
		n->text = literal(c, cn);
		const char *info = cmark_node_get_fence_info(cn);
		n->u.code.info = info && *info ? arena_strdup(c->a, info) :
		    NULL;
		break;
	}
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
	case CMARK_NODE_IMAGE: {
		if (c->inline_depth >= CLERK_MAX_NESTING)
			break;
		const char *url = cmark_node_get_url(cn);
		const char *title = cmark_node_get_title(cn);
		url = url ? url : "";
		if (t == CMARK_NODE_LINK && url[0] == '#') {
			n = add(c, cn, N_XREF);
			n->u.xref.label = arena_strdup(c->a, url + 1);
		} else {
			n = add(c, cn, t == CMARK_NODE_LINK ? N_LINK : N_IMAGE);
			n->u.link.url = arena_strdup(c->a, url);
			n->u.link.title = title && *title ?
			    arena_strdup(c->a, title) : NULL;
		}
		push(c, cn, n, FR_INLINE);
		break;
	}
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

	cmark_parser *parser = cmark_parser_new(CMARK_OPT_SOURCEPOS |
	    CMARK_OPT_FOOTNOTES | CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8);
	if (parser == NULL)
		out_of_memory();
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		cmark_syntax_extension *e =
		    cmark_find_syntax_extension(names[i]);
		if (e != NULL)
			cmark_parser_attach_syntax_extension(parser, e);
	}
	size_t off = src->body_off <= src->len ? src->body_off : src->len;
	cmark_parser_feed(parser, src->text + off, src->len - off);
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
