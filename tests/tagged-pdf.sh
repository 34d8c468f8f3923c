#!/bin/sh
# tagged-pdf.sh: every PDF clerk writes is tagged (PDF/UA-1) and archival
# (PDF/A-2a), at the level of the document: tests/tools/tagged-pdf.py
# (pikepdf) reads the header, the catalog (/Lang, /MarkInfo,
# /ViewerPreferences, the structure tree, the output intent), each page
# (/Tabs, marked content and its MCIDs in the parent tree, link
# annotations) and the XMP metadata against the info dictionary; xmllint
# parses the XMP; poppler says "Tagged: yes" and reads the structure tree.
# Over the papers of content/, a pack, a paper with a transparent PNG and
# a JPEG and a title that XML must escape, and a paper dated by
# SOURCE_DATE_EPOCH; and the same input gives the same bytes. No PDF/A or
# PDF/UA validator (veraPDF) is available here: these are the conditions
# that can be read without one.
. "$(dirname "$0")/lib.sh"
seed=content/safer-city-2018-05-31/serious-organised-crime-board.md
PY=/usr/bin/python3 # Debian's, with python3-pikepdf

# tagged NAME PDF: the conditions of tests/tools/tagged-pdf.py, the XMP
# well-formed, poppler's reading.
tagged() {
	name=$1 pdf=$2
	if $PY tests/tools/tagged-pdf.py "$pdf" "$TMP/xmp" >"$TMP/t" 2>&1; then
		pass
	else
		fail "$name: tagged and archival" "$(head -20 "$TMP/t")"
	fi
	if xmllint --noout "$TMP/xmp" 2>"$TMP/x"; then pass; else
		fail "$name: XMP is well-formed XML" "$(head -5 "$TMP/x")"
	fi
	if pdfinfo "$pdf" 2>/dev/null | grep -q '^Tagged: *yes$'; then pass; else
		fail "$name: pdfinfo says Tagged: yes" "$(pdfinfo "$pdf" 2>&1)"
	fi
	if pdfinfo -struct-text "$pdf" >"$TMP/st" 2>/dev/null &&
	    head -1 "$TMP/st" | grep -q '^Document$' && [ "$(wc -l <"$TMP/st")" -gt 1 ]; then
		pass
	else
		fail "$name: pdfinfo -struct-text reads the tree from Document" "$(head -5 "$TMP/st")"
	fi
}

# ---- the papers of content/ and a pack -----------------------------------
papers=$(find content -name '*.md' -not -path '*/appendices/*' -not -name agenda.md | sort)
# shellcheck disable=SC2086
nonpublic=$(grep -l '^public: false' $papers)
mkdir "$TMP/all"
# shellcheck disable=SC2086
run ./clerk build -O "$TMP/all" $(printf '%s\n' $papers | grep -vxF "$nonpublic")
expect_rc "build content/" 0
# shellcheck disable=SC2086
run ./clerk build --full -O "$TMP/all" $nonpublic
expect_rc "build --full content/" 0
for pdf in "$TMP"/all/*.pdf; do
	tagged "$(basename "$pdf")" "$pdf"
done

agenda=$(find content -name agenda.md | sort | head -1)
mkdir "$TMP/pack"
run ./clerk pack --duplex -O "$TMP/pack" "$agenda"
expect_rc "pack" 0
for pdf in "$TMP"/pack/*.pdf; do
	tagged "pack $(basename "$pdf")" "$pdf"
done

# ---- images, a title XML must escape, a date from SOURCE_DATE_EPOCH ------
mkdir "$TMP/pics"
cp tests/pdf/img/alpha16.png "$TMP/pics/"
pdftoppm -jpeg -r 10 -singlefile "$TMP/all/$(basename "$seed" .md).pdf" "$TMP/pics/page" 2>/dev/null
sed -e 's/^This report provides an update.*/&\n\n![Gradient](alpha16.png)\n\n![A page](page.jpg)\n/' \
    -e 's/^subject: .*/subject: "Crime \& disorder <update> \\"Q3\\" – café"/' \
    "$seed" >"$TMP/pics/pics.md"
run ./clerk build -O "$TMP/pics" "$TMP/pics/pics.md"
expect_rc "paper with images" 0
tagged "paper with images" "$TMP/pics/pics.pdf"
if $PY -c 'import sys, pikepdf; print(pikepdf.open(sys.argv[1]).docinfo["/Title"])' \
    "$TMP/pics/pics.pdf" | grep -qxF 'Crime & disorder <update> "Q3" – café' &&
    grep -qF '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Crime &amp; disorder &lt;update&gt; &quot;Q3&quot; – café</rdf:li>' "$TMP/xmp"; then
	pass
else
	fail "the title in the info dictionary and escaped in XMP" "$(grep dc:title "$TMP/xmp")"
fi

SOURCE_DATE_EPOCH=1700000000 run ./clerk build -O "$TMP/pics" "$TMP/pics/pics.md"
expect_rc "SOURCE_DATE_EPOCH" 0
tagged "SOURCE_DATE_EPOCH" "$TMP/pics/pics.pdf"
if grep -qF '<xmp:CreateDate>2023-11-14T22:13:20+00:00</xmp:CreateDate>' "$TMP/xmp"; then pass; else
	fail "SOURCE_DATE_EPOCH: the XMP dates" "$(grep Date "$TMP/xmp")"
fi

# ---- the same input, the same bytes ---------------------------------------
cp "$TMP/pics/pics.pdf" "$TMP/pics1.pdf"
SOURCE_DATE_EPOCH=1700000000 run ./clerk build -O "$TMP/pics" "$TMP/pics/pics.md"
if cmp -s "$TMP/pics1.pdf" "$TMP/pics/pics.pdf"; then pass; else
	fail "a tagged paper rebuilt: the same bytes"
fi
mkdir "$TMP/pack2"
run ./clerk pack --duplex -O "$TMP/pack2" "$agenda"
for pdf in "$TMP"/pack/*.pdf; do
	if cmp -s "$pdf" "$TMP/pack2/$(basename "$pdf")"; then pass; else
		fail "pack $(basename "$pdf") rebuilt: the same bytes"
	fi
done

finish
