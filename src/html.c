/* The body reader for markup: Markdown through md4c, HTML through libxml2's
 * HTML parser, after a linear pre-scan that flattens nesting libxml2 would
 * otherwise cut off (2.9.14 halts past 256 open elements and drops the rest). */
#include "html.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <md4c-html.h>

#include "elem.h"
#include "xalloc.h"

/* libxml2 reads at most this many bytes of a tag or attribute name. */
#define NAME_MAX_LEN 100

/*
 * End-tag priority classes, as libxml2's htmlEndPriority has them: a
 * misplaced end tag cannot close an element of a higher class (</b> does
 * not close an open <div>), so it is ignored.
 */
enum prio {
	PRIO_DEFAULT,	/* 100 */
	PRIO_DIV,	/* 150 */
	PRIO_CELL,	/* 160: td, th */
	PRIO_TR,	/* 170 */
	PRIO_SECTION,	/* 180: thead, tbody, tfoot */
	PRIO_TABLE,	/* 190 */
	PRIO_COUNT
};

/* An element name seen by the scanner, with what the depth model needs. */
struct scan_name {
	char		*name;	/* lowercase, NUL-terminated */
	long		 top;	/* index of its topmost open element, or -1 */
	enum prio	 prio;
	bool		 is_void;	/* never holds content (br, img, ...) */
	bool		 self_close;	/* a new one closes an open one (p, li) */
	bool		 raw;	/* script, style: content is not markup */
	bool		 drop;	/* the cleaner drops it with its content */
	bool		 ignore;	/* html, head, body: not modelled */
	bool		 unknown_void;	/* void in HTML5, not to libxml2 */
};

struct scan_open {
	unsigned	 name;		/* index into names */
	long		 prev_same;	/* the open one of this name below */
	long		 prev_prio;	/* the open one of this class below */
};

struct scan {
	const char		*s;
	size_t			 len;
	size_t			 pos;
	size_t			 copied;	/* input before this is handled */
	struct ks_buf		*out;
	bool			 omitted;	/* out holds what is copied */
	struct scan_name	*names;
	size_t			 nnames, namecap;
	unsigned		*hash;		/* name index + 1, 0 for empty */
	size_t			 hashcap;
	struct scan_open	*stack;
	size_t			 depth, stackcap;
	long			 prio_top[PRIO_COUNT];
	long			 skip;	/* dropping everything above this, or -1 */
	unsigned char		*closes;	/* auto_closes answers, see there */
};

/* auto_closes keeps its answers for up to this many names: a table of
 * namecap squared bytes, 16 KB at most. */
#define CLOSES_CACHE_MAX	128

/* The elements a new one of the same name closes in libxml2 2.9.14 (found
 * by parsing "<x>1<x>2"): htmlAutoCloseTag answers only for different
 * names. */
/* Void in HTML5 but content-holding to libxml2 2.9.14, which would let an
 * <embed> swallow the rest of the page. They hold no text: omitted. */
static const char *const unknown_voids[] = {
	"embed", "source", "track", "wbr", "keygen",
};

static const char *const self_closing[] = {
	"a", "colgroup", "form", "li", "option", "p", "tbody", "td", "th",
	"tr",
};

static bool
in_list(const char *name, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(name, list[i]) == 0)
			return true;
	return false;
}

static enum prio
name_prio(const char *name)
{
	if (strcmp(name, "div") == 0)
		return PRIO_DIV;
	if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0)
		return PRIO_CELL;
	if (strcmp(name, "tr") == 0)
		return PRIO_TR;
	if (strcmp(name, "thead") == 0 || strcmp(name, "tbody") == 0 ||
	    strcmp(name, "tfoot") == 0)
		return PRIO_SECTION;
	if (strcmp(name, "table") == 0)
		return PRIO_TABLE;
	return PRIO_DEFAULT;
}

