#!/bin/sh
# golden.sh: golden tests of what clerk says about papers.
#   tests/bad/NAME.md   a paper with mistakes; NAME.err is the exact stderr
#                       of "clerk check", and the exit status must be 1
#                       when it holds an error, else 0.
#   tests/dump/NAME.md  a valid paper; NAME.dump is the exact stdout of
#                       "clerk check --dump" (the model).
# With --regen, rewrites the expected files from clerk's output instead, for
# review with git diff.
. "$(dirname "$0")/lib.sh"
regen=0
[ "${1:-}" = "--regen" ] && regen=1
# At least as many papers as there are today: an emptied or unread folder
# fails rather than passing with nothing tested.
MIN_BAD=72
MIN_DUMP=4

# at_least NAME N MIN: N papers were tested, at least MIN.
at_least() {
	if [ "$2" -ge "$3" ]; then pass; else
		fail "$1: $2 papers tested, expected at least $3"
	fi
}

nbad=0
for md in tests/bad/*.md; do
	[ -e "$md" ] || continue
	nbad=$((nbad + 1))
	exp=${md%.md}.err
	run ./clerk check "$md"
	if [ $regen = 1 ]; then cp "$TMP/err" "$exp"; continue; fi
	want=0
	grep -q ': error: ' "$exp" 2>/dev/null && want=1
	if [ ! -f "$exp" ]; then
		fail "$md: no $exp (make regen writes it)"
	elif ! diff -u "$exp" "$TMP/err" >"$TMP/diff"; then
		fail "$md: diagnostics differ" "$(cat "$TMP/diff")"
	elif [ "$rc" -ne "$want" ]; then
		fail "$md: exit $rc, expected $want"
	else
		pass
	fi
done

ndump=0
for md in tests/dump/*.md; do
	[ -e "$md" ] || continue
	ndump=$((ndump + 1))
	exp=${md%.md}.dump
	run ./clerk check --dump "$md"
	if [ $regen = 1 ]; then cp "$TMP/out" "$exp"; continue; fi
	if [ "$rc" -ne 0 ]; then
		fail "$md: exit $rc" "$(cat "$TMP/err")"
	elif [ ! -f "$exp" ]; then
		fail "$md: no $exp (make regen writes it)"
	elif ! diff -u "$exp" "$TMP/out" >"$TMP/diff"; then
		fail "$md: model differs" "$(cat "$TMP/diff")"
	else
		pass
	fi
done
[ $regen = 1 ] && { echo "golden files rewritten: review them with git diff"; exit 0; }
at_least tests/bad "$nbad" $MIN_BAD
at_least tests/dump "$ndump" $MIN_DUMP
finish
