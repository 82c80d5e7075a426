# Is every file under a folder free of active content? Run by
# tests/run-xss.sh with /usr/bin/python3 (Debian's, with python3-yaml):
#
#   check_safe.py DIR [SAFE_TEXT...]
#
# Looks at each output as the software that opens it would: HTML and XHTML
# (the html writer, EPUB chapters) through an HTML parser; Atom and RSS as
# XML, then the HTML inside content, summary or description; JSON Feed's
# content_html; Markdown through cmark with raw HTML on, and its front
# matter as YAML; EPUB entries from the zip. Fails on any element that can
# run code, load content or send a form, any on* handler, srcdoc or
# formaction, any URL with a scheme that runs code (after the
# white-space and entity tricks browsers forgive), any style with url() or
# expression(), and the word PWNED anywhere a reader could see or load it
# (every vector in the fixtures carries it). Then each SAFE_TEXT must
# appear in the visible text. Prints one line per problem; exits 1 if any.
import html
import html.parser
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

import yaml

FORBIDDEN_TAGS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet",
    "form", "input", "button", "textarea", "select", "option", "svg",
    "math", "base", "template", "portal", "noscript", "param", "isindex",
    "keygen", "xml", "import",
}
URL_ATTRS = {
    "href", "src", "action", "data", "poster", "background", "cite",
    "longdesc", "usemap", "codebase", "xlink:href", "dynsrc", "lowsrc",
    "manifest", "icon", "profile", "ping",
}
DATA_IMAGE = re.compile(r"data:image/(png|jpeg|gif|webp|avif);base64,", re.I)

problems = []
visible = []


def bad_scheme(url):
    """Would a browser run or load this URL as code?"""
    u = html.unescape(url)
    # Browsers drop ASCII tab and newline anywhere, and C0 or space around.
    u = re.sub(r"[\x00-\x20\x7f]", "", u).lower()
    if DATA_IMAGE.match(u):
        return False
    return re.match(r"(javascript|vbscript|livescript|mocha|data|file):", u) is not None


class Checker(html.parser.HTMLParser):
    def __init__(self, where):
        super().__init__(convert_charrefs=True)
        self.where = where
        self.stack = []

    def bad(self, what):
        problems.append("%s: %s" % (self.where, what))

    def handle_starttag(self, tag, attrs):
        self.check_tag(tag, attrs)
        if tag not in ("br", "img", "hr", "meta", "link", "col", "wbr"):
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.check_tag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def check_tag(self, tag, attrs):
        tag = tag.lower()
        if tag in FORBIDDEN_TAGS:
            self.bad("element <%s>" % tag)
        d = {}
        for name, value in attrs:
            name = name.lower()
            value = value or ""
            d[name] = value
            if name.startswith("on"):
                self.bad("<%s %s=...> event handler" % (tag, name))
            if name in ("srcdoc", "formaction"):
                self.bad("<%s %s=...>" % (tag, name))
            if name in URL_ATTRS and bad_scheme(value):
                self.bad("<%s %s=%r>" % (tag, name, value))
            if name == "srcset":
                for part in value.split(","):
                    if part.strip() and bad_scheme(part.strip().split()[0]):
                        self.bad("<%s srcset=%r>" % (tag, value))
            if name == "style" and re.search(r"url\s*\(|expression|javascript|behavior|@import",
                                             value, re.I):
                self.bad("<%s style=%r>" % (tag, value))
            if "pwned" in value.lower():
                self.bad("<%s %s=%r>: a vector's payload" % (tag, name, value))
        if tag == "meta" and d.get("http-equiv", "").lower() in ("refresh", "set-cookie"):
            self.bad("<meta http-equiv=%s>" % d["http-equiv"])
        if tag == "link" and re.search(r"import|prefetch|preload|prerender",
                                       d.get("rel", ""), re.I):
            self.bad("<link rel=%s>" % d["rel"])

    def handle_data(self, data):
        visible.append(data)
        if "pwned" in data.lower():
            self.bad("text %r: a vector's payload" % data.strip()[:80])
        if self.stack and self.stack[-1] == "style" and re.search(
                r"javascript|expression|@import|behavior", data, re.I):
            self.bad("style sheet %r" % data.strip()[:80])

    def handle_comment(self, data):
        if "pwned" in data.lower():
            self.bad("comment %r" % data[:80])


def check_html(text, where):
    c = Checker(where)
    c.feed(text)
    c.close()


def check_css(text, where):
    if re.search(r"pwned|javascript|expression\s*\(|behavior|@import\s+url\(\s*['\"]?https?:",
                 text, re.I):
        problems.append("%s: style sheet with active content" % where)


def local(tag):
    return tag.rsplit("}", 1)[-1].lower()


