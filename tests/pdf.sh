#!/bin/sh
# pdf.sh: "clerk build" and the PDFs it writes: every paper in content/
# checked with qpdf and poppler (structure, embedded fonts, text, words
# inside the margins and apart, info, outline, page labels), the seed
# paper's text against the published one, byte-identical rebuilds, dates,
# atomic output, output options, batches, missing glyphs, images.
. "$(dirname "$0")/lib.sh"
seed=content/safer-city-2018-05-31/serious-organised-crime-board.md
MARGIN=56.69 # 20mm, the margins of every shipped template

# text PDF: the text with its layout; poppler's warnings about libharu's
# ToUnicode CMap go to /dev/null.
text() { pdftotext -layout "$1" - 2>/dev/null; }

# words PDF: the words in reading order, one a line, as pdftotext -bbox
# finds them: columns are read one after the other (a table cell that
# wraps stays whole) and a hyphen at the end of a line stays.
words() {
	pdftotext -bbox "$1" - 2>/dev/null | sed -n 's/^ *<word [^>]*>\(.*\)<\/word>$/\1/p' |
	    sed 's/&quot;/"/g; s/&apos;/'"'"'/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g'
}

# has_text NAME PDF STRING...: the PDF's words hold each fixed string.
has_text() {
	name=$1 pdf=$2
	shift 2
	words "$pdf" >"$TMP/text"
	printf '%s\n' "$@" >"$TMP/want"
	if out=$(awk -f tests/tools/inorder.awk "$TMP/want" "$TMP/text"); then
		pass
	else
		fail "$name: $out" "$(tr '\n' ' ' <"$TMP/text" | head -c 2000)"
	fi
}

# info PDF KEY: a line of pdfinfo, without the key.
info() { pdfinfo -isodates "$1" 2>/dev/null | sed -n "s/^$2: *//p"; }

# no_temp NAME DIR: no temporary file (".name.XXXXXX") is left in DIR.
no_temp() {
	if [ -z "$(find "$2" -maxdepth 1 -name '.*.pdf.*')" ]; then pass; else
		fail "$1: temporary file left" "$(ls -A "$2")"
	fi
}

# ---- every paper in content/ -------------------------------------------
# the public papers' public editions, the non-public papers' full editions
# (they have no other: tests/editions.sh)
papers=$(find content -name '*.md' -not -path '*/appendices/*' -not -name agenda.md | sort)
# shellcheck disable=SC2086
nonpublic=$(grep -l '^public: false' $papers)
mkdir "$TMP/all"
# shellcheck disable=SC2086
run ./clerk build -O "$TMP/all" $(printf '%s\n' $papers | grep -vxF "$nonpublic")
expect_rc "build content/" 0
expect_empty "build content/: silent" "$TMP/err"
# shellcheck disable=SC2086
run ./clerk build --full -O "$TMP/all" $nonpublic
expect_rc "build --full content/" 0
expect_empty "build --full content/: silent" "$TMP/err"

