#!/bin/sh
# extpdf.sh: PDF appendices (a paper's appendix whose file is a .pdf), in
# the PDFs clerk writes, read back with the readers a clerk would use.
# The appendices are made at each run by other software from the sources
# in tests/extpdf/src/: an A3 landscape site plan with vector drawing and
# text (Ghostscript's ps2pdf), a consultant's report of three pages with
# its own outline (groff -ms -Tpdf, gropdf), a page turned by /Rotate
# (qpdf --rotate), one cut by its crop box and turned (pikepdf), a non-public appendix holding the canary word
# "Quokkaberry", and broken ones: truncated, a content stream damaged,
# encrypted (owner password only, and with a user password), not a PDF,
# no pages, too many pages, too big.
#   build  tests/extpdf/depot.md: a Markdown appendix, then the plan and
#          the report. qpdf --check; its pages are clerk's (as many as the
#          same paper without the PDFs) then the included ones, in order,
#          each with its own words at their own places (pdftotext -bbox,
#          tests/tools/pdfwords.py) and size (pdfinfo); clerk's number at
#          the foot of every page; "Appendix N" at the top right of the
#          first included page of each; bookmarks "Appendix N – title"
#          with the report's own outline below, each on its page; page
#          labels; no image where vectors were; XMP claims neither PDF/A
#          nor PDF/UA (the same paper without the PDFs claims both); the
#          structure tree (tests/pdfua.py, poppler); the same bytes twice.
#   pack   tests/extpdf/agenda.md (depot.md, and lease.md: a turned page
#          and a non-public PDF appendix): the agenda's "(Pages x - y)"
#          against the "Agenda Item N" stamps and the printed numbers,
#          labels matching them, the turned page as a reader shows the
#          original, the non-public appendix on a Part 2 item of the full
#          pack and not a word of it in the public one (text, bookmarks,
#          decompressed objects), the same bytes with -j 2.
#   errors each broken file: its message at the line and column of its
#          "file:" value, exit 1 and nothing written, from build, check
#          and pack alike; two in one paper both reported in one run.
#   xml    the componentRef of each PDF, its SHA-256; the PDF made again
#          from the XML byte for byte with the files beside it, an error
#          without them, a warning with another file; the public edition
#          without the non-public PDF.
#   web    copies of the PDFs beside the page, linked; none of the
#          non-public one in the public page.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3 # Debian's, with python3-pikepdf
SRC=tests/extpdf
W=$TMP/work
A=$W/appendices
A4='595.276 x 841.89'

pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }

# page PDF N: the text of page N as laid out.
page() { pdftotext -layout -f "$2" -l "$2" "$1" - 2>/dev/null | tr -d '\f'; }

# size PDF N: the size of page N as a reader shows it, "W x H" in points.
size() {
	pdfinfo -f "$2" -l "$2" "$1" 2>/dev/null | awk -v n="$2" '
		$1 == "Page" && $2 == n && $3 == "size:" { w = $4; h = $6 }
		$1 == "Page" && $2 == n && $3 == "rot:" { r = $4 }
		END { if (r % 180 == 90) { t = w; w = h; h = t }; print w " x " h }'
}

# foot PDF N: the last line of text on page N, spaces removed.
foot() { page "$1" "$2" | awk 'NF {l = $0} END {gsub(/ /, "", l); print l}'; }

# where PDF N PHRASE: "x0 y0 x1 y1 W H" of PHRASE on page N (y from the top).
where() { python3 tests/tools/pdfwords.py where "$@"; }

# same SRC SP OUT OP NAME: page SP of SRC is page OP of OUT as it is.
same() {
	if msg=$(python3 tests/tools/pdfwords.py same "$1" "$2" "$3" "$4" 2>&1); then pass; else
		fail "$5: page $4 is not page $2 of $(basename "$1") as it is" "$(echo "$msg" | head -5)"
	fi
}

# top_right NAME PDF N PHRASE: PHRASE is on page N, in its top tenth and
# right half, and no other word overlaps it.
top_right() {
	r=$(where "$2" "$3" "$4" 2>&1)
	if [ -n "$r" ] && echo "$r" | awk '{exit !($1 > $5 / 2 && $3 <= $5 && $4 < $6 / 10)}'; then pass; else
		fail "$1: \"$4\" is not at the top right of page $3" "${r:-(not on the page)}"
	fi
}

# claims PDF: prints "pdfaid pdfuaid" for each claim its XMP makes.
claims() {
	$PY -c '
import sys, pikepdf
x = pikepdf.open(sys.argv[1]).Root.Metadata.read_bytes().decode()
print(" ".join(k for k in ("pdfaid:part", "pdfuaid:part") if "<" + k + ">" in x))
' "$1"
}

