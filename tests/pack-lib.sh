# pack-lib.sh: what tests/pack.sh and tests/late.sh read a pack with,
# sourced after lib.sh: its pages' text (pdftotext), its page ranges
# against its stamps, foot numbers and links, and the text of a paper
# looked for in it.

# pages PDF: its number of pages.
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }

# page PDF N: the text of page N.
page() { pdftotext -layout -f "$2" -l "$2" "$1" - 2>/dev/null | tr -d '\f'; }

# flat FILE: the text of a PDF on one line, spaces squeezed, typographic
# quotes made plain.
flat() {
	pdftotext -layout "$1" - 2>/dev/null | tr '\n\f' '  ' | tr -s ' ' |
	    sed "s/\xe2\x80\x99/'/g; s/\xe2\x80\x98/'/g"
}

# check_ranges NAME PDF: every "(Pages x - y)" of the agenda: the page
# printed x is the first page of that agenda item (its stamp stands
# there), the pages are numbered x to y at their feet, and the next page
# starts another item or is a blank page; the item's title on the agenda
# is a link to that page, and the agenda has no other links. Sets
# "agenda" to the number of the agenda's pages (the pages before the
# first stamp).
check_ranges() {
	name=$1 pdf=$2
	n=$(pages "$pdf")
	agenda=0
	# the agenda: the pages before the first stamp
	a=0
	i=1
	while [ "$i" -le "$n" ]; do
		if page "$pdf" "$i" | grep -q 'Agenda Item [0-9]'; then
			a=$((i - 1))
			break
		fi
		i=$((i + 1))
	done
	if [ "$a" -eq 0 ]; then
		fail "$name: no page stamped \"Agenda Item\""
		return
	fi
	agenda=$a
	# item, first and last page, the first line of its title
	pdftotext -layout -f 1 -l "$a" "$pdf" - | tr -d '\f' | awk '
		function title(s) { sub(/^[^ ]+ +/, "", s); gsub(/ +/, " ", s); sub(/ $/, "", s); return s }
		/^ *[0-9]+\.  / { sub(/^ */, ""); item = $0; sub(/\..*/, "", item); cur = item; t = title($0) }
		/^ *[a-z]\)  / { s = $0; sub(/^ */, "", s); cur = item substr(s, 1, 1); t = title(s) }
		/\(Pages? [0-9]+( - [0-9]+)?\)/ {
			match($0, /\(Pages? [0-9]+( - [0-9]+)?\)/)
			r = substr($0, RSTART, RLENGTH)
			gsub(/[^0-9 ]/, "", r)
			split(r, v, " +")
			first = v[2]; last = v[3] == "" ? v[2] : v[3]
			print cur "\t" first "\t" last "\t" t
		}' >"$TMP/ranges"
	if [ ! -s "$TMP/ranges" ]; then
		fail "$name: the agenda prints no page ranges"
		return
	fi
	# the links on the agenda's pages: each leads to the first page of an
	# item with a range, the first of those to a page reads its title
	python3 tests/tools/pdfnav.py links "$pdf" | awk -F'\t' -v a="$a" '$1 <= a' >"$TMP/alinks"
	if msg=$(awk -F'\t' -v a="$a" '
		FNR == NR { title[a + $2] = $4; item[a + $2] = $1; next }
		!($2 in title) {
			printf "a link on page %d (\"%s\") leads to page %s, the first page of no item\n", $1, $3, $2
			bad = 1
			next
		}
		!($2 in seen) {
			seen[$2] = 1
			if ($3 != title[$2]) {
				printf "item %s: the link to page %d reads \"%s\", not \"%s\"\n", item[$2], $2 - a, $3, title[$2]
				bad = 1
			}
		}
		END {
			for (p in title)
				if (!(p in seen)) {
					printf "item %s: no link on the agenda to its page %d\n", item[p], p - a
					bad = 1
				}
			exit bad
		}' "$TMP/ranges" "$TMP/alinks"); then
		pass
	else
		fail "$name: the agenda links each item to its first page" "$msg"
	fi
	while IFS='	' read -r item first last title; do
		: "$title"
		p=$((a + first))
		if page "$pdf" "$p" | grep -q "Agenda Item $item\$\|Agenda Item $item "; then
			pass
		else
			fail "$name: item $item: (Pages $first - $last) but page $first has no \"Agenda Item $item\" stamp"
		fi
		k=$first
		while [ "$k" -le "$last" ]; do
			foot=$(page "$pdf" $((a + k)) | awk 'NF {l = $0} END {gsub(/ /, "", l); print l}')
			if [ "$foot" != "$k" ]; then
				fail "$name: item $item: page $k is numbered \"$foot\" at its foot"
				break
			fi
			k=$((k + 1))
		done
		[ "$k" -gt "$last" ] && pass
		nextp=$((a + last + 1))
		if [ "$nextp" -le "$n" ]; then
			if page "$pdf" "$nextp" | grep -q 'Agenda Item [0-9]\|This page is intentionally left blank'; then
				pass
			else
				fail "$name: item $item ends on page $last but page $((last + 1)) starts no item"
			fi
		fi
	done <"$TMP/ranges"
}

# needles FILE: distinctive runs of six words from the body of a Markdown
# document (its front matter and Markdown marks left out), one per line.
needles() {
	awk 'NR == 1 && /^---$/ {fm = 1; next} fm && /^---$/ {fm = 0; next} !fm' "$1" |
	    grep -v '^ *[#|]' | sed 's/[*_`>]//g; s/^ *[-0-9.]* *//' |
	    tr -s ' ' | awk 'NF >= 6 {print $1, $2, $3, $4, $5, $6}'
}

# no_leak NAME PUBLIC FULL DOC: no six-word run of DOC's body is in the
# public pack's text, and (so that the check can fail) they are in the
# full pack's.
no_leak() {
	name=$1 pub=$2 full=$3 doc=$4
	flat "$pub" >"$TMP/pub.txt"
	flat "$full" >"$TMP/full.txt"
	needles "$doc" >"$TMP/needles"
	count=$(wc -l <"$TMP/needles")
	if [ "$count" -lt 3 ]; then
		fail "$name: too few sentences in $doc to test"
		return
	fi
	leaked=$(grep -F -f "$TMP/needles" -o "$TMP/pub.txt" | head -3)
	if [ -z "$leaked" ]; then pass; else
		fail "$name: the public pack holds text of $doc" "$leaked"
	fi
	found=$(grep -F -c -f "$TMP/needles" -o "$TMP/full.txt" 2>/dev/null)
	if grep -F -q -f "$TMP/needles" "$TMP/full.txt"; then pass; else
		fail "$name: the full pack lacks the text of $doc"
	fi
	: "$found"
}

