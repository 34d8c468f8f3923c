/* frontmatter.c: the front matter of a paper or minutes (a YAML tree) read
 * into the model's meta and checked against clerk-paper(5), and the paper's
 * template chosen. Every problem is reported, each at its node. */
#include "frontmatter.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "assets.h"
#include "model.h"
#include "placeholder.h"
#include "source.h"
#include "template.h"
#include "text.h"
#include "yaml.h"
#include "yvalue.h"

/* The keys clerk itself knows, and the kinds of paper that take them. */
enum fkey {
	K_KIND,
	K_TEMPLATE,
	K_COMMITTEES,
	K_COMMITTEE,
	K_DATE,
	K_PURPOSE,
	K_SUBJECT,
	K_REPORT_OF,
	K_REPORT_AUTHOR,
	K_PUBLIC,
	K_EXEMPT,
	K_REFERENCE,
	K_CONTACT,
	K_APPENDICES,
	K_BACKGROUND_PAPERS,
	K_TIME,
	K_VENUE,
	K_PRESENT,
	K_OFFICERS,
	K_IN_ATTENDANCE,
	K__COUNT
};

static const struct {
	const char *name;
	bool report;  /* a key of reports */
	bool minutes; /* a key of minutes */
} keys[K__COUNT] = {
    [K_KIND] = {"kind", true, true},
    [K_TEMPLATE] = {"template", true, true},
    [K_COMMITTEES] = {"committees", true, false},
    [K_COMMITTEE] = {"committee", true, true},
    [K_DATE] = {"date", true, true},
    [K_PURPOSE] = {"purpose", true, false},
    [K_SUBJECT] = {"subject", true, false},
    [K_REPORT_OF] = {"report_of", true, false},
    [K_REPORT_AUTHOR] = {"report_author", true, false},
    [K_PUBLIC] = {"public", true, true},
    [K_EXEMPT] = {"exempt_paragraphs", true, true},
    [K_REFERENCE] = {"reference", true, false},
    [K_CONTACT] = {"contact", true, false},
    [K_APPENDICES] = {"appendices", true, false},
    [K_BACKGROUND_PAPERS] = {"background_papers", true, false},
    [K_TIME] = {"time", false, true},
    [K_VENUE] = {"venue", false, true},
    [K_PRESENT] = {"present", false, true},
    [K_OFFICERS] = {"officers", false, true},
    [K_IN_ATTENDANCE] = {"in_attendance", false, true},
};

static const char *const kind_values[] = {"report", "minutes", NULL};
static const char *const purpose_values[] = {"decision", "information",
    "discussion", NULL};
static const char *const committee_keys[] = {"name", "date", "purpose", NULL};
static const char *const contact_keys[] = {"name", "title", "phone", "mobile",
    "email", NULL};
static const char *const appendix_keys[] = {"title", "file", "public",
    "exempt_paragraphs", NULL};

/* The state of one reading. */
struct fm {
	struct paper *p;
	struct diags *d;
	struct arena *a;
	struct yread y; /* values read into a, messages to d */
	const struct template_set *set;
	enum paper_kind kind;
	struct pos missing; /* where a missing key is reported */
	const struct ynode *given[K__COUNT]; /* the keys of the kind given */
	bool suggested[K__COUNT]; /* an unknown key's "did you mean" named it:
				     not reported missing as well */
	bool has_date;            /* first_date holds the first meeting date */
	struct date first_date;
	struct pos first_date_pos;
};

static bool
has_key(enum fkey k, enum paper_kind kind)
{
	return kind == KIND_MINUTES ? keys[k].minutes : keys[k].report;
}

/* Reports key k missing, unless an unknown key's "did you mean" names it:
 * the author misspelt it, and one message says so. */
static void
missing(struct fm *f, enum fkey k)
{
	if (!f->suggested[k])
		diag(f->d, f->p->path, f->missing, D_MISSING_KEY, keys[k].name,
		    "");
}

/* Notes which of clerk's keys the unknown keys of root most likely mean,
 * before anything is reported missing. */
