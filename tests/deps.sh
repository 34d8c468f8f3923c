#!/bin/sh
# deps.sh: clerk build --deps and clerk pack --deps. Each output gets
# OUTPUT.d beside it, a rule in the form GCC's -MD -MP writes; a real
# `make -j 2` over an archive, with a Makefile that includes the rules,
# then rebuilds exactly the outputs that depend on an image, a template or
# a paper touched, and does not stop when a file a paper no longer names
# is deleted.
. "$(dirname "$0")/lib.sh"

SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH
CLERK=$PWD/clerk

A=$TMP/arch
mkdir -p "$A/papers" "$A/out" "$TMP/tpl"
cp templates/*.yaml "$TMP/tpl/"
CLERK_TEMPLATES=$TMP/tpl
export CLERK_TEMPLATES
M=tests/pack/meeting
cp -r "$M/img" "$M/appendices" "$A/papers/"
cp "$M/air-quality.md" "$A/papers/"
sed 's/^subject: .*/subject: Air quality, second look/' "$M/air-quality.md" \
    >"$A/papers/air-quality-2.md"
cp content/safer-city-2018-05-31/serious-organised-crime-board.md "$A/papers/seed.md"
cp content/streets-walkways-2024-03-12/minutes-2024-01-16.md "$A/papers/minutes.md"
cp -r content/streets-walkways-2024-03-12/appendices/. "$A/papers/appendices/"
cp content/streets-walkways-2024-03-12/street-tree-programme.md "$A/papers/trees.md"

