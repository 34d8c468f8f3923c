/* pdf.c: the PDF device over libharu 2.3.0: the template's TrueType fonts
 * embedded with UTF-8 text, measured for the layout engine and painted
 * from its pages, with document info, outline, links, page labels and a
 * file identifier that depends only on the input; tagged (PDF/UA-1: marked
 * content, the structure tree of the layout) and archival (PDF/A-2a: XMP
 * metadata, an sRGB output intent), built with libharu's object API, which
 * knows neither. The only file that
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
#include "extpdf.h"
#include "icc.h"
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

/* A kid of a structure element met while painting: a marked-content
 * sequence (annot NULL) or a link annotation. */
struct kid {
	int elem;     /* the element that owns it (index) */
	uint32_t seq; /* its place among the element's kids */
	uint32_t page;
	int mcid;
	HPDF_Annotation annot;
	uint32_t pobj; /* the object number of the structure element whose
			  /K holds it */
};

/* An element's kid in reading order: kids[ref], or element -ref - 1. */
struct kidref {
	uint32_t seq;
	int ref;
};

/* A buffer the entries of an object clerk writes itself (the structure
 * tree) are formatted into, and handed to libharu's stream in one write:
 * each of libharu's writes costs far more than the bytes it copies, and a
 * long paper has hundreds of thousands of entries. */
struct obuf {
	char *b; /* heap */
	size_t n, cap;
};

/* The objects of an included file (extpdf.h) made objects of the
 * document: objs[k] is x->objs[k], written by ext_obj_write from w[k]. */
struct ext_write {
	struct pdf_dev *dev;
	const struct extpdf_obj *o;
	const HPDF_Dict *objs;
};
struct ext_file {
	const struct extpdf *x;
	HPDF_Dict *objs;
	struct ext_write *w;
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

