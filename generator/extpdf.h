/* extpdf.h: PDF files clerk includes as they are: a paper's external
 * appendices (a site plan, a consultant's report). A file is read and
 * checked whole when the paper is read, so that `check` finds what
 * `build` would; its pages are merged into the document clerk painted
 * when that is written. Only extpdf.c uses libqpdf.
 *
 * THE MERGE. clerk paints a page of its own for each included page, of
 * the included page's size as a reader shows it, with its page number and
 * stamps, and on it the operator "/ClerkPage Do" (EXTPDF_XOBJECT) under
 * everything else, with no such resource yet. extpdf_merge makes the
 * included page a form XObject of that name in the page's resources: its
 * content streams, its resources (fonts, images, vector drawings) copied
 * as they are, turned and moved by its /Rotate and crop box so that it
 * fills the page upright. Nothing is rasterised; text stays text. The
 * included page's annotations (links inside it) and its own structure
 * tree are not carried. */
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
};

/* A bookmark of the file's own outline. */
struct extpdf_mark {
	int level;         /* 0: top level; k: below the level k - 1 before */
	const char *title; /* UTF-8 */
	size_t page;       /* 0-based, in the file */
};

/* A PDF file as read. Everything lives in the arena it was read into. */
struct extpdf {
	const unsigned char *bytes; /* the whole file */
	size_t len;
	struct extpdf_page *pages;
	size_t npages;
	struct extpdf_mark *outline; /* in order, at most EXTPDF_MAX_MARKS */
	size_t noutline;
	bool tagged; /* it says it is tagged (/MarkInfo /Marked) and has a
			structure tree */
};

/* clerk's limits on one included file. */
#define EXTPDF_MAX_PAGES 5000
#define EXTPDF_MAX_MARKS 1000

enum extpdf_status {
	EXTPDF_OK,
	EXTPDF_NOT_PDF,   /* it does not start as a PDF does */
	EXTPDF_DAMAGED,   /* it cannot be read as it is: why says what */
	EXTPDF_PASSWORD,  /* it opens only with a password */
	EXTPDF_ENCRYPTED, /* encrypted, though it opens without one */
	EXTPDF_NO_PAGES,  /* it has no page */
	EXTPDF_TOO_MANY,  /* more than EXTPDF_MAX_PAGES pages */
};

/* Reads and checks the len bytes of a PDF file (which are copied into a):
 * its pages, their sizes, its outline, and that every page's content can
 * be read. A file that libqpdf could read only by repairing it is
 * damaged. On EXTPDF_DAMAGED, why (whylen bytes) says what libqpdf found,
 * in words fit to follow "damaged: ". */
enum extpdf_status extpdf_read(struct arena *a, const void *bytes, size_t len,
    struct extpdf *x, char *why, size_t whylen);

/* Where an included page goes: on page `page` (0-based) of the painted
 * document, page src_page (0-based) of src. */
struct extpdf_place {
	size_t page;
	const struct extpdf *src;
	size_t src_page;
};

/* Merges the n included pages pl (in the order of their pages) into the
 * len bytes of the document doc, as THE MERGE says, and writes the
 * result into *out (heap; the caller frees), *outlen bytes, with a
 * deterministic file identifier: the same inputs give the same bytes.
 * Returns false, with why set, when libqpdf fails (the files were checked
 * when read, so only a fault of the library or of memory). */
bool extpdf_merge(const void *doc, size_t len, const struct extpdf_place *pl,
    size_t n, void **out, size_t *outlen, char *why, size_t whylen);

#endif
