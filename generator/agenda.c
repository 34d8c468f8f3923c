/* agenda.c: an agenda read from Markdown with front matter into the model
 * of agenda.h, with every paper it links read and checked, and every
 * problem of the agenda and its papers reported in one run. */
#include "agenda.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "assets.h"
#include "jobs.h"
#include "markdown.h"
#include "model.h"
#include "paper.h"
#include "source.h"
#include "template.h"
#include "yaml.h"
#include "yvalue.h"

/* ---- Keys --------------------------------------------------------- */

enum akey {
	AK_KIND,
	AK_COMMITTEE,
	AK_DATE,
	AK_TIME,
	AK_VENUE,
	AK_MEMBERS,
	AK_ENQUIRIES,
	AK_SIGNATORY,
	AK_NOTES,
	AK__COUNT
};

static const char *const key_names[AK__COUNT + 1] = {
    [AK_KIND] = "kind",
    [AK_COMMITTEE] = "committee",
    [AK_DATE] = "date",
    [AK_TIME] = "time",
    [AK_VENUE] = "venue",
    [AK_MEMBERS] = "members",
    [AK_ENQUIRIES] = "enquiries",
    [AK_SIGNATORY] = "signatory",
    [AK_NOTES] = "notes",
    [AK__COUNT] = NULL,
};

/* Keys of papers and minutes: "not a key of an agenda" rather than
 * unknown. */
static const char *const paper_keys[] = {"template", "committees", "purpose",
    "subject", "report_of", "report_author", "public", "exempt_paragraphs",
    "reference", "contact", "appendices", "background_papers", "present",
    "officers", "in_attendance", NULL};

static const char *const enquiries_keys[] = {"name", "phone", "email", NULL};
static const char *const signatory_keys[] = {"name", "title", NULL};

/* The kinds a front matter may name; "agenda" is the last. */
static const char *const kinds[] = {"report", "minutes", "agenda", NULL};

static const char *const part_names[3] = {NULL, "Part 1 - Public Agenda",
    "Part 2 - Non-Public Agenda"};

/* ---- Detection ---------------------------------------------------- */

/* Does a "kind" value say agenda, or most likely mean it? */
static bool
kind_is_agenda(const char *s)
{
	return strcmp(s, "agenda") == 0 || closest(s, kinds) == kinds[2];
}

bool
agenda_front_is_agenda(const struct ynode *root)
{
	if (root == NULL || root->type != Y_MAPPING)
		return false;
	const struct ynode *k = ymap_get(root, "kind");
	if (k != NULL)
		return k->type == Y_SCALAR && !k->null &&
		    kind_is_agenda(k->str);
	return ymap_get(root, "members") != NULL ||
	    ymap_get(root, "enquiries") != NULL ||
	    ymap_get(root, "signatory") != NULL;
}

/* Does line s (n bytes) begin with the top-level key name ("name:")? */
static bool
line_has_key(const char *s, size_t n, const char *name)
{
	size_t k = strlen(name);
	return n > k && memcmp(s, name, k) == 0 && s[k] == ':';
}

/* The rule of agenda.h read from the lines of a front matter that is not
 * valid YAML: keys at the start of a line. */
static bool
front_lines_say_agenda(struct arena *a, const struct source *src)
{
	bool key = false;
	for (int n = src->front_line + 1; n < src->front_end_line; n++) {
		size_t len;
		const char *s = source_line(src, n, &len);
		if (line_has_key(s, len, "kind")) {
			const char *v = s + 5, *end = s + len;
			while (v < end &&
			    (*v == ' ' || *v == '\t' || *v == '"' ||
			        *v == '\''))
				v++;
			while (end > v &&
			    (end[-1] == ' ' || end[-1] == '\t' ||
			        end[-1] == '"' || end[-1] == '\''))
				end--;
			return kind_is_agenda(arena_strndup(a, v,
			    (size_t)(end - v)));
		}
		key = key || line_has_key(s, len, "members") ||
		    line_has_key(s, len, "enquiries") ||
		    line_has_key(s, len, "signatory");
	}
	return key;
}

bool
agenda_detect(const char *path)
{
	/* The front matter is at the start: 64 KiB of the file are read,
	 * not all of it (this runs on every paper an agenda links). */
	enum { HEAD = 64 * 1024 };
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return false;
	char *head = xmalloc(HEAD);
	size_t n = fread(head, 1, HEAD, fp);
	fclose(fp);
	struct arena *a = arena_new();
	struct diags *quiet = diags_new();
	struct source src;
	bool yes = false;
	if (n > 0 &&
	    source_from_memory(a, quiet, path, head, n, &src) == SOURCE_OK) {
		source_split(&src, quiet, false);
		if (src.has_front) {
			struct ynode *root = yaml_parse(a, quiet, &src, false);
			yes = root != NULL && root->type == Y_MAPPING ?
			    agenda_front_is_agenda(root) :
			    front_lines_say_agenda(a, &src);
		}
	}
	diags_free(quiet);
	arena_free(a);
	free(head);
	return yes;
}

