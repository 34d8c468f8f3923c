#!/bin/sh
# watch.sh: clerk watch, as an author uses it. It builds the paper once,
# then again within a second of each save: in place, by rename (as vim
# and many editors save), of the template, of an image; an error is
# reported and leaves the last PDF as it was, and its fix builds again; an
# image the paper names that appears later is picked up; a burst of saves
# makes one build; a paper, or its whole folder, deleted and made again
# is picked up, without spinning meanwhile. On a terminal each file
# written is named, off one nothing is said of it. SIGINT and SIGTERM stop
# it at once, with exit 0 and no temporary file left. An agenda is
# watched as clerk pack builds it. Usage errors end it at the start.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pty.sh"
SEED=content/safer-city-2018-05-31/serious-organised-crime-board.md
CLERK=$PWD/clerk
# the watches started, killed if the test ends before they are stopped
pids=
trap 'for p in $pids; do kill "$p" 2>/dev/null; done
[ -n "${PTY_MOUNTED:-}" ] && umount /dev/pts; rm -rf "$TMP"' EXIT

# A copy of the templates, to edit one as a template author would.
mkdir -p "$TMP/tpl"
cp templates/*.yaml "$TMP/tpl/"
CLERK_TEMPLATES=$TMP/tpl
export CLERK_TEMPLATES

# within SECONDS CMD...: runs CMD every 50 ms until it succeeds, for at
# most SECONDS; fails when it never did.
within() {
	n=$(($1 * 20))
	shift
	while ! "$@"; do
		n=$((n - 1))
		[ "$n" -gt 0 ] || return 1
		sleep 0.05
	done
}

# gone PID: the process has ended (gone, or a zombie not yet waited for).
gone() {
	[ ! -e "/proc/$1" ] || grep -q '^[0-9]* ([^)]*) Z' "/proc/$1/stat" 2>/dev/null
}

# pdf_has PDF WORD: the text of PDF holds WORD.
pdf_has() {
	pdftotext "$1" - 2>/dev/null | grep -q -- "$2"
}

# log_has LOG PATTERN: LOG (carriage returns taken out) matches.
log_has() {
	tr -d '\r' <"$1" | grep -Eq -- "$2"
}

# written LOG: how many "written" lines LOG holds.
written() {
	tr -d '\r' <"$1" | grep -c '^written '
}

# paper WORD [IMAGE]: the seed paper with WORD ending its first line of
# text, and below that line the image IMAGE when given.
paper() {
	if [ $# -gt 1 ]; then
		sed "s|^This report provides an update.*|& $1\n\n![A chart]($2)\n|" "$SEED"
	else
		sed "s|^This report provides an update.*|& $1|" "$SEED"
	fi
}

# cpu PID: the clock ticks of processor time PID has used.
cpu() {
	awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}

# stop NAME SIGNAL PID [WAITED]: sends SIGNAL to clerk watch's process PID,
# which must end within a second (else it is killed) with exit 0; WAITED
# is the process to wait for, whose status is clerk's (default PID).
stop() {
	kill -"$2" "$3"
	if within 1 gone "$3"; then pass; else
		fail "$1: SIG$2 did not stop the watch within 1 s"
		kill -KILL "$3"
	fi
	wait "${4:-$3}"
	rc=$?
	[ "$rc" -eq 0 ] && pass || fail "$1: SIG$2: exit $rc, expected 0"
}

# start_tty DIR LOG ARGS...: clerk watch ARGS in the background, run in
# DIR on a terminal (script), all it prints in LOG; $wpid is clerk's
# process, $spid that of script, whose status is clerk's.
start_tty() {
	dir=$1 log=$2
	shift 2
	rm -f "$TMP/pid"
	printf '#!/bin/sh\ncd "$1" || exit 3\nshift\necho $$ >"%s/pid"\nexec "%s" watch "$@"\n' \
	    "$TMP" "$CLERK" >"$TMP/run"
	chmod +x "$TMP/run"
	$PTY script -qefc "$TMP/run $dir $*" /dev/null >"$log" 2>&1 </dev/null &
	spid=$!
	pids="$pids $spid"
	within 5 test -s "$TMP/pid" || true
	wpid=$(cat "$TMP/pid" 2>/dev/null)
	pids="$pids $wpid"
}

# ---- the command line ------------------------------------------------------
run ./clerk help watch
expect_rc "help watch" 0
expect_out "help watch" '^Usage: clerk watch '
run ./clerk watch
expect_rc "no file" 2
expect_err "no file" 'no file given'
run timeout 10 ./clerk watch -t no-such-template "$SEED"
expect_rc "unknown template: stops at the start" 2
expect_err "unknown template" 'unknown template "no-such-template"'
run timeout 10 ./clerk watch tests/pack/meeting/agenda.md "$SEED"
expect_rc "an agenda with a paper" 2
expect_err "an agenda with a paper" '"tests/pack/meeting/agenda.md" is an agenda: watch it alone'
for opt in "-o $TMP/x.pdf" "-t col-2018" --full "--shard 0/2"; do
	run timeout 10 ./clerk watch $opt tests/pack/meeting/agenda.md
	expect_rc "an agenda with ${opt%% *}" 2
	expect_err "an agenda with ${opt%% *}" "^clerk: ${opt%% *} does not apply to an agenda"
done

# ---- an author at the keyboard, on a terminal --------------------------------
[ "$PTY" != none ] && pass ||
    fail "no pseudo-terminal can be made here (/dev/pts), so clerk watch on a terminal is not tested"
W=$TMP/w
mkdir -p "$W/img"
paper Aardvark >"$W/paper.md"
LOG=$TMP/tty.log
start_tty "$W" "$LOG" paper.md
PDF=$W/output/paper.pdf
within 5 pdf_has "$PDF" Aardvark && pass ||
    fail "the first build: no output/paper.pdf within 5 s" "$(cat "$LOG")"
within 1 log_has "$LOG" '^written output/paper\.pdf$' && pass ||
    fail "the first build: no line \"written output/paper.pdf\" on the terminal" "$(cat "$LOG")"

# in place: the same file written again
paper Buffalo >"$W/paper.md"
within 1 pdf_has "$PDF" Buffalo && pass ||
    fail "a save in place: the PDF is not rebuilt within 1 s" "$(cat "$LOG")"
log_has "$LOG" '^clerk: paper\.md changed; building again$' && pass ||
    fail "a save: the terminal does not say which file changed" "$(cat "$LOG")"

# by rename: a new file moved over the paper
paper Cheetah >"$W/.paper.md.swp"
mv "$W/.paper.md.swp" "$W/paper.md"
within 1 pdf_has "$PDF" Cheetah && pass ||
    fail "a save by rename: the PDF is not rebuilt within 1 s" "$(cat "$LOG")"

# an error: reported, and the last PDF left as it was
cp "$PDF" "$TMP/good.pdf"
paper Dingo | sed 's/^date: .*/date: 2018-13-45/' >"$W/paper.md"
within 1 log_has "$LOG" '^paper\.md:3:7: error: ' && pass ||
    fail "an error: no paper.md:3:7: error: within 1 s" "$(cat "$LOG")"
