#!/bin/sh
# late.sh: late items, supplements and the agenda alone (clerk(1): pack
# --supplement, --agenda-only; clerk-paper(5): Late items and
# supplements), on the meeting of tests/pack/late, read back as a clerk
# would: the agenda's lines (pdftotext), the page ranges against the
# "Agenda Item" stamps and foot numbers, bookmarks and page labels (qpdf),
# the public editions against the text of every Part 2 paper, the XML
# against the official schema, the web folders.
#
# The meeting: items 2b, 4 (a Part 1 paper with a non-public appendix) and
# 9 (Part 2) are marked (TO FOLLOW) and their papers exist; items 5 (Part
# 1) and 10 (Part 2) are marked and their papers do not.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pack-lib.sh"

FIX=tests/pack/late
XSD=schemas/akn/akomantoso30.xsd
CANARY=$FIX/depot-contract.md             # a late Part 2 paper
APPENDIX=$FIX/appendices/food-waste-bids.md # a late paper's non-public appendix

# agenda_pages PDF: the number of pages before the first stamped one (all
# of them when none is stamped).
agenda_pages() {
	n=$(pages "$1")
	i=1
	while [ "$i" -le "$n" ]; do
		if page "$1" "$i" | grep -q 'Agenda Item [0-9]'; then
			echo $((i - 1))
			return
		fi
		i=$((i + 1))
	done
	echo "$n"
}

# agenda_flat PDF: the text of its front sheet and agenda on one line.
agenda_flat() {
	a=$(agenda_pages "$1")
	pdftotext -layout -f 1 -l "$a" "$1" - 2>/dev/null | tr '\n\f' '  ' | tr -s ' '
}

# stamps PDF: the items stamped, in page order, on one line.
stamps() {
	n=$(pages "$1")
	i=1
	while [ "$i" -le "$n" ]; do
		page "$1" "$i" | sed -n 's/.*Agenda Item \([0-9][0-9]*[a-z]*\)\( .*\)*$/\1/p' | head -1
		i=$((i + 1))
	done | tr '\n' ' ' | sed 's/ $//'
}

# has NAME FILE PATTERN...: FILE (text) matches each grep -E PATTERN.
has() {
	name=$1 file=$2
	shift 2
	for want in "$@"; do
		if grep -Eq -- "$want" "$file"; then pass; else
			fail "$name lacks /$want/" "$(head -c 800 "$file")"
		fi
	done
}

# hasnt NAME FILE PATTERN...: FILE matches no grep -E PATTERN.
hasnt() {
	name=$1 file=$2
	shift 2
	for bad in "$@"; do
		if grep -Eq -- "$bad" "$file"; then
			fail "$name holds /$bad/" "$(grep -Eo -- ".{0,80}$bad.{0,80}" "$file" | head -3)"
		else pass; fi
	done
}

# no_text NAME PDF DOC: not one six-word run of DOC's body is in PDF.
no_text() {
	flat "$2" >"$TMP/text"
	needles "$3" >"$TMP/needles"
	if [ "$(wc -l <"$TMP/needles")" -lt 3 ]; then
		fail "$1: too few sentences in $3 to test"
	elif grep -F -q -f "$TMP/needles" "$TMP/text"; then
		fail "$1 holds text of $3" "$(grep -F -o -f "$TMP/needles" "$TMP/text" | head -3)"
	else pass; fi
}

# ---- clerk check: the marks are accepted -----------------------------------
run ./clerk check "$FIX/agenda.md"
expect_rc "check of the late meeting" 0
expect_empty "check of the late meeting: silent" "$TMP/err"

# ---- The main packs ----------------------------------------------------------
out=$TMP/main
mkdir -p "$out"
run ./clerk pack -O "$out" "$FIX/agenda.md"
expect_rc "main pack" 0
expect_empty "main pack: quiet (a missing late paper is no problem)" "$TMP/err"
pub=$out/agenda-public.pdf full=$out/agenda-full.pdf
for f in "$pub" "$full"; do
	if qpdf --check "$f" >"$TMP/qpdf" 2>&1; then pass; else
		fail "qpdf --check $f" "$(tail -5 "$TMP/qpdf")"
	fi
