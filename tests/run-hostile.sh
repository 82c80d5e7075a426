#!/bin/sh
# Pathological input (issue 6), generated here into a temporary folder:
# each case has an expected outcome, converted (maybe with warnings, exit 0)
# or reported (exit 1, the file named), and is checked twice, with --to
# tree and with every format in the registry at once. Never a crash (a
# signal, a sanitizer or valgrind report), never a hang (every run has a
# time limit), memory in proportion to the input.
. tests/lib.sh
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
PY=/usr/bin/python3
# valgrind is 20-50 times slower: there the three cases that are about
# size alone (the 10 MB paragraph, 100 000 paragraphs, 5 000 files) are a
# tenth as large, unless HOSTILE_FULL=1; every other case is the same.
if [ -n "$KSWRAP" ]; then tmo=900; else tmo=60; fi
if [ -n "$KSWRAP" ] && [ "${HOSTILE_FULL:-0}" != 1 ]; then scale=10; else scale=1; fi
long_bytes=$((10485760 / scale)); nparas=$((100000 / scale)); nfiles=$((5000 / scale))
all=$("$KSCONV" --list-formats | cut -d' ' -f1 | paste -sd, -)
case $KSCONV in /*) ksabs=$KSCONV ;; *) ksabs=$PWD/$KSCONV ;; esac

# ks NAME ARGS...: runs ksconv under the time limit; stdout, stderr and
# the exit status go to $tmp/NAME.{out,err,rc}.
ks() {
	n=$1; shift
	timeout $tmo $KSWRAP "$ksabs" "$@" >"$tmp/$n.out" 2>"$tmp/$n.err"
	echo $? >"$tmp/$n.rc"
}
rc_of() { cat "$tmp/$1.rc"; }
# lacks PATTERN FILE...: every file exists and none holds PATTERN.
lacks() {
	p=$1; shift
	for f in "$@"; do
		[ -f "$f" ] && ! grep -q -- "$p" "$f" || return 1
	done
}

# sane NAME: no crash, no hang, no sanitizer or valgrind report.
sane() {
	r=$(rc_of "$1")
	if [ "$r" -ge 124 ] || [ "$r" -eq 99 ]; then
		fail "$1: crashed or hung (exit $r)"; tail -n 20 "$tmp/$1.err" >&2
		return 1
	fi
	if grep -Eq 'Sanitizer|runtime error:|^==[0-9]+==' "$tmp/$1.err"; then
		fail "$1: sanitizer or valgrind report"; head -n 30 "$tmp/$1.err" >&2
		return 1
	fi
	pass
}

# expect NAME STATUS PATTERN FILE...: --to tree, then every format into a
# folder; both must exit STATUS, and stderr of the first match PATTERN
# (an extended regex; empty for none).
expect() {
	name=$1; want=$2; pattern=$3; shift 3
	ks "$name" --to tree "$@"
	if sane "$name"; then
		check "$name: exit $(rc_of "$name"), want $want" \
		    [ "$(rc_of "$name")" -eq "$want" ]
	fi
	if [ -n "$pattern" ]; then
		check "$name: a message matches '$pattern'" \
		    grep -Eq -- "$pattern" "$tmp/$name.err"
	fi
	ks "$name-all" --to "$all" -o "$tmp/out-$name" "$@"
	if sane "$name-all"; then
		check "$name: every format exits $(rc_of "$name-all"), want $want" \
		    [ "$(rc_of "$name-all")" -eq "$want" ]
	fi
}

# max_rss_kb NAME ARGS...: runs ksconv under /usr/bin/time -v; prints the
# peak resident set in KiB.
max_rss_kb() {
	n=$1; shift
	timeout $tmo /usr/bin/time -v "$ksabs" "$@" >/dev/null 2>"$tmp/$n.time"
	sed -n 's/.*Maximum resident set size (kbytes): *//p' "$tmp/$n.time"
}
# Peak memory means nothing under valgrind or a sanitizer's shadow memory.
measure_rss=yes
if [ -n "$KSWRAP" ] || nm "$ksabs" 2>/dev/null | grep -q __asan_init ||
    nm -D "$ksabs" 2>/dev/null | grep -q __asan_init; then
	measure_rss=no
elif [ ! -x /usr/bin/time ]; then
	fail "/usr/bin/time is missing (Debian package time, in TEST_DEPS)"
	measure_rss=no
fi
# rss_ok NAME INPUT ARGS...: peak memory below 40 times the input + 50 MB.
rss_ok() {
	n=$1; input=$2; shift 2
	[ $measure_rss = yes ] || return 0
	kb=$(max_rss_kb "$n" "$@")
	limit=$(( $(wc -c <"$input") * 40 / 1024 + 50 * 1024 ))
	check "$n: peak memory ${kb:-?} KiB under $limit KiB" \
	    [ "${kb:-999999999}" -lt "$limit" ]
}

