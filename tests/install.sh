#!/bin/sh
# install.sh: "make install" puts clerk, its templates and its manuals where
# PREFIX and DESTDIR say, and the installed clerk works from there.
. "$(dirname "$0")/lib.sh"
dest=$TMP/root
run make -s install DESTDIR="$dest" PREFIX=/usr/local
expect_rc "make install" 0
for f in bin/clerk share/clerk/templates/col-2018.yaml share/clerk/templates/col-2023.yaml \
    share/clerk/templates/minutes.yaml share/clerk/templates/district-decimal.yaml \
    share/man/man1/clerk.1 share/man/man5/clerk-paper.5; do
	[ -f "$dest/usr/local/$f" ] && pass || fail "make install: no $f"
done
run "$dest/usr/local/bin/clerk" --version
expect_rc "installed clerk runs" 0
CLERK_TEMPLATES="$dest/usr/local/share/clerk/templates" \
    run "$dest/usr/local/bin/clerk" check content/safer-city-2018-05-31/serious-organised-crime-board.md
expect_rc "installed clerk checks the seed with the installed templates" 0
run make -s uninstall DESTDIR="$dest" PREFIX=/usr/local
expect_rc "make uninstall" 0
[ -z "$(find "$dest" -type f)" ] && pass || fail "make uninstall left files" "$(find "$dest" -type f)"
finish
