#!/bin/sh
# xml.sh: Akoma Ntoso XML out and back in. Every paper in content/ and
# tests/dump/ written as XML that the official schema accepts, rebuilt from
# it into the same PDF bytes, checked silently, written the same twice;
# hostile and foreign XML (tests/xml/) refused quickly with a clear error
# and nothing written; batches, atomic output, options.
. "$(dirname "$0")/lib.sh"
seed=content/safer-city-2018-05-31/serious-organised-crime-board.md
# The official schema, kept in schemas/akn/ (its bytes checked below).
XSD=schemas/akn/akomantoso30.xsd
LIMIT=$((32 * 1024 * 1024)) # CLERK_MAX_XML_SIZE

# valid NAME XML: the official schema accepts XML.
valid() {
	if xmllint --noout --schema "$XSD" "$2" >"$TMP/lint" 2>&1; then pass; else
		fail "$1: not valid Akoma Ntoso" "$(head -20 "$TMP/lint")"
	fi
}

# same NAME A B: files A and B have the same bytes.
same() {
	if [ -s "$2" ] && cmp -s "$2" "$3"; then pass; else
		fail "$1: $2 and $3 differ" "$(cmp "$2" "$3" 2>&1)"
	fi
}

# timed CMD...: as run, and $ms is how long it took, in milliseconds.
timed() {
	t0=$(date +%s%N)
	run "$@"
	t1=$(date +%s%N)
	ms=$(((t1 - t0) / 1000000))
}

# quick NAME: the last timed run took under a second.
quick() {
	if [ "$ms" -lt 1000 ]; then pass; else fail "$1: took $ms ms"; fi
}

# no_temp NAME DIR: no temporary file (".name.XXXXXX") is left in DIR.
no_temp() {
	if [ -z "$(find "$2" -maxdepth 1 -name '.*.xml.*' -o -maxdepth 1 -name '.*.pdf.*')" ]; then
		pass
	else
		fail "$1: temporary file left" "$(ls -A "$2")"
	fi
}

# empty_dir NAME DIR: nothing was written into DIR (emptied for the next).
empty_dir() {
	if [ -z "$(ls -A "$2")" ]; then pass; else
		fail "$1: files written" "$(ls -A "$2")"
		find "$2" -mindepth 1 -delete
	fi
}

if [ -f "$XSD" ]; then pass; else
	fail "the Akoma Ntoso schema is not at $XSD"
fi
# The copies kept in schemas/akn/ are the reference: their SHA-256 sums,
# pinned here, are those of the official files.
while read -r sum f; do
	if [ "$(sha256sum <"schemas/akn/$f" | cut -d' ' -f1)" = "$sum" ]; then pass; else
		fail "schemas/akn/$f is not the official file (SHA-256 differs)"
	fi
done <<'EOF'
fa2487ece2028e9f0f9e46549493dfde176904c9a0ff13ad916b7366eea9daaa akomantoso30.xsd
62e66b99e59ca183e3d99f57d7544645eeb0d53f1953c2b8afeba6ae53ee1a7d xml.xsd
EOF

