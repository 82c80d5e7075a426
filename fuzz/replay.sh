#!/bin/sh
# Replays a fuzzer's crash file through the real command line, for a
# reproduction outside libFuzzer (and a regression fixture):
#
#   sh fuzz/replay.sh [-H HARNESS] CRASHFILE
#
# HARNESS (frontmatter, html, plaintext or pipeline) is taken from the
# file's name (build-fuzz/artifacts/fuzz_NAME-crash-...) unless given. The
# input is turned into what the harness fed the library: for html, byte 0
# chose Markdown (odd: the rest becomes a post's body) or HTML; for
# pipeline, bytes 0 and 1 chose the writer and options and the rest is
# files separated by 0x1e; frontmatter and plaintext inputs are files as
# they are (a front matter without fences is wrapped in "---" lines).
# The files are left in a folder named on standard error, then converted
# with `ksconv --to tree,ALL -o DIR` (KSCONV, else build-asan/ksconv when
# newer than ./ksconv, else ./ksconv) and, when built, the harness runs on the file too.
# Exit status: 0 when neither crashed, 1 when one did.
set -u
harness=""
if [ "${1:-}" = "-H" ]; then harness=$2; shift 2; fi
[ $# -eq 1 ] && [ -f "$1" ] || {
	echo "usage: sh fuzz/replay.sh [-H HARNESS] CRASHFILE" >&2; exit 2; }
crash=$1
if [ -z "$harness" ]; then
	harness=$(basename "$crash" | sed -n 's/^fuzz_\([a-z]*\)-.*/\1/p')
	[ -n "$harness" ] || harness=pipeline
fi
if [ -z "${KSCONV:-}" ]; then
	if [ -x build-asan/ksconv ] && [ build-asan/ksconv -nt ksconv ]; then
		KSCONV=build-asan/ksconv
	else KSCONV=./ksconv; fi
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/ksconv-replay-XXXXXX") || exit 2
mkdir "$dir/in"
opts=""
formats=$("$KSCONV" --list-formats | cut -d' ' -f1)
all=$(echo $formats | tr ' ' ,)

# The harness's decoding of the input, in Python for the bytes.
/usr/bin/python3 - "$harness" "$crash" "$dir" $formats >"$dir/opts" <<'PYEOF' || exit 2
import os, sys
harness, crash, d, formats = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
data = open(crash, "rb").read()
inp = os.path.join(d, "in")
def put(name, b):
    open(os.path.join(inp, name), "wb").write(b)
opts = []
if harness == "html":
    if data and data[0] & 1:
        put("post.md", b"---\ntitle: replay\n---\n" + data[1:])
    else:
        put("page.html", data[1:])
elif harness == "pipeline":
    if len(data) < 2:
        sys.exit("replay: a pipeline input has at least 2 bytes")
    b0, b1 = data[0], data[1]
    # fuzz_pipeline.c: the writer, then the options of set_options().
    print("writer=%s" % formats[(b0 & 0x0f) % len(formats)], file=sys.stderr)
    images = ["", "keep", "link", "drop", "embed"][(b1 & 7) % 5]
    if images:
        opts += ["--images", images]
    if (b1 >> 3) & 3:
        opts += ["--limit", str((b1 >> 3) & 3)]
    if b1 & 0x20:
        opts += ["--base-url", "https://example.org/news/"]
    if b1 & 0x40:
        opts += ["--no-content"]
    if b1 & 0x80:
        opts += ["--split-by", "category"]
    if b1 & 2:
        opts += ["--lang", "zh-CN"]
    group = [None, "month", "category", None][(b0 >> 4) & 3]
    if group:
        opts += ["--group-by", group]
    if b0 & 0x40:
        opts += ["--vertical"]
    for i, part in enumerate(data[2:].split(b"\x1e")[:4]):
        put("post-%d.md" % i, part)
elif harness == "frontmatter":
    s = data.lstrip(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    if s.startswith(b"---") or s.startswith(b"+++"):
        put("post.md", data)
    else:
        put("post.md", b"---\n" + data + b"\n---\nBody.\n")
else:
    put("post.txt", data)
print(" ".join(opts))
PYEOF
opts=$(cat "$dir/opts")
# Only the options this ksconv knows.
known=""
set -- $opts
while [ $# -gt 0 ]; do
	case $1 in
	--no-content|--vertical) o=$1; a="" ;;
	*) o=$1; a=$2; shift ;;
	esac
	shift
	if "$KSCONV" --help | grep -q -- "$o"; then known="$known $o $a"
	else echo "replay: this ksconv has no $o; left out" >&2; fi
done

status=0
echo "replay: inputs in $dir/in; running $KSCONV --to tree,$all$known" >&2
SOURCE_DATE_EPOCH=1700000000 timeout 120 "$KSCONV" --to "tree,$all" \
    -o "$dir/out"$known "$dir"/in/* 2>"$dir/ksconv.err"
rc=$?
cat "$dir/ksconv.err" >&2
echo "replay: ksconv exit $rc" >&2
if [ $rc -ge 124 ] || grep -Eq 'Sanitizer|runtime error:' "$dir/ksconv.err"; then
	echo "replay: ksconv crashed" >&2
	status=1
fi
if [ -x "build-fuzz/fuzz_$harness" ]; then
	echo "replay: build-fuzz/fuzz_$harness $crash" >&2
	"build-fuzz/fuzz_$harness" "$crash" >"$dir/harness.log" 2>&1
	rc=$?
	grep -v '^INFO:\|^\*\*\*' "$dir/harness.log" | tail -n 40 >&2
	echo "replay: harness exit $rc" >&2
	[ $rc -eq 0 ] || status=1
fi
echo "replay: outputs in $dir/out" >&2
exit $status
