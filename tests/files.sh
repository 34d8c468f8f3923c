#!/bin/sh
# files.sh: clerk and the files around it. Outputs never follow a symlink
# to overwrite another file; a missing, read-only or full output folder is
# a system error (exit 3) that leaves no partial file and the previous file
# as it was; images and appendices are read inside the paper's folder tree
# only; a paper rewritten while clerk reads it gives one version's output,
# never a mix.
. "$(dirname "$0")/lib.sh"

SEED=content/safer-city-2018-05-31/serious-organised-crime-board.md

# no_temp NAME DIR: no temporary file of clerk's (".name.XXXXXX") left.
no_temp() {
	if [ -z "$(find "$2" -name '.*.??????' 2>/dev/null)" ]; then pass; else
		fail "$1: a temporary file is left" "$(find "$2" -name '.*.??????')"
	fi
}

# ---- symlinks as outputs ------------------------------------------------
mkdir -p "$TMP/o"
echo "precious" >"$TMP/victim.txt"
ln -s "$TMP/victim.txt" "$TMP/o/serious-organised-crime-board.pdf"
run ./clerk build -O "$TMP/o" "$SEED"
expect_rc "output over a symlink" 0
if [ "$(cat "$TMP/victim.txt")" = precious ]; then pass; else
	fail "the symlink's target was overwritten"
fi
if [ -f "$TMP/o/serious-organised-crime-board.pdf" ] &&
    [ ! -L "$TMP/o/serious-organised-crime-board.pdf" ]; then pass; else
	fail "the output is not a file of its own in place of the symlink"
fi
ln -s "$TMP/victim.txt" "$TMP/o/one.pdf"
run ./clerk build -o "$TMP/o/one.pdf" "$SEED"
expect_rc "-o over a symlink" 0
if [ "$(cat "$TMP/victim.txt")" = precious ] && [ ! -L "$TMP/o/one.pdf" ]; then
	pass
else
	fail "-o followed the symlink"
fi
mkdir -p "$TMP/packout"
ln -s "$TMP/victim.txt" "$TMP/packout/agenda-public.pdf"
run ./clerk pack -O "$TMP/packout" tests/pack/meeting/agenda.md
expect_rc "pack over a symlink" 0
if [ "$(cat "$TMP/victim.txt")" = precious ]; then pass; else
	fail "pack followed the symlink"
fi

# ---- the output folder ----------------------------------------------------
run ./clerk build -O "$TMP/no-such-folder" "$SEED"
expect_rc "missing folder" 3
expect_err "missing folder named" "no-such-folder: error: "
run ./clerk pack -O "$TMP/no-such-folder" tests/pack/meeting/agenda.md
expect_rc "pack: missing folder" 3

# read-only: as root, permissions do not bind, so clerk runs as nobody
mkdir -p "$TMP/ro"
cp "$SEED" "$TMP/ro-seed.md"
chmod 755 "$TMP"
chmod 644 "$TMP/ro-seed.md"
chmod 555 "$TMP/ro"
as_user=""
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
	fi
fi
if [ "$(id -u)" = 0 ] && [ -z "$as_user" ]; then
	fail "read-only folder: running as root needs setpriv (util-linux) to test as nobody"
fi
# the repository must be readable by that user (it is, as cloned); the
# templates are named from here, as the folder above it may be closed to
# nobody (a clone in /root)
# shellcheck disable=SC2086
run $as_user env CLERK_TEMPLATES=templates ./clerk build -O "$TMP/ro" \
    "$TMP/ro-seed.md"
expect_rc "read-only folder" 3
expect_err "read-only folder: the reason" \
    "ro/ro-seed.pdf: error: cannot write: Permission denied"
if [ -z "$(ls -A "$TMP/ro")" ]; then pass; else
	fail "read-only folder: something was written" "$(ls -A "$TMP/ro")"
fi
chmod 755 "$TMP/ro"

# full: writes beyond the file size limit fail (EFBIG) as on a full disk
mkdir -p "$TMP/full"
./clerk build -O "$TMP/full" "$SEED" >/dev/null 2>&1
cp "$TMP/full/serious-organised-crime-board.pdf" "$TMP/before.pdf"
sed 's/^This report provides an update/This report, revised, provides an update/' \
    "$SEED" >"$TMP/full-seed.md"
cp "$TMP/full-seed.md" "$TMP/serious-organised-crime-board.md"
(
	trap '' XFSZ
	ulimit -f 8 # 8 blocks of 512 bytes: far less than a PDF
	exec ./clerk build -O "$TMP/full" "$TMP/serious-organised-crime-board.md"
) >/dev/null 2>"$TMP/err"
rc=$?
expect_rc "full folder" 3
expect_err "full folder: the reason" "serious-organised-crime-board.pdf: error: cannot write: File too large"
if cmp -s "$TMP/before.pdf" "$TMP/full/serious-organised-crime-board.pdf"; then
	pass
else
	fail "full folder: the previous file was changed"