for paper in $papers; do
	stem=$(basename "$paper" .md)
	pdf=$TMP/all/$stem.pdf
	printf '%s\n' "$nonpublic" | grep -qxF "$paper" && pdf=$TMP/all/$stem-full.pdf
	if [ ! -s "$pdf" ]; then
		fail "$stem: no PDF written"
		continue
	fi
	pass

	if qpdf --check "$pdf" >"$TMP/q" 2>&1; then pass; else
		fail "$stem: qpdf --check" "$(cat "$TMP/q")"
	fi

	pdffonts "$pdf" >"$TMP/fonts" 2>/dev/null
	if awk 'NR > 2 { n++; if ($(NF-4) != "yes") bad = 1 }
	    END { exit !(n > 0 && !bad) }' "$TMP/fonts"; then pass; else
		fail "$stem: every font embedded" "$(cat "$TMP/fonts")"
	fi

	kind=$(sed -n 's/^kind: *//p' "$paper")
	if [ "$kind" = minutes ]; then
		committee=$(sed -n 's/^committee: *//p' "$paper")
		title="Minutes of the $committee, "
		has_text "$stem: committee in the text" "$pdf" "$committee"
		case $(info "$pdf" Title) in
		"$title"*) pass ;;
		*) fail "$stem: Title" "$(info "$pdf" Title)" ;;
		esac
	else
		subject=$(sed -n 's/^subject: *//p' "$paper")
		has_text "$stem: subject in the text" "$pdf" "$subject"
		if [ "$(info "$pdf" Title)" = "$subject" ]; then pass; else
			fail "$stem: Title is the subject" "$(info "$pdf" Title)"
		fi
		if [ -n "$(info "$pdf" Author)" ]; then pass; else
			fail "$stem: Author"
		fi
	fi
	template=$(sed -n 's/^template: *//p' "$paper")
	case $(info "$pdf" Creator) in
	"clerk $(./clerk --version | cut -d' ' -f2) (template ${template:-}"*) pass ;;
	*) fail "$stem: Creator names clerk and the template" "$(info "$pdf" Creator)" ;;
	esac

	pdftotext -bbox "$pdf" - 2>/dev/null >"$TMP/bbox"
	if out=$(awk -v margin=$MARGIN -v tol=0.5 -f tests/tools/bbox.awk "$TMP/bbox"); then
		pass
	else
		fail "$stem: words inside the margins and apart" "$(printf '%s\n' "$out" | head -10)"
	fi

	# pages, page labels and bookmarks exactly as tests/pdf/nav.txt has them
	{
		printf '%s\tpages\t%s\n' "$stem" "$(info "$pdf" Pages)"
		python3 tests/tools/pdfnav.py labels "$pdf" | sed "s/^/$stem\tlabel\t/"
		python3 tests/tools/pdfnav.py outline "$pdf" | sed "s/^/$stem\toutline\t/"
	} >"$TMP/nav"
	grep "^$stem	" tests/pdf/nav.txt >"$TMP/nav.want"
	if [ -s "$TMP/nav.want" ] && cmp -s "$TMP/nav.want" "$TMP/nav"; then pass; else
		fail "$stem: page count, page labels and bookmarks (tests/pdf/nav.txt)" \
		    "$(diff "$TMP/nav.want" "$TMP/nav")"
	fi

	# every cross-reference "[](#label)" is a link to the page where the
	# labelled paragraph starts, its number the link's text
	if out=$(python3 tests/tools/pdfnav.py xrefs "$pdf" 1 "$paper"); then pass; else
		fail "$stem: cross-references link to their paragraphs" "$out"
	fi
done
# nav.txt speaks of no paper that is not in content/
stems=$(grep -v '^#' tests/pdf/nav.txt | cut -f1 | sort -u)
for stem in $stems; do
	if [ -e "$TMP/all/$stem.pdf" ] || [ -e "$TMP/all/$stem-full.pdf" ]; then pass; else
		fail "tests/pdf/nav.txt: $stem is no paper of content/"
	fi
done
# (so that the link checks above check something)
# shellcheck disable=SC2086
n=$(cat $papers | grep -o '](#[^)]*)' | wc -l)
if [ "$n" -ge 6 ]; then pass; else fail "content/ holds $n cross-references, not 6 or more"; fi

# ---- the seed paper against the published text -------------------------
pdf=$TMP/all/serious-organised-crime-board.pdf
words "$pdf" >"$TMP/text"
if out=$(awk -f tests/tools/inorder.awk tests/pdf/seed-front.txt "$TMP/text"); then pass; else
	fail "seed: front sheet: $out" "$(tr '\n' ' ' <"$TMP/text" | head -c 2000)"
fi
# The whole text, word for word, is seed.txt's, the cells of its front
# sheet read row by row, once what clerk adds is left out: the page
# numbers at the feet, the "Main Report" heading and the "Public"
# classification on the front sheet. The one difference: the published
# sheet sets the reporting officer's name and title on two lines, the
# paper's report_of joins them with a comma. Typographic apostrophes are
# made plain, as seed.txt has them.
tr '\t\n' '  ' <tests/pdf/seed.txt | tr -s ' ' | sed 's/^ //; s/ $//' |
    sed 's/Report of: John Simpson Borough/Report of: John Simpson, Borough/' >"$TMP/seed.want"
