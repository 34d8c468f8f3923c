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
 * A pack (akn_write_pack, mapping in akn.h) is a documentCollection of
 * components: the agenda as <doc name="agenda">, then each paper as
 * above, its eIds after "cmp_<item>__" so that they are unique in the
 * collection, and each appendix carried on a line of its own.
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
#include "akn.h"

#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlschemastypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agenda.h"
#include "arena.h"
#include "model.h"
#include "pack.h"
#include "source.h"
#include "strset.h"
#include "template.h"
#include "text.h"

/* At most this many D_XML_CHAR messages for one paper. */
enum { MAX_CHAR_MESSAGES = 10 };

struct writer {
	const struct paper *p;      /* the paper; NULL for a pack's own
				       parts (the agenda, the collection) */
	const struct paper *doc;    /* whose blocks are written: p, or an
				       appendix's document */
	const char *path;           /* the file of messages: doc's, or the
				       agenda's */
	struct diags *d;
	struct arena *a;            /* scratch, freed when the node is made */
	xmlDocPtr xml;
	xmlNsPtr akn, clerk;        /* the two namespaces */
	const char *base;           /* of every eId written: "" for a paper
				       on its own, "cmp_4__" in a pack */
	const char *prefix;         /* of eIds in doc: base, or base and
				       "att_2__" */
	enum edition edition;       /* public: non-public appendices left
				       out, listed without their titles */
	bool routed;                /* a pack's Part 1 paper: those with a
				       file are carried on Part 2 lines */
	const struct node **notes;  /* by footnote number - 1: doc's
				       definition, NULL once written */
	size_t nnotes;
	struct strset ids;          /* eIds given in references */
	const char **committee_ids; /* per committee: its TLCOrganization */
	const char **officer_ids;   /* per report_of: its TLCRole */
	struct {                    /* D_XML_CHAR messages given */
		struct pos pos;
		uint32_t cp;
	} chars[MAX_CHAR_MESSAGES];
	int nchars;
};

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

/* s as XML can hold it: a character XML cannot hold is replaced by U+FFFD,
 * with D_XML_CHAR at pos, where s is in doc's source. Returns s itself
 * when it is clean, else a copy in the scratch arena. NULL is "". */
static const xmlChar *
safe(struct writer *w, const char *s, struct pos pos)
{
	if (s == NULL)
		return BAD_CAST "";
	size_t n = strlen(s), o = 0;
	char *out = NULL;
	for (size_t i = 0; i < n;) {
		const unsigned char *u = (const unsigned char *)s + i;
		uint32_t cp = u[0];
		size_t l = cp < 0x80 ? 1 : utf8_decode(u, n - i, &cp);
		if (l > 0 && xml_char(cp)) {
			if (out != NULL)
				memcpy(out + o, s + i, l);
			o += l;
			i += l;
			continue;
		}
		if (out == NULL) {
			out = arena_alloc(w->a, 3 * n + 1);
			memcpy(out, s, i);
		}
		/* cmark writes U+FFFE and U+FFFF as the bytes 0xFE and 0xFF */
		if (l == 0)
			cp = u[0] >= 0xFE ? 0xFF00u | u[0] : u[0];
		report_char(w, pos, cp);
		o += utf8_encode(0xFFFD, out + o);
		i += l > 0 ? l : 1;
	}
	if (out == NULL)
		return BAD_CAST s;
	out[o] = '\0';
	return BAD_CAST out;
}

/* Where key (a top-level key of the front matter, or one under parent) is
 * given in src (a paper's or an agenda's; NULL for a paper read from
 * XML), at its value: the place of messages about meta texts, which keep
 * no position. {0, 0} when it cannot be found. */
static struct pos
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

static const struct pos nowhere = {0, 0};

static void
check(const void *made)
{
	if (made == NULL)
		out_of_memory();
}

