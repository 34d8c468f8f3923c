/* cmd_watch.c: "clerk watch": builds papers as clerk build does (build.h),
 * or an agenda's packs as clerk pack does, once, then again each time a
 * file they were made from is saved, until SIGINT or SIGTERM. The only
 * file that uses Linux's inotify.
 *
 * What is watched is the folder of each input, not the file: an editor
 * that saves by writing a temporary file and renaming it over the paper,
 * or by deleting the paper and writing it again, leaves a watch on the
 * file itself watching a file that is gone. An event in a folder counts
 * when its name is that of an input. After each build the inputs are
 * found again (the paper may name a new image) and the watches set anew.
 * While the last build had errors, a file made anywhere in the folder
 * tree of a file given (a few levels down), or in the templates folder,
 * counts too, whatever its name, so that the image, appendix or template
 * the paper names and lacked is seen when it appears; outputs and hidden
 * files (clerk's temporary files) do not.
 *
 * A burst of saves makes one build: the build starts once QUIET_MS pass
 * with no event that counts (or MAX_WAIT_MS after the first). A folder
 * that cannot be watched (deleted) is tried again every RETRY_MS, and
 * its coming back counts as a change. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agenda.h"
#include "arena.h"
#include "build.h"
#include "cli.h"
#include "diag.h"
#include "template.h"

enum {
	QUIET_MS = 150,     /* no event for this long: build */
	MAX_WAIT_MS = 2000, /* events without a pause: build anyway */
	RETRY_MS = 1000,    /* a folder that could not be watched: try again */
	TREE_DEPTH = 2,     /* levels below a file's folder watched on errors */
	TREE_MAX = 64,      /* folders of one such tree, at most */
};

/* What changes in a folder: a file written and closed, made, renamed in
 * or out, deleted, touched; and the folder itself deleted or moved. */
#define WATCH_MASK \
	(IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_MOVED_TO | \
	    IN_MOVED_FROM | IN_DELETE | IN_ATTRIB | IN_DELETE_SELF | \
	    IN_MOVE_SELF | IN_ONLYDIR)

/* A folder to watch, and the names in it that count. */
struct folder {
	char *path;   /* as the inputs spell it ("." for none), heap */
	int wd;       /* its watch, or -1: not watched (yet) */
	char **names; /* the inputs in it, by file name, heap */
	size_t nnames, cap;
	bool any; /* a file made or written in it counts, whatever its name */
};

/* The folders to watch after one build. */
struct folders {
	struct folder *f;
	size_t n, cap;
};

/* What is built: papers, or one agenda's packs. */
struct target {
	bool agenda;            /* the one file is an agenda */
	struct build_request b; /* the papers */
	struct pack_request p;  /* the agenda */
	char **outputs;         /* file names of the papers' outputs (heap),
				      never counted as a file made */
	size_t noutputs;
};

/* The inotify instance and what it watches. */
struct watch {
	int fd;            /* inotify, non-blocking */
	struct folders in; /* watched now (wd -1: not watchable) */
	char *changed;     /* the first file whose change counted since the last
			  build, heap (NULL: none, or a folder) */
	bool changed_input; /* changed is an input (or its folder), not a
			       file counted only for being made (an
			       editor's temporary file is named only when
			       no input follows it) */
};

/* Set by the signal handler: SIGINT or SIGTERM asked to stop. The pipe
 * wakes the poll (a byte written by the handler), so that a signal that
 * comes just before poll is not lost. */
static volatile sig_atomic_t stop;
static int wake[2] = {-1, -1};

static void
on_signal(int sig)
{
	(void)sig;
	int e = errno;
	stop = 1;
	if (wake[1] >= 0 && write(wake[1], "", 1) < 0) {
		/* full: a byte is waiting already */
	}
	errno = e;
}

/* SIGINT and SIGTERM set stop and wake the poll; a second one ends the
 * process as usual (SA_RESETHAND), for a build that takes too long.
 * Returns false (errno set) when the pipe cannot be made. */
