/* test_layout.c: the layout engine (layout.c and its parts) with the fixed
 * test metrics: what must hold on every page (inside the margins, no
 * lines on top of each other), and the rules of the City look (hanging
 * numbers, widows and orphans, headings kept with their text, table
 * headers repeated, long words broken, fonts per character, footnotes,
 * images). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "assets.h"
#include "diag.h"
#include "glyphs.h"
#include "layout.h"
#include "model.h"
#include "paper.h"
#include "template.h"

static struct template_set set;
static struct diags *d;
static struct paper *paper;
static char dir[64];
static char path[128];

/* The text area of the City templates (A4, 20mm margins). */
#define X0 56.69
#define X1 538.58
#define YBOT 56.69
#define YTOP 785.20
#define E 0.01

static void
setup(void)
{
	d = diags_new();
	const char *tdir = getenv("CLERK_TEMPLATES");
	cr_assert(tdir != NULL, "CLERK_TEMPLATES is not set");
	cr_assert(templates_load(tdir, d, &set), "cannot read %s", tdir);
	cr_assert_eq(diags_pending(d), 0, "the templates have errors");
	strcpy(dir, "/tmp/clerk-layout-XXXXXX");
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

TestSuite(layout, .init = setup, .fini = teardown);

/* Reads the paper at file, which must have no errors. */
static const struct paper *
read_paper(const char *file)
{
	paper_free(paper);
	bool sys;
	paper = paper_read(file, &set, d, &sys);
	cr_assert(paper != NULL && !sys, "cannot read %s", file);
	cr_assert_eq(diags_errors(d), 0, "%s: %s", file, diags_pending(d) ?
	    diags_text(d, 0) : "");
	return paper;
}

static struct layout *
lay_file(const char *file)
{
	struct layout *l = layout_paper(read_paper(file), metrics_fixed(), d,
	    EDITION_FULL);
	cr_assert(l != NULL);
	return l;
}

/* Lays out a paper made of text. */
static struct layout *
lay_text(const char *text)
{
	FILE *fp = fopen(path, "w");
	cr_assert(fp != NULL);
	fputs(text, fp);
	fclose(fp);
	return lay_file(path);
}

#define FRONT "---\ntemplate: col-2018\ncommittee: Finance Committee\n" \
    "date: 2019-01-15\npurpose: information\nsubject: Test\n" \
    "report_of: The Chamberlain\n---\n\n## Summary\n\nA summary.\n\n"

/* A body after FRONT, with the Background section the template needs. */
static struct layout *
lay_body(const char *background, const char *current)
{
	size_t n = strlen(FRONT) + strlen(background) + strlen(current) + 64;
	char *text = malloc(n);
	snprintf(text, n, FRONT "## Background\n\n%s\n\n## Current Situation"
	    "\n\n%s\n", background, current);
	struct layout *l = lay_text(text);
	free(text);
	return l;
}

static bool
has_prefix(const struct box *b, const char *s)
{
	return b->type == BOX_TEXT && b->len >= strlen(s) &&
	    memcmp(b->text, s, strlen(s)) == 0;
}

static bool
text_is(const struct box *b, const char *s)
{
	return b->type == BOX_TEXT && b->len == strlen(s) &&
	    memcmp(b->text, s, b->len) == 0;
}

/* Every box of every page inside the text area; the running header and
 * footer (after nbody) on the page in the margins, clear of the text
 * area. */
static void
assert_inside(const struct layout *l, const char *what)
{
	for (size_t i = 0; i < l->npages; i++) {
		const struct lpage *pg = &l->pages[i];
		for (size_t j = 0; j < pg->nboxes; j++) {
			const struct box *b = &pg->boxes[j];
			double lo = b->y, hi = b->y + b->h;
			if (b->type == BOX_TEXT) {
				lo = b->y - 0.2 * b->size;
				hi = b->y + 0.8 * b->size;
			}
			if (j >= pg->nbody) {
				cr_assert(b->x >= X0 - E && b->x + b->w <=
				    X1 + E && lo >= 0 && hi <= 841.89 &&
				    (hi <= YBOT + E || lo >= YTOP - E),
				    "%s: page %zu: furniture \"%.*s\" not in "
				    "a margin", what, i + 1, (int)(b->type ==
				    BOX_TEXT ? b->len : 0), b->text ? b->text :
				    "");
				continue;
			}
			cr_assert(b->x >= X0 - E && b->x + b->w <= X1 + E &&
			    lo >= YBOT - E && hi <= YTOP + E,
			    "%s: page %zu box %zu (%.2f %.2f %.2f %.2f \"%.*s\") "
			    "outside the text area", what, i + 1, j, b->x, b->y,
			    b->w, b->h, (int)(b->type == BOX_TEXT ? b->len : 0),
			    b->text ? b->text : "");
		}
	}
}

/* No two text boxes of a page that share some width share some height. */
static void
assert_no_overlap(const struct layout *l, const char *what)
{
	for (size_t i = 0; i < l->npages; i++) {
		const struct lpage *pg = &l->pages[i];
		for (size_t j = 0; j < pg->nboxes; j++) {
			const struct box *a = &pg->boxes[j];
			if (a->type != BOX_TEXT)
				continue;
			for (size_t k = j + 1; k < pg->nboxes; k++) {
				const struct box *b = &pg->boxes[k];
				if (b->type != BOX_TEXT)
					continue;
				bool across = a->x < b->x + b->w - E &&
				    b->x < a->x + a->w - E;
				bool down = a->y - 0.2 * a->size <
				    b->y + 0.8 * b->size - E &&
				    b->y - 0.2 * b->size <
				    a->y + 0.8 * a->size - E;
				cr_assert(!(across && down),
				    "%s: page %zu: \"%.*s\" and \"%.*s\" overlap",
				    what, i + 1, (int)a->len, a->text,
				    (int)b->len, b->text);
			}
		}
	}
}

static const char *const goldens[] = {
	"tests/layout/seed.md", "tests/layout/long-table.md",
	"tests/layout/nested-lists.md", "tests/layout/footnotes.md",
	"tests/layout/non-public.md", "tests/layout/unicode.md",
	"tests/layout/minutes.md", "tests/layout/appendix.md",
	"tests/layout/word-paste.md",
	"tests/dump/features.md", "tests/dump/decimal.md",
	"content/streets-walkways-2024-03-12/street-tree-programme.md",
	"content/property-investment-2024-02-14/guildhall-yard-lease.md",
};

Test(layout, every_box_inside_the_margins_and_no_overlap)
{
	for (size_t i = 0; i < sizeof goldens / sizeof *goldens; i++) {
		struct layout *l = lay_file(goldens[i]);
		cr_assert_gt(l->npages, 0);
		cr_assert_float_eq(l->width, 595.28, E);
		assert_inside(l, goldens[i]);
		assert_no_overlap(l, goldens[i]);
	}
}

Test(layout, numbered_paragraph_hangs)
{
	struct layout *l = lay_file("tests/layout/seed.md");
	const struct lpage *pg = &l->pages[0];
	double num_y = -1;
	for (size_t j = 0; j < pg->nboxes; j++)
		if (text_is(&pg->boxes[j], "1.")) {
			cr_assert_float_eq(pg->boxes[j].x, X0, E);
			num_y = pg->boxes[j].y;
		}
	cr_assert_gt(num_y, 0, "no number 1.");
	int lines = 0;
	for (size_t j = 0; j < pg->nboxes; j++) {
		const struct box *b = &pg->boxes[j];
		if (b->type != BOX_TEXT || b->y > num_y + E ||
		    b->y < num_y - 4 * 14.4 - E || b->x < X0 + 1)
			continue;
		cr_assert_float_eq(b->x, X0 + 36, E, "\"%.*s\" at %.2f",
		    (int)b->len, b->text, b->x);
		lines++;
	}
	cr_assert_eq(lines, 5, "paragraph 1 has %d lines", lines);
}

/* The pages of the text boxes that begin with tag, in order. */
static size_t
tagged_lines(const struct layout *l, const char *tag, size_t *pages,
    size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < l->npages; i++)
		for (size_t j = 0; j < l->pages[i].nboxes; j++)
			if (has_prefix(&l->pages[i].boxes[j], tag) && n < max)
				pages[n++] = i;
	return n;
}

