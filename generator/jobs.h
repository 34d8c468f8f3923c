/* jobs.h: n independent jobs run on up to njobs threads, for the work of
 * one command that parallelises (papers of an agenda read, laid out). */
#ifndef CLERK_JOBS_H
#define CLERK_JOBS_H

#include <stddef.h>

/* Runs fn(ctx, i, worker) for every i in [0, n), each once, on up to njobs
 * threads (the calling thread only when njobs <= 1, n <= 1, or no thread
 * can be started), and returns when all are done. worker, below njobs, is
 * the same for the jobs one thread runs, so fn may keep per-worker state
 * in ctx. done, when not NULL, is called after each job with its i and the
 * number done so far, one call at a time (under the pool's lock: what it
 * reads of other jobs it must have written itself). Jobs are taken in
 * order of i. */
void jobs_run(size_t n, size_t njobs,
    void (*fn)(void *ctx, size_t i, size_t worker),
    void (*done)(void *ctx, size_t i, size_t ndone, size_t n), void *ctx);

#endif
