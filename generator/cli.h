/* cli.h: clerk's commands, one file each (cmd_*.c), called from main.c.
 * Each returns the process exit status. */
#ifndef CLERK_CLI_H
#define CLERK_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "template.h"

enum exit_status {
	EXIT_OK = 0,     /* every output written */
	EXIT_INPUT = 1,  /* at least one input had errors */
	EXIT_USAGE = 2,  /* the command line was wrong */
	EXIT_SYSTEM = 3, /* I/O, memory, a missing font */
};

/* The worse of two statuses (3 over 1 over 0; 2 is returned at once). */
int exit_worst(int a, int b);

/* Loads the templates, printing their problems. Returns EXIT_OK, EXIT_INPUT
 * (some template files have errors; the valid ones are in set) or
 * EXIT_SYSTEM (the folder cannot be read). */
int cli_load_templates(struct template_set *set);

/* Prints usage message id, "clerk: message", and the usage of command (or
 * of clerk, for NULL) to stderr; returns EXIT_USAGE. The macro checks the
 * arguments against the message's format. */
int cli_usage(const char *command, enum diag_id id, ...);
#define cli_usage(command, id, ...) \
	(DIAG_CHECK(id, ##__VA_ARGS__), cli_usage(command, id, ##__VA_ARGS__))

/* The -t of "clerk new" that writes an agenda, not a paper; "clerk
 * templates" lists it beside the templates, which cannot take its name. */
#define NEW_AGENDA "agenda"

/* The most jobs -j takes. */
#define CLI_MAX_JOBS 64

/* -j's value v into *njobs. Returns EXIT_OK, or prints the usage error of
 * command and returns EXIT_USAGE. */
int cli_jobs(const char *command, const char *v, long *njobs);

/* SOURCE_DATE_EPOCH: *has is false when it is unset or empty, else *epoch
 * holds it. Returns EXIT_OK, or prints the usage error of command (not
 * seconds from 1970 to 9999) and returns EXIT_USAGE. */
int cli_source_date_epoch(const char *command, bool *has, long long *epoch);

/* The folder outputs go to: dir, or when dir is NULL "output", made when
 * missing. Returns it, or prints why it cannot be written into and
 * returns NULL (a system error). */
const char *cli_output_dir(const char *dir);

/* An option of a command: its name ("-f", "--full"); whether it takes
 * the next argument as its value (a long one also as "--name=value");
 * and what to do with it: parse(command, name, value, dst), value NULL for
 * a flag, returns EXIT_OK or prints a usage error and returns EXIT_USAGE.
 * needs: what "NAME needs ..." says it lacks (NULL: "a value"). */
struct cli_option {
	const char *name;
	bool takes_value;
	int (*parse)(const char *command, const char *name, const char *value,
	    void *dst);
	void *dst;
	const char *needs;
};

/* Parsers for struct cli_option: a flag (dst: bool *, set true); a
 * string (dst: const char **); -j's number of jobs (dst: long *); -f's
 * output format (dst: const struct backend **, backend.h). */
int cli_flag(const char *command, const char *name, const char *value,
    void *dst);
int cli_string(const char *command, const char *name, const char *value,
    void *dst);
int cli_jobs_option(const char *command, const char *name, const char *value,
    void *dst);
int cli_format(const char *command, const char *name, const char *value,
    void *dst);

/* Parses the options opts (n of them) of command in argv[1..argc), in
 * order, each as its struct cli_option says; "--" ends them, and so does
 * the first operand ("-" is one), unless interleaved, when operands and
 * options may come in any order (the operands are then moved, in order,
 * to the end of argv). *first: the index of the first operand. Returns
 * EXIT_OK, or EXIT_USAGE with the usage error printed ("unknown option",
 * "needs a value"). */
int cli_options(const char *command, int argc, char **argv,
    const struct cli_option *opts, size_t n, bool interleaved, int *first);

/* "<dir>/<stem><suffix><ext>" for input path: stem is its file name
 * without ".md" or ".xml". Heap. */
char *cli_output_name(const char *dir, const char *path, const char *suffix,
    const char *ext);

/* On a terminal (on): "[i/n] verb what" in place of the last line of
 * stderr (verb NULL: "[i/n] what"); what NULL only clears the line.
 * what is cut to its last 50 characters, so that the line does not wrap
 * (\r could not erase it). */
void cli_progress(bool on, size_t i, size_t n, const char *verb,
    const char *what);

/* Seconds on a monotonic clock, for the time a batch took. */
double cli_seconds(void);

/* Prints the help of a command (or the overview for NULL) to stdout. Returns
 * false for an unknown command. */
bool cli_help(const char *command);

int cmd_build(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_new(int argc, char **argv);
int cmd_pack(int argc, char **argv);
int cmd_templates(int argc, char **argv);
int cmd_watch(int argc, char **argv);

#endif
