#!/bin/sh
# editions.sh: the public and the full edition of papers and packs
# (clerk-paper(5), EDITIONS). Every non-public appendix and non-public
# paper of tests/editions/ holds the made-up word "Zorbalanx", and so
# does every title they have. The public edition of anything must hold it
# nowhere: not in the PDF's text, not in its objects once decompressed
# (content, bookmarks, document info), not in its bookmarks and metadata
# as qpdf reads them, not in the XML (text or attributes), not in a web
# page or the files and names beside it (-f html, build and pack); the full
# edition must hold it, so that each check can fail. Then: how the public
# edition lists what it leaves out, the exempt notice in the running
# header of each page of the full edition with non-public matter, the
# metadata of each, the -full names, the error without --full, the
# XML of each edition rebuilding the same PDF, and clerk check's error for
# a non-public appendix without its paragraphs.
. "$(dirname "$0")/lib.sh"

CANARY=Zorbalanx
DIR=tests/editions
XSD=schemas/akn/akomantoso30.xsd
NOTICE='NOT FOR PUBLICATION: By virtue of paragraph(s)'

# flat PDF: its text on one line, spaces squeezed.
flat() { pdftotext -layout "$1" - 2>/dev/null | tr '\n\f' '  ' | tr -s ' '; }

# objects PDF: every object of the PDF, streams decompressed, NUL bytes
# dropped (so that UTF-16 strings read as text).
objects() {
	qpdf --qdf --object-streams=disable "$1" - 2>/dev/null | tr -d '\000'
}

# views FILE: every way a reader sees FILE, one after the other: a PDF's
# text, objects and qpdf's JSON (bookmarks, document info); an XML as it
# is.
views() {
	case $1 in
	*.pdf)
		pdftotext "$1" - 2>/dev/null
		objects "$1"
		qpdf --json "$1" 2>/dev/null
		;;
	*) cat "$1" ;;
	esac
}

# hits FILE WORD: how often WORD (any case) is seen in each view of FILE,
# "text objects json" for a PDF.
hits() {
	case $1 in
	*.pdf)
		printf '%s %s %s' \
		    "$(pdftotext "$1" - 2>/dev/null | grep -aic -- "$2")" \
		    "$(objects "$1" | grep -aic -- "$2")" \
		    "$(qpdf --json "$1" 2>/dev/null | grep -aic -- "$2")"
		;;
	*) grep -aic -- "$2" "$1" ;;
	esac
}

# absent NAME FILE WORD: WORD is nowhere in FILE.
absent() {
	if [ ! -s "$2" ]; then
		fail "$1: $2 was not written"
	elif views "$2" | grep -aiq -- "$3"; then
		fail "$1: \"$3\" is in $2 (seen: $(hits "$2" "$3"))"
	else
		pass
	fi
}

# present NAME PDF WORD: WORD is in each view of a PDF (its text, its
# objects, its bookmarks or info), or in an XML.
present() {
	if [ ! -s "$2" ]; then
		fail "$1: $2 was not written"
		return
	fi
	case $2 in
	*.pdf) h=$(hits "$2" "$3")
		case $h in
		0\ *|*\ 0\ *|*\ 0) fail "$1: \"$3\" missing from a view of $2 (text, objects, json: $h)" ;;
		*) pass ;;
		esac ;;
	*) if grep -aiq -- "$3" "$2"; then pass; else
		fail "$1: \"$3\" is not in $2"
	   fi ;;
	esac
}

# has_text NAME PDF TEXT: TEXT is in the PDF's text (lines joined).
has_text() {
	if flat "$2" | grep -Fq -- "$3"; then pass; else
		fail "$1: \"$3\" is not in the text of $2"
	fi
}

# info PDF KEY: a field of pdfinfo.
info() { pdfinfo "$1" 2>/dev/null | sed -n "s/^$2: *//p"; }

# pages PDF: its number of pages.
pages() { info "$1" Pages; }

# header PDF N: the first line of text of page N (the running header).
header() {
	pdftotext -layout -f "$2" -l "$2" "$1" - 2>/dev/null |
	    awk 'NF { sub(/^ +/, ""); print; exit }'
}

# page_has PDF N WORD: page N holds WORD.
page_has() {
	pdftotext -f "$2" -l "$2" "$1" - 2>/dev/null | grep -aiq -- "$3"
}

out=$TMP/built
mkdir "$out"