done
check_ranges "late main full" "$full"
check_ranges "late main public" "$pub"
# each late item: its title, (TO FOLLOW), its description, then the next
# line of the agenda: no purpose, no paragraphs, no page range; whether its
# paper exists (2b, 4, 9) or not (5, 10)
for f in "$full" "$pub"; do
	agenda_flat "$f" >"$TMP/agenda.txt"
	has "main agenda ${f##*/}" "$TMP/agenda.txt" \
	    'b\) PORT HEALTH SUB-COMMITTEE MINUTES \(TO FOLLOW\) 3\. STREET CLEANSING PERFORMANCE' \
	    '4\. WASTE STRATEGY 2025 TO 2030 \(TO FOLLOW\) Report of the Executive Director Environment\. 5\. ' \
	    '5\. CLIMATE ACTION PROGRESS \(TO FOLLOW\) Report of the Executive Director Environment\. 6\. ' \
	    '9\. WALBROOK WHARF DEPOT – CONTRACT AWARD \(TO FOLLOW\) Report of the City Surveyor\. 10\. ' \
	    '10\. PEST CONTROL TENDER \(TO FOLLOW\) Report of the Executive Director Environment\. 11\. ' \
	    '3\. STREET CLEANSING PERFORMANCE Report of the Executive Director Environment\. For Information \(Pages 2 - 3\)' \
	    '^ *Public Document Pack|Non-Public Document Pack' ' AGENDA '
	hasnt "main agenda ${f##*/}" "$TMP/agenda.txt" 'SUPPLEMENTARY'
done
# the motion's table lists the Part 2 item whose paper the pack carries
# (8), not the late one (9)
has "main agenda" "$TMP/agenda.txt" 'Item No\. Paragraph No\. 8 3 Part 2'
st=$(stamps "$full")
if [ "$st" = "2a 3 8" ]; then pass; else
	fail "main full pack: stamped items \"$st\", not \"2a 3 8\" (no late item's paper)"
fi
st=$(stamps "$pub")
if [ "$st" = "2a 3" ]; then pass; else
	fail "main public pack: stamped items \"$st\", not \"2a 3\""
fi
# not a word of a late paper, the Part 2 one above all
no_text "the main full pack" "$full" "$CANARY"
flat "$full" >"$TMP/text"
hasnt "the main full pack" "$TMP/text" 'sixty per cent' 'Imported food checks'
no_text "the main public pack" "$pub" "$CANARY"
# "(TO FOLLOW)" is not part of the title: the bookmarks have the titles
python3 tests/tools/pdfnav.py outline "$full" >"$TMP/main.outline"
has "main pack's bookmarks" "$TMP/main.outline" \
    '	4\. Waste Strategy 2025 to 2030$' '	9\. Walbrook Wharf Depot – Contract Award$' \
    '	5\. Climate Action Progress$' '	2b\. Port Health Sub-Committee minutes$'
hasnt "main pack's bookmarks" "$TMP/main.outline" 'FOLLOW'
# the main packs are the same bytes before the late papers are written
mkdir -p "$TMP/before/meeting" "$TMP/before/out"
cp -R "$FIX"/. "$TMP/before/meeting/"
mkdir -p "$TMP/after/meeting" "$TMP/after/out"
cp -R "$FIX"/. "$TMP/after/meeting/"
rm "$TMP/before/meeting/sub-minutes.md" "$TMP/before/meeting/waste-strategy.md" \
    "$TMP/before/meeting/depot-contract.md"
(cd "$TMP/before/meeting" && "$OLDPWD/clerk" pack -O ../out agenda.md) 2>"$TMP/err"
rc=$?
expect_rc "main pack before the late papers" 0
(cd "$TMP/after/meeting" && "$OLDPWD/clerk" pack -O ../out agenda.md) 2>"$TMP/err"
for k in public full; do
	if cmp -s "$TMP/before/out/agenda-$k.pdf" "$TMP/after/out/agenda-$k.pdf"; then pass; else
		fail "the main $k pack changes once the late papers are written"
	fi
