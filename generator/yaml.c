/* yaml.c: libfyaml's event parser turned into clerk's YAML tree (yaml.h).
 * The only file that includes libfyaml. */
#include "yaml.h"

#include <libfyaml.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "source.h"
#include "strset.h"
#include "text.h"

struct frame {
	struct ynode *node; /* the open sequence or mapping */
	struct ynode *last; /* its last child */
	bool want_key;      /* mapping: the next scalar is a key */
	const char *key;    /* mapping: the key waiting for its value */
	struct pos key_pos;
	bool skip_value;    /* mapping: the key was unusable; drop value */
	struct strset keys; /* mapping of many keys: its children by key
				  (none below KEYSET_FROM), so that
				  finding a duplicate is not quadratic */
	bool flow;          /* written in brackets ("[...]", "{...}") */
};

/* A mapping's keys are looked up in a hash set once it has this many. */
enum { KEYSET_FROM = 16 };

struct reader {
	struct arena *a;
	struct diags *d;
	const struct source *src;
	size_t base;      /* offset of the YAML text in src->text */
	const char *yaml; /* the text libfyaml parses (marks index it) */
	size_t yaml_len;
	struct frame stack[CLERK_MAX_YAML_DEPTH + 1];
	int depth; /* frames in use */
	int skip;  /* > 0: inside a subtree that is too deep */
	struct ynode *root;
	/* The last position found, so that the positions of the events
	 * along one long line are not each counted from its start. */
	struct pos last; /* line 0: none */
	size_t last_off; /* its byte offset in src->text */
	bool bad;        /* a mistake was reported that makes the
				  document unusable (see scalar_mistake) */
};

static struct pos
mark_pos(struct reader *r, const struct fy_mark *m)
{
	if (m == NULL)
		return (struct pos){0, 0};
	size_t off = r->base + m->input_pos;
	const struct source *src = r->src;
	if (r->last.line > 0 && off >= r->last_off &&
	    off < src->lines[r->last.line]) {
		r->last.col += (int)utf8_count(src->text + r->last_off,
		    off - r->last_off);
	} else {
		r->last = source_pos(src, off);
	}
	r->last_off = off;
	return r->last;
}

static struct pos
event_pos(struct reader *r, struct fy_event *e)
{
	return mark_pos(r, fy_event_start_mark(e));
}

static bool
is_null(const char *s, size_t len, bool plain)
{
	if (!plain)
		return false;
	return len == 0 || (len == 1 && s[0] == '~') ||
	    (len == 4 &&
	        (memcmp(s, "null", 4) == 0 || memcmp(s, "Null", 4) == 0 ||
	            memcmp(s, "NULL", 4) == 0));
}

/* Notes child n of mapping frame f in its set of keys once the mapping
 * has many. */
static void
keyset_add(struct reader *r, struct frame *f, struct ynode *n)
{
	if (f->node->count < KEYSET_FROM)
		return;
	if (f->node->count > KEYSET_FROM) {
		strset_put(r->a, &f->keys, n->key, n);
		return;
	}
	for (struct ynode *c = f->node->first; c != NULL; c = c->next)
		strset_put(r->a, &f->keys, c->key, c);
}

/* The child of mapping frame f with key s, or NULL. */
static struct ynode *
key_find(const struct frame *f, const char *s)
{
	if (f->keys.cap == 0) {
		for (struct ynode *c = f->node->first; c != NULL; c = c->next)
			if (strcmp(c->key, s) == 0)
				return c;
		return NULL;
	}
	return (struct ynode *)strset_get(&f->keys, s);
}

/* Adds a finished node to the open frame (or makes it the root). Returns
 * false when the node was dropped (an unusable key). */
static void
attach(struct reader *r, struct ynode *n)
{
	if (r->depth == 0) {
		r->root = n;
		return;
	}
	struct frame *f = &r->stack[r->depth - 1];
	if (f->node->type == Y_MAPPING) {
		if (f->skip_value) {
			f->skip_value = false;
			f->want_key = true;
			return;
		}
		n->key = f->key;
		n->key_pos = f->key_pos;
		f->want_key = true;
	}
	if (f->last)
		f->last->next = n;
	else
		f->node->first = n;
	f->last = n;
	f->node->count++;
	if (f->node->type == Y_MAPPING)
		keyset_add(r, f, n);
}

/* A key as the author meant it: each Unicode space that a word processor
 * pasted (U+00A0 ...) read as a space and the key trimmed, so that
 * "subject<U+00A0>" is subject and "report<U+00A0>of" is "report of",
 * as if typed with a space. */
static const char *
plain_key(struct arena *a, const char *s)
{
	const char *t = text_plain_spaces(a, s);
	return t == s ? s : text_trim(a, t);
}

/* A scalar in key position: checks for a duplicate and holds it. */
static void
take_key(struct reader *r, struct frame *f, const char *s, struct pos p)
{
	f->want_key = false;
	struct ynode *c = key_find(f, s);
	if (c != NULL) {
		diag(r->d, r->src->path, p, D_YAML_DUPLICATE_KEY, s,
		    c->key_pos.line);
		f->skip_value = true;
		return;
	}
	f->key = s;
	f->key_pos = p;
}

static void
check_props(struct reader *r, struct fy_token *anchor, struct fy_token *tag,
    struct pos p)
{
	if (anchor != NULL)
		diag(r->d, r->src->path, p, D_YAML_ALIAS);
	if (tag != NULL)
		diag(r->d, r->src->path, p, D_YAML_TAG);
}

