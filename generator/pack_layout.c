/* pack_layout.c: the pack stage (pack_layout.h). The papers are laid out
 * in parallel with -j N, each job one paper (its own line and the lines of
 * its routed appendices) with its worker's measures; their pages are
 * numbered on from 1, the same in both packs; then each kind's agenda is
 * laid out knowing every page range, its documents numbered, and all
 * joined into one layout with bookmarks and document info. */
#include "pack_layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agenda.h"
#include "arena.h"
#include "cli.h"
#include "jobs.h"
#include "layout.h"
#include "template.h"

struct pack_stage {
	const struct pack *pk;    /* the plan, only read */
	const struct template *t; /* of the agendas */
	const struct metrics *m;  /* worker 0's, for t */
	bool duplex;
	bool apart;                 /* the kinds' numbers differ ({pages}):
					each kind numbers the documents
					and keeps a copy of their pages */
	struct layout **docs;       /* by line: its document, padded; NULL:
					none */
	int *first, *last;          /* by line: printed page numbers */
	int totals[2];              /* by kind: the pages it counts */
	bool numbered;              /* not apart: docs carry the numbers
					of both kinds */
	struct pack_pages pages[2]; /* by kind */
	struct arena *ar;           /* the stage's: kinds, joined layouts */
};

/* ---- laying the papers out --------------------------------------------- */

/* A paper to lay out, with the lines that carry its documents (its own
 * line, and lines for its routed appendices). */
struct job {
	const struct paper *paper;
	size_t *lines; /* indices in the plan */
	size_t nlines;
	struct diags *d; /* its messages */
	char *syserr;    /* a font could not be read: why (heap) */
};

/* What the workers share: the jobs, the stage and the measures. */
struct layouts {
	struct job *jobs;
	struct pack_stage *s;
	const struct pack_stage_options *o;
};

/* Lays out every document of job i, pages not yet numbered. */
static void
layout_one(void *ctx, size_t i, size_t worker)
{
	struct layouts *w = ctx;
	struct job *j = &w->jobs[i];
	const struct paper *p = j->paper;
	const char *why = NULL;
	const struct metrics *m = w->o->measure.metrics(w->o->measure.ctx,
	    worker, p->tpl, &why);
	if (m == NULL) {
		j->syserr = why != NULL ?
		    xstrdup(why) :
		    diag_string("clerk", D_FONTS_UNREADABLE);
		return;
	}
	for (size_t k = 0; k < j->nlines; k++) {
		const struct pack_entry *e = &w->s->pk->entries[j->lines[k]];
		/* A Part 1 paper as its public edition (its non-public
		 * appendices in Part 2); Part 2 documents whole, their
		 * pages marked (the full pack only holds them). */
		struct layout_options o = {
		    .edition = e->part == 1 ? EDITION_PUBLIC : EDITION_FULL,
		    .routed = true,
		    .appendix = e->appendix,
		    .exempt = e->exempt,
		    .nexempt = e->nexempt,
		    .defer_numbers = true,
		};
		w->s->docs[j->lines[k]] = layout_paper_with(p, m, j->d, &o);
	}
}

static void
layout_progress(void *ctx, size_t i, size_t done, size_t n)
{
	struct layouts *w = ctx;
	(void)i;
	if (w->o->progress != NULL)
		w->o->progress(w->o->progress_ctx, done, n);
}

/* Whether two templates set text alike (the pack's PDF embeds one set
 * of fonts and has one page size). */
static bool
same_fonts(const struct template *a, const struct template *b)
{
	const struct tpl_font *fa[3] = {&a->font, &a->mono, &a->fallback};
	const struct tpl_font *fb[3] = {&b->font, &b->mono, &b->fallback};
	for (size_t i = 0; i < 3; i++) {
		const char *x[4] = {fa[i]->regular, fa[i]->bold, fa[i]->italic,
		    fa[i]->bold_italic};
		const char *y[4] = {fb[i]->regular, fb[i]->bold, fb[i]->italic,
		    fb[i]->bold_italic};
		for (size_t k = 0; k < 4; k++)
			if ((x[k] == NULL) != (y[k] == NULL) ||
			    (x[k] != NULL && strcmp(x[k], y[k]) != 0))
				return false;
	}
	return a->page_width == b->page_width &&
	    a->page_height == b->page_height;
}

