/* test_pack.c: a committee pack's plan (pack.c) and the pack stage
 * (pack_layout.c) with the fixed test metrics, without libharu: the lines
 * of the agenda, the routed appendix and its notes, the motion, page
 * numbers running on with stamps and blank pages, the agenda's ranges and
 * links, the joined layout's labels and links, and each pack kind's
 * pages kept apart from the other's. The meeting is tests/pack/meeting. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "agenda.h"
#include "diag.h"
#include "layout.h"
#include "pack.h"
#include "pack_layout.h"
#include "tagcheck.h"
#include "paper.h"
#include "template.h"

#define MEETING "tests/pack/meeting/agenda.md"
#define X1 538.58
#define YTOP 785.20

static struct template_set set;
static struct diags *d;
static struct agenda *ag;
static struct pack pk;
static struct pack_stage *stage;   /* of the last lay_pack */
static const struct pack_pages *pp; /* its kind's pages */
static struct pack_doc joined;     /* its kind laid out whole */

static void
setup(void)
{
	d = diags_new();
	const char *tdir = getenv("CLERK_TEMPLATES");
	cr_assert(tdir != NULL, "CLERK_TEMPLATES is not set");
	cr_assert(templates_load(tdir, d, &set), "cannot read %s", tdir);
	bool sys;
	ag = agenda_read(MEETING, &set, d, &sys);
	cr_assert(ag != NULL && !sys);
	cr_assert_eq(diags_errors(d), 0, "%s", diags_pending(d) ?
	    diags_text(d, 0) : "");
	cr_assert(pack_plan(ag, &pk, d));
}

static void
teardown(void)
{
	pack_stage_free(stage);
	agenda_free(ag);
	templates_free(&set);
	diags_free(d);
}

TestSuite(pack, .init = setup, .fini = teardown);

static const struct pack_entry *
entry(const char *number)
{
	for (size_t i = 0; i < pk.nentries; i++)
		if (strcmp(pk.entries[i].number, number) == 0)
			return &pk.entries[i];
	cr_assert_fail("no line %s", number);
	return NULL;
}

static bool
text_is(const struct box *b, const char *s)
{
	return b->type == BOX_TEXT && b->len == strlen(s) &&
	    memcmp(b->text, s, b->len) == 0;
}

/* Whether page pg of l has a text box reading s. */
static bool
page_has(const struct layout *l, size_t pg, const char *s)
{
	for (size_t i = 0; i < l->pages[pg].nboxes; i++)
		if (text_is(&l->pages[pg].boxes[i], s))
			return true;
	return false;
}

/* The agenda's text, all pages, one space between boxes. */
static char *
all_text(const struct layout *l)
{
	size_t n = 1;
	for (size_t p = 0; p < l->npages; p++)
		for (size_t i = 0; i < l->pages[p].nboxes; i++)
			n += l->pages[p].boxes[i].len + 1;
	char *s = calloc(1, n), *q = s;
	for (size_t p = 0; p < l->npages; p++)
		for (size_t i = 0; i < l->pages[p].nboxes; i++) {
			const struct box *b = &l->pages[p].boxes[i];
			if (b->type != BOX_TEXT)
				continue;
			memcpy(q, b->text, b->len);
			q += b->len;
			*q++ = ' ';
		}
	*q = '\0';
	return s;
}

Test(pack, lines_numbered_in_order_with_sub_items)
{
	const char *want[] = {"1", "2", "2a", "2b", "3", "4", "5", "6", "7"};
	cr_assert_eq(pk.nentries, sizeof want / sizeof *want);
	for (size_t i = 0; i < pk.nentries; i++)
		cr_assert_str_eq(pk.entries[i].number, want[i]);
	cr_assert_eq(entry("2a")->level, 1);
	cr_assert_eq(pk.part2, 6);
	cr_assert(pk.motion_unnumbered, "no exclusion item: the motion "
	    "stands under the Part 2 heading");
}

