/* image.c: image files checked whole when a paper is read (PNG decoded by
 * libpng, JPEG walked marker by marker), and PNG pixels decoded for the
 * painter. The only file that includes libpng. */
#include "image.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <png.h>

#include "arena.h"
#include "diag.h"

enum image_type
image_sniff(const char *path)
{
	unsigned char b[8];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return IMAGE_UNKNOWN;
	ssize_t n;
	do
		n = read(fd, b, sizeof b);
	while (n < 0 && errno == EINTR);
	close(fd);
	if (n == 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
		return IMAGE_PNG;
	if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
		return IMAGE_JPEG;
	return IMAGE_UNKNOWN;
}

/* ---- PNG ------------------------------------------------------------- */

/* Decodes the PNG at path with libpng's simplified API (which neither
 * aborts on a damaged file nor mishandles 16-bit ones) into 8-bit gray or
 * RGB samples, any transparency composited over white. With px NULL the pixels are only checked and
 * freed. */
static enum image_problem
png_read(const char *path, struct image_info *info, struct image_pixels *px,
    char *detail, size_t n)
{
	png_image pi;
	memset(&pi, 0, sizeof pi);
	pi.version = PNG_IMAGE_VERSION;
	errno = 0;
	if (!png_image_begin_read_from_file(&pi, path)) {
		if (errno != 0 && strstr(pi.message, "open") != NULL) {
			diag_errno(errno, detail, n);
			return IMAGE_UNREADABLE;
		}
		snprintf(detail, n, "%s", pi.message);
		return IMAGE_DAMAGED;
	}
	bool color = (pi.format & PNG_FORMAT_FLAG_COLOR) != 0;
	bool alpha = (pi.format & PNG_FORMAT_FLAG_ALPHA) != 0;
	/* Transparency is composited over white as the pixels are decoded:
	 * a PDF/A file may not hold a soft mask. */
	pi.format = color ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY;
	size_t ch = PNG_IMAGE_PIXEL_CHANNELS(pi.format);
	size_t w = pi.width, h = pi.height;
	info->type = IMAGE_PNG;
	info->width = (unsigned)w;
	info->height = (unsigned)h;
	info->color = color;
	info->alpha = alpha;
	/* the limit counts the alpha samples the file holds */
	size_t lim = ch + (alpha ? 1 : 0);
	if (w == 0 || h == 0 || w > IMAGE_MAX_BYTES / lim / h) {
		png_image_free(&pi);
		return IMAGE_TOO_LARGE;
	}
	unsigned char *buf = xmalloc(w * h * ch);
	png_color white = {255, 255, 255};
	if (!png_image_finish_read(&pi, &white, buf, 0, NULL)) {
		snprintf(detail, n, "%s", pi.message);
		png_image_free(&pi);
		free(buf);
		return IMAGE_DAMAGED;
	}
	if (px == NULL) {
		free(buf);
		return IMAGE_FINE;
	}
	*px = (struct image_pixels){(unsigned)w, (unsigned)h, color, buf, NULL};
	return IMAGE_FINE;
}

bool
image_png_decode(const char *path, struct image_pixels *px, char *why, size_t n)
{
	struct image_info info;
	memset(px, 0, sizeof *px);
	switch (png_read(path, &info, px, why, n)) {
	case IMAGE_FINE:
		return true;
	case IMAGE_UNREADABLE:
		return false;
	case IMAGE_DAMAGED:
	case IMAGE_NOT_IMAGE:
	case IMAGE_JPEG_CODING:
	case IMAGE_CMYK:
		snprintf(why, n, "not a valid PNG file");
		return false;
	case IMAGE_TOO_LARGE:
		snprintf(why, n, "larger than clerk takes");
		return false;
	}
	return false;
}

void
image_pixels_free(struct image_pixels *px)
{
	free(px->samples);
	free(px->alpha);
	px->samples = px->alpha = NULL;
}

/* ---- JPEG ------------------------------------------------------------ */

/* The coding a JPEG frame marker (SOFn, n not 4, 8 or 12) names, in buf
 * ("lossless (SOF3)"), or NULL for one a PDF holds (DCTDecode: baseline,
 * extended sequential, progressive, all Huffman-coded). */
static const char *
jpeg_coding(int m, char *buf, size_t n)
{
	int k = m - 0xC0;
	if (k <= 2)
		return NULL;
	const char *what = k == 3 || k == 7 || k == 11 || k == 15 ? "lossless" :
	    k >= 9 ? "arithmetic" :
	             "hierarchical";
	snprintf(buf, n, "%s (SOF%d)", what, k);
	return buf;
}

/* Walks the n bytes of a JPEG file at b, from the start-of-image marker
 * to the end-of-image marker, through every segment and every scan's
 * entropy-coded data (the data itself is not decoded). */
static enum image_problem
jpeg_walk(const unsigned char *b, size_t n, struct image_info *info,
    char *detail, size_t dn)
{
	bool frame = false;
	size_t scans = 0, i = 2;
	if (n < 2 || b[0] != 0xFF || b[1] != 0xD8)
		goto bad;
	for (;;) {
		if (i >= n)
			goto cut;
		if (b[i] != 0xFF)
			goto bad;
		while (i < n && b[i] == 0xFF)
			i++;
		if (i >= n)
			goto cut;
		int m = b[i++];
		if (m == 0xD9) {
			if (!frame || scans == 0)
				goto bad;
			return IMAGE_FINE;
		}
		if (m == 0x01 || (m >= 0xD0 && m <= 0xD7))
			continue; /* markers without a segment */
		if (m == 0xD8 || m == 0x00)
			goto bad;
		if (i + 2 > n)
			goto cut;
		size_t len = (size_t)b[i] << 8 | b[i + 1];
		if (len < 2)
			goto bad;
		if (i + len > n)
			goto cut;
		const unsigned char *s = b + i + 2;
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 &&
		    m != 0xCC) {
			if (jpeg_coding(m, detail, dn) != NULL)
				return IMAGE_JPEG_CODING;
			if (frame || len < 8)
				goto bad;
			unsigned h = (unsigned)s[1] << 8 | s[2];
			unsigned w = (unsigned)s[3] << 8 | s[4];
			unsigned nc = s[5];
			if (len != 8 + 3 * (size_t)nc || w == 0 || h == 0)
				goto bad;
			if (s[0] != 8) {
				snprintf(detail, dn, "%u-bit", s[0]);
				return IMAGE_JPEG_CODING;
			}
			if (nc == 4)
				return IMAGE_CMYK;
			if (nc != 1 && nc != 3)
				goto bad;
			*info = (struct image_info){IMAGE_JPEG, w, h, nc == 3,
			    false};
			frame = true;
		}
		i += len;
		if (m != 0xDA)
			continue;
		/* A scan: its entropy-coded data runs to the next marker
		 * other than a stuffed 0xFF00 or a restart marker. */
		if (!frame)
			goto bad;
		scans++;
		while (i < n) {
			if (b[i] != 0xFF) {
				i++;
				continue;
			}
			if (i + 1 >= n)
				goto cut;
			if (b[i + 1] == 0x00 ||
			    (b[i + 1] >= 0xD0 && b[i + 1] <= 0xD7)) {
				i += 2;
				continue;
			}
			break;
		}
	}
cut:
	snprintf(detail, dn, "the JPEG file is cut short");
	return IMAGE_DAMAGED;
bad:
	snprintf(detail, dn, "not a valid JPEG file");
	return IMAGE_DAMAGED;
}

