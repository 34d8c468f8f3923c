/* akn_pack.c: a committee pack as one Akoma Ntoso documentCollection
 * (akn_write_pack; the mapping is in akn.h): the agenda as <doc
 * name="agenda">, then each document the pack holds as a component, a
 * paper as akn_write.c writes it (its eIds after "cmp_<item>__", so that
 * they are unique in the collection), and each routed appendix carried on
 * a line of its own. Written from the plan (pack.h), which it only reads,
 * with the writer akn_write.c shares (akn-int.h). */
#include "akn-int.h"

#include <libxml/tree.h>
#include <stdio.h>
#include <string.h>

#include "agenda.h"
#include "arena.h"
#include "extpdf.h"
#include "pack.h"
#include "source.h"
#include "text.h"

/* The eIds that the agenda's preface refers to (NULL: not given). */
struct agenda_ids {
	const char *committee, *venue, *signatory, *role;
};

/* <p class="cls">text</p> (cls and text may be NULL), the last child of
 * parent. */
static xmlNodePtr
add_para(struct writer *w, xmlNodePtr parent, const char *cls, const char *text,
    struct pos pos)
{
	xmlNodePtr p = add_mixed(w, parent, "p");
	if (cls != NULL)
		set(w, p, "class", cls, nowhere);
	if (text != NULL)
		add_text(w, p, text, pos);
	return p;
}

/* <container name="name"> with a <p> per text, when there are texts. */
static void
add_container(struct writer *w, xmlNodePtr parent, const char *name,
    const char *const *texts, size_t n, struct pos pos)
{
	if (n == 0)
		return;
	xmlNodePtr c = add(w, parent, "container");
	set(w, c, "name", name, nowhere);
	for (size_t i = 0; i < n; i++)
		add_para(w, c, NULL, texts[i], pos);
}

/* The agenda's work address: /akn/gb/doc/agenda/<committee>/<date>, and
 * "/supplement" after it for the supplementary agenda. */
static const char *
agenda_work(struct writer *w, const struct pack *pk)
{
	const struct agenda *a = pk->agenda;
	return arena_printf(w->a, "/akn/gb/doc/agenda/%s/%s%s",
	    slug(w, a->committee, "committee"),
	    a->has_date ? iso(w, a->date) : "0001-01-01",
	    pk->mode == PACK_SUPPLEMENT ? "/supplement" : "");
}

/* The agenda's references, not yet in the tree: the committee, the venue,
 * the signatory and their title, and clerk. */
static xmlNodePtr
agenda_references(struct writer *w, const struct agenda *a,
    struct agenda_ids *ids)
{
	const struct source *src = a->src;
	xmlNodePtr refs = begin_references(w);
	ids->committee = write_tlc(w, refs, "TLCOrganization", "organization",
	    a->committee != NULL ? a->committee : "", "committee",
	    key_pos(src, NULL, "committee"));
	if (a->venue != NULL)
		ids->venue = write_tlc(w, refs, "TLCLocation", "location",
		    a->venue, "venue", key_pos(src, NULL, "venue"));
	if (a->has_signatory && a->signatory.name != NULL)
		ids->signatory = write_tlc(w, refs, "TLCPerson", "person",
		    a->signatory.name, "signatory",
		    key_pos(src, "signatory", "name"));
	if (a->has_signatory && a->signatory.title != NULL)
		ids->role = write_tlc(w, refs, "TLCRole", "role",
		    a->signatory.title, "signatory-title",
		    key_pos(src, "signatory", "title"));
	end_references(w, refs);
	return refs;
}

/* The agenda's front sheet: its title, the committee, date, time and
 * venue, then containers for the members, enquiries, signatory and
 * notes. */
