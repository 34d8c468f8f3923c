/* fuzz_paper.c: libFuzzer target for the paper reader: the input is a
 * paper file (written to paper.md in the working folder, fuzz_common.h)
 * read by paper_read into the model, as "clerk check" does: source, YAML,
 * front matter, Markdown (cmark-gfm), structure (sections, numbers,
 * cross-references), appendix files and images. Its messages are printed
 * (to /dev/null); a paper without errors is also dumped (clerk check
 * --dump), laid out with the fixed test metrics (the layout engine,
 * without libharu) and written as Akoma Ntoso XML. Everything is freed on
 * every run. */
#include "fuzz_common.h"

#include "akn.h"
#include "dump.h"
#include "layout.h"
#include "model.h"
#include "paper.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write("paper.md", data, size);
	struct diags *d = diags_new();
	bool syserr = false;
	struct paper *p = paper_read(path, &fuzz_set, d, &syserr);
	fuzz_exercise(p, d, syserr, "paper_read");
	return 0;
}
