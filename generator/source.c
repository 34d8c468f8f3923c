/* source.c: reading a file, checking that it is text, normalising it and
 * splitting off the front matter. */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "text.h"

/* At most this many bad-byte messages per file. */
enum { MAX_BYTE_MESSAGES = 10 };

static const struct {
	const char *magic;
	size_t len;
	const char *what;
} binaries[] = {
    {"%PDF-", 5, "a PDF document"},
    {"\x89PNG\r\n\x1a\n", 8, "a PNG image"},
    {"\xff\xd8\xff", 3, "a JPEG image"},
    {"GIF8", 4, "a GIF image"},
    {"PK\x03\x04", 4, "a Word document or another ZIP archive"},
    {"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, "an old Word document"},
    {"{\\rtf", 5, "an RTF document"},
    {"\x7f"
     "ELF",
        4, "a program"},
    {"\x1f\x8b", 2, "a gzip archive"},
};

/* Records a position that is known only as an offset into raw bytes before
 * normalisation: line and column are counted on the raw bytes. */
static struct pos
raw_pos(const unsigned char *raw, size_t off)
{
	struct pos p = {1, 1};
	size_t start = 0;
	for (size_t i = 0; i < off; i++)
		if (raw[i] == '\n') {
			p.line++;
			start = i + 1;
		}
	p.col = 1 + (int)utf8_count((const char *)raw + start, off - start);
	return p;
}

enum source_status
source_from_memory(struct arena *a, struct diags *d, const char *path,
    const char *buf, size_t len, struct source *src)
{
	const unsigned char *raw = (const unsigned char *)buf;
	memset(src, 0, sizeof(*src));
	src->path = path;

	if (len > CLERK_MAX_FILE_SIZE) {
		diag(d, path, pos_at(0, 0), D_FILE_TOO_BIG, "16 MiB");
		return SOURCE_BAD;
	}
	if (len >= 2 &&
	    ((raw[0] == 0xFF && raw[1] == 0xFE) ||
	        (raw[0] == 0xFE && raw[1] == 0xFF))) {
		diag(d, path, pos_at(1, 1), D_FILE_UTF16);
		return SOURCE_BAD;
	}
	for (size_t i = 0; i < sizeof binaries / sizeof binaries[0]; i++)
		if (len >= binaries[i].len &&
		    memcmp(raw, binaries[i].magic, binaries[i].len) == 0) {
			diag(d, path, pos_at(1, 1), D_FILE_BINARY,
			    binaries[i].what);
			return SOURCE_BAD;
		}
	size_t start = 0;
	if (len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0)
		start = 3;
	bool blank = true;
	for (size_t i = start; i < len && blank; i++)
		if (raw[i] != ' ' && raw[i] != '\t' && raw[i] != '\n' &&
		    raw[i] != '\r')
			blank = false;
	if (blank) {
		diag(d, path, pos_at(0, 0), D_FILE_EMPTY);
		return SOURCE_BAD;
	}
	/* Many NUL bytes: a binary file of a kind not named above. */
	size_t nuls = 0;
	for (size_t i = start; i < len; i++)
		nuls += raw[i] == 0;
	if (nuls > 16 && nuls * 20 > len - start) {
		diag(d, path, pos_at(1, 1), D_FILE_BINARY, "a binary file");
		return SOURCE_BAD;
	}

	/* Normalise: at most 3 bytes (U+FFFD) per input byte. */
	char *out = arena_alloc(a, (len - start) * 3 + 2);
	size_t n = 0;
	int reported = 0;
	for (size_t i = start; i < len;) {
		unsigned char c = raw[i];
		uint32_t cp;
		size_t l;
		if (c == '\r') {
			out[n++] = '\n';
			i += (i + 1 < len && raw[i + 1] == '\n') ? 2 : 1;
			continue;
		}
		if (c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7F)) {
			out[n++] = (char)c;
			i++;
			continue;
		}
		l = utf8_decode(raw + i, len - i, &cp);
		enum diag_id id = D__COUNT;
		if (l == 0)
			id = D_BAD_UTF8;
		else if (cp == 0)
			id = D_NUL_BYTE;
		else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
		    cp == 0xFFFE || cp == 0xFFFF)
			id = D_CONTROL_CHAR;
		if (id == D__COUNT) {
			memcpy(out + n, raw + i, l);
			n += l;
			i += l;
			continue;
		}
		if (reported < MAX_BYTE_MESSAGES) {
			struct pos p = raw_pos(raw + start, i - start);
			if (id == D_BAD_UTF8)
				diag(d, path, p, D_BAD_UTF8, c);
			else if (id == D_CONTROL_CHAR)
				diag(d, path, p, D_CONTROL_CHAR, (unsigned)cp);
			else
				diag(d, path, p, D_NUL_BYTE);
		} else if (reported == MAX_BYTE_MESSAGES) {
			diag(d, path, raw_pos(raw + start, i - start),
			    D_TOO_MANY_BAD_BYTES);
		}
		reported++;
		n += utf8_encode(0xFFFD, out + n);
		i += l ? l : 1;
	}
	out[n] = '\0';
	src->text = out;
	src->len = n;

	size_t nl = 1;
	for (size_t i = 0; i < n; i++)
		nl += out[i] == '\n';
	src->lines = arena_alloc(a, (nl + 1) * sizeof(size_t));
	src->lines[0] = 0;
	size_t k = 1;
	for (size_t i = 0; i < n; i++)
		if (out[i] == '\n')
			src->lines[k++] = i + 1;
	/* A final newline does not start another line. */
	src->nlines = (n > 0 && out[n - 1] == '\n') ? k - 1 : k;
	src->lines[k] = n + 1;
	src->body_line = 1;
	return SOURCE_OK;
}

