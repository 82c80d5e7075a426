#!/bin/sh
# The command line as a user meets it: help, version, formats, outputs,
# config and options, standard input, --check.
. tests/lib.sh
tmp=$(mktemp -d) || exit 2
srv_pid=
trap 'rm -rf "$tmp"; [ -z "$srv_pid" ] || kill "$srv_pid" 2>/dev/null' EXIT

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
# An option for formats not asked for is said to be ignored.
run_ksconv --to md -o "$tmp/unused" --vertical --group-by month --fetch-images \
    --split-by category seeds/004_3c9ac8582064baac.txt 2>"$tmp/err"
check "options for other formats: exit 0" [ $? -eq 0 ]
for o in --vertical --group-by --fetch-images; do
	check "$o without epub: a warning" grep -q "^ksconv: warning: $o applies to --to epub only; ignored" "$tmp/err"
done
check "--split-by without a feed: a warning" grep -q "^ksconv: warning: --split-by applies to --to atom, rss or json only; ignored" "$tmp/err"
run_ksconv --to epub,atom -o "$tmp/used" --vertical --split-by category \
    seeds/004_3c9ac8582064baac.txt 2>"$tmp/err"
check "... and nothing said when they apply" sh -c "! grep -q 'applies to' '$tmp/err'"
# -v says what is read, and what was written.
run_ksconv -v --to atom,md -o "$tmp/verbose" seeds/004_3c9ac8582064baac.txt \
    2>"$tmp/err"
check "-v: says which file is read" grep -q '^ksconv: reading seeds/004_3c9ac8582064baac.txt$' "$tmp/err"
check "-v: says each output written, in --to order" sh -c \
    "grep '^ksconv: wrote ' '$tmp/err' | tr '\n' '|' | grep -qx 'ksconv: wrote $tmp/verbose/feed.atom|ksconv: wrote $tmp/verbose/md|'"
run_ksconv -v --to tree seeds/004_3c9ac8582064baac.txt 2>"$tmp/err" >/dev/null
check "-v: standard output is <stdout>" grep -q '^ksconv: wrote <stdout>$' "$tmp/err"
run_ksconv --to atom,md -o "$tmp/verbose" seeds/004_3c9ac8582064baac.txt 2>"$tmp/err"
check "without -v: nothing said of what was written" sh -c "! grep -q 'wrote' '$tmp/err'"
# A wrong option is one line in ksconv's own format, not getopt's with the
# program's full path, followed by the whole usage.
run_ksconv --bogus --to tree seeds/ >/dev/null 2>"$tmp/err"
check "an unknown long option is exit 2" [ $? -eq 2 ]
check "... said in one line: ksconv: error: unknown option '--bogus'" \
    sh -c "[ \$(wc -l <'$tmp/err') -eq 1 ] && grep -q \"^ksconv: error: unknown option '--bogus'\" '$tmp/err'"
run_ksconv -Z --to tree seeds/ >/dev/null 2>"$tmp/err"
check "an unknown short option: ksconv: error: unknown option '-Z'" \
    sh -c "[ $? -eq 2 ] && grep -q \"^ksconv: error: unknown option '-Z'\" '$tmp/err'"
run_ksconv --to tree seeds/ -o >/dev/null 2>"$tmp/err"
check "an option without its value: ksconv: error: -o needs a value" \
    sh -c "[ $? -eq 2 ] && grep -q '^ksconv: error: -o needs a value' '$tmp/err'"
run_ksconv seeds/ --title >/dev/null 2>"$tmp/err"
check "... --title needs a value" grep -q '^ksconv: error: --title needs a value' "$tmp/err"
run_ksconv --quiet=yes seeds/ >/dev/null 2>"$tmp/err"
check "a value for an option without one: --quiet=yes takes no value" \
    sh -c "[ $? -eq 2 ] && grep -q '^ksconv: error: --quiet=yes takes no value' '$tmp/err'"
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

# Values that would make an invalid feed or book (epubcheck: an empty
# dc:title; RFC 4287: an id that is not an IRI) are refused, and say why.
for o in --title --subtitle --author --lang --id --base-url; do
	run_ksconv --to atom -o "$tmp/empty-opt.atom" "$o" "" seeds/ 2>"$tmp/err"
	check "$o \"\": exit 2" [ $? -eq 2 ]
	check "$o \"\": says it must not be empty" grep -q "^ksconv: error: ${o#--} must not be empty" "$tmp/err"
done
check "... and no feed was written" [ ! -e "$tmp/empty-opt.atom" ]
printf 'title: ""\n' >"$tmp/empty.yml"
run_ksconv --to atom --config "$tmp/empty.yml" seeds/ >/dev/null 2>"$tmp/err"
check "an empty title in the config: exit 2" [ $? -eq 2 ]
for v in "not a uri" "tag" ":x"; do
	run_ksconv --to atom --id "$v" seeds/ >/dev/null 2>"$tmp/err"
	check "--id '$v': exit 2" [ $? -eq 2 ]
