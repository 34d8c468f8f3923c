/* html_pack.c: a meeting's folder of web pages, one edition of its pack
 * (html.h): index.html the agenda, as the PDF's front sheet and agenda
 * give it, and a page for each document the edition holds, as the PDF
 * pack lays it out (pack.h: a Part 1 paper its public edition, a Part 2
 * document its full one; the public folder none of Part 2). */
#include "html-int.h"

#include <stdlib.h>
#include <string.h>

#include "agenda.h"
#include "arena.h"
#include "docinfo.h"
#include "text.h"

/* ------------------------------------------------------------------ */
/* The pages' names */

/* The stem of path's file name: "report" for "meeting/report.md". */
static const char *
file_stem(struct arena *a, const char *path)
{
	const char *base = strrchr(path, '/');
	base = base != NULL ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t n = dot != NULL && dot > base ? (size_t)(dot - base) :
	                                       strlen(base);
	char *s = arena_strndup(a, base, n);
	for (char *c = s; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		        (*c >= '0' && *c <= '9') || *c == '-' || *c == '_'))
			*c = '-';
	return *s != '\0' ? s : "paper";
}

/* The name of each page of folder k, by line (NULL: no page): its
 * paper's stem, "-appendix-N" for an appendix carried alone, and the
 * line's number after "-item-" when the name is taken (index too). */
static const char **
page_names(struct arena *a, const struct pack *pk, enum pack_kind k)
{
	const char **names = arena_alloc(a, (pk->nentries + 1) * sizeof *names);
	struct strset used = {0};
	strset_put(a, &used, "index", "");
	for (size_t i = 0; i < pk->nentries; i++) {
		const struct pack_entry *e = &pk->entries[i];
		if (!pack_holds(e, k))
			continue;
		const char *stem = file_stem(a, e->paper->path);
		if (e->appendix >= 0)
			stem = arena_printf(a, "%s-appendix-%d", stem,
			    e->appendix + 1);
		const char *name = stem;
		for (int n = 1; strset_get(&used, name) != NULL; n++)
			name = n == 1 ?
			    arena_printf(a, "%s-item-%s", stem, e->number) :
			    arena_printf(a, "%s-item-%s-%d", stem, e->number,
			        n);
		strset_put(a, &used, name, name);
		names[i] = name;
	}
	return names;
}

/* ------------------------------------------------------------------ */
/* The agenda */

/* A row of the meeting's table: label heading it, value's lines. */
static void
row(struct hw *w, xmlNodePtr body, const char *label, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	xmlNodePtr tr = hw_el(w, body, "tr");
	hw_attr(w, hw_el_text(w, tr, "th", label), "scope", "row");
	hw_lines(w, hw_el(w, tr, "td"), value);
}

/* The meeting, as the PDF's front sheet gives it: the committee (h1),
 * a table of its date, time, venue, members and whom to ask, its notes
 * and its signatory. */
static void
meeting(struct hw *w, const struct agenda *a)
{
	hw_heading(w, w->main, 1, a->committee != NULL ? a->committee : "");
	xmlNodePtr body = hw_el(w, hw_elc(w, w->main, "table", "meeting"),
	    "tbody");
	if (a->has_date) {
		char d[32];
		date_long(a->date, d);
		row(w, body, "Date",
		    arena_printf(w->a, "%s, %s", date_weekday(a->date), d));
	}
	row(w, body, "Time", a->time);
	row(w, body, "Venue", a->venue);
	size_t len = 1;
	for (size_t i = 0; i < a->nmembers; i++)
		len += strlen(a->members[i]) + 1;
	char *members = arena_alloc(w->a, len);
	for (size_t i = 0; i < a->nmembers; i++)
		strcat(strcat(members, a->members[i]),
		    i + 1 < a->nmembers ? "\n" : "");
	row(w, body, "Members", members);
	if (a->has_enquiries) {
		const struct agenda_enquiries *q = &a->enquiries;
		row(w, body, "Enquiries",
		    arena_printf(w->a, "%s%s%s%s%s",
		        q->name != NULL ? q->name : "",
		        q->phone != NULL ? "\ntel. no.: " : "",
		        q->phone != NULL ? q->phone : "",
		        q->email != NULL ? "\n" : "",
		        q->email != NULL ? q->email : ""));
	}
	if (body->children == NULL) {
		xmlUnlinkNode(body->parent);
		xmlFreeNode(body->parent);
	}
	for (size_t i = 0; i < a->nnotes; i++)
		hw_el_text(w, w->main, "p", a->notes[i]);
	if (a->has_signatory && a->signatory.name != NULL) {
		xmlNodePtr p = hw_elc(w, w->main, "p", "signatory");
		hw_el_text(w, p, "strong", a->signatory.name);
		if (a->signatory.title != NULL) {
			hw_el(w, p, "br");
			hw_text(w, p, a->signatory.title);
		}
	}
}

