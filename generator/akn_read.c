/* akn_read.c: clerk's Akoma Ntoso XML read back, safely, into the paper
 * it was written from (akn_write.c describes the mapping); XML validated
 * against a schema; and libxml2 set up for the whole of clerk.
 *
 * Safe reading: the file is read whole, at most CLERK_MAX_XML_SIZE bytes;
 * it is parsed with NONET and without NOENT, DTDLOAD, DTDATTR or HUGE; a
 * DOCTYPE stops the parser as soon as it is met (before any entity is
 * declared), so that entity expansion (billion laughs) and external
 * entities (XXE) never start; and the external entity loader refuses
 * every load, whatever asks for it. libxml2's messages go into the
 * diagnostics, never to stderr. */
#include "akn.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlschemastypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <threads.h>
#include <unistd.h>

#include "arena.h"
#include "assets.h"
#include "markdown.h"
#include "model.h"
#include "paper.h"
#include "source.h"
#include "structure.h"
#include "template.h"
#include "text.h"

/* At most this many messages from libxml2 for one document. */
enum { MAX_XML_MESSAGES = 50 };

/* ------------------------------------------------------------------ */
/* libxml2 for clerk */

static xmlExternalEntityLoader default_loader;
static _Thread_local bool loads_allowed; /* a schema is being read */
static mtx_t schema_lock;                /* for the schemas read */

/* Every external load (DTD, entity, XInclude) is refused, but for those
 * of a schema that akn_validate reads. */
static xmlParserInputPtr
refuse_load(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	if (loads_allowed && default_loader != NULL)
		return default_loader(url, id, ctxt);
	return NULL;
}

static void
setup(void)
{
	xmlInitParser();
	xmlSchemaInitTypes();
	default_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(refuse_load);
	if (mtx_init(&schema_lock, mtx_plain) != thrd_success)
		out_of_memory();
}

void
akn_init(void)
{
	static once_flag once = ONCE_FLAG_INIT;
	call_once(&once, setup);
}

/* ------------------------------------------------------------------ */
/* Parsing */

/* One parse or validation: where its messages go. */
struct parse {
	struct diags *d;
	const char *name; /* the file, for messages */
	enum diag_id id;  /* D_XML_SYNTAX or D_XML_SCHEMA */
	bool doctype;     /* a DOCTYPE was met: refused */
	int doctype_line;
	int messages; /* recorded */
};

/* The parse running on this thread, for the DOCTYPE handler. */
static _Thread_local struct parse *current;

/* libxml2's unstructured messages: dropped (see parse_xml). */
static void
on_generic(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

/* libxml2's structured errors as messages (warnings are left out). */
static void
on_error(void *ctx, xmlErrorPtr e)
{
	struct parse *ps = ctx;
	if (ps == NULL || e == NULL || e->level < XML_ERR_ERROR || ps->doctype)
		return;
	if (ps->messages++ > MAX_XML_MESSAGES)
		return;
	struct pos pos = {e->line > 0 ? e->line : 0,
	    e->domain == XML_FROM_PARSER && e->line > 0 && e->int2 > 0 ?
	        e->int2 :
	        0};
	if (ps->messages > MAX_XML_MESSAGES) {
		diag(ps->d, ps->name, pos, D_XML_TOO_MANY);
		return;
	}
	const char *m = e->message != NULL ? e->message : "error";
	size_t n = strlen(m);
	while (n > 0 && (m[n - 1] == '\n' || m[n - 1] == ' '))
		n--;
	char *msg = xmalloc(n + 1);
	memcpy(msg, m, n);
	msg[n] = '\0';
	if (ps->id == D_XML_SCHEMA)
		diag(ps->d, ps->name, pos, D_XML_SCHEMA, msg);
	else
		diag(ps->d, ps->name, pos, D_XML_SYNTAX, msg);
	free(msg);
}

/* The SAX event for "<!DOCTYPE": refused, and the parser stopped before
 * it reads any declaration. */
static void
on_doctype(void *ctx, const xmlChar *name, const xmlChar *external,
    const xmlChar *system)
{
	xmlParserCtxtPtr c = ctx;
	(void)name, (void)external, (void)system;
	if (current != NULL) {
		current->doctype = true;
		current->doctype_line = c->input != NULL ? c->input->line : 0;
	}
	xmlStopParser(c);
}

/* The XML in buf parsed safely; NULL, with messages in d, when it is not
 * well-formed or has a DOCTYPE. The caller frees the document. It is
 * pushed to the parser in pieces: a parse from memory keeps the whole
 * input in view and stops ("Huge input lookup") past 10 MB of it without
 * XML_PARSE_HUGE, which clerk never uses; pushed, the input read is let
 * go as it goes. libxml2's other limits stand (a text node of at most
 * 10 MB). */
static xmlDocPtr
parse_xml(const char *buf, size_t len, const char *name, struct diags *d)
{
	enum { PIECE = 64 * 1024 };
	akn_init();
	if (len == 0) {
		diag(d, name, pos_at(0, 0), D_XML_SYNTAX, "the file is empty");
		return NULL;
	}
	struct parse ps = {.d = d, .name = name, .id = D_XML_SYNTAX};
	current = &ps;
	xmlSetStructuredErrorFunc(&ps, on_error);
	/* What libxml2 prints only as text (an encoder's error) is said by
	 * the structured error or the parse's failure: not printed. */
	xmlSetGenericErrorFunc(&ps, on_generic);
	size_t first = len < 4 ? len : 4;
	xmlParserCtxtPtr c = xmlCreatePushParserCtxt(NULL, NULL, buf,
	    (int)first, name);
	if (c == NULL)
		out_of_memory();
	xmlCtxtUseOptions(c,
	    XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
	c->sax->internalSubset = on_doctype;
	for (size_t off = first;
	     off < len && !ps.doctype && c->instate != XML_PARSER_EOF;
	     off += PIECE) {
		size_t n = len - off < PIECE ? len - off : PIECE;
		(void)xmlParseChunk(c, buf + off, (int)n, 0);
	}
	if (!ps.doctype && c->instate != XML_PARSER_EOF)
		(void)xmlParseChunk(c, NULL, 0, 1);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
	current = NULL;
	xmlDocPtr doc = c->myDoc;
	bool ok = doc != NULL && c->wellFormed && !ps.doctype;
	c->myDoc = NULL;
	xmlFreeParserCtxt(c);
	if (doc != NULL && doc->intSubset != NULL && !ps.doctype) {
		ps.doctype = true;
		ps.doctype_line = (int)xmlGetLineNo((xmlNodePtr)doc->intSubset);
	}
	if (ps.doctype) {
		diag(d, name,
		    pos_at(ps.doctype_line > 0 ? ps.doctype_line : 0, 0),
		    D_XML_DOCTYPE);
		ok = false;
	} else if (!ok && ps.messages == 0) {
		diag(d, name, pos_at(0, 0), D_XML_SYNTAX,
		    "the document cannot be read");
	}
	if (!ok) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	return doc;
}

/* ------------------------------------------------------------------ */
/* Validation */

/* Schemas read so far, by file: each is read once per process. */
struct schema {
	char *path;
	xmlSchemaPtr schema;
	struct schema *next;
};
static struct schema *schemas;

/* The schema in file xsd, read once; NULL (errno set, or messages in d
 * when it is not a usable schema) when it cannot be read. */
static xmlSchemaPtr
schema_get(const char *xsd, struct diags *d)
{
	mtx_lock(&schema_lock);
	for (struct schema *s = schemas; s != NULL; s = s->next)
		if (strcmp(s->path, xsd) == 0) {
			mtx_unlock(&schema_lock);
			return s->schema;
		}
	int fd = open(xsd, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		mtx_unlock(&schema_lock);
		errno = e;
		return NULL;
	}
	close(fd);
	struct parse ps = {.d = d, .name = xsd, .id = D_XML_SCHEMA};
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(xsd);
	if (pc == NULL)
		out_of_memory();
	xmlSchemaSetParserStructuredErrors(pc, on_error, &ps);
	xmlSetStructuredErrorFunc(&ps, on_error);
	loads_allowed = true;
	xmlSchemaPtr schema = xmlSchemaParse(pc);
	loads_allowed = false;
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlSchemaFreeParserCtxt(pc);
	if (schema != NULL) {
		struct schema *s = xmalloc(sizeof(*s));
		*s = (struct schema){xstrdup(xsd), schema, schemas};
		schemas = s;
	}
	mtx_unlock(&schema_lock);
	if (schema == NULL)
		errno = 0;
	return schema;
}

bool
akn_validate(const char *buf, size_t len, const char *name, const char *xsd,
    struct diags *d)
{
	akn_init();
	xmlSchemaPtr schema = schema_get(xsd, d);
	if (schema == NULL)
		return false;
	xmlDocPtr doc = parse_xml(buf, len, name, d);
	if (doc == NULL) {
		errno = 0;
		return false;
	}
	xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
	if (vc == NULL)
		out_of_memory();
	struct parse ps = {.d = d, .name = name, .id = D_XML_SCHEMA};
	xmlSchemaSetValidStructuredErrors(vc, on_error, &ps);
	int r = xmlSchemaValidateDoc(vc, doc);
	xmlSchemaFreeValidCtxt(vc);
	xmlFreeDoc(doc);
	if (r != 0 && ps.messages == 0)
		diag(d, name, pos_at(0, 0), D_XML_SCHEMA,
		    "the validator failed");
	errno = 0;
	return r == 0;
}

/* ------------------------------------------------------------------ */
/* The tree */

struct reader {
	struct paper *p;   /* the paper being rebuilt */
	struct paper *doc; /* whose blocks are read: p, or an appendix's */
	const struct template_set *set;
	struct diags *d;
	struct arena *a;
	const char *path; /* the XML file, for messages */
	int depth;        /* lists and quotes open */
	bool deep_reported;
	int problems;           /* unexpected elements and values reported */
	struct node *last_note; /* doc's last footnote read */
	struct section *last_section; /* doc's */
	struct {                      /* room in the arrays of p->meta */
		size_t committees, report_of, appendices, background, extras,
		    present, officers, in_attendance;
	} cap;
};

/* Room for one more of the n elements of size bytes at *v, which has room
 * for *cap: the array doubles when full, so that a long list costs time
 * and memory in proportion. Returns the new element. */
static void *
append(struct reader *r, void *v, size_t n, size_t *cap, size_t size,
    void **out)
{
	if (n == *cap) {
		*cap = *cap ? 2 * *cap : 4;
		v = arena_grow(r->a, v, n, *cap, size);
	}
	*out = (char *)v + n * size;
	return v;
}

/* Where blocks go: a section, or a node's children. */
struct sink {
	struct section *sec;
	struct node *parent;
};

static struct pos
at(const xmlNode *n)
{
	long line = xmlGetLineNo((xmlNodePtr)n);
	return (struct pos){line > 0 && line < INT_MAX ? (int)line : 0, 0};
}

/* Is n an element of namespace ns named name (any name when NULL)? */
static bool
is_el(const xmlNode *n, const char *ns, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, ns) == 0 &&
	    (name == NULL || strcmp((const char *)n->name, name) == 0);
}

static bool
akn(const xmlNode *n, const char *name)
{
	return is_el(n, AKN_NS, name);
}

static bool
clerk(const xmlNode *n, const char *name)
{
	return is_el(n, CLERK_NS, name);
}

/* n's name as written ("clerk:paper", "p"; "text" for text), for
 * messages. */
static const char *
name_of(struct reader *r, const xmlNode *n)
{
	if (n->type != XML_ELEMENT_NODE)
		return "text";
	if (n->ns != NULL && n->ns->prefix != NULL)
		return arena_printf(r->a, "%s:%s", n->ns->prefix, n->name);
	return arena_strdup(r->a, (const char *)n->name);
}

/* Whether one more problem of the document's content is to be reported:
 * at most MAX_XML_MESSAGES, then one message that there are more. */
static bool
report(struct reader *r, const xmlNode *n)
{
	if (r->problems++ < MAX_XML_MESSAGES)
		return true;
	if (r->problems == MAX_XML_MESSAGES + 1)
		diag(r->d, r->path, at(n), D_XML_TOO_MANY);
	return false;
}

static void
unexpected(struct reader *r, const xmlNode *n, const xmlNode *parent)
{
	if (report(r, n))
		diag(r->d, r->path, at(n), D_XML_UNEXPECTED, name_of(r, n),
		    name_of(r, parent));
}

/* Attribute name (of no namespace) of n, in the arena; NULL if absent. */
static const char *
attr(struct reader *r, const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, BAD_CAST name);
	if (v == NULL)
		return NULL;
	char *s = arena_strdup(r->a, (const char *)v);
	xmlFree(v);
	return s;
}