/* A new element of Akoma Ntoso, the last child of parent (if any). */
static xmlNodePtr
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
static void
add_text(struct writer *w, xmlNodePtr parent, const char *s, struct pos pos)
{
	xmlNodePtr t = xmlNewDocText(w->xml, safe(w, s, pos));
	check(t);
	xmlAddChild(parent, t);
}

/* A new element whose content is text and inline elements: it begins
 * with an empty text node, so that libxml2 writes its content as it is,
 * without indentation. */
static xmlNodePtr
add_mixed(struct writer *w, xmlNodePtr parent, const char *name)
{
	xmlNodePtr n = add(w, parent, name);
	add_text(w, n, "", nowhere);
	return n;
}

static void
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
static xmlNodePtr
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
		bool plain = (*s >= 'a' && *s <= 'z') || (*s >= 'A' &&
		    *s <= 'Z') || (*s >= '0' && *s <= '9') ||
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
static const char *
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
static const char *
unique_id(struct writer *w, const char *base)
{
	const char *id = base;
	for (int k = 2; strset_get(&w->ids, id) != NULL; k++)
		id = arena_printf(w->a, "%s-%d", base, k);
	strset_put(w->a, &w->ids, id, id);
	return id;
}

static const char *
ref_to(struct writer *w, const char *id)
{
	return arena_printf(w->a, "#%s", id);
}

/* id as an eId of the document being written: after the writer's base,
 * so that the eIds of the documents of a pack are unique in it. */
static const char *
eid(struct writer *w, const char *id)
{
	return *w->base != '\0' ? arena_printf(w->a, "%s%s", w->base, id) :
	    id;
}

/* ------------------------------------------------------------------ */
/* Inlines */

static void write_inlines(struct writer *w, xmlNodePtr parent,
    const struct node *first);
static void write_blocks(struct writer *w, xmlNodePtr parent,
    const struct node *first, bool filler);

