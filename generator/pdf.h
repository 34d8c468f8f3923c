/* pdf.h: the PDF device. It holds one libharu document with the
 * template's fonts, measures text for the layout engine (struct metrics,
 * layout.h) with those fonts, and paints the engine's pages into the same
 * document, so that what was measured is what is drawn. One device per
 * paper, used by one thread. Only pdf.c includes libharu. */
#ifndef CLERK_PDF_H
#define CLERK_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct doc_info;
struct layout;
struct metrics;
struct template;

struct pdf_dev;

enum pdf_status {
	PDF_OK,     /* the file was written */
	PDF_SYSTEM, /* a system error (a font file that cannot be read, an
		       image file that cannot be read or changed since the
		       paper was read, I/O, libharu); pdf_dev_error says
		       what; nothing written. Input problems were all found
		       when the paper was read. */
};

/* How pdf_write_doc dates the document. */
struct pdf_options {
	bool has_epoch;  /* SOURCE_DATE_EPOCH was given */
	long long epoch; /* its value, seconds since 1970 (UTC) */
};

/* A new device for template t (whose font paths must outlive it). Font
 * files are loaded into the document when first needed, but the ascent
 * and descent of every face are read from the files at once, so a font
 * file that cannot be read shows at once in pdf_dev_failed. Never NULL;
 * free with pdf_dev_free. */
struct pdf_dev *pdf_dev_new(const struct template *t);

/* The device's metrics for layout_paper. Valid while dev lives. Measuring
 * never fails visibly: when libharu fails (a font file vanished), widths
 * come out 0, glyphs missing, and pdf_dev_failed turns true. */
const struct metrics *pdf_dev_metrics(struct pdf_dev *dev);

/* Whether the device met a system error (see pdf_dev_error). */
bool pdf_dev_failed(const struct pdf_dev *dev);

/* The message of the device's system error ("<file>: cannot open font
 * file: No such file or directory"), or NULL. Lives as long as dev. */
const char *pdf_dev_error(const struct pdf_dev *dev);

/* Paints layout l (a paper's, or a pack's joined layout with its page
 * labels) into the device's document, with document info info (docinfo.h:
 * paper_info, pack_info), outline, links, page labels and a file
 * identifier derived from info's digest, and writes it whole to out_path
 * (temporary file + rename: on failure nothing is left and a previous file
 * is untouched), or with out_path NULL keeps the bytes (pdf_dev_output).
 * Only a system error can stop it: a paper's images were checked whole
 * when it was read. The same layout and info give the same bytes. A
 * device paints one document: call this once per device. */
enum pdf_status pdf_write_doc(struct pdf_dev *dev, const struct layout *l,
    const struct doc_info *info, const struct pdf_options *opt,
    const char *out_path);

/* After pdf_write_doc with out_path NULL (which writes nothing): the
 * document's bytes, *len of them, owned by dev. */
const void *pdf_dev_output(const struct pdf_dev *dev, size_t *len);

/* pdf_dev_output's bytes, given to the caller (heap; the caller frees),
 * so that they are not copied. */
void *pdf_dev_take_output(struct pdf_dev *dev, size_t *len);

void pdf_dev_free(struct pdf_dev *dev);

/* Measuring devices, one per template, each made when first asked for:
 * for checking or laying out many papers that share a few templates.
 * Start from {0}; used by one thread. */
struct pdf_devices {
	const struct template **t; /* heap */
	struct pdf_dev **dev;      /* heap */
	size_t n;
};

/* The metrics of the device for template t in ds; NULL when its fonts
 * cannot be read, or could not while it measured (*why then points at
 * the device's message, which lives as long as ds). */
const struct metrics *pdf_devices_metrics(struct pdf_devices *ds,
    const struct template *t, const char **why);

void pdf_devices_free(struct pdf_devices *ds);

#endif
