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
for m in man/clerk.1 man/clerk-paper.5; do
	if command -v groff >/dev/null; then
		groff -mandoc -ww -z -Tutf8 "$m" >"$TMP/groff" 2>&1
		[ ! -s "$TMP/groff" ] && pass || fail "$m renders with warnings" "$(cat "$TMP/groff")"
	fi
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
for k in kind template committees committee date purpose subject report_of report_author public exempt_paragraphs reference contact appendices background_papers time venue present officers in_attendance; do
	grep -q "$k" man/clerk-paper.5 && pass || fail "clerk-paper(5) does not describe key $k"
done
grep -q 'make demo' README.md && grep -q 'make check' README.md && pass || fail "README lacks the two commands"
finish
