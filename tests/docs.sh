#!/bin/sh
# docs.sh: the manuals list every diagnostic clerk gives and render cleanly;
# the README names the two commands.
. "$(dirname "$0")/lib.sh"
scripts/diag-list >"$TMP/want"
sed -n '/^\.\\" BEGIN DIAGNOSTICS/,/^\.\\" END DIAGNOSTICS/p' man/clerk-paper.5 | sed '1d;$d' >"$TMP/have"
if diff -u "$TMP/want" "$TMP/have" >"$TMP/diff"; then pass; else
	fail "clerk-paper(5) lists other diagnostics than the code: run scripts/diag-list --update" "$(cat "$TMP/diff")"
fi
# No printf conversion reaches the manual: every one is "..." there.
sed -n '/^\.\\" BEGIN DIAGNOSTICS/,/^\.\\" END DIAGNOSTICS/p' man/clerk-paper.5 |
    grep -E '%[-+ #0-9.*]*(hh|h|ll|l|j|z|t|L)?[diouxXeEfFgGaAcsp]' >"$TMP/conv"
[ ! -s "$TMP/conv" ] && pass || fail "clerk-paper(5) prints printf conversions" "$(cat "$TMP/conv")"
cat >"$TMP/messages.h" <<'EOF'
/* Every conversion (test.c) */
DIAG(D_T, DIAG_ERROR, "a %zu b %ld c %c d %u e %x f %.*s g 100%% h %s%s i U+%04X j %-5d k %lu l %d")
EOF
DIAG_MESSAGES=$TMP/messages.h scripts/diag-list >"$TMP/list"
if grep -qxF '.It error: a ... b ... c ... d ... e ... f ... g 100% h ... i U+... j ... k ... l ...' "$TMP/list"; then pass; else
	fail "scripts/diag-list leaves conversions" "$(cat "$TMP/list")"
fi
# groff (groff-base) is in scripts/debian-packages.txt: missing, it fails.
for m in man/clerk.1 man/clerk-paper.5; do
	if ! command -v groff >/dev/null; then
		fail "$m: groff is missing (install groff-base)"
		continue
	fi
	groff -mandoc -ww -z -Tutf8 "$m" >"$TMP/groff" 2>&1
	rc=$?
	[ "$rc" -eq 0 ] && [ ! -s "$TMP/groff" ] && pass ||
	    fail "$m renders with warnings (groff exit $rc)" "$(cat "$TMP/groff")"
done
# The example agenda of clerk-paper(5), beside the papers it links, passes
# check and makes a pack.
mkdir "$TMP/meeting"
cp content/streets-walkways-2024-03-12/*.md "$TMP/meeting/"
cp -R content/streets-walkways-2024-03-12/appendices "$TMP/meeting/"
sed -n '/^\.Ss Example agenda$/,/^\.Ed$/p' man/clerk-paper.5 |
    sed '1,/^\.Bd /d; $d' >"$TMP/meeting/agenda.md"
if grep -q '^kind: agenda$' "$TMP/meeting/agenda.md" && grep -q '^8\. ' "$TMP/meeting/agenda.md"; then pass; else
	fail "clerk-paper(5) has no whole example agenda under \"Example agenda\"" "$(head -5 "$TMP/meeting/agenda.md")"
fi
./clerk check "$TMP/meeting/agenda.md" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 0 ] && [ ! -s "$TMP/err" ] && pass || fail "the example agenda of clerk-paper(5) does not pass check (exit $rc)" "$(cat "$TMP/err")"
./clerk pack -O "$TMP/meeting" "$TMP/meeting/agenda.md" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 0 ] && [ -s "$TMP/meeting/agenda-public.pdf" ] && pass || fail "the example agenda of clerk-paper(5) makes no pack (exit $rc)" "$(cat "$TMP/err")"
if pdftotext "$TMP/meeting/agenda-public.pdf" - 2>/dev/null | tr '\n' ' ' | grep -q 'To agree the public minutes of the meeting held on 16 January 2024\.'; then pass; else
	fail "the example agenda's pack does not say what the manual says of item 3a"
fi
# Every front-matter key of the code (the keys table of
# generator/frontmatter.c: name, a key of reports, a key of minutes) has
# an entry of its own, ".It Cm KEY" (one entry may name several), in the
# list of its kind in clerk-paper(5), "Keys of a report" or "Keys of
# minutes"; and those lists name no other key.
sed -n 's/^[[:space:]]*\[K_[A-Z_]*\] = {"\([a-z_]*\)", \(true\|false\), \(true\|false\)},$/\1 \2 \3/p' \
    generator/frontmatter.c >"$TMP/keys"
for k in kind template committees committee date purpose subject report_of report_author public exempt_paragraphs reference contact appendices background_papers time venue present officers in_attendance; do
	grep -q "^$k " "$TMP/keys" && pass || fail "key $k not found in the keys table of generator/frontmatter.c" "$(cat "$TMP/keys")"
done
# man_keys TITLE: the keys named by the .It entries of the list under .Ss TITLE.
man_keys() {
	awk -v title="$1" '
	/^\.S[sh] / { on = ($0 == ".Ss " title); depth = 0; next }
	!on { next }
	/^\.Bl / { depth++; next }
	/^\.El/ { depth--; if (depth == 0) on = 0; next }
	depth == 1 && /^\.It / {
		for (i = 2; i < NF; i++) if ($i == "Cm") print $(i + 1)
	}' man/clerk-paper.5 | sort -u
}
for kind in report minutes; do
	case $kind in
	report) title="Keys of a report" col=2 ;;
	minutes) title="Keys of minutes" col=3 ;;
	esac
	awk -v c=$col '$c == "true" { print $1 }' "$TMP/keys" | sort -u >"$TMP/code-$kind"
	man_keys "$title" >"$TMP/man-$kind"
	while read -r k; do
		grep -qxF "$k" "$TMP/man-$kind" && pass ||
		    fail "clerk-paper(5) has no .It entry for the $kind key $k under \"$title\""
	done <"$TMP/code-$kind"
	extra=$(comm -13 "$TMP/code-$kind" "$TMP/man-$kind")
	[ -z "$extra" ] && pass ||
	    fail "clerk-paper(5) lists keys under \"$title\" that $kind papers do not have" "$extra"
done
grep -q 'make demo' README.md && grep -q 'make check' README.md && pass || fail "README lacks the two commands"
finish