/* Attribute clerk:name of n. */
static const char *
cattr(struct reader *r, const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetNsProp(n, BAD_CAST name, BAD_CAST CLERK_NS);
	if (v == NULL)
		return NULL;
	char *s = arena_strdup(r->a, (const char *)v);
	xmlFree(v);
	return s;
}

/* An attribute the reader cannot do without. */
static const char *
need_attr(struct reader *r, const xmlNode *n, const char *name, bool ns)
{
	const char *v = ns ? cattr(r, n, name) : attr(r, n, name);
	if (v == NULL && report(r, n))
		diag(r->d, r->path, at(n), D_XML_NO_ATTRIBUTE, name_of(r, n),
		    ns ? arena_printf(r->a, "clerk:%s", name) : name);
	return v;
}

/* The text of n and its descendants, in the arena. */
static const char *
text_of(struct reader *r, const xmlNode *n)
{
	xmlChar *v = xmlNodeGetContent(n);
	if (v == NULL)
		return "";
	char *s = arena_strdup(r->a, (const char *)v);
	xmlFree(v);
	return s;
}

static void
bad_value(struct reader *r, const xmlNode *n, const char *what, const char *v)
{
	if (report(r, n))
		diag(r->d, r->path, at(n), D_XML_BAD_VALUE, what, v);
}

static bool
get_bool(struct reader *r, const xmlNode *n, const char *what, const char *v,
    bool dflt)
{
	if (v == NULL)
		return dflt;
	if (strcmp(v, "true") == 0)
		return true;
	if (strcmp(v, "false") == 0)
		return false;
	bad_value(r, n, what, v);
	return dflt;
}

static int
get_int(struct reader *r, const xmlNode *n, const char *what, const char *v,
    int dflt, long min, long max)
{
	if (v == NULL)
		return dflt;
	char *end;
	errno = 0;
	long k = strtol(v, &end, 10);
	if (end == v || *end != '\0' || errno != 0 || k < min || k > max) {
		bad_value(r, n, what, v);
		return dflt;
	}
	return (int)k;
}

