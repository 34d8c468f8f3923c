/* cmd_check.c: "clerk check": read and validate papers (Markdown, or
 * clerk's Akoma Ntoso XML) and agendas with the papers they link, write
 * nothing. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "agenda.h"
#include "akn.h"
#include "cli.h"
#include "diag.h"
#include "dump.h"
#include "glyphs.h"
#include "pack.h"
#include "paper.h"
#include "pdf.h"
#include "template.h"

/* The fonts of the templates used so far, and whether one could not be
 * read. */
struct fonts {
	struct pdf_devices ds;
	bool failed;
};

/* Records that the fonts could not be read (ok false): said once. */
static bool
fonts_ok(struct fonts *f, bool ok, const char *why)
{
	if (!ok && !f->failed && why != NULL)
		fprintf(stderr, "%s\n", why);
	else if (!ok && !f->failed)
		diag_print(stderr, "clerk", D_FONTS_UNREADABLE);
	f->failed |= !ok;
	return ok;
}

static bool
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Reads the paper at path, as paper_read does: Markdown (.md) or, by its
 * suffix, clerk's Akoma Ntoso XML (.xml). */
static struct paper *
read_paper(const char *path, const struct template_set *set, struct diags *d,
    bool *system_error)
{
	if (has_suffix(path, ".xml"))
		return akn_read(path, set, d, system_error);
	return paper_read(path, set, d, system_error);
}

/* Checks the agenda at path and every paper it links; with dump, prints
 * the agenda when nothing had an error. Returns the exit status. */
static int
check_agenda(const char *path, const struct template_set *set, struct fonts *f,
    struct diags *d, bool dump)
{
	size_t errors = diags_errors(d);
	bool system_error;
	struct agenda *a = agenda_read(path, set, d, &system_error);
	if (system_error) {
		char eb[DIAG_ERRNO_MAX];
		diag_print(stderr, path, D_CANNOT_READ,
		    diag_errno(errno, eb, sizeof eb));
		return EXIT_SYSTEM;
	}
	/* Its own and its papers' characters in their fonts, as pack checks
	 * them. */
	const char *why = NULL;
	bool fonts = fonts_ok(f, glyphs_check_agenda(a, set, &f->ds, d, &why),
	    why);
	/* What only the pack's plan finds (a routed appendix without its
	 * paragraphs) is a problem of the agenda too. */
	struct pack pk;
	if (a != NULL && diags_errors(d) == errors)
		pack_plan(a, &pk, d);
	diags_flush(d, stderr);
	int status = fonts ? EXIT_OK : EXIT_SYSTEM;
	if (diags_errors(d) > errors)
		status = exit_worst(status, EXIT_INPUT);
	else if (dump && a != NULL && fonts)
		agenda_dump(stdout, a);
	agenda_free(a);
	return status;
}

int
cmd_check(int argc, char **argv)
{
	bool dump = false;
	const struct cli_option opts[] = {
	    {"--dump", false, cli_flag, &dump, NULL},
	};
	int first;
	if (cli_options("check", argc, argv, opts, 1, false, &first) != EXIT_OK)
		return EXIT_USAGE;
	if (first == argc)
		return cli_usage("check", D_USAGE_NO_FILE);

	struct template_set set;
	int status = cli_load_templates(&set);
	if (status == EXIT_SYSTEM)
		return status;

	struct diags *d = diags_new();
	struct fonts f = {{0}, false};
	for (int i = first; i < argc; i++) {
		const char *path = argv[i];
		size_t errors = diags_errors(d);
		if (!has_suffix(path, ".md") && !has_suffix(path, ".xml")) {
			diag_print(stderr, path, D_CHECK_SUFFIX);
			status = exit_worst(status, EXIT_INPUT);
			continue;
		}
		if (has_suffix(path, ".md") && agenda_detect(path)) {
			status = exit_worst(status,
			    check_agenda(path, &set, &f, d, dump));
			continue;
		}
		bool system_error;
		struct paper *p = read_paper(path, &set, d, &system_error);
		if (system_error) {
			char eb[DIAG_ERRNO_MAX];
			diag_print(stderr, path, D_CANNOT_READ,
			    diag_errno(errno, eb, sizeof eb));
			status = exit_worst(status, EXIT_SYSTEM);
			continue;
		}
		/* Its characters in its fonts, as build checks them. */
		const char *why = NULL;
		if (!fonts_ok(&f, glyphs_check_fonts(p, &f.ds, d, &why), why))
			status = exit_worst(status, EXIT_SYSTEM);
		diags_flush(d, stderr);
		if (diags_errors(d) > errors)
			status = exit_worst(status, EXIT_INPUT);
		else if (dump && p != NULL)
			dump_paper(stdout, p);
		paper_free(p);
	}
	pdf_devices_free(&f.ds);
	diags_free(d);
	templates_free(&set);
	return status;
}
