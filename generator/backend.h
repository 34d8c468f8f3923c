/* backend.h: the output formats. Each is a back end behind one small table
 * (struct backend: new / paper / pack / free), and backend.c alone lists
 * them: a command picks one by -f's value and renders papers and packs
 * through it into bytes, which the command writes (output.h). A back end
 * is given the model, the plan, and what the command was told; it finds
 * every problem of what it renders (in d) or says why it could not. */
#ifndef CLERK_BACKEND_H
#define CLERK_BACKEND_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "output.h"
#include "pack.h"

struct paper;
struct template_set;

/* What the command was told, for every back end. */
struct render_options {
	bool has_epoch;  /* SOURCE_DATE_EPOCH was given */
	long long epoch; /* its value, seconds since 1970 (UTC) */
	size_t njobs;    /* a pack's papers laid out at a time */
	bool duplex;     /* a pack's documents each from a
				      right-hand page */
	/* when not NULL, a pack's progress: after each of its n papers is
	 * done (done <= n), and once before the packs are written (done =
	 * n + 1); one call at a time */
	void (*progress)(void *ctx, size_t done, size_t n);
	void *progress_ctx;
};

struct backend {
	const char *name;     /* -f's value: "pdf" */
	const char *ext;      /* of the files it writes: ".pdf" */
	const char *pack_ext; /* of a pack's two documents: ".pdf"; ""
				 when each is a folder */
	/* A renderer for what one thread renders with options o (which
	 * must outlive it). Never NULL. */
	void *(*new)(const struct render_options *o);
	/* Edition e of paper p (read without errors, with its template;
	 * it has that edition) into *out. Returns EXIT_OK; EXIT_INPUT when
	 * d received an error (nothing rendered); EXIT_SYSTEM with why in
	 * *syserr (heap). out->path is where it will be written. */
	int (*paper)(void *r, const struct paper *p, enum edition e,
	    struct diags *d, struct rendered *out, char **syserr);
	/* The kinds of the pack planned as pk (without errors; pack_kinds:
	 * both, or the public one alone), with the templates of set, into
	 * out[PACK_PUBLIC] and out[PACK_FULL]: all or none (out[k].path:
	 * where each will be written). Returns
	 * EXIT_OK, EXIT_INPUT (d received an error) or EXIT_SYSTEM (said on
	 * stderr). */
	int (*pack)(void *r, const struct pack *pk,
	    const struct template_set *set, struct diags *d,
	    struct rendered out[2]);
	void (*free)(void *r);
};

/* The back end named name ("pdf", "xml", "html"), or NULL. */
const struct backend *backend_find(const char *name);

/* "pdf, xml or html": the names of the back ends, for messages. */
const char *backend_names(void);

/* Whether the web page written at out links the PDF beside it (the
 * stem's .pdf exists there), which its bytes depend on (clerk build -u
 * counts it). */
bool backend_html_links_pdf(const char *out);

/* The back ends (backend_pdf.c, backend_xml.c, backend_html.c). */
extern const struct backend backend_pdf;
extern const struct backend backend_xml;
extern const struct backend backend_html;

#endif