# ---- the fixtures ----------------------------------------------------------
mkdir -p "$W"
cp "$SRC"/*.md "$W/"
cp -R "$SRC/appendices" "$W/"
made() { # made NAME FILE: FILE was made
	if [ -s "$2" ]; then pass; else fail "fixture $1 not made" "$(cat "$TMP/mk" 2>/dev/null)"; fi
}
PS2PDF="ps2pdf -dPDFSETTINGS=/prepress -dAutoRotatePages=/None"
$PS2PDF "$SRC/src/plan.ps" "$A/plan.pdf" >"$TMP/mk" 2>&1; made plan "$A/plan.pdf"
groff -ms -Tpdf -P-e -P-pa4 -dpaper=a4 "$SRC/src/report.ms" >"$A/report.pdf" 2>"$TMP/mk"; made report "$A/report.pdf"
$PS2PDF "$SRC/src/schedule.ps" "$TMP/upright.pdf" >"$TMP/mk" 2>&1 &&
    qpdf --rotate=+90:1 "$TMP/upright.pdf" "$A/schedule.pdf" >"$TMP/mk" 2>&1; made schedule "$A/schedule.pdf"
$PS2PDF "$SRC/src/exempt.ps" "$A/exempt.pdf" >"$TMP/mk" 2>&1; made exempt "$A/exempt.pdf"
# broken ones
head -c $(($(wc -c <"$A/report.pdf") / 2)) "$A/report.pdf" >"$A/truncated.pdf"
qpdf --encrypt "" owner 256 -- "$A/plan.pdf" "$A/locked.pdf" >"$TMP/mk" 2>&1; made locked "$A/locked.pdf"
qpdf --encrypt secret owner 256 -- "$A/plan.pdf" "$A/password.pdf" >"$TMP/mk" 2>&1; made password "$A/password.pdf"
printf 'Site plan\n\nThe plan will be tabled at the meeting.\n' >"$A/notes.pdf"
qpdf --empty "$A/nopages.pdf" >"$TMP/mk" 2>&1; made nopages "$A/nopages.pdf"
# shellcheck disable=SC2046
qpdf --empty --pages $(yes "$A/plan.pdf" | head -5001) -- "$A/many.pdf" >"$TMP/mk" 2>&1; made many "$A/many.pdf"
cp "$A/plan.pdf" "$A/big.pdf" && truncate -s $((128 * 1024 * 1024 + 1)) "$A/big.pdf"
# the plan with its page's content stream overwritten in the middle (the
# file's offsets unchanged)
$PY - "$A/plan.pdf" "$A/corrupt.pdf" >"$TMP/mk" 2>&1 <<'EOF'
import sys, pikepdf
src, dst = sys.argv[1], sys.argv[2]
with pikepdf.open(src) as p:
    num = p.pages[0].obj["/Contents"].objgen[0]
b = bytearray(open(src, "rb").read())
at = b.index(b"stream", b.index(b"\n%d 0 obj" % num)) + 8
b[at + 20:at + 60] = b"x" * 40
open(dst, "wb").write(b)
EOF
made corrupt "$A/corrupt.pdf"

# what they are: made by other software, of the sizes and turns meant
if pdfinfo "$A/plan.pdf" | grep -q '^Producer: *GPL Ghostscript' &&
    [ "$(size "$A/plan.pdf" 1)" = "1191 x 842" ]; then pass; else
	fail "fixture: the plan is an A3 landscape page from Ghostscript" "$(pdfinfo "$A/plan.pdf")"
fi
if pdfinfo "$A/report.pdf" | grep -q '^Producer: *gropdf' && [ "$(pages "$A/report.pdf")" = 3 ] &&
    [ "$(python3 tests/tools/pdfnav.py outline "$A/report.pdf" | wc -l)" = 3 ]; then pass; else
	fail "fixture: the report is 3 pages from gropdf with 3 bookmarks" "$(pdfinfo "$A/report.pdf")"
fi
if pdfinfo -f 1 -l 1 "$A/schedule.pdf" | grep -q '^Page *1 rot: *90$' &&
    [ "$(size "$A/schedule.pdf" 1)" = "842 x 595" ]; then pass; else
	fail "fixture: the schedule is an A4 page turned a quarter" "$(pdfinfo -f 1 -l 1 "$A/schedule.pdf")"
fi
if pdftotext "$A/exempt.pdf" - | grep -q Quokkaberry &&
    qpdf --qdf --object-streams=disable "$A/exempt.pdf" - | grep -aq Quokkaberry; then pass; else
	fail "fixture: the canary is in the non-public appendix's text and objects"
fi
# the paper without its PDF appendices, and a paper with a broken one in
# the place of the plan (and of the report)
sed '/title: Site plan/,/file: appendices\/report\.pdf/d' "$W/depot.md" >"$W/plain.md"
at=$(awk '/file: appendices\/plan\.pdf/ {print NR ":" index($0, "appendices")}' "$W/depot.md")
at2=$(awk '/file: appendices\/report\.pdf/ {print NR ":" index($0, "appendices")}' "$W/depot.md")
for b in truncated corrupt locked password notes nopages many big missing; do
	sed "s|appendices/plan\\.pdf|appendices/$b.pdf|" "$W/depot.md" >"$W/bad-$b.md"
done

# ---- build: one paper ------------------------------------------------------
mkdir "$W/out" "$W/out2" "$W/plain"
run ./clerk build -O "$W/out" "$W/depot.md"
expect_rc "build depot.md" 0
pdf=$W/out/depot.pdf
# the warnings: untagged, at each file: value, and nothing else
expect_err "untagged plan: warning at its file:" \
    "^$W/depot\\.md:$at: warning: appendix file \"appendices/plan\\.pdf\" is not a tagged PDF: it is included as it is, and the PDF that includes it will not claim PDF/UA-1 or PDF/A-2a"
expect_err "untagged report: warning at its file:" \
    "^$W/depot\\.md:$at2: warning: appendix file \"appendices/report\\.pdf\" is not a tagged PDF"
if [ "$(wc -l <"$TMP/err")" -eq 2 ]; then pass; else fail "build depot.md: two warnings only" "$(cat "$TMP/err")"; fi
run ./clerk build -O "$W/plain" "$W/plain.md"
expect_rc "build the paper without its PDFs" 0
expect_empty "build the paper without its PDFs: quiet" "$TMP/err"
plain=$W/plain/plain.pdf

if qpdf --check "$pdf" >"$TMP/q" 2>&1; then pass; else fail "qpdf --check depot.pdf" "$(tail -5 "$TMP/q")"; fi
c=$(pages "$plain") # clerk's own pages
n=$(pages "$pdf")
if [ "$n" = $((c + 4)) ]; then pass; else
	fail "depot.pdf: $c pages of clerk's and 1 + 3 included, not $n"
fi
# clerk's pages: the template's A4, the Markdown appendix among them
k=1
while [ "$k" -le "$c" ] && [ "$(size "$pdf" $k)" = "$A4" ]; do k=$((k + 1)); done
if [ "$k" -gt "$c" ]; then pass; else
	fail "depot.pdf page $k is $(size "$pdf" $k), not the template's A4"
fi
if page "$pdf" "$c" | grep -q 'lifted the roof'; then pass; else
	fail "depot.pdf: the Markdown appendix is not on page $c, before the PDFs" "$(page "$pdf" "$c")"
fi
# the included pages, in order, each as it is, its size its own
p=$((c + 1))
same "$A/plan.pdf" 1 "$pdf" $p "build"
if [ "$(size "$pdf" $p)" = "1191 x 842" ]; then pass; else
	fail "build: the A3 landscape plan is $(size "$pdf" $p) on page $p"
fi
for k in 1 2 3; do
	same "$A/report.pdf" $k "$pdf" $((p + k)) "build"
	if [ "$(size "$pdf" $((p + k)))" = "595 x 842" ]; then pass; else
		fail "build: report page $k is $(size "$pdf" $((p + k))), not its own 595 x 842"
	fi
done
# vector stays vector, text stays text
if [ "$(pdfimages -list -f $p -l $p "$pdf" 2>/dev/null | tail -n +3 | wc -l)" -eq 0 ] &&
    page "$pdf" $p | grep -q 'Vehicle workshop'; then pass; else
	fail "build: the plan is not text and vectors" "$(pdfimages -list -f $p -l $p "$pdf")"
fi
# clerk's number at the foot of every page
k=1
while [ "$k" -le "$n" ]; do
	if [ "$(foot "$pdf" $k)" != "$k" ]; then
		fail "build: page $k is numbered \"$(foot "$pdf" $k)\" at its foot"
		break
	fi
	k=$((k + 1))
done
[ "$k" -gt "$n" ] && pass
# the stamps: on the first page of each PDF appendix, at its top right
top_right "build: plan" "$pdf" $p "Appendix 2"
top_right "build: report" "$pdf" $((p + 1)) "Appendix 3"
for k in $((p + 2)) $((p + 3)); do
	if page "$pdf" $k | grep -q 'Appendix [0-9]'; then
		fail "build: page $k, not the first of its appendix, is stamped"
	else pass; fi
done
# bookmarks: each appendix, the report's own outline below it, on its pages
python3 tests/tools/pdfnav.py outline "$pdf" >"$TMP/outline"
printf '1\t%d\tAppendix 1 – Survey method\n1\t%d\tAppendix 2 – Site plan\n1\t%d\tAppendix 3 – Structural survey\n2\t%d\tSurvey findings\n3\t%d\tRoof and drainage\n2\t%d\tRecommendations\n' \
    "$c" "$p" $((p + 1)) $((p + 1)) $((p + 2)) $((p + 3)) >"$TMP/want"
if tail -6 "$TMP/outline" | cmp -s - "$TMP/want"; then pass; else
	fail "build: bookmarks of the appendices" "$(tail -6 "$TMP/outline" | diff - "$TMP/want")"
fi
labels=$(python3 tests/tools/pdfnav.py labels "$pdf")
if [ "$labels" = "$(printf '0\t/D\t1')" ]; then pass; else
	fail "build: page labels decimal from 1 over every page" "$labels"
fi
# PDF/A-2a and PDF/UA-1: claimed by clerk's own pages alone
if [ "$(claims "$pdf")" = "" ]; then pass; else
	fail "build: a PDF with included pages claims $(claims "$pdf")"
fi
if [ "$(claims "$plain")" = "pdfaid:part pdfuaid:part" ]; then pass; else
	fail "build: the paper without its PDFs claims only \"$(claims "$plain")\""
fi
# the structure tree: each included page a Div, the stamp an H1 under its
# appendix's Sect; every other condition of the tagged-PDF checker still
# met. What it must report: the claims left out on purpose, and the
# transparency group of gropdf's pages, carried as they are.
pdfinfo -struct-text "$pdf" >"$TMP/st" 2>&1
if [ "$(grep -c '^ *Div$' "$TMP/st")" -eq 4 ] &&
    grep -A1 '^ *H1' "$TMP/st" | grep -q '"Appendix 2"'; then pass; else
	fail "build: poppler reads 4 Div and the H1 \"Appendix 2\"" "$(tail -20 "$TMP/st")"
fi
# ua NAME PDF: tests/pdfua.py finds nothing in PDF but the claims left out
# and gropdf's transparency groups.
ua() {
	$PY tests/pdfua.py "$2" >"$TMP/ua" 2>&1
	if grep -v -e ': XMP: no PDF/A extension schema for pdfuaid$' \
	    -e ': XMP: pdfaid:\(part\|conformance\) is None' -e ': XMP: pdfuaid:part is None' \
	    -e ': a transparency group (/Group /S /Transparency)$' -e '^pdfua: ' "$TMP/ua" >"$TMP/ua.rest"; then
		fail "$1: the tagged-PDF checker finds more than the claims left out" "$(head -20 "$TMP/ua.rest")"
	elif grep -q 'pdfuaid:part is None' "$TMP/ua"; then pass; else
		fail "$1: the tagged-PDF checker did not run" "$(cat "$TMP/ua")"
	fi
}
ua build "$pdf"
# the same paper twice, the same bytes
run ./clerk build -O "$W/out2" "$W/depot.md"
if cmp -s "$pdf" "$W/out2/depot.pdf"; then pass; else fail "build: two runs give other bytes"; fi

# a page cut by a crop box away from the origin and turned three quarters
# (the plan, by pikepdf): as a reader shows it
$PY - "$A/plan.pdf" "$A/cropped.pdf" >"$TMP/mk" 2>&1 <<'EOF'
import sys, pikepdf
with pikepdf.open(sys.argv[1]) as p:
    p.pages[0].obj["/CropBox"] = pikepdf.Array([80, 40, 700, 820])
    p.pages[0].obj["/Rotate"] = 270
    p.save(sys.argv[2])
EOF
made cropped "$A/cropped.pdf"
sed 's|appendices/plan\.pdf|appendices/cropped.pdf|' "$W/depot.md" >"$W/cropped.md"
mkdir "$W/out-cropped"
run ./clerk build -O "$W/out-cropped" "$W/cropped.md"
expect_rc "a cropped, turned PDF appendix" 0
same "$A/cropped.pdf" 1 "$W/out-cropped/cropped.pdf" $((c + 1)) "cropped"
if [ "$(size "$W/out-cropped/cropped.pdf" $((c + 1)))" = "780 x 620" ]; then pass; else
	fail "cropped: the page is $(size "$W/out-cropped/cropped.pdf" $((c + 1))), not its crop box turned, 780 x 620"
fi
top_right "cropped" "$W/out-cropped/cropped.pdf" $((c + 1)) "Appendix 2"

# a tagged PDF (clerk's own) included: said, and its tags not carried
sed 's|appendices/plan\.pdf|plain/plain.pdf|' "$W/depot.md" >"$W/tagged.md"
mkdir "$W/out-tagged"
run ./clerk build -O "$W/out-tagged" "$W/tagged.md"
expect_rc "a tagged PDF appendix" 0
expect_err "a tagged PDF appendix: warned" \
    "^$W/tagged\\.md:$at: warning: appendix file \"plain/plain\\.pdf\" is tagged, but clerk includes its pages without their tags"

# the public and full editions of lease.md: the non-public PDF appendix
# left out of the one, in the other
mkdir "$W/lease"
run ./clerk build -O "$W/lease" "$W/lease.md"
expect_rc "build lease.md" 0
run ./clerk build --full -O "$W/lease" "$W/lease.md"
expect_rc "build --full lease.md" 0
if pdftotext "$W/lease/lease.pdf" - | grep -qi quokkaberry; then
	fail "build: the public edition holds the non-public PDF appendix"
else pass; fi
if pdftotext "$W/lease/lease-full.pdf" - | grep -q 'Bidder Quokkaberry Limited'; then pass; else
	fail "build --full: the non-public PDF appendix is missing"
fi
if [ $(($(pages "$W/lease/lease-full.pdf") - $(pages "$W/lease/lease.pdf"))) -eq 2 ]; then pass; else
	fail "build: the full edition is not the public one and 2 pages"
fi
# a paper whose only PDF appendix is non-public: its public edition
# includes no page it did not make and claims both; its full one neither
awk '/title: Schedule of dilapidations/ {skip = 2} skip > 0 {skip--; next} {print}' \
    "$W/lease.md" >"$W/lease2.md"
run ./clerk build -O "$W/lease" "$W/lease2.md"
expect_rc "build lease2.md" 0
run ./clerk build --full -O "$W/lease" "$W/lease2.md"
expect_rc "build --full lease2.md" 0
if [ "$(claims "$W/lease/lease2.pdf")" = "pdfaid:part pdfuaid:part" ] &&
    [ "$(claims "$W/lease/lease2-full.pdf")" = "" ]; then pass; else
	fail "build: the public edition without included pages claims \"$(claims "$W/lease/lease2.pdf")\", the full one \"$(claims "$W/lease/lease2-full.pdf")\""
fi
# the full edition's non-public appendix: its stamp readable beside the
# exempt notice in the page's header
top_right "build --full: non-public appendix" "$W/lease/lease-full.pdf" $(($(pages "$W/lease/lease.pdf") + 1)) "Appendix 2"
if page "$W/lease/lease-full.pdf" $(($(pages "$W/lease/lease.pdf") + 1)) | grep -q 'NOT FOR PUBLICATION'; then pass; else
	fail "build --full: the non-public appendix's page lacks the exempt notice"
fi

# ---- pack --------------------------------------------------------------------
mkdir "$W/pack" "$W/pack2"
run ./clerk pack -O "$W/pack" "$W/agenda.md"
expect_rc "pack" 0
pub=$W/pack/agenda-public.pdf full=$W/pack/agenda-full.pdf
for f in "$pub" "$full"; do
	if qpdf --check "$f" >"$TMP/q" 2>&1; then pass; else fail "qpdf --check $(basename "$f")" "$(tail -5 "$TMP/q")"; fi
done
# ranges KIND PDF: "item first last" for each "(Pages x - y)" of the
# agenda, in order; sets a, the number of the agenda's pages (before the
# first stamp).
ranges() {
	a=0
	k=1
	while [ "$k" -le "$(pages "$2")" ]; do
		if page "$2" $k | grep -q 'Agenda Item [0-9]'; then a=$((k - 1)); break; fi
		k=$((k + 1))
	done
	pdftotext -layout -f 1 -l "$a" "$2" - | tr -d '\f' | awk '
		/^ *[0-9]+\.  / { sub(/^ */, ""); item = $0; sub(/\..*/, "", item) }
		/\(Pages [0-9]+ - [0-9]+\)/ {
			match($0, /\(Pages [0-9]+ - [0-9]+\)/)
			r = substr($0, RSTART + 7, RLENGTH - 8); sub(/ - /, " ", r)
			print item, r
		}'
}
lease_pub=$(pages "$W/lease/lease.pdf")
# the full pack: item 2 the depot paper with its 4 included pages, item 3
# the lease paper's public edition, item 5 the non-public PDF appendix
ranges full "$full" >"$TMP/ranges"
fa=$a
printf '2 1 %d\n3 %d %d\n5 %d %d\n' "$n" $((n + 1)) $((n + lease_pub)) \
    $((n + lease_pub + 1)) $((n + lease_pub + 2)) >"$TMP/want"
