#!/bin/sh
# pdfua.sh: clerk's PDFs as tagged PDF/UA-1 and archival PDF/A-2a files
# (README.md, "Accessibility and archiving"). No veraPDF is reachable
# here: tests/pdfua.py checks the conditions a program can decide.
#   1. tests/pdfua-selftest.py: the checker passes a good tagged file it
#      makes and fails each of 58 copies broken in one way.
#   2. Every PDF clerk writes from content/ (each paper's public edition,
#      or its full one when it has no other, and every paper with
#      --full), the packs of content/'s meetings and of tests/pack/meeting
#      (public and full, --duplex) and every spec-corpus example that
#      builds (tests/corpus.sh) goes through tests/pdfua.py.
#   3. The text pdftotext extracts from the papers and packs is what it
#      was before tagging (tests/struct/text/NAME.txt).
#   4. Two readers of the structure tree: poppler (pdfinfo -struct-text)
#      against the golden files tests/struct/NAME.struct for a paper, a
#      minutes document and a pack; and pdf.js (tests/pdfjs/tree.mjs,
#      getStructTree page by page) against poppler, leaf for leaf
#      (tests/tools/structtree.py).
# With --regen, rewrites the golden files of 3. and 4. from what clerk
# does now, for review with git diff.
#
# Every PDF clerk writes is tagged: each must pass the checker and every
# golden tree must be there. CLERK_TAGGED=no turns that round, for a
# clerk from before tagging: then every PDF of 2. must FAIL the checker
# (which shows that it can).
TAGGED=${CLERK_TAGGED:-yes}
. "$(dirname "$0")/lib.sh"
PY=${PDFUA_PYTHON:-/usr/bin/python3} # Debian's python3, with python3-pikepdf
CORPORA=tests/corpora
SPECS="commonmark-spec-0.31.2.txt gfm-spec-0.29.txt gfm-extensions.txt"
MIN_CORPUS=1166 # examples built as PDF (tests/corpus.sh)
SHOW=40         # failure lines shown in full
MEETING=content/streets-walkways-2024-03-12
SAMPLES="serious-organised-crime-board minutes-2024-01-16 streets-walkways-2024-03-12-full"
regen=0
[ "${1:-}" = "--regen" ] && regen=1
t0=$(date +%s)

# ---- 1. the checker can fail ---------------------------------------------
if [ $regen = 0 ]; then
	run "$PY" tests/pdfua-selftest.py "$TMP/self"
	if [ "$rc" -eq 0 ]; then pass; else
		fail "tests/pdfua-selftest.py: exit $rc" "$(cat "$TMP/out" "$TMP/err" | head -60)"
	fi
fi
t1=$(date +%s)

