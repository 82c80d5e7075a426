#!/bin/sh
# The feeds as readers meet them: Atom checked against the RFC 4287
# grammar (tests/schema/atom.rnc) with jing, RSS 2.0 and Atom parsed by
# python3-feedparser and loaded by newsboat, a real feed reader; JSON Feed
# 1.1 checked against its rules; order, ids, determinism, bad characters,
# --limit, SOURCE_DATE_EPOCH, atomic writes, links into the html site, and
# large feeds: entries spilled to a temporary file, memory that does not
# grow with them, the same bytes with any number of threads.
. tests/lib.sh
PY=/usr/bin/python3	# Debian's, with python3-feedparser
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
BASE=https://example.org/news/
ORIG004='http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202204082336871455'

# feedcheck FILE KIND N: feedparser (no bozo, version, N entries, each
# with title, link, id, parsed date, author, content) and strict date
# syntax. Prints the problems, nothing when all is well.
cat >"$tmp/feedcheck.py" <<'EOF'
import re, sys, email.utils, feedparser
import xml.etree.ElementTree as ET
path, kind, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
d = feedparser.parse(path)
p = []
if d.bozo:
    p.append('bozo: %s' % d.bozo_exception)
if d.version != {'atom': 'atom10', 'rss': 'rss20'}[kind]:
    p.append('version %r' % d.version)
if len(d.entries) != n:
    p.append('%d entries, not %d' % (len(d.entries), n))
if not d.feed.get('title'):
    p.append('feed without title')
for i, e in enumerate(d.entries):
    for k in ('title', 'link', 'id', 'published_parsed', 'author', 'content'):
        if not e.get(k):
            p.append('entry %d without %s' % (i, k))
if len(set(e.get('id') for e in d.entries)) != len(d.entries):
    p.append('ids not unique')
RFC3339 = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$')
RFC822 = re.compile(r'^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$')
A = '{http://www.w3.org/2005/Atom}'
for el in ET.parse(path).getroot().iter():
    t = el.text or ''
    if el.tag in (A + 'updated', A + 'published') and not RFC3339.match(t):
        p.append('not RFC 3339: %r' % t)
    if el.tag in ('pubDate', 'lastBuildDate'):
        if not RFC822.match(t):
            p.append('not RFC 822 with weekday and numeric zone: %r' % t)
        elif email.utils.parsedate_to_datetime(t).strftime('%a') != t[:3]:
            p.append('wrong weekday: %r' % t)
print('; '.join(p[:4]))
EOF
feedcheck() { # FILE KIND N
	out=$($PY "$tmp/feedcheck.py" "$@" 2>&1)
	if [ -z "$out" ]; then pass; else fail "feedparser/dates $1: $out"; fi
}

# jing with our RFC 4287 grammar, plus the appendix's two Schematron rules.
atomcheck() { # FILE
	if jing -c tests/schema/atom.rnc "$1" >"$tmp/jing" 2>&1; then pass; else
		fail "RFC 4287 schema: $1: $(head -n 2 "$tmp/jing")"; fi
	A='namespace-uri()="http://www.w3.org/2005/Atom"'
	k=$(xmllint --xpath "count(/*[not(*[local-name()='author' and $A])]/*[local-name()='entry'][not(*[local-name()='author'])])" "$1" 2>/dev/null)
	check "RFC 4287 4.1.1: every entry has an author when the feed has none ($1)" [ "${k:-1}" = 0 ]
	k=$(xmllint --xpath "count(/*/*[local-name()='entry'][not(*[local-name()='content']) and not(*[local-name()='link'][not(@rel) or @rel='alternate'])])" "$1" 2>/dev/null)
	check "RFC 4287 4.1.2: every entry has content or an alternate link ($1)" [ "${k:-1}" = 0 ]
}