/* Reads the whole file at path into a heap buffer. */
static bool
slurp(const char *path, unsigned char **buf, size_t *len)
{
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
	size_t cap = st.st_size > 0 ? (size_t)st.st_size : 1, n = 0;
	unsigned char *b = xmalloc(cap);
	for (;;) {
		if (n == cap) {
			cap *= 2;
			b = xrealloc(b, cap);
		}
		ssize_t k = read(fd, b + n, cap - n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			int e = errno;
			free(b);
			close(fd);
			errno = e;
			return false;
		}
		if (k == 0)
			break;
		n += (size_t)k;
	}
	close(fd);
	*buf = b;
	*len = n;
	return true;
}

enum image_problem
image_inspect(const char *path, struct image_info *info, char *detail, size_t n)
{
	memset(info, 0, sizeof *info);
	if (n > 0)
		detail[0] = '\0';
	if (access(path, R_OK) != 0) {
		diag_errno(errno, detail, n);
		return IMAGE_UNREADABLE;
	}
	switch (image_sniff(path)) {
	case IMAGE_PNG:
		return png_read(path, info, NULL, detail, n);
	case IMAGE_JPEG: {
		unsigned char *b;
		size_t len;
		if (!slurp(path, &b, &len)) {
			diag_errno(errno, detail, n);
			return IMAGE_UNREADABLE;
		}
		enum image_problem r = jpeg_walk(b, len, info, detail, n);
		free(b);
		return r;
	}
	case IMAGE_UNKNOWN:
		break;
	}
	return IMAGE_NOT_IMAGE;
}
