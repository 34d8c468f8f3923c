/* main.c: the command line: dispatch to the commands, help and version. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "markdown.h"

int
main(int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(NULL, D_USAGE_NO_COMMAND);
	const char *cmd = argv[1];
	int status;
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		cli_help(NULL);
		return EXIT_OK;
	}
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
		printf("clerk %s\n", CLERK_VERSION);
		return EXIT_OK;
	}
	if (strcmp(cmd, "help") == 0) {
		if (argc > 3)
			return cli_usage(NULL, D_USAGE_HELP);
		if (!cli_help(argc == 3 ? argv[2] : NULL))
			return cli_usage(NULL, D_USAGE_UNKNOWN_COMMAND,
			    argv[2]);
		return EXIT_OK;
	}
	if (strcmp(cmd, "check") == 0)
		status = cmd_check(argc - 1, argv + 1);
	else if (strcmp(cmd, "new") == 0)
		status = cmd_new(argc - 1, argv + 1);
	else if (strcmp(cmd, "templates") == 0)
		status = cmd_templates(argc - 1, argv + 1);
	else if (strcmp(cmd, "build") == 0)
		status = cmd_build(argc - 1, argv + 1);
	else if (strcmp(cmd, "pack") == 0)
		status = cmd_pack(argc - 1, argv + 1);
	else if (strcmp(cmd, "watch") == 0)
		status = cmd_watch(argc - 1, argv + 1);
	else
		return cli_usage(NULL, D_USAGE_UNKNOWN_COMMAND, cmd);
	markdown_release();
	if (fflush(stdout) != 0 || ferror(stdout)) {
		char eb[DIAG_ERRNO_MAX];
		diag_print(stderr, "clerk", D_STDOUT,
		    diag_errno(errno, eb, sizeof eb));
		return EXIT_SYSTEM;
	}
	return status;
}
