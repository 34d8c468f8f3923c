/* backend_pdf.c: the PDF back end (backend.h). A paper is measured, laid
 * out and painted with one device of its own (pdf.h), so that what was
 * measured is what is drawn; a pack goes through the pack stage
 * (pack_layout.h), each worker measuring with devices of its own, and
 * its two kinds are painted in parallel, each into a device of its own. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "arena.h"
#include "backend.h"
#include "cli.h"
#include "docinfo.h"
#include "glyphs.h"
#include "jobs.h"
#include "layout.h"
#include "pack_layout.h"
#include "pdf.h"

struct pdf_render {
	const struct render_options *o;
	struct pdf_options opt; /* how the documents are dated */
};

static void *
pdf_new(const struct render_options *o)
{
	struct pdf_render *r = xcalloc(1, sizeof *r);
	r->o = o;
	r->opt = (struct pdf_options){.has_epoch = o->has_epoch,
	    .epoch = o->epoch};
	return r;
}

static void
pdf_free(void *r)
{
	free(r);
}

/* The bytes of dev's document, given to out. */
static void
take_output(struct pdf_dev *dev, struct rendered *out)
{
	out->bytes = pdf_dev_take_output(dev, &out->len);
}

/* Checks that p's fonts have its characters (glyphs.h) and, when p has
 * no error, lays it out and paints it. */
static int
pdf_paper(void *rv, const struct paper *p, enum edition e, struct diags *d,
    struct rendered *out, char **syserr)
{
	struct pdf_render *r = rv;
	int status = EXIT_OK;
	struct pdf_dev *dev = pdf_dev_new(p->tpl);
	if (pdf_dev_failed(dev)) {
		*syserr = xstrdup(pdf_dev_error(dev));
		pdf_dev_free(dev);
		return EXIT_SYSTEM;
	}
	/* The messages of the glyph check and the layout are kept apart:
	 * when the device failed under them, their glyphs were all
	 * "missing", and only the system error is true. */
	struct diags *ld = diags_new();
	glyphs_check(p, pdf_dev_metrics(dev), ld);
	struct layout *l = NULL;
	if (diags_errors(d) == 0 && diags_errors(ld) == 0 &&
	    !pdf_dev_failed(dev))
		l = layout_paper(p, pdf_dev_metrics(dev), ld, e);
	if (pdf_dev_failed(dev)) {
		diags_free(ld);
		*syserr = xstrdup(pdf_dev_error(dev));
		pdf_dev_free(dev);
		return EXIT_SYSTEM;
	}
	diags_move(d, ld);
	diags_free(ld);
	if (l == NULL || diags_errors(d) > 0) {
		pdf_dev_free(dev);
		return EXIT_INPUT;
	}
	struct doc_info info = paper_info(p, e);
	switch (pdf_write_doc(dev, l, &info, &r->opt, NULL)) {
	case PDF_OK:
		take_output(dev, out);
		break;
	case PDF_SYSTEM:
		*syserr = xstrdup(pdf_dev_error(dev));
		status = EXIT_SYSTEM;
		break;
	}
	pdf_dev_free(dev);
	return status;
}

/* The measuring devices of a pack's workers (struct pack_measure). */
struct workers {
	struct pdf_devices *ds; /* [worker] */
	size_t n;
};

static const struct metrics *
worker_metrics(void *ctx, size_t worker, const struct template *t,
    const char **why)
{
	struct workers *w = ctx;
	return pdf_devices_metrics(&w->ds[worker < w->n ? worker : 0], t, why);
}

/* One pack kind to paint: its whole layout and what it says of itself. */
struct painting {
	struct pack_doc doc;
	const struct template *t;
	const struct pdf_options *opt;
	int status;
	char *syserr;        /* heap, or NULL */
	struct pdf_dev *dev; /* holding the painted bytes */
};

/* Paints painting i into a device of its own, in memory (a job: the
 * packs are painted in parallel; the layouts are only read). */
static void
paint_one(void *ctx, size_t i, size_t worker)
{
	struct painting *pt = &((struct painting *)ctx)[i];
	(void)worker;
	struct pdf_dev *dev = pt->dev = pdf_dev_new(pt->t);
	enum pdf_status st = pdf_write_doc(dev, pt->doc.joined, &pt->doc.info,
	    pt->opt, NULL);
	pt->status = EXIT_OK;
	if (st == PDF_SYSTEM) {
		pt->syserr = xstrdup(pdf_dev_error(dev));
		pt->status = EXIT_SYSTEM;
	}
}

/* Lays out the kinds of pack pk (the stage; pack_kinds) and paints them,
 * in parallel. */
static int
paint_packs(struct pdf_render *r, const struct pack *pk, struct pack_stage *s,
    const struct template *t, size_t npapers, struct diags *d,
    struct rendered out[2])
{
	struct painting pts[2];
	memset(pts, 0, sizeof pts);
	int nk = pack_kinds(pk);
	for (int k = 0; k < nk; k++) {
		if (!pack_stage_kind(s, (enum pack_kind)k, &pts[k].doc, d))
			return EXIT_INPUT;
		pts[k].t = t;
		pts[k].opt = &r->opt;
	}
	if (r->o->progress != NULL)
		r->o->progress(r->o->progress_ctx, npapers + 1, npapers);
	jobs_run((size_t)nk, r->o->njobs, paint_one, NULL, pts);
	int status = EXIT_OK;
	for (int k = 0; k < nk; k++)
		status = exit_worst(status, pts[k].status);
	for (int k = 0; k < nk; k++) {
		if (status == EXIT_OK)
			take_output(pts[k].dev, &out[k]);
		if (pts[k].syserr != NULL)
			fprintf(stderr, "%s\n", pts[k].syserr);
		free(pts[k].syserr);
		pdf_dev_free(pts[k].dev);
	}
	return status;
}

static int
pdf_pack(void *rv, const struct pack *pk, const struct template_set *set,
    struct diags *d, struct rendered out[2])
{
	struct pdf_render *r = rv;
	const struct render_options *o = r->o;
	size_t njobs = o->njobs > 0 ? o->njobs : 1;
	struct workers w = {xcalloc(njobs, sizeof *w.ds), njobs};
	struct pack_stage_options so = {
	    .duplex = o->duplex,
	    .njobs = njobs,
	    .measure = {worker_metrics, &w},
	    .progress = o->progress,
	    .progress_ctx = o->progress_ctx,
	};
	int status;
	struct pack_stage *s = pack_stage_new(pk, set, &so, d, &status);
	if (s != NULL) {
		size_t npapers = 0;
		for (size_t i = 0; i < pk->nentries; i++) {
			bool first = pack_holds(&pk->entries[i], PACK_FULL);
			for (size_t k = 0; first && k < i; k++)
				first = pk->entries[k].paper !=
				    pk->entries[i].paper;
			npapers += first;
		}
		status = paint_packs(r, pk, s, pack_template(pk->agenda, set),
		    npapers, d, out);
	}
	pack_stage_free(s);
	for (size_t i = 0; i < njobs; i++)
		pdf_devices_free(&w.ds[i]);
	free(w.ds);
	return status;
}

const struct backend backend_pdf = {
    .name = "pdf",
    .ext = ".pdf",
    .pack_ext = ".pdf",
    .new = pdf_new,
    .paper = pdf_paper,
    .pack = pdf_pack,
    .free = pdf_free,
};