# ---- clerk build: the public edition ----------------------------------
run ./clerk build -O "$out" "$DIR/report.md"
expect_rc "build report.md" 0
expect_empty "build report.md: quiet" "$TMP/err"
pub=$out/report.pdf
absent "public PDF" "$pub" "$CANARY"
for title in "bid valuation" "heads of terms" "bid-valuation.md"; do
	absent "public PDF: the non-public appendices' titles and file" "$pub" "$title"
done
has_text "public PDF: its public appendix" "$pub" "Appendix 1 – Site plans"
has_text "public PDF: its public appendix's text" "$pub" "three levels of the car park"
flat "$pub" >"$TMP/pub.txt"
for line in \
    "Appendix 2 – non-public: exempt under paragraph 3 of Part 1 of Schedule 12A" \
    "Appendix 3 – non-public: exempt under paragraphs 3 and 5 of Part 1 of Schedule 12A"; do
	if grep -Fq -- "$line Appendix" "$TMP/pub.txt" || grep -Fq -- "$line Background Papers" "$TMP/pub.txt"; then
		pass
	else
		fail "public PDF lists \"$line\"" "$(grep -o 'Appendices.*Background Papers' "$TMP/pub.txt")"
	fi
done
if grep -aq 'NOT FOR PUBLICATION' "$TMP/pub.txt"; then
	fail "public PDF carries the exempt notice"
else pass; fi
if [ "$(info "$pub" Keywords)" = "Finance Committee; Public; CS/19/007" ]; then pass; else
	fail "public PDF: Keywords" "$(info "$pub" Keywords)"
fi
if [ "$(info "$pub" Subject)" = "Finance Committee, 15 January 2019" ]; then pass; else
	fail "public PDF: Subject" "$(info "$pub" Subject)"
fi

# Nothing in the public edition depends on a non-public appendix: with its
# text changed, the same bytes.
cp -R "$DIR" "$TMP/changed"
sed -i 's/Three bids were received/Four bids were received/' "$TMP/changed/appendices/bid-valuation.md"
run ./clerk build -o "$TMP/changed.pdf" "$TMP/changed/report.md"
expect_rc "build the changed report" 0
if cmp -s "$pub" "$TMP/changed.pdf"; then pass; else
	fail "the public edition changes with the non-public appendix's text"
fi

# ---- clerk build --full: the full edition -----------------------------
run ./clerk build --full -O "$out" "$DIR/report.md"
expect_rc "build --full report.md" 0
expect_empty "build --full report.md: quiet" "$TMP/err"
full=$out/report-full.pdf
present "full PDF" "$full" "$CANARY"
has_text "full PDF: the appendix's title" "$full" "Zorbalanx bid valuation"
has_text "full PDF: the listed appendix's title" "$full" "Appendix 3 – Zorbalanx heads of terms"
if cmp -s "$pub" "$out/report.pdf"; then pass; else
	fail "build --full replaced the public edition"
fi
case $(info "$full" Keywords) in
"Finance Committee; Non-Public; Not for publication; CS/19/007") pass ;;
*) fail "full PDF: Keywords" "$(info "$full" Keywords)" ;;
esac
case $(info "$full" Subject) in
"Finance Committee, 15 January 2019; Not for publication") pass ;;
*) fail "full PDF: Subject" "$(info "$full" Subject)" ;;
esac
# The pages with non-public matter carry the notice in their header, and
# only they: the page listing the non-public appendices by their titles,
# and those of Appendix 2 (from its heading to the end: Appendix 3 has no
# file), two or more; every one of them holds the canary.
n=$(pages "$full")
first=0
i=1
while [ "$i" -le "$n" ]; do
	if pdftotext -layout -f "$i" -l "$i" "$full" - | grep -q '^ *Appendix 2 *$'; then
		first=$i
		break
	fi
	i=$((i + 1))
done
if [ "$first" -gt 1 ] && [ "$((n - first))" -ge 1 ]; then pass; else
	fail "full PDF: Appendix 2 should start after page 1 and run over two pages or more (from $first of $n)"
fi
i=1
public_pages=0
while [ "$i" -le "$n" ]; do
	h=$(header "$full" "$i")
	if [ "$i" -ge "$first" ]; then
		case $h in
		"$NOTICE 3 of Part 1 of Schedule 12A of the Local Government"*) pass ;;
		*) fail "full PDF: page $i (Appendix 2) has no exempt notice in its header" "$h" ;;
		esac
	elif page_has "$full" "$i" "$CANARY"; then
		case $h in
		"$NOTICE 3 and 5 of Part 1 of Schedule 12A of the Local"*) pass ;;
		*) fail "full PDF: page $i (the titles of Appendices 2 and 3) has no exempt notice in its header" "$h" ;;
		esac
	else
		public_pages=$((public_pages + 1))
		case $h in
		*"NOT FOR PUBLICATION"*) fail "full PDF: page $i (public) carries the exempt notice" ;;
		*) pass ;;
		esac
	fi
	i=$((i + 1))
