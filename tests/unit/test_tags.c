/* test_tags.c: the structure tree the layout engine builds for a tagged
 * PDF (layout.h: struct selem, box.tag and seq), with the fixed test
 * metrics: every text owned, furniture an artifact, heading levels never
 * skipped, numbered paragraphs and lists as L > LI > Lbl + LBody, table
 * headers (a repeated one an artifact), figures and decorative images,
 * links owning their text and rectangles, a footnote's Note right after
 * its reference. tagcheck.h holds what every tree must satisfy. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "layout.h"
#include "model.h"
#include "paper.h"
#include "tagcheck.h"
#include "template.h"

static struct template_set set;
static struct diags *d;
static struct paper *paper;
static char dir[64];
static char path[128];

static void
setup(void)
{
	d = diags_new();
	const char *tdir = getenv("CLERK_TEMPLATES");
	cr_assert(tdir != NULL, "CLERK_TEMPLATES is not set");
	cr_assert(templates_load(tdir, d, &set), "cannot read %s", tdir);
	strcpy(dir, "/tmp/clerk-tags-XXXXXX");
	cr_assert(mkdtemp(dir) != NULL);
	snprintf(path, sizeof path, "%s/t.md", dir);
}

static void
teardown(void)
{
	paper_free(paper);
	templates_free(&set);
	diags_free(d);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(tags, .init = setup, .fini = teardown);

static struct layout *
lay_file(const char *file, enum edition e)
{
	paper_free(paper);
	bool sys;
	paper = paper_read(file, &set, d, &sys);
	cr_assert(paper != NULL && !sys, "cannot read %s", file);
	cr_assert_eq(diags_errors(d), 0, "%s: %s", file,
	    diags_pending(d) ? diags_text(d, 0) : "");
	struct layout *l = layout_paper(paper, metrics_fixed(), d, e);
	cr_assert(l != NULL, "%s: no layout", file);
	return l;
}

#define FRONT "---\ntemplate: col-2018\ncommittee: Finance Committee\n" \
    "date: 2019-01-15\npurpose: information\nsubject: Test\n" \
    "report_of: The Chamberlain\n---\n\n## Summary\n\nA summary.\n\n"

/* A paper of FRONT, a Background section (numbered) and a Current
 * Situation, laid out. */
static struct layout *
lay_body(const char *background, const char *current)
{
	FILE *fp = fopen(path, "w");
	cr_assert(fp != NULL);
	fprintf(fp, FRONT "## Background\n\n%s\n\n## Current Situation\n\n%s\n",
	    background, current);
	fclose(fp);
	struct layout *l = lay_file(path, EDITION_FULL);
	tc_check(l, "the test paper");
	return l;
}

static bool
text_is(const struct box *b, const char *s)
{
	return b->type == BOX_TEXT && b->len == strlen(s) &&
	    memcmp(b->text, s, b->len) == 0;
}

/* The owner of the first body box reading s (0: none). */
static int
owner_of(const struct layout *l, const char *s)
{
	for (size_t p = 0; p < l->npages; p++)
		for (size_t i = 0; i < l->pages[p].nbody; i++)
			if (text_is(&l->pages[p].boxes[i], s))
				return tc_owner(&l->pages[p],
				    &l->pages[p].boxes[i]);
	cr_assert_fail("no box reads \"%s\"", s);
	return 0;
}

/* The text of element e in reading order. */
static const char *
text_of(const struct layout *l, int e)
{
	static char buf[4096];
	buf[0] = '\0';
	tc_text(l, e, buf, sizeof buf);
	return buf;
}

static const char *const papers[] = {
	"tests/layout/seed.md", "tests/layout/long-table.md",
	"tests/layout/nested-lists.md", "tests/layout/footnotes.md",
	"tests/layout/non-public.md", "tests/layout/unicode.md",
	"tests/layout/minutes.md", "tests/layout/appendix.md",
	"tests/layout/word-paste.md", "tests/layout/figures.md",
	"tests/dump/features.md", "tests/dump/decimal.md",
	"content/streets-walkways-2024-03-12/street-tree-programme.md",
	"content/streets-walkways-2024-03-12/minutes-2024-01-16.md",
	"content/property-investment-2024-02-14/guildhall-yard-lease.md",
};

Test(tags, every_text_owned_furniture_artifact_headings_not_skipped)
{
	for (size_t i = 0; i < sizeof papers / sizeof *papers; i++) {
		tc_check(lay_file(papers[i], EDITION_FULL), papers[i]);
	}
}

