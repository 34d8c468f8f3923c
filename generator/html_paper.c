/* html_paper.c: a paper's edition as a web page (html.h): the header,
 * the exempt notice, the front sheet (or the opening of minutes), the
 * sections, the appendices and background papers listed, the contact
 * block, the notes, then the appendices themselves. What the page says
 * is what the PDF prints (paper_text.h), in the same order, with the
 * same edition rules. */
#include "html-int.h"

#include <string.h>

#include "arena.h"
#include "docinfo.h"
#include "extpdf.h"
#include "paper_text.h"
#include "template.h"
#include "text.h"

/* ------------------------------------------------------------------ */
/* The header and the notice */

/* The header: the meeting (a link back to the agenda in a meeting's
 * folder) and the PDF of the page's document, when there is one. */
static void
masthead(struct hw *w, const struct paper *p,
    const struct html_paper_options *o)
{
	xmlNodePtr h = hw_elc(w, w->body, "header", "masthead");
	if (o->agenda != NULL) {
		xmlNodePtr a = hw_el(w, hw_el(w, h, "p"), "a");
		hw_attr(w, a, "href", o->agenda);
		hw_text(w, a,
		    arena_printf(w->a, "Agenda: %s",
		        o->meeting != NULL ? o->meeting : "the meeting"));
	} else {
		struct paper_fill f = {w->a, p, NULL, 0, 0, NULL, 0};
		const char *c = paper_lookup(&f, "committees");
		const char *d = paper_lookup(&f, "dates");
		if (c != NULL && *c != '\0')
			hw_text(w, hw_el(w, h, "p"),
			    p->meta.ncommittees == 1 ?
			        arena_printf(w->a, "%s, %s", c, d) :
			        c);
	}
	if (o->pdf != NULL) {
		xmlNodePtr a = hw_el(w, hw_el(w, h, "p"), "a");
		hw_attr(w, a, "href", o->pdf);
		hw_text(w, a,
		    o->appendix >= 0 ? "This appendix as a PDF" :
		        p->meta.kind == KIND_MINUTES ?
		                       "These minutes as a PDF" :
		                       "This report as a PDF");
	}
}

/* The paragraphs of Schedule 12A that exempt what edition e of p holds
 * that is non-public: the paper's when it is non-public; else those of
 * its non-public appendices (ascending, each once); *n of them, none
 * when it holds nothing non-public. */
static const int *
page_exempt(struct hw *w, const struct paper *p, enum edition e, size_t *n)
{
	*n = 0;
	if (e != EDITION_FULL || !paper_has_nonpublic(p))
		return NULL;
	if (!p->meta.public) {
		*n = p->meta.nexempt;
		return p->meta.exempt;
	}
	bool seen[8] = {false};
	for (size_t i = 0; i < p->meta.nappendices; i++) {
		const struct appendix *ap = &p->meta.appendices[i];
		size_t k;
		const int *x = ap->public ? NULL : appendix_exempt(p, ap, &k);
		for (size_t j = 0; x != NULL && j < k; j++)
			if (x[j] >= 1 && x[j] <= 7)
				seen[x[j]] = true;
	}
	int *out = arena_alloc(w->a, 7 * sizeof *out);
	for (int k = 1; k <= 7; k++)
		if (seen[k])
			out[(*n)++] = k;
	return out;
}

/* ------------------------------------------------------------------ */
/* The front sheet */

/* A row of the front sheet, its placeholders filled. */
struct frow {
	const char *label, *value, *right; /* "" when none */
	bool per_committee;                /* repeated for each committee */
	bool heads;                        /* labels only: heads the
					      columns of the rows after */
};

/* s without a trailing ':' (a label made a header cell's text). */
static const char *
unlabel(struct hw *w, const char *s)
{
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ':' || s[n - 1] == ' '))
		n--;
	return arena_strndup(w->a, s, n);
}

/* Fills template row r (for committee c) into *out; false when every
 * placeholder in it is empty (the PDF leaves the row out). */
