/* corpus.c: the benchmark's papers, the same bytes on every run.
 *
 * Usage: corpus DIR
 *
 * Writes into DIR (made when missing; files in it are overwritten):
 *   one/paper.md          a one-page paper, like the seed paper;
 *   meeting/agenda.md     an agenda with standing items and 50 papers,
 *   meeting/pNN.md        p01.md to p50.md, all public, 1 to 8 pages each;
 *   archive/YYYY/aNNNN.md 2,000 papers, 1 to 8 pages each, in folders by
 *                         year, with names unique across the folders;
 *   manifest.txt          one line per paper: its path and the number of
 *                         pages it was made for (clerk decides the real
 *                         number; run.sh counts them in clerk's PDFs).
 * A quarter of the papers of the meeting and of the archive have a table
 * of 10 to 40 rows. Every paper uses template col-2023 and passes
 * `clerk check` without a message. The text is pseudo-English drawn by a
 * fixed-seed linear congruential generator, never rand() or the clock, so
 * the corpus is the same bytes on every machine.
 *
 * Exit status: 0 written, 2 usage error, 3 system error.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum {
	MEETING_PAPERS = 50,
	ARCHIVE_PAPERS = 2000,
	MAX_PAGES = 8,
};

/* How much text fills a page, found by building the corpus with clerk and
 * counting its pages: a numbered paragraph of 60 to 110 words is about a
 * fifth of a page at 12 pt on A4; the front sheet, summary,
 * recommendations, the eight implications and the last page's blank foot
 * take the room of about 9.4 paragraphs; a table row (which wraps) is
 * about a quarter of a paragraph. A one-page paper has three short
 * paragraphs instead (write_paper). */
#define PARAS_PER_PAGE 5.25
#define FIRST_PAGE_PARAS 9.4
#define ROWS_PER_PARA 3.5

/* ---- the random numbers ---- */

struct rng {
	uint64_t s; /* state of the 64-bit LCG (Knuth's MMIX constants) */
};

static uint32_t
rng_next(struct rng *r)
{
	r->s = r->s * 6364136223846793005u + 1442695040888963407u;
	return (uint32_t)(r->s >> 33);
}

/* A number from lo to hi, both included. */
static int
rng_range(struct rng *r, int lo, int hi)
{
	return lo + (int)(rng_next(r) % (uint32_t)(hi - lo + 1));
}

#define PICK(r, a) ((a)[rng_next(r) % (sizeof(a) / sizeof((a)[0]))])

/* ---- the vocabulary ---- */

static const char *const words[] = {
	"the", "the", "the", "the", "of", "of", "of", "and", "and", "to",
	"to", "in", "in", "a", "a", "for", "on", "with", "by", "that", "is",
	"are", "be", "will", "has", "have", "was", "this", "these", "its",
	"from", "as", "at", "which", "would", "should", "may", "each",
	"council", "committee", "members", "officers", "report", "budget",
	"programme", "contract", "service", "services", "review", "scheme",
	"proposal", "proposals", "works", "highway", "walkway", "street",
	"streets", "lighting", "maintenance", "consultation", "residents",
	"businesses", "funding", "capital", "revenue", "savings", "costs",
	"strategy", "policy", "delivery", "progress", "approval", "option",
	"options", "project", "projects", "design", "survey", "surveys",
	"traffic", "order", "junction", "cycle", "pedestrian", "safety",
	"access", "planning", "transport", "environment", "department",
	"chamberlain", "surveyor", "comptroller", "corporation", "city",
	"ward", "wards", "public", "realm", "trees", "planting", "estate",
	"property", "lease", "tenant", "rent", "market", "value", "risk",
	"risks", "register", "audit", "performance", "indicators", "target",
	"targets", "quarter", "annual", "period", "year", "years", "month",
	"recent", "current", "previous", "further", "additional", "local",
	"statutory", "proposed", "approved", "agreed", "completed",
	"expected", "required", "reported", "reviewed", "considered",
	"delivered", "managed", "improved", "reduced", "increased",
	"maintained", "inspected", "procured", "allocated", "within",
	"across", "between", "during", "following", "including", "against",
	"under", "through", "after", "before", "about", "more", "less",
	"than", "all", "some", "most", "other", "new", "existing", "main",
	"key", "wider", "overall", "significant", "sufficient", "available",
	"necessary", "appropriate", "reasonable", "effective", "sustainable",
	"accessible", "resilient", "carbon", "energy", "climate", "net",
	"zero", "emissions", "resources", "staff", "contractor", "framework",
	"tender", "evaluation", "quality", "price", "standard", "standards",
	"condition", "repairs", "renewal", "replacement", "installation",
	"footway", "carriageway", "paving", "drainage", "signage", "bollards",
	"crossing", "loading", "bays", "kerbs", "lanterns", "columns",
};

