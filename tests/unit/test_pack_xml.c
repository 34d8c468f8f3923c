/* test_pack_xml.c: committee packs as Akoma Ntoso documentCollections
 * (akn_write_pack in akn_write.c, planned by pack.c). The real meeting of
 * content/ and the small agenda of tests/unit/fixtures/pack, each written
 * as a public and a full pack: valid against the official schema, one
 * component per document the pack holds, not one sentence of a
 * non-public document in the public pack, the same bytes on every write.
 * Run from the repository's root. */
#include <criterion/criterion.h>
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agenda.h"
#include "akn.h"
#include "arena.h"
#include "diag.h"
#include "model.h"
#include "pack.h"
#include "fixture.h"

#define XSD "schemas/akn/akomantoso30.xsd"
#define MEETING "content/streets-walkways-2024-03-12"
#define FIXTURE "tests/unit/fixtures/pack"

static struct agenda *ag;    /* the agenda read */
static struct pack pk;       /* its plan */
static char *xml[2];         /* the packs, by enum pack_kind */
static size_t len[2];
static char out[65536];      /* messages */

static void
setup(void)
{
	fixture_setup();
	(void)src;
}

static void
teardown(void)
{
	free(xml[PACK_PUBLIC]);
	free(xml[PACK_FULL]);
	xml[PACK_PUBLIC] = xml[PACK_FULL] = NULL;
	agenda_free(ag);
	ag = NULL;
	fixture_teardown();
}

TestSuite(pack_xml, .init = setup, .fini = teardown);

/* ------------------------------------------------------------------ */
/* Helpers */

/* The test's scratch arena (the fixture's paper's, freed after it). */
static struct arena *
A(void)
{
	if (paper.arena == NULL)
		paper.arena = arena_new();
	return paper.arena;
}

/* The whole file at path, in the arena. */
static char *
file_text(const char *path)
{
	char *buf = fixture_file(path, NULL);
	char *copy = arena_strdup(A(), buf);
	free(buf);
	return copy;
}

/* How many times needle is in hay. */
static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *s = hay; (s = strstr(s, needle)) != NULL; s++)
		n++;
	return n;
}

/* pack k written, with no message; heap. */
static char *
write_pack(enum pack_kind k, size_t *n)
{
	char *buf = NULL;
	bool ok = akn_write_pack(&pk, k, d, &buf, n);
	cr_assert(ok, "akn_write_pack: %s", fixture_messages(out, sizeof out));
	cr_assert_eq(diags_pending(d), 0, "akn_write_pack: %s",
	    fixture_messages(out, sizeof out));
	cr_assert(buf != NULL && *n > 0 && strlen(buf) == *n);
	return buf;
}

/* Reads the agenda at path (no error), plans it and writes both packs. */
static void
pack_of(const char *path)
{
	bool system_error = false;
	size_t errors = diags_errors(d);
	ag = agenda_read(path, &set, d, &system_error);
	cr_assert(!system_error && ag != NULL, "%s cannot be read", path);
	cr_assert_eq(diags_errors(d), errors, "%s has errors:\n%s", path,
	    fixture_messages(out, sizeof out));
	cr_assert(pack_plan(ag, &pk, d), "pack_plan: %s",
	    fixture_messages(out, sizeof out));
	diags_flush(d, devnull); /* warnings of the papers, if any */
	xml[PACK_PUBLIC] = write_pack(PACK_PUBLIC, &len[PACK_PUBLIC]);
	xml[PACK_FULL] = write_pack(PACK_FULL, &len[PACK_FULL]);
}

static void
assert_valid(enum pack_kind k)
{
	const char *name = pack_suffix(k);
	bool ok = akn_validate(xml[k], len[k], name, XSD, d);
	cr_assert(ok, "the pack%s is not valid Akoma Ntoso:\n%s", name,
	    fixture_messages(out, sizeof out));
}

/* Is c a character a probe may hold: one that the Markdown reader keeps
 * as it is (no smart quotes, dashes or emphasis) and XML does not
 * escape? */
