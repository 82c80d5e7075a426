/* Raw deflate through zlib, the way libzip 1.7 compresses an entry
 * (-MAX_WBITS, memory level MAX_MEM_LEVEL, the default strategy), so a
 * chapter compressed here has the bytes libzip would have written. */
#include "deflate.h"

#include <limits.h>
#include <string.h>

#include <zlib.h>

/* zlib counts in uInt: feed it at most this much at a time. */
#define CHUNK	((size_t)1 << 30)

static uint32_t
crc_of(const char *in, size_t len)
{
	uLong crc = crc32(0L, Z_NULL, 0);

	for (size_t at = 0, n; at < len; at += n) {
		n = len - at < CHUNK ? len - at : CHUNK;
		crc = crc32(crc, (const Bytef *)in + at, (uInt)n);
	}
	return (uint32_t)crc;
}

int
ks_deflate_raw(const char *in, size_t len, int level, struct ks_buf *out,
    uint32_t *crc)
{
	size_t start = out->len, left = len, room;
	z_stream z;
	int flush, rc;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, level, Z_DEFLATED, -MAX_WBITS, MAX_MEM_LEVEL,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	z.next_in = (Bytef *)(uintptr_t)in;
	do {
		z.avail_in = (uInt)(left < CHUNK ? left : CHUNK);
		left -= z.avail_in;
		flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
		do {
			/* The bound of what is left is room enough at once. */
			room = deflateBound(&z, z.avail_in) + 64;
			if (room > CHUNK)
				room = CHUNK;
			ks_buf_grow(out, room);
			z.next_out = (Bytef *)out->ptr + out->len;
			z.avail_out = (uInt)room;
			rc = deflate(&z, flush);
			out->len += room - z.avail_out;
			if (rc == Z_STREAM_ERROR)
				goto fail;
		} while (z.avail_out == 0 || (flush == Z_FINISH &&
		    rc != Z_STREAM_END));
	} while (left > 0);
	deflateEnd(&z);
	out->ptr[out->len] = '\0';
	*crc = crc_of(in, len);
	return 0;
fail:
	deflateEnd(&z);
	out->len = start;
	if (out->ptr != NULL)
		out->ptr[start] = '\0';
	return -1;
}
