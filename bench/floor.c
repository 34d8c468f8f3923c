/* floor.c: the benchmark's floor: PDF pages written with libharu alone.
 *
 * Usage: floor [-e CP1252|UTF-8] --one OUT.pdf N
 *        floor [-e CP1252|UTF-8] --like OUT_DIR A.pdf B.pdf ...
 *        floor --plan A.pdf B.pdf ... > PLAN
 *        floor [-e CP1252|UTF-8] --from PLAN OUT_DIR
 *        floor --count A.pdf B.pdf ...
 *
 * --one writes one document of N pages to OUT.pdf. --like counts the pages
 * of each PDF given (the "/Type /Page" dictionaries, which libharu writes
 * uncompressed) and reads which faces it embeds (its /BaseFont names),
 * and writes, in this one process, one document with as many pages and
 * the same faces embedded to OUT_DIR/<its file name>: the least work that
 * writing the same documents can take. --plan does the reading part of
 * --like and prints one line per PDF ("PAGES FACES NAME", FACES a bit per
 * entry of faces[]), and --from does the writing part from such a plan,
 * so that a timed run of the floor does not spend time reading clerk's
 * files. --count prints the number of pages of the PDFs given, all
 * together, and writes nothing.
 *
 * Each document is what clerk's documents are made of, without the
 * typesetting: A4, compressed, Liberation Sans regular and bold (the fonts
 * of clerk's default template), and with --like every other face the
 * document copied embeds (italic, mono, DejaVu ...), embedded as TrueType
 * fonts, each used on the first page, with the
 * encoder -e names: CP1252 (the default), a simple font, as clerk sets
 * all text that Windows-1252 holds; or UTF-8, a Type0 font, whose CID maps
 * over all 65,536 code points libharu writes and compresses for each font
 * of each document. Each page has a bold heading, 45 lines of about 80
 * characters of regular text at 12 pt (a full page of a clerk paper holds
 * about 3,500 characters) and a page number.
 *
 * Exit status: 0 written, 2 usage error, 3 system or libharu error.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

#define FONT_DIR "/usr/share/fonts/truetype/liberation2/"

enum {
	LINES = 45,      /* lines of text on a page */
	LINE_CHARS = 80, /* a line ends at the word that reaches this */
	POOL = 64,       /* lines of text made once, drawn in turn */
};

static const double page_w = 595.276, page_h = 841.89; /* A4, points */
static const double margin = 56.693;                   /* 20 mm */

static char pool[POOL][LINE_CHARS + 32]; /* the text lines, encoded */

/* The faces a clerk document may embed: the name after the subset tag of
 * its /BaseFont, and the file. */
