# inorder.awk: checks that text holds expected strings. The first file
# lists them, one per line: a plain line is a fixed string, a line
# beginning "~" an extended regular expression; blank lines and lines
# beginning "#" are skipped. The second file is the text (pdftotext
# output), in which every run of white space counts as one space, so that
# line breaks do not matter. With -v ordered=1 each string must come after
# the one before it. Prints the first string missing and exits 1.
# Usage: awk [-v ordered=1] -f inorder.awk EXPECTED TEXT
FNR == NR {
	if ($0 ~ /^#/ || $0 ~ /^[ \t]*$/)
		next
	want[++nwant] = $0
	next
}
{
	text = text " " $0
}
END {
	gsub(/[ \t\r\f\v]+/, " ", text)
	pos = 1
	for (i = 1; i <= nwant; i++) {
		rest = substr(text, pos)
		if (substr(want[i], 1, 1) == "~") {
			if (!match(rest, substr(want[i], 2))) {
				printf "missing%s: /%s/\n", (ordered && i > 1) ? " (after the line before)" : "", substr(want[i], 2)
				exit 1
			}
			at = RSTART; len = RLENGTH
		} else {
			at = index(rest, want[i]); len = length(want[i])
			if (at == 0) {
				printf "missing%s: \"%s\"\n", (ordered && i > 1) ? " (after the line before)" : "", want[i]
				exit 1
			}
		}
		if (ordered)
			pos += at - 1 + len
	}
	exit 0
}
