/* akn_write.c: a paper as an Akoma Ntoso 3.0 document, built with
 * libxml2's tree API and serialised deterministically (same paper, same
 * bytes). akn_read.c reads it back into the same model. The mapping
 * (clerk-paper(5), section XML):
 *
 *   <doc name="report|minutes">
 *     meta/identification  FRBR Work, Expression, Manifestation: URIs from
 *                          the first committee, meeting date and subject
 *     meta/references      TLCOrganization per committee and for clerk,
 *                          TLCPerson for the author and contact, TLCRole
 *                          per officer the report is of
 *     meta/proprietary     <clerk:paper> (CLERK_NS): all of the front
 *                          matter but the subject, the digest, the version;
 *                          the SHA-256 of the template file and a
 *                          <clerk:font> per face with its font file's
 *     preface              docTitle (subject), docCommittee, docDate,
 *                          docPurpose per committee, docProponent
 *     mainBody             a report's section: <section eId="sec_<id>">;
 *                          an item of minutes: <hcontainer name="item">;
 *                          num, heading, then <content> with the blocks,
 *                          or, when the section has numbered paragraphs
 *                          or sub-headings, a sequence of <crossHeading>
 *                          (sub-heading) and <paragraph> (a numbered block
 *                          with num and eId="para_<n>" and the blocks
 *                          after it; or a run of unnumbered blocks)
 *     attachments          per appendix with a file: <attachment><doc
 *                          name="appendix"> with its blocks
 *
 * A pack (akn_write_pack, mapping in akn.h) is written by akn_pack.c,
 * with the writer and helpers shared through akn-int.h.
 *
 * Blocks: p; ul/ol with li (p, ul, ol, other blocks in <subFlow
 * name="block">); table/tr/th/td (td holds a p); blockContainer
 * class="blockquote"; block name="code" (clerk:info), name="thematicBreak",
 * name="subheading" (clerk:level) where crossHeading is not allowed.
 * Inlines: text (a soft break is a newline in it), i, b, del, span
 * class="code", a href, img src alt, ref href="#para_<n>" (clerk:label),
 * authorialNote marker placement="bottom" at a footnote's first reference
 * and noteRef at later ones, br. What Akoma Ntoso has no attribute for
 * goes in clerk: attributes, which its schema allows on every element:
 * clerk:label, clerk:start, clerk:delim, clerk:tight, clerk:checked,
 * clerk:align, clerk:info, clerk:level, and clerk:href / clerk:src for an
 * address that is not a valid URI (the href then holds it escaped). Text
 * nodes that are empty or hold a newline of their own are <inline
 * name="text">; an image whose description is more than plain text is
 * <inline name="image"> with the img and the description. An element that
 * the schema requires to hold something but the model leaves empty holds
 * <p clerk:filler="true"/>, which the reader skips.
 *
 * Elements with text content get an empty text node first: libxml2 then
 * writes them without indentation, so that the text is read back as it
 * was (white space between elements without text is only indentation). */
#include "akn-int.h"
#include "extpdf.h"

#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlschemastypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "model.h"
#include "source.h"
#include "template.h"
#include "text.h"

/* ------------------------------------------------------------------ */
/* Text XML can hold */

/* Is cp a character of XML 1.0 (production Char)? */
static bool
xml_char(uint32_t cp)
{
	if (cp < 0x20)
		return cp == '\t' || cp == '\n' || cp == '\r';
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return false;
	return cp != 0xFFFE && cp != 0xFFFF && cp <= 0x10FFFF;
}

/* D_XML_CHAR for cp at pos, once (a text of the front matter is written
 * in more than one place), for at most MAX_CHAR_MESSAGES. */
static void
report_char(struct writer *w, struct pos pos, uint32_t cp)
{
	for (int i = 0; i < w->nchars; i++)
		if (w->chars[i].cp == cp && w->chars[i].pos.line == pos.line &&
		    w->chars[i].pos.col == pos.col)
			return;
	if (w->nchars == MAX_CHAR_MESSAGES)
		return;
	w->chars[w->nchars].pos = pos;
	w->chars[w->nchars++].cp = cp;
	diag(w->d, w->path, pos, D_XML_CHAR, (unsigned)cp);
}

/* The writer and place a refused character is reported for. */
struct refusal {
	struct writer *w;
	struct pos pos;
};

static void
refused(void *ctx, uint32_t cp)
{
	struct refusal *r = ctx;
	report_char(r->w, r->pos, cp);
}

/* s as XML can hold it: a character XML cannot hold is replaced by U+FFFD,
 * with D_XML_CHAR at pos, where s is in doc's source. Returns s itself
 * when it is clean, else a copy in the scratch arena. NULL is "". */
static const xmlChar *
safe(struct writer *w, const char *s, struct pos pos)
{
	if (s == NULL)
		return BAD_CAST "";
	struct refusal r = {w, pos};
	return BAD_CAST utf8_replace(w->a, s, xml_char, refused, &r);
}

/* Where key (a top-level key of the front matter, or one under parent) is
 * given in src (a paper's or an agenda's; NULL for a paper read from
 * XML), at its value: the place of messages about meta texts, which keep
 * no position. {0, 0} when it cannot be found. */
struct pos
key_pos(const struct source *src, const char *parent, const char *key)
{
	if (src == NULL || !src->has_front)
		return (struct pos){0, 0};
	int line = src->front_line + 1, end = src->front_end_line;
	for (int pass = parent != NULL ? 0 : 1; pass < 2; pass++) {
		const char *k = pass == 0 ? parent : key;
		size_t kl = strlen(k);
		for (; line < end; line++) {
			size_t len, i = 0;
			const char *s = source_line(src, line, &len);
			while (i < len && s[i] == ' ')
				i++;
			if (i + 1 < len && s[i] == '-' && s[i + 1] == ' ')
				for (i += 2; i < len && s[i] == ' '; i++)
					;
			if (len - i > kl && memcmp(s + i, k, kl) == 0 &&
			    s[i + kl] == ':')
				break;
		}
		if (line >= end)
			return (struct pos){0, 0};
		if (pass == 0) {
			line++;
			continue;
		}
		size_t len, i;
		const char *s = source_line(src, line, &len);
		const char *colon = memchr(s, ':', len);
		i = colon != NULL ? (size_t)(colon - s) + 1 : 0;
		while (i < len && s[i] == ' ')
			i++;
		return source_pos_line(src, line, (int)i + 1);
	}
	return (struct pos){0, 0};
}