static const struct face {
	const char *name;
	const char *file;
} faces[] = {
	{"LiberationSans", FONT_DIR "LiberationSans-Regular.ttf"},
	{"LiberationSans-Bold", FONT_DIR "LiberationSans-Bold.ttf"},
	{"LiberationSans-Italic", FONT_DIR "LiberationSans-Italic.ttf"},
	{"LiberationSans-BoldItalic", FONT_DIR "LiberationSans-BoldItalic.ttf"},
	{"LiberationMono", FONT_DIR "LiberationMono-Regular.ttf"},
	{"LiberationMono-Bold", FONT_DIR "LiberationMono-Bold.ttf"},
	{"LiberationMono-Italic", FONT_DIR "LiberationMono-Italic.ttf"},
	{"LiberationMono-BoldItalic", FONT_DIR "LiberationMono-BoldItalic.ttf"},
	{"DejaVuSans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"},
	{"DejaVuSans-Bold",
	    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"},
};
enum { NFACES = sizeof faces / sizeof *faces };
static const char *encoding = "CP1252";  /* the fonts' encoder */

static void
on_error(HPDF_STATUS code, HPDF_STATUS detail, void *ud)
{
	(void)ud;
	fprintf(stderr, "floor: error: libharu error 0x%04X (detail %u)\n",
	    (unsigned)code, (unsigned)detail);
	exit(3);
}

/* Makes the pool of text lines from a fixed-seed LCG: words of a short
 * list, a sum of money now and then, in the bytes of ENCODING. */
static void
make_pool(void)
{
	/* £12,500 */
	const char *money = strcmp(encoding, "UTF-8") == 0 ?
	    "\xC2\xA3" "12,500" : "\xA3" "12,500";
	static const char *const words[] = {
		"the", "of", "and", "to", "committee", "members", "report",
		"budget", "programme", "contract", "service", "review",
		"scheme", "works", "highway", "walkway", "lighting",
		"consultation", "residents", "funding", "capital", "revenue",
		"strategy", "delivery", "progress", "approval", "options",
		"project", "survey", "traffic", "junction", "pedestrian",
		"safety", "planning", "transport", "environment", "risk",
		"performance", "quarter", "annual", "carbon", "energy",
		"contractor", "framework", "tender", "quality", "renewal",
		"", "2024", "per", "cent", "Chamberlain", "City",
	};
	uint64_t s = 0x666c6f6f72u;
	for (int i = 0; i < POOL; i++) {
		size_t len = 0;
		while (len < LINE_CHARS) {
			s = s * 6364136223846793005u + 1442695040888963407u;
			const char *w = words[(s >> 33) %
			    (sizeof words / sizeof *words)];
			if (*w == '\0')
				w = money;
			len += (size_t)snprintf(pool[i] + len,
			    sizeof pool[i] - len, "%s%s", len ? " " : "", w);
		}
	}
}

/* Writes a document of NPAGES pages to PATH, embedding the faces of
 * used[] (regular and bold always). */
static void
write_doc(const char *path, long npages, const bool *used)
{
	HPDF_Doc pdf = HPDF_New(on_error, NULL);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	if (strcmp(encoding, "UTF-8") == 0) {
		HPDF_UseUTFEncodings(pdf);
		HPDF_SetCurrentEncoder(pdf, "UTF-8");
	}
	HPDF_Font regular = HPDF_GetFont(pdf, HPDF_LoadTTFontFromFile(pdf,
	    FONT_DIR "LiberationSans-Regular.ttf", HPDF_TRUE), encoding);
	HPDF_Font bold = HPDF_GetFont(pdf, HPDF_LoadTTFontFromFile(pdf,
	    FONT_DIR "LiberationSans-Bold.ttf", HPDF_TRUE), encoding);
	HPDF_Font extra[NFACES];
	size_t nextra = 0;
	for (size_t f = 2; used != NULL && f < NFACES; f++)
		if (used[f])
			extra[nextra++] = HPDF_GetFont(pdf,
			    HPDF_LoadTTFontFromFile(pdf, faces[f].file,
			    HPDF_TRUE), encoding);
	for (long n = 1; n <= npages; n++) {
		HPDF_Page page = HPDF_AddPage(pdf);
		HPDF_Page_SetWidth(page, (HPDF_REAL)page_w);
		HPDF_Page_SetHeight(page, (HPDF_REAL)page_h);
		HPDF_Page_BeginText(page);
		double y = page_h - margin - 14;
		HPDF_Page_SetFontAndSize(page, bold, 12);
		HPDF_Page_TextOut(page, (HPDF_REAL)margin, (HPDF_REAL)y,
		    "Current Position");
		for (size_t f = 0; n == 1 && f < nextra; f++) {
			/* a line in each other face, in place of a line of
			 * regular text */
			HPDF_Page_SetFontAndSize(page, extra[f], 12);
			y -= 14.4;
			HPDF_Page_TextOut(page, (HPDF_REAL)margin, (HPDF_REAL)y,
			    "Strategic implications");
		}
		HPDF_Page_SetFontAndSize(page, regular, 12);
		for (int i = n == 1 ? (int)nextra : 0; i < LINES; i++) {
			y -= 14.4;
			HPDF_Page_TextOut(page, (HPDF_REAL)margin, (HPDF_REAL)y,
			    pool[(n * 7 + i) % POOL]);
		}
		char num[32];
		snprintf(num, sizeof num, "%ld", n);
		HPDF_REAL w = HPDF_Page_TextWidth(page, num);
		HPDF_Page_TextOut(page, (HPDF_REAL)(page_w / 2 - w / 2),
		    (HPDF_REAL)(margin / 2), num);
		HPDF_Page_EndText(page);
	}
	HPDF_SaveToFile(pdf, path);
	HPDF_Free(pdf);
}

/* Marks in used[] the face whose /BaseFont name starts at s (after
 * "/BaseFont /"), of at most n bytes. */
static void
mark_face(const char *s, size_t n, bool *used)
{
	const char *plus = memchr(s, '+', n < 8 ? n : 8);
	if (plus != NULL) {
		n -= (size_t)(plus + 1 - s);
		s = plus + 1;
	}
	size_t len = 0;
	while (len < n && s[len] != ',' && s[len] != '/' && s[len] != ' ' &&
	    s[len] != '>' && s[len] != '\n' && s[len] != '\r')
		len++;
	for (size_t f = 0; f < NFACES; f++)
		if (strlen(faces[f].name) == len &&
		    memcmp(faces[f].name, s, len) == 0)
			used[f] = true;
}

/* The number of pages of the PDF at PATH that libharu wrote: its
 * "/Type /Page" not followed by "s"; -1 when it cannot be read. When used
 * is not NULL, the faces it embeds are marked in it. */
static long
count_pages(const char *path, bool *used)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return -1;
	static const char key[] = "/Type /Page";
	const size_t klen = sizeof key - 1;
	/* The whole file at once (clerk's PDFs are small). */
	size_t cap = 1 << 20, end = 0, n;
	char *buf = malloc(cap);
	while (buf != NULL && (n = fread(buf + end, 1, cap - end, fp)) > 0) {
		end += n;
		if (end == cap)
			buf = realloc(buf, cap *= 2);
	}
	if (buf == NULL) {
		fclose(fp);
		errno = ENOMEM;
		return -1;
	}
	long pages = 0;
	for (size_t i = 0; i + klen < end; i++) {
		if (buf[i] != '/')
			continue;
		if (memcmp(buf + i, key, klen) == 0 && buf[i + klen] != 's')
			pages++;
		if (used != NULL && i + 11 < end &&
		    memcmp(buf + i, "/BaseFont /", 11) == 0)
			mark_face(buf + i + 11, end - i - 11 < 48 ?
			    end - i - 11 : 48, used);
	}
	free(buf);
	bool bad = ferror(fp);
	fclose(fp);
	return bad ? -1 : pages;
}

