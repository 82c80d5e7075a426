#!/bin/sh
# The html writer: a site of index.html + articles/SLUG.html that libxml2's
# HTML parser reads without a complaint, without junk, with every local
# link resolving, newest first, deterministic.
. tests/lib.sh
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

run_ksconv --to html -o "$tmp/site" seeds/ 2>"$tmp/err"
check "ksconv --to html -o DIR seeds/ exits 0" [ $? -eq 0 ]
check "index.html is written" [ -f "$tmp/site/index.html" ]
check "five article pages" [ "$(ls "$tmp/site/articles" | grep -c '\.html$')" -eq 5 ]
check "nothing else in the folder" [ "$(ls -A "$tmp/site" | tr '\n' ' ')" = "articles index.html " ]

pages() { find "$1" -name '*.html' | LC_ALL=C sort; }

for p in $(pages "$tmp/site"); do
	n=${p#"$tmp/site/"}
	out=$(xmllint --html --noout "$p" 2>&1)
	check "$n: xmllint --html says nothing" [ -z "$out" ] && [ $? -eq 0 ]
	check "$n: HTML5 doctype and utf-8" sh -c "head -n 1 '$p' | grep -qx '<!DOCTYPE html>' && grep -q '<meta charset=\"utf-8\">' '$p'"
	check "$n: viewport" grep -q '<meta name="viewport" content="width=device-width, initial-scale=1">' "$p"
	check "$n: lang=\"zh\"" grep -q '^<html lang="zh">$' "$p"
	check "$n: a title" grep -q '<title>[^<]' "$p"
	# The junk of the seeds, and anything active, must not reach a page.
	for junk in 'display:none' 'display: none' EM_StockImg webquoteklinepic \
	    cors.zfour.workers.dev data-vmark referrerpolicy 返回首页 文章来源 \
	    '<script' '<iframe' 'onclick' 'onerror' 'javascript:'; do
		if grep -qiF -- "$junk" "$p"; then fail "$n: junk: $junk"; else pass; fi
	done
	# Tags only: a code block may show escaped markup as its text.
	sed -n '/<body>/,$p' "$p" | grep -oE '<[a-z0-9]+ [^>]*>' >"$tmp/tags"
	check "$n: no style= in the body but a table cell's alignment" \
		sh -c "! grep -o ' style=\"[^\"]*\"' '$tmp/tags' | grep -vq '^ style=\"text-align: [a-z]*\"\$'"
	# Every link: absolute http(s), or relative to a file in the site.
	dir=$(dirname "$p")
	grep -oE '<[a-z]+ [^>]*>' "$p" | grep -oE ' (href|src)="[^"]*"' |
		sed 's/^ [a-z]*="//; s/"$//' >"$tmp/links"
	while IFS= read -r u; do
		case $u in
		http://*|https://*) pass ;;
		*:*|/*|'') fail "$n: not absolute http(s) nor relative: $u" ;;
		*) if [ -f "$dir/$u" ]; then pass; else fail "$n: $u: no such file"; fi ;;
		esac
	done <"$tmp/links"
done

idx="$tmp/site/index.html"
grep -o '<a href="articles/[^"]*">[^<]*</a>' "$idx" | sed 's/.*">//; s/<.*//' >"$tmp/order"
check "the index lists five articles" [ "$(wc -l <"$tmp/order")" -eq 5 ]
check "newest first: 共享芬芳… on top" sh -c "head -n 1 '$tmp/order' | grep -q '^共享芬芳、共铸美好'"
check "the undated-time seed 003 (2021-02-27) is last" sh -c "tail -n 1 '$tmp/order' | grep -q '^“我国脱贫攻坚战取得了全面胜利!”$'"
grep -o '<span class="date" title="[^"]*"' "$idx" | sed 's/.*title="//; s/"//' >"$tmp/dates"
check "dates descend" sh -c "sort -r '$tmp/dates' | cmp -s - '$tmp/dates'"
check "dates read as Chinese dates" grep -q '>2022年7月19日</span>' "$idx"
check "the index links no feed when html runs alone" sh -c "! grep -q 'feed\\.' '$idx'"
check "summaries are shown" [ "$(grep -c '<p class="summary">' "$idx")" -eq 5 ]

p4=$(grep -l 'finews.zning.xyz' "$tmp/site/articles/"*.html)
check "004's page links to its original" [ -n "$p4" ]
check "004's byline: its source stands in for the author, with the date" \
	grep -qF '<p class="byline"><span class="author">中国新闻网</span> · <span class="date" title="2022-04-08T17:57:45+08:00">2022年4月8日</span></p>' "$p4"
check "004's body keeps its images" [ "$(grep -c '<img src="https://' "$p4")" -ge 1 ]
check "each page has one h1, its title" sh -c "for p in '$tmp'/site/articles/*.html; do [ \$(grep -c '<h1>' \"\$p\") -eq 1 ] || exit 1; done"
check "each page links back to the index" sh -c "for p in '$tmp'/site/articles/*.html; do grep -q 'href=\"../index.html\"' \"\$p\" || exit 1; done"

run_ksconv --to html -o "$tmp/again" seeds/ 2>/dev/null
check "run twice: byte-identical" diff -r "$tmp/site" "$tmp/again"

run_ksconv --images drop --to html -o "$tmp/noimg" seeds/ 2>/dev/null
check "--images drop drops the images" sh -c "! grep -q '<img' '$tmp'/noimg/articles/*.html"

# Escaping: metadata is text, never markup.
mkdir "$tmp/in"
printf -- '---\ntitle: "A <b>&amp; \\"quoted\\" title"\ndate: 2021-04-08T09:00:00Z\nauthor: "Jo <i>Doe</i>"\nlang: en\n---\nSome *text* with a <script>alert(1)</script> tag.\n' >"$tmp/in/a.md"
printf -- '---\ntitle: Same Title\ndate: 2021-01-01\nlang: en\n---\nFirst.\n' >"$tmp/in/b.md"
printf -- '---\ntitle: Same Title\ndate: 2021-01-02\nlang: en\n---\nSecond.\n' >"$tmp/in/c.md"
printf -- '---\ntitle: No date\nlang: en\n---\nUndated text.\n' >"$tmp/in/d.md"
run_ksconv --to html --title 'T & <T>' -o "$tmp/esc" "$tmp/in" 2>/dev/null
check "slug collisions: same-title.html and same-title-2.html" \
	sh -c "grep -q First '$tmp/esc/articles/same-title.html' && grep -q Second '$tmp/esc/articles/same-title-2.html'"
check "metadata is escaped" grep -q '<title>T &amp; &lt;T&gt;</title>' "$tmp/esc/index.html"
check "no markup from metadata or body" sh -c "! grep -rq '<b>\\|<i>\\|<script' '$tmp/esc'"
check "a title with & is escaped in the page" grep -q '^<h1>A &amp; "quoted" title</h1>$' "$tmp/esc/articles/a-quoted-title.html"
check "English dates" grep -q '>8 April 2021</span>' "$tmp/esc/index.html"
check "English page: lang=\"en\"" grep -q '^<html lang="en">$' "$tmp/esc/index.html"
grep -o '<a href="articles/[^"]*"' "$tmp/esc/index.html" | sed 's/.*articles\///; s/"//' >"$tmp/order"
check "undated last, then newest first" [ "$(tr '\n' ' ' <"$tmp/order")" = \
	"a-quoted-title.html same-title-2.html same-title.html no-date.html " ]
for p in $(pages "$tmp/esc"); do
	check "${p#"$tmp/"}: xmllint --html says nothing" [ -z "$(xmllint --html --noout "$p" 2>&1)" ]
done

# Several formats share -o DIR: the CLI hands html DIR/index.html.
run_ksconv --to html,tree -o "$tmp/multi" seeds/ 2>/dev/null
check "-o DIR with several formats: DIR/index.html and DIR/articles/" \
	sh -c "[ -f '$tmp/multi/index.html' ] && [ \$(ls '$tmp/multi/articles' | wc -l) -eq 5 ] && [ -f '$tmp/multi/tree.txt' ]"

# The whole site of DESIGN §2, when the feed writers are there: every link
# of the feeds resolves to a page of the site or an original article.
if [ "$("$KSCONV" --list-formats | cut -d' ' -f1 | grep -cxE 'atom|rss|json')" -eq 3 ]; then
	base=https://example.org/news/
	run_ksconv --to atom,rss,json,html --base-url $base -o "$tmp/full" seeds/ 2>/dev/null
	check "--to atom,rss,json,html -o DIR exits 0" [ $? -eq 0 ]
	for f in feed.atom feed.rss feed.json; do
		check "the index links $f, which exists" sh -c "grep -q 'href=\"$f\"' '$tmp/full/index.html' && [ -f '$tmp/full/$f' ]"
	done
	/usr/bin/python3 - "$tmp/full" "$base" <<'PY' >"$tmp/links" 2>&1
import json, os, sys, urllib.parse, xml.etree.ElementTree as ET
site, base = sys.argv[1], sys.argv[2]
A = '{http://www.w3.org/2005/Atom}'
atom = ET.parse(os.path.join(site, 'feed.atom'))
rss = ET.parse(os.path.join(site, 'feed.rss'))
feed = json.load(open(os.path.join(site, 'feed.json'), encoding='utf-8'))
links = [l.get('href') for l in atom.iter(A + 'link')]
links += [l.text for l in rss.iter('link')]
links += [l.get('href') for l in rss.iter(A + 'link')]
links += [feed.get('home_page_url'), feed.get('feed_url')]
links += [i.get('url') for i in feed['items']]
for u in filter(None, links):
    if u.startswith(base):
        rel = urllib.parse.unquote(u[len(base):]) or 'index.html'
        print('ok' if os.path.isfile(os.path.join(site, rel)) else 'missing', u)
    else:
        print('ok' if u.startswith(('http://', 'https://')) else 'bad', u)
PY
	check "the feeds hold links" [ "$(grep -c '^ok ' "$tmp/links")" -ge 15 ]
	check "every feed link resolves in the site or is an original" sh -c "! grep -v '^ok ' '$tmp/links'"
	grep -v '^ok ' "$tmp/links" >&2
	check "pages without an original link are the feeds' entry links" \
		grep -q "^ok ${base}articles/.*\\.html\$" "$tmp/links"
fi

run_ksconv --to html -o "$tmp/no/such/site" seeds/ 2>"$tmp/err"
check "a missing parent folder is exit 2" [ $? -eq 2 ]
check "... with a message naming the missing folder" \
    grep -q "error: the folder $tmp/no/such does not exist" "$tmp/err"
run_ksconv --to html -o - seeds/ >/dev/null 2>"$tmp/err"
check "-o - is exit 2" [ $? -eq 2 ]
# Alone without -o: index.html and articles/ in the current folder.
ks=$(cd "$(dirname "$KSCONV")" && pwd)/$(basename "$KSCONV")
top=$(pwd)
mkdir "$tmp/cwd"
(cd "$tmp/cwd" && $KSWRAP "$ks" --to html "$top/seeds/004_3c9ac8582064baac.txt" 2>/dev/null)
check "without -o: ./index.html and ./articles/" sh -c "[ -f '$tmp/cwd/index.html' ] && [ \$(ls '$tmp/cwd/articles' | wc -l) -eq 1 ]"

# The index speaks the language most articles have; on a tie, the one
# seen first in the index (newest first).
mkdir "$tmp/langs"
art() {	# FILE LANG DATE
	printf -- '---\ntitle: T %s\nlang: %s\ndate: %s\n---\nText %s.\n' \
	    "$1" "$2" "$3" "$1" >"$tmp/langs/$1.md"
}
art a en 2020-01-03
art b zh 2020-01-02
art c zh 2020-01-01
run_ksconv --to html -o "$tmp/langs-site" "$tmp/langs" 2>/dev/null
check "index language: the most articles' (zh over en)" \
    grep -q '^<html lang="zh">$' "$tmp/langs-site/index.html"
rm "$tmp/langs/c.md"
run_ksconv --to html -o "$tmp/langs-tie" "$tmp/langs" 2>/dev/null
check "index language: a tie goes to the newest article's (en)" \
    grep -q '^<html lang="en">$' "$tmp/langs-tie/index.html"

# Pages are written on the reading threads before they are named: a
# duplicate dropped later leaves no temporary behind, and a write that
# fails names the input whose page it was.
seeds_twice "$tmp/dupin"
run_ksconv -j 2 --to html -o "$tmp/dup" "$tmp/dupin" 2>"$tmp/err"
check "duplicates at -j 2: exit 0" [ $? -eq 0 ]
check "... one page per article" \
    [ "$(ls -a "$tmp/dup/articles" | grep -c '\.html$')" -eq "$(ls seeds | wc -l)" ]
check "... and no temporary file is left" \
    sh -c "! find '$tmp/dup' -name '*tmp*' | grep -q ."
sh -c 'trap "" XFSZ; ulimit -f 2; exec "$@"' sh $KSWRAP "$KSCONV" \
    --to html -o "$tmp/big" seeds/ 2>"$tmp/err"
check "a page too large to write: exit 2" [ $? -eq 2 ]
check "... reported with the input it came from" grep -q \
    "big/articles: error: cannot write the file of seeds/.*: File too large" \
    "$tmp/err"
check "... and no temporary file is left" \
    sh -c "! find '$tmp/big' -name '*tmp*' | grep -q ."

# A symbolic link where a page goes is not replaced, as in the Markdown
# writer: the other pages and the index are still written.
mkdir -p "$tmp/sym/articles"
: >"$tmp/symtarget"
ln -s "$tmp/symtarget" "$tmp/sym/articles/same-title.html"
run_ksconv --to html -o "$tmp/sym" "$tmp/in" 2>"$tmp/err"
check "a symbolic link in the way of a page: exit 2" [ $? -eq 2 ]
check "... reported by its path" grep -q \
    "sym/articles/same-title.html: error: is a symbolic link" "$tmp/err"
check "... still a link, its target untouched" \
    sh -c "[ -L '$tmp/sym/articles/same-title.html' ] && [ ! -s '$tmp/symtarget' ]"
check "... the other pages and the index written" sh -c \
    "grep -q Second '$tmp/sym/articles/same-title-2.html' && [ -f '$tmp/sym/index.html' ]"
check "... and no temporary file is left" \
    sh -c "! find '$tmp/sym' -name '*tmp*' | grep -q ."

done_tests html
