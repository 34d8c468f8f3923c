#!/bin/sh
# archives.sh: batches and archives. A batch (build of several files, pack)
# on a terminal shows a counter that only goes up and ends with one summary
# line; off a terminal it prints nothing on success. An Akoma Ntoso file
# records the digests of its template file and font files, and rebuilding
# it with a template or font that changed warns once, naming what changed.
. "$(dirname "$0")/lib.sh"
MEETING=content/streets-walkways-2024-03-12
seed=content/safer-city-2018-05-31/serious-organised-crime-board.md

. "$(dirname "$0")/pty.sh"

# on_tty CMD...: runs CMD with stdout and stderr on a pseudo-terminal
# (script(1), of util-linux; in Debian's bsdutils, always installed); what
# it printed is in $TMP/tty, carriage returns made newlines and the erasing
# of a line (ESC [ K) taken out, and its status in $rc.
on_tty() {
	if [ "$PTY" = none ]; then
		: >"$TMP/raw"
		rc=99
	else
		$PTY script -qec "$*" /dev/null >"$TMP/raw" 2>&1 </dev/null
		rc=$?
	fi
	tr '\r' '\n' <"$TMP/raw" | sed 's/\x1b\[K//g' | grep -v '^$' >"$TMP/tty"
}

# expect_tty NAME PATTERN: the last line of the last on_tty run matches.
expect_tty() {
	if tail -n 1 "$TMP/tty" | grep -Eq -- "$2"; then pass; else
		fail "$1: the last line is not /$2/" "$(tail -n 5 "$TMP/tty")"
	fi
}

# rising NAME: every "[i/n]" counter of the last on_tty run is at least
# the one before it, and there was at least one.
rising() {
	seq=$(grep -o '\[[0-9]*/[0-9]*\]' "$TMP/tty" | tr -d '[]' | tr '\n' ' ')
	if [ -n "$seq" ] && printf '%s\n' "$seq" | awk '{
		for (i = 1; i <= NF; i++) {
			split($i, f, "/")
			if (f[1] + 0 < last + 0) exit 1
			last = f[1]
		}
	}'; then pass; else
		fail "$1: the counter went down or was not shown" "$seq"
	fi
}

# ---- the summary of a batch, on a terminal ---------------------------------
if command -v script >/dev/null 2>&1; then pass; else
	fail "script(1) is not installed (util-linux, bsdutils)"
fi
if [ "$PTY" != none ]; then pass; else
	fail "no pseudo-terminal can be made here (/dev/pts), so nothing on a terminal is tested"
fi
mkdir -p "$TMP/b"
printf -- '---\ncommittee: X\ndate: 2018-05-31\npurpose: information\n---\n\n## Summary\n\nText.\n' >"$TMP/bad.md"
papers="$seed $MEETING/street-tree-programme.md $MEETING/outstanding-actions.md"
on_tty ./clerk build -j 2 -O "$TMP/b" $papers "$TMP/bad.md"
expect_rc "a batch with one bad paper, on a terminal" 1
expect_tty "the summary of a batch" \
    '^clerk: 3 written, 1 with errors, in [0-9]+\.[0-9] s$'
rising "build -j 2"
if grep -q 'bad.md:.*error: missing' "$TMP/tty"; then pass; else
	fail "the bad paper's errors are shown with the summary" "$(cat "$TMP/tty")"
fi
on_tty ./clerk build -O "$TMP/b" $papers
expect_rc "a good batch, on a terminal" 0
expect_tty "the summary of a good batch" \
    '^clerk: 3 written, 0 with errors, in [0-9]+\.[0-9] s$'
if [ "$(grep -c '^clerk: ' "$TMP/tty")" -eq 1 ]; then pass; else
	fail "one summary line" "$(cat "$TMP/tty")"
fi
on_tty ./clerk build -O "$TMP/b" "$seed"
if ! grep -q 'written' "$TMP/tty"; then pass; else
	fail "one paper is not a batch: no summary" "$(cat "$TMP/tty")"
