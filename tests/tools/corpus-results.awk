# corpus-results.awk: what one "clerk build" of the corpus papers made of
# each paper. Files, in this order: the stems to leave out (those of a
# batch that crashed, already reported), one a line; the list of papers
# (corpus-papers.awk's output: stem and FILE:LINE); the batches' stderr;
# the names of the files in the output folder, one a line. The papers
# are PREFIX<stem>.md and their output <stem>.EXT.
# Prints "built STEM" for a paper written and "refused STEM" for a paper
# not written with at least one "PREFIX<stem>.md:LINE:COL: error:" line,
# and "fail STEM FILE:LINE: why" for a paper written despite an error, or
# not written and named by no error.
# Usage: awk -v prefix=DIR/ -v ext=pdf -f corpus-results.awk SKIP LIST ERR LS
FILENAME == ARGV[1] {
	skip[$1] = 1
	next
}
FILENAME == ARGV[2] {
	stems[++n] = $1
	where[$1] = $2
	next
}
FILENAME == ARGV[3] {
	if (index($0, prefix) != 1)
		next
	rest = substr($0, length(prefix) + 1)
	if (rest !~ /^[a-z]+-[0-9]+\.md:[0-9]+:[0-9]+: error: /)
		next
	sub(/\.md:.*/, "", rest)
	errors[rest]++
	next
}
{
	written[$0] = 1
}
END {
	for (i = 1; i <= n; i++) {
		s = stems[i]
		if (s in skip)
			continue
		out = (s "." ext) in written
		if (out && (s in errors))
			printf "fail %s (%s): %s written despite %d error(s)\n",
			    s, where[s], ext, errors[s]
		else if (out)
			print "built", s
		else if (s in errors)
			print "refused", s
		else
			printf "fail %s (%s): no %s written, and no error names it\n",
			    s, where[s], ext
	}
}
