/* yaml.h: YAML (front matter, templates) read into a small tree of clerk's
 * own, with the position of every node. Only yaml.c includes libfyaml. */
#ifndef CLERK_YAML_H
#define CLERK_YAML_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct arena;
struct source;

/* clerk's limit on YAML nesting (mappings and sequences inside each other).
 * What is deeper is dropped; past twice the limit, the whole YAML is. */
#define CLERK_MAX_YAML_DEPTH 64

enum ynode_type {
	Y_SCALAR,   /* a string; typing is left to the reader */
	Y_SEQUENCE, /* items in order */
	Y_MAPPING,  /* key/value pairs in order; keys are unique */
};

struct ynode {
	enum ynode_type type;
	struct pos pos;      /* where the node starts */
	const char *str;     /* Y_SCALAR: the value, NUL-terminated */
	size_t len;          /* Y_SCALAR: bytes in str */
	bool plain;          /* Y_SCALAR: unquoted (so "true" is a string
				 only when quoted); false for block scalars */
	bool null;           /* Y_SCALAR: an empty plain scalar or "~"/"null" */
	const char *key;     /* in a mapping: this value's key, its
				 Unicode spaces read as spaces and trimmed
				 ("subject<U+00A0>" is "subject") */
	struct pos key_pos;  /* in a mapping: where the key is */
	struct ynode *first; /* Y_SEQUENCE, Y_MAPPING: the first child */
	struct ynode *next;  /* the next sibling */
	size_t count;        /* Y_SEQUENCE, Y_MAPPING: number of children */
};

/* Parses the YAML in the front-matter slice of src (or, when whole is true,
 * the whole text of src) into a tree in the arena. Every syntax problem,
 * duplicate key, alias, tag and excess depth is recorded in d with its
 * position in the file; a syntax error is told as the mistake it most
 * likely is (a value holding ": ", a line not lined up, a tab, an unclosed
 * quote ...), at the place to mend, once. YAML that reads without error
 * but not as any author means (a "- " item taken as more text of the value
 * above, "key:value" as the whole document) is reported too. Returns the
 * root (NULL when the document is empty or unusable, as after any of
 * those). An empty document gives NULL without a message. */
struct ynode *yaml_parse(struct arena *a, struct diags *d,
    const struct source *src, bool whole);

/* The value of key in mapping m, or NULL. */
struct ynode *ymap_get(const struct ynode *m, const char *key);

/* A name for the type of n, for messages: "a list", "a mapping", "text". */
const char *ynode_kind(const struct ynode *n);

#endif