# ---- the PDFs ------------------------------------------------------------
papers=$(find content -name '*.md' -not -path '*/appendices/*' -not -name agenda.md | sort)
# shellcheck disable=SC2086
nonpublic=$(grep -l '^public: false' $papers)
mkdir "$TMP/papers" "$TMP/full" "$TMP/pack" "$TMP/corpus" "$TMP/md"
# shellcheck disable=SC2086
run ./clerk build -j 2 -O "$TMP/papers" $(printf '%s\n' $papers | grep -vxF "$nonpublic")
expect_rc "build content/" 0
# shellcheck disable=SC2086
run ./clerk build -j 2 --full -O "$TMP/full" $papers
expect_rc "build --full content/" 0
for a in $(find content tests/pack/meeting -name agenda.md | sort); do
	m=$(basename "$(dirname "$a")")
	mkdir "$TMP/pack/$m"
	run ./clerk pack --duplex -j 2 -O "$TMP/pack/$m" "$a"
	expect_rc "pack --duplex $a" 0
	for f in "$TMP/pack/$m"/*.pdf; do
		mv "$f" "$TMP/pack/$m-$(basename "$f" .pdf | sed 's/^agenda-//').pdf"
	done
	rmdir "$TMP/pack/$m"
done
t2=$(date +%s)

# sample NAME: the PDF of a sample document.
sample() {
	for f in "$TMP/papers/$1.pdf" "$TMP/full/$1.pdf" "$TMP/pack/$1.pdf"; do
		[ -f "$f" ] && { echo "$f"; return; }
	done
	echo "$TMP/none/$1.pdf"
}

# ---- 3. the text as before --------------------------------------------------
# pdftotext's text of every paper and pack, in its reading order; its
# warnings about libharu's ToUnicode CMaps go to /dev/null.
mkdir -p tests/struct/text
ntext=0
for f in "$TMP"/papers/*.pdf "$TMP"/full/*.pdf "$TMP"/pack/*.pdf; do
	[ -f "$f" ] || continue
	ntext=$((ntext + 1))
	name=$(basename "$f" .pdf)
	exp=tests/struct/text/$name.txt
	pdftotext "$f" - 2>/dev/null >"$TMP/text"
	if [ $regen = 1 ]; then
		cp "$TMP/text" "$exp"
	elif [ ! -f "$exp" ]; then
		fail "$name: no $exp (tests/pdfua.sh --regen writes it)"
	elif cmp -s "$exp" "$TMP/text"; then
		pass
	else
		fail "$name: pdftotext's text differs from $exp" "$(diff -u "$exp" "$TMP/text" | head -30)"
	fi
done
if [ "$ntext" -ge 18 ]; then pass; else fail "$ntext papers and packs read, expected 18 or more"; fi
# nothing in tests/struct/text that clerk no longer writes
for exp in tests/struct/text/*.txt; do
	name=$(basename "$exp" .txt)
	[ -f "$TMP/papers/$name.pdf" ] || [ -f "$TMP/full/$name.pdf" ] ||
	    [ -f "$TMP/pack/$name.pdf" ] || fail "$exp: no such paper or pack"
done

# ---- 4a. poppler's reading of the tree ---------------------------------------
for s in $SAMPLES; do
	exp=tests/struct/$s.struct
	pdfinfo -struct-text "$(sample "$s")" >"$TMP/$s.poppler" 2>"$TMP/err"
	if [ $regen = 1 ]; then
		cp "$TMP/$s.poppler" "$exp"
		continue
	fi
	if [ ! -f "$exp" ]; then
		fail "$s: no $exp (tests/pdfua.sh --regen writes it)"
	elif cmp -s "$exp" "$TMP/$s.poppler"; then
		pass
	else
		fail "$s: pdfinfo -struct-text differs from $exp" "$(diff -u "$exp" "$TMP/$s.poppler" | head -40)"
	fi
	# what the golden tree must show once there is one
	if [ "$TAGGED" = yes ]; then
		case $s in
		minutes-*) want="Document H1 P" ;;
		*-full) want="Document TOC TOCI Link H1 L LI Lbl LBody" ;;
		*) want="Document Table TH H1 L LI Lbl LBody P" ;;
		esac
		for role in $want; do
			if grep -Eq "^ *$role( |:|\$)" "$exp" 2>/dev/null; then pass; else
				fail "$exp: no $role element"
			fi
		done
	fi
done
if [ $regen = 1 ]; then
	echo "tests/struct rewritten: review it with git diff"
	finish
	exit
fi
t3=$(date +%s)

# ---- 4b. pdf.js against poppler --------------------------------------------
# tests/pdfjs/node_modules comes from "npm ci" (make check runs it).
pdfjs() { (cd tests/pdfjs && node tree.mjs "$1"); }
if ! command -v node >/dev/null || [ ! -d tests/pdfjs/node_modules/pdfjs-dist ]; then
	fail "pdf.js: no node or no tests/pdfjs/node_modules (make check runs npm ci)"
else
	# the comparison on the self-test's good file, tagged, and broken
	good=$TMP/self/good.pdf
	pdfinfo -struct-text "$good" >"$TMP/good.poppler" 2>/dev/null
	pdfjs "$good" >"$TMP/good.pdfjs" 2>"$TMP/err"
	if out=$(python3 tests/tools/structtree.py --nonempty "$TMP/good.poppler" "$TMP/good.pdfjs"); then
		pass
	else
		fail "pdf.js and poppler read the self-test's good file differently" "$out
$(cat "$TMP/err")"
	fi
	sed 's/^\( *\)TD$/\1TH/' "$TMP/good.pdfjs" >"$TMP/bad1.pdfjs"
	sed 's/"Cell"/"Cel"/' "$TMP/good.pdfjs" >"$TMP/bad2.pdfjs"
	grep -v '^ *Object$' "$TMP/good.pdfjs" >"$TMP/bad3.pdfjs"
	for b in bad1 bad2 bad3; do
		if python3 tests/tools/structtree.py "$TMP/good.poppler" "$TMP/$b.pdfjs" >/dev/null; then
			fail "structtree.py: a role, a text or an annotation changed ($b) goes unseen"
		else
			pass
		fi
	done
	nonempty=
	[ "$TAGGED" = yes ] && nonempty=--nonempty
	for s in $SAMPLES; do
		pdfjs "$(sample "$s")" >"$TMP/$s.pdfjs" 2>"$TMP/err"
		if [ -s "$TMP/err" ]; then fail "$s: pdf.js" "$(head -20 "$TMP/err")"; fi
		if out=$(python3 tests/tools/structtree.py $nonempty "$TMP/$s.poppler" "$TMP/$s.pdfjs"); then
			pass
		else
			fail "$s: pdf.js and poppler read the tree differently" "$out"
		fi
	done
fi
t4=$(date +%s)

# ---- the spec corpus --------------------------------------------------------
# The PDFs tests/corpus.sh kept in CORPUS_PDF when this ./clerk wrote them
# (make check), else every example built again.
sum=$(sha256sum <./clerk | cut -d' ' -f1)
if [ -n "${CORPUS_PDF:-}" ] && [ "$(cat "$CORPUS_PDF/clerk.sha256" 2>/dev/null)" = "$sum" ]; then
	case $CORPUS_PDF in
	/*) dir=$CORPUS_PDF ;;
	*) dir=$PWD/$CORPUS_PDF ;;
	esac
	rmdir "$TMP/corpus" && ln -s "$dir" "$TMP/corpus"
	pass
else
	# shellcheck disable=SC2086
	(cd "$CORPORA" && awk -v dir="$TMP/md" -f ../tools/corpus-papers.awk $SPECS) >"$TMP/list" 2>"$TMP/err"
	# shellcheck disable=SC2046
	timeout -k 5 300 ./clerk build -j 2 -O "$TMP/corpus" $(sed "s|^\\([^ ]*\\) .*|$TMP/md/\\1.md|" "$TMP/list") \
	    >/dev/null 2>"$TMP/err"
	rc=$?
	if [ $rc -le 1 ]; then pass; else fail "the spec corpus: clerk build exit $rc" "$(tail -5 "$TMP/err")"; fi
fi
ncorpus=$(find "$TMP/corpus/" -name '*.pdf' | wc -l)
if [ "$ncorpus" -ge $MIN_CORPUS ]; then pass; else
	fail "the spec corpus: $ncorpus examples built as PDF, expected $MIN_CORPUS or more"
fi
t5=$(date +%s)

# ---- 2. every PDF through the checker ------------------------------------------
find "$TMP/papers" "$TMP/full" "$TMP/pack" "$TMP/corpus/" -name '*.pdf' | sort >"$TMP/pdfs"
npdf=$(wc -l <"$TMP/pdfs")
# two at a time; each run prints its failures, then a summary line
xargs -n 200 -P 2 "$PY" tests/pdfua.py <"$TMP/pdfs" >"$TMP/checked" 2>"$TMP/err"
grep -v '^pdfua: ' "$TMP/checked" | sed "s|^$TMP/||" >"$TMP/failures"
nsum=$(grep -c '^pdfua: ' "$TMP/checked")
if [ -s "$TMP/err" ] || [ "$nsum" -ne $(((npdf + 199) / 200)) ]; then
	fail "tests/pdfua.py did not run through" "$(head -20 "$TMP/err")"
fi
cut -d: -f1 "$TMP/failures" | sort -u >"$TMP/failing"
nbad=$(wc -l <"$TMP/failing")
nlines=$(wc -l <"$TMP/failures")
if [ "$TAGGED" = yes ]; then
	if [ "$nlines" -eq 0 ]; then pass; else
		failed=$((failed + nbad))
		# content/'s papers and the packs first, then the corpus
		{ grep -v '^corpus/' "$TMP/failures"; grep '^corpus/' "$TMP/failures"; } |
		    head -n $SHOW | sed 's/^/FAIL: /' >&2
		[ "$nlines" -le $SHOW ] || printf 'FAIL: ... and %d more (%d of %d PDFs fail)\n' \
		    $((nlines - SHOW)) "$nbad" "$npdf" >&2
		# the failures by kind, over all the files, the commonest first
		echo "FAIL: the failures by kind (in how many files and pages):" >&2
		sed 's/^[^:]*: //; s/^page [0-9]*: //; s/ ([0-9]* times)$//
		    s/\b[0-9][0-9]*\b/N/g' "$TMP/failures" | sort | uniq -c | sort -rn |
		    head -20 | sed 's/^/    /' >&2
	fi
	passed=$((passed + npdf - nbad))
else
	# Not tagged yet: every PDF must fail; one that passes is news.
	sed "s|^$TMP/||" "$TMP/pdfs" | sort >"$TMP/all"
	comm -23 "$TMP/all" "$TMP/failing" >"$TMP/passing"
	if [ -s "$TMP/passing" ]; then
		fail "$(wc -l <"$TMP/passing") PDFs pass tests/pdfua.py although TAGGED=no: set TAGGED=yes in tests/pdfua.sh" \
		    "$(head -5 "$TMP/passing")"
	else
		pass
	fi
	echo "pdfua: NOT ENFORCED: clerk's PDFs are not tagged yet (TAGGED=no); $nbad of $npdf fail the checker as expected (CLERK_TAGGED=yes tests/pdfua.sh shows why)"
fi
t6=$(date +%s)
printf 'pdfua: %d PDFs checked; self-test %d s, build %d s, text and poppler %d s, pdf.js %d s, corpus build %d s, checker %d s\n' \
    "$npdf" $((t1 - t0)) $((t2 - t1)) $((t3 - t2)) $((t4 - t3)) $((t5 - t4)) $((t6 - t5))
finish
