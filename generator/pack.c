/* pack.c: the plan of a committee pack (pack.h): the agenda's lines in
 * order, non-public appendices of Part 1 papers routed to items added to
 * Part 2, and the numbers, notes and paragraphs the back ends print. */
#include <stdint.h>
#include <string.h>

#include "agenda.h"
#include "arena.h"
#include "pack.h"
#include "template.h"
#include "text.h"

/* The paper's purpose at this committee: the purpose of the committee it
 * names that matches the agenda's (by name), else its first. */
static enum purpose
purpose_at(const struct agenda *a, const struct paper *p)
{
	if (p == NULL || p->meta.ncommittees == 0)
		return PURPOSE_NONE;
	for (size_t i = 0; i < p->meta.ncommittees; i++)
		if (a->committee != NULL &&
		    name_equal(p->meta.committees[i].name, a->committee))
			return p->meta.committees[i].purpose;
	return p->meta.committees[0].purpose;
}

/* Whether p has a non-public appendix (listed, or with a file that
 * goes to Part 2). */
static bool
has_nonpublic_appendix(const struct paper *p)
{
	for (size_t i = 0; p != NULL && i < p->meta.nappendices; i++)
		if (!p->meta.appendices[i].public)
			return true;
	return false;
}

/* clerk's description of an item linking minutes p that the agenda does
 * not describe: which meeting's minutes they are (pack.h). */
static const char *
minutes_lead(const struct agenda *a, const struct paper *p)
{
	const struct meta *m = &p->meta;
	if (m->kind != KIND_MINUTES || m->ncommittees == 0)
		return NULL;
	const struct committee *c = &m->committees[0];
	char held[32];
	date_long(c->date, held);
	const char *which = m->public ? "public" : "non-public";
	if (c->name != NULL && a->committee != NULL &&
	    !name_equal(c->name, a->committee))
		return arena_printf(a->arena,
		    "To note the %s minutes of the "
		    "meeting of the %s held on %s.",
		    which, c->name, held);
	return arena_printf(a->arena,
	    "To agree the %s minutes of the "
	    "meeting held on %s.",
	    which, held);
}

static void
entry_of(const struct agenda *a, struct pack_entry *e,
    const struct agenda_item *it, int level)
{
	memset(e, 0, sizeof *e);
	e->level = level;
	e->part = it->part;
	e->title = agenda_item_title(it);
	e->description = it->description;
	if (it->description == NULL && it->paper != NULL)
		e->lead = minutes_lead(a, it->paper);
	e->item = it;
	e->paper = it->paper;
	e->appendix = -1;
	e->purpose = purpose_at(a, it->paper);
	e->exclusion = it->exclusion;
	if (it->paper != NULL && it->part == 2) {
		memcpy(e->exempt, it->paper->meta.exempt, sizeof e->exempt);
		e->nexempt = it->paper->meta.nexempt;
	}
	if (it->paper != NULL && it->part == 1 &&
	    has_nonpublic_appendix(it->paper))
		e->omit_nonpublic = true;
}

/* The lines of the plan of a: every item and sub-item, plus one per
 * routed appendix. */
static size_t
count_lines(const struct agenda *a)
{
	size_t n = 0;
	for (size_t i = 0; i < a->nitems; i++) {
		const struct agenda_item *it = &a->items[i];
		n += 1 + it->nsubitems;
		for (size_t k = 0; k <= it->nsubitems; k++) {
			const struct agenda_item *x = k == 0 ?
			    it :
			    &it->subitems[k - 1];
			if (x->part != 1 || x->paper == NULL)
				continue;
			const struct meta *m = &x->paper->meta;
			for (size_t j = 0; j < m->nappendices; j++)
				if (!m->appendices[j].public &&
				    appendix_has_file(&m->appendices[j]))
					n++;
		}
	}
	return n;
}

/* The agenda's lines, in order, into es (*ne of them); *last_doc2: the
 * index after the last Part 2 line with a paper (SIZE_MAX: none). Returns
 * whether an item holds the motion. */
static bool
agenda_lines(const struct agenda *a, struct pack_entry *es, size_t *ne,
    size_t *last_doc2)
{
	bool has_exclusion = false;
	*last_doc2 = SIZE_MAX;
	for (size_t i = 0; i < a->nitems; i++) {
		const struct agenda_item *it = &a->items[i];
		entry_of(a, &es[(*ne)++], it, 0);
		if (it->exclusion)
			has_exclusion = true;
		for (size_t k = 0; k < it->nsubitems; k++)
			entry_of(a, &es[(*ne)++], &it->subitems[k], 1);
		if (it->part == 2) {
			bool doc = it->paper != NULL;
			for (size_t k = 0; k < it->nsubitems; k++)
				doc = doc || it->subitems[k].paper != NULL;
			if (doc)
				*last_doc2 = *ne;
		}
	}
	return has_exclusion;
}