# ---- every paper: out, valid, back in, the same bytes ------------------
# Each paper's folder is copied (appendix files, images) and its XML
# written beside it there: images and appendices named in the XML resolve
# from the XML's folder. Each edition the paper has: the public one (not
# of a non-public paper) and the full one (--full, <stem>-full.xml), each
# giving back its own PDF (tests/editions.sh tells them apart).
papers="$(find content -name '*.md' -not -path '*/appendices/*' -not -name agenda.md | sort) $(ls tests/dump/*.md)"
mkdir "$TMP/p" "$TMP/batch"
n=0
for paper in $papers; do
	n=$((n + 1))
	base=$(basename "$paper" .md)
	copy=$TMP/p/$n
	mkdir "$copy"
	cp -R "$(dirname "$paper")/." "$copy/"
	md=$copy/$base.md
	editions="public full"
	grep -q '^public: false' "$paper" && editions=full
	for ed in $editions; do
		full= stem=$base
		[ "$ed" = full ] && full=--full stem=$base-full
		xml=$copy/$stem.xml

		run ./clerk build $full -f xml -O "$copy" "$md"
		expect_rc "$stem: build -f xml" 0
		expect_empty "$stem: build -f xml: silent" "$TMP/err"
		expect_empty "$stem: build -f xml: nothing on stdout" "$TMP/out"
		if [ ! -s "$xml" ]; then
			fail "$stem: no XML written" "$(ls -A "$copy")"
			continue
		fi
		pass
		no_temp "$stem: build -f xml" "$copy"
		valid "$stem" "$xml"

		run ./clerk build $full -f xml -o "$copy/$stem.2.xml" "$md"
		same "$stem: two XML builds" "$xml" "$copy/$stem.2.xml"

		run ./clerk check "$xml"
		expect_rc "$stem: check the XML" 0
		expect_empty "$stem: check the XML: silent" "$TMP/err"
		expect_empty "$stem: check the XML: nothing on stdout" "$TMP/out"

		run ./clerk build $full -o "$TMP/p/$stem.md.pdf" "$md"
		expect_rc "$stem: PDF from the Markdown" 0
		run ./clerk build $full -o "$TMP/p/$stem.xml.pdf" "$xml"
		expect_rc "$stem: PDF from the XML" 0
		expect_empty "$stem: PDF from the XML: silent" "$TMP/err"
		same "$stem: PDF from the XML and from the Markdown" "$TMP/p/$stem.md.pdf" "$TMP/p/$stem.xml.pdf"

		# XML in, XML out: the same document again.
		run ./clerk build $full -f xml -o "$copy/$stem.3.xml" "$xml"
		expect_rc "$stem: XML from the XML" 0
		same "$stem: XML from the XML" "$xml" "$copy/$stem.3.xml"
		no_temp "$stem: all builds" "$copy"

		case $paper in
		content/*) [ "$ed" = public ] || grep -q '^public: false' "$paper" &&
		    cp "$xml" "$TMP/batch/$stem.want" ;;
		esac
		case $stem in
		serious-organised-crime-board) seed_xml=$xml seed_pdf=$TMP/p/$stem.md.pdf ;;
		minutes-2024-01-16) min_xml=$xml min_pdf=$TMP/p/$stem.md.pdf ;;
		esac
	done
done

# The seed's numbered paragraphs in its XML: 1 to 8 in order, each with
# the eId of its number (the round trip above gives back these bytes).
nums=$(xmllint --xpath "//*[local-name()='paragraph']/*[local-name()='num']/text()" "$seed_xml" 2>&1 | tr '\n' ' ')
if [ "$nums" = "1 2 3 4 5 6 7 8 " ]; then pass; else
	fail "seed XML: paragraphs numbered 1 to 8 exactly" "got: $nums"
fi
eids=$(xmllint --xpath "//*[local-name()='paragraph']/@eId" "$seed_xml" 2>&1 | tr -d '\n')
if [ "$eids" = ' eId="para_1" eId="para_2" eId="para_3" eId="para_4" eId="para_5" eId="para_6" eId="para_7" eId="para_8"' ]; then pass; else
	fail "seed XML: paragraph eIds para_1 to para_8 exactly" "got: $eids"
fi

# A batch of every content paper with -j 3 (in their own folders): the
# same bytes as alone (public editions; the non-public papers' full ones).
content_papers=$(find content -name '*.md' -not -path '*/appendices/*' -not -name agenda.md | sort)
# shellcheck disable=SC2086
content_nonpublic=$(grep -l '^public: false' $content_papers)
# shellcheck disable=SC2046
run ./clerk build -f xml -j 3 -O "$TMP/batch" $(printf '%s\n' $content_papers | grep -vxF "$content_nonpublic")
expect_rc "-j 3 -f xml: content/" 0
expect_empty "-j 3 -f xml: silent" "$TMP/err"
# shellcheck disable=SC2086
run ./clerk build --full -f xml -j 3 -O "$TMP/batch" $content_nonpublic
expect_rc "-j 3 --full -f xml: content/" 0
expect_empty "-j 3 --full -f xml: silent" "$TMP/err"
for want in "$TMP"/batch/*.want; do
	same "-j 3 -f xml: $(basename "$want" .want) as alone" "$want" "${want%.want}.xml"
done
no_temp "-j 3 -f xml" "$TMP/batch"

# Default output: output/<stem>.xml, and output/<stem>.pdf from the XML.
mkdir "$TMP/cwd"
run sh -c 'cd "$1" && "$2/clerk" build -f xml "$2/$3"' sh "$TMP/cwd" "$PWD" "$seed"
expect_rc "default output of -f xml" 0
if [ -s "$TMP/cwd/output/serious-organised-crime-board.xml" ]; then pass; else
	fail "default: output/<stem>.xml, folder created" "$(ls -R "$TMP/cwd")"
fi
run sh -c 'cd "$1" && "$2/clerk" build output/serious-organised-crime-board.xml' sh "$TMP/cwd" "$PWD"
expect_rc "default output of an .xml" 0
same "default: output/<stem>.pdf from the XML" "$seed_pdf" "$TMP/cwd/output/serious-organised-crime-board.pdf"

# ---- text XML cannot hold ------------------------------------------------
# The Markdown reader refuses such characters in the text, but YAML escapes
# in the front matter give them: U+0001 and U+0002 are replaced by U+FFFD,
# each with a warning where it was typed; the XML is still written, valid.
sed 's/^subject: .*/subject: "Budget \\x02 update \\x01 two"/' "$seed" >"$TMP/char.md"
line=$(grep -n '^subject:' "$TMP/char.md" | cut -d: -f1)
run ./clerk build -f xml -O "$TMP" "$TMP/char.md"
expect_rc "U+0002 and U+0001: written" 0
expect_err "U+0002: a warning on its line" "char.md:$line:[0-9]+: warning: character U\\+0002 cannot be written in XML"
expect_err "U+0001: a warning on its line" "char.md:$line:[0-9]+: warning: character U\\+0001 cannot be written in XML"
if [ -s "$TMP/char.xml" ]; then
	valid "U+0002 and U+0001 replaced" "$TMP/char.xml"
	if grep -q 'Budget � update � two' "$TMP/char.xml"; then pass; else
		fail "U+FFFD in their places" "$(grep -n 'Budget' "$TMP/char.xml")"
	fi
