#!/usr/bin/python3
"""Scales the sample articles to N distinct ones for `make bench`.

    gen.py N OUTDIR SEEDDIR...

Every seed file (seeds/, ../shared/corpus/) is copied N / seeds times,
each copy keeping the file's shape (front matter, body format, file name)
but with its own title, date and one sentence, so ksconv's duplicate
detection (a hash of the title and the body text) keeps every copy:

  - the title starts with "K " inside its quotes (YAML, TOML, or the
    first line of a plain-text file): at the start, so that slugs cut to
    60 bytes stay distinct too;
  - the date keeps its format (RFC 822, ISO, 2021/02/27, 2021年2月27日)
    and time zone but moves to a date of its own, 30 minutes apart;
  - the first sentence of the body gets "（K）" or " (K)" before its full
    stop;
  - every address in the body that is not an image's gets "k=K" in its
    query, so the links ksconv takes from bodies, and the feed ids made
    from them, are distinct too;
  - the file's mtime is that date too.

Copies go into OUTDIR/in/cNNNNN/ under their original names (a Jekyll
name keeps its date).  Also written: OUTDIR/files.txt (every path, for the
floor programs), OUTDIR/pandoc.html (the same bodies as one HTML document,
an <h1> per article, for pandoc; Markdown bodies rendered with
`cmark --unsafe`), OUTDIR/info (counts and bytes) and OUTDIR/stamp (what
was generated; a second run with the same stamp does nothing).

Seed files larger than BENCH_MAX_SEED bytes (default 200 000) are left
out: corpus 028 is 850 KB of base64 images and would be 2/3 of the bytes.
"""

import hashlib
import html
import os
import re
import subprocess
import sys
import time

EXTS = (".md", ".markdown", ".html", ".htm", ".txt", ".text")
BASE = 1262304000	# 2010-01-01T00:00:00Z
STEP = 1801		# seconds between two generated dates

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
	  "Oct", "Nov", "Dec"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

RFC822 = re.compile(r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} "
		    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
		    r"\d{4} \d{2}:\d{2}(?::\d{2})?")
ISO = re.compile(r"\d{4}-\d{1,2}-\d{1,2}(?:([T ])\d{1,2}:\d{2}(:\d{2})?)?")
SLASH = re.compile(r"\d{4}/\d{1,2}/\d{1,2}")
CJK = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
KV = re.compile(r"^\s*[^:：\n。，,.!?！？]{1,16}[:：]")
# An address in a body: what ksconv may take as the article's link (a
# "source" line, a "原文地址" link), from which its feed id comes.
URL = re.compile(r"https?://[^\s<>\"'()\[\]]+")
IMAGE_URL = re.compile(r"\.(?:jpe?g|png|gif|webp|svg)$", re.I)
FM_TITLE = re.compile(r"^(title)(\s*[:=]\s*)(.*)$", re.M)
FM_DATE = re.compile(r"^(date|pubDate|published)(\s*[:=]\s*)(.*)$", re.M)
FM_KEY = re.compile(r"^[A-Za-z_][\w-]*:(\s|$)")


def fmt_date(kind, t):
	g = time.gmtime(t)
	if kind == "rfc822":
		return "%s, %02d %s %04d %02d:%02d:%02d" % (
			DAYS[g.tm_wday], g.tm_mday, MONTHS[g.tm_mon - 1],
			g.tm_year, g.tm_hour, g.tm_min, g.tm_sec)
	if kind == "slash":
		return "%04d/%02d/%02d" % (g.tm_year, g.tm_mon, g.tm_mday)
	if kind == "cjk":
		return "%04d年%d月%d日" % (g.tm_year, g.tm_mon, g.tm_mday)
	if kind == "iso-date":
		return "%04d-%02d-%02d" % (g.tm_year, g.tm_mon, g.tm_mday)
	sep = kind[4]		# "iso-T...", "iso- ..."
	s = "%04d-%02d-%02d%s%02d:%02d" % (g.tm_year, g.tm_mon, g.tm_mday,
					   sep, g.tm_hour, g.tm_min)
	if kind.endswith("s"):
		s += ":%02d" % g.tm_sec
	return s


