/* docinfo.h: what a document says about itself (its title, author,
 * subject, keywords, date and identifier), for a paper's edition and for a
 * committee pack, worked out from the model and the plan; every back end
 * writes it in its own way (the PDF's info dictionary and /ID). */
#ifndef CLERK_DOCINFO_H
#define CLERK_DOCINFO_H

#include <stdbool.h>

#include "model.h"
#include "pack.h"

struct template;

/* What a document says about itself. */
struct doc_info {
	const char *path; /* its source, for messages */
	const char *title, *author, *subject, *keywords; /* NULL: none */
	const char *creator;  /* "clerk 0.1.0 (template col-2023)" */
	int year, month, day; /* its date when there is no
				  SOURCE_DATE_EPOCH (midnight) */
	const char *digest;   /* of its inputs: the /ID comes from it, the
				  date and clerk's version */
	const char *salt;     /* also in the /ID (the template's id) */
};

/* What the document info of a full edition holding non-public matter
 * says, in its subject and keywords (a pack's too). */
#define DOC_NOT_FOR_PUBLICATION "Not for publication"

/* What edition e of paper p says about itself: the full edition of a
 * paper with non-public matter, that it is not for publication (in its
 * subject and keywords); the digest is the edition's. Strings in p's
 * arena. */
struct doc_info paper_info(const struct paper *p, enum edition e);

/* What pack kind k of plan pk, set with template t, says about itself:
 * a pack holding a Part 2 document, that it is not for publication; the
 * digest is of the agenda, of the editions it holds (the agenda alone:
 * of what it prints of each paper) and of duplex.
 * Strings in arena ar. */
struct doc_info pack_info(struct arena *ar, const struct pack *pk,
    enum pack_kind k, const struct template *t, bool duplex);

#endif