/* Whether the file at fd (first seen as before) is still what was read:
 * the same file at path, of the same size and times. */
static bool
unchanged(int fd, const char *path, const struct stat *before, size_t len)
{
	struct stat now, named;
	if (!S_ISREG(before->st_mode))
		return true; /* a pipe: read once, as it comes */
	if (fstat(fd, &now) != 0 || stat(path, &named) != 0)
		return false;
	return now.st_size == before->st_size && (size_t)now.st_size == len &&
	    now.st_mtim.tv_sec == before->st_mtim.tv_sec &&
	    now.st_mtim.tv_nsec == before->st_mtim.tv_nsec &&
	    now.st_ctim.tv_sec == before->st_ctim.tv_sec &&
	    now.st_ctim.tv_nsec == before->st_ctim.tv_nsec &&
	    named.st_dev == now.st_dev && named.st_ino == now.st_ino;
}

/* Reads the whole file at path into *buf (heap), *len bytes, up to one
 * byte past max. Returns false with errno set, or with *changed when the
 * file changed while it was read (then *buf is NULL). */
static bool
read_all(const char *path, size_t max, char **buf, size_t *len, bool *changed)
{
	*buf = NULL;
	*changed = false;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	struct stat st;
	if (fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return false;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		errno = EISDIR;
		return false;
	}
	/* Read up to one byte past the limit, whatever fstat says: the file
	 * may be a pipe, or change while it is read. */
	size_t cap = S_ISREG(st.st_mode) && st.st_size > 0 &&
	        (size_t)st.st_size <= max ?
	    (size_t)st.st_size + 1 :
	    65536;
	char *b = xmalloc(cap);
	size_t n = 0;
	for (;;) {
		if (n == cap) {
			if (cap > max)
				break;
			cap *= 2;
			b = xrealloc(b, cap);
		}
		ssize_t r = read(fd, b + n, cap - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			free(b);
			close(fd);
			errno = e;
			return false;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n <= max && !unchanged(fd, path, &st, n)) {
		free(b);
		close(fd);
		*changed = true;
		return false;
	}
	close(fd);
	*buf = b;
	*len = n;
	return true;
}

enum source_status
source_read_bytes(struct diags *d, const char *path, size_t max,
    unsigned char **buf, size_t *len)
{
	char *b = NULL;
	bool changed = false;
	for (int tries = 0; tries < 5; tries++) {
		if (read_all(path, max, &b, len, &changed))
			break;
		if (!changed)
			return SOURCE_SYSTEM;
		struct timespec pause = {0, 20 * 1000 * 1000};
		nanosleep(&pause, NULL);
	}
	if (changed) {
		diag(d, path, pos_at(0, 0), D_FILE_CHANGING);
		return SOURCE_BAD;
	}
	*buf = (unsigned char *)b;
	return SOURCE_OK;
}

enum source_status
source_read(struct arena *a, struct diags *d, const char *path,
    struct source *src)
{
	unsigned char *buf;
	size_t len;
	enum source_status s = source_read_bytes(d, path, CLERK_MAX_FILE_SIZE,
	    &buf, &len);
	if (s != SOURCE_OK)
		return s;
	s = source_from_memory(a, d, path, (const char *)buf, len, src);
	free(buf);
	return s;
}

struct source *
source_load(const char *path, struct diags *d, struct arena **arena,
    bool *system_error)
{
	*system_error = false;
	struct arena *a = arena_new();
	struct source *src = arena_alloc(a, sizeof(*src));
	switch (source_read(a, d, arena_strdup(a, path), src)) {
	case SOURCE_OK:
		break;
	case SOURCE_SYSTEM: {
		int e = errno;
		arena_free(a);
		errno = e;
		*system_error = true;
		return NULL;
	}
	case SOURCE_BAD:
		arena_free(a);
		return NULL;
	}
	source_split(src, d, true);
	*arena = a;
	return src;
}

const char *
source_dir(struct arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL)
		return ".";
	if (slash == path)
		return "/";
	return arena_strndup(a, path, (size_t)(slash - path));
}