Test(pack, non_public_appendix_routed_to_part_2)
{
	const struct pack_entry *src = entry("3"), *ap = entry("6");
	cr_assert(src->omit_nonpublic);
	cr_assert_eq(ap->part, 2);
	cr_assert_eq(ap->paper, src->paper);
	cr_assert_eq(ap->appendix, 1);
	cr_assert_eq(ap->nexempt, 1);
	cr_assert_eq(ap->exempt[0], 3);
	cr_assert_str_eq(ap->note, "To be read in conjunction with Item 3.");
	cr_assert_str_eq(src->note, "NB \xe2\x80\x93 To be read in "
	    "conjunction with the non-public appendix at Item 6.");
	cr_assert(pack_holds(src, PACK_PUBLIC));
	cr_assert(!pack_holds(ap, PACK_PUBLIC));
	cr_assert(pack_holds(ap, PACK_FULL));
	/* the Part 2 paper's paragraphs, and the item after renumbered */
	cr_assert_str_eq(pack_paragraphs(ag->arena, entry("5")), "3, 5");
	cr_assert_null(entry("7")->paper);
}

static const struct metrics *
fixed(void *ctx, size_t worker, const struct template *t, const char **why)
{
	(void)ctx;
	(void)worker;
	(void)t;
	(void)why;
	return metrics_fixed();
}

/* The pack stage with the fixed metrics (duplex: padded to even). */
static struct pack_stage *
new_stage(bool duplex)
{
	struct pack_stage_options o = {.duplex = duplex, .njobs = 1,
	    .measure = {fixed, NULL}};
	int status;
	struct pack_stage *s = pack_stage_new(&pk, &set, &o, d, &status);
	cr_assert(s != NULL, "pack_stage_new: %d", status);
	return s;
}

/* Lays the pack out as "clerk pack" does (every document, the pages
 * numbered on from 1 and their first pages stamped), and returns the
 * agenda of kind; its pages in pp, its whole layout in joined. */
static struct layout *
lay_pack(enum pack_kind kind, bool duplex)
{
	pack_stage_free(stage);
	stage = new_stage(duplex);
	cr_assert(pack_stage_kind(stage, kind, &joined, d));
	pp = pack_stage_pages(stage, kind);
	cr_assert(pp->agenda != NULL);
	return pp->agenda;
}

/* Line e's pages in the last lay_pack. */
static const struct pack_line *
line(const struct pack_entry *e)
{
	return &pp->lines[e - pk.entries];
}

Test(pack, minutes_item_says_which_meeting)
{
	cr_assert_null(entry("2a")->description);
	cr_assert_str_eq(entry("2a")->lead, "To agree the public minutes of "
	    "the meeting held on 8 April 2025.");
	cr_assert_null(entry("3")->lead, "a report has no words of clerk's");
	struct layout *l = lay_pack(PACK_PUBLIC, false);
	char *text = all_text(l);
	cr_assert(strstr(text, "To agree the public minutes of the meeting "
	    "held on 8 April 2025.") != NULL, "%s", text);
	free(text);
}

Test(pack, pages_numbered_on_and_stamped)
{
	lay_pack(PACK_FULL, true);
	int expect = 1;
	for (size_t i = 0; i < pk.nentries; i++) {
		const struct pack_entry *e = &pk.entries[i];
		const struct pack_line *ln = &pp->lines[i];
		if (ln->doc == NULL)
			continue;
		cr_assert_eq(ln->first_page, expect, "line %s", e->number);
		const struct layout *l = ln->doc;
		cr_assert_eq(l->npages % 2, 0, "duplex: line %s has %zu pages",
		    e->number, l->npages);
		char stamp[32];
		snprintf(stamp, sizeof stamp, "Agenda Item %s", e->number);
		bool found = false;
		for (size_t k = 0; k < l->pages[0].nboxes; k++) {
			const struct box *b = &l->pages[0].boxes[k];
			if (!text_is(b, stamp))
				continue;
			found = true;
			cr_assert(b->x + b->w <= X1 + 0.01 && b->y > YTOP,
			    "the stamp stands at the top right, in the margin");
		}
		cr_assert(found, "no \"%s\" on its first page", stamp);
		for (size_t p = 0; p < l->npages; p++) {
			char num[16];
			snprintf(num, sizeof num, "%d", expect + (int)p);
			cr_assert(page_has(l, p, num), "line %s: page %zu is "
			    "not numbered %s", e->number, p + 1, num);
			if (p > 0)
				cr_assert(!page_has(l, p, stamp));
		}
		if ((int)l->npages > ln->last_page - ln->first_page + 1)
			cr_assert(page_has(l, l->npages - 1, "This page is "
			    "intentionally left blank"));
		expect += (int)l->npages;
	}
	/* numbering again replaces, not adds */
	const struct pack_line *e = line(entry("3"));
	size_t before = e->doc->pages[0].nboxes;
	layout_number(e->doc, metrics_fixed(), d, e->first_page, 1,
	    "Agenda Item 3");
	cr_assert_eq(e->doc->pages[0].nboxes, before);
}