def check_xml(text, where, feed):
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as e:
        problems.append("%s: not well-formed XML: %s" % (where, e))
        return
    for el in root.iter():
        name = local(el.tag)
        for k, v in el.attrib.items():
            k = local(k)
            if k.startswith("on") or (k in URL_ATTRS and bad_scheme(v)) or "pwned" in v.lower():
                problems.append("%s: <%s %s=%r>" % (where, name, k, v))
        if el.text is None:
            continue
        typ = el.attrib.get("type", "text")
        # Atom: text constructs are HTML only when type says so. RSS:
        # title, description and content:encoded are read as HTML.
        is_html = (feed == "atom" and typ in ("html", "xhtml")) or \
            (feed == "rss" and name in ("title", "description", "encoded"))
        if is_html:
            check_html(el.text, "%s <%s>" % (where, name))
        else:
            visible.append(el.text)
            if "pwned" in el.text.lower():
                problems.append("%s: <%s> text %r" % (where, name, el.text[:80]))
            if name in ("link", "url", "guid", "id", "icon", "logo") and bad_scheme(el.text):
                problems.append("%s: <%s>%s" % (where, name, el.text))
        if feed == "atom" and typ == "xhtml":
            for child in el:
                check_html(ET.tostring(child, encoding="unicode"), "%s <%s>" % (where, name))


def walk_json(v, where, key=""):
    if isinstance(v, dict):
        for k, x in v.items():
            walk_json(x, where, k)
    elif isinstance(v, list):
        for x in v:
            walk_json(x, where, key)
    elif isinstance(v, str):
        if key == "content_html":
            check_html(v, "%s %s" % (where, key))
        else:
            visible.append(v)
            if "pwned" in v.lower() or bad_scheme(v) and key != "content_text":
                problems.append("%s: %s=%r" % (where, key, v[:80]))


def check_markdown(text, where):
    body = text
    m = re.match(r"\A---\n(.*?\n)(---|\.\.\.)\n", text, re.S)
    if m:
        body = text[m.end():]
        try:
            fm = yaml.safe_load(m.group(1)) or {}
        except yaml.YAMLError as e:
            problems.append("%s: front matter is not YAML: %s" % (where, e))
            fm = {}
        for k, v in (fm.items() if isinstance(fm, dict) else []):
            for x in (v if isinstance(v, list) else [v]):
                if isinstance(x, str) and (bad_scheme(x) or "pwned" in x.lower()):
                    problems.append("%s: front matter %s: %r" % (where, k, x))
                elif isinstance(x, str):
                    visible.append(x)
    out = subprocess.run(["cmark", "--unsafe"], input=body.encode("utf-8"),
                         stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")
    check_html(out, where)


def check_tree(text, where):
    for line in text.splitlines():
        m = re.search(r' url="((?:[^"\\]|\\.)*)"', line)
        if m and bad_scheme(m.group(1)):
            problems.append("%s: %s" % (where, line.strip()))
        if "pwned" in line.lower():
            problems.append("%s: %s" % (where, line.strip()[:100]))
    visible.append(text)


def check_file(name, data, where):
    ext = os.path.splitext(name)[1].lower()
    if ext == ".epub":
        with zipfile.ZipFile(data) as z:
            for entry in z.namelist():
                check_file(entry, z.read(entry), "%s!%s" % (where, entry))
        return
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else open(data, encoding="utf-8").read()
    except UnicodeDecodeError:
        problems.append("%s: not UTF-8" % where)
        return
    if ext in (".html", ".htm", ".xhtml"):
        check_html(text, where)
    elif ext == ".atom":
        check_xml(text, where, "atom")
    elif ext in (".rss", ".xml") and "<rss" in text[:500]:
        check_xml(text, where, "rss")
    elif ext in (".xml", ".opf", ".ncx"):
        check_xml(text, where, "other")
    elif ext == ".json":
        walk_json(json.loads(text), where)
    elif ext in (".md", ".markdown"):
        check_markdown(text, where)
    elif ext == ".css":
        check_css(text, where)
    elif ext == ".txt":
        check_tree(text, where)
    elif "pwned" in text.lower():
        problems.append("%s: a vector's payload" % where)
    else:
        visible.append(text)


def main():
    root = sys.argv[1]
    nfiles = 0
    for d, _, files in os.walk(root):
        for f in sorted(files):
            p = os.path.join(d, f)
            check_file(f, p, p)
            nfiles += 1
    if nfiles == 0:
        problems.append("%s: no output at all" % root)
    seen = re.sub(r"\s+", " ", " ".join(visible))
    for t in sys.argv[2:]:
        if t not in seen:
            problems.append("%s: the text %r is missing" % (root, t))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
