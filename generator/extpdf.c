/* extpdf.c: PDF files included as they are, read with libqpdf's C API
 * and made forms (extpdf.h). Every qpdf_data made here is silenced
 * (errors are asked for with qpdf_has_error, never printed) and cleaned
 * up before return; object handles live as long as their qpdf_data. */
#include <qpdf/qpdf-c.h>

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "arena.h"
#include "extpdf.h"

/* libqpdf is loaded when the first PDF file is read (dlopen), not when
 * clerk starts: it and the libraries it needs (a C++ runtime, TLS,
 * crypto) take 5 MB and several milliseconds to load, which every run
 * without a PDF appendix would pay. Each function is called through a
 * pointer of its own declared type; the names below stand for them, so
 * the code reads as plain libqpdf. */
#define QPDF_FUNCS(X) \
	X(qpdf_cleanup) \
	X(qpdf_find_page_by_oh) \
	X(qpdf_get_error) \
	X(qpdf_get_error_code) \
	X(qpdf_get_error_file_position) \
	X(qpdf_get_error_message_detail) \
	X(qpdf_get_num_pages) \
	X(qpdf_get_page_n) \
	X(qpdf_get_root) \
	X(qpdf_has_error) \
	X(qpdf_init) \
	X(qpdf_is_encrypted) \
	X(qpdf_more_warnings) \
	X(qpdf_next_warning) \
	X(qpdf_oh_begin_dict_key_iter) \
	X(qpdf_oh_dict_more_keys) \
	X(qpdf_oh_dict_next_key) \
	X(qpdf_oh_get_array_item) \
	X(qpdf_oh_get_array_n_items) \
	X(qpdf_oh_get_bool_value) \
	X(qpdf_oh_get_dict) \
	X(qpdf_oh_get_int_value) \
	X(qpdf_oh_get_key) \
	X(qpdf_oh_get_name) \
	X(qpdf_oh_get_numeric_value) \
	X(qpdf_oh_get_object_id) \
	X(qpdf_oh_get_page_content_data) \
	X(qpdf_oh_get_stream_data) \
	X(qpdf_oh_get_utf8_value) \
	X(qpdf_oh_get_value_as_string) \
	X(qpdf_oh_has_key) \
	X(qpdf_oh_is_array) \
	X(qpdf_oh_is_bool) \
	X(qpdf_oh_is_dictionary) \
	X(qpdf_oh_is_indirect) \
	X(qpdf_oh_is_integer) \
	X(qpdf_oh_is_name) \
	X(qpdf_oh_is_name_and_equals) \
	X(qpdf_oh_is_null) \
	X(qpdf_oh_is_real) \
	X(qpdf_oh_is_scalar) \
	X(qpdf_oh_is_stream) \
	X(qpdf_oh_is_string) \
	X(qpdf_oh_new_null) \
	X(qpdf_oh_unparse) \
	X(qpdf_push_inherited_attributes_to_page) \
	X(qpdf_read_memory) \
	X(qpdf_set_attempt_recovery) \
	X(qpdf_set_suppress_warnings) \
	X(qpdf_silence_errors)

#define X(f) static __typeof__(f) *p_##f;
QPDF_FUNCS(X)
#undef X

_Static_assert(sizeof CLERK_QPDF_SONAME > 1,
    "the Makefile names libqpdf's library (CLERK_QPDF_SONAME)");

static bool loaded;          /* every function was found */
static char load_error[200]; /* why not, when not */