	/* The structure tree of the document being painted. */
	const struct selem *tags; /* the layout's elements (NULL: a root
				     alone) */
	struct sobj *elems;       /* their dictionaries' records, heap */
	size_t nelems, capelems;
	struct kid *kids; /* in the order painted, heap */
	size_t nkids, capkids;
	struct kidref *order; /* the kids of each element, in turn, heap */
	size_t caporder;
	uint32_t *start; /* where each element's kids start in order, heap */
	size_t capstart;
	struct obuf ob;  /* an object's entries formatted (struct obuf) */
	HPDF_Dict sroot; /* the /StructTreeRoot */
	HPDF_Dict ptree; /* its parent tree */
	uint32_t nexus;  /* the number of the parent tree's first annotation
			    key: the pages' count */
	/* The included files whose objects are in the document, each
	 * written once (ext_file), heap */
	struct ext_file *ext;
	size_t next;
	size_t nannots; /* link annotations given a /StructParent */
	HPDF_Encoder utf8;

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
 * (hpdf_doc.h, hpdf_pages.h, hpdf_font.h, hpdf_objects.h, hpdf_encoder.h),
 * each for a reason given below.
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

/* Makes the Windows-1252 encoder of a document write its fonts' encoding
 * as /WinAnsiEncoding alone: libharu adds /Differences [127 /.notdef]
 * (byte 127, which clerk never draws), and PDF/A-2 allows a non-symbolic
 * TrueType font no glyph name that is not in the Adobe Glyph List, as
 * .notdef is not. libharu has no call for it. */
static void
encoder_drop_differences(HPDF_Encoder enc)
{
	((HPDF_BasicEncoderAttr)enc->attr)->has_differences = HPDF_FALSE;
}

/* libharu's memory manager and cross-reference table of the document:
 * objects clerk makes itself (the structure tree, XMP, the output intent)
 * are made through libharu's object API with them, and libharu has no
 * getter for either. */
static HPDF_MMgr
doc_mmgr(HPDF_Doc pdf)
{
	return pdf->mmgr;
}

static HPDF_Xref
doc_xref(HPDF_Doc pdf)
{
	return pdf->xref;
}

/* The stream a document was saved into (HPDF_SaveToStream): clerk copies
 * its buffers out whole (HPDF_MemStream_GetBufPtr), as libharu's
 * HPDF_ReadFromStream copies a byte at a time, and has no getter for
 * it. */
static HPDF_Stream
doc_stream(HPDF_Doc pdf)
{
	return pdf->stream;
}

/* The catalog, for the entries of a tagged, archival PDF (/StructTreeRoot,
 * /MarkInfo, /Lang, /Metadata, /OutputIntents ...) that libharu has no
 * call for. */
static HPDF_Dict
doc_catalog(HPDF_Doc pdf)
{
	return pdf->catalog;
}

/* The version in the header: PDF/A-2 is PDF 1.7; libharu writes the
 * lowest version its own features need and has no call to set it. (Its
 * header's second line, four bytes of 128 or more, is what PDF/A asks.) */
static void
doc_set_version_17(HPDF_Doc pdf)
{
	pdf->pdf_version = HPDF_VER_17;
}

/* A stream object made with HPDF_DictStream_New: its data, and whether
 * libharu deflates it (an XMP stream must stay readable as it is). */
static HPDF_Stream
dict_stream(HPDF_Dict d)
{
	return d->stream;
}

static void
dict_stream_deflate(HPDF_Dict d, bool on)
{
	d->filter = on ? HPDF_STREAM_FILTER_FLATE_DECODE :
	                 HPDF_STREAM_FILTER_NONE;
}

/* The object number of an indirect object (a page, an annotation, a
 * dictionary given to HPDF_Xref_Add): the structure tree's entries are
 * written by clerk (dict_set_writer), and name objects by number. */
static uint32_t
obj_num(const void *obj)
{
	return ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF;
}

/* Has libharu call w(d, stream) when it writes dictionary d, between its
 * entries and its ">>", with ctx in d->attr: the entries of a structure
 * element are written straight from clerk's arrays, as a libharu object
 * of each (a dictionary, a name, a number, an array) would take
 * hundreds of bytes each, and a paper may hold 100,000 elements. */
static void
dict_set_writer(HPDF_Dict d, HPDF_Dict_OnWriteFunc w, void *ctx)
{
	d->write_fn = w;
	d->attr = ctx;
}

static void *
dict_writer_ctx(HPDF_Dict d)
{
	return d->attr;
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
	encoder_drop_differences(HPDF_GetEncoder(dev->pdf, "CP1252"));
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
	free(dev->elems);
	free(dev->kids);
	free(dev->order);
	free(dev->ob.b);
	free(dev->start);
	for (size_t i = 0; i < dev->next; i++) {
		free(dev->ext[i].objs);
		free(dev->ext[i].w);
	}
	free(dev->ext);
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
 * or RGB samples, transparency composited over white (PDF/A holds no soft
 * mask), which libharu takes as a raw image (Flate-compressed; libharu's
 * own PNG reader lets libpng abort the process on a damaged file and
 * mishandles 16-bit files). Returns NULL with the reason in why when the file cannot be
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

/* v hundredths as a PDF number ("12.5", "-3", "0.07"), then c unless it
 * is '\0'. */
static void
cs_num(struct pdf_dev *dev, long v, char c)
{
	char tmp[32];
	size_t n = 0;
	bool neg = v < 0;
	unsigned long u = neg ? 0ul - (unsigned long)v : (unsigned long)v;
	unsigned long frac = u % 100, whole = u / 100;
	if (c != '\0')
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
	memcpy(q, ") Tj\n", 5);
	q += 5;
	dev->cslen = (size_t)(q - dev->cs);
}

/* Text strings of the document (its info, a figure's /Alt, a link's
 * /Contents) are cut to INFO_MAX bytes (info_text, below): libharu takes
 * no string over 65,535 bytes. */
enum { INFO_MAX = 4096 };
static const char *info_text(const char *s, char *buf);

/* ---- marked content ---------------------------------------------------
 * Every box drawn is inside one marked-content sequence: the boxes of an
 * element that follow one another in drawing and reading order share one
 * (/P <</MCID n>> BDC ... EMC, n counted from 0 on each page, its element
 * recorded as a kid and in the page's entry of the parent tree), and page
 * furniture is an artifact (/Artifact BMC ... EMC; the running header,
 * footer and stamp, the boxes after lpage.nbody, /Pagination ones). A
 * sequence opened inside BT/ET closes before ET: text sequences open
 * after BT, others outside text objects. */

enum { MC_NONE = -3, MC_PAGINATION = -2, MC_ARTIFACT = -1 };

struct mcs {
	int open;      /* the owner of the open sequence: an element,
			    MC_ARTIFACT or MC_PAGINATION; MC_NONE: none */
	uint32_t seq;  /* the seq of its last box */
	int mcid;      /* the page's next MCID */
	uint32_t page; /* 0-based */
};

/* The integer v, then c unless it is '\0'. */
static void
cs_int(struct pdf_dev *dev, long v, char c)
{
	char tmp[24];
	int n = c != '\0' ? snprintf(tmp, sizeof tmp, "%ld%c", v, c) :
	                    snprintf(tmp, sizeof tmp, "%ld", v);
	cs_room(dev, (size_t)n);
	memcpy(dev->cs + dev->cslen, tmp, (size_t)n);
	dev->cslen += (size_t)n;
}

static enum stag
elem_type(const struct pdf_dev *dev, int e)
{
	return dev->tags != NULL ? dev->tags[e].type : TAG_DOCUMENT;
}

/* The owner of box k of lp: an element's index, or what artifact it is. */
static int
box_owner(const struct pdf_dev *dev, const struct lpage *lp, size_t k)
{
	const struct box *b = &lp->boxes[k];
	long e = (long)lp->tag_base + b->tag - 1;
	if (b->tag > 0 && e >= 0 && (size_t)e < dev->nelems)
		return (int)e;
	return k >= lp->nbody ? MC_PAGINATION : MC_ARTIFACT;
}

static void
kid_add(struct pdf_dev *dev, int elem, uint32_t seq, uint32_t page, int mcid,
    HPDF_Annotation annot)
{
	if (dev->nkids == dev->capkids) {
		dev->capkids = dev->capkids ? 2 * dev->capkids : 256;
		dev->kids = xrealloc(dev->kids,
		    dev->capkids * sizeof *dev->kids);
	}
	dev->kids[dev->nkids++] = (struct kid){elem, seq, page, mcid, annot, 0};
}

static void
mc_end(struct pdf_dev *dev, struct mcs *st)
{
	if (st->open != MC_NONE) {
		cs_str(dev, "EMC\n");
		st->open = MC_NONE;
	}
}

/* Puts the next box drawn, of owner and seq, into a sequence: the open
 * one when it has the same owner and the box follows its boxes in reading
 * order, else a new one. */
static void
mc_box(struct pdf_dev *dev, struct mcs *st, int owner, uint32_t seq)
{
	if (st->open == owner && (owner < 0 || seq > st->seq)) {
		st->seq = seq;
		return;
	}
	mc_end(dev, st);
	st->open = owner;
	st->seq = seq;
	if (owner == MC_ARTIFACT) {
		cs_str(dev, "/Artifact BMC\n");
		return;
	}
	if (owner == MC_PAGINATION) {
		cs_str(dev, "/Artifact <</Type /Pagination>> BDC\n");
		return;
	}
	cs_str(dev, "/");
	cs_str(dev, stag_name(elem_type(dev, owner)));
	cs_str(dev, " <</MCID ");
	cs_int(dev, st->mcid, 0);
	cs_str(dev, ">> BDC\n");
	kid_add(dev, owner, seq, st->page, st->mcid, NULL);
	st->mcid++;
}

/* The text of the link whose rectangle is box k of lp, for its
 * annotation's /Contents (PDF/UA: every link has one): what its element
 * says it is for, else its words on the page, else where it goes; in the
 * device's buffer. */
static const char *
link_contents(struct pdf_dev *dev, const struct lpage *lp, size_t k,
    size_t npages)
{
	enum { MAX = 1000 };
	const struct box *lb = &lp->boxes[k];
	int owner = box_owner(dev, lp, k);
	if (owner >= 0 && dev->tags != NULL && dev->tags[owner].alt != NULL)
		return dev->tags[owner].alt;
	size_t n = 0;
	buf_room(dev, MAX + 8);
	const struct box *prev = NULL;
	bool own = owner >= 0 && elem_type(dev, owner) == TAG_LINK;
	for (size_t j = 0; own && j < lp->nboxes && n < MAX; j++) {
		const struct box *b = &lp->boxes[j];
		if (b->type != BOX_TEXT || b->tag != lb->tag || b->len == 0)
			continue;
		if (prev != NULL && n > 0 && dev->buf[n - 1] != ' ' &&
		    b->text[0] != ' ' &&
		    (b->y != prev->y || b->x > prev->x + prev->w + 0.5))
			dev->buf[n++] = ' ';
		for (size_t c = 0; c < b->len && n < MAX; c++) {
			/* whole characters only */
			unsigned char ch = (unsigned char)b->text[c];
			if ((ch & 0xC0) != 0x80 && n + 4 > MAX)
				break;
			dev->buf[n++] = (char)ch;
		}
		prev = b;
	}
	dev->buf[n] = '\0';
	if (n > 0)
		return dev->buf;
	if (lb->uri != NULL)
		return lb->uri;
	long dp = (long)lp->dest_base + lb->dest_page;
	snprintf(dev->buf, MAX, "Link to page %ld",
	    dp >= 0 && (size_t)dp < npages ? dp + 1 : 0);
	return dev->buf;
}

/* The link annotation of box k of lp on pages[i], owned by its element
 * (/StructParent) and printable (/F 4: PDF/A). */
static void
paint_link(struct pdf_dev *dev, HPDF_Page *pages, size_t npages, size_t i,
    const struct lpage *lp, size_t k)
{
	const struct box *b = &lp->boxes[k];
	HPDF_Page page = pages[i];
	HPDF_Annotation a;
	if (b->uri != NULL &&
	    (*b->uri == '\0' || strlen(b->uri) >= HPDF_LIMIT_MAX_STRING_LEN)) {
		/* libharu refuses these; the text stays. */
		return;
	} else if (b->uri != NULL) {
		a = HPDF_Page_CreateURILinkAnnot(page, rect_of(b),
		    ascii_uri(dev, b->uri));
	} else {
		long dp = (long)lp->dest_base + b->dest_page;
		if (dp < 0 || (size_t)dp >= npages)
			return; /* the layout's bug; no link */
		HPDF_Destination dst = HPDF_Page_CreateDestination(pages[dp]);
		HPDF_Destination_SetXYZ(dst, 0, (HPDF_REAL)b->dest_y, 1);
		a = HPDF_Page_CreateLinkAnnot(page, rect_of(b), dst);
	}
	HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
	HPDF_Dict_AddNumber(a, "F", 4);
	char buf[INFO_MAX + 4];
	HPDF_Dict_Add(a, "Contents",
	    HPDF_String_New(doc_mmgr(dev->pdf),
	        info_text(link_contents(dev, lp, k, npages), buf), dev->utf8));
	int owner = box_owner(dev, lp, k);
	if (owner < 0)
		return;
	HPDF_Dict_AddNumber(a, "StructParent",
	    (HPDF_INT32)(npages + dev->nannots++));
	kid_add(dev, owner, b->seq, (uint32_t)i, -1, a);
}

/* Paints text box b (not empty) at the current point of the BT/ET open. */
static void
paint_text(struct pdf_dev *dev, HPDF_Page page, const struct box *b,
    HPDF_Font *cur_font, double *cur_size, long *tx, long *ty)
{
	size_t len = 0;
	const char *text = to_cp1252(dev, b->text, b->len, &len);
	bool simple = text != NULL;
	HPDF_Font font = simple ? wfont_get(dev, b->font) :
	                          font_get(dev, b->font);
	if (font != *cur_font || b->size != *cur_size) {
		if (simple) {
			/* libharu names the font on the page; clerk writes
			 * Tf, as libharu's call clears a 512-byte buffer
			 * byte by byte each time */
			const char *name = HPDF_Page_GetLocalFontName(page,
			    font);
			cs_str(dev, "/");
			cs_str(dev, name != NULL ? name : "F0");
			cs_str(dev, " ");
			cs_num(dev, hundredths(b->size), ' ');
			cs_str(dev, "Tf\n");
		} else {
			/* libharu's ShowText reads the font it was given */
			cs_flush(dev, page);
			page_set_gmode(page, HPDF_GMODE_TEXT_OBJECT);
			HPDF_Page_SetFontAndSize(page, font,
			    (HPDF_REAL)b->size);
		}
		*cur_font = font;
		*cur_size = b->size;
	}
	long x = hundredths(b->x), y = hundredths(b->y);
	cs_num(dev, x - *tx, ' ');
	cs_num(dev, y - *ty, ' ');
	cs_str(dev, "Td\n");
	*tx = x;
	*ty = y;
	if (simple) {
		/* the glyphs used, marked for embedding */
		for (size_t c = 0; c < len; c++)
			if (dev->wcache[b->font][(unsigned char)text[c]] < 0)
				(void)byte_width(dev, b->font,
				    (unsigned char)text[c]);
		cs_text(dev, text, len);
	} else {
		cs_flush(dev, page);
		page_set_gmode(page, HPDF_GMODE_TEXT_OBJECT);
		HPDF_Page_ShowText(page, cstr(dev, b->text, b->len));
	}
}

static void ext_resource(struct pdf_dev *dev, HPDF_Page page,
    const struct lpage *lp);

/* Paints the boxes of lp onto pages[i], each in its marked-content
 * sequence. Text boxes in a row share one BT/ET; font and line width are
 * set only when they change. */
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
	struct mcs st = {.open = MC_NONE, .page = (uint32_t)i};
	dev->cslen = 0;
	for (size_t k = 0; k < lp->nboxes; k++) {
		const struct box *b = &lp->boxes[k];
		if (b->type == BOX_LINK) {
			paint_link(dev, pages, npages, i, lp, k);
			continue;
		}
		if (b->type == BOX_TEXT && b->len == 0)
			continue;
		if (b->type == BOX_TEXT && !in_text) {
			mc_end(dev, &st);
			cs_str(dev, "BT\n");
			in_text = true;
			tx = ty = 0;
		} else if (b->type != BOX_TEXT && in_text) {
			mc_end(dev, &st);
			cs_str(dev, "ET\n");
			in_text = false;
			page_set_gmode(page, HPDF_GMODE_PAGE_DESCRIPTION);
		}
		mc_box(dev, &st, box_owner(dev, lp, k), b->seq);
		switch (b->type) {
		case BOX_TEXT:
			paint_text(dev, page, b, &cur_font, &cur_size, &tx,
			    &ty);
			break;
		case BOX_RULE:
			if (b->line_width != cur_width) {
				cs_flush(dev, page);
				HPDF_Page_SetLineWidth(page,
				    (HPDF_REAL)b->line_width);
				cur_width = b->line_width;
			}
			cs_num(dev, hundredths(b->x), ' ');
			cs_num(dev, hundredths(b->y), ' ');
			cs_str(dev, "m ");
			cs_num(dev, hundredths(b->x + b->w), ' ');
			cs_num(dev, hundredths(b->y + b->h), ' ');
			cs_str(dev, "l S\n");
			break;
		case BOX_IMAGE:
			cs_flush(dev, page);
			HPDF_Page_DrawImage(page, image_get(dev, b),
			    (HPDF_REAL)b->x, (HPDF_REAL)b->y, (HPDF_REAL)b->w,
			    (HPDF_REAL)b->h);
			break;
		case BOX_PAGE:
			/* the included page, a form (extpdf.h) */
			if (lp->ext == NULL || lp->ext_page >= lp->ext->npages)
				break;
			ext_resource(dev, page, lp);
			cs_str(dev, "q /" EXTPDF_XOBJECT " Do Q\n");
			break;
		case BOX_BLANK:
			cs_str(dev, "q 1 g ");
			cs_num(dev, hundredths(b->x), ' ');
			cs_num(dev, hundredths(b->y), ' ');
			cs_num(dev, hundredths(b->w), ' ');
			cs_num(dev, hundredths(b->h), ' ');
			cs_str(dev, "re f Q\n");
			break;
		case BOX_LINK:
			break;
		}
	}
	mc_end(dev, &st);
	if (in_text)
		cs_str(dev, "ET\n");
	cs_flush(dev, page);
	page_set_gmode(page, HPDF_GMODE_PAGE_DESCRIPTION);
	HPDF_Dict_AddName(page, "Tabs", "S");
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

/* ---- the structure tree ----------------------------------------------
 * One /StructElem per element of the layout's tree (each made before its
 * kids, as the layout lists them), under a /StructTreeRoot whose parent
 * tree maps each page's MCIDs (/StructParents, the page's index) and each
 * link annotation (/StructParent, after the pages) to its element. Each
 * element is an empty libharu dictionary, numbered in the file, whose
 * entries sobj_write writes when the file is saved (dict_set_writer). */

/* An element's dictionary. Its /K is written whole, however long: the
 * arrays of PDF/A-2 have no limit, and libharu's (32,767 items) does not
 * apply to what clerk writes itself. A grouping NonStruct would break the
 * schema a reader checks (an L holds LIs). */
struct sobj {
	struct pdf_dev *dev;
	int elem;        /* its element (index) */
	uint32_t obj;    /* its object number */
	uint32_t parent; /* the object number of its /P */
	uint32_t k0, k1; /* its kids, dev->order[k0..k1) */
};

static HPDF_Dict
new_object(struct pdf_dev *dev)
{
	HPDF_Dict d = HPDF_Dict_New(doc_mmgr(dev->pdf));
	if (d == NULL)
		out_of_memory();
	HPDF_Xref_Add(doc_xref(dev->pdf), d);
	return d;
}

/* The parent of element e (index): the root for a parent out of order. */
static int
elem_parent(const struct pdf_dev *dev, size_t e)
{
	int p = dev->tags != NULL ? dev->tags[e].parent - 1 : 0;
	return p >= 0 && (size_t)p < e ? p : 0;
}

static const char *
numbering_name(enum list_numbering n)
{
	switch (n) {
	case NUM_NONE:
		return "None";
	case NUM_DECIMAL:
		return "Decimal";
	case NUM_DISC:
		return "Disc";
	case NUM_LOWER_ALPHA:
		return "LowerAlpha";
	case NUM_UPPER_ALPHA:
		return "UpperAlpha";
	case NUM_LOWER_ROMAN:
		return "LowerRoman";
	case NUM_UPPER_ROMAN:
		return "UpperRoman";
	}
	return "None";
}

/* Writes the n bytes at s to st (libharu's stream keeps its error). */
static void
put(HPDF_Stream st, const char *s, size_t n)
{
	HPDF_Stream_Write(st, (const HPDF_BYTE *)s, (HPDF_UINT)n);
}

/* Room for m more bytes in o. */
static char *
ob_room(struct obuf *o, size_t m)
{
	if (o->n + m > o->cap) {
		o->cap = (o->n + m) * 2 + 256;
		o->b = xrealloc(o->b, o->cap);
	}
	return o->b + o->n;
}

static void
ob_mem(struct obuf *o, const char *s, size_t n)
{
	memcpy(ob_room(o, n), s, n);
	o->n += n;
}

static void
ob_str(struct obuf *o, const char *s)
{
	ob_mem(o, s, strlen(s));
}

/* v in decimal, then c (when not '\0'). */
static void
ob_uint(struct obuf *o, uint32_t v, char c)
{
	char d[12];
	size_t i = sizeof d;
	do
		d[--i] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	ob_mem(o, d + i, sizeof d - i);
	if (c != '\0')
		ob_mem(o, &c, 1);
}

/* "N 0 R ", or "/Key N 0 R ". */
static void
ob_ref(struct obuf *o, const char *key, uint32_t obj)
{
	if (key != NULL) {
		ob_mem(o, "/", 1);
		ob_str(o, key);
		ob_mem(o, " ", 1);
	}
	ob_uint(o, obj, ' ');
	ob_mem(o, "0 R ", 4);
}

/* Hands what o holds to st, and empties it. */
static void
ob_flush(struct obuf *o, HPDF_Stream st)
{
	put(st, o->b, o->n);
	o->n = 0;
}

/* UTF-8 text s as a PDF text string: UTF-16BE with its byte order mark,
 * in hexadecimal (no character needs escaping). */
static void
ob_text_string(struct obuf *o, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	ob_mem(o, "<FEFF", 5);
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		uint32_t cp = *p++;
		int more = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : cp >= 0xC0 ? 1 : 0;
		if (more > 0)
			cp &= 0x3Fu >> more;
		for (; more > 0 && (*p & 0xC0) == 0x80; more--)
			cp = (cp << 6) | (*p++ & 0x3F);
		uint32_t u[2] = {cp, 0};
		int m = 1;
		if (cp > 0xFFFF && cp <= 0x10FFFF) {
			u[0] = 0xD800 + ((cp - 0x10000) >> 10);
			u[1] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
			m = 2;
		} else if (cp > 0xFFFF) {
			u[0] = 0xFFFD;
		}
		char *b = ob_room(o, 8);
		for (int i = 0; i < m; i++)
			for (int sh = 12; sh >= 0; sh -= 4)
				*b++ = hex[(u[i] >> sh) & 0xF];
		o->n += (size_t)m * 4;
	}
	ob_mem(o, ">\n", 2);
}

/* The attributes of element e: /Alt of a figure, /Scope of a table header
 * cell, /ListNumbering of a list. */
static void
ob_attributes(struct obuf *o, const struct selem *e)
{
	char buf[INFO_MAX + 4];
	if (e->type == TAG_FIGURE && e->alt != NULL) {
		ob_mem(o, "/Alt ", 5);
		ob_text_string(o, info_text(e->alt, buf));
	} else if (e->type == TAG_TH) {
		ob_str(o,
		    e->scope == SCOPE_ROW ?
		        "/A <</O /Table /Scope /Row>>\n" :
		        e->scope == SCOPE_BOTH ?
		        "/A <</O /Table /Scope /Both>>\n" :
		        "/A <</O /Table /Scope /Column>>\n");
	} else if (e->type == TAG_L) {
		ob_str(o, "/A <</O /List /ListNumbering /");
		ob_str(o, numbering_name(e->numbering));
		ob_mem(o, ">>\n", 3);
	}
}

/* The /Pg and /K of the kids r[0..m) in reading order: elements, MCIDs
 * (bare when on the /Pg page, of the first marked content), marked
 * content on other pages (/MCR), annotations (/OBJR). */
static void
ob_kids(struct pdf_dev *dev, struct obuf *o, const struct kidref *r, size_t m)
{
	long pg = -1;
	for (size_t j = 0; j < m && pg < 0; j++)
		if (r[j].ref >= 0 && dev->kids[r[j].ref].annot == NULL)
			pg = dev->kids[r[j].ref].page;
	if (pg >= 0)
		ob_ref(o, "Pg", obj_num(dev->pages[pg]));
	ob_mem(o, "/K [", 4);
	for (size_t j = 0; j < m; j++) {
		if (r[j].ref < 0) {
			ob_ref(o, NULL, dev->elems[-r[j].ref - 1].obj);
			continue;
		}
		const struct kid *c = &dev->kids[r[j].ref];
		if (c->annot != NULL) {
			ob_str(o, "<</Type /OBJR ");
			ob_ref(o, "Pg", obj_num(dev->pages[c->page]));
			ob_ref(o, "Obj", obj_num(c->annot));
			o->n--; /* no space before ">>" */
			ob_mem(o, ">> ", 3);
		} else if ((long)c->page == pg) {
			ob_uint(o, (uint32_t)c->mcid, ' ');
		} else {
			ob_str(o, "<</Type /MCR ");
			ob_ref(o, "Pg", obj_num(dev->pages[c->page]));
			ob_mem(o, "/MCID ", 6);
			ob_uint(o, (uint32_t)c->mcid, '>');
			ob_mem(o, "> ", 2);
		}
	}
	ob_mem(o, "]\n", 2);
}

/* Writes the entries of the element or NonStruct whose record is the
 * dictionary's writer context (libharu's HPDF_Dict_OnWriteFunc). */
static HPDF_STATUS
sobj_write(HPDF_Dict d, HPDF_Stream st)
{
	const struct sobj *o = dict_writer_ctx(d);
	struct pdf_dev *dev = o->dev;
	/* no /Type: it is optional, and a long list has 400,000 of these */
	struct obuf *b = &dev->ob;
	ob_mem(b, "/S /", 4);
	ob_str(b,
	    o->elem == 0 ? "Document" : stag_name(elem_type(dev, o->elem)));
	ob_mem(b, " ", 1);
	ob_ref(b, "P", o->parent);
	if (o->elem > 0 && dev->tags != NULL)
		ob_attributes(b, &dev->tags[o->elem]);
	if (o->k1 > o->k0)
		ob_kids(dev, b, dev->order + o->k0, o->k1 - o->k0);
	ob_flush(b, st);
	return HPDF_Stream_WriteStr(st, "");
}

/* Writes the entries of an included file's object (libharu's
 * HPDF_Dict_OnWriteFunc): its text, its references made this document's
 * object numbers. */
static HPDF_STATUS
ext_obj_write(HPDF_Dict d, HPDF_Stream st)
{
	const struct ext_write *w = dict_writer_ctx(d);
	const struct extpdf_obj *o = w->o;
	struct obuf *b = &w->dev->ob;
	size_t at = 0;
	for (size_t j = 0; j < o->nrefs; j++) {
		ob_mem(b, o->text + at, o->ref_at[j] - at);
		ob_uint(b, obj_num(w->objs[o->ref[j]]), ' ');
		ob_mem(b, "0 R", 3);
		at = o->ref_at[j];
	}
	ob_mem(b, o->text + at, o->len - at);
	ob_flush(b, st);
	return HPDF_Stream_WriteStr(st, "");
}

/* The objects of included file x in the document, made the first time
 * one of its pages is drawn: a dictionary or a stream each, whose
 * entries ext_obj_write writes; a stream's data as it is (its /Filter
 * in its entries), or compressed here when the file gave it plain. */
static const HPDF_Dict *
ext_objects(struct pdf_dev *dev, const struct extpdf *x)
{
	for (size_t i = 0; i < dev->next; i++)
		if (dev->ext[i].x == x)
			return dev->ext[i].objs;
	dev->ext = xrealloc(dev->ext, (dev->next + 1) * sizeof *dev->ext);
	struct ext_file *e = &dev->ext[dev->next++];
	e->x = x;
	e->objs = xcalloc(x->nobjs ? x->nobjs : 1, sizeof *e->objs);
	e->w = xcalloc(x->nobjs ? x->nobjs : 1, sizeof *e->w);
	for (size_t k = 0; k < x->nobjs; k++) {
		const struct extpdf_obj *o = &x->objs[k];
		HPDF_Dict d;
		if (o->stream) {
			d = HPDF_DictStream_New(doc_mmgr(dev->pdf),
			    doc_xref(dev->pdf));
			if (d == NULL)
				out_of_memory();
			dict_stream_deflate(d, o->deflate);
			HPDF_Stream_Write(dict_stream(d), o->data,
			    (HPDF_UINT)o->dlen);
		} else {
			d = new_object(dev);
		}
		e->objs[k] = d;
		e->w[k] = (struct ext_write){dev, o, e->objs};
		dict_set_writer(d, ext_obj_write, &e->w[k]);
	}
	return e->objs;
}

/* Puts the form of included page lp->ext_page of lp->ext in page's
 * resources, under the name BOX_PAGE draws (EXTPDF_XOBJECT). */
static void
ext_resource(struct pdf_dev *dev, HPDF_Page page, const struct lpage *lp)
{
	const HPDF_Dict *objs = ext_objects(dev, lp->ext);
	HPDF_Dict res = HPDF_Dict_GetItem(page, "Resources", HPDF_OCLASS_DICT);
	HPDF_Dict xo = HPDF_Dict_GetItem(res, "XObject", HPDF_OCLASS_DICT);
	if (xo == NULL) {
		xo = HPDF_Dict_New(doc_mmgr(dev->pdf));
		if (xo == NULL)
			out_of_memory();
		HPDF_Dict_Add(res, "XObject", xo);
	}
	HPDF_Dict_Add(xo, EXTPDF_XOBJECT,
	    objs[lp->ext->pages[lp->ext_page].form]);
}

/* The structure tree root and an element for each of l's, without kids
 * yet (tags_finish), before the pages are painted. */
static void
tags_begin(struct pdf_dev *dev, const struct layout *l)
{
	dev->tags = l->ntags > 0 ? l->tags : NULL;
	dev->nelems = l->ntags > 0 ? l->ntags : 1;
	dev->nkids = 0;
	dev->nannots = 0;
	if (dev->nelems > dev->capelems) {
		dev->capelems = dev->nelems;
		dev->elems = xrealloc(dev->elems,
		    dev->capelems * sizeof *dev->elems);
	}
	HPDF_Dict root = dev->sroot = new_object(dev);
	HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
	dev->ptree = new_object(dev);
	HPDF_Dict_Add(root, "ParentTree", dev->ptree);
	HPDF_Dict first = NULL;
	for (size_t i = 0; i < dev->nelems; i++) {
		HPDF_Dict d = new_object(dev);
		struct sobj *o = &dev->elems[i];
		*o = (struct sobj){dev, (int)i, obj_num(d),
		    i == 0 ? obj_num(root) :
		             dev->elems[elem_parent(dev, i)].obj,
		    0, 0};
		dict_set_writer(d, sobj_write, o);
		if (i == 0)
			first = d;
	}
	HPDF_Dict_Add(root, "K", first);
	HPDF_Dict_Add(doc_catalog(dev->pdf), "StructTreeRoot", root);
}

static int
kidref_cmp(const void *a, const void *b)
{
	const struct kidref *x = a, *y = b;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* dev->order: the kids of each element (child elements, kids met while
 * painting) in reading order, element e's from dev->start[e] to
 * dev->start[e + 1]. A counting sort by element, then each element's in
 * the order of their seq (mostly already so). */
static void
tags_order(struct pdf_dev *dev)
{
	size_t n = dev->nelems, total = n - 1 + dev->nkids;
	if (n + 1 > dev->capstart) {
		dev->capstart = n + 1;
		dev->start = xrealloc(dev->start,
		    dev->capstart * sizeof *dev->start);
	}
	if (total > dev->caporder) {
		dev->caporder = total;
		dev->order = xrealloc(dev->order,
		    dev->caporder * sizeof *dev->order);
	}
	uint32_t *start = dev->start;
	memset(start, 0, (n + 1) * sizeof *start);
	for (size_t e = 1; e < n; e++)
		start[elem_parent(dev, e) + 1]++;
	for (size_t k = 0; k < dev->nkids; k++)
		start[dev->kids[k].elem + 1]++;
	for (size_t e = 0; e < n; e++)
		start[e + 1] += start[e];
	/* start[e] moves on as e's kids are placed, to where e + 1's
	 * begin; shifted back after */
	for (size_t e = 1; e < n; e++) {
		int p = elem_parent(dev, e);
		dev->order[start[p]++] = (struct kidref){dev->tags != NULL ?
		        dev->tags[e].seq :
		        0,
		    -(int)e - 1};
	}
	for (size_t k = 0; k < dev->nkids; k++)
		dev->order
		    [start[dev->kids[k].elem]++] = (struct kidref){dev->kids[k]
		                                                       .seq,
		    (int)k};
	memmove(start + 1, start, n * sizeof *start);
	start[0] = 0;
	for (size_t e = 0; e < n; e++) {
		struct kidref *r = dev->order + start[e];
		size_t m = start[e + 1] - start[e];
		for (size_t j = 1; j < m; j++)
			if (r[j].seq < r[j - 1].seq) {
				qsort(r, m, sizeof *r, kidref_cmp);
				break;
			}
	}
}

/* Each element's kids in reading order, and each kid's element for the
 * parent tree. */
static void
tags_finish_kids(struct pdf_dev *dev)
{
	tags_order(dev);
	for (size_t e = 0; e < dev->nelems; e++) {
		uint32_t k0 = dev->start[e], k1 = dev->start[e + 1];
		dev->elems[e].k0 = k0;
		dev->elems[e].k1 = k1;
		for (uint32_t k = k0; k < k1; k++)
			if (dev->order[k].ref >= 0)
				dev->kids[dev->order[k].ref]
				    .pobj = dev->elems[e].obj;
	}
}

/* Writes the parent tree's /Nums (a number tree of one node): each
 * page's MCIDs in order (key: the page's index), then each link
 * annotation (keys from the pages' count), to the element holding it. */
static HPDF_STATUS
ptree_write(HPDF_Dict d, HPDF_Stream st)
{
	struct pdf_dev *dev = dict_writer_ctx(d);
	struct obuf *b = &dev->ob;
	long page = -1;
	ob_mem(b, "/Nums [", 7);
	for (size_t j = 0; j < dev->nkids; j++) {
		const struct kid *c = &dev->kids[j];
		if (c->annot != NULL)
			continue;
		if ((long)c->page != page) {
			if (page >= 0)
				ob_mem(b, "]\n", 2);
			ob_uint(b, c->page, ' ');
			ob_mem(b, "[", 1);
			page = c->page;
		}
		ob_ref(b, NULL, c->pobj);
		if (b->n > 65536)
			ob_flush(b, st);
	}
	if (page >= 0)
		ob_mem(b, "]\n", 2);
	uint32_t key = dev->nexus;
	for (size_t j = 0; j < dev->nkids; j++) {
		if (dev->kids[j].annot == NULL)
			continue;
		ob_uint(b, key++, ' ');
		ob_ref(b, NULL, dev->kids[j].pobj);
		if (b->n > 65536)
			ob_flush(b, st);
	}
	ob_mem(b, "]\n", 2);
	ob_flush(b, st);
	return HPDF_Stream_WriteStr(st, "");
}

/* Each element's /K, then the parent tree: each page with marked content
 * gets its /StructParents. */
static void
tags_finish(struct pdf_dev *dev, size_t npages)
{
	tags_finish_kids(dev);
	long page = -1;
	for (size_t j = 0; j < dev->nkids; j++) {
		const struct kid *c = &dev->kids[j];
		if (c->annot != NULL || (long)c->page == page)
			continue;
		page = c->page;
		HPDF_Dict_AddNumber(dev->pages[page], "StructParents",
		    (HPDF_INT32)page);
	}
	dev->nexus = (uint32_t)npages;
	dict_set_writer(dev->ptree, ptree_write, dev);
	HPDF_Dict_AddNumber(dev->sroot, "ParentTreeNextKey",
	    (HPDF_INT32)(npages + dev->nannots));
}

/* ---- accessible, archival ---------------------------------------------- */

/* The catalog's entries of a tagged PDF: its language, that it is marked,
 * that viewers show its title. */
static void
paint_catalog(struct pdf_dev *dev)
{
	HPDF_MMgr mm = doc_mmgr(dev->pdf);
	HPDF_Dict cat = doc_catalog(dev->pdf);
	HPDF_Dict_Add(cat, "Lang", HPDF_String_New(mm, "en-GB", NULL));
	HPDF_Dict mark = HPDF_Dict_New(mm);
	HPDF_Dict_Add(cat, "MarkInfo", mark);
	HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
	HPDF_Dict vp = HPDF_Dict_New(mm);
	HPDF_Dict_Add(cat, "ViewerPreferences", vp);
	HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE);
}

/* The sRGB output intent of PDF/A (the colours of the page are sRGB). */
static void
paint_output_intent(struct pdf_dev *dev)
{
	HPDF_MMgr mm = doc_mmgr(dev->pdf);
	size_t n;
	const unsigned char *icc = icc_srgb(&n);
	HPDF_Dict prof = HPDF_DictStream_New(mm, doc_xref(dev->pdf));
	dict_stream_deflate(prof, true);
	HPDF_Dict_AddNumber(prof, "N", 3);
	HPDF_Stream_Write(dict_stream(prof), icc, (HPDF_UINT)n);
	HPDF_Dict oi = HPDF_Dict_New(mm);
	HPDF_Dict_AddName(oi, "Type", "OutputIntent");
	HPDF_Dict_AddName(oi, "S", "GTS_PDFA1");
	HPDF_Dict_Add(oi, "OutputConditionIdentifier",
	    HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL));
	HPDF_Dict_Add(oi, "Info",
	    HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL));
	HPDF_Dict_Add(oi, "DestOutputProfile", prof);
	HPDF_Array arr = HPDF_Array_New(mm);
	HPDF_Array_Add(arr, oi);
	HPDF_Dict_Add(doc_catalog(dev->pdf), "OutputIntents", arr);
}

