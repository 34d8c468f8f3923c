/* test_shard.c: --shard I/N is parsed strictly; the share of a file is a
 * stable hash of its path as the current folder sees it (normalised, an
 * absolute path under the current folder made relative), spreads the
 * files evenly and puts each in exactly one share. Run from the
 * repository's root (make unit). */
/* realpath() is X/Open. */
#define _XOPEN_SOURCE 700
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shard.h"

/* ---- I/N ---------------------------------------------------------------- */

Test(shard_parse, good)
{
	struct shard s;
	cr_assert_eq(shard_parse("0/1", &s), SHARD_OK);
	cr_assert_eq(s.index, 0);
	cr_assert_eq(s.count, 1);
	cr_assert_eq(shard_parse("6/7", &s), SHARD_OK);
	cr_assert_eq(s.index, 6);
	cr_assert_eq(s.count, 7);
	cr_assert_eq(shard_parse("999999/1000000", &s), SHARD_OK);
	cr_assert_eq(s.index, 999999);
	cr_assert_eq(s.count, SHARD_MAX);
	cr_assert_eq(shard_parse("02/010", &s), SHARD_OK);
	cr_assert_eq(s.index, 2);
	cr_assert_eq(s.count, 10);
}

Test(shard_parse, not_digits_slash_digits)
{
	const char *bad[] = {"", "x", "1", "/", "1/", "/3", "1/3x", "1/3/",
	    "1/2/3", "-1/3", "+1/3", " 1/3", "1 /3", "1/ 3", "1/3 ", "1.0/3",
	    "1\\3", "0x1/3", "1/three", "\xc2\xb9/3"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct shard s = {5, 9};
		cr_assert_eq(shard_parse(bad[i], &s), SHARD_FORM, "\"%s\"",
		    bad[i]);
		cr_assert(s.index == 5 && s.count == 9, "\"%s\" changed *s",
		    bad[i]);
	}
}

Test(shard_parse, number_of_shares_out_of_range)
{
	struct shard s;
	cr_assert_eq(shard_parse("0/0", &s), SHARD_COUNT);
	cr_assert_eq(shard_parse("1/0", &s), SHARD_COUNT);
	cr_assert_eq(shard_parse("0/1000001", &s), SHARD_COUNT);
	/* no wrap-around: 2^64 + 3 is not 3 */
	cr_assert_eq(shard_parse("0/18446744073709551619", &s), SHARD_COUNT);
}

Test(shard_parse, share_out_of_range)
{
	struct shard s;
	cr_assert_eq(shard_parse("3/3", &s), SHARD_INDEX);
	cr_assert_eq(s.count, 3, "the message names N");
	cr_assert_eq(shard_parse("1/1", &s), SHARD_INDEX);
	cr_assert_eq(shard_parse("7/3", &s), SHARD_INDEX);
	cr_assert_eq(shard_parse("18446744073709551618/3", &s), SHARD_INDEX);
}

/* ---- the key of a path ---------------------------------------------------- */

static void
key_is(const char *path, const char *want)
{
	char *k = shard_key(path);
	cr_assert_str_eq(k, want, "key of \"%s\"", path);
	free(k);
}

Test(shard_key, normalised_as_text)
{
	key_is("a/b.md", "a/b.md");
	key_is("./a/b.md", "a/b.md");
	key_is("a//b.md", "a/b.md");
	key_is("a/./b.md", "a/b.md");
	key_is(".//a/.//./b.md", "a/b.md");
	key_is("b.md", "b.md");
	key_is("./b.md", "b.md");
	/* not resolved: a folder of that name need not exist */
	key_is("no-such-folder/./x.md", "no-such-folder/x.md");
}

Test(shard_key, dot_dot_resolved_under_the_current_folder)
{
	key_is("tests/../generator/shard.c", "generator/shard.c");
	key_is("./tests/unit/..//../generator/shard.c", "generator/shard.c");
	/* outside the current folder, or not there: kept as normalised */
	key_is("../x/./y.md", "../x/y.md");
	key_is("no-such-folder/../x.md", "no-such-folder/../x.md");
}

