/*
 * The second floor of `make bench`: floor_parse (read, htmlReadMemory,
 * walk) plus what zlib costs to deflate each file at level 6, raw, as a
 * zip or EPUB entry is stored.  The one-pass run of every writer is
 * measured against this.
 *
 *	floor_deflate LIST
 */
#include <stdio.h>
#include <stdlib.h>

#include <zlib.h>

static unsigned long long deflated;

static void
deflate_one(const char *buf, size_t len)
{
	static unsigned char *out;
	static size_t cap;
	z_stream z = { 0 };
	size_t need;

	if (deflateInit2(&z, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) !=
	    Z_OK)
		abort();
	need = deflateBound(&z, (uLong)len);
	if (need > cap) {
		cap = need;
		free(out);
		if ((out = malloc(cap)) == NULL)
			abort();
	}
	z.next_in = (unsigned char *)buf;
	z.avail_in = (uInt)len;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		abort();
	deflated += z.total_out;
	deflateEnd(&z);
}

#define FLOOR_EXTRA(buf, len) deflate_one(buf, len)
#define main floor_parse_main
#include "floor_parse.c"
#undef main

int
main(int argc, char **argv)
{
	int rc = floor_parse_main(argc, argv);

	if (rc == 0)
		printf("deflated %llu\n", deflated);
	return rc;
}
