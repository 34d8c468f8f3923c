/* extpdf.c: PDF files included as they are, read and merged with
 * libqpdf's C API (extpdf.h). Every qpdf_data made here is silenced
 * (errors are asked for with qpdf_has_error, never printed) and cleaned
 * up before return; object handles live as long as their qpdf_data. */
#include <qpdf/qpdf-c.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "extpdf.h"

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
		/* every content stream decoded once, so a damaged one is
		 * found now */
		unsigned char *data = NULL;
		size_t dlen = 0;
		if (qpdf_oh_has_key(q, page, "/Contents") &&
		    (qpdf_oh_get_page_content_data(q, page, &data, &dlen) &
		        QPDF_ERRORS)) {
			free(data);
			st = EXTPDF_DAMAGED;
			char d[200];
			q_why(q, "", d, sizeof d);
			snprintf(why, whylen,
			    "the content of page %d cannot "
			    "be read%s%s",
			    i + 1, *d ? ": " : "", d);
			goto done;
		}
		free(data);
		if (q_failed(q)) {
			st = EXTPDF_DAMAGED;
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

/* ---- merging --------------------------------------------------------- */

/* A source file, read once for all its pages. */
struct source_pdf {
	const struct extpdf *x;
	qpdf_data q;
};

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

/* A copy in q of the object oh of the source sq (made indirect there
 * first, as copying asks). */
static qpdf_oh
copy_in(qpdf_data q, qpdf_data sq, qpdf_oh oh)
{
	if (!qpdf_oh_is_indirect(sq, oh))
		oh = qpdf_make_indirect_object(sq, oh);
	return qpdf_oh_copy_foreign_object(q, sq, oh);
}

/* The dictionary under key in dict d of q, made when absent. */
static qpdf_oh
sub_dict(qpdf_data q, qpdf_oh d, const char *key)
{
	qpdf_oh v = qpdf_oh_get_key(q, d, key);
	if (qpdf_oh_is_dictionary(q, v))
		return v;
	v = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, d, key, v);
	return qpdf_oh_get_key(q, d, key);
}

/* Page src_page of sq as a form XObject of q, put in the resources of
 * q's page `page` under EXTPDF_XOBJECT. */
static bool
place_page(qpdf_data q, qpdf_data sq, size_t src_page, size_t page)
{
	qpdf_oh sp = qpdf_get_page_n(sq, src_page);
	struct geom g;
	if (!page_geom(sq, sp, &g))
		return false;
	unsigned char *data = NULL;
	size_t dlen = 0;
	if (qpdf_oh_has_key(sq, sp, "/Contents") &&
	    (qpdf_oh_get_page_content_data(sq, sp, &data, &dlen) &
	        QPDF_ERRORS)) {
		free(data);
		return false;
	}
	qpdf_oh form = qpdf_oh_new_stream(q);
	qpdf_oh fd = qpdf_oh_get_dict(q, form);
	char box[4][32], b[200];
	for (int i = 0; i < 4; i++)
		fmt(box[i], sizeof box[i], g.box[i]);
	qpdf_oh_replace_key(q, fd, "/Type", qpdf_oh_new_name(q, "/XObject"));
	qpdf_oh_replace_key(q, fd, "/Subtype", qpdf_oh_new_name(q, "/Form"));
	snprintf(b, sizeof b, "[%s %s %s %s]", box[0], box[1], box[2], box[3]);
	qpdf_oh_replace_key(q, fd, "/BBox", qpdf_oh_parse(q, b));
	form_matrix(&g, b, sizeof b);
	qpdf_oh_replace_key(q, fd, "/Matrix", qpdf_oh_parse(q, b));
	qpdf_oh res = qpdf_oh_get_key(sq, sp, "/Resources");
	qpdf_oh_replace_key(q, fd, "/Resources",
	    qpdf_oh_is_dictionary(sq, res) ? copy_in(q, sq, res) :
	                                     qpdf_oh_new_dictionary(q));
	qpdf_oh group = qpdf_oh_get_key(sq, sp, "/Group");
	if (qpdf_oh_is_dictionary(sq, group))
		qpdf_oh_replace_key(q, fd, "/Group", copy_in(q, sq, group));
	qpdf_oh_replace_stream_data(q, form,
	    data != NULL ? data : (const unsigned char *)"", dlen,
	    qpdf_oh_new_null(q), qpdf_oh_new_null(q));
	free(data);
	qpdf_oh op = qpdf_get_page_n(q, page);
	qpdf_oh xo = sub_dict(q, sub_dict(q, op, "/Resources"), "/XObject");
	qpdf_oh_replace_key(q, xo, "/" EXTPDF_XOBJECT, form);
	return !qpdf_has_error(q) && !qpdf_has_error(sq);
}

bool
extpdf_merge(const void *doc, size_t len, const struct extpdf_place *pl,
    size_t n, void **out, size_t *outlen, char *why, size_t whylen)
{
	*out = NULL;
	*outlen = 0;
	struct source_pdf *src = calloc(n ? n : 1, sizeof *src);
	size_t nsrc = 0;
	bool ok = false;
	qpdf_data q = q_new();
	if (src == NULL) {
		snprintf(why, whylen, "out of memory");
		goto done;
	}
	if (qpdf_read_memory(q, "document", doc, len, "") & QPDF_ERRORS) {
		q_why(q, "the painted document cannot be read", why, whylen);
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		size_t s = 0;
		while (s < nsrc && src[s].x != pl[i].src)
			s++;
		if (s == nsrc) {
			src[s].x = pl[i].src;
			src[s].q = q_new();
			nsrc++;
			if (qpdf_read_memory(src[s].q, "appendix",
			        (const char *)pl[i].src->bytes, pl[i].src->len,
			        "") &
			    QPDF_ERRORS) {
				q_why(src[s].q, "an appendix cannot be read",
				    why, whylen);
				goto done;
			}
			qpdf_push_inherited_attributes_to_page(src[s].q);
		}
		if (!place_page(q, src[s].q, pl[i].src_page, pl[i].page)) {
			q_why(qpdf_has_error(q) ? q : src[s].q,
			    "a page of an appendix cannot be included", why,
			    whylen);
			goto done;
		}
	}
	if (qpdf_init_write_memory(q) & QPDF_ERRORS) {
		q_why(q, "the document cannot be written", why, whylen);
		goto done;
	}
	qpdf_set_deterministic_ID(q, QPDF_TRUE);
	qpdf_set_compress_streams(q, QPDF_TRUE);
	if (qpdf_write(q) & QPDF_ERRORS) {
		q_why(q, "the document cannot be written", why, whylen);
		goto done;
	}
	size_t blen = qpdf_get_buffer_length(q);
	unsigned char const *buf = qpdf_get_buffer(q);
	*out = malloc(blen ? blen : 1);
	if (*out == NULL) {
		snprintf(why, whylen, "out of memory");
		goto done;
	}
	memcpy(*out, buf, blen);
	*outlen = blen;
	ok = true;
done:
	qpdf_cleanup(&q);
	for (size_t s = 0; s < nsrc; s++)
		qpdf_cleanup(&src[s].q);
	free(src);
	return ok;
}
