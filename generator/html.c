/* html.c: the parts of every HTML page clerk writes (html-int.h): the
 * page and its head with clerk's stylesheet, text HTML can hold, ids,
 * headings, and the model's blocks and inlines as HTML elements, with
 * the images copied beside the page. Built with libxml2's HTML tree and
 * serialised by it (UTF-8 kept as it is, &, < and > escaped in text,
 * quotes in attributes); the same tree gives the same bytes. */
#include "html-int.h"

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "assets.h"
#include "extpdf.h"
#include "image.h"
#include "paper_text.h"
#include "template.h"
#include "text.h"

#include "html-css.h" /* HTML_CSS: generator/html.css, made a string */

/* ------------------------------------------------------------------ */
/* Text HTML can hold */

/* Is cp a character an HTML page may hold: no control character but
 * tab, newline and carriage return, no noncharacter? */
static bool
html_char(uint32_t cp)
{
	if (cp < 0x20)
		return cp == '\t' || cp == '\n' || cp == '\r';
	if (cp >= 0x7F && cp <= 0x9F)
		return false;
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return false;
	if (cp >= 0xFDD0 && cp <= 0xFDEF)
		return false;
	return (cp & 0xFFFE) != 0xFFFE && cp <= 0x10FFFF;
}

/* D_HTML_CHAR for cp, once a page for each character, at most
 * HTML_MAX_CHAR_MESSAGES. */
static void
report_char(struct hw *w, uint32_t cp)
{
	const char *key = arena_printf(w->a, "U+%X", (unsigned)cp);
	static const char seen[] = "";
	if (w->nchars >= HTML_MAX_CHAR_MESSAGES ||
	    !strset_put(w->a, &w->names, key, seen))
		return;
	w->nchars++;
	diag(w->d, w->path, pos_at(0, 0), D_HTML_CHAR, (unsigned)cp);
}

static void
refused(void *ctx, uint32_t cp)
{
	report_char(ctx, cp);
}

/* s as HTML can hold it: s itself when clean, else a copy in the
 * scratch arena with each character HTML cannot hold (and each byte of
 * invalid UTF-8) replaced by U+FFFD. NULL is "". */
static const xmlChar *
safe(struct hw *w, const char *s)
{
	if (s == NULL)
		return BAD_CAST "";
	return BAD_CAST utf8_replace(w->a, s, html_char, refused, w);
}

/* ------------------------------------------------------------------ */
/* Elements */

static void
check(const void *made)
{
	if (made == NULL)
		out_of_memory();
}

xmlNodePtr
hw_el(struct hw *w, xmlNodePtr parent, const char *name)
{
	xmlNodePtr n = xmlNewDocNode(w->doc, NULL, BAD_CAST name, NULL);
	check(n);
	if (parent != NULL)
		xmlAddChild(parent, n);
	return n;
}

void
hw_attr(struct hw *w, xmlNodePtr n, const char *name, const char *value)
{
	check(xmlNewProp(n, BAD_CAST name, safe(w, value)));
}

xmlNodePtr
hw_elc(struct hw *w, xmlNodePtr parent, const char *name, const char *cls)
{
	xmlNodePtr n = hw_el(w, parent, name);
	hw_attr(w, n, "class", cls);
	return n;
}

void
hw_text(struct hw *w, xmlNodePtr parent, const char *s)
{
	if (s == NULL || *s == '\0')
		return;
	xmlNodePtr t = xmlNewDocText(w->doc, safe(w, s));
	check(t);
	xmlAddChild(parent, t); /* merged with a text before it, if any */
}

xmlNodePtr
hw_el_text(struct hw *w, xmlNodePtr parent, const char *name, const char *s)
{
	xmlNodePtr n = hw_el(w, parent, name);
	hw_text(w, n, s);
	return n;
}

void
hw_lines(struct hw *w, xmlNodePtr parent, const char *s)
{
	while (s != NULL && *s != '\0') {
		size_t len = strcspn(s, "\n");
		hw_text(w, parent, arena_strndup(w->a, s, len));
		s += len;
		if (*s == '\n' && *++s != '\0')
			hw_el(w, parent, "br");
	}
}

