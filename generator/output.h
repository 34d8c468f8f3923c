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

/* A file that goes with a rendered document: an HTML page's image, or a
 * page of a meeting's folder. */
struct rendered_file {
	char *name;  /* relative to the document's folder (below),
			    "/"-separated, no "." or ".." part; heap */
	char *bytes; /* its content (heap), len of them; or NULL */
	size_t len;
	char *copy_from; /* with bytes NULL: the file copied whole (heap) */
};

/* One document rendered, as a back end hands it to the command that
 * writes it (backend.h). A document is a file (bytes, written at its
 * path) with, when nfiles > 0, a folder of files beside it, named by
 * folder ("paper.files"), and replaced whole; or, with folder NULL and
 * as_folder set, a folder itself (path), replaced whole, whose index.html
 * is bytes and whose other files are files. */
struct rendered {
	char *bytes; /* heap */
	size_t len;
	struct rendered_file *files; /* heap, nfiles of them */
	size_t nfiles;
	char *folder;   /* the companion folder's name (heap), or NULL */
	bool as_folder; /* the document is a folder */
	/* Set by the command before rendering (not owned): where the
	 * document will be written, so that a back end can see what is
	 * beside it (an HTML page links to the PDF built beside it). */
	const char *path;
};

/* Adds a file to r: name (copied), with bytes (taken: r owns them) or,
 * when bytes is NULL, the file copy_from (copied) copied whole. */
void rendered_add(struct rendered *r, const char *name, char *bytes, size_t len,
    const char *copy_from);

/* Frees what r holds (not path) and empties it. */
void rendered_free(struct rendered *r);

/* Writing rendered documents whole or not at all, several as one (a
 * pack's two editions): output_rendered_stage writes r's file and its
 * folder beside path, under temporary names; output_rendered_commit puts
 * each staged document into place (a folder replacing the previous one
 * whole, so that no file of an earlier build is left in it, then the
 * file); output_rendered_discard removes what was staged. stage returns NULL with errno set and
 * *failed the file that could not be written (heap), leaving nothing
 * behind; commit returns false with errno set and *failed. A folder set
 * with no files removes the folder of that name an earlier build left. */
struct staged;
struct staged *output_rendered_stage(const char *path, const struct rendered *r,
    char **failed);
bool output_rendered_commit(struct staged *s, char **failed);
void output_rendered_discard(struct staged *s);

#endif
