/* output.c: atomic file output through a temporary file and rename; a
 * folder through a temporary folder exchanged with the old one. */
/* renameat2 (Linux, glibc 2.28) and nftw need more than POSIX 2008. */
#define _GNU_SOURCE
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"

/* ".<name>.XXXXXX" beside path (heap), for mkstemp or mkdtemp: a
 * temporary name hidden from listings. */
static char *
temp_name(const char *path)
{
	size_t n = strlen(path);
	char *tmp = xmalloc(n + 16);
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	snprintf(tmp, n + 16, "%.*s.%s.XXXXXX", (int)dirlen, path,
	    path + dirlen);
	return tmp;
}

char *
output_stage(const char *path, const void *data, size_t len)
{
	char *tmp = temp_name(path);
	int fd = mkstemp(tmp);
	if (fd < 0)
		goto fail_free;
	const char *p = data;
	size_t left = len;
	while (left > 0) {
		ssize_t w = write(fd, p, left);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			goto fail_close;
		}
		p += w;
		left -= (size_t)w;
	}
	if (fchmod(fd, 0644) != 0 || fsync(fd) != 0)
		goto fail_close;
	if (close(fd) != 0) {
		fd = -1;
		goto fail_close;
	}
	return tmp;

fail_close:
	if (fd >= 0) {
		int e = errno;
		close(fd);
		errno = e;
	}
	{
		int e = errno;
		unlink(tmp);
		errno = e;
	}
fail_free : {
	int e = errno;
	free(tmp);
	errno = e;
}
	return NULL;
}

bool
output_commit(char *tmp, const char *path)
{
	bool ok = rename(tmp, path) == 0;
	if (!ok) {
		int e = errno;
		unlink(tmp);
		errno = e;
	}
	free(tmp);
	return ok;
}

void
output_discard(char *tmp)
{
	if (tmp == NULL)
		return;
	int e = errno;
	unlink(tmp);
	free(tmp);
	errno = e;
}

bool
output_write(const char *path, const void *data, size_t len, bool no_clobber)
{
	char *tmp = output_stage(path, data, len);
	if (tmp == NULL)
		return false;
	if (!no_clobber)
		return output_commit(tmp, path);
	bool ok = link(tmp, path) == 0;
	int e = errno;
	unlink(tmp);
	free(tmp);
	errno = e;
	return ok;
}

/* ---- Rendered documents: a file and its folder, or a folder ---- */

void
rendered_add(struct rendered *r, const char *name, char *bytes, size_t len,
    const char *copy_from)
{
	r->files = xrealloc(r->files, (r->nfiles + 1) * sizeof *r->files);
	struct rendered_file *f = &r->files[r->nfiles++];
	f->name = xstrdup(name);
	f->bytes = bytes;
	f->len = len;
	f->copy_from = bytes == NULL && copy_from != NULL ? xstrdup(copy_from) :
	                                                    NULL;
}

void
rendered_free(struct rendered *r)
{
	free(r->bytes);
	for (size_t i = 0; i < r->nfiles; i++) {
		free(r->files[i].name);
		free(r->files[i].bytes);
		free(r->files[i].copy_from);
	}
	free(r->files);
	free(r->folder);
	const char *path = r->path;
	*r = (struct rendered){0};
	r->path = path;
}

struct staged {
	char *path;    /* the document's file, or its folder */
	char *tmpfile; /* its file staged, or NULL */
	char *target;  /* the folder replaced (heap), or NULL */
	char *tmpdir;  /* the folder staged, or NULL (target removed) */
};

/* Removes the file or folder at path with all it holds (no link is
 * followed). */
static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

static bool
remove_tree(const char *path)
{
	return nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS) == 0 ||
	    errno == ENOENT;
}

/* dir/name (heap). */
static char *
join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *s = xmalloc(n);
	snprintf(s, n, "%s/%s", dir, name);
	return s;
}

/* The first n bytes of dir, "/", name (heap). */
static char *
join_n(const char *dir, size_t n, const char *name)
{
	size_t len = n + strlen(name) + 2;
	char *s = xmalloc(len);
	snprintf(s, len, "%.*s/%s", (int)n, dir, name);
	return s;
}

/* Writes len bytes of data to the new file path (mode 0644). */
static bool
write_new(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0)
		return false;
	while (len > 0) {
		ssize_t w = write(fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			int e = errno;
			close(fd);
			errno = e;
			return false;
		}
		data += w;
		len -= (size_t)w;
	}
	return close(fd) == 0;
}

/* Copies the file from whole to the new file path. */
static bool
copy_new(const char *path, const char *from)
{
	FILE *in = fopen(from, "rb");
	if (in == NULL)
		return false;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (mem == NULL)
		out_of_memory();
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
		fwrite(chunk, 1, n, mem);
	bool ok = !ferror(in);
	int e = errno;
	fclose(in);
	if (fclose(mem) != 0)
		out_of_memory();
	ok = ok && write_new(path, buf, len);
	if (!ok)
		e = errno;
	free(buf);
	errno = e;
	return ok;
}

/* Writes the file name (its content: len bytes of data, or the file
 * from copied whole) into the folder dir, making the folders name
 * names. */
