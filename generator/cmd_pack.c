/* cmd_pack.c: "clerk pack": a meeting's agenda and every paper it links
 * into two committee packs, <stem>-public.pdf and <stem>-full.pdf (or
 * .xml with -f xml). The agenda and its papers are read and checked first
 * (every problem reported; nothing written while any has an error); the
 * plan (pack.c) routes the documents; the papers are laid out, in
 * parallel with -j N, each with a measuring device of its worker; their
 * pages are numbered on from 1; then the agenda is laid out knowing every
 * page range, and each pack is joined and painted into one PDF document
 * (fonts embedded once). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agenda.h"
#include "akn.h"
#include "arena.h"
#include "cli.h"
#include "diag.h"
#include "glyphs.h"
#include "jobs.h"
#include "layout.h"
#include "output.h"
#include "pack.h"
#include "pdf.h"
#include "source.h"
#include "template.h"

/* A paper to lay out, with the entries that carry its documents (its own
 * line, and lines for its routed appendices). */
struct job {
	const struct paper *paper;
	struct pack_entry **entries;
	size_t nentries;
	struct diags *d;           /* its messages */
	char *syserr;              /* a font could not be read: why (heap) */
};

/* Lays out every document of job j, pages not yet numbered. */
static void
run_job(struct job *j, struct pdf_devices *ds)
{
	const struct paper *p = j->paper;
	const char *why = NULL;
	const struct metrics *m = pdf_devices_metrics(ds, p->tpl, &why);
	if (m == NULL) {
		j->syserr = xstrdup(why != NULL ? why : "clerk: error: the "
		    "fonts cannot be read");
		return;
	}
	for (size_t i = 0; i < j->nentries; i++) {
		struct pack_entry *e = j->entries[i];
		/* A Part 1 paper as its public edition (its non-public
		 * appendices in Part 2); Part 2 documents whole, their
		 * pages marked (the full pack only holds them). */
		struct layout_options o = {
			.edition = e->part == 1 ? EDITION_PUBLIC :
			    EDITION_FULL,
			.routed = true,
			.appendix = e->appendix,
			.exempt = e->exempt,
			.nexempt = e->nexempt,
			.defer_numbers = true,
		};
		e->layout = layout_paper_with(p, m, j->d, &o);
	}
}

/* What the workers share: the jobs, and a set of measuring devices per
 * worker. */
struct layouts {
	struct job *jobs;
	struct pdf_devices *ds;    /* [worker] */
	bool tty;
};

static void
layout_one(void *ctx, size_t i, size_t worker)
{
	struct layouts *w = ctx;
	run_job(&w->jobs[i], &w->ds[worker]);
}

static void progress(bool on, const char *verb, size_t i, size_t n,
    const char *what);

/* The counter runs over the papers and then the writing of the packs, so
 * that it only goes up. */
static void
layout_progress(void *ctx, size_t i, size_t done, size_t n)
{
	struct layouts *w = ctx;
	(void)i;
	progress(w->tty, "laid out", done, n + 1, "papers");
}

/* "<dir>/<stem><suffix><ext>": stem is the agenda's file name without
 * ".md". */
static char *
output_name(const char *dir, const char *agenda, const char *suffix,
    const char *ext)
{
	const char *base = strrchr(agenda, '/');
	base = base != NULL ? base + 1 : agenda;
	size_t n = strlen(base);
	if (n > 3 && strcmp(base + n - 3, ".md") == 0)
		n -= 3;
	size_t dl = strlen(dir);
	bool slash = dl > 0 && dir[dl - 1] == '/';
	size_t len = dl + n + strlen(suffix) + strlen(ext) + 2;
	char *s = xmalloc(len);
	snprintf(s, len, "%s%s%.*s%s%s", dir, slash ? "" : "/", (int)n, base,
	    suffix, ext);
	return s;
}

/* Whether two templates set text alike (the pack's PDF embeds one set
 * of fonts and has one page size). */
