/* cmd_build.c: "clerk build": papers into PDF files, or into Akoma Ntoso
 * XML (-f xml), as their public editions, or with --full as their full
 * editions, written to <stem>-full.pdf (.xml); a paper without a public
 * edition (non-public) is an error without --full. A paper is Markdown
 * (.md) or clerk's own XML (.xml); each is read, checked and written on
 * its own (one device and one arena per paper); with -j N, N threads
 * share the work. Messages of each paper are kept and printed whole, in
 * the order the files were given. With -u an output whose inputs are the
 * same as when it was written is left as it is (update.h); with --deps
 * each output written gets OUTPUT.d, a make rule of its inputs
 * (inputs.h). */
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
#include "build.h"
#include "diag.h"
#include "inputs.h"
#include "jobs.h"
#include "output.h"
#include "paper.h"
#include "shard.h"
#include "template.h"
#include "update.h"

/* One input file. */
struct job {
	const char *in; /* as given */
	char *out;      /* the file to write, heap */
	char *log;      /* its messages, heap (NULL: none yet) */
	size_t loglen;
	bool skip;          /* neither .md nor .xml: reported, not built */
	int status;         /* EXIT_OK, EXIT_INPUT or EXIT_SYSTEM */
	bool done;          /* finished, log and status final (batch_done) */
	bool fresh;         /* -u: up to date, left as it was */
	struct inputs read; /* what was read for it (also on errors) */
};

/* What the jobs share (read-only while they run), and the printing of
 * their messages, which only batch_done touches. */
struct batch {
	const struct build_request *rq; /* the command line */
	struct job *jobs;
	size_t njobs;
	const struct template_set *set; /* read-only */
	struct update *up;              /* -u's records (NULL without -u) */
	size_t printed;                 /* jobs whose messages are out */
	size_t written, fresh, failed;  /* of the jobs printed: outputs
					   written, up to date, inputs not
					   built */
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

/* What decides an output's bytes besides its files (update.h): the
 * command and its options, and the input as named. An HTML page links
 * the PDF beside it when there is one: whether there is counts too. */
static char *
settings(const struct batch *b, const struct job *j)
{
	bool pdf_beside = b->rq->be == &backend_html &&
	    backend_html_links_pdf(j->out);
	char *s = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&s, &len);
	if (fp == NULL)
		out_of_memory();
	fprintf(fp, "build\n%s\n%s\n", b->rq->be->name,
	    b->rq->edition == EDITION_FULL ? "full" : "public");
	if (b->rq->opt.has_epoch)
		fprintf(fp, "epoch %lld\n", b->rq->opt.epoch);
	else
		fputs("epoch none\n", fp);
	fprintf(fp, "template %s\npdf-beside %d\ninput %s",
	    b->rq->tpl_id ? b->rq->tpl_id : "-", pdf_beside, j->in);
	if (fclose(fp) != 0)
		out_of_memory();
	return s;
}

/* With -u, whether j's output is up to date (with --deps, its rule
 * written too). */
static bool
job_fresh(const struct batch *b, const struct job *j)
{
	if (b->rq->deps && !inputs_rule_exists(j->out))
		return false;
	char *s = settings(b, j);
	bool fresh = update_fresh(b->up, j->out, s);
	free(s);
	return fresh;
}

/* Renders edition e of p with the batch's back end and writes it to j's
 * output, whole or not at all; then its rule (--deps) and its record
 * (-u). A system error is put in *syserr (heap). */
static int
write_paper(const struct batch *b, const struct paper *p, struct job *j,
    struct diags *d, char **syserr)
{
	const char *out = j->out;
	struct rendered r = {.path = out};
	/* before the page is made: it may link the PDF beside it */
	char *set = b->up != NULL ? settings(b, j) : NULL;
	void *rn = b->rq->be->new (&b->rq->opt);
	int status = b->rq->be->paper(rn, p, b->rq->edition, d, &r, syserr);
	b->rq->be->free(rn);
	char *failed = NULL;
	if (status == EXIT_OK) {
		struct staged *s = output_rendered_stage(out, &r, &failed);
		if (s == NULL || !output_rendered_commit(s, &failed))
			status = EXIT_SYSTEM;
	}
	if (status == EXIT_OK && b->rq->deps) {
		if (!inputs_write_rule(&j->read, out)) {
			failed = inputs_rule_path(out);
			status = EXIT_SYSTEM;
		}
	}
	if (failed != NULL) {
		char eb[DIAG_ERRNO_MAX];
		*syserr = diag_string(failed, D_CANNOT_WRITE,
		    diag_errno(errno, eb, sizeof eb));
	}
	if (status == EXIT_OK && b->up != NULL)
		update_record(b->up, out, &r, set, &j->read);
	free(set);
	free(failed);
	rendered_free(&r);
	return status;
}

