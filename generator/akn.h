/* akn.h: papers as Akoma Ntoso 3.0 (OASIS LegalDocML) XML, out and back in.
 * A paper is an <akomaNtoso><doc name="report"> (minutes: name="minutes")
 * that validates against the official schema and carries, in
 * meta/proprietary under clerk's own namespace, all that the PDF needs
 * beyond Akoma Ntoso's elements, so that clerk rebuilds the same PDF from
 * it. A committee pack is an <akomaNtoso><documentCollection name="pack">
 * holding the agenda and the papers (written only, akn_pack.c). Only
 * akn_write.c, akn_pack.c and akn_read.c include libxml2. The mapping
 * is described in clerk-paper(5), section XML. */
#ifndef CLERK_AKN_H
#define CLERK_AKN_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "pack.h"

struct paper;
struct template_set;
struct _xmlDoc;
struct _xmlNode;

/* The Akoma Ntoso 3.0 namespace, and clerk's for meta/proprietary. */
#define AKN_NS   "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#define CLERK_NS "urn:x-clerk:akn:1"

/* clerk's limit on the size of an XML input. */
#define CLERK_MAX_XML_SIZE (32u * 1024u * 1024u)

/* Sets libxml2 up for clerk, once per process (thread-safe): the parser
 * initialised, and an external entity loader installed that refuses every
 * load (DTDs, entities), so that no XML read anywhere in clerk reaches a
 * file or the network; only akn_validate lets its schema's own imports
 * through. Every akn_ function calls it; a program may call it first. */
void akn_init(void);

/* The <doc> element of edition e of paper p (read without errors; it
 * must have that edition, paper_edition_ok), built in xml for a
 * caller that puts it in a document of its own (akn_write) or in a
 * documentCollection (a pack). Text that XML cannot hold is replaced by
 * U+FFFD with a warning (D_XML_CHAR) at its position in the source. The
 * node is not yet in the tree; it uses the Akoma Ntoso and clerk
 * namespaces declared on xml's root element when they are there (declare
 * AKN_NS as the default and CLERK_NS as "clerk" on it), and declares
 * them itself otherwise. */
struct _xmlNode *akn_paper_node(const struct paper *p, enum edition e,
    struct diags *d, struct _xmlDoc *xml);

/* Edition e of p as a whole Akoma Ntoso document: UTF-8 bytes in *out
 * (heap; the caller frees), *len of them. The public edition holds
 * nothing of a non-public appendix but <clerk:appendix public="false"
 * withheld="true" exempt-paragraphs="3"/>: no title, no file, no
 * attachment. <clerk:paper edition="full"> marks the full edition of a
 * paper with non-public matter (its preface's docStatus "Not for
 * publication"; else "Public"), and its digest attribute is the
 * edition's (paper.digest or digest_public), so that the XML rebuilds
 * that edition's PDF. Returns false when d received an error: the only
 * one is D_XML_TOO_BIG, when the XML would be larger than clerk reads
 * (CLERK_MAX_XML_SIZE); *out is then NULL; and false with nothing
 * recorded for an edition p has not (paper_edition_ok, which the caller
 * asks first). The same paper and edition give the same bytes. */
bool akn_write(const struct paper *p, enum edition e, struct diags *d,
    char **out, size_t *len);

