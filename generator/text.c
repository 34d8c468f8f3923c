/* text.c: UTF-8, name comparison, "did you mean", dates. */
#include "text.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (n == 0)
		return 0;
	unsigned char c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t len;
	uint32_t v, min;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2, v = c & 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3, v = c & 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4, v = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

size_t
utf8_count(const char *s, size_t n)
{
	size_t count = 0;
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t l = utf8_decode(p + i, n - i, &cp);
		i += l ? l : 1;
		count++;
	}
	return count;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

bool
text_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n')
			return false;
	return true;
}

char *
text_trim(struct arena *a, const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n > 0 &&
	    (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n'))
		n--;
	return arena_strndup(a, s, n);
}

size_t
uspace_len(const char *s, size_t n)
{
	uint32_t cp;
	size_t l = (unsigned char)s[0] < 0x80 ?
	    0 :
	    utf8_decode((const unsigned char *)s, n, &cp);
	if (l == 0)
		return 0;
	if (cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
	    cp == 0x3000)
		return l;
	return 0;
}

size_t
invisible_len(const char *s, size_t n)
{
	uint32_t cp;
	size_t l = (unsigned char)s[0] < 0x80 ?
	    0 :
	    utf8_decode((const unsigned char *)s, n, &cp);
	if (l == 0)
		return 0;
	if (cp == 0xAD || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF)
		return l;
	return 0;
}

const char *
text_plain_spaces(struct arena *a, const char *s)
{
	size_t n = strlen(s), i = 0;
	while (i < n && uspace_len(s + i, n - i) == 0 &&
	    invisible_len(s + i, n - i) == 0)
		i++;
	if (i == n)
		return s;
	char *out = arena_alloc(a, n + 1);
	size_t o = 0;
	for (i = 0; i < n;) {
		size_t l;
		if ((l = uspace_len(s + i, n - i)) > 0) {
			out[o++] = ' ';
			i += l;
		} else if ((l = invisible_len(s + i, n - i)) > 0) {
			i += l;
		} else {
			out[o++] = s[i++];
		}
	}
	out[o] = '\0';
	return out;
}

/* Writes the folded form of s into out (room for strlen(s)+1): a Unicode
 * space takes at least two bytes and gives one. */
static void
fold_into(const char *s, char *out)
{
	size_t n = 0, len = strlen(s), l = 0;
	bool space = false;
	const char *end = s + len;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == ' ' || c == '\t' ||
		    (l = uspace_len(s, (size_t)(end - s))) > 0) {
			if (c >= 0x80)
				s += l - 1;
			space = true;
			continue;
		}
		if ((l = invisible_len(s, (size_t)(end - s))) > 0) {
			s += l - 1;
			continue;
		}
		if (space && n > 0)
			out[n++] = ' ';
		space = false;
		out[n++] = (char)tolower(c);
	}
	if (n > 0 && (out[n - 1] == '.' || out[n - 1] == ':'))
		n--;
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
}

char *
name_fold(struct arena *a, const char *s)
{
	char *out = arena_alloc(a, strlen(s) + 1);
	fold_into(s, out);
	return out;
}

bool
name_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char sa[256], sb[256];
	char *fa = la < sizeof sa ? sa : xmalloc(la + 1);
	char *fb = lb < sizeof sb ? sb : xmalloc(lb + 1);
	fold_into(a, fa);
	fold_into(b, fb);
	bool eq = strcmp(fa, fb) == 0;
	if (fa != sa)
		free(fa);
	if (fb != sb)
		free(fb);
	return eq;
}

size_t
edit_distance(const char *a, const char *b)
{
	/* Optimal string alignment: insertions, deletions, substitutions and
	 * transpositions of neighbours ("emial" is one from "email"). */
	size_t la = strlen(a), lb = strlen(b);
	if (la > 200 || lb > 200)
		return (size_t)-1;
	size_t rows[3][201];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		int ca = tolower((unsigned char)a[i - 1]);
		for (size_t j = 1; j <= lb; j++) {
			int cb = tolower((unsigned char)b[j - 1]);
			size_t best = prev[j - 1] + (ca == cb ? 0 : 1);
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (i > 1 && j > 1 &&
			    ca == tolower((unsigned char)b[j - 2]) &&
			    cb == tolower((unsigned char)a[i - 2]) &&
			    prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			cur[j] = best;
		}
		size_t *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

const char *
closest(const char *word, const char *const *candidates)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;
	size_t lw = strlen(word);
	for (size_t i = 0; candidates[i] != NULL; i++) {
		size_t d = edit_distance(word, candidates[i]);
		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	/* Close enough: a third of the longer word, at least 1, at most 4. */
	size_t lc = best ? strlen(best) : 0;
	size_t limit = (lw > lc ? lw : lc) / 3;
	if (limit < 1)
		limit = 1;
	if (limit > 4)
		limit = 4;
	/* Distance 0 is a difference of case only ("Subject"): worth saying. */
	if (best == NULL || best_d > limit || strcmp(best, word) == 0)
		return NULL;
	return best;
}

const char *
did_you_mean(struct arena *a, const char *word, const char *const *candidates)
{
	const char *c = closest(word, candidates);
	return c ? arena_printf(a, " (did you mean \"%s\"?)", c) : "";
}

char *
smart_quotes(struct arena *a, const char *s)
{
	size_t n = 0;
	for (const char *p = s; *p; p++)
		n += (*p == '\'' || *p == '"') ? 3 : 1;
	char *out = arena_alloc(a, n + 1), *o = out;
	unsigned char prev = ' ';
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		/* Opening after a blank, an opening bracket or a dash. */
		bool opening = prev == ' ' || prev == '\t' || prev == '\n' ||
		    prev == '(' || prev == '[' || prev == '-';
		if (c == '\'')
			o += utf8_encode(opening ? 0x2018 : 0x2019, o);
		else if (c == '"')
			o += utf8_encode(opening ? 0x201C : 0x201D, o);
		else
			*o++ = (char)c;
		prev = c;
	}
	*o = '\0';
	return out;
}

void
digest_init(struct digest *h)
{
	h->a = 0xcbf29ce484222325ULL;
	h->b = 0x84222325cbf29ce4ULL;
}

static void
digest_raw(struct digest *h, const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h->a = (h->a ^ s[i]) * 0x100000001b3ULL;
		h->b = (h->b ^ s[i]) * 0x100000001b3ULL;
	}
}