def date_spans(text, start, end):
	"""The date stamps in text[start:end], as (start, end, kind)."""
	out = []
	seg = text[start:end]
	for rx, kind in ((RFC822, "rfc822"), (SLASH, "slash"), (CJK, "cjk")):
		for m in rx.finditer(seg):
			out.append((start + m.start(), start + m.end(), kind))
	for m in ISO.finditer(seg):
		if m.group(1) is None:
			kind = "iso-date"
		else:
			kind = "iso-" + m.group(1) + ("s" if m.group(2) else "")
		out.append((start + m.start(), start + m.end(), kind))
	out.sort()
	keep, last = [], -1
	for sp in out:		# drop overlaps (an ISO date inside another)
		if sp[0] >= last:
			keep.append(sp)
			last = sp[1]
	return keep


def first_sentence_end(text, start, end=None):
	"""Where the first 。 or '. ' outside a tag is, or -1."""
	end = len(text) if end is None else end
	in_tag = False
	i = start
	while i < end:
		c = text[i]
		if c == "<":
			in_tag = i + 1 < end and (text[i + 1].isalpha() or
						  text[i + 1] in "/!")
		elif c == ">":
			in_tag = False
		elif not in_tag:
			if c in "。！？":
				return i
			if c in ".!?" and i + 1 < end and \
			    text[i + 1] in " \n\u201d" and i > start and \
			    not text[i - 1].isspace():
				return i
		i += 1
	return -1


def wide(text, i):
	"""Whether the sentence ending at i is CJK (gets a full-width mark)."""
	return text[i] in "。！？" or (i > 0 and ord(text[i - 1]) > 0x2e80)


def split_front_matter(text):
	"""(fm_start, fm_end, body_start) or None, the shapes ksconv reads."""
	i = 0
	if text.startswith("\ufeff"):
		i = 1
	while True:		# blank lines before the fence
		nl = text.find("\n", i)
		if nl < 0 or text[i:nl].strip() != "":
			break
		i = nl + 1
	for fence in ("---", "+++"):
		if text.startswith(fence, i) and text[i:i + 4].rstrip() == fence:
			s = text.find("\n", i) + 1
			m = re.compile("^" + re.escape(fence) + r"[ \t\r]*$",
				       re.M).search(text, s)
			if m:
				return (s, m.start(), m.end() + 1)
	# Hexo without the opening fence: "key: value" lines up to a ---.
	if FM_KEY.match(text, i):
		m = re.compile(r"^---[ \t\r]*$", re.M).search(text, i)
		if m and text.count("\n", i, m.start()) < 80:
			return (i, m.start(), m.end() + 1)
	return None


def title_insert(text, fm):
	"""Where "K " goes in the front-matter title, and its text, or None."""
	m = FM_TITLE.search(text, fm[0], fm[1])
	if not m:
		return None
	v = m.group(3)
	vs = m.start(3)
	stripped = v.rstrip()
	if stripped[:1] in ("'", '"'):
		pos = vs + 1		# inside the quotes
		raw = stripped.strip(stripped[0])
	elif stripped[:1] in (">", "|"):
		nl = text.find("\n", m.end()) + 1
		nl2 = text.find("\n", nl)
		line = text[nl:nl2]
		pos = nl + len(line) - len(line.lstrip())
		raw = line.strip()
	else:
		pos = vs
		raw = stripped
	return pos, raw.replace("''", "'")


