#!/bin/sh
# The Markdown writer: file names, front matter, CommonMark that cmark and
# pandoc read alike and without raw HTML, every paragraph kept and no junk,
# the round trip (ksconv reads its own Markdown back as the same tree),
# the fixed point (Markdown of its Markdown is byte-identical), images,
# and outputs that cannot be written.
. tests/lib.sh
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
PY=/usr/bin/python3
CORPUS=../shared/corpus
JUDGE=../shared/judges/judge-md.sh

# ---- Helpers in Python: the judge's checks, and trees compared ----

cat >"$tmp/mdcheck.py" <<'EOF'
# mdcheck.py FILE.md [TREE]: what judge-md.sh checks, done here so the
# suite stands alone: UTF-8 without control characters, YAML front
# matter (a mapping with a title), no raw HTML for cmark, cmark and pandoc
# agreeing on headings, links and images, and no markup or entity visible
# in pandoc's text (code excepted) -- unless TREE (the source's tree) has
# that very text: then the writer only kept what the article says.
# With TREE also: every paragraph of the source is in pandoc's text.
import json, re, subprocess, sys, yaml
path = sys.argv[1]
def fail(msg):
    print('FAIL %s: %s' % (path, msg)); sys.exit(1)
raw = open(path, 'rb').read()
try:
    src = raw.decode('utf-8')
except UnicodeDecodeError as e:
    fail('invalid UTF-8: %s' % e)
if re.search('[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]', src):
    fail('control characters')
if not src.startswith('---\n'):
    fail('no front matter')
end = src.find('\n---\n', 4)
if end < 0:
    fail('front matter not closed')
try:
    meta = yaml.safe_load(src[4:end])
except yaml.YAMLError as e:
    fail('YAML: %s' % e)
if not isinstance(meta, dict) or not str(meta.get('title') or '').strip():
    fail('front matter without a title')
body = src[end + 5:]
xml = subprocess.run(['cmark', '--sourcepos', '-t', 'xml'], input=body,
                     capture_output=True, text=True, check=True).stdout
if re.search(r'<html_(block|inline)\b', xml):
    fail('raw HTML for cmark')
ck = [len(re.findall(r'<%s\b' % t, xml)) for t in ('heading', 'link', 'image')]
doc = json.loads(subprocess.run(['pandoc', '-f', 'commonmark', '-t', 'json'],
                                input=body, capture_output=True, text=True,
                                check=True).stdout)
pk = {'Header': 0, 'Link': 0, 'Image': 0}
words, flat = [], []
def walk(x, in_image=False):
    if isinstance(x, dict):
        t = x.get('t')
        if t in pk:
            pk[t] += 1
        if t == 'Str':
            (flat if in_image else words).append(x['c'])
            if not in_image:
                flat.append(x['c'])
            return
        if t == 'Code':
            flat.append(x['c'][1]); return
        if t == 'CodeBlock':
            flat.append(x['c'][1]); return
        if t == 'Image':
            walk(x['c'][1], True); return
        for v in x.values():
            walk(v, in_image)
    elif isinstance(x, list):
        for v in x:
            walk(v, in_image)
walk(doc['blocks'])
if ck != [pk['Header'], pk['Link'], pk['Image']]:
    fail('cmark and pandoc disagree: headings/links/images %s vs %s' %
         (ck, [pk['Header'], pk['Link'], pk['Image']]))
leak_re = re.compile(r'</?(p|div|span|img|br|center|a|strong|script|style)'
                     r'( [^>]*)?/?>|&(amp|lt|gt|quot|nbsp|#[0-9]+|#x[0-9a-fA-F]+);')
text = ' '.join(words)
if not ''.join(flat).strip() and body.strip():
    fail('no text after parsing')