static const char *const committees[] = {
	"Streets and Walkways Sub-Committee",
	"Planning and Transportation Committee",
	"Finance Committee",
	"Property Investment Board",
	"Policy and Resources Committee",
	"Port Health and Environmental Services Committee",
	"Community and Children's Services Committee",
	"Culture, Heritage and Libraries Committee",
	"Audit and Risk Management Committee",
	"Safer City Partnership",
};

static const char *const topics[] = {
	"Riverside Walkway", "Bank Junction", "Cheapside", "Barbican Highwalks",
	"Street Tree Programme", "Highway Maintenance", "Public Lighting",
	"Eastern City Cluster", "Fleet Street", "Smithfield Area",
	"Guildhall Yard", "London Wall", "Aldgate Square", "Moorgate",
	"St Paul's Gyratory", "Climate Action Strategy", "Road Danger Reduction",
	"Pedestrian Priority Streets", "Cycle Parking", "Kerbside Strategy",
	"Car Parks", "Drainage Renewal", "Wayfinding Signage",
	"Security Programme", "Air Quality Strategy",
};

static const char *const kinds[] = {
	"Progress Report", "Update", "Proposed Scheme", "Gateway 4 Report",
	"Outcome of Consultation", "Annual Review", "Contract Award",
	"Budget Monitoring", "Options Appraisal", "Revenue Outturn",
};

static const char *const officers[] = {
	"Executive Director Environment", "City Surveyor", "The Chamberlain",
	"Town Clerk", "Comptroller and City Solicitor",
	"Director of Community and Children's Services",
	"Commissioner of Police", "Remembrancer",
};

static const char *const authors[] = {
	"Project Manager, Environment Department",
	"Senior Engineer, Highways",
	"Governance Officer, Town Clerk's Department",
	"Principal Planning Officer, Environment Department",
	"Finance Business Partner, Chamberlain's Department",
	"Asset Manager, City Surveyor's Department",
};

static const char *const statuses[] = {
	"Open", "Complete", "In progress", "Not started", "On hold",
};

static const char *const purposes[] = {
	"decision", "information", "discussion",
};

static const char *const implications[] = {
	"Strategic", "Financial", "Resource", "Legal", "Risk", "Equalities",
	"Climate", "Security",
};

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

/* ---- output ---- */

static _Noreturn void
die(const char *what, const char *path)
{
	fprintf(stderr, "corpus: error: %s %s: %s\n", what, path,
	    strerror(errno));
	exit(3);
}

/* Makes the folder PATH; an existing one is fine. */
static void
mkdir_ok(const char *path)
{
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		die("cannot make", path);
}

static FILE *
open_out(const char *path)
{
	FILE *fp = fopen(path, "w");
	if (fp == NULL)
		die("cannot write", path);
	return fp;
}

static void
close_out(FILE *fp, const char *path)
{
	if (ferror(fp) || fclose(fp) != 0)
		die("cannot write", path);
}

/* A path from a format, in a static buffer that the next call reuses. */
static const char *
path_of(const char *fmt, ...)
{
	static char buf[4096];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof buf) {
		fputs("corpus: error: path too long\n", stderr);
		exit(3);
	}
	return buf;
}

/* ---- text ---- */

/* Writes a sentence of 8 to 18 words: a capital first, a comma now and
 * then, a sum of money or a percentage now and then, a full stop. */