static bool
same_fonts(const struct template *a, const struct template *b)
{
	const struct tpl_font *fa[3] = {&a->font, &a->mono, &a->fallback};
	const struct tpl_font *fb[3] = {&b->font, &b->mono, &b->fallback};
	for (size_t i = 0; i < 3; i++) {
		const char *x[4] = {fa[i]->regular, fa[i]->bold,
		    fa[i]->italic, fa[i]->bold_italic};
		const char *y[4] = {fb[i]->regular, fb[i]->bold,
		    fb[i]->italic, fb[i]->bold_italic};
		for (size_t k = 0; k < 4; k++)
			if ((x[k] == NULL) != (y[k] == NULL) ||
			    (x[k] != NULL && strcmp(x[k], y[k]) != 0))
				return false;
	}
	return a->page_width == b->page_width &&
	    a->page_height == b->page_height;
}

/* The pack's bookmarks: the front sheet and agenda, then one per line
 * (sub-items below their item), each document's own below its line. */
static void
pack_outline(struct arena *ar, struct layout *joined,
    const struct pack *pk, enum pack_kind kind, size_t agenda_pages)
{
	size_t n = 1;
	for (size_t i = 0; i < pk->nentries; i++) {
		const struct pack_entry *e = &pk->entries[i];
		n++;
		if (pack_holds(e, kind) && e->layout != NULL)
			n += e->layout->noutline;
	}
	struct outline_entry *o = arena_alloc(ar, n * sizeof *o);
	size_t k = 0;
	o[k++] = (struct outline_entry){0, "Front Sheet and Agenda", 0,
	    joined->height};
	for (size_t i = 0; i < pk->nentries; i++) {
		const struct pack_entry *e = &pk->entries[i];
		bool held = pack_holds(e, kind) && e->layout != NULL;
		const char *title = e->title != NULL ? e->title : "";
		struct outline_entry *x = &o[k++];
		x->level = e->level;
		x->title = arena_printf(ar, "%s. %s", e->number, title);
		if (held) {
			x->page = (int)agenda_pages + e->first_page - 1;
			x->y = joined->height;
		} else {
			x->page = e->agenda_page;
			x->y = e->agenda_y;
		}
		if (!held)
			continue;
		for (size_t s = 0; s < e->layout->noutline; s++) {
			struct outline_entry *y = &o[k++];
			*y = e->layout->outline[s];
			y->level += e->level + 1;
			y->page += x->page;
		}
	}
	joined->outline = o;
	joined->noutline = k;
}

/* The digest of the pack's inputs, for its /ID. */
static const char *
pack_digest(struct arena *ar, const struct pack *pk, enum pack_kind kind,
    bool duplex)
{
	struct digest h;
	digest_init(&h);
	const struct source *src = pk->agenda->src;
	if (src != NULL)
		digest_add(&h, src->text, src->len);
	for (size_t i = 0; i < pk->nentries; i++) {
		const struct pack_entry *e = &pk->entries[i];
		if (!pack_holds(e, kind))
			continue;
		/* a Part 1 paper is its public edition: nothing of its
		 * non-public appendices may change the public pack */
		const char *dg = e->part == 1 ? e->paper->digest_public :
		    e->paper->digest;
		digest_add(&h, dg, strlen(dg));
		char tag[32];
		int n = snprintf(tag, sizeof tag, "%d/%d", e->appendix,
		    e->omit_nonpublic);
		digest_add(&h, tag, (size_t)n);
	}
	const char *k = pack_suffix(kind);
	digest_add(&h, k, strlen(k));
	digest_add(&h, duplex ? "duplex" : "simplex", duplex ? 6 : 7);
	char *hex = arena_alloc(ar, 33);
	digest_hex(&h, hex);
	return hex;
}

/* Numbers the pages of the documents pack kind holds, on from their
 * first_page, of total, each first page stamped "Agenda Item N". */