static bool
catch_signals(void)
{
	if (pipe(wake) != 0)
		return false;
	for (int i = 0; i < 2; i++) {
		fcntl(wake[i], F_SETFL, fcntl(wake[i], F_GETFL) | O_NONBLOCK);
		fcntl(wake[i], F_SETFD, FD_CLOEXEC);
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	return true;
}

/* ---- the folders to watch ---------------------------------------------- */

/* The folder of fs named path, added (unwatched, no names) if missing. */
static struct folder *
folder_get(struct folders *fs, const char *path, size_t len)
{
	for (size_t i = 0; i < fs->n; i++)
		if (strlen(fs->f[i].path) == len &&
		    memcmp(fs->f[i].path, path, len) == 0)
			return &fs->f[i];
	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? 2 * fs->cap : 8;
		fs->f = xrealloc(fs->f, fs->cap * sizeof *fs->f);
	}
	struct folder *f = &fs->f[fs->n++];
	*f = (struct folder){.path = xmalloc(len + 1), .wd = -1};
	memcpy(f->path, path, len);
	f->path[len] = '\0';
	return f;
}

/* The callback of build_run and pack_run: adds input path, its folder to
 * watch and its file name to count there. */
static void
add_input(void *ctx, const char *path)
{
	struct folders *fs = ctx;
	const char *slash = strrchr(path, '/');
	struct folder *f = slash == NULL ? folder_get(fs, ".", 1) :
	    slash == path                ? folder_get(fs, "/", 1) :
	                    folder_get(fs, path, (size_t)(slash - path));
	const char *name = slash != NULL ? slash + 1 : path;
	for (size_t i = 0; i < f->nnames; i++)
		if (strcmp(f->names[i], name) == 0)
			return;
	if (f->nnames == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 4;
		f->names = xrealloc(f->names, f->cap * sizeof *f->names);
	}
	f->names[f->nnames++] = xstrdup(name);
}

static void
folders_free(struct folders *fs)
{
	for (size_t i = 0; i < fs->n; i++) {
		for (size_t k = 0; k < fs->f[i].nnames; k++)
			free(fs->f[i].names[k]);
		free(fs->f[i].names);
		free(fs->f[i].path);
	}
	free(fs->f);
	*fs = (struct folders){0};
}

static bool
is_output(const struct target *t, const char *name)
{
	for (size_t i = 0; i < t->noutputs; i++)
		if (strcmp(t->outputs[i], name) == 0)
			return true;
	return false;
}

/* "dir/name" (heap). */
static char *
join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *s = xmalloc(n);
	snprintf(s, n, "%s%s%s", dir,
	    dir[0] != '\0' && dir[strlen(dir) - 1] == '/' ? "" : "/", name);
	return s;
}

/* Marks the folder at path, and the folders below it to depth levels,
 * as folders where any file made counts; *left: how many more may be
 * marked. Hidden folders, outputs and the output folder (skip, by
 * device and inode) are passed over. */
static void
mark_tree(struct folders *fs, const struct target *t, const char *path,
    int depth, const struct stat *skip, size_t *left)
{
	if (*left == 0)
		return;
	(*left)--;
	folder_get(fs, path, strlen(path))->any = true;
	DIR *dir = depth > 0 ? opendir(path) : NULL;
	if (dir == NULL)
		return;
	const struct dirent *e;
	while ((e = readdir(dir)) != NULL && *left > 0) {
		if (e->d_name[0] == '.' || is_output(t, e->d_name))
			continue;
		char *sub = join(path, e->d_name);
		struct stat st;
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode) &&
		    !(skip != NULL && st.st_dev == skip->st_dev &&
		        st.st_ino == skip->st_ino))
			mark_tree(fs, t, sub, depth - 1, skip, left);
		free(sub);
	}
	closedir(dir);
}

/* After a build with errors: the folder trees of the files given, where
 * a file made counts whatever its name. */