/* A collection starts: in key position it is an error (keys are names). */
static void
open_collection(struct reader *r, enum ynode_type t, struct pos p, bool flow)
{
	if (r->skip > 0 || r->depth == CLERK_MAX_YAML_DEPTH) {
		if (r->skip++ == 0)
			diag(r->d, r->src->path, p, D_YAML_TOO_DEEP,
			    CLERK_MAX_YAML_DEPTH);
		return;
	}
	struct ynode *n = arena_alloc(r->a, sizeof(*n));
	n->type = t;
	n->pos = p;
	if (r->depth > 0) {
		struct frame *f = &r->stack[r->depth - 1];
		if (f->node->type == Y_MAPPING && f->want_key) {
			diag(r->d, r->src->path, p, D_YAML_KEY_NOT_SCALAR);
			f->want_key = false;
			f->skip_value = true;
			/* The collection itself is read and dropped below. */
			n->key = "";
		}
	}
	r->stack[r->depth++] = (struct frame){.node = n,
	    .want_key = true,
	    .flow = flow};
}

static void
close_collection(struct reader *r)
{
	if (r->skip > 0) {
		r->skip--;
		return;
	}
	struct ynode *n = r->stack[--r->depth].node;
	if (n->key != NULL && n->key[0] == '\0') {
		/* A collection used as a key: its value is skipped next. */
		return;
	}
	attach(r, n);
}

/* The text of line n of src from character column col, without the blanks
 * at its end, in the arena. */
static const char *
line_from(struct reader *r, int n, int col)
{
	size_t len, b = 0;
	const char *s = source_line(r->src, n, &len);
	for (int c = 1; c < col && b < len; c++) {
		b++;
		while (b < len && ((unsigned char)s[b] & 0xC0) == 0x80)
			b++;
	}
	size_t e = len;
	while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	return arena_strndup(r->a, s + b, e - b);
}

/* Mistakes in a plain value (at p, in frame f) that YAML reads without
 * complaint but no author means: a "- " item taken as more text of the
 * value above it, and a value on the line under its key but not indented
 * (which libfyaml accepts on the last line). Each is reported; the
 * document is then unusable, as with a syntax error. */
static bool
scalar_mistake(struct reader *r, struct fy_event *e, const struct frame *f,
    struct pos p)
{
	if (f->flow || e->scalar.value == NULL ||
	    (f->node->type == Y_MAPPING && (f->key == NULL || f->skip_value)))
		return false;
	const char *path = r->src->path;
	if (f->node->type == Y_MAPPING && f->key_pos.line > 0 &&
	    p.line > f->key_pos.line && p.col <= f->key_pos.col) {
		diag(r->d, path, p, D_YAML_VALUE_NEXT_LINE, f->key,
		    f->key_pos.line, f->key, line_from(r, p.line, p.col));
		return true;
	}
	const struct fy_mark *sm = fy_token_start_mark(e->scalar.value);
	const struct fy_mark *em = fy_token_end_mark(e->scalar.value);
	if (sm == NULL || em == NULL)
		return false;
	const char *t = r->src->text + r->base;
	size_t end = em->input_pos;
	for (size_t i = sm->input_pos; i < end; i++) {
		if (t[i] != '\n')
			continue;
		size_t j = i + 1;
		while (j < end && t[j] == ' ')
			j++;
		if (j >= end || t[j] != '-' ||
		    (j + 1 < end && t[j + 1] != ' ' && t[j + 1] != '\n'))
			continue;
		struct pos dash = source_pos(r->src, r->base + j);
		if (f->node->type == Y_MAPPING)
			diag(r->d, path, p, D_YAML_LIST_UNDER_TEXT, f->key,
			    dash.line);
		else
			diag(r->d, path, dash, D_YAML_ITEM_INDENT, p.line,
			    f->node->pos.col);
		return true;
	}
	return false;
}

/* The value of the single-quoted scalar whose text between its quotes is
 * yaml[from, to) (YAML 1.2, 7.3.2): '' is one quote; a line break and the blanks around
 * it fold to a space, or to one newline for each empty line after it.
 * Decoded here rather than by libfyaml, whose 0.7 text of two escaped
 * quotes in a row is wrong ('a''''b' gives "a'''") and leaks memory when
 * a line break follows. */
static const char *
single_quoted(struct arena *a, const char *yaml, size_t from, size_t to,
    size_t *lenp)
{
	const char *s = yaml + from;
	size_t n = to - from;
	char *out = arena_alloc(a, n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		if (s[i] == '\'' && i + 1 < n && s[i + 1] == '\'') {
			out[o++] = '\'';
			i += 2;
		} else if (s[i] == '\n' || s[i] == '\r') {
			while (o > 0 &&
			    (out[o - 1] == ' ' || out[o - 1] == '\t'))
				o--;
			int breaks = 0;
			for (; i < n && strchr(" \t\r\n", s[i]) != NULL; i++)
				if (s[i] == '\n' ||
				    (s[i] == '\r' &&
				        (i + 1 == n || s[i + 1] != '\n')))
					breaks++;
			if (breaks == 1)
				out[o++] = ' ';
			for (int k = 1; k < breaks; k++)
				out[o++] = '\n';
		} else {
			out[o++] = s[i++];
		}
	}
	out[o] = '\0';
	*lenp = o;
	return out;
}