text "$pdf" | tr -d '\f' | sed "s/’/'/g" | sed '/^ *[0-9][0-9]* *$/d; /^Main Report$/d' |
    sed 's/ - update  *Public$/ - update/' | tr '\n' ' ' | tr -s ' ' |
    sed 's/^ //; s/ $//' >"$TMP/seed.got"
if [ "$(wc -c <"$TMP/seed.want")" -gt 2000 ] && cmp -s "$TMP/seed.want" "$TMP/seed.got"; then pass; else
	fail "seed: the text is the published text, paragraphs numbered 1. to 8." \
	    "$(printf 'want: %s\ngot:  %s' "$(cat "$TMP/seed.want")" "$(cat "$TMP/seed.got")")"
fi
if [ "$(info "$pdf" Author)" = "John Simpson, Borough Commander, LFB" ]; then pass; else
	fail "seed: Author is report_of" "$(info "$pdf" Author)"
fi
if [ "$(info "$pdf" Subject)" = "Safer City Partnership, 31 May 2018" ]; then pass; else
	fail "seed: Subject is committee and date" "$(info "$pdf" Subject)"
fi
case $(info "$pdf" Keywords) in
*"Safer City Partnership"*Public*) pass ;;
*) fail "seed: Keywords" "$(info "$pdf" Keywords)" ;;
esac
# the seed's two pages, labels and bookmarks: "seed: pages, page labels
# and bookmarks" in the loop above, against tests/pdf/nav.txt
if [ "$(grep -c '^serious-organised-crime-board	' tests/pdf/nav.txt)" -eq 5 ]; then pass; else
	fail "seed: tests/pdf/nav.txt lacks its pages, label and 3 bookmarks"
fi

# ---- the same bytes ------------------------------------------------------
run ./clerk build -o "$TMP/d1.pdf" "$seed"
expect_rc "build -o" 0
run ./clerk build -o "$TMP/d2.pdf" "$seed"
if cmp -s "$TMP/d1.pdf" "$TMP/d2.pdf"; then pass; else fail "two builds: the same bytes"; fi
if cmp -s "$TMP/d1.pdf" "$TMP/all/serious-organised-crime-board.pdf"; then pass; else
	fail "alone and in a batch: the same bytes"
fi
case $(info "$TMP/d1.pdf" CreationDate) in
2018-05-31T00:00:00*) pass ;;
*) fail "dated by the meeting" "$(info "$TMP/d1.pdf" CreationDate)" ;;
esac
run env SOURCE_DATE_EPOCH=1700000000 ./clerk build -o "$TMP/e1.pdf" "$seed"
expect_rc "SOURCE_DATE_EPOCH" 0
run env SOURCE_DATE_EPOCH=1700000000 ./clerk build -o "$TMP/e2.pdf" "$seed"
if cmp -s "$TMP/e1.pdf" "$TMP/e2.pdf"; then pass; else fail "SOURCE_DATE_EPOCH: the same bytes"; fi
if cmp -s "$TMP/e1.pdf" "$TMP/d1.pdf"; then fail "SOURCE_DATE_EPOCH changes the file"; else pass; fi
for k in CreationDate ModDate; do
	case $(info "$TMP/e1.pdf" $k) in
	2023-11-14T22:13:20*) pass ;;
	*) fail "SOURCE_DATE_EPOCH: $k" "$(info "$TMP/e1.pdf" $k)" ;;
	esac
done
run env SOURCE_DATE_EPOCH=yesterday ./clerk build -o "$TMP/e3.pdf" "$seed"
expect_rc "SOURCE_DATE_EPOCH not a number" 2
expect_err "SOURCE_DATE_EPOCH named" "SOURCE_DATE_EPOCH"

