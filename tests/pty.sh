# pty.sh: a pseudo-terminal for the tests of what clerk shows on a
# terminal, sourced after lib.sh by tests/archives.sh and tests/watch.sh.
# Sets PTY to the prefix under which "script(1) ..." (util-linux; in
# Debian's bsdutils, always installed) gets a terminal: empty, in_pty_ns,
# or "none" where no pseudo-terminal can be made.
#
# Where no pseudo-terminal can be made (/dev/pts not mounted), root makes
# them with a devpts instance of the test's own (newinstance: the system's
# terminals untouched): in a mount namespace of its own where one can be
# made, seen by nothing else; else (in a chroot, whose root is no mount
# point, a namespace cannot be made private) mounted over /dev/pts for the
# test's time and taken away when it ends (PTY_MOUNTED set: a script
# that sets a trap of its own on EXIT must umount it).
in_pty_ns() {
	unshare -m sh -c 'mount -t devpts -o newinstance,ptmxmode=0666 devpts /dev/pts &&
	    mount --bind /dev/pts/ptmx /dev/ptmx && exec "$@"' sh "$@"
}
if script -qec true /dev/null >/dev/null 2>&1 </dev/null; then
	PTY=
elif [ "$(id -u)" -eq 0 ] && in_pty_ns script -qec true /dev/null \
    >/dev/null 2>&1 </dev/null; then
	PTY=in_pty_ns
elif [ "$(id -u)" -eq 0 ] && ! mountpoint -q /dev/pts &&
    mount -t devpts -o newinstance,ptmxmode=0666 devpts /dev/pts 2>/dev/null; then
	PTY_MOUNTED=1
	trap 'umount /dev/pts; rm -rf "$TMP"' EXIT
	if script -qec true /dev/null >/dev/null 2>&1 </dev/null; then
		PTY=
	else
		PTY=none
	fi
else
	PTY=none
fi
