#!/bin/sh
# html-out.sh: the web edition, clerk build -f html and clerk pack -f html
# (clerk(1), HTML), as a reader of the files finds it; the browser tests
# (accessibility, the HTML checker) are elsewhere. What is written and
# where (<stem>.html, <stem>.files/ with the paper's images, a stale image
# removed by the next build); the same bytes twice; every page read by
# Python's HTML parser (tests/tools/html-page.py check: the doctype,
# lang, one charset, the title, no script or outside request, elements
# closed, ids unique, every link and image to something there); the
# paragraph ids and links to themselves of the seed paper; cross-references
# with the numbers the PDF prints; images and their descriptions; the
# full edition's notice; the link to the PDF beside the page; minutes'
# resolutions; a meeting's two folders.
. "$(dirname "$0")/lib.sh"

PAGE="python3 tests/tools/html-page.py"
seed=content/safer-city-2018-05-31/serious-organised-crime-board.md

# valid NAME PAGE...: each page passes html-page.py check.
valid() {
	name=$1
	shift
	if $PAGE check "$@" >"$TMP/check" 2>&1; then pass; else
		fail "$name: pages that do not read as they must" "$(head -20 "$TMP/check")"
	fi
}

# has NAME FILE TEXT: FILE holds TEXT (fixed string).
has() {
	if grep -Fq -- "$3" "$2"; then pass; else
		fail "$1: \"$3\" is not in $2"
	fi
}

# lacks NAME FILE TEXT: FILE does not hold TEXT.
lacks() {
	if grep -Fq -- "$3" "$2"; then fail "$1: \"$3\" is in $2"; else pass; fi
}

# ---- a paper: what is written, and the same bytes twice ---------------
mkdir "$TMP/a" "$TMP/b"
run ./clerk build -f html -O "$TMP/a" "$seed"
expect_rc "build -f html seed" 0
expect_empty "build -f html seed: quiet" "$TMP/err"
page=$TMP/a/serious-organised-crime-board.html
if [ "$(ls -A "$TMP/a")" = serious-organised-crime-board.html ]; then pass; else
	fail "build -f html seed: files written" "$(ls -A "$TMP/a")"
fi
run ./clerk build -f html -O "$TMP/b" "$seed"
if cmp -s "$page" "$TMP/b/serious-organised-crime-board.html"; then pass; else
	fail "build -f html seed: two builds differ"
fi
valid "seed" "$page"
# the head: exactly as the contract says
if [ "$(sed -n 1,2p "$page")" = '<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">' ]; then pass; else
	fail "seed: the page does not open with the doctype, lang and charset" "$(sed -n 1,3p "$page")"
fi
has "seed: title" "$page" "<title>Serious and Organised Crime Board - update</title>"
has "seed: h1" "$page" "<h1>Serious and Organised Crime Board - update</h1>"
lacks "seed: not a full edition" "$page" "noindex"
lacks "seed: no PDF built, no link to it" "$page" ".pdf"
# paragraphs 1 to 8, each its id and a link to itself showing "N."
$PAGE paras "$page" >"$TMP/paras"
i=1
want=
while [ $i -le 8 ]; do
	want="${want}para-$i	#para-$i	$i.
"
	i=$((i + 1))
