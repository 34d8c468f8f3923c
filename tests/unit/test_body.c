/* test_body.c: the Markdown body read into the model (markdown.c), made
 * into the template's sections, numbered and cross-referenced
 * (structure.c), and its images checked (assets.c), with the exact
 * messages. */
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "assets.h"
#include "diag.h"
#include "markdown.h"
#include "model.h"
#include "source.h"
#include "structure.h"
#include "template.h"
#include "fixture.h"

static struct committee committee;
static char out[16384];

TestSuite(body, .init = fixture_setup, .fini = fixture_teardown);

/* The front matter every test paper has: the body starts at line 4. */
#define FRONT "---\nsubject: Test\n---\n"

/* Builds a paper from body (after FRONT) in folder dir, for template tid
 * (NULL: none) and purpose. Returns every message, one a line. */
static const char *
build_in(const char *tid, enum purpose purpose, const char *dir,
    const char *body)
{
	static char text[65536];
	snprintf(text, sizeof text, FRONT "%s", body);
	arena_free(paper.arena);
	memset(&paper, 0, sizeof paper);
	paper.arena = arena_new();
	paper.path = "t.md";
	paper.dir = dir;
	paper.src = &src;
	committee = (struct committee){.name = "Test", .purpose = purpose};
	paper.meta.committees = &committee;
	paper.meta.ncommittees = 1;
	paper.meta.public = true;
	if (tid != NULL) {
		paper.tpl = template_find(&set, tid);
		cr_assert(paper.tpl != NULL, "no template %s", tid);
	}
	cr_assert_eq(source_from_memory(paper.arena, d, "t.md", text,
	    strlen(text), &src), SOURCE_OK);
	source_split(&src, d, true);
	struct node *blocks = markdown_parse(&paper, d, &src);
	structure_build(&paper, d, blocks);
	fixture_messages(out, sizeof out);
	return out;
}

static const char *
build(const char *tid, const char *body)
{
	return build_in(tid, PURPOSE_INFORMATION, ".", body);
}

static struct section *
section_at(size_t i)
{
	struct section *s = paper.sections;
	for (; s != NULL && i > 0; i--)
		s = s->next;
	cr_assert(s != NULL, "no section %zu", i);
	return s;
}

/* The numbers of a section's blocks, "-" for a block without one, joined
 * by spaces. */
static const char *
numbers(const struct section *s)
{
	static char buf[512];
	buf[0] = '\0';
	for (const struct node *n = s->first; n != NULL; n = n->next) {
		if (buf[0])
			strcat(buf, " ");
		strcat(buf, n->number ? n->number : "-");
	}
	return buf;
}

/* The text of a block. */
static const char *
text_of(const struct node *n)
{
	return node_text(paper.arena, n);
}

/* ------------------------------------------------------------------ */
/* Sections and numbering */

static const char seed_body[] =
    "## Summary\n"
    "\n"
    "This report provides an update of the work of the Serious and\n"
    "Organised Crime Board.\n"
    "\n"
    "## Background\n"
    "\n"
    "The Serious and Organised Crime Board was set up in 2016.\n"
    "\n"
    "The Board has undertaken a review across the eight priority areas.\n"
    "\n"
    "At a London level the Mayor's Office for Policing and Crime are\n"
    "looking to establish a structure.\n"
    "\n"
    "## Current Situation\n"
    "\n"
    "The latest meeting took place on 16 May.\n"
    "\n"
    "Within these items specific topics included West Balkan groups.\n"
    "\n"
    "While there is work ongoing, more work is needed.\n"
    "\n"
    "There was also a discussion on acquisitive crime.\n"
    "\n"
    "The next meeting is scheduled for 19 September.\n";

Test(body, seed_paper_numbered_continuously)
{
	cr_assert_str_eq(build("col-2018", seed_body), "");
	cr_assert_eq(paper.nsections, 3);
	cr_assert_str_eq(section_at(0)->heading, "Summary");
	cr_assert_str_eq(section_at(0)->def->id, "summary");
	cr_assert_str_eq(numbers(section_at(0)), "-");
	cr_assert_str_eq(numbers(section_at(1)), "1 2 3");
	cr_assert_str_eq(numbers(section_at(2)), "4 5 6 7 8");
	cr_assert_eq(section_at(1)->pos.line, 9);
	cr_assert_eq(section_at(1)->pos.col, 1);
	cr_assert_null(section_at(1)->number);
	cr_assert_str_eq(text_of(section_at(2)->first),
	    "The latest meeting took place on 16 May.");
}

/* The seed as the 2018 paper was typed: numbers written by hand. */
Test(body, typed_numbers_promoted)
{
	cr_assert_str_eq(build("col-2018",
	    "## Summary\n"
	    "\n"
	    "An update.\n"
	    "\n"
	    "## Background\n"
	    "\n"
	    "1. The Board was set up in 2016.\n"
	    "2. The Board has undertaken a review.\n"
	    "3. At a London level.\n"
	    "\n"
	    "## Current Situation\n"
	    "\n"
	    "4. The latest meeting took place on 16 May.\n"
	    "\n"
	    "5. Within these items.\n"
	    "6. While there is work ongoing.\n"
	    "   It goes on.\n"
	    "\n"
	    "   A second paragraph of item 6.\n"
	    "7. There was also a discussion.\n"
	    "8. The next meeting.\n"), "");
	cr_assert_str_eq(numbers(section_at(1)), "1 2 3");
	cr_assert_str_eq(numbers(section_at(2)), "4 5 6 - 7 8");
	struct node *n = section_at(1)->first;
	cr_assert_eq(n->type, N_PARAGRAPH);
	cr_assert_null(n->parent);
	cr_assert_str_eq(text_of(n), "The Board was set up in 2016.");
	cr_assert_str_eq(text_of(section_at(2)->last), "The next meeting.");
	cr_assert_eq(section_at(2)->last->next, NULL);
}