# newsboat headless from a file:// URL: N items stored, no error logged.
nbcheck() { # FILE N
	d=$(mktemp -d "$tmp/nb.XXXXXX")
	printf 'file://%s\n' "$(readlink -f "$1")" >"$d/urls"
	printf 'error-log "%s"\n' "$d/err.log" >"$d/config"
	timeout 120 newsboat -u "$d/urls" -c "$d/cache.db" -C "$d/config" \
	    -x reload >"$d/out" 2>&1
	got=$(sqlite3 "$d/cache.db" 'select count(*) from rss_item' 2>/dev/null)
	check "newsboat loads $2 items from $1 (got ${got:-none})" [ "$got" = "$2" ]
	check "newsboat logs no error for $1" [ ! -s "$d/err.log" ]
}

wellformed() { check "xmllint: $1 is well-formed" xmllint --noout "$1"; }

# --- the seeds, as the issue's "done when" runs them ---
for f in atom rss json; do
	run_ksconv --to $f --title 快手公益 --base-url $BASE -o "$tmp/feed.$f" \
	    seeds/ 2>"$tmp/err.$f"
	check "--to $f on the seeds exits 0" [ $? -eq 0 ]
	check "--to $f with --base-url warns nothing" [ ! -s "$tmp/err.$f" ]
done
wellformed "$tmp/feed.atom"
wellformed "$tmp/feed.rss"
atomcheck "$tmp/feed.atom"
feedcheck "$tmp/feed.atom" atom 5
feedcheck "$tmp/feed.rss" rss 5
nbcheck "$tmp/feed.atom" 5
nbcheck "$tmp/feed.rss" 5

# What the entries say: order, links, authors, tags, summaries.
cat >"$tmp/facts.py" <<'EOF'
import sys, feedparser
d = feedparser.parse(sys.argv[1])
e = d.entries
print(e[0].title[:4], e[0].published[:10])
print([x.title[:2] for x in e])
print(next(x.link for x in e if x.title.startswith('短视频')))
print(next(x.author for x in e if x.title.startswith('短视频')))
print(sum(1 for x in e if x.get('tags')))
print(max(len(x.summary) for x in e))
print(d.feed.get('language'), d.feed.get('title'))
EOF
for f in atom rss; do
	$PY "$tmp/facts.py" "$tmp/feed.$f" >"$tmp/facts.$f"
	line() { sed -n "$1p" "$tmp/facts.$f"; }
	d=$(line 1)
	case $f in atom) want='共享芬芳 2022-07-19' ;; rss) want='共享芬芳 Tue, 19 Ju' ;; esac
	check "$f: newest first: 共享芬芳… of 2022-07-19 on top (got $d)" [ "$d" = "$want" ]
	check "$f: the order of the dates" [ "$(line 2)" = "['共享', '快手', '短视', '快手', '“我']" ]
	check "$f: 004 links to its original article" [ "$(line 3)" = "$ORIG004" ]
	check "$f: 004's author is its source" [ "$(line 4)" = "中国新闻网" ]
	check "$f: four entries have categories or tags" [ "$(line 5)" = 4 ]
	check "$f: summaries are at most 140 characters" [ "$(line 6)" -le 140 ]
	check "$f: the feed is Chinese and titled" [ "$(line 7)" = "zh 快手公益" ]
done
check "atom: 004 keeps its +08:00 offset" grep -q '<published>2022-04-08T17:57:45+08:00</published>' "$tmp/feed.atom"
check "rss: 004's pubDate in RFC 822 at +0800" grep -q '<pubDate>Fri, 08 Apr 2022 17:57:45 +0800</pubDate>' "$tmp/feed.rss"
check "atom: feed updated is the newest entry" grep -q '^  <updated>2022-07-19T08:46:07Z</updated>' "$tmp/feed.atom"
check "atom: self and alternate links" sh -c "grep -q 'rel=\"self\" type=\"application/atom+xml\" href=\"${BASE}feed.atom\"' '$tmp/feed.atom' && grep -q 'rel=\"alternate\" type=\"text/html\" href=\"$BASE\"' '$tmp/feed.atom'"
check "atom: a generator with its version" grep -q '<generator version="[0-9.]*">ksconv</generator>' "$tmp/feed.atom"
check "rss: atom:link rel=self" grep -q "<atom:link href=\"${BASE}feed.rss\" rel=\"self\" type=\"application/rss+xml\"/>" "$tmp/feed.rss"
check "rss: guids are not permalinks (urn:uuid ids)" [ "$(grep -c '<guid isPermaLink="false">urn:uuid:' "$tmp/feed.rss")" -eq 5 ]
check "no CDATA anywhere" sh -c "! grep -q 'CDATA' '$tmp/feed.atom' '$tmp/feed.rss'"

