/* fuzz_xml.c: libFuzzer target for the XML reader: the input is an XML
 * file (paper.xml in the working folder, fuzz_common.h) read by akn_read
 * as "clerk check FILE.xml" does (libxml2 with clerk's safe options, then
 * clerk's Akoma Ntoso into the model). Its messages are printed (to
 * /dev/null); a paper read without errors is also dumped, laid out with
 * the fixed test metrics and written back as XML. Everything is freed on
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
	akn_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write("paper.xml", data, size);
	struct diags *d = diags_new();
	bool syserr = false;
	struct paper *p = akn_read(path, &fuzz_set, d, &syserr);
	fuzz_exercise(p, d, syserr, "akn_read");
	return 0;
}
