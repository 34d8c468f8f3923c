/* template.c: committee-paper templates once loaded (template_load.c
 * reads them): their font faces and digests, the choice of a template by
 * kind and date, and the expansion of the placeholders of their texts. No
 * library is used here, so that the layout links without the YAML reader. */
#include "template.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* ---- Faces and digests -------------------------------------------- */

const char *
template_face(const struct template *t, size_t i, const char **name)
{
	static const char *const names[TPL_FACES] = {
	    "body-regular",
	    "body-bold",
	    "body-italic",
	    "body-bold-italic",
	    "mono-regular",
	    "mono-bold",
	    "mono-italic",
	    "mono-bold-italic",
	    "fallback-regular",
	    "fallback-bold",
	    "fallback-italic",
	    "fallback-bold-italic",
	};
	const struct tpl_font *f = i < 4 ? &t->font :
	    i < 8                        ? &t->mono :
	                                   &t->fallback;
	const char *paths[4] = {f->regular, f->bold, f->italic, f->bold_italic};
	*name = names[i];
	return paths[i % 4];
}

/* One lock for every template's digests: each is computed once. */
static pthread_mutex_t digests_lock = PTHREAD_MUTEX_INITIALIZER;

const struct tpl_digests *
template_digests(const struct template *t, const char **failed)
{
	struct tpl_digests *dg = t->digests;
	*failed = NULL;
	if (dg == NULL)
		return NULL;
	pthread_mutex_lock(&digests_lock);
	if (!dg->done) {
		dg->done = true;
		if (!sha256_file(t->path, dg->file)) {
			dg->failed = t->path;
			dg->error = errno;
		}
		for (size_t i = 0; i < TPL_FACES && dg->failed == NULL; i++) {
			const char *name, *path = template_face(t, i, &name);
			size_t k = 0;
			for (; k < i; k++) {
				const char *other = template_face(t, k, &name);
				if (strcmp(other, path) == 0)
					break;
			}
			if (k < i) {
				memcpy(dg->face[i], dg->face[k], 65);
			} else if (!sha256_file(path, dg->face[i])) {
				dg->failed = path;
				dg->error = errno;
			}
		}
	}
	pthread_mutex_unlock(&digests_lock);
	if (dg->failed != NULL) {
		*failed = dg->failed;
		errno = dg->error;
		return NULL;
	}
	return dg;
}

/* ---- Choosing a template ------------------------------------------ */

bool
template_has_period(const struct template *t)
{
	return t->has_from || t->has_to;
}

const struct template *
template_find(const struct template_set *set, const char *id)
{
	for (size_t i = 0; i < set->count; i++)
		if (strcmp(set->items[i]->id, id) == 0)
			return set->items[i];
	return NULL;
}

/* Nearest by days: the first of equals in id order. */
const struct template *
template_select(const struct template_set *set, enum paper_kind kind,
    struct date date, bool *nearest)
{
	const struct template *best = NULL;
	long best_days = LONG_MAX;
	if (nearest != NULL)
		*nearest = false;
	for (size_t i = 0; i < set->count; i++) {
		const struct template *t = set->items[i];
		if (t->kind != kind || !template_has_period(t))
			continue;
		long days = 0;
		if (t->has_from && date_cmp(date, t->from) < 0)
			days = date_days(t->from) - date_days(date);
		else if (t->has_to && date_cmp(date, t->to) > 0)
			days = date_days(date) - date_days(t->to);
		if (days == 0)
			return t;
		if (days < best_days) {
			best_days = days;
			best = t;
		}
	}
	if (best != NULL && nearest != NULL)
		*nearest = true;
	return best;
}

/* Among templates with a period: the latest start (no start is the
 * earliest); of equal starts, the one running longest. */
const struct template *
template_latest(const struct template_set *set, enum paper_kind kind)
{
	const struct template *best = NULL;
	for (size_t i = 0; i < set->count; i++) {
		const struct template *t = set->items[i];
		if (t->kind != kind || !template_has_period(t))
			continue;
		if (best == NULL) {
			best = t;
			continue;
		}
		int c = !t->has_from ? (best->has_from ? -1 : 0) :
		    !best->has_from  ? 1 :
		                       date_cmp(t->from, best->from);
		if (c == 0)
			c = !t->has_to    ? (best->has_to ? 1 : 0) :
			    !best->has_to ? -1 :
			                    date_cmp(t->to, best->to);
		if (c > 0)
			best = t;
	}
	return best;
}

const struct tpl_section *
template_section(const struct template *t, const char *heading)
{
	for (size_t i = 0; i < t->nsections; i++) {
		const struct tpl_section *s = &t->sections[i];
		if (name_equal(s->heading, heading))
			return s;
		for (size_t j = 0; j < s->naliases; j++)
			if (name_equal(s->aliases[j], heading))
				return s;
	}
	return NULL;
}

const char *
kind_name(enum paper_kind k)
{
	switch (k) {
	case KIND_REPORT:
		return "report";
	case KIND_MINUTES:
		return "minutes";
	}
	return "report";
}

/* ---- Expanding placeholders --------------------------------------- */

bool
template_text_uses(const char *text, const char *name)
{
	if (text == NULL)
		return false;
	size_t want = strlen(name);
	for (size_t i = 0; text[i] != '\0'; i++) {
		if ((text[i] == '{' || text[i] == '}') &&
		    text[i + 1] == text[i]) {
			i++;
			continue;
		}
		if (text[i] == '{' && strncmp(text + i + 1, name, want) == 0 &&
		    text[i + 1 + want] == '}')
			return true;
	}
	return false;
}

bool
tpl_row_per_committee(const struct tpl_row *r)
{
	static const char *const names[] = {"committee", "committee_date",
	    "committee_purpose"};
	const char *texts[] = {r->label, r->value, r->right};
	for (size_t i = 0; i < 3; i++)
		for (size_t j = 0; j < 3; j++)
			if (template_text_uses(texts[i], names[j]))
				return true;
	return false;
}

char *
template_expand(struct arena *a, const char *text, tpl_lookup lookup, void *ctx,
    struct tpl_fill *fill)
{
	if (text == NULL)
		return NULL;
	size_t cap = strlen(text) + 1, n = 0;
	char *out = xmalloc(cap);
	for (size_t i = 0; text[i] != '\0';) {
		const char *piece = text + i;
		size_t len = 1;
		if ((text[i] == '{' || text[i] == '}') &&
		    text[i + 1] == text[i]) {
			i += 2;
		} else if (text[i] == '{' && strchr(text + i, '}') != NULL) {
			const char *close = strchr(text + i, '}');
			char *name = arena_strndup(a, text + i + 1,
			    (size_t)(close - text - i - 1));
			piece = lookup(ctx, name);
			len = piece ? strlen(piece) : 0;
			if (fill != NULL) {
				fill->placeholders++;
				fill->filled += len > 0;
			}
			i = (size_t)(close - text) + 1;
		} else {
			i++;
		}
		if (n + len + 1 > cap) {
			cap = 2 * (n + len + 1);
			out = xrealloc(out, cap);
		}
		if (len > 0)
			memcpy(out + n, piece, len);
		n += len;
	}
	char *r = arena_strndup(a, out, n);
	free(out);
	return r;
}
