/* template_load.c: committee-paper templates read from YAML files and
 * checked when loaded (every problem of a file in one pass, at its line and
 * column), and the folder they are read from. The only file of the
 * templates that includes the YAML reader (yaml.h, and so libfyaml): the
 * data, the choice by kind and date and the expansion of placeholders are
 * in template.c, which the layout links with. */
#include "template.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "source.h"
#include "yaml.h"

#ifndef CLERK_DATADIR
#define CLERK_DATADIR "/usr/local/share/clerk"
#endif

/* Points per unit of length. */
#define PT_PER_IN 72.0
#define PT_PER_MM (72.0 / 25.4)

/* Default fonts (Debian: fonts-liberation2, fonts-dejavu-core). */
#define LIBERATION "/usr/share/fonts/truetype/liberation2/"
#define DEJAVU     "/usr/share/fonts/truetype/dejavu/"

static const struct tpl_font default_body = {
    LIBERATION "LiberationSans-Regular.ttf",
    LIBERATION "LiberationSans-Bold.ttf",
    LIBERATION "LiberationSans-Italic.ttf",
    LIBERATION "LiberationSans-BoldItalic.ttf",
};
static const struct tpl_font default_mono = {
    LIBERATION "LiberationMono-Regular.ttf",
    LIBERATION "LiberationMono-Bold.ttf",
    LIBERATION "LiberationMono-Italic.ttf",
    LIBERATION "LiberationMono-BoldItalic.ttf",
};
/* DejaVu Sans has no oblique in fonts-dejavu-core: the fallback's italics
 * are its upright faces unless the template names others. */
static const struct tpl_font default_fallback = {
    DEJAVU "DejaVuSans.ttf",
    DEJAVU "DejaVuSans-Bold.ttf",
    DEJAVU "DejaVuSans.ttf",
    DEJAVU "DejaVuSans-Bold.ttf",
};

static const char *const default_contact[] = {
    "{name}",
    "{title}",
    "T: {phone}",
    "Mobile: {mobile}",
    "E: {email}",
};

#define DEFAULT_EXEMPT_NOTICE \
	"NOT FOR PUBLICATION: By virtue of " \
	"paragraph(s) {exempt_paragraphs} of Part 1 of Schedule 12A of the " \
	"Local Government Act 1972."

/* The keys of each mapping of a template file. */
static const char *const root_keys[] = {"id", "name", "description", "kind",
    "valid_from", "valid_to", "strict", "numbering", "main_heading", "page",
    "fonts", "justify", "lists", "front_sheet", "sections", "keys", "contact",
    "header", "footer", "exempt_notice", NULL};
static const char *const page_keys[] = {"size", "margins", NULL};
static const char *const margin_keys[] = {"top", "right", "bottom", "left",
    NULL};
static const char *const fonts_keys[] = {"body", "mono", "fallback", "size",
    NULL};
static const char *const face_keys[] = {"regular", "bold", "italic",
    "bold_italic", NULL};
static const char *const lists_keys[] = {"bullets", "ordered", NULL};
static const char *const row_keys[] = {"label", "value", "right", NULL};
static const char *const section_keys[] = {"id", "heading", "aliases",
    "required", "numbered", "from", "subheadings", "only_subheadings", NULL};
static const char *const subheading_keys[] = {"heading", "required", NULL};
static const char *const key_keys[] = {"name", "type", "required", NULL};

/* Enumerations, in the order of their C enums. */
static const char *const kind_names[] = {"report", "minutes", NULL};
static const char *const numbering_names[] = {"continuous", "section-decimal",
    "none", NULL};
static const char *const requirement_names[] = {"no", "yes", "decision", NULL};
static const char *const from_names[] = {"appendices", "background_papers",
    NULL};
static const char *const key_type_names[] = {"string", "date", "integer",
    "boolean", "list", NULL};
static const char *const size_names[] = {"A4", "letter", NULL};

/* Placeholders each text may use. Front-sheet rows may also use the
 * template's own keys. */
static const char *const front_placeholders[] = {"committee", "committee_date",
    "committee_purpose", "committees", "dates", "subject", "classification",
    "report_of", "purpose", "report_author", "reference", "date", "time",
    "venue", NULL};
static const char *const contact_placeholders[] = {"name", "title", "phone",
    "mobile", "email", NULL};
static const char *const running_placeholders[] = {"page", "pages", "subject",
    "committee", "date", "reference", NULL};
static const char *const exempt_placeholders[] = {"exempt_paragraphs", NULL};

/* Names a template's keys cannot take: the front matter of every paper, and
 * the front sheet's own placeholders. */
static const char *const reserved_keys[] = {"kind", "template", "committees",
    "committee", "date", "purpose", "subject", "report_of", "report_author",
    "public", "exempt_paragraphs", "reference", "contact", "appendices",
    "background_papers", "time", "venue", "present", "officers",
    "in_attendance", "committee_date", "committee_purpose", "dates",
    "classification", NULL};

/* A template and what only loading needs. The template comes first, so that
 * a struct template * from this file is also a struct tpl_file *. */
struct tpl_file {
	struct template t;
	struct pos id_pos;     /* of the id's value */
	struct pos period_pos; /* of valid_from, else valid_to */
};

/* One file being read. */
struct loader {
	struct arena *a;
	struct diags *d;
	const char *path;         /* the file, for messages */
	const struct source *src; /* its text, for columns inside values */
	const char *dir;          /* its folder, for relative font paths */
	struct tpl_file *f;       /* what is filled */
	const char **front_names; /* placeholders of the front sheet */
	bool sections_dropped;    /* a section was left out for errors */
};

#define ERR(l, p, ...) diag((l)->d, (l)->path, (p), __VA_ARGS__)

/* ---- Values ------------------------------------------------------- */

