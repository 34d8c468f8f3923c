/* jobs.c: a pool of threads over a list of jobs (jobs.h). */
#include <pthread.h>

#include "jobs.h"

enum { MAX_THREADS = 64 };

struct pool {
	size_t n;
	void (*fn)(void *ctx, size_t i, size_t worker);
	void (*done_fn)(void *ctx, size_t i, size_t ndone, size_t n);
	void *ctx;
	pthread_mutex_t mu;
	size_t next, done;
};

struct worker {
	struct pool *pool;
	size_t id;
};

static void *
work(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->pool;
	for (;;) {
		pthread_mutex_lock(&p->mu);
		size_t i = p->next < p->n ? p->next++ : p->n;
		pthread_mutex_unlock(&p->mu);
		if (i == p->n)
			return NULL;
		p->fn(p->ctx, i, w->id);
		pthread_mutex_lock(&p->mu);
		p->done++;
		if (p->done_fn != NULL)
			p->done_fn(p->ctx, i, p->done, p->n);
		pthread_mutex_unlock(&p->mu);
	}
}

void
jobs_run(size_t n, size_t njobs, void (*fn)(void *ctx, size_t i, size_t worker),
    void (*done)(void *ctx, size_t i, size_t ndone, size_t n), void *ctx)
{
	struct pool p = {.n = n, .fn = fn, .done_fn = done, .ctx = ctx};
	pthread_mutex_init(&p.mu, NULL);
	if (njobs > n)
		njobs = n;
	if (njobs > MAX_THREADS)
		njobs = MAX_THREADS;
	pthread_t threads[MAX_THREADS];
	struct worker workers[MAX_THREADS];
	size_t started = 0;
	if (njobs > 1)
		for (; started < njobs; started++) {
			workers[started] = (struct worker){&p, started};
			if (pthread_create(&threads[started], NULL, work,
			        &workers[started]) != 0)
				break;
		}
	if (started == 0) {
		struct worker self = {&p, 0};
		work(&self);
	}
	for (size_t t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	pthread_mutex_destroy(&p.mu);
}
