#!/bin/sh
# corpus.sh: every example of the CommonMark spec, the GFM spec and the GFM
# extension tests (tests/corpora/, README.md there), set as the body of a
# paper's Background section, is built as PDF and as Akoma Ntoso XML, or
# refused with an error at file:line:col naming it: never a crash, a hang,
# a sanitizer report or a paper refused in silence. Each PDF written passes
# qpdf --check; each XML is valid against the official schema, and clerk
# check reads it back without a message. The papers are built in a few
# batches of "clerk build -j 2", each under a time limit; a batch that
# crashes is built again paper by paper to name the culprits.
. "$(dirname "$0")/lib.sh"
CORPORA=tests/corpora
XSD=schemas/akn/akomantoso30.xsd
SPECS="commonmark-spec-0.31.2.txt gfm-spec-0.29.txt gfm-extensions.txt"
EXAMPLES=1353   # 652 + 673 + 28
# At least as many examples built as today, as PDF and as XML: the others
# are refused with an error, which passes, but a clerk refusing more than
# it did fails (a character no font has refuses an example in both).
MIN_PDF=1166
MIN_XML=1166
BATCHES=4
LIMIT=${CORPUS_LIMIT:-60}   # seconds a batch may take (some 5 s; more with sanitizers)
SOLO_LIMIT=20               # seconds one paper may take, alone
SHOW=20                     # failures shown in full of each kind; the rest counted

# pass_n N: N more checks passed.
pass_n() { passed=$((passed + $1)); }

# ---- the corpora, the published bytes ------------------------------------
# The copies kept in tests/corpora/ are the reference: their SHA-256 sums,
# pinned here, are those of the published files (README.md there).
while read -r sum f; do
	if [ ! -s "$CORPORA/$f" ]; then
		fail "$CORPORA/$f is missing"
	elif [ "$(sha256sum <"$CORPORA/$f" | cut -d' ' -f1)" = "$sum" ]; then
		pass
	else
		fail "$CORPORA/$f is not the published file (SHA-256 differs)"
	fi
done <<'EOF'
257c41ad946f7a1414a499aca402a1aa8fdac3678532266611348c1cf54f4b80 commonmark-spec-0.31.2.txt
6112292d752fe6d2a4a11d328bc065ca7a6e31616b10001d454d6a4235b4bc56 gfm-spec-0.29.txt
56a0fff22efa4d227cde214d88026ff2c4e27db8274ff7ae40a2582f0f811378 gfm-extensions.txt
EOF

# clerk is copied, so that a rebuild of ./clerk while the test runs does
# not change it half-way (a sanitizer build is copied as well as any).
CLERK=$TMP/clerk
if ! cp ./clerk "$CLERK" 2>"$TMP/err"; then
	fail "no ./clerk to test" "$(cat "$TMP/err")"
	finish
	exit 1
fi

# ---- every example as a paper --------------------------------------------
mkdir "$TMP/md" "$TMP/pdf" "$TMP/xml" "$TMP/solo"
list=$TMP/list
# shellcheck disable=SC2086
if (cd "$CORPORA" && awk -v dir="$TMP/md" -f ../tools/corpus-papers.awk $SPECS) >"$list" 2>"$TMP/err"; then
	pass
else
	fail "the examples could not all be read" "$(cat "$TMP/err")"
fi
n=$(wc -l <"$list")
if [ "$n" -eq "$EXAMPLES" ]; then pass; else
	fail "$n examples found in $CORPORA, expected $EXAMPLES"
fi
# The batches: every fourth paper in each, so that each has a share of
# every corpus and they take about as long.
b=0
while [ $b -lt $BATCHES ]; do
	awk -v b=$b -v n=$BATCHES -v dir="$TMP/md" 'NR % n == b { print dir "/" $1 ".md" }' "$list" >"$TMP/batch$b"
	b=$((b + 1))
done

# unexpected FILE: the lines of FILE (a batch's stderr) that are not
# clerk's messages about a corpus paper (a sanitizer's report, a crash).
unexpected() {
	awk -v p="$TMP/md/" 'index($0, p) != 1 ||
	    substr($0, length(p) + 1) !~ /^[a-z]+-[0-9]+\.md:[0-9]+:[0-9]+: (error|warning): ./' "$1"
}

# failed_with NAME: a failure, with what the run left in $TMP/odd and
# $TMP/out (the first lines), if anything.
failed_with() {
	cat "$TMP/odd" "$TMP/out" | head -20 >"$TMP/why"
	if [ -s "$TMP/why" ]; then fail "$1" "$(cat "$TMP/why")"; else fail "$1"; fi
}