class Seed:
	"""One sample file as pieces, and its body as HTML for pandoc."""

	def __init__(self, path, index):
		self.path = path
		self.name = os.path.basename(path)
		self.index = index
		with open(path, "rb") as f:
			text = f.read().decode("utf-8", "surrogateescape")
		edits = []	# (start, end, kind, arg)
		fm = split_front_matter(text)
		title = None
		if fm:
			t = title_insert(text, fm)
			if t:
				edits.append((t[0], t[0], "title", None))
				title = t[1]
			else:		# ksconv takes it from the body
				title = self.first_line_title(text, fm[2], edits)
			m = FM_DATE.search(text, fm[0], fm[1])
			if m:
				for s, e, k in date_spans(text, m.start(3),
							  m.end(3)):
					edits.append((s, e, "date", k))
			body = fm[2]
		else:
			body = 0
			title = self.plain_title(text, edits)
			pos = 0
			for line in text.split("\n"):
				if len(line) <= 80 or "<time" in line:
					for s, e, k in date_spans(
					    text, pos, pos + len(line)):
						edits.append((s, e, "date", k))
				pos += len(line) + 1
		for m in URL.finditer(text, body):
			e = m.end()
			u = m.group(0)
			if IMAGE_URL.search(u.split("?")[0]) or \
			    text[max(0, m.start() - 5):m.start()] in \
			    ('src="', "src='"):
				continue
			if "#" in u:
				e = m.start() + u.index("#")
			edits.append((e, e, "url", "&" if "?" in u else "?"))
		# The marker goes in the body, not in an edit made above.
		stop = first_sentence_end(text, body)
		if stop >= 0 and not any(s <= stop < e for s, e, _, _ in edits):
			edits.append((stop, stop, "mark", wide(text, stop)))
		edits.sort(key=lambda e: (e[0], e[1]))
		self.pieces = []	# literal, or (kind, arg)
		at = 0
		for s, e, kind, arg in edits:
			if s < at:
				continue
			self.pieces.append(text[at:s])
			self.pieces.append((kind, arg))
			at = e
		self.pieces.append(text[at:])
		if title is None:
			title = os.path.splitext(self.name)[0]
		self.title = title
		self.html_pieces = self.body_html(text, fm, body)

	def first_line_title(self, text, start, edits):
		"""Marks the first line of the body, where the title comes from."""
		m = re.compile(r"^[ \t#]*(\S.*)$", re.M).search(text, start)
		if not m:
			return None
		edits.append((m.start(1), m.start(1), "title", None))
		return m.group(1).strip()

	def plain_title(self, text, edits):
		"""Marks the first line that is not key: value as the title."""
		pos = 0
		for line in text.split("\n"):
			if line.strip() and not KV.match(line):
				if len(line.strip()) <= 80:
					at = pos + len(line) - len(
					    line.lstrip(" \t#"))
					edits.append((at, at, "title", None))
				# A digest's title is its first "## " heading
				# or an <h1> of the page it quotes.
				m = re.compile(r"^##+ (.*)$", re.M).search(text, pos)
				if m:
					edits.append((m.start(1), m.start(1),
						       "title", None))
				m = re.compile(r"<h1>").search(text, pos)
				if m:
					edits.append((m.end(), m.end(),
						       "title", None))
				return line.strip().lstrip("# ")
			pos += len(line) + 1
		return None

	def body_html(self, text, fm, body):
		src = text[body:]
		if fm:
			out = subprocess.run(
				["cmark", "--unsafe"], input=src.encode(
				    "utf-8", "surrogateescape"),
				stdout=subprocess.PIPE, check=True).stdout
			h = out.decode("utf-8", "replace")
		else:
			paras = [p for p in re.split(r"\n\s*\n", src) if p.strip()]
			if len(paras) <= 1:
				paras = [p for p in src.split("\n") if p.strip()]
			h = "".join("<p>%s</p>\n" % html.escape(p.strip(),
				    quote=False) for p in paras)
		# pandoc's HTML reader fetches what an <iframe> points to;
		# ksconv fetches nothing, so neither does pandoc here.
		h = re.sub(r"<iframe\b.*?</iframe>", "", h, flags=re.S | re.I)
		stop = first_sentence_end(h, 0)
		if stop < 0:
			return [h]
		return [h[:stop], ("mark", wide(h, stop)), h[stop:]]