/* s as XML character data in stream st: &, <, >, " escaped; characters
 * XML cannot hold (C0 controls but tab and newlines) left out. */
static void
xmp_text(HPDF_Stream st, const char *s)
{
	char out[512];
	size_t n = 0;
	for (; *s != '\0'; s++) {
		if (n + 8 > sizeof out) {
			HPDF_Stream_Write(st, (const HPDF_BYTE *)out,
			    (HPDF_UINT)n);
			n = 0;
		}
		unsigned char c = (unsigned char)*s;
		const char *e = c == '&' ? "&amp;" :
		    c == '<'             ? "&lt;" :
		    c == '>'             ? "&gt;" :
		    c == '"'             ? "&quot;" :
		                           NULL;
		if (e != NULL) {
			memcpy(out + n, e, strlen(e));
			n += strlen(e);
		} else if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
			out[n++] = (char)c;
		}
	}
	HPDF_Stream_Write(st, (const HPDF_BYTE *)out, (HPDF_UINT)n);
}

/* "<open>text</close>\n" with text escaped. */
static void
xmp_elem(HPDF_Stream st, const char *open, const char *text, const char *close)
{
	HPDF_Stream_WriteStr(st, open);
	xmp_text(st, text);
	HPDF_Stream_WriteStr(st, close);
	HPDF_Stream_WriteStr(st, "\n");
}