# --- JSON Feed 1.1, its rules encoded here ---
cat >"$tmp/jsonfeed.py" <<'EOF'
import json, re, sys
RFC3339 = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$')
p = []
with open(sys.argv[1], encoding='utf-8') as f:
    d = json.load(f)
n = int(sys.argv[2])
def need(o, k, t, where, required=True):
    if k not in o:
        if required:
            p.append('%s: no %s' % (where, k))
        return
    if not isinstance(o[k], t):
        p.append('%s: %s is not %s' % (where, k, t.__name__))
top = {'version', 'title', 'home_page_url', 'feed_url', 'description',
       'user_comment', 'next_url', 'icon', 'favicon', 'authors', 'language',
       'expired', 'hubs', 'items'}
item_keys = {'id', 'url', 'external_url', 'title', 'content_html',
             'content_text', 'summary', 'image', 'banner_image',
             'date_published', 'date_modified', 'authors', 'tags', 'language',
             'attachments'}
if d.get('version') != 'https://jsonfeed.org/version/1.1':
    p.append('version %r' % d.get('version'))
need(d, 'title', str, 'feed')
need(d, 'items', list, 'feed')
for k in ('home_page_url', 'feed_url', 'description', 'language'):
    need(d, k, str, 'feed', False)
p += ['feed: unknown key %s' % k for k in d if k not in top and not k.startswith('_')]
def authors(o, where):
    need(o, 'authors', list, where, False)
    for a in o.get('authors', []):
        if not isinstance(a, dict) or not any(isinstance(a.get(k), str) for k in ('name', 'url', 'avatar')):
            p.append('%s: bad author %r' % (where, a))
authors(d, 'feed')
ids = []
for i, it in enumerate(d.get('items', [])):
    w = 'item %d' % i
    need(it, 'id', str, w)
    if not it.get('id'):
        p.append(w + ': empty id')
    ids.append(it.get('id'))
    if not any(isinstance(it.get(k), str) for k in ('content_html', 'content_text')):
        p.append(w + ': neither content_html nor content_text')
    for k in ('url', 'title', 'summary', 'image', 'language', 'content_html', 'content_text'):
        need(it, k, str, w, False)
    for k in ('date_published', 'date_modified'):
        if k in it and not (isinstance(it[k], str) and RFC3339.match(it[k])):
            p.append('%s: %s not RFC 3339: %r' % (w, k, it[k]))
    if 'date_published' not in it:
        p.append(w + ': no date_published')
    need(it, 'tags', list, w, False)
    if not all(isinstance(t, str) for t in it.get('tags', [])):
        p.append(w + ': tags not strings')
    authors(it, w)
    p += ['%s: unknown key %s' % (w, k) for k in it if k not in item_keys and not k.startswith('_')]
if len(set(ids)) != len(ids):
    p.append('ids not unique')
if len(ids) != n:
    p.append('%d items, not %d' % (len(ids), n))
dates = [it.get('date_published', '') for it in d.get('items', [])]
print('; '.join(p[:4]))
EOF
jsoncheck() { # FILE N
	out=$($PY "$tmp/jsonfeed.py" "$@" 2>&1)
	if [ -z "$out" ]; then pass; else fail "JSON Feed 1.1: $1: $out"; fi
}
jsoncheck "$tmp/feed.json" 5
check "json: newest first and 004's original link" $PY -c "
import json, sys
d = json.load(open('$tmp/feed.json'))
it = d['items']
assert it[0]['title'].startswith('共享芬芳') and it[0]['date_published'].startswith('2022-07-19'), it[0]['title']
assert [x['url'] for x in it if x['title'].startswith('短视频')] == ['$ORIG004']
assert d['feed_url'] == '${BASE}feed.json' and d['home_page_url'] == '$BASE'
assert all(x['content_html'].startswith('<') for x in it)
"
check "json: non-ASCII written as UTF-8, not escaped" grep -q '"title": "快手公益"' "$tmp/feed.json"

