/* cli.c: what the commands share: help texts, usage errors, exit
 * statuses, loading the templates. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "arena.h"

#include "backend.h"
#include "diag.h"

static const struct {
	const char *name;
	const char *usage;
	const char *help;
} commands[] = {
    {"build",
        "clerk build [-f pdf|xml|html] [-o FILE | -O DIR] [-t TEMPLATE] "
        "[-j N] [--full]\n"
        "                   [-u] [--deps] [--shard I/N] FILE...",
        "Typesets papers and minutes (.md) as PDF, after the checks of\n"
        "clerk check, or writes them as Akoma Ntoso 3.0 XML (-f xml) or as\n"
        "web pages (-f html: <stem>.html, its images in <stem>.files/).\n"
        "An .xml file that clerk wrote is read back in: it gives the same\n"
        "PDF as its .md. What is written is the public edition: a\n"
        "non-public appendix is listed by its paragraphs of Schedule 12A,\n"
        "not by its title, and left out; a non-public paper has no public\n"
        "edition and needs --full. A paper with errors is reported and not\n"
        "written; warnings are reported and the file is still written.\n"
        "Files appear whole or not at all: a failed build leaves the\n"
        "previous file as it was. The same paper, template and clerk give\n"
        "the same bytes; SOURCE_DATE_EPOCH, when set, dates the documents.\n"
        "\n"
        "  -f FORMAT     the output format: pdf (default), xml or html\n"
        "  -o FILE       the output file (one paper only)\n"
        "  -O DIR        the output folder, which must exist\n"
        "                (default: output/, created when missing)\n"
        "  -t TEMPLATE   the template, instead of the paper's own\n"
        "                (not with .xml files, which name their own)\n"
        "  -j N          build N papers at a time (1 to 64; default 1)\n"
        "  --full        the full edition, non-public matter included and\n"
        "                marked not for publication, to <stem>-full.pdf\n"
        "                (.xml, .html) unless -o names the file\n"
        "  -u            update: leave an output whose inputs (the paper,\n"
        "                its appendices and images, its template and\n"
        "                fonts, clerk, the options, SOURCE_DATE_EPOCH)\n"
        "                are the same as when it was written; decided by\n"
        "                content, recorded in DIR/.clerk-state\n"
        "  --deps        write OUTPUT.d beside each output: a make rule of\n"
        "                the files it was made from, as gcc -MD -MP\n"
        "  --shard I/N   build only share I of N (I from 0 to N-1), the\n"
        "                files whose paths fall in it: N runs with the\n"
        "                same files, anywhere, build each file once (see\n"
        "                SHARDS in clerk(1) for GNU parallel, Slurm and\n"
        "                Kubernetes)\n"},
    {"pack",
        "clerk pack [-f pdf|xml|html] [-O DIR] [-j N] [--duplex]\n"
        "                  [--supplement | --agenda-only] [-u] [--deps]\n"
        "                  AGENDA.md",
        "Builds a meeting's committee packs from its agenda: the front\n"
        "sheet and agenda with each item's page range, then every paper\n"
        "in agenda order with page numbers running on from 1, each item's\n"
        "first page stamped \"Agenda Item N\", one bookmark per item.\n"
        "Writes <stem>-public.pdf (Part 1 papers only: not a word of a\n"
        "non-public paper) and <stem>-full.pdf (everything). Every problem\n"
        "of the agenda and of every paper is reported in one run, and no\n"
        "pack is written while any has an error.\n"
        "\n"
        "An item whose first line ends with (TO FOLLOW) is late: its paper\n"
        "need not exist yet, and the packs list it with (TO FOLLOW) and no\n"
        "pages, even once it exists; --supplement then carries it.\n"
        "\n"
        "  -f FORMAT     the output format: pdf (default); xml, one Akoma\n"
        "                Ntoso documentCollection per pack; html, two\n"
        "                folders <stem>-public/ and <stem>-full/ of web\n"
        "                pages (index.html the agenda, a page per paper)\n"
        "  -O DIR        the output folder, which must exist\n"
        "                (default: output/, created when missing)\n"
        "  -j N          lay out N papers at a time (1 to 64; default 1)\n"
        "  --duplex      blank pages so that each item starts on a\n"
        "                right-hand page\n"
        "  --supplement  the supplementary packs instead,\n"
        "                <stem>-supplement-public.pdf and -full.pdf: a\n"
        "                front sheet headed Supplementary Agenda and the\n"
        "                (TO FOLLOW) items whose papers now exist, under\n"
        "                their main item numbers, pages numbered from 1\n"
        "  --agenda-only the front sheet and agenda alone, public, to\n"
        "                <stem>-agenda.pdf: no page ranges, and papers\n"
        "                need not exist yet\n"
        "  -u            update: leave the packs as they are when the\n"
        "                agenda, its papers and everything they use are\n"
        "                the same as when they were written\n"
        "  --deps        write OUTPUT.d beside each pack: a make rule of\n"
        "                the files it was made from\n"},
    {"watch",
        "clerk watch [-f pdf|xml|html] [-o FILE | -O DIR] [-t TEMPLATE]\n"
        "                   [-j N] [--full] [-u] [--deps] FILE... | AGENDA.md",
        "Builds papers as clerk build does, or an agenda's committee packs as\n"
        "clerk pack does, then builds them again each time a file they are\n"
        "made from is saved: the paper, its appendices, its images, its\n"
        "template and the template's fonts (for an agenda, its papers and\n"
        "theirs). Saving by renaming a new file over the old one, as many\n"
        "editors do, counts as saving; a burst of saves makes one build. Each\n"
        "build prints its messages as clerk build does; on a terminal, a line\n"
        "\"written FILE\" for each file written, and before each build but\n"
        "the first a line naming the file whose change started it. An error\n"
        "in a paper does not stop the watch: the previous output stays as it\n"
        "was until the paper builds again. While a paper has errors, a file\n"
        "that appears in its folder (the image it names, say) also makes it\n"
        "build again. Ctrl-C stops it once the build under way ends; a\n"
        "second Ctrl-C stops it at once.\n"
        "\n"
        "The options are those of clerk build. An agenda is watched alone,\n"
        "and takes those that apply to clerk pack: -f, -O, -j, -u, --deps.\n"},
    {"check", "clerk check [--dump] FILE...",
        "Reads and validates papers and minutes (.md), or the Akoma Ntoso\n"
        "XML clerk wrote for them (.xml), against their templates without\n"
        "writing anything. Every problem of every file is reported, one\n"
        "line each: file:line:col: level: message.\n"
        "\n"
        "  --dump    print the model of each valid paper to stdout\n"},
    {"new", "clerk new [-t TEMPLATE] FILE.md",
        "Writes a skeleton paper for a template, with every required\n"
        "section present, that passes clerk check. Never overwrites.\n"
        "\n"
        "  -t TEMPLATE   template id (default: the newest report template)\n"
        "  -t agenda     an agenda skeleton instead, for clerk pack\n"},
    {"templates", "clerk templates [TEMPLATE]",
        "Lists the installed templates, and \"agenda\" (clerk new -t\n"
        "agenda); with an id, shows its sections.\n"},
};

static const char overview
    [] = "clerk compiles committee papers written as Markdown with YAML front\n"
         "matter, checking them against a committee-paper template and\n"
         "typesetting them as PDF or writing them as Akoma Ntoso XML or as\n"
         "web pages.\n"
         "\n"
         "Usage:\n"
         "  clerk build [-f pdf|xml|html] [-o FILE | -O DIR] [-t TEMPLATE] "
         "[-j N]\n"
         "              [--full] [-u] [--deps] [--shard I/N] FILE...\n"
         "  clerk pack [-f pdf|xml|html] [-O DIR] [-j N] [--duplex]\n"
         "             [--supplement | --agenda-only] [-u] [--deps] "
         "AGENDA.md\n"
         "  clerk watch [build options] FILE... | AGENDA.md\n"
         "  clerk check [--dump] FILE...\n"
         "  clerk new [-t TEMPLATE | -t agenda] FILE.md\n"
         "  clerk templates [TEMPLATE]\n"
         "  clerk help COMMAND\n"
         "  clerk --help | --version\n"
         "\n"
         "Exit status: 0 success, 1 errors in the input, 2 usage error,\n"
         "3 system error. See clerk(1) and clerk-paper(5).\n";

int
exit_worst(int a, int b)
{
	if (a == EXIT_USAGE || b == EXIT_USAGE)
		return EXIT_USAGE;
	return a > b ? a : b;
}

bool
cli_help(const char *command)
{
	if (command == NULL) {
		fputs(overview, stdout);
		return true;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, command) == 0) {
			printf("Usage: %s\n\n%s", commands[i].usage,
			    commands[i].help);
			return true;
		}
	return false;
}

/* The usage line of command, or of clerk for NULL. */
static const char *
synopsis(const char *command)
{
	if (command == NULL)
		return "clerk COMMAND [ARGS...]; clerk --help lists them";
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, command) == 0)
			return commands[i].usage;
	return NULL;
}