/* The extension schema PDF/A requires for the PDF/UA identification
 * schema, which is not one of XMP's own. */
static const char xmp_pdfua_schema
    [] = "<rdf:Description rdf:about=\"\""
         " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\""
         " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\""
         " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
         "<pdfaExtension:schemas><rdf:Bag>\n"
         "<rdf:li rdf:parseType=\"Resource\">\n"
         "<pdfaSchema:schema>PDF/UA identification schema</pdfaSchema:schema>\n"
         "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/"
         "</pdfaSchema:namespaceURI>\n"
         "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
         "<pdfaSchema:property><rdf:Seq>\n"
         "<rdf:li rdf:parseType=\"Resource\">\n"
         "<pdfaProperty:name>part</pdfaProperty:name>\n"
         "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
         "<pdfaProperty:category>internal</pdfaProperty:category>\n"
         "<pdfaProperty:description>Indicates which part of ISO 14289 "
         "the document conforms to</pdfaProperty:description>\n"
         "</rdf:li>\n"
         "</rdf:Seq></pdfaSchema:property>\n"
         "</rdf:li>\n"
         "</rdf:Bag></pdfaExtension:schemas>\n"
         "</rdf:Description>\n";

/* The XMP metadata of PDF/A and PDF/UA, saying what the info dictionary
 * says (read back from it, so that the two agree: the same text, the same
 * instant), uncompressed on the catalog. It claims PDF/A-2a and PDF/UA-1
 * only when claims is true: a document that includes pages clerk did not
 * make (a PDF appendix) cannot vouch for them. */