static uint32_t
hash_name(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void
rehash(struct scan *sc)
{
	size_t i, j, cap;

	cap = sc->hashcap ? sc->hashcap * 2 : 64;
	free(sc->hash);
	sc->hash = ks_xcalloc(cap, sizeof(*sc->hash));
	sc->hashcap = cap;
	for (i = 0; i < sc->nnames; i++) {
		const char *n = sc->names[i].name;

		j = hash_name(n, strlen(n)) & (cap - 1);
		while (sc->hash[j] != 0)
			j = (j + 1) & (cap - 1);
		sc->hash[j] = (unsigned)i + 1;
	}
}

/* Returns the index of the (lowercase) name, interning it when new. */
static unsigned
intern(struct scan *sc, const char *name, size_t len)
{
	const htmlElemDesc *desc;
	struct scan_name *n;
	size_t j;

	if (sc->nnames * 2 >= sc->hashcap)
		rehash(sc);
	j = hash_name(name, len) & (sc->hashcap - 1);
	while (sc->hash[j] != 0) {
		n = &sc->names[sc->hash[j] - 1];
		if (strncmp(n->name, name, len) == 0 && n->name[len] == '\0')
			return sc->hash[j] - 1;
		j = (j + 1) & (sc->hashcap - 1);
	}
	if (sc->nnames == sc->namecap) {
		sc->namecap = sc->namecap ? sc->namecap * 2 : 32;
		sc->names = ks_xrealloc(sc->names,
		    sc->namecap * sizeof(*sc->names));
		/* Indexed by namecap: asked again from scratch. */
		free(sc->closes);
		sc->closes = NULL;
	}
	n = &sc->names[sc->nnames];
	n->name = ks_xstrndup(name, len);
	n->top = -1;
	n->prio = name_prio(n->name);
	/* htmlTagLookup is a linear search: ask once per name. */
	desc = htmlTagLookup((const xmlChar *)n->name);
	n->is_void = desc != NULL && desc->empty;
	n->unknown_void = in_list(n->name, unknown_voids,
	    sizeof(unknown_voids) / sizeof(unknown_voids[0]));
	n->self_close = in_list(n->name, self_closing,
	    sizeof(self_closing) / sizeof(self_closing[0]));
	n->raw = strcmp(n->name, "script") == 0 ||
	    strcmp(n->name, "style") == 0;
	/* Past the cap these go whole: their text must not surface. */
	n->drop = ks_elem_kind_of(n->name) == KS_ELEM_DROP;
	n->ignore = strcmp(n->name, "html") == 0 ||
	    strcmp(n->name, "head") == 0 || strcmp(n->name, "body") == 0;
	sc->hash[j] = (unsigned)sc->nnames + 1;
	return (unsigned)sc->nnames++;
}

/*
 * Would libxml2 close the open element old when new starts? Its table is
 * private; htmlAutoCloseTag consults it for an element node, so it is given
 * a bare one carrying only the name. The model follows libxml2 2.9.14;
 * a libxml2 with a rewritten HTML parser needs it checked again (the
 * tag-soup test in test_html.c does that).
 */
static bool
ask_libxml2(const struct scan *sc, unsigned newi, unsigned oldi)
{
	xmlNode fake;

	memset(&fake, 0, sizeof(fake));
	fake.type = XML_ELEMENT_NODE;
	fake.name = (const xmlChar *)sc->names[newi].name;
	return htmlAutoCloseTag(NULL,
	    (const xmlChar *)sc->names[oldi].name, &fake) == 1;
}

/* htmlAutoCloseTag searches a list: each pair of names is asked once (a
 * sixth of the scan's time), its answer kept as 1 (no) or 2 (yes). */
static bool
auto_closes(struct scan *sc, unsigned newi, unsigned oldi)
{
	unsigned char *known;

	if (newi == oldi)
		return sc->names[newi].self_close;
	if (sc->namecap > CLOSES_CACHE_MAX)
		return ask_libxml2(sc, newi, oldi);
	if (sc->closes == NULL)
		sc->closes = ks_xcalloc(sc->namecap * sc->namecap, 1);
	known = &sc->closes[newi * sc->namecap + oldi];
	if (*known == 0)
		*known = ask_libxml2(sc, newi, oldi) ? 2 : 1;
	return *known == 2;
}

static void
push(struct scan *sc, unsigned name)
{
	struct scan_open *o;
	struct scan_name *n = &sc->names[name];

	if (sc->depth == sc->stackcap) {
		sc->stackcap = sc->stackcap ? sc->stackcap * 2 : 256;
		sc->stack = ks_xrealloc(sc->stack,
		    sc->stackcap * sizeof(*sc->stack));
	}
	o = &sc->stack[sc->depth];
	o->name = name;
	o->prev_same = n->top;
	o->prev_prio = sc->prio_top[n->prio];
	n->top = (long)sc->depth;
	sc->prio_top[n->prio] = (long)sc->depth;
	sc->depth++;
}

static void
pop(struct scan *sc)
{
	struct scan_open *o = &sc->stack[--sc->depth];
	struct scan_name *n = &sc->names[o->name];

	n->top = o->prev_same;
	sc->prio_top[n->prio] = o->prev_prio;
	if (sc->skip >= 0 && (long)sc->depth <= sc->skip)
		sc->skip = -1;
}

/* Leaves the input up to end out of the output. Until the first thing
 * is left out, the output is the input: nothing is copied. */
static void
omit_to(struct scan *sc, size_t end)
{
	if (!sc->omitted && end > sc->copied) {
		ks_buf_put(sc->out, sc->s, sc->copied);
		sc->omitted = true;
	}
	sc->copied = end;
}

/* Copies the input up to end, unless inside a dropped element. */
static void
copy_to(struct scan *sc, size_t end)
{
	if (end <= sc->copied)
		return;
	if (sc->skip >= 0)
		omit_to(sc, end);
	else {
		if (sc->omitted)
			ks_buf_put(sc->out, sc->s + sc->copied,
			    end - sc->copied);
		sc->copied = end;
	}
}

static bool
is_letter(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* libxml2's htmlParseHTMLName: returns the length read into buf
 * (lowercased, at most NAME_MAX_LEN), 0 when no name starts here. */
static size_t
scan_name(struct scan *sc, char *buf)
{
	size_t n = 0;
	int c;

	if (sc->pos >= sc->len)
		return 0;
	c = (unsigned char)sc->s[sc->pos];
	if (!is_letter(c) && c != '_' && c != ':' && c != '.')
		return 0;
	while (n < NAME_MAX_LEN && sc->pos < sc->len) {
		c = (unsigned char)sc->s[sc->pos];
		if (!is_letter(c) && !(c >= '0' && c <= '9') && c != ':' &&
		    c != '-' && c != '_' && c != '.')
			break;
		buf[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		sc->pos++;
	}
	return n;
}

static void
skip_blanks(struct scan *sc)
{
	while (sc->pos < sc->len && is_blank((unsigned char)sc->s[sc->pos]))
		sc->pos++;
}

static bool
at_self_close(const struct scan *sc)
{
	return sc->pos + 1 < sc->len && sc->s[sc->pos] == '/' &&
	    sc->s[sc->pos + 1] == '>';
}

/*
 * Skips a start tag's attributes the way htmlParseStartTag reads them, so
 * a '>' inside a quoted value does not end the tag. Leaves pos after the
 * tag and returns whether it ended with "/>".
 */
static bool
scan_attributes(struct scan *sc)
{
	char name[NAME_MAX_LEN];
	char q;

	for (;;) {
		skip_blanks(sc);
		if (sc->pos >= sc->len)
			return false;
		if (sc->s[sc->pos] == '>') {
			sc->pos++;
			return false;
		}
		if (at_self_close(sc)) {
			sc->pos += 2;
			return true;
		}
		if (scan_name(sc, name) == 0) {
			/* A bogus attribute: skipped to a blank or the end. */
			while (sc->pos < sc->len &&
			    !is_blank((unsigned char)sc->s[sc->pos]) &&
			    sc->s[sc->pos] != '>' && !at_self_close(sc))
				sc->pos++;
			continue;
		}
		skip_blanks(sc);
		if (sc->pos >= sc->len || sc->s[sc->pos] != '=')
			continue;
		sc->pos++;
		skip_blanks(sc);
		if (sc->pos >= sc->len)
			return false;
		q = sc->s[sc->pos];
		if (q == '"' || q == '\'') {
			const char *e;

			e = memchr(sc->s + sc->pos + 1, q, sc->len - sc->pos - 1);
			sc->pos = e ? (size_t)(e - sc->s) + 1 : sc->len;
		} else {
			while (sc->pos < sc->len &&
			    !is_blank((unsigned char)sc->s[sc->pos]) &&
			    sc->s[sc->pos] != '>')
				sc->pos++;
		}
	}
}

/* Case-insensitive: does s[pos..len) start with the lowercase word w? */
static bool
at_word(const char *s, size_t len, size_t pos, const char *w)
{
	size_t i, n = strlen(w);

	if (pos > len || len - pos < n)
		return false;
	for (i = 0; i < n; i++) {
		int c = (unsigned char)s[pos + i];

		if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != w[i])
			return false;
	}
	return true;
}

/* Moves pos to the "</name" that ends a script or style (libxml2 in
 * recovery mode stops at the first one), or to the end. */
static void
skip_raw(struct scan *sc, const char *name)
{
	const char *p;

	while (sc->pos < sc->len) {
		p = memchr(sc->s + sc->pos, '<', sc->len - sc->pos);
		if (p == NULL) {
			sc->pos = sc->len;
			return;
		}
		sc->pos = (size_t)(p - sc->s);
		if (sc->pos + 1 < sc->len && sc->s[sc->pos + 1] == '/' &&
		    at_word(sc->s, sc->len, sc->pos + 2, name))
			return;
		sc->pos++;
	}
}

static void
start_tag(struct scan *sc)
{
	char buf[NAME_MAX_LEN];
	size_t start = sc->pos, n;
	unsigned name;
	bool closed, keep;

	sc->pos++;
	n = scan_name(sc, buf);
	name = intern(sc, buf, n);
	closed = scan_attributes(sc);
	if (sc->names[name].ignore) {
		copy_to(sc, sc->pos);
		return;
	}
	if (sc->names[name].unknown_void) {
		copy_to(sc, start);
		omit_to(sc, sc->pos);
		return;
	}
	while (sc->depth > 0 &&
	    auto_closes(sc, name, sc->stack[sc->depth - 1].name))
		pop(sc);
	if (sc->names[name].is_void || closed) {
		/* Never open, so never deeper than its parent plus one. */
		copy_to(sc, sc->pos);
		return;
	}
	keep = sc->depth < KS_HTML_MAX_DEPTH;
	if (keep)
		copy_to(sc, sc->pos);
	else {
		copy_to(sc, start);
		omit_to(sc, sc->pos);
		if (sc->names[name].drop && sc->skip < 0)
			sc->skip = (long)sc->depth;
	}
	push(sc, name);
	if (sc->names[name].raw) {
		skip_raw(sc, sc->names[name].name);
		copy_to(sc, sc->pos);
	}
}

static void
end_tag(struct scan *sc)
{
	char buf[NAME_MAX_LEN];
	size_t start = sc->pos, n;
	unsigned i;
	long top;
	int p;
	const char *gt;
	struct scan_name *nm;

	sc->pos += 2;
	n = scan_name(sc, buf);
	if (n == 0)
		return;		/* "</" then text, as libxml2 reads it */
	gt = memchr(sc->s + sc->pos, '>', sc->len - sc->pos);
	sc->pos = gt ? (size_t)(gt - sc->s) + 1 : sc->len;
	i = intern(sc, buf, n);
	nm = &sc->names[i];
	top = nm->top;
	if (nm->ignore || top < 0) {
		copy_to(sc, sc->pos);
		return;
	}
	for (p = (int)nm->prio + 1; p < PRIO_COUNT; p++) {
		if (sc->prio_top[p] > top) {
			copy_to(sc, sc->pos);
			return;
		}
	}
	if (top < KS_HTML_MAX_DEPTH)
		copy_to(sc, sc->pos);
	else {
		copy_to(sc, start);
		omit_to(sc, sc->pos);
	}
	while ((long)sc->depth > top)
		pop(sc);
}

/* Moves pos past the next occurrence of the string end, or to the end. */
static void
skip_past(struct scan *sc, const char *end)
{
	size_t n = strlen(end);

	while (sc->pos + n <= sc->len) {
		if (memcmp(sc->s + sc->pos, end, n) == 0) {
			sc->pos += n;
			return;
		}
		sc->pos++;
	}
	sc->pos = sc->len;
}

/*
 * Moves past a doctype. One with an internal subset ("<!DOCTYPE html [
 * <!ENTITY lol ...> ]>", the billion-laughs shape) is left out whole:
 * libxml2's HTML parser never expands its entities but would show the
 * declarations as text.
 */
static void
skip_doctype(struct scan *sc)
{
	size_t i;

	for (i = sc->pos; i < sc->len && sc->s[i] != '>' && sc->s[i] != '['; i++)
		continue;
	if (i == sc->len || sc->s[i] == '>') {
		skip_past(sc, ">");
		return;
	}
	if (memchr(sc->s + i, ']', sc->len - i) == NULL) {
		/* Never closed: as libxml2 reads it, to the first '>'. */
		skip_past(sc, ">");
		return;
	}
	sc->pos = i;
	skip_past(sc, "]");
	while (sc->pos < sc->len && is_blank((unsigned char)sc->s[sc->pos]))
		sc->pos++;
	if (sc->pos < sc->len && sc->s[sc->pos] == '>')
		sc->pos++;
	omit_to(sc, sc->pos);
}

/*
 * Copies html to out with the start and end tags of elements deeper than
 * KS_HTML_MAX_DEPTH left out (their text stays), and returns true; or
 * returns false, out untouched, when nothing is left out. The depth is
 * modelled the way libxml2 2.9.14 counts it: void elements and "/>" do
 * not open, elements its tables auto-close are closed, end tags pop to
 * their element or are ignored like libxml2 ignores them, script and
 * style hold raw text. Every step moves forward, and each element is
 * pushed and popped once, so the scan is linear.
 */
static bool
flatten(const char *html, size_t len, struct ks_buf *out)
{
	struct scan sc;
	const char *lt;
	size_t i;
	int c;

	memset(&sc, 0, sizeof(sc));
	sc.s = html;
	sc.len = len;
	sc.out = out;
	sc.skip = -1;
	for (i = 0; i < PRIO_COUNT; i++)
		sc.prio_top[i] = -1;
	while (sc.pos < len) {
		lt = memchr(html + sc.pos, '<', len - sc.pos);
		if (lt == NULL) {
			sc.pos = len;
			break;
		}
		sc.pos = (size_t)(lt - html);
		copy_to(&sc, sc.pos);
		c = sc.pos + 1 < len ? (unsigned char)html[sc.pos + 1] : 0;
		if (is_letter(c))
			start_tag(&sc);
		else if (c == '/')
			end_tag(&sc);
		else if (c == '!' && at_word(html, len, sc.pos + 2, "--")) {
			sc.pos += 4;
			skip_past(&sc, "-->");
		} else if (c == '!' && at_word(html, len, sc.pos + 2,
		    "doctype")) {
			skip_doctype(&sc);
		} else if (c == '!' && sc.pos + 2 < len &&
		    (is_letter((unsigned char)html[sc.pos + 2]) ||
		    html[sc.pos + 2] == '[') &&
		    memchr(html + sc.pos, '>', len - sc.pos) != NULL) {
			/* <!ENTITY ...>, <![CDATA[ ...: a bogus comment to a
			 * browser, stray text to libxml2. */
			skip_past(&sc, ">");
			omit_to(&sc, sc.pos);
		} else if (c == '?')
			skip_past(&sc, ">");
		else
			sc.pos++;
		copy_to(&sc, sc.pos);
	}
	copy_to(&sc, len);
	for (i = 0; i < sc.nnames; i++)
		free(sc.names[i].name);
	free(sc.names);
	free(sc.hash);
	free(sc.stack);
	free(sc.closes);
	return sc.omitted;
}

xmlDoc *
ks_html_parse(const char *html, size_t len)
{
	struct ks_buf flat = KS_BUF_INIT;
	xmlDoc *doc;

	if (flatten(html, len, &flat)) {
		html = ks_buf_cstr(&flat);
		len = flat.len;
	}
	/* libxml2 takes an int length; nothing that large is an article. */
	if (len > INT_MAX) {
		ks_buf_free(&flat);
		return NULL;
	}
	doc = htmlReadMemory(len ? html : "", (int)len, NULL, "UTF-8",
	    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
	ks_buf_free(&flat);
	return doc;
}

/* The opening tags md4c-html writes for a body cell (one per alignment). */
static const char *const td_open[] = {
	"<td>", "<td align=\"left\">", "<td align=\"center\">",
	"<td align=\"right\">",
};

/*
 * Removes the empty cells that end the row just rendered into b. md4c pads
 * every body row to the header's width (up to 128 columns), so 18 KB of
 * "|" lines under a wide header would become a million cells, hundreds of
 * megabytes of DOM; trailing empty cells hold no text, and without them
 * the HTML stays proportional to the Markdown.
 */
static void
trim_empty_cells(struct ks_buf *b)
{
	static const char close[] = "</td>\n";
	const size_t nclose = sizeof(close) - 1;

	while (b->len >= nclose &&
	    memcmp(b->ptr + b->len - nclose, close, nclose) == 0) {
		size_t end = b->len - nclose, k, n = 0;

		for (k = 0; k < sizeof(td_open) / sizeof(td_open[0]); k++) {
			n = strlen(td_open[k]);
			if (end >= n && memcmp(b->ptr + end - n, td_open[k],
			    n) == 0)
				break;
		}
		if (k == sizeof(td_open) / sizeof(td_open[0]))
			return;
		ks_buf_truncate(b, end - n);
	}
}

static void
md_out(const MD_CHAR *text, MD_SIZE size, void *arg)
{
	/* md4c-html ends a row with exactly this one call. */
	if (size == 6 && memcmp(text, "</tr>\n", 6) == 0)
		trim_empty_cells(arg);
	ks_buf_put(arg, text, size);
}

/* Skips white space and a UTF-8 byte order mark; returns the new index. */
static size_t
skip_space(const char *s, size_t len, size_t i)
{
	for (;;) {
		if (i + 2 < len && memcmp(s + i, "\xEF\xBB\xBF", 3) == 0)
			i += 3;
		else if (i < len && (is_blank((unsigned char)s[i]) ||
		    s[i] == '\f' || s[i] == '\v'))
			i++;
		else
			return i;
	}
}

/* Does a tag, end tag, comment, doctype or processing instruction start
 * at s[i]? */
static bool
opens_markup(const char *s, size_t len, size_t i)
{
	int c;

	if (i + 1 >= len || s[i] != '<')
		return false;
	c = (unsigned char)s[i + 1];
	return is_letter(c) || c == '!' || c == '?' ||
	    (c == '/' && i + 2 < len && is_letter((unsigned char)s[i + 2]));
}

int
ks_markdown_to_html(const char *md, size_t len, struct ks_buf *out)
{
	unsigned flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH;

	/* md4c takes an unsigned size. */
	if (len > UINT_MAX)
		return -1;
	/* Scraped bodies are HTML written as Markdown: an indented tag after
	 * a blank line is markup, not code (corpus 009). */
	if (opens_markup(md, len, skip_space(md, len, 0)))
		flags |= MD_FLAG_NOINDENTEDCODEBLOCKS;
	ks_buf_grow(out, len + len / 4);
	return md_html(md, (MD_SIZE)len, md_out, out, flags,
	    MD_HTML_FLAG_SKIP_UTF8_BOM) == 0 ? 0 : -1;
}

/* Block-level tags that mark a text as HTML when they are common in it. */
static const char *const block_tags[] = {
	"br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "img", "li", "p",
	"table", "td", "tr", "ul",
};

/* Does s[i] start one of block_tags ("<p>", "</div>", "<br/>", "<img ")?
 * Returns its length, or 0. */
static size_t
block_tag_at(const char *s, size_t len, size_t i)
{
	size_t j, k, end;
	int c;

	j = i + 1;
	if (j < len && s[j] == '/')
		j++;
	for (k = 0; k < sizeof(block_tags) / sizeof(block_tags[0]); k++) {
		if (!at_word(s, len, j, block_tags[k]))
			continue;
		end = j + strlen(block_tags[k]);
		c = end < len ? (unsigned char)s[end] : 0;
		if (c == '>' || c == '/' || is_blank(c))
			return end - i;
	}
	return 0;
}

/*
 * Markup first, or at least two block tags with half of the non-blank
 * lines holding one: a plain-text article that mentions "<div>" in a few
 * sentences stays text, a page saved on one long line does not.
 */
bool
ks_html_detect(const char *text, size_t len)
{
	size_t i, tags = 0, lines = 0, tagged = 0, n;
	bool blank = true, has_tag = false;

	i = skip_space(text, len, 0);
	if (opens_markup(text, len, i))
		return true;
	for (; i < len; i++) {
		if (text[i] == '\n') {
			if (!blank)
				lines++;
			if (has_tag)
				tagged++;
			blank = true;
			has_tag = false;
			continue;
		}
		if (!is_blank((unsigned char)text[i]))
			blank = false;
		if (text[i] == '<' && (n = block_tag_at(text, len, i)) > 0) {
			tags++;
			has_tag = true;
			i += n - 1;
		}
	}
	if (!blank)
		lines++;
	if (has_tag)
		tagged++;
	return tags >= 2 && tagged * 2 >= lines;
}