if cmp -s "$TMP/ranges" "$TMP/want"; then pass; else
	fail "full pack: the agenda's page ranges" "$(diff "$TMP/ranges" "$TMP/want")"
fi
ranges public "$pub" >"$TMP/pranges"
pa=$a
head -2 "$TMP/want" >"$TMP/pwant"
if cmp -s "$TMP/pranges" "$TMP/pwant"; then pass; else
	fail "public pack: the agenda's page ranges" "$(diff "$TMP/pranges" "$TMP/pwant")"
fi
if [ "$(pages "$full")" -eq $((fa + n + lease_pub + 2)) ] && [ "$(pages "$pub")" -eq $((pa + n + lease_pub)) ]; then pass; else
	fail "the packs hold other pages than the agenda and the papers" "full $(pages "$full"), public $(pages "$pub")"
fi
# stamps on the first page of each item, the numbers printed at the feet
# of every page of the papers, included ones too, and the page labels
# saying the same
for f in "$full" "$pub"; do
	[ "$f" = "$full" ] && a=$fa || a=$pa
	rf=$TMP/ranges
	[ "$f" = "$pub" ] && rf=$TMP/pranges
	while read -r item first last; do
		top_right "$(basename "$f") item $item" "$f" $((a + first)) "Agenda Item $item"
		: "$last"
	done <"$rf"
	k=$((a + 1))
	while [ "$k" -le "$(pages "$f")" ]; do
		if [ "$(foot "$f" $k)" != $((k - a)) ]; then
			fail "$(basename "$f"): page $k is numbered \"$(foot "$f" $k)\", not $((k - a))"
			break
		fi
		k=$((k + 1))
	done
	[ "$k" -gt "$(pages "$f")" ] && pass
	labels=$(python3 tests/tools/pdfnav.py labels "$f")
	if [ "$labels" = "$(printf '0\t/r\t1\n%d\t/D\t1' "$a")" ]; then pass; else
		fail "$(basename "$f"): page labels roman, then decimal from 1 on the papers" "$labels"
	fi
