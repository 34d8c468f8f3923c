/* test_template.c: templates load, are chosen by date, name their sections,
 * expand placeholders, and each bad template gives its one message. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "template.h"

#define BAD_DIR "tests/templates-bad"

static const char *
templates_dir(void)
{
	const char *env = getenv("CLERK_TEMPLATES");
	return env != NULL && env[0] != '\0' ? env : "templates";
}

/* All pending messages, one a line, for assertion failures. */
static char *
messages(struct diags *d)
{
	static char buf[8192];
	buf[0] = '\0';
	for (size_t i = 0; i < diags_pending(d); i++) {
		strncat(buf, diags_text(d, i), sizeof buf - strlen(buf) - 2);
		strcat(buf, "\n");
	}
	return buf;
}

static struct template_set set;
static struct diags *d;

static void
load_real(void)
{
	d = diags_new();
	cr_assert(templates_load(templates_dir(), d, &set),
	    "cannot read %s", templates_dir());
}

static void
unload(void)
{
	templates_free(&set);
	diags_free(d);
}

static struct date
day(const char *s)
{
	struct date dt;
	cr_assert_eq(date_parse(s, &dt), DATE_OK);
	return dt;
}

TestSuite(template_real, .init = load_real, .fini = unload);

Test(template_real, all_load_without_messages)
{
	cr_assert_eq(diags_pending(d), 0, "%s", messages(d));
	cr_assert_eq(set.count, 4);
	/* Sorted by id. */
	cr_assert_str_eq(set.items[0]->id, "col-2018");
	cr_assert_str_eq(set.items[1]->id, "col-2023");
	cr_assert_str_eq(set.items[2]->id, "district-decimal");
	cr_assert_str_eq(set.items[3]->id, "minutes");
}

Test(template_real, select_by_date)
{
	bool nearest = true;
	const struct template *t = template_select(&set, KIND_REPORT,
	    day("2018-05-31"), &nearest);
	cr_assert_not_null(t);
	cr_assert_str_eq(t->id, "col-2018");
	cr_assert(!nearest);
	t = template_select(&set, KIND_REPORT, day("2024-02-01"), &nearest);
	cr_assert_str_eq(t->id, "col-2023");
	cr_assert(!nearest);
	/* The period's edges belong to it. */
	t = template_select(&set, KIND_REPORT, day("2022-12-31"), &nearest);
	cr_assert_str_eq(t->id, "col-2018");
	t = template_select(&set, KIND_REPORT, day("2023-01-01"), &nearest);
	cr_assert_str_eq(t->id, "col-2023");
}

Test(template_real, select_nearest_before_every_period)
{
	bool nearest = false;
	const struct template *t = template_select(&set, KIND_REPORT,
	    day("2010-01-01"), &nearest);
	cr_assert_not_null(t);
	cr_assert_str_eq(t->id, "col-2018");
	cr_assert(nearest);
}

Test(template_real, select_minutes)
{
	bool nearest = true;
	const struct template *t = template_select(&set, KIND_MINUTES,
	    day("2018-05-31"), &nearest);
	cr_assert_not_null(t);
	cr_assert_str_eq(t->id, "minutes");
	cr_assert(!nearest);
	cr_assert_eq(t->kind, KIND_MINUTES);
	cr_assert_eq(t->nsections, 0);
	cr_assert_eq(t->numbering, NUMBERING_NONE);
}

Test(template_real, latest_and_find)
{
	cr_assert_str_eq(template_latest(&set, KIND_REPORT)->id, "col-2023");
	cr_assert_str_eq(template_latest(&set, KIND_MINUTES)->id, "minutes");
	cr_assert_not_null(template_find(&set, "district-decimal"));
	cr_assert_null(template_find(&set, "col-2019"));
	cr_assert_str_eq(kind_name(KIND_REPORT), "report");
	cr_assert_str_eq(kind_name(KIND_MINUTES), "minutes");
}