static void
load_qpdf(void)
{
	void *h = dlopen(CLERK_QPDF_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		const char *e = dlerror();
		snprintf(load_error, sizeof load_error, "%s",
		    e != NULL ? e : CLERK_QPDF_SONAME " cannot be loaded");
		return;
	}
	bool ok = true;
#define X(f) \
	if (ok && (*(void **)&p_##f = dlsym(h, #f)) == NULL) { \
		snprintf(load_error, sizeof load_error, \
		    CLERK_QPDF_SONAME " has no %s", #f); \
		ok = false; \
	}
	QPDF_FUNCS(X)
#undef X
	loaded = ok;
}

/* Whether libqpdf is loaded (loading it the first time, once for every
 * thread); when not, why says why. */
static bool
qpdf_ready(char *why, size_t whylen)
{
	static once_flag once = ONCE_FLAG_INIT;
	call_once(&once, load_qpdf);
	if (!loaded)
		snprintf(why, whylen, "%s", load_error);
	return loaded;
}

#define qpdf_cleanup                  (*p_qpdf_cleanup)
#define qpdf_find_page_by_oh          (*p_qpdf_find_page_by_oh)
#define qpdf_get_error                (*p_qpdf_get_error)
#define qpdf_get_error_code           (*p_qpdf_get_error_code)
#define qpdf_get_error_file_position  (*p_qpdf_get_error_file_position)
#define qpdf_get_error_message_detail (*p_qpdf_get_error_message_detail)
#define qpdf_get_num_pages            (*p_qpdf_get_num_pages)
#define qpdf_get_page_n               (*p_qpdf_get_page_n)
#define qpdf_get_root                 (*p_qpdf_get_root)
#define qpdf_has_error                (*p_qpdf_has_error)
#define qpdf_init                     (*p_qpdf_init)
#define qpdf_is_encrypted             (*p_qpdf_is_encrypted)
#define qpdf_more_warnings            (*p_qpdf_more_warnings)
#define qpdf_next_warning             (*p_qpdf_next_warning)
#define qpdf_oh_begin_dict_key_iter   (*p_qpdf_oh_begin_dict_key_iter)
#define qpdf_oh_dict_more_keys        (*p_qpdf_oh_dict_more_keys)
#define qpdf_oh_dict_next_key         (*p_qpdf_oh_dict_next_key)
#define qpdf_oh_get_array_item        (*p_qpdf_oh_get_array_item)
#define qpdf_oh_get_array_n_items     (*p_qpdf_oh_get_array_n_items)
#define qpdf_oh_get_bool_value        (*p_qpdf_oh_get_bool_value)
#define qpdf_oh_get_dict              (*p_qpdf_oh_get_dict)
#define qpdf_oh_get_int_value         (*p_qpdf_oh_get_int_value)
#define qpdf_oh_get_key               (*p_qpdf_oh_get_key)
#define qpdf_oh_get_name              (*p_qpdf_oh_get_name)
#define qpdf_oh_get_numeric_value     (*p_qpdf_oh_get_numeric_value)
#define qpdf_oh_get_object_id         (*p_qpdf_oh_get_object_id)
#define qpdf_oh_get_page_content_data (*p_qpdf_oh_get_page_content_data)
#define qpdf_oh_get_stream_data       (*p_qpdf_oh_get_stream_data)
#define qpdf_oh_get_utf8_value        (*p_qpdf_oh_get_utf8_value)
#define qpdf_oh_get_value_as_string   (*p_qpdf_oh_get_value_as_string)
#define qpdf_oh_has_key               (*p_qpdf_oh_has_key)
#define qpdf_oh_is_array              (*p_qpdf_oh_is_array)
#define qpdf_oh_is_bool               (*p_qpdf_oh_is_bool)
#define qpdf_oh_is_dictionary         (*p_qpdf_oh_is_dictionary)
#define qpdf_oh_is_indirect           (*p_qpdf_oh_is_indirect)
#define qpdf_oh_is_integer            (*p_qpdf_oh_is_integer)
#define qpdf_oh_is_name               (*p_qpdf_oh_is_name)
#define qpdf_oh_is_name_and_equals    (*p_qpdf_oh_is_name_and_equals)
#define qpdf_oh_is_null               (*p_qpdf_oh_is_null)
#define qpdf_oh_is_real               (*p_qpdf_oh_is_real)
#define qpdf_oh_is_scalar             (*p_qpdf_oh_is_scalar)
#define qpdf_oh_is_stream             (*p_qpdf_oh_is_stream)
#define qpdf_oh_is_string             (*p_qpdf_oh_is_string)
#define qpdf_oh_new_null              (*p_qpdf_oh_new_null)
#define qpdf_oh_unparse               (*p_qpdf_oh_unparse)
#define qpdf_push_inherited_attributes_to_page \
	(*p_qpdf_push_inherited_attributes_to_page)
#define qpdf_read_memory           (*p_qpdf_read_memory)
#define qpdf_set_attempt_recovery  (*p_qpdf_set_attempt_recovery)
#define qpdf_set_suppress_warnings (*p_qpdf_set_suppress_warnings)
#define qpdf_silence_errors        (*p_qpdf_silence_errors)

/* A qpdf_data that prints nothing and repairs nothing: a file libqpdf
 * could read only by reconstructing it is damaged, not included. */
static qpdf_data
q_new(void)
{
	qpdf_data q = qpdf_init();
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	qpdf_set_attempt_recovery(q, QPDF_FALSE);
	return q;
}

/* The detail of e, an error or warning of q (NULL: none), into why, or
 * what when it has none. */
static void
e_why(qpdf_data q, qpdf_error e, const char *what, char *why, size_t whylen)
{
	if (e == NULL) {
		snprintf(why, whylen, "%s", what);
		return;
	}
	const char *detail = qpdf_get_error_message_detail(q, e);
	unsigned long long at = qpdf_get_error_file_position(q, e);
	if (at > 0)
		snprintf(why, whylen, "%s (at byte %llu)",
		    detail != NULL && *detail ? detail : what, at);
	else
		snprintf(why, whylen, "%s",
		    detail != NULL && *detail ? detail : what);
}

/* What went wrong in q, into why: its error's detail, else its first
 * warning's, else what. (qpdf_get_error hands an error over once: a
 * caller that took it already gives it to e_why.) */
static void
q_why(qpdf_data q, const char *what, char *why, size_t whylen)
{
	qpdf_error e = qpdf_has_error(q) ? qpdf_get_error(q) : NULL;
	if (e == NULL && qpdf_more_warnings(q))
		e = qpdf_next_warning(q);
	e_why(q, e, what, why, whylen);
}

/* Whether q has met an error or a warning since it was made. */
static bool
q_failed(qpdf_data q)
{
	return qpdf_has_error(q) || qpdf_more_warnings(q);
}

/* The number of oh, or def when it is none. */
static double
num(qpdf_data q, qpdf_oh oh, double def)
{
	if (qpdf_oh_is_integer(q, oh) || qpdf_oh_is_real(q, oh))
		return qpdf_oh_get_numeric_value(q, oh);
	return def;
}

/* The rectangle of array oh into r (llx, lly, urx, ury, normalised). */
static bool
rect(qpdf_data q, qpdf_oh oh, double r[4])
{
	if (!qpdf_oh_is_array(q, oh) || qpdf_oh_get_array_n_items(q, oh) != 4)
		return false;
	for (int i = 0; i < 4; i++) {
		qpdf_oh v = qpdf_oh_get_array_item(q, oh, i);
		if (!qpdf_oh_is_integer(q, v) && !qpdf_oh_is_real(q, v))
			return false;
		r[i] = num(q, v, 0);
	}
	for (int i = 0; i < 2; i++)
		if (r[i] > r[i + 2]) {
			double t = r[i];
			r[i] = r[i + 2];
			r[i + 2] = t;
		}
	return true;
}

/* A page's geometry as a reader shows it: its crop box (within its media
 * box) and its turn, clockwise, in quarters. Inherited attributes must
 * have been pushed to the pages. */
struct geom {
	double box[4];
	int turn; /* 0..3 */
};

static bool
page_geom(qpdf_data q, qpdf_oh page, struct geom *g)
{
	double media[4], crop[4];
	if (!rect(q, qpdf_oh_get_key(q, page, "/MediaBox"), media))
		return false;
	memcpy(g->box, media, sizeof media);
	if (rect(q, qpdf_oh_get_key(q, page, "/CropBox"), crop)) {
		for (int i = 0; i < 2; i++) {
			g->box[i] = crop[i] > media[i] ? crop[i] : media[i];
			g->box[i + 2] = crop[i + 2] < media[i + 2] ?
			    crop[i + 2] :
			    media[i + 2];
		}
		if (g->box[2] <= g->box[0] || g->box[3] <= g->box[1])
			memcpy(g->box, media, sizeof media);
	}
	long long r = 0;
	qpdf_oh rot = qpdf_oh_get_key(q, page, "/Rotate");
	if (qpdf_oh_is_integer(q, rot))
		r = qpdf_oh_get_int_value(q, rot);
	if (r % 90 != 0)
		r = 0; /* readers ignore a turn that is no right angle */
	g->turn = (int)(((r / 90) % 4 + 4) % 4);
	double w = g->box[2] - g->box[0], h = g->box[3] - g->box[1];
	/* the largest page PDF allows is 200 inches a side */
	return w >= 1 && h >= 1 && w <= 14400 && h <= 14400;
}

/* ---- forms ----------------------------------------------------------- */

/* Text grown in the arena, with the references made in it. */
struct ptext {
	char *s;
	size_t n, cap;
	size_t *ref, *ref_at;
	size_t nrefs, caprefs;
};

/* The objects being made: each source object (by number) once. */
struct former {
	struct arena *a;
	qpdf_data q;
	struct extpdf *x;
	size_t cap;
	/* source object number -> 1 + index in x->objs (open addressing) */
	int *key;
	size_t *val;
	size_t nslots, used;
	/* objects made, whose text is still to write */
	qpdf_oh *todo;
	size_t ntodo, captodo;
	bool bad; /* too deep, too many, or unreadable */
	char why[200];
};

static void
pt_add(struct former *f, struct ptext *t, const char *s, size_t n)
{
	if (t->n + n + 1 > t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 256;
		while (cap < t->n + n + 1)
			cap *= 2;
		t->s = arena_grow(f->a, t->s, t->cap, cap, 1);
		t->cap = cap;
	}
	memcpy(t->s + t->n, s, n);
	t->n += n;
	t->s[t->n] = '\0';
}

static void
pt_str(struct former *f, struct ptext *t, const char *s)
{
	pt_add(f, t, s, strlen(s));
}

/* A reference to object k at the end of t. */
static void
pt_ref(struct former *f, struct ptext *t, size_t k)
{
	if (t->nrefs == t->caprefs) {
		size_t cap = t->caprefs ? 2 * t->caprefs : 8;
		t->ref = arena_grow(f->a, t->ref, t->caprefs, cap,
		    sizeof *t->ref);
		t->ref_at = arena_grow(f->a, t->ref_at, t->caprefs, cap,
		    sizeof *t->ref_at);
		t->caprefs = cap;
	}
	t->ref[t->nrefs] = k;
	t->ref_at[t->nrefs++] = t->n;
}

/* name (as libqpdf gives it: "/Font", characters decoded) in PDF syntax,
 * what a name may not hold as it is written #xx. */
static void
pt_name(struct former *f, struct ptext *t, const char *name)
{
	static const char hex[] = "0123456789ABCDEF";
	pt_add(f, t, "/", 1);
	for (const unsigned char *c = (const unsigned char *)name + 1; *c;
	     c++) {
		if (*c < 0x21 || *c > 0x7e || strchr("()<>[]{}/%#", *c)) {
			char e[3] = {'#', hex[*c >> 4], hex[*c & 15]};
			pt_add(f, t, e, 3);
		} else {
			pt_add(f, t, (const char *)c, 1);
		}
	}
}

/* A new object, empty, in x->objs; its index. */
static size_t
obj_new(struct former *f)
{
	struct extpdf *x = f->x;
	if (x->nobjs == f->cap) {
		size_t cap = f->cap ? 2 * f->cap : 64;
		x->objs = arena_grow(f->a, x->objs, f->cap, cap,
		    sizeof *x->objs);
		f->cap = cap;
	}
	memset(&x->objs[x->nobjs], 0, sizeof x->objs[0]);
	return x->nobjs++;
}

/* The index of source object oh (indirect: a dictionary or a stream),
 * made (and its text left to write) when first met. */
static size_t
obj_of(struct former *f, qpdf_oh oh)
{
	int id = qpdf_oh_get_object_id(f->q, oh);
	if (f->used * 2 >= f->nslots) {
		size_t n = f->nslots ? 2 * f->nslots : 256;
		int *key = arena_alloc(f->a, n * sizeof *key);
		size_t *val = arena_alloc(f->a, n * sizeof *val);
		for (size_t i = 0; i < f->nslots; i++) {
			if (f->val[i] == 0)
				continue;
			size_t h = (size_t)f->key[i] * 2654435761u % n;
			while (val[h] != 0)
				h = (h + 1) % n;
			key[h] = f->key[i];
			val[h] = f->val[i];
		}
		f->key = key;
		f->val = val;
		f->nslots = n;
	}
	size_t h = (size_t)id * 2654435761u % f->nslots;
	while (f->val[h] != 0) {
		if (f->key[h] == id)
			return f->val[h] - 1;
		h = (h + 1) % f->nslots;
	}
	if (f->x->nobjs >= EXTPDF_MAX_OBJECTS) {
		f->bad = true;
		snprintf(f->why, sizeof f->why,
		    "its pages take more than %d objects", EXTPDF_MAX_OBJECTS);
		return 0;
	}
	size_t k = obj_new(f);
	f->key[h] = id;
	f->val[h] = k + 1;
	f->used++;
	if (f->ntodo == f->captodo) {
		size_t cap = f->captodo ? 2 * f->captodo : 64;
		f->todo = arena_grow(f->a, f->todo, f->captodo, cap,
		    sizeof *f->todo);
		f->captodo = cap;
	}
	f->todo[f->ntodo++] = oh;
	return k;
}

/* Keys an object of the form never carries: the stream's length and
 * external file (the writer has the data), ties to the source's
 * structure tree and page tree. */
static bool
dropped_key(const char *key)
{
	static const char *const keys[] = {"/Length", "/DL", "/F", "/FFilter",
	    "/FDecodeParms", "/StructParent", "/StructParents", "/Parent",
	    NULL};
	for (size_t i = 0; keys[i] != NULL; i++)
		if (strcmp(key, keys[i]) == 0)
			return true;
	return false;
}

static void put_value(struct former *f, struct ptext *t, qpdf_oh oh, int depth);

/* The entries of dictionary oh, "/Key value" each (keys in libqpdf's
 * order, which is sorted: the same file, the same text). */
static void
put_entries(struct former *f, struct ptext *t, qpdf_oh oh, int depth)
{
	/* libqpdf's key iteration is one per qpdf_data: the keys first */
	size_t n = 0, cap = 16;
	const char **keys = arena_alloc(f->a, cap * sizeof *keys);
	qpdf_oh_begin_dict_key_iter(f->q, oh);
	while (qpdf_oh_dict_more_keys(f->q)) {
		const char *k = qpdf_oh_dict_next_key(f->q);
		if (dropped_key(k))
			continue;
		if (n == cap) {
			keys = arena_grow(f->a, keys, cap, 2 * cap,
			    sizeof *keys);
			cap *= 2;
		}
		keys[n++] = arena_strdup(f->a, k);
	}
	for (size_t i = 0; i < n && !f->bad; i++) {
		pt_name(f, t, keys[i]);
		pt_add(f, t, " ", 1);
		put_value(f, t, qpdf_oh_get_key(f->q, oh, keys[i]), depth + 1);
		pt_add(f, t, "\n", 1);
	}
}

/* Value oh in PDF syntax: a dictionary or stream that is an object of
 * its own as a reference to it (made when first met); anything else
 * written out where it stands. */
static void
put_value(struct former *f, struct ptext *t, qpdf_oh oh, int depth)
{
	qpdf_data q = f->q;
	if (f->bad)
		return;
	if (depth > EXTPDF_MAX_DEPTH) {
		f->bad = true;
		snprintf(f->why, sizeof f->why,
		    "its objects are nested more than %d deep",
		    EXTPDF_MAX_DEPTH);
		return;
	}
	if (qpdf_oh_is_stream(q, oh) ||
	    (qpdf_oh_is_indirect(q, oh) && qpdf_oh_is_dictionary(q, oh))) {
		size_t k = obj_of(f, oh);
		pt_ref(f, t, k);
		pt_add(f, t, " ", 1);
	} else if (qpdf_oh_is_dictionary(q, oh)) {
		pt_add(f, t, "<<", 2);
		put_entries(f, t, oh, depth);
		pt_add(f, t, ">>", 2);
	} else if (qpdf_oh_is_array(q, oh)) {
		int n = qpdf_oh_get_array_n_items(q, oh);
		pt_add(f, t, "[", 1);
		for (int i = 0; i < n && !f->bad; i++) {
			put_value(f, t, qpdf_oh_get_array_item(q, oh, i),
			    depth + 1);
			pt_add(f, t, " ", 1);
		}
		pt_add(f, t, "]", 1);
	} else if (qpdf_oh_is_name(q, oh)) {
		pt_name(f, t, qpdf_oh_get_name(q, oh));
	} else if (qpdf_oh_is_null(q, oh) || !qpdf_oh_is_scalar(q, oh)) {
		pt_add(f, t, "null", 4);
	} else {
		/* booleans, numbers, strings as libqpdf writes them */
		pt_str(f, t, qpdf_oh_unparse(q, oh));
	}
}

/* Writes the text of object k from source object oh. */
static void
write_obj(struct former *f, size_t k, qpdf_oh oh)
{
	qpdf_data q = f->q;
	struct ptext t = {0};
	bool stream = qpdf_oh_is_stream(q, oh);
	qpdf_oh dict = stream ? qpdf_oh_get_dict(q, oh) : oh;
	put_entries(f, &t, dict, 0);
	struct extpdf_obj *o = &f->x->objs[k];
	if (stream && !f->bad) {
		unsigned char *buf = NULL;
		size_t len = 0;
		QPDF_BOOL filtered = QPDF_FALSE;
		if (qpdf_oh_get_stream_data(q, oh, qpdf_dl_none, &filtered,
		        &buf, &len) &
		    QPDF_ERRORS) {
			free(buf);
			f->bad = true;
			q_why(q, "a stream cannot be read", f->why,
			    sizeof f->why);
			return;
		}
		unsigned char *d = arena_alloc(f->a, len ? len : 1);
		memcpy(d, buf, len);
		free(buf);
		o = &f->x->objs[k]; /* objs may have moved */
		o->stream = true;
		o->data = d;
		o->dlen = len;
	}
	o = &f->x->objs[k];
	o->text = t.s != NULL ? t.s : "";
	o->len = t.n;
	o->ref = t.ref;
	o->ref_at = t.ref_at;
	o->nrefs = t.nrefs;
}

/* "%.4f" without a minus before zero. */
static void
fmt(char *b, size_t n, double v)
{
	snprintf(b, n, "%.4f", v);
	if (strcmp(b, "-0.0000") == 0)
		snprintf(b, n, "0.0000");
}

/* The matrix that sets user space of a page of geometry g upright on a
 * page of its shown size, its crop box's lower left at the origin. */
static void
form_matrix(const struct geom *g, char *out, size_t n)
{
	double llx = g->box[0], lly = g->box[1], urx = g->box[2],
	       ury = g->box[3];
	double m[6];
	switch (g->turn) {
	case 1: /* shown turned a quarter clockwise */
		m[0] = 0, m[1] = -1, m[2] = 1, m[3] = 0, m[4] = -lly,
		m[5] = urx;
		break;
	case 2:
		m[0] = -1, m[1] = 0, m[2] = 0, m[3] = -1, m[4] = urx,
		m[5] = ury;
		break;
	case 3:
		m[0] = 0, m[1] = 1, m[2] = -1, m[3] = 0, m[4] = ury,
		m[5] = -llx;
		break;
	default:
		m[0] = 1, m[1] = 0, m[2] = 0, m[3] = 1, m[4] = -llx,
		m[5] = -lly;
		break;
	}
	char v[6][32];
	for (int i = 0; i < 6; i++)
		fmt(v[i], sizeof v[i], m[i]);
	snprintf(out, n, "[%s %s %s %s %s %s]", v[0], v[1], v[2], v[3], v[4],
	    v[5]);
}

/* Page i of the file as a form XObject (THE FORMS): an object of x whose
 * data is the page's content, decoded, for the writer to compress. */
static bool
page_form(struct former *f, qpdf_oh page, size_t i, const struct geom *g)
{
	qpdf_data q = f->q;
	size_t k = obj_new(f);
	struct ptext t = {0};
	char box[4][32], b[200];
	for (int j = 0; j < 4; j++)
		fmt(box[j], sizeof box[j], g->box[j]);
	snprintf(b, sizeof b,
	    "/Type /XObject\n/Subtype /Form\n/BBox [%s %s %s %s]\n/Matrix ",
	    box[0], box[1], box[2], box[3]);
	pt_str(f, &t, b);
	form_matrix(g, b, sizeof b);
	pt_str(f, &t, b);
	pt_str(f, &t, "\n/Resources ");
	qpdf_oh res = qpdf_oh_get_key(q, page, "/Resources");
	if (qpdf_oh_is_dictionary(q, res))
		put_value(f, &t, res, 0);
	else
		pt_str(f, &t, "<<>>");
	pt_str(f, &t, "\n");
	qpdf_oh group = qpdf_oh_get_key(q, page, "/Group");
	if (qpdf_oh_is_dictionary(q, group)) {
		pt_str(f, &t, "/Group ");
		put_value(f, &t, group, 0);
		pt_str(f, &t, "\n");
	}
	unsigned char *data = NULL;
	size_t dlen = 0;
	if (qpdf_oh_has_key(q, page, "/Contents") &&
	    (qpdf_oh_get_page_content_data(q, page, &data, &dlen) &
	        QPDF_ERRORS)) {
		free(data);
		char d[120];
		q_why(q, "", d, sizeof d);
		snprintf(f->why, sizeof f->why,
		    "the content of page %zu cannot be read%s%s", i + 1,
		    *d ? ": " : "", d);
		f->bad = true;
		return false;
	}
	unsigned char *copy = arena_alloc(f->a, dlen ? dlen : 1);
	if (dlen > 0)
		memcpy(copy, data, dlen);
	free(data);
	struct extpdf_obj *o = &f->x->objs[k];
	o->text = t.s;
	o->len = t.n;
	o->ref = t.ref;
	o->ref_at = t.ref_at;
	o->nrefs = t.nrefs;
	o->stream = true;
	o->deflate = true;
	o->data = copy;
	o->dlen = dlen;
	f->x->pages[i].form = k;
	/* the objects its resources reach, each written once */
	while (f->ntodo > 0 && !f->bad) {
		qpdf_oh oh = f->todo[--f->ntodo];
		write_obj(f, obj_of(f, oh), oh);
	}
	return !f->bad && !qpdf_has_error(q);
}

/* ---- reading --------------------------------------------------------- */

/* The page a destination d (an explicit array, a name, a string of the
 * document's name tree) points at, or -1. */
static int dest_page(qpdf_data q, qpdf_oh d, int depth);

/* The value of key in the name tree node, or an uninitialised handle. */
static qpdf_oh
name_tree_get(qpdf_data q, qpdf_oh node, const char *key, size_t klen,
    int depth)
{
	if (depth > 16 || !qpdf_oh_is_dictionary(q, node))
		return qpdf_oh_new_null(q);
	qpdf_oh names = qpdf_oh_get_key(q, node, "/Names");
	if (qpdf_oh_is_array(q, names)) {
		int n = qpdf_oh_get_array_n_items(q, names);
		for (int i = 0; i + 1 < n; i += 2) {
			const char *s;
			size_t len;
			if (qpdf_oh_get_value_as_string(q,
			        qpdf_oh_get_array_item(q, names, i), &s,
			        &len) &&
			    len == klen && memcmp(s, key, len) == 0)
				return qpdf_oh_get_array_item(q, names, i + 1);
		}
	}
	qpdf_oh kids = qpdf_oh_get_key(q, node, "/Kids");
	if (qpdf_oh_is_array(q, kids)) {
		int n = qpdf_oh_get_array_n_items(q, kids);
		for (int i = 0; i < n && i < 4096; i++) {
			qpdf_oh v = name_tree_get(q,
			    qpdf_oh_get_array_item(q, kids, i), key, klen,
			    depth + 1);
			if (!qpdf_oh_is_null(q, v))
				return v;
		}
	}
	return qpdf_oh_new_null(q);
}

static int
dest_page(qpdf_data q, qpdf_oh d, int depth)
{
	if (depth > 4)
		return -1;
	if (qpdf_oh_is_dictionary(q, d)) /* a named destination's value */
		return dest_page(q, qpdf_oh_get_key(q, d, "/D"), depth + 1);
	if (qpdf_oh_is_array(q, d)) {
		if (qpdf_oh_get_array_n_items(q, d) < 1)
			return -1;
		qpdf_oh pg = qpdf_oh_get_array_item(q, d, 0);
		return qpdf_oh_is_dictionary(q, pg) ?
		    qpdf_find_page_by_oh(q, pg) :
		    -1;
	}
	qpdf_oh root = qpdf_get_root(q);
	if (qpdf_oh_is_name(q, d)) {
		qpdf_oh dests = qpdf_oh_get_key(q, root, "/Dests");
		if (!qpdf_oh_is_dictionary(q, dests))
			return -1;
		return dest_page(q,
		    qpdf_oh_get_key(q, dests, qpdf_oh_get_name(q, d)),
		    depth + 1);
	}
	const char *s;
	size_t len;
	if (!qpdf_oh_get_value_as_string(q, d, &s, &len))
		return -1;
	char *key = malloc(len ? len : 1);
	if (key == NULL)
		return -1;
	memcpy(key, s, len);
	qpdf_oh tree = qpdf_oh_get_key(q, qpdf_oh_get_key(q, root, "/Names"),
	    "/Dests");
	qpdf_oh v = name_tree_get(q, tree, key, len, 0);
	free(key);
	return qpdf_oh_is_null(q, v) ? -1 : dest_page(q, v, depth + 1);
}

/* The page an outline item goes to: its /Dest, or its GoTo action's. */
static int
mark_page(qpdf_data q, qpdf_oh item)
{
	if (qpdf_oh_has_key(q, item, "/Dest"))
		return dest_page(q, qpdf_oh_get_key(q, item, "/Dest"), 0);
	qpdf_oh act = qpdf_oh_get_key(q, item, "/A");
	if (qpdf_oh_is_dictionary(q, act) &&
	    qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, act, "/S"),
	        "/GoTo"))
		return dest_page(q, qpdf_oh_get_key(q, act, "/D"), 0);
	return -1;
}