static void
find_misspellings(struct fm *f, const struct ynode *root)
{
	const char *names[K__COUNT + 1];
	size_t n = 0;
	for (int k = 0; k < K__COUNT; k++)
		if (has_key((enum fkey)k, f->kind))
			names[n++] = keys[k].name;
	names[n] = NULL;
	for (const struct ynode *c = root->first; c != NULL; c = c->next) {
		bool known = false;
		for (size_t i = 0; i < n && !known; i++)
			known = strcmp(c->key, names[i]) == 0;
		if (known)
			continue; /* only unknown keys can be misspellings */
		const char *near = closest(c->key, names);
		if (near == NULL)
			continue;
		for (int k = 0; k < K__COUNT; k++)
			if (strcmp(keys[k].name, near) == 0 &&
			    strcmp(keys[k].name, c->key) != 0)
				f->suggested[k] = true;
	}
}

/* "a report" / "minutes", as D_KEY_NOT_FOR_KIND and D_TEMPLATE_KIND say
 * it; "reports" / "minutes" for a template's kind. */
static const char *
kind_article(enum paper_kind k)
{
	return k == KIND_MINUTES ? "minutes" : "a report";
}

static const char *
kind_plural(enum paper_kind k)
{
	return k == KIND_MINUTES ? "minutes" : "reports";
}

/* ------------------------------------------------------------------ */
/* Values */

/* One of values (NULL-terminated), given as index; -1 (and a message with
 * a "did you mean") when v is none of them. */
static int
get_enum(struct fm *f, const struct ynode *v, const char *key,
    const char *const *values, const char *choices)
{
	const char *s = yv_text(&f->y, v, key);
	if (s == NULL)
		return -1;
	for (int i = 0; values[i] != NULL; i++)
		if (strcmp(s, values[i]) == 0)
			return i;
	diag(f->d, f->p->path, v->pos, D_BAD_ENUM, key, s, choices,
	    did_you_mean(f->a, s, values));
	return -1;
}

static int
get_purpose(struct fm *f, const struct ynode *v, enum purpose *out)
{
	static const enum purpose by_index[] = {PURPOSE_DECISION,
	    PURPOSE_INFORMATION, PURPOSE_DISCUSSION};
	int i = get_enum(f, v, "purpose", purpose_values,
	    "\"decision\", \"information\" or \"discussion\"");
	if (i >= 0)
		*out = by_index[i];
	return i;
}

/* ------------------------------------------------------------------ */
/* Committees */

struct entry {
	struct committee c;
	bool ok;             /* name and date read */
	bool has_purpose;    /* a purpose was given (even a bad one) */
	struct pos date_pos; /* of the date value */
};

static void
note_date(struct fm *f, const struct entry *e)
{
	if (!f->has_date && e->ok) {
		f->has_date = true;
		f->first_date = e->c.date;
		f->first_date_pos = e->date_pos;
	}
}

/* One entry of "committees". */
static void
read_committee_entry(struct fm *f, const struct ynode *m,
    const struct ynode *list, struct entry *e)
{
	e->c.pos = yv_item_pos(m, list);
	e->ok = false;
	if (m->type != Y_MAPPING) {
		diag(f->d, f->p->path, e->c.pos, D_NOT_MAPPING,
		    "each entry of \"committees\"");
		return;
	}
	yv_check_keys(&f->y, m, committee_keys);
	bool good = true;
	const struct ynode *v = ymap_get(m, "name");
	if (v == NULL) {
		diag(f->d, f->p->path, m->pos, D_MISSING_KEY, "name", "");
		good = false;
	} else if ((e->c.name = yv_text(&f->y, v, "name")) == NULL) {
		good = false;
	}
	v = ymap_get(m, "date");
	if (v == NULL) {
		diag(f->d, f->p->path, m->pos, D_MISSING_KEY, "date", "");
		good = false;
	} else {
		e->date_pos = v->pos;
		if (!yv_date(&f->y, v, "date", &e->c.date))
			good = false;
	}
	v = ymap_get(m, "purpose");
	if (v != NULL) {
		e->has_purpose = true;
		get_purpose(f, v, &e->c.purpose);
	}
	e->ok = good;
	note_date(f, e);
}

/* The committees of a report (the list or the shorthand) or the committee
 * of minutes, into meta.committees. */