static bool
fill_row(struct hw *w, const struct paper *p, const struct tpl_row *r,
    const struct committee *c, struct frow *out)
{
	struct paper_fill f = {w->a, p, c, 0, 0, NULL, 0};
	struct tpl_fill n = {0, 0};
	const char *l = template_expand(w->a, r->label, paper_lookup, &f, &n);
	const char *v = template_expand(w->a, r->value, paper_lookup, &f, &n);
	const char *rt = template_expand(w->a, r->right, paper_lookup, &f, &n);
	if (n.placeholders > 0 && n.filled == 0)
		return false;
	out->label = l != NULL ? l : "";
	out->value = v != NULL ? v : "";
	out->right = rt != NULL ? rt : "";
	out->per_committee = tpl_row_per_committee(r);
	out->heads = r->label != NULL && strchr(r->label, '{') == NULL &&
	    (r->value == NULL || strchr(r->value, '{') == NULL) &&
	    r->right != NULL && strchr(r->right, '{') == NULL;
	return true;
}

/* The rows [i, j) of rs as a table whose first column heads each row
 * (th scope="row", the label); a row without a right-hand text spans
 * both value columns. */
static void
facts_table(struct hw *w, xmlNodePtr parent, const struct frow *rs, size_t i,
    size_t j)
{
	bool right = false;
	for (size_t k = i; k < j; k++)
		right = right || *rs[k].right != '\0';
	xmlNodePtr body = hw_el(w, hw_el(w, parent, "table"), "tbody");
	for (size_t k = i; k < j; k++) {
		xmlNodePtr tr = hw_el(w, body, "tr");
		if (*rs[k].label != '\0') {
			xmlNodePtr th = hw_el_text(w, tr, "th",
			    unlabel(w, rs[k].label));
			hw_attr(w, th, "scope", "row");
		}
		xmlNodePtr td = hw_el(w, tr, "td");
		hw_lines(w, td, rs[k].value);
		int span = (*rs[k].label == '\0') + (right && !*rs[k].right);
		if (span > 0)
			hw_attr(w, td, "colspan",
			    arena_printf(w->a, "%d", span + 1));
		if (*rs[k].right != '\0')
			hw_lines(w, hw_elc(w, tr, "td", "status"), rs[k].right);
	}
}

/* Row h (labels only) heading the columns of the rows (h, j): th
 * scope="col" over each committee's row. */
static void
columns_table(struct hw *w, xmlNodePtr parent, const struct frow *rs, size_t h,
    size_t j)
{
	xmlNodePtr t = hw_el(w, parent, "table");
	xmlNodePtr tr = hw_el(w, hw_el(w, t, "thead"), "tr");
	hw_attr(w, hw_el_text(w, tr, "th", unlabel(w, rs[h].label)), "scope",
	    "col");
	hw_attr(w, hw_el_text(w, tr, "th", unlabel(w, rs[h].right)), "scope",
	    "col");
	xmlNodePtr body = hw_el(w, t, "tbody");
	for (size_t k = h + 1; k < j; k++) {
		tr = hw_el(w, body, "tr");
		hw_lines(w, hw_el(w, tr, "td"), rs[k].value);
		hw_lines(w, hw_el(w, tr, "td"), rs[k].right);
	}
}

/* The front sheet: the template's rows, their placeholders filled (a
 * row naming a committee once for each), as tables: a row of labels
 * only with the committees' rows under it as a table with column
 * headers, the other rows as tables whose labels head their rows. */
