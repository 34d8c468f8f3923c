#!/bin/sh
# update.sh: clerk build -u and clerk pack -u. An archive is built with -u,
# then changed in the ways an archivist changes one (a paper edited, an
# image, a Markdown appendix, a PDF appendix, a template, fonts moved
# aside, SOURCE_DATE_EPOCH, an output deleted or altered, the record
# damaged, the output folder copied elsewhere, two shares writing into one
# folder at once); after each, -u must write
# exactly the outputs whose inputs changed (seen by each file's inode: clerk
# writes a new file and renames it into place), and what it leaves must be
# byte-identical to a fresh full build. A file touched without a change of
# content is not rebuilt: -u decides by content.
. "$(dirname "$0")/lib.sh"

SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH
CLERK=$PWD/clerk

# The archive: the content/ meetings, the pack fixture with its image and
# Markdown appendix, a second paper sharing that image, a paper with a PDF
# appendix made here by Ghostscript, and the templates in a folder of the
# test's own so that one can be changed.
A=$TMP/arch
mkdir -p "$A" "$TMP/tpl"
cp -r content/streets-walkways-2024-03-12 content/safer-city-2018-05-31 "$A/"
cp -r tests/pack/meeting "$A/meeting"
sed 's/^subject: .*/subject: Air quality, second look/' \
    "$A/meeting/air-quality.md" >"$A/meeting/air-quality-2.md"
cp templates/*.yaml "$TMP/tpl/"
CLERK_TEMPLATES=$TMP/tpl
export CLERK_TEMPLATES
cat >"$TMP/plan.ps" <<'EOF'
%!PS
/Helvetica findfont 14 scalefont setfont
72 720 moveto (Site plan of the walkway) show
showpage
EOF
ps2pdf "$TMP/plan.ps" "$A/meeting/plan.pdf" || fail "ps2pdf could not make the PDF appendix"
sed -e 's/^subject: .*/subject: Riverside Walkway – Site Plan/' \
    -e '/^appendices:/,/exempt_paragraphs/c\
appendices:\
  - title: Site plan\
    file: plan.pdf' content/streets-walkways-2024-03-12/riverside-walkway-lighting.md \
    >"$A/meeting/walkway-plan.md"

# The papers built: every public paper (non-public ones are --full's).
papers() {
	for f in "$A"/*/*.md; do
		case $f in */agenda.md) continue ;; esac
		grep -q '^public: false' "$f" && continue
		printf '%s\n' "$f"
	done
}
papers >"$TMP/list"

# build DIR [OPTIONS]: clerk build -u of every paper into DIR.
build() {
	dir=$1
	shift
	mkdir -p "$dir"
	# shellcheck disable=SC2046
	run "$CLERK" build -u "$@" -O "$dir" $(cat "$TMP/list")
}

# snap DIR: each output's inode, in $TMP/snap.
snap() {
	(cd "$1" && find . -type f ! -name .clerk-state -printf '%P %i\n' | sort) >"$TMP/snap"
}

# expect_written NAME DIR FILE...: since the last snap, the outputs of DIR
# written again are exactly FILE... (names in DIR; none: "-").
expect_written() {
	name=$1 dir=$2
	shift 2
	(cd "$dir" && find . -type f ! -name .clerk-state -printf '%P %i\n' | sort) >"$TMP/now"
	join "$TMP/snap" "$TMP/now" | awk '$2 != $3 { print $1 }' >"$TMP/changed"
	# files that are new count as written
	join -v 2 "$TMP/snap" "$TMP/now" | awk '{ print $1 }' >>"$TMP/changed"
	sort -o "$TMP/changed" "$TMP/changed"
	: >"$TMP/want"
	for f in "$@"; do [ "$f" = - ] || printf '%s\n' "$f" >>"$TMP/want"; done
	sort -o "$TMP/want" "$TMP/want"
	if cmp -s "$TMP/changed" "$TMP/want"; then pass; else
		fail "$name: written $(tr '\n' ' ' <"$TMP/changed"), expected $(tr '\n' ' ' <"$TMP/want")" "$(cat "$TMP/err")"
	fi
}