Test(pack, agenda_prints_ranges_and_links_them)
{
	struct layout *l = lay_pack(PACK_FULL, false);
	char *text = all_text(l);
	for (size_t i = 0; i < pk.nentries; i++) {
		const struct pack_entry *e = &pk.entries[i];
		const struct pack_line *ln = &pp->lines[i];
		if (ln->doc == NULL)
			continue;
		char want[48];
		if (ln->first_page == ln->last_page)
			snprintf(want, sizeof want, "(Page %d)",
			    ln->first_page);
		else
			snprintf(want, sizeof want, "(Pages %d - %d)",
			    ln->first_page, ln->last_page);
		cr_assert(strstr(text, want) != NULL, "no %s for line %s",
		    want, e->number);
	}
	cr_assert(strstr(text, "Non-Public Document Pack") != NULL);
	cr_assert(strstr(text, "MOTION") != NULL);
	cr_assert(strstr(text, "TUESDAY, 10 JUNE 2025") != NULL);
	free(text);
	/* each linked title points at its line's first page */
	size_t links = 0;
	for (size_t p = 0; p < l->npages; p++)
		for (size_t i = 0; i < l->pages[p].nboxes; i++) {
			const struct box *b = &l->pages[p].boxes[i];
			if (b->type != BOX_LINK || b->uri != NULL)
				continue;
			links++;
			bool target = false;
			for (size_t k = 0; k < pk.nentries; k++)
				if (pp->lines[k].first_page - 1 ==
				    b->dest_page)
					target = true;
			cr_assert(target, "a link to page %d, which no line "
			    "begins", b->dest_page + 1);
		}
	cr_assert_geq(links, 4);
}

Test(pack, public_agenda_withholds_part_2_pages)
{
	struct layout *l = lay_pack(PACK_PUBLIC, false);
	char *text = all_text(l);
	cr_assert(strstr(text, "Public Document Pack") != NULL);
	cr_assert(strstr(text, "Non-Public Document Pack") == NULL);
	cr_assert(strstr(text, "ANIMAL RECEPTION CENTRE KENNELS") != NULL,
	    "a Part 2 line is listed by its title");
	const struct pack_line *e = line(entry("5"));
	char pages[48];
	snprintf(pages, sizeof pages, "(Pages %d - %d)", e->first_page,
	    e->last_page);
	cr_assert(strstr(text, pages) == NULL, "the public agenda gives "
	    "pages of a document it does not hold");
	cr_assert(strstr(text, "Non-public") != NULL);
	free(text);
}

/* The pages of agenda l on which a text box reads s at x (x < 0: any x),
 * as a bit set; *x_out (when not NULL) the x of the first. */
static unsigned long
pages_of(const struct layout *l, const char *s, double x, double *x_out)
{
	unsigned long on = 0;
	for (size_t p = 0; p < l->npages && p < 64; p++)
		for (size_t i = 0; i < l->pages[p].nboxes; i++) {
			const struct box *b = &l->pages[p].boxes[i];
			if (!text_is(b, s) || (x >= 0 && fabs(b->x - x) > 0.01))
				continue;
			if (x_out != NULL && on == 0)
				*x_out = b->x;
			on |= 1ul << p;
		}
	return on;
}