static void
read_committees(struct fm *f)
{
	struct meta *m = &f->p->meta;
	const struct ynode *list = f->given[K_COMMITTEES];
	const struct ynode *name = f->given[K_COMMITTEE];
	const struct ynode *date = f->given[K_DATE];
	const struct ynode *purpose = f->given[K_PURPOSE];
	bool report = f->kind == KIND_REPORT;

	/* The paper's purpose: the shorthand's, or the default of entries. */
	enum purpose deflt = PURPOSE_NONE;
	bool has_deflt = false;
	if (purpose != NULL) {
		has_deflt = true;
		get_purpose(f, purpose, &deflt);
	}

	struct entry *entries = NULL;
	size_t n = 0;
	if (list != NULL) {
		if (name != NULL)
			diag(f->d, f->p->path, name->key_pos,
			    D_SHORTHAND_WITH_LIST, "committee");
		if (date != NULL)
			diag(f->d, f->p->path, date->key_pos,
			    D_SHORTHAND_WITH_LIST, "date");
		if (yv_empty(list)) {
			diag(f->d, f->p->path, yv_pos(list), D_EMPTY_VALUE,
			    "committees");
		} else if (list->type != Y_SEQUENCE) {
			diag(f->d, f->p->path, list->pos, D_WRONG_TYPE,
			    "committees", "a list");
		} else if (list->count == 0) {
			diag(f->d, f->p->path, list->pos, D_EMPTY_VALUE,
			    "committees");
		} else {
			entries = arena_alloc(f->a,
			    list->count * sizeof(*entries));
			for (const struct ynode *c = list->first; c != NULL;
			     c = c->next)
				read_committee_entry(f, c, list, &entries[n++]);
		}
	} else if (name != NULL || date != NULL) {
		entries = arena_alloc(f->a, sizeof(*entries));
		struct entry *e = &entries[n++];
		bool good = true;
		if (name == NULL) {
			missing(f, K_COMMITTEE);
			good = false;
			e->c.pos = date->key_pos;
		} else {
			e->c.pos = name->key_pos;
			if ((e->c.name = yv_text(&f->y, name, "committee")) ==
			    NULL)
				good = false;
		}
		if (date == NULL) {
			missing(f, K_DATE);
			good = false;
		} else {
			e->date_pos = date->pos;
			if (!yv_date(&f->y, date, "date", &e->c.date))
				good = false;
		}
		e->ok = good;
		note_date(f, e);
	} else if (report) {
		if (!f->suggested[K_COMMITTEE] && !f->suggested[K_COMMITTEES])
			diag(f->d, f->p->path, f->missing, D_NO_COMMITTEE);
	} else {
		missing(f, K_COMMITTEE);
		missing(f, K_DATE);
	}

	m->committees = arena_alloc(f->a, (n ? n : 1) * sizeof(*m->committees));
	for (size_t i = 0; i < n; i++) {
		struct entry *e = &entries[i];
		if (report && !e->has_purpose) {
			if (has_deflt)
				e->c.purpose = deflt;
			else if (e->c.name != NULL)
				diag(f->d, f->p->path, e->c.pos, D_NO_PURPOSE,
				    e->c.name);
		}
		if (e->ok)
			m->committees[m->ncommittees++] = e->c;
	}
}

/* ------------------------------------------------------------------ */
/* Other keys of reports */

/* The list of Schedule 12A paragraphs v (1 to 7, each once) into
 * out[0..*n), ascending. */
static void
read_paragraphs(struct fm *f, const struct ynode *v, int out[7], size_t *n)
{
	bool seen[8] = {false};
	const struct ynode *one = v;
	if (v->type == Y_SEQUENCE) {
		one = v->first;
		if (v->count == 0)
			diag(f->d, f->p->path, v->pos, D_EMPTY_VALUE,
			    "exempt_paragraphs");
	} else if (v->type == Y_MAPPING) {
		diag(f->d, f->p->path, v->pos, D_WRONG_TYPE,
		    "exempt_paragraphs", "a list of numbers 1 to 7");
		one = NULL;
	}
	for (const struct ynode *c = one; c != NULL;
	     c = v->type == Y_SEQUENCE ? c->next : NULL) {
		long k;
		if (c->type != Y_SCALAR) {
			diag(f->d, f->p->path, c->pos, D_WRONG_TYPE,
			    "exempt_paragraphs", "a list of numbers 1 to 7");
			continue;
		}
		if (c != v && yv_empty(c)) {
			diag(f->d, f->p->path, yv_item_pos(c, v), D_EMPTY_VALUE,
			    "exempt_paragraphs");
			continue;
		}
		if (!yv_integer(&f->y, c, "exempt_paragraphs", &k))
			continue;
		if (k < 1 || k > 7) {
			diag(f->d, f->p->path, c->pos, D_EXEMPT_RANGE, c->str);
			continue;
		}
		if (seen[k])
			diag(f->d, f->p->path, c->pos, D_EXEMPT_REPEATED,
			    (int)k);
		seen[k] = true;
	}
	*n = 0;
	for (int k = 1; k <= 7; k++)
		if (seen[k])
			out[(*n)++] = k;
}

