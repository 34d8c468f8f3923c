/* cmd_templates.c: "clerk templates": what templates there are, and what
 * one of them asks of a paper; and "agenda", the skeleton "clerk new -t
 * agenda" writes (a name no template may take). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "template.h"

static void
period(const struct template *t, char *buf, size_t size)
{
	char from[16], to[16];
	date_iso(t->from, from);
	date_iso(t->to, to);
	if (t->has_from && t->has_to)
		snprintf(buf, size, "%s to %s", from, to);
	else if (t->has_from)
		snprintf(buf, size, "from %s", from);
	else if (t->has_to)
		snprintf(buf, size, "until %s", to);
	else
		snprintf(buf, size, "by name only");
}

static const char *
requirement(enum requirement r)
{
	switch (r) {
	case REQUIRED_NO:
		return "optional";
	case REQUIRED_YES:
		return "required";
	case REQUIRED_DECISION:
		return "required for decision";
	}
	return "";
}

static const char *
numbering(enum numbering n)
{
	switch (n) {
	case NUMBERING_CONTINUOUS:
		return "continuous";
	case NUMBERING_DECIMAL:
		return "section-decimal";
	case NUMBERING_NONE:
		return "none";
	}
	return "";
}

static void
show(const struct template *t)
{
	char p[64];
	period(t, p, sizeof p);
	printf("%s: %s\n", t->id, t->name);
	printf("  kind: %s\n  in force: %s\n  numbering: %s\n  file: %s\n",
	    kind_name(t->kind), p, numbering(t->numbering), t->path);
	if (t->description)
		printf("  %s\n", t->description);
	if (t->kind == KIND_MINUTES)
		printf("  items: every \"## \" heading, numbered in order\n");
	for (size_t i = 0; i < t->nsections; i++) {
		const struct tpl_section *s = &t->sections[i];
		printf("  ## %s (%s%s%s)\n", s->heading,
		    requirement(s->required), s->numbered ? ", numbered" : "",
		    s->from_key ? ", from the front matter" : "");
		for (size_t j = 0; j < s->naliases; j++)
			printf("       also: %s\n", s->aliases[j]);
		for (size_t j = 0; j < s->nsubheadings; j++)
			printf("     ### %s%s\n", s->subheadings[j].heading,
			    s->subheadings[j].required ? " (required)" : "");
	}
	for (size_t i = 0; i < t->nkeys; i++)
		printf("  key %s%s\n", t->keys[i].name,
		    t->keys[i].required ? " (required)" : "");
}

int
cmd_templates(int argc, char **argv)
{
	if (argc > 2)
		return cli_usage("templates", D_USAGE_ONE_TEMPLATE);
	struct template_set set;
	int status = cli_load_templates(&set);
	if (status == EXIT_SYSTEM)
		return status;
	if (argc == 2 && strcmp(argv[1], NEW_AGENDA) == 0) {
		printf(
		    "%s: a committee meeting's agenda, for clerk pack\n"
		    "  skeleton: clerk new -t %s AGENDA.md\n"
		    "  keys: kind, committee, date, time, venue, members "
		    "(required but kind);\n"
		    "        enquiries {name, phone, email}, signatory {name, "
		    "title}, notes\n"
		    "  ## Part 1 - Public Agenda\n"
		    "  ## Part 2 - Non-Public Agenda\n"
		    "  items: one numbered list under each part; a paper is "
		    "linked from its item's title\n"
		    "  see AGENDAS in clerk-paper(5)\n",
		    NEW_AGENDA, NEW_AGENDA);
	} else if (argc == 2) {
		const struct template *t = template_find(&set, argv[1]);
		if (t == NULL) {
			diag_print(stderr, "clerk", D_USAGE_TEMPLATES_UNKNOWN,
			    argv[1]);
			templates_free(&set);
			return EXIT_USAGE;
		}
		show(t);
	} else {
		for (size_t i = 0; i < set.count; i++) {
			const struct template *t = set.items[i];
			char p[64];
			period(t, p, sizeof p);
			printf("%-18s %-8s %-26s %s\n", t->id,
			    kind_name(t->kind), p, t->name);
		}
		printf("%-18s %-8s %-26s %s\n", NEW_AGENDA, "agenda", "-",
		    "Committee agenda (clerk new -t agenda)");
	}
	templates_free(&set);
	return status;
}
