/* dump.c: the model as text, for golden tests and for curious authors. */
#include "dump.h"

#include <string.h>

#include "extpdf.h"
#include "model.h"
#include "source.h"

static void
quote(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; s != NULL && *s; s++) {
		switch (*s) {
		case '"':
			fputs("\\\"", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\t':
			fputs("\\t", fp);
			break;
		default:
			fputc(*s, fp);
		}
	}
	fputc('"', fp);
}

static void
indent(FILE *fp, int depth)
{
	for (int i = 0; i < depth; i++)
		fputs("  ", fp);
}

static void
dump_node(FILE *fp, const struct node *n, int depth)
{
	indent(fp, depth);
	fputs(node_type_name(n->type), fp);
	switch (n->type) {
	case N_PARAGRAPH:
		if (n->number)
			fprintf(fp, " %s", n->number);
		break;
	case N_SUBHEADING:
		fprintf(fp, " level=%d", n->u.heading.level);
		break;
	case N_LIST:
		if (n->u.list.ordered)
			fprintf(fp, " ordered start=%d", n->u.list.start);
		else
			fputs(" bullet", fp);
		if (!n->u.list.tight)
			fputs(" loose", fp);
		break;
	case N_ITEM:
		if (n->u.item.task)
			fputs(n->u.item.checked ? " [x]" : " [ ]", fp);
		break;
	case N_CODE_BLOCK:
		if (n->u.code.info && *n->u.code.info)
			fprintf(fp, " info=%s", n->u.code.info);
		break;
	case N_TABLE:
		fprintf(fp, " columns=%d align=", n->u.table.columns);
		quote(fp, n->u.table.align);
		break;
	case N_TABLE_ROW:
		if (n->u.row.header)
			fputs(" header", fp);
		break;
	case N_FOOTNOTE_DEF:
	case N_FOOTNOTE_REF:
		fprintf(fp, " %d", n->u.footnote.number);
		break;
	case N_LINK:
	case N_IMAGE:
		fputc(' ', fp);
		quote(fp, n->u.link.url);
		if (n->u.link.title && *n->u.link.title) {
			fputs(" title=", fp);
			quote(fp, n->u.link.title);
		}
		break;
	case N_XREF:
		fprintf(fp, " #%s -> %s", n->u.xref.label,
		    n->u.xref.target && n->u.xref.target->number ?
		        n->u.xref.target->number :
		        "?");
		break;
	case N_BLOCKQUOTE:
	case N_THEMATIC_BREAK:
	case N_TABLE_CELL:
	case N_TEXT:
	case N_SOFTBREAK:
	case N_LINEBREAK:
	case N_CODE:
	case N_EMPH:
	case N_STRONG:
	case N_STRIKETHROUGH:
		break;
	}
	if (n->label)
		fprintf(fp, " label=%s", n->label);
	if (n->text) {
		fputc(' ', fp);
		quote(fp, n->text);
	}
	fprintf(fp, " @%d:%d\n", n->pos.line, n->pos.col);
	for (const struct node *c = n->first; c != NULL; c = c->next)
		dump_node(fp, c, depth + 1);
}

static void
list(FILE *fp, const char *name, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fprintf(fp, "%s ", name);
		quote(fp, v[i]);
		fputc('\n', fp);
	}
}

static void
field(FILE *fp, const char *name, const char *value)
{
	if (value == NULL)
		return;
	fprintf(fp, "%s ", name);
	quote(fp, value);
	fputc('\n', fp);
}

void
dump_paper(FILE *fp, const struct paper *p)
{
	const struct meta *m = &p->meta;
	char buf[16];
	fprintf(fp, "paper ");
	quote(fp, p->path);
	fprintf(fp, "\nkind %s\ntemplate %s\n", kind_name(m->kind),
	    p->tpl ? p->tpl->id : "(none)");
	for (size_t i = 0; i < m->ncommittees; i++) {
		const struct committee *c = &m->committees[i];
		date_iso(c->date, buf);
		fputs("committee ", fp);
		quote(fp, c->name);
		fprintf(fp, " %s %s\n", buf, purpose_name(c->purpose));
	}
	field(fp, "subject", m->subject);
	list(fp, "report_of", m->report_of, m->nreport_of);
	field(fp, "report_author", m->report_author);
	fprintf(fp, "public %s", m->public ? "true" : "false");
	for (size_t i = 0; i < m->nexempt; i++)
		fprintf(fp, "%s%d", i ? "," : " exempt=", m->exempt[i]);
	fputc('\n', fp);
	field(fp, "reference", m->reference);
	if (m->has_contact) {
		field(fp, "contact.name", m->contact.name);
		field(fp, "contact.title", m->contact.title);
		field(fp, "contact.phone", m->contact.phone);
		field(fp, "contact.mobile", m->contact.mobile);
		field(fp, "contact.email", m->contact.email);
	}
	for (size_t i = 0; i < m->nappendices; i++) {
		const struct appendix *ap = &m->appendices[i];
		fprintf(fp, "appendix %zu ", i + 1);
		quote(fp, ap->title);
		if (ap->file) {
			fputs(" file=", fp);
			quote(fp, ap->file);
		}
		fputs(ap->public ? "" : " non-public", fp);
		fputs(ap->withheld ? " withheld" : "", fp);
		for (size_t k = 0; k < ap->nexempt; k++)
			fprintf(fp, "%s%d",
			    k ? "," : " exempt=", ap->exempt[k]);
		if (ap->pdf != NULL) {
			/* an included PDF: its pages as a reader shows them */
			fprintf(fp, " pdf pages=%zu sha256=%s", ap->pdf->npages,
			    ap->sha256);
			for (size_t k = 0; k < ap->pdf->npages; k++)
				fprintf(fp, "%s%.0fx%.0f", k ? "," : " sizes=",
				    ap->pdf->pages[k].width,
				    ap->pdf->pages[k].height);
		}
		fputc('\n', fp);
		if (ap->doc == NULL)
			continue;
		for (const struct node *n = ap->doc->sections->first; n;
		     n = n->next)
			dump_node(fp, n, 1);
		for (const struct node *f = ap->doc->footnotes; f; f = f->next)
			dump_node(fp, f, 1);
	}
	list(fp, "background_paper", m->background_papers,
	    m->nbackground_papers);
	for (size_t i = 0; i < m->nextras; i++) {
		fprintf(fp, "%s ", m->extras[i].key->name);
		quote(fp, m->extras[i].value);
		fputc('\n', fp);
	}
	field(fp, "time", m->time);
	field(fp, "venue", m->venue);
	list(fp, "present", m->present, m->npresent);
	list(fp, "officer", m->officers, m->nofficers);
	list(fp, "in_attendance", m->in_attendance, m->nin_attendance);
	for (const struct section *s = p->sections; s != NULL; s = s->next) {
		fprintf(fp, "section %s", s->def ? s->def->id : "item");
		if (s->number)
			fprintf(fp, " %s", s->number);
		fputc(' ', fp);
		quote(fp, s->heading);
		fprintf(fp, " @%d:%d\n", s->pos.line, s->pos.col);
		for (const struct node *n = s->first; n != NULL; n = n->next)
			dump_node(fp, n, 1);
	}
	for (const struct node *f = p->footnotes; f != NULL; f = f->next)
		dump_node(fp, f, 0);
}