/* Is n written as text (a run of them makes one text node)? */
static bool
plain_text(const struct node *n)
{
	return n->type == N_SOFTBREAK || (n->type == N_TEXT &&
	    *n->text != '\0' && strchr(n->text, '\n') == NULL);
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
	    w->notes[k - 1] : NULL;
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
	return t == NULL || (t->next == NULL && t->type == N_TEXT &&
	    *t->text != '\0' && strchr(t->text, '\n') == NULL);
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
		set(w, x, "href", t != NULL && t->number != NULL ?
		    arena_printf(w->a, "#%spara_%s", w->base, t->number) :
		    "#", nowhere);
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
		if (!plain_text(n) || n->next == NULL ||
		    !plain_text(n->next)) {
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
static void
write_filler(struct writer *w, xmlNodePtr parent)
{
	set_clerk(w, add(w, parent, "p"), "filler", "true", nowhere);
}

static void
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
		set_clerk(w, li, "checked", item->u.item.checked ? "true" :
		    "false", nowhere);
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
		set_clerk(w, x, "start", arena_printf(w->a, "%d",
		    n->u.list.start), nowhere);
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
			xmlNodePtr cell = add(w, tr, row->u.row.header ? "th" :
			    "td");
			const char *cls = col < strlen(align) ?
			    align_class(align[col]) : NULL;
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
static void
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
			set(w, para, "eId", arena_printf(w->a, "%spara_%s",
			    w->prefix, n->number), nowhere);
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
static void
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

static const char *
iso(struct writer *w, struct date d)
{
	char *buf = arena_alloc(w->a, 16);
	date_iso(d, buf);
	return buf;
}

/* The work address of the paper: /akn/gb/doc/<kind>/<committee>/<date>
 * [/<subject>]. */
static const char *
paper_work(struct writer *w)
{
	const struct meta *m = &w->p->meta;
	const char *work = arena_printf(w->a, "/akn/gb/doc/%s/%s/%s",
	    kind_name(m->kind), slug(w, m->ncommittees > 0 ?
	    m->committees[0].name : NULL, "committee"), m->ncommittees > 0 ?
	    iso(w, m->committees[0].date) : "0001-01-01");
	if (m->kind != KIND_MINUTES)
		work = arena_printf(w->a, "%s/%s", work, slug(w, m->subject,
		    "paper"));
	return work;
}

/* The FRBR identification of component ("main", "appendix-1") of the
 * work at address work, of the meeting on date (ISO): its Work and
 * Expression by the TLC whose eId is author, its Manifestation by
 * clerk. */
static void
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
		set(w, add(w, f, "FRBRauthor"), "href", level == 2 ? by_clerk :
		    ref_to(w, author), nowhere);
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
	write_frbr(w, meta, paper_work(w), m->ncommittees > 0 ?
	    iso(w, m->committees[0].date) : "0001-01-01",
	    w->committee_ids != NULL && w->committee_ids[0] != NULL ?
	    w->committee_ids[0] : eid(w, "clerk"), component);
}

/* A TLC entry of references: eId from the name, unique. */
static const char *
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
static xmlNodePtr
begin_references(struct writer *w)
{
	xmlNodePtr refs = add(w, NULL, "references");
	set(w, refs, "source", ref_to(w, eid(w, "clerk")), nowhere);
	(void)unique_id(w, "clerk");
	return refs;
}

/* The last entry of references refs: clerk, the source of the meta. */
static void
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
	w->committee_ids = arena_alloc(w->a, (m->ncommittees + 1) *
	    sizeof(char *));
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
		    m->report_author, "author", key_pos(w->p->src, NULL,
		    "report_author"));
	if (m->has_contact && m->contact.name != NULL)
		(void)write_tlc(w, refs, "TLCPerson", "person",
		    m->contact.name, "contact", key_pos(w->p->src, "contact",
		    "name"));
	w->officer_ids = arena_alloc(w->a, (m->nreport_of + 1) *
	    sizeof(char *));
	for (size_t i = 0; i < m->nreport_of; i++)
		w->officer_ids[i] = write_tlc(w, refs, "TLCRole", "role",
		    m->report_of[i], "officer", key_pos(w->p->src, NULL,
		    "report_of"));
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
		add_clerk(w, parent, name, value, key_pos(w->p->src, parent_key,
		    key));
}

/* Is appendix ap written as an attachment of the paper: it has a file,
 * and is not left out of the public edition as non-public? */
static bool
attached(const struct writer *w, const struct appendix *ap)
{
	return ap->doc != NULL && (ap->public || w->edition == EDITION_FULL);
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
 * cannot be read (cmd_build and cmd_pack report that first). */
static void
write_digests(struct writer *w, xmlNodePtr cp)
{
	const struct template *t = w->p->tpl;
	const char *failed;
	const struct tpl_digests *dg = t != NULL ? template_digests(t,
	    &failed) : NULL;
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
	set(w, cp, "digest", w->edition == EDITION_FULL ? p->digest :
	    p->digest_public, nowhere);

	for (size_t i = 0; i < m->ncommittees; i++) {
		const struct committee *c = &m->committees[i];
		xmlNodePtr x = add_clerk(w, cp, "committee", c->name, c->pos);
		set(w, x, "date", iso(w, c->date), nowhere);
		set(w, x, "purpose", purpose_name(c->purpose), nowhere);
	}
	for (size_t i = 0; i < m->nexempt; i++)
		add_clerk(w, cp, "exempt-paragraph", arena_printf(w->a, "%d",
		    m->exempt[i]), nowhere);
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
			if (w->routed && ap->doc != NULL)
				set(w, e, "in-part-2", "true", nowhere);
			continue;
		}
		xmlNodePtr x = add_clerk(w, cp, "appendix", ap->title, ap->pos);
		if (ap->file != NULL)
			set(w, x, "file", ap->file, ap->pos);
		set(w, x, "public", ap->public ? "true" : "false", nowhere);
		if (ap->nexempt > 0)
			set(w, x, "exempt-paragraphs", paragraph_list(w,
			    ap->exempt, ap->nexempt), nowhere);
		if (attached(w, ap))
			set(w, x, "attachment", eid(w, arena_printf(w->a,
			    "att_%d", ++att)), nowhere);
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
	    "Not for publication" : "Public", nowhere);
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
			add_text(w, add_mixed(w, add_mixed(w, add(w, doc,
			    "preface"), "p"), "docTitle"), ap->title, ap->pos);
		begin_doc(w, ap->doc, arena_printf(w->a, "att_%d__", att));
		xmlNodePtr body = add(w, doc, "mainBody");
		for (const struct section *s = ap->doc->sections; s != NULL;
		    s = s->next)
			write_section(w, body, s, "hcontainer", "appendix",
			    NULL);
		if (ap->doc->sections == NULL)
			write_filler(w, body);
	}
	begin_doc(w, w->p, "");
}