/* Reads, checks and writes one paper; its messages go to log, in the
 * order diags prints them, a system error last. */
static int
build_one(struct batch *b, struct job *j, FILE *log)
{
	int status;
	struct diags *d = diags_new();
	char *syserr = NULL;

	if (b->up != NULL && job_fresh(b, j)) {
		j->fresh = true;
		update_inputs(b->up, j->out, &j->read);
		diags_free(d);
		return EXIT_OK;
	}
	if (!is_xml(j->in) && agenda_detect(j->in)) {
		/* An agenda is a pack's, not a paper: say so rather than
		 * report it as a paper full of unknown keys. */
		diag_print(log, j->in, D_BUILD_AGENDA);
		diags_free(d);
		inputs_add(&j->read, j->in, false);
		return EXIT_INPUT;
	}
	bool system_error;
	struct paper *p = read_paper(j->in, b->set, b->rq->tpl_id, d,
	    &system_error);
	if (p != NULL)
		inputs_of_paper(&j->read, p, b->rq->edition);
	else
		inputs_add(&j->read, j->in, false);
	if (system_error) {
		char eb[DIAG_ERRNO_MAX];
		syserr = diag_string(j->in, D_CANNOT_READ,
		    diag_errno(errno, eb, sizeof eb));
		status = EXIT_SYSTEM;
	} else if (p == NULL || p->tpl == NULL) {
		status = EXIT_INPUT;
	} else if (!paper_edition_ok(p, b->rq->edition, d)) {
		/* a non-public paper without --full: nothing written */
		status = EXIT_INPUT;
	} else {
		status = write_paper(b, p, j, d, &syserr);
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
		if (j->status != EXIT_OK) {
			b->failed++;
		} else if (j->fresh) {
			b->fresh++;
		} else {
			b->written++;
			if (b->rq->announce)
				fprintf(stderr, "written %s\n", j->out);
		}
	}
	if (b->printed < n)
		cli_progress(b->progress, b->printed + 1, n, NULL,
		    b->jobs[b->printed].in);
	fflush(stderr);
}

/* The command line of build or watch (command), checked into rq: its
 * files from argv[first]. Returns EXIT_OK or the usage error printed. */
int
build_parse(const char *command, int argc, char **argv,
    struct build_request *rq)
{
	bool full = false, pdfa = false;
	*rq = (struct build_request){.command = command,
	    .be = &backend_pdf,
	    .njobs = 1};
	const struct cli_option opts[] = {
	    {"--full", false, cli_flag, &full, NULL},
	    /* every PDF is PDF/A-2a: kept for the scripts that ask */
	    {"--pdfa", false, cli_flag, &pdfa, NULL},
	    {"-u", false, cli_flag, &rq->update, NULL},
	    {"--deps", false, cli_flag, &rq->deps, NULL},
	    {"-f", true, cli_format, &rq->be, NULL},
	    {"-o", true, cli_string, &rq->out_file, NULL},
	    {"-O", true, cli_string, &rq->out_dir, NULL},
	    {"-t", true, cli_string, &rq->tpl_id, NULL},
	    {"-j", true, cli_jobs_option, &rq->njobs, NULL},
	    {"--shard", true, shard_option, &rq->shard, "a share, I/N"},
	};
	int first;
	if (cli_options(command, argc, argv, opts, sizeof opts / sizeof *opts,
	        false, &first) != EXIT_OK)
		return EXIT_USAGE;
	rq->edition = full ? EDITION_FULL : EDITION_PUBLIC;
	rq->files = argv + first;
	rq->nfiles = (size_t)(argc - first);
	if (rq->nfiles == 0)
		return cli_usage(command, D_USAGE_NO_FILE);
	if (rq->out_file != NULL && rq->out_dir != NULL)
		return cli_usage(command, D_USAGE_OUT_BOTH);
	if (rq->out_file != NULL && rq->nfiles > 1)
		return cli_usage(command, D_USAGE_OUT_ONE);
	for (size_t i = 0; rq->tpl_id != NULL && i < rq->nfiles; i++)
		if (is_xml(rq->files[i]))
			return cli_usage(command, D_USAGE_TEMPLATE_XML,
			    rq->files[i]);
	return cli_source_date_epoch(command, &rq->opt.has_epoch,
	    &rq->opt.epoch);
}

