/* cmd_new.c: "clerk new": a skeleton paper for a template, with every
 * required section, or with "-t agenda" a skeleton agenda, that passes
 * "clerk check" as it is, with a warning at each placeholder
 * (placeholder.h) until the author replaces it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "cli.h"
#include "output.h"
#include "placeholder.h"
#include "template.h"

/* A growing text buffer on the heap. */
struct buf {
	char *s;
	size_t len, cap;
};

static void
put(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n + 1);
	b->len += n;
}

/* prefix, value, suffix */
static void
put3(struct buf *b, const char *prefix, const char *value, const char *suffix)
{
	put(b, prefix);
	put(b, value);
	put(b, suffix);
}

/* Today as YYYY-MM-DD (SOURCE_DATE_EPOCH when set, for reproducible
 * skeletons in tests). */
static void
today(char *buf)
{
	time_t t = time(NULL);
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde != NULL && *sde)
		t = (time_t)strtoll(sde, NULL, 10);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, 16, "%Y-%m-%d", &tm);
}

static void
report_skeleton(struct buf *b, const struct template *t, const char *date)
{
	put(b, "---\n");
	put3(b, "template: ", t->id, "\n");
	put(b, "committee: " PH_COMMITTEE "\n");
	put3(b, "date: ", date, "\n");
	put(b,
	    "purpose: decision\n"
	    "subject: " PH_SUBJECT "\n"
	    "report_of: " PH_REPORT_OF "\n"
	    "report_author: " PH_AUTHOR "\n");
	for (size_t i = 0; i < t->nkeys; i++)
		if (t->keys[i].required) {
			const char *v = "\"\"";
			switch (t->keys[i].type) {
			case KEY_STRING:
				v = PH_VALUE;
				break;
			case KEY_DATE:
				v = date;
				break;
			case KEY_INTEGER:
				v = "1";
				break;
			case KEY_BOOLEAN:
				v = "true";
				break;
			case KEY_LIST:
				v = "[" PH_VALUE "]";
				break;
			}
			char line[256];
			snprintf(line, sizeof line, "%s: %s\n", t->keys[i].name,
			    v);
			put(b, line);
		}
	put(b,
	    "contact:\n"
	    "  name: " PH_NAME "\n"
	    "  title: " PH_JOB_TITLE "\n"
	    "  phone: " PH_PHONE "\n"
	    "  email: " PH_EMAIL "\n"
	    "---\n");
	bool numbered_hint = false;
	for (size_t i = 0; i < t->nsections; i++) {
		const struct tpl_section *s = &t->sections[i];
		if (s->from_key != NULL || s->required == REQUIRED_NO)
			continue;
		put3(b, "\n## ", s->heading, "\n\n");
		if (s->required == REQUIRED_DECISION) {
			put(b,
			    "Members are asked to:\n\n"
			    "- " PH_RECOMMEND "\n");
		} else if (s->nsubheadings > 0) {
			bool any = false;
			for (size_t j = 0; j < s->nsubheadings; j++) {
				if (!s->subheadings[j].required)
					continue;
				put3(b, any ? "\n### " : "### ",
				    s->subheadings[j].heading, "\n\nNone.\n");
				any = true;
			}
			if (!any)
				put(b, PH_SECTION "\n");
		} else if (s->numbered && !numbered_hint) {
			put(b,
			    "{#first} " PH_PARAGRAPHS "\n\n" PH_LABEL
			    ": see paragraph [](#first).\n");
			numbered_hint = true;
		} else {
			put(b, PH_SECTION "\n");
		}
	}
}

static void
minutes_skeleton(struct buf *b, const struct template *t, const char *date)
{
	put(b, "---\n");
	put3(b, "kind: minutes\ntemplate: ", t->id, "\n");
	put(b, "committee: " PH_COMMITTEE "\n");
	put3(b, "date: ", date, "\n");
	put(b,
	    "time: 11.00 am\n"
	    "venue: " PH_VENUE "\n"
	    "present:\n"
	    "  - " PH_CHAIRMAN "\n"
	    "  - " PH_DEPUTY "\n"
	    "officers:\n"
	    "  - " PH_OFFICER "\n"
	    "---\n"
	    "\n## Apologies\n\n" PH_APOLOGIES "\n"
	    "\n## Declarations\n\nThere were no declarations.\n"
	    "\n## Minutes\n\nRESOLVED – That the public minutes of the "
	    "previous meeting be approved as a correct record.\n");
}

/* Writes b to file, never over a file that exists, and frees it. Returns
 * status, or the exit status of the failure (said on stderr). */