static void
mark_given(struct folders *fs, const struct target *t)
{
	const char *out = t->agenda ? t->p.out_dir : t->b.out_dir;
	struct stat skip;
	bool has_skip = stat(out != NULL ? out : "output", &skip) == 0;
	size_t n = t->agenda ? 1 : t->b.nfiles;
	for (size_t i = 0; i < n; i++) {
		const char *file = t->agenda ? t->p.agenda : t->b.files[i];
		const char *slash = strrchr(file, '/');
		char *dir = slash == NULL ? xstrdup(".") :
		    slash == file         ? xstrdup("/") :
		                            xstrdup(file);
		if (slash != NULL && slash != file)
			dir[slash - file] = '\0';
		size_t left = TREE_MAX;
		mark_tree(fs, t, dir, TREE_DEPTH, has_skip ? &skip : NULL,
		    &left);
		free(dir);
	}
}

/* ---- the watches --------------------------------------------------------- */

/* Watches every folder of want (each wd set, -1 where it cannot be: a
 * folder deleted; or a system limit, said), then drops
 * the watches of w no longer wanted, and makes want w's. Adding first
 * means a folder watched before and after is never unwatched between. */
static void
watch_set(struct watch *w, struct folders *want)
{
	for (size_t i = 0; i < want->n; i++) {
		struct folder *f = &want->f[i];
		f->wd = inotify_add_watch(w->fd, f->path, WATCH_MASK);
		if (f->wd < 0 && errno != ENOENT && errno != ENOTDIR &&
		    errno != EACCES) {
			char eb[DIAG_ERRNO_MAX];
			diag_print(stderr, f->path, D_WATCH_FOLDER,
			    diag_errno(errno, eb, sizeof eb));
		}
	}
	for (size_t i = 0; i < w->in.n; i++) {
		int wd = w->in.f[i].wd;
		bool kept = wd < 0;
		for (size_t k = 0; !kept && k < want->n; k++)
			kept = want->f[k].wd == wd;
		/* two paths of one folder share its watch: drop it once */
		for (size_t k = 0; !kept && k < i; k++)
			kept = w->in.f[k].wd == wd;
		if (!kept)
			inotify_rm_watch(w->fd, wd);
	}
	folders_free(&w->in);
	w->in = *want;
	*want = (struct folders){0};
}

/* Tries again the folders that could not be watched. Returns whether one
 * now is (it came back: what is in it may have changed). */
static bool
watch_retry(struct watch *w)
{
	bool back = false;
	for (size_t i = 0; i < w->in.n; i++) {
		struct folder *f = &w->in.f[i];
		if (f->wd >= 0)
			continue;
		f->wd = inotify_add_watch(w->fd, f->path, WATCH_MASK);
		if (f->wd >= 0 && w->changed == NULL)
			w->changed = xstrdup(f->path);
		back = back || f->wd >= 0;
	}
	return back;
}

static bool
some_unwatched(const struct watch *w)
{
	for (size_t i = 0; i < w->in.n; i++)
		if (w->in.f[i].wd < 0)
			return true;
	return false;
}

/* Whether event ev counts as a change of an input. A folder deleted or
 * moved away loses its watch (it is tried again by its path). */
static bool
counts(struct watch *w, const struct target *t, const struct inotify_event *ev)
{
	if (ev->mask & IN_Q_OVERFLOW)
		return true; /* events were lost: any may have counted */
	bool hit = false;
	for (size_t i = 0; i < w->in.n; i++) {
		struct folder *f = &w->in.f[i];
		if (f->wd != ev->wd)
			continue;
		if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) {
			if (ev->mask & IN_MOVE_SELF)
				inotify_rm_watch(w->fd, f->wd);
			f->wd = -1;
			if (w->changed == NULL || !w->changed_input) {
				free(w->changed);
				w->changed = xstrdup(f->path);
				w->changed_input = true;
			}
			hit = true;
			continue;
		}
		if (ev->len == 0 || ev->name[0] == '\0')
			continue; /* the folder itself, touched */
		bool named = false;
		for (size_t k = 0; !named && k < f->nnames; k++)
			named = strcmp(f->names[k], ev->name) == 0;
		if (named ||
		    (f->any && ev->name[0] != '.' &&
		        (ev->mask &
		            (IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE)) &&
		        !is_output(t, ev->name))) {
			if (w->changed == NULL ||
			    (named && !w->changed_input)) {
				free(w->changed);
				w->changed = strcmp(f->path, ".") == 0 ?
				    xstrdup(ev->name) :
				    join(f->path, ev->name);
				w->changed_input = named;
			}
			hit = true;
		}
	}
	return hit;
}

