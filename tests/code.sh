#!/bin/sh
# code.sh: every message clerk prints goes through the diagnostics module
# (generator/diag.c, its list generator/diag-messages.h): no other source
# file spells out an "error:", "warning:" or "usage:" line or asks strerror
# for errno's text; and the compiler refuses a call whose arguments do not
# fit its message's format. Then the shape of generator/: no function over
# 120 lines, each library included only by the files that wrap it, and
# every file as clang-format sets it. BUILD names the build folder (default build),
# which holds the generated diag-formats.h.
. "$(dirname "$0")/lib.sh"
BUILD=${BUILD:-build}

# hand_written DIR: the lines of DIR/*.c, outside the diagnostics module,
# with a message level in a string, or a call of strerror.
hand_written() {
	for f in "$1"/*.c; do
		case ${f##*/} in
		diag.c) continue ;;
		esac
		grep -HnE '"[^"]*\b(error|warning|usage): |\bstrerror(_r)? *\(' "$f"
	done
}
hand_written generator >"$TMP/found"
[ ! -s "$TMP/found" ] && pass ||
    fail "messages written by hand: put them in generator/diag-messages.h" "$(cat "$TMP/found")"

# The search finds each kind of line it is for.
mkdir "$TMP/src"
cat >"$TMP/src/planted.c" <<'EOF'
	fprintf(stderr, "%s: error: cannot read\n", path);
	fprintf(stderr, "%s: warning: odd\n", path);
	fputs("usage: clerk COMMAND\n", stderr);
	puts(strerror(errno));
	strerror_r(e, buf, n);
EOF
hand_written "$TMP/src" >"$TMP/found"
[ "$(wc -l <"$TMP/found")" -eq 5 ] && pass ||
    fail "the search for messages written by hand misses some" "$(cat "$TMP/found")"

# A call whose arguments do not fit its message's format does not build;
# one that fits does.
if [ ! -f "$BUILD/gen/diag-formats.h" ]; then
	fail "$BUILD/gen/diag-formats.h is missing: run make clerk"
else
	for call in 'diag(d, "f", pos_at(1, 2), D_FILE_TOO_BIG, 16)' \
	    'diag(d, "f", pos_at(1, 2), D_BAD_UTF8)' \
	    'diag_print(stderr, "f", D_CANNOT_READ, "a", "b")' \
	    'diag_print(stderr, "f", D_USAGE_JOBS, "1", "x")'; do
		for ok in 0 1; do
			[ $ok = 1 ] && call=$(printf '%s' "$call" |
			    sed 's/, 16)/, "16 MiB")/; s/D_BAD_UTF8)/D_BAD_UTF8, 0xFF)/; s/"a", "b")/"a")/; s/"1", "x")/1, "x")/')
			cat >"$TMP/call.c" <<EOF
#include "diag.h"
void f(struct diags *d);
void f(struct diags *d) { (void)d; $call; }
EOF
			cc -std=c11 -D_POSIX_C_SOURCE=200809L -Wformat=2 \
			    -Werror -Igenerator -I"$BUILD/gen" -c \
			    -o "$TMP/call.o" "$TMP/call.c" >"$TMP/cc" 2>&1
			got=$?
			if [ $ok = 1 ] && [ $got -eq 0 ]; then pass
			elif [ $ok = 0 ] && [ $got -ne 0 ] &&
			    grep -q 'Werror=format' "$TMP/cc"; then pass
			else
				fail "$call: cc exit $got, expected it to $([ $ok = 1 ] && echo build || echo fail on -Wformat)" "$(cat "$TMP/cc")"
			fi
		done
	done
fi
# ---- the shape of the code -------------------------------------------------
# No function of generator/ is longer than 120 lines (from the line of its
# opening brace to that of its closing one, both at the start of a line).
awk 'FNR == 1 { s = 0 }
    /^[a-z_][a-z_0-9]*\(/ { name = $0; sub(/\(.*/, "", name) }
    /^\{/ { s = FNR }
    /^\}/ && s { if (FNR - s - 1 > 120) printf "%s: %s: %d lines\n", FILENAME, name, FNR - s - 1; s = 0 }' \
    generator/*.c >"$TMP/long"
[ ! -s "$TMP/long" ] && pass ||
    fail "functions longer than 120 lines: split them" "$(cat "$TMP/long")"

# Each library is included by the files that wrap it, and no other: the
# model, the layout and the plan build without them.
while read -r lib files; do
	grep -l "#include <$lib" generator/*.c generator/*.h | sed 's|generator/||' |
	    sort | tr '\n' ' ' | sed 's/ $//' >"$TMP/users"
	[ "$(cat "$TMP/users")" = "$files" ] && pass ||
	    fail "<$lib...> is included by: $(cat "$TMP/users"); expected: $files"
done <<'LIBS'
hpdf pdf.c
libxml/ akn-int.h akn_pack.c akn_read.c akn_write.c html-int.h html.c
cmark markdown.c
libfyaml yaml.c
png.h image.c
lcms2 icc.c
LIBS

# The sources are as clang-format sets them (.clang-format; make format
# rewrites them), but for the table of messages.
if ! command -v clang-format >/dev/null; then
	fail "clang-format is not installed (make deps installs it)"
else
	for f in generator/*.c generator/*.h; do
		# a table of one message a line, which scripts read
		[ "$f" = generator/diag-messages.h ] && continue
		clang-format --style=file "$f" | diff -u "$f" - >>"$TMP/fmt"
	done
	[ ! -s "$TMP/fmt" ] && pass ||
	    fail "sources not formatted: run make format" "$(head -60 "$TMP/fmt")"
fi

finish
