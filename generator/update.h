/* update.h: what clerk build -u and clerk pack -u need to skip an output
 * that is up to date: one whose inputs are the same, by content, as when
 * it was written.
 *
 * THE RECORD. Each output folder clerk writes into with -u holds a file
 * ".clerk-state": for each output (by its name in that folder), a key,
 * the templates it was laid out with (by id), every file it was made
 * from (inputs.h)
 * with its SHA-256 (or that it did not exist), and every file written
 * (the document, its companion folder's files) with its size, time and
 * SHA-256. The key is the SHA-256 of what else decides the bytes: the
 * command and its options (the settings string the command gives,
 * holding SOURCE_DATE_EPOCH and the input as named), clerk itself (its
 * version and the SHA-256 of its executable), each template's file and
 * font files (by their SHA-256), and the table clerk chooses a template
 * from when a paper names none (every template's id, kind and period:
 * adding a template, or changing a period, rebuilds everything).
 *
 * AN OUTPUT IS UP TO DATE when its record's key is the key made now,
 * every input has the SHA-256 recorded (an absent one is still absent),
 * and every file written is there with the bytes recorded: its size and
 * time as recorded, or else its SHA-256 (a copied folder has new times:
 * its files are read once, and their record refreshed). Paths of inputs
 * are as clerk opened them, relative to the current folder: the record
 * survives a copy of the output folder, and a run from another folder
 * finds nothing up to date.
 *
 * The record is read when an output of a folder is first asked about,
 * and written back by update_save: under a lock on the folder (flock),
 * merged with what another process wrote since (clerk build --shard
 * runs side by side), written whole through a temporary file. Records of
 * outputs no longer there are dropped. Safe to use from several threads.
 * No library is used. */
#ifndef CLERK_UPDATE_H
#define CLERK_UPDATE_H

#include <stdbool.h>

struct inputs;
struct rendered;
struct template_set;

/* The name of the record in each output folder. */
#define UPDATE_STATE ".clerk-state"

struct update;

/* Records and checks against the templates of set (which must outlive
 * it). Reads clerk's own executable once. */
struct update *update_new(const struct template_set *set);

/* Whether the output at path (a document written from a struct rendered
 * whose path it was) is up to date for settings. */
bool update_fresh(struct update *u, const char *path, const char *settings);

/* Records the output at path, just written from r with settings, as made
 * from in. Reads the inputs and the files written. */
void update_record(struct update *u, const char *path, const struct rendered *r,
    const char *settings, const struct inputs *in);

/* Adds to in what the record of the output at path says it was made
 * from: its files (one that did not exist as absent) and its templates,
 * as the set has them now (one no longer there is left out). Nothing
 * when the output has no record. For an output found up to date, whose
 * inputs were not read (clerk watch watches them). */
void update_inputs(struct update *u, const char *path, struct inputs *in);

/* Writes the record of every folder that changed. Returns false when one
 * could not be written, which it says on stderr. */
bool update_save(struct update *u);

void update_free(struct update *u);

#endif
