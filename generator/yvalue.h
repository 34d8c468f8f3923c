/* yvalue.h: typed values read from clerk's YAML tree (yaml.h), each with
 * the message an author needs when it is not what it should be: text,
 * lists of text, booleans, dates, whole numbers, known keys. Shared by the
 * readers of front matter (frontmatter.c) and agendas (agenda.c). */
#ifndef CLERK_YVALUE_H
#define CLERK_YVALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "text.h"

struct arena;
struct source;
struct ynode;

/* Where values are read from and where their messages go. */
struct yread {
	struct arena *a;  /* the values' memory */
	struct diags *d;  /* the messages */
	const char *path; /* the file the messages name */
};

/* Is v empty: nothing, "~", "null", or only blanks? */
bool yv_empty(const struct ynode *v);

/* Where a problem with v is reported: v itself, or its key when v is
 * empty (an empty value has no place of its own). */
struct pos yv_pos(const struct ynode *v);

/* Where item c of list is: the list's place when c has none. */
struct pos yv_item_pos(const struct ynode *c, const struct ynode *list);

/* One value of text, trimmed, in the arena; NULL (and D_WRONG_TYPE or
 * D_EMPTY_VALUE about key) when v is not text or is empty. */
const char *yv_text(const struct yread *y, const struct ynode *v,
    const char *key);

/* A list of texts. single: one text is taken as a list of one. required:
 * an empty list is an error. Returns the items read (bad ones left out,
 * each reported) and their number in *n; *ok (may be NULL) is false when
 * anything was wrong. */
const char **yv_list(const struct yread *y, const struct ynode *v,
    const char *key, bool single, bool required, size_t *n, bool *ok);

/* true or false (YAML 1.2: plain, not quoted; yes/no are text): 1 or 0;
 * -1 (and a message) when v is neither. */
int yv_bool(const struct yread *y, const struct ynode *v, const char *key);

/* A date written YYYY-MM-DD, a real one; false (and D_BAD_DATE,
 * D_IMPOSSIBLE_DATE ...) otherwise. */
bool yv_date(const struct yread *y, const struct ynode *v, const char *key,
    struct date *out);

/* A plain whole number ([+-]digits, at most 9); false (and a message)
 * otherwise. */
bool yv_integer(const struct yread *y, const struct ynode *v, const char *key,
    long *out);

/* Reports each key of mapping m that is not in allowed (NULL-terminated),
 * with a "did you mean". */
void yv_check_keys(const struct yread *y, const struct ynode *m,
    const char *const *allowed);

/* Is the YAML text of src's front matter only blanks and comments? */
bool yv_front_blank(const struct source *src);

/* A warning (D_PLACEHOLDER) at every value under n that "clerk new"
 * wrote for the author to replace (placeholder.h): a skeleton, paper or
 * agenda, is never published by mistake. */
void yv_placeholders(const struct yread *y, const struct ynode *n);

#endif
