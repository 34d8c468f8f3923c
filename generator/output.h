/* output.h: writing files whole or not at all. */
#ifndef CLERK_OUTPUT_H
#define CLERK_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

/* Writes len bytes of data to path through a temporary file in the same
 * folder, then renames it into place (or, with no_clobber, links it, so an
 * existing file is never replaced). On failure nothing is left behind, a
 * previous file at path is untouched, errno is set and false returned
 * (EEXIST: the file exists and no_clobber was asked). */
bool output_write(const char *path, const void *data, size_t len,
    bool no_clobber);

#endif