/* Reads the events waiting. Returns whether one counts; false with errno
 * set on a failed read (*failed). */
static bool
read_events(struct watch *w, const struct target *t, bool *failed)
{
	_Alignas(struct inotify_event) char buf[8192];
	bool hit = false;
	*failed = false;
	for (;;) {
		ssize_t n = read(w->fd, buf, sizeof buf);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			*failed = errno != EAGAIN && errno != EWOULDBLOCK;
			return hit;
		}
		if (n == 0)
			return hit;
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const void *)p;
			hit = counts(w, t, ev) || hit;
			p += sizeof *ev + ev->len;
		}
	}
}

/* Waits for a change that counts, then for the burst it starts to end.
 * Returns EXIT_OK to build, or when a signal asked to stop (stop set);
 * EXIT_SYSTEM when waiting failed, said. */
static int
wait_change(struct watch *w, const struct target *t)
{
	bool changed = false;
	double first = 0, last = 0;
	for (;;) {
		int timeout = some_unwatched(w) ? RETRY_MS : -1;
		if (changed) {
			double now = cli_seconds();
			double quiet = QUIET_MS - (now - last) * 1000;
			double most = MAX_WAIT_MS - (now - first) * 1000;
			double left = quiet < most ? quiet : most;
			if (left <= 0)
				return EXIT_OK;
			timeout = (int)left + 1;
		}
		struct pollfd pf[2] = {{.fd = w->fd, .events = POLLIN},
		    {.fd = wake[0], .events = POLLIN}};
		int n = poll(pf, 2, timeout);
		if (stop)
			return EXIT_OK;
		bool failed = false, hit = false;
		if (n < 0 && errno != EINTR)
			failed = true;
		else if (n == 0 && !changed)
			hit = watch_retry(w);
		else if (n > 0 && (pf[0].revents & POLLIN))
			hit = read_events(w, t, &failed);
		if (failed) {
			char eb[DIAG_ERRNO_MAX];
			diag_print(stderr, "clerk", D_WATCH_FAILED,
			    diag_errno(errno, eb, sizeof eb));
			return EXIT_SYSTEM;
		}
		if (hit) {
			last = cli_seconds();
			if (!changed)
				first = last;
			changed = true;
		}
	}
}

/* ---- the command ------------------------------------------------------- */

/* Builds t once, finding its inputs into want: those the build reports,
 * and the files given whatever it reports (a usage error, a template gone,
 * reports none). After errors, a file made in the folder trees of the
 * files given, or in the templates folder, counts too. Returns the
 * status. */
static int
build(const struct target *t, struct folders *want)
{
	int status = t->agenda ? pack_run(&t->p, add_input, want) :
	                         build_run(&t->b, add_input, want);
	fflush(stderr);
	size_t n = t->agenda ? 1 : t->b.nfiles;
	for (size_t i = 0; i < n; i++)
		add_input(want, t->agenda ? t->p.agenda : t->b.files[i]);
	if (status != EXIT_OK) {
		mark_given(want, t);
		const char *tpl = template_dir();
		folder_get(want, tpl, strlen(tpl))->any = true;
	}
	return status;
}

/* The file names of the outputs of t's papers: each output, its rule
 * (--deps) and, for web pages, its folder of images. */
