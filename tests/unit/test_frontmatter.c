/* test_frontmatter.c: the front matter of papers and minutes read into the
 * model and checked (frontmatter.c), with the exact messages. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "frontmatter.h"
#include "model.h"
#include "source.h"
#include "template.h"
#include "fixture.h"
#include "yaml.h"

static bool result;
static char out[8192];

TestSuite(frontmatter, .init = fixture_setup, .fini = fixture_teardown);

/* Reads a paper whose front matter is yaml (its line 1 is the file's line
 * 2) with the template set s. Returns every message, one a line. */
static const char *
read_with(const char *yaml, const struct template_set *s)
{
	char text[4096];
	snprintf(text, sizeof text, "---\n%s---\nBody.\n", yaml);
	arena_free(paper.arena);
	memset(&paper, 0, sizeof paper);
	paper.arena = arena_new();
	paper.path = "t.md";
	paper.dir = ".";
	paper.src = &src;
	cr_assert_eq(source_from_memory(paper.arena, d, "t.md", text,
	    strlen(text), &src), SOURCE_OK);
	source_split(&src, d, true);
	struct ynode *root = yaml_parse(paper.arena, d, &src, false);
	result = frontmatter_read(&paper, d, root, s);
	fixture_messages(out, sizeof out);
	return out;
}

static const char *
fm_read(const char *yaml)
{
	return read_with(yaml, &set);
}

/* A report that is valid, with what is needed besides its committee. */
#define SUBJECT "subject: Update\nreport_of: Town Clerk\n"

static const char seed[] =
    "committee: Safer City Partnership\n"
    "date: 2018-05-31\n"
    "purpose: information\n"
    "subject: Serious and Organised Crime Board - update\n"
    "report_of: John Simpson, Borough Commander, LFB\n"
    "public: true\n"
    "contact:\n"
    "  name: John Simpson\n"
    "  title: Borough Commander\n"
    "  mobile: 07810 850719\n"
    "  email: john.simpson@london-fire.gov.uk\n";

/* ------------------------------------------------------------------ */
/* Valid papers */

Test(frontmatter, seed_is_clean)
{
	cr_assert_str_eq(fm_read(seed), "");
	cr_assert(result);
	const struct meta *m = &paper.meta;
	cr_assert_eq(m->kind, KIND_REPORT);
	cr_assert_null(m->template_id);
	cr_assert_not_null(paper.tpl);
	cr_assert_eq(paper.tpl->kind, KIND_REPORT);
	cr_assert_eq(m->ncommittees, 1);
	cr_assert_str_eq(m->committees[0].name, "Safer City Partnership");
	cr_assert_eq(m->committees[0].date.year, 2018);
	cr_assert_eq(m->committees[0].date.month, 5);
	cr_assert_eq(m->committees[0].date.day, 31);
	cr_assert_eq(m->committees[0].purpose, PURPOSE_INFORMATION);
	cr_assert_eq(m->committees[0].pos.line, 2);
	cr_assert_str_eq(m->subject,
	    "Serious and Organised Crime Board - update");
	cr_assert_eq(m->nreport_of, 1);
	cr_assert_str_eq(m->report_of[0],
	    "John Simpson, Borough Commander, LFB");
	cr_assert(m->public);
	cr_assert_eq(m->nexempt, 0);
	cr_assert(m->has_contact);
	cr_assert_str_eq(m->contact.name, "John Simpson");
	cr_assert_str_eq(m->contact.title, "Borough Commander");
	cr_assert_str_eq(m->contact.mobile, "07810 850719");
	cr_assert_str_eq(m->contact.email, "john.simpson@london-fire.gov.uk");
	cr_assert_null(m->contact.phone);
	cr_assert_null(m->report_author);
	cr_assert_null(m->reference);
	cr_assert_eq(m->nappendices, 0);
	cr_assert_eq(m->nbackground_papers, 0);
}

Test(frontmatter, shorthand_defaults)
{
	cr_assert_str_eq(fm_read("committee: Finance Committee\n"
	    "date: 2024-02-14\npurpose: decision\n" SUBJECT), "");
	cr_assert(result);
	const struct meta *m = &paper.meta;
	cr_assert_eq(m->ncommittees, 1);
	cr_assert_str_eq(m->committees[0].name, "Finance Committee");
	cr_assert_eq(m->committees[0].purpose, PURPOSE_DECISION);
	cr_assert(m->public);
	cr_assert_null(m->contact.name);
	cr_assert(!m->has_contact);
}

Test(frontmatter, committees_list)
{
	cr_assert_str_eq(fm_read("committees:\n"
	    "  - name: Streets and Walkways Sub-Committee\n"
	    "    date: 2024-03-12\n"
	    "    purpose: decision\n"
	    "  - name: Planning and Transportation Committee\n"
	    "    date: 2024-03-26\n"
	    "purpose: information\n"
	    "subject: Street Trees\n"
	    "report_of:\n  - Executive Director Environment\n"
	    "  - City Surveyor\n"
	    "report_author: Trees Manager\n"
	    "reference: ENV-7\n"
	    "background_papers:\n  - Tree Strategy, May 2012\n"), "");
	cr_assert(result);
	const struct meta *m = &paper.meta;
	cr_assert_eq(m->ncommittees, 2);
	cr_assert_str_eq(m->committees[0].name,
	    "Streets and Walkways Sub-Committee");
	cr_assert_eq(m->committees[0].purpose, PURPOSE_DECISION);
	cr_assert_eq(m->committees[0].pos.line, 3);
	cr_assert_eq(m->committees[0].pos.col, 5);
	cr_assert_str_eq(m->committees[1].name,
	    "Planning and Transportation Committee");
	cr_assert_eq(m->committees[1].date.day, 26);
	cr_assert_eq(m->committees[1].purpose, PURPOSE_INFORMATION);
	cr_assert_eq(m->nreport_of, 2);
	cr_assert_str_eq(m->report_of[1], "City Surveyor");
	cr_assert_str_eq(m->report_author, "Trees Manager");
	cr_assert_str_eq(m->reference, "ENV-7");
	cr_assert_eq(m->nbackground_papers, 1);
	cr_assert_str_eq(m->background_papers[0], "Tree Strategy, May 2012");
}