/* Is n white space only (the indentation between elements)? */
static bool
blank(const xmlNode *n)
{
	for (const xmlChar *s = n->content; s != NULL && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

/* For a child c of an element that holds elements only: true for an
 * element, false for what is skipped (white space, comments); other text
 * is reported. */
static bool
element(struct reader *r, const xmlNode *c, const xmlNode *parent)
{
	if (c->type == XML_ELEMENT_NODE)
		return true;
	if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
	    !blank(c))
		unexpected(r, c, parent);
	return false;
}

/* The first element child of n. */
static const xmlNode *
first_element(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

static struct node *
mk(struct reader *r, enum node_type t, struct pos pos)
{
	return node_new(r->a, t, pos);
}

static void
sink_add(struct sink *s, struct node *n)
{
	if (s->parent != NULL) {
		node_append(s->parent, n);
		return;
	}
	n->parent = n->next = NULL;
	n->prev = s->sec->last;
	if (s->sec->last != NULL)
		s->sec->last->next = n;
	else
		s->sec->first = n;
	s->sec->last = n;
}

/* ------------------------------------------------------------------ */
/* Inlines */

static void read_inlines(struct reader *r, const xmlNode *el,
    struct node *parent);
static void read_blocks(struct reader *r, const xmlNode *el, struct sink *sink);

/* A text node: its lines as N_TEXT, each newline a soft break. */
static void
read_text(struct reader *r, const xmlNode *t, struct node *parent)
{
	const char *s = (const char *)t->content;
	int line = at(t).line;
	if (s == NULL)
		return;
	/* libxml2 gives a text node the line where it ends. */
	for (const char *c = s; line > 0 && *c; c++)
		line -= *c == '\n' && line > 1;
	for (;;) {
		size_t n = strcspn(s, "\n");
		if (n > 0) {
			struct node *x = mk(r, N_TEXT, (struct pos){line, 0});
			x->text = arena_strndup(r->a, s, n);
			node_append(parent, x);
		}
		if (s[n] == '\0')
			break;
		node_append(parent, mk(r, N_SOFTBREAK, (struct pos){line, 0}));
		line += line > 0;
		s += n + 1;
	}
}

/* An img as N_IMAGE: its address as written (clerk:src, else src), its
 * title, and with_alt its description as one text. */
static struct node *
read_img(struct reader *r, const xmlNode *c, bool with_alt)
{
	struct node *n = mk(r, N_IMAGE, at(c));
	const char *url = cattr(r, c, "src");
	if (url == NULL)
		url = need_attr(r, c, "src", false);
	n->u.link.url = url != NULL ? url : "";
	n->u.link.title = attr(r, c, "title");
	const char *alt = attr(r, c, "alt");
	if (with_alt && alt != NULL && *alt != '\0') {
		struct node *t = mk(r, N_TEXT, n->pos);
		t->text = alt;
		node_append(n, t);
	}
	return n;
}

/* <authorialNote>: a footnote's reference here and its definition, kept
 * in the document's footnotes (sorted by number when all is read). */
static void
read_note(struct reader *r, const xmlNode *c, struct node *parent)
{
	const char *marker = need_attr(r, c, "marker", false);
	int k = get_int(r, c, "authorialNote marker", marker, 0, 1, INT_MAX);
	if (k == 0)
		return;
	struct node *ref = mk(r, N_FOOTNOTE_REF, at(c));
	ref->u.footnote.number = k;
	node_append(parent, ref);
	struct node *def = mk(r, N_FOOTNOTE_DEF, at(c));
	def->u.footnote.number = k;
	/* Appended: notes come in order of first reference. */
	def->prev = r->last_note;
	if (r->last_note != NULL)
		r->last_note->next = def;
	else
		r->doc->footnotes = def;
	r->last_note = def;
	r->doc->nfootnotes++;
	struct sink s = {NULL, def};
	read_blocks(r, c, &s);
}

static void
read_inline(struct reader *r, const xmlNode *c, struct node *parent)
{
	if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
		read_text(r, c, parent);
		return;
	}
	if (c->type != XML_ELEMENT_NODE)
		return; /* comments, processing instructions */
	const char *name = (const char *)c->name;
	struct pos pos = at(c);
	struct node *n = NULL;
	if (!akn(c, NULL)) {
		unexpected(r, c, c->parent);
	} else if (strcmp(name, "i") == 0 || strcmp(name, "b") == 0 ||
	    strcmp(name, "del") == 0) {
		n = mk(r,
		    name[0] == 'i'     ? N_EMPH :
		        name[0] == 'b' ? N_STRONG :
		                         N_STRIKETHROUGH,
		    pos);
		node_append(parent, n);
		read_inlines(r, c, n);
	} else if (strcmp(name, "span") == 0) {
		const char *cls = attr(r, c, "class");
		if (cls == NULL || strcmp(cls, "code") != 0) {
			bad_value(r, c, "span class", cls ? cls : "");
			return;
		}
		n = mk(r, N_CODE, pos);
		n->text = text_of(r, c);
		node_append(parent, n);
	} else if (strcmp(name, "a") == 0) {
		n = mk(r, N_LINK, pos);
		const char *url = cattr(r, c, "href");
		if (url == NULL)
			url = need_attr(r, c, "href", false);
		n->u.link.url = url != NULL ? url : "";
		n->u.link.title = attr(r, c, "title");
		node_append(parent, n);
		read_inlines(r, c, n);
	} else if (strcmp(name, "img") == 0) {
		node_append(parent, read_img(r, c, true));
	} else if (strcmp(name, "inline") == 0) {
		const char *what = attr(r, c, "name");
		const xmlNode *img = first_element(c);
		if (what != NULL && strcmp(what, "text") == 0) {
			n = mk(r, N_TEXT, pos);
			n->text = text_of(r, c);
			node_append(parent, n);
		} else if (what != NULL && strcmp(what, "image") == 0 &&
		    akn(img, "img")) {
			n = read_img(r, img, false);
			node_append(parent, n);
			for (const xmlNode *k = img->next; k != NULL;
			     k = k->next)
				read_inline(r, k, n);
			node_merge_texts(r->a, n);
		} else {
			bad_value(r, c, "inline name", what ? what : "");
		}
	} else if (strcmp(name, "ref") == 0) {
		n = mk(r, N_XREF, pos);
		const char *label = need_attr(r, c, "label", true);
		n->u.xref.label = label != NULL ? label : "";
		node_append(parent, n);
		read_inlines(r, c, n);
	} else if (strcmp(name, "br") == 0) {
		node_append(parent, mk(r, N_LINEBREAK, pos));
	} else if (strcmp(name, "eol") == 0) {
		node_append(parent, mk(r, N_SOFTBREAK, pos));
	} else if (strcmp(name, "authorialNote") == 0) {
		read_note(r, c, parent);
	} else if (strcmp(name, "noteRef") == 0) {
		int k = get_int(r, c, "noteRef marker",
		    need_attr(r, c, "marker", false), 0, 1, INT_MAX);
		if (k > 0) {
			n = mk(r, N_FOOTNOTE_REF, pos);
			n->u.footnote.number = k;
			node_append(parent, n);
		}
	} else {
		unexpected(r, c, c->parent);
	}
}

static void
read_inlines(struct reader *r, const xmlNode *el, struct node *parent)
{
	for (const xmlNode *c = el->children; c != NULL; c = c->next)
		read_inline(r, c, parent);
	node_merge_texts(r->a, parent);
}

/* ------------------------------------------------------------------ */
/* Blocks */

static struct node *read_block(struct reader *r, const xmlNode *c,
    struct sink *sink);

/* Lists and quotes nest at most CLERK_MAX_NESTING deep, as in Markdown;
 * deeper ones are reported once and left out. */
static bool
enter(struct reader *r, const xmlNode *c)
{
	if (r->depth >= CLERK_MAX_NESTING) {
		if (!r->deep_reported)
			diag(r->d, r->path, at(c), D_NESTING_TOO_DEEP,
			    CLERK_MAX_NESTING);
		r->deep_reported = true;
		return false;
	}
	r->depth++;
	return true;
}

static struct node *
read_list(struct reader *r, const xmlNode *c)
{
	struct node *n = mk(r, N_LIST, at(c));
	bool ordered = strcmp((const char *)c->name, "ol") == 0;
	n->u.list.ordered = ordered;
	if (ordered) {
		n->u.list.start = get_int(r, c, "ol clerk:start",
		    cattr(r, c, "start"), 1, 0, 999999999);
		const char *delim = cattr(r, c, "delim");
		n->u.list.delim = '.';
		if (delim != NULL && strcmp(delim, ")") == 0)
			n->u.list.delim = ')';
		else if (delim != NULL && strcmp(delim, ".") != 0)
			bad_value(r, c, "ol clerk:delim", delim);
	}
	n->u.list.tight = get_bool(r, c, "clerk:tight", cattr(r, c, "tight"),
	    true);
	if (!enter(r, c))
		return n;
	for (const xmlNode *li = c->children; li != NULL; li = li->next) {
		if (!element(r, li, c))
			continue;
		if (!akn(li, "li")) {
			unexpected(r, li, c);
			continue;
		}
		struct node *item = mk(r, N_ITEM, at(li));
		const char *checked = cattr(r, li, "checked");
		item->u.item.task = checked != NULL;
		item->u.item.checked = get_bool(r, li, "li clerk:checked",
		    checked, false);
		node_append(n, item);
		struct sink s = {NULL, item};
		for (const xmlNode *k = li->children; k != NULL; k = k->next) {
			if (!element(r, k, li))
				continue;
			if (akn(k, "subFlow"))
				read_blocks(r, k, &s);
			else
				(void)read_block(r, k, &s);
		}
	}
	r->depth--;
	if (n->first == NULL)
		diag(r->d, r->path, n->pos, D_XML_MISSING, "li", name_of(r, c));
	return n;
}

/* A table cell: nothing, or one p with its inlines. */
static void
read_cell(struct reader *r, const xmlNode *td, struct node *cell)
{
	bool seen = false;
	for (const xmlNode *k = td->children; k != NULL; k = k->next) {
		if (!element(r, k, td))
			continue;
		if (!akn(k, "p") || seen) {
			unexpected(r, k, td);
			continue;
		}
		seen = true;
		read_inlines(r, k, cell);
	}
}

static struct node *
read_table(struct reader *r, const xmlNode *c)
{
	struct node *n = mk(r, N_TABLE, at(c));
	const char *align = need_attr(r, c, "align", true);
	if (align == NULL)
		align = "";
	if (align[strspn(align, "lcr ")] != '\0') {
		bad_value(r, c, "table clerk:align", align);
		align = "";
	}
	n->u.table.align = align;
	n->u.table.columns = (int)strlen(align);
	for (const xmlNode *tr = c->children; tr != NULL; tr = tr->next) {
		if (!element(r, tr, c))
			continue;
		if (!akn(tr, "tr")) {
			unexpected(r, tr, c);
			continue;
		}
		if (cattr(r, tr, "filler") != NULL)
			continue;
		struct node *row = mk(r, N_TABLE_ROW, at(tr));
		node_append(n, row);
		bool first = true;
		for (const xmlNode *td = tr->children; td; td = td->next) {
			if (!element(r, td, tr))
				continue;
			if (!akn(td, "td") && !akn(td, "th")) {
				unexpected(r, td, tr);
				continue;
			}
			if (first)
				row->u.row.header = akn(td, "th");
			first = false;
			if (cattr(r, td, "filler") != NULL)
				continue;
			struct node *cell = mk(r, N_TABLE_CELL, at(td));
			node_append(row, cell);
			read_cell(r, td, cell);
		}
	}
	return n;
}

/* A sub-heading: <crossHeading> or <block name="subheading">. */
static struct node *
read_subheading(struct reader *r, const xmlNode *c)
{
	struct node *n = mk(r, N_SUBHEADING, at(c));
	n->u.heading.level = get_int(r, c, "clerk:level", cattr(r, c, "level"),
	    1, 1, 6);
	read_inlines(r, c, n);
	return n;
}

/* One block element into sink; returns its node, or NULL when it gives
 * none (a filler, or an error recorded). */
static struct node *
read_block(struct reader *r, const xmlNode *c, struct sink *sink)
{
	const char *name = (const char *)c->name;
	struct node *n = NULL;
	if (!akn(c, NULL)) {
		unexpected(r, c, c->parent);
		return NULL;
	}
	if (strcmp(name, "p") == 0) {
		if (cattr(r, c, "filler") != NULL)
			return NULL;
		n = mk(r, N_PARAGRAPH, at(c));
		read_inlines(r, c, n);
	} else if (strcmp(name, "ul") == 0 || strcmp(name, "ol") == 0) {
		n = read_list(r, c);
	} else if (strcmp(name, "blockContainer") == 0) {
		n = mk(r, N_BLOCKQUOTE, at(c));
		if (enter(r, c)) {
			struct sink s = {NULL, n};
			read_blocks(r, c, &s);
			r->depth--;
		}
	} else if (strcmp(name, "crossHeading") == 0) {
		n = read_subheading(r, c);
	} else if (strcmp(name, "block") == 0) {
		const char *what = attr(r, c, "name");
		if (what != NULL && strcmp(what, "code") == 0) {
			n = mk(r, N_CODE_BLOCK, at(c));
			n->text = text_of(r, c);
			n->u.code.info = cattr(r, c, "info");
		} else if (what != NULL && strcmp(what, "thematicBreak") == 0) {
			n = mk(r, N_THEMATIC_BREAK, at(c));
		} else if (what != NULL && strcmp(what, "subheading") == 0) {
			n = read_subheading(r, c);
		} else {
			bad_value(r, c, "block name", what ? what : "");
			return NULL;
		}
	} else if (strcmp(name, "table") == 0) {
		n = read_table(r, c);
	} else {
		unexpected(r, c, c->parent);
		return NULL;
	}
	const char *label = cattr(r, c, "label");
	if (label != NULL) {
		n->label = label;
		n->label_pos = n->pos;
	}
	sink_add(sink, n);
	return n;
}

static void
read_blocks(struct reader *r, const xmlNode *el, struct sink *sink)
{
	for (const xmlNode *c = el->children; c != NULL; c = c->next)
		if (element(r, c, el))
			(void)read_block(r, c, sink);
}

/* ------------------------------------------------------------------ */
/* Sections */

/* <paragraph>: its blocks into s; the first takes the number in num. */
static void
read_paragraph(struct reader *r, const xmlNode *el, struct section *s)
{
	const char *number = NULL;
	struct node *before = s->last;
	bool content = false;
	struct sink sink = {s, NULL};
	for (const xmlNode *c = el->children; c != NULL; c = c->next) {
		if (!element(r, c, el))
			continue;
		if (akn(c, "num")) {
			number = text_of(r, c);
		} else if (akn(c, "content")) {
			content = true;
			read_blocks(r, c, &sink);
		} else {
			unexpected(r, c, el);
		}
	}
	struct node *first = before != NULL ? before->next : s->first;
	if (!content)
		diag(r->d, r->path, at(el), D_XML_MISSING, "content",
		    "paragraph");
	else if (number != NULL && first == NULL)
		diag(r->d, r->path, at(el), D_XML_MISSING, "p", "paragraph");
	else if (number != NULL)
		first->number = number;
}

/* A section, an item of minutes or an appendix's body. */
static struct section *
read_section(struct reader *r, const xmlNode *el, const struct tpl_section *def)
{
	struct section *s = arena_alloc(r->a, sizeof(*s));
	s->def = def;
	s->pos = at(el);
	struct sink sink = {s, NULL};
	for (const xmlNode *c = el->children; c != NULL; c = c->next) {
		if (!element(r, c, el))
			continue;
		if (akn(c, "num")) {
			s->number = text_of(r, c);
		} else if (akn(c, "heading")) {
			s->heading = text_of(r, c);
			s->pos = at(c);
		} else if (akn(c, "content") || akn(c, "intro") ||
		    akn(c, "wrapUp")) {
			read_blocks(r, c, &sink);
		} else if (akn(c, "paragraph")) {
			read_paragraph(r, c, s);
		} else if (akn(c, "crossHeading")) {
			(void)read_block(r, c, &sink);
		} else {
			unexpected(r, c, el);
		}
	}
	if (s->heading == NULL) {
		diag(r->d, r->path, at(el), D_XML_MISSING, "heading",
		    name_of(r, el));
		s->heading = "";
	}
	return s;
}

static void
add_section(struct reader *r, struct section *s)
{
	if (r->last_section != NULL)
		r->last_section->next = s;
	else
		r->doc->sections = s;
	r->last_section = s;
	r->doc->nsections++;
}

/* The template's section with this id, or NULL. */
static const struct tpl_section *
section_by_id(const struct template *t, const char *id)
{
	for (size_t i = 0; t != NULL && i < t->nsections; i++)
		if (strcmp(t->sections[i].id, id) == 0)
			return &t->sections[i];
	return NULL;
}

static void
read_main_body(struct reader *r, const xmlNode *body)
{
	struct paper *p = r->p;
	bool minutes = p->meta.kind == KIND_MINUTES;
	for (const xmlNode *c = body->children; c != NULL; c = c->next) {
		if (!element(r, c, body))
			continue;
		if (akn(c, "p") && cattr(r, c, "filler") != NULL)
			continue;
		if (minutes && akn(c, "hcontainer")) {
			const char *what = attr(r, c, "name");
			if (what == NULL || strcmp(what, "item") != 0)
				bad_value(r, c, "hcontainer name",
				    what ? what : "");
			else
				add_section(r, read_section(r, c, NULL));
			continue;
		}
		if (minutes || !akn(c, "section")) {
			unexpected(r, c, body);
			continue;
		}
		const char *eid = need_attr(r, c, "eId", false);
		if (eid == NULL)
			continue;
		const struct tpl_section *def = strncmp(eid, "sec_", 4) == 0 ?
		    section_by_id(p->tpl, eid + 4) :
		    NULL;
		if (def == NULL) {
			diag(r->d, r->path, at(c), D_XML_SECTION, eid,
			    p->tpl->id);
			continue;
		}
		add_section(r, read_section(r, c, def));
	}
}

/* ------------------------------------------------------------------ */
/* Meta: clerk's block */

/* Appends s to the array *v of *n strings, with room for *cap. */
static void
push(struct reader *r, const char ***v, size_t *n, size_t *cap, const char *s)
{
	void *slot;
	*v = append(r, (void *)*v, *n, cap, sizeof(**v), &slot);
	*(const char **)slot = s;
	(*n)++;
}

static void
read_committee(struct reader *r, const xmlNode *c)
{
	struct meta *m = &r->p->meta;
	struct committee cm = {.name = text_of(r, c), .pos = at(c)};
	const char *date = need_attr(r, c, "date", false);
	if (date != NULL && date_parse(date, &cm.date) != DATE_OK)
		bad_value(r, c, "clerk:committee date", date);
	const char *purpose = attr(r, c, "purpose");
	bool known = purpose == NULL;
	for (int k = PURPOSE_NONE; purpose != NULL && k <= PURPOSE_DISCUSSION;
	     k++)
		if (strcmp(purpose, purpose_name((enum purpose)k)) == 0) {
			cm.purpose = (enum purpose)k;
			known = true;
		}
	if (!known)
		bad_value(r, c, "clerk:committee purpose", purpose);
	void *slot;
	m->committees = append(r, m->committees, m->ncommittees,
	    &r->cap.committees, sizeof(*m->committees), &slot);
	*(struct committee *)slot = cm;
	m->ncommittees++;
}

static void
read_contact(struct reader *r, const xmlNode *el)
{
	struct contact *ct = &r->p->meta.contact;
	r->p->meta.has_contact = true;
	for (const xmlNode *c = el->children; c != NULL; c = c->next) {
		if (!element(r, c, el))
			continue;
		const char **field = clerk(c, "name") ? &ct->name :
		    clerk(c, "title")                 ? &ct->title :
		    clerk(c, "phone")                 ? &ct->phone :
		    clerk(c, "mobile")                ? &ct->mobile :
		    clerk(c, "email")                 ? &ct->email :
		                                        NULL;
		if (field == NULL)
			unexpected(r, c, el);
		else
			*field = text_of(r, c);
	}
}

static void
read_appendix(struct reader *r, const xmlNode *c)
{
	struct meta *m = &r->p->meta;
	struct appendix ap = {.title = text_of(r, c), .pos = at(c)};
	ap.file = attr(r, c, "file");
	/* a PDF file's: what it was when the XML was made */
	const char *sha = attr(r, c, "sha256");
	if (sha != NULL && strlen(sha) == 64)
		memcpy(ap.sha256, sha, 65);
	else if (sha != NULL)
		bad_value(r, c, "clerk:appendix sha256", sha);
	ap.public = get_bool(r, c, "clerk:appendix public",
	    attr(r, c, "public"), true);
	/* "3 5": its paragraphs of Schedule 12A, ascending, 1 to 7 */
	const char *ex = attr(r, c, "exempt-paragraphs");
	for (const char *q = ex; q != NULL && *q != '\0';) {
		if (*q == ' ') {
			q++;
			continue;
		}
		if (*q < '1' || *q > '7' || (q[1] != ' ' && q[1] != '\0') ||
		    ap.nexempt == 7 ||
		    (ap.nexempt > 0 && ap.exempt[ap.nexempt - 1] >= *q - '0')) {
			bad_value(r, c, "clerk:appendix exempt-paragraphs", ex);
			ap.nexempt = 0;
			break;
		}
		ap.exempt[ap.nexempt++] = *q - '0';
		q++;
	}
	/* left out of a public edition: named by nothing but its
	 * paragraphs */
	ap.withheld = get_bool(r, c, "clerk:appendix withheld",
	                  attr(r, c, "withheld"), false) ||
	    get_bool(r, c, "clerk:appendix in-part-2", attr(r, c, "in-part-2"),
	        false);
	if (ap.withheld) {
		if (ap.public)
			bad_value(r, c, "clerk:appendix public", "true");
		ap.title = NULL;
		ap.file = NULL;
	}
	void *slot;
	m->appendices = append(r, m->appendices, m->nappendices,
	    &r->cap.appendices, sizeof(*m->appendices), &slot);
	*(struct appendix *)slot = ap;
	m->nappendices++;
}

static void
read_extra(struct reader *r, const xmlNode *c)
{
	struct meta *m = &r->p->meta;
	const char *key = need_attr(r, c, "key", false);
	const struct tpl_key *k = NULL;
	for (size_t i = 0;
	     key != NULL && r->p->tpl != NULL && i < r->p->tpl->nkeys; i++)
		if (strcmp(r->p->tpl->keys[i].name, key) == 0)
			k = &r->p->tpl->keys[i];
	if (k == NULL) {
		if (key != NULL)
			bad_value(r, c, "clerk:extra key", key);
		return;
	}
	void *slot;
	m->extras = append(r, m->extras, m->nextras, &r->cap.extras,
	    sizeof(*m->extras), &slot);
	*(struct extra *)slot = (struct extra){k, text_of(r, c), at(c)};
	m->nextras++;
}

/* The template named in clerk's block: known, and of the paper's kind. */
static bool
read_template(struct reader *r, const xmlNode *cp)
{
	struct paper *p = r->p;
	const char *id = need_attr(r, cp, "template", false);
	if (id == NULL)
		return false;
	p->tpl = template_find(r->set, id);
	if (p->tpl == NULL) {
		const char **ids = arena_alloc(r->a,
		    (r->set->count + 1) * sizeof(*ids));
		for (size_t i = 0; i < r->set->count; i++)
			ids[i] = r->set->items[i]->id;
		diag(r->d, r->path, at(cp), D_UNKNOWN_TEMPLATE, id,
		    did_you_mean(r->a, id, ids));
		return false;
	}
	if (p->tpl->kind != p->meta.kind) {
		diag(r->d, r->path, at(cp), D_TEMPLATE_KIND, id,
		    p->tpl->kind == KIND_MINUTES ? "minutes" : "reports",
		    p->meta.kind == KIND_MINUTES ? "minutes" : "a report");
		p->tpl = NULL;
		return false;
	}
	if (get_bool(r, cp, "clerk:paper template-named",
	        attr(r, cp, "template-named"), false))
		p->meta.template_id = p->tpl->id;
	return true;
}

/* Is v a SHA-256 as clerk writes it: 64 lower-case hex digits? */
static bool
is_sha256(const char *v)
{
	return strlen(v) == 64 && v[strspn(v, "0123456789abcdef")] == '\0';
}

/* The SHA-256 files a document was made with: of the template file, and
 * of each face's font file, with the elements that record them. */
struct recorded {
	const char *tpl;             /* or NULL */
	const char *face[TPL_FACES]; /* or NULL */
	const xmlNode *face_el[TPL_FACES];
};

/* <clerk:font face file sha256>: what the face's font file was. */
static void
read_font(struct reader *r, const xmlNode *c, struct recorded *rec)
{
	const char *face = need_attr(r, c, "face", false);
	const char *sha = need_attr(r, c, "sha256", false);
	if (face == NULL || sha == NULL)
		return;
	size_t i = 0;
	for (; i < TPL_FACES; i++) {
		const char *name;
		(void)template_face(r->p->tpl, i, &name);
		if (strcmp(name, face) == 0)
			break;
	}
	if (i == TPL_FACES)
		bad_value(r, c, "clerk:font face", face);
	else if (!is_sha256(sha))
		bad_value(r, c, "clerk:font sha256", sha);
	else {
		rec->face[i] = sha;
		rec->face_el[i] = c;
	}
}

/* Warns once (D_XML_CHANGED) when the template file or font files clerk
 * has now differ from those the document records, naming each, at the
 * first element that records one. Quiet when it records none (written by
 * an earlier clerk) or when they cannot be read now (building says why). */
static void
compare_digests(struct reader *r, const xmlNode *cp, const struct recorded *rec)
{
	size_t recorded = rec->tpl != NULL;
	for (size_t i = 0; i < TPL_FACES; i++)
		recorded += rec->face[i] != NULL;
	if (recorded == 0)
		return;
	const struct template *t = r->p->tpl;
	const char *failed;
	const struct tpl_digests *dg = template_digests(t, &failed);
	if (dg == NULL)
		return;
	const char *what = NULL, *fonts[TPL_FACES];
	size_t n = 0;
	struct pos pos = {0, 0};
	if (rec->tpl != NULL && strcmp(rec->tpl, dg->file) != 0) {
		what = arena_printf(r->a, "template %s", t->id);
		pos = at(cp);
	}
	for (size_t i = 0; i < TPL_FACES; i++) {
		if (rec->face[i] == NULL ||
		    strcmp(rec->face[i], dg->face[i]) == 0)
			continue;
		const char *face, *path = template_face(t, i, &face);
		const char *base = strrchr(path, '/');
		base = base != NULL ? base + 1 : path;
		size_t k = 0;
		while (k < n && strcmp(fonts[k], base) != 0)
			k++;
		if (k < n)
			continue;
		fonts[n++] = base;
		if (pos.line == 0)
			pos = at(rec->face_el[i]);
	}
	if (what == NULL && n == 0)
		return;
	/* "template T", "font A", "template T and fonts A, B and C" */
	if (n > 0) {
		const char *list = fonts[0];
		for (size_t k = 1; k < n; k++)
			list = arena_printf(r->a, "%s%s%s", list,
			    k + 1 < n ? ", " : " and ", fonts[k]);
		list = arena_printf(r->a, "font%s %s", n > 1 ? "s" : "", list);
		what = what == NULL ?
		    list :
		    arena_printf(r->a, "%s and %s", what, list);
	}
	diag(r->d, r->path, pos, D_XML_CHANGED, what);
}

/* <clerk:paper>: the meta of the paper but its subject. Returns false
 * when the paper cannot be rebuilt (no kind, no template). */
static bool
read_clerk_paper(struct reader *r, const xmlNode *cp)
{
	struct paper *p = r->p;
	struct meta *m = &p->meta;
	const char *kind = need_attr(r, cp, "kind", false);
	if (kind == NULL)
		return false;
	if (strcmp(kind, "report") == 0) {
		m->kind = KIND_REPORT;
	} else if (strcmp(kind, "minutes") == 0) {
		m->kind = KIND_MINUTES;
	} else {
		bad_value(r, cp, "clerk:paper kind", kind);
		return false;
	}
	if (!read_template(r, cp))
		return false;
	m->public = get_bool(r, cp, "clerk:paper public", attr(r, cp, "public"),
	    true);
	const char *digest = need_attr(r, cp, "digest", false);
	if (digest != NULL &&
	    (strlen(digest) != 32 ||
	        digest[strspn(digest, "0123456789abcdef")] != '\0'))
		bad_value(r, cp, "clerk:paper digest", digest);
	else if (digest != NULL)
		memcpy(p->digest, digest, 33);
	/* the digest is its edition's: the one edition it gives */
	memcpy(p->digest_public, p->digest, sizeof p->digest);
	const char *edition = attr(r, cp, "edition");
	p->edition_pos = at(cp);
	if (edition != NULL && strcmp(edition, "full") == 0)
		p->full_xml = true;
	else if (edition != NULL && strcmp(edition, "public") != 0)
		bad_value(r, cp, "clerk:paper edition", edition);
	struct recorded rec = {0};
	rec.tpl = attr(r, cp, "template-sha256");
	if (rec.tpl != NULL && !is_sha256(rec.tpl)) {
		bad_value(r, cp, "clerk:paper template-sha256", rec.tpl);
		rec.tpl = NULL;
	}

	for (const xmlNode *c = cp->children; c != NULL; c = c->next) {
		if (!element(r, c, cp))
			continue;
		const char *name = (const char *)c->name;
		if (!clerk(c, NULL)) {
			unexpected(r, c, cp);
		} else if (strcmp(name, "committee") == 0) {
			read_committee(r, c);
		} else if (strcmp(name, "exempt-paragraph") == 0) {
			int k = get_int(r, c, "clerk:exempt-paragraph",
			    text_of(r, c), 0, 1, 7);
			if (k > 0 && m->nexempt < 7)
				m->exempt[m->nexempt++] = k;
		} else if (strcmp(name, "report-of") == 0) {
			push(r, &m->report_of, &m->nreport_of,
			    &r->cap.report_of, text_of(r, c));
		} else if (strcmp(name, "report-author") == 0) {
			m->report_author = text_of(r, c);
		} else if (strcmp(name, "reference") == 0) {
			m->reference = text_of(r, c);
		} else if (strcmp(name, "contact") == 0) {
			read_contact(r, c);
		} else if (strcmp(name, "appendix") == 0) {
			read_appendix(r, c);
		} else if (strcmp(name, "background-paper") == 0) {
			push(r, &m->background_papers, &m->nbackground_papers,
			    &r->cap.background, text_of(r, c));
		} else if (strcmp(name, "extra") == 0) {
			read_extra(r, c);
		} else if (strcmp(name, "time") == 0) {
			m->time = text_of(r, c);
		} else if (strcmp(name, "venue") == 0) {
			m->venue = text_of(r, c);
		} else if (strcmp(name, "present") == 0) {
			push(r, &m->present, &m->npresent, &r->cap.present,
			    text_of(r, c));
		} else if (strcmp(name, "officer") == 0) {
			push(r, &m->officers, &m->nofficers, &r->cap.officers,
			    text_of(r, c));
		} else if (strcmp(name, "in-attendance") == 0) {
			push(r, &m->in_attendance, &m->nin_attendance,
			    &r->cap.in_attendance, text_of(r, c));
		} else if (strcmp(name, "font") == 0) {
			read_font(r, c, &rec);
		} else {
			unexpected(r, c, cp);
		}
	}
	compare_digests(r, cp, &rec);
	if (m->ncommittees == 0)
		diag(r->d, r->path, at(cp), D_XML_MISSING, "clerk:committee",
		    "clerk:paper");
	return true;
}

/* clerk's block name in meta: <proprietary source="#clerk"><clerk:name>
 * ("paper"; a pack's: "pack"). */
static const xmlNode *
find_clerk_block(const xmlNode *meta, const char *name)
{
	for (const xmlNode *c = meta->children; c != NULL; c = c->next) {
		if (!akn(c, "proprietary"))
			continue;
		for (const xmlNode *k = c->children; k != NULL; k = k->next)
			if (clerk(k, name))
				return k;
	}
	return NULL;
}

/* The first element named name under n, in document order, or NULL. */
static const xmlNode *
find_el(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (akn(c, name))
			return c;
		const xmlNode *f = find_el(c, name);
		if (f != NULL)
			return f;
	}
	return NULL;
}

