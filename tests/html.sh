#!/bin/sh
# html.sh: the HTML edition (clerk-paper(5)) in a real browser. Builds, each
# beside its PDF:
#   - every paper of content/ and tests/dump/ (but the seed's copy) with
#     "build -f html": the public edition of each that has one, and the
#     full edition ("--full") of each with non-public matter;
#   - every meeting of content/, tests/pack/meeting and tests/pack/late
#     with "pack -f html" (the folders <stem>-public/ and <stem>-full/)
#     beside its PDF packs, and the late meeting's supplements and agenda
#     alone (<stem>-supplement-public/, -supplement-full/, <stem>-agenda/);
# then has tests/html/check.mjs open every page in Debian's chromium
# (playwright-core) at 1280 px, 320 px and 200% zoom, run axe-core and the
# Nu HTML Checker over it, crawl its links and compare its paragraph numbers
# and cross-references with the PDF's (the checks are listed at the head of
# check.mjs). Its self-test runs first: a good page must pass every check
# and each of its copies broken in one way must fail the check named.
# Screenshots of a paper and of an agenda at 320 and 1280 px, and the
# paper printed, go to $BUILD/html-shots/ for a person to look at.
. "$(dirname "$0")/lib.sh"

SHOTS=${BUILD:-build}/html-shots
SEED=content/safer-city-2018-05-31/serious-organised-crime-board.md
CHECK=tests/html/check.mjs

if ! command -v node >/dev/null || [ ! -d tests/html/node_modules/playwright-core ] ||
    [ ! -d tests/html/node_modules/@axe-core/playwright ] ||
    [ ! -f tests/html/node_modules/vnu-jar/build/dist/vnu.jar ]; then
	fail "no node or no tests/html/node_modules (make check runs npm ci)"
	finish
	exit
fi
for tool in "${CHROMIUM:-/usr/bin/chromium}" java pdftotext pdfinfo; do
	if ! command -v "$tool" >/dev/null; then
		fail "no $tool (scripts/debian-packages.txt; make check installs it)"
		finish
		exit
	fi
done

# ---- the checks can fail --------------------------------------------------
run node "$CHECK" --selftest "$TMP/self"
if [ "$rc" -eq 0 ]; then pass; else
	fail "check.mjs --selftest: exit $rc" "$(cat "$TMP/out" "$TMP/err" | head -60)"
fi

# ---- build ----------------------------------------------------------------
OUT=$TMP/built
mkdir -p "$OUT/papers" "$OUT/full" "$OUT/packs"
papers=$(find content tests/dump -name '*.md' -not -path '*/appendices/*' \
    -not -name agenda.md -not -path tests/dump/seed.md | sort)
# shellcheck disable=SC2086
nonpublic=$(grep -l '^public: false' $papers)
public=$(printf '%s\n' $papers | grep -vxF "$nonpublic")
# a paper with non-public matter: itself, or an appendix
# shellcheck disable=SC2086
withfull=$(grep -l '^ *public: false' $papers)

# built: NAME FILE...: each FILE was written
built() {
	name=$1
	shift
	for f in "$@"; do
		if [ -s "$f" ]; then pass; else fail "$name: no ${f#"$OUT"/}"; fi
	done
}

stem() { basename "$1" .md; }

# shellcheck disable=SC2086
run ./clerk build -j 2 -O "$OUT/papers" $public
expect_rc "build content/ (PDF)" 0
# shellcheck disable=SC2086
run ./clerk build -f html -j 2 -O "$OUT/papers" $public
expect_rc "build -f html content/" 0
# shellcheck disable=SC2086
run ./clerk build --full -j 2 -O "$OUT/full" $withfull
expect_rc "build --full content/ (PDF)" 0
# shellcheck disable=SC2086
run ./clerk build -f html --full -j 2 -O "$OUT/full" $withfull
expect_rc "build -f html --full content/" 0
for p in $public; do
	built "build -f html $p" "$OUT/papers/$(stem "$p").html"
done
for p in $withfull; do
	built "build -f html --full $p" "$OUT/full/$(stem "$p")-full.html"
