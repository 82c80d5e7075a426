/* The growable byte buffer every module writes into. */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void
ks_buf_grow(struct ks_buf *b, size_t extra)
{
	size_t need, cap;

	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	cap = b->cap < 64 ? 64 : b->cap;
	while (cap < need)
		cap += cap / 2;
	b->ptr = ks_xrealloc(b->ptr, cap);
	b->cap = cap;
}

void
ks_buf_put_grow(struct ks_buf *b, const void *data, size_t len)
{
	ks_buf_grow(b, len);
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
}

void
ks_buf_puts(struct ks_buf *b, const char *s)
{
	ks_buf_put(b, s, strlen(s));
}

void
ks_buf_put_utf8(struct ks_buf *b, unsigned cp)
{
	char s[4];
	size_t n;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		s[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		s[0] = (char)(0xC0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		s[0] = (char)(0xE0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		s[0] = (char)(0xF0 | (cp >> 18));
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	ks_buf_put(b, s, n);
}

void
ks_buf_vprintf(struct ks_buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return;
	ks_buf_grow(b, (size_t)n);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
ks_buf_printf(struct ks_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ks_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
ks_buf_clear(struct ks_buf *b)
{
	ks_buf_truncate(b, 0);
}

void
ks_buf_truncate(struct ks_buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->ptr[len] = '\0';
	}
}

const char *
ks_buf_cstr(const struct ks_buf *b)
{
	return b->ptr ? b->ptr : "";
}

char *
ks_buf_detach(struct ks_buf *b)
{
	char *p;

	p = b->ptr ? b->ptr : ks_xstrdup("");
	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}

void
ks_buf_free(struct ks_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}
