/* build.h: clerk build's batch (cmd_build.c): the command line read into
 * a request, and a run of it, which clerk build makes once and clerk
 * watch again after each save. */
#ifndef CLERK_BUILD_H
#define CLERK_BUILD_H

#include <stdbool.h>
#include <stddef.h>

#include "backend.h"
#include "model.h"
#include "pack.h"
#include "shard.h"

struct build_request {
	const char *command; /* "build" or "watch", for messages */
	char **files;        /* the inputs, as given */
	size_t nfiles;
	const struct backend *be;       /* -f */
	enum edition edition;           /* --full */
	const char *tpl_id;             /* -t, or NULL */
	const char *out_file, *out_dir; /* -o, -O, or NULL */
	long njobs;                     /* -j */
	bool update;                    /* -u */
	bool deps;                      /* --deps */
	struct shard shard;             /* --shard ({0}: every file) */
	struct render_options opt;      /* SOURCE_DATE_EPOCH */
	bool announce; /* say "written FILE" for each output written */
};

/* The command line of command ("build" or "watch"), its files from the
 * first argument that is not an option, checked into rq (which points
 * into argv). Returns EXIT_OK or EXIT_USAGE with the usage error printed. */
int build_parse(const char *command, int argc, char **argv,
    struct build_request *rq);

/* Builds rq's files (templates read afresh), printing every message, and
 * calls input (when not NULL) once per file each output was made from
 * or, for a file that failed, what of it was read (at least the file
 * itself). Returns the exit status. */
int build_run(const struct build_request *rq,
    void (*input)(void *ctx, const char *path), void *ctx);

/* clerk pack's command line (cmd_pack.c), read the same way. */
struct pack_request {
	const char *command;       /* "pack" or "watch", for messages */
	const char *agenda;        /* the agenda, as given */
	const struct backend *be;  /* -f */
	const char *out_dir;       /* -O, or NULL */
	long njobs;                /* -j */
	bool duplex;               /* --duplex */
	enum pack_mode mode;       /* --supplement, --agenda-only */
	bool update;               /* -u */
	bool deps;                 /* --deps */
	struct render_options opt; /* SOURCE_DATE_EPOCH */
	bool announce; /* say "written FILE" for each pack written */
};

/* The command line of clerk pack, checked into rq. Returns EXIT_OK or
 * EXIT_USAGE with the usage error printed. */
int pack_parse(const char *command, int argc, char **argv,
    struct pack_request *rq);

/* Builds rq's packs (templates read afresh), printing every message,
 * and calls input (when not NULL) once per file the packs were made from
 * or, when the agenda could not be read, for the agenda. Returns the
 * exit status. */
int pack_run(const struct pack_request *rq,
    void (*input)(void *ctx, const char *path), void *ctx);

#endif