/* n notes for the front sheet, pushing the agenda down the pages. */
static void
set_notes(size_t n)
{
	static const char *notes[80];
	cr_assert_leq(n, 80);
	for (size_t i = 0; i < n; i++)
		notes[i] = "A note of the front sheet.";
	ag->notes = notes;
	ag->nnotes = n;
}

Test(pack, part_2_table_kept_with_its_header)
{
	lay_pack(PACK_FULL, false);
	const struct metrics *m = metrics_fixed();
	const struct template *t = template_latest(&set, KIND_REPORT);
	int moved = 0; /* times the table began a page */
	for (size_t n = 0; n <= 80; n++) {
		set_notes(n);
		struct layout *l = layout_agenda(&pk,
		    (struct pack_pages *)pp, t, m, d);
		cr_assert(l != NULL);
		double x = -1;
		unsigned long head = pages_of(l, "Paragraph No.", -1, NULL);
		unsigned long row1 = pages_of(l, "3, 5", -1, &x);
		unsigned long row2 = pages_of(l, "3", x, NULL);
		cr_assert(head != 0 && row1 != 0 && row2 != 0, "%zu notes: "
		    "the table is not all there", n);
		cr_assert(head == row1 && head == row2, "%zu notes: the "
		    "table's header is on pages %#lx, its rows on %#lx and "
		    "%#lx", n, head, row1, row2);
		if (head > 1 && pages_of(l, "Item No.", -1, NULL) == head)
			moved++;
	}
	cr_assert_gt(moved, 0, "the notes never pushed the table over a page");
}

Test(pack, long_part_2_table_repeats_its_header)
{
	lay_pack(PACK_FULL, false);
	/* 120 Part 2 lines like line 5: a table longer than a page */
	size_t extra = 120, n = pk.part2 + extra;
	struct pack_entry *es = calloc(n, sizeof *es);
	memcpy(es, pk.entries, pk.part2 * sizeof *es);
	const struct pack_entry *five = entry("5");
	static char numbers[120][8];
	for (size_t i = 0; i < extra; i++) {
		es[pk.part2 + i] = *five;
		snprintf(numbers[i], sizeof numbers[i], "%zu", 5 + i);
		es[pk.part2 + i].number = numbers[i];
	}
	struct pack big = pk;
	big.entries = es;
	big.nentries = n;
	struct pack_line *lines = calloc(n, sizeof *lines);
	memcpy(lines, pp->lines, pk.part2 * sizeof *lines);
	for (size_t i = 0; i < extra; i++)
		lines[pk.part2 + i] = *line(five);
	struct pack_pages big_pages = {PACK_FULL, lines, NULL, 0};
	struct layout *l = layout_agenda(&big, &big_pages,
	    template_latest(&set, KIND_REPORT), metrics_fixed(), d);
	cr_assert(l != NULL);
	unsigned long rows = pages_of(l, "3, 5", -1, NULL);
	unsigned long head = pages_of(l, "Paragraph No.", -1, NULL);
	cr_assert(rows & (rows - 1), "the table is on one page");
	cr_assert_eq(rows & ~head, 0, "pages %#lx hold rows without the "
	    "header (on %#lx)", rows, head);
	/* and the header stands above the rows on each page */
	for (size_t p = 0; p < l->npages; p++) {
		double top = -1, row_top = -1;
		for (size_t i = 0; i < l->pages[p].nboxes; i++) {
			const struct box *b = &l->pages[p].boxes[i];
			if (text_is(b, "Paragraph No.") && b->y > top)
				top = b->y;
			if (text_is(b, "3, 5") && b->y > row_top)
				row_top = b->y;
		}
		if (row_top >= 0)
			cr_assert_gt(top, row_top, "page %zu", p + 1);
	}
	free(lines);
	free(es);
}