tree_text = ''
if len(sys.argv) > 2:
    def unq(s):
        return re.sub(r'\\(x[0-9a-f]{2}|.)', lambda m: {'n': '\n', 't': '\t',
            '"': '"', '\\': '\\'}.get(m.group(1), chr(int(m.group(1)[1:], 16))
            if m.group(1)[0] == 'x' else m.group(1)), s)
    paras, cur, depth = [], None, -1
    for line in open(sys.argv[2], encoding='utf-8'):
        ind = len(line) - len(line.lstrip(' '))
        s = line.strip()
        if cur is not None and ind <= depth:
            paras.append(''.join(cur)); cur = None
        if s in ('paragraph', 'cell', 'cell header') or s.startswith('heading') \
                or s.startswith('cell '):
            cur, depth = [], ind
        elif cur is not None and (s.startswith('text "') or s.startswith('code "')):
            cur.append(unq(s[s.index('"') + 1:-1]))
        m = re.match(r'\s*(text|code|code_block.*?) "(.*)"$', line)
        if m:
            tree_text += unq(m.group(2)) + ' '
    if cur is not None:
        paras.append(''.join(cur))
    have = re.sub(r'\s+', '', ''.join(flat))
    for p in paras:
        if re.sub(r'\s+', '', p) not in have:
            fail('a paragraph of the source is missing: %s' % p[:60])
for m in leak_re.finditer(text):
    if m.group(0) not in tree_text:
        fail('markup or entity visible as text: %s' % m.group(0))
print('ok %s' % path)
EOF

cat >"$tmp/treecmp.sh" <<'EOF'
# treecmp.sh A B [body]: compares two tree outputs; without "body" the
# metadata too. Normalized: the path line, what ksconv derives (title and
# language are given once written down), zone-less dates (written with
# their offset). With "body", white space runs in text are one space
# (plain-text articles keep them; HTML and Markdown collapse them).
norm() {
	sed -e '/^article /d' -e '/^title-derived: yes$/d' \
	    -e 's/ (detected)$//' -e 's/, no zone//' "$1" |
	if [ "$2" = body ]; then
		sed -n '/^document$/,$p' |
		sed -e '/^ *\(text\|code\) "/s/\(\\t\| \)\(\\t\| \)*/ /g'
	else
		cat
	fi
}
norm "$1" "$3" >"$1.n"; norm "$2" "$3" >"$2.n"
diff "$1.n" "$2.n" >"$1.diff"
EOF

# md_ok FILE [TREE]: the judge's checks (and paragraphs, with TREE).
md_ok() {
	if $PY "$tmp/mdcheck.py" "$@" >"$tmp/check.out" 2>&1; then pass
	else fail "$(cat "$tmp/check.out")"; fi
}