done
a=$fa
# the depot paper's included pages in the full pack, as they are, stamped
same "$A/plan.pdf" 1 "$full" $((a + c + 1)) "full pack"
for k in 1 2 3; do same "$A/report.pdf" $k "$full" $((a + c + 1 + k)) "full pack"; done
top_right "full pack: plan" "$full" $((a + c + 1)) "Appendix 2"
top_right "full pack: report" "$full" $((a + c + 2)) "Appendix 3"
# the turned page: the lease paper's last page, as a reader shows the
# original, in both packs
sp=$((a + n + lease_pub))
same "$A/schedule.pdf" 1 "$full" $sp "full pack"
if [ "$(size "$full" $sp)" = "842 x 595" ]; then pass; else
	fail "full pack: the turned schedule is $(size "$full" $sp), not landscape"
fi
top_right "full pack: schedule" "$full" $sp "Appendix 1"
same "$A/schedule.pdf" 1 "$pub" $((pa + n + lease_pub)) "public pack"
# the non-public appendix: a Part 2 item of the full pack, its stamp under
# the item's
ep=$((a + n + lease_pub + 1))
same "$A/exempt.pdf" 1 "$full" $ep "full pack"
same "$A/exempt.pdf" 2 "$full" $((ep + 1)) "full pack"
top_right "full pack: non-public appendix" "$full" $ep "Appendix 2"
ai=$(where "$full" $ep "Agenda Item 5") ap=$(where "$full" $ep "Appendix 2")
if [ -n "$ai" ] && [ -n "$ap" ] && echo "$ai $ap" | awk '{exit !($8 >= $4)}'; then pass; else
	fail "full pack: \"Appendix 2\" is not under \"Agenda Item 5\"" "$ai / $ap"
