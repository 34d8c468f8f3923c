/* assets.c: files a paper names, resolved against the paper's folder and
 * kept inside its folder tree, and images read whole (image.c). */
/* realpath() is X/Open. */
#define _XOPEN_SOURCE 700

#include "assets.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "model.h"

/* "scheme://..." (RFC 3986 scheme) or "data:": a web address. */
static bool
is_url(const char *s)
{
	if (strncmp(s, "data:", 5) == 0)
		return true;
	if (!isalpha((unsigned char)s[0]))
		return false;
	const char *p = s + 1;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' ||
	    *p == '.')
		p++;
	return strncmp(p, "://", 3) == 0;
}

/* "/x", and "C:\x" or "C:/x" from Windows. */
static bool
is_absolute(const char *s)
{
	if (s[0] == '/' || s[0] == '\\')
		return true;
	return isalpha((unsigned char)s[0]) && s[1] == ':' &&
	    (s[2] == '/' || s[2] == '\\');
}

/* Does the path, read component by component, climb above its start? */
static bool
climbs(const char *s)
{
	long depth = 0;
	while (*s) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n == 2 && s[0] == '.' && s[1] == '.') {
			if (--depth < 0)
				return true;
		} else if (n > 0 && !(n == 1 && s[0] == '.')) {
			depth++;
		}
		s += n;
		if (*s == '/')
			s++;
	}
	return false;
}

/* Is path (a real path) dir (a real path) or below it? */
static bool
inside(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	if (n == 1 && dir[0] == '/')
		return true;
	return strncmp(path, dir, n) == 0 &&
	    (path[n] == '/' || path[n] == '\0');
}

/* "%20" and the like decoded, in the arena; NULL when s has none. */
static char *
percent_decode(struct arena *a, const char *s)
{
	if (strchr(s, '%') == NULL)
		return NULL;
	char *out = arena_alloc(a, strlen(s) + 1), *o = out;
	bool changed = false;
	for (const char *p = s; *p; p++) {
		if (p[0] == '%' && isxdigit((unsigned char)p[1]) &&
		    isxdigit((unsigned char)p[2])) {
			char hex[3] = {p[1], p[2], 0};
			unsigned v = (unsigned)strtoul(hex, NULL, 16);
			if (v != 0 && v != '/') {
				*o++ = (char)v;
				p += 2;
				changed = true;
				continue;
			}
		}
		*o++ = *p;
	}
	*o = '\0';
	return changed ? out : NULL;
}

static enum asset_status
resolve_local(struct arena *a, const char *dir, const char *name,
    const char **path)
{
	if (climbs(name))
		return ASSET_ESCAPES;
	const char *full = strcmp(dir, ".") == 0 ?
	    name :
	    arena_printf(a, "%s/%s", dir, name);
	struct stat st;
	if (stat(full, &st) != 0)
		return ASSET_MISSING;
	/* A symbolic link may lead out of the folder: compare real paths. */
	char *real = realpath(full, NULL);
	char *real_dir = realpath(dir, NULL);
	enum asset_status s = ASSET_OK;
	if (real == NULL || real_dir == NULL)
		s = ASSET_MISSING;
	else if (!inside(real, real_dir))
		s = ASSET_ESCAPES;
	else if (!S_ISREG(st.st_mode))
		s = ASSET_NOT_FILE;
	free(real);
	free(real_dir);
	if (s == ASSET_OK)
		*path = full;
	return s;
}

enum asset_status
asset_resolve(struct arena *a, const char *dir, const char *name,
    const char **path)
{
	*path = NULL;
	if (dir == NULL || *dir == '\0')
		dir = ".";
	if (is_url(name))
		return ASSET_REMOTE;
	if (is_absolute(name))
		return ASSET_ABSOLUTE;
	if (*name == '\0')
		return ASSET_MISSING;
	enum asset_status s = resolve_local(a, dir, name, path);
	if (s == ASSET_MISSING) {
		/* Markdown writes "my%20chart.png" for "my chart.png". */
		const char *decoded = percent_decode(a, name);
		if (decoded != NULL && !is_absolute(decoded)) {
			enum asset_status s2 = resolve_local(a, dir, decoded,
			    path);
			if (s2 != ASSET_MISSING)
				return s2;
		}
	}
	return s;
}

static int
name_cmp(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The entries of folder dir that are folders (want_dir) or regular
 * files, hidden ones aside, sorted, NULL-terminated, in the arena; NULL
 * when the folder cannot be read. */
static const char **
folder_entries(struct arena *a, const char *dir, bool want_dir)
{
	DIR *dp = opendir(dir);
	if (dp == NULL)
		return NULL;
	const char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		const char *full = arena_printf(a, "%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(full, &st) != 0 ||
		    (want_dir ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode)))
			continue;
		if (n + 1 >= cap) {
			size_t c = cap ? 2 * cap : 32;
			names = arena_grow(a, names, n, c, sizeof(*names));
			cap = c;
		}
		names[n++] = arena_strdup(a, e->d_name);
	}
	closedir(dp);
	if (names == NULL)
		names = arena_alloc(a, sizeof(*names));
	qsort(names, n, sizeof(*names), name_cmp);
	names[n] = NULL;
	return names;
}