Test(frontmatter, non_public_exempt_sorted)
{
	cr_assert_str_eq(fm_read("committee: Property Investment Board\n"
	    "date: 2024-02-14\npurpose: decision\n" SUBJECT
	    "public: false\nexempt_paragraphs: [7, 3]\n"), "");
	cr_assert(result);
	cr_assert(!paper.meta.public);
	cr_assert_eq(paper.meta.nexempt, 2);
	cr_assert_eq(paper.meta.exempt[0], 3);
	cr_assert_eq(paper.meta.exempt[1], 7);
}

Test(frontmatter, exempt_single_integer)
{
	cr_assert_str_eq(fm_read("committee: A\ndate: 2024-02-14\n"
	    "purpose: decision\n" SUBJECT
	    "public: false\nexempt_paragraphs: 3\n"), "");
	cr_assert_eq(paper.meta.nexempt, 1);
	cr_assert_eq(paper.meta.exempt[0], 3);
}

Test(frontmatter, appendices)
{
	cr_assert_str_eq(fm_read("committee: A\ndate: 2024-02-14\n"
	    "purpose: decision\n" SUBJECT
	    "appendices:\n"
	    "  - title: Planting locations\n"
	    "    file: content/streets-walkways-2024-03-12/appendices/"
	    "planting-locations.md\n"
	    "  - title: Species\n"
	    "    public: false\n"
	    "    exempt_paragraphs: [3]\n"), "");
	cr_assert(result);
	const struct meta *m = &paper.meta;
	cr_assert_eq(m->nappendices, 2);
	cr_assert_str_eq(m->appendices[0].title, "Planting locations");
	cr_assert_not_null(m->appendices[0].path);
	cr_assert(m->appendices[0].public);
	cr_assert_eq(m->appendices[0].pos.line, 8);
	cr_assert_str_eq(m->appendices[1].title, "Species");
	cr_assert_null(m->appendices[1].file);
	cr_assert(!m->appendices[1].public);
}

/* A public paper's non-public appendix names its paragraphs: the public
 * edition lists it by them. A non-public paper's stand for it. */
Test(frontmatter, appendix_paragraphs_needed)
{
	cr_assert_str_eq(fm_read("committee: A\ndate: 2024-02-14\n"
	    "purpose: decision\n" SUBJECT
	    "appendices:\n"
	    "  - title: Plans\n"
	    "  - title: Species\n"
	    "    public: false\n"), "9:5: error: non-public appendix 2 of a "
	    "public paper needs the paragraphs of Part 1 of Schedule 12A "
	    "that exempt it: add \"exempt_paragraphs: [3]\" (its numbers) to "
	    "its entry\n");
	cr_assert_str_eq(fm_read("committee: A\ndate: 2024-02-14\n"
	    "purpose: decision\n" SUBJECT
	    "public: false\nexempt_paragraphs: [5]\n"
	    "appendices:\n"
	    "  - title: Species\n"
	    "    public: false\n"), "");
}

Test(frontmatter, minutes)
{
	cr_assert_str_eq(fm_read("kind: minutes\n"
	    "committee: Streets and Walkways Sub-Committee\n"
	    "date: 2024-01-16\n"
	    "time: 1.45 pm\n"
	    "venue: Committee Room 2, Guildhall\n"
	    "present:\n  - The Chairman\n  - The Deputy Chairman\n"
	    "officers:\n  - Town Clerk's Department\n"
	    "in_attendance: [Alderman Smith]\n"), "");
	cr_assert(result);
	const struct meta *m = &paper.meta;
	cr_assert_eq(m->kind, KIND_MINUTES);
	cr_assert_not_null(paper.tpl);
	cr_assert_eq(paper.tpl->kind, KIND_MINUTES);
	cr_assert_eq(m->ncommittees, 1);
	cr_assert_str_eq(m->committees[0].name,
	    "Streets and Walkways Sub-Committee");
	cr_assert_eq(m->committees[0].purpose, PURPOSE_NONE);
	cr_assert_str_eq(m->time, "1.45 pm");
	cr_assert_str_eq(m->venue, "Committee Room 2, Guildhall");
	cr_assert_eq(m->npresent, 2);
	cr_assert_str_eq(m->present[1], "The Deputy Chairman");
	cr_assert_eq(m->nofficers, 1);
	cr_assert_eq(m->nin_attendance, 1);
	cr_assert_str_eq(m->in_attendance[0], "Alderman Smith");
	cr_assert(m->public);
}

/* ------------------------------------------------------------------ */
/* The whole front matter */

Test(frontmatter, empty_front_matter)
{
	cr_assert_str_eq(fm_read(""),
	    "2:1: error: missing committee: add \"committee\" and \"date\", "
	    "or a \"committees\" list\n"
	    "2:1: error: missing required key \"subject\"\n"
	    "2:1: error: missing required key \"report_of\"\n");
	cr_assert(!result);
	cr_assert_not_null(paper.tpl);
	cr_assert(paper.meta.public);
}

Test(frontmatter, not_a_mapping)
{
	cr_assert_str_eq(fm_read("- a\n- b\n"),
	    "2:1: error: front matter must be a mapping of keys to values\n");
	cr_assert(!result);
}

Test(frontmatter, syntax_error_alone)
{
	/* yaml.c reports the syntax; no missing keys on top of it. */
	fm_read("subject: [a\n");
	cr_assert(result, "frontmatter.c itself found nothing wrong");
	cr_assert_null(strstr(out, "missing"), "%s", out);
	cr_assert_str_eq(out, "2:10: error: this '[' is not closed: add ']' "
	    "at its end, or put the whole value in quotes if the '[' is part "
	    "of the text\n");
}

/* The common mistakes in YAML, each named in plain words at the place to
 * mend, once; others in general words. */
