#!/bin/sh
# shard.sh: clerk build --shard I/N over an archive of 306 papers (300 of
# bench/corpus.c's archive, and papers of content/ with their appendices
# and images). For N = 1, 2, 3 and 7 every share is run: together they
# write every paper exactly once, each in the share clerk(1)'s rule puts
# it in (computed here again, in Python, from the rule as the manual
# states it), byte for byte as one run over the whole list writes it. A
# shuffled list, with paths spelt in other ways (./, //, /./, absolute,
# through a symbolic link to the current folder), gives each share the
# same papers. GNU parallel runs the shares as separate processes. The
# three recipes of clerk(1), SHARDS (GNU parallel over ssh, a Slurm job
# array, a Kubernetes Indexed Job), are taken from the manual and run here:
# parallel with --sshlogin : (this machine), the Slurm script with bash
# for each array index, the Job's YAML read with Python and its command
# run for each completion index. And the usage errors of --shard.
. "$(dirname "$0")/lib.sh"
ROOT=$PWD
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH
A=$TMP/archive
# clerk as the recipes call it, from PATH
mkdir "$TMP/bin" && ln -s "$ROOT/clerk" "$TMP/bin/clerk"
PATH=$TMP/bin:$PATH
export PATH

# ---- the archive ------------------------------------------------------------
mkdir -p "$A/papers" "$TMP/corpus"
if cc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -o "$TMP/corpus/make" \
    bench/corpus.c && "$TMP/corpus/make" "$TMP/corpus/out" >/dev/null; then
	pass
else
	fail "bench/corpus.c does not build or run"
fi
(cd "$TMP/corpus/out/archive" && find . -name '*.md' | sort | head -300 |
    while read -r f; do
	    mkdir -p "$A/papers/${f%/*}" && cp "$f" "$A/papers/$f"
    done)
cp -R content/streets-walkways-2024-03-12 content/safer-city-2018-05-31 \
    "$A/papers/"
# agendas are for pack; a non-public paper has no public edition
rm "$A/papers/streets-walkways-2024-03-12/agenda.md" \
    "$A/papers/streets-walkways-2024-03-12/highway-maintenance-contract.md"
cd "$A" || exit 3
find papers -name '*.md' ! -path '*/appendices/*' | sort >"$TMP/list"
n_in=$(wc -l <"$TMP/list")
[ "$n_in" -eq 306 ] && pass || fail "the archive holds $n_in papers, not 306"