void
hw_hidden(struct hw *w, xmlNodePtr parent, const char *s)
{
	hw_text(w, hw_elc(w, parent, "span", "vh"), s);
}

const char *
hw_id(struct hw *w, const char *id)
{
	const char *u = id;
	for (int k = 2; strset_get(&w->ids, u) != NULL; k++)
		u = arena_printf(w->a, "%s-%d", id, k);
	strset_put(w->a, &w->ids, u, u);
	return u;
}

xmlNodePtr
hw_heading(struct hw *w, xmlNodePtr parent, int level, const char *s)
{
	if (level > w->level + 1)
		level = w->level + 1;
	if (level < 1)
		level = 1;
	if (level > 6)
		level = 6;
	w->level = level;
	char name[3] = {'h', (char)('0' + level), '\0'};
	return hw_el_text(w, parent, name, s);
}

void
hw_notice(struct hw *w, xmlNodePtr parent, const struct paper *p, const int *x,
    size_t n)
{
	const char *text = paper_exempt_notice(w->a, p, x, n);
	if (text == NULL)
		return;
	xmlNodePtr div = hw_elc(w, parent, "div", "notice");
	hw_attr(w, div, "role", "note");
	hw_text(w, hw_el(w, div, "p"), text);
}

/* ------------------------------------------------------------------ */
/* The page */

void
hw_begin(struct hw *w, const char *path, struct diags *d,
    const struct html_files *files, const char *title, bool noindex)
{
	*w = (struct hw){.a = arena_new(),
	    .d = d,
	    .path = path,
	    .files = files,
	    .idp = ""};
	w->doc = htmlNewDocNoDtD(NULL, NULL);
	check(w->doc);
	check(xmlCreateIntSubset(w->doc, BAD_CAST "html", NULL, NULL));
	xmlNodePtr html = hw_el(w, NULL, "html");
	xmlDocSetRootElement(w->doc, html);
	hw_attr(w, html, "lang", "en-GB");
	w->head = hw_el(w, html, "head");
	hw_attr(w, hw_el(w, w->head, "meta"), "charset", "utf-8");
	xmlNodePtr m = hw_el(w, w->head, "meta");
	hw_attr(w, m, "name", "viewport");
	hw_attr(w, m, "content", "width=device-width, initial-scale=1");
	if (noindex) {
		m = hw_el(w, w->head, "meta");
		hw_attr(w, m, "name", "robots");
		hw_attr(w, m, "content", "noindex, nofollow");
	}
	m = hw_el(w, w->head, "meta");
	hw_attr(w, m, "name", "generator");
	hw_attr(w, m, "content", "clerk " CLERK_VERSION);
	w->title = hw_el_text(w, w->head, "title", title);
	hw_el_text(w, w->head, "style", HTML_CSS);
	w->body = hw_el(w, html, "body");
	xmlNodePtr skip = hw_el_text(w, w->body, "a", "Skip to main content");
	hw_attr(w, skip, "class", "skip");
	hw_attr(w, skip, "href", "#main");
	(void)hw_id(w, "main");
}

/* Is n an element that a newline after it, in the source, changes
 * nothing of: one of the blocks clerk writes, outside a <pre>? */
static bool
block_element(xmlNodePtr n)
{
	static const char *const blocks[] = {"address", "blockquote", "div",
	    "dl", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
	    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
	    "table", "tr", "ul", "thead", "tbody", "caption", "meta", "title",
	    "style", "head", "body", "a"};
	if (n->type != XML_ELEMENT_NODE)
		return false;
	const char *name = (const char *)n->name;
	if (strcmp(name, "a") == 0) /* only the skip link */
		return n->parent != NULL &&
		    strcmp((const char *)n->parent->name, "body") == 0;
	for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++)
		if (strcmp(name, blocks[i]) == 0)
			return true;
	return false;
}

/* A newline after each block element of the tree below root (no
 * recursion: a walk), so that the source reads a block a line. */