void
digest_add(struct digest *h, const void *data, size_t n)
{
	unsigned char len[8];
	for (int i = 0; i < 8; i++)
		len[i] = (unsigned char)((uint64_t)n >> (8 * i));
	digest_raw(h, data, n);
	digest_raw(h, len, sizeof len);
}

static uint64_t
mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

void
digest_bytes(const struct digest *h, unsigned char out[16])
{
	uint64_t a = mix64(h->a), b = mix64(h->b ^ a);
	for (int i = 0; i < 8; i++) {
		out[i] = (unsigned char)(a >> (56 - 8 * i));
		out[8 + i] = (unsigned char)(b >> (56 - 8 * i));
	}
}

void
digest_hex(const struct digest *h, char out[33])
{
	unsigned char b[16];
	digest_bytes(h, b);
	for (int i = 0; i < 16; i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
}

static const uint32_t sha256_k[64] = {
    0x428a2f98,
    0x71374491,
    0xb5c0fbcf,
    0xe9b5dba5,
    0x3956c25b,
    0x59f111f1,
    0x923f82a4,
    0xab1c5ed5,
    0xd807aa98,
    0x12835b01,
    0x243185be,
    0x550c7dc3,
    0x72be5d74,
    0x80deb1fe,
    0x9bdc06a7,
    0xc19bf174,
    0xe49b69c1,
    0xefbe4786,
    0x0fc19dc6,
    0x240ca1cc,
    0x2de92c6f,
    0x4a7484aa,
    0x5cb0a9dc,
    0x76f988da,
    0x983e5152,
    0xa831c66d,
    0xb00327c8,
    0xbf597fc7,
    0xc6e00bf3,
    0xd5a79147,
    0x06ca6351,
    0x14292967,
    0x27b70a85,
    0x2e1b2138,
    0x4d2c6dfc,
    0x53380d13,
    0x650a7354,
    0x766a0abb,
    0x81c2c92e,
    0x92722c85,
    0xa2bfe8a1,
    0xa81a664b,
    0xc24b8b70,
    0xc76c51a3,
    0xd192e819,
    0xd6990624,
    0xf40e3585,
    0x106aa070,
    0x19a4c116,
    0x1e376c08,
    0x2748774c,
    0x34b0bcb5,
    0x391c0cb3,
    0x4ed8aa4a,
    0x5b9cca4f,
    0x682e6ff3,
    0x748f82ee,
    0x78a5636f,
    0x84c87814,
    0x8cc70208,
    0x90befffa,
    0xa4506ceb,
    0xbef9a3f7,
    0xc67178f2,
};

static uint32_t
ror32(uint32_t x, int n)
{
	return (x >> n) | (x << (32 - n));
}

/* One 64-byte block into the state. */
static void
sha256_block(uint32_t h[8], const unsigned char *p)
{
	uint32_t w[64];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^
		    (w[i - 15] >> 3);
		uint32_t s1 = ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^
		    (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5],
	         g = h[6], k = h[7];
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = k + (ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25)) +
		    ((e & f) ^ (~e & g)) + sha256_k[i] + w[i];
		uint32_t t2 = (ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22)) +
		    ((a & b) ^ (a & c) ^ (b & c));
		k = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
	h[5] += f;
	h[6] += g;
	h[7] += k;
}

void
sha256_init(struct sha256 *s)
{
	static const uint32_t h0[8] = {
	    0x6a09e667,
	    0xbb67ae85,
	    0x3c6ef372,
	    0xa54ff53a,
	    0x510e527f,
	    0x9b05688c,
	    0x1f83d9ab,
	    0x5be0cd19,
	};
	memcpy(s->h, h0, sizeof h0);
	s->nbuf = 0;
	s->len = 0;
}