sleep 0.2
cmp -s "$PDF" "$TMP/good.pdf" && pass ||
    fail "an error: the last PDF was not left as it was"
gone "$wpid" && fail "an error in the paper stopped the watch" "$(cat "$LOG")" || pass
# fixed
paper Dingo >"$W/paper.md"
within 1 pdf_has "$PDF" Dingo && pass ||
    fail "the error fixed: the PDF is not rebuilt within 1 s" "$(cat "$LOG")"

# an image the paper names, missing, then saved where it names it
paper Emu img/chart.png >"$W/paper.md"
within 1 log_has "$LOG" '^paper\.md:[0-9]+:[0-9]+: error: .*chart\.png' && pass ||
    fail "a missing image: not reported within 1 s" "$(cat "$LOG")"
cp "$PDF" "$TMP/good.pdf"
cp tests/dump/img/chart.png "$W/img/chart.png"
within 1 pdf_has "$PDF" Emu && pass ||
    fail "the missing image saved: the PDF is not rebuilt within 1 s" "$(cat "$LOG")"
# the image is now an input: a new one is seen
cp "$PDF" "$TMP/good.pdf"
cp tests/pdf/img/alpha16.png "$W/img/chart.png"
within 1 eval '! cmp -s "$PDF" "$TMP/good.pdf"' && pass ||
    fail "the image saved again: the PDF is not rebuilt within 1 s" "$(cat "$LOG")"

# the template, edited by its author
sed -i 's/^main_heading: Main Report/main_heading: Main Yak Report/' "$TMP/tpl/col-2018.yaml"
within 1 pdf_has "$PDF" 'Main Yak Report' && pass ||
    fail "the template saved: the PDF is not rebuilt within 1 s" "$(cat "$LOG")"
log_has "$LOG" "^clerk: $TMP/tpl/col-2018\.yaml changed; building again\$" && pass ||
    fail "the template saved: the terminal does not say it changed" "$(cat "$LOG")"

# a burst of five saves, back to back: one build, of the last
sleep 0.3
before=$(written "$LOG")
for w in Falcon Gecko Heron Ibis Jackal; do
	paper "$w" >"$TMP/$w.md"
done
for w in Falcon Gecko Heron Ibis Jackal; do
	cat "$TMP/$w.md" >"$W/paper.md"
done
within 1 pdf_has "$PDF" Jackal && pass ||
    fail "a burst of saves: the last is not built within 1 s" "$(cat "$LOG")"
sleep 0.5
after=$(written "$LOG")
[ "$after" -eq $((before + 1)) ] && pass ||
    fail "a burst of five saves made $((after - before)) builds, not one" "$(tail -n 8 "$LOG")"

# the paper deleted, then written again
rm "$W/paper.md"
within 1 log_has "$LOG" '^paper\.md: error: cannot read' && pass ||
    fail "the paper deleted: not reported within 1 s" "$(cat "$LOG")"
