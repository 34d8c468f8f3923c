/* structure.c: the body's top-level blocks made into the template's
 * sections (or the items of minutes) and checked against the template;
 * paragraphs numbered; cross-references resolved. */
#include "structure.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "assets.h"
#include "model.h"
#include "placeholder.h"
#include "source.h"

struct builder {
	struct paper *p;
	struct diags *d;
	struct arena *a;
	const struct template *t;
	struct section *cur;   /* where blocks go; NULL: nowhere yet */
	struct section *tail;  /* the last section made */
	bool heading_seen;     /* a section heading (level 1-2) was met */
	bool orphan;           /* blocks came before any section */
	struct pos orphan_pos; /* the first of them */
	struct node *loose;    /* blocks in no section (before the first,
				     under a heading reported as wrong, or
				     all of them without a template): still
				     checked for references and images */
	struct node *loose_last;
	const char **candidates; /* headings and aliases, for "did you
				     mean"; NULL-terminated; made on demand */
	bool *misspelt;          /* per template section: an unknown
				     heading's "did you mean" named it, so
				     it is not reported missing as well */
	bool *named;             /* per template section: a heading of the
				     body names it as spelt (build_report) */
};

/* ------------------------------------------------------------------ */
/* Helpers */

static void
section_append(struct section *s, struct node *n)
{
	n->parent = NULL;
	n->next = NULL;
	n->prev = s->last;
	if (s->last != NULL)
		s->last->next = n;
	else
		s->first = n;
	s->last = n;
}

static struct section *
section_new(struct builder *b, const struct tpl_section *def,
    const char *heading, struct pos pos)
{
	struct section *s = arena_alloc(b->a, sizeof(*s));
	s->def = def;
	s->heading = heading;
	s->pos = pos;
	if (b->tail != NULL)
		b->tail->next = s;
	else
		b->p->sections = s;
	b->tail = s;
	b->p->nsections++;
	return s;
}

static size_t
section_index(const struct template *t, const struct tpl_section *def)
{
	return (size_t)(def - t->sections);
}

/* The end of the file: where a message about something missing at the end
 * of the body points. */
static struct pos
end_pos(const struct paper *p)
{
	if (p->src == NULL)
		return (struct pos){0, 0};
	int n = p->src->nlines > 0 ? (int)p->src->nlines : 1;
	return (struct pos){n, 1};
}

/* A block goes to the current section. Before the first section (the
 * first is remembered for D_TEXT_BEFORE_SECTION) or after a heading that
 * names no usable section (already reported), it is kept aside. */
static void
place(struct builder *b, struct node *n)
{
	if (b->cur != NULL) {
		section_append(b->cur, n);
		return;
	}
	if (!b->heading_seen && !b->orphan) {
		b->orphan = true;
		b->orphan_pos = n->pos;
	}
	n->parent = n->next = NULL;
	n->prev = b->loose_last;
	if (b->loose_last != NULL)
		b->loose_last->next = n;
	else
		b->loose = n;
	b->loose_last = n;
}

/* Every heading and alias of the template, for "did you mean". */
static const char *const *
candidates(struct builder *b)
{
	if (b->candidates != NULL)
		return b->candidates;
	size_t n = 1;
	for (size_t i = 0; i < b->t->nsections; i++)
		n += 1 + b->t->sections[i].naliases;
	const char **c = arena_alloc(b->a, (n + 1) * sizeof(*c));
	size_t k = 0;
	for (size_t i = 0; i < b->t->nsections; i++) {
		const struct tpl_section *s = &b->t->sections[i];
		c[k++] = s->heading;
		for (size_t j = 0; j < s->naliases; j++)
			c[k++] = s->aliases[j];
	}
	if (b->t->main_heading != NULL)
		c[k++] = b->t->main_heading;
	c[k] = NULL;
	b->candidates = c;
	return c;
}

/* ------------------------------------------------------------------ */
/* Sections of a report */

