#!/bin/sh
# pack.sh: "clerk pack" on the meeting in content/ and on tests/pack/, read
# back as a reader would: the page ranges the agenda prints against the
# pages where each "Agenda Item" stamp stands and the numbers printed at
# their feet (pdftotext page by page); the public pack against the text of
# every non-public document; bookmarks and page labels (qpdf --json);
# errors of several papers in one run; the Part 1 / Part 2 rules; the XML
# against the official schema.
. "$(dirname "$0")/lib.sh"

MEETING=content/streets-walkways-2024-03-12
FIXTURE=tests/pack/meeting
XSD=schemas/akn/akomantoso30.xsd

. "$(dirname "$0")/pack-lib.sh"

# ---- The meeting in content/, duplex --------------------------------
out=$TMP/content
mkdir -p "$out"
run ./clerk pack --duplex -O "$out" "$MEETING/agenda.md"
expect_rc "content pack" 0
expect_empty "content pack: quiet" "$TMP/err"
pub=$out/agenda-public.pdf full=$out/agenda-full.pdf
for f in "$pub" "$full"; do
	if qpdf --check "$f" >"$TMP/qpdf" 2>&1; then pass; else
		fail "qpdf --check $f" "$(tail -5 "$TMP/qpdf")"
	fi
done
# the papers' cross-references, in the order of the agenda: links to the
# pages of the pack where their paragraphs start
check_ranges "content full" "$full"
full_agenda=$agenda
if msg=$(python3 tests/tools/pdfnav.py xrefs "$full" $((agenda + 1)) \
    "$MEETING/street-tree-programme.md" "$MEETING/bank-junction-traffic-order.md" \
    "$MEETING/highway-maintenance-contract.md"); then pass; else
	fail "content full: cross-references link to their paragraphs" "$msg"
fi
check_ranges "content public" "$pub"
pub_agenda=$agenda
if msg=$(python3 tests/tools/pdfnav.py xrefs "$pub" $((agenda + 1)) \
    "$MEETING/street-tree-programme.md" "$MEETING/bank-junction-traffic-order.md"); then pass; else
	fail "content public: cross-references link to their paragraphs" "$msg"
fi

# duplex: the agenda and every item have an even number of pages, so each
# item starts on a right-hand (odd) page of the file: the page stamped
# "Agenda Item N" for each item with a paper (3a, 3b, 4, 5, 6, 11, 12),
# and no other stamped page
n=$(pages "$full")
: >"$TMP/stamped" # item page, a line for each stamped page
i=1
while [ "$i" -le "$n" ]; do
	page "$full" "$i" | sed -n "s/.*Agenda Item \([0-9][0-9]*[a-z]*\)\( .*\)*\$/\1 $i/p" | head -1 >>"$TMP/stamped"
	i=$((i + 1))
done
for item in 3a 3b 4 5 6 11 12; do
	p=$(sed -n "s/^$item //p" "$TMP/stamped")
	if [ -z "$p" ]; then
		fail "duplex: no page stamped \"Agenda Item $item\"" "$(cat "$TMP/stamped")"
	elif [ $((p % 2)) -eq 1 ]; then
		pass
	else
		fail "duplex: item $item starts on a left-hand page, $p"
	fi
done
if [ "$(wc -l <"$TMP/stamped")" -eq 7 ]; then pass; else
	fail "duplex: 7 stamped pages, one for each item with a paper" "$(cat "$TMP/stamped")"
fi
if flat "$full" | grep -q 'This page is intentionally left blank'; then pass; else
	fail "duplex: no blank page"
fi

# the public pack: front sheet, agenda, Part 1 papers; the Part 2 paper and
# the non-public appendix listed, not one sentence of them inside
flat "$pub" >"$TMP/pub.txt"
for want in 'Public Document Pack' 'TUESDAY, 12 MARCH 2024' 'AGENDA' \
    'HIGHWAY MAINTENANCE TERM CONTRACT' 'Non-public' \
    'NB – To be read in conjunction with the non-public appendix at Item 12' \
    'Section 100A\(4\)' 'Item No\. Paragraph No\.'; do
	if grep -Eq -- "$want" "$TMP/pub.txt"; then pass; else
		fail "public pack lacks /$want/"
	fi
done
if grep -q 'Non-Public Document Pack' "$TMP/pub.txt"; then
	fail "the public pack calls itself non-public"
