/* glyphs.h: every character a paper prints is in one of its template's
 * fonts. Checked when the paper has been read, by check and build alike,
 * through the device's has_glyph (layout.h), so that a character no font
 * has is reported where the author typed it, before any layout. */
#ifndef CLERK_GLYPHS_H
#define CLERK_GLYPHS_H

#include "diag.h"

struct agenda;
struct metrics;
struct paper;
struct pdf_devices;
struct template_set;

/* Records in d a D_NO_GLYPH for each place where paper p (and each of its
 * appendix files) has a character that none of the fonts m measures has:
 * its body, footnotes, tables, image descriptions, and the front matter's
 * printed values. m must measure with p's template's fonts. A character
 * set in any of the fonts is taken, as the layout takes it. */
void glyphs_check(const struct paper *p, const struct metrics *m,
    struct diags *d);

/* glyphs_check with the fonts of p's template, from ds (pdf.h); nothing
 * to do when p is NULL or has no template. Returns false, recording
 * nothing, when those fonts cannot be read (*why: the device's message). */
bool glyphs_check_fonts(const struct paper *p, struct pdf_devices *ds,
    struct diags *d, const char **why);

/* The same for agenda a: its own text (front sheet and items, as written)
 * with the fonts the pack sets it with (pack_template), then every paper
 * it links, in agenda order. */
bool glyphs_check_agenda(const struct agenda *a, const struct template_set *set,
    struct pdf_devices *ds, struct diags *d, const char **why);

#endif
