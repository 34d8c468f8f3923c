/* strset.h: a set of strings, each with a value, kept by open addressing
 * in an arena: the eIds the XML writer has given, the keys of a long YAML
 * mapping, the characters the layout has reported missing. No library is
 * used. */
#ifndef CLERK_STRSET_H
#define CLERK_STRSET_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

/* A set starts zeroed ({0}: empty, nothing allocated) and lives in the
 * arena its puts are given (always the same one); it goes with the arena.
 * Keys are compared with strcmp and are not copied. */
struct strset {
	const char **keys;   /* cap slots; NULL: an empty slot */
	const void **values; /* the value of the key in each slot */
	size_t cap;          /* a power of two, or 0: nothing yet */
	size_t n;            /* keys held (at most half of cap) */
};

/* The value of key in s, or NULL when s does not hold key. */
const void *strset_get(const struct strset *s, const char *key);

/* Adds key (which must live as long as s) with value (not NULL) to s,
 * growing it in arena a. When s holds key already, s is left as it is.
 * Returns whether key was added. */
bool strset_put(struct arena *a, struct strset *s, const char *key,
    const void *value);

#endif
