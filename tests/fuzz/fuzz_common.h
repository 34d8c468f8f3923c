/* fuzz_common.h: what the libFuzzer targets of tests/fuzz/ share: the
 * templates, loaded once; a private working folder per process, holding
 * the images and appendix files that the seed papers name (so that papers
 * with images and appendices get through to the layout and the PDF); the
 * input written to a file there on every run; a FILE for /dev/null.
 *
 * The repository is CLERK_FUZZ_REPO in the environment, else the
 * compile-time -DCLERK_FUZZ_REPO='"/path"' (make fuzz sets it), else ".".
 * The templates are $CLERK_TEMPLATES when set, else <repo>/templates. The
 * working folder is made under $TMPDIR (make fuzz points it at
 * build/fuzz/tmp) and removed at a normal exit. */
#ifndef CLERK_FUZZ_COMMON_H
#define CLERK_FUZZ_COMMON_H

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "akn.h"
#include "diag.h"
#include "dump.h"
#include "layout.h"
#include "model.h"
#include "paper.h"
#include "template.h"

#ifndef CLERK_FUZZ_REPO
#define CLERK_FUZZ_REPO "."
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct template_set fuzz_set;
static char fuzz_dir[4096];     /* the working folder */
static FILE *fuzz_null;         /* /dev/null, for printed output */

/* What the seed papers name, relative to the repository, and the name
 * each gets in the working folder. */
static const char *const fuzz_fixtures[][2] = {
	{"tests/dump/img/chart.png", "img/chart.png"},
	{"tests/bad/img/ok.png", "img/ok.png"},
	{"tests/bad/img/fake.png", "img/fake.png"},
	{"tests/layout/img/bars.png", "img/bars.png"},
	{"tests/pdf/img/alpha16.png", "img/alpha16.png"},
	{"tests/layout/appendices/trees-by-ward.md",
	    "appendices/trees-by-ward.md"},
	{"content/streets-walkways-2024-03-12/appendices/"
	    "lighting-tender-evaluation.md",
	    "appendices/lighting-tender-evaluation.md"},
	{"content/streets-walkways-2024-03-12/appendices/"
	    "planting-locations.md", "appendices/planting-locations.md"},
	{"tests/pack/meeting/appendices/supplier-quotations.md",
	    "appendices/supplier-quotations.md"},
	{"tests/pack/bad/appendices/quotes.md", "appendices/quotes.md"},
	{"tests/bad/annexes/annex.md", "annexes/annex.md"},
};
static const char *const fuzz_subdirs[] = {"img", "appendices", "annexes"};
#define FUZZ_N(a) (sizeof(a) / sizeof((a)[0]))

/* Files the targets write in the working folder (removed at exit). */
static const char *const fuzz_scratch[] = {"paper.md", "paper.xml",
    "paper.pdf"};

static inline const char *
fuzz_repo(void)
{
	const char *r = getenv("CLERK_FUZZ_REPO");
	return r != NULL && *r != '\0' ? r : CLERK_FUZZ_REPO;
}

static inline void
fuzz_die(const char *what)
{
	fprintf(stderr, "fuzz: %s: %s\n", what, strerror(errno));
	exit(1);
}

static inline void
fuzz_cleanup(void)
{
	char path[8192];
	if (fuzz_dir[0] == '\0')
		return;
	for (size_t i = 0; i < FUZZ_N(fuzz_fixtures); i++) {
		snprintf(path, sizeof path, "%s/%s", fuzz_dir,
		    fuzz_fixtures[i][1]);
		(void)unlink(path);
	}
	for (size_t i = 0; i < FUZZ_N(fuzz_scratch); i++) {
		snprintf(path, sizeof path, "%s/%s", fuzz_dir, fuzz_scratch[i]);
		(void)unlink(path);
	}
	for (size_t i = 0; i < FUZZ_N(fuzz_subdirs); i++) {
		snprintf(path, sizeof path, "%s/%s", fuzz_dir, fuzz_subdirs[i]);
		(void)rmdir(path);
	}
	(void)rmdir(fuzz_dir);
	if (fuzz_null != NULL)
		fclose(fuzz_null);
	templates_free(&fuzz_set);
}

