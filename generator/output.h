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

/* Writing several files as one: each is written whole to a temporary file
 * beside its path (output_stage), and only when all are, renamed into
 * place (output_commit); otherwise removed (output_discard), leaving the
 * previous files as they were. output_stage returns the temporary file's
 * name (heap; the commit or discard frees it), or NULL with errno set and
 * nothing left behind. */
char *output_stage(const char *path, const void *data, size_t len);
bool output_commit(char *tmp, const char *path);
void output_discard(char *tmp);

#endif
