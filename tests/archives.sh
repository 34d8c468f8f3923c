#!/bin/sh
# archives.sh: batches and archives. A batch (build of several files, pack)
# on a terminal shows a counter that only goes up and ends with one summary
# line; off a terminal it prints nothing on success. An Akoma Ntoso file
# records the digests of its template file and font files, and rebuilding
# it with a template or font that changed warns once, naming what changed.
. "$(dirname "$0")/lib.sh"
MEETING=content/streets-walkways-2024-03-12
seed=content/safer-city-2018-05-31/serious-organised-crime-board.md

# on_tty CMD...: runs CMD with stdout and stderr on a pseudo-terminal
# (script(1), of util-linux; in Debian's bsdutils, always installed); what
# it printed is in $TMP/tty, carriage returns made newlines and the erasing
# of a line (ESC [ K) taken out, and its status in $rc.
on_tty() {
	script -qec "$*" /dev/null >"$TMP/raw" 2>&1 </dev/null
	rc=$?
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

finish