paper Koala >"$W/paper.md"
within 1 pdf_has "$PDF" Koala && pass ||
    fail "the paper written again: the PDF is not rebuilt within 1 s" "$(cat "$LOG")"

# Ctrl-C: stops at once, with exit 0, and leaves no temporary file
stop "on a terminal" INT "$wpid" "$spid"
[ -z "$(find "$W" -name '.*.??????')" ] && pass ||
    fail "a temporary file is left" "$(find "$W" -name '.*.??????')"

# ---- off a terminal, with -u; a folder deleted ---------------------------------
# Built before with -u, the paper is up to date at the start: what it is
# made from is still watched (the image).
D=$TMP/d
mkdir -p "$D/sub/img" "$TMP/dout"
cp tests/dump/img/chart.png "$D/sub/img/chart.png"
paper Lemur img/chart.png >"$D/sub/paper.md"
run ./clerk build -u -O "$TMP/dout" "$D/sub/paper.md"
expect_rc "-u: the build before the watch" 0
"$CLERK" watch -u -O "$TMP/dout" "$D/sub/paper.md" >"$TMP/d.out" 2>"$TMP/d.err" &
dpid=$!
pids="$pids $dpid"
sleep 0.5
[ ! -s "$TMP/d.err" ] && [ ! -s "$TMP/d.out" ] && pass ||
    fail "off a terminal, a build without a problem says something" "$(cat "$TMP/d.out" "$TMP/d.err")"
cp "$TMP/dout/paper.pdf" "$TMP/good.pdf"
cp tests/pdf/img/alpha16.png "$D/sub/img/chart.png"
within 1 eval '! cmp -s "$TMP/dout/paper.pdf" "$TMP/good.pdf"' && pass ||
    fail "-u, up to date at the start: the image saved does not rebuild within 1 s" "$(cat "$TMP/d.err")"
sleep 0.2
[ ! -s "$TMP/d.err" ] && [ ! -s "$TMP/d.out" ] && pass ||
    fail "off a terminal, a rebuild without a problem says something" "$(cat "$TMP/d.out" "$TMP/d.err")"
rm -r "$D/sub"
within 1 log_has "$TMP/d.err" 'paper\.md: error: cannot read' && pass ||
    fail "the folder deleted: not reported within 1 s" "$(cat "$TMP/d.err")"
t0=$(cpu "$dpid")
sleep 1.5
t1=$(cpu "$dpid")
[ $((t1 - t0)) -lt 30 ] && pass ||
    fail "the folder deleted: the watch spins ($((t1 - t0)) ticks of processor time in 1.5 s)"
mkdir "$D/sub"
paper Mongoose >"$D/sub/paper.md"
within 3 pdf_has "$TMP/dout/paper.pdf" Mongoose && pass ||
    fail "the folder made again: the PDF is not rebuilt within 3 s" "$(cat "$TMP/d.err")"
stop "off a terminal" TERM "$dpid"

# ---- an agenda: its packs -------------------------------------------------------
# Built before with -u, up to date at the start; a paper saved, then an
# appendix of it (in a folder of its own) rebuild the packs.
M=$TMP/m
cp -R tests/pack/meeting "$M"
mkdir "$TMP/mout"
run ./clerk pack -u -O "$TMP/mout" "$M/agenda.md"
expect_rc "-u: the packs before the watch" 0
"$CLERK" watch -u -O "$TMP/mout" "$M/agenda.md" >"$TMP/m.out" 2>"$TMP/m.err" &
mpid=$!
pids="$pids $mpid"
sleep 0.5
sed -i 's/^## Summary$/&\n\nNarwhal sightings are up./' "$M/air-quality.md"
within 1 pdf_has "$TMP/mout/agenda-public.pdf" Narwhal && pass ||
    fail "an agenda: a paper saved does not rebuild the public pack within 1 s" "$(cat "$TMP/m.err")"
printf '\nOcelot quotations are awaited.\n' >>"$M/appendices/supplier-quotations.md"
within 1 pdf_has "$TMP/mout/agenda-full.pdf" Ocelot && pass ||
    fail "an agenda: an appendix saved does not rebuild the full pack within 1 s" "$(cat "$TMP/m.err")"
pdf_has "$TMP/mout/agenda-public.pdf" Ocelot && fail "the non-public appendix is in the public pack" || pass
# an error in a paper: reported, the packs left as they were
cp "$TMP/mout/agenda-public.pdf" "$TMP/good.pdf"
sed -i 's/^date: .*/date: 2025-02-30/' "$M/air-quality.md"
within 1 log_has "$TMP/m.err" 'air-quality\.md:[0-9]+:[0-9]+: error: ' && pass ||
    fail "an agenda: an error in a paper is not reported within 1 s" "$(cat "$TMP/m.err")"
cmp -s "$TMP/mout/agenda-public.pdf" "$TMP/good.pdf" && pass ||
    fail "an agenda: an error in a paper did not leave the pack as it was"
stop "an agenda" INT "$mpid"

finish