static void
scalar(struct reader *r, struct fy_event *e)
{
	struct pos p = event_pos(r, e);
	check_props(r, e->scalar.anchor, e->scalar.tag, p);
	if (r->skip > 0)
		return;
	size_t len = 0;
	const char *s = NULL;
	bool empty = e->scalar.value == NULL;
	enum fy_node_style style = fy_event_get_node_style(e);
	const struct fy_mark *from = NULL, *to = NULL;
	if (!empty) {
		from = fy_token_start_mark(e->scalar.value);
		to = fy_token_end_mark(e->scalar.value);
	}
	if (style == FYNS_SINGLE_QUOTED && from != NULL && to != NULL &&
	    from->input_pos <= to->input_pos && to->input_pos <= r->yaml_len)
		s = single_quoted(r->a, r->yaml, from->input_pos, to->input_pos,
		    &len);
	else if (!empty)
		s = fy_token_get_text(e->scalar.value, &len);
	if (s == NULL)
		s = "", len = 0;
	/* An empty value ("subject:" alone) has no token, hence no style and
	 * no position: it is a plain null where its key (or list) is. */
	bool plain = empty || style == FYNS_PLAIN;
	if (r->depth > 0) {
		struct frame *f = &r->stack[r->depth - 1];
		if (f->node->type == Y_MAPPING && f->want_key) {
			take_key(r, f,
			    plain_key(r->a, arena_strndup(r->a, s, len)), p);
			return;
		}
		if (p.line == 0)
			p = f->node->type == Y_MAPPING ? f->key_pos :
			                                 f->node->pos;
		else if (plain && scalar_mistake(r, e, f, p))
			r->bad = true;
	}
	struct ynode *n = arena_alloc(r->a, sizeof(*n));
	n->type = Y_SCALAR;
	n->pos = p;
	n->str = arena_strndup(r->a, s, len);
	n->len = len;
	n->plain = plain;
	n->null = is_null(s, len, plain);
	attach(r, n);
}

static void
alias(struct reader *r, struct fy_event *e)
{
	struct pos p = event_pos(r, e);
	diag(r->d, r->src->path, p, D_YAML_ALIAS);
	if (r->skip > 0)
		return;
	if (r->depth > 0) {
		struct frame *f = &r->stack[r->depth - 1];
		if (f->node->type == Y_MAPPING && f->want_key) {
			f->want_key = false;
			f->skip_value = true;
			return;
		}
	}
	struct ynode *n = arena_alloc(r->a, sizeof(*n));
	n->type = Y_SCALAR;
	n->pos = p;
	n->str = "";
	n->null = true;
	attach(r, n);
}

/* Does a flow collection ("[...]", "{...}") of text nest more than twice
 * as deep as clerk reads? libfyaml reads a whole flow collection ahead of
 * its events, at some 200 bytes a level, so such YAML is not given to it;
 * *at is then the offset of the bracket too deep. A quick scan of the
 * brackets that can open a collection (after a space, at a line's start,
 * after ':', '-', '?' or ',', or inside a collection) and of the quoted
 * scalars and comments inside collections, which may count brackets that
 * YAML does not but misses none that it does. */
static bool
flow_too_deep(const char *t, size_t n, size_t *at)
{
	int depth = 0;
	char last = '\n';   /* the last character not a space */
	bool spaced = true; /* and a space came after it */
	for (size_t i = 0; i < n; i++) {
		char c = t[i];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			if (c == '\n' && depth == 0)
				last = '\n';
			spaced = true;
			continue;
		}
		bool after_space = i == 0 || t[i - 1] == ' ' ||
		    t[i - 1] == '\t' || t[i - 1] == '\n';
		if (c == '#' && after_space) {
			while (i + 1 < n && t[i + 1] != '\n')
				i++;
			continue;
		}
		if (depth > 0 && (c == '"' || c == '\'') &&
		    (strchr("[{,", last) != NULL ||
		        (strchr(":?", last) != NULL && spaced))) {
			/* a quoted scalar, to its closing quote */
			for (i++; i < n; i++) {
				if (c == '"' && t[i] == '\\')
					i++;
				else if (t[i] == c &&
				    (c == '"' || i + 1 >= n ||
				        t[i + 1] != '\''))
					break;
				else if (t[i] == c)
					i++; /* '' in a single-quoted one */
			}
			last = c;
			spaced = false;
			continue;
		}
		if (c == '[' || c == '{') {
			if (depth > 0 || after_space ||
			    strchr("\n:-?,", last) != NULL) {
				if (++depth > 2 * CLERK_MAX_YAML_DEPTH) {
					*at = i;
					return true;
				}
			}
		} else if ((c == ']' || c == '}') && depth > 0) {
			depth--;
		}
		last = c;
		spaced = false;
	}
	return false;
}

/* A line "key:<U+00A0>value", as pasted from a word processor, is a
 * key and its value, as if a space followed the colon (YAML separates
 * them only by a space or tab). Returns a copy of the n bytes at t (heap)
 * in which the Unicode spaces right after the colon of each line's key
 * are made as many ASCII spaces as they had bytes, so that every offset
 * stays where it was; NULL when there are none. The key is what a line
 * begins with (after its indentation and any "- "), up to its first
 * ':', when it opens no quoted or flow scalar and no comment. */
static char *
pasted_separators(const char *t, size_t n)
{
	char *copy = NULL;
	for (size_t i = 0; i < n;) {
		size_t e = i;
		while (e < n && t[e] != '\n')
			e++;
		size_t k = i;
		for (;;) {
			while (k < e && t[k] == ' ')
				k++;
			if (k + 1 < e && t[k] == '-' && t[k + 1] == ' ') {
				k++;
				continue;
			}
			break;
		}
		size_t c = k;
		if (k < e && strchr("\"'#{[|>&*!%@`", t[k]) == NULL)
			while (c < e && t[c] != ':' && t[c] != '#')
				c++;
		if (c > k && c < e && t[c] == ':') {
			size_t at = c + 1, l;
			while (at < e && (l = uspace_len(t + at, e - at)) > 0) {
				if (copy == NULL) {
					copy = xmalloc(n);
					memcpy(copy, t, n);
				}
				memset(copy + at, ' ', l);
				at += l;
			}
		}
		i = e + 1;
	}
	return copy;
}

/* ------------------------------------------------------------------ */
/* Advice on mistakes
 *
 * libfyaml names the state its parser was in ("invalid multiline plain
 * key"), often at the value before the line to mend. What follows reads
 * the lines again as an author writes them (keys, "- " items and their
 * values, one a line) and names the mistake in plain words at the line
 * and column to mend, with the fix. A finding is used only when it is on
 * the line where libfyaml stopped (or the next: libfyaml reports some
 * mistakes at the value before); else the message is a generic one. */

