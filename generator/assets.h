/* assets.h: files a paper names (images, appendix files): resolved against
 * the paper's folder, never outside its folder tree; images read whole. */
#ifndef CLERK_ASSETS_H
#define CLERK_ASSETS_H

#include <stdbool.h>

#include "diag.h"
#include "image.h"

struct arena;
struct node;
struct paper;

enum asset_status {
	ASSET_OK,
	ASSET_ABSOLUTE, /* an absolute path */
	ASSET_ESCAPES,  /* leads outside the paper's folder (by .. or a link) */
	ASSET_MISSING,  /* no such file */
	ASSET_NOT_FILE, /* a folder or a device */
	ASSET_REMOTE,   /* a URL */
};

/* Resolves name (as written in the paper) against dir. On ASSET_OK *path
 * is the file's path (in the arena) for opening. */
enum asset_status asset_resolve(struct arena *a, const char *dir,
    const char *name, const char **path);

/* Checks the image img (an N_IMAGE) of the document at file, whose
 * folder is dir: its path, its description (none is an error, but for an
 * image marked decorative: image_decorative), and the file read whole
 * (image.h). Every problem is recorded in d at img's position, naming the
 * file as written. For a good file sets u.link.path and u.link.image (in
 * arena a), from which the layout sets it without reading the file. */
void asset_check_image(struct arena *a, struct diags *d, const char *file,
    const char *dir, struct node *img);

/* asset_check_image for every N_IMAGE of the paper. */
void assets_check_images(struct paper *p, struct diags *d);

/* Records the diagnostic for a bad status (D_PATH_ABSOLUTE ...) of name
 * as resolved against dir; a file not found gets a "did you mean" from
 * the files beside it (made in arena a). */
void asset_report(struct arena *a, struct diags *d, const char *file,
    struct pos pos, enum asset_status s, const char *dir, const char *name);

#endif