/* The longest candidate that title begins with, as a whole word
 * ("Background Information" begins with "Background"); NULL if none. */
static const char *
heading_prefix(const char *title, const char *const *cands)
{
	const char *best = NULL;
	size_t best_len = 0;
	for (size_t i = 0; cands[i] != NULL; i++) {
		size_t n = strlen(cands[i]);
		if (n > best_len && strncasecmp(title, cands[i], n) == 0 &&
		    (title[n] == ' ' || title[n] == ':' || title[n] == '-')) {
			best = cands[i];
			best_len = n;
		}
	}
	return best;
}

/* Opens the section def at a heading (title as compared, written as the
 * author typed it, which the section keeps): reported when
 * the template puts it before a section already written. Reported once,
 * at the section written too late, naming the first section written before
 * it that the template puts after it. */
static void
open_section(struct builder *b, const struct tpl_section *def,
    const char *title, const char *written, struct pos pos)
{
	const struct template *t = b->t;
	for (struct section *s = b->p->sections; s != NULL; s = s->next)
		if (section_index(t, s->def) > section_index(t, def)) {
			diag(b->d, b->p->path, pos, D_SECTION_ORDER, title,
			    s->heading, t->id);
			break;
		}
	b->cur = section_new(b, def, written, pos);
}

/* Is def already a section of the paper, or named by a heading still to
 * come? */
static bool
section_taken(const struct builder *b, const struct tpl_section *def)
{
	if (b->named != NULL && b->named[section_index(b->t, def)])
		return true;
	for (const struct section *s = b->p->sections; s != NULL; s = s->next)
		if (s->def == def)
			return true;
	return false;
}

/* A heading of level 1 or 2 that names a sub-heading the current section
 * allows ("## Financial implications" inside the implications): one
 * error, and the heading is taken as that sub-heading, so that nothing
 * else is reported about it. A near miss of the name counts when the
 * heading is near no section. Returns false when it names none. */
static bool
subheading_too_high(struct builder *b, struct node *n, const char *title,
    bool near_section)
{
	const struct section *cur = b->cur;
	if (cur == NULL || cur->def == NULL || cur->def->nsubheadings == 0)
		return false;
	const struct tpl_section *def = cur->def;
	const char **names = arena_alloc(b->a,
	    (def->nsubheadings + 1) * sizeof(*names));
	const char *meant = NULL;
	for (size_t i = 0; i < def->nsubheadings; i++) {
		names[i] = def->subheadings[i].heading;
		if (name_equal(names[i], title))
			meant = names[i];
	}
	if (meant == NULL && !near_section)
		meant = closest(title, names);
	if (meant == NULL)
		return false;
	diag(b->d, b->p->path, n->pos, D_SUBHEADING_LEVEL, title, cur->heading,
	    meant);
	if (!name_equal(meant, title)) {
		/* Checked as the sub-heading it was said to be. */
		while (n->first != NULL)
			node_remove(n->first);
		struct node *text = node_new(b->a, N_TEXT, n->pos);
		text->text = meant;
		node_append(n, text);
	}
	n->u.heading.level = 1;
	place(b, n);
	return true;
}