Test(tags, numbered_paragraphs_are_one_list_with_their_numbers)
{
	struct layout *l = lay_body("First of two.\n\nSecond of two.",
	    "Third.");
	int lbl = owner_of(l, "1.");
	cr_assert_eq(tc_type(l, lbl), TAG_LBL, "the number is in a Lbl");
	int li = l->tags[lbl - 1].parent;
	cr_assert_eq(tc_type(l, li), TAG_LI);
	int list = l->tags[li - 1].parent;
	cr_assert_eq(tc_type(l, list), TAG_L);
	cr_assert_eq(l->tags[list - 1].numbering, NUM_DECIMAL);
	size_t n;
	struct tc_kid *k = tc_kids(l, li, &n);
	cr_assert_eq(n, 2, "an LI is a Lbl and an LBody");
	cr_assert(!k[0].box && k[0].e == lbl, "the Lbl first");
	cr_assert(!k[1].box && tc_type(l, k[1].e) == TAG_LBODY);
	cr_assert_str_eq(text_of(l, k[1].e), "First of two. ");
	free(k);
	/* the second paragraph of the section is the same list's */
	int lbl2 = owner_of(l, "2.");
	cr_assert_eq(tc_type(l, lbl2), TAG_LBL);
	cr_assert_eq(l->tags[l->tags[lbl2 - 1].parent - 1].parent, list);
	cr_assert_str_eq(text_of(l, l->tags[lbl2 - 1].parent),
	    "2. Second of two. ");
	/* the next section's paragraph begins a list of its own */
	int lbl3 = owner_of(l, "3.");
	cr_assert_neq(l->tags[l->tags[lbl3 - 1].parent - 1].parent, list);
}

Test(tags, markdown_list_labels_and_numbering)
{
	struct layout *l = lay_body("Text.", "- one\n- two\n\n"
	    "Then.\n\n1. first\n2. second\n");
	int lbl = owner_of(l, "\xe2\x80\xa2");
	cr_assert_eq(tc_type(l, lbl), TAG_LBL);
	int list = l->tags[l->tags[lbl - 1].parent - 1].parent;
	cr_assert_eq(tc_type(l, list), TAG_L);
	cr_assert_eq(l->tags[list - 1].numbering, NUM_DISC);
	cr_assert_str_eq(text_of(l, list), "\xe2\x80\xa2 one \xe2\x80\xa2 "
	    "two ");
	int lbl1 = owner_of(l, "1.");
	cr_assert_eq(tc_type(l, lbl1), TAG_LBL);
	int ol = l->tags[l->tags[lbl1 - 1].parent - 1].parent;
	cr_assert_eq(l->tags[ol - 1].numbering, NUM_DECIMAL);
}

Test(tags, heading_levels_never_skip)
{
	struct layout *l = lay_body("Text.\n\n#### Deep at once\n\nMore.\n\n"
	    "### Sub\n\nText.", "Text.");
	cr_assert_eq(tc_type(l, owner_of(l, "Main Report")), TAG_H1);
	cr_assert_eq(tc_type(l, owner_of(l, "Background")), TAG_H2);
	cr_assert_eq(tc_type(l, owner_of(l, "Deep at once")), TAG_H3,
	    "a heading two levels down is one level down");
	cr_assert_eq(tc_type(l, owner_of(l, "Sub")), TAG_H3);
	cr_assert_eq(tc_type(l, owner_of(l, "Summary")), TAG_H1);
}

Test(tags, repeated_table_header_is_an_artifact)
{
	struct layout *l = lay_file("tests/layout/long-table.md",
	    EDITION_FULL);
	int th = owner_of(l, "Ward");
	cr_assert_eq(tc_type(l, th), TAG_TH);
	cr_assert_eq(l->tags[th - 1].scope, SCOPE_COLUMN);
	int tr = l->tags[th - 1].parent;
	cr_assert_eq(tc_type(l, l->tags[tr - 1].parent), TAG_THEAD);
	size_t repeats = 0;
	for (size_t p = 1; p < l->npages; p++)
		for (size_t i = 0; i < l->pages[p].nbody; i++) {
			const struct box *b = &l->pages[p].boxes[i];
			if (!text_is(b, "Ward"))
				continue;
			repeats++;
			cr_assert_eq(b->tag, 0, "page %zu: the repeated "
			    "header is owned", p + 1);
		}
	cr_assert_geq(repeats, 1);
	int td = owner_of(l, "Aldgate");
	cr_assert_eq(tc_type(l, td), TAG_TD);
	tr = l->tags[td - 1].parent;
	cr_assert_eq(tc_type(l, l->tags[tr - 1].parent), TAG_TBODY);
}

