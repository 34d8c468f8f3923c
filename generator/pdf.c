/* pdf.c: the PDF device over libharu 2.3.0: the template's TrueType fonts
 * embedded with UTF-8 text, measured for the layout engine and painted
 * from its pages, with document info, outline, links, page labels and a
 * file identifier that depends only on the input. The only file that
 * includes libharu. libharu reports errors through a callback; ours
 * longjmps back to the entry point that called libharu (the setjmp
 * pattern), which records the error and gives up on the document. */
#include "pdf.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_version.h>

#include "arena.h"
#include "docinfo.h"
#include "image.h"
#include "layout.h"
#include "model.h"
#include "output.h"
#include "source.h"
#include "template.h"
#include "text.h"

/* What libharu was doing when it failed, for the message. */
enum activity {
	ACT_NONE,
	ACT_FONT,  /* loading the font file dev->what */
	ACT_IMAGE, /* loading the image file dev->what */
};

struct image {
	const char *path; /* the file, as the layout names it */
	HPDF_Image img;
};

struct pdf_dev {
	struct metrics m; /* handed to the layout engine */
	HPDF_Doc pdf;
	const char *path[FONT__COUNT]; /* the TTF file of each face */
	const char *name[FONT__COUNT]; /* the TTF loaded into the document
					   (libharu's name), when first
					   needed */
	HPDF_Font font[FONT__COUNT];   /* its UTF-8 (Type0) font, for text
					   outside Windows-1252 */
	HPDF_Font wfont[FONT__COUNT];  /* its Windows-1252 (simple TrueType)
					   font, for the rest: the same
					   glyphs and widths, without the
					   Type0 font's 65,536-entry maps
					   built and written per document */
	HPDF_FontDef def[FONT__COUNT]; /* fallback faces: a font definition
					   alone, for has_glyph, so that a
					   fallback never used stays out of
					   the file */
	struct image *images;          /* loaded images, heap */
	size_t nimages, capimages;
	char *buf; /* NUL-terminated copies of text, heap */
	size_t bufcap;
	int wcache[FONT__COUNT][256]; /* widths in the simple fonts by byte
					 (byte_width), each asked of libharu
					 once, which also marks the glyph as
					 used in this document
					 (thousandths of an em), or -1 */
	char *cs;                     /* content written by clerk, not yet in
					the page's stream (paint_page), heap */
	size_t cslen, cscap;
	HPDF_Page *pages;       /* the document's pages, heap */
	struct image_pixels px; /* a PNG being loaded, heap */
	unsigned char *out;     /* the saved file, heap */
	size_t outlen;

	jmp_buf *jb;              /* where libharu errors go; NULL when no
					entry point is active */
	enum activity act;        /* what libharu was doing */
	const char *what;         /* the file it was working on */
	HPDF_STATUS code, detail; /* the last libharu error */
	char why[256];            /* why the image dev->what cannot be
					drawn, or "" (see the libharu code) */
	bool failed;              /* a system error happened */
	char msg[512];            /* its message */
};

/* ---- libharu internals ---------------------------------------------- */
/* The only places where clerk reaches past libharu's API into its records
 * (hpdf_doc.h, hpdf_pages.h, hpdf_font.h), each for a reason given below.
 * Those records are libharu 2.3.0's: another version may lay them out
 * otherwise, so it stops the build until this section is checked against
 * it. */
#if HPDF_MAJOR_VERSION != 2 || HPDF_MINOR_VERSION != 3 || \
    HPDF_BUGFIX_VERSION != 0
#error "pdf.c reaches into libharu 2.3.0 (libharu internals): check it"
#endif

/* The ToUnicode CMap stream of a UTF-8 font, or NULL: libharu writes it
 * wrong (repair_to_unicode) and gives no other way to replace it. */
static HPDF_Stream
font_cmap_stream(HPDF_Font font)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
	if (attr == NULL || attr->cmap_stream == NULL)
		return NULL;
	return attr->cmap_stream->stream;
}

/* The font definition of a loaded font: libharu has no getter for it, and
 * has_glyph reads the glyph table of the very definition the font uses. */
static HPDF_FontDef
font_def(HPDF_Font font)
{
	return ((HPDF_FontAttr)font->attr)->fontdef;
}

/* The content stream of a page: clerk writes text runs and rules into it
 * itself (the content stream, below), as libharu's operators are slow. */
static HPDF_Stream
page_stream(HPDF_Page page)
{
	return ((HPDF_PageAttr)page->attr)->stream;
}

/* Tells libharu the graphics mode of a page (HPDF_GMODE_TEXT_OBJECT inside
 * BT/ET, else HPDF_GMODE_PAGE_DESCRIPTION): clerk writes BT and ET itself,
 * and libharu's own operators check the mode before they write. */
static void
page_set_gmode(HPDF_Page page, HPDF_UINT16 mode)
{
	((HPDF_PageAttr)page->attr)->gmode = mode;
}

/* Sets the document's file identifier (the trailer's /ID, both parts) to
 * the 16 bytes given: libharu makes one from the clock and has no call to
 * set it, and clerk's must depend only on the input. */
static void
doc_set_id(HPDF_Doc pdf, unsigned char bytes[16])
{
	HPDF_Array arr = HPDF_Array_New(pdf->mmgr);
	if (arr == NULL)
		out_of_memory();
	HPDF_Dict_Add(pdf->trailer, "ID", arr);
	HPDF_Array_Add(arr, HPDF_Binary_New(pdf->mmgr, bytes, 16));
	HPDF_Array_Add(arr, HPDF_Binary_New(pdf->mmgr, bytes, 16));
}

/* ---- errors ---------------------------------------------------------- */

/* Records system message id about file as the device's failure, unless
 * it failed already. The macro checks the arguments against the message. */
