/* placeholder.h: the text "clerk new" writes for the author to replace,
 * in one place, so that "clerk check" finds any of it left in a paper
 * (D_PLACEHOLDER) and a skeleton is never published by mistake. A
 * placeholder added to the skeleton is added here and to the lists in
 * placeholder.c. */
#ifndef CLERK_PLACEHOLDER_H
#define CLERK_PLACEHOLDER_H

#include <stdbool.h>

/* Front matter values: a value that is exactly one of these. */
#define PH_COMMITTEE "Name of the Committee"
#define PH_SUBJECT   "Title of the report"
#define PH_REPORT_OF "Title of the Chief Officer"
#define PH_AUTHOR    "Name, Job Title"
#define PH_VALUE     "Value"
#define PH_NAME      "Name"
#define PH_JOB_TITLE "Job Title"
#define PH_PHONE     "020 7332 0000"
#define PH_EMAIL     "name@example.org"
#define PH_VENUE     "Name of the meeting room"
#define PH_CHAIRMAN  "Name (Chairman)"
#define PH_DEPUTY    "Name (Deputy Chairman)"
#define PH_OFFICER   "Name, Town Clerk's Department"
#define PH_NOTE      "A note for the front sheet."

/* Body text: a paragraph that begins with one of these. */
#define PH_SECTION    "Write this section here."
#define PH_PARAGRAPHS "Write each paragraph as a paragraph; clerk numbers them."
#define PH_LABEL \
	"A label at the start of a paragraph, as in the one above, lets you refer to it"
#define PH_RECOMMEND "approve the proposals in this report."
#define PH_APOLOGIES "Apologies were received from Name."

/* Is s (a front matter value) a placeholder? */
bool placeholder_value(const char *s);

/* Does s (the text of a paragraph) begin with a placeholder? */
bool placeholder_text(const char *s);

#endif