/* The motion to exclude the public (e's description, or clerk's words)
 * and the table of Part 2 lines with a document and their paragraphs. */
static void
motion(struct hw *w, xmlNodePtr parent, const struct pack *pk,
    const struct pack_entry *e)
{
	if (e != NULL && e->description != NULL)
		hw_blocks(w, parent, e->description);
	else
		hw_el_text(w, parent, "p", PACK_MOTION);
	bool rows = false;
	for (size_t i = pk->part2; i < pk->nentries; i++)
		rows = rows || pk->entries[i].paper != NULL;
	if (!rows)
		return;
	xmlNodePtr t = hw_el(w, parent, "table");
	xmlNodePtr tr = hw_el(w, hw_el(w, t, "thead"), "tr");
	hw_attr(w, hw_el_text(w, tr, "th", "Item No."), "scope", "col");
	hw_attr(w, hw_el_text(w, tr, "th", "Paragraph No."), "scope", "col");
	xmlNodePtr body = hw_el(w, t, "tbody");
	for (size_t i = pk->part2; i < pk->nentries; i++) {
		const struct pack_entry *r = &pk->entries[i];
		if (r->paper == NULL)
			continue;
		const char *pars = pack_paragraphs(w->a, r);
		tr = hw_el(w, body, "tr");
		hw_el_text(w, tr, "td", r->number);
		hw_el_text(w, tr, "td", *pars ? pars : "\xe2\x80\x93");
	}
}

/* One line of the agenda, e, into li: its number, its title (a heading
 * at level, a sub-item's below it; a link to its page when the folder
 * has one), its description or clerk's words,
 * the note, the purpose, and in Part 2 that its document is non-public. */
static void
entry(struct hw *w, xmlNodePtr li, const struct pack *pk,
    const struct pack_entry *e, const char *page, int level)
{
	const char *num = e->number;
	if (e->level > 0)
		while (*num >= '0' && *num <= '9')
			num++;
	hw_el_text(w, li, "span",
	    arena_printf(w->a, e->level > 0 ? "%s)" : "%s.", num));
	hw_attr(w, li->last, "class", "item-num");
	xmlNodePtr t = hw_heading(w, li, level + e->level, NULL);
	hw_attr(w, t, "class", "item-title");
	if (page != NULL) {
		t = hw_el(w, t, "a");
		hw_attr(w, t, "href", arena_printf(w->a, "%s.html", page));
	}
	hw_text(w, t, e->title != NULL ? e->title : "");
	if (e->to_follow)
		hw_text(w, hw_elc(w, li, "p", "to-follow"), "(TO FOLLOW)");
	if (e->exclusion)
		motion(w, li, pk, e);
	else if (e->description != NULL)
		hw_blocks(w, li, e->description);
	else if (e->lead != NULL)
		hw_el_text(w, li, "p", e->lead);
	if (e->note != NULL)
		hw_el_text(w, li, "p", e->note);
	if (e->purpose != PURPOSE_NONE)
		hw_text(w, hw_elc(w, li, "p", "purpose"),
		    purpose_label(e->purpose));
	if (e->part == 2 && e->paper != NULL) {
		const char *pars = pack_paragraphs(w->a, e);
		hw_text(w, hw_elc(w, li, "p", "exempt"),
		    *pars ? arena_printf(w->a,
		                "Non-public \xe2\x80\x93 exempt under "
		                "paragraph%s %s of Part 1 of Schedule 12A",
		                e->nexempt > 1 ? "s" : "", pars) :
		            "Non-public");
	}
}

/* The agenda: "Agenda" (h2), the parts (h3) and their lines, each an
 * item of a list (sub-items a list in their item's). */
static void
agenda(struct hw *w, const struct pack *pk, enum pack_kind k,
    const char *const *pages)
{
	const struct agenda *a = pk->agenda;
	xmlNodePtr sec = hw_el(w, w->main, "section");
	hw_attr(w, sec, "id", hw_id(w, "agenda"));
	hw_heading(w, sec, 2,
	    pk->mode == PACK_SUPPLEMENT ? "Supplementary Agenda" : "Agenda");
	bool parts = pk->part2 < pk->nentries || a->part_heading[1] != NULL;
	if (parts)
		hw_heading(w, sec, 3,
		    a->part_heading[1] != NULL ? a->part_heading[1] :
		                                 "Part 1 - Public Agenda");
	xmlNodePtr ol = NULL, item = NULL, sub = NULL;
	for (size_t i = 0; i < pk->nentries; i++) {
		const struct pack_entry *e = &pk->entries[i];
		if (i == pk->part2) {
			hw_heading(w, sec, 3,
			    a->part_heading[2] != NULL ?
			        a->part_heading[2] :
			        "Part 2 - Non-Public Agenda");
			if (k == PACK_PUBLIC)
				hw_el_text(w, sec, "p",
				    "Part 2 items are not published.");
			if (pk->motion_unnumbered)
				motion(w, sec, pk, NULL);
			ol = item = sub = NULL;
		}
		if (ol == NULL)
			ol = hw_elc(w, sec, "ol", "agenda");
		xmlNodePtr li;
		if (e->level > 0 && item != NULL) {
			if (sub == NULL)
				sub = hw_elc(w, item, "ol", "agenda");
			li = hw_el(w, sub, "li");
		} else {
			li = item = hw_el(w, ol, "li");
			sub = NULL;
		}
		hw_attr(w, li, "id",
		    hw_id(w, arena_printf(w->a, "item-%s", e->number)));
		entry(w, li, pk, e, pages[i], parts ? 4 : 3);
	}
}