static void
front_sheet(struct hw *w, xmlNodePtr parent, const struct paper *p)
{
	const struct template *t = p->tpl;
	const struct meta *m = &p->meta;
	size_t max = 0;
	for (size_t i = 0; i < t->nrows; i++)
		max += tpl_row_per_committee(&t->rows[i]) ? m->ncommittees : 1;
	struct frow *rs = arena_alloc(w->a, (max + 1) * sizeof *rs);
	size_t n = 0;
	for (size_t i = 0; i < t->nrows; i++) {
		const struct tpl_row *r = &t->rows[i];
		size_t reps = tpl_row_per_committee(r) ? m->ncommittees : 1;
		for (size_t k = 0; k < reps; k++)
			n += fill_row(w, p, r,
			    tpl_row_per_committee(r) ? &m->committees[k] : NULL,
			    &rs[n]);
	}
	if (n == 0)
		return;
	/* words are not broken inside: where the sheet is still wider
	 * than a phone, it scrolls in a box of its own, as a table does */
	xmlNodePtr div = hw_elc(w, parent, "div", "front-sheet");
	hw_attr(w, div, "role", "region");
	hw_attr(w, div, "aria-label", "Front sheet");
	hw_attr(w, div, "tabindex", "0");
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		if (rs[i].heads && j < n && rs[j].per_committee) {
			while (j < n && rs[j].per_committee)
				j++;
			columns_table(w, div, rs, i, j);
		} else {
			while (j < n &&
			    !(rs[j].heads && j + 1 < n &&
			        rs[j + 1].per_committee))
				j++;
			facts_table(w, div, rs, i, j);
		}
		i = j;
	}
}

/* Minutes open with the committee (h1), the day, the meeting line and
 * who was there. */
static void
minutes_head(struct hw *w, xmlNodePtr parent, const struct paper *p)
{
	const struct meta *m = &p->meta;
	hw_heading(w, parent, 1,
	    m->ncommittees > 0 ? smart_quotes(w->a, m->committees[0].name) :
	                         "Minutes");
	const char *day = paper_minutes_day(w->a, p);
	if (day != NULL) {
		hw_el_text(w, parent, "p", day);
		hw_el_text(w, parent, "p", paper_minutes_line(w->a, p));
	}
	static const char *const labels[] = {"Present", "Officers",
	    "In attendance"};
	const char *const *who[] = {m->present, m->officers, m->in_attendance};
	size_t nwho[] = {m->npresent, m->nofficers, m->nin_attendance};
	for (size_t i = 0; i < 3; i++) {
		if (nwho[i] == 0)
			continue;
		hw_heading(w, parent, 2, labels[i]);
		xmlNodePtr ul = hw_elc(w, parent, "ul", "people");
		for (size_t k = 0; k < nwho[i]; k++)
			hw_el_text(w, ul, "li", smart_quotes(w->a, who[i][k]));
	}
}

/* ------------------------------------------------------------------ */
/* The body */

/* The paper's sections: a report's under h2, its numbered ones under
 * the template's main heading (h2) as h3; minutes' items "N. Title" as
 * h2. Numbered sections and items hold their blocks in a div whose
 * numbers hang in the margin. */
static void
sections(struct hw *w, xmlNodePtr parent, const struct paper *p)
{
	const struct template *t = p->tpl;
	bool minutes = t->kind == KIND_MINUTES, main_done = false,
	     under_main = false;
	for (const struct section *s = p->sections; s != NULL; s = s->next) {
		bool numbered = s->def != NULL && s->def->numbered;
		if (!minutes && numbered && !main_done) {
			main_done = true;
			if (t->main_heading != NULL && *t->main_heading) {
				hw_heading(w, parent, 2, t->main_heading);
				under_main = true;
			}
		}
		xmlNodePtr sec = hw_el(w, parent, "section");
		const char *id = minutes && s->number != NULL ?
		    arena_printf(w->a, "item-%s", s->number) :
		    s->def != NULL ? arena_printf(w->a, "sec-%s", s->def->id) :
		                     NULL;
		if (id != NULL)
			hw_attr(w, sec, "id", hw_id(w, id));
		xmlNodePtr h = hw_heading(w, sec,
		    !minutes && numbered && under_main ? 3 : 2, NULL);
		if (s->number != NULL) {
			hw_el_text(w, h, "span",
			    paper_number_label(w->a, s->number));
			hw_text(w, h, " ");
		}
		hw_text(w, h, s->heading);
		w->sect = w->level;
		xmlNodePtr body = numbered ? hw_elc(w, sec, "div", "numbered") :
		                             sec;
		hw_section_blocks(w, body, s->first);
	}
}

/* Is appendix ap of the paper's page (its text after the report)? */
static bool
on_page(const struct appendix *ap, enum edition e)
{
	return appendix_has_file(ap) && (ap->public || e == EDITION_FULL);
}

