#!/bin/sh
# parity.sh: "clerk check" finds everything "clerk build" (and, for an
# agenda, "clerk pack") finds. Over every bad input of the tests (papers
# and agendas), the two commands must print the same diagnostics and agree
# on whether the input has errors; what they print is compared, not fixed
# text, so the messages themselves are free to change. Papers are built
# as their full edition (--full), which holds everything there is to
# check: that a non-public paper has no public edition is about the
# command, not the input (tests/editions.sh tests it).
. "$(dirname "$0")/lib.sh"

# diags FILE: the diagnostic lines of a run's stderr, in order.
diags() {
	grep -E '^[^ ]+: (error|warning): |^[^ ]+:[0-9]+:[0-9]+: (error|warning): ' "$1"
}

# compare NAME VERB: the last two runs ($TMP/check.*, $TMP/other.*) agree.
compare() {
	diags "$TMP/check.err" >"$TMP/a"
	diags "$TMP/other.err" >"$TMP/b"
	if ! diff -u "$TMP/a" "$TMP/b" >"$TMP/diff"; then
		fail "$1: check and $2 differ" "$(cat "$TMP/diff")"
	elif [ "$crc" -ne 0 ] && [ "$crc" -ne 1 ]; then
		fail "$1: check exited $crc" "$(cat "$TMP/check.err")"
	elif [ "$crc" -ne "$orc" ]; then
		fail "$1: check exited $crc, $2 $orc" "$(cat "$TMP/other.err")"
	else
		pass
	fi
}

mkdir -p "$TMP/o"
n=0
for md in tests/bad/*.md tests/bad-agenda/*.md tests/bad-agenda/papers/*.md \
    tests/pack/bad/*.md; do
	[ -e "$md" ] || continue
	./clerk check "$md" >/dev/null 2>"$TMP/check.err"
	crc=$?
	if ./clerk build -O "$TMP/o" "$md" 2>&1 | grep -q 'this is an agenda'; then
		verb=pack
		./clerk pack -O "$TMP/o" "$md" >/dev/null 2>"$TMP/other.err"
	else
		verb=build
		./clerk build --full -O "$TMP/o" "$md" >/dev/null 2>"$TMP/other.err"
	fi
	orc=$?
	compare "$md" "$verb"
	n=$((n + 1))
done
[ "$n" -ge 80 ] && pass || fail "only $n bad inputs found, expected at least 80"
finish
