/* cmd_build.c: "clerk build": papers into PDF files, or into Akoma Ntoso
 * XML (-f xml), as their public editions, or with --full as their full
 * editions, written to <stem>-full.pdf (.xml); a paper without a public
 * edition (non-public) is an error without --full. A paper is Markdown
 * (.md) or clerk's own XML (.xml); each is read, checked and written on
 * its own (one device and one arena per paper); with -j N, N threads
 * share the work. Messages of each paper are kept and printed whole, in
 * the order the files were given. */
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
#include "paper.h"
#include "pdf.h"
#include "template.h"


/* What build writes (-f). */
enum format { FORMAT_PDF, FORMAT_XML };

/* One input file. */
struct job {
	const char *in;   /* as given */
	char *out;        /* the file to write, heap */
	char *log;        /* its messages, heap (NULL: none yet) */
	size_t loglen;
	bool skip;        /* neither .md nor .xml: reported, not built */
	int status;       /* EXIT_OK, EXIT_INPUT or EXIT_SYSTEM */
	bool done;        /* finished, log and status final (batch_done) */
};

/* What the jobs share (read-only while they run), and the printing of
 * their messages, which only batch_done touches. */
struct batch {
	struct job *jobs;
	size_t njobs;
	const struct template_set *set; /* read-only */
	const char *tpl_id;             /* -t, or NULL */
	enum format format;
	enum edition edition;           /* --full: the full edition */
	struct pdf_options opt;
	size_t printed;                 /* jobs whose messages are out */
	size_t written, failed;         /* of the jobs printed: outputs
					   written, inputs not built */
	bool progress;                  /* show progress on stderr */
	int status;                     /* the worst so far */
};

static bool
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Whether path is one of clerk's Akoma Ntoso documents by its name. */
static bool
is_xml(const char *path)
{
	return has_suffix(path, ".xml");
}

/* "<dir>/<stem><ext>" for input path: its file name without ".md" or
 * ".xml". */
static char *
output_for(const char *dir, const char *path, const char *ext)
{
	const char *base = strrchr(path, '/');
	base = base != NULL ? base + 1 : path;
	size_t n = strlen(base);
	if (has_suffix(base, ".md"))
		n -= 3;
	else if (is_xml(base))
		n -= 4;
	size_t len = strlen(dir) + n + strlen(ext) + 2;
	char *s = xmalloc(len);
	size_t dl = strlen(dir);
	bool slash = dl > 0 && dir[dl - 1] == '/';
	snprintf(s, len, "%s%s%.*s%s", dir, slash ? "" : "/", (int)n, base,
	    ext);
	return s;
}

/* Reads the paper at path, as paper_read does: Markdown (.md) or, by its
 * suffix, clerk's Akoma Ntoso XML (.xml). -t applies to Markdown only
 * (cmd_build refuses it with .xml inputs: the XML names its template). */
static struct paper *
read_paper(const char *path, const struct template_set *set,
    const char *tpl_id, struct diags *d, bool *system_error)
{
	if (is_xml(path))
		return akn_read(path, set, d, system_error);
	return paper_read_as(path, set, tpl_id, d, system_error);
}

/* Checks that p's fonts have its characters (glyphs.h) and, when p has
 * no error, lays it out and writes it as PDF to out. A system error is put
 * in *syserr (heap). */
static int
write_pdf(const struct batch *b, const struct paper *p, const char *out,
    struct diags *d, char **syserr)
{
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
		l = layout_paper(p, pdf_dev_metrics(dev), ld,
		    b->edition);
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
	switch (pdf_write(dev, p, l, b->edition, &b->opt, out)) {
	case PDF_OK:
		break;
	case PDF_SYSTEM:
		*syserr = xstrdup(pdf_dev_error(dev));
		status = EXIT_SYSTEM;
		break;
	}
	pdf_dev_free(dev);
	return status;
}

/* Writes p as an Akoma Ntoso document to out, whole or not at all. A
 * system error is put in *syserr (heap). */
static int
write_xml(const struct batch *b, const struct paper *p, const char *out,
    struct diags *d, char **syserr)
{
	/* The XML records the SHA-256 of the template and font files. */
	const char *failed;
	if (template_digests(p->tpl, &failed) == NULL && failed != NULL) {
		char eb[DIAG_ERRNO_MAX];
		*syserr = diag_string(failed, D_CANNOT_READ,
		    diag_errno(errno, eb, sizeof eb));
		return EXIT_SYSTEM;
	}
	char *buf = NULL;
	size_t len = 0;
	if (!akn_write(p, b->edition, d, &buf, &len) || diags_errors(d) > 0) {
		free(buf);
		return EXIT_INPUT;
	}
	int status = EXIT_OK;
	if (!output_write(out, buf, len, false)) {
		char eb[DIAG_ERRNO_MAX];
		*syserr = diag_string(out, D_CANNOT_WRITE,
		    diag_errno(errno, eb, sizeof eb));
		status = EXIT_SYSTEM;
	}
	free(buf);
	return status;
}