fi
if pdftotext -f 1 -l "$a" -layout "$full" - | grep -q 'SALT BARN LEASE RENEWAL – NON-PUBLIC APPENDIX 2'; then pass; else
	fail "full pack: the agenda lists no Part 2 item for the non-public appendix"
fi
# the canary: nowhere in the public pack, its text or its objects (and so
# that this can fail, in the full pack's)
qpdf --qdf --object-streams=disable "$pub" "$TMP/pub.qdf" 2>/dev/null
qpdf --qdf --object-streams=disable "$full" "$TMP/full.qdf" 2>/dev/null
if pdftotext "$pub" - | grep -qi quokkaberry || grep -aqi quokkaberry "$TMP/pub.qdf"; then
	fail "the public pack holds the non-public PDF appendix's canary"
else pass; fi
if pdftotext "$full" - | grep -q Quokkaberry && grep -aq Quokkaberry "$TMP/full.qdf"; then pass; else
	fail "the full pack lacks the non-public PDF appendix's canary"
fi
# nor its title or file name (in the full pack, its bookmark names it)
if grep -aq -e 'Tender prices' -e 'exempt\.pdf' "$TMP/pub.qdf"; then
	fail "the public pack names the non-public PDF appendix" "$(grep -a -o -e 'Tender prices' -e 'exempt\.pdf' "$TMP/pub.qdf" | head -3)"