static void
paint_xmp(struct pdf_dev *dev, HPDF_Date d, bool claims)
{
	HPDF_Dict md = HPDF_DictStream_New(doc_mmgr(dev->pdf),
	    doc_xref(dev->pdf));
	dict_stream_deflate(md, false);
	HPDF_Dict_AddName(md, "Type", "Metadata");
	HPDF_Dict_AddName(md, "Subtype", "XML");
	HPDF_Dict_Add(doc_catalog(dev->pdf), "Metadata", md);
	HPDF_Stream st = dict_stream(md);
	const char *title = HPDF_GetInfoAttr(dev->pdf, HPDF_INFO_TITLE);
	const char *author = HPDF_GetInfoAttr(dev->pdf, HPDF_INFO_AUTHOR);
	const char *subject = HPDF_GetInfoAttr(dev->pdf, HPDF_INFO_SUBJECT);
	const char *kw = HPDF_GetInfoAttr(dev->pdf, HPDF_INFO_KEYWORDS);
	const char *creator = HPDF_GetInfoAttr(dev->pdf, HPDF_INFO_CREATOR);
	const char *producer = HPDF_GetInfoAttr(dev->pdf, HPDF_INFO_PRODUCER);
	char date[40];
	snprintf(date, sizeof date, "%04d-%02d-%02dT%02d:%02d:%02d+00:00",
	    d.year, d.month, d.day, d.hour, d.minutes, d.seconds);
	HPDF_Stream_WriteStr(st,
	    "<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/"
	    "22-rdf-syntax-ns#\">\n"
	    "<rdf:Description rdf:about=\"\""
	    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	    "<dc:format>application/pdf</dc:format>\n");
	if (title != NULL)
		xmp_elem(st,
		    "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">", title,
		    "</rdf:li></rdf:Alt></dc:title>");
	if (author != NULL)
		xmp_elem(st, "<dc:creator><rdf:Seq><rdf:li>", author,
		    "</rdf:li></rdf:Seq></dc:creator>");
	if (subject != NULL)
		xmp_elem(st,
		    "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">",
		    subject, "</rdf:li></rdf:Alt></dc:description>");
	HPDF_Stream_WriteStr(st,
	    "</rdf:Description>\n"
	    "<rdf:Description rdf:about=\"\""
	    " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
	xmp_elem(st, "<xmp:CreateDate>", date, "</xmp:CreateDate>");
	xmp_elem(st, "<xmp:ModifyDate>", date, "</xmp:ModifyDate>");
	xmp_elem(st, "<xmp:MetadataDate>", date, "</xmp:MetadataDate>");
	if (creator != NULL)
		xmp_elem(st, "<xmp:CreatorTool>", creator,
		    "</xmp:CreatorTool>");
	HPDF_Stream_WriteStr(st,
	    "</rdf:Description>\n"
	    "<rdf:Description rdf:about=\"\""
	    " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
	if (producer != NULL)
		xmp_elem(st, "<pdf:Producer>", producer, "</pdf:Producer>");
	if (kw != NULL)
		xmp_elem(st, "<pdf:Keywords>", kw, "</pdf:Keywords>");
	HPDF_Stream_WriteStr(st, "</rdf:Description>\n");
	if (claims) {
		HPDF_Stream_WriteStr(st,
		    "<rdf:Description rdf:about=\"\""
		    " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
		    "<pdfaid:part>2</pdfaid:part>\n"
		    "<pdfaid:conformance>A</pdfaid:conformance>\n"
		    "</rdf:Description>\n"
		    "<rdf:Description rdf:about=\"\""
		    " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
		    "<pdfuaid:part>1</pdfuaid:part>\n"
		    "</rdf:Description>\n");
		HPDF_Stream_WriteStr(st, xmp_pdfua_schema);
	}
	HPDF_Stream_WriteStr(st,
	    "</rdf:RDF>\n"
	    "</x:xmpmeta>\n"
	    "<?xpacket end=\"w\"?>\n");
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
		HPDF_Page_SetWidth(pages[i],
		    (HPDF_REAL)lpage_width(l, &l->pages[i]));
		HPDF_Page_SetHeight(pages[i],
		    (HPDF_REAL)lpage_height(l, &l->pages[i]));
	}
	dev->utf8 = HPDF_GetEncoder(dev->pdf, "UTF-8");
	tags_begin(dev, l);
	for (size_t i = 0; i < l->npages; i++)
		paint_page(dev, pages, l->npages, i, &l->pages[i]);
	tags_finish(dev, l->npages);
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
	paint_catalog(dev);
	bool claims = true;
	for (size_t i = 0; i < l->npages; i++)
		claims = claims && l->pages[i].ext == NULL;
	paint_xmp(dev, doc_date(info, opt), claims);
	paint_output_intent(dev);
	doc_set_version_17(dev->pdf);

	HPDF_SaveToStream(dev->pdf);
	HPDF_UINT32 size = HPDF_GetStreamSize(dev->pdf);
	free(dev->out);
	dev->out = xmalloc(size ? size : 1);
	dev->outlen = 0;
	HPDF_Stream st = doc_stream(dev->pdf);
	HPDF_UINT nbuf = st != NULL ? HPDF_MemStream_GetBufCount(st) : 0;
	for (HPDF_UINT i = 0; i < nbuf && dev->outlen < size; i++) {
		HPDF_UINT len = 0;
		HPDF_BYTE *b = HPDF_MemStream_GetBufPtr(st, i, &len);
		if (b == NULL)
			break;
		if (len > size - dev->outlen)
			len = (HPDF_UINT)(size - dev->outlen);
		memcpy(dev->out + dev->outlen, b, len);
		dev->outlen += len;
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