# expect_same_as_full NAME DIR [OPTIONS]: DIR holds exactly what a fresh
# build without -u writes, byte for byte (the record aside).
expect_same_as_full() {
	name=$1 dir=$2
	shift 2
	rm -rf "$TMP/full" && mkdir -p "$TMP/full"
	# shellcheck disable=SC2046
	"$CLERK" build "$@" -O "$TMP/full" $(cat "$TMP/list") 2>"$TMP/full-err" ||
	    fail "$name: the full build failed" "$(cat "$TMP/full-err")"
	if diff -r -x .clerk-state "$TMP/full" "$dir" >"$TMP/diff" 2>&1; then pass; else
		fail "$name: -u's outputs differ from a full build" "$(head -5 "$TMP/diff")"
	fi
}

O=$TMP/o
N=$(wc -l <"$TMP/list")

# ---- the first build, and one with nothing changed ----
build "$O"
expect_rc "first -u build" 0
n=$(find "$O" -name '*.pdf' | wc -l)
[ "$n" -eq "$N" ] && pass || fail "first -u build wrote $n PDFs of $N"
[ -s "$O/.clerk-state" ] && pass || fail "no record .clerk-state in the output folder"
expect_same_as_full "first -u build" "$O"
snap "$O"
cp "$O/.clerk-state" "$TMP/state-before"
build "$O"
expect_rc "no-op -u" 0
expect_empty "no-op -u says nothing off a terminal" "$TMP/err"
expect_written "no-op -u" "$O" -
cmp -s "$O/.clerk-state" "$TMP/state-before" && pass ||
    fail "a no-op -u changed the record"

# ---- a paper edited ----
snap "$O"
printf '\n3. A paragraph added after the first build.\n' \
    >>"$A/safer-city-2018-05-31/serious-organised-crime-board.md"
build "$O"
expect_rc "paper edited" 0
expect_written "paper edited" "$O" serious-organised-crime-board.pdf

# touched, same bytes: nothing to do
snap "$O"
touch "$A/safer-city-2018-05-31/serious-organised-crime-board.md"
build "$O"
expect_written "paper touched, same content" "$O" -

# ---- an image shared by two papers ----
snap "$O"
cp tests/pack/meeting/img/no2-trend.png "$TMP/png"
printf 'x' >>"$A/meeting/img/no2-trend.png" # bytes after IEND: still a PNG
build "$O"
expect_rc "image changed" 0
expect_written "image changed" "$O" air-quality.pdf air-quality-2.pdf

# ---- a Markdown appendix ----
snap "$O"
printf '\nOne more line.\n' >>"$A/streets-walkways-2024-03-12/appendices/planting-locations.md"
build "$O"
expect_written "Markdown appendix edited" "$O" street-tree-programme.pdf

# ---- a PDF appendix ----
snap "$O"
sed 's/Site plan of the walkway/Site plan of the walkway, revised/' "$TMP/plan.ps" >"$TMP/plan2.ps"
ps2pdf "$TMP/plan2.ps" "$A/meeting/plan.pdf"
build "$O"
expect_rc "PDF appendix replaced" 0
expect_written "PDF appendix replaced" "$O" walkway-plan.pdf

