/* cmd_pack.c: "clerk pack": a meeting's agenda and every paper it links
 * into two committee packs, <stem>-public.pdf and <stem>-full.pdf (or
 * .xml with -f xml); with --supplement, the supplementary packs of its
 * late items, <stem>-supplement-public and -full; with --agenda-only, the
 * front sheet and agenda alone, <stem>-agenda (pack.h: enum pack_mode).
 * The agenda and its papers are read and checked first (every problem
 * reported; nothing written while any has an error); the plan (pack.c)
 * routes the documents; the back end of the format (backend.h; for PDF
 * the pack stage, pack_layout.h) renders the packs, and all are written,
 * or none. With -u packs whose inputs are the same as when they were
 * written are left as they are (update.h); with --deps each pack written
 * gets OUTPUT.d, a make rule of its inputs (inputs.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agenda.h"
#include "arena.h"
#include "backend.h"
#include "build.h"
#include "cli.h"
#include "diag.h"
#include "glyphs.h"
#include "inputs.h"
#include "output.h"
#include "pack.h"
#include "pdf.h"
#include "template.h"
#include "update.h"

/* What the progress line shows: the papers laid out, then the writing of
 * the first pack, so that the counter only goes up. */
struct progress {
	bool tty;
	const char *out; /* the first pack's file */
};

static void
pack_progress(void *ctx, size_t done, size_t n)
{
	struct progress *pg = ctx;
	if (done > n)
		cli_progress(pg->tty, n + 1, n + 1, "writing", pg->out);
	else
		cli_progress(pg->tty, done, n + 1, "laid out", "papers");
}

/* Writes the n packs (1 or 2) to out, all or none: each staged under
 * temporary names, then all put into place. */
static int
write_packs(char *const out[2], const struct rendered r[2], int n)
{
	int status = EXIT_OK;
	struct staged *s[2] = {NULL, NULL};
	char *failed = NULL;
	for (int k = 0; k < n && status == EXIT_OK; k++)
		if ((s[k] = output_rendered_stage(out[k], &r[k], &failed)) ==
		    NULL)
			status = EXIT_SYSTEM;
	for (int k = 0; k < n; k++) {
		if (status == EXIT_OK) {
			if (!output_rendered_commit(s[k], &failed))
				status = EXIT_SYSTEM;
		} else {
			output_rendered_discard(s[k]);
		}
	}
	if (status != EXIT_OK) {
		char eb[DIAG_ERRNO_MAX];
		diag_print(stderr, failed, D_CANNOT_WRITE,
		    diag_errno(errno, eb, sizeof eb));
	}
	free(failed);
	return status;
}

/* Reads the agenda at path and its papers (for the agenda alone, papers
 * need not exist), checks their characters in their fonts, and plans
 * what mode builds into pk. Returns the agenda (NULL when it could not be
 * read) and *status. */
static struct agenda *
read_agenda(const char *path, const struct template_set *set, long njobs,
    enum pack_mode mode, struct diags *d, struct pack *pk, int *status)
{
	char eb[DIAG_ERRNO_MAX];
	if (!agenda_detect(path)) {
		FILE *fp = fopen(path, "r");
		if (fp == NULL) {
			diag_print(stderr, path, D_CANNOT_READ,
			    diag_errno(errno, eb, sizeof eb));
			*status = EXIT_SYSTEM;
			return NULL;
		}
		fclose(fp);
		diag_print(stderr, path, D_PACK_NOT_AGENDA);
		*status = EXIT_INPUT;
		return NULL;
	}
	bool system_error = false;
	struct agenda *a = agenda_read_jobs(path, set, (size_t)njobs,
	    mode == PACK_AGENDA, d, &system_error);
	if (system_error) {
		diag_print(stderr, path, D_CANNOT_READ,
		    diag_errno(errno, eb, sizeof eb));
		*status = EXIT_SYSTEM;
		return a;
	}
	/* Its own and its papers' characters in their fonts, as check finds
	 * them. */
	struct pdf_devices fonts = {0};
	const char *why = NULL;
	bool fonts_ok = glyphs_check_agenda(a, set, &fonts, d, &why);
	if (!fonts_ok) {
		if (why != NULL)
			fprintf(stderr, "%s\n", why);
		else
			diag_print(stderr, "clerk", D_FONTS_UNREADABLE);
		*status = EXIT_SYSTEM;
	}
	pdf_devices_free(&fonts);
	if (!fonts_ok || a == NULL || diags_errors(d) > 0 ||
	    !pack_plan_mode(a, mode, pk, d))
		*status = exit_worst(*status, EXIT_INPUT);
	return a;
}

