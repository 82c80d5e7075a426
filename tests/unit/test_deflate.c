/* ks_deflate_raw: its data inflates back to the input through zlib, its
 * CRC is zlib's, and it appends to what the buffer holds. */
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "check.h"
#include "deflate.h"

/* Inflates raw deflate data; returns the bytes (caller frees) or NULL. */
static char *
inflate_raw(const char *in, size_t len, size_t want)
{
	char *out = malloc(want + 1);
	z_stream z;
	int rc;

	memset(&z, 0, sizeof(z));
	if (out == NULL || inflateInit2(&z, -MAX_WBITS) != Z_OK) {
		free(out);
		return NULL;
	}
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)want + 1;
	rc = inflate(&z, Z_FINISH);
	inflateEnd(&z);
	if (rc != Z_STREAM_END || z.total_out != want) {
		free(out);
		return NULL;
	}
	return out;
}

static void
round_trip(const char *in, size_t len, int level)
{
	struct ks_buf b = KS_BUF_INIT;
	uint32_t crc = 0;
	char *back;

	ks_buf_puts(&b, "kept");
	CHECK_INT(ks_deflate_raw(in, len, level, &b, &crc), 0);
	CHECK(b.len >= 4 && memcmp(b.ptr, "kept", 4) == 0);
	CHECK_INT(crc, crc32(0L, (const Bytef *)in, (uInt)len));
	back = inflate_raw(b.ptr + 4, b.len - 4, len);
	CHECK(back != NULL && memcmp(back, in, len) == 0);
	free(back);
	ks_buf_free(&b);
}

int
main(void)
{
	size_t big = (size_t)3 << 20;
	char *noise = malloc(big), *text = malloc(big);
	uint32_t x = 2463534242u;

	round_trip("", 0, 6);
	round_trip("a", 1, 6);
	round_trip("<p>文章</p>\n", strlen("<p>文章</p>\n"), 1);
	/* Incompressible data: the bound must leave room for it. */
	for (size_t i = 0; i < big; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		noise[i] = (char)x;
		text[i] = "<p>新闻 news</p>\n"[i % 20];
	}
	round_trip(noise, big, 6);
	round_trip(text, big, 9);
	{
		struct ks_buf b = KS_BUF_INIT;
		uint32_t crc;

		/* A level libdeflate refuses fails and leaves the buffer alone. */
		ks_buf_puts(&b, "x");
		CHECK_INT(ks_deflate_raw("abc", 3, 42, &b, &crc), -1);
		CHECK_STR(b.ptr, "x");
		ks_buf_free(&b);
	}
	free(noise);
	free(text);
	return ks_check_done("deflate");
}
