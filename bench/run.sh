#!/bin/sh
# run.sh: the benchmark (make bench): clerk against the floor, libharu
# writing the same pages alone (bench/floor.c).
#
# Usage: bench/run.sh     (make bench builds ./clerk and the tools first)
#
# Makes the corpus in $BENCH_DIR/papers with bench/corpus.c (only when it is
# missing or the generator is newer) and checks it with `clerk check`, which
# must print nothing. Runs clerk once on each case to learn its pages, then
# for each case runs clerk and the floor alternately, R times each, and
# prints a Markdown table of the medians (also kept in
# $BENCH_DIR/report.md) and each run in $BENCH_DIR/runs/. Cases:
#   one paper       clerk build -o X one/paper.md   vs floor --from (its
#                   pages and faces, read by floor --plan before timing)
#   50-paper pack   clerk pack [-j 2] -O D agenda.md vs floor --from the
#                   plan of clerk's two packs (public and full)
#   pack with PDFs  clerk pack -j 2 of the same meeting, each paper with a
#                   4-page PDF appendix (bench/appendix.ps, by Ghostscript's
#                   ps2pdf; $BENCH_DIR/meeting-pdf), under 1 s, against
#                   the same pack without them (the clerk-made part, whose
#                   ratio to the floor is the row above)
#   HTML            clerk build -f html of the one paper against its PDF
#                   (ratio <= 1), and clerk pack -f html of the meeting
#                   (both folders, < 0.2 s)
#   archive         clerk build -j 1|2 -O D on 2,000 papers vs floor --from
#                   the plan of clerk's 2,000 PDFs, in one process; and clerk
#                   -j 2 on the first 500 papers, to compare peak RSS.
#   archive -u      clerk build -u -j 2 over the archive recorded by one -u
#                   build: nothing changed, nothing written; against the
#                   full -j 2 build (target <= 10%).
# It times a copy of ./clerk taken when it starts ($BENCH_DIR/clerk).
# A benchmark, not a test: it exits 0 when a target is missed (the table
# says MISSED), and 1 only when a command fails.
#
# Environment: BENCH_DIR (default build/bench), BENCH_REPS (runs of every
# case; default 7 for one paper, 5 for the pack, 3 for the archive),
# BENCH_FLOOR_ENCODING (CP1252, the default, or UTF-8; see bench/floor.c).
set -eu
cd "$(dirname "$0")/.."

B=${BENCH_DIR:-build/bench}
ENC=${BENCH_FLOOR_ENCODING:-CP1252}
CLERK=$B/clerk
MEASURE=$B/measure
FLOOR=$B/floor
C=$B/papers
O=$B/out
RUNS=$B/runs

say() {
	echo "bench: $*" >&2
}

die() {
	echo "bench: error: $*" >&2
	exit 1
}

for t in ./clerk "$MEASURE" "$FLOOR" "$B/corpus"; do
	[ -x "$t" ] || die "$t is missing: run make bench"
done
# The runs use a copy of ./clerk taken now, so that a build in the same
# checkout (make check-sanitized relinks ./clerk) cannot change it halfway;
# the copy reads the checkout's templates.
cp ./clerk "$CLERK"
CLERK_TEMPLATES=$(pwd)/templates
export CLERK_TEMPLATES
if ldd "$CLERK" 2>/dev/null | grep -q 'lib[at]san'; then
	die "./clerk is a sanitizer build: run make bench again"
fi

# ---- the corpus ----

if [ ! -f "$C/.done" ] || [ -n "$(find "$B/corpus" -newer "$C/.done")" ]; then
	say "writing the corpus in $C"
	rm -rf "$C"
	"$B/corpus" "$C"
	touch "$C/.done"
fi
find "$C/archive" -name '*.md' | sort >"$B/archive.list"
head -n 500 "$B/archive.list" >"$B/archive-500.list"
[ "$(wc -l <"$B/archive.list")" -eq 2000 ] || die "the archive is not 2,000 papers"
say "checking the corpus with clerk check"
# shellcheck disable=SC2046
if ! msgs=$("$CLERK" check "$C/one/paper.md" "$C/meeting/agenda.md" \
    $(cat "$B/archive.list") 2>&1) || [ -n "$msgs" ]; then
	printf '%s\n' "$msgs" | head -n 20 >&2
	die "the corpus does not pass clerk check without a message"
fi