# --- determinism and stable ids ---
mkdir "$tmp/again"
for f in atom rss json; do
	run_ksconv --to $f --title 快手公益 --base-url $BASE \
	    -o "$tmp/again/feed.$f" seeds/ 2>/dev/null
	check "$f: a second run is byte-identical" cmp -s "$tmp/feed.$f" "$tmp/again/feed.$f"
done
cp -r seeds "$tmp/edited"
$PY - "$tmp/edited/004_3c9ac8582064baac.txt" "$tmp/edited/003_024a42d1340e107e.txt" <<'EOF'
import sys
for path in sys.argv[1:]:
    s = open(path, encoding='utf-8').read()
    i = s.index('快手', len(s) // 2)
    open(path, 'w', encoding='utf-8').write(s[:i] + '改动过的段落。' + s[i:])
EOF
run_ksconv --to atom --title 快手公益 --base-url $BASE -o "$tmp/edited.atom" \
    "$tmp/edited" 2>/dev/null
ids() { grep -o '<id>[^<]*</id>' "$1" | sort; }
check "editing bodies changes the feed" sh -c "! cmp -s '$tmp/feed.atom' '$tmp/edited.atom' && grep -q 改动过的段落 '$tmp/edited.atom'"
check "editing bodies keeps every id" [ "$(ids "$tmp/feed.atom")" = "$(ids "$tmp/edited.atom")" ]

# --- characters XML forbids, ]]>, undated, untitled ---
# (U+FFFF stays out of the front matter: libyaml refuses it there.)
mkdir "$tmp/bad"
printf -- '---\ntitle: "A ]]> title \001 with a control"\ndate: 2022-05-01 10:00:00 +0200\ncategories: [x]\n---\nText ]]> with \002 a control, U+FFFF \357\277\277, `<script>alert(1)</script>` and <b>bold</b>.\n\nMore text.\n' >"$tmp/bad/evil.md"
printf 'Some words without a date, a title or front matter, only this paragraph of text.\n' >"$tmp/bad/undated.txt"
for f in atom rss; do
	SOURCE_DATE_EPOCH=1700000000 run_ksconv --to $f --base-url $BASE \
	    -o "$tmp/bad.$f" "$tmp/bad" 2>"$tmp/bad.err"
	check "$f: bad characters and an undated file still convert" [ $? -eq 0 ]
	wellformed "$tmp/bad.$f"
	feedcheck "$tmp/bad.$f" $f 2
	nbcheck "$tmp/bad.$f" 2
	check "$f: the undated article is reported" grep -q 'undated.txt: warning: no date; the '$f' feed uses 2023-11-14T22:13:20Z' "$tmp/bad.err"
done
atomcheck "$tmp/bad.atom"
check "atom: an undated entry takes SOURCE_DATE_EPOCH" grep -q '<published>2023-11-14T22:13:20Z</published>' "$tmp/bad.atom"
check "atom: ]]> arrives escaped" grep -q 'A \]\]&gt; title' "$tmp/bad.atom"
check "rss: the plain summary is escaped twice in description" grep -q '&amp;lt;script&amp;gt;' "$tmp/bad.rss"
check "rss: lastBuildDate is SOURCE_DATE_EPOCH" grep -q '<lastBuildDate>Tue, 14 Nov 2023 22:13:20 +0000</lastBuildDate>' "$tmp/bad.rss"
SOURCE_DATE_EPOCH=1700000000 run_ksconv --to json -o "$tmp/bad.json" "$tmp/bad" 2>/dev/null
jsoncheck "$tmp/bad.json" 2

# --- --limit ---
for f in atom rss; do
	run_ksconv --to $f --limit 2 --base-url $BASE -o "$tmp/limit.$f" seeds/ 2>/dev/null
	feedcheck "$tmp/limit.$f" $f 2
done
run_ksconv --to json --limit 2 --base-url $BASE -o "$tmp/limit.json" seeds/ 2>/dev/null
jsoncheck "$tmp/limit.json" 2
# --limit 0 is no limit, and as an option it wins over the config's.
printf 'limit: 2\n' >"$tmp/limit.yml"
run_ksconv --to atom --config "$tmp/limit.yml" --limit 0 --base-url $BASE \
    -o "$tmp/limit0.atom" seeds/ 2>/dev/null
feedcheck "$tmp/limit0.atom" atom 5
run_ksconv --to atom --config "$tmp/limit.yml" --base-url $BASE \
    -o "$tmp/limit-cfg.atom" seeds/ 2>/dev/null
feedcheck "$tmp/limit-cfg.atom" atom 2
# With --limit N only the records that may still be shown are kept (about
# 2N): a feed and each category's must list exactly the first N entries
# of the same feed without --limit, dated ties and undated articles too,
# and every undated article is still reported.
mkdir "$tmp/many"
$PY - "$tmp/many" <<'EOF'
import sys
for i in range(300):
    cats = ['c%d' % (i % 5)] + (['both'] if i % 11 == 0 else [])
    date = '' if i % 17 == 0 else 'date: 2021-%02d-%02dT00:00:00Z\n' % (
        (i * 7) % 12 + 1, i % 3 + 1)
    with open('%s/%03d.md' % (sys.argv[1], i), 'w') as f:
        f.write('---\ntitle: "Article %d"\n%scategories: [%s]\n---\n'
                'Text of article %d.\n' % (i, date, ', '.join(cats), i))
EOF
for lim in 0 5; do
	SOURCE_DATE_EPOCH=1700000000 run_ksconv --to atom,json --limit $lim \
	    --split-by category --base-url $BASE -o "$tmp/lim$lim" "$tmp/many" \
	    2>"$tmp/lim$lim.err"
done
check "--limit 5 of 300: every undated article is reported" \
    [ "$(grep -c 'no date' "$tmp/lim5.err")" -eq 36 ]
check "--limit 5 of 300: the same messages as without --limit" \
    cmp -s "$tmp/lim0.err" "$tmp/lim5.err"
out=$($PY - "$tmp/lim0" "$tmp/lim5" 5 <<'EOF'
import json, os, sys
import xml.etree.ElementTree as ET
A = '{http://www.w3.org/2005/Atom}'
full, lim, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
def ids(path):
    if path.endswith('.json'):
        return [i['id'] for i in json.load(open(path))['items']]
    return [e.find(A + 'id').text for e in ET.parse(path).iter(A + 'entry')]
names = sorted(os.listdir(full))
if sorted(os.listdir(lim)) != names or len(names) != 14:
    print('feeds differ: %s against %s' % (os.listdir(lim), names))
for name in names:
    a, b = ids(os.path.join(full, name)), ids(os.path.join(lim, name))
    if b != a[:n] or len(b) != n:
        print('%s: %s, not %s' % (name, b, a[:n]))
EOF
)
check "--limit 5 of 300: each feed is the first 5 of the full one${out:+: $out}" [ -z "$out" ]

# --- without --base-url: one warning, no links, still valid ---
run_ksconv --to atom,rss,json -o "$tmp/nobase" seeds/ 2>"$tmp/nobase.err"
check "without --base-url: exit 0" [ $? -eq 0 ]
check "without --base-url: warned exactly once" [ "$(grep -c 'without --base-url entries and the feed have no links' "$tmp/nobase.err")" -eq 1 ]
check "without --base-url: only 004's original link remains" [ "$(grep -c '<link rel' "$tmp/nobase/feed.atom")" -eq 1 ]
atomcheck "$tmp/nobase/feed.atom"
wellformed "$tmp/nobase/feed.rss"
jsoncheck "$tmp/nobase/feed.json" 5
nbcheck "$tmp/nobase/feed.rss" 5

# --- atomic output ---
run_ksconv --to atom -o "$tmp/missing/dir/feed.atom" seeds/ 2>/dev/null
check "a feed into a missing folder is exit 2" [ $? -eq 2 ]
check "... and leaves nothing behind" [ ! -e "$tmp/missing" ]
# A name so long that the temporary file beside it cannot be created.
long=$tmp/$(printf '%0250d' 0).atom
echo old >"$long"
run_ksconv --to atom -o "$long" seeds/ 2>/dev/null
check "a feed that cannot be written is exit 2" [ $? -eq 2 ]
check "... and the old feed is untouched" [ "$(cat "$long")" = old ]

# --- large feeds: entries spilled to a temporary file, output streamed ---
# Feeds over 1 MiB: each entry goes to an anonymous temporary file (the
# spill) as it comes and is read back in the feed's order, so memory does
# not grow with the archive; the result is the same bytes however many
# threads render the entries, and on standard output.
mkdir "$tmp/big" "$tmp/spill" "$tmp/j1" "$tmp/j3"
$PY - "$tmp/big" <<'EOF'
import sys
para = "这是一段用来测试内存的文字，它会被重复很多次。" * 20 + "\n\n"
for i in range(600):
    with open('%s/%04d.md' % (sys.argv[1], i), 'w', encoding='utf-8') as f:
        f.write('---\ntitle: "文章 %d"\ndate: 2020-01-%02dT00:00:00Z\n'
                'categories: [c%d]\n---\n' % (i, i % 28 + 1, i % 7))
        f.write(para * 40)
EOF
TMPDIR=$tmp/spill run_ksconv -q -j1 --to atom,rss,json --base-url $BASE \
    -o "$tmp/j1" "$tmp/big"
check "a 33 MB archive: exit 0" [ $? -eq 0 ]
TMPDIR=$tmp/spill run_ksconv -q -j3 --to atom,rss,json --base-url $BASE \
    -o "$tmp/j3" "$tmp/big"
for f in atom rss json; do
	check "$f: -j1 and -j3 write the same bytes" cmp -s "$tmp/j1/feed.$f" "$tmp/j3/feed.$f"
	TMPDIR=$tmp/spill run_ksconv -q --to $f --base-url $BASE -o - "$tmp/big" \
	    >"$tmp/stdout.$f"
	check "$f: standard output gets the same bytes" cmp -s "$tmp/j1/feed.$f" "$tmp/stdout.$f"
done
feedcheck "$tmp/j1/feed.atom" atom 600
feedcheck "$tmp/j1/feed.rss" rss 600
jsoncheck "$tmp/j1/feed.json" 600
check "the spill files are gone" [ -z "$(ls -A "$tmp/spill")" ]
# Memory: the issue's bound is 64 MB plus 1 KB per article; these three
# 33 MB feeds took 180 MB when every entry stayed in memory. (Not under a
# sanitizer or valgrind, whose own memory would be counted.)
if [ -z "$KSWRAP" ] && [ -x /usr/bin/time ] &&
    ! ldd "$KSCONV" 2>/dev/null | grep -q libasan; then
	/usr/bin/time -f %M -o "$tmp/maxrss" "$KSCONV" -q --to atom,rss,json \
	    --base-url $BASE -o "$tmp/j1" "$tmp/big"
	kb=$(tail -n 1 "$tmp/maxrss")
	check "three 33 MB feeds in under 64 MB of memory (got $kb KB)" [ "$kb" -lt 65536 ]
fi
# A spill file that cannot be written, or made: exit 2, said once, and no
# feed written (the old one is untouched).
printf 'old feed\n' >"$tmp/old.atom"
TMPDIR=$tmp/spill sh -c 'trap "" XFSZ; ulimit -f 512; exec "$@"' sh $KSWRAP \
    "$KSCONV" -q --to atom -o "$tmp/old.atom" "$tmp/big" 2>"$tmp/spill.err"
rc=$?
check "a spill file that cannot be written: exit 2 (got $rc)" [ "$rc" -eq 2 ]
check "... reported once, naming the feed" [ "$(grep -c "old.atom: error: cannot write a temporary file in $tmp/spill: " "$tmp/spill.err")" -eq 1 ]
check "... the old feed is untouched" grep -qx 'old feed' "$tmp/old.atom"
TMPDIR=$tmp/missing run_ksconv -q --to json -o "$tmp/old.atom" "$tmp/big" 2>"$tmp/spill.err"
rc=$?
check "no place for a spill file: exit 2 (got $rc)" [ "$rc" -eq 2 ]
check "... reported, naming the feed" grep -q "old.atom: error: cannot create a temporary file in $tmp/missing: " "$tmp/spill.err"
check "... the old feed is untouched" grep -qx 'old feed' "$tmp/old.atom"
check "... and no temporary file is left" sh -c "! ls '$tmp' '$tmp/spill' | grep -q 'tmp-\|ksconv-'"

# --- the site: every feed link resolves to a page or an original ---
if "$KSCONV" --list-formats | grep -q '^html '; then
	run_ksconv --to atom,rss,json,html --base-url $BASE -o "$tmp/site" seeds/ 2>/dev/null
	check "the site: exit 0" [ $? -eq 0 ]
	out=$($PY - "$tmp/site" "$BASE" <<'EOF'
import json, os, sys, urllib.parse, feedparser
site, base = sys.argv[1], sys.argv[2]
links = [e.link for f in ('feed.atom', 'feed.rss') for e in feedparser.parse(os.path.join(site, f)).entries]
links += [i['url'] for i in json.load(open(os.path.join(site, 'feed.json')))['items']]
bad = []
for l in links:
    if l.startswith(base):
        p = os.path.join(site, urllib.parse.unquote(l[len(base):]))
        if not os.path.isfile(p):
            bad.append(l)
    elif not l.startswith('http://finews.zning.xyz/'):
        bad.append(l)
print(len(links), ' '.join(bad))
EOF
)
	check "the site: all 15 feed links resolve ($out)" [ "$out" = "15 " ]
fi

# --- --no-content and --split-by, once the command line has them ---
if "$KSCONV" --help | grep -q -- '--no-content'; then
	run_ksconv --to atom --no-content --base-url $BASE -o "$tmp/nc.atom" seeds/ 2>/dev/null
	check "--no-content: no content" [ "$(grep -c '<content' "$tmp/nc.atom")" -eq 0 ]
	atomcheck "$tmp/nc.atom"
fi
if "$KSCONV" --help | grep -q -- '--split-by'; then
	mkdir "$tmp/split"
	run_ksconv --to atom,rss --split-by category --base-url $BASE -o "$tmp/split" seeds/ 2>/dev/null
	check "--split-by category: a feed per category" [ -f "$tmp/split/feed-新媒体.atom" ] && [ -f "$tmp/split/feed-zhongguoxinwenwang.rss" ]
	feedcheck "$tmp/split/feed-新媒体.atom" atom 3
	atomcheck "$tmp/split/feed-新媒体.atom"
fi

# --- the real corpus, when present ---
corpus=${CORPUS:-../shared/corpus}
if [ -d "$corpus" ]; then
	for f in atom rss; do
		timeout 300 $KSWRAP "$KSCONV" --to $f --base-url $BASE -o "$tmp/corpus.$f" \
		    "$corpus" 2>/dev/null
		check "corpus to $f: exit 0 or 1" [ $? -le 1 ]
		n=$(grep -o '<entry[ >]\|<item>' "$tmp/corpus.$f" | wc -l)
		wellformed "$tmp/corpus.$f"
		feedcheck "$tmp/corpus.$f" $f "$n"
		nbcheck "$tmp/corpus.$f" "$n"
	done
	atomcheck "$tmp/corpus.atom"
	timeout 300 "$KSCONV" --to json --base-url $BASE -o "$tmp/corpus.json" "$corpus" 2>/dev/null
	jsoncheck "$tmp/corpus.json" "$n"
fi

# --- the shared judge, when it is there (optional: the checks above stand alone) ---
judge=../shared/judges/judge-feed.sh
if [ -x "$judge" ] || [ -r "$judge" ]; then
	for f in "$tmp/feed.atom" "$tmp/feed.rss"; do
		check "judge-feed.sh passes $f" sh -c "bash '$judge' '$f' >'$tmp/judge' 2>&1 || { cat '$tmp/judge' >&2; false; }"
	done
fi
done_tests feeds