else
	fail "U+0002 and U+0001: no XML written"
fi
# A character no font has (U+FFFF) cannot be typeset, so it is not archived
# either: an error where it was typed, as "clerk check" says, and no XML.
sed 's/^subject: .*/subject: "Budget \\uFFFF update"/' "$seed" >"$TMP/nofont.md"
run ./clerk build -f xml -O "$TMP" "$TMP/nofont.md"
expect_rc "U+FFFF: refused as XML" 1
expect_err "U+FFFF: at its place" "nofont.md:$line:[0-9]+: error: character U\\+FFFF .* is in none of the template's fonts"
[ ! -e "$TMP/nofont.xml" ] && pass || fail "U+FFFF: no XML written"

# ---- hostile XML: refused quickly, nothing read, nothing written ---------
host=$(cat /etc/hostname 2>/dev/null || hostname)
# A local file with a secret of our own, for the XXE built at run time.
secret=clerk-secret-$$-$(date +%s%N)
printf '%s\n' "$secret" >"$TMP/secret.txt"
printf '<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [\n  <!ENTITY s SYSTEM "file://%s">\n]>\n<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><doc name="report"><preface><p><docTitle>&s;</docTitle></p></preface></doc></akomaNtoso>\n' \
    "$TMP/secret.txt" >"$TMP/xxe-secret.xml"