# ---- files whole or not at all -------------------------------------------
mkdir -p "$TMP/at/src" "$TMP/at/out"
cp "$seed" "$TMP/at/src/x.md"
run ./clerk build -O "$TMP/at/out" "$TMP/at/src/x.md"
expect_rc "atomic: first build" 0
cp "$TMP/at/out/x.pdf" "$TMP/at/keep.pdf"
sed 's/^## Background/## Backgroud/' "$seed" >"$TMP/at/src/x.md"
run ./clerk build -O "$TMP/at/out" "$TMP/at/src/x.md"
expect_rc "atomic: a paper with errors" 1
expect_err "atomic: its error" 'x.md:[0-9]+:1: error: heading "Backgroud"'
if cmp -s "$TMP/at/out/x.pdf" "$TMP/at/keep.pdf"; then pass; else
	fail "atomic: the previous PDF is untouched after an input error"
fi
no_temp "atomic: input error" "$TMP/at/out"
# A PNG whose header is sound but whose image data is not is found when
# the paper is read (the file is decoded whole), at the image.
{
	head -c 33 tests/dump/img/chart.png # signature and IHDR
	printf '\000\000\000\004IDATjunkjunk'
	tail -c 12 tests/dump/img/chart.png # IEND
} >"$TMP/at/src/broken.png"
sed 's/^This report provides an update.*/&\n\n![Broken chart](broken.png)\n/' "$seed" >"$TMP/at/src/x.md"
run ./clerk build -O "$TMP/at/out" "$TMP/at/src/x.md"
expect_rc "atomic: an image that cannot be decoded" 1
expect_err "atomic: the image named" 'x.md:19:17: error: image "broken.png" is damaged'
if cmp -s "$TMP/at/out/x.pdf" "$TMP/at/keep.pdf"; then pass; else
	fail "atomic: the previous PDF is untouched after a painting error"
fi
no_temp "atomic: painting error" "$TMP/at/out"
run ./clerk build -o "$TMP/nowhere/x.pdf" "$seed"
expect_rc "output into a missing folder" 3
expect_err "output path named" "nowhere/x.pdf: error: cannot write"
if [ ! -e "$TMP/nowhere" ]; then pass; else fail "missing folder: nothing made"; fi

# ---- options -------------------------------------------------------------
run ./clerk build -O "$TMP/no-such-folder" "$seed"
expect_rc "-O a missing folder" 3
expect_err "-O folder named" "no-such-folder"
run ./clerk build -o "$TMP/x.pdf" "$seed" "$seed"
expect_rc "-o with two papers" 2
run ./clerk build -o "$TMP/x.pdf" -O "$TMP" "$seed"
expect_rc "-o with -O" 2
run ./clerk build -O "$TMP" "$seed" "$TMP/at/src/../../$seed"
expect_rc "two papers, one output file" 2
cp "$seed" "$TMP/self.md"
run ./clerk build -o "$TMP/self.md" "$TMP/self.md"
expect_rc "-o the paper itself" 2
if cmp -s "$TMP/self.md" "$seed"; then pass; else fail "-o the paper itself: paper untouched"; fi
mkdir "$TMP/cwd"
run sh -c 'cd "$1" && "$2/clerk" build "$2/$3"' sh "$TMP/cwd" "$PWD" "$seed"
expect_rc "default output folder" 0
if [ -s "$TMP/cwd/output/serious-organised-crime-board.pdf" ]; then pass; else
	fail "default: output/<stem>.pdf, folder created" "$(ls -R "$TMP/cwd")"
fi
for bad in "-j 0" "-j 65" "-j two" "-f docx" "--frob" "-t no-such-template"; do
	# shellcheck disable=SC2086
	run ./clerk build $bad -O "$TMP" "$seed"
	expect_rc "build $bad" 2
done
# every PDF is PDF/A-2a: --pdfa, kept for old scripts, changes nothing
run ./clerk build --pdfa -o "$TMP/pdfa.pdf" "$seed"
expect_rc "build --pdfa" 0
run ./clerk build -o "$TMP/plain.pdf" "$seed"
if cmp -s "$TMP/pdfa.pdf" "$TMP/plain.pdf"; then pass; else
	fail "--pdfa: the same PDF as without"
