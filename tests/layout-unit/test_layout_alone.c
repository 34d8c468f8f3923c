/* test_layout_alone.c: the layout engine linked with the model and the
 * fixed test metrics only (no Markdown, YAML, PDF, XML or PNG library:
 * the Makefile links build/layout-tests with Criterion and -lm alone). A
 * paper and its template are built here in C, laid out, and the pages
 * checked against what the fixed metrics give: 6 points a character and 3
 * a space at 12 points. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "layout.h"
#include "model.h"
#include "template.h"

#define PT_PER_MM (72.0 / 25.4)
#define E 0.01

static struct tpl_section summary = {
	.id = "summary", .heading = "Summary", .numbered = true,
};

/* A template as the loader's defaults make one: A4, 20 mm margins, 12
 * point text, continuous numbering, no front-sheet rows. */
static struct template tpl = {
	.id = "test", .name = "test", .kind = KIND_REPORT, .strict = true,
	.numbering = NUMBERING_CONTINUOUS,
	.page_width = 210 * PT_PER_MM, .page_height = 297 * PT_PER_MM,
	.margin_top = 20 * PT_PER_MM, .margin_right = 20 * PT_PER_MM,
	.margin_bottom = 20 * PT_PER_MM, .margin_left = 20 * PT_PER_MM,
	.font_size = 12, .bullets = "*", .ordered = "1ai",
	.sections = &summary, .nsections = 1, .footer = "{page}",
};

/* A public report with one numbered section of n paragraphs, each the
 * text given, numbered 1, 2, 3 ... */
static struct paper *
make_paper(size_t n, const char *text)
{
	struct arena *a = arena_new();
	struct paper *p = arena_alloc(a, sizeof *p);
	memset(p, 0, sizeof *p);
	p->arena = a;
	p->path = "t.md";
	p->dir = ".";
	p->tpl = &tpl;
	p->meta.kind = KIND_REPORT;
	p->meta.public = true;
	p->meta.subject = "Test";
	struct committee *c = arena_alloc(a, sizeof *c);
	*c = (struct committee){.name = "Finance Committee",
	    .date = {2024, 1, 16}};
	p->meta.committees = c;
	p->meta.ncommittees = 1;
	struct section *s = arena_alloc(a, sizeof *s);
	*s = (struct section){.def = &summary, .heading = "Summary"};
	for (size_t i = 0; i < n; i++) {
		struct node *para = node_new(a, N_PARAGRAPH,
		    (struct pos){(int)i + 1, 1});
		struct node *t = node_new(a, N_TEXT, para->pos);
		t->text = text;
		node_append(para, t);
		para->number = arena_printf(a, "%zu", i + 1);
		if (s->last != NULL)
			s->last->next = para;
		else
			s->first = para;
		s->last = para;
	}
	p->sections = s;
	p->nsections = 1;
	return p;
}

/* The first text box of l whose text is s, or NULL; *page its page. */
static const struct box *
find_text(const struct layout *l, const char *s, size_t *page)
{
	for (size_t i = 0; i < l->npages; i++)
		for (size_t j = 0; j < l->pages[i].nboxes; j++) {
			const struct box *b = &l->pages[i].boxes[j];
			if (b->type == BOX_TEXT && b->len == strlen(s) &&
			    memcmp(b->text, s, b->len) == 0) {
				*page = i;
				return b;
			}
		}
	return NULL;
}

Test(layout_alone, one_paragraph)
{
	struct diags *d = diags_new();
	struct paper *p = make_paper(1, "Members are asked to note.");
	struct layout *l = layout_paper(p, metrics_fixed(), d, EDITION_FULL);
	cr_assert_not_null(l);
	cr_assert_eq(diags_errors(d), 0);
	cr_assert_eq(l->npages, 1);
	cr_assert_float_eq(l->width, 210 * PT_PER_MM, E);
	size_t page;
	const struct box *num = find_text(l, "1.", &page);
	const struct box *head = find_text(l, "Summary", &page);
	const struct box *words = find_text(l, "Members are asked to note.",
	    &page);
	cr_assert_not_null(head, "no heading");
	cr_assert_not_null(num, "no paragraph number");
	cr_assert_not_null(words, "no paragraph text");
	/* The heading in bold on the first line; the number at the left
	 * margin on the line after, the text hanging 36 points in on it,
	 * 22 characters and 4 spaces wide. */
	cr_assert_eq(head->font, FONT_BOLD);
	cr_assert_float_eq(head->x, 20 * PT_PER_MM, E);
	cr_assert_float_eq(head->y, 774.40, E, "heading at %.2f", head->y);
	cr_assert_float_eq(num->x, 20 * PT_PER_MM, E);
	cr_assert_float_eq(num->y, 752.80, E, "number at %.2f", num->y);
	cr_assert_float_eq(words->y, num->y, E);
	cr_assert_float_eq(words->x, 20 * PT_PER_MM + 36, E);
	cr_assert_float_eq(words->w, 22 * 6.0 + 4 * 3.0, E, "width %.2f",
	    words->w);
	arena_free(p->arena);
	diags_free(d);
}

Test(layout_alone, pages_fill_and_break)
{
	struct diags *d = diags_new();
	/* 70 characters a paragraph: each fits on one line. */
	struct paper *p = make_paper(200, "The paragraph of seventy "
	    "characters, laid out on one line of the page.");
	struct layout *l = layout_paper(p, metrics_fixed(), d, EDITION_FULL);
	cr_assert_not_null(l);
	size_t page1, page2;
	const struct box *first = find_text(l, "1.", &page1);
	const struct box *last = find_text(l, "200.", &page2);
	cr_assert_not_null(first);
	cr_assert_not_null(last);
	cr_assert_eq(page1, 0);
	cr_assert_eq(page2, l->npages - 1);
	/* A paragraph takes 21.6 points (14.4 its line, 7.2 after it but
	 * for the last on a page) of the 728.5 between the margins: the
	 * heading and 33 paragraphs on the first page, 34 on each after,
	 * 200 on 6 pages. */
	cr_assert_eq(l->npages, 6, "%zu pages", l->npages);
	size_t p2;
	const struct box *top = find_text(l, "34.", &p2);
	cr_assert_not_null(top);
	cr_assert_eq(p2, 1, "paragraph 34 on page %zu", p2 + 1);
	cr_assert_float_eq(top->y, 774.40, E, "at %.2f", top->y);
	/* Every body line stays inside the margins. */
	for (size_t i = 0; i < l->npages; i++)
		for (size_t j = 0; j < l->pages[i].nbody; j++) {
			const struct box *b = &l->pages[i].boxes[j];
			cr_assert_geq(b->y, 20 * PT_PER_MM - E);
			cr_assert_leq(b->y, (297 - 20) * PT_PER_MM + E);
		}
	arena_free(p->arena);
	diags_free(d);
}
