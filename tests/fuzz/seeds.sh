#!/bin/sh
# seeds.sh: builds the seed corpora of the fuzz targets (tests/fuzz/) into
# OUT/corpus-<target>/ (default build/fuzz): every input is copied under
# the SHA-1 of its bytes, as libFuzzer names what it adds, so running this
# again over a corpus the fuzzers have grown adds only what is new.
#   fuzz_frontmatter, fuzz_paper, fuzz_pdf: every .md of content/,
#     tests/bad/, tests/dump/, tests/layout/ and tests/pack/;
#   fuzz_xml: those papers of content/, tests/dump/ and tests/layout/
#     written by "clerk build --full -f xml", and tests/xml/*.xml
#     (hostile and foreign XML);
#   each: its regressions, tests/fuzz/regressions/<target>/.
# The XML is written by $CLERK, default ./clerk (make fuzz uses
# build/fuzz/clerk); without it only tests/xml/ seeds fuzz_xml.
set -u
cd "$(dirname "$0")/../.." || exit 3
OUT=${1:-build/fuzz}
CLERK=${CLERK:-./clerk}
CLERK_TEMPLATES=$PWD/templates
export CLERK_TEMPLATES
unset SOURCE_DATE_EPOCH

# add TARGET FILE...: copies each file into OUT/corpus-TARGET/<sha1>.
add() {
	t=$1
	shift
	mkdir -p "$OUT/corpus-$t" || exit 3
	for f in "$@"; do
		[ -f "$f" ] || continue
		h=$(sha1sum <"$f" | cut -d' ' -f1) || exit 3
		[ -e "$OUT/corpus-$t/$h" ] || cp "$f" "$OUT/corpus-$t/$h" || exit 3
	done
}

md=$(find content tests/bad tests/dump tests/layout tests/pack -name '*.md' \
    | LC_ALL=C sort)
for t in fuzz_frontmatter fuzz_paper fuzz_pdf; do
	# shellcheck disable=SC2086
	add "$t" $md
done

xml=$(mktemp -d) || exit 3
trap 'rm -rf "$xml"' EXIT
if [ -x "$CLERK" ]; then
	papers=$(find content tests/dump tests/layout -name '*.md' \
	    -not -path '*/appendices/*' -not -name agenda.md | LC_ALL=C sort)
	# Papers with the same name in two folders (seed.md) go to folders
	# of their own. A paper that does not build is left out: the other
	# tests say why.
	n=0
	for p in $papers; do
		n=$((n + 1))
		mkdir -p "$xml/$n"
		# the full edition: everything a paper holds
		"$CLERK" build --full -f xml -O "$xml/$n" "$p" >/dev/null 2>&1 || true
	done
else
	echo "seeds.sh: $CLERK is missing: no XML of papers" >&2
fi
# shellcheck disable=SC2046
add fuzz_xml $(find "$xml" -name '*.xml' | LC_ALL=C sort) tests/xml/*.xml

for t in fuzz_frontmatter fuzz_paper fuzz_pdf fuzz_xml; do
	if [ -d "tests/fuzz/regressions/$t" ]; then
		# shellcheck disable=SC2046
		add "$t" $(find "tests/fuzz/regressions/$t" -type f \
		    -not -name '*.txt' | LC_ALL=C sort)
	fi
	printf 'seeds.sh: %s: %s inputs\n' "$OUT/corpus-$t" \
	    "$(find "$OUT/corpus-$t" -type f | wc -l)"
done