Test(body, typed_numbers_that_disagree)
{
	cr_assert_str_eq(build("col-2018",
	    "## Summary\n"
	    "\n"
	    "An update.\n"
	    "\n"
	    "## Background\n"
	    "\n"
	    "First.\n"
	    "\n"
	    "Second.\n"
	    "\n"
	    "## Current Situation\n"
	    "\n"
	    "1. Typed as one.\n"
	    "2.\n"
	    "7. Read as typed: seven.\n"),
	    "16:1: warning: paragraph typed as 1 is numbered 3: clerk numbers "
	    "paragraphs itself, so the typed numbers can go\n"
	    "17:1: warning: paragraph typed as 2 is numbered 4: clerk numbers "
	    "paragraphs itself, so the typed numbers can go\n"
	    "18:1: warning: paragraph typed as 7 is numbered 5: clerk numbers "
	    "paragraphs itself, so the typed numbers can go\n");
	/* The empty item keeps its number in an empty paragraph. */
	cr_assert_str_eq(numbers(section_at(2)), "3 4 5");
	cr_assert_eq(section_at(2)->first->next->type, N_PARAGRAPH);
	cr_assert_null(section_at(2)->first->next->first);

	/* "3)" starts another list: two lists are not typed numbers. */
	cr_assert_str_eq(build("col-2018",
	    "## Summary\n\nAn update.\n\n## Background\n\nFirst.\n\n"
	    "## Current Situation\n\n1. One.\n2. Two.\n3) Three.\n"), "");
	cr_assert_str_eq(numbers(section_at(2)), "- -");
}

/* A list after a lead-in paragraph is a list, not typed numbers. */
Test(body, ordered_list_after_paragraph_stays_a_list)
{
	cr_assert_str_eq(build("col-2018",
	    "## Summary\n\nAn update.\n\n"
	    "## Background\n\nMembers could:\n\n1. agree;\n2. refuse.\n\n"
	    "## Current Situation\n\n- a bullet list\n"), "");
	cr_assert_str_eq(numbers(section_at(1)), "1 -");
	cr_assert_eq(section_at(1)->last->type, N_LIST);
	cr_assert(section_at(1)->last->u.list.ordered);
	cr_assert_eq(section_at(1)->last->u.list.start, 1);
	/* A bullet list that is a section's whole body is a list. */
	cr_assert_str_eq(numbers(section_at(2)), "-");
	cr_assert_eq(section_at(2)->first->type, N_LIST);
}

Test(body, section_decimal_numbering)
{
	cr_assert_str_eq(build("district-decimal",
	    "## Summary\n\nIn short.\n\n"
	    "## Introduction\n\nOne.\n\nTwo.\n\n"
	    "### A sub-heading\n\nThree.\n\n"
	    "## Options\n\nFirst option.\n\n- a list\n\nSecond option.\n"),
	    "");
	cr_assert_null(section_at(0)->number);
	cr_assert_str_eq(section_at(1)->number, "1");
	cr_assert_str_eq(numbers(section_at(1)), "1.1 1.2 - 1.3");
	cr_assert_eq(section_at(1)->first->next->next->type, N_SUBHEADING);
	cr_assert_eq(section_at(1)->first->next->next->u.heading.level, 1);
	cr_assert_str_eq(section_at(2)->number, "2");
	cr_assert_str_eq(numbers(section_at(2)), "2.1 - 2.2");
}

Test(body, non_strict_template_unknown_heading_is_a_subheading)
{
	cr_assert_str_eq(build("district-decimal",
	    "## Summary\n\nIn short.\n\n"
	    "## Introduction\n\nOne.\n\n## Our own heading\n\nTwo.\n"), "");
	cr_assert_eq(paper.nsections, 2);
	cr_assert_str_eq(numbers(section_at(1)), "1.1 - 1.2");
	cr_assert_str_eq(text_of(section_at(1)->first->next),
	    "Our own heading");
}

Test(body, missing_order_repeat_unknown)
{
	cr_assert_str_eq(build("col-2018",
	    "## Background\n"           /* 4 */
	    "\n"
	    "One.\n"
	    "\n"
	    "## Summry\n"               /* 8 */
	    "\n"
	    "Two.\n"
	    "\n"
	    "## Summary\n"              /* 12 */
	    "\n"
	    "In short.\n"
	    "\n"
	    "## Background\n"           /* 16 */
	    "\n"
	    "Three.\n"
	    "\n"
	    "## Conclusion\n"           /* 20 */
	    "\n"
	    "## Proposals\n"            /* 22 */
	    "\n"
	    "We propose.\n"),
	    "8:1: error: heading \"Summry\" names no section of template "
	    "col-2018 (did you mean \"Summary\"?)\n"
	    "12:1: error: section \"Summary\" must come before \"Background\" "
	    "(template col-2018)\n"
	    "16:1: error: section \"Background\" is given twice (first at "
	    "line 4)\n"
	    "20:1: error: section \"Conclusion\" is empty: write its text, "
	    "or \"None.\"\n"
	    "22:1: error: section \"Proposals\" must come before "
	    "\"Conclusion\" (template col-2018)\n"
	    "22:1: error: missing required section \"Current Situation\" "
	    "(template col-2018)\n");
	/* The unknown heading's text and the repeat went to Background. */
	cr_assert_str_eq(numbers(section_at(0)), "1 2 3");
}