/* ---- Front matter values ------------------------------------------ */
/* Each problem is reported at its node (as frontmatter.c does for
 * papers). */

struct fm {
	struct agenda *ag;
	struct diags *d;
	struct arena *a;
	struct yread y;            /* values read into a, messages to d */
	struct pos missing;        /* where a missing key is reported */
	bool suggested[AK__COUNT]; /* named by an unknown key's "did you
					  mean": not reported missing too */
};

/* A mapping of texts (enquiries, signatory): true when it is one with at
 * least one key; each value known is stored in out[i] for allowed[i]. */
static bool
get_mapping(struct fm *f, const struct ynode *v, const char *key,
    const char *const *allowed, const char **out)
{
	if (yv_empty(v)) {
		diag(f->d, f->ag->path, yv_pos(v), D_EMPTY_VALUE, key);
		return false;
	}
	if (v->type != Y_MAPPING) {
		diag(f->d, f->ag->path, v->pos, D_NOT_MAPPING,
		    arena_printf(f->a, "\"%s\"", key));
		return false;
	}
	if (v->count == 0) {
		diag(f->d, f->ag->path, v->pos, D_EMPTY_VALUE, key);
		return false;
	}
	yv_check_keys(&f->y, v, allowed);
	for (size_t i = 0; allowed[i] != NULL; i++) {
		const struct ynode *x = ymap_get(v, allowed[i]);
		if (x != NULL)
			out[i] = yv_text(&f->y, x, allowed[i]);
	}
	return true;
}

static void
check_email(struct fm *f, const struct ynode *m, const char *email)
{
	if (email == NULL)
		return;
	const char *at = strchr(email, '@');
	if (at == NULL || at == email || strchr(at + 1, '.') == NULL ||
	    strchr(email, ' ') != NULL)
		diag(f->d, f->ag->path, ymap_get(m, "email")->pos, D_EMAIL,
		    email);
}

/* Reports every key of root that is not an agenda's, and notes which of
 * the agenda's keys the unknown ones most likely mean. */
static void
check_root_keys(struct fm *f, const struct ynode *root)
{
	for (const struct ynode *c = root->first; c != NULL; c = c->next) {
		bool known = false;
		for (int k = 0; k < AK__COUNT && !known; k++)
			known = strcmp(c->key, key_names[k]) == 0;
		if (known)
			continue;
		bool paper = false;
		for (size_t i = 0; paper_keys[i] != NULL && !paper; i++)
			paper = strcmp(c->key, paper_keys[i]) == 0;
		if (paper) {
			diag(f->d, f->ag->path, c->key_pos, D_KEY_NOT_FOR_KIND,
			    c->key, "an agenda");
			continue;
		}
		const char *near = closest(c->key, key_names);
		for (int k = 0; near != NULL && k < AK__COUNT; k++)
			if (strcmp(key_names[k], near) == 0)
				f->suggested[k] = true;
		diag(f->d, f->ag->path, c->key_pos, D_UNKNOWN_KEY, c->key,
		    did_you_mean(f->a, c->key, key_names));
	}
}

/* Fills the agenda's details from root (NULL: empty or unparsable). */
static void
read_front(struct fm *f, const struct ynode *root)
{
	struct agenda *ag = f->ag;
	if (root != NULL && root->type != Y_MAPPING) {
		diag(f->d, ag->path, root->pos, D_NOT_MAPPING, "front matter");
		return;
	}
	if (root == NULL && !yv_front_blank(ag->src))
		return; /* the YAML's own error is enough */
	if (root != NULL)
		check_root_keys(f, root);

	const struct ynode *v = ymap_get(root, "kind");
	const char *s;
	if (v != NULL && (s = yv_text(&f->y, v, "kind")) != NULL &&
	    strcmp(s, "agenda") != 0)
		diag(f->d, ag->path, v->pos, D_BAD_ENUM, "kind", s,
		    "\"agenda\"", "");
	if ((v = ymap_get(root, "committee")) != NULL)
		ag->committee = yv_text(&f->y, v, "committee");
	if ((v = ymap_get(root, "date")) != NULL)
		ag->has_date = yv_date(&f->y, v, "date", &ag->date);
	if ((v = ymap_get(root, "time")) != NULL)
		ag->time = yv_text(&f->y, v, "time");
	if ((v = ymap_get(root, "venue")) != NULL)
		ag->venue = yv_text(&f->y, v, "venue");
	if ((v = ymap_get(root, "members")) != NULL)
		ag->members = yv_list(&f->y, v, "members", false, true,
		    &ag->nmembers, NULL);
	if ((v = ymap_get(root, "enquiries")) != NULL) {
		const char *out[3] = {NULL, NULL, NULL};
		ag->has_enquiries = get_mapping(f, v, "enquiries",
		    enquiries_keys, out);
		ag->enquiries = (struct agenda_enquiries){out[0], out[1],
		    out[2]};
		if (ag->has_enquiries)
			check_email(f, v, out[2]);
	}
	if ((v = ymap_get(root, "signatory")) != NULL) {
		const char *out[2] = {NULL, NULL};
		ag->has_signatory = get_mapping(f, v, "signatory",
		    signatory_keys, out);
		ag->signatory = (struct agenda_signatory){out[0], out[1]};
	}
	if ((v = ymap_get(root, "notes")) != NULL)
		ag->notes = yv_list(&f->y, v, "notes", true, false, &ag->nnotes,
		    NULL);

	static const enum akey required[] = {AK_COMMITTEE, AK_DATE, AK_TIME,
	    AK_VENUE, AK_MEMBERS};
	for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
		enum akey k = required[i];
		if (ymap_get(root, key_names[k]) == NULL && !f->suggested[k])
			diag(f->d, ag->path, f->missing, D_MISSING_KEY,
			    key_names[k], "");
	}
}