# A Makefile as an archivist writes one: a PDF per paper, clerk told to
# write its rule, the rules included.
cat >"$A/Makefile" <<EOF
CLERK = $CLERK
PAPERS := \$(wildcard papers/*.md)
PDFS := \$(PAPERS:papers/%.md=out/%.pdf)
all: \$(PDFS)
out/%.pdf: papers/%.md
	\$(CLERK) build --deps -O out \$<
-include \$(PDFS:=.d)
EOF

# mk: make -j 2 in the archive; the papers it built in $TMP/built.
mk() {
	(cd "$A" && make -j 2 >"$TMP/make.out" 2>"$TMP/make.err")
	rc=$?
	sed -n 's|.* build --deps -O out papers/\(.*\)\.md$|\1|p' "$TMP/make.out" | sort >"$TMP/built"
}

# expect_built NAME PAPER...: the last mk succeeded and built exactly PAPER...
expect_built() {
	name=$1
	shift
	: >"$TMP/want"
	for p in "$@"; do printf '%s\n' "$p" >>"$TMP/want"; done
	sort -o "$TMP/want" "$TMP/want"
	if [ "$rc" -eq 0 ] && cmp -s "$TMP/built" "$TMP/want"; then pass; else
		fail "$name: make (exit $rc) built $(tr '\n' ' ' <"$TMP/built"), expected $(tr '\n' ' ' <"$TMP/want")" \
		    "$(cat "$TMP/make.err")"
	fi
}

# A file's time moves on: make compares times, to the nanosecond here, and
# a touch right after a build may land in the same tick on some file
# systems.
later() {
	sleep 0.05
	touch "$@"
}

mk
expect_built "first make" air-quality air-quality-2 minutes seed trees
for p in air-quality air-quality-2 minutes seed trees; do
	[ -s "$A/out/$p.pdf.d" ] && pass || fail "no out/$p.pdf.d"
done

# the rule's form: target, the paper first, continued lines, a phony rule
# for each prerequisite
d=$A/out/air-quality.pdf.d
head -n 2 "$d" >"$TMP/head"
if [ "$(sed -n 1p "$TMP/head")" = 'out/air-quality.pdf: \' ] &&
    [ "$(sed -n 2p "$TMP/head")" = ' papers/air-quality.md \' ]; then pass; else
	fail "the rule does not begin 'out/air-quality.pdf: papers/air-quality.md'" "$(head -5 "$d")"
fi
grep -qx ' papers/img/no2-trend.png \\' "$d" && pass || fail "the rule lacks the image" "$(cat "$d")"
grep -qx '^papers/img/no2-trend.png:$' "$d" && pass || fail "no phony rule for the image" "$(cat "$d")"
grep -q "$TMP/tpl/col-2023.yaml" "$d" && pass || fail "the rule lacks the template" "$(cat "$d")"
grep -q '\.ttf' "$d" && pass || fail "the rule lacks the fonts" "$(cat "$d")"
grep -q 'appendices/planting-locations.md' "$A/out/trees.pdf.d" && pass ||
    fail "the rule lacks the Markdown appendix" "$(cat "$A/out/trees.pdf.d")"
# make reads it as GCC's: every prerequisite named once, each with a rule
prereq=$(sed -n '2,$p' "$d" | sed -n '/^$/q;p' | sed 's/ *\\$//; s/^ //' | sort)
phony=$(sed -n 's/^\(.*\):$/\1/p' "$d" | sort)
[ "$prereq" = "$phony" ] && pass || fail "prerequisites and phony rules differ" "$(cat "$d")"

# the public edition is not made from a non-public appendix: its rule does
# not name it, and touching it rebuilds nothing public
grep -q supplier-quotations "$d" &&
    fail "the public edition's rule names the non-public appendix" "$(cat "$d")" || pass

mk
expect_built "make again: nothing to do" 

later "$A/papers/appendices/supplier-quotations.md"
mk
expect_built "non-public appendix touched: no public PDF" 

later "$A/papers/img/no2-trend.png"
mk
expect_built "image touched" air-quality air-quality-2

later "$TMP/tpl/col-2023.yaml"
mk
expect_built "template col-2023 touched" air-quality air-quality-2 trees

later "$TMP/tpl/minutes.yaml"
mk
expect_built "template minutes touched" minutes

later "$A/papers/seed.md"
mk
expect_built "paper touched" seed

later "$A/papers/appendices/planting-locations.md"
mk
expect_built "Markdown appendix touched" trees

# an image the paper no longer names, deleted: make goes on
sed -i '/no2-trend.png/d' "$A/papers/air-quality-2.md"
mk
expect_built "image link removed" air-quality-2
grep -q no2-trend "$A/out/air-quality-2.pdf.d" &&
    fail "the rule still names the image" || pass
cp "$A/papers/img/no2-trend.png" "$TMP/keep.png"
sed -i '/no2-trend.png/d' "$A/papers/air-quality.md"
rm "$A/papers/img/no2-trend.png"
mk
expect_built "an image deleted with its link" air-quality

# a paper with an error: no output, no rule written, make fails, the old
# rule kept
printf '\n## \n' >>"$A/papers/seed.md"
sed -i 's/^committee: .*/committee:/' "$A/papers/seed.md"
cp "$A/out/seed.pdf.d" "$TMP/seed.d"
mk
[ "$rc" -ne 0 ] && pass || fail "make succeeded over a paper with an error"
cmp -s "$A/out/seed.pdf.d" "$TMP/seed.d" && pass || fail "a failed build changed the rule"

# paths that make reads specially
mkdir -p "$TMP/sp/my papers" "$TMP/sp/out"
cp content/safer-city-2018-05-31/serious-organised-crime-board.md "$TMP/sp/my papers/a#b.md"
(cd "$TMP/sp" && "$CLERK" build --deps -O out "my papers/a#b.md") 2>"$TMP/err"
if grep -qF 'my\ papers/a\#b.md' "$TMP/sp/out/a#b.pdf.d"; then pass; else
	fail "a space and # in a path are not escaped as make reads them" "$(head -3 "$TMP/sp/out/a#b.pdf.d")"
fi
cat >"$TMP/sp/Makefile" <<'EOF'
all: out/a\#b.pdf
include out/a\#b.pdf.d
EOF
(cd "$TMP/sp" && make -n >"$TMP/out" 2>&1) && pass || fail "make cannot read a rule with a space and #" "$(cat "$TMP/out")"

# packs
P=$TMP/pack
mkdir -p "$P"
run "$CLERK" pack --deps -O "$P" "$M/agenda.md"
expect_rc "pack --deps" 0
for k in public full; do
	f=$P/agenda-$k.pdf.d
	if [ -s "$f" ] && grep -q "^$P/agenda-$k.pdf:" "$f" &&
	    grep -q "$M/agenda.md" "$f" && grep -q "$M/kennels-lease.md" "$f" &&
	    grep -q "$M/img/no2-trend.png" "$f"; then pass; else
		fail "pack --deps: agenda-$k.pdf.d lacks the agenda, a paper or an image" "$(head -8 "$f")"
	fi
done

finish