/* What decides a pack's bytes besides its files (update.h). */
static char *
pack_settings(const struct pack_request *rq)
{
	char *s = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&s, &len);
	if (fp == NULL)
		out_of_memory();
	fprintf(fp, "pack\n%s\nmode %d\nduplex %d\n", rq->be->name,
	    (int)rq->mode, rq->duplex);
	if (rq->opt.has_epoch)
		fprintf(fp, "epoch %lld\n", rq->opt.epoch);
	else
		fputs("epoch none\n", fp);
	fprintf(fp, "input %s", rq->agenda);
	if (fclose(fp) != 0)
		out_of_memory();
	return s;
}

/* The files the packs of mode are written to from the agenda at path,
 * into out (heap; the number of them returned). The names are the
 * plan's (pack_name), which need only the mode. */
static int
pack_outputs(const struct pack_request *rq, const char *dir, char *out[2])
{
	struct pack pk = {.mode = rq->mode};
	int nk = pack_kinds(&pk);
	for (int k = 0; k < nk; k++)
		out[k] = cli_output_name(dir, rq->agenda,
		    pack_name(&pk, (enum pack_kind)k), rq->be->pack_ext);
	return nk;
}

/* With -u, whether every pack rq writes into dir is up to date. */
static bool
packs_fresh(const struct pack_request *rq, struct update *up, const char *dir)
{
	char *out[2] = {NULL, NULL};
	int nk = pack_outputs(rq, dir, out);
	char *s = pack_settings(rq);
	bool fresh = true;
	for (int k = 0; k < nk && fresh; k++) {
		fresh = update_fresh(up, out[k], s) &&
		    (!rq->deps || inputs_rule_exists(out[k]));
	}
	for (int k = 0; k < 2; k++)
		free(out[k]);
	free(s);
	return fresh;
}

/* Renders the packs of pk (pack_kinds) with back end be and writes them
 * into dir; then their rules (--deps) and records (-u, up), each pack's
 * from its kind's inputs (in[PACK_PUBLIC], in[PACK_FULL]). */
static int
make_packs(const struct pack_request *rq, const struct pack *pk,
    const struct template_set *set, struct render_options *o, struct diags *d,
    const char *dir, const struct inputs in[2], struct update *up)
{
	const struct backend *be = rq->be;
	char *out[2] = {NULL, NULL};
	int nk = pack_outputs(rq, dir, out);
	struct progress pg = {isatty(STDERR_FILENO), out[0]};
	o->progress = pack_progress;
	o->progress_ctx = &pg;
	struct rendered r[2] = {{.path = out[0]}, {.path = out[1]}};
	void *rn = be->new (o);
	int status = be->pack(rn, pk, set, d, r);
	be->free(rn);
	cli_progress(pg.tty, 0, 0, NULL, NULL);
	if (status == EXIT_OK)
		status = write_packs(out, r, nk);
	char *s = up != NULL ? pack_settings(rq) : NULL;
	for (int k = 0; k < nk && status == EXIT_OK; k++) {
		if (rq->deps) {
			if (!inputs_write_rule(&in[k], out[k])) {
				char eb[DIAG_ERRNO_MAX];
				char *dp = inputs_rule_path(out[k]);
				diag_print(stderr, dp, D_CANNOT_WRITE,
				    diag_errno(errno, eb, sizeof eb));
				free(dp);
				status = EXIT_SYSTEM;
			}
		}
		if (up != NULL && status == EXIT_OK)
			update_record(up, out[k], &r[k], s, &in[k]);
		if (rq->announce && status == EXIT_OK)
			fprintf(stderr, "written %s\n", out[k]);
	}
	free(s);
	for (int k = 0; k < 2; k++) {
		rendered_free(&r[k]);
		free(out[k]);
	}
	return status;
}

