#!/bin/sh
# The sanitizing proof: two fixtures full of XSS vectors (an HTML page and
# a Markdown post with raw HTML and front matter) go through every format
# in the registry; no vector may survive in any output, read the way the
# software that opens it reads it (tests/hostile/check_safe.py), while the
# articles' real text does.
. tests/lib.sh
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
PY=/usr/bin/python3
if [ -n "$KSWRAP" ]; then tmo=600; else tmo=60; fi
fixtures="tests/hostile/xss.html tests/hostile/xss.md"
safe="Safe text one. Safe text two. Safe text three. Safe text four. Safe text five. Safe text six. Safe text seven."

# safe_check DIR: the checker, with the seven sentences that must stay.
safe_check() {
	$PY tests/hostile/check_safe.py "$1" "Safe text one." "Safe text two." \
	    "Safe text three." "Safe text four." "Safe text five." \
	    "Safe text six." "Safe text seven." >"$tmp/problems" 2>&1
}

# The checker itself must see the vectors: the fixtures as they are fail,
# on each kind of vector.
mkdir "$tmp/raw"
cp $fixtures "$tmp/raw/"
safe_check "$tmp/raw"
for v in 'element <script>' 'element <iframe>' 'element <svg>' \
    'element <form>' 'element <base>' 'onclick=\.\.\.> event handler' \
    "href=.JaVaScRiPt:" "href=.vbscript:" \
    "href=.data:text/html" "srcset=" "formaction" "http-equiv=refresh" \
    "hidden paragraph" "xss.md: <a href=.javascript:alert" \
    "xss.md: element <object>"; do
	check "the checker sees '$v' in the raw fixtures" \
	    grep -q -- "$v" "$tmp/problems"
done

formats=$("$KSCONV" --list-formats | cut -d' ' -f1)
all=$(echo $formats | tr ' ' ,)

# Each format alone, into a folder of its own, so what it wrote is known.
for w in $formats; do
	mkdir "$tmp/$w"
	timeout $tmo $KSWRAP "$KSCONV" -q --to "$w" -o "$tmp/$w" $fixtures \
	    >"$tmp/$w.out" 2>"$tmp/$w.err"
	rc=$?
	check "$w: the XSS fixtures convert (exit $rc)" [ "$rc" -eq 0 ]
	if safe_check "$tmp/$w"; then
		pass
	else
		fail "$w: active content survives or text is lost:"
		head -n 20 "$tmp/problems" >&2
	fi
done

# Every format at once, under the image modes and with a base URL.
for opts in "" "--images link --base-url https://example.org/site/" \
    "--images drop" "--images embed"; do
	rm -rf "$tmp/all"
	# shellcheck disable=SC2086
	timeout $tmo $KSWRAP "$KSCONV" -q --to "$all" -o "$tmp/all" $opts \
	    $fixtures >/dev/null 2>"$tmp/all.err"
	rc=$?
	check "all formats ${opts:+($opts) }convert (exit $rc)" [ "$rc" -eq 0 ]
	if safe_check "$tmp/all"; then
		pass
	else
		fail "all formats ${opts:+($opts) }: active content survives:"
		head -n 20 "$tmp/problems" >&2
	fi
done
done_tests xss