done
# without the mark, a missing paper is the error it was
sed 's/^5\. \[Climate Action Progress\](climate-action\.md) (TO FOLLOW)$/5. [Climate Action Progress](climate-action.md)/' \
    "$FIX/agenda.md" >"$TMP/before/meeting/unmarked.md"
run ./clerk pack -O "$TMP/before/out" "$TMP/before/meeting/unmarked.md"
expect_rc "an unmarked missing paper" 1
expect_err "an unmarked missing paper" 'unmarked\.md:32:4: error: "climate-action\.md" not found'
# marked, a missing paper's item needs the link's text for its title
sed 's/^5\. \[Climate Action Progress\](climate-action\.md)/5. [](climate-action.md)/' \
    "$FIX/agenda.md" >"$TMP/before/meeting/untitled.md"
run ./clerk check "$TMP/before/meeting/untitled.md"
expect_rc "a late missing paper without a title" 1
expect_err "a late missing paper without a title" \
    'untitled\.md:32:4: error: paper "climate-action\.md" does not exist yet, so the item cannot take its title from it'

# the XML and the web pages say it too
run ./clerk pack -f xml -O "$out" "$FIX/agenda.md"
expect_rc "main pack -f xml" 0
for k in public full; do
	f=$out/agenda-$k.xml
	if xmllint --noout --nonet --schema "$XSD" "$f" >"$TMP/xsd" 2>&1; then pass; else
		fail "$f is not valid against the official schema" "$(head -5 "$TMP/xsd")"
	fi
	tr -d '\n' <"$f" | sed 's/> *</></g' >"$TMP/x.xml"
	has "main XML $k" "$TMP/x.xml" \
	    '<num>4</num><heading>Waste Strategy 2025 to 2030</heading><content><p class="to-follow">\(TO FOLLOW\)</p><p>Report of'
	hasnt "main XML $k" "$TMP/x.xml" '<heading>[^<]*FOLLOW' 'cmp_4"' 'cmp_9"' 'Mulberry'
done
run ./clerk pack -f html -O "$out" "$FIX/agenda.md"
expect_rc "main pack -f html" 0
for k in public full; do
	tr -d '\n' <"$out/agenda-$k/index.html" >"$TMP/index.html"
	has "main web $k index" "$TMP/index.html" \
	    '>Waste Strategy 2025 to 2030</h4><p class="to-follow">\(TO FOLLOW\)</p><p>Report of'
	if [ -e "$out/agenda-$k/waste-strategy.html" ] || [ -e "$out/agenda-$k/depot-contract.html" ]; then
		fail "main web $k: a page for a late paper" "$(ls "$out/agenda-$k")"
	else pass; fi
done

# ---- The supplement ----------------------------------------------------------
sup=$TMP/sup
mkdir -p "$sup"
run ./clerk pack --supplement -O "$sup" "$FIX/agenda.md"
expect_rc "supplement" 0
expect_err "supplement: item 5 still to follow" \
    "^$FIX/agenda\\.md:32:1: warning: paper \"climate-action\\.md\" of item 5 does not exist yet: the supplement lists the item as still to follow\$"
expect_err "supplement: item 10 still to follow" \
    "^$FIX/agenda\\.md:46:1: warning: paper \"pest-control\\.md\" of item 10 does not exist yet"
if [ "$(wc -l <"$TMP/err")" -eq 2 ]; then pass; else
	fail "supplement: two warnings, no more" "$(cat "$TMP/err")"
fi
spub=$sup/agenda-supplement-public.pdf sfull=$sup/agenda-supplement-full.pdf
if [ "$(ls "$sup" | tr '\n' ' ')" = "agenda-supplement-full.pdf agenda-supplement-public.pdf " ]; then pass; else
	fail "supplement: the files written" "$(ls "$sup")"
