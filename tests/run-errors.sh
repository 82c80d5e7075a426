#!/bin/sh
# Bad input: each case is reported by name (and line), the exit status is
# right, other files still convert, and nothing hangs (every run has a
# time limit).
. tests/lib.sh
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# expect NAME STATUS PATTERN FILE...: runs ksconv --to tree on the files and
# checks the exit status and that stderr matches the extended regex (when
# the pattern is not empty).
expect() {
	name=$1; want=$2; pattern=$3; shift 3
	timeout 20 $KSWRAP "$KSCONV" --to tree "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "$name: exit $got, want $want"; cat "$tmp/err" >&2; return
	fi
	if [ -z "$pattern" ] || grep -Eq -- "$pattern" "$tmp/err"; then pass
	else fail "$name: no message matching '$pattern'"; cat "$tmp/err" >&2; fi
}

good="$tmp/good.md"
printf -- '---\ntitle: Good\n---\nSome text that converts.\n' >"$good"

: >"$tmp/empty.md"
expect "empty file" 1 "^ksconv: $tmp/empty.md: error: empty file$" "$tmp/empty.md" "$good"
grep -q 'title: "Good"' "$tmp/out" && pass || fail "the good file still converts next to a bad one"

printf '   \n\n\t\n' >"$tmp/blank.txt"
expect "white space only" 1 "blank.txt:1: error: no text" "$tmp/blank.txt"

head -c 4096 /dev/urandom >"$tmp/junk.txt"
printf '\0' >>"$tmp/junk.txt"
expect "binary junk" 1 "junk.txt: error: binary file" "$tmp/junk.txt"

printf -- '---\ntitle: never closed\ndate: 2021-01-01\n\nbody text\n' >"$tmp/open.md"
expect "unterminated front matter" 1 "open.md:1: error: .*never closed" "$tmp/open.md" "$good"

{ printf -- '---\na: &a ["x","x","x","x","x","x","x","x","x"]\n'
  printf 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
  printf 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
  printf 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n'
  printf 'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n'
  printf 'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n'
  printf 'g: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n---\nbody\n'; } >"$tmp/bomb.md"
expect "YAML alias bomb" 1 "bomb.md:[0-9]+: error: .*alias" "$tmp/bomb.md"

{ printf -- '---\ntitle: deep\ntags: '; head -c 30000 /dev/zero | tr '\0' '['
  printf '\n---\nbody\n'; } >"$tmp/flow.md"
expect "30 000 nested YAML flow sequences" 1 "flow.md:[0-9]+: error: .*(deep|nest)" "$tmp/flow.md"

printf -- '---\ntitle: [unclosed\n---\nbody\n' >"$tmp/badyaml.md"
expect "YAML syntax error" 1 "badyaml.md:[0-9]+: error: YAML" "$tmp/badyaml.md"

{ printf '<html><body>'; i=0; while [ $i -lt 20000 ]; do printf '<div>'; i=$((i+1)); done
  printf 'deep text survives'; i=0; while [ $i -lt 20000 ]; do printf '</div>'; i=$((i+1)); done
  printf '</body></html>\n'; } >"$tmp/deep.html"
expect "20 000 nested divs" 0 "" "$tmp/deep.html"
grep -q 'deep text survives' "$tmp/out" && pass || fail "20 000 nested divs: the text is lost"

printf 'x' >"$tmp/big.txt"; head -c 2000 /dev/zero | tr '\0' 'a' >>"$tmp/big.txt"
timeout 20 $KSWRAP "$KSCONV" --to tree --max-size 1000 "$tmp/big.txt" >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] && grep -q 'big.txt: error: larger than the limit of 1000 bytes' "$tmp/err" && pass ||
	fail "--max-size refuses a larger file"

expect "missing input" 1 "nope.md: error: cannot read" "$tmp/nope.md" "$good"

timeout 20 "$KSCONV" --to nosuch "$good" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "unknown format 'nosuch'" "$tmp/err" && pass || fail "unknown format is exit 2"
timeout 20 "$KSCONV" --to tree >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "no input" "$tmp/err" && pass || fail "no input is exit 2"
timeout 20 "$KSCONV" --bogus "$good" >/dev/null 2>&1
[ $? -eq 2 ] && pass || fail "an unknown option is exit 2"

printf -- '---\ndate: not a date at all\ntitle: Undated\n---\ntext\n' >"$tmp/baddate.md"
expect "unreadable date is a warning" 0 "baddate.md:2: warning: cannot read the date" "$tmp/baddate.md"

printf -- '---\ntitle: Dup A\n---\nThe same words.\n' >"$tmp/dup1.md"
printf -- '---\ntitle: Dup A\n---\nThe  same words.\n' >"$tmp/dup2.md"
expect "duplicates kept once" 0 "dup2.md: warning: the same text as .*dup1.md; kept once" "$tmp/dup1.md" "$tmp/dup2.md"
[ "$(grep -c '^article ' "$tmp/out")" -eq 1 ] && pass || fail "a duplicate is kept once"
grep -q "same id" "$tmp/err" && fail "a duplicate text is not also a duplicate id" || pass

# Two articles from one source link get one id: both are kept, and the
# second is reported, as a feed reader would show only one of them.
printf -- '---
title: Link A
link: https://example.org/news/1
---
One story.
' >"$tmp/link1.md"
printf -- '---
title: Link B
link: https://example.org/news/1
---
Another.
' >"$tmp/link2.md"
expect "one link, one id: reported" 0 \
    "link2.md: warning: the same id as .*link1.md \(urn:uuid:[0-9a-f-]{36}\): feed readers show only one of them" \
    "$tmp/link1.md" "$tmp/link2.md"
[ "$(grep -c '^article ' "$tmp/out")" -eq 2 ] && pass || fail "articles with one id are both kept"
printf -- '---
title: Link C
link: https://example.org/news/2
---
A third.
' >"$tmp/link3.md"
expect "different links: no id warning" 0 "" "$tmp/link1.md" "$tmp/link3.md"
grep -q "same id" "$tmp/err" && fail "different links are different ids" || pass

# A value quoted in a message is shown with its control bytes as \xNN, as
# a file name is: raw, a terminal escape reached the terminal and a block
# scalar split the one-line FILE:LINE message.
printf -- '---\ntitle: E\ndate: "x\\e[31mRED"\n---\nBody.\n' >"$tmp/esc.md"
printf -- '---\ntitle: B\ndate: |\n  not\n  a date\n---\nBody.\n' >"$tmp/block.md"
run_ksconv --to tree -o "$tmp/esc.txt" "$tmp/esc.md" "$tmp/block.md" 2>"$tmp/err"
check "an escape in a value is written as \\x1b" \
    grep -qF 'x\x1b[31mRED' "$tmp/err"
check "... no raw control byte reaches standard error" \
    sh -c "! LC_ALL=C grep -q '[[:cntrl:]]' '$tmp/err'"
check "... a value over several lines stays on the message's line" \
    sh -c "[ \$(grep -c '' '$tmp/err') -eq \$(grep -c '^ksconv: ' '$tmp/err') ]"

done_tests errors