/* index.html of folder k, into out. */
static void
index_page(const struct pack *pk, enum pack_kind k, const struct template *t,
    const char *pdf, const char *const *pages, struct diags *d,
    struct rendered *out)
{
	const struct agenda *a = pk->agenda;
	struct hw w;
	hw_begin(&w, a->path, d, NULL, "", k == PACK_FULL);
	w.t = t;
	struct doc_info info = pack_info(w.a, pk, k, t, false);
	hw_text(&w, w.title, info.title);
	xmlNodePtr h = hw_elc(&w, w.body, "header", "masthead");
	hw_el_text(&w, h, "p",
	    k == PACK_PUBLIC ? "Public Document Pack" :
	                       "Non-Public Document Pack");
	if (pdf != NULL) {
		xmlNodePtr link = hw_el_text(&w, hw_el(&w, h, "p"), "a",
		    "The agenda and reports as a PDF");
		hw_attr(&w, link, "href", pdf);
	}
	w.main = hw_el(&w, w.body, "main");
	hw_attr(&w, w.main, "id", "main");
	meeting(&w, a);
	agenda(&w, pk, k, pages);
	hw_end(&w, &out->bytes, &out->len);
}

/* Copies the files [f0, f1) of from (a page and its images) into to. */
static void
copy_files(const struct rendered *from, size_t f0, size_t f1,
    struct rendered *to)
{
	for (size_t j = f0; j < f1; j++) {
		const struct rendered_file *f = &from->files[j];
		char *bytes = NULL;
		if (f->bytes != NULL) {
			bytes = xmalloc(f->len + 1);
			memcpy(bytes, f->bytes, f->len);
		}
		rendered_add(to, f->name, bytes, f->len, f->copy_from);
	}
}

void
html_pack(const struct pack *pk, const struct template *t,
    const char *const pdf[2], struct diags *d, struct rendered out[2])
{
	struct arena *a = arena_new();
	const char **pages[2] = {page_names(a, pk, PACK_PUBLIC),
	    page_names(a, pk, PACK_FULL)};
	const struct agenda *ag = pk->agenda;
	char date[32] = "";
	if (ag->has_date)
		date_long(ag->date, date);
	const char *meeting = arena_printf(a, "%s, %s",
	    ag->committee != NULL ? ag->committee : "", date);
	int nk = pack_kinds(pk);
	for (int k = 0; k < nk; k++)
		out[k].as_folder = true;
	for (size_t i = 0; i < pk->nentries; i++) {
		const struct pack_entry *e = &pk->entries[i];
		size_t f0 = out[0].nfiles;
		for (int k = 0; k < nk; k++) {
			if (pages[k][i] == NULL)
				continue;
			/* a page both folders hold under one name is the
			 * same page: made once */
			if (k == PACK_FULL && pages[0][i] != NULL &&
			    strcmp(pages[0][i], pages[1][i]) == 0) {
				copy_files(&out[0], f0, out[0].nfiles, &out[1]);
				continue;
			}
			const char *dir = arena_printf(a, "%s.files/",
			    pages[k][i]);
			struct html_files files = {&out[k], dir, dir};
			struct html_paper_options o = {
			    .edition = e->part == 1 ? EDITION_PUBLIC :
			                              EDITION_FULL,
			    .routed = true,
			    .appendix = e->appendix,
			    .exempt = e->exempt,
			    .nexempt = e->nexempt,
			    .files = &files,
			    .agenda = "index.html",
			    .meeting = meeting,
			};
			char *bytes;
			size_t len;
			html_paper(e->paper, &o, d, &bytes, &len);
			rendered_add(&out[k],
			    arena_printf(a, "%s.html", pages[k][i]), bytes, len,
			    NULL);
		}
	}
	for (int k = 0; k < nk; k++)
		index_page(pk, (enum pack_kind)k, t, pdf[k], pages[k], d,
		    &out[k]);
	arena_free(a);
}
