/* html.h: papers and meetings as web pages, the HTML edition (PRODUCT.md,
 * "HTML edition"). A page is one self-contained HTML5 document built as a
 * libxml2 HTML tree and serialised by libxml2, so that every character
 * is escaped where it must be: <!DOCTYPE html>, lang="en-GB", one
 * <meta charset="utf-8">, the viewport, the document's title, clerk's
 * stylesheet (html.css) in a <style> element; no script, no font, no
 * request to anywhere. The same input gives the same bytes.
 *
 * A paper's page (html_paper.c): a skip link to <main id="main">; a
 * header naming the meeting (a link back to the agenda in a meeting's
 * folder) and linking to the PDF built beside it; in <main>, h1 the
 * subject (minutes: the committee), the exempt notice when the page holds
 * non-public matter, the front sheet as tables whose header cells are
 * th with scope (minutes: the day, the meeting line, who was present),
 * then each section as a <section> with its heading (h2; a report's
 * numbered sections h3 under the template's main heading; minutes' items
 * "N. Title"), its sub-headings below it, never a level skipped. Numbered
 * paragraphs are <ol class="paras">, each <li id="para-N"> (para-2.3 in a
 * section-decimal paper; "app-2-para-N" in appendix 2) beginning with a
 * link to itself whose text is the paper's number ("4.", "2.3");
 * cross-references are links to those ids showing the number the PDF
 * shows. Lists carry the PDF's markers ("a)", "ii)", "•"; tasks ☐ ☑ with
 * "Done"/"Not done" for screen readers), tables sit in a box that
 * scrolls on its own (a labelled region a keyboard can reach), th
 * scope="col" in the header row; images are <figure>s with their
 * description as alt (decorative ones alt=""), copied beside the page;
 * footnotes a "Notes" section with links back; then the appendices and
 * background papers listed (a non-public appendix of the public edition
 * as the PDF lists it, and nothing more of it), the contact block in
 * <address>, and each appendix with a file, "Appendix N – title", as a
 * section of its own (a non-public one with the exempt notice). */
#ifndef CLERK_HTML_H
#define CLERK_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "output.h"
#include "pack.h"

/* Where the images of a page go: copied into r's files, named
 * file_dir + name, and named src_dir + name by the page ("paper.files/"
 * for both in a meeting's folder; for a paper on its own, r->folder is
 * the folder, file_dir "" and src_dir "paper.files/"). Each image is
 * copied once, its name its file's name made safe ([A-Za-z0-9._-]) and
 * unique in the folder. */
struct html_files {
	struct rendered *r;
	const char *src_dir;
	const char *file_dir;
};

/* What a paper's page is. */
struct html_paper_options {
	enum edition edition; /* public: nothing of a non-public appendix
				  but its line in the list of appendices */
	bool routed;          /* a meeting's Part 1 paper: a non-public
				  appendix with a file is listed as "in Part
				  2 of the agenda" */
	int appendix;         /* -1: the paper; k: its appendix k alone (a
				  non-public one, carried on a Part 2 line) */
	const int *exempt;    /* for an appendix alone: its paragraphs */
	size_t nexempt;
	const struct html_files *files;
	const char *pdf;     /* the address of its PDF, or NULL */
	const char *agenda;  /* the address of the meeting's agenda page,
				 or NULL */
	const char *meeting; /* the agenda link's text, with agenda */
};

/* The page of paper p (read without errors, with its template, having
 * the edition asked) into *out (heap), *len bytes. Characters HTML cannot
 * hold are replaced by U+FFFD, with a warning (D_HTML_CHAR). */
void html_paper(const struct paper *p, const struct html_paper_options *o,
    struct diags *d, char **out, size_t *len);

/* Meeting folder k of the pack planned as pk (without errors) into out,
 * a folder (out->as_folder): index.html (out->bytes) the agenda: the
 * meeting's details as the PDF's front sheet gives them, then Part 1 and
 * Part 2, each line with its number, title (a link to its page when the
 * folder holds its document), description, note, purpose and, in Part
 * 2, that it is non-public and its paragraphs; the public folder says
 * under the Part 2 heading that its items are not published. Each
 * document the folder holds (pack_holds) is a page of its own, named
 * after its paper's file ("report.html"; the item's number added when
 * two would share a name; "report-appendix-2.html" for an appendix
 * carried alone), edition as the PDF pack lays it out (a Part 1 paper
 * its public edition, a Part 2 document its full one), linking back to
 * index.html, its images in "<page>.files/". t: the template of the
 * agenda (pack_template), for its lists. pdf: the address of the
 * pack's PDF from the folder ("../agenda-public.pdf"), or NULL. The
 * public folder holds nothing of a Part 2 document. A late item the
 * folder carries no document of reads "(TO FOLLOW)" under its title; a
 * supplement's agenda is headed "Supplementary Agenda". The folders of
 * pk's kinds (pack_kinds: both, or the agenda alone's public one) are
 * made at once, out[PACK_PUBLIC] and out[PACK_FULL] (pdf[k] each's), so
 * that a page they both hold is made once. */
void html_pack(const struct pack *pk, const struct template *t,
    const char *const pdf[2], struct diags *d, struct rendered out[2]);

#endif
