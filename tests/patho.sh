#!/bin/sh
# patho.sh: pathological input, read in bounded time and memory. Each case
# is made here (awk and printf: quick, and the same every time): a paper
# whose Background holds the pathological part, or whose front matter does
# (YAML), or a whole file (NUL bytes, binary and empty files). Each is
# checked, built as PDF and built as XML under a wall-clock limit and a
# memory limit, and must end as the case says: written whole (a PDF that
# qpdf accepts, XML that the official schema accepts and clerk reads back)
# or refused with an error at file:line:col (file: for the whole file);
# never a signal, never a timeout, never out of memory. clerk's limits
# (clerk-paper(5), LIMITS) are met at their messages. The time and peak
# memory of every run are printed; only the limits are asserted.
#   tests/patho.sh            every case
#   tests/patho.sh NAME...    the cases named (shell patterns)
. "$(dirname "$0")/lib.sh"

XSD=schemas/akn/akomantoso30.xsd
SECS=20             # wall-clock limit of one run
RSS_BASE=65536      # KB: the peak RSS allowed is RSS_BASE + the case's
RSS_PER_BYTE=40     # factor (RSS_PER_BYTE unless it says) x its input size
VM_BASE=1048576     # KB: the address space allowed is VM_BASE + twice that

# The time and memory of a run are measured by a small program of our own
# (GNU time is not among the packages clerk needs); cc is.
PEAK=$TMP/peak
if ! ${CC:-cc} -std=c11 -O2 -o "$PEAK" tests/tools/peak.c 2>"$TMP/cc"; then
	fail "tests/tools/peak.c does not compile" "$(cat "$TMP/cc")"
	finish
	exit 1
fi

# A sanitizer build reserves terabytes of address space: no ulimit -v then,
# and its peak RSS is not clerk's alone (make check-sanitized sets
# CLERK_SANITIZED=1; the symbols tell otherwise).
sanitized=${CLERK_SANITIZED:-0}
if [ "$sanitized" != 1 ] &&
    { nm ./clerk 2>/dev/null; nm -D ./clerk 2>/dev/null; } |
    grep -Eq '__(a|t|m|ub)san_'; then
	sanitized=1
fi
[ "$sanitized" = 1 ] && echo "patho: sanitizer build: memory not limited"

C=$TMP/c
mkdir -p "$C" "$TMP/o"

# --------------------------------------------------------------------
# Making the cases

# front: the front matter of a valid report, without its closing line.
front() {
	printf -- '---\ncommittee: Safer City Partnership\ndate: 2018-05-31\n'
	printf -- 'purpose: information\nsubject: A pathological paper\n'
	printf -- 'report_of: The Town Clerk\n'
}

# paper NAME: a valid report with stdin as the body of its Background.
paper() {
	{
		front
		printf -- '---\n\n## Summary\n\nA paper made by tests/patho.sh.\n\n'
		printf -- '## Background\n\n'
		cat
		printf -- '\n\n## Current Situation\n\nThe end.\n'
	} >"$C/$1.md"
}

# fmpaper NAME: a valid report with stdin added to its front matter.
fmpaper() {
	{
		front
		cat
		printf -- '---\n\n## Summary\n\nA summary.\n\n## Background\n\n'
		printf -- 'Some background.\n\n## Current Situation\n\nThe end.\n'
	} >"$C/$1.md"
}

# rep N TEXT: TEXT N times over (printf escapes in TEXT are not read).
rep() {
	awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'
}

# words N: N words of plain text, ten to a line.
words() {
	awk -v n="$1" 'BEGIN {
		split("the board has met twice since its last report to the partnership and agreed a plan", w, " ")
		for (i = 0; i < n; i++) printf "%s%s", w[i % 16 + 1], (i % 10 == 9) ? "\n" : " "
		printf "\n" }'
}