/* One job per paper set like the agenda (a paper set otherwise is
 * reported); *njob of them, in the stage's arena. */
static struct job *
make_jobs(struct pack_stage *s, struct diags *d, size_t *njob)
{
	const struct pack *pk = s->pk;
	struct job *jobs = arena_alloc(s->ar,
	    (pk->nentries + 1) * sizeof *jobs);
	size_t n = 0;
	for (size_t i = 0; i < pk->nentries; i++) {
		const struct pack_entry *e = &pk->entries[i];
		if (!pack_holds(e, PACK_FULL))
			continue; /* no document, or only listed */
		if (!same_fonts(e->paper->tpl, s->t)) {
			diag(d, e->paper->path, pos_at(0, 0), D_PACK_TEMPLATE,
			    e->paper->tpl->id, s->t->id);
			continue;
		}
		struct job *j = NULL;
		for (size_t k = 0; k < n; k++)
			if (jobs[k].paper == e->paper)
				j = &jobs[k];
		if (j == NULL) {
			j = &jobs[n++];
			memset(j, 0, sizeof *j);
			j->paper = e->paper;
			j->lines = arena_alloc(s->ar,
			    (pk->nentries + 1) * sizeof *j->lines);
		}
		j->lines[j->nlines++] = i;
	}
	*njob = n;
	return jobs;
}

/* Lays out the documents of every job, in parallel; their messages go to
 * d in the order of the jobs. Returns EXIT_OK, or EXIT_SYSTEM when a font
 * could not be read (said once, on stderr). */
static int
run_jobs(struct pack_stage *s, struct job *jobs, size_t njob,
    const struct pack_stage_options *o, struct diags *d)
{
	for (size_t i = 0; i < njob; i++)
		jobs[i].d = diags_new();
	struct layouts w = {.jobs = jobs, .s = s, .o = o};
	jobs_run(njob, o->njobs, layout_one, layout_progress, &w);
	for (size_t i = 0; i < njob; i++) {
		diags_move(d, jobs[i].d);
		diags_free(jobs[i].d);
	}
	/* A font that cannot be read: said once, a system error. */
	const char *syserr = NULL;
	for (size_t i = 0; i < njob; i++) {
		if (jobs[i].syserr != NULL && syserr == NULL)
			fprintf(stderr, "%s\n", syserr = jobs[i].syserr);
	}
	for (size_t i = 0; i < njob; i++)
		free(jobs[i].syserr);
	return syserr != NULL ? EXIT_SYSTEM : EXIT_OK;
}

/* ---- numbering --------------------------------------------------------- */

/* Gives each document its page numbers, from 1, Part 1 first (the same
 * in both packs), padding it to an even count for duplex, and each kind
 * its total. Returns false when d received an error (too many pages). */
static bool
paginate(struct pack_stage *s, struct diags *d)
{
	const struct pack *pk = s->pk;
	int page = 1;
	for (size_t i = 0; i < pk->nentries; i++) {
		struct layout *l = s->docs[i];
		if (l == NULL)
			continue;
		s->first[i] = page;
		s->last[i] = page + (int)l->npages - 1;
		if (s->duplex && l->npages % 2 == 1)
			layout_pad(l, s->m, d);
		page += (int)l->npages;
	}
	int total_full = page - 1, total_public = 0;
	if (total_full > CLERK_MAX_PACK_PAGES) {
		diag(d, pk->agenda->path, pos_at(0, 0), D_PACK_TOO_MANY_PAGES,
		    total_full, CLERK_MAX_PACK_PAGES);
		return false;
	}
	for (size_t i = 0; i < pk->nentries; i++)
		if (pack_holds(&pk->entries[i], PACK_PUBLIC) &&
		    s->docs[i] != NULL)
			total_public = s->first[i] - 1 +
			    (int)s->docs[i]->npages;
	s->totals[PACK_PUBLIC] = total_public;
	s->totals[PACK_FULL] = total_full;
	return true;
}

/* Whether a template of the pack prints the number of pages ({pages}),
 * which differs between the packs. */
static bool
counts_pages(const struct pack *pk, const struct template *t)
{
	if (template_text_uses(t->header, "pages") ||
	    template_text_uses(t->footer, "pages"))
		return true;
	for (size_t i = 0; i < pk->nentries; i++) {
		const struct paper *p = pk->entries[i].paper;
		if (p != NULL &&
		    (template_text_uses(p->tpl->header, "pages") ||
		        template_text_uses(p->tpl->footer, "pages")))
			return true;
	}
	return false;
}