/* A heading of level 1 or 2 in a report. */
static void
report_heading(struct builder *b, struct node *n)
{
	const struct template *t = b->t;
	const char *written = node_text(b->a, n);
	/* compared and reported with pasted spaces as spaces */
	const char *title = text_plain_spaces(b->a, written);
	const struct tpl_section *def = template_section(t, title);
	if (def == NULL) {
		if (t->main_heading != NULL &&
		    name_equal(title, t->main_heading)) {
			b->heading_seen = true;
			return; /* printed by the template itself */
		}
		if (!t->strict) {
			n->u.heading.level = 1; /* a sub-heading */
			place(b, n);
			return;
		}
		b->heading_seen = true;
		const char *near = closest(title, candidates(b));
		if (subheading_too_high(b, n, title, near != NULL))
			return;
		if (near == NULL)
			near = heading_prefix(title, candidates(b));
		const char *hint;
		const struct tpl_section *meant = NULL;
		if (near != NULL) {
			meant = template_section(t, near);
			if (b->misspelt == NULL)
				b->misspelt = arena_alloc(b->a,
				    t->nsections + 1);
			if (meant != NULL)
				b->misspelt[meant - t->sections] = true;
			hint = arena_printf(b->a, " (did you mean \"%s\"?)",
			    near);
		} else {
			hint = arena_printf(b->a,
			    "; \"clerk templates %s\" "
			    "lists its sections",
			    t->id);
		}
		diag(b->d, b->p->path, n->pos, D_UNKNOWN_SECTION, title, t->id,
		    hint);
		/* The message says which section was meant: its blocks are
		 * that section's, so that nothing follows from the spelling
		 * (labels, numbers, the section missing). Else they stay in
		 * the current section, still checked. */
		if (meant != NULL && meant->from_key == NULL &&
		    !section_taken(b, meant))
			open_section(b, meant, title, written, n->pos);
		else if (meant != NULL && meant->from_key != NULL)
			b->cur = NULL; /* as the list under it would be */
		return;
	}
	b->heading_seen = true;
	if (def->from_key != NULL) {
		diag(b->d, b->p->path, n->pos, D_SECTION_FROM_KEY, title,
		    def->from_key);
		b->cur = NULL; /* the list written here is dropped */
		return;
	}
	for (struct section *s = b->p->sections; s != NULL; s = s->next)
		if (s->def == def) {
			diag(b->d, b->p->path, n->pos, D_SECTION_REPEATED,
			    title, s->pos.line);
			b->cur = s;
			return;
		}
	open_section(b, def, title, written, n->pos);
}

/* Missing sections are reported at the heading of the first present
 * section that the template puts after the missing one, that is where the
 * author should insert it; when none follows, at the last line of the
 * file, since it belongs at the end of the body. */
static void
check_missing(struct builder *b)
{
	const struct template *t = b->t;
	bool decision = paper_purpose(b->p) == PURPOSE_DECISION;
	for (size_t i = 0; i < t->nsections; i++) {
		const struct tpl_section *def = &t->sections[i];
		if (def->from_key != NULL)
			continue;
		bool present = false;
		for (struct section *s = b->p->sections; s; s = s->next)
			present = present || s->def == def;
		if (present || (b->misspelt != NULL && b->misspelt[i]))
			continue;
		enum diag_id id;
		if (def->required == REQUIRED_YES)
			id = D_MISSING_SECTION;
		else if (def->required == REQUIRED_DECISION && decision)
			id = D_MISSING_DECISION_SECTION;
		else
			continue;
		struct pos where = end_pos(b->p);
		size_t best = (size_t)-1;
		for (struct section *s = b->p->sections; s; s = s->next) {
			size_t k = section_index(t, s->def);
			if (k > i && k < best) {
				best = k;
				where = s->pos;
			}
		}
		if (id == D_MISSING_SECTION)
			diag(b->d, b->p->path, where, D_MISSING_SECTION,
			    def->heading, t->id);
		else
			diag(b->d, b->p->path, where,
			    D_MISSING_DECISION_SECTION, def->heading, t->id);
	}
}

/* A sub-heading has text when a block other than a heading comes before
 * the next sub-heading of its level or above. */
static bool
has_text(const struct node *h)
{
	for (const struct node *n = h->next; n != NULL; n = n->next) {
		if (n->type != N_SUBHEADING)
			return true;
		if (n->u.heading.level <= h->u.heading.level)
			return false;
	}
	return false;
}

/* The sub-headings (level 1) of a section against those its template
 * names. Deeper sub-headings are the author's own. */
