/* test_image.c: image files checked whole when a paper is read. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "image.h"

#define IMG "tests/bad/img/"

static enum image_problem
inspect(const char *path, struct image_info *info, char *detail)
{
	return image_inspect(path, info, detail, 160);
}

Test(image, good_files_give_size_and_colour)
{
	struct image_info i;
	char detail[160];
	cr_assert_eq(inspect("tests/layout/img/bars.png", &i, detail),
	    IMAGE_FINE);
	cr_assert_eq(i.type, IMAGE_PNG);
	cr_assert_eq(i.width, 640);
	cr_assert_eq(i.height, 360);
	cr_assert_eq(inspect(IMG "progressive.jpg", &i, detail), IMAGE_FINE);
	cr_assert_eq(i.type, IMAGE_JPEG);
	cr_assert_eq(i.width, 12);
	cr_assert_eq(i.height, 8);
	cr_assert(i.color);
	cr_assert_eq(inspect(IMG "baseline.jpg", &i, detail), IMAGE_FINE);
	cr_assert_eq(i.width, 12);
}

Test(image, jpeg_codings_a_pdf_cannot_hold)
{
	struct image_info i;
	char detail[160];
	cr_assert_eq(inspect(IMG "lossless.jpg", &i, detail),
	    IMAGE_JPEG_CODING);
	cr_assert_str_eq(detail, "lossless (SOF3)");
	cr_assert_eq(inspect(IMG "arithmetic.jpg", &i, detail),
	    IMAGE_JPEG_CODING);
	cr_assert_str_eq(detail, "arithmetic (SOF9)");
	cr_assert_eq(inspect(IMG "cmyk.jpg", &i, detail), IMAGE_CMYK);
}

Test(image, damaged_files)
{
	struct image_info i;
	char detail[160];
	cr_assert_eq(inspect(IMG "cut.jpg", &i, detail), IMAGE_DAMAGED);
	cr_assert_str_eq(detail, "the JPEG file is cut short");
	cr_assert_eq(inspect(IMG "cut.png", &i, detail), IMAGE_DAMAGED);
	cr_assert_eq(inspect(IMG "fake.png", &i, detail), IMAGE_NOT_IMAGE);
	cr_assert_eq(inspect("/nonexistent.png", &i, detail),
	    IMAGE_UNREADABLE);

	/* a JPEG header with a frame but no scan: not a JPEG to draw */
	static const unsigned char jpeg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0x00,
	    0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
	    0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0xC8, 0x01, 0x2C, 0x01, 0x01,
	    0x11, 0x00, 0xFF, 0xD9};
	char tmp[] = "/tmp/clerk-image-XXXXXX";
	int fd = mkstemp(tmp);
	cr_assert(fd >= 0);
	cr_assert_eq(write(fd, jpeg, sizeof jpeg), (ssize_t)sizeof jpeg);
	close(fd);
	cr_assert_eq(inspect(tmp, &i, detail), IMAGE_DAMAGED);
	cr_assert_str_eq(detail, "not a valid JPEG file");
	unlink(tmp);
}

Test(image, png_decoded_for_the_painter)
{
	struct image_pixels px;
	char why[160];
	cr_assert(image_png_decode("tests/pdf/img/alpha16.png", &px, why,
	    sizeof why));
	cr_assert_eq(px.width, 8);
	cr_assert_not_null(px.samples);
	/* no alpha plane (PDF/A holds no soft mask): the half-transparent
	 * red of the top right corner composited over white, the opaque
	 * black of the top left kept */
	cr_assert_null(px.alpha);
	cr_assert(px.color);
	const unsigned char *tr = px.samples + 7 * 3, *tl = px.samples;
	cr_assert_eq(tr[0], 255);
	cr_assert(tr[1] > 100 && tr[1] == tr[2], "green %d, blue %d", tr[1],
	    tr[2]);
	cr_assert(tl[0] == 0 && tl[1] == 0 && tl[2] == 0);
	image_pixels_free(&px);
	cr_assert(!image_png_decode(IMG "cut.png", &px, why, sizeof why));
}