/* Reports every key of mapping m that is not in allowed. */
static void
check_keys(struct loader *l, const struct ynode *m, const char *const *allowed)
{
	for (const struct ynode *c = m->first; c != NULL; c = c->next) {
		bool known = false;
		for (size_t i = 0; allowed[i] != NULL && !known; i++)
			known = strcmp(c->key, allowed[i]) == 0;
		if (!known)
			ERR(l, c->key_pos, D_UNKNOWN_KEY, c->key,
			    did_you_mean(l->a, c->key, allowed));
	}
}

/* Whether n is a mapping; reports it when not. */
static bool
want_mapping(struct loader *l, const struct ynode *n, const char *name)
{
	if (n->type == Y_MAPPING)
		return true;
	ERR(l, n->pos, D_WRONG_TYPE, name, "a mapping");
	return false;
}

/* Whether n is a list (or empty, which is an empty list); reports it when
 * not. */
static bool
want_list(struct loader *l, const struct ynode *n, const char *name)
{
	if (n->type == Y_SEQUENCE || (n->type == Y_SCALAR && n->null))
		return true;
	ERR(l, n->pos, D_WRONG_TYPE, name, "a list");
	return false;
}

/* The text of scalar n in *out: NULL when it is empty (null). Returns false,
 * with a message, when n is a list or a mapping. */
static bool
text_value(struct loader *l, const struct ynode *n, const char *name,
    const char **out)
{
	*out = NULL;
	if (n->type != Y_SCALAR) {
		ERR(l, n->pos, D_WRONG_TYPE, name, "text");
		return false;
	}
	if (!n->null)
		*out = n->str;
	return true;
}

/* As text_value, for a value that cannot be empty. */
static bool
required_text(struct loader *l, const struct ynode *n, const char *name,
    const char **out)
{
	if (!text_value(l, n, name, out))
		return false;
	const char *s = *out;
	while (s != NULL && (*s == ' ' || *s == '\t'))
		s++;
	if (s == NULL || *s == '\0') {
		ERR(l, n->pos, D_EMPTY_VALUE, name);
		*out = NULL;
		return false;
	}
	return true;
}

/* An unquoted true or false. */
static bool
bool_value(struct loader *l, const struct ynode *n, const char *name, bool *out)
{
	if (n->type == Y_SCALAR && n->plain) {
		if (strcmp(n->str, "true") == 0 ||
		    strcmp(n->str, "True") == 0 ||
		    strcmp(n->str, "TRUE") == 0) {
			*out = true;
			return true;
		}
		if (strcmp(n->str, "false") == 0 ||
		    strcmp(n->str, "False") == 0 ||
		    strcmp(n->str, "FALSE") == 0) {
			*out = false;
			return true;
		}
	}
	ERR(l, n->pos, D_WRONG_TYPE, name, "true or false");
	return false;
}

/* One of names (exactly) in *out as its index; use lists them for the
 * message. */
static bool
enum_value(struct loader *l, const struct ynode *n, const char *name,
    const char *const *names, const char *use, int *out)
{
	const char *s;
	if (!required_text(l, n, name, &s))
		return false;
	for (int i = 0; names[i] != NULL; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = i;
			return true;
		}
	ERR(l, n->pos, D_BAD_ENUM, name, s, use, did_you_mean(l->a, s, names));
	return false;
}

static bool
date_value(struct loader *l, const struct ynode *n, const char *name,
    struct date *out)
{
	const char *s;
	if (!required_text(l, n, name, &s))
		return false;
	switch (date_parse(s, out)) {
	case DATE_OK:
		return true;
	case DATE_SYNTAX:
		ERR(l, n->pos, D_BAD_DATE, s);
		return false;
	case DATE_IMPOSSIBLE:
		ERR(l, n->pos, D_IMPOSSIBLE_DATE, s);
		return false;
	}
	return false;
}

/* A number: digits with an optional fraction. Stores it and where it ends. */
static bool
parse_number(const char *s, double *out, const char **end)
{
	const char *p = s;
	double v = 0;
	bool digits = false;
	for (; *p >= '0' && *p <= '9'; p++, digits = true)
		v = v * 10 + (*p - '0');
	if (*p == '.') {
		double scale = 0.1;
		for (p++; *p >= '0' && *p <= '9'; p++, digits = true) {
			v += (*p - '0') * scale;
			scale /= 10;
		}
	}
	if (!digits || p - s > 12)
		return false;
	*out = v;
	*end = p;
	return true;
}

/* A length ("20mm", "2.5 cm", "1in", "56pt", or "0") in points. */
static bool
length_value(struct loader *l, const struct ynode *n, const char *name,
    double *out)
{
	const char *s, *u;
	double v;
	if (!required_text(l, n, name, &s))
		return false;
	if (!parse_number(s, &v, &u))
		goto bad;
	while (*u == ' ')
		u++;
	if (strcmp(u, "mm") == 0)
		*out = v * PT_PER_MM;
	else if (strcmp(u, "cm") == 0)
		*out = v * PT_PER_MM * 10;
	else if (strcmp(u, "in") == 0)
		*out = v * PT_PER_IN;
	else if (strcmp(u, "pt") == 0)
		*out = v;
	else if (*u == '\0' && v == 0)
		*out = 0;
	else
		goto bad;
	return true;
bad:
	ERR(l, n->pos, D_TEMPLATE_LENGTH, s);
	return false;
}

/* Whether s is non-empty and made only of the characters of set. */
static bool
only_chars(const char *s, const char *set)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (strchr(set, *s) == NULL)
			return false;
	return true;
}

#define LOWER  "abcdefghijklmnopqrstuvwxyz"
#define DIGITS "0123456789"

/* ---- Placeholders ------------------------------------------------- */

/* Where byte off of scalar n's text is in the file: exact for a value on
 * one line written as is (plain, or quoted without escapes; a quoted
 * value's position is that of its first character); else the value's
 * start. */
