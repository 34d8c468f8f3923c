# lib.sh: a few assertions for the shell tests, sourced by tests/*.sh.
# Each test script ends with "finish", which prints "N passed, N failed"
# and exits non-zero when anything failed.
set -u
cd "$(dirname "$0")/.." || exit 3
CLERK_TEMPLATES=$PWD/templates
export CLERK_TEMPLATES
unset SOURCE_DATE_EPOCH
passed=0
failed=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

pass() { passed=$((passed + 1)); }
fail() {
	failed=$((failed + 1))
	printf 'FAIL: %s\n' "$1" >&2
	[ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/    /' >&2
	return 0
}

# run CMD...: runs it, keeping stdout in $TMP/out, stderr in $TMP/err and
# the status in $rc. With CLERK_VALGRIND set to a folder (make
# check-valgrind), ./clerk runs under valgrind, each run's report in a log
# of that folder; an error or a leak makes the run exit 99.
run() {
	if [ -n "${CLERK_VALGRIND:-}" ] && [ "$1" = ./clerk ]; then
		shift
		set -- valgrind -q --error-exitcode=99 --leak-check=full \
		    --errors-for-leak-kinds=definite,indirect \
		    --show-leak-kinds=definite,indirect \
		    --log-file="$CLERK_VALGRIND/vg.%p.log" ./clerk "$@"
	fi
	"$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

# expect_rc NAME N: the last run exited with N.
expect_rc() {
	if [ "$rc" -eq "$2" ]; then pass; else
		fail "$1: exit $rc, expected $2" "$(cat "$TMP/err")"
	fi
}

# expect_err NAME PATTERN: stderr of the last run matches a grep -E pattern.
expect_err() {
	if grep -Eq -- "$2" "$TMP/err"; then pass; else
		fail "$1: stderr lacks /$2/" "$(cat "$TMP/err")"
	fi
}

# expect_out NAME PATTERN: stdout of the last run matches a grep -E pattern.
expect_out() {
	if grep -Eq -- "$2" "$TMP/out"; then pass; else
		fail "$1: stdout lacks /$2/" "$(head -20 "$TMP/out")"
	fi
}

# expect_empty NAME FILE: FILE ($TMP/out or $TMP/err) is empty.
expect_empty() {
	if [ ! -s "$2" ]; then pass; else
		fail "$1: expected no output" "$(head -20 "$2")"
	fi
}

finish() {
	printf '%s: %d passed, %d failed\n' "$(basename "$0" .sh)" "$passed" "$failed"
	[ "$failed" -eq 0 ]
}