/* Numbers the pages of the documents pack kind holds, on from their
 * first page, of total, each first page stamped "Agenda Item N". */
static void
number_pages(struct pack_stage *s, enum pack_kind kind, struct diags *d,
    int total)
{
	const struct pack *pk = s->pk;
	for (size_t i = 0; i < pk->nentries; i++) {
		const struct pack_entry *e = &pk->entries[i];
		if (pack_holds(e, kind) && s->docs[i] != NULL)
			layout_number(s->docs[i], s->m, d, s->first[i], total,
			    arena_printf(s->ar, "Agenda Item %s", e->number));
	}
}

/* A copy of l's pages and their boxes, which numbering l again leaves as
 * they are, in ar. */
static struct layout *
keep_pages(struct arena *ar, const struct layout *l)
{
	struct layout *c = arena_alloc(ar, sizeof *c);
	*c = *l;
	c->engine = NULL;
	c->pages = arena_alloc(ar, (l->npages + 1) * sizeof *c->pages);
	for (size_t i = 0; i < l->npages; i++) {
		const struct lpage *pg = &l->pages[i];
		c->pages[i] = *pg;
		c->pages[i].boxes = arena_alloc(ar,
		    (pg->nboxes + 1) * sizeof *pg->boxes);
		memcpy(c->pages[i].boxes, pg->boxes,
		    pg->nboxes * sizeof *pg->boxes);
		c->pages[i].cap = pg->nboxes;
	}
	return c;
}

/* Kind k's documents, numbered for it: the shared layouts, numbered once
 * for both kinds when the numbers are alike; else numbered for k and
 * copied. */
static void
number_kind(struct pack_stage *s, struct pack_pages *pp, struct diags *d)
{
	const struct pack *pk = s->pk;
	if (!s->apart && !s->numbered) {
		number_pages(s, PACK_FULL, d, s->totals[PACK_FULL]);
		s->numbered = true;
	} else if (s->apart) {
		number_pages(s, pp->kind, d, pp->total);
	}
	for (size_t i = 0; i < pk->nentries; i++) {
		struct pack_line *x = &pp->lines[i];
		x->first_page = s->first[i];
		x->last_page = s->last[i];
		x->doc = NULL;
		if (pack_holds(&pk->entries[i], pp->kind) && s->docs[i] != NULL)
			x->doc = s->apart ? keep_pages(s->ar, s->docs[i]) :
			                    s->docs[i];
	}
}

/* ---- the stage --------------------------------------------------------- */

void
pack_stage_free(struct pack_stage *s)
{
	if (s == NULL)
		return;
	arena_free(s->ar);
	free(s);
}

struct pack_stage *
pack_stage_new(const struct pack *pk, const struct template_set *set,
    const struct pack_stage_options *o, struct diags *d, int *status)
{
	const struct agenda *a = pk->agenda;
	const struct template *t = pack_template(a, set);
	if (t == NULL) {
		diag_print(stderr, a->path, D_PACK_NO_TEMPLATE);
		*status = EXIT_SYSTEM;
		return NULL;
	}
	struct pack_stage *s = xcalloc(1, sizeof *s);
	s->ar = arena_new();
	s->pk = pk;
	s->t = t;
	s->duplex = o->duplex;
	size_t n = pk->nentries + 1;
	s->docs = arena_alloc(s->ar, n * sizeof *s->docs);
	s->first = arena_alloc(s->ar, n * sizeof *s->first);
	s->last = arena_alloc(s->ar, n * sizeof *s->last);
	for (int k = 0; k < 2; k++) {
		s->pages[k].kind = (enum pack_kind)k;
		s->pages[k].lines = arena_alloc(s->ar,
		    n * sizeof *s->pages[k].lines);
	}

	size_t njob;
	struct job *jobs = make_jobs(s, d, &njob);
	*status = EXIT_INPUT;
	if (diags_errors(d) > 0)
		goto fail;
	if ((*status = run_jobs(s, jobs, njob, o, d)) != EXIT_OK)
		goto fail;
	for (size_t i = 0; i < pk->nentries; i++)
		if (pack_holds(&pk->entries[i], PACK_FULL) &&
		    s->docs[i] == NULL && diags_errors(d) == 0)
			diag(d, pk->entries[i].paper->path, pos_at(0, 0),
			    D_PACK_NOT_LAID_OUT);
	*status = EXIT_INPUT;
	if (diags_errors(d) > 0)
		goto fail;

	const char *why = NULL;
	s->m = o->measure.metrics(o->measure.ctx, 0, t, &why);
	if (s->m == NULL) {
		if (why != NULL)
			fprintf(stderr, "%s\n", why);
		else
			diag_print(stderr, "clerk", D_FONTS_UNREADABLE);
		*status = EXIT_SYSTEM;
		goto fail;
	}
	if (!paginate(s, d))
		goto fail;
	s->apart = counts_pages(pk, t);
	for (int k = 0; k < 2; k++)
		s->pages[k].total = s->totals[k];
	*status = EXIT_OK;
	return s;
fail:
	pack_stage_free(s);
	return NULL;
}