Test(shard_key, absolute_under_the_current_folder_made_relative)
{
	char cwd[PATH_MAX], path[PATH_MAX + 64];
	cr_assert_not_null(getcwd(cwd, sizeof cwd));
	snprintf(path, sizeof path, "%s/generator/shard.c", cwd);
	key_is(path, "generator/shard.c");
	snprintf(path, sizeof path, "%s//generator/./shard.c", cwd);
	key_is(path, "generator/shard.c");
	snprintf(path, sizeof path, "%s/no-such.md", cwd);
	key_is(path, "no-such.md");
	/* the file itself need not exist, its folder must */
	snprintf(path, sizeof path, "%s/tests/unit/../../generator/x.md", cwd);
	key_is(path, "generator/x.md");
	/* a folder that does not exist: kept absolute */
	snprintf(path, sizeof path, "%s/no-such-folder/x.md", cwd);
	key_is(path, path);
}

Test(shard_key, absolute_outside_kept_absolute)
{
	key_is("/no-such-folder//./x.md", "/no-such-folder/x.md");
	char cwd[PATH_MAX], path[PATH_MAX + 64], want[PATH_MAX + 64];
	cr_assert_not_null(getcwd(cwd, sizeof cwd));
	/* a sibling whose name begins with the current folder's */
	snprintf(path, sizeof path, "%s-other/x.md", cwd);
	key_is(path, path);
	/* the folder above: resolved, but outside */
	char *up = realpath("..", NULL);
	cr_assert_not_null(up);
	snprintf(path, sizeof path, "%s/./x.md", up);
	snprintf(want, sizeof want, "%s/x.md", up);
	key_is(path, want);
	free(up);
}

/* ---- the hash -------------------------------------------------------------- */

/* MurmurHash3's finaliser, written out again from its constants. */
static uint64_t
fmix64(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ULL;
	k ^= k >> 33;
	return k;
}

Test(shard_hash, fnv1a_64_then_fmix64)
{
	/* FNV-1a 64 test vectors (the FNV authors' list) */
	cr_assert_eq(shard_hash("", 0), fmix64(0xcbf29ce484222325ULL));
	cr_assert_eq(shard_hash("a", 1), fmix64(0xaf63dc4c8601ec8cULL));
	cr_assert_eq(shard_hash("foobar", 6), fmix64(0x85944171f73967e8ULL));
}

/* The shares of these paths are part of the interface: machines running
 * different versions of clerk must agree on them. */
Test(shard_of, stable_from_one_version_to_the_next)
{
	cr_assert_eq(shard_of("archive/2023/a0001.md", 7), 3);
	cr_assert_eq(shard_of("archive/2023/a0002.md", 7), 6);
	cr_assert_eq(shard_of("papers/update.md", 1000), 125);
	cr_assert_eq(shard_of("./archive//2023/a0001.md", 7), 3);
}

Test(shard_of, one_share_of_one)
{
	cr_assert_eq(shard_of("anything.md", 1), 0);
}

/* Every path is in exactly one share, and the shares are about the same
 * size, for names that differ in a digit or two. */
Test(shard_of, spread_evenly)
{
	const unsigned long counts[] = {2, 3, 4, 7, 8, 16};
	enum { FILES = 20000 };
	for (size_t c = 0; c < sizeof counts / sizeof *counts; c++) {
		unsigned long n = counts[c], size[16] = {0};
		for (int i = 0; i < FILES; i++) {
			char path[64];
			snprintf(path, sizeof path, "archive/%d/a%05d.md",
			    2000 + i % 25, i);
			size_t held = 0;
			for (unsigned long k = 0; k < n; k++) {
				struct shard s = {k, n};
				held += shard_holds(&s, path);
			}
			cr_assert_eq(held, 1, "%s is in %zu of %lu shares",
			    path, held, n);
			size[shard_of(path, n)]++;
		}
		for (unsigned long k = 0; k < n; k++) {
			double want = (double)FILES / (double)n;
			cr_assert(size[k] > want * 0.9 && size[k] < want * 1.1,
			    "share %lu of %lu holds %lu files, expected about "
			    "%.0f",
			    k, n, size[k], want);
		}
	}
}

Test(shard_holds, not_sharded_holds_all)
{
	struct shard none = {0, 0}, one = {0, 1};
	cr_assert(shard_holds(&none, "a.md"));
	cr_assert(shard_holds(&one, "a.md"));
	cr_assert(shard_holds(&one, "/elsewhere/b.md"));
}