/* Background with fillers one-line paragraphs, then a paragraph of
 * lines lines of eleven words "tagNN" (36pt each with the fixed metrics:
 * eleven fill a numbered paragraph's 445.89pt), at every position on the
 * page. */
static char *
filler_body(int fillers, const char *tag, int lines)
{
	static char body[32768];
	body[0] = '\0';
	for (int i = 0; i < fillers; i++)
		strcat(body, "Filler.\n\n");
	for (int i = 0; i < 11 * lines; i++) {
		char w[16];
		snprintf(w, sizeof w, "%s%02d ", tag, i % 100);
		strcat(body, w);
	}
	return body;
}

/* A paragraph moved over every page break (the fillers put it at every
 * height): one of two or three lines is never split; a longer one keeps
 * at least two lines on each page. */
Test(layout, no_widow_or_orphan)
{
	for (int lines = 2; lines <= 5; lines++) {
		int splits = 0;
		for (int f = 15; f < 65; f++) {
			struct layout *l = lay_body(filler_body(f, "tagg", lines),
			    "After.");
			size_t pages[16];
			size_t n = tagged_lines(l, "tagg", pages, 16);
			cr_assert_eq(n, (size_t)lines, "%d fillers: %zu lines",
			    f, n);
			size_t first = 0;
			while (first < n && pages[first] == pages[0])
				first++;
			if (first == n)
				continue; /* on one page */
			splits++;
			cr_assert(lines >= 4 && first >= 2 && n - first >= 2,
			    "%d fillers: a paragraph of %d lines split %zu + %zu",
			    f, lines, first, n - first);
		}
		if (lines >= 4)
			cr_assert_gt(splits, 0, "never split: the test misses "
			    "the page breaks");
	}
}