/* The sections the template makes from front-matter keys: the
 * appendices listed as the PDF lists them (a link to each on the page),
 * the background papers. */
static void
key_sections(struct hw *w, xmlNodePtr parent, const struct paper *p,
    const struct html_paper_options *o)
{
	const struct template *t = p->tpl;
	const struct meta *m = &p->meta;
	for (size_t i = 0; i < t->nsections; i++) {
		const struct tpl_section *def = &t->sections[i];
		if (def->from_key == NULL)
			continue;
		bool apps = strcmp(def->from_key, "appendices") == 0;
		size_t n = apps ? m->nappendices : m->nbackground_papers;
		if (n == 0 ||
		    (!apps && strcmp(def->from_key, "background_papers") != 0))
			continue;
		xmlNodePtr sec = hw_el(w, parent, "section");
		hw_attr(w, sec, "id",
		    hw_id(w, arena_printf(w->a, "sec-%s", def->id)));
		hw_heading(w, sec, 2, def->heading);
		xmlNodePtr ul = hw_elc(w, sec, "ul", "listing");
		for (size_t k = 0; k < n; k++) {
			xmlNodePtr li = hw_el(w, ul, "li");
			if (!apps) {
				hw_text(w, li, m->background_papers[k]);
				continue;
			}
			const char *line = paper_appendix_line(w->a, p, k,
			    o->edition, o->routed);
			if (on_page(&m->appendices[k], o->edition)) {
				li = hw_el(w, li, "a");
				hw_attr(w, li, "href",
				    arena_printf(w->a, "#appendix-%zu", k + 1));
			}
			hw_text(w, li, line);
		}
	}
}

/* Text s of a contact line into parent, the contact's e-mail address in
 * it a mailto: link. */
static void
contact_text(struct hw *w, xmlNodePtr parent, const char *s, const char *email)
{
	const char *at = email != NULL && *email ? strstr(s, email) : NULL;
	if (at == NULL) {
		hw_text(w, parent, s);
		return;
	}
	hw_text(w, parent, arena_strndup(w->a, s, (size_t)(at - s)));
	xmlNodePtr a = hw_el_text(w, parent, "a", email);
	hw_attr(w, a, "href", arena_printf(w->a, "mailto:%s", email));
	hw_text(w, parent, at + strlen(email));
}

/* The contact block: the template's lines whose placeholders are not
 * all empty, in an address. */
static void
contact(struct hw *w, xmlNodePtr parent, const struct paper *p)
{
	const struct template *t = p->tpl;
	struct paper_fill f = {w->a, p, NULL, 0, 0, NULL, 0};
	xmlNodePtr addr = NULL;
	for (size_t i = 0; i < t->ncontact; i++) {
		struct tpl_fill fill = {0, 0};
		const char *text = template_expand(w->a, t->contact[i],
		    paper_contact_lookup, &f, &fill);
		if ((fill.placeholders > 0 && fill.filled == 0) ||
		    text == NULL || *text == '\0')
			continue;
		if (addr == NULL) {
			xmlNodePtr sec = hw_elc(w, parent, "section",
			    "contact");
			hw_attr(w, sec, "id", hw_id(w, "contact"));
			hw_heading(w, sec, 2, "Contact");
			addr = hw_el(w, sec, "address");
		}
		contact_text(w, hw_el(w, addr, "p"), text,
		    p->meta.contact.email);
	}
}

/* The blocks of appendix i's document, ids after "app-N-", its own
 * footnotes after them (a first sub-heading repeating its title left
 * out, as in the PDF). */
static void
appendix_body(struct hw *w, xmlNodePtr parent, const struct paper *p, size_t i)
{
	const struct appendix *ap = &p->meta.appendices[i];
	if (ap->pdf != NULL) {
		/* a PDF file: the file itself, beside the page */
		const char *href = hw_pdf_file(w, ap);
		size_t n = ap->pdf->npages;
		const char *what = arena_printf(w->a,
		    "%s (PDF file, %zu page%s, %zu KB)",
		    ap->title != NULL ? ap->title : "", n, n == 1 ? "" : "s",
		    (ap->pdf->len + 1023) / 1024);
		xmlNodePtr para = hw_el(w, parent, "p");
		if (href != NULL)
			hw_attr(w, hw_el_text(w, para, "a", what), "href",
			    href);
		else
			hw_text(w, para, what);
		return;
	}
	w->idp = arena_printf(w->a, "app-%zu-", i + 1);
	w->sect = w->level;
	hw_begin_notes(w, ap->doc);
	for (const struct section *s = ap->doc->sections; s; s = s->next)
		hw_section_blocks(w, parent,
		    paper_appendix_first(w->a, p, i, s));
	hw_notes(w, parent, ap->doc, w->sect + 1);
	w->idp = "";
}

