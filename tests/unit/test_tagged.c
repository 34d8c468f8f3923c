/* test_tagged.c: the PDF painter's tagging against a layout built by hand,
 * with a tree of some depth (Document > H1, P with a Link, L > LI > Lbl +
 * LBody, Table > TR > TH + TD, Figure with its alternate text), boxes
 * drawn out of reading order, an element running on to a second page and
 * page furniture: poppler reads the tree back in reading order, qpdf finds
 * the file sound, and tests/tools/tagged-pdf.py (pikepdf) finds marked
 * content, parent tree, link annotation, catalog and XMP as they must be. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docinfo.h"
#include "layout.h"
#include "pdf.h"
#include "template.h"
#include "fixture.h"

TestSuite(tagged, .init = fixture_setup, .fini = fixture_teardown);

static struct box
text(double x, double y, const char *s, int tag, uint32_t seq)
{
	return (struct box){.type = BOX_TEXT, .x = x, .y = y,
	    .w = 6.0 * (double)strlen(s), .font = FONT_REGULAR, .size = 11,
	    .text = s, .len = strlen(s), .tag = tag, .seq = seq};
}

/* The whole output of command cmd (at most n - 1 bytes) into out. */
static int
capture(const char *cmd, char *out, size_t n)
{
	FILE *fp = popen(cmd, "r");
	cr_assert_not_null(fp, "%s", cmd);
	size_t got = fread(out, 1, n - 1, fp);
	out[got] = '\0';
	return pclose(fp);
}

Test(tagged, tree_in_reading_order)
{
	static struct selem tags[] = {
	    {.type = TAG_DOCUMENT},
	    {.type = TAG_H1, .parent = 1, .seq = 0},
	    {.type = TAG_P, .parent = 1, .seq = 2},
	    {.type = TAG_LINK, .parent = 3, .seq = 4},
	    {.type = TAG_L, .parent = 1, .seq = 8, .numbering = NUM_DECIMAL},
	    {.type = TAG_LI, .parent = 5, .seq = 9},
	    {.type = TAG_LBL, .parent = 6, .seq = 10},
	    {.type = TAG_LBODY, .parent = 6, .seq = 12},
	    {.type = TAG_TABLE, .parent = 1, .seq = 14},
	    {.type = TAG_TR, .parent = 9, .seq = 15},
	    {.type = TAG_TH, .parent = 10, .seq = 16, .scope = SCOPE_COLUMN},
	    {.type = TAG_TD, .parent = 10, .seq = 18},
	    {.type = TAG_FIGURE, .parent = 1, .seq = 20, .alt = "A chart"},
	};
	struct box p1[] = {
	    text(56, 780, "Title", 2, 1),
	    text(56, 760, "See", 3, 3),
	    text(80, 760, "the site", 4, 5),
	    {.type = BOX_LINK, .x = 80, .y = 758, .w = 48, .h = 12,
	        .uri = "https://example.org/", .tag = 4, .seq = 6},
	    text(130, 760, "now.", 3, 7),
	    text(56, 740, "1.", 7, 11),
	    text(80, 740, "First", 8, 13),
	    /* the data cell drawn before its header */
	    text(200, 720, "Cell", 12, 19),
	    text(56, 720, "Head", 11, 17),
	    {.type = BOX_RULE, .x = 56, .y = 715, .w = 300, .line_width = 0.5,
	        .tag = 0, .seq = 18},
	    {.type = BOX_IMAGE, .x = 56, .y = 600, .w = 80, .h = 80,
	        .path = "tests/pdf/img/alpha16.png", .image = IMAGE_PNG,
	        .tag = 13, .seq = 21},
	    text(290, 40, "Page 1", 0, 30), /* the footer */
	};
	struct box p2[] = {
	    text(56, 780, "continued.", 3, 22),
	    text(290, 40, "Page 2", 0, 31),
	};
	struct lpage pages[] = {
	    {.boxes = p1, .nboxes = sizeof p1 / sizeof *p1,
	        .nbody = sizeof p1 / sizeof *p1 - 1},
	    {.boxes = p2, .nboxes = 2, .nbody = 1},
	};
	struct layout l = {.width = 595, .height = 842, .pages = pages,
	    .npages = 2, .tags = tags, .ntags = sizeof tags / sizeof *tags};
	(void)src;
	cr_assert_gt(set.count, 0);
	struct pdf_dev *dev = pdf_dev_new(set.items[0]);
	cr_assert(!pdf_dev_failed(dev), "%s", pdf_dev_error(dev));
	struct doc_info info = {.path = "tagged", .title = "A tagged & tested paper",
	    .author = "Clerk", .creator = "clerk", .year = 2024, .month = 3,
	    .day = 15, .digest = "x", .salt = "y"};
	struct pdf_options opt = {false, 0};
	char path[] = "/tmp/clerk-tagged-XXXXXX";
	int fd = mkstemp(path);
	cr_assert(fd >= 0);
	close(fd);
	cr_assert_eq(pdf_write_doc(dev, &l, &info, &opt, path), PDF_OK, "%s",
	    pdf_dev_error(dev));
	pdf_dev_free(dev);

	char cmd[512], out[4096];
	/* the annotation's object number left out */
	snprintf(cmd, sizeof cmd,
	    "pdfinfo -struct-text %s 2>&1 | sed 's/Object [0-9]* 0$/Object/'",
	    path);
	cr_assert_eq(capture(cmd, out, sizeof out), 0, "%s", out);
	cr_assert_str_eq(out,
	    "Document\n"
	    "  H1 (block)\n"
	    "    \"Title\"\n"
	    "  P (block)\n"
	    "    \"See\"\n"
	    "    Link (inline)\n"
	    "      \"the site\"\n"
	    "      Object\n"
	    "    \"now.\"\n"
	    "    \"continued.\"\n"
	    "  L (block):\n"
	    "     /ListNumbering /Decimal\n"
	    "    LI (block)\n"
	    "      Lbl (block)\n"
	    "        \"1.\"\n"
	    "      LBody (block)\n"
	    "        \"First\"\n"
	    "  Table (block)\n"
	    "    TR\n"
	    "      TH:\n"
	    "         /Scope /Column\n"
	    "        \"Head\"\n"
	    "      TD\n"
	    "        \"Cell\"\n"
	    "  Figure\n"
	    "    \"\"\n");
	snprintf(cmd, sizeof cmd, "qpdf --check %s >/dev/null 2>&1", path);
	cr_assert_eq(system(cmd), 0, "qpdf --check");
	snprintf(cmd, sizeof cmd,
	    "/usr/bin/python3 tests/tools/tagged-pdf.py %s 2>&1", path);
	int rc = capture(cmd, out, sizeof out);
	cr_assert_eq(rc, 0, "%s", out);
	/* the figure's /Alt; the link's /Contents, its words */
	snprintf(cmd, sizeof cmd,
	    "/usr/bin/python3 -c 'import sys, pikepdf\n"
	    "p = pikepdf.open(sys.argv[1])\n"
	    "print([str(o.Alt) for o in p.objects if isinstance(o, "
	    "pikepdf.Dictionary) and o.get(\"/S\") == \"/Figure\"], "
	    "str(p.pages[0].Annots[0].Contents))' %s 2>&1",
	    path);
	rc = capture(cmd, out, sizeof out);
	cr_assert_eq(rc, 0, "%s", out);
	cr_assert_str_eq(out, "['A chart'] the site\n");
	unlink(path);
}