/* The subject: the docTitle of the preface. */
static void
read_preface(struct reader *r, const xmlNode *pre)
{
	const xmlNode *t = find_el(pre, "docTitle");
	if (t != NULL)
		r->p->meta.subject = text_of(r, t);
}

/* ------------------------------------------------------------------ */
/* Appendices */

/* A PDF appendix named by <componentRef src>: the file, looked for from
 * the XML's folder as the paper named it from its own, read and checked
 * (paper_read_pdf); one that is not there, or is not the file the XML
 * was made with (clerk:appendix sha256), is said to be so. */
static void
read_component(struct reader *r, const xmlNode *ref, struct appendix *ap)
{
	struct paper *p = r->p;
	const char *src = need_attr(r, ref, "src", false);
	if (src == NULL)
		return;
	char sha[65];
	memcpy(sha, ap->sha256, sizeof sha);
	ap->sha256[0] = '\0';
	ap->is_pdf = true;
	ap->file_pos = at(ref);
	if (ap->file == NULL || strcmp(ap->file, src) != 0)
		bad_value(r, ref, "componentRef src", src);
	enum asset_status s = asset_resolve(r->a, p->dir, src, &ap->path);
	if (s == ASSET_MISSING) {
		diag(r->d, r->path, at(ref), D_XML_PDF_MISSING, src);
		ap->path = NULL;
		return;
	}
	if (s != ASSET_OK) {
		asset_report(r->a, r->d, r->path, at(ref), s, p->dir, src);
		ap->path = NULL;
		return;
	}
	paper_read_pdf(p, ap, r->d);
	if (ap->pdf != NULL && *sha != '\0' && strcmp(sha, ap->sha256) != 0)
		diag(r->d, r->path, at(ref), D_XML_PDF_CHANGED, src);
}