static void
agenda_preface(struct writer *w, xmlNodePtr doc, const struct pack *pk,
    const struct agenda_ids *ids)
{
	const struct agenda *a = pk->agenda;
	const struct source *src = a->src;
	xmlNodePtr pre = add(w, doc, "preface");
	add_text(w, add_mixed(w, add_mixed(w, pre, "p"), "docTitle"),
	    pk->mode == PACK_SUPPLEMENT ? "Supplementary Agenda" : "Agenda",
	    nowhere);
	xmlNodePtr p = add_para(w, pre, "committee", NULL, nowhere);
	xmlNodePtr x = add_mixed(w, p, "docCommittee");
	set(w, x, "refersTo", ref_to(w, ids->committee), nowhere);
	add_text(w, x, a->committee, key_pos(src, NULL, "committee"));
	if (a->has_date) {
		char when[24];
		date_long(a->date, when);
		p = add_para(w, pre, "date", "Date: ", nowhere);
		x = add_mixed(w, p, "docDate");
		set(w, x, "date", iso(w, a->date), nowhere);
		add_text(w, x,
		    arena_printf(w->a, "%s %s", date_weekday(a->date), when),
		    nowhere);
	}
	if (a->time != NULL) {
		p = add_para(w, pre, "time", "Time: ", nowhere);
		add_text(w, p, a->time, key_pos(src, NULL, "time"));
	}
	if (a->venue != NULL) {
		p = add_para(w, pre, "venue", "Venue: ", nowhere);
		x = add_mixed(w, p, "location");
		set(w, x, "refersTo", ref_to(w, ids->venue), nowhere);
		add_text(w, x, a->venue, key_pos(src, NULL, "venue"));
	}
	add_container(w, pre, "members", a->members, a->nmembers,
	    key_pos(src, NULL, "members"));
	if (a->has_enquiries) {
		const struct agenda_enquiries *e = &a->enquiries;
		const char *const v[] = {e->name, e->phone, e->email};
		static const char *const key[] = {"name", "phone", "email"};
		xmlNodePtr c = NULL;
		for (size_t i = 0; i < 3; i++) {
			if (v[i] == NULL)
				continue;
			if (c == NULL) {
				c = add(w, pre, "container");
				set(w, c, "name", "enquiries", nowhere);
			}
			add_para(w, c, key[i], v[i],
			    key_pos(src, "enquiries", key[i]));
		}
	}
	if (ids->signatory != NULL || ids->role != NULL) {
		xmlNodePtr c = add(w, pre, "container");
		set(w, c, "name", "signatory", nowhere);
		xmlNodePtr sig = add_mixed(w,
		    add_para(w, c, NULL, NULL, nowhere), "signature");
		if (ids->signatory != NULL) {
			x = add_mixed(w, sig, "person");
			set(w, x, "refersTo", ref_to(w, ids->signatory),
			    nowhere);
			add_text(w, x, a->signatory.name,
			    key_pos(src, "signatory", "name"));
		}
		if (ids->signatory != NULL && ids->role != NULL)
			add_text(w, sig, ", ", nowhere);
		if (ids->role != NULL) {
			x = add_mixed(w, sig, "role");
			set(w, x, "refersTo", ref_to(w, ids->role), nowhere);
			add_text(w, x, a->signatory.title,
			    key_pos(src, "signatory", "title"));
		}
	}
	add_container(w, pre, "notes", a->notes, a->nnotes,
	    key_pos(src, NULL, "notes"));
}

/* The motion to exclude the public, into parent: the exclusion item's
 * own blocks, or clerk's words (PACK_MOTION); then the table of each
 * Part 2 line with a document and its paragraphs of Schedule 12A ("–"
 * for none), headed "Item No." and "Paragraph No." as in the PDF. */
