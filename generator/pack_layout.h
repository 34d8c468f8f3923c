/* pack_layout.h: the pack stage. From a committee pack's plan (pack.h,
 * only read), every document is laid out once, in parallel, its pages
 * numbered on from 1, Part 1 first (padded for duplex printing); then, for
 * each pack kind, the agenda is laid out knowing those pages, the
 * documents the kind holds are numbered and stamped "Agenda Item N", and
 * all is joined into one layout with its bookmarks and document info,
 * which a back end paints. What a kind's pages are is kept in the stage,
 * per kind (struct pack_pages): the kinds may be asked for in either
 * order, and what one gives is not changed by asking for the other. No
 * output library is used here: the stage measures through the caller's
 * metrics (struct pack_measure). */
#ifndef CLERK_PACK_LAYOUT_H
#define CLERK_PACK_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "docinfo.h"
#include "pack.h"

struct layout;
struct metrics;
struct template;
struct template_set;

/* Where the stage measures: the metrics of template t for worker w (below
 * the stage's njobs; worker 0 also lays out the agendas and numbers the
 * pages), valid until the stage is freed; NULL when t's fonts cannot be
 * read, *why then the message to print (or NULL). */
struct pack_measure {
	const struct metrics *(*metrics)(void *ctx, size_t worker,
	    const struct template *t, const char **why);
	void *ctx;
};

/* How the stage lays the pack out. */
struct pack_stage_options {
	bool duplex;  /* each document from a right-hand
					page: padded to an even count */
	size_t njobs; /* papers laid out at a time, >= 1 */
	struct pack_measure measure;
	/* when not NULL, called after each paper is laid out (one call at
	 * a time), with the number done and of papers */
	void (*progress)(void *ctx, size_t done, size_t n);
	void *progress_ctx;
};

/* What one line of the plan is in a pack kind. */
struct pack_line {
	struct layout *doc;        /* the document the kind holds on the
					line, numbered for it; NULL: none */
	int first_page, last_page; /* its printed page numbers (last: but
					a duplex blank page); 0: none */
	int agenda_page;           /* where the agenda lists the line
					(0-based, in the agenda's layout) */
	double agenda_y;           /* and its top */
};

/* One pack kind's pages: the stage's own. */
struct pack_pages {
	enum pack_kind kind;
	struct pack_line *lines; /* by line of the plan */
	struct layout *agenda;   /* its front sheet and agenda; NULL
					until laid out */
	int total;               /* the pages its documents count */
};

/* A pack kind laid out whole. */
struct pack_doc {
	struct layout *joined; /* the agenda, then each document held;
					lives as long as the stage */
	struct doc_info info;
};

struct pack_stage;

/* Lays out every document of plan pk (planned without errors; its papers'
 * templates must set text as the agenda's, pack_template) and numbers its
 * pages. Returns the stage, or NULL with *status EXIT_INPUT (d received
 * an error) or EXIT_SYSTEM (a font could not be read: said on stderr).
 * The layouts are in the papers' arenas. Free with pack_stage_free. */
struct pack_stage *pack_stage_new(const struct pack *pk,
    const struct template_set *set, const struct pack_stage_options *o,
    struct diags *d, int *status);

/* Lays out pack kind k (its agenda, its documents numbered for it) and
 * joins it into *out. Returns false when d received an error (a character
 * of the agenda no font has). */
bool pack_stage_kind(struct pack_stage *s, enum pack_kind k,
    struct pack_doc *out, struct diags *d);

/* Kind k's pages, as the last pack_stage_kind for k left them. */
const struct pack_pages *pack_stage_pages(const struct pack_stage *s,
    enum pack_kind k);

void pack_stage_free(struct pack_stage *s);

#endif