static const struct {
	const char *yaml;   /* front matter */
	const char *said;   /* all clerk says of it */
} advice_cases[] = {
	{"committee: Safer City Partnership\nsubject: Update: May "
	    "2018\nreport_of: The Town Clerk\n",
	    "3:10: error: the ':' in this value makes YAML read another "
	    "key: put the whole value in quotes: subject: \"Update: May "
	    "2018\"\n"},
	{"committee: Safer City Partnership\nsubject: Update:\n"
	    "report_of: The Town Clerk\n",
	    "3:10: error: the ':' in this value makes YAML read another "
	    "key: put the whole value in quotes: subject: \"Update:\"\n"},
	{"background_papers:\n  - Report: May 2018\n  - Other: x: y\n",
	    "4:5: error: the ':' in this value makes YAML read another "
	    "key: put the whole value in quotes: - \"Other: x: y\"\n"},
	{"subject: Update: \"May\"\n",
	    "2:10: error: the ':' in this value makes YAML read another "
	    "key: put the whole value in quotes: subject: 'Update: "
	    "\"May\"'\n"},
	{"appendices:\n  - title: Appendix A: Map\n    file: map.md\n",
	    "3:12: error: the ':' in this value makes YAML read another "
	    "key: put the whole value in quotes: title: \"Appendix A: "
	    "Map\"\n"},
	{"committee: A\nsubject: Test paper\n report_of: The Town "
	    "Clerk\n",
	    "4:2: error: \"report_of\" is not lined up with \"subject\" "
	    "on line 3: start it in column 1, as that key\n"},
	{"contact:\n  name: Jo Bloggs\n   email: jo@example.org\n",
	    "4:4: error: \"email\" is not lined up with \"name\" on line "
	    "3: start it in column 3, as that key\n"},
	{"committee: A\n  date: 2018-05-31\npurpose: information\n",
	    "3:3: error: \"date\" is not lined up with \"committee\" on "
	    "line 2: start it in column 1, as that key\n"},
	{"contact:\n    name: Jo Bloggs\n  email: jo@example.org\n",
	    "4:3: error: \"email\" is not lined up with \"name\" on line "
	    "3: start it in column 5, as that key\n"},
	{"committees:\n  - name: Planning\n    date: 2018-05-31\n   "
	    "purpose: decision\n",
	    "5:4: error: \"purpose\" is not lined up with \"date\" on "
	    "line 4: start it in column 5, as that key\n"},
	{"appendices:\n  - title: Map\n  file: map.md\n",
	    "4:3: error: \"file\" is not lined up with \"title\" on line "
	    "3: start it in column 5, as that key\n"},
	{"committees:\n  - name: Planning\n    date: 2024-03-12\n    "
	    "purpose: decision\n  - name: Finance\n  date: 2024-03-20\n",
	    "7:3: error: \"date\" is not lined up with \"name\" on line "
	    "6: start it in column 5, as that key\n"},
	{" committee: A\ndate: 2018-05-31\n",
	    "2:2: error: \"committee\" is not lined up with \"date\" on "
	    "line 3: start it in column 1, as that key\n"},
	{"report_of:\n  - City Surveyor\n report_author: Lighting "
	    "Engineer\nreference: ENV-SW-2024-14\n",
	    "4:2: error: \"report_author\" is not lined up with "
	    "\"report_of\" on line 2: start it in column 1, as that key\n"},
	{"members:\n  - Alderman for Bridge\n  - Common Councilman "
	    "for Portsoken\n    officers:\n  - Town Clerk\n",
	    "5:5: error: \"officers\" is not lined up with \"members\" "
	    "on line 2: start it in column 1, as that key\n"},
	{"appendices:\n  - title: Map\n    file: map.md\n contact: x\n",
	    "5:2: error: \"contact\" is not lined up with \"appendices\" "
	    "on line 2: start it in column 1, as that key\n"},
	{"contact:\n\tname: Jo Bloggs\n",
	    "3:1: error: a tab is used to indent this line: indent with "
	    "spaces\n"},
	{"committee: A\n\tdate: 2018\n",
	    "3:1: error: a tab is used to indent this line: indent with "
	    "spaces\n"},
	{"contact:\n  name: Jo\n  \temail: x\n",
	    "4:3: error: a tab is used to indent this line: indent with "
	    "spaces\n"},
	{"committee: A\ndate:2018-05-31\npurpose: information\n",
	    "3:6: error: a key needs a space after its ':': write date: "
	    "2018-05-31\n"},
	{"committee: A\ndate:2018-05-31\n",
	    "3:6: error: a key needs a space after its ':': write date: "
	    "2018-05-31\n"},
	{"committee:A\ndate: 2018-05-31\n",
	    "2:11: error: a key needs a space after its ':': write "
	    "committee: A\n"},
	{"contact:\n  name: Jo\n  email:jo@example.org\n",
	    "4:9: error: a key needs a space after its ':': write email: "
	    "jo@example.org\n"},
	{"committee:A\ndate:2018-05-31\npurpose:information\n",
	    "2:11: error: a key needs a space after its ':': write "
	    "committee: A\n"},
	{"contact:\n  - name: Jo\n    email:jo@x.org\n",
	    "4:11: error: a key needs a space after its ':': write "
	    "email: jo@x.org\n"},
	{"time: 11:00\ndate:2018-05-31\n",
	    "3:6: error: a key needs a space after its ':': write date: "
	    "2018-05-31\n"},
	{"subject: \"Test paper\nreport_of: The Town Clerk\n",
	    "2:10: error: the quote '\"' that opens this value is not "
	    "closed: end the value with '\"'\n"},
	{"committee: A\nsubject: \"Test paper\n",
	    "3:10: error: the quote '\"' that opens this value is not "
	    "closed: end the value with '\"'\n"},
	{"subject: 'Test paper\nreport_of: The Town Clerk\n",
	    "2:10: error: the quote \"'\" that opens this value is not "
	    "closed: end the value with \"'\"\n"},
	{"subject: \"The \"new\" scheme\"\nreport_of: X\n",
	    "2:10: error: the value in quotes ends at the second '\"', "
	    "and more text follows: if the quotes are part of the text, "
	    "write subject: 'The \"new\" scheme'\n"},
	{"background_papers:\n  - \"Report A\n  - Report B\n",
	    "3:5: error: the quote '\"' that opens this value is not "
	    "closed: end the value with '\"'\n"},
	{"subject: 'it's fine'\nreport_of: X\n",
	    "2:10: error: the value in quotes ends at the second \"'\", "
	    "and more text follows: if the quotes are part of the text, "
	    "write subject: \"it's fine\"\n"},
	{"subject: \"Update\" - Phase 2\nreport_of: X\n",
	    "2:10: error: the value in quotes ends at the second '\"', "
	    "and more text follows: if the quotes are part of the text, "
	    "write subject: '\"Update\" - Phase 2'\n"},
	{"subject: 'Members' allowances\nreport_of: X\n",
	    "2:10: error: the value in quotes ends at the second \"'\", "
	    "and more text follows: if the quotes are part of the text, "
	    "write subject: \"'Members' allowances\"\n"},
	{"background_papers: Report of 2017\n  - Report to Committee\n",
	    "2:20: error: \"background_papers\" has text here and a '- ' "
	    "list below it (line 3): a key holds text or a list, not "
	    "both; make this text an item of the list, or remove the "
	    "list\n"},
	{"background_papers: Report of 2017\n- Report to Committee\n",
	    "2:20: error: \"background_papers\" has text here and a '- ' "
	    "list below it (line 3): a key holds text or a list, not "
	    "both; make this text an item of the list, or remove the "
	    "list\n"},
	{"subject: Test\n  - one\n  - two\n",
	    "2:10: error: \"subject\" has text here and a '- ' list "
	    "below it (line 3): a key holds text or a list, not both; "
	    "make this text an item of the list, or remove the list\n"},
	{"background_papers:\n  - A\n    - B\n",
	    "4:5: error: this '- ' item is not lined up with the item on "
	    "line 3: put its '-' in column 3\n"},
	{"background_papers:\n  - A\n - B\n",
	    "4:2: error: this '- ' item is not lined up with the item on "
	    "line 3: put its '-' in column 3\n"},
	{"appendices:\n  - title: Map\n    file: map.md\n   - title: "
	    "Plan\n",
	    "5:4: error: this '- ' item is not lined up with the item on "
	    "line 3: put its '-' in column 3\n"},
	{"background_papers:\n  - A\n- B\n",
	    "4:1: error: this '- ' item is not lined up with the item on "
	    "line 3: put its '-' in column 3\n"},
	{"background_papers:\n- A\n  - B\n",
	    "4:3: error: this '- ' item is not lined up with the item on "
	    "line 3: put its '-' in column 1\n"},
	{"appendices:\n  - title: Map\n    file: map.md\n    - title: "
	    "Plan\n",
	    "5:5: error: this '- ' item is not lined up with the item on "
	    "line 3: put its '-' in column 3\n"},
	{"committees:\n- name: Planning\n  date: 2024-03-12\n - name: "
	    "Finance\n",
	    "5:2: error: this '- ' item is not lined up with the item on "
	    "line 3: put its '-' in column 1\n"},
	{"subject:\nTest paper\nreport_of: The Town Clerk\n",
	    "3:1: error: the value of \"subject\" (line 2) must be on "
	    "the key's line: write subject: Test paper\n"},
	{"committee: A\nsubject:\nTest paper\n",
	    "4:1: error: the value of \"subject\" (line 3) must be on "
	    "the key's line: write subject: Test paper\n"},
	{"contact:\n  name:\n  Jo Bloggs\n  email: x\n",
	    "4:3: error: the value of \"name\" (line 3) must be on the "
	    "key's line: write name: Jo Bloggs\n"},
	{"report_of: City Surveyor\nreport_author: Principal "
	    "Surveyor, City\nSurveyor's Department\npublic: false\n",
	    "4:1: error: this line has no ': ', so it is not a key: if "
	    "it is more of the value of \"report_author\" (line 3), "
	    "indent it more than \"report_author\"\n"},
	{"contact:\n  title: Principal Surveyor\n  phone 020 7606 "
	    "3030\n",
	    "4:3: error: this line has no ': ', so it is not a key: if "
	    "it is more of the value of \"title\" (line 3), indent it "
	    "more than \"title\"\n"},
	{"subject: [Test paper\nreport_of: X\n",
	    "2:10: error: this '[' is not closed: add ']' at its end, or "
	    "put the whole value in quotes if the '[' is part of the "
	    "text\n"},
	{"enquiries: {name: Governance Officer\n",
	    "2:12: error: this '{' is not closed: add '}' at its end, or "
	    "put the whole value in quotes if the '{' is part of the "
	    "text\n"},
	{"subject: `Test`\n",
	    "2:10: error: a key or value cannot begin with '`': put it "
	    "in quotes\n"},
	{"report_of: X\n{report_author: Governance Officer\n"
	    "reference: TC\n",
	    "3:1: error: this line cannot be read as YAML (could not "
	    "find expected ':'): check its indentation, the space after "
	    "each ':' and its quotes\n"},
	{"subject: \"Test paper\ncontinued\"\nreport_of: X\n",
	    "2:10: error: this line cannot be read as YAML (wrongly "
	    "indented double-quoted scalar): check its indentation, the "
	    "space after each ':' and its quotes\n"},
	{"https://example.org/report\nsubject: Test\n",
	    "2:1: error: this line cannot be read as YAML (invalid "
	    "multiline plain key): check its indentation, the space "
	    "after each ':' and its quotes\n"},
};