Test(body, missing_section_at_the_end)
{
	cr_assert_str_eq(build("col-2018",
	    "## Summary\n\nIn short.\n\n## Background\n\nOne.\n"),
	    "10:1: error: missing required section \"Current Situation\" "
	    "(template col-2018)\n");
}

Test(body, recommendations_required_for_decision)
{
	cr_assert_str_eq(build_in("col-2018", PURPOSE_DECISION, ".",
	    "## Summary\n\nIn short.\n\n## Background\n\nOne.\n\n"
	    "## Current Situation\n\nTwo.\n"),
	    "8:1: error: missing section \"Recommendations\", required in a "
	    "paper for decision (template col-2018)\n");
	cr_assert_str_eq(build_in("col-2018", PURPOSE_DECISION, ".",
	    "## Summary\n\nIn short.\n\n## Recommendation(s)\n\nAgree.\n\n"
	    "# Background\n\nOne.\n\n## Current Position\n\nTwo.\n"), "");
	cr_assert_str_eq(section_at(1)->def->id, "recommendations");
	cr_assert_str_eq(section_at(1)->heading, "Recommendation(s)");
	cr_assert_str_eq(section_at(3)->def->id, "current_position");
	cr_assert_str_eq(numbers(section_at(3)), "2");
	cr_assert_str_eq(build_in("col-2018", PURPOSE_DECISION, ".",
	    "## Summary\n\nIn short.\n\n## recommendation\n\nAgree.\n\n"
	    "## Background\n\nOne.\n\n## current situation:\n\nTwo.\n"), "");
}

Test(body, main_heading_and_from_key_sections)
{
	cr_assert_str_eq(build("col-2018",
	    "## Summary\n\nIn short.\n\n## Main Report\n\n"
	    "## Background\n\nOne.\n\n## Current Situation\n\nTwo.\n\n"
	    "## Appendices\n\n- Appendix 1 – a map\n"),
	    "18:1: error: \"Appendices\" is made from the front matter key "
	    "\"appendices\": move this list there\n");
	cr_assert_eq(paper.nsections, 3);
	cr_assert_str_eq(numbers(section_at(2)), "2");
}

Test(body, text_before_first_section)
{
	cr_assert_str_eq(build("col-2018",
	    "An introduction.\n\nMore.\n\n## Summary\n\nIn short.\n\n"
	    "## Background\n\nOne.\n\n## Current Situation\n\nTwo.\n"),
	    "4:1: error: text before the first section: begin the body with "
	    "the heading \"## Summary\"\n");
}

Test(body, subheadings_of_implications)
{
	cr_assert_str_eq(build("col-2023",
	    "## Summary\n\nIn short.\n\n## Background\n\nOne.\n\n"
	    "## Current Position\n\nTwo.\n\n"
	    "## Corporate & Strategic Implications\n"   /* 16 */
	    "\n"
	    "### Strategic implications\n"              /* 18 */
	    "\n"
	    "None.\n"
	    "\n"
	    "### Resource implications\n"               /* 22 */
	    "\n"
	    "### Financial implication\n"               /* 24 */
	    "\n"
	    "Costs.\n"
	    "\n"
	    "### Financial implications\n"              /* 28 */
	    "\n"
	    "Costs.\n"
	    "\n"
	    "### Strategic implications\n"              /* 32 */
	    "\n"
	    "Again.\n"
	    "\n"
	    "### Legal implications\n"                  /* 36 */
	    "\n"
	    "#### Detail\n"
	    "\n"
	    "Within the powers.\n"
	    "\n"
	    "### Risk implications\n\nNone.\n\n"
	    "### Equalities implications\n\nNone.\n\n"
	    "### Climate implications\n\nNone.\n"),
	    "16:1: error: missing sub-heading \"Security implications\" in "
	    "\"Corporate & Strategic Implications\" (template col-2023): "
	    "write \"None.\" under it if it does not apply\n"
	    "22:1: error: sub-heading \"Resource implications\" has no text: "
	    "write \"None.\" if it does not apply\n"
	    "24:1: error: sub-heading \"Financial implication\" is not "
	    "allowed in \"Corporate & Strategic Implications\" (did you mean "
	    "\"Financial implications\"?)\n"
	    "28:1: error: sub-heading \"Financial implications\" must come "
	    "before \"Resource implications\" (template col-2023)\n"
	    "32:1: error: sub-heading \"Strategic implications\" is given "
	    "twice (first at line 18)\n");
	/* Implications is numbered: its paragraphs go on from 2. */
	cr_assert_str_eq(numbers(section_at(3)),
	    "- 3 - - 4 - 5 - 6 - - 7 - 8 - 9 - 10");
}

/* ------------------------------------------------------------------ */
/* Cross-references and labels */

