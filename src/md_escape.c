/* Markdown escaping below the level of inlines: characters as
 * CommonMark's flanking rules see them, judged so that cmark, md4c and
 * pandoc all agree (what one parser may take for punctuation and another
 * not is never relied upon either way); what starts a block at the start
 * of a line; link destinations, titles and info strings. */
#include "md_inline.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct range {
	unsigned	lo, hi;
};

/*
 * Unicode punctuation (categories P*) that cmark 0.30, md4c 0.4 and
 * pandoc's reader all know: Latin-1, general, CJK and full-width
 * punctuation. A character outside these and outside ASCII may still be
 * punctuation to some parser (symbols are, to newer ones): such a one is
 * never relied upon to be punctuation, nor to be a letter.
 */
static const struct range sure_punct_ranges[] = {
	{ 0x00A1, 0x00A1 }, { 0x00A7, 0x00A7 }, { 0x00AB, 0x00AB },
	{ 0x00B6, 0x00B7 }, { 0x00BB, 0x00BB }, { 0x00BF, 0x00BF },
	{ 0x2010, 0x2027 }, { 0x2030, 0x2043 }, { 0x2045, 0x2051 },
	{ 0x2053, 0x205E }, { 0x3001, 0x3003 }, { 0x3008, 0x3011 },
	{ 0x3014, 0x301F }, { 0x3030, 0x3030 }, { 0x303D, 0x303D },
	{ 0x30A0, 0x30A0 }, { 0x30FB, 0x30FB }, { 0xFE10, 0xFE19 },
	{ 0xFE30, 0xFE52 }, { 0xFE54, 0xFE61 }, { 0xFE63, 0xFE63 },
	{ 0xFE68, 0xFE68 }, { 0xFE6A, 0xFE6B }, { 0xFF01, 0xFF03 },
	{ 0xFF05, 0xFF0A }, { 0xFF0C, 0xFF0F }, { 0xFF1A, 0xFF1B },
	{ 0xFF1F, 0xFF20 }, { 0xFF3B, 0xFF3D }, { 0xFF3F, 0xFF3F },
	{ 0xFF5B, 0xFF5B }, { 0xFF5D, 0xFF5D }, { 0xFF5F, 0xFF65 },
};

/* Letters and digits (L*, N*) of the scripts ksconv meets most: Latin,
 * Greek, Cyrillic, kana, Han, hangul, full-width forms. */
static const struct range word_ranges[] = {
	{ 0x00AA, 0x00AA }, { 0x00B2, 0x00B3 }, { 0x00B5, 0x00B5 },
	{ 0x00B9, 0x00BA }, { 0x00BC, 0x00BE }, { 0x00C0, 0x00D6 },
	{ 0x00D8, 0x00F6 }, { 0x00F8, 0x024F }, { 0x0370, 0x0374 },
	{ 0x0376, 0x0377 }, { 0x037A, 0x037D }, { 0x037F, 0x037F },
	{ 0x0386, 0x0386 }, { 0x0388, 0x038A }, { 0x038C, 0x038C },
	{ 0x038E, 0x03A1 }, { 0x03A3, 0x03F5 }, { 0x03F7, 0x0481 },
	{ 0x048A, 0x052F }, { 0x3041, 0x3096 }, { 0x309D, 0x309F },
	{ 0x30A1, 0x30FA }, { 0x30FC, 0x30FF }, { 0x3400, 0x4DBF },
	{ 0x4E00, 0x9FFF }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFA6D },
	{ 0xFA70, 0xFAD9 }, { 0xFF10, 0xFF19 }, { 0xFF21, 0xFF3A },
	{ 0xFF41, 0xFF5A }, { 0xFF66, 0xFFBE }, { 0xFFC2, 0xFFC7 },
	{ 0xFFCA, 0xFFCF }, { 0xFFD2, 0xFFD7 }, { 0xFFDA, 0xFFDC },
	{ 0x20000, 0x2A6DF }, { 0x2A700, 0x2B738 }, { 0x2B740, 0x2B81D },
	{ 0x2B820, 0x2CEA1 }, { 0x2CEB0, 0x2EBE0 }, { 0x2F800, 0x2FA1D },
	{ 0x30000, 0x3134A },
};

static bool
in_ranges(const struct range *r, size_t n, unsigned cp)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