done
check "--id: the message names what it wants" grep -q "absolute URI" "$tmp/err"
for v in example.org/news "javascript:alert(1)//" "ftp://example.org/" "https://"; do
	run_ksconv --to atom --base-url "$v" seeds/ >/dev/null 2>"$tmp/err"
	check "--base-url '$v': exit 2" [ $? -eq 2 ]
done
check "--base-url: the message names what it wants" grep -q "http or https address" "$tmp/err"
# A --lang that is no language tag went into the feeds' xml:lang while the
# book only warned and dropped it: now refused before anything is written.
for v in x "zh CN" 12 "en-" "-en" "toolongtag"; do
	run_ksconv --to atom -o "$tmp/lang.atom" --lang "$v" seeds/ 2>"$tmp/err"
	check "--lang '$v': exit 2" [ $? -eq 2 ]
done
check "--lang: the message names what it wants" grep -q "^ksconv: error: lang must be a language tag" "$tmp/err"
check "... and no feed was written" [ ! -e "$tmp/lang.atom" ]
printf 'lang: x\n' >"$tmp/lang.yml"
run_ksconv --to atom --config "$tmp/lang.yml" seeds/ >/dev/null 2>"$tmp/err"
check "lang: x in the config: exit 2" [ $? -eq 2 ]
run_ksconv --to atom -o "$tmp/lang.atom" --lang zh_CN seeds/ 2>"$tmp/err"
check "--lang zh_CN is taken as zh-CN" grep -q 'xml:lang="zh-CN"' "$tmp/lang.atom"
run_ksconv --to atom -o "$tmp/lang.atom" --lang zh-Hant-TW seeds/ 2>"$tmp/err"
check "--lang zh-Hant-TW: fine" [ $? -eq 0 ]
run_ksconv --to atom --id urn:uuid:5a1e2c9e-0000-4000-8000-000000000001 \
    --base-url HTTP://Example.org/news/ seeds/ >/dev/null 2>&1
check "a urn: id and an upper-case HTTP:// address are fine" [ $? -eq 0 ]

# The progress bar: on a terminal (script(1) gives ksconv one), once a run
# is past its first second; never with -q, never into a file.  The run is
# made slow by a server that takes 0.4 s per picture, one for each of four
# articles, fetched as the book gets them (one thread: -j 1).
if "$KSCONV" --help | grep -q -- '--fetch-images' &&
    command -v script >/dev/null 2>&1; then
	mkdir "$tmp/www"
	# A 1x1 PNG.
	echo 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==' |
	    base64 -d >"$tmp/www/p.png"
	for i in 1 2 3 4; do cp "$tmp/www/p.png" "$tmp/www/p$i.png"; done
	start_httpd "$tmp/www" 0.4
	mkdir "$tmp/slow"
	for i in 1 2 3 4; do
		printf -- '---\ntitle: Slow %s\ndate: 2022-01-0%sT00:00:00Z\n---\n' \
		    "$i" "$i" >"$tmp/slow/a$i.md"
		printf 'A picture ![p%s](http://127.0.0.1:%s/p%s.png).\n' \
		    "$i" "$port" "$i" >>"$tmp/slow/a$i.md"
	done
	export no_proxy=127.0.0.1 NO_PROXY=127.0.0.1
	# Each run has an empty cache, so each waits for the pictures.
	slow="--to epub --images embed --fetch-images -j 1 --title Slow"
	XDG_CACHE_HOME=$tmp/c1 script -qec \
	    "'$KSCONV' $slow -o '$tmp/tty.epub' '$tmp/slow'" \
	    /dev/null </dev/null >"$tmp/tty.out" 2>&1
	check "progress: on a terminal, a run of over a second shows the bar" \
	    grep -q '\] [34]/4 articles, [0-9]*/s, [0-9]*s left' "$tmp/tty.out"
	check "progress: its last drawing says 4/4" sh -c \
	    "tr '\r' '\n' <'$tmp/tty.out' | grep -a 'articles, ' | tail -n 1 |
	    grep -q '^\[#*\] 4/4 articles, '"
	check "progress: the bar is erased at the end" sh -c \
	    "tail -c 4 '$tmp/tty.out' | od -An -c | tr -d ' ' | grep -qx '\\\\r033\\[K'"
	check "progress: the book is written" test -s "$tmp/tty.epub"
	XDG_CACHE_HOME=$tmp/c2 script -qec \
	    "'$KSCONV' -q $slow -o '$tmp/q.epub' '$tmp/slow'" \
	    /dev/null </dev/null >"$tmp/q.out" 2>&1
	check "progress: none with -q" sh -c "! grep -q 'articles, ' '$tmp/q.out'"
	check "progress: -q writes the same book" cmp -s "$tmp/tty.epub" "$tmp/q.epub"
	# shellcheck disable=SC2086
	XDG_CACHE_HOME=$tmp/c3 "$KSCONV" $slow -o "$tmp/file.epub" "$tmp/slow" \
	    2>"$tmp/file.err"
	check "progress: none when standard error is a file" \
	    sh -c "! grep -q 'articles, ' '$tmp/file.err'"
	kill "$srv_pid" 2>/dev/null
	wait "$srv_pid" 2>/dev/null
	srv_pid=
fi
done_tests cli
