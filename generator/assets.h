/* assets.h: files a paper names (images, appendix files): resolved against
 * the paper's folder, never outside its folder tree, and sniffed for type. */
#ifndef CLERK_ASSETS_H
#define CLERK_ASSETS_H

#include <stdbool.h>

#include "diag.h"

struct arena;
struct paper;

enum asset_status {
	ASSET_OK,
	ASSET_ABSOLUTE, /* an absolute path */
	ASSET_ESCAPES,  /* leads outside the paper's folder (by .. or a link) */
	ASSET_MISSING,  /* no such file */
	ASSET_NOT_FILE, /* a folder or a device */
	ASSET_REMOTE,   /* a URL */
};

enum image_type {
	IMAGE_UNKNOWN,
	IMAGE_PNG,
	IMAGE_JPEG,
};

/* Resolves name (as written in the paper) against dir. On ASSET_OK *path
 * is the file's path (in the arena) for opening. */
enum asset_status asset_resolve(struct arena *a, const char *dir,
    const char *name, const char **path);

/* The type of the image file at path, by its first bytes. */
enum image_type image_sniff(const char *path);

/* The width and height in pixels of the image file at path, of type t,
 * from its header (PNG IHDR, JPEG SOFn). Returns false when the file
 * cannot be read (errno set) or its header gives no size (errno 0). */
bool image_size(const char *path, enum image_type t, double *w_px,
    double *h_px);

/* Checks every N_IMAGE of the paper: records D_IMAGE_*, D_PATH_* in d and
 * sets u.link.path of the good ones. */
void assets_check_images(struct paper *p, struct diags *d);

/* Records the diagnostic for a bad status (D_PATH_ABSOLUTE ...) of name
 * as resolved against dir; a file not found gets a "did you mean" from
 * the files beside it (made in arena a). */
void asset_report(struct arena *a, struct diags *d, const char *file,
    struct pos pos, enum asset_status s, const char *dir, const char *name);

#endif