static void
number_pages(struct pack *pk, enum pack_kind kind, const struct metrics *m,
    struct diags *d, int total)
{
	struct arena *ar = pk->agenda->arena;
	for (size_t i = 0; i < pk->nentries; i++) {
		struct pack_entry *e = &pk->entries[i];
		if (pack_holds(e, kind) && e->layout != NULL)
			layout_number(e->layout, m, d, e->first_page, total,
			    arena_printf(ar, "Agenda Item %s", e->number));
	}
}

/* One PDF pack to paint: its whole layout and what it says of itself. */
struct painting {
	struct layout *joined;
	struct pdf_info info;
	const struct template *t;
	const struct pdf_options *opt;
	char *out;                 /* heap */
	int status;
	char *syserr;              /* heap, or NULL */
	struct pdf_dev *dev;       /* holding the painted bytes */
};

/* Lays out the agenda of pack kind (its documents numbered already) and
 * joins it with them into pt. Returns false when d received an error. */
static bool
prepare_pdf(struct pack *pk, enum pack_kind kind, const struct template *t,
    const struct metrics *m, bool duplex, struct diags *d,
    struct painting *pt)
{
	const struct agenda *a = pk->agenda;
	struct arena *ar = a->arena;
	struct layout *ag = layout_agenda(pk, kind, t, m, d);
	if (ag == NULL)
		return false;
	if (duplex && ag->npages % 2 == 1)
		layout_pad(ag, m, d);
	for (size_t i = 0; i < ag->npages; i++)
		ag->pages[i].dest_base = (int)ag->npages;

	struct layout **parts = arena_alloc(ar, (pk->nentries + 1) *
	    sizeof *parts);
	struct page_label *labels = arena_alloc(ar, (pk->nentries + 1) *
	    sizeof *labels);
	size_t n = 0;
	parts[n] = ag;
	labels[n++] = (struct page_label){0, LABEL_ROMAN, 1};
	for (size_t i = 0; i < pk->nentries; i++) {
		struct pack_entry *e = &pk->entries[i];
		if (!pack_holds(e, kind) || e->layout == NULL)
			continue;
		parts[n] = e->layout;
		labels[n++] = (struct page_label){0, LABEL_DECIMAL,
		    e->first_page};
	}
	pt->joined = layout_join(ar, parts, n, labels);
	pack_outline(ar, pt->joined, pk, kind, ag->npages);

	char date[32] = "";
	if (a->has_date)
		date_long(a->date, date);
	bool secret = false;
	for (size_t i = pk->part2; i < pk->nentries; i++)
		secret = secret || pack_holds(&pk->entries[i], kind);
	pt->info = (struct pdf_info){
		.path = a->path,
		.title = arena_printf(ar, "%s, %s: %s", a->committee, date,
		    kind == PACK_PUBLIC ? "Public Document Pack" :
		    "Non-Public Document Pack"),
		.author = a->has_signatory && a->signatory.title != NULL ?
		    a->signatory.title : a->committee,
		.subject = arena_printf(ar, "Agenda and reports of the %s, %s%s",
		    a->committee, date, secret ? "; " PDF_NOT_FOR_PUBLICATION :
		    ""),
		.keywords = arena_printf(ar, "%s; %s", a->committee,
		    kind == PACK_PUBLIC ? "Public" : secret ? "Non-Public; "
		    PDF_NOT_FOR_PUBLICATION : "Non-Public"),
		.creator = arena_printf(ar, "clerk %s (pack, template %s)",
		    CLERK_VERSION, t->id),
		.year = a->date.year, .month = a->date.month,
		.day = a->date.day,
		.digest = pack_digest(ar, pk, kind, duplex),
		.salt = t->id,
	};
	pt->t = t;
	return true;
}

/* Paints painting i into a device of its own, in memory (a job: the
 * packs are painted in parallel; the layouts are only read). */
static void
paint_one(void *ctx, size_t i, size_t worker)
{
	struct painting *pt = &((struct painting *)ctx)[i];
	(void)worker;
	struct pdf_dev *dev = pt->dev = pdf_dev_new(pt->t);
	enum pdf_status st = pdf_write_doc(dev, pt->joined, &pt->info,
	    pt->opt, NULL);
	pt->status = EXIT_OK;
	if (st == PDF_SYSTEM) {
		pt->syserr = xstrdup(pdf_dev_error(dev));
		pt->status = EXIT_SYSTEM;
	}
}