Test(frontmatter, yaml_advice)
{
	for (size_t i = 0; i < sizeof advice_cases / sizeof advice_cases[0];
	    i++) {
		fm_read(advice_cases[i].yaml);
		cr_expect_str_eq(out, advice_cases[i].said, "case %zu:\n%s",
		    i, advice_cases[i].yaml);
	}
}

/* Where the '---' that closes the front matter is missing: before the
 * first line that cannot be front matter, or at a closing line mistyped. */
static const char *
split(const char *text)
{
	arena_free(paper.arena);
	memset(&paper, 0, sizeof paper);
	paper.arena = arena_new();
	cr_assert_eq(source_from_memory(paper.arena, d, "t.md", text,
	    strlen(text), &src), SOURCE_OK);
	source_split(&src, d, true);
	cr_assert(src.front_unclosed);
	fixture_messages(out, sizeof out);
	return out;
}

Test(frontmatter, unclosed)
{
	cr_assert_str_eq(split("---\ncommittee: A\ndate: 2018-05-31\n"
	    "\n## Summary\n"), "4:1: error: front matter is not closed: add "
	    "a line '---' here, where the front matter ends and the body "
	    "begins\n");
	/* "# Summary" right after the keys: a heading, not a comment */
	cr_assert_str_eq(split("---\ncommittee: A\n# a note\ndate: 2018\n"
	    "# Summary\nBudget.\n"), "5:1: error: front matter is not closed: "
	    "add a line '---' here, where the front matter ends and the body "
	    "begins\n");
	cr_assert_str_eq(split("---\ncommittee: A\n\n1. Apologies\n"),
	    "3:1: error: front matter is not closed: add a line '---' here, "
	    "where the front matter ends and the body begins\n");
	cr_assert_str_eq(split("---\ncommittee: A\n----\n\nText.\n"),
	    "3:1: error: front matter is closed by a line of exactly three "
	    "hyphens: write '---' here\n");
	cr_assert_str_eq(split("---\ncommittee: A\n\xe2\x80\x94\nText.\n"),
	    "3:1: error: front matter is closed by a line of exactly three "
	    "hyphens: write '---' here\n");
	/* no line of a body: the general message */
	cr_assert_str_eq(split("---\ncommittee: A\ndate: 2018-05-31\n"),
	    "1:1: error: front matter is not closed: add a line '---' after "
	    "the last key\n");
}