fi
run ./clerk build
expect_rc "no file" 2
run ./clerk help build
expect_rc "help build" 0
expect_out "help build: usage" '^Usage: clerk build'
run ./clerk build -O "$TMP" "$TMP/missing.md"
expect_rc "missing paper" 3
expect_err "missing paper named" "missing.md: error: cannot read"

run ./clerk build -t district-decimal -o "$TMP/t.pdf" "$seed"
expect_rc "-t another template" 0
case $(info "$TMP/t.pdf" Creator) in
*"(template district-decimal)") pass ;;
*) fail "-t: Creator names it" "$(info "$TMP/t.pdf" Creator)" ;;
esac
run ./clerk build -t minutes -o "$TMP/t2.pdf" "$seed"
expect_rc "-t a template of another kind" 1
expect_err "-t kind named" 'template "minutes" is for minutes'
if [ ! -e "$TMP/t2.pdf" ]; then pass; else fail "-t of another kind: nothing written"; fi

# Warnings still give the file.
sed 's/^This report provides an update.*/&\n\n<div>raw<\/div>\n/' "$seed" >"$TMP/warn.md"
run ./clerk build -O "$TMP" "$TMP/warn.md"
expect_rc "warnings: built" 0
expect_err "warnings: reported" "warn.md:[0-9]+:1: warning: raw HTML"
if [ -s "$TMP/warn.pdf" ]; then pass; else fail "warnings: PDF written"; fi

# ---- batches -------------------------------------------------------------
mkdir "$TMP/j"
printf -- '---\nsubjet: x\n---\n' >"$TMP/j/bad1.md"
printf -- '---\ncommittee: C\ndate: 2018-02-30\npurpose: information\nsubject: S\nreport_of: R\n---\n\n## Summary\n\nS.\n' >"$TMP/j/bad2.md"
run ./clerk build -j 2 -O "$TMP/j" "$TMP/j/bad1.md" "$seed" "$TMP/j/bad2.md" content/streets-walkways-2024-03-12/minutes-2024-01-16.md
expect_rc "-j 2: good and bad papers" 1
expect_err "-j 2: first bad paper reported" 'bad1.md:2:1: error: unknown key "subjet"'
expect_err "-j 2: second bad paper reported" 'bad2.md:3:7: error: 2018-02-30 is not a date'
if [ "$(sed -n '$p' "$TMP/err" | grep -c 'bad2.md:')" = 1 ] &&
    [ "$(sed -n '1p' "$TMP/err" | grep -c 'bad1.md:')" = 1 ]; then pass; else
	fail "-j 2: messages in the order of the files" "$(cat "$TMP/err")"
fi
if [ -s "$TMP/j/serious-organised-crime-board.pdf" ] && [ -s "$TMP/j/minutes-2024-01-16.pdf" ]; then pass; else
	fail "-j 2: good papers built" "$(ls "$TMP/j")"
fi
if [ ! -e "$TMP/j/bad1.pdf" ] && [ ! -e "$TMP/j/bad2.pdf" ]; then pass; else
	fail "-j 2: bad papers not written" "$(ls "$TMP/j")"
fi
if cmp -s "$TMP/j/serious-organised-crime-board.pdf" "$TMP/d1.pdf"; then pass; else
	fail "-j 2: the same bytes as alone"
fi
no_temp "-j 2" "$TMP/j"

