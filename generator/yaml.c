/* yaml.c: libfyaml's event parser turned into clerk's YAML tree (yaml.h).
 * The only file that includes libfyaml. */
#include "yaml.h"

#include <libfyaml.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "source.h"
#include "text.h"

struct frame {
	struct ynode *node;    /* the open sequence or mapping */
	struct ynode *last;    /* its last child */
	bool want_key;         /* mapping: the next scalar is a key */
	const char *key;       /* mapping: the key waiting for its value */
	struct pos key_pos;
	bool skip_value;       /* mapping: the key was unusable; drop value */
	struct ynode **keys;   /* mapping of many keys: its children by key,
				  a hash set (open addressing), so that
				  finding a duplicate is not quadratic */
	size_t cap;            /* slots in keys, a power of 2; 0: none */
};

/* A mapping's keys are looked up in a hash set once it has this many. */
enum { KEYSET_FROM = 16 };

struct reader {
	struct arena *a;
	struct diags *d;
	const struct source *src;
	size_t base;           /* offset of the YAML text in src->text */
	struct frame stack[CLERK_MAX_YAML_DEPTH + 1];
	int depth;             /* frames in use */
	int skip;              /* > 0: inside a subtree that is too deep */
	struct ynode *root;
	/* The last position found, so that the positions of the events
	 * along one long line are not each counted from its start. */
	struct pos last;       /* line 0: none */
	size_t last_off;       /* its byte offset in src->text */
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
	    (len == 4 && (memcmp(s, "null", 4) == 0 ||
	    memcmp(s, "Null", 4) == 0 || memcmp(s, "NULL", 4) == 0));
}

static size_t
key_hash(const char *s)
{
	size_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void
keyset_put(struct ynode **set, size_t cap, struct ynode *n)
{
	size_t i = key_hash(n->key) & (cap - 1);
	while (set[i] != NULL)
		i = (i + 1) & (cap - 1);
	set[i] = n;
}

/* Notes child n of mapping frame f in its hash set, making or growing the
 * set when the mapping has many keys. */
static void
keyset_add(struct reader *r, struct frame *f, struct ynode *n)
{
	if (f->node->count < KEYSET_FROM)
		return;
	if (2 * f->node->count <= f->cap) {
		keyset_put(f->keys, f->cap, n);
		return;
	}
	size_t cap = f->cap ? 2 * f->cap : 4 * KEYSET_FROM;
	struct ynode **set = arena_alloc(r->a, cap * sizeof(*set));
	for (struct ynode *c = f->node->first; c != NULL; c = c->next)
		keyset_put(set, cap, c);
	f->keys = set;
	f->cap = cap;
}

/* The child of mapping frame f with key s, or NULL. */
static struct ynode *
key_find(const struct frame *f, const char *s)
{
	if (f->cap == 0) {
		for (struct ynode *c = f->node->first; c != NULL; c = c->next)
			if (strcmp(c->key, s) == 0)
				return c;
		return NULL;
	}
	for (size_t i = key_hash(s) & (f->cap - 1); f->keys[i] != NULL;
	    i = (i + 1) & (f->cap - 1))
		if (strcmp(f->keys[i]->key, s) == 0)
			return f->keys[i];
	return NULL;
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
open_collection(struct reader *r, enum ynode_type t, struct pos p)
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
	r->stack[r->depth++] = (struct frame){.node = n, .want_key = true};
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
	if (!empty)
		s = fy_token_get_text(e->scalar.value, &len);
	if (s == NULL)
		s = "", len = 0;
	enum fy_node_style style = fy_event_get_node_style(e);
	/* An empty value ("subject:" alone) has no token, hence no style and
	 * no position: it is a plain null where its key (or list) is. */
	bool plain = empty || style == FYNS_PLAIN;
	if (r->depth > 0) {
		struct frame *f = &r->stack[r->depth - 1];
		if (f->node->type == Y_MAPPING && f->want_key) {
			take_key(r, f, plain_key(r->a,
			    arena_strndup(r->a, s, len)), p);
			return;
		}
		if (p.line == 0)
			p = f->node->type == Y_MAPPING ? f->key_pos :
			    f->node->pos;
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
	char last = '\n';     /* the last character not a space */
	bool spaced = true;   /* and a space came after it */
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
				else if (t[i] == c && (c == '"' || i + 1 >= n ||
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

/* libfyaml's own messages: line and column are 1-based and count from the
 * start of the YAML text. */
static void
report_parser_errors(struct reader *r, struct fy_diag *fd)
{
	void *it = NULL;
	struct fy_diag_error *err;
	int first_line = (int)source_pos(r->src, r->base).line;
	while ((err = fy_diag_errors_iterate(fd, &it)) != NULL) {
		int line = first_line + (err->line > 0 ? err->line - 1 : 0);
		struct pos p = {line, err->column > 0 ? err->column : 1};
		const char *msg = err->msg ? err->msg : "syntax error";
		diag(r->d, r->src->path, p, D_YAML_SYNTAX, msg);
	}
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
		.flags = FYPCF_QUIET | FYPCF_DEFAULT_VERSION_1_2 |
		    FYPCF_JSON_NONE | FYPCF_DISABLE_MMAP_OPT,
		.diag = fd,
	};
	struct fy_parser *p = fy_parser_create(&cfg);
	if (p == NULL)
		out_of_memory();
	char *unpasted = pasted_separators(text, len);
	if (fy_parser_set_string(p, unpasted ? unpasted : text, len) != 0)
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
				open_collection(&r, Y_MAPPING,
				    event_pos(&r, e));
			break;
		case FYET_SEQUENCE_START:
			check_props(&r, e->sequence_start.anchor,
			    e->sequence_start.tag, event_pos(&r, e));
			if (documents < 2)
				open_collection(&r, Y_SEQUENCE,
				    event_pos(&r, e));
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
		report_parser_errors(&r, fd);
	}
	fy_parser_destroy(p);
	fy_diag_destroy(fd);
	free(unpasted);
	if (failed)
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