/* What YAML reads as the author meant gets no advice. */
Test(frontmatter, yaml_advice_not_given)
{
	fm_read("committee: Safer City Partnership\n"
	    "date: 2018-05-31\n"
	    "purpose: information\n"
	    "subject:\n"
	    "  Serious and Organised Crime Board - update \"May\"\n"
	    "  and the year ahead\n"
	    "report_of: Borough Commander, see https://www.london-fire.gov.uk\n"
	    "report_author: |\n"
	    "  - John Simpson\n"
	    "  \t(Borough Commander)\n"
	    "reference: 'SCP - 2018: 05'\n"
	    "background_papers:\n"
	    "- Safer City Partnership Strategic Plan 2017-2018,\n"
	    "  approved in March\n"
	    "- \"Board minutes\n"
	    "  - 14 February 2018\"\n");
	cr_assert_str_eq(out, "");
}

Test(frontmatter, bad_kind)
{
	cr_assert_str_eq(fm_read("kind: minute\ncommittee: A\ndate: 2024-01-16\n"
	    "present: [B]\n"),
	    "2:7: error: \"kind\" cannot be \"minute\": use \"report\" or "
	    "\"minutes\" (did you mean \"minutes\"?)\n");
	/* It goes on as the kind meant. */
	cr_assert_eq(paper.meta.kind, KIND_MINUTES);
	cr_assert(!result);
	cr_assert_str_eq(fm_read("kind: Report\ncommittee: A\ndate: 2024-01-16\n"
	    "purpose: decision\n" SUBJECT),
	    "2:7: error: \"kind\" cannot be \"Report\": use \"report\" or "
	    "\"minutes\" (did you mean \"report\"?)\n");
}

Test(frontmatter, unknown_key_did_you_mean)
{
	cr_assert_str_eq(fm_read("committee: A\ndate: 2024-02-14\n"
	    "purpose: decision\nsubjet: Update\nreport_of: Town Clerk\n"
	    "colour: blue\nReference: X\nreprot_author: Y\n"),
	    "5:1: error: unknown key \"subjet\" (did you mean \"subject\"?)\n"
	    "7:1: error: unknown key \"colour\"\n"
	    "8:1: error: unknown key \"Reference\" (did you mean "
	    "\"reference\"?)\n"
	    "9:1: error: unknown key \"reprot_author\" (did you mean "
	    "\"report_author\"?)\n");
	cr_assert(!result);
	/* A required key misspelt is reported once, as unknown with its
	 * suggestion, not also as missing; a required key absent without a
	 * near miss still is. */
	cr_assert_str_eq(fm_read("committee: A\ndate: 2024-02-14\n"
	    "purpose: decision\nsubjet: Update\n"),
	    "5:1: error: unknown key \"subjet\" (did you mean \"subject\"?)\n"
	    "6:1: error: missing required key \"report_of\"\n");
}

Test(frontmatter, key_of_other_kind)
{
	cr_assert_str_eq(fm_read("committee: A\ndate: 2024-02-14\n"
	    "purpose: decision\n" SUBJECT "present: [B]\nvenue: Guildhall\n"),
	    "7:1: error: \"present\" is not a key of a report\n"
	    "8:1: error: \"venue\" is not a key of a report\n");
	cr_assert_str_eq(fm_read("kind: minutes\ncommittee: A\n"
	    "date: 2024-01-16\npresent: [B]\nsubject: X\npurpose: decision\n"
	    "committees: []\n"),
	    "6:1: error: \"subject\" is not a key of minutes\n"
	    "7:1: error: \"purpose\" is not a key of minutes\n"
	    "8:1: error: \"committees\" is not a key of minutes\n");
}

/* ------------------------------------------------------------------ */
/* Types */

Test(frontmatter, wrong_types)
{
	cr_assert_str_eq(fm_read("committee: A\ndate: 2024-02-14\n"
	    "purpose: decision\n"
	    "subject: [a, b]\n"
	    "report_of: {a: b}\n"
	    "reference:\n"
	    "report_author: ''\n"
	    "background_papers: One paper\n"),
	    "5:10: error: \"subject\" must be text\n"
	    "6:12: error: \"report_of\" must be text or a list\n"
	    "7:1: error: \"reference\" is empty\n"
	    "8:1: error: \"report_author\" is empty\n"
	    "9:20: error: \"background_papers\" must be a list\n");
	cr_assert(!result);
}

Test(frontmatter, minutes_lists)
{
	cr_assert_str_eq(fm_read("kind: minutes\ncommittee: A\n"
	    "date: 2024-01-16\npresent: The Chairman\n"
	    "officers: Town Clerk\nin_attendance:\n  - [x]\n"),
	    "5:10: error: \"present\" must be a list\n"
	    "6:11: error: \"officers\" must be a list\n"
	    "8:5: error: \"in_attendance\" must be text\n");
	cr_assert_str_eq(fm_read("kind: minutes\ncommittee: A\n"
	    "date: 2024-01-16\npresent: []\n"),
	    "5:10: error: \"present\" is empty\n");
	cr_assert_str_eq(fm_read("kind: minutes\n"),
	    "3:1: error: missing required key \"committee\"\n"
	    "3:1: error: missing required key \"date\"\n"
	    "3:1: error: missing required key \"present\"\n");
}

