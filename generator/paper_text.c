/* paper_text.c: the words clerk prints about a paper, whatever the format
 * (paper_text.h): the PDF's layout and the HTML pages print the same. */
#include "paper_text.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "template.h"
#include "text.h"

const char *
paper_number_label(struct arena *a, const char *num)
{
	return strchr(num, '.') ? num : arena_printf(a, "%s.", num);
}

/* "a".."z", "aa".. for n from 1. */
static char *
letters(struct arena *a, int n, char base)
{
	char buf[16];
	size_t k = sizeof buf;
	buf[--k] = '\0';
	for (; n > 0 && k > 0; n = (n - 1) / 26)
		buf[--k] = (char)(base + (n - 1) % 26);
	return arena_strdup(a, buf + k);
}

static char *
roman(struct arena *a, int n, bool upper)
{
	static const int val[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9,
	    5, 4, 1};
	static const char *const sym[] = {"m", "cm", "d", "cd", "c", "xc", "l",
	    "xl", "x", "ix", "v", "iv", "i"};
	if (n <= 0 || n >= 4000)
		return arena_printf(a, "%d", n);
	char buf[32] = "";
	for (size_t i = 0; i < 13; i++)
		for (; n >= val[i]; n -= val[i])
			strcat(buf, sym[i]);
	if (upper)
		for (char *p = buf; *p; p++)
			*p = (char)(*p - 'a' + 'A');
	return arena_strdup(a, buf);
}

/* The bullet of depth in t's bullets ("•" when it has none). */
static const char *
bullet(struct arena *a, const struct template *t, int depth)
{
	const char *b = t->bullets != NULL && *t->bullets ? t->bullets :
	                                                    "\xe2\x80\xa2";
	size_t count = utf8_count(b, strlen(b));
	size_t want = (size_t)depth % count, i = 0;
	const unsigned char *s = (const unsigned char *)b;
	size_t off = 0, len = 0;
	while (s[off] != '\0') {
		uint32_t cp;
		len = utf8_decode(s + off, strlen(b) - off, &cp);
		if (len == 0)
			len = 1;
		if (i++ == want)
			break;
		off += len;
	}
	return arena_strndup(a, b + off, len);
}

const char *
paper_list_marker(struct arena *a, const struct template *t,
    const struct node *list, const struct node *item, int num, int depth)
{
	if (item->u.item.task)
		return item->u.item.checked ? "\xe2\x98\x91" : "\xe2\x98\x90";
	if (!list->u.list.ordered)
		return bullet(a, t, depth);
	const char *o = t->ordered != NULL && *t->ordered ? t->ordered : "1";
	switch (o[(size_t)depth % strlen(o)]) {
	case 'a':
		return arena_printf(a, "%s)", letters(a, num, 'a'));
	case 'A':
		return arena_printf(a, "%s)", letters(a, num, 'A'));
	case 'i':
		return arena_printf(a, "%s)", roman(a, num, false));
	case 'I':
		return arena_printf(a, "%s)", roman(a, num, true));
	default:
		return arena_printf(a, "%d.", num);
	}
}

const char *
paper_exempt_list(struct arena *a, const int *x, size_t n)
{
	char buf[64] = "";
	for (size_t i = 0; i < n && i < 7; i++) {
		char one[16];
		snprintf(one, sizeof one, "%s%d",
		    i == 0         ? "" :
		        i + 1 == n ? " and " :
		                     ", ",
		    x[i]);
		strcat(buf, one);
	}
	return arena_strdup(a, buf);
}

static const char *
long_date(struct arena *a, struct date d)
{
	if (d.year == 0)
		return "";
	char buf[32];
	date_long(d, buf);
	return arena_strdup(a, buf);
}

/* The strings joined with sep, in the arena; "" for none. */
static const char *
join(struct arena *a, const char *const *v, size_t n, const char *sep)
{
	size_t len = 1;
	for (size_t i = 0; i < n; i++)
		len += strlen(v[i]) + strlen(sep);
	char *s = arena_alloc(a, len);
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			strcat(s, sep);
		strcat(s, v[i]);
	}
	return s;
}

/* The committees' names ({committees}) or their dates ({dates}). */
static const char *
committees(struct arena *a, const struct meta *m, bool names)
{
	const char **v = arena_alloc(a, (m->ncommittees + 1) * sizeof *v);
	for (size_t i = 0; i < m->ncommittees; i++)
		v[i] = names ? m->committees[i].name :
		               long_date(a, m->committees[i].date);
	return join(a, v, m->ncommittees, ", ");
}