Test(body, cross_reference_resolves)
{
	cr_assert_str_eq(build("col-2018",
	    "## Summary\n\nAs paragraph [](#costs) says, and [see](#costs).\n\n"
	    "## Background\n\nOne.\n\nTwo.\n\nThree.\n\n"
	    "## Current Situation\n\n"
	    "{#costs} The costs are high.[^1]\n\n"
	    "[^1]: See also [](#costs).\n"), "");
	struct node *para = section_at(2)->first;
	cr_assert_str_eq(para->label, "costs");
	cr_assert_eq(para->label_pos.line, 18);
	cr_assert_str_eq(para->number, "4");
	cr_assert_str_eq(text_of(para), "The costs are high.");
	struct node *x = section_at(0)->first->first->next;
	cr_assert_eq(x->type, N_XREF);
	cr_assert_str_eq(x->u.xref.label, "costs");
	cr_assert_eq(x->u.xref.target, para);
	cr_assert_null(x->first);
	cr_assert_eq(x->pos.line, 6);
	cr_assert_eq(x->pos.col, 17);
	cr_assert_str_eq(text_of(section_at(0)->first),
	    "As paragraph 4 says, and 4.");
	/* In a footnote too. */
	cr_assert_eq(paper.footnotes->first->first->next->u.xref.target, para);
}

Test(body, unknown_label)
{
	cr_assert_str_eq(build("col-2018",
	    "## Summary\n\nIn short, see [](#cots) and [](#nothing-like-it).\n\n"
	    "## Background\n\n{#costs} One.\n\n"
	    "## Current Situation\n\n{#costs} Two.\n\n"
	    "{#bad label} Three.\n\n"
	    "A {#late} label.\n\n"
	    "> {#quoted} Not numbered.\n"),
	    "6:18: error: no paragraph has the label \"cots\" (did you mean "
	    "\"costs\"?)\n"
	    "6:32: error: no paragraph has the label \"nothing-like-it\"\n"
	    "14:1: error: label \"costs\" is already used at line 10\n"
	    "16:1: error: label \"bad label\" may hold only letters, digits, "
	    "'-' and '_'\n"
	    "18:3: error: label \"late\" must begin a paragraph\n"
	    "20:3: error: label \"quoted\" is on a paragraph without a number; "
	    "only numbered paragraphs can be referred to\n");
	cr_assert_str_eq(text_of(section_at(2)->first->next), "Three.");
}

Test(body, no_template_resolves_references_only)
{
	cr_assert_str_eq(build(NULL,
	    "Intro [](#x) and [](#y).\n\n{#x} Text.\n"),
	    "4:21: error: no paragraph has the label \"y\" (did you mean "
	    "\"x\"?)\n");
	cr_assert_eq(paper.nsections, 0);
}

/* ------------------------------------------------------------------ */
/* Minutes */

Test(body, minutes_items)
{
	cr_assert_str_eq(build("minutes",
	    "## Apologies\n\nNone were received.\n\n"
	    "# Minutes\n\n### Matters arising\n\n"
	    "RESOLVED – That the minutes be approved.\n\n"
	    "## Any other business\n\nThere was none.\n"), "");
	cr_assert_eq(paper.nsections, 3);
	cr_assert_null(section_at(0)->def);
	cr_assert_str_eq(section_at(0)->number, "1");
	cr_assert_str_eq(section_at(1)->heading, "Minutes");
	cr_assert_str_eq(section_at(1)->number, "2");
	cr_assert_eq(section_at(1)->first->type, N_SUBHEADING);
	cr_assert_eq(section_at(1)->first->u.heading.level, 1);
	cr_assert_str_eq(section_at(2)->heading, "Any other business");
	cr_assert_str_eq(section_at(2)->number, "3");
	cr_assert_str_eq(numbers(section_at(1)), "- -");
}

Test(body, minutes_problems)
{
	cr_assert_str_eq(build("minutes", "Present: all.\n\n## Apologies\n\n"
	    "None.\n"),
	    "4:1: error: text before the first section: begin the body with "
	    "the heading \"## <item title>\"\n");
	cr_assert_str_eq(build("minutes", "Nothing but text.\n"),
	    "4:1: error: minutes have no items: each item begins with a "
	    "\"## \" heading\n");
}

/* ------------------------------------------------------------------ */
/* Markdown */

/* The model of a body without template, from markdown_parse alone. */
static struct node *
parse(const char *body)
{
	static char text[8192];
	snprintf(text, sizeof text, FRONT "%s", body);
	arena_free(paper.arena);
	memset(&paper, 0, sizeof paper);
	paper.arena = arena_new();
	paper.path = "t.md";
	paper.dir = ".";
	paper.src = &src;
	cr_assert_eq(source_from_memory(paper.arena, d, "t.md", text,
	    strlen(text), &src), SOURCE_OK);
	source_split(&src, d, true);
	struct node *blocks = markdown_parse(&paper, d, &src);
	fixture_messages(out, sizeof out);
	return blocks;
}

Test(body, tables)
{
	struct node *t = parse(
	    "| Season | Wards | Trees | Note |\n"
	    "|:-------|:-----:|------:|------|\n"
	    "| 2024 | *Aldgate* \\| Tower | 110 | |\n");
	cr_assert_str_eq(out, "");
	cr_assert_eq(t->type, N_TABLE);
	cr_assert_null(t->next);
	cr_assert_eq(t->u.table.columns, 4);
	cr_assert_str_eq(t->u.table.align, "lcr ");
	cr_assert_eq(t->pos.line, 4);
	struct node *h = t->first, *r = h->next;
	cr_assert_eq(h->type, N_TABLE_ROW);
	cr_assert(h->u.row.header);
	cr_assert_not(r->u.row.header);
	cr_assert_null(r->next);
	struct node *c = r->first->next;
	cr_assert_eq(c->type, N_TABLE_CELL);
	cr_assert_eq(c->first->type, N_EMPH);
	cr_assert_str_eq(text_of(c), "Aldgate | Tower");
	cr_assert_eq(c->pos.line, 6);
	cr_assert_null(r->last->first);
}

