/* placeholder.c: recognising the text "clerk new" leaves for the author
 * to replace. */
#include "placeholder.h"

#include <string.h>

static const char *const values[] = {
    PH_COMMITTEE,
    PH_SUBJECT,
    PH_REPORT_OF,
    PH_AUTHOR,
    PH_VALUE,
    PH_NAME,
    PH_JOB_TITLE,
    PH_PHONE,
    PH_EMAIL,
    PH_VENUE,
    PH_CHAIRMAN,
    PH_DEPUTY,
    PH_OFFICER,
    PH_NOTE,
};

static const char *const texts[] = {
    PH_SECTION,
    PH_PARAGRAPHS,
    PH_LABEL,
    PH_RECOMMEND,
    PH_APOLOGIES,
};

bool
placeholder_value(const char *s)
{
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
		if (strcmp(s, values[i]) == 0)
			return true;
	return false;
}

bool
placeholder_text(const char *s)
{
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (strncmp(s, texts[i], strlen(texts[i])) == 0)
			return true;
	return false;
}