# Nested blocks.
mk_quotes_50000() { { rep 50000 '> '; echo a; } | paper quotes-50000; }
mk_quotes_at_limit() { { rep 31 '> '; words 3000; } | paper quotes-at-limit; }
mk_lists_1000() {
	awk 'BEGIN { for (i = 0; i < 1000; i++) { for (j = 0; j < i; j++) printf "  "; print "* a" } }' |
	    paper lists-1000
}
mk_lists_at_limit() {
	awk 'BEGIN { for (i = 0; i < 31; i++) { for (j = 0; j < i; j++) printf "   "; print "1. an item of some length, long enough to be set on more than one line of the page" } }' |
	    paper lists-at-limit
}
mk_lists_one_line() { { rep 50000 '- '; echo a; } | paper lists-one-line; }

# Emphasis (the cases cmark's own tests call pathological, and more).
mk_emph_nested() { { rep 30000 '*a **a '; printf b; rep 30000 ' a** a*'; } | paper emph-nested; }
mk_emph_closers() { rep 65000 'a_ ' | paper emph-closers; }
mk_emph_openers() { rep 65000 '_a ' | paper emph-openers; }
mk_emph_mismatched() { rep 50000 '*a_ ' | paper emph-mismatched; }
mk_emph_mult3() { { printf 'a**b'; rep 50000 'c* '; } | paper emph-mult3; }
mk_emph_underscores() { rep 100000 '_' | paper emph-underscores; }
mk_emph_dense() { rep 300000 'a*' | paper emph-dense; }
mk_strike_many() { rep 50000 '~~a ' | paper strike-many; }
mk_quotes_curly() { rep 20000 "'a'b" | paper quotes-curly; }
mk_quotes_double() { rep 40000 '"' | paper quotes-double; }
mk_quotes_prose() {
	awk 'BEGIN { for (i = 0; i < 30000; i++) printf "The council'"'"'s \"plan\" wasn'"'"'t '"'"'final'"'"', it said.%s", i % 4 == 3 ? "\n" : " " }' |
	    paper quotes-prose
}
mk_quotes_paragraphs() {
	awk 'BEGIN { for (p = 0; p < 400; p++) { for (i = 0; i < 500; i++) printf "'"'"'a'"'"'b"; printf "\n\n" } }' |
	    paper quotes-paragraphs
}

# Brackets, links and images.
mk_brackets_open() { rep 65000 '[a' | paper brackets-open; }
mk_brackets_close() { rep 65000 'a]' | paper brackets-close; }
mk_brackets_nested() { { rep 50000 '['; printf a; rep 50000 ']'; } | paper brackets-nested; }
mk_brackets_paren() { rep 80000 '[ (](' | paper brackets-paren; }
mk_brackets_image() { rep 160000 '![[]()' | paper brackets-image; }
mk_brackets_emph() { rep 50000 '[ a_' | paper brackets-emph; }
mk_images_paragraphs() {
	awk 'BEGIN { for (p = 0; p < 3; p++) { for (i = 0; i < 9000; i++) printf "![[]()"; printf "\n\n" } }' |
	    paper images-paragraphs
}
mk_links_unclosed_a() { rep 30000 '[a](<b' | paper links-unclosed-a; }
mk_links_unclosed_b() { rep 30000 '[a](b' | paper links-unclosed-b; }
mk_links_many() {
	awk 'BEGIN { for (i = 0; i < 20000; i++) printf "[link %d](https://example.org/%d) ", i, i; print "" }' |
	    paper links-many
}
mk_refs_many() {
	awk 'BEGIN { for (i = 0; i < 50000; i++) printf "[r%d] ", i; print ""; print ""
		for (i = 0; i < 50000; i++) printf "[r%d]: https://example.org/%d\n", i, i }' |
	    paper refs-many
}
mk_footnote_labels() { rep 50000 '[^a' | paper footnote-labels; }
mk_html_comments() { { printf '</'; rep 300000 '<!--'; } | paper html-comments; }
mk_backticks() {
	awk 'BEGIN { for (i = 1; i < 2000; i++) { printf "e"; for (j = 0; j < i; j++) printf "`" } print "" }' |
	    paper backticks
}
mk_autolinks() { rep 50000 'www.a_b_c www.' | paper autolinks; }
mk_autolink_parens() { { printf 'www.example.org/a'; rep 100000 ')'; echo; } | paper autolink-parens; }
mk_emails() { rep 50000 'a@b.c@' | paper emails; }
mk_emails_entities() { rep 30000 'a&#64;b.c&#x40;' | paper emails-entities; }
mk_xrefs_many() {
	awk 'BEGIN { for (i = 0; i < 5000; i++) printf "{#p%d} Paragraph %d, see [](#p%d).\n\n", i, i, 4999 - i }' |
	    paper xrefs-many
}