# A well-formed clerk document with an external entity in its subject: the
# XXE that would reach the PDF if the DOCTYPE were let through.
subject=$(sed -n 's/^subject: *//p' "$seed")
sed -e "1a\\
<!DOCTYPE akomaNtoso [ <!ENTITY s SYSTEM \"file://$TMP/secret.txt\"> ]>" \
    -e "s/$subject/\\&s;/g" "$seed_xml" >"$TMP/xxe-clerk.xml"
if grep -q '&s;' "$TMP/xxe-clerk.xml"; then pass; else fail "xxe-clerk.xml: the subject not found in the seed's XML"; fi
# Quadratic blowup: one 100 kB entity referenced 10,000 times (1 GB).
{
	printf '<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [\n<!ENTITY a "'
	head -c 100000 /dev/zero | tr '\0' a
	printf '">\n]>\n<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><doc name="report"><preface><p><docTitle>'
	i=0
	while [ $i -lt 100 ]; do
		printf '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'
		i=$((i + 1))
	done
	printf '</docTitle></p></preface></doc></akomaNtoso>\n'
} >"$TMP/quadratic.xml"

mkdir "$TMP/hostile"
for f in tests/xml/billion-laughs.xml tests/xml/xxe.xml tests/xml/xxe-parameter.xml \
    tests/xml/external-dtd.xml tests/xml/network-dtd.xml tests/xml/doctype.xml \
    "$TMP/xxe-secret.xml" "$TMP/xxe-clerk.xml" "$TMP/quadratic.xml"; do
	name=$(basename "$f")
	for how in "build" "build -f xml" "check"; do
		# shellcheck disable=SC2086
		case $how in
		check) timed ./clerk check "$f" ;;
		*) timed ./clerk $how -O "$TMP/hostile" "$f" ;;
		esac
		expect_rc "$name: $how" 1
		quick "$name: $how"
		expect_err "$name: $how: the DOCTYPE refused" \
		    "$name:[0-9]+:([0-9]+:)? error: XML with a DOCTYPE is refused"
		empty_dir "$name: $how" "$TMP/hostile"
		if grep -qwF -- "$host" "$TMP/out" "$TMP/err"; then
			fail "$name: $how: the host name ($host) is in the output" "$(cat "$TMP/err")"
		else
			pass
		fi
		if grep -qF -- "$secret" "$TMP/out" "$TMP/err"; then
			fail "$name: $how: the secret file was read" "$(cat "$TMP/err")"
		else
			pass
		fi
	done
done

# Too big: refused before it is parsed.
{
	cat "$seed_xml"
	head -c $((40 * 1024 * 1024)) /dev/zero | tr '\0' ' '
} >"$TMP/big.xml"
for how in "build" "build -f xml" "check"; do
	# shellcheck disable=SC2086
	case $how in
	check) timed ./clerk check "$TMP/big.xml" ;;
	*) timed ./clerk $how -O "$TMP/hostile" "$TMP/big.xml" ;;
	esac
	expect_rc "40 MB: $how" 1
	quick "40 MB: $how"
	expect_err "40 MB: $how: too big" "big.xml: error: XML file is larger than"
	empty_dir "40 MB: $how" "$TMP/hostile"
done
rm -f "$TMP/big.xml"
# At the limit it is read; one byte more and it is not. The padding is
# comments of 64 bytes, after the root element.
size=$(wc -c <"$seed_xml")
{
	cat "$seed_xml"
	yes '<!-- padding padding padding padding padding padding paddin -->' |
	    head -n $(((LIMIT - size) / 64))
	head -c $(((LIMIT - size) % 64)) /dev/zero | tr '\0' ' '
} >"$TMP/limit.xml"
if [ "$(wc -c <"$TMP/limit.xml")" -eq "$LIMIT" ]; then pass; else
	fail "limit.xml is not $LIMIT bytes" "$(wc -c <"$TMP/limit.xml")"