static void
sentence(FILE *fp, struct rng *r)
{
	int n = rng_range(r, 8, 18);
	for (int i = 0; i < n; i++) {
		if (i > 0)
			fputc(' ', fp);
		unsigned roll = rng_next(r) % 40;
		if (i > 2 && roll == 0)
			fprintf(fp, "£%d,%03d", rng_range(r, 2, 950),
			    rng_range(r, 0, 999));
		else if (i > 2 && roll == 1)
			fprintf(fp, "%d per cent", rng_range(r, 2, 95));
		else {
			const char *w = PICK(r, words);
			if (i == 0)
				fprintf(fp, "%c%s", w[0] - 'a' + 'A', w + 1);
			else
				fputs(w, fp);
		}
		if (i > 2 && i < n - 2 && rng_next(r) % 9 == 0)
			fputc(',', fp);
	}
	fputc('.', fp);
}

/* Writes a paragraph of LO to HI words (or a little more: the last
 * sentence ends it), wrapped at about 72 columns, and the blank line after
 * it. */
static void
paragraph(FILE *fp, struct rng *r, int lo, int hi)
{
	char buf[2048];
	int target = rng_range(r, lo, hi), words_out = 0;
	size_t col = 0;
	while (words_out < target) {
		/* A sentence into memory, to wrap it by words. */
		FILE *mem = fmemopen(buf, sizeof buf, "w");
		if (mem == NULL)
			die("cannot open", "a memory stream");
		sentence(mem, r);
		fputc('\0', mem);
		fclose(mem);
		for (char *w = strtok(buf, " "); w != NULL;
		    w = strtok(NULL, " ")) {
			size_t n = strlen(w);
			if (col > 0 && col + 1 + n > 72) {
				fputc('\n', fp);
				col = 0;
			} else if (col > 0) {
				fputc(' ', fp);
				col++;
			}
			fputs(w, fp);
			col += n;
			words_out++;
		}
	}
	fputs("\n\n", fp);
}

/* Writes a Markdown table of ROWS rows of actions, and the blank line
 * after it. */
static void
table(FILE *fp, struct rng *r, int rows)
{
	fputs("| Ref | Action | Officer responsible | Status |\n"
	      "|:----|:-------|:--------------------|:-------|\n", fp);
	for (int i = 1; i <= rows; i++) {
		fprintf(fp, "| A-%03d | ", i);
		int n = rng_range(r, 4, 8);
		for (int k = 0; k < n; k++) {
			const char *w = PICK(r, words);
			if (k == 0)
				fprintf(fp, "%c%s", w[0] - 'a' + 'A', w + 1);
			else
				fprintf(fp, " %s", w);
		}
		fprintf(fp, " | %s | %s |\n", PICK(r, officers),
		    PICK(r, statuses));
	}
	fputc('\n', fp);
}

/* ---- papers ---- */

struct paper {
	const char *committee; /* the committee it goes to */
	int y, m, d;           /* the meeting date */
	int pages;             /* the pages it is made for, 1 to 8 */
	int rows;              /* rows of its table, 0 for none */
	const char *ref;       /* its reference, "BENCH-..." */
};

/* Writes paper P to PATH, its words drawn from R; returns the report_of
 * (for the agenda's description). */
