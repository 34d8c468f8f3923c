#!/bin/sh
# code.sh: every message clerk prints goes through the diagnostics module
# (generator/diag.c, its list generator/diag-messages.h): no other source
# file spells out an "error:", "warning:" or "usage:" line or asks strerror
# for errno's text; and the compiler refuses a call whose arguments do not
# fit its message's format. BUILD names the build folder (default build),
# which holds the generated diag-formats.h.
. "$(dirname "$0")/lib.sh"
BUILD=${BUILD:-build}

# hand_written DIR: the lines of DIR/*.c, outside the diagnostics module,
# with a message level in a string, or a call of strerror.
# cmd_pack.c is left out until its messages use diag-messages.h (the
# D_USAGE_*, D_CANNOT_*, D_PACK_* and D_FONTS_UNREADABLE there are for it).
hand_written() {
	for f in "$1"/*.c; do
		case ${f##*/} in
		diag.c | cmd_pack.c) continue ;;
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
	for call in 'diag(d, "f", (struct pos){1, 2}, D_FILE_TOO_BIG, 16)' \
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
finish