/* ------------------------------------------------------------------ */
/* Elements, attributes, text */

const struct pos nowhere = {0, 0};

void
check(const void *made)
{
	if (made == NULL)
		out_of_memory();
}

/* A new element of Akoma Ntoso, the last child of parent (if any). */
xmlNodePtr
add(struct writer *w, xmlNodePtr parent, const char *name)
{
	xmlNodePtr n = xmlNewDocNode(w->xml, w->akn, BAD_CAST name, NULL);
	check(n);
	if (parent != NULL)
		xmlAddChild(parent, n);
	return n;
}

/* Appends text s to element parent (libxml2 merges it with a text node
 * before it). */
void
add_text(struct writer *w, xmlNodePtr parent, const char *s, struct pos pos)
{
	xmlNodePtr t = xmlNewDocText(w->xml, safe(w, s, pos));
	check(t);
	xmlAddChild(parent, t);
}

/* A new element whose content is text and inline elements: it begins
 * with an empty text node, so that libxml2 writes its content as it is,
 * without indentation. */
xmlNodePtr
add_mixed(struct writer *w, xmlNodePtr parent, const char *name)
{
	xmlNodePtr n = add(w, parent, name);
	add_text(w, n, "", nowhere);
	return n;
}

void
set(struct writer *w, xmlNodePtr n, const char *name, const char *value,
    struct pos pos)
{
	check(xmlNewProp(n, BAD_CAST name, safe(w, value, pos)));
}

static void
set_clerk(struct writer *w, xmlNodePtr n, const char *name, const char *value,
    struct pos pos)
{
	check(xmlNewNsProp(n, w->clerk, BAD_CAST name, safe(w, value, pos)));
}

/* <clerk:name>value</clerk:name>, the last child of parent. */
xmlNodePtr
add_clerk(struct writer *w, xmlNodePtr parent, const char *name,
    const char *value, struct pos pos)
{
	xmlNodePtr n = xmlNewDocNode(w->xml, w->clerk, BAD_CAST name, NULL);
	check(n);
	xmlAddChild(parent, n);
	if (value != NULL) {
		add_text(w, n, "", nowhere);
		add_text(w, n, value, pos);
	}
	return n;
}

/* Is s a value of xsd:anyURI as the schema validator sees it? */
static bool
uri_ok(const char *s)
{
	xmlSchemaTypePtr t = xmlSchemaGetBuiltInType(XML_SCHEMAS_ANYURI);
	return t != NULL &&
	    xmlSchemaValidatePredefinedType(t, BAD_CAST s, NULL) == 0;
}

/* The address url written to attribute name of n: as it is when it is a
 * valid URI; else percent-escaped, with the address as written in
 * clerk:<name>, which the reader prefers. */