# round_trip NAME INPUT [body]: INPUT's tree equals the tree of the one
# Markdown file ksconv writes from it.
round_trip() {
	name=$1; in=$2; mode=$3
	d="$tmp/rt/$name"
	mkdir -p "$d"
	run_ksconv --to tree "$in" >"$d/a.tree" 2>/dev/null
	run_ksconv --to md -o "$d/md" "$in" 2>/dev/null
	set -- "$d"/md/*.md
	if [ $# -ne 1 ] || [ ! -f "$1" ]; then
		fail "round trip $name: $# files written"; return
	fi
	run_ksconv --to tree "$1" >"$d/b.tree" 2>/dev/null
	if sh "$tmp/treecmp.sh" "$d/a.tree" "$d/b.tree" $mode; then pass
	else fail "round trip $name: the trees differ"; head -20 "$d/a.tree.diff" >&2; fi
}

# ---- The seeds ----

run_ksconv --to md -o "$tmp/md" seeds/ 2>"$tmp/err"
check "--to md -o DIR seeds/ exits 0" [ $? -eq 0 ]
check "five files" [ "$(ls "$tmp/md" | wc -l)" -eq 5 ]
for f in \
    '2021-12-03-快手响应国际助残日发起-助残123行动-线上线.md' \
    '2022-07-19-共享芬芳-共铸美好-快手与中国残疾人事业新.md' \
    '2022-06-01-快手公益与湘西州联合发起-慈爱助孤-计划-助.md' \
    '2021-02-27-我国脱贫攻坚战取得了全面胜利.md' \
    '2022-04-08-短视频平台汇聚抗-疫-新暖流-快手多举措联动.md'; do
	check "seed file $f" [ -f "$tmp/md/$f" ]
done
check "no temporary file is left" sh -c "! ls -a '$tmp/md' | grep -q tmp"
# Each seed's file (found by its id) passes the judge's checks and holds
# every paragraph of the seed.
for s in seeds/*; do
	t="$tmp/$(basename "$s").tree"
	run_ksconv --to tree "$s" >"$t" 2>/dev/null
	id=$(sed -n 's/^id: "\(.*\)"$/\1/p' "$t")
	f=$(grep -lx "id: $id" "$tmp"/md/*.md)
	if [ -z "$f" ]; then fail "no file with the id of $s"; continue; fi
	md_ok "$f" "$t"
	if [ -x "$JUDGE" ]; then
		check "judge-md.sh passes $f" sh -c "'$JUDGE' '$f' >/dev/null"
	fi
done

# Front matter: the metadata of DESIGN §6, as YAML reads it.
cat >"$tmp/meta.py" <<'EOF'
import sys, yaml, glob, os
want = {
 '2021-12-03': dict(title='快手响应国际助残日发起_助残123行动_，线上线下多方助残倡导残健共行',
     date='2021-12-03T07:09:21Z', author='趣头条', categories=['新媒体', '趣头条', '分类']),
 '2022-07-19': dict(title='共享芬芳、共铸美好，快手与中国残疾人事业新闻宣传促进会启动公益合作',
     date='2022-07-19T08:46:07Z', author='IT 之家', categories=['新媒体', 'IT 之家', '分类资讯']),
 '2022-06-01': dict(title='快手公益与湘西州联合发起_慈爱助孤_计划 助力湘西乡村振兴与慈善事业发展',
     date='2022-06-01T03:50:09Z', author='IT 之家', categories=['新媒体', 'IT 之家', '分类资讯']),
 '2021-02-27': dict(date='2021-02-27', author='品牌研究杂志社编辑部'),
 '2022-04-08': dict(title='短视频平台汇聚抗“疫”新暖流 快手多举措联动',
     date='2022-04-08T17:57:45+08:00', source='中国新闻网',
     categories=['zhongguoxinwenwang'], tags=['中国新闻网新闻'],
     link='http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202204082336871455'),
}
bad = 0
for f in sorted(glob.glob(sys.argv[1] + '/*.md')):
    src = open(f, encoding='utf-8').read()
    meta = yaml.safe_load(src[4:src.find('\n---\n', 4)])
    w = want[os.path.basename(f)[:10]]
    for k, v in w.items():
        got = meta.get(k)
        if k == 'date':
            got = str(got).replace(' ', 'T').replace('+00:00', 'Z')
        if got != v:
            print('%s: %s is %r, want %r' % (f, k, got, v)); bad += 1
    for k in ('title', 'id', 'lang'):
        if not isinstance(meta.get(k), str):
            print('%s: %s is not a string: %r' % (f, k, meta.get(k))); bad += 1
    if not meta['id'].startswith('urn:uuid:'):
        print('%s: id %s' % (f, meta['id'])); bad += 1
sys.exit(1 if bad else 0)
EOF
check "front matter carries the seeds' metadata" $PY "$tmp/meta.py" "$tmp/md"
check "front matter is emitted by libyaml: CJK unescaped, not folded" \
    sh -c "! grep -q '\\\\u[0-9A-Fa-f]\\{4\\}' '$tmp'/md/*.md && grep -q '^title: 快手响应' '$tmp'/md/2021-12-03-*.md"

for junk in 'display:none' EM_StockImg webquoteklinepic cors.zfour.workers.dev \
    data-vmark referrerpolicy 返回首页 返回中国新闻网新闻 文章来源 '<p' '<div' '<img'; do
	if grep -qF -- "$junk" "$tmp"/md/*.md; then fail "junk in the Markdown: $junk"
	else pass; fi
done

# The fixed point: Markdown of ksconv's Markdown is the same bytes, names
# included.
run_ksconv --to md -o "$tmp/md2" "$tmp/md" 2>/dev/null
check "fixed point: --to md of the Markdown exits 0" [ $? -eq 0 ]
check "fixed point: byte-identical files and names" diff -r "$tmp/md" "$tmp/md2"

# The same inputs give the same bytes.
run_ksconv --to md -o "$tmp/md3" seeds/ 2>/dev/null
check "deterministic output" diff -r "$tmp/md" "$tmp/md3"

# ---- Round trips: seeds, fixtures, and text full of syntax ----

for s in seeds/*; do
	round_trip "$(basename "$s")" "$s"
done
for f in tests/fixtures/*; do
	case $f in *.tree|*.err) continue ;; esac
	round_trip "$(basename "$f")" "$f"
done

cat >"$tmp/tricky.html" <<'EOF'
<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8">
<title>符号: * _ # [ ] ` &lt; &gt; 'yes' null 2022</title></head><body>
<h2>标题 # 与 <em>强调</em> #</h2>
<p><strong>注意：</strong>正文继续。他说<em>“引用”</em>之后，<strong>“好”</strong>。
<strong>粗体<em>斜体</em></strong><em>紧邻</em>，<strong>数字123</strong>456，
a<strong> b</strong>c</p>
<p>1. 不是列表 * 2 _ 3 [a](b) `x` &lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;
&amp;#32; # ## &gt; 不是引用 | 竖线 ~20~ snake_case **双星** __双线__ !<a
href="https://example.com/x">链接</a></p>
<p>- 不是项目<br>+ 也不是<br>=== 也不是<br>    缩进<br>#话题#</p>
<ul><li>一<ul><li>甲</li><li>乙<ol start="3"><li>丙</li><li>丁</li></ol></li></ul></li>
<li><p>二</p><p>第二段</p></li></ul>
<ul><li>另一个列表</li></ul>
<ol start="10"><li>十</li><li>十一</li></ol>
<blockquote><p>引用一</p><blockquote><p>嵌套 <a href="https://example.com/a_(b)"
title="说 &quot;是&quot;">链接</a></p></blockquote></blockquote>
<pre><code class="language-c">int a = 1; /* ``` */

  indented
</code></pre>
<table><thead><tr><th>名称</th><th align="right">值</th></tr></thead>
<tbody><tr><td><strong>甲</strong></td><td align="right">1|2</td></tr>
<tr><td><a href="https://example.com/t">乙</a></td><td align="right"><code>x</code></td></tr></tbody></table>
<p><img src="https://example.com/i.png" alt="图 [1]" title="图片"> <code>a`b</code>
<a href="https://example.com/img"><img src="https://example.com/j.png" alt="链图"></a></p>
<h3>C#</h3>
<hr>
<p>最后一段。</p>
</body></html>
EOF
round_trip tricky "$tmp/tricky.html"
tricky=$(ls "$tmp"/rt/tricky/md/*.md)
md_ok "$tricky" "$tmp/rt/tricky/a.tree"
check "CJK strong before a letter: its first letter a reference" \
    grep -qF '**注意：**&#27491;文' "$tricky"
for p in cmark "pandoc -f commonmark -t html"; do
	sed '1,/^---$/d' "$tricky" | $p >"$tmp/t.html"
	check "$p reads the CJK strong back" \
	    grep -qF '<strong>注意：</strong>正文继续。他说<em>“引用”</em>之后，<strong>“好”</strong>。' "$tmp/t.html"
done
check "a pipe table for the simple table" grep -qF '| 名称 | 值 |' "$tricky"
check "< and entity-like & are escaped with backslashes" sh -c \
    "! grep -q '&lt;' '$tricky' && grep -qF '\\<script>alert(1)\\</script> \\&amp;' '$tricky'"
check "a title that YAML would read as something else stays a string" \
    $PY -c "import yaml,sys; s=open(sys.argv[1]).read(); m=yaml.safe_load(s[4:s.find('\n---\n',4)]); sys.exit(m['title'] != \"符号: * _ # [ ] \` < > 'yes' null 2022\")" "$tricky"

# A table a pipe table cannot hold: one paragraph a row.
printf '<html><head><title>T</title></head><body><table><tr><td>甲</td><td>乙</td></tr><tr><td>丙<br>丁</td><td>戊</td></tr></table></body></html>' >"$tmp/flat.html"
run_ksconv --to md -o "$tmp/flat" "$tmp/flat.html" 2>/dev/null
check "a table without a header row becomes paragraphs" \
    sh -c "grep -qx '甲 · 乙' '$tmp'/flat/*.md && grep -qx '丙\\\\' '$tmp'/flat/*.md"

# ---- Images per --images ----

img=seeds/000_6c9a9a2a37b9e920.txt
run_ksconv --to md -o "$tmp/keep" "$img" 2>/dev/null
check "--images default keeps images" grep -q '^!\[\](http://static' "$tmp"/keep/*.md
run_ksconv --images link --to md -o "$tmp/link" "$img" 2>/dev/null
check "--images link: a link to the image" sh -c \
    "grep -q '^\[image\](http://static' '$tmp'/link/*.md && ! grep -q '!\[' '$tmp'/link/*.md"
run_ksconv --images drop --to md -o "$tmp/drop" "$img" 2>/dev/null
check "--images drop: no image, the text stays" sh -c \
    "! grep -q '](http://static' '$tmp'/drop/*.md && grep -q '^“命运就像' '$tmp'/drop/*.md"

# ---- Names: slugs, collisions, several formats ----

mkdir "$tmp/in"
printf -- '---\ntitle: Same Title\ndate: 2022-01-02\n---\nOne.\n' >"$tmp/in/a.md"
printf -- '---\ntitle: Same title!\ndate: 2022-01-02\n---\nTwo.\n' >"$tmp/in/b.md"
printf -- '---\ntitle: ../../etc/passwd\n---\nThree.\n' >"$tmp/in/c.md"
printf -- '---\ntitle: 快手：公益\n---\nFour.\n' >"$tmp/in/d.md"
run_ksconv --to md -o "$tmp/names" "$tmp/in" 2>/dev/null
check "collisions get -2 in input order" sh -c \
    "grep -q '^One' '$tmp/names/2022-01-02-same-title.md' && grep -q '^Two' '$tmp/names/2022-01-02-same-title-2.md'"
check "a traversal title stays inside the folder" grep -q '^Three' "$tmp/names/etc-passwd.md"
check "CJK slug, undated: slug.md" grep -q '^title: 快手：公益$' "$tmp/names/快手-公益.md"
check "nothing written outside the folder" [ "$(ls "$tmp/names" | wc -l)" -eq 4 ]
run_ksconv --to md,tree -o "$tmp/multi" "$tmp/in/a.md" 2>/dev/null
check "with other formats: DIR/md/" [ -f "$tmp/multi/md/2022-01-02-same-title.md" ]

# ---- Outputs that cannot be written ----

run_ksconv --to md -o "$tmp/missing/parent/out" seeds/ 2>"$tmp/err"
check "a missing parent folder is exit 2" [ $? -eq 2 ]
check "... and reported" grep -q "missing/parent/out: error:" "$tmp/err"
check "... and nothing created" [ ! -e "$tmp/missing" ]
: >"$tmp/afile"
run_ksconv --to md -o "$tmp/afile" seeds/ 2>"$tmp/err"
check "a file in the way of the folder is exit 2" [ $? -eq 2 ]
check "... and the file is untouched" [ ! -s "$tmp/afile" ]
run_ksconv --to md -o - seeds/ >/dev/null 2>&1
check "md to standard output is exit 2" [ $? -eq 2 ]

# The second article cannot be written (a folder is in the way): exit 2,
# the first file stays, no temporary file is left.
mkdir -p "$tmp/part/2022-01-02-same-title-2.md"
run_ksconv --to md -o "$tmp/part" "$tmp/in/a.md" "$tmp/in/b.md" 2>"$tmp/err"
check "a file that cannot be written is exit 2" [ $? -eq 2 ]
check "... reported by its path" grep -q "same-title-2.md: error:" "$tmp/err"
check "... the complete file before it stays" grep -q '^One' "$tmp/part/2022-01-02-same-title.md"
check "... and no temporary file is left" sh -c "! ls -a '$tmp/part' | grep -q tmp"

# A symbolic link where a file goes is not written through.
mkdir "$tmp/sym"
: >"$tmp/target"
ln -s "$tmp/target" "$tmp/sym/2022-01-02-same-title.md"
run_ksconv --to md -o "$tmp/sym" "$tmp/in/a.md" 2>"$tmp/err"
check "a symbolic link in the way is exit 2" [ $? -eq 2 ]
check "... and its target is untouched" [ ! -s "$tmp/target" ]

# Files are written on the reading threads before they are named: a
# duplicate dropped later leaves no temporary behind, and a write that
# fails names the input whose file it was.
seeds_twice "$tmp/dupin"
run_ksconv -j 2 --to md -o "$tmp/dup" "$tmp/dupin" 2>"$tmp/err"
check "duplicates at -j 2: exit 0" [ $? -eq 0 ]
check "... one file per article" \
    [ "$(ls -a "$tmp/dup" | grep -c '\.md$')" -eq "$(ls seeds | wc -l)" ]
check "... and no temporary file is left" sh -c "! ls -a '$tmp/dup' | grep -q tmp"
sh -c 'trap "" XFSZ; ulimit -f 2; exec "$@"' sh $KSWRAP "$KSCONV" \
    --to md -o "$tmp/big" seeds/ 2>"$tmp/err"
check "a file too large to write: exit 2" [ $? -eq 2 ]
check "... reported with the input it came from" \
    grep -q "big: error: cannot write the file of seeds/.*: File too large" "$tmp/err"
check "... and no temporary file is left" sh -c "! ls -a '$tmp/big' | grep -q tmp"

# ---- The real articles of the corpus, when present ----

if [ -d "$CORPUS" ]; then
	run_ksconv --to md -o "$tmp/corpus" "$CORPUS" 2>"$tmp/err"
	check "the corpus converts (exit 0)" [ $? -eq 0 ]
	n_in=$(find "$CORPUS" -type f \( -name '*.md' -o -name '*.markdown' \
	    -o -name '*.html' -o -name '*.htm' -o -name '*.txt' \) | wc -l)
	check "one file per corpus article ($n_in)" \
	    [ "$(ls "$tmp/corpus" | wc -l)" -eq "$n_in" ]
	for f in "$CORPUS"/*; do
		case $f in *.md|*.markdown|*.html|*.htm|*.txt) ;; *) continue ;; esac
		b=$(basename "$f")
		round_trip "corpus-$b" "$f" body
		md_ok "$tmp/rt/corpus-$b/md/"*.md "$tmp/rt/corpus-$b/a.tree"
	done
fi

# Regression: articles with the same title and date are named x.md and
# x-2.md; reading that folder back must meet them in the same order, so
# the fixed point holds for collisions too.
mkdir -p "$tmp/same"
for i in 1 2 3; do
	printf -- '---\ntitle: Same title\ndate: 2022-01-01\n---\nText number %s.\n' \
	    "$i" >"$tmp/same/in$i.md"
done
run_ksconv --to md -o "$tmp/same/o1" "$tmp/same"/in*.md 2>/dev/null
run_ksconv --to md -o "$tmp/same/o2" "$tmp/same/o1" 2>/dev/null
check "collisions: x.md, x-2.md, x-3.md" \
	[ -f "$tmp/same/o1/2022-01-01-same-title-3.md" ]
check "collisions: the fixed point holds (same names, same bytes)" \
	diff -r "$tmp/same/o1" "$tmp/same/o2"

done_tests md