/* Lines read by the advice: the YAML text and where libfyaml stopped. */
struct rawtext {
	const struct source *src;
	int first, last; /* file lines of the YAML text */
	int eline;       /* libfyaml's error line (of the file) */
	size_t ecol;     /* its byte offset in that line */
	const char *msg; /* libfyaml's words */
};

/* A mapping or list open at a line, as the advice follows them. */
struct level {
	bool seq;        /* a list of "- " items; else a mapping */
	size_t ind;      /* its column, in bytes from the margin */
	int line;        /* the line of its last key or item */
	const char *key; /* mapping: its last key (not NUL-ended) */
	size_t klen;
	size_t vcol; /* byte offset of the text given on that line
				 after the key or '-' (0: none) */
	bool plain;  /* that text is plain (may go on below) */
};

enum finding {
	F_NONE,
	F_UNKNOWN, /* a line the advice cannot read: no advice */
	F_TAB,
	F_KEY_INDENT,
	F_ITEM_INDENT,
	F_LIST_UNDER_TEXT,
	F_VALUE_NEXT_LINE,
	F_TEXT_NOT_INDENTED,
	F_NO_SPACE,
	F_FLOW_OPEN,
};

/* Levels the advice follows; deeper YAML gets the generic message. */
enum { ADVICE_LEVELS = 64 };

struct advice {
	const struct rawtext *t;
	struct level lv[ADVICE_LEVELS];
	int n;     /* levels open */
	bool open; /* the last key or item has no value on its
				 line: what follows, deeper, is its value */
	enum { M_LINES, M_BLOCK, M_QUOTE, M_FLOW } mode;
	size_t block_ind; /* M_BLOCK: lines deeper than this are text */
	char quote;       /* M_QUOTE: the quote to close */
	int depth;        /* M_FLOW: brackets open */
	int flow_line;    /* M_FLOW: where the first one is */
	size_t flow_col;
	char flow_char;
	/* the first mistake found */
	enum finding what;
	int at;           /* the line the mistake shows on */
	int line;         /* where the message points */
	size_t col;       /* (byte offset in that line) */
	struct level ref; /* the key or item it relates to */
	const char *s;    /* the line's text, for the fix */
	size_t len;
	size_t c; /* where in it the text concerned starts */
};

static bool
blank_or_comment(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i == len || s[i] == '#';
}

static size_t
spaces(const char *s, size_t len, size_t from)
{
	while (from < len && s[from] == ' ')
		from++;
	return from;
}