Test(frontmatter, public_boolean)
{
	const char *expect = "5:9: error: \"public\" must be true or false\n";
	cr_assert_str_eq(fm_read("committee: A\ndate: 2024-02-14\n"
	    "purpose: decision\npublic: yes\n" SUBJECT), expect);
	cr_assert_str_eq(fm_read("committee: A\ndate: 2024-02-14\n"
	    "purpose: decision\npublic: no\n" SUBJECT), expect);
	/* A quoted scalar's position is that of its first character. */
	cr_assert_str_eq(fm_read("committee: A\ndate: 2024-02-14\n"
	    "purpose: decision\npublic: \"true\"\n" SUBJECT),
	    "5:10: error: \"public\" must be true or false\n");
	cr_assert_str_eq(fm_read("committee: A\ndate: 2024-02-14\n"
	    "purpose: decision\npublic:\n" SUBJECT),
	    "5:1: error: \"public\" is empty\n");
	cr_assert(!result);
}

/* ------------------------------------------------------------------ */
/* Exempt paragraphs */

Test(frontmatter, exempt_errors)
{
	cr_assert_str_eq(fm_read("committee: A\ndate: 2024-02-14\n"
	    "purpose: decision\n" SUBJECT
	    "public: false\nexempt_paragraphs: [3, 9, 3, x, \"4\", 0]\n"),
	    "8:24: error: exempt paragraph 9 is not a paragraph of Part 1 of "
	    "Schedule 12A: use 1 to 7\n"
	    "8:27: warning: exempt paragraph 3 is listed twice\n"
	    "8:30: error: \"x\" must be a whole number\n"
	    "8:34: error: \"4\" must be a whole number\n"
	    "8:38: error: exempt paragraph 0 is not a paragraph of Part 1 of "
	    "Schedule 12A: use 1 to 7\n");
	cr_assert(!result);
	cr_assert_eq(paper.meta.nexempt, 1);
	cr_assert_eq(paper.meta.exempt[0], 3);
}

Test(frontmatter, exempt_repeat_is_only_a_warning)
{
	cr_assert_str_eq(fm_read("committee: A\ndate: 2024-02-14\n"
	    "purpose: decision\n" SUBJECT
	    "public: false\nexempt_paragraphs: [3, 3]\n"),
	    "8:24: warning: exempt paragraph 3 is listed twice\n");
	cr_assert(result);
	cr_assert_eq(paper.meta.nexempt, 1);
}

Test(frontmatter, exempt_missing)
{
	cr_assert_str_eq(fm_read("committee: A\ndate: 2024-02-14\n"
	    "purpose: decision\n" SUBJECT "public: false\n"),
	    "7:1: error: a non-public paper needs \"exempt_paragraphs\": the "
	    "paragraphs (1 to 7) of Part 1 of Schedule 12A it relies on\n");
	cr_assert(!result);
}

Test(frontmatter, exempt_on_public)
{
	const char *expect = "\"exempt_paragraphs\" is only for non-public "
	    "papers and appendices: add \"public: false\" or remove it\n";
	char want[512];
	snprintf(want, sizeof want, "7:1: error: %s", expect);
	cr_assert_str_eq(fm_read("committee: A\ndate: 2024-02-14\n"
	    "purpose: decision\n" SUBJECT "exempt_paragraphs: [3]\n"), want);
	snprintf(want, sizeof want, "8:1: error: %s", expect);
	cr_assert_str_eq(fm_read("committee: A\ndate: 2024-02-14\n"
	    "purpose: decision\n" SUBJECT "public: true\n"
	    "exempt_paragraphs: [3]\n"), want);
	cr_assert(!result);
}

/* ------------------------------------------------------------------ */
/* Committees, dates, purposes */

Test(frontmatter, dates)
{
	cr_assert_str_eq(fm_read("committee: A\ndate: 31/05/2018\n"
	    "purpose: decision\n" SUBJECT),
	    "3:7: error: \"31/05/2018\" is not a date: write it as 2018-05-31 "
	    "(year-month-day)\n");
	cr_assert(!result);
	cr_assert_str_eq(fm_read("committee: A\ndate: 2018-02-30\n"
	    "purpose: decision\n" SUBJECT),
	    "3:7: error: 2018-02-30 is not a date in the calendar\n");
	cr_assert_str_eq(fm_read("committee: A\ndate:\n"
	    "purpose: decision\n" SUBJECT),
	    "3:1: error: \"date\" is empty\n");
}

Test(frontmatter, committee_entries)
{
	cr_assert_str_eq(fm_read("committees:\n"
	    "  - name: Police Authority Board\n"
	    "    date: 2018-05-31\n"
	    "    purpose: for decision\n"
	    "  - name:\n"
	    "    chair: X\n"
	    "  - date: 2018-06-01\n"
	    "    purpose: decison\n"
	    "  - Finance\n" SUBJECT),
	    "5:14: error: \"purpose\" cannot be \"for decision\": use "
	    "\"decision\", \"information\" or \"discussion\" (did you mean "
	    "\"decision\"?)\n"
	    "6:5: error: \"name\" is empty\n"
	    "6:5: error: missing required key \"date\"\n"
	    "7:5: error: unknown key \"chair\"\n"
	    "8:5: error: missing required key \"name\"\n"
	    "9:14: error: \"purpose\" cannot be \"decison\": use \"decision\", "
	    "\"information\" or \"discussion\" (did you mean \"decision\"?)\n"
	    "10:5: error: each entry of \"committees\" must be a mapping of "
	    "keys to values\n");
	cr_assert(!result);
}

Test(frontmatter, committee_entry_did_you_mean)
{
	cr_assert_str_eq(fm_read("committees:\n"
	    "  - name: A\n    date: 2024-02-14\n    purpose: decision\n"
	    "    nmae: B\n" SUBJECT),
	    "6:5: error: unknown key \"nmae\" (did you mean \"name\"?)\n");
}