static bool
plain_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' && strchr(" ,;:()",
	    c) != NULL);
}

/* Does text occur in a file of the meeting folder dir (its Markdown
 * files and their appendices) other than path? */
static bool
elsewhere(const char *dir, const char *path, const char *text)
{
	glob_t g;
	memset(&g, 0, sizeof g);
	glob(arena_printf(A(), "%s/*.md", dir), 0, NULL, &g);
	glob(arena_printf(A(), "%s/appendices/*.md", dir), GLOB_APPEND, NULL,
	    &g);
	bool found = false;
	for (size_t i = 0; i < g.gl_pathc && !found; i++)
		found = strcmp(g.gl_pathv[i], path) != 0 &&
		    strstr(file_text(g.gl_pathv[i]), text) != NULL;
	globfree(&g);
	return found;
}

/* The distinctive sentences of the Markdown document at path (in meeting
 * folder dir): of each paragraph of its body (and footnote), the start of
 * its first line, up to 40 characters of plain text (at least 20), when
 * no other file of the folder has it. NULL-terminated, in the arena. */
static const char **
probes(const char *dir, const char *path)
{
	char *text = file_text(path);
	char *body = text;
	if (strncmp(text, "---\n", 4) == 0) {
		char *end = strstr(text + 4, "\n---\n");
		cr_assert(end != NULL, "%s: front matter not closed", path);
		body = end + 5;
	}
	size_t cap = 8, n = 0;
	const char **v = arena_alloc(A(), cap * sizeof *v);
	bool start = true; /* at the first line of a paragraph */
	for (char *line = body; *line;) {
		char *nl = strchr(line, '\n');
		size_t l = nl != NULL ? (size_t)(nl - line) : strlen(line);
		const char *s = line;
		line += l + (nl != NULL);
		if (l == 0) {
			start = true;
			continue;
		}
		if (!start)
			continue;
		start = false;
		if (*s == '#' || *s == '|' || *s == '`')
			continue;
		if (strncmp(s, "[^", 2) == 0) { /* a footnote's text */
			const char *c = strstr(s, "]: ");
			if (c == NULL)
				continue;
			s = c + 3;
		}
		while (*s == '-' || *s == '*' || *s == '>' || *s == ' ' ||
		    (*s >= '0' && *s <= '9' && (s[1] == '.' || s[1] == ')')))
			s += *s >= '0' && *s <= '9' ? 2 : 1;
		size_t k = 0;
		while (k < 40 && s + k < line && plain_char(s[k]))
			k++;
		while (k > 0 && s[k - 1] == ' ')
			k--;
		if (k < 20)
			continue;
		const char *probe = arena_strndup(A(), s, k);
		if (elsewhere(dir, path, probe))
			continue;
		if (n + 1 == cap) {
			v = arena_grow(A(), v, cap, 2 * cap, sizeof *v);
			cap *= 2;
		}
		v[n++] = probe;
	}
	v[n] = NULL;
	return v;
}

/* Every probe of the document at path is in the full pack (so that the
 * probes are worth something) and none is in the public one. Returns how
 * many there are. */
static size_t
assert_withheld(const char *dir, const char *path)
{
	const char **v = probes(dir, path);
	size_t n = 0;
	for (; v[n] != NULL; n++) {
		cr_assert(strstr(xml[PACK_FULL], v[n]) != NULL,
		    "%s: \"%s\" is not in the full pack", path, v[n]);
		cr_assert(strstr(xml[PACK_PUBLIC], v[n]) == NULL,
		    "%s: \"%s\" is in the PUBLIC pack", path, v[n]);
	}
	return n;
}

/* The document of line e: its paper's file, or its appendix's. */
static const char *
document_path(const struct pack_entry *e)
{
	return e->appendix < 0 ? e->paper->path :
	    e->paper->meta.appendices[e->appendix].path;
}

/* ------------------------------------------------------------------ */
/* The meeting of content/ */