done

meetings=$(find content tests/pack/meeting tests/pack/late -name agenda.md | sort)
for a in $meetings; do
	m=$OUT/packs/$(basename "$(dirname "$a")")
	mkdir -p "$m"
	run ./clerk pack -j 2 -O "$m" "$a"
	expect_rc "pack $a (PDF)" 0
	run ./clerk pack -f html -j 2 -O "$m" "$a"
	expect_rc "pack -f html $a" 0
	built "pack -f html $a" "$m/agenda-public/index.html" "$m/agenda-full/index.html"
done
# the late meeting's supplementary packs and its agenda alone, beside their
# PDFs
late=tests/pack/late/agenda.md
m=$OUT/packs/late
for opt in --supplement --agenda-only; do
	run ./clerk pack $opt -O "$m" "$late"
	expect_rc "pack $opt $late (PDF)" 0
	run ./clerk pack $opt -f html -O "$m" "$late"
	expect_rc "pack $opt -f html $late" 0
done
built "pack --supplement -f html $late" "$m/agenda-supplement-public/index.html" \
    "$m/agenda-supplement-full/index.html" "$m/agenda-supplement-public/waste-strategy.html" \
    "$m/agenda-supplement-full/depot-contract.html"
built "pack --agenda-only -f html $late" "$m/agenda-agenda/index.html"

# ---- the manifest (tests/html/check.mjs) ----------------------------------
tab=$(printf '\t')
M=$TMP/manifest
: >"$M"
for f in "$OUT"/papers/*.html "$OUT"/full/*.html; do
	[ -f "$f" ] || continue
	printf 'page\t%s\t-\n' "$f" >>"$M"
	[ -f "${f%.html}.pdf" ] && printf 'pdf\t%s\t%s\n' "$f" "${f%.html}.pdf" >>"$M"
done
seed=$OUT/papers/$(stem "$SEED").html
if [ -f "$seed" ]; then
	# the seed's paragraphs, as its PDF numbers them
	printf 'paras\t%s\t1,2,3,4,5,6,7,8\n' "$seed" >>"$M"
	printf 'print\t%s\n' "$seed" >>"$M"
fi
for site in "$OUT"/packs/*/agenda-public "$OUT"/packs/*/agenda-full \
    "$OUT"/packs/*/agenda-supplement-public "$OUT"/packs/*/agenda-supplement-full \
    "$OUT"/packs/*/agenda-agenda; do
	[ -f "$site/index.html" ] || continue
	printf 'site\t%s\n' "$site" >>"$M"
	# a public site may link to its own PDF only, a full one to the
	# public PDF too
	allowed=$site.pdf
	case $site in *-full) allowed=${site%-full}-public.pdf,$allowed ;; esac
	find "$site" -name '*.html' | sort | while read -r f; do
		printf 'page\t%s\t%s\n' "$f" "$allowed" >>"$M"
	done
	printf 'link\t%s\t%s\n' "$site/index.html" "$site.pdf" >>"$M"
done
paper=$OUT/papers/street-tree-programme.html
agenda=$OUT/packs/streets-walkways-2024-03-12/agenda-public/index.html
[ -f "$paper" ] && printf 'shot\tpaper\t%s\nprint\t%s\n' "$paper" "$paper" >>"$M"
[ -f "$agenda" ] && printf 'shot\tagenda\t%s\n' "$agenda" >>"$M"

# ---- in the browser -------------------------------------------------------
n=$(grep -c "^page$tab" "$M")
if [ "$n" -eq 0 ]; then
	fail "no HTML page was written: nothing to check in the browser"
else
	rm -rf "$SHOTS"
	CHECK_BASE=$OUT run node "$CHECK" --shots "$SHOTS" "$M"
	if [ "$rc" -eq 0 ]; then pass; else
		if [ -s "$TMP/out" ]; then
			while IFS= read -r line; do fail "$line"; done <"$TMP/out"
		else
			fail "check.mjs: exit $rc" "$(head -40 "$TMP/err")"
		fi
	fi
	tail -1 "$TMP/err"
fi

finish