# Long text.
mk_paragraph_1mb() { words 180000 | paper paragraph-1mb; }
mk_line_1mb() { words 180000 | tr '\n' ' ' | paper line-1mb; }
mk_word_100k() { { printf 'A word: '; rep 100000 x; printf ' and more.\n'; } | paper word-100k; }
mk_word_100k_url() { { printf 'A link: <https://example.org/'; rep 100000 x; printf '>.\n'; } | paper word-100k-url; }
mk_word_100k_heading() { { printf '### '; rep 100000 x; printf '\n\nText.\n'; } | paper word-100k-heading; }
mk_word_100k_cell() { { printf '| a | b |\n|---|---|\n| '; rep 100000 x; printf ' | b |\n'; } | paper word-100k-cell; }
mk_word_100k_code() { { printf '```\n'; rep 100000 x; printf '\n```\n'; } | paper word-100k-code; }
mk_word_100k_note() { { printf 'A note.[^n]\n\n[^n]: '; rep 100000 x; echo; } | paper word-100k-note; }
mk_word_100k_front() { { printf 'reference: '; rep 100000 x; echo; } | fmpaper word-100k-front; }
mk_word_combining() { { printf 'e'; rep 40000 "$(printf '\314\201')"; echo; } | paper word-combining; }

# Tables.
mk_table_10000_rows() {
	awk 'BEGIN { print "| Item | Cost | Note |"; print "|---|--:|---|"
		for (i = 0; i < 10000; i++) printf "| item %d | %d | a note on item %d |\n", i, i * 7, i }' |
	    paper table-10000-rows
}
mk_table_links() {
	awk 'BEGIN { print "| Link | Name |"; print "|---|---|"
		for (i = 0; i < 20000; i++) printf "| [item %d](https://example.org/%d) | O'"'"'Brien'"'"'s \"%d\" |\n", i, i, i }' |
	    paper table-links
}
mk_table_200_columns() {
	awk 'BEGIN { for (r = 0; r < 12; r++) { printf "|"
		for (c = 0; c < 200; c++) printf " %s |", r == 1 ? "---" : "c" c; print "" } }' |
	    paper table-200-columns
}
mk_table_64_columns() {
	awk 'BEGIN { for (r = 0; r < 40; r++) { printf "|"
		for (c = 0; c < 64; c++) printf " %s |", r == 1 ? "---" : "cell" c; print "" } }' |
	    paper table-64-columns
}
mk_table_cells_amplified() {
	awk 'BEGIN { printf "|"; for (c = 0; c < 5000; c++) printf "a|"; print ""
		printf "|"; for (c = 0; c < 5000; c++) printf "-|"; print ""
		for (r = 0; r < 20000; r++) print "x" }' |
	    paper table-cells-amplified
}
mk_table_pipes() { { printf '| a | b |\n|---|---|\n'; rep 50000 '|'; echo; } | paper table-pipes; }

