#!/bin/sh
# mutants.sh: proves that the tests catch what they claim to. Each
# tests/mutants/NAME.patch is a small deliberate bug in generator/ (its
# comment says what behaviour it breaks) with a line
#     # kill: COMMAND
# naming the test that must fail with it. For each patch in turn: the
# repository's files (tracked, or new and not ignored) and the objects
# already built are copied to a scratch folder, the patch is applied there,
# clerk is rebuilt (make recompiles only the patched file) and COMMAND runs
# there, within MUTANT_TIMEOUT seconds (default 600), MUTANT_JOBS mutants
# at a time (default 2). The mutant is killed when COMMAND fails. A mutant
# that survives, a patch that no longer applies (patch -F0: exactly, or
# not at all) and a mutant that does not build all fail the run, so that
# mutants do not rot.
#
#     tests/mutants.sh [NAME...]    only the mutants named
#
# Prints a line per mutant, then "mutants: N killed, N survived, N broken"
# (broken: not applied or not built), the names of those not killed, and
# "mutants: N passed, N failed".
set -u
cd "$(dirname "$0")/.." || exit 3
ROOT=$PWD
BUILD=${BUILD:-build}
TIMEOUT=${MUTANT_TIMEOUT:-600}

# The objects to start from, up to date with the sources.
make -s BUILD="$BUILD" clerk "$BUILD/unit-tests" "$BUILD/layout-dump" >/dev/null || {
	echo "mutants: the unmutated build fails" >&2; exit 3; }

SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
# A pristine copy, mtimes kept: the objects stay newer than the sources.
BASE=$SCRATCH/base
mkdir -p "$BASE/$BUILD"
git ls-files -z --cached --others --exclude-standard | tar -c --null -T - -f - | tar -x -C "$BASE" -f - || exit 3
tar -c -f - "$BUILD/obj" "$BUILD/unit" "$BUILD/unit-tests" \
    "$BUILD/layout-dump" "$BUILD/deps.stamp" clerk | tar -x -C "$BASE" -f - ||
    exit 3
# pdf.js (tests/pdfjs/node_modules, which make check installs and git
# ignores), for tests/pdfua.sh, and the browser checks of tests/html.sh
# (tests/html/node_modules): linked into the copy.
for nm in tests/pdfjs/node_modules tests/html/node_modules; do
	if [ -d "$nm" ]; then
		ln -s "$ROOT/$nm" "$BASE/$nm" || exit 3
	fi
done

if [ $# -gt 0 ]; then
	list=
	for n in "$@"; do list="$list tests/mutants/${n%.patch}.patch"; done
else
	list=$(ls tests/mutants/*.patch)
fi

# one NAME PATCH: mutant NAME in its own copy, $SCRATCH/NAME; prints its
# line(s) and writes killed, survived or broken to $SCRATCH/NAME.st.
one() {
	name=$1 patch=$2 work=$SCRATCH/$1 log=$SCRATCH/$1.log st=$SCRATCH/$1.st
	kill=$(sed -n 's/^# kill: //p' "$patch" | head -1)
	if [ -z "$kill" ]; then
		echo "mutant $name: BROKEN: no '# kill:' line"
		echo broken >"$st"; return
	fi
	cp -a "$BASE" "$work"
	start=$(date +%s)
	if ! (cd "$work" && patch -s -p1 -F0 --no-backup-if-mismatch) \
	    <"$ROOT/$patch" >"$log" 2>&1; then
		echo "mutant $name: BROKEN: the patch does not apply"
		sed 's/^/    /' "$log"
		echo broken >"$st"; rm -rf "$work"; return
	fi
	if ! (cd "$work" && make -s BUILD="$BUILD" clerk) >"$log" 2>&1; then
		echo "mutant $name: BROKEN: clerk does not build"
		sed 's/^/    /' "$log" | head -20
		echo broken >"$st"; rm -rf "$work"; return
	fi
	(cd "$work" && timeout "$TIMEOUT" sh -c "$kill") >"$log" 2>&1
	rc=$?
	secs=$(($(date +%s) - start))
	if [ "$rc" -ne 0 ]; then
		how="exit $rc"
		[ "$rc" -eq 124 ] && how="timed out"
		echo "mutant $name: killed by $kill ($how, ${secs}s)"
		echo killed >"$st"
	else
		echo "mutant $name: SURVIVED $kill (${secs}s)"
		grep -E '^[a-z-]+: [0-9]+ passed' "$log" | sed 's/^/    /'
		echo survived >"$st"
	fi
	rm -rf "$work"
}

# MUTANT_JOBS mutants at a time (default 2), each line printed as it ends.
JOBS=${MUTANT_JOBS:-2}
running=0
for patch in $list; do
	one "$(basename "$patch" .patch)" "$patch" &
	running=$((running + 1))
	if [ "$running" -ge "$JOBS" ]; then
		wait
		running=0
	fi
done
wait

killed=0
survived=0
broken=0
survivors=
for patch in $list; do
	name=$(basename "$patch" .patch)
	case $(cat "$SCRATCH/$name.st" 2>/dev/null) in
	killed) killed=$((killed + 1)) ;;
	survived) survived=$((survived + 1)); survivors="$survivors $name" ;;
	*) broken=$((broken + 1)); survivors="$survivors $name" ;;
	esac
done
echo "mutants: $killed killed, $survived survived, $broken broken"
[ -n "$survivors" ] && echo "mutants: not killed:$survivors"
printf 'mutants: %d passed, %d failed\n' "$killed" \
    $((survived + broken))
[ "$survived" -eq 0 ] && [ "$broken" -eq 0 ]
