/* UTF-8 decoding, repair and counting. Everything downstream of the reader
 * may assume valid UTF-8 without C0 (except \t \n \r), DEL or C1 controls. */
#ifndef KS_UTF8_H
#define KS_UTF8_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/*
 * Is s[i] (of len bytes) a valid three-byte character other than U+FFFE
 * and U+FFFF, with a lead (E1-EC, EE, EF) whose next byte needs no range
 * check? Han and most CJK punctuation are: callers step over them without
 * decoding.
 */
static inline bool
ks_utf8_plain3(const unsigned char *s, size_t i, size_t len)
{
	return s[i] >= 0xE1 && s[i] <= 0xEF && s[i] != 0xED && len - i >= 3 &&
	    (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80 &&
	    (s[i] != 0xEF || s[i + 1] != 0xBF || s[i + 2] < 0xBE);
}

/* ks_utf8_decode out of line, called past ASCII (it takes any byte). */
int	ks_utf8_decode_multi(const char *s, size_t len, size_t *pos);

/*
 * Decodes the code point at s[*pos] (len bytes in all) and advances *pos.
 * Returns the code point, or -1 for an invalid sequence (overlong,
 * surrogate, > U+10FFFF, truncated, stray continuation byte), in which
 * case *pos advances by one byte. Inline for ASCII: most text is.
 */
static inline int
ks_utf8_decode(const char *s, size_t len, size_t *pos)
{
	if (*pos < len && (unsigned char)s[*pos] < 0x80)
		return (unsigned char)s[(*pos)++];
	return ks_utf8_decode_multi(s, len, pos);
}

/* Like ks_utf8_decode, but an invalid sequence reads as U+FFFD: for text
 * the reader has repaired, where a bad byte can only come from a caller
 * that skipped the repair. */
static inline unsigned
ks_utf8_next(const char *s, size_t len, size_t *pos)
{
	int c = ks_utf8_decode(s, len, pos);

	return c < 0 ? 0xFFFD : (unsigned)c;
}

/* Is the code point one we replace: C0 other than \t \n \r, DEL, C1,
 * U+FFFE, U+FFFF? */
bool	ks_utf8_is_bad_control(unsigned cp);

/*
 * Appends to out a copy of in[0..len) in which every invalid sequence and
 * every bad control character is U+FFFD. Returns the number of
 * replacements. *first_bad_line (may be NULL) gets the 1-based line of the
 * first replacement, 0 when there is none.
 */
size_t	ks_utf8_repair(const char *in, size_t len, struct ks_buf *out,
	    size_t *first_bad_line);

/* Is in[0..len) what ks_utf8_repair would copy unchanged? */
bool	ks_utf8_is_clean(const char *in, size_t len);

/* Counts the invalid bytes (not controls) in in[0..len). */
size_t	ks_utf8_count_invalid(const char *in, size_t len);

/* Number of code points in a valid UTF-8 string. */
size_t	ks_utf8_length(const char *s);
/* Is ks_utf8_length(s) > n? Reads no further than it must to tell. */
bool	ks_utf8_longer(const char *s, size_t n);

/*
 * Byte length of the longest prefix of s (valid UTF-8) that holds at most
 * max_chars code points and at most max_bytes bytes, never cutting a
 * character. Pass (size_t)-1 for no limit.
 */
size_t	ks_utf8_prefix(const char *s, size_t max_chars, size_t max_bytes);

/* ks_utf8_space_len past its inline test of the first byte. */
size_t	ks_utf8_space_seq(const char *s);

/*
 * The length of the white space character (as ks_utf8_is_space has it)
 * that starts the NUL-terminated s, or 0. Needs no decoding: only ASCII
 * and the lead bytes C2, E1, E2, E3 and EF can start one, and a byte that
 * is no continuation byte always starts a character. Inline, as most
 * bytes are turned away by the first test.
 */
static inline size_t
ks_utf8_space_len(const char *s)
{
	unsigned char c = (unsigned char)s[0];

	if (c > ' ' && c != 0xC2 && (c < 0xE1 || c > 0xE3) && c != 0xEF)
		return 0;
	return ks_utf8_space_seq(s);
}

/* Script classes for language detection and CJK-aware joining. */
bool	ks_utf8_is_han(unsigned cp);
bool	ks_utf8_is_kana(unsigned cp);
bool	ks_utf8_is_hangul(unsigned cp);
/* Han, kana, hangul or CJK/full-width punctuation: text with no spaces. */
bool	ks_utf8_is_cjk(unsigned cp);
/* Unicode white space, including U+00A0, U+3000 and U+200B. Inline, and
 * ordered so letters, digits and CJK are turned away after a compare or
 * two: it runs once per character in most loops. */
static inline bool
ks_utf8_is_space(unsigned cp)
{
	if (cp <= ' ')
		return cp == ' ' || (cp >= '\t' && cp <= '\r');
	if (cp < 0x1680)
		return cp == 0x00A0;
	if (cp > 0x3000)
		return cp == 0xFEFF;
	return cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
	    cp == 0x3000;
}

#endif