static struct pos
text_pos(const struct loader *l, const struct ynode *n, size_t off)
{
	if (memchr(n->str, '\n', n->len) != NULL)
		return n->pos;
	size_t len;
	const char *line = source_line(l->src, n->pos.line, &len);
	size_t b = 0;
	for (int col = 1; col < n->pos.col && b < len; col++) {
		uint32_t cp;
		size_t k = utf8_decode((const unsigned char *)line + b, len - b,
		    &cp);
		b += k ? k : 1;
	}
	if (b + n->len > len || memcmp(line + b, n->str, n->len) != 0)
		return n->pos;
	return (struct pos){n->pos.line,
	    n->pos.col + (int)utf8_count(n->str, off)};
}

/* Calls fn for each placeholder of text: the name (not NUL-terminated) and
 * its byte offset (of the '{'); closed is false for a '{' never closed.
 * Returns false as soon as fn does. */
typedef bool (*placeholder_fn)(void *ctx, const char *name, size_t len,
    size_t off, bool closed);

static bool
each_placeholder(const char *text, placeholder_fn fn, void *ctx)
{
	for (size_t i = 0; text[i] != '\0'; i++) {
		if (text[i] == '}' && text[i + 1] == '}') {
			i++;
			continue;
		}
		if (text[i] != '{')
			continue;
		if (text[i + 1] == '{') {
			i++;
			continue;
		}
		const char *close = strchr(text + i + 1, '}');
		size_t len = close ? (size_t)(close - text - i - 1) :
		                     strlen(text + i + 1);
		if (!fn(ctx, text + i + 1, len, i, close != NULL))
			return false;
		if (close == NULL)
			break;
		i += len + 1;
	}
	return true;
}

struct check_ctx {
	struct loader *l;
	const struct ynode *n;
	const char *const *allowed;
};

static bool
check_one(void *ctx, const char *name, size_t len, size_t off, bool closed)
{
	struct check_ctx *c = ctx;
	struct loader *l = c->l;
	char *s = arena_strndup(l->a, name, len);
	struct pos p = text_pos(l, c->n, off);
	if (!closed) {
		ERR(l, p, D_TEMPLATE_PLACEHOLDER_OPEN, s);
		return true;
	}
	for (size_t i = 0; c->allowed[i] != NULL; i++)
		if (strcmp(s, c->allowed[i]) == 0)
			return true;
	ERR(l, p, D_TEMPLATE_PLACEHOLDER, s, did_you_mean(l->a, s, c->allowed));
	return true;
}

/* Reports each placeholder of scalar n (text s) not in allowed. */
static void
check_placeholders(struct loader *l, const struct ynode *n, const char *s,
    const char *const *allowed)
{
	struct check_ctx c = {l, n, allowed};
	if (s != NULL)
		each_placeholder(s, check_one, &c);
}

/* A text with placeholders: NULL when empty. */
static bool
template_text(struct loader *l, const struct ynode *n, const char *name,
    const char *const *allowed, const char **out)
{
	if (!text_value(l, n, name, out))
		return false;
	check_placeholders(l, n, *out, allowed);
	return true;
}

/* ---- The parts of a template -------------------------------------- */

static void
read_period(struct loader *l, const struct ynode *root)
{
	struct template *t = &l->f->t;
	const struct ynode *from = ymap_get(root, "valid_from");
	const struct ynode *to = ymap_get(root, "valid_to");
	/* An empty end is an open one. */
	if (from != NULL && from->type == Y_SCALAR && from->null)
		from = NULL;
	if (to != NULL && to->type == Y_SCALAR && to->null)
		to = NULL;
	if (from != NULL) {
		t->has_from = date_value(l, from, "valid_from", &t->from);
		l->f->period_pos = from->pos;
	}
	if (to != NULL) {
		t->has_to = date_value(l, to, "valid_to", &t->to);
		if (from == NULL)
			l->f->period_pos = to->pos;
	}
	if (t->has_from && t->has_to && date_cmp(t->to, t->from) < 0) {
		char a[11], b[11];
		date_iso(t->to, a);
		date_iso(t->from, b);
		ERR(l, to->pos, D_TEMPLATE_PERIOD, a, b);
	}
}

static void
read_margins(struct loader *l, const struct ynode *m)
{
	struct template *t = &l->f->t;
	if (m->type == Y_SCALAR) {
		double v;
		if (length_value(l, m, "margins", &v))
			t->margin_top = t->margin_right = t->margin_bottom =
			    t->margin_left = v;
		return;
	}
	if (!want_mapping(l, m, "margins"))
		return;
	check_keys(l, m, margin_keys);
	double *dst[] = {&t->margin_top, &t->margin_right, &t->margin_bottom,
	    &t->margin_left};
	for (size_t i = 0; i < 4; i++) {
		const struct ynode *v = ymap_get(m, margin_keys[i]);
		if (v != NULL)
			length_value(l, v, margin_keys[i], dst[i]);
	}
}

/* Checks that a page length is between 1 and 200 inches. */
static bool
page_length_ok(struct loader *l, const struct ynode *n, double v)
{
	if (v >= PT_PER_IN && v <= 200 * PT_PER_IN)
		return true;
	ERR(l, n->pos, D_TEMPLATE_RANGE, n->str, "1in to 200in");
	return false;
}