Test(layout, heading_kept_with_its_text)
{
	for (int f = 15; f < 65; f++) {
		struct layout *l = lay_body(filler_body(f, "fill", 1),
		    "headd00 headd01 headd02 headd03 headd04 headd05 headd06 "
		    "headd07 headd08 headd09 headd10 headd11 headd12 headd13 "
		    "headd14 headd15 headd16 headd17 headd18 headd19");
		size_t heading = 0, pages[8];
		for (size_t i = 0; i < l->noutline; i++)
			if (strcmp(l->outline[i].title, "Current Situation")
			    == 0)
				heading = (size_t)l->outline[i].page;
		size_t n = tagged_lines(l, "headd", pages, 8);
		cr_assert_eq(n, 3);
		cr_assert_eq(pages[0], heading, "%d fillers: heading on page "
		    "%zu, its text on %zu", f, heading + 1, pages[0] + 1);
		cr_assert_eq(pages[1], heading, "%d fillers: one line after "
		    "the heading", f);
	}
}

/* The long table runs over three pages: its header is set again at the
 * top of the second and third. */
Test(layout, table_header_repeated_on_each_page)
{
	struct layout *l = lay_file("tests/layout/long-table.md");
	cr_assert_eq(l->npages, 3);
	for (size_t i = 0; i < l->npages; i++) {
		const struct lpage *pg = &l->pages[i];
		size_t headers = 0;
		for (size_t j = 0; j < pg->nboxes; j++)
			if (text_is(&pg->boxes[j], "Cost (\xc2\xa3)")) {
				headers++;
				cr_assert_eq(pg->boxes[j].font, FONT_BOLD);
			}
		cr_assert_eq(headers, 1, "page %zu", i + 1);
		if (i > 0)
			cr_assert(text_is(&pg->boxes[0], "Ward") &&
			    pg->boxes[0].y > YTOP - 20, "page %zu", i + 1);
	}
}

Test(layout, row_taller_than_a_page_is_split)
{
	static char body[40000] = "| Item | Text |\n|---|---|\n| A | ";
	for (int i = 0; i < 3000; i++)
		strcat(body, "word ");
	strcat(body, "|\n| B | short |\n");
	struct layout *l = lay_body(body, "After.");
	cr_assert_geq(l->npages, 3);
	assert_inside(l, "tall row");
	assert_no_overlap(l, "tall row");
}

/* Awkward input never leaves the text area nor overprints: a table of
 * many columns of long words, code lines longer than the measure, a long
 * word in a sub-heading and in a deep list. */