static void
check_subheadings(struct builder *b, struct section *sec)
{
	const struct tpl_section *def = sec->def;
	size_t ns = def->nsubheadings;
	const struct node **seen = arena_alloc(b->a, (ns + 1) * sizeof(*seen));
	const char **seen_title = arena_alloc(b->a, (ns + 1) * sizeof(char *));
	size_t *order = arena_alloc(b->a, (ns + 1) * sizeof(*order));
	size_t norder = 0;
	const char **names = arena_alloc(b->a, (ns + 1) * sizeof(*names));
	for (size_t i = 0; i < ns; i++)
		names[i] = def->subheadings[i].heading;

	for (struct node *n = sec->first; n != NULL; n = n->next) {
		if (n->type != N_SUBHEADING || n->u.heading.level != 1)
			continue;
		const char *title = text_plain_spaces(b->a, node_text(b->a, n));
		size_t k = 0;
		while (k < ns && !name_equal(names[k], title))
			k++;
		if (k == ns) {
			if (def->only_subheadings)
				diag(b->d, b->p->path, n->pos,
				    D_SUBHEADING_NOT_ALLOWED, title,
				    sec->heading,
				    did_you_mean(b->a, title, names));
			continue;
		}
		if (seen[k] != NULL) {
			diag(b->d, b->p->path, n->pos, D_SUBHEADING_REPEATED,
			    title, seen[k]->pos.line);
			continue;
		}
		for (size_t j = 0; j < norder; j++)
			if (order[j] > k) {
				diag(b->d, b->p->path, n->pos,
				    D_SUBHEADING_ORDER, title,
				    seen_title[order[j]], b->t->id);
				break;
			}
		seen[k] = n;
		seen_title[k] = title;
		order[norder++] = k;
		if (!has_text(n))
			diag(b->d, b->p->path, n->pos, D_SUBHEADING_EMPTY,
			    title);
	}
	for (size_t k = 0; k < ns; k++)
		if (def->subheadings[k].required && seen[k] == NULL)
			diag(b->d, b->p->path, sec->pos, D_SUBHEADING_MISSING,
			    names[k], sec->heading, b->t->id);
}

/* ------------------------------------------------------------------ */
/* Numbering */

struct counter {
	int continuous; /* paragraphs numbered so far, across sections */
	int section;    /* numbered sections so far */
	int local;      /* paragraphs numbered in this section */
};

/* Gives n the next number; returns its automatic number as an integer
 * (the last part for section-decimal numbering). */
static int
number_next(struct builder *b, struct counter *c, struct node *n)
{
	c->continuous++;
	c->local++;
	if (b->t->numbering == NUMBERING_DECIMAL) {
		n->number = arena_printf(b->a, "%d.%d", c->section, c->local);
		return c->local;
	}
	n->number = arena_printf(b->a, "%d", c->continuous);
	return c->continuous;
}

/* The section's only ordered list, when its blocks are exactly that list
 * (sub-headings aside); else NULL. */
static struct node *
typed_list(const struct section *sec)
{
	struct node *list = NULL;
	for (struct node *n = sec->first; n != NULL; n = n->next) {
		if (n->type == N_SUBHEADING)
			continue;
		if (list != NULL || n->type != N_LIST || !n->u.list.ordered)
			return NULL;
		list = n;
	}
	return list;
}

/* The number the author typed before the list item at pos ("6." or "6)"),
 * read from the source, as CommonMark keeps only a list's first number;
 * fallback when no digits stand there. */
static long
typed_number(const struct source *src, struct pos pos, long fallback)
{
	size_t len, i = 0;
	const char *line = source_line(src, pos.line, &len);
	/* pos.col counts characters: step over pos.col - 1 of them. */
	for (int col = 1; col < pos.col && i < len; col++) {
		i++;
		while (i < len && ((unsigned char)line[i] & 0xC0) == 0x80)
			i++;
	}
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	long v = 0;
	size_t digits = 0;
	while (i < len && line[i] >= '0' && line[i] <= '9' && digits < 9) {
		v = v * 10 + (line[i++] - '0');
		digits++;
	}
	return digits > 0 && i < len && (line[i] == '.' || line[i] == ')') ?
	    v :
	    fallback;
}