int(cli_usage)(const char *command, enum diag_id id, ...)
{
	va_list ap;
	va_start(ap, id);
	diag_vusage(synopsis(command), id, ap);
	va_end(ap);
	return EXIT_USAGE;
}

int
cli_load_templates(struct template_set *set)
{
	struct diags *d = diags_new();
	const char *dir = template_dir();
	int status = EXIT_OK;
	if (!templates_load(dir, d, set)) {
		char eb[DIAG_ERRNO_MAX];
		diag_print(stderr, dir, D_TEMPLATES_FOLDER,
		    diag_errno(errno, eb, sizeof eb));
		status = EXIT_SYSTEM;
	} else if (diags_errors(d) > 0) {
		status = EXIT_INPUT;
	}
	diags_flush(d, stderr);
	diags_free(d);
	return status;
}

int
cli_jobs(const char *command, const char *v, long *njobs)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || n < 1 || n > CLI_MAX_JOBS)
		return cli_usage(command, D_USAGE_JOBS, CLI_MAX_JOBS, v);
	*njobs = n;
	return EXIT_OK;
}

int
cli_source_date_epoch(const char *command, bool *has, long long *epoch)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	*has = false;
	if (s == NULL || *s == '\0')
		return EXIT_OK;
	long long v = 0;
	for (const char *q = s; *q; q++) {
		if (*q < '0' || *q > '9' || v > 253402300799LL / 10) {
			v = -1;
			break;
		}
		v = v * 10 + (*q - '0');
	}
	if (v < 0 || v > 253402300799LL)
		return cli_usage(command, D_USAGE_EPOCH, s);
	*has = true;
	*epoch = v;
	return EXIT_OK;
}

