/* paper.c: one paper from file to checked model. */
#include "paper.h"

#include <errno.h>
#include <string.h>

#include "arena.h"
#include "frontmatter.h"
#include "markdown.h"
#include "source.h"
#include "structure.h"
#include "template.h"
#include "yaml.h"

/* The folder part of path, "." when it has none. */
static const char *
dir_of(struct arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL)
		return ".";
	if (slash == path)
		return "/";
	return arena_strndup(a, path, (size_t)(slash - path));
}

struct paper *
paper_read(const char *path, const struct template_set *set, struct diags *d,
    bool *system_error)
{
	*system_error = false;
	struct arena *a = arena_new();
	struct paper *p = arena_alloc(a, sizeof(*p));
	p->arena = a;
	p->path = arena_strdup(a, path);
	p->dir = dir_of(a, p->path);
	p->src = arena_alloc(a, sizeof(*p->src));

	switch (source_read(a, d, p->path, p->src)) {
	case SOURCE_OK:
		break;
	case SOURCE_SYSTEM: {
		int e = errno;
		arena_free(a);
		errno = e;
		*system_error = true;
		return NULL;
	}
	case SOURCE_BAD:
		arena_free(a);
		return NULL;
	}

	source_split(p->src, d, true);
	if (p->src->has_front) {
		struct ynode *root = yaml_parse(a, d, p->src, false);
		frontmatter_read(p, d, root, set);
	} else {
		/* D_NO_FRONT_MATTER is recorded: check the body against the
		 * newest report template rather than report every key. */
		p->meta.public = true;
		p->tpl = template_latest(set, KIND_REPORT);
	}

	struct node *blocks = markdown_parse(p, d, p->src);
	structure_build(p, d, blocks);
	return p;
}

void
paper_free(struct paper *p)
{
	if (p != NULL)
		arena_free(p->arena);
}