static void
set_failure(struct pdf_dev *dev, const char *file, enum diag_id id, ...)
{
	if (dev->failed)
		return;
	va_list ap;
	va_start(ap, id);
	diag_vline(dev->msg, sizeof dev->msg, file, id, ap);
	va_end(ap);
	dev->failed = true;
}
#define set_failure(dev, file, id, ...) \
	(DIAG_CHECK(id, ##__VA_ARGS__), \
	    set_failure(dev, file, id, ##__VA_ARGS__))

static void
on_error(HPDF_STATUS code, HPDF_STATUS detail, void *ud)
{
	struct pdf_dev *dev = ud;
	if (code == HPDF_FAILD_TO_ALLOC_MEM)
		out_of_memory();
	dev->code = code;
	dev->detail = detail;
	if (dev->jb != NULL)
		longjmp(*dev->jb, 1);
}

/* Turns the libharu error just caught into the device's system error. */
static void
record_libharu_error(struct pdf_dev *dev)
{
	char eb[DIAG_ERRNO_MAX];
	switch (dev->act) {
	case ACT_FONT:
		if (dev->code == HPDF_FILE_OPEN_ERROR)
			set_failure(dev, dev->what, D_FONT_OPEN,
			    diag_errno((int)dev->detail, eb, sizeof eb));
		else
			set_failure(dev, dev->what, D_FONT_NOT_EMBEDDABLE,
			    (unsigned)dev->code, (unsigned)dev->detail);
		break;
	case ACT_IMAGE:
		/* The file was read whole with the paper: it changed since,
		 * or cannot be read now. */
		if (dev->why[0] != '\0')
			set_failure(dev, dev->what, D_IMAGE_READ, dev->why);
		else if (dev->code == HPDF_FILE_OPEN_ERROR)
			set_failure(dev, dev->what, D_IMAGE_READ,
			    diag_errno((int)dev->detail, eb, sizeof eb));
		else
			set_failure(dev, dev->what, D_IMAGE_CHANGED);
		break;
	case ACT_NONE:
		set_failure(dev, "clerk", D_PDF_LIBRARY, (unsigned)dev->code,
		    (unsigned)dev->detail);
		break;
	}
}

/* ---- fonts and metrics ----------------------------------------------- */

static bool
is_fallback(enum font f)
{
	return f == FONT_FALLBACK || f == FONT_FALLBACK_BOLD;
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static unsigned
be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* Reads the ascent and descent of the TrueType font at path, in
 * thousandths of an em, as libharu computes them (hhea ascender and
 * descender * 1000 / unitsPerEm, truncated). Returns false with errno set
 * (EINVAL: not a TrueType file) when it cannot. */
static bool
ttf_vmetrics(const char *path, double *ascent, double *descent)
{
	unsigned char hdr[12], rec[16], b[4];
	long head = -1, hhea = -1;
	bool ok = false;
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return false;
	if (fread(hdr, 1, sizeof hdr, fp) != sizeof hdr)
		goto bad;
	unsigned ntables = be16(hdr + 4);
	for (unsigned i = 0; i < ntables && i < 256; i++) {
		if (fread(rec, 1, sizeof rec, fp) != sizeof rec)
			goto bad;
		if (memcmp(rec, "head", 4) == 0)
			head = (long)be32(rec + 8);
		else if (memcmp(rec, "hhea", 4) == 0)
			hhea = (long)be32(rec + 8);
	}
	if (head < 0 || hhea < 0)
		goto bad;
	if (fseek(fp, head + 18, SEEK_SET) != 0 || fread(b, 1, 2, fp) != 2)
		goto bad;
	long upem = (long)be16(b);
	if (upem == 0)
		goto bad;
	if (fseek(fp, hhea + 4, SEEK_SET) != 0 || fread(b, 1, 4, fp) != 4)
		goto bad;
	long asc = (int16_t)be16(b), desc = (int16_t)be16(b + 2);
	*ascent = (double)(asc * 1000 / upem);
	*descent = (double)(desc * 1000 / upem);
	ok = true;
	goto out;
bad:
	errno = EINVAL;
out:
	if (fclose(fp) != 0 && ok) {
		ok = false;
	}
	return ok;
}

/* libharu 2.3.0 gives each UTF-8 font a ToUnicode CMap written with the
 * wrong operator (begincidrange), which strict readers reject and poppler
 * warns about on every page. The codes of these fonts are the Unicode code
 * points of the Basic Multilingual Plane themselves, so the right map is
 * the identity, written as bfrange blocks (at most 100 entries each, the
 * high byte fixed within an entry, surrogates left out). The stream's
 * contents are replaced before anything is written. */
static void
repair_to_unicode(HPDF_Font font)
{
	HPDF_Stream s = font_cmap_stream(font);
	if (s == NULL)
		return;
	HPDF_MemStream_FreeData(s);
	HPDF_Stream_WriteStr(s,
	    "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\n"
	    "begincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	int ranges[256], n = 0;
	for (int hi = 0; hi < 256; hi++)
		if (hi < 0xD8 || hi > 0xDF)
			ranges[n++] = hi;
	char line[64];
	for (int i = 0; i < n; i += 100) {
		int k = n - i < 100 ? n - i : 100;
		snprintf(line, sizeof line, "%d beginbfrange\n", k);
		HPDF_Stream_WriteStr(s, line);
		for (int j = i; j < i + k; j++) {
			snprintf(line, sizeof line,
			    "<%02X00> <%02XFF> <%02X00>\n", ranges[j],
			    ranges[j], ranges[j]);
			HPDF_Stream_WriteStr(s, line);
		}
		HPDF_Stream_WriteStr(s, "endbfrange\n");
	}
	HPDF_Stream_WriteStr(s,
	    "endcmap\n"
	    "CMapName currentdict /CMap defineresource pop\n"
	    "end\nend\n");
}

static void buf_room(struct pdf_dev *dev, size_t n);

/* The TrueType file of face f loaded into the document when first needed
 * (a face sharing its file with one loaded already shares it): libharu's
 * name for it. Within an entry point: errors longjmp. */
static const char *
font_name_of(struct pdf_dev *dev, enum font f)
{
	if (dev->name[f] != NULL)
		return dev->name[f];
	for (int g = 0; g < FONT__COUNT; g++)
		if (dev->name[g] != NULL &&
		    strcmp(dev->path[g], dev->path[f]) == 0)
			return dev->name[f] = dev->name[g];
	dev->act = ACT_FONT;
	dev->what = dev->path[f];
	dev->name[f] = HPDF_LoadTTFontFromFile(dev->pdf, dev->path[f],
	    HPDF_TRUE);
	dev->act = ACT_NONE;
	return dev->name[f];
}

/* The UTF-8 font of face f, made when first needed. Within an entry
 * point: errors longjmp. */
static HPDF_Font
font_get(struct pdf_dev *dev, enum font f)
{
	if (dev->font[f] != NULL)
		return dev->font[f];
	for (int g = 0; g < FONT__COUNT; g++)
		if (dev->font[g] != NULL &&
		    strcmp(dev->path[g], dev->path[f]) == 0)
			return dev->font[f] = dev->font[g];
	const char *name = font_name_of(dev, f);
	dev->act = ACT_FONT;
	dev->font[f] = HPDF_GetFont(dev->pdf, name, "UTF-8");
	repair_to_unicode(dev->font[f]);
	dev->act = ACT_NONE;
	return dev->font[f];
}

/* The Windows-1252 font of face f, made when first needed. */
static HPDF_Font
wfont_get(struct pdf_dev *dev, enum font f)
{
	if (dev->wfont[f] != NULL)
		return dev->wfont[f];
	for (int g = 0; g < FONT__COUNT; g++)
		if (dev->wfont[g] != NULL &&
		    strcmp(dev->path[g], dev->path[f]) == 0)
			return dev->wfont[f] = dev->wfont[g];
	const char *name = font_name_of(dev, f);
	dev->act = ACT_FONT;
	dev->wfont[f] = HPDF_GetFont(dev->pdf, name, "CP1252");
	dev->act = ACT_NONE;
	return dev->wfont[f];
}

/* The Windows-1252 byte of code point cp, or 0 when it has none. */
static unsigned char
cp1252(uint32_t cp)
{
	if ((cp >= 0x20 && cp <= 0x7E) || (cp >= 0xA0 && cp <= 0xFF))
		return (unsigned char)cp;
	static const uint16_t high[32] = {
	    0x20AC,
	    0,
	    0x201A,
	    0x0192,
	    0x201E,
	    0x2026,
	    0x2020,
	    0x2021,
	    0x02C6,
	    0x2030,
	    0x0160,
	    0x2039,
	    0x0152,
	    0,
	    0x017D,
	    0,
	    0,
	    0x2018,
	    0x2019,
	    0x201C,
	    0x201D,
	    0x2022,
	    0x2013,
	    0x2014,
	    0x02DC,
	    0x2122,
	    0x0161,
	    0x203A,
	    0x0153,
	    0,
	    0x017E,
	    0x0178,
	};
	for (int i = 0; i < 32; i++)
		if (high[i] != 0 && high[i] == cp)
			return (unsigned char)(0x80 + i);
	return 0;
}

/* The n bytes of UTF-8 at s as Windows-1252 in the device's buffer,
 * NUL-terminated, *len bytes; NULL when a character has no byte there. */
static const char *
to_cp1252(struct pdf_dev *dev, const char *s, size_t n, size_t *len)
{
	buf_room(dev, n + 1);
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7F) { /* ASCII, most of it */
			dev->buf[k++] = (char)c;
			i++;
			continue;
		}
		uint32_t cp;
		size_t m = utf8_decode((const unsigned char *)s + i, n - i,
		    &cp);
		unsigned char b = m == 0 ? 0 : cp1252(cp);
		if (b == 0)
			return NULL;
		dev->buf[k++] = (char)b;
		i += m;
	}
	dev->buf[k] = '\0';
	*len = k;
	return dev->buf;
}

/* The font definition for face f's glyph table: the loaded font's, or for
 * the fallback faces one read on its own. Within an entry point. */
static HPDF_FontDef
fontdef_get(struct pdf_dev *dev, enum font f)
{
	if (!is_fallback(f) || dev->name[f] != NULL) {
		/* the simple font is made first: making it reads the
		 * tables has_glyph needs, and fails on a broken file */
		HPDF_Font font = wfont_get(dev, f);
		return font_def(font);
	}
	if (dev->def[f] != NULL)
		return dev->def[f];
	for (int g = 0; g < FONT__COUNT; g++)
		if (dev->def[g] != NULL &&
		    strcmp(dev->path[g], dev->path[f]) == 0)
			return dev->def[f] = dev->def[g];
	dev->act = ACT_FONT;
	dev->what = dev->path[f];
	dev->def[f] = HPDF_GetTTFontDefFromFile(dev->pdf, dev->path[f],
	    HPDF_FALSE);
	dev->act = ACT_NONE;
	return dev->def[f];
}

/* The width of Windows-1252 byte b in face f's simple font (thousandths
 * of an em). Asking libharu marks the glyph as used, so that it is
 * embedded: the first time, for each document. Within an entry point. */
static int
byte_width(struct pdf_dev *dev, enum font f, unsigned char b)
{
	if (dev->wcache[f][b] < 0) {
		HPDF_TextWidth tw = HPDF_Font_TextWidth(wfont_get(dev, f), &b,
		    1);
		dev->wcache[f][b] = (int)tw.width;
	}
	return dev->wcache[f][b];
}

static double
m_width(void *ctx, enum font f, const char *s, size_t n)
{
	struct pdf_dev *dev = ctx;
	jmp_buf jb;
	if (dev->failed || n == 0 || n > UINT_MAX)
		return 0;
	dev->jb = &jb;
	if (setjmp(jb) != 0) {
		dev->jb = NULL;
		record_libharu_error(dev);
		return 0;
	}
	/* Text that Windows-1252 holds: the sum of its bytes' widths in the
	 * simple font, each asked of libharu once (its TextWidth is that
	 * same sum of whole numbers). */
	double sum = 0;
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		unsigned char b;
		size_t m = 1;
		if (c >= 0x20 && c < 0x7F) {
			b = c;
		} else {
			uint32_t cp;
			m = utf8_decode((const unsigned char *)s + i, n - i,
			    &cp);
			b = m == 0 ? 0 : cp1252(cp);
			if (b == 0)
				break;
		}
		sum += byte_width(dev, f, b);
		i += m;
	}
	if (i < n) {
		/* a character Windows-1252 lacks: the UTF-8 font, all of it */
		HPDF_TextWidth tw = HPDF_Font_TextWidth(font_get(dev, f),
		    (const HPDF_BYTE *)s, (HPDF_UINT)n);
		sum = tw.width;
	}
	dev->jb = NULL;
	return sum;
}

static bool
m_has_glyph(void *ctx, enum font f, uint32_t cp)
{
	struct pdf_dev *dev = ctx;
	jmp_buf jb;
	/* libharu's UTF-8 encoder drops characters above U+FFFF. */
	if (dev->failed || cp > 0xFFFF)
		return false;
	dev->jb = &jb;
	if (setjmp(jb) != 0) {
		dev->jb = NULL;
		record_libharu_error(dev);
		return false;
	}
	HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(fontdef_get(dev, f),
	    (HPDF_UINT16)cp);
	dev->jb = NULL;
	return gid != 0;
}

struct pdf_dev *
pdf_dev_new(const struct template *t)
{
	struct pdf_dev *dev = xcalloc(1, sizeof(*dev));
	dev->m.ctx = dev;
	memset(dev->wcache, 0xFF, sizeof dev->wcache); /* all -1 */
	dev->m.width = m_width;
	dev->m.has_glyph = m_has_glyph;
	const char *paths[FONT__COUNT] = {
	    [FONT_REGULAR] = t->font.regular,
	    [FONT_BOLD] = t->font.bold,
	    [FONT_ITALIC] = t->font.italic,
	    [FONT_BOLD_ITALIC] = t->font.bold_italic,
	    [FONT_MONO] = t->mono.regular,
	    [FONT_MONO_BOLD] = t->mono.bold,
	    [FONT_MONO_ITALIC] = t->mono.italic,
	    [FONT_MONO_BOLD_ITALIC] = t->mono.bold_italic,
	    [FONT_FALLBACK] = t->fallback.regular,
	    [FONT_FALLBACK_BOLD] = t->fallback.bold,
	};
	for (int f = 0; f < FONT__COUNT; f++) {
		dev->path[f] = paths[f];
		if (dev->failed)
			continue;
		if (!ttf_vmetrics(paths[f], &dev->m.ascent[f],
		        &dev->m.descent[f])) {
			char eb[DIAG_ERRNO_MAX];
			if (errno == EINVAL)
				set_failure(dev, paths[f], D_FONT_NOT_TRUETYPE);
			else
				set_failure(dev, paths[f], D_FONT_OPEN,
				    diag_errno(errno, eb, sizeof eb));
		}
	}

	dev->pdf = HPDF_New(on_error, dev);
	if (dev->pdf == NULL)
		out_of_memory();
	jmp_buf jb;
	dev->jb = &jb;
	if (setjmp(jb) != 0) {
		dev->jb = NULL;
		record_libharu_error(dev);
		return dev;
	}
	HPDF_SetCompressionMode(dev->pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(dev->pdf);
	HPDF_SetCurrentEncoder(dev->pdf, "UTF-8");
	dev->jb = NULL;
	return dev;
}

const struct metrics *
pdf_dev_metrics(struct pdf_dev *dev)
{
	return &dev->m;
}

bool
pdf_dev_failed(const struct pdf_dev *dev)
{
	return dev->failed;
}

const char *
pdf_dev_error(const struct pdf_dev *dev)
{
	return dev->failed ? dev->msg : NULL;
}

void
pdf_dev_free(struct pdf_dev *dev)
{
	if (dev == NULL)
		return;
	for (int f = 0; f < FONT__COUNT; f++) {
		if (dev->def[f] == NULL)
			continue;
		HPDF_FontDef def = dev->def[f];
		for (int g = f; g < FONT__COUNT; g++)
			if (dev->def[g] == def)
				dev->def[g] = NULL;
		HPDF_FontDef_Free(def);
	}
	dev->jb = NULL;
	HPDF_Free(dev->pdf);
	free(dev->images);
	free(dev->pages);
	image_pixels_free(&dev->px);
	free(dev->buf);
	free(dev->cs);
	free(dev->out);
	free(dev);
}

/* ---- painting -------------------------------------------------------- */

/* Makes the device's buffer hold at least n bytes. */
static void
buf_room(struct pdf_dev *dev, size_t n)
{
	if (n > dev->bufcap) {
		dev->bufcap = n > 2 * dev->bufcap ? n : 2 * dev->bufcap;
		dev->buf = xrealloc(dev->buf, dev->bufcap);
	}
}

/* s[0..n) as a NUL-terminated string in the device's buffer. */
static const char *
cstr(struct pdf_dev *dev, const char *s, size_t n)
{
	buf_room(dev, n + 1);
	memcpy(dev->buf, s, n);
	dev->buf[n] = '\0';
	return dev->buf;
}

/* A PNG file read into the document: decoded by image.c into 8-bit gray
 * or RGB samples and an alpha plane, which libharu takes as raw images
 * (Flate-compressed), the alpha as a soft mask (libharu's own PNG reader
 * lets libpng abort the process on a damaged file and mishandles 16-bit
 * files). Returns NULL with the reason in why when the file cannot be
 * decoded; libharu errors longjmp. */
static HPDF_Image
load_png(struct pdf_dev *dev, const char *path, char *why, size_t whylen)
{
	struct image_pixels px;
	if (!image_png_decode(path, &px, why, whylen))
		return NULL;
	/* px is kept with the device until the image is in the document, so
	 * that a longjmp from libharu does not lose it. */
	image_pixels_free(&dev->px);
	dev->px = px;
	HPDF_Image img = HPDF_LoadRawImageFromMem(dev->pdf, px.samples,
	    px.width, px.height,
	    px.color ? HPDF_CS_DEVICE_RGB : HPDF_CS_DEVICE_GRAY, 8);
	if (px.alpha != NULL) {
		HPDF_Image mask = HPDF_LoadRawImageFromMem(dev->pdf, px.alpha,
		    px.width, px.height, HPDF_CS_DEVICE_GRAY, 8);
		HPDF_Image_AddSMask(img, mask);
	}
	image_pixels_free(&dev->px);
	return img;
}

/* The image of box b, loaded once per document. When the file cannot be
 * drawn, the reason goes to dev->why and this longjmps, as libharu's
 * errors do. */
static HPDF_Image
image_get(struct pdf_dev *dev, const struct box *b)
{
	for (size_t i = 0; i < dev->nimages; i++)
		if (strcmp(dev->images[i].path, b->path) == 0)
			return dev->images[i].img;
	if (dev->nimages == dev->capimages) {
		dev->capimages = dev->capimages ? 2 * dev->capimages : 4;
		dev->images = xrealloc(dev->images,
		    dev->capimages * sizeof(*dev->images));
	}
	dev->act = ACT_IMAGE;
	dev->what = b->path;
	dev->why[0] = '\0';
	HPDF_Image img = NULL;
	switch (b->image) {
	case IMAGE_PNG:
		img = load_png(dev, b->path, dev->why, sizeof dev->why);
		break;
	case IMAGE_JPEG:
		/* checked whole when the paper was read (image.c) */
		img = HPDF_LoadJpegImageFromFile(dev->pdf, b->path);
		break;
	case IMAGE_UNKNOWN:
		/* reading lets no other kind through */
		snprintf(dev->why, sizeof dev->why,
		    "it is not a PNG or JPEG "
		    "file");
		break;
	}
	if (img == NULL)
		longjmp(*dev->jb, 1);
	dev->act = ACT_NONE;
	dev->images[dev->nimages++] = (struct image){b->path, img};
	return img;
}

/* uri with every byte outside printable ASCII percent-encoded, as a PDF
 * URI action wants (RFC 3986: "café" becomes "caf%C3%A9"), in the
 * device's buffer. */
static const char *
ascii_uri(struct pdf_dev *dev, const char *uri)
{
	size_t n = 0;
	for (const unsigned char *s = (const unsigned char *)uri; *s; s++)
		n += *s <= 0x20 || *s >= 0x7F ? 3 : 1;
	buf_room(dev, n + 1);
	static const char hex[] = "0123456789ABCDEF";
	char *q = dev->buf;
	for (const unsigned char *s = (const unsigned char *)uri; *s; s++) {
		if (*s <= 0x20 || *s >= 0x7F) {
			*q++ = '%';
			*q++ = hex[*s >> 4];
			*q++ = hex[*s & 15];
		} else {
			*q++ = (char)*s;
		}
	}
	*q = '\0';
	return dev->buf;
}

static HPDF_Rect
rect_of(const struct box *b)
{
	return (HPDF_Rect){(HPDF_REAL)b->x, (HPDF_REAL)b->y,
	    (HPDF_REAL)(b->x + b->w), (HPDF_REAL)(b->y + b->h)};
}

/* ---- the content stream ---------------------------------------------
 * Text runs in simple fonts and rules are written into the page's content
 * stream by clerk itself: libharu's MoveTextPos, ShowText, MoveTo and
 * LineTo each clear a 512-byte buffer byte by byte and format numbers
 * slowly, and they were a quarter of a pack's painting. What libharu must
 * know goes through libharu still: fonts (their resources on the page, and
 * the glyphs used, which HPDF_Font_TextWidth marks for embedding), text
 * in UTF-8 fonts, line widths, images, links. dev->cs holds what clerk
 * wrote since the last libharu call; cs_flush hands it to the stream
 * before each. Numbers are written in hundredths of a point, positions
 * moved by differences of the rounded values, so that nothing drifts. */

static void
cs_room(struct pdf_dev *dev, size_t n)
{
	if (dev->cslen + n > dev->cscap) {
		dev->cscap = dev->cslen + n > 2 * dev->cscap ? dev->cslen + n :
		                                               2 * dev->cscap;
		dev->cs = xrealloc(dev->cs, dev->cscap);
	}
}

static void
cs_flush(struct pdf_dev *dev, HPDF_Page page)
{
	if (dev->cslen == 0)
		return;
	/* a failure calls on_error, which jumps out of the entry point */
	HPDF_Stream_Write(page_stream(page), (const HPDF_BYTE *)dev->cs,
	    (HPDF_UINT)dev->cslen);
	dev->cslen = 0;
}

/* v hundredths as a PDF number ("12.5", "-3", "0.07"), then c. */
static void
cs_num(struct pdf_dev *dev, long v, char c)
{
	char tmp[32];
	size_t n = 0;
	bool neg = v < 0;
	unsigned long u = neg ? 0ul - (unsigned long)v : (unsigned long)v;
	unsigned long frac = u % 100, whole = u / 100;
	tmp[n++] = c;
	if (frac != 0) {
		if (frac % 10 == 0) {
			tmp[n++] = (char)('0' + frac / 10);
		} else {
			tmp[n++] = (char)('0' + frac % 10);
			tmp[n++] = (char)('0' + frac / 10);
		}
		tmp[n++] = '.';
	}
	do {
		tmp[n++] = (char)('0' + whole % 10);
		whole /= 10;
	} while (whole > 0);
	if (neg)
		tmp[n++] = '-';
	cs_room(dev, n);
	while (n > 0)
		dev->cs[dev->cslen++] = tmp[--n];
}

static long
hundredths(double x)
{
	return lround(x * 100);
}

static void
cs_str(struct pdf_dev *dev, const char *s)
{
	size_t n = strlen(s);
	cs_room(dev, n);
	memcpy(dev->cs + dev->cslen, s, n);
	dev->cslen += n;
}

/* The n bytes at s as a PDF literal string and " Tj\n". */
static void
cs_text(struct pdf_dev *dev, const char *s, size_t n)
{
	cs_room(dev, 2 * n + 8);
	char *q = dev->cs + dev->cslen;
	*q++ = '(';
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '(' || c == ')' || c == '\\') {
			*q++ = '\\';
			*q++ = c;
		} else if (c == '\n' || c == '\r') {
			*q++ = '\\';
			*q++ = c == '\n' ? 'n' : 'r';
		} else {
			*q++ = c;
		}
	}
	memcpy(q, ") Tj\n", 6);
	q += 6;
	dev->cslen = (size_t)(q - dev->cs);
}

/* Paints the boxes of lp onto pages[i]. Text boxes in a row share one
 * BT/ET; font and line width are set only when they change. */
static void
paint_page(struct pdf_dev *dev, HPDF_Page *pages, size_t npages, size_t i,
    const struct lpage *lp)
{
	HPDF_Page page = pages[i];
	bool in_text = false;
	HPDF_Font cur_font = NULL;
	double cur_size = 0, cur_width = -1;
	/* Inside BT/ET, where the current line starts (hundredths): each
	 * run moves there from the last with Td. */
	long tx = 0, ty = 0;
	dev->cslen = 0;
	for (size_t k = 0; k < lp->nboxes; k++) {
		const struct box *b = &lp->boxes[k];
		if (in_text && b->type != BOX_TEXT && b->type != BOX_LINK) {
			cs_str(dev, "ET\n");
			in_text = false;
			page_set_gmode(page, HPDF_GMODE_PAGE_DESCRIPTION);
		}
		switch (b->type) {
		case BOX_TEXT: {
			if (b->len == 0)
				break;
			size_t len = 0;
			const char *text = to_cp1252(dev, b->text, b->len,
			    &len);
			bool simple = text != NULL;
			HPDF_Font font = simple ? wfont_get(dev, b->font) :
			                          font_get(dev, b->font);
			if (!in_text) {
				cs_str(dev, "BT\n");
				in_text = true;
				tx = ty = 0;
			}
			if (font != cur_font || b->size != cur_size) {
				/* libharu names the font on the page */
				cs_flush(dev, page);
				page_set_gmode(page, HPDF_GMODE_TEXT_OBJECT);
				HPDF_Page_SetFontAndSize(page, font,
				    (HPDF_REAL)b->size);
				cur_font = font;
				cur_size = b->size;
			}
			long x = hundredths(b->x), y = hundredths(b->y);
			cs_num(dev, x - tx, 0);
			cs_num(dev, y - ty, ' ');
			cs_str(dev, " Td\n");
			tx = x;
			ty = y;
			if (simple) {
				/* the glyphs used, marked for embedding */
				for (size_t c = 0; c < len; c++)
					(void)byte_width(dev, b->font,
					    (unsigned char)text[c]);
				cs_text(dev, text, len);
			} else {
				cs_flush(dev, page);
				page_set_gmode(page, HPDF_GMODE_TEXT_OBJECT);
				HPDF_Page_ShowText(page,
				    cstr(dev, b->text, b->len));
			}
			break;
		}
		case BOX_RULE:
			if (b->line_width != cur_width) {
				cs_flush(dev, page);
				HPDF_Page_SetLineWidth(page,
				    (HPDF_REAL)b->line_width);
				cur_width = b->line_width;
			}
			cs_num(dev, hundredths(b->x), 0);
			cs_num(dev, hundredths(b->y), ' ');
			cs_str(dev, " m ");
			cs_num(dev, hundredths(b->x + b->w), 0);
			cs_num(dev, hundredths(b->y + b->h), ' ');
			cs_str(dev, " l S\n");
			break;
		case BOX_IMAGE:
			cs_flush(dev, page);
			HPDF_Page_DrawImage(page, image_get(dev, b),
			    (HPDF_REAL)b->x, (HPDF_REAL)b->y, (HPDF_REAL)b->w,
			    (HPDF_REAL)b->h);
			break;
		case BOX_LINK: {
			HPDF_Annotation a;
			if (b->uri != NULL &&
			    (*b->uri == '\0' ||
			        strlen(b->uri) >= HPDF_LIMIT_MAX_STRING_LEN)) {
				/* libharu refuses these; the text stays. */
				break;
			} else if (b->uri != NULL) {
				a = HPDF_Page_CreateURILinkAnnot(page,
				    rect_of(b), ascii_uri(dev, b->uri));
			} else {
				long dp = (long)lp->dest_base + b->dest_page;
				if (dp < 0 || (size_t)dp >= npages)
					break; /* the layout's bug; no link */
				HPDF_Destination
				    dst = HPDF_Page_CreateDestination(pages
				            [dp]);
				HPDF_Destination_SetXYZ(dst, 0,
				    (HPDF_REAL)b->dest_y, 1);
				a = HPDF_Page_CreateLinkAnnot(page, rect_of(b),
				    dst);
			}
			HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
			break;
		}
		}
	}
	if (in_text)
		cs_str(dev, "ET\n");
	cs_flush(dev, page);
	page_set_gmode(page, HPDF_GMODE_PAGE_DESCRIPTION);
}

/* One bookmark per outline entry, nested by level. */
static void
paint_outline(struct pdf_dev *dev, HPDF_Page *pages, size_t npages,
    const struct layout *l)
{
	enum { MAX_DEPTH = 16 };
	HPDF_Outline parent[MAX_DEPTH];
	int depth = 0; /* levels open: parent[0..depth) */
	HPDF_Encoder enc = HPDF_GetEncoder(dev->pdf, "UTF-8");
	for (size_t i = 0; i < l->noutline; i++) {
		const struct outline_entry *e = &l->outline[i];
		if (e->page < 0 || (size_t)e->page >= npages)
			continue;
		int level = e->level < 0 ? 0 : e->level;
		if (level > depth)
			level = depth;
		if (level >= MAX_DEPTH)
			level = MAX_DEPTH - 1;
		HPDF_Outline o = HPDF_CreateOutline(dev->pdf,
		    level == 0 ? NULL : parent[level - 1], e->title, enc);
		HPDF_Destination
		    dst = HPDF_Page_CreateDestination(pages[e->page]);
		HPDF_Destination_SetXYZ(dst, 0, (HPDF_REAL)e->y, 1);
		HPDF_Outline_SetDestination(o, dst);
		HPDF_Outline_SetOpened(o, level == 0 ? HPDF_TRUE : HPDF_FALSE);
		parent[level] = o;
		depth = level + 1;
	}
	if (l->noutline > 0)
		HPDF_SetPageMode(dev->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
}

/* ---- document info and identifier ------------------------------------ */

/* The document's dates: SOURCE_DATE_EPOCH (UTC) when given, else its own
 * date at midnight; never the clock. libharu's 'Z' breaks it, so UTC is
 * written "+00'00'". */
static HPDF_Date
doc_date(const struct doc_info *info, const struct pdf_options *opt)
{
	HPDF_Date d = {.ind = '+'};
	struct tm tm;
	time_t t = opt != NULL && opt->has_epoch ? (time_t)opt->epoch : 0;
	if (opt != NULL && opt->has_epoch && gmtime_r(&t, &tm) != NULL) {
		d.year = tm.tm_year + 1900;
		d.month = tm.tm_mon + 1;
		d.day = tm.tm_mday;
		d.hour = tm.tm_hour;
		d.minutes = tm.tm_min;
		d.seconds = tm.tm_sec > 59 ? 59 : tm.tm_sec;
	} else if (info->year > 0) {
		d.year = info->year;
		d.month = info->month;
		d.day = info->day;
	} else {
		d.year = 2000, d.month = 1, d.day = 1;
	}
	return d;
}

/* An entry of the document info: s without its invisible characters
 * (soft hyphens, zero-width spaces, byte-order marks: text.h), or its first
 * INFO_MAX bytes of them (cut between characters) followed by an
 * ellipsis, in scratch buf; libharu takes no string over 65,535 bytes,
 * and front matter can be longer. */
enum { INFO_MAX = 4096 };

static const char *
info_text(const char *s, char *buf)
{
	size_t n = strlen(s), o = 0;
	bool invisible = false;
	for (size_t i = 0; i < n && !invisible; i++)
		invisible = invisible_len(s + i, n - i) > 0;
	if (n <= INFO_MAX && !invisible)
		return s;
	for (size_t i = 0; i < n;) {
		size_t l = invisible_len(s + i, n - i);
		if (l > 0) {
			i += l;
			continue;
		}
		l = 1;
		while (i + l < n && ((unsigned char)s[i + l] & 0xC0) == 0x80)
			l++;
		if (o + l > INFO_MAX) {
			memcpy(buf + o, "\xe2\x80\xa6", 4);
			return buf;
		}
		memcpy(buf + o, s + i, l);
		o += l;
		i += l;
	}
	buf[o] = '\0';
	return buf;
}

/* Title, author, subject, keywords, creator and dates. */
static void
paint_info(struct pdf_dev *dev, const struct doc_info *info,
    const struct pdf_options *opt)
{
	char buf[INFO_MAX + 4];
	if (info->title != NULL)
		HPDF_SetInfoAttr(dev->pdf, HPDF_INFO_TITLE,
		    info_text(info->title, buf));
	if (info->author != NULL)
		HPDF_SetInfoAttr(dev->pdf, HPDF_INFO_AUTHOR,
		    info_text(info->author, buf));
	if (info->subject != NULL)
		HPDF_SetInfoAttr(dev->pdf, HPDF_INFO_SUBJECT,
		    info_text(info->subject, buf));
	if (info->keywords != NULL)
		HPDF_SetInfoAttr(dev->pdf, HPDF_INFO_KEYWORDS,
		    info_text(info->keywords, buf));
	if (info->creator != NULL)
		HPDF_SetInfoAttr(dev->pdf, HPDF_INFO_CREATOR,
		    info_text(info->creator, buf));
	HPDF_Date d = doc_date(info, opt);
	HPDF_SetInfoDateAttr(dev->pdf, HPDF_INFO_CREATION_DATE, d);
	HPDF_SetInfoDateAttr(dev->pdf, HPDF_INFO_MOD_DATE, d);
}

/* The file identifier: the inputs' digest, the salt (template id),
 * clerk's version and the date written. The same input gives the same
 * /ID, so the same bytes. */
static void
paint_id(struct pdf_dev *dev, const struct doc_info *info,
    const struct pdf_options *opt)
{
	struct digest h;
	digest_init(&h);
	const char *dg = info->digest != NULL ? info->digest : "";
	digest_add(&h, dg, strlen(dg));
	const char *salt = info->salt != NULL ? info->salt : "";
	digest_add(&h, salt, strlen(salt));
	digest_add(&h, CLERK_VERSION, strlen(CLERK_VERSION));
	HPDF_Date d = doc_date(info, opt);
	char date[32];
	int n = snprintf(date, sizeof date, "%04d%02d%02d%02d%02d%02d", d.year,
	    d.month, d.day, d.hour, d.minutes, d.seconds);
	digest_add(&h, date, (size_t)n);
	unsigned char bytes[16];
	digest_bytes(&h, bytes);
	doc_set_id(dev->pdf, bytes);
}

/* Everything libharu does for pdf_write_doc, ending with the file's bytes
 * in dev->out. Errors longjmp. */
static void
paint(struct pdf_dev *dev, const struct layout *l, const struct doc_info *info,
    const struct pdf_options *opt)
{
	free(dev->pages);
	HPDF_Page *pages = dev->pages = xcalloc(l->npages ? l->npages : 1,
	    sizeof(*pages));
	/* All pages first: links may point forward. */
	for (size_t i = 0; i < l->npages; i++) {
		pages[i] = HPDF_AddPage(dev->pdf);
		HPDF_Page_SetWidth(pages[i], (HPDF_REAL)l->width);
		HPDF_Page_SetHeight(pages[i], (HPDF_REAL)l->height);
	}
	for (size_t i = 0; i < l->npages; i++)
		paint_page(dev, pages, l->npages, i, &l->pages[i]);
	paint_outline(dev, pages, l->npages, l);
	if (l->npages > 0 && l->nlabels == 0)
		HPDF_AddPageLabel(dev->pdf, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1,
		    "");
	for (size_t i = 0; i < l->nlabels; i++)
		if (l->labels[i].page < l->npages)
			HPDF_AddPageLabel(dev->pdf,
			    (HPDF_UINT)l->labels[i].page,
			    l->labels[i].style == LABEL_ROMAN ?
			        HPDF_PAGE_NUM_STYLE_LOWER_ROMAN :
			        HPDF_PAGE_NUM_STYLE_DECIMAL,
			    (HPDF_UINT)l->labels[i].first, "");
	paint_info(dev, info, opt);
	paint_id(dev, info, opt);

	HPDF_SaveToStream(dev->pdf);
	HPDF_UINT32 size = HPDF_GetStreamSize(dev->pdf);
	free(dev->out);
	dev->out = xmalloc(size ? size : 1);
	dev->outlen = 0;
	while (dev->outlen < size) {
		HPDF_UINT32 got = size - (HPDF_UINT32)dev->outlen;
		HPDF_ReadFromStream(dev->pdf, dev->out + dev->outlen, &got);
		if (got == 0)
			break;
		dev->outlen += got;
	}
}

void *
pdf_dev_take_output(struct pdf_dev *dev, size_t *len)
{
	void *out = dev->out;
	*len = dev->outlen;
	dev->out = NULL;
	dev->outlen = 0;
	return out;
}

const void *
pdf_dev_output(const struct pdf_dev *dev, size_t *len)
{
	*len = dev->outlen;
	return dev->out;
}

enum pdf_status
pdf_write_doc(struct pdf_dev *dev, const struct layout *l,
    const struct doc_info *info, const struct pdf_options *opt,
    const char *out_path)
{
	jmp_buf jb;
	if (dev->failed)
		return PDF_SYSTEM;
	dev->jb = &jb;
	if (setjmp(jb) != 0) {
		dev->jb = NULL;
		record_libharu_error(dev);
		return PDF_SYSTEM;
	}
	paint(dev, l, info, opt);
	dev->jb = NULL;
	if (dev->outlen == 0) {
		set_failure(dev, "clerk", D_PDF_NO_OUTPUT, info->path);
		return PDF_SYSTEM;
	}
	if (out_path != NULL &&
	    !output_write(out_path, dev->out, dev->outlen, false)) {
		char eb[DIAG_ERRNO_MAX];
		set_failure(dev, out_path, D_CANNOT_WRITE,
		    diag_errno(errno, eb, sizeof eb));
		return PDF_SYSTEM;
	}
	return PDF_OK;
}

/* ---- a device per template --------------------------------------------- */

const struct metrics *
pdf_devices_metrics(struct pdf_devices *ds, const struct template *t,
    const char **why)
{
	for (size_t i = 0; i < ds->n; i++)
		if (ds->t[i] == t) {
			*why = pdf_dev_error(ds->dev[i]);
			return pdf_dev_failed(ds->dev[i]) ?
			    NULL :
			    pdf_dev_metrics(ds->dev[i]);
		}
	struct pdf_dev *dev = pdf_dev_new(t);
	ds->t = xrealloc(ds->t, (ds->n + 1) * sizeof *ds->t);
	ds->dev = xrealloc(ds->dev, (ds->n + 1) * sizeof *ds->dev);
	ds->t[ds->n] = t;
	ds->dev[ds->n++] = dev;
	if (pdf_dev_failed(dev)) {
		*why = pdf_dev_error(dev);
		return NULL;
	}
	return pdf_dev_metrics(dev);
}

void
pdf_devices_free(struct pdf_devices *ds)
{
	for (size_t i = 0; i < ds->n; i++)
		pdf_dev_free(ds->dev[i]);
	free(ds->t);
	free(ds->dev);
	ds->t = NULL;
	ds->dev = NULL;
	ds->n = 0;
}