# ---- a template: exactly the papers laid out with it ----
snap "$O"
printf '\n# a comment changes the file, not its meaning\n' >>"$TMP/tpl/col-2018.yaml"
build "$O"
expect_rc "template edited" 0
expect_written "template col-2018 edited" "$O" serious-organised-crime-board.pdf
snap "$O"
printf '\n# again\n' >>"$TMP/tpl/minutes.yaml"
build "$O"
minutes=$(grep -l '^kind: minutes' "$A"/*/*.md | while read -r f; do
	grep -q '^public: false' "$f" || printf '%s.pdf\n' "$(basename "$f" .md)"; done)
# shellcheck disable=SC2086
expect_written "template minutes edited" "$O" $minutes

# a template added (clerk could choose it for a paper that names none):
# everything is built again
snap "$O"
sed -e 's/^id: .*/id: col-plain/' -e '/^valid_from:/d' "$TMP/tpl/col-2023.yaml" \
    >"$TMP/tpl/col-plain.yaml"
build "$O"
expect_rc "template added" 0
expect_written "template added: everything built" "$O" $(cd "$O" && ls ./*.pdf | sed 's|^\./||')
rm "$TMP/tpl/col-plain.yaml"
build "$O"

# ---- SOURCE_DATE_EPOCH and options ----
snap "$O"
SOURCE_DATE_EPOCH=1700000001 build "$O"
n=$(find "$O" -name '*.pdf' | wc -l)
expect_written "SOURCE_DATE_EPOCH changed" "$O" $(cd "$O" && ls ./*.pdf | sed 's|^\./||')
SOURCE_DATE_EPOCH=1700000000 build "$O"
expect_same_as_full "back to the first SOURCE_DATE_EPOCH" "$O"

# ---- outputs deleted, altered, the record damaged ----
rm "$O/walkway-plan.pdf"
# the snapshot after the deletion: a new file may be given the number of
# the inode just freed, so the deleted one must count as new, not as kept
snap "$O"
# the same size, one byte changed
printf 'X' | dd of="$O/air-quality.pdf" bs=1 seek=200 conv=notrunc 2>/dev/null
build "$O"
expect_written "output deleted and output altered" "$O" walkway-plan.pdf air-quality.pdf
snap "$O"
printf 'not a record\n' >"$O/.clerk-state"
build "$O"
expect_rc "record damaged" 0
expect_written "record damaged: everything built" "$O" $(cd "$O" && ls ./*.pdf | sed 's|^\./||')
build "$O"
snap "$O"
build "$O"
expect_written "record written again" "$O" -

# a record that cannot be written: said, exit 3, the outputs written
mkdir -p "$TMP/norec/.clerk-state"
run "$CLERK" build -u -O "$TMP/norec" "$A/safer-city-2018-05-31/serious-organised-crime-board.md"
expect_rc "record cannot be written" 3
expect_err "record cannot be written" "norec/\.clerk-state: error: cannot write: "
[ -s "$TMP/norec/serious-organised-crime-board.pdf" ] && pass ||
    fail "record cannot be written: the PDF was not written"

# ---- the output folder copied: the record goes with it ----
cp -r "$O" "$TMP/copy"
snap "$TMP/copy"
build "$TMP/copy"
expect_rc "copied folder" 0
expect_written "copied folder: nothing built" "$TMP/copy" -
expect_same_as_full "copied folder" "$TMP/copy"

# ---- -u never differs from a full build, after all of that ----
expect_same_as_full "after every change" "$O"

# ---- --full, -f xml and -f html beside ----
build "$O" --full
expect_rc "-u --full" 0
snap "$O"
build "$O" --full
expect_written "-u --full no-op" "$O" -
# a non-public appendix is none of the public edition's inputs: edited,
# only the full editions are built again, and the public edition's record
# names it nowhere
snap "$O"
printf '\nA price revised.\n' >>"$A/meeting/appendices/supplier-quotations.md"
build "$O"
expect_written "non-public appendix edited: public editions kept" "$O" -
build "$O" --full
expect_written "non-public appendix edited: full editions built" "$O" \
    air-quality-full.pdf air-quality-2-full.pdf
awk '/^@ / { inside = ($3 == "air-quality.pdf") } inside' "$O/.clerk-state" >"$TMP/rec"
if [ -s "$TMP/rec" ] && ! grep -q supplier-quotations "$TMP/rec"; then pass; else
	fail "the public edition's record names the non-public appendix (or is missing)" "$(cat "$TMP/rec")"
fi
grep -q supplier-quotations "$O/.clerk-state" && pass ||
    fail "the full edition's record lacks the non-public appendix"
build "$O" -f html
expect_rc "-u -f html" 0
snap "$O"
build "$O" -f html
expect_written "-u -f html no-op" "$O" -
# a page links the PDF beside it: that PDF gone, the page is built again
# (without the link), and it alone
snap "$O"
mv "$O/serious-organised-crime-board.pdf" "$TMP/socb.pdf"
build "$O" -f html
expect_written "-u -f html: the PDF beside a page gone" "$O" serious-organised-crime-board.html
grep -q 'serious-organised-crime-board.pdf' "$O/serious-organised-crime-board.html" &&
    fail "-u -f html: the page still links the PDF that is gone" || pass
mv "$TMP/socb.pdf" "$O/serious-organised-crime-board.pdf"
build "$O" -f html
rm "$O/air-quality.files/"* 2>/dev/null
snap "$O"
build "$O" -f html
expect_written "-u -f html: a page's image deleted" "$O" air-quality.html \
    air-quality.files/no2-trend.png

# ---- two shares into one folder at once, side by side ----
P=$TMP/par
mkdir -p "$P"
# shellcheck disable=SC2046
"$CLERK" build -u --shard 0/2 -O "$P" $(cat "$TMP/list") 2>"$TMP/e1" &
# shellcheck disable=SC2046
"$CLERK" build -u --shard 1/2 -O "$P" $(cat "$TMP/list") 2>"$TMP/e2"
wait
n=$(find "$P" -name '*.pdf' | wc -l)
[ "$n" -eq "$N" ] && pass || fail "two shares wrote $n PDFs of $N" "$(cat "$TMP/e1" "$TMP/e2")"
snap "$P"
build "$P"
expect_written "two shares side by side: both recorded" "$P" -
expect_same_as_full "two shares side by side" "$P"

# ---- packs ----
M=$TMP/packs
mkdir -p "$M"
run "$CLERK" pack -u -O "$M" "$A/meeting/agenda.md"
expect_rc "pack -u" 0
snap "$M"
run "$CLERK" pack -u -O "$M" "$A/meeting/agenda.md"
expect_rc "pack -u no-op" 0
expect_written "pack -u no-op" "$M" -
# a non-public appendix edited: the packs are written together, the
# public one with the same bytes (none of its inputs changed)
cp "$M/agenda-public.pdf" "$TMP/public-before.pdf"
printf '\nA last line.\n' >>"$A/meeting/appendices/supplier-quotations.md"
run "$CLERK" pack -u -O "$M" "$A/meeting/agenda.md"
expect_written "pack -u: a non-public appendix edited" "$M" agenda-public.pdf agenda-full.pdf
cmp -s "$M/agenda-public.pdf" "$TMP/public-before.pdf" && pass ||
    fail "pack -u: a non-public appendix edited changed the public pack"
awk '/^@ / { inside = ($3 == "agenda-public.pdf") } inside' "$M/.clerk-state" >"$TMP/rec"
if [ -s "$TMP/rec" ] && ! grep -q supplier-quotations "$TMP/rec"; then pass; else
	fail "the public pack's record names the non-public appendix (or is missing)" "$(cat "$TMP/rec")"
fi
snap "$M"
printf '\nA line more.\n' >>"$A/meeting/air-quality.md"
run "$CLERK" pack -u -O "$M" "$A/meeting/agenda.md"
expect_written "pack -u: a paper edited" "$M" agenda-public.pdf agenda-full.pdf
snap "$M"
run "$CLERK" pack -u -f html -O "$M" "$A/meeting/agenda.md"
expect_rc "pack -u -f html" 0
snap "$M"
run "$CLERK" pack -u -f html -O "$M" "$A/meeting/agenda.md"
expect_written "pack -u -f html no-op" "$M" -
rm -rf "$TMP/mfull" && mkdir "$TMP/mfull"
"$CLERK" pack -O "$TMP/mfull" "$A/meeting/agenda.md" 2>/dev/null
for f in agenda-public.pdf agenda-full.pdf; do
	cmp -s "$M/$f" "$TMP/mfull/$f" && pass || fail "pack -u: $f differs from a full pack"
done

# ---- an XML paper ----
X=$TMP/xml
mkdir -p "$X"
"$CLERK" build -f xml -O "$X" "$A/safer-city-2018-05-31/serious-organised-crime-board.md" 2>/dev/null
run "$CLERK" build -u -O "$X" "$X/serious-organised-crime-board.xml"
expect_rc "-u of an XML paper" 0
snap "$X"
run "$CLERK" build -u -O "$X" "$X/serious-organised-crime-board.xml"
expect_written "-u of an XML paper, no-op" "$X" -

finish
