/* model.c: helpers for the paper model (model.h). */
#include "model.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "arena.h"

struct node *
node_new(struct arena *a, enum node_type t, struct pos p)
{
	struct node *n = arena_alloc(a, sizeof(*n));
	n->type = t;
	n->pos = p;
	return n;
}

void
node_append(struct node *parent, struct node *child)
{
	child->parent = parent;
	child->next = NULL;
	child->prev = parent->last;
	if (parent->last)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
}

void
node_remove(struct node *n)
{
	if (n->prev)
		n->prev->next = n->next;
	else if (n->parent)
		n->parent->first = n->next;
	if (n->next)
		n->next->prev = n->prev;
	else if (n->parent)
		n->parent->last = n->prev;
	n->parent = n->next = n->prev = NULL;
}

void
node_insert_after(struct node *where, struct node *n)
{
	n->parent = where->parent;
	n->prev = where;
	n->next = where->next;
	if (where->next)
		where->next->prev = n;
	else if (where->parent)
		where->parent->last = n;
	where->next = n;
}

struct node *
node_walk_next(struct node *n, const struct node *root)
{
	if (n->first != NULL)
		return n->first;
	while (n != root) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

void
node_merge_texts(struct arena *a, struct node *parent)
{
	struct node *n = parent->first;
	while (n != NULL) {
		if (n->type != N_TEXT || n->next == NULL ||
		    n->next->type != N_TEXT) {
			n = n->next;
			continue;
		}
		size_t len = 0;
		struct node *e = n;
		for (; e != NULL && e->type == N_TEXT; e = e->next)
			len += strlen(e->text);
		char *s = arena_alloc(a, len + 1), *o = s;
		for (struct node *t = n; t != e; t = t->next) {
			size_t l = strlen(t->text);
			memcpy(o, t->text, l);
			o += l;
		}
		*o = '\0';
		n->text = s;
		while (n->next != e)
			node_remove(n->next);
		n = e;
	}
}

static void
text_into(const struct node *n, char *out, size_t *len, bool write)
{
	for (const struct node *c = n->first; c != NULL; c = c->next) {
		const char *s = NULL;
		switch (c->type) {
		case N_TEXT:
		case N_CODE:
			s = c->text;
			break;
		case N_SOFTBREAK:
		case N_LINEBREAK:
			s = " ";
			break;
		case N_XREF:
			s = c->u.xref.target && c->u.xref.target->number ?
			    c->u.xref.target->number :
			    NULL;
			break;
		case N_FOOTNOTE_REF:
		case N_PARAGRAPH:
		case N_SUBHEADING:
		case N_LIST:
		case N_ITEM:
		case N_BLOCKQUOTE:
		case N_CODE_BLOCK:
		case N_THEMATIC_BREAK:
		case N_TABLE:
		case N_TABLE_ROW:
		case N_TABLE_CELL:
		case N_FOOTNOTE_DEF:
		case N_EMPH:
		case N_STRONG:
		case N_STRIKETHROUGH:
		case N_LINK:
		case N_IMAGE:
			break;
		}
		if (s != NULL) {
			size_t l = strlen(s);
			if (write)
				memcpy(out + *len, s, l);
			*len += l;
		}
		if (c->first != NULL && c->type != N_XREF)
			text_into(c, out, len, write);
		else if (c->type == N_XREF && s == NULL)
			text_into(c, out, len, write);
	}
}

char *
node_text(struct arena *a, const struct node *n)
{
	size_t len = 0;
	text_into(n, NULL, &len, false);
	char *out = arena_alloc(a, len + 1);
	len = 0;
	text_into(n, out, &len, true);
	out[len] = '\0';
	return out;
}

bool
image_decorative(const struct node *img)
{
	const char *t = img->type == N_IMAGE ? img->u.link.title : NULL;
	if (t == NULL)
		return false;
	size_t n = strlen(IMAGE_DECORATIVE);
	t += strspn(t, " \t\n");
	return strncasecmp(t, IMAGE_DECORATIVE, n) == 0 &&
	    t[n + strspn(t + n, " \t\n")] == '\0';
}

const char *
node_type_name(enum node_type t)
{
	switch (t) {
	case N_PARAGRAPH:
		return "paragraph";
	case N_SUBHEADING:
		return "subheading";
	case N_LIST:
		return "list";
	case N_ITEM:
		return "item";
	case N_BLOCKQUOTE:
		return "blockquote";
	case N_CODE_BLOCK:
		return "code_block";
	case N_THEMATIC_BREAK:
		return "thematic_break";
	case N_TABLE:
		return "table";
	case N_TABLE_ROW:
		return "row";
	case N_TABLE_CELL:
		return "cell";
	case N_FOOTNOTE_DEF:
		return "footnote";
	case N_TEXT:
		return "text";
	case N_SOFTBREAK:
		return "softbreak";
	case N_LINEBREAK:
		return "linebreak";
	case N_CODE:
		return "code";
	case N_EMPH:
		return "emph";
	case N_STRONG:
		return "strong";
	case N_STRIKETHROUGH:
		return "strikethrough";
	case N_LINK:
		return "link";
	case N_IMAGE:
		return "image";
	case N_XREF:
		return "xref";
	case N_FOOTNOTE_REF:
		return "footnote_ref";
	}
	return "?";
}

const char *
purpose_name(enum purpose p)
{
	switch (p) {
	case PURPOSE_NONE:
		return "none";
	case PURPOSE_DECISION:
		return "decision";
	case PURPOSE_INFORMATION:
		return "information";
	case PURPOSE_DISCUSSION:
		return "discussion";
	}
	return "none";
}

const char *
purpose_label(enum purpose p)
{
	switch (p) {
	case PURPOSE_NONE:
		return "";
	case PURPOSE_DECISION:
		return "For Decision";
	case PURPOSE_INFORMATION:
		return "For Information";
	case PURPOSE_DISCUSSION:
		return "For Discussion";
	}
	return "";
}

enum purpose
paper_purpose(const struct paper *p)
{
	for (size_t i = 0; i < p->meta.ncommittees; i++)
		if (p->meta.committees[i].purpose == PURPOSE_DECISION)
			return PURPOSE_DECISION;
	return p->meta.ncommittees ? p->meta.committees[0].purpose :
	                             PURPOSE_NONE;
}

bool
paper_has_nonpublic(const struct paper *p)
{
	if (!p->meta.public)
		return true;
	for (size_t i = 0; i < p->meta.nappendices; i++)
		if (!p->meta.appendices[i].public)
			return true;
	return false;
}

bool
appendix_has_file(const struct appendix *ap)
{
	return ap->doc != NULL || ap->pdf != NULL;
}

const int *
appendix_exempt(const struct paper *p, const struct appendix *ap, size_t *n)
{
	if (ap->nexempt > 0) {
		*n = ap->nexempt;
		return ap->exempt;
	}
	*n = p->meta.nexempt;
	return p->meta.exempt;
}

bool
paper_edition_ok(const struct paper *p, enum edition e, struct diags *d)
{
	const struct meta *m = &p->meta;
	switch (e) {
	case EDITION_PUBLIC:
		if (p->full_xml) {
			diag(d, p->path, p->edition_pos, D_EDITION_FULL_XML);
			return false;
		}
		if (!m->public) {
			diag(d, p->path, m->public_pos, D_EDITION_NONPUBLIC);
			return false;
		}
		return true;
	case EDITION_FULL:
		for (size_t i = 0; i < m->nappendices; i++)
			if (m->appendices[i].withheld) {
				diag(d, p->path, m->appendices[i].pos,
				    D_EDITION_PUBLIC_XML, i + 1);
				return false;
			}
		return true;
	}
	return false;
}

const char *
appendix_listing(struct arena *a, const struct paper *p, size_t i)
{
	size_t n;
	const int *x = appendix_exempt(p, &p->meta.appendices[i], &n);
	if (n == 0) /* only from XML that clerk did not write so */
		return arena_printf(a, "Appendix %zu \xe2\x80\x93 non-public",
		    i + 1);
	char nums[64] = "";
	size_t len = 0;
	for (size_t k = 0; k < n && k < 7; k++)
		len += (size_t)snprintf(nums + len, sizeof nums - len, "%s%d",
		    k == 0         ? "" :
		        k + 1 == n ? " and " :
		                     ", ",
		    x[k]);
	return arena_printf(a,
	    "Appendix %zu \xe2\x80\x93 non-public: exempt "
	    "under paragraph%s %s of Part 1 of Schedule 12A",
	    i + 1, n == 1 ? "" : "s", nums);
}