Test(body, blocks_and_inlines)
{
	struct node *b = parse(
	    "# Title\n"                                 /* 4 */
	    "\n"
	    "Some *em* **strong** ~~gone~~ `code` [link](https://x.org \"T\")\n"
	    "and a hard  \n"
	    "break.\n"
	    "\n"
	    "- [ ] to do\n"                             /* 10 */
	    "- [x] done\n"
	    "\n"
	    "3) three\n"                                /* 13 */
	    "\n"
	    "> quoted\n"                                /* 15 */
	    "\n"
	    "```c\n"                                    /* 17 */
	    "int x;\n"
	    "```\n"
	    "\n"
	    "***\n"                                     /* 21 */
	    "\n"
	    "See www.example.com.\n");                  /* 23 */
	cr_assert_str_eq(out, "");
	cr_assert_eq(b->type, N_SUBHEADING);
	cr_assert_eq(b->u.heading.level, 1);
	cr_assert_null(b->parent);
	struct node *p = b->next;
	cr_assert_eq(p->type, N_PARAGRAPH);
	cr_assert_eq(p->pos.line, 6);
	struct node *i = p->first;
	cr_assert_eq(i->type, N_TEXT);
	cr_assert_str_eq(i->text, "Some ");
	cr_assert_eq((i = i->next)->type, N_EMPH);
	cr_assert_eq((i = i->next)->type, N_TEXT);
	cr_assert_eq((i = i->next)->type, N_STRONG);
	cr_assert_eq((i = i->next)->type, N_TEXT);
	cr_assert_eq((i = i->next)->type, N_STRIKETHROUGH);
	cr_assert_eq((i = i->next)->type, N_TEXT);
	cr_assert_eq((i = i->next)->type, N_CODE);
	cr_assert_str_eq(i->text, "code");
	cr_assert_eq((i = i->next)->type, N_TEXT);
	cr_assert_eq((i = i->next)->type, N_LINK);
	cr_assert_str_eq(i->u.link.url, "https://x.org");
	cr_assert_str_eq(i->u.link.title, "T");
	cr_assert_eq((i = i->next)->type, N_SOFTBREAK);
	cr_assert_eq((i = i->next)->type, N_TEXT);
	cr_assert_eq((i = i->next)->type, N_LINEBREAK);
	cr_assert_eq((i = i->next)->type, N_TEXT);
	cr_assert_null(i->next);

	struct node *l = p->next;
	cr_assert_eq(l->type, N_LIST);
	cr_assert_not(l->u.list.ordered);
	cr_assert(l->u.list.tight);
	cr_assert(l->first->u.item.task);
	cr_assert_not(l->first->u.item.checked);
	cr_assert(l->last->u.item.task);
	cr_assert(l->last->u.item.checked);
	cr_assert_str_eq(text_of(l->last->first), "done");
	cr_assert_eq(l->first->parent, l);

	l = l->next;
	cr_assert_eq(l->type, N_LIST);
	cr_assert(l->u.list.ordered);
	cr_assert_eq(l->u.list.start, 3);
	cr_assert_eq(l->u.list.delim, ')');
	cr_assert_not(l->first->u.item.task);

	struct node *q = l->next;
	cr_assert_eq(q->type, N_BLOCKQUOTE);
	cr_assert_eq(q->first->type, N_PARAGRAPH);
	cr_assert_eq(q->first->pos.line, 15);
	cr_assert_eq(q->first->pos.col, 3);

	struct node *code = q->next;
	cr_assert_eq(code->type, N_CODE_BLOCK);
	cr_assert_str_eq(code->text, "int x;\n");
	cr_assert_str_eq(code->u.code.info, "c");
	cr_assert_eq(code->next->type, N_THEMATIC_BREAK);
	struct node *auto_link = code->next->next->first->next;
	cr_assert_eq(auto_link->type, N_LINK);
	cr_assert_str_eq(auto_link->u.link.url, "http://www.example.com");
	cr_assert_eq(auto_link->pos.line, 23);
}

Test(body, smart_punctuation_and_utf8_columns)
{
	struct node *b = parse("“Café” -- it's <b>bold</b>\n");
	cr_assert_str_eq(out, "4:16: warning: raw HTML is ignored: write it "
	    "in Markdown\n");
	cr_assert_str_eq(text_of(b), "“Café” – it’s bold");
}

Test(body, footnotes)
{
	struct node *b = parse(
	    "Costs[^c] and risks[^r] and costs again[^c] and [^none].\n"
	    "\n"
	    "[^r]: The risks.\n"
	    "[^c]: The costs.\n"
	    "\n"
	    "    In two paragraphs.\n"
	    "[^unused]: Never referred to.\n"
	    "\n"
	    "Also \\[^escaped] and `[^code]`.\n");
	cr_assert_str_eq(out, "4:49: error: footnote \"[^none]\" has no "
	    "text: add a line \"[^none]: ...\"\n"
	    "10:1: warning: footnote \"[^unused]\" is never referred to, so "
	    "its text is left out: write \"[^unused]\" where the note "
	    "belongs, or remove it\n");
	struct node *r = b->first->next;
	cr_assert_eq(r->type, N_FOOTNOTE_REF);
	cr_assert_eq(r->u.footnote.number, 1);
	cr_assert_eq(r->next->next->u.footnote.number, 2);
	cr_assert_eq(r->next->next->next->next->u.footnote.number, 1);
	cr_assert_eq(paper.nfootnotes, 2);
	struct node *f = paper.footnotes;
	cr_assert_eq(f->type, N_FOOTNOTE_DEF);
	cr_assert_eq(f->u.footnote.number, 1);
	cr_assert_str_eq(text_of(f->first), "The costs.");
	cr_assert_eq(f->first->next->type, N_PARAGRAPH);
	cr_assert_eq(f->next->u.footnote.number, 2);
	cr_assert_str_eq(text_of(f->next->first), "The risks.");
	cr_assert_null(f->next->next);
	/* The definitions are not blocks of the body. */
	cr_assert_eq(b->next->type, N_PARAGRAPH);
	cr_assert_null(b->next->next);
}