static void
write_motion(struct writer *w, xmlNodePtr parent, const struct pack *pk,
    const struct node *own)
{
	if (own != NULL)
		write_blocks(w, parent, own, false);
	else
		add_para(w, parent, "motion", PACK_MOTION, nowhere);
	xmlNodePtr table = add(w, parent, "table");
	set(w, table, "class", "exempt-paragraphs", nowhere);
	xmlNodePtr tr = add(w, table, "tr");
	add_para(w, add(w, tr, "th"), NULL, "Item No.", nowhere);
	add_para(w, add(w, tr, "th"), NULL, "Paragraph No.", nowhere);
	for (size_t i = pk->part2; i < pk->nentries; i++) {
		const struct pack_entry *e = &pk->entries[i];
		if (e->paper == NULL)
			continue;
		const char *pars = pack_paragraphs(w->a, e);
		tr = add(w, table, "tr");
		add_para(w, add(w, tr, "td"), NULL, e->number, nowhere);
		add_para(w, add(w, tr, "td"), NULL,
		    *pars != '\0' ? pars : "\xe2\x80\x93", nowhere);
	}
}

/* The eId of the component that carries line e's document. */
static const char *
component_id(struct writer *w, const struct pack_entry *e)
{
	return arena_printf(w->a, "cmp_%s", e->number);
}

/* Line i of the pack as an <hcontainer name="item"> (a sub-item: name
 * "subitem") of the agenda in parent, with the sub-items after it inside
 * it: num, heading (the title), then in <intro> (<content> when nothing
 * follows) its description (or clerk's), clerk's note, purpose, and, on
 * a Part 2 line with a document, "Non-public" with its paragraphs; the
 * motion's item has the motion. A document pack k holds is linked by a
 * <componentRef> to its component. Returns the index of the line after it
 * and its sub-items. */
static size_t
write_line(struct writer *w, xmlNodePtr parent, const struct pack *pk, size_t i,
    enum pack_kind k)
{
	const struct pack_entry *e = &pk->entries[i];
	size_t end = i + 1;
	if (e->level == 0)
		while (end < pk->nentries && pk->entries[end].level > 0)
			end++;
	xmlNodePtr x = add(w, parent, "hcontainer");
	set(w, x, "name", e->level > 0 ? "subitem" : "item", nowhere);
	set(w, x, "eId", eid(w, arena_printf(w->a, "item_%s", e->number)),
	    nowhere);
	if (e->exclusion)
		set(w, x, "class", "exclusion", nowhere);
	add_text(w, add_mixed(w, x, "num"), e->number, nowhere);
	if (e->title != NULL)
		add_text(w, add_mixed(w, x, "heading"), e->title,
		    e->item == NULL                 ? nowhere :
		        e->item->title_para != NULL ? e->item->title_para->pos :
		                                      e->item->pos);

	bool held = pack_holds(e, k);
	bool exempt = e->part == 2 && e->paper != NULL;
	if (e->description != NULL || e->lead != NULL || e->note != NULL ||
	    e->exclusion || e->purpose != PURPOSE_NONE || exempt ||
	    e->to_follow) {
		xmlNodePtr b = add(w, x,
		    held || end > i + 1 ? "intro" : "content");
		if (e->to_follow)
			add_para(w, b, "to-follow", "(TO FOLLOW)", nowhere);
		if (e->exclusion)
			write_motion(w, b, pk, e->description);
		else if (e->description != NULL)
			write_blocks(w, b, e->description, false);
		else if (e->lead != NULL)
			add_para(w, b, "description", e->lead, nowhere);
		if (e->note != NULL)
			add_para(w, b, "note", e->note, nowhere);
		if (e->purpose != PURPOSE_NONE)
			add_text(w,
			    add_mixed(w,
			        add_para(w, b, "purpose", NULL, nowhere),
			        "docPurpose"),
			    purpose_label(e->purpose), nowhere);
		if (exempt)
			add_para(w, b, "exempt",
			    e->nexempt == 0 ?
			        "Non-public" :
			        arena_printf(w->a,
			            "Non-public "
			            "\xe2\x80\x93 exempt under paragraph%s %s of "
			            "Part 1 of Schedule 12A",
			            e->nexempt > 1 ? "s" : "",
			            pack_paragraphs(w->a, e)),
			    nowhere);
	}
	if (held) {
		xmlNodePtr r = add(w, x, "componentRef");
		set(w, r, "src", ref_to(w, component_id(w, e)), nowhere);
		set(w, r, "showAs", e->title != NULL ? e->title : e->number,
		    nowhere);
	}
	for (size_t j = i + 1; j < end;)
		j = write_line(w, x, pk, j, k);
	return end;
}