fi
for f in "$spub" "$sfull"; do
	if qpdf --check "$f" >"$TMP/qpdf" 2>&1; then pass; else
		fail "qpdf --check $f" "$(tail -5 "$TMP/qpdf")"
	fi
done
if /usr/bin/python3 tests/pdfua.py "$spub" "$sfull" >"$TMP/pdfua" 2>&1; then pass; else
	fail "the supplements are not PDF/UA and PDF/A as every pack" "$(head -10 "$TMP/pdfua")"
fi
check_ranges "supplement full" "$sfull"
sfull_agenda=$agenda
check_ranges "supplement public" "$spub"
spub_agenda=$agenda
# the front sheet: the meeting's details, headed Supplementary Agenda; the
# late items under their main numbers, their pages counted from 1
agenda_flat "$sfull" >"$TMP/sfull.txt"
has "full supplement's agenda" "$TMP/sfull.txt" \
    'Port Health and Environmental Services Committee Date: TUESDAY, 15 JULY 2025 Time: 11\.00 am Venue: COMMITTEE ROOMS, WEST WING, GUILDHALL' \
    ' SUPPLEMENTARY AGENDA Part 1 - Public Agenda 2\. MINUTES b\) PORT HEALTH SUB-COMMITTEE MINUTES To note the public minutes of the meeting of the Port Health Sub-Committee held on 1 July 2025\. \(Page 1\) 4\. WASTE STRATEGY' \
    '4\. WASTE STRATEGY 2025 TO 2030 Report of the Executive Director Environment\. NB – To be read in conjunction with the non-public appendix at Item 12\. For Decision \(Pages 2 - 3\) 5\. ' \
    '5\. CLIMATE ACTION PROGRESS \(TO FOLLOW\) Report of the Executive Director Environment\. Part 2 - Non-Public Agenda' \
    '9\. WALBROOK WHARF DEPOT – CONTRACT AWARD Report of the City Surveyor\. For Decision Non-public – exempt under paragraphs 3, 4 of Part 1 of Schedule 12A \(Pages 4 - 5\) 10\. ' \
    '10\. PEST CONTROL TENDER \(TO FOLLOW\) Report of the Executive Director Environment\. 12\. ' \
    '12\. WASTE STRATEGY 2025 TO 2030 – NON-PUBLIC APPENDIX 1 To be read in conjunction with Item 4\. For Decision Non-public – exempt under paragraph 3 of Part 1 of Schedule 12A \(Page 6\)' \
    'Non-Public Document Pack'
# nothing of the main agenda that is not late
hasnt "full supplement's agenda" "$TMP/sfull.txt" 'APOLOGIES' 'STREET CLEANSING' \
    'LEASE EXTENSION' 'NON-PUBLIC QUESTIONS' 'MOTION' ' 1\. ' ' 3\. ' ' 8\. ' 'a\) MINUTES'
agenda_flat "$spub" >"$TMP/spub.txt"
has "public supplement's agenda" "$TMP/spub.txt" ' SUPPLEMENTARY AGENDA ' \
    '\(Page 1\) 4\. WASTE STRATEGY 2025 TO 2030 .* \(Pages 2 - 3\) 5\. ' \
    '9\. WALBROOK WHARF DEPOT – CONTRACT AWARD Report of the City Surveyor\. For Decision Non-public – exempt under paragraphs 3, 4 of Part 1 of Schedule 12A 10\. ' \
    '^ *Public Document Pack'
# the stamps keep the main numbers; the supplement's own pages are 1 to 7
st=$(stamps "$sfull")
if [ "$st" = "2b 4 9 12" ]; then pass; else
	fail "full supplement: stamped items \"$st\", not \"2b 4 9 12\""
fi
st=$(stamps "$spub")
if [ "$st" = "2b 4" ]; then pass; else
	fail "public supplement: stamped items \"$st\", not \"2b 4\""
fi
if [ "$(pages "$sfull")" -eq $((sfull_agenda + 6)) ]; then pass; else
	fail "full supplement: $(pages "$sfull") pages, not its agenda's $sfull_agenda and 6"