/* A legacy paper's typed numbers: the items of the list become the
 * section's numbered paragraphs (the first block of each takes the
 * number), and a typed number that differs from clerk's is a warning.
 * The typed number is the one written before each item, even where
 * CommonMark would ignore it (4, 6 reads as 4, 5). */
static void
number_typed_list(struct builder *b, struct counter *c, struct section *sec,
    struct node *list)
{
	struct node *before = list->prev, *after = list->next;
	struct node *head = NULL, *tail = NULL;
	long typed = list->u.list.start;
	for (struct node *item = list->first; item != NULL;
	     item = item->next, typed++) {
		if (item->first == NULL) /* an empty item keeps its number */
			node_append(item,
			    node_new(b->a, N_PARAGRAPH, item->pos));
		bool first = true;
		for (struct node *n = item->first, *next; n != NULL; n = next) {
			next = n->next;
			n->parent = NULL;
			n->prev = tail;
			n->next = NULL;
			if (tail != NULL)
				tail->next = n;
			else
				head = n;
			tail = n;
			if (!first)
				continue;
			first = false;
			int automatic = number_next(b, c, n);
			long written = typed_number(b->p->src, item->pos,
			    typed);
			if (written != automatic)
				diag(b->d, b->p->path, item->pos,
				    D_TYPED_NUMBER, (int)written, n->number);
		}
	}
	head->prev = before;
	if (before != NULL)
		before->next = head;
	else
		sec->first = head;
	tail->next = after;
	if (after != NULL)
		after->prev = tail;
	else
		sec->last = tail;
}

/* A paragraph that holds only images (a figure) is not numbered: it
 * illustrates the paragraph before it. */
static bool
is_figure(const struct node *para)
{
	bool image = false;
	for (const struct node *c = para->first; c != NULL; c = c->next) {
		if (c->type == N_IMAGE)
			image = true;
		else if (c->type != N_SOFTBREAK && c->type != N_LINEBREAK &&
		    !(c->type == N_TEXT && c->text[strspn(c->text, " ")] == 0))
			return false;
	}
	return image;
}

static void
number_paragraphs(struct builder *b)
{
	if (b->t->numbering == NUMBERING_NONE)
		return;
	struct counter c = {0, 0, 0};
	for (struct section *sec = b->p->sections; sec; sec = sec->next) {
		if (sec->def == NULL || !sec->def->numbered)
			continue;
		c.section++;
		c.local = 0;
		if (b->t->numbering == NUMBERING_DECIMAL)
			sec->number = arena_printf(b->a, "%d", c.section);
		struct node *list = typed_list(sec);
		if (list != NULL && list->first != NULL) {
			number_typed_list(b, &c, sec, list);
			continue;
		}
		for (struct node *n = sec->first; n != NULL; n = n->next)
			if (n->type == N_PARAGRAPH && !is_figure(n))
				(void)number_next(b, &c, n);
	}
}

/* An indented code block at the top of a numbered section is most likely
 * prose whose lines were indented with a tab (as a word processor indents
 * a paragraph's first line) after a blank line: CommonMark makes such
 * lines code. A warning at its first line. */
static void
check_indented_code(struct builder *b)
{
	if (b->t->numbering == NUMBERING_NONE)
		return;
	for (struct section *sec = b->p->sections; sec; sec = sec->next) {
		if (sec->def == NULL || !sec->def->numbered)
			continue;
		for (struct node *n = sec->first; n != NULL; n = n->next)
			if (n->type == N_CODE_BLOCK && n->u.code.indented)
				diag(b->d, b->p->path, pos_at(n->pos.line, 1),
				    D_INDENTED_CODE);
	}
}

/* ------------------------------------------------------------------ */
/* Cross-references */

struct label {
	const char *name;
	struct node *node;
	size_t seq; /* order met, so that the first of equals wins */
	bool loose; /* in a block of no section */
};

struct labels {
	struct label *items;
	size_t n, cap;
	bool loose; /* collecting from blocks of no section */
};