/* " (did you mean \"x\"?)" for name (a relative path not found in dir):
 * each part of the path that does not exist replaced by the nearest
 * folder or file beside it; "" when some part has none near. */
static const char *
suggest(struct arena *a, const char *dir, const char *name)
{
	const char *decoded = percent_decode(a, name);
	if (decoded != NULL)
		name = decoded;
	const char *cur = dir, *out = "";
	bool changed = false;
	for (const char *s = name; *s != '\0';) {
		const char *e = strchr(s, '/');
		size_t len = e != NULL ? (size_t)(e - s) : strlen(s);
		const char *part = arena_strndup(a, s, len);
		bool last = e == NULL || e[1] == '\0';
		const char *full = arena_printf(a, "%s/%s", cur, part);
		struct stat st;
		if (len > 0 && strcmp(part, ".") != 0 &&
		    strcmp(part, "..") != 0 && stat(full, &st) != 0) {
			const char **names = folder_entries(a, cur, !last);
			const char *near = names ? closest(part, names) : NULL;
			if (near == NULL)
				return "";
			part = near;
			full = arena_printf(a, "%s/%s", cur, part);
			changed = true;
		}
		out = *out ? arena_printf(a, "%s/%s", out, part) : part;
		cur = full;
		s += len;
		if (*s == '/')
			s++;
	}
	return changed ? arena_printf(a, " (did you mean \"%s\"?)", out) : "";
}

void
asset_report(struct arena *a, struct diags *d, const char *file, struct pos pos,
    enum asset_status s, const char *dir, const char *name)
{
	switch (s) {
	case ASSET_OK:
		break;
	case ASSET_ABSOLUTE:
		diag(d, file, pos, D_PATH_ABSOLUTE, name);
		break;
	case ASSET_ESCAPES:
		diag(d, file, pos, D_PATH_ESCAPES, name);
		break;
	case ASSET_MISSING:
		diag(d, file, pos, D_PATH_MISSING, name,
		    suggest(a, dir == NULL || *dir == '\0' ? "." : dir, name));
		break;
	case ASSET_NOT_FILE:
		diag(d, file, pos, D_PATH_NOT_FILE, name);
		break;
	case ASSET_REMOTE:
		diag(d, file, pos, D_IMAGE_REMOTE, name);
		break;
	}
}

static bool
blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

/* The diagnostic for image url that image_inspect refused. */
static void
image_report(struct diags *d, const char *file, struct pos pos, const char *url,
    enum image_problem pr, const char *detail, const struct image_info *info)
{
	switch (pr) {
	case IMAGE_FINE:
		break;
	case IMAGE_UNREADABLE:
		diag(d, file, pos, D_IMAGE_UNREADABLE, url, detail);
		break;
	case IMAGE_NOT_IMAGE:
		diag(d, file, pos, D_IMAGE_FORMAT, url);
		break;
	case IMAGE_DAMAGED:
		diag(d, file, pos, D_IMAGE_DAMAGED, url, detail);
		break;
	case IMAGE_JPEG_CODING:
		diag(d, file, pos, D_IMAGE_JPEG_CODING, url, detail);
		break;
	case IMAGE_CMYK:
		diag(d, file, pos, D_IMAGE_CMYK, url);
		break;
	case IMAGE_TOO_LARGE:
		diag(d, file, pos, D_IMAGE_TOO_LARGE, url, (int)info->width,
		    (int)info->height);
		break;
	}
}

void
asset_check_image(struct arena *a, struct diags *d, const char *file,
    const char *dir, struct node *img)
{
	const char *url = img->u.link.url ? img->u.link.url : "";
	const char *path = NULL;
	enum asset_status s = asset_resolve(a, dir, url, &path);
	if (s != ASSET_OK) {
		asset_report(a, d, file, img->pos, s, dir, url);
	} else {
		struct image_info info;
		char detail[160];
		enum image_problem pr = image_inspect(path, &info, detail,
		    sizeof detail);
		if (pr == IMAGE_FINE) {
			struct image_info *keep = arena_alloc(a, sizeof *keep);
			*keep = info;
			img->u.link.path = path;
			img->u.link.image = keep;
		} else {
			image_report(d, file, img->pos, url, pr, detail, &info);
		}
	}
	/* a tagged PDF gives every image its description, or leaves a
	 * decorative one out of the text */
	if (blank(node_text(a, img)) && !image_decorative(img))
		diag(d, file, img->pos, D_IMAGE_NO_ALT, url, url);
}

static void
check_blocks(struct paper *p, struct diags *d, struct node *first)
{
	for (struct node *top = first; top != NULL; top = top->next)
		for (struct node *n = top; n != NULL;
		     n = node_walk_next(n, top))
			if (n->type == N_IMAGE)
				asset_check_image(p->arena, d, p->path, p->dir,
				    n);
}

void
assets_check_images(struct paper *p, struct diags *d)
{
	for (struct section *s = p->sections; s != NULL; s = s->next)
		check_blocks(p, d, s->first);
	check_blocks(p, d, p->footnotes);
}