else pass; fi
python3 tests/tools/pdfnav.py outline "$full" >"$TMP/full.outline"
python3 tests/tools/pdfnav.py outline "$pub" >"$TMP/pub.outline"
printf '1\t%d\t5. Salt Barn Lease Renewal – Non-Public Appendix 2\n2\t%d\tAppendix 2 – Tender prices\n' "$ep" "$ep" >"$TMP/want"
if tail -2 "$TMP/full.outline" | cmp -s - "$TMP/want"; then pass; else
	fail "full pack: the bookmarks of the Part 2 item" "$(tail -2 "$TMP/full.outline" | diff - "$TMP/want")"
fi
if grep -q 'Tender prices' "$TMP/pub.outline"; then
	fail "the public pack's bookmarks name the non-public appendix"
else pass; fi
# the depot paper's bookmarks in the pack: a level down, on the pack's pages
printf '2\t%d\tAppendix 2 – Site plan\n2\t%d\tAppendix 3 – Structural survey\n3\t%d\tSurvey findings\n4\t%d\tRoof and drainage\n3\t%d\tRecommendations\n' \
    $((a + c + 1)) $((a + c + 2)) $((a + c + 2)) $((a + c + 3)) $((a + c + 4)) >"$TMP/want"
if grep -A4 'Appendix 2 – Site plan' "$TMP/full.outline" | cmp -s - "$TMP/want"; then pass; else
	fail "full pack: the depot paper's appendix bookmarks" "$(grep -A4 'Appendix 2 – Site plan' "$TMP/full.outline" | diff - "$TMP/want")"
