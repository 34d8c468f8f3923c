/* cmd_pack.c: "clerk pack": a meeting's agenda and every paper it links
 * into two committee packs, <stem>-public.pdf and <stem>-full.pdf (or
 * .xml with -f xml); with --supplement, the supplementary packs of its
 * late items, <stem>-supplement-public and -full; with --agenda-only, the
 * front sheet and agenda alone, <stem>-agenda (pack.h: enum pack_mode).
 * The agenda and its papers are read and checked first (every problem
 * reported; nothing written while any has an error); the plan (pack.c)
 * routes the documents; the back end of the format (backend.h; for PDF
 * the pack stage, pack_layout.h) renders the packs, and all are written,
 * or none. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agenda.h"
#include "backend.h"
#include "cli.h"
#include "diag.h"
#include "glyphs.h"
#include "output.h"
#include "pack.h"
#include "pdf.h"
#include "template.h"

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

/* Renders the packs of pk (pack_kinds) with back end be and writes them
 * into dir. */
static int
make_packs(const struct backend *be, const struct pack *pk,
    const struct template_set *set, struct render_options *o, struct diags *d,
    const char *dir)
{
	int nk = pack_kinds(pk);
	char *out[2] = {NULL, NULL};
	for (int k = 0; k < nk; k++)
		out[k] = cli_output_name(dir, pk->agenda->path,
		    pack_name(pk, (enum pack_kind)k), be->pack_ext);
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
	for (int k = 0; k < 2; k++) {
		rendered_free(&r[k]);
		free(out[k]);
	}
	return status;
}

int
cmd_pack(int argc, char **argv)
{
	const char *out_dir = NULL;
	const struct backend *be = &backend_pdf;
	bool duplex = false, supplement = false, agenda_only = false;
	long njobs = 1;
	const struct cli_option opts[] = {
	    {"--duplex", false, cli_flag, &duplex, NULL},
	    {"--supplement", false, cli_flag, &supplement, NULL},
	    {"--agenda-only", false, cli_flag, &agenda_only, NULL},
	    {"-f", true, cli_format, &be, NULL},
	    {"-O", true, cli_string, &out_dir, NULL},
	    {"-j", true, cli_jobs_option, &njobs, NULL},
	};
	int first;
	if (cli_options("pack", argc, argv, opts, sizeof opts / sizeof *opts,
	        false, &first) != EXIT_OK)
		return EXIT_USAGE;
	if (argc - first == 0)
		return cli_usage("pack", D_USAGE_NO_AGENDA);
	if (argc - first > 1)
		return cli_usage("pack", D_USAGE_ONE_AGENDA, argv[first + 1]);
	if (supplement && agenda_only)
		return cli_usage("pack", D_USAGE_PACK_KINDS);
	enum pack_mode mode = supplement ? PACK_SUPPLEMENT :
	    agenda_only                  ? PACK_AGENDA :
	                                   PACK_MAIN;
	struct render_options o = {.njobs = (size_t)njobs, .duplex = duplex};
	if (cli_source_date_epoch("pack", &o.has_epoch, &o.epoch) != EXIT_OK)
		return EXIT_USAGE;

	struct template_set set;
	int status = cli_load_templates(&set);
	if (status == EXIT_SYSTEM)
		return status;
	const char *dir = cli_output_dir(out_dir);
	if (dir == NULL) {
		templates_free(&set);
		return EXIT_SYSTEM;
	}

	struct diags *d = diags_new();
	double start = cli_seconds();
	struct pack pk;
	int read = EXIT_OK;
	struct agenda *a = read_agenda(argv[first], &set, njobs, mode, d, &pk,
	    &read);
	status = exit_worst(status, read);
	if (read == EXIT_OK)
		status = exit_worst(status,
		    make_packs(be, &pk, &set, &o, d, dir));
	/* On a terminal, a pack read ends with what it did. */
	size_t bad = diags_error_files(d);
	diags_flush(d, stderr);
	if (a != NULL && isatty(STDERR_FILENO)) {
		int written = status == EXIT_OK ?
		    (mode == PACK_AGENDA ? 1 : 2) :
		    0;
		fprintf(stderr,
		    "clerk: %d %s written, %zu %s with errors, "
		    "in %.1f s\n",
		    written, written == 1 ? "pack" : "packs", bad,
		    bad == 1 ? "file" : "files", cli_seconds() - start);
	}
	diags_free(d);
	agenda_free(a);
	templates_free(&set);
	return status;
}