# A font file the template names that is not a TrueType font (found when
# the device opens it), or one cut short (found by libharu while the
# layout measures): a system error naming the file, nothing written.
mkdir "$TMP/tpl"
cp templates/*.yaml "$TMP/tpl/"
echo 'not a font' >"$TMP/tpl/broken.ttf"
head -c 2000 /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf >"$TMP/tpl/cut.ttf"
for font in broken cut; do
	sed "s/^fonts:\$/fonts:\\n  body: {regular: $font.ttf}/" templates/col-2018.yaml >"$TMP/tpl/col-2018.yaml"
	run env CLERK_TEMPLATES="$TMP/tpl" ./clerk build -o "$TMP/font.pdf" "$seed"
	expect_rc "font file $font" 3
	expect_err "font file $font named" "$font.ttf: error: not a TrueType font"
	if [ ! -e "$TMP/font.pdf" ]; then pass; else fail "font file $font: nothing written"; fi
done

# ---- characters and images -------------------------------------------------
sed 's/^This report provides an update of the work/This report 😀 provides an update of the work/' "$seed" >"$TMP/emoji.md"
run ./clerk build -O "$TMP" "$TMP/emoji.md"
expect_rc "a character no font has" 1
expect_err "the character named" "emoji.md:[0-9]+:[0-9]+: error: character U\\+1F600"
if [ ! -e "$TMP/emoji.pdf" ]; then pass; else fail "a character no font has: nothing written"; fi

sed 's/^This report provides an update of the work/This report ✓ provides an update of the work/' "$seed" >"$TMP/tick.md"
run ./clerk build -O "$TMP" "$TMP/tick.md"
expect_rc "a character of the fallback font" 0
if pdffonts "$TMP/tick.pdf" 2>/dev/null | grep -q 'DejaVuSans.*yes *yes *yes'; then pass; else
	fail "fallback font embedded" "$(pdffonts "$TMP/tick.pdf" 2>&1)"
fi
has_text "fallback character extracted" "$TMP/tick.pdf" "This report ✓ provides"

cp -r tests/dump "$TMP/img"
# (a non-public paper: its full edition)
run ./clerk build --full -O "$TMP/img" "$TMP/img/features.md"
expect_rc "a paper with an image and links" 0
if [ "$(pdfimages -list "$TMP/img/features-full.pdf" 2>/dev/null | awk 'NR > 2' | wc -l)" -eq 1 ]; then pass; else
	fail "the image embedded" "$(pdfimages -list "$TMP/img/features-full.pdf" 2>&1)"
fi
if qpdf --check "$TMP/img/features-full.pdf" >/dev/null 2>&1; then pass; else fail "image paper: qpdf --check"; fi
qpdf --qdf --object-streams=disable "$TMP/img/features-full.pdf" - 2>/dev/null | tr -d '\r' >"$TMP/qdf"
if grep -aq '/URI (https://www.cityoflondon.gov.uk' "$TMP/qdf"; then pass; else fail "web link annotated"; fi
# The two cross-references are links to the pages where their paragraphs
# start (paragraph 2 on page 1, paragraph 3 on page 2), and each bookmark
# leads to the page of its heading.
python3 tests/tools/pdfnav.py links "$TMP/img/features-full.pdf" >"$TMP/links"
if [ "$(cat "$TMP/links")" = "$(printf '1\t1\t2.\n1\t2\tparagraph one.')" ] &&
    pdftotext -layout -f 1 -l 1 "$TMP/img/features-full.pdf" - | grep -q '^2\. *The risk paragraph' &&
    pdftotext -layout -f 2 -l 2 "$TMP/img/features-full.pdf" - | grep -q '^3\. *Paragraph under the alias'; then
	pass
else
	fail "internal links have destinations: their paragraphs' pages" "$(cat "$TMP/links")"
fi
python3 tests/tools/pdfnav.py outline "$TMP/img/features-full.pdf" >"$TMP/outline"
if [ "$(cat "$TMP/outline")" = "$(printf '1\t1\tSummary\n2\t1\tRisks\n1\t1\tRecommendation(s)\n1\t1\tBackground\n1\t2\tCurrent Position\n1\t2\tAppendices\n1\t2\tBackground Papers')" ] &&
    pdftotext -layout -f 2 -l 2 "$TMP/img/features-full.pdf" - | grep -q '^Current Position$'; then
	pass
else
	fail "bookmarks have destinations: their headings' pages" "$(cat "$TMP/outline")"
fi

# A 16-bit PNG with transparency (libharu 2.3.0 mishandles 16-bit PNGs;
# clerk decodes them itself, composited over white: PDF/A holds no soft
# mask) and a JPEG (embedded as it is).
mkdir "$TMP/pics"
cp tests/pdf/img/alpha16.png "$TMP/pics/"
pdftoppm -jpeg -r 10 -singlefile "$TMP/d1.pdf" "$TMP/pics/page" 2>/dev/null
sed 's/^This report provides an update.*/&\n\n![Gradient](alpha16.png)\n\n![A page](page.jpg)\n/' "$seed" >"$TMP/pics/pics.md"
run ./clerk build -O "$TMP/pics" "$TMP/pics/pics.md"
expect_rc "PNG with alpha and JPEG" 0
pdfimages -list "$TMP/pics/pics.pdf" 2>/dev/null | awk 'NR > 2 { print $3, $4, $5, $9 }' >"$TMP/list"
if [ "$(cat "$TMP/list")" = "$(printf 'image 8 8 image\nimage 83 117 jpeg')" ]; then pass; else
	fail "PNG without a soft mask (PDF/A: composited over white), JPEG as DCT" "$(cat "$TMP/list")"