static void
add_newlines(struct hw *w, xmlNodePtr root)
{
	xmlNodePtr n = root;
	while (n != NULL) {
		if (n->children != NULL && n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "pre") != 0) {
			n = n->children;
			continue;
		}
		for (;;) {
			if (block_element(n) && n != root &&
			    (n->next == NULL ||
			        n->next->type != XML_TEXT_NODE)) {
				xmlNodePtr t = xmlNewDocText(w->doc,
				    BAD_CAST "\n");
				check(t);
				xmlAddNextSibling(n, t);
				n = t;
			}
			if (n == root) {
				n = NULL;
				break;
			}
			if (n->next != NULL) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
}

/* The serialised page, grown by doubling: libxml2's xmlBuffer grows by
 * the size of each write, so a page of many megabytes cost a copy of
 * itself for every element written. */
struct page_sink {
	char *p;
	size_t len, cap;
};

static int
sink_write(void *ctx, const char *b, int n)
{
	struct page_sink *s = ctx;
	if ((size_t)n + 1 > s->cap - s->len) {
		size_t cap = s->cap != 0 ? s->cap : 65536;
		while ((size_t)n + 1 > cap - s->len)
			cap *= 2;
		s->p = xrealloc(s->p, cap);
		s->cap = cap;
	}
	memcpy(s->p + s->len, b, (size_t)n);
	s->len += (size_t)n;
	return n;
}

void
hw_end(struct hw *w, char **out, size_t *len)
{
	add_newlines(w, xmlDocGetRootElement(w->doc));
	struct page_sink s = {0};
	xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(sink_write, NULL, &s,
	    xmlFindCharEncodingHandler("UTF-8"));
	check(ob);
	htmlDocContentDumpFormatOutput(ob, w->doc, "UTF-8", 0);
	if (xmlOutputBufferClose(ob) < 0)
		out_of_memory();
	if (s.p == NULL)
		sink_write(&s, "", 0);
	s.p[s.len] = '\0';
	*out = s.p;
	*len = s.len;
	xmlFreeDoc(w->doc);
	arena_free(w->a);
	*w = (struct hw){0};
}

/* ------------------------------------------------------------------ */
/* Images */

/* A name in the page's folder for a file named path: its own name made
 * safe, and unique there. */
static const char *
file_name(struct hw *w, const char *path)
{
	const char *base = strrchr(path, '/');
	base = base != NULL ? base + 1 : path;
	char *s = arena_strdup(w->a, base);
	for (char *c = s; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		        (*c >= '0' && *c <= '9') || *c == '.' || *c == '-' ||
		        *c == '_'))
			*c = '-';
	if (*s == '.' || *s == '\0')
		s = arena_printf(w->a, "image%s", s);
	const char *dot = strrchr(s, '.');
	size_t stem = dot != NULL && dot > s ? (size_t)(dot - s) : strlen(s);
	const char *name = s;
	for (int k = 2;
	     strset_get(&w->names, arena_printf(w->a, "f:%s", name)) != NULL;
	     k++)
		name = arena_printf(w->a, "%.*s-%d%s", (int)stem, s, k,
		    s + stem);
	strset_put(w->a, &w->names, arena_printf(w->a, "f:%s", name), name);
	return name;
}

/* The name of the image file at path in the page's folder (file_name);
 * the same file once. */
static const char *
image_name(struct hw *w, const char *path)
{
	const char *known = strset_get(&w->images, path);
	if (known != NULL)
		return known;
	const char *name = file_name(w, path);
	strset_put(w->a, &w->images, arena_strdup(w->a, path), name);
	rendered_add(w->files->r,
	    arena_printf(w->a, "%s%s", w->files->file_dir, name), NULL, 0,
	    path);
	return name;
}

