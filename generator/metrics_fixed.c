/* metrics_fixed.c: fake text metrics for tests (layout.h): fixed widths,
 * so that a layout dump is the same on every machine. */
#include "layout.h"
#include "text.h"

static bool
is_mono(enum font f)
{
	return f == FONT_MONO || f == FONT_MONO_BOLD || f == FONT_MONO_ITALIC ||
	    f == FONT_MONO_BOLD_ITALIC;
}

static bool
fixed_has_glyph(void *ctx, enum font f, uint32_t cp)
{
	(void)ctx;
	if (cp > 0xFFFF)
		return false;
	if (cp == 0x2713 || (cp >= 0x2190 && cp <= 0x21FF))
		return f == FONT_FALLBACK || f == FONT_FALLBACK_BOLD;
	return true;
}

/* 500 per character, 250 a space, 600 in the mono faces. */
static double
fixed_width(void *ctx, enum font f, const char *s, size_t n)
{
	(void)ctx;
	double w = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode((const unsigned char *)s + i, n - i,
		    &cp);
		if (len == 0)
			len = 1;
		w += is_mono(f) ? 600 : cp == ' ' ? 250 : 500;
		i += len;
	}
	return w;
}

static const struct metrics fixed = {
    .ctx = NULL,
    .width = fixed_width,
    .has_glyph = fixed_has_glyph,
    .ascent = {800, 800, 800, 800, 800, 800, 800, 800, 800, 800},
    .descent = {-200, -200, -200, -200, -200, -200, -200, -200, -200, -200},
};

const struct metrics *
metrics_fixed(void)
{
	return &fixed;
}
