/* text.h: small text utilities shared by every stage: UTF-8, names,
 * "did you mean", dates. No library beyond libc. */
#ifndef CLERK_TEXT_H
#define CLERK_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;

/* Decodes one UTF-8 sequence at s (n bytes available). Returns its length
 * (1..4) and stores the code point in *cp; returns 0 when the bytes are not
 * valid UTF-8 (overlong, surrogate, beyond U+10FFFF, truncated). */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Number of code points in the n bytes at s (invalid bytes count one each). */
size_t utf8_count(const char *s, size_t n);

/* Encodes cp into out (at least 4 bytes); returns the length. */
size_t utf8_encode(uint32_t cp, char *out);

/* s with every character that keep(cp) refuses, and every byte that is
 * not UTF-8, replaced by U+FFFD, each reported first to refused(ctx, cp)
 * (an invalid byte as itself; cmark writes U+FFFE and U+FFFF as the
 * bytes 0xFE and 0xFF, reported as those characters). Printable ASCII
 * is always kept. Returns s itself when nothing was replaced, else a
 * copy in arena a. For writers of formats that cannot hold some
 * characters (XML, HTML). */
const char *utf8_replace(struct arena *a, const char *s,
    bool (*keep)(uint32_t cp), void (*refused)(void *ctx, uint32_t cp),
    void *ctx);

/* Is s only blanks (spaces, tabs, newlines)? */
bool text_blank(const char *s);

/* s without surrounding blanks and newlines, in the arena. */
char *text_trim(struct arena *a, const char *s);

/* Text pasted from a word processor. The byte length of the Unicode space
 * (U+00A0 no-break space, U+1680, U+2000 to U+200A, U+2028, U+2029,
 * U+202F, U+205F, U+3000) at s, n bytes available, or 0 when s holds none
 * there. ASCII space and tab are not counted: callers test them first. */
size_t uspace_len(const char *s, size_t n);

/* The byte length of the invisible character at s (U+00AD soft hyphen,
 * U+200B zero-width space, U+2060 word joiner, U+FEFF byte-order mark),
 * or 0. Such characters print nothing where no line breaks at them. */
size_t invisible_len(const char *s, size_t n);

/* s with each Unicode space made one ASCII space and each invisible
 * character left out, in the arena; s itself when it holds neither. */
const char *text_plain_spaces(struct arena *a, const char *s);

/* Compares two names ignoring ASCII case, surrounding blanks, runs of
 * blanks, and a final '.' or ':'. "Current  situation:" equals
 * "current situation". A Unicode space counts as a blank and an invisible
 * character as nothing, so "Current<U+00A0>Position" equals "Current
 * Position". */
bool name_equal(const char *a, const char *b);

/* The name folded as name_equal compares it, in the arena. */
char *name_fold(struct arena *a, const char *s);

/* Edit distance between two strings, byte-wise, ASCII case folded. */
size_t edit_distance(const char *a, const char *b);

/* The closest of candidates (NULL-terminated) to word, when close enough to
 * be a likely misspelling; else NULL. */
const char *closest(const char *word, const char *const *candidates);

/* " (did you mean \"x\"?)" for the closest candidate, or "" when none is
 * close. The string lives in the arena. */
const char *did_you_mean(struct arena *a, const char *word,
    const char *const *candidates);

/* s with typewriter quotes made typographic, as the Markdown body is set:
 * an apostrophe or a closing single quote ’, an opening ‘, and “ ” for
 * double quotes, by what stands before each. In the arena. */
char *smart_quotes(struct arena *a, const char *s);

/* A 128-bit digest: two 64-bit FNV-1a with different offset bases, each
 * finished with a 64-bit mixer. Not cryptographic; it tells inputs apart
 * (the PDF's /ID, a paper's source in its XML). */
struct digest {
	uint64_t a, b;
};

void digest_init(struct digest *h);

/* Adds n bytes and their count, so that "ab"+"c" differs from "a"+"bc". */
void digest_add(struct digest *h, const void *data, size_t n);

/* The digest as 32 lower-case hex digits and a NUL. */
void digest_hex(const struct digest *h, char out[33]);

/* The digest as 16 bytes. */
void digest_bytes(const struct digest *h, unsigned char out[16]);

/* SHA-256 (FIPS 180-4), for the files an Akoma Ntoso document was made
 * with (its template and fonts): what sha256sum(1) prints, so that an
 * archivist can check them with common tools. */
struct sha256 {
	uint32_t h[8];
	unsigned char buf[64]; /* bytes not yet in a block */
	size_t nbuf;
	uint64_t len; /* bytes added */
};

void sha256_init(struct sha256 *s);
void sha256_add(struct sha256 *s, const void *data, size_t n);

/* Finishes s (add nothing after) into 64 lower-case hex digits and a NUL. */
void sha256_hex(struct sha256 *s, char out[65]);

/* The SHA-256 of the file at path, read whole, into out (hex); false
 * when it cannot be read (errno set). */
bool sha256_file(const char *path, char out[65]);

/* A calendar date. */
struct date {
	int year;  /* 1..9999 */
	int month; /* 1..12 */
	int day;   /* 1..31 */
};

enum date_result {
	DATE_OK,        /* a real date */
	DATE_SYNTAX,    /* not YYYY-MM-DD */
	DATE_IMPOSSIBLE /* YYYY-MM-DD, but no such day (2018-02-30) */
};

/* Parses exactly "YYYY-MM-DD". */
enum date_result date_parse(const char *s, struct date *out);

/* <0, 0, >0 as a is before, equal to, after b. */
int date_cmp(struct date a, struct date b);

/* Days from 0001-01-01; for distances between dates. */
long date_days(struct date d);

/* "2018-05-31" into buf (at least 11 bytes). */
void date_iso(struct date d, char *buf);

/* "31 May 2018" into buf (at least 24 bytes). */
void date_long(struct date d, char *buf);

/* "Thursday" for the date's day of the week. */
const char *date_weekday(struct date d);

#endif