static const char *
write_paper(const char *path, const struct paper *p, struct rng *r)
{
	FILE *fp = open_out(path);
	/* A decision needs recommendations, and a one-page paper has no
	 * room for them. */
	const char *purpose = p->pages > 1 ? PICK(r, purposes) :
	    purposes[1 + rng_next(r) % 2];
	const char *of = PICK(r, officers);
	const char *topic = PICK(r, topics), *kind = PICK(r, kinds);
	fprintf(fp, "---\n"
	    "template: col-2023\n"
	    "committee: %s\n"
	    "date: %04d-%02d-%02d\n"
	    "purpose: %s\n"
	    "subject: %s – %s\n"
	    "report_of: %s\n"
	    "reference: %s\n",
	    p->committee, p->y, p->m, p->d, purpose, topic, kind, of, p->ref);
	/* A one-page paper has no room for the author's row and the contact
	 * block. */
	if (p->pages > 1)
		fprintf(fp, "report_author: %s\n"
		    "contact:\n"
		    "  title: %s\n"
		    "  phone: 020 7606 %04d\n",
		    PICK(r, authors), PICK(r, authors),
		    rng_range(r, 1000, 9999));
	fputs("---\n\n", fp);

	/* The numbered paragraphs of the main report that fill the pages,
	 * after the fixed matter and the table's room; a one-page paper has
	 * two short ones (and a short summary). */
	int lo = 60, hi = 110, paras = 2;
	if (p->pages == 1) {
		lo = 12;
		hi = 22;
	} else {
		double room = p->pages * PARAS_PER_PAGE - FIRST_PAGE_PARAS -
		    p->rows / ROWS_PER_PARA;
		if (room > 2.0)
			paras = (int)room;
	}

	fputs("## Summary\n\n", fp);
	paragraph(fp, r, lo, hi);
	if (strcmp(purpose, "decision") == 0 ||
	    (p->pages > 1 && rng_next(r) % 2 == 0)) {
		fputs("## Recommendations\n\nMembers are asked to:\n\n", fp);
		int n = rng_range(r, 2, 4);
		for (int i = 0; i < n; i++) {
			fputs("- ", fp);
			sentence(fp, r);
			fputs("\n", fp);
		}
		fputs("\n", fp);
	}
	/* A third under Background, then up to half of the rest under
	 * Current Position (the table after its first paragraph), the
	 * rest under Options. */
	fputs("## Main Report\n\n## Background\n\n", fp);
	int background = paras / 3 > 0 ? paras / 3 : 1;
	for (int i = 0; i < background; i++)
		paragraph(fp, r, lo, hi);
	paras -= background;
	fputs("## Current Position\n\n", fp);
	int current = paras > 6 ? paras / 2 : paras;
	for (int i = 0; i < current; i++) {
		paragraph(fp, r, lo, hi);
		if (i == 0 && p->rows > 0)
			table(fp, r, p->rows);
	}
	paras -= current;
	if (paras > 0) {
		fputs("## Options\n\n", fp);
		for (int i = 0; i < paras; i++)
			paragraph(fp, r, lo, hi);
	}
	fputs("## Corporate & Strategic Implications\n\n", fp);
	for (size_t i = 0; i < sizeof implications / sizeof *implications;
	    i++) {
		fprintf(fp, "### %s implications\n\n", implications[i]);
		if (p->pages > 1 && rng_next(r) % 3 == 0) {
			sentence(fp, r);
			fputs("\n\n", fp);
		} else
			fputs("None.\n\n", fp);
	}
	if (p->pages > 1) {
		fputs("## Conclusion\n\n", fp);
		sentence(fp, r);
		fputs("\n", fp);
	}
	close_out(fp, path);
	return of;
}

/* Draws a paper's table (a quarter of papers have one, of 10 to 40 rows)
 * and its pages (1 to 8; with a table, at least the pages it needs). */
static void
draw_size(struct paper *p, struct rng *r)
{
	p->rows = rng_next(r) % 4 == 0 ? rng_range(r, 10, 40) : 0;
	p->pages = rng_range(r, p->rows > 0 ? 2 + p->rows / 14 : 1,
	    MAX_PAGES);
}

/* ---- the three cases ---- */

static void
write_one(const char *dir, FILE *manifest, struct rng *r)
{
	mkdir_ok(path_of("%s/one", dir));
	struct paper p = {
		.committee = "Streets and Walkways Sub-Committee",
		.y = 2024, .m = 3, .d = 12, .pages = 1, .rows = 0,
		.ref = "BENCH-ONE-1",
	};
	const char *path = path_of("%s/one/paper.md", dir);
	write_paper(path, &p, r);
	fprintf(manifest, "one/paper.md 1\n");
}