static void
read_page(struct loader *l, const struct ynode *page)
{
	struct template *t = &l->f->t;
	if (!want_mapping(l, page, "page"))
		return;
	check_keys(l, page, page_keys);
	const struct ynode *size = ymap_get(page, "size");
	if (size != NULL && size->type == Y_SEQUENCE) {
		if (size->count != 2) {
			ERR(l, size->pos, D_WRONG_TYPE, "size",
			    "A4, letter or [width, height]");
		} else {
			double w, h;
			const struct ynode *wn = size->first,
			                   *hn = size->first->next;
			bool ok = length_value(l, wn, "size", &w);
			ok = length_value(l, hn, "size", &h) && ok;
			if (ok && page_length_ok(l, wn, w) &&
			    page_length_ok(l, hn, h)) {
				t->page_width = w;
				t->page_height = h;
			}
		}
	} else if (size != NULL) {
		const char *s;
		if (!required_text(l, size, "size", &s))
			;
		else if (strcasecmp(s, "A4") == 0) {
			t->page_width = 210 * PT_PER_MM;
			t->page_height = 297 * PT_PER_MM;
		} else if (strcasecmp(s, "letter") == 0) {
			t->page_width = 8.5 * PT_PER_IN;
			t->page_height = 11 * PT_PER_IN;
		} else {
			ERR(l, size->pos, D_BAD_ENUM, "size", s,
			    "A4, letter or [width, height]",
			    did_you_mean(l->a, s, size_names));
		}
	}
	const struct ynode *m = ymap_get(page, "margins");
	if (m == NULL)
		return;
	read_margins(l, m);
	/* At least an inch of room for the text each way. */
	if (t->margin_left + t->margin_right > t->page_width - PT_PER_IN)
		ERR(l, m->pos, D_TEMPLATE_RANGE, "margins",
		    "left and right leave less than 1in for the text");
	if (t->margin_top + t->margin_bottom > t->page_height - PT_PER_IN)
		ERR(l, m->pos, D_TEMPLATE_RANGE, "margins",
		    "top and bottom leave less than 1in for the text");
}

/* A font file: relative paths are taken from the template's folder. */
static void
read_face(struct loader *l, const struct ynode *n, const char *name,
    const char **out)
{
	const char *s;
	if (!required_text(l, n, name, &s))
		return;
	const char *path = s[0] == '/' ? s :
	                                 arena_printf(l->a, "%s/%s", l->dir, s);
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		ERR(l, n->pos, D_TEMPLATE_FONT, s);
		return;
	}
	*out = arena_strdup(l->a, path);
}

static void
read_font(struct loader *l, const struct ynode *n, const char *name,
    struct tpl_font *f)
{
	if (!want_mapping(l, n, name))
		return;
	check_keys(l, n, face_keys);
	const char **dst[] = {&f->regular, &f->bold, &f->italic,
	    &f->bold_italic};
	for (size_t i = 0; i < 4; i++) {
		const struct ynode *v = ymap_get(n, face_keys[i]);
		if (v != NULL)
			read_face(l, v, face_keys[i], dst[i]);
	}
}

static void
read_fonts(struct loader *l, const struct ynode *fonts)
{
	struct template *t = &l->f->t;
	if (!want_mapping(l, fonts, "fonts"))
		return;
	check_keys(l, fonts, fonts_keys);
	const struct ynode *n;
	if ((n = ymap_get(fonts, "body")) != NULL)
		read_font(l, n, "body", &t->font);
	if ((n = ymap_get(fonts, "mono")) != NULL)
		read_font(l, n, "mono", &t->mono);
	if ((n = ymap_get(fonts, "fallback")) != NULL) {
		bool italic = ymap_get(n, "italic") != NULL;
		bool bold_italic = ymap_get(n, "bold_italic") != NULL;
		read_font(l, n, "fallback", &t->fallback);
		/* Unnamed italics of the fallback follow its upright faces. */
		if (!italic)
			t->fallback.italic = t->fallback.regular;
		if (!bold_italic)
			t->fallback.bold_italic = t->fallback.bold;
	}
	if ((n = ymap_get(fonts, "size")) != NULL) {
		const char *s, *end;
		double v;
		if (!required_text(l, n, "size", &s))
			return;
		if (!parse_number(s, &v, &end) || *end != '\0')
			ERR(l, n->pos, D_WRONG_TYPE, "size",
			    "a number of points");
		else if (v < 6 || v > 36)
			ERR(l, n->pos, D_TEMPLATE_RANGE, s, "6 to 36 points");
		else
			t->font_size = v;
	}
}

static void
read_lists(struct loader *l, const struct ynode *lists)
{
	struct template *t = &l->f->t;
	if (!want_mapping(l, lists, "lists"))
		return;
	check_keys(l, lists, lists_keys);
	const struct ynode *n;
	const char *s;
	if ((n = ymap_get(lists, "bullets")) != NULL &&
	    required_text(l, n, "bullets", &s))
		t->bullets = s;
	if ((n = ymap_get(lists, "ordered")) != NULL &&
	    required_text(l, n, "ordered", &s)) {
		if (only_chars(s, "1aAiI"))
			t->ordered = s;
		else
			ERR(l, n->pos, D_BAD_ENUM, "ordered", s,
			    "a style per depth from 1, a, A, i and I (\"1ai\")",
			    "");
	}
}

/* Extra front-matter keys; adds their names to the front sheet's
 * placeholders. */
