#!/bin/sh
# The command line as a user meets it: help, version, formats, outputs,
# config and options, standard input, --check.
. tests/lib.sh
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

"$KSCONV" --help >"$tmp/out" 2>&1
check "--help exits 0 and shows the usage" grep -q '^usage: ksconv' "$tmp/out"
check "--version names the version" sh -c "'$KSCONV' --version | grep -Eq '^ksconv [0-9]+\.[0-9]+'"
# libcurl and its 33 libraries doubled the start-up of every run: it is
# opened for --fetch-images alone (run-epub.sh fetches through it).
if command -v readelf >/dev/null 2>&1; then
	check "ksconv is not linked to libcurl" sh -c \
	    "! readelf -d '$KSCONV' | grep NEEDED | grep -q libcurl"
fi
# Every library allocates through mimalloc, linked ahead of them all
# (glibc's malloc was a fifth of a run). A sanitizer's runtime brings an
# allocator of its own: those builds are not linked to mimalloc.
if command -v readelf >/dev/null 2>&1 &&
    ! readelf -d "$KSCONV" | grep -Eq 'NEEDED.*lib[atu]san'; then
	check "mimalloc is the first library ksconv loads" sh -c \
	    "readelf -d '$KSCONV' | grep NEEDED | head -1 | grep -q libmimalloc"
	check "mimalloc serves ksconv's allocations" sh -c \
	    "MIMALLOC_SHOW_STATS=1 '$KSCONV' --version 2>&1 | grep -q 'heap stats'"
fi
check "--list-formats lists tree" sh -c "'$KSCONV' --list-formats | grep -q '^tree '"
for w in $("$KSCONV" --list-formats | cut -d' ' -f1); do
	check "--help lists the format $w" grep -q "^  $w " "$tmp/out"
done

mkdir "$tmp/dir"
run_ksconv --to tree -o "$tmp/dir" seeds/004_3c9ac8582064baac.txt 2>/dev/null
check "a file format given a folder writes into it" grep -q '^article ' "$tmp/dir/tree.txt"
run_ksconv --to tree -o "$tmp/one.txt" seeds/004_3c9ac8582064baac.txt 2>/dev/null
check "-o FILE writes the file" grep -q '^article ' "$tmp/one.txt"
check "no temporary file is left" sh -c "! ls '$tmp' | grep -q tmp-"

run_ksconv --to tree - <seeds/003_024a42d1340e107e.txt >"$tmp/stdin" 2>/dev/null
check "- reads standard input" grep -q '^article "<stdin>"' "$tmp/stdin"

run_ksconv --check seeds/ >"$tmp/check" 2>&1
check "--check on the seeds exits 0 and writes nothing" [ $? -eq 0 ] && [ ! -s "$tmp/check" ]

printf 'title: From config\nauthor: Config Author\ntimezone: "+08:00"\n' >"$tmp/k.yml"
printf -- '---\ntitle: Zone-less\ndate: 2021-12-08 12:21:31\n---\nText.\n' >"$tmp/z.md"
run_ksconv --config "$tmp/k.yml" --to tree "$tmp/z.md" >"$tmp/out" 2>&1
check "config timezone applies to zone-less dates" grep -q 'date: 2021-12-08T04:21:31Z (2021-12-08T12:21:31+08:00, no zone)' "$tmp/out"
printf 'title: [broken\n' >"$tmp/bad.yml"
run_ksconv --config "$tmp/bad.yml" --to tree "$tmp/z.md" >/dev/null 2>"$tmp/err"
check "a broken config is exit 2 with its line" sh -c "[ $? -eq 2 ] && grep -q 'bad.yml:[0-9]*: error' '$tmp/err'"
printf 'colour: blue\n' >"$tmp/unk.yml"
run_ksconv --config "$tmp/unk.yml" --to tree "$tmp/z.md" >/dev/null 2>"$tmp/err"
check "an unknown setting is a warning" grep -q "unk.yml:1: warning: unknown setting 'colour'" "$tmp/err"

