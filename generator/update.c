/* update.c: the record of what each output was made from, and whether an
 * output is up to date (update.h). */
#define _DEFAULT_SOURCE /* flock */
#include "update.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "inputs.h"
#include "output.h"
#include "strset.h"
#include "template.h"
#include "text.h"

/* The first line of a record; another is read as no record. */
#define STATE_MAGIC "clerk-state 1"

struct in_rec {
	char *path;
	bool absent;
	char sha[65];
};

struct out_rec {
	char *name; /* relative to the folder */
	long long size, mtime_ns;
	char sha[65];
};

/* The record of one output. */
struct entry {
	char *name; /* the output's name in its folder */
	char key[65];
	char **tpls; /* template ids */
	size_t ntpls;
	struct in_rec *in;
	size_t nin;
	struct out_rec *out;
	size_t nout;
	bool dirty;         /* made or refreshed by this run */
	struct entry *next; /* every entry of the run (to free) */
};

/* A name's place in a folder: its entry now. */
struct slot {
	struct entry *e;
};

struct folder {
	char *dir;
	struct strset names; /* name -> struct slot */
	char **order;        /* names in the order first met */
	size_t n, cap;
	bool dirty;
};

struct update {
	const struct template_set *set;
	char self[65];   /* clerk's executable; "" when unreadable */
	char choice[65]; /* the table clerk chooses templates from */
	pthread_mutex_t lock;
	struct arena *arena; /* slots and strset tables (under lock) */
	struct folder **folders;
	size_t nfolders;
	struct entry *all;
};

/* ---- Entries --------------------------------------------------------- */

static void
entry_free(struct entry *e)
{
	free(e->name);
	for (size_t i = 0; i < e->ntpls; i++)
		free(e->tpls[i]);
	free(e->tpls);
	for (size_t i = 0; i < e->nin; i++)
		free(e->in[i].path);
	free(e->in);
	for (size_t i = 0; i < e->nout; i++)
		free(e->out[i].name);
	free(e->out);
	free(e);
}

/* Takes e into u's list of entries to free; returns e. */
static struct entry *
keep(struct update *u, struct entry *e)
{
	e->next = u->all;
	u->all = e;
	return e;
}

/* Puts e as the entry of its name in f (under u's lock). */
static void
folder_put(struct update *u, struct folder *f, struct entry *e)
{
	struct slot *s = (struct slot *)strset_get(&f->names, e->name);
	if (s == NULL) {
		s = arena_alloc(u->arena, sizeof *s);
		if (f->n == f->cap) {
			f->cap = f->cap ? f->cap * 2 : 64;
			f->order = xrealloc(f->order,
			    f->cap * sizeof *f->order);
		}
		f->order[f->n++] = e->name;
		strset_put(u->arena, &f->names, e->name, s);
	}
	s->e = e;
}

/* ---- The file -------------------------------------------------------- */

/* s with '\\' and newlines escaped, appended to fp. */
static void
put_escaped(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			fputs("\\\\", fp);
		else if (*s == '\n')
			fputs("\\n", fp);
		else
			fputc(*s, fp);
	}
}

/* The escaped text s unescaped (heap). */
static char *
unescape(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;
	for (; *s != '\0'; s++) {
		if (*s == '\\' && s[1] == 'n')
			*o++ = '\n', s++;
		else if (*s == '\\' && s[1] == '\\')
			*o++ = '\\', s++;
		else
			*o++ = *s;
	}
	*o = '\0';
	return out;
}