/* Whether a template of the pack prints the number of pages ({pages}),
 * which differs between the packs. */
static bool
counts_pages(const struct pack *pk, const struct template *t)
{
	if (template_text_uses(t->header, "pages") ||
	    template_text_uses(t->footer, "pages"))
		return true;
	for (size_t i = 0; i < pk->nentries; i++) {
		const struct paper *p = pk->entries[i].paper;
		if (p != NULL && (template_text_uses(p->tpl->header, "pages") ||
		    template_text_uses(p->tpl->footer, "pages")))
			return true;
	}
	return false;
}

/* On a terminal, "[i/n] verb what" in place of the last line; verb NULL
 * clears it. Short enough not to wrap, or \r could not erase it. */
static void
progress(bool on, const char *verb, size_t i, size_t n, const char *what)
{
	if (!on)
		return;
	fputs("\r\033[K", stderr);
	if (verb != NULL) {
		size_t len = strlen(what);
		fprintf(stderr, "[%zu/%zu] %s %s%s", i, n, verb,
		    len > 50 ? "..." : "", len > 50 ? what + len - 50 : what);
	}
	fflush(stderr);
}

/* The PDF packs. */
static int
pack_pdf(struct pack *pk, const struct template_set *set, long njobs,
    bool duplex, const struct pdf_options *opt, struct diags *d,
    const char *dir)
{
	const struct agenda *a = pk->agenda;
	struct arena *ar = a->arena;
	const struct template *t = pack_template(a, set);
	if (t == NULL) {
		fprintf(stderr, "%s: error: no report template to set the "
		    "agenda with\n", a->path);
		return EXIT_SYSTEM;
	}
	/* One job per paper. */
	struct job *jobs = arena_alloc(ar, (pk->nentries + 1) * sizeof *jobs);
	size_t njob = 0;
	for (size_t i = 0; i < pk->nentries; i++) {
		struct pack_entry *e = &pk->entries[i];
		if (e->paper == NULL)
			continue;
		if (!same_fonts(e->paper->tpl, t)) {
			diag(d, e->paper->path, (struct pos){0, 0},
			    D_PACK_TEMPLATE, e->paper->tpl->id, t->id);
			continue;
		}
		struct job *j = NULL;
		for (size_t k = 0; k < njob; k++)
			if (jobs[k].paper == e->paper)
				j = &jobs[k];
		if (j == NULL) {
			j = &jobs[njob++];
			memset(j, 0, sizeof *j);
			j->paper = e->paper;
			j->entries = arena_alloc(ar, (pk->nentries + 1) *
			    sizeof *j->entries);
		}
		j->entries[j->nentries++] = e;
	}
	if (diags_errors(d) > 0)
		return EXIT_INPUT;

	bool tty = isatty(STDERR_FILENO);
	for (size_t i = 0; i < njob; i++)
		jobs[i].d = diags_new();
	size_t nworkers = (size_t)njobs < njob ? (size_t)njobs : njob;
	struct layouts w = {.jobs = jobs, .tty = tty,
	    .ds = xcalloc(nworkers ? nworkers : 1, sizeof *w.ds)};
	jobs_run(njob, (size_t)njobs, layout_one, layout_progress, &w);
	for (size_t i = 0; i < nworkers; i++)
		pdf_devices_free(&w.ds[i]);
	free(w.ds);
	struct pdf_devices main_ds = {0};
	int status = EXIT_OK;
	progress(tty, NULL, 0, 0, NULL);
	for (size_t i = 0; i < njob; i++) {
		diags_move(d, jobs[i].d);
		diags_free(jobs[i].d);
	}
	/* A font that cannot be read: said once, a system error. */
	const char *syserr = NULL;
	for (size_t i = 0; i < njob; i++) {
		if (jobs[i].syserr != NULL && syserr == NULL)
			fprintf(stderr, "%s\n", syserr = jobs[i].syserr);
	}
	for (size_t i = 0; i < njob; i++)
		free(jobs[i].syserr);
	if (syserr != NULL) {
		pdf_devices_free(&main_ds);
		return EXIT_SYSTEM;
	}
	for (size_t i = 0; i < pk->nentries; i++)
		if (pk->entries[i].paper != NULL &&
		    pk->entries[i].layout == NULL && diags_errors(d) == 0)
			diag(d, pk->entries[i].paper->path, (struct pos){0, 0},
			    D_PACK_SYSTEM, "the paper could not be laid out");
	if (diags_errors(d) > 0) {
		pdf_devices_free(&main_ds);
		return EXIT_INPUT;
	}

	const char *why = NULL;
	const struct metrics *m = pdf_devices_metrics(&main_ds, t, &why);
	if (m == NULL) {
		fprintf(stderr, "%s\n", why != NULL ? why : "clerk: error: "
		    "the fonts cannot be read");
		pdf_devices_free(&main_ds);
		return EXIT_SYSTEM;
	}

	/* Page numbers from 1, Part 1 first: the same in both packs. */
	int page = 1;
	for (size_t i = 0; i < pk->nentries; i++) {
		struct pack_entry *e = &pk->entries[i];
		if (e->layout == NULL)
			continue;
		e->first_page = page;
		e->last_page = page + (int)e->layout->npages - 1;
		if (duplex && e->layout->npages % 2 == 1)
			layout_pad(e->layout, m, d);
		page += (int)e->layout->npages;
	}
	int total_full = page - 1, total_public = 0;
	if (total_full > CLERK_MAX_PACK_PAGES) {
		diag(d, a->path, (struct pos){0, 0}, D_PACK_TOO_MANY_PAGES,
		    total_full, CLERK_MAX_PACK_PAGES);
		pdf_devices_free(&main_ds);
		return EXIT_INPUT;
	}
	for (size_t i = 0; i < pk->nentries; i++)
		if (pack_holds(&pk->entries[i], PACK_PUBLIC) &&
		    pk->entries[i].layout != NULL)
			total_public = pk->entries[i].first_page - 1 +
			    (int)pk->entries[i].layout->npages;

	/* Both packs are laid out here, in the agenda's arena, then painted:
	 * in parallel when their pages carry the same numbers (no {pages}),
	 * else one after the other, renumbered between. */
	static const enum pack_kind kinds[2] = {PACK_PUBLIC, PACK_FULL};
	const int totals[2] = {total_public, total_full};
	struct painting pts[2];
	memset(pts, 0, sizeof pts);
	bool apart = counts_pages(pk, t);
	if (!apart)
		number_pages(pk, PACK_FULL, m, d, total_full);
	for (size_t k = 0; k < 2 && status == EXIT_OK; k++) {
		pts[k].out = output_name(dir, a->path, pack_suffix(kinds[k]),
		    ".pdf");
		pts[k].opt = opt;
		if (apart) {
			progress(tty, "writing", njob + 1, njob + 1,
			    pts[k].out);
			number_pages(pk, kinds[k], m, d, totals[k]);
		}
		if (!prepare_pdf(pk, kinds[k], t, m, duplex, d, &pts[k]))
			status = EXIT_INPUT;
		else if (apart)
			paint_one(pts, k, 0);
	}
	if (status == EXIT_OK && !apart) {
		progress(tty, "writing", njob + 1, njob + 1, pts[0].out);
		jobs_run(2, (size_t)njobs, paint_one, NULL, pts);
	}
	/* Both packs or neither: each written to a temporary file, then
	 * both renamed into place. */
	char *tmp[2] = {NULL, NULL};
	for (size_t k = 0; k < 2 && status == EXIT_OK; k++) {
		if (pts[k].joined == NULL || pts[k].status != EXIT_OK)
			break;
		size_t len;
		const void *bytes = pdf_dev_output(pts[k].dev, &len);
		if ((tmp[k] = output_stage(pts[k].out, bytes, len)) == NULL) {
			char eb[128];
			fprintf(stderr, "%s: error: cannot write: %s\n",
			    pts[k].out, cli_errstr(errno, eb, sizeof eb));
			status = EXIT_SYSTEM;
		}
	}
	bool staged = tmp[0] != NULL && tmp[1] != NULL;
	for (size_t k = 0; k < 2; k++) {
		if (staged && !output_commit(tmp[k], pts[k].out)) {
			char eb[128];
			fprintf(stderr, "%s: error: cannot write: %s\n",
			    pts[k].out, cli_errstr(errno, eb, sizeof eb));
			status = EXIT_SYSTEM;
		} else if (!staged) {
			output_discard(tmp[k]);
		}
		pdf_dev_free(pts[k].dev);
	}
	for (size_t k = 0; k < 2; k++) {
		if (pts[k].syserr != NULL)
			fprintf(stderr, "%s\n", pts[k].syserr);
		if (pts[k].joined != NULL)
			status = exit_worst(status, pts[k].status);
		free(pts[k].syserr);
		free(pts[k].out);
	}
	progress(tty, NULL, 0, 0, NULL);
	pdf_devices_free(&main_ds);
	return status;
}

