/* Finds the charset a file declares and transcodes it to UTF-8 with iconv,
 * decoding the way browsers do: declared legacy names stand for the
 * supersets real pages are written in. */
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"

#define SCAN_WINDOW	4096
#define NAME_MAX_LEN	40
#define REPLACEMENT	"\xEF\xBF\xBD"

/*
 * Names whose content is really a superset: GB2312 and GBK pages use
 * GB18030 characters, Latin-1 pages use Windows-1252 quotes and dashes,
 * Shift_JIS pages are Windows-31J (0x5C is a backslash, not a yen sign),
 * EUC-KR pages are UHC, Big5 pages Big5-HKSCS. The WHATWG Encoding
 * standard makes the same choices.
 */
static const struct {
	const char	*name;
	const char	*iconv_name;
} aliases[] = {
	{ "gb2312", "GB18030" },
	{ "gb_2312", "GB18030" },
	{ "gb_2312-80", "GB18030" },
	{ "csgb2312", "GB18030" },
	{ "euc-cn", "GB18030" },
	{ "gbk", "GB18030" },
	{ "x-gbk", "GB18030" },
	{ "cp936", "GB18030" },
	{ "ms936", "GB18030" },
	{ "windows-936", "GB18030" },
	{ "chinese", "GB18030" },
	{ "iso-8859-1", "WINDOWS-1252" },
	{ "iso8859-1", "WINDOWS-1252" },
	{ "iso_8859-1", "WINDOWS-1252" },
	{ "latin1", "WINDOWS-1252" },
	{ "l1", "WINDOWS-1252" },
	{ "cp819", "WINDOWS-1252" },
	{ "ibm819", "WINDOWS-1252" },
	{ "csisolatin1", "WINDOWS-1252" },
	{ "us-ascii", "WINDOWS-1252" },
	{ "ascii", "WINDOWS-1252" },
	{ "ansi_x3.4-1968", "WINDOWS-1252" },
	{ "shift_jis", "CP932" },
	{ "shift-jis", "CP932" },
	{ "sjis", "CP932" },
	{ "x-sjis", "CP932" },
	{ "ms_kanji", "CP932" },
	{ "csshiftjis", "CP932" },
	{ "windows-31j", "CP932" },
	{ "euc-kr", "CP949" },
	{ "ks_c_5601-1987", "CP949" },
	{ "windows-949", "CP949" },
	{ "big5", "BIG5-HKSCS" },
	{ "cn-big5", "BIG5-HKSCS" },
	{ "x-x-big5", "BIG5-HKSCS" },
	{ "csbig5", "BIG5-HKSCS" },
};

/* Does s[0..n) start with word (lowercase ASCII), in any case? */
static bool
has_word(const char *s, size_t n, const char *word)
{
	size_t i;
	char c;

	for (i = 0; word[i] != '\0'; i++) {
		if (i >= n)
			return false;
		c = s[i];
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != word[i])
			return false;
	}
	return true;
}

static bool
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
	    c == ':';
}

static size_t
skip_blanks(const char *s, size_t i, size_t len)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/*
 * Reads `SEP ["|'] NAME` at s[i], where SEP is one of seps with blanks
 * around it. Returns the name's length with its start in *start, or 0
 * when there is none or it is too long to be a charset name.
 */
static size_t
read_value(const char *s, size_t i, size_t len, const char *seps,
    size_t *start)
{
	size_t n;

	i = skip_blanks(s, i, len);
	if (i >= len || s[i] == '\0' || strchr(seps, s[i]) == NULL)
		return 0;
	i = skip_blanks(s, i + 1, len);
	if (i < len && (s[i] == '"' || s[i] == '\''))
		i = skip_blanks(s, i + 1, len);
	for (n = 0; i + n < len && is_name_char(s[i + n]); n++)
		continue;
	if (n > NAME_MAX_LEN)
		return 0;
	*start = i;
	return n;
}

/*
 * Looks for `key = value` inside the tag that starts at s[i] (ends at
 * '>'). Returns the value's length (its start in *start), or 0.
 */
static size_t
tag_value(const char *s, size_t i, size_t len, const char *key,
    size_t *start)
{
	size_t klen = strlen(key), n;

	for (; i < len && s[i] != '>'; i++) {
		if (!has_word(s + i, len - i, key))
			continue;
		/* Not the tail of another attribute (data-charset). */
		if (i > 0 && is_name_char(s[i - 1]))
			continue;
		if ((n = read_value(s, i + klen, len, "=", start)) > 0)
			return n;
	}
	return 0;
}

/*
 * The declaration at s[i], if any: <meta ... charset=X>, <?xml ...
 * encoding="X"?>, or a line that starts with `encoding:` / `charset:`
 * (also `=`, as TOML front matter writes it). Returns the name's length.
 */