/* An appendix's document from <attachment>: one section (def NULL) with
 * its blocks, its own footnotes, its folder that of its file as named
 * beside the XML; or a PDF file (read_component). */
static void
read_attachment(struct reader *r, const xmlNode *att, struct appendix *ap)
{
	struct paper *p = r->p;
	const xmlNode *dd = first_element(att);
	const xmlNode *mb = akn(dd, "doc") ? find_el(dd, "mainBody") : NULL;
	const xmlNode *ref = mb != NULL ? first_element(mb) : NULL;
	if (ref != NULL && akn(ref, "componentRef")) {
		read_component(r, ref, ap);
		return;
	}
	struct paper *doc = arena_alloc(r->a, sizeof(*doc));
	doc->arena = r->a;
	doc->path = p->path;
	const char *file = ap->file != NULL ? ap->file : "";
	doc->dir = source_dir(r->a,
	    strcmp(p->dir, ".") == 0 ?
	        file :
	        arena_printf(r->a, "%s/%s", p->dir, file));
	doc->meta.public = ap->public;
	struct node *last_note = r->last_note;
	struct section *last_section = r->last_section;
	r->doc = doc;
	r->last_note = NULL;
	r->last_section = NULL;
	const xmlNode *d = first_element(att);
	if (!akn(d, "doc")) {
		diag(r->d, r->path, at(att), D_XML_MISSING, "doc",
		    "attachment");
	} else {
		for (const xmlNode *c = d->children; c != NULL; c = c->next) {
			if (!element(r, c, d) || akn(c, "meta") ||
			    akn(c, "preface"))
				continue;
			if (!akn(c, "mainBody")) {
				unexpected(r, c, d);
				continue;
			}
			for (const xmlNode *k = c->children; k; k = k->next) {
				if (!element(r, k, c))
					continue;
				if (akn(k, "p") && cattr(r, k, "filler"))
					continue;
				if (akn(k, "hcontainer"))
					add_section(r,
					    read_section(r, k, NULL));
				else
					unexpected(r, k, c);
			}
		}
	}
	if (doc->sections == NULL) {
		struct section *s = arena_alloc(r->a, sizeof(*s));
		s->heading = ap->title;
		s->pos = at(att);
		add_section(r, s);
	}
	ap->doc = doc;
	r->doc = p;
	r->last_note = last_note;
	r->last_section = last_section;
}