Test(tags, front_sheet_is_a_table_headed_by_its_labels)
{
	struct layout *l = lay_body("Text.", "Text.");
	int th = owner_of(l, "Committee(s):");
	cr_assert_eq(tc_type(l, th), TAG_TH);
	cr_assert_eq(l->tags[th - 1].scope, SCOPE_COLUMN);
	int th2 = owner_of(l, "Date(s):");
	cr_assert_eq(tc_type(l, th2), TAG_TH);
	int tr = l->tags[th - 1].parent;
	cr_assert_eq(tr, l->tags[th2 - 1].parent);
	cr_assert_eq(tc_type(l, l->tags[tr - 1].parent), TAG_THEAD);
	/* the rows under the labels are data: a subject is no header */
	int td = owner_of(l, "Subject:");
	cr_assert_eq(tc_type(l, td), TAG_TD);
	tr = l->tags[td - 1].parent;
	cr_assert_eq(tc_type(l, l->tags[tr - 1].parent), TAG_TBODY);
}

Test(tags, footnote_note_right_after_its_reference)
{
	struct layout *l = lay_file("tests/layout/footnotes.md",
	    EDITION_FULL);
	size_t notes = 0;
	for (size_t i = 0; i < l->ntags; i++) {
		if (l->tags[i].type != TAG_NOTE)
			continue;
		notes++;
		int note = (int)i + 1, at = l->tags[i].parent;
		/* the note's number, its first text */
		size_t nk;
		struct tc_kid *k = tc_kids(l, note, &nk);
		cr_assert(nk > 0 && k[0].box, "a Note begins with its number");
		char num[16];
		snprintf(num, sizeof num, "%.*s", (int)k[0].b->len,
		    k[0].b->text);
		free(k);
		k = tc_kids(l, at, &nk);
		size_t j = 0;
		while (j < nk && (k[j].box || k[j].e != note))
			j++;
		cr_assert(j > 0 && j < nk);
		cr_assert(k[j - 1].box && text_is(k[j - 1].b, num) &&
		        k[j - 1].b->size < 12,
		    "Note %s does not follow its reference in %s", num,
		    stag_name(tc_type(l, at)));
		free(k);
	}
	cr_assert_geq(notes, 3);
}

Test(tags, link_owns_its_text_and_rectangles)
{
	struct layout *l = lay_body("A line that goes on long enough for the "
	    "link to break: [the published guidance of the council on the "
	    "subject of street trees and their care](https://example.org/g) "
	    "ends.", "See paragraph [](#one) and mail [us](mailto:a@b.org).\n"
	    "\n{#one} A labelled paragraph.");
	int link = 0;
	for (size_t i = 0; i < l->ntags && link == 0; i++)
		if (l->tags[i].type == TAG_LINK &&
		    strcmp(l->tags[i].alt, "Link to https://example.org/g") ==
		        0)
			link = (int)i + 1;
	cr_assert_gt(link, 0, "no Link for the address");
	cr_assert_eq(tc_type(l, l->tags[link - 1].parent), TAG_P);
	size_t rects = 0, n;
	struct tc_kid *k = tc_kids(l, link, &n);
	for (size_t i = 0; i < n; i++)
		rects += k[i].box && k[i].b->type == BOX_LINK;
	free(k);
	cr_assert_eq(rects, 2, "one Link, a rectangle per line");
	cr_assert_str_eq(text_of(l, link), "the published guidance of the council "
	    "on the subject of street trees and their care ");
	bool xref = false, mail = false;
	for (size_t i = 0; i < l->ntags; i++) {
		const char *alt = l->tags[i].alt;
		if (l->tags[i].type != TAG_LINK)
			continue;
		xref = xref || strcmp(alt, "Go to paragraph 3") == 0;
		mail = mail || strcmp(alt, "Email a@b.org") == 0;
	}
	cr_assert(xref && mail, "the cross-reference and the mail link say "
	    "where they go");
}

Test(tags, figure_has_its_description_decorative_image_is_not_text)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "cp tests/unit/fixtures/images/dot.png "
	    "'%s/dot.png'", dir);
	cr_assert_eq(system(cmd), 0);
	struct layout *l = lay_body("Text.\n\n![A red dot](dot.png)\n\n"
	    "![](dot.png \"decorative\")", "Text.");
	size_t figures = 0, artifacts = 0;
	for (size_t p = 0; p < l->npages; p++)
		for (size_t i = 0; i < l->pages[p].nbody; i++) {
			const struct box *b = &l->pages[p].boxes[i];
			if (b->type != BOX_IMAGE)
				continue;
			int e = tc_owner(&l->pages[p], b);
			if (e == 0) {
				artifacts++;
				continue;
			}
			figures++;
			cr_assert_eq(tc_type(l, e), TAG_FIGURE);
			cr_assert_str_eq(l->tags[e - 1].alt, "A red dot");
			int cap = owner_of(l, "A red dot");
			cr_assert_eq(tc_type(l, cap), TAG_CAPTION);
			cr_assert_eq(l->tags[cap - 1].parent, e);
		}
	cr_assert_eq(figures, 1);
	cr_assert_eq(artifacts, 1, "the decorative image is an artifact");
}