fi
printf '\377\330\377\340garbage garbage' >"$TMP/pics/bad.jpg"
head -c 1500 "$TMP/pics/page.jpg" >"$TMP/pics/cut.jpg"
for pic in bad cut; do
	sed "s/^This report provides an update.*/&\n\n![Picture]($pic.jpg)\n/" "$seed" >"$TMP/pics/$pic.md"
	run ./clerk build -O "$TMP/pics" "$TMP/pics/$pic.md"
	expect_rc "JPEG $pic" 1
	expect_err "JPEG $pic named" "$pic.md:19:12: error: image \"$pic.jpg\" is damaged or cut short"
	if [ ! -e "$TMP/pics/$pic.pdf" ]; then pass; else fail "JPEG $pic: nothing written"; fi
done

# A progressive JPEG is embedded as it is, as a baseline one is.
cp tests/bad/img/progressive.jpg tests/bad/img/baseline.jpg "$TMP/pics/"
sed 's/^This report provides an update.*/&\n\n![Progressive](progressive.jpg)\n\n![Baseline](baseline.jpg)\n/' "$seed" >"$TMP/pics/prog.md"
run ./clerk build -O "$TMP/pics" "$TMP/pics/prog.md"
expect_rc "progressive and baseline JPEG" 0
pdfimages -list "$TMP/pics/prog.pdf" 2>/dev/null | awk 'NR > 2 { print $4, $5, $9 }' >"$TMP/list"
if [ "$(cat "$TMP/list")" = "$(printf '12 8 jpeg\n12 8 jpeg')" ]; then pass; else
	fail "progressive and baseline JPEG as DCT" "$(cat "$TMP/list")"
fi

# The fonts' ToUnicode maps are valid: poppler reads the text without a
# word of complaint (libharu's own map draws a warning on every page).
run ./clerk build -o "$TMP/cmap.pdf" "$seed"
pdftotext "$TMP/cmap.pdf" "$TMP/cmap.txt" 2>"$TMP/cmap.err"
expect_empty "pdftotext reads the seed without warnings" "$TMP/cmap.err"
grep -q "Mayor’s Office for Policing" "$TMP/cmap.txt" && pass || fail "text with ’ extracted"

# Bookmarks keep non-ASCII titles (UTF-16 in the outline).
sed 's/^## Summary$/## Summary\n\n### Children’s £ review/' "$seed" >"$TMP/outline.md"
run ./clerk build -o "$TMP/outline.pdf" "$TMP/outline.md"
expect_rc "paper with a non-ASCII sub-heading" 0
qpdf --json=2 --json-key=outlines "$TMP/outline.pdf" >"$TMP/outline.json" 2>/dev/null
grep -q '"title": "Children’s £ review"' "$TMP/outline.json" && pass || fail "bookmark with ’ and £" "$(grep title "$TMP/outline.json")"