# build FMT: every paper built as FMT (pdf or xml) into $TMP/FMT, batch by
# batch. A batch that exits with 2 or more, is killed by a signal or by
# the time limit, or writes anything but messages on stderr, fails, and
# its papers are built again one by one to name the ones at fault; its
# papers are then left out of the checks below ($TMP/FMT.skip).
build() {
	fmt=$1 dir=$TMP/$1
	: >"$TMP/$fmt.err"
	: >"$TMP/$fmt.skip"
	b=0
	while [ $b -lt $BATCHES ]; do
		# shellcheck disable=SC2046
		timeout -k 5 "$LIMIT" "$CLERK" build -f "$fmt" -j 2 -O "$dir" $(cat "$TMP/batch$b") \
		    >"$TMP/out" 2>"$TMP/berr"
		rc=$?
		unexpected "$TMP/berr" >"$TMP/odd"
		why=
		if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
			why="timed out after $LIMIT s"
		elif [ $rc -ge 128 ]; then
			why="killed by signal $((rc - 128))"
		elif [ $rc -ge 2 ]; then
			why="exit $rc"
		elif [ -s "$TMP/odd" ]; then
			why="stderr holds more than messages about the papers (exit $rc)"
		elif [ -s "$TMP/out" ]; then
			why="wrote on stdout"
		fi
		if [ -z "$why" ]; then
			pass
			cat "$TMP/berr" >>"$TMP/$fmt.err"
			# The status says whether any paper had an error.
			if grep -q ': error: ' "$TMP/berr"; then want=1; else want=0; fi
			if [ $rc -eq $want ]; then pass; else
				fail "$fmt batch $((b + 1)) of $BATCHES: exit $rc, expected $want"
			fi
		else
			failed_with "$fmt batch $((b + 1)) of $BATCHES: $why"
			solo "$fmt" "$TMP/batch$b"
			sed 's|.*/||; s|\.md$||' "$TMP/batch$b" >>"$TMP/$fmt.skip"
		fi
		b=$((b + 1))
	done
}

# solo FMT BATCH: each paper of BATCH built alone; those that crash, hang
# or make a sanitizer speak are named (the first $SHOW of them; clerk that
# cannot be run at all stops the search at once).
solo() {
	found=0
	while read -r md; do
		timeout -k 5 $SOLO_LIMIT "$CLERK" build -f "$1" -O "$TMP/solo" "$md" >"$TMP/out" 2>"$TMP/serr"
		src=$?
		unexpected "$TMP/serr" >"$TMP/odd"
		if [ $src -ge 2 ] || [ -s "$TMP/odd" ] || [ -s "$TMP/out" ]; then
			found=$((found + 1))
			stem=$(basename "$md" .md)
			failed_with "$stem ($(grep "^$stem " "$list" | cut -d' ' -f2)): $1 alone: exit $src"
			[ $src -eq 126 ] || [ $src -eq 127 ] || [ $found -ge $SHOW ] && break
		fi
		find "$TMP/solo" -mindepth 1 -delete
	done <"$2"
	find "$TMP/solo" -mindepth 1 -delete
	[ $found -gt 0 ] || fail "$1: no paper of the batch fails alone"
}

# results FMT: each paper written, or refused with an error naming it,
# never both; prints "built STEM" or "refused STEM" lines into $TMP/FMT.res.
results() {
	ls -A "$TMP/$1" >"$TMP/$1.ls"
	awk -v prefix="$TMP/md/" -v ext="$1" -f tests/tools/corpus-results.awk \
	    "$TMP/$1.skip" "$list" "$TMP/$1.err" "$TMP/$1.ls" >"$TMP/$1.res"
	nfail=$(grep -c '^fail ' "$TMP/$1.res")
	grep '^fail ' "$TMP/$1.res" | cut -d' ' -f2- | head -n $SHOW | sed 's/^/FAIL: /' >&2
	[ "$nfail" -le $SHOW ] || printf 'FAIL: ... and %d more such\n' $((nfail - SHOW)) >&2
	failed=$((failed + nfail))
	pass_n "$(grep -c -E '^(built|refused) ' "$TMP/$1.res")"
	# Nothing but the outputs: no temporary file left.
	if grep -q '^\.' "$TMP/$1.ls"; then
		fail "$1: temporary files left" "$(grep '^\.' "$TMP/$1.ls" | head)"
	else
		pass
	fi
}

t0=$(date +%s)
build pdf
t1=$(date +%s)
build xml
t2=$(date +%s)
results pdf
results xml

