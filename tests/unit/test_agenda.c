/* test_agenda.c: agendas told from papers, and read into the model of
 * agenda.h (agenda.c): items, sub-items, parts, numbering, linked papers,
 * with the exact messages. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agenda.h"
#include "arena.h"
#include "diag.h"
#include "model.h"
#include "source.h"
#include "template.h"
#include "yaml.h"
#include "fixture.h"

static char dir[64];            /* the test's folder */
static struct agenda *ag;       /* the agenda read */
static char out[16384];         /* its messages, one a line */

static void
setup(void)
{
	fixture_setup();
	strcpy(dir, "/tmp/clerk-agenda-XXXXXX");
	cr_assert(mkdtemp(dir) != NULL);
}

static void
teardown(void)
{
	agenda_free(ag);
	ag = NULL;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
	fixture_teardown();
}

TestSuite(agenda, .init = setup, .fini = teardown);

/* Writes text to the file name in the test's folder; returns its path. */
static const char *
put(const char *name, const char *text)
{
	static char path[8][256];
	static int next;
	char *p = path[next++ % 8];
	snprintf(p, sizeof path[0], "%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	cr_assert(f != NULL, "cannot write %s", p);
	fputs(text, f);
	fclose(f);
	return p;
}

/* The front matter of a good agenda: the body starts at line 9. */
#define FRONT "---\n" \
	"committee: Streets and Walkways Sub-Committee\n" \
	"date: 2024-03-12\n" \
	"time: 1.45 pm\n" \
	"venue: Guildhall\n" \
	"members:\n" \
	"  - Common Councilman for Aldgate (Chairman)\n" \
	"---\n"

static const char public_paper[] =
    "---\ncommittee: Streets and Walkways Sub-Committee\n"
    "date: 2024-03-12\npurpose: information\nsubject: Bridge Works\n"
    "report_of: City Surveyor\ntemplate: col-2018\n---\n\n"
    "## Summary\n\nS.\n\n"
    "## Background\n\nB.\n\n## Current Situation\n\nC.\n";

static const char secret_paper[] =
    "---\ncommittee: Streets and Walkways Sub-Committee\n"
    "date: 2024-03-12\npurpose: information\nsubject: Contract Award\n"
    "report_of: City Surveyor\npublic: false\nexempt_paragraphs: [3]\n"
    "template: col-2018\n"
    "---\n\n## Summary\n\nS.\n\n"
    "## Background\n\nB.\n\n## Current Situation\n\nC.\n";

static const char minutes[] =
    "---\nkind: minutes\ncommittee: Streets and Walkways Sub-Committee\n"
    "date: 2024-01-16\ntime: 1.45 pm\nvenue: Guildhall\n"
    "present: [The Chairman]\n---\n\n## Apologies\n\nNone.\n";

/* Reads the agenda "agenda.md" holding FRONT and body. Returns every
 * message, one a line. */
static const char *
read_agenda(const char *body)
{
	static char text[16384];
	snprintf(text, sizeof text, FRONT "%s", body);
	const char *path = put("agenda.md", text);
	agenda_free(ag);
	bool system_error;
	ag = agenda_read(path, &set, d, &system_error);
	cr_assert(!system_error);
	cr_assert(ag != NULL);
	fixture_messages(out, sizeof out);
	return out;
}

/* Is the front matter yaml an agenda's? */
static bool
front_is_agenda(const char *yaml)
{
	char text[1024];
	snprintf(text, sizeof text, "---\n%s---\n", yaml);
	struct arena *a = arena_new();
	cr_assert_eq(source_from_memory(a, d, "t.md", text, strlen(text),
	    &src), SOURCE_OK);
	source_split(&src, d, true);
	bool yes = agenda_front_is_agenda(yaml_parse(a, d, &src, false));
	diags_flush(d, devnull);
	arena_free(a);
	return yes;
}

/* ------------------------------------------------------------------ */
/* Detection */

Test(agenda, detected_by_kind)
{
	cr_assert(front_is_agenda("kind: agenda\n"));
	cr_assert(front_is_agenda("kind: Agenda\n"));
	cr_assert(front_is_agenda("kind: agnda\n"), "a misspelling");
	cr_assert_not(front_is_agenda("kind: report\n"));
	cr_assert_not(front_is_agenda("kind: minutes\nmembers: [A]\n"),
	    "a kind that is not agenda wins over the keys");
	cr_assert_not(front_is_agenda("kind: [agenda]\n"));
}

Test(agenda, detected_by_keys_without_kind)
{
	cr_assert(front_is_agenda("committee: C\nmembers: [A]\n"));
	cr_assert(front_is_agenda("enquiries: {name: A}\n"));
	cr_assert(front_is_agenda("signatory: {title: Town Clerk}\n"));
	cr_assert_not(front_is_agenda("committee: C\ndate: 2024-03-12\n"
	    "time: 1.45 pm\nvenue: Guildhall\n"), "minutes without kind");
	cr_assert_not(front_is_agenda("subject: S\n"));
	cr_assert_not(front_is_agenda(""));
	cr_assert_not(agenda_front_is_agenda(NULL));
}

Test(agenda, detected_in_files)
{
	cr_assert(agenda_detect(put("a.md", FRONT "1. Apologies\n")));
	cr_assert_not(agenda_detect(put("p.md", public_paper)));
	cr_assert_not(agenda_detect(put("m.md", minutes)));
	cr_assert_not(agenda_detect(put("n.md", "1. Apologies\n")),
	    "no front matter");
	cr_assert(agenda_detect(put("y.md", "---\nmembers: [A\n---\n")),
	    "YAML that does not parse: the keys at the start of lines");
	cr_assert(agenda_detect(put("k.md", "---\nkind: \"agenda\nx\n---\n")));
	cr_assert_not(agenda_detect(put("r.md",
	    "---\nkind: report\nmembers: [A\n---\n")));
	char missing[128];
	snprintf(missing, sizeof missing, "%s/none.md", dir);
	cr_assert_not(agenda_detect(missing));
}

/* ------------------------------------------------------------------ */
/* Front matter */

Test(agenda, front_matter_read)
{
	put("agenda.md", "");
	cr_assert_str_eq(read_agenda("1. Apologies\n"), "");
	cr_assert_str_eq(ag->committee, "Streets and Walkways Sub-Committee");
	cr_assert(ag->has_date);
	cr_assert_eq(ag->date.day, 12);
	cr_assert_str_eq(ag->time, "1.45 pm");
	cr_assert_str_eq(ag->venue, "Guildhall");
	cr_assert_eq(ag->nmembers, 1);
	cr_assert_str_eq(ag->members[0],
	    "Common Councilman for Aldgate (Chairman)");
	cr_assert_not(ag->has_enquiries);
	cr_assert_not(ag->has_signatory);
	cr_assert_eq(ag->nnotes, 0);
}

Test(agenda, front_matter_problems)
{
	const char *text = "---\nkind: agenda\ndate: 2024-13-01\n"
	    "time: 1.45 pm\nvenu: Guildhall\nsubject: S\n"
	    "enquiries: {name: A, phone: '1', email: nobody}\n"
	    "signatory: {name: Town Clerk, role: X}\nnotes: One note.\n---\n"
	    "1. Apologies\n";
	const char *path = put("agenda.md", text);
	bool system_error;
	ag = agenda_read(path, &set, d, &system_error);
	fixture_messages(out, sizeof out);
	cr_assert_str_eq(out,
	    "3:7: error: 2024-13-01 is not a date in the calendar\n"
	    "5:1: error: unknown key \"venu\" (did you mean \"venue\"?)\n"
	    "6:1: error: \"subject\" is not a key of an agenda\n"
	    "7:41: warning: \"nobody\" does not look like an email address\n"
	    "8:31: error: unknown key \"role\"\n"
	    "10:1: error: missing required key \"committee\"\n"
	    "10:1: error: missing required key \"members\"\n");
	cr_assert(ag->has_enquiries);
	cr_assert_str_eq(ag->enquiries.phone, "1");
	cr_assert_str_eq(ag->signatory.name, "Town Clerk");
	cr_assert_eq(ag->nnotes, 1, "one text is a list of one");
}

/* ------------------------------------------------------------------ */
/* Items, sub-items, parts, numbering */

Test(agenda, items_and_titles)
{
	put("report.md", public_paper);
	cr_assert_str_eq(read_agenda(
	    "1. Apologies\n"
	    "2. [](report.md)\n\n"
	    "   Report of the City Surveyor.\n\n"
	    "   A second paragraph.\n"
	    "3. The *Chairman's* update\n"
	    "4. [Bridges](report.md)\n"), "16:4: error: paper \"report.md\" "
	    "is already on the agenda at item 2\n");
	cr_assert_eq(ag->nitems, 4);
	const struct agenda_item *it = ag->items;
	cr_assert_str_eq(it[0].number, "1");
	cr_assert_str_eq(it[0].title, "Apologies");
	cr_assert_null(it[0].link);
	cr_assert_null(it[0].description);
	cr_assert_eq(it[0].pos.line, 9);
	cr_assert_eq(it[0].pos.col, 1);

	cr_assert_null(it[1].title, "empty link text: no title of its own");
	cr_assert_str_eq(it[1].link, "report.md");
	cr_assert_not_null(it[1].paper);
	cr_assert_str_eq(agenda_item_title(&it[1]), "Bridge Works");
	cr_assert_eq(it[1].link_pos.line, 10);
	cr_assert_eq(it[1].link_pos.col, 4);
	cr_assert_not_null(it[1].description);
	cr_assert_eq(it[1].description->type, N_PARAGRAPH);
	cr_assert_not_null(it[1].description->next);
	cr_assert_null(it[1].description->next->next);

	cr_assert_str_eq(it[2].title, "The Chairman’s update");
	cr_assert_eq(it[2].title_para->type, N_PARAGRAPH);
	cr_assert_str_eq(agenda_item_title(&it[3]), "Bridges");
	cr_assert_null(it[3].paper, "linked twice: read once");
}

Test(agenda, subitems_lettered)
{
	put("minutes.md", minutes);
	cr_assert_str_eq(read_agenda(
	    "1. Apologies\n"
	    "2. Minutes\n\n"
	    "   To agree the minutes.\n\n"
	    "   1. [](minutes.md)\n"
	    "   1. Sub-committee minutes\n"
	    "   7. Outstanding actions\n"
	    "3. Questions\n"), "");
	cr_assert_eq(ag->nitems, 3);
	const struct agenda_item *m = &ag->items[1];
	cr_assert_eq(m->nsubitems, 3);
	cr_assert_str_eq(m->subitems[0].number, "2a");
	cr_assert_str_eq(m->subitems[1].number, "2b");
	cr_assert_str_eq(m->subitems[2].number, "2c",
	    "typed numbers of sub-items do not matter");
	cr_assert_str_eq(agenda_item_title(&m->subitems[0]), "Minutes");
	cr_assert_eq(m->subitems[0].paper->meta.kind, KIND_MINUTES);
	cr_assert_eq(m->subitems[0].nsubitems, 0);
	cr_assert_not_null(m->description);
	cr_assert_null(m->description->next, "the sub-items are taken out");
	cr_assert_str_eq(ag->items[2].number, "3");
}

Test(agenda, subitems_beyond_z)
{
	char body[4096] = "1. Many\n";
	for (int i = 0; i < 28; i++)
		strcat(body, "   1. Sub\n");
	cr_assert_str_eq(read_agenda(body), "");
	cr_assert_eq(ag->items[0].nsubitems, 28);
	cr_assert_str_eq(ag->items[0].subitems[25].number, "1z");
	cr_assert_str_eq(ag->items[0].subitems[26].number, "1aa");
	cr_assert_str_eq(ag->items[0].subitems[27].number, "1ab");
}

Test(agenda, no_deeper_than_subitems)
{
	cr_assert_str_eq(read_agenda(
	    "1. Minutes\n"
	    "   1. Public minutes\n"
	    "      1. Too deep\n"
	    "      - a bullet is a description\n"),
	    "11:7: error: a numbered list inside sub-item 1a: sub-items "
	    "cannot have sub-items of their own\n");
}

Test(agenda, parts)
{
	put("report.md", public_paper);
	put("secret.md", secret_paper);
	cr_assert_str_eq(read_agenda(
	    "1. Apologies\n\n"
	    "## part 2 – non-public agenda\n\n"
	    "2. [](secret.md)\n"
	    "3. Questions\n"
	    "   1. Sub\n"), "");
	cr_assert_eq(ag->items[0].part, 1);
	cr_assert_eq(ag->items[1].part, 2);
	cr_assert_eq(ag->items[2].subitems[0].part, 2);
	cr_assert_null(ag->part_heading[1]);
	cr_assert_str_eq(ag->part_heading[2], "part 2 – non-public agenda");
	cr_assert_eq(ag->part_pos[2].line, 11);
	cr_assert_str_eq(ag->items[1].number, "2",
	    "numbers continue across parts");
}

Test(agenda, part_headings_loosely)
{
	cr_assert_str_eq(read_agenda(
	    "# PART I\n\n1. Apologies\n\n"
	    "### Part II: Non-Public Agenda\n\n2. Questions\n"), "");
	cr_assert_eq(ag->items[1].part, 2);
	cr_assert_str_eq(read_agenda(
	    "# Part One — Public Agenda\n\n1. Apologies\n\n"
	    "# Part two\n\n2. Questions\n"), "");
	cr_assert_eq(ag->items[1].part, 2);
	cr_assert_str_eq(read_agenda("# Party 2\n\n1. Apologies\n"),
	    "9:1: error: heading \"Party 2\" is not a part of an agenda: its "
	    "only headings are \"Part 1 - Public Agenda\" and \"Part 2 - "
	    "Non-Public Agenda\"\n");
}

Test(agenda, public_and_non_public)
{
	put("report.md", public_paper);
	put("secret.md", secret_paper);
	put("minutes.md", minutes);
	cr_assert_str_eq(read_agenda(
	    "1. [](secret.md)\n\n"
	    "# Part 2 - Non-Public Agenda\n\n"
	    "2. [](report.md)\n"
	    "3. [](minutes.md)\n"),
	    "9:1: error: non-public paper \"secret.md\" is in Part 1: move it "
	    "under Part 2 - Non-Public Agenda\n"
	    "13:1: warning: public paper \"report.md\" is in Part 2: move it "
	    "under Part 1 - Public Agenda, or mark it \"public: false\"\n");
}

Test(agenda, typed_numbers)
{
	cr_assert_str_eq(read_agenda(
	    "1. A\n2. B\n\n# Part 2 - Non-Public Agenda\n\n3. C\n4) D\n"),
	    "15:1: error: a second numbered list in Part 2: write its items "
	    "as one list, each number followed by the same '.' or ')'\n");
	cr_assert_str_eq(ag->items[3].number, "4");
	cr_assert_str_eq(read_agenda(
	    "1. A\n1. B\n\n# Part 2 - Non-Public Agenda\n\n1. C\n"),
	    "10:1: warning: item typed as 1 is numbered 2: clerk numbers the "
	    "items in order across the whole agenda\n"
	    "14:1: warning: item typed as 1 is numbered 3: clerk numbers the "
	    "items in order across the whole agenda\n");
}

Test(agenda, papers_messages_come_after_the_agendas)
{
	char bad[sizeof public_paper];
	strcpy(bad, public_paper);
	memcpy(strstr(bad, "subject:"), "subjet: ", 8);
	put("bad.md", bad);
	cr_assert_str_eq(read_agenda("1. [](bad.md)\n\nStray.\n"),
	    "11:1: error: text outside the items: indent it under an item to "
	    "make it the item's description, or remove it\n"
	    "5:1: error: unknown key \"subjet\" (did you mean \"subject\"?)\n");
}

Test(agenda, no_items)
{
	cr_assert_str_eq(read_agenda(""),
	    "error: agenda has no items: write them as a numbered list "
	    "(1. Apologies)\n");
	cr_assert_eq(ag->nitems, 0);
}

Test(agenda, exclusion_item_marked)
{
	cr_assert_str_eq(read_agenda("1. Questions\n"
	    "2. EXCLUSION OF THE PUBLIC\n"), "");
	cr_assert_not(ag->items[0].exclusion);
	cr_assert(ag->items[1].exclusion);
}

Test(agenda, dump)
{
	put("report.md", public_paper);
	cr_assert_str_eq(read_agenda("1. Apologies\n2. [](report.md)\n"), "");
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	agenda_dump(fp, ag);
	fclose(fp);
	cr_assert(strstr(buf, "\n  item 1 part=1 title=\"Apologies\"\n") !=
	    NULL, "%s", buf);
	cr_assert(strstr(buf, "report public information shown=\"Bridge "
	    "Works\"\n") != NULL, "%s", buf);
	free(buf);
}