/* ---- The body ----------------------------------------------------- */

/* A paper linked so far, to find it linked again. */
struct seen {
	dev_t dev;
	ino_t ino;
	const char *number; /* the item that links it */
};

struct reader {
	struct agenda *ag;
	struct arena *a;
	struct diags *d;  /* the agenda's messages */
	struct diags *pd; /* the papers', moved to d at the end so that
				  the agenda's come first */
	const struct template_set *set;
	int part;             /* the part being read: 1 or 2 */
	size_t part_items[3]; /* top-level items read in each part */
	size_t cap;           /* room in ag->items */
	struct seen *seen;    /* papers linked, in the arena */
	size_t nseen, seen_cap;
	bool missing_ok; /* no paper need exist (agenda_read_jobs) */
};

static bool
ends_with_md(const char *s)
{
	size_t n = strlen(s);
	return n > 3 && s[n - 3] == '.' &&
	    tolower((unsigned char)s[n - 2]) == 'm' &&
	    tolower((unsigned char)s[n - 1]) == 'd';
}

/* The byte offset in src's text of position p; false when p is not in
 * the text. */
static bool
offset_of(const struct source *src, struct pos p, size_t *off)
{
	if (p.line < 1 || (size_t)p.line > src->nlines || p.col < 1)
		return false;
	size_t len, i = 0;
	const char *line = source_line(src, p.line, &len);
	for (int col = 1; col < p.col && i < len; col++) {
		i++;
		while (i < len && ((unsigned char)line[i] & 0xC0) == 0x80)
			i++;
	}
	*off = (size_t)(line - src->text) + i;
	return true;
}

/* The body's blocks, with the Markdown reader's messages. */
static struct node *
parse_body(struct reader *r)
{
	struct agenda *ag = r->ag;
	struct paper doc = {.arena = r->a,
	    .path = ag->path,
	    .dir = ag->dir,
	    .src = ag->src};
	return markdown_parse(&doc, r->d, ag->src);
}

/* Are the first n bytes of a and b equal, ASCII case folded? */
static bool
ci_equal_n(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)a[i]) !=
		    tolower((unsigned char)b[i]))
			return false;
	return true;
}

/* Does s contain word, ASCII case folded? */
static bool
ci_contains(const char *s, const char *word)
{
	size_t n = strlen(word);
	for (; *s; s++)
		if (ci_equal_n(s, word, n))
			return true;
	return false;
}

/* 1 or 2 when a heading's text names a part ("Part 1 - Public Agenda",
 * "PART II", "part 2: non-public"), else 0. */
static int
part_of(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	if (!ci_equal_n(s, "part", 4))
		return 0;
	s += 4;
	while (*s == ' ' || *s == '\t')
		s++;
	const char *t = s;
	while (isalnum((unsigned char)*s))
		s++;
	size_t n = (size_t)(s - t);
	static const struct {
		const char *word;
		int part;
	} words[] = {{"1", 1}, {"i", 1}, {"one", 1}, {"2", 2}, {"ii", 2},
	    {"two", 2}};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i].word) == n &&
		    ci_equal_n(t, words[i].word, n))
			return words[i].part;
	return 0;
}

/* " (did you mean ...?)" for a heading that names no part. */
static const char *
part_suggestion(struct arena *a, const char *text)
{
	if (ci_contains(text, "non-public") ||
	    ci_contains(text, "non public") || ci_contains(text, "nonpublic") ||
	    ci_contains(text, "exempt") || ci_contains(text, "confidential"))
		return arena_printf(a, " (did you mean \"%s\"?)",
		    part_names[2]);
	if (ci_contains(text, "public"))
		return arena_printf(a, " (did you mean \"%s\"?)",
		    part_names[1]);
	static const char *const names[] = {"Part 1 - Public Agenda",
	    "Part 2 - Non-Public Agenda", NULL};
	return did_you_mean(a, text, names);
}

