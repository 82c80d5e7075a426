#!/bin/sh
# Outputs that cannot be lost: a failed write exits 2, leaves the old
# output byte-identical and no temporary file, for every file format.
. tests/lib.sh
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

formats=$("$KSCONV" --list-formats | cut -d' ' -f1)
for f in $formats; do
	folder=$("$KSCONV" --list-formats | awk -v f="$f" '$1 == f {print $2}')
	case $folder in *.*) ;; *) continue ;; esac	# folder formats: below
	out="$tmp/$f.out"
	printf 'old output\n' >"$out"
	cp "$out" "$tmp/old"
	# Writes past 1 KiB fail with EFBIG once SIGXFSZ is ignored.
	sh -c 'trap "" XFSZ; ulimit -f 2; exec "$@"' sh $KSWRAP "$KSCONV" \
	    --to "$f" --base-url https://example.org/ -o "$out" seeds/ \
	    >/dev/null 2>"$tmp/err"
	rc=$?
	check "$f: a write that fails (ulimit -f) exits 2 (got $rc)" [ "$rc" -eq 2 ]
	check "$f: ... the old output is byte-identical" cmp -s "$out" "$tmp/old"
	check "$f: ... no temporary file is left" \
	    sh -c "! ls '$tmp' | grep -q 'tmp-'"
	check "$f: ... the message names the file" grep -q "$out: error:" "$tmp/err"

	run_ksconv --to "$f" -o "$tmp/missing/parent/$f.out" seeds/ >/dev/null 2>"$tmp/err"
	check "$f: a missing parent folder exits 2" [ $? -eq 2 ]
	check "$f: ... and creates nothing" [ ! -e "$tmp/missing" ]
	check "$f: ... and says which folder is missing" grep -q \
	    "^ksconv: $tmp/missing/parent/$f.out: error: the folder $tmp/missing/parent does not exist" "$tmp/err"
	# A link at the output is not replaced, as the Markdown and HTML
	# writers do not replace one: the file it points to would go stale.
	# (HTML's -o is a folder, which may well be a link.)
	[ "$f" = html ] && continue
	printf 'linked\n' >"$tmp/target"
	ln -s "$tmp/target" "$tmp/link.$f"
	run_ksconv --to "$f" --base-url https://example.org/ -o "$tmp/link.$f" \
	    seeds/ >/dev/null 2>"$tmp/err"
	check "$f: a symbolic link at -o exits 2" [ $? -eq 2 ]
	check "$f: ... is still a link to the same file" \
	    sh -c "[ -L '$tmp/link.$f' ] && grep -qx linked '$tmp/target'"
	check "$f: ... and says so" grep -q "link.$f: error: is a symbolic link" "$tmp/err"
	check "$f: ... no temporary file is left" \
	    sh -c "! ls -a '$tmp' | grep -q 'tmp-'"
	rm -f "$tmp/link.$f" "$tmp/target"
done
# Folder formats: a write that fails mid-run exits 2, leaves no temporary
# anywhere in the folder, and an old file it could not replace unchanged.
for f in $formats; do
	folder=$("$KSCONV" --list-formats | awk -v f="$f" '$1 == f {print $2}')
	case $folder in *.*) [ "$f" = html ] || continue ;; esac
	dir="$tmp/$f-site"
	mkdir -p "$dir"
	printf 'old index\n' >"$dir/index.html"
	sh -c 'trap "" XFSZ; ulimit -f 2; exec "$@"' sh $KSWRAP "$KSCONV" \
	    --to "$f" -o "$dir" seeds/ >/dev/null 2>"$tmp/err"
	rc=$?
	check "$f: a write that fails (ulimit -f) exits 2 (got $rc)" [ "$rc" -eq 2 ]
	check "$f: ... no temporary file is left" \
	    sh -c "! find '$dir' -name '*.tmp-*' | grep -q ."
	check "$f: ... an old file it could not replace is unchanged" \
	    grep -qx 'old index' "$dir/index.html"
	rm -rf "$dir"
	run_ksconv --to "$f" -o "$tmp/missing/parent/$f" seeds/ >/dev/null 2>"$tmp/err"
	check "$f: a missing parent folder exits 2" [ $? -eq 2 ]
	check "$f: ... and creates nothing" [ ! -e "$tmp/missing" ]
	check "$f: ... and says which folder is missing" grep -q \
	    "^ksconv: $tmp/missing/parent/$f: error: the folder $tmp/missing/parent does not exist" "$tmp/err"
done
# A folder format's -o may be a link to the folder where the site is
# served: it is written through.
mkdir "$tmp/served"
ln -s "$tmp/served" "$tmp/served-link"
run_ksconv -q --to md -o "$tmp/served-link" seeds/
check "md: -o a link to a folder exits 0 and writes into the folder" \
    sh -c "[ $? -eq 0 ] && [ -L '$tmp/served-link' ] &&
    [ \$(ls '$tmp/served' | wc -l) -eq $(ls seeds | wc -l) ]"