/* The namespace href, declared on the root of xml or else on n. */
static xmlNsPtr
namespace(xmlDocPtr xml, xmlNodePtr n, const char *href, const char *prefix)
{
	xmlNodePtr root = xmlDocGetRootElement(xml);
	xmlNsPtr ns = root != NULL ? xmlSearchNsByHref(xml, root,
	    BAD_CAST href) : NULL;
	if (ns == NULL)
		check(ns = xmlNewNs(n, BAD_CAST href, BAD_CAST prefix));
	return ns;
}

/* A writer of documents into xml, for element n (not yet in the tree),
 * its eIds after base; its scratch arena freed by the caller. */
static void
writer_init(struct writer *w, const struct paper *p, struct diags *d,
    xmlDocPtr xml, xmlNodePtr n, const char *base)
{
	*w = (struct writer){.p = p, .doc = p, .path = p != NULL ? p->path :
	    NULL, .d = d, .a = arena_new(), .xml = xml, .base = base,
	    .prefix = base};
	w->akn = namespace(xml, n, AKN_NS, NULL);
	w->clerk = namespace(xml, n, CLERK_NS, "clerk");
	xmlSetNs(n, w->akn);
}

/* akn_paper_node, its eIds after base ("" for the paper on its own,
 * "cmp_4__" in a pack), of edition e; routed: a pack's Part 1 paper. */
static xmlNodePtr
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
			    s->number != NULL ? eid(&w, arena_printf(w.a,
			    "item_%s", s->number)) : NULL);
		else
			write_section(&w, body, s, "section", NULL,
			    s->def != NULL ? eid(&w, arena_printf(w.a,
			    "sec_%s", s->def->id)) : NULL);
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
static xmlDocPtr
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
static bool
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
		diag(d, path, (struct pos){0, 0}, D_XML_TOO_BIG, limit);
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

/* ------------------------------------------------------------------ */
/* Packs */

/* The eIds that the agenda's preface refers to (NULL: not given). */
struct agenda_ids {
	const char *committee, *venue, *signatory, *role;
};

/* <p class="cls">text</p> (cls and text may be NULL), the last child of
 * parent. */
static xmlNodePtr
add_para(struct writer *w, xmlNodePtr parent, const char *cls,
    const char *text, struct pos pos)
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

/* The agenda's work address: /akn/gb/doc/agenda/<committee>/<date>. */
static const char *
agenda_work(struct writer *w, const struct agenda *a)
{
	return arena_printf(w->a, "/akn/gb/doc/agenda/%s/%s", slug(w,
	    a->committee, "committee"), a->has_date ? iso(w, a->date) :
	    "0001-01-01");
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
		    a->signatory.name, "signatory", key_pos(src, "signatory",
		    "name"));
	if (a->has_signatory && a->signatory.title != NULL)
		ids->role = write_tlc(w, refs, "TLCRole", "role",
		    a->signatory.title, "signatory-title", key_pos(src,
		    "signatory", "title"));
	end_references(w, refs);
	return refs;
}

/* The agenda's front sheet: its title, the committee, date, time and
 * venue, then containers for the members, enquiries, signatory and
 * notes. */
