/* paper.c: one paper from file to checked model. */
#include "paper.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "extpdf.h"
#include "frontmatter.h"
#include "markdown.h"
#include "source.h"
#include "structure.h"
#include "template.h"
#include "text.h"
#include "yaml.h"

/* How well the headings of blocks fit template t: headings it names, less
 * required sections missing. */
static int
fit(const struct template *t, const struct node *blocks, struct arena *a)
{
	int score = 0;
	bool *seen = arena_alloc(a, t->nsections + 1);
	for (const struct node *n = blocks; n != NULL; n = n->next) {
		if (n->type != N_SUBHEADING || n->u.heading.level > 2)
			continue;
		const struct tpl_section *s = template_section(t,
		    node_text(a, n));
		if (s != NULL) {
			score++;
			seen[s - t->sections] = true;
		}
	}
	for (size_t i = 0; i < t->nsections; i++)
		if (t->sections[i].required == REQUIRED_YES && !seen[i])
			score--;
	return score;
}

/* When the front matter did not say which template (no usable date), the
 * template of the paper's kind that its headings fit best, so that the
 * body is checked against what the author most likely used. Ties go to
 * the template chosen so far (the newest). */
static void
guess_template(struct paper *p, const struct template_set *set,
    const struct node *blocks)
{
	if (p->tpl == NULL || p->tpl->kind != KIND_REPORT)
		return;
	int best = fit(p->tpl, blocks, p->arena);
	for (size_t i = 0; i < set->count; i++) {
		const struct template *t = set->items[i];
		if (t->kind != p->tpl->kind || t == p->tpl)
			continue;
		int score = fit(t, blocks, p->arena);
		if (score > best) {
			best = score;
			p->tpl = t;
		}
	}
}

/* The first line of the body (the file's last line when the body is
 * empty). */
static struct pos
body_pos(const struct source *src)
{
	int line = src->body_line;
	if (line > (int)src->nlines)
		line = (int)src->nlines;
	return (struct pos){line > 0 ? line : 1, 1};
}

void
paper_read_pdf(struct paper *p, struct appendix *ap, struct diags *d)
{
	unsigned char *buf;
	size_t len;
	switch (source_read_bytes(d, ap->path, CLERK_MAX_PDF_SIZE, &buf,
	    &len)) {
	case SOURCE_OK:
		break;
	case SOURCE_SYSTEM: {
		char eb[DIAG_ERRNO_MAX];
		diag(d, p->path, ap->file_pos, D_APPENDIX_UNREADABLE, ap->file,
		    diag_errno(errno, eb, sizeof eb));
		return;
	}
	case SOURCE_BAD:
		return;
	}
	if (len > CLERK_MAX_PDF_SIZE) {
		free(buf);
		diag(d, p->path, ap->file_pos, D_APPENDIX_PDF_TOO_BIG, ap->file,
		    CLERK_MAX_PDF_SIZE / (1024u * 1024u));
		return;
	}
	struct extpdf *x = arena_alloc(p->arena, sizeof *x);
	char why[300];
	enum extpdf_status st = extpdf_read(p->arena, buf, len, x, why,
	    sizeof why);
	free(buf);
	switch (st) {
	case EXTPDF_OK:
		ap->pdf = x;
		struct sha256 s;
		sha256_init(&s);
		sha256_add(&s, x->bytes, x->len);
		sha256_hex(&s, ap->sha256);
		if (x->tagged)
			diag(d, p->path, ap->file_pos, D_APPENDIX_PDF_TAGS,
			    ap->file);
		else
			diag(d, p->path, ap->file_pos, D_APPENDIX_PDF_UNTAGGED,
			    ap->file);
		break;
	case EXTPDF_NOT_PDF:
		diag(d, p->path, ap->file_pos, D_APPENDIX_PDF_NOT_PDF,
		    ap->file);
		break;
	case EXTPDF_DAMAGED:
		diag(d, p->path, ap->file_pos, D_APPENDIX_PDF_DAMAGED, ap->file,
		    why);
		break;
	case EXTPDF_PASSWORD:
		diag(d, p->path, ap->file_pos, D_APPENDIX_PDF_PASSWORD,
		    ap->file);
		break;
	case EXTPDF_ENCRYPTED:
		diag(d, p->path, ap->file_pos, D_APPENDIX_PDF_ENCRYPTED,
		    ap->file, ap->file);
		break;
	case EXTPDF_NO_PAGES:
		diag(d, p->path, ap->file_pos, D_APPENDIX_PDF_NO_PAGES,
		    ap->file);
		break;
	case EXTPDF_NO_LIBRARY:
		diag(d, p->path, ap->file_pos, D_APPENDIX_PDF_LIBRARY, ap->file,
		    why);
		break;
	case EXTPDF_TOO_MANY:
		diag(d, p->path, ap->file_pos, D_APPENDIX_PDF_TOO_MANY,
		    ap->file, EXTPDF_MAX_PAGES);
		break;
	}
}

/* Reads the file of each appendix that names one: a PDF file checked and
 * kept as it is (ap->pdf); a Markdown file as a document of its own (its
 * folder for images, its path in messages), into ap->doc. Front matter is
 * optional in an appendix file and its keys are not used; its YAML is
 * still checked. */