static int
label_cmp(const void *x, const void *y)
{
	const struct label *a = x, *b = y;
	int c = strcmp(a->name, b->name);
	if (c != 0)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int
label_key_cmp(const void *key, const void *y)
{
	return strcmp(key, ((const struct label *)y)->name);
}

/* Applies fn to every node under the blocks from first on (linked by
 * next, each the root of its subtree). */
static void
walk_blocks(struct node *first,
    void (*fn)(struct builder *, void *, struct node *), struct builder *b,
    void *ctx)
{
	for (struct node *top = first; top != NULL; top = top->next)
		for (struct node *n = top; n != NULL;
		     n = node_walk_next(n, top))
			fn(b, ctx, n);
}

static void
walk_paper(struct builder *b,
    void (*fn)(struct builder *, void *, struct node *), void *ctx, bool *loose)
{
	for (struct section *s = b->p->sections; s != NULL; s = s->next)
		walk_blocks(s->first, fn, b, ctx);
	walk_blocks(b->p->footnotes, fn, b, ctx);
	if (loose != NULL)
		*loose = true;
	walk_blocks(b->loose, fn, b, ctx);
}

static void
collect_label(struct builder *b, void *ctx, struct node *n)
{
	struct labels *l = ctx;
	(void)b;
	if (n->label == NULL)
		return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		l->items = arena_grow(b->a, l->items, l->n, cap,
		    sizeof(*l->items));
		l->cap = cap;
	}
	l->items[l->n] = (struct label){n->label, n, l->n, l->loose};
	l->n++;
}

struct resolver {
	struct labels *labels;
	const char **names; /* distinct labels, NULL-terminated */
};

static void
resolve_xref(struct builder *b, void *ctx, struct node *n)
{
	struct resolver *r = ctx;
	if (n->type != N_XREF)
		return;
	const struct label *l = r->labels->n == 0 ?
	    NULL :
	    bsearch(n->u.xref.label, r->labels->items, r->labels->n,
	        sizeof(struct label), label_key_cmp);
	if (l != NULL) {
		/* bsearch may land on any of equals: take the first. */
		while (l > r->labels->items && strcmp(l[-1].name, l->name) == 0)
			l--;
		n->u.xref.target = l->node;
		return;
	}
	diag(b->d, b->p->path, n->pos, D_XREF_UNKNOWN, n->u.xref.label,
	    did_you_mean(b->a, n->u.xref.label, r->names));
}

/* Labels are checked (unique; on numbered paragraphs when there is a
 * template), then every N_XREF of the paper is resolved. */
static void
resolve_references(struct builder *b)
{
	struct labels l = {NULL, 0, 0, false};
	walk_paper(b, collect_label, &l, &l.loose);
	if (l.n > 0)
		qsort(l.items, l.n, sizeof(*l.items), label_cmp);
	const char **names = arena_alloc(b->a, (l.n + 1) * sizeof(*names));
	size_t nn = 0;
	for (size_t i = 0; i < l.n; i++) {
		struct node *n = l.items[i].node;
		if (i > 0 &&
		    strcmp(l.items[i - 1].name, l.items[i].name) == 0) {
			size_t first = i - 1;
			while (first > 0 &&
			    strcmp(l.items[first - 1].name, l.items[i].name) ==
			        0)
				first--;
			diag(b->d, b->p->path, n->label_pos, D_LABEL_REPEATED,
			    n->label, l.items[first].node->label_pos.line);
			continue;
		}
		names[nn++] = l.items[i].name;
		if (b->t != NULL && n->number == NULL && !l.items[i].loose)
			diag(b->d, b->p->path, n->label_pos, D_LABEL_UNNUMBERED,
			    n->label);
	}
	names[nn] = NULL;
	struct resolver r = {&l, names};
	walk_paper(b, resolve_xref, &r, NULL);
}

/* ------------------------------------------------------------------ */
/* The two kinds of paper */