static void
read_exempt(struct fm *f)
{
	struct meta *m = &f->p->meta;
	const struct ynode *v = f->given[K_EXEMPT];
	const struct ynode *pub = f->given[K_PUBLIC];
	bool public_ok = true;
	if (pub != NULL) {
		int b = yv_bool(&f->y, pub, "public");
		public_ok = b >= 0;
		m->public = b != 0;
		m->public_pos = pub->key_pos;
	}
	if (v != NULL)
		read_paragraphs(f, v, m->exempt, &m->nexempt);

	if (!public_ok)
		return;
	if (!m->public && v == NULL)
		diag(f->d, f->p->path, pub->key_pos, D_EXEMPT_MISSING);
	else if (m->public && v != NULL)
		diag(f->d, f->p->path, v->key_pos, D_EXEMPT_ON_PUBLIC);
}

static void
read_contact(struct fm *f, const struct ynode *v)
{
	struct contact *c = &f->p->meta.contact;
	if (yv_empty(v)) {
		diag(f->d, f->p->path, yv_pos(v), D_EMPTY_VALUE, "contact");
		return;
	}
	if (v->type != Y_MAPPING) {
		diag(f->d, f->p->path, v->pos, D_NOT_MAPPING, "\"contact\"");
		return;
	}
	if (v->count == 0) {
		diag(f->d, f->p->path, v->pos, D_EMPTY_VALUE, "contact");
		return;
	}
	f->p->meta.has_contact = true;
	yv_check_keys(&f->y, v, contact_keys);
	const struct ynode *x;
	if ((x = ymap_get(v, "name")) != NULL)
		c->name = yv_text(&f->y, x, "name");
	if ((x = ymap_get(v, "title")) != NULL)
		c->title = yv_text(&f->y, x, "title");
	if ((x = ymap_get(v, "phone")) != NULL)
		c->phone = yv_text(&f->y, x, "phone");
	if ((x = ymap_get(v, "mobile")) != NULL)
		c->mobile = yv_text(&f->y, x, "mobile");
	if ((x = ymap_get(v, "email")) != NULL &&
	    (c->email = yv_text(&f->y, x, "email")) != NULL) {
		const char *at = strchr(c->email, '@');
		if (at == NULL || at == c->email ||
		    strchr(at + 1, '.') == NULL || strchr(c->email, ' '))
			diag(f->d, f->p->path, x->pos, D_EMAIL, c->email);
	}
}

/* Whether s ends in ext (".md"), in any case. */
static bool
ends_with(const char *s, const char *ext)
{
	size_t n = strlen(s), k = strlen(ext);
	return n > k && strcasecmp(s + n - k, ext) == 0;
}