# The meeting again, each paper with the same 4-page PDF appendix (made
# by ps2pdf, so that the merge includes pages clerk did not make). Its
# check may only warn that the appendix is untagged.
MP=$B/meeting-pdf
if [ ! -f "$MP/.done" ] || [ "$C/.done" -nt "$MP/.done" ] ||
    [ bench/appendix.ps -nt "$MP/.done" ]; then
	say "writing the meeting with PDF appendices in $MP"
	rm -rf "$MP" && cp -R "$C/meeting" "$MP"
	ps2pdf -dPDFSETTINGS=/prepress -dAutoRotatePages=/None bench/appendix.ps \
	    "$MP/appendix.pdf" || die "ps2pdf cannot make bench/appendix.ps"
	for f in "$MP"/p[0-9]*.md; do
		awk 'NR > 1 && /^---$/ && !done {
			print "appendices:"
			print "  - title: Schedule of works"
			print "    file: appendix.pdf"
			done = 1 } { print }' "$f" >"$f.tmp" && mv "$f.tmp" "$f"
	done
	touch "$MP/.done"
fi
msgs=$("$CLERK" check "$MP/agenda.md" 2>&1) || {
	printf '%s\n' "$msgs" | head -n 20 >&2
	die "the meeting with PDF appendices does not pass clerk check"
}
[ "$(printf '%s\n' "$msgs" | grep -c 'warning: appendix file "appendix.pdf" is not a tagged PDF')" -eq 50 ] ||
    die "the meeting with PDF appendices: not 50 papers with a PDF appendix"

# ---- running and measuring ----

# fresh DIR: DIR, made empty.
fresh() {
	rm -rf "$1" && mkdir -p "$1"
}

# timed FILE CMD ARGS...: runs CMD under measure, appends "wall_ms rss_kb"
# to FILE, and stops the benchmark when CMD fails.
timed() {
	f=$1
	shift
	r=$("$MEASURE" "$@") || die "measure failed: $1"
	# shellcheck disable=SC2086
	set -- $r
	[ "$3" = 0 ] || die "a command exited with status $3 (its output is above)"
	echo "$1 $2" >>"$f"
}

# median FILE: the median of FILE's first column.
median() {
	sort -n "$1" | awk '{ v[NR] = $1 }
	    END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# maxrss FILE: the largest of FILE's second column.
maxrss() {
	awk '$2 > m { m = $2 } END { print m + 0 }' "$1"
}

# range FILE: "min–max" of FILE's first column, in ms.
range() {
	sort -n "$1" | awk 'NR == 1 { lo = $1 } { hi = $1 }
	    END { printf "%.1f–%.1f ms", lo, hi }'
}

pages() {
	"$FLOOR" --count "$@"
}

reps() {
	echo "${BENCH_REPS:-$1}"
}

rm -rf "$RUNS" && mkdir -p "$RUNS"
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)

# The runs that learn the pages, and warm the caches; their PDFs are what
# the floor copies (floor --plan, then --from).
say "learning the pages (one run of clerk on each case)"
fresh "$O/ref/one" && fresh "$O/ref/pack" && fresh "$O/ref/archive"
fresh "$O/ref/pack-pdf"
timed "$RUNS/warm" "$CLERK" build -o "$O/ref/one/paper.pdf" "$C/one/paper.md"
timed "$RUNS/warm" "$CLERK" pack -O "$O/ref/pack" "$C/meeting/agenda.md"
timed "$RUNS/warm" "$CLERK" pack -j 2 -O "$O/ref/pack-pdf" "$MP/agenda.md"
# shellcheck disable=SC2046
timed "$RUNS/warm" "$CLERK" build -j 2 -O "$O/ref/archive" $(cat "$B/archive.list")
P_ONE=$(pages "$O/ref/one/paper.pdf")
P_PACK=$(pages "$O/ref/pack/agenda-public.pdf" "$O/ref/pack/agenda-full.pdf")
P_PDFPACK=$(for f in "$O/ref/pack-pdf"/agenda-public.pdf "$O/ref/pack-pdf"/agenda-full.pdf; do
	pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }'; done | awk '{ s += $1 } END { print s + 0 }')
# 2 x 50 x 4 included pages, and the papers' lists of appendices
[ "$P_PDFPACK" -ge $((P_PACK + 400)) ] ||
    die "the packs with PDF appendices have $P_PDFPACK pages, not $P_PACK + 2 x 50 x 4 or more"
