/* Raw deflate (RFC 1951) and CRC-32 of one buffer, as a zip entry holds
 * them: the EPUB writer compresses chapters on the reading threads and
 * hands libzip the finished data. */
#ifndef KS_DEFLATE_H
#define KS_DEFLATE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/*
 * Appends in[0..len) deflated at level (0-12, libdeflate's) to out and
 * sets *crc to the CRC-32 of in. Returns 0, or -1 when no compressor can
 * be made (out then holds what it held before).
 */
int	ks_deflate_raw(const char *in, size_t len, int level,
	    struct ks_buf *out, uint32_t *crc);

#endif