static void
read_appendices(struct fm *f, const struct ynode *v)
{
	struct meta *m = &f->p->meta;
	if (yv_empty(v)) {
		diag(f->d, f->p->path, yv_pos(v), D_EMPTY_VALUE, "appendices");
		return;
	}
	if (v->type != Y_SEQUENCE) {
		diag(f->d, f->p->path, v->pos, D_WRONG_TYPE, "appendices",
		    "a list");
		return;
	}
	size_t n = v->count < CLERK_MAX_APPENDICES ? v->count :
	                                             CLERK_MAX_APPENDICES;
	m->appendices = arena_alloc(f->a, (n ? n : 1) * sizeof(*m->appendices));
	size_t k = 0;
	for (const struct ynode *e = v->first; e != NULL; e = e->next) {
		if (k++ == CLERK_MAX_APPENDICES) {
			diag(f->d, f->p->path, yv_item_pos(e, v),
			    D_TOO_MANY_APPENDICES, CLERK_MAX_APPENDICES);
			break;
		}
		if (e->type != Y_MAPPING) {
			diag(f->d, f->p->path, yv_item_pos(e, v), D_NOT_MAPPING,
			    "each entry of \"appendices\"");
			continue;
		}
		yv_check_keys(&f->y, e, appendix_keys);
		struct appendix ap = {.public = true, .pos = e->pos};
		const struct ynode *x = ymap_get(e, "title");
		if (x == NULL)
			diag(f->d, f->p->path, e->pos, D_MISSING_KEY, "title",
			    "");
		else
			ap.title = yv_text(&f->y, x, "title");
		if ((x = ymap_get(e, "file")) != NULL &&
		    (ap.file = yv_text(&f->y, x, "file")) != NULL) {
			ap.file_pos = x->pos;
			ap.is_pdf = ends_with(ap.file, ".pdf");
			if (!ends_with(ap.file, ".md") && !ap.is_pdf) {
				diag(f->d, f->p->path, x->pos,
				    D_APPENDIX_NOT_MARKDOWN, ap.file);
			} else {
				enum asset_status s = asset_resolve(f->a,
				    f->p->dir, ap.file, &ap.path);
				if (s != ASSET_OK) {
					asset_report(f->a, f->d, f->p->path,
					    x->pos, s, f->p->dir, ap.file);
					ap.path = NULL;
				}
			}
		}
		if ((x = ymap_get(e, "public")) != NULL)
			ap.public = yv_bool(&f->y, x, "public") != 0;
		if ((x = ymap_get(e, "exempt_paragraphs")) != NULL) {
			read_paragraphs(f, x, ap.exempt, &ap.nexempt);
			if (ap.public)
				diag(f->d, f->p->path, x->key_pos,
				    D_EXEMPT_ON_PUBLIC);
		} else if (!ap.public && m->public) {
			/* the public edition lists it by its paragraphs,
			 * and a pack's Part 2 cites them */
			diag(f->d, f->p->path, e->pos, D_APPENDIX_PARAGRAPHS,
			    m->nappendices + 1);
		}
		if (ap.title != NULL)
			m->appendices[m->nappendices++] = ap;
	}
}

/* ------------------------------------------------------------------ */
/* The template */

static const char *
period_text(struct fm *f, const struct template *t)
{
	char from[11], to[11];
	date_iso(t->from, from);
	date_iso(t->to, to);
	if (t->has_from && t->has_to)
		return arena_printf(f->a, "from %s to %s", from, to);
	if (t->has_from)
		return arena_printf(f->a, "from %s", from);
	if (t->has_to)
		return arena_printf(f->a, "until %s", to);
	return "always";
}

/* The newest template of kind, else any of kind (one without a period):
 * for checking the body when no meeting date says which. */
static const struct template *
newest(const struct template_set *set, enum paper_kind kind)
{
	const struct template *t = template_latest(set, kind);
	for (size_t i = 0; t == NULL && i < set->count; i++)
		if (set->items[i]->kind == kind)
			t = set->items[i];
	return t;
}

/* Sets p->tpl: the template named, else the one in force on the first
 * meeting date, else the newest of the kind. */
static void
choose_template(struct fm *f)
{
	struct paper *p = f->p;
	const struct ynode *v = f->given[K_TEMPLATE];
	if (v != NULL) {
		const char *id = yv_text(&f->y, v, "template");
		if (id != NULL) {
			const struct template *t = template_find(f->set, id);
			if (t == NULL) {
				const char **ids = arena_alloc(f->a,
				    (f->set->count + 1) * sizeof(*ids));
				for (size_t i = 0; i < f->set->count; i++)
					ids[i] = f->set->items[i]->id;
				diag(f->d, p->path, v->pos, D_UNKNOWN_TEMPLATE,
				    id, did_you_mean(f->a, id, ids));
			} else if (t->kind != f->kind) {
				diag(f->d, p->path, v->pos, D_TEMPLATE_KIND, id,
				    kind_plural(t->kind),
				    kind_article(f->kind));
			} else {
				p->meta.template_id = t->id;
				p->tpl = t;
				return;
			}
		}
	}
	/* No usable template named: choose one so the rest can be checked;
	 * when one was named wrongly, its error is enough. */
	if (f->has_date) {
		bool nearest = false;
		p->tpl = template_select(f->set, f->kind, f->first_date,
		    &nearest);
		if (p->tpl != NULL && nearest && v == NULL) {
			char iso[11];
			date_iso(f->first_date, iso);
			diag(f->d, p->path, f->first_date_pos,
			    D_TEMPLATE_NEAREST, kind_name(f->kind), iso,
			    p->tpl->id, period_text(f, p->tpl));
		}
	}
	if (p->tpl == NULL)
		p->tpl_guessed = true, p->tpl = newest(f->set, f->kind);
	if (p->tpl == NULL) {
		const struct ynode *k = f->given[K_KIND];
		diag(f->d, p->path, k ? k->pos : pos_at(1, 1), D_TEMPLATE_NONE,
		    kind_plural(f->kind));
	}
}