done
if [ "$(cat "$TMP/paras")
" = "$want" ]; then pass; else
	fail "seed: paragraph ids and self-links" "$(cat "$TMP/paras")"
fi
# the front sheet: header cells with scope
has "seed: front sheet column header" "$page" '<th scope="col">Committee(s)</th>'
has "seed: front sheet row header" "$page" '<th scope="row">Subject</th>'
has "seed: headings" "$page" '<h2>Main Report</h2>'
has "seed: numbered section under it" "$page" '<h3>Background</h3>'
has "seed: contact e-mail" "$page" '<a href="mailto:john.simpson@london-fire.gov.uk">'

# -o names the page; its images' folder is named after it
mkdir "$TMP/o"
run ./clerk build -f html -o "$TMP/o/web.html" tests/layout/figures.md
expect_rc "build -f html -o" 0
if [ -f "$TMP/o/web.html" ] && [ -f "$TMP/o/web.files/bars.png" ]; then pass; else
	fail "build -f html -o web.html: files" "$(ls -AR "$TMP/o")"
fi

# ---- images, cross-references, footnotes, tables ----------------------
cp -R tests/layout "$TMP/lay"
run ./clerk build -f html -O "$TMP/lay" "$TMP/lay/figures.md"
expect_rc "build -f html figures.md" 0
fig=$TMP/lay/figures.html
valid "figures" "$fig"
if [ "$(ls -A "$TMP/lay/figures.files")" = bars.png ] &&
    cmp -s "$TMP/lay/figures.files/bars.png" tests/layout/img/bars.png; then pass; else
	fail "figures: the image copied once into figures.files/" "$(ls -A "$TMP/lay/figures.files")"
fi
$PAGE images "$fig" >"$TMP/images"
if [ "$(cat "$TMP/images")" = "figures.files/bars.png	Trees planted in each ward in 2023
figures.files/bars.png	" ]; then pass; else
	fail "figures: images and their alt text (the second decorative)" "$(cat "$TMP/images")"
fi
has "figures: table header cells" "$fig" '<th scope="col">Ward</th>'
has "figures: table in a region a keyboard reaches" "$fig" '<div class="table-box" role="region" aria-label="Table 1" tabindex="0">'
has "figures: footnote reference" "$fig" '<a class="fnref" href="#fn-1" id="fnref-1">'
has "figures: footnote's way back" "$fig" '<a href="#fnref-1">Back to the text</a>'
has "figures: block quote" "$fig" '<blockquote><p>Trees are planted'
has "figures: code" "$fig" '<pre><code>season: winter'

# the same numbers as the PDF: each cross-reference shows the number the
# PDF prints there, and links to the paragraph that has it
for p in tests/layout/figures.md tests/dump/decimal.md; do
	stem=$(basename "$p" .md)
	run ./clerk build -f html -O "$TMP" "$p"
	run ./clerk build -O "$TMP" "$p"
	$PAGE xrefs "$TMP/$stem.html" >"$TMP/xrefs"
	$PAGE paras "$TMP/$stem.html" >"$TMP/paras"
	pdftotext "$TMP/$stem.pdf" - | tr '\n' ' ' | tr -s ' ' >"$TMP/pdf.txt"
	if [ -s "$TMP/xrefs" ]; then pass; else fail "$stem: no cross-reference"; fi
	while IFS='	' read -r href text; do
		esc=$(printf '%s' "$text" | sed 's/\./\\./g')
		if grep -Eq "paragraph $esc([^0-9.]|\.[^0-9]|\.?\$)" "$TMP/pdf.txt"; then pass; else
			fail "$stem: cross-reference \"$text\" is not what the PDF prints" "$(grep -o 'paragraph [^ ]* [^ ]*' "$TMP/pdf.txt")"
		fi
		# a number as the PDF prints it in the text: "4", "2.3", never
		# "4." (the label of paragraph 4)
		num=$(awk -F '	' -v h="$href" '$2 == h { print $3 }' "$TMP/paras")
		case $text in
		*.) fail "$stem: cross-reference \"$text\" shows a label, not a number" ;;
		*) case $num in
		   "$text" | "$text.") pass ;;
		   *) fail "$stem: cross-reference \"$text\" links to $href, numbered \"$num\"" ;;
		   esac ;;
		esac
	done <"$TMP/xrefs"
done
# section-decimal numbers as ids
has "decimal: id para-2.1" "$TMP/decimal.html" '<li id="para-2.1"><a class="num" href="#para-2.1">'

# lettered sub-lists and task lists as the PDF marks them
run ./clerk build -f html -O "$TMP" tests/layout/nested-lists.md
has "nested lists: lettered" "$TMP/nested-lists.html" '<span class="marker">b)</span>'
has "nested lists: roman" "$TMP/nested-lists.html" '<span class="marker">ii)</span>'
has "task list: ticked, and said" "$TMP/nested-lists.html" '<span class="marker" aria-hidden="true">☑</span><span class="vh">Done: </span>'
has "task list: not ticked, and said" "$TMP/nested-lists.html" '<span class="marker" aria-hidden="true">☐</span><span class="vh">Not done: </span>'

# ---- a stale image goes with the next build ----------------------------
grep -v 'img/bars.png' "$TMP/lay/figures.md" >"$TMP/lay/figures.tmp"
mv "$TMP/lay/figures.tmp" "$TMP/lay/figures.md"
run ./clerk build -f html -O "$TMP/lay" "$TMP/lay/figures.md"
expect_rc "rebuild without the images" 0
if [ ! -e "$TMP/lay/figures.files" ]; then pass; else
	fail "rebuild without the images: figures.files/ is still there" "$(ls -A "$TMP/lay/figures.files")"
fi
valid "figures without images" "$fig"

# ---- the PDF beside the page, and the full edition ----------------------
cp -R tests/editions "$TMP/ed"
run ./clerk build --full -O "$TMP/ed" "$TMP/ed/report.md"
run ./clerk build --full -f html -O "$TMP/ed" "$TMP/ed/report.md"
expect_rc "build --full -f html" 0
full=$TMP/ed/report-full.html
valid "full edition" "$full"
has "full edition: links to its PDF" "$full" '<a href="report-full.pdf">This report as a PDF</a>'
has "full edition: not to be indexed" "$full" '<meta name="robots" content="noindex, nofollow">'
has "full edition: the notice at the top" "$full" '<h1>Guildhall Car Park – Future Use</h1>
<div class="notice" role="note"><p>NOT FOR PUBLICATION: By virtue of paragraph(s) 3 and 5'
has "full edition: the notice on the non-public appendix" "$full" 'Zorbalanx bid valuation</h2>
<div class="notice" role="note"><p>NOT FOR PUBLICATION: By virtue of paragraph(s) 3 of'
if [ -f "$TMP/ed/report-full.files/chart.png" ]; then pass; else
	fail "full edition: the appendix's image" "$(ls -AR "$TMP/ed")"
