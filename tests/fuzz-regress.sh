#!/bin/sh
# fuzz-regress.sh: the fuzzers' regressions (tests/fuzz/regressions/), fed
# to ./clerk as each fuzz target reads them:
#   fuzz_frontmatter/, fuzz_paper/   clerk check, clerk build -f xml
#   fuzz_pdf/                        clerk check, clerk build (PDF)
#   fuzz_xml/                        clerk check, clerk build (PDF), and
#                                    clerk build -f xml, of the XML
# Each run must end with status 0 or 1: never a signal, a sanitizer's
# abort, a hang (more than $FUZZ_REGRESS_SECS s, default 120) or a system
# error (3) for a file that is there. Status 1 must come with an error at
# the file (file:line:col, file:line or file:) and leave no output; status
# 0 must have written the output. Each build is of the full edition
# (--full), which every paper read from Markdown has (the public edition
# of a non-public paper is refused: tests/editions.sh). build -f xml ends
# as check does; a PDF build may also refuse what check passed (a
# character no font has), never the reverse. The inputs are copied into
# a folder holding the images and appendix files that the fuzzers' working
# folder holds (tests/fuzz/fuzz_common.h). A reproducer as libFuzzer names it
# (crash-<sha1>, no suffix) is read as .md, or as .xml in fuzz_xml/.
# tests/fuzz/regressions/README.md says what each input is.
. "$(dirname "$0")/lib.sh"

REG=tests/fuzz/regressions
SECS=${FUZZ_REGRESS_SECS:-120}
W=$TMP/w
mkdir -p "$W/img" "$W/appendices" "$W/annexes" "$TMP/o"
cp tests/dump/img/chart.png tests/bad/img/ok.png tests/bad/img/fake.png \
    tests/layout/img/bars.png tests/pdf/img/alpha16.png "$W/img/"
cp tests/layout/appendices/trees-by-ward.md \
    content/streets-walkways-2024-03-12/appendices/*.md \
    tests/pack/meeting/appendices/supplier-quotations.md \
    tests/pack/bad/appendices/quotes.md "$W/appendices/"
cp tests/bad/annexes/annex.md "$W/annexes/"

# clerk ARGS...: ./clerk under lib.sh's run (so that make check-valgrind
# wraps it), or under timeout when timeout is there and valgrind is not.
clerk() {
	if [ -z "${CLERK_VALGRIND:-}" ] && command -v timeout >/dev/null; then
		run timeout -k 5 "$SECS" ./clerk "$@"
	else
		run ./clerk "$@"
	fi
}

# ended NAME FILE OUT: the last run ended as a run on bad input may: 0
# with OUT written (when OUT is given), or 1 with an error at FILE and OUT
# not written. Sets $ok to the status (or "bad").
ended() {
	ok=bad
	case $rc in
	0)
		if [ -n "$3" ] && [ ! -s "$3" ]; then
			fail "$1: exit 0 but $3 not written" "$(head -5 "$TMP/err")"
		else
			pass
			ok=0
		fi ;;
	1)
		if grep -Eq "^$2(:[0-9]+(:[0-9]+)?)?: error: " "$TMP/err"; then
			pass
			ok=1
		else
			fail "$1: exit 1 without an error at $2" \
			    "$(head -5 "$TMP/err")"
		fi
		if [ -n "$3" ] && [ -e "$3" ]; then
			fail "$1: exit 1 but $3 written"
		fi ;;
	124 | 137)
		fail "$1: still running after $SECS s" ;;
	3)
		fail "$1: a system error for an input that is there" \
		    "$(head -5 "$TMP/err")" ;;
	*)
		if [ "$rc" -gt 128 ]; then
			fail "$1: killed by signal $((rc - 128))" \
			    "$(tail -20 "$TMP/err")"
		else
			fail "$1: exit $rc" "$(tail -20 "$TMP/err")"
		fi ;;
	esac
}

n=0
for dir in fuzz_frontmatter fuzz_paper fuzz_pdf fuzz_xml; do
	if [ ! -d "$REG/$dir" ]; then
		fail "no folder $REG/$dir"
		continue
	fi
	for f in "$REG/$dir"/*; do
		[ -f "$f" ] || continue
		base=$(basename "$f")
		case $base in
		*.txt | README*) continue ;;
		*.md | *.xml) ;;
		*) if [ "$dir" = fuzz_xml ]; then base=$base.xml
		   else base=$base.md; fi ;;
		esac
		in=$W/$base
		cp "$f" "$in"
		name=$dir/$base
		stem=${base%.*}
		n=$((n + 1))

		clerk check "$in"
		ended "$name: check" "$in" ""
		checked=$ok

		case $dir in
		fuzz_frontmatter | fuzz_paper) outs="xml" ;;
		fuzz_pdf) outs="pdf" ;;
		fuzz_xml) outs="pdf xml" ;;
		esac
		for fmt in $outs; do
			# The XML rebuilt from XML must not overwrite its input.
			out=$TMP/o/$stem.$fmt
			rm -f "$out"
			clerk build --full -f "$fmt" -o "$out" "$in"
			ended "$name: build -f $fmt" "$in" "$out"
			# A PDF build may find more (a character no font
			# has) than check; it may never find less.
			if [ "$ok" != bad ] && [ "$checked" != bad ] &&
			    [ "$ok" != "$checked" ] &&
			    { [ "$fmt" = xml ] || [ "$ok" = 0 ]; }; then
				fail "$name: check exits $checked, build -f $fmt $ok"
			fi
			rm -f "$out"
		done
		rm -f "$in"
	done
done

# The folder must hold something: an empty one would pass unnoticed.
if [ "$n" -gt 0 ]; then pass; else fail "no input in $REG"; fi
finish