# Writers finish side by side with -j 2 and more; what they say still comes
# in the order of --to. (stderr goes through a pipe: ulimit -f would cut a
# file short.)
all=$(echo $formats | tr ' ' ,)
for j in 1 3; do
	sh -c 'trap "" XFSZ; ulimit -f 2; exec "$@" 2>&1 >/dev/null' sh \
	    $KSWRAP "$KSCONV" -j $j --to "$all" --base-url https://example.org/ \
	    -o "$tmp/fin" seeds/ | sed "s|$tmp/fin|OUT|" >"$tmp/fin-j$j.err"
	rm -rf "$tmp/fin"
done
for name in $("$KSCONV" --list-formats | awk '$2 ~ /\./ { print $2 }'); do
	check "$name: its writer's error is reported at the end" \
	    grep -q "^ksconv: OUT/$name: error:" "$tmp/fin-j3.err"
done
check "... -j 3 says the same, in the same order, as -j 1" \
    cmp -s "$tmp/fin-j1.err" "$tmp/fin-j3.err"

# Every file written takes its mode from the umask, as cp's and cc's do:
# 0666 less the umask (0640 under 027), for files and folder formats alike.
for mask in 027 022; do
	want=$(printf '%o' $((0666 & ~0$mask)))
	dir="$tmp/mode-$mask"
	(umask $mask && exec $KSWRAP "$KSCONV" \
	    --to "$(echo $formats | tr ' ' ,)" --base-url https://example.org/ \
	    -o "$dir" seeds/ >/dev/null 2>"$tmp/err")
	check "umask $mask: the run succeeds" [ $? -eq 0 ]
	modes=$(find "$dir" -type f -exec stat -c %a {} + | sort -u | tr '\n' ' ')
	check "umask $mask: every file is mode $want (got $modes)" \
	    [ "$modes" = "$want " ]
done

# An archive converted in place: the output folder inside the input folder
# is not read back as articles on the next run (it grew by the index and
# a copy of every page each time), and the run does not refuse to replace
# its own index.
n_seeds=$(ls seeds | wc -l)
for a in arch1 arch2 arch3; do
	mkdir "$tmp/$a" && cp seeds/* "$tmp/$a/"
done
# Run from inside the archive, as its owner would.
KSCONV=$(cd "$(dirname "$KSCONV")" && pwd)/$(basename "$KSCONV")
for r in 1 2 3; do
	(cd "$tmp/arch1" && run_ksconv -q --to html -o out .)
	check "html -o out inside the input, run $r: exit 0" [ $? -eq 0 ]
	check "html -o out inside the input, run $r: $n_seeds pages" \
	    [ "$(ls "$tmp/arch1/out/articles" | wc -l)" -eq "$n_seeds" ]
done
for r in 1 2; do
	(cd "$tmp/arch2" && run_ksconv -q --to atom,html,md,tree -o site .)
	check "several formats -o site inside the input, run $r: exit 0" [ $? -eq 0 ]
	check "... run $r: $n_seeds Markdown files" \
	    [ "$(ls "$tmp/arch2/site/md" | wc -l)" -eq "$n_seeds" ]
	check "... run $r: $n_seeds articles in the tree" \
	    [ "$(grep -c '^article ' "$tmp/arch2/site/tree.txt")" -eq "$n_seeds" ]
done
(cd "$tmp/arch3" && run_ksconv -q --to tree -o tree.txt . &&
    run_ksconv -q --to tree -o tree.txt .)
check "a tree.txt written into the input folder: the next run exits 0" \
    [ $? -eq 0 ]
check "... and does not read it as an article" \
    [ "$(grep -c '^article ' "$tmp/arch3/tree.txt")" -eq "$n_seeds" ]
run_ksconv -q --to tree -o "$tmp/t2.txt" "$tmp/arch3/tree.txt" "$tmp/arch3" \
    2>/dev/null
check "... but named as an input, it is read" \
    [ "$(grep -c '^article ' "$tmp/t2.txt")" -eq "$((n_seeds + 1))" ]

# When no article at all could be read, the outputs of the last good run
# stay as they were: a typo in the input path replaced a feed of every
# article with an empty one.
run_ksconv -q --to atom,md -o "$tmp/good" seeds/
cp "$tmp/good/feed.atom" "$tmp/good.atom"
run_ksconv -q --to atom,md -o "$tmp/good" seeds-typo/ 2>"$tmp/err"
check "no input could be read: exit 1" [ $? -eq 1 ]
check "... the feed is untouched" cmp -s "$tmp/good/feed.atom" "$tmp/good.atom"
check "... the Markdown files are untouched" \
    [ "$(ls "$tmp/good/md" | wc -l)" -eq "$n_seeds" ]
check "... and it says so" grep -q "^ksconv: error: no article could be read; nothing written" "$tmp/err"
run_ksconv -q --max-size 10 --to atom -o "$tmp/good/feed.atom" seeds/ 2>"$tmp/err"
check "every input over --max-size: exit 1, the feed untouched" \
    sh -c "[ $? -eq 1 ] && cmp -s '$tmp/good/feed.atom' '$tmp/good.atom'"
mkdir "$tmp/empty"
run_ksconv --to atom -o "$tmp/empty.atom" "$tmp/empty" 2>"$tmp/err"
check "an empty input folder: exit 0" [ $? -eq 0 ]
check "... with a warning" grep -q "^ksconv: warning: no input files found" "$tmp/err"
done_tests outputs
