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

/* The paper that the line of item it carries: its own, but none for a
 * late item in the main plan (pack.h), which was published before its
 * paper; late: the supplement's, which carries it. */
static const struct paper *
carried(const struct agenda_item *it, bool late)
{
	return it->to_follow && !late ? NULL : it->paper;
}

/* Line e of item it at level; late: a late item carries its paper (the
 * supplement). */
static void
entry_of(const struct agenda *a, struct pack_entry *e,
    const struct agenda_item *it, int level, bool late)
{
	const struct paper *p = carried(it, late);
	memset(e, 0, sizeof *e);
	e->level = level;
	e->part = it->part;
	e->title = agenda_item_title(it);
	e->description = it->description;
	if (it->description == NULL && p != NULL)
		e->lead = minutes_lead(a, p);
	e->item = it;
	e->paper = p;
	e->appendix = -1;
	e->purpose = purpose_at(a, p);
	e->exclusion = it->exclusion;
	e->to_follow = it->to_follow && p == NULL;
	if (p != NULL && it->part == 2) {
		memcpy(e->exempt, p->meta.exempt, sizeof e->exempt);
		e->nexempt = p->meta.nexempt;
	}
	if (p != NULL && it->part == 1 && has_nonpublic_appendix(p))
		e->omit_nonpublic = true;
}

/* The lines routing the non-public appendices (with a file) of p, a
 * Part 1 paper: 0 for NULL. */
static size_t
count_routes(const struct paper *p)
{
	size_t n = 0;
	for (size_t j = 0; p != NULL && j < p->meta.nappendices; j++)
		if (!p->meta.appendices[j].public &&
		    appendix_has_file(&p->meta.appendices[j]))
			n++;
	return n;
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
			if (x->part == 1)
				n += count_routes(carried(x, false));
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
		entry_of(a, &es[(*ne)++], it, 0, false);
		if (it->exclusion)
			has_exclusion = true;
		for (size_t k = 0; k < it->nsubitems; k++)
			entry_of(a, &es[(*ne)++], &it->subitems[k], 1, false);
		if (it->part == 2) {
			bool doc = carried(it, false) != NULL;
			for (size_t k = 0; k < it->nsubitems; k++)
				doc = doc ||
				    carried(&it->subitems[k], false) != NULL;
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

/* The main plan of a into pk (pack.h). */
static void
plan_main(const struct agenda *a, struct pack *pk)
{
	struct arena *ar = a->arena;
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
}

/* Is main line e a late item's that links a paper (what a supplement
 * carries)? */
static bool
late_line(const struct pack_entry *e)
{
	return e->item != NULL && e->item->to_follow && e->item->link != NULL;
}

/* The supplement of main plan pk, made in its place (pack.h). Returns
 * false when d received an error (nothing to supplement). */
static bool
plan_supplement(const struct agenda *a, struct pack *pk, struct diags *d)
{
	struct arena *ar = a->arena;
	const struct pack_entry *lines = pk->entries;
	size_t nmain = pk->nentries, n = 0, nlate = 0, ready = 0;
	for (size_t i = 0; i < nmain; i++) {
		if (!late_line(&lines[i]))
			continue;
		nlate++;
		ready += lines[i].item->paper != NULL;
		n += 2 +
		    (lines[i].part == 1 ? count_routes(lines[i].item->paper) :
		                          0);
	}
	if (nlate == 0) {
		diag(d, a->path, pos_at(0, 0), D_SUPPLEMENT_NOTHING);
		return false;
	}
	if (ready == 0) {
		diag(d, a->path, pos_at(0, 0), D_SUPPLEMENT_NONE_READY, nlate);
		return false;
	}
	struct pack_entry *es = arena_alloc(ar, (n + 1) * sizeof *es);
	size_t ne = 0;
	int last = 0; /* the main plan's last item number */
	const struct pack_entry *item = NULL; /* the line of the item */
	bool item_in = false;                 /* and whether it is in */
	for (size_t i = 0; i < nmain; i++) {
		const struct pack_entry *e = &lines[i];
		if (e->level == 0) {
			last++;
			item = e;
			item_in = false;
		}
		if (!late_line(e))
			continue;
		if (e->level > 0 && item != NULL && !item_in) {
			/* the sub-item's item, by its title alone */
			struct pack_entry *x = &es[ne++];
			memset(x, 0, sizeof *x);
			x->number = item->number;
			x->part = item->part;
			x->title = item->title;
			x->item = item->item;
			x->appendix = -1;
		}
		item_in = true;
		struct pack_entry *x = &es[ne++];
		entry_of(a, x, e->item, e->level, true);
		x->number = e->number;
		if (x->paper == NULL) {
			x->to_follow = true;
			diag(d, a->path, e->item->pos,
			    D_SUPPLEMENT_STILL_TO_FOLLOW, e->item->link,
			    e->number);
		}
	}
	size_t part2 = ne;
	for (size_t i = 0; i < ne; i++)
		if (es[i].part == 2) {
			part2 = i;
			break;
		}
	/* the non-public appendices of late Part 1 papers, in Part 2 (which
	 * begins at part2 still), numbered on after the main agenda's last
	 * item */
	size_t nlines = ne;
	for (size_t i = 0; i < nlines; i++) {
		const struct pack_entry *src = &es[i];
		if (!src->omit_nonpublic)
			continue;
		const struct meta *m = &src->paper->meta;
		for (size_t j = 0; j < m->nappendices; j++)
			if (!m->appendices[j].public &&
			    appendix_has_file(&m->appendices[j])) {
				routed_line(ar, src, j, &es[ne]);
				es[ne++].number = arena_printf(ar, "%d",
				    ++last);
			}
	}
	pk->entries = es;
	pk->nentries = ne;
	pk->part2 = part2;
	pk->motion_unnumbered = false;
	note_routes(ar, pk);
	return true;
}

bool
pack_plan(const struct agenda *a, struct pack *pk, struct diags *d)
{
	return pack_plan_mode(a, PACK_MAIN, pk, d);
}

bool
pack_plan_mode(const struct agenda *a, enum pack_mode mode, struct pack *pk,
    struct diags *d)
{
	size_t errors = diags_errors(d);
	plan_main(a, pk);
	pk->mode = mode;
	if (mode == PACK_SUPPLEMENT && !plan_supplement(a, pk, d))
		return false;
	if (mode == PACK_AGENDA)
		for (size_t i = 0; i < pk->nentries; i++)
			pk->entries[i].listed = pk->entries[i].paper != NULL;
	return diags_errors(d) == errors;
}

bool
pack_holds(const struct pack_entry *e, enum pack_kind k)
{
	return e->paper != NULL && !e->listed &&
	    (k == PACK_FULL || e->part == 1);
}

int
pack_kinds(const struct pack *pk)
{
	return pk->mode == PACK_AGENDA ? 1 : 2;
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

const char *
pack_name(const struct pack *pk, enum pack_kind k)
{
	switch (pk->mode) {
	case PACK_SUPPLEMENT:
		return k == PACK_PUBLIC ? "-supplement-public" :
		                          "-supplement-full";
	case PACK_AGENDA:
		return "-agenda";
	case PACK_MAIN:
		break;
	}
	return pack_suffix(k);
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