static void
read_attachments(struct reader *r, const xmlNode *atts)
{
	struct meta *m = &r->p->meta;
	size_t next = 0;
	for (const xmlNode *c = atts->children; c != NULL; c = c->next) {
		if (!element(r, c, atts))
			continue;
		if (!akn(c, "attachment")) {
			unexpected(r, c, atts);
			continue;
		}
		const char *eid = attr(r, c, "eId");
		struct appendix *ap = NULL;
		/* Which appendix: <clerk:appendix attachment="att_N">, looked
		 * for from the one after the last found (they come in
		 * order). */
		for (size_t k = 0;
		     eid != NULL && ap == NULL && k < m->nappendices; k++) {
			struct appendix
			    *x = &m->appendices[(next + k) % m->nappendices];
			if (!appendix_has_file(x) && !x->is_pdf &&
			    x->path != NULL && strcmp(x->path, eid) == 0) {
				ap = x;
				next = (size_t)(x - m->appendices) + 1;
			}
		}
		if (ap == NULL) {
			bad_value(r, c, "attachment eId", eid ? eid : "");
			continue;
		}
		read_attachment(r, c, ap);
	}
}

/* ------------------------------------------------------------------ */
/* Checks on what was read */

static int
note_cmp(const void *x, const void *y)
{
	const struct node *a = *(struct node *const *)x;
	const struct node *b = *(struct node *const *)y;
	if (a->u.footnote.number != b->u.footnote.number)
		return a->u.footnote.number < b->u.footnote.number ? -1 : 1;
	return a->pos.line < b->pos.line ? -1 : a->pos.line > b->pos.line;
}

