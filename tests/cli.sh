#!/bin/sh
# cli.sh: the command line as a user meets it: commands, options, exit
# statuses, several files in one run, files that are not papers.
. "$(dirname "$0")/lib.sh"
seed=content/safer-city-2018-05-31/serious-organised-crime-board.md

run ./clerk
expect_rc "no command" 2
expect_err "no command: usage" "usage: clerk"

run ./clerk frobnicate
expect_rc "unknown command" 2
expect_err "unknown command named" 'unknown command "frobnicate"'

run ./clerk --version
expect_rc "--version" 0
expect_out "--version prints it" '^clerk [0-9]+\.[0-9]+\.[0-9]+$'

run ./clerk --help
expect_rc "--help" 0
for c in check new templates; do expect_out "--help names $c" "clerk $c"; done

run ./clerk help check
expect_rc "help check" 0
expect_out "help check: usage" '^Usage: clerk check'
run ./clerk help nonsense
expect_rc "help of an unknown command" 2

run ./clerk check
expect_rc "check without files" 2
run ./clerk check --frob "$seed"
expect_rc "check with an unknown option" 2
expect_err "unknown option named" 'unknown option "--frob"'

run ./clerk check "$seed"
expect_rc "check the seed" 0
expect_empty "check the seed: silent" "$TMP/err"
expect_empty "check the seed: nothing on stdout" "$TMP/out"

run ./clerk check "$TMP/nonexistent.md"
expect_rc "missing file is a system error" 3
expect_err "missing file named" "nonexistent.md: error: cannot read: No such file or directory"

run ./clerk check content
expect_rc "a folder is not a paper" 1

mkdir "$TMP/dir.md"
run ./clerk check "$TMP/dir.md"
expect_rc "a folder named .md" 3

# Every problem of every input in one run, in the order given.
printf -- '---\nsubjet: x\n---\n' >"$TMP/a.md"
printf -- '---\ncommittee: C\ndate: 2018-02-30\npurpose: information\nsubject: S\nreport_of: R\n---\n\n## Summary\n\nS.\n' >"$TMP/b.md"
run ./clerk check "$TMP/a.md" "$seed" "$TMP/b.md"
expect_rc "errors in two files" 1
expect_err "first file reported" "a.md:2:1: error: unknown key \"subjet\" \\(did you mean \"subject\"\\?\\)"
expect_err "second file reported" "b.md:3:7: error: 2018-02-30 is not a date in the calendar"
if [ "$(grep -c 'a.md:' "$TMP/err")" -gt 0 ] && [ "$(sed -n '$p' "$TMP/err" | grep -c 'b.md:')" = 1 ]; then pass; else fail "files reported in order" "$(cat "$TMP/err")"; fi

# A missing file does not hide the problems of the others; the worst status wins.
run ./clerk check "$TMP/a.md" "$TMP/nope.md"
expect_rc "input error and system error: 3" 3
expect_err "input error still reported" "a.md:2:1: error"

# UTF-8 BOM and CRLF line ends are accepted, positions unchanged.
printf '\357\273\277' >"$TMP/crlf.md"
sed 's/$/\r/' "$seed" >>"$TMP/crlf.md"
run ./clerk check "$TMP/crlf.md"
expect_rc "BOM and CRLF accepted" 0
expect_empty "BOM and CRLF: silent" "$TMP/err"
sed 's/^## Background/## Backgroud/' "$TMP/crlf.md" >"$TMP/crlf-bad.md"
run ./clerk check "$TMP/crlf-bad.md"
line=$(grep -n '^## Background' "$seed" | cut -d: -f1)
expect_err "CRLF: position of the original line" "crlf-bad.md:$line:1: error: heading \"Backgroud\" names no section"

# Not text at all.
printf '%%PDF-1.4\n%%\342\343\n' >"$TMP/paper.md"
run ./clerk check "$TMP/paper.md"
expect_rc "PDF renamed .md" 1
expect_err "PDF named" "paper.md:1:1: error: not a text file: this looks like a PDF document"
head -c 4000 /dev/urandom >"$TMP/random.md"
run ./clerk check "$TMP/random.md"
expect_rc "random bytes" 1
: >"$TMP/empty.md"
run ./clerk check "$TMP/empty.md"
expect_rc "empty file" 1
expect_err "empty file named" "empty.md: error: file is empty"

# clerk new: a skeleton that passes check, for every template, with a warning
# at each placeholder left in it (and nothing else); never overwrites.
ph='warning: placeholder text from "clerk new" left here'
for t in $(./clerk templates | awk '{print $1}'); do
	run ./clerk new -t "$t" "$TMP/new-$t.md"
	expect_rc "new -t $t" 0
	run ./clerk check "$TMP/new-$t.md"
	expect_rc "skeleton of $t passes check" 0
	expect_err "skeleton of $t: its placeholders are warnings" "$ph"
	grep -v -- "$ph" "$TMP/err" >"$TMP/other"
	expect_empty "skeleton of $t: no other message" "$TMP/other"
