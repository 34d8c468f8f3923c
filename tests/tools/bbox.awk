# bbox.awk: checks the words of `pdftotext -bbox` output (XHTML: one
# <page width=".." height=".."> per page, then one
# <word xMin=".." yMin=".." xMax=".." yMax="..">text</word> per line, y
# measured down from the top of the page) against two rules:
#   - every word lies inside the page less its margins (margin, in points),
#     give or take tol; words wholly in the bottom margin are the running
#     footer and are exempt, and words wholly in the top margin the
#     running header (the exempt notice of a full edition), which must
#     still keep within the side margins;
#   - no two words of a page overlap by more than tol in both directions.
# Usage: awk -v margin=56.69 -v tol=0.5 -f bbox.awk FILE
# Prints one line per problem and exits 1 when there is any.
function attr(s, name,    i, rest) {
	i = index(s, name "=\"")
	if (i == 0)
		return ""
	rest = substr(s, i + length(name) + 2)
	return substr(rest, 1, index(rest, "\"") - 1) + 0
}
function check_page(    i, k, ox, oy) {
	for (i = 1; i <= n; i++)
		for (k = i + 1; k <= n; k++) {
			ox = (x1[i] < x1[k] ? x1[i] : x1[k]) - (x0[i] > x0[k] ? x0[i] : x0[k])
			if (ox <= tol)
				continue
			oy = (y1[i] < y1[k] ? y1[i] : y1[k]) - (y0[i] > y0[k] ? y0[i] : y0[k])
			if (oy <= tol)
				continue
			printf "page %d: \"%s\" (%.2f,%.2f) overlaps \"%s\" (%.2f,%.2f)\n", page, w[i], x0[i], y0[i], w[k], x0[k], y0[k]
			bad++
		}
	n = 0
}
BEGIN {
	if (margin == "") margin = 56.69
	if (tol == "") tol = 0.5
	page = 0; n = 0; bad = 0; words = 0
}
/<page / {
	if (page > 0)
		check_page()
	page++
	width = attr($0, "width")
	height = attr($0, "height")
}
/<word / {
	n++
	words++
	x0[n] = attr($0, "xMin"); y0[n] = attr($0, "yMin")
	x1[n] = attr($0, "xMax"); y1[n] = attr($0, "yMax")
	t = $0
	sub(/^[^>]*>/, "", t)
	sub(/<\/word>.*$/, "", t)
	w[n] = t
	if (y0[n] >= height - margin - tol)
		next # the footer
	if (y1[n] <= margin + tol && x0[n] >= margin - tol &&
	    x1[n] <= width - margin + tol)
		next # the header
	if (x0[n] < margin - tol || x1[n] > width - margin + tol ||
	    y0[n] < margin - tol || y1[n] > height - margin + tol) {
		printf "page %d: \"%s\" (%.2f,%.2f)-(%.2f,%.2f) is outside the margins\n", page, t, x0[n], y0[n], x1[n], y1[n]
		bad++
	}
}
END {
	if (page > 0)
		check_page()
	if (words == 0) {
		print "no words at all"
		bad++
	}
	exit bad > 0
}
