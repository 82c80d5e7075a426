/* Strict UTF-8 decoding and the repair pass every input goes through before
 * a parser sees it: invalid bytes and unwanted control characters become
 * U+FFFD. Also the script classes used for language detection and joining. */
#include "utf8.h"

#include <stdint.h>
#include <string.h>

#define REPLACEMENT	"\xEF\xBF\xBD"

/*
 * Byte classes for the repair fast path: 0 is a byte copied as it is
 * (printable ASCII, \t, \n, \r), 1 a control we replace (C0 other than
 * those three, DEL), 2 the start of something that must be decoded.
 */
static const unsigned char byte_class[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1,	/* 0x00 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 0x10 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 0x20 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 0x30 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 0x40 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 0x50 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 0x60 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,	/* 0x70 */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,	/* 0x80 */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,	/* 0x90 */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,	/* 0xA0 */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,	/* 0xB0 */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,	/* 0xC0 */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,	/* 0xD0 */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,	/* 0xE0 */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,	/* 0xF0 */
};

#define ONES	UINT64_C(0x0101010101010101)
#define HIGHS	UINT64_C(0x8080808080808080)

/*
 * Are all eight bytes of w printable ASCII (0x20-0x7E)? A byte with its
 * high bit set fails at once; otherwise no byte can carry into the next,
 * so w + ONES sets a high bit exactly where a byte was 0x7F, and the
 * classic "has a byte less than n" test finds the controls.
 */
static int
all_printable(uint64_t w)
{
	return ((w | (w + ONES) | ((w - 0x20 * ONES) & ~w)) & HIGHS) == 0;
}

/*
 * Returns the index of the first byte at or after i that is not of class
 * 0, eight bytes at a time while the text is plain ASCII. Newlines drop
 * out of the word test, so up to eight bytes are then checked one by one
 * before trying whole words again.
 */
static size_t
skip_plain(const unsigned char *s, size_t i, size_t len)
{
	uint64_t w;
	size_t end;

	for (;;) {
		while (len - i >= 8) {
			memcpy(&w, s + i, 8);
			if (!all_printable(w))
				break;
			i += 8;
		}
		end = len - i > 8 ? i + 8 : len;
		while (i < end && byte_class[s[i]] == 0)
			i++;
		if (i < end || i == len)
			return i;
	}
}

/* The first byte at or after i that is not ASCII, or len; eight bytes at
 * a time. */
static size_t
skip_ascii(const unsigned char *s, size_t i, size_t len)
{
	uint64_t w;

	while (len - i >= 8) {
		memcpy(&w, s + i, 8);
		if ((w & HIGHS) != 0)
			break;
		i += 8;
	}
	while (i < len && s[i] < 0x80)
		i++;
	return i;
}

/*
 * Strict decoding after Unicode's table 3-7: the bounds of the second byte
 * rule out overlong forms (E0, F0), surrogates (ED) and code points past
 * U+10FFFF (F4); C0, C1 and F5-FF never start a sequence. A caller that
 * passes *pos >= len gets -1 and *pos unchanged, so loop on *pos < len.
 */