/* The agenda of pack pk as <doc name="agenda">, for the component
 * "cmp_agenda" of pack k: meta (identification, references), the front
 * sheet in preface, and in mainBody a <part> per part (eId part_1,
 * part_2) holding the lines (write_line); the motion, when no item holds
 * it, in the intro of Part 2. A part's heading is as written, or clerk's
 * where the PDF prints one (the agenda has Part 2 lines). */
static xmlNodePtr
agenda_node(const struct pack *pk, enum pack_kind k, struct diags *d,
    xmlDocPtr xml)
{
	const struct agenda *a = pk->agenda;
	struct writer w;
	xmlNodePtr doc = xmlNewDocNode(xml, NULL, BAD_CAST "doc", NULL);
	check(doc);
	writer_init(&w, NULL, d, xml, doc, "cmp_agenda__");
	w.path = a->path;
	set(&w, doc, "name", "agenda", nowhere);
	xmlNodePtr meta = add(&w, doc, "meta");
	struct agenda_ids ids = {NULL, NULL, NULL, NULL};
	xmlNodePtr refs = agenda_references(&w, a, &ids);
	write_frbr(&w, meta, agenda_work(&w, pk),
	    a->has_date ? iso(&w, a->date) : "0001-01-01", ids.committee,
	    "main");
	xmlAddChild(meta, refs);
	agenda_preface(&w, doc, pk, &ids);

	xmlNodePtr body = add(&w, doc, "mainBody");
	for (int part = 1; part <= 2; part++) {
		size_t from = part == 1 ? 0 : pk->part2;
		size_t to = part == 1 ? pk->part2 : pk->nentries;
		if (from >= to)
			continue;
		xmlNodePtr x = add(&w, body, "part");
		set(&w, x, "eId", eid(&w, arena_printf(w.a, "part_%d", part)),
		    nowhere);
		set(&w, x, "class", part == 1 ? "public" : "non-public",
		    nowhere);
		if (a->part_heading[part] != NULL)
			add_text(&w, add_mixed(&w, x, "heading"),
			    a->part_heading[part], a->part_pos[part]);
		else if (pk->part2 < pk->nentries)
			add_text(&w, add_mixed(&w, x, "heading"),
			    part == 1 ? "Part 1 - Public Agenda" :
			                "Part 2 - Non-Public Agenda",
			    nowhere);
		if (part == 2 && pk->motion_unnumbered)
			write_motion(&w, add(&w, x, "intro"), pk, NULL);
		for (size_t i = from; i < to;)
			i = write_line(&w, x, pk, i, k);
	}
	if (pk->nentries == 0)
		write_filler(&w, body);
	arena_free(w.a);
	return doc;
}

/* Appendix e->appendix of e's paper alone, as <doc name="appendix"> for
 * line e of a pack, its eIds after base: meta (its identification as the
 * paper's "appendix-N"; references naming the paper in <attachmentOf>;
 * the clerk block: <clerk:appendix number public file>title), preface
 * ("Appendix N – title" as docTitle; "Appendix N of" the paper's subject,
 * a <ref> to the paper's component paper_cmp when the pack holds it),
 * then its blocks and footnotes in mainBody, as an attachment's. */
static xmlNodePtr
appendix_node(const struct pack_entry *e, const char *paper_cmp,
    struct diags *d, xmlDocPtr xml, const char *base)
{
	const struct paper *p = e->paper;
	const struct meta *m = &p->meta;
	const struct appendix *ap = &m->appendices[e->appendix];
	struct writer w;
	xmlNodePtr doc = xmlNewDocNode(xml, NULL, BAD_CAST "doc", NULL);
	check(doc);
	writer_init(&w, p, d, xml, doc, base);
	set(&w, doc, "name", "appendix", nowhere);
	int n = e->appendix + 1;
	struct pos subject_pos = key_pos(p->src, NULL, "subject");