Test(pack_xml, meeting_valid)
{
	pack_of(MEETING "/agenda.md");
	assert_valid(PACK_PUBLIC);
	assert_valid(PACK_FULL);
	cr_assert(strstr(xml[PACK_PUBLIC], "<documentCollection "
	    "name=\"pack\">") != NULL);
	cr_assert(strstr(xml[PACK_PUBLIC], "/akn/gb/documentCollection/"
	    "streets-and-walkways-sub-committee/2024-03-12/pack-public\"")
	    != NULL);
	cr_assert(strstr(xml[PACK_FULL], "/akn/gb/documentCollection/"
	    "streets-and-walkways-sub-committee/2024-03-12/pack-full\"")
	    != NULL);
}

Test(pack_xml, meeting_components)
{
	pack_of(MEETING "/agenda.md");
	size_t held[2] = {0, 0}, part2 = 0;
	for (size_t i = 0; i < pk.nentries; i++) {
		const struct pack_entry *e = &pk.entries[i];
		const char *cmp = arena_printf(A(),
		    "<component eId=\"cmp_%s\">", e->number);
		const char *ref = arena_printf(A(), "<componentRef "
		    "src=\"#cmp_%s\"", e->number);
		const char *line = arena_printf(A(), "<hcontainer name=\"%s\" "
		    "eId=\"cmp_agenda__item_%s\"", e->level > 0 ? "subitem" :
		    "item", e->number);
		for (int k = PACK_PUBLIC; k <= PACK_FULL; k++) {
			bool h = pack_holds(e, (enum pack_kind)k);
			held[k] += h;
			cr_assert_eq(count(xml[k], cmp), h ? 1 : 0,
			    "pack%s, item %s: %s", pack_suffix(k), e->number,
			    h ? "no component" : "a component");
			cr_assert_eq(count(xml[k], ref), h ? 1 : 0,
			    "pack%s, item %s: componentRef",
			    pack_suffix(k), e->number);
			cr_assert_eq(count(xml[k], line), 1,
			    "pack%s: the agenda has no line %s",
			    pack_suffix(k), e->number);
		}
		part2 += e->part == 2 && e->paper != NULL;
	}
	/* One component for the agenda, one per document held. */
	for (int k = PACK_PUBLIC; k <= PACK_FULL; k++)
		cr_assert_eq(count(xml[k], "<component "), 1 + held[k],
		    "pack%s", pack_suffix(k));
	cr_assert_eq(count(xml[PACK_PUBLIC], "<component eId=\"cmp_agenda\">"),
	    1);
	cr_assert_gt(part2, 1, "the meeting has Part 2 documents");
	cr_assert_eq(held[PACK_FULL], held[PACK_PUBLIC] + part2);
	/* The highway contract is item 11 and a Part 2 paper. */
	cr_assert(strstr(xml[PACK_FULL], "<component eId=\"cmp_11\">") !=
	    NULL);
	cr_assert(strstr(xml[PACK_PUBLIC], "cmp_11\"") == NULL);
	cr_assert(strstr(xml[PACK_PUBLIC], "cmp_agenda__item_11") != NULL);
}