done
[ "$public_pages" -ge 1 ] && pass || fail "full PDF: no page without non-public matter"

# A paper with nothing non-public: its full edition is its public one.
seed=content/safer-city-2018-05-31/serious-organised-crime-board.md
run ./clerk build -O "$out" "$seed"
run ./clerk build --full -O "$out" "$seed"
expect_rc "build --full of a public paper" 0
if cmp -s "$out/serious-organised-crime-board.pdf" "$out/serious-organised-crime-board-full.pdf"; then
	pass
else
	fail "a public paper without non-public appendices: its two editions differ"
fi

# clerk help build names --full
run ./clerk help build
expect_out "help build: --full" '^  --full  '

# -o names the file of either edition
run ./clerk build --full -o "$TMP/named.pdf" "$DIR/report.md"
expect_rc "build --full -o" 0
if cmp -s "$full" "$TMP/named.pdf"; then pass; else fail "build --full -o: another file"; fi

# ---- a non-public paper: the full edition only --------------------------
mkdir "$TMP/none"
for f in "" "-f xml" "-f html"; do
	# shellcheck disable=SC2086
	run ./clerk build $f -O "$TMP/none" "$DIR/secret.md"
	expect_rc "build $f secret.md" 1
	if [ "$(cat "$TMP/err")" = "$DIR/secret.md:8:1: error: this paper is not public, so it has no public edition: build its full edition, marked not for publication, with \"clerk build --full\"" ]; then
		pass
	else
		fail "build $f secret.md: the message" "$(cat "$TMP/err")"
	fi
	if [ -z "$(ls -A "$TMP/none")" ]; then pass; else
		fail "build $f secret.md: something was written" "$(ls -A "$TMP/none")"
	fi
done
run ./clerk build --full -O "$out" "$DIR/secret.md"
expect_rc "build --full secret.md" 0
sfull=$out/secret-full.pdf
present "non-public paper, full PDF" "$sfull" "$CANARY"
if [ ! -e "$out/secret.pdf" ]; then pass; else fail "build --full wrote secret.pdf"; fi
n=$(pages "$sfull")
i=1
while [ "$i" -le "$n" ]; do
	case $(header "$sfull" "$i") in
	"$NOTICE 1 and 3 of Part 1 of Schedule 12A of the Local"*) pass ;;
	*) fail "non-public paper: page $i has no exempt notice in its header" "$(header "$sfull" "$i")" ;;
	esac
	i=$((i + 1))
done
case $(info "$sfull" Keywords) in
*"Non-Public; Not for publication"*) pass ;;
*) fail "non-public paper: Keywords" "$(info "$sfull" Keywords)" ;;
esac

# ---- clerk build -f xml: the two editions, and back --------------------
cp -R "$DIR" "$TMP/x"
run ./clerk build -f xml -O "$TMP/x" "$TMP/x/report.md"
expect_rc "build -f xml" 0
run ./clerk build --full -f xml -O "$TMP/x" "$TMP/x/report.md"
expect_rc "build --full -f xml" 0
run ./clerk build --full -f xml -O "$TMP/x" "$TMP/x/secret.md"
expect_rc "build --full -f xml secret.md" 0
pubx=$TMP/x/report.xml fullx=$TMP/x/report-full.xml
absent "public XML" "$pubx" "$CANARY"
absent "public XML: the appendix's file" "$pubx" "bid-valuation"
present "full XML" "$fullx" "$CANARY"
present "non-public paper, full XML" "$TMP/x/secret-full.xml" "$CANARY"
if grep -q '<clerk:appendix public="false" withheld="true" exempt-paragraphs="3"/>' "$pubx" &&
    grep -q '<clerk:appendix public="false" withheld="true" exempt-paragraphs="3 5"/>' "$pubx"; then
	pass
else
	fail "public XML: the appendices left out" "$(grep 'clerk:appendix' "$pubx")"
fi
grep -q 'edition="public"' "$pubx" && grep -q '<docStatus>Public</docStatus>' "$pubx" &&
    pass || fail "public XML: says it is the public edition"
grep -q 'edition="full"' "$fullx" && grep -q '<docStatus>Not for publication</docStatus>' "$fullx" &&
    pass || fail "full XML: says it is the full edition, not for publication"