/* A heading among the top-level blocks: a part begins, or an error. */
static void
read_heading(struct reader *r, const struct node *n)
{
	struct agenda *ag = r->ag;
	const char *text = text_trim(r->a,
	    text_plain_spaces(r->a, node_text(r->a, n)));
	if (*text == '\0')
		return; /* D_EMPTY_HEADING is reported */
	int k = part_of(text);
	if (k == 0) {
		diag(r->d, ag->path, n->pos, D_AGENDA_HEADING, text,
		    part_suggestion(r->a, text));
		return;
	}
	if (ag->part_heading[k] != NULL) {
		diag(r->d, ag->path, n->pos, D_AGENDA_PART_TWICE, text,
		    ag->part_pos[k].line);
		return;
	}
	if (k == 1 && ag->part_heading[2] != NULL)
		diag(r->d, ag->path, n->pos, D_AGENDA_PART_ORDER, text,
		    arena_printf(r->a, "\"%s\" (line %d)", ag->part_heading[2],
		        ag->part_pos[2].line));
	else if (k == 1 && r->part_items[1] > 0)
		diag(r->d, ag->path, n->pos, D_AGENDA_PART_ORDER, text,
		    arena_printf(r->a, "the first item (line %d)",
		        ag->items[0].pos.line));
	ag->part_heading[k] = text;
	ag->part_pos[k] = n->pos;
	if (k == 2)
		r->part = 2;
}

/* The number the author typed before the list item at pos ("6." or
 * "6)"), read from the source, as CommonMark keeps only a list's first
 * number; fallback when no digits stand there. */
static long
typed_number(const struct source *src, struct pos pos, long fallback)
{
	size_t off, i = 0;
	if (!offset_of(src, pos, &off))
		return fallback;
	const char *s = src->text + off;
	size_t len = src->len - off;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	long v = 0;
	size_t digits = 0;
	while (i < len && s[i] >= '0' && s[i] <= '9' && digits < 9) {
		v = v * 10 + (s[i++] - '0');
		digits++;
	}
	return digits > 0 && i < len && (s[i] == '.' || s[i] == ')') ? v :
	                                                               fallback;
}

/* "a" ... "z", "aa", "ab" ... for sub-item k (0-based). */
static const char *
letters(struct arena *a, size_t k)
{
	char buf[16];
	size_t n = sizeof buf - 1;
	buf[n] = '\0';
	do {
		buf[--n] = (char)('a' + k % 26);
		k = k / 26;
	} while (k-- > 0 && n > 0);
	return arena_strdup(a, buf + n);
}

/* Has the paper at path (stat'ed as st) been linked already? Returns the
 * item that links it, else notes it as linked from number. */
static const char *
linked_before(struct reader *r, const struct stat *st, const char *number)
{
	for (size_t i = 0; i < r->nseen; i++)
		if (r->seen[i].dev == st->st_dev &&
		    r->seen[i].ino == st->st_ino)
			return r->seen[i].number;
	if (r->nseen == r->seen_cap) {
		size_t cap = r->seen_cap ? 2 * r->seen_cap : 16;
		r->seen = arena_grow(r->a, r->seen, r->nseen, cap,
		    sizeof(*r->seen));
		r->seen_cap = cap;
	}
	r->seen[r->nseen++] = (struct seen){st->st_dev, st->st_ino, number};
	return NULL;
}

/* Resolves the item's link, reads the paper it names (its messages to
 * r->pd) and applies the rules of the parts. */
static void
read_paper(struct reader *r, struct agenda_item *it)
{
	struct agenda *ag = r->ag;
	const char *path;
	enum asset_status s = asset_resolve(r->a, ag->dir, it->link, &path);
	if (s == ASSET_REMOTE) {
		diag(r->d, ag->path, it->link_pos, D_AGENDA_NOT_PAPER,
		    it->link);
		return;
	}
	if (s == ASSET_MISSING && (it->to_follow || r->missing_ok)) {
		/* not written yet: listed, and its title is the link's */
		it->missing = true;
		if (it->title == NULL)
			diag(r->d, ag->path, it->link_pos,
			    D_AGENDA_MISSING_TITLE, it->link, it->link);
		return;
	}
	if (s != ASSET_OK) {
		asset_report(r->a, r->d, ag->path, it->link_pos, s, ag->dir,
		    it->link);
		return;
	}
	it->paper_path = path;
	struct stat st;
	const char *first;
	if (stat(path, &st) == 0 &&
	    (first = linked_before(r, &st, it->number)) != NULL) {
		diag(r->d, ag->path, it->link_pos, D_AGENDA_PAPER_TWICE,
		    it->link, first);
		return;
	}
	it->to_read = true; /* read with the others, after the body */
}

/* The papers of the agenda, read on up to njobs threads, each into its own
 * messages. */