/* Reads, checks and writes one paper; its messages go to log, in the
 * order diags prints them, a system error last. */
static int
build_one(struct batch *b, const struct job *j, FILE *log)
{
	int status;
	struct diags *d = diags_new();
	char *syserr = NULL;

	if (!is_xml(j->in) && agenda_detect(j->in)) {
		/* An agenda is a pack's, not a paper: say so rather than
		 * report it as a paper full of unknown keys. */
		diag_print(log, j->in, D_BUILD_AGENDA);
		diags_free(d);
		return EXIT_INPUT;
	}
	bool system_error;
	struct paper *p = read_paper(j->in, b->set, b->tpl_id, d,
	    &system_error);
	if (system_error) {
		char eb[DIAG_ERRNO_MAX];
		syserr = diag_string(j->in, D_CANNOT_READ,
		    diag_errno(errno, eb, sizeof eb));
		status = EXIT_SYSTEM;
	} else if (p == NULL || p->tpl == NULL) {
		status = EXIT_INPUT;
	} else if (!paper_edition_ok(p, b->edition, d)) {
		/* a non-public paper without --full: nothing written */
		status = EXIT_INPUT;
	} else if (b->format == FORMAT_XML) {
		/* Not a font is needed, but what cannot be typeset is not
		 * archived: the XML is rebuilt into a PDF. */
		struct pdf_devices ds = {0};
		const char *why = NULL;
		if (!glyphs_check_fonts(p, &ds, d, &why)) {
			syserr = why != NULL ? xstrdup(why) :
			    diag_string("clerk", D_FONTS_UNREADABLE);
			status = EXIT_SYSTEM;
		} else {
			status = diags_errors(d) > 0 ? EXIT_INPUT :
			    write_xml(b, p, j->out, d,
			    &syserr);
		}
		pdf_devices_free(&ds);
	} else {
		status = write_pdf(b, p, j->out, d, &syserr);
	}

	diags_flush(d, log);
	if (syserr != NULL)
		fprintf(log, "%s\n", syserr);
	free(syserr);
	paper_free(p);
	diags_free(d);
	return status;
}

static void
run_job(struct batch *b, struct job *j)
{
	j->log = NULL;
	j->loglen = 0;
	FILE *log = open_memstream(&j->log, &j->loglen);
	if (log == NULL)
		out_of_memory();
	j->status = build_one(b, j, log);
	if (fclose(log) != 0)
		out_of_memory();
}

/* A job of jobs_run: builds job i (a file that is neither .md nor .xml
 * was said to be skipped). */
static void
batch_job(void *ctx, size_t i, size_t worker)
{
	struct batch *b = ctx;
	(void)worker;
	if (!b->jobs[i].skip)
		run_job(b, &b->jobs[i]);
}

/* After job i (one call at a time): prints, in the order the files were
 * given, the messages of every job done from the first not yet printed,
 * and on a terminal the file being waited for. */
static void
batch_done(void *ctx, size_t i, size_t ndone, size_t n)
{
	struct batch *b = ctx;
	(void)ndone;
	b->jobs[i].done = true;
	if (b->progress)
		fputs("\r\033[K", stderr);
	for (; b->printed < n && b->jobs[b->printed].done; b->printed++) {
		struct job *j = &b->jobs[b->printed];
		if (j->skip) {
			diag_print(stderr, j->in, D_BUILD_SUFFIX);
			b->status = exit_worst(b->status, EXIT_INPUT);
			b->failed++;
			continue;
		}
		if (j->loglen > 0)
			fwrite(j->log, 1, j->loglen, stderr);
		free(j->log);
		j->log = NULL;
		b->status = exit_worst(b->status, j->status);
		if (j->status == EXIT_OK)
			b->written++;
		else
			b->failed++;
	}
	if (b->progress && b->printed < n) {
		/* Short enough not to wrap, or \r cannot erase it. */
		const char *in = b->jobs[b->printed].in;
		size_t len = strlen(in);
		fprintf(stderr, "\r\033[K[%zu/%zu] %s%s", b->printed + 1, n,
		    len > 50 ? "..." : "", len > 50 ? in + len - 50 : in);
	}
	fflush(stderr);
}