/* Loads the templates and makes the working folder. Every target calls it
 * from LLVMFuzzerInitialize. */
static inline void
fuzz_setup(void)
{
	char path[8192], target[8192] = "";
	const char *repo = fuzz_repo();

	const char *tdir = getenv("CLERK_TEMPLATES");
	if (tdir == NULL || *tdir == '\0') {
		snprintf(path, sizeof path, "%s/templates", repo);
		tdir = path;
	}
	struct diags *d = diags_new();
	if (!templates_load(tdir, d, &fuzz_set))
		fuzz_die(tdir);
	if (diags_errors(d) > 0 || fuzz_set.count == 0) {
		diags_flush(d, stderr);
		fprintf(stderr, "fuzz: %s: the templates do not load\n", tdir);
		exit(1);
	}
	diags_free(d);

	const char *tmp = getenv("TMPDIR");
	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	snprintf(fuzz_dir, sizeof fuzz_dir, "%s/clerk-fuzz.XXXXXX", tmp);
	if (mkdtemp(fuzz_dir) == NULL)
		fuzz_die(fuzz_dir);
	for (size_t i = 0; i < FUZZ_N(fuzz_subdirs); i++) {
		snprintf(path, sizeof path, "%s/%s", fuzz_dir, fuzz_subdirs[i]);
		if (mkdir(path, 0700) != 0)
			fuzz_die(path);
	}
	for (size_t i = 0; i < FUZZ_N(fuzz_fixtures); i++) {
		if (repo[0] == '/')
			snprintf(target, sizeof target, "%s/%s", repo,
			    fuzz_fixtures[i][0]);
		else if (getcwd(path, sizeof path) != NULL)
			snprintf(target, sizeof target, "%s/%s/%s", path, repo,
			    fuzz_fixtures[i][0]);
		if (access(target, R_OK) != 0)
			continue; /* a fixture gone: fewer paths covered */
		snprintf(path, sizeof path, "%s/%s", fuzz_dir,
		    fuzz_fixtures[i][1]);
		if (symlink(target, path) != 0)
			fuzz_die(path);
	}
	fuzz_null = fopen("/dev/null", "w");
	if (fuzz_null == NULL)
		fuzz_die("/dev/null");
	atexit(fuzz_cleanup);
}

/* Writes the input to name in the working folder (the whole file,
 * replaced) and returns its path (static). */
static inline const char *
fuzz_write(const char *name, const uint8_t *data, size_t size)
{
	static char path[8192];
	snprintf(path, sizeof path, "%s/%s", fuzz_dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		fuzz_die(path);
	while (size > 0) {
		ssize_t n = write(fd, data, size);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fuzz_die(path);
		}
		data += n;
		size -= (size_t)n;
	}
	if (close(fd) != 0)
		fuzz_die(path);
	return path;
}

/* A reader reported a system error for the file just written: that is
 * the input making clerk misreport itself (exit 3 for bad input). */
static inline void
fuzz_system_error(const char *who, const char *what)
{
	fprintf(stderr, "fuzz: %s reported a system error for an input "
	    "file: %s\n", who, what != NULL ? what : strerror(errno));
	abort();
}

/* What the paper and XML targets do with a paper once read (by reader,
 * named for the message): a system error is a finding; a paper without
 * errors is dumped, laid out with the fixed test metrics and written as
 * XML; its messages are printed to /dev/null; all is freed. */
static inline void
fuzz_exercise(struct paper *p, struct diags *d, bool syserr,
    const char *reader)
{
	if (syserr)
		fuzz_system_error(reader, NULL);
	if (p != NULL && diags_errors(d) == 0) {
		dump_paper(fuzz_null, p);
		/* both editions (the public one of a non-public
		 * paper is refused without a word) */
		for (int e = EDITION_PUBLIC; e <= EDITION_FULL; e++) {
			if (p->tpl != NULL)
				(void)layout_paper(p, metrics_fixed(), d,
				    (enum edition)e);
			char *xml = NULL;
			size_t len = 0;
			(void)akn_write(p, (enum edition)e, d, &xml, &len);
			free(xml);
		}
	}
	diags_flush(d, fuzz_null);
	paper_free(p);
	diags_free(d);
}

#endif