/* The template's own keys: each typed value as text into meta.extras, and
 * the required ones checked. */
static void
read_template_keys(struct fm *f, const struct ynode *root)
{
	const struct template *t = f->p->tpl;
	struct meta *m = &f->p->meta;
	if (t == NULL || t->nkeys == 0)
		return;
	m->extras = arena_alloc(f->a, t->nkeys * sizeof(*m->extras));
	for (size_t i = 0; i < t->nkeys; i++) {
		const struct tpl_key *k = &t->keys[i];
		bool builtin = false;
		for (int j = 0; j < K__COUNT && !builtin; j++)
			builtin = has_key((enum fkey)j, f->kind) &&
			    strcmp(keys[j].name, k->name) == 0;
		if (builtin)
			continue;
		const struct ynode *v = ymap_get(root, k->name);
		if (v == NULL) {
			if (k->required)
				diag(f->d, f->p->path, f->missing,
				    D_MISSING_KEY, k->name,
				    arena_printf(f->a, " (template %s)",
				        t->id));
			continue;
		}
		const char *text = NULL;
		switch (k->type) {
		case KEY_STRING:
			text = yv_text(&f->y, v, k->name);
			break;
		case KEY_DATE: {
			struct date dt;
			if (yv_date(&f->y, v, k->name, &dt)) {
				char iso[11];
				date_iso(dt, iso);
				text = arena_strdup(f->a, iso);
			}
			break;
		}
		case KEY_INTEGER: {
			long n;
			if (yv_integer(&f->y, v, k->name, &n))
				text = arena_printf(f->a, "%ld", n);
			break;
		}
		case KEY_BOOLEAN: {
			int b = yv_bool(&f->y, v, k->name);
			if (b >= 0)
				text = b ? "true" : "false";
			break;
		}
		case KEY_LIST: {
			size_t n;
			bool ok;
			const char **items = yv_list(&f->y, v, k->name, false,
			    false, &n, &ok);
			if (!ok)
				break;
			size_t len = 1;
			for (size_t j = 0; j < n; j++)
				len += strlen(items[j]) + 2;
			char *s = arena_alloc(f->a, len);
			for (size_t j = 0; j < n; j++) {
				if (j > 0)
					strcat(s, "; ");
				strcat(s, items[j]);
			}
			text = s;
			break;
		}
		}
		if (text != NULL)
			m->extras[m->nextras++] = (struct extra){.key = k,
			    .value = text,
			    .pos = v->pos};
	}
}

/* Is name a key the template declares? */
static bool
template_key(const struct template *t, const char *name)
{
	for (size_t i = 0; t != NULL && i < t->nkeys; i++)
		if (strcmp(t->keys[i].name, name) == 0)
			return true;
	return false;
}

/* Reports every key of root that is neither clerk's for this kind nor the
 * template's. */
static void
check_root_keys(struct fm *f, const struct ynode *root)
{
	const struct template *t = f->p->tpl;
	for (const struct ynode *c = root->first; c != NULL; c = c->next) {
		int k = 0;
		while (k < K__COUNT && strcmp(keys[k].name, c->key) != 0)
			k++;
		if (k < K__COUNT && has_key((enum fkey)k, f->kind))
			continue;
		if (template_key(t, c->key))
			continue;
		if (k < K__COUNT) {
			diag(f->d, f->p->path, c->key_pos, D_KEY_NOT_FOR_KIND,
			    c->key, kind_article(f->kind));
			continue;
		}
		size_t n = 0;
		const char **names = arena_alloc(f->a,
		    (K__COUNT + (t ? t->nkeys : 0) + 1) * sizeof(*names));
		for (int j = 0; j < K__COUNT; j++)
			if (has_key((enum fkey)j, f->kind))
				names[n++] = keys[j].name;
		for (size_t j = 0; t != NULL && j < t->nkeys; j++)
			names[n++] = t->keys[j].name;
		names[n] = NULL;
		const char *near = closest(c->key, names);
		for (int j = 0; near != NULL && j < K__COUNT; j++)
			if (strcmp(keys[j].name, near) == 0)
				f->suggested[j] = true;
		diag(f->d, f->p->path, c->key_pos, D_UNKNOWN_KEY, c->key,
		    did_you_mean(f->a, c->key, names));
	}
}