fi
# off a terminal: nothing on success, only the messages on failure
run ./clerk build -j 2 -O "$TMP/b" $papers
expect_rc "a batch off a terminal" 0
expect_empty "a batch off a terminal prints nothing" "$TMP/err"
run ./clerk build -O "$TMP/b" $papers "$TMP/bad.md"
if ! grep -q 'written' "$TMP/err"; then pass; else
	fail "no summary off a terminal" "$(cat "$TMP/err")"
fi

mkdir -p "$TMP/p"
on_tty ./clerk pack -j 2 -O "$TMP/p" "$MEETING/agenda.md"
expect_rc "pack on a terminal" 0
expect_tty "the summary of a pack" \
    '^clerk: 2 packs written, 0 files with errors, in [0-9]+\.[0-9] s$'
rising "pack -j 2"
on_tty ./clerk pack -O "$TMP/p" tests/pack/bad/two-bad-papers.md
expect_rc "a pack with two bad papers, on a terminal" 1
expect_tty "the summary of a pack with errors" \
    '^clerk: 0 packs written, 2 files with errors, in [0-9]+\.[0-9] s$'
run ./clerk pack -O "$TMP/p" "$MEETING/agenda.md"
expect_empty "pack off a terminal prints nothing" "$TMP/err"

# ---- the template and fonts an Akoma Ntoso file was made with -------------
mkdir -p "$TMP/x"
run ./clerk build -f xml -O "$TMP/x" "$seed" "$MEETING/street-tree-programme.md"
expect_rc "XML written" 0
xml=$TMP/x/serious-organised-crime-board.xml
xml2=$TMP/x/street-tree-programme.xml
# recorded NAME FILE ATTR: the value of ATTR="..." on the line of FILE
# that NAME matches.
recorded() {
	grep -E "$1" "$2" | head -n 1 | sed -n "s/.* $3=\"\([^\"]*\)\".*/\1/p"
}
sum=$(sha256sum templates/col-2018.yaml | cut -d' ' -f1)
if [ "$(recorded '<clerk:paper ' "$xml" template-sha256)" = "$sum" ]; then pass; else
	fail "the template file's SHA-256 is recorded" "$(grep '<clerk:paper ' "$xml")"
fi
n=0
for face in body-regular body-bold body-italic body-bold-italic mono-regular \
    mono-bold mono-italic mono-bold-italic fallback-regular fallback-bold \
    fallback-italic fallback-bold-italic; do
	file=$(recorded "face=\"$face\"" "$xml" file)
	path=$(find /usr/share/fonts -name "$file" | head -n 1)
	if [ -n "$path" ] && [ "$(recorded "face=\"$face\"" "$xml" sha256)" = \
	    "$(sha256sum "$path" | cut -d' ' -f1)" ]; then
		n=$((n + 1))
	fi
done
if [ "$n" -eq 12 ]; then pass; else
	fail "each face's font file and its SHA-256 are recorded ($n of 12)" \
	    "$(grep 'clerk:font' "$xml")"
fi
run ./clerk build -O "$TMP/x" "$xml"
expect_rc "rebuilt with the same files" 0
expect_empty "rebuilt with the same files: no message" "$TMP/err"
run ./clerk check "$xml"
expect_empty "checked with the same files: no message" "$TMP/err"

# the template file changed (a comment added)
cp -r templates "$TMP/tpl"
echo '# a comment' >>"$TMP/tpl/col-2018.yaml"
line=$(grep -n '<clerk:paper ' "$xml" | cut -d: -f1)
changed='changed since this file was written: the PDF may not be byte-identical to the archived one'
run env CLERK_TEMPLATES="$TMP/tpl" ./clerk build -o "$TMP/x/t.pdf" "$xml"
expect_rc "a changed template: still built" 0
expect_err "a changed template: named, at <clerk:paper>" \
    "^$xml:$line: warning: template col-2018 $changed"