Test(body, raw_html_dropped)
{
	struct node *b = parse(
	    "<div>\nraw block\n</div>\n"
	    "\n"
	    "Text <span>with</span> <br> inline HTML.\n"
	    "\n"
	    "<br>\n"
	    "\n"
	    "After.\n");
	cr_assert_str_eq(out,
	    "4:1: warning: raw HTML is ignored: write it in Markdown\n"
	    "8:6: warning: raw HTML is ignored: write it in Markdown\n"
	    "10:1: warning: raw HTML is ignored: write it in Markdown\n");
	cr_assert_eq(b->type, N_PARAGRAPH);
	cr_assert_str_eq(text_of(b), "Text with  inline HTML.");
	cr_assert_eq(b->next->type, N_PARAGRAPH);
	cr_assert_str_eq(text_of(b->next), "After.");
	cr_assert_null(b->next->next);
}

Test(body, links_headings_labels)
{
	struct node *b = parse(
	    "## {#where} Heading\n"
	    "\n"
	    "##\n"
	    "\n"
	    "An [](https://x.org) link and [text](https://y.org).\n"
	    "\n"
	    "{#lonely}\n");
	/* A link without text is a paper's question (structure.c, see
	 * tests/bad/link-no-address.md), not the Markdown reader's. */
	cr_assert_str_eq(out,
	    "4:4: error: label \"where\" must begin a paragraph\n"
	    "6:1: error: empty heading\n");
	cr_assert_eq(b->type, N_SUBHEADING);
	cr_assert_eq(b->next->type, N_PARAGRAPH);
	cr_assert_str_eq(b->next->next->label, "lonely");
	cr_assert_null(b->next->next->first);
}

/* Deep nesting is cut at the limit, once, without recursion. */
Test(body, nesting_limit, .timeout = 10)
{
	static char deep[120000];
	size_t n = 0;
	for (int i = 0; i < 1000; i++) {
		deep[n++] = '>';
		deep[n++] = ' ';
	}
	memcpy(deep + n, "deep\n\n", 7);
	n += 6;
	for (int i = 0; i < 40; i++) {
		memset(deep + n, ' ', (size_t)i * 2);
		n += (size_t)i * 2;
		memcpy(deep + n, "- x\n", 5);
		n += 4;
	}
	struct node *b = parse(deep);
	cr_assert_str_eq(out, "4:65: error: blocks nested deeper than 32 "
	    "levels\n");
	int depth = 0;
	for (struct node *q = b; q != NULL; q = q->first)
		depth++;
	cr_assert_eq(depth, 32 + 2); /* quotes, the paragraph, its text */
	cr_assert_str_eq(text_of(b->next->first->first), "x");
	depth = 0;
	struct node *q = b->next;
	for (; q->last != NULL; q = q->last)
		depth++;
	/* list, item ... 32 times, then the deeper items' paragraphs */
	cr_assert_eq(depth, 2 * 32 + 1);
	cr_assert_eq(q->parent->parent->type, N_ITEM);
	cr_assert_eq(q->parent->parent->parent->type, N_LIST);
	size_t paras = 0;
	for (struct node *x = q->parent->parent->first; x; x = x->next)
		paras++;
	cr_assert_eq(paras, 40 - 32 + 1);

	/* Far deeper: cmark gives up on the paragraph, clerk does not
	 * crash. */
	n = 0;
	for (int i = 0; i < 50000; i++) {
		deep[n++] = '>';
		deep[n++] = ' ';
	}
	memcpy(deep + n, "deep\n", 6);
	(void)parse(deep);
	cr_assert_str_eq(out, "4:65: error: blocks nested deeper than 32 "
	    "levels\n");
}

Test(body, pathological_emphasis, .timeout = 10)
{
	static char text[120000];
	size_t n = 0;
	for (int i = 0; i < 20000; i++)
		text[n++] = '*', text[n++] = 'a', text[n++] = ' ';
	for (int i = 0; i < 20000; i++)
		text[n++] = 'b', text[n++] = '*';
	text[n++] = '\n';
	text[n] = '\0';
	struct node *b = parse(text);
	cr_assert_str_eq(out, "");
	int depth = 0;
	for (struct node *q = b; q != NULL; q = q->first)
		depth++;
	cr_assert_leq(depth, 32 + 3);
}

/* ------------------------------------------------------------------ */
/* Images and assets */

#define FIX "tests/unit/fixtures"

