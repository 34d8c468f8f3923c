/* backend_html.c: the HTML back end (backend.h), the web edition: a
 * paper's edition as one page, <stem>.html, its images in the folder
 * <stem>.files beside it (replaced whole at each build, so that no image
 * of an earlier build stays); a pack's kind as a folder, <stem>-public/
 * or <stem>-full/, of the agenda (index.html) and one page per document
 * (html.h). A page links to the PDF of the same document when one is
 * built beside it. No font is needed: a browser sets the text. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "akn.h"
#include "arena.h"
#include "backend.h"
#include "cli.h"
#include "html.h"
#include "template.h"

static void *
html_new(const struct render_options *o)
{
	(void)o;
	akn_init(); /* libxml2 set up once, before threads use it */
	return xcalloc(1, 1);
}

static void
html_free(void *r)
{
	free(r);
}

/* s with '%', '#' and '?' percent-escaped, as part of an address that
 * libxml2 escapes further (heap). */
static char *
address(const char *s)
{
	char *out = xmalloc(3 * strlen(s) + 1), *o = out;
	for (; *s; s++) {
		if (*s == '%' || *s == '#' || *s == '?') {
			static const char hex[] = "0123456789ABCDEF";
			*o++ = '%';
			*o++ = hex[(unsigned char)*s >> 4];
			*o++ = hex[(unsigned char)*s & 15];
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

/* The file name of path, without its folder (heap). */
static char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return xstrdup(slash != NULL ? slash + 1 : path);
}

/* path without the extension of its file name ("out/paper.html" ->
 * "out/paper"; heap). */
static char *
strip_ext(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(path, '.');
	size_t n = dot != NULL && (slash == NULL || dot > slash + 1) ?
	    (size_t)(dot - path) :
	    strlen(path);
	char *s = xmalloc(n + 1);
	memcpy(s, path, n);
	s[n] = '\0';
	return s;
}

/* Whether a regular file is at path. */
static bool
file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The address of the PDF at stem.pdf from a page in prefix ("" or
 * "../"), when that file exists; else NULL (heap). */
static char *
pdf_beside(const char *stem, const char *prefix)
{
	size_t n = strlen(stem);
	char *pdf = xmalloc(n + 5);
	memcpy(pdf, stem, n);
	memcpy(pdf + n, ".pdf", 5);
	char *href = NULL;
	if (file_exists(pdf)) {
		char *base = base_name(pdf), *esc = address(base);
		href = xmalloc(strlen(prefix) + strlen(esc) + 1);
		strcat(strcpy(href, prefix), esc);
		free(base);
		free(esc);
	}
	free(pdf);
	return href;
}

bool
backend_html_links_pdf(const char *out)
{
	char *stem = strip_ext(out), *href = pdf_beside(stem, "");
	bool links = href != NULL;
	free(stem);
	free(href);
	return links;
}

static int
html_paper_render(void *r, const struct paper *p, enum edition e,
    struct diags *d, struct rendered *out, char **syserr)
{
	(void)r;
	(void)syserr;
	if (diags_errors(d) > 0)
		return EXIT_INPUT;
	char *stem = strip_ext(out->path), *base = base_name(stem);
	size_t n = strlen(base);
	out->folder = xmalloc(n + 7);
	memcpy(out->folder, base, n);
	memcpy(out->folder + n, ".files", 7);
	char *esc = address(out->folder);
	char *src = xmalloc(strlen(esc) + 2);
	strcat(strcpy(src, esc), "/");
	char *pdf = pdf_beside(stem, "");
	struct html_files files = {out, src, ""};
	struct html_paper_options o = {.edition = e,
	    .appendix = -1,
	    .files = &files,
	    .pdf = pdf};
	html_paper(p, &o, d, &out->bytes, &out->len);
	free(stem);
	free(base);
	free(esc);
	free(src);
	free(pdf);
	return diags_errors(d) > 0 ? EXIT_INPUT : EXIT_OK;
}

static int
html_pack_render(void *r, const struct pack *pk, const struct template_set *set,
    struct diags *d, struct rendered out[2])
{
	(void)r;
	const struct template *t = pack_template(pk->agenda, set);
	char *pdf[2] = {NULL, NULL};
	for (int k = 0; k < pack_kinds(pk); k++)
		pdf[k] = pdf_beside(out[k].path, "../");
	html_pack(pk, t, (const char *const *)pdf, d, out);
	for (int k = 0; k < 2; k++)
		free(pdf[k]);
	return diags_errors(d) > 0 ? EXIT_INPUT : EXIT_OK;
}

const struct backend backend_html = {
    .name = "html",
    .ext = ".html",
    .pack_ext = "",
    .new = html_new,
    .paper = html_paper_render,
    .pack = html_pack_render,
    .free = html_free,
};