static bool
stage_bytes_or_copy(const char *dir, const char *name, const char *data,
    size_t len, const char *from)
{
	char *path = join(dir, name);
	for (char *s = path + strlen(dir) + 1; (s = strchr(s, '/')) != NULL;
	     s++) {
		*s = '\0';
		bool ok = mkdir(path, 0755) == 0 || errno == EEXIST;
		*s = '/';
		if (!ok) {
			free(path);
			return false;
		}
	}
	bool ok = data != NULL || from == NULL ?
	    write_new(path, data != NULL ? data : "", len) :
	    copy_new(path, from);
	int e = errno;
	free(path);
	errno = e;
	return ok;
}

static bool
stage_bytes(const char *dir, const char *name, const char *data, size_t len)
{
	return stage_bytes_or_copy(dir, name, data, len, NULL);
}

static bool
stage_file(const char *dir, const struct rendered_file *f)
{
	return stage_bytes_or_copy(dir, f->name, f->bytes, f->len,
	    f->copy_from);
}

/* A new empty folder beside path, ".<name>.XXXXXX" (heap), or NULL. */
static char *
stage_dir(const char *path)
{
	char *tmp = temp_name(path);
	if (mkdtemp(tmp) == NULL) {
		int e = errno;
		free(tmp);
		errno = e;
		return NULL;
	}
	if (chmod(tmp, 0755) != 0) {
		int e = errno;
		rmdir(tmp);
		free(tmp);
		errno = e;
		return NULL;
	}
	return tmp;
}

void
output_rendered_discard(struct staged *s)
{
	if (s == NULL)
		return;
	int e = errno;
	output_discard(s->tmpfile);
	if (s->tmpdir != NULL)
		remove_tree(s->tmpdir);
	free(s->tmpdir);
	free(s->target);
	free(s->path);
	free(s);
	errno = e;
}

struct staged *
output_rendered_stage(const char *path, const struct rendered *r, char **failed)
{
	struct staged *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	*failed = NULL;
	if (r->as_folder) {
		s->target = xstrdup(path);
	} else {
		if ((s->tmpfile = output_stage(path, r->bytes, r->len)) == NULL)
			goto fail;
		if (r->folder != NULL) {
			const char *slash = strrchr(path, '/');
			s->target = slash == NULL ?
			    xstrdup(r->folder) :
			    join_n(path, (size_t)(slash - path), r->folder);
		}
	}
	if (s->target == NULL || (!r->as_folder && r->nfiles == 0))
		return s;
	if ((s->tmpdir = stage_dir(s->target)) == NULL) {
		*failed = xstrdup(s->target);
		goto fail;
	}
	if (r->as_folder) {
		if (!stage_bytes(s->tmpdir, "index.html", r->bytes, r->len)) {
			*failed = join(s->target, "index.html");
			goto fail;
		}
	}
	for (size_t i = 0; i < r->nfiles; i++) {
		if (!stage_file(s->tmpdir, &r->files[i])) {
			*failed = r->files[i].bytes == NULL &&
			        r->files[i].copy_from != NULL ?
			    xstrdup(r->files[i].copy_from) :
			    join(s->target, r->files[i].name);
			goto fail;
		}
	}
	return s;
fail:
	if (*failed == NULL)
		*failed = xstrdup(path);
	output_rendered_discard(s);
	return NULL;
}

/* Puts the staged folder tmp in the place of target, an earlier folder
 * there removed: exchanged with it in one step where the system can. */
static bool
commit_dir(const char *tmp, const char *target)
{
	struct stat st;
	if (lstat(target, &st) != 0)
		return errno == ENOENT && rename(tmp, target) == 0;
#ifdef RENAME_EXCHANGE
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, target, RENAME_EXCHANGE) == 0)
		return remove_tree(tmp);
#endif
	/* Not a folder, or no exchange: the old one moved aside first. */
	char *old = stage_dir(target);
	if (old == NULL)
		return false;
	if (rename(target, old) != 0 || rename(tmp, target) != 0) {
		int e = errno;
		rename(old, target);
		rmdir(old);
		free(old);
		errno = e;
		return false;
	}
	bool ok = remove_tree(old);
	free(old);
	return ok;
}

bool
output_rendered_commit(struct staged *s, char **failed)
{
	bool ok = true;
	*failed = NULL;
	if (s->tmpdir != NULL) {
		ok = commit_dir(s->tmpdir, s->target);
		if (!ok)
			*failed = xstrdup(s->target);
		else {
			free(s->tmpdir);
			s->tmpdir = NULL;
		}
	} else if (s->target != NULL) {
		/* no files: an earlier build's folder goes */
		struct stat st;
		if (lstat(s->target, &st) == 0 && S_ISDIR(st.st_mode) &&
		    !remove_tree(s->target)) {
			ok = false;
			*failed = xstrdup(s->target);
		}
	}
	if (ok && s->tmpfile != NULL) {
		ok = output_commit(s->tmpfile, s->path);
		s->tmpfile = NULL;
		if (!ok)
			*failed = xstrdup(s->path);
	}
	output_rendered_discard(s);
	return ok;
}