const char *
hw_pdf_file(struct hw *w, const struct appendix *ap)
{
	if (w->files == NULL || ap->pdf == NULL)
		return NULL;
	const char *key = arena_printf(w->a, "pdf:%s", ap->sha256);
	const char *name = strset_get(&w->images, key);
	if (name == NULL) {
		name = file_name(w,
		    ap->file != NULL ? ap->file : "appendix.pdf");
		strset_put(w->a, &w->images, key, name);
		char *copy = xmalloc(ap->pdf->len ? ap->pdf->len : 1);
		memcpy(copy, ap->pdf->bytes, ap->pdf->len);
		rendered_add(w->files->r,
		    arena_printf(w->a, "%s%s", w->files->file_dir, name), copy,
		    ap->pdf->len, NULL);
	}
	return arena_printf(w->a, "%s%s", w->files->src_dir, name);
}

/* An image as a figure: the image, its description its alt text (""
 * when decorative) and, for sighted readers, its caption, as the PDF
 * prints it. An image clerk could not read is its description only. */
static void
figure(struct hw *w, xmlNodePtr parent, const struct node *img)
{
	const char *alt = node_text(w->a, img);
	bool deco = image_decorative(img) || alt == NULL ||
	    alt[strspn(alt, " \t\n")] == '\0';
	bool caption = alt != NULL && alt[strspn(alt, " \t\n")] != '\0';
	if (img->u.link.path == NULL || w->files == NULL) {
		if (caption)
			hw_inlines(w, hw_elc(w, parent, "p", "caption"),
			    img->first);
		return;
	}
	xmlNodePtr fig = hw_el(w, parent, "figure");
	xmlNodePtr im = hw_el(w, fig, "img");
	hw_attr(w, im, "src",
	    arena_printf(w->a, "%s%s", w->files->src_dir,
	        image_name(w, img->u.link.path)));
	hw_attr(w, im, "alt", deco ? "" : alt);
	const struct image_info *info = img->u.link.image;
	if (info != NULL) {
		hw_attr(w, im, "width", arena_printf(w->a, "%u", info->width));
		hw_attr(w, im, "height",
		    arena_printf(w->a, "%u", info->height));
	}
	if (caption && deco) {
		hw_inlines(w, hw_elc(w, fig, "p", "caption"), img->first);
	} else if (caption) {
		/* read once, as the image's alt text: no link in it */
		xmlNodePtr cap = hw_el(w, fig, "figcaption");
		hw_attr(w, cap, "aria-hidden", "true");
		hw_text(w, cap, alt);
	}
}

/* ------------------------------------------------------------------ */
/* Inlines */

/* A footnote reference: a link to the note, numbered as the note. */
static void
note_ref(struct hw *w, xmlNodePtr parent, const struct node *n)
{
	int k = n->u.footnote.number;
	const char *num = arena_printf(w->a, "%d", k);
	xmlNodePtr sup = hw_el(w, parent, "sup");
	if (k < 1 || (size_t)k > w->nnotes || w->links > 0) {
		/* no note on the page to go to (an agenda's), or inside a
		 * link, where no link may be */
		hw_text(w, sup, num);
		return;
	}
	xmlNodePtr a = hw_elc(w, sup, "a", "fnref");
	hw_attr(w, a, "href", arena_printf(w->a, "#%sfn-%d", w->idp, k));
	{
		int r = ++w->refs[k - 1];
		hw_attr(w, a, "id",
		    hw_id(w,
		        r == 1 ?
		            arena_printf(w->a, "%sfnref-%d", w->idp, k) :
		            arena_printf(w->a, "%sfnref-%d-%d", w->idp, k, r)));
	}
	hw_hidden(w, a, "Note ");
	hw_text(w, a, num);
}