fi
for f in "$pub" "$full"; do
	if [ "$(claims "$f")" = "" ]; then pass; else
		fail "$(basename "$f") includes pages and claims $(claims "$f")"
	fi
done
ua "full pack" "$full"
run ./clerk pack -j 2 -O "$W/pack2" "$W/agenda.md"
expect_rc "pack -j 2" 0
for k in public full; do
	if cmp -s "$W/pack/agenda-$k.pdf" "$W/pack2/agenda-$k.pdf"; then pass; else
		fail "pack -j 2 gives other bytes for the $k pack"
	fi
done

# ---- XML and the web ----------------------------------------------------------
# The XML names each PDF appendix in a componentRef (src as the paper
# names it) and keeps its SHA-256 and pages; clerk build of that XML
# with the files beside it gives the same PDF, byte for byte; without
# them, an error at the componentRef's line saying to keep it beside the
# XML; with another file, a warning that the PDF will not be the
# archived one. The web page links a copy of each file, beside it.
X=$W/xml
mkdir -p "$X/out" "$W/xmlsrc"
run ./clerk build -f xml -O "$W/xmlsrc" "$W/depot.md"
expect_rc "xml of depot.md" 0
XF=$W/xmlsrc/depot.xml
plan_sha=$(sha256sum "$A/plan.pdf" | cut -c1-64)
if grep -q '<componentRef src="appendices/plan.pdf" alt="Appendix 2 – Site plan: PDF file, 1 page" showAs="Site plan"/>' "$XF" &&
    grep -q "<clerk:appendix file=\"appendices/plan.pdf\" public=\"true\" sha256=\"$plan_sha\" pages=\"1\"" "$XF"; then pass; else
	fail "xml: the plan is a componentRef with its SHA-256 and pages" "$(grep -n 'componentRef\|clerk:appendix' "$XF")"
fi
if xmllint --noout --schema schemas/akn/akomantoso30.xsd "$XF" 2>"$TMP/xsd"; then pass; else
	fail "xml: valid against the Akoma Ntoso schema" "$(head -5 "$TMP/xsd")"
fi
cp "$XF" "$X/"
run ./clerk build -O "$X/out" "$X/depot.xml"
expect_rc "xml without its PDF files" 1
ref_line=$(grep -n 'componentRef src="appendices/plan.pdf"' "$X/depot.xml" | cut -d: -f1)
expect_err "xml without its PDF files: said at the componentRef" "^$X/depot\\.xml:$ref_line: error: the PDF appendix \"appendices/plan\\.pdf\" is not beside this XML file"
if [ -z "$(ls -A "$X/out")" ]; then pass; else fail "xml without its PDF files: something was written" "$(ls "$X/out")"; fi
cp -R "$W/appendices" "$X/"
run ./clerk build -O "$X/out" "$X/depot.xml"
expect_rc "xml with its PDF files beside it" 0
if cmp -s "$X/out/depot.pdf" "$W/out/depot.pdf"; then pass; else
	fail "xml: the PDF made again from the XML is not the paper's, byte for byte"
fi
cp "$A/report.pdf" "$X/appendices/plan.pdf"
run ./clerk build -O "$X/out" "$X/depot.xml"
expect_rc "xml with another plan.pdf" 0
expect_err "xml with another plan.pdf: a warning" "^$X/depot\\.xml:$ref_line: warning: the PDF appendix \"appendices/plan\\.pdf\" is not the file this XML was made with"
# the public edition of lease.md: the non-public PDF is neither named nor
# attached
run ./clerk build -f xml -O "$W/xmlsrc" "$W/lease.md"
expect_rc "xml of lease.md" 0
if ! grep -q 'exempt\.pdf\|Tender prices' "$W/xmlsrc/lease.xml" &&
    [ "$(grep -c componentRef "$W/xmlsrc/lease.xml")" = 1 ]; then pass; else
	fail "xml: the public edition names or attaches the non-public PDF appendix" "$(grep -n 'exempt\|componentRef' "$W/xmlsrc/lease.xml")"
