/* icc.h: the sRGB ICC profile of a PDF/A output intent, made by LittleCMS
 * (the only file that includes lcms2.h). */
#ifndef CLERK_ICC_H
#define CLERK_ICC_H

#include <stddef.h>

/* The bytes of a standard sRGB (IEC 61966-2.1) ICC profile, version 4.2,
 * *len of them: the same bytes in every run (its creation date fixed, its
 * profile ID zero). Made once per process, safe in threads; static, never
 * NULL. */
const unsigned char *icc_srgb(size_t *len);

#endif