Test(template_real, col_2018_layout)
{
	const struct template *t = template_find(&set, "col-2018");
	cr_assert_not_null(t);
	cr_assert(t->has_from && t->has_to);
	cr_assert(t->strict);
	cr_assert_eq(t->numbering, NUMBERING_CONTINUOUS);
	cr_assert_str_eq(t->main_heading, "Main Report");
	cr_assert_float_eq(t->page_width, 595.276, 0.01);
	cr_assert_float_eq(t->page_height, 841.89, 0.01);
	cr_assert_float_eq(t->margin_left, 56.693, 0.01);
	cr_assert_float_eq(t->font_size, 12, 1e-9);
	cr_assert_str_eq(t->bullets, "\xE2\x80\xA2\xE2\x80\x93\xE2\x97\xA6");
	cr_assert_str_eq(t->ordered, "1ai");
	cr_assert_str_eq(t->font.regular,
	    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf");
	cr_assert_str_eq(t->fallback.bold,
	    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");
	cr_assert_eq(t->nsections, 10);
	static const char *const ids[] = {"summary", "recommendations",
	    "background", "current_position", "options", "proposals",
	    "implications", "conclusion", "appendices", "background_papers"};
	for (size_t i = 0; i < 10; i++)
		cr_assert_str_eq(t->sections[i].id, ids[i]);
	cr_assert_eq(t->sections[0].required, REQUIRED_YES);
	cr_assert(!t->sections[0].numbered);
	cr_assert_eq(t->sections[1].required, REQUIRED_DECISION);
	cr_assert(t->sections[2].numbered);
	cr_assert_str_eq(t->sections[8].from_key, "appendices");
	cr_assert_str_eq(t->sections[9].from_key, "background_papers");
	cr_assert_null(t->sections[2].from_key);
	cr_assert_eq(t->nrows, 5);
	cr_assert_str_eq(t->rows[2].label, "Subject:");
	cr_assert_str_eq(t->rows[2].right, "{classification}");
	cr_assert(tpl_row_per_committee(&t->rows[1]));
	cr_assert(!tpl_row_per_committee(&t->rows[0]));
	cr_assert_eq(t->ncontact, 5);
	cr_assert_str_eq(t->contact[3], "Mobile: {mobile}");
	cr_assert_null(t->header);
	cr_assert_str_eq(t->footer, "{page}");
	cr_assert(strstr(t->exempt_notice, "{exempt_paragraphs} of Part 1 "
	    "of Schedule 12A") != NULL);
}

Test(template_real, col_2023_implications)
{
	const struct template *t = template_find(&set, "col-2023");
	cr_assert(t->has_from && !t->has_to);
	const struct tpl_section *s = template_section(t,
	    "Corporate & Strategic Implications");
	cr_assert_not_null(s);
	cr_assert_eq(s->required, REQUIRED_YES);
	cr_assert(s->only_subheadings);
	cr_assert_eq(s->nsubheadings, 8);
	cr_assert_str_eq(s->subheadings[0].heading, "Strategic implications");
	cr_assert_str_eq(s->subheadings[7].heading, "Security implications");
	for (size_t i = 0; i < 8; i++)
		cr_assert(s->subheadings[i].required);
	s = template_section(t, "Key Data");
	cr_assert_not_null(s);
	cr_assert(s->numbered);
}

Test(template_real, district_decimal)
{
	const struct template *t = template_find(&set, "district-decimal");
	cr_assert(!t->has_from && !t->has_to);
	cr_assert(!t->strict);
	cr_assert_eq(t->numbering, NUMBERING_DECIMAL);
	cr_assert_eq(t->nkeys, 1);
	cr_assert_str_eq(t->keys[0].name, "ward");
	cr_assert_eq(t->keys[0].type, KEY_STRING);
	cr_assert(!t->keys[0].required);
	cr_assert_str_eq(t->rows[t->nrows - 1].value, "{ward}");
	/* Without a period it is never chosen by date. */
	bool nearest;
	cr_assert_str_neq(template_select(&set, KIND_REPORT,
	    day("2030-01-01"), &nearest)->id, "district-decimal");
}

Test(template_real, sections_by_heading_and_alias)
{
	const struct template *t = template_find(&set, "col-2018");
	const struct tpl_section *s = template_section(t, "Current Situation");
	cr_assert_not_null(s);
	cr_assert_str_eq(s->id, "current_position");
	cr_assert_eq(template_section(t, "current position"), s);
	cr_assert_eq(template_section(t, "  CURRENT   POSITION: "), s);
	s = template_section(t, "Recommendation(s)");
	cr_assert_not_null(s);
	cr_assert_str_eq(s->id, "recommendations");
	cr_assert_eq(template_section(t, "recommendation"), s);
	cr_assert_str_eq(template_section(t,
	    "Corporate and Strategic Implications")->id, "implications");
	cr_assert_str_eq(template_section(t, "Conclusions.")->id,
	    "conclusion");
	cr_assert_null(template_section(t, "Current"));
	cr_assert_null(template_section(t, "Key Data"));
}

/* ------------------------------------------------------------------ */
/* Placeholders */

static const char *
lookup(void *ctx, const char *name)
{
	(void)ctx;
	if (strcmp(name, "subject") == 0)
		return "Serious and Organised Crime Board - update";
	if (strcmp(name, "page") == 0)
		return "3";
	return NULL;
}

Test(template_expand, replaces_and_counts)
{
	struct arena *a = arena_new();
	struct tpl_fill fill = {0};
	cr_assert_str_eq(template_expand(a, "Subject: {subject}", lookup,
	    NULL, &fill), "Subject: Serious and Organised Crime Board - update");
	cr_assert_eq(fill.placeholders, 1);
	cr_assert_eq(fill.filled, 1);
	fill = (struct tpl_fill){0};
	cr_assert_str_eq(template_expand(a, "T: {phone}", lookup, NULL, &fill),
	    "T: ");
	cr_assert_eq(fill.placeholders, 1);
	cr_assert_eq(fill.filled, 0);
	cr_assert_str_eq(template_expand(a, "{{page}} is {page}}}", lookup,
	    NULL, NULL), "{page} is 3}");
	cr_assert_null(template_expand(a, NULL, lookup, NULL, NULL));
	cr_assert(template_text_uses("Page {page} of {pages}", "pages"));
	cr_assert(!template_text_uses("{{pages}}", "pages"));
	cr_assert(!template_text_uses(NULL, "page"));
	arena_free(a);
}

Test(template_dir, from_environment)
{
	setenv("CLERK_TEMPLATES", "/some/where", 1);
	cr_assert_str_eq(template_dir(), "/some/where");
	unsetenv("CLERK_TEMPLATES");
	/* Beside the test program there is no templates folder. */
	cr_assert_not_null(template_dir());
}

/* ------------------------------------------------------------------ */
/* Bad templates: each gives exactly one message */

struct bad {
	char file[48];
	char message[200];
};

static struct bad bad_cases[] = {
	{"unknown-key", "3:1: error: unknown key \"numberng\" (did you mean "
	    "\"numbering\"?)"},
	{"id-file", "1:5: error: template id \"other\" does not match its "
	    "file name \"id-file.yaml\""},
	{"id-chars", "1:5: error: template id \"Id_Chars\" must be lower case "
	    "letters, digits and '-'"},
	{"enum", "3:12: error: \"numbering\" cannot be \"continous\": use "
	    "continuous, section-decimal or none (did you mean "
	    "\"continuous\"?)"},
	{"date-syntax", "3:13: error: \"31 May 2015\" is not a date: write it "
	    "as 2018-05-31 (year-month-day)"},
	{"date-impossible", "3:13: error: 2015-02-29 is not a date in the "
	    "calendar"},
	{"period", "4:11: error: validity period ends (2019-12-31) before it "
	    "begins (2020-01-01)"},
	{"length", "5:18: error: \"20\" is not a length: write it as 20mm, "
	    "2cm, 1in or 56pt"},
	{"range", "4:9: error: \"40\" is out of range (6 to 36 points)"},
	{"font", "4:19: error: font file \"/nonexistent/Font-Regular.ttf\" "
	    "not found"},
	{"placeholder", "4:37: error: unknown placeholder \"{subjet}\" (did "
	    "you mean \"subject\"?)"},
	{"placeholder-open", "3:14: error: placeholder \"{page\" is not "
	    "closed: add \"}\", or write \"{{\" for a brace"},
	{"section-repeated", "5:10: error: section id \"background\" is "
	    "given twice (first at line 4)"},
	{"heading-repeated", "7:33: error: section heading \"background\" is "
	    "given twice (first at line 4)"},
	{"no-numbered", "3:12: error: numbering is \"continuous\" but no "
	    "section is numbered"},
	{"missing-name", "1:1: error: missing required key \"name\""},
	{"wrong-bool", "3:10: error: \"strict\" must be true or false"},
	{"reserved-key", "4:12: error: \"subject\" is already a front matter "
	    "key or placeholder of every paper: choose another name"},
	{"ordered", "3:19: error: \"ordered\" cannot be \"1x\": use a style "
	    "per depth from 1, a, A, i and I (\"1ai\")"},
	{"not-mapping", "1:1: error: a template must be a mapping of keys to "
	    "values"},
	{"sections-type", "3:11: error: \"sections\" must be a list"},
	{"empty", "error: a template must be a mapping of keys to values"},
	{"yaml-colon", "2:7: error: the ':' in this value makes YAML read "
	    "another key: put the whole value in quotes: name: \"City of "
	    "London committee report: 2024 edition\""},
	{"yaml-tab", "4:1: error: a tab is used to indent this line: indent "
	    "with spaces"},
	{"yaml-indent", "5:4: error: \"margins\" is not lined up with "
	    "\"size\" on line 4: start it in column 3, as that key"},
};

ParameterizedTestParameters(template_bad, one_message)
{
	return cr_make_param_array(struct bad, bad_cases,
	    sizeof bad_cases / sizeof bad_cases[0]);
}

ParameterizedTest(struct bad *b, template_bad, one_message)
{
	char path[128];
	snprintf(path, sizeof path, BAD_DIR "/%s.yaml", b->file);
	struct arena *a = arena_new();
	struct diags *dd = diags_new();
	struct template *t = template_load_file(a, dd, path);
	cr_assert_null(t, "%s loaded", path);
	cr_assert_eq(diags_pending(dd), 1, "%s:\n%s", path, messages(dd));
	cr_assert_str_eq(diags_text(dd, 0), b->message, "%s", path);
	diags_free(dd);
	arena_free(a);
}

Test(template_bad, every_problem_in_one_pass)
{
	struct arena *a = arena_new();
	struct diags *dd = diags_new();
	cr_assert_null(template_load_file(a, dd, BAD_DIR "/many.yaml"));
	cr_assert_eq(diags_pending(dd), 4, "%s", messages(dd));
	cr_assert_str_eq(diags_text(dd, 0), "3:7: error: \"kind\" cannot be "
	    "\"minute\": use report or minutes (did you mean \"minutes\"?)");
	cr_assert_str_eq(diags_text(dd, 1),
	    "4:1: error: unknown key \"colour\"");
	cr_assert_str_eq(diags_text(dd, 2),
	    "6:5: error: missing required key \"heading\"");
	cr_assert_str_eq(diags_text(dd, 3),
	    "7:47: error: \"numbered\" must be true or false");
	diags_free(dd);
	arena_free(a);
}

Test(template_bad, missing_file_is_reported)
{
	struct arena *a = arena_new();
	struct diags *dd = diags_new();
	cr_assert_null(template_load_file(a, dd, BAD_DIR "/no-such.yaml"));
	cr_assert_eq(diags_pending(dd), 1);
	cr_assert_str_eq(diags_text(dd, 0), "error: cannot read template: "
	    "No such file or directory");
	diags_free(dd);
	arena_free(a);
}

Test(template_bad, bad_templates_are_left_out)
{
	struct diags *dd = diags_new();
	struct template_set s;
	cr_assert(templates_load(BAD_DIR, dd, &s));
	cr_assert_eq(s.count, 0);
	/* One message per file, four for many.yaml. */
	size_t files = sizeof bad_cases / sizeof bad_cases[0] + 1;
	cr_assert_eq(diags_pending(dd), files + 3, "%s", messages(dd));
	templates_free(&s);
	diags_free(dd);
}

Test(template_bad, overlapping_periods)
{
	struct diags *dd = diags_new();
	struct template_set s;
	cr_assert(templates_load(BAD_DIR "/overlap", dd, &s));
	/* The first in name order stays; the minutes do not clash. */
	cr_assert_eq(s.count, 2);
	cr_assert_str_eq(s.items[0]->id, "a-first");
	cr_assert_str_eq(s.items[1]->id, "c-minutes");
	cr_assert_eq(diags_pending(dd), 1, "%s", messages(dd));
	cr_assert_str_eq(diags_text(dd, 0), "3:13: error: validity period "
	    "overlaps that of template \"a-first\" (2000-01-01 to "
	    "2010-12-31)");
	templates_free(&s);
	diags_free(dd);
}

Test(template_bad, unreadable_folder)
{
	struct diags *dd = diags_new();
	struct template_set s;
	cr_assert(!templates_load(BAD_DIR "/no-such-folder", dd, &s));
	cr_assert_eq(s.count, 0);
	cr_assert_eq(diags_pending(dd), 0);
	templates_free(&s);
	diags_free(dd);
}