/* The byte offset in s of character column col (1-based). */
static size_t
byte_of_col(const char *s, size_t len, int col)
{
	size_t b = 0;
	for (int c = 1; c < col && b < len; c++) {
		b++;
		while (b < len && ((unsigned char)s[b] & 0xC0) == 0x80)
			b++;
	}
	return b;
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_name_char(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* Length of the key of "key: value" (or "key:" at the end) at t, or 0
 * when t is not a key: a key is plain, so it does not begin with a quote,
 * a bracket or another indicator. */
static size_t
key_len(const char *t, size_t n)
{
	if (n == 0 || strchr("-?:,[]{}#&*!|>'\"%@`", t[0]) != NULL)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if (t[i] == ':' &&
		    (i + 1 == n || t[i + 1] == ' ' || t[i + 1] == '\t'))
			return i;
		if (t[i] == '#' && (t[i - 1] == ' ' || t[i - 1] == '\t'))
			return 0;
	}
	return 0;
}

/* Is t a name, a ':' and a value with no space between ("date:2018-05-31")?
 * *colon is the offset of the ':'. An address ("https://...") is not. */
static bool
no_space_key(const char *t, size_t n, size_t *colon)
{
	if (n == 0 || !is_alpha(t[0]))
		return false;
	size_t i = 1;
	while (i < n && is_name_char(t[i]))
		i++;
	if (i + 1 >= n || t[i] != ':' || t[i + 1] == ' ' || t[i + 1] == '\t' ||
	    t[i + 1] == '/')
		return false;
	*colon = i;
	return true;
}

/* The offset of the quote q closing a quoted value whose text starts at
 * from, or n when it is not closed in t. */
static size_t
quote_end(const char *t, size_t n, size_t from, char q)
{
	for (size_t i = from; i < n; i++) {
		if (q == '"' && t[i] == '\\')
			i++;
		else if (t[i] == q && q == '\'' && i + 1 < n &&
		    t[i + 1] == '\'')
			i++;
		else if (t[i] == q)
			return i;
	}
	return n;
}

/* The brackets still open after t (depth of them open before), skipping
 * quoted text. */
static int
flow_depth(const char *t, size_t n, int depth)
{
	for (size_t i = 0; i < n; i++) {
		if ((t[i] == '"' || t[i] == '\'') && depth > 0) {
			i = quote_end(t, n, i + 1, t[i]);
			continue;
		}
		if (t[i] == '[' || t[i] == '{')
			depth++;
		else if ((t[i] == ']' || t[i] == '}') && depth > 0)
			depth--;
		else if (t[i] == '#' && i > 0 && t[i - 1] == ' ')
			break;
	}
	return depth;
}

/* Text without the blanks at its end, and without a comment. */
static size_t
trim_value(const char *t, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (t[i] == '#' && (t[i - 1] == ' ' || t[i - 1] == '\t')) {
			n = i;
			break;
		}
	while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t'))
		n--;
	return n;
}

static void
found(struct advice *v, enum finding what, int line, size_t col)
{
	v->what = what;
	v->at = line;
	v->line = line;
	v->col = col;
}

static struct level *
top(struct advice *v)
{
	return v->n > 0 ? &v->lv[v->n - 1] : NULL;
}

static bool
push(struct advice *v, bool seq, size_t ind, int line)
{
	if (v->n == ADVICE_LEVELS) {
		found(v, F_UNKNOWN, line, 0);
		return false;
	}
	v->lv[v->n++] = (struct level){.seq = seq, .ind = ind, .line = line};
	return true;
}

/* The value after a key or '-' on line (s, len), at offset c; ind is the
 * column of its key or '-'. Notes what it opens over the next lines. */
static void
value(struct advice *v, int line, const char *s, size_t len, size_t c,
    size_t ind)
{
	struct level *l = top(v);
	l->vcol = 0;
	l->plain = false;
	v->open = false;
	if (c >= len || s[c] == '#') {
		v->open = true;
		return;
	}
	l->vcol = c;
	switch (s[c]) {
	case '|':
	case '>':
		v->mode = M_BLOCK;
		v->block_ind = ind;
		return;
	case '"':
	case '\'':
		if (quote_end(s, len, c + 1, s[c]) == len) {
			v->mode = M_QUOTE;
			v->quote = s[c];
		}
		return;
	case '[':
	case '{':
		v->depth = flow_depth(s + c, len - c, 0);
		if (v->depth > 0) {
			v->mode = M_FLOW;
			v->flow_line = line;
			v->flow_col = c;
			v->flow_char = s[c];
		}
		return;
	case '&':
	case '*':
	case '!':
		found(v, F_UNKNOWN, line, c);
		return;
	default:
		l->plain = true;
		return;
	}
}

/* A "- " item at column c of line. */
static bool
item(struct advice *v, int line, size_t c)
{
	const struct level *popped = NULL;
	struct level *l;
	while ((l = top(v)) != NULL && l->ind > c) {
		if (l->seq && popped == NULL)
			popped = l;
		v->n--;
	}
	if (l != NULL && l->seq && l->ind == c) {
		l->line = line;
		return true;
	}
	if (l == NULL || (v->open && (c > l->ind || (!l->seq && c == l->ind))))
		return push(v, true, c, line);
	const struct level *seq = popped;
	for (int i = v->n - 1; i >= 0 && seq == NULL; i--)
		if (v->lv[i].seq)
			seq = &v->lv[i];
	if (popped == NULL && !l->seq && l->vcol > 0 &&
	    (c > l->ind || seq == NULL)) {
		v->ref = *l;
		found(v, F_LIST_UNDER_TEXT, line, c);
		v->line = l->line;
		v->col = l->vcol;
		return false;
	}
	if (seq != NULL) {
		v->ref = *seq;
		found(v, F_ITEM_INDENT, line, c);
		return false;
	}
	found(v, F_UNKNOWN, line, c);
	return false;
}

/* A key of k bytes at column c of line. */
static bool
key(struct advice *v, int line, size_t c, const char *t, size_t k)
{
	struct level popped = {0};
	bool was_popped = false;
	struct level *l;
	while ((l = top(v)) != NULL && l->ind > c) {
		if (!l->seq && !was_popped) {
			popped = *l;
			was_popped = true;
		}
		v->n--;
	}
	/* "key:" with its list at the key's own column, then the next key */
	if (l != NULL && l->seq && l->ind == c && v->n >= 2 &&
	    !v->lv[v->n - 2].seq && v->lv[v->n - 2].ind == c) {
		v->n--;
		l = top(v);
	}
	if (l == NULL && was_popped) {
		/* the first keys indented, this one at the margin: the
		 * message is at the last of those */
		v->ref = (struct level){.key = t,
		    .klen = k,
		    .line = line,
		    .ind = c};
		found(v, F_KEY_INDENT, line, c);
		v->line = popped.line;
		v->col = popped.ind;
		v->c = popped.klen;
		return false;
	}
	if (l != NULL && !l->seq && l->ind == c) {
		l->line = line;
	} else if (l == NULL || (v->open && c > l->ind)) {
		if (!push(v, false, c, line))
			return false;
	} else {
		if (was_popped && c < popped.ind)
			/* between two keys: the nearer, the one above if as
			 * near */
			v->ref = !l->seq && c - l->ind < popped.ind - c ?
			    *l :
			    popped;
		else if (!l->seq && c > l->ind)
			v->ref = *l; /* under a key that cannot hold it */
		else if (l->seq && c > l->ind && l->vcol > 0 && v->n >= 2 &&
		    !v->lv[v->n - 2].seq)
			v->ref = v->lv[v->n - 2]; /* the key of the list */
		else {
			found(v, F_UNKNOWN, line, c);
			return false;
		}
		found(v, F_KEY_INDENT, line, c);
		v->c = k;
		return false;
	}
	l = top(v);
	l->key = t;
	l->klen = k;
	return true;
}

/* Text that is neither a key nor an item at column c of line. */
static void
text(struct advice *v, int line, const char *s, size_t len, size_t c)
{
	struct level *l = top(v);
	size_t colon;
	v->s = s;
	v->len = len;
	v->c = c;
	if (line == v->t->eline && no_space_key(s + c, len - c, &colon)) {
		found(v, F_NO_SPACE, line, c + colon + 1);
		return;
	}
	if (l != NULL && v->open && c > l->ind) {
		value(v, line, s, len, c, l->ind);
		return;
	}
	if (l != NULL && v->open && !l->seq) {
		v->ref = *l;
		found(v, F_VALUE_NEXT_LINE, line, c);
		return;
	}
	if (l != NULL && !v->open && l->plain && c > l->ind)
		return; /* more of the text above */
	if (l != NULL && !v->open && l->plain && !l->seq &&
	    key_len(s + c, len - c) == 0 &&
	    memchr(s + c, ':', len - c) == NULL) {
		v->ref = *l;
		found(v, F_TEXT_NOT_INDENTED, line, c);
		return;
	}
	found(v, F_UNKNOWN, line, c);
}

/* One line with something on it. */
static void
content(struct advice *v, int line, const char *s, size_t len)
{
	size_t c = 0;
	while (c < len && (s[c] == ' ' || s[c] == '\t')) {
		if (s[c] == '\t') {
			found(v, F_TAB, line, c);
			return;
		}
		c++;
	}
	if ((len >= 3 &&
	        (memcmp(s, "---", 3) == 0 || memcmp(s, "...", 3) == 0)) ||
	    s[0] == '%') {
		found(v, F_UNKNOWN, line, 0);
		return;
	}
	for (;;) {
		const char *t = s + c;
		size_t m = len - c;
		if (t[0] == '-' && (m == 1 || t[1] == ' ' || t[1] == '\t')) {
			if (!item(v, line, c))
				return;
			size_t d = spaces(s, len, c + 1);
			struct level *l = top(v);
			l->vcol = 0;
			l->plain = false;
			v->open = true;
			if (d >= len || s[d] == '#')
				return;
			c = d;
			continue;
		}
		size_t k = key_len(t, m);
		if (k == 0) {
			text(v, line, s, len, c);
			return;
		}
		if (!key(v, line, c, t, k))
			return;
		value(v, line, s, len, spaces(s, len, c + k + 1), c);
		return;
	}
}

/* Reads the lines of t up to the first mistake it can name. */
static void
scan(struct advice *v)
{
	const struct rawtext *t = v->t;
	for (int n = t->first; n <= t->last && v->what == F_NONE; n++) {
		size_t len;
		const char *s = source_line(t->src, n, &len);
		switch (v->mode) {
		case M_LINES:
			break;
		case M_BLOCK:
			if (blank_or_comment(s, len) ||
			    spaces(s, len, 0) > v->block_ind)
				continue;
			v->mode = M_LINES;
			break;
		case M_QUOTE:
			if (quote_end(s, len, 0, v->quote) < len)
				v->mode = M_LINES;
			continue;
		case M_FLOW:
			v->depth = flow_depth(s, len, v->depth);
			if (v->depth == 0)
				v->mode = M_LINES;
			continue;
		}
		if (!blank_or_comment(s, len))
			content(v, n, s, len);
	}
	if (v->what == F_NONE && v->mode == M_FLOW) {
		found(v, F_FLOW_OPEN, v->flow_line, v->flow_col);
		v->at = t->eline;
	}
}

/* The position of byte offset b of file line n. */
static struct pos
line_pos(const struct rawtext *t, int n, size_t b)
{
	return source_pos_line(t->src, n, (int)b + 1);
}

/* The offset of the value on line (s, len): after its "- " and its
 * "key: ", if any. */
static size_t
value_start(const char *s, size_t len)
{
	size_t c = spaces(s, len, 0);
	for (;;) {
		if (c + 1 < len && s[c] == '-' && s[c + 1] == ' ') {
			c = spaces(s, len, c + 1);
			continue;
		}
		size_t k = key_len(s + c, len - c);
		if (k == 0)
			return c;
		c = spaces(s, len, c + k + 1);
	}
}

/* s (n bytes, a value's text) in quotes of kind q, with what q would end
 * escaped, in the arena. */
static char *
requote(struct arena *a, const char *s, size_t n, char q)
{
	char *out = arena_alloc(a, 2 * n + 3);
	size_t o = 0;
	out[o++] = q;
	for (size_t i = 0; i < n; i++) {
		if (q == '\'' && s[i] == '\'')
			out[o++] = '\'';
		else if (q == '"' && (s[i] == '"' || s[i] == '\\'))
			out[o++] = '\\';
		out[o++] = s[i];
	}
	out[o++] = q;
	out[o] = '\0';
	return out;
}

/* libfyaml stopped at a quoted value of line (s, len): its quote is not
 * closed, or text follows the closing quote (libfyaml's words say which).
 * The message is at the opening quote. */
static bool
advise_quote(struct reader *r, const struct rawtext *t, const char *s,
    size_t len)
{
	bool after = strstr(t->msg, "trailing content") != NULL;
	size_t open = value_start(s, len);
	if (open >= len || (s[open] != '"' && s[open] != '\''))
		return false;
	char q = s[open];
	char qs[4] = {'\'', q, '\'', '\0'};
	if (q == '\'')
		qs[0] = qs[2] = '"';
	struct pos p = line_pos(t, t->eline, open);
	size_t close = quote_end(s, len, open + 1, q);
	if (!after) {
		if (close < len)
			return false;
		/* A value going on, in quotes, on the next line is not an
		 * unclosed quote (but a line not indented). */
		for (int n = t->eline + 1; n <= t->last; n++) {
			size_t l;
			const char *x = source_line(t->src, n, &l);
			if (blank_or_comment(x, l))
				continue;
			size_t c = spaces(x, l, 0);
			if (memchr(x, q, l) != NULL &&
			    key_len(x + c, l - c) == 0)
				return false;
			break;
		}
		diag(r->d, r->src->path, p, D_YAML_QUOTE_UNCLOSED, qs, qs);
		return true;
	}
	/* "The "new" scheme": the whole value, in the other quotes. */
	size_t end = open + trim_value(s + open, len - open);
	if (close >= t->ecol || spaces(s, len, close + 1) != t->ecol ||
	    end <= close + 1)
		return false;
	/* The text inside the outer quotes, or all of it when the value does
	 * not end with a quote ("Update" - Phase 2). */
	const char *fix = s[end - 1] == q ?
	    requote(r->a, s + open + 1, end - open - 2, q == '"' ? '\'' : '"') :
	    requote(r->a, s + open, end - open, q == '"' ? '\'' : '"');
	size_t from = spaces(s, len, 0);
	if (from + 1 < len && s[from] == '-' && s[from + 1] == ' ')
		from = spaces(s, len, from + 1);
	diag(r->d, r->src->path, p, D_YAML_QUOTE_TEXT_AFTER, qs,
	    arena_printf(r->a, "%.*s%s", (int)(open - from), s + from, fix));
	return true;
}

/* "subject: Update: May 2018": the message at the value, with the value
 * in quotes. */
static bool
advise_colon(struct reader *r, const struct rawtext *t, const char *s,
    size_t len)
{
	size_t c = spaces(s, len, 0);
	bool item = false;
	while (c + 1 < len && s[c] == '-' && s[c + 1] == ' ') {
		c = spaces(s, len, c + 1);
		item = true;
	}
	size_t k = key_len(s + c, len - c);
	if (k == 0)
		return false;
	/* An item of text ("- Report: May 2018: draft"), its first "key"
	 * not a name: the whole item goes in quotes. */
	bool name = true;
	for (size_t i = c; i < c + k && name; i++)
		name = (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-';
	if (item && !name && c <= t->ecol) {
		size_t n = trim_value(s + c, len - c);
		bool single = memchr(s + c, '"', n) != NULL ||
		    memchr(s + c, '\\', n) != NULL;
		diag(r->d, r->src->path, line_pos(t, t->eline, c),
		    D_YAML_COLON_IN_VALUE,
		    arena_printf(r->a, "- %s",
		        requote(r->a, s + c, n, single ? '\'' : '"')));
		return true;
	}
	size_t val = spaces(s, len, c + k + 1);
	if (val >= len || val > t->ecol ||
	    strchr("\"'[{|>&*!#", s[val]) != NULL)
		return false;
	size_t n = trim_value(s + val, len - val);
	if (val + n <= t->ecol)
		return false;
	bool single = memchr(s + val, '"', n) != NULL ||
	    memchr(s + val, '\\', n) != NULL;
	char *fix = arena_printf(r->a, "%.*s: %s", (int)k, s + c,
	    requote(r->a, s + val, n, single ? '\'' : '"'));
	diag(r->d, r->src->path, line_pos(t, t->eline, val),
	    D_YAML_COLON_IN_VALUE, fix);
	return true;
}

/* The message for the mistake v found, if it explains libfyaml's error. */
static bool
advise_lines(struct reader *r, const struct rawtext *t, struct advice *v)
{
	bool near = v->at == t->eline || v->at == t->eline + 1;
	struct pos p = line_pos(t, v->line, v->col);
	const char *path = r->src->path;
	switch (v->what) {
	case F_NONE:
	case F_UNKNOWN:
		return false;
	case F_TAB:
		if (!near)
			return false;
		diag(r->d, path, p, D_YAML_TAB);
		return true;
	case F_KEY_INDENT: {
		if (!near)
			return false;
		size_t len;
		const char *s = source_line(t->src, v->line, &len);
		diag(r->d, path, p, D_YAML_KEY_INDENT,
		    arena_strndup(r->a, s + v->col, v->c),
		    arena_strndup(r->a, v->ref.key, v->ref.klen), v->ref.line,
		    (int)v->ref.ind + 1);
		return true;
	}
	case F_ITEM_INDENT:
		if (!near)
			return false;
		diag(r->d, path, p, D_YAML_ITEM_INDENT, v->ref.line,
		    (int)v->ref.ind + 1);
		return true;
	case F_LIST_UNDER_TEXT:
		if (!near)
			return false;
		diag(r->d, path, p, D_YAML_LIST_UNDER_TEXT,
		    arena_strndup(r->a, v->ref.key, v->ref.klen), v->at);
		return true;
	case F_VALUE_NEXT_LINE: {
		if (!near)
			return false;
		const char *k = arena_strndup(r->a, v->ref.key, v->ref.klen);
		diag(r->d, path, p, D_YAML_VALUE_NEXT_LINE, k, v->ref.line, k,
		    arena_strndup(r->a, v->s + v->c,
		        trim_value(v->s + v->c, v->len - v->c)));
		return true;
	}
	case F_TEXT_NOT_INDENTED:
		if (!near)
			return false;
		diag(r->d, path, p, D_YAML_TEXT_NOT_INDENTED,
		    arena_strndup(r->a, v->ref.key, v->ref.klen), v->ref.line,
		    arena_strndup(r->a, v->ref.key, v->ref.klen));
		return true;
	case F_NO_SPACE: {
		if (!near)
			return false;
		size_t colon = v->col - 1;
		size_t n = trim_value(v->s + v->col, v->len - v->col);
		diag(r->d, path, p, D_YAML_NO_SPACE,
		    arena_printf(r->a, "%.*s %.*s", (int)(colon + 1 - v->c),
		        v->s + v->c, (int)n, v->s + v->col));
		return true;
	}
	case F_FLOW_OPEN:
		if (strstr(t->msg, "flow") == NULL)
			return false;
		diag(r->d, path, p, D_YAML_FLOW_UNCLOSED,
		    v->flow_char == '[' ? "'['" : "'{'",
		    v->flow_char == '[' ? "']'" : "'}'",
		    v->flow_char == '[' ? "'['" : "'{'");
		return true;
	}
	return false;
}

/* libfyaml's first error (line and column 1-based, counted from the start
 * of the YAML text), given as the mistake it most likely is. */
static void
report_parser_error(struct reader *r, struct fy_diag *fd, int first, int last)
{
	void *it = NULL;
	struct fy_diag_error *err = fy_diag_errors_iterate(fd, &it);
	int line = first + (err && err->line > 0 ? err->line - 1 : 0);
	int col = err && err->column > 0 ? err->column : 1;
	const char *msg = err && err->msg ? err->msg : "syntax error";
	if (line > last && last >= first)
		line = last;
	size_t len;
	const char *s = source_line(r->src, line, &len);
	struct rawtext t = {.src = r->src,
	    .first = first,
	    .last = last,
	    .eline = line,
	    .ecol = byte_of_col(s, len, col),
	    .msg = msg};

	if (strstr(msg, "quoted scalar") != NULL && advise_quote(r, &t, s, len))
		return;
	if (strcmp(msg, "invalid nested block mapping on the same line") == 0 &&
	    advise_colon(r, &t, s, len))
		return;
	struct advice *v = arena_alloc(r->a, sizeof(*v));
	v->t = &t;
	scan(v);
	if (advise_lines(r, &t, v))
		return;
	struct pos p = {line, col};
	if (strncmp(msg, "plain scalar cannot start with '", 32) == 0 &&
	    t.ecol < len && s[t.ecol] == msg[32]) {
		char what[4] = {'\'', s[t.ecol], '\'', '\0'};
		diag(r->d, r->src->path, p, D_YAML_VALUE_START, what);
		return;
	}
	if (strstr(msg, "tab") != NULL) {
		diag(r->d, r->src->path, p, D_YAML_TAB);
		return;
	}
	diag(r->d, r->src->path, p, D_YAML_SYNTAX, msg);
}

/* The whole YAML is one plain text, and its first line looks like a key
 * with no space after its ':' ("committee:Planning"): says so. */
static bool
root_no_space(struct reader *r)
{
	struct pos p = r->root->pos;
	const char *s = line_from(r, p.line, p.col);
	size_t colon;
	if (!no_space_key(s, strlen(s), &colon))
		return false;
	struct pos at = {p.line, p.col + (int)colon + 1};
	diag(r->d, r->src->path, at, D_YAML_NO_SPACE,
	    arena_printf(r->a, "%.*s %s", (int)colon + 1, s, s + colon + 1));
	return true;
}

struct ynode *
yaml_parse(struct arena *a, struct diags *d, const struct source *src,
    bool whole)
{
	struct reader r = {.a = a, .d = d, .src = src};
	const char *text = whole ? src->text : src->text + src->front_off;
	size_t len = whole ? src->len : src->front_len;
	r.base = whole ? 0 : src->front_off;
	size_t deep;
	if (flow_too_deep(text, len, &deep)) {
		diag(d, src->path, source_pos(src, r.base + deep),
		    D_YAML_TOO_DEEP, CLERK_MAX_YAML_DEPTH);
		return NULL;
	}

	struct fy_diag_cfg dc;
	fy_diag_cfg_default(&dc);
	dc.fp = NULL;
	dc.colorize = false;
	struct fy_diag *fd = fy_diag_create(&dc);
	if (fd == NULL)
		out_of_memory();
	fy_diag_set_collect_errors(fd, true);
	struct fy_parse_cfg cfg = {
	    .flags = FYPCF_QUIET | FYPCF_DEFAULT_VERSION_1_2 | FYPCF_JSON_NONE |
	        FYPCF_DISABLE_MMAP_OPT,
	    .diag = fd,
	};
	struct fy_parser *p = fy_parser_create(&cfg);
	if (p == NULL)
		out_of_memory();
	char *unpasted = pasted_separators(text, len);
	r.yaml = unpasted ? unpasted : text;
	r.yaml_len = len;
	if (fy_parser_set_string(p, r.yaml, len) != 0)
		out_of_memory();

	int documents = 0;
	bool failed = false;
	struct fy_event *e;
	while ((e = fy_parser_parse(p)) != NULL) {
		switch (e->type) {
		case FYET_DOCUMENT_START:
			if (++documents == 2)
				diag(d, src->path, event_pos(&r, e),
				    D_YAML_MULTIPLE_DOCUMENTS);
			break;
		case FYET_MAPPING_START:
			check_props(&r, e->mapping_start.anchor,
			    e->mapping_start.tag, event_pos(&r, e));
			if (documents < 2)
				open_collection(&r, Y_MAPPING, event_pos(&r, e),
				    fy_event_get_node_style(e) == FYNS_FLOW);
			break;
		case FYET_SEQUENCE_START:
			check_props(&r, e->sequence_start.anchor,
			    e->sequence_start.tag, event_pos(&r, e));
			if (documents < 2)
				open_collection(&r, Y_SEQUENCE,
				    event_pos(&r, e),
				    fy_event_get_node_style(e) == FYNS_FLOW);
			break;
		case FYET_MAPPING_END:
		case FYET_SEQUENCE_END:
			if (documents < 2)
				close_collection(&r);
			break;
		case FYET_SCALAR:
			if (documents < 2)
				scalar(&r, e);
			break;
		case FYET_ALIAS:
			if (documents < 2)
				alias(&r, e);
			break;
		case FYET_NONE:
		case FYET_STREAM_START:
		case FYET_STREAM_END:
		case FYET_DOCUMENT_END:
			break;
		}
		fy_parser_event_free(p, e);
		if (r.skip > CLERK_MAX_YAML_DEPTH) {
			/* As deep again as the limit: nothing more is read
			 * (libfyaml's memory grows with the depth), and the
			 * document is unusable; its message is given. */
			failed = true;
			break;
		}
	}
	if (!failed && fy_parser_get_stream_error(p)) {
		failed = true;
		int first = source_pos(src, r.base).line;
		int last = len > 0 ? source_pos(src, r.base + len - 1).line :
		                     first;
		report_parser_error(&r, fd, first, last);
	}
	fy_parser_destroy(p);
	fy_diag_destroy(fd);
	free(unpasted);
	if (failed || r.bad)
		return NULL;
	if (r.root != NULL && r.root->type == Y_SCALAR && r.root->plain &&
	    !r.root->null && root_no_space(&r))
		return NULL;
	return r.root;
}

struct ynode *
ymap_get(const struct ynode *m, const char *key)
{
	if (m == NULL || m->type != Y_MAPPING)
		return NULL;
	for (struct ynode *c = m->first; c != NULL; c = c->next)
		if (strcmp(c->key, key) == 0)
			return c;
	return NULL;
}

const char *
ynode_kind(const struct ynode *n)
{
	switch (n->type) {
	case Y_SCALAR:
		return "text";
	case Y_SEQUENCE:
		return "a list";
	case Y_MAPPING:
		return "a mapping";
	}
	return "a value";
}
