/* Plain-text helpers: metadata values lose their markup and keep their
 * words, white space is folded the way a browser folds it, and prefixes
 * are compared without regard to ASCII case. */
#include "text.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "utf8.h"
#include "xalloc.h"

/* The references that turn up in scraped titles and credits. An unknown
 * name stays as written: guessing would change the text. */
static const struct entity {
	const char	*name;
	unsigned	 cp;
} entities[] = {
	{ "amp", '&' },		{ "lt", '<' },		{ "gt", '>' },
	{ "quot", '"' },	{ "apos", '\'' },	{ "nbsp", 0xA0 },
	{ "copy", 0xA9 },	{ "reg", 0xAE },	{ "trade", 0x2122 },
	{ "hellip", 0x2026 },	{ "mdash", 0x2014 },	{ "ndash", 0x2013 },
	{ "lsquo", 0x2018 },	{ "rsquo", 0x2019 },	{ "ldquo", 0x201C },
	{ "rdquo", 0x201D },	{ "laquo", 0xAB },	{ "raquo", 0xBB },
	{ "middot", 0xB7 },	{ "bull", 0x2022 },	{ "times", 0xD7 },
	{ "divide", 0xF7 },	{ "deg", 0xB0 },	{ "yen", 0xA5 },
	{ "euro", 0x20AC },	{ "pound", 0xA3 },	{ "cent", 0xA2 },
	{ "sect", 0xA7 },	{ "para", 0xB6 },	{ "ensp", 0x2002 },
	{ "emsp", 0x2003 },	{ "thinsp", 0x2009 },	{ "shy", 0xAD },
};

/* Tags after which the text goes on in a new block: they become a space,
 * so "<p>a</p><p>b</p>" does not read "ab". Other tags vanish. */
static const char *const block_tags[] = {
	"address", "article", "aside", "blockquote", "br", "dd", "div", "dl",
	"dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5",
	"h6", "header", "hr", "li", "ol", "p", "pre", "section", "table",
	"td", "th", "tr", "ul",
};

bool
ks_text_has_prefix_ci(const char *s, const char *prefix)
{
	for (; *prefix != '\0'; s++, prefix++)
		if (ks_ascii_lower((unsigned char)*s) != ks_ascii_lower((unsigned char)*prefix))
			return false;
	return true;
}

/* Is s[0..len) the name (ASCII case-insensitive) of one of names? */
static bool
name_in(const char *s, size_t len, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(names[i]) == len && ks_text_has_prefix_ci(s, names[i]))
			return true;
	return false;
}

/*
 * s points at '<'. Returns the length of the tag, comment or declaration
 * that starts there, or 0 when it is a literal '<' ("a < b", or a tag
 * that never closes). *block tells whether it separates blocks.
 * last_gt is the string's last '>' (or NULL): past it no tag can close,
 * which keeps a text full of unclosed '<' from being rescanned.
 */
