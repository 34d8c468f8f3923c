/* layout-dump.c: lays out the full edition of a paper (everything in
 * it) with the fixed test metrics (metrics_fixed) and prints its pages as
 * text (layout_dump), for the layout golden tests (tests/layout.sh).
 *   layout-dump FILE.md            the pages on stdout
 *   layout-dump --bench N FILE.md  lays it out N times more and prints the
 *                                  mean time of one layout on stderr
 * Messages go to stderr. Exit 0; 1 when the paper or its layout has
 * errors; 2 usage; 3 system error. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "diag.h"
#include "layout.h"
#include "model.h"
#include "paper.h"
#include "template.h"

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	long bench = 0;
	int i = 1;
	if (argc == 4 && strcmp(argv[1], "--bench") == 0) {
		bench = strtol(argv[2], NULL, 10);
		i = 3;
	}
	if (argc != i + 1 || bench < 0) {
		fprintf(stderr, "usage: layout-dump [--bench N] FILE.md\n");
		return EXIT_USAGE;
	}
	const enum edition edition = EDITION_FULL;
	struct template_set set;
	int status = cli_load_templates(&set);
	if (status == EXIT_SYSTEM)
		return status;
	struct diags *d = diags_new();
	bool system_error;
	struct paper *p = paper_read(argv[i], &set, d, &system_error);
	if (system_error) {
		fprintf(stderr, "%s: error: cannot read: %s\n", argv[i],
		    strerror(errno));
		diags_free(d);
		templates_free(&set);
		return EXIT_SYSTEM;
	}
	if (p == NULL || diags_errors(d) > 0) {
		diags_flush(d, stderr);
		paper_free(p);
		diags_free(d);
		templates_free(&set);
		return EXIT_INPUT;
	}
	struct layout *l = layout_paper(p, metrics_fixed(), d, edition);
	diags_flush(d, stderr);
	if (l != NULL)
		layout_dump(stdout, l);
	if (bench > 0) {
		struct diags *quiet = diags_new();
		double t0 = now();
		for (long k = 0; k < bench; k++)
			(void)layout_paper(p, metrics_fixed(), quiet,
			    edition);
		double t = (now() - t0) / (double)bench;
		fprintf(stderr, "layout: %.1f us per layout of %s\n", t * 1e6,
		    argv[i]);
		diags_free(quiet);
	}
	status = diags_errors(d) > 0 ? EXIT_INPUT : EXIT_OK;
	paper_free(p);
	diags_free(d);
	templates_free(&set);
	return status;
}