if [ "$(wc -l <"$TMP/err")" -eq 1 ] && [ -s "$TMP/x/t.pdf" ]; then pass; else
	fail "a changed template: one warning, the PDF written" "$(cat "$TMP/err")"
fi
run env CLERK_TEMPLATES="$TMP/tpl" ./clerk check "$xml"
expect_rc "check, a changed template" 0
expect_err "check warns as build does" \
    "^$xml:$line: warning: template col-2018 $changed"
echo '# a comment' >>"$TMP/tpl/col-2023.yaml"
run env CLERK_TEMPLATES="$TMP/tpl" ./clerk build -j 2 -O "$TMP/x" "$xml" "$xml2"
if [ "$(grep -c 'warning: template col-20[0-9]* changed' "$TMP/err")" -eq 2 ] &&
    [ "$(wc -l <"$TMP/err")" -eq 2 ]; then
	pass
else
	fail "a batch: one warning per paper" "$(cat "$TMP/err")"
fi
# written by an earlier clerk, without digests: nothing to compare
grep -v 'clerk:font ' "$xml" | sed 's/ template-sha256="[0-9a-f]*"//' >"$TMP/x/old.xml"
run env CLERK_TEMPLATES="$TMP/tpl" ./clerk build -O "$TMP/x" "$TMP/x/old.xml"
expect_rc "an XML without digests" 0
expect_empty "an XML without digests: no message" "$TMP/err"
sed 's/template-sha256="[0-9a-f]*"/template-sha256="abc"/' "$xml" >"$TMP/x/bad.xml"
run ./clerk check "$TMP/x/bad.xml"
expect_rc "a bad digest" 1
expect_err "a bad digest" "bad.xml:$line: error: <clerk:paper template-sha256> has a bad value \"abc\""

# a font file changed: a template whose body font is a file of its own
rm -rf "$TMP/tpl" && cp -r templates "$TMP/tpl"
cp /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf "$TMP/tpl/body.ttf"
sed 's/^fonts:$/fonts:\n  body: {regular: body.ttf}/' templates/col-2018.yaml >"$TMP/tpl/col-2018.yaml"
run env CLERK_TEMPLATES="$TMP/tpl" ./clerk build -f xml -O "$TMP/x" "$seed"
expect_rc "XML with a font of the template's" 0
line=$(grep -n 'face="body-regular" file="body.ttf"' "$xml" | cut -d: -f1)
printf '\0\0\0\0' >>"$TMP/tpl/body.ttf"
run env CLERK_TEMPLATES="$TMP/tpl" ./clerk build -o "$TMP/x/f.pdf" "$xml"
expect_rc "a changed font: still built" 0
expect_err "a changed font: named, at its <clerk:font>" \
    "^$xml:$line: warning: font body.ttf $changed"
if [ "$(wc -l <"$TMP/err")" -eq 1 ]; then pass; else
	fail "a changed font: one warning" "$(cat "$TMP/err")"
fi
# a font file that cannot be read (reading /proc/self/mem fails): XML
# cannot record it, a system error, nothing written
mkdir -p "$TMP/tpl2" "$TMP/none"
for t in templates/*.yaml; do
	sed 's|^fonts:$|fonts:\n  mono: {bold: /proc/self/mem}|' "$t" >"$TMP/tpl2/${t##*/}"
done
run env CLERK_TEMPLATES="$TMP/tpl2" ./clerk build -f xml -O "$TMP/none" "$seed"
expect_rc "an unreadable font file, build -f xml" 3
expect_err "an unreadable font file named" '^/proc/self/mem: error: (cannot read|not a TrueType font file)'
run env CLERK_TEMPLATES="$TMP/tpl2" ./clerk pack -f xml -O "$TMP/none" "$MEETING/agenda.md"
expect_rc "an unreadable font file, pack -f xml" 3
if [ -z "$(ls -A "$TMP/none")" ]; then pass; else
	fail "an unreadable font file: something was written" "$(ls "$TMP/none")"
fi

finish
