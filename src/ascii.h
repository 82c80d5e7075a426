/* ASCII character classes that ignore the locale: the C library's
 * isalpha and tolower follow LC_CTYPE, and our inputs are UTF-8 bytes. */
#ifndef KS_ASCII_H
#define KS_ASCII_H

#include <stdbool.h>

static inline bool
ks_ascii_is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline bool
ks_ascii_is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int
ks_ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

#endif