const char *
cli_output_dir(const char *dir)
{
	char eb[DIAG_ERRNO_MAX];
	if (dir == NULL) {
		dir = "output";
		if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
			diag_print(stderr, dir, D_FOLDER_CREATE,
			    diag_errno(errno, eb, sizeof eb));
			return NULL;
		}
	}
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		int e = errno;
		if (stat(dir, &st) == 0)
			e = ENOTDIR;
		diag_print(stderr, dir, D_FOLDER_WRITE,
		    diag_errno(e, eb, sizeof eb));
		return NULL;
	}
	return dir;
}

double
cli_seconds(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
cli_flag(const char *command, const char *name, const char *value, void *dst)
{
	(void)command;
	(void)name;
	(void)value;
	*(bool *)dst = true;
	return EXIT_OK;
}

int
cli_string(const char *command, const char *name, const char *value, void *dst)
{
	(void)command;
	(void)name;
	*(const char **)dst = value;
	return EXIT_OK;
}

int
cli_jobs_option(const char *command, const char *name, const char *value,
    void *dst)
{
	(void)name;
	return cli_jobs(command, value, dst);
}

int
cli_format(const char *command, const char *name, const char *value, void *dst)
{
	(void)name;
	const struct backend *be = backend_find(value);
	if (be == NULL)
		return cli_usage(command, D_USAGE_FORMAT, value,
		    backend_names());
	*(const struct backend **)dst = be;
	return EXIT_OK;
}

/* The option of opts that argument a names (*value: its "=value" of a
 * long option, else NULL), or NULL. */
static const struct cli_option *
find_option(const struct cli_option *opts, size_t n, const char *a,
    const char **value)
{
	*value = NULL;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(opts[i].name);
		if (strcmp(a, opts[i].name) == 0)
			return &opts[i];
		if (opts[i].takes_value && opts[i].name[1] == '-' &&
		    strncmp(a, opts[i].name, len) == 0 && a[len] == '=') {
			*value = a + len + 1;
			return &opts[i];
		}
	}
	return NULL;
}

