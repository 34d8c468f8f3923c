/* dump.h: the model as indented text, one line per node ("clerk check
 * --dump"); the golden-test format of the reading stages. */
#ifndef CLERK_DUMP_H
#define CLERK_DUMP_H

#include <stdio.h>

struct paper;

void dump_paper(FILE *fp, const struct paper *p);

#endif
