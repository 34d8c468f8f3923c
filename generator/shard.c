/* shard.c: the share of an input file among N, for "clerk build --shard
 * I/N" (shard.h states the rule), and the parsing of "I/N". */
/* realpath() is X/Open. */
#define _XOPEN_SOURCE 700
#include "shard.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cli.h"
#include "diag.h"

/* Reads the decimal digits at *p into *v and moves *p past them. Returns
 * false when there is none. A value above SHARD_MAX is read as one above
 * SHARD_MAX, never wrapped. */
static bool
read_number(const char **p, unsigned long *v)
{
	const char *s = *p;
	unsigned long x = 0;
	for (; *s >= '0' && *s <= '9'; s++)
		if (x <= SHARD_MAX)
			x = x * 10 + (unsigned long)(*s - '0');
	if (s == *p)
		return false;
	*v = x;
	*p = s;
	return true;
}

enum shard_error
shard_parse(const char *text, struct shard *s)
{
	const char *p = text;
	struct shard r;
	if (!read_number(&p, &r.index) || *p++ != '/' ||
	    !read_number(&p, &r.count) || *p != '\0')
		return SHARD_FORM;
	*s = r;
	if (r.count < 1 || r.count > SHARD_MAX)
		return SHARD_COUNT;
	if (r.index >= r.count)
		return SHARD_INDEX;
	return SHARD_OK;
}

int
shard_option(const char *command, const char *name, const char *value,
    void *dst)
{
	(void)name; /* the messages name --shard */
	struct shard s;
	switch (shard_parse(value, &s)) {
	case SHARD_OK:
		*(struct shard *)dst = s;
		return EXIT_OK;
	case SHARD_FORM:
		return cli_usage(command, D_USAGE_SHARD_FORM, value);
	case SHARD_COUNT:
		return cli_usage(command, D_USAGE_SHARD_COUNT, value,
		    SHARD_MAX);
	case SHARD_INDEX:
		return cli_usage(command, D_USAGE_SHARD_INDEX, value,
		    s.count - 1, s.count);
	}
	return EXIT_USAGE;
}

/* path with its empty and "." components dropped (rule 1); "." when
 * nothing is left of a relative path. *dotdot: whether a ".." component
 * is among those kept. Heap. */
static char *
normalise(const char *path, bool *dotdot)
{
	char *out = xmalloc(strlen(path) + 2);
	size_t o = 0;
	*dotdot = false;
	if (path[0] == '/')
		out[o++] = '/';
	const char *p = path;
	for (;;) {
		while (*p == '/')
			p++;
		const char *e = p;
		while (*e != '\0' && *e != '/')
			e++;
		size_t len = (size_t)(e - p);
		if (len == 0)
			break;
		if (len != 1 || p[0] != '.') {
			if (len == 2 && p[0] == '.' && p[1] == '.')
				*dotdot = true;
			if (o > 0 && out[o - 1] != '/')
				out[o++] = '/';
			memcpy(out + o, p, len);
			o += len;
		}
		p = e;
	}
	if (o == 0)
		out[o++] = '.';
	out[o] = '\0';
	return out;
}

/* The normalised path norm made relative to the current folder (rule 2):
 * its folder resolved, then its path from the resolved current folder,
 * then its file name. NULL when a folder does not resolve or is not the
 * current one or under it, or when the last component is "..". Heap. */
static char *
relative_to_cwd(const char *norm)
{
	const char *slash = strrchr(norm, '/');
	const char *base = slash != NULL ? slash + 1 : norm;
	if (slash == NULL || strcmp(base, "..") == 0)
		return NULL;
	size_t dl = slash == norm ? 1 : (size_t)(slash - norm);
	char *dir = xmalloc(dl + 1);
	memcpy(dir, norm, dl);
	dir[dl] = '\0';
	char *rdir = realpath(dir, NULL), *rcwd = realpath(".", NULL);
	char *key = NULL;
	free(dir);
	if (rdir != NULL && rcwd != NULL) {
		size_t cl = strlen(rcwd);
		const char *below = NULL; /* rdir's path from rcwd */
		if (strcmp(rdir, rcwd) == 0)
			below = "";
		else if (cl == 1 && rdir[0] == '/')
			below = rdir + 1;
		else if (strncmp(rdir, rcwd, cl) == 0 && rdir[cl] == '/')
			below = rdir + cl + 1;
		if (below != NULL) {
			size_t n = strlen(below) + strlen(base) + 2;
			key = xmalloc(n);
			strcpy(key, below);
			if (below[0] != '\0')
				strcat(key, "/");
			strcat(key, base);
		}
	}
	free(rdir);
	free(rcwd);
	return key;
}

char *
shard_key(const char *path)
{
	bool dotdot;
	char *norm = normalise(path, &dotdot);
	if (norm[0] != '/' && !dotdot)
		return norm;
	char *rel = relative_to_cwd(norm);
	if (rel == NULL)
		return norm;
	free(norm);
	return rel;
}

uint64_t
shard_hash(const void *p, size_t n)
{
	const unsigned char *b = p;
	uint64_t h = UINT64_C(0xcbf29ce484222325); /* FNV-1a 64 */
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= UINT64_C(0x100000001b3);
	}
	h ^= h >> 33; /* fmix64 */
	h *= UINT64_C(0xff51afd7ed558ccd);
	h ^= h >> 33;
	h *= UINT64_C(0xc4ceb9fe1a85ec53);
	h ^= h >> 33;
	return h;
}

unsigned long
shard_of(const char *path, unsigned long count)
{
	char *key = shard_key(path);
	uint64_t h = shard_hash(key, strlen(key));
	free(key);
	return (unsigned long)(h % count);
}

bool
shard_holds(const struct shard *s, const char *path)
{
	if (s->count <= 1)
		return true;
	return shard_of(path, s->count) == s->index;
}
