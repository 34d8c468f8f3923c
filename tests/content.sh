#!/bin/sh
# content.sh: every example paper and agenda in content/ passes "clerk
# check" with no message at all (an agenda with every paper it links), and
# each kind of example the README promises is there.
. "$(dirname "$0")/lib.sh"
n=0
for md in $(find content -name '*.md' -not -path '*/appendices/*' | sort); do
	n=$((n + 1))
	run ./clerk check "$md"
	expect_rc "$md" 0
	expect_empty "$md: silent" "$TMP/err"
done
[ "$n" -ge 4 ] && pass || fail "content/ holds $n papers, expected at least 4"
grep -lq '^kind: minutes' $(find content -name '*.md') && pass || fail "no minutes in content/"
grep -lq '^public: false' $(find content -name '*.md') && pass || fail "no non-public paper in content/"
ls content/*/agenda.md >/dev/null 2>&1 && pass || fail "no agenda in content/"
grep -lq '^template: col-2023' $(find content -name '*.md') && pass || fail "no col-2023 paper in content/"
finish