struct reading {
	struct agenda_item **items;
	struct diags **d;
	bool *system_error;
	int *err;
	const struct template_set *set;
};

static void
read_one(void *ctx, size_t i, size_t worker)
{
	struct reading *rd = ctx;
	(void)worker;
	struct agenda_item *it = rd->items[i];
	rd->d[i] = diags_new();
	it->paper = paper_read(it->paper_path, rd->set, rd->d[i],
	    &rd->system_error[i]);
	rd->err[i] = errno;
}

static size_t
count_to_read(const struct agenda_item *items, size_t n,
    struct agenda_item **out, size_t k)
{
	for (size_t i = 0; i < n; i++) {
		if (items[i].to_read) {
			if (out != NULL)
				out[k] = (struct agenda_item *)&items[i];
			k++;
		}
		k = count_to_read(items[i].subitems, items[i].nsubitems, out,
		    k);
	}
	return k;
}

/* A report (read without errors) goes to this meeting: one of its
 * committees is the agenda's, on the agenda's date; else a warning at the
 * item saying what differs (the committee, the date, or both, as the
 * paper's committee nearest the agenda's gives them). Minutes are of an
 * earlier meeting, often of another body, and are not compared. */
static void
check_meeting(struct reader *r, const struct agenda_item *it)
{
	const struct agenda *ag = r->ag;
	const struct meta *m = &it->paper->meta;
	if (m->kind == KIND_MINUTES || ag->committee == NULL || !ag->has_date ||
	    m->ncommittees == 0)
		return;
	const struct committee *same_name = NULL, *same_date = NULL;
	for (size_t i = 0; i < m->ncommittees; i++) {
		const struct committee *c = &m->committees[i];
		bool name = c->name != NULL &&
		    name_equal(c->name, ag->committee);
		bool date = date_cmp(c->date, ag->date) == 0;
		if (name && date)
			return;
		if (name && same_name == NULL)
			same_name = c;
		if (date && same_date == NULL)
			same_date = c;
	}
	char want[32], have[32];
	date_long(ag->date, want);
	if (same_name != NULL) {
		date_long(same_name->date, have);
		diag(r->d, ag->path, it->pos, D_AGENDA_PAPER_DATE, it->link,
		    have, want);
	} else if (same_date != NULL) {
		diag(r->d, ag->path, it->pos, D_AGENDA_PAPER_COMMITTEE,
		    it->link, same_date->name, ag->committee);
	} else {
		const struct committee *c = &m->committees[0];
		date_long(c->date, have);
		diag(r->d, ag->path, it->pos, D_AGENDA_PAPER_MEETING, it->link,
		    c->name, have, ag->committee, want);
	}
}

/* Reads every paper the body linked, in agenda order for the messages
 * (each paper's to r->pd), and applies the rules of the parts. */
static void
read_papers(struct reader *r, size_t njobs)
{
	struct agenda *ag = r->ag;
	size_t n = count_to_read(ag->items, ag->nitems, NULL, 0);
	if (n == 0)
		return;
	struct reading rd = {.set = r->set};
	rd.items = arena_alloc(r->a, n * sizeof *rd.items);
	rd.d = arena_alloc(r->a, n * sizeof *rd.d);
	rd.system_error = arena_alloc(r->a, n * sizeof *rd.system_error);
	rd.err = arena_alloc(r->a, n * sizeof *rd.err);
	count_to_read(ag->items, ag->nitems, rd.items, 0);
	jobs_run(n, njobs, read_one, NULL, &rd);
	for (size_t i = 0; i < n; i++) {
		struct agenda_item *it = rd.items[i];
		/* An agenda linked as a paper: said so, rather than every key
		 * it has that papers do not. Only a file read with errors can
		 * be one, so only those are looked at again. */
		if (!rd.system_error[i] && diags_errors(rd.d[i]) > 0 &&
		    agenda_detect(it->paper_path)) {
			diags_free(rd.d[i]);
			paper_free(it->paper);
			it->paper = NULL;
			diag(r->d, ag->path, it->link_pos,
			    D_AGENDA_PAPER_IS_AGENDA, it->link);
			continue;
		}
		bool paper_ok = diags_errors(rd.d[i]) == 0;
		diags_move(r->pd, rd.d[i]);
		diags_free(rd.d[i]);
		if (rd.system_error[i]) {
			char eb[DIAG_ERRNO_MAX];
			diag(r->d, ag->path, it->link_pos,
			    D_AGENDA_PAPER_UNREADABLE, it->link,
			    diag_errno(rd.err[i], eb, sizeof eb));
			continue;
		}
		if (it->paper == NULL)
			continue; /* not text: its own message says so */
		const struct meta *m = &it->paper->meta;
		if (!m->public && it->part == 1)
			diag(r->d, ag->path, it->pos,
			    D_AGENDA_NONPUBLIC_IN_PART1, it->link);
		else if (m->public && it->part == 2 && m->kind != KIND_MINUTES)
			diag(r->d, ag->path, it->pos, D_AGENDA_PUBLIC_IN_PART2,
			    it->link);
		if (paper_ok)
			check_meeting(r, it);
	}
}