fi
if [ "$(pages "$spub")" -eq $((spub_agenda + 3)) ]; then pass; else
	fail "public supplement: $(pages "$spub") pages, not its agenda's $spub_agenda and 3"
fi
labels=$(python3 tests/tools/pdfnav.py labels "$sfull")
if [ "$labels" = "$(printf '0\t/r\t1\n%d\t/D\t1' "$sfull_agenda")" ]; then pass; else
	fail "supplement's page labels: roman, then decimal from 1" "$labels"
fi
python3 tests/tools/pdfnav.py outline "$sfull" >"$TMP/sfull.outline"
python3 tests/tools/pdfnav.py outline "$spub" >"$TMP/spub.outline"
# LEVEL PAGE TITLE of each line's bookmark: main numbers, those with a
# paper leading to its first page (those still to follow: below)
awk -F'\t' '$1 == 1 || $3 ~ /^2b\./' "$TMP/sfull.outline" |
    sed '/Climate Action\|Pest Control/s/^\([0-9]*\)\t[0-9]*/\1\tA/' >"$TMP/lines"
printf '%s\n' "1	1	Front Sheet and Agenda" "1	1	2. Minutes" \
    "2	$((sfull_agenda + 1))	2b. Port Health Sub-Committee minutes" \
    "1	$((sfull_agenda + 2))	4. Waste Strategy 2025 to 2030" "1	A	5. Climate Action Progress" \
    "1	$((sfull_agenda + 4))	9. Walbrook Wharf Depot – Contract Award" "1	A	10. Pest Control Tender" \
    "1	$((sfull_agenda + 6))	12. Waste Strategy 2025 to 2030 – Non-Public Appendix 1" >"$TMP/want"
if cmp -s "$TMP/want" "$TMP/lines"; then pass; else
	fail "full supplement's bookmarks: one per line, main numbers, leading to their pages" "$(diff "$TMP/want" "$TMP/lines")"
fi
for t in '5. Climate Action Progress' '10. Pest Control Tender'; do
	p=$(awk -F'\t' -v t="$t" '$3 == t {print $2}' "$TMP/sfull.outline")
	if [ -n "$p" ] && [ "$p" -le "$sfull_agenda" ]; then pass; else
		fail "full supplement: the bookmark \"$t\" leads to page \"$p\", not to the agenda"
	fi
done
hasnt "supplement's bookmarks" "$TMP/sfull.outline" 'FOLLOW'
p=$(awk -F'\t' '$3 == "9. Walbrook Wharf Depot – Contract Award" {print $2}' "$TMP/spub.outline")
if [ -n "$p" ] && [ "$p" -le "$spub_agenda" ]; then pass; else
	fail "public supplement: the Part 2 item's bookmark leads to page \"$p\", not to the agenda"
fi
# the public supplement holds not a word of a Part 2 paper or appendix; the
# full one holds them (so that the check can fail)
no_leak "supplement" "$spub" "$sfull" "$CANARY"
no_leak "supplement appendix" "$spub" "$sfull" "$APPENDIX"
hasnt "public supplement's bookmarks" "$TMP/spub.outline" 'Bids for the food waste' 'Summary.*Walbrook'
if grep -q 'Not for publication' "$TMP/spub.txt"; then
	fail "the public supplement says it is not for publication"
else pass; fi
pdfinfo "$spub" >"$TMP/info"
has "public supplement's information" "$TMP/info" \
    '^Title: +Port Health and Environmental Services Committee, 15 July 2025: Supplementary Agenda, Public Document Pack$'
pdfinfo "$sfull" >"$TMP/info"
has "full supplement's information" "$TMP/info" 'Supplementary Agenda, Non-Public Document Pack' \
    '^Keywords:.*Not for publication'