static void
write_meeting(const char *dir, FILE *manifest, struct rng *r)
{
	mkdir_ok(path_of("%s/meeting", dir));
	const char *committee = "Planning and Transportation Committee";
	int y = 2024, m = 6, d = 18;
	const char *report_of[MEETING_PAPERS];
	for (int i = 0; i < MEETING_PAPERS; i++) {
		char ref[32];
		snprintf(ref, sizeof ref, "BENCH-M-%02d", i + 1);
		struct paper p = {.committee = committee, .y = y, .m = m,
		    .d = d, .ref = ref};
		draw_size(&p, r);
		report_of[i] = write_paper(path_of("%s/meeting/p%02d.md", dir,
		    i + 1), &p, r);
		fprintf(manifest, "meeting/p%02d.md %d\n", i + 1, p.pages);
	}

	const char *path = path_of("%s/meeting/agenda.md", dir);
	FILE *fp = open_out(path);
	fprintf(fp, "---\n"
	    "kind: agenda\n"
	    "committee: %s\n"
	    "date: %04d-%02d-%02d\n"
	    "time: 11.00 am\n"
	    "venue: Livery Hall – Guildhall\n"
	    "members:\n"
	    "  - Deputy Common Councilman for Bassishaw (Chairman)\n"
	    "  - Alderman for Cordwainer (Deputy Chairman)\n"
	    "  - Common Councilman for Aldersgate\n"
	    "  - Common Councilman for Bishopsgate\n"
	    "  - Common Councilman for Castle Baynard\n"
	    "  - Common Councilman for Coleman Street\n"
	    "  - Common Councilman for Farringdon Within\n"
	    "  - Common Councilman for Tower\n"
	    "enquiries:\n"
	    "  name: Governance Officer, Town Clerk's Department\n"
	    "  phone: 020 7606 3030\n"
	    "  email: committees@example.gov.uk\n"
	    "signatory:\n"
	    "  title: Town Clerk and Chief Executive\n"
	    "notes:\n"
	    "  - N.B. Part of this meeting could be the subject of audio "
	    "or visual recording.\n"
	    "---\n\n"
	    "## Part 1 - Public Agenda\n\n"
	    "1. Apologies\n\n"
	    "2. Members' Declarations under the Code of Conduct in respect "
	    "of items on the agenda\n\n"
	    "3. Minutes\n\n"
	    "   To agree the public minutes of the meeting held on "
	    "21 %s %d.\n\n",
	    committee, y, m, d, months[m - 2], y);
	int item = 4;
	for (int i = 0; i < MEETING_PAPERS; i++, item++) {
		int indent = item < 10 ? 3 : 4;
		const char *of = report_of[i];
		if (strncmp(of, "The ", 4) == 0)
			of += 4;
		fprintf(fp, "%d. [](p%02d.md)\n\n%*sReport of the %s.\n\n",
		    item, i + 1, indent, "", of);
	}
	fprintf(fp, "%d. Questions on matters relating to the work of the "
	    "Committee\n\n", item);
	item++;
	fprintf(fp, "%d. Any other business that the Chairman considers "
	    "urgent\n", item);
	close_out(fp, path);
}

static void
write_archive(const char *dir, FILE *manifest, struct rng *r)
{
	mkdir_ok(path_of("%s/archive", dir));
	for (int y = 2023; y <= 2025; y++)
		mkdir_ok(path_of("%s/archive/%d", dir, y));
	for (int i = 0; i < ARCHIVE_PAPERS; i++) {
		char ref[32];
		snprintf(ref, sizeof ref, "BENCH-A-%04d", i + 1);
		/* Dated in order through 2023 to 2025, as an archive is. */
		int day = i * (3 * 365) / ARCHIVE_PAPERS;
		struct paper p = {.committee = PICK(r, committees),
		    .y = 2023 + day / 365, .m = 1 + day % 365 / 31,
		    .d = 1 + day % 365 % 31 % 28, .ref = ref};
		draw_size(&p, r);
		write_paper(path_of("%s/archive/%d/a%04d.md", dir, p.y, i + 1),
		    &p, r);
		fprintf(manifest, "archive/%d/a%04d.md %d\n", p.y, i + 1,
		    p.pages);
	}
}

int
main(int argc, char **argv)
{
	if (argc != 2 || argv[1][0] == '-') {
		fputs("usage: corpus DIR\n", stderr);
		return 2;
	}
	const char *dir = argv[1];
	mkdir_ok(dir);
	/* One stream of numbers per case, so that changing one case leaves
	 * the others as they were. */
	struct rng one = {0x636c65726b31u}, meeting = {0x636c65726b32u},
		   archive = {0x636c65726b33u};
	char mpath[4096];
	snprintf(mpath, sizeof mpath, "%s/manifest.txt", dir);
	FILE *manifest = open_out(mpath);
	write_one(dir, manifest, &one);
	write_meeting(dir, manifest, &meeting);
	write_archive(dir, manifest, &archive);
	close_out(manifest, mpath);
	return 0;
}
