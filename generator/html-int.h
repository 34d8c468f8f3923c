/* html-int.h: what the HTML writers share, a paper's page (html_paper.c)
 * and a meeting's agenda page (html_pack.c): the page and its head, the
 * blocks and inlines of the model as HTML elements, and the images copied
 * beside the page (html.c). Only these three files include it (and
 * libxml2's HTML tree). */
#ifndef CLERK_HTML_INT_H
#define CLERK_HTML_INT_H

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

#include "html.h"
#include "model.h"
#include "strset.h"

/* At most this many D_HTML_CHAR messages for one page. */
enum { HTML_MAX_CHAR_MESSAGES = 10 };

/* One page being written. */
struct hw {
	htmlDocPtr doc;
	xmlNodePtr head, title, body, main; /* of the page */
	struct arena *a;                    /* scratch, freed with the page */
	struct diags *d;
	const char *path;         /* the file messages are about */
	const struct template *t; /* list markers (NULL: the defaults) */
	const struct paper *p;    /* the paper (NULL: an agenda) */
	const char *idp;          /* prefix of the ids in the document
				       being written: "" for the paper,
				       "app-2-" for its appendix 2 */
	bool minutes;             /* paragraphs beginning "RESOLVED" are
				       resolutions */
	int level;                /* of the last heading made: the next is
				       at most one below it */
	int sect;                 /* of the heading of the section being
				       written: its sub-headings of level k
				       are sect + k */
	bool in_note;             /* writing a footnote: no headings */
	bool xrefs;               /* the paper's numbered paragraphs are
				       on the page: cross-references link
				       to them */
	int *refs;                /* per footnote number - 1: references
				       made to it so far */
	size_t nnotes;
	size_t ntables;                 /* tables on the page so far */
	int links;                      /* links open around what is written:
					   no link is made inside them */
	struct strset ids;              /* ids given on the page */
	const struct html_files *files; /* where images go */
	struct strset images;           /* resolved path -> file name */
	struct strset names;            /* file names given */
	int nchars;
};

/* A new page (its head, body, skip link and main), in which w writes;
 * title its <title>; noindex: a page not for publication, which search
 * engines are asked to leave out. */
void hw_begin(struct hw *w, const char *path, struct diags *d,
    const struct html_files *files, const char *title, bool noindex);
/* The page serialised as HTML5 into *out (heap), *len bytes, and all of
 * w freed. */
void hw_end(struct hw *w, char **out, size_t *len);

/* A new element name, the last child of parent. */
xmlNodePtr hw_el(struct hw *w, xmlNodePtr parent, const char *name);
/* The same with attribute class. */
xmlNodePtr hw_elc(struct hw *w, xmlNodePtr parent, const char *name,
    const char *cls);
/* Text s appended to parent (characters HTML cannot hold replaced). */
void hw_text(struct hw *w, xmlNodePtr parent, const char *s);
/* An element holding text s. */
xmlNodePtr hw_el_text(struct hw *w, xmlNodePtr parent, const char *name,
    const char *s);
/* Lines of s (split at '\n') in parent, a <br> between them. */
void hw_lines(struct hw *w, xmlNodePtr parent, const char *s);
void hw_attr(struct hw *w, xmlNodePtr n, const char *name, const char *value);
/* Text s in a span that only a screen reader reads. */
void hw_hidden(struct hw *w, xmlNodePtr parent, const char *s);
/* id made unique on the page: id, id-2 ... (in the scratch arena). */
const char *hw_id(struct hw *w, const char *id);
/* A heading wanted at level (1: h1), at most one below the last one
 * made, holding text s (or nothing when NULL). */
/* The address, from the page, of the PDF file of appendix ap copied into
 * the page's folder (the same file once); NULL when the page has no
 * folder or ap no PDF file read. */
const char *hw_pdf_file(struct hw *w, const struct appendix *ap);

xmlNodePtr hw_heading(struct hw *w, xmlNodePtr parent, int level,
    const char *s);
/* A paragraph of the template's exempt notice with the n paragraphs x
 * (nothing when the template has none). */
void hw_notice(struct hw *w, xmlNodePtr parent, const struct paper *p,
    const int *x, size_t n);

/* The footnotes of doc are to be written next: none referred to yet. */
void hw_begin_notes(struct hw *w, const struct paper *doc);
/* doc's footnotes as a section "Notes" (heading at level), each with
 * links back to its references; nothing when it has none. */
void hw_notes(struct hw *w, xmlNodePtr parent, const struct paper *doc,
    int level);

/* The blocks from first on, into parent. */
void hw_blocks(struct hw *w, xmlNodePtr parent, const struct node *first);
/* The inlines from first on, into parent. */
void hw_inlines(struct hw *w, xmlNodePtr parent, const struct node *first);
/* The blocks of a section (or item of minutes, or appendix) from first
 * on: runs of numbered blocks as ordered lists of paragraphs, each with
 * its own number, its id (idp "para-" number) and a link to itself. */
void hw_section_blocks(struct hw *w, xmlNodePtr parent,
    const struct node *first);

#endif