Test(layout, awkward_input_stays_inside)
{
	static char body[65536];
	strcpy(body, "### Averyveryveryveryveryveryveryveryveryveryveryveryvery"
	    "veryveryveryverylongsubheadingwordthatcannotfit\n\nText.\n\n");
	strcat(body, "|");
	for (int c = 0; c < 12; c++)
		strcat(body, " Columnheadingthatislong |");
	strcat(body, "\n|");
	for (int c = 0; c < 12; c++)
		strcat(body, ":--:|");
	for (int r = 0; r < 30; r++) {
		strcat(body, "\n|");
		for (int c = 0; c < 12; c++)
			strcat(body, " Supercalifragilisticexpialidocious x |");
	}
	strcat(body, "\n\n```\n");
	for (int i = 0; i < 300; i++)
		strcat(body, "x = 1;\t");
	strcat(body, "\n\n\tindented\n```\n\n");
	const char *indent = "";
	char pad[64] = "";
	for (int depth = 0; depth < 8; depth++) {
		char line[256];
		snprintf(line, sizeof line, "%s- Item at depth %d with "
		    "Pneumonoultramicroscopicsilicovolcanoconiosisandsomemore"
		    "lettersbesides\n", pad, depth);
		strcat(body, line);
		strcat(pad, "  ");
		(void)indent;
	}
	strcat(body, "\n> > > Quoted thrice with a "
	    "Pneumonoultramicroscopicsilicovolcanoconiosis word.\n");
	struct layout *l = lay_body(body, "After.");
	cr_assert_eq(diags_pending(d), 0, "%s", diags_pending(d) ?
	    diags_text(d, 0) : "");
	assert_inside(l, "awkward");
	assert_no_overlap(l, "awkward");
}

Test(layout, long_word_broken_by_character)
{
	char word[401];
	memset(word, 'x', 400);
	word[400] = '\0';
	char body[1024];
	snprintf(body, sizeof body, "Short %s end.", word);
	struct layout *l = lay_body(body, "After.");
	assert_inside(l, "long word");
	const struct lpage *pg = &l->pages[0];
	size_t pieces = 0, total = 0;
	double short_y = 0;
	for (size_t j = 0; j < pg->nboxes; j++) {
		const struct box *b = &pg->boxes[j];
		if (has_prefix(b, "Short"))
			short_y = b->y;
		if (has_prefix(b, "xxx")) {
			pieces++;
			total += strspn(b->text, "x") < b->len ?
			    strspn(b->text, "x") : b->len;
			/* the word starts on a line of its own */
			cr_assert_lt(b->y, short_y);
			cr_assert_leq(b->x + b->w, X1 + E);
		}
	}
	cr_assert_geq(pieces, 5);
	cr_assert_eq(total, 400);
}

Test(layout, long_url_broken_and_linked)
{
	struct layout *l = lay_body("See https://example.org/"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/report.pdf today.",
	    "After.");
	assert_inside(l, "url");
	size_t links = 0;
	for (size_t j = 0; j < l->pages[0].nboxes; j++)
		if (l->pages[0].boxes[j].type == BOX_LINK)
			links++;
	cr_assert_eq(links, 2, "a link box on each line of the URL");
}

Test(layout, no_glyph_reported_once_and_left_out)
{
	struct layout *l = lay_body("A face \xf0\x9f\x98\x80 and another "
	    "\xf0\x9f\x98\x80.", "After.");
	cr_assert(l != NULL);
	cr_assert_eq(diags_pending(d), 1);
	cr_assert_str_eq(diags_text(d, 0), "16:1: error: character U+1F600 "
	    "(\xf0\x9f\x98\x80) is in none of the template's fonts; remove it "
	    "or write it another way");
	for (size_t j = 0; j < l->pages[0].nboxes; j++) {
		const struct box *b = &l->pages[0].boxes[j];
		if (b->type == BOX_TEXT)
			for (size_t k = 0; k + 1 < b->len; k++)
				cr_assert(memcmp(b->text + k, "\xf0\x9f", 2)
				    != 0);
	}
}

Test(layout, glyphs_checked_where_typed_before_layout)
{
	FILE *fp = fopen(path, "w");
	cr_assert(fp != NULL);
	fputs(FRONT "## Background\n\nA face \xf0\x9f\x98\x80 and **another "
	    "\xf0\x9f\x98\x80**, \xe2\x9c\x93 in the fallback.\n\n"
	    "## Current Situation\n\n`code \xf0\x9f\x98\x81`\n", fp);
	fclose(fp);
	const struct paper *p = read_paper(path);
	glyphs_check(p, metrics_fixed(), d);
	cr_assert_eq(diags_pending(d), 3);
	const char *msg = " is in none of the template's fonts; remove it or "
	    "write it another way";
	char want[3][160];
	snprintf(want[0], sizeof want[0], "16:8: error: character U+1F600 "
	    "(\xf0\x9f\x98\x80)%s", msg);
	snprintf(want[1], sizeof want[1], "16:24: error: character U+1F600 "
	    "(\xf0\x9f\x98\x80)%s", msg);
	snprintf(want[2], sizeof want[2], "20:7: error: character U+1F601 "
	    "(\xf0\x9f\x98\x81)%s", msg);
	for (int i = 0; i < 3; i++)
		cr_assert_str_eq(diags_text(d, (size_t)i), want[i]);
}

