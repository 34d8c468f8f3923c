/* backend.c: the one list of clerk's output formats (backend.h). A new
 * format is a new back end (a struct backend of its own file) and a line
 * here. */
#include "backend.h"

#include <string.h>

static const struct backend *const backends[] = {
    &backend_pdf,
    &backend_xml,
    &backend_html,
};

const struct backend *
backend_find(const char *name)
{
	for (size_t i = 0; i < sizeof backends / sizeof *backends; i++)
		if (strcmp(backends[i]->name, name) == 0)
			return backends[i];
	return NULL;
}

const char *
backend_names(void)
{
	static char names[128];
	if (names[0] != '\0')
		return names;
	size_t n = sizeof backends / sizeof *backends;
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			strcat(names, i + 1 < n ? ", " : " or ");
		strcat(names, backends[i]->name);
	}
	return names;
}