P_ARCH=$(pages "$O"/ref/archive/*.pdf)
# shellcheck disable=SC2046
P_500=$(pages $(sed "s|.*/||; s|\\.md\$|.pdf|; s|^|$O/ref/archive/|" "$B/archive-500.list"))
[ "$(find "$O/ref/archive" -name '*.pdf' | wc -l)" -eq 2000 ] || die "clerk did not write 2,000 PDFs"
# The floor's page count against poppler's, on the one paper and a pack.
for f in "$O/ref/one/paper.pdf" "$O/ref/pack/agenda-full.pdf"; do
	n=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	[ "$n" = "$(pages "$f")" ] || die "$f: pdfinfo counts $n pages, floor $(pages "$f")"
done
[ "$P_ONE" = 1 ] || say "warning: the one paper has $P_ONE pages, not 1"
# What the floor writes: the pages and faces of each of clerk's documents,
# read here, before any timing (floor --plan).
"$FLOOR" --plan "$O/ref/one/paper.pdf" >"$B/plan-one"
"$FLOOR" --plan "$O/ref/pack/agenda-public.pdf" "$O/ref/pack/agenda-full.pdf" >"$B/plan-pack"
"$FLOOR" --plan "$O"/ref/archive/*.pdf >"$B/plan-archive"
say "pages: one paper $P_ONE, packs $P_PACK ($P_PDFPACK with PDF appendices), archive $P_ARCH (first 500 papers: $P_500)"

n=$(reps 7)
say "one paper: $n runs each"
i=0
while [ $i -lt "$n" ]; do
	fresh "$O/one"
	timed "$RUNS/one.clerk" "$CLERK" build -o "$O/one/paper.pdf" "$C/one/paper.md"
	fresh "$O/one-floor"
	timed "$RUNS/one.floor" "$FLOOR" -e "$ENC" --from "$B/plan-one" "$O/one-floor"
	fresh "$O/one-html"
	timed "$RUNS/one-html.clerk" "$CLERK" build -f html -o "$O/one-html/paper.html" "$C/one/paper.md"
	i=$((i + 1))
done

n=$(reps 5)
say "50-paper pack: $n runs each"
i=0
while [ $i -lt "$n" ]; do
	fresh "$O/pack"
	timed "$RUNS/pack.clerk" "$CLERK" pack -O "$O/pack" "$C/meeting/agenda.md"
	fresh "$O/pack-floor"
	timed "$RUNS/pack.floor" "$FLOOR" -e "$ENC" --from "$B/plan-pack" "$O/pack-floor"
	fresh "$O/pack"
	timed "$RUNS/pack-j2.clerk" "$CLERK" pack -j 2 -O "$O/pack" "$C/meeting/agenda.md"
	fresh "$O/pack-html"
	timed "$RUNS/pack-html.clerk" "$CLERK" pack -f html -O "$O/pack-html" "$C/meeting/agenda.md"
	fresh "$O/pack-pdf"
	timed "$RUNS/pack-pdf-j2.clerk" "$CLERK" pack -j 2 -O "$O/pack-pdf" "$MP/agenda.md"
	i=$((i + 1))
done

n=$(reps 3)
i=0
while [ $i -lt "$n" ]; do
	say "archive: run $((i + 1)) of $n"
	fresh "$O/archive"
	# shellcheck disable=SC2046
	timed "$RUNS/arch-j1.clerk" "$CLERK" build -j 1 -O "$O/archive" $(cat "$B/archive.list")
	fresh "$O/archive-floor"
	timed "$RUNS/arch.floor" "$FLOOR" -e "$ENC" --from "$B/plan-archive" "$O/archive-floor"
	fresh "$O/archive"
	# shellcheck disable=SC2046
	timed "$RUNS/arch-j2.clerk" "$CLERK" build -j 2 -O "$O/archive" $(cat "$B/archive.list")
	fresh "$O/archive"
	# shellcheck disable=SC2046
	timed "$RUNS/arch500.clerk" "$CLERK" build -j 2 -O "$O/archive" $(cat "$B/archive-500.list")
	i=$((i + 1))
done
# -u with nothing changed: one build with -u records the archive (not
# timed), then each run finds all 2,000 outputs up to date.
say "archive: -u, once to record, then $n runs with nothing changed"
fresh "$O/archive-u"
# shellcheck disable=SC2046
"$CLERK" build -u -j 2 -O "$O/archive-u" $(cat "$B/archive.list") || die "clerk build -u failed"
i=0
while [ $i -lt "$n" ]; do
	# shellcheck disable=SC2046
	timed "$RUNS/arch-noop.clerk" "$CLERK" build -u -j 2 -O "$O/archive-u" $(cat "$B/archive.list")
	i=$((i + 1))
done
[ "$(find "$O/archive-u" -name '*.pdf' -newer "$O/archive-u/.clerk-state" | wc -l)" -eq 0 ] ||
    die "a no-op -u run wrote a PDF"
# Keeps the one paper and the packs (in $O/ref), not 200 MB of archive.
rm -rf "$O/one" "$O/one-floor" "$O/one-html" "$O/pack" "$O/pack-floor" \
    "$O/pack-html" "$O/pack-pdf" "$O/archive" "$O/archive-u" \
    "$O/archive-floor" "$O/ref/archive"
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- the report ----

# row NAME CLERK_RUNS FLOOR_RUNS PAGES TARGET_RATIO [RSS_LIMIT_KB]: one line
# of the table; TARGET_RATIO "-" for none.
row() {
	cw=$(median "$2")
	rss=$(maxrss "$2")
	if [ "$3" = - ]; then fw=-; else fw=$(median "$3"); fi
	awk -v name="$1" -v cw="$cw" -v fw="$fw" -v pages="$4" -v rss="$rss" \
	    -v target="$5" -v rsslim="${6:-0}" 'function t(ms) {
		return ms < 1000 ? sprintf("%.1f ms", ms) : sprintf("%.2f s", ms / 1000)
	}
	BEGIN {
		ratio = fw == "-" ? "—" : sprintf("%.2f×", cw / fw)
		tg = target == "-" ? "" : sprintf("ratio ≤ %s×", target)
		met = "yes"
		if (target != "-" && cw / fw > target + 0)
			met = "MISSED"
		if (rsslim > 0) {
			tg = tg (tg == "" ? "" : "; ") sprintf("RSS ≤ %d MB", rsslim / 1024)
			if (rss > rsslim)
				met = "MISSED"
		}
		if (tg == "") {
			tg = "— (information)"
			met = "—"
		}
		printf "| %s | %s | %d | %.0f | %.1f MB | %s | %s | %s | %s |\n",
		    name, t(cw), pages, pages / (cw / 1000), rss / 1024,
		    fw == "-" ? "—" : t(fw), ratio, tg, met
	}'
}

RSS2000=$(maxrss "$RUNS/arch-j2.clerk")
RSS500=$(maxrss "$RUNS/arch500.clerk")
GROWTH=$(awk -v a="$RSS2000" -v b="$RSS500" 'BEGIN {
	printf "%s", a <= b * 1.10 ? "yes" : "MISSED" }')

{
	echo "## clerk benchmark"
	echo
	echo "| case | clerk wall (median) | pages | pages/s | peak RSS | floor wall | ratio (clerk/floor) | target | met? |"
	echo "|---|---:|---:|---:|---:|---:|---:|---|---|"
	row "one paper" "$RUNS/one.clerk" "$RUNS/one.floor" "$P_ONE" 1.5
	row "50-paper pack, -j 1 ¹" "$RUNS/pack.clerk" "$RUNS/pack.floor" "$P_PACK" 1.5
	row "50-paper pack, -j 2 ¹" "$RUNS/pack-j2.clerk" "$RUNS/pack.floor" "$P_PACK" 1.5
	row "archive, 2,000 papers, -j 1 ²" "$RUNS/arch-j1.clerk" "$RUNS/arch.floor" "$P_ARCH" -
	row "archive, 2,000 papers, -j 2 ²" "$RUNS/arch-j2.clerk" "$RUNS/arch.floor" "$P_ARCH" 1.0 65536
	awk -v cw="$(median "$RUNS/pack-pdf-j2.clerk")" -v pw="$(median "$RUNS/pack-j2.clerk")" \
	    -v pages="$P_PDFPACK" -v rss="$(maxrss "$RUNS/pack-pdf-j2.clerk")" 'BEGIN {
		printf "| 50-paper pack with a 4-page PDF appendix each, -j 2 ⁶ | %s | %d | %.0f | %.1f MB | %.1f ms (without them) | %.2f× | under 1 s | %s |\n",
		    cw < 1000 ? sprintf("%.1f ms", cw) : sprintf("%.2f s", cw / 1000),
		    pages, pages / (cw / 1000), rss / 1024, pw, cw / pw,
		    cw < 1000 ? "yes" : "MISSED" }'
	awk -v cw="$(median "$RUNS/one-html.clerk")" -v pw="$(median "$RUNS/one.clerk")" \
	    -v rss="$(maxrss "$RUNS/one-html.clerk")" 'BEGIN {
		printf "| one paper, -f html ⁴ | %.1f ms | — | — | %.1f MB | %.1f ms (its PDF) | %.2f× | ratio ≤ 1.0× | %s |\n",
		    cw, rss / 1024, pw, cw / pw, cw <= pw ? "yes" : "MISSED" }'
	awk -v cw="$(median "$RUNS/pack-html.clerk")" \
	    -v rss="$(maxrss "$RUNS/pack-html.clerk")" 'BEGIN {
		printf "| 50-paper meeting, -f html, -j 1 ⁵ | %.1f ms | — | — | %.1f MB | — | — | under 200 ms | %s |\n",
		    cw, rss / 1024, cw < 200 ? "yes" : "MISSED" }'
	awk -v cw="$(median "$RUNS/arch-noop.clerk")" -v fw="$(median "$RUNS/arch-j2.clerk")" \
	    -v rss="$(maxrss "$RUNS/arch-noop.clerk")" 'BEGIN {
		printf "| archive, 2,000 papers, -u -j 2, nothing changed ⁷ | %.1f ms | — | — | %.1f MB | %.2f s (full build, -j 2) | %.3f× | ratio ≤ 0.10× | %s |\n",
		    cw, rss / 1024, fw / 1000, cw / fw, cw / fw <= 0.10 ? "yes" : "MISSED" }'
	awk -v cw="$(median "$RUNS/arch500.clerk")" -v pages="$P_500" \
	    -v rss="$RSS500" -v rss2="$RSS2000" -v met="$GROWTH" 'BEGIN {
		printf "| archive, first 500 papers, -j 2 ³ | %.2f s | %d | %.0f | %.1f MB | — | — | RSS of 2,000 ≤ 1.1 × RSS of 500 (%.1f MB) | %s |\n",
		    cw / 1000, pages, pages / (cw / 1000), rss / 1024, rss2 / 1024, met }'
	echo
	echo "Medians of $(wc -l <"$RUNS/one.clerk") runs (one paper), $(wc -l <"$RUNS/pack.clerk") (pack),"
	echo "$(wc -l <"$RUNS/arch-j1.clerk") (archive), clerk and the floor alternately; peak RSS is the"
	echo "largest of clerk's runs (ru_maxrss). The floor (bench/floor.c) is libharu alone"
	echo "writing the same pages, text only, each document with the same faces embedded"
	echo "as clerk's (Liberation Sans regular and bold, and bold italic and so on where"
	echo "clerk's has them), encoder $ENC; what to write is read from clerk's PDFs"
	echo "before any timing (floor --plan)."
	echo
	echo "1. The floor writes two documents in one process, with the pages of clerk's"
	echo "   two packs (agenda-public.pdf and agenda-full.pdf, $P_PACK pages together)."
	echo "2. The floor writes the 2,000 documents in one process, each with the pages"
	echo "   of clerk's PDF of that paper ($P_ARCH pages together)."
	echo "3. Peak RSS against the 2,000-paper run: memory must not grow with papers."
	echo "4. The web page of the one paper, against clerk's PDF of it in the same runs."
	echo "5. Both meeting folders (agenda-public/ and agenda-full/), each an index and"
	echo "   a page per paper."
	echo "6. The meeting of 1. with the same 4-page PDF appendix (ps2pdf) in each paper:"
	echo "   2 x 200 included pages, merged with libqpdf. Its ratio is against the same"
	echo "   pack without them, -j 2 (the clerk-made part, whose ratio to the floor is"
	echo "   that row's)."
	echo "7. clerk build -u over the archive built and recorded with -u just before:"
	echo "   every output up to date, so nothing is written. Its ratio is against the"
	echo "   full -j 2 build of the archive in the same run."
	echo
	echo "Spread (min–max): one paper clerk $(range "$RUNS/one.clerk"), floor $(range "$RUNS/one.floor");"
	echo "one paper -f html $(range "$RUNS/one-html.clerk"), meeting -f html $(range "$RUNS/pack-html.clerk");"
	echo "pack clerk -j 1 $(range "$RUNS/pack.clerk"), -j 2 $(range "$RUNS/pack-j2.clerk"),"
	echo "with PDF appendices -j 2 $(range "$RUNS/pack-pdf-j2.clerk"),"
	echo "floor $(range "$RUNS/pack.floor"); archive clerk -j 1 $(range "$RUNS/arch-j1.clerk"),"
	echo "-j 2 $(range "$RUNS/arch-j2.clerk"), -u nothing changed $(range "$RUNS/arch-noop.clerk"),"
	echo "floor $(range "$RUNS/arch.floor")."
	echo "Floor peak RSS: one paper $(maxrss "$RUNS/one.floor") kB, packs $(maxrss "$RUNS/pack.floor") kB,"
	echo "archive $(maxrss "$RUNS/arch.floor") kB."
	echo
	echo "Machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1),"
	echo "Linux $(uname -r); load average $LOAD0 before, $LOAD1 after;"
	echo "$(date -u '+%Y-%m-%d %H:%M UTC'); clerk $("$CLERK" --version | cut -d' ' -f2)$(git describe --always --dirty 2>/dev/null | sed 's/^/ at /')."
} | tee "$B/report.md"