static void
build_report(struct builder *b, struct node *blocks)
{
	const struct template *t = b->t;
	b->named = arena_alloc(b->a, t->nsections + 1);
	for (struct node *n = blocks; n != NULL; n = n->next) {
		if (n->type != N_SUBHEADING || n->u.heading.level > 2)
			continue;
		const struct tpl_section *def = template_section(t,
		    node_text(b->a, n));
		if (def != NULL)
			b->named[section_index(t, def)] = true;
	}
	for (struct node *n = blocks, *next; n != NULL; n = next) {
		next = n->next;
		n->next = n->prev = n->parent = NULL;
		if (n->type == N_SUBHEADING && n->u.heading.level <= 2) {
			report_heading(b, n);
			continue;
		}
		if (n->type == N_SUBHEADING)
			n->u.heading.level = n->u.heading.level > 3 ?
			    n->u.heading.level - 2 :
			    1;
		place(b, n);
	}
	if (b->orphan) {
		const char *first = "<section>";
		for (size_t i = 0; i < t->nsections; i++)
			if (t->sections[i].from_key == NULL) {
				first = t->sections[i].heading;
				break;
			}
		diag(b->d, b->p->path, b->orphan_pos, D_TEXT_BEFORE_SECTION,
		    arena_printf(b->a, "## %s", first));
	}
	check_missing(b);
	for (struct section *s = b->p->sections; s != NULL; s = s->next) {
		if (s->first == NULL)
			diag(b->d, b->p->path, s->pos, D_SECTION_EMPTY,
			    s->heading);
		check_subheadings(b, s);
	}
	number_paragraphs(b);
	check_indented_code(b);
}

/* Minutes: each heading of level 1 or 2 is an item, numbered in order. */
static void
build_minutes(struct builder *b, struct node *blocks)
{
	int items = 0;
	struct pos first = {0, 0};
	if (b->p->src != NULL) {
		int line = b->p->src->body_line;
		if (line > (int)b->p->src->nlines)
			line = (int)b->p->src->nlines;
		first = (struct pos){line > 0 ? line : 1, 1};
	}
	if (blocks != NULL)
		first = blocks->pos;
	for (struct node *n = blocks, *next; n != NULL; n = next) {
		next = n->next;
		n->next = n->prev = n->parent = NULL;
		if (n->type == N_SUBHEADING && n->u.heading.level <= 2) {
			struct section *s = section_new(b, NULL,
			    node_text(b->a, n), n->pos);
			s->number = arena_printf(b->a, "%d", ++items);
			b->cur = s;
			b->heading_seen = true;
			continue;
		}
		if (n->type == N_SUBHEADING)
			n->u.heading.level = n->u.heading.level > 3 ?
			    n->u.heading.level - 2 :
			    1;
		place(b, n);
	}
	if (items == 0)
		diag(b->d, b->p->path, first, D_MINUTES_NO_ITEMS);
	else if (b->orphan)
		diag(b->d, b->p->path, b->orphan_pos, D_TEXT_BEFORE_SECTION,
		    "## <item title>");
}

/* The images of blocks in no section are checked too (every problem in
 * one run), through a section made for the purpose and taken away. */
static void
check_loose_images(struct builder *b)
{
	if (b->loose == NULL)
		return;
	struct section aside = {.first = b->loose, .last = b->loose_last};
	struct section *sections = b->p->sections;
	struct node *notes = b->p->footnotes;
	b->p->sections = &aside;
	b->p->footnotes = NULL;
	assets_check_images(b->p, b->d);
	b->p->sections = sections;
	b->p->footnotes = notes;
}

/* Does url begin with a scheme ("https:", "mailto:")? A single letter
 * before the colon is a Windows drive ("C:\"), not a scheme. */