	xmlNodePtr meta = add(&w, doc, "meta");
	xmlNodePtr refs = begin_references(&w);
	xmlNodePtr of = add(&w, refs, "attachmentOf");
	set(&w, of, "eId", eid(&w, unique_id(&w, "paper")), nowhere);
	set(&w, of, "href", paper_work(&w), nowhere);
	set(&w, of, "showAs", m->subject, subject_pos);
	set(&w, of, "type", "appendix", nowhere);
	const char *author = m->ncommittees > 0 ?
	    write_tlc(&w, refs, "TLCOrganization", "organization",
	        m->committees[0].name, "committee", m->committees[0].pos) :
	    eid(&w, "clerk");
	end_references(&w, refs);
	write_frbr(&w, meta, paper_work(&w),
	    m->ncommittees > 0 ? iso(&w, m->committees[0].date) : "0001-01-01",
	    author, arena_printf(w.a, "appendix-%d", n));
	xmlAddChild(meta, refs);
	xmlNodePtr prop = add(&w, meta, "proprietary");
	set(&w, prop, "source", ref_to(&w, eid(&w, "clerk")), nowhere);
	xmlNodePtr x = add_clerk(&w, prop, "appendix", ap->title, ap->pos);
	set(&w, x, "number", arena_printf(w.a, "%d", n), nowhere);
	if (ap->file != NULL)
		set(&w, x, "file", ap->file, ap->pos);
	set(&w, x, "public", ap->public ? "true" : "false", nowhere);
	if (ap->pdf != NULL) {
		set(&w, x, "sha256", ap->sha256, nowhere);
		set(&w, x, "pages", arena_printf(w.a, "%zu", ap->pdf->npages),
		    nowhere);
	}

	xmlNodePtr pre = add(&w, doc, "preface");
	x = add_mixed(&w, add_mixed(&w, pre, "p"), "docTitle");
	add_text(&w, x, arena_printf(w.a, "Appendix %d \xe2\x80\x93 ", n),
	    nowhere);
	add_text(&w, x, ap->title, ap->pos);
	xmlNodePtr of_p = add_para(&w, pre, "appendix-of",
	    arena_printf(w.a, "Appendix %d of ", n), nowhere);
	if (paper_cmp != NULL) {
		xmlNodePtr r = add_mixed(&w, of_p, "ref");
		set(&w, r, "href", ref_to(&w, paper_cmp), nowhere);
		add_text(&w, r, m->subject, subject_pos);
	} else {
		add_text(&w, of_p, m->subject, subject_pos);
	}

	write_appendix_body(&w, doc, (size_t)(ap - m->appendices), "");
	arena_free(w.a);
	return doc;
}

/* Does pack k hold the paper p itself (on a line of its own)? The eId
 * of its component, or NULL. */
static const char *
paper_component(struct writer *w, const struct pack *pk, enum pack_kind k,
    const struct paper *p)
{
	for (size_t i = 0; i < pk->nentries; i++) {
		const struct pack_entry *e = &pk->entries[i];
		if (e->paper == p && e->appendix < 0 && pack_holds(e, k))
			return component_id(w, e);
	}
	return NULL;
}