/* The line carrying appendix j of src's paper in Part 2, into e. */
static void
routed_line(struct arena *ar, const struct pack_entry *src, size_t j,
    struct pack_entry *e)
{
	const struct paper *p = src->paper;
	const struct appendix *ap = &p->meta.appendices[j];
	memset(e, 0, sizeof *e);
	e->part = 2;
	e->paper = p;
	e->appendix = (int)j;
	e->purpose = src->purpose;
	e->title = arena_printf(ar, "%s \xe2\x80\x93 Non-Public Appendix %zu",
	    src->title != NULL ? src->title : "", j + 1);
	/* a public paper's entry names them (the paper was read without
	 * errors) */
	size_t nx;
	const int *x = appendix_exempt(p, ap, &nx);
	memcpy(e->exempt, x, nx * sizeof *x);
	e->nexempt = nx;
}

/* The routed appendices of the lines before at, nroutes of them, inserted
 * at at in es (ne lines) in order. */
static void
route_appendices(struct arena *ar, struct pack_entry *es, size_t ne, size_t at,
    size_t nroutes)
{
	memmove(&es[at + nroutes], &es[at], (ne - at) * sizeof *es);
	size_t r = at;
	for (size_t i = 0; i < at; i++) {
		const struct pack_entry *src = &es[i];
		if (!src->omit_nonpublic)
			continue;
		const struct paper *p = src->paper;
		for (size_t j = 0; j < p->meta.nappendices; j++) {
			const struct appendix *ap = &p->meta.appendices[j];
			if (!ap->public && appendix_has_file(ap))
				routed_line(ar, src, j, &es[r++]);
		}
	}
}

/* Numbers the lines: 1, 2, 3 ... and 4a, 4b ... */
static void
number_lines(struct arena *ar, struct pack_entry *es, size_t ne)
{
	int num = 0, sub = 0;
	for (size_t i = 0; i < ne; i++) {
		struct pack_entry *e = &es[i];
		if (e->level == 0) {
			num++;
			sub = 0;
			e->number = arena_printf(ar, "%d", num);
		} else {
			e->number = arena_printf(ar, "%d%c", num,
			    sub < 26 ? 'a' + sub : 'z');
			sub++;
		}
	}
}

/* The notes between each Part 1 paper and its routed appendices. */
static void
note_routes(struct arena *ar, struct pack *pk)
{
	struct pack_entry *es = pk->entries;
	for (size_t i = 0; i < pk->part2; i++) {
		struct pack_entry *src = &es[i];
		if (!src->omit_nonpublic)
			continue;
		const char *nums = NULL, *last = NULL;
		size_t count = 0;
		for (size_t k = pk->part2; k < pk->nentries; k++) {
			struct pack_entry *e = &es[k];
			if (e->appendix < 0 || e->paper != src->paper)
				continue;
			e->note = arena_printf(ar,
			    "To be read in conjunction "
			    "with Item %s.",
			    src->number);
			if (last != NULL)
				nums = nums == NULL ?
				    last :
				    arena_printf(ar, "%s, %s", nums, last);
			last = e->number;
			count++;
		}
		if (count == 1)
			src->note = arena_printf(ar,
			    "NB \xe2\x80\x93 To be "
			    "read in conjunction with the non-public appendix "
			    "at Item %s.",
			    last);
		else if (count > 1)
			src->note = arena_printf(ar,
			    "NB \xe2\x80\x93 To be "
			    "read in conjunction with the non-public appendices "
			    "at Items %s and %s.",
			    nums, last);
	}
}

bool
pack_plan(const struct agenda *a, struct pack *pk, struct diags *d)
{
	struct arena *ar = a->arena;
	size_t errors = diags_errors(d);
	memset(pk, 0, sizeof *pk);
	pk->agenda = a;

	size_t n = count_lines(a);
	struct pack_entry *es = arena_alloc(ar, (n + 1) * sizeof *es);
	size_t ne = 0, last_doc2;
	bool has_exclusion = agenda_lines(a, es, &ne, &last_doc2);
	size_t part2 = ne;
	for (size_t i = 0; i < ne; i++)
		if (es[i].part == 2) {
			part2 = i;
			break;
		}
	if (last_doc2 == SIZE_MAX)
		last_doc2 = part2;

	/* The routed appendices, inserted at last_doc2 in order. */
	size_t nroutes = n - ne;
	if (nroutes > 0) {
		route_appendices(ar, es, ne, last_doc2, nroutes);
		if (part2 == ne)
			part2 = last_doc2; /* Part 2 is made of them */
		ne += nroutes;
	}
	pk->entries = es;
	pk->nentries = ne;
	pk->part2 = part2;
	pk->motion_unnumbered = part2 < ne && !has_exclusion;
	number_lines(ar, es, ne);
	note_routes(ar, pk);
	return diags_errors(d) == errors;
}

bool
pack_holds(const struct pack_entry *e, enum pack_kind k)
{
	return e->paper != NULL && (k == PACK_FULL || e->part == 1);
}

const char *
pack_paragraphs(struct arena *a, const struct pack_entry *e)
{
	char buf[64];
	size_t n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < e->nexempt && i < 7; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%d",
		    i > 0 ? ", " : "", e->exempt[i]);
	return arena_strdup(a, buf);
}

const char *
pack_suffix(enum pack_kind k)
{
	return k == PACK_PUBLIC ? "-public" : "-full";
}

const struct template *
pack_template(const struct agenda *a, const struct template_set *set)
{
	bool nearest;
	const struct template *t = a->has_date ?
	    template_select(set, KIND_REPORT, a->date, &nearest) :
	    NULL;
	return t != NULL ? t : template_latest(set, KIND_REPORT);
}