Test(pack_xml, meeting_public_holds_no_part2_text)
{
	pack_of(MEETING "/agenda.md");
	size_t n = assert_withheld(MEETING, MEETING
	    "/highway-maintenance-contract.md");
	cr_assert_geq(n, 8, "only %zu sentences of the contract paper", n);
	/* and every other document that only the full pack holds */
	size_t docs = 0;
	for (size_t i = 0; i < pk.nentries; i++) {
		const struct pack_entry *e = &pk.entries[i];
		if (pack_holds(e, PACK_PUBLIC) || !pack_holds(e, PACK_FULL))
			continue;
		cr_assert_gt(assert_withheld(MEETING, document_path(e)), 0,
		    "no sentence of %s to look for", document_path(e));
		docs++;
	}
	cr_assert_geq(docs, 1);
	/* nor the title of a non-public appendix, which its paper's list
	 * of appendices does not name */
	for (size_t i = 0; i < pk.nentries; i++) {
		const struct pack_entry *e = &pk.entries[i];
		if (e->appendix < 0)
			continue;
		const struct appendix *ap =
		    &e->paper->meta.appendices[e->appendix];
		const char *title = ap->title;
		cr_assert(strstr(xml[PACK_FULL], title) != NULL);
		cr_assert(strstr(xml[PACK_PUBLIC], title) == NULL,
		    "the public pack names appendix \"%s\"", title);
	}
	/* The Part 2 lines are in the public agenda, marked. */
	cr_assert(strstr(xml[PACK_PUBLIC], "<heading>Highway Maintenance "
	    "Term Contract \xe2\x80\x93 Award</heading>") != NULL);
	cr_assert(strstr(xml[PACK_PUBLIC], "<p class=\"exempt\">Non-public "
	    "\xe2\x80\x93 exempt under paragraph 3 ") != NULL);
	cr_assert(strstr(xml[PACK_PUBLIC], "class=\"exclusion\"") != NULL);
}

Test(pack_xml, meeting_same_bytes)
{
	pack_of(MEETING "/agenda.md");
	for (int k = PACK_PUBLIC; k <= PACK_FULL; k++) {
		size_t n;
		char *again = write_pack((enum pack_kind)k, &n);
		cr_assert(n == len[k] && memcmp(again, xml[k], n) == 0,
		    "pack%s: two writes differ", pack_suffix(k));
		free(again);
	}
	cr_assert_neq(len[PACK_PUBLIC], len[PACK_FULL]);
}

/* ------------------------------------------------------------------ */
/* A pack of tests/unit/fixtures/pack: a public paper whose non-public
 * appendix clerk routes to Part 2, and a non-public paper */

Test(pack_xml, fixture_routed_appendix)
{
	pack_of(FIXTURE "/agenda.md");
	assert_valid(PACK_PUBLIC);
	assert_valid(PACK_FULL);

	/* 1 Apologies, 2 the paper, 3 the non-public paper, 4 the routed
	 * appendix, 5 the questions */
	cr_assert_eq(pk.nentries, 5);
	const struct pack_entry *routed = &pk.entries[3];
	cr_assert_eq(routed->appendix, 1);
	cr_assert_str_eq(routed->number, "4");
	cr_assert(pk.entries[1].omit_nonpublic);
	cr_assert(pk.motion_unnumbered);

	/* The appendix's text: once in the full pack (its own component,
	 * not also in its paper's), never in the public one. */
	cr_assert_geq(assert_withheld(FIXTURE, document_path(routed)), 2);
	cr_assert_eq(count(xml[PACK_FULL], "Greenway Haulage quoted"), 1);
	cr_assert_eq(count(xml[PACK_FULL], "reference GH-7731"), 1,
	    "the appendix's footnote");
	cr_assert_geq(assert_withheld(FIXTURE, FIXTURE "/depot-lease.md"), 4);
	cr_assert(strstr(xml[PACK_PUBLIC], "Letter from the landlord") ==
	    NULL);
	cr_assert(strstr(xml[PACK_PUBLIC], "Contractor rates") == NULL,
	    "the title of the non-public appendix");
	cr_assert(strstr(xml[PACK_PUBLIC], "contractor-rates.md") == NULL);
	cr_assert(strstr(xml[PACK_PUBLIC], "<clerk:appendix public=\"false\" "
	    "withheld=\"true\" exempt-paragraphs=\"3\" in-part-2=\"true\"/>")
	    != NULL);

	/* The appendix's component names its paper and links to it. */
	cr_assert(strstr(xml[PACK_FULL], "<component eId=\"cmp_4\">") !=
	    NULL);
	cr_assert(strstr(xml[PACK_FULL], "<doc name=\"appendix\">") != NULL);
	cr_assert(strstr(xml[PACK_FULL], "<docTitle>Appendix 2 \xe2\x80\x93 "
	    "Contractor rates for the pilot</docTitle>") != NULL);
	cr_assert(strstr(xml[PACK_FULL], "Appendix 2 of <ref href=\"#cmp_2\">"
	    "Kerbside Recycling Review</ref>") != NULL);
	cr_assert(strstr(xml[PACK_FULL], "<attachmentOf ") != NULL);

	/* The public paper and its public appendix are in both packs; its
	 * only attachment is the public appendix. */
	for (int k = PACK_PUBLIC; k <= PACK_FULL; k++) {
		cr_assert_eq(count(xml[k], "Rounds start at the Walbrook "
		    "depot"), 1, "pack%s", pack_suffix(k));
		cr_assert_eq(count(xml[k], "Weekly collections of dry "
		    "recycling"), 1);
		cr_assert_eq(count(xml[k], "<attachment "), 1);
		cr_assert(strstr(xml[k], "<attachment eId=\"cmp_2__att_1\">")
		    != NULL);
		cr_assert(strstr(xml[k], "NB \xe2\x80\x93 To be read in "
		    "conjunction with the non-public appendix at Item 4.") !=
		    NULL);
		cr_assert(strstr(xml[k], "exempt under paragraphs 3, 5 of ") !=
		    NULL);
		/* no exclusion item: the motion opens Part 2 */
		cr_assert(strstr(xml[k], "<part eId=\"cmp_agenda__part_2\" "
		    "class=\"non-public\">") != NULL);
		cr_assert(strstr(xml[k], "<p class=\"motion\">MOTION") != NULL);
		cr_assert_eq(count(xml[k], "<component "), k == PACK_FULL ?
		    4 : 2);
	}
}

