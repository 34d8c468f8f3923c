/* extpdf.h: PDF files clerk includes as they are: a paper's external
 * appendices (a site plan, a consultant's report). A file is read and
 * checked whole when the paper is read, so that `check` finds what
 * `build` would, and each of its pages is made then a form XObject,
 * given as the objects it takes (extpdf_obj) in a form that names no
 * library: the painter (pdf.c) writes them as objects of its own
 * document and draws the form on a page of clerk's of the same size
 * (BOX_PAGE), under clerk's page number and stamps. Only extpdf.c uses
 * libqpdf.
 *
 * THE FORMS. An included page becomes a form XObject whose content is
 * the page's content streams, whose resources are the page's (fonts,
 * images, drawings: every object reachable from them, copied as it is,
 * streams still encoded), and whose matrix turns and moves the page by
 * its /Rotate and crop box so that it fills the clerk page upright, as a
 * reader shows the page. Nothing is rasterised; text stays text. Left
 * out: the page's annotations (links inside it), and what ties its
 * content to its own structure tree (/StructParents), which is not
 * carried. */
#ifndef CLERK_EXTPDF_H
#define CLERK_EXTPDF_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

/* The resource name under which the merge puts an included page. */
#define EXTPDF_XOBJECT "ClerkPage"

/* One page as a reader shows it: its crop box, turned by its /Rotate. */
struct extpdf_page {
	double width, height; /* points */
	size_t form;          /* its form XObject: an index in objs */
};

/* A bookmark of the file's own outline. */
struct extpdf_mark {
	int level;         /* 0: top level; k: below the level k - 1 before */
	const char *title; /* UTF-8 */
	size_t page;       /* 0-based, in the file */
};

/* One indirect object the forms take: a dictionary, or a stream with its
 * dictionary. text holds the dictionary's entries in PDF syntax (without
 * "<<" and ">>", and without /Length, which the writer sets), except
 * for references to other objects: reference j stands at byte ref_at[j]
 * of text, to objs[ref[j]]. */
struct extpdf_obj {
	const char *text;
	size_t len;
	const size_t *ref, *ref_at;
	size_t nrefs;
	bool stream;
	const unsigned char *data; /* a stream's data, dlen bytes */
	size_t dlen;
	bool deflate; /* data is plain, for the writer to compress;
			 otherwise it is encoded as text's /Filter says */
};

/* A PDF file as read. Everything lives in the arena it was read into. */
struct extpdf {
	const unsigned char *bytes; /* the whole file */
	size_t len;
	struct extpdf_page *pages;
	size_t npages;
	struct extpdf_obj *objs; /* every object the pages' forms take */
	size_t nobjs;
	struct extpdf_mark *outline; /* in order, at most EXTPDF_MAX_MARKS */
	size_t noutline;
	bool tagged; /* it says it is tagged (/MarkInfo /Marked) and has a
			structure tree */
};

/* clerk's limits on one included file. */
#define EXTPDF_MAX_PAGES   5000
#define EXTPDF_MAX_MARKS   1000
#define EXTPDF_MAX_OBJECTS 500000
#define EXTPDF_MAX_DEPTH \
	64 /* of arrays and dictionaries within each
				     other in one object */

enum extpdf_status {
	EXTPDF_OK,
	EXTPDF_NOT_PDF,    /* it does not start as a PDF does */
	EXTPDF_DAMAGED,    /* it cannot be read as it is: why says what */
	EXTPDF_PASSWORD,   /* it opens only with a password */
	EXTPDF_ENCRYPTED,  /* encrypted, though it opens without one */
	EXTPDF_NO_PAGES,   /* it has no page */
	EXTPDF_TOO_MANY,   /* more than EXTPDF_MAX_PAGES pages */
	EXTPDF_NO_LIBRARY, /* libqpdf, loaded when first needed, cannot be:
			      why says why */
};

/* Reads and checks the len bytes of a PDF file (loading libqpdf the
 * first time): its pages, their sizes,
 * its outline, every page's content (decoded once, so that a damaged
 * stream is found now) and the objects of its pages' forms, into x (in
 * arena a). A file that libqpdf could read only by repairing it is
 * damaged. On EXTPDF_DAMAGED, why (whylen bytes) says what was found, in
 * words fit to follow "damaged: ". The same bytes give the same x. */
enum extpdf_status extpdf_read(struct arena *a, const void *bytes, size_t len,
    struct extpdf *x, char *why, size_t whylen);

#endif