int
cli_options(const char *command, int argc, char **argv,
    const struct cli_option *opts, size_t n, bool interleaved, int *first)
{
	int i = 1, nops = 0;
	char **ops = xcalloc((size_t)argc + 1, sizeof *ops);
	for (; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (a[0] != '-' || a[1] == '\0') {
			if (!interleaved)
				break;
			ops[nops++] = argv[i];
			continue;
		}
		const char *v;
		const struct cli_option *o = find_option(opts, n, a, &v);
		int status = EXIT_OK;
		if (o == NULL)
			status = cli_usage(command, D_USAGE_UNKNOWN_OPTION, a);
		else if (o->takes_value && v == NULL && i + 1 == argc)
			status = cli_usage(command, D_USAGE_NEEDS_VALUE, a,
			    o->needs != NULL ? o->needs : "a value");
		else if (o->takes_value && v == NULL)
			v = argv[++i];
		if (status == EXIT_OK)
			status = o->parse(command, o->name, v, o->dst);
		if (status != EXIT_OK) {
			free(ops);
			return status;
		}
	}
	/* the operands met among the options, before the rest */
	int rest = argc - i;
	memmove(&argv[argc - rest], &argv[i], (size_t)rest * sizeof *argv);
	memcpy(&argv[argc - rest - nops], ops, (size_t)nops * sizeof *argv);
	*first = argc - rest - nops;
	free(ops);
	return EXIT_OK;
}

char *
cli_output_name(const char *dir, const char *path, const char *suffix,
    const char *ext)
{
	const char *base = strrchr(path, '/');
	base = base != NULL ? base + 1 : path;
	size_t n = strlen(base);
	if (n >= 3 && strcmp(base + n - 3, ".md") == 0)
		n -= 3;
	else if (n >= 4 && strcmp(base + n - 4, ".xml") == 0)
		n -= 4;
	size_t dl = strlen(dir);
	bool slash = dl > 0 && dir[dl - 1] == '/';
	size_t len = dl + n + strlen(suffix) + strlen(ext) + 2;
	char *s = xmalloc(len);
	snprintf(s, len, "%s%s%.*s%s%s", dir, slash ? "" : "/", (int)n, base,
	    suffix, ext);
	return s;
}

void
cli_progress(bool on, size_t i, size_t n, const char *verb, const char *what)
{
	if (!on)
		return;
	fputs("\r\033[K", stderr);
	if (what != NULL) {
		size_t len = strlen(what);
		fprintf(stderr, "[%zu/%zu] %s%s%s%s", i, n,
		    verb != NULL ? verb : "", verb != NULL ? " " : "",
		    len > 50 ? "..." : "", len > 50 ? what + len - 50 : what);
	}
	fflush(stderr);
}