Test(pack_xml, paper_alone_keeps_its_appendices)
{
	pack_of(FIXTURE "/agenda.md");
	/* akn_write of the full edition, for clerk build --full -f xml:
	 * the paper with all its appendices, eIds without a component's
	 * prefix. */
	char *buf;
	size_t n;
	cr_assert(akn_write(pk.entries[1].paper, EDITION_FULL, d, &buf, &n));
	cr_assert_eq(count(buf, "<attachment "), 2);
	cr_assert(strstr(buf, "Greenway Haulage quoted") != NULL);
	cr_assert(strstr(buf, "eId=\"att_2__fn_1\"") != NULL);
	cr_assert(strstr(buf, "cmp_") == NULL);
	free(buf);
}

Test(pack_xml, paper_alone_public_edition)
{
	pack_of(FIXTURE "/agenda.md");
	/* akn_write of the public edition, for clerk build -f xml: the
	 * public appendix attached, the non-public one named by nothing but
	 * its paragraphs; the digest is not the full edition's. */
	const struct paper *p = pk.entries[1].paper;
	char *buf;
	size_t n;
	cr_assert(akn_write(p, EDITION_PUBLIC, d, &buf, &n));
	cr_assert_eq(count(buf, "<attachment "), 1);
	cr_assert(strstr(buf, "Greenway Haulage quoted") == NULL);
	cr_assert(strstr(buf, "Contractor rates") == NULL);
	cr_assert(strstr(buf, "contractor-rates.md") == NULL);
	cr_assert(strstr(buf, "<clerk:appendix public=\"false\" "
	    "withheld=\"true\" exempt-paragraphs=\"3\"/>") != NULL);
	cr_assert(strstr(buf, "edition=\"public\"") != NULL);
	cr_assert(strstr(buf, p->digest) == NULL);
	cr_assert(strstr(buf, p->digest_public) != NULL);
	cr_assert(strstr(buf, "<docStatus>Public</docStatus>") != NULL);
	free(buf);
	cr_assert(akn_write(p, EDITION_FULL, d, &buf, &n));
	cr_assert(strstr(buf, "edition=\"full\"") != NULL);
	cr_assert(strstr(buf, "<docStatus>Not for publication</docStatus>") !=
	    NULL);
	free(buf);
}