static int
usage(void)
{
	fputs("usage: floor [-e CP1252|UTF-8] --one OUT.pdf N\n"
	      "       floor [-e CP1252|UTF-8] --like OUT_DIR A.pdf ...\n"
	      "       floor --count A.pdf ...\n", stderr);
	return 2;
}

int
main(int argc, char **argv)
{
	if (argc > 2 && strcmp(argv[1], "-e") == 0) {
		encoding = argv[2];
		if (strcmp(encoding, "CP1252") != 0 &&
		    strcmp(encoding, "UTF-8") != 0)
			return usage();
		argc -= 2;
		argv += 2;
	}
	if (argc > 2 && strcmp(argv[1], "--count") == 0) {
		long total = 0;
		for (int i = 2; i < argc; i++) {
			long n = count_pages(argv[i], NULL);
			if (n < 0) {
				fprintf(stderr, "floor: error: %s: %s\n",
				    argv[i], strerror(errno));
				return 3;
			}
			total += n;
		}
		printf("%ld\n", total);
		return 0;
	}
	if (argc > 2 && strcmp(argv[1], "--plan") == 0) {
		for (int i = 2; i < argc; i++) {
			bool used[NFACES] = {false};
			long n = count_pages(argv[i], used);
			if (n < 1) {
				fprintf(stderr, "floor: error: %s: %s\n",
				    argv[i], n < 0 ? strerror(errno) :
				    "no pages");
				return 3;
			}
			unsigned long mask = 0;
			for (size_t f = 0; f < NFACES; f++)
				if (used[f])
					mask |= 1ul << f;
			const char *base = strrchr(argv[i], '/');
			printf("%ld %lu %s\n", n, mask,
			    base != NULL ? base + 1 : argv[i]);
		}
		return 0;
	}
	if (argc < 4)
		return usage();
	make_pool();
	if (strcmp(argv[1], "--from") == 0 && argc == 4) {
		FILE *fp = fopen(argv[2], "r");
		if (fp == NULL) {
			fprintf(stderr, "floor: error: %s: %s\n", argv[2],
			    strerror(errno));
			return 3;
		}
		long n;
		unsigned long mask;
		char name[1024], out[4096];
		while (fscanf(fp, "%ld %lu %1023s", &n, &mask, name) == 3) {
			bool used[NFACES];
			for (size_t f = 0; f < NFACES; f++)
				used[f] = (mask >> f) & 1;
			if ((size_t)snprintf(out, sizeof out, "%s/%s", argv[3],
			    name) >= sizeof out)
				return 3;
			write_doc(out, n, used);
		}
		fclose(fp);
		return 0;
	}
	if (strcmp(argv[1], "--one") == 0 && argc == 4) {
		char *end;
		long n = strtol(argv[3], &end, 10);
		if (*end != '\0' || n < 1)
			return usage();
		write_doc(argv[2], n, NULL);
		return 0;
	}
	if (strcmp(argv[1], "--like") != 0)
		return usage();
	for (int i = 3; i < argc; i++) {
		bool used[NFACES] = {false};
		long n = count_pages(argv[i], used);
		if (n < 1) {
			fprintf(stderr, "floor: error: %s: %s\n", argv[i],
			    n < 0 ? strerror(errno) : "no pages");
			return 3;
		}
		const char *base = strrchr(argv[i], '/');
		base = base != NULL ? base + 1 : argv[i];
		char out[4096];
		if ((size_t)snprintf(out, sizeof out, "%s/%s", argv[2], base) >=
		    sizeof out) {
			fprintf(stderr, "floor: error: %s: path too long\n",
			    argv[i]);
			return 3;
		}
		write_doc(out, n, used);
	}
	return 0;
}
