/* template.h: committee-paper templates, read from YAML files in the
 * templates folder and validated when loaded. A template says which sections
 * a paper has, in what order, which are required, how paragraphs are
 * numbered, and how the paper looks. Adding a council's template is adding
 * a file; no C changes. The file format is described in clerk-paper(5). */
#ifndef CLERK_TEMPLATE_H
#define CLERK_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "text.h"

struct arena;

enum paper_kind {
	KIND_REPORT,  /* a report to one or more committees */
	KIND_MINUTES, /* minutes of a meeting */
};

enum numbering {
	NUMBERING_CONTINUOUS, /* 1, 2, 3 ... across all numbered sections */
	NUMBERING_DECIMAL,    /* 2.1, 2.2 ... restarting in each numbered
				 section, which takes the number before the dot */
	NUMBERING_NONE,       /* no paragraph numbers */
};

enum requirement {
	REQUIRED_NO,       /* optional */
	REQUIRED_YES,      /* every paper has it */
	REQUIRED_DECISION, /* papers for decision (any committee) have it */
};

/* A sub-heading a section names. */
struct tpl_subheading {
	const char *heading; /* as printed */
	bool required;       /* must be present */
	struct pos pos;      /* in the template file */
};

struct tpl_section {
	const char *id;       /* stable id: "background" */
	const char *heading;  /* printed heading: "Background" */
	const char **aliases; /* other headings authors may write */
	size_t naliases;
	enum requirement required;
	bool numbered;        /* its paragraphs are numbered */
	const char *from_key; /* made from a front-matter key ("appendices",
				  "background_papers"), not from the body;
				  NULL for body sections */
	struct tpl_subheading *subheadings; /* named sub-headings, in order */
	size_t nsubheadings;
	bool only_subheadings; /* no sub-headings but those named */
	struct pos pos;        /* in the template file */
};

enum key_type {
	KEY_STRING, /* one line of text */
	KEY_DATE,   /* YYYY-MM-DD */
	KEY_INTEGER,
	KEY_BOOLEAN,
	KEY_LIST, /* a list of strings */
};

/* An extra front-matter key the template declares (ward: on planning). */
struct tpl_key {
	const char *name; /* snake_case key */
	enum key_type type;
	bool required;
	struct pos pos;
};

/* A row of the front sheet: a label and the value it shows. The value is a
 * text with {placeholders} (see clerk-paper(5)); rows whose placeholders
 * are all empty are left out. */
struct tpl_row {
	const char *label; /* "Subject:" */
	const char *value; /* "{subject}" */
	const char
	    *right; /* the right-hand cell: "{classification}"; or NULL */
	struct pos pos;
};

struct tpl_font {
	const char *regular, *bold, *italic, *bold_italic; /* TTF paths */
};

/* The font faces of a template, in a fixed order: body, mono, fallback,
 * each regular, bold, italic and bold italic (template_face). */
#define TPL_FACES 12

/* The SHA-256 of the files a template's PDFs are made from
 * (template_digests keeps them here, computed when first asked for). */
struct tpl_digests {
	bool done;                /* computed */
	const char *failed;       /* the file that could not be read, or NULL */
	int error;                /* its errno */
	char file[65];            /* the template file */
	char face[TPL_FACES][65]; /* each face's font file */
};

struct template
{
	const char *id;   /* "col-2018"; the file is templates/<id>.yaml */
	const char *name; /* "City of London committee report (2018)" */
	const char *path; /* the file it was read from */
	const char *description; /* one paragraph for "clerk templates" */
	enum paper_kind kind;
	bool has_from, has_to; /* validity period; open at either end */
	struct date from, to;
	bool strict; /* a heading naming no section is an error
				  (otherwise it is a sub-heading) */
	enum numbering numbering;
	const char *main_heading; /* printed before the first numbered
				     section ("Main Report"); an author's
				     heading of that name is accepted */

	/* The page (points). */
	double page_width, page_height;
	double margin_top, margin_right, margin_bottom, margin_left;
	struct tpl_font font, mono, fallback; /* body, code, missing glyphs */
	double font_size;                     /* body text, points */
	bool justify;        /* justified text instead of ragged right */
	const char *bullets; /* bullet characters by depth: "•–◦" */
	const char *ordered; /* ordered-list styles by depth: "1ai"
				  (1 decimal, a lower letter, A upper,
				  i lower roman, I upper roman) */