void
sha256_add(struct sha256 *s, const void *data, size_t n)
{
	const unsigned char *p = data;
	s->len += n;
	if (s->nbuf > 0) {
		size_t take = 64 - s->nbuf < n ? 64 - s->nbuf : n;
		memcpy(s->buf + s->nbuf, p, take);
		s->nbuf += take;
		p += take;
		n -= take;
		if (s->nbuf < 64)
			return;
		sha256_block(s->h, s->buf);
		s->nbuf = 0;
	}
	for (; n >= 64; p += 64, n -= 64)
		sha256_block(s->h, p);
	memcpy(s->buf, p, n);
	s->nbuf = n;
}

void
sha256_hex(struct sha256 *s, char out[65])
{
	uint64_t bits = s->len * 8;
	unsigned char pad[72] = {0x80};
	size_t npad = (s->nbuf < 56 ? 56 : 120) - s->nbuf;
	for (int i = 0; i < 8; i++)
		pad[npad + (size_t)i] = (unsigned char)(bits >> (56 - 8 * i));
	sha256_add(s, pad, npad + 8);
	for (int i = 0; i < 8; i++)
		snprintf(out + 8 * i, 9, "%08x", (unsigned)s->h[i]);
}

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31};
	return m == 2 && leap(y) ? 29 : days[m - 1];
}

enum date_result
date_parse(const char *s, struct date *out)
{
	for (int i = 0; i < 10; i++) {
		bool dash = i == 4 || i == 7;
		if (dash ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return DATE_SYNTAX;
	}
	if (s[10] != '\0')
		return DATE_SYNTAX;
	struct date d = {.year = atoi(s),
	    .month = atoi(s + 5),
	    .day = atoi(s + 8)};
	if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 ||
	    d.day > month_days(d.year, d.month))
		return DATE_IMPOSSIBLE;
	*out = d;
	return DATE_OK;
}

int
date_cmp(struct date a, struct date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	return a.day < b.day ? -1 : a.day > b.day;
}

long
date_days(struct date d)
{
	long y = d.year - 1;
	long days = y * 365 + y / 4 - y / 100 + y / 400;
	for (int m = 1; m < d.month; m++)
		days += month_days(d.year, m);
	return days + d.day - 1;
}

void
date_iso(struct date d, char *buf)
{
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)d.year % 10000u,
	    (unsigned)d.month % 100u, (unsigned)d.day % 100u);
}

static const char *const months[] = {"January", "February", "March", "April",
    "May", "June", "July", "August", "September", "October", "November",
    "December"};

void
date_long(struct date d, char *buf)
{
	snprintf(buf, 24, "%u %s %u", (unsigned)d.day % 100u,
	    months[(unsigned)(d.month - 1) % 12u], (unsigned)d.year % 10000u);
}

const char *
date_weekday(struct date d)
{
	static const char *const names[] = {"Monday", "Tuesday", "Wednesday",
	    "Thursday", "Friday", "Saturday", "Sunday"};
	/* 0001-01-01 was a Monday in the proleptic Gregorian calendar. */
	return names[date_days(d) % 7];
}

const char *
utf8_replace(struct arena *a, const char *s, bool (*keep)(uint32_t cp),
    void (*refused)(void *ctx, uint32_t cp), void *ctx)
{
	size_t n = strlen(s), o = 0;
	char *out = NULL;
	for (size_t i = 0; i < n;) {
		const unsigned char *u = (const unsigned char *)s + i;
		uint32_t cp = u[0];
		if (out == NULL && cp >= 0x20 && cp < 0x7F) {
			/* printable ASCII, most of any text: kept */
			i++;
			o++;
			continue;
		}
		size_t l = cp < 0x80 ? 1 : utf8_decode(u, n - i, &cp);
		if (l > 0 && keep(cp)) {
			if (out != NULL)
				memcpy(out + o, s + i, l);
			o += l;
			i += l;
			continue;
		}
		if (out == NULL) {
			out = arena_alloc(a, 3 * n + 1);
			memcpy(out, s, i);
		}
		/* cmark writes U+FFFE and U+FFFF as the bytes 0xFE and 0xFF */
		if (l == 0)
			cp = u[0] >= 0xFE ? 0xFF00u | u[0] : u[0];
		refused(ctx, cp);
		o += utf8_encode(0xFFFD, out + o);
		i += l > 0 ? l : 1;
	}
	if (out == NULL)
		return s;
	out[o] = '\0';
	return out;
}

bool
sha256_file(const char *path, char out[65])
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return false;
	struct sha256 h;
	sha256_init(&h);
	unsigned char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		sha256_add(&h, buf, n);
	int e = errno;
	bool ok = !ferror(fp);
	fclose(fp);
	if (!ok) {
		errno = e != 0 ? e : EIO;
		return false;
	}
	sha256_hex(&h, out);
	return true;
}