def fill(pieces, k, t, title_suffix=True):
	out = []
	for p in pieces:
		if isinstance(p, str):
			out.append(p)
		elif p[0] == "title":
			out.append("%d " % k)
		elif p[0] == "date":
			out.append(fmt_date(p[1], t))
		elif p[0] == "url":
			out.append("%sk=%d" % (p[1], k))
		elif p[1]:
			out.append("（%d）" % k)
		else:
			out.append(" (%d)" % k)
	return "".join(out)


def seed_files(dirs, max_size):
	out = []
	for d in dirs:
		if not os.path.isdir(d):
			continue
		for root, subdirs, names in os.walk(d):
			subdirs[:] = sorted(s for s in subdirs
					    if not s.startswith("."))
			for n in sorted(names):
				p = os.path.join(root, n)
				if n.startswith(".") or not n.endswith(EXTS):
					continue
				if os.path.getsize(p) > max_size:
					print("gen: leaving out %s (%d bytes)" %
					      (p, os.path.getsize(p)),
					      file=sys.stderr)
					continue
				out.append(p)
	return out


def main():
	if len(sys.argv) < 4:
		sys.exit("usage: gen.py N OUTDIR SEEDDIR...")
	n = int(sys.argv[1])
	outdir = sys.argv[2]
	max_size = int(os.environ.get("BENCH_MAX_SEED", "200000"))
	paths = seed_files(sys.argv[3:], max_size)
	if not paths:
		sys.exit("gen: no seed files")
	h = hashlib.sha256()
	with open(__file__, "rb") as f:
		h.update(f.read())
	for p in paths:
		with open(p, "rb") as f:
			h.update(p.encode() + b"\0" + f.read())
	stamp = "%d %s\n" % (n, h.hexdigest())
	try:
		with open(os.path.join(outdir, "stamp")) as f:
			if f.read() == stamp:
				return
	except OSError:
		pass
	t0 = time.time()
	seeds = [Seed(p, i) for i, p in enumerate(paths)]
	if os.path.isdir(os.path.join(outdir, "in")):
		subprocess.run(["rm", "-rf", os.path.join(outdir, "in")],
			       check=True)
	os.makedirs(os.path.join(outdir, "in"), exist_ok=True)
	listing = []
	nbytes = 0
	hbytes = 0
	with open(os.path.join(outdir, "pandoc.html"), "w",
		  encoding="utf-8", errors="surrogateescape") as ph:
		ph.write("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
			 "<title>bench %d</title>\n</head>\n<body>\n" % n)
		folder = None
		for j in range(n):
			copy, i = divmod(j, len(seeds))
			s = seeds[i]
			k = j + 1
			t = BASE + j * STEP
			if i == 0:
				folder = os.path.join(outdir, "in", "c%05d" % copy)
				os.mkdir(folder)
			p = os.path.join(folder, s.name)
			data = fill(s.pieces, k, t).encode("utf-8",
							     "surrogateescape")
			with open(p, "wb") as f:
				f.write(data)
			os.utime(p, (t, t))
			nbytes += len(data)
			listing.append(p)
			a = "<h1>%d %s</h1>\n%s\n" % (
				k, html.escape(s.title, quote=False),
				fill(s.html_pieces, k, t))
			hbytes += len(a.encode("utf-8", "surrogateescape"))
			ph.write(a)
		ph.write("</body>\n</html>\n")
	with open(os.path.join(outdir, "files.txt"), "w",
		  errors="surrogateescape") as f:
		f.write("\n".join(listing) + "\n")
	with open(os.path.join(outdir, "info"), "w") as f:
		f.write("articles %d\nbytes %d\npandoc_bytes %d\nseeds %d\n" %
			(n, nbytes, hbytes, len(seeds)))
	with open(os.path.join(outdir, "stamp"), "w") as f:
		f.write(stamp)
	print("gen: %d articles (%.1f MB, %d seed files) in %s, %.1f s" %
	      (n, nbytes / 1e6, len(seeds), outdir, time.time() - t0),
	      file=sys.stderr)


if __name__ == "__main__":
	main()