# build DIR ARGS...: clerk build -O DIR ARGS... in the archive, DIR made
# first; status in $rc, stderr in $TMP/err.
build() {
	d=$1
	shift
	mkdir -p "$d"
	clerk build -O "$d" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

# The whole, in one run: every paper written, nothing said.
build "$TMP/whole" -j 2 $(cat "$TMP/list")
expect_rc "one run over the archive" 0
expect_empty "one run over the archive: silent" "$TMP/err"
ls "$TMP/whole" >"$TMP/whole.ls"
[ "$(wc -l <"$TMP/whole.ls")" -eq "$n_in" ] && pass ||
    fail "one run wrote $(wc -l <"$TMP/whole.ls") files for $n_in papers"

# The share of each paper by the rule of clerk(1), SHARDS: FNV-1a 64 of
# the path's bytes, mixed by MurmurHash3's fmix64, modulo N. Reads paths
# on stdin; prints "share file-written" lines, sorted; with --share, the
# share of each path alone, in order.
cat >"$TMP/rule.py" <<'EOF'
import os, sys
M = (1 << 64) - 1
def share(path, n):
    h = 0xcbf29ce484222325
    for b in path.encode():
        h = ((h ^ b) * 0x100000001b3) & M
    h ^= h >> 33; h = (h * 0xff51afd7ed558ccd) & M
    h ^= h >> 33; h = (h * 0xc4ceb9fe1a85ec53) & M
    h ^= h >> 33
    return h % n
n = int(sys.argv[1])
out = []
for line in sys.stdin:
    p = line.rstrip("\n")
    if sys.argv[2:] == ["--share"]:
        print(share(p, n))
        continue
    stem = os.path.basename(p)[:-len(".md")]
    out.append("%d %s.pdf" % (share(p, n), stem))
if out:
    print("\n".join(sorted(out)))
EOF

# shares_ok NAME N BASE: the shares BASE/0 to BASE/N-1 of a sharded build
# (each run's status in BASE/I.rc, stderr in BASE/I.err) all succeeded
# silently; each paper was written by exactly one, by the one the rule
# names, and byte for byte as the whole run wrote it.
shares_ok() {
	name=$1 n=$2 base=$3
	: >"$base.got"
	i=0
	while [ "$i" -lt "$n" ]; do
		[ "$(cat "$base/$i.rc")" = 0 ] && [ ! -s "$base/$i.err" ] ||
		    fail "$name: share $i/$n: exit $(cat "$base/$i.rc")" \
			"$(head -5 "$base/$i.err")"
		ls "$base/$i" | sed "s/^/$i /" >>"$base.got"
		i=$((i + 1))
	done
	sort "$base.got" -o "$base.got"
	cut -d' ' -f2 "$base.got" | sort >"$base.union"
	if diff "$TMP/whole.ls" "$base.union" >"$TMP/diff"; then pass; else
		fail "$name: the shares do not write every paper exactly once" \
		    "$(head -10 "$TMP/diff")"
	fi
	python3 "$TMP/rule.py" "$n" <"$TMP/list" >"$base.want"
	if diff "$base.want" "$base.got" >"$TMP/diff"; then pass; else
		fail "$name: papers built in other shares than clerk(1)'s rule says" \
		    "$(head -10 "$TMP/diff")"
	fi
	differ=
	i=0
	while [ "$i" -lt "$n" ]; do
		for f in $(ls "$base/$i"); do
			cmp -s "$base/$i/$f" "$TMP/whole/$f" ||
			    differ="$differ $i/$f"
		done
		i=$((i + 1))
	done
	[ -z "$differ" ] && pass ||
	    fail "$name: files not byte-identical to the whole run's:" "$differ"
}

# shard_all NAME N BASE LISTFILE [DIR]: every share of N over the paths of
# LISTFILE, run from DIR (default: the archive), into BASE/I.
shard_all() {
	name=$1 n=$2 base=$3 list=$4 dir=${5:-$A}
	i=0
	while [ "$i" -lt "$n" ]; do
		(cd "$dir" && build "$base/$i" --shard "$i/$n" $(cat "$list")
		 echo "$rc" >"$base/$i.rc"; cp "$TMP/err" "$base/$i.err")
		i=$((i + 1))
	done
}

# ---- N = 1, 2, 3, 7 -----------------------------------------------------------
for n in 1 2 3 7; do
	shard_all "N=$n" "$n" "$TMP/s$n" "$TMP/list"
	shares_ok "N=$n" "$n" "$TMP/s$n"
done
# the shares are about even: none empty, none over twice its part
for n in 2 3 7; do
	cut -d' ' -f1 "$TMP/s$n.got" | uniq -c | awk -v n="$n" -v t="$n_in" \
	    'NF == 2 { k++; if ($1 > 2 * t / n) bad = 1 }
	     END { exit !(k == n && !bad) }' && pass ||
	    fail "N=$n: uneven shares" "$(cut -d' ' -f1 "$TMP/s$n.got" | uniq -c)"
done

# ---- order and spelling --------------------------------------------------------
# The list shuffled, and its paths spelt ./p, p with // and /./, and
# absolute, in turn: each share builds the same papers.
awk 'BEGIN { srand(16) } { print rand() "\t" $0 }' "$TMP/list" | sort |
    cut -f2- | awk -v a="$A" '
	NR % 4 == 0 { print "./" $0; next }
	NR % 4 == 1 { sub("/", "//./"); print; next }
	NR % 4 == 2 { print a "/" $0; next }
	{ print }' >"$TMP/shuffled"
if ! cmp -s "$TMP/list" "$TMP/shuffled" &&
    [ "$(sort "$TMP/list")" != "$(sort "$TMP/shuffled")" ]; then pass; else
	fail "the shuffled list is the same as the list"
fi
for n in 3 7; do
	shard_all "N=$n, shuffled" "$n" "$TMP/r$n" "$TMP/shuffled"
	shares_ok "N=$n, shuffled and spelt otherwise" "$n" "$TMP/r$n"
done
# Absolute paths through a symbolic link to the archive, run from the
# link: the same shares.
ln -s "$A" "$TMP/link"
sed "s|^|$TMP/link/|" "$TMP/list" >"$TMP/linked"
shard_all "N=3, through a link" 3 "$TMP/l3" "$TMP/linked" "$TMP/link"
shares_ok "N=3, absolute paths through a link to the current folder" 3 "$TMP/l3"

# ---- GNU parallel runs the shares ----------------------------------------------
if ! command -v parallel >/dev/null; then
	fail "GNU parallel is not installed (Debian package parallel)"
else
	mkdir -p "$TMP/p7/0" "$TMP/p7/1" "$TMP/p7/2" "$TMP/p7/3" "$TMP/p7/4" \
	    "$TMP/p7/5" "$TMP/p7/6"
	# shellcheck disable=SC2046
	parallel -j 2 "clerk build --shard {}/7 -O $TMP/p7/{} $(tr '\n' ' ' <"$TMP/list") \
	    >/dev/null 2>$TMP/p7/{}.err; echo \$? >$TMP/p7/{}.rc" ::: 0 1 2 3 4 5 6 \
	    </dev/null
	shares_ok "GNU parallel, 7 shares" 7 "$TMP/p7"
fi

# ---- files outside the share are not read ------------------------------------
# A file that is not a paper, and one that does not exist, are reported by
# their own share alone; the other shares succeed and say nothing.
printf 'not a paper\n' >papers/notes.txt
for f in papers/notes.txt papers/missing.md; do
	want=$(printf '%s\n' "$f" | python3 "$TMP/rule.py" 3 --share)
	for i in 0 1 2; do
		build "$TMP/x$i" --shard "$i/3" papers/2023/a0001.md "$f"
		if [ "$i" = "$want" ]; then
			[ "$rc" -ne 0 ] && grep -q "^$f: error: " "$TMP/err" && pass ||
			    fail "$f is not reported by its share $i/3 (exit $rc)" "$(cat "$TMP/err")"
		else
			[ "$rc" -eq 0 ] && [ ! -s "$TMP/err" ] && pass ||
			    fail "$f, of share $want/3, is read by share $i/3 (exit $rc)" "$(cat "$TMP/err")"
		fi
	done
done
rm papers/notes.txt
# A share with none of the files: nothing written, no message, exit 0.
one=$(echo papers/2023/a0001.md | python3 "$TMP/rule.py" 2 --share)
other=$((1 - one))
rm -rf "$TMP/e"
build "$TMP/e" --shard "$other/2" papers/2023/a0001.md
expect_rc "a share with no file" 0
expect_empty "a share with no file: silent" "$TMP/err"
[ -z "$(ls "$TMP/e")" ] && pass || fail "a share with no file wrote $(ls "$TMP/e")"
# Two papers that would be written to one file, each in a share of its
# own: a usage error in both shares, as in one run.
printf 'dup/%s/same.md\n' 1 2 3 4 5 6 7 8 >"$TMP/dups"
pair=$(python3 "$TMP/rule.py" 2 --share <"$TMP/dups" | paste - "$TMP/dups" |
    sort -u -k1,1 | cut -f2)
for f in $pair; do
	mkdir -p "${f%/*}" && cp papers/2023/a0001.md "$f"
done
[ "$(echo $pair | wc -w)" -eq 2 ] && pass ||
    fail "the test needs two papers in different shares" "$pair"
for i in 0 1; do
	build "$TMP/d$i" --shard "$i/2" $pair
	expect_rc "outputs that collide, share $i/2" 2
	expect_err "outputs that collide, share $i/2: said" 'would both be written to'
done
rm -rf dup

# ---- the recipes of clerk(1) ---------------------------------------------------
# recipe TITLE: the literal display under ".Ss TITLE" of clerk(1), as a
# reader copies it from the page: roff's \e a backslash, \& nothing.
recipe() {
	sed -n "/^\.Ss $1\$/,/^\.Ed\$/p" "$ROOT/man/clerk.1" | sed '1,/^\.Bd /d; $d' |
	    sed 's/\\e/\\/g; s/\\&//g'
}
# the archive of the recipes, /srv/archive, is the test's
here() { sed "s|/srv/archive|$A|g"; }

# GNU parallel over ssh, on this machine (--sshlogin :).
recipe 'GNU parallel over ssh' >"$TMP/parallel.txt"
grep -q -- '--sshlogin' "$TMP/parallel.txt" && grep -q -- '--shard {}/' "$TMP/parallel.txt" &&
    pass || fail "clerk(1) has no GNU parallel recipe with --sshlogin and --shard {}/N" "$(cat "$TMP/parallel.txt")"
sed -n 's/^\$ //p; /^    /p' "$TMP/parallel.txt" | here |
    sed 's/--sshlogin [^ ]*/--sshlogin :/' >"$TMP/parallel.sh"
rm -rf pdf
if bash -n "$TMP/parallel.sh" && (cd /tmp && bash "$TMP/parallel.sh") \
    </dev/null >"$TMP/out" 2>"$TMP/err"; then pass; else
	fail "the GNU parallel recipe fails" "$(cat "$TMP/parallel.sh" "$TMP/err")"
fi
same_as_whole() {
	ls pdf >"$TMP/pdf.ls" 2>/dev/null
	differ=
	for f in $(cat "$TMP/pdf.ls"); do cmp -s "pdf/$f" "$TMP/whole/$f" || differ="$differ $f"; done
	if diff "$TMP/whole.ls" "$TMP/pdf.ls" >"$TMP/diff" && [ -z "$differ" ]; then pass; else
		fail "$1: pdf/ is not the whole run's files" "$(head -5 "$TMP/diff")$differ"
	fi
}
same_as_whole "the GNU parallel recipe"

# A Slurm job array: the script, with bash, once per index of --array.
recipe 'A Slurm job array' | here >"$TMP/slurm.sh"
if bash -n "$TMP/slurm.sh" && sh -n "$TMP/slurm.sh"; then pass; else
	fail "the Slurm recipe is not shell" "$(cat "$TMP/slurm.sh")"
fi
range=$(sed -n 's/^#SBATCH --array=\([0-9]*\)-\([0-9]*\)$/\1 \2/p' "$TMP/slurm.sh")
first=${range% *} last=${range#* }
[ "$first" = 0 ] && [ -n "$last" ] && [ "$last" -ge 1 ] && pass ||
    fail "the Slurm recipe has no #SBATCH --array=0-M" "$(cat "$TMP/slurm.sh")"
rm -rf pdf
i=0
while [ -n "$last" ] && [ "$i" -le "$last" ]; do
	(cd /tmp && SLURM_ARRAY_TASK_ID=$i SLURM_ARRAY_TASK_COUNT=$((last + 1)) \
	    SLURM_CPUS_PER_TASK=2 bash "$TMP/slurm.sh") >"$TMP/out" 2>"$TMP/err" ||
	    fail "the Slurm recipe fails for task $i" "$(cat "$TMP/err")"
	i=$((i + 1))
done
same_as_whole "the Slurm recipe"

# A Kubernetes Indexed Job: the YAML read, its command run once per index.
recipe 'A Kubernetes Indexed Job' | here >"$TMP/job.yaml"
rm -rf pdf
cat >"$TMP/job.py" <<'EOF'
import os, subprocess, sys, yaml
job = yaml.safe_load(open(sys.argv[1]))
spec = job["spec"]
checks = [
    (job.get("apiVersion") == "batch/v1", "apiVersion is not batch/v1"),
    (job.get("kind") == "Job", "kind is not Job"),
    (spec.get("completionMode") == "Indexed", "completionMode is not Indexed"),
    (isinstance(spec.get("completions"), int) and spec["completions"] >= 1,
     "no number of completions"),
    (spec.get("parallelism") == spec.get("completions"),
     "parallelism is not completions"),
    (spec["template"]["spec"].get("restartPolicy") in ("Never", "OnFailure"),
     "restartPolicy is neither Never nor OnFailure"),
]
bad = [m for ok, m in checks if not ok]
if bad:
    sys.exit("; ".join(bad))
(c,) = spec["template"]["spec"]["containers"]
for i in range(spec["completions"]):
    env = dict(os.environ, JOB_COMPLETION_INDEX=str(i))
    r = subprocess.run(c["command"] + c.get("args", []), cwd=c["workingDir"],
                       env=env)
    if r.returncode != 0:
        sys.exit("index %d: exit %d" % (i, r.returncode))
EOF
if python3 "$TMP/job.py" "$TMP/job.yaml" >"$TMP/out" 2>"$TMP/err"; then pass; else
	fail "the Kubernetes recipe" "$(cat "$TMP/err")"
fi
same_as_whole "the Kubernetes recipe"
rm -rf pdf

# ---- usage -----------------------------------------------------------------------
cd "$ROOT" || exit 3
p=papers/2023/a0001.md
for bad in 3/3 x 1/0 0/1000001 1/2/3 -1/3 ' 1/3' 1/3x ''; do
	run ./clerk build --shard "$bad" "$A/$p"
	expect_rc "--shard '$bad'" 2
	expect_err "--shard '$bad': says what I/N is" '^clerk: --shard '
	expect_err "--shard '$bad': usage" '\[--shard I/N\] FILE'
done
run ./clerk build --shard 3/3 "$A/$p"
expect_err "3/3: shares count from 0" 'counted from 0, so I must be from 0 to 2 when N is 3'
run ./clerk build --shard 1/0 "$A/$p"
expect_err "1/0: N from 1" 'the number of shares N must be from 1 to 1000000'
run ./clerk build --shard x "$A/$p"
expect_err "x: the form" 'takes I/N, .*not "x"'
run ./clerk build --shard
expect_rc "--shard without a value" 2
expect_err "--shard without a value: said" '^clerk: --shard needs a share, I/N'
run ./clerk help build
expect_out "help build names --shard" '^  --shard I/N '
run ./clerk --help
expect_out "--help names --shard" '--shard I/N'
finish