Test(layout, fallback_font_for_missing_characters)
{
	struct layout *l = lay_body("Done \xe2\x9c\x93 and **bold "
	    "\xe2\x9c\x93** then \xe2\x86\x92 next.", "After.");
	cr_assert_eq(diags_pending(d), 0);
	int regular = 0, bold = 0, arrow = 0;
	for (size_t j = 0; j < l->pages[0].nboxes; j++) {
		const struct box *b = &l->pages[0].boxes[j];
		if (text_is(b, "\xe2\x9c\x93"))
			*(b->font == FONT_FALLBACK ? &regular : &bold) += 1;
		if (text_is(b, "\xe2\x86\x92") && b->font == FONT_FALLBACK)
			arrow++;
		if (has_prefix(b, "Done"))
			cr_assert_eq(b->font, FONT_REGULAR);
	}
	cr_assert_eq(regular, 1);
	cr_assert_eq(bold, 1);
	cr_assert_eq(arrow, 1);
}

Test(layout, footnote_at_the_foot_of_its_page)
{
	struct layout *l = lay_file("tests/layout/footnotes.md");
	assert_inside(l, "footnotes");
	assert_no_overlap(l, "footnotes");
	/* note 5 is referred to on page 2 and set there, below a rule */
	const struct lpage *pg = &l->pages[1];
	bool ref = false, note = false, rule = false;
	for (size_t j = 0; j < pg->nboxes; j++) {
		const struct box *b = &pg->boxes[j];
		if (text_is(b, "5") && b->size < 9)
			ref = true;
		if (has_prefix(b, "The pilot was agreed")) {
			note = true;
			cr_assert_float_eq(b->size, 10, E);
			cr_assert_lt(b->y, 100);
		}
		if (b->type == BOX_RULE && fabs(b->w - 72) < E)
			rule = true;
	}
	cr_assert(ref && note && rule);
}

Test(layout, footnote_that_cannot_fit_goes_on)
{
	char body[16384] = "Text with a long note.[^n]\n\n[^n]: ";
	for (int i = 0; i < 900; i++)
		strcat(body, "note ");
	struct layout *l = lay_body(body, "After.");
	assert_inside(l, "long note");
	assert_no_overlap(l, "long note");
}

Test(layout, cross_reference_links_to_its_paragraph)
{
	struct layout *l = lay_file("tests/dump/features.md");
	size_t found = 0;
	for (size_t i = 0; i < l->npages; i++)
		for (size_t j = 0; j < l->pages[i].nboxes; j++) {
			const struct box *b = &l->pages[i].boxes[j];
			if (b->type != BOX_LINK || b->uri != NULL)
				continue;
			found++;
			cr_assert(b->dest_page >= 0 &&
			    (size_t)b->dest_page < l->npages);
			cr_assert(b->dest_y > YBOT && b->dest_y <= YTOP + E);
		}
	cr_assert_eq(found, 2);
}

Test(layout, outline_of_sections_and_appendix)
{
	struct layout *l = lay_file("tests/layout/appendix.md");
	cr_assert_str_eq(l->outline[0].title, "Summary");
	bool main_report = false, appendix = false;
	for (size_t i = 0; i < l->noutline; i++) {
		if (strcmp(l->outline[i].title, "Main Report") == 0)
			main_report = true;
		if (strcmp(l->outline[i].title, "Appendix 1 \xe2\x80\x93 "
		    "Trees planted by ward") == 0) {
			appendix = true;
			cr_assert_eq(l->outline[i].level, 0);
			cr_assert_eq(l->outline[i].page, 1);
		}
	}
	cr_assert(!main_report && appendix);
}

Test(layout, image_scaled_to_the_width_with_caption)
{
	struct layout *l = lay_file("tests/layout/long-table.md");
	bool image = false;
	for (size_t i = 0; i < l->npages; i++)
		for (size_t j = 0; j < l->pages[i].nboxes; j++) {
			const struct box *b = &l->pages[i].boxes[j];
			if (b->type != BOX_IMAGE)
				continue;
			image = true;
			cr_assert_float_eq(b->x, X0 + 36, E);
			cr_assert_float_eq(b->w, X1 - X0 - 36, E);
			cr_assert_float_eq(b->h / b->w, 360.0 / 640, 1e-6);
			cr_assert_str_eq(b->alt, "Trees proposed in each quarter "
			    "of 2019");
			const struct box *c = &l->pages[i].boxes[j + 1];
			cr_assert(text_is(c, "Trees proposed in each quarter "
			    "of 2019") && c->font == FONT_ITALIC);
			cr_assert_lt(c->y, b->y);
		}
	cr_assert(image);
}