# Every input the cases need, made at once.
$PY - "$tmp" $long_bytes $nparas $nfiles <<'PYEOF'
import os, random, sys
d = sys.argv[1]
long_bytes, nparas, nfiles = (int(x) for x in sys.argv[2:5])
def w(name, data):
    with open(os.path.join(d, name), "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)
w("deep.html", "<html><body>" + "<div>" * 20000 + "<p>Deep text survives.</p>"
  + "</div>" * 20000 + "</body></html>\n")
w("deep-inline.md", "---\ntitle: Deep inline\n---\n" + "<b><i>" * 10000
  + "Deep inline text." + "</i></b>" * 10000 + "\n")
w("deep-unclosed.html", "<div><span>" * 10000 + "Unclosed deep text.\n")
w("deep-lists.md", "---\ntitle: Deep lists\n---\n"
  + "".join("  " * i + "- level %d\n" % i for i in range(2000))
  + ">" * 5000 + " Deep quote text.\n")
words = ("lorem ipsum dolor sit amet " * (long_bytes // 27 + 1))[:long_bytes]
w("long.txt", words + "\n")
lines = ['---', 'title: Alias bomb',
         'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
for i in range(1, 10):
    lines.append('a%d: &a%d [%s]' % (i, i, ','.join(['*a%d' % (i - 1)] * 9)))
lines += ['---', 'Body of the alias bomb.']
w("alias-bomb.md", "\n".join(lines) + "\n")
ents = ['<!ENTITY lol "lol">'] + ['<!ENTITY lol%d "%s">' % (
    i, ("&lol%s;" % ("" if i == 1 else i - 1)) * 10) for i in range(1, 10)]
w("laughs.html", '<?xml version="1.0"?>\n<!DOCTYPE html [\n' + "\n".join(ents)
  + '\n]>\n<html><body><p>Laughs text &lol9; end.</p></body></html>\n')
w("laughs.md", "---\ntitle: Laughs\n---\n<!DOCTYPE html [\n" + "\n".join(ents)
  + "\n]>\n\nLaughs post &lol9; here.\n")
w("many-paras.txt", "\n\n".join("Paragraph number %d." % i
                                 for i in range(nparas)) + "\n")
w("nul.txt", b"Text with a NUL \x00 byte in it.\n")
w("bad-utf8.md", b"---\ntitle: \"Bad \xc0\xaf bytes \x01\"\n---\n"
  b"Overlong \xc0\xaf \xe0\x80\xaf \xf0\x80\x80\xaf, surrogates \xed\xa0\x80"
  b" \xed\xbf\xbf, lone \x80\xbf, truncated \xe4\xb8, too high \xf4\x90\x80\x80,"
  b" controls \x01\x02\x1b[31m\x7f \xc2\x85 \xc2\x9b end of bad text.\n")
w("bad-utf8.txt", b"Plain bad \xc0\xaf\xed\xa0\x80\x80 text \x07\x08\x0b\x0c"
  b" with controls.\n\nSecond \xff\xfe paragraph.\n")
w("bad-utf8.html", b"<html><body><p>Html bad \xc0\xaf \xed\xa0\x80 \x80 \x01"
  b" &#0; &#xD800; &#1114112; &#x1b; text.</p></body></html>\n")
w("flow.md", "---\ntitle: Flow\ntags: " + "[" * 30000 + "]" * 30000
  + "\n---\nFlow body.\n")
w("flow-maps.md", "---\ntitle: Flow maps\nx: " + "{a: " * 30000 + "1"
  + "}" * 30000 + "\n---\nFlow body.\n")
w("deep-toml.md", "+++\ntitle = \"Deep TOML\"\ntags = " + "[" * 30000
  + "]" * 30000 + "\n+++\nToml body.\n")
tbl = "| " + " | ".join("h%d" % i for i in range(127)) + " |\n|" + "---|" * 127 + "\n"
while len(tbl) < 18000:
    tbl += "|\n"
w("table.md", "---\ntitle: Table torture\n---\n" + tbl)
tbl = "|" + "a|" * 127 + "\n|" + "-|" * 127 + "\n"
while len(tbl) < 18000:
    tbl += "|x" * 60 + "|\n"
w("table-full.md", "---\ntitle: Full table\n---\n" + tbl)
w("unclosed.md", "---\ntitle: Never closed\ndate: 2021-01-01\n\nBody text.\n")
w("unclosed.toml.md", "+++\ntitle = \"Never closed\"\n\nBody text.\n")
random.seed(6)
w("binary.md", b"\x89PNG\r\n\x1a\n" + bytes(random.randrange(256) for _ in range(8192)))
w("binary-nonul.txt", bytes(random.randrange(128, 256) for _ in range(8192)))
w("empty.md", b"")
w("blank.txt", b"  \n\t\n\xe3\x80\x80\n")
os.mkdir(os.path.join(d, "many"))
for i in range(nfiles):
    w("many/post-%04d.md" % i, "---\ntitle: Post %d\ndate: 2020-01-01T%02d:%02d:00Z\n"
      "---\nThe body of post number %d.\n" % (i, i // 60 % 24, i % 60, i))
os.mkdir(os.path.join(d, "names"))
w("names/-evil\nname.md", "---\ntitle: Oddly named\n---\nText of the oddly named file.\n")
w("names/-empty\nfile.md", b"")
PYEOF
check "the inputs are made" [ -f "$tmp/many/post-$(printf %04d $((nfiles - 1))).md" ]

expect deep 0 '' "$tmp/deep.html"
check "deep: the text 20 000 levels down is kept" \
	grep -q 'Deep text survives\.' "$tmp/deep.out"
expect deep-inline 0 '' "$tmp/deep-inline.md"
check "deep-inline: the text is kept" grep -q 'Deep inline text\.' "$tmp/deep-inline.out"
expect deep-unclosed 0 '' "$tmp/deep-unclosed.html"
check "deep-unclosed: the text is kept" grep -q 'Unclosed deep text\.' "$tmp/deep-unclosed.out"
expect deep-lists 0 '' "$tmp/deep-lists.md"
check "deep-lists: the deepest item and the quote are kept" \
	sh -c "grep -q 'level 1999' '$tmp/deep-lists.out' && grep -q 'Deep quote text' '$tmp/deep-lists.out'"

expect long 0 '' "$tmp/long.txt"
check "long: the $long_bytes-byte paragraph is kept whole" \
	[ "$(wc -c <"$tmp/long.out")" -gt $long_bytes ]
rss_ok long "$tmp/long.txt" --to tree -o "$tmp/rss-long.txt" "$tmp/long.txt"
rss_ok long-all "$tmp/long.txt" --to "$all" -o "$tmp/rss-long" "$tmp/long.txt"

expect alias-bomb 1 "alias-bomb\.md:[0-9]+: error: .*alias" "$tmp/alias-bomb.md"
expect laughs 0 '' "$tmp/laughs.html"
check "laughs: the text is kept" grep -q 'Laughs text' "$tmp/laughs.out"
check "laughs: no entity is expanded" lacks lollol "$tmp/laughs.out"
expect laughs-md 0 '' "$tmp/laughs.md"
check "laughs-md: no entity is expanded" lacks lollol "$tmp/laughs-md.out"
check "laughs: the declarations do not show as text" \
	lacks ENTITY "$tmp/laughs.out" "$tmp/laughs-md.out"
check "laughs: every output stays small" \
	[ "$(du -sk "$tmp/out-laughs" "$tmp/out-laughs-md" | awk '{s+=$1} END {print s}')" -lt 2048 ]

expect many-paras 0 '' "$tmp/many-paras.txt"
check "many-paras: $nparas paragraphs (one is the title)" \
	[ "$(grep -c '^  paragraph$' "$tmp/many-paras.out")" -ge $((nparas - 1)) ]
rss_ok many-paras "$tmp/many-paras.txt" --to "$all" -o "$tmp/rss-paras" "$tmp/many-paras.txt"

expect nul 1 "nul\.txt: error: binary file" "$tmp/nul.txt"
for f in bad-utf8.md bad-utf8.txt bad-utf8.html; do
	expect "$f" 0 '' "$tmp/$f"
done
check "bad-utf8: the repair is reported with its line" \
	grep -Eq 'bad-utf8\.md:[0-9]+: warning: .*replaced by U\+FFFD' "$tmp/bad-utf8.md.err"
check "bad-utf8: the text around bad bytes is kept" \
	sh -c "grep -q 'end of bad text' '$tmp/bad-utf8.md.out' && grep -q 'Second' '$tmp/bad-utf8.txt.out' && grep -q 'Html bad' '$tmp/bad-utf8.html.out'"
# Every output file is valid UTF-8 without C0 (but tab, LF, CR), DEL or C1.
cat >"$tmp/clean.py" <<'PYEOF'
import os, re, sys, zipfile
bad = 0
def look(name, data):
    global bad
    try:
        t = data.decode("utf-8")
    except UnicodeDecodeError as e:
        print("%s: not UTF-8: %s" % (name, e)); bad += 1; return
    m = re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", t)
    if m:
        print("%s: control character U+%04X" % (name, ord(m.group()))); bad += 1
for d in sys.argv[1:]:
    for root, _, files in os.walk(d):
        for f in files:
            p = os.path.join(root, f)
            if f.endswith(".epub"):
                with zipfile.ZipFile(p) as z:
                    for e in z.namelist():
                        if not e.endswith((".png", ".jpg", ".gif", ".webp")):
                            look(p + "!" + e, z.read(e))
            else:
                look(p, open(p, "rb").read())
sys.exit(1 if bad else 0)
PYEOF
check "bad-utf8: every output is clean UTF-8 without control characters" \
	$PY "$tmp/clean.py" "$tmp/out-bad-utf8.md" "$tmp/out-bad-utf8.txt" "$tmp/out-bad-utf8.html"

expect flow 1 "flow\.md:[0-9]+: error: .*nested" "$tmp/flow.md"
expect flow-maps 1 "flow-maps\.md:[0-9]+: error: .*nested" "$tmp/flow-maps.md"
expect deep-toml 1 "deep-toml\.md:[0-9]+: error: .*nested" "$tmp/deep-toml.md"
for t in table table-full; do
	expect "$t" 0 '' "$tmp/$t.md"
	# 18 KB of Markdown: every output in proportion (cmark-gfm 0.29 made
	# 90 MB of HTML from such a table).
	check "$t: each output under 40 times the input" \
	    $PY -c "import os,sys; lim = 40 * os.path.getsize(sys.argv[1])
sys.exit(any(os.path.getsize(os.path.join(r, f)) > lim
	for r, _, fs in os.walk(sys.argv[2]) for f in fs))" "$tmp/$t.md" "$tmp/out-$t"
	rss_ok "$t" "$tmp/$t.md" --to "$all" -o "$tmp/rss-$t" "$tmp/$t.md"
done
check "table: the header is kept" grep -q 'h126' "$tmp/table.out"

expect unclosed 1 "unclosed\.md:1: error: .*never closed" "$tmp/unclosed.md"
expect unclosed-toml 1 "unclosed\.toml\.md:1: error: .*never closed" "$tmp/unclosed.toml.md"
expect binary 1 "binary\.md: error: binary file" "$tmp/binary.md"
expect binary-nonul 1 "binary-nonul\.txt: error: binary file" "$tmp/binary-nonul.txt"
expect empty 1 "empty\.md: error: empty file" "$tmp/empty.md"
expect blank 1 "blank\.txt(:[0-9]+)?: error: " "$tmp/blank.txt"
# Bad files next to a good one: reported, the good one still converts.
expect mixed 1 '' "$tmp/empty.md" "$tmp/nul.txt" "$tmp/deep.html" "$tmp/unclosed.md"
check "mixed: the good file converts next to the bad ones" \
	grep -q 'Deep text survives' "$tmp/mixed.out"

expect many 0 '' "$tmp/many"
check "many: $nfiles files in one folder make $nfiles articles" \
	[ "$(grep -c '^article ' "$tmp/many.out")" -eq $nfiles ]

# A name with a newline and a leading '-': after "--" or as ./NAME it is
# an input, and a message about it names it.
cd "$tmp/names" || exit 2
good=$(printf -- '-evil\nname.md')
empty=$(printf -- '-empty\nfile.md')
ks names-dashdash --to tree -- "$good"
sane names-dashdash && check "a '-' name after -- converts" \
	grep -q 'Text of the oddly named file' "$tmp/names-dashdash.out"
ks names-dot --to tree "./$good"
sane names-dot && check "a '-' name as ./NAME converts" \
	grep -q 'Text of the oddly named file' "$tmp/names-dot.out"
ks names-empty --to tree -- "$empty"
sane names-empty && check "an empty '-' file is exit 1" [ "$(rc_of names-empty)" -eq 1 ]
check "the message names the file on one line, the newline as \\x0a" \
	grep -q -- '^ksconv: -empty\\x0afile.md: error: empty file$' "$tmp/names-empty.err"
ks names-all --to "$all" -o "$tmp/out-names" .
sane names-all && check "a folder with such names: every format, exit 1 for the empty one" \
	[ "$(rc_of names-all)" -eq 1 ]
check "no output file is named with a newline or a leading '-'" \
	sh -c "[ -d '$tmp/out-names' ] && ! find '$tmp/out-names' -name '*
*' -o -name '-*' | grep -q ."
cd - >/dev/null || exit 2

# Crash inputs the fuzzers found, kept as regression tests: each converts
# or is reported, with every format, and nothing crashes.
for f in tests/hostile/regress-*; do
	[ -e "$f" ] || continue
	n=regress-$(basename "$f")
	ks "$n" --to "$all" -o "$tmp/out-$n" "$f"
	sane "$n" && check "$n: converted or reported" [ "$(rc_of "$n")" -le 1 ]
done
done_tests hostile
