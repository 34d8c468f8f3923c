/* measure.c: the benchmark's own timing of one command.
 *
 * Usage: measure CMD ARGS...
 *
 * Runs CMD with ARGS (looked up in PATH), waits for it, and prints one
 * line on stdout:
 *   wall_ms peak_rss_kb exit_status
 * wall_ms is the time from just before fork to just after wait4, by
 * CLOCK_MONOTONIC, in milliseconds with one decimal; peak_rss_kb is the
 * child's maximum resident set (ru_maxrss from wait4); exit_status is the
 * child's exit status, or 128 + the signal that ended it, or 127 when it
 * could not be run. The child's stdin is /dev/null; its stdout and stderr
 * go to an unnamed temporary file that is copied to our stderr when the
 * status is not 0, and dropped otherwise.
 *
 * Exit status: 0 measured (whatever the child's status), 2 usage error,
 * 3 system error.
 */
#define _DEFAULT_SOURCE /* wait4 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
fail(const char *what)
{
	fprintf(stderr, "measure: error: %s: %s\n", what, strerror(errno));
	return 3;
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: measure CMD ARGS...\n", stderr);
		return 2;
	}
	FILE *log = tmpfile();
	if (log == NULL)
		return fail("temporary file");
	int null = open("/dev/null", O_RDONLY);
	if (null < 0)
		return fail("/dev/null");
	fflush(NULL);

	double t0 = now_ms();
	pid_t pid = fork();
	if (pid < 0)
		return fail("fork");
	if (pid == 0) {
		dup2(null, 0);
		dup2(fileno(log), 1);
		dup2(fileno(log), 2);
		execvp(argv[1], argv + 1);
		fprintf(stderr, "measure: error: cannot run %s: %s\n", argv[1],
		    strerror(errno));
		_exit(127);
	}
	int status;
	struct rusage ru;
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR)
			return fail("wait4");
	double wall = now_ms() - t0;

	int code = WIFEXITED(status) ? WEXITSTATUS(status) :
	    WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 255;
	if (code != 0) {
		char buf[4096];
		size_t n;
		rewind(log);
		while ((n = fread(buf, 1, sizeof buf, log)) > 0)
			fwrite(buf, 1, n, stderr);
	}
	printf("%.1f %ld %d\n", wall, ru.ru_maxrss, code);
	return 0;
}