Test(body, images)
{
	cr_assert_str_eq(build_in(NULL, PURPOSE_INFORMATION, FIX,
	    "![A dot](images/dot.png)\n"                    /* 4 */
	    "![](images/dot.png)\n"                         /* 5 */
	    "![A file](images/not-really.png)\n"            /* 6 */
	    "![A map](images/map.png)\n"                    /* 7 */
	    "![A folder](images)\n"                         /* 8 */
	    "![Far](../fixtures/images/dot.png)\n"          /* 9 */
	    "![Root](/etc/passwd)\n"                        /* 10 */
	    "![Web](https://example.com/x.png)\n"           /* 11 */
	    "\n"
	    "| ![In a cell](images/missing.png) |\n"        /* 13 */
	    "|---|\n"
	    "\n"
	    "Note[^1].\n"
	    "\n"
	    "[^1]: ![](data:image/png;base64,AAAA)\n"),     /* 18 */
	    "5:5: error: image \"images/dot.png\" has no description: write "
	    "one between the brackets for readers who cannot see it, or mark "
	    "an image that carries no meaning decorative: "
	    "![](images/dot.png \"decorative\")\n"
	    "6:11: error: image \"images/not-really.png\" is not a PNG or JPEG "
	    "file\n"
	    "7:10: error: \"images/map.png\" not found\n"
	    "8:13: error: \"images\" is not a regular file\n"
	    "9:8: error: \"../fixtures/images/dot.png\" leads outside the "
	    "paper's folder: keep it beside the paper or below\n"
	    "10:9: error: \"/etc/passwd\" is an absolute path: give a path "
	    "relative to the paper\n"
	    "11:8: error: image \"https://example.com/x.png\" is a web address: "
	    "save the image beside the paper and give its file name\n"
	    "13:16: error: \"images/missing.png\" not found\n"
	    "18:11: error: image \"data:image/png;base64,AAAA\" is a web "
	    "address: save the image beside the paper and give its file name\n"
	    "18:11: error: image \"data:image/png;base64,AAAA\" has no "
	    "description: write one between the brackets for readers who "
	    "cannot see it, or mark an image that carries no meaning "
	    "decorative: ![](data:image/png;base64,AAAA \"decorative\")\n");
}

Test(body, image_marked_decorative_needs_no_description)
{
	cr_assert_str_eq(build_in(NULL, PURPOSE_INFORMATION, FIX,
	    "![](images/dot.png \"decorative\")\n"
	    "![](images/dot.png \"  DECORATIVE \")\n"),
	    "");
	cr_assert_str_neq(build_in(NULL, PURPOSE_INFORMATION, FIX,
	    "![](images/dot.png \"decorative image\")\n"),
	    "");
}

Test(body, image_path_set_when_good)
{
	cr_assert_str_eq(build_in(NULL, PURPOSE_INFORMATION, FIX,
	    "![A dot](images/dot.png)\n"), "");
	/* No template: no sections, so look at what assets would see. */
	const char *path = NULL;
	cr_assert_eq(asset_resolve(paper.arena, FIX, "images/dot.png", &path),
	    ASSET_OK);
	cr_assert_str_eq(path, FIX "/images/dot.png");
	cr_assert_eq(image_sniff(path), IMAGE_PNG);
	cr_assert_eq(image_sniff(FIX "/images/not-really.png"), IMAGE_UNKNOWN);
	cr_assert_eq(image_sniff(FIX "/nothing-here.png"), IMAGE_UNKNOWN);

	cr_assert_str_eq(build_in("minutes", PURPOSE_INFORMATION, FIX,
	    "## Item\n\n![A dot](images/dot.png)\n"), "");
	struct node *img = section_at(0)->first->first;
	cr_assert_eq(img->type, N_IMAGE);
	cr_assert_str_eq(img->u.link.path, FIX "/images/dot.png");
}

static void
write_file(const char *path, const char *bytes, size_t n)
{
	FILE *f = fopen(path, "wb");
	cr_assert(f != NULL, "cannot write %s", path);
	fwrite(bytes, 1, n, f);
	fclose(f);
}

Test(body, asset_resolve_cases)
{
	char tmp[] = "/tmp/clerk-body-XXXXXX";
	cr_assert(mkdtemp(tmp) != NULL);
	char dir[64], p[128];
	snprintf(dir, sizeof dir, "%s/paper", tmp);
	cr_assert_eq(mkdir(dir, 0700), 0);
	snprintf(p, sizeof p, "%s/sub", dir);
	cr_assert_eq(mkdir(p, 0700), 0);
	snprintf(p, sizeof p, "%s/outside.jpg", tmp);
	write_file(p, "\xff\xd8\xff\xe0", 4);
	snprintf(p, sizeof p, "%s/sub/in side.jpg", dir);
	write_file(p, "\xff\xd8\xff\xe0", 4);
	snprintf(p, sizeof p, "%s/link.jpg", dir);
	cr_assert_eq(symlink("../outside.jpg", p), 0);
	snprintf(p, sizeof p, "%s/inner.jpg", dir);
	cr_assert_eq(symlink("sub/in side.jpg", p), 0);

	struct arena *a = arena_new();
	const char *path;
	cr_assert_eq(asset_resolve(a, dir, "link.jpg", &path), ASSET_ESCAPES);
	cr_assert_null(path);
	cr_assert_eq(asset_resolve(a, dir, "inner.jpg", &path), ASSET_OK);
	cr_assert_eq(image_sniff(path), IMAGE_JPEG);
	cr_assert_eq(asset_resolve(a, dir, "sub/../sub/in%20side.jpg", &path),
	    ASSET_OK);
	cr_assert_eq(asset_resolve(a, dir, "sub/../../outside.jpg", &path),
	    ASSET_ESCAPES);
	cr_assert_eq(asset_resolve(a, dir, "./sub", &path), ASSET_NOT_FILE);
	cr_assert_eq(asset_resolve(a, dir, "gone.jpg", &path), ASSET_MISSING);
	cr_assert_eq(asset_resolve(a, dir, "", &path), ASSET_MISSING);
	cr_assert_eq(asset_resolve(a, dir, "C:\\x.png", &path),
	    ASSET_ABSOLUTE);
	cr_assert_eq(asset_resolve(a, dir, "ftp://h/x.png", &path),
	    ASSET_REMOTE);
	cr_assert_eq(asset_resolve(a, dir, "data:,x", &path), ASSET_REMOTE);
	arena_free(a);

	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	cr_assert_eq(system(cmd), 0);
}