/* An image in an agenda's text: found beside the agenda, a PNG or JPEG
 * that clerk can draw, with a description, as in papers. */
static void
check_image(struct reader *r, struct node *img)
{
	asset_check_image(r->a, r->d, r->ag->path, r->ag->dir, img);
}

/* The links of an item's title: the paper (read), or errors. Returns
 * whether the title has a link, good or bad. */
static bool
title_links(struct reader *r, struct agenda_item *it)
{
	bool any = false;
	struct node *t = it->title_para;
	for (struct node *n = t; n != NULL; n = node_walk_next(n, t)) {
		any = any || n->type == N_LINK || n->type == N_XREF;
		if (n->type == N_IMAGE) {
			check_image(r, n);
		} else if (n->type == N_XREF) {
			diag(r->d, r->ag->path, n->pos, D_AGENDA_NOT_PAPER,
			    arena_printf(r->a, "#%s", n->u.xref.label));
		} else if (n->type == N_LINK && *n->u.link.url != '\0') {
			const char *url = n->u.link.url;
			if (!ends_with_md(url))
				diag(r->d, r->ag->path, n->pos,
				    D_AGENDA_NOT_PAPER, url);
			else if (it->link != NULL)
				diag(r->d, r->ag->path, n->pos,
				    D_AGENDA_TWO_PAPERS, it->number, url);
			else {
				it->link = url;
				it->link_pos = n->pos;
				read_paper(r, it);
			}
		}
	}
	return any;
}

