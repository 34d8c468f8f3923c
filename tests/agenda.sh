#!/bin/sh
# agenda.sh: golden tests of "clerk check" on agendas, with the papers they
# link reported in the same run.
#   tests/bad-agenda/NAME.md    an agenda; NAME.err is the exact stderr of
#                               "clerk check" (empty for a good agenda), and
#                               the exit status must be 1 when it holds an
#                               error, else 0.
#   tests/bad-agenda/NAME.dump  when present, the exact stdout of
#                               "clerk check --dump" (the agenda's model).
#   tests/bad-agenda/papers/    the papers the agendas link.
# With --regen, rewrites the expected files from clerk's output instead, for
# review with git diff.
. "$(dirname "$0")/lib.sh"
regen=0
[ "${1:-}" = "--regen" ] && regen=1

n=0
for md in tests/bad-agenda/*.md; do
	[ -e "$md" ] || continue
	n=$((n + 1))
	exp=${md%.md}.err
	run ./clerk check "$md"
	if [ $regen = 1 ]; then cp "$TMP/err" "$exp"; else
		want=0
		grep -q ': error: ' "$exp" 2>/dev/null && want=1
		if [ ! -f "$exp" ]; then
			fail "$md: no $exp (tests/agenda.sh --regen writes it)"
		elif ! diff -u "$exp" "$TMP/err" >"$TMP/diff"; then
			fail "$md: diagnostics differ" "$(cat "$TMP/diff")"
		elif [ "$rc" -ne "$want" ]; then
			fail "$md: exit $rc, expected $want"
		else
			pass
		fi
	fi
	dump=${md%.md}.dump
	[ -f "$dump" ] || continue
	run ./clerk check --dump "$md"
	if [ $regen = 1 ]; then cp "$TMP/out" "$dump"; continue; fi
	if [ "$rc" -ne 0 ]; then
		fail "$md --dump: exit $rc" "$(cat "$TMP/err")"
	elif ! diff -u "$dump" "$TMP/out" >"$TMP/diff"; then
		fail "$md: dump differs" "$(cat "$TMP/diff")"
	else
		pass
	fi
done
[ $regen = 1 ] && { echo "golden files rewritten: review them with git diff"; exit 0; }
[ "$n" -ge 12 ] && pass || fail "tests/bad-agenda holds $n agendas, expected at least 12"

# What a golden file cannot hold: folders, links, files outside the tree.
front='---\ncommittee: C\ndate: 2024-03-12\ntime: 1.45 pm\nvenue: Guildhall\nmembers: [A (Chairman)]\n---\n\n'
mkdir -p "$TMP/meeting/folder.md" "$TMP/elsewhere"
cp tests/bad-agenda/papers/public-report.md "$TMP/elsewhere/report.md"
ln -s ../elsewhere/report.md "$TMP/meeting/link.md"
printf -- "$front"'1. [](folder.md)\n2. [](link.md)\n' >"$TMP/meeting/agenda.md"
run ./clerk check "$TMP/meeting/agenda.md"
expect_rc "links to a folder and out of the tree" 1
expect_err "a folder is no paper" 'agenda.md:9:4: error: "folder.md" is not a regular file'
expect_err "a symbolic link out of the folder" 'agenda.md:10:4: error: "link.md" leads outside'

# An agenda among papers: each reported, the worst status wins, and a good
# agenda is silent.
good=content/streets-walkways-2024-03-12/agenda.md
run ./clerk check tests/bad-agenda/errors-in-papers.md "$good" tests/bad-agenda/papers/public-report.md
expect_rc "agenda with errors among good inputs" 1
if [ "$(grep -c 'errors-in-papers.md:' "$TMP/err")" -eq 2 ] && ! grep -q streets-walkways "$TMP/err"; then pass; else
	fail "only the bad agenda reported" "$(cat "$TMP/err")"
fi
run ./clerk check "$good"
expect_rc "the example agenda" 0
expect_empty "the example agenda: silent" "$TMP/err"
expect_empty "the example agenda: nothing on stdout" "$TMP/out"
run ./clerk check --dump "$good"
expect_out "dump: the Part 2 item" '^  item 11 part=2 title=-$'
expect_out "dump: a sub-item" '^    item 3a part=1'
# An agenda given to build is named as such, not read as a paper.
run ./clerk build -O "$TMP" content/streets-walkways-2024-03-12/agenda.md
expect_rc "build of an agenda" 1
expect_err "build of an agenda: named" "agenda.md: error: this is an agenda"

finish
