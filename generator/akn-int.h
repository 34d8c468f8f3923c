/* akn-int.h: what the two Akoma Ntoso writers share, a paper's
 * (akn_write.c) and a pack's (akn_pack.c): the writer and its helpers for
 * elements, attributes, text XML can hold, eIds, references and whole
 * documents. Only these two files include it (and libxml2). */
#ifndef CLERK_AKN_INT_H
#define CLERK_AKN_INT_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stdint.h>

#include "akn.h"
#include "model.h"
#include "strset.h"

struct source;

/* At most this many D_XML_CHAR messages for one paper. */
enum { MAX_CHAR_MESSAGES = 10 };

struct writer {
	const struct paper *p;   /* the paper; NULL for a pack's own
				       parts (the agenda, the collection) */
	const struct paper *doc; /* whose blocks are written: p, or an
				       appendix's document */
	const char *path;        /* the file of messages: doc's, or the
				       agenda's */
	struct diags *d;
	struct arena *a; /* scratch, freed when the node is made */
	xmlDocPtr xml;
	xmlNsPtr akn, clerk;       /* the two namespaces */
	const char *base;          /* of every eId written: "" for a paper
				       on its own, "cmp_4__" in a pack */
	const char *prefix;        /* of eIds in doc: base, or base and
				       "att_2__" */
	enum edition edition;      /* public: non-public appendices left
				       out, listed without their titles */
	bool routed;               /* a pack's Part 1 paper: those with a
				       file are carried on Part 2 lines */
	const struct node **notes; /* by footnote number - 1: doc's
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

/* No position: for texts clerk writes itself. */
extern const struct pos nowhere;

/* A new element of Akoma Ntoso, the last child of parent (if any). */
xmlNodePtr add(struct writer *w, xmlNodePtr parent, const char *name);
/* <clerk:name>value</clerk:name>, the last child of parent. */
xmlNodePtr add_clerk(struct writer *w, xmlNodePtr parent, const char *name,
    const char *value, struct pos pos);
/* A new element whose content is text and inline elements: it begins
 * with an empty text node, so that libxml2 writes its content as it is,
 * without indentation. */
xmlNodePtr add_mixed(struct writer *w, xmlNodePtr parent, const char *name);
/* Appends text s to element parent (libxml2 merges it with a text node
 * before it). */
void add_text(struct writer *w, xmlNodePtr parent, const char *s,
    struct pos pos);
/* The document doc is to be written next, its eIds beginning with the
 * base and prefix: its footnotes, by number, all still to write. */
void begin_doc(struct writer *w, const struct paper *doc, const char *prefix);
/* A references element, not yet in the tree (identification, before it,
 * refers to the eIds in it), its eId "clerk" kept for end_references. */
xmlNodePtr begin_references(struct writer *w);
/* Ends the program, out of memory, when libxml2 made nothing. */
void check(const void *made);
/* id as an eId of the document being written: after the writer's base,
 * so that the eIds of the documents of a pack are unique in it. */
const char *eid(struct writer *w, const char *id);
/* The last entry of references refs: clerk, the source of the meta. */
void end_references(struct writer *w, xmlNodePtr refs);
const char *iso(struct writer *w, struct date d);
/* Where key (a top-level key of the front matter, or one under parent) is
 * given in src (a paper's or an agenda's; NULL for a paper read from
 * XML), at its value: the place of messages about meta texts, which keep
 * no position. {0, 0} when it cannot be found. */
struct pos key_pos(const struct source *src, const char *parent,
    const char *key);
/* A new document and its root <akomaNtoso> (in *root), which declares the
 * Akoma Ntoso namespace as the default and clerk's as "clerk". */
xmlDocPtr new_document(xmlNodePtr *root);
/* akn_paper_node, its eIds after base ("" for the paper on its own,
 * "cmp_4__" in a pack), of edition e; routed: a pack's Part 1 paper. */
xmlNodePtr paper_node(const struct paper *p, struct diags *d, xmlDocPtr xml,
    const char *base, enum edition e, bool routed);
/* The work address of the paper: /akn/gb/doc/<kind>/<committee>/<date>
 * [/<subject>]. */
const char *paper_work(struct writer *w);
const char *ref_to(struct writer *w, const char *id);
/* xml serialised into *out (heap) and *len, and freed. false, with
 * D_XML_TOO_BIG in d for path and *out NULL, when it is larger than clerk
 * reads. */
bool serialise(xmlDocPtr xml, const char *path, struct diags *d, char **out,
    size_t *len);
void set(struct writer *w, xmlNodePtr n, const char *name, const char *value,
    struct pos pos);
/* s made a slug: lower-case ASCII letters and digits, other runs as one
 * '-'; fallback when nothing is left. In the scratch arena. */
const char *slug(struct writer *w, const char *s, const char *fallback);
/* An eId not given yet in references, from base: base, base-2 ... */
const char *unique_id(struct writer *w, const char *base);
void write_blocks(struct writer *w, xmlNodePtr parent, const struct node *first,
    bool filler);
/* The body of appendix i of w's paper (which has a file) into doc, with
 * eIds after prefix: the blocks of a Markdown file, or for a PDF file a
 * <componentRef> whose src names the file as the paper names it and
 * whose alt says what it is ("Appendix 3 – Site plan: PDF file, 1 page"):
 * clerk:appendix keeps its SHA-256 and pages. */
void write_appendix_body(struct writer *w, xmlNodePtr doc, size_t i,
    const char *prefix);
/* The placeholder for an element the schema requires to hold something. */
void write_filler(struct writer *w, xmlNodePtr parent);
/* The FRBR identification of component ("main", "appendix-1") of the
 * work at address work, of the meeting on date (ISO): its Work and
 * Expression by the TLC whose eId is author, its Manifestation by
 * clerk. */
void write_frbr(struct writer *w, xmlNodePtr meta, const char *work,
    const char *date, const char *author, const char *component);
/* A section (or item of minutes, or an appendix's body) as element
 * elname: num, heading, then the blocks in <content>; or, when it has
 * numbered blocks or sub-headings, a <crossHeading> per sub-heading and
 * a <paragraph> per numbered block (with the blocks after it) and per run
 * of unnumbered blocks. */
void write_section(struct writer *w, xmlNodePtr parent, const struct section *s,
    const char *elname, const char *name, const char *eid);
/* A TLC entry of references: eId from the name, unique. */
const char *write_tlc(struct writer *w, xmlNodePtr refs, const char *element,
    const char *kind, const char *name, const char *fallback, struct pos pos);
/* A writer of documents into xml, for element n (not yet in the tree),
 * its eIds after base; its scratch arena freed by the caller. */
void writer_init(struct writer *w, const struct paper *p, struct diags *d,
    xmlDocPtr xml, xmlNodePtr n, const char *base);

#endif