/* ------------------------------------------------------------------ */
/* Text pasted from a word processor */

Test(body, pasted_bullets_each_begin_a_line)
{
	cr_assert_str_eq(build("col-2018",
	    "## Summary\n"                              /* 4 */
	    "\n"
	    "The options:\n"
	    "\xe2\x80\xa2\tthe first;\n"                /* 7 */
	    "\xe2\x80\xa2 the second.\n"
	    "\n"
	    "## Background\n"                           /* 10 */
	    "\n"
	    "The work went on\n"
	    "\xe2\x80\x93 as asked \xe2\x80\x93 and is done.\n"
	    "\n"
	    "## Current Situation\n"
	    "\n"
	    "Done.\n"),
	    "7:1: warning: this looks like a bullet pasted from a word "
	    "processor: start the line with '- '\n"
	    "8:1: warning: this looks like a bullet pasted from a word "
	    "processor: start the line with '- '\n");
	const struct node *p = section_at(0)->first;
	static const enum node_type want[] = {N_TEXT, N_LINEBREAK, N_TEXT,
	    N_LINEBREAK, N_TEXT};
	const struct node *k = p->first;
	for (size_t i = 0; i < 5; i++, k = k->next) {
		cr_assert(k != NULL, "inline %zu missing", i);
		cr_assert_eq(k->type, want[i], "inline %zu is %s", i,
		    node_type_name(k->type));
	}
	cr_assert_null(k);
	cr_assert_str_eq(p->last->text, "\xe2\x80\xa2 the second.");
	/* a dash inside a sentence runs on */
	cr_assert_eq(section_at(1)->first->first->next->type, N_SOFTBREAK);
}

Test(body, heading_with_pasted_spaces_names_its_section)
{
	cr_assert_str_eq(build("col-2018",
	    "## Summary\xc2\xa0\n"
	    "\n"
	    "A summary.\n"
	    "\n"
	    "## Back\xc2\xadground\n"
	    "\n"
	    "The background.\n"
	    "\n"
	    "## Current\xe2\x80\x82Position\n"
	    "\n"
	    "Done.\n"), "");
	cr_assert_str_eq(section_at(2)->def->heading, "Current Situation");
	cr_assert_str_eq(section_at(2)->heading, "Current\xe2\x80\x82Position");
}

Test(body, paragraph_indented_by_a_tab_in_a_numbered_section)
{
	cr_assert_str_eq(build("col-2018",
	    "## Summary\n"                              /* 4 */
	    "\n"
	    "\tIndented in the summary, which is not numbered.\n"
	    "\n"
	    "## Background\n"                           /* 8 */
	    "\n"
	    "The background.\n"
	    "\n"
	    "\tIndented by a tab.\n"                    /* 12 */
	    "\n"
	    "## Current Situation\n"
	    "\n"
	    "```\n"
	    "fenced code\n"
	    "```\n"),
	    "12:1: warning: this text is indented by a tab or four spaces, so "
	    "it is set as a code block, not as a numbered paragraph: remove "
	    "the indent, or put it between two lines ``` if it is code\n");
	cr_assert_str_eq(numbers(section_at(1)), "1 -");
}

/* A file not found is given the nearest file beside it, part by part of
 * its path; nothing when no part is near. */
Test(body, missing_file_did_you_mean)
{
	char tmp[] = "/tmp/clerk-body-XXXXXX";
	cr_assert(mkdtemp(tmp) != NULL);
	char p[128];
	snprintf(p, sizeof p, "%s/maps", tmp);
	cr_assert_eq(mkdir(p, 0700), 0);
	snprintf(p, sizeof p, "%s/maps/ward plan.png", tmp);
	write_file(p, "x", 1);
	snprintf(p, sizeof p, "%s/maps/2019", tmp);
	cr_assert_eq(mkdir(p, 0700), 0); /* a folder is no file to suggest */
	snprintf(p, sizeof p, "%s/budget.md", tmp);
	write_file(p, "x", 1);

	struct arena *a = arena_new();
	struct pos at = {3, 7};
	asset_report(a, d, "t.md", at, ASSET_MISSING, tmp, "budjet.md");
	asset_report(a, d, "t.md", at, ASSET_MISSING, tmp, "map/ward%20plan.png");
	asset_report(a, d, "t.md", at, ASSET_MISSING, tmp, "maps/2018");
	asset_report(a, d, "t.md", at, ASSET_MISSING, tmp, "minutes.md");
	cr_assert_str_eq(fixture_messages(out, sizeof out),
	    "3:7: error: \"budjet.md\" not found (did you mean \"budget.md\"?)\n"
	    "3:7: error: \"map/ward%20plan.png\" not found (did you mean "
	    "\"maps/ward plan.png\"?)\n"
	    "3:7: error: \"maps/2018\" not found\n"
	    "3:7: error: \"minutes.md\" not found\n");
	arena_free(a);

	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	cr_assert_eq(system(cmd), 0);
}