Test(pack, motion_says_part_1_of_schedule_12a)
{
	char *text = all_text(lay_pack(PACK_FULL, false));
	cr_assert(strstr(text, "Part I ") == NULL);
	cr_assert(strstr(text, "as defined in Part 1 of Schedule 12A to the "
	    "Local Government Act 1972.") != NULL, "%s", text);
	cr_assert(strstr(text, "of Part 1 of Schedule 12A") != NULL);
	free(text);
}

Test(pack, join_labels_and_links)
{
	struct layout *ag_l = lay_pack(PACK_FULL, false);
	size_t na = ag_l->npages, total = na;
	for (size_t i = 0; i < pk.nentries; i++)
		if (pp->lines[i].doc != NULL)
			total += pp->lines[i].doc->npages;
	struct layout *j = joined.joined;
	cr_assert_eq(j->npages, total);
	cr_assert_eq(j->nlabels, 2, "roman for the agenda, then one decimal "
	    "run from 1");
	cr_assert_eq(j->labels[1].page, na);
	cr_assert_eq(j->labels[1].first, 1);
	/* an agenda link lands on the page where its line's stamp is */
	for (size_t i = 0; i < j->pages[0].nboxes; i++) {
		const struct box *b = &j->pages[0].boxes[i];
		if (b->type != BOX_LINK || b->uri != NULL)
			continue;
		size_t dest = (size_t)(j->pages[0].dest_base + b->dest_page);
		cr_assert_lt(dest, j->npages);
		bool stamped = false;
		for (size_t k = 0; k < j->pages[dest].nboxes; k++)
			if (j->pages[dest].boxes[k].len > 12 &&
			    memcmp(j->pages[dest].boxes[k].text,
			    "Agenda Item ", 12) == 0)
				stamped = true;
		cr_assert(stamped, "a link to page %zu, which is not an "
		    "item's first page", dest + 1);
	}
}

/* Whether a page of l has a text box reading s. */
static bool
any_page_has(const struct layout *l, const char *s)
{
	for (size_t p = 0; p < l->npages; p++)
		if (page_has(l, p, s))
			return true;
	return false;
}

/* With "{page} of {pages}" in the footer the packs' pages differ (the
 * public pack counts fewer), and each kind keeps its own: laying out one
 * kind after the other, in either order, leaves the first as it was. */
Test(pack, each_kind_keeps_its_own_page_numbers)
{
	for (size_t i = 0; i < set.count; i++)
		((struct template *)set.items[i])->footer = "{page} of {pages}";
	for (int order = 0; order < 2; order++) {
		enum pack_kind k1 = order == 0 ? PACK_PUBLIC : PACK_FULL;
		enum pack_kind k2 = order == 0 ? PACK_FULL : PACK_PUBLIC;
		pack_stage_free(stage);
		stage = new_stage(false);
		struct pack_doc a, b;
		cr_assert(pack_stage_kind(stage, k1, &a, d));
		cr_assert(pack_stage_kind(stage, k2, &b, d));
		const struct pack_pages *pub = pack_stage_pages(stage,
		    PACK_PUBLIC);
		const struct pack_pages *full = pack_stage_pages(stage,
		    PACK_FULL);
		cr_assert_lt(pub->total, full->total);
		const struct layout *lp = k1 == PACK_PUBLIC ? a.joined :
		    b.joined;
		const struct layout *lf = k1 == PACK_FULL ? a.joined :
		    b.joined;
		char want[32], other[32];
		snprintf(want, sizeof want, "1 of %d", pub->total);
		snprintf(other, sizeof other, "1 of %d", full->total);
		cr_assert(any_page_has(lp, want), "order %d: the public "
		    "pack has no \"%s\"", order, want);
		cr_assert(!any_page_has(lp, other), "order %d: the public "
		    "pack counts the full pack's pages", order);
		cr_assert(any_page_has(lf, other), "order %d: the full "
		    "pack has no \"%s\"", order, other);
		cr_assert(!any_page_has(lf, want), "order %d: the full "
		    "pack counts the public pack's pages", order);
	}
}

