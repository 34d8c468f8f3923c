/* arena.c: bump allocator in chained blocks; one per paper, freed whole. */
#include "arena.h"

#include "diag.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_BLOCK = 64 * 1024, ARENA_ALIGN = 16 };

struct block {
	struct block *prev; /* the block filled before this one */
	size_t size;        /* usable bytes in data */
	size_t used;        /* bytes handed out */
	_Alignas(16) unsigned char data[];
};

struct arena {
	struct block *head; /* the block being filled */
};

_Noreturn void
out_of_memory(void)
{
	diag_print(stderr, "clerk", D_OUT_OF_MEMORY);
	exit(3);
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (p == NULL)
		out_of_memory();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (p == NULL)
		out_of_memory();
	return p;
}

void *
xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (p == NULL)
		out_of_memory();
	return p;
}

char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

struct arena *
arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void
arena_free(struct arena *a)
{
	if (a == NULL)
		return;
	for (struct block *b = a->head, *prev; b != NULL; b = prev) {
		prev = b->prev;
		free(b);
	}
	free(a);
}

void *
arena_alloc(struct arena *a, size_t size)
{
	size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (size == 0)
		size = ARENA_ALIGN;
	struct block *b = a->head;
	if (b == NULL || b->size - b->used < size) {
		size_t want = size > ARENA_BLOCK / 4 ? size : ARENA_BLOCK;
		if (want > SIZE_MAX - sizeof(*b))
			out_of_memory();
		b = xmalloc(sizeof(*b) + want);
		b->size = want;
		b->used = 0;
		if (size > ARENA_BLOCK / 4 && a->head != NULL) {
			/* A large object gets a block of its own, kept behind
			 * the block being filled so that its room is not lost. */
			b->used = size;
			b->prev = a->head->prev;
			a->head->prev = b;
			return memset(b->data, 0, size);
		}
		b->prev = a->head;
		a->head = b;
	}
	void *p = b->data + b->used;
	b->used += size;
	return memset(p, 0, size);
}

void *
arena_grow(struct arena *a, void *old, size_t n_old, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		out_of_memory();
	void *p = arena_alloc(a, n * size);
	if (old != NULL && n_old > 0)
		memcpy(p, old, (n_old < n ? n_old : n) * size);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		out_of_memory();
	char *p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}