/* The jobs of b, one per file of files in its share (--shard), each with
 * the file it writes: out_file, or one in dir. Returns EXIT_OK, or the
 * usage error printed when outputs would collide (b->jobs made all the
 * same), which is looked for among all the files, in every share. */
static int
make_jobs(struct batch *b, char **files, const char *out_file, const char *dir)
{
	/* the full edition is never written where the public one goes */
	const char *suffix = b->rq->edition == EDITION_FULL ? "-full" : "";
	b->jobs = xcalloc(b->njobs, sizeof(*b->jobs));
	for (size_t i = 0; i < b->njobs; i++) {
		struct job *j = &b->jobs[i];
		j->in = files[i];
		j->out = out_file != NULL ?
		    xstrdup(out_file) :
		    cli_output_name(dir, j->in, suffix, b->rq->be->ext);
		j->skip = !has_suffix(j->in, ".md") && !is_xml(j->in);
	}
	/* Two inputs writing one file would lose the first silently; an
	 * output that is an input would replace the paper. */
	for (size_t i = 0; i < b->njobs; i++) {
		struct stat si, so;
		if (stat(b->jobs[i].in, &si) == 0 &&
		    stat(b->jobs[i].out, &so) == 0 && si.st_dev == so.st_dev &&
		    si.st_ino == so.st_ino)
			return cli_usage(b->rq->command, D_USAGE_OUT_IS_IN,
			    b->jobs[i].in);
	}
	for (size_t i = 0; i < b->njobs; i++)
		for (size_t k = 0; k < i; k++)
			if (strcmp(b->jobs[i].out, b->jobs[k].out) == 0)
				return cli_usage(b->rq->command,
				    D_USAGE_OUT_SAME, b->jobs[k].in,
				    b->jobs[i].in, b->jobs[i].out);
	/* --shard: the other shares' files are left, not read (b->jobs
	 * keeps its room, so that a share of none still has jobs[0]) */
	size_t kept = 0;
	for (size_t i = 0; i < b->njobs; i++)
		if (shard_holds(&b->rq->shard, b->jobs[i].in))
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
		if (b->rq->update)
			fprintf(stderr,
			    "clerk: %zu written, %zu up to date, %zu with "
			    "errors, in %.1f s\n",
			    b->written, b->fresh, b->failed,
			    cli_seconds() - start);
		else
			fprintf(stderr,
			    "clerk: %zu written, %zu with errors, in %.1f "
			    "s\n",
			    b->written, b->failed, cli_seconds() - start);
		fflush(stderr);
	}
}

int
build_run(const struct build_request *rq,
    void (*input)(void *ctx, const char *path), void *ctx)
{
	struct template_set set;
	int status = cli_load_templates(&set);
	if (status == EXIT_SYSTEM)
		return status;
	if (rq->tpl_id != NULL && template_find(&set, rq->tpl_id) == NULL) {
		templates_free(&set);
		return cli_usage(rq->command, D_USAGE_TEMPLATE, rq->tpl_id);
	}
	const char *dir = rq->out_dir;
	if (rq->out_file == NULL &&
	    (dir = cli_output_dir(rq->out_dir)) == NULL) {
		templates_free(&set);
		return EXIT_SYSTEM;
	}

	struct batch b = {.rq = rq,
	    .njobs = rq->nfiles,
	    .set = &set,
	    .status = status};
	if (rq->update)
		b.up = update_new(&set);
	if ((status = make_jobs(&b, rq->files, rq->out_file, dir)) == EXIT_OK) {
		run_batch(&b, rq->njobs);
		status = b.status;
	}
	if (b.up != NULL && !update_save(b.up))
		status = exit_worst(status, EXIT_SYSTEM);
	update_free(b.up);
	for (size_t i = 0; i < b.njobs; i++) {
		if (input != NULL)
			inputs_each(&b.jobs[i].read, input, ctx);
		inputs_free(&b.jobs[i].read);
		free(b.jobs[i].out);
		free(b.jobs[i].log);
	}
	free(b.jobs);
	templates_free(&set);
	return status;
}

int
cmd_build(int argc, char **argv)
{
	struct build_request rq;
	if (build_parse("build", argc, argv, &rq) != EXIT_OK)
		return EXIT_USAGE;
	return build_run(&rq, NULL, NULL);
}
