/* shard.h: "clerk build --shard I/N": which of N shares an input file is
 * in. The share of a file depends only on its path, as the current folder
 * sees it, and on N: never on the order of the files given, on the other
 * files, on the machine or on the time, so that N runs of clerk, started
 * anywhere by any scheduler, each with the whole list, build every file
 * exactly once. No library is used.
 *
 * The rule (clerk(1), SHARDS, says the same):
 *   1. The path is normalised as text: empty and "." components are
 *      dropped ("./a//b/./c.md" is "a/b/c.md").
 *   2. An absolute path, or one with a ".." component, whose folder
 *      resolves (realpath) to the current folder (itself resolved) or to
 *      a folder under it, is made relative to the current folder: its
 *      resolved folder's path from there, then its file name. Otherwise
 *      it is kept as normalised in 1 (an absolute one stays absolute).
 *   3. The key's bytes are hashed by FNV-1a 64, the result mixed by the
 *      finaliser of MurmurHash3 (fmix64: FNV-1a alone leaves its low bits
 *      depending on few bits of the input), and taken modulo N. */
#ifndef CLERK_SHARD_H
#define CLERK_SHARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The most shares --shard takes. */
#define SHARD_MAX 1000000

/* A share: index I of count N. {0}, count 0: no --shard, every file. */
struct shard {
	unsigned long index; /* I, from 0 to count - 1 */
	unsigned long count; /* N, from 1 to SHARD_MAX; 0: not sharded */
};

/* What shard_parse found wrong. */
enum shard_error {
	SHARD_OK,
	SHARD_FORM,  /* not digits "/" digits */
	SHARD_COUNT, /* N is 0 or more than SHARD_MAX */
	SHARD_INDEX, /* I is N or more */
};

/* Parses "I/N" (digits only: no sign, space or other character) into *s,
 * which is set only on SHARD_OK. */
enum shard_error shard_parse(const char *text, struct shard *s);

/* A struct cli_option parser (cli.h) for --shard: value into dst (struct
 * shard *). Returns EXIT_OK, or prints the usage error of command and
 * returns EXIT_USAGE. */
int shard_option(const char *command, const char *name, const char *value,
    void *dst);

/* The key of path, as rule 1 and 2 above make it. Heap; never NULL. */
char *shard_key(const char *path);

/* FNV-1a 64 of the n bytes at p, mixed by fmix64 (rule 3). */
uint64_t shard_hash(const void *p, size_t n);

/* The share, from 0 to count - 1, of path among count (at least 1). */
unsigned long shard_of(const char *path, unsigned long count);

/* Whether s holds path: always, when s is not sharded (count 0) or has
 * one share; otherwise when shard_of(path, count) is its index. */
bool shard_holds(const struct shard *s, const char *path);

#endif
