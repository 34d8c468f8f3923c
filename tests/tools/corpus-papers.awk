# corpus-papers.awk: every example of spec files in the CommonMark spec's
# format (an example is a line of 32 backquotes and "example", its
# Markdown, a line ".", its HTML, a line of 32 backquotes; "→" in the
# Markdown stands for a tab) written as a paper: the smallest valid front
# matter and Summary, the example as the whole body of "## Background",
# then "## Current Situation". The papers are DIR/P-NNNN.md, where P is
# "cm" for the CommonMark spec, "gfm" for the GFM spec and "ext" for the
# GFM extension tests, and NNNN the example's number in its file. Prints
# one line per paper: its stem and where the example is (FILE:LINE).
# An example left open at the end of a file is reported on stderr and the
# exit status is 1.
# Usage: awk -v dir=DIR -f corpus-papers.awk SPEC.txt...
function opened() {
	if (state != 0) {
		printf "%s:%d: example %d is not closed\n", f, start, n >"/dev/stderr"
		bad = 1
	}
}
FNR == 1 {
	if (NR > 1)
		opened()
	state = 0
	n = 0
	f = FILENAME
	sub(/.*\//, "", f)
	p = f ~ /^commonmark/ ? "cm" : f ~ /^gfm-spec/ ? "gfm" : "ext"
}
state == 0 && /^```````````````````````````````` example/ {
	n++
	start = FNR
	stem = sprintf("%s-%04d", p, n)
	out = dir "/" stem ".md"
	print stem, f ":" FNR
	printf "---\ncommittee: Safer City Partnership\ndate: 2018-05-31\n" \
	    "purpose: information\nsubject: Example %d of %s\n" \
	    "report_of: Town Clerk\n---\n\n## Summary\n\n" \
	    "Example %d of %s, line %d.\n\n## Background\n\n",
	    n, f, n, f, FNR >out
	state = 1
	next
}
state == 1 && $0 == "." {
	printf "\n## Current Situation\n\nThe example ends above.\n" >out
	close(out)
	state = 2
	next
}
state == 1 {
	gsub(/→/, "\t")
	print >out
	next
}
state == 2 && /^````````````````````````````````$/ {
	state = 0
}
END {
	if (NR > 0)
		opened()
	exit bad
}