int
cmd_build(int argc, char **argv)
{
	const char *out_file = NULL, *out_dir = NULL, *tpl_id = NULL;
	enum format format = FORMAT_PDF;
	enum edition edition = EDITION_PUBLIC;
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
		if (strcmp(a, "--full") == 0) {
			edition = EDITION_FULL;
			continue;
		}
		if (strcmp(a, "--pdfa") == 0)
			return cli_usage("build", D_USAGE_PDFA);
		bool takes = strcmp(a, "-f") == 0 || strcmp(a, "-o") == 0 ||
		    strcmp(a, "-O") == 0 || strcmp(a, "-t") == 0 ||
		    strcmp(a, "-j") == 0;
		if (!takes)
			return cli_usage("build", D_USAGE_UNKNOWN_OPTION, a);
		if (first + 1 == argc)
			return cli_usage("build", D_USAGE_NEEDS_VALUE, a);
		const char *v = argv[++first];
		switch (a[1]) {
		case 'f':
			if (strcmp(v, "pdf") == 0)
				format = FORMAT_PDF;
			else if (strcmp(v, "xml") == 0)
				format = FORMAT_XML;
			else
				return cli_usage("build", D_USAGE_FORMAT, v);
			break;
		case 'o':
			out_file = v;
			break;
		case 'O':
			out_dir = v;
			break;
		case 't':
			tpl_id = v;
			break;
		case 'j':
			if (cli_jobs("build", v, &njobs) != EXIT_OK)
				return EXIT_USAGE;
			break;
		}
	}
	int nfiles = argc - first;
	if (nfiles == 0)
		return cli_usage("build", D_USAGE_NO_FILE);
	if (out_file != NULL && out_dir != NULL)
		return cli_usage("build", D_USAGE_OUT_BOTH);
	if (out_file != NULL && nfiles > 1)
		return cli_usage("build", D_USAGE_OUT_ONE);
	for (int i = first; tpl_id != NULL && i < argc; i++)
		if (is_xml(argv[i]))
			return cli_usage("build", D_USAGE_TEMPLATE_XML,
			    argv[i]);
	struct pdf_options opt;
	if (cli_source_date_epoch("build", &opt.has_epoch, &opt.epoch) !=
	    EXIT_OK)
		return EXIT_USAGE;

	struct template_set set;
	int status = cli_load_templates(&set);
	if (status == EXIT_SYSTEM)
		return status;
	if (tpl_id != NULL && template_find(&set, tpl_id) == NULL) {
		templates_free(&set);
		return cli_usage("build", D_USAGE_TEMPLATE, tpl_id);
	}

	const char *dir = out_dir;
	if (out_file == NULL && (dir = cli_output_dir(out_dir)) == NULL) {
		templates_free(&set);
		return EXIT_SYSTEM;
	}

	struct batch b = {.set = &set, .tpl_id = tpl_id, .format = format,
	    .edition = edition, .opt = opt, .njobs = (size_t)nfiles};
	/* the full edition is never written where the public one goes */
	const char *ext = format == FORMAT_XML ? (edition == EDITION_FULL ?
	    "-full.xml" : ".xml") : edition == EDITION_FULL ? "-full.pdf" :
	    ".pdf";
	b.jobs = xcalloc(b.njobs, sizeof(*b.jobs));
	for (size_t i = 0; i < b.njobs; i++) {
		struct job *j = &b.jobs[i];
		j->in = argv[first + (int)i];
		j->out = out_file != NULL ? xstrdup(out_file) :
		    output_for(dir, j->in, ext);
		j->skip = !has_suffix(j->in, ".md") && !is_xml(j->in);
	}
	/* Two inputs writing one file would lose the first silently; an
	 * output that is an input would replace the paper. */
	for (size_t i = 0; i < b.njobs; i++) {
		struct stat si, so;
		if (stat(b.jobs[i].in, &si) == 0 &&
		    stat(b.jobs[i].out, &so) == 0 && si.st_dev == so.st_dev &&
		    si.st_ino == so.st_ino) {
			status = cli_usage("build", D_USAGE_OUT_IS_IN,
			    b.jobs[i].in);
			goto free_jobs;
		}
	}
	for (size_t i = 0; i < b.njobs; i++)
		for (size_t k = 0; k < i; k++)
			if (strcmp(b.jobs[i].out, b.jobs[k].out) == 0) {
				status = cli_usage("build",
				    D_USAGE_OUT_SAME, b.jobs[k].in,
				    b.jobs[i].in, b.jobs[i].out);
				goto free_jobs;
			}

	b.progress = b.njobs > 1 && isatty(STDERR_FILENO);
	b.status = status;
	double start = cli_seconds();
	if (b.progress) {
		size_t len = strlen(b.jobs[0].in);
		fprintf(stderr, "[1/%zu] %s%s", b.njobs, len > 50 ? "..." : "",
		    len > 50 ? b.jobs[0].in + len - 50 : b.jobs[0].in);
		fflush(stderr);
	}
	jobs_run(b.njobs, (size_t)njobs, batch_job, batch_done, &b);
	if (b.progress) {
		/* A batch on a terminal ends with what it did. */
		fprintf(stderr, "\r\033[Kclerk: %zu written, %zu with errors, "
		    "in %.1f s\n", b.written, b.failed, cli_seconds() - start);
		fflush(stderr);
	}
	status = b.status;

free_jobs:
	for (size_t i = 0; i < b.njobs; i++) {
		free(b.jobs[i].out);
		free(b.jobs[i].log);
	}
	free(b.jobs);
	templates_free(&set);
	return status;
}