/* The file's outline, depth first, into x (at most EXTPDF_MAX_MARKS
 * items visited, so a loop in a broken outline ends). An item that goes
 * to no page of the file is left out, its children kept. */
static void
read_outline(struct arena *a, qpdf_data q, struct extpdf *x)
{
	enum { MAX_DEPTH = 16 };
	qpdf_oh at[MAX_DEPTH];
	int depth = 0;
	qpdf_oh outlines = qpdf_oh_get_key(q, qpdf_get_root(q), "/Outlines");
	qpdf_oh it = qpdf_oh_get_key(q, outlines, "/First");
	x->outline = arena_alloc(a, EXTPDF_MAX_MARKS * sizeof *x->outline);
	size_t visited = 0;
	while (qpdf_oh_is_dictionary(q, it) && visited++ < EXTPDF_MAX_MARKS) {
		qpdf_oh title = qpdf_oh_get_key(q, it, "/Title");
		int pg = mark_page(q, it);
		if (pg >= 0 && qpdf_oh_is_string(q, title)) {
			const char *t = qpdf_oh_get_utf8_value(q, title);
			struct extpdf_mark *m = &x->outline[x->noutline++];
			m->level = depth;
			m->title = arena_strdup(a, t != NULL ? t : "");
			m->page = (size_t)pg;
		}
		qpdf_oh first = qpdf_oh_get_key(q, it, "/First");
		if (qpdf_oh_is_dictionary(q, first) && depth + 1 < MAX_DEPTH) {
			at[depth++] = it;
			it = first;
			continue;
		}
		qpdf_oh next = qpdf_oh_get_key(q, it, "/Next");
		while (!qpdf_oh_is_dictionary(q, next) && depth > 0)
			next = qpdf_oh_get_key(q, at[--depth], "/Next");
		it = next;
	}
}