/* Unicode white space as CommonMark defines it (Zs, tab, line ends). */
bool
ks_md_is_ws(unsigned cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\f' ||
	    cp == '\r' || cp == 0xA0 || cp == 0x1680 ||
	    (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
	    cp == 0x3000;
}

static bool
is_ascii_punct(unsigned cp)
{
	return (cp >= 0x21 && cp <= 0x2F) || (cp >= 0x3A && cp <= 0x40) ||
	    (cp >= 0x5B && cp <= 0x60) || (cp >= 0x7B && cp <= 0x7E);
}

static bool
is_ascii_alnum(unsigned cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ||
	    (cp >= 'a' && cp <= 'z');
}

/* Punctuation to every parser. */
bool
ks_md_sure_punct(unsigned cp)
{
	return is_ascii_punct(cp) || (cp >= 0x80 && cp != KS_MD_EDGE &&
	    in_ranges(sure_punct_ranges, sizeof(sure_punct_ranges) /
	    sizeof(sure_punct_ranges[0]), cp));
}

/* A letter or digit to every parser. */
bool
ks_md_is_word(unsigned cp)
{
	return is_ascii_alnum(cp) || (cp >= 0x80 && cp != KS_MD_EDGE &&
	    in_ranges(word_ranges, sizeof(word_ranges) /
	    sizeof(word_ranges[0]), cp));
}

/* Punctuation to some parser: neither white space nor surely a letter. */
bool
ks_md_maybe_punct(unsigned cp)
{
	return !ks_md_is_ws(cp) && !ks_md_is_word(cp);
}

/* ---- Escapers ---- */

/* Does s (just after an '&') spell an entity or numeric reference? */
bool
ks_md_entity_follows(const char *s)
{
	size_t n = 0;

	if (*s == '#')
		s++;
	while (is_ascii_alnum((unsigned char)s[n]))
		n++;
	return n > 0 && s[n] == ';';
}

/* Appends a link title in double quotes, or a code block's info string:
 * backslashes, entity-like "&" and (in a title) quotes escaped, line ends
 * as spaces. md4c 0.4 also takes * _ ~ ` in a title for delimiters (they
 * would pair with ones after the link): escaped too. */
static void
put_quoted_text(struct ks_buf *b, const char *s, bool title)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\' || (*s == '&' && ks_md_entity_follows(s + 1)) ||
		    (title && strchr("\"*_~`", *s) != NULL))
			ks_buf_putc(b, '\\');
		ks_buf_putc(b, *s == '\n' || *s == '\r' ? ' ' : *s);
	}
}

/*
 * Appends "(url "title")". The URL goes in angle brackets when it is
 * empty or has spaces or parentheses, and when it has * ~ or `, which
 * md4c 0.4 otherwise takes for delimiters; backslashes, angle brackets
 * and entity-like "&" are escaped.
 */
void
ks_md_put_destination(struct ks_buf *b, const char *url, const char *title)
{
	bool pointy = url[0] == '\0' || strpbrk(url, " ()<>*~`") != NULL;

	ks_buf_puts(b, pointy ? "(<" : "(");
	for (; *url != '\0'; url++) {
		if (*url == '\\' || *url == '<' || *url == '>' ||
		    (*url == '&' && ks_md_entity_follows(url + 1)))
			ks_buf_putc(b, '\\');
		ks_buf_putc(b, *url == '\n' || *url == '\r' ? ' ' : *url);
	}
	ks_buf_puts(b, pointy ? ">" : "");
	if (title != NULL) {
		ks_buf_puts(b, " \"");
		put_quoted_text(b, title, true);
		ks_buf_putc(b, '"');
	}
	ks_buf_putc(b, ')');
}

/* A digit run of at most 9 digits, then . or ), then white space or the
 * end: an ordered list marker at the start of a line. Returns the offset
 * of the . or ), or 0. */
size_t
ks_md_list_marker_at(const char *s)
{
	size_t n = 0;

	while (s[n] >= '0' && s[n] <= '9')
		n++;
	if (n == 0 || n > 9 || (s[n] != '.' && s[n] != ')'))
		return 0;
	return s[n + 1] == '\0' || s[n + 1] == ' ' || s[n + 1] == '\t' ? n : 0;
}

/* Is s, from its start, only c and spaces (a thematic break or setext
 * underline if alone on its line)? */
static bool
only_char(const char *s, char c)
{
	for (; *s != '\0'; s++)
		if (*s != c && *s != ' ' && *s != '\t')
			return false;
	return true;
}

/* Does the first character at a line start, s[0], begin block syntax? */
bool
ks_md_starts_block(const char *s)
{
	size_t n = 0;

	switch (s[0]) {
	case '>':
		return true;
	case '#':
		while (s[n] == '#')
			n++;
		return n <= 6 && (s[n] == '\0' || s[n] == ' ' || s[n] == '\t');
	case '-':
	case '+':
	case '*':
		return s[1] == '\0' || s[1] == ' ' || s[1] == '\t' ||
		    only_char(s, s[0]);
	case '=':
	case '_':
		return only_char(s, s[0]);
	default:
		return false;
	}
}

void
ks_md_put_info(struct ks_buf *b, const char *info)
{
	put_quoted_text(b, info, false);
}