static void
read_keys(struct loader *l, const struct ynode *keys)
{
	struct template *t = &l->f->t;
	size_t nfixed = sizeof front_placeholders /
	        sizeof front_placeholders[0] -
	    1;
	if (!want_list(l, keys, "keys"))
		return;
	t->keys = arena_alloc(l->a, (keys->count + 1) * sizeof(*t->keys));
	l->front_names = arena_alloc(l->a,
	    (nfixed + keys->count + 1) * sizeof(char *));
	memcpy(l->front_names, front_placeholders, nfixed * sizeof(char *));
	size_t nnames = nfixed;
	for (const struct ynode *k = keys->first; k != NULL; k = k->next) {
		if (k->type != Y_MAPPING) {
			ERR(l, k->pos, D_WRONG_TYPE, "keys",
			    "a list of {name, type, required}");
			continue;
		}
		check_keys(l, k, key_keys);
		struct tpl_key key = {.type = KEY_STRING, .pos = k->pos};
		bool ok = true;
		const struct ynode *n = ymap_get(k, "name");
		if (n == NULL) {
			ERR(l, k->pos, D_MISSING_KEY, "name", "");
			ok = false;
		} else if (!required_text(l, n, "name", &key.name)) {
			ok = false;
		} else if (!only_chars(key.name, LOWER DIGITS "_") ||
		    strchr(LOWER, key.name[0]) == NULL) {
			ERR(l, n->pos, D_TEMPLATE_NAME, "key", key.name,
			    "lower case letters, digits and '_', "
			    "beginning with a letter");
			ok = false;
		} else {
			for (size_t i = 0; reserved_keys[i] != NULL; i++)
				if (strcmp(key.name, reserved_keys[i]) == 0) {
					ERR(l, n->pos, D_TEMPLATE_KEY_RESERVED,
					    key.name);
					ok = false;
					break;
				}
			for (size_t i = 0; ok && i < t->nkeys; i++)
				if (strcmp(key.name, t->keys[i].name) == 0) {
					ERR(l, n->pos, D_TEMPLATE_REPEATED,
					    "key", key.name,
					    t->keys[i].pos.line);
					ok = false;
				}
		}
		int v;
		if ((n = ymap_get(k, "type")) != NULL) {
			if (enum_value(l, n, "type", key_type_names,
			        "string, date, integer, boolean or list", &v))
				key.type = (enum key_type)v;
			else
				ok = false;
		}
		if ((n = ymap_get(k, "required")) != NULL &&
		    !bool_value(l, n, "required", &key.required))
			ok = false;
		if (ok) {
			t->keys[t->nkeys++] = key;
			l->front_names[nnames++] = key.name;
		}
	}
	l->front_names[nnames] = NULL;
}

static void
read_rows(struct loader *l, const struct ynode *rows)
{
	struct template *t = &l->f->t;
	if (!want_list(l, rows, "front_sheet"))
		return;
	t->rows = arena_alloc(l->a, (rows->count + 1) * sizeof(*t->rows));
	t->nrows = 0;
	for (const struct ynode *r = rows->first; r != NULL; r = r->next) {
		if (r->type != Y_MAPPING) {
			ERR(l, r->pos, D_WRONG_TYPE, "front_sheet",
			    "a list of rows, each {label, value, right}");
			continue;
		}
		check_keys(l, r, row_keys);
		struct tpl_row row = {.pos = r->pos};
		const char **dst[] = {&row.label, &row.value, &row.right};
		for (size_t i = 0; i < 3; i++) {
			const struct ynode *n = ymap_get(r, row_keys[i]);
			if (n != NULL)
				template_text(l, n, row_keys[i], l->front_names,
				    dst[i]);
		}
		t->rows[t->nrows++] = row;
	}
}

/* A list of texts (or one text). */
static bool
text_list(struct loader *l, const struct ynode *n, const char *name,
    const char ***out, size_t *count)
{
	*count = 0;
	if (n->type == Y_SCALAR && !n->null) {
		*out = arena_alloc(l->a, sizeof(char *));
		(*out)[(*count)++] = n->str;
		return true;
	}
	if (!want_list(l, n, name))
		return false;
	*out = arena_alloc(l->a, (n->count + 1) * sizeof(char *));
	bool ok = true;
	for (const struct ynode *c = n->first; c != NULL; c = c->next) {
		const char *s;
		if (!required_text(l, c, name, &s))
			ok = false;
		else
			(*out)[(*count)++] = s;
	}
	return ok;
}

static void
read_subheadings(struct loader *l, const struct ynode *list,
    struct tpl_section *sec)
{
	if (!want_list(l, list, "subheadings"))
		return;
	sec->subheadings = arena_alloc(l->a,
	    (list->count + 1) * sizeof(*sec->subheadings));
	for (const struct ynode *c = list->first; c != NULL; c = c->next) {
		struct tpl_subheading sh = {.pos = c->pos};
		const struct ynode *h = c;
		if (c->type == Y_MAPPING) {
			check_keys(l, c, subheading_keys);
			h = ymap_get(c, "heading");
			const struct ynode *r = ymap_get(c, "required");
			if (r != NULL)
				bool_value(l, r, "required", &sh.required);
			if (h == NULL) {
				ERR(l, c->pos, D_MISSING_KEY, "heading", "");
				continue;
			}
		}
		if (!required_text(l, h, "heading", &sh.heading))
			continue;
		bool repeated = false;
		for (size_t i = 0; i < sec->nsubheadings && !repeated; i++)
			if (name_equal(sh.heading,
			        sec->subheadings[i].heading)) {
				ERR(l, h->pos, D_TEMPLATE_REPEATED,
				    "sub-heading", sh.heading,
				    sec->subheadings[i].pos.line);
				repeated = true;
			}
		if (!repeated)
			sec->subheadings[sec->nsubheadings++] = sh;
	}
}

/* One section; false when it has an error (reported). */
static bool
read_section(struct loader *l, const struct ynode *s, struct tpl_section *sec)
{
	size_t errors = diags_errors(l->d);
	bool ok = true;
	int v;
	*sec = (struct tpl_section){.pos = s->pos};
	check_keys(l, s, section_keys);
	const struct ynode *n = ymap_get(s, "id");
	if (n == NULL) {
		ERR(l, s->pos, D_MISSING_KEY, "id", "");
		ok = false;
	} else if (!required_text(l, n, "id", &sec->id)) {
		ok = false;
	} else if (!only_chars(sec->id, LOWER DIGITS "-_")) {
		ERR(l, n->pos, D_TEMPLATE_NAME, "section id", sec->id,
		    "lower case letters, digits, '-' and '_'");
		ok = false;
	}
	if ((n = ymap_get(s, "heading")) == NULL) {
		ERR(l, s->pos, D_MISSING_KEY, "heading", "");
		ok = false;
	} else if (!required_text(l, n, "heading", &sec->heading)) {
		ok = false;
	}
	if ((n = ymap_get(s, "aliases")) != NULL)
		text_list(l, n, "aliases", &sec->aliases, &sec->naliases);
	if ((n = ymap_get(s, "required")) != NULL) {
		/* true and false are taken for yes and no. */
		bool b;
		if (n->type == Y_SCALAR && n->plain &&
		    (strcasecmp(n->str, "true") == 0 ||
		        strcasecmp(n->str, "false") == 0) &&
		    bool_value(l, n, "required", &b))
			sec->required = b ? REQUIRED_YES : REQUIRED_NO;
		else if (enum_value(l, n, "required", requirement_names,
		             "yes, no or decision", &v))
			sec->required = (enum requirement)v;
	}
	if ((n = ymap_get(s, "numbered")) != NULL)
		bool_value(l, n, "numbered", &sec->numbered);
	if ((n = ymap_get(s, "from")) != NULL &&
	    enum_value(l, n, "from", from_names,
	        "appendices or background_papers", &v))
		sec->from_key = from_names[v];
	if ((n = ymap_get(s, "subheadings")) != NULL)
		read_subheadings(l, n, sec);
	if ((n = ymap_get(s, "only_subheadings")) != NULL)
		bool_value(l, n, "only_subheadings", &sec->only_subheadings);
	return ok && diags_errors(l->d) == errors;
}

