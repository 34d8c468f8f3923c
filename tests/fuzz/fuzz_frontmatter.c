/* fuzz_frontmatter.c: libFuzzer target for the front matter reader. The
 * input is a whole paper file, held in memory: source_from_memory (UTF-8
 * cleaning, line table), source_split (finding the front matter),
 * yaml_parse (libfyaml into clerk's tree) and frontmatter_read (every key
 * checked and read into the model, the template chosen), then every
 * message formatted and printed (to /dev/null). Templates come from the
 * repository (fuzz_common.h). Everything is freed on every run. */
#include "fuzz_common.h"

#include "arena.h"
#include "frontmatter.h"
#include "model.h"
#include "source.h"
#include "yaml.h"

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
	struct diags *d = diags_new();
	struct arena *a = arena_new();
	struct paper *p = arena_alloc(a, sizeof(*p));
	p->arena = a;
	/* In the working folder, so that appendix files and images named
	 * by the front matter resolve against the fixtures. */
	p->path = arena_printf(a, "%s/paper.md", fuzz_dir);
	p->dir = fuzz_dir;
	p->src = arena_alloc(a, sizeof(*p->src));
	if (source_from_memory(a, d, p->path, (const char *)data, size,
	    p->src) == SOURCE_OK) {
		source_split(p->src, d, true);
		if (p->src->has_front) {
			struct ynode *root = yaml_parse(a, d, p->src, false);
			(void)frontmatter_read(p, d, root, &fuzz_set);
		}
	}
	for (size_t i = 0; i < diags_pending(d); i++)
		(void)diags_text(d, i);
	diags_flush(d, fuzz_null);
	diags_free(d);
	arena_free(a);
	return 0;
}
