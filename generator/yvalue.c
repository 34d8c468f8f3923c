/* yvalue.c: typed values from the YAML tree, with their messages. */
#include "yvalue.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "placeholder.h"
#include "source.h"
#include "yaml.h"

bool
yv_empty(const struct ynode *v)
{
	return v->type == Y_SCALAR && (v->null || text_blank(v->str));
}

struct pos
yv_pos(const struct ynode *v)
{
	if (yv_empty(v) && v->key != NULL)
		return v->key_pos;
	return v->pos;
}

struct pos
yv_item_pos(const struct ynode *c, const struct ynode *list)
{
	return c->pos.line > 0 ? yv_pos(c) : list->pos;
}

/* v is text with ": " in it that YAML read as a key and its value
 * ("- Report: May 2018"): says to quote it, and returns true. */
static bool
colon_in_text(const struct yread *y, const struct ynode *v)
{
	const struct ynode *c = v->first;
	if (v->type != Y_MAPPING || v->count != 1 || c->type != Y_SCALAR ||
	    !c->plain || c->null || v->pos.line != c->pos.line)
		return false;
	const char *text = arena_printf(y->a, "%s: %s", c->key, c->str);
	bool single = strchr(text, '"') != NULL || strchr(text, '\\') != NULL;
	char q = single ? '\'' : '"';
	size_t n = strlen(text), o = 0;
	char *fix = arena_alloc(y->a, 2 * n + 3);
	fix[o++] = q;
	for (size_t i = 0; i < n; i++) {
		if (single && text[i] == '\'')
			fix[o++] = '\'';
		fix[o++] = text[i];
	}
	fix[o++] = q;
	fix[o] = '\0';
	diag(y->d, y->path, v->pos, D_COLON_IN_TEXT, fix);
	return true;
}

const char *
yv_text(const struct yread *y, const struct ynode *v, const char *key)
{
	if (colon_in_text(y, v))
		return NULL;
	if (v->type != Y_SCALAR) {
		diag(y->d, y->path, v->pos, D_WRONG_TYPE, key, "text");
		return NULL;
	}
	if (yv_empty(v)) {
		diag(y->d, y->path, yv_pos(v), D_EMPTY_VALUE, key);
		return NULL;
	}
	return text_trim(y->a, v->str);
}

const char **
yv_list(const struct yread *y, const struct ynode *v, const char *key,
    bool single, bool required, size_t *n, bool *ok)
{
	bool dummy;
	if (ok == NULL)
		ok = &dummy;
	*n = 0;
	*ok = true;
	if (v->type == Y_SCALAR && single) {
		const char *s = yv_text(y, v, key);
		if (s == NULL) {
			*ok = false;
			return NULL;
		}
		const char **out = arena_alloc(y->a, sizeof(*out));
		out[0] = s;
		*n = 1;
		return out;
	}
	if (yv_empty(v)) {
		diag(y->d, y->path, yv_pos(v), D_EMPTY_VALUE, key);
		*ok = false;
		return NULL;
	}
	if (v->type != Y_SEQUENCE) {
		diag(y->d, y->path, v->pos, D_WRONG_TYPE, key,
		    single ? "text or a list" : "a list");
		*ok = false;
		return NULL;
	}
	if (v->count == 0) {
		if (required) {
			diag(y->d, y->path, v->pos, D_EMPTY_VALUE, key);
			*ok = false;
		}
		return NULL;
	}
	const char **out = arena_alloc(y->a, v->count * sizeof(*out));
	for (const struct ynode *c = v->first; c != NULL; c = c->next) {
		const char *s = NULL;
		if (yv_empty(c))
			diag(y->d, y->path, yv_item_pos(c, v), D_EMPTY_VALUE,
			    key);
		else
			s = yv_text(y, c, key);
		if (s == NULL)
			*ok = false;
		else
			out[(*n)++] = s;
	}
	return out;
}

int
yv_bool(const struct yread *y, const struct ynode *v, const char *key)
{
	if (yv_empty(v)) {
		diag(y->d, y->path, yv_pos(v), D_EMPTY_VALUE, key);
		return -1;
	}
	if (v->type == Y_SCALAR && v->plain) {
		if (strcmp(v->str, "true") == 0 ||
		    strcmp(v->str, "True") == 0 || strcmp(v->str, "TRUE") == 0)
			return 1;
		if (strcmp(v->str, "false") == 0 ||
		    strcmp(v->str, "False") == 0 ||
		    strcmp(v->str, "FALSE") == 0)
			return 0;
	}
	diag(y->d, y->path, v->pos, D_WRONG_TYPE, key, "true or false");
	return -1;
}

bool
yv_date(const struct yread *y, const struct ynode *v, const char *key,
    struct date *out)
{
	if (v->type != Y_SCALAR) {
		diag(y->d, y->path, v->pos, D_WRONG_TYPE, key, "a date");
		return false;
	}
	if (yv_empty(v)) {
		diag(y->d, y->path, yv_pos(v), D_EMPTY_VALUE, key);
		return false;
	}
	switch (date_parse(v->str, out)) {
	case DATE_OK:
		return true;
	case DATE_SYNTAX:
		diag(y->d, y->path, v->pos, D_BAD_DATE, v->str);
		return false;
	case DATE_IMPOSSIBLE:
		diag(y->d, y->path, v->pos, D_IMPOSSIBLE_DATE, v->str);
		return false;
	}
	return false;
}

bool
yv_integer(const struct yread *y, const struct ynode *v, const char *key,
    long *out)
{
	if (yv_empty(v)) {
		diag(y->d, y->path, yv_pos(v), D_EMPTY_VALUE, key);
		return false;
	}
	if (v->type != Y_SCALAR) {
		diag(y->d, y->path, v->pos, D_WRONG_TYPE, key,
		    "a whole number");
		return false;
	}
	const char *s = v->str;
	if (*s == '+' || *s == '-')
		s++;
	bool digits = *s != '\0';
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			digits = false;
	if (!v->plain || !digits || v->len > 9) {
		diag(y->d, y->path, v->pos, D_BAD_INTEGER, v->str);
		return false;
	}
	*out = strtol(v->str, NULL, 10);
	return true;
}

void
yv_check_keys(const struct yread *y, const struct ynode *m,
    const char *const *allowed)
{
	for (const struct ynode *c = m->first; c != NULL; c = c->next) {
		bool known = false;
		for (size_t i = 0; allowed[i] != NULL && !known; i++)
			known = strcmp(c->key, allowed[i]) == 0;
		if (!known)
			diag(y->d, y->path, c->key_pos, D_UNKNOWN_KEY, c->key,
			    did_you_mean(y->a, c->key, allowed));
	}
}

bool
yv_front_blank(const struct source *src)
{
	const char *s = src->text + src->front_off;
	const char *end = s + src->front_len;
	bool line_start = true;
	for (; s < end; s++) {
		if (*s == '\n') {
			line_start = true;
		} else if (*s == '#' && line_start) {
			while (s < end && *s != '\n')
				s++;
			line_start = true;
		} else if (*s != ' ' && *s != '\t') {
			return false;
		}
	}
	return true;
}

void
yv_placeholders(const struct yread *y, const struct ynode *n)
{
	if (n->type == Y_SCALAR) {
		if (n->str != NULL && placeholder_value(n->str))
			diag(y->d, y->path, n->pos, D_PLACEHOLDER);
		return;
	}
	for (const struct ynode *c = n->first; c != NULL; c = c->next)
		yv_placeholders(y, c);
}