static int
write_new(const char *file, struct buf *b, int status)
{
	if (!output_write(file, b->s, b->len, true)) {
		int e = errno;
		char eb[DIAG_ERRNO_MAX];
		if (e == EEXIST)
			diag_print(stderr, file, D_NEW_EXISTS);
		else
			diag_print(stderr, file, D_CANNOT_WRITE,
			    diag_errno(e, eb, sizeof eb));
		free(b->s);
		return e == EEXIST ? EXIT_INPUT : EXIT_SYSTEM;
	}
	free(b->s);
	return status;
}

/* An agenda (agenda.h), for "-t agenda": every key of its front matter
 * with a placeholder value, both parts, the standing items, a sub-item, an
 * item for a report saying how to link it, and the Exclusion of the
 * Public (clerk's motion, as the item has no description). It passes
 * "clerk check" (with a warning at each placeholder) and builds a pack as
 * it is: it links no paper. */
static void
agenda_skeleton(struct buf *b, const char *date)
{
	put(b,
	    "---\n"
	    "kind: agenda\n"
	    "committee: " PH_COMMITTEE "\n");
	put3(b, "date: ", date, "\n");
	put(b,
	    "time: 11.00 am\n"
	    "venue: " PH_VENUE "\n"
	    "members:\n"
	    "  - " PH_CHAIRMAN "\n"
	    "  - " PH_DEPUTY "\n"
	    "  - " PH_NAME "\n"
	    "enquiries:\n"
	    "  name: " PH_AUTHOR "\n"
	    "  phone: " PH_PHONE "\n"
	    "  email: " PH_EMAIL "\n"
	    "signatory:\n"
	    "  name: " PH_NAME "\n"
	    "  title: Town Clerk and Chief Executive\n"
	    "notes:\n"
	    "  - " PH_NOTE "\n"
	    "---\n"
	    "\n"
	    "## Part 1 - Public Agenda\n"
	    "\n"
	    "1. Apologies\n"
	    "\n"
	    "2. Members' Declarations under the Code of Conduct in respect of\n"
	    "   items on the agenda\n"
	    "\n"
	    "3. Minutes\n"
	    "\n"
	    "   1. Minutes of the previous meeting\n"
	    "\n"
	    "      Link the minutes from the title, as `[](minutes.md)`:\n"
	    "      clerk then says which meeting's they are.\n"
	    "\n"
	    "4. Title of a report\n"
	    "\n"
	    "   Report of the Title of the Chief Officer. Link a paper from\n"
	    "   its item's title, as `[Title](report.md)`, or `[](report.md)`\n"
	    "   for the paper's subject.\n"
	    "\n"
	    "5. Questions on matters relating to the work of the Committee\n"
	    "\n"
	    "6. Any other business that the Chairman considers urgent\n"
	    "\n"
	    "7. Exclusion of the Public\n"
	    "\n"
	    "## Part 2 - Non-Public Agenda\n"
	    "\n"
	    "8. Non-public questions on matters relating to the work of the\n"
	    "   Committee\n"
	    "\n"
	    "9. Any other business that the Chairman considers urgent and\n"
	    "   which the Committee agrees should be considered whilst the\n"
	    "   public are excluded\n");
}

int
cmd_new(int argc, char **argv)
{
	const char *tid = NULL, *file = NULL;
	const struct cli_option opts[] = {
	    {"-t", true, cli_string, &tid, "a template id"},
	    {"--template", true, cli_string, &tid, "a template id"},
	};
	int first;
	if (cli_options("new", argc, argv, opts, 2, true, &first) != EXIT_OK)
		return EXIT_USAGE;
	if (argc - first > 1)
		return cli_usage("new", D_USAGE_ONE_FILE);
	if (argc - first == 1)
		file = argv[first];
	if (file == NULL)
		return cli_usage("new", D_USAGE_NO_FILE);
	size_t n = strlen(file);
	if (n < 4 || strcmp(file + n - 3, ".md") != 0)
		return cli_usage("new", D_USAGE_MD);

	char date[16];
	today(date);
	struct buf b = {0};
	int status = EXIT_OK;
	if (tid != NULL && strcmp(tid, NEW_AGENDA) == 0) {
		agenda_skeleton(&b, date);
		return write_new(file, &b, status);
	}

	struct template_set set;
	status = cli_load_templates(&set);
	if (status == EXIT_SYSTEM)
		return status;
	const struct template *t = tid ? template_find(&set, tid) :
	                                 template_latest(&set, KIND_REPORT);
	if (t == NULL) {
		if (tid)
			diag_print(stderr, "clerk", D_USAGE_TEMPLATE, tid);
		else
			diag_print(stderr, "clerk", D_USAGE_NO_REPORT_TEMPLATE);
		templates_free(&set);
		return EXIT_USAGE;
	}
	if (t->kind == KIND_MINUTES)
		minutes_skeleton(&b, t, date);
	else
		report_skeleton(&b, t, date);
	templates_free(&set);
	return write_new(file, &b, status);
}