int
pack_parse(const char *command, int argc, char **argv, struct pack_request *rq)
{
	bool supplement = false, agenda_only = false;
	*rq = (struct pack_request){.command = command,
	    .be = &backend_pdf,
	    .njobs = 1};
	const struct cli_option opts[] = {
	    {"--duplex", false, cli_flag, &rq->duplex, NULL},
	    {"--supplement", false, cli_flag, &supplement, NULL},
	    {"--agenda-only", false, cli_flag, &agenda_only, NULL},
	    {"-u", false, cli_flag, &rq->update, NULL},
	    {"--deps", false, cli_flag, &rq->deps, NULL},
	    {"-f", true, cli_format, &rq->be, NULL},
	    {"-O", true, cli_string, &rq->out_dir, NULL},
	    {"-j", true, cli_jobs_option, &rq->njobs, NULL},
	};
	int first;
	if (cli_options(command, argc, argv, opts, sizeof opts / sizeof *opts,
	        false, &first) != EXIT_OK)
		return EXIT_USAGE;
	if (argc - first == 0)
		return cli_usage(command, D_USAGE_NO_AGENDA);
	if (argc - first > 1)
		return cli_usage(command, D_USAGE_ONE_AGENDA, argv[first + 1]);
	if (supplement && agenda_only)
		return cli_usage(command, D_USAGE_PACK_KINDS);
	rq->agenda = argv[first];
	rq->mode = supplement ? PACK_SUPPLEMENT :
	    agenda_only       ? PACK_AGENDA :
	                        PACK_MAIN;
	return cli_source_date_epoch(command, &rq->opt.has_epoch,
	    &rq->opt.epoch);
}

int
pack_run(const struct pack_request *rq,
    void (*input)(void *ctx, const char *path), void *ctx)
{
	struct render_options o = rq->opt;
	o.njobs = (size_t)rq->njobs;
	o.duplex = rq->duplex;

	struct template_set set;
	int status = cli_load_templates(&set);
	if (status == EXIT_SYSTEM)
		return status;
	const char *dir = cli_output_dir(rq->out_dir);
	if (dir == NULL) {
		templates_free(&set);
		return EXIT_SYSTEM;
	}
	struct update *up = rq->update ? update_new(&set) : NULL;
	if (up != NULL && packs_fresh(rq, up, dir)) {
		/* every pack is up to date: nothing is read */
		if (!update_save(up))
			status = exit_worst(status, EXIT_SYSTEM);
		if (isatty(STDERR_FILENO))
			fprintf(stderr, "clerk: packs up to date\n");
		if (input != NULL) {
			/* not read: what the records say they were made from */
			struct inputs in = {0};
			char *out[2] = {NULL, NULL};
			int nk = pack_outputs(rq, dir, out);
			for (int k = 0; k < nk; k++)
				update_inputs(up, out[k], &in);
			inputs_each(&in, input, ctx);
			inputs_free(&in);
			for (int k = 0; k < 2; k++)
				free(out[k]);
		}
		update_free(up);
		templates_free(&set);
		return status;
	}

	struct diags *d = diags_new();
	double start = cli_seconds();
	struct pack pk;
	int read = EXIT_OK;
	struct agenda *a = read_agenda(rq->agenda, &set, rq->njobs, rq->mode, d,
	    &pk, &read);
	/* what each kind is made from: the public pack not from what it
	 * leaves out (inputs.h) */
	struct inputs in[2] = {{0}, {0}};
	for (int k = 0; k < 2; k++) {
		enum edition e = k == PACK_PUBLIC ? EDITION_PUBLIC :
		                                    EDITION_FULL;
		if (a != NULL)
			inputs_of_agenda(&in[k], a, pack_template(a, &set), e);
		else
			inputs_add(&in[k], rq->agenda, false);
	}
	status = exit_worst(status, read);
	if (read == EXIT_OK)
		status = exit_worst(status,
		    make_packs(rq, &pk, &set, &o, d, dir, in, up));
	if (up != NULL)
		if (!update_save(up))
			status = exit_worst(status, EXIT_SYSTEM);
	update_free(up);
	/* On a terminal, a pack read ends with what it did. */
	size_t bad = diags_error_files(d);
	diags_flush(d, stderr);
	if (a != NULL && isatty(STDERR_FILENO)) {
		int written = status == EXIT_OK ?
		    (rq->mode == PACK_AGENDA ? 1 : 2) :
		    0;
		fprintf(stderr,
		    "clerk: %d %s written, %zu %s with errors, "
		    "in %.1f s\n",
		    written, written == 1 ? "pack" : "packs", bad,
		    bad == 1 ? "file" : "files", cli_seconds() - start);
	}
	if (input != NULL)
		inputs_each(&in[PACK_FULL], input, ctx); /* all of them */
	inputs_free(&in[PACK_PUBLIC]);
	inputs_free(&in[PACK_FULL]);
	diags_free(d);
	agenda_free(a);
	templates_free(&set);
	return status;
}

int
cmd_pack(int argc, char **argv)
{
	struct pack_request rq;
	if (pack_parse("pack", argc, argv, &rq) != EXIT_OK)
		return EXIT_USAGE;
	return pack_run(&rq, NULL, NULL);
}