static bool
has_scheme(const char *url)
{
	const char *p = url;
	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return false;
	for (p++; (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	     (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.';
	     p++)
		;
	return *p == ':' && p - url > 1;
}

/* A link with no text, or with no address, is most likely a slip; so is
 * one to a file beside the paper ("appendix.md"), which no reader of the
 * PDF can follow. */
static void
check_link(struct builder *b, void *ctx, struct node *n)
{
	(void)ctx;
	if (n->type != N_LINK)
		return;
	const char *url = n->u.link.url;
	if (n->first == NULL)
		diag(b->d, b->p->path, n->pos, D_EMPTY_LINK, url);
	else if (url == NULL || *url == '\0')
		diag(b->d, b->p->path, n->pos, D_LINK_NO_ADDRESS,
		    node_text(b->a, n));
	else if (!has_scheme(url) && strncmp(url, "//", 2) != 0)
		diag(b->d, b->p->path, n->pos, D_LINK_LOCAL, url);
}

/* A paragraph that "clerk new" wrote for the author to replace: its
 * first text (each placeholder is one line, without markup) begins with
 * a placeholder. */
static void
check_placeholder(struct builder *b, void *ctx, struct node *n)
{
	(void)ctx;
	if (n->type == N_PARAGRAPH && n->first != NULL &&
	    n->first->type == N_TEXT && placeholder_text(n->first->text))
		diag(b->d, b->p->path, n->pos, D_PLACEHOLDER);
}

void
structure_build(struct paper *p, struct diags *d, struct node *blocks)
{
	struct builder b = {.p = p,
	    .d = d,
	    .a = p->arena,
	    .t = p->front_unread ? NULL : p->tpl};
	if (b.t == NULL) {
		for (struct node *n = blocks, *next; n != NULL; n = next) {
			next = n->next;
			place(&b, n);
		}
		b.orphan = false;
	} else if (b.t->kind == KIND_MINUTES) {
		build_minutes(&b, blocks);
	} else {
		build_report(&b, blocks);
	}
	resolve_references(&b);
	walk_paper(&b, check_link, NULL, NULL);
	walk_paper(&b, check_placeholder, NULL, NULL);
	assets_check_images(p, d);
	check_loose_images(&b);
}

/* The cross-references of appendix ap resolved against the labels of p;
 * a label in ap is reported (an appendix's paragraphs have no numbers). */
static void
appendix_references(struct paper *p, struct paper *ap, struct diags *d)
{
	struct builder main = {.p = p, .d = d, .a = p->arena, .t = p->tpl};
	struct builder b = {.p = ap, .d = d, .a = ap->arena, .t = NULL};
	struct labels l = {NULL, 0, 0, false};
	walk_paper(&main, collect_label, &l, NULL);
	size_t own = l.n;
	walk_paper(&b, collect_label, &l, NULL);
	for (size_t i = own; i < l.n; i++)
		diag(d, ap->path, l.items[i].node->label_pos,
		    D_LABEL_UNNUMBERED, l.items[i].name);
	l.n = own;
	if (l.n > 0)
		qsort(l.items, l.n, sizeof(*l.items), label_cmp);
	const char **names = arena_alloc(b.a, (l.n + 1) * sizeof(*names));
	size_t nn = 0;
	for (size_t i = 0; i < l.n; i++)
		if (i == 0 || strcmp(l.items[i - 1].name, l.items[i].name) != 0)
			names[nn++] = l.items[i].name;
	names[nn] = NULL;
	struct resolver r = {&l, names};
	walk_paper(&b, resolve_xref, &r, NULL);
}

void
structure_appendix(struct paper *p, struct paper *ap, struct diags *d)
{
	struct builder b = {.p = ap, .d = d, .a = ap->arena, .t = NULL};
	appendix_references(p, ap, d);
	walk_paper(&b, check_link, NULL, NULL);
	assets_check_images(ap, d);
}

void
structure_resolve(struct paper *p, struct diags *d)
{
	struct builder b = {.p = p, .d = d, .a = p->arena, .t = p->tpl};
	resolve_references(&b);
	for (size_t i = 0; i < p->meta.nappendices; i++)
		if (p->meta.appendices[i].doc != NULL)
			appendix_references(p, p->meta.appendices[i].doc, d);
}