# XML: one documentCollection per supplement, valid
run ./clerk pack --supplement -f xml -O "$sup" "$FIX/agenda.md"
expect_rc "supplement -f xml" 0
for k in public full; do
	f=$sup/agenda-supplement-$k.xml
	if xmllint --noout --nonet --schema "$XSD" "$f" >"$TMP/xsd" 2>&1; then pass; else
		fail "$f is not valid against the official schema" "$(head -5 "$TMP/xsd")"
	fi
	tr -d '\n' <"$f" | sed 's/> *</></g' >"$TMP/x.xml"
	has "supplement XML $k" "$TMP/x.xml" '<documentCollection name="pack">' \
	    "kind=\"supplement-$k\"" '<docTitle>Supplementary Agenda</docTitle>' \
	    '<num>4</num><heading>Waste Strategy 2025 to 2030</heading>' \
	    '<num>10</num><heading>Pest Control Tender</heading><content><p class="to-follow">\(TO FOLLOW\)</p>' \
	    '<component eId="cmp_4">'
done
needles "$CANARY" >"$TMP/needles"
if grep -F -q -f "$TMP/needles" "$sup/agenda-supplement-public.xml"; then
	fail "the public supplement's XML holds text of $CANARY"
else pass; fi
if grep -F -q -f "$TMP/needles" "$sup/agenda-supplement-full.xml"; then pass; else
	fail "the full supplement's XML lacks the late Part 2 paper"
fi

# HTML: two folders, the late papers' pages
run ./clerk pack --supplement -f html -O "$sup" "$FIX/agenda.md"
expect_rc "supplement -f html" 0
ls "$sup/agenda-supplement-public" | tr '\n' ' ' >"$TMP/ls"
has "public supplement folder" "$TMP/ls" '^index\.html sub-minutes\.html waste-strategy\.html $'
ls "$sup/agenda-supplement-full" | tr '\n' ' ' >"$TMP/ls"
has "full supplement folder" "$TMP/ls" \
    '^depot-contract\.html index\.html sub-minutes\.html waste-strategy-appendix-1\.html waste-strategy\.html $'
has "public supplement index" "$sup/agenda-supplement-public/index.html" \
    '<h2>Supplementary Agenda</h2>' 'href="waste-strategy\.html">Waste Strategy 2025 to 2030</a>' \
    'href="\.\./agenda-supplement-public\.pdf"'
hasnt "public supplement index" "$sup/agenda-supplement-public/index.html" 'Mulberry' \
    'depot-contract' 'Street Cleansing'

# nothing to supplement: no late item, or no late paper written yet
empty=$TMP/empty
mkdir -p "$empty"
run ./clerk pack --supplement -O "$empty" tests/pack/meeting/agenda.md
expect_rc "supplement without late items" 1
expect_err "supplement without late items" \
    '^tests/pack/meeting/agenda\.md: error: no item of this agenda is marked \(TO FOLLOW\) with a paper: there is nothing to supplement'
run ./clerk pack --supplement -O "$empty" "$TMP/before/meeting/agenda.md"
expect_rc "supplement before any late paper" 1
expect_err "supplement before any late paper" \
    'before/meeting/agenda\.md: error: no paper of the 5 items marked \(TO FOLLOW\) exists yet: there is nothing to supplement'
if [ -z "$(ls -A "$empty")" ]; then pass; else
	fail "an empty supplement was written" "$(ls "$empty")"
fi
run ./clerk pack --supplement --agenda-only -O "$empty" "$FIX/agenda.md"
expect_rc "--supplement with --agenda-only" 2
expect_err "--supplement with --agenda-only" 'cannot be used together'

# ---- The agenda alone --------------------------------------------------------
ag=$TMP/agenda-only
mkdir -p "$ag"
# before the papers: the report of item 3 is not written yet either
rm "$TMP/before/meeting/street-cleansing.md"
run ./clerk pack --agenda-only -O "$ag" "$TMP/before/meeting/agenda.md"
expect_rc "agenda only, papers missing" 0
expect_empty "agenda only, papers missing: quiet" "$TMP/err"
if [ "$(ls "$ag")" = "agenda-agenda.pdf" ]; then pass; else
	fail "agenda only: the files written" "$(ls "$ag")"