/* The position of a name of section s: its heading or alias i. */
static struct pos
name_pos(const struct ynode *s, size_t alias)
{
	const struct ynode *n = ymap_get(s, alias == 0 ? "heading" : "aliases");
	if (n == NULL || alias == 0 || n->type != Y_SEQUENCE)
		return n ? n->pos : s->pos;
	for (n = n->first; n != NULL && alias > 1; alias--)
		n = n->next;
	return n ? n->pos : s->pos;
}

/* The sections; false when the value is not a list. */
static bool
read_sections(struct loader *l, const struct ynode *list)
{
	struct template *t = &l->f->t;
	if (!want_list(l, list, "sections"))
		return false;
	t->sections = arena_alloc(l->a,
	    (list->count + 1) * sizeof(*t->sections));
	/* The file's node of each section kept, for positions. */
	const struct ynode **nodes = arena_alloc(l->a,
	    (list->count + 1) * sizeof(*nodes));
	for (const struct ynode *s = list->first; s != NULL; s = s->next) {
		if (s->type != Y_MAPPING) {
			l->sections_dropped = true;
			ERR(l, s->pos, D_WRONG_TYPE, "sections",
			    "a list of sections, each a mapping with "
			    "\"id\" and \"heading\"");
			continue;
		}
		struct tpl_section sec;
		if (!read_section(l, s, &sec)) {
			l->sections_dropped = true;
			continue;
		}
		bool ok = true;
		for (size_t i = 0; i < t->nsections && ok; i++) {
			const struct tpl_section *o = &t->sections[i];
			if (strcmp(o->id, sec.id) == 0) {
				ERR(l, ymap_get(s, "id")->pos,
				    D_TEMPLATE_REPEATED, "section id", sec.id,
				    ymap_get(nodes[i], "id")->pos.line);
				ok = false;
			}
			if (ok && sec.from_key != NULL && o->from_key != NULL &&
			    strcmp(sec.from_key, o->from_key) == 0) {
				ERR(l, ymap_get(s, "from")->pos,
				    D_TEMPLATE_REPEATED, "section made from",
				    sec.from_key,
				    ymap_get(nodes[i], "from")->pos.line);
				ok = false;
			}
		}
		/* Every heading and alias names one section only. */
		for (size_t j = 0; j <= sec.naliases && ok; j++) {
			const char *name = j == 0 ? sec.heading :
			                            sec.aliases[j - 1];
			for (size_t k = 0; k < j && ok; k++)
				if (name_equal(name,
				        k == 0 ? sec.heading :
				                 sec.aliases[k - 1])) {
					ERR(l, name_pos(s, j),
					    D_TEMPLATE_REPEATED,
					    "section heading", name,
					    name_pos(s, k).line);
					ok = false;
				}
			for (size_t i = 0; i < t->nsections && ok; i++) {
				const struct tpl_section *o = &t->sections[i];
				for (size_t k = 0; k <= o->naliases && ok; k++)
					if (name_equal(name,
					        k == 0 ? o->heading :
					                 o->aliases[k - 1])) {
						ERR(l, name_pos(s, j),
						    D_TEMPLATE_REPEATED,
						    "section heading", name,
						    name_pos(nodes[i], k).line);
						ok = false;
					}
			}
		}
		if (!ok)
			l->sections_dropped = true;
		if (ok) {
			nodes[t->nsections] = s;
			t->sections[t->nsections++] = sec;
		}
	}
	return true;
}

static void
read_contact(struct loader *l, const struct ynode *n)
{
	struct template *t = &l->f->t;
	const char **lines;
	size_t count;
	if (n->type == Y_SCALAR && !n->null) {
		ERR(l, n->pos, D_WRONG_TYPE, "contact", "a list of lines");
		return;
	}
	if (!text_list(l, n, "contact", &lines, &count))
		return;
	for (const struct ynode *c = n->first; c != NULL; c = c->next)
		check_placeholders(l, c, c->str, contact_placeholders);
	t->contact = lines;
	t->ncontact = count;
}

/* ---- A whole template --------------------------------------------- */

/* The file name of path without folders, and its stem (no extension). */
static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static void
set_defaults(struct template *t)
{
	t->kind = KIND_REPORT;
	t->strict = true;
	t->numbering = NUMBERING_CONTINUOUS;
	t->page_width = 210 * PT_PER_MM;
	t->page_height = 297 * PT_PER_MM;
	t->margin_top = t->margin_right = t->margin_bottom = t->margin_left =
	    20 * PT_PER_MM;
	t->font = default_body;
	t->mono = default_mono;
	t->fallback = default_fallback;
	t->font_size = 12;
	t->justify = false;
	t->bullets = "\xE2\x80\xA2\xE2\x80\x93\xE2\x97\xA6"; /* •–◦ */
	t->ordered = "1ai";
	t->contact = (const char **)default_contact;
	t->ncontact = sizeof default_contact / sizeof default_contact[0];
	t->header = NULL;
	t->footer = "{page}";
	t->exempt_notice = DEFAULT_EXEMPT_NOTICE;
}