static bool
is_sha(const char *s)
{
	if (strlen(s) != 64)
		return false;
	for (; *s != '\0'; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

/* Reads the record at path into f (under u's lock). A file that cannot
 * be read or is not a record is read as none: its outputs are built. */
static void
folder_read(struct update *u, struct folder *f, const char *path)
{
	FILE *fp = fopen(path, "r");
	if (fp == NULL)
		return;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	struct entry *e = NULL;
	bool magic = false, bad = false;
	while (!bad && (n = getline(&line, &cap, fp)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		if (!magic) {
			magic = strcmp(line, STATE_MAGIC) == 0;
			bad = !magic;
			continue;
		}
		char c = line[0];
		char *rest = line + (n > 1 ? 2 : 1);
		if (c == '@') { /* "@ KEY NAME" */
			char key[65];
			int used = 0;
			if (sscanf(rest, "%64s %n", key, &used) != 1 ||
			    used == 0 || !is_sha(key)) {
				bad = true;
				break;
			}
			e = keep(u, xcalloc(1, sizeof *e));
			memcpy(e->key, key, 65);
			e->name = unescape(rest + used);
			folder_put(u, f, e);
		} else if (e == NULL) {
			bad = true;
		} else if (c == 't') {
			e->tpls = xrealloc(e->tpls,
			    (e->ntpls + 1) * sizeof *e->tpls);
			e->tpls[e->ntpls++] = unescape(rest);
		} else if (c == 'i') { /* "i SHA|- PATH" */
			char sha[65];
			int used = 0;
			if (sscanf(rest, "%64s %n", sha, &used) != 1 ||
			    used == 0 ||
			    (strcmp(sha, "-") != 0 && !is_sha(sha))) {
				bad = true;
				break;
			}
			e->in = xrealloc(e->in, (e->nin + 1) * sizeof *e->in);
			struct in_rec *r = &e->in[e->nin++];
			r->absent = strcmp(sha, "-") == 0;
			memcpy(r->sha, r->absent ? "" : sha,
			    r->absent ? 1 : 65);
			r->path = unescape(rest + used);
		} else if (c == 'o') { /* "o SIZE MTIME SHA NAME" */
			long long size, mtime;
			char sha[65];
			int used = 0;
			if (sscanf(rest, "%lld %lld %64s %n", &size, &mtime,
			        sha, &used) != 3 ||
			    used == 0 || !is_sha(sha)) {
				bad = true;
				break;
			}
			e->out = xrealloc(e->out,
			    (e->nout + 1) * sizeof *e->out);
			struct out_rec *r = &e->out[e->nout++];
			r->size = size;
			r->mtime_ns = mtime;
			memcpy(r->sha, sha, 65);
			r->name = unescape(rest + used);
		} else {
			bad = true;
		}
	}
	free(line);
	fclose(fp);
	if (bad) /* not a record clerk wrote: none */
		for (size_t i = 0; i < f->n; i++)
			((struct slot *)strset_get(&f->names, f->order[i]))
			    ->e = NULL;
}

static void
entry_write(FILE *fp, const struct entry *e)
{
	fprintf(fp, "@ %s ", e->key);
	put_escaped(fp, e->name);
	fputc('\n', fp);
	for (size_t i = 0; i < e->ntpls; i++) {
		fputs("t ", fp);
		put_escaped(fp, e->tpls[i]);
		fputc('\n', fp);
	}
	for (size_t i = 0; i < e->nin; i++) {
		fprintf(fp, "i %s ", e->in[i].absent ? "-" : e->in[i].sha);
		put_escaped(fp, e->in[i].path);
		fputc('\n', fp);
	}
	for (size_t i = 0; i < e->nout; i++) {
		fprintf(fp, "o %lld %lld %s ", e->out[i].size,
		    e->out[i].mtime_ns, e->out[i].sha);
		put_escaped(fp, e->out[i].name);
		fputc('\n', fp);
	}
}

/* dir/name (heap). */
static char *
join(const char *dir, const char *name)
{
	size_t n = strlen(dir), m = strlen(name);
	char *s = xmalloc(n + m + 2);
	memcpy(s, dir, n);
	s[n] = '/';
	memcpy(s + n + 1, name, m + 1);
	return s;
}

/* Whether the first file e records writing is still in dir. */
static bool
entry_exists(const char *dir, const struct entry *e)
{
	if (e->nout == 0)
		return false;
	char *p = join(dir, e->out[0].name);
	struct stat st;
	bool ok = stat(p, &st) == 0;
	free(p);
	return ok;
}

/* ---- Folders --------------------------------------------------------- */

/* The folder of path (heap): "." when it has none. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	size_t n = (size_t)(slash - path);
	char *d = xmalloc(n + 1);
	memcpy(d, path, n);
	d[n] = '\0';
	return d;
}

static const char *
base_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* The folder dir, its record read when first asked for (under the
 * lock). */
static struct folder *
folder_get(struct update *u, const char *dir)
{
	for (size_t i = 0; i < u->nfolders; i++)
		if (strcmp(u->folders[i]->dir, dir) == 0)
			return u->folders[i];
	struct folder *f = xcalloc(1, sizeof *f);
	f->dir = xstrdup(dir);
	u->folders = xrealloc(u->folders,
	    (u->nfolders + 1) * sizeof *u->folders);
	u->folders[u->nfolders++] = f;
	char *path = join(dir, UPDATE_STATE);
	folder_read(u, f, path);
	free(path);
	return f;
}

/* ---- Keys ------------------------------------------------------------ */

static void
add_str(struct sha256 *h, const char *s)
{
	sha256_add(h, s, strlen(s) + 1);
}

/* The key of an output made with settings from templates t (n of them)
 * into key; false when a template's files cannot be read. */
static bool
make_key(const struct update *u, const char *settings,
    const struct template *const *t, size_t n, char key[65])
{
	struct sha256 h;
	sha256_init(&h);
	add_str(&h, STATE_MAGIC);
	add_str(&h, CLERK_VERSION);
	add_str(&h, u->self);
	add_str(&h, settings);
	for (size_t i = 0; i < n; i++) {
		const char *failed;
		const struct tpl_digests *dg = template_digests(t[i], &failed);
		if (dg == NULL)
			return false;
		add_str(&h, t[i]->id);
		add_str(&h, dg->file);
		for (size_t k = 0; k < TPL_FACES; k++)
			add_str(&h, dg->face[k]);
	}
	add_str(&h, u->choice);
	sha256_hex(&h, key);
	return true;
}

static void
date_add(struct sha256 *h, bool has, struct date d)
{
	char s[32];
	snprintf(s, sizeof s, "%d:%04d-%02d-%02d", has, has ? d.year : 0,
	    has ? d.month : 0, has ? d.day : 0);
	add_str(h, s);
}

struct update *
update_new(const struct template_set *set)
{
	struct update *u = xcalloc(1, sizeof *u);
	u->set = set;
	u->arena = arena_new();
	pthread_mutex_init(&u->lock, NULL);
	if (!sha256_file("/proc/self/exe", u->self))
		u->self[0] = '\0';
	struct sha256 h;
	sha256_init(&h);
	for (size_t i = 0; i < set->count; i++) {
		const struct template *t = set->items[i];
		add_str(&h, t->id);
		add_str(&h, kind_name(t->kind));
		date_add(&h, t->has_from, t->from);
		date_add(&h, t->has_to, t->to);
	}
	sha256_hex(&h, u->choice);
	return u;
}

/* ---- Checking -------------------------------------------------------- */

static long long
mtime_ns(const struct stat *st)
{
	return (long long)st->st_mtim.tv_sec * 1000000000LL +
	    st->st_mtim.tv_nsec;
}

/* Whether the file recorded by o is in dir with its bytes; *refreshed
 * when they were read to tell (its time is new: o is updated). */
static bool
out_same(const char *dir, struct out_rec *o, bool *refreshed)
{
	char *p = join(dir, o->name);
	struct stat st;
	bool same = false;
	if (stat(p, &st) == 0 && S_ISREG(st.st_mode) &&
	    (long long)st.st_size == o->size) {
		char sha[65];
		if (mtime_ns(&st) == o->mtime_ns) {
			same = true;
		} else if (sha256_file(p, sha) && strcmp(sha, o->sha) == 0) {
			same = true;
			o->mtime_ns = mtime_ns(&st);
			*refreshed = true;
		}
	}
	free(p);
	return same;
}

/* The record of the output at path, or NULL; *fp its folder. */
static const struct entry *
entry_of(struct update *u, const char *path, struct folder **fp)
{
	char *dir = dir_of(path);
	pthread_mutex_lock(&u->lock);
	struct folder *f = folder_get(u, dir);
	const struct slot *s = strset_get(&f->names, base_of(path));
	const struct entry *e = s != NULL ? s->e : NULL;
	pthread_mutex_unlock(&u->lock);
	free(dir);
	*fp = f;
	return e;
}

bool
update_fresh(struct update *u, const char *path, const char *settings)
{
	struct folder *f;
	const struct entry *e = entry_of(u, path, &f);
	if (e == NULL)
		return false;
	const char *dir = f->dir;

	/* what else decides the bytes */
	const struct template **t = xcalloc(e->ntpls + 1, sizeof *t);
	bool fresh = true;
	for (size_t i = 0; i < e->ntpls && fresh; i++)
		fresh = (t[i] = template_find(u->set, e->tpls[i])) != NULL;
	char key[65];
	fresh = fresh && make_key(u, settings, t, e->ntpls, key) &&
	    strcmp(key, e->key) == 0;
	free(t);

	/* the files it was made from */
	for (size_t i = 0; i < e->nin && fresh; i++) {
		const struct in_rec *r = &e->in[i];
		if (r->absent) {
			struct stat st;
			fresh = stat(r->path, &st) != 0 && errno == ENOENT;
		} else {
			char sha[65];
			fresh = sha256_file(r->path, sha) &&
			    strcmp(sha, r->sha) == 0;
		}
	}

	/* the files written, on a copy of the entry (e is shared) */
	if (fresh) {
		struct out_rec *o = xmalloc(e->nout * sizeof *o + 1);
		memcpy(o, e->out, e->nout * sizeof *o);
		bool refreshed = false;
		for (size_t i = 0; i < e->nout && fresh; i++)
			fresh = out_same(dir, &o[i], &refreshed);
		fresh = fresh && e->nout > 0;
		if (fresh && refreshed) {
			/* the record again, with the new times */
			struct entry *c = xcalloc(1, sizeof *c);
			*c = *e;
			c->name = xstrdup(e->name);
			c->tpls = xmalloc(e->ntpls * sizeof *c->tpls + 1);
			for (size_t i = 0; i < e->ntpls; i++)
				c->tpls[i] = xstrdup(e->tpls[i]);
			c->in = xmalloc(e->nin * sizeof *c->in + 1);
			for (size_t i = 0; i < e->nin; i++) {
				c->in[i] = e->in[i];
				c->in[i].path = xstrdup(e->in[i].path);
			}
			for (size_t i = 0; i < e->nout; i++)
				o[i].name = xstrdup(e->out[i].name);
			c->out = o;
			o = NULL;
			c->dirty = true;
			pthread_mutex_lock(&u->lock);
			folder_put(u, f, keep(u, c));
			f->dirty = true;
			pthread_mutex_unlock(&u->lock);
		}
		free(o);
	}
	return fresh;
}

void
update_inputs(struct update *u, const char *path, struct inputs *in)
{
	struct folder *f;
	const struct entry *e = entry_of(u, path, &f);
	for (size_t i = 0; e != NULL && i < e->nin; i++)
		inputs_add(in, e->in[i].path, e->in[i].absent);
	for (size_t i = 0; e != NULL && i < e->ntpls; i++) {
		const struct template *t = template_find(u->set, e->tpls[i]);
		if (t != NULL)
			inputs_add_template(in, t);
	}
}

/* ---- Recording ------------------------------------------------------- */

/* Adds the file written at dir/name to e; false when it cannot be read. */
static bool
add_out(struct entry *e, const char *dir, const char *name)
{
	char *p = join(dir, name);
	struct stat st;
	char sha[65];
	bool ok = stat(p, &st) == 0 && sha256_file(p, sha);
	free(p);
	if (!ok)
		return false;
	e->out = xrealloc(e->out, (e->nout + 1) * sizeof *e->out);
	struct out_rec *o = &e->out[e->nout++];
	o->name = xstrdup(name);
	o->size = (long long)st.st_size;
	o->mtime_ns = mtime_ns(&st);
	memcpy(o->sha, sha, 65);
	return true;
}

/* Adds base/name (heap joined) as written. */
static bool
add_out2(struct entry *e, const char *dir, const char *base, const char *name)
{
	char *n = join(base, name);
	bool ok = add_out(e, dir, n);
	free(n);
	return ok;
}

void
update_record(struct update *u, const char *path, const struct rendered *r,
    const char *settings, const struct inputs *in)
{
	char *dir = dir_of(path);
	const char *base = base_of(path);
	struct entry *e = xcalloc(1, sizeof *e);
	e->name = xstrdup(base);
	e->dirty = true;
	bool ok = make_key(u, settings, in->tpls, in->ntpls, e->key);
	e->tpls = xmalloc(in->ntpls * sizeof *e->tpls + 1);
	for (size_t i = 0; i < in->ntpls; i++)
		e->tpls[e->ntpls++] = xstrdup(in->tpls[i]->id);
	e->in = xmalloc(in->nfiles * sizeof *e->in + 1);
	for (size_t i = 0; i < in->nfiles && ok; i++) {
		struct in_rec *ir = &e->in[e->nin++];
		ir->path = xstrdup(in->files[i]);
		ir->absent = in->absent[i];
		ir->sha[0] = '\0';
		ok = ir->absent || sha256_file(ir->path, ir->sha);
	}
	/* the document, then its companion folder's files */
	if (ok && r->as_folder) {
		ok = add_out2(e, dir, base, "index.html");
		for (size_t i = 0; i < r->nfiles && ok; i++)
			ok = add_out2(e, dir, base, r->files[i].name);
	} else if (ok) {
		ok = add_out(e, dir, base);
		for (size_t i = 0; r->folder != NULL && i < r->nfiles && ok;
		     i++)
			ok = add_out2(e, dir, r->folder, r->files[i].name);
	}
	pthread_mutex_lock(&u->lock);
	struct folder *f = folder_get(u, dir);
	if (ok) {
		folder_put(u, f, keep(u, e));
	} else {
		/* an input or output that cannot be read now: no record,
		 * so the output is built again */
		entry_free(e);
		struct slot *s = (struct slot *)strset_get(&f->names, base);
		if (s != NULL)
			s->e = NULL;
	}
	f->dirty = true;
	pthread_mutex_unlock(&u->lock);
	free(dir);
}

/* ---- Saving ---------------------------------------------------------- */

/* Writes f's record, merged with the one on disk, under a lock on the
 * folder. */
static bool
folder_save(struct update *u, struct folder *f, char **failed)
{
	char *path = join(f->dir, UPDATE_STATE);
	int fd = open(f->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || flock(fd, LOCK_EX) != 0) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		*failed = path;
		errno = e;
		return false;
	}
	/* what is on disk now (another process may have written since),
	 * with this run's entries over it */
	struct folder disk = {.dir = f->dir};
	folder_read(u, &disk, path);
	for (size_t i = 0; i < f->n; i++) {
		const struct slot *s = strset_get(&f->names, f->order[i]);
		if (s->e != NULL && s->e->dirty) {
			folder_put(u, &disk, s->e);
		} else if (s->e == NULL) {
			struct slot *d = (struct slot *)strset_get(&disk.names,
			    f->order[i]);
			if (d != NULL)
				d->e = NULL;
		}
	}
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (mem == NULL)
		out_of_memory();
	fprintf(mem, "%s\n", STATE_MAGIC);
	for (size_t i = 0; i < disk.n; i++) {
		const struct slot *s = strset_get(&disk.names, disk.order[i]);
		if (s->e != NULL && entry_exists(f->dir, s->e))
			entry_write(mem, s->e);
	}
	if (fclose(mem) != 0)
		out_of_memory();
	bool ok = output_write(path, buf, len, false);
	int e = errno;
	free(buf);
	free(disk.order);
	flock(fd, LOCK_UN);
	close(fd);
	if (!ok) {
		*failed = path;
		errno = e;
		return false;
	}
	free(path);
	return true;
}

bool
update_save(struct update *u)
{
	char *failed = NULL;
	for (size_t i = 0; i < u->nfolders; i++)
		if (u->folders[i]->dirty &&
		    !folder_save(u, u->folders[i], &failed)) {
			char eb[DIAG_ERRNO_MAX];
			diag_print(stderr, failed, D_CANNOT_WRITE,
			    diag_errno(errno, eb, sizeof eb));
			free(failed);
			return false;
		}
	return true;
}

void
update_free(struct update *u)
{
	if (u == NULL)
		return;
	while (u->all != NULL) {
		struct entry *next = u->all->next;
		entry_free(u->all);
		u->all = next;
	}
	for (size_t i = 0; i < u->nfolders; i++) {
		free(u->folders[i]->dir);
		free(u->folders[i]->order);
		free(u->folders[i]);
	}
	free(u->folders);
	arena_free(u->arena);
	pthread_mutex_destroy(&u->lock);
	free(u);
}
