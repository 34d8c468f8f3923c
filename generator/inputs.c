/* inputs.c: the files an output is made from (inputs.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "agenda.h"
#include "arena.h"
#include "inputs.h"
#include "model.h"
#include "output.h"
#include "template.h"

void
inputs_add(struct inputs *in, const char *path, bool absent)
{
	for (size_t i = 0; i < in->nfiles; i++)
		if (strcmp(in->files[i], path) == 0)
			return;
	if (in->nfiles == in->cap) {
		in->cap = in->cap ? in->cap * 2 : 8;
		in->files = xrealloc(in->files, in->cap * sizeof *in->files);
		in->absent = xrealloc(in->absent, in->cap * sizeof *in->absent);
	}
	in->absent[in->nfiles] = absent;
	in->files[in->nfiles++] = xstrdup(path);
}

void
inputs_add_template(struct inputs *in, const struct template *t)
{
	for (size_t i = 0; i < in->ntpls; i++)
		if (in->tpls[i] == t)
			return;
	in->tpls = xrealloc(in->tpls, (in->ntpls + 1) * sizeof *in->tpls);
	in->tpls[in->ntpls++] = t;
}

/* Every image resolved in the blocks from first on (linked by next). */
static void
images_of(struct inputs *in, struct node *first)
{
	for (struct node *b = first; b != NULL; b = b->next)
		for (struct node *n = b; n != NULL; n = node_walk_next(n, b))
			if (n->type == N_IMAGE && n->u.link.path != NULL)
				inputs_add(in, n->u.link.path, false);
}

void
inputs_of_paper(struct inputs *in, const struct paper *p, enum edition e)
{
	if (p->path != NULL)
		inputs_add(in, p->path, false);
	if (e == EDITION_PUBLIC && !p->meta.public)
		return; /* its front matter only (a public pack's listing) */
	if (p->tpl != NULL)
		inputs_add_template(in, p->tpl);
	for (const struct section *s = p->sections; s != NULL; s = s->next)
		images_of(in, s->first);
	images_of(in, p->footnotes);
	for (size_t i = 0; i < p->meta.nappendices; i++) {
		const struct appendix *ap = &p->meta.appendices[i];
		if (e == EDITION_PUBLIC && !ap->public)
			continue;
		if (ap->doc != NULL)
			inputs_of_paper(in, ap->doc, e);
		else if (ap->path != NULL && appendix_has_file(ap))
			inputs_add(in, ap->path, false);
	}
}

static void
inputs_of_items(struct inputs *in, const struct agenda_item *items, size_t n,
    enum edition e)
{
	for (size_t i = 0; i < n; i++) {
		const struct agenda_item *it = &items[i];
		if (it->paper != NULL)
			inputs_of_paper(in, it->paper, e);
		else if (it->missing && it->paper_path != NULL)
			inputs_add(in, it->paper_path, true);
		inputs_of_items(in, it->subitems, it->nsubitems, e);
	}
}

void
inputs_of_agenda(struct inputs *in, const struct agenda *a,
    const struct template *t, enum edition e)
{
	inputs_add(in, a->path, false);
	if (t != NULL)
		inputs_add_template(in, t);
	inputs_of_items(in, a->items, a->nitems, e);
}

/* Calls fn for path unless an earlier template gave it (fonts shared). */
static void
each_template_file(const struct inputs *in, size_t ti, size_t face,
    const char *path, void (*fn)(void *, const char *), void *ctx)
{
	for (size_t k = 0; k <= ti; k++)
		for (size_t f = 0; f < (k < ti ? TPL_FACES : face); f++) {
			const char *name;
			if (strcmp(template_face(in->tpls[k], f, &name),
			        path) == 0)
				return;
		}
	fn(ctx, path);
}

void
inputs_each(const struct inputs *in, void (*fn)(void *, const char *),
    void *ctx)
{
	for (size_t i = 0; i < in->nfiles; i++)
		if (!in->absent[i])
			fn(ctx, in->files[i]);
	for (size_t k = 0; k < in->ntpls; k++) {
		fn(ctx, in->tpls[k]->path);
		for (size_t f = 0; f < TPL_FACES; f++) {
			const char *name;
			each_template_file(in, k, f,
			    template_face(in->tpls[k], f, &name), fn, ctx);
		}
	}
}

/* A growing text. */
struct text {
	char *s;
	size_t len, cap;
};

static void
put(struct text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		while (t->len + n + 1 > t->cap)
			t->cap = t->cap ? t->cap * 2 : 256;
		t->s = xrealloc(t->s, t->cap);
	}
	memcpy(t->s + t->len, s, n);
	t->len += n;
	t->s[t->len] = '\0';
}

/* path as make reads a target or prerequisite: a space or tab and the
 * backslashes before it doubled and escaped, '#' as "\#", '$' as "$$"
 * (what GCC writes). */
static void
put_path(struct text *t, const char *path)
{
	for (const char *p = path; *p != '\0'; p++) {
		if (*p == ' ' || *p == '\t') {
			for (const char *q = p - 1; q >= path && *q == '\\';
			     q--)
				put(t, "\\", 1);
			put(t, "\\", 1);
		} else if (*p == '#') {
			put(t, "\\", 1);
		} else if (*p == '$') {
			put(t, "$", 1);
		}
		put(t, p, 1);
	}
}

struct rule {
	struct text head, phony;
};

static void
rule_file(void *ctx, const char *path)
{
	struct rule *r = ctx;
	put(&r->head, " \\\n ", 4);
	put_path(&r->head, path);
	put(&r->phony, "\n", 1);
	put_path(&r->phony, path);
	put(&r->phony, ":\n", 2);
}

char *
inputs_make_rule(const struct inputs *in, const char *target, size_t *len)
{
	struct rule r = {{0}, {0}};
	put_path(&r.head, target);
	put(&r.head, ":", 1);
	inputs_each(in, rule_file, &r);
	put(&r.head, "\n", 1);
	if (r.phony.len > 0)
		put(&r.head, r.phony.s, r.phony.len);
	free(r.phony.s);
	*len = r.head.len;
	return r.head.s;
}

char *
inputs_rule_path(const char *out)
{
	size_t n = strlen(out);
	char *d = xmalloc(n + 3);
	memcpy(d, out, n);
	memcpy(d + n, ".d", 3);
	return d;
}

bool
inputs_rule_exists(const char *out)
{
	char *path = inputs_rule_path(out);
	struct stat st;
	bool has = stat(path, &st) == 0;
	free(path);
	return has;
}

bool
inputs_write_rule(const struct inputs *in, const char *out)
{
	size_t len;
	char *rule = inputs_make_rule(in, out, &len);
	char *path = inputs_rule_path(out);
	bool ok = output_write(path, rule, len, false);
	int e = errno;
	free(rule);
	free(path);
	errno = e;
	return ok;
}

void
inputs_free(struct inputs *in)
{
	for (size_t i = 0; i < in->nfiles; i++)
		free(in->files[i]);
	free(in->files);
	free(in->absent);
	free(in->tpls);
	*in = (struct inputs){0};
}