/* Reads the identity: id (checked against the file name), name, kind. */
static void
read_identity(struct loader *l, const struct ynode *root)
{
	struct template *t = &l->f->t;
	const struct ynode *n;
	int v;
	if ((n = ymap_get(root, "id")) == NULL) {
		ERR(l, root->pos, D_MISSING_KEY, "id", "");
	} else if (required_text(l, n, "id", &t->id)) {
		l->f->id_pos = n->pos;
		const char *file = base_name(l->path);
		const char *dot = strrchr(file, '.');
		size_t stem = dot ? (size_t)(dot - file) : strlen(file);
		if (!only_chars(t->id, LOWER DIGITS "-"))
			ERR(l, n->pos, D_TEMPLATE_ID, t->id);
		else if (strlen(t->id) != stem ||
		    strncmp(t->id, file, stem) != 0)
			ERR(l, n->pos, D_TEMPLATE_ID_FILE, t->id, file);
	}
	if ((n = ymap_get(root, "name")) == NULL)
		ERR(l, root->pos, D_MISSING_KEY, "name", "");
	else
		required_text(l, n, "name", &t->name);
	if ((n = ymap_get(root, "description")) != NULL)
		text_value(l, n, "description", &t->description);
	if ((n = ymap_get(root, "kind")) != NULL &&
	    enum_value(l, n, "kind", kind_names, "report or minutes", &v))
		t->kind = (enum paper_kind)v;
	/* Minutes number their items, not paragraphs. */
	if (t->kind == KIND_MINUTES)
		t->numbering = NUMBERING_NONE;
}

static void
read_body(struct loader *l, const struct ynode *root)
{
	struct template *t = &l->f->t;
	const struct ynode *n;
	int v;
	if ((n = ymap_get(root, "strict")) != NULL)
		bool_value(l, n, "strict", &t->strict);
	const struct ynode *numbering = ymap_get(root, "numbering");
	if (numbering != NULL &&
	    enum_value(l, numbering, "numbering", numbering_names,
	        "continuous, section-decimal or none", &v))
		t->numbering = (enum numbering)v;
	if ((n = ymap_get(root, "main_heading")) != NULL)
		text_value(l, n, "main_heading", &t->main_heading);

	/* A report has sections; minutes have items instead. */
	const struct ynode *sections = ymap_get(root, "sections");
	bool listed = sections != NULL && read_sections(l, sections);
	if (t->kind == KIND_REPORT && sections == NULL)
		ERR(l, root->pos, D_MISSING_KEY, "sections", "");
	else if (t->kind == KIND_REPORT && listed && sections->count == 0)
		ERR(l, sections->pos, D_EMPTY_VALUE, "sections");

	/* Numbered paragraphs need a numbered section (unless the sections
	 * could not be read: that is reported already). */
	bool numbered = false;
	for (size_t i = 0; i < t->nsections; i++)
		numbered = numbered || t->sections[i].numbered;
	bool reported = l->sections_dropped || (sections != NULL && !listed) ||
	    (t->kind == KIND_REPORT &&
	        (sections == NULL || sections->count == 0));
	if (t->numbering != NUMBERING_NONE && !numbered && !reported) {
		struct pos p = numbering ? numbering->pos :
		    sections             ? sections->pos :
		                           root->pos;
		ERR(l, p, D_TEMPLATE_NUMBERED_SECTION,
		    numbering_names[t->numbering]);
	}
}

static void
read_texts(struct loader *l, const struct ynode *root)
{
	struct template *t = &l->f->t;
	const struct ynode *n;
	if ((n = ymap_get(root, "contact")) != NULL)
		read_contact(l, n);
	if ((n = ymap_get(root, "header")) != NULL)
		template_text(l, n, "header", running_placeholders, &t->header);
	if ((n = ymap_get(root, "footer")) != NULL)
		template_text(l, n, "footer", running_placeholders, &t->footer);
	if ((n = ymap_get(root, "exempt_notice")) != NULL) {
		const char *s;
		if (required_text(l, n, "exempt_notice", &s)) {
			check_placeholders(l, n, s, exempt_placeholders);
			t->exempt_notice = s;
		}
	}
}

/* Whether the file at path holds only blanks (source_read would call it
 * an empty paper). False when it cannot be read: source_read says why. */
static bool
blank_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return false;
	int c;
	while ((c = getc(fp)) == ' ' || c == '\t' || c == '\n' || c == '\r')
		;
	bool blank = c == EOF && !ferror(fp);
	fclose(fp);
	return blank;
}

/* Reads and checks one template file. Everything lives in a; the template
 * is NULL when the file has any error (all of them are in d). */