	struct tpl_row *rows; /* the front sheet, in order */
	size_t nrows;
	struct tpl_section *sections; /* the body, in order */
	size_t nsections;
	struct tpl_key *keys; /* extra front-matter keys */
	size_t nkeys;
	const char **contact; /* lines of the contact block, with
				  placeholders: "{name}", "T: {phone}" */
	size_t ncontact;
	const char *header; /* running header, with placeholders; or NULL */
	const char *footer; /* running footer: "{page}" */
	const char *exempt_notice;   /* printed on non-public papers; holds
				      {exempt_paragraphs} */
	struct tpl_digests *digests; /* template_digests' (NULL: a template
					not read from a file) */
};

struct template_set {
	struct arena *arena;     /* owns every template */
	struct template **items; /* valid templates, sorted by id */
	size_t count;
};

/* Reading templates (template_load.c, the only file here that uses the
 * YAML reader). */

/* The folder templates are read from: $CLERK_TEMPLATES when set; else
 * "templates" beside the clerk executable when it exists (a build in the
 * source tree); else the installed folder. The string is static. */
const char *template_dir(void);

/* Reads and validates every *.yaml file of dir. Problems are recorded in d
 * with file:line:col; a template with errors is left out of the set.
 * Returns false only when dir cannot be read (errno set). */
bool templates_load(const char *dir, struct diags *d, struct template_set *set);

/* Reads one template file; NULL (and messages in d) when invalid. */
struct template *template_load_file(struct arena *a, struct diags *d,
    const char *path);

void templates_free(struct template_set *set);

/* Templates once read (template.c, which uses no library). */

/* The template with this id, or NULL. */
const struct template *template_find(const struct template_set *set,
    const char *id);

/* The template of kind in force on date: the one whose validity period
 * contains it; else, among templates of that kind with a period, the one
 * whose period is nearest (and *nearest is set true). NULL when the set
 * has no template of that kind with a period. */
const struct template *template_select(const struct template_set *set,
    enum paper_kind kind, struct date date, bool *nearest);

/* The newest template of kind (latest "from"), for when a paper's date is
 * unknown; NULL when there is none. */
const struct template *template_latest(const struct template_set *set,
    enum paper_kind kind);

/* Whether t has a validity period (a start, an end or both). */
bool template_has_period(const struct template *t);

/* The section of t that heading names (its heading or an alias, compared
 * with name_equal), or NULL. */
const struct tpl_section *template_section(const struct template *t,
    const char *heading);

/* The font file of face i (below TPL_FACES) of t; *name is the face's
 * name: "body-regular", "mono-bold", "fallback-bold-italic". */
const char *template_face(const struct template *t, size_t i,
    const char **name);

/* The SHA-256 of t's file and of each face's font file, as the bytes on
 * disk are now (what sha256sum prints), read when first asked for and
 * kept with t: an Akoma Ntoso document records them, and rebuilding one
 * compares them. Safe to call from several threads. NULL when a file
 * cannot be read (*failed then names it and errno says why) or t was not
 * read from a file (*failed NULL). */
const struct tpl_digests *template_digests(const struct template *t,
    const char **failed);

/* "report" or "minutes". */
const char *kind_name(enum paper_kind k);

/* Placeholders in template texts: "{name}" is replaced by a value; "{{"
 * and "}}" stand for a brace. Loading a template checks that each text uses
 * only the placeholders its place allows (clerk-paper(5)). */

/* The value of placeholder name: text, or NULL or "" when the paper has
 * none. */
typedef const char *(*tpl_lookup)(void *ctx, const char *name);

/* Counts kept over the texts of one row or line. */
struct tpl_fill {
	size_t placeholders; /* placeholders seen */
	size_t filled;       /* of them, those with a non-empty value */
};

/* text with its placeholders replaced, in the arena. When fill is not NULL
 * its counts are increased: a front-sheet row or contact line whose
 * placeholders are all empty (placeholders > 0, filled == 0) is left
 * out. NULL text gives NULL. */
char *template_expand(struct arena *a, const char *text, tpl_lookup lookup,
    void *ctx, struct tpl_fill *fill);

/* Whether text (may be NULL) uses placeholder name. */
bool template_text_uses(const char *text, const char *name);

/* Whether a front-sheet row names a committee's own details ({committee},
 * {committee_date}, {committee_purpose}): it is repeated once for each
 * committee of the paper. */
bool tpl_row_per_committee(const struct tpl_row *r);

#endif