const char *
source_line(const struct source *src, int n, size_t *len)
{
	if (n < 1 || (size_t)n > src->nlines) {
		*len = 0;
		return "";
	}
	size_t b = src->lines[n - 1];
	size_t e = src->lines[n] - 1; /* the newline, or len for the last */
	if (e > src->len)
		e = src->len;
	*len = e - b;
	return src->text + b;
}

struct pos
source_pos(const struct source *src, size_t off)
{
	/* Binary search for the line holding off. */
	size_t lo = 0, hi = src->nlines ? src->nlines - 1 : 0;
	while (lo < hi) {
		size_t mid = (lo + hi + 1) / 2;
		if (src->lines[mid] <= off)
			lo = mid;
		else
			hi = mid - 1;
	}
	size_t b = src->lines[lo];
	return (struct pos){(int)lo + 1,
	    1 + (int)utf8_count(src->text + b, off > b ? off - b : 0)};
}

struct pos
source_pos_line(const struct source *src, int line, int bytecol)
{
	size_t len;
	const char *s = source_line(src, line, &len);
	size_t bc = bytecol > 1 ? (size_t)bytecol - 1 : 0;
	if (bc > len)
		bc = len;
	return (struct pos){line, 1 + (int)utf8_count(s, bc)};
}

/* Is s (len bytes) only spaces and tabs? */
static bool
text_blank_n(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

static size_t
spaces_n(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* Is line n exactly the marker (trailing blanks allowed)? */
static bool
line_is(const struct source *src, int n, const char *marker)
{
	size_t len, ml = strlen(marker);
	const char *s = source_line(src, n, &len);
	if (len < ml || memcmp(s, marker, ml) != 0)
		return false;
	for (size_t i = ml; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

/* Is line s (len bytes) made of hyphens or dashes, but not "---": a closing
 * line mistyped ("--", "----", or the dash a word processor makes of
 * "---")? */
static bool
dashes_not_closer(const char *s, size_t len)
{
	int hyphens = 0, dashes = 0;
	for (size_t i = 0; i < len;) {
		if (s[i] == '-') {
			hyphens++, i++;
		} else if (s[i] == ' ' || s[i] == '\t') {
			i++;
		} else if (len - i >= 3 && memcmp(s + i, "\xE2\x80", 2) == 0 &&
		    (s[i + 2] == '\x93' || s[i + 2] == '\x94')) {
			dashes++, i += 3; /* U+2013, U+2014 */
		} else {
			return false;
		}
	}
	if (len > 0 && s[0] != '-' && dashes == 0)
		return false;
	return dashes > 0 ? true :
	                    hyphens >= 2 &&
	        !(hyphens == 3 && len >= 3 && memcmp(s, "---", 3) == 0);
}

/* Could line s (len bytes) be front matter: blank, indented, a "- " item,
 * a comment, or a key ("name: ...")? */
static bool
looks_like_yaml(const char *s, size_t len, bool after_blank)
{
	if (len == 0 || s[0] == ' ' || s[0] == '\t' || text_blank_n(s, len))
		return true;
	if (s[0] == '-')
		return len == 1 || s[1] == ' ';
	if (s[0] == '#') {
		/* a comment, unless it is a Markdown heading: "## ..." or,
		 * after a blank line, "# ..." */
		return !(len >= 2 &&
		    (s[1] == '#' || (s[1] == ' ' && after_blank)));
	}
	if (strchr("\"'[{>|", s[0]) != NULL)
		return false;
	for (size_t i = 1; i < len; i++)
		if (s[i] == ':' && (i + 1 == len || s[i + 1] == ' '))
			return true;
	return false;
}

/* The front matter opened on line 1 is not closed: says where '---' goes,
 * at the first line that cannot be front matter, or at a mistyped closing
 * line. */
static void
report_unclosed(struct source *src, struct diags *d)
{
	int last = 1; /* the last line of front matter seen */
	bool after_blank = false;
	for (int n = 2; (size_t)n <= src->nlines; n++) {
		size_t len;
		const char *s = source_line(src, n, &len);
		if (dashes_not_closer(s, len)) {
			diag(d, src->path, pos_at(n, 1), D_FRONT_MATTER_CLOSER);
			return;
		}
		if (!looks_like_yaml(s, len, after_blank)) {
			diag(d, src->path, pos_at(last + 1, 1),
			    D_FRONT_MATTER_END);
			return;
		}
		after_blank = text_blank_n(s, len);
		/* '---' goes after the last key, before any comment (or
		 * heading, "# Summary") that follows it */
		if (!after_blank && s[spaces_n(s, len)] != '#')
			last = n;
	}
	diag(d, src->path, pos_at(1, 1), D_FRONT_MATTER_UNCLOSED);
}

void
source_split(struct source *src, struct diags *d, bool required)
{
	src->has_front = false;
	src->body_off = 0;
	src->body_line = 1;
	if (src->nlines == 0 || !line_is(src, 1, "---")) {
		if (required)
			diag(d, src->path, pos_at(1, 1), D_NO_FRONT_MATTER);
		return;
	}
	for (int n = 2; (size_t)n <= src->nlines; n++) {
		if (line_is(src, n, "---") || line_is(src, n, "...")) {
			src->has_front = true;
			src->front_line = 1;
			src->front_end_line = n;
			src->front_off = src->lines[1];
			src->front_len = src->lines[n - 1] - src->lines[1];
			src->body_line = n + 1;
			src->body_off = (size_t)n < src->nlines ?
			    src->lines[n] :
			    src->len;
			return;
		}
	}
	report_unclosed(src, d);
	src->front_unclosed = true;
	src->body_off = src->len;
	src->body_line = (int)src->nlines + 1;
}
