/* image.h: the image files a paper shows, read whole when the paper is
 * read: a PNG decoded, a JPEG walked marker by marker to its end, so that
 * whatever passes is laid out from what is recorded here and drawn
 * without surprises. The only file that includes libpng. */
#ifndef CLERK_IMAGE_H
#define CLERK_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

enum image_type {
	IMAGE_UNKNOWN,
	IMAGE_PNG,
	IMAGE_JPEG,
};

/* What an image that clerk can draw holds. */
struct image_info {
	enum image_type type;
	unsigned width, height; /* pixels, never 0 */
	bool color;             /* RGB (else gray) samples */
	bool alpha;             /* a PNG with transparency */
};

/* Why an image cannot be drawn. */
enum image_problem {
	IMAGE_FINE,
	IMAGE_UNREADABLE,  /* cannot be opened or read; detail: why */
	IMAGE_NOT_IMAGE,   /* neither PNG nor JPEG by its first bytes */
	IMAGE_DAMAGED,     /* cut short or broken; detail: what */
	IMAGE_JPEG_CODING, /* a JPEG coding a PDF cannot hold; detail:
			       "lossless (SOF3)" ... */
	IMAGE_CMYK,        /* a JPEG of four components */
	IMAGE_TOO_LARGE,   /* more pixels than clerk decodes */
};

/* clerk's limit on the decoded size of one PNG (samples, bytes). */
#define IMAGE_MAX_BYTES (256u * 1024u * 1024u)

/* The type of the image file at path, by its first bytes. */
enum image_type image_sniff(const char *path);

/* Reads the image file at path whole and says whether clerk can draw it:
 * a PNG that libpng decodes to its end, or a baseline (SOF0, SOF1) or
 * progressive (SOF2) JPEG of 8-bit samples, gray or RGB, whose segments
 * and scans run to its end-of-image marker. On IMAGE_FINE *info is
 * filled; otherwise detail (n bytes) says more where the problem has a
 * detail. Safe in threads. */
enum image_problem image_inspect(const char *path, struct image_info *info,
    char *detail, size_t n);

/* A PNG's pixels, decoded for the painter. */
struct image_pixels {
	unsigned width, height;
	bool color;             /* 3 samples a pixel, else 1 */
	unsigned char *samples; /* width * height pixels, 8 bits a sample,
				   heap */
	unsigned char *alpha;   /* always NULL: transparency is composited
				   over white (a PDF/A file holds no soft
				   mask) */
};

/* Decodes the PNG file at path into px (free with image_pixels_free).
 * Returns false with the reason in why (n bytes) when it cannot: for a
 * file that image_inspect passed, only a system error or a file changed
 * since. */
bool image_png_decode(const char *path, struct image_pixels *px, char *why,
    size_t n);

void image_pixels_free(struct image_pixels *px);

#endif