static int
int_cmp(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;
	return a < b ? -1 : a > b;
}

/* Applies fn to every node under the blocks from first on. */
static void
walk(struct node *first, void (*fn)(struct reader *, void *, struct node *),
    struct reader *r, void *ctx)
{
	for (struct node *top = first; top != NULL; top = top->next)
		for (struct node *n = top; n != NULL;
		     n = node_walk_next(n, top))
			fn(r, ctx, n);
}

static void
walk_doc(struct paper *doc, void (*fn)(struct reader *, void *, struct node *),
    struct reader *r, void *ctx)
{
	for (struct section *s = doc->sections; s != NULL; s = s->next)
		walk(s->first, fn, r, ctx);
	walk(doc->footnotes, fn, r, ctx);
}

struct numbers {
	int *v;
	size_t n;
};

static void
check_note_ref(struct reader *r, void *ctx, struct node *n)
{
	struct numbers *defs = ctx;
	if (n->type != N_FOOTNOTE_REF)
		return;
	int k = n->u.footnote.number;
	if (defs->n == 0 ||
	    bsearch(&k, defs->v, defs->n, sizeof(int), int_cmp) == NULL)
		diag(r->d, r->path, n->pos, D_XML_BAD_VALUE, "noteRef marker",
		    arena_printf(r->a, "%d", k));
}

/* doc's footnotes in order of number, each number once, each reference
 * to a note that is there. */
static void
check_notes(struct reader *r, struct paper *doc)
{
	size_t n = 0;
	for (struct node *f = doc->footnotes; f != NULL; f = f->next)
		n++;
	struct node **v = arena_alloc(r->a, (n + 1) * sizeof(*v));
	struct numbers defs = {arena_alloc(r->a, (n + 1) * sizeof(int)), 0};
	n = 0;
	for (struct node *f = doc->footnotes; f != NULL; f = f->next)
		v[n++] = f;
	qsort(v, n, sizeof(*v), note_cmp);
	doc->footnotes = NULL;
	doc->nfootnotes = 0;
	struct node *last = NULL;
	for (size_t i = 0; i < n; i++) {
		if (last != NULL &&
		    last->u.footnote.number == v[i]->u.footnote.number) {
			diag(r->d, r->path, v[i]->pos, D_XML_BAD_VALUE,
			    "authorialNote marker",
			    arena_printf(r->a, "%d", v[i]->u.footnote.number));
			continue;
		}
		v[i]->prev = last;
		v[i]->next = NULL;
		if (last != NULL)
			last->next = v[i];
		else
			doc->footnotes = v[i];
		last = v[i];
		doc->nfootnotes++;
		defs.v[defs.n++] = v[i]->u.footnote.number;
	}
	walk_doc(doc, check_note_ref, r, &defs);
}