/* The pack's bookmarks: the front sheet and agenda, then one per line
 * (sub-items below their item), each document's own below its line. */
static void
pack_outline(struct arena *ar, struct layout *joined, const struct pack *pk,
    const struct pack_pages *pp, size_t agenda_pages)
{
	size_t n = 1;
	for (size_t i = 0; i < pk->nentries; i++) {
		n++;
		if (pp->lines[i].doc != NULL)
			n += pp->lines[i].doc->noutline;
	}
	struct outline_entry *o = arena_alloc(ar, n * sizeof *o);
	size_t k = 0;
	o[k++] = (struct outline_entry){0, "Front Sheet and Agenda", 0,
	    joined->height};
	for (size_t i = 0; i < pk->nentries; i++) {
		const struct pack_entry *e = &pk->entries[i];
		const struct pack_line *ln = &pp->lines[i];
		bool held = ln->doc != NULL;
		const char *title = e->title != NULL ? e->title : "";
		struct outline_entry *x = &o[k++];
		x->level = e->level;
		x->title = arena_printf(ar, "%s. %s", e->number, title);
		if (held) {
			x->page = (int)agenda_pages + ln->first_page - 1;
			x->y = joined->height;
		} else {
			x->page = ln->agenda_page;
			x->y = ln->agenda_y;
		}
		if (!held)
			continue;
		for (size_t s = 0; s < ln->doc->noutline; s++) {
			struct outline_entry *y = &o[k++];
			*y = ln->doc->outline[s];
			y->level += e->level + 1;
			y->page += x->page;
		}
	}
	joined->outline = o;
	joined->noutline = k;
}

bool
pack_stage_kind(struct pack_stage *s, enum pack_kind k, struct pack_doc *out,
    struct diags *d)
{
	const struct pack *pk = s->pk;
	struct pack_pages *pp = &s->pages[k];
	number_kind(s, pp, d);
	struct layout *ag = layout_agenda(pk, pp, s->t, s->m, d);
	if (ag == NULL)
		return false;
	if (s->duplex && ag->npages % 2 == 1)
		layout_pad(ag, s->m, d);
	for (size_t i = 0; i < ag->npages; i++)
		ag->pages[i].dest_base = (int)ag->npages;
	pp->agenda = ag;

	struct layout **parts = arena_alloc(s->ar,
	    (pk->nentries + 1) * sizeof *parts);
	struct page_label *labels = arena_alloc(s->ar,
	    (pk->nentries + 1) * sizeof *labels);
	size_t n = 0;
	parts[n] = ag;
	labels[n++] = (struct page_label){0, LABEL_ROMAN, 1};
	for (size_t i = 0; i < pk->nentries; i++) {
		if (pp->lines[i].doc == NULL)
			continue;
		parts[n] = pp->lines[i].doc;
		labels[n++] = (struct page_label){0, LABEL_DECIMAL,
		    pp->lines[i].first_page};
	}
	out->joined = layout_join(s->ar, parts, n, labels);
	pack_outline(s->ar, out->joined, pk, pp, ag->npages);
	out->info = pack_info(s->ar, pk, k, s->t, s->duplex);
	return true;
}

const struct pack_pages *
pack_stage_pages(const struct pack_stage *s, enum pack_kind k)
{
	return &s->pages[k];
}