static void
inline_one(struct hw *w, xmlNodePtr parent, const struct node *n)
{
	xmlNodePtr x;
	switch (n->type) {
	case N_TEXT:
		hw_text(w, parent, n->text);
		break;
	case N_SOFTBREAK:
		hw_text(w, parent, "\n");
		break;
	case N_LINEBREAK:
		hw_el(w, parent, "br");
		break;
	case N_CODE:
		hw_el_text(w, parent, "code", n->text);
		break;
	case N_EMPH:
		hw_inlines(w, hw_el(w, parent, "em"), n->first);
		break;
	case N_STRONG:
		hw_inlines(w, hw_el(w, parent, "strong"), n->first);
		break;
	case N_STRIKETHROUGH:
		hw_inlines(w, hw_el(w, parent, "del"), n->first);
		break;
	case N_LINK:
		/* no address ("[text]()"): plain text, as in the PDF */
		x = n->u.link.url != NULL && *n->u.link.url ?
		    hw_el(w, parent, "a") :
		    hw_el(w, parent, "span");
		if (n->u.link.url != NULL && *n->u.link.url)
			hw_attr(w, x, "href", n->u.link.url);
		if (n->u.link.title != NULL)
			hw_attr(w, x, "title", n->u.link.title);
		w->links++;
		hw_inlines(w, x, n->first);
		w->links--;
		break;
	case N_IMAGE:
		/* set after its paragraph (block_paragraph); elsewhere (a
		 * table cell, a heading) its description */
		hw_inlines(w, hw_el(w, parent, "span"), n->first);
		break;
	case N_XREF: {
		const struct node *t = n->u.xref.target;
		/* a link where its paragraph is on the page, and not in a
		 * link */
		bool here = t != NULL && t->number != NULL && w->xrefs &&
		    w->links == 0;
		x = hw_elc(w, parent, here ? "a" : "span", "xref");
		if (here)
			hw_attr(w, x, "href",
			    arena_printf(w->a, "#para-%s", t->number));
		w->links += here;
		if (n->first != NULL)
			hw_inlines(w, x, n->first);
		else
			hw_text(w, x, paper_xref_text(n));
		w->links -= here;
		break;
	}
	case N_FOOTNOTE_REF:
		note_ref(w, parent, n);
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

/* Is n written as text (a run of them makes one text node)? */
static bool
plain_text(const struct node *n)
{
	return n->type == N_SOFTBREAK || n->type == N_TEXT;
}

/* The inlines from first on, images left out when skip_images (the
 * paragraph sets them after its words). Each run of texts and soft breaks
 * goes in as one text node: appended one by one, libxml2 would copy the
 * text made so far at each. */
static void
inlines(struct hw *w, xmlNodePtr parent, const struct node *first,
    bool skip_images)
{
	for (const struct node *n = first; n != NULL;) {
		if (!plain_text(n) || n->next == NULL || !plain_text(n->next)) {
			if (n->type != N_IMAGE || !skip_images)
				inline_one(w, parent, n);
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
		hw_text(w, parent, run);
		n = e;
	}
}

void
hw_inlines(struct hw *w, xmlNodePtr parent, const struct node *first)
{
	inlines(w, parent, first, false);
}

/* ------------------------------------------------------------------ */
/* Blocks */

static bool
is_resolution(const struct node *t)
{
	return t != NULL && t->type == N_TEXT &&
	    strncmp(t->text, "RESOLVED", 8) == 0;
}

/* A paragraph: its words (in minutes, "RESOLVED" begins a resolution,
 * the word in bold), then its images as figures, as the PDF sets them. */
static void
paragraph(struct hw *w, xmlNodePtr parent, const struct node *n)
{
	const struct node *first = n->first;
	bool words = false, images = false;
	for (const struct node *c = first; c != NULL; c = c->next) {
		images = images || c->type == N_IMAGE;
		words = words || c->type != N_IMAGE;
	}
	if (words || !images) {
		xmlNodePtr p = hw_el(w, parent, "p");
		if (w->minutes && !w->in_note && is_resolution(first)) {
			hw_attr(w, p, "class", "resolution");
			hw_el_text(w, p, "strong", "RESOLVED");
			hw_text(w, p, first->text + 8);
			first = first->next;
		}
		inlines(w, p, first, w->files != NULL);
	}
	for (const struct node *c = n->first; c != NULL && w->files != NULL;
	     c = c->next)
		if (c->type == N_IMAGE)
			figure(w, parent, c);
}

static void
subheading(struct hw *w, xmlNodePtr parent, const struct node *n)
{
	xmlNodePtr h;
	if (w->in_note) /* a heading in a note is none of the page's */
		h = hw_el(w, hw_elc(w, parent, "p", "subheading"), "strong");
	else
		h = hw_heading(w, parent, w->sect + n->u.heading.level, NULL);
	hw_inlines(w, h, n->first);
}

static void block(struct hw *w, xmlNodePtr parent, const struct node *n,
    int depth);

/* A list: the PDF's markers, each in a span before the item's blocks;
 * bullets hidden from screen readers (the list says it), task boxes
 * read as "Done" or "Not done". */
static void
list(struct hw *w, xmlNodePtr parent, const struct node *n, int depth)
{
	bool ordered = n->u.list.ordered;
	bool tasks = n->first != NULL && n->first->u.item.task;
	xmlNodePtr l = hw_elc(w, parent, ordered ? "ol" : "ul",
	    n->u.list.tight ? "marked tight" : "marked");
	if (ordered && n->u.list.start != 1)
		hw_attr(w, l, "start",
		    arena_printf(w->a, "%d", n->u.list.start));
	int num = n->u.list.start;
	static const struct template none = {0};
	for (const struct node *it = n->first; it != NULL; it = it->next) {
		xmlNodePtr li = hw_el(w, l, "li");
		const char *m = paper_list_marker(w->a, w->t ? w->t : &none, n,
		    it, num++, depth);
		xmlNodePtr mk = hw_el_text(w, li, "span", m);
		hw_attr(w, mk, "class", "marker");
		if (it->u.item.task) {
			hw_attr(w, mk, "aria-hidden", "true");
			hw_hidden(w, li,
			    it->u.item.checked ? "Done: " : "Not done: ");
		} else if (!ordered || tasks) {
			hw_attr(w, mk, "aria-hidden", "true");
		}
		for (const struct node *c = it->first; c != NULL; c = c->next)
			block(w, li, c, depth + 1);
	}
}

/* A table in a box of its own that scrolls sideways when the table is
 * wider than the page: a region named "Table N" that a keyboard reaches
 * (tabindex). The header row's cells th scope="col"; alignment as the
 * paper gives it. */
static void
table(struct hw *w, xmlNodePtr parent, const struct node *n)
{
	const char *align = n->u.table.align != NULL ? n->u.table.align : "";
	const char *name = arena_printf(w->a, "Table %zu", ++w->ntables);
	xmlNodePtr box = hw_elc(w, parent, "div", "table-box");
	hw_attr(w, box, "role", "region");
	hw_attr(w, box, "aria-label", name);
	hw_attr(w, box, "tabindex", "0");
	xmlNodePtr t = hw_el(w, box, "table");
	xmlNodePtr part = NULL;
	for (const struct node *row = n->first; row; row = row->next) {
		bool head = row->u.row.header;
		if (part == NULL ||
		    (!head && strcmp((const char *)part->name, "thead") == 0))
			part = hw_el(w, t, head ? "thead" : "tbody");
		xmlNodePtr tr = hw_el(w, part, "tr");
		size_t col = 0;
		for (const struct node *c = row->first; c; c = c->next, col++) {
			/* an empty header cell heads nothing: a td */
			bool th = head && c->first != NULL;
			xmlNodePtr cell = hw_el(w, tr, th ? "th" : "td");
			if (th)
				hw_attr(w, cell, "scope", "col");
			char al = col < strlen(align) ? align[col] : ' ';
			if (al == 'c' || al == 'r')
				hw_attr(w, cell, "class",
				    al == 'c' ? "centre" : "right");
			hw_inlines(w, cell, c->first);
		}
	}
}

/* One block at list depth (lists inside it are one deeper). */
static void
block(struct hw *w, xmlNodePtr parent, const struct node *n, int depth)
{
	switch (n->type) {
	case N_PARAGRAPH:
		paragraph(w, parent, n);
		break;
	case N_SUBHEADING:
		subheading(w, parent, n);
		break;
	case N_LIST:
		list(w, parent, n, depth);
		break;
	case N_ITEM:
	case N_FOOTNOTE_DEF:
		hw_blocks(w, parent, n->first);
		break;
	case N_BLOCKQUOTE:
		hw_blocks(w, hw_el(w, parent, "blockquote"), n->first);
		break;
	case N_CODE_BLOCK:
		hw_el_text(w, hw_el(w, parent, "pre"), "code", n->text);
		break;
	case N_THEMATIC_BREAK:
		hw_el(w, parent, "hr");
		break;
	case N_TABLE:
		table(w, parent, n);
		break;
	case N_TABLE_ROW:
	case N_TABLE_CELL:
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
		break; /* only inside their parents */
	}
}

/* The list depth of a block: how many lists hold it. */
static int
list_depth(const struct node *n)
{
	int depth = 0;
	for (const struct node *p = n->parent; p != NULL; p = p->parent)
		depth += p->type == N_LIST;
	return depth;
}

void
hw_blocks(struct hw *w, xmlNodePtr parent, const struct node *first)
{
	int depth = first != NULL ? list_depth(first) : 0;
	for (const struct node *n = first; n != NULL; n = n->next)
		block(w, parent, n, depth);
}

void
hw_section_blocks(struct hw *w, xmlNodePtr parent, const struct node *first)
{
	xmlNodePtr ol = NULL;
	for (const struct node *n = first; n != NULL; n = n->next) {
		if (n->number == NULL) {
			ol = NULL;
			block(w, parent, n, 0);
			continue;
		}
		if (ol == NULL)
			ol = hw_elc(w, parent, "ol", "paras");
		const char *id = hw_id(w,
		    arena_printf(w->a, "%spara-%s", w->idp, n->number));
		xmlNodePtr li = hw_el(w, ol, "li");
		hw_attr(w, li, "id", id);
		xmlNodePtr a = hw_elc(w, li, "a", "num");
		hw_attr(w, a, "href", arena_printf(w->a, "#%s", id));
		hw_hidden(w, a, "Paragraph ");
		hw_text(w, a, paper_number_label(w->a, n->number));
		block(w, li, n, 0);
	}
}

/* ------------------------------------------------------------------ */
/* Footnotes */

void
hw_begin_notes(struct hw *w, const struct paper *doc)
{
	int max = 0;
	for (const struct node *f = doc->footnotes; f != NULL; f = f->next)
		if (f->u.footnote.number > max)
			max = f->u.footnote.number;
	w->nnotes = (size_t)max;
	w->refs = arena_alloc(w->a, ((size_t)max + 1) * sizeof *w->refs);
}

void
hw_notes(struct hw *w, xmlNodePtr parent, const struct paper *doc, int level)
{
	if (doc->footnotes == NULL)
		return;
	xmlNodePtr sec = hw_elc(w, parent, "section", "notes");
	hw_attr(w, sec, "id", hw_id(w, arena_printf(w->a, "%snotes", w->idp)));
	hw_heading(w, sec, level, "Notes");
	xmlNodePtr ol = hw_el(w, sec, "ol");
	w->in_note = true;
	for (const struct node *f = doc->footnotes; f != NULL; f = f->next) {
		int k = f->u.footnote.number;
		xmlNodePtr li = hw_el(w, ol, "li");
		hw_attr(w, li, "value", arena_printf(w->a, "%d", k));
		hw_attr(w, li, "id",
		    hw_id(w, arena_printf(w->a, "%sfn-%d", w->idp, k)));
		hw_blocks(w, li, f->first);
		int refs = k >= 1 && (size_t)k <= w->nnotes ? w->refs[k - 1] :
		                                              0;
		xmlNodePtr p = refs > 0 ? hw_elc(w, li, "p", "back") : NULL;
		for (int r = 1; r <= refs; r++) {
			xmlNodePtr a = hw_el(w, p, "a");
			hw_attr(w, a, "href",
			    r == 1 ?
			        arena_printf(w->a, "#%sfnref-%d", w->idp, k) :
			        arena_printf(w->a, "#%sfnref-%d-%d", w->idp, k,
			            r));
			hw_text(w, a,
			    refs == 1 ?
			        "Back to the text" :
			        arena_printf(w->a, "Back to reference %d", r));
			if (r < refs)
				hw_text(w, p, " ");
		}
	}
	w->in_note = false;
}