static size_t
tag_length(const char *s, const char *last_gt, bool *block)
{
	const char *end, *name;
	size_t n;

	*block = false;
	if (strncmp(s, "<!--", 4) == 0) {
		/* As in HTML, an unclosed comment runs to the end. */
		end = strstr(s + 4, "-->");
		return end == NULL ? strlen(s) : (size_t)(end + 3 - s);
	}
	if (last_gt == NULL || s > last_gt)
		return 0;
	if (!ks_ascii_is_alpha((unsigned char)s[1]) && s[1] != '/' && s[1] != '!' &&
	    s[1] != '?')
		return 0;
	end = strchr(s, '>');
	name = s[1] == '/' ? s + 2 : s + 1;
	n = strspn(name, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
	*block = name_in(name, n, block_tags,
	    sizeof(block_tags) / sizeof(block_tags[0]));
	return (size_t)(end + 1 - s);
}

/* Does the tag at s open the element `name`? */
static bool
opens(const char *s, const char *name)
{
	return ks_text_has_prefix_ci(s + 1, name) &&
	    !ks_ascii_is_alpha((unsigned char)s[1 + strlen(name)]);
}

/*
 * s points at "<script" or "<style" (already known to be a tag of that
 * name): returns the length up to the end of its closing tag, whose
 * content is code, not text. Unclosed, it runs to the end, as in HTML.
 */
static size_t
raw_element_length(const char *s, const char *name)
{
	const char *p, *end;
	size_t n = strlen(name);

	for (p = strstr(s, "</"); p != NULL; p = strstr(p + 2, "</"))
		if (ks_text_has_prefix_ci(p + 2, name) &&
		    !ks_ascii_is_alpha((unsigned char)p[2 + n])) {
			/* "</script" with no '>' runs to the end. */
			end = strchr(p, '>');
			return end ? (size_t)(end + 1 - s) : strlen(s);
		}
	return strlen(s);
}

/*
 * s points at '&'. Decodes the character reference there into out and
 * returns its length, or returns 0 when it is a literal '&'. Numeric
 * references that name no allowed character (0, surrogates, beyond
 * U+10FFFF, controls) become U+FFFD, as in HTML.
 */
static size_t
put_reference(struct ks_buf *out, const char *s)
{
	unsigned long cp = 0;
	size_t i, n;
	bool hex;

	if (s[1] == '#') {
		hex = s[2] == 'x' || s[2] == 'X';
		i = hex ? 3 : 2;
		n = i;
		for (;; i++) {
			int c = (unsigned char)s[i], d;

			if (c >= '0' && c <= '9')
				d = c - '0';
			else if (hex && ks_ascii_lower(c) >= 'a' && ks_ascii_lower(c) <= 'f')
				d = ks_ascii_lower(c) - 'a' + 10;
			else
				break;
			/* Saturate: the value only has to be known too big. */
			if (cp <= 0x10FFFF)
				cp = cp * (hex ? 16 : 10) + (unsigned long)d;
		}
		if (i == n)
			return 0;
		if (s[i] == ';')
			i++;
		if (cp == 0 || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF) ||
		    ks_utf8_is_bad_control((unsigned)cp))
			cp = 0xFFFD;
		ks_buf_put_utf8(out, (unsigned)cp);
		return i;
	}
	n = strspn(s + 1, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
	if (n == 0 || s[1 + n] != ';')
		return 0;
	for (i = 0; i < sizeof(entities) / sizeof(entities[0]); i++)
		if (strlen(entities[i].name) == n &&
		    strncmp(s + 1, entities[i].name, n) == 0) {
			ks_buf_put_utf8(out, entities[i].cp);
			return n + 2;
		}
	return 0;
}

char *
ks_text_plain(const char *s)
{
	struct ks_buf raw = KS_BUF_INIT, out = KS_BUF_INIT;
	const char *p = s, *last_gt = strrchr(s, '>');
	size_t n;
	bool block;

	while (*p != '\0') {
		if (*p == '<' && (n = tag_length(p, last_gt, &block)) > 0) {
			size_t skip = 0;

			if (opens(p, "script"))
				skip = raw_element_length(p, "script");
			else if (opens(p, "style"))
				skip = raw_element_length(p, "style");
			p += skip > n ? skip : n;
			if (block)
				ks_buf_putc(&raw, ' ');
			continue;
		}
		if (*p == '&' && (n = put_reference(&raw, p)) > 0) {
			p += n;
			continue;
		}
		ks_buf_putc(&raw, *p++);
	}
	ks_text_fold_space(&out, ks_buf_cstr(&raw), raw.len, true);
	ks_buf_free(&raw);
	return ks_buf_detach(&out);
}

/* Zero-width characters are no space: dropping them keeps "a\u200Bb"
 * one word, while ks_utf8_is_space (for trimming) counts them. */
static bool
is_zero_width(int cp)
{
	return cp == 0x200B || cp == 0xFEFF;
}

void
ks_text_fold_space(struct ks_buf *out, const char *s, size_t len, bool trim)
{
	size_t pos = 0, start;
	bool pending = false, any = false;
	int cp;

	while (pos < len) {
		start = pos;
		cp = ks_utf8_decode(s, len, &pos);
		if (cp >= 0 && is_zero_width(cp))
			continue;
		if (cp >= 0 && ks_utf8_is_space((unsigned)cp)) {
			pending = true;
			continue;
		}
		if (pending && (any || !trim))
			ks_buf_putc(out, ' ');
		pending = false;
		any = true;
		ks_buf_put(out, s + start, pos - start);
	}
	if (pending && !trim)
		ks_buf_putc(out, ' ');
	/* Never leave a NULL pointer behind, even for empty input. */
	ks_buf_put(out, "", 0);
}

size_t
ks_text_space_prefix(const char *s, size_t len)
{
	size_t pos = 0, at;
	int cp;

	while (pos < len) {
		at = pos;
		cp = ks_utf8_decode(s, len, &pos);
		if (cp < 0 || !ks_utf8_is_space((unsigned)cp))
			return at;
	}
	return len;
}

/*
 * A byte that is no continuation byte always starts a character when s
 * is decoded from its start, and a valid sequence from there is that
 * character; so the last character is found by stepping back over at
 * most three continuation bytes.
 */
size_t
ks_text_space_suffix(const char *s, size_t len)
{
	size_t end = len, at, pos;
	int cp;

	while (end > 0) {
		at = end - 1;
		while (at > 0 && end - at < 4 &&
		    ((unsigned char)s[at] & 0xC0) == 0x80)
			at--;
		pos = at;
		cp = ks_utf8_decode(s, end, &pos);
		if (pos != end || cp < 0 || !ks_utf8_is_space((unsigned)cp))
			break;
		end = at;
	}
	return len - end;
}

char *
ks_text_trim(char *s)
{
	size_t len = strlen(s), start, end;

	start = ks_text_space_prefix(s, len);
	end = start == len ? len : len - ks_text_space_suffix(s, len);
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
	return s;
}

bool
ks_text_is_blank(const char *s, size_t len)
{
	return ks_text_space_prefix(s, len) == len;
}

static int
is_alnum(int c)
{
	return ks_ascii_is_alpha(c) || (c >= '0' && c <= '9');
}

static bool
lang_tag_ok(const char *tag)
{
	size_t n = 0, subtags = 0;

	if (tag == NULL || *tag == '\0')
		return false;
	for (const char *p = tag;; p++) {
		if (*p == '-' || *p == '\0') {
			/* The language: letters only, 2-3 or 5-8 of them. */
			if (n == 0 || n > 8 || (subtags == 0 && (n < 2 || n == 4)))
				return false;
			subtags++;
			n = 0;
			if (*p == '\0')
				return true;
			continue;
		}
		if (subtags == 0 ? !ks_ascii_is_alpha(*p) : !is_alnum(*p))
			return false;
		n++;
	}
}

char *
ks_lang_tag(const char *tag)
{
	char *t;

	if (tag == NULL)
		return NULL;
	t = ks_xstrdup(tag);
	for (char *p = t; *p; p++)
		if (*p == '_')
			*p = '-';
	if (!lang_tag_ok(t)) {
		free(t);
		return NULL;
	}
	return t;
}