static const char *
lookup_raw(struct paper_fill *f, const char *name)
{
	struct arena *a = f->a;
	const struct meta *m = &f->p->meta;
	const struct committee *c = f->c != NULL ? f->c :
	    m->ncommittees > 0                   ? &m->committees[0] :
	                                           NULL;
	if (strcmp(name, "committee") == 0)
		return c ? c->name : NULL;
	if (strcmp(name, "committee_date") == 0 || strcmp(name, "date") == 0)
		return c ? long_date(a, c->date) : NULL;
	if (strcmp(name, "committee_purpose") == 0)
		return c ? purpose_label(c->purpose) : NULL;
	if (strcmp(name, "committees") == 0 || strcmp(name, "dates") == 0)
		return committees(a, m, name[0] == 'c');
	if (strcmp(name, "subject") == 0)
		return m->subject;
	if (strcmp(name, "classification") == 0)
		return m->public ? "Public" : "Non-Public";
	if (strcmp(name, "report_of") == 0)
		return join(a, m->report_of, m->nreport_of, "\n");
	if (strcmp(name, "purpose") == 0)
		return purpose_label(paper_purpose(f->p));
	if (strcmp(name, "report_author") == 0)
		return m->report_author;
	if (strcmp(name, "reference") == 0)
		return m->reference;
	if (strcmp(name, "time") == 0)
		return m->time;
	if (strcmp(name, "venue") == 0)
		return m->venue;
	if (strcmp(name, "exempt_paragraphs") == 0)
		return paper_exempt_list(a, f->exempt, f->nexempt);
	if (f->page > 0 && strcmp(name, "page") == 0)
		return arena_printf(a, "%zu", f->page);
	if (f->page > 0 && strcmp(name, "pages") == 0)
		return arena_printf(a, "%zu", f->pages);
	for (size_t i = 0; i < m->nextras; i++)
		if (strcmp(m->extras[i].key->name, name) == 0)
			return m->extras[i].value;
	return NULL;
}

const char *
paper_lookup(void *ctx, const char *name)
{
	struct paper_fill *f = ctx;
	const char *v = lookup_raw(f, name);
	return v != NULL && strpbrk(v, "'\"") != NULL ? smart_quotes(f->a, v) :
	                                                v;
}

const char *
paper_contact_lookup(void *ctx, const char *name)
{
	struct paper_fill *f = ctx;
	const struct contact *c = &f->p->meta.contact;
	if (strcmp(name, "name") == 0)
		return c->name ? smart_quotes(f->a, c->name) : NULL;
	if (strcmp(name, "title") == 0)
		return c->title ? smart_quotes(f->a, c->title) : NULL;
	if (strcmp(name, "phone") == 0)
		return c->phone;
	if (strcmp(name, "mobile") == 0)
		return c->mobile;
	if (strcmp(name, "email") == 0)
		return c->email;
	return NULL;
}

const char *
paper_exempt_notice(struct arena *a, const struct paper *p, const int *x,
    size_t n)
{
	if (p->tpl == NULL || p->tpl->exempt_notice == NULL)
		return NULL;
	struct paper_fill f = {a, p, NULL, 0, 0, x, n};
	return template_expand(a, p->tpl->exempt_notice, paper_lookup, &f,
	    NULL);
}

const char *
paper_minutes_day(struct arena *a, const struct paper *p)
{
	const struct meta *m = &p->meta;
	if (m->ncommittees == 0)
		return NULL;
	struct date d = m->committees[0].date;
	return arena_printf(a, "%s, %s", date_weekday(d), long_date(a, d));
}

const char *
paper_minutes_line(struct arena *a, const struct paper *p)
{
	const struct meta *m = &p->meta;
	if (m->ncommittees == 0)
		return NULL;
	return arena_printf(a,
	    "Minutes of the meeting of the %s held%s%s on %s%s%s.",
	    smart_quotes(a, m->committees[0].name), m->venue ? " at " : "",
	    m->venue ? smart_quotes(a, m->venue) : "", paper_minutes_day(a, p),
	    m->time ? " at " : "", m->time ? m->time : "");
}

const char *
paper_appendix_line(struct arena *a, const struct paper *p, size_t i,
    enum edition e, bool routed)
{
	const struct appendix *ap = &p->meta.appendices[i];
	bool away = !ap->public && e == EDITION_PUBLIC;
	if (away && routed && appendix_has_file(ap))
		return arena_printf(a,
		    "Appendix %zu \xe2\x80\x93 non-public, in Part 2 of the "
		    "agenda",
		    i + 1);
	if (away)
		return appendix_listing(a, p, i);
	return arena_printf(a, "Appendix %zu \xe2\x80\x93 %s", i + 1,
	    ap->title ? ap->title : "");
}

const char *
paper_xref_text(const struct node *xref)
{
	const struct node *t = xref->u.xref.target;
	return t != NULL && t->number != NULL ? t->number : "?";
}

const struct node *
paper_appendix_first(struct arena *a, const struct paper *p, size_t i,
    const struct section *s)
{
	const struct appendix *ap = &p->meta.appendices[i];
	const char *title = ap->title != NULL ? ap->title : "";
	const struct node *first = s->first;
	if (first != NULL && first == ap->doc->sections->first &&
	    first->type == N_SUBHEADING &&
	    (name_equal(node_text(a, first), title) ||
	        name_equal(node_text(a, first), smart_quotes(a, title))))
		return first->next;
	return first;
}