static void
read_appendices(struct paper *p, struct diags *d)
{
	for (size_t i = 0; i < p->meta.nappendices; i++) {
		struct appendix *ap = &p->meta.appendices[i];
		if (ap->path == NULL)
			continue;
		if (ap->is_pdf) {
			paper_read_pdf(p, ap, d);
			continue;
		}
		struct arena *a = p->arena;
		struct paper *doc = arena_alloc(a, sizeof(*doc));
		doc->arena = a;
		doc->path = ap->path;
		doc->dir = source_dir(a, ap->path);
		doc->src = arena_alloc(a, sizeof(*doc->src));
		doc->meta.public = ap->public;
		switch (source_read(a, d, doc->path, doc->src)) {
		case SOURCE_OK:
			break;
		case SOURCE_SYSTEM: {
			char eb[DIAG_ERRNO_MAX];
			diag(d, p->path, ap->pos, D_APPENDIX_UNREADABLE,
			    ap->file, diag_errno(errno, eb, sizeof eb));
			continue;
		}
		case SOURCE_BAD:
			continue;
		}
		source_split(doc->src, d, false);
		if (doc->src->has_front)
			(void)yaml_parse(a, d, doc->src, false);
		struct section *s = arena_alloc(a, sizeof(*s));
		s->heading = ap->title;
		s->pos = (struct pos){doc->src->body_line, 1};
		for (struct node *n = markdown_parse(doc, d, doc->src), *next;
		     n != NULL; n = next) {
			next = n->next;
			n->prev = s->last;
			n->next = NULL;
			if (s->last)
				s->last->next = n;
			else
				s->first = n;
			s->last = n;
		}
		doc->sections = s;
		doc->nsections = 1;
		structure_appendix(p, doc, d);
		ap->doc = doc;
	}
}

/* Makes the front matter's "template" key say id, adding the key when it
 * is absent (clerk build -t). A root that is not a mapping is left alone:
 * its error is enough. */
static void
set_template_key(struct arena *a, struct ynode *root, const char *id)
{
	if (root == NULL || root->type != Y_MAPPING)
		return;
	struct ynode *v = ymap_get(root, "template");
	if (v == NULL) {
		v = arena_alloc(a, sizeof(*v));
		v->key = "template";
		v->next = root->first;
		root->first = v;
		root->count++;
	}
	v->type = Y_SCALAR;
	v->pos = (struct pos){0, 0};
	v->str = arena_strdup(a, id);
	v->len = strlen(id);
	v->plain = true;
	v->null = false;
	v->first = NULL;
	v->count = 0;
}

struct paper *
paper_read(const char *path, const struct template_set *set, struct diags *d,
    bool *system_error)
{
	return paper_read_as(path, set, NULL, d, system_error);
}

struct paper *
paper_read_as(const char *path, const struct template_set *set,
    const char *template_id, struct diags *d, bool *system_error)
{
	struct arena *a;
	struct source *src = source_load(path, d, &a, system_error);
	if (src == NULL)
		return NULL;
	struct paper *p = arena_alloc(a, sizeof(*p));
	p->arena = a;
	p->path = src->path;
	p->dir = source_dir(a, p->path);
	p->src = src;

	if (p->src->has_front) {
		struct ynode *root = yaml_parse(a, d, p->src, false);
		if (template_id != NULL)
			set_template_key(a, root, template_id);
		frontmatter_read(p, d, root, set);
	} else {
		/* D_NO_FRONT_MATTER is recorded; a template is still named,
		 * for what follows, but the body is not checked against it. */
		p->meta.public = true;
		p->tpl = template_latest(set, KIND_REPORT);
		p->tpl_guessed = true;
		p->front_unread = true;
	}
	if (p->src->front_unclosed) {
		/* Where the body begins is unknown: checking it would only
		 * report sections missing. */
		p->front_unread = true;
		diag(d, p->path, pos_at(1, 1), D_BODY_NOT_CHECKED);
		return p;
	}
	if (p->front_unread)
		diag(d, p->path, body_pos(p->src), D_BODY_NOT_CHECKED);

	struct node *blocks = markdown_parse(p, d, p->src);
	bool guessed = p->tpl_guessed && !p->front_unread && p->tpl != NULL &&
	    p->tpl->kind == KIND_REPORT;
	if (guessed)
		guess_template(p, set, blocks);
	size_t errors = diags_errors(d);
	structure_build(p, d, blocks);
	if (guessed && diags_errors(d) > errors)
		/* Said once, for the messages that name the template. */
		diag(d, p->path, pos_at(p->src->front_end_line, 1),
		    D_TEMPLATE_GUESSED, p->tpl->id, p->tpl->id);
	read_appendices(p, d);
	/* Two digests: of everything (the full edition), and without the
	 * non-public appendices' files (the public edition, which nothing
	 * of theirs may change). */
	struct digest h, hp;
	digest_init(&h);
	digest_init(&hp);
	digest_add(&h, p->src->text, p->src->len);
	digest_add(&hp, p->src->text, p->src->len);
	for (size_t i = 0; i < p->meta.nappendices; i++) {
		const struct appendix *ap = &p->meta.appendices[i];
		const void *bytes = ap->doc != NULL ?
		    (const void *)ap->doc->src->text :
		    ap->pdf != NULL ? (const void *)ap->pdf->bytes :
		                      NULL;
		size_t len = ap->doc != NULL ? ap->doc->src->len :
		    ap->pdf != NULL          ? ap->pdf->len :
		                               0;
		if (bytes == NULL)
			continue;
		digest_add(&h, bytes, len);
		if (ap->public)
			digest_add(&hp, bytes, len);
	}
	digest_hex(&h, p->digest);
	digest_hex(&hp, p->digest_public);
	return p;
}

void
paper_free(struct paper *p)
{
	if (p != NULL)
		arena_free(p->arena);
}