int
ks_utf8_decode_multi(const char *s, size_t len, size_t *pos)
{
	const unsigned char *p;
	unsigned char lo = 0x80, hi = 0xBF;
	unsigned c, cp;
	size_t n, i;

	if (*pos >= len)
		return -1;
	p = (const unsigned char *)s + *pos;
	c = p[0];
	if (c < 0x80) {
		(*pos)++;
		return (int)c;
	}
	if (ks_utf8_plain3(p, 0, len - *pos)) {
		*pos += 3;
		return (int)(((c & 0x0F) << 12) | ((p[1] & 0x3Fu) << 6) |
		    (p[2] & 0x3Fu));
	}
	if (c < 0xC2) {
		goto bad;
	} else if (c < 0xE0) {
		n = 2;
		cp = c & 0x1F;
	} else if (c < 0xF0) {
		n = 3;
		cp = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c < 0xF5) {
		n = 4;
		cp = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else
		goto bad;
	if (len - *pos < n || p[1] < lo || p[1] > hi)
		goto bad;
	cp = (cp << 6) | (p[1] & 0x3F);
	for (i = 2; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			goto bad;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	*pos += n;
	return (int)cp;
bad:
	/* One byte only: what follows a broken lead may be a good character. */
	(*pos)++;
	return -1;
}

bool
ks_utf8_is_bad_control(unsigned cp)
{
	if (cp < 0x20)
		return cp != '\t' && cp != '\n' && cp != '\r';
	/* U+FFFE and U+FFFF are no characters: XML forbids them and libyaml
	 * refuses a front matter that holds them. */
	return (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF;
}

/* 1 + the number of '\n' in s[0..n). */
static size_t
line_of(const char *s, size_t n)
{
	const char *p, *end = s + n;
	size_t line = 1;

	while ((p = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		line++;
		s = p + 1;
	}
	return line;
}

/*
 * The next spot at or after *i that the repair replaces: an invalid
 * sequence (one byte of it), a bad control, U+FFFE or U+FFFF. Returns its
 * index, or len when there is none, and moves *i past it. Decoding is
 * needed only past ASCII.
 */
static size_t
next_bad(const char *in, size_t len, size_t *i)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t j = *i, at = len;
	int cp;

	while (j < len) {
		j = skip_plain(s, j, len);
		if (j == len)
			break;
		if (ks_utf8_plain3(s, j, len)) {
			j += 3;
			continue;
		}
		if (byte_class[s[j]] == 1) {
			at = j++;
			break;
		}
		at = j;
		cp = ks_utf8_decode(in, len, &j);
		if (cp <= 0x9F || ks_utf8_is_bad_control((unsigned)cp))
			break;	/* invalid (-1), a C1 control, U+FFFE/F */
		at = len;
	}
	*i = j;
	return at;
}

bool
ks_utf8_is_clean(const char *in, size_t len)
{
	size_t i = 0;

	return next_bad(in, len, &i) == len;
}

/* Copies runs of good text with one ks_buf_put each; only the bad spots
 * cost an append of their own. */
size_t
ks_utf8_repair(const char *in, size_t len, struct ks_buf *out,
    size_t *first_bad_line)
{
	size_t i = 0, run = 0, at, nbad = 0;

	if (first_bad_line != NULL)
		*first_bad_line = 0;
	ks_buf_grow(out, len);
	while ((at = next_bad(in, len, &i)) < len) {
		if (nbad++ == 0 && first_bad_line != NULL)
			*first_bad_line = line_of(in, at);
		ks_buf_put(out, in + run, at - run);
		ks_buf_put(out, REPLACEMENT, 3);
		run = i;
	}
	ks_buf_put(out, in + run, len - run);
	return nbad;
}

size_t
ks_utf8_count_invalid(const char *in, size_t len)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t i = 0, n = 0;

	while (i < len) {
		if (s[i] < 0x80)
			i = skip_ascii(s, i, len);
		else if (ks_utf8_plain3(s, i, len))
			i += 3;
		else if (ks_utf8_decode(in, len, &i) < 0)
			n++;
	}
	return n;
}

size_t
ks_utf8_length(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

bool
ks_utf8_longer(const char *s, size_t n)
{
	size_t k = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80 && k++ == n)
			return true;
	return false;
}

/*
 * A character is its lead byte and the continuation bytes after it, so
 * even bad input is never cut inside a sequence, and the NUL (not a
 * continuation byte) stops the look-ahead.
 */
/*
 * Without a count, the cut is found from max_bytes backwards: a byte that
 * is no continuation byte (or the first byte) starts a character, and
 * continuation bytes after its first three group by four.
 */
static size_t
byte_prefix(const unsigned char *p, size_t max_bytes)
{
	size_t len = strnlen((const char *)p, max_bytes), j;

	if (len < max_bytes || p[max_bytes] == '\0')
		return len;
	for (j = max_bytes; j > 0 && (p[j] & 0xC0) == 0x80; j--)
		continue;
	return j + (max_bytes - j) / 4 * 4;
}

size_t
ks_utf8_prefix(const char *s, size_t max_chars, size_t max_bytes)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n = 0, clen;

	if (max_chars == (size_t)-1)
		return byte_prefix(p, max_bytes);
	while (p[i] != '\0' && n < max_chars) {
		clen = 1;
		while (clen < 4 && (p[i + clen] & 0xC0) == 0x80)
			clen++;
		if (clen > max_bytes - i)
			break;
		i += clen;
		n++;
	}
	return i;
}

size_t
ks_utf8_space_seq(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	switch (p[0]) {
	case ' ': case '\t': case '\n': case '\v': case '\f': case '\r':
		return 1;
	case 0xC2:	/* U+00A0 */
		return p[1] == 0xA0 ? 2 : 0;
	case 0xE1:	/* U+1680 */
		return p[1] == 0x9A && p[2] == 0x80 ? 3 : 0;
	case 0xE2:	/* U+2000-200B, 2028, 2029, 202F; U+205F */
		if (p[1] == 0x80)
			return (p[2] >= 0x80 && p[2] <= 0x8B) || p[2] == 0xA8 ||
			    p[2] == 0xA9 || p[2] == 0xAF ? 3 : 0;
		return p[1] == 0x81 && p[2] == 0x9F ? 3 : 0;
	case 0xE3:	/* U+3000 */
		return p[1] == 0x80 && p[2] == 0x80 ? 3 : 0;
	case 0xEF:	/* U+FEFF */
		return p[1] == 0xBB && p[2] == 0xBF ? 3 : 0;
	default:
		return 0;
	}
}

bool
ks_utf8_is_han(unsigned cp)
{
	return (cp >= 0x3400 && cp <= 0x4DBF) ||	/* Extension A */
	    (cp >= 0x4E00 && cp <= 0x9FFF) ||		/* Unified */
	    (cp >= 0xF900 && cp <= 0xFAFF) ||		/* Compatibility */
	    (cp >= 0x20000 && cp <= 0x2FFFD) ||	/* Ext B-F, I, compat sup. */
	    (cp >= 0x30000 && cp <= 0x3FFFD);		/* Ext G, H */
}

bool
ks_utf8_is_kana(unsigned cp)
{
	return (cp >= 0x3040 && cp <= 0x30FF) ||	/* Hiragana, Katakana */
	    (cp >= 0x31F0 && cp <= 0x31FF) ||		/* Katakana ext. */
	    (cp >= 0xFF66 && cp <= 0xFF9F) ||		/* Half-width katakana */
	    (cp >= 0x1AFF0 && cp <= 0x1B16F);		/* Kana sup. and ext. */
}

bool
ks_utf8_is_hangul(unsigned cp)
{
	return (cp >= 0xAC00 && cp <= 0xD7AF) ||	/* Syllables */
	    (cp >= 0x1100 && cp <= 0x11FF) ||		/* Jamo */
	    (cp >= 0x3130 && cp <= 0x318F) ||		/* Compatibility jamo */
	    (cp >= 0xA960 && cp <= 0xA97F) ||		/* Jamo ext. A */
	    (cp >= 0xD7B0 && cp <= 0xD7FF) ||		/* Jamo ext. B */
	    (cp >= 0xFFA0 && cp <= 0xFFDC);		/* Half-width jamo */
}

/*
 * Besides the three scripts: the punctuation and symbol blocks that sit
 * in CJK text without spaces around them (radicals, 、。「」, Bopomofo,
 * enclosed and squared forms, vertical and full-width forms).
 */
bool
ks_utf8_is_cjk(unsigned cp)
{
	return ks_utf8_is_han(cp) || ks_utf8_is_kana(cp) ||
	    ks_utf8_is_hangul(cp) ||
	    (cp >= 0x2E80 && cp <= 0x2FDF) ||		/* Radicals */
	    (cp >= 0x3000 && cp <= 0x303F) ||		/* Symbols, punct. */
	    (cp >= 0x3100 && cp <= 0x312F) ||		/* Bopomofo */
	    (cp >= 0x31C0 && cp <= 0x31EF) ||		/* Strokes */
	    (cp >= 0x3200 && cp <= 0x33FF) ||		/* Enclosed, compat. */
	    (cp >= 0xFE10 && cp <= 0xFE1F) ||		/* Vertical forms */
	    (cp >= 0xFE30 && cp <= 0xFE4F) ||		/* Compat. forms */
	    (cp >= 0xFF00 && cp <= 0xFFEF);		/* Full-width forms */
}
