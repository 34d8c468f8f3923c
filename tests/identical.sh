#!/bin/sh
# identical.sh BASE: ./clerk writes the same bytes as clerk built from the
# commit BASE, for a refactoring that must change no output. Both binaries
# build, each with its own tree's templates:
#   - every paper of content/, tests/dump/, tests/layout/, tests/editions/
#     and tests/pack/meeting/, as PDF and as XML, public and full editions
#     (a non-public paper's public edition is refused by both: their
#     messages and exit statuses are compared instead);
#   - the packs of content/streets-walkways-2024-03-12/, tests/pack/meeting/
#     and tests/editions/, as PDF (with and without --duplex) and as XML;
#   - every example of the CommonMark and GFM specs as a paper
#     (tests/tools/corpus-papers.awk), as PDF and as XML.
# Every file written, the messages on stderr and the exit status of each
# command must be identical. Prints "N passed, N failed"; the files that
# differ are named.
#     make identical BASE=REV      (builds REV in a scratch folder)
. "$(dirname "$0")/lib.sh"
BASE=${1:-}
if [ -z "$BASE" ] || ! git rev-parse -q --verify "$BASE^{commit}" >/dev/null; then
	echo "usage: tests/identical.sh BASE (a commit, such as HEAD~3)" >&2
	exit 3
fi

# ---- the two binaries ------------------------------------------------------
mkdir -p "$TMP/base"
git archive "$BASE" | tar -x -C "$TMP/base" || exit 3
echo "identical: building $(git rev-parse --short "$BASE")"
make -s -C "$TMP/base" clerk >"$TMP/base-build.log" 2>&1 || {
	cat "$TMP/base-build.log" >&2; exit 3; }
make -s clerk >/dev/null || exit 3

# side NAME BIN TEMPLATES: runs every job with BIN into $TMP/NAME/, each
# job's stderr and status in $TMP/NAME/log.
side() {
	o=$TMP/$1
	bin=$2
	mkdir -p "$o"
	: >"$o/log"
	job() { # job LABEL ARGS...: one command of BIN, logged under LABEL
		label=$1
		shift
		CLERK_TEMPLATES=$tpl "$bin" "$@" >>"$o/log" 2>&1
		echo "$label: exit $?" >>"$o/log"
	}
	tpl=$3
	for md in content/*/*.md tests/dump/*.md tests/layout/*.md \
	    tests/editions/*.md tests/pack/meeting/*.md; do
		case $md in */agenda.md) continue ;; esac
		d=$o/papers/$(echo "${md%.md}" | tr / _)
		mkdir -p "$d"
		job "$md pdf" build -O "$d" "$md"
		job "$md pdf full" build --full -O "$d" "$md"
		job "$md xml" build -f xml -O "$d" "$md"
		job "$md xml full" build -f xml --full -O "$d" "$md"
	done
	for agenda in content/streets-walkways-2024-03-12/agenda.md \
	    tests/pack/meeting/agenda.md tests/editions/agenda.md; do
		d=$o/packs/$(dirname "$agenda" | tr / _)
		mkdir -p "$d/pdf" "$d/duplex" "$d/xml"
		job "$agenda pack" pack -O "$d/pdf" "$agenda"
		job "$agenda pack duplex" pack --duplex -O "$d/duplex" "$agenda"
		job "$agenda pack xml" pack -f xml -O "$d/xml" "$agenda"
	done
	mkdir -p "$o/corpus-pdf" "$o/corpus-xml"
	job "corpus pdf" build -j 2 --full -O "$o/corpus-pdf" "$TMP"/md/*.md
	job "corpus xml" build -j 2 --full -f xml -O "$o/corpus-xml" "$TMP"/md/*.md
}

mkdir -p "$TMP/md"
(cd tests/corpora && awk -v dir="$TMP/md" -f ../tools/corpus-papers.awk \
    commonmark-spec-0.31.2.txt gfm-spec-0.29.txt gfm-extensions.txt) \
    >/dev/null || exit 3

# The messages name the files as given, so both sides run from here.
side before "$TMP/base/clerk" "$TMP/base/templates"
side after "$PWD/clerk" "$PWD/templates"

# ---- the comparison --------------------------------------------------------
(cd "$TMP/before" && find . -type f | sort) >"$TMP/files.before"
(cd "$TMP/after" && find . -type f | sort) >"$TMP/files.after"
if diff -u "$TMP/files.before" "$TMP/files.after" >"$TMP/diff"; then
	pass
else
	fail "the files written differ" "$(cat "$TMP/diff")"
fi
same=0
while read -r f; do
	[ -f "$TMP/after/$f" ] || continue
	if cmp -s "$TMP/before/$f" "$TMP/after/$f"; then
		same=$((same + 1))
		pass
	elif [ "$f" = ./log ]; then
		fail "messages or exit statuses differ" \
		    "$(diff -u "$TMP/before/log" "$TMP/after/log" | head -40)"
	else
		fail "$f differs"
	fi
done <"$TMP/files.before"
echo "identical: $same files byte-identical to $(git rev-parse --short "$BASE")'s"
finish