static void
set_uri(struct writer *w, xmlNodePtr n, const char *name, const char *url,
    struct pos pos)
{
	const char *v = (const char *)safe(w, url != NULL ? url : "", pos);
	if (uri_ok(v)) {
		set(w, n, name, v, pos);
		return;
	}
	static const char keep[] = "-._~!$&'()*+,;=:@/?";
	char *e = arena_alloc(w->a, 3 * strlen(v) + 1), *o = e;
	bool hash = false;
	for (const unsigned char *s = (const unsigned char *)v; *s; s++) {
		bool plain = (*s >= 'a' && *s <= 'z') ||
		    (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		    (*s != 0 && strchr(keep, *s) != NULL) ||
		    (*s == '#' && !hash);
		hash = hash || *s == '#';
		if (plain) {
			*o++ = (char)*s;
		} else {
			static const char hex[] = "0123456789ABCDEF";
			*o++ = '%';
			*o++ = hex[*s >> 4];
			*o++ = hex[*s & 15];
		}
	}
	*o = '\0';
	set(w, n, name, uri_ok(e) ? e : "", nowhere);
	set_clerk(w, n, name, v, nowhere);
}

/* ------------------------------------------------------------------ */
/* Identifiers */

/* s made a slug: lower-case ASCII letters and digits, other runs as one
 * '-'; fallback when nothing is left. In the scratch arena. */
const char *
slug(struct writer *w, const char *s, const char *fallback)
{
	char *out = arena_alloc(w->a, strlen(s != NULL ? s : "") + 1), *o = out;
	for (; s != NULL && *s; s++) {
		char c = *s;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			*o++ = c;
		else if (o > out && o[-1] != '-')
			*o++ = '-';
	}
	while (o > out && o[-1] == '-')
		o--;
	*o = '\0';
	return *out ? out : fallback;
}

/* An eId not given yet in references, from base: base, base-2 ... */
const char *
unique_id(struct writer *w, const char *base)
{
	const char *id = base;
	for (int k = 2; strset_get(&w->ids, id) != NULL; k++)
		id = arena_printf(w->a, "%s-%d", base, k);
	strset_put(w->a, &w->ids, id, id);
	return id;
}

const char *
ref_to(struct writer *w, const char *id)
{
	return arena_printf(w->a, "#%s", id);
}

/* id as an eId of the document being written: after the writer's base,
 * so that the eIds of the documents of a pack are unique in it. */
const char *
eid(struct writer *w, const char *id)
{
	return *w->base != '\0' ? arena_printf(w->a, "%s%s", w->base, id) : id;
}

/* ------------------------------------------------------------------ */
/* Inlines */

static void write_inlines(struct writer *w, xmlNodePtr parent,
    const struct node *first);

/* Is n written as text (a run of them makes one text node)? */
static bool
plain_text(const struct node *n)
{
	return n->type == N_SOFTBREAK ||
	    (n->type == N_TEXT && *n->text != '\0' &&
	        strchr(n->text, '\n') == NULL);
}

/* A footnote reference: the note itself where it is first referred to,
 * a noteRef to it after. */
static void
write_note(struct writer *w, xmlNodePtr parent, const struct node *n)
{
	int k = n->u.footnote.number;
	const char *num = arena_printf(w->a, "%d", k);
	const char *id = arena_printf(w->a, "%sfn_%d", w->prefix, k);
	const struct node *def = k >= 1 && (size_t)k <= w->nnotes ?
	    w->notes[k - 1] :
	    NULL;
	if (def != NULL) {
		w->notes[k - 1] = NULL;
		xmlNodePtr x = add(w, parent, "authorialNote");
		set(w, x, "marker", num, nowhere);
		set(w, x, "placement", "bottom", nowhere);
		set(w, x, "eId", id, nowhere);
		write_blocks(w, x, def->first, true);
		return;
	}
	xmlNodePtr x = add(w, parent, "noteRef");
	set(w, x, "marker", num, nowhere);
	set(w, x, "href", ref_to(w, id), nowhere);
}

/* An image's description is plain when it is nothing or one text. */
static bool
plain_alt(const struct node *img)
{
	const struct node *t = img->first;
	return t == NULL ||
	    (t->next == NULL && t->type == N_TEXT && *t->text != '\0' &&
	        strchr(t->text, '\n') == NULL);
}

static void
write_image(struct writer *w, xmlNodePtr parent, const struct node *n)
{
	bool plain = plain_alt(n);
	xmlNodePtr wrap = NULL;
	if (!plain) {
		wrap = add_mixed(w, parent, "inline");
		set(w, wrap, "name", "image", nowhere);
	}
	xmlNodePtr x = add(w, plain ? parent : wrap, "img");
	set_uri(w, x, "src", n->u.link.url, n->pos);
	if (n->first != NULL)
		set(w, x, "alt", plain ? n->first->text : node_text(w->a, n),
		    n->first->pos);
	if (n->u.link.title != NULL)
		set(w, x, "title", n->u.link.title, n->pos);
	if (!plain)
		write_inlines(w, wrap, n->first);
}

/* An element holding inlines: i, b, del. */
static void
write_span(struct writer *w, xmlNodePtr parent, const char *name,
    const struct node *n)
{
	write_inlines(w, add_mixed(w, parent, name), n->first);
}

static void
write_inline(struct writer *w, xmlNodePtr parent, const struct node *n)
{
	xmlNodePtr x;
	switch (n->type) {
	case N_TEXT:
		if (plain_text(n)) {
			add_text(w, parent, n->text, n->pos);
			break;
		}
		x = add_mixed(w, parent, "inline");
		set(w, x, "name", "text", nowhere);
		add_text(w, x, n->text, n->pos);
		break;
	case N_SOFTBREAK:
		add_text(w, parent, "\n", nowhere);
		break;
	case N_LINEBREAK:
		add(w, parent, "br");
		break;
	case N_CODE:
		x = add_mixed(w, parent, "span");
		set(w, x, "class", "code", nowhere);
		add_text(w, x, n->text, n->pos);
		break;
	case N_EMPH:
		write_span(w, parent, "i", n);
		break;
	case N_STRONG:
		write_span(w, parent, "b", n);
		break;
	case N_STRIKETHROUGH:
		write_span(w, parent, "del", n);
		break;
	case N_LINK:
		x = add_mixed(w, parent, "a");
		set_uri(w, x, "href", n->u.link.url, n->pos);
		if (n->u.link.title != NULL)
			set(w, x, "title", n->u.link.title, n->pos);
		write_inlines(w, x, n->first);
		break;
	case N_IMAGE:
		write_image(w, parent, n);
		break;
	case N_XREF: {
		const struct node *t = n->u.xref.target;
		x = add_mixed(w, parent, "ref");
		/* Labelled paragraphs are the paper's own, never an
		 * appendix's: no prefix but the base. */
		set(w, x, "href",
		    t != NULL && t->number != NULL ?
		        arena_printf(w->a, "#%spara_%s", w->base, t->number) :
		        "#",
		    nowhere);
		set_clerk(w, x, "label", n->u.xref.label, n->pos);
		write_inlines(w, x, n->first);
		break;
	}
	case N_FOOTNOTE_REF:
		write_note(w, parent, n);
		break;
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
		break; /* blocks: never among inlines */
	}
}

/* The inlines from first on. Each run of texts and soft breaks goes in
 * as one text node: appended one by one, libxml2 would copy the text
 * made so far at each. */
static void
write_inlines(struct writer *w, xmlNodePtr parent, const struct node *first)
{
	for (const struct node *n = first; n != NULL;) {
		if (!plain_text(n) || n->next == NULL || !plain_text(n->next)) {
			write_inline(w, parent, n);
			n = n->next;
			continue;
		}
		size_t len = 0;
		const struct node *e = n;
		for (; e != NULL && plain_text(e); e = e->next)
			len += e->type == N_TEXT ? strlen(e->text) : 1;
		char *run = arena_alloc(w->a, len + 1), *o = run;
		for (const struct node *t = n; t != e; t = t->next) {
			size_t l = t->type == N_TEXT ? strlen(t->text) : 1;
			memcpy(o, t->type == N_TEXT ? t->text : "\n", l);
			o += l;
		}
		*o = '\0';
		add_text(w, parent, run, n->pos);
		n = e;
	}
}

/* ------------------------------------------------------------------ */
/* Blocks */

static void write_block(struct writer *w, xmlNodePtr parent,
    const struct node *n);

/* The placeholder for an element the schema requires to hold something. */
void
write_filler(struct writer *w, xmlNodePtr parent)
{
	set_clerk(w, add(w, parent, "p"), "filler", "true", nowhere);
}

void
write_blocks(struct writer *w, xmlNodePtr parent, const struct node *first,
    bool filler)
{
	if (first == NULL && filler)
		write_filler(w, parent);
	for (const struct node *n = first; n != NULL; n = n->next)
		write_block(w, parent, n);
}

static const char *
level(struct writer *w, const struct node *n)
{
	return arena_printf(w->a, "%d", n->u.heading.level);
}

/* A list item: li holds p, ul and ol; any other block goes in a
 * <subFlow name="block"> of its own. */
static void
write_item(struct writer *w, xmlNodePtr li, const struct node *item)
{
	if (item->u.item.task)
		set_clerk(w, li, "checked",
		    item->u.item.checked ? "true" : "false", nowhere);
	for (const struct node *c = item->first; c != NULL; c = c->next) {
		if (c->type == N_PARAGRAPH || c->type == N_LIST) {
			write_block(w, li, c);
			continue;
		}
		xmlNodePtr sf = add(w, li, "subFlow");
		set(w, sf, "name", "block", nowhere);
		write_block(w, sf, c);
	}
}

static xmlNodePtr
write_list(struct writer *w, xmlNodePtr parent, const struct node *n)
{
	xmlNodePtr x = add(w, parent, n->u.list.ordered ? "ol" : "ul");
	if (n->u.list.ordered) {
		set_clerk(w, x, "start",
		    arena_printf(w->a, "%d", n->u.list.start), nowhere);
		if (n->u.list.delim == ')')
			set_clerk(w, x, "delim", ")", nowhere);
	}
	set_clerk(w, x, "tight", n->u.list.tight ? "true" : "false", nowhere);
	for (const struct node *item = n->first; item; item = item->next)
		write_item(w, add(w, x, "li"), item);
	if (n->first == NULL) /* never made by the reader: kept valid */
		write_filler(w, add(w, x, "li"));
	return x;
}

static const char *
align_class(char a)
{
	switch (a) {
	case 'l':
		return "left";
	case 'c':
		return "center";
	case 'r':
		return "right";
	default:
		return NULL;
	}
}

/* A table: the columns' alignment in clerk:align ("l", "c", "r" or ' '
 * per column), and as class on each cell for other readers; a cell's
 * inlines in a p, an empty cell empty. */
static xmlNodePtr
write_table(struct writer *w, xmlNodePtr parent, const struct node *n)
{
	const char *align = n->u.table.align != NULL ? n->u.table.align : "";
	xmlNodePtr x = add(w, parent, "table");
	set_clerk(w, x, "align", align, nowhere);
	for (const struct node *row = n->first; row; row = row->next) {
		xmlNodePtr tr = add(w, x, "tr");
		size_t col = 0;
		for (const struct node *c = row->first; c; c = c->next, col++) {
			xmlNodePtr cell = add(w, tr,
			    row->u.row.header ? "th" : "td");
			const char *cls = col < strlen(align) ?
			    align_class(align[col]) :
			    NULL;
			if (cls != NULL)
				set(w, cell, "class", cls, nowhere);
			if (c->first != NULL)
				write_inlines(w, add_mixed(w, cell, "p"),
				    c->first);
		}
		if (row->first == NULL) /* never made by cmark: kept valid */
			write_filler(w, add(w, tr, "td"));
	}
	if (n->first == NULL)
		write_filler(w, add(w, add(w, x, "tr"), "td"));
	return x;
}

static void
write_block(struct writer *w, xmlNodePtr parent, const struct node *n)
{
	xmlNodePtr x = NULL;
	switch (n->type) {
	case N_PARAGRAPH:
		x = add_mixed(w, parent, "p");
		write_inlines(w, x, n->first);
		break;
	case N_SUBHEADING:
		x = add_mixed(w, parent, "block");
		set(w, x, "name", "subheading", nowhere);
		set_clerk(w, x, "level", level(w, n), nowhere);
		write_inlines(w, x, n->first);
		break;
	case N_LIST:
		x = write_list(w, parent, n);
		break;
	case N_BLOCKQUOTE:
		x = add(w, parent, "blockContainer");
		set(w, x, "class", "blockquote", nowhere);
		write_blocks(w, x, n->first, true);
		break;
	case N_CODE_BLOCK:
		x = add_mixed(w, parent, "block");
		set(w, x, "name", "code", nowhere);
		if (n->u.code.info != NULL)
			set_clerk(w, x, "info", n->u.code.info, n->pos);
		add_text(w, x, n->text,
		    (struct pos){n->pos.line > 0 ? n->pos.line + 1 : 0, 0});
		break;
	case N_THEMATIC_BREAK:
		x = add(w, parent, "block");
		set(w, x, "name", "thematicBreak", nowhere);
		break;
	case N_TABLE:
		x = write_table(w, parent, n);
		break;
	case N_ITEM:
	case N_TABLE_ROW:
	case N_TABLE_CELL:
	case N_FOOTNOTE_DEF:
	case N_TEXT:
	case N_SOFTBREAK:
	case N_LINEBREAK:
	case N_CODE:
	case N_EMPH:
	case N_STRONG:
	case N_STRIKETHROUGH:
	case N_LINK:
	case N_IMAGE:
	case N_XREF:
	case N_FOOTNOTE_REF:
		break; /* written by their containers, or not blocks */
	}
	if (x != NULL && n->label != NULL)
		set_clerk(w, x, "label", n->label, n->label_pos);
}

/* ------------------------------------------------------------------ */
/* Sections */

/* A section (or item of minutes, or an appendix's body) as element
 * elname: num, heading, then the blocks in <content>; or, when it has
 * numbered blocks or sub-headings, a <crossHeading> per sub-heading and
 * a <paragraph> per numbered block (with the blocks after it) and per run
 * of unnumbered blocks. */
void
write_section(struct writer *w, xmlNodePtr parent, const struct section *s,
    const char *elname, const char *name, const char *eid)
{
	xmlNodePtr x = add(w, parent, elname);
	if (name != NULL)
		set(w, x, "name", name, nowhere);
	if (eid != NULL)
		set(w, x, "eId", eid, nowhere);
	if (s->number != NULL)
		add_text(w, add_mixed(w, x, "num"), s->number, nowhere);
	add_text(w, add_mixed(w, x, "heading"), s->heading, s->pos);

	bool units = false;
	for (const struct node *n = s->first; n != NULL && !units; n = n->next)
		units = n->number != NULL || n->type == N_SUBHEADING;
	if (!units) {
		write_blocks(w, add(w, x, "content"), s->first, false);
		return;
	}
	for (const struct node *n = s->first; n != NULL;) {
		if (n->number == NULL && n->type == N_SUBHEADING) {
			xmlNodePtr h = add_mixed(w, x, "crossHeading");
			set_clerk(w, h, "level", level(w, n), nowhere);
			write_inlines(w, h, n->first);
			n = n->next;
			continue;
		}
		xmlNodePtr para = add(w, x, "paragraph");
		if (n->number != NULL) {
			set(w, para, "eId",
			    arena_printf(w->a, "%spara_%s", w->prefix,
			        n->number),
			    nowhere);
			add_text(w, add_mixed(w, para, "num"), n->number,
			    nowhere);
		}
		xmlNodePtr content = add(w, para, "content");
		do {
			write_block(w, content, n);
			n = n->next;
		} while (n != NULL && n->number == NULL &&
		    n->type != N_SUBHEADING);
	}
}

/* The document doc is to be written next, its eIds beginning with the
 * base and prefix: its footnotes, by number, all still to write. */
void
begin_doc(struct writer *w, const struct paper *doc, const char *prefix)
{
	int max = 0;
	for (const struct node *f = doc->footnotes; f != NULL; f = f->next)
		if (f->u.footnote.number > max)
			max = f->u.footnote.number;
	w->doc = doc;
	w->path = doc->path;
	w->prefix = eid(w, prefix);
	w->nnotes = (size_t)max;
	w->notes = arena_alloc(w->a, ((size_t)max + 1) * sizeof(*w->notes));
	for (const struct node *f = doc->footnotes; f != NULL; f = f->next)
		if (f->u.footnote.number >= 1 &&
		    w->notes[f->u.footnote.number - 1] == NULL)
			w->notes[f->u.footnote.number - 1] = f;
}

/* ------------------------------------------------------------------ */
/* Meta */

const char *
iso(struct writer *w, struct date d)
{
	char *buf = arena_alloc(w->a, 16);
	date_iso(d, buf);
	return buf;
}

/* The work address of the paper: /akn/gb/doc/<kind>/<committee>/<date>
 * [/<subject>]. */
const char *
paper_work(struct writer *w)
{
	const struct meta *m = &w->p->meta;
	const char *work = arena_printf(w->a, "/akn/gb/doc/%s/%s/%s",
	    kind_name(m->kind),
	    slug(w, m->ncommittees > 0 ? m->committees[0].name : NULL,
	        "committee"),
	    m->ncommittees > 0 ? iso(w, m->committees[0].date) : "0001-01-01");
	if (m->kind != KIND_MINUTES)
		work = arena_printf(w->a, "%s/%s", work,
		    slug(w, m->subject, "paper"));
	return work;
}

/* The FRBR identification of component ("main", "appendix-1") of the
 * work at address work, of the meeting on date (ISO): its Work and
 * Expression by the TLC whose eId is author, its Manifestation by
 * clerk. */
void
write_frbr(struct writer *w, xmlNodePtr meta, const char *work,
    const char *date, const char *author, const char *component)
{
	static const char *const frbr[] = {"FRBRWork", "FRBRExpression",
	    "FRBRManifestation"};
	const char *by_clerk = ref_to(w, eid(w, "clerk"));
	xmlNodePtr id = add(w, meta, "identification");
	set(w, id, "source", by_clerk, nowhere);
	for (int level = 0; level < 3; level++) {
		xmlNodePtr f = add(w, id, frbr[level]);
		const char *this, *uri;
		switch (level) {
		case 0:
			this = arena_printf(w->a, "%s/%s", work, component);
			uri = work;
			break;
		case 1:
			this = arena_printf(w->a, "%s/eng@/%s", work,
			    component);
			uri = arena_printf(w->a, "%s/eng@", work);
			break;
		default:
			this = arena_printf(w->a, "%s/eng@/%s.xml", work,
			    component);
			uri = arena_printf(w->a, "%s/eng@.xml", work);
			break;
		}
		set(w, add(w, f, "FRBRthis"), "value", this, nowhere);
		set(w, add(w, f, "FRBRuri"), "value", uri, nowhere);
		xmlNodePtr d = add(w, f, "FRBRdate");
		set(w, d, "date", date, nowhere);
		set(w, d, "name", "meeting", nowhere);
		set(w, add(w, f, "FRBRauthor"), "href",
		    level == 2 ? by_clerk : ref_to(w, author), nowhere);
		if (level == 0)
			set(w, add(w, f, "FRBRcountry"), "value", "GB",
			    nowhere);
		else if (level == 1)
			set(w, add(w, f, "FRBRlanguage"), "language", "eng",
			    nowhere);
	}
}

/* The FRBR identification of component ("main", "appendix-1") of the
 * paper (paper_work), by its first committee. */
static void
write_identification(struct writer *w, xmlNodePtr meta, const char *component)
{
	const struct meta *m = &w->p->meta;
	write_frbr(w, meta, paper_work(w),
	    m->ncommittees > 0 ? iso(w, m->committees[0].date) : "0001-01-01",
	    w->committee_ids != NULL && w->committee_ids[0] != NULL ?
	        w->committee_ids[0] :
	        eid(w, "clerk"),
	    component);
}

/* A TLC entry of references: eId from the name, unique. */
const char *
write_tlc(struct writer *w, xmlNodePtr refs, const char *element,
    const char *kind, const char *name, const char *fallback, struct pos pos)
{
	const char *s = slug(w, name, fallback);
	const char *id = eid(w, unique_id(w, s));
	xmlNodePtr x = add(w, refs, element);
	set(w, x, "eId", id, nowhere);
	set(w, x, "href", arena_printf(w->a, "/akn/ontology/%s/gb/%s", kind, s),
	    nowhere);
	set(w, x, "showAs", name, pos);
	return id;
}

/* A references element, not yet in the tree (identification, before it,
 * refers to the eIds in it), its eId "clerk" kept for end_references. */
xmlNodePtr
begin_references(struct writer *w)
{
	xmlNodePtr refs = add(w, NULL, "references");
	set(w, refs, "source", ref_to(w, eid(w, "clerk")), nowhere);
	(void)unique_id(w, "clerk");
	return refs;
}

/* The last entry of references refs: clerk, the source of the meta. */
void
end_references(struct writer *w, xmlNodePtr refs)
{
	xmlNodePtr x = add(w, refs, "TLCOrganization");
	set(w, x, "eId", eid(w, "clerk"), nowhere);
	set(w, x, "href", "/akn/ontology/organization/clerk", nowhere);
	set(w, x, "showAs", "clerk", nowhere);
}

/* The paper's references, not yet in the tree. */
static xmlNodePtr
write_references(struct writer *w)
{
	const struct meta *m = &w->p->meta;
	xmlNodePtr refs = begin_references(w);
	w->committee_ids = arena_alloc(w->a,
	    (m->ncommittees + 1) * sizeof(char *));
	struct strset named = {0}; /* committees' eIds */
	for (size_t i = 0; i < m->ncommittees; i++) {
		const struct committee *c = &m->committees[i];
		const char *name = c->name != NULL ? c->name : "";
		w->committee_ids[i] = strset_get(&named, name);
		if (w->committee_ids[i] == NULL) {
			w->committee_ids[i] = write_tlc(w, refs,
			    "TLCOrganization", "organization", name,
			    "committee", c->pos);
			strset_put(w->a, &named, name, w->committee_ids[i]);
		}
	}
	if (m->report_author != NULL)
		(void)write_tlc(w, refs, "TLCPerson", "person",
		    m->report_author, "author",
		    key_pos(w->p->src, NULL, "report_author"));
	if (m->has_contact && m->contact.name != NULL)
		(void)write_tlc(w, refs, "TLCPerson", "person", m->contact.name,
		    "contact", key_pos(w->p->src, "contact", "name"));
	w->officer_ids = arena_alloc(w->a,
	    (m->nreport_of + 1) * sizeof(char *));
	for (size_t i = 0; i < m->nreport_of; i++)
		w->officer_ids[i] = write_tlc(w, refs, "TLCRole", "role",
		    m->report_of[i], "officer",
		    key_pos(w->p->src, NULL, "report_of"));
	end_references(w, refs);
	return refs;
}

/* <clerk:name>v</clerk:name> for each of n texts of key. */
static void
clerk_list(struct writer *w, xmlNodePtr parent, const char *name,
    const char *key, const char *const *v, size_t n)
{
	struct pos pos = n > 0 ? key_pos(w->p->src, NULL, key) : nowhere;
	for (size_t i = 0; i < n; i++)
		add_clerk(w, parent, name, v[i], pos);
}

static void
clerk_field(struct writer *w, xmlNodePtr parent, const char *name,
    const char *parent_key, const char *key, const char *value)
{
	if (value != NULL)
		add_clerk(w, parent, name, value,
		    key_pos(w->p->src, parent_key, key));
}

/* Is appendix ap written as an attachment of the paper: it has a file,
 * and is not left out of the public edition as non-public? */
static bool
attached(const struct writer *w, const struct appendix *ap)
{
	return appendix_has_file(ap) &&
	    (ap->public || w->edition == EDITION_FULL);
}

/* Is appendix ap left out, not even named: non-public, in the public
 * edition? */
static bool
withheld(const struct writer *w, const struct appendix *ap)
{
	return !ap->public && w->edition == EDITION_PUBLIC;
}

/* "3 5": n paragraphs of Schedule 12A as clerk:appendix holds them. */
static const char *
paragraph_list(struct writer *w, const int *x, size_t n)
{
	char buf[32] = "";
	size_t len = 0;
	for (size_t k = 0; k < n && k < 7; k++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%d",
		    k > 0 ? " " : "", x[k]);
	return arena_strdup(w->a, buf);
}

/* The SHA-256 of the template file (template-sha256 on cp) and of each
 * face's font file (<clerk:font face file sha256>), as they are now:
 * rebuilding from the XML compares them (akn_read). Left out when a file
 * cannot be read (backend_xml.c reports that first). */
static void
write_digests(struct writer *w, xmlNodePtr cp)
{
	const struct template *t = w->p->tpl;
	const char *failed;
	const struct tpl_digests *dg = t != NULL ?
	    template_digests(t, &failed) :
	    NULL;
	if (dg == NULL)
		return;
	set(w, cp, "template-sha256", dg->file, nowhere);
	for (size_t i = 0; i < TPL_FACES; i++) {
		const char *face, *path = template_face(t, i, &face);
		const char *base = strrchr(path, '/');
		xmlNodePtr x = add_clerk(w, cp, "font", NULL, nowhere);
		set(w, x, "face", face, nowhere);
		set(w, x, "file", base != NULL ? base + 1 : path, nowhere);
		set(w, x, "sha256", dg->face[i], nowhere);
	}
}

/* Everything of the front matter but the subject (docTitle), as
 * <clerk:paper> in meta/proprietary. */
static void
write_proprietary(struct writer *w, xmlNodePtr meta)
{
	const struct paper *p = w->p;
	const struct meta *m = &p->meta;
	xmlNodePtr prop = add(w, meta, "proprietary");
	set(w, prop, "source", ref_to(w, eid(w, "clerk")), nowhere);
	xmlNodePtr cp = add_clerk(w, prop, "paper", NULL, nowhere);
	set(w, cp, "version", CLERK_VERSION, nowhere);
	set(w, cp, "kind", kind_name(m->kind), nowhere);
	set(w, cp, "template", p->tpl != NULL ? p->tpl->id : "", nowhere);
	set(w, cp, "template-named", m->template_id != NULL ? "true" : "false",
	    nowhere);
	set(w, cp, "public", m->public ? "true" : "false", nowhere);
	/* the full edition when it holds anything non-public; else the
	 * two editions are one */
	bool full = w->edition == EDITION_FULL && paper_has_nonpublic(p);
	set(w, cp, "edition", full ? "full" : "public", nowhere);
	set(w, cp, "digest",
	    w->edition == EDITION_FULL ? p->digest : p->digest_public, nowhere);

	for (size_t i = 0; i < m->ncommittees; i++) {
		const struct committee *c = &m->committees[i];
		xmlNodePtr x = add_clerk(w, cp, "committee", c->name, c->pos);
		set(w, x, "date", iso(w, c->date), nowhere);
		set(w, x, "purpose", purpose_name(c->purpose), nowhere);
	}
	for (size_t i = 0; i < m->nexempt; i++)
		add_clerk(w, cp, "exempt-paragraph",
		    arena_printf(w->a, "%d", m->exempt[i]), nowhere);
	clerk_list(w, cp, "report-of", "report_of", m->report_of,
	    m->nreport_of);
	clerk_field(w, cp, "report-author", NULL, "report_author",
	    m->report_author);
	clerk_field(w, cp, "reference", NULL, "reference", m->reference);
	if (m->has_contact) {
		const struct contact *c = &m->contact;
		xmlNodePtr x = add_clerk(w, cp, "contact", NULL, nowhere);
		clerk_field(w, x, "name", "contact", "name", c->name);
		clerk_field(w, x, "title", "contact", "title", c->title);
		clerk_field(w, x, "phone", "contact", "phone", c->phone);
		clerk_field(w, x, "mobile", "contact", "mobile", c->mobile);
		clerk_field(w, x, "email", "contact", "email", c->email);
	}
	int att = 0;
	for (size_t i = 0; i < m->nappendices; i++) {
		const struct appendix *ap = &m->appendices[i];
		if (withheld(w, ap)) {
			/* not named, as the PDF's list does not name it:
			 * only its paragraphs, and whether a pack carries
			 * it on a Part 2 line */
			size_t nx;
			const int *x = appendix_exempt(p, ap, &nx);
			xmlNodePtr e = add_clerk(w, cp, "appendix", NULL,
			    nowhere);
			set(w, e, "public", "false", nowhere);
			set(w, e, "withheld", "true", nowhere);
			if (nx > 0)
				set(w, e, "exempt-paragraphs",
				    paragraph_list(w, x, nx), nowhere);
			if (w->routed && appendix_has_file(ap))
				set(w, e, "in-part-2", "true", nowhere);
			continue;
		}
		xmlNodePtr x = add_clerk(w, cp, "appendix", ap->title, ap->pos);
		if (ap->file != NULL)
			set(w, x, "file", ap->file, ap->pos);
		set(w, x, "public", ap->public ? "true" : "false", nowhere);
		if (ap->nexempt > 0)
			set(w, x, "exempt-paragraphs",
			    paragraph_list(w, ap->exempt, ap->nexempt),
			    nowhere);
		if (ap->pdf != NULL) {
			set(w, x, "sha256", ap->sha256, nowhere);
			set(w, x, "pages",
			    arena_printf(w->a, "%zu", ap->pdf->npages),
			    nowhere);
		}
		if (attached(w, ap))
			set(w, x, "attachment",
			    eid(w, arena_printf(w->a, "att_%d", ++att)),
			    nowhere);
	}
	clerk_list(w, cp, "background-paper", "background_papers",
	    m->background_papers, m->nbackground_papers);
	for (size_t i = 0; i < m->nextras; i++) {
		const struct extra *e = &m->extras[i];
		xmlNodePtr x = add_clerk(w, cp, "extra", e->value, e->pos);
		set(w, x, "key", e->key->name, nowhere);
	}
	clerk_field(w, cp, "time", NULL, "time", m->time);
	clerk_field(w, cp, "venue", NULL, "venue", m->venue);
	clerk_list(w, cp, "present", "present", m->present, m->npresent);
	clerk_list(w, cp, "officer", "officers", m->officers, m->nofficers);
	clerk_list(w, cp, "in-attendance", "in_attendance", m->in_attendance,
	    m->nin_attendance);
	write_digests(w, cp);
}

/* The front sheet's facts in Akoma Ntoso's own elements. */
static void
write_preface(struct writer *w, xmlNodePtr docnode)
{
	const struct meta *m = &w->p->meta;
	if (m->subject == NULL && m->ncommittees == 0)
		return;
	xmlNodePtr pre = add(w, docnode, "preface");
	if (m->subject != NULL)
		add_text(w, add_mixed(w, add_mixed(w, pre, "p"), "docTitle"),
		    m->subject, key_pos(w->p->src, NULL, "subject"));
	for (size_t i = 0; i < m->ncommittees; i++) {
		const struct committee *c = &m->committees[i];
		char when[24];
		date_long(c->date, when);
		xmlNodePtr p = add_mixed(w, pre, "p");
		xmlNodePtr x = add_mixed(w, p, "docCommittee");
		set(w, x, "refersTo", ref_to(w, w->committee_ids[i]), nowhere);
		add_text(w, x, c->name, c->pos);
		add_text(w, p, ", ", nowhere);
		x = add_mixed(w, p, "docDate");
		set(w, x, "date", iso(w, c->date), nowhere);
		add_text(w, x, when, nowhere);
		if (c->purpose != PURPOSE_NONE) {
			add_text(w, p, ": ", nowhere);
			add_text(w, add_mixed(w, p, "docPurpose"),
			    purpose_label(c->purpose), nowhere);
		}
	}
	if (m->nreport_of > 0) {
		xmlNodePtr p = add_mixed(w, pre, "p");
		add_text(w, p, "Report of: ", nowhere);
		struct pos pos = key_pos(w->p->src, NULL, "report_of");
		for (size_t i = 0; i < m->nreport_of; i++) {
			if (i > 0)
				add_text(w, p, "; ", nowhere);
			xmlNodePtr x = add_mixed(w, p, "docProponent");
			set(w, x, "refersTo", ref_to(w, w->officer_ids[i]),
			    nowhere);
			add_text(w, x, m->report_of[i], pos);
		}
	}
	/* the edition: what a reader may do with it */
	add_text(w, add_mixed(w, add_mixed(w, pre, "p"), "docStatus"),
	    w->edition == EDITION_FULL && paper_has_nonpublic(w->p) ?
	        "Not for publication" :
	        "Public",
	    nowhere);
}

/* ------------------------------------------------------------------ */
/* Documents */

/* The appendices attached (attached()), each as <doc name="appendix"> in
 * an attachment: its meta, its title, its blocks and footnotes. */
static void
write_attachments(struct writer *w, xmlNodePtr docnode)
{
	const struct meta *m = &w->p->meta;
	xmlNodePtr atts = NULL;
	int att = 0;
	for (size_t i = 0; i < m->nappendices; i++) {
		const struct appendix *ap = &m->appendices[i];
		if (!attached(w, ap))
			continue;
		if (atts == NULL)
			atts = add(w, docnode, "attachments");
		w->doc = w->p; /* the title is the paper's */
		w->path = w->p->path;
		att++;
		xmlNodePtr a = add(w, atts, "attachment");
		set(w, a, "eId", eid(w, arena_printf(w->a, "att_%d", att)),
		    nowhere);
		xmlNodePtr doc = add(w, a, "doc");
		set(w, doc, "name", "appendix", nowhere);
		write_identification(w, add(w, doc, "meta"),
		    arena_printf(w->a, "appendix-%zu", i + 1));
		if (ap->title != NULL)
			add_text(w,
			    add_mixed(w,
			        add_mixed(w, add(w, doc, "preface"), "p"),
			        "docTitle"),
			    ap->title, ap->pos);
		write_appendix_body(w, doc, i,
		    arena_printf(w->a, "att_%d__", att));
	}
	begin_doc(w, w->p, "");
}

void
write_appendix_body(struct writer *w, xmlNodePtr doc, size_t i,
    const char *prefix)
{
	const struct appendix *ap = &w->p->meta.appendices[i];
	xmlNodePtr body = add(w, doc, "mainBody");
	if (ap->pdf != NULL) {
		xmlNodePtr c = add(w, body, "componentRef");
		set(w, c, "src", ap->file, ap->file_pos);
		const char *title = ap->title != NULL ? ap->title : "";
		set(w, c, "alt",
		    arena_printf(w->a,
		        "Appendix %zu \xe2\x80\x93 %s: PDF file, %zu page%s",
		        i + 1, title, ap->pdf->npages,
		        ap->pdf->npages == 1 ? "" : "s"),
		    ap->pos);
		set(w, c, "showAs", title, ap->pos);
		return;
	}
	begin_doc(w, ap->doc, prefix);
	for (const struct section *s = ap->doc->sections; s != NULL;
	     s = s->next)
		write_section(w, body, s, "hcontainer", "appendix", NULL);
	if (ap->doc->sections == NULL)
		write_filler(w, body);
}

/* The namespace href, declared on the root of xml or else on n. */
static xmlNsPtr namespace(xmlDocPtr xml, xmlNodePtr n, const char *href,
    const char *prefix)
{
	xmlNodePtr root = xmlDocGetRootElement(xml);
	xmlNsPtr ns = root != NULL ?
	    xmlSearchNsByHref(xml, root, BAD_CAST href) :
	    NULL;
	if (ns == NULL)
		check(ns = xmlNewNs(n, BAD_CAST href, BAD_CAST prefix));
	return ns;
}

/* A writer of documents into xml, for element n (not yet in the tree),
 * its eIds after base; its scratch arena freed by the caller. */
void
writer_init(struct writer *w, const struct paper *p, struct diags *d,
    xmlDocPtr xml, xmlNodePtr n, const char *base)
{
	*w = (struct writer){.p = p,
	    .doc = p,
	    .path = p != NULL ? p->path : NULL,
	    .d = d,
	    .a = arena_new(),
	    .xml = xml,
	    .base = base,
	    .prefix = base};
	w->akn = namespace(xml, n, AKN_NS, NULL);
	w->clerk = namespace(xml, n, CLERK_NS, "clerk");
	xmlSetNs(n, w->akn);
}

/* akn_paper_node, its eIds after base ("" for the paper on its own,
 * "cmp_4__" in a pack), of edition e; routed: a pack's Part 1 paper. */
xmlNodePtr
paper_node(const struct paper *p, struct diags *d, xmlDocPtr xml,
    const char *base, enum edition e, bool routed)
{
	akn_init();
	struct writer w;
	xmlNodePtr docnode = xmlNewDocNode(xml, NULL, BAD_CAST "doc", NULL);
	check(docnode);
	writer_init(&w, p, d, xml, docnode, base);
	w.edition = e;
	w.routed = routed;
	const struct meta *m = &p->meta;
	set(&w, docnode, "name", kind_name(m->kind), nowhere);

	xmlNodePtr meta = add(&w, docnode, "meta");
	xmlNodePtr refs = write_references(&w);
	write_identification(&w, meta, "main");
	xmlAddChild(meta, refs);
	write_proprietary(&w, meta);
	write_preface(&w, docnode);

	begin_doc(&w, p, "");
	xmlNodePtr body = add(&w, docnode, "mainBody");
	for (const struct section *s = p->sections; s != NULL; s = s->next) {
		if (m->kind == KIND_MINUTES)
			write_section(&w, body, s, "hcontainer", "item",
			    s->number != NULL ?
			        eid(&w,
			            arena_printf(w.a, "item_%s", s->number)) :
			        NULL);
		else
			write_section(&w, body, s, "section", NULL,
			    s->def != NULL ?
			        eid(&w,
			            arena_printf(w.a, "sec_%s", s->def->id)) :
			        NULL);
	}
	if (p->sections == NULL)
		write_filler(&w, body);
	write_attachments(&w, docnode);
	arena_free(w.a);
	return docnode;
}

struct _xmlNode *
akn_paper_node(const struct paper *p, enum edition e, struct diags *d,
    struct _xmlDoc *xml)
{
	return paper_node(p, d, xml, "", e, false);
}

/* ------------------------------------------------------------------ */
/* Whole documents */

/* A new document and its root <akomaNtoso> (in *root), which declares the
 * Akoma Ntoso namespace as the default and clerk's as "clerk". */
xmlDocPtr
new_document(xmlNodePtr *root)
{
	xmlDocPtr xml = xmlNewDoc(BAD_CAST "1.0");
	check(xml);
	*root = xmlNewDocNode(xml, NULL, BAD_CAST "akomaNtoso", NULL);
	check(*root);
	xmlNsPtr ns = xmlNewNs(*root, BAD_CAST AKN_NS, NULL);
	check(ns);
	xmlSetNs(*root, ns);
	check(xmlNewNs(*root, BAD_CAST CLERK_NS, BAD_CAST "clerk"));
	xmlDocSetRootElement(xml, *root);
	return xml;
}

/* xml serialised into *out (heap) and *len, and freed. false, with
 * D_XML_TOO_BIG in d for path and *out NULL, when it is larger than clerk
 * reads. */
bool
serialise(xmlDocPtr xml, const char *path, struct diags *d, char **out,
    size_t *len)
{
	xmlChar *mem = NULL;
	int size = 0;
	xmlDocDumpFormatMemoryEnc(xml, &mem, &size, "UTF-8", 1);
	xmlFreeDoc(xml);
	if (mem == NULL || size < 0)
		out_of_memory();
	if ((size_t)size > CLERK_MAX_XML_SIZE) {
		/* clerk would not read it back */
		char limit[32];
		snprintf(limit, sizeof limit, "%u MiB",
		    CLERK_MAX_XML_SIZE / (1024u * 1024u));
		diag(d, path, pos_at(0, 0), D_XML_TOO_BIG, limit);
		xmlFree(mem);
		return false;
	}
	*out = xmalloc((size_t)size + 1);
	memcpy(*out, mem, (size_t)size);
	(*out)[size] = '\0';
	*len = (size_t)size;
	xmlFree(mem);
	return true;
}

bool
akn_write(const struct paper *p, enum edition e, struct diags *d, char **out,
    size_t *len)
{
	akn_init();
	size_t errors = diags_errors(d);
	*out = NULL;
	*len = 0;
	struct diags *quiet = diags_new();
	bool has = paper_edition_ok(p, e, quiet);
	diags_free(quiet);
	if (!has)
		return false;
	xmlNodePtr root;
	xmlDocPtr xml = new_document(&root);
	xmlAddChild(root, akn_paper_node(p, e, d, xml));
	return serialise(xml, p->path, d, out, len) &&
	    diags_errors(d) == errors;
}