static void
agenda_preface(struct writer *w, xmlNodePtr doc, const struct agenda *a,
    const struct agenda_ids *ids)
{
	const struct source *src = a->src;
	xmlNodePtr pre = add(w, doc, "preface");
	add_text(w, add_mixed(w, add_mixed(w, pre, "p"), "docTitle"), "Agenda",
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
		add_text(w, x, arena_printf(w->a, "%s %s",
		    date_weekday(a->date), when), nowhere);
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
			add_para(w, c, key[i], v[i], key_pos(src, "enquiries",
			    key[i]));
		}
	}
	if (ids->signatory != NULL || ids->role != NULL) {
		xmlNodePtr c = add(w, pre, "container");
		set(w, c, "name", "signatory", nowhere);
		xmlNodePtr sig = add_mixed(w, add_para(w, c, NULL, NULL,
		    nowhere), "signature");
		if (ids->signatory != NULL) {
			x = add_mixed(w, sig, "person");
			set(w, x, "refersTo", ref_to(w, ids->signatory),
			    nowhere);
			add_text(w, x, a->signatory.name, key_pos(src,
			    "signatory", "name"));
		}
		if (ids->signatory != NULL && ids->role != NULL)
			add_text(w, sig, ", ", nowhere);
		if (ids->role != NULL) {
			x = add_mixed(w, sig, "role");
			set(w, x, "refersTo", ref_to(w, ids->role), nowhere);
			add_text(w, x, a->signatory.title, key_pos(src,
			    "signatory", "title"));
		}
	}
	add_container(w, pre, "notes", a->notes, a->nnotes, key_pos(src,
	    NULL, "notes"));
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
		add_para(w, add(w, tr, "td"), NULL, *pars != '\0' ? pars :
		    "\xe2\x80\x93", nowhere);
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
write_line(struct writer *w, xmlNodePtr parent, const struct pack *pk,
    size_t i, enum pack_kind k)
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
		add_text(w, add_mixed(w, x, "heading"), e->title, e->item ==
		    NULL ? nowhere : e->item->title_para != NULL ?
		    e->item->title_para->pos : e->item->pos);

	bool held = pack_holds(e, k);
	bool exempt = e->part == 2 && e->paper != NULL;
	if (e->description != NULL || e->lead != NULL || e->note != NULL ||
	    e->exclusion || e->purpose != PURPOSE_NONE || exempt) {
		xmlNodePtr b = add(w, x, held || end > i + 1 ? "intro" :
		    "content");
		if (e->exclusion)
			write_motion(w, b, pk, e->description);
		else if (e->description != NULL)
			write_blocks(w, b, e->description, false);
		else if (e->lead != NULL)
			add_para(w, b, "description", e->lead, nowhere);
		if (e->note != NULL)
			add_para(w, b, "note", e->note, nowhere);
		if (e->purpose != PURPOSE_NONE)
			add_text(w, add_mixed(w, add_para(w, b, "purpose",
			    NULL, nowhere), "docPurpose"),
			    purpose_label(e->purpose), nowhere);
		if (exempt)
			add_para(w, b, "exempt", e->nexempt == 0 ?
			    "Non-public" : arena_printf(w->a, "Non-public "
			    "\xe2\x80\x93 exempt under paragraph%s %s of "
			    "Part 1 of Schedule 12A", e->nexempt > 1 ? "s" :
			    "", pack_paragraphs(w->a, e)), nowhere);
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
	write_frbr(&w, meta, agenda_work(&w, a), a->has_date ? iso(&w,
	    a->date) : "0001-01-01", ids.committee, "main");
	xmlAddChild(meta, refs);
	agenda_preface(&w, doc, a, &ids);

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
			add_text(&w, add_mixed(&w, x, "heading"), part == 1 ?
			    "Part 1 - Public Agenda" :
			    "Part 2 - Non-Public Agenda", nowhere);
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
	const char *author = m->ncommittees > 0 ? write_tlc(&w, refs,
	    "TLCOrganization", "organization", m->committees[0].name,
	    "committee", m->committees[0].pos) : eid(&w, "clerk");
	end_references(&w, refs);
	write_frbr(&w, meta, paper_work(&w), m->ncommittees > 0 ? iso(&w,
	    m->committees[0].date) : "0001-01-01", author,
	    arena_printf(w.a, "appendix-%d", n));
	xmlAddChild(meta, refs);
	xmlNodePtr prop = add(&w, meta, "proprietary");
	set(&w, prop, "source", ref_to(&w, eid(&w, "clerk")), nowhere);
	xmlNodePtr x = add_clerk(&w, prop, "appendix", ap->title, ap->pos);
	set(&w, x, "number", arena_printf(w.a, "%d", n), nowhere);
	if (ap->file != NULL)
		set(&w, x, "file", ap->file, ap->pos);
	set(&w, x, "public", ap->public ? "true" : "false", nowhere);

	xmlNodePtr pre = add(&w, doc, "preface");
	x = add_mixed(&w, add_mixed(&w, pre, "p"), "docTitle");
	add_text(&w, x, arena_printf(w.a, "Appendix %d \xe2\x80\x93 ", n),
	    nowhere);
	add_text(&w, x, ap->title, ap->pos);
	xmlNodePtr of_p = add_para(&w, pre, "appendix-of", arena_printf(w.a,
	    "Appendix %d of ", n), nowhere);
	if (paper_cmp != NULL) {
		xmlNodePtr r = add_mixed(&w, of_p, "ref");
		set(&w, r, "href", ref_to(&w, paper_cmp), nowhere);
		add_text(&w, r, m->subject, subject_pos);
	} else {
		add_text(&w, of_p, m->subject, subject_pos);
	}

	begin_doc(&w, ap->doc, "");
	xmlNodePtr body = add(&w, doc, "mainBody");
	for (const struct section *s = ap->doc->sections; s != NULL;
	    s = s->next)
		write_section(&w, body, s, "hcontainer", "appendix", NULL);
	if (ap->doc->sections == NULL)
		write_filler(&w, body);
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
	xmlNodePtr coll = xmlNewDocNode(xml, NULL, BAD_CAST
	    "documentCollection", NULL);
	check(coll);
	xmlAddChild(root, coll);
	struct writer w;
	writer_init(&w, NULL, d, xml, coll, "");
	w.path = a->path;
	set(&w, coll, "name", "pack", nowhere);

	/* meta */
	const char *name = k == PACK_PUBLIC ? "public" : "full";
	const char *date = a->has_date ? iso(&w, a->date) : "0001-01-01";
	struct pos committee_pos = key_pos(a->src, NULL, "committee");
	xmlNodePtr meta = add(&w, coll, "meta");
	xmlNodePtr refs = begin_references(&w);
	const char *committee = write_tlc(&w, refs, "TLCOrganization",
	    "organization", a->committee != NULL ? a->committee : "",
	    "committee", committee_pos);
	end_references(&w, refs);
	write_frbr(&w, meta, arena_printf(w.a,
	    "/akn/gb/documentCollection/%s/%s/pack-%s", slug(&w,
	    a->committee, "committee"), date, name), date, committee, "main");
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
	add_text(&w, add_mixed(&w, add_mixed(&w, pre, "p"), "docTitle"),
	    k == PACK_PUBLIC ? "Public pack" : "Full pack", nowhere);
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
		xmlAddChild(x, e->appendix < 0 ? paper_node(e->paper, d, xml,
		    base, e->part == 1 ? EDITION_PUBLIC : EDITION_FULL,
		    true) : appendix_node(e,
		    paper_component(&w, pk, k, e->paper), d, xml, base));
	}
	arena_free(w.a);
	return serialise(xml, a->path, d, out, len) &&
	    diags_errors(d) == errors;
}