Test(frontmatter, committees_not_a_list)
{
	cr_assert_str_eq(fm_read("committees:\n  name: A\n  date: 2024-02-14\n"
	    "purpose: decision\n" SUBJECT),
	    "3:3: error: \"committees\" must be a list\n");
	cr_assert_str_eq(fm_read("committees: []\npurpose: decision\n" SUBJECT),
	    "2:13: error: \"committees\" is empty\n");
}

Test(frontmatter, shorthand_with_list)
{
	cr_assert_str_eq(fm_read("committees:\n"
	    "  - name: A\n    date: 2024-02-14\n"
	    "committee: B\ndate: 2024-02-15\npurpose: decision\n" SUBJECT),
	    "5:1: error: \"committee\" cannot be used together with "
	    "\"committees\": give it in each committee entry\n"
	    "6:1: error: \"date\" cannot be used together with \"committees\": "
	    "give it in each committee entry\n");
	/* The top-level purpose is the default of the entries. */
	cr_assert_eq(paper.meta.ncommittees, 1);
	cr_assert_eq(paper.meta.committees[0].purpose, PURPOSE_DECISION);
}

Test(frontmatter, no_committee)
{
	cr_assert_str_eq(fm_read("purpose: decision\n" SUBJECT),
	    "5:1: error: missing committee: add \"committee\" and \"date\", or "
	    "a \"committees\" list\n");
	cr_assert(!result);
	cr_assert_str_eq(fm_read("committee: A\npurpose: decision\n" SUBJECT),
	    "6:1: error: missing required key \"date\"\n");
	/* Every problem at once: the purpose too, though the date is bad. */
	cr_assert_str_eq(fm_read("committee: A\ndate: 2024-2-14\n" SUBJECT),
	    "2:1: error: missing purpose for committee \"A\": add \"purpose: "
	    "decision\", \"information\" or \"discussion\"\n"
	    "3:7: error: \"2024-2-14\" is not a date: write it as 2018-05-31 "
	    "(year-month-day)\n");
	cr_assert_str_eq(fm_read("date: 2024-02-14\npurpose: decision\n" SUBJECT),
	    "6:1: error: missing required key \"committee\"\n");
}

Test(frontmatter, no_purpose)
{
	cr_assert_str_eq(fm_read("committee: Finance Committee\n"
	    "date: 2024-02-14\n" SUBJECT),
	    "2:1: error: missing purpose for committee \"Finance Committee\": "
	    "add \"purpose: decision\", \"information\" or \"discussion\"\n");
	cr_assert(!result);
	cr_assert_str_eq(fm_read("committees:\n"
	    "  - name: A\n    date: 2024-02-14\n    purpose: decision\n"
	    "  - name: B\n    date: 2024-02-15\n" SUBJECT),
	    "6:5: error: missing purpose for committee \"B\": add \"purpose: "
	    "decision\", \"information\" or \"discussion\"\n");
}

/* ------------------------------------------------------------------ */
/* Contact and appendices */

Test(frontmatter, contact)
{
	cr_assert_str_eq(fm_read("committee: A\ndate: 2024-02-14\n"
	    "purpose: decision\n" SUBJECT
	    "contact:\n  name: J\n  emial: j@x.com\n  email: j.x.com\n"),
	    "9:3: error: unknown key \"emial\" (did you mean \"email\"?)\n"
	    "10:10: warning: \"j.x.com\" does not look like an email address\n");
	cr_assert(!result);
	cr_assert_str_eq(fm_read("committee: A\ndate: 2024-02-14\n"
	    "purpose: decision\n" SUBJECT "contact:\n  email: j@x\n"),
	    "8:10: warning: \"j@x\" does not look like an email address\n");
	cr_assert(result);
	cr_assert_str_eq(paper.meta.contact.email, "j@x");
	cr_assert_str_eq(fm_read("committee: A\ndate: 2024-02-14\n"
	    "purpose: decision\n" SUBJECT "contact: J Smith\n"),
	    "7:10: error: \"contact\" must be a mapping of keys to values\n");
}

Test(frontmatter, appendix_errors)
{
	cr_assert_str_eq(fm_read("committee: A\ndate: 2024-02-14\n"
	    "purpose: decision\n" SUBJECT
	    "appendices:\n"
	    "  - title: A\n    file: a.docx\n"
	    "  - file: nowhere.md\n"
	    "  - title: C\n    public: \"true\"\n    titel: D\n"
	    "  - Plain\n"),
	    "9:11: error: appendix file \"a.docx\" must be Markdown (.md) or "
	    "PDF (.pdf)\n"
	    "10:5: error: missing required key \"title\"\n"
	    "10:11: error: \"nowhere.md\" not found\n"
	    "12:14: error: \"public\" must be true or false\n"
	    "13:5: error: unknown key \"titel\" (did you mean \"title\"?)\n"
	    "14:5: error: each entry of \"appendices\" must be a mapping of keys "
	    "to values\n");
	cr_assert(!result);
	cr_assert_str_eq(fm_read("committee: A\ndate: 2024-02-14\n"
	    "purpose: decision\n" SUBJECT "appendices: Budget\n"),
	    "7:13: error: \"appendices\" must be a list\n");
}

/* ------------------------------------------------------------------ */
/* Templates */

Test(frontmatter, unknown_template)
{
	cr_assert_str_eq(fm_read("template: col-2081\ncommittee: A\n"
	    "date: 2018-05-31\npurpose: decision\n" SUBJECT),
	    "2:11: error: unknown template \"col-2081\" (did you mean "
	    "\"col-2018\"?); \"clerk templates\" lists them\n");
	cr_assert(!result);
	/* The body is still checked against the template of the date. */
	cr_assert_not_null(paper.tpl);
	cr_assert_null(paper.meta.template_id);
}

Test(frontmatter, template_of_other_kind)
{
	cr_assert_str_eq(fm_read("template: minutes\ncommittee: A\n"
	    "date: 2018-05-31\npurpose: decision\n" SUBJECT),
	    "2:11: error: template \"minutes\" is for minutes, not a report\n");
	cr_assert(!result);
	cr_assert_not_null(paper.tpl);
	cr_assert_eq(paper.tpl->kind, KIND_REPORT);
	cr_assert_str_eq(fm_read("kind: minutes\ntemplate: col-2018\n"
	    "committee: A\ndate: 2018-05-31\npresent: [B]\n"),
	    "3:11: error: template \"col-2018\" is for reports, not minutes\n");
}