/* The pack pk (planned without errors, pack.h) of kind k as one Akoma
 * Ntoso document, valid against the official schema:
 *
 *   <akomaNtoso><documentCollection name="pack">
 *     meta        identification: FRBR URIs /akn/gb/documentCollection/
 *                 <committee>/<date>/pack-public (or pack-full), from the
 *                 agenda's committee and meeting date; references: the
 *                 committee and clerk; proprietary: <clerk:pack
 *                 version kind="public|full"/>
 *     preface     docTitle "Public pack" or "Full pack"; docCommittee,
 *                 docDate; docStatus "Not for publication" when the pack
 *                 holds a Part 2 document, else "Public"
 *     collectionBody: a <component> per document, in agenda order:
 *       <component eId="cmp_agenda"><heading>Agenda</heading>
 *         <doc name="agenda">: meta (identification /akn/gb/doc/agenda/
 *         <committee>/<date>, references); preface (docTitle "Agenda",
 *         docCommittee, docDate, time, venue in <location>, then
 *         <container name="members|enquiries|signatory|notes">);
 *         mainBody: a <part eId="cmp_agenda__part_1|2"> per part, its
 *         heading as written (or clerk's where the PDF prints one),
 *         holding every line of the plan in order as an <hcontainer
 *         name="item"> (a sub-item: name="subitem", inside its item),
 *         eId cmp_agenda__item_<n>: num, heading (the title), then in
 *         <intro> (<content> when nothing follows) the agenda's blocks
 *         (or clerk's description of minutes, <p class="description">),
 *         <p class="note"> (clerk's note), <p class="purpose"> with
 *         docPurpose, and on a Part 2 line with a document <p
 *         class="exempt">Non-public – exempt under paragraph ...</p>
 *         (the PDF's words); then, when the pack holds the line's
 *         document, <componentRef src="#cmp_<n>" showAs="title"/>. The
 *         motion to exclude the public (the exclusion item's blocks, or
 *         PACK_MOTION) and a <table class="exempt-paragraphs"> ("Item
 *         No.", "Paragraph No.") of each Part 2 line with a document
 *         are in the exclusion item, or, when no item holds the motion,
 *         in the <intro> of Part 2.
 *       <component eId="cmp_<n>"><num>n</num><heading>title</heading>
 *         per line whose document pack k holds (pack_holds): the paper
 *         as akn_paper_node writes it, but every eId in it beginning
 *         with "cmp_<n>__" (eIds are unique in a collection): a Part 1
 *         paper as its public edition (its non-public appendices
 *         withheld, those carried on Part 2 lines also marked
 *         in-part-2="true"), a Part 2 paper as its full edition. A line
 *         carrying only appendix N of a
 *         paper has a <doc name="appendix">: identification as the
 *         paper's "appendix-N", <attachmentOf> naming the paper in
 *         references, <clerk:appendix number public file>title in
 *         proprietary; docTitle "Appendix N – title", "Appendix N of
 *         <ref>subject</ref>"; its blocks and footnotes in mainBody.
 *
 * So the public pack holds no text of a Part 2 document (a Part 2 paper,
 * a non-public appendix): of Part 2, only the agenda's own lines.
 * UTF-8 bytes in *out (heap; the caller frees), *len of them. Returns
 * false when d received an error: the only one is D_XML_TOO_BIG (under
 * the agenda's path), *out then NULL. Characters XML cannot hold are
 * replaced as by akn_paper_node, with a warning. The same pack gives the
 * same bytes. */
bool akn_write_pack(const struct pack *pk, enum pack_kind k, struct diags *d,
    char **out, size_t *len);

/* Reads clerk's Akoma Ntoso document at path into a paper, as paper_read
 * does for Markdown (same contract: NULL with *system_error for I/O,
 * NULL or a paper with errors in d for bad input). The XML is read
 * safely: no DTD, no entities substituted, nothing loaded from outside,
 * at most CLERK_MAX_XML_SIZE. A document clerk cannot rebuild from (not
 * Akoma Ntoso, another tool's, no clerk block, an unknown template, a
 * pack clerk wrote) gets a precise error with its line.
 * The paper is the one its Markdown gave (the same model dump but for
 * its path and positions, the same digest, so the same PDF), with these
 * differences: positions are the XML's lines (column 0: the whole line);
 * p->src is NULL (the XML's text is not kept); the checks of the front
 * matter and of the Markdown (links without text ...) are not repeated;
 * appendices' documents come from the XML (ap->path is NULL, their
 * doc->path is the XML's). Images are named as the Markdown named them
 * and resolved against the XML's folder (an appendix's against the
 * folder its file was in, below the XML's), so an archive keeps the
 * images beside the XML as they were beside the Markdown.
 * Cross-references are resolved and images checked as
 * paper_read does. The paper is of the edition the XML holds: from a
 * full edition's (or any XML with non-public matter), p->full_xml, so
 * that it gives the full edition only; from a public edition's, its
 * non-public appendices withheld (ap->withheld, no title), so that it
 * gives the public edition only; its digest serves that edition
 * (digest and digest_public are the one carried). */
struct paper *akn_read(const char *path, const struct template_set *set,
    struct diags *d, bool *system_error);

/* Validates the XML in buf against the schema at xsd (a file); each
 * problem is recorded in d at its line of file name. Returns false when
 * invalid or when the schema cannot be read (errno set when so). The XML
 * is parsed as akn_read parses it; each schema is read once per process
 * (its imports, such as xml.xsd beside it, are the only files clerk's
 * entity loader lets through). Used by the tests, against the official
 * schema kept in schemas/akn/. */
bool akn_validate(const char *buf, size_t len, const char *name,
    const char *xsd, struct diags *d);

#endif
