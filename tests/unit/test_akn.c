/* test_akn.c: papers as Akoma Ntoso XML and back (akn_write.c,
 * akn_read.c). Every paper of content/, tests/dump/ and tests/layout/,
 * and papers made here for what those lack: written, valid against the
 * official schema, read back into the same model (dumps equal but for
 * positions), written again into the same bytes, laid out into the same
 * PDF. Hostile and foreign XML refused quickly with a precise message,
 * nothing of a local file in any message. Run from the repository's
 * root, with the schema in schemas/akn. */
/* nftw() is X/Open. */
#define _XOPEN_SOURCE 700

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <glob.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "akn.h"
#include "arena.h"
#include "diag.h"
#include "docinfo.h"
#include "dump.h"
#include "layout.h"
#include "model.h"
#include "paper.h"
#include "pdf.h"
#include "template.h"
#include "fixture.h"

#define XSD "schemas/akn/akomantoso30.xsd"

TestSuite(akn, .init = fixture_setup, .fini = fixture_teardown);

/* The test's scratch arena (the fixture's paper's, freed after it). */
static struct arena *
A(void)
{
	(void)src;
	if (paper.arena == NULL)
		paper.arena = arena_new();
	return paper.arena;
}

/* ------------------------------------------------------------------ */
/* Helpers */

static void
write_file(const char *path, const char *buf, size_t len)
{
	FILE *f = fopen(path, "wb");
	cr_assert(f != NULL, "cannot write %s: %s", path, strerror(errno));
	cr_assert_eq(fwrite(buf, 1, len, f), len);
	cr_assert_eq(fclose(f), 0);
}

static int
copy_one(const char *from, const char *to)
{
	struct stat st;
	if (stat(from, &st) != 0)
		return -1;
	if (S_ISDIR(st.st_mode)) {
		if (mkdir(to, 0755) != 0 && errno != EEXIST)
			return -1;
		glob_t g;
		char *pat = arena_printf(A(), "%s/*", from);
		if (glob(pat, 0, NULL, &g) == 0) {
			for (size_t i = 0; i < g.gl_pathc; i++) {
				char *base = strrchr(g.gl_pathv[i], '/') + 1;
				copy_one(g.gl_pathv[i], arena_printf(
				    A(), "%s/%s", to, base));
			}
			globfree(&g);
		}
		return 0;
	}
	size_t len;
	char *buf = fixture_file(from, &len);
	write_file(to, buf, len);
	free(buf);
	return 0;
}