fi
run ./clerk check "$TMP/limit.xml"
expect_rc "exactly the limit: read" 0
printf ' ' >>"$TMP/limit.xml"
run ./clerk check "$TMP/limit.xml"
expect_rc "one byte over the limit" 1
expect_err "one byte over the limit: too big" "limit.xml: error: XML file is larger than"
rm -f "$TMP/limit.xml"

# ---- XML clerk cannot rebuild from: a precise error at its line ----------
# check_bad NAME FILE PATTERN: build, build -f xml and check of FILE fail
# with exit 1 and an error matching PATTERN, write nothing, and quickly.
check_bad() {
	for how in "build" "build -f xml" "check"; do
		# shellcheck disable=SC2086
		case $how in
		check) timed ./clerk check "$2" ;;
		*) timed ./clerk $how -O "$TMP/hostile" "$2" ;;
		esac
		expect_rc "$1: $how" 1
		expect_err "$1: $how: the error" "$3"
		quick "$1: $how"
		empty_dir "$1: $how" "$TMP/hostile"
	done
}
check_bad "malformed" tests/xml/malformed.xml \
    '^tests/xml/malformed.xml:5:([0-9]+:)? error: XML: '
check_bad "tags do not match" tests/xml/unclosed.xml \
    '^tests/xml/unclosed.xml:5:([0-9]+:)? error: XML: '
check_bad "another tool's Akoma Ntoso" tests/xml/foreign.xml \
    '^tests/xml/foreign.xml:[0-9]+:([0-9]+:)? error: this Akoma Ntoso document was not written by clerk: .+ is missing'
check_bad "another tool's proprietary block" tests/xml/foreign-proprietary.xml \
    '^tests/xml/foreign-proprietary.xml:[0-9]+:([0-9]+:)? error: this Akoma Ntoso document was not written by clerk: .+ is missing'
# A pack clerk wrote is named as one, never "not written by clerk".
mkdir -p "$TMP/packxml"
./clerk pack -f xml -O "$TMP/packxml" tests/pack/meeting/agenda.md 2>"$TMP/err" ||
    fail "pack -f xml of tests/pack/meeting" "$(cat "$TMP/err")"
for k in public full; do
	check_bad "a pack's XML ($k)" "$TMP/packxml/agenda-$k.xml" \
	    "^$TMP/packxml/agenda-$k.xml:3: error: this is a committee pack that clerk pack wrote \\(<documentCollection name=\"pack\">\\), not a paper: .*clerk check AGENDA\\.md"
	if grep -q 'not written by clerk' "$TMP/err"; then
		fail "a pack's XML ($k) is said not to be clerk's" "$(cat "$TMP/err")"
	else pass; fi
done
check_bad "not Akoma Ntoso" tests/xml/not-akn.xml \
    '^tests/xml/not-akn.xml:3:([0-9]+:)? error: not an Akoma Ntoso document: the root element is <rss>'
check_bad "Akoma Ntoso 2.0" tests/xml/akn-2.xml \
    '^tests/xml/akn-2.xml:[0-9]+:([0-9]+:)? error: .*Akoma Ntoso'

# An unknown template id in clerk's block.
tpl=$(./clerk check --dump "$seed" | sed -n 's/^template //p')
sed "s/\"$tpl\"/\"no-such-template\"/g; s/>$tpl</>no-such-template</g" "$seed_xml" >"$TMP/tpl.xml"
if grep -q no-such-template "$TMP/tpl.xml"; then pass; else
	fail "the template id ($tpl) not found in the seed's XML"
fi
check_bad "an unknown template" "$TMP/tpl.xml" \
    'tpl.xml:[0-9]+:([0-9]+:)? error: .*"?no-such-template"?'