else pass; fi
no_leak "content" "$pub" "$full" "$MEETING/highway-maintenance-contract.md"
no_leak "content appendix" "$pub" "$full" \
    "$MEETING/appendices/lighting-tender-evaluation.md"
if [ "$(pages "$pub")" -lt "$(pages "$full")" ]; then pass; else
	fail "the public pack is not shorter than the full pack"
fi

# bookmarks and page labels
qpdf --json "$full" >"$TMP/full.json" 2>/dev/null
for want in '"title": "Front Sheet and Agenda"' \
    '"title": "4. Street Tree Planting Programme 2024–2027"' \
    '"title": "3a. Minutes"' '"title": "11. Highway Maintenance' \
    '"title": "Summary"' '"/S": "/r"' '"/S": "/D"'; do
	if grep -Fq -- "$want" "$TMP/full.json"; then pass; else
		fail "full pack's bookmarks or labels lack $want"
	fi
done
# the bookmarks of the packs, read from qpdf's JSON: the agenda lists
# every item, so both packs have a top-level bookmark for each (the full
# pack's Part 2 items lead to their papers, with the papers' headings
# under them); the public pack's Part 2 items lead to the agenda and have
# nothing under them, and no bookmark of the public pack is a Part 2
# paper's
python3 tests/tools/pdfnav.py outline "$full" >"$TMP/full.outline"
python3 tests/tools/pdfnav.py outline "$pub" >"$TMP/pub.outline"
# under OUTLINE TITLE: the page the top-level bookmark TITLE leads to and
# the number of bookmarks under it
under() {
	awk -F'\t' -v t="$2" '$1 == 1 { on = ($3 == t) } on && $1 == 1 { p = $2 } on && $1 > 1 { k++ }
	    END { print p + 0, k + 0 }' "$1"
}
for t in '11. Highway Maintenance Term Contract – Award' \
    '12. Riverside Walkway – Lighting Renewal – Non-Public Appendix 1'; do
	r=$(under "$TMP/pub.outline" "$t")
	pg=${r% *} kids=${r#* }
	if [ "$pg" -ge 1 ] && [ "$pg" -le "$pub_agenda" ] && [ "$kids" -eq 0 ]; then pass; else
		fail "public pack: the bookmark \"$t\" leads to page $pg with $kids under it, not to the agenda with none"
	fi
	r=$(under "$TMP/full.outline" "$t")
	pg=${r% *} kids=${r#* }
	if [ "$pg" -gt "$full_agenda" ] && [ "$kids" -ge 1 ]; then pass; else
		fail "full pack: the bookmark \"$t\" leads to page $pg with $kids under it"
	fi
done
t="Appendix 1 – Tender evaluation and contractors' prices"
if cut -f3 "$TMP/pub.outline" | grep -qxF "$t"; then
	fail "the public pack's bookmarks hold the non-public appendix's" "$(cat "$TMP/pub.outline")"
else pass; fi
if cut -f3 "$TMP/full.outline" | grep -qxF "$t"; then pass; else
	fail "the full pack's bookmarks lack the non-public appendix's" "$(cat "$TMP/full.outline")"
fi
# everything before Part 2 is the same in both packs
sed '/	11\. Highway/,$d' "$TMP/full.outline" >"$TMP/full.part1"
sed '/	11\. Highway/,$d' "$TMP/pub.outline" >"$TMP/pub.part1"
if [ "$(grep -c . "$TMP/pub.part1")" -ge 60 ] && cmp -s "$TMP/full.part1" "$TMP/pub.part1"; then pass; else
	fail "the packs' bookmarks differ before Part 2" "$(diff "$TMP/full.part1" "$TMP/pub.part1")"
fi
# the page label of the first paper page is 1: as many roman labels as the
# agenda has pages
labels=$(python3 tests/tools/pdfnav.py labels "$full")
if [ "$labels" = "$(printf '0\t/r\t1\n%d\t/D\t1' "$full_agenda")" ]; then pass; else
	fail "page labels: roman from the first page, then decimal from 1" "$labels"
fi

# the same agenda gives the same bytes, with one job or two
out2=$TMP/content2
mkdir -p "$out2"
run ./clerk pack --duplex -j 2 -O "$out2" "$MEETING/agenda.md"
expect_rc "content pack -j 2" 0
for k in public full; do
	if cmp -s "$out/agenda-$k.pdf" "$out2/agenda-$k.pdf"; then pass; else
		fail "pack -j 2 gives other bytes for $k"
	fi
done

# ---- Someone else's meeting: no exclusion item, sub-items, verbal item,
# minutes, a routed appendix; simplex ------------------------------------
out=$TMP/fixture
mkdir -p "$out"
run ./clerk pack -O "$out" "$FIXTURE/agenda.md"
expect_rc "fixture pack" 0
pub=$out/agenda-public.pdf full=$out/agenda-full.pdf
check_ranges "fixture full" "$full"
check_ranges "fixture public" "$pub"
if flat "$full" | grep -q 'This page is intentionally left blank'; then
	fail "simplex pack has blank pages"
else pass; fi
flat "$full" >"$TMP/full.txt"
for want in 'MOTION – That under Section 100A\(4\)' '5 3, 5 6 3' \
    'AIR QUALITY ANNUAL STATUS REPORT – NON-PUBLIC APPENDIX 2' \
    'To be read in conjunction with Item 3\.' \
    'a\) MINUTES' 'b\) PORT HEALTH SUB-COMMITTEE MINUTES' \
    'Agenda Item 2a' 'Agenda Item 6'; do
	if grep -Eq -- "$want" "$TMP/full.txt"; then pass; else
		fail "fixture full pack lacks /$want/"
	fi
done
no_leak "fixture" "$pub" "$full" "$FIXTURE/kennels-lease.md"
# minutes the agenda does not describe: clerk says which meeting's, from
# the minutes' own date, in both packs
for f in "$full" "$pub"; do
	if flat "$f" | grep -q 'a) MINUTES To agree the public minutes of the meeting held on 8 April 2025\. (Page'; then pass; else
		fail "$f: the minutes item does not say which meeting's"
	fi
done
# public, non-public and another committee's minutes
cp -R tests/bad-agenda/papers "$TMP/minutes-papers"
mkdir -p "$TMP/minutes"
mv "$TMP/minutes-papers" "$TMP/minutes/papers"
sed '/^      To agree the public minutes/d; /^      To note the draft minutes/d' \
    tests/bad-agenda/meeting.md >"$TMP/minutes/agenda.md"
run ./clerk pack -O "$TMP/minutes" "$TMP/minutes/agenda.md"
expect_rc "minutes pack" 0
flat "$TMP/minutes/agenda-full.pdf" >"$TMP/full.txt"
for want in 'a\) MINUTES To agree the public minutes of the meeting held on 9 July 2019\.' \
    'b\) PORT HEALTH SUB-COMMITTEE To note the public minutes of the meeting of the Port Health Sub-Committee held on 23 July 2019\.' \
    'NON-PUBLIC MINUTES To agree the non-public minutes of the meeting held on 9 July 2019\.'; do
	if grep -Eq -- "$want" "$TMP/full.txt"; then pass; else
		fail "minutes pack lacks /$want/"
	fi
done
no_leak "fixture appendix" "$pub" "$full" \
    "$FIXTURE/appendices/supplier-quotations.md"

# ---- Papers for another meeting: a warning at each item, packs written --
cp -R "$FIXTURE" "$TMP/moved"
sed 's/^date: 2025-06-10$/date: 2025-06-17/' "$FIXTURE/agenda.md" >"$TMP/moved/agenda.md"
mkdir -p "$TMP/moved-out"
run ./clerk pack -O "$TMP/moved-out" "$TMP/moved/agenda.md"
expect_rc "papers for another date" 0
expect_err "another date: the report" \
    '/moved/agenda\.md:28:1: warning: paper "air-quality\.md" is for the meeting of 10 June 2025, not this one of 17 June 2025'
expect_err "another date: the Part 2 report" \
    '/moved/agenda\.md:37:1: warning: paper "kennels-lease\.md" is for the meeting of 10 June 2025'
if [ "$(grep -c warning "$TMP/err")" -eq 2 ]; then pass; else
	fail "another date: minutes of an earlier meeting are not warned about" "$(cat "$TMP/err")"
fi
if [ -s "$TMP/moved-out/agenda-public.pdf" ] && [ -s "$TMP/moved-out/agenda-full.pdf" ]; then pass; else
	fail "another date: the packs are not written" "$(ls "$TMP/moved-out")"
fi

# ---- Errors ------------------------------------------------------------
# every problem of every paper in one run, and nothing written
out=$TMP/bad
mkdir -p "$out"
run ./clerk pack -O "$out" tests/pack/bad/two-bad-papers.md
expect_rc "two bad papers" 1
expect_err "two bad papers: first" '^tests/pack/bad/bad-one\.md:[0-9]+:[0-9]+: error: '
expect_err "two bad papers: second" '^tests/pack/bad/bad-two\.md:[0-9]+:[0-9]+: error: '
if [ -z "$(ls -A "$out")" ]; then pass; else
	fail "a pack was written despite errors" "$(ls "$out")"
fi
run ./clerk pack -O "$out" tests/pack/bad/nonpublic-in-part1.md
expect_rc "non-public paper in Part 1" 1
expect_err "non-public paper in Part 1" 'nonpublic-in-part1\.md:[0-9]+:[0-9]+: error: non-public paper .* is in Part 1'
run ./clerk pack -O "$out" tests/pack/bad/appendix-paragraphs.md
expect_rc "appendix without paragraphs" 1
expect_err "appendix without paragraphs" 'appendix-no-paragraphs\.md:[0-9]+:[0-9]+: error: non-public appendix 2 of a public paper'
if [ -z "$(ls -A "$out")" ]; then pass; else
	fail "a pack was written despite errors" "$(ls "$out")"
fi
run ./clerk pack -O "$out" "$MEETING/street-tree-programme.md"
expect_rc "a paper is not an agenda" 1
expect_err "a paper is not an agenda" 'this is not an agenda'
# a font file that cannot be read: a system error, said once, no pack
mkdir -p "$TMP/tpl" "$TMP/fontless"
echo 'not a font' >"$TMP/tpl/broken.ttf"
for t in templates/*.yaml; do
	sed "s/^fonts:\$/fonts:\\n  body: {regular: broken.ttf}/" "$t" >"$TMP/tpl/${t##*/}"
done
run env CLERK_TEMPLATES="$TMP/tpl" ./clerk pack -j 2 -O "$TMP/fontless" "$FIXTURE/agenda.md"
expect_rc "unreadable font" 3
expect_err "unreadable font named" 'broken\.ttf: error: not a TrueType font'
if [ "$(grep -c 'broken.ttf' "$TMP/err")" -eq 1 ]; then pass; else
	fail "unreadable font: said more than once" "$(cat "$TMP/err")"
fi
if [ -z "$(ls -A "$TMP/fontless")" ]; then pass; else
	fail "unreadable font: something was written"
fi
run ./clerk pack
expect_rc "no agenda" 2
run ./clerk pack -O "$TMP/missing-folder" "$MEETING/agenda.md"
expect_rc "missing output folder" 3

# ---- XML ---------------------------------------------------------------
out=$TMP/xml
mkdir -p "$out"
run ./clerk pack -f xml -O "$out" "$MEETING/agenda.md"
expect_rc "pack -f xml" 0
for k in public full; do
	f=$out/agenda-$k.xml
	if xmllint --noout --nonet --schema "$XSD" "$f" >"$TMP/xsd" 2>&1; then
		pass
	else
		fail "$f is not valid against the official schema" "$(head -5 "$TMP/xsd")"
	fi
	if grep -q '<documentCollection' "$f"; then pass; else
		fail "$f is not a documentCollection"
	fi
done
if grep -q 'Thameside' "$out/agenda-public.xml"; then
	fail "the public XML pack holds the non-public appendix"
else pass; fi
if grep -q 'Thameside' "$out/agenda-full.xml"; then pass; else
	fail "the full XML pack lacks the non-public appendix"
fi
needles "$MEETING/highway-maintenance-contract.md" >"$TMP/needles"
run ./clerk pack -f xml -O "$out" "$FIXTURE/agenda.md"
if grep -q '<p class="description">To agree the public minutes of the meeting held on 8 April 2025\.</p>' "$out/agenda-public.xml"; then pass; else
	fail "the XML pack's minutes item does not say which meeting's"
fi
if grep -F -q -f "$TMP/needles" "$out/agenda-public.xml"; then
	fail "the public XML pack holds text of the non-public paper"
else pass; fi

finish