bool
akn_write_pack(const struct pack *pk, enum pack_kind k, struct diags *d,
    char **out, size_t *len)
{
	akn_init();
	size_t errors = diags_errors(d);
	*out = NULL;
	*len = 0;
	const struct agenda *a = pk->agenda;
	xmlNodePtr root;
	xmlDocPtr xml = new_document(&root);
	xmlNodePtr coll = xmlNewDocNode(xml, NULL,
	    BAD_CAST "documentCollection", NULL);
	check(coll);
	xmlAddChild(root, coll);
	struct writer w;
	writer_init(&w, NULL, d, xml, coll, "");
	w.path = a->path;
	set(&w, coll, "name", "pack", nowhere);

	/* meta */
	const char *name = pack_name(pk, k) + 1; /* "public" ... "agenda" */
	const char *date = a->has_date ? iso(&w, a->date) : "0001-01-01";
	struct pos committee_pos = key_pos(a->src, NULL, "committee");
	xmlNodePtr meta = add(&w, coll, "meta");
	xmlNodePtr refs = begin_references(&w);
	const char *committee = write_tlc(&w, refs, "TLCOrganization",
	    "organization", a->committee != NULL ? a->committee : "",
	    "committee", committee_pos);
	end_references(&w, refs);
	write_frbr(&w, meta,
	    arena_printf(w.a, "/akn/gb/documentCollection/%s/%s/pack-%s",
	        slug(&w, a->committee, "committee"), date, name),
	    date, committee, "main");
	xmlAddChild(meta, refs);
	xmlNodePtr prop = add(&w, meta, "proprietary");
	set(&w, prop, "source", ref_to(&w, eid(&w, "clerk")), nowhere);
	xmlNodePtr cp = add_clerk(&w, prop, "pack", NULL, nowhere);
	set(&w, cp, "version", CLERK_VERSION, nowhere);
	set(&w, cp, "kind", name, nowhere);

	/* preface: what the pack is */
	bool exempt = false;
	for (size_t i = pk->part2; i < pk->nentries; i++)
		exempt = exempt || pack_holds(&pk->entries[i], k);
	xmlNodePtr pre = add(&w, coll, "preface");
	const char *title = k == PACK_PUBLIC ? "Public pack" : "Full pack";
	if (pk->mode == PACK_SUPPLEMENT)
		title = k == PACK_PUBLIC ? "Public supplementary pack" :
		                           "Full supplementary pack";
	else if (pk->mode == PACK_AGENDA)
		title = "Agenda";
	add_text(&w, add_mixed(&w, add_mixed(&w, pre, "p"), "docTitle"), title,
	    nowhere);
	xmlNodePtr p = add_mixed(&w, pre, "p");
	xmlNodePtr x = add_mixed(&w, p, "docCommittee");
	set(&w, x, "refersTo", ref_to(&w, committee), nowhere);
	add_text(&w, x, a->committee, committee_pos);
	if (a->has_date) {
		char when[24];
		date_long(a->date, when);
		add_text(&w, p, ", ", nowhere);
		x = add_mixed(&w, p, "docDate");
		set(&w, x, "date", date, nowhere);
		add_text(&w, x, when, nowhere);
	}
	add_text(&w, add_mixed(&w, add_mixed(&w, pre, "p"), "docStatus"),
	    exempt ? "Not for publication" : "Public", nowhere);

	/* the agenda, then each document the pack holds */
	xmlNodePtr body = add(&w, coll, "collectionBody");
	x = add(&w, body, "component");
	set(&w, x, "eId", "cmp_agenda", nowhere);
	add_text(&w, add_mixed(&w, x, "heading"), "Agenda", nowhere);
	xmlAddChild(x, agenda_node(pk, k, d, xml));
	for (size_t i = 0; i < pk->nentries; i++) {
		const struct pack_entry *e = &pk->entries[i];
		if (!pack_holds(e, k))
			continue;
		const char *id = component_id(&w, e);
		const char *base = arena_printf(w.a, "%s__", id);
		x = add(&w, body, "component");
		set(&w, x, "eId", id, nowhere);
		add_text(&w, add_mixed(&w, x, "num"), e->number, nowhere);
		if (e->title != NULL)
			add_text(&w, add_mixed(&w, x, "heading"), e->title,
			    nowhere);
		/* Part 1 papers as their public editions; in Part 2,
		 * everything (the full pack only) */
		xmlAddChild(x,
		    e->appendix < 0 ?
		        paper_node(e->paper, d, xml, base,
		            e->part == 1 ? EDITION_PUBLIC : EDITION_FULL,
		            true) :
		        appendix_node(e, paper_component(&w, pk, k, e->paper),
		            d, xml, base));
	}
	arena_free(w.a);
	return serialise(xml, a->path, d, out, len) &&
	    diags_errors(d) == errors;
}