/* The XML packs. */
static int
pack_xml(const struct pack *pk, struct diags *d, const char *dir)
{
	static const enum pack_kind kinds[2] = {PACK_PUBLIC, PACK_FULL};
	char *bytes[2] = {NULL, NULL};
	size_t len[2] = {0, 0};
	int status = EXIT_OK;
	/* The XML records the SHA-256 of the template and font files. */
	for (size_t i = 0; i < pk->nentries; i++) {
		const char *failed;
		const struct paper *p = pk->entries[i].paper;
		if (p != NULL && p->tpl != NULL &&
		    template_digests(p->tpl, &failed) == NULL &&
		    failed != NULL) {
			char eb[128];
			fprintf(stderr, "%s: error: cannot read: %s\n", failed,
			    cli_errstr(errno, eb, sizeof eb));
			return EXIT_SYSTEM;
		}
	}
	for (size_t k = 0; k < 2; k++)
		if (!akn_write_pack(pk, kinds[k], d, &bytes[k], &len[k]))
			status = EXIT_INPUT;
	/* both or neither, as for PDF */
	char *out[2], *tmp[2] = {NULL, NULL};
	for (size_t k = 0; k < 2; k++)
		out[k] = output_name(dir, pk->agenda->path,
		    pack_suffix(kinds[k]), ".xml");
	for (size_t k = 0; k < 2 && status == EXIT_OK; k++) {
		if ((tmp[k] = output_stage(out[k], bytes[k], len[k])) ==
		    NULL) {
			char eb[128];
			fprintf(stderr, "%s: error: cannot write: %s\n", out[k],
			    cli_errstr(errno, eb, sizeof eb));
			status = EXIT_SYSTEM;
		}
	}
	for (size_t k = 0; k < 2; k++) {
		if (status == EXIT_OK && !output_commit(tmp[k], out[k])) {
			char eb[128];
			fprintf(stderr, "%s: error: cannot write: %s\n", out[k],
			    cli_errstr(errno, eb, sizeof eb));
			status = EXIT_SYSTEM;
		} else if (status != EXIT_OK) {
			output_discard(tmp[k]);
		}
		free(out[k]);
	}
	free(bytes[0]);
	free(bytes[1]);
	return status;
}