run_ksconv --to tree,tree seeds/004_3c9ac8582064baac.txt >"$tmp/out" 2>/dev/null
check "a format named twice runs once" [ "$(grep -c '^article ' "$tmp/out")" -eq 1 ]
run_ksconv --limit x --to tree seeds/ >/dev/null 2>"$tmp/err"
check "--limit x is exit 2" sh -c "[ $? -eq 2 ] && grep -q 'limit takes a number' '$tmp/err'"
run_ksconv --images none --to tree seeds/ >/dev/null 2>"$tmp/err"
check "--images none is exit 2" [ $? -eq 2 ]
SOURCE_DATE_EPOCH=abc "$KSCONV" --to tree seeds/ >/dev/null 2>"$tmp/err"
check "a bad SOURCE_DATE_EPOCH is exit 2" [ $? -eq 2 ]

ln -s /nonexistent "$tmp/dangling.md" 2>/dev/null
mkdir -p "$tmp/walk/.hidden" "$tmp/walk/sub"
cp seeds/004_3c9ac8582064baac.txt "$tmp/walk/sub/a.md"
cp seeds/003_024a42d1340e107e.txt "$tmp/walk/.hidden/b.md"
cp seeds/003_024a42d1340e107e.txt "$tmp/walk/c.pdf"
run_ksconv --to tree "$tmp/walk" >"$tmp/out" 2>/dev/null
check "folders: subfolders walked, hidden and other extensions skipped" \
	[ "$(grep -c '^article ' "$tmp/out")" -eq 1 ]
# Links: to a file it is read, to a folder it is not followed (folders can
# loop), and a dangling one is reported and skipped.
mkdir -p "$tmp/links/real" "$tmp/elsewhere"
cp seeds/004_3c9ac8582064baac.txt "$tmp/elsewhere/linked.md"
cp seeds/003_024a42d1340e107e.txt "$tmp/elsewhere/inside.md"
cp seeds/002_fcbe19827e66f562.txt "$tmp/links/real/plain.txt"
ln -s "$tmp/elsewhere/linked.md" "$tmp/links/link.md"
ln -s "$tmp/elsewhere" "$tmp/links/folder"
ln -s /nonexistent "$tmp/links/dangling.md"
run_ksconv --to tree "$tmp/links" >"$tmp/out" 2>"$tmp/err"
check "links: a linked file is read, a linked folder is not walked" \
	[ "$(grep -c '^article ' "$tmp/out")" -eq 2 ]
check "... the linked file is the one read" grep -q "^article \".*/links/link.md\"" "$tmp/out"
check "... a dangling link is reported" \
	grep -q "dangling.md: warning: skipped: No such file" "$tmp/err"
cp seeds/004_3c9ac8582064baac.txt "$tmp/in.txt"
cp "$tmp/in.txt" "$tmp/in.orig"
run_ksconv --to tree -o "$tmp/in.txt" "$tmp/in.txt" >/dev/null 2>"$tmp/err"
check "an output that is an input file is refused (exit 2)" [ $? -eq 2 ]
check "... with a message" grep -q "in.txt: error: refusing to overwrite an input" "$tmp/err"
check "... and the input is untouched" cmp -s "$tmp/in.txt" "$tmp/in.orig"
# Threads read in parallel; output and messages never depend on them.
run_ksconv -j 1 --to tree seeds/ tests/fixtures/ >"$tmp/j1" 2>"$tmp/j1.err"
run_ksconv -j 3 --to tree seeds/ tests/fixtures/ >"$tmp/j3" 2>"$tmp/j3.err"
check "-j 3 writes the same bytes as -j 1" cmp -s "$tmp/j1" "$tmp/j3"
check "-j 3 prints the same messages in the same order" cmp -s "$tmp/j1.err" "$tmp/j3.err"
run_ksconv -j 0 --to tree seeds/ >/dev/null 2>&1
check "-j 0 is exit 2" [ $? -eq 2 ]
done_tests cli
