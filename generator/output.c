/* output.c: atomic file output through a temporary file and rename. */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"

char *
output_stage(const char *path, const void *data, size_t len)
{
	size_t n = strlen(path);
	char *tmp = xmalloc(n + 16);
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	/* ".<name>.XXXXXX" beside the target, hidden from listings. */
	snprintf(tmp, n + 16, "%.*s.%s.XXXXXX", (int)dirlen, path,
	    path + dirlen);
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
