/* agenda_item.c: what the agenda's items say, apart from the reader of
 * agenda files (agenda.c, which uses cmark through markdown.c and libfyaml
 * through yaml.c): the pack's plan and the layout link with this alone. */
#include "agenda.h"

#include "model.h"

const char *
agenda_item_title(const struct agenda_item *it)
{
	if (it->title != NULL)
		return it->title;
	if (it->paper == NULL)
		return NULL;
	if (it->paper->meta.subject != NULL)
		return it->paper->meta.subject;
	return it->paper->meta.kind == KIND_MINUTES ? "Minutes" : NULL;
}
