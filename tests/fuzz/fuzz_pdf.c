/* fuzz_pdf.c: libFuzzer target for the whole PDF path of "clerk build":
 * the input is a paper file (paper.md in the working folder,
 * fuzz_common.h) read by paper_read; when it has no errors and a
 * template, it is laid out with a libharu device's real font metrics and
 * painted and written to paper.pdf (pdf_dev_new, layout_paper,
 * pdf_write_doc). Slow per input (fonts are loaded for each document): run it
 * with a modest -max_len. A system error from a reader or the device is
 * treated as a finding (fuzz_system_error): the input is the only thing
 * that changes. Everything is freed on every run. */
#include "fuzz_common.h"

#include "docinfo.h"
#include "layout.h"
#include "model.h"
#include "paper.h"
#include "pdf.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	/* The fonts must be there, or every input is a "system error". */
	for (size_t i = 0; i < fuzz_set.count; i++) {
		struct pdf_dev *dev = pdf_dev_new(fuzz_set.items[i]);
		if (pdf_dev_failed(dev)) {
			fprintf(stderr, "fuzz: %s\n", pdf_dev_error(dev));
			exit(1);
		}
		pdf_dev_free(dev);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = fuzz_write("paper.md", data, size);
	char out[8192];
	snprintf(out, sizeof out, "%s/paper.pdf", fuzz_dir);
	struct diags *d = diags_new();
	bool syserr = false;
	struct paper *p = paper_read(in, &fuzz_set, d, &syserr);
	if (syserr)
		fuzz_system_error("paper_read", NULL);
	if (p != NULL && p->tpl != NULL && diags_errors(d) == 0) {
		struct pdf_dev *dev = pdf_dev_new(p->tpl);
		if (pdf_dev_failed(dev))
			fuzz_system_error("pdf_dev_new", pdf_dev_error(dev));
		struct layout *l = layout_paper(p, pdf_dev_metrics(dev), d,
		    EDITION_FULL);
		if (pdf_dev_failed(dev))
			fuzz_system_error("layout_paper", pdf_dev_error(dev));
		if (l != NULL && diags_errors(d) == 0) {
			struct pdf_options opt = {.has_epoch = true,
			    .epoch = 0};
			struct doc_info info = paper_info(p, EDITION_FULL);
			if (pdf_write_doc(dev, l, &info, &opt, out) ==
			    PDF_SYSTEM)
				fuzz_system_error("pdf_write_doc",
				    pdf_dev_error(dev));
		}
		pdf_dev_free(dev);
	}
	diags_flush(d, fuzz_null);
	paper_free(p);
	diags_free(d);
	return 0;
}