/* ------------------------------------------------------------------ */
/* The document */

/* The <doc> of the root; false when clerk cannot rebuild a paper from it
 * (recorded). */
static bool
read_doc(struct reader *r, const xmlNode *root)
{
	struct paper *p = r->p;
	const xmlNode *doc = first_element(root);
	/* A pack clerk wrote: said so, and what to check instead. */
	if (akn(doc, "documentCollection") && akn(first_element(doc), "meta") &&
	    find_clerk_block(first_element(doc), "pack") != NULL) {
		diag(r->d, r->path, at(doc), D_XML_PACK);
		return false;
	}
	if (!akn(doc, "doc")) {
		diag(r->d, r->path, at(doc != NULL ? doc : root),
		    D_XML_NOT_CLERK, "<doc name=\"report\"> (or \"minutes\")");
		return false;
	}
	const xmlNode *meta = first_element(doc);
	const xmlNode *cp = akn(meta, "meta") ?
	    find_clerk_block(meta, "paper") :
	    NULL;
	if (cp == NULL) {
		diag(r->d, r->path, at(akn(meta, "meta") ? meta : doc),
		    D_XML_NOT_CLERK,
		    "<clerk:paper> (namespace " CLERK_NS
		    ") in <meta>/<proprietary>");
		return false;
	}
	if (!read_clerk_paper(r, cp))
		return false;
	const char *name = attr(r, doc, "name");
	if (name == NULL || strcmp(name, kind_name(p->meta.kind)) != 0)
		bad_value(r, doc, "doc name", name ? name : "");
	/* clerk:appendix attachment="att_N": kept in path until read */
	size_t k = 0;
	for (const xmlNode *c = cp->children; c != NULL; c = c->next)
		if (clerk(c, "appendix") && k < p->meta.nappendices)
			p->meta.appendices[k++].path = attr(r, c, "attachment");

	bool body = false;
	for (const xmlNode *c = meta->next; c != NULL; c = c->next) {
		if (!element(r, c, doc))
			continue;
		if (akn(c, "preface")) {
			read_preface(r, c);
		} else if (akn(c, "mainBody")) {
			body = true;
			read_main_body(r, c);
		} else if (akn(c, "attachments")) {
			read_attachments(r, c);
		} else {
			unexpected(r, c, doc);
		}
	}
	if (!body)
		diag(r->d, r->path, at(doc), D_XML_MISSING, "mainBody", "doc");
	if (p->meta.kind == KIND_REPORT && p->meta.subject == NULL)
		diag(r->d, r->path, at(doc), D_XML_MISSING, "docTitle",
		    "preface");
	for (size_t i = 0; i < p->meta.nappendices; i++) {
		struct appendix *ap = &p->meta.appendices[i];
		if (ap->path != NULL && !appendix_has_file(ap) && !ap->is_pdf)
			diag(r->d, r->path, ap->pos, D_XML_MISSING,
			    arena_printf(r->a, "attachment eId=\"%s\"",
			        ap->path),
			    "attachments");
		ap->path = NULL;
	}
	return true;
}

/* The file at path, whole, in the heap; NULL with *system_error (errno
 * set) when it cannot be read, or with D_XML_TOO_BIG. */
static char *
read_file(const char *path, size_t *len, struct diags *d, bool *system_error)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		*system_error = true;
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
		int e = S_ISDIR(st.st_mode) ? EISDIR : errno;
		close(fd);
		errno = e;
		*system_error = true;
		return NULL;
	}
	size_t cap = S_ISREG(st.st_mode) && st.st_size > 0 &&
	        (unsigned long long)st.st_size <= CLERK_MAX_XML_SIZE ?
	    (size_t)st.st_size + 1 :
	    65536;
	char *buf = NULL;
	size_t n = 0;
	if (!(S_ISREG(st.st_mode) &&
	        (unsigned long long)st.st_size > CLERK_MAX_XML_SIZE)) {
		buf = xmalloc(cap);
		for (;;) {
			if (n == cap) {
				if (cap > CLERK_MAX_XML_SIZE)
					break;
				cap *= 2;
				buf = xrealloc(buf, cap);
			}
			ssize_t got = read(fd, buf + n, cap - n);
			if (got < 0 && errno == EINTR)
				continue;
			if (got < 0) {
				int e = errno;
				free(buf);
				close(fd);
				errno = e;
				*system_error = true;
				return NULL;
			}
			if (got == 0)
				break;
			n += (size_t)got;
		}
	}
	close(fd);
	if (buf == NULL || n > CLERK_MAX_XML_SIZE) {
		free(buf);
		char size[32];
		snprintf(size, sizeof size, "%u MiB",
		    CLERK_MAX_XML_SIZE / (1024u * 1024u));
		diag(d, path, pos_at(0, 0), D_XML_TOO_BIG, size);
		return NULL;
	}
	*len = n;
	return buf;
}

/* The root element: Akoma Ntoso's. */
static bool
check_root(const char *path, const xmlNode *root, struct diags *d)
{
	if (root == NULL) {
		diag(d, path, pos_at(0, 0), D_XML_NOT_AKN, "(none)");
		return false;
	}
	if (akn(root, "akomaNtoso"))
		return true;
	if (strcmp((const char *)root->name, "akomaNtoso") == 0)
		diag(d, path, at(root), D_XML_NAMESPACE, "akomaNtoso",
		    root->ns != NULL ? (const char *)root->ns->href : "");
	else
		diag(d, path, at(root), D_XML_NOT_AKN,
		    (const char *)root->name);
	return false;
}

struct paper *
akn_read(const char *path, const struct template_set *set, struct diags *d,
    bool *system_error)
{
	*system_error = false;
	akn_init();
	size_t len = 0;
	char *buf = read_file(path, &len, d, system_error);
	if (buf == NULL)
		return NULL;
	xmlDocPtr xml = parse_xml(buf, len, path, d);
	free(buf);
	if (xml == NULL)
		return NULL;
	if (!check_root(path, xmlDocGetRootElement(xml), d)) {
		xmlFreeDoc(xml);
		return NULL;
	}

	struct arena *a = arena_new();
	struct paper *p = arena_alloc(a, sizeof(*p));
	p->arena = a;
	p->path = arena_strdup(a, path);
	p->dir = source_dir(a, p->path);
	p->meta.public = true;
	struct reader r =
	    {.p = p, .doc = p, .set = set, .d = d, .a = a, .path = p->path};
	bool ok = read_doc(&r, xmlDocGetRootElement(xml));
	xmlFreeDoc(xml);
	if (!ok) {
		arena_free(a);
		return NULL;
	}
	/* Whatever it says, an XML holding non-public matter (it was not
	 * written so by clerk, or by an older clerk) gives only the full
	 * edition. */
	if (!p->meta.public)
		p->full_xml = true;
	for (size_t i = 0; i < p->meta.nappendices; i++)
		if (!p->meta.appendices[i].public &&
		    !p->meta.appendices[i].withheld)
			p->full_xml = true;
	check_notes(&r, p);
	for (size_t i = 0; i < p->meta.nappendices; i++)
		if (p->meta.appendices[i].doc != NULL)
			check_notes(&r, p->meta.appendices[i].doc);
	structure_resolve(p, d);
	assets_check_images(p, d);
	for (size_t i = 0; i < p->meta.nappendices; i++)
		if (p->meta.appendices[i].doc != NULL)
			assets_check_images(p->meta.appendices[i].doc, d);
	return p;
}