static void
list_outputs(struct target *t)
{
	const struct build_request *b = &t->b;
	const char *suffix = b->edition == EDITION_FULL ? "-full" : "";
	const char *dir = b->out_dir != NULL ? b->out_dir : "output";
	t->outputs = xcalloc(3 * b->nfiles, sizeof *t->outputs);
	for (size_t i = 0; i < b->nfiles; i++) {
		char *out = b->out_file != NULL ?
		    xstrdup(b->out_file) :
		    cli_output_name(dir, b->files[i], suffix, b->be->ext);
		const char *slash = strrchr(out, '/');
		const char *name = slash != NULL ? slash + 1 : out;
		size_t n = strlen(name), ext = strlen(b->be->ext);
		char *d = xmalloc(n + 3), *files = xmalloc(n + 7);
		snprintf(d, n + 3, "%s.d", name);
		snprintf(files, n + 7, "%.*s.files",
		    (int)(n > ext ? n - ext : n), name);
		t->outputs[t->noutputs++] = xstrdup(name);
		t->outputs[t->noutputs++] = d;
		t->outputs[t->noutputs++] = files;
		free(out);
	}
}

static bool
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The command line into t: build's, or for an agenda, given alone, the
 * options of build that a pack takes. Returns EXIT_OK or EXIT_USAGE with
 * the usage error printed. */
static int
parse(int argc, char **argv, struct target *t)
{
	*t = (struct target){0};
	if (build_parse("watch", argc, argv, &t->b) != EXIT_OK)
		return EXIT_USAGE;
	t->b.announce = isatty(STDERR_FILENO);
	for (size_t i = 0; i < t->b.nfiles; i++) {
		const char *f = t->b.files[i];
		if (has_suffix(f, ".xml") || !agenda_detect(f))
			continue;
		if (t->b.nfiles > 1)
			return cli_usage("watch", D_USAGE_WATCH_AGENDA_ALONE,
			    f);
		const char *no = t->b.out_file != NULL ? "-o" :
		    t->b.tpl_id != NULL                ? "-t" :
		    t->b.edition == EDITION_FULL       ? "--full" :
		    t->b.shard.count != 0              ? "--shard" :
		                                         NULL;
		if (no != NULL)
			return cli_usage("watch", D_USAGE_WATCH_PACK_OPTION,
			    no);
		t->agenda = true;
		t->p = (struct pack_request){.command = "watch",
		    .agenda = f,
		    .be = t->b.be,
		    .out_dir = t->b.out_dir,
		    .njobs = t->b.njobs,
		    .mode = PACK_MAIN,
		    .update = t->b.update,
		    .deps = t->b.deps,
		    .opt = t->b.opt,
		    .announce = t->b.announce};
		return EXIT_OK;
	}
	list_outputs(t);
	return EXIT_OK;
}

int
cmd_watch(int argc, char **argv)
{
	struct target t;
	int status = parse(argc, argv, &t);
	struct watch w = {.fd = -1};
	if (status == EXIT_OK) {
		w.fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
		if (w.fd < 0 || !catch_signals()) {
			char eb[DIAG_ERRNO_MAX];
			diag_print(stderr, "clerk", D_WATCH_START,
			    diag_errno(errno, eb, sizeof eb));
			status = EXIT_SYSTEM;
		}
	}
	struct folders want = {0};
	/* a usage error of the first build (an unknown -t, outputs that
	 * collide) ends the watch; any other error is the paper's */
	if (status == EXIT_OK && build(&t, &want) == EXIT_USAGE)
		status = EXIT_USAGE;
	while (status == EXIT_OK && !stop) {
		watch_set(&w, &want);
		status = wait_change(&w, &t);
		if (status != EXIT_OK || stop)
			break;
		/* on a terminal, where one build's messages end */
		if (t.b.announce)
			fprintf(stderr, "clerk: %s changed; building again\n",
			    w.changed != NULL ? w.changed : "files");
		free(w.changed);
		w.changed = NULL;
		w.changed_input = false;
		build(&t, &want);
	}
	free(w.changed);
	folders_free(&want);
	folders_free(&w.in);
	for (size_t i = 0; i < t.noutputs; i++)
		free(t.outputs[i]);
	free(t.outputs);
	if (w.fd >= 0)
		close(w.fd);
	return status;
}
