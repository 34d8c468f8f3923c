/* strset.c: a set of strings with a value each, by open addressing with
 * linear probing (strset.h). */
#include "strset.h"

#include <string.h>

#include "arena.h"

/* FNV-1a. */
static size_t
str_hash(const char *s)
{
	size_t h = (size_t)14695981039346656037u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211u;
	return h;
}

/* The slot of key in s (cap > 0): where it is, or the empty one where it
 * goes. */
static size_t
slot(const struct strset *s, const char *key)
{
	size_t i = str_hash(key) & (s->cap - 1);
	while (s->keys[i] != NULL && strcmp(s->keys[i], key) != 0)
		i = (i + 1) & (s->cap - 1);
	return i;
}

const void *
strset_get(const struct strset *s, const char *key)
{
	return s->cap == 0 ? NULL : s->values[slot(s, key)];
}

bool
strset_put(struct arena *a, struct strset *s, const char *key,
    const void *value)
{
	if (2 * (s->n + 1) > s->cap) {
		struct strset old = *s;
		s->cap = s->cap ? 2 * s->cap : 16;
		s->keys = arena_alloc(a, s->cap * sizeof *s->keys);
		s->values = arena_alloc(a, s->cap * sizeof *s->values);
		s->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.keys[i] != NULL)
				strset_put(a, s, old.keys[i], old.values[i]);
	}
	size_t i = slot(s, key);
	if (s->keys[i] != NULL)
		return false;
	s->keys[i] = key;
	s->values[i] = value;
	s->n++;
	return true;
}