# A character no font has in the front matter is found where it was typed.
sed 's/^subject: .*/subject: Budget 😀 update/' "$seed" >"$TMP/emoji-fm.md"
run ./clerk build -o "$TMP/emoji-fm.pdf" "$TMP/emoji-fm.md"
expect_rc "front-matter character no font has" 1
expect_err "front-matter character at its line:col" "emoji-fm.md:5:17: error: character U\+1F600"
[ ! -e "$TMP/emoji-fm.pdf" ] && pass || fail "no PDF written for it"

# A soft hyphen (U+00AD) prints a hyphen only where a line breaks at it,
# and nothing elsewhere; a zero-width space (U+200B) is a place to break
# that prints nothing. One word of 100 "abc", a soft hyphen after each,
# then one of 100 "xyz/", a zero-width space after each: every line but
# the last of the first ends in "abc-", the rest hold "abc" and no
# hyphen, and the text holds neither character.
shy=$(printf '\302\255') zwsp=$(printf '\342\200\213') bom=$(printf '\357\273\277')
awk -v shy="$shy" -v zwsp="$zwsp" '/^This report provides an update/ {
	a = b = ""
	for (i = 0; i < 100; i++) { a = a "abc" shy; b = b "xyz/" zwsp }
	print a "\n\n" b "\n"
} { print }' "$seed" >"$TMP/shy.md"
run ./clerk build -o "$TMP/shy.pdf" "$TMP/shy.md"
expect_rc "soft hyphens and zero-width spaces" 0
text "$TMP/shy.pdf" | sed 's/^ *//; s/ *$//' >"$TMP/shy.txt"
grep -E '^(abc)+-?$' "$TMP/shy.txt" >"$TMP/abc"
grep -E '^(xyz/)+$' "$TMP/shy.txt" >"$TMP/xyz"
if [ "$(wc -l <"$TMP/abc")" -ge 2 ] &&
    [ "$(sed '$d' "$TMP/abc" | grep -cv -- '-$')" -eq 0 ] &&
    [ "$(tail -n 1 "$TMP/abc" | grep -c -- '-')" -eq 0 ] &&
    [ "$(tr -d '\n-' <"$TMP/abc")" = "$(printf 'abc%.0s' $(seq 100))" ]; then
	pass
else
	fail "a hyphen at each line's end, none mid-line" "$(cat "$TMP/shy.txt")"
fi
if [ "$(wc -l <"$TMP/xyz")" -ge 2 ] &&
    [ "$(tr -d '\n' <"$TMP/xyz")" = "$(printf 'xyz/%.0s' $(seq 100))" ]; then
	pass
else
	fail "zero-width spaces break lines and print nothing" "$(cat "$TMP/shy.txt")"
fi
if grep -q -e "$shy" -e "$zwsp" "$TMP/shy.txt"; then
	fail "no soft hyphen or zero-width space in the text" "$(cat "$TMP/shy.txt")"
else
	pass
fi
# Nor the title in the document info (with a byte-order mark), nor a
# bookmark.
awk -v shy="$shy" -v bom="$bom" '
/^subject:/ { print "subject: Organ" shy "ised " bom "Crime"; next }
/^## Background$/ { print "## Back" shy "ground"; next }
{ print }' "$seed" >"$TMP/shy-title.md"
run ./clerk build -o "$TMP/shy-title.pdf" "$TMP/shy-title.md"
expect_rc "soft hyphen in the title and a heading" 0
[ "$(info "$TMP/shy-title.pdf" Title)" = "Organised Crime" ] && pass ||
	fail "title without soft hyphen or byte-order mark" "$(info "$TMP/shy-title.pdf" Title)"
qpdf --json=2 --json-key=outlines "$TMP/shy-title.pdf" >"$TMP/shy.json" 2>/dev/null
grep -q '"title": "Background"' "$TMP/shy.json" && pass ||
	fail "bookmark without soft hyphen" "$(grep title "$TMP/shy.json")"

finish