# Not XML at all, or nothing.
printf '%%PDF-1.4\n%%\342\343\n' >"$TMP/pdf.xml"
check_bad "a PDF named .xml" "$TMP/pdf.xml" 'pdf.xml(:[0-9]+)*: error: '
: >"$TMP/empty.xml"
check_bad "an empty .xml" "$TMP/empty.xml" 'empty.xml(:[0-9]+)*: error: '
run ./clerk build "$TMP/missing.xml"
expect_rc "a missing .xml" 3
expect_err "a missing .xml named" "missing.xml: error: cannot read"
run ./clerk check "$TMP/missing.xml"
expect_rc "check: a missing .xml" 3

# ---- batches -------------------------------------------------------------
mkdir "$TMP/j"
run ./clerk build -j 2 -O "$TMP/j" tests/xml/foreign.xml "$seed_xml" tests/xml/malformed.xml "$min_xml"
expect_rc "-j 2: good and bad XML" 1
expect_err "-j 2: the foreign one reported" 'foreign.xml:[0-9]+:([0-9]+:)? error: this Akoma Ntoso document was not written by clerk'
expect_err "-j 2: the malformed one reported" 'malformed.xml:5:([0-9]+:)? error: XML: '
if sed -n '1p' "$TMP/err" | grep -q 'foreign.xml:' && sed -n '$p' "$TMP/err" | grep -q 'malformed.xml:'; then pass; else
	fail "-j 2: messages in the order of the files" "$(cat "$TMP/err")"
fi
same "-j 2: the seed as from its Markdown" "$seed_pdf" "$TMP/j/serious-organised-crime-board.pdf"
same "-j 2: the minutes as from their Markdown" "$min_pdf" "$TMP/j/minutes-2024-01-16.pdf"
if [ ! -e "$TMP/j/foreign.pdf" ] && [ ! -e "$TMP/j/malformed.pdf" ]; then pass; else
	fail "-j 2: bad files not written" "$(ls "$TMP/j")"
fi
no_temp "-j 2" "$TMP/j"

mkdir "$TMP/jx"
run ./clerk build -f xml -j 2 -O "$TMP/jx" "$seed" tests/xml/foreign.xml "$min_xml" tests/xml/not-akn.xml
expect_rc "-j 2 -f xml: Markdown, good and bad XML" 1
same "-j 2 -f xml: the seed" "$seed_xml" "$TMP/jx/serious-organised-crime-board.xml"
same "-j 2 -f xml: the minutes" "$min_xml" "$TMP/jx/minutes-2024-01-16.xml"
if [ "$(find "$TMP/jx" -type f | wc -l)" -eq 2 ]; then pass; else fail "-j 2 -f xml: only the good written" "$(ls -A "$TMP/jx")"; fi
no_temp "-j 2 -f xml" "$TMP/jx"

# ---- files whole or not at all -------------------------------------------
mkdir -p "$TMP/at/src" "$TMP/at/out"
cp "$seed" "$TMP/at/src/x.md"
run ./clerk build -f xml -O "$TMP/at/out" "$TMP/at/src/x.md"
expect_rc "atomic: first XML" 0
cp "$TMP/at/out/x.xml" "$TMP/at/keep.xml"
no_temp "atomic: first XML" "$TMP/at/out"
sed 's/^## Background/## Backgroud/' "$seed" >"$TMP/at/src/x.md"
run ./clerk build -f xml -O "$TMP/at/out" "$TMP/at/src/x.md"
expect_rc "atomic: a paper with errors" 1
expect_err "atomic: its error" 'x.md:[0-9]+:1: error: heading "Backgroud"'
same "atomic: the previous XML untouched after an input error" "$TMP/at/keep.xml" "$TMP/at/out/x.xml"
no_temp "atomic: input error" "$TMP/at/out"
run ./clerk build -f xml -o "$TMP/at/out/x.xml" tests/xml/foreign.xml
expect_rc "atomic: foreign XML over a good one" 1
same "atomic: the previous XML untouched after bad XML" "$TMP/at/keep.xml" "$TMP/at/out/x.xml"
no_temp "atomic: bad XML" "$TMP/at/out"
run ./clerk build -f xml -o "$TMP/nowhere/x.xml" "$seed"
expect_rc "XML into a missing folder" 3
expect_err "XML: output path named" "nowhere/x.xml: error: cannot write"
if [ ! -e "$TMP/nowhere" ]; then pass; else fail "missing folder: nothing made"; fi
# As root, permissions do not bind, so clerk runs as nobody (setpriv, of
# util-linux); the repository must be readable by that user (it is, as
# cloned), and the folder reachable.
as_user=""
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
	else
		fail "read-only folder: running as root needs setpriv (util-linux) to test as nobody"
	fi