/* Is c a blank of a title (space, tab, newline)? */
static bool
blank_char(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Does title t end with the mark of a late item, "(TO FOLLOW)" (any case,
 * blanks inside the brackets allowed)? Then *rest is t without it,
 * trimmed, or NULL when nothing else is left. */
static bool
ends_to_follow(struct arena *a, const char *t, const char **rest)
{
	const char *e = t + strlen(t);
	while (e > t && blank_char(e[-1]))
		e--;
	if (e == t || *--e != ')')
		return false;
	while (e > t && blank_char(e[-1]))
		e--;
	if (e - t < 6 || !ci_equal_n(e - 6, "follow", 6))
		return false;
	e -= 6;
	const char *w = e;
	while (e > t && blank_char(e[-1]))
		e--;
	if (e == w || e - t < 2 || !ci_equal_n(e - 2, "to", 2))
		return false;
	e -= 2;
	while (e > t && blank_char(e[-1]))
		e--;
	if (e == t || *--e != '(')
		return false;
	const char *r = text_trim(a, arena_strndup(a, t, (size_t)(e - t)));
	*rest = *r != '\0' ? r : NULL;
	return true;
}

/* The links of an item's description: papers belong in the title. */
static void
description_links(struct reader *r, struct agenda_item *it)
{
	for (struct node *b = it->description; b != NULL; b = b->next)
		for (struct node *n = b; n != NULL; n = node_walk_next(n, b)) {
			if (n->type == N_IMAGE)
				check_image(r, n);
			else if (n->type == N_LINK &&
			    ends_with_md(n->u.link.url) &&
			    strstr(n->u.link.url, "://") == NULL)
				diag(r->d, r->ag->path, n->pos,
				    D_AGENDA_LINK_IN_DESCRIPTION, n->u.link.url,
				    it->number);
		}
}

static void read_item(struct reader *r, struct node *li, struct agenda_item *it,
    const char *number, bool sub);

/* The sub-items of an item, from its numbered list. */
static void
read_subitems(struct reader *r, struct node *list, struct agenda_item *it)
{
	size_t n = 0;
	for (struct node *li = list->first; li != NULL; li = li->next)
		n++;
	it->subitems = arena_alloc(r->a, (n ? n : 1) * sizeof(*it->subitems));
	for (struct node *li = list->first; li != NULL; li = li->next) {
		struct agenda_item *s = &it->subitems[it->nsubitems];
		read_item(r, li, s,
		    arena_printf(r->a, "%s%s", it->number,
		        letters(r->a, it->nsubitems)),
		    true);
		it->nsubitems++;
	}
}

/* One item (or, when sub, a sub-item) from its list entry li. */
static void
read_item(struct reader *r, struct node *li, struct agenda_item *it,
    const char *number, bool sub)
{
	it->number = number;
	it->part = r->part;
	it->pos = li->pos;
	if (li->first != NULL && li->first->type == N_PARAGRAPH) {
		it->title_para = li->first;
		node_remove(it->title_para);
		const char *t = text_trim(r->a,
		    node_text(r->a, it->title_para));
		it->title = *t ? t : NULL;
		if (it->title != NULL)
			it->to_follow = ends_to_follow(r->a, it->title,
			    &it->title);
		it->exclusion = it->title != NULL &&
		    ci_equal_n(it->title, "exclusion of the public", 23);
	}
	struct node *sublist = NULL;
	for (struct node *n = li->first, *next; n != NULL; n = next) {
		next = n->next;
		if (n->type == N_SUBHEADING) {
			diag(r->d, r->ag->path, n->pos,
			    D_AGENDA_HEADING_IN_ITEM, number);
			node_remove(n);
		} else if (n->type == N_LIST && n->u.list.ordered) {
			node_remove(n);
			if (sub) {
				diag(r->d, r->ag->path, n->pos,
				    D_AGENDA_TOO_DEEP, number);
			} else if (sublist != NULL) {
				diag(r->d, r->ag->path, n->pos,
				    D_AGENDA_SECOND_LIST,
				    arena_printf(r->a, "item %s", number));
			} else {
				sublist = n;
			}
		}
	}
	it->description = li->first;
	bool linked = it->title_para != NULL && title_links(r, it);
	if (it->title == NULL && !linked)
		diag(r->d, r->ag->path, it->pos, D_AGENDA_NO_TITLE, number);
	if (it->to_follow && !linked)
		diag(r->d, r->ag->path, it->pos, D_AGENDA_FOLLOW_NO_PAPER,
		    number);
	description_links(r, it);
	if (sublist != NULL)
		read_subitems(r, sublist, it);
}

/* A numbered list of items at the top of the body. */
static void
read_list(struct reader *r, struct node *list)
{
	struct agenda *ag = r->ag;
	long typed = list->u.list.start;
	for (struct node *li = list->first; li != NULL;
	     li = li->next, typed++) {
		if (ag->nitems == r->cap) {
			size_t cap = r->cap ? 2 * r->cap : 16;
			ag->items = arena_grow(r->a, ag->items, ag->nitems, cap,
			    sizeof(*ag->items));
			r->cap = cap;
		}
		struct agenda_item *it = &ag->items[ag->nitems++];
		const char *number = arena_printf(r->a, "%zu", ag->nitems);
		long written = typed_number(ag->src, li->pos, typed);
		if (written != (long)ag->nitems)
			diag(r->d, ag->path, li->pos, D_AGENDA_TYPED_NUMBER,
			    (int)written, number);
		r->part_items[r->part]++;
		read_item(r, li, it, number, false);
	}
}

/* The top-level blocks: part headings and the lists of items. */
static void
read_body(struct reader *r, struct node *blocks)
{
	struct agenda *ag = r->ag;
	bool after_list = false;    /* the block before was a list of items */
	bool text_reported = false; /* in this run of stray blocks */
	for (struct node *n = blocks; n != NULL; n = n->next) {
		bool list = false;
		if (n->type == N_SUBHEADING) {
			read_heading(r, n);
			text_reported = false;
		} else if (n->type == N_LIST && !n->u.list.ordered) {
			diag(r->d, ag->path, n->pos, D_AGENDA_BULLETS);
		} else if (n->type == N_LIST) {
			if (after_list)
				diag(r->d, ag->path, n->pos,
				    D_AGENDA_SECOND_LIST,
				    arena_printf(r->a, "Part %d", r->part));
			read_list(r, n);
			list = true;
			text_reported = false;
		} else if (!text_reported) {
			diag(r->d, ag->path, n->pos, D_AGENDA_TEXT);
			text_reported = true;
		}
		after_list = list;
	}
	if (ag->nitems == 0) {
		struct pos p = {0, 0};
		if (blocks != NULL)
			p = blocks->pos;
		else if (ag->src->body_line <= (int)ag->src->nlines)
			p = (struct pos){ag->src->body_line, 1};
		diag(r->d, ag->path, p, D_AGENDA_NO_ITEMS);
		return;
	}
	for (int k = 1; k <= 2; k++)
		if (ag->part_heading[k] != NULL && r->part_items[k] == 0)
			diag(r->d, ag->path, ag->part_pos[k],
			    D_AGENDA_PART_EMPTY, ag->part_heading[k]);
}

/* ---- Reading and freeing ------------------------------------------ */

struct agenda *
agenda_read(const char *path, const struct template_set *set, struct diags *d,
    bool *system_error)
{
	return agenda_read_jobs(path, set, 1, false, d, system_error);
}

struct agenda *
agenda_read_jobs(const char *path, const struct template_set *set, size_t njobs,
    bool missing_ok, struct diags *d, bool *system_error)
{
	struct arena *a;
	struct source *src = source_load(path, d, &a, system_error);
	if (src == NULL)
		return NULL;
	struct agenda *ag = arena_alloc(a, sizeof(*ag));
	ag->arena = a;
	ag->path = src->path;
	ag->dir = source_dir(a, ag->path);
	ag->src = src;

	if (ag->src->has_front) {
		struct fm f = {.ag = ag,
		    .d = d,
		    .a = a,
		    .y = {a, d, ag->path},
		    .missing = {ag->src->front_end_line, 1}};
		struct ynode *root = yaml_parse(a, d, ag->src, false);
		read_front(&f, root);
		if (root != NULL)
			yv_placeholders(&f.y, root);
	}
	if (ag->src->front_unclosed)
		return ag; /* where the body begins is unknown */

	struct reader r = {.ag = ag,
	    .a = a,
	    .d = d,
	    .pd = diags_new(),
	    .set = set,
	    .part = 1,
	    .missing_ok = missing_ok};
	read_body(&r, parse_body(&r));
	read_papers(&r, njobs);
	diags_move(d, r.pd);
	diags_free(r.pd);
	return ag;
}

static void
free_items(struct agenda_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		paper_free(items[i].paper);
		free_items(items[i].subitems, items[i].nsubitems);
	}
}