# ---- every PDF: qpdf --check ---------------------------------------------
# Two at a time; a PDF that fails is printed with qpdf's first lines.
# shellcheck disable=SC2016,SC2038
(cd "$TMP/pdf" && find . -name '*.pdf' | xargs -n 64 -P 2 sh -c '
	for f; do
		qpdf --check "$f" >"$f.q" 2>&1 || { echo "FAIL: ${f#./}: qpdf --check"; head -5 "$f.q" | sed "s/^/    /"; }
		rm -f "$f.q"
	done' sh) >"$TMP/qpdf" 2>&1
bad=$(grep -c '^FAIL: ' "$TMP/qpdf")
good=$(($(grep -c '\.pdf$' "$TMP/pdf.ls") - bad))
if [ "$bad" -gt 0 ]; then
	failed=$((failed + bad))
	awk -v n=$SHOW '/^FAIL: / && ++k > n { exit } { print }' "$TMP/qpdf" >&2
	[ "$bad" -le $SHOW ] || printf 'FAIL: ... and %d more PDFs that qpdf refuses\n' $((bad - SHOW)) >&2
fi
pass_n "$good"
t3=$(date +%s)

# ---- every XML: valid Akoma Ntoso -----------------------------------------
# One xmllint for them all: each file must have its "FILE validates" line.
xsd=$PWD/$XSD
grep '\.xml$' "$TMP/xml.ls" >"$TMP/xml.files"
: >"$TMP/lint"
if [ -s "$TMP/xml.files" ]; then
	pass
	# shellcheck disable=SC2046
	(cd "$TMP/xml" && xmllint --noout --nonet --schema "$xsd" $(cat "$TMP/xml.files")) >"$TMP/lint" 2>&1
else
	fail "no XML written: nothing to validate or read back"
fi
awk 'FILENAME == ARGV[1] { if (sub(/ validates$/, "")) ok[$0] = 1; next }
    FILENAME == ARGV[2] { where[$1 ".xml"] = $2; next }
    !($0 in ok) { print $0 " (" where[$0] ")" }' "$TMP/lint" "$list" "$TMP/xml.files" >"$TMP/invalid"
head -n $SHOW "$TMP/invalid" | while read -r line; do
	f=${line%% *}
	printf 'FAIL: %s: not valid Akoma Ntoso\n' "$line" >&2
	grep -F "$f" "$TMP/lint" | head -5 | sed 's/^/    /' >&2
done
bad=$(wc -l <"$TMP/invalid")
[ "$bad" -le $SHOW ] || printf 'FAIL: ... and %d more XML files not valid\n' $((bad - SHOW)) >&2
failed=$((failed + bad))
pass_n $(($(wc -l <"$TMP/xml.files") - bad))

# ---- every XML read back: clerk check accepts its own XML, silently --------
if [ -s "$TMP/xml.files" ]; then
	# shellcheck disable=SC2046
	(cd "$TMP/xml" && timeout -k 5 "$LIMIT" "$CLERK" check $(cat "$TMP/xml.files")) >"$TMP/out" 2>"$TMP/odd"
	rc=$?
	if [ $rc -eq 0 ] && [ ! -s "$TMP/odd" ] && [ ! -s "$TMP/out" ]; then pass; else
		failed_with "clerk check of the XML written: exit $rc, expected 0 and no message"
	fi
fi
t4=$(date +%s)

npdf=$(grep -c '^built ' "$TMP/pdf.res")
nxml=$(grep -c '^built ' "$TMP/xml.res")
if [ "$npdf" -ge $MIN_PDF ]; then pass; else
	fail "$npdf examples built as PDF, expected at least $MIN_PDF"
fi
if [ "$nxml" -ge $MIN_XML ]; then pass; else
	fail "$nxml examples built as XML, expected at least $MIN_XML"
fi
# The PDFs written are kept in the folder CORPUS_KEEP when it is set (make
# check sets it), with the SHA-256 of the clerk that wrote them, for
# tests/pdfua.sh to check without building them again.
if [ -n "${CORPUS_KEEP:-}" ]; then
	rm -rf "$CORPUS_KEEP" && mkdir -p "$CORPUS_KEEP" &&
	    find "$TMP/pdf" -name '*.pdf' -exec mv -t "$CORPUS_KEEP/" {} + &&
	    sha256sum <"$CLERK" | cut -d' ' -f1 >"$CORPUS_KEEP/clerk.sha256" ||
	    fail "the PDFs could not be kept in $CORPUS_KEEP"
fi
printf 'corpus: %d examples: %d built as PDF (%d refused), %d as XML (%d refused); build %d s + %d s, qpdf %d s, xmllint and check %d s\n' \
    "$n" "$npdf" "$(grep -c '^refused ' "$TMP/pdf.res")" \
    "$nxml" "$(grep -c '^refused ' "$TMP/xml.res")" \
    $((t1 - t0)) $((t2 - t1)) $((t3 - t2)) $((t4 - t3))
finish