fi
chmod 755 "$TMP" "$TMP/at"
chmod 555 "$TMP/at/out"
ls -A "$TMP/at/out" >"$TMP/at/before"
# shellcheck disable=SC2086
run $as_user ./clerk build -f xml -O "$TMP/at/out" "$seed"
expect_rc "XML into a read-only folder" 3
expect_err "read-only folder: path named" "serious-organised-crime-board.xml: error: cannot write"
if ls -A "$TMP/at/out" | cmp -s - "$TMP/at/before"; then pass; else
	fail "read-only folder: something was written" "$(ls -A "$TMP/at/out")"
fi
chmod 755 "$TMP/at/out"
no_temp "atomic: read-only folder" "$TMP/at/out"

# ---- options -------------------------------------------------------------
cp "$seed_xml" "$TMP/self.xml"
run ./clerk build -f xml -o "$TMP/self.xml" "$TMP/self.xml"
expect_rc "-o the XML itself" 2
same "-o the XML itself: untouched" "$seed_xml" "$TMP/self.xml"
run ./clerk build -f xml -O "$TMP" "$TMP/self.xml"
expect_rc "-O the XML's own folder" 2
run ./clerk build -O "$TMP" "$seed" "$seed_xml"
expect_rc "a paper and its XML: one output file" 2
run ./clerk build -t col-2018 -O "$TMP" "$seed_xml"
expect_rc "-t with an .xml" 2
expect_err "-t with an .xml: why" "names its own template"
for bad in "-f docx" "-f"; do
	# shellcheck disable=SC2086
	run ./clerk build $bad -O "$TMP" "$seed"
	expect_rc "build $bad" 2
done
run ./clerk build -f docx "$seed"
expect_err "-f docx: the formats named" "pdf, xml or html"
printf 'text\n' >"$TMP/notes.txt"
run ./clerk build -f xml -O "$TMP" "$TMP/notes.txt" "$seed"
expect_rc "-f xml: a file neither .md nor .xml" 1
expect_err "-f xml: it is named" "notes.txt: error: clerk builds papers \\(.md\\) and"
run ./clerk check "$TMP/notes.txt"
expect_rc "check: a file neither .md nor .xml" 1
expect_err "check: it is named" "notes.txt: error: clerk checks papers \\(.md\\) and"
run ./clerk help build
expect_out "help build: -f pdf|xml|html" '^Usage: clerk build \[-f pdf\|xml\|html\]'
run ./clerk check --dump "$seed_xml"
expect_rc "check --dump of an .xml" 0
expect_out "check --dump of an .xml: the model" '^subject "Serious and Organised Crime Board - update"$'


# A cross-reference in the XML to a label no paragraph has is reported at
# its line, as in the Markdown.
mkdir -p "$TMP/xref" && cp -r content/streets-walkways-2024-03-12/. "$TMP/xref/"
run ./clerk build -f xml -O "$TMP/xref" "$TMP/xref/street-tree-programme.md"
sed 's/clerk:label="survey"><\/ref>/clerk:label="surveys"><\/ref>/' \
    "$TMP/xref/street-tree-programme.xml" >"$TMP/xref/bad-ref.xml"
run ./clerk check "$TMP/xref/bad-ref.xml"
expect_rc "xml: unknown cross-reference" 1
expect_err "xml: unknown cross-reference at its line" \
    'bad-ref.xml:[0-9]+: error: no paragraph has the label "surveys" \(did you mean "survey"\?\)'

finish