int
cmd_pack(int argc, char **argv)
{
	const char *out_dir = NULL;
	bool xml = false, duplex = false;
	long njobs = 1;
	int first = 1;
	for (; first < argc; first++) {
		const char *a = argv[first];
		if (strcmp(a, "--") == 0) {
			first++;
			break;
		}
		if (a[0] != '-' || a[1] == '\0')
			break;
		if (strcmp(a, "--duplex") == 0) {
			duplex = true;
			continue;
		}
		if (strcmp(a, "-f") != 0 && strcmp(a, "-O") != 0 &&
		    strcmp(a, "-j") != 0)
			return cli_usage_error("pack", "unknown option \"%s\"",
			    a);
		if (first + 1 == argc)
			return cli_usage_error("pack", "%s needs a value", a);
		const char *v = argv[++first];
		if (a[1] == 'f') {
			if (strcmp(v, "pdf") == 0)
				xml = false;
			else if (strcmp(v, "xml") == 0)
				xml = true;
			else
				return cli_usage_error("pack", "unknown "
				    "format \"%s\": use pdf or xml", v);
		} else if (a[1] == 'O') {
			out_dir = v;
		} else if (cli_jobs("pack", v, &njobs) != EXIT_OK) {
			return EXIT_USAGE;
		}
	}
	if (argc - first == 0)
		return cli_usage_error("pack", "no agenda given");
	if (argc - first > 1)
		return cli_usage_error("pack", "one agenda at a time; \"%s\" "
		    "is a second", argv[first + 1]);
	const char *path = argv[first];
	struct pdf_options opt;
	if (cli_source_date_epoch("pack", &opt.has_epoch, &opt.epoch) !=
	    EXIT_OK)
		return EXIT_USAGE;

	struct template_set set;
	int status = cli_load_templates(&set);
	if (status == EXIT_SYSTEM)
		return status;

	char eb[128];
	const char *dir = cli_output_dir(out_dir);
	if (dir == NULL) {
		templates_free(&set);
		return EXIT_SYSTEM;
	}

	struct diags *d = diags_new();
	bool system_error = false;
	struct agenda *a = NULL;
	double start = cli_seconds();
	if (!agenda_detect(path)) {
		FILE *fp = fopen(path, "r");
		if (fp == NULL) {
			fprintf(stderr, "%s: error: cannot read: %s\n", path,
			    cli_errstr(errno, eb, sizeof eb));
			status = EXIT_SYSTEM;
			goto done;
		}
		fclose(fp);
		fprintf(stderr, "%s: error: this is not an agenda: an agenda's "
		    "front matter has \"kind: agenda\" and lists the "
		    "members; \"clerk build\" builds a paper\n", path);
		status = EXIT_INPUT;
		goto done;
	}
	a = agenda_read_jobs(path, &set, (size_t)njobs, d, &system_error);
	if (system_error) {
		fprintf(stderr, "%s: error: cannot read: %s\n", path,
		    cli_errstr(errno, eb, sizeof eb));
		status = EXIT_SYSTEM;
		goto done;
	}
	/* Its own and its papers' characters in their fonts, as check finds
	 * them. */
	struct pdf_devices fonts = {0};
	const char *why = NULL;
	bool fonts_ok = glyphs_check_agenda(a, &set, &fonts, d,
	    &why);
	if (!fonts_ok) {
		fprintf(stderr, "%s\n", why != NULL ? why : "clerk: error: "
		    "the fonts cannot be read");
		status = EXIT_SYSTEM;
	}
	pdf_devices_free(&fonts);
	struct pack pk;
	if (!fonts_ok || a == NULL || diags_errors(d) > 0 ||
	    !pack_plan(a, &pk, d)) {
		status = exit_worst(status, EXIT_INPUT);
		goto done;
	}
	status = exit_worst(status, xml ? pack_xml(&pk, d, dir) :
	    pack_pdf(&pk, &set, njobs, duplex, &opt, d, dir));
done:;
	/* On a terminal, a pack read ends with what it did. */
	size_t bad = diags_error_files(d);
	diags_flush(d, stderr);
	if (a != NULL && isatty(STDERR_FILENO))
		fprintf(stderr, "clerk: %d packs written, %zu %s with errors, "
		    "in %.1f s\n", status == EXIT_OK ? 2 : 0, bad,
		    bad == 1 ? "file" : "files", cli_seconds() - start);
	diags_free(d);
	agenda_free(a);
	templates_free(&set);
	return status;
}