Test(layout, justified_lines_fill_the_measure)
{
	struct template *t = (struct template *)template_find(&set,
	    "col-2018");
	t->justify = true;
	struct layout *l = lay_body(filler_body(0, "just", 3), "After.");
	const struct lpage *pg = &l->pages[0];
	double right[8] = {0}, ys[8];
	size_t n = 0;
	for (size_t j = 0; j < pg->nboxes; j++) {
		const struct box *b = &pg->boxes[j];
		if (!has_prefix(b, "just"))
			continue;
		size_t k = 0;
		while (k < n && fabs(ys[k] - b->y) > E)
			k++;
		if (k == n && n < 8)
			ys[n++] = b->y;
		if (b->x + b->w > right[k])
			right[k] = b->x + b->w;
	}
	cr_assert_eq(n, 3);
	cr_assert_float_eq(right[0], X1, E);
	cr_assert_float_eq(right[1], X1, E);
	cr_assert_lt(right[2], X1 - 1, "the last line is not justified");
}

Test(layout, front_sheet_rows)
{
	struct layout *l = lay_file("tests/layout/non-public.md");
	const struct lpage *pg = &l->pages[0];
	cr_assert(has_prefix(&pg->boxes[0], "NOT FOR PUBLICATION: By virtue "
	    "of paragraph(s) 3, 5 and 7 of"));
	cr_assert_eq(pg->boxes[0].font, FONT_BOLD);
	int committees = 0;
	bool author = false, nonpublic = false;
	for (size_t j = 0; j < pg->nboxes; j++) {
		const struct box *b = &pg->boxes[j];
		if (text_is(b, "15 May 2019") || text_is(b, "21 May 2019") ||
		    text_is(b, "6 June 2019")) {
			committees++;
			cr_assert_float_eq(b->x, X0 + 0.72 * (X1 - X0) + 4,
			    0.02);
		}
		if (text_is(b, "Report author:"))
			author = b->font == FONT_BOLD;
		if (text_is(b, "Non-Public"))
			nonpublic = b->font == FONT_REGULAR;
	}
	cr_assert_eq(committees, 3);
	cr_assert(author && nonpublic);
}

Test(layout, minutes_resolutions_in_bold)
{
	struct layout *l = lay_file("tests/layout/minutes.md");
	int resolved = 0;
	for (size_t j = 0; j < l->pages[0].nboxes; j++) {
		const struct box *b = &l->pages[0].boxes[j];
		if (text_is(b, "RESOLVED")) {
			cr_assert_eq(b->font, FONT_BOLD);
			resolved++;
		}
	}
	cr_assert_eq(resolved, 2);
	cr_assert_str_eq(l->outline[3].title, "4. Bank Junction \xe2\x80\x93 "
	    "Experimental Traffic Order");
}

/* 10000 paragraphs: laid out in linear time, and "10000." (36pt at 12pt)
 * widens the hang of every numbered paragraph to 42pt. */
Test(layout, linear_in_the_paper_and_wide_numbers)
{
	size_t n = 10000;
	char *body = malloc(n * 120 + 64), *p = body;
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "Paragraph %zu with *some* words, a [link]"
		    "(https://example.org) and `code` in it.\n\n", i);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct layout *l = lay_body(body, "After.");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	free(body);
	double s = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	cr_assert_gt(l->npages, 200);
	cr_assert_lt(s, 10.0, "10000 paragraphs took %.2f s", s);
	const struct lpage *pg = &l->pages[l->npages - 1];
	bool last = false;
	for (size_t j = 0; j < pg->nboxes; j++)
		if (text_is(&pg->boxes[j], "After.")) {
			last = true;
			cr_assert_float_eq(pg->boxes[j].x, X0 + 42, E);
		}
	cr_assert(last);
}

/* Whether the n bytes at t hold s. */
static bool
bytes_hold(const char *t, size_t n, const char *s)
{
	size_t k = strlen(s);
	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(t + i, s, k) == 0)
			return true;
	return false;
}

