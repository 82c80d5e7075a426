/* UTF-8 decoding, repair and counting. Everything downstream of the reader
 * may assume valid UTF-8 without C0 (except \t \n \r), DEL or C1 controls. */
#ifndef KS_UTF8_H
#define KS_UTF8_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/*
 * Decodes the code point at s[*pos] (len bytes in all) and advances *pos.
 * Returns the code point, or -1 for an invalid sequence (overlong,
 * surrogate, > U+10FFFF, truncated, stray continuation byte), in which
 * case *pos advances by one byte.
 */
int	ks_utf8_decode(const char *s, size_t len, size_t *pos);

/* Like ks_utf8_decode, but an invalid sequence reads as U+FFFD: for text
 * the reader has repaired, where a bad byte can only come from a caller
 * that skipped the repair. */
unsigned ks_utf8_next(const char *s, size_t len, size_t *pos);

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

/* Counts the invalid bytes (not controls) in in[0..len). */
size_t	ks_utf8_count_invalid(const char *in, size_t len);

/* Number of code points in a valid UTF-8 string. */
size_t	ks_utf8_length(const char *s);

/*
 * Byte length of the longest prefix of s (valid UTF-8) that holds at most
 * max_chars code points and at most max_bytes bytes, never cutting a
 * character. Pass (size_t)-1 for no limit.
 */
size_t	ks_utf8_prefix(const char *s, size_t max_chars, size_t max_bytes);

/* Script classes for language detection and CJK-aware joining. */
bool	ks_utf8_is_han(unsigned cp);
bool	ks_utf8_is_kana(unsigned cp);
bool	ks_utf8_is_hangul(unsigned cp);
/* Han, kana, hangul or CJK/full-width punctuation: text with no spaces. */
bool	ks_utf8_is_cjk(unsigned cp);
/* Unicode white space, including U+00A0, U+3000 and U+200B. */
bool	ks_utf8_is_space(unsigned cp);

#endif