done
# clerk new -t agenda: an agenda skeleton that check accepts and pack builds
run ./clerk new -t agenda "$TMP/agenda.md"
expect_rc "new -t agenda" 0
for want in '^kind: agenda$' '^committee: ' '^date: [0-9]{4}-[0-9]{2}-[0-9]{2}$' \
    '^time: ' '^venue: ' '^members:$' '^enquiries:$' '^signatory:$' '^notes:$' \
    '^## Part 1 - Public Agenda$' '^## Part 2 - Non-Public Agenda$' \
    '^1\. Apologies$' '^   1\. ' '^[0-9]+\. Exclusion of the Public$'; do
	grep -Eq -- "$want" "$TMP/agenda.md" && pass || fail "agenda skeleton lacks /$want/"
done
run ./clerk check "$TMP/agenda.md"
expect_rc "agenda skeleton passes check" 0
expect_err "agenda skeleton: its placeholders are warnings" "$ph"
grep -v -- "$ph" "$TMP/err" >"$TMP/other"
expect_empty "agenda skeleton: no other message" "$TMP/other"
[ "$(grep -c -- "$ph" "$TMP/err")" -eq 10 ] && pass ||
	fail "agenda skeleton: not one warning for each of its 10 placeholder values"
mkdir "$TMP/agenda-pack"
run ./clerk pack -O "$TMP/agenda-pack" "$TMP/agenda.md"
expect_rc "agenda skeleton makes a pack" 0
[ -s "$TMP/agenda-pack/agenda-full.pdf" ] && pass || fail "agenda skeleton: no pack"
run ./clerk new -t agenda "$TMP/agenda.md"
expect_rc "new -t agenda refuses to overwrite" 1
run ./clerk templates
expect_out "templates lists the agenda skeleton" '^agenda +agenda '
run ./clerk templates agenda
expect_rc "templates agenda" 0
expect_out "templates agenda names the command" 'clerk new -t agenda'
run ./clerk help new
expect_out "help new names -t agenda" '-t agenda'
run ./clerk new "$TMP/default.md"
expect_rc "new with the default template" 0
echo "keep me" >"$TMP/keep.md"
run ./clerk new "$TMP/keep.md"
expect_rc "new refuses to overwrite" 1
expect_err "new: file exists" "keep.md: error: file exists"
[ "$(cat "$TMP/keep.md")" = "keep me" ] && pass || fail "new left the existing file alone"
[ -z "$(find "$TMP" -name '.keep.md.*')" ] && pass || fail "new left a temporary file"
run ./clerk new -t no-such "$TMP/x.md"
expect_rc "new with an unknown template" 2
run ./clerk new "$TMP/x.txt"
expect_rc "new needs .md" 2

# clerk templates
run ./clerk templates
expect_rc "templates" 0
for t in col-2018 col-2023 minutes district-decimal; do expect_out "templates lists $t" "^$t "; done
run ./clerk templates col-2023
expect_rc "templates col-2023" 0
expect_out "col-2023 shows its sub-headings" "### Climate implications \\(required\\)"

# A broken template is reported with its position and the others still work.
mkdir "$TMP/tpl"
cp templates/*.yaml "$TMP/tpl/"
printf 'id: broken\nname: Broken\nnumbering: continous\nsections: []\n' >"$TMP/tpl/broken.yaml"
CLERK_TEMPLATES="$TMP/tpl" run ./clerk check "$seed"
expect_rc "broken template: exit 1" 1
expect_err "broken template: position" "broken.yaml:3:12: error: "
CLERK_TEMPLATES="$TMP/no-such-folder" run ./clerk check "$seed"
expect_rc "templates folder missing: system error" 3

# --dump prints the model of a good paper.
run ./clerk check --dump "$seed"
expect_rc "dump" 0
# The seed's numbered paragraphs are 1 to 8, in order, and the summary's
# one paragraph has no number.
nums=$(sed -n 's/^  paragraph \([^ ]*\) @.*/\1/p' "$TMP/out" | tr '\n' ' ')
if [ "$nums" = "1 2 3 4 5 6 7 8 " ]; then pass; else
	fail "dump numbers the paragraphs 1 to 8 exactly" "got: $nums"
fi
if [ "$(grep -c '^  paragraph @' "$TMP/out")" -eq 1 ]; then pass; else
	fail "dump: the summary's paragraph alone unnumbered" "$(grep '^  paragraph' "$TMP/out")"
fi

finish