/* Whether any text box of l, or any bookmark, holds s. */
static bool
holds(const struct layout *l, const char *s)
{
	for (size_t i = 0; i < l->npages; i++)
		for (size_t j = 0; j < l->pages[i].nboxes; j++) {
			const struct box *b = &l->pages[i].boxes[j];
			if (b->type == BOX_TEXT && bytes_hold(b->text, b->len,
			    s))
				return true;
		}
	for (size_t i = 0; i < l->noutline; i++)
		if (strstr(l->outline[i].title, s) != NULL)
			return true;
	return false;
}

/* The first box of the running header of page i (after nbody), or NULL. */
static const struct box *
header_box(const struct layout *l, size_t i)
{
	const struct lpage *pg = &l->pages[i];
	for (size_t j = pg->nbody; j < pg->nboxes; j++)
		if (pg->boxes[j].type == BOX_TEXT && pg->boxes[j].y > YTOP)
			return &pg->boxes[j];
	return NULL;
}

/* The public edition leaves the non-public appendices out and lists them
 * by their paragraphs; the full edition holds them, and marks their pages
 * (and only those) with the exempt notice in the header. */
Test(layout, editions)
{
	const struct paper *p = read_paper("tests/editions/report.md");
	struct layout *pub = layout_paper(p, metrics_fixed(), d,
	    EDITION_PUBLIC);
	cr_assert(pub != NULL);
	cr_assert(!holds(pub, "Zorbalanx"));
	cr_assert(holds(pub, "Appendix 1 \xe2\x80\x93 Site plans"));
	cr_assert(holds(pub, "non-public: exempt under paragraph 3 of Part 1"));
	for (size_t i = 0; i < pub->npages; i++) {
		cr_assert_null(pub->pages[i].exempt);
		cr_assert(header_box(pub, i) == NULL);
	}

	struct layout *full = layout_paper(p, metrics_fixed(), d,
	    EDITION_FULL);
	cr_assert(full != NULL);
	cr_assert(holds(full, "Zorbalanx"));
	/* a page is marked when, and only when, it holds non-public
	 * matter (every such text has the canary): the list naming the
	 * appendices (paragraphs 3 and 5), Appendix 2's pages (3) */
	size_t marked = 0, unmarked = 0;
	for (size_t i = 0; i < full->npages; i++) {
		const struct box *h = header_box(full, i);
		bool secret = false;
		for (size_t j = 0; j < full->pages[i].nbody; j++) {
			const struct box *b = &full->pages[i].boxes[j];
			if (b->type == BOX_TEXT && bytes_hold(b->text, b->len,
			    "Zorbalanx"))
				secret = true;
		}
		if (full->pages[i].exempt == NULL) {
			cr_assert(!secret, "page %zu: non-public, unmarked",
			    i + 1);
			cr_assert(h == NULL);
			unmarked++;
			continue;
		}
		cr_assert(secret, "page %zu: marked, but public", i + 1);
		marked++;
		size_t n = full->pages[i].nexempt;
		const int *x = full->pages[i].exempt;
		cr_assert((n == 1 && x[0] == 3) || (n == 2 && x[0] == 3 &&
		    x[1] == 5), "page %zu", i + 1);
		cr_assert(h != NULL && h->len > 20 && memcmp(h->text,
		    "NOT FOR PUBLICATION", 19) == 0, "page %zu", i + 1);
	}
	cr_assert_geq(marked, 3);
	cr_assert_geq(unmarked, 1); /* Appendix 1's page at least */

	/* a non-public paper: no public edition, every page marked */
	p = read_paper("tests/editions/secret.md");
	cr_assert_null(layout_paper(p, metrics_fixed(), d, EDITION_PUBLIC));
	cr_assert_eq(diags_pending(d), 0);
	full = layout_paper(p, metrics_fixed(), d, EDITION_FULL);
	cr_assert(full != NULL);
	for (size_t i = 0; i < full->npages; i++)
		cr_assert(full->pages[i].exempt != NULL &&
		    header_box(full, i) != NULL);
}

/* ---- Text pasted from a word processor -------------------------------- */

/* Fourteen words "abcd": 375 points with the fixed metrics, the
 * numbered paragraph's measure being 445.89. */
#define ABCD14 "abcd abcd abcd abcd abcd abcd abcd abcd abcd abcd abcd " \
    "abcd abcd abcd"