/* The agenda's tree: the committee H1, AGENDA H2, the parts' headings
 * H3; a TOC per part of a TOCI per line (its number a Lbl, its title a P
 * holding the Link to its first page, which owns the link's rectangle),
 * sub-items in a TOC inside their line's TOCI; the Part 2 table with its
 * header cells; the stamp an artifact. Joined, each document a Part. */
Test(pack, agenda_is_a_toc_of_linked_lines)
{
	struct layout *l = lay_pack(PACK_FULL, false);
	tc_check(l, "the agenda");
	tc_check(joined.joined, "the joined pack");
	size_t toci = 0, subtoc = 0, links = 0, th = 0;
	for (size_t i = 0; i < l->ntags; i++) {
		const struct selem *e = &l->tags[i];
		if (e->type == TAG_TOCI) {
			toci++;
			cr_assert_eq(l->tags[e->parent - 1].type, TAG_TOC);
		}
		if (e->type == TAG_TOC && e->parent > 1) {
			subtoc++;
			cr_assert_eq(l->tags[e->parent - 1].type, TAG_TOCI);
		}
		th += e->type == TAG_TH;
	}
	cr_assert_eq(toci, pk.nentries, "a TOCI per line");
	cr_assert_eq(subtoc, 1, "2a and 2b in a TOC inside line 2's TOCI");
	cr_assert_geq(th, 2, "the Part 2 table's header cells");
	for (size_t p = 0; p < l->npages; p++)
		for (size_t i = 0; i < l->pages[p].nboxes; i++) {
			const struct box *b = &l->pages[p].boxes[i];
			int e = tc_owner(&l->pages[p], b);
			if (text_is(b, "Non-Public Document Pack"))
				cr_assert_eq(e, 0, "the stamp is an artifact");
			if (b->type != BOX_LINK)
				continue;
			links++;
			cr_assert_eq(tc_type(l, e), TAG_LINK);
			char want[32];
			snprintf(want, sizeof want, "Go to page %d",
			    b->dest_page + 1);
			cr_assert_str_eq(l->tags[e - 1].alt, want);
			int up = e;
			while (up > 1 && tc_type(l, up) != TAG_TOCI)
				up = l->tags[up - 1].parent;
			cr_assert_eq(tc_type(l, up), TAG_TOCI, "a link outside "
			    "the agenda's lines");
		}
	cr_assert_geq(links, 4);
	int h = 0;
	for (size_t p = 0; p < l->npages && h == 0; p++)
		for (size_t i = 0; i < l->pages[p].nbody; i++)
			if (text_is(&l->pages[p].boxes[i], "AGENDA"))
				h = tc_owner(&l->pages[p],
				    &l->pages[p].boxes[i]);
	cr_assert_eq(tc_type(l, h), TAG_H2);
	const struct layout *j = joined.joined;
	size_t parts = 0;
	for (size_t i = 0; i < j->ntags; i++)
		if (j->tags[i].type == TAG_PART) {
			parts++;
			cr_assert_eq(j->tags[i].parent, 1);
		}
	cr_assert_geq(parts, 4, "the agenda and each document a Part");
	/* printed on both sides: the pages left blank are artifacts */
	lay_pack(PACK_FULL, true);
	tc_check(joined.joined, "the joined pack, duplex");
}

/* ---- Late items (tests/pack/late): the plans of each mode ---------------- */

#define LATE "tests/pack/late/agenda.md"

static struct agenda *late_ag;

static void
late_setup(void)
{
	d = diags_new();
	const char *tdir = getenv("CLERK_TEMPLATES");
	cr_assert(tdir != NULL, "CLERK_TEMPLATES is not set");
	cr_assert(templates_load(tdir, d, &set), "cannot read %s", tdir);
	bool sys;
	late_ag = agenda_read(LATE, &set, d, &sys);
	cr_assert(late_ag != NULL && !sys);
	cr_assert_eq(diags_errors(d), 0, "%s",
	    diags_pending(d) ? diags_text(d, 0) : "");
}

static void
late_teardown(void)
{
	agenda_free(late_ag);
	templates_free(&set);
	diags_free(d);
}

TestSuite(late, .init = late_setup, .fini = late_teardown);