for x in "$pubx" "$fullx" "$TMP/x/secret-full.xml"; do
	if xmllint --noout --nonet --schema "$XSD" "$x" >"$TMP/xsd" 2>&1; then pass; else
		fail "$x is not valid Akoma Ntoso" "$(head -5 "$TMP/xsd")"
	fi
done
# each XML gives its edition's PDF, byte for byte
run ./clerk build -o "$TMP/from-xml.pdf" "$pubx"
expect_rc "build report.xml" 0
if cmp -s "$pub" "$TMP/from-xml.pdf"; then pass; else
	fail "public edition: the PDF from the XML differs from the Markdown's"
fi
run ./clerk build --full -o "$TMP/from-xml-full.pdf" "$fullx"
expect_rc "build --full report-full.xml" 0
if cmp -s "$full" "$TMP/from-xml-full.pdf"; then pass; else
	fail "full edition: the PDF from the XML differs from the Markdown's"
fi
run ./clerk build --full -o "$TMP/secret-from-xml.pdf" "$TMP/x/secret-full.xml"
if cmp -s "$sfull" "$TMP/secret-from-xml.pdf"; then pass; else
	fail "non-public paper: the PDF from the XML differs from the Markdown's"
fi
# the XML of the full edition gives nothing publishable without --full;
# the public XML cannot give the full edition
mkdir "$TMP/none-x"
run ./clerk build -O "$TMP/none-x" "$fullx"
expect_rc "build report-full.xml without --full" 1
expect_err "build report-full.xml without --full" "^$fullx:[0-9]+: error: this XML is the full edition of its paper, with non-public matter: rebuild it with \"clerk build --full\""
run ./clerk build -f xml -O "$TMP/none-x" "$TMP/x/secret-full.xml"
expect_rc "build -f xml secret-full.xml without --full" 1
expect_err "build -f xml secret-full.xml without --full" "error: this XML is the full edition"
run ./clerk build --full -O "$TMP/none-x" "$pubx"
expect_rc "build --full report.xml" 1
expect_err "build --full report.xml" "^$pubx:[0-9]+: error: this XML is the public edition, from which non-public appendix 2 was left out"
if [ -z "$(ls -A "$TMP/none-x")" ]; then pass; else
	fail "refused XML builds wrote something" "$(ls -A "$TMP/none-x")"
fi

# ---- clerk pack and pack -f xml --------------------------------------
mkdir "$TMP/pack" "$TMP/packx"
run ./clerk pack -O "$TMP/pack" "$DIR/agenda.md"
expect_rc "pack" 0
ppub=$TMP/pack/agenda-public.pdf pfull=$TMP/pack/agenda-full.pdf
absent "public pack" "$ppub" "$CANARY"
present "full pack" "$pfull" "$CANARY"
case $(info "$pfull" Keywords) in
*"Not for publication"*) pass ;;
*) fail "full pack: Keywords" "$(info "$pfull" Keywords)" ;;
esac
case $(info "$ppub" Keywords) in
*"Not for publication"*|*Non-Public*) fail "public pack: Keywords" "$(info "$ppub" Keywords)" ;;
*) pass ;;
esac
# the pack's subject says so too, and only in the full pack
s="Agenda and reports of the Finance Committee, 15 January 2019"
if [ "$(info "$pfull" Subject)" = "$s; Not for publication" ]; then pass; else
	fail "full pack: Subject" "$(info "$pfull" Subject)"
fi
if [ "$(info "$ppub" Subject)" = "$s" ]; then pass; else
	fail "public pack: Subject" "$(info "$ppub" Subject)"
fi
# every page of the full pack with non-public text carries the notice
n=$(pages "$pfull")
i=1
seen=0
while [ "$i" -le "$n" ]; do
	if page_has "$pfull" "$i" "$CANARY"; then
		seen=$((seen + 1))
		case $(header "$pfull" "$i") in
		"NOT FOR PUBLICATION"*) pass ;;
		*) fail "full pack: page $i (non-public) has no exempt notice in its header" "$(header "$pfull" "$i")" ;;
		esac
	fi
	i=$((i + 1))
done
[ "$seen" -ge 2 ] && pass || fail "full pack: fewer than two pages with non-public text ($seen)"
# nothing in the public pack depends on a non-public appendix either
mkdir "$TMP/pack2"
run ./clerk pack -O "$TMP/pack2" "$TMP/changed/agenda.md"
expect_rc "pack of the changed meeting" 0
if cmp -s "$ppub" "$TMP/pack2/agenda-public.pdf"; then pass; else
	fail "the public pack changes with a non-public appendix's text"
