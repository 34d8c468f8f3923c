/* arena.h: one region of memory per paper; everything in it goes in one free. */
#ifndef CLERK_ARENA_H
#define CLERK_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

/* A new, empty arena. Never returns NULL: out of memory ends the program (exit 3). */
struct arena *arena_new(void);

/* Frees the arena and everything allocated in it. NULL is allowed. */
void arena_free(struct arena *a);

/* size bytes, zeroed, aligned for any type; lives as long as the arena. */
void *arena_alloc(struct arena *a, size_t size);

/* Grows an array kept in the arena: returns room for n elements of size
 * bytes, copying the old n_old elements. The old block is left in the arena. */
void *arena_grow(struct arena *a, void *old, size_t n_old, size_t n,
    size_t size);

/* NUL-terminated copies in the arena. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* printf into the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);

/* Heap helpers for memory outside any arena: they never return NULL. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);

/* Prints "clerk: out of memory" and exits with status 3. */
_Noreturn void out_of_memory(void);

#endif
