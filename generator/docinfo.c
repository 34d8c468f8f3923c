/* docinfo.c: the document info of a paper's edition and of a committee
 * pack (docinfo.h), from the model and the plan; no output library. */
#include "docinfo.h"

#include <stdio.h>
#include <string.h>

#include "agenda.h"
#include "arena.h"
#include "paper.h"
#include "source.h"
#include "template.h"
#include "text.h"

/* Joins n strings with sep, in the arena. */
static char *
join(struct arena *a, const char *const *v, size_t n, const char *sep)
{
	size_t len = 1, seplen = strlen(sep);
	for (size_t i = 0; i < n; i++)
		len += strlen(v[i]) + seplen;
	char *s = arena_alloc(a, len), *q = s;
	for (size_t i = 0; i < n; i++) {
		if (i > 0) {
			memcpy(q, sep, seplen);
			q += seplen;
		}
		size_t k = strlen(v[i]);
		memcpy(q, v[i], k);
		q += k;
	}
	*q = '\0';
	return s;
}

struct doc_info
paper_info(const struct paper *p, enum edition e)
{
	struct arena *a = p->arena;
	const struct meta *m = &p->meta;
	bool secret = e == EDITION_FULL && paper_has_nonpublic(p);
	struct doc_info info = {.path = p->path,
	    .digest = e == EDITION_FULL ? p->digest : p->digest_public};
	char date[24];
	info.title = m->subject;
	if (m->kind == KIND_MINUTES && m->ncommittees > 0) {
		date_long(m->committees[0].date, date);
		info.title = arena_printf(a, "Minutes of the %s, %s",
		    m->committees[0].name, date);
	}
	if (m->nreport_of > 0)
		info.author = join(a, m->report_of, m->nreport_of, "; ");
	else if (m->kind == KIND_MINUTES && m->ncommittees > 0)
		info.author = m->committees[0].name;

	const char **v = arena_alloc(a, (m->ncommittees + 2) * sizeof(*v));
	for (size_t i = 0; i < m->ncommittees; i++) {
		date_long(m->committees[i].date, date);
		v[i] = arena_printf(a, "%s, %s", m->committees[i].name, date);
	}
	if (m->ncommittees > 0)
		info.subject = join(a, v, m->ncommittees, "; ");
	if (secret)
		info.subject = info.subject != NULL ?
		    arena_printf(a, "%s; %s", info.subject,
		        DOC_NOT_FOR_PUBLICATION) :
		    DOC_NOT_FOR_PUBLICATION;
	const char **k = arena_alloc(a, (m->ncommittees + 4) * sizeof(*k));
	size_t n = 0;
	for (size_t i = 0; i < m->ncommittees; i++)
		k[n++] = m->committees[i].name;
	k[n++] = secret ? "Non-Public" : "Public";
	if (secret)
		k[n++] = DOC_NOT_FOR_PUBLICATION;
	if (m->reference != NULL)
		k[n++] = m->reference;
	info.keywords = join(a, k, n, "; ");
	info.salt = p->tpl != NULL ? p->tpl->id : "";
	info.creator = arena_printf(a, "clerk %s (template %s)", CLERK_VERSION,
	    p->tpl != NULL ? p->tpl->id : "none");
	if (m->ncommittees > 0) {
		info.year = m->committees[0].date.year;
		info.month = m->committees[0].date.month;
		info.day = m->committees[0].date.day;
	}
	return info;
}

/* The digest of the pack's inputs, for its /ID. */
static const char *
pack_digest(struct arena *ar, const struct pack *pk, enum pack_kind kind,
    bool duplex)
{
	struct digest h;
	digest_init(&h);
	const struct source *src = pk->agenda->src;
	if (src != NULL)
		digest_add(&h, src->text, src->len);
	for (size_t i = 0; i < pk->nentries; i++) {
		const struct pack_entry *e = &pk->entries[i];
		if (e->listed) {
			/* the agenda alone: what the line prints of its
			 * paper */
			char tag[64];
			int n = snprintf(tag, sizeof tag, "%d/%s",
			    (int)e->purpose, pack_paragraphs(ar, e));
			digest_add(&h, tag, (size_t)n);
			if (e->title != NULL)
				digest_add(&h, e->title, strlen(e->title));
			continue;
		}
		if (!pack_holds(e, kind))
			continue;
		/* a Part 1 paper is its public edition: nothing of its
		 * non-public appendices may change the public pack */
		const char *dg = e->part == 1 ? e->paper->digest_public :
		                                e->paper->digest;
		digest_add(&h, dg, strlen(dg));
		char tag[32];
		int n = snprintf(tag, sizeof tag, "%d/%d", e->appendix,
		    e->omit_nonpublic);
		digest_add(&h, tag, (size_t)n);
	}
	const char *k = pack_name(pk, kind);
	digest_add(&h, k, strlen(k));
	digest_add(&h, duplex ? "duplex" : "simplex", duplex ? 6 : 7);
	char *hex = arena_alloc(ar, 33);
	digest_hex(&h, hex);
	return hex;
}

struct doc_info
pack_info(struct arena *ar, const struct pack *pk, enum pack_kind kind,
    const struct template *t, bool duplex)
{
	const struct agenda *a = pk->agenda;
	char date[32] = "";
	if (a->has_date)
		date_long(a->date, date);
	bool secret = false;
	for (size_t i = pk->part2; i < pk->nentries; i++)
		secret = secret || pack_holds(&pk->entries[i], kind);
	const char *what = kind == PACK_PUBLIC ? "Public Document Pack" :
	                                         "Non-Public Document Pack";
	const char *contents = "Agenda and reports";
	if (pk->mode == PACK_SUPPLEMENT) {
		what = arena_printf(ar, "Supplementary Agenda, %s", what);
		contents = "Supplementary agenda and reports";
	} else if (pk->mode == PACK_AGENDA) {
		what = "Agenda";
		contents = "Agenda";
	}
	return (struct doc_info){
	    .path = a->path,
	    .title = arena_printf(ar, "%s, %s: %s", a->committee, date, what),
	    .author = a->has_signatory && a->signatory.title != NULL ?
	        a->signatory.title :
	        a->committee,
	    .subject = arena_printf(ar, "%s of the %s, %s%s", contents,
	        a->committee, date, secret ? "; " DOC_NOT_FOR_PUBLICATION : ""),
	    .keywords = arena_printf(ar, "%s; %s", a->committee,
	        kind == PACK_PUBLIC ? "Public" :
	            secret          ? "Non-Public; " DOC_NOT_FOR_PUBLICATION :
	                              "Non-Public"),
	    .creator = arena_printf(ar, "clerk %s (pack, template %s)",
	        CLERK_VERSION, t->id),
	    .year = a->date.year,
	    .month = a->date.month,
	    .day = a->date.day,
	    .digest = pack_digest(ar, pk, kind, duplex),
	    .salt = t->id,
	};
}