/* A new temporary folder (in paper's arena, which the fixture makes). */
static const char *
temp_dir(void)
{
	char *dir = arena_strdup(A(), "/tmp/clerk-akn-XXXXXX");
	cr_assert(mkdtemp(dir) != NULL, "mkdtemp: %s", strerror(errno));
	return dir;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static void
rm_tree(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* The model dump of p without its first line (the paper's path) and
 * without positions (" @L:C" at the ends of lines). Heap. */
static char *
dump_of(const struct paper *p)
{
	char *raw = NULL, *out;
	size_t n = 0;
	FILE *m = open_memstream(&raw, &n);
	dump_paper(m, p);
	fclose(m);
	out = malloc(n + 1);
	size_t o = 0;
	const char *s = strchr(raw, '\n');
	s = s != NULL ? s + 1 : raw + n;
	while (*s) {
		const char *e = strchr(s, '\n');
		size_t len = e != NULL ? (size_t)(e - s) : strlen(s);
		size_t keep = len;
		/* " @12:3" at the end */
		size_t k = len;
		while (k > 0 && (s[k - 1] == ':' || (s[k - 1] >= '0' &&
		    s[k - 1] <= '9')))
			k--;
		if (k >= 2 && s[k - 1] == '@' && s[k - 2] == ' ')
			keep = k - 2;
		memcpy(out + o, s, keep);
		o += keep;
		out[o++] = '\n';
		s += len + (e != NULL);
	}
	out[o] = '\0';
	free(raw);
	return out;
}

/* Every pending message, one a line (in the arena), and d emptied. */
static const char *
messages(void)
{
	const char *all = "";
	for (size_t i = 0; i < diags_pending(d); i++)
		all = arena_printf(A(), "%s%s\n", all, diags_text(d, i));
	diags_flush(d, devnull);
	return all;
}

static double
now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The warnings of the last Markdown paper read, without positions. */
static const char *md_warnings;

/* The messages without their positions ("12:3: " or "12: "). */
static const char *
unplaced(const char *all)
{
	const char *out = "";
	for (const char *s = all; *s;) {
		const char *e = strchr(s, '\n');
		size_t n = e != NULL ? (size_t)(e - s) : strlen(s);
		const char *m = strstr(s, ": warning: ");
		if (m == NULL || m > s + n)
			m = s;
		out = arena_printf(A(), "%s%.*s\n", out, (int)(n - (size_t)(m -
		    s)), m);
		s += n + (e != NULL);
	}
	return out;
}

/* The Markdown paper at path read without errors. */
static struct paper *
read_md(const char *path)
{
	bool syserr;
	size_t errors = diags_errors(d);
	struct paper *p = paper_read(path, &set, d, &syserr);
	cr_assert(p != NULL, "%s cannot be read", path);
	const char *m = messages();
	cr_assert_eq(diags_errors(d), errors, "%s has errors:\n%s", path, m);
	md_warnings = unplaced(m);
	return p;
}

/* p written as XML, with no error and no warning. */
static char *
write_xml(const struct paper *p, size_t *len)
{
	char *xml;
	cr_assert(akn_write(p, EDITION_FULL, d, &xml, len), "akn_write: %s",
	    messages());
	cr_assert_eq(diags_pending(d), 0, "akn_write: %s", messages());
	cr_assert(*len > 0 && xml != NULL);
	return xml;
}

static void
assert_valid(const char *xml, size_t len, const char *name)
{
	bool ok = akn_validate(xml, len, name, XSD, d);
	cr_assert(ok, "%s is not valid Akoma Ntoso:\n%s", name, messages());
}

/* The PDF of p into path. */
static void
pdf_of(const struct paper *p, const char *path)
{
	struct pdf_dev *dev = pdf_dev_new(p->tpl);
	cr_assert(dev != NULL && !pdf_dev_failed(dev), "pdf_dev_new");
	struct layout *l = layout_paper(p, pdf_dev_metrics(dev), d,
	    EDITION_FULL);
	cr_assert(l != NULL, "layout: %s", messages());
	struct pdf_options opt = {false, 0};
	struct doc_info info = paper_info(p, EDITION_FULL);
	cr_assert_eq(pdf_write_doc(dev, l, &info, &opt, path), PDF_OK,
	    "pdf_write_doc: %s %s", messages(), pdf_dev_error(dev));
	pdf_dev_free(dev);
	diags_flush(d, devnull);
}

/* The whole round trip of the paper md (its folder copied to a temporary
 * one, so that its images and appendices resolve beside the XML):
 * written valid, read back to the same model, written again the same,
 * the same PDF from both. */
static void
round_trip(const char *md)
{
	const char *dir = temp_dir();
	char *copy = arena_strdup(A(), md);
	char *stem = arena_strdup(A(), basename(copy));
	stem[strlen(stem) - 3] = '\0';
	copy = arena_strdup(A(), md);
	cr_assert_eq(copy_one(dirname(copy), dir), 0);
	const char *md2 = arena_printf(A(), "%s/%s.md", dir, stem);
	const char *xml_path = arena_printf(A(), "%s/%s.xml", dir,
	    stem);

	struct paper *p = read_md(md2);
	size_t len, len2, len3;
	char *xml = write_xml(p, &len);
	assert_valid(xml, len, xml_path);
	char *again = write_xml(p, &len2);
	cr_assert(len2 == len && memcmp(xml, again, len) == 0,
	    "%s: two writes differ", md);
	write_file(xml_path, xml, len);

	bool syserr;
	struct paper *q = akn_read(xml_path, &set, d, &syserr);
	size_t errors = diags_errors(d);
	cr_assert(q != NULL, "%s: akn_read: %s", md, messages());
	const char *m = messages();
	cr_assert_eq(diags_errors(d), errors, "%s: akn_read: %s", md, m);
	/* The warnings about the model (images), not those about the
	 * Markdown (links without text or address). */
	const char *w = unplaced(m);
	for (const char *l = w; *l; l = strchr(l, '\n') + 1) {
		const char *line = arena_printf(A(), "%.*s",
		    (int)strcspn(l, "\n"), l);
		cr_assert(strstr(md_warnings, line) != NULL,
		    "%s: akn_read warns \"%s\", paper_read did not", md, line);
	}
	char *want = dump_of(p), *got = dump_of(q);
	cr_assert_str_eq(got, want, "%s: the model read back differs", md);
	cr_assert_str_eq(q->digest, p->digest);

	char *third = write_xml(q, &len3);
	cr_assert(len3 == len && memcmp(xml, third, len) == 0,
	    "%s: XML written from the XML differs", md);

	const char *pdf1 = arena_printf(A(), "%s/md.pdf", dir);
	const char *pdf2 = arena_printf(A(), "%s/xml.pdf", dir);
	pdf_of(p, pdf1);
	pdf_of(q, pdf2);
	size_t n1, n2;
	char *b1 = fixture_file(pdf1, &n1), *b2 = fixture_file(pdf2, &n2);
	cr_assert(n1 == n2 && memcmp(b1, b2, n1) == 0,
	    "%s: the PDF from the XML differs from the Markdown's", md);

	free(b1);
	free(b2);
	free(want);
	free(got);
	free(xml);
	free(again);
	free(third);
	paper_free(p);
	paper_free(q);
	rm_tree(dir);
}

/* ------------------------------------------------------------------ */
/* Every paper of the repository */

struct paper_case {
	char *path;
};

static char *
case_strdup(const char *s)
{
	char *c = cr_malloc(strlen(s) + 1);
	strcpy(c, s);
	return c;
}

static void
free_cases(struct criterion_test_params *crp)
{
	struct paper_case *c = crp->params;
	for (size_t i = 0; i < crp->length; i++)
		cr_free(c[i].path);
	cr_free(c);
}

static const char *const patterns[] = {"content/*/*.md", "tests/dump/*.md",
    "tests/layout/*.md"};

static size_t
find_papers(glob_t *g)
{
	memset(g, 0, sizeof *g);
	for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++)
		glob(patterns[i], i > 0 ? GLOB_APPEND : 0, NULL, g);
	return g->gl_pathc;
}

ParameterizedTestParameters(akn, paper)
{
	glob_t g;
	size_t n = find_papers(&g);
	struct paper_case *c = cr_malloc((n ? n : 1) * sizeof(*c));
	for (size_t i = 0; i < n; i++)
		c[i].path = case_strdup(g.gl_pathv[i]);
	globfree(&g);
	return cr_make_param_array(struct paper_case, c, n, free_cases);
}

ParameterizedTest(struct paper_case *c, akn, paper)
{
	if (strstr(c->path, "/agenda.md") != NULL)
		return; /* an agenda (agenda.h), not a paper */
	round_trip(c->path);
}

Test(akn, papers_found)
{
	glob_t g;
	size_t n = find_papers(&g);
	globfree(&g);
	cr_assert_geq(n, 12, "only %zu papers found: run from the root", n);
}

/* ------------------------------------------------------------------ */
/* Papers made for what the repository's lack */

/* Writes text as file name of dir. */
static const char *
put(const char *dir, const char *name, const char *text)
{
	const char *path = arena_printf(A(), "%s/%s", dir, name);
	write_file(path, text, strlen(text));
	return path;
}

#define EDGE_FRONT \
	"---\n" \
	"template: district-decimal\n" \
	"committee: Finance Committee\n" \
	"date: 2019-01-15\n" \
	"purpose: decision\n" \
	"subject: Edge cases & <odd> \"things\"\n" \
	"report_of: [The Chamberlain, The Chamberlain]\n" \
	"ward: Cheap; Bassishaw\n" \
	"contact:\n" \
	"  name: A. Person\n" \
	"  title: Head of things\n" \
	"appendices:\n" \
	"  - title: Detail\n" \
	"    file: appendices/detail.md\n" \
	"  - title: Listed only\n" \
	"    public: false\n" \
	"    exempt_paragraphs: [3]\n" \
	"---\n"

/* What the repository's papers lack: text with a newline of its own (an
 * entity), an image described with emphasis, an image and a link with
 * no text, a link with no address, an address that is no valid URI,
 * short and long table rows, an empty quote, a heading in a quote, a
 * list from 0 with ")", a loose list, an item holding a quote, code, a
 * table, a rule and a heading, nested and repeated footnotes, labels and
 * cross-references with and without text, sub-headings of three levels,
 * an appendix with a footnote, an image, and a reference to the paper. */
Test(akn, edge_cases)
{
	const char *dir = temp_dir();
	cr_assert_eq(copy_one("tests/dump/img", arena_printf(A(),
	    "%s/img", dir)), 0);
	mkdir(arena_printf(A(), "%s/appendices", dir), 0755);
	cr_assert_eq(copy_one("tests/dump/img", arena_printf(A(),
	    "%s/appendices/pics", dir)), 0);
	put(dir, "appendices/detail.md",
	    "# Detail\n\n"
	    "Appendix text.[^x] ![pic](pics/chart.png)\n\n"
	    "## Appendix sub\n\n"
	    "More, see [fin](#fin).\n\n"
	    "[^x]: Appendix note.\n");
	put(dir, "edge.md", EDGE_FRONT
	    "\n## Summary\n\n"
	    "Text with&#10;entity newline.[^b] And `` ` `` spaces.\n"
	    "![alt with *emph*](img/chart.png \"T\") and "
	    "![](img/chart.png \"decorative\") and [](https://e.org) and [x]().\n"
	    "<https://x.org/%zz> and <https://x.org/a|b>\n\n"
	    "| a | b | c |\n|---|:-:|--:|\n| 1 |\n| 1 | 2 | 3 | 4 |\n\n"
	    ">\n\n> # Quote heading\n> text\n\n"
	    "[^b]: referenced note, see [^c]. Again [^b].\n"
	    "[^c]: nested.\n[^d]: never used.\n\n"
	    "## Recommendations\n\n"
	    "0) zero start\n1) paren\n\n"
	    "- loose\n\n- list\n  > quote in item\n  ```sh\n  code in item\n"
	    "  ```\n  | t |\n  |---|\n  | u |\n  ---\n  ### heading in item\n\n"
	    "## Background\n\n"
	    "Unnumbered.\n\n"
	    "## Financial Implications\n\n"
	    "{#fin} Finance paragraph.\n\n![fig](img/chart.png)\n\n"
	    "### Sub heading\n\n"
	    "See [the finance para](#fin) and [](#fin).\n\n"
	    "#### Deeper\n\nDeeper text.\n\n"
	    "##### Deepest\n\nDeepest text.\n");
	round_trip(arena_printf(A(), "%s/edge.md", dir));
	rm_tree(dir);
}

/* A legacy paper's typed numbers: numbered blocks that are code, a
 * heading, an empty item, an item of two paragraphs. */
Test(akn, typed_numbers)
{
	const char *dir = temp_dir();
	put(dir, "typed.md",
	    "---\ntemplate: col-2018\ncommittee: Finance Committee\n"
	    "date: 2019-01-15\npurpose: information\nsubject: Typed\n"
	    "report_of: The Chamberlain\n---\n\n"
	    "## Summary\n\nShort.\n\n"
	    "## Background\n\n"
	    "1. ```\n   code first\n   ```\n2. # Heading item\n"
	    "3. Plain text.\n\n   Second block of item.\n4.\n5. Last.\n\n"
	    "## Current Position\n\n{#cp} Text, see [](#cp).\n");
	round_trip(arena_printf(A(), "%s/typed.md", dir));
	rm_tree(dir);
}

/* Text XML cannot hold (from YAML escapes, and from entities in the
 * body): U+FFFD, with a warning where it was typed; still valid. */
Test(akn, characters_xml_cannot_hold)
{
	const char *dir = temp_dir();
	const char *md = put(dir, "c.md",
	    "---\ntemplate: col-2018\ncommittee: Finance Committee\n"
	    "date: 2019-01-15\npurpose: information\n"
	    "subject: \"Budget \\uFFFF update \\x01 two\"\n"
	    "report_of: The Chamberlain\n---\n\n"
	    "## Summary\n\nA &#1; B &#xFFFE; C.\n\n"
	    "## Background\n\nText.\n\n## Current Position\n\nText.\n");
	struct paper *p = read_md(md);
	char *xml;
	size_t len;
	cr_assert(akn_write(p, EDITION_FULL, d, &xml, &len),
	    "akn_write failed");
	const char *m = messages();
	cr_assert(strstr(m, "6:10: warning: character U+FFFF cannot be "
	    "written in XML; it is replaced by U+FFFD") != NULL, "%s", m);
	cr_assert(strstr(m, "6:10: warning: character U+0001") != NULL,
	    "%s", m);
	cr_assert(strstr(m, "12:1: warning: character U+0001") != NULL,
	    "%s", m);
	cr_assert(strstr(m, "12:1: warning: character U+FFFE") != NULL,
	    "%s", m);
	cr_assert(strstr(xml, "Budget \xEF\xBF\xBD update \xEF\xBF\xBD two"),
	    "no U+FFFD in the subject");
	cr_assert(strstr(xml, "A \xEF\xBF\xBD B \xEF\xBF\xBD C."),
	    "no U+FFFD in the text");
	assert_valid(xml, len, "c.xml");
	free(xml);
	paper_free(p);
	rm_tree(dir);
}

/* ------------------------------------------------------------------ */
/* XML clerk refuses */

/* The messages of reading the XML text as file name of a temporary
 * folder: NULL paper, no system error, within limit seconds. */
static const char *
refused(const char *name, const char *text, double limit)
{
	const char *dir = temp_dir();
	const char *path = put(dir, name, text);
	bool syserr;
	double t0 = now();
	struct paper *p = akn_read(path, &set, d, &syserr);
	double t = now() - t0;
	cr_assert(!syserr, "%s: system error %s", name, strerror(errno));
	if (p != NULL)
		cr_assert_gt(diags_errors(d), 0, "%s was read", name);
	paper_free(p);
	cr_assert_lt(t, limit, "%s took %.3f s", name, t);
	rm_tree(dir);
	return messages();
}

static void
assert_has(const char *all, const char *want)
{
	cr_assert(strstr(all, want) != NULL, "\"%s\" is not in:\n%s", want,
	    all);
}

Test(akn, billion_laughs)
{
	const char *m = refused("lol.xml",
	    "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE akomaNtoso [\n"
	    " <!ENTITY a \"lollollollollollollollollollol\">\n"
	    " <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
	    " <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
	    " <!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
	    " <!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
	    " <!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n"
	    " <!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n"
	    " <!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">\n"
	    " <!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">\n"
	    "]>\n"
	    "<akomaNtoso xmlns=\"" AKN_NS "\"><doc name=\"report\">"
	    "<preface><p><docTitle>&i;</docTitle></p></preface></doc>"
	    "</akomaNtoso>\n", 0.5);
	assert_has(m, "2: error: XML with a DOCTYPE is refused");
	cr_assert(strstr(m, "lollol") == NULL, "%s", m);
}

/* The XXE of a clerk document: nothing of /etc/hostname anywhere. */
Test(akn, xxe)
{
	char *host = NULL;
	size_t n = 0;
	if (access("/etc/hostname", R_OK) == 0) {
		host = fixture_file("/etc/hostname", &n);
		while (n > 0 && (host[n - 1] == '\n' || host[n - 1] == ' '))
			host[--n] = '\0';
	}
	struct paper *p = read_md(
	    "content/safer-city-2018-05-31/serious-organised-crime-board.md");
	size_t len;
	char *xml = write_xml(p, &len);
	/* The DOCTYPE after the XML declaration; the subject an entity. */
	const char *subject = p->meta.subject;
	char *at = strstr(xml, subject);
	cr_assert(at != NULL);
	char *nl = strchr(xml, '\n');
	const char *evil = arena_printf(A(), "%.*s\n<!DOCTYPE "
	    "akomaNtoso [ <!ENTITY s SYSTEM \"file:///etc/hostname\"> ]>%.*s"
	    "&s;%s", (int)(nl - xml), xml, (int)(at - nl), nl,
	    at + strlen(subject));
	const char *m = refused("xxe.xml", evil, 0.5);
	assert_has(m, "2: error: XML with a DOCTYPE is refused");
	if (host != NULL && n > 0)
		cr_assert(strstr(m, host) == NULL, "the host name is in:\n%s",
		    m);
	/* A parameter entity, and an external DTD. */
	m = refused("xxe2.xml", "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE x [ <!ENTITY % p SYSTEM \"file:///etc/hostname\"> %p; ]>"
	    "\n<x/>\n", 0.5);
	assert_has(m, "2: error: XML with a DOCTYPE is refused");
	if (host != NULL && n > 0)
		cr_assert(strstr(m, host) == NULL, "%s", m);
	m = refused("dtd.xml", "<?xml version=\"1.0\"?>\n\n"
	    "<!DOCTYPE x SYSTEM \"file:///etc/hostname\">\n<x/>\n", 0.5);
	assert_has(m, "3: error: XML with a DOCTYPE is refused");
	if (host != NULL && n > 0)
		cr_assert(strstr(m, host) == NULL, "%s", m);
	free(host);
	free(xml);
	paper_free(p);
}

Test(akn, doctype)
{
	const char *m = refused("d.xml", "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE akomaNtoso>\n<akomaNtoso xmlns=\"" AKN_NS "\"/>\n", 0.5);
	assert_has(m, "2: error: XML with a DOCTYPE is refused: clerk reads "
	    "no DTD and no entities");
}

Test(akn, not_akoma_ntoso)
{
	const char *m = refused("rss.xml", "<?xml version=\"1.0\"?>\n\n"
	    "<rss version=\"2.0\"><channel/></rss>\n", 0.5);
	assert_has(m, "3: error: not an Akoma Ntoso document: the root "
	    "element is <rss>");
	m = refused("akn2.xml", "<?xml version=\"1.0\"?>\n"
	    "<akomaNtoso xmlns=\"http://www.akomantoso.org/2.0\">"
	    "<doc name=\"report\"/></akomaNtoso>\n", 0.5);
	assert_has(m, "2: error: <akomaNtoso> is in the namespace "
	    "\"http://www.akomantoso.org/2.0\", not that of Akoma Ntoso 3.0");
	m = refused("act.xml", "<?xml version=\"1.0\"?>\n<akomaNtoso xmlns=\""
	    AKN_NS "\">\n  <act/>\n</akomaNtoso>\n", 0.5);
	assert_has(m, "3: error: this Akoma Ntoso document was not written "
	    "by clerk: <doc");
}

/* The line of the first occurrence of s in text. */
static int
line_of(const char *text, const char *s)
{
	const char *at = strstr(text, s);
	cr_assert(at != NULL, "\"%s\" not found", s);
	int line = 1;
	for (const char *c = text; c < at; c++)
		line += *c == '\n';
	return line;
}

/* A document of another tool: clerk's block missing, named, at the line
 * of meta. */
Test(akn, no_clerk_block)
{
	struct paper *p = read_md("tests/dump/seed.md");
	size_t len;
	char *xml = write_xml(p, &len);
	char *from = strstr(xml, "<proprietary");
	char *to = strstr(xml, "</proprietary>");
	cr_assert(from != NULL && to != NULL);
	to += strlen("</proprietary>");
	memmove(from, to, strlen(to) + 1);
	assert_valid(xml, strlen(xml), "foreign.xml");
	const char *m = refused("foreign.xml", xml, 0.5);
	assert_has(m, arena_printf(A(), "%d: error: this Akoma Ntoso "
	    "document was not written by clerk: <clerk:paper> (namespace "
	    CLERK_NS ") in <meta>/<proprietary> is missing, so clerk cannot "
	    "rebuild the paper from it", line_of(xml, "<meta>")));
	free(xml);
	paper_free(p);
}

Test(akn, malformed)
{
	const char *m = refused("bad.xml", "<?xml version=\"1.0\"?>\n"
	    "<akomaNtoso xmlns=\"" AKN_NS "\">\n<doc name=\"report\">\n"
	    "<preface>\n<p><docTitle>Fish & Chips</docTitle></p>\n"
	    "</preface></doc></akomaNtoso>\n", 0.5);
	assert_has(m, "5:");
	assert_has(m, ": error: XML: xmlParseEntityRef: no name");
	m = refused("unclosed.xml", "<?xml version=\"1.0\"?>\n<a>\n<b>\n</a>\n",
	    0.5);
	assert_has(m, "4:");
	assert_has(m, "error: XML: Opening and ending tag mismatch");
	m = refused("empty.xml", "", 0.5);
	assert_has(m, "error: XML: the file is empty");
	m = refused("pdf.xml", "%PDF-1.4\n%\xE2\xE3\n", 0.5);
	assert_has(m, "1:1: error: XML: ");
}

Test(akn, unknown_template)
{
	struct paper *p = read_md("tests/dump/seed.md");
	size_t len;
	char *xml = write_xml(p, &len);
	const char *want = arena_printf(A(), "template=\"%s\"",
	    p->tpl->id);
	char *at = strstr(xml, want);
	cr_assert(at != NULL);
	const char *bad = arena_printf(A(), "%.*stemplate=\"col-2019\""
	    "%s", (int)(at - xml), xml, at + strlen(want));
	const char *m = refused("tpl.xml", bad, 0.5);
	assert_has(m, arena_printf(A(), "%d: error: unknown template "
	    "\"col-2019\"", line_of(bad, "template=\"col-2019\"")));
	free(xml);
	paper_free(p);
}

/* Elements clerk does not write, in the body of its own document. */
Test(akn, unexpected_elements)
{
	struct paper *p = read_md("tests/dump/seed.md");
	size_t len;
	char *xml = write_xml(p, &len);
	char *at = strstr(xml, "<heading>");
	cr_assert(at != NULL);
	const char *bad = arena_printf(A(), "%.*s<blockList/>%s",
	    (int)(at - xml), xml, at);
	const char *m = refused("odd.xml", bad, 0.5);
	assert_has(m, arena_printf(A(), "%d: error: unexpected "
	    "<blockList> in <section>", line_of(bad, "<blockList/>")));
	at = strstr(xml, "eId=\"sec_");
	cr_assert(at != NULL);
	bad = arena_printf(A(), "%.*seId=\"sec_nonesuch_%s",
	    (int)(at - xml), xml, at + 9);
	m = refused("sec.xml", bad, 0.5);
	assert_has(m, "error: <section eId=\"sec_nonesuch_");
	free(xml);
	paper_free(p);
}

/* Larger than CLERK_MAX_XML_SIZE: refused before it is read. */
Test(akn, too_big)
{
	const char *dir = temp_dir();
	const char *path = arena_printf(A(), "%s/big.xml", dir);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	cr_assert(fd >= 0);
	cr_assert_eq(ftruncate(fd, (off_t)CLERK_MAX_XML_SIZE + 1), 0);
	close(fd);
	bool syserr;
	double t0 = now();
	struct paper *p = akn_read(path, &set, d, &syserr);
	cr_assert_lt(now() - t0, 0.1);
	cr_assert(p == NULL && !syserr);
	assert_has(messages(), "error: XML file is larger than 32 MiB");
	rm_tree(dir);
}

Test(akn, missing_file)
{
	bool syserr;
	struct paper *p = akn_read("/nonexistent/clerk.xml", &set, d, &syserr);
	cr_assert(p == NULL && syserr && errno == ENOENT);
	cr_assert_eq(diags_pending(d), 0);
}

/* The schema's messages, with their lines. */
Test(akn, schema_errors)
{
	struct paper *p = read_md("tests/dump/seed.md");
	size_t len;
	char *xml = write_xml(p, &len);
	char *at = strstr(xml, "<heading>");
	cr_assert(at != NULL);
	const char *bad = arena_printf(A(), "%.*s<p>loose</p>%s",
	    (int)(at - xml), xml, at);
	cr_assert(!akn_validate(bad, strlen(bad), "bad.xml", XSD, d));
	assert_has(messages(), arena_printf(A(), "%d: error: not "
	    "valid Akoma Ntoso: Element '{" AKN_NS "}p': This element is not "
	    "expected.", line_of(bad, "<p>loose</p>")));
	cr_assert(!akn_validate(xml, len, "x.xml", "/nonexistent.xsd", d));
	cr_assert_eq(errno, ENOENT);
	free(xml);
	paper_free(p);
}
