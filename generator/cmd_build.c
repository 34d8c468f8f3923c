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
#include "backend.h"
#include "cli.h"
#include "diag.h"
#include "jobs.h"
#include "output.h"
#include "paper.h"
#include "shard.h"
#include "template.h"

/* One input file. */
struct job {
	const char *in; /* as given */
	char *out;      /* the file to write, heap */
	char *log;      /* its messages, heap (NULL: none yet) */
	size_t loglen;
	bool skip;  /* neither .md nor .xml: reported, not built */
	int status; /* EXIT_OK, EXIT_INPUT or EXIT_SYSTEM */
	bool done;  /* finished, log and status final (batch_done) */
};

/* What the jobs share (read-only while they run), and the printing of
 * their messages, which only batch_done touches. */
struct batch {
	struct job *jobs;
	size_t njobs;
	const struct template_set *set; /* read-only */
	const char *tpl_id;             /* -t, or NULL */
	const struct backend *be;       /* -f */
	enum edition edition;           /* --full: the full edition */
	struct render_options opt;
	struct shard shard;     /* --shard: the share built */
	size_t printed;         /* jobs whose messages are out */
	size_t written, failed; /* of the jobs printed: outputs
					   written, inputs not built */
	bool progress;          /* show progress on stderr */
	int status;             /* the worst so far */
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

/* Reads the paper at path, as paper_read does: Markdown (.md) or, by its
 * suffix, clerk's Akoma Ntoso XML (.xml). -t applies to Markdown only
 * (cmd_build refuses it with .xml inputs: the XML names its template). */
static struct paper *
read_paper(const char *path, const struct template_set *set, const char *tpl_id,
    struct diags *d, bool *system_error)
{
	if (is_xml(path))
		return akn_read(path, set, d, system_error);
	return paper_read_as(path, set, tpl_id, d, system_error);
}

/* Renders edition e of p with the batch's back end and writes it to out,
 * whole or not at all. A system error is put in *syserr (heap). */
static int
write_paper(const struct batch *b, const struct paper *p, const char *out,
    struct diags *d, char **syserr)
{
	struct rendered r = {.path = out};
	void *rn = b->be->new (&b->opt);
	int status = b->be->paper(rn, p, b->edition, d, &r, syserr);
	b->be->free(rn);
	if (status == EXIT_OK) {
		char *failed = NULL;
		struct staged *s = output_rendered_stage(out, &r, &failed);
		if (s == NULL || !output_rendered_commit(s, &failed)) {
			char eb[DIAG_ERRNO_MAX];
			*syserr = diag_string(failed, D_CANNOT_WRITE,
			    diag_errno(errno, eb, sizeof eb));
			status = EXIT_SYSTEM;
		}
		free(failed);
	}
	rendered_free(&r);
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
	} else {
		status = write_paper(b, p, j->out, d, &syserr);
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
	cli_progress(b->progress, 0, 0, NULL, NULL);
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
	if (b->printed < n)
		cli_progress(b->progress, b->printed + 1, n, NULL,
		    b->jobs[b->printed].in);
	fflush(stderr);
}

/* The command line of build (b: -t, -f, --full; its files from
 * argv[*first]), checked. Returns EXIT_OK or the usage error printed. */
static int
build_options(int argc, char **argv, struct batch *b, const char **out_file,
    const char **out_dir, long *njobs, int *first)
{
	bool full = false, pdfa = false;
	const struct cli_option opts[] = {
	    {"--full", false, cli_flag, &full, NULL},
	    /* every PDF is PDF/A-2a: kept for the scripts that ask */
	    {"--pdfa", false, cli_flag, &pdfa, NULL},
	    {"-f", true, cli_format, &b->be, NULL},
	    {"-o", true, cli_string, out_file, NULL},
	    {"-O", true, cli_string, out_dir, NULL},
	    {"-t", true, cli_string, &b->tpl_id, NULL},
	    {"-j", true, cli_jobs_option, njobs, NULL},
	    {"--shard", true, shard_option, &b->shard, "a share, I/N"},
	};
	if (cli_options("build", argc, argv, opts, sizeof opts / sizeof *opts,
	        false, first) != EXIT_OK)
		return EXIT_USAGE;
	b->edition = full ? EDITION_FULL : EDITION_PUBLIC;
	int nfiles = argc - *first;
	if (nfiles == 0)
		return cli_usage("build", D_USAGE_NO_FILE);
	if (*out_file != NULL && *out_dir != NULL)
		return cli_usage("build", D_USAGE_OUT_BOTH);
	if (*out_file != NULL && nfiles > 1)
		return cli_usage("build", D_USAGE_OUT_ONE);
	for (int i = *first; b->tpl_id != NULL && i < argc; i++)
		if (is_xml(argv[i]))
			return cli_usage("build", D_USAGE_TEMPLATE_XML,
			    argv[i]);
	b->njobs = (size_t)nfiles;
	return cli_source_date_epoch("build", &b->opt.has_epoch, &b->opt.epoch);
}

/* The jobs of b, one per file of files in its share (--shard), each with
 * the file it writes: out_file, or one in dir. Returns EXIT_OK, or the
 * usage error printed when outputs would collide (b->jobs made all the
 * same), which is looked for among all the files, in every share. */
static int
make_jobs(struct batch *b, char **files, const char *out_file, const char *dir)
{
	/* the full edition is never written where the public one goes */
	const char *suffix = b->edition == EDITION_FULL ? "-full" : "";
	b->jobs = xcalloc(b->njobs, sizeof(*b->jobs));
	for (size_t i = 0; i < b->njobs; i++) {
		struct job *j = &b->jobs[i];
		j->in = files[i];
		j->out = out_file != NULL ?
		    xstrdup(out_file) :
		    cli_output_name(dir, j->in, suffix, b->be->ext);
		j->skip = !has_suffix(j->in, ".md") && !is_xml(j->in);
	}
	/* Two inputs writing one file would lose the first silently; an
	 * output that is an input would replace the paper. */
	for (size_t i = 0; i < b->njobs; i++) {
		struct stat si, so;
		if (stat(b->jobs[i].in, &si) == 0 &&
		    stat(b->jobs[i].out, &so) == 0 && si.st_dev == so.st_dev &&
		    si.st_ino == so.st_ino)
			return cli_usage("build", D_USAGE_OUT_IS_IN,
			    b->jobs[i].in);
	}
	for (size_t i = 0; i < b->njobs; i++)
		for (size_t k = 0; k < i; k++)
			if (strcmp(b->jobs[i].out, b->jobs[k].out) == 0)
				return cli_usage("build", D_USAGE_OUT_SAME,
				    b->jobs[k].in, b->jobs[i].in,
				    b->jobs[i].out);
	/* --shard: the other shares' files are left, not read (b->jobs
	 * keeps its room, so that a share of none still has jobs[0]) */
	size_t kept = 0;
	for (size_t i = 0; i < b->njobs; i++)
		if (shard_holds(&b->shard, b->jobs[i].in))
			b->jobs[kept++] = b->jobs[i];
		else
			free(b->jobs[i].out);
	b->njobs = kept;
	return EXIT_OK;
}

/* Builds every job of b, njobs at a time, printing their messages in
 * order; on a terminal with a counter and a summary line. */
static void
run_batch(struct batch *b, long njobs)
{
	b->progress = b->njobs > 1 && isatty(STDERR_FILENO);
	double start = cli_seconds();
	cli_progress(b->progress, 1, b->njobs, NULL, b->jobs[0].in);
	jobs_run(b->njobs, (size_t)njobs, batch_job, batch_done, b);
	if (b->progress) {
		/* A batch on a terminal ends with what it did. */
		cli_progress(true, 0, 0, NULL, NULL);
		fprintf(stderr,
		    "clerk: %zu written, %zu with errors, in %.1f "
		    "s\n",
		    b->written, b->failed, cli_seconds() - start);
		fflush(stderr);
	}
}

int
cmd_build(int argc, char **argv)
{
	const char *out_file = NULL, *out_dir = NULL;
	long njobs = 1;
	int first;
	struct batch b = {.be = &backend_pdf};
	if (build_options(argc, argv, &b, &out_file, &out_dir, &njobs,
	        &first) != EXIT_OK)
		return EXIT_USAGE;

	struct template_set set;
	int status = cli_load_templates(&set);
	if (status == EXIT_SYSTEM)
		return status;
	if (b.tpl_id != NULL && template_find(&set, b.tpl_id) == NULL) {
		templates_free(&set);
		return cli_usage("build", D_USAGE_TEMPLATE, b.tpl_id);
	}
	const char *dir = out_dir;
	if (out_file == NULL && (dir = cli_output_dir(out_dir)) == NULL) {
		templates_free(&set);
		return EXIT_SYSTEM;
	}

	b.set = &set;
	b.status = status;
	if ((status = make_jobs(&b, argv + first, out_file, dir)) == EXIT_OK) {
		run_batch(&b, njobs);
		status = b.status;
	}
	for (size_t i = 0; i < b.njobs; i++) {
		free(b.jobs[i].out);
		free(b.jobs[i].log);
	}
	free(b.jobs);
	templates_free(&set);
	return status;
}
