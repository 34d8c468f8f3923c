/* peak.c: runs a command and prints how long it took and the most memory
 * it held, for tests/patho.sh, which compiles it: no package is needed
 * beyond the compiler that builds clerk (GNU time may not be installed).
 *     peak REPORT COMMAND [ARG...]
 * writes to the file REPORT one line "STATUS MS KB": STATUS is the exit
 * status, or "signal:N"; MS the wall-clock milliseconds; KB the peak
 * resident set of the command and of every process below it that was
 * waited for (ru_maxrss of the children). The exit status is the
 * command's, or 128 + N for a signal. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: peak REPORT COMMAND [ARG...]\n");
		return 2;
	}
	FILE *report = fopen(argv[1], "w");
	if (report == NULL) {
		perror(argv[1]);
		return 2;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid = fork();
	if (pid < 0) {
		perror("peak: fork");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		perror("peak: exec");
		_exit(127);
	}
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			perror("peak: waitpid");
			return 2;
		}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	struct rusage ru;
	getrusage(RUSAGE_CHILDREN, &ru);
	long ms = (long)(t1.tv_sec - t0.tv_sec) * 1000 +
	    (long)(t1.tv_nsec - t0.tv_nsec) / 1000000;
	if (WIFSIGNALED(st)) {
		fprintf(report, "signal:%d %ld %ld\n", WTERMSIG(st), ms,
		    ru.ru_maxrss);
		fclose(report);
		return 128 + WTERMSIG(st);
	}
	fprintf(report, "%d %ld %ld\n", WEXITSTATUS(st), ms, ru.ru_maxrss);
	fclose(report);
	return WEXITSTATUS(st);
}