static size_t
declaration_at(const char *s, size_t i, size_t len, size_t *start)
{
	size_t j;

	if (s[i] == '<') {
		if (has_word(s + i, len - i, "<meta") && i + 5 < len &&
		    (s[i + 5] == ' ' || s[i + 5] == '\t' || s[i + 5] == '\n' ||
		    s[i + 5] == '\r' || s[i + 5] == '/'))
			return tag_value(s, i + 5, len, "charset", start);
		if (has_word(s + i, len - i, "<?xml"))
			return tag_value(s, i + 5, len, "encoding", start);
		return 0;
	}
	if (i > 0 && s[i - 1] != '\n')
		return 0;
	j = skip_blanks(s, i, len);
	if (has_word(s + j, len - j, "encoding"))
		return read_value(s, j + 8, len, ":=", start);
	if (has_word(s + j, len - j, "charset"))
		return read_value(s, j + 7, len, ":=", start);
	return 0;
}

/* Names that mean UTF-8 here: an ASCII scan found the declaration, so
 * the bytes cannot be UTF-16 or UTF-32 whatever the page says (browsers
 * also read a <meta> UTF-16 as UTF-8). */
static bool
means_utf8(const char *name, size_t n)
{
	static const char *const prefixes[] = {
		"utf-8", "utf8", "utf-16", "utf16", "utf-32", "utf32",
		"ucs-2", "ucs2", "unicode",
	};
	size_t k;

	for (k = 0; k < sizeof(prefixes) / sizeof(prefixes[0]); k++)
		if (has_word(name, n, prefixes[k]))
			return true;
	return false;
}

/* The index of the first c in in[from..to), or to. */
static size_t
find_byte(const char *in, char c, size_t from, size_t to)
{
	const char *p = from < to ? memchr(in + from, c, to - from) : NULL;

	return p != NULL ? (size_t)(p - in) : to;
}

/*
 * The first declaration in the window decides, as in a browser: a page
 * that says UTF-8 first and something else later is UTF-8.
 */
char *
ks_charset_declared(const char *in, size_t len)
{
	size_t window = len < SCAN_WINDOW ? len : SCAN_WINDOW;
	size_t at = 0, lt, nl, start = 0, n;

	/* Only a tag or the start of a line can declare one: memchr finds
	 * the next of each, so the bytes between cost nothing. */
	lt = find_byte(in, '<', 0, window);
	nl = find_byte(in, '\n', 0, window);
	while (at < window) {
		if ((n = declaration_at(in, at, len, &start)) > 0) {
			if (means_utf8(in + start, n))
				return NULL;
			return ks_xstrndup(in + start, n);
		}
		if (lt <= at)
			lt = find_byte(in, '<', at + 1, window);
		if (nl < at)
			nl = find_byte(in, '\n', at, window);
		at = lt < nl + 1 ? lt : nl + 1;
	}
	return NULL;
}

static const char *
iconv_name(const char *charset)
{
	size_t k;

	for (k = 0; k < sizeof(aliases) / sizeof(aliases[0]); k++)
		if (strcasecmp(charset, aliases[k].name) == 0)
			return aliases[k].iconv_name;
	return charset;
}

/*
 * Runs iconv on the rest of the input (or, with in == NULL, flushes the
 * shift state and any character held back, as Big5-HKSCS does), growing
 * out as needed. Returns iconv's errno for the byte it stopped at
 * (EILSEQ or EINVAL), or 0 when everything went through.
 */
static int
convert(iconv_t cd, char **in, size_t *inleft, struct ks_buf *out)
{
	char *op;
	size_t oleft, r;

	for (;;) {
		ks_buf_grow(out, (inleft ? *inleft : 0) * 2 + 16);
		op = out->ptr + out->len;
		oleft = out->cap - out->len - 1;
		r = iconv(cd, in, inleft, &op, &oleft);
		out->len = (size_t)(op - out->ptr);
		out->ptr[out->len] = '\0';
		if (r != (size_t)-1)
			return 0;
		if (errno != E2BIG)
			return errno;
	}
}

/*
 * A byte iconv rejects (EILSEQ) or a sequence cut off at the end (EINVAL)
 * costs one U+FFFD and that one byte; decoding resumes right after it, so
 * one bad byte never loses the text that follows.
 */
int
ks_charset_to_utf8(const char *charset, const char *in, size_t len,
    struct ks_buf *out)
{
	iconv_t cd;
	char *ip;
	size_t left;

	/* glibc reads "" as the locale's charset: not what was declared. */
	if (charset == NULL || *charset == '\0')
		return -1;
	cd = iconv_open("UTF-8", iconv_name(charset));
	if (cd == (iconv_t)-1)
		return -1;
	/* iconv's prototype is not const-correct; it only reads the input. */
	ip = (char *)(uintptr_t)in;
	left = len;
	ks_buf_grow(out, len);
	while (left > 0) {
		if (convert(cd, &ip, &left, out) == 0)
			break;
		convert(cd, NULL, NULL, out);
		ks_buf_put(out, REPLACEMENT, 3);
		ip++;
		left--;
	}
	convert(cd, NULL, NULL, out);
	iconv_close(cd);
	return 0;
}