/* Each appendix on the page (on_page) after the report: "Appendix N –
 * title" (h2), a non-public one's exempt notice, its blocks. */
static void
appendices(struct hw *w, xmlNodePtr parent, const struct paper *p,
    enum edition e)
{
	const struct meta *m = &p->meta;
	for (size_t i = 0; i < m->nappendices; i++) {
		const struct appendix *ap = &m->appendices[i];
		if (!on_page(ap, e))
			continue;
		xmlNodePtr sec = hw_elc(w, parent, "section", "appendix");
		hw_attr(w, sec, "id",
		    hw_id(w, arena_printf(w->a, "appendix-%zu", i + 1)));
		hw_heading(w, sec, 2,
		    arena_printf(w->a, "Appendix %zu \xe2\x80\x93 %s", i + 1,
		        ap->title != NULL ? ap->title : ""));
		if (!ap->public) {
			size_t n;
			const int *x = appendix_exempt(p, ap, &n);
			hw_notice(w, sec, p, x, n);
		}
		appendix_body(w, sec, p, i);
	}
}

/* ------------------------------------------------------------------ */
/* The page */

void
html_paper(const struct paper *p, const struct html_paper_options *o,
    struct diags *d, char **out, size_t *len)
{
	struct hw w;
	struct doc_info info = paper_info(p, o->edition);
	const struct appendix *alone = o->appendix >= 0 ?
	    &p->meta.appendices[o->appendix] :
	    NULL;
	const char *title = info.title != NULL ? info.title : "";
	bool secret = alone != NULL ||
	    (o->edition == EDITION_FULL && paper_has_nonpublic(p));
	hw_begin(&w, p->path, d, o->files, "", secret);
	w.t = p->tpl;
	w.p = p;
	w.minutes = p->tpl->kind == KIND_MINUTES;
	masthead(&w, p, o);
	w.main = hw_el(&w, w.body, "main");
	hw_attr(&w, w.main, "id", "main");
	if (alone != NULL) {
		/* an appendix carried alone by a Part 2 line */
		title = arena_printf(w.a, "Appendix %d \xe2\x80\x93 %s",
		    o->appendix + 1, alone->title != NULL ? alone->title : "");
		hw_heading(&w, w.main, 1, title);
		hw_el_text(&w, w.main, "p",
		    arena_printf(w.a,
		        "An appendix to the report \xe2\x80\x9c%s\xe2\x80\x9d",
		        p->meta.subject != NULL ? p->meta.subject : ""));
		hw_notice(&w, w.main, p, o->exempt, o->nexempt);
		appendix_body(&w, w.main, p, (size_t)o->appendix);
	} else {
		size_t nx;
		const int *x = page_exempt(&w, p, o->edition, &nx);
		w.xrefs = true;
		hw_begin_notes(&w, p);
		if (w.minutes) {
			minutes_head(&w, w.main, p);
		} else {
			hw_heading(&w, w.main, 1,
			    p->meta.subject != NULL ?
			        smart_quotes(w.a, p->meta.subject) :
			        "");
		}
		if (x != NULL)
			hw_notice(&w, w.main, p, x, nx);
		if (!w.minutes)
			front_sheet(&w, w.main, p);
		sections(&w, w.main, p);
		if (!w.minutes)
			key_sections(&w, w.main, p, o);
		contact(&w, w.main, p);
		hw_notes(&w, w.main, p, 2);
		appendices(&w, w.main, p, o->edition);
	}
	hw_text(&w, w.title, title);
	hw_end(&w, out, len);
}