void
agenda_free(struct agenda *a)
{
	if (a == NULL)
		return;
	free_items(a->items, a->nitems);
	arena_free(a->arena);
}

/* ---- Dump --------------------------------------------------------- */

static void
quote(FILE *fp, const char *s)
{
	if (s == NULL) {
		fputs("-", fp);
		return;
	}
	fputc('"', fp);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', fp);
		if (*s == '\n')
			fputs("\\n", fp);
		else
			fputc(*s, fp);
	}
	fputc('"', fp);
}

static void
dump_item(FILE *fp, const struct agenda *a, const struct agenda_item *it,
    int depth)
{
	fprintf(fp, "%*sitem %s part=%d title=", 2 * depth, "", it->number,
	    it->part);
	quote(fp, it->title);
	if (it->exclusion)
		fputs(" exclusion", fp);
	if (it->to_follow)
		fputs(" to-follow", fp);
	fputc('\n', fp);
	if (it->link != NULL) {
		fprintf(fp, "%*s  paper ", 2 * depth, "");
		quote(fp, it->paper_path ? it->paper_path : it->link);
		if (it->missing)
			fputs(" missing", fp);
		const struct paper *p = it->paper;
		if (p != NULL) {
			fprintf(fp, " %s %s", kind_name(p->meta.kind),
			    p->meta.public ? "public" : "non-public");
			for (size_t i = 0; i < p->meta.nexempt; i++)
				fprintf(fp, "%s%d",
				    i ? "," : " exempt=", p->meta.exempt[i]);
			if (paper_purpose(p) != PURPOSE_NONE)
				fprintf(fp, " %s",
				    purpose_name(paper_purpose(p)));
			fputs(" shown=", fp);
			quote(fp, agenda_item_title(it));
		}
		fputc('\n', fp);
	}
	for (const struct node *b = it->description; b != NULL; b = b->next) {
		fprintf(fp, "%*s  %s ", 2 * depth, "", node_type_name(b->type));
		quote(fp, node_text(a->arena, b));
		fputc('\n', fp);
	}
	for (size_t i = 0; i < it->nsubitems; i++)
		dump_item(fp, a, &it->subitems[i], depth + 1);
}

void
agenda_dump(FILE *fp, const struct agenda *a)
{
	fputs("agenda ", fp);
	quote(fp, a->path);
	fputs("\ncommittee ", fp);
	quote(fp, a->committee);
	char iso[11] = "-";
	if (a->has_date)
		date_iso(a->date, iso);
	fprintf(fp, "\ndate %s\ntime ", iso);
	quote(fp, a->time);
	fputs("\nvenue ", fp);
	quote(fp, a->venue);
	fputc('\n', fp);
	for (size_t i = 0; i < a->nmembers; i++) {
		fputs("member ", fp);
		quote(fp, a->members[i]);
		fputc('\n', fp);
	}
	if (a->has_enquiries) {
		fputs("enquiries ", fp);
		quote(fp, a->enquiries.name);
		fputc(' ', fp);
		quote(fp, a->enquiries.phone);
		fputc(' ', fp);
		quote(fp, a->enquiries.email);
		fputc('\n', fp);
	}
	if (a->has_signatory) {
		fputs("signatory ", fp);
		quote(fp, a->signatory.name);
		fputc(' ', fp);
		quote(fp, a->signatory.title);
		fputc('\n', fp);
	}
	for (size_t i = 0; i < a->nnotes; i++) {
		fputs("note ", fp);
		quote(fp, a->notes[i]);
		fputc('\n', fp);
	}
	int part = 0;
	for (size_t i = 0; i < a->nitems; i++) {
		const struct agenda_item *it = &a->items[i];
		if (it->part != part) {
			part = it->part;
			fprintf(fp, "part %d ", part);
			quote(fp, a->part_heading[part]);
			fputc('\n', fp);
		}
		dump_item(fp, a, it, 1);
	}
}