fi
# the web page
H=$W/html
mkdir -p "$H"
run ./clerk build -f html -O "$H" "$W/depot.md" "$W/lease.md"
expect_rc "web pages of depot.md and lease.md" 0
if grep -q '<a href="depot.files/plan.pdf">Site plan (PDF file, 1 page, [0-9]* KB)</a>' "$H/depot.html" &&
    cmp -s "$H/depot.files/plan.pdf" "$A/plan.pdf" && cmp -s "$H/depot.files/report.pdf" "$A/report.pdf"; then pass; else
	fail "web: the page links copies of its PDF appendices beside it" "$(ls "$H/depot.files" 2>&1; grep -o '<a href="depot.files[^<]*</a>' "$H/depot.html")"
fi
if [ ! -e "$H/lease.files/exempt.pdf" ] && ! grep -q 'exempt\.pdf\|Tender prices' "$H/lease.html"; then pass; else
	fail "web: the public page holds the non-public PDF appendix" "$(ls "$H/lease.files" 2>&1)"
fi

# ---- errors ------------------------------------------------------------------
# bad NAME MESSAGE: bad-NAME.md names a broken file in the place of the
# plan: build, check and pack (an agenda linking it) report MESSAGE at the
# file: value and exit 1, write nothing, and say the same.
bad() {
	name=$1 msg=$2
	want="^$W/bad-$name\\.md:$at: error: appendix file \"appendices/$name\\.pdf\" $msg"
	mkdir "$W/bad-$name"
	run ./clerk build -O "$W/bad-$name" "$W/bad-$name.md"
	expect_rc "build, $name" 1
	expect_err "build, $name: the message at the file: value" "$want"
	grep ': error: ' "$TMP/err" >"$TMP/build.err"
	run ./clerk check "$W/bad-$name.md"
	expect_rc "check, $name" 1
	grep ': error: ' "$TMP/err" >"$TMP/check.err"
	if [ -s "$TMP/build.err" ] && cmp -s "$TMP/build.err" "$TMP/check.err"; then pass; else
		fail "check, $name: not the errors build gives" "$(diff "$TMP/build.err" "$TMP/check.err")"
	fi
	sed "s|(depot\\.md)|(bad-$name.md)|" "$W/agenda.md" >"$W/agenda-$name.md"
	run ./clerk pack -O "$W/bad-$name" "$W/agenda-$name.md"
	expect_rc "pack, $name" 1
	expect_err "pack, $name: the message at the file: value" "$want"
	run ./clerk check "$W/agenda-$name.md"
	expect_rc "check agenda, $name" 1
	expect_err "check agenda, $name: the message" "$want"
	if [ -z "$(ls -A "$W/bad-$name")" ]; then pass; else
		fail "$name: something was written" "$(ls "$W/bad-$name")"
	fi
}
bad notes 'is not a PDF file \(it does not begin with %PDF-\): save or export it as PDF again$'
bad truncated "is damaged: [^;]*startxref[^;]*; save or export it as PDF again\$"
bad corrupt 'is damaged: the content of page 1 cannot be read'
bad locked 'is encrypted: save a copy without encryption \(for example "qpdf --decrypt appendices/locked\.pdf plain\.pdf"\) and name that$'
bad password 'opens only with a password: ask its author for a copy without one$'
bad nopages 'has no pages$'
bad many 'has more than 5000 pages: split it into appendices$'
bad big 'is larger than 128 MB'
run ./clerk build -O "$W/out" "$W/bad-missing.md"
expect_rc "a missing PDF appendix" 1
expect_err "a missing PDF appendix: said at its file: value" "^$W/bad-missing\\.md:$at: error: \"appendices/missing\\.pdf\" not found"
# two broken files in one paper: both, in one run, each at its line
sed 's|appendices/report\.pdf|appendices/locked.pdf|' "$W/bad-truncated.md" >"$W/bad-two.md"
mkdir "$W/two"
for cmd in build check; do
	if [ $cmd = build ]; then
		run ./clerk build -O "$W/two" "$W/bad-two.md"
	else
		run ./clerk check "$W/bad-two.md"
	fi
	expect_rc "$cmd: two broken PDF appendices" 1
	expect_err "$cmd: two broken: the first" "^$W/bad-two\\.md:$at: error: appendix file \"appendices/truncated\\.pdf\" is damaged"
	expect_err "$cmd: two broken: the second" "^$W/bad-two\\.md:$at2: error: appendix file \"appendices/locked\\.pdf\" is encrypted"
done
if [ -z "$(ls -A "$W/two")" ]; then pass; else fail "two broken: something was written" "$(ls "$W/two")"; fi

finish