/* ------------------------------------------------------------------ */

static void
required(struct fm *f, enum fkey k)
{
	if (f->given[k] == NULL)
		missing(f, k);
}

bool
frontmatter_read(struct paper *p, struct diags *d, const struct ynode *root,
    const struct template_set *set)
{
	size_t errors = diags_errors(d);
	struct fm f = {.p = p,
	    .d = d,
	    .a = p->arena,
	    .set = set,
	    .y = {p->arena, d, p->path},
	    .kind = KIND_REPORT,
	    .missing = {p->src->front_end_line, 1}};
	struct meta *m = &p->meta;
	memset(m, 0, sizeof(*m));
	m->public = true;
	p->tpl = NULL;

	if (root != NULL && root->type != Y_MAPPING) {
		diag(d, p->path, root->pos, D_NOT_MAPPING, "front matter");
		p->front_unread = true;
		p->tpl_guessed = true, p->tpl = newest(set, KIND_REPORT);
		return false;
	}
	if (root == NULL && !yv_front_blank(p->src)) {
		/* The YAML could not be parsed: its error is enough. */
		p->front_unread = true;
		p->tpl_guessed = true, p->tpl = newest(set, KIND_REPORT);
		return diags_errors(d) == errors;
	}

	const struct ynode *v = ymap_get(root, "kind");
	if (v != NULL) {
		int k = get_enum(&f, v, "kind", kind_values,
		    "\"report\" or \"minutes\"");
		if (k < 0 && v->type == Y_SCALAR && !yv_empty(v))
			/* Go on as the kind it most likely means. */
			k = closest(v->str, kind_values) == kind_values[1];
		f.kind = k == 1 ? KIND_MINUTES : KIND_REPORT;
	}
	m->kind = f.kind;
	for (int k = 0; k < K__COUNT; k++)
		if (has_key((enum fkey)k, f.kind))
			f.given[k] = ymap_get(root, keys[k].name);

	if (root != NULL)
		find_misspellings(&f, root);
	read_committees(&f);
	choose_template(&f);
	if (root != NULL) {
		check_root_keys(&f, root);
		read_template_keys(&f, root);
	}
	read_exempt(&f);

	bool ok;
	if ((v = f.given[K_SUBJECT]) != NULL)
		m->subject = yv_text(&f.y, v, "subject");
	if ((v = f.given[K_REPORT_OF]) != NULL)
		m->report_of = yv_list(&f.y, v, "report_of", true, true,
		    &m->nreport_of, &ok);
	if ((v = f.given[K_REPORT_AUTHOR]) != NULL)
		m->report_author = yv_text(&f.y, v, "report_author");
	if ((v = f.given[K_REFERENCE]) != NULL)
		m->reference = yv_text(&f.y, v, "reference");
	if ((v = f.given[K_CONTACT]) != NULL)
		read_contact(&f, v);
	if ((v = f.given[K_APPENDICES]) != NULL)
		read_appendices(&f, v);
	if ((v = f.given[K_BACKGROUND_PAPERS]) != NULL)
		m->background_papers = yv_list(&f.y, v, "background_papers",
		    false, false, &m->nbackground_papers, &ok);
	if ((v = f.given[K_TIME]) != NULL)
		m->time = yv_text(&f.y, v, "time");
	if ((v = f.given[K_VENUE]) != NULL)
		m->venue = yv_text(&f.y, v, "venue");
	if ((v = f.given[K_PRESENT]) != NULL)
		m->present = yv_list(&f.y, v, "present", false, true,
		    &m->npresent, &ok);
	if ((v = f.given[K_OFFICERS]) != NULL)
		m->officers = yv_list(&f.y, v, "officers", false, false,
		    &m->nofficers, &ok);
	if ((v = f.given[K_IN_ATTENDANCE]) != NULL)
		m->in_attendance = yv_list(&f.y, v, "in_attendance", false,
		    false, &m->nin_attendance, &ok);

	if (root != NULL)
		yv_placeholders(&f.y, root);
	if (f.kind == KIND_REPORT) {
		required(&f, K_SUBJECT);
		required(&f, K_REPORT_OF);
	} else {
		required(&f, K_PRESENT);
	}
	return diags_errors(d) == errors;
}