fi
no_temp "full folder" "$TMP/full"
(
	trap '' XFSZ
	ulimit -f 8
	exec ./clerk build -f xml -O "$TMP/full" "$TMP/serious-organised-crime-board.md"
) >/dev/null 2>"$TMP/err"
rc=$?
expect_rc "full folder, XML" 3
no_temp "full folder, XML" "$TMP/full"
(
	trap '' XFSZ
	ulimit -f 8
	exec ./clerk pack -O "$TMP/full" tests/pack/meeting/agenda.md
) >/dev/null 2>"$TMP/err"
rc=$?
expect_rc "full folder, pack" 3
no_temp "full folder, pack" "$TMP/full"
if [ ! -e "$TMP/full/agenda-public.pdf" ] && [ ! -e "$TMP/full/agenda-full.pdf" ]; then
	pass
else
	fail "full folder, pack: a pack was left"
fi

# ---- inputs outside the paper's folder ------------------------------------
mkdir -p "$TMP/paper/sub" "$TMP/elsewhere"
echo "# Secret" >"$TMP/elsewhere/secret.md"
ln -s "$TMP/elsewhere/secret.md" "$TMP/paper/sub/appendix.md"
ln -s "$TMP/elsewhere" "$TMP/paper/outside"
awk '/^report_of:/ {print; print "appendices:"; print "  - title: Linked out"; print "    file: sub/appendix.md"; print "  - title: Folder out"; print "    file: outside/secret.md"; next} {print}' \
    "$SEED" >"$TMP/paper/p.md"
run ./clerk build -O "$TMP/paper" "$TMP/paper/p.md"
expect_rc "appendix symlinks leading out" 1
expect_err "appendix symlink named" 'p\.md:[0-9]+:[0-9]+: error: .*sub/appendix\.md'
expect_err "appendix folder symlink named" 'p\.md:[0-9]+:[0-9]+: error: .*outside/secret\.md'
if [ ! -e "$TMP/paper/p.pdf" ]; then pass; else fail "a paper with appendices outside was built"; fi

# ---- a paper rewritten while it is read -----------------------------------
# Two versions of a paper, each marked at its start and its end, written
# over each other in place as fast as the shell can, then left alone for
# a fifth of a second, over and over, while clerk builds it 30 times: each
# PDF is one version whole (both its marks, none of the other's), or clerk
# says the file was changing or that it is not a valid paper (read just
# after the shell emptied it). None may mix, and at least half the builds
# must give a whole version: a clerk that refused every read would
# otherwise pass. (Some 25 of 30 are whole; some 20 on a 2-core machine
# with a load of 10.)
mkdir -p "$TMP/race"
sed 's/^This report provides an update/ALPHASTART This report provides an update/' "$SEED" |
    awk '{print} END {print ""; print "ALPHAEND"}' >"$TMP/a.md"
sed 's/^This report provides an update/BRAVOSTART This report provides an update/' "$SEED" |
    awk '{print} END {print ""; print "BRAVOSTART BRAVOEND"; for (i = 0; i < 200; i++) print "Filler sentence number " i " of the second version."}' \
    >"$TMP/b.md"
cp "$TMP/a.md" "$TMP/race/p.md"
(
	while :; do
		cat "$TMP/a.md" >"$TMP/race/p.md"
		cat "$TMP/b.md" >"$TMP/race/p.md"
		sleep 0.2
	done
) &
writer=$!
mixed=0 whole=0 refused=0 crashed=0
i=0
while [ $i -lt 30 ]; do
	rm -f "$TMP/race/out.pdf"
	./clerk build -o "$TMP/race/out.pdf" "$TMP/race/p.md" >/dev/null 2>"$TMP/race/err"
	r=$?
	if [ $r -ge 2 ]; then
		crashed=$((crashed + 1))
	elif [ $r -eq 1 ]; then
		refused=$((refused + 1))
	else
		t=$(pdftotext "$TMP/race/out.pdf" - 2>/dev/null | tr -d '\n')
		case $t in
		*ALPHASTART*ALPHAEND*) case $t in *BRAVO*) mixed=$((mixed + 1)) ;; *) whole=$((whole + 1)) ;; esac ;;
		*BRAVOSTART*BRAVOEND*) case $t in *ALPHA*) mixed=$((mixed + 1)) ;; *) whole=$((whole + 1)) ;; esac ;;
		*) mixed=$((mixed + 1)) ;;
		esac
	fi
	i=$((i + 1))
done
kill $writer 2>/dev/null
wait $writer 2>/dev/null
if [ $crashed -eq 0 ]; then pass; else fail "a paper being rewritten: $crashed runs crashed or failed"; fi
if [ $mixed -eq 0 ]; then pass; else
	fail "a paper being rewritten: $mixed of 30 PDFs mix or cut the versions ($whole whole, $refused refused)"
fi
if [ $whole -ge 15 ]; then pass; else
	fail "a paper being rewritten: only $whole of 30 builds gave one version whole, expected at least 15 ($refused refused, $mixed mixed)"
fi
printf 'files: paper rewritten while read: %d whole, %d refused\n' "$whole" "$refused" >&2

finish
