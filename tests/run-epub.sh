#!/bin/sh
# The EPUB writer (issue 5): EPUBCheck with zero errors and zero warnings
# on the seeds, on fixtures with bad links and images, and on the corpus
# when it is there; pandoc reads back every text of the articles and none
# of the junk; the package's metadata, chronological chapters, bylines and
# links that all resolve (tests/epubinfo below reads the book with
# python's zipfile and ElementTree); mimetype first and stored; the same
# bytes twice; SOURCE_DATE_EPOCH; --images; a spill file for big books;
# failed writes; and, once the command line has them, --vertical,
# --group-by and --fetch-images against a server on 127.0.0.1.
. tests/lib.sh
PY=/usr/bin/python3
JAR=/usr/share/java/epubcheck.jar
CORPUS=../shared/corpus
TITLE=快手公益文选
ORIG004='http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202204082336871455'
tmp=$(mktemp -d) || exit 2
srv_pid=
cleanup() {
	[ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
case $KSCONV in /*) ksabs=$KSCONV ;; *) ksabs=$PWD/$KSCONV ;; esac
if [ -n "$KSWRAP" ]; then tmo=900; else tmo=120; fi
# Temporary files of ours and of ksconv stay in $tmp, where they are seen.
export TMPDIR="$tmp/tmpdir"
mkdir "$TMPDIR"

# ks NAME ARGS...: ksconv under the time limit; stdout, stderr and exit
# status in $tmp/NAME.{out,err,rc}.
ks() {
	n=$1; shift
	timeout $tmo $KSWRAP "$ksabs" "$@" >"$tmp/$n.out" 2>"$tmp/$n.err"
	echo $? >"$tmp/$n.rc"
}
rc_of() { cat "$tmp/$1.rc"; }
# converted NAME: exit 0 and no error message.
converted() {
	if [ "$(rc_of "$1")" -eq 0 ] && ! grep -q 'error:' "$tmp/$1.err"; then
		pass
	else
		fail "$1: exit $(rc_of "$1")"; head -n 5 "$tmp/$1.err" >&2
	fi
}

# EPUBCheck takes seconds of JVM start-up per book: the books are queued
# here and checked four at a time at the end (epubcheck_all).
: >"$tmp/ec.list"
epubcheck_later() { echo "$1" >>"$tmp/ec.list"; }
cat >"$tmp/ecverdict.py" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
bad = [m for m in d['messages'] if m['severity'] in ('FATAL', 'ERROR', 'WARNING')]
for m in bad[:5]:
    loc = m['locations'][0] if m['locations'] else {}
    print('%s %s %s:%s %s' % (m['severity'], m['ID'], loc.get('path'),
          loc.get('line'), m['message'][:200]))
c = d['checker']
if not bad and c['nFatal'] + c['nError'] + c['nWarning'] == 0:
    print('OK')
EOF
epubcheck_all() {
	xargs -P 4 -I{} sh -c 'java -jar "$1" "$2" --json "$2.json" -q \
	    >"$2.ec" 2>&1' sh "$JAR" {} <"$tmp/ec.list"
	while read -r book; do
		v=$($PY "$tmp/ecverdict.py" "$book.json" 2>&1)
		if [ "$v" = OK ]; then
			pass
		else
			fail "EPUBCheck: $(basename "$book"): not zero errors and warnings:"
			echo "$v" | head -n 5 >&2
		fi
	done <"$tmp/ec.list"
}

# epubinfo BOOK: what the book holds, one key=value a line (see the keys
# printed below); problems go to stderr.
cat >"$tmp/epubinfo.py" <<'EOF'
import posixpath, re, sys, zipfile
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from urllib.parse import urlsplit, unquote
OPF = '{http://www.idpf.org/2007/opf}'
DC = '{http://purl.org/dc/elements/1.1/}'
X = '{http://www.w3.org/1999/xhtml}'
XL = '{http://www.w3.org/XML/1998/namespace}lang'
CN = '{urn:oasis:names:tc:opendocument:xmlns:container}'
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
infos = z.infolist()
m0 = infos[0]
print('mimetype_first=%s' % ('yes' if m0.filename == 'mimetype' and
      m0.compress_type == zipfile.ZIP_STORED and m0.extra == b'' and
      z.read('mimetype') == b'application/epub+zip' else 'no'))
print('stamps=%s' % ','.join(sorted(set('%04d-%02d-%02dT%02d:%02d:%02d' %
      i.date_time for i in infos))))
print('ascii_names=%s' % ('yes' if all(n.isascii() for n in names) else 'no'))
opf_path = ET.fromstring(z.read('META-INF/container.xml')).find(
    './/' + CN + 'rootfile').get('full-path')
base = posixpath.dirname(opf_path)
opf = ET.fromstring(z.read(opf_path))
md = opf.find(OPF + 'metadata')
for k in ('identifier', 'title', 'language', 'creator', 'date'):
    e = md.find(DC + k)
    print('%s=%s' % (k, e.text if e is not None else ''))
for e in md.findall(OPF + 'meta'):
    if e.get('property') == 'dcterms:modified':
        print('modified=%s' % e.text)
items = {i.get('id'): i for i in opf.find(OPF + 'manifest')}
props = ' '.join(i.get('properties') or '' for i in items.values())
print('cover_image=%s' % ('yes' if 'cover-image' in props.split() else 'no'))
print('nav=%s' % ('yes' if 'nav' in props.split() else 'no'))
spine = opf.find(OPF + 'spine')
print('ncx=%s' % ('yes' if spine.get('toc') in items else 'no'))
print('ppd=%s' % spine.get('page-progression-direction', 'none'))
hrefs = [items[r.get('idref')].get('href') for r in spine]
chapters = [h for h in hrefs if h.startswith('chap-')]
print('chapters=%d' % len(chapters))
imgs = [i for i in items.values() if i.get('media-type').startswith('image/')
        and 'cover-image' not in (i.get('properties') or '')]
print('images=%d' % len(imgs))
print('image_types=%s' % ','.join(sorted(set(i.get('media-type') for i in imgs))))
css = z.read(posixpath.join(base, 'style.css')).decode()
print('vertical_css=%s' % ('yes' if 'writing-mode: vertical-rl' in css else 'no'))

problems, bad_links, stamps = [], [], []
def link_ok(v, doc, tag):
    if re.search(r'[\s\\<>"{}|^`]', v):
        return False
    u = urlsplit(v)
    if u.scheme in ('http', 'https'):
        return bool(u.netloc)
    if u.scheme == 'mailto':
        return True
    if u.scheme == 'data' and tag == X + 'a':
        return True	# an inline image that could not be embedded
    if u.scheme or u.netloc:
        return False
    if not u.path:
        return True
    return posixpath.normpath(posixpath.join(posixpath.dirname(doc),
                                             unquote(u.path))) in names
for h in hrefs:
    path = posixpath.join(base, h)
    doc = ET.fromstring(z.read(path))
    for e in doc.iter():
        for a in ('href', 'src'):
            v = e.get(a)
            if v is not None and not link_ok(v, path, e.tag):
                bad_links.append('%s: %s="%s"' % (h, a, v[:80]))
        if e.tag == X + 'img' and not urlsplit(e.get('src', '')).scheme == '':
            bad_links.append('%s: remote image %s' % (h, e.get('src')[:80]))
    ids = [e.get('id') for e in doc.iter() if e.get('id')]
    if len(ids) != len(set(ids)):
        problems.append(h + ': duplicate ids')
    if not h.startswith('chap-'):
        continue
    if not doc.get(XL) or doc.get(XL) != doc.get('lang'):
        problems.append(h + ': no xml:lang and lang')
    h1 = doc.findall('.//' + X + 'h1')
    by = [p for p in doc.iter(X + 'p') if p.get('class') == 'byline']
    if len(h1) != 1 or len(by) != 1:
        problems.append(h + ': not one h1 and one byline')
        continue
    t = by[0].find(X + 'time')
    print('chapter=%s\t%s\t%s\t%s' % (h, t.get('datetime') if t is not None
          else '-', ''.join(h1[0].itertext()), ''.join(by[0].itertext())))
    if t is not None:
        d = datetime.fromisoformat(t.get('datetime'))
        stamps.append(d if d.tzinfo else d.replace(tzinfo=timezone.utc))
    else:
        stamps.append(None)
dated = [s for s in stamps if s is not None]
order_ok = dated == sorted(dated) and stamps == dated + [None] * (len(stamps) - len(dated))
print('chronological=%s' % ('yes' if order_ok else 'no'))
print('bad_links=%d' % len(bad_links))
print('problems=%d' % len(problems))
for p in (problems + bad_links)[:10]:
    print('epubinfo: ' + p, file=sys.stderr)
nav = ET.fromstring(z.read(posixpath.join(base, 'nav.xhtml')))
toc = [n for n in nav.iter(X + 'nav') if n.get('{http://www.idpf.org/2007/ops}type') == 'toc'][0]
top = toc.find(X + 'ol').findall(X + 'li')
print('toc_depth=%d' % (2 if any(li.find(X + 'ol') is not None for li in top) else 1))
print('toc_top=%s' % '|'.join(''.join(li.find(X + 'a').itertext()) for li in top))
EOF
info() { $PY "$tmp/epubinfo.py" "$1" >"$1.info" 2>"$1.info.err"; }
# has BOOK KEY=VALUE: the book's info has that line.
has() {
	if grep -qxF -- "$2" "$1.info"; then pass
	else fail "$(basename "$1"): want '$2', have '$(grep "^${2%%=*}=" "$1.info" | head -n 1)'"
		head -n 5 "$1.info.err" >&2; fi
}

# texts_in TREE PLAIN: every text node and title of the tree output is in
# the plain text pandoc read back (white space aside). Prints the missing.
cat >"$tmp/texts.py" <<'EOF'
import json, re, sys
tree = open(sys.argv[1], encoding='utf-8').read().splitlines()
plain = re.sub(r'\s+', '', open(sys.argv[2], encoding='utf-8').read())
n = miss = 0
for line in tree:
    m = re.match(r'^\s+text (".*")$', line) or re.match(r'^title: (".*")$', line)
    if not m:
        continue
    t = json.loads(m.group(1).replace('\\x', '\\u00'))
    n += 1
    if re.sub(r'\s+', '', t) not in plain:
        miss += 1
        print('missing: %r' % t[:80])
if n == 0:
    print('no texts in the tree')
EOF
# every_text NAME BOOK INPUT...: pandoc reads back every text.
every_text() {
	n=$1; book=$2; shift 2
	"$KSCONV" --to tree "$@" >"$tmp/$n.tree" 2>/dev/null
	pandoc -f epub -t plain --wrap=none "$book" >"$tmp/$n.txt" 2>"$tmp/$n.perr"
	check "$n: pandoc reads the book" [ -s "$tmp/$n.txt" ]
	$PY "$tmp/texts.py" "$tmp/$n.tree" "$tmp/$n.txt" >"$tmp/$n.missing"
	if [ -s "$tmp/$n.missing" ]; then
		fail "$n: pandoc does not read back every text:"
		head -n 5 "$tmp/$n.missing" >&2
	else pass; fi
}
# Do two books hold the same entries, in the same order, with the same
# bytes once inflated? (Chapters libzip deflates with zlib and chapters
# deflated on the reading threads with libdeflate pack differently.)
same_book() {
	[ "$(unzip -Z1 "$1")" = "$(unzip -Z1 "$2")" ] || return 1
	for e in $(unzip -Z1 "$1"); do
		[ "$(unzip -p "$1" "$e" | od -An -tx1 | cksum)" = \
		    "$(unzip -p "$2" "$e" | od -An -tx1 | cksum)" ] || return 1
	done
}

not_same_book() { ! same_book "$@"; }

# in_order FILE STRING...: the strings occur in FILE in this order.
in_order() {
	f=$1; shift
	$PY - "$f" "$@" <<'EOF'
import sys
text = open(sys.argv[1], encoding='utf-8').read()
at = [text.find(s) for s in sys.argv[2:]]
sys.exit(0 if -1 not in at and at == sorted(at) else 1)
EOF
}

# --- The seed anthology ---------------------------------------------------
A=$tmp/a.epub
ks seeds --to epub --title "$TITLE" -o "$A" seeds/
converted seeds
epubcheck_later "$A"
info "$A"
has "$A" mimetype_first=yes
has "$A" stamps=2022-07-19T08:46:06
has "$A" ascii_names=yes
has "$A" "title=$TITLE"
has "$A" language=zh
has "$A" "creator=$TITLE"
has "$A" date=2022-07-19T08:46:07Z
has "$A" modified=2022-07-19T08:46:07Z
has "$A" cover_image=yes
has "$A" nav=yes
has "$A" ncx=yes
has "$A" ppd=none
has "$A" chapters=5
has "$A" images=0
has "$A" chronological=yes
has "$A" bad_links=0
has "$A" problems=0
has "$A" toc_depth=1
has "$A" vertical_css=no
check "seeds: dc:identifier is a v5 urn:uuid" \
    grep -Eq '^identifier=urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' "$A.info"
check "seeds: oldest first (003, 000, 004, 002, 001)" in_order "$A.info" \
    '我国脱贫攻坚战取得了全面胜利' '快手响应国际助残日' '短视频平台汇聚抗“疫”新暖流' \
    '快手公益与湘西州联合发起' '共享芬芳、共铸美好'
check "seeds: 004's byline has its date in Chinese and its source" \
    grep -q '短视频平台汇聚抗“疫”新暖流.*2022年4月8日.*来源：中国新闻网.*原文链接' "$A.info"
check "seeds: 004's byline links to the original" \
    sh -c "unzip -p '$A' EPUB/chap-0003.xhtml | grep -qF 'href=\"$ORIG004\"'"
check "seeds: 004 chapter is Chinese (xml:lang and lang)" \
    sh -c "unzip -p '$A' EPUB/chap-0003.xhtml | grep -q 'xml:lang=\"zh\" lang=\"zh\"'"
check "seeds: remote images are links, not <img>" \
    sh -c "! unzip -p '$A' 'EPUB/chap-*' | grep -q '<img'"
check "seeds: the title page has the date range and the count" \
    sh -c "unzip -p '$A' EPUB/title.xhtml | grep -q '2021年2月27日 – 2022年7月19日' &&
	unzip -p '$A' EPUB/title.xhtml | grep -q '共 5 篇文章'"
check "seeds: the SVG cover holds the title" \
    sh -c "unzip -p '$A' EPUB/cover.svg | grep -q '>$TITLE</text>'"
check "seeds: the stylesheet indents Chinese paragraphs and has CJK fonts" \
    sh -c "unzip -p '$A' EPUB/style.css | grep -q 'text-indent: 2em' &&
	unzip -p '$A' EPUB/style.css | grep -q 'Noto Serif CJK SC'"
for e in META-INF/container.xml EPUB/package.opf EPUB/nav.xhtml EPUB/toc.ncx \
    EPUB/cover.svg EPUB/title.xhtml EPUB/chap-0001.xhtml; do
	check "seeds: $e is well-formed XML" sh -c "unzip -p '$A' '$e' | xmllint --noout -"
done

every_text seeds "$A" seeds/
P=$tmp/seeds.txt
for s in '上游新闻记者 杨野' '15个省市求助入口，力解生活难题' \
    '成为脱贫攻坚、实现乡村振兴的“新农具”。' \
    '12月3日是第30个国际助残日' '7 月 16 日下午，“共享芬芳・共铸美好”主题演出'; do
	check "seeds: pandoc reads '$s'" grep -qF -- "$s" "$P"
done
unzip -p "$A" 'EPUB/chap-*' >"$tmp/seeds.xhtml"
for junk in 'display:none' EM_StockImg webquoteklinepic cors.zfour.workers.dev \
    data-vmark referrerpolicy 返回首页 返回中国新闻网新闻 文章来源 '<div' '<script' \
    'style=' 'class="EM' '<iframe'; do
	check "seeds: no junk '$junk' in the book" sh -c "! grep -qF -- '$junk' '$P' &&
	    ! grep -qF -- '$junk' '$tmp/seeds.xhtml'"
done
check "seeds: pandoc reads no markup as text" sh -c "! grep -q '<p\|<a \|&lt;' '$P'"

# --- The same bytes -----------------------------------------------------
mkdir "$tmp/seeds2"
cp seeds/* "$tmp/seeds2/"
touch -d '2030-01-01' "$tmp/seeds2/"*
ks again --to epub --title "$TITLE" -o "$tmp/again.epub" "$tmp/seeds2/"
check "built again from touched copies: byte-identical" cmp -s "$A" "$tmp/again.epub"
TZ=Asia/Shanghai ks tz --to epub --title "$TITLE" -o "$tmp/tz.epub" seeds/
check "built in another time zone: byte-identical" cmp -s "$A" "$tmp/tz.epub"
# --images embed (nothing to embed without --fetch-images) renders every
# chapter at the end and lets libzip deflate it, while the default deflates
# on the reading threads: the book must not tell.
ks serial --to epub --images embed --title "$TITLE" -o "$tmp/serial.epub" seeds/
check "chapters deflated by libzip or on the threads: the same book" \
    same_book "$A" "$tmp/serial.epub"
ks other_title --to epub --title "Another title" -o "$tmp/other.epub" seeds/
check "a book with another title is not the same book" \
    not_same_book "$A" "$tmp/other.epub"
ks j1 -j 1 --to epub --title "$TITLE" -o "$tmp/j1.epub" seeds/
check "-j 1 and the default -j: byte-identical" cmp -s "$A" "$tmp/j1.epub"
ks stdout --to epub --title "$TITLE" -o - seeds/
check "-o - writes the same book to standard output" cmp -s "$A" "$tmp/stdout.out"
SOURCE_DATE_EPOCH=1700000000 ks sde --to epub --title "$TITLE" -o "$tmp/sde.epub" seeds/
info "$tmp/sde.epub"
has "$tmp/sde.epub" modified=2023-11-14T22:13:20Z
has "$tmp/sde.epub" stamps=2023-11-14T22:13:20
has "$tmp/sde.epub" date=2022-07-19T08:46:07Z
mkdir "$tmp/cwd"
(cd "$tmp/cwd" && timeout $tmo $KSWRAP "$ksabs" -q --to epub "$OLDPWD/seeds/")
check "without -o the book is anthology.epub" [ -s "$tmp/cwd/anthology.epub" ]
check "no temporary file is left anywhere" \
    sh -c "! ls -A '$tmp' '$TMPDIR' '$tmp/cwd' | grep -q 'tmp-\|ksconv-'"

# --- Fixtures: bad links, images, dates, languages ------------------------
F=$tmp/fix
mkdir "$F"
# A 2x2 PNG made here, as a file and as a data: URL.
$PY - "$tmp/dot.png" <<'EOF'
import struct, sys, zlib
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
raw = b''.join(b'\0' + b'\xcc\x22\x22' * 2 for _ in range(2))
png = (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 2, 2, 8, 2, 0, 0, 0))
       + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
open(sys.argv[1], 'wb').write(png)
EOF
dot64=$(base64 -w0 "$tmp/dot.png")
cat >"$F/links.md" <<'EOF'
---
title: Links that cannot resolve
date: 2021-05-06T10:00:00+02:00
link: /relative/original.html
image: ../figs/lead.png
---
A [root-relative link](/assets/x.html), a [relative one](../emnews/),
an ![image beside the post](/assets/posts_figs/a.png), a [Windows path](E:\workspace\a.png),
a [URL with spaces](http://example.org/a b.html), a [fragment](#top) and a
[good link](https://example.org/good.html).
EOF
cat >"$F/pics.md" <<EOF
---
title: Pictures
date: 2022-03-04
lang: en
---
A remote ![remote picture](https://example.org/pic.png) and an inline
![inline dot](data:image/png;base64,$dot64) and the same inline one again
![inline dot again](data:image/png;base64,$dot64) and a broken one
![broken inline](data:image/png;base64,PGh0bWw+PC9odG1sPg==).
EOF
printf 'An article without any date at all, which goes last.\n\nIts second paragraph.\n' >"$F/undated.txt"
cat >"$F/english.md" <<'EOF'
---
title: An English article
date: 2021-12-03T07:09:21Z
author: Jane Doe
lang: en_GB
---
Plain English text, dated the third of December.
EOF
B=$tmp/fix.epub
ks fix --to epub --title Fixtures -o "$B" "$F"
check "fixtures: exit 0" [ "$(rc_of fix)" -eq 0 ]
epubcheck_later "$B"
info "$B"
has "$B" chapters=4
has "$B" bad_links=0
has "$B" problems=0
has "$B" chronological=yes
has "$B" images=1
has "$B" image_types=image/png
check "fixtures: the undated article is last" \
    sh -c "grep '^chapter=' '$B.info' | tail -n 1 | grep -q '^chapter=chap-0004.xhtml.-.An article without'"
check "fixtures: an English date reads '3 December 2021'" \
    grep -q '^chapter=.*An English article.*Jane Doe · 3 December 2021' "$B.info"
check "fixtures: en_GB becomes xml:lang en-GB" \
    sh -c "unzip -p '$B' EPUB/chap-0002.xhtml | grep -q 'xml:lang=\"en-GB\" lang=\"en-GB\"'"
check "fixtures: the relative original link is not in the book" \
    sh -c "! unzip -p '$B' 'EPUB/*' | grep -qF 'relative/original'"
check "fixtures: a data: image is embedded once, as a PNG file" \
    sh -c "[ \$(unzip -p '$B' EPUB/chap-0003.xhtml | grep -o 'src=\"images/img-0001.png\"' | wc -l) -eq 2 ]"
check "fixtures: ... with the very bytes of the PNG" \
    sh -c "unzip -p '$B' EPUB/images/img-0001.png | cmp -s - '$tmp/dot.png'"
check "fixtures: a data: URL that is no image stays alt text, with a warning" \
    grep -q "pics.md: warning: image data:image/png;base64,PGh0bWw+PC9odG1sPg== not embedded: not a PNG, JPEG or GIF image" "$tmp/fix.err"
check "fixtures: a remote image is a link with its alt text" \
    sh -c "unzip -p '$B' EPUB/chap-0003.xhtml | grep -qF '<a href=\"https://example.org/pic.png\">remote picture</a>'"
check "fixtures: the good link stays" \
    sh -c "unzip -p '$B' EPUB/chap-0001.xhtml | grep -qF 'href=\"https://example.org/good.html\"'"

ks drop --to epub --images drop -o "$tmp/drop.epub" "$F"
info "$tmp/drop.epub"
has "$tmp/drop.epub" images=0
check "--images drop: no image and no link to one" \
    sh -c "! unzip -p '$tmp/drop.epub' 'EPUB/chap-*' | grep -q 'pic.png\|<img\|data:image'"
ks keep --to epub --images keep -o "$tmp/keep.epub" "$F"
check "--images keep means link in a book" \
    sh -c "unzip -p '$tmp/keep.epub' EPUB/chap-0003.xhtml | grep -qF '<a href=\"https://example.org/pic.png\">remote picture</a>'"
ks embed --to epub --images embed -o "$tmp/embed.epub" "$F"
epubcheck_later "$tmp/embed.epub"
info "$tmp/embed.epub"
has "$tmp/embed.epub" images=1
has "$tmp/embed.epub" bad_links=0
check "--images embed without --fetch-images: remote images stay links, said once" \
    grep -q 'warning: 1 remote image left as links in the book' "$tmp/embed.err"

# --- Failures ------------------------------------------------------------
ks missing --to epub -o "$tmp/missing/dir/a.epub" seeds/
check "an output in a missing folder exits 2" [ "$(rc_of missing)" -eq 2 ]
check "... names the file" grep -q "missing/dir/a.epub: error:" "$tmp/missing.err"
check "... and creates nothing" [ ! -e "$tmp/missing" ]
# A name so long that no temporary file fits beside it: the old book stays.
long=$tmp/old/$(printf 'b%.0s' $(seq 1 245)).epub
mkdir "$tmp/old"
cp "$A" "$long"
ks long --to epub -o "$long" "$F"
check "a book that cannot be written exits 2" [ "$(rc_of long)" -eq 2 ]
check "... the older book is untouched" cmp -s "$A" "$long"
check "... no temporary file is left" [ "$(ls -A "$tmp/old" | wc -l)" -eq 1 ]

# --- A book too big for memory: chapters spill to a file ---------------------
mkdir "$tmp/big"
$PY - "$tmp/big" <<'EOF'
import sys
for i in range(40):
    para = ('第%d篇的段落，' % i) * 4000
    with open('%s/big-%02d.md' % (sys.argv[1], i), 'w') as f:
        f.write('---\ntitle: 长文 %d\ndate: 2020-01-%02d\n---\n' % (i, i % 28 + 1))
        f.write((para + '\n\n') * 3 + '这是第%d篇的最后一句。\n' % i)
EOF
ks big --to epub -o "$tmp/big.epub" "$tmp/big"
converted big
info "$tmp/big.epub"
has "$tmp/big.epub" chapters=40
has "$tmp/big.epub" problems=0
check "big book: the zip tests fine" sh -c "unzip -tq '$tmp/big.epub' >/dev/null"
unzip -p "$tmp/big.epub" 'EPUB/chap-*' >"$tmp/big.all"
n=0
for i in $(seq 0 39); do grep -qF "这是第${i}篇的最后一句。" "$tmp/big.all" && n=$((n + 1)); done
check "big book: every chapter ends whole ($n of 40)" [ "$n" -eq 40 ]
check "big book: over 8 MiB of chapters (so it spilled)" [ "$(wc -c <"$tmp/big.all")" -gt 8388608 ]
ks big2 --to epub -o "$tmp/big2.epub" "$tmp/big"
check "big book: the same bytes twice" cmp -s "$tmp/big.epub" "$tmp/big2.epub"

# --- The real articles ---------------------------------------------------
if [ -d "$CORPUS" ]; then
	C=$tmp/corpus.epub
	ks corpus --to epub -o "$C" "$CORPUS"
	check "corpus: exit 0" [ "$(rc_of corpus)" -eq 0 ]
	epubcheck_later "$C"
	info "$C"
	has "$C" chapters=44
	has "$C" bad_links=0
	has "$C" problems=0
	has "$C" chronological=yes
	check "corpus: its inline images are embedded" \
	    sh -c "[ \$(grep '^images=' '$C.info' | cut -d= -f2) -gt 0 ]"
	every_text corpus "$C" "$CORPUS"
	ks corpus_j4 -j 4 --to epub -o "$tmp/corpus-j4.epub" "$CORPUS"
	check "corpus: read by 4 threads, the same bytes" cmp -s "$C" "$tmp/corpus-j4.epub"
	# Its images are inline or remote: embed without --fetch-images
	# embeds the same inline ones as the default, and links the rest.
	ks corpus_embed --to epub --images embed -o "$tmp/corpus-embed.epub" "$CORPUS"
	check "corpus --images embed: exit 0" [ "$(rc_of corpus_embed)" -eq 0 ]
	check "corpus --images embed: the same book as the default" \
	    same_book "$C" "$tmp/corpus-embed.epub"
else
	echo "run-epub: $CORPUS is missing; the corpus checks are skipped" >&2
fi

# --- Options the command line may not have yet ----------------------------
if "$KSCONV" --help | grep -q -- '--group-by'; then
	ks month --to epub --title "$TITLE" --group-by month -o "$tmp/month.epub" seeds/
	converted month
	epubcheck_later "$tmp/month.epub"
	info "$tmp/month.epub"
	has "$tmp/month.epub" toc_depth=2
	has "$tmp/month.epub" "toc_top=2021年2月|2021年12月|2022年4月|2022年6月|2022年7月"
	has "$tmp/month.epub" chronological=yes
	ks category --to epub --title "$TITLE" --group-by category -o "$tmp/category.epub" seeds/
	converted category
	epubcheck_later "$tmp/category.epub"
	info "$tmp/category.epub"
	has "$tmp/category.epub" "toc_top=新媒体|zhongguoxinwenwang|未分类"
	ks badgroup --to epub --group-by colour -o "$tmp/badgroup.epub" seeds/
	check "--group-by colour exits 2" [ "$(rc_of badgroup)" -eq 2 ]
	if [ -d "$CORPUS" ]; then
		ks corpus_month --to epub --group-by month -o "$tmp/corpus-month.epub" "$CORPUS"
		epubcheck_later "$tmp/corpus-month.epub"
	fi
else
	echo "run-epub: SKIP --group-by (not on the command line yet)" >&2
fi
if "$KSCONV" --help | grep -q -- '--vertical'; then
	ks vertical --to epub --title "$TITLE" --vertical -o "$tmp/vertical.epub" seeds/
	converted vertical
	epubcheck_later "$tmp/vertical.epub"
	info "$tmp/vertical.epub"
	has "$tmp/vertical.epub" ppd=rtl
	has "$tmp/vertical.epub" vertical_css=yes
	if [ -d "$CORPUS" ]; then
		ks corpus_vertical --to epub --vertical -o "$tmp/corpus-vertical.epub" "$CORPUS"
		epubcheck_later "$tmp/corpus-vertical.epub"
	fi
else
	echo "run-epub: SKIP --vertical (not on the command line yet)" >&2
fi
if "$KSCONV" --help | grep -q -- '--fetch-images'; then
	# A server on 127.0.0.1 (tests/httpd.py) with a few files; it is
	# killed at the end in any case.
	mkdir "$tmp/www"
	cp "$tmp/dot.png" "$tmp/www/dot.png"
	printf '<html><body>not an image</body></html>\n' >"$tmp/www/fake.png"
	printf '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n' >"$tmp/www/pic.svg"
	{ printf '\211PNG\r\n\032\n'; head -c 11000000 /dev/zero; } >"$tmp/www/huge.png"
	start_httpd "$tmp/www"
	U=http://127.0.0.1:$port
	mkdir "$tmp/net"
	cat >"$tmp/net/net.md" <<EOF
---
title: Fetched pictures
date: 2022-02-02T02:02:02Z
---
A dot ![a red dot]($U/dot.png), a page ![not a picture]($U/fake.png),
an SVG ![scripted]($U/pic.svg), a missing ![gone]($U/missing.png),
a huge ![too big]($U/huge.png) and the dot again ![dot again]($U/dot.png).
EOF
	export no_proxy=127.0.0.1 NO_PROXY=127.0.0.1
	XDG_CACHE_HOME=$tmp/cache ks fetch --to epub --images embed --fetch-images -o "$tmp/fetch.epub" "$tmp/net"
	check "--fetch-images: exit 0" [ "$(rc_of fetch)" -eq 0 ]
	epubcheck_later "$tmp/fetch.epub"
	info "$tmp/fetch.epub"
	has "$tmp/fetch.epub" images=1
	has "$tmp/fetch.epub" image_types=image/png
	has "$tmp/fetch.epub" bad_links=0
	check "--fetch-images: the fetched PNG is in the book, byte for byte" \
	    sh -c "unzip -p '$tmp/fetch.epub' EPUB/images/img-0001.png | cmp -s - '$tmp/dot.png'"
	check "--fetch-images: both uses of it point at it" \
	    sh -c "[ \$(unzip -p '$tmp/fetch.epub' EPUB/chap-0001.xhtml | grep -o 'src=\"images/img-0001.png\"' | wc -l) -eq 2 ]"
	for w in "fake.png not embedded: not a PNG, JPEG or GIF image" \
	    "pic.svg not embedded: not a PNG, JPEG or GIF image" \
	    "missing.png not embedded: HTTP status 404" \
	    "huge.png not embedded: larger than 10 MiB"; do
		check "--fetch-images: warns '$w'" grep -qF "$w; linked instead" "$tmp/fetch.err"
	done
	check "--fetch-images: a failed image is a link to it" \
	    sh -c "unzip -p '$tmp/fetch.epub' EPUB/chap-0001.xhtml | grep -qF '<a href=\"$U/fake.png\">not a picture</a>'"
	kill "$srv_pid" 2>/dev/null; wait "$srv_pid" 2>/dev/null; srv_pid=
	XDG_CACHE_HOME=$tmp/cache ks fetch2 --to epub --images embed --fetch-images -o "$tmp/fetch2.epub" "$tmp/net"
	check "--fetch-images: with the server gone, the cache gives the same book" \
	    cmp -s "$tmp/fetch.epub" "$tmp/fetch2.epub"
else
	echo "run-epub: SKIP --fetch-images (not on the command line yet)" >&2
fi

# The book for standard output is packed in TMPDIR: when that cannot be
# written, the message names it.
TMPDIR=$tmp/no-such-tmp "$KSCONV" -q --to epub -o - seeds/ >/dev/null 2>"$tmp/err"
check "epub to stdout, TMPDIR missing: exit 2" [ $? -eq 2 ]
check "... the message names TMPDIR's folder" \
    grep -q "^ksconv: <stdout>: error: cannot create a temporary file in $tmp/no-such-tmp: " "$tmp/err"

epubcheck_all
done_tests epub