fi
if cmp -s "$pfull" "$TMP/pack2/agenda-full.pdf"; then
	fail "the full pack does not change with a non-public appendix's text"
else pass; fi
run ./clerk pack -f xml -O "$TMP/packx" "$DIR/agenda.md"
expect_rc "pack -f xml" 0
absent "public XML pack" "$TMP/packx/agenda-public.xml" "$CANARY"
present "full XML pack" "$TMP/packx/agenda-full.xml" "$CANARY"

# ---- clerk build -f html and pack -f html: web pages ---------------------
# In a copy whose non-public appendix's image has the canary in its file
# name: the public edition has the canary in no file written (page or
# image) and in no file name; the full edition has it in both.

# nowhere NAME DIR: the canary is in no file of DIR, nor in any name.
nowhere() {
	if [ -z "$(find "$2" -type f)" ]; then
		fail "$1: nothing written in $2"
	elif grep -rilq -- "$CANARY" "$2"; then
		fail "$1: \"$CANARY\" is in $(grep -ril -- "$CANARY" "$2" | tr '\n' ' ')"
	elif find "$2" | grep -iq -- "$CANARY"; then
		fail "$1: \"$CANARY\" is in a file name" "$(find "$2" | grep -i -- "$CANARY")"
	else
		pass
	fi
}

# somewhere NAME DIR: the canary is in a file of DIR and in a name.
somewhere() {
	if grep -rilq -- "$CANARY" "$2" && find "$2" | grep -iq -- "$CANARY"; then pass; else
		fail "$1: \"$CANARY\" is not in the files and the names of $2" "$(find "$2")"
	fi
}

cp -R "$DIR" "$TMP/h"
mv "$TMP/h/appendices/img/chart.png" "$TMP/h/appendices/img/zorbalanx-chart.png"
sed -i 's|img/chart.png|img/zorbalanx-chart.png|' "$TMP/h/appendices/bid-valuation.md"
mkdir "$TMP/hp" "$TMP/hf" "$TMP/hs" "$TMP/hpack"
run ./clerk build -f html -O "$TMP/hp" "$TMP/h/report.md"
expect_rc "build -f html" 0
expect_empty "build -f html: quiet" "$TMP/err"
nowhere "public HTML" "$TMP/hp"
absent "public HTML: the appendices' titles" "$TMP/hp/report.html" "bid valuation"
absent "public HTML: the appendix's file" "$TMP/hp/report.html" "bid-valuation"
run ./clerk build --full -f html -O "$TMP/hf" "$TMP/h/report.md"
expect_rc "build --full -f html" 0
somewhere "full HTML" "$TMP/hf"
if [ -f "$TMP/hf/report-full.html" ] && [ ! -e "$TMP/hf/report.html" ]; then pass; else
	fail "build --full -f html: report-full.html only" "$(ls -A "$TMP/hf")"
fi
run ./clerk build --full -f html -O "$TMP/hs" "$TMP/h/secret.md"
expect_rc "build --full -f html secret.md" 0
present "non-public paper, full HTML" "$TMP/hs/secret-full.html" "$CANARY"
# the public page does not change with the non-public appendix's text
sed -i 's/Three bids were received/Four bids were received/' "$TMP/h/appendices/bid-valuation.md"
mkdir "$TMP/hp2"
run ./clerk build -f html -O "$TMP/hp2" "$TMP/h/report.md"
if cmp -s "$TMP/hp/report.html" "$TMP/hp2/report.html"; then pass; else
	fail "the public page changes with the non-public appendix's text"
fi
run ./clerk pack -f html -O "$TMP/hpack" "$TMP/h/agenda.md"
expect_rc "pack -f html" 0
nowhere "public HTML folder" "$TMP/hpack/agenda-public"
absent "public HTML folder: the Part 2 paper's file" "$TMP/hpack/agenda-public/index.html" "secret"
somewhere "full HTML folder" "$TMP/hpack/agenda-full"

# ---- clerk check: a non-public appendix names its paragraphs --------------
bad=tests/bad/appendix-paragraphs-missing.md
run ./clerk check "$bad"
expect_rc "check: appendix without paragraphs" 1
expect_err "check: appendix without paragraphs" "^$bad:10:5: error: non-public appendix 2 of a public paper needs the paragraphs of Part 1 of Schedule 12A that exempt it"
run ./clerk build -O "$TMP/none" "$bad"
expect_rc "build: appendix without paragraphs" 1
if [ -z "$(ls -A "$TMP/none")" ]; then pass; else
	fail "build: appendix without paragraphs: written" "$(ls -A "$TMP/none")"
fi

finish
