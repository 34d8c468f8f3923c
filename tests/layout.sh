#!/bin/sh
# layout.sh: golden tests of the layout engine.
#   tests/layout/NAME.md      a valid paper; NAME.layout is the exact stdout
#                             of build/layout-dump (its pages laid out with
#                             the fixed test metrics), and nothing may be
#                             said on stderr.
# With --regen, rewrites the expected files from what the engine does now,
# for review with git diff. Needs build/layout-dump (make build/layout-dump).
. "$(dirname "$0")/lib.sh"
regen=0
[ "${1:-}" = "--regen" ] && regen=1
tool=${BUILD:-build}/layout-dump
if [ ! -x "$tool" ]; then
	fail "$tool is missing: run make $tool"
	finish
	exit
fi

# At least as many papers as there are today: an emptied or unread folder
# fails rather than passing with nothing tested.
MIN_PAPERS=9
npapers=0
for md in tests/layout/*.md; do
	[ -e "$md" ] || continue
	npapers=$((npapers + 1))
	exp=${md%.md}.layout
	run "$tool" "$md"
	if [ $regen = 1 ]; then
		if [ "$rc" -eq 0 ]; then cp "$TMP/out" "$exp"; else
			fail "$md: exit $rc, not rewritten" "$(cat "$TMP/err")"
		fi
		continue
	fi
	if [ "$rc" -ne 0 ]; then
		fail "$md: exit $rc" "$(cat "$TMP/err")"
	elif [ -s "$TMP/err" ]; then
		fail "$md: messages" "$(cat "$TMP/err")"
	elif [ ! -f "$exp" ]; then
		fail "$md: no $exp (tests/layout.sh --regen writes it)"
	elif ! diff -u "$exp" "$TMP/out" >"$TMP/diff"; then
		fail "$md: layout differs" "$(head -60 "$TMP/diff")"
	else
		pass
	fi
done
[ $regen = 1 ] && { echo "layout files rewritten: review them with git diff"; [ "$failed" -eq 0 ]; exit; }
if [ "$npapers" -ge $MIN_PAPERS ]; then pass; else
	fail "tests/layout: $npapers papers tested, expected at least $MIN_PAPERS"
fi
finish