# Pages, headings, footnotes, appendices.
mk_pages_2500() {
	awk 'BEGIN { for (i = 0; i < 50000; i++) printf "Paragraph %d of a long report, which goes on at length about the work of the board, so that it takes two lines.\n\n", i }' |
	    paper pages-2500
}
mk_pages_over() { { echo '```'; rep 700000 'a
'; echo '```'; } | paper pages-over; }
mk_paragraphs_tiny() { rep 100000 'a

' | paper paragraphs-tiny; }
mk_subheadings_5000() {
	awk 'BEGIN { for (i = 0; i < 5000; i++) printf "### Part %d\n\nText of part %d.\n\n", i, i }' |
	    paper subheadings-5000
}
mk_footnotes_5000() {
	awk 'BEGIN { for (i = 0; i < 5000; i++) printf "Paragraph %d has a note.[^n%d]\n\n", i, i
		for (i = 0; i < 5000; i++) printf "[^n%d]: The note %d.\n\n", i, i }' |
	    paper footnotes-5000
}
mk_footnotes_one_line() {
	awk 'BEGIN { printf "Notes:"; for (i = 0; i < 2000; i++) printf "[^n%d]", i; print ""; print ""
		for (i = 0; i < 2000; i++) printf "[^n%d]: The note %d, which says a little.\n\n", i, i }' |
	    paper footnotes-one-line
}
mk_footnote_long() { { printf 'A long note.[^long]\n\n[^long]: '; words 50000; } | paper footnote-long; }
mk_list_100000() { awk 'BEGIN { for (i = 0; i < 100000; i++) print "- item " i }' | paper list-100000; }
mk_headings_unknown() {
	awk 'BEGIN { for (i = 0; i < 10000; i++) printf "## Backgroud %d\n\nText.\n\n", i }' |
	    paper headings-unknown
}
mk_appendices_many() {
	printf 'An appendix.\n' >"$C/appendix.md"
	{ echo 'appendices:'; rep 10500 '  - {title: An appendix, file: appendix.md}
'; } | fmpaper appendices-many
}

# YAML.
mk_yaml_flow_deep() { { printf 'extra: '; rep 1000000 '['; rep 1000000 ']'; echo; } | fmpaper yaml-flow-deep; }
mk_yaml_flow_lines() {
	{ echo 'extra:'; rep 300000 ' [
'; rep 300000 ' ]
'; } | fmpaper yaml-flow-lines
}
mk_yaml_block_deep() {
	awk 'BEGIN { for (i = 0; i < 1000; i++) { for (j = 0; j < i; j++) printf " "; print "k" i ":" } }' |
	    fmpaper yaml-block-deep
}
mk_yaml_alias_bomb() {
	awk 'BEGIN { print "x: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"
		for (i = 1; i < 10; i++) { printf "x%d: &a%d [", i, i
			for (j = 0; j < 9; j++) printf "*a%d%s", i - 1, j < 8 ? ", " : ""; print "]" } }' |
	    fmpaper yaml-alias-bomb
}
mk_yaml_aliases_many() { { echo 'background_papers: &b [a]'; echo 'x:'; rep 100000 '- *b
'; } | fmpaper yaml-aliases-many; }
mk_yaml_keys_many() {
	{ echo 'contact:'; awk 'BEGIN { for (i = 0; i < 100000; i++) printf "  k%d: v\n", i }'; } |
	    fmpaper yaml-keys-many
}
mk_yaml_list_long() {
	{ echo 'background_papers:'; awk 'BEGIN { for (i = 0; i < 20000; i++) printf "  - Background paper %d\n", i }'; } |
	    fmpaper yaml-list-long
}
mk_yaml_committees_many() {
	{
		front | sed '/^committee:/d; /^date:/d'
		echo 'committees:'
		awk 'BEGIN { for (i = 0; i < 5000; i++) printf "  - {name: Committee %d, date: 2018-05-31}\n", i }'
		printf -- '---\n\n## Summary\n\nA summary.\n\n## Background\n\nText.\n\n'
		printf -- '## Current Situation\n\nThe end.\n'
	} >"$C/yaml-committees-many.md"
}
mk_yaml_scalar_1mb() { { printf 'reference: "'; words 180000 | tr '\n' ' '; echo '"'; } | fmpaper yaml-scalar-1mb; }

# Bytes.
mk_nul_one() { printf 'Text\000with a NUL.\n' | paper nul-one; }
mk_nul_many() { awk 'BEGIN { for (i = 0; i < 20000; i++) printf "Some text, then a NUL:%c and more text here.\n", 0 }' | paper nul-many; }
mk_binary_nul() { head -c 1000000 /dev/zero >"$C/binary-nul.md"; }
mk_binary_bytes() {
	awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "%c", (i * 7919 + 13) % 255 + 1 }' >"$C/binary-bytes.md"
}
mk_binary_elf() { head -c 1000000 ./clerk >"$C/binary-elf.md"; }
mk_empty() { : >"$C/empty.md"; }
mk_blank() { rep 100000 ' 	
' >"$C/blank.md"; }
mk_front_only() { printf -- '---\n---\n' >"$C/front-only.md"; }
mk_newlines_1mb() { { front; printf -- '---\n'; rep 1000000 '
'; } >"$C/newlines-1mb.md"; }
mk_too_big() { { front; printf -- '---\n\n## Summary\n\n'; words 3300000; } >"$C/too-big.md"; }

# --------------------------------------------------------------------
# Running them

# limited REPORT CMD...: CMD run under the limits of the case's input
# ($size bytes, memory factor $factor), its status, time and peak RSS
# written to REPORT.
limited() {
	_r=$1
	shift
	if [ "$sanitized" = 1 ]; then
		"$PEAK" "$_r" timeout "$SECS" "$@"
	else
		"$PEAK" "$_r" timeout "$SECS" sh -c 'ulimit -v "$0" && exec "$@"' \
		    "$((VM_BASE + 2 * factor * size / 1024))" "$@"
	fi
}

# measure NAME WHAT CMD...: runs CMD under the limits, keeping its stdout
# and stderr in $TMP/out and $TMP/err and its status in $rc (99: killed or
# out of time), and checks and prints its time and peak memory.
measure() {
	_n=$1 _w=$2
	shift 2
	limited "$TMP/peak.txt" "$@" >"$TMP/out" 2>"$TMP/err"
	read -r rc ms kb <"$TMP/peak.txt"
	_max=$((RSS_BASE + factor * size / 1024))
	printf '%-24s %-6s %6d ms %8d KB  exit %s\n' "$_n" "$_w" "$ms" "$kb" "$rc"
	case $rc in
	signal:*) fail "$_n: $_w: killed by $rc" \
		    "$(head -5 "$TMP/err" | cut -c1-200)"
		rc=99 ;;
	124) fail "$_n: $_w: took more than $SECS s"; rc=99 ;;
	*) pass ;;
	esac
	# (a sanitizer's shadow memory and quarantine are not clerk's)
	if [ "$kb" -le "$_max" ] || [ "$sanitized" = 1 ]; then pass; else
		fail "$_n: $_w: peak RSS $kb KB, more than $_max KB"
	fi
}

# outcome NAME WHAT FILE OUT EXPECT: the run ended as EXPECT says: 0 (OUT
# written, when one is named) or 1 (refused with an error at a place in
# FILE, and OUT not written).
outcome() {
	_n=$1 _w=$2 _f=$3 _o=$4 _e=$5
	[ "$rc" = 99 ] && return
	if [ "$rc" != "$_e" ]; then
		fail "$_n: $_w: exit $rc, expected $_e" \
		    "$(head -5 "$TMP/err" | cut -c1-200)"
	elif [ "$rc" = 1 ]; then
		if grep -Eq "^$_f(:[0-9]+:[0-9]+)?: error: " "$TMP/err"; then
			pass
		else
			fail "$_n: $_w: no error at a place" \
			    "$(head -5 "$TMP/err" | cut -c1-200)"
		fi
		if [ -n "$_o" ] && [ -e "$_o" ]; then
			fail "$_n: $_w: $_o written despite the error"
		fi
	elif [ -n "$_o" ] && [ ! -s "$_o" ]; then
		fail "$_n: $_w: $_o not written"
	else
		pass
	fi
}

# message NAME PATTERN: stderr of the last run matches a grep -E pattern
# (as expect_err, but showing only the first lines: some cases give
# thousands of messages).
message() {
	if grep -Eq -- "$2" "$TMP/err"; then pass; else
		fail "$1: stderr lacks /$2/" "$(head -5 "$TMP/err" | cut -c1-200)"
	fi
}

# run_case NAME EXPECT PATTERN: checks, builds as PDF, as XML and as a web
# page $C/NAME.md (the page as the XML ends), each ending as EXPECT says (see outcome): 0 or 1 for all
# three, or three digits, one each (what only typesetting finds, such as
# the number of pages, passes clerk check and building XML). The messages
# of the first run that should fail (of the check when none should) match
# PATTERN (grep -E) when one is given. A PDF written must pass qpdf
# --check; XML, the official schema, and clerk must read it back.
run_case() {
	_name=$1 _exp=$2 _pat=$3
	case $_exp in
	???) _ec=${_exp%??} _ep=${_exp#?} _ex=${_exp#??}; _ep=${_ep%?} ;;
	*) _ec=$_exp _ep=$_exp _ex=$_exp ;;
	esac
	_f=$C/$_name.md
	size=$(wc -c <"$_f")
	printf '%-24s %d bytes\n' "$_name" "$size"
	measure "$_name" check ./clerk check "$_f"
	outcome "$_name" check "$_f" "" "$_ec"
	if [ -n "$_pat" ] && { [ "$_ec" = 1 ] || [ "$_ec$_ep" = 00 ]; }; then
		message "$_name" "$_pat"
	fi

	_pdf=$TMP/o/$_name.pdf
	measure "$_name" pdf ./clerk build -o "$_pdf" "$_f"
	outcome "$_name" pdf "$_f" "$_pdf" "$_ep"
	if [ -n "$_pat" ] && [ "$_ec$_ep" = 01 ]; then
		message "$_name" "$_pat"
	fi
	if [ "$rc" = 0 ]; then
		if qpdf --check "$_pdf" >"$TMP/q" 2>&1; then pass; else
			fail "$_name: qpdf --check" "$(tail -5 "$TMP/q")"
		fi
	fi

	_xml=$TMP/o/$_name.xml
	measure "$_name" xml ./clerk build -f xml -o "$_xml" "$_f"
	outcome "$_name" xml "$_f" "$_xml" "$_ex"
	if [ "$rc" = 0 ]; then
		if xmllint --noout --huge --schema "$XSD" "$_xml" \
		    >"$TMP/lint" 2>&1; then pass; else
			fail "$_name: XML not valid" "$(head -5 "$TMP/lint")"
		fi
		size=$(wc -c <"$_xml")
		measure "$_name" reread ./clerk check "$_xml"
		outcome "$_name" reread "$_xml" "" 0
	fi
	rm -f "$_pdf" "$_xml"

	# a web page where there is XML: the same limits, no more
	_f=$C/$_name.md _html=$TMP/o/$_name.html
	measure "$_name" html ./clerk build -f html -o "$_html" "$_f"
	outcome "$_name" html "$_f" "$_html" "$_ex"
	if [ "$rc" = 0 ]; then
		if python3 tests/tools/html-page.py check "$_html" \
		    >"$TMP/page" 2>&1; then pass; else
			fail "$_name: the page does not read as it must" "$(head -5 "$TMP/page" | cut -c1-200)"
		fi
	fi
	rm -rf "$_html" "$TMP/o/$_name.files"
}

# t NAME EXPECT [FACTOR [PATTERN]]: makes case NAME (mk_NAME, '-' made
# '_') and runs it (run_case). FACTOR: the bytes of memory allowed for
# each byte of input, RSS_PER_BYTE unless said (more where the Markdown
# library makes a node of every byte or two: about 200 bytes each).
t() {
	if [ -n "$selected" ]; then
		_ok=false
		for _p in $selected; do
			case $1 in $_p) _ok=true ;; esac
		done
		$_ok || return 0
	fi
	factor=${3:-$RSS_PER_BYTE}
	"mk_$(echo "$1" | tr '-' '_')"
	run_case "$1" "$2" "${4:-}"
	rm -f "$C/$1.md"
}
selected="$*"

# Messages of clerk's limits (clerk-paper(5), LIMITS).
NEST='error: blocks nested deeper than 32 levels'
COLS='error: table row of more than 64 cells'
WORD="error: more than 32 '[@)]' in one word"
QUOTES='warning: too many quotation marks in paragraphs'
IMAGES='error: too many images and links in paragraphs'
PAGES='error: the paper runs past 10000 pages here'
YDEEP='error: YAML nested deeper than 64 levels'
ALIAS='error: YAML anchors and aliases'
BIG='error: file is larger than 16 MiB'

t quotes-50000 1 40 "$NEST"
t quotes-at-limit 0
t lists-1000 1 40 "$NEST"
t lists-at-limit 0
t lists-one-line 1 40 "$NEST"
t emph-nested 0 200
t emph-closers 0 200
t emph-openers 0 200
t emph-mismatched 0 200
t emph-mult3 0 200
t emph-underscores 0
t emph-dense 0 800
t strike-many 0 200
t quotes-curly 0 200 "$QUOTES"
t quotes-double 0 200 "$QUOTES"
t quotes-prose 0 40 "$QUOTES"
t quotes-paragraphs 0 40 "$QUOTES"
t brackets-open 0 200
t brackets-close 0 200
t brackets-nested 0 200
t brackets-paren 0 200
t brackets-image 1 200 "$IMAGES"
t brackets-emph 0 200
t images-paragraphs 1 200 "$IMAGES"
t links-unclosed-a 0 200
t links-unclosed-b 0 200
t links-many 0 200
t refs-many 0 200
t footnote-labels 0 200
t html-comments 0 200
t backticks 0
t autolinks 0 200
t autolink-parens 1 40 "$WORD"
t emails 1 40 "$WORD"
t emails-entities 1 40 "$WORD"
t xrefs-many 0
# (a tagged PDF: each page's marked content in the structure tree)
t paragraph-1mb 0 42
t line-1mb 0
t word-100k 0
t word-100k-url 0
t word-100k-heading 0
t word-100k-cell 0
t word-100k-code 0
t word-100k-note 0
t word-100k-front 0
t word-combining 0
t table-10000-rows 0 300
# (a tagged PDF: each of the 20,000 links an annotation with its /Contents,
# an OBJR in the structure tree and an entry in the parent tree, each a
# libharu object of a few hundred bytes)
t table-links 0 280
t table-200-columns 1 40 "$COLS"
t table-64-columns 0
t table-cells-amplified 1 40 "$COLS"
t table-pipes 1 40 "$COLS"
# (a tagged PDF: each page's structure elements and marked content, and
# the parent tree, a fifth more than untagged)
t pages-2500 0 55
t pages-over 010 700 "$PAGES"
# (a tagged PDF: a structure element per paragraph and its marked
# content, about 100 bytes of file and 250 of memory each)
t paragraphs-tiny 0 1700
t subheadings-5000 0
t footnotes-5000 0
t footnotes-one-line 0
t footnote-long 0
# (a tagged PDF: four structure elements an item, LI > Lbl + LBody > P,
# twice the untagged memory)
t list-100000 0 380
t headings-unknown 1 40 'error: heading "Backgroud 0" names no section'
t appendices-many 1 40 "error: more than 100 appendices"
t yaml-flow-deep 1 40 "$YDEEP"
t yaml-flow-lines 1 40 "$YDEEP"
t yaml-block-deep 1 40 "$YDEEP"
t yaml-alias-bomb 1 40 "$ALIAS"
t yaml-aliases-many 1 40 "$ALIAS"
t yaml-keys-many 1 40 'error: unknown key "k0"'
t yaml-list-long 0
t yaml-committees-many 0
t yaml-scalar-1mb 0
t nul-one 1 40 'error: NUL byte in the text'
t nul-many 1 40 'error: too many invalid bytes'
t binary-nul 1 40 'error: not a text file'
t binary-bytes 1 40 'error: invalid UTF-8'
t binary-elf 1 40 'error: not a text file: this looks like a program'
t empty 1 40 'error: file is empty'
t blank 1 40 'error: file is empty'
t front-only 1
t newlines-1mb 1
t too-big 1 40 "$BIG"

finish
