/* backend_xml.c: the Akoma Ntoso XML back end (backend.h): a paper's
 * edition as one document (akn_write.c), a pack's kind as one
 * documentCollection (akn_pack.c). What cannot be typeset is not
 * archived either: a paper's characters are checked in its fonts first,
 * as for PDF. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "akn.h"
#include "arena.h"
#include "backend.h"
#include "diag.h"
#include "cli.h"
#include "glyphs.h"
#include "pdf.h"
#include "template.h"

static void *
xml_new(const struct render_options *o)
{
	(void)o;
	return xcalloc(1, 1);
}

static void
xml_free(void *r)
{
	free(r);
}

static int
xml_paper(void *r, const struct paper *p, enum edition e, struct diags *d,
    struct rendered *out, char **syserr)
{
	(void)r;
	/* Not a font is needed, but what cannot be typeset is not
	 * archived: the XML is rebuilt into a PDF. */
	struct pdf_devices ds = {0};
	const char *why = NULL;
	if (!glyphs_check_fonts(p, &ds, d, &why)) {
		*syserr = why != NULL ?
		    xstrdup(why) :
		    diag_string("clerk", D_FONTS_UNREADABLE);
		pdf_devices_free(&ds);
		return EXIT_SYSTEM;
	}
	pdf_devices_free(&ds);
	if (diags_errors(d) > 0)
		return EXIT_INPUT;
	/* The XML records the SHA-256 of the template and font files. */
	const char *failed;
	if (template_digests(p->tpl, &failed) == NULL && failed != NULL) {
		char eb[DIAG_ERRNO_MAX];
		*syserr = diag_string(failed, D_CANNOT_READ,
		    diag_errno(errno, eb, sizeof eb));
		return EXIT_SYSTEM;
	}
	if (!akn_write(p, e, d, &out->bytes, &out->len) ||
	    diags_errors(d) > 0) {
		free(out->bytes);
		out->bytes = NULL;
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

static int
xml_pack(void *r, const struct pack *pk, const struct template_set *set,
    struct diags *d, struct rendered out[2])
{
	(void)r;
	(void)set;
	/* The XML records the SHA-256 of the template and font files. */
	for (size_t i = 0; i < pk->nentries; i++) {
		const char *failed;
		const struct paper *p = pk->entries[i].paper;
		if (p != NULL && p->tpl != NULL &&
		    template_digests(p->tpl, &failed) == NULL &&
		    failed != NULL) {
			char eb[DIAG_ERRNO_MAX];
			diag_print(stderr, failed, D_CANNOT_READ,
			    diag_errno(errno, eb, sizeof eb));
			return EXIT_SYSTEM;
		}
	}
	int status = EXIT_OK;
	for (int k = 0; k < pack_kinds(pk); k++)
		if (!akn_write_pack(pk, (enum pack_kind)k, d, &out[k].bytes,
		        &out[k].len))
			status = EXIT_INPUT;
	return status;
}

const struct backend backend_xml = {
    .name = "xml",
    .ext = ".xml",
    .pack_ext = ".xml",
    .new = xml_new,
    .paper = xml_paper,
    .pack = xml_pack,
    .free = xml_free,
};
