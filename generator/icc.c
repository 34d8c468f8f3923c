/* icc.c: the sRGB profile of the PDF output intent, from LittleCMS. The
 * only file that includes lcms2.h. */
#include "icc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <lcms2.h>

#include "arena.h"

static unsigned char *profile;
static size_t profile_len;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* The header's creation date (bytes 24 to 35: year, month, day, hour,
 * minute, second, each 16 bits big-endian), which LittleCMS takes from the
 * clock: fixed at 2000-01-01 00:00:00, so that the same input gives the
 * same PDF. */
static void
fix_date(unsigned char *p)
{
	static const unsigned char date[12] = {0x07, 0xD0, 0, 1, 0, 1, 0, 0, 0,
	    0, 0, 0};
	memcpy(p + 24, date, sizeof date);
	/* the profile ID (bytes 84 to 99), a digest of the rest, would now
	 * be wrong: zero says that none was computed */
	memset(p + 84, 0, 16);
}

static void
make_profile(void)
{
	cmsHPROFILE h = cmsCreate_sRGBProfile();
	if (h == NULL)
		out_of_memory();
	/* ICC.1:2004-10 (version 4.2), which PDF 1.7 and PDF/A-2 name (not
	 * LittleCMS's 4.3); version 4 keeps the sRGB curves parametric, a
	 * profile of under 600 bytes (version 2 tabulates them: 8.8 KB in
	 * every PDF) */
	cmsSetProfileVersion(h, 4.2);
	cmsUInt32Number n = 0;
	if (!cmsSaveProfileToMem(h, NULL, &n) || n < 128)
		out_of_memory();
	profile = xmalloc(n);
	if (!cmsSaveProfileToMem(h, profile, &n))
		out_of_memory();
	cmsCloseProfile(h);
	fix_date(profile);
	profile_len = n;
}

const unsigned char *
icc_srgb(size_t *len)
{
	pthread_once(&once, make_profile);
	*len = profile_len;
	return profile;
}