Test(frontmatter, template_named)
{
	cr_assert_str_eq(fm_read("template: col-2018\n" "committee: A\n"
	    "date: 2018-05-31\npurpose: decision\n" SUBJECT), "");
	cr_assert_str_eq(paper.meta.template_id, "col-2018");
	cr_assert_str_eq(paper.tpl->id, "col-2018");
}

Test(frontmatter, installed_templates_by_date)
{
	cr_assert_str_eq(fm_read("committee: A\ndate: 2024-02-14\n"
	    "purpose: decision\n" SUBJECT), "");
	cr_assert_str_eq(paper.tpl->id, "col-2023");
	cr_assert_str_eq(fm_read("committee: A\ndate: 2010-01-01\n"
	    "purpose: decision\n" SUBJECT),
	    "3:7: warning: no report template was in force on 2010-01-01; "
	    "using \"col-2018\" (in force from 2015-01-01 to 2022-12-31)\n");
	cr_assert(result);
	cr_assert_str_eq(paper.tpl->id, "col-2018");
	cr_assert_str_eq(fm_read("template: district-decimal\nward: Cheap\n"
	    "committee: A\ndate: 2024-02-14\npurpose: decision\n" SUBJECT),
	    "");
	cr_assert_str_eq(paper.tpl->id, "district-decimal");
	cr_assert_eq(paper.meta.nextras, 1);
	cr_assert_str_eq(paper.meta.extras[0].value, "Cheap");
}

/* A set of made-up templates, to test choosing by date and the keys a
 * template declares without depending on the installed ones. */
static struct template t_old = {.id = "old", .kind = KIND_REPORT,
    .has_from = true, .from = {2015, 1, 1}, .has_to = true,
    .to = {2019, 12, 31}};
static struct template t_new = {.id = "new", .kind = KIND_REPORT,
    .has_from = true, .from = {2020, 1, 1}};
static struct tpl_key planning_keys[] = {
	{.name = "ward", .type = KEY_STRING, .required = true},
	{.name = "registered_on", .type = KEY_DATE},
	{.name = "storeys", .type = KEY_INTEGER},
	{.name = "listed", .type = KEY_BOOLEAN},
	{.name = "objectors", .type = KEY_LIST},
};
static struct template t_planning = {.id = "planning", .kind = KIND_REPORT,
    .has_from = true, .from = {2015, 1, 1}, .keys = planning_keys,
    .nkeys = 5};

Test(frontmatter, nearest_template)
{
	struct template *items[] = {&t_new, &t_old};
	struct template_set s = {.items = items, .count = 2};
	cr_assert_str_eq(read_with("committee: A\ndate: 2010-01-01\n"
	    "purpose: decision\n" SUBJECT, &s),
	    "3:7: warning: no report template was in force on 2010-01-01; "
	    "using \"old\" (in force from 2015-01-01 to 2019-12-31)\n");
	cr_assert(result);
	cr_assert_eq(paper.tpl, &t_old);
	cr_assert_str_eq(read_with("committee: A\ndate: 2018-05-31\n"
	    "purpose: decision\n" SUBJECT, &s), "");
	cr_assert_eq(paper.tpl, &t_old);
	/* No date: the newest, so that the body can be checked. */
	read_with("committee: A\npurpose: decision\n" SUBJECT, &s);
	cr_assert_eq(paper.tpl, &t_new);
}

Test(frontmatter, no_template_of_kind)
{
	struct template *items[] = {&t_new, &t_old};
	struct template_set s = {.items = items, .count = 2};
	cr_assert_str_eq(read_with("kind: minutes\ncommittee: A\n"
	    "date: 2024-01-16\npresent: [B]\n", &s),
	    "2:7: error: no template for minutes is installed\n");
	cr_assert(!result);
	cr_assert_null(paper.tpl);
}

Test(frontmatter, template_keys)
{
	struct template *items[] = {&t_planning};
	struct template_set s = {.items = items, .count = 1};
	cr_assert_str_eq(read_with("committee: A\ndate: 2024-01-16\n"
	    "purpose: decision\n" SUBJECT "ward: Cheap\n"
	    "registered_on: 2023-11-02\nstoreys: 12\nlisted: false\n"
	    "objectors: [Mr A, Ms B]\n", &s), "");
	cr_assert(result);
	const struct meta *m = &paper.meta;
	cr_assert_eq(m->nextras, 5);
	cr_assert_str_eq(m->extras[0].key->name, "ward");
	cr_assert_str_eq(m->extras[0].value, "Cheap");
	cr_assert_eq(m->extras[0].pos.line, 7);
	cr_assert_str_eq(m->extras[1].value, "2023-11-02");
	cr_assert_str_eq(m->extras[2].value, "12");
	cr_assert_str_eq(m->extras[3].value, "false");
	cr_assert_str_eq(m->extras[4].value, "Mr A; Ms B");
}

Test(frontmatter, template_key_errors)
{
	struct template *items[] = {&t_planning};
	struct template_set s = {.items = items, .count = 1};
	cr_assert_str_eq(read_with("committee: A\ndate: 2024-01-16\n"
	    "purpose: decision\n" SUBJECT "registered_on: 2/11/2023\n"
	    "storeys: twelve\nlisted: yes\nobjectors: Mr A\nwrd: Cheap\n", &s),
	    "7:16: error: \"2/11/2023\" is not a date: write it as 2018-05-31 "
	    "(year-month-day)\n"
	    "8:10: error: \"twelve\" must be a whole number\n"
	    "9:9: error: \"listed\" must be true or false\n"
	    "10:12: error: \"objectors\" must be a list\n"
	    "11:1: error: unknown key \"wrd\" (did you mean \"ward\"?)\n"
	    "12:1: error: missing required key \"ward\" (template planning)\n");
	cr_assert(!result);
	/* A template's key is unknown to a paper of another template. */
	struct template *others[] = {&t_new};
	struct template_set o = {.items = others, .count = 1};
	cr_assert_str_eq(read_with("committee: A\ndate: 2024-01-16\n"
	    "purpose: decision\n" SUBJECT "ward: Cheap\n", &o),
	    "7:1: error: unknown key \"ward\"\n");
}