/* The numbers of pk's lines, joined by spaces. */
static const char *
numbers(const struct pack *p, char *buf, size_t n)
{
	size_t k = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < p->nentries && k < n; i++)
		k += (size_t)snprintf(buf + k, n - k, "%s%s", i ? " " : "",
		    p->entries[i].number);
	return buf;
}

Test(late, main_plan_carries_no_late_paper)
{
	struct pack p;
	cr_assert(pack_plan(late_ag, &p, d));
	char buf[128];
	cr_assert_str_eq(numbers(&p, buf, sizeof buf),
	    "1 2 2a 2b 3 4 5 6 7 8 9 10 11");
	for (size_t i = 0; i < p.nentries; i++) {
		const struct pack_entry *e = &p.entries[i];
		bool late = e->item != NULL && e->item->to_follow;
		cr_assert_eq(e->to_follow, late, "line %s", e->number);
		if (late) {
			cr_assert_null(e->paper, "line %s", e->number);
			cr_assert_eq(e->purpose, PURPOSE_NONE);
			cr_assert_eq(e->nexempt, 0);
			cr_assert(strstr(e->title, "FOLLOW") == NULL);
		}
	}
	cr_assert_str_eq(pack_name(&p, PACK_PUBLIC), "-public");
	cr_assert_eq(pack_kinds(&p), 2);
}

Test(late, supplement_keeps_main_numbers)
{
	struct pack p;
	cr_assert(pack_plan_mode(late_ag, PACK_SUPPLEMENT, &p, d));
	cr_assert_eq(diags_errors(d), 0);
	char buf[128];
	cr_assert_str_eq(numbers(&p, buf, sizeof buf), "2 2b 4 5 9 10 12");
	cr_assert_str_eq(p.entries[p.part2].number, "9");
	cr_assert(!p.motion_unnumbered);
	/* 2: its late sub-item's item, by its title alone */
	cr_assert_null(p.entries[0].paper);
	cr_assert(!p.entries[0].to_follow);
	cr_assert_null(p.entries[0].description);
	/* 2b, 4, 9 carry their papers; 5 and 10 are still to follow */
	static const char *const carried[] = {"2b", "4", "9", "12"};
	for (size_t i = 0; i < p.nentries; i++) {
		const struct pack_entry *e = &p.entries[i];
		bool c = false;
		for (size_t k = 0; k < 4; k++)
			c = c || strcmp(carried[k], e->number) == 0;
		cr_assert_eq(pack_holds(e, PACK_FULL), c, "line %s", e->number);
		if (strcmp(e->number, "5") == 0 || strcmp(e->number, "10") == 0)
			cr_assert(e->to_follow);
	}
	/* 9 in the full supplement only; 12, 4's appendix, in Part 2 */
	cr_assert(!pack_holds(&p.entries[4], PACK_PUBLIC));
	const struct pack_entry *ap = &p.entries[6];
	cr_assert_eq(ap->appendix, 0);
	cr_assert_eq(ap->part, 2);
	cr_assert_str_eq(ap->note, "To be read in conjunction with Item 4.");
	cr_assert_str_eq(pack_name(&p, PACK_FULL), "-supplement-full");
	/* 5 and 10: a warning each, at its item */
	cr_assert_eq(diags_warnings(d), 2);
}

Test(late, agenda_alone_lists_papers_holds_none)
{
	struct pack p;
	cr_assert(pack_plan_mode(late_ag, PACK_AGENDA, &p, d));
	cr_assert_eq(pack_kinds(&p), 1);
	cr_assert_str_eq(pack_name(&p, PACK_PUBLIC), "-agenda");
	size_t listed = 0;
	for (size_t i = 0; i < p.nentries; i++) {
		const struct pack_entry *e = &p.entries[i];
		cr_assert(!pack_holds(e, PACK_FULL), "line %s", e->number);
		listed += e->listed;
		cr_assert_eq(e->listed, e->paper != NULL);
	}
	cr_assert_eq(listed, 3, "2a, 3 and 8");
}