struct template *
template_load_file(struct arena *a, struct diags *d, const char *path)
{
	size_t errors = diags_errors(d);
	struct source *src = arena_alloc(a, sizeof(*src));
	path = arena_strdup(a, path);
	if (blank_file(path)) {
		diag(d, path, pos_at(0, 0), D_NOT_MAPPING, "a template");
		return NULL;
	}
	switch (source_read(a, d, path, src)) {
	case SOURCE_OK:
		break;
	case SOURCE_BAD:
		return NULL;
	case SOURCE_SYSTEM: {
		char eb[DIAG_ERRNO_MAX];
		diag(d, path, pos_at(0, 0), D_TEMPLATE_UNREADABLE,
		    diag_errno(errno, eb, sizeof eb));
		return NULL;
	}
	}
	struct ynode *root = yaml_parse(a, d, src, true);
	if (diags_errors(d) > errors)
		return NULL;
	if (root == NULL || root->type != Y_MAPPING) {
		diag(d, path, root ? root->pos : pos_at(1, 1), D_NOT_MAPPING,
		    "a template");
		return NULL;
	}

	struct tpl_file *f = arena_alloc(a, sizeof(*f));
	const char *slash = strrchr(path, '/');
	struct loader l = {
	    .a = a,
	    .d = d,
	    .path = path,
	    .src = src,
	    .f = f,
	    .dir = slash ? arena_strndup(a, path, (size_t)(slash - path)) : ".",
	    .front_names = (const char **)front_placeholders,
	};
	struct template *t = &f->t;
	t->path = path;
	t->digests = arena_alloc(a, sizeof *t->digests);
	memset(t->digests, 0, sizeof *t->digests);
	set_defaults(t);

	check_keys(&l, root, root_keys);
	read_identity(&l, root);
	read_period(&l, root);
	const struct ynode *n;
	if ((n = ymap_get(root, "page")) != NULL)
		read_page(&l, n);
	if ((n = ymap_get(root, "fonts")) != NULL)
		read_fonts(&l, n);
	if ((n = ymap_get(root, "justify")) != NULL)
		bool_value(&l, n, "justify", &t->justify);
	if ((n = ymap_get(root, "lists")) != NULL)
		read_lists(&l, n);
	/* Keys before the front sheet: their names are placeholders. */
	if ((n = ymap_get(root, "keys")) != NULL)
		read_keys(&l, n);
	if ((n = ymap_get(root, "front_sheet")) != NULL)
		read_rows(&l, n);
	read_body(&l, root);
	read_texts(&l, root);

	if (diags_errors(d) > errors)
		return NULL;
	return t;
}

/* ---- Sets of templates -------------------------------------------- */

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
cmp_ids(const void *a, const void *b)
{
	const struct template *x = *(struct template *const *)a;
	const struct template *y = *(struct template *const *)b;
	return strcmp(x->id, y->id);
}

/* The period of t as text: "2015-01-01 to 2022-12-31", "from 2023-01-01",
 * "until 2022-12-31". */
static const char *
period_text(struct arena *a, const struct template *t)
{
	char from[11], to[11];
	date_iso(t->from, from);
	date_iso(t->to, to);
	if (t->has_from && t->has_to)
		return arena_printf(a, "%s to %s", from, to);
	if (t->has_from)
		return arena_printf(a, "from %s", from);
	return arena_printf(a, "until %s", to);
}

/* Whether the periods of x and y (each open at either end) share a day. */
static bool
overlap(const struct template *x, const struct template *y)
{
	if (x->has_to && y->has_from && date_cmp(x->to, y->from) < 0)
		return false;
	if (y->has_to && x->has_from && date_cmp(y->to, x->from) < 0)
		return false;
	return true;
}

/* Adds t to the set unless it repeats an id or overlaps the period of a
 * template of its kind already there (then it is reported and left out). */
static void
add_template(struct template_set *set, struct diags *d, struct template *t)
{
	struct tpl_file *f = (struct tpl_file *)t;
	for (size_t i = 0; i < set->count; i++) {
		const struct template *o = set->items[i];
		if (strcmp(o->id, t->id) == 0) {
			diag(d, t->path, f->id_pos, D_TEMPLATE_REPEATED,
			    "template", t->id,
			    ((const struct tpl_file *)o)->id_pos.line);
			return;
		}
		if (o->kind == t->kind && template_has_period(o) &&
		    template_has_period(t) && overlap(o, t)) {
			diag(d, t->path, f->period_pos, D_TEMPLATE_OVERLAP,
			    o->id, period_text(set->arena, o));
			return;
		}
	}
	set->items = arena_grow(set->arena, set->items, set->count,
	    set->count + 1, sizeof(*set->items));
	set->items[set->count++] = t;
}

/* Reads every *.yaml of dir in name order (so that messages and the
 * choice between clashing templates are the same on every system). */
bool
templates_load(const char *dir, struct diags *d, struct template_set *set)
{
	bool ok = false;
	char **names = NULL;
	size_t n = 0, cap = 0;
	*set = (struct template_set){0};
	DIR *dp = opendir(dir);
	if (dp == NULL)
		return false;
	struct dirent *e;
	errno = 0;
	while ((e = readdir(dp)) != NULL) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len <= 5 ||
		    strcmp(e->d_name + len - 5, ".yaml") != 0)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			names = xrealloc(names, cap * sizeof(*names));
		}
		names[n++] = xstrdup(e->d_name);
	}
	if (errno != 0) {
		int err = errno;
		closedir(dp);
		errno = err;
		goto out;
	}
	closedir(dp);
	if (n > 0)
		qsort(names, n, sizeof(*names), cmp_names);

	set->arena = arena_new();
	for (size_t i = 0; i < n; i++) {
		const char *path = arena_printf(set->arena, "%s/%s", dir,
		    names[i]);
		struct template *t = template_load_file(set->arena, d, path);
		if (t != NULL)
			add_template(set, d, t);
	}
	if (set->count > 0)
		qsort(set->items, set->count, sizeof(*set->items), cmp_ids);
	ok = true;
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return ok;
}

void
templates_free(struct template_set *set)
{
	if (set == NULL)
		return;
	arena_free(set->arena);
	*set = (struct template_set){0};
}

/* ---- The templates folder ----------------------------------------- */

const char *
template_dir(void)
{
	static char buf[PATH_MAX + 16];
	const char *env = getenv("CLERK_TEMPLATES");
	if (env != NULL && env[0] != '\0')
		return env;
	ssize_t n = readlink("/proc/self/exe", buf, PATH_MAX);
	if (n > 0) {
		buf[n] = '\0';
		char *slash = strrchr(buf, '/');
		if (slash != NULL) {
			strcpy(slash + 1, "templates");
			struct stat st;
			if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode))
				return buf;
		}
	}
	return CLERK_DATADIR "/templates";
}
