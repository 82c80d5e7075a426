/* A growable byte buffer: never a NULL pointer once used, always
 * NUL-terminated, grows by half again so appends stay amortised O(1). */
#ifndef KS_BUF_H
#define KS_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct ks_buf {
	char	*ptr;	/* NUL-terminated; NULL only before the first write */
	size_t	 len;
	size_t	 cap;
};

#define KS_BUF_INIT { NULL, 0, 0 }

void	 ks_buf_grow(struct ks_buf *b, size_t extra);
/* ks_buf_put when the bytes may not fit: grows, then appends. */
void	 ks_buf_put_grow(struct ks_buf *b, const void *data, size_t len);

/* Appends are inline while they fit: writers append a character or a
 * short run at a time, and the call would cost more than the copy. */
static inline void
ks_buf_put(struct ks_buf *b, const void *data, size_t len)
{
	if (len >= b->cap - b->len) {
		ks_buf_put_grow(b, data, len);
		return;
	}
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
}

static inline void
ks_buf_putc(struct ks_buf *b, char c)
{
	if (b->cap - b->len < 2) {
		ks_buf_put_grow(b, &c, 1);
		return;
	}
	b->ptr[b->len++] = c;
	b->ptr[b->len] = '\0';
}

void	 ks_buf_puts(struct ks_buf *b, const char *s);
/* Appends one Unicode code point as UTF-8. */
void	 ks_buf_put_utf8(struct ks_buf *b, unsigned cp);
void	 ks_buf_printf(struct ks_buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 ks_buf_vprintf(struct ks_buf *b, const char *fmt, va_list ap);
/* Empties the buffer but keeps its memory. */
void	 ks_buf_clear(struct ks_buf *b);
void	 ks_buf_truncate(struct ks_buf *b, size_t len);
/* Returns the contents ("" when empty, never NULL), without freeing. */
const char *ks_buf_cstr(const struct ks_buf *b);
/* Hands the bytes over: the caller frees the result; the buffer is reset. */
char	*ks_buf_detach(struct ks_buf *b);
void	 ks_buf_free(struct ks_buf *b);

#endif