/* The first text box of page 1 whose text begins with s. */
static const struct box *
box_from(const struct layout *l, const char *s)
{
	for (size_t j = 0; j < l->pages[0].nboxes; j++)
		if (has_prefix(&l->pages[0].boxes[j], s))
			return &l->pages[0].boxes[j];
	cr_assert_fail("no text box begins \"%s\"", s);
	return NULL;
}

/* No text box of page 1 holds the bytes of s. */
static void
assert_nowhere(const struct layout *l, const char *s, const char *what)
{
	size_t n = strlen(s);
	for (size_t j = 0; j < l->pages[0].nboxes; j++) {
		const struct box *b = &l->pages[0].boxes[j];
		if (b->type != BOX_TEXT)
			continue;
		for (size_t k = 0; k + n <= b->len; k++)
			cr_assert(memcmp(b->text + k, s, n) != 0,
			    "%s printed in \"%.*s\"", what, (int)b->len,
			    b->text);
	}
}

Test(layout, soft_hyphen_prints_a_hyphen_only_where_a_line_breaks)
{
	struct layout *l = lay_body(ABCD14 " extra\xc2\xadordinary end, a "
	    "soft\xc2\xadhyphen mid-line.", "After.");
	const struct box *a = box_from(l, "abcd abcd");
	const struct box *b = box_from(l, "ordinary");
	cr_assert(text_is(a, ABCD14 " extra-"), "\"%.*s\"", (int)a->len,
	    a->text);
	cr_assert(text_is(b, "ordinary end, a softhyphen mid-line."),
	    "\"%.*s\"", (int)b->len, b->text);
	cr_assert_float_eq(a->y - b->y, 14.4, E);
	cr_assert_float_eq(a->w, (14 * 4 + 13 * 0.5 + 0.5 + 6) * 6, E);
	assert_nowhere(l, "\xc2\xad", "U+00AD");
	cr_assert_eq(diags_pending(d), 0);
}

Test(layout, soft_hyphen_breaks_only_where_its_hyphen_fits)
{
	/* abcdefghijk- would end at 447, past the measure; without its
	 * hyphen it would fit */
	struct layout *l = lay_body(ABCD14 " abcdefghijk\xc2\xadlm next.",
	    "After.");
	cr_assert(text_is(box_from(l, "abcd abcd"), ABCD14));
	cr_assert(text_is(box_from(l, "abcdefghijklm"), "abcdefghijklm next."));
	assert_inside(l, "soft hyphen");
}

Test(layout, zero_width_space_breaks_and_prints_nothing)
{
	struct layout *l = lay_body(ABCD14 " abcdefgh/\xe2\x80\x8bijklmnop "
	    "end, and/\xe2\x80\x8bor.", "After.");
	cr_assert(text_is(box_from(l, "abcd abcd"), ABCD14 " abcdefgh/"));
	cr_assert(text_is(box_from(l, "ijklmnop"), "ijklmnop end, and/or."));
	assert_nowhere(l, "\xe2\x80\x8b", "U+200B");
}

Test(layout, soft_hyphen_in_a_justified_line_is_no_gap)
{
	struct template *t = (struct template *)template_find(&set,
	    "col-2018");
	t->justify = true;
	struct layout *l = lay_body("Words that fill a line or two and "
	    "then some: a soft\xc2\xadhyphen and a zero\xe2\x80\x8bwidth space "
	    "inside lines that are justified, and more words to make a "
	    "third line.", "After.");
	const struct box *b = box_from(l, "softhyphen");
	cr_assert(text_is(b, "softhyphen"), "one word, no gap stretched");
	cr_assert(text_is(box_from(l, "zerowidth"), "zerowidth"));
	double right = 0;
	for (size_t j = 0; j < l->pages[0].nboxes; j++) {
		const struct box *o = &l->pages[0].boxes[j];
		if (o->type == BOX_TEXT && fabs(o->y - b->y) < E &&
		    o->x + o->w > right)
			right = o->x + o->w;
	}
	cr_assert_float_eq(right, X1, E, "its line is justified");
}

Test(layout, byte_order_mark_and_word_joiner_print_nothing)
{
	struct layout *l = lay_body("A b\xef\xbb\xbfyte-order mark and a "
	    "w\xe2\x81\xa0ord.", "After.");
	cr_assert(text_is(box_from(l, "A b"), "A byte-order mark and a "
	    "word."));
	assert_nowhere(l, "\xef\xbb\xbf", "U+FEFF");
	cr_assert_eq(diags_pending(d), 0);
}