enum extpdf_status
extpdf_read(struct arena *a, const void *bytes, size_t len, struct extpdf *x,
    char *why, size_t whylen)
{
	memset(x, 0, sizeof *x);
	snprintf(why, whylen, "?");
	/* a PDF starts "%PDF-" (readers allow some bytes before it) */
	size_t head = len < 1024 ? len : 1024;
	bool pdf = false;
	for (size_t i = 0; i + 5 <= head && !pdf; i++)
		pdf = memcmp((const char *)bytes + i, "%PDF-", 5) == 0;
	if (!pdf)
		return EXTPDF_NOT_PDF;
	if (!qpdf_ready(why, whylen))
		return EXTPDF_NO_LIBRARY;
	unsigned char *copy = arena_alloc(a, len ? len : 1);
	memcpy(copy, bytes, len);
	x->bytes = copy;
	x->len = len;

	qpdf_data q = q_new();
	enum extpdf_status st = EXTPDF_OK;
	if (qpdf_read_memory(q, "file", (const char *)copy, len, "") &
	    QPDF_ERRORS) {
		qpdf_error e = qpdf_get_error(q);
		st = e != NULL && qpdf_get_error_code(q, e) == qpdf_e_password ?
		    EXTPDF_PASSWORD :
		    EXTPDF_DAMAGED;
		e_why(q, e, "it cannot be read", why, whylen);
		goto done;
	}
	if (qpdf_is_encrypted(q)) {
		st = EXTPDF_ENCRYPTED;
		goto done;
	}
	qpdf_push_inherited_attributes_to_page(q);
	int n = qpdf_get_num_pages(q);
	if (q_failed(q) || n < 0) {
		st = EXTPDF_DAMAGED;
		q_why(q, "its pages cannot be found", why, whylen);
		goto done;
	}
	if (n == 0) {
		st = EXTPDF_NO_PAGES;
		goto done;
	}
	if (n > EXTPDF_MAX_PAGES) {
		st = EXTPDF_TOO_MANY;
		goto done;
	}
	x->npages = (size_t)n;
	x->pages = arena_alloc(a, (size_t)n * sizeof *x->pages);
	struct former f = {.a = a, .q = q, .x = x};
	for (int i = 0; i < n; i++) {
		qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
		struct geom g;
		if (!page_geom(q, page, &g)) {
			st = EXTPDF_DAMAGED;
			snprintf(why, whylen,
			    "page %d has no size a page can "
			    "have",
			    i + 1);
			goto done;
		}
		double w = g.box[2] - g.box[0], h = g.box[3] - g.box[1];
		x->pages[i].width = g.turn % 2 ? h : w;
		x->pages[i].height = g.turn % 2 ? w : h;
		if (!page_form(&f, page, (size_t)i, &g) || q_failed(q)) {
			st = EXTPDF_DAMAGED;
			if (f.bad)
				snprintf(why, whylen, "%s", f.why);
			else
				q_why(q, "it cannot be read", why, whylen);
			goto done;
		}
	}
	qpdf_oh root = qpdf_get_root(q);
	x->tagged = qpdf_oh_has_key(q, root, "/StructTreeRoot") &&
	    qpdf_oh_is_bool(q,
	        qpdf_oh_get_key(q, qpdf_oh_get_key(q, root, "/MarkInfo"),
	            "/Marked")) &&
	    qpdf_oh_get_bool_value(q,
	        qpdf_oh_get_key(q, qpdf_oh_get_key(q, root, "/MarkInfo"),
	            "/Marked"));
	read_outline(a, q, x);
	if (qpdf_has_error(q)) {
		/* an outline clerk could not follow is left out, not an
		 * error: it is only a reader's help */
		x->noutline = 0;
	}
done:
	qpdf_cleanup(&q);
	return st;
}