fi
run ./clerk build -f html -O "$TMP/ed" "$TMP/ed/report.md"
lacks "public edition: no notice" "$TMP/ed/report.html" "NOT FOR PUBLICATION"
lacks "public edition: no PDF built, no link" "$TMP/ed/report.html" ".pdf"
has "public edition: the appendix listed as the PDF lists it" "$TMP/ed/report.html" '<li>Appendix 2 – non-public: exempt under paragraph 3 of Part 1 of Schedule 12A</li>'

# ---- minutes -----------------------------------------------------------
min=content/streets-walkways-2024-03-12/minutes-2024-01-16.md
run ./clerk build -f html -O "$TMP" "$min"
expect_rc "build -f html minutes" 0
mp=$TMP/minutes-2024-01-16.html
valid "minutes" "$mp"
has "minutes: title" "$mp" '<title>Minutes of the Streets and Walkways Sub-Committee, 16 January 2024</title>'
has "minutes: the meeting line" "$mp" '<p>Minutes of the meeting of the Streets and Walkways Sub-Committee held at'
has "minutes: who was present" "$mp" '<h2>Present</h2>'
has "minutes: items numbered" "$mp" '<h2><span>3.</span> Minutes</h2>'
n=$(grep -c '<p class="resolution"><strong>RESOLVED</strong>' "$mp")
if [ "$n" -eq "$(grep -c '^RESOLVED' "$min")" ] && [ "$n" -ge 2 ]; then pass; else
	fail "minutes: each RESOLVED paragraph a resolution ($n)"
fi

# ---- a meeting's folders ------------------------------------------------
mkdir "$TMP/m"
run ./clerk pack -O "$TMP/m" tests/editions/agenda.md
run ./clerk pack -f html -O "$TMP/m" tests/editions/agenda.md
expect_rc "pack -f html" 0
expect_empty "pack -f html: quiet" "$TMP/err"
for k in public full; do
	valid "pack, $k folder" "$TMP/m/agenda-$k"/*.html
	has "pack, $k: the pack's PDF" "$TMP/m/agenda-$k/index.html" "<a href=\"../agenda-$k.pdf\">"
	has "pack, $k: the paper's page" "$TMP/m/agenda-$k/index.html" '<a href="report.html">Guildhall car park</a>'
	has "pack, $k: back to the agenda" "$TMP/m/agenda-$k/report.html" '<a href="index.html">Agenda: Finance Committee, 15 January 2019</a>'
done
if [ "$(ls "$TMP/m/agenda-public")" = "index.html
report.html" ]; then pass; else
	fail "pack, public folder: its files" "$(ls -R "$TMP/m/agenda-public")"
fi
if [ "$(ls "$TMP/m/agenda-full" | tr '\n' ' ')" = "index.html report-appendix-2.files report-appendix-2.html report.html secret.html " ]; then pass; else
	fail "pack, full folder: its files" "$(ls "$TMP/m/agenda-full")"
fi
has "pack, public: Part 2 not published" "$TMP/m/agenda-public/index.html" '<p>Part 2 items are not published.</p>'
lacks "pack, full: Part 2 published" "$TMP/m/agenda-full/index.html" 'are not published'
has "pack, full: Part 2 paper linked" "$TMP/m/agenda-full/index.html" '<a href="secret.html">Rent arrears of a City tenant</a>'
has "pack, full: the appendix alone has its notice" "$TMP/m/agenda-full/report-appendix-2.html" '<div class="notice" role="note"><p>NOT FOR PUBLICATION: By virtue of paragraph(s) 3 of'
has "pack: a Part 1 paper is its public edition" "$TMP/m/agenda-full/report.html" 'Appendix 2 – non-public, in Part 2 of the agenda'
# a pack again replaces its folders whole, the same bytes
cp -R "$TMP/m" "$TMP/m1"
run ./clerk pack -f html -O "$TMP/m" tests/editions/agenda.md
if diff -r "$TMP/m" "$TMP/m1" >/dev/null; then pass; else
	fail "pack -f html: two runs differ" "$(diff -r "$TMP/m" "$TMP/m1" | head)"
fi
# every page of content/'s meeting reads as it must
mkdir "$TMP/sw"
run ./clerk pack -f html -O "$TMP/sw" content/streets-walkways-2024-03-12/agenda.md
expect_rc "pack -f html content" 0
valid "content pack" "$TMP/sw"/*/*.html

finish