fi
flat "$ag/agenda-agenda.pdf" >"$TMP/a.txt"
has "agenda alone, before the papers" "$TMP/a.txt" '3\. STREET CLEANSING PERFORMANCE Report of the Executive Director Environment\. 4\. '
run ./clerk pack -O "$ag" "$TMP/before/meeting/agenda.md"
expect_rc "the packs need the papers" 1
# with the papers written so far
rm "$ag"/*
run ./clerk pack --agenda-only -O "$ag" "$FIX/agenda.md"
expect_rc "agenda only" 0
expect_empty "agenda only: quiet" "$TMP/err"
f=$ag/agenda-agenda.pdf
if qpdf --check "$f" >"$TMP/qpdf" 2>&1; then pass; else
	fail "qpdf --check $f" "$(tail -5 "$TMP/qpdf")"
fi
if /usr/bin/python3 tests/pdfua.py "$f" >"$TMP/pdfua" 2>&1; then pass; else
	fail "the agenda alone is not PDF/UA and PDF/A" "$(head -10 "$TMP/pdfua")"
fi
flat "$f" >"$TMP/a.txt"
has "agenda alone" "$TMP/a.txt" '^ *Public Document Pack' ' AGENDA Part 1 - Public Agenda 1\. APOLOGIES' \
    'a\) MINUTES To agree the public minutes of the meeting held on 10 June 2025\. b\)' \
    '3\. STREET CLEANSING PERFORMANCE Report of the Executive Director Environment\. For Information 4\. ' \
    '4\. WASTE STRATEGY 2025 TO 2030 \(TO FOLLOW\) Report of the Executive Director Environment\. 5\. ' \
    '8\. WALBROOK WHARF DEPOT – LEASE EXTENSION Report of the City Surveyor\. For Decision Non-public – exempt under paragraph 3 of Part 1 of Schedule 12A 9\. ' \
    'Item No\. Paragraph No\. 8 3 Part 2'
hasnt "agenda alone" "$TMP/a.txt" '\(Pages? [0-9]' 'Agenda Item' 'Non-Public Document Pack' 'SUPPLEMENTARY'
no_text "the agenda alone" "$f" "$FIX/depot-lease.md"
no_text "the agenda alone" "$f" "$FIX/street-cleansing.md"
if [ "$(pages "$f")" -le 3 ]; then pass; else
	fail "the agenda alone has $(pages "$f") pages: papers in it?"
fi
pdfinfo "$f" >"$TMP/info"
has "agenda alone's information" "$TMP/info" \
    '^Title: +Port Health and Environmental Services Committee, 15 July 2025: Agenda$'
run ./clerk pack --agenda-only -f xml -O "$ag" "$FIX/agenda.md"
expect_rc "agenda only -f xml" 0
if xmllint --noout --nonet --schema "$XSD" "$ag/agenda-agenda.xml" >"$TMP/xsd" 2>&1; then pass; else
	fail "agenda-agenda.xml is not valid against the official schema" "$(head -5 "$TMP/xsd")"
fi
has "agenda alone's XML" "$ag/agenda-agenda.xml" 'kind="agenda"' '<component eId="cmp_agenda">'
hasnt "agenda alone's XML" "$ag/agenda-agenda.xml" 'componentRef' '<component eId="cmp_[0-9]'
run ./clerk pack --agenda-only -f html -O "$ag" "$FIX/agenda.md"
expect_rc "agenda only -f html" 0
if [ "$(ls "$ag/agenda-agenda")" = "index.html" ]; then pass; else
	fail "agenda only -f html: the folder holds" "$(ls "$ag/agenda-agenda")"
fi
has "agenda alone's page" "$ag/agenda-agenda/index.html" 'href="\.\./agenda-agenda\.pdf"' \
    '<p class="to-follow">\(TO FOLLOW\)</p>'
if [ -e "$ag/agenda-public" ] || [ -e "$ag/agenda-full" ]; then
	fail "agenda only -f html wrote a pack's folders"
else pass; fi

finish
